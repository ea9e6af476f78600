//! The languages a site publishes in. Every article is in one of them; the first-named default
//! language keeps the site's plain addresses, each other one has an edition under `/{tag}/`.
//! Tags are BCP 47, checked and written in their canonical form (`ur`, `pt-BR`).

use crate::{Invalid, Message, Result};
use unic_langid::LanguageIdentifier;

/// A BCP 47 tag in canonical form, or why `text` is not one.
pub fn canonical_tag(text: &str) -> Result<String> {
    let text = text.trim();
    text.parse::<LanguageIdentifier>()
        .ok()
        .filter(|_| !text.is_empty())
        .map(|id| id.to_string())
        .ok_or_else(|| {
            Invalid::new("language", Message::new("validation-language-tag").text("text", text))
        })
}

/// The site's languages, the default first among equals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SiteLanguages {
    languages: Vec<String>,
    default: String,
}

impl Default for SiteLanguages {
    fn default() -> Self {
        Self { languages: vec!["en".to_owned()], default: "en".to_owned() }
    }
}

impl SiteLanguages {
    /// Checks and canonicalises the tags; the default must be one of them (it is added when
    /// the list leaves it out), and duplicates count once.
    pub fn new<S: AsRef<str>>(languages: &[S], default: &str) -> Result<Self> {
        let default = canonical_tag(default)?;
        let mut tags = vec![default.clone()];
        for language in languages {
            let tag = canonical_tag(language.as_ref())?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(Self { languages: tags, default })
    }

    /// Reads the comma-separated form settings keep (`en,ur`), default first.
    pub fn parse(stored: &str) -> Result<Self> {
        let tags: Vec<&str> = stored.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
        let default = tags.first().copied().unwrap_or("en");
        Self::new(&tags, default)
    }

    /// The comma-separated form settings keep, default first.
    pub fn stored(&self) -> String {
        self.languages.join(",")
    }

    /// Every language, the default first.
    pub fn all(&self) -> &[String] {
        &self.languages
    }

    pub fn default_language(&self) -> &str {
        &self.default
    }

    /// The languages with an edition of their own under `/{tag}/`: all but the default.
    pub fn editions(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(String::as_str).filter(|l| *l != self.default)
    }

    /// `language` in canonical form if the site publishes in it (a regional tag such as
    /// `en-US`, which WordPress exports, counts as the site's `en`), else a clear refusal
    /// naming the languages it does publish in.
    pub fn check(&self, language: &str) -> Result<String> {
        let tag = canonical_tag(language)?;
        if self.languages.contains(&tag) {
            return Ok(tag);
        }
        let primary = tag.split('-').next().unwrap_or(&tag);
        if let Some(site) = self.languages.iter().find(|l| l.as_str() == primary) {
            return Ok(site.clone());
        }
        Err(Invalid::new(
            "language",
            Message::new("validation-language-not-site")
                .text("language", language.trim())
                .text("languages", self.languages.join(", ")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_canonical() {
        for (given, canonical) in
            [("en", "en"), ("ur", "ur"), ("pt-br", "pt-BR"), (" ur-pk ", "ur-PK")]
        {
            assert_eq!(canonical_tag(given).expect(given), canonical);
        }
        for bad in ["", "Urdu", "e", "en_GB!", "12"] {
            assert!(canonical_tag(bad).is_err(), "{bad:?} is no tag");
        }
    }

    #[test]
    fn a_site_accepts_only_its_own_languages() {
        let site = SiteLanguages::new(&["en", "ur"], "en").expect("valid");
        assert_eq!(site.check("ur").expect("ur"), "ur");
        assert_eq!(site.check("en-US").expect("regional"), "en");
        assert_eq!(site.editions().collect::<Vec<_>>(), ["ur"]);
        let refused = site.check("Urdu").expect_err("a name, not a tag");
        assert_eq!(refused.field, "language");
        let refused = site.check("fr").expect_err("not a site language");
        assert!(refused.message.to_string().contains("en, ur"), "{}", refused.message);
        assert_eq!(SiteLanguages::parse(&site.stored()).expect("round trip"), site);
        let defaulted = SiteLanguages::new(&["ur"], "en").expect("default added");
        assert_eq!(defaulted.all(), ["en", "ur"]);
    }
}

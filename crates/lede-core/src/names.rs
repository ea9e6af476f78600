//! Names per language: what a section, tag or author is called in the site's other languages
//! (the Urdu edition's menu reads "سیاست", not "Politics"). The catalog's own fields stay the
//! default language's; a [`LocalName`] gives another language's, field by field, and a page
//! picks them through [`LocalNames::language`], falling back to the default's for every field
//! a language leaves empty.

use crate::content::{Article, ArticleSummary, Author, NamedRef, Section, Tag, optional};
use crate::language::SiteLanguages;
use crate::{Invalid, Message, Result, Slug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What carries names per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Section,
    Tag,
    Author,
}

impl Named {
    /// Longest name and longest text (a section's description, an author's bio; tags have
    /// none), in characters: the same as for the default language's fields.
    fn limits(self) -> (usize, usize) {
        match self {
            Self::Section => (100, 500),
            Self::Tag => (100, 0),
            Self::Author => (120, 2000),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A section's, tag's or author's name in one language, and its longer text: a section's
/// description or an author's bio (empty for tags). An empty field is not given: pages show
/// the default language's instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalName {
    pub language: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl LocalName {
    pub fn new(language: &str, name: &str, text: &str) -> Self {
        Self { language: language.to_owned(), name: name.to_owned(), text: text.to_owned() }
    }

    /// Whether it gives nothing: saving it removes that language's names.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.text.is_empty()
    }
}

/// Applies the rules to names of a `kind` before they are saved: each in one of the site's
/// languages other than the default (whose names are the catalog's own fields), at most once,
/// trimmed and no longer than the default language's fields may be.
pub fn check(
    kind: Named,
    names: Vec<LocalName>,
    languages: &SiteLanguages,
) -> Result<Vec<LocalName>> {
    let (max_name, max_text) = kind.limits();
    let mut checked: Vec<LocalName> = Vec::with_capacity(names.len());
    for name in names {
        let language = languages.check(&name.language)?;
        if language == languages.default_language() {
            return Err(Invalid::new(
                "language",
                Message::new("names-error-default-language").text("language", &language),
            ));
        }
        if checked.iter().any(|c| c.language == language) {
            return Err(Invalid::new(
                "language",
                Message::new("names-error-twice").text("language", &language),
            ));
        }
        let text = optional("local_text", &name.text, max_text)?;
        if kind == Named::Tag && !text.is_empty() {
            return Err(Invalid::new("local_text", "names-error-tag-text"));
        }
        let name = optional("local_name", &name.name, max_name)?;
        checked.push(LocalName { language, name, text });
    }
    Ok(checked)
}

/// Every name the catalog has in languages other than the default, by language: what a page
/// picks its sections', tags' and authors' names from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalNames {
    languages: HashMap<String, LanguageNames>,
}

/// One language's names, by kind ([`Named::index`]) and slug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageNames {
    by_kind: [HashMap<Slug, LocalName>; 3],
}

impl LocalNames {
    /// Adds the names of the section, tag or author at `slug` in `name.language`.
    pub fn insert(&mut self, kind: Named, slug: Slug, name: LocalName) {
        let language = self.languages.entry(name.language.clone()).or_default();
        language.by_kind[kind.index()].insert(slug, name);
    }

    /// The names of one section, tag or author in every language that has some, ordered by
    /// language.
    pub fn of(&self, kind: Named, slug: &Slug) -> Vec<&LocalName> {
        let mut names: Vec<&LocalName> = self
            .languages
            .values()
            .filter_map(|language| language.by_kind[kind.index()].get(slug))
            .collect();
        names.sort_by(|a, b| a.language.cmp(&b.language));
        names
    }

    /// The names a page in `language` shows (none for a language without any, such as the
    /// default).
    pub fn language(&self, language: &str) -> Names<'_> {
        Names(self.languages.get(language))
    }
}

/// The names of one language, applied to what a page shows: each field the language gives
/// replaces the default language's, and every other field stays as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names<'a>(Option<&'a LanguageNames>);

impl Names<'_> {
    fn get(&self, kind: Named, slug: &Slug) -> Option<&LocalName> {
        self.0.and_then(|language| language.by_kind[kind.index()].get(slug))
    }

    /// The name of the section, tag or author at `slug`, or `default` where none is given.
    pub fn name<'b>(&'b self, kind: Named, slug: &Slug, default: &'b str) -> &'b str {
        self.get(kind, slug).map(|n| n.name.as_str()).filter(|n| !n.is_empty()).unwrap_or(default)
    }

    fn replace(&self, kind: Named, slug: &Slug, name: &mut String, text: Option<&mut String>) {
        let Some(local) = self.get(kind, slug) else { return };
        if !local.name.is_empty() {
            name.clone_from(&local.name);
        }
        if let Some(text) = text
            && !local.text.is_empty()
        {
            text.clone_from(&local.text);
        }
    }

    /// A link-sized reference to a section, tag or author, renamed.
    pub fn named_ref(&self, kind: Named, named: &mut NamedRef) {
        self.replace(kind, &named.slug, &mut named.name, None);
    }

    pub fn section(&self, section: &mut Section) {
        self.replace(
            Named::Section,
            &section.slug,
            &mut section.name,
            Some(&mut section.description),
        );
    }

    pub fn tag(&self, tag: &mut Tag) {
        self.replace(Named::Tag, &tag.slug, &mut tag.name, None);
    }

    pub fn author(&self, author: &mut Author) {
        self.replace(Named::Author, &author.slug, &mut author.name, Some(&mut author.bio));
    }

    /// An article in a list: its section and its authors.
    pub fn summary(&self, summary: &mut ArticleSummary) {
        self.named_ref(Named::Section, &mut summary.section);
        for author in &mut summary.authors {
            self.named_ref(Named::Author, author);
        }
    }

    pub fn summaries(&self, summaries: &mut [ArticleSummary]) {
        for summary in summaries {
            self.summary(summary);
        }
    }

    /// An article's own page: its section, authors (bios included) and tags, the tags in the
    /// order of their names in this language.
    pub fn article(&self, article: &mut Article) {
        if self.0.is_none() {
            return;
        }
        self.summary(&mut article.summary);
        for author in &mut article.authors {
            self.author(author);
        }
        for tag in &mut article.tags {
            self.named_ref(Named::Tag, tag);
        }
        article.tags.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SectionId;

    fn slug(text: &str) -> Slug {
        Slug::parse(text).expect("slug")
    }

    fn site() -> SiteLanguages {
        SiteLanguages::new(&["en", "ur"], "en").expect("languages")
    }

    #[test]
    fn names_are_checked_against_the_site_languages() {
        let ok = check(Named::Section, vec![LocalName::new("ur", " سیاست ", "")], &site())
            .expect("valid");
        assert_eq!(ok, [LocalName::new("ur", "سیاست", "")]);
        let table: [(Named, LocalName, &str); 5] = [
            (Named::Section, LocalName::new("en", "Politics", ""), "language"),
            (Named::Section, LocalName::new("fr", "Politique", ""), "language"),
            (Named::Section, LocalName::new("ur", &"x".repeat(101), ""), "local_name"),
            (Named::Author, LocalName::new("ur", "x", &"x".repeat(2001)), "local_text"),
            (Named::Tag, LocalName::new("ur", "x", "a description"), "local_text"),
        ];
        for (kind, name, field) in table {
            let refused = check(kind, vec![name.clone()], &site()).expect_err("refused");
            assert_eq!(refused.field, field, "{name:?}");
        }
        let twice = vec![LocalName::new("ur", "a", ""), LocalName::new("ur", "b", "")];
        assert_eq!(check(Named::Tag, twice, &site()).expect_err("twice").field, "language");
    }

    #[test]
    fn a_page_takes_each_given_field_and_falls_back_for_the_rest() {
        let mut names = LocalNames::default();
        names.insert(Named::Section, slug("politics"), LocalName::new("ur", "سیاست", ""));
        names.insert(Named::Author, slug("ayesha"), LocalName::new("ur", "", "اردو میں تعارف"));
        let mut section = Section {
            id: SectionId(1),
            slug: slug("politics"),
            name: "Politics".into(),
            description: "The council.".into(),
            parent: None,
            position: 0,
        };
        names.language("en").section(&mut section);
        assert_eq!(section.name, "Politics", "English keeps English");
        names.language("ur").section(&mut section);
        assert_eq!(
            (section.name.as_str(), section.description.as_str()),
            ("سیاست", "The council.")
        );
        let urdu = names.language("ur");
        assert_eq!(urdu.name(Named::Author, &slug("ayesha"), "Ayesha"), "Ayesha", "no Urdu name");
        assert_eq!(urdu.name(Named::Tag, &slug("politics"), "Politics"), "Politics", "by kind");
        assert_eq!(names.of(Named::Section, &slug("politics")).len(), 1);
    }
}

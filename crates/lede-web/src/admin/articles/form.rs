//! The editor's form: its fields as sent and shown again, filled from a stored article, and
//! turned into the article input the newsroom saves.

use crate::dates::SiteZone;
use lede_core::content::{ArticleInput, ArticleStatus, FeaturedImage};
use lede_core::presentation::{Curation, Presentation, SearchAndSocial};
use lede_core::workflow::Step;
use lede_core::{Invalid, Slug};
use lede_store::EditableArticle;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What the editor's buttons ask for: the text shown again with a preview, or a step of the
/// workflow (`save`, `submit`, `publish`…, read by serde into [`Step`]).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum EditorAction {
    Preview,
    #[serde(untagged)]
    Step(Step),
}

/// The editor's fields, as the form sends them and as the page shows them again.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct EditorForm {
    /// The button pressed; every button sends one.
    #[serde(skip_serializing)]
    pub(super) action: Option<EditorAction>,
    pub(super) version: Option<i64>,
    pub(super) headline: String,
    pub(super) standfirst: String,
    pub(super) body: String,
    pub(super) slug: String,
    pub(super) section: String,
    /// Tag names, comma-separated; new ones are created.
    pub(super) tags: String,
    pub(super) authors: Vec<String>,
    pub(super) language: String,
    pub(super) image_src: String,
    pub(super) image_alt: String,
    pub(super) image_caption: String,
    pub(super) image_credit: String,
    /// `YYYY-MM-DDTHH:MM` on the wall clock of the site's time zone (`time_zone`).
    pub(super) publish_at: String,
    /// "on" when only syndication partners with an API key may read the article.
    pub(super) partner_only: String,
    /// The slug of the article this one translates; empty for none.
    pub(super) translation_of: String,
    /// "on" to pin it as its edition's top story, or feature it (editors and admins).
    pub(super) top_story: String,
    pub(super) featured: String,
    /// What search results and share cards show instead of the headline, standfirst and
    /// featured image; empty for those.
    pub(super) seo_title: String,
    pub(super) meta_description: String,
    pub(super) social_image: String,
}

impl EditorForm {
    /// The form with an earlier revision's text; the rest (slug, section, tags…) as now.
    pub(super) fn with_text(self, headline: String, standfirst: String, body: String) -> Self {
        Self { headline, standfirst, body, ..self }
    }

    pub(super) fn from_article(
        article: &EditableArticle,
        tag_names: &[(String, String)],
        zone: &SiteZone,
    ) -> Self {
        let input = &article.input;
        let image = input.featured_image.clone().unwrap_or_default();
        let tags = input
            .tags
            .iter()
            .map(|slug| {
                tag_names
                    .iter()
                    .find(|(s, _)| s == slug.as_str())
                    .map_or(slug.to_string(), |(_, n)| n.clone())
            })
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            action: None,
            version: Some(article.version),
            headline: input.headline.clone(),
            standfirst: input.standfirst.clone(),
            body: input.body_markdown.clone(),
            slug: input.slug.to_string(),
            section: input.section.to_string(),
            tags,
            authors: input.authors.iter().map(ToString::to_string).collect(),
            language: input.language.clone(),
            image_src: image.src,
            image_alt: image.alt,
            image_caption: image.caption,
            image_credit: image.credit,
            partner_only: if input.partner_only { "on".into() } else { String::new() },
            translation_of: input
                .translation_of
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            publish_at: article
                .published_at
                .filter(|_| article.status == ArticleStatus::Scheduled)
                .map(|at| zone.civil(at).strftime("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            top_story: checked(article.curation.top_story),
            featured: checked(article.curation.featured),
            seo_title: article.search_and_social.title.clone(),
            meta_description: article.search_and_social.description.clone(),
            social_image: article.search_and_social.image.clone().unwrap_or_default(),
        }
    }

    /// What the form says of the article's presentation: its search and social fields, and,
    /// when the person was offered them (`curates`), the front page's flags.
    pub(super) fn presentation(&self, curates: bool) -> Presentation {
        Presentation {
            curation: curates.then(|| Curation {
                top_story: self.top_story == "on",
                featured: self.featured == "on",
            }),
            search_and_social: Some(SearchAndSocial {
                title: self.seo_title.clone(),
                description: self.meta_description.clone(),
                image: Some(self.social_image.clone()),
            }),
        }
    }
}

/// A checkbox's value as the form sends it when ticked.
fn checked(on: bool) -> String {
    if on { "on".into() } else { String::new() }
}

/// Turns the form into an article input, with the display names of the tags it names (the
/// newsroom creates those that do not exist yet, once the save is allowed).
pub(super) fn to_input(
    form: &EditorForm,
) -> Result<(ArticleInput, Vec<(Slug, String)>), lede_store::Error> {
    let invalid = |field: &'static str, id: &'static str| {
        lede_store::Error::Invalid(lede_core::Invalid::new(field, id))
    };
    let slug = match form.slug.trim() {
        "" => Slug::from_title(&form.headline)
            .ok_or_else(|| invalid("slug", "admin-editor-error-slug"))?,
        text => Slug::parse(text)?,
    };
    let section = Slug::parse(form.section.trim())
        .map_err(|_| invalid("section", "admin-editor-error-section"))?;
    let mut tag_names = Vec::new();
    for name in form.tags.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let tag =
            Slug::from_title(name).ok_or_else(|| invalid("tags", "admin-editor-error-tag"))?;
        tag_names.push((tag, name.to_owned()));
    }
    let tags = tag_names.iter().map(|(slug, _)| slug.clone()).collect();
    let authors = form.authors.iter().map(|a| Slug::parse(a)).collect::<Result<Vec<_>, _>>()?;
    let featured_image = (!form.image_src.trim().is_empty()).then(|| FeaturedImage {
        src: form.image_src.trim().to_owned(),
        alt: form.image_alt.trim().to_owned(),
        caption: form.image_caption.trim().to_owned(),
        credit: form.image_credit.trim().to_owned(),
    });
    let input = ArticleInput {
        slug,
        headline: form.headline.clone(),
        standfirst: form.standfirst.clone(),
        body_markdown: form.body.clone(),
        language: if form.language.trim().is_empty() { "en".into() } else { form.language.clone() },
        section,
        tags,
        authors,
        featured_image,
        partner_only: form.partner_only == "on",
        translation_of: match form.translation_of.trim() {
            "" => None,
            text => Some(Slug::parse(text).map_err(|e| {
                lede_store::Error::Invalid(Invalid::new("translation_of", e.message))
            })?),
        },
    };
    Ok((input, tag_names))
}

/// The instant "Publish at" names: the text is a wall-clock time in the site's zone.
pub(super) fn schedule_time(
    text: &str,
    zone: &SiteZone,
) -> Result<Option<OffsetDateTime>, Invalid> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", text.trim())
        .ok()
        .and_then(|civil| zone.instant(civil))
        .map(Some)
        .ok_or_else(|| Invalid::new("publish_at", "admin-editor-error-date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn publish_at_is_read_on_the_site_clock() {
        let karachi = SiteZone::named("Asia/Karachi").expect("zone");
        assert_eq!(
            schedule_time("2026-12-01T09:30", &karachi).expect("valid"),
            Some(datetime!(2026-12-01 04:30 UTC))
        );
        assert_eq!(
            schedule_time(" 2026-12-01T09:30 ", &SiteZone::default()).expect("valid"),
            Some(datetime!(2026-12-01 09:30 UTC))
        );
        assert_eq!(schedule_time("", &karachi).expect("empty"), None);
        assert!(schedule_time("1 Dec 2026", &karachi).is_err());
    }
}

//! The editor's form: its fields as sent and shown again, filled from a stored article, and
//! turned into the article input the newsroom saves.

use crate::dates::SiteZone;
use lede_core::content::{ArticleInput, ArticleStatus, FeaturedImage, UpdateNotes};
use lede_core::presentation::{Curation, Presentation, SearchAndSocial};
use lede_core::workflow::Step;
use lede_core::{Invalid, Slug};
use lede_store::EditableArticle;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What the editor's buttons ask for: the text shown again with a preview, or a step of the
/// workflow (`save`, `submit`, `publish`, `update`, `later`…, read by serde into [`Step`]).
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
    /// "on" when the featured image is decorative: shown with `alt=""`, no alt text needed.
    pub(super) image_decorative: String,
    /// `YYYY-MM-DDTHH:MM` on the wall clock of the site's time zone (`time_zone`).
    pub(super) publish_at: String,
    /// "on" when only syndication partners with an API key may read the article.
    pub(super) partner_only: String,
    /// The slug of the article this one translates; empty for none.
    pub(super) translation_of: String,
    /// A correction to print with a published article, dated when it goes live.
    pub(super) correction: String,
    /// An update note, likewise.
    pub(super) update_note: String,
    /// "on" when the byline is to say "Updated" with the time of this update.
    pub(super) show_updated: String,
    /// "on" to pin it as its edition's top story, or feature it (editors and admins).
    pub(super) top_story: String,
    pub(super) featured: String,
    /// What search results and share cards show instead of the headline, standfirst and
    /// featured image; empty for those.
    pub(super) seo_title: String,
    pub(super) meta_description: String,
    pub(super) social_image: String,
    /// "on" to email the article to its language's breaking-news list as it is published.
    pub(super) email_breaking: String,
    /// A list key to email the article to as it is published (editors and admins).
    pub(super) email: String,
}

impl EditorForm {
    /// The list the editor asked to email the article to: "Email as breaking news" names its
    /// language's breaking-news list; otherwise the list chosen, if any.
    pub(super) fn email_list(&self) -> Option<String> {
        if self.email_breaking == "on" {
            Some(format!("breaking:{}", self.language.trim()))
        } else {
            Some(self.email.trim().to_owned()).filter(|l| !l.is_empty())
        }
    }

    /// The form with an earlier revision's text; the rest (slug, section, tags…) as now.
    pub(super) fn with_text(self, headline: String, standfirst: String, body: String) -> Self {
        Self { headline, standfirst, body, ..self }
    }

    pub(super) fn from_article(
        article: &EditableArticle,
        tag_names: &[(String, String)],
        zone: &SiteZone,
    ) -> Self {
        let publish_at = article
            .published_at
            .filter(|_| article.status == ArticleStatus::Scheduled)
            .map(|at| zone.civil(at).strftime("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default();
        let mut form =
            Self { publish_at, ..Self::from_input(&article.input, article.version, tag_names) };
        form.show_presentation(&Presentation {
            curation: Some(article.curation),
            search_and_social: Some(article.search_and_social.clone()),
        });
        form
    }

    /// The fields of `input`, saved at `version`, with its tags by the names `tag_names` give.
    fn from_input(input: &ArticleInput, version: i64, tag_names: &[(String, String)]) -> Self {
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
            version: Some(version),
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
            image_decorative: checked(image.decorative),
            partner_only: checked(input.partner_only),
            translation_of: input
                .translation_of
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            ..Self::default()
        }
    }

    /// The form with a pending version's fields (its tags named as it names them), based on
    /// the version the pending one was made from, so an "Update" over a newer live version
    /// is refused as a conflict rather than silently undoing it.
    pub(super) fn with_pending(
        self,
        pending: &lede_store::PendingVersion,
        tag_names: &[(String, String)],
    ) -> Self {
        let mut names = tag_names.to_vec();
        names.extend(pending.tag_names.iter().map(|(s, n)| (s.to_string(), n.clone())));
        let form = Self::from_input(&pending.input, pending.base_version, &names);
        let mut kept = Self {
            correction: pending.notes.correction.clone(),
            update_note: pending.notes.update.clone(),
            show_updated: checked(pending.notes.show_updated),
            publish_at: self.publish_at,
            top_story: self.top_story,
            featured: self.featured,
            seo_title: self.seo_title,
            meta_description: self.meta_description,
            social_image: self.social_image,
            ..form
        };
        kept.show_presentation(&pending.presentation);
        kept
    }

    /// Shows what `presentation` says, leaving the fields it says nothing of.
    fn show_presentation(&mut self, presentation: &Presentation) {
        if let Some(curation) = presentation.curation {
            self.top_story = checked(curation.top_story);
            self.featured = checked(curation.featured);
        }
        if let Some(shown) = &presentation.search_and_social {
            self.seo_title = shown.title.clone();
            self.meta_description = shown.description.clone();
            self.social_image = shown.image.clone().unwrap_or_default();
        }
    }

    /// The correction, update note and "Show as updated" the form sends.
    pub(super) fn notes(&self) -> UpdateNotes {
        UpdateNotes {
            correction: self.correction.clone(),
            update: self.update_note.clone(),
            show_updated: self.show_updated == "on",
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
        decorative: form.image_decorative == "on",
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

/// The form as a preview shows it, however unfinished: a slug, section, tag or author that
/// does not read yet is left out (or made up) rather than refused, since nothing is saved;
/// with no byline yet, `byline` (the writer's own) stands in.
pub(super) fn preview_input(
    form: &EditorForm,
    byline: Option<Slug>,
) -> (ArticleInput, Vec<(Slug, String)>) {
    let stand_in = || Slug::parse("preview").expect("a valid slug");
    let tag_names: Vec<(Slug, String)> = form
        .tags
        .split(',')
        .map(str::trim)
        .filter_map(|name| Slug::from_title(name).map(|slug| (slug, name.to_owned())))
        .collect();
    let mut authors: Vec<Slug> = form.authors.iter().filter_map(|a| Slug::parse(a).ok()).collect();
    if authors.is_empty() {
        authors.extend(byline);
    }
    let input = ArticleInput {
        slug: Slug::parse(form.slug.trim())
            .ok()
            .or_else(|| Slug::from_title(&form.headline))
            .unwrap_or_else(stand_in),
        headline: form.headline.trim().to_owned(),
        standfirst: form.standfirst.trim().to_owned(),
        body_markdown: form.body.clone(),
        language: match form.language.trim() {
            "" => "en".to_owned(),
            language => language.to_owned(),
        },
        section: Slug::parse(form.section.trim()).unwrap_or_else(|_| stand_in()),
        tags: tag_names.iter().map(|(slug, _)| slug.clone()).collect(),
        authors,
        featured_image: (!form.image_src.trim().is_empty()).then(|| FeaturedImage {
            src: form.image_src.trim().to_owned(),
            alt: form.image_alt.trim().to_owned(),
            caption: form.image_caption.trim().to_owned(),
            credit: form.image_credit.trim().to_owned(),
            decorative: form.image_decorative == "on",
        }),
        partner_only: form.partner_only == "on",
        translation_of: None,
    };
    (input, tag_names)
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

/// What a save makes of an editor form's body before the newsroom sees it, for the fuzz
/// target (see [`crate::fuzzing`]): the body read as the route reads it (`None`: a 400), then
/// the article input with the tags it names, and the "Publish at" time on `zone`'s clock.
pub(crate) fn read_for_fuzzing(body: &[u8], zone: &SiteZone) -> Option<crate::fuzzing::Editor> {
    use axum::extract::FromRequest;
    let request = crate::fuzzing::form_request(body);
    let form = crate::fuzzing::at_once(super::super::forms::AdminForm::<EditorForm>::from_request(
        request,
        &(),
    ))
    .ok()?
    .0;
    Some(crate::fuzzing::Editor {
        previewed: matches!(form.action, Some(EditorAction::Preview)),
        input: to_input(&form),
        schedule: schedule_time(&form.publish_at, zone),
    })
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

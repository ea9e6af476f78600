//! The editor's preview of how an article looks in search results and on a share card, from
//! what the form holds now: the SEO title and meta description where the writer gave them,
//! else the headline and standfirst; the share image, else the featured image, else the
//! site's default one. `share-preview.js` keeps it current while the writer types, by the
//! same rules; without JavaScript it shows what the form held when the page was made.

use super::form::EditorForm;
use serde::Serialize;

/// About as many characters of a title as search results show.
pub(super) const TITLE_SHOWN: usize = 60;
/// About as many characters of a title as share cards show.
pub(super) const CARD_TITLE_SHOWN: usize = 100;
/// About as many characters of a description as search results show.
pub(super) const DESCRIPTION_SHOWN: usize = 160;

#[derive(Debug, Serialize)]
pub(super) struct SharePreview {
    /// The page's title as search results show it (with the site's name, clipped).
    title: String,
    /// The title as share cards show it (`og:title`: without the site's name).
    card_title: String,
    description: String,
    /// The address as search results show it: the host and path.
    url: String,
    /// The site's address (`https://news.example`) and name, for the script.
    base_url: String,
    site_name: String,
    host: String,
    image: Option<String>,
    /// The site's default share image, for articles with no image of their own.
    default_image: Option<String>,
    title_max: usize,
    card_title_max: usize,
    description_max: usize,
}

impl SharePreview {
    pub(super) fn of(
        form: &EditorForm,
        site_name: &str,
        base_url: &str,
        default_image: Option<String>,
    ) -> Self {
        let or = |own: &str, fallback: &str| {
            let own = own.trim();
            if own.is_empty() { fallback.trim().to_owned() } else { own.to_owned() }
        };
        let title = or(&form.seo_title, &form.headline);
        let image = [&form.social_image, &form.image_src]
            .into_iter()
            .map(|src| src.trim())
            .find(|src| !src.is_empty())
            .map(str::to_owned)
            .or_else(|| default_image.clone());
        let host = base_url.split("://").nth(1).unwrap_or(base_url).to_owned();
        let slug = form.slug.trim();
        Self {
            title: clip(&format!("{title} | {site_name}"), TITLE_SHOWN),
            card_title: clip(&title, CARD_TITLE_SHOWN),
            description: clip(&or(&form.meta_description, &form.standfirst), DESCRIPTION_SHOWN),
            url: if slug.is_empty() {
                host.clone()
            } else {
                format!("{host} › articles › {slug}")
            },
            base_url: base_url.to_owned(),
            site_name: site_name.to_owned(),
            host,
            image,
            default_image,
            title_max: TITLE_SHOWN,
            card_title_max: CARD_TITLE_SHOWN,
            description_max: DESCRIPTION_SHOWN,
        }
    }
}

/// `text` cut to `max` characters, with an ellipsis where it was cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_fall_back_and_are_clipped_as_search_results_clip_them() {
        assert_eq!(clip("Short", 60), "Short");
        assert_eq!(clip("A headline that goes on", 11), "A headline…");
        // Counted in characters, not bytes; no space is left before the ellipsis.
        assert_eq!(clip("دریائے ایلن میں طغیانی", 8), "دریائے…");
    }
}

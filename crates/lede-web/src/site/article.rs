//! The article page, element by element as a news reader expects it: headline, standfirst,
//! byline with date and reading time, image, body, tags, author box, "You May Also Like",
//! "More From Author", and comments with the "Add yours" form.

use super::comments::CommentFormView;
use super::{Layout, add_library, card_images, render};
use crate::cache::shown::{self, Dep};
use crate::error::{AppError, AppResult};
use crate::seo;
use crate::state::AppState;
use crate::views::{
    ArticleCard, AuthorView, CommentView, DateView, ImageView, Link, cards, comment_thread,
};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use lede_core::content::{Article, is_right_to_left};
use lede_core::urls;
use lede_store::{ArticleFilter, ArticleLists, ArticlePage, MediaItem};
use serde::{Deserialize, Serialize};

/// How many of the first author's other articles "More From Author" lists.
const MORE_FROM_AUTHOR: u32 = 3;

/// A link to the same story in another language.
#[derive(Debug, Serialize)]
struct TranslationLink {
    url: String,
    lang: String,
    dir: &'static str,
    label: String,
}

/// `<link rel="alternate" hreflang>` for every language of a translated story, this page's
/// own included, and `x-default` for the site's default language (else the original).
fn alternates(
    state: &AppState,
    article: &Article,
    translations: &[lede_store::Translation],
) -> Vec<super::Alternate> {
    if translations.is_empty() {
        return Vec::new();
    }
    let summary = &article.summary;
    let mut all: Vec<(&str, &lede_core::Slug, bool)> =
        vec![(summary.language.as_str(), &summary.slug, translations.iter().all(|t| !t.original))];
    all.extend(translations.iter().map(|t| (t.language.as_str(), &t.slug, t.original)));
    let default = state.newsroom.languages().default_language().to_owned();
    let fallback = all
        .iter()
        .find(|(language, _, _)| *language == default)
        .or_else(|| all.iter().find(|(_, _, original)| *original))
        .map(|(_, slug, _)| state.settings.absolute(&urls::article(slug)));
    let mut links: Vec<super::Alternate> = all
        .iter()
        .map(|(language, slug, _)| super::Alternate {
            hreflang: (*language).to_owned(),
            href: state.settings.absolute(&urls::article(slug)),
        })
        .collect();
    links.extend(fallback.map(|href| super::Alternate { hreflang: "x-default".to_owned(), href }));
    links
}

#[derive(Debug, Serialize)]
pub struct ArticleView {
    url: String,
    pub(crate) headline: String,
    standfirst: String,
    pub(crate) lang: String,
    dir: &'static str,
    section: Link,
    published: DateView,
    /// When it last changed, for machines (`dt-updated`).
    updated: DateView,
    /// "Updated …" in the byline: the time an editor ticked "Show as updated"; for an
    /// article that never had that, the day of a change on a later day than it went live.
    shown_updated: Option<DateView>,
    reading_minutes: u32,
    pub(crate) word_count: u32,
    image: Option<ImageView>,
    body_html: String,
    /// Corrections and update notes, oldest first, each dated.
    notes: Vec<NoteView>,
    tags: Vec<Link>,
    authors: Vec<AuthorView>,
    related: Vec<ArticleCard>,
    more_from_author: Vec<ArticleCard>,
    comments: Vec<CommentView>,
    comment_count: usize,
    /// The same story in the site's other languages.
    translations: Vec<TranslationLink>,
    /// The comment form; a preview has none.
    form: Option<CommentFormView>,
    /// The short subscribe form under the article (with the comment form's token); a
    /// preview has none.
    subscribe: Option<SubscribeBox>,
    /// A preview for the newsroom or a shared link, not the public page: it says so, and
    /// shows no lists or comments.
    preview: bool,
}

/// The newsletter form on an article: an address, and its language's daily briefing and
/// breaking news.
#[derive(Debug, Serialize)]
struct SubscribeBox {
    action: String,
    article: i64,
    lists: [String; 2],
}

/// A correction or update note as the article shows it.
#[derive(Debug, Serialize)]
struct NoteView {
    kind: &'static str,
    text: String,
    at: DateView,
}

#[derive(Debug, Deserialize)]
pub struct ArticleQuery {
    /// Set after a comment was accepted, to thank the reader and say it awaits moderation.
    comment: Option<String>,
}

pub async fn show_article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<ArticleQuery>,
) -> AppResult<Response> {
    let page = published_article(&state, &slug).await?;
    let mut form = CommentFormView::fresh(&state, &page.article);
    form.held_for_moderation = query.comment.as_deref() == Some("pending");
    render_article(&state, page, form, StatusCode::OK).await
}

/// A published article by slug with its comments and translations, or a 404.
pub async fn published_article(state: &AppState, slug: &str) -> AppResult<ArticlePage> {
    let store = state.newsroom.store();
    match store.article_page(slug).await? {
        Some(page) => Ok(page),
        // A trashed article is gone on purpose: 410 tells search engines to drop it, and its
        // readers are told in the article's language.
        None => match store.trashed_language(slug).await? {
            Some(language) => Err(AppError::Rejected {
                status: axum::http::StatusCode::GONE,
                message: "error-gone".into(),
            }
            .in_language(&language)),
            None => Err(AppError::NotFound),
        },
    }
}

/// What the top of an article page shows (headline, standfirst, byline, image, body and its
/// notes, tags and author boxes), its sections, tags and authors named in its language and
/// leading to its language's edition, its images with what `library` says of them. Lists and
/// comments are the public page's to add.
fn article_view(state: &AppState, article: &Article, library: &[MediaItem]) -> ArticleView {
    let summary = &article.summary;
    let zone = &state.settings.time_zone;
    let language = summary.language.as_str();
    // The story's section, tags and authors in its readers' edition.
    let edition = super::Edition::of_language(state, language);
    let here = |mut link: Link| {
        link.url = edition.path(&link.url);
        link
    };
    // Updated on a later day of the site's calendar, not of UTC's.
    let later_day = zone.civil(summary.updated_at).date() > zone.civil(summary.published_at).date();
    ArticleView {
        url: urls::article(&summary.slug),
        headline: summary.headline.clone(),
        standfirst: summary.standfirst.clone(),
        lang: summary.language.clone(),
        dir: if is_right_to_left(&summary.language) { "rtl" } else { "ltr" },
        section: here(Link::section(&summary.section)),
        published: DateView::new(summary.published_at, language, zone),
        updated: DateView::new(summary.updated_at, language, zone),
        shown_updated: match article.shown_updated_at {
            Some(at) => Some(DateView::with_time(at, language, zone)),
            None => later_day.then(|| DateView::new(summary.updated_at, language, zone)),
        },
        reading_minutes: article.reading_minutes_at(&state.settings.reading_speeds),
        word_count: article.word_count,
        image: summary.featured_image.as_ref().map(|image| {
            let mut view = ImageView::from(image);
            if let Some(item) = library.iter().find(|item| item.path == image.src) {
                view.add_library(item);
            }
            view
        }),
        body_html: super::body_images::with_variants(
            &article.body_html,
            library,
            summary.featured_image.is_some(),
        ),
        notes: article
            .notes
            .iter()
            .map(|note| NoteView {
                kind: note.kind.as_str(),
                text: note.text.clone(),
                at: DateView::with_time(note.at, language, zone),
            })
            .collect(),
        tags: article.tags.iter().map(|t| here(Link::tag(t))).collect(),
        authors: article
            .authors
            .iter()
            .map(|a| AuthorView {
                url: edition.path(&urls::author(&a.slug)),
                ..AuthorView::from(a)
            })
            .collect(),
        related: Vec::new(),
        more_from_author: Vec::new(),
        comments: Vec::new(),
        comment_count: 0,
        translations: Vec::new(),
        form: None,
        subscribe: None,
        preview: false,
    }
}

/// The featured image's and the body's paths that may be in the media library.
fn library_paths(article: &Article) -> Vec<String> {
    let body_images = lede_core::markdown::image::images_in(&article.body_html);
    let mut paths: Vec<String> = article
        .summary
        .featured_image
        .iter()
        .map(|image| image.src.clone())
        .chain(body_images.into_iter().map(|image| image.src))
        .filter(|path| lede_store::MediaLibrary::may_hold(path))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// An article as a preview shows it: the page's own view, with no lists or comments, its
/// section, tags and authors named in its language as on the public page.
pub(crate) async fn preview_view(state: &AppState, mut article: Article) -> AppResult<ArticleView> {
    let catalog = state.catalog.get(&state.newsroom).await?;
    catalog.names(&article.summary.language).article(&mut article);
    let paths = library_paths(&article);
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let library = state.newsroom.store().media_by_paths(&paths).await?;
    let mut view = article_view(state, &article, &library);
    view.preview = true;
    Ok(view)
}

/// A whole article page for a preview (the newsroom's, or a shared link's): the real
/// template in the site's layout, never indexed, never kept by any cache, and never telling
/// the sites its links lead to where the reader came from (a shared link's address is its
/// secret).
pub(crate) async fn render_preview(state: &AppState, article: Article) -> AppResult<Response> {
    let (headline, standfirst) =
        (article.summary.headline.clone(), article.summary.standfirst.clone());
    let view = preview_view(state, article).await?;
    let edition = super::Edition::of_language(state, &view.lang);
    let layout = Layout::load(state, headline, standfirst)
        .await?
        .in_edition(state, &edition)
        .showing([view.lang.as_str()]);
    let page = render(state, "article.html", &layout, &view)?;
    let headers = [
        (header::CACHE_CONTROL, "no-store"),
        (header::HeaderName::from_static("x-robots-tag"), "noindex, nofollow"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    Ok((headers, page).into_response())
}

/// Renders an article page; the comment handler calls it too, to show the form again with the
/// reader's input and what to fix.
pub async fn render_article(
    state: &AppState,
    page: ArticlePage,
    form: CommentFormView,
    status: StatusCode,
) -> AppResult<Response> {
    let ArticlePage { mut article, comments, translations } = page;
    let store = state.newsroom.store();
    let id = article.summary.id;
    for dep in [Dep::Article(id), Dep::Comments(id), Dep::RelatedOf(id)] {
        shown::record(dep);
    }
    // "More From Author": the first author's other articles; with no author, nobody's.
    let author = article.authors.first().map(|a| a.id);
    // In the article's language: an Urdu reader is not offered the author's English pieces.
    let language = Some(article.summary.language.clone());
    let filter = ArticleFilter { author, exclude: Some(id), language, ..Default::default() };
    let more_limit = match author {
        Some(_) => {
            shown::list(&filter);
            MORE_FROM_AUTHOR
        }
        None => 0,
    };
    let catalog = state.catalog.get(&state.newsroom).await?;
    let related_count = catalog.page.related_count;
    // Its lists, their cards' images and its own, in one query.
    let paths = library_paths(&article);
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let ArticleLists { mut related, more: mut more_from_author, media } =
        store.article_lists(id, &filter, related_count, more_limit, &paths).await?;
    // Sections, tags and authors are named in the article's language, around it as in it.
    let names = catalog.names(&article.summary.language);
    names.article(&mut article);
    names.summaries(&mut related);
    names.summaries(&mut more_from_author);
    for other in &translations {
        shown::record(Dep::Article(other.id));
    }
    let summary = &article.summary;
    let zone = &state.settings.time_zone;
    let language = summary.language.as_str();
    let edition = super::Edition::of_language(state, language);
    let mut view = ArticleView {
        related: cards(&related, zone, super::edition_prefix(state)),
        more_from_author: cards(&more_from_author, zone, super::edition_prefix(state)),
        comment_count: comments.len(),
        comments: comment_thread(&comments, language, zone),
        translations: translations
            .iter()
            .map(|t| TranslationLink {
                url: urls::article(&t.slug),
                lang: t.language.clone(),
                dir: if is_right_to_left(&t.language) { "rtl" } else { "ltr" },
                // Offered in the reader's other language, in that language's own words.
                label: state.say_in(&t.language, "article-read-in-language", &[]),
            })
            .collect(),
        form: Some(form),
        subscribe: Some(SubscribeBox {
            action: edition.path("/subscribe"),
            article: summary.id.0,
            lists: [format!("daily:{language}"), format!("breaking:{language}")],
        }),
        ..article_view(state, &article, &media)
    };
    let held = view.form.as_ref().is_some_and(|f| f.held_for_moderation);
    // The cards' thumbnails, from the library records that came with the lists.
    add_library(card_images(view.related.iter_mut().chain(&mut view.more_from_author)), &media);
    // Search engines and browser tabs read the SEO title and description, where the newsroom
    // wrote them.
    let shown = &article.search_and_social;
    let title = if shown.title.is_empty() { &summary.headline } else { &shown.title };
    let description =
        if shown.description.is_empty() { &summary.standfirst } else { &shown.description };
    let mut layout = Layout::load(state, title, description)
        .await?
        .at(state, &view.url)
        .in_edition(state, &edition)
        .showing([view.lang.as_str()]);
    // The language switch leads to this story's own translation where there is one.
    for edition in &mut layout.editions {
        if let Some(t) = translations.iter().find(|t| t.language == edition.lang) {
            edition.url = urls::article(&t.slug);
        }
    }
    layout.alternates = alternates(state, &article, &translations);
    let images = &catalog.page.images;
    layout.social = Some(seo::article_social(&state.settings, &article, &translations, images));
    layout.json_ld = seo::article_json_ld(
        &state.settings,
        &state.identity().name,
        &article,
        &translations,
        images,
    );
    let page = render(state, "article.html", &layout, &view)?;
    // A page that speaks to one reader (their comment's notice, their input to fix) is theirs:
    // no cache may keep it or show it to anyone else.
    if held || status != StatusCode::OK {
        let private = [(header::CACHE_CONTROL, "private, no-store")];
        return Ok((status, private, page).into_response());
    }
    Ok((status, page).into_response())
}

//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and for each section, tag and
//! author, with the full text or the summary (a site setting), dates, authors, categories and
//! the featured image. XML feeds are templates (a theme may override them); JSON Feed is
//! serialised from view structs.

use crate::cache::shown::{self, Dep};
use crate::error::{AppError, AppResult};
use crate::site::Edition;
use crate::state::{AppState, SiteSettings};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lede_core::names::Named;
use lede_core::urls;
use lede_store::{ArticleFilter, FeedEntry};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

/// Items in a feed: a couple of days of news for a busy newsroom.
const FEED_ITEMS: u32 = 20;

#[derive(Debug)]
pub struct Format {
    pub file: &'static str,
    pub label: &'static str,
    pub mime: &'static str,
}

pub const FORMATS: [Format; 3] = [
    Format { file: "rss.xml", label: "RSS", mime: "application/rss+xml" },
    Format { file: "atom.xml", label: "Atom", mime: "application/atom+xml" },
    Format { file: "feed.json", label: "JSON Feed", mime: "application/feed+json" },
];

#[derive(Debug, Serialize)]
struct FeedView {
    title: String,
    description: String,
    language: String,
    home_url: String,
    self_url: String,
    updated: Dates,
    full_content: bool,
    items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
struct Dates {
    rfc3339: String,
    rfc2822: String,
}

impl Dates {
    fn new(at: OffsetDateTime) -> Self {
        Self {
            rfc3339: at.format(&Rfc3339).unwrap_or_default(),
            rfc2822: at.format(&Rfc2822).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Serialize)]
struct ItemView {
    url: String,
    title: String,
    summary: String,
    content_html: String,
    language: String,
    published: Dates,
    updated: Dates,
    authors: Vec<PersonView>,
    categories: Vec<CategoryView>,
    image: Option<ImageFile>,
}

#[derive(Debug, Serialize)]
struct PersonView {
    name: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct CategoryView {
    term: String,
    label: String,
}

#[derive(Debug, Serialize)]
struct ImageFile {
    url: String,
    mime: &'static str,
    /// Bytes, when the file is on this server (RSS enclosures want it).
    length: Option<u64>,
}

fn image_mime(src: &str) -> &'static str {
    let extension = src.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        _ => "image/jpeg",
    }
}

fn image_file(settings: &SiteSettings, src: &str) -> ImageFile {
    let local = src.strip_prefix("/media/").filter(|rest| !rest.split('/').any(|p| p == ".."));
    // Read from the data directory only: a bucket would cost a request per image of a feed,
    // and the length is optional.
    let length = local
        .zip(settings.media.as_ref().and_then(|m| m.local_dir()))
        .and_then(|(rest, dir)| std::fs::metadata(dir.join(rest)).ok())
        .map(|m| m.len());
    let url = if src.starts_with('/') { settings.absolute(src) } else { src.to_owned() };
    ImageFile { url, mime: image_mime(src), length }
}

fn item(settings: &SiteSettings, entry: &FeedEntry) -> ItemView {
    let s = &entry.summary;
    let mut categories =
        vec![CategoryView { term: s.section.slug.to_string(), label: s.section.name.clone() }];
    categories.extend(
        entry.tags.iter().map(|t| CategoryView { term: t.slug.to_string(), label: t.name.clone() }),
    );
    ItemView {
        url: settings.absolute(&urls::article(&s.slug)),
        title: s.headline.clone(),
        summary: if s.standfirst.is_empty() { s.headline.clone() } else { s.standfirst.clone() },
        content_html: entry.body_html.clone(),
        language: s.language.clone(),
        published: Dates::new(s.published_at),
        updated: Dates::new(s.updated_at),
        authors: s
            .authors
            .iter()
            .map(|a| PersonView {
                name: a.name.clone(),
                url: settings.absolute(&urls::author(&a.slug)),
            })
            .collect(),
        categories,
        image: s.featured_image.as_ref().map(|i| image_file(settings, &i.src)),
    }
}

/// What a feed covers: its filter, title, description and the HTML page it mirrors.
struct Scope {
    filter: ArticleFilter,
    title: String,
    description: String,
    path: String,
}

async fn respond(
    state: &AppState,
    edition: &Edition,
    mut scope: Scope,
    file: &str,
) -> AppResult<Response> {
    // An edition's feed keeps to its language and links to its own pages.
    scope.filter.language = edition.filter_language();
    scope.path = edition.path(&scope.path);
    let format = FORMATS.iter().find(|f| f.file == file).ok_or(AppError::NotFound)?;
    let settings = &state.settings;
    shown::list(&scope.filter);
    let mut entries = state.newsroom.store().feed_entries(&scope.filter, FEED_ITEMS).await?;
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    for entry in &mut entries {
        names.summary(&mut entry.summary);
        for tag in &mut entry.tags {
            names.named_ref(Named::Tag, tag);
        }
    }
    for entry in &entries {
        shown::record(Dep::Article(entry.summary.id));
    }
    let updated =
        entries.iter().map(|e| e.summary.updated_at).max().unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let view = FeedView {
        title: scope.title,
        description: scope.description,
        language: edition.language.clone(),
        home_url: settings.absolute(&scope.path),
        self_url: settings.absolute(&urls::feed(&scope.path, file)),
        updated: Dates::new(updated),
        full_content: settings.feed_full_content,
        items: entries.iter().map(|e| item(settings, e)).collect(),
    };
    let body = match format.file {
        "feed.json" => json_feed(&view),
        template => state.templates.render(&format!("feeds/{template}"), &view)?.0,
    };
    let content_type = format!("{}; charset=utf-8", format.mime);
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
fn json_feed(view: &FeedView) -> String {
    let items: Vec<serde_json::Value> = view
        .items
        .iter()
        .map(|i| {
            let mut item = serde_json::json!({
                "id": i.url,
                "url": i.url,
                "title": i.title,
                "summary": i.summary,
                "date_published": i.published.rfc3339,
                "date_modified": i.updated.rfc3339,
                "authors": i.authors.iter().map(|a| serde_json::json!({ "name": a.name, "url": a.url })).collect::<Vec<_>>(),
                "tags": i.categories.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
                "language": i.language,
            });
            if view.full_content {
                item["content_html"] = serde_json::json!(i.content_html);
            } else {
                item["content_text"] = serde_json::json!(i.summary);
            }
            if let Some(image) = &i.image {
                item["image"] = serde_json::json!(image.url);
            }
            item
        })
        .collect();
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": view.title,
        "home_page_url": view.home_url,
        "feed_url": view.self_url,
        "description": view.description,
        "language": view.language,
        "items": items,
    })
    .to_string()
}

/// `/rss.xml`, `/atom.xml`, `/feed.json`, and the same under each section, tag and author.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/section/{slug}/{file}", get(section_feed))
        .route("/tag/{slug}/{file}", get(tag_feed))
        .route("/author/{slug}/{file}", get(author_feed));
    for format in &FORMATS {
        router = router.route(
            &urls::feed(urls::HOME, format.file),
            get(move |state, edition| site_feed(state, edition, format.file)),
        );
    }
    router
}

async fn site_feed(
    State(state): State<AppState>,
    edition: Edition,
    file: &'static str,
) -> AppResult<Response> {
    let identity = state.identity();
    let scope = Scope {
        filter: ArticleFilter::default(),
        title: identity.name,
        description: identity.tagline,
        path: urls::HOME.to_owned(),
    };
    respond(&state, &edition, scope, file).await
}

async fn section_feed(
    State(state): State<AppState>,
    edition: Edition,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let mut section =
        state.newsroom.store().section_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).section(&mut section);
    let scope = Scope {
        filter: ArticleFilter { section: Some(section.id), ..Default::default() },
        title: state.say_in(
            &edition.language,
            "feed-title",
            &[("site", &state.identity().name), ("name", &section.name)],
        ),
        description: section.description,
        path: urls::section(&section.slug),
    };
    respond(&state, &edition, scope, &file).await
}

async fn tag_feed(
    State(state): State<AppState>,
    edition: Edition,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let mut tag = state.newsroom.store().tag_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).tag(&mut tag);
    let scope = Scope {
        filter: ArticleFilter { tag: Some(tag.id), ..Default::default() },
        title: state.say_in(
            &edition.language,
            "feed-title",
            &[("site", &state.identity().name), ("name", &tag.name)],
        ),
        description: state.say_in(&edition.language, "feed-tag-description", &[("tag", &tag.name)]),
        path: urls::tag(&tag.slug),
    };
    respond(&state, &edition, scope, &file).await
}

async fn author_feed(
    State(state): State<AppState>,
    edition: Edition,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let mut author =
        state.newsroom.store().author_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).author(&mut author);
    let scope = Scope {
        filter: ArticleFilter { author: Some(author.id), ..Default::default() },
        title: state.say_in(
            &edition.language,
            "feed-title",
            &[("site", &state.identity().name), ("name", &author.name)],
        ),
        description: author.bio,
        path: urls::author(&author.slug),
    };
    respond(&state, &edition, scope, &file).await
}

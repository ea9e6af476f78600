//! The newsroom's articles: the list (filters by status, section and author, search by
//! headline, counts per status) and the editor, whose buttons save a draft, submit for review,
//! publish, schedule or unpublish, and preview without JavaScript. A save made against an
//! older version is refused with the writer's text kept; every save keeps a revision.

use super::forms::{AdminQuery, CsrfForm, blank_as_none};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::site::PageQuery;
use crate::state::AppState;
use crate::views::{Pagination, article_url};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::content::{ArticleId, ArticleInput, ArticleStatus, FeaturedImage};
use lede_core::workflow::Step;
use lede_core::{Invalid, Slug};
use lede_store::{DeskFilter, EditableArticle, PageRequest};
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

const PAGE_SIZE: u32 = 25;

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct DeskParams {
    #[serde(deserialize_with = "blank_as_none")]
    status: Option<ArticleStatus>,
    section: String,
    author: String,
    q: String,
    page: Option<String>,
}

#[derive(Debug, Serialize)]
struct DeskLine {
    edit_url: String,
    public_url: Option<String>,
    headline: String,
    status: &'static str,
    section: String,
    authors: String,
    updated: String,
}

#[derive(Debug, Serialize)]
struct DeskView {
    params: DeskParams,
    counts: Vec<(&'static str, u64)>,
    total: u64,
    lines: Vec<DeskLine>,
    pagination: Pagination,
    sections: Vec<(String, String)>,
    authors: Vec<(String, String)>,
}

/// An article in any status and the editor's form filled from it, or a 404.
async fn open_article(state: &AppState, id: i64) -> AppResult<(EditableArticle, EditorForm)> {
    let store = state.newsroom.store();
    let article = store
        .editable_article(ArticleId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let tags: Vec<(String, String)> = store
        .tags()
        .await?
        .into_iter()
        .map(|t| (t.slug.to_string(), t.name))
        .collect();
    let form = EditorForm::from_article(&article, &tags);
    Ok((article, form))
}

/// Sections and authors as (slug, name) pairs, for the list's filters and the editor's choices.
async fn choices(state: &AppState) -> AppResult<(Vec<(String, String)>, Vec<(String, String)>)> {
    let store = state.newsroom.store();
    let sections = store
        .sections()
        .await?
        .into_iter()
        .map(|s| (s.slug.to_string(), s.name))
        .collect();
    let authors = store
        .authors()
        .await?
        .into_iter()
        .map(|a| (a.slug.to_string(), a.name))
        .collect();
    Ok((sections, authors))
}

fn minutes(at: OffsetDateTime) -> String {
    at.format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_default()
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(params): AdminQuery<DeskParams>,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let mut filter = DeskFilter {
        headline: Some(params.q.clone()),
        status: params.status,
        ..Default::default()
    };
    if !params.section.is_empty() {
        filter.section = store.section_by_slug(&params.section).await?.map(|s| s.id);
    }
    if !params.author.is_empty() {
        filter.author = store.author_by_slug(&params.author).await?.map(|a| a.id);
    }
    let number = PageQuery::new(params.page.clone()).number()?;
    let desk = store
        .desk(&filter, PageRequest::new(number, PAGE_SIZE))
        .await?;
    let mut base_params = params.clone();
    base_params.page = None;
    let base = format!(
        "/admin/articles?{}",
        serde_urlencoded::to_string(&base_params).unwrap_or_default()
    );
    let (sections, authors) = choices(&state).await?;
    let view = DeskView {
        counts: store
            .desk_counts()
            .await?
            .into_iter()
            .map(|(s, n)| (s.as_str(), n))
            .collect(),
        total: desk.total,
        pagination: Pagination::new(&desk, &base),
        lines: desk
            .items
            .iter()
            .map(|row| DeskLine {
                edit_url: format!("/admin/articles/{}", row.id.0),
                public_url: (row.status == ArticleStatus::Published)
                    .then(|| article_url(&row.slug)),
                headline: row.headline.clone(),
                status: row.status.as_str(),
                section: row.section.clone(),
                authors: row.authors.join(", "),
                updated: minutes(row.updated_at),
            })
            .collect(),
        sections,
        authors,
        params,
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/articles.html",
        "Articles",
        view,
    )
    .await?
    .into_response())
}

/// What the editor's buttons ask for: the text shown again with a preview, or a step of the
/// workflow (`save`, `submit`, `publish`…, read by serde into [`Step`]).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum EditorAction {
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
    action: Option<EditorAction>,
    version: Option<i64>,
    headline: String,
    standfirst: String,
    body: String,
    slug: String,
    section: String,
    /// Tag names, comma-separated; new ones are created.
    tags: String,
    authors: Vec<String>,
    language: String,
    image_src: String,
    image_alt: String,
    image_caption: String,
    image_credit: String,
    /// `YYYY-MM-DDTHH:MM` in UTC, the site's time zone.
    publish_at: String,
    /// "on" when only syndication partners with an API key may read the article.
    partner_only: String,
}

impl EditorForm {
    fn from_article(article: &EditableArticle, tag_names: &[(String, String)]) -> Self {
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
            partner_only: if input.partner_only {
                "on".into()
            } else {
                String::new()
            },
            publish_at: article
                .published_at
                .filter(|_| article.status == ArticleStatus::Scheduled)
                .map(|at| {
                    at.format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
                        .unwrap_or_default()
                })
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Serialize)]
struct EditorView {
    id: Option<i64>,
    status: &'static str,
    public_url: Option<String>,
    form: EditorForm,
    error: Option<String>,
    field: Option<&'static str>,
    preview_html: Option<String>,
    sections: Vec<(String, String)>,
    authors: Vec<(String, String)>,
    tag_names: Vec<String>,
    /// Recent images of the media library, offered for the featured image.
    library: Vec<(String, String)>,
    can_publish: bool,
}

async fn editor_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<ArticleId>,
    form: EditorForm,
    problem: Option<(StatusCode, String, Option<&'static str>)>,
    preview: bool,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let current = match id {
        Some(id) => store.editable_article(id).await?,
        None => None,
    };
    let own = current.as_ref().is_none_or(|c| {
        viewer
            .user
            .author
            .is_some_and(|a| c.author_ids.contains(&a))
    });
    let (sections, authors) = choices(state).await?;
    let view = EditorView {
        id: id.map(|i| i.0),
        status: current.as_ref().map_or("new", |c| c.status.as_str()),
        public_url: current
            .as_ref()
            .filter(|c| c.status == ArticleStatus::Published)
            .map(|c| article_url(&c.input.slug)),
        preview_html: preview.then(|| lede_core::markdown::render(&form.body)),
        form,
        error: problem.as_ref().map(|(_, m, _)| m.clone()),
        field: problem.as_ref().and_then(|(_, _, f)| *f),
        sections,
        authors,
        tag_names: store.tags().await?.into_iter().map(|t| t.name).collect(),
        library: store
            .media("", 100)
            .await?
            .into_iter()
            .map(|m| (m.path, m.original_name))
            .collect(),
        can_publish: viewer.user.role.may(Action::EditOthers)
            || own && viewer.user.role.may(Action::PublishOwn),
    };
    let status = problem.map_or(StatusCode::OK, |(s, _, _)| s);
    let title = if view.form.headline.is_empty() {
        "New article".to_owned()
    } else {
        view.form.headline.clone()
    };
    Ok((
        status,
        render(state, Some(viewer), "admin/editor.html", &title, view).await?,
    )
        .into_response())
}

pub async fn new_article(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let form = EditorForm {
        language: "en".into(),
        ..Default::default()
    };
    editor_page(&state, &viewer, None, form, None, false).await
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (_, form) = open_article(&state, id).await?;
    editor_page(&state, &viewer, Some(ArticleId(id)), form, None, false).await
}

pub async fn create(state: State<AppState>, form: CsrfForm<EditorForm>) -> AppResult<Response> {
    submit(state, None, form).await
}

pub async fn update(
    state: State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<EditorForm>,
) -> AppResult<Response> {
    submit(state, Some(ArticleId(id)), form).await
}

/// Turns the form into an article input, creating tags that do not exist yet.
async fn to_input(state: &AppState, form: &EditorForm) -> Result<ArticleInput, lede_store::Error> {
    let invalid = |field: &'static str, message: &str| {
        lede_store::Error::Invalid(lede_core::Invalid::new(field, message))
    };
    let slug = match form.slug.trim() {
        "" => Slug::from_title(&form.headline).ok_or_else(|| {
            invalid(
                "slug",
                "Give a slug: the headline has no letters to make one from.",
            )
        })?,
        text => Slug::parse(text)?,
    };
    let section =
        Slug::parse(form.section.trim()).map_err(|_| invalid("section", "Choose a section."))?;
    let mut tags = Vec::new();
    for name in form
        .tags
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let tag = Slug::from_title(name)
            .ok_or_else(|| invalid("tags", "A tag needs letters or digits."))?;
        if state
            .newsroom
            .store()
            .tag_by_slug(tag.as_str())
            .await?
            .is_none()
        {
            state.newsroom.save_tag(&tag, name).await?;
        }
        tags.push(tag);
    }
    let authors = form
        .authors
        .iter()
        .map(|a| Slug::parse(a))
        .collect::<Result<Vec<_>, _>>()?;
    let featured_image = (!form.image_src.trim().is_empty()).then(|| FeaturedImage {
        src: form.image_src.trim().to_owned(),
        alt: form.image_alt.trim().to_owned(),
        caption: form.image_caption.trim().to_owned(),
        credit: form.image_credit.trim().to_owned(),
    });
    Ok(ArticleInput {
        slug,
        headline: form.headline.clone(),
        standfirst: form.standfirst.clone(),
        body_markdown: form.body.clone(),
        language: if form.language.trim().is_empty() {
            "en".into()
        } else {
            form.language.clone()
        },
        section,
        tags,
        authors,
        featured_image,
        partner_only: form.partner_only == "on",
    })
}

fn schedule_time(text: &str) -> Result<Option<OffsetDateTime>, Invalid> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    PrimitiveDateTime::parse(
        text.trim(),
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    )
    .map(|t| Some(t.assume_utc()))
    .map_err(|_| Invalid::new("publish_at", "Give the date and time as 2026-12-01T09:30."))
}

async fn submit(
    State(state): State<AppState>,
    id: Option<ArticleId>,
    CsrfForm { viewer, form }: CsrfForm<EditorForm>,
) -> AppResult<Response> {
    let step = match form.action {
        Some(EditorAction::Step(step)) => step,
        Some(EditorAction::Preview) => {
            return editor_page(&state, &viewer, id, form, None, true).await;
        }
        None => {
            return Err(AppError::BadRequest(
                "Press one of the editor's buttons: save, submit, publish or preview.".into(),
            ));
        }
    };
    let attempt = async {
        let input = to_input(&state, &form).await?;
        let at = schedule_time(&form.publish_at)?;
        state
            .newsroom
            .edit_article(&viewer.user, id, input, form.version, step, at)
            .await
    };
    match attempt.await {
        Ok(saved) => Ok(Redirect::to(&format!(
            "/admin/articles/{}?saved={}",
            saved.0,
            step.as_str()
        ))
        .into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let problem = (
                StatusCode::UNPROCESSABLE_ENTITY,
                invalid.message,
                Some(invalid.field),
            );
            editor_page(&state, &viewer, id, form, Some(problem), false).await
        }
        Err(lede_store::Error::Conflict(message)) => {
            editor_page(
                &state,
                &viewer,
                id,
                form,
                Some((StatusCode::CONFLICT, message, None)),
                false,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Serialize)]
struct RevisionLine {
    version: i64,
    saved: String,
    saved_by: String,
    headline: String,
    diff: Vec<DiffLine>,
}

#[derive(Debug, Serialize)]
struct DiffLine {
    kind: &'static str,
    text: String,
}

#[derive(Debug, Serialize)]
struct RevisionsView {
    id: i64,
    headline: String,
    revisions: Vec<RevisionLine>,
}

/// The line differences that turn `old` into `new`, for showing a revision against the text.
fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| DiffLine {
            kind: if c.tag() == similar::ChangeTag::Delete {
                "removed"
            } else {
                "added"
            },
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

pub async fn revisions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let current = store
        .editable_article(ArticleId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let view = RevisionsView {
        id,
        headline: current.input.headline.clone(),
        revisions: store
            .revisions(ArticleId(id))
            .await?
            .into_iter()
            .map(|r| RevisionLine {
                diff: diff_lines(&r.body_markdown, &current.input.body_markdown),
                version: r.version,
                saved: minutes(r.saved_at),
                saved_by: r.saved_by.unwrap_or_else(|| "the system".into()),
                headline: r.headline,
            })
            .collect(),
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/revisions.html",
        "Revisions",
        view,
    )
    .await?
    .into_response())
}

#[derive(Debug, Deserialize)]
pub struct RestoreQuery {
    version: i64,
}

/// Opens the editor with an earlier revision's text; nothing changes until it is saved.
pub async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    AdminQuery(query): AdminQuery<RestoreQuery>,
) -> AppResult<Response> {
    let (_, mut form) = open_article(&state, id).await?;
    let revision = state
        .newsroom
        .store()
        .revisions(ArticleId(id))
        .await?
        .into_iter()
        .find(|r| r.version == query.version)
        .ok_or(AppError::NotFound)?;
    form.headline = revision.headline;
    form.standfirst = revision.standfirst;
    form.body = revision.body_markdown;
    let notice = format!(
        "Showing revision {}: save to make it the current text.",
        revision.version
    );
    editor_page(
        &state,
        &viewer,
        Some(ArticleId(id)),
        form,
        Some((StatusCode::OK, notice, None)),
        false,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreviewForm {
    body: String,
}

/// The live preview's HTML: the body rendered and sanitised exactly as a save would.
pub async fn preview(
    CsrfForm { form, .. }: CsrfForm<PreviewForm>,
) -> AppResult<axum::response::Html<String>> {
    Ok(axum::response::Html(lede_core::markdown::render(
        &form.body,
    )))
}

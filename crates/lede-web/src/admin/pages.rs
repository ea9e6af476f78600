//! Static pages, for editors and admins: the list with each page's status, the form that
//! adds or edits one (Markdown, sanitised at save time like an article's body), its
//! revisions with "Restore", publishing and unpublishing, and deleting after "Delete this
//! page?". Every change goes through the newsroom, which keeps the rules, a revision per save,
//! and announces the change so no cached page goes on showing the old text.

use super::flash::{self, Flash};
use super::forms::CsrfForm;
use super::{Viewer, render};
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lede_core::account::Action;
use lede_core::content::{EditablePage, PageEdit, PageId, PageInput, PageStatus};
use lede_core::{Invalid, Slug, urls};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A time in the site's zone, to the minute.
fn minutes(state: &AppState, at: OffsetDateTime) -> String {
    state.settings.time_zone.civil(at).strftime("%Y-%m-%d %H:%M").to_string()
}

/// A language's name for itself (`اردو`), or the tag when the theme has no words for it.
fn autonym(state: &AppState, language: &str) -> String {
    state.translations.message(language, "language-autonym", None)
}

#[derive(Debug, Serialize)]
struct PageLine {
    id: i64,
    title: String,
    url: String,
    published: bool,
    language: String,
    updated: String,
}

#[derive(Debug, Serialize)]
struct PagesView {
    pages: Vec<PageLine>,
    /// Whether the site has several languages (only then is a page's language shown).
    several: bool,
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManagePages)?;
    let languages = state.newsroom.languages();
    let default = languages.default_language().to_owned();
    let pages = state.newsroom.store().all_pages().await?;
    let view = PagesView {
        pages: pages
            .into_iter()
            .map(|p| PageLine {
                id: p.id.0,
                url: urls::page(&p.slug),
                published: p.status == PageStatus::Published,
                language: autonym(&state, p.language.as_deref().unwrap_or(&default)),
                updated: minutes(&state, p.updated_at),
                title: p.title,
            })
            .collect(),
        several: languages.all().len() > 1,
    };
    let title = super::say(&state, Some(&viewer), "admin-pages-heading", &[]);
    Ok(render(&state, Some(&viewer), "admin/pages.html", &title, view).await?.into_response())
}

/// The page form's fields, as sent.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PageForm {
    title: String,
    /// Empty means "make it from the title".
    slug: String,
    body: String,
    language: String,
    status: String,
}

impl PageForm {
    fn of(page: &EditablePage, default_language: &str) -> Self {
        Self {
            title: page.input.title.clone(),
            slug: page.input.slug.to_string(),
            body: page.input.body_markdown.clone(),
            language: page.language.clone().unwrap_or_else(|| default_language.to_owned()),
            status: page.status.as_str().to_owned(),
        }
    }

    /// What the newsroom is asked to save.
    fn edit(&self) -> Result<PageEdit, Invalid> {
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&self.title)
                .ok_or_else(|| Invalid::new("slug", "admin-pages-error-address"))?,
            text => Slug::parse(text)?,
        };
        Ok(PageEdit {
            page: PageInput { slug, title: self.title.clone(), body_markdown: self.body.clone() },
            language: Some(self.language.clone()).filter(|l| !l.trim().is_empty()),
            status: PageStatus::parse(self.status.trim())?,
        })
    }
}

#[derive(Debug, Serialize)]
struct PageFormView {
    /// `None` for a new page.
    id: Option<i64>,
    /// Where the form posts.
    action: String,
    form: PageForm,
    /// The page's public address once saved.
    url: Option<String>,
    published: bool,
    /// The site's languages as (tag, name in itself), when it has several.
    languages: Vec<(String, String)>,
    revisions: usize,
    error: Option<String>,
    field: Option<&'static str>,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    page: Option<&EditablePage>,
    form: PageForm,
    error: Option<(String, &'static str)>,
    status: StatusCode,
) -> AppResult<Response> {
    let languages = state.newsroom.languages();
    let choices = if languages.all().len() > 1 {
        languages.all().iter().map(|l| (l.clone(), autonym(state, l))).collect()
    } else {
        Vec::new()
    };
    let revisions = match page {
        Some(page) => state.newsroom.store().page_revisions(page.id).await?.len(),
        None => 0,
    };
    let (error, field) = error.map_or((None, None), |(m, f)| (Some(m), Some(f)));
    let view = PageFormView {
        id: page.map(|p| p.id.0),
        action: page.map_or_else(|| "/admin/pages/new".to_owned(), |p| edit_path(p.id)),
        url: page.map(|p| urls::page(&p.input.slug)),
        published: page.is_some_and(|p| p.status == PageStatus::Published),
        form,
        languages: choices,
        revisions,
        error,
        field,
    };
    let title = match page {
        Some(page) => super::say(
            state,
            Some(viewer),
            "admin-pages-edit-title",
            &[("title", &page.input.title)],
        ),
        None => super::say(state, Some(viewer), "admin-pages-new", &[]),
    };
    let html = render(state, Some(viewer), "admin/page_editor.html", &title, view).await?;
    Ok((status, html).into_response())
}

fn edit_path(id: PageId) -> String {
    format!("/admin/pages/{}", id.0)
}

async fn open(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<EditablePage> {
    viewer.require(Action::ManagePages)?;
    Ok(state.newsroom.page_for_editing(&viewer.user, PageId(id)).await?)
}

pub async fn new_page(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManagePages)?;
    let form = PageForm {
        language: state.newsroom.languages().default_language().to_owned(),
        status: PageStatus::Draft.as_str().to_owned(),
        ..PageForm::default()
    };
    form_page(&state, &viewer, None, form, None, StatusCode::OK).await
}

pub async fn create(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<PageForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManagePages)?;
    let attempt = async {
        let edit = form.edit()?;
        let status = edit.status;
        let id = state.newsroom.create_page(&viewer.user, edit).await?;
        Ok::<_, lede_store::Error>((id, status))
    };
    match attempt.await {
        Ok((id, status)) => {
            let said = match status {
                PageStatus::Published => Flash::PagePublished,
                PageStatus::Draft => Flash::PageSaved,
            };
            Ok(flash::redirect(&state, &edit_path(id), &said))
        }
        Err(error) => {
            let (message, field, status) = super::refusal(&state, &viewer, error)?;
            let field = field.unwrap_or("slug");
            form_page(&state, &viewer, None, form, Some((message, field)), status).await
        }
    }
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    let form = PageForm::of(&page, state.newsroom.languages().default_language());
    form_page(&state, &viewer, Some(&page), form, None, StatusCode::OK).await
}

/// What a save did, as its message says it.
fn said(before: PageStatus, after: PageStatus) -> Flash {
    match (before, after) {
        (PageStatus::Draft, PageStatus::Draft) => Flash::PageSaved,
        (PageStatus::Draft, PageStatus::Published) => Flash::PagePublished,
        (PageStatus::Published, PageStatus::Published) => Flash::PageUpdated,
        (PageStatus::Published, PageStatus::Draft) => Flash::PageUnpublished,
    }
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<PageForm>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    let attempt = async {
        let edit = form.edit()?;
        let status = edit.status;
        let before = state.newsroom.update_page(&viewer.user, page.id, edit).await?;
        Ok::<_, lede_store::Error>(said(before, status))
    };
    match attempt.await {
        Ok(flash) => Ok(flash::redirect(&state, &edit_path(page.id), &flash)),
        Err(error) => {
            let (message, field, status) = super::refusal(&state, &viewer, error)?;
            let field = field.unwrap_or("slug");
            form_page(&state, &viewer, Some(&page), form, Some((message, field)), status).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    status: String,
}

/// Publishes or unpublishes a page from the list.
pub async fn set_status(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<StatusForm>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    let status = PageStatus::parse(form.status.trim())?;
    state.newsroom.set_page_status(&viewer.user, page.id, status).await?;
    Ok(flash::redirect(&state, "/admin/pages", &said(page.status, status)))
}

#[derive(Debug, Serialize)]
struct RevisionLine {
    version: i64,
    saved: String,
    saved_by: String,
    title: String,
    slug: String,
    /// The first words of the body, to tell versions apart.
    excerpt: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct RevisionsView {
    id: i64,
    title: String,
    revisions: Vec<RevisionLine>,
}

pub async fn revisions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    let revisions = state.newsroom.store().page_revisions(page.id).await?;
    let view = RevisionsView {
        id,
        title: page.input.title.clone(),
        revisions: revisions
            .into_iter()
            .map(|r| RevisionLine {
                current: r.version == page.version,
                version: r.version,
                saved: minutes(&state, r.saved_at),
                saved_by: r.saved_by.unwrap_or_else(|| {
                    super::say(&state, Some(&viewer), "admin-revision-system", &[])
                }),
                excerpt: r.body_markdown.chars().take(160).collect(),
                slug: r.slug.to_string(),
                title: r.title,
            })
            .collect(),
    };
    let title =
        super::say(&state, Some(&viewer), "admin-page-revisions", &[("title", &page.input.title)]);
    Ok(render(&state, Some(&viewer), "admin/page_revisions.html", &title, view)
        .await?
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct RestoreForm {
    version: i64,
}

pub async fn restore(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<RestoreForm>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    // An old version whose address another page took since is refused (422) and says why.
    state.newsroom.restore_page_revision(&viewer.user, page.id, form.version).await?;
    Ok(flash::redirect(&state, &edit_path(page.id), &Flash::PageRestored))
}

#[derive(Debug, Serialize)]
struct DeleteView {
    id: i64,
    title: String,
    url: String,
}

/// "Delete this page?": the question, with the button that does it.
pub async fn confirm_delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    let view =
        DeleteView { id, url: urls::page(&page.input.slug), title: page.input.title.clone() };
    let title = super::say(&state, Some(&viewer), "admin-pages-delete-question", &[]);
    Ok(render(&state, Some(&viewer), "admin/page_delete.html", &title, view).await?.into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    let page = open(&state, &viewer, id).await?;
    state.newsroom.delete_page(&viewer.user, page.id).await?;
    Ok(flash::redirect(&state, "/admin/pages", &Flash::PageDeleted))
}

//! The editor: a new article or an existing one in any status. Its buttons follow the
//! article's state: a draft is saved, submitted, published or scheduled; a published article
//! is updated (live at once), saved for later (a pending version beside it, which the editor
//! shows until it goes live or is discarded) or unpublished. "Preview" shows the article as
//! readers will see it, without JavaScript too. A save made against an older version is
//! refused with the writer's text kept; every save keeps a revision, and a flash message
//! after the redirect says what happened.

use super::editor_page::{Showing, editor_page};
use super::form::{EditorAction, EditorForm, schedule_time, to_input};
use crate::admin::Viewer;
use crate::admin::flash::{self, Flash};
use crate::admin::forms::{AdminQuery, CsrfForm};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use lede_core::account::Action;
use lede_core::content::ArticleId;
use lede_core::workflow;
use lede_core::workflow::Step;
use lede_store::{Edit, EditableArticle};
use serde::Deserialize;

/// An article in any status and the editor's form filled from it, or a 404; a 403 for
/// someone who may not open it (`workflow::may_open`: another person's article, unless they
/// edit others').
pub(super) async fn open_article(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> AppResult<(EditableArticle, EditorForm)> {
    let store = state.newsroom.store();
    let article = store.editable_article(ArticleId(id)).await?.ok_or(AppError::NotFound)?;
    let own = viewer.user.author.is_some_and(|a| article.author_ids.contains(&a));
    if !workflow::may_open(viewer.user.role, own) {
        return Err(AppError::Forbidden("admin-article-not-yours".into()));
    }
    let form =
        EditorForm::from_article(&article, &tag_names(state).await?, &state.settings.time_zone);
    Ok((article, form))
}

/// Every tag as (slug, name).
async fn tag_names(state: &AppState) -> AppResult<Vec<(String, String)>> {
    Ok(state
        .newsroom
        .store()
        .tags()
        .await?
        .into_iter()
        .map(|t| (t.slug.to_string(), t.name))
        .collect())
}

/// `?restore=autosave` opens the editor with the person's autosaved fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditorQuery {
    restore: String,
}

/// The form from `viewer`'s autosave for `id`, with a notice saying so; `None` without one.
async fn restored(
    state: &AppState,
    viewer: &Viewer,
    id: Option<ArticleId>,
) -> AppResult<Option<(EditorForm, String)>> {
    let Some(autosave) = state.newsroom.store().autosave(viewer.user.id, id).await? else {
        return Ok(None);
    };
    // A slot written by an older editor that no longer reads is simply not offered.
    let Ok(form) = serde_json::from_str::<EditorForm>(&autosave.content) else {
        return Ok(None);
    };
    let time = state.settings.time_zone.long_date_time(autosave.saved_at, &viewer.language);
    let notice =
        crate::admin::say(state, Some(viewer), "admin-editor-showing-autosave", &[("time", &time)]);
    Ok(Some((form, notice)))
}

pub async fn new_article(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(query): AdminQuery<EditorQuery>,
) -> AppResult<Response> {
    if query.restore == "autosave"
        && let Some((form, notice)) = restored(&state, &viewer, None).await?
    {
        let showing = Showing { notice: Some(notice), ..Default::default() };
        return editor_page(&state, &viewer, None, form, showing).await;
    }
    let language = state.newsroom.languages().default_language().to_owned();
    let form = EditorForm { language, ..Default::default() };
    let showing = Showing { offer_autosave: true, ..Default::default() };
    editor_page(&state, &viewer, None, form, showing).await
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    AdminQuery(query): AdminQuery<EditorQuery>,
) -> AppResult<Response> {
    let (_, form) = open_article(&state, &viewer, id).await?;
    let id = ArticleId(id);
    if query.restore == "autosave"
        && let Some((form, notice)) = restored(&state, &viewer, Some(id)).await?
    {
        let showing = Showing { notice: Some(notice), ..Default::default() };
        return editor_page(&state, &viewer, Some(id), form, showing).await;
    }
    // Changes saved for later are what the editor works on until they go live or are
    // dropped; the live version is one click away ("View published").
    let form = match state.newsroom.store().pending_version(id).await? {
        Some(pending) => form.with_pending(&pending, &tag_names(&state).await?),
        None => form,
    };
    let showing = Showing { offer_autosave: true, ..Default::default() };
    editor_page(&state, &viewer, Some(id), form, showing).await
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

async fn submit(
    State(state): State<AppState>,
    id: Option<ArticleId>,
    CsrfForm { viewer, form }: CsrfForm<EditorForm>,
) -> AppResult<Response> {
    let step = match form.action {
        Some(EditorAction::Step(step)) => step,
        Some(EditorAction::Preview) => {
            let showing = Showing { preview: true, ..Default::default() };
            return editor_page(&state, &viewer, id, form, showing).await;
        }
        None => {
            return Err(AppError::BadRequest("admin-editor-error-no-action".into()));
        }
    };
    let schedule_at = match schedule_time(&form.publish_at, &state.settings.time_zone) {
        Ok(at) => at,
        Err(invalid) => return refused(&state, &viewer, id, form, invalid.into()).await,
    };
    let attempt = async {
        let (input, tag_names) = match (step, id) {
            // Discarding drops what was kept for later, whatever the form holds now.
            (Step::DiscardPending, Some(id)) => {
                let stored = state.newsroom.store().editable_article(id).await?;
                (stored.ok_or(lede_store::Error::NotFound("article"))?.input, Vec::new())
            }
            _ => to_input(&form)?,
        };
        let edit = Edit {
            id,
            input,
            tag_names,
            expected_version: form.version,
            step,
            schedule_at,
            notes: form.notes(),
        };
        let presentation = form.presentation(viewer.user.role.may(Action::CurateFrontPage));
        let email = form.email_list();
        state
            .newsroom
            .edit_article_emailed(&viewer.user, edit, presentation, email.as_deref())
            .await
    };
    match attempt.await {
        Ok(saved) => {
            let to = format!("/admin/articles/{}?saved={}", saved.0, step.as_str());
            Ok(flash::redirect(&state, &to, &Flash::after(step, schedule_at)))
        }
        Err(error) => refused(&state, &viewer, id, form, error).await,
    }
}

/// The editor again with the writer's text, saying why the save was refused: what to fix
/// (422), or that someone saved first (409). Other refusals are error pages.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    id: Option<ArticleId>,
    form: EditorForm,
    error: lede_store::Error,
) -> AppResult<Response> {
    let (message, field, status) = crate::admin::refusal(state, viewer, error)?;
    let problem = (status, message, field);
    let showing = Showing { problem: Some(problem), ..Default::default() };
    editor_page(state, viewer, id, form, showing).await
}

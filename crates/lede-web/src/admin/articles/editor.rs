//! The editor: a new article or an existing one in any status, whose buttons save a draft,
//! submit for review, publish, schedule or unpublish, and preview without JavaScript; and the
//! live preview behind `editor.js`. A save made against an older version is refused with the
//! writer's text kept; every save keeps a revision.

use super::choices;
use super::form::{EditorAction, EditorForm, schedule_time, to_input};
use super::share::SharePreview;
use crate::admin::forms::CsrfForm;
use crate::admin::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::content::{ArticleId, ArticleStatus};
use lede_core::{urls, workflow};
use lede_store::{Edit, EditableArticle};
use serde::{Deserialize, Serialize};

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
    let tags: Vec<(String, String)> =
        store.tags().await?.into_iter().map(|t| (t.slug.to_string(), t.name)).collect();
    let form = EditorForm::from_article(&article, &tags, &state.settings.time_zone);
    Ok((article, form))
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
    /// The site's languages (tag, name in its own language), the default first.
    languages: Vec<(String, String)>,
    /// Recent images of the media library, offered for the featured image.
    library: Vec<(String, String)>,
    can_publish: bool,
    /// The IANA name of the site's time zone, which "Publish at" is read in.
    time_zone: String,
    /// Whether the front page's choices (top story, featured) are offered: editors and admins.
    can_curate: bool,
    /// How the article looks in search results and on a share card.
    share: SharePreview,
}

pub(super) async fn editor_page(
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
    let own = current
        .as_ref()
        .is_none_or(|c| viewer.user.author.is_some_and(|a| c.author_ids.contains(&a)));
    let (sections, mut authors) = choices(state).await?;
    if !viewer.user.role.may(Action::EditOthers) {
        // Only editors credit others (`workflow::check_byline`): offer the others no choice.
        let byline = match viewer.user.author {
            Some(id) => store.authors().await?.into_iter().find(|a| a.id == id).map(|a| a.slug),
            None => None,
        };
        let credited = current.as_ref().map(|c| c.input.authors.clone()).unwrap_or_default();
        authors.retain(|(slug, _)| {
            byline.as_ref().is_some_and(|b| b.as_str() == slug)
                || credited.iter().any(|c| c.as_str() == slug)
        });
    }
    let catalog = state.catalog.get(&state.newsroom).await?;
    let share = SharePreview::of(
        &form,
        &state.identity().name,
        &state.settings.base_url,
        catalog.page.images.share_image.clone(),
    );
    let view = EditorView {
        can_curate: viewer.user.role.may(Action::CurateFrontPage),
        share,
        id: id.map(|i| i.0),
        status: current.as_ref().map_or("new", |c| c.status.as_str()),
        public_url: current
            .as_ref()
            .filter(|c| c.status == ArticleStatus::Published)
            .map(|c| urls::article(&c.input.slug)),
        preview_html: preview.then(|| lede_core::markdown::render(&form.body)),
        form,
        error: problem.as_ref().map(|(_, m, _)| m.clone()),
        field: problem.as_ref().and_then(|(_, _, f)| *f),
        sections,
        authors,
        tag_names: store.tags().await?.into_iter().map(|t| t.name).collect(),
        languages: state
            .newsroom
            .languages()
            .all()
            .iter()
            .map(|l| (l.clone(), state.translations.message(l, "language-autonym", None)))
            .collect(),
        library: store
            .media("", 100)
            .await?
            .into_iter()
            .map(|m| (m.path, m.original_name))
            .collect(),
        can_publish: viewer.user.role.may(Action::EditOthers)
            || own && viewer.user.role.may(Action::PublishOwn),
        time_zone: state.settings.time_zone.name().to_owned(),
    };
    let status = problem.map_or(StatusCode::OK, |(s, _, _)| s);
    let title = if view.form.headline.is_empty() {
        crate::admin::say(state, Some(viewer), "admin-new-article", &[])
    } else {
        view.form.headline.clone()
    };
    Ok((status, render(state, Some(viewer), "admin/editor.html", &title, view).await?)
        .into_response())
}

pub async fn new_article(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let form = EditorForm { language: "en".into(), ..Default::default() };
    editor_page(&state, &viewer, None, form, None, false).await
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (_, form) = open_article(&state, &viewer, id).await?;
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
            return Err(AppError::BadRequest("admin-editor-error-no-action".into()));
        }
    };
    let attempt = async {
        let (input, tag_names) = to_input(&form)?;
        let edit = Edit {
            id,
            input,
            tag_names,
            expected_version: form.version,
            step,
            schedule_at: schedule_time(&form.publish_at, &state.settings.time_zone)?,
        };
        let presentation = form.presentation(viewer.user.role.may(Action::CurateFrontPage));
        state.newsroom.edit_article_presented(&viewer.user, edit, presentation).await
    };
    match attempt.await {
        Ok(saved) => {
            Ok(Redirect::to(&format!("/admin/articles/{}?saved={}", saved.0, step.as_str()))
                .into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            let message = crate::admin::tell(&state, Some(&viewer), &invalid.message);
            let problem = (StatusCode::UNPROCESSABLE_ENTITY, message, Some(invalid.field));
            editor_page(&state, &viewer, id, form, Some(problem), false).await
        }
        Err(lede_store::Error::Conflict(message)) => {
            editor_page(
                &state,
                &viewer,
                id,
                form,
                Some((
                    StatusCode::CONFLICT,
                    crate::admin::tell(&state, Some(&viewer), &message),
                    None,
                )),
                false,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
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
    Ok(axum::response::Html(lede_core::markdown::render(&form.body)))
}

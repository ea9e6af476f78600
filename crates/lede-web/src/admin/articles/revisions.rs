//! An article's revisions: each saved version with who saved it and its differences from
//! the current text, and restoring one into the editor (nothing changes until it is saved).

use super::editor::open_article;
use super::editor_page::{Showing, editor_page};
use super::minutes;
use crate::admin::forms::AdminQuery;
use crate::admin::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use lede_core::content::ArticleId;
use serde::{Deserialize, Serialize};

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
            kind: if c.tag() == similar::ChangeTag::Delete { "removed" } else { "added" },
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
    let (current, _) = open_article(&state, &viewer, id).await?;
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
                saved: minutes(&state.settings.time_zone, r.saved_at),
                saved_by: r.saved_by.unwrap_or_else(|| {
                    crate::admin::say(&state, Some(&viewer), "admin-revision-system", &[])
                }),
                headline: r.headline,
            })
            .collect(),
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/revisions.html",
        &crate::admin::say(&state, Some(&viewer), "admin-editor-revisions", &[]),
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
    let (_, form) = open_article(&state, &viewer, id).await?;
    let revision = state
        .newsroom
        .store()
        .revisions(ArticleId(id))
        .await?
        .into_iter()
        .find(|r| r.version == query.version)
        .ok_or(AppError::NotFound)?;
    let form = form.with_text(revision.headline, revision.standfirst, revision.body_markdown);
    let notice = crate::admin::say(
        &state,
        Some(&viewer),
        "admin-editor-showing-revision",
        &[("version", &revision.version.to_string())],
    );
    let showing = Showing { notice: Some(notice), ..Default::default() };
    editor_page(&state, &viewer, Some(ArticleId(id)), form, showing).await
}

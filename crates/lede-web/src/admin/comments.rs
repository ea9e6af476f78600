//! Comment moderation: the queue (pending first) with each comment's article, name, text and
//! spam score; approve, mark as spam or trash one at a time or in bulk. Editors and admins only.

use super::forms::CsrfForm;
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{DateView, article_url};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::comment::{CommentStatus, spam_score};
use lede_core::content::CommentId;
use serde::{Deserialize, Serialize};

/// Comments shown at once; a moderator works through them and the next ones follow.
const QUEUE_SIZE: u32 = 100;

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
}

#[derive(Debug, Serialize)]
struct QueuedView {
    id: i64,
    name: String,
    website: Option<String>,
    text: String,
    posted: DateView,
    spam_score: u8,
    article_url: String,
    article_headline: String,
}

#[derive(Debug, Serialize)]
struct QueueView {
    status: &'static str,
    statuses: [&'static str; 4],
    comments: Vec<QueuedView>,
    done: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<QueueQuery>,
) -> AppResult<Response> {
    viewer.require(Action::ModerateComments)?;
    let status = CommentStatus::parse(query.status.as_deref().unwrap_or("pending"))
        .map_err(|e| AppError::BadRequest(e.message))?;
    let queued = state
        .newsroom
        .store()
        .moderation_queue(status, QUEUE_SIZE)
        .await?;
    let view = QueueView {
        status: status.as_str(),
        statuses: ["pending", "approved", "spam", "trash"],
        comments: queued
            .into_iter()
            .map(|q| QueuedView {
                id: q.comment.id.0,
                spam_score: spam_score(
                    &q.comment.name,
                    q.comment.website.as_deref(),
                    &q.comment.text,
                ),
                name: q.comment.name,
                website: q.comment.website,
                text: q.comment.text,
                posted: DateView::new(q.comment.created_at),
                article_url: article_url(&q.article.slug),
                article_headline: q.article.name,
            })
            .collect(),
        done: None,
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/comments.html",
        "Comments",
        view,
    )
    .await?
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ModerateForm {
    /// `approve`, `spam` or `trash`.
    action: String,
    /// The comments to act on (checkboxes, or the one whose button was pressed).
    ids: Vec<i64>,
    /// Which list to go back to.
    from: String,
}

pub async fn moderate(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<ModerateForm>,
) -> AppResult<Response> {
    viewer.require(Action::ModerateComments)?;
    let status = match form.action.as_str() {
        "approve" => CommentStatus::Approved,
        "spam" => CommentStatus::Spam,
        "trash" => CommentStatus::Trash,
        other => {
            return Err(AppError::BadRequest(format!(
                "Unknown action “{other}”: approve, spam or trash."
            )));
        }
    };
    if form.ids.is_empty() {
        return Err(AppError::BadRequest("Select at least one comment.".into()));
    }
    for id in &form.ids {
        state
            .newsroom
            .moderate_comment(CommentId(*id), status)
            .await?;
    }
    let back = CommentStatus::parse(&form.from).map_or("pending", |s| s.as_str());
    Ok(Redirect::to(&format!("/admin/comments?status={back}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    text: String,
}

/// Replies as the newsroom, in the moderator's name. The comment answered is approved with
/// it: a reply under a hidden comment would make no sense to readers.
pub async fn reply(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    viewer.require(Action::ModerateComments)?;
    let input = lede_core::comment::CommentInput {
        name: viewer.user.name.clone(),
        email: viewer.user.email.clone(),
        website: String::new(),
        text: form.text,
        parent: Some(CommentId(id)),
    };
    let checked = input.check().map_err(|problems| {
        AppError::BadRequest(
            problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;
    let parent = state
        .newsroom
        .moderate_comment(CommentId(id), CommentStatus::Approved)
        .await?;
    let reply = state
        .newsroom
        .submit_comment(parent.article, &checked, CommentStatus::Pending)
        .await?;
    state
        .newsroom
        .moderate_comment(reply, CommentStatus::Approved)
        .await?;
    Ok(Redirect::to("/admin/comments?status=pending").into_response())
}

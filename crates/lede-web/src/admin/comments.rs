//! Comment moderation: the queue (pending first) with each comment's article, name, text and
//! spam score; approve, mark as spam or trash one at a time or in bulk. Editors and admins only.

use super::forms::{AdminQuery, CsrfForm, blank_as_none};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::DateView;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::comment::{CommentStatus, spam_score};
use lede_core::content::CommentId;
use lede_core::urls;
use serde::{Deserialize, Serialize};

/// Comments shown at once; a moderator works through them and the next ones follow.
const QUEUE_SIZE: u32 = 100;

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    /// Pending when not given.
    #[serde(default, deserialize_with = "blank_as_none")]
    status: Option<CommentStatus>,
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
    AdminQuery(query): AdminQuery<QueueQuery>,
) -> AppResult<Response> {
    viewer.require(Action::ModerateComments)?;
    let status = query.status.unwrap_or(CommentStatus::Pending);
    let queued = state.newsroom.store().moderation_queue(status, QUEUE_SIZE).await?;
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
                posted: DateView::new(q.comment.created_at, "en", &state.settings.time_zone),
                article_url: urls::article(&q.article.slug),
                article_headline: q.article.name,
            })
            .collect(),
        done: None,
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/comments.html",
        &crate::admin::say(&state, Some(&viewer), "admin-comments-heading", &[]),
        view,
    )
    .await?
    .into_response())
}

/// What a moderator's buttons do to the comments chosen.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Moderation {
    Approve,
    Spam,
    Trash,
}

impl Moderation {
    fn status(self) -> CommentStatus {
        match self {
            Self::Approve => CommentStatus::Approved,
            Self::Spam => CommentStatus::Spam,
            Self::Trash => CommentStatus::Trash,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ModerateForm {
    action: Moderation,
    /// The comments to act on (checkboxes, or the one whose button was pressed).
    #[serde(default)]
    ids: Vec<i64>,
    /// Which list to go back to; pending when not given.
    #[serde(default, deserialize_with = "blank_as_none")]
    from: Option<CommentStatus>,
}

pub async fn moderate(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<ModerateForm>,
) -> AppResult<Response> {
    viewer.require(Action::ModerateComments)?;
    let status = form.action.status();
    if form.ids.is_empty() {
        return Err(AppError::BadRequest("admin-comments-error-none-selected".into()));
    }
    for id in &form.ids {
        state.newsroom.moderate_comment(CommentId(*id), status).await?;
    }
    let back = form.from.unwrap_or(CommentStatus::Pending).as_str();
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
    let checked = input.check()?;
    let parent = state.newsroom.moderate_comment(CommentId(id), CommentStatus::Approved).await?;
    let reply =
        state.newsroom.submit_comment(parent.article, &checked, CommentStatus::Pending).await?;
    state.newsroom.moderate_comment(reply, CommentStatus::Approved).await?;
    Ok(Redirect::to("/admin/comments?status=pending").into_response())
}

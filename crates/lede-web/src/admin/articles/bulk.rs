//! The desk's bulk actions (Publish, Unpublish, Move to section, Trash; in the trash Restore
//! and Delete permanently), the editor's "Move to trash" and "Empty trash". Each article is
//! changed on its own through the newsroom, under the workflow's rules, in its own
//! transaction; the message after the redirect counts what was done and lists what was
//! refused, with the reason. Deleting for good asks first, on a page of its own.

use crate::admin::flash::{self, Flash};
use crate::admin::forms::{AdminQuery, CsrfForm, NoFields};
use crate::admin::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use lede_core::content::ArticleId;
use lede_core::workflow::{self, Step};
use lede_core::{Message, Slug};
use lede_store::{DeskFilter, PageRequest};
use serde::{Deserialize, Serialize};

/// How many refused articles the message names; the rest are counted.
const NAMED_REFUSALS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BulkAction {
    Publish,
    Unpublish,
    Move,
    Trash,
    Restore,
    Delete,
}

impl BulkAction {
    fn name(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Unpublish => "unpublish",
            Self::Move => "move",
            Self::Trash => "trash",
            Self::Restore => "restore",
            Self::Delete => "delete",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    ids: Vec<i64>,
    action: BulkAction,
    /// The section "Move to section" moves to.
    #[serde(default)]
    section: String,
    /// The list the form was on, to come back to.
    #[serde(default)]
    back: String,
    /// `yes` once "Delete permanently" was confirmed.
    #[serde(default)]
    confirm: String,
}

/// `back` if it is one of the desk's or editor's addresses, else the desk.
fn back_to(back: &str) -> String {
    let ours = back == "/admin/articles"
        || back.starts_with("/admin/articles?")
        || back.starts_with("/admin/articles/") && !back.contains("//");
    if ours && !back.contains('\\') { back.to_owned() } else { "/admin/articles".to_owned() }
}

/// The headline the message names an article by.
async fn headline(state: &AppState, id: ArticleId) -> AppResult<String> {
    let article = state.newsroom.store().editable_article(id).await?;
    Ok(article.map_or_else(|| format!("#{}", id.0), |a| a.input.headline))
}

/// Why the newsroom refused, in the viewer's words; other errors are errors.
fn reason(state: &AppState, viewer: &Viewer, error: lede_store::Error) -> AppResult<String> {
    use lede_store::Error as E;
    let message = match error {
        E::Forbidden(m) | E::Conflict(m) => m,
        E::Invalid(invalid) => invalid.message,
        E::NotFound(_) => Message::new("error-not-found"),
        other => return Err(other.into()),
    };
    Ok(crate::admin::tell(state, Some(viewer), &message))
}

async fn apply(
    state: &AppState,
    viewer: &Viewer,
    action: BulkAction,
    id: ArticleId,
    section: Option<&Slug>,
) -> lede_store::Result<()> {
    let newsroom = &state.newsroom;
    let user = &viewer.user;
    match (action, section) {
        (BulkAction::Publish, _) => newsroom.take_step(user, id, Step::Publish).await,
        (BulkAction::Unpublish, _) => newsroom.take_step(user, id, Step::Unpublish).await,
        (BulkAction::Move, Some(section)) => newsroom.move_to_section(user, id, section).await,
        (BulkAction::Move, None) => Err(lede_store::Error::NotFound("section")),
        (BulkAction::Trash, _) => newsroom.trash_article(user, id).await,
        (BulkAction::Restore, _) => newsroom.restore_article(user, id).await,
        (BulkAction::Delete, _) => newsroom.delete_trashed(user, id).await,
    }
}

/// The message after a bulk action: what was done, then each refusal.
fn outcome(
    state: &AppState,
    viewer: &Viewer,
    action: BulkAction,
    done: usize,
    refused: &[(String, String)],
    section: &str,
) -> Flash {
    let id = match action {
        BulkAction::Publish => "admin-bulk-published",
        BulkAction::Unpublish => "admin-bulk-unpublished",
        BulkAction::Move => "admin-bulk-moved",
        BulkAction::Trash => "admin-bulk-trashed",
        BulkAction::Restore => "admin-bulk-restored",
        BulkAction::Delete => "admin-bulk-deleted",
    };
    let count = i64::try_from(done).unwrap_or(i64::MAX);
    let mut lines = vec![crate::admin::tell(
        state,
        Some(viewer),
        &Message::new(id).number("count", count).text("section", section),
    )];
    for (headline, why) in refused.iter().take(NAMED_REFUSALS) {
        let short: String = headline.chars().take(60).collect();
        lines.push(crate::admin::say(
            state,
            Some(viewer),
            "admin-bulk-refused",
            &[("headline", &short), ("reason", why)],
        ));
    }
    if refused.len() > NAMED_REFUSALS {
        let more = i64::try_from(refused.len() - NAMED_REFUSALS).unwrap_or(i64::MAX);
        lines.push(crate::admin::tell(
            state,
            Some(viewer),
            &Message::new("admin-bulk-refused-more").number("count", more),
        ));
    }
    Flash::Lines(lines)
}

/// The page that asks before deleting for good.
#[derive(Debug, Serialize)]
struct ConfirmPage {
    action: String,
    ids: Vec<i64>,
    headlines: Vec<String>,
    count: usize,
    back: String,
}

async fn confirm_page(
    state: &AppState,
    viewer: &Viewer,
    action: &str,
    ids: Vec<i64>,
    headlines: Vec<String>,
    count: usize,
    back: String,
) -> AppResult<Response> {
    let title = crate::admin::say(state, Some(viewer), "admin-trash-confirm-heading", &[]);
    let page = ConfirmPage { action: action.to_owned(), ids, headlines, count, back };
    Ok(render(state, Some(viewer), "admin/trash_confirm.html", &title, page).await?.into_response())
}

pub async fn bulk(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<BulkForm>,
) -> AppResult<Response> {
    let back = back_to(&form.back);
    if form.ids.is_empty() {
        return Err(AppError::BadRequest("admin-bulk-none-selected".into()));
    }
    let section = match form.action {
        BulkAction::Move => {
            let slug = Slug::parse(form.section.trim())
                .map_err(|_| AppError::BadRequest("admin-bulk-no-section".into()))?;
            let found = state.newsroom.store().section_by_slug(slug.as_str()).await?;
            Some((slug, found.ok_or(AppError::BadRequest("admin-bulk-no-section".into()))?.name))
        }
        _ => None,
    };
    if form.action == BulkAction::Delete {
        if !workflow::may_empty_trash(viewer.user.role) {
            return Err(AppError::Forbidden("workflow-empty-trash-editors".into()));
        }
        if form.confirm != "yes" {
            let mut headlines = Vec::new();
            for id in &form.ids {
                headlines.push(headline(&state, ArticleId(*id)).await?);
            }
            let count = form.ids.len();
            return confirm_page(
                &state,
                &viewer,
                "/admin/articles/bulk",
                form.ids,
                headlines,
                count,
                back,
            )
            .await;
        }
    }
    let mut done = 0;
    let mut refused = Vec::new();
    for id in &form.ids {
        let id = ArticleId(*id);
        match apply(&state, &viewer, form.action, id, section.as_ref().map(|(s, _)| s)).await {
            Ok(()) => done += 1,
            Err(error) => {
                let why = reason(&state, &viewer, error)?;
                refused.push((headline(&state, id).await?, why));
            }
        }
    }
    tracing::info!(action = form.action.name(), done, refused = refused.len(), "bulk action");
    let name = section.map(|(_, name)| name).unwrap_or_default();
    let flash = outcome(&state, &viewer, form.action, done, &refused, &name);
    Ok(flash::redirect(&state, &back, &flash))
}

/// The editor's "Move to trash".
pub async fn trash_one(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm<NoFields>,
) -> AppResult<Response> {
    state.newsroom.trash_article(&viewer.user, ArticleId(id)).await?;
    let flash = outcome(&state, &viewer, BulkAction::Trash, 1, &[], "");
    Ok(flash::redirect(&state, "/admin/articles?view=trash", &flash))
}

/// "Empty trash": what would go, and the button that sends it.
pub async fn confirm_empty(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(_): AdminQuery<NoFields>,
) -> AppResult<Response> {
    if !workflow::may_empty_trash(viewer.user.role) {
        return Err(AppError::Forbidden("workflow-empty-trash-editors".into()));
    }
    let filter = DeskFilter { trash: true, ..Default::default() };
    let listed = state.newsroom.store().desk(&filter, PageRequest::new(1, 100)).await?;
    let headlines = listed.items.into_iter().map(|row| row.headline).collect();
    let count = usize::try_from(listed.total).unwrap_or(usize::MAX);
    let back = "/admin/articles?view=trash".to_owned();
    confirm_page(&state, &viewer, "/admin/articles/trash/empty", Vec::new(), headlines, count, back)
        .await
}

pub async fn empty(
    State(state): State<AppState>,
    CsrfForm { viewer, .. }: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let deleted = state.newsroom.empty_trash(&viewer.user).await?;
    let flash = outcome(&state, &viewer, BulkAction::Delete, deleted, &[], "");
    Ok(flash::redirect(&state, "/admin/articles?view=trash", &flash))
}

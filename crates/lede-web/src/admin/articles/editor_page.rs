//! The editor's page: its form with the buttons the article's state offers, what waits
//! beside a live article (changes saved for later, its notes so far), the autosave on offer,
//! the preview of the form's text as readers will see it, the word count and the article's
//! preview links.

use super::choices;
use super::form::{EditorForm, preview_input};
use super::share::SharePreview;
use crate::admin::{Viewer, render};
use crate::error::AppResult;
use crate::site::article::{ArticleView, preview_view};
use crate::site::preview::preview_of;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lede_core::Slug;
use lede_core::account::Action;
use lede_core::content::{ArticleId, ArticleStatus};
use lede_core::urls;
use serde::Serialize;

/// Changes saved for later, as the editor announces them.
#[derive(Debug, Serialize)]
struct PendingView {
    saved: String,
    by: String,
    /// The live article changed after they were made: "Update" will be refused until they
    /// are brought up to date.
    stale: bool,
}

/// A correction or update note the article already carries.
#[derive(Debug, Serialize)]
struct NoteLine {
    kind: &'static str,
    text: String,
    at: String,
}

/// A live preview link, with its revoke button.
#[derive(Debug, Serialize)]
struct LinkLine {
    created: String,
    expires: String,
    by: String,
    revoke: String,
}

#[derive(Debug, Serialize)]
struct EditorView {
    id: Option<i64>,
    status: &'static str,
    public_url: Option<String>,
    form: EditorForm,
    error: Option<String>,
    field: Option<&'static str>,
    /// Something to know that is not a problem (the text shown is an older revision, or
    /// the autosaved one).
    notice: Option<String>,
    /// The form's text as readers would see it, after "Preview".
    preview: Option<ArticleView>,
    sections: Vec<(String, String)>,
    authors: Vec<(String, String)>,
    tag_names: Vec<String>,
    /// The site's languages (tag, name in its own language), the default first.
    languages: Vec<(String, String)>,
    /// Recent images of the media library, offered for the featured image and to insert
    /// into the body.
    library: Vec<LibraryChoice>,
    can_publish: bool,
    /// Whether the article is in the trash (its buttons are "Restore"), and whether this
    /// person may move it there (`workflow::may_trash`).
    trashed: bool,
    can_trash: bool,
    /// The IANA name of the site's time zone, which "Publish at" is read in.
    time_zone: String,
    pending: Option<PendingView>,
    notes: Vec<NoteLine>,
    /// "Restore autosaved version from …": the address and the time.
    autosave_offer: Option<(String, String)>,
    /// Where the editor's script keeps the autosave and asks for the live preview.
    autosave_url: String,
    preview_fragment_url: String,
    /// The stored article's full preview page, and its shared links.
    preview_url: Option<String>,
    preview_links: Vec<LinkLine>,
    /// "N words · M min read" for the body as it stands.
    word_count: String,
    /// Whether the front page's choices (top story, featured) are offered: editors and admins.
    can_curate: bool,
    /// The lists an editor may email the article to as it is published (key, name); none
    /// for writers.
    email_lists: Vec<(String, String)>,
    /// How the article looks in search results and on a share card.
    share: SharePreview,
}

/// How the editor page is shown besides its form.
#[derive(Debug, Default)]
pub(super) struct Showing {
    pub problem: Option<(StatusCode, String, Option<&'static str>)>,
    pub notice: Option<String>,
    pub preview: bool,
    /// Offer the person's autosave, if it is newer than what is stored.
    pub offer_autosave: bool,
}

/// An image of the media library as the editor's picker offers it: what choosing it as the
/// featured image fills in (the article keeps its own copy), and the Markdown "Insert" puts
/// in the body.
#[derive(Debug, Serialize)]
struct LibraryChoice {
    path: String,
    name: String,
    thumbnail: String,
    alt: String,
    caption: String,
    credit: String,
    markdown: String,
}

impl From<lede_store::MediaItem> for LibraryChoice {
    fn from(item: lede_store::MediaItem) -> Self {
        let description = &item.description;
        Self {
            thumbnail: item.widths.first().map_or(item.path.clone(), |w| item.variant(*w, "webp")),
            markdown: lede_core::markdown::image::markdown(
                &item.path,
                &description.alt,
                &description.caption,
                &description.credit,
            ),
            alt: description.alt.clone(),
            caption: description.caption.clone(),
            credit: description.credit.clone(),
            path: item.path,
            name: item.original_name,
        }
    }
}

/// "N words · M min read" for `body` in `language`: the rule the article page counts by.
pub(super) fn word_count(state: &AppState, language: &str, body: &str, ui: &str) -> String {
    let words = lede_core::reading_time::word_count(&lede_core::markdown::plain_text(body));
    let minutes = state.settings.reading_speeds.minutes(words, language);
    let args = crate::i18n::number_args(&[("words", words), ("minutes", minutes as usize)]);
    state.translations.message(ui, "admin-editor-word-count", Some(&args))
}

/// The byline slug of the person signed in, if their account has one.
async fn own_byline(state: &AppState, viewer: &Viewer) -> AppResult<Option<Slug>> {
    Ok(match viewer.user.author {
        Some(id) => {
            state.newsroom.store().authors().await?.into_iter().find(|a| a.id == id).map(|a| a.slug)
        }
        None => None,
    })
}

/// The form's text as readers would see it (`id`: the stored article around it).
pub(super) async fn preview_of_form(
    state: &AppState,
    viewer: &Viewer,
    id: Option<ArticleId>,
    form: &EditorForm,
) -> AppResult<ArticleView> {
    let (input, tag_names) = preview_input(form, own_byline(state, viewer).await?);
    let article = preview_of(state, id, input, &tag_names, &form.notes()).await?;
    preview_view(state, article).await
}

pub(super) async fn editor_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<ArticleId>,
    form: EditorForm,
    showing: Showing,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let zone = &state.settings.time_zone;
    let when = |at| zone.long_date_time(at, &viewer.language);
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
        let byline = own_byline(state, viewer).await?;
        let credited = current.as_ref().map(|c| c.input.authors.clone()).unwrap_or_default();
        authors.retain(|(slug, _)| {
            byline.as_ref().is_some_and(|b| b.as_str() == slug)
                || credited.iter().any(|c| c.as_str() == slug)
        });
    }
    let pending = match id {
        Some(id) => store.pending_version(id).await?,
        None => None,
    };
    let autosave = if showing.offer_autosave {
        let newest = [current.as_ref().map(|c| c.updated_at), pending.as_ref().map(|p| p.saved_at)]
            .into_iter()
            .flatten()
            .max();
        store
            .autosave(viewer.user.id, id)
            .await?
            .filter(|a| newest.is_none_or(|at| a.saved_at > at))
    } else {
        None
    };
    let base = id.map_or("/admin/articles/new".to_owned(), |i| format!("/admin/articles/{}", i.0));
    let preview =
        if showing.preview { Some(preview_of_form(state, viewer, id, &form).await?) } else { None };
    let links = match id {
        Some(id) => state.newsroom.live_preview_links(id).await?,
        None => Vec::new(),
    };
    let catalog = state.catalog.get(&state.newsroom).await?;
    let share = SharePreview::of(
        &form,
        &state.identity().name,
        &state.settings.base_url,
        catalog.page.images.share_image.clone(),
    );
    let mut email_lists = Vec::new();
    if viewer.user.role.may(Action::EditOthers) {
        for list in state.newsroom.newsletter_lists().await? {
            let name = crate::newsletters::compose::list_name(state, &list, &viewer.language).await;
            email_lists.push((list.key(), format!("{name} ({})", list.language)));
        }
    }
    let view = EditorView {
        email_lists,
        can_curate: viewer.user.role.may(Action::CurateFrontPage),
        share,
        id: id.map(|i| i.0),
        status: current.as_ref().map_or("new", |c| c.status.as_str()),
        public_url: current
            .as_ref()
            .filter(|c| c.status == ArticleStatus::Published)
            .map(|c| urls::article(&c.input.slug)),
        word_count: word_count(state, &form.language, &form.body, &viewer.language),
        preview,
        error: showing.problem.as_ref().map(|(_, m, _)| m.clone()),
        field: showing.problem.as_ref().and_then(|(_, _, f)| *f),
        notice: showing.notice,
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
        library: store.media("", 100).await?.into_iter().map(LibraryChoice::from).collect(),
        can_publish: viewer.user.role.may(Action::EditOthers)
            || own && viewer.user.role.may(Action::PublishOwn),
        trashed: current.as_ref().is_some_and(|c| c.trashed_at.is_some()),
        can_trash: current.as_ref().is_some_and(|c| {
            lede_core::workflow::may_trash(viewer.user.role, own, c.status).is_ok()
        }),
        time_zone: zone.name().to_owned(),
        pending: pending.as_ref().map(|p| PendingView {
            saved: when(p.saved_at),
            by: p.saved_by.clone().unwrap_or_else(|| {
                crate::admin::say(state, Some(viewer), "admin-revision-system", &[])
            }),
            stale: current.as_ref().is_some_and(|c| c.version != p.base_version),
        }),
        notes: current
            .as_ref()
            .map(|c| {
                c.notes
                    .iter()
                    .map(|n| NoteLine {
                        kind: n.kind.as_str(),
                        text: n.text.clone(),
                        at: when(n.at),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        autosave_offer: autosave.map(|a| (format!("{base}?restore=autosave"), when(a.saved_at))),
        autosave_url: format!("{base}/autosave"),
        preview_fragment_url: match id {
            Some(id) => format!("/admin/preview?article={}", id.0),
            None => "/admin/preview".to_owned(),
        },
        preview_url: id.map(|id| format!("/admin/articles/{}/preview", id.0)),
        preview_links: links
            .iter()
            .map(|l| LinkLine {
                created: when(l.created_at),
                expires: when(l.expires_at),
                by: l.created_by.clone().unwrap_or_default(),
                revoke: format!("{base}/preview-links/{}/revoke", l.id),
            })
            .collect(),
        form,
    };
    let status = showing.problem.map_or(StatusCode::OK, |(s, _, _)| s);
    let title = if view.form.headline.is_empty() {
        crate::admin::say(state, Some(viewer), "admin-new-article", &[])
    } else {
        view.form.headline.clone()
    };
    Ok((status, render(state, Some(viewer), "admin/editor.html", &title, view).await?)
        .into_response())
}

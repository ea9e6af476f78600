//! The newsroom's articles, by what each page serves: the desk (the list, filtered by
//! status, section and author, searched by headline, sorted, with counts per status and changes
//! waiting; its bulk actions and the trash), the editor (new, edit, save through the workflow's steps, update a live article
//! or keep changes for later), previews (live, full page, shared links), autosave, and the
//! revisions (list with differences, restore into the editor), and the email an article makes
//! (preview, a test to oneself, counts). Every role writes, so being signed in is enough to
//! open them; what a save may do is the workflow's rule, applied by the newsroom.

pub(super) mod autosave;
pub(super) mod bulk;
pub(super) mod desk;
pub(super) mod editor;
pub(super) mod editor_page;
pub(super) mod email;
mod form;
pub(super) mod preview;
pub(super) mod revisions;
mod share;

pub(crate) use form::read_for_fuzzing;

use crate::error::AppResult;
use crate::state::AppState;
use time::OffsetDateTime;

/// Sections and authors as (slug, name) pairs, for the list's filters and the editor's choices.
async fn choices(state: &AppState) -> AppResult<(Vec<(String, String)>, Vec<(String, String)>)> {
    let store = state.newsroom.store();
    let sections =
        store.sections().await?.into_iter().map(|s| (s.slug.to_string(), s.name)).collect();
    let authors =
        store.authors().await?.into_iter().map(|a| (a.slug.to_string(), a.name)).collect();
    Ok((sections, authors))
}

/// `at` to the minute on the site's wall clock (`2026-11-22 14:05`).
fn minutes(zone: &crate::dates::SiteZone, at: OffsetDateTime) -> String {
    zone.civil(at).strftime("%Y-%m-%d %H:%M").to_string()
}

//! The header and footer menus, for admins: each an ordered list of links to sections, static
//! pages and other addresses, one pair per language. Plain forms add, move and remove a link;
//! each saves the whole menu in one transaction through the newsroom, which announces it so
//! every cached page (here and on the other servers) is rendered with the new menu. Until a
//! menu is saved the site shows its default (the sections in the header, the pages in the
//! footer), and "Use the default" goes back to it.

use super::flash::{self, Flash};
use super::forms::{AdminQuery, CsrfForm};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lede_core::account::Action;
use lede_core::content::PageStatus;
use lede_core::menu::{Menu, MenuItem, MenuName, MenuTarget, link_address};
use lede_core::names::Named;
use lede_core::{Invalid, Slug, urls};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize)]
pub struct LanguageQuery {
    #[serde(default)]
    language: String,
}

/// The language asked for, if the site publishes in it, else the default.
fn language_of(state: &AppState, asked: &str) -> String {
    let languages = state.newsroom.languages();
    languages.check(asked).unwrap_or_else(|_| languages.default_language().to_owned())
}

/// The menus page of `language`.
fn menus_path(state: &AppState, language: &str) -> String {
    if language == state.newsroom.languages().default_language() {
        "/admin/menus".to_owned()
    } else {
        format!("/admin/menus?language={language}")
    }
}

/// The menu as it stands: the saved one, else the default it replaces.
async fn current(state: &AppState, name: MenuName, language: &str) -> AppResult<(Menu, bool)> {
    let store = state.newsroom.store();
    if let Some(menu) =
        store.menus().await?.into_iter().find(|m| m.name == name && m.language == language)
    {
        return Ok((menu, true));
    }
    let items = match name {
        MenuName::Header => store
            .sections()
            .await?
            .into_iter()
            .filter(|s| s.parent.is_none())
            .map(|s| MenuItem { target: MenuTarget::Section(s.slug), label: String::new() })
            .collect(),
        MenuName::Footer => store
            .pages()
            .await?
            .into_iter()
            .map(|p| MenuItem { target: MenuTarget::Page(p.slug), label: String::new() })
            .collect(),
    };
    Ok((Menu { name, language: language.to_owned(), items }, false))
}

#[derive(Debug, Serialize)]
struct ItemLine {
    index: usize,
    /// `section`, `page` or `link`, for the kind's label.
    kind: &'static str,
    /// What readers see.
    label: String,
    /// Where it leads.
    url: String,
    /// A page's link shows only while it is published.
    hidden: bool,
    first: bool,
    last: bool,
}

#[derive(Debug, Serialize)]
struct MenuView {
    name: &'static str,
    saved: bool,
    items: Vec<ItemLine>,
}

#[derive(Debug, Serialize)]
struct MenusView {
    language: String,
    /// The site's languages as (tag, name in itself, chosen), when it has several.
    languages: Vec<(String, String, bool)>,
    menus: Vec<MenuView>,
    /// (slug, name in the menu's language) of every section, and of every page (drafts
    /// too, marked).
    sections: Vec<(String, String)>,
    pages: Vec<(String, String)>,
    error: Option<String>,
}

async fn menus_page(
    state: &AppState,
    viewer: &Viewer,
    language: &str,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(language);
    let sections = store.sections().await?;
    let pages = store.all_pages().await?;
    let say = |id: &str, args: &[(&str, &str)]| super::say(state, Some(viewer), id, args);
    let mut menus = Vec::new();
    for name in MenuName::ALL {
        let (menu, saved) = current(state, name, language).await?;
        let count = menu.items.len();
        let items = menu
            .items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let (label, url, hidden) = match &item.target {
                    MenuTarget::Section(slug) => {
                        let name = sections
                            .iter()
                            .find(|s| &s.slug == slug)
                            .map(|s| names.name(Named::Section, slug, &s.name).to_owned());
                        (name, urls::section(slug), false)
                    }
                    MenuTarget::Page(slug) => {
                        let page = pages.iter().find(|p| &p.slug == slug);
                        let hidden = page.is_none_or(|p| p.status != PageStatus::Published);
                        (page.map(|p| p.title.clone()), urls::page(slug), hidden)
                    }
                    MenuTarget::Link(url) => (None, url.clone(), false),
                };
                let label = if item.label.is_empty() {
                    label.unwrap_or_else(|| item.target.target().to_owned())
                } else {
                    item.label.clone()
                };
                ItemLine {
                    index,
                    kind: item.target.kind(),
                    label,
                    url,
                    hidden,
                    first: index == 0,
                    last: index + 1 == count,
                }
            })
            .collect();
        menus.push(MenuView { name: name.as_str(), saved, items });
    }
    let languages = state.newsroom.languages();
    let choices = if languages.all().len() > 1 {
        languages
            .all()
            .iter()
            .map(|l| {
                let autonym = state.translations.message(l, "language-autonym", None);
                (l.clone(), autonym, l == language)
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = MenusView {
        language: language.to_owned(),
        languages: choices,
        menus,
        sections: sections
            .iter()
            .map(|s| (s.slug.to_string(), names.name(Named::Section, &s.slug, &s.name).to_owned()))
            .collect(),
        pages: pages
            .iter()
            .map(|p| {
                let title = match p.status {
                    PageStatus::Published => p.title.clone(),
                    PageStatus::Draft => say("admin-menus-draft-page", &[("title", &p.title)]),
                };
                (p.slug.to_string(), title)
            })
            .collect(),
        error,
    };
    let title = say("admin-menus-heading", &[]);
    let html = render(state, Some(viewer), "admin/menus.html", &title, view).await?;
    Ok((status, html).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(query): AdminQuery<LanguageQuery>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let language = language_of(&state, &query.language);
    menus_page(&state, &viewer, &language, None, StatusCode::OK).await
}

fn menu_name(name: &str) -> AppResult<MenuName> {
    MenuName::parse(name).map_err(|_| AppError::NotFound)
}

/// Saves `menu` changed by `change`, then back to the menus page with a message; a refused
/// link shows the page again with what to correct.
async fn change(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
    language: &str,
    edit: impl FnOnce(&mut Vec<MenuItem>) -> Result<(), Invalid>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let name = menu_name(name)?;
    let language = language_of(state, language);
    let (mut menu, _) = current(state, name, &language).await?;
    let attempt = async {
        edit(&mut menu.items)?;
        state.newsroom.save_menu(&viewer.user, menu).await
    };
    match attempt.await {
        Ok(()) => Ok(flash::redirect(state, &menus_path(state, &language), &Flash::MenuSaved)),
        Err(error) => {
            let (message, _, status) = super::refusal(state, viewer, error)?;
            menus_page(state, viewer, &language, Some(message), status).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    language: String,
    /// `section`, `page` or `link`.
    kind: String,
    section: String,
    page: String,
    url: String,
    label: String,
}

pub async fn add(
    State(state): State<AppState>,
    Path(name): Path<String>,
    CsrfForm { viewer, form }: CsrfForm<AddForm>,
) -> AppResult<Response> {
    let language = form.language.clone();
    change(&state, &viewer, &name, &language, move |items| {
        let target = match form.kind.as_str() {
            "section" => MenuTarget::Section(Slug::parse(form.section.trim())?),
            "page" => MenuTarget::Page(Slug::parse(form.page.trim())?),
            "link" => MenuTarget::Link(link_address(&form.url)?),
            _ => return Err(Invalid::new("kind", "validation-menu-kind")),
        };
        items.push(MenuItem { target, label: form.label.clone() });
        Ok(())
    })
    .await
}

/// Where a link moves.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Move {
    Up,
    Down,
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    language: String,
    index: usize,
    direction: Move,
}

pub async fn move_item(
    State(state): State<AppState>,
    Path(name): Path<String>,
    CsrfForm { viewer, form }: CsrfForm<MoveForm>,
) -> AppResult<Response> {
    change(&state, &viewer, &name, &form.language, |items| {
        let at = form.index.min(items.len().saturating_sub(1));
        let to = match form.direction {
            Move::Up => at.saturating_sub(1),
            Move::Down => (at + 1).min(items.len().saturating_sub(1)),
        };
        if at < items.len() {
            items.swap(at, to);
        }
        Ok(())
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    language: String,
    index: usize,
}

pub async fn remove(
    State(state): State<AppState>,
    Path(name): Path<String>,
    CsrfForm { viewer, form }: CsrfForm<RemoveForm>,
) -> AppResult<Response> {
    change(&state, &viewer, &name, &form.language, |items| {
        if form.index < items.len() {
            items.remove(form.index);
        }
        Ok(())
    })
    .await
}

/// Forgets the saved menu: the site shows the default again.
pub async fn reset(
    State(state): State<AppState>,
    Path(name): Path<String>,
    CsrfForm { viewer, form }: CsrfForm<LanguageQuery>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let name = menu_name(&name)?;
    let language = language_of(&state, &form.language);
    state.newsroom.reset_menu(&viewer.user, name, &language).await?;
    Ok(flash::redirect(&state, &menus_path(&state, &language), &Flash::MenuReset))
}

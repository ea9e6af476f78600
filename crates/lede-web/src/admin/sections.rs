//! Sections, for admins: the list as the menu nests and orders them (with how many articles
//! each holds), adding one (its address proposed from its name), editing one, moving one up
//! or down among its siblings, and deleting an empty one. Every change goes through the
//! newsroom, which keeps the rules and announces it.

use super::forms::CsrfForm;
use super::local_names::{self, LanguageFields};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::content::{Section, SectionId, SectionInput};
use lede_core::names::Named;
use lede_core::{Invalid, Slug, urls};
use lede_store::Direction;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Sections in menu order, each followed by its subsections, with their depth.
fn tree(sections: &[Section]) -> Vec<(&Section, usize)> {
    fn visit<'a>(
        sections: &'a [Section],
        parent: Option<SectionId>,
        depth: usize,
        out: &mut Vec<(&'a Section, usize)>,
    ) {
        for section in sections.iter().filter(|s| s.parent == parent) {
            // A loop in stored data must not recurse for ever.
            if out.iter().any(|(s, _)| s.id == section.id) {
                continue;
            }
            out.push((section, depth));
            visit(sections, Some(section.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(sections.len());
    visit(sections, None, 0, &mut out);
    out
}

#[derive(Debug, Serialize)]
struct SectionLine {
    id: i64,
    name: String,
    slug: String,
    /// The section's public page.
    url: String,
    depth: usize,
    /// Dashes that show the nesting before the name.
    indent: String,
    articles: u64,
    position: i64,
    first: bool,
    last: bool,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SectionForm {
    name: String,
    /// Only when adding: empty means "make it from the name".
    slug: String,
    parent: String,
    position: String,
    description: String,
    /// The name and description in the site's other languages (`name-ur`,
    /// `description-ur`), among the form's other fields; only the edit form has them.
    #[serde(flatten, skip_serializing)]
    local: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
struct SectionsView {
    sections: Vec<SectionLine>,
    /// Where a section may sit: (slug, name indented by depth).
    parents: Vec<(String, String)>,
    form: SectionForm,
    error: Option<String>,
    field: Option<&'static str>,
}

fn parent_choices(sections: &[Section], except: Option<SectionId>) -> Vec<(String, String)> {
    tree(sections)
        .into_iter()
        .filter(|(s, _)| Some(s.id) != except)
        .map(|(s, depth)| (s.slug.to_string(), format!("{}{}", "— ".repeat(depth), s.name)))
        .collect()
}

async fn sections_page(
    state: &AppState,
    viewer: &Viewer,
    form: SectionForm,
    error: Option<(String, &'static str)>,
    status: StatusCode,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let sections = store.sections().await?;
    let counts: HashMap<SectionId, u64> =
        store.section_article_counts().await?.into_iter().collect();
    let lines = tree(&sections)
        .into_iter()
        .map(|(s, depth)| {
            let siblings: Vec<_> = sections.iter().filter(|o| o.parent == s.parent).collect();
            SectionLine {
                id: s.id.0,
                name: s.name.clone(),
                slug: s.slug.to_string(),
                url: urls::section(&s.slug),
                depth,
                indent: "— ".repeat(depth),
                articles: counts.get(&s.id).copied().unwrap_or(0),
                position: s.position,
                first: siblings.first().is_some_and(|f| f.id == s.id),
                last: siblings.last().is_some_and(|l| l.id == s.id),
            }
        })
        .collect();
    let (error, field) = error.map_or((None, None), |(m, f)| (Some(m), Some(f)));
    let view = SectionsView {
        parents: parent_choices(&sections, None),
        sections: lines,
        form,
        error,
        field,
    };
    let page = render(
        state,
        Some(viewer),
        "admin/sections.html",
        &crate::admin::say(state, Some(viewer), "admin-sections-heading", &[]),
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    sections_page(&state, &viewer, SectionForm::default(), None, StatusCode::OK).await
}

/// Reads the form's parent and position; an empty position puts the section after its
/// siblings.
fn placement(form: &SectionForm, sections: &[Section]) -> Result<(Option<Slug>, i64), Invalid> {
    let parent = match form.parent.trim() {
        "" => None,
        slug => Some(
            Slug::parse(slug).map_err(|_| Invalid::new("parent", "admin-sections-error-parent"))?,
        ),
    };
    let position = match form.position.trim() {
        "" => {
            let parent_id =
                parent.as_ref().and_then(|p| sections.iter().find(|s| &s.slug == p)).map(|s| s.id);
            sections
                .iter()
                .filter(|s| s.parent == parent_id)
                .map(|s| s.position)
                .max()
                .map_or(10, |p| p + 10)
        }
        text => {
            text.parse().map_err(|_| Invalid::new("position", "admin-sections-error-position"))?
        }
    };
    Ok((parent, position))
}

pub async fn create(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<SectionForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let sections = state.newsroom.store().sections().await?;
    let attempt = async {
        let slug = match form.slug.trim() {
            "" => Slug::from_title(&form.name)
                .ok_or_else(|| Invalid::new("slug", "admin-sections-error-address"))?,
            text => Slug::parse(text)?,
        };
        let (parent, position) = placement(&form, &sections)?;
        let input = SectionInput {
            slug,
            name: form.name.clone(),
            description: form.description.clone(),
            parent,
        };
        state.newsroom.create_section(&viewer.user, input, position).await
    };
    match attempt.await {
        Ok(_) => Ok(Redirect::to("/admin/sections").into_response()),
        Err(error) => {
            let (message, field, status) = super::refusal(&state, &viewer, error)?;
            let field = field.unwrap_or("");
            sections_page(&state, &viewer, form, Some((message, field)), status).await
        }
    }
}

#[derive(Debug, Serialize)]
struct SectionEditView {
    id: i64,
    slug: String,
    /// The section's public page.
    url: String,
    parents: Vec<(String, String)>,
    form: SectionForm,
    /// "Name in اردو", "Description in اردو": one pair for each of the site's other languages.
    languages: Vec<LanguageFields>,
    error: Option<String>,
    field: Option<&'static str>,
}

async fn find(state: &AppState, id: i64) -> AppResult<(Vec<Section>, Section)> {
    let sections = state.newsroom.store().sections().await?;
    let section = sections.iter().find(|s| s.id.0 == id).cloned().ok_or(AppError::NotFound)?;
    Ok((sections, section))
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    form: Option<SectionForm>,
    error: Option<(String, &'static str)>,
    status: StatusCode,
) -> AppResult<Response> {
    let (sections, section) = find(state, id).await?;
    let catalog = state.catalog.get(&state.newsroom).await?;
    let stored = catalog.names.of(Named::Section, &section.slug);
    let languages =
        local_names::fields(state, "description", &stored, form.as_ref().map(|f| &f.local));
    let form = form.unwrap_or_else(|| SectionForm {
        name: section.name.clone(),
        slug: section.slug.to_string(),
        parent: section
            .parent
            .and_then(|p| sections.iter().find(|s| s.id == p))
            .map(|p| p.slug.to_string())
            .unwrap_or_default(),
        position: section.position.to_string(),
        description: section.description.clone(),
        local: BTreeMap::new(),
    });
    let (error, field) = error.map_or((None, None), |(m, f)| (Some(m), Some(f)));
    let view = SectionEditView {
        id,
        slug: section.slug.to_string(),
        url: urls::section(&section.slug),
        parents: parent_choices(&sections, Some(section.id)),
        form,
        languages,
        error,
        field,
    };
    let title =
        crate::admin::say(state, Some(viewer), "admin-section-title", &[("name", &section.name)]);
    let page = render(state, Some(viewer), "admin/section.html", &title, view).await?;
    Ok((status, page).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    edit_page(&state, &viewer, id, None, None, StatusCode::OK).await
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<SectionForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let (sections, section) = find(&state, id).await?;
    let attempt = async {
        let (parent, position) = placement(&form, &sections)?;
        let input = SectionInput {
            slug: section.slug.clone(),
            name: form.name.clone(),
            description: form.description.clone(),
            parent,
        };
        let names = local_names::sent(&state, "description", &form.local);
        state.newsroom.update_section_in_languages(&viewer.user, input, position, names).await
    };
    match attempt.await {
        Ok(_) => Ok(Redirect::to("/admin/sections").into_response()),
        Err(error) => {
            let (message, field, status) = super::refusal(&state, &viewer, error)?;
            let field = field.unwrap_or("");
            edit_page(&state, &viewer, id, Some(form), Some((message, field)), status).await
        }
    }
}

/// Where a section moves among its siblings.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Move {
    Up,
    Down,
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    direction: Move,
}

pub async fn move_section(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<MoveForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let direction = match form.direction {
        Move::Up => Direction::Up,
        Move::Down => Direction::Down,
    };
    state.newsroom.move_section(&viewer.user, SectionId(id), direction).await?;
    Ok(Redirect::to("/admin/sections").into_response())
}

/// Deletes an empty section; one that holds articles or subsections is kept, and the list
/// says why (409).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    match state.newsroom.delete_section(&viewer.user, SectionId(id)).await {
        Ok(()) => Ok(Redirect::to("/admin/sections").into_response()),
        Err(error) => {
            let (message, field, status) = super::refusal(&state, &viewer, error)?;
            let field = field.unwrap_or("");
            let form = SectionForm::default();
            sections_page(&state, &viewer, form, Some((message, field)), status).await
        }
    }
}

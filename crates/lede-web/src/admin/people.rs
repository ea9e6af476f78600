//! Accounts, for admins: who works in the newsroom, adding someone, changing a role (never
//! one's own) and ending someone's sessions.

use super::forms::CsrfForm;
use super::{Viewer, render};
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::{Action, Role, UserId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
struct PersonLine {
    id: i64,
    email: String,
    name: String,
    role: &'static str,
    is_me: bool,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct NewPersonForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    role: Role,
    #[serde(default, skip_serializing)]
    password: String,
}

#[derive(Debug, Serialize)]
struct PeopleView {
    people: Vec<PersonLine>,
    roles: [&'static str; 4],
    form: NewPersonForm,
    error: Option<String>,
}

async fn people_page(
    state: &AppState,
    viewer: &Viewer,
    form: NewPersonForm,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let people = state.newsroom.store().users().await?;
    let view = PeopleView {
        people: people
            .into_iter()
            .map(|u| PersonLine {
                is_me: u.id == viewer.user.id,
                id: u.id.0,
                email: u.email,
                name: u.name,
                role: u.role.as_str(),
            })
            .collect(),
        roles: ["contributor", "author", "editor", "admin"],
        form,
        error,
    };
    Ok((
        status,
        render(
            state,
            Some(viewer),
            "admin/people.html",
            &crate::admin::say(state, Some(viewer), "admin-people-heading", &[]),
            view,
        )
        .await?,
    )
        .into_response())
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManageAccounts)?;
    people_page(
        &state,
        &viewer,
        NewPersonForm {
            email: String::new(),
            name: String::new(),
            role: Role::Author,
            password: String::new(),
        },
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn add(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<NewPersonForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageAccounts)?;
    match state.accounts.create_user(&form.email, &form.name, form.role, &form.password).await {
        Ok(_) => Ok(Redirect::to("/admin/people").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            people_page(
                &state,
                &viewer,
                form,
                Some(crate::admin::tell(&state, Some(&viewer), &invalid.message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(lede_store::Error::Conflict(message)) => {
            let message = crate::admin::tell(&state, Some(&viewer), &message);
            people_page(&state, &viewer, form, Some(message), StatusCode::CONFLICT).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    role: Role,
}

pub async fn change_role(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<RoleForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageAccounts)?;
    state.accounts.change_role(&viewer.user, UserId(id), form.role).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

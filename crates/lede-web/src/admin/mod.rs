//! The newsroom admin under `/admin`: sign-in, the one-time setup of the first account, the
//! dashboard, articles, media, comment moderation, profiles and sessions, and for admins
//! people, sections and site settings. Every response is personal, so none may be cached.
//! The types say who gets in: a handler that takes a [`Viewer`] is only reached signed in
//! (others are sent to the sign-in form), one that takes a `CsrfForm` or `CsrfUpload` only
//! with the session's CSRF token (403 without it); a role that does not allow a page gets a
//! 403 page from [`Viewer::require`].

mod articles;
mod comments;
mod forms;
mod local_names;
mod media;
mod people;
mod profile;
mod sections;
mod session;
mod sessions;
mod settings;
mod sign_in;

pub use session::Viewer;

use crate::error::AppResult;
use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Html;
use axum::routing::{get, post};
use serde::Serialize;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(sign_in::admin_home))
        .route("/admin/sign-in", post(sign_in::sign_in))
        .route("/admin/sign-out", post(sign_in::sign_out))
        .route("/admin/setup", get(sign_in::setup_form).post(sign_in::setup))
        .route("/admin/comments", get(comments::queue).post(comments::moderate))
        .route("/admin/profile", get(profile::edit).post(profile::save))
        .route("/admin/profile/avatar", post(profile::upload_avatar).layer(media::body_limit()))
        .route("/admin/profile/avatar/remove", post(profile::remove_avatar))
        .route("/admin/profile/sessions/{id}/sign-out", post(sessions::sign_out_one))
        .route("/admin/profile/sessions/sign-out-others", post(sessions::sign_out_others))
        .route("/admin/sections", get(sections::list).post(sections::create))
        .route("/admin/sections/{id}", get(sections::edit).post(sections::update))
        .route("/admin/sections/{id}/move", post(sections::move_section))
        .route("/admin/sections/{id}/delete", post(sections::delete))
        .route("/admin/settings", get(settings::edit).post(settings::save))
        .route("/admin/media", get(media::list).post(media::upload).layer(media::body_limit()))
        .route("/admin/media/{id}/delete", post(media::delete))
        .route("/admin/comments/{id}/reply", post(comments::reply))
        .route("/admin/people", get(people::list).post(people::add))
        .route("/admin/preview", post(articles::editor::preview))
        .route("/admin/people/{id}/role", post(people::change_role))
        .route("/admin/people/{id}/sign-out", post(sessions::sign_out_person))
        .route("/admin/articles", get(articles::desk::list))
        .route(
            "/admin/articles/new",
            get(articles::editor::new_article).post(articles::editor::create),
        )
        .route("/admin/articles/{id}", get(articles::editor::edit).post(articles::editor::update))
        .route("/admin/articles/{id}/revisions", get(articles::revisions::revisions))
        .route("/admin/articles/{id}/restore", get(articles::revisions::restore))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The language of the newsroom's words (every `t()` of the admin templates). One place to
/// change: a per-user or per-site choice would set the context's `lang` in `render` instead.
pub const NEWSROOM_LANGUAGE: &str = crate::i18n::FALLBACK;

/// A message in the newsroom's language: the words the newsroom's Rust code writes.
pub(crate) fn say(state: &AppState, id: &str, args: &[(&str, &str)]) -> String {
    let args = crate::i18n::text_args(args);
    state.translations.message(NEWSROOM_LANGUAGE, id, args.as_ref())
}

/// What every admin page shows around its content.
#[derive(Debug, Serialize)]
struct AdminLayout {
    site_name: String,
    title: String,
    assets: std::collections::BTreeMap<&'static str, String>,
    user: Option<UserView>,
    csrf: String,
    pending_comments: u64,
}

#[derive(Debug, Serialize)]
struct UserView {
    name: String,
    role: &'static str,
    moderates: bool,
    manages: bool,
    /// May change sections and the site's settings.
    runs_site: bool,
}

async fn render(
    state: &AppState,
    viewer: Option<&Viewer>,
    template: &str,
    title: &str,
    page: impl Serialize,
) -> AppResult<Html<String>> {
    let pending_comments = match viewer {
        Some(v) if v.user.role.may(lede_core::account::Action::ModerateComments) => {
            state
                .newsroom
                .store()
                .count_comments(lede_core::comment::CommentStatus::Pending)
                .await?
        }
        _ => 0,
    };
    let layout = AdminLayout {
        site_name: state.identity().name,
        title: title.to_owned(),
        assets: crate::assets::urls(),
        user: viewer.map(|v| UserView {
            name: v.user.name.clone(),
            role: v.user.role.as_str(),
            moderates: v.user.role.may(lede_core::account::Action::ModerateComments),
            manages: v.user.role.may(lede_core::account::Action::ManageAccounts),
            runs_site: v.user.role.may(lede_core::account::Action::ManageSite),
        }),
        csrf: viewer.map(|v| v.csrf.clone()).unwrap_or_default(),
        pending_comments,
    };
    Ok(state.templates.render(
        template,
        minijinja::context! {
            admin => layout,
            page => page,
            lang => NEWSROOM_LANGUAGE,
            dir => if lede_core::content::is_right_to_left(NEWSROOM_LANGUAGE) { "rtl" } else { "ltr" },
        },
    )?)
}

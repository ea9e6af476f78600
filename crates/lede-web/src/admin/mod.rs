//! The newsroom admin under `/admin`: sign-in, the one-time setup of the first account, the
//! dashboard, articles, media, comment moderation, the breaking-news banner, static pages,
//! profiles and sessions, and for admins people, sections, menus and site settings. Every response is personal,
//! so none may be cached. The types say who gets in: a handler that takes a [`Viewer`] is only reached signed in
//! (others are sent to the sign-in form), one that takes a `CsrfForm` or `CsrfUpload` only
//! with the session's CSRF token (403 without it); a role that does not allow a page gets a
//! 403 page from [`Viewer::require`].

mod articles;
mod breaking;
mod comments;
mod flash;
mod forms;
mod local_names;
mod media;
mod menus;
pub(crate) mod newsletters;
mod pages;
mod people;
mod profile;
mod sections;
mod session;
mod sessions;
mod settings;
mod sign_in;
mod webhooks;

pub use session::Viewer;

pub(crate) use articles::read_for_fuzzing as read_editor_form_for_fuzzing;

use crate::error::AppResult;
use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Html;
use axum::routing::{get, post};
use lede_core::Message;
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
        .route("/admin/settings/logo", post(settings::upload_logo).layer(media::body_limit()))
        .route(
            "/admin/settings/share-image",
            post(settings::upload_share_image).layer(media::body_limit()),
        )
        .route("/admin/settings/image/remove", post(settings::remove_image))
        .route("/admin/pages", get(pages::list))
        .route("/admin/pages/new", get(pages::new_page).post(pages::create).layer(editor_limit()))
        .route("/admin/pages/{id}", get(pages::edit).post(pages::update).layer(editor_limit()))
        .route("/admin/pages/{id}/status", post(pages::set_status))
        .route("/admin/pages/{id}/revisions", get(pages::revisions))
        .route("/admin/pages/{id}/restore", post(pages::restore))
        .route("/admin/pages/{id}/delete", get(pages::confirm_delete).post(pages::delete))
        .route("/admin/menus", get(menus::show))
        .route("/admin/menus/{menu}/add", post(menus::add))
        .route("/admin/menus/{menu}/move", post(menus::move_item))
        .route("/admin/menus/{menu}/remove", post(menus::remove))
        .route("/admin/menus/{menu}/reset", post(menus::reset))
        .route("/admin/breaking", get(breaking::edit).post(breaking::set))
        .route("/admin/breaking/clear", post(breaking::clear))
        .route("/admin/newsletters", get(newsletters::page))
        .route("/admin/newsletters/settings", post(newsletters::save_settings))
        .route("/admin/newsletters/import", post(newsletters::import))
        .route("/admin/newsletters/subscribers.csv", get(newsletters::export))
        .route("/admin/newsletters/subscribers/{id}/remove", post(newsletters::remove))
        .route("/admin/webhooks", get(webhooks::list).post(webhooks::create))
        .route("/admin/webhooks/{id}", get(webhooks::show))
        .route("/admin/webhooks/{id}/enable", post(webhooks::enable))
        .route("/admin/webhooks/{id}/delete", post(webhooks::delete))
        .route("/admin/webhooks/{id}/deliveries/{delivery}/resend", post(webhooks::resend))
        .route("/admin/media", get(media::list).post(media::upload).layer(media::body_limit()))
        .route("/admin/media/{id}", post(media::describe))
        .route("/admin/media/{id}/delete", post(media::delete))
        .route("/admin/comments/{id}/reply", post(comments::reply))
        .route("/admin/people", get(people::list).post(people::add))
        .route("/admin/preview", post(articles::preview::live_preview).layer(editor_limit()))
        .route("/admin/people/{id}/role", post(people::change_role))
        .route("/admin/people/{id}/sign-out", post(sessions::sign_out_person))
        .route("/admin/articles", get(articles::desk::list))
        .route("/admin/articles/bulk", post(articles::bulk::bulk))
        .route(
            "/admin/articles/trash/empty",
            get(articles::bulk::confirm_empty).post(articles::bulk::empty),
        )
        .route("/admin/articles/{id}/trash", post(articles::bulk::trash_one))
        .route(
            "/admin/articles/new",
            get(articles::editor::new_article).post(articles::editor::create).layer(editor_limit()),
        )
        .route(
            "/admin/articles/{id}",
            get(articles::editor::edit).post(articles::editor::update).layer(editor_limit()),
        )
        .route(
            "/admin/articles/new/autosave",
            post(articles::autosave::autosave_new).layer(editor_limit()),
        )
        .route(
            "/admin/articles/{id}/autosave",
            post(articles::autosave::autosave).layer(editor_limit()),
        )
        .route("/admin/articles/{id}/preview", get(articles::preview::show))
        .route("/admin/articles/{id}/preview-links", post(articles::preview::share))
        .route("/admin/articles/{id}/preview-links/{link}/revoke", post(articles::preview::revoke))
        .route("/admin/articles/{id}/email", get(articles::email::preview))
        .route("/admin/articles/{id}/email/body", get(articles::email::body))
        .route("/admin/articles/{id}/email/test", post(articles::email::send_test))
        .route("/admin/articles/{id}/revisions", get(articles::revisions::revisions))
        .route("/admin/articles/{id}/restore", get(articles::revisions::restore))
        .layer(axum::middleware::from_fn(flash::spend))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The editor's forms carry a whole article (up to 500 kB of Markdown, percent-encoded).
fn editor_limit() -> axum::extract::DefaultBodyLimit {
    articles::autosave::body_limit()
}

/// The language the newsroom speaks to `viewer`: the one they chose on their profile, else
/// the site's default; the sign-in and setup pages (nobody signed in yet) speak the default.
pub(crate) fn language_of(state: &AppState, viewer: Option<&Viewer>) -> String {
    match viewer {
        Some(viewer) => viewer.language.clone(),
        None => state.newsroom.languages().default_language().to_owned(),
    }
}

/// A message in the newsroom's language for `viewer`: the words the newsroom's Rust code
/// writes (titles, notices, form errors).
pub(crate) fn say(
    state: &AppState,
    viewer: Option<&Viewer>,
    id: &str,
    args: &[(&str, &str)],
) -> String {
    let args = crate::i18n::text_args(args);
    state.translations.message(&language_of(state, viewer), id, args.as_ref())
}

/// A message of the domain or the store (a refused input, a refusal) in the newsroom's
/// language for `viewer`.
pub(crate) fn tell(state: &AppState, viewer: Option<&Viewer>, message: &Message) -> String {
    state.translations.say(&language_of(state, viewer), message)
}

/// A change the newsroom refused, as a form shows it again: why, in the viewer's language,
/// the field to mark (none for a conflict), and the status: 422 for what to fix, 409 when
/// another change came first. Any other error is for the error pages.
pub(crate) fn refusal(
    state: &AppState,
    viewer: &Viewer,
    error: lede_store::Error,
) -> AppResult<(String, Option<&'static str>, axum::http::StatusCode)> {
    use axum::http::StatusCode;
    match error {
        lede_store::Error::Invalid(invalid) => Ok((
            tell(state, Some(viewer), &invalid.message),
            Some(invalid.field),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        lede_store::Error::Conflict(message) => {
            Ok((tell(state, Some(viewer), &message), None, StatusCode::CONFLICT))
        }
        other => Err(other.into()),
    }
}

/// Whether `path` is one of the newsroom's pages.
pub(crate) fn is_newsroom(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

pub(crate) use session::session_token;

/// The language the newsroom speaks to whoever holds the session `token` (the site's default
/// when the session is not live), for error pages, which the middleware renders after the
/// handler is done.
pub(crate) async fn language_of_session(state: &AppState, token: &str) -> String {
    match state.accounts.session(token).await {
        Ok(Some((user, _))) => session::newsroom_language(state, &user),
        _ => language_of(state, None),
    }
}

/// The languages the newsroom can speak: those the theme ships translations for, each named
/// in itself (`English`, `اردو`), for the profile's choice.
pub(crate) fn interface_languages(state: &AppState) -> Vec<(String, String)> {
    state
        .translations
        .languages()
        .map(|l| (l.to_owned(), state.translations.message(l, "language-autonym", None)))
        .collect()
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
    /// What the last action did, said once after its redirect.
    flash: Option<flash::FlashView>,
}

#[derive(Debug, Serialize)]
struct UserView {
    name: String,
    role: &'static str,
    moderates: bool,
    /// May set the breaking-news banner (and the front page's choices in the editor).
    curates: bool,
    manages: bool,
    /// May change sections and the site's settings.
    runs_site: bool,
    /// May write, publish and delete static pages.
    pages: bool,
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
            curates: v.user.role.may(lede_core::account::Action::CurateFrontPage),
            manages: v.user.role.may(lede_core::account::Action::ManageAccounts),
            runs_site: v.user.role.may(lede_core::account::Action::ManageSite),
            pages: v.user.role.may(lede_core::account::Action::ManagePages),
        }),
        csrf: viewer.map(|v| v.csrf.clone()).unwrap_or_default(),
        pending_comments,
        flash: viewer
            .and_then(|v| v.flash.as_ref())
            .map(|f| f.view(state, &language_of(state, viewer))),
    };
    let lang = language_of(state, viewer);
    Ok(state.templates.render(
        template,
        minijinja::context! {
            admin => layout,
            page => page,
            dir => if lede_core::content::is_right_to_left(&lang) { "rtl" } else { "ltr" },
            lang => lang,
        },
    )?)
}

//! Newsletters, for editors and admins: the daily briefing's time and the sections with
//! lists, where mail goes (an SMTP server, or the outbox folder when none is set), the
//! latest issues with their counts (queued, delivered, failed, unsubscribed), and the
//! subscribers: searched, removed for good, imported from a CSV and exported to one.

use super::flash::{self, Flash};
use super::forms::{AdminQuery, CsrfForm, CsrfUpload};
use super::{Viewer, render, say};
use crate::error::AppResult;
use crate::newsletters::compose;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use lede_core::account::Action;
use lede_core::content::SectionId;
use lede_core::newsletter::{self, List};
use lede_store::{IssueKind, SubscriberStatus};
use serde::{Deserialize, Serialize};

/// Subscribers a page lists.
const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: u32,
}

#[derive(Debug, Serialize)]
struct SectionChoice {
    id: i64,
    name: String,
    checked: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct IssueLine {
    id: i64,
    list: String,
    kind: &'static str,
    what: String,
    created_at: String,
    queued: i64,
    delivered: i64,
    failed: i64,
    unsubscribed: i64,
}

#[derive(Debug, Serialize)]
struct SubscriberLine {
    id: i64,
    email: String,
    language: String,
    status: &'static str,
    status_text: String,
    lists: Vec<String>,
    created_at: String,
}

#[derive(Debug, Serialize)]
struct NewslettersView {
    daily_time: String,
    sections: Vec<SectionChoice>,
    /// The outbox folder, when mail is written there instead of sent.
    outbox: Option<String>,
    /// Whether mail goes anywhere at all.
    mail: bool,
    issues: Vec<IssueLine>,
    subscribers: Vec<SubscriberLine>,
    total: i64,
    q: String,
    page: u32,
    next_page: Option<u32>,
    previous_page: Option<u32>,
}

fn time_text(state: &AppState, at: time::OffsetDateTime) -> String {
    state.settings.time_zone.civil(at).strftime("%Y-%m-%d %H:%M").to_string()
}

pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(query): AdminQuery<ListQuery>,
) -> AppResult<Response> {
    viewer.require(Action::EditOthers)?;
    let newsroom = &state.newsroom;
    let settings = newsroom.newsletter_settings().await?;
    // The sections by their names in the newsroom's language (an Urdu editor reads Urdu ones).
    let mut sections = newsroom.store().sections().await?;
    let catalog = state.catalog.get(newsroom).await?;
    let names = catalog.names(&viewer.language);
    for section in &mut sections {
        names.section(section);
    }
    let reports = newsroom.newsletter_reports(&viewer.user, 20).await?;
    let issues = issue_lines(&state, &viewer, reports).await?;
    let page = query.page.max(1);
    let (subscribers, total) = newsroom
        .list_subscribers(&viewer.user, &query.q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let subscribers = subscribers
        .into_iter()
        .map(|s| SubscriberLine {
            id: s.id,
            status: s.status.as_str(),
            status_text: say(
                &state,
                Some(&viewer),
                match s.status {
                    SubscriberStatus::Pending => "admin-newsletters-status-pending",
                    SubscriberStatus::Confirmed => "admin-newsletters-status-confirmed",
                    SubscriberStatus::Undeliverable => "admin-newsletters-status-undeliverable",
                },
                &[],
            ),
            lists: s
                .lists
                .iter()
                .map(
                    |(list, confirmed)| {
                        if *confirmed { list.clone() } else { format!("{list} (?)") }
                    },
                )
                .collect(),
            created_at: time_text(&state, s.created_at),
            email: s.email,
            language: s.language,
        })
        .collect();
    let (h, m) = settings.daily_time;
    let view = NewslettersView {
        daily_time: format!("{h:02}:{m:02}"),
        sections: sections
            .into_iter()
            .map(|s| SectionChoice {
                id: s.id.0,
                checked: settings.sections.contains(&s.id),
                name: s.name,
            })
            .collect(),
        outbox: state.mailer.as_ref().and_then(|m| m.outbox()).map(|p| p.display().to_string()),
        mail: state.mailer.is_some(),
        issues,
        subscribers,
        total,
        next_page: (i64::from(page * PAGE_SIZE) < total).then_some(page + 1),
        previous_page: (page > 1).then(|| page - 1),
        q: query.q,
        page,
    };
    let title = say(&state, Some(&viewer), "admin-newsletters-heading", &[]);
    Ok(render(&state, Some(&viewer), "admin/newsletters.html", &title, view).await?.into_response())
}

/// Issues as the newsroom's tables show them: the list, what was sent, and the counts.
pub(super) async fn issue_lines(
    state: &AppState,
    viewer: &Viewer,
    reports: Vec<lede_store::IssueReport>,
) -> AppResult<Vec<IssueLine>> {
    let mut issues = Vec::with_capacity(reports.len());
    for report in reports {
        let issue = &report.issue;
        let list = match List::parse(&issue.list) {
            Some(list) => {
                let name = compose::list_name(state, &list, &viewer.language).await;
                format!("{name} ({})", list.language)
            }
            None => issue.list.clone(),
        };
        let what = match issue.kind {
            IssueKind::Daily => issue
                .period
                .map(|(_, end)| state.settings.time_zone.long_date(end, &viewer.language))
                .unwrap_or_default(),
            _ => report.headline.clone().unwrap_or_default(),
        };
        issues.push(IssueLine {
            id: issue.id,
            list,
            kind: issue.kind.as_str(),
            what,
            created_at: time_text(state, issue.created_at),
            queued: report.queued,
            delivered: report.delivered,
            failed: report.failed,
            unsubscribed: report.unsubscribed,
        });
    }
    Ok(issues)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    daily_time: String,
    sections: Vec<i64>,
}

pub async fn save_settings(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<SettingsForm>,
) -> AppResult<Response> {
    viewer.require(Action::EditOthers)?;
    let sections: Vec<SectionId> = form.sections.into_iter().map(SectionId).collect();
    let flash = match state
        .newsroom
        .set_newsletter_settings(&viewer.user, &form.daily_time, &sections)
        .await
    {
        Ok(()) => Flash::Lines(vec![say(&state, Some(&viewer), "admin-newsletters-saved", &[])]),
        Err(error) => Flash::Lines(vec![super::refusal(&state, &viewer, error)?.0]),
    };
    Ok(flash::redirect(&state, "/admin/newsletters", &flash))
}

/// Imports a CSV: checked whole before anything is written; rows without consent get the
/// confirmation email.
pub async fn import(
    State(state): State<AppState>,
    CsrfUpload { viewer, upload }: CsrfUpload,
) -> AppResult<Response> {
    viewer.require(Action::EditOthers)?;
    let imported = match newsletter::read_csv(&upload.file) {
        Ok(rows) => state.newsroom.import_subscribers(&viewer.user, &rows).await,
        Err(invalid) => Err(lede_store::Error::Invalid(invalid)),
    };
    let flash = match imported {
        Ok((report, to_confirm)) => {
            for id in to_confirm {
                crate::newsletters::send_confirmation(&state, id);
            }
            Flash::Lines(vec![say(
                &state,
                Some(&viewer),
                "admin-newsletters-imported",
                &[
                    ("confirmed", &report.confirmed.to_string()),
                    ("to_confirm", &report.to_confirm.to_string()),
                    ("removed", &report.removed.to_string()),
                ],
            )])
        }
        Err(error) => Flash::Lines(vec![super::refusal(&state, &viewer, error)?.0]),
    };
    Ok(flash::redirect(&state, "/admin/newsletters", &flash))
}

/// Every subscriber as CSV, in the columns an import reads back.
pub async fn export(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::EditOthers)?;
    let subscribers = state.newsroom.export_subscribers(&viewer.user).await?;
    let mut csv = String::from("email,language,lists,consent,status,subscribed_at\n");
    for s in subscribers {
        let lists: Vec<&str> =
            s.lists.iter().filter(|(_, c)| *c).map(|(l, _)| l.as_str()).collect();
        let consent = if s.status == SubscriberStatus::Pending { "no" } else { "yes" };
        let line = [
            newsletter::csv_field(&s.email),
            newsletter::csv_field(&s.language),
            newsletter::csv_field(&lists.join(" ")),
            consent.to_owned(),
            s.status.as_str().to_owned(),
            time_text(&state, s.created_at),
        ];
        csv.push_str(&line.join(","));
        csv.push('\n');
    }
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"subscribers.csv\""),
    );
    Ok(response)
}

/// Removes a subscriber for good: the address is deleted, a keyed hash kept.
pub async fn remove(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::EditOthers)?;
    state.newsroom.remove_subscriber(&viewer.user, id).await?;
    let flash = Flash::Lines(vec![say(&state, Some(&viewer), "admin-newsletters-removed", &[])]);
    Ok(flash::redirect(&state, "/admin/newsletters", &flash))
}

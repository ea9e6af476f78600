//! The corrections page (`/corrections`, and each edition's, `/ur/corrections`): the newest
//! corrections to published articles, each with its date and a link to the article it
//! corrects, paged. Cached like any list, it is filed under the corrections (a new one, or a
//! corrected article appearing or leaving, purges it) and under the articles it shows.

use super::{Edition, Layout, PageQuery, render};
use crate::cache::shown::{self, Dep};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{ArticleCard, DateView, Pagination, cards};
use axum::extract::{Query, State};
use axum::response::Html;
use lede_core::urls;
use lede_store::PageRequest;
use serde::Serialize;

const PAGE_SIZE: u32 = 20;

#[derive(Debug, Serialize)]
struct CorrectionView {
    article: ArticleCard,
    text: String,
    at: DateView,
}

#[derive(Debug, Serialize)]
struct CorrectionsView {
    corrections: Vec<CorrectionView>,
    pagination: Pagination,
}

pub async fn corrections_page(
    State(state): State<AppState>,
    edition: Edition,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let number = query.number()?;
    shown::record(Dep::Corrections);
    let language = edition.filter_language();
    let mut list = state
        .newsroom
        .store()
        .recent_corrections(language.as_deref(), PageRequest::new(number, PAGE_SIZE))
        .await?;
    if number > list.page_count() {
        return Err(AppError::NotFound);
    }
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    let mut summaries: Vec<_> = list.items.iter().map(|c| c.summary.clone()).collect();
    names.summaries(&mut summaries);
    let zone = &state.settings.time_zone;
    let articles = cards(&summaries, zone, super::edition_prefix(&state));
    let base = edition.path(urls::CORRECTIONS);
    let pagination = Pagination::new(&list, &base);
    let corrections = std::mem::take(&mut list.items)
        .into_iter()
        .zip(articles)
        .map(|(correction, article)| CorrectionView {
            at: DateView::with_time(correction.at, &article.lang, zone),
            text: correction.text,
            article,
        })
        .collect::<Vec<_>>();
    let heading = state.say_in(&edition.language, "corrections-heading", &[]);
    let title = if number > 1 {
        state.say_in(
            &edition.language,
            "list-title-page",
            &[("heading", &heading), ("page", &number.to_string())],
        )
    } else {
        heading
    };
    let canonical = if number > 1 { format!("{base}?page={number}") } else { base.clone() };
    let description = state.say_in(&edition.language, "corrections-description", &[]);
    let layout = Layout::load(&state, title, description)
        .await?
        .at(&state, &canonical)
        .showing(corrections.iter().map(|c| c.article.lang.as_str()))
        .in_edition(&state, &edition);
    render(&state, "corrections.html", &layout, CorrectionsView { corrections, pagination })
}

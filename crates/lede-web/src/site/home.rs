//! The home page: the lead story, the latest articles, and the latest of each section.

use super::{Layout, render};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{ArticleCard, Link, cards};
use axum::extract::State;
use axum::response::Html;
use lede_store::{ArticleFilter, PageRequest};
use serde::Serialize;

/// Articles under the lead story; the rest are one click away on /articles.
const LATEST: u32 = 10;
const PER_SECTION: u32 = 4;

#[derive(Debug, Serialize)]
struct SectionBlock {
    section: Link,
    articles: Vec<ArticleCard>,
}

#[derive(Debug, Serialize)]
struct HomeView {
    lead: Option<ArticleCard>,
    latest: Vec<ArticleCard>,
    sections: Vec<SectionBlock>,
    more_url: Option<String>,
}

pub async fn show_home(State(state): State<AppState>) -> AppResult<Html<String>> {
    let store = state.newsroom.store();
    let latest = store
        .list_articles(&ArticleFilter::default(), PageRequest::first(LATEST + 1))
        .await?;
    let mut latest_cards = cards(&latest.items).into_iter();
    let lead = latest_cards.next();
    let mut sections = Vec::new();
    for section in store
        .sections()
        .await?
        .into_iter()
        .filter(|s| s.parent.is_none())
    {
        let filter = ArticleFilter {
            section: Some(section.id),
            ..Default::default()
        };
        let articles = store
            .list_articles(&filter, PageRequest::first(PER_SECTION))
            .await?;
        if !articles.items.is_empty() {
            sections.push(SectionBlock {
                section: Link {
                    url: format!("/section/{}", section.slug),
                    name: section.name,
                },
                articles: cards(&articles.items),
            });
        }
    }
    let view = HomeView {
        lead,
        latest: latest_cards.collect(),
        sections,
        more_url: latest.has_next().then(|| "/articles?page=2".to_owned()),
    };
    let layout = Layout::load(&state, "", &state.identity().tagline)
        .await?
        .at(&state, "/");
    render(&state, "home.html", &layout, view)
}

//! The home page: the lead story, the latest articles, and the latest of each section.

use super::{Edition, Layout, render};
use crate::cache::shown;
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{ArticleCard, Link, cards};
use axum::extract::State;
use axum::response::Html;
use lede_core::names::Named;
use lede_core::urls;
use lede_store::ArticleFilter;
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

pub async fn show_home(State(state): State<AppState>, edition: Edition) -> AppResult<Html<String>> {
    let store = state.newsroom.store();
    let everything = ArticleFilter { language: edition.filter_language(), ..Default::default() };
    shown::list(&everything);
    // The lead, the latest, and one more to know whether there are older ones.
    let mut latest = store.latest_articles(&everything, LATEST + 2).await?;
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    names.summaries(&mut latest);
    let has_more = latest.len() > LATEST as usize + 1;
    let zone = &state.settings.time_zone;
    let mut latest_cards = cards(
        &latest[..latest.len().min(LATEST as usize + 1)],
        zone,
        super::edition_prefix(&state),
    )
    .into_iter();
    let lead = latest_cards.next();
    let top_level: Vec<_> = catalog.sections.iter().filter(|s| s.parent.is_none()).collect();
    let ids: Vec<_> = top_level.iter().map(|s| s.id).collect();
    let mut sections = Vec::new();
    for (section, (id, mut articles)) in top_level
        .iter()
        .zip(store.latest_in_sections(&ids, edition.filter_language(), PER_SECTION).await?)
    {
        shown::list(&ArticleFilter { section: Some(id), ..Default::default() });
        if !articles.is_empty() {
            names.summaries(&mut articles);
            sections.push(SectionBlock {
                section: Link {
                    url: edition.path(&urls::section(&section.slug)),
                    name: names.name(Named::Section, &section.slug, &section.name).to_owned(),
                },
                articles: cards(&articles, zone, super::edition_prefix(&state)),
            });
        }
    }
    let view = HomeView {
        lead,
        latest: latest_cards.collect(),
        sections,
        more_url: has_more.then(|| edition.path("/articles?page=2")),
    };
    let cards =
        view.lead.iter().chain(&view.latest).chain(view.sections.iter().flat_map(|s| &s.articles));
    let mut layout = Layout::load(&state, "", "")
        .await?
        .at(&state, &edition.path(urls::HOME))
        .in_edition(&state, &edition)
        .showing(cards.map(|card| card.lang.as_str()));
    // The front page describes itself by the tagline, in the edition's language.
    layout.description = layout.tagline.clone();
    render(&state, "home.html", &layout, view)
}

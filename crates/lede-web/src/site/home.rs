//! The home page: the lead story (the edition's top story when an editor pinned one, else the
//! newest), the featured articles, the latest articles, and the latest of each section.

use super::{Edition, Layout, card_images, illustrate, render};
use crate::cache::shown::{self, Dep};
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
/// Featured articles in their row under the lead.
const FEATURED: u32 = 4;

#[derive(Debug, Serialize)]
struct SectionBlock {
    section: Link,
    articles: Vec<ArticleCard>,
}

#[derive(Debug, Serialize)]
struct HomeView {
    lead: Option<ArticleCard>,
    featured: Vec<ArticleCard>,
    latest: Vec<ArticleCard>,
    sections: Vec<SectionBlock>,
    more_url: Option<String>,
}

pub async fn show_home(State(state): State<AppState>, edition: Edition) -> AppResult<Html<String>> {
    let store = state.newsroom.store();
    let everything = ArticleFilter { language: edition.filter_language(), ..Default::default() };
    shown::list(&everything);
    shown::record(Dep::FrontPage);
    // The lead, the latest, and one more to know whether there are older ones; with a top
    // story the lead is not among the latest, which then show one more.
    let mut front = store.front_page(&everything, FEATURED + 1, LATEST + 2).await?;
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    names.summaries(&mut front.latest);
    names.summaries(&mut front.featured);
    let lead = match front.top_story {
        Some(mut pinned) => {
            names.summaries(std::slice::from_mut(&mut pinned));
            Some(pinned)
        }
        None if front.latest.is_empty() => None,
        None => Some(front.latest.remove(0)),
    };
    let lead_id = lead.as_ref().map(|l| l.id);
    front.latest.retain(|a| Some(a.id) != lead_id);
    front.featured.retain(|a| Some(a.id) != lead_id);
    front.featured.truncate(FEATURED as usize);
    let has_more = front.latest.len() > LATEST as usize;
    front.latest.truncate(LATEST as usize);
    let zone = &state.settings.time_zone;
    let prefix = super::edition_prefix(&state);
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
                articles: cards(&articles, zone, &prefix),
            });
        }
    }
    let mut view = HomeView {
        lead: cards(lead.as_slice(), zone, &prefix).pop(),
        featured: cards(&front.featured, zone, &prefix),
        latest: cards(&front.latest, zone, &prefix),
        sections,
        more_url: has_more.then(|| edition.path("/articles?page=2")),
    };
    let every_card = view
        .lead
        .iter_mut()
        .chain(&mut view.featured)
        .chain(&mut view.latest)
        .chain(view.sections.iter_mut().flat_map(|s| &mut s.articles));
    illustrate(&state, card_images(every_card)).await?;
    let languages: Vec<String> = view
        .lead
        .iter()
        .chain(&view.featured)
        .chain(&view.latest)
        .chain(view.sections.iter().flat_map(|s| &s.articles))
        .map(|card| card.lang.clone())
        .collect();
    let mut layout = Layout::load(&state, "", "")
        .await?
        .at(&state, &edition.path(urls::HOME))
        .in_edition(&state, &edition)
        .showing(languages.iter().map(String::as_str));
    // The front page describes itself by the tagline, in the edition's language.
    layout.description = layout.tagline.clone();
    render(&state, "home.html", &layout, view)
}

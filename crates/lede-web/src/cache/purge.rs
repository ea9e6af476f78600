//! Which cached pages a change makes stale. An article change purges the pages that show the
//! article, the articles that now offer it as related, and, when it entered, left or moved
//! between lists, the first pages of those lists (and archives of its dates), the
//! corrections pages when it was corrected (or a corrected article came or went), and the
//! front pages when its top story or featured flag changed. An approved
//! comment purges its article's page. A catalog change (a section, tag, author, page or the
//! site's name: things named on nearly every page) purges everything; they are rare.

use super::PageCache;
use super::shown::{Dep, ListKey};
use lede_store::{ArticleChange, Change};

/// The pages `change` made stale, except archives by date (see [`dates`]). `None` means all.
pub fn stale(change: &Change) -> Option<Vec<Dep>> {
    match change {
        Change::Catalog => None,
        Change::Comments(id) => Some(vec![Dep::Comments(*id)]),
        Change::Article(change) => Some(article(change)),
    }
}

fn article(change: &ArticleChange) -> Vec<Dep> {
    let mut deps = vec![Dep::Article(change.id), Dep::EveryArticle];
    // The pages of the articles that list it as related, and of its translations (which
    // link to it): `RelatedOf` is what an article's own page is filed under.
    deps.extend(change.related_to.iter().chain(&change.translations).map(|id| Dep::RelatedOf(*id)));
    if !change.moved.is_empty() {
        deps.push(Dep::List(ListKey::All));
    }
    if change.corrections {
        deps.push(Dep::Corrections);
    }
    if change.front_page {
        deps.push(Dep::FrontPage);
    }
    for placement in &change.moved {
        deps.extend(placement.sections.iter().map(|s| Dep::List(ListKey::Section(*s))));
        deps.extend(placement.tags.iter().map(|t| Dep::List(ListKey::Tag(*t))));
        deps.extend(placement.authors.iter().map(|a| Dep::List(ListKey::Author(*a))));
    }
    deps
}

/// The publication times (Unix seconds) whose archives `change` made stale.
pub fn dates(change: &Change) -> Vec<i64> {
    match change {
        Change::Article(change) => {
            change.moved.iter().map(|p| p.published_at.unix_timestamp()).collect()
        }
        _ => Vec::new(),
    }
}

/// Applies a change to the cache.
pub fn apply(cache: &PageCache, change: &Change) {
    match stale(change) {
        None => cache.clear(),
        Some(deps) => {
            cache.purge(&deps);
            for at in dates(change) {
                cache.purge_dates(at);
            }
        }
    }
}

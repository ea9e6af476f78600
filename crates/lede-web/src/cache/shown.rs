//! What a page shows, recorded while it renders: the articles on it, the lists it draws from,
//! the comments and related list of the article it is about. The cache files the page under
//! these so a change purges exactly the pages that show what changed.
//!
//! The record is made where data becomes a view (an article card, a list query, an article
//! page), not by each handler, so a page's dependencies cannot drift from what it shows: a new
//! page that shows cards is filed under their articles without anyone remembering to do it.
//! It lives in a task-local set up by the cache layer around one request; outside it (the
//! cache turned off, a page that is never cached) recording does nothing.

use lede_core::content::{ArticleId, AuthorId, SectionId, TagId};
use lede_store::ArticleFilter;
use std::cell::RefCell;
use std::collections::HashSet;
use std::future::Future;

/// Something a cached page depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    /// The page shows this article, whole or as a card, feed entry or link.
    Article(ArticleId),
    /// The page shows this article's approved comments.
    Comments(ArticleId),
    /// The page shows this article's "You May Also Like" list.
    RelatedOf(ArticleId),
    /// The page shows the newest articles of a list: an article entering or leaving the list
    /// changes it even when it did not show that article before.
    List(ListKey),
    /// The page lists every public article with its date (sitemaps): any change to any
    /// article changes it.
    EveryArticle,
    /// The page lists recent corrections: a new one, or a corrected article that appeared or
    /// disappeared, changes it.
    Corrections,
    /// The page shows an edition's top story and featured articles (the front page): pinning,
    /// unpinning or featuring any article changes it.
    FrontPage,
}

/// The lists of articles pages draw from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKey {
    All,
    Section(SectionId),
    Tag(TagId),
    Author(AuthorId),
    /// Articles published in `[from, until)`, as Unix seconds (archives).
    Dates {
        from: i64,
        until: i64,
    },
}

tokio::task_local! {
    static SHOWN: RefCell<Vec<Dep>>;
}

/// Notes that the page being rendered depends on `dep`.
pub fn record(dep: Dep) {
    // Outside a recording scope nobody keeps the page, so nobody needs to know.
    let _ = SHOWN.try_with(|shown| shown.borrow_mut().push(dep));
}

/// Notes that the page shows (the first page of) the list `filter` selects.
pub fn list(filter: &ArticleFilter) {
    let mut any = false;
    let mut keep = |key| {
        any = true;
        record(Dep::List(key));
    };
    if let Some(section) = filter.section {
        keep(ListKey::Section(section));
    }
    if let Some(tag) = filter.tag {
        keep(ListKey::Tag(tag));
    }
    if let Some(author) = filter.author {
        keep(ListKey::Author(author));
    }
    if filter.from.is_some() || filter.until.is_some() {
        keep(ListKey::Dates {
            from: filter.from.map_or(i64::MIN, |t| t.unix_timestamp()),
            until: filter.until.map_or(i64::MAX, |t| t.unix_timestamp()),
        });
    }
    if !any {
        record(Dep::List(ListKey::All));
    }
}

/// Runs `render` and returns what it recorded.
pub async fn recording<F: Future>(render: F) -> (F::Output, Vec<Dep>) {
    SHOWN
        .scope(RefCell::new(Vec::new()), async {
            let output = render.await;
            let shown: HashSet<Dep> = SHOWN.with(|shown| shown.take()).into_iter().collect();
            (output, shown.into_iter().collect())
        })
        .await
}

//! `lede import lede FILE`: a Lede JSON export (version 2) restored into an empty site. The
//! file is read and checked whole first (its format and version, every record's shape, the
//! references between records); then the newsroom writes it in one transaction. A file that
//! is not a Lede export, is broken, or comes from a newer Lede writes nothing.

use crate::error::{Error, ParseError, Result};
use crate::export::json::SiteJson;
use lede_core::content::ArticleStatus;
use lede_core::site_copy::*;
use lede_store::{Newsroom, RestoreCounts};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// What the file says it is, read before the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// The whole file (see [`crate::export::json`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    #[allow(dead_code)]
    exported_at: String,
    #[allow(dead_code)]
    site: SiteJson,
    settings: std::collections::BTreeMap<String, String>,
    accounts: Vec<AccountRecord>,
    api_keys: Vec<ApiKeyRecord>,
    authors: Vec<AuthorRecord>,
    sections: Vec<SectionRecord>,
    tags: Vec<TagRecord>,
    media: Vec<MediaRecord>,
    pages: Vec<PageCopy>,
    menus: Vec<MenuRecord>,
    redirects: Vec<RedirectRecord>,
    breaking_news: Vec<BannerRecord>,
    import_refs: Vec<ImportRefRecord>,
    articles: Vec<ArticleCopy>,
}

/// What a restore did.
#[derive(Debug, Clone, Copy)]
pub struct RestoreReport {
    pub counts: RestoreCounts,
    pub elapsed: Duration,
}

impl std::fmt::Display for RestoreReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.counts;
        write!(
            f,
            "Restored {} articles ({} revisions), {} pages, {} comments, {} accounts, \
             {} API keys and {} media records in {:.1} s. Copy the media files too \
             (DATA/media) if they are not there yet.",
            c.articles,
            c.revisions,
            c.pages,
            c.comments,
            c.accounts,
            c.api_keys,
            c.media,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Reads a Lede export from `text` and checks it, without writing anything.
pub fn read(text: &str) -> Result<SiteCopy, ParseError> {
    let problem = |message: String| ParseError { line: 1, message };
    let header: Header = serde_json::from_str(text)
        .map_err(|e| ParseError { line: e.line(), message: format!("not a JSON document: {e}") })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(problem(format!(
            "not a Lede export (its \"format\" is {:?}, not \"{FORMAT}\")",
            header.format.unwrap_or_default()
        )));
    }
    match header.version {
        Some(VERSION) => {}
        Some(version) if version > VERSION => {
            return Err(problem(format!(
                "the file is format version {version}, made by a newer Lede; this one reads \
                 version {VERSION}: upgrade Lede first"
            )));
        }
        Some(version) => {
            return Err(problem(format!(
                "the file is format version {version}, which carries content only (no \
                 accounts, revisions or settings) and cannot be restored; export the site \
                 again with a Lede that writes version {VERSION}"
            )));
        }
        None => return Err(problem("the file has no \"version\"".to_owned())),
    }
    let file: ExportFile = serde_json::from_str(text).map_err(|e| ParseError {
        line: e.line(),
        message: format!("column {}: {e}", e.column()),
    })?;
    let copy = SiteCopy {
        catalog: SiteCatalogCopy {
            settings: file.settings,
            accounts: file.accounts,
            api_keys: file.api_keys,
            authors: file.authors,
            sections: file.sections,
            tags: file.tags,
            media: file.media,
            pages: file.pages,
            menus: file.menus,
            redirects: file.redirects,
            breaking_news: file.breaking_news,
            import_refs: file.import_refs,
        },
        articles: file.articles,
    };
    check(&copy).map_err(problem)?;
    Ok(copy)
}

/// The rules a copy meets beyond its shape: ids and slugs unique, statuses known, every
/// reference to something the file has. (The store's constraints would refuse most of these
/// too, but with the database's words rather than the file's.)
fn check(copy: &SiteCopy) -> Result<(), String> {
    let catalog = &copy.catalog;
    fn unique<T: Eq + std::hash::Hash + std::fmt::Debug>(
        what: &str,
        items: impl IntoIterator<Item = T>,
    ) -> Result<HashSet<T>, String> {
        let mut seen = HashSet::new();
        for item in items {
            if seen.contains(&item) {
                return Err(format!("{what} {item:?} appears twice"));
            }
            seen.insert(item);
        }
        Ok(seen)
    }
    let accounts = unique("account id", catalog.accounts.iter().map(|a| a.id))?;
    unique("account email", catalog.accounts.iter().map(|a| a.email.to_lowercase()))?;
    unique("API key id", catalog.api_keys.iter().map(|k| k.id))?;
    unique("author id", catalog.authors.iter().map(|a| a.id))?;
    let authors = unique("author", catalog.authors.iter().map(|a| &a.slug))?;
    unique("section id", catalog.sections.iter().map(|s| s.id))?;
    let sections = unique("section", catalog.sections.iter().map(|s| &s.slug))?;
    unique("tag id", catalog.tags.iter().map(|t| t.id))?;
    let tags = unique("tag", catalog.tags.iter().map(|t| &t.slug))?;
    unique("media id", catalog.media.iter().map(|m| m.id))?;
    unique("page id", catalog.pages.iter().map(|p| p.id))?;
    unique("page", catalog.pages.iter().map(|p| &p.slug))?;
    unique("article id", copy.articles.iter().map(|a| a.id))?;
    let articles = unique("article", copy.articles.iter().map(|a| &a.slug))?;
    unique("comment id", copy.articles.iter().flat_map(|a| a.comments.iter().map(|c| c.id)))?;
    let account = |id: Option<i64>, whose: &dyn Fn() -> String| match id {
        Some(id) if !accounts.contains(&id) => {
            Err(format!("{} names account {id}, which the file does not have", whose()))
        }
        _ => Ok(()),
    };
    for a in &catalog.accounts {
        if let Some(author) = &a.author
            && !authors.contains(author)
        {
            return Err(format!("account {} writes as author {author}, which is missing", a.id));
        }
    }
    for s in &catalog.sections {
        if let Some(parent) = &s.parent
            && !sections.contains(parent)
        {
            return Err(format!("section {} has the missing parent {parent}", s.slug));
        }
    }
    for m in &catalog.media {
        account(m.uploaded_by, &|| format!("media {}", m.path))?;
    }
    for p in &catalog.pages {
        lede_core::content::PageStatus::parse(&p.status)
            .map_err(|_| format!("page {} has the unknown status {:?}", p.slug, p.status))?;
        for r in &p.revisions {
            account(r.saved_by, &|| format!("page {} revision {}", p.slug, r.version))?;
        }
    }
    for m in &catalog.menus {
        lede_core::menu::MenuName::parse(&m.name)
            .map_err(|_| format!("the menu {:?} is not header or footer", m.name))?;
        if let Some(item) =
            m.items.iter().find(|i| !["section", "page", "link"].contains(&&*i.kind))
        {
            return Err(format!("menu {} has a link of the unknown kind {:?}", m.name, item.kind));
        }
    }
    for b in &catalog.breaking_news {
        account(b.set_by, &|| format!("the {} breaking-news banner", b.language))?;
    }
    for a in &copy.articles {
        let label = || format!("article {}", a.slug);
        if !sections.contains(&a.section) {
            return Err(format!("{} is in the missing section {}", label(), a.section));
        }
        if a.authors.is_empty() {
            return Err(format!("{} has no author", label()));
        }
        if let Some(author) = a.authors.iter().find(|s| !authors.contains(s)) {
            return Err(format!("{} names the missing author {author}", label()));
        }
        if let Some(tag) = a.tags.iter().find(|s| !tags.contains(s)) {
            return Err(format!("{} names the missing tag {tag}", label()));
        }
        if let Some(original) = &a.translation_of
            && !articles.contains(original)
        {
            return Err(format!("{} translates the missing article {original}", label()));
        }
        let dated = [ArticleStatus::Published, ArticleStatus::Scheduled];
        if dated.contains(&a.status) && a.published_at.is_none() {
            return Err(format!("{} is {} without a publication time", label(), a.status.as_str()));
        }
        for r in &a.revisions {
            account(r.saved_by, &|| format!("{} revision {}", label(), r.version))?;
        }
        for n in &a.notes {
            account(n.created_by, &label)?;
        }
        if let Some(p) = &a.pending {
            account(p.saved_by, &label)?;
        }
        let mut earlier = HashSet::new();
        for c in &a.comments {
            if let Some(parent) = c.parent
                && !earlier.contains(&parent)
            {
                return Err(format!(
                    "comment {} on {} answers comment {parent}, which is not before it on \
                     the same article",
                    c.id, a.slug
                ));
            }
            earlier.insert(c.id);
        }
    }
    Ok(())
}

/// Restores the Lede export at `path` into the newsroom's site, which must be empty.
pub async fn import_lede(newsroom: &Newsroom, path: &Path) -> Result<RestoreReport> {
    let started = Instant::now();
    let text = crate::read_export(path)?;
    let copy = read(&text).map_err(|problem| Error::Parse { path: path.to_owned(), problem })?;
    drop(text);
    let counts = newsroom.restore(&copy).await?;
    Ok(RestoreReport { counts, elapsed: started.elapsed() })
}

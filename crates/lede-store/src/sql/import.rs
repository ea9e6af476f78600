//! Imports from another system (a WordPress export), written in batches.
//!
//! An import of tens of thousands of posts cannot be one transaction: on SQLite it would hold
//! the one write lock for minutes, and a reader's comment or an editor's save waiting behind
//! it would give up after the busy timeout. So an import is written in three parts:
//!
//! 1. **Preparing** ([`SqlStore::prepare_import`]), one short transaction: authors, sections
//!    and tags are created or matched, and every article about to be written is resolved
//!    against them (its section, authors, tags and the original it translates). A reference
//!    to nothing is refused here, so a broken batch writes nothing at all.
//! 2. **Planning**, outside any transaction: the related lists of every article of the
//!    import are computed once, in memory, over the whole archive and the whole import
//!    ([`lede_core::related::Scorer::lists_for_many`]), so each list is final from the start,
//!    later articles of the same import included. Each row of a list is assigned to the
//!    batch that writes the later of its two articles.
//! 3. **Batches** ([`SqlStore::write_import_batch`]), each its own transaction of at most
//!    [`ImportPace::items`] articles, pages or comments, closed early once it has held the
//!    lock for [`ImportPace::hold`]. A batch writes its articles whole: row, byline, tags,
//!    first revision, translation link, old addresses' redirects, search entry, the related
//!    rows assigned to it, and the `import_refs` row saying the article is here. Between two
//!    batches other writers get the lock ([`ImportPace::rest`]).
//!
//! Articles are written originals first ([`lede_core::transfer::originals_first`]), so a
//! translation is never committed before the original it links to. A kill leaves committed
//! batches complete and the rest absent; running the same import again finds in
//! `import_refs` what is there, leaves it as it is, and writes the rest. Only the related
//! lists of what was there need more, and get it: the second run plans every list of the
//! import again, and writes to the earlier articles' lists the rows that point to the
//! articles it writes.

use super::article_writer::{self, NewRow};
use super::articles::{article_path, stored_path};
use super::rows::to_unix;
use super::{Backend, SqlStore, Tx, search};
use crate::{Error, Result, SaveContext};
use lede_core::content::*;
use lede_core::related::{self, Candidate, Scorer};
use lede_core::transfer::*;
use lede_core::{Invalid, Message, Slug};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// How much one transaction of an import writes at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportPace {
    /// Articles, pages and comments written per transaction (at least one).
    pub items: usize,
    /// How long a transaction may keep the write lock: once it has, it commits after the item
    /// it is writing, and other writers (readers' comments, editors' saves) get their turn.
    pub hold: Duration,
    /// How long the import leaves the lock to others between two batches, on SQLite. A writer
    /// kept waiting there does not queue: it sleeps and tries again, after up to 100 ms once
    /// it has waited a while, so an import that took the lock again at once could keep
    /// missing it for one batch after another. (PostgreSQL queues row locks: no rest there.)
    pub rest: Duration,
}

impl Default for ImportPace {
    /// A few hundred items, a quarter of a second, then a tenth of a second for others: a
    /// comment sent during an import waits about one batch, far below SQLite's busy timeout
    /// (5 s), and the import spends most of its time writing.
    fn default() -> Self {
        Self { items: 250, hold: Duration::from_millis(250), rest: Duration::from_millis(100) }
    }
}

/// The rows an import already made, by kind and foreign id.
#[derive(Debug, Default)]
struct Refs(HashMap<(String, String), i64>);

impl Refs {
    async fn load(tx: &mut Tx, source: &str) -> Result<Self> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT kind, foreign_id, local_id FROM import_refs WHERE source = $1")
                .bind(source)
                .fetch_all(&mut **tx)
                .await?;
        Ok(Self(rows.into_iter().map(|(kind, foreign, local)| ((kind, foreign), local)).collect()))
    }

    fn get(&self, kind: &str, foreign_id: &str) -> Option<i64> {
        self.0.get(&(kind.to_owned(), foreign_id.to_owned())).copied()
    }

    async fn add(
        &mut self,
        tx: &mut Tx,
        source: &str,
        kind: &str,
        foreign_id: &str,
        local_id: i64,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO import_refs (source, kind, foreign_id, local_id, imported_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(source)
        .bind(kind)
        .bind(foreign_id)
        .bind(local_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.0.insert((kind.to_owned(), foreign_id.to_owned()), local_id);
        Ok(())
    }
}

/// Every slug of a table with its id (`table` is one of ours, never input).
async fn slug_ids(tx: &mut Tx, table: &'static str) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as(&format!("SELECT slug, id FROM {table}")).fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().collect())
}

/// The id a slug names, or an error naming what is missing.
fn resolve(
    ids: &HashMap<String, i64>,
    slug: &Slug,
    field: &'static str,
    label: &str,
) -> Result<i64> {
    ids.get(slug.as_str()).copied().ok_or_else(|| {
        Invalid::new(
            field,
            Message::new("import-no-such")
                .text("label", label)
                .text("field", field)
                .text("slug", slug),
        )
        .into()
    })
}

/// `slug`, or the first of `slug-2`, `slug-3`… that `taken` does not hold.
fn free_slug(slug: &Slug, taken: &HashSet<String>) -> Slug {
    let mut candidate = slug.clone();
    let mut n = 2;
    while taken.contains(candidate.as_str()) {
        candidate = slug.numbered(n);
        n += 1;
    }
    candidate
}

/// Redirects an imported item's old address to its new one, through the same writer as a
/// renamed article's; `false` when the old address is no path of its own (the site's root).
async fn add_redirect(tx: &mut Tx, old: &str, new: &str) -> Result<bool> {
    let Some(from) = redirect_from(old, new) else {
        return Ok(false);
    };
    article_writer::record_redirect(tx, &from, new).await?;
    Ok(true)
}

/// Authors, sections and tags, written in the preparing transaction.
struct Catalog<'a> {
    tx: Tx,
    source: &'a str,
    now: i64,
    refs: Refs,
    out: ImportOutcome,
}

impl Catalog<'_> {
    async fn authors(&mut self, authors: &[ImportAuthor]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "authors").await?;
        for a in authors {
            let slug = a.author.slug.as_str();
            let id = if let Some(id) = self.refs.get("author", &a.foreign_id) {
                self.out.already_imported.authors += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.authors += 1;
                        *id
                    }
                    None => {
                        self.out.created.authors += 1;
                        sqlx::query_scalar(
                            "INSERT INTO authors (slug, name, bio, website, created_at) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(slug)
                        .bind(a.author.name.as_str())
                        .bind(a.author.bio.as_str())
                        .bind(a.author.website.as_deref())
                        .bind(self.now)
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "author", &a.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }

    async fn sections(&mut self, sections: &[ImportSection]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "sections").await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(position) FROM sections")
            .fetch_one(&mut *self.tx)
            .await?;
        let mut position = last.map_or(0, |p| p + 1);
        for s in sections {
            let slug = s.section.slug.as_str();
            let id = if let Some(id) = self.refs.get("section", &s.foreign_id) {
                self.out.already_imported.sections += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.sections += 1;
                        *id
                    }
                    None => {
                        let label = format!("category {}", s.foreign_id);
                        let parent = s
                            .section
                            .parent
                            .as_ref()
                            .map(|p| resolve(&ids, p, "section", &label))
                            .transpose()?;
                        self.out.created.sections += 1;
                        position += 1;
                        sqlx::query_scalar(
                            "INSERT INTO sections (slug, name, description, parent_id, position) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(slug)
                        .bind(s.section.name.as_str())
                        .bind(s.section.description.as_str())
                        .bind(parent)
                        .bind(position - 1)
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "section", &s.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }

    async fn tags(&mut self, tags: &[ImportTag]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "tags").await?;
        for t in tags {
            let slug = t.slug.as_str();
            let id = if let Some(id) = self.refs.get("tag", &t.foreign_id) {
                self.out.already_imported.tags += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.tags += 1;
                        *id
                    }
                    None => {
                        self.out.created.tags += 1;
                        sqlx::query_scalar(
                            "INSERT INTO tags (slug, name) VALUES ($1, $2) RETURNING id",
                        )
                        .bind(slug)
                        .bind(t.name.as_str())
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "tag", &t.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }
}

/// The ids an article about to be written names by slug, resolved while preparing.
#[derive(Debug)]
struct Links {
    section: i64,
    authors: Vec<i64>,
    tags: Vec<i64>,
}

impl Links {
    fn resolve(
        a: &CheckedImportArticle,
        authors: &HashMap<String, i64>,
        sections: &HashMap<String, i64>,
        tags: &HashMap<String, i64>,
    ) -> Result<Self> {
        let input = &a.article.input;
        let section = resolve(sections, &input.section, "section", &a.label)?;
        let mut links = Self { section, authors: Vec::new(), tags: Vec::new() };
        for author in &input.authors {
            let id = resolve(authors, author, "author", &a.label)?;
            if !links.authors.contains(&id) {
                links.authors.push(id);
            }
        }
        for tag in &input.tags {
            let id = resolve(tags, tag, "tag", &a.label)?;
            if !links.tags.contains(&id) {
                links.tags.push(id);
            }
        }
        Ok(links)
    }
}

/// An article in a planned related-list row: one on the site before this run (its id), or
/// one this run writes (its position in the import's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Stored(i64),
    Written(usize),
}

/// A row of a related list, planned before anything is written and written by the batch
/// that writes the later of its two articles (the foreign keys need both).
#[derive(Debug, Clone, Copy)]
struct RelatedRow {
    article: Node,
    related: Node,
    score: f64,
}

/// What an import brings, in the order it is written, and what was settled before writing.
#[derive(Debug)]
struct Plan {
    source: String,
    now: OffsetDateTime,
    /// Originals before their translations.
    articles: Vec<CheckedImportArticle>,
    /// For each article this run writes, what it links to; `None` for those imported before.
    fresh: Vec<Option<Links>>,
    /// The related-list rows each article's batch writes.
    related: Vec<Vec<RelatedRow>>,
    pages: Vec<CheckedImportPage>,
    comments: Vec<CheckedImportComment>,
}

/// How far the writing got.
#[derive(Debug, Default)]
struct Done {
    refs: Refs,
    /// Each article's id, once written or when imported before.
    ids: Vec<Option<i64>>,
    article_slugs: HashSet<String>,
    page_slugs: HashSet<String>,
    next_article: usize,
    next_page: usize,
    next_comment: usize,
    /// Batches begun.
    batches: usize,
    out: ImportOutcome,
}

/// An import under way: prepared, planned, and written batch by batch.
#[derive(Debug)]
pub(crate) struct ImportRun {
    plan: Plan,
    done: Done,
}

impl ImportRun {
    pub(crate) fn outcome(&self) -> &ImportOutcome {
        &self.done.out
    }

    pub(crate) fn into_outcome(self) -> ImportOutcome {
        self.done.out
    }

    /// How many articles the import holds.
    pub(crate) fn articles(&self) -> usize {
        self.plan.articles.len()
    }

    /// How many of them are written, or were found imported before.
    pub(crate) fn articles_done(&self) -> usize {
        self.done.next_article
    }

    pub(crate) fn is_done(&self) -> bool {
        self.done.next_article == self.plan.articles.len()
            && self.done.next_page == self.plan.pages.len()
            && self.done.next_comment == self.plan.comments.len()
    }
}

/// Puts `items` in `order` (a permutation of their indexes).
fn in_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|i| slots.get_mut(*i).and_then(Option::take)).collect()
}

/// Where a translation's original stands before it is linked to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Stored(i64),
    InImport(usize),
}

/// Applies the editor's rules for "Translation of" to every translation about to be written,
/// before anything is: its original is on the site or in the import, is not itself, and is in
/// another language. A translation of a translation joins the group of the first one's
/// original, as the store's writer links it.
async fn check_translations(
    tx: &mut Tx,
    articles: &[CheckedImportArticle],
    fresh: &[Option<Links>],
    refs: &Refs,
) -> Result<()> {
    let position: HashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.foreign_id.as_str(), i)).collect();
    // An original on the site: its group's root and its language.
    let mut stored: HashMap<i64, Option<(i64, String, String)>> = HashMap::new();
    for (p, a) in articles.iter().enumerate() {
        let (Some(original), Some(_)) = (&a.translation_of, &fresh[p]) else {
            continue;
        };
        let refused = |invalid: Invalid| -> Error { labelled(&a.label, invalid).into() };
        let missing = || {
            refused(Invalid::new(
                "translation_of",
                Message::new("import-translation-missing").text("original", original),
            ))
        };
        let place = |foreign: &str| match refs.get("article", foreign) {
            Some(id) => Some(Place::Stored(id)),
            None => position.get(foreign).map(|p| Place::InImport(*p)),
        };
        let Some(named) = place(original) else {
            return Err(missing());
        };
        // The root of the group the original belongs to, following translations in the
        // import until one that is an original or is on the site.
        let mut at = named;
        let mut root = None;
        for _ in 0..=articles.len() {
            match at {
                Place::Stored(id) => {
                    let found = match stored.get(&id) {
                        Some(found) => found.clone(),
                        None => {
                            let row: Option<(Option<i64>, String, String)> = sqlx::query_as(
                                "SELECT translation_of, language, slug FROM articles WHERE id = $1",
                            )
                            .bind(id)
                            .fetch_optional(&mut **tx)
                            .await?;
                            let found =
                                row.map(|(of, language, slug)| (of.unwrap_or(id), language, slug));
                            stored.insert(id, found.clone());
                            found
                        }
                    };
                    let Some((group, _, _)) = found else {
                        return Err(missing());
                    };
                    root = Some(Place::Stored(group));
                    break;
                }
                Place::InImport(q) => match &articles[q].translation_of {
                    None => {
                        root = Some(Place::InImport(q));
                        break;
                    }
                    Some(next) => at = place(next).ok_or_else(missing)?,
                },
            }
        }
        // No root: the translations in the import go round in a circle.
        let me = Place::InImport(p);
        if named == me || root.is_none_or(|root| root == me) {
            return Err(refused(Invalid::new(
                "translation_of",
                Message::new("validation-translation-self"),
            )));
        }
        let (language, slug) = match named {
            Place::Stored(id) => match stored.get(&id).cloned().flatten() {
                Some((_, language, slug)) => (language, slug),
                None => return Err(missing()),
            },
            Place::InImport(q) => {
                let input = &articles[q].article.input;
                (input.language.clone(), input.slug.to_string())
            }
        };
        if language == a.article.input.language {
            return Err(refused(Invalid::new(
                "translation_of",
                Message::new("store-translation-same-language")
                    .text("slug", slug)
                    .text("language", language),
            )));
        }
    }
    Ok(())
}

impl SqlStore {
    /// Checks an import against the site and writes what every article needs first (authors,
    /// sections, tags) in one short transaction, then plans every related list. A reference
    /// to something that is neither on the site nor in the import is refused here, before
    /// anything is written. See the module's documentation.
    pub(crate) async fn prepare_import(
        &self,
        import: CheckedImport,
        now: OffsetDateTime,
    ) -> Result<ImportRun> {
        let CheckedImport { source, authors, sections, tags, articles, pages, comments } = import;
        let mut tx = self.begin().await?;
        let refs = Refs::load(&mut tx, &source).await?;
        let mut catalog =
            Catalog { tx, source: &source, now: to_unix(now), refs, out: ImportOutcome::default() };
        let author_ids = catalog.authors(&authors).await?;
        let section_ids = catalog.sections(&sections).await?;
        let tag_ids = catalog.tags(&tags).await?;
        let Catalog { mut tx, refs, mut out, .. } = catalog;

        let order = originals_first(&articles);
        let articles = in_order(articles, &order);
        let mut fresh = Vec::with_capacity(articles.len());
        for a in &articles {
            if refs.get("article", &a.foreign_id).is_some() {
                out.already_imported.articles += 1;
                fresh.push(None);
            } else {
                fresh.push(Some(Links::resolve(a, &author_ids, &section_ids, &tag_ids)?));
            }
        }
        check_translations(&mut tx, &articles, &fresh, &refs).await?;
        let article_slugs = slug_ids(&mut tx, "articles").await?.into_keys().collect();
        let page_slugs = slug_ids(&mut tx, "pages").await?.into_keys().collect();
        tx.commit().await?;

        let ids = articles.iter().map(|a| refs.get("article", &a.foreign_id)).collect();
        let mut plan = Plan { source, now, articles, fresh, related: Vec::new(), pages, comments };
        let done = Done { refs, ids, article_slugs, page_slugs, out, ..Done::default() };
        plan.related = self.plan_related(&plan, &done.ids).await?;
        Ok(ImportRun { plan, done })
    }

    /// Every related-list row the import's batches will write: the lists of the import's
    /// public articles (new ones and those imported before), computed in full over the
    /// archive and the import together, and the offers the new ones make to the lists of
    /// articles outside the import. Read outside any transaction: nothing here holds a lock.
    async fn plan_related(&self, plan: &Plan, ids: &[Option<i64>]) -> Result<Vec<Vec<RelatedRow>>> {
        let mut rows = vec![Vec::new(); plan.articles.len()];
        let public = |a: &CheckedImportArticle| {
            a.status == ArticleStatus::Published && !a.article.input.partner_only
        };
        let new: Vec<usize> = (0..plan.articles.len())
            .filter(|p| plan.fresh[*p].is_some() && public(&plan.articles[*p]))
            .collect();
        if new.is_empty() {
            return Ok(rows);
        }
        let mut candidates = {
            let mut conn = self.read.acquire().await?;
            super::related::all_candidates(&mut conn).await?
        };
        // The articles of the import on the site already are planned again in full (their
        // lists may lack articles written after them), the new ones for the first time.
        let mut node: HashMap<ArticleId, Node> = HashMap::new();
        let imported_before: HashSet<i64> = ids
            .iter()
            .zip(&plan.fresh)
            .filter_map(|(id, fresh)| id.filter(|_| fresh.is_none()))
            .collect();
        let mut targets: Vec<usize> = (0..candidates.len())
            .filter(|i| imported_before.contains(&candidates[*i].id.0))
            .collect();
        // Ids for the new ones above every real id and in the order they are written, so
        // ties between equal scores break as they will once they have their real ids.
        let first = i64::MAX - plan.articles.len() as i64;
        for p in new {
            let (a, links) = (&plan.articles[p], plan.fresh[p].as_ref());
            let Some(links) = links else { continue };
            let id = ArticleId(first + p as i64);
            node.insert(id, Node::Written(p));
            targets.push(candidates.len());
            candidates.push(Candidate {
                id,
                section: SectionId(links.section),
                tags: links.tags.iter().map(|t| TagId(*t)).collect(),
                published_at: a.published_at.unwrap_or(OffsetDateTime::UNIX_EPOCH),
                signature: related::decode(&a.signature),
            });
        }
        let node = |id: ArticleId| node.get(&id).copied().unwrap_or(Node::Stored(id.0));
        let scorer = Scorer::new(&candidates, plan.now);
        let many = scorer.lists_for_many(targets.iter().map(|i| &candidates[*i]), |id| {
            matches!(node(id), Node::Written(_))
        });
        for (article, list) in many.own {
            let article = node(article);
            for (related, score) in list {
                let related = node(related);
                let carrier = match (article, related) {
                    (Node::Written(a), Node::Written(b)) => a.max(b),
                    (Node::Written(a), Node::Stored(_)) | (Node::Stored(_), Node::Written(a)) => a,
                    // Both were there before this run: written then.
                    (Node::Stored(_), Node::Stored(_)) => continue,
                };
                rows[carrier].push(RelatedRow { article, related, score });
            }
        }
        for (other, offers) in many.offers {
            for (new, score) in offers {
                if let Node::Written(p) = node(new) {
                    let row =
                        RelatedRow { article: Node::Stored(other.0), related: node(new), score };
                    rows[p].push(row);
                }
            }
        }
        Ok(rows)
    }

    /// Writes the next batch of a prepared import in one transaction (see the module's
    /// documentation). After an error the run must not go on: the batch was taken back in
    /// the database but not in the run; the same import run again picks up from the
    /// database.
    pub(crate) async fn write_import_batch(
        &self,
        run: &mut ImportRun,
        pace: ImportPace,
    ) -> Result<()> {
        let ImportRun { plan, done } = run;
        if done.batches > 0 && self.backend == Backend::Sqlite {
            tokio::time::sleep(pace.rest).await;
        }
        done.batches += 1;
        let mut tx = self.begin().await?;
        // Counted from the moment the writer is ours, not while waiting for it.
        let started = Instant::now();
        let room = |items: usize| {
            items < pace.items.max(1) && (items == 0 || started.elapsed() < pace.hold)
        };
        let mut items = 0;
        let first = done.next_article;
        while done.next_article < plan.articles.len() && room(items) {
            let p = done.next_article;
            done.next_article += 1;
            if let Some(links) = &plan.fresh[p] {
                write_article(&mut tx, self.backend, plan, done, p, links).await?;
                items += 1;
            }
        }
        write_related(&mut tx, plan, done, first..done.next_article).await?;
        if done.next_article == plan.articles.len() {
            while done.next_page < plan.pages.len() && room(items) {
                let page = &plan.pages[done.next_page];
                done.next_page += 1;
                items += usize::from(write_page(&mut tx, plan, done, page).await?);
            }
        }
        if done.next_page == plan.pages.len() {
            while done.next_comment < plan.comments.len() && room(items) {
                let comment = &plan.comments[done.next_comment];
                done.next_comment += 1;
                items += usize::from(write_comment(&mut tx, plan, done, comment).await?);
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Writes one new article whole: its row (under a free slug), byline, tags, first revision,
/// `import_refs` row, translation link, old addresses and search entry.
async fn write_article(
    tx: &mut Tx,
    backend: Backend,
    plan: &Plan,
    done: &mut Done,
    p: usize,
    links: &Links,
) -> Result<()> {
    let a = &plan.articles[p];
    let input = &a.article.input;
    let created_at = a.published_at.unwrap_or(a.updated_at).min(a.updated_at);
    // The slugs were read while preparing; one taken since (an editor's new article) is
    // skipped by the insert, and the next free one tried.
    let (id, slug) = loop {
        let slug = free_slug(&input.slug, &done.article_slugs);
        done.article_slugs.insert(slug.to_string());
        let row = NewRow {
            slug: &slug,
            article: &a.article,
            section: links.section,
            signature: &a.signature,
            status: a.status,
            published_at: a.published_at,
            created_at,
            updated_at: a.updated_at,
        };
        if let Some(id) = article_writer::insert_row(tx, &row).await? {
            break (id, slug);
        }
    };
    if slug != input.slug {
        done.out.renamed.push(Renamed {
            kind: "article",
            label: a.label.clone(),
            from: input.slug.clone(),
            to: slug.clone(),
        });
    }
    article_writer::write_links(tx, id, &links.authors, &links.tags).await?;
    // The imported text is the first revision, so its history can be restored.
    article_writer::write_revision(tx, id, a.updated_at, SaveContext::default()).await?;
    let now = to_unix(plan.now);
    done.refs.add(tx, &plan.source, "article", &a.foreign_id, id.0, now).await?;
    done.ids[p] = Some(id.0);
    if let Some(original) = &a.translation_of {
        // Checked while preparing, and written before it (originals come first).
        let original = done.refs.get("article", original).ok_or_else(|| {
            labelled(
                &a.label,
                Invalid::new(
                    "translation_of",
                    Message::new("import-translation-missing").text("original", original),
                ),
            )
        })?;
        article_writer::link_translation(tx, id, original).await.map_err(|e| match e {
            Error::Invalid(invalid) => labelled(&a.label, invalid).into(),
            other => other,
        })?;
    }
    done.out.created.articles += 1;
    done.out.new_articles.push(id);
    if a.status == ArticleStatus::Published {
        done.out.new_published.push(id);
        let to = article_path(&slug);
        for old in &a.old_paths {
            done.out.redirects += u64::from(add_redirect(tx, old, &to).await?);
        }
    }
    search::index(tx, backend, id).await
}

/// Writes the planned related-list rows of the articles at `positions` (all of them written
/// by now, in this batch or before), then trims every list of an article written before
/// this batch back to its best entries.
async fn write_related(
    tx: &mut Tx,
    plan: &Plan,
    done: &Done,
    positions: Range<usize>,
) -> Result<()> {
    let id = |node: Node| match node {
        Node::Stored(id) => Some(id),
        Node::Written(p) => done.ids[p],
    };
    let mut rows = Vec::new();
    let mut trimmed = Vec::new();
    for row in positions.flat_map(|p| &plan.related[p]) {
        let (Some(article), Some(related)) = (id(row.article), id(row.related)) else {
            continue;
        };
        rows.push((article, related, row.score));
        if let Node::Stored(_) = row.article {
            trimmed.push(article);
        }
    }
    article_writer::store_related_rows(tx, &mut rows, &mut trimmed).await
}

/// Writes a page unless it was imported before; returns whether it wrote one.
async fn write_page(
    tx: &mut Tx,
    plan: &Plan,
    done: &mut Done,
    p: &CheckedImportPage,
) -> Result<bool> {
    if done.refs.get("page", &p.foreign_id).is_some() {
        done.out.already_imported.pages += 1;
        return Ok(false);
    }
    let (id, slug) = loop {
        let slug = free_slug(&p.page.slug, &done.page_slugs);
        done.page_slugs.insert(slug.to_string());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO pages (slug, title, body_markdown, body_html, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(slug.as_str())
        .bind(p.page.title.as_str())
        .bind(p.page.body_markdown.as_str())
        .bind(p.body_html.as_str())
        .bind(to_unix(p.updated_at))
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(id) = id {
            break (id, slug);
        }
    };
    if slug != p.page.slug {
        done.out.renamed.push(Renamed {
            kind: "page",
            label: p.label.clone(),
            from: p.page.slug.clone(),
            to: slug.clone(),
        });
    }
    done.refs.add(tx, &plan.source, "page", &p.foreign_id, id, to_unix(plan.now)).await?;
    done.out.created.pages += 1;
    let to = stored_path(&lede_core::urls::page(&slug));
    for old in &p.old_paths {
        done.out.redirects += u64::from(add_redirect(tx, old, &to).await?);
    }
    Ok(true)
}

/// Writes a comment unless it was imported before or its article is not on the site;
/// returns whether it wrote one.
async fn write_comment(
    tx: &mut Tx,
    plan: &Plan,
    done: &mut Done,
    c: &CheckedImportComment,
) -> Result<bool> {
    if done.refs.get("comment", &c.foreign_id).is_some() {
        done.out.already_imported.comments += 1;
        return Ok(false);
    }
    let Some(article) = done.refs.get("article", &c.article) else {
        done.out.orphan_comments += 1;
        return Ok(false);
    };
    let parent = c.parent.as_deref().and_then(|p| done.refs.get("comment", p));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (article_id, parent_id, name, email_hash, website, body, \
         status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(article)
    .bind(parent)
    .bind(c.name.as_str())
    .bind(c.email_hash.as_str())
    .bind(c.website.as_deref())
    .bind(c.text.as_str())
    .bind(c.status.as_str())
    .bind(to_unix(c.created_at))
    .fetch_one(&mut **tx)
    .await?;
    done.refs.add(tx, &plan.source, "comment", &c.foreign_id, id, to_unix(plan.now)).await?;
    done.out.created.comments += 1;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_slugs_are_numbered_past_taken_ones() {
        let taken: HashSet<String> = ["a", "a-2"].iter().map(|s| s.to_string()).collect();
        let slug = |s: &str| Slug::parse(s).expect("slug");
        assert_eq!(free_slug(&slug("a"), &taken), slug("a-3"));
        assert_eq!(free_slug(&slug("b"), &taken), slug("b"));
    }
}

//! Imports from another system (a WordPress export): checked whole, then written in batches,
//! each its own transaction, so a large import never keeps the site's other writers waiting
//! and a killed one is finished by running it again (see `sql/import.rs`).

use super::{Change, Newsroom};
use crate::Result;
use crate::sql::{ImportPace, ImportRun};
use lede_core::transfer::{ImportBatch, ImportOutcome, labelled};

/// An import under way. [`Newsroom::start_import`] checked it and wrote what its articles
/// need; each [`Import::write_batch`] writes the next batch in its own transaction, until
/// [`Import::is_done`]. Dropped before the end (or after an error, which consumes it), it
/// leaves the batches written so far complete; the same import run again writes the rest.
#[derive(Debug)]
pub struct Import {
    newsroom: Newsroom,
    run: ImportRun,
    pace: ImportPace,
}

impl Newsroom {
    /// Imports a whole batch from another system: every item passes the domain rules and
    /// every reference is resolved before anything is written, then it is written in
    /// batches, related lists and search entries included (see [`Import`]). Items imported
    /// before from the same source are left as they are, so running the same import again
    /// changes nothing, and finishes one that was interrupted.
    pub async fn import(&self, batch: ImportBatch) -> Result<ImportOutcome> {
        let mut import = self.start_import(batch, ImportPace::default()).await?;
        while !import.is_done() {
            import = import.write_batch().await?;
        }
        Ok(import.finish())
    }

    /// Checks an import and writes what its articles need first (authors, sections, tags),
    /// in one short transaction; nothing is written when an item breaks a rule or names
    /// something that is nowhere. Then plans the related lists. The batches follow, at
    /// `pace`, through [`Import::write_batch`].
    pub async fn start_import(&self, mut batch: ImportBatch, pace: ImportPace) -> Result<Import> {
        let languages = self.languages();
        for item in &mut batch.articles {
            item.article.language =
                languages.check(&item.article.language).map_err(|e| labelled(&item.label, e))?;
        }
        let checked = batch.check(&self.secret)?;
        let run = self.store.prepare_import(checked, self.now()).await?;
        if run.outcome().created != Default::default() {
            self.announce(Change::Catalog);
        }
        Ok(Import { newsroom: self.clone(), run, pace })
    }
}

impl Import {
    /// How many articles the import holds.
    pub fn articles(&self) -> u64 {
        self.run.articles() as u64
    }

    /// How many of them are on the site: written by this import, or found imported before.
    pub fn articles_done(&self) -> u64 {
        self.run.articles_done() as u64
    }

    /// Whether every article, page and comment is written (or was there).
    pub fn is_done(&self) -> bool {
        self.run.is_done()
    }

    /// What the import wrote and found so far.
    pub fn outcome(&self) -> &ImportOutcome {
        self.run.outcome()
    }

    /// Writes the next batch in one transaction and announces it. An import batch is
    /// announced as a catalog change (every cached page goes): it may enter any list on the
    /// site, and purging everything costs less than working out, article by article, which
    /// pages it touched. On an error the import is gone; what was committed stays.
    pub async fn write_batch(mut self) -> Result<Self> {
        let before = self.run.outcome().created;
        self.newsroom.store.write_import_batch(&mut self.run, self.pace).await?;
        if self.run.outcome().created != before {
            self.newsroom.announce(Change::Catalog);
        }
        Ok(self)
    }

    /// What the import wrote, and what it found already there.
    pub fn finish(self) -> ImportOutcome {
        self.run.into_outcome()
    }
}

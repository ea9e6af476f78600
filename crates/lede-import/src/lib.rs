//! Moving a site into and out of Lede. In: a WordPress WXR export is read whole and checked
//! ([`wxr`]), mapped to Lede's content ([`map`]) and handed to the newsroom as one batch,
//! which checks all of it before writing anything, then writes it in batches of its own
//! transactions (a killed import is finished by running it again); media come from a local copy of
//! `wp-content/uploads` ([`media`]), never from the network. Out: the whole site as WXR that
//! WordPress's importer reads, or as JSON ([`export`]), which [`restore`] writes back into an
//! empty site.

pub mod error;
pub mod export;
pub mod html;
pub mod map;
pub mod media;
pub mod report;
pub mod restore;
pub mod wxr;

pub use error::{Error, ParseError, Result};
pub use export::Format;
pub use report::Report;
pub use restore::{RestoreReport, import_lede};

use lede_store::{ImportPace, MediaStore, Newsroom};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where an import is, for a progress bar: each stage has a total, then reports how far it got.
pub trait Progress {
    fn stage(&mut self, name: &'static str, total: u64);
    fn advance(&mut self, done: u64);
    fn finish(&mut self);
}

/// No progress shown (not a terminal, or tests).
#[derive(Debug, Default, Clone, Copy)]
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&mut self, _: &'static str, _: u64) {}
    fn advance(&mut self, _: u64) {}
    fn finish(&mut self) {}
}

/// What an import needs besides the file.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// A local copy of the old site's `wp-content/uploads`, if the operator has one.
    pub media_source: Option<PathBuf>,
    /// The site's media store; imported files go to its `imported/`.
    pub media: MediaStore,
    /// How much each of the import's transactions writes (the default suits a live site).
    pub pace: ImportPace,
}

/// Reads an export file as text, refusing bytes that are not UTF-8 (WXR always is) with the
/// line they are on.
pub fn read_export(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        Error::Parse {
            path: path.to_owned(),
            problem: ParseError { line, message: "the file is not UTF-8 text".to_owned() },
        }
    })
}

/// Imports a WordPress export file into the newsroom's site: nothing is written unless the
/// whole file reads and checks; then the articles are written batch by batch, `progress`
/// hearing how many are done after each. Running it again changes nothing, or finishes an
/// import that was interrupted.
pub async fn import_wordpress(
    newsroom: &Newsroom,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn Progress,
) -> Result<Report> {
    let started = Instant::now();
    let text = read_export(path)?;
    progress.stage("Reading", text.len() as u64);
    let export = wxr::parse(&text, |done| progress.advance(done))
        .map_err(|problem| Error::Parse { path: path.to_owned(), problem })?;
    drop(text);
    let plan = map::plan(&export, options.media_source.clone(), newsroom.now());
    let mut import = newsroom.start_import(plan.batch, options.pace).await?;
    progress.stage("Writing", import.articles());
    while !import.is_done() {
        import = import.write_batch().await?;
        progress.advance(import.articles_done());
    }
    let outcome = import.finish();
    progress.stage("Copying media", plan.media.count() as u64);
    let media_copied =
        plan.media.copy_into(&options.media, |done| progress.advance(done as u64)).await?;
    progress.finish();
    let mut renamed = plan.reserved_renames;
    renamed.extend(outcome.renamed.iter().cloned());
    Ok(Report {
        version: export.version,
        read: plan.read,
        skipped: plan.skipped,
        private_drafts: plan.private_drafts,
        renamed,
        missing_images: plan.missing_images,
        media_found: plan.media.count(),
        media_copied,
        media_refused: plan
            .media
            .refused()
            .map(|(path, content)| (path.to_owned(), content.to_owned()))
            .collect(),
        multi_category_posts: plan.multi_category_posts,
        controls_removed: plan.controls_removed,
        alt_text: plan.alt_text,
        outcome,
        elapsed: started.elapsed(),
    })
}

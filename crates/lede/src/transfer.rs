//! `lede import wordpress`, `lede import lede` and `lede export`: the command-line ends of `lede-import`, with a
//! progress bar when a person is watching (standard error is a terminal).

use crate::config::Config;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use lede_import::export::{self, SiteInfo};
use lede_import::{Format, ImportOptions, Progress, Quiet};
use lede_store::Newsroom;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// An indicatif bar: bytes while reading, articles while writing (advancing batch by batch),
/// files while copying; a spinner for a stage without a total.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn stage(&mut self, name: &'static str, total: u64) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
        let bar = if total == 0 {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        } else {
            let bar = ProgressBar::new(total);
            let style = match name {
                "Reading" => "{msg:>14} [{bar:40}] {bytes}/{total_bytes}",
                "Writing" => "{msg:>14} [{bar:40}] {human_pos}/{human_len} articles, {eta} left",
                _ => "{msg:>14} [{bar:40}] {pos}/{len}",
            };
            if let Ok(style) = ProgressStyle::with_template(style) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        };
        bar.set_message(name);
        self.0 = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(done);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

pub async fn import_wordpress(
    newsroom: &Newsroom,
    config: &Config,
    file: &Path,
    media_source: Option<PathBuf>,
) -> Result<()> {
    if let Some(dir) = &media_source {
        anyhow::ensure!(dir.is_dir(), "--media-dir {} is not a directory", dir.display());
    }
    let options =
        ImportOptions { media_source, media: config.media_store()?, pace: Default::default() };
    let mut bar = Bar(None);
    let mut quiet = Quiet;
    let progress: &mut dyn Progress =
        if std::io::stderr().is_terminal() { &mut bar } else { &mut quiet };
    let report = lede_import::import_wordpress(newsroom, file, &options, progress)
        .await
        .with_context(|| format!("importing {}", file.display()))?;
    println!("{report}");
    Ok(())
}

/// Restores a Lede JSON export into the (empty) site: one transaction, so there is nothing
/// to show progress of, and nothing written when it fails.
pub async fn import_lede(newsroom: &Newsroom, file: &Path) -> Result<()> {
    let report = lede_import::import_lede(newsroom, file)
        .await
        .with_context(|| format!("restoring {}", file.display()))?;
    println!("{report}");
    Ok(())
}

pub async fn export(
    newsroom: &Newsroom,
    config: &Config,
    format: Format,
    output: Option<&Path>,
) -> Result<()> {
    let store = newsroom.store();
    let site = SiteInfo {
        name: store.setting("site_name").await?.unwrap_or_else(|| "Lede".to_owned()),
        tagline: store.setting("site_tagline").await?.unwrap_or_default(),
        base_url: config.base_url.clone(),
        exported_at: newsroom.now(),
        language: store.setting("site_language").await?.unwrap_or_else(|| "en".to_owned()),
    };
    let counts = match output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export::export(store, &site, format, &mut out).await?
        }
        Some(path) => {
            // Written beside the target and renamed at the end: a failed export never leaves a
            // file that looks complete.
            let partial = path.with_extension("partial");
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let counts = export::export(store, &site, format, &mut out).await?;
            out.flush()?;
            drop(out);
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            counts
        }
    };
    eprintln!(
        "Exported {} articles, {} pages, {} comments, {} media files",
        counts.articles, counts.pages, counts.comments, counts.media
    );
    Ok(())
}

//! `lede media migrate`: moving a site's media from its data directory to the S3 store its
//! configuration now names, so that every server finds the files uploaded before. It copies
//! only what the store lacks, so it can run again after a failure, or once more after the
//! servers switched over to catch an upload made meanwhile.

use crate::config::Config;
use anyhow::{Result, bail};

pub async fn migrate(config: &Config) -> Result<()> {
    if config.s3.is_none() {
        bail!(
            "the media store is the data directory already: set media_store = \"s3\" and the \
             s3_* settings in lede.toml (or LEDE_MEDIA_STORE=s3 and LEDE_S3_*) first"
        );
    }
    let from = config.local_media()?;
    let to = config.media_store()?;
    to.check().await?;
    let started = std::time::Instant::now();
    let counts = to.copy_missing_from(&from, |_| {}).await?;
    println!(
        "Copied {} media files ({:.1} MB) from {from:?} to {to:?}; {} were there already ({:.1} s).",
        counts.copied,
        counts.bytes as f64 / 1_000_000.0,
        counts.present,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

//! The site as one JSON document (`"format": "lede-export", "version": 2`): the envelope
//! (`exported_at`, `site`), then every record of [`lede_core::site_copy`] under its list's
//! name, articles last and read a page at a time, so a large archive is never all in memory
//! while it is written. `lede import lede` reads it back ([`crate::restore`]).

use super::{ExportCounts, PAGE, SiteInfo};
use crate::error::Result;
use lede_core::site_copy::{FORMAT, VERSION, rfc3339};
use lede_store::SqlStore;
use serde::{Deserialize, Serialize};
use std::io::Write;
use time::OffsetDateTime;

/// The site as a whole, as the file's `site` names it: for people reading the file; a
/// restore takes the site's name and tagline from its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteJson {
    pub name: String,
    pub tagline: String,
    pub base_url: String,
    pub language: String,
}

#[derive(Serialize)]
struct Envelope {
    format: &'static str,
    version: u32,
    #[serde(with = "rfc3339")]
    exported_at: OffsetDateTime,
    site: SiteJson,
}

/// Writes the whole site to `out`.
pub async fn write(store: &SqlStore, site: &SiteInfo, out: &mut dyn Write) -> Result<ExportCounts> {
    let catalog = store.copy_catalog().await?;
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        exported_at: site.exported_at,
        site: SiteJson {
            name: site.name.clone(),
            tagline: site.tagline.clone(),
            base_url: site.base_url.clone(),
            language: site.language.clone(),
        },
    };
    // One object: the envelope's fields (what the file is first), the catalog's lists, and
    // the articles' list left open at the end.
    let envelope = serde_json::to_value(&envelope)?;
    let catalog_fields = serde_json::to_value(&catalog)?;
    write!(out, "{{")?;
    let mut first = true;
    for key in ["format", "version", "exported_at", "site"] {
        write_field(out, &mut first, key, &envelope[key])?;
    }
    for (key, value) in catalog_fields.as_object().into_iter().flatten() {
        write_field(out, &mut first, key, value)?;
    }
    write!(out, ",\n\"articles\":[")?;
    let mut counts = ExportCounts {
        pages: catalog.pages.len(),
        media: catalog.media.len(),
        ..ExportCounts::default()
    };
    let mut after = 0;
    loop {
        let articles = store.copy_articles(after, PAGE).await?;
        let Some(last) = articles.last() else { break };
        after = last.id;
        for article in &articles {
            if counts.articles > 0 {
                write!(out, ",")?;
            }
            writeln!(out)?;
            serde_json::to_writer(&mut *out, article)?;
            counts.articles += 1;
            counts.comments += article.comments.len();
        }
    }
    writeln!(out, "]}}")?;
    out.flush()?;
    Ok(counts)
}

fn write_field(
    out: &mut dyn Write,
    first: &mut bool,
    key: &str,
    value: &serde_json::Value,
) -> Result<()> {
    if !std::mem::take(first) {
        writeln!(out, ",")?;
    }
    serde_json::to_writer(&mut *out, key)?;
    write!(out, ":")?;
    serde_json::to_writer(&mut *out, value)?;
    Ok(())
}

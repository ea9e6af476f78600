//! Writing the whole site out: as WXR 1.2, which WordPress's own importer reads, or as JSON,
//! which carries everything and `lede import lede` restores.
//! Articles are read in pages of [`PAGE`], so a large archive is never all in memory at once.

pub mod json;
mod wxr;

use crate::error::Result;
use lede_store::SqlStore;
use std::io::Write;

/// Articles read per query.
const PAGE: u32 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Wxr,
    Json,
}

/// The site as a whole, besides its content.
#[derive(Debug, Clone)]
pub struct SiteInfo {
    pub name: String,
    pub tagline: String,
    /// Without a trailing slash; links in the export are made absolute with it.
    pub base_url: String,
    pub language: String,
    /// When the export was made (the newsroom's clock), written into the file's header.
    pub exported_at: time::OffsetDateTime,
}

/// What an export wrote (for JSON, `media` counts the library's records; for WXR, the
/// featured images written as attachments).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportCounts {
    pub articles: usize,
    pub pages: usize,
    pub comments: usize,
    pub media: usize,
}

/// Writes the whole site to `out` in `format`.
pub async fn export(
    store: &SqlStore,
    site: &SiteInfo,
    format: Format,
    out: &mut dyn Write,
) -> Result<ExportCounts> {
    if format == Format::Json {
        return json::write(store, site, out).await;
    }
    let catalog = store.copy_catalog().await?;
    let mut xml_safe = XmlChars(out);
    let out: &mut dyn Write = &mut xml_safe;
    let mut writer = wxr::WxrWriter::new(site, &catalog);
    let mut counts = ExportCounts { pages: catalog.pages.len(), ..ExportCounts::default() };
    writer.start(out, &catalog)?;
    let mut after = 0;
    loop {
        let articles = store.copy_articles(after, PAGE).await?;
        let Some(last) = articles.last() else { break };
        after = last.id;
        for article in &articles {
            counts.articles += 1;
            counts.comments += article.comments.len();
            counts.media += usize::from(article.featured_image.is_some());
            writer.article(out, article)?;
        }
    }
    writer.finish(out)?;
    out.flush()?;
    Ok(counts)
}

/// Drops the control characters XML 1.0 does not allow (all below U+0020 but tab, line feed
/// and carriage return) from what an XML export writes, so that one of them in stored text
/// never makes the file unreadable. Those bytes never occur inside a longer UTF-8 sequence,
/// so filtering bytes keeps the text whole.
struct XmlChars<'a>(&'a mut dyn Write);

impl Write for XmlChars<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let allowed = |b: &u8| *b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r');
        if buf.iter().all(allowed) {
            self.0.write_all(buf)?;
        } else {
            self.0.write_all(&buf.iter().copied().filter(allowed).collect::<Vec<_>>())?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// An absolute URL for a site path; absolute URLs stay as they are.
fn absolute(base_url: &str, path: &str) -> String {
    if path.starts_with('/') { format!("{base_url}{path}") } else { path.to_owned() }
}

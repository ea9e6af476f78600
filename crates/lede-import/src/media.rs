//! Media from a local copy of `wp-content/uploads`: finding the file an upload URL names, and
//! copying it into the site's media store under `imported/`. Nothing is ever fetched from the network: an
//! upload that is not in the local copy is reported, not downloaded. Only images, audio,
//! video and PDFs come across, the kind read from the file's first bytes (never its name): an
//! HTML page, an SVG drawing or a script served from the site's own origin could run script
//! there, so such files stay behind and the report names them.

use crate::error::{Error, Result};
use lede_core::urls;
use lede_store::MediaStore;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Where imported files go under the site's media directory, and the URL prefix they get.
pub const IMPORTED_DIR: &str = "imported";

/// Upload URLs this export uses, and where their files are.
#[derive(Debug, Default)]
pub struct Media {
    /// URL prefixes after which an upload's path inside `uploads/` starts.
    bases: Vec<String>,
    source: Option<PathBuf>,
    /// Files to copy: path inside `uploads/` → file in the local copy.
    wanted: BTreeMap<String, PathBuf>,
    /// Files left behind: path inside `uploads/` → what their content is.
    refused: BTreeMap<String, String>,
}

impl Media {
    /// `attachment_urls` teach where uploads live (`…/wp-content/uploads/` on a WordPress site,
    /// the host root on WordPress.com); `source` is the local copy, if the operator gave one.
    pub fn new<'a>(
        attachment_urls: impl Iterator<Item = &'a str>,
        source: Option<PathBuf>,
    ) -> Self {
        let mut bases: Vec<String> = attachment_urls.filter_map(upload_base).collect();
        bases.sort();
        bases.dedup();
        // Longest first, so the most specific prefix wins.
        bases.sort_by_key(|b| std::cmp::Reverse(b.len()));
        Self { bases, source, wanted: BTreeMap::new(), refused: BTreeMap::new() }
    }

    /// The site path (`/media/imported/2024/05/cat.jpg`) of an upload URL whose file is in the
    /// local copy and of a kind the site serves, remembering to copy it; `None` when it is not
    /// an upload, not there, or refused ([`Self::refused`]).
    pub fn local(&mut self, url: &str) -> Option<String> {
        let (relative, file) = self.find(url)?;
        if self.refused.contains_key(&relative) {
            return None;
        }
        if !self.wanted.contains_key(&relative)
            && let Err(content) = servable_kind(&file)
        {
            self.refused.insert(relative, content);
            return None;
        }
        let site_path = urls::media(&format!("{IMPORTED_DIR}/{relative}"));
        self.wanted.insert(relative, file);
        Some(site_path)
    }

    /// Whether an upload URL names a file of the local copy that was left behind for its kind.
    pub fn is_refused(&self, url: &str) -> bool {
        self.find(url).is_some_and(|(relative, _)| self.refused.contains_key(&relative))
    }

    /// The path inside `uploads/` an upload URL names, and its file in the local copy, when
    /// the operator gave one and the file is there.
    fn find(&self, url: &str) -> Option<(String, PathBuf)> {
        let source = self.source.as_ref()?;
        let url = url.split(['?', '#']).next().unwrap_or(url);
        let relative = self.bases.iter().find_map(|b| url.strip_prefix(b.as_str()))?;
        let relative = decode_percent(relative);
        let safe = Path::new(&relative).components().all(|c| matches!(c, Component::Normal(_)));
        if !safe || relative.is_empty() {
            return None;
        }
        let file = source.join(&relative);
        file.is_file().then_some((relative, file))
    }

    /// Files left behind for their kind, with what their content is (`text/html`, `unknown`),
    /// by path inside `uploads/`.
    pub fn refused(&self) -> impl Iterator<Item = (&str, &str)> {
        self.refused.iter().map(|(path, content)| (path.as_str(), content.as_str()))
    }

    /// Rewrites `src` and `href` attributes that point at uploads found locally.
    pub fn rewrite_html(&mut self, html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = next_url_attribute(rest) {
            let (before, after) = rest.split_at(at);
            out.push_str(before);
            let quote = after.chars().next().unwrap_or('"');
            let value_and_more = &after[1..];
            let Some(end) = value_and_more.find(quote) else {
                out.push_str(after);
                return out;
            };
            let url = &value_and_more[..end];
            out.push(quote);
            match self.local(url) {
                Some(local) => out.push_str(&local),
                None => out.push_str(url),
            }
            out.push(quote);
            rest = &value_and_more[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// How many files the import will copy.
    pub fn count(&self) -> usize {
        self.wanted.len()
    }

    /// Copies every wanted file into the media store under `imported/`, skipping files
    /// already there with the same size (a second import copies nothing). Returns how many
    /// were copied.
    pub async fn copy_into(
        &self,
        media: &MediaStore,
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        let mut copied = 0;
        for (done, (relative, from)) in self.wanted.iter().enumerate() {
            let to = format!("{IMPORTED_DIR}/{relative}");
            let fail = |source: Box<dyn std::error::Error + Send + Sync>| Error::Media {
                from: from.clone(),
                to: to.clone(),
                source,
            };
            let size = std::fs::metadata(from).map_err(|e| fail(e.into()))?.len();
            if media.size(&to).await.map_err(|e| fail(e.into()))? != Some(size) {
                let bytes = std::fs::read(from).map_err(|e| fail(e.into()))?;
                media.put(&to, bytes).await.map_err(|e| fail(e.into()))?;
                copied += 1;
            }
            progress(done + 1);
        }
        Ok(copied)
    }
}

/// How much of a file is read to tell its kind: enough for every signature `infer` knows.
const SNIFF_BYTES: u64 = 8192;

/// Whether a file is an image, audio, video or a PDF, read from its first bytes; otherwise
/// what it is (a MIME type, or `unknown`: SVG, HTML and scripts are text, with no signature).
fn servable_kind(file: &Path) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(file).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head));
    if let Err(error) = read {
        return Err(format!("unreadable: {error}"));
    }
    let Some(kind) = infer::get(&head) else {
        return Err("unknown".to_owned());
    };
    match kind.matcher_type() {
        infer::MatcherType::Image | infer::MatcherType::Audio | infer::MatcherType::Video => Ok(()),
        _ if kind.mime_type() == "application/pdf" => Ok(()),
        _ => Err(kind.mime_type().to_owned()),
    }
}

/// Where `src="` or `href="` (or single-quoted) next opens its value: the index of the quote.
fn next_url_attribute(html: &str) -> Option<usize> {
    ["src=\"", "href=\"", "src='", "href='"]
        .iter()
        .filter_map(|needle| html.find(needle).map(|at| at + needle.len() - 1))
        .min()
}

/// The prefix of an upload URL after which the path inside `uploads/` begins.
fn upload_base(url: &str) -> Option<String> {
    if let Some(at) = url.find("/wp-content/uploads/") {
        return Some(url[..at + "/wp-content/uploads/".len()].to_owned());
    }
    let scheme_end = url.find("://")? + 3;
    let host_end = url[scheme_end..].find('/')? + scheme_end + 1;
    Some(url[..host_end].to_owned())
}

/// Percent-decoding for slugs and paths WordPress stored encoded (`%ce%b5…`).
pub fn decode_percent(text: &str) -> String {
    lede_core::uri::decode_path(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn finds_and_rewrites_local_uploads_only() {
        let dir = std::env::temp_dir().join(format!("lede-media-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("2024/05")).expect("dir");
        std::fs::write(dir.join("2024/05/cat.jpg"), b"\xFF\xD8\xFF\xE0 a JPEG").expect("file");
        let urls = ["https://old.example/wp-content/uploads/2024/05/cat.jpg"];
        let mut media = Media::new(urls.into_iter(), Some(dir.clone()));
        let html = "<img src=\"https://old.example/wp-content/uploads/2024/05/cat.jpg\"> \
                    <a href='https://old.example/wp-content/uploads/2024/05/dog.jpg'>d</a> \
                    <a href=\"https://old.example/wp-content/uploads/../../etc/passwd\">x</a>";
        let rewritten = media.rewrite_html(html);
        assert!(rewritten.contains("src=\"/media/imported/2024/05/cat.jpg\""), "{rewritten}");
        assert!(rewritten.contains("uploads/2024/05/dog.jpg"), "missing files keep their URL");
        assert!(rewritten.contains("etc/passwd"), "paths leaving the copy are refused");
        assert_eq!(media.count(), 1);
        let site = dir.join("site-media");
        let store = MediaStore::local(&site).expect("a media folder");
        assert_eq!(media.copy_into(&store, |_| {}).await.expect("copy"), 1);
        assert_eq!(media.copy_into(&store, |_| {}).await.expect("again"), 0, "copied once");
        assert!(site.join("imported/2024/05/cat.jpg").is_file());
        std::fs::remove_dir_all(dir).ok();
    }
}

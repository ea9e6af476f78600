//! The final report: what came across, what was already there, what was left out and why.

use crate::wxr::Item;
use lede_core::transfer::{ImportCounts, ImportOutcome, Renamed};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Items left out, by reason, with a few examples each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skipped(BTreeMap<String, (usize, Vec<String>)>);

/// Examples kept per reason: enough to find them in the export, few enough to read.
const EXAMPLES: usize = 3;

/// Refused media files named one by one before the rest are counted.
const REFUSED_LISTED: usize = 20;

impl Skipped {
    pub fn add(&mut self, reason: &str, item: &Item) {
        let entry = self.0.entry(reason.to_owned()).or_default();
        entry.0 += 1;
        let example = format!("{} {} (line {})", item.post_type, item.id, item.line);
        if entry.1.len() < EXAMPLES && !entry.1.contains(&example) {
            entry.1.push(example);
        }
    }

    /// How many items were left out for a reason starting with `reason`.
    pub fn count(&self, reason: &str) -> usize {
        self.0.iter().filter(|(r, _)| r.starts_with(reason)).map(|(_, (n, _))| n).sum()
    }

    pub fn total(&self) -> usize {
        self.0.values().map(|(n, _)| n).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub version: String,
    /// Items in the file by WordPress post type.
    pub read: Vec<(String, usize)>,
    pub outcome: ImportOutcome,
    pub skipped: Skipped,
    /// Private and password-protected posts, imported as drafts.
    pub private_drafts: Vec<String>,
    /// Slugs changed because the site reserves them or they were taken.
    pub renamed: Vec<Renamed>,
    pub missing_images: Vec<String>,
    /// Media files found in the local copy, and how many of them had to be copied.
    pub media_found: usize,
    pub media_copied: usize,
    /// Files of the local copy left behind because they are not images, audio, video or PDFs:
    /// path inside `uploads/` and what the content is.
    pub media_refused: Vec<(String, String)>,
    /// Posts with several categories (the others became tags).
    pub multi_category_posts: usize,
    /// Items whose text held control characters, which were removed.
    pub controls_removed: Vec<String>,
    /// Images without alt text, imported as they are.
    pub alt_text: crate::map::AltTextReport,
    pub elapsed: Duration,
}

fn counts(f: &mut fmt::Formatter<'_>, title: &str, c: &ImportCounts) -> fmt::Result {
    writeln!(
        f,
        "{title:<18}{} articles, {} pages, {} comments, {} authors, {} sections, {} tags",
        c.articles, c.pages, c.comments, c.authors, c.sections, c.tags
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read: Vec<String> = self.read.iter().map(|(t, n)| format!("{n} {t}")).collect();
        writeln!(f, "WordPress export (WXR {}): {}", self.version, read.join(", "))?;
        let o = &self.outcome;
        counts(f, "Imported:", &o.created)?;
        if o.already_imported != ImportCounts::default() {
            counts(f, "Already imported:", &o.already_imported)?;
        }
        if o.matched != ImportCounts::default() {
            writeln!(
                f,
                "Matched existing:  {} authors, {} sections, {} tags (same slug; kept as they were)",
                o.matched.authors, o.matched.sections, o.matched.tags
            )?;
        }
        writeln!(f, "Redirects:         {} old addresses now answer 301", o.redirects)?;
        writeln!(
            f,
            "Media:             {} files found in --media-dir, {} copied",
            self.media_found, self.media_copied
        )?;
        if !self.media_refused.is_empty() {
            writeln!(
                f,
                "Media not imported: {} files are not images, audio, video or PDFs (read from \
                 their content), and could run script on the site:",
                self.media_refused.len()
            )?;
            for (path, content) in self.media_refused.iter().take(REFUSED_LISTED) {
                writeln!(f, "  - {path} ({content})")?;
            }
            if self.media_refused.len() > REFUSED_LISTED {
                writeln!(f, "  - and {} more", self.media_refused.len() - REFUSED_LISTED)?;
            }
        }
        if self.multi_category_posts > 0 {
            writeln!(
                f,
                "Categories:        {} posts had several; each is in its most specific one, \
                 the others became its tags",
                self.multi_category_posts
            )?;
        }
        if !self.private_drafts.is_empty() {
            writeln!(
                f,
                "Kept private:      {} posts imported as drafts, never published:",
                self.private_drafts.len()
            )?;
            for label in &self.private_drafts {
                writeln!(f, "  - {label}")?;
            }
        }
        if !self.controls_removed.is_empty() {
            writeln!(
                f,
                "Control characters: removed from {} items (invisible, and not allowed in feeds):",
                self.controls_removed.len()
            )?;
            for label in self.controls_removed.iter().take(EXAMPLES) {
                writeln!(f, "  - {label}")?;
            }
            if self.controls_removed.len() > EXAMPLES {
                writeln!(f, "  - and {} more", self.controls_removed.len() - EXAMPLES)?;
            }
        }
        if !self.renamed.is_empty() {
            writeln!(f, "Renamed slugs:     {}", self.renamed.len())?;
            for r in &self.renamed {
                writeln!(f, "  - {} {}: /{} → /{}", r.kind, r.label, r.from, r.to)?;
            }
        }
        if !self.missing_images.is_empty() {
            writeln!(
                f,
                "Featured images not imported (not in --media-dir): {}",
                self.missing_images.len()
            )?;
            for m in self.missing_images.iter().take(EXAMPLES) {
                writeln!(f, "  - {m}")?;
            }
        }
        let alt = &self.alt_text;
        if !alt.undescribed.is_empty() {
            writeln!(
                f,
                "Alt text:          {} published or scheduled posts show images without it; \
                 imported as they are, the editor asks for it at their next update:",
                alt.undescribed.len()
            )?;
            for label in alt.undescribed.iter().take(EXAMPLES) {
                writeln!(f, "  - {label}")?;
            }
            if alt.undescribed.len() > EXAMPLES {
                writeln!(f, "  - and {} more", alt.undescribed.len() - EXAMPLES)?;
            }
        }
        if alt.empty_alt > 0 {
            writeln!(
                f,
                "Empty alt text:    {} body images have alt=\"\", read as decorative; WordPress \
                 writes it when none was given, so some may need describing",
                alt.empty_alt
            )?;
        }
        if o.orphan_comments > 0 {
            writeln!(f, "Skipped {} comments whose article is not on the site", o.orphan_comments)?;
        }
        if self.skipped.total() > 0 {
            writeln!(f, "Skipped:           {} items", self.skipped.total())?;
            for (reason, (n, examples)) in &self.skipped.0 {
                writeln!(f, "  - {n} × {reason}, e.g. {}", examples.join(", "))?;
            }
        }
        write!(f, "Took {:.2} s", self.elapsed.as_secs_f64())
    }
}

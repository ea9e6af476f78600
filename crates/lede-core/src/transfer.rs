//! Content crossing the site's boundary. An importer describes everything it read as one
//! [`ImportBatch`]; [`ImportBatch::check`] applies the domain rules to every item before
//! anything is written, so a batch is stored whole or not at all; the store answers with an
//! [`ImportOutcome`]. Items carry the id they had where they came from (`foreign_id`), which is
//! how importing the same export twice is recognised and changes nothing.

use crate::comment::{CommentStatus, Email, MAX_NAME_CHARS};
use crate::content::*;
use crate::{Invalid, Message, Result, Slug, markdown, related};
use std::collections::HashSet;
use time::OffsetDateTime;

/// Longest imported comment, in characters: generous, since the sender is no longer a stranger
/// at the door but a comment the old site already published.
pub const MAX_IMPORTED_COMMENT_CHARS: usize = 50_000;

/// Everything one import brings, in the order it must be written: sections after their
/// parents, comments after the comments they answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    /// Where the content comes from (`wordpress https://example.com`): foreign ids are unique
    /// within a source.
    pub source: String,
    pub authors: Vec<ImportAuthor>,
    pub sections: Vec<ImportSection>,
    pub tags: Vec<ImportTag>,
    pub articles: Vec<ImportArticle>,
    pub pages: Vec<ImportPage>,
    pub comments: Vec<ImportComment>,
}

/// Authors, sections and tags refer to each other, and articles to them, by the slugs given
/// here; the store matches them to existing ones with the same slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportAuthor {
    pub foreign_id: String,
    pub author: AuthorInput,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSection {
    pub foreign_id: String,
    pub section: SectionInput,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportTag {
    pub foreign_id: String,
    pub slug: Slug,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportArticle {
    pub foreign_id: String,
    /// Names the item in messages (`post 1168, line 10040`).
    pub label: String,
    /// The article; its `body_markdown` is empty, the body is `body_html`.
    pub article: ArticleInput,
    /// The body as the old system kept it; sanitised by [`ImportBatch::check`].
    pub body_html: String,
    pub status: ArticleStatus,
    /// When it was (or, when scheduled, will be) published.
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    /// Paths (and `/?p=ID` queries) under which the old site published it; each answers a 301
    /// to the new address once the article is public.
    pub old_paths: Vec<String>,
    /// The foreign id of the article this one translates, from the same source (in this
    /// batch or an earlier import of it). Foreign ids, not slugs: a slug may be renamed on
    /// the way in.
    pub translation_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPage {
    pub foreign_id: String,
    pub label: String,
    /// The page; its `body_markdown` is empty, the body is `body_html`.
    pub page: PageInput,
    pub body_html: String,
    pub updated_at: OffsetDateTime,
    pub old_paths: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportComment {
    pub foreign_id: String,
    /// The foreign id of the article it was left on (in this batch or an earlier import).
    pub article: String,
    /// The foreign id of the comment it answers, if any.
    pub parent: Option<String>,
    pub name: String,
    pub email: Option<Email>,
    pub website: Option<String>,
    /// Plain text, as readers' comments are kept.
    pub text: String,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
}

/// A batch after the rules were applied: bodies sanitised and counted, signatures computed,
/// email addresses reduced to keyed hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedImport {
    pub source: String,
    pub authors: Vec<ImportAuthor>,
    pub sections: Vec<ImportSection>,
    pub tags: Vec<ImportTag>,
    pub articles: Vec<CheckedImportArticle>,
    pub pages: Vec<CheckedImportPage>,
    pub comments: Vec<CheckedImportComment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckedImportArticle {
    pub foreign_id: String,
    pub label: String,
    pub article: CheckedArticle,
    /// The related-articles signature, encoded for storage.
    pub signature: String,
    pub status: ArticleStatus,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    pub old_paths: Vec<String>,
    /// The foreign id of the original this translates.
    pub translation_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedImportPage {
    pub foreign_id: String,
    pub label: String,
    pub page: PageInput,
    /// Sanitised.
    pub body_html: String,
    pub updated_at: OffsetDateTime,
    pub old_paths: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedImportComment {
    pub foreign_id: String,
    pub article: String,
    pub parent: Option<String>,
    pub name: String,
    /// Keyed hash of the address, or empty when the old site had none.
    pub email_hash: String,
    pub website: Option<String>,
    pub text: String,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
}

impl ImportBatch {
    /// Applies the domain rules to every item; the first broken rule stops the whole batch and
    /// names the item. `site_secret` keys the hashes of commenters' addresses.
    pub fn check(self, site_secret: &[u8]) -> Result<CheckedImport> {
        let source = crate::content::required("source", &self.source, 300)?;
        unique("author", self.authors.iter().map(|a| &a.foreign_id))?;
        unique("section", self.sections.iter().map(|s| &s.foreign_id))?;
        unique("tag", self.tags.iter().map(|t| &t.foreign_id))?;
        unique("article", self.articles.iter().map(|a| &a.foreign_id))?;
        unique("page", self.pages.iter().map(|p| &p.foreign_id))?;
        unique("comment", self.comments.iter().map(|c| &c.foreign_id))?;

        let authors = self
            .authors
            .into_iter()
            .map(|a| {
                let label = format!("author {}", a.foreign_id);
                Ok(ImportAuthor {
                    author: a.author.check().map_err(|e| labelled(&label, e))?,
                    foreign_id: a.foreign_id,
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let mut known_sections = HashSet::new();
        let mut sections = Vec::with_capacity(self.sections.len());
        for mut s in self.sections {
            let label = format!("category {}", s.foreign_id);
            s.section.name =
                required("name", &s.section.name, 100).map_err(|e| labelled(&label, e))?;
            no_controls("description", &s.section.description, Lines::Many)
                .map_err(|e| labelled(&label, e))?;
            if let Some(parent) = &s.section.parent
                && !known_sections.contains(parent)
            {
                return Err(labelled(
                    &label,
                    Invalid::new(
                        "parent",
                        Message::new("import-parent-later").text("parent", parent),
                    ),
                ));
            }
            known_sections.insert(s.section.slug.clone());
            sections.push(s);
        }

        let tags = self
            .tags
            .into_iter()
            .map(|mut t| {
                t.name = required("name", &t.name, 100)
                    .map_err(|e| labelled(&format!("tag {}", t.foreign_id), e))?;
                Ok(t)
            })
            .collect::<Result<Vec<_>>>()?;

        let articles = self.articles.into_iter().map(check_article).collect::<Result<Vec<_>>>()?;

        let pages = self
            .pages
            .into_iter()
            .map(|p| {
                let page = p.page.check().map_err(|e| labelled(&p.label, e))?;
                if !page.body_markdown.is_empty() {
                    return Err(labelled(&p.label, Invalid::new("body", "import-page-body-html")));
                }
                no_controls("body", &p.body_html, Lines::Many)
                    .map_err(|e| labelled(&p.label, e))?;
                Ok(CheckedImportPage {
                    body_html: markdown::sanitize(&p.body_html),
                    foreign_id: p.foreign_id,
                    label: p.label,
                    page,
                    updated_at: p.updated_at,
                    old_paths: p.old_paths,
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let mut known_comments = HashSet::new();
        let mut comments = Vec::with_capacity(self.comments.len());
        for c in self.comments {
            let label = format!("comment {}", c.foreign_id);
            let name =
                required("name", &c.name, MAX_NAME_CHARS).map_err(|e| labelled(&label, e))?;
            let text = required_text("text", &c.text, MAX_IMPORTED_COMMENT_CHARS)
                .map_err(|e| labelled(&label, e))?;
            let website = match c.website.as_deref() {
                None => None,
                Some(url) => Some(web_address("website", url).map_err(|e| labelled(&label, e))?),
            };
            if let Some(parent) = &c.parent
                && !known_comments.contains(parent)
            {
                return Err(labelled(
                    &label,
                    Invalid::new(
                        "parent",
                        Message::new("import-reply-later").text("parent", parent),
                    ),
                ));
            }
            known_comments.insert(c.foreign_id.clone());
            comments.push(CheckedImportComment {
                email_hash: c.email.map(|e| e.keyed_hash(site_secret)).unwrap_or_default(),
                foreign_id: c.foreign_id,
                article: c.article,
                parent: c.parent,
                name,
                website,
                text,
                status: c.status,
                created_at: c.created_at,
            });
        }

        Ok(CheckedImport { source, authors, sections, tags, articles, pages, comments })
    }
}

fn check_article(a: ImportArticle) -> Result<CheckedImportArticle> {
    let checked = a.article.check_html(&a.body_html).map_err(|e| labelled(&a.label, e))?;
    if a.status != ArticleStatus::Draft && a.published_at.is_none() {
        return Err(labelled(&a.label, Invalid::new("published_at", "import-needs-date")));
    }
    let signature =
        related::signature(&checked.input.headline, &checked.input.standfirst, &checked.body_text);
    Ok(CheckedImportArticle {
        foreign_id: a.foreign_id,
        label: a.label,
        signature: related::encode(&signature),
        article: checked,
        status: a.status,
        published_at: a.published_at,
        updated_at: a.updated_at,
        old_paths: a.old_paths,
        translation_of: a.translation_of,
    })
}

/// The order in which to write a batch's articles: the file's order, except that a
/// translation whose original comes later in the batch waits for it and follows it at once.
/// An import written in several transactions then never commits a translation before the
/// original it links to, so a kill between two of them leaves no link to make later.
/// Articles caught in a cycle of translations keep their place at the end (the store refuses
/// the cycle before writing anything).
pub fn originals_first(articles: &[CheckedImportArticle]) -> Vec<usize> {
    let position: std::collections::HashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.foreign_id.as_str(), i)).collect();
    let mut waiting: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    let mut placed = vec![false; articles.len()];
    let mut order = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let original = article.translation_of.as_deref().and_then(|o| position.get(o)).copied();
        match original {
            Some(o) if o != i && !placed[o] => waiting.entry(o).or_default().push(i),
            _ => {
                let mut ready = vec![i];
                while let Some(next) = ready.pop() {
                    placed[next] = true;
                    order.push(next);
                    // Reversed, so that waiting translations follow in the file's order.
                    ready.extend(waiting.remove(&next).unwrap_or_default().into_iter().rev());
                }
            }
        }
    }
    order.extend((0..articles.len()).filter(|i| !placed[*i]));
    order
}

/// Refuses a batch that names the same foreign id twice for one kind of item.
fn unique<'a>(kind: &str, ids: impl Iterator<Item = &'a String>) -> Result<()> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(Invalid::new(
                "foreign_id",
                Message::new("import-duplicate").text("kind", kind).text("id", id),
            ));
        }
    }
    Ok(())
}

/// The same broken rule, with the item it concerns named first.
pub fn labelled(label: &str, error: Invalid) -> Invalid {
    Invalid::new(
        error.field,
        Message::new("import-labelled").text("label", label).message("message", error.message),
    )
}

/// What an import wrote, and what it left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// New rows.
    pub created: ImportCounts,
    /// Items this source brought before: left exactly as they are.
    pub already_imported: ImportCounts,
    /// Authors, sections and tags that matched existing ones by slug and were used as they are.
    pub matched: ImportCounts,
    /// Slugs changed to stay unique.
    pub renamed: Vec<Renamed>,
    /// Old addresses that now answer a 301.
    pub redirects: u64,
    /// Comments whose article is not on the site (never imported, or removed since).
    pub orphan_comments: u64,
    /// The new articles, and among them the published ones (whose related lists need
    /// computing).
    pub new_articles: Vec<ArticleId>,
    pub new_published: Vec<ArticleId>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub authors: u64,
    pub sections: u64,
    pub tags: u64,
    pub articles: u64,
    pub pages: u64,
    pub comments: u64,
}

/// A slug that had to change: `kind` is `article` or `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub kind: &'static str,
    pub label: String,
    pub from: Slug,
    pub to: Slug,
}

/// The path to store for a redirect from `old` (a path, or `/?p=ID`) to `new`, or `None` when
/// there is nothing to redirect. Paths are kept as lookups will see them: repeated slashes
/// collapsed and the trailing slash dropped, except when dropping it would point a path at
/// itself (`/about/` → `/about`), where the slash is what tells them apart. Percent-escapes
/// in the path are decoded, as lookups decode the paths they are asked for.
pub fn redirect_from(old: &str, new: &str) -> Option<String> {
    let (path, query) = match old.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (old, None),
    };
    let path = crate::uri::decode_path(path);
    let mut collapsed = String::with_capacity(path.len() + 1);
    for c in path.chars() {
        if !(c == '/' && collapsed.ends_with('/')) {
            collapsed.push(c);
        }
    }
    if !collapsed.starts_with('/') {
        collapsed.insert(0, '/');
    }
    let from = match query {
        Some(query) if !query.is_empty() => format!("{collapsed}?{query}"),
        _ => {
            let trimmed = collapsed.trim_end_matches('/');
            if trimmed.is_empty() {
                return None;
            }
            if trimmed == new {
                if collapsed == new {
                    return None;
                }
                collapsed
            } else {
                trimmed.to_owned()
            }
        }
    };
    (from != new).then_some(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).expect("slug")
    }

    fn batch() -> ImportBatch {
        ImportBatch {
            source: "wordpress https://old.example".into(),
            authors: vec![ImportAuthor {
                foreign_id: "maya".into(),
                author: AuthorInput {
                    slug: slug("maya"),
                    name: " Maya ".into(),
                    bio: String::new(),
                    website: None,
                    avatar: None,
                },
            }],
            sections: vec![
                ImportSection {
                    foreign_id: "1".into(),
                    section: SectionInput {
                        slug: slug("news"),
                        name: "News".into(),
                        description: String::new(),
                        parent: None,
                    },
                },
                ImportSection {
                    foreign_id: "2".into(),
                    section: SectionInput {
                        slug: slug("city"),
                        name: "City".into(),
                        description: String::new(),
                        parent: Some(slug("news")),
                    },
                },
            ],
            tags: vec![],
            articles: vec![ImportArticle {
                foreign_id: "10".into(),
                label: "post 10".into(),
                article: ArticleInput {
                    slug: slug("a"),
                    headline: "A".into(),
                    standfirst: String::new(),
                    body_markdown: String::new(),
                    language: "en".into(),
                    section: slug("city"),
                    tags: vec![],
                    authors: vec![slug("maya")],
                    featured_image: None,
                    partner_only: false,
                    translation_of: None,
                },
                body_html: "<p>Hello <em>world</em></p><script>x</script>".into(),
                status: ArticleStatus::Published,
                published_at: Some(OffsetDateTime::UNIX_EPOCH),
                updated_at: OffsetDateTime::UNIX_EPOCH,
                old_paths: vec!["/?p=10".into()],
                translation_of: None,
            }],
            pages: vec![],
            comments: vec![ImportComment {
                foreign_id: "c1".into(),
                article: "10".into(),
                parent: None,
                name: "Ann".into(),
                email: Email::parse("ann@example.com").ok(),
                website: None,
                text: "Hi".into(),
                status: CommentStatus::Approved,
                created_at: OffsetDateTime::UNIX_EPOCH,
            }],
        }
    }

    #[test]
    fn checking_sanitises_counts_and_hashes() {
        let checked = batch().check(b"secret").expect("valid");
        assert_eq!(checked.authors[0].author.name, "Maya");
        let article = &checked.articles[0];
        assert_eq!(article.article.word_count, 2);
        assert!(!article.article.body_html.contains("script"));
        assert!(!article.signature.is_empty());
        assert_eq!(checked.comments[0].email_hash.len(), 64);
    }

    #[test]
    fn a_broken_item_stops_the_batch_and_is_named() {
        type Breakage = fn(&mut ImportBatch);
        let cases: [(Breakage, &str); 5] = [
            (|b| b.articles[0].article.headline.clear(), "post 10: "),
            (|b| b.articles[0].published_at = None, "post 10: "),
            (|b| b.sections.reverse(), "category 2: "),
            (
                |b| {
                    b.comments[0].parent = Some("c9".into());
                },
                "comment c1: ",
            ),
            (
                |b| {
                    let again = b.comments[0].clone();
                    b.comments.push(again);
                },
                "comment c1 appears twice",
            ),
        ];
        for (break_it, expected) in cases {
            let mut b = batch();
            break_it(&mut b);
            let error = b.check(b"secret").expect_err("invalid");
            assert!(error.message.to_string().contains(expected), "{error}");
        }
    }

    #[test]
    fn translations_follow_their_originals() {
        let checked = batch().check(b"secret").expect("valid");
        let article = |id: &str, of: Option<&str>| {
            let mut a = checked.articles[0].clone();
            a.foreign_id = id.to_owned();
            a.translation_of = of.map(str::to_owned);
            a
        };
        let articles = vec![
            article("ur", Some("en")),
            article("fr", Some("ur")),
            article("other", None),
            article("en", None),
            article("elsewhere", Some("not-in-the-batch")),
            article("self", Some("self")),
            article("loop-a", Some("loop-b")),
            article("loop-b", Some("loop-a")),
        ];
        let order: Vec<&str> =
            originals_first(&articles).iter().map(|i| articles[*i].foreign_id.as_str()).collect();
        assert_eq!(order, ["other", "en", "ur", "fr", "elsewhere", "self", "loop-a", "loop-b"]);
    }

    #[test]
    fn redirect_paths() {
        let cases = [
            ("/2010/10/05/hello/", "/articles/hello", Some("/2010/10/05/hello")),
            ("/?p=12", "/articles/hello", Some("/?p=12")),
            ("/about/", "/about", Some("/about/")),
            ("/about", "/about", None),
            ("//greek/level-2/", "/level-2", Some("/greek/level-2")),
            ("/", "/articles/x", None),
            ("", "/articles/x", None),
        ];
        for (old, new, expected) in cases {
            assert_eq!(redirect_from(old, new).as_deref(), expected, "{old} → {new}");
        }
    }
}

//! The content model: articles, authors, sections, tags and static pages, as the rest of Lede
//! reads and writes them. Ids are plain database ids wrapped so they cannot be mixed up.

use crate::{Invalid, Message, Result, Slug, markdown, reading_time};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub i64);
    )*};
}
id_type!(ArticleId, AuthorId, SectionId, TagId, CommentId, PageId, ApiKeyId);

/// Where an article is in its life. Only `Published` articles are ever shown to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    /// Submitted by its author, waiting for an editor.
    InReview,
    /// Set to go live at its publication time.
    Scheduled,
    Published,
    /// Taken down after being published; kept, never shown.
    Unpublished,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "draft" => Ok(Self::Draft),
            "in_review" => Ok(Self::InReview),
            "scheduled" => Ok(Self::Scheduled),
            "published" => Ok(Self::Published),
            "unpublished" => Ok(Self::Unpublished),
            other => Err(Invalid::new(
                "status",
                Message::new("validation-article-status-unknown").text("status", other),
            )),
        }
    }
}

/// A link-sized reference to a section, tag or author: enough to name it and link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub slug: Slug,
    pub name: String,
}

/// An image shown at the top of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FeaturedImage {
    /// Path under the site (`/media/...`) or an absolute URL.
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// Adds nothing a reader who cannot see it would miss: shown with `alt=""`, and published
    /// without alt text ([`crate::alt_text`]).
    #[serde(default)]
    pub decorative: bool,
}

impl FeaturedImage {
    /// The alt text readers get: none for a decorative image, whatever `alt` holds.
    pub fn shown_alt(&self) -> &str {
        if self.decorative { "" } else { &self.alt }
    }
}

/// An article as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub slug: Slug,
    pub headline: String,
    pub standfirst: String,
    pub language: String,
    pub published_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub section: NamedRef,
    pub authors: Vec<NamedRef>,
    pub featured_image: Option<FeaturedImage>,
    /// Shown only to syndication partners holding an API key, never on reader pages, feeds or
    /// the public API.
    pub partner_only: bool,
}

/// An article with everything its own page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub summary: ArticleSummary,
    pub status: ArticleStatus,
    pub body_html: String,
    pub word_count: u32,
    pub tags: Vec<NamedRef>,
    pub authors: Vec<Author>,
    /// When the article was first saved (syndication formats give it as the first version).
    pub created_at: OffsetDateTime,
    /// What search results and share cards say of it, where the newsroom chose.
    pub search_and_social: crate::presentation::SearchAndSocial,
    /// Its corrections and update notes, oldest first: kept through every later change.
    pub notes: Vec<ArticleNote>,
    /// When an editor last asked readers to be told it was updated ("Show as updated"); the
    /// byline prints it with the time.
    pub shown_updated_at: Option<OffsetDateTime>,
}

/// What a note printed with an article says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Something the article got wrong, put right: also announced to search engines
    /// (schema.org `correction`) and listed on the site's corrections page.
    Correction,
    /// New information added since the article was first published.
    Update,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::Update => "update",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "correction" => Ok(Self::Correction),
            "update" => Ok(Self::Update),
            other => Err(Invalid::new(
                "note",
                Message::new("validation-note-kind-unknown").text("kind", other),
            )),
        }
    }
}

/// A dated correction or update note, as the article page prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNote {
    pub kind: NoteKind,
    pub text: String,
    pub at: OffsetDateTime,
}

/// What an update to a published article tells readers besides its new text: a correction, an
/// update note (each added, dated, to the notes the article keeps) and whether the byline says
/// "Updated" with the time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateNotes {
    pub correction: String,
    pub update: String,
    pub show_updated: bool,
}

/// Longest correction or update note, in characters: a few sentences, not a second article.
pub const MAX_NOTE_CHARS: usize = 2000;

impl UpdateNotes {
    /// Trims both notes and checks their length and characters.
    pub fn check(self) -> Result<Self> {
        Ok(Self {
            correction: optional_text("correction", &self.correction, MAX_NOTE_CHARS)?,
            update: optional_text("update_note", &self.update, MAX_NOTE_CHARS)?,
            show_updated: self.show_updated,
        })
    }

    /// The notes to add, in the order they are printed.
    pub fn added(&self) -> Vec<(NoteKind, &str)> {
        let mut notes = Vec::new();
        if !self.correction.is_empty() {
            notes.push((NoteKind::Correction, self.correction.as_str()));
        }
        if !self.update.is_empty() {
            notes.push((NoteKind::Update, self.update.as_str()));
        }
        notes
    }

    /// Whether it says nothing at all.
    pub fn is_empty(&self) -> bool {
        self.correction.is_empty() && self.update.is_empty() && !self.show_updated
    }
}

impl Article {
    /// Minutes to read the body at the default rate (see [`Self::reading_minutes_at`]).
    pub fn reading_minutes(&self) -> u32 {
        reading_time::minutes_for(self.word_count as usize)
    }

    /// Minutes to read the body at the reading speed of the article's language.
    pub fn reading_minutes_at(&self, speeds: &reading_time::ReadingSpeeds) -> u32 {
        speeds.minutes(self.word_count as usize, &self.summary.language)
    }
}

/// What an author, editor or importer submits to create or change an article. It is kept as
/// it is (serialised) in a published article's pending version, until it goes live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    pub slug: Slug,
    pub headline: String,
    pub standfirst: String,
    pub body_markdown: String,
    pub language: String,
    pub section: Slug,
    pub tags: Vec<Slug>,
    pub authors: Vec<Slug>,
    pub featured_image: Option<FeaturedImage>,
    /// Reserve the article for syndication partners with an API key (see [`ArticleSummary`]).
    pub partner_only: bool,
    /// The article this one translates (its slug), so the pages of one story in several
    /// languages link each other.
    pub translation_of: Option<Slug>,
}

/// An article input after the rules were applied: trimmed, checked, rendered and counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedArticle {
    pub input: ArticleInput,
    pub body_html: String,
    pub body_text: String,
    pub word_count: u32,
}

impl ArticleInput {
    /// Applies the article rules and renders the body once, at save time.
    pub fn check(mut self) -> Result<CheckedArticle> {
        self.check_fields()?;
        if self.body_markdown.len() > MAX_BODY_BYTES {
            return Err(Invalid::new("body", "validation-body-too-long"));
        }
        let body_text = markdown::plain_text(&self.body_markdown);
        let body_html = markdown::render(&self.body_markdown);
        Ok(CheckedArticle::new(self, body_html, body_text))
    }

    /// Renders the text as a save would, without applying the rules: what a preview shows of
    /// a draft that may not be finished (no headline yet, no author). Never saved.
    pub fn render_unchecked(self) -> CheckedArticle {
        let body_text = markdown::plain_text(&self.body_markdown);
        let body_html = markdown::render(&self.body_markdown);
        CheckedArticle::new(self, body_html, body_text)
    }

    /// Applies the article rules to an article whose body arrives as HTML from another system
    /// (an import) rather than as Markdown. The HTML is sanitised exactly like rendered
    /// Markdown, and words are counted in its text, so reading time is right. Such an article
    /// has no Markdown source: `body_markdown` must be empty, and stays so.
    pub fn check_html(mut self, body_html: &str) -> Result<CheckedArticle> {
        self.check_fields()?;
        if !self.body_markdown.is_empty() {
            return Err(Invalid::new("body", "validation-body-both"));
        }
        no_controls("body", body_html, Lines::Many)?;
        let body_html = markdown::sanitize(body_html);
        if body_html.len() > 2 * MAX_BODY_BYTES {
            return Err(Invalid::new("body", "validation-body-html-too-long"));
        }
        let body_text = markdown::html_text(&body_html);
        Ok(CheckedArticle::new(self, body_html, body_text))
    }

    /// The rules every article meets, whatever its body's format.
    fn check_fields(&mut self) -> Result<()> {
        self.headline = required("headline", &self.headline, MAX_HEADLINE_CHARS)?;
        self.standfirst = optional_text("standfirst", &self.standfirst, MAX_STANDFIRST_CHARS)?;
        no_controls("body", &self.body_markdown, Lines::Many)?;
        if let Some(image) = &self.featured_image {
            no_controls("image_src", &image.src, Lines::One)?;
            no_controls("image_alt", &image.alt, Lines::One)?;
            no_controls("image_caption", &image.caption, Lines::Many)?;
            no_controls("image_credit", &image.credit, Lines::One)?;
        }
        self.language = language_tag(&self.language)?;
        if self.authors.is_empty() {
            return Err(Invalid::new("authors", "validation-authors-needed"));
        }
        if self.translation_of.as_ref() == Some(&self.slug) {
            return Err(Invalid::new("translation_of", "validation-translation-self"));
        }
        Ok(())
    }
}

/// Longest headline and standfirst, in characters (importers shorten longer ones to fit).
pub const MAX_HEADLINE_CHARS: usize = 300;
pub const MAX_STANDFIRST_CHARS: usize = 600;
/// Longest Markdown body, in bytes.
const MAX_BODY_BYTES: usize = 500_000;

impl CheckedArticle {
    fn new(input: ArticleInput, body_html: String, body_text: String) -> Self {
        let word_count = u32::try_from(reading_time::word_count(&body_text)).unwrap_or(u32::MAX);
        Self { input, body_html, body_text, word_count }
    }
}

/// A person who writes for the site, as the author box and author page show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub id: AuthorId,
    pub slug: Slug,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    /// An uploaded picture; when absent, pages draw the author's initials.
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorInput {
    pub slug: Slug,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    /// The picture's address: a path on the site (`/media/avatars/...`) or an http(s) URL.
    /// Saving replaces the stored one, so `None` removes it.
    pub avatar: Option<String>,
}

impl AuthorInput {
    pub fn check(mut self) -> Result<Self> {
        self.name = required("name", &self.name, 120)?;
        self.bio = optional_text("bio", &self.bio, 2000)?;
        self.website = match self.website.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(web_address("website", url)?),
        };
        self.avatar = match self.avatar.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(path) if is_media_path(path) => Some(path.to_owned()),
            Some(url) => Some(web_address("avatar", url)?),
        };
        Ok(self)
    }
}

/// A file under the site's `/media/`, with nothing in its path that could leave that
/// folder or break out of an HTML attribute.
pub(crate) fn is_media_path(path: &str) -> bool {
    path.starts_with("/media/")
        && path.len() <= 300
        && !path.contains("..")
        && path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
}

/// A section of the site ("Politics"); sections may nest under a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: SectionId,
    pub slug: Slug,
    pub name: String,
    pub description: String,
    pub parent: Option<SectionId>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionInput {
    pub slug: Slug,
    pub name: String,
    pub description: String,
    pub parent: Option<Slug>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: TagId,
    pub slug: Slug,
    pub name: String,
}

/// A static page such as About, Contact or Privacy, linked from the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub id: PageId,
    pub slug: Slug,
    pub title: String,
    pub body_html: String,
    pub updated_at: OffsetDateTime,
    /// The language it is written in; `None` for the site's default.
    pub language: Option<String>,
    pub status: PageStatus,
}

/// Whether readers see a static page: a draft answers 404 at its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageStatus {
    Draft,
    Published,
}

impl PageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "draft" => Ok(Self::Draft),
            "published" => Ok(Self::Published),
            _ => Err(Invalid::new("status", "validation-page-status")),
        }
    }
}

/// What the newsroom writes when a page is saved from its form: the page itself, the
/// language it is in (`None`: the site's default) and whether readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEdit {
    pub page: PageInput,
    pub language: Option<String>,
    pub status: PageStatus,
}

/// A page as the newsroom edits it: its Markdown source and the version its last save made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditablePage {
    pub id: PageId,
    pub input: PageInput,
    pub language: Option<String>,
    pub status: PageStatus,
    pub updated_at: OffsetDateTime,
    /// The latest revision's number (0 for a page no newsroom save has touched).
    pub version: i64,
}

/// One saved version of a page, kept on every save so that any can be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRevision {
    pub version: i64,
    pub saved_at: OffsetDateTime,
    /// The name of who saved it, while their account exists (`None`: the site's own tools).
    pub saved_by: Option<String>,
    pub slug: Slug,
    pub title: String,
    pub body_markdown: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInput {
    pub slug: Slug,
    pub title: String,
    pub body_markdown: String,
}

/// Paths that static pages may not take, because the site's own routes live there.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    "admin",
    "api",
    "archive",
    "articles",
    "author",
    "avatars",
    "corrections",
    "feed",
    "healthz",
    "media",
    "preview",
    "search",
    "section",
    "sitemap",
    "static",
    "tag",
];

impl PageInput {
    pub fn check(mut self) -> Result<Self> {
        if RESERVED_PAGE_SLUGS.contains(&self.slug.as_str()) {
            return Err(Invalid::new(
                "slug",
                Message::new("validation-page-slug-reserved").text("slug", &self.slug),
            ));
        }
        self.title = required("title", &self.title, 200)?;
        no_controls("body", &self.body_markdown, Lines::Many)?;
        Ok(self)
    }
}

/// Trims a required one-line text field and checks its length in characters.
pub fn required(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = optional(field, value, max_chars)?;
    if value.is_empty() {
        return Err(Invalid::new(field, "validation-required"));
    }
    Ok(value)
}

/// Trims an optional one-line text field and checks its length in characters. Control
/// characters are refused, line breaks and tabs included (see [`no_controls`]).
pub fn optional(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim();
    no_controls(field, value, Lines::One)?;
    if value.chars().count() > max_chars {
        return Err(Invalid::new(
            field,
            Message::new("validation-too-long").text("max", max_chars),
        ));
    }
    Ok(value.to_owned())
}

/// Trims a required text that may run over several lines (a comment) and checks its length.
pub fn required_text(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = optional_text(field, value, max_chars)?;
    if value.is_empty() {
        return Err(Invalid::new(field, "validation-required"));
    }
    Ok(value)
}

/// Trims an optional text that may run over several lines (a standfirst, a bio, a
/// description) and checks its length; tabs and line breaks are fine, other control
/// characters are refused.
pub fn optional_text(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim();
    no_controls(field, value, Lines::Many)?;
    if value.chars().count() > max_chars {
        return Err(Invalid::new(
            field,
            Message::new("validation-too-long").text("max", max_chars),
        ));
    }
    Ok(value.to_owned())
}

/// Whether a text field holds one line or may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Whether `c` may appear in a text of that kind. Control characters (U+0000 to U+001F,
/// U+007F, U+0080 to U+009F) are invisible, and most of them are not allowed in XML at all,
/// so one of them in a headline would break every feed and sitemap that carries it. Texts of
/// several lines keep their tabs and line breaks.
pub fn allowed_char(c: char, lines: Lines) -> bool {
    !c.is_control() || lines == Lines::Many && matches!(c, '\t' | '\n' | '\r')
}

/// Refuses a text holding a character [`allowed_char`] does not allow, naming it.
pub fn no_controls(field: &'static str, value: &str, lines: Lines) -> Result<()> {
    match value.chars().find(|c| !allowed_char(*c, lines)) {
        None => Ok(()),
        Some('\n' | '\r') => Err(Invalid::new(field, "validation-single-line")),
        Some(c) => Err(Invalid::new(
            field,
            Message::new("validation-control-character")
                .text("code", format!("U+{:04X}", u32::from(c))),
        )),
    }
}

/// Removes the characters [`allowed_char`] does not allow, for text from another system (an
/// import), where refusing is not an option; in one-line texts a tab or line break becomes a
/// space. Returns whether anything changed.
pub fn strip_controls(value: &mut String, lines: Lines) -> bool {
    if value.chars().all(|c| allowed_char(c, lines)) {
        return false;
    }
    *value = value
        .chars()
        .filter_map(|c| match c {
            c if allowed_char(c, lines) => Some(c),
            '\t' | '\n' | '\r' => Some(' '),
            _ => None,
        })
        .collect();
    true
}

/// An http(s) address, as readers and authors give for their website.
pub fn web_address(field: &'static str, value: &str) -> Result<String> {
    let value = value.trim();
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    let host = rest.and_then(|r| r.split(['/', '?', '#']).next()).unwrap_or("");
    let plausible = !host.is_empty()
        && host.contains('.')
        && value.len() <= 300
        && !value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
    if !plausible {
        return Err(Invalid::new(field, "validation-web-address"));
    }
    Ok(value.to_owned())
}

/// A BCP 47 language tag in its usual short form (`en`, `ur`, `pt-BR`).
fn language_tag(value: &str) -> Result<String> {
    let value = value.trim();
    let ok = (2..=12).contains(&value.len())
        && value.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !ok {
        return Err(Invalid::new("language", "validation-language"));
    }
    Ok(value.to_owned())
}

/// Scripts written right to left; pages set `dir="rtl"` for content in these languages.
pub fn is_right_to_left(language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or("");
    matches!(primary, "ar" | "ur" | "fa" | "he" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).expect("slug")
    }

    fn input() -> ArticleInput {
        ArticleInput {
            slug: slug("a"),
            headline: "  Headline  ".into(),
            standfirst: "Summary.".into(),
            body_markdown: "Some **bold** words here.".into(),
            language: "en".into(),
            section: slug("news"),
            tags: vec![],
            authors: vec![slug("maya")],
            featured_image: None,
            partner_only: false,
            translation_of: None,
        }
    }

    #[test]
    fn checking_an_article_trims_renders_and_counts() {
        let checked = input().check().expect("valid");
        assert_eq!(checked.input.headline, "Headline");
        assert_eq!(checked.word_count, 4);
        assert!(checked.body_html.contains("<strong>bold</strong>"));
    }

    #[test]
    fn html_bodies_are_sanitised_and_counted_like_markdown() {
        let mut html = input();
        html.body_markdown = String::new();
        let checked = html
            .check_html("<p>Some <strong>bold</strong> words</p><p>here.<script>x()</script></p>")
            .expect("valid");
        assert_eq!(checked.word_count, 4, "{:?}", checked.body_text);
        assert!(checked.body_html.contains("<strong>bold</strong>"));
        assert!(!checked.body_html.contains("script"));
        assert_eq!(checked.input.body_markdown, "");
        let both = input().check_html("<p>x</p>").expect_err("both formats");
        assert_eq!(both.field, "body");
    }

    #[test]
    fn article_rules_name_the_field() {
        type Breakage = fn(&mut ArticleInput);
        let cases: [(Breakage, &str); 4] = [
            (|a| a.headline = " ".into(), "headline"),
            (|a| a.authors.clear(), "authors"),
            (|a| a.language = "en gb".into(), "language"),
            (|a| a.headline = "x".repeat(301), "headline"),
        ];
        for (break_it, field) in cases {
            let mut a = input();
            break_it(&mut a);
            assert_eq!(a.check().expect_err("invalid").field, field);
        }
    }

    #[test]
    fn control_characters_are_refused_in_one_line_and_kept_out_of_many() {
        type Breakage = fn(&mut ArticleInput);
        let cases: [(Breakage, &str); 5] = [
            (|a| a.headline = "Council\u{1} votes".into(), "headline"),
            (|a| a.headline = "Council\nvotes".into(), "headline"),
            (|a| a.standfirst = "A vote\u{1b}[31m".into(), "standfirst"),
            (|a| a.body_markdown = "Body\u{0}".into(), "body"),
            (
                |a| {
                    a.featured_image =
                        Some(FeaturedImage { alt: "\u{7}".into(), ..Default::default() })
                },
                "image_alt",
            ),
        ];
        for (break_it, field) in cases {
            let mut a = input();
            break_it(&mut a);
            let invalid = a.check().expect_err("invalid");
            assert_eq!(invalid.field, field);
            let message = invalid.message.to_string();
            assert!(
                message.contains("control character") || message.contains("line break"),
                "{}",
                invalid.message
            );
        }
        let mut lines = input();
        lines.standfirst = "Two\r\nlines\tand a tab".into();
        lines.body_markdown = "One\n\nTwo".into();
        assert!(lines.check().is_ok(), "tabs and line breaks are fine in texts of several lines");
        let mut text = String::from("A\u{1}B\nC");
        assert!(strip_controls(&mut text, Lines::One));
        assert_eq!(text, "AB C");
        let mut text = String::from("A\u{1}B\nC");
        assert!(strip_controls(&mut text, Lines::Many));
        assert_eq!(text, "AB\nC");
        assert!(!strip_controls(&mut text, Lines::Many), "nothing left to strip");
    }

    #[test]
    fn update_notes_are_trimmed_checked_and_added_in_order() {
        let notes = UpdateNotes {
            correction: "  The vote was 33 to 25.  ".into(),
            update: String::new(),
            show_updated: false,
        }
        .check()
        .expect("valid");
        assert_eq!(notes.added(), [(NoteKind::Correction, "The vote was 33 to 25.")]);
        assert!(!notes.is_empty());
        assert!(UpdateNotes::default().check().expect("empty").is_empty());
        let shown = UpdateNotes { show_updated: true, ..Default::default() };
        assert!(!shown.is_empty() && shown.added().is_empty(), "a shown update adds no note");
        let long = UpdateNotes { update: "x".repeat(MAX_NOTE_CHARS + 1), ..Default::default() };
        assert_eq!(long.check().expect_err("too long").field, "update_note");
        let control = UpdateNotes { correction: "A\u{7}".into(), ..Default::default() };
        assert_eq!(control.check().expect_err("a bell").field, "correction");
        for kind in [NoteKind::Correction, NoteKind::Update] {
            assert_eq!(NoteKind::parse(kind.as_str()), Ok(kind));
        }
    }

    #[test]
    fn web_addresses() {
        assert!(web_address("w", "https://maya.example.com/about").is_ok());
        for bad in
            ["maya.example.com", "javascript:alert(1)", "https://", "http://x", "https://a.b/\"x"]
        {
            assert!(web_address("w", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn right_to_left_languages() {
        assert!(is_right_to_left("ur") && is_right_to_left("ar-EG"));
        assert!(!is_right_to_left("en") && !is_right_to_left("uk"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text with control characters of every kind (C0, DEL, C1), line breaks and tabs mixed
    /// into letters of several scripts, and any text at all.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[\u{0}-\u{1f}\u{7f}-\u{9f} a-zA-Z\u{0627}-\u{064A}\u{a0}\u{2028}]{0,30}",
            any::<String>(),
        ]
    }

    fn has_refused(text: &str, lines: Lines) -> bool {
        text.chars().any(|c| !allowed_char(c, lines))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A one-line field takes no control character at all, a text of several lines only
        /// tabs and line breaks; what is accepted is trimmed and holds none of the others.
        #[test]
        fn text_fields_refuse_control_characters(text in text()) {
            match optional("name", &text, 1000) {
                Ok(value) => {
                    prop_assert!(!has_refused(&value, Lines::One), "{value:?}");
                    prop_assert_eq!(value.trim(), value.as_str());
                }
                Err(refused) => {
                    prop_assert_eq!(refused.field, "name");
                    prop_assert!(has_refused(text.trim(), Lines::One));
                }
            }
            match optional_text("bio", &text, 1000) {
                Ok(value) => prop_assert!(!has_refused(&value, Lines::Many), "{value:?}"),
                Err(_) => prop_assert!(has_refused(text.trim(), Lines::Many)),
            }
            if let Ok(address) = web_address("website", &text) {
                prop_assert!(!address.chars().any(|c| c.is_control() || c.is_whitespace()));
            }
        }

        /// Stripping (for imported text) leaves only allowed characters, says whether it
        /// changed anything, and a second pass changes nothing.
        #[test]
        fn stripping_control_characters_is_complete_and_idempotent(text in text()) {
            for lines in [Lines::One, Lines::Many] {
                let mut stripped = text.clone();
                let changed = strip_controls(&mut stripped, lines);
                prop_assert_eq!(changed, has_refused(&text, lines));
                prop_assert_eq!(changed, stripped != text);
                prop_assert!(no_controls("text", &stripped, lines).is_ok(), "{stripped:?}");
                prop_assert!(!strip_controls(&mut stripped.clone(), lines));
            }
        }
    }
}

//! Messages for people, as an id and arguments rather than finished text: the web layer
//! renders them through the theme's Fluent files in the reader's or the person's language
//! (`lede_web::i18n`). Lede's domain and store name what went wrong; they never choose the
//! words or the language.
//!
//! `Display` still writes English, for logs and the command line, from [`ENGLISH`]: the
//! English text of every message this crate and `lede-store` produce. It repeats what
//! `themes/default/locales/en/main.ftl` says, and a test in `lede-web` fails when the two
//! differ or when a shipped language lacks one of these ids.

use std::fmt;

/// A message id with its arguments, such as `validation-too-long` with `max = 300`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text put in as it is (a name, a slug, a number written out).
    Text(String),
    /// A number that plural rules choose by (`{ $count -> [one] … *[other] … }`).
    Number(i64),
    /// Another message, rendered in the same language (a role's name, a labelled problem).
    Message(Box<Message>),
}

impl Message {
    /// The message `id`: a Fluent id (`validation-required`), never a sentence. Debug builds
    /// (and so the tests) stop at an English sentence passed where an id belongs, which would
    /// otherwise show untranslated.
    pub fn new(id: &'static str) -> Self {
        debug_assert!(
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "not a message id: {id:?}"
        );
        Self { id, args: Vec::new() }
    }

    /// Adds a text argument.
    pub fn text(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a number argument, for plural rules.
    pub fn number(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// Adds another message as an argument.
    pub fn message(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Message(Box::new(value))));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, arg)| arg)
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Self {
        Self::new(id)
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Number(n) => write!(f, "{n}"),
            Self::Message(message) => write!(f, "{message}"),
        }
    }
}

/// English, with `{ $name }` replaced by the arguments; a message outside [`ENGLISH`] (one of
/// the web layer's own) shows its id and arguments.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(pattern) = english(self.id, self.arg("count")) else {
            f.write_str(self.id)?;
            for (i, (name, arg)) in self.args.iter().enumerate() {
                write!(f, "{}{name}: {arg}", if i == 0 { " (" } else { ", " })?;
            }
            return if self.args.is_empty() { Ok(()) } else { f.write_str(")") };
        };
        let mut rest = pattern;
        while let Some(start) = rest.find("{ $") {
            f.write_str(&rest[..start])?;
            let after = &rest[start + 3..];
            let Some(end) = after.find(" }") else {
                rest = &rest[start..];
                break;
            };
            match self.arg(&after[..end]) {
                Some(arg) => write!(f, "{arg}")?,
                None => write!(f, "{{${}}}", &after[..end])?,
            }
            rest = &after[end + 2..];
        }
        f.write_str(rest)
    }
}

/// The English pattern of `id`: the `one` form where the message has one and `count` is 1.
fn english(id: &str, count: Option<&Arg>) -> Option<&'static str> {
    if matches!(count, Some(Arg::Number(1)))
        && let Some((_, one)) = ENGLISH_ONE.iter().find(|(i, _)| *i == id)
    {
        return Some(one);
    }
    ENGLISH.iter().find(|(i, _)| *i == id).map(|(_, text)| *text)
}

/// The `[one]` variant of the messages in [`ENGLISH`] that choose by `$count`; there the
/// `*[other]` variant stands.
pub const ENGLISH_ONE: &[(&str, &str)] = &[
    (
        "store-section-has-articles",
        "“{ $name }” holds { $count } article, so it cannot be deleted. Move it to another section first.",
    ),
    (
        "validation-image-alt-inline",
        "An image in the body has no alt text: { $src }. Describe it between its brackets, \
         ![what it shows](…), or write ![\"\"](…) if it is decorative.",
    ),
];

/// Every message `lede-core` and `lede-store` produce, in English as `en/main.ftl` has it.
pub const ENGLISH: &[(&str, &str)] = &[
    // Checks on what people type (content.rs, comment.rs, slug.rs, account.rs, api_key.rs,
    // language.rs).
    ("validation-required", "This field is required."),
    ("validation-too-long", "At most { $max } characters, please."),
    ("validation-web-address", "Give a web address starting with https:// or http://."),
    // The front page, search and social (presentation.rs).
    ("validation-related-count", "Give a number from 1 to { $max }."),
    ("validation-breaking-expired", "Give an end time in the future."),
    ("validation-breaking-too-long", "A banner stays up for at most a week."),
    ("validation-language", "Give a language code such as en or ur."),
    (
        "validation-language-tag",
        "“{ $text }” is not a language tag: give one such as en, ur or pt-BR.",
    ),
    (
        "validation-language-not-site",
        "“{ $language }” is not one of this site's languages ({ $languages }); choose one of \
         them, or add it in the site's settings first.",
    ),
    ("validation-authors-needed", "An article needs at least one author."),
    ("validation-translation-self", "An article cannot translate itself."),
    ("validation-body-too-long", "The body is longer than 500,000 characters."),
    ("validation-body-both", "An article body is either Markdown or HTML, not both."),
    ("validation-body-html-too-long", "The body is longer than 1,000,000 characters of HTML."),
    ("validation-page-slug-reserved", "/{ $slug } is reserved by the site"),
    ("validation-article-status-unknown", "unknown article status \"{ $status }\""),
    ("validation-comment-status-unknown", "unknown comment status \"{ $status }\""),
    ("validation-email", "Give a valid email address, like name@example.com."),
    (
        "validation-comment-links",
        "A comment may carry at most { $max } links; this one has { $links }.",
    ),
    ("validation-single-line", "This field takes a single line: remove the line break."),
    (
        "validation-control-character",
        "Remove the invisible control character { $code } from this field.",
    ),
    ("validation-slug-empty", "A slug cannot be empty."),
    ("validation-slug-too-long", "A slug has at most { $max } characters."),
    ("validation-slug-chars", "A slug uses lowercase letters, digits and single hyphens only."),
    (
        "validation-role-unknown",
        "unknown role \"{ $role }\": use contributor, author, editor or admin",
    ),
    ("validation-password-short", "A password needs at least { $min } characters."),
    ("validation-password-long", "A password has at most 1,024 bytes."),
    ("validation-password-hash", "cannot hash the password: { $detail }"),
    ("validation-partner-control", "A name cannot hold control characters."),
    // Uploaded images (media.rs).
    (
        "media-error-not-image",
        "This file is not a JPEG, PNG, WebP or GIF image (whatever its name says).",
    ),
    ("media-error-encode", "Could not encode the image: { $detail }"),
    ("media-error-too-large", "Images may be at most { $mb } MB."),
    ("media-error-unreadable", "This image cannot be read: { $detail }"),
    (
        "media-error-too-many-pixels",
        "This image is { $width }×{ $height } pixels; the most accepted is 40 megapixels.",
    ),
    (
        "media-error-memory",
        "This image is { $width }×{ $height } pixels and would need { $needed } MB of memory to read; this site reads images of at most { $limit } MB. Make it smaller and try again.",
    ),
    (
        "media-error-memory-limit",
        "This image would need more than { $limit } MB of memory to read; this site reads images of at most that. Make it smaller and try again.",
    ),
    ("validation-note-kind-unknown", "unknown kind of note \"{ $kind }\""),
    // Alt text (alt_text.rs).
    (
        "validation-image-alt-featured",
        "Describe the featured image in its alt text for readers who cannot see it, or tick \
         “Decorative image” if it adds nothing to the story.",
    ),
    (
        "validation-image-alt-inline",
        "{ $count } images in the body have no alt text, the first { $src }. Describe each \
         between its brackets, ![what it shows](…), or write ![\"\"](…) for a decorative one.",
    ),
    // Names in other languages (names.rs).
    (
        "names-error-default-language",
        "“{ $language }” is the site's default language: its names are the main ones.",
    ),
    ("names-error-twice", "The names in “{ $language }” were given twice."),
    ("names-error-tag-text", "A tag has a name only."),
    // Publishing rules (workflow.rs); a role's name is one of the admin-role-* messages.
    (
        "workflow-byline-own",
        "Your own byline stays on the articles you write; only editors credit others.",
    ),
    (
        "workflow-byline-others",
        "Only editors and admins change who else is credited on an article.",
    ),
    (
        "store-media-not-yours",
        "Only the person who uploaded this image, or an editor, may delete it.",
    ),
    (
        "store-media-describe-not-yours",
        "Only the person who uploaded this image, or an editor, may change its description.",
    ),
    ("workflow-unknown-action", "unknown action \"{ $action }\""),
    ("workflow-not-author", "Only the article's authors and editors may change it."),
    (
        "workflow-role-cannot-publish",
        "A { $role } cannot publish, schedule or unpublish; submit the article for review \
         instead.",
    ),
    ("workflow-locked", "This article is scheduled or published; ask an editor to change it."),
    ("workflow-submit-drafts-only", "Only drafts can be submitted for review."),
    ("workflow-already-published", "This article is already published."),
    ("workflow-unpublish-only-live", "Only published or scheduled articles can be unpublished."),
    (
        "workflow-live-save",
        "This article is live: “Update” puts your changes on the site now, “Save for later” \
         keeps them without touching the live page.",
    ),
    ("workflow-notes-live-only", "Corrections and update notes are for published articles."),
    ("workflow-update-live-only", "Only a published article can be updated; publish it instead."),
    (
        "workflow-later-live-only",
        "Only changes to a published article are saved for later; save this one as a draft.",
    ),
    ("admin-role-contributor", "contributor"),
    ("admin-role-author", "author"),
    ("admin-role-editor", "editor"),
    ("admin-role-admin", "admin"),
    // Imports (transfer.rs here, sql/transfer.rs in the store).
    ("import-parent-later", "its parent { $parent } comes later or not at all"),
    ("import-page-body-html", "An imported page's body is HTML, not Markdown."),
    ("import-reply-later", "it answers comment { $parent }, which comes later or not at all"),
    ("import-needs-date", "A published or scheduled article needs a date."),
    ("import-duplicate", "{ $kind } { $id } appears twice in the import"),
    ("import-labelled", "{ $label }: { $message }"),
    ("import-translation-missing", "it translates post { $original }, which is not in the import"),
    ("import-no-such", "{ $label }: there is no { $field } \"{ $slug }\""),
    // The store's refusals.
    ("store-admin-only-accounts", "Only an admin manages accounts."),
    ("store-own-role", "Nobody can change their own role; ask another admin."),
    ("store-sign-in-wrong", "the email or the password is wrong"),
    ("store-sign-in-locked", "too many failed attempts: the account is locked until { $until }"),
    ("store-email-taken", "an account with the email { $email } exists already"),
    ("store-image-in-use", "This image is used by “{ $headline }”; change that article first."),
    (
        "store-image-is-site-image",
        "This image is the site's logo or default share image; choose another in the settings first.",
    ),
    ("store-not-in-library", "Choose an image of the media library."),
    ("store-breaking-editors-only", "Only editors and admins set the breaking-news banner."),
    (
        "store-curation-editors-only",
        "Only editors and admins choose the top story and the featured articles.",
    ),
    (
        "store-future-publish",
        "Publishing in the future is scheduling, which needs the newsroom admin.",
    ),
    ("store-schedule-future", "Give a date and time in the future to schedule for."),
    ("store-admin-only-sections", "Only an admin changes sections and the site's settings."),
    (
        "store-section-inside-itself",
        "A section cannot sit inside itself or inside one of its own subsections.",
    ),
    (
        "store-section-address-taken",
        "The section “{ $name }” already uses the address /section/{ $slug }; choose another.",
    ),
    (
        "store-section-has-articles",
        "“{ $name }” holds { $count } articles, so it cannot be deleted. Move them to another \
         section first.",
    ),
    (
        "store-section-has-subsections",
        "“{ $name }” has subsections, so it cannot be deleted. Move or delete them first.",
    ),
    ("store-section-not-empty", "This section still holds articles or subsections."),
    ("store-no-section", "There is no section \"{ $slug }\"."),
    ("store-no-such", "There is no { $field } \"{ $slug }\"."),
    (
        "store-restore-not-empty",
        "This site already has content (its { $table } table is not empty): a Lede export is \
         restored only into an empty site.",
    ),
    (
        "store-restore-unknown",
        "Article “{ $article }” names { $field } “{ $slug }”, which the file does not have.",
    ),
    ("store-slug-taken", "Another article already uses the slug “{ $slug }”; choose another."),
    (
        "store-edit-conflict",
        "Someone else saved this article after you opened it. Your text is kept below: compare \
         it with the latest version before saving again.",
    ),
    ("store-reply-other-article", "The comment you reply to is not on this article."),
    ("store-no-original", "There is no article “{ $slug }” to translate."),
    (
        "store-translation-same-language",
        "“{ $slug }” is in the same language ({ $language }); a translation is in another.",
    ),
    (
        "store-language-in-use",
        "Articles are written in “{ $language }”, so it stays among the site's languages.",
    ),
    ("store-duplicate", "This would duplicate something already saved: { $detail }"),
    // Static pages and menus (content.rs, menu.rs, newsroom/pages.rs).
    ("validation-page-status", "Choose Draft or Published."),
    ("validation-menu-unknown", "There is no menu by that name."),
    ("validation-menu-kind", "Choose a section, a page or a link."),
    (
        "validation-menu-address",
        "Give an address that starts with https://, or a path on this site that starts with /.",
    ),
    ("validation-menu-too-long", "A menu holds at most { $max } links."),
    ("store-pages-editors-only", "Only editors and admins write and publish pages."),
    (
        "store-page-address-taken",
        "Another page already uses the address /{ $slug }; choose another.",
    ),
    ("store-no-page", "There is no page \"{ $slug }\"."), // Newsletters (newsletter.rs, newsroom/newsletters.rs).
    ("newsletter-no-list", "Choose at least one list."),
    ("newsletter-link-invalid", "This link is not one we sent, or it was changed."),
    (
        "newsletter-link-expired",
        "This confirmation link has expired. Subscribe again to get a new one.",
    ),
    (
        "newsletter-publish-only",
        "An article is emailed when it is published: choose Publish or Update.",
    ),
    ("newsletter-csv-header", "The file needs a header row with an email column."),
    ("newsletter-csv-row", "Line { $line } is not a subscriber: check its address."),
    ("newsletter-csv-too-long", "A file holds at most { $max } subscribers."),
    ("store-newsletters-editors-only", "Only editors and admins manage newsletters."),
    ("validation-newsletter-time", "Give a time of day as HH:MM, such as 07:00."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_writes_english_with_the_arguments() {
        let too_long = Message::new("validation-too-long").text("max", 300);
        assert_eq!(too_long.to_string(), "At most 300 characters, please.");
        let role = Message::new("workflow-role-cannot-publish")
            .message("role", Message::new("admin-role-contributor"));
        assert!(role.to_string().starts_with("A contributor cannot publish"), "{role}");
        let one =
            Message::new("store-section-has-articles").text("name", "News").number("count", 1);
        assert!(one.to_string().contains("holds 1 article, so"), "{one}");
        let two =
            Message::new("store-section-has-articles").text("name", "News").number("count", 2);
        assert!(two.to_string().contains("holds 2 articles, so"), "{two}");
        let labelled = Message::new("import-labelled")
            .text("label", "post 12")
            .message("message", Message::new("import-needs-date"));
        assert_eq!(labelled.to_string(), "post 12: A published or scheduled article needs a date.");
    }

    #[test]
    fn a_message_without_english_here_shows_its_id_and_arguments() {
        assert_eq!(Message::new("error-foreign-form").to_string(), "error-foreign-form");
        let detail = Message::new("error-bad-form").text("detail", "x");
        assert_eq!(detail.to_string(), "error-bad-form (detail: x)");
    }

    #[test]
    fn ids_are_unique() {
        for (i, (id, _)) in ENGLISH.iter().enumerate() {
            assert!(!ENGLISH[i + 1..].iter().any(|(other, _)| other == id), "{id} twice");
        }
        for (id, _) in ENGLISH_ONE {
            assert!(ENGLISH.iter().any(|(other, _)| other == id), "{id} has no other form");
        }
    }
}

//! Reader comments: what a reader may send, the checks it must pass, and the states it moves
//! through. The sender's email address is never stored, only a keyed hash of it, so a leaked
//! database does not leak readers' addresses but a moderator can still see repeat senders.

use crate::content::{ArticleId, CommentId, required, required_text, web_address};
use crate::{Invalid, Message, Result};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::OffsetDateTime;

/// Most links a comment may carry before it is refused: link spam is the bulk of comment spam.
pub const MAX_LINKS: usize = 2;
pub const MAX_TEXT_CHARS: usize = 5000;
pub const MAX_NAME_CHARS: usize = 80;

/// Where a comment is in moderation. Only `Approved` comments are ever shown to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Pending,
    Approved,
    Spam,
    Trash,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Spam => "spam",
            Self::Trash => "trash",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "pending" => Ok(Self::Pending),
            "approved" => Ok(Self::Approved),
            "spam" => Ok(Self::Spam),
            "trash" => Ok(Self::Trash),
            other => Err(Invalid::new(
                "status",
                Message::new("validation-comment-status-unknown").text("status", other),
            )),
        }
    }
}

/// A syntactically plausible email address (the one thing that can be checked without
/// sending mail): one `@`, a local part, a dotted domain, no spaces, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let bad = || Invalid::new("email", "validation-email");
        let (local, domain) = text.split_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"@".contains(c));
        if !domain_ok || !local_ok || text.len() > 254 {
            return Err(bad());
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A keyed hash (HMAC-SHA256 with the site's secret) of the lowercased address, in hex.
    pub fn keyed_hash(&self, site_secret: &[u8]) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(site_secret).expect("HMAC takes any key length");
        mac.update(self.0.to_lowercase().as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What a reader sends with the "Add yours" form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentInput {
    pub name: String,
    pub email: String,
    pub website: String,
    pub text: String,
    pub parent: Option<CommentId>,
}

/// A comment that passed the rules, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedComment {
    pub name: String,
    pub email: Email,
    pub website: Option<String>,
    pub text: String,
    pub parent: Option<CommentId>,
}

impl CommentInput {
    /// Applies every rule, reporting all broken ones at once so the reader fixes them in one go.
    pub fn check(&self) -> std::result::Result<CheckedComment, Vec<Invalid>> {
        let mut problems = Vec::new();
        let name = required("name", &self.name, MAX_NAME_CHARS).map_err(|e| problems.push(e));
        let email = Email::parse(&self.email).map_err(|e| problems.push(e));
        let website = match self.website.trim() {
            "" => Ok(None),
            url => web_address("website", url).map(Some).map_err(|e| problems.push(e)),
        };
        let text = required_text("text", &self.text, MAX_TEXT_CHARS).map_err(|e| problems.push(e));
        if let Ok(text) = &text {
            let links = count_links(text);
            if links > MAX_LINKS {
                problems.push(Invalid::new(
                    "text",
                    Message::new("validation-comment-links")
                        .text("max", MAX_LINKS)
                        .text("links", links),
                ));
            }
        }
        match (name, email, website, text) {
            (Ok(name), Ok(email), Ok(website), Ok(text)) if problems.is_empty() => {
                Ok(CheckedComment { name, email, website, text, parent: self.parent })
            }
            _ => Err(problems),
        }
    }
}

/// Counts what a reader or a spam bot would use as a link: web addresses and `www.` hosts.
fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower.split_whitespace().filter(|w| w.starts_with("www.")).count()
}

/// A comment as moderators and readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub article: ArticleId,
    pub parent: Option<CommentId>,
    pub name: String,
    pub website: Option<String>,
    pub text: String,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CommentInput {
        CommentInput {
            name: "Reader".into(),
            email: "reader@example.com".into(),
            website: String::new(),
            text: "Thanks for this.".into(),
            parent: None,
        }
    }

    #[test]
    fn accepts_a_plain_comment() {
        let checked = valid().check().expect("valid");
        assert_eq!(checked.name, "Reader");
        assert_eq!(checked.website, None);
    }

    #[test]
    fn reports_every_broken_rule() {
        type Breakage = fn(&mut CommentInput);
        let cases: [(Breakage, &[&str]); 6] = [
            (|c| c.text = "  ".into(), &["text"]),
            (|c| c.email = "not-an-email".into(), &["email"]),
            (|c| c.email = "a@b".into(), &["email"]),
            (|c| c.text = "x".repeat(MAX_TEXT_CHARS + 1), &["text"]),
            (|c| c.text = "http://a.example https://b.example www.c.example".into(), &["text"]),
            (
                |c| {
                    c.name = String::new();
                    c.website = "javascript:alert(1)".into();
                },
                &["name", "website"],
            ),
        ];
        for (break_it, fields) in cases {
            let mut c = valid();
            break_it(&mut c);
            let problems = c.check().expect_err("invalid");
            let got: Vec<_> = problems.iter().map(|p| p.field).collect();
            assert_eq!(got, fields, "{c:?}");
        }
    }

    #[test]
    fn two_links_are_fine() {
        let mut c = valid();
        c.text = "See https://a.example and https://b.example".into();
        assert!(c.check().is_ok());
    }

    #[test]
    fn email_hash_is_keyed_and_case_blind() {
        let a = Email::parse("Reader@Example.com").expect("email");
        let b = Email::parse("reader@example.com").expect("email");
        assert_eq!(a.keyed_hash(b"k1"), b.keyed_hash(b"k1"));
        assert_ne!(a.keyed_hash(b"k1"), a.keyed_hash(b"k2"));
        assert_eq!(a.keyed_hash(b"k1").len(), 64);
        assert!(!a.keyed_hash(b"k1").contains("example"));
    }
}

/// Words that, in a comment on a local news story, almost always mean spam.
const SPAM_WORDS: &[&str] = &[
    "viagra",
    "cialis",
    "casino",
    "crypto",
    "bitcoin",
    "forex",
    "payday",
    "loan",
    "seo services",
    "buy now",
    "click here",
    "free money",
    "escort",
    "porn",
    "replica",
    "backlinks",
];

/// A rough 0–100 estimate that a comment is spam, to order the moderation queue (a moderator
/// still decides): links, promotional words, shouting and a link in the name all count.
pub fn spam_score(name: &str, website: Option<&str>, text: &str) -> u8 {
    let lower = text.to_lowercase();
    let mut score = 20 * count_links(text);
    score += 25 * SPAM_WORDS.iter().filter(|w| lower.contains(*w)).count();
    if website.is_some() {
        score += 10;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() >= 20 && upper * 2 > letters.len() {
        score += 20;
    }
    if text.trim().chars().count() < 15 {
        score += 10;
    }
    if count_links(name) > 0 || name.chars().filter(char::is_ascii_digit).count() > 3 {
        score += 20;
    }
    if text.contains("!!!") || text.contains("$$") {
        score += 10;
    }
    u8::try_from(score.min(100)).unwrap_or(100)
}

#[cfg(test)]
mod spam_tests {
    use super::spam_score;

    #[test]
    fn spam_scores_rank_spam_above_readers() {
        let reader = spam_score(
            "Margaret Holloway",
            None,
            "Good to see the library saved, but Saturday hours still matter to families.",
        );
        let spam = spam_score(
            "Cheap Pills 4u",
            Some("https://pills.example"),
            "BUY NOW!!! Best casino bonus http://a.example http://b.example",
        );
        assert!(reader < 20, "{reader}");
        assert!(spam >= 80, "{spam}");
        assert_eq!(spam_score("x", None, &"http://a.example ".repeat(10)), 100, "capped");
    }
}

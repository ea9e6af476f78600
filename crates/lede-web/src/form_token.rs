//! The comment form's token: the time the form was shown and the article it belongs to,
//! signed with the site's secret. It lets the server refuse posts that come faster than a
//! person types (bots post at once) or from forms never shown. Checking it stores nothing;
//! the comment handler then spends it (`Newsroom::spend_form_token`), so one shown form
//! sends one comment. A page renders the same token within one second, which keeps pages
//! rendered alike (the page cache relies on it).

use hmac::{Hmac, Mac};
use lede_core::content::ArticleId;
use sha2::Sha256;
use time::OffsetDateTime;

/// How long a shown form stays valid: a reader may read a long article before commenting.
const MAX_AGE_SECONDS: i64 = 24 * 60 * 60;

#[derive(Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// Missing, altered, or for another article.
    Invalid,
    TooFast,
    Expired,
}

fn signature(secret: &[u8], article: ArticleId, shown_at: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(format!("comment-form|{}|{shown_at}", article.0).as_bytes());
    mac.finalize().into_bytes().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// A token for a form shown now.
pub fn issue(secret: &[u8], article: ArticleId, now: OffsetDateTime) -> String {
    let shown_at = now.unix_timestamp();
    format!("{shown_at}.{}", signature(secret, article, shown_at))
}

/// Checks a token sent back with a comment; returns when it expires, which is how long its
/// use must be remembered.
pub fn verify(
    secret: &[u8],
    article: ArticleId,
    token: &str,
    now: OffsetDateTime,
    min_seconds: i64,
) -> Result<OffsetDateTime, TokenProblem> {
    let (shown_at, sig) = token.split_once('.').ok_or(TokenProblem::Invalid)?;
    let shown_at: i64 = shown_at.parse().map_err(|_| TokenProblem::Invalid)?;
    let expected = signature(secret, article, shown_at);
    // Both are hex of the same length; compare without an early exit.
    let same = expected.len() == sig.len()
        && expected.bytes().zip(sig.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same {
        return Err(TokenProblem::Invalid);
    }
    let age = now.unix_timestamp() - shown_at;
    if age < min_seconds {
        return Err(TokenProblem::TooFast);
    }
    if age > MAX_AGE_SECONDS {
        return Err(TokenProblem::Expired);
    }
    OffsetDateTime::from_unix_timestamp(shown_at + MAX_AGE_SECONDS)
        .map_err(|_| TokenProblem::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SHOWN: OffsetDateTime = datetime!(2026-11-28 12:00 UTC);

    #[test]
    fn accepts_a_form_sent_after_the_minimum_delay() {
        let token = issue(b"secret", ArticleId(7), SHOWN);
        let later = SHOWN + time::Duration::seconds(5);
        assert_eq!(
            verify(b"secret", ArticleId(7), &token, later, 3),
            Ok(SHOWN + time::Duration::days(1))
        );
    }

    #[test]
    fn refuses_fast_forged_foreign_and_stale_forms() {
        let token = issue(b"secret", ArticleId(7), SHOWN);
        let soon = SHOWN + time::Duration::seconds(1);
        let later = SHOWN + time::Duration::seconds(5);
        let cases = [
            (verify(b"secret", ArticleId(7), &token, soon, 3), TokenProblem::TooFast),
            (verify(b"other", ArticleId(7), &token, later, 3), TokenProblem::Invalid),
            (verify(b"secret", ArticleId(8), &token, later, 3), TokenProblem::Invalid),
            (verify(b"secret", ArticleId(7), "", later, 3), TokenProblem::Invalid),
            (
                verify(b"secret", ArticleId(7), &token.replace('.', "0."), later, 3),
                TokenProblem::Invalid,
            ),
            (
                verify(b"secret", ArticleId(7), &token, SHOWN + time::Duration::days(2), 3),
                TokenProblem::Expired,
            ),
        ];
        for (result, expected) in cases {
            assert_eq!(result, Err(expected));
        }
    }
}

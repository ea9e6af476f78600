//! Entry points for the fuzz targets under `fuzz/` (run by `scripts/fuzz.sh`); not an API.
//! Each reads a form body exactly as its route does (axum's `Form` for a reader's comment,
//! the admin's `AdminForm` for the editor) and applies the rules its handler applies before
//! the database is involved, so the fuzzer reaches the real structs and code without a server.

use crate::dates::SiteZone;
use crate::site::comments::CommentFields;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use lede_core::comment::CheckedComment;
use lede_core::content::ArticleInput;
use lede_core::{Invalid, Slug};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use time::OffsetDateTime;

/// What the comment route makes of a form body before the database is involved.
#[derive(Debug)]
pub enum Comment {
    /// Not a form body the route reads: a 4xx before the handler runs.
    Unreadable,
    /// A `parent` that is not a comment id: a 400.
    BadParent,
    /// The comment rules' verdict, and the spam score of a comment they accept.
    Checked(Result<(CheckedComment, u8), Vec<Invalid>>),
}

/// Reads `body` as the comment form and applies the comment rules.
pub fn comment_form(body: &[u8]) -> Comment {
    let Ok(axum::Form(fields)) =
        at_once(axum::Form::<CommentFields>::from_request(form_request(body), &()))
    else {
        return Comment::Unreadable;
    };
    let Ok(input) = fields.input() else {
        return Comment::BadParent;
    };
    Comment::Checked(input.check().map(|checked| {
        let score = lede_core::comment::spam_score(
            &checked.name,
            checked.website.as_deref(),
            &checked.text,
        );
        (checked, score)
    }))
}

/// What the editor's save makes of a form body before the newsroom applies its rules.
#[derive(Debug)]
pub struct Editor {
    /// The preview button was pressed (nothing is saved).
    pub previewed: bool,
    /// The article input and the tags it names by (slug, name).
    pub input: Result<(ArticleInput, Vec<(Slug, String)>), lede_store::Error>,
    /// "Publish at", read on the site's clock.
    pub schedule: Result<Option<OffsetDateTime>, Invalid>,
}

/// Reads `body` as the editor's form, with "Publish at" on `zone`'s clock; `None` for a body
/// the route refuses (400).
pub fn editor_form(body: &[u8], zone: &SiteZone) -> Option<Editor> {
    crate::admin::read_editor_form_for_fuzzing(body, zone)
}

/// A POST carrying `body` as a URL-encoded form, as a browser sends it.
pub(crate) fn form_request(body: &[u8]) -> Request {
    Request::post("/")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_vec()))
        .expect("a POST with a fixed header is a valid request")
}

/// Runs an extractor to its end: a body already in memory never makes it wait.
pub(crate) fn at_once<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("an extractor waited on a body already in memory"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_bodies_are_read_as_the_route_reads_them() {
        let body =
            b"name=Margaret+Holloway&email=reader%40example.com&text=Good+to+see.%0D%0AThanks.";
        match comment_form(body) {
            Comment::Checked(Ok((checked, score))) => {
                assert_eq!(checked.name, "Margaret Holloway");
                assert_eq!(checked.text, "Good to see.\r\nThanks.");
                assert!(score <= 100);
            }
            other => panic!("{other:?}"),
        }
        let refused = comment_form(b"name=Ann%07&email=a%40b.pk&text=Hi");
        assert!(
            matches!(&refused, Comment::Checked(Err(problems)) if problems[0].field == "name"),
            "{refused:?}"
        );
        assert!(matches!(comment_form(b"name=A&parent=seven"), Comment::BadParent));
        assert!(matches!(comment_form(b"name=A&name=B"), Comment::Unreadable));
    }

    #[test]
    fn editor_bodies_are_read_as_the_route_reads_them() {
        let zone = SiteZone::named("Asia/Karachi").expect("zone");
        let body =
            b"csrf=x&action=save&headline=Tram+line&section=news&tags=Trams%2C+%D8%B4%DB%81%D8%B1\
                     &authors=ada&authors=grace&publish_at=2026-12-01T09%3A30";
        let editor = editor_form(body, &zone).expect("a form the editor sends");
        assert!(!editor.previewed);
        let (input, tags) = editor.input.expect("an article input");
        assert_eq!(input.slug.as_str(), "tram-line");
        assert_eq!(input.authors.len(), 2);
        let tags: Vec<_> = tags.iter().map(|(slug, _)| slug.as_str()).collect();
        assert_eq!(tags, ["trams", "شہر"]);
        assert_eq!(
            editor.schedule.expect("a time"),
            Some(time::macros::datetime!(2026-12-01 04:30 UTC))
        );
        assert!(editor_form(b"action=dance", &zone).is_none(), "an action no button sends");
    }
}

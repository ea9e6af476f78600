//! Opaque cursors: a list's keyset position (`published_at` and id for articles, the id for
//! authors and tags) encoded as base64url, so clients pass them back without reading or
//! building them, and the encoding can change without breaking anyone. Each kind carries its
//! own tag, so a tag list's cursor is refused by the article list.

use crate::error::{AppError, AppResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lede_core::content::ArticleId;
use lede_store::ArticleCursor;
use time::OffsetDateTime;

/// What a cursor points into; the tag leads the encoded text (and versions it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Articles,
    Authors,
    Tags,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Self::Articles => "a1",
            Self::Authors => "u1",
            Self::Tags => "t1",
        }
    }
}

fn encode(kind: Kind, parts: &[i64]) -> String {
    let mut text = kind.tag().to_owned();
    for part in parts {
        text.push('.');
        text.push_str(&part.to_string());
    }
    URL_SAFE_NO_PAD.encode(text)
}

/// The numbers in a cursor of `kind`, or a 400 naming the `cursor` parameter.
fn decode<const N: usize>(kind: Kind, cursor: &str) -> AppResult<[i64; N]> {
    let bad = || AppError::BadParameter {
        name: "cursor",
        message: "This cursor is not one this list gave out. Pass `next_cursor` back unchanged."
            .into(),
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = text.split('.');
    if parts.next() != Some(kind.tag()) {
        return Err(bad());
    }
    let mut numbers = [0; N];
    for slot in &mut numbers {
        *slot = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    }
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(numbers)
}

pub fn encode_article(position: ArticleCursor) -> String {
    encode(Kind::Articles, &[position.published_at.unix_timestamp(), position.id.0])
}

pub fn decode_article(cursor: &str) -> AppResult<ArticleCursor> {
    let [at, id] = decode::<2>(Kind::Articles, cursor)?;
    let published_at =
        OffsetDateTime::from_unix_timestamp(at).map_err(|_| AppError::BadParameter {
            name: "cursor",
            message: "This cursor's time is out of range.".into(),
        })?;
    Ok(ArticleCursor { published_at, id: ArticleId(id) })
}

/// A cursor after the row `id` of an id-ordered list (authors, tags).
pub fn encode_id(kind: Kind, id: i64) -> String {
    encode(kind, &[id])
}

pub fn decode_id(kind: Kind, cursor: &str) -> AppResult<i64> {
    let [id] = decode::<1>(kind, cursor)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_are_url_safe() {
        let position = ArticleCursor {
            published_at: time::macros::datetime!(2026-11-24 12:00 UTC),
            id: ArticleId(42),
        };
        let text = encode_article(position);
        assert!(
            text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{text}"
        );
        assert_eq!(decode_article(&text).expect("decodes"), position);
        assert_eq!(decode_id(Kind::Tags, &encode_id(Kind::Tags, 7)).expect("decodes"), 7);
    }

    #[test]
    fn foreign_or_broken_cursors_are_refused() {
        let tag_cursor = encode_id(Kind::Tags, 7);
        for bad in [
            "",
            "!!!",
            "bm9wZQ",
            tag_cursor.as_str(),
            &URL_SAFE_NO_PAD.encode("a1.12"),
            &URL_SAFE_NO_PAD.encode("a1.12.3.4"),
            &URL_SAFE_NO_PAD.encode("a1.x.3"),
        ] {
            match decode_article(bad) {
                Err(AppError::BadParameter { name, .. }) => assert_eq!(name, "cursor"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every position a list can give out comes back from its cursor, as itself.
        #[test]
        fn cursors_round_trip(
            at in time::UtcDateTime::MIN.unix_timestamp()..=time::UtcDateTime::MAX.unix_timestamp(),
            id in any::<i64>(),
        ) {
            let position = ArticleCursor {
                published_at: OffsetDateTime::from_unix_timestamp(at).expect("in range"),
                id: ArticleId(id),
            };
            let cursor = encode_article(position);
            prop_assert!(cursor.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            prop_assert_eq!(decode_article(&cursor).ok(), Some(position));
            for kind in [Kind::Authors, Kind::Tags] {
                prop_assert_eq!(decode_id(kind, &encode_id(kind, id)).ok(), Some(id));
            }
        }

        /// Any text a client sends as a cursor is a position or a 400 naming `cursor`.
        #[test]
        fn any_cursor_is_a_position_or_a_bad_parameter(
            text in prop_oneof!["\\PC{0,40}", "(a1|u1|t1)(\\.[-+]?[0-9]{1,20}){0,3}".prop_map(|t| URL_SAFE_NO_PAD.encode(t))],
        ) {
            match decode_article(&text) {
                Ok(position) => prop_assert_eq!(decode_article(&encode_article(position)).ok(), Some(position)),
                Err(AppError::BadParameter { name, .. }) => prop_assert_eq!(name, "cursor"),
                Err(other) => prop_assert!(false, "{other:?}"),
            }
            if let Err(error) = decode_id(Kind::Tags, &text) {
                let refused_the_cursor = matches!(error, AppError::BadParameter { name: "cursor", .. });
                prop_assert!(refused_the_cursor, "{:?}", error);
            }
        }
    }
}

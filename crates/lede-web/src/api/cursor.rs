//! Opaque cursors: a list's keyset position (`published_at` and id for articles, the id for
//! authors and tags) as fixed-size bytes encoded in base64url, so clients pass them back
//! without reading or building them, and the encoding can change without breaking anyone.
//! Each kind leads with its own tag byte(s), so a tag list's cursor is refused by the article
//! list.
//!
//! The sizes are multiples of three bytes, so every base64url string of the right length
//! decodes to whole bytes: a cursor of the right shape (the `pattern` the OpenAPI document
//! gives, [`Kind::pattern`]) always names a position, and the list goes on after it. Anything
//! else is refused. So the document and the server agree on every string, and a property
//! tester cannot find a cursor the document allows and the server turns down.

use crate::error::{AppError, AppResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lede_core::content::ArticleId;
use lede_store::ArticleCursor;
use time::OffsetDateTime;

/// What a cursor points into; its tag leads the bytes (and versions them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Articles,
    Authors,
    Tags,
}

impl Kind {
    /// The leading bytes: with the numbers after them, a multiple of three bytes.
    fn tag(self) -> &'static [u8] {
        match self {
            Self::Articles => b"a2",
            Self::Authors => b"u",
            Self::Tags => b"t",
        }
    }

    /// How many numbers (big-endian `i64`s) follow the tag.
    fn numbers(self) -> usize {
        match self {
            Self::Articles => 2,
            Self::Authors | Self::Tags => 1,
        }
    }

    /// The regular expression (ECMA-262, as JSON Schema reads it) that every cursor of this
    /// kind matches, and only those: the tag's base64url characters, then any. The OpenAPI
    /// document states these (for tests only here: `openapi.rs` checks the two are equal).
    #[cfg(test)]
    pub fn pattern(self) -> &'static str {
        match self {
            // "a2" is 011000 010011 0010xx: Y, T, then one of I to L.
            Self::Articles => "^YT[I-L][A-Za-z0-9_-]{21}$",
            // "u" is 011101 01xxxx: d, then one of Q to f.
            Self::Authors => "^d[Q-Za-f][A-Za-z0-9_-]{10}$",
            // "t" is 011101 00xxxx: d, then one of A to P.
            Self::Tags => "^d[A-P][A-Za-z0-9_-]{10}$",
        }
    }
}

fn encode(kind: Kind, parts: &[i64]) -> String {
    let mut bytes = kind.tag().to_vec();
    for part in parts {
        bytes.extend_from_slice(&part.to_be_bytes());
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The numbers in a cursor of `kind`, or a 400 naming the `cursor` parameter.
fn decode<const N: usize>(kind: Kind, cursor: &str) -> AppResult<[i64; N]> {
    let bad = || AppError::BadParameter {
        name: "cursor",
        message: "This cursor is not one this list gave out. Pass `next_cursor` back unchanged."
            .into(),
    };
    debug_assert_eq!(kind.numbers(), N);
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let numbers = bytes.strip_prefix(kind.tag()).ok_or_else(bad)?;
    if numbers.len() != N * 8 {
        return Err(bad());
    }
    let mut out = [0; N];
    for (slot, chunk) in out.iter_mut().zip(numbers.chunks_exact(8)) {
        *slot = i64::from_be_bytes(chunk.try_into().map_err(|_| bad())?);
    }
    Ok(out)
}

pub fn encode_article(position: ArticleCursor) -> String {
    encode(Kind::Articles, &[position.published_at.unix_timestamp(), position.id.0])
}

/// An article list's position. Any time is a position: one beyond the years `time` counts is
/// read as the nearest it does, which no article precedes or follows.
pub fn decode_article(cursor: &str) -> AppResult<ArticleCursor> {
    let [at, id] = decode::<2>(Kind::Articles, cursor)?;
    let first = time::PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
    let last = time::PrimitiveDateTime::MAX.assume_utc().unix_timestamp();
    let published_at =
        OffsetDateTime::from_unix_timestamp(at.clamp(first, last)).map_err(|_| {
            AppError::BadParameter {
                name: "cursor",
                message: "This cursor's time is out of range.".into(),
            }
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

    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// Whether `text` matches `Kind::pattern`, by the JSON Schema engine the tests use.
    fn matches(kind: Kind, text: &str) -> bool {
        let schema = serde_json::json!({"type": "string", "pattern": kind.pattern()});
        jsonschema::is_valid(&schema, &serde_json::json!(text))
    }

    #[test]
    fn cursors_round_trip_and_match_their_pattern() {
        let position = ArticleCursor {
            published_at: time::macros::datetime!(2026-11-24 12:00 UTC),
            id: ArticleId(42),
        };
        let text = encode_article(position);
        assert!(matches(Kind::Articles, &text), "{text}");
        assert_eq!(decode_article(&text).expect("decodes"), position);
        for kind in [Kind::Authors, Kind::Tags] {
            for id in [0, 1, 7, i64::MAX, i64::MIN] {
                let text = encode_id(kind, id);
                assert!(matches(kind, &text), "{kind:?} {id}: {text}");
                assert_eq!(decode_id(kind, &text).expect("decodes"), id);
            }
        }
    }

    /// Every string the pattern allows is a position, and no other string of that length is
    /// (a cheap property test: a fixed pseudo-random walk over the alphabet, so a failure
    /// repeats).
    #[test]
    fn every_string_of_the_documented_shape_is_a_position() {
        let mut seed: u64 = 0x5eed;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            usize::try_from(seed >> 58).unwrap_or(0)
        };
        for kind in [Kind::Articles, Kind::Authors, Kind::Tags] {
            let sample = encode(kind, &vec![0; kind.numbers()]);
            // The fixed first characters ("YT", "d"), so the walk does not wait for them.
            let fixed = if kind == Kind::Articles { 2 } else { 1 };
            let mut tried = 0;
            while tried < 500 {
                let rest: String =
                    (fixed..sample.len()).map(|_| char::from(ALPHABET[next()])).collect();
                let text = format!("{}{rest}", &sample[..fixed]);
                let decoded = match kind {
                    Kind::Articles => decode_article(&text).map(|_| ()),
                    _ => decode_id(kind, &text).map(|_| ()),
                };
                if !matches(kind, &text) {
                    assert!(decoded.is_err(), "{kind:?}: {text} is accepted off the pattern");
                    continue;
                }
                tried += 1;
                assert!(decoded.is_ok(), "{kind:?}: {text} matches the pattern but is refused");
            }
        }
    }

    #[test]
    fn foreign_or_broken_cursors_are_refused() {
        let tag_cursor = encode_id(Kind::Tags, 7);
        let old_style = URL_SAFE_NO_PAD.encode("a1.1795000000.3");
        for bad in ["", "!!!", "bm9wZQ", tag_cursor.as_str(), &old_style, "YTIAAAAAAAAAAAAAAAAAAAA"]
        {
            assert!(!matches(Kind::Articles, bad), "{bad}");
            match decode_article(bad) {
                Err(AppError::BadParameter { name, .. }) => assert_eq!(name, "cursor"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        assert!(decode_id(Kind::Authors, &tag_cursor).is_err(), "a tag's cursor for authors");
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

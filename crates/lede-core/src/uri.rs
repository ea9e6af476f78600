//! Paths on the wire. Addresses may hold letters of any script (Urdu slugs); Lede keeps them
//! as text (in slugs and stored redirects) and percent-encodes them where they leave as URLs
//! (links in feeds and sitemaps, `Location` headers), decoding what comes in the same way, so
//! one address has one form whatever its client sent.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::borrow::Cow;

/// What a path may not carry as it is: controls, space, quotes and angle brackets, and (by
/// the encoder's own rule) every non-ASCII byte. `/`, `?`, `=` and `%` stay, so a stored
/// `/?p=12` or an already encoded path passes unchanged.
const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}');

/// `path` percent-encoded for a URL (RFC 3986), uppercase hex; ASCII paths come back as they are.
pub fn encode_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, PATH).into()
}

/// `path` with percent-escapes decoded (invalid UTF-8 replaced), as Lede stores addresses.
pub fn decode_path(path: &str) -> Cow<'_, str> {
    percent_decode_str(path).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urdu_paths_round_trip_and_ascii_ones_stay() {
        let path = "/articles/شہر-2";
        let encoded = encode_path(path);
        assert_eq!(encoded, "/articles/%D8%B4%DB%81%D8%B1-2");
        assert_eq!(decode_path(&encoded), path);
        assert_eq!(decode_path("/articles/%d8%b4%db%81%d8%b1-2"), path, "lowercase hex too");
        assert!(matches!(encode_path("/?p=12"), Cow::Borrowed("/?p=12")));
        assert_eq!(encode_path("/a b\"<x>"), "/a%20b%22%3Cx%3E");
    }
}

//! Slugs: any text parses to a valid slug or a typed refusal; a slug proposed from any title
//! is valid, proposing again from it gives it back, and it survives numbering and the
//! percent-encoding of addresses.
#![no_main]

use lede_core::{Slug, uri};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Slug::parse(text) {
        Ok(slug) => {
            assert_eq!(slug.as_str(), text);
            check_valid(&slug);
        }
        Err(refused) => {
            assert_eq!(refused.field, "slug");
            let id = refused.message.id();
            assert!(
                ["validation-slug-empty", "validation-slug-too-long", "validation-slug-chars"]
                    .contains(&id),
                "{id}"
            );
        }
    }
    match Slug::from_title(text) {
        Some(slug) => {
            check_valid(&slug);
            assert_eq!(
                Slug::from_title(slug.as_str()).as_ref(),
                Some(&slug),
                "a slug proposed again from itself changed; title {text:?}"
            );
        }
        None => assert!(
            !text.chars().any(|c| c.is_ascii_alphanumeric()),
            "no slug for a title with ASCII letters or digits: {text:?}"
        ),
    }
    check_valid(&Slug::from_title_or(text, "post-1"));
});

fn check_valid(slug: &Slug) {
    let text = slug.as_str();
    assert_eq!(Slug::parse(text).as_ref(), Ok(slug), "{text:?} does not parse as itself");
    assert!(!text.is_empty() && text.chars().count() <= 120, "{text:?}");
    for n in [2, 99, u32::MAX] {
        let numbered = slug.numbered(n);
        assert!(Slug::parse(numbered.as_str()).is_ok(), "{numbered:?} from {text:?}");
        assert!(numbered.as_str().ends_with(&format!("-{n}")));
    }
    let encoded = slug.url_encoded();
    assert!(encoded.is_ascii(), "{encoded}");
    assert_eq!(uri::decode_path(&encoded), text);
}

//! The comment rules on arbitrary fields: never a panic; an accepted comment is trimmed,
//! within its limits, free of control characters (text keeps tabs and line breaks) and of
//! more than two links; a text that breaks a rule is refused with the field named; the spam
//! score stays within 0–100.
#![no_main]

use lede_core::comment::{self, CommentInput, Email, MAX_LINKS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use lede_core::content::CommentId;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Fields {
    name: String,
    email: String,
    website: String,
    text: String,
    parent: Option<i64>,
}

fuzz_target!(|fields: Fields| {
    let input = CommentInput {
        name: fields.name,
        email: fields.email,
        website: fields.website,
        text: fields.text,
        parent: fields.parent.map(CommentId),
    };
    assert!(comment::spam_score(&input.name, Some(&input.website), &input.text) <= 100);
    if let Ok(email) = Email::parse(&input.email) {
        let hash = email.keyed_hash(b"fuzz secret");
        assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{hash}");
    }
    match input.check() {
        Ok(checked) => {
            let name = &checked.name;
            assert!(!name.is_empty() && name.trim() == name, "{name:?}");
            assert!(name.chars().count() <= MAX_NAME_CHARS);
            lede_fuzz::assert_no_controls("name", name, &[]);
            let text = &checked.text;
            assert!(!text.is_empty() && text.trim() == text, "{text:?}");
            assert!(text.chars().count() <= MAX_TEXT_CHARS);
            lede_fuzz::assert_no_controls("text", text, &['\t', '\n', '\r']);
            assert!(lede_fuzz::links(text) <= MAX_LINKS, "{text:?}");
            let email = checked.email.as_str();
            assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()), "{email:?}");
            if let Some(website) = &checked.website {
                assert!(website.starts_with("http://") || website.starts_with("https://"));
                lede_fuzz::assert_no_controls("website", website, &[]);
                assert!(!website.contains(['"', '<', ' ']), "{website:?}");
            }
            assert_eq!(checked.parent, input.parent);
            // What passed the rules passes them again unchanged.
            let again = CommentInput {
                name: checked.name.clone(),
                email: checked.email.as_str().to_owned(),
                website: checked.website.clone().unwrap_or_default(),
                text: checked.text.clone(),
                parent: checked.parent,
            };
            assert_eq!(again.check().as_ref(), Ok(&checked));
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal that names no problem");
            for field in ["name", "text"] {
                let value = if field == "name" { &input.name } else { &input.text };
                let allowed: &[char] = if field == "name" { &[] } else { &['\t', '\n', '\r'] };
                if value.trim().chars().any(|c| c.is_control() && !allowed.contains(&c)) {
                    assert!(
                        problems.iter().any(|p| p.field == field),
                        "a control character in {field} was not refused: {value:?}"
                    );
                }
            }
        }
    }
});

//! Form bodies, read as their routes read them: a reader's comment (axum's `Form`) and the
//! newsroom's editor (the admin's `AdminForm`). Whatever the bytes, the route answers with a
//! typed refusal or with values that keep the rules: no control characters where they are
//! refused, valid slugs, a body that runs no script.
#![no_main]

use lede_core::Slug;
use lede_core::comment::{MAX_LINKS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use lede_core::content::{MAX_HEADLINE_CHARS, MAX_STANDFIRST_CHARS};
use lede_web::dates::SiteZone;
use lede_web::fuzzing::{self, Comment, Editor};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KARACHI: LazyLock<SiteZone> =
    LazyLock::new(|| SiteZone::named("Asia/Karachi").expect("a bundled zone"));

const LINES: &[char] = &['\t', '\n', '\r'];

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    if which % 2 == 0 {
        comment(body);
    } else {
        editor(body);
    }
});

fn comment(body: &[u8]) {
    let Comment::Checked(Ok((checked, score))) = fuzzing::comment_form(body) else { return };
    assert!(score <= 100);
    assert!(!checked.name.is_empty() && checked.name.chars().count() <= MAX_NAME_CHARS);
    lede_fuzz::assert_no_controls("name", &checked.name, &[]);
    assert!(!checked.text.is_empty() && checked.text.chars().count() <= MAX_TEXT_CHARS);
    lede_fuzz::assert_no_controls("text", &checked.text, LINES);
    assert!(lede_fuzz::links(&checked.text) <= MAX_LINKS);
    lede_fuzz::assert_no_controls("email", checked.email.as_str(), &[]);
    if let Some(website) = &checked.website {
        lede_fuzz::assert_no_controls("website", website, &[]);
    }
}

fn editor(body: &[u8]) {
    // "Publish at" is read on a clock with a summer-time past; any text either names an
    // instant or is refused, without a panic.
    let Some(Editor { input, .. }) = fuzzing::editor_form(body, &KARACHI) else { return };
    let Ok((input, tags)) = input else { return };
    for (slug, name) in &tags {
        assert_eq!(Slug::parse(slug.as_str()).as_ref(), Ok(slug));
        assert!(!name.is_empty() && name.trim() == name, "{name:?}");
    }
    assert_eq!(Slug::parse(input.slug.as_str()).as_ref(), Ok(&input.slug));
    let body = input.body_markdown.clone();
    let Ok(checked) = input.check() else { return };
    let article = &checked.input;
    assert!(!article.headline.is_empty());
    assert!(article.headline.chars().count() <= MAX_HEADLINE_CHARS);
    lede_fuzz::assert_no_controls("headline", &article.headline, &[]);
    assert!(article.standfirst.chars().count() <= MAX_STANDFIRST_CHARS);
    lede_fuzz::assert_no_controls("standfirst", &article.standfirst, LINES);
    lede_fuzz::assert_no_controls("body", &article.body_markdown, LINES);
    if let Some(image) = &article.featured_image {
        for (field, value) in [("image_src", &image.src), ("image_alt", &image.alt)] {
            lede_fuzz::assert_no_controls(field, value, &[]);
        }
    }
    lede_fuzz::assert_safe_html(&checked.body_html, &body);
}

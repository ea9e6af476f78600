//! Markdown and HTML bodies: whatever an author writes or an import brings, what Lede stores
//! and shows runs no script (see `lede_fuzz::assert_safe_html`), a second sanitising changes
//! nothing (imports and exports sanitise again), and the text helpers never panic.
#![no_main]

use lede_core::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rendered = markdown::render(text);
    lede_fuzz::assert_safe_html(&rendered, text);
    assert_eq!(
        markdown::sanitize(&rendered),
        rendered,
        "sanitising rendered Markdown again changed it\ninput: {text:?}"
    );
    let sanitized = markdown::sanitize(text);
    lede_fuzz::assert_safe_html(&sanitized, text);
    assert_eq!(
        markdown::sanitize(&sanitized),
        sanitized,
        "sanitising HTML twice changed it\ninput: {text:?}"
    );
    let _ = markdown::plain_text(text);
    let _ = markdown::html_text(&rendered);
    let _ = markdown::html_text(text);
});

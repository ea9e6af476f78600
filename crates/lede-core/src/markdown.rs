//! Markdown to safe HTML: CommonMark with tables and footnotes (pulldown-cmark), then sanitised
//! (ammonia) so that neither raw HTML in a body nor a crafted link can run script on a reader's
//! page. Bodies are rendered once, when saved, and the HTML is stored.

use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

/// Renders Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    sanitize(&unsafe_html)
}

/// Sanitises HTML from any source (Markdown output, or HTML imported from elsewhere).
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Ammonia's defaults, plus the ids and classes footnotes need to link to each other, and links
/// that open elsewhere get `rel="noopener noreferrer nofollow"` so a body cannot lend the site's
/// reputation to spam.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("sup", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_allowed_classes("sup", ["footnote-reference"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("span", ["footnote-definition-label"])
        .id_prefix(None)
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    builder
});

/// The text of a body without markup, for word counts and similarity.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_commonmark_tables_and_footnotes() {
        let html =
            render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(
            html.contains("<table>") && html.contains("<td>1</td>"),
            "{html}"
        );
        assert!(html.contains("footnote-reference"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn strips_script_and_dangerous_urls() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(x)\" onclick=\"x()\">y</div>",
        ];
        for input in cases {
            let html = render(input).to_lowercase();
            for bad in ["<script", "onerror", "javascript:", "<iframe", "onclick"] {
                assert!(!html.contains(bad), "{input:?} gave {html:?}");
            }
        }
    }

    #[test]
    fn external_links_get_a_safe_rel() {
        let html = render("[site](https://example.com)");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        let text = plain_text("**Bold** and [link](https://x.example)");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Bold", "and", "link"]
        );
    }
}

//! Markdown to safe HTML: CommonMark with tables and footnotes (pulldown-cmark), then sanitised
//! (ammonia) so that neither raw HTML in a body nor a crafted link can run script on a reader's
//! page. Bodies are rendered once, when saved, and the HTML is stored.
//!
//! Images follow Lede's own conventions ([`image`]): `![alt](src "caption | credit")` alone in
//! its paragraph becomes a figure with its caption and credit, an image written without alt
//! text keeps no `alt` attribute (so the publish check finds it), and `![""](src)` marks a
//! decorative image (`alt=""`).

use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

pub mod image;

/// Renders Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, image::with_figures(Parser::new_ext(markdown, options)));
    sanitize(&unsafe_html)
}

/// Sanitises HTML from any source (Markdown output, or HTML imported from elsewhere). The
/// result is what a browser reads back from it: ammonia writes out the tree it cleaned, and
/// some trees no parser builds (an `<a>` left inside an `<a>` when a table's misplaced content
/// moves out of it) read back differently, so a stored body would change each time an import
/// or an export sanitised it again. Cleaning again until nothing changes settles it, in two
/// passes almost always; the bound keeps a pathological input from looping.
pub fn sanitize(html: &str) -> String {
    let mut clean = SANITIZER.clean(html).to_string();
    for _ in 0..MAX_EXTRA_PASSES {
        let again = SANITIZER.clean(&clean).to_string();
        if again == clean {
            break;
        }
        clean = again;
    }
    clean
}

/// Passes after the first that [`sanitize`] may take to reach HTML that reads back as itself.
const MAX_EXTRA_PASSES: usize = 4;

/// Ammonia's defaults, plus table footers (which ammonia leaves out, so a sanitised table's
/// footer rows would move into a body the next time it is sanitised), the ids and classes
/// footnotes need to link to each other, the credit of a figure's caption, and links
/// that open elsewhere get `rel="noopener noreferrer nofollow"` so a body cannot lend the site's
/// reputation to spam.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["tfoot"])
        .add_tag_attributes("sup", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_allowed_classes("sup", ["footnote-reference"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("span", ["footnote-definition-label", "credit"])
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

/// The text of sanitised HTML (as [`sanitize`] gives it), for word counts and similarity:
/// tags dropped, block boundaries kept as spaces so words on either side stay apart, and the
/// few entities the sanitiser writes decoded.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&mut text, &rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    push_decoded(&mut text, rest);
    text
}

/// Elements that separate words: a paragraph's last word and the next one's first are two.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Decodes the entities an HTML serialiser writes in text (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&nbsp;` and numeric ones); anything else is kept as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_commonmark_tables_and_footnotes() {
        let html =
            render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
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
    fn sanitising_twice_changes_nothing() {
        let html = "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody>\
                    <tfoot><tr><td>sum</td></tr></tfoot></table><p>x <em>y</em></p>";
        let once = sanitize(html);
        assert!(once.contains("<tfoot>"), "{once}");
        assert_eq!(sanitize(&once), once);
    }

    /// Found by the Markdown fuzz target: foster-parenting out of a table left a link inside
    /// a link, which the next sanitising (an import of the export) split in two.
    #[test]
    fn sanitised_html_reads_back_as_itself() {
        for html in
            ["=<a ><table><a >", "<a href=\"https://a.example\"><table><a>x</a></table></a>"]
        {
            let once = sanitize(html);
            assert_eq!(sanitize(&once), once, "{html}");
            let rendered = render(html);
            assert_eq!(sanitize(&rendered), rendered, "{html}");
        }
    }

    #[test]
    fn external_links_get_a_safe_rel() {
        let html = render("[site](https://example.com)");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[test]
    fn text_of_html_keeps_words_apart_and_decodes_entities() {
        let cases = [
            ("<p>One</p><p>two</p>", "One two"),
            ("Fish &amp; chips", "Fish & chips"),
            ("a<br>b<strong>c</strong>", "a bc"),
            ("&lt;tag&gt; &#8217; &#x41; &bogus;", "<tag> ’ A &bogus;"),
        ];
        for (html, text) in cases {
            let got = html_text(html);
            assert_eq!(got.split_whitespace().collect::<Vec<_>>().join(" "), text, "{html}");
        }
    }

    #[test]
    fn plain_text_drops_markup() {
        let text = plain_text("**Bold** and [link](https://x.example)");
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["Bold", "and", "link"]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use scraper::{Html, Node};

    /// Pieces of hostile HTML and Markdown, to be mixed with each other and with any text.
    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<script",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\"&#106;avascript:alert(1)\">",
        "<a href=\" java\tscript:alert(1)\">",
        "<a href=\"data:text/html,<script>alert(1)</script>\">",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "![x](vbscript:msgbox(1))",
        "<svg onload=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "<div style=\"x:expression(alert(1))\" onclick=\"x()\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form><button formaction=javascript:alert(1)>",
        "<table><tr><td>",
        "</td></tr><tfoot><tr><td>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<",
        ">",
        "\"",
        "'",
        "`",
        "\n\n",
        "    ",
        "| a | b |\n|---|---|\n",
        "[^1]",
        "\n[^1]: ",
        "<https://example.com>",
        "**",
        "&",
        "&#x3c;",
    ];

    fn body() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
            1 => "\\PC{0,12}",
            1 => "[a-z =\"'<>/:]{0,12}",
        ];
        proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
    }

    /// Whether a browser parsing `html` meets an element that runs script, an event handler,
    /// a `style` attribute, or a URL whose scheme is not http(s) or mailto.
    fn runs_script(html: &str) -> Option<String> {
        let unsafe_elements =
            ["script", "style", "iframe", "svg", "math", "form", "button", "noscript"];
        for node in Html::parse_fragment(html).tree.values() {
            let Node::Element(element) = node else { continue };
            if unsafe_elements.contains(&element.name()) {
                return Some(format!("<{}>", element.name()));
            }
            for (name, value) in element.attrs() {
                if name.starts_with("on") || name == "style" || name == "srcdoc" {
                    return Some(format!("{name}="));
                }
                let cleaned: String = value
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                let scheme = cleaned.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
                    s.starts_with(|c: char| c.is_ascii_alphabetic())
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                });
                if let Some(scheme) = scheme
                    && !["http", "https", "mailto"].contains(&scheme)
                {
                    return Some(format!("{name}={value}"));
                }
            }
        }
        None
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn rendered_and_sanitised_bodies_run_no_script(body in body()) {
            let rendered = render(&body);
            prop_assert_eq!(runs_script(&rendered), None, "{:?} rendered as {:?}", body, rendered);
            let sanitized = sanitize(&body);
            prop_assert_eq!(runs_script(&sanitized), None, "{:?} sanitised as {:?}", body, sanitized);
        }

        /// Imports and exports sanitise stored bodies again: that changes nothing.
        #[test]
        fn sanitising_is_idempotent(body in body()) {
            let rendered = render(&body);
            prop_assert_eq!(sanitize(&rendered), rendered.clone());
            let sanitized = sanitize(&body);
            prop_assert_eq!(sanitize(&sanitized), sanitized.clone());
        }
    }
}

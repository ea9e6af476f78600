//! What the fuzz targets assert, shared: properties of Lede's output that must hold for every
//! input, not only "it did not panic".

use scraper::{Html, Node};

/// Elements that run script, load other documents or take input: none may survive
/// sanitising, whatever the input.
const UNSAFE_ELEMENTS: &[&str] = &[
    "applet",
    "base",
    "button",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "input",
    "link",
    "math",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "option",
    "plaintext",
    "portal",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "xmp",
];

/// Attributes whose value a browser follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "action",
    "background",
    "cite",
    "codebase",
    "data",
    "formaction",
    "href",
    "longdesc",
    "lowsrc",
    "poster",
    "src",
    "usemap",
    "xlink:href",
];

/// The schemes a sanitised link or image may use.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Panics unless `html`, parsed as a browser parses it, holds no element that runs script,
/// no event handler or `style` attribute, and no URL with a scheme other than http(s) or
/// mailto (`javascript:`, `data:`, `vbscript:`…). `input` is shown when it fails.
pub fn assert_safe_html(html: &str, input: &str) {
    let document = Html::parse_fragment(html);
    for node in document.tree.values() {
        let Node::Element(element) = node else { continue };
        let name = element.name();
        assert!(
            !UNSAFE_ELEMENTS.contains(&name),
            "<{name}> survived sanitising\ninput: {input:?}\noutput: {html:?}"
        );
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            assert!(
                !attribute.starts_with("on") && attribute != "style" && attribute != "srcdoc",
                "{attribute}= on <{name}> survived sanitising\ninput: {input:?}\noutput: {html:?}"
            );
            if URL_ATTRIBUTES.contains(&attribute.as_str())
                && let Some(scheme) = url_scheme(value)
            {
                assert!(
                    SAFE_SCHEMES.contains(&scheme.as_str()),
                    "a {scheme}: URL in {attribute}= on <{name}> survived sanitising\n\
                     input: {input:?}\noutput: {html:?}"
                );
            }
        }
    }
}

/// The scheme a browser reads in a URL attribute, lowercased (WHATWG URL: leading and
/// trailing C0 controls and spaces are dropped, tabs and line breaks removed anywhere), or
/// `None` for a relative URL.
pub fn url_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// Panics if `text` holds a control character other than those `allowed` lists.
pub fn assert_no_controls(field: &str, text: &str, allowed: &[char]) {
    if let Some(c) = text.chars().find(|c| c.is_control() && !allowed.contains(c)) {
        panic!("{field} kept the control character U+{:04X}: {text:?}", u32::from(c));
    }
}

/// The links a comment carries, counted as the comment rules count them.
pub fn links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower.split_whitespace().filter(|w| w.starts_with("www.")).count()
}

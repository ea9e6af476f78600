//! WordPress's HTML as WordPress would have shown it: paragraphs made from blank lines
//! (`wpautop`, which WordPress applies to classic-editor content when it renders), the core
//! shortcodes turned into plain markup, and text fields (titles, excerpts, comments) turned
//! into plain text. Sanitising is not done here: the domain does it when the batch is checked.

use quick_xml::escape::resolve_html5_entity;

/// Elements that start a block of their own: text between them is not wrapped in `<p>`.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "iframe",
    "object",
    "video",
    "audio",
    "script",
    "style",
];

/// Turns a post's stored content into the HTML WordPress would have rendered from it.
pub fn post_html(content: &str) -> String {
    let content = shortcodes(content);
    // Content written in the block editor carries its own paragraphs; WordPress does not add
    // more to it.
    if content.contains("<!-- wp:") { content } else { autop(&content) }
}

/// A simplified `wpautop`: runs of text separated by a blank line become paragraphs, single
/// line breaks inside them become `<br>`, blocks that already are HTML blocks are left as they
/// are, and `<pre>` keeps its line breaks.
pub fn autop(content: &str) -> String {
    let content = content.replace("\r\n", "\n");
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    let mut rest = content.as_str();
    // `<pre>` sections pass through untouched; everything between them is paragraphed.
    while let Some(start) = find_tag(rest, "pre") {
        let end = rest[start..].find("</pre>").map_or(rest.len(), |e| start + e + "</pre>".len());
        paragraphs(&rest[..start], &mut out);
        out.push_str(&rest[start..end]);
        out.push('\n');
        rest = &rest[end..];
    }
    paragraphs(rest, &mut out);
    out
}

fn paragraphs(text: &str, out: &mut String) {
    for chunk in text.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        if starts_with_block(chunk) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>\n"));
            out.push_str("</p>");
        }
        out.push('\n');
    }
}

fn starts_with_block(chunk: &str) -> bool {
    let Some(tag) = chunk.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCKS.contains(&name.as_str()) || tag.starts_with("!--")
}

/// Where `<name` (followed by `>` or whitespace) first opens in `text`.
fn find_tag(text: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = text[from..].find(&open) {
        let at = from + at;
        let next = text[at + open.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\t' | '\n')) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// The core shortcodes as markup: `[caption]` becomes a figure with its caption, `[embed]`
/// and media shortcodes become links, galleries and playlists (which list attachments
/// WordPress would look up) are dropped. Other shortcodes stay as written, as WordPress shows
/// shortcodes whose plugin is gone.
pub fn shortcodes(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name: String =
            after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let attrs = &after[name.len()..close];
        let tail = &after[close + 1..];
        let end_tag = format!("[/{name}]");
        let (inner, remainder) = match tail.find(&end_tag) {
            Some(end) if !name.is_empty() => (Some(&tail[..end]), &tail[end + end_tag.len()..]),
            _ => (None, tail),
        };
        match name.as_str() {
            "caption" | "wp_caption" => {
                let inner = inner.unwrap_or_default();
                let (media, text) = split_caption(inner, attrs);
                out.push_str("<figure>");
                out.push_str(media.trim());
                if !text.trim().is_empty() {
                    out.push_str("<figcaption>");
                    out.push_str(text.trim());
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>");
            }
            "embed" => {
                let url = inner.unwrap_or_default().trim();
                out.push_str(&format!("<p><a href=\"{url}\">{url}</a></p>"));
            }
            "audio" | "video" => {
                let src = ["src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv"]
                    .iter()
                    .find_map(|key| attribute(attrs, key));
                if let Some(src) = src {
                    out.push_str(&format!("<p><a href=\"{src}\">{src}</a></p>"));
                }
            }
            "gallery" | "playlist" => {}
            _ => {
                // Not a core shortcode: keep it as text and go on after its bracket.
                out.push('[');
                rest = after;
                continue;
            }
        }
        rest = remainder;
    }
    out.push_str(rest);
    out
}

/// A caption's media (its first element, often a linked image) and its text, which is either
/// after the media or in the `caption` attribute.
fn split_caption<'a>(inner: &'a str, attrs: &'a str) -> (&'a str, String) {
    let inner = inner.trim();
    let media_end = if inner.starts_with("<a") {
        inner.find("</a>").map(|e| e + 4)
    } else if inner.starts_with("<img") {
        inner.find('>').map(|e| e + 1)
    } else {
        None
    };
    match media_end {
        Some(end) => {
            let text = inner[end..].to_owned();
            let text = if text.trim().is_empty() {
                attribute(attrs, "caption").unwrap_or_default()
            } else {
                text
            };
            (&inner[..end], text)
        }
        None => (inner, attribute(attrs, "caption").unwrap_or_default()),
    }
}

/// The value of `key="…"` (or single quotes) in a shortcode's attributes.
fn attribute(attrs: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = attrs[from..].find(key) {
        let at = from + at;
        let before_ok = at == 0 || attrs[..at].ends_with(char::is_whitespace);
        let rest = &attrs[at + key.len()..];
        if before_ok && let Some(value) = rest.strip_prefix('=') {
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return value.find(quote).map(|end| value[..end].to_owned());
            }
            return Some(value.split_whitespace().next().unwrap_or("").to_owned());
        }
        from = at + key.len();
    }
    None
}

/// Plain text from a field that may hold HTML and entities (a title, an excerpt, a comment):
/// tags dropped, paragraphs and line breaks kept as line breaks, entities decoded, spaces
/// within a line collapsed. Only HTML's white space (ASCII) collapses, as in a browser: a
/// non-breaking or thin space is text the writer chose, and is kept.
pub fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].to_ascii_lowercase();
        let name: String =
            tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        if name == "br" {
            text.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            text.push_str("\n\n");
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    let lines: Vec<String> = decoded
        .replace("\r\n", "\n")
        .split('\n')
        .map(|line| line.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // At most one blank line between paragraphs.
    let mut out = String::new();
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

/// Text on one line (titles, names), without white space of any kind at either end, as the
/// newsroom keeps it: a title of only non-breaking spaces is no title.
pub fn to_line(html: &str) -> String {
    to_text(html).split_ascii_whitespace().collect::<Vec<_>>().join(" ").trim().to_owned()
}

/// Decodes HTML entities (named, decimal and hex); unknown ones stay as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|end| *end <= 32).and_then(|end| {
            let name = &after[..end];
            let value = if let Some(number) = name.strip_prefix('#') {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32).map(String::from)
            } else {
                resolve_html5_entity(name).map(str::to_owned)
            };
            value.map(|v| (v, end))
        });
        match decoded {
            Some((value, end)) => {
                out.push_str(&value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// At most `max` characters, cut at a word with an ellipsis when it had to be shortened.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_blank_lines() {
        let cases = [
            ("One\n\nTwo\nlines", "<p>One</p>\n<p>Two<br>\nlines</p>\n"),
            ("<h2>Head</h2>\n\nText", "<h2>Head</h2>\n<p>Text</p>\n"),
            ("A\n\n<pre>x\n\ny</pre>\n\nB", "<p>A</p>\n<pre>x\n\ny</pre>\n<p>B</p>\n"),
            ("", ""),
        ];
        for (content, html) in cases {
            assert_eq!(autop(content), html, "{content:?}");
        }
        let blocks = "<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->\n\nmore";
        assert_eq!(post_html(blocks), blocks, "block content is left alone");
    }

    #[test]
    fn core_shortcodes_become_markup() {
        let cases = [
            (
                "[caption id=\"a\" width=\"300\"]<img src=\"x.jpg\" /> A cat[/caption]",
                "<figure><img src=\"x.jpg\" /><figcaption>A cat</figcaption></figure>",
            ),
            (
                "[caption caption=\"Dog\"]<a href=\"y\"><img src=\"y.jpg\"></a>[/caption]",
                "<figure><a href=\"y\"><img src=\"y.jpg\"></a><figcaption>Dog</figcaption></figure>",
            ),
            ("Look: [gallery ids=\"1,2\"] done", "Look:  done"),
            (
                "[embed]https://v.example/1[/embed]",
                "<p><a href=\"https://v.example/1\">https://v.example/1</a></p>",
            ),
            (
                "[audio mp3=\"https://a.example/s.mp3\"][/audio]",
                "<p><a href=\"https://a.example/s.mp3\">https://a.example/s.mp3</a></p>",
            ),
            ("[unknown foo] and [1] stay", "[unknown foo] and [1] stay"),
        ];
        for (content, html) in cases {
            assert_eq!(shortcodes(content), html, "{content:?}");
        }
    }

    #[test]
    fn text_from_html_fields() {
        assert_eq!(
            to_line("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>"),
            "Markup: Title With Markup"
        );
        assert_eq!(
            to_line("Ping 1 &laquo; What&#8217;s a tellyworth?"),
            "Ping 1 « What’s a tellyworth?"
        );
        assert_eq!(to_text("<p>One</p>\n<p>Two<br>three</p>"), "One\n\nTwo\nthree");
        assert_eq!(decode_entities("a &bogus; &amp b"), "a &bogus; &amp b");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }

    /// Found by the WXR round-trip property: a headline with a non-breaking space (`10\u{a0}km`)
    /// came back from Lede's own export with an ordinary space, since every Unicode space
    /// collapsed. Only HTML's white space collapses now.
    #[test]
    fn non_breaking_spaces_are_text() {
        assert_eq!(to_line("10\u{a0}km &nbsp;walk \t\n  home"), "10\u{a0}km \u{a0}walk home");
        assert_eq!(to_line("A\u{2009}:\u{a0}B"), "A\u{2009}:\u{a0}B");
        assert_eq!(to_text("« Oui\u{a0}»\n\nNon"), "« Oui\u{a0}»\n\nNon");
    }
}

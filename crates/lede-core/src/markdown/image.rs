//! Images in a body, written and read.
//!
//! Written in Markdown, Lede's conventions are CommonMark's image with two readings of its
//! own, so that a body says everything a reader's page shows of an image:
//!
//! - `![A flooded street](/media/… "Residents wade home | Photo: Ali Khan")`, alone in its
//!   paragraph, is a figure: the title is the caption, and what follows its last `|` the
//!   credit (`<figure><img><figcaption>caption <span class="credit">credit</span>`);
//! - `![](/media/…)`, without alt text, is an image nobody described yet: it is written
//!   without an `alt` attribute, which is what the publish check ([`crate::alt_text`]) finds;
//! - `![""](/media/…)` says on purpose that the image is decorative: `alt=""`, which screen
//!   readers skip.
//!
//! Read back from the stored HTML ([`images_in`]), images are what the publish check counts
//! and what reader pages give their library variants to.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

/// The alt text that marks a decorative image: two double quotes, an empty string written
/// out (smart punctuation may curl them, so curly ones count too).
pub const DECORATIVE: &str = "\"\"";

/// Whether alt text as written is the decorative marker ([`DECORATIVE`]).
pub fn is_decorative_marker(alt: &str) -> bool {
    let alt = alt.trim();
    !alt.is_empty() && alt.chars().all(|c| matches!(c, '"' | '“' | '”' | '„'))
}

/// A caption as written in an image's title: the text, then the credit after the last `|`.
pub fn caption_and_credit(title: &str) -> (String, String) {
    match title.rsplit_once('|') {
        Some((caption, credit)) => (caption.trim().to_owned(), credit.trim().to_owned()),
        None => (title.trim().to_owned(), String::new()),
    }
}

/// The Markdown that shows an image with its alt text, caption and credit, as the editor's
/// "Insert" puts it in a body: read back by [`with_figures`] as the same image. Empty alt
/// text stays empty, for the writer to fill in (the publish check asks for it).
pub fn markdown(src: &str, alt: &str, caption: &str, credit: &str) -> String {
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut alt_text = String::new();
    for c in one_line(alt).chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '&' | '~') {
            alt_text.push('\\');
        }
        alt_text.push(c);
    }
    // The credit is what follows the last bar, so it holds none; a caption may, and then
    // ends with an empty credit.
    let (caption, credit) = (one_line(caption), one_line(credit).replace('|', "/"));
    let title = match (caption.is_empty(), credit.is_empty()) {
        (true, true) => String::new(),
        (false, true) if caption.contains('|') => format!("{caption} |"),
        (false, true) => caption,
        (true, false) => format!("| {credit}"),
        (false, false) => format!("{caption} | {credit}"),
    };
    let destination = if src.contains(|c: char| c.is_whitespace() || "()<>".contains(c)) {
        format!("<{}>", src.replace(['<', '>'], ""))
    } else {
        src.to_owned()
    };
    if title.is_empty() {
        return format!("![{alt_text}]({destination})");
    }
    let mut quoted = String::with_capacity(title.len() + 2);
    for c in title.chars() {
        if matches!(c, '\\' | '"' | '&') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    format!("![{alt_text}]({destination} \"{quoted}\")")
}

/// The parser's events with every image written as Lede shows it: alone in a paragraph with
/// a title, a figure with its caption and credit; without alt text, no `alt` attribute; the
/// decorative marker, `alt=""`. Everything else passes through unchanged.
pub fn with_figures<'a>(events: impl Iterator<Item = Event<'a>>) -> std::vec::IntoIter<Event<'a>> {
    let events: Vec<Event<'a>> = events.collect();
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let standalone = matches!(events[i], Event::Start(Tag::Paragraph))
            && matches!(events.get(i + 1), Some(Event::Start(Tag::Image { .. })));
        let start = if standalone { i + 1 } else { i };
        let Some(Event::Start(Tag::Image { dest_url, title, .. })) = events.get(start) else {
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let (alt, end) = alt_text(&events, start + 1);
        let img = img_tag(dest_url, &alt, if standalone { "" } else { title });
        if standalone && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph))) {
            out.push(Event::Html(CowStr::from(block(img, title))));
            i = end + 2;
        } else {
            if standalone {
                out.push(events[i].clone());
            }
            let img = if standalone { img_tag(dest_url, &alt, title) } else { img };
            out.push(Event::InlineHtml(CowStr::from(img)));
            i = end + 1;
        }
    }
    out.into_iter()
}

/// An image alone in its paragraph: a figure when it has a caption or credit, else the
/// paragraph it was.
fn block(img: String, title: &str) -> String {
    let (caption, credit) = caption_and_credit(title);
    if caption.is_empty() && credit.is_empty() {
        return format!("<p>{img}</p>\n");
    }
    let mut html = format!("<figure>{img}<figcaption>");
    html.push_str(&escaped(&caption));
    if !credit.is_empty() {
        if !caption.is_empty() {
            html.push(' ');
        }
        html.push_str("<span class=\"credit\">");
        html.push_str(&escaped(&credit));
        html.push_str("</span>");
    }
    html.push_str("</figcaption></figure>\n");
    html
}

/// The alt text of the image whose events start at `from` (its text, as pulldown-cmark's own
/// writer reads it), and the index of the image's end.
fn alt_text(events: &[Event<'_>], from: usize) -> (String, usize) {
    let mut alt = String::new();
    let mut depth = 0usize;
    let mut i = from;
    while i < events.len() {
        match &events[i] {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
        i += 1;
    }
    (alt, i)
}

fn img_tag(src: &str, alt: &str, title: &str) -> String {
    let mut html = String::from("<img src=\"");
    let _ = escape_href(&mut html, src);
    html.push('"');
    if is_decorative_marker(alt) {
        html.push_str(" alt=\"\"");
    } else if !alt.trim().is_empty() {
        html.push_str(" alt=\"");
        html.push_str(&escaped(alt.trim()));
        html.push('"');
    }
    if !title.is_empty() {
        html.push_str(" title=\"");
        html.push_str(&escaped(title));
        html.push('"');
    }
    html.push('>');
    html
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}

/// An `<img>` of a stored (sanitised) body: its address, and its alt text as written, `None`
/// when it has no `alt` attribute at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlImage {
    pub src: String,
    pub alt: Option<String>,
}

/// Every image of sanitised HTML, in order.
pub fn images_in(html: &str) -> Vec<HtmlImage> {
    if !html.contains("<img") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
        lol_html::element!("img", |el| {
            found.push(HtmlImage {
                src: el.get_attribute("src").unwrap_or_default(),
                alt: el.get_attribute("alt"),
            });
            Ok(())
        }),
    );
    // Reading never fails on text that only sanitising wrote; were it to, what was read
    // before stands.
    let _ = lol_html::rewrite_str(html, settings);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn an_image_alone_with_a_title_is_a_figure_with_caption_and_credit() {
        let html = render(
            "Before.\n\n![A flooded street](/media/a.jpg \"Residents wade home | Photo: Ali Khan\")\n\nAfter.",
        );
        assert!(
            html.contains(
                "<figure><img src=\"/media/a.jpg\" alt=\"A flooded street\"><figcaption>Residents wade home <span class=\"credit\">Photo: Ali Khan</span></figcaption></figure>"
            ),
            "{html}"
        );
        assert!(html.contains("<p>Before.</p>") && html.contains("<p>After.</p>"), "{html}");
        let caption_only = render("![Boats](/media/b.jpg \"At dawn\")");
        assert!(caption_only.contains("<figcaption>At dawn</figcaption>"), "{caption_only}");
        let credit_only = render("![Boats](/media/b.jpg \"| AP\")");
        assert!(
            credit_only.contains("<figcaption><span class=\"credit\">AP</span></figcaption>"),
            "{credit_only}"
        );
        let plain = render("![Boats](/media/b.jpg)");
        assert_eq!(plain.trim(), "<p><img src=\"/media/b.jpg\" alt=\"Boats\"></p>");
    }

    #[test]
    fn images_in_text_stay_inline_with_their_title() {
        let html = render("See ![a map](/media/m.png \"The route\") here.");
        assert!(
            html.contains(
                "<p>See <img src=\"/media/m.png\" alt=\"a map\" title=\"The route\"> here.</p>"
            ),
            "{html}"
        );
        // An image followed by text in its paragraph is not a figure either.
        let html = render("![a map](/media/m.png \"The route\") and more.");
        assert!(!html.contains("<figure>") && html.contains("title=\"The route\""), "{html}");
    }

    #[test]
    fn missing_alt_text_leaves_no_attribute_and_the_marker_an_empty_one() {
        assert_eq!(images_in(&render("![](/media/a.jpg)"))[0].alt, None);
        assert_eq!(images_in(&render("![   ](/media/a.jpg)"))[0].alt, None);
        assert_eq!(images_in(&render("![\"\"](/media/a.jpg)"))[0].alt.as_deref(), Some(""));
        assert_eq!(images_in(&render("![“”](/media/a.jpg)"))[0].alt.as_deref(), Some(""));
        let described = images_in(&render("![A *bold* cat](/media/a.jpg)"));
        assert_eq!(described[0].alt.as_deref(), Some("A bold cat"));
        // Raw HTML keeps HTML's own meaning: alt="" is decorative, no alt is missing.
        let raw =
            images_in(&render("<img src=\"/media/x.png\">\n\n<img src=\"/media/y.png\" alt=\"\">"));
        assert_eq!(raw.iter().map(|i| i.alt.as_deref()).collect::<Vec<_>>(), [None, Some("")]);
    }

    #[test]
    fn figures_stay_safe() {
        let html = render(
            "![x\" onerror=\"alert(1)](javascript:alert(1) \"<script>alert(1)</script> | <b>me</b>\")",
        )
        .to_lowercase();
        for bad in ["<script", "onerror=\"", "javascript:", "<b>"] {
            assert!(!html.contains(bad), "{html}");
        }
        assert!(html.contains("<figcaption>"), "{html}");
    }

    #[test]
    fn inserted_markdown_reads_back_as_the_same_image() {
        let cases = [
            (
                "/media/a.jpg",
                "A [bracketed] *star* \\ path",
                "He said \"go\" & went",
                "AP | Reuters",
            ),
            ("/media/b.jpg", "", "", ""),
            ("/media/c d.jpg", "Spaces", "", "Only credit"),
            ("/media/e.jpg", "Line\nbreaks", "Two\nlines", ""),
            ("/media/f.jpg", "Bars", "Before | after", ""),
        ];
        for (src, alt, caption, credit) in cases {
            let written = markdown(src, alt, caption, credit);
            let html = render(&written);
            let image = &images_in(&html)[0];
            let alt_words = alt.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected_alt = (!alt_words.is_empty())
                .then(|| alt_words.replace('&', "&amp;").replace('"', "&quot;"));
            assert_eq!(image.alt, expected_alt, "{written} → {html}");
            assert_eq!(image.src, src.replace(' ', "%20"), "{written}");
            let caption_words = caption.split_whitespace().collect::<Vec<_>>().join(" ");
            if !caption_words.is_empty() {
                let shown = caption_words.replace('&', "&amp;");
                assert!(html.contains(&shown), "{written} → {html}");
            }
            let credit = credit.replace('|', "/");
            if credit.is_empty() {
                assert!(!html.contains("credit"), "{written} → {html}");
            } else {
                assert!(
                    html.contains(&format!("<span class=\"credit\">{credit}</span>")),
                    "{html}"
                );
            }
        }
        assert_eq!(markdown("/media/a.jpg", "", "", ""), "![](/media/a.jpg)");
    }
}

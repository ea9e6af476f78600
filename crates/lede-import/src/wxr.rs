//! Reading a WordPress eXtended RSS (WXR 1.0, 1.1, 1.2) export into plain records, with the
//! line of every item kept for messages. The whole file is read and checked before anything
//! is imported: a malformed file, a namespace that is not WordPress's, or an export cut short
//! is an error naming the line.

use crate::error::ParseError;
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// Versions of the WXR namespace Lede reads (WordPress writes `http://wordpress.org/export/1.2/`;
/// some hosts write it with https).
const VERSIONS: [&str; 3] = ["1.0", "1.1", "1.2"];
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// How deep elements may nest below `<channel>`. WordPress writes four levels at most (an
/// item's comment's meta's key); the nodes held for one item are dropped recursively, so a
/// file nesting tens of thousands of elements would overflow the stack instead of being
/// refused.
const MAX_DEPTH: usize = 64;
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// The export as WordPress wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    /// `1.0`, `1.1` or `1.2`.
    pub version: String,
    pub title: String,
    pub link: String,
    pub language: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    pub authors: Vec<Author>,
    pub categories: Vec<Category>,
    pub tags: Vec<Tag>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    pub nicename: String,
    /// The parent's nicename, empty for a top-level category.
    pub parent: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    pub slug: String,
    pub name: String,
}

/// A post, page, attachment, menu item or anything else WordPress keeps as a post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// Line of `<item>` in the file.
    pub line: usize,
    pub title: String,
    pub link: String,
    pub pub_date: String,
    pub creator: String,
    pub guid: String,
    pub content: String,
    pub excerpt: String,
    pub id: i64,
    pub date: String,
    pub date_gmt: String,
    pub modified_gmt: String,
    pub name: String,
    pub status: String,
    pub parent: i64,
    pub post_type: String,
    pub password: String,
    pub attachment_url: String,
    /// `(domain, nicename, name)`: domain is `category`, `post_tag`, `post_format`…
    pub terms: Vec<(String, String, String)>,
    pub meta: Vec<(String, String)>,
    pub comments: Vec<Comment>,
}

impl Item {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub line: usize,
    pub id: i64,
    pub author: String,
    pub email: String,
    pub url: String,
    pub date: String,
    pub date_gmt: String,
    pub content: String,
    /// `1`, `0`, `spam`, `trash`…
    pub approved: String,
    /// Empty or `comment` for comments; `pingback`, `trackback`.
    pub kind: String,
    pub parent: i64,
}

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// RSS itself (no namespace).
    Rss,
    Wp,
    Excerpt,
    Content,
    Dc,
    Other,
}

/// An element below `<channel>`, with its text and children: one author, category or item at
/// a time is held this way, then turned into its record.
#[derive(Debug, Default)]
struct Node {
    ns: Option<Ns>,
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
    line: usize,
}

impl Node {
    fn child(&self, ns: Ns, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.ns == Some(ns) && c.name == name)
    }

    /// The trimmed text of a child element, empty when absent.
    fn text_of(&self, ns: Ns, name: &str) -> String {
        self.child(ns, name).map(|c| c.text.trim().to_owned()).unwrap_or_default()
    }

    /// The text of a child element as it is (bodies keep their whitespace).
    fn raw_text_of(&self, ns: Ns, name: &str) -> String {
        self.child(ns, name).map(|c| c.text.clone()).unwrap_or_default()
    }

    fn number_of(&self, ns: Ns, name: &str) -> Result<i64, ParseError> {
        let Some(child) = self.child(ns, name) else {
            return Ok(0);
        };
        let text = child.text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        text.parse().map_err(|_| ParseError {
            line: child.line,
            message: format!("<wp:{name}> should be a whole number, not {text:?}"),
        })
    }

    fn attr(&self, name: &str) -> &str {
        self.attrs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
}

/// Byte offsets of line starts, to turn a position into a line number.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Self(starts)
    }

    fn at(&self, position: u64) -> usize {
        let position = usize::try_from(position).unwrap_or(usize::MAX);
        self.0.partition_point(|start| *start <= position)
    }
}

/// The WXR version a namespace URI names, if it is WordPress's export namespace.
fn wxr_version(uri: &str) -> Option<&'static str> {
    let rest = uri
        .strip_prefix("http://wordpress.org/export/")
        .or_else(|| uri.strip_prefix("https://wordpress.org/export/"))?;
    let version = rest.strip_suffix('/').unwrap_or(rest);
    VERSIONS.into_iter().find(|v| *v == version)
}

fn classify(ns: &ResolveResult<'_>) -> Option<Ns> {
    match ns {
        ResolveResult::Unbound => Some(Ns::Rss),
        ResolveResult::Bound(uri) => {
            let uri = uri.0;
            Some(if wxr_version(uri).is_some() {
                Ns::Wp
            } else if uri.strip_suffix("excerpt/").is_some_and(|base| wxr_version(base).is_some()) {
                Ns::Excerpt
            } else if uri == CONTENT_NS {
                Ns::Content
            } else if uri == DC_NS {
                Ns::Dc
            } else {
                Ns::Other
            })
        }
        ResolveResult::Unknown(_) => None,
    }
}

/// Reads a whole export. `progress` is told how many bytes were read so far, now and then.
pub fn parse(text: &str, mut progress: impl FnMut(u64)) -> Result<Export, ParseError> {
    let lines = Lines::new(text);
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut export = Export::default();
    // Open elements above the nodes: `rss` and `channel`, with their lines.
    let mut outer: Vec<(String, usize)> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut last_report = 0;
    loop {
        let before = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (classify(&ns), event),
            Err(error) => {
                return Err(ParseError {
                    line: lines.at(reader.error_position()),
                    message: format!("the XML is malformed: {error}"),
                });
            }
        };
        let line = lines.at(before);
        match event {
            Event::Start(start) => {
                let name = start.local_name().into_inner().to_owned();
                let Some(ns) = ns else {
                    let prefix = start.name().into_inner().split(':').next().unwrap_or("");
                    return Err(ParseError {
                        line,
                        message: format!(
                            "<{}> uses the namespace prefix {prefix:?}, which is not declared",
                            start.name().into_inner()
                        ),
                    });
                };
                if outer.is_empty() {
                    check_root(&start, &name, line, &mut export)?;
                    outer.push((name, line));
                } else if outer.len() == 1 {
                    if name != "channel" {
                        return Err(ParseError {
                            line,
                            message: format!("expected <channel> inside <rss>, found <{name}>"),
                        });
                    }
                    outer.push((name, line));
                } else {
                    if nodes.len() == MAX_DEPTH {
                        return Err(ParseError {
                            line,
                            message: format!(
                                "elements nest more than {MAX_DEPTH} deep inside <channel>; \
                                 a WordPress export nests four"
                            ),
                        });
                    }
                    let mut attrs = Vec::new();
                    for attr in start.attributes() {
                        let attr = attr.map_err(|e| ParseError {
                            line,
                            message: format!("a malformed attribute: {e}"),
                        })?;
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| ParseError {
                                line,
                                message: format!("a malformed attribute value: {e}"),
                            })?;
                        attrs.push((
                            attr.key.local_name().into_inner().to_owned(),
                            value.into_owned(),
                        ));
                    }
                    nodes.push(Node { ns: Some(ns), name, attrs, line, ..Node::default() });
                }
            }
            Event::End(_) => {
                if let Some(node) = nodes.pop() {
                    match nodes.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => channel_child(node, &mut export)?,
                    }
                } else {
                    outer.pop();
                }
            }
            Event::Text(text) => {
                if let Some(node) = nodes.last_mut() {
                    node.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(node) = nodes.last_mut() {
                    node.text.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_xml_entity(&reference).map(str::to_owned)
                    }
                    Err(_) => None,
                };
                let Some(resolved) = resolved else {
                    return Err(ParseError {
                        line,
                        message: format!("unknown entity &{};", &*reference),
                    });
                };
                if let Some(node) = nodes.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::Eof => {
                if let Some(node) = nodes.first() {
                    return Err(truncated(&lines, text, &node.name, node.line));
                }
                if let Some((name, line)) = outer.last() {
                    return Err(truncated(&lines, text, name, *line));
                }
                break;
            }
            _ => {}
        }
        let position = reader.buffer_position();
        if position - last_report > 64 * 1024 {
            progress(position);
            last_report = position;
        }
    }
    progress(reader.buffer_position());
    if export.version.is_empty() {
        return Err(ParseError {
            line: 1,
            message: "this is not a WordPress export: there is no <rss> element".to_owned(),
        });
    }
    Ok(export)
}

fn truncated(lines: &Lines, text: &str, name: &str, line: usize) -> ParseError {
    ParseError {
        line: lines.at(text.len() as u64),
        message: format!(
            "the export ends before <{name}> (opened at line {line}) is closed: the file is truncated"
        ),
    }
}

/// The root must be `<rss>` declaring a WXR namespace Lede reads.
fn check_root(
    start: &quick_xml::events::BytesStart<'_>,
    name: &str,
    line: usize,
    export: &mut Export,
) -> Result<(), ParseError> {
    if name != "rss" {
        return Err(ParseError {
            line,
            message: format!("this is not a WordPress export: the document is <{name}>, not <rss>"),
        });
    }
    let mut other_wordpress = None;
    for attr in start.attributes().flatten() {
        let key = attr.key.into_inner();
        if !key.starts_with("xmlns") {
            continue;
        }
        let uri = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap_or_default()
            .into_owned();
        if let Some(version) = wxr_version(&uri) {
            export.version = version.to_owned();
        } else if uri.contains("wordpress.org/export") || key == "xmlns:wp" {
            other_wordpress = Some(uri);
        }
    }
    if export.version.is_empty() {
        let found = other_wordpress.map_or_else(
            || "no WordPress export namespace".to_owned(),
            |uri| format!("the namespace {uri:?}"),
        );
        return Err(ParseError {
            line,
            message: format!(
                "<rss> declares {found}; a WordPress export (WXR 1.0, 1.1 or 1.2) declares \
                 xmlns:wp=\"http://wordpress.org/export/1.2/\""
            ),
        });
    }
    Ok(())
}

/// Turns a finished child of `<channel>` into its record.
fn channel_child(node: Node, export: &mut Export) -> Result<(), ParseError> {
    match (node.ns, node.name.as_str()) {
        (Some(Ns::Rss), "title") => export.title = node.text.trim().to_owned(),
        (Some(Ns::Rss), "link") => export.link = node.text.trim().to_owned(),
        (Some(Ns::Rss), "language") => export.language = node.text.trim().to_owned(),
        (Some(Ns::Wp), "wxr_version") => {
            let version = node.text.trim();
            if !VERSIONS.contains(&version) {
                return Err(ParseError {
                    line: node.line,
                    message: format!(
                        "WXR version {version:?} is not one Lede reads (1.0, 1.1 or 1.2)"
                    ),
                });
            }
            export.version = version.to_owned();
        }
        (Some(Ns::Wp), "base_site_url") => export.base_site_url = node.text.trim().to_owned(),
        (Some(Ns::Wp), "base_blog_url") => export.base_blog_url = node.text.trim().to_owned(),
        (Some(Ns::Wp), "author") => export.authors.push(Author {
            login: node.text_of(Ns::Wp, "author_login"),
            email: node.text_of(Ns::Wp, "author_email"),
            display_name: node.text_of(Ns::Wp, "author_display_name"),
            first_name: node.text_of(Ns::Wp, "author_first_name"),
            last_name: node.text_of(Ns::Wp, "author_last_name"),
        }),
        (Some(Ns::Wp), "category") => export.categories.push(Category {
            nicename: node.text_of(Ns::Wp, "category_nicename"),
            parent: node.text_of(Ns::Wp, "category_parent"),
            name: node.text_of(Ns::Wp, "cat_name"),
            description: node.text_of(Ns::Wp, "category_description"),
        }),
        (Some(Ns::Wp), "tag") => export.tags.push(Tag {
            slug: node.text_of(Ns::Wp, "tag_slug"),
            name: node.text_of(Ns::Wp, "tag_name"),
        }),
        (Some(Ns::Rss), "item") => export.items.push(item(&node)?),
        _ => {}
    }
    Ok(())
}

fn item(node: &Node) -> Result<Item, ParseError> {
    // WordPress's importer takes an item without `<wp:post_type>` for a post, and so does Lede.
    let post_type = match node.text_of(Ns::Wp, "post_type") {
        empty if empty.is_empty() => "post".to_owned(),
        given => given,
    };
    let id = node.number_of(Ns::Wp, "post_id")?;
    if id <= 0 {
        return Err(ParseError {
            line: node.line,
            message: "an <item> without <wp:post_id>".to_owned(),
        });
    }
    let mut comments = Vec::new();
    for c in node.children.iter().filter(|c| c.ns == Some(Ns::Wp) && c.name == "comment") {
        comments.push(Comment {
            line: c.line,
            id: c.number_of(Ns::Wp, "comment_id")?,
            author: c.text_of(Ns::Wp, "comment_author"),
            email: c.text_of(Ns::Wp, "comment_author_email"),
            url: c.text_of(Ns::Wp, "comment_author_url"),
            date: c.text_of(Ns::Wp, "comment_date"),
            date_gmt: c.text_of(Ns::Wp, "comment_date_gmt"),
            content: c.raw_text_of(Ns::Wp, "comment_content"),
            approved: c.text_of(Ns::Wp, "comment_approved"),
            kind: c.text_of(Ns::Wp, "comment_type"),
            parent: c.number_of(Ns::Wp, "comment_parent")?,
        });
    }
    Ok(Item {
        line: node.line,
        title: node.text_of(Ns::Rss, "title"),
        link: node.text_of(Ns::Rss, "link"),
        pub_date: node.text_of(Ns::Rss, "pubDate"),
        creator: node.text_of(Ns::Dc, "creator"),
        guid: node.text_of(Ns::Rss, "guid"),
        content: node.raw_text_of(Ns::Content, "encoded"),
        excerpt: node.raw_text_of(Ns::Excerpt, "encoded"),
        id,
        date: node.text_of(Ns::Wp, "post_date"),
        date_gmt: node.text_of(Ns::Wp, "post_date_gmt"),
        modified_gmt: node.text_of(Ns::Wp, "post_modified_gmt"),
        name: node.text_of(Ns::Wp, "post_name"),
        status: node.text_of(Ns::Wp, "status"),
        parent: node.number_of(Ns::Wp, "post_parent")?,
        post_type,
        password: node.text_of(Ns::Wp, "post_password"),
        attachment_url: node.text_of(Ns::Wp, "attachment_url"),
        terms: node
            .children
            .iter()
            .filter(|c| c.ns == Some(Ns::Rss) && c.name == "category")
            .map(|c| {
                (
                    c.attr("domain").to_owned(),
                    c.attr("nicename").to_owned(),
                    c.text.trim().to_owned(),
                )
            })
            .collect(),
        meta: node
            .children
            .iter()
            .filter(|c| c.ns == Some(Ns::Wp) && c.name == "postmeta")
            .map(|m| (m.text_of(Ns::Wp, "meta_key"), m.text_of(Ns::Wp, "meta_value")))
            .collect(),
        comments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wxr(namespace: &str, items: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"{namespace}\">\n\
             <channel>\n<title>Old &amp; gold</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n{items}</channel>\n</rss>\n"
        )
    }

    const ITEM: &str = "<item>\n<title>Hello &#8220;world&#8221;</title>\n\
        <content:encoded><![CDATA[<p>Body</p>]]></content:encoded>\n\
        <wp:post_id>7</wp:post_id>\n<wp:post_type>post</wp:post_type>\n\
        <category domain=\"category\" nicename=\"news\"><![CDATA[News]]></category>\n\
        <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_parent>0</wp:comment_parent>\
        <wp:comment_content>Hi</wp:comment_content></wp:comment>\n</item>\n";

    #[test]
    fn reads_items_terms_and_comments() {
        let export = parse(&wxr("http://wordpress.org/export/1.2/", ITEM), |_| {}).expect("valid");
        assert_eq!(export.title, "Old & gold");
        assert_eq!(export.version, "1.2");
        let item = &export.items[0];
        assert_eq!((item.id, item.line), (7, 6));
        assert_eq!(item.title, "Hello “world”");
        assert_eq!(item.content, "<p>Body</p>");
        assert_eq!(item.terms[0], ("category".into(), "news".into(), "News".into()));
        assert_eq!(item.comments[0].content, "Hi");
    }

    /// Found while writing the WXR fuzz target (its inputs are too small to reach it): a file
    /// of 60,000 nested elements (420 kB) overflowed the stack when the item holding them was
    /// dropped, aborting the import.
    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let depth = 60_000;
        let items = format!("<item>\n{}{}</item>\n", "<x>".repeat(depth), "</x>".repeat(depth));
        let error =
            parse(&wxr("http://wordpress.org/export/1.2/", &items), |_| {}).expect_err("too deep");
        assert_eq!(error.line, 7, "{error}");
        assert!(error.message.contains("nest"), "{error}");
        let fine = format!(
            "<item>\n{}{}<wp:post_id>1</wp:post_id></item>\n",
            "<x>".repeat(60),
            "</x>".repeat(60)
        );
        assert!(parse(&wxr("http://wordpress.org/export/1.2/", &fine), |_| {}).is_ok());
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (wxr("http://example.com/not-wordpress/", ITEM), 2, "namespace"),
            (
                wxr("http://wordpress.org/export/1.2/", "<item>\n<title>x</titel>\n</item>\n"),
                7,
                "malformed",
            ),
            (
                wxr("http://wordpress.org/export/1.2/", ITEM)[..300].to_owned(),
                wxr("http://wordpress.org/export/1.2/", ITEM)[..300].lines().count(),
                "truncated",
            ),
            (
                wxr(
                    "http://wordpress.org/export/1.2/",
                    "<item><wp:post_id>x</wp:post_id></item>\n",
                ),
                6,
                "whole number",
            ),
        ];
        for (text, line, words) in cases {
            let error = parse(&text, |_| {}).expect_err("invalid");
            assert_eq!(error.line, line, "{error}");
            assert!(error.message.contains(words), "{error}");
        }
    }
}

//! The site as WXR 1.2, the format WordPress's importer (Tools → Import → WordPress) reads:
//! authors, categories (from sections, nested), tags, posts with their comments and featured
//! images (as attachments WordPress fetches from the running site), and pages.
//! WordPress has one author per post: the byline's first author is the one exported.

use super::{SiteInfo, absolute};
use crate::error::Result;
use lede_core::comment::CommentStatus;
use lede_core::content::ArticleStatus;
use lede_core::site_copy::{ArticleCopy, SiteCatalogCopy};
use lede_core::urls;
use quick_xml::escape::escape;
use std::collections::HashMap;
use std::io::Write;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;
use time::macros::format_description;

/// WordPress post ids for what Lede keeps in separate tables: articles, pages and featured
/// images each get every third number, so they never collide.
fn post_id(kind: u8, id: i64) -> i64 {
    id * 3 + i64::from(kind)
}
const ARTICLE: u8 = 0;
const PAGE: u8 = 1;
const ATTACHMENT: u8 = 2;

pub struct WxrWriter {
    site: SiteInfo,
    sections: HashMap<String, String>,
    tags: HashMap<String, String>,
    /// The ids of the articles written so far, by slug: a translation names its original by
    /// slug, WXR by post id, and originals come first.
    written: HashMap<String, i64>,
}

impl WxrWriter {
    pub fn new(site: &SiteInfo, catalog: &SiteCatalogCopy) -> Self {
        Self {
            site: site.clone(),
            sections: catalog
                .sections
                .iter()
                .map(|s| (s.slug.to_string(), s.name.clone()))
                .collect(),
            tags: catalog.tags.iter().map(|t| (t.slug.to_string(), t.name.clone())).collect(),
            written: HashMap::new(),
        }
    }
}

/// Text as a CDATA section (a `]]>` inside is split across two sections).
fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// A body as one "Custom HTML" block: Lede's HTML is final, and in a block WordPress shows it
/// as it is instead of adding paragraphs of its own.
fn html_block(html: &str) -> String {
    format!("<!-- wp:html -->\n{html}\n<!-- /wp:html -->")
}

/// Plain text as WordPress keeps it in titles, excerpts and comments, which it reads as HTML.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn wp_date(time: Option<OffsetDateTime>) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time.and_then(|t| t.format(format).ok()).unwrap_or_else(|| "0000-00-00 00:00:00".to_owned())
}

/// The catalog first, then articles as they are read, then the end of the file.
impl WxrWriter {
    pub fn start(&mut self, out: &mut dyn Write, catalog: &SiteCatalogCopy) -> Result<()> {
        let base = &self.site.base_url;
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>")?;
        writeln!(out, "<!-- generator=\"Lede\" -->")?;
        writeln!(
            out,
            "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
             xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:wp=\"http://wordpress.org/export/1.2/\">"
        )?;
        writeln!(out, "<channel>")?;
        writeln!(out, "\t<title>{}</title>", escape(self.site.name.as_str()))?;
        writeln!(out, "\t<link>{}</link>", escape(base.as_str()))?;
        writeln!(out, "\t<description>{}</description>", escape(self.site.tagline.as_str()))?;
        let now = self.site.exported_at.format(&Rfc2822).unwrap_or_default();
        writeln!(out, "\t<pubDate>{now}</pubDate>")?;
        writeln!(out, "\t<language>{}</language>", escape(self.site.language.as_str()))?;
        writeln!(out, "\t<wp:wxr_version>1.2</wp:wxr_version>")?;
        writeln!(out, "\t<wp:base_site_url>{}</wp:base_site_url>", escape(base.as_str()))?;
        writeln!(out, "\t<wp:base_blog_url>{}</wp:base_blog_url>", escape(base.as_str()))?;
        for a in &catalog.authors {
            writeln!(
                out,
                "\t<wp:author><wp:author_id>{}</wp:author_id><wp:author_login>{}</wp:author_login>\
                 <wp:author_email></wp:author_email><wp:author_display_name>{}</wp:author_display_name>\
                 <wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>",
                a.id,
                cdata(a.slug.as_str()),
                cdata(&a.name)
            )?;
        }
        for s in &catalog.sections {
            let parent = s.parent.as_ref().map(ToString::to_string).unwrap_or_default();
            writeln!(
                out,
                "\t<wp:category><wp:term_id>{}</wp:term_id><wp:category_nicename>{}</wp:category_nicename>\
                 <wp:category_parent>{}</wp:category_parent><wp:cat_name>{}</wp:cat_name>\
                 <wp:category_description>{}</wp:category_description></wp:category>",
                s.id,
                s.slug,
                parent,
                cdata(&s.name),
                cdata(&s.description)
            )?;
        }
        for t in &catalog.tags {
            writeln!(
                out,
                "\t<wp:tag><wp:term_id>{}</wp:term_id><wp:tag_slug>{}</wp:tag_slug><wp:tag_name>{}</wp:tag_name></wp:tag>",
                t.id,
                t.slug,
                cdata(&t.name)
            )?;
        }
        for p in &catalog.pages {
            let id = post_id(PAGE, p.id);
            let date = wp_date(Some(p.updated_at));
            let status = if p.status == "published" { "publish" } else { "draft" };
            writeln!(out, "\t<item>")?;
            writeln!(out, "\t\t<title>{}</title>", cdata(&html_text(&p.title)))?;
            writeln!(
                out,
                "\t\t<link>{}</link>",
                escape(absolute(base, &urls::page(&p.slug)).as_str())
            )?;
            writeln!(
                out,
                "\t\t<dc:creator>{}</dc:creator>",
                cdata(catalog.authors.first().map_or("", |a| a.slug.as_str()))
            )?;
            writeln!(
                out,
                "\t\t<guid isPermaLink=\"false\">{}</guid>",
                escape(format!("{base}/?page_id={id}").as_str())
            )?;
            writeln!(out, "\t\t<description></description>")?;
            writeln!(
                out,
                "\t\t<content:encoded>{}</content:encoded>",
                cdata(&html_block(&p.body_html))
            )?;
            writeln!(out, "\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>")?;
            writeln!(
                out,
                "\t\t<wp:post_id>{id}</wp:post_id><wp:post_date>{date}</wp:post_date>\
                 <wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_modified>{date}</wp:post_modified>\
                 <wp:post_modified_gmt>{date}</wp:post_modified_gmt><wp:comment_status>closed</wp:comment_status>\
                 <wp:ping_status>closed</wp:ping_status><wp:post_name>{}</wp:post_name>\
                 <wp:status>{status}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>\
                 <wp:post_type>page</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>",
                p.slug
            )?;
            writeln!(out, "\t</item>")?;
        }
        Ok(())
    }

    pub fn article(&mut self, out: &mut dyn Write, a: &ArticleCopy) -> Result<()> {
        let base = &self.site.base_url;
        let id = post_id(ARTICLE, a.id);
        self.written.insert(a.slug.to_string(), a.id);
        let status = match a.status {
            // WordPress has a trash too; an importer must not bring a trashed article back.
            _ if a.trashed_at.is_some() => "trash",
            ArticleStatus::Published => "publish",
            ArticleStatus::Scheduled => "future",
            ArticleStatus::InReview => "pending",
            ArticleStatus::Draft | ArticleStatus::Unpublished => "draft",
        };
        let date = wp_date(a.published_at.or(Some(a.created_at)));
        let date_gmt = wp_date(a.published_at);
        let modified = wp_date(Some(a.updated_at));
        let pub_date = a.published_at.and_then(|t| t.format(&Rfc2822).ok()).unwrap_or_default();
        writeln!(out, "\t<item>")?;
        writeln!(out, "\t\t<title>{}</title>", cdata(&html_text(&a.headline)))?;
        writeln!(
            out,
            "\t\t<link>{}</link>",
            escape(absolute(base, &urls::article(&a.slug)).as_str())
        )?;
        writeln!(out, "\t\t<pubDate>{pub_date}</pubDate>")?;
        writeln!(
            out,
            "\t\t<dc:creator>{}</dc:creator>",
            cdata(a.authors.first().map_or("", |s| s.as_str()))
        )?;
        writeln!(
            out,
            "\t\t<guid isPermaLink=\"false\">{}</guid>",
            escape(format!("{base}/?p={id}").as_str())
        )?;
        writeln!(out, "\t\t<description></description>")?;
        writeln!(
            out,
            "\t\t<content:encoded>{}</content:encoded>",
            cdata(&html_block(&a.body_html))
        )?;
        writeln!(
            out,
            "\t\t<excerpt:encoded>{}</excerpt:encoded>",
            cdata(&html_text(&a.standfirst))
        )?;
        writeln!(
            out,
            "\t\t<wp:post_id>{id}</wp:post_id><wp:post_date>{date}</wp:post_date>\
             <wp:post_date_gmt>{date_gmt}</wp:post_date_gmt><wp:post_modified>{modified}</wp:post_modified>\
             <wp:post_modified_gmt>{modified}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status>\
             <wp:ping_status>closed</wp:ping_status><wp:post_name>{}</wp:post_name>\
             <wp:status>{status}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>\
             <wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>",
            a.slug
        )?;
        let section = self.sections.get(a.section.as_str()).map_or("", String::as_str);
        writeln!(
            out,
            "\t\t<category domain=\"category\" nicename=\"{}\">{}</category>",
            a.section,
            cdata(section)
        )?;
        for tag in &a.tags {
            let name = self.tags.get(tag.as_str()).map_or("", String::as_str);
            writeln!(
                out,
                "\t\t<category domain=\"post_tag\" nicename=\"{tag}\">{}</category>",
                cdata(name)
            )?;
        }
        let meta = |key: &str, value: &str| {
            format!(
                "\t\t<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{}</wp:meta_value></wp:postmeta>",
                cdata(value)
            )
        };
        writeln!(out, "{}", meta(crate::map::LANGUAGE_META, &a.language))?;
        if let Some(&original) =
            a.translation_of.as_ref().and_then(|o| self.written.get(o.as_str()))
        {
            let original = post_id(ARTICLE, original).to_string();
            writeln!(out, "{}", meta(crate::map::TRANSLATION_OF_META, &original))?;
        }
        let image_id = post_id(ATTACHMENT, a.id);
        if a.featured_image.is_some() {
            writeln!(
                out,
                "\t\t<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{image_id}</wp:meta_value></wp:postmeta>"
            )?;
        }
        for c in &a.comments {
            let approved = match c.status {
                CommentStatus::Approved => "1",
                CommentStatus::Pending => "0",
                CommentStatus::Spam => "spam",
                CommentStatus::Trash => "trash",
            };
            let when = wp_date(Some(c.created_at));
            writeln!(
                out,
                "\t\t<wp:comment><wp:comment_id>{}</wp:comment_id><wp:comment_author>{}</wp:comment_author>\
                 <wp:comment_author_email></wp:comment_author_email><wp:comment_author_url>{}</wp:comment_author_url>\
                 <wp:comment_author_IP></wp:comment_author_IP><wp:comment_date>{when}</wp:comment_date>\
                 <wp:comment_date_gmt>{when}</wp:comment_date_gmt><wp:comment_content>{}</wp:comment_content>\
                 <wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
                 <wp:comment_parent>{}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>",
                c.id,
                cdata(&c.name),
                escape(c.website.as_deref().unwrap_or("")),
                cdata(&html_text(&c.text)),
                c.parent.unwrap_or(0)
            )?;
        }
        writeln!(out, "\t</item>")?;
        if let Some(image) = &a.featured_image {
            let url = absolute(base, &image.src);
            let name = image.src.rsplit('/').next().unwrap_or("image");
            writeln!(out, "\t<item>")?;
            writeln!(
                out,
                "\t\t<title>{}</title>",
                cdata(&html_text(if image.alt.is_empty() { name } else { &image.alt }))
            )?;
            writeln!(out, "\t\t<link>{}</link>", escape(url.as_str()))?;
            writeln!(
                out,
                "\t\t<dc:creator>{}</dc:creator>",
                cdata(a.authors.first().map_or("", |s| s.as_str()))
            )?;
            writeln!(out, "\t\t<guid isPermaLink=\"false\">{}</guid>", escape(url.as_str()))?;
            writeln!(out, "\t\t<description></description>")?;
            writeln!(out, "\t\t<content:encoded><![CDATA[]]></content:encoded>")?;
            writeln!(
                out,
                "\t\t<excerpt:encoded>{}</excerpt:encoded>",
                cdata(&html_text(&image.caption))
            )?;
            writeln!(
                out,
                "\t\t<wp:post_id>{image_id}</wp:post_id><wp:post_date>{date}</wp:post_date>\
                 <wp:post_date_gmt>{date_gmt}</wp:post_date_gmt><wp:post_name>{}</wp:post_name>\
                 <wp:status>inherit</wp:status><wp:post_parent>{id}</wp:post_parent>\
                 <wp:post_type>attachment</wp:post_type><wp:attachment_url>{}</wp:attachment_url>",
                escape(format!("{}-image", a.slug).as_str()),
                escape(url.as_str())
            )?;
            writeln!(
                out,
                "\t\t<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{}</wp:meta_value></wp:postmeta>",
                cdata(&image.alt)
            )?;
            writeln!(out, "\t</item>")?;
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> Result<()> {
        writeln!(out, "</channel>")?;
        writeln!(out, "</rss>")?;
        Ok(())
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::export::XmlChars;
    use lede_core::Slug;
    use lede_core::site_copy::{AuthorRecord, SectionRecord};
    use proptest::prelude::*;
    use time::macros::datetime;

    fn slug(text: &str) -> Slug {
        Slug::parse(text).expect("a slug")
    }

    /// An article with `headline`, `standfirst` and a body rendered from `markdown`, written
    /// as WXR and read back as the import reads it: what the newsroom would store.
    fn round_trip(
        headline: &str,
        standfirst: &str,
        markdown: &str,
    ) -> (String, String, String, String) {
        let site = SiteInfo {
            name: "Lede".into(),
            tagline: String::new(),
            base_url: "https://lede.example".into(),
            language: "en".into(),
            exported_at: datetime!(2026-12-01 12:00 UTC),
        };
        let at = datetime!(2026-11-29 08:00 UTC);
        let catalog = SiteCatalogCopy {
            authors: vec![AuthorRecord {
                id: 1,
                slug: slug("ada"),
                name: "Ada".into(),
                bio: String::new(),
                website: None,
                avatar: None,
                created_at: at,
                names: Default::default(),
            }],
            sections: vec![SectionRecord {
                id: 1,
                slug: slug("news"),
                name: "News".into(),
                description: String::new(),
                parent: None,
                position: 0,
                names: Default::default(),
            }],
            ..SiteCatalogCopy::default()
        };
        let body_html = lede_core::markdown::render(markdown);
        let article = ArticleCopy {
            id: 1,
            slug: slug("story"),
            headline: headline.to_owned(),
            standfirst: standfirst.to_owned(),
            body_markdown: markdown.to_owned(),
            body_html: body_html.clone(),
            language: "en".into(),
            translation_of: None,
            status: ArticleStatus::Published,
            section: slug("news"),
            authors: vec![slug("ada")],
            tags: Vec::new(),
            featured_image: None,
            partner_only: false,
            version: 1,
            published_at: Some(datetime!(2026-11-30 08:00 UTC)),
            created_at: at,
            updated_at: datetime!(2026-11-30 09:00 UTC),
            shown_updated_at: None,
            trashed_at: None,
            trashed_from: None,
            presentation: Default::default(),
            notes: Vec::new(),
            revisions: Vec::new(),
            pending: None,
            comments: Vec::new(),
        };
        let mut file = Vec::new();
        let mut writer = WxrWriter::new(&site, &catalog);
        let mut out = XmlChars(&mut file);
        writer.start(&mut out, &catalog).expect("written");
        writer.article(&mut out, &article).expect("written");
        writer.finish(&mut out).expect("written");
        let text = String::from_utf8(file).expect("UTF-8");
        let export = crate::wxr::parse(&text, |_| {}).expect("Lede's export reads");
        let plan = crate::map::plan(&export, None, site.exported_at);
        let mut checked = plan.batch.check(b"secret").expect("Lede's export imports");
        let imported = checked.articles.pop().expect("the article").article;
        (imported.input.headline, imported.input.standfirst, imported.body_html, body_html)
    }

    /// One-line text as the newsroom keeps it (trimmed, no control characters), with what
    /// XML and HTML treat specially: `&`, `<`, `]]>`, entities, quotes, non-breaking and
    /// other spaces, right-to-left letters.
    fn line(max: usize) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9 .,:;!?'’\"()/-]{1,8}",
            "[\u{0627}-\u{064A}\u{06A9}\u{06CC}\u{06D4} ]{1,8}",
            proptest::sample::select(
                &[
                    "&",
                    "&amp;",
                    "<b>",
                    "</p>",
                    "]]>",
                    "<![CDATA[",
                    "&#8220;",
                    "\u{a0}",
                    "\u{2009}",
                    "%20",
                    "[caption]"
                ][..]
            )
            .prop_map(str::to_owned),
        ];
        proptest::collection::vec(piece, 1..10).prop_filter_map("a line", move |pieces| {
            let text = pieces.concat();
            let text: String = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.trim().to_owned();
            (!text.is_empty() && text.chars().count() <= max).then_some(text)
        })
    }

    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9 .,]{1,12}",
            "[\u{0627}-\u{064A} ]{1,8}",
            proptest::sample::select(
                &[
                    "\n\n",
                    "**bold**",
                    "_it_",
                    "`code`",
                    "# Head\n",
                    "> quote\n",
                    "- item\n",
                    "<em>x</em>",
                    "&",
                    "<",
                    "]]>",
                    "[link](https://example.com/a?b=1&c=2)",
                    "| a | b |\n|---|---|\n| 1 | 2 |\n",
                    "\u{a0}"
                ][..]
            )
            .prop_map(str::to_owned),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A Lede site exported as WXR and imported again keeps each article's headline,
        /// standfirst and body as they were.
        #[test]
        fn headlines_and_bodies_survive_export_and_import(
            headline in line(300),
            standfirst in line(600),
            body in markdown(),
        ) {
            let (got_headline, got_standfirst, got_body, body_html) = round_trip(&headline, &standfirst, &body);
            prop_assert_eq!(got_headline, headline);
            prop_assert_eq!(got_standfirst, standfirst);
            prop_assert_eq!(got_body.trim(), body_html.trim());
        }
    }
}

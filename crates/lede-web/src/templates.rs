//! Templates: MiniJinja (Jinja2 syntax theme authors know), compiled once at start, with
//! autoescaping on and undefined variables as errors. A site may override any template by
//! putting a file of the same name in its own template folder; otherwise the default theme,
//! embedded in the binary, answers.

use crate::i18n::{self, Translations};
use axum::response::Html;
use minijinja::value::Kwargs;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Embeds the named templates of the default theme.
macro_rules! default_theme {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, embedded so the binary needs no files beside it.
pub(crate) const DEFAULT_THEME: &[(&str, &str)] = default_theme!(
    "base.html",
    "macros.html",
    "home.html",
    "article.html",
    "article_main.html",
    "corrections.html",
    "comment_form.html",
    "list.html",
    "author.html",
    "page.html",
    "error.html",
    "search.html",
    "newsletters.html",
    "email/base.html",
    "email/issue.html",
    "email/issue.txt",
    "email/confirm.html",
    "email/confirm.txt",
    "admin/layout.html",
    "admin/sign_in.html",
    "admin/setup.html",
    "admin/dashboard.html",
    "admin/comments.html",
    "admin/profile.html",
    "admin/articles.html",
    "admin/editor.html",
    "admin/preview.html",
    "admin/media_picker.html",
    "admin/revisions.html",
    "admin/trash_confirm.html",
    "admin/media.html",
    "admin/people.html",
    "admin/sections.html",
    "admin/section.html",
    "admin/settings.html",
    "admin/breaking.html",
    "admin/pages.html",
    "admin/page_editor.html",
    "admin/page_revisions.html",
    "admin/page_delete.html",
    "admin/menus.html",
    "admin/newsletters.html",
    "admin/newsletter_issues.html",
    "admin/email_preview.html",
    "admin/webhooks.html",
    "admin/webhook.html",
    "feeds/rss.xml",
    "feeds/atom.xml",
    "sitemaps/index.xml",
    "sitemaps/urlset.xml",
    "sitemaps/news.xml",
);

#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Loads and compiles every template, so a broken override fails at start, not on a
    /// reader's request. Templates translate with `t("message-id", name=value…)` into the
    /// language named by `lang` in their context (English when there is none).
    pub fn new(
        override_dir: Option<PathBuf>,
        translations: Arc<Translations>,
    ) -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        env.add_function("t", move |state: &minijinja::State<'_, '_>, id: &str, kwargs: Kwargs| {
            let language = state.lookup("lang");
            let language = language.as_ref().and_then(|l| l.as_str()).unwrap_or(i18n::FALLBACK);
            let names: Vec<&str> = kwargs.args().collect();
            let mut pairs = Vec::with_capacity(names.len());
            for name in names {
                pairs.push((name, kwargs.get::<minijinja::Value>(name)?));
            }
            kwargs.assert_all_used()?;
            // An argument that is already HTML (a link captured with `{% set %}`) makes the
            // message HTML: the other arguments are escaped, the message text is the
            // theme's own, trusted.
            let html = pairs.iter().any(|(_, value)| value.is_safe());
            if html {
                for (_, value) in &mut pairs {
                    if !value.is_safe() {
                        *value = minijinja::Value::from(escape_html(&value.to_string()));
                    }
                }
            }
            let args = (!pairs.is_empty()).then(|| i18n::args_from(pairs.into_iter()));
            let text = translations.message(language, id, args.as_ref());
            Ok::<_, minijinja::Error>(if html {
                minijinja::Value::from_safe_string(text)
            } else {
                minijinja::Value::from(text)
            })
        });
        // Plain text bound for an element that feed readers read as HTML (RSS's
        // `<description>`): escaped as HTML here, then once more as XML by the template.
        env.add_filter("html_text", |text: String| escape_html(&text));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_loader(move |name| {
            if let Some(dir) = &override_dir {
                let path = dir.join(name);
                if name.split('/').all(|part| !part.is_empty() && part != "..") && path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            "cannot read a site template",
                        )
                        .with_source(e)
                    });
                }
            }
            Ok(DEFAULT_THEME
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, source)| (*source).to_owned()))
        });
        env.set_formatter(escape_formatter);
        for (name, _) in DEFAULT_THEME {
            env.get_template(name)?;
        }
        Ok(Self { env })
    }

    pub fn render(
        &self,
        name: &str,
        context: impl Serialize,
    ) -> Result<Html<String>, minijinja::Error> {
        Ok(Html(self.env.get_template(name)?.render(context)?))
    }
}

/// MiniJinja's HTML escaping also escapes `/`, which bloats every URL in every attribute for
/// no gain in HTML5; this escapes the five characters that matter (`& < > " '`). XML
/// templates (feeds, sitemaps) never write a character XML 1.0 forbids, whatever the data
/// holds: one control character in a headline would make the whole document unreadable.
fn escape_formatter(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let write_failed = |e| {
        minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write").with_source(e)
    };
    if state.name().ends_with(".xml") && !value.is_undefined() && !value.is_none() {
        let text = value.to_string();
        if text.chars().any(|c| !xml_char(c)) {
            let text: String = text.chars().filter(|c| xml_char(*c)).collect();
            let text = if value.is_safe() { text } else { escape_html(&text) };
            return out.write_str(&text).map_err(write_failed);
        }
    }
    if !matches!(state.auto_escape(), minijinja::AutoEscape::Html) || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    out.write_str(&escape_html(&value.to_string())).map_err(write_failed)
}

/// Whether XML 1.0 allows `c` in a document (`Char` in the specification): of the control
/// characters only tab, line feed and carriage return, and not U+FFFE or U+FFFF.
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Escapes the five characters that matter in HTML text and attributes (`& < > " '`).
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

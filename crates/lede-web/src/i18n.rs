//! Interface strings in the reader's language: Project Fluent messages with CLDR plural rules,
//! one file per language under the theme (`themes/default/locales/<tag>/main.ftl`). Adding a
//! language is adding one file here; a test fails when a file lacks a message another has, or
//! a message no template or code uses. Templates call `t("message-id", name=value…)`; the
//! language is the page's own (`lang` in the template's context: an article's language, or
//! the edition's).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages the default theme ships, with their messages, embedded in the binary.
pub const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../../../themes/default/locales/en/main.ftl")),
    ("ur", include_str!("../../../themes/default/locales/ur/main.ftl")),
];

/// The language whose messages stand in for any another language lacks.
pub const FALLBACK: &str = "en";

/// A translation file that does not parse.
#[derive(Debug, Clone, thiserror::Error)]
#[error("themes/default/locales/{language}/main.ftl: {problem}")]
pub struct TranslationError {
    pub language: String,
    pub problem: String,
}

/// Every shipped language's messages.
pub struct Translations {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let languages: Vec<_> = self.bundles.iter().map(|(l, _)| l).collect();
        f.debug_struct("Translations").field("languages", &languages).finish()
    }
}

impl Translations {
    /// Every shipped language's messages, parsed once per process (the files are part of the
    /// binary, so every state and default shares one copy); a syntax error fails at start.
    pub fn shipped() -> Result<std::sync::Arc<Self>, TranslationError> {
        static SHIPPED_ONCE: std::sync::OnceLock<
            Result<std::sync::Arc<Translations>, TranslationError>,
        > = std::sync::OnceLock::new();
        SHIPPED_ONCE.get_or_init(|| Self::parse().map(std::sync::Arc::new)).clone()
    }

    /// Parses every shipped file.
    fn parse() -> Result<Self, TranslationError> {
        let mut bundles = Vec::new();
        for (language, source) in SHIPPED {
            let failed =
                |problem: String| TranslationError { language: (*language).to_owned(), problem };
            let resource = FluentResource::try_new((*source).to_owned())
                .map_err(|(_, errors)| failed(format!("{errors:?}")))?;
            let id: LanguageIdentifier =
                language.parse().map_err(|e| failed(format!("not a language tag: {e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Pages isolate names with <bdi>; Fluent's own isolation marks would show up in
            // attributes and plain-text feeds.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| failed(format!("{errors:?}")))?;
            bundles.push(((*language).to_owned(), bundle));
        }
        Ok(Self { bundles })
    }

    /// The English message `id`, for defaults set before any state exists.
    pub fn english(id: &str) -> String {
        match Self::shipped() {
            Ok(translations) => translations.message(FALLBACK, id, None),
            Err(_) => id.to_owned(),
        }
    }

    /// The languages with messages, in the order shipped.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.bundles.iter().map(|(language, _)| language.as_str())
    }

    /// The bundle for `language` (`ur-PK` falls back to `ur`), if one is shipped.
    fn bundle(&self, language: &str) -> Option<&FluentBundle<FluentResource>> {
        let primary = language.split('-').next().unwrap_or(language);
        self.bundles
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(language))
            .or_else(|| self.bundles.iter().find(|(l, _)| l.eq_ignore_ascii_case(primary)))
            .map(|(_, bundle)| bundle)
    }

    /// The message `id` in `language`, with `args` put in; English where the language lacks
    /// it, and the id itself (logged) where no file has it, so a page never fails for a word.
    pub fn message(&self, language: &str, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [self.bundle(language), self.bundle(FALLBACK)].into_iter().flatten() {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id, language, ?errors, "a message was formatted with errors");
            }
            return text.into_owned();
        }
        tracing::warn!(id, language, "no translation has this message");
        id.to_owned()
    }

    /// A message of Lede's Rust code (a refused input, a refusal of the store, an error
    /// page) in `language`; arguments that are messages themselves (a role's name, the
    /// problem an import label introduces) are put in the same language.
    pub fn say(&self, language: &str, message: &lede_core::Message) -> String {
        use lede_core::message::Arg;
        let mut args = FluentArgs::new();
        for (name, arg) in message.args() {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(inner) => FluentValue::from(self.say(language, inner)),
            };
            args.set(*name, value);
        }
        let args = (!message.args().is_empty()).then_some(args);
        self.message(language, message.id(), args.as_ref())
    }

    /// Every message id of each language, for the completeness test.
    #[cfg(test)]
    fn ids(&self) -> Vec<(String, Vec<String>)> {
        SHIPPED
            .iter()
            .map(|(language, source)| {
                let ids = source
                    .lines()
                    .filter_map(|line| {
                        let (id, _) = line.split_once(" =")?;
                        let id = id.trim_end();
                        let valid = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                            && id
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                        valid.then(|| id.to_owned())
                    })
                    .collect();
                ((*language).to_owned(), ids)
            })
            .collect()
    }
}

/// Text arguments for a message Rust formats; `None` when there are none.
pub fn text_args<'a>(pairs: &[(&'a str, &str)]) -> Option<FluentArgs<'a>> {
    (!pairs.is_empty()).then(|| {
        let mut args = FluentArgs::new();
        for (name, value) in pairs {
            args.set(*name, FluentValue::from((*value).to_owned()));
        }
        args
    })
}

/// Number arguments for a message Rust formats, so plural rules apply ("1 word", "2 words").
pub fn number_args<'a>(pairs: &[(&'a str, usize)]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, FluentValue::from(i64::try_from(*value).unwrap_or(i64::MAX)));
    }
    args
}

/// Turns a template's keyword arguments into Fluent's: numbers stay numbers (so plural rules
/// apply), everything else is text.
pub fn args_from<'a>(pairs: impl Iterator<Item = (&'a str, minijinja::Value)>) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        let value = match value.as_i64() {
            Some(n) if value.kind() == minijinja::value::ValueKind::Number => FluentValue::from(n),
            _ => FluentValue::from(value.to_string()),
        };
        args.set(name, value);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let translations = Translations::shipped().expect("the shipped files parse");
        let ids = translations.ids();
        let (_, english) = &ids[0];
        assert!(english.len() > 100, "English has its messages");
        for (language, theirs) in &ids[1..] {
            let missing: Vec<_> = english.iter().filter(|id| !theirs.contains(id)).collect();
            let extra: Vec<_> = theirs.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(extra.is_empty(), "{language} has messages English lacks: {extra:?}");
        }
    }

    /// Every `.rs` file under `dir`, recursively.
    fn rust_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }

    /// The text of every Rust source of the workspace (each crate's `src/`).
    fn rust_sources() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for krate in std::fs::read_dir(root.join("crates")).expect("crates/").flatten() {
            let src = krate.path().join("src");
            if src.is_dir() {
                rust_files(&src, &mut files);
            }
        }
        assert!(files.len() > 20, "found the Rust sources: {files:?}");
        files
            .into_iter()
            .map(|file| {
                let text = std::fs::read_to_string(&file).expect("a readable source");
                (file, text)
            })
            .collect()
    }

    /// A message no template, editor.js or Rust code names (as "id" or 'id') is dead weight
    /// translators would keep translating; one that code uses but a file lacks shows its id.
    /// The list of lede-core's and lede-store's messages (lede_core::message) does not count
    /// as a use: each must be written by some code too.
    #[test]
    fn every_message_is_used_somewhere() {
        let mut sources: Vec<String> = crate::templates::DEFAULT_THEME
            .iter()
            .map(|(_, source)| (*source).to_owned())
            .collect();
        sources.push(include_str!("../../../themes/default/static/editor.js").to_owned());
        let catalogue = include_str!("../../lede-core/src/message.rs");
        sources.extend(
            rust_sources().into_iter().map(|(_, text)| text).filter(|text| text != catalogue),
        );
        // This file names ids in its own tests; they must be used elsewhere too.
        let this_file = include_str!("i18n.rs");
        let translations = Translations::shipped().expect("parse");
        let ids = translations.ids();
        let (_, english) = &ids[0];
        let unused: Vec<_> = english
            .iter()
            .filter(|id| {
                let quoted = [format!("\"{id}\""), format!("'{id}'")];
                !sources.iter().any(|source| {
                    source != this_file && quoted.iter().any(|q| source.contains(q.as_str()))
                })
            })
            .collect();
        // And the other way: every t("id") of a template has an English message.
        let missing: Vec<_> = crate::templates::DEFAULT_THEME
            .iter()
            .flat_map(|(name, source)| {
                source
                    .split("t(\"")
                    .skip(1)
                    .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
                    .filter(|id| !english.iter().any(|e| e == id))
                    .map(move |id| format!("{name}: {id}"))
            })
            .collect();
        assert!(missing.is_empty(), "templates use messages en/main.ftl lacks: {missing:?}");
        assert!(
            unused.is_empty(),
            "en/main.ftl has messages nothing uses (wire them, or drop them from every \
             main.ftl): {unused:?}"
        );
    }

    /// The families of messages Rust code writes: refused input, the store's refusals, error
    /// pages, and the newsroom's and the reader site's own words.
    const RUST_FAMILIES: &[&str] = &[
        "validation-",
        "media-error-",
        "workflow-",
        "import-",
        "store-",
        "error-",
        "admin-",
        "comments-",
        "search-",
    ];

    /// Every message id the Rust code can produce exists in every shipped language: those
    /// lede_core::message lists, and every string literal of Rust code that has the shape of
    /// an id of one of the families above (`Message::new("store-slug-taken")`,
    /// `Invalid::new("slug", "validation-slug-chars")`, `say(…, "admin-…")`).
    #[test]
    fn every_message_rust_writes_is_in_every_language() {
        let translations = Translations::shipped().expect("parse");
        let ids = translations.ids();
        let mut wanted: Vec<(String, String)> = lede_core::message::ENGLISH
            .iter()
            .chain(lede_core::message::ENGLISH_ONE)
            .map(|(id, _)| ((*id).to_owned(), "lede_core::message".to_owned()))
            .collect();
        let this_file = include_str!("i18n.rs");
        for (file, text) in rust_sources() {
            if text == this_file {
                continue;
            }
            for literal in text.split('"').skip(1).step_by(2) {
                let shaped = literal.split('-').count() > 1
                    && literal.split('-').all(|part| {
                        !part.is_empty()
                            && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    });
                if shaped && RUST_FAMILIES.iter().any(|family| literal.starts_with(family)) {
                    wanted.push((literal.to_owned(), file.display().to_string()));
                }
            }
        }
        assert!(wanted.len() > 150, "found the ids Rust writes: {}", wanted.len());
        for (language, theirs) in &ids {
            let missing: Vec<_> = wanted.iter().filter(|(id, _)| !theirs.contains(id)).collect();
            assert!(missing.is_empty(), "{language}/main.ftl lacks (id, where): {missing:?}");
        }
    }

    /// lede-core's English (its errors' `Display`, for logs and the command line) says what
    /// en/main.ftl says, argument for argument.
    #[test]
    fn the_domains_english_is_the_english_file() {
        use lede_core::Message;
        let translations = Translations::shipped().expect("parse");
        let cases = lede_core::message::ENGLISH
            .iter()
            .map(|(id, text)| (*id, *text, 2))
            .chain(lede_core::message::ENGLISH_ONE.iter().map(|(id, text)| (*id, *text, 1)));
        for (id, text, count) in cases {
            let mut message = Message::new(id);
            for name in text.split("{ $").skip(1).filter_map(|rest| rest.split_once(" }")) {
                let name = name.0;
                let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
                message = if name == "count" {
                    message.number(name, count)
                } else {
                    message.text(name, format!("<{name}>"))
                };
            }
            assert_eq!(message.to_string(), translations.say("en", &message), "{id}");
        }
        let nested = Message::new("workflow-role-cannot-publish")
            .message("role", lede_core::account::Role::Author.name());
        assert_eq!(nested.to_string(), translations.say("en", &nested));
        let urdu = translations.say("ur", &nested);
        assert!(urdu.starts_with(&translations.message("ur", "admin-role-author", None)), "{urdu}");
    }

    #[test]
    fn plurals_follow_each_language_and_fall_back_to_english() {
        let translations = Translations::shipped().expect("parse");
        let minutes = |n: i64| {
            let mut args = FluentArgs::new();
            args.set("minutes", n);
            args
        };
        assert_eq!(translations.message("en", "article-min-read", Some(&minutes(4))), "4 min read");
        let urdu = translations.message("ur", "article-min-read", Some(&minutes(4)));
        assert!(urdu.contains('4') && urdu.contains("منٹ"), "{urdu}");
        assert_eq!(
            translations.message("ur-PK", "nav-search", None),
            translations.message("ur", "nav-search", None)
        );
        assert_eq!(translations.message("fr", "nav-search", None), "Search", "English stands in");
        assert_eq!(translations.message("en", "no-such-message", None), "no-such-message");
    }
}

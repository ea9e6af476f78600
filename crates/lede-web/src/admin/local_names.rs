//! The fields a form carries for names in the site's other languages ("Name in اردو",
//! "Bio in اردو"): the section form and each person's profile. They arrive as `name-ur`,
//! `description-ur`, `bio-ur`…, one pair per language other than the default.

use crate::state::AppState;
use lede_core::content::is_right_to_left;
use lede_core::names::LocalName;
use serde::Serialize;
use std::collections::BTreeMap;

/// One language's fields, as the template shows them.
#[derive(Debug, Serialize)]
pub struct LanguageFields {
    pub language: String,
    /// The language's name for itself (`اردو`), for the labels.
    pub autonym: String,
    pub dir: &'static str,
    /// The inputs' names (`name-ur`, `bio-ur`).
    pub name_field: String,
    pub text_field: String,
    pub name: String,
    pub text: String,
}

fn key(field: &str, language: &str) -> String {
    format!("{field}-{language}")
}

/// The fields of every language but the default, filled from what a form sent back (`sent`,
/// when it is shown again to correct a mistake), or else from the stored names.
pub fn fields(
    state: &AppState,
    text_field: &str,
    stored: &[&LocalName],
    sent: Option<&BTreeMap<String, String>>,
) -> Vec<LanguageFields> {
    let languages = state.newsroom.languages();
    languages
        .editions()
        .map(|language| {
            let stored = stored.iter().find(|n| n.language == language);
            let (name_field, text_field) = (key("name", language), key(text_field, language));
            let value = |field: &str, stored: Option<&String>| match sent {
                Some(sent) => sent.get(field).cloned().unwrap_or_default(),
                None => stored.cloned().unwrap_or_default(),
            };
            LanguageFields {
                language: language.to_owned(),
                autonym: state.translations.message(language, "language-autonym", None),
                dir: if is_right_to_left(language) { "rtl" } else { "ltr" },
                name: value(&name_field, stored.map(|n| &n.name)),
                text: value(&text_field, stored.map(|n| &n.text)),
                name_field,
                text_field,
            }
        })
        .collect()
}

/// The names a form sent for the site's other languages. A language whose fields the form
/// did not carry at all is left out (its stored names stay); one sent empty is given as
/// empty, which removes its names.
pub fn sent(state: &AppState, text_field: &str, sent: &BTreeMap<String, String>) -> Vec<LocalName> {
    let languages = state.newsroom.languages();
    languages
        .editions()
        .filter_map(|language| {
            let name = sent.get(&key("name", language));
            let text = sent.get(&key(text_field, language));
            (name.is_some() || text.is_some()).then(|| LocalName {
                language: language.to_owned(),
                name: name.cloned().unwrap_or_default(),
                text: text.cloned().unwrap_or_default(),
            })
        })
        .collect()
}

//! Slugs: the stable names of articles, authors, sections, tags and pages in their addresses.
//! Letters of any script are allowed, so an Urdu headline makes an Urdu address (percent-encoded
//! on the wire, as browsers and sitemaps expect, and shown in Urdu in the address bar).

use crate::script::fold;
use crate::{Invalid, Message, Result};
use std::borrow::Cow;
use std::fmt;

/// Longest slug accepted, in characters; long enough for a headline, short enough for a URL
/// people share.
const MAX_LEN: usize = 120;

/// Whether `c` may stand in a slug: lowercase letters and digits of any script, and hyphens.
fn slug_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
    } else {
        c.is_alphanumeric() && !c.is_uppercase()
    }
}

/// A URL-safe name: lowercase letters and digits (of any script) and single hyphens, not at
/// either end.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Accepts a slug exactly as given, or says why it is not one.
    pub fn parse(text: &str) -> Result<Self> {
        let valid_chars = text.chars().all(slug_char);
        if text.is_empty() {
            return Err(Invalid::new("slug", "validation-slug-empty"));
        }
        if text.chars().count() > MAX_LEN {
            return Err(Invalid::new(
                "slug",
                Message::new("validation-slug-too-long").text("max", MAX_LEN),
            ));
        }
        if !valid_chars || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(Invalid::new("slug", "validation-slug-chars"));
        }
        Ok(Self(text.to_owned()))
    }

    /// Proposes a slug from a title: letters are lowercased, then Latin accents are folded
    /// where a plain letter exists (whether the accent is part of the letter or a combining
    /// mark after it), Arabic-script spellings are folded to one ([`crate::script::fold`]:
    /// digits to ASCII, vowel marks dropped), letters of other scripts are kept, and every
    /// other run of characters becomes one hyphen. Proposing again from the slug gives it
    /// back. A title with no letters or digits gives `None`, so the caller chooses a fallback
    /// rather than getting an empty slug.
    pub fn from_title(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        // Lowercasing comes first: `Ā` becomes `ā`, which folds to `a` (folding first would
        // keep `ā`, and a second proposal would fold it), and `İ` becomes `i` and a dot.
        for c in fold(title).chars().flat_map(char::to_lowercase).flat_map(fold_accent) {
            if c != '-' && slug_char(c) {
                out.push(c);
            } else if combining_accent(c) || c == '\'' || c == '’' {
                // An accent belongs to the letter before it, an apostrophe to its word.
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let mut slug = out.trim_end_matches('-').to_owned();
        if let Some((limit, _)) = slug.char_indices().nth(MAX_LEN) {
            let cut = slug[..limit].rfind('-').unwrap_or(limit);
            slug.truncate(cut);
        }
        Self::parse(&slug).ok()
    }

    /// A slug from `title`, else from `fallback` (such as `post-12`), else `untitled`: for
    /// callers that must have one.
    pub fn from_title_or(title: &str, fallback: &str) -> Self {
        Self::from_title(title)
            .or_else(|| Self::from_title(fallback))
            .unwrap_or_else(|| Self("untitled".to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The slug as it travels in a URL: non-ASCII letters percent-encoded as UTF-8 (RFC 3986),
    /// which sitemaps and feeds require; ASCII slugs come back as they are.
    pub fn url_encoded(&self) -> Cow<'_, str> {
        crate::uri::encode_path(&self.0)
    }

    /// The longest slug, in characters.
    pub const MAX_LEN: usize = MAX_LEN;

    /// A regular expression that matches exactly the texts [`Self::parse`] accepts, but for
    /// their length ([`Self::MAX_LEN`]), for documents that describe slugs to other programs
    /// (the API's OpenAPI document). It lists the characters themselves, derived from the rule
    /// here, rather than naming Unicode properties: every engine reads it the same way (no
    /// `\p{…}`, no lookaround), whatever Unicode tables it carries. Characters of the Basic
    /// Multilingual Plane beyond ASCII are written `\uXXXX`, the others as themselves.
    pub fn pattern() -> String {
        let mut class = String::new();
        let mut run: Option<(char, char)> = None;
        let letters = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in letters.filter(|&c| c != '-' && slug_char(c)) {
            run = match run {
                Some((first, last)) if u32::from(last) + 1 == u32::from(c) => Some((first, c)),
                Some((first, last)) => {
                    push_range(&mut class, first, last);
                    Some((c, c))
                }
                None => Some((c, c)),
            };
        }
        if let Some((first, last)) = run {
            push_range(&mut class, first, last);
        }
        format!("^[{class}]+(?:-[{class}]+)*$")
    }

    /// The same slug with `-n` appended (shortened first if it would grow too long), for when
    /// the plain slug is taken: `budget-vote` → `budget-vote-2`.
    pub fn numbered(&self, n: u32) -> Self {
        let suffix = format!("-{n}");
        let mut base = self.0.as_str();
        if let Some((limit, _)) = base.char_indices().nth(MAX_LEN - suffix.len()) {
            base = base[..limit].trim_end_matches('-');
        }
        Self(format!("{base}{suffix}"))
    }
}

/// `first` to `last` in a regular expression's character class.
fn push_range(class: &mut String, first: char, last: char) {
    push_class_char(class, first);
    if last != first {
        if u32::from(last) > u32::from(first) + 1 {
            class.push('-');
        }
        push_class_char(class, last);
    }
}

/// One character of a class: ASCII as itself (only letters and digits get here), the rest of
/// the Basic Multilingual Plane as `\uXXXX`, characters beyond it as themselves (ECMA-262
/// spells them `\u{…}` and Python `\U…`; both read the character itself).
fn push_class_char(class: &mut String, c: char) {
    if c.is_ascii() || u32::from(c) > 0xFFFF {
        class.push(c);
    } else {
        class.push_str(&format!("\\u{:04X}", u32::from(c)));
    }
}

/// Combining accents (the blocks of combining diacritical marks): text typed or pasted in
/// decomposed form writes `é` as `e` and U+0301, and `İ` lowercases to `i` and U+0307. They
/// are dropped like the accents [`fold_accent`] folds away, rather than splitting the word.
fn combining_accent(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Folds the common Latin accented letters to their base letter (é → e, ß → ss).
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'Ñ' | 'Ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ś' | 'š' | 'Ś' | 'Š' => "s",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => "",
    };
    let single = folded.is_empty().then_some(c);
    folded.chars().chain(single)
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

#[cfg(test)]
mod tests {
    /// The pattern's shape; `lede-web`'s API tests run it through a JSON Schema engine
    /// against [`Slug::parse`] for every character.
    #[test]
    fn the_pattern_lists_the_characters_of_the_rule() {
        let pattern = super::Slug::pattern();
        assert!(pattern.starts_with("^[0-9a-z\\u00AA"), "{}", &pattern[..40]);
        assert!(pattern.contains("\\u0101") && !pattern.contains("\\u0100"), "ā, not Ā");
        let class = &pattern[2..pattern.find("]+").expect("a class")];
        assert_eq!(pattern, format!("^[{class}]+(?:-[{class}]+)*$"));
    }

    use super::*;

    #[test]
    fn proposes_slugs_from_titles() {
        let cases = [
            ("Council approves new tram line", Some("council-approves-new-tram-line")),
            ("  Crème brûlée: Paris's   best?! ", Some("creme-brulee-pariss-best")),
            ("Señor Núñez wins 2026 race", Some("senor-nunez-wins-2026-race")),
            ("Straße", Some("strasse")),
            ("شہر میں بارش", Some("شہر-میں-بارش")),
            // Arabic-keyboard letters, vowel marks and Urdu digits fold to one spelling.
            ("پاكستاني ٹیم ۱۲ رنز سے جیت گئی", Some("پاکستانی-ٹیم-12-رنز-سے-جیت-گئی")),
            ("مُحَمَّد علی", Some("محمد-علی")),
            ("Москва: Новости", Some("москва-новости")),
            ("!!!", None),
            ("۔۔۔ ؟", None),
        ];
        for (title, expected) in cases {
            let slug = Slug::from_title(title);
            assert_eq!(slug.as_ref().map(Slug::as_str), expected, "title {title:?}");
        }
    }

    /// Found by the slug properties: `İ` lowercases to `i` and a combining dot, which made
    /// any title with it give no slug at all; letters folded before lowercasing (`Ā`) gave a
    /// slug that proposed another; decomposed accents split words.
    #[test]
    fn titles_in_any_case_and_form_propose_one_slug() {
        let cases = [
            ("İstanbul'da seçim", "istanbulda-secim"),
            ("İa", "ia"),
            ("Āli ĒVANS", "ali-evans"),
            ("Re\u{301}sume\u{301} of Zoe\u{308}", "resume-of-zoe"),
        ];
        for (title, expected) in cases {
            let slug = Slug::from_title(title).expect("a slug");
            assert_eq!(slug.as_str(), expected, "title {title:?}");
            assert_eq!(Slug::from_title(slug.as_str()), Some(slug), "again from {title:?}");
        }
    }

    #[test]
    fn parses_only_url_safe_slugs() {
        for good in ["a", "tram-line-2", "2026", "شہر-میں-بارش", "москва"] {
            assert!(Slug::parse(good).is_ok(), "{good} should parse");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a b",
            "a/b",
            "Ü",
            "Москва",
            "شہر میں",
            "شہر۔",
            &"a".repeat(121),
            &"ب".repeat(121),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn numbered_slugs_stay_valid() {
        let base = Slug::parse("budget-vote").expect("slug");
        assert_eq!(base.numbered(2).as_str(), "budget-vote-2");
        let long = Slug::parse(&format!("{}-b", "a".repeat(117))).expect("slug");
        let numbered = long.numbered(12);
        assert!(Slug::parse(numbered.as_str()).is_ok(), "{numbered}");
        assert!(numbered.as_str().ends_with("-12") && numbered.as_str().len() <= MAX_LEN);
    }

    #[test]
    fn urdu_slugs_are_percent_encoded_on_the_wire() {
        let slug = Slug::parse("شہر-2").expect("slug");
        assert_eq!(slug.url_encoded(), "%D8%B4%DB%81%D8%B1-2");
        let plain = Slug::parse("budget-vote").expect("slug");
        assert!(matches!(plain.url_encoded(), Cow::Borrowed("budget-vote")));
        let long = Slug::parse(&"ب".repeat(120)).expect("120 letters");
        assert_eq!(long.numbered(3).as_str().chars().count(), MAX_LEN);
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = Slug::from_title(&"word ".repeat(60)).expect("slug");
        assert!(slug.as_str().len() <= MAX_LEN);
        assert!(slug.as_str().ends_with("word"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Titles as newsrooms write them (Latin with accents, Turkish, Cyrillic, Urdu and Arabic
    /// with their marks and digits, punctuation), and any text at all.
    fn title() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9À-ɏ ,.:;!?'’\"()&/-]{0,80}",
            "[A-Za-zİıŞşĞğ ]{0,40}",
            "[А-Яа-яЁё0-9 ,.:-]{0,40}",
            "[\u{0600}-\u{06FF}\u{200C} ۔،؟0-9]{0,60}",
            any::<String>(),
        ]
    }

    /// Slugs in any script, as `Slug::parse` accepts them.
    fn slug() -> impl Strategy<Value = Slug> {
        "[a-z0-9\u{0627}-\u{063A}\u{0641}-\u{064A}\u{06A9}\u{06CC}а-я]{1,12}(-[a-z0-9\u{06A9}\u{06CC}]{1,12}){0,9}"
            .prop_filter_map("at most 120 characters", |text| Slug::parse(&text).ok())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_proposed_slug_is_valid_and_proposes_itself(title in title()) {
            match Slug::from_title(&title) {
                Some(slug) => {
                    prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
                    prop_assert_eq!(Slug::from_title(slug.as_str()), Some(slug));
                }
                None => prop_assert!(!title.chars().any(|c| c.is_ascii_alphanumeric()), "{title:?}"),
            }
            let forced = Slug::from_title_or(&title, "post-1");
            prop_assert!(Slug::parse(forced.as_str()).is_ok());
        }

        #[test]
        fn valid_slugs_survive_parsing_numbering_and_addresses(slug in slug(), n in any::<u32>()) {
            prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
            let numbered = slug.numbered(n);
            prop_assert!(Slug::parse(numbered.as_str()).is_ok(), "{numbered}");
            let suffix = format!("-{n}");
            prop_assert!(numbered.as_str().ends_with(&suffix));
            let encoded = slug.url_encoded();
            prop_assert_eq!(crate::uri::decode_path(&encoded), slug.as_str());
        }

        #[test]
        fn any_text_is_a_slug_or_a_refusal_naming_the_slug(text in any::<String>()) {
            match Slug::parse(&text) {
                Ok(slug) => prop_assert_eq!(slug.as_str(), text),
                Err(refused) => prop_assert_eq!(refused.field, "slug"),
            }
        }
    }
}

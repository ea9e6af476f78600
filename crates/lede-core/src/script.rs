//! Folding Arabic-script text to one spelling, for search and addresses. Urdu, Arabic and
//! Persian writers type the same word several ways: Arabic ي and ك or Urdu ی and ک (keyboards
//! differ), ه or ہ, digits as ۱۲, ١٢ or 12, with or without vowel marks (harakat), tatweel
//! stretching and zero-width non-joiners. A reader searching one spelling must find the others,
//! so the index and the query are folded the same way.

use std::borrow::Cow;

/// What one character becomes: itself, another, or nothing.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Arabic-Indic and Extended Arabic-Indic (Urdu, Persian) digits.
        '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10),
        // Yeh: Arabic yeh and alef maksura → Farsi/Urdu yeh.
        '\u{064A}' | '\u{0649}' => Some('\u{06CC}'),
        // Kaf: Arabic kaf → keheh (Urdu kaf).
        '\u{0643}' => Some('\u{06A9}'),
        // Heh: Arabic heh, heh with yeh above, heh goal with hamza, teh marbuta → heh goal.
        '\u{0647}' | '\u{06C0}' | '\u{06C2}' | '\u{0629}' => Some('\u{06C1}'),
        // Tatweel (kashida), a stretching stroke with no meaning.
        '\u{0640}' => None,
        // Harakat and other marks: tanween, short vowels, shadda, sukun, superscript alef,
        // Quranic annotation marks.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' => None,
        // Zero-width non-joiner and joiner: they shape letters, not words.
        '\u{200C}' | '\u{200D}' => None,
        _ => Some(c),
    }
}

fn needs_folding(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{200C}' | '\u{200D}')
}

/// `text` with Arabic-script variants folded to one spelling (see the module's documentation).
/// Text in other scripts comes back as it is, without copying.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_folding) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(fold_char).collect())
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_every_spelling_of_a_word_to_one() {
        let cases = [
            // Digits in three forms.
            ("۱۲ دسمبر", "12 دسمبر"),
            ("١٢", "12"),
            // Arabic yeh and kaf typed for Urdu ی and ک.
            ("پاكستاني", "پاکستانی"),
            ("علي", "علی"),
            // Heh and teh marbuta.
            ("مدرسه", "مدرسہ"),
            ("مدرسة", "مدرسہ"),
            // Harakat, tatweel and zero-width non-joiners vanish.
            ("مُحَمَّد", "محمد"),
            ("کـــتاب", "کتاب"),
            ("می\u{200C}خواهم", "میخواہم"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn other_scripts_are_left_alone() {
        for text in ["Flood barrier 2026", "Crème brûlée", "Ünïcode", ""] {
            assert!(matches!(fold(text), std::borrow::Cow::Borrowed(t) if t == text), "{text}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::fold;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Folding once gives the one spelling: folding it again changes nothing, and no
        /// mark, stretch, joiner or Arabic-Indic digit is left.
        #[test]
        fn folding_is_idempotent(text in "[\u{0600}-\u{06FF}\u{200C}\u{200D} a-z0-9]{0,40}|\\PC{0,40}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.chars().count() <= text.chars().count());
            let left = once.chars().find(|c| {
                matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0660}'..='\u{0669}'
                    | '\u{06F0}'..='\u{06F9}' | '\u{200C}' | '\u{200D}')
            });
            prop_assert_eq!(left, None);
        }
    }
}

//! "N min read": words of the body at 230 words a minute, rounded up, at least one minute.
//! Words are counted by Unicode word boundaries (UAX #29), so Urdu, Arabic and accented text
//! count as readers see them, unlike counters that split on ASCII spaces or letters.

use unicode_segmentation::UnicodeSegmentation;

/// Adult silent reading speed for non-fiction, as news sites commonly assume.
pub const WORDS_PER_MINUTE: usize = 230;

/// Counts the words of a text (Markdown punctuation and numbers' separators are not words).
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Minutes to read `words` words: rounded up, and never zero.
pub fn minutes_for(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_in_every_script() {
        let cases = [
            ("", 0),
            ("One two three.", 3),
            ("**Bold** _words_ and `code`", 4),
            ("Crème brûlée, déjà vu", 4),
            ("It's 3.5% of £1,200", 4),
            ("شہر میں کل رات تیز بارش ہوئی", 7),
            ("المدينة تستعد للانتخابات المحلية", 4),
        ];
        for (text, expected) in cases {
            assert_eq!(word_count(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn rounds_minutes_up_and_never_below_one() {
        let cases = [
            (0, 1),
            (1, 1),
            (230, 1),
            (231, 2),
            (460, 2),
            (461, 3),
            (1200, 6),
        ];
        for (words, minutes) in cases {
            assert_eq!(minutes_for(words), minutes, "{words} words");
        }
    }
}

//! "You May Also Like": related articles chosen by content, not by date or at random.
//!
//! Each article gets a signature when saved: its most frequent meaningful words, with the
//! headline and standfirst counting more than the body. Two articles are compared by the cosine
//! of their signatures weighted by inverse document frequency (so words every story uses, like
//! "city", count for little), plus a bonus for shared tags and section, scaled so recent articles
//! are favoured. Lists are computed when an article is published and stored, so reader pages
//! never pay for this.

use crate::content::{ArticleId, SectionId, TagId};
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;
use unicode_segmentation::UnicodeSegmentation;

/// Most related articles kept for one article; pages show between 3 and this many.
pub const MAX_RELATED: usize = 6;

/// How many of the most similar articles are offered a newly published one for their own
/// lists. Bounded so publishing costs the same on a large archive; an article outside a new
/// one's closest hundred would not rank it among its own best six anyway.
pub const RELATED_OFFERS: usize = 100;

/// An article and how well it suits another (higher is better).
pub type Scored = (ArticleId, f64);

/// Words kept in a signature: enough to characterise a story, small enough to store and compare.
const SIGNATURE_TERMS: usize = 40;
const TAG_BONUS: f64 = 0.12;
const SECTION_BONUS: f64 = 0.08;

/// The weighted words of one article.
pub type Signature = Vec<(String, f64)>;

/// Builds an article's signature from its headline, standfirst and body text.
pub fn signature(headline: &str, standfirst: &str, body_text: &str) -> Signature {
    let mut weights: HashMap<String, f64> = HashMap::new();
    for (text, weight) in [(headline, 3.0), (standfirst, 2.0), (body_text, 1.0)] {
        for word in text.unicode_words() {
            if let Some(term) = normalise(word) {
                *weights.entry(term).or_default() += weight;
            }
        }
    }
    let mut terms: Vec<_> = weights.into_iter().collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(SIGNATURE_TERMS);
    terms
}

/// Lowercases a word and folds simple English plurals; drops stop words, numbers and
/// one-letter words. Words in other scripts are kept as they are.
fn normalise(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 && lower.is_ascii() || lower.chars().all(|c| c.is_numeric()) {
        return None;
    }
    if STOP_WORDS.binary_search(&lower.as_str()).is_ok() {
        return None;
    }
    let stem = match lower.strip_suffix('s') {
        Some(stem) if lower.is_ascii() && stem.len() > 3 && !stem.ends_with('s') => stem.to_owned(),
        _ => lower,
    };
    Some(stem)
}

/// Encodes a signature for storage as `word weight` pairs, one per line.
pub fn encode(signature: &Signature) -> String {
    signature.iter().map(|(t, w)| format!("{t} {w}\n")).collect()
}

/// Decodes a stored signature; malformed lines are skipped rather than failing a publish.
pub fn decode(stored: &str) -> Signature {
    stored
        .lines()
        .filter_map(|line| {
            let (term, weight) = line.rsplit_once(' ')?;
            Some((term.to_owned(), weight.parse().ok()?))
        })
        .collect()
}

/// One published article as the scorer sees it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: ArticleId,
    pub section: SectionId,
    pub tags: Vec<TagId>,
    pub published_at: OffsetDateTime,
    pub signature: Signature,
}

/// Scores articles against each other over one set of candidates (their vocabulary gives the
/// document frequencies).
#[derive(Debug)]
pub struct Scorer<'a> {
    candidates: &'a [Candidate],
    idf: HashMap<&'a str, f64>,
    now: OffsetDateTime,
}

impl<'a> Scorer<'a> {
    pub fn new(candidates: &'a [Candidate], now: OffsetDateTime) -> Self {
        let mut df: HashMap<&str, usize> = HashMap::new();
        for c in candidates {
            for (term, _) in &c.signature {
                *df.entry(term.as_str()).or_default() += 1;
            }
        }
        let n = candidates.len() as f64;
        let idf = df.into_iter().map(|(t, d)| (t, (1.0 + n / d as f64).ln())).collect();
        Self { candidates, idf, now }
    }

    /// How well `other` suits a reader of `target` (higher is better, 0 means unrelated).
    pub fn score(&self, target: &Candidate, other: &Candidate) -> f64 {
        let similarity = self.cosine(&target.signature, &other.signature);
        let target_tags: HashSet<_> = target.tags.iter().collect();
        let shared_tags = other.tags.iter().filter(|t| target_tags.contains(t)).count();
        let bonus = TAG_BONUS * shared_tags.min(3) as f64
            + if target.section == other.section { SECTION_BONUS } else { 0.0 };
        if similarity <= 0.0 && shared_tags == 0 {
            return 0.0;
        }
        (similarity + bonus) * self.recency(other.published_at)
    }

    /// The best related articles for `target`, best first: never itself, never a zero score.
    pub fn rank(&self, target: &Candidate) -> Vec<(ArticleId, f64)> {
        let mut scored: Vec<_> = self
            .candidates
            .iter()
            .filter(|c| c.id != target.id)
            .map(|c| (c.id, self.score(target, c)))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        scored.truncate(MAX_RELATED);
        scored
    }

    /// `target`'s own list, and the scores it is offered to its closest other articles with
    /// (at most [`RELATED_OFFERS`], best first), for a newly published article.
    pub fn lists(&self, target: &Candidate) -> (Vec<Scored>, Vec<Scored>) {
        let list = self.rank(target);
        let mut offers: Vec<_> = self
            .candidates
            .iter()
            .filter(|c| c.id != target.id)
            .map(|c| (c.id, self.score(c, target)))
            .filter(|(_, score)| *score > 0.0)
            .collect();
        offers.sort_by(|a, b| b.1.total_cmp(&a.1));
        offers.truncate(RELATED_OFFERS.max(MAX_RELATED));
        (list, offers)
    }

    /// Recent articles count fully, a year-old one about half as much.
    fn recency(&self, published_at: OffsetDateTime) -> f64 {
        let age_days = (self.now - published_at).whole_days().max(0) as f64;
        0.5 + 0.5 / (1.0 + age_days / 90.0)
    }

    fn cosine(&self, a: &Signature, b: &Signature) -> f64 {
        let (wa, wb) = (weighted(a, &self.idf), weighted(b, &self.idf));
        let dot: f64 = wa.iter().filter_map(|(t, x)| wb.get(t).map(|y| x * y)).sum();
        let norm = |m: &HashMap<&str, f64>| m.values().map(|v| v * v).sum::<f64>().sqrt();
        let denominator = norm(&wa) * norm(&wb);
        if denominator == 0.0 { 0.0 } else { dot / denominator }
    }
}

/// A signature with each weight multiplied by its term's inverse document frequency.
fn weighted<'s>(sig: &'s Signature, idf: &HashMap<&str, f64>) -> HashMap<&'s str, f64> {
    sig.iter().map(|(t, w)| (t.as_str(), w * idf.get(t.as_str()).copied().unwrap_or(1.0))).collect()
}

/// English function words, sorted for binary search. Other languages keep all their words; the
/// inverse document frequency already discounts words that every article uses.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "also", "and", "any", "are", "because", "been", "before", "being",
    "between", "but", "can", "could", "did", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "her", "here", "hers", "him", "his",
    "how", "into", "its", "just", "more", "most", "not", "now", "off", "once", "one", "only",
    "other", "our", "out", "over", "own", "said", "same", "says", "she", "should", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "too", "two", "under", "until", "very", "was", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "year", "years", "you",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-28 12:00 UTC);

    fn candidate(id: i64, section: i64, tags: &[i64], days_old: i64, text: &str) -> Candidate {
        Candidate {
            id: ArticleId(id),
            section: SectionId(section),
            tags: tags.iter().map(|t| TagId(*t)).collect(),
            published_at: NOW - time::Duration::days(days_old),
            signature: signature(text, "", text),
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn signatures_weigh_headline_words_and_skip_stop_words() {
        let sig = signature("Flood defences", "", "The river flooded the market and the floods");
        let terms: Vec<_> = sig.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms[..2], ["flood", "defence"], "headline words lead: {sig:?}");
        assert!(terms.contains(&"flood") && !terms.contains(&"the") && !terms.contains(&"and"));
        assert_eq!(decode(&encode(&sig)), sig);
    }

    #[test]
    fn related_articles_are_similar_never_self_and_favour_recent() {
        let all = vec![
            candidate(1, 1, &[1], 1, "river flood defences saltmarsh barrier water"),
            candidate(2, 1, &[1], 3, "river flood barrier saltmarsh homes water"),
            candidate(3, 2, &[], 2, "football season striker goal match"),
            candidate(4, 1, &[1], 300, "river flood barrier saltmarsh homes water"),
        ];
        let scorer = Scorer::new(&all, NOW);
        let ranked = scorer.rank(&all[0]);
        let ids: Vec<_> = ranked.iter().map(|(id, _)| id.0).collect();
        assert_eq!(ids, vec![2, 4], "the football story is unrelated; newer flood story first");
    }

    #[test]
    fn shared_tags_lift_an_article() {
        let all = vec![
            candidate(1, 1, &[7], 1, "council budget vote"),
            candidate(2, 2, &[], 1, "council budget schools"),
            candidate(3, 2, &[7], 1, "council budget schools"),
        ];
        let ranked = Scorer::new(&all, NOW).rank(&all[0]);
        assert_eq!(ranked[0].0, ArticleId(3));
    }

    #[test]
    fn urdu_words_are_compared_too() {
        let a = signature("شہر میں سیلاب", "", "دریا کا پانی شہر میں داخل ہو گیا");
        assert!(a.iter().any(|(t, _)| t == "سیلاب"), "{a:?}");
    }
}

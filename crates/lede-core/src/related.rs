//! "You May Also Like": related articles chosen by content, not by date or at random.
//!
//! Each article gets a signature when saved: its most frequent meaningful words, with the
//! headline and standfirst counting more than the body. Two articles are compared by the cosine
//! of their signatures weighted by inverse document frequency (so words every story uses, like
//! "city", count for little), plus a bonus for shared tags and section, scaled so recent articles
//! are favoured. Lists are computed when an article is published and stored, so reader pages
//! never pay for this.
//!
//! An article is compared only with those sharing a word or a tag with it: every one for a
//! rare word, and for a word or tag on many articles the few of them published nearest in time
//! to it. So a story gets a list even when all it shares with others is common (short posts, a
//! site of a few broad tags), and scoring it costs the same however large the archive grows.

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

/// A word or a tag in more articles than this is too common to compare an article with every
/// article that has it: it proposes only the [`COMMON_NEAREST`] of them nearest in time to the
/// article (for one just published, the newest), and still counts in the score of every
/// article found. Keeps publishing and importing linear in the archive's size: however large
/// it grows, an article is compared with at most this many per word and tag of its own. Below
/// this many articles, every article sharing any word or tag is compared.
const COMMON_WORD_ARTICLES: usize = 200;

/// How many articles a word or tag too common to search by proposes: enough that an article
/// whose every shared word is common (short posts, a site of a few broad tags, an archive of
/// many similar stories) still gets a full list, of stories from about its own time.
const COMMON_NEAREST: usize = 30;

/// How many published articles on each side of an article in time are enough to score it:
/// with those sharing a tag with it ([`TAG_CANDIDATES`]), the candidates a publish reads
/// instead of the whole archive, so publishing costs the same at 100,000 articles as at
/// 2,000. A site smaller than this is read whole, as before; on a larger one a word's rarity
/// is judged among the stories of the article's own time, and an article older than these
/// shares its words in vain (a tag still finds it), which a news site's readers, reading the
/// recent, hardly miss.
pub const NEAREST_CANDIDATES: usize = 2_000;

/// How many of the articles sharing a tag, on each side of an article in time, a publish
/// reads besides its [`NEAREST_CANDIDATES`]: all of a tag on at most this many, and for a
/// tag on more enough that the scorer still finds it too common to search by and proposes
/// the same few nearest in time as it would over the whole archive.
pub const TAG_CANDIDATES: usize = COMMON_WORD_ARTICLES + 1;

/// Scores articles against each other over one set of candidates (their vocabulary gives the
/// document frequencies). Built once per publish or import: each candidate's signature is
/// weighted and normalised once, and an index from words and tags to articles finds the few
/// worth comparing, so a score costs a merge of two short sorted lists.
#[derive(Debug)]
pub struct Scorer<'a> {
    candidates: &'a [Candidate],
    /// Term ids and inverse document frequencies of the candidates' vocabulary.
    terms: HashMap<&'a str, (u32, f64)>,
    /// Each candidate's signature, weighted, of length 1, sorted by term id.
    vectors: Vec<Vec<(u32, f64)>>,
    /// The candidates using each term not too common to search by, with their weight for it,
    /// by term id; a common term's list is empty.
    postings: Vec<Vec<(u32, f64)>>,
    /// The candidates using each term too common to search by, oldest first
    /// ([`Scorer::nearest_in_time`] takes the few it proposes), by term id; a rarer term's
    /// list is empty.
    common: Vec<Vec<u32>>,
    /// The candidates with each tag, oldest first.
    by_tag: HashMap<TagId, Vec<u32>>,
    /// Each candidate's weight for its age ([`Scorer::recency`]).
    recency: Vec<f64>,
    now: OffsetDateTime,
}

/// What scoring one article against the others needs besides the scorer, kept from one
/// article to the next: buffers as long as the archive (or its vocabulary), of which only the
/// entries an article touched are cleared after it. Clearing them whole for each article of a
/// large import would cost time in the square of its size.
#[derive(Debug, Default)]
struct Scratch {
    similarity: Vec<f64>,
    seen: Vec<bool>,
    found: Vec<u32>,
    /// The article's weights for its common terms, by term id (0 for any other term).
    common_weight: Vec<f64>,
    /// Candidates visited so far, counted through the index and the tags: the work scoring
    /// does, which tests hold to a bound rather than timing it.
    touched: usize,
}

/// Best first; equal scores in a fixed order (the newer article first).
fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(b.0.cmp(&a.0))
}

/// The `k` best of `scored`, best first, without sorting the rest.
fn best(mut scored: Vec<Scored>, k: usize) -> Vec<Scored> {
    if k == 0 {
        return Vec::new();
    }
    if scored.len() > k {
        scored.select_nth_unstable_by(k - 1, best_first);
        scored.truncate(k);
    }
    scored.sort_unstable_by(best_first);
    scored
}

/// The order of articles in time: by publication, then by id.
fn age_key(c: &Candidate) -> (OffsetDateTime, ArticleId) {
    (c.published_at, c.id)
}

/// Marks a candidate found, once.
fn visit(seen: &mut [bool], found: &mut Vec<u32>, index: u32) {
    if !std::mem::replace(&mut seen[index as usize], true) {
        found.push(index);
    }
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
        let mut terms = HashMap::with_capacity(df.len());
        let mut searchable = Vec::with_capacity(df.len());
        for (term, d) in df {
            let id = u32::try_from(searchable.len()).unwrap_or(u32::MAX);
            terms.insert(term, (id, (1.0 + n / d as f64).ln()));
            searchable.push(d <= COMMON_WORD_ARTICLES);
        }
        let mut scorer = Self {
            candidates,
            terms,
            vectors: Vec::new(),
            postings: vec![Vec::new(); searchable.len()],
            common: vec![Vec::new(); searchable.len()],
            by_tag: HashMap::new(),
            recency: Vec::new(),
            now,
        };
        scorer.vectors = candidates.iter().map(|c| scorer.vector(&c.signature)).collect();
        scorer.recency = candidates.iter().map(|c| scorer.recency(c.published_at)).collect();
        // Oldest first, so that every list below is in time order too. Stored articles come
        // mostly in that order already, which a stable sort finds in linear time.
        let mut by_age: Vec<u32> =
            (0..candidates.len()).map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
        by_age.sort_by_key(|i| age_key(&candidates[*i as usize]));
        for index in by_age {
            let i = index as usize;
            for (term, weight) in &scorer.vectors[i] {
                let term = *term as usize;
                if searchable[term] {
                    scorer.postings[term].push((index, *weight));
                } else {
                    scorer.common[term].push(index);
                }
            }
            for tag in &candidates[i].tags {
                scorer.by_tag.entry(*tag).or_default().push(index);
            }
        }
        scorer
    }

    /// The [`COMMON_NEAREST`] articles of `list` (oldest first) published nearest in time to
    /// `target`, itself left out; of two as near, the newer. Found by halving the list, so a
    /// common word costs the same however many articles use it.
    fn nearest_in_time(&self, list: &[u32], target: &Candidate, mut visit: impl FnMut(u32)) {
        let at = |index: u32| &self.candidates[index as usize];
        let key = age_key(target);
        let split = list.partition_point(|index| age_key(at(*index)) < key);
        let (mut older, mut newer) = (split, split);
        let mut taken = 0;
        while taken < COMMON_NEAREST {
            let before = older.checked_sub(1).map(|o| list[o]);
            let after = list.get(newer).copied();
            let index = match (before, after) {
                (None, None) => break,
                (Some(before), Some(after))
                    if target.published_at - at(before).published_at
                        < at(after).published_at - target.published_at =>
                {
                    older -= 1;
                    before
                }
                (_, Some(after)) => {
                    newer += 1;
                    after
                }
                (Some(before), None) => {
                    older -= 1;
                    before
                }
            };
            if at(index).id != target.id {
                visit(index);
                taken += 1;
            }
        }
    }

    /// A signature weighted by the terms' rarity, of length 1, sorted by term id (a term the
    /// candidates never use weighs in the length only: it cannot match).
    fn vector(&self, signature: &Signature) -> Vec<(u32, f64)> {
        let mut length = 0.0;
        let mut vector: Vec<(u32, f64)> = Vec::with_capacity(signature.len());
        for (term, weight) in signature {
            match self.terms.get(term.as_str()) {
                Some((id, idf)) => {
                    let w = weight * idf;
                    length += w * w;
                    vector.push((*id, w));
                }
                None => length += weight * weight,
            }
        }
        let length: f64 = length.sqrt();
        if length > 0.0 {
            for (_, w) in &mut vector {
                *w /= length;
            }
        }
        vector.sort_unstable_by_key(|(id, _)| *id);
        vector
    }

    /// The candidates sharing a tag or word with `target`, by index, with their similarity
    /// plus the tag and section bonus (0 excluded), `target` itself left out: all those
    /// sharing a rarer one, and those nearest in time among the many sharing a common one.
    fn neighbours(&self, target: &Candidate, scratch: &mut Scratch) -> Vec<(usize, f64)> {
        let vector = self.vector(&target.signature);
        if scratch.seen.len() != self.candidates.len() {
            scratch.similarity = vec![0.0; self.candidates.len()];
            scratch.seen = vec![false; self.candidates.len()];
        }
        if scratch.common_weight.len() != self.common.len() {
            scratch.common_weight = vec![0.0; self.common.len()];
        }
        let Scratch { similarity, seen, found, common_weight, touched } = scratch;
        // Similarities add up term by term along the index (in term order, as a merge of the
        // two vectors would), so only the articles sharing something are ever touched.
        for (term, weight) in &vector {
            let term = *term as usize;
            *touched += self.postings[term].len();
            for (index, theirs) in &self.postings[term] {
                visit(seen, found, *index);
                similarity[*index as usize] += weight * theirs;
            }
            if !self.common[term].is_empty() {
                common_weight[term] = *weight;
                self.nearest_in_time(&self.common[term], target, |i| {
                    *touched += 1;
                    visit(seen, found, i);
                });
            }
        }
        for tagged in target.tags.iter().filter_map(|tag| self.by_tag.get(tag)) {
            if tagged.len() > COMMON_WORD_ARTICLES {
                self.nearest_in_time(tagged, target, |i| {
                    *touched += 1;
                    visit(seen, found, i);
                });
            } else {
                *touched += tagged.len();
                tagged.iter().for_each(|i| visit(seen, found, *i));
            }
        }
        let scored = found
            .iter()
            .filter_map(|index| {
                let i = *index as usize;
                let other = &self.candidates[i];
                if other.id == target.id {
                    return None;
                }
                // Words too common to search by count in the scores of every article found.
                let common: f64 =
                    self.vectors[i].iter().map(|(t, w)| common_weight[*t as usize] * w).sum();
                let similarity = similarity[i] + common;
                let shared_tags = other.tags.iter().filter(|t| target.tags.contains(t)).count();
                if similarity <= 0.0 && shared_tags == 0 {
                    return None;
                }
                let bonus = TAG_BONUS * shared_tags.min(3) as f64
                    + if target.section == other.section { SECTION_BONUS } else { 0.0 };
                Some((i, similarity + bonus))
            })
            .collect();
        for index in found.drain(..) {
            similarity[index as usize] = 0.0;
            seen[index as usize] = false;
        }
        for (term, _) in &vector {
            common_weight[*term as usize] = 0.0;
        }
        scored
    }

    /// The best related articles for `target`, best first: never itself, never a zero score.
    pub fn rank(&self, target: &Candidate) -> Vec<Scored> {
        self.lists(target).0
    }

    /// `target`'s own list, and the scores it is offered to its closest other articles with
    /// (at most [`RELATED_OFFERS`], best first), for a newly published article. A score is
    /// how well an article suits a reader of another, recent articles counting more.
    pub fn lists(&self, target: &Candidate) -> (Vec<Scored>, Vec<Scored>) {
        self.lists_with(target, &mut Scratch::default())
    }

    fn lists_with(&self, target: &Candidate, scratch: &mut Scratch) -> (Vec<Scored>, Vec<Scored>) {
        let neighbours = self.neighbours(target, scratch);
        let id = |i: usize| self.candidates[i].id;
        let list = neighbours.iter().map(|(i, base)| (id(*i), base * self.recency[*i])).collect();
        let recency = self.recency(target.published_at);
        let offers = neighbours.iter().map(|(i, base)| (id(*i), base * recency)).collect();
        (best(list, MAX_RELATED), best(offers, RELATED_OFFERS.max(MAX_RELATED)))
    }

    /// Recent articles count fully, a year-old one about half as much.
    fn recency(&self, published_at: OffsetDateTime) -> f64 {
        let age_days = (self.now - published_at).whole_days().max(0) as f64;
        0.5 + 0.5 / (1.0 + age_days / 90.0)
    }
}

/// Related lists for many articles written together (an import), from one scorer over the
/// whole archive: see [`Scorer::lists_for_many`].
#[derive(Debug, Default)]
pub struct ManyLists {
    /// Each target's own list, best first, in the order the targets came.
    pub own: Vec<(ArticleId, Vec<Scored>)>,
    /// For each article outside the targets that a fresh target suits, the best such offers
    /// (at most [`MAX_RELATED`], best first): nothing else could enter its list.
    pub offers: HashMap<ArticleId, Vec<Scored>>,
}

impl Scorer<'_> {
    /// The lists of many `targets` at once, as [`Scorer::lists`] computes each: their own
    /// lists in full, and the offers the `fresh` ones among them (those not yet on the site)
    /// make to articles outside the targets, reduced to the few that could count. One scorer
    /// for the whole set makes an import cost the same per article however large it is, and
    /// every target's list is final: later articles of the same import are already in it.
    pub fn lists_for_many<'c>(
        &self,
        targets: impl IntoIterator<Item = &'c Candidate>,
        fresh: impl Fn(ArticleId) -> bool,
    ) -> ManyLists {
        let targets: Vec<&Candidate> = targets.into_iter().collect();
        let is_target: HashSet<ArticleId> = targets.iter().map(|t| t.id).collect();
        let mut many = ManyLists::default();
        let mut scratch = Scratch::default();
        for target in targets {
            let (list, offers) = self.lists_with(target, &mut scratch);
            if fresh(target.id) {
                for (other, score) in offers {
                    if !is_target.contains(&other) {
                        let offered = many.offers.entry(other).or_default();
                        offered.push((target.id, score));
                        if offered.len() >= 8 * MAX_RELATED {
                            *offered = best(std::mem::take(offered), MAX_RELATED);
                        }
                    }
                }
            }
            many.own.push((target.id, list));
        }
        for offers in many.offers.values_mut() {
            *offers = best(std::mem::take(offers), MAX_RELATED);
        }
        many
    }
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

    /// The index finds exactly what comparing every pair finds, below the common-word limit.
    #[test]
    fn the_index_ranks_as_comparing_every_pair_does() {
        let words = ["river", "flood", "council", "budget", "school", "match", "harbour", "rail"];
        let all: Vec<Candidate> = (0..60)
            .map(|i: usize| {
                let text: Vec<&str> =
                    (0..4).map(|k| words[(i * (k + 3) + k) % words.len()]).collect();
                candidate(
                    i as i64,
                    (i % 3) as i64,
                    &[(i % 5) as i64],
                    (i % 40) as i64,
                    &text.join(" "),
                )
            })
            .collect();
        let scorer = Scorer::new(&all, NOW);
        let idf = |term: &str| {
            let d = all.iter().filter(|c| c.signature.iter().any(|(t, _)| t == term)).count();
            (1.0 + all.len() as f64 / d as f64).ln()
        };
        let cosine = |a: &Signature, b: &Signature| {
            let w = |s: &Signature| -> HashMap<String, f64> {
                s.iter().map(|(t, x)| (t.clone(), x * idf(t))).collect()
            };
            let (wa, wb) = (w(a), w(b));
            let dot: f64 = wa.iter().filter_map(|(t, x)| wb.get(t).map(|y| x * y)).sum();
            let norm = |m: &HashMap<String, f64>| m.values().map(|v| v * v).sum::<f64>().sqrt();
            dot / (norm(&wa) * norm(&wb))
        };
        for target in &all {
            let mut expected: Vec<Scored> = all
                .iter()
                .filter(|c| c.id != target.id)
                .filter_map(|c| {
                    let sim = cosine(&target.signature, &c.signature);
                    let shared = c.tags.iter().filter(|t| target.tags.contains(t)).count();
                    if sim <= 0.0 && shared == 0 {
                        return None;
                    }
                    let bonus = TAG_BONUS * shared.min(3) as f64
                        + if c.section == target.section { SECTION_BONUS } else { 0.0 };
                    Some((c.id, (sim + bonus) * scorer.recency(c.published_at)))
                })
                .collect();
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
            expected.truncate(MAX_RELATED);
            let ranked = scorer.rank(target);
            let ids = |l: &[Scored]| l.iter().map(|(id, _)| *id).collect::<Vec<_>>();
            assert_eq!(ids(&ranked), ids(&expected), "article {}", target.id.0);
            for ((_, a), (_, b)) in ranked.iter().zip(&expected) {
                assert!((a - b).abs() < 1e-9, "{a} {b}");
            }
        }
    }

    /// The ids of `ranked`, in order.
    fn ids(ranked: &[Scored]) -> Vec<i64> {
        ranked.iter().map(|(id, _)| id.0).collect()
    }

    /// A word in more than [`COMMON_WORD_ARTICLES`] articles proposes only the
    /// [`COMMON_NEAREST`] of them nearest in time, and counts in the score of every article
    /// found, whatever found it.
    #[test]
    fn common_words_find_the_articles_nearest_in_time_and_count_in_every_score() {
        let words = |i: usize| format!("city w{i}a w{i}b w{i}c");
        // Two days apart; the target comes an hour after the one 100 days old, so no two are
        // as near to it as each other.
        let mut all: Vec<Candidate> = (0..COMMON_WORD_ARTICLES + 1)
            .map(|i| candidate(i as i64, 1, &[], 2 * i as i64, &words(i)))
            .collect();
        let mut target = candidate(5000, 2, &[], 100, "city harbour quay");
        target.published_at += time::Duration::hours(1);
        all.push(target.clone());
        all.push(candidate(5001, 3, &[], 400, "city harbour crane"));
        let scorer = Scorer::new(&all, NOW);
        let (ranked, offers) = scorer.lists(&target);
        let mut found = ids(&offers);
        found.sort_unstable();
        // Fifteen older (100, 102, … 128 days old), fifteen newer (98, 96, … 70 days old),
        // and the one sharing "harbour", however old.
        let mut nearest: Vec<i64> = (35..=64).collect();
        nearest.push(5001);
        assert_eq!(COMMON_NEAREST, 30);
        assert_eq!(found, nearest, "the nearest in time and the harbour story");
        assert_eq!(ranked[0].0, ArticleId(5001), "the closest words first: {ranked:?}");
        assert_eq!(ranked.len(), MAX_RELATED);
        let weight = |term: &str| {
            let d = all.iter().filter(|c| c.signature.iter().any(|(t, _)| t == term)).count();
            (1.0 + all.len() as f64 / d as f64).ln()
        };
        let (city, harbour) = (weight("city"), weight("harbour"));
        let (quay, crane) = (weight("quay"), weight("crane"));
        let expected = (city * city + harbour * harbour)
            / ((city * city + harbour * harbour + quay * quay).sqrt()
                * (city * city + harbour * harbour + crane * crane).sqrt());
        let signature_weights: Vec<f64> = target.signature.iter().map(|(_, w)| *w).collect();
        assert!(signature_weights.windows(2).all(|w| w[0] == w[1]), "equal weights: {target:?}");
        let recency = scorer.recency(all[all.len() - 1].published_at);
        assert!((ranked[0].1 - expected * recency).abs() < 1e-9, "{} {}", ranked[0].1, expected);
        // One found only through "city" scores by it alone.
        let (w, other) = (weight("w50a"), &all[50]);
        let expected = city * city
            / ((city * city + harbour * harbour + quay * quay).sqrt()
                * (city * city + 3.0 * w * w).sqrt());
        let score = offers.iter().find(|(id, _)| *id == other.id).expect("found").1;
        let recency = scorer.recency(target.published_at);
        assert!((score - expected * recency).abs() < 1e-9, "{score} {expected}");
    }

    /// An article whose only words and tags in common with others are common ones still gets
    /// a full list (it got none when common ones proposed nobody), of articles from its own
    /// time; one just published, of the newest.
    #[test]
    fn an_article_sharing_only_common_words_and_tags_gets_a_list() {
        let all: Vec<Candidate> = (0..3 * COMMON_WORD_ARTICLES as i64)
            .map(|i| candidate(i, i % 2, &[9], i, &format!("council w{i}a w{i}b")))
            .collect();
        let scorer = Scorer::new(&all, NOW);
        for target in [&all[0], &all[300], &all[all.len() - 1]] {
            let ranked = scorer.rank(target);
            assert_eq!(ranked.len(), MAX_RELATED, "article {}: {ranked:?}", target.id.0);
            // Among the thirty nearest in time (the oldest has none older), the newer first.
            let days = |id: &ArticleId| (id.0 - target.id.0).unsigned_abs() as usize;
            let near = ranked.iter().all(|(id, _)| days(id) <= COMMON_NEAREST);
            assert!(near, "{}: {ranked:?}", target.id.0);
        }
        let only_tagged: Vec<Candidate> = (0..3 * COMMON_WORD_ARTICLES as i64)
            .map(|i| candidate(i, 1, &[9], i, &format!("w{i}a w{i}b")))
            .collect();
        let ranked = Scorer::new(&only_tagged, NOW).rank(&only_tagged[0]);
        assert_eq!(ids(&ranked), [1, 2, 3, 4, 5, 6], "the newest with the tag: {ranked:?}");
    }

    /// A tag on more than [`COMMON_WORD_ARTICLES`] articles proposes only those nearest in
    /// time (else every article would be compared with a share of the whole archive), and
    /// adds its bonus to every article found.
    #[test]
    fn common_tags_find_the_articles_nearest_in_time_and_count_in_every_score() {
        let mut all: Vec<Candidate> = (0..COMMON_WORD_ARTICLES as i64 + 1)
            .map(|i| candidate(i, 1, &[9], 10 + i, &format!("w{i}a w{i}b")))
            .collect();
        all.push(candidate(5000, 2, &[9], 1, "harbour quay"));
        all.push(candidate(5001, 3, &[9], 400, "harbour crane"));
        let scorer = Scorer::new(&all, NOW);
        let target = &all[all.len() - 2];
        let (ranked, offers) = scorer.lists(target);
        let mut found = ids(&offers);
        found.sort_unstable();
        let mut nearest: Vec<i64> = (0..COMMON_NEAREST as i64).collect();
        nearest.push(5001);
        assert_eq!(found, nearest, "the newest tagged and the harbour story");
        assert_eq!(ranked[0].0, ArticleId(5001), "{ranked:?}");
        let alone = Scorer::new(&all[all.len() - 2..], NOW).rank(target);
        assert!(ranked[0].1 > 0.0 && alone[0].0 == ranked[0].0, "{ranked:?} {alone:?}");
        let mut untagged = all[all.len() - 1].clone();
        untagged.tags.clear();
        let without = Scorer::new(&[all[all.len() - 2].clone(), untagged], NOW).rank(target);
        assert!(ranked[0].1 > without[0].1, "the shared tag still counts: {ranked:?} {without:?}");
    }

    /// An archive of `n` articles like a large import's: a word of each article's own, one
    /// shared by a group of four, one by forty, words of three subjects (a third of the
    /// archive each) and four tags (a quarter each), as a site's common tags are.
    fn archive(n: usize) -> Vec<Candidate> {
        let subjects = ["river flood barrier", "council budget vote", "music festival quay"];
        (0..n)
            .map(|i| {
                let text = format!(
                    "own{i}word group{}word copy{}word {}",
                    i / 4,
                    i % (n / 40),
                    subjects[i % 3]
                );
                candidate(i as i64, (i % 3) as i64, &[(i % 4) as i64], (i % 365) as i64, &text)
            })
            .collect()
    }

    /// The candidates visited per article when a whole `n`-article archive is scored as one
    /// import; every article gets a full list.
    fn work_per_article(n: usize) -> f64 {
        let all = archive(n);
        let scorer = Scorer::new(&all, NOW);
        let mut scratch = Scratch::default();
        for target in &all {
            let (list, _) = scorer.lists_with(target, &mut scratch);
            assert_eq!(list.len(), MAX_RELATED);
        }
        scratch.touched as f64 / n as f64
    }

    /// An import costs the same per article however large it is: an archive four times
    /// larger visits about as many candidates per article, not four times as many (the
    /// audit's 4,004 posts took 15 times as long as 1,001). Articles are found through their
    /// rarer words, and through a tag or words that a share of the whole archive has only
    /// among the few nearest in time, however large that share. Work is counted, not timed.
    #[test]
    fn scoring_an_import_costs_the_same_per_article_at_any_size() {
        let small = work_per_article(2_000);
        let large = work_per_article(8_000);
        assert!(large < 1.5 * small, "{large:.0} visits an article at 8,000, {small:.0} at 2,000");
    }

    /// Scoring many articles at once gives each the list it would get alone, and offers to
    /// the others only what the fresh ones bring, the best few.
    #[test]
    fn many_lists_are_each_article_s_own() {
        let all: Vec<Candidate> = (0..40)
            .map(|i| {
                let words = ["river", "flood", "council", "budget", "school"];
                let text = format!("{} {} story{}", words[i % 5], words[(i / 5) % 5], i % 7);
                candidate(i as i64, (i % 3) as i64, &[(i % 4) as i64], (i % 30) as i64, &text)
            })
            .collect();
        let scorer = Scorer::new(&all, NOW);
        let targets = &all[20..];
        let fresh = |id: ArticleId| id.0 >= 30;
        let many = scorer.lists_for_many(targets, fresh);
        assert_eq!(many.own.len(), 20);
        for (id, list) in &many.own {
            let target = all.iter().find(|c| c.id == *id).expect("a target");
            assert_eq!(list, &scorer.rank(target), "article {}", id.0);
        }
        assert!(!many.offers.is_empty());
        for (other, offers) in &many.offers {
            assert!(other.0 < 20, "only articles outside the targets are offered: {}", other.0);
            let offered: Vec<Scored> = targets
                .iter()
                .filter(|t| fresh(t.id))
                .filter_map(|t| {
                    let (_, offers) = scorer.lists(t);
                    offers.into_iter().find(|(id, _)| id == other).map(|(_, s)| (t.id, s))
                })
                .collect();
            assert_eq!(offers, &best(offered, MAX_RELATED), "article {}", other.0);
        }
    }

    #[test]
    fn urdu_words_are_compared_too() {
        let a = signature("شہر میں سیلاب", "", "دریا کا پانی شہر میں داخل ہو گیا");
        assert!(a.iter().any(|(t, _)| t == "سیلاب"), "{a:?}");
    }
}

//! Result snippets: the sentence of a scheme's summary or details that holds most of the
//! query's matched words. Each scheme's sentences are cut and normalised once, when the engine
//! is built, so that a query only looks its words up in them.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};

use super::documents::shorten;
use crate::domain::Scheme;
use crate::index::LexicalIndex;
use crate::text;

/// The longest snippet, in characters (a cut one ends in …).
const SNIPPET_CHARS: usize = 100;

/// Where a sentence lies in its scheme: in the summary or the details, and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sentence {
    in_details: bool,
    start: u32,
    end: u32,
}

/// One scheme's summary and details, cut into sentences at 。 and line ends (trimmed, empty
/// ones left out), with every sentence normalised.
#[derive(Debug, Clone, Default)]
struct SnippetSource {
    /// Every sentence normalised, each followed by a NUL: normalising drops control
    /// characters, so no matched word spans two sentences.
    normalized: Box<str>,
    /// Where each sentence's normalised text ends in `normalized`.
    ends: Box<[u32]>,
    /// The characters of each sentence's normalised text, as a [`char_mask`].
    masks: Box<[u128]>,
    sentences: Box<[Sentence]>,
}

/// A set of characters in 128 bits, one bit per character (several characters share each).
/// A word found in a text has all its characters there, so a text whose mask lacks one of the
/// word's bits cannot hold it, and is not searched.
fn char_mask(text: &str) -> u128 {
    text.chars().fold(0, |mask, c| {
        mask | 1u128 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
    })
}

/// A word to find in the sentences: its searcher and the [`char_mask`] of its characters.
pub(super) struct SnippetWord<'q> {
    finder: Finder<'q>,
    mask: u128,
}

impl<'q> SnippetWord<'q> {
    fn new(finder: Finder<'q>) -> SnippetWord<'q> {
        // A word's bytes are text (a `str`); were they not, every sentence would be searched.
        let mask = std::str::from_utf8(finder.needle()).map_or(0, char_mask);
        SnippetWord { finder, mask }
    }
}

impl SnippetSource {
    fn new(s: &Scheme) -> SnippetSource {
        let mut normalized = String::new();
        let mut ends = Vec::new();
        let mut masks = Vec::new();
        let mut sentences = Vec::new();
        // The summary and the details as one text joined by a line end: a line end cuts
        // sentences, so the text's sentences are the summary's, then the details'.
        for (in_details, field) in [(false, &s.summary), (true, &s.details)] {
            for piece in field.split(['。', '\n']) {
                let sentence = piece.trim();
                if sentence.is_empty() {
                    continue;
                }
                let start = sentence.as_ptr() as usize - field.as_ptr() as usize;
                let folded = text::normalize(sentence);
                masks.push(char_mask(&folded));
                normalized.push_str(&folded);
                ends.push(offset(normalized.len()));
                normalized.push('\0');
                sentences.push(Sentence {
                    in_details,
                    start: offset(start),
                    end: offset(start + sentence.len()),
                });
            }
        }
        SnippetSource {
            normalized: normalized.into(),
            ends: ends.into(),
            masks: masks.into(),
            sentences: sentences.into(),
        }
    }

    /// The sentence that contains most of the `matched` words (each counted as often as it is
    /// listed; ties: the first such sentence), shortened; the summary when there is none.
    #[cfg(test)]
    fn snippet(&self, s: &Scheme, matched: &[&str]) -> String {
        let words: Vec<SnippetWord<'_>> = matched
            .iter()
            .map(|w| SnippetWord::new(Finder::new(w)))
            .collect();
        self.snippet_of(s, &words.iter().collect::<Vec<_>>())
    }

    /// [`SnippetSource::snippet`] with each matched word's searcher made beforehand (see
    /// [`SnippetWords`]).
    fn snippet_of(&self, s: &Scheme, matched: &[&SnippetWord<'_>]) -> String {
        let Some(best) = self.best_sentence(matched) else {
            return shorten(&s.summary, SNIPPET_CHARS);
        };
        let Sentence {
            in_details,
            start,
            end,
        } = self.sentences[best];
        let field = if in_details { &s.details } else { &s.summary };
        shorten(&field[start as usize..end as usize], SNIPPET_CHARS)
    }

    fn best_sentence(&self, matched: &[&SnippetWord<'_>]) -> Option<usize> {
        if self.sentences.is_empty() {
            return None;
        }
        let mut counts = vec![0u32; self.sentences.len()];
        let text = self.normalized.as_bytes();
        // An empty word would be in every sentence alike, which changes no sentence's rank.
        for word in matched.iter().filter(|w| !w.finder.needle().is_empty()) {
            // A sentence counts a word once, when it holds it; only the sentences that have
            // every character of the word are searched.
            let mut start = 0;
            for (i, (&end, &mask)) in self.ends.iter().zip(&*self.masks).enumerate() {
                let end = end as usize;
                if mask & word.mask == word.mask && word.finder.find(&text[start..end]).is_some() {
                    counts[i] += 1;
                }
                start = end + 1;
            }
        }
        let mut best = 0;
        for (i, &count) in counts.iter().enumerate().skip(1) {
            if count > counts[best] {
                best = i;
            }
        }
        Some(best)
    }
}

/// Every scheme's snippet source, and how common each byte is in their normalised text.
#[derive(Debug, Clone)]
pub(super) struct Snippets {
    sources: Vec<SnippetSource>,
    ranks: ByteRanks,
}

impl Snippets {
    pub(super) fn new(schemes: &[Scheme]) -> Snippets {
        let sources: Vec<SnippetSource> = schemes.iter().map(SnippetSource::new).collect();
        let ranks = ByteRanks::of(sources.iter().map(|s| s.normalized.as_bytes()));
        Snippets { sources, ranks }
    }

    /// The query's words that the scheme index knows, with their searchers.
    pub(super) fn words<'q>(
        &self,
        index: &LexicalIndex,
        words: &'q [(String, f32)],
    ) -> SnippetWords<'q> {
        let builder = FinderBuilder::new();
        SnippetWords {
            words: words
                .iter()
                .filter_map(|(w, _)| {
                    let id = index.word_id(w)?;
                    Some((
                        w.as_str(),
                        id,
                        SnippetWord::new(builder.build_forward_with_ranker(self.ranks, w)),
                    ))
                })
                .collect(),
        }
    }

    /// The snippet of scheme number `i`, `s`, for the words it matched.
    pub(super) fn snippet(&self, i: usize, s: &Scheme, matched: &[&SnippetWord<'_>]) -> String {
        self.sources[i].snippet_of(s, matched)
    }
}

/// Each byte's rank (0 the rarest, 255 the most common) in the schemes' normalised text. A
/// searcher first looks for the two rarest bytes of its word; by default it guesses rarity
/// from English text, where every byte of Japanese UTF-8 seems rare, so in Japanese text its
/// first look stops at nearly every character.
#[derive(Debug, Clone, Copy)]
struct ByteRanks([u8; 256]);

impl ByteRanks {
    fn of<'a>(texts: impl Iterator<Item = &'a [u8]>) -> ByteRanks {
        let mut counts = [0u64; 256];
        for text in texts {
            for &b in text {
                counts[b as usize] += 1;
            }
        }
        let mut order: Vec<u8> = (0..=255).collect();
        order.sort_by_key(|&b| counts[b as usize]);
        let mut ranks = [0u8; 256];
        for (rank, &b) in order.iter().enumerate() {
            ranks[b as usize] = rank as u8;
        }
        ByteRanks(ranks)
    }
}

impl HeuristicFrequencyRank for ByteRanks {
    fn rank(&self, byte: u8) -> u8 {
        self.0[byte as usize]
    }
}

/// A query's words that the scheme index knows, each with its number there and its searcher,
/// made once per query rather than once per result (or per occurrence).
pub(super) struct SnippetWords<'q> {
    words: Vec<(&'q str, u32, SnippetWord<'q>)>,
}

impl<'q> SnippetWords<'q> {
    /// The searchers of the query's words that document `doc` has, in query order, a word
    /// repeated in a row listed once.
    pub(super) fn matched_in(&self, index: &LexicalIndex, doc: usize) -> Vec<&SnippetWord<'q>> {
        let mut out: Vec<&SnippetWord<'q>> = Vec::new();
        let mut last: Option<&str> = None;
        for (word, id, finder) in &self.words {
            if index.has_word(doc, *id) && last != Some(*word) {
                out.push(finder);
                last = Some(word);
            }
        }
        out
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a scheme's summary and details are under 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(summary: &str, details: &str) -> Scheme {
        let text = r#"
            id = "minato-test"
            title = "テスト"
            level = "ward"
            provider = "港区"
            kind = "subsidy"
            summary = ""
            details = ""
            purposes = ["創業"]
            industries = ["all"]
            how_to_apply = "窓口"
            contact = "港区"
            source_url = "https://www.city.minato.tokyo.jp/"
            as_of = 2026-11-20
            [eligibility]
            location = "anywhere"
            office = "any_office"
            size = "any"
            pre_founding = "allowed"
            legal_form = "any"
            [window]
            kind = "always"
        "#;
        let mut s: Scheme = toml::from_str(text).expect("test scheme");
        s.summary = summary.to_string();
        s.details = details.to_string();
        s
    }

    /// What snippets were before sentences were cut at build time: the text cut and every
    /// sentence normalised for each result of each query. The new snippets must equal these.
    fn normalising_at_query_time(s: &Scheme, matched: &[&str]) -> String {
        let text = format!("{}\n{}", s.summary, s.details);
        let sentences: Vec<&str> = text
            .split(['。', '\n'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect();
        let mut joined = String::new();
        let mut ends = Vec::new();
        for sentence in &sentences {
            joined.push_str(&text::normalize(sentence));
            ends.push(joined.len());
            joined.push('\0');
        }
        let mut counts = vec![0usize; sentences.len()];
        let mut counted_for = vec![usize::MAX; sentences.len()];
        for (w, word) in matched.iter().enumerate() {
            if word.is_empty() {
                counts.iter_mut().for_each(|c| *c += 1);
                continue;
            }
            for (at, _) in joined.match_indices(word) {
                let i = ends.partition_point(|&end| end <= at);
                if counted_for[i] != w {
                    counted_for[i] = w;
                    counts[i] += 1;
                }
            }
        }
        let best = sentences
            .iter()
            .zip(&counts)
            .enumerate()
            .max_by_key(|(i, (_, count))| (**count, usize::MAX - i))
            .map(|(_, (sentence, _))| *sentence)
            .unwrap_or(&s.summary);
        shorten(best, SNIPPET_CHARS)
    }

    fn snippet(s: &Scheme, matched: &[&str]) -> String {
        let new = SnippetSource::new(s).snippet(s, matched);
        assert_eq!(new, normalising_at_query_time(s, matched), "{matched:?}");
        new
    }

    #[test]
    fn the_sentence_with_most_matched_words_is_shown() {
        let s = scheme(
            "創業を支援します。",
            "融資の利率を補給します。\n創業融資の利子を補給する制度です。その他",
        );
        assert_eq!(snippet(&s, &["融資", "補給"]), "融資の利率を補給します");
        assert_eq!(
            snippet(&s, &["創業", "融資", "補給"]),
            "創業融資の利子を補給する制度です"
        );
        // A word counts once per sentence, however often it occurs there.
        assert_eq!(snippet(&s, &["創業"]), "創業を支援します");
    }

    #[test]
    fn a_word_never_matches_across_a_sentence_boundary() {
        // 補助。金 holds 補助金 only if the boundary is ignored.
        let s = scheme("補助。金額は50万円です。", "補助金を交付します");
        assert_eq!(snippet(&s, &["補助金"]), "補助金を交付します");
        let s = scheme("補助\n金額", "");
        assert_eq!(snippet(&s, &["補助金"]), "補助");
    }

    #[test]
    fn a_very_long_sentence_is_cut_to_a_hundred_characters() {
        let long = "創業".repeat(80);
        let s = scheme("短い要約", &format!("{long}。"));
        let shown = snippet(&s, &["創業"]);
        assert_eq!(shown.chars().count(), SNIPPET_CHARS);
        assert!(shown.ends_with('…') && shown.starts_with("創業創業"));
    }

    #[test]
    fn half_width_and_full_width_text_meets_normalised_words() {
        // The shown text stays as written; the words are matched in its normalised form.
        let s = scheme(
            "ｿﾌﾄｳｪｱの導入を支援。",
            "ＩＴ導入補助金の対象です。\n   その他の経費\t",
        );
        assert_eq!(snippet(&s, &["ソフトウェア"]), "ｿﾌﾄｳｪｱの導入を支援");
        assert_eq!(snippet(&s, &["it導入"]), "ＩＴ導入補助金の対象です");
        assert_eq!(snippet(&s, &["その他の経費"]), "その他の経費");
    }

    #[test]
    fn a_word_that_only_normalising_makes_is_found() {
        // ｶﾞ is two characters (ｶ and a half-width voiced mark) that NFKC composes into ガ,
        // and ﾋﾞｼﾞﾈｽ likewise: a word spanning such a composition matches only after it.
        let s = scheme("一般的な説明", "ｺﾝｻﾙﾀﾝﾄﾞ派遣。ﾋﾞｼﾞﾈｽ　ﾌﾟﾗﾝの作成");
        assert_eq!(snippet(&s, &["ンド派遣"]), "ｺﾝｻﾙﾀﾝﾄﾞ派遣");
        assert_eq!(snippet(&s, &["ビジネス プラン"]), "ﾋﾞｼﾞﾈｽ　ﾌﾟﾗﾝの作成");
    }

    #[test]
    fn with_no_word_found_the_first_sentence_is_shown() {
        let s = scheme("  \n要約です。", "詳細です");
        assert_eq!(snippet(&s, &["融資"]), "要約です");
        assert_eq!(snippet(&s, &[]), "要約です");
        assert_eq!(snippet(&s, &["", "詳細"]), "詳細です");
    }

    #[test]
    fn with_no_sentence_the_summary_is_shown() {
        let s = scheme("。", " \n。");
        assert_eq!(snippet(&s, &["融資"]), "。");
    }

    #[test]
    fn snippets_of_the_real_corpus_equal_those_normalised_at_query_time() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = crate::domain::Corpus::load(&root.join("corpus"), &[]).expect("corpus");
        // Words cut from every title: characters in pairs and threes, normalised as a query's.
        let titles: Vec<Vec<char>> = corpus
            .schemes
            .iter()
            .map(|s| text::normalize(&s.title).chars().collect())
            .collect();
        let mut words: Vec<String> = Vec::new();
        for title in &titles {
            for n in [2, 3] {
                words.extend(title.windows(n).step_by(n).map(|w| w.iter().collect()));
            }
        }
        words.sort();
        words.dedup();
        let mut compared = 0;
        for (k, s) in corpus.schemes.iter().enumerate() {
            let source = SnippetSource::new(s);
            for start in (0..words.len()).step_by(7) {
                let matched: Vec<&str> = words[start..]
                    .iter()
                    .step_by(k % 5 + 1)
                    .take(k % 6 + 1)
                    .map(String::as_str)
                    .collect();
                assert_eq!(
                    source.snippet(s, &matched),
                    normalising_at_query_time(s, &matched),
                    "{} {matched:?}",
                    s.id
                );
                compared += 1;
            }
        }
        assert!(compared > 10_000, "{compared}");
    }
}

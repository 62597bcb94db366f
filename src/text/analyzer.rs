//! The Japanese analyzer: normalisation, lindera (IPADIC) morphology, stop words,
//! noun compounds and character n-grams. Loaded once and shared.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use lindera::dictionary::load_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

use super::normalize::{fold_kana, is_hiragana, is_katakana, normalize};
use super::{Result, TextError};

/// One morpheme after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morpheme {
    pub surface: String,
    /// Dictionary form (e.g. 借り -> 借りる); the surface for unknown words.
    pub lemma: String,
    pub pos: String,
    pub pos_detail: String,
    /// Katakana reading from the dictionary (None for unknown words).
    pub reading: Option<String>,
    pub unknown: bool,
    /// Kept as a search term (not a particle, auxiliary, symbol or stop word).
    pub content: bool,
}

/// Terms extracted from a text: words (lemmas and noun compounds) and character bigrams.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    pub words: Vec<String>,
    pub grams: Vec<String>,
    /// Character bigrams of the katakana readings, so that queries typed in kana
    /// (そうぎょう ほじょきん) meet the kanji they stand for.
    pub readings: Vec<String>,
}

/// Content words that carry no meaning for search.
const STOP_LEMMAS: &[&str] = &[
    "する",
    "ある",
    "いる",
    "なる",
    "できる",
    "れる",
    "られる",
    "いう",
    "思う",
    "おる",
    "ござる",
    "くださる",
    "下さる",
    "もらう",
    "いただく",
    "頂く",
    "ほしい",
    "欲しい",
    "たい",
    "ない",
    "よい",
    "いい",
    "こと",
    "もの",
    "ため",
    "よう",
    "ところ",
    "何",
    "なに",
    "どう",
    "どこ",
    "これ",
    "それ",
    "あれ",
    "ここ",
    "そこ",
    "この",
    "その",
    "方",
    "等",
    "くる",
    "来る",
    "行く",
    "いく",
    "みる",
    "しまう",
    "おく",
    "ん",
    "の",
    "さん",
    "様",
    "的",
    "について",
    "など",
    "とき",
    "時",
];

/// English function words: callers type English questions, and the corpus has a few English
/// aliases in which these words would otherwise be rare, hence heavily weighted, terms.
const STOP_ENGLISH: &[&str] = &[
    "a", "an", "the", "to", "in", "of", "for", "and", "or", "is", "are", "am", "be", "do", "does",
    "did", "i", "my", "me", "we", "our", "you", "your", "can", "could", "how", "what", "where",
    "which", "who", "when", "with", "on", "at", "there", "any", "this", "that", "from", "by", "as",
    "if", "so", "about", "would", "should", "want", "please",
];

const STOP_POS: &[&str] = &[
    "助詞",
    "助動詞",
    "記号",
    "接続詞",
    "フィラー",
    "連体詞",
    "感動詞",
    "その他",
];
const STOP_POS_DETAIL: &[&str] = &["非自立", "代名詞"];

pub struct Analyzer {
    segmenter: Segmenter,
    stop: HashSet<&'static str>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Analyzer {
    /// Loads the IPADIC dictionary built by `shien setup` (see `models/README.md`).
    pub fn load(dictionary_dir: &Path) -> Result<Analyzer> {
        if !dictionary_dir.join("metadata.json").is_file() {
            return Err(TextError::DictionaryMissing {
                dir: dictionary_dir.to_path_buf(),
            });
        }
        let uri = dictionary_dir
            .to_str()
            .ok_or_else(|| TextError::DictionaryMissing {
                dir: dictionary_dir.to_path_buf(),
            })?;
        let dictionary = load_dictionary(uri).map_err(|e| TextError::DictionaryCorrupt {
            dir: dictionary_dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
        let analyzer = Analyzer {
            segmenter,
            stop: STOP_LEMMAS.iter().copied().collect(),
        };
        // A truncated dictionary can load and then fail or panic on first use; find out now.
        let probe = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyzer.morphemes("補助金を申請したい")
        }));
        match probe {
            Ok(Ok(m)) if m.iter().any(|m| m.lemma == "申請") => Ok(analyzer),
            Ok(Ok(_)) => Err(TextError::DictionaryCorrupt {
                dir: dictionary_dir.to_path_buf(),
                reason: "a probe sentence was not segmented as expected".into(),
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(TextError::DictionaryCorrupt {
                dir: dictionary_dir.to_path_buf(),
                reason: "segmenting a probe sentence panicked".into(),
            }),
        }
    }

    /// Morphemes of already-normalised text.
    pub fn morphemes(&self, normalized: &str) -> Result<Vec<Morpheme>> {
        let tokens = self
            .segmenter
            .segment(Cow::Borrowed(normalized))
            .map_err(|e| TextError::Segment {
                reason: e.to_string(),
            })?;
        let mut out: Vec<Morpheme> = Vec::with_capacity(tokens.len());
        // Byte span of each morpheme in `out`, to see what touches what.
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        for mut token in tokens {
            let unknown = token.word_id.is_unknown();
            let surface = token.surface.to_string();
            if surface.trim().is_empty() {
                continue;
            }
            // IPADIC splits "m&a" and "r&d" into letter, symbol, letter: keep them one word.
            if let ([.., first, amp], [.., (first_start, first_end), (amp_start, amp_end)]) =
                (out.as_slice(), spans.as_slice())
            {
                let touching = first_end == amp_start && *amp_end == token.byte_start;
                if touching
                    && amp.surface == "&"
                    && is_latin_word(&first.surface)
                    && is_latin_word(&surface)
                {
                    let word = format!("{}&{surface}", first.surface);
                    let start = *first_start;
                    out.truncate(out.len() - 2);
                    spans.truncate(spans.len() - 2);
                    out.push(Morpheme {
                        surface: word.clone(),
                        lemma: word,
                        pos: "名詞".into(),
                        pos_detail: "固有名詞".into(),
                        reading: None,
                        unknown: true,
                        content: true,
                    });
                    spans.push((start, token.byte_end));
                    continue;
                }
            }
            let details = token.details();
            let pos = details.first().copied().unwrap_or("*").to_string();
            let pos_detail = details.get(1).copied().unwrap_or("*").to_string();
            let lemma = match details.get(6).copied() {
                Some(base) if base != "*" && !base.is_empty() => base.to_string(),
                _ => surface.clone(),
            };
            let reading = details
                .get(7)
                .copied()
                .filter(|r| *r != "*" && !r.is_empty())
                .map(str::to_string);
            let content = self.is_content(&pos, &pos_detail, &lemma, &surface);
            out.push(Morpheme {
                surface,
                lemma,
                pos,
                pos_detail,
                reading,
                unknown,
                content,
            });
            spans.push((token.byte_start, token.byte_end));
        }
        Ok(out)
    }

    fn is_content(&self, pos: &str, pos_detail: &str, lemma: &str, surface: &str) -> bool {
        if STOP_POS.contains(&pos)
            || STOP_POS_DETAIL.contains(&pos_detail)
            || self.stop.contains(lemma)
        {
            return false;
        }
        if lemma.is_ascii()
            && (lemma.len() == 1 || STOP_ENGLISH.iter().any(|w| lemma.eq_ignore_ascii_case(w)))
        {
            return false;
        }
        if pos == "動詞" && pos_detail == "接尾" {
            return false;
        }
        // A lone hiragana character is almost always grammar, whatever IPADIC guessed.
        let mut chars = surface.chars();
        !matches!((chars.next(), chars.next()), (Some(c), None) if is_hiragana(c) || c.is_ascii_punctuation())
    }

    /// Search terms for a text: content lemmas, adjacent-noun compounds, and character
    /// bigrams of content runs (robust to typos, unknown words and long katakana compounds).
    pub fn terms(&self, text: &str) -> Result<Terms> {
        let normalized = normalize(text);
        let morphemes = self.morphemes(&normalized)?;
        Ok(terms_of(&morphemes))
    }

    /// Search terms and content lemmas from one analysis of the text.
    pub fn terms_and_lemmas(&self, text: &str) -> Result<(Terms, Vec<String>)> {
        let normalized = normalize(text);
        let morphemes = self.morphemes(&normalized)?;
        let terms = terms_of(&morphemes);
        Ok((terms, content_lemmas(morphemes)))
    }

    /// Content lemmas of a phrase, or None when a noun of it is a stop word (もの in もの補助):
    /// the remaining lemmas would then stand for far more than the phrase does.
    pub fn phrase_lemmas(&self, text: &str) -> Result<Option<Vec<String>>> {
        let morphemes = self.morphemes(&normalize(text))?;
        if morphemes.iter().any(|m| m.pos == "名詞" && !m.content) {
            return Ok(None);
        }
        Ok(Some(content_lemmas(morphemes)))
    }

    /// Content lemmas only (for embeddings and synonym matching).
    pub fn lemmas(&self, text: &str) -> Result<Vec<String>> {
        let normalized = normalize(text);
        Ok(content_lemmas(self.morphemes(&normalized)?))
    }
}

/// The masker's view of a text (see `domain::masking`): IPADIC's person names (人名 姓/名),
/// places (地域), other proper nouns, common nouns and unknown words, with their byte spans.
/// The masker lives in the domain, which must not depend on lindera; this is its port.
impl crate::domain::masking::Lexicon for Analyzer {
    fn words(&self, text: &str) -> Vec<crate::domain::masking::Word> {
        use crate::domain::masking::{Word, WordClass};
        let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(tokens.len());
        for mut token in tokens {
            if token.surface.trim().is_empty() {
                continue;
            }
            let unknown = token.word_id.is_unknown();
            let (start, end) = (token.byte_start, token.byte_end);
            let details = token.details();
            let field = |i: usize| details.get(i).copied().unwrap_or("*");
            let class = match (field(0), field(1), field(2), field(3)) {
                _ if unknown => WordClass::Unknown,
                ("名詞", "固有名詞", "人名", "姓") => WordClass::Surname,
                ("名詞", "固有名詞", "人名", "名") => WordClass::GivenName,
                ("名詞", "固有名詞", "人名", _) => WordClass::PersonName,
                ("名詞", "固有名詞", "地域", _) => WordClass::Place,
                ("名詞", "固有名詞", _, _) => WordClass::ProperNoun,
                ("名詞", "接尾" | "非自立" | "代名詞" | "数", _, _) => WordClass::Other,
                ("名詞", _, _, _) => WordClass::CommonNoun,
                _ => WordClass::Other,
            };
            out.push(Word { start, end, class });
        }
        out
    }
}

fn content_lemmas(morphemes: Vec<Morpheme>) -> Vec<String> {
    morphemes
        .into_iter()
        .filter(|m| m.content)
        .map(|m| m.lemma)
        .collect()
}

fn is_latin_word(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_compound_part(m: &Morpheme) -> bool {
    m.content && (m.pos == "名詞" || m.pos == "接頭詞")
}

pub fn terms_of(morphemes: &[Morpheme]) -> Terms {
    let mut terms = Terms::default();
    // Content runs: maximal sequences of adjacent content morphemes (the text of a compound noun).
    let mut run = String::new();
    let mut reading_run = String::new();
    let mut prev_noun: Option<&Morpheme> = None;
    for m in morphemes {
        // Latin-script words are matched as words; their letter pairs (and pairs across
        // adjacent English words) only add noise to the character-bigram channel.
        let latin = m.surface.is_ascii();
        if m.content && latin {
            terms.words.push(m.lemma.clone());
            push_grams(&run, &mut terms.grams);
            push_grams(&reading_run, &mut terms.readings);
            run.clear();
            reading_run.clear();
            prev_noun = None;
        } else if m.content {
            terms.words.push(m.lemma.clone());
            run.push_str(&m.surface);
            match &m.reading {
                Some(r) => reading_run.push_str(r),
                None => reading_run.extend(m.surface.chars().map(to_katakana)),
            }
            if let Some(prev) = prev_noun.filter(|_| is_compound_part(m)) {
                terms.words.push(format!("{}{}", prev.surface, m.surface));
            }
            prev_noun = is_compound_part(m).then_some(m);
        } else {
            push_grams(&run, &mut terms.grams);
            push_grams(&reading_run, &mut terms.readings);
            run.clear();
            reading_run.clear();
            prev_noun = None;
        }
    }
    push_grams(&run, &mut terms.grams);
    push_grams(&reading_run, &mut terms.readings);
    terms
}

pub fn to_katakana(c: char) -> char {
    if ('\u{3041}'..='\u{3096}').contains(&c) {
        char::from_u32(c as u32 + 0x60).unwrap_or(c)
    } else {
        c
    }
}

/// Reading bigrams of runs of three or more kana typed by the caller (ｷｷﾞｮｳ, そうぎょう), read
/// as katakana.
pub fn kana_run_grams(normalized: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in normalized.chars().chain(std::iter::once(' ')) {
        if is_hiragana(c) || is_katakana(c) {
            run.push(to_katakana(c));
        } else {
            if run.chars().count() >= 3 {
                push_grams(&run, &mut out);
            }
            run.clear();
        }
    }
    out
}

fn push_grams(run: &str, grams: &mut Vec<String>) {
    let chars: Vec<char> = run
        .chars()
        .filter(|c| !c.is_whitespace() && *c != 'ー')
        .map(fold_kana)
        .collect();
    if chars.len() == 1 && !is_katakana(chars[0]) && !is_hiragana(chars[0]) {
        grams.push(chars[0].to_string());
    }
    for pair in chars.windows(2) {
        grams.push(pair.iter().collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(surface: &str, pos: &str, content: bool) -> Morpheme {
        Morpheme {
            surface: surface.into(),
            lemma: surface.into(),
            pos: pos.into(),
            pos_detail: "一般".into(),
            reading: None,
            unknown: false,
            content,
        }
    }

    #[test]
    fn adjacent_nouns_form_compounds_and_grams_span_the_run() {
        let t = terms_of(&[
            m("創業", "名詞", true),
            m("資金", "名詞", true),
            m("を", "助詞", false),
            m("借りる", "動詞", true),
        ]);
        assert_eq!(t.words, vec!["創業", "資金", "創業資金", "借りる"]);
        assert_eq!(t.grams, vec!["創業", "業資", "資金", "借り", "りる"]);
    }

    #[test]
    fn hiragana_runs_become_katakana_reading_grams() {
        assert_eq!(
            kana_run_grams("そうぎょう 港区"),
            vec!["ソウ", "ウギ", "ギヨ", "ヨウ"]
        );
        assert!(kana_run_grams("の が").is_empty());
    }

    #[test]
    fn grams_ignore_long_vowel_marks_and_fold_kana() {
        let mut g = Vec::new();
        push_grams("ウェブ", &mut g);
        assert_eq!(g, vec!["ウエ", "エブ"]);
    }
}

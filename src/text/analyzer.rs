//! The Japanese analyzer: normalisation, lindera (IPADIC) morphology, stop words,
//! noun compounds and character n-grams. Loaded once and shared.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Mutex;

use lindera::dictionary::load_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::worker::SegmentWorker;
use lindera_dictionary::dictionary::DetailFields;
use rustc_hash::FxHashSet;

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
    /// Segmentation sessions (a Viterbi lattice and its buffers each), reused across calls: one
    /// per caller running at the same time, so no call allocates a lattice afresh.
    workers: Mutex<Vec<SegmentWorker>>,
    stop: FxHashSet<&'static str>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

/// What [`Analyzer::index_terms`] hands a text's analysis to.
pub(crate) type PiecesReader<'r> = dyn FnMut(&[Piece<'_>]) + 'r;

/// A morpheme as the analysis sees it: slices of the normalised text and of the dictionary,
/// nothing copied. [`Morpheme`] is its owned form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    surface: &'a str,
    lemma: &'a str,
    pos: &'a str,
    pos_detail: &'a str,
    reading: Option<&'a str>,
    unknown: bool,
    content: bool,
}

impl<'a> Piece<'a> {
    #[cfg(test)]
    fn of(m: &'a Morpheme) -> Piece<'a> {
        Piece {
            surface: &m.surface,
            lemma: &m.lemma,
            pos: &m.pos,
            pos_detail: &m.pos_detail,
            reading: m.reading.as_deref(),
            unknown: m.unknown,
            content: m.content,
        }
    }

    fn to_morpheme(self) -> Morpheme {
        Morpheme {
            surface: self.surface.to_string(),
            lemma: self.lemma.to_string(),
            pos: self.pos.to_string(),
            pos_detail: self.pos_detail.to_string(),
            reading: self.reading.map(str::to_string),
            unknown: self.unknown,
            content: self.content,
        }
    }

    pub(crate) fn lemma(&self) -> &'a str {
        self.lemma
    }

    pub(crate) fn surface(&self) -> &'a str {
        self.surface
    }

    pub(crate) fn pos(&self) -> &'a str {
        self.pos
    }

    pub(crate) fn reading(&self) -> Option<&'a str> {
        self.reading
    }

    pub(crate) fn is_content(&self) -> bool {
        self.content
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
            workers: Mutex::new(Vec::new()),
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
        Ok(self
            .pieces(normalized)?
            .into_iter()
            .map(Piece::to_morpheme)
            .collect())
    }

    /// Runs `f` with a segmentation session of its own, taken from the pool and put back after.
    fn with_worker<R>(&self, f: impl FnOnce(&mut SegmentWorker) -> R) -> R {
        let pooled = self
            .workers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let mut worker = pooled.unwrap_or_else(|| self.segmenter.new_worker());
        let result = f(&mut worker);
        self.workers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(worker);
        result
    }

    /// The morphemes of already-normalised text, borrowing from it and from the dictionary.
    pub(crate) fn pieces<'a>(&'a self, normalized: &'a str) -> Result<Vec<Piece<'a>>> {
        self.with_worker(|worker| self.pieces_with(worker, normalized))
    }

    fn pieces_with<'a>(
        &'a self,
        worker: &mut SegmentWorker,
        normalized: &'a str,
    ) -> Result<Vec<Piece<'a>>> {
        let tokens = worker.segment(normalized).map_err(|e| TextError::Segment {
            reason: e.to_string(),
        })?;
        let dictionary = &self.segmenter.dictionary;
        let mut out: Vec<Piece<'a>> = Vec::with_capacity(tokens.len());
        // Byte span of each morpheme in `out`, to see what touches what.
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let (start, end) = (token.byte_start, token.byte_end);
            // The token's own surface borrows the session; the same bytes of the text do not.
            let surface = match normalized.get(start..end) {
                Some(s) if s == token.surface.as_ref() => s,
                _ => {
                    return Err(TextError::Segment {
                        reason: format!("token at bytes {start}..{end} does not match the text"),
                    });
                }
            };
            if surface.trim().is_empty() {
                continue;
            }
            let unknown = token.word_id.is_unknown();
            // IPADIC splits "m&a" and "r&d" into letter, symbol, letter: keep them one word.
            if let ([.., first, amp], [.., (first_start, first_end), (amp_start, amp_end)]) =
                (out.as_slice(), spans.as_slice())
            {
                let touching = first_end == amp_start && *amp_end == start;
                if touching
                    && amp.surface == "&"
                    && is_latin_word(first.surface)
                    && is_latin_word(surface)
                {
                    // Touching, so the three surfaces are one slice of the text.
                    let first_start = *first_start;
                    let word = &normalized[first_start..end];
                    out.truncate(out.len() - 2);
                    spans.truncate(spans.len() - 2);
                    out.push(Piece {
                        surface: word,
                        lemma: word,
                        pos: "名詞",
                        pos_detail: "固有名詞",
                        reading: None,
                        unknown: true,
                        content: true,
                    });
                    spans.push((first_start, end));
                    continue;
                }
            }
            // The fields straight from the dictionary's bytes (what `Token::details` would copy
            // into a vector padded with "*"; a missing field reads as "*" here too).
            let id = token.word_id.id() as usize;
            let fields = if unknown {
                dictionary.unknown_word_details_iter(id)
            } else if token.word_id.is_system() {
                dictionary.word_details_iter(id)
            } else {
                DetailFields::unk()
            };
            let mut detail: [Option<&'a str>; 8] = [None; 8];
            for (slot, field) in detail.iter_mut().zip(fields) {
                *slot = Some(field);
            }
            let pos = detail[0].unwrap_or("*");
            let pos_detail = detail[1].unwrap_or("*");
            let lemma = match detail[6] {
                Some(base) if base != "*" && !base.is_empty() => base,
                _ => surface,
            };
            let reading = detail[7].filter(|r| *r != "*" && !r.is_empty());
            let content = self.is_content(pos, pos_detail, lemma, surface);
            out.push(Piece {
                surface,
                lemma,
                pos,
                pos_detail,
                reading,
                unknown,
                content,
            });
            spans.push((start, end));
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
        let pieces = self.pieces(&normalized)?;
        let mut terms = Terms::default();
        emit_terms(&pieces, &mut terms);
        Ok(terms)
    }

    /// Search terms and content lemmas from one analysis of the text.
    pub fn terms_and_lemmas(&self, text: &str) -> Result<(Terms, Vec<String>)> {
        let normalized = normalize(text);
        let pieces = self.pieces(&normalized)?;
        let mut terms = Terms::default();
        emit_terms(&pieces, &mut terms);
        Ok((terms, content_lemmas(&pieces)))
    }

    /// Search terms of a text appended to `out` (cleared first), with no allocation per term:
    /// what the index builder reads. The same terms, in the same order, as [`Analyzer::terms`].
    /// When `lemmas` is given, the text's content lemmas are appended to it; when `also` is,
    /// it is handed the same analysis (the index builder reads the reading words from it).
    pub(crate) fn index_terms(
        &self,
        text: &str,
        out: &mut TermLists,
        lemmas: Option<&mut Vec<String>>,
        also: Option<&mut PiecesReader<'_>>,
    ) -> Result<()> {
        let normalized = normalize(text);
        out.clear();
        self.with_worker(|worker| {
            let pieces = self.pieces_with(worker, &normalized)?;
            emit_terms(&pieces, out);
            if let Some(lemmas) = lemmas {
                lemmas.extend(content_lemmas(&pieces));
            }
            if let Some(also) = also {
                also(&pieces);
            }
            Ok(())
        })
    }

    /// Content lemmas of a phrase, or None when a noun of it is a stop word (もの in もの補助):
    /// the remaining lemmas would then stand for far more than the phrase does.
    pub fn phrase_lemmas(&self, text: &str) -> Result<Option<Vec<String>>> {
        let normalized = normalize(text);
        let pieces = self.pieces(&normalized)?;
        if pieces.iter().any(|m| m.pos == "名詞" && !m.content) {
            return Ok(None);
        }
        Ok(Some(content_lemmas(&pieces)))
    }

    /// Content lemmas only (for embeddings and synonym matching).
    pub fn lemmas(&self, text: &str) -> Result<Vec<String>> {
        let normalized = normalize(text);
        Ok(content_lemmas(&self.pieces(&normalized)?))
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

fn content_lemmas(pieces: &[Piece<'_>]) -> Vec<String> {
    pieces
        .iter()
        .filter(|m| m.content)
        .map(|m| m.lemma.to_string())
        .collect()
}

fn is_latin_word(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_compound_part(m: &Piece<'_>) -> bool {
    m.content && (m.pos == "名詞" || m.pos == "接頭詞")
}

/// Where the terms of a text go: a [`Terms`] of strings, or the flat [`TermLists`] the index
/// builder reads. One routine ([`emit_terms`]) feeds both, so they cannot disagree.
pub(crate) trait TermSink {
    fn word(&mut self, word: &str);
    /// Two adjacent nouns as one word.
    fn compound(&mut self, first: &str, second: &str);
    /// A character bigram (or a lone character) of a content run.
    fn gram(&mut self, gram: &str);
    /// A character bigram of the katakana reading of a content run.
    fn reading(&mut self, gram: &str);
}

impl TermSink for Terms {
    fn word(&mut self, word: &str) {
        self.words.push(word.to_string());
    }
    fn compound(&mut self, first: &str, second: &str) {
        self.words.push(format!("{first}{second}"));
    }
    fn gram(&mut self, gram: &str) {
        self.grams.push(gram.to_string());
    }
    fn reading(&mut self, gram: &str) {
        self.readings.push(gram.to_string());
    }
}

/// A list of strings kept as one buffer and the end offset of each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlatList {
    text: String,
    ends: Vec<u32>,
}

impl FlatList {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    fn push2(&mut self, a: &str, b: &str) {
        self.text.push_str(a);
        self.text.push_str(b);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(s, e)| &self.text[s as usize..e as usize])
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
}

/// The terms of one text as three flat lists: [`Terms`] without a string per term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermLists {
    pub words: FlatList,
    pub grams: FlatList,
    pub readings: FlatList,
}

impl TermLists {
    pub fn clear(&mut self) {
        self.words.clear();
        self.grams.clear();
        self.readings.clear();
    }
}

impl TermSink for TermLists {
    fn word(&mut self, word: &str) {
        self.words.push(word);
    }
    fn compound(&mut self, first: &str, second: &str) {
        self.words.push2(first, second);
    }
    fn gram(&mut self, gram: &str) {
        self.grams.push(gram);
    }
    fn reading(&mut self, gram: &str) {
        self.readings.push(gram);
    }
}

#[cfg(test)]
fn terms_of(morphemes: &[Morpheme]) -> Terms {
    let pieces: Vec<Piece<'_>> = morphemes.iter().map(Piece::of).collect();
    let mut terms = Terms::default();
    emit_terms(&pieces, &mut terms);
    terms
}

/// Characters of a content run as the n-gram channels see them: no spaces or long-vowel marks,
/// small kana folded to full size.
#[derive(Default)]
struct Run(Vec<char>);

impl Run {
    fn extend(&mut self, chars: impl Iterator<Item = char>) {
        self.0.extend(
            chars
                .filter(|c| !c.is_whitespace() && *c != 'ー')
                .map(fold_kana),
        );
    }

    /// The run's bigrams (or its one character, unless kana) to `emit`; the run is emptied.
    fn flush(&mut self, mut emit: impl FnMut(&str)) {
        let chars = &self.0;
        let mut buf = [0u8; 8];
        if chars.len() == 1 && !is_katakana(chars[0]) && !is_hiragana(chars[0]) {
            emit(chars[0].encode_utf8(&mut buf));
        }
        for pair in chars.windows(2) {
            let n = pair[0].encode_utf8(&mut buf).len();
            let m = pair[1].encode_utf8(&mut buf[n..]).len();
            emit(std::str::from_utf8(&buf[..n + m]).expect("two encoded characters"));
        }
        self.0.clear();
    }
}

pub(crate) fn emit_terms(morphemes: &[Piece<'_>], sink: &mut impl TermSink) {
    // Content runs: maximal sequences of adjacent content morphemes (the text of a compound noun).
    let mut run = Run::default();
    let mut reading_run = Run::default();
    let mut prev_noun: Option<&Piece<'_>> = None;
    for m in morphemes {
        // Latin-script words are matched as words; their letter pairs (and pairs across
        // adjacent English words) only add noise to the character-bigram channel.
        let latin = m.surface.is_ascii();
        if m.content && latin {
            sink.word(m.lemma);
            run.flush(|g| sink.gram(g));
            reading_run.flush(|g| sink.reading(g));
            prev_noun = None;
        } else if m.content {
            sink.word(m.lemma);
            run.extend(m.surface.chars());
            match m.reading {
                Some(r) => reading_run.extend(r.chars()),
                None => reading_run.extend(m.surface.chars().map(to_katakana)),
            }
            if let Some(prev) = prev_noun.filter(|_| is_compound_part(m)) {
                sink.compound(prev.surface, m.surface);
            }
            prev_noun = is_compound_part(m).then_some(m);
        } else {
            run.flush(|g| sink.gram(g));
            reading_run.flush(|g| sink.reading(g));
            prev_noun = None;
        }
    }
    run.flush(|g| sink.gram(g));
    reading_run.flush(|g| sink.reading(g));
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
    let mut chars = Run::default();
    chars.extend(run.chars());
    chars.flush(|g| grams.push(g.to_string()));
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

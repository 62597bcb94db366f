//! Readings as words: the katakana reading IPADIC gives each content word of a text (相談 →
//! ソウダン) and of its noun compounds (事業承継 → ジギョウショウケイ), so that a caller who
//! types only kana (じぎょうしょうけい の そうだん) meets the kanji words they stand for.
//! Reading *bigrams* (in `analyzer`) already do this loosely; whole reading words are far more
//! specific (ソウ and ウダ occur everywhere, ソウダン only where 相談 does).
//!
//! Readings are folded as the bigrams are (small kana to full size, ヂ/ヅ to ジ/ズ, no long-vowel
//! mark), so that きょうさい, キョーサイ and 共済's キョウサイ… meet where they sound alike.

use super::analyzer::{Piece, to_katakana};
use super::normalize::{fold_kana, is_hiragana, is_kanji, is_katakana, normalize};
use super::{Analyzer, Result};

/// The folded katakana key of a reading or of kana the caller typed.
pub fn reading_key(kana: &str) -> String {
    kana.chars()
        .filter(|c| *c != 'ー' && !c.is_whitespace())
        .map(|c| fold_kana(to_katakana(c)))
        .collect()
}

/// Whether `c` is kana (or the long-vowel mark).
pub fn is_kana(c: char) -> bool {
    is_hiragana(c) || is_katakana(c)
}

/// Whether a query is written in kana alone (at least one hiragana, no kanji or Latin
/// letters): the callers the reading words are for.
pub fn is_kana_only(text: &str) -> bool {
    is_normalized_kana_only(&normalize(text))
}

/// [`is_kana_only`] of a text already normalised (`normalize`), which a query's analysis has.
pub fn is_normalized_kana_only(normalized: &str) -> bool {
    let mut hiragana = false;
    for c in normalized.chars() {
        if is_hiragana(c) {
            hiragana = true;
        } else if c.is_alphanumeric() && !is_katakana(c) {
            return false;
        }
    }
    hiragana
}

/// Runs of kana in `text` (split at spaces, punctuation and anything not kana), as reading keys.
pub fn kana_runs(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !is_kana(c))
        .map(reading_key)
        .filter(|r| !r.is_empty())
        .collect()
}

/// Reading words of a text: each content word's reading, and the joined readings of adjacent
/// content nouns (two at a time, and the whole run when longer), as reading keys. Words whose
/// reading IPADIC does not know (unknown kanji words) have none; kana words are their own.
pub fn reading_words(analyzer: &Analyzer, text: &str) -> Result<Vec<String>> {
    Ok(reading_words_of(&analyzer.pieces(&normalize(text))?))
}

/// [`reading_words`] of a text already analysed.
pub(crate) fn reading_words_of(pieces: &[Piece<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let close = |run: &mut Vec<String>, out: &mut Vec<String>| {
        if run.len() > 2 {
            out.push(run.concat());
        }
        run.clear();
    };
    for m in pieces {
        let reading = match m.reading() {
            Some(r) => Some(reading_key(r)),
            None if m.surface().chars().all(is_kana) => Some(reading_key(m.surface())),
            None => None,
        };
        let noun = m.pos() == "名詞" || m.pos() == "接頭詞";
        match reading.filter(|r| m.is_content() && !r.is_empty()) {
            Some(r) => {
                out.push(r.clone());
                if noun {
                    if let Some(prev) = run.last() {
                        out.push(format!("{prev}{r}"));
                    }
                    run.push(r);
                } else {
                    close(&mut run, &mut out);
                }
            }
            None => close(&mut run, &mut out),
        }
    }
    close(&mut run, &mut out);
    out
}

/// The words of a text written with kanji, each with the dictionary's reading: content words
/// (雇う → ヤトウ) and the runs of adjacent nouns (補助 + 金 → 補助金, ホジョキン), so that kana
/// typed for them (やとう, ほじょきん) can be spelled as the text spells them. Words whose
/// reading the dictionary does not know are left out.
pub fn written_words(analyzer: &Analyzer, text: &str) -> Result<Vec<(String, String)>> {
    let normalized = normalize(text);
    let pieces = analyzer.pieces(&normalized)?;
    let mut out = Vec::new();
    let mut run: Vec<(&str, &str)> = Vec::new();
    let kanji = |s: &str| s.chars().any(is_kanji);
    let close = |run: &mut Vec<(&str, &str)>, out: &mut Vec<(String, String)>| {
        if run.len() > 1 {
            let surface: String = run.iter().map(|(s, _)| *s).collect();
            if kanji(&surface) {
                out.push((surface, run.iter().map(|(_, r)| *r).collect()));
            }
        }
        run.clear();
    };
    for p in &pieces {
        let noun = p.pos() == "名詞" || p.pos() == "接頭詞";
        match p.reading().filter(|r| *r != "*" && !r.is_empty()) {
            Some(r) => {
                if p.is_content() && kanji(p.surface()) {
                    out.push((p.surface().to_string(), r.to_string()));
                }
                if noun {
                    run.push((p.surface(), r));
                } else {
                    close(&mut run, &mut out);
                }
            }
            None => close(&mut run, &mut out),
        }
    }
    close(&mut run, &mut out);
    Ok(out)
}

/// The dictionary's reading of each word, for furigana. The text is read as written (not
/// normalised), so every surface is a piece of it.
impl crate::domain::corpus::translation::furigana::WordReader for Analyzer {
    fn read_words(&self, text: &str) -> Vec<(String, Option<String>)> {
        match self.morphemes(text) {
            Ok(morphemes) => morphemes
                .into_iter()
                .map(|m| (m.surface, m.reading))
                .collect(),
            // A text the segmenter cannot read is shown without readings.
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_kana_and_readings_share_one_key() {
        assert_eq!(reading_key("じぎょうしょうけい"), "ジギヨウシヨウケイ");
        assert_eq!(reading_key("ジギョウショウケイ"), "ジギヨウシヨウケイ");
        assert_eq!(reading_key("せーふてぃ"), reading_key("セーフティ"));
        assert_eq!(reading_key("ものずくり"), reading_key("モノヅクリ"));
    }

    #[test]
    fn kana_only_queries_are_told_apart() {
        assert!(is_kana_only("じぎょうしょうけい の そうだん"));
        assert!(is_kana_only("ｿﾌﾄｳｪｱ の ほじょきん"));
        assert!(
            !is_kana_only("ソフトウェア"),
            "katakana alone is a loanword, not kana typing"
        );
        assert!(!is_kana_only("そうぎょう 融資"));
        assert!(!is_kana_only("loan そうだん"));
        assert!(!is_kana_only(""));
    }

    #[test]
    fn kana_runs_split_at_spaces_and_other_scripts() {
        assert_eq!(
            kana_runs("そうぎょう の、ゆうし 港区"),
            vec!["ソウギヨウ", "ノ", "ユウシ"]
        );
    }
}

//! Furigana for the やさしい日本語 view: each kanji run of a text carries its reading in
//! hiragana (`<ruby>申<rt>もう</rt></ruby>し<ruby>込<rt>こ</rt></ruby>む`).
//!
//! Readings come from the dictionary, word by word, through the [`WordReader`] trait (the
//! analyzer in `text/` implements it), except for the words listed in
//! `corpus/i18n/readings.toml`: proper nouns the dictionary reads wrong (港区 is みなとく, not
//! こうく; 白金 is しろかね). Okurigana stay outside the ruby base whenever the reading can be
//! aligned with the kana of the word; otherwise the whole word carries its reading.
//!
//! Nothing here builds HTML: the result is a list of [`Segment`]s that the templates render
//! (and escape).

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::Segment;
use crate::domain::corpus::Problem;

/// The words of a text with their dictionary readings (katakana or hiragana), in order.
/// Words the dictionary does not know have no reading. Surfaces are substrings of the text;
/// characters between them (spaces) may be left out.
pub trait WordReader {
    fn read_words(&self, text: &str) -> Vec<(String, Option<String>)>;
}

/// A word whose reading the dictionary gets wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingOverride {
    pub word: String,
    /// In hiragana.
    pub reading: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingFile {
    #[serde(default)]
    reading: Vec<ReadingOverride>,
}

/// The override list, longest word first (so 港区役所 would win over 港区).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readings {
    words: Vec<ReadingOverride>,
}

impl Readings {
    /// Validated overrides: every word has a kanji, every reading is hiragana whose alignment
    /// with the word's kana works, and no word is listed twice.
    pub fn new(words: Vec<ReadingOverride>) -> Result<Readings, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for w in &words {
            if !w.word.chars().any(is_kanji) {
                problems.push((w.word.clone(), "the word has no kanji to read".to_string()));
            } else if w.reading.is_empty() || !w.reading.chars().all(is_hiragana) {
                problems.push((w.word.clone(), "the reading must be hiragana".to_string()));
            } else if align(&w.word, &w.reading).is_none() {
                problems.push((
                    w.word.clone(),
                    "the reading does not fit the kana written in the word".to_string(),
                ));
            }
            if !seen.insert(w.word.as_str()) {
                problems.push((w.word.clone(), "listed twice".to_string()));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut words = words;
        words.sort_by_key(|w| std::cmp::Reverse(w.word.chars().count()));
        Ok(Readings { words })
    }

    /// Reads `readings.toml` (a missing file is an empty list); problems name the file, the
    /// line and the word.
    pub fn load(file: &Path, problems: &mut Vec<Problem>) -> Readings {
        if !file.is_file() {
            return Readings::default();
        }
        let Some(text) = crate::domain::corpus::read_text(file, problems) else {
            return Readings::default();
        };
        let Some(parsed) = crate::domain::corpus::parse_text::<ReadingFile>(file, &text, problems)
        else {
            return Readings::default();
        };
        match Readings::new(parsed.reading) {
            Ok(r) => r,
            Err(found) => {
                for (word, message) in found {
                    let needle = format!("\"{word}\"");
                    let line = text
                        .lines()
                        .position(|l| l.trim_start().starts_with("word") && l.contains(&needle))
                        .map(|i| i + 1);
                    problems.push(Problem {
                        file: file.to_path_buf(),
                        line,
                        id: Some(word),
                        field: Some("reading".into()),
                        message,
                    });
                }
                Readings::default()
            }
        }
    }

    pub fn words(&self) -> &[ReadingOverride] {
        &self.words
    }

    /// The listed word that starts `text`, if any (the longest).
    fn at_start(&self, text: &str) -> Option<&ReadingOverride> {
        self.words.iter().find(|w| text.starts_with(&w.word))
    }
}

/// Kanji, and the marks written among kanji (々 repeats, 〆, ヶ as in 一ヶ月).
pub fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '々' | '〆' | 'ヶ' | 'ヵ'
    )
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c) || c == 'ー'
}

/// Katakana to hiragana (ソウダン → そうだん); the long-vowel mark and the rest unchanged.
pub fn to_hiragana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A word's text with furigana: the kanji runs of `text` carry readings, nothing else does.
pub fn furigana(text: &str, reader: &dyn WordReader, overrides: &Readings) -> Vec<Segment> {
    let mut out = Vec::new();
    // Text between listed words goes to the dictionary in one piece, so words keep their
    // context.
    let mut pending = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(o) = overrides.at_start(rest) {
            read_with_dictionary(&pending, reader, &mut out);
            pending.clear();
            ruby_word(&o.word, &o.reading, &mut out);
            rest = &rest[o.word.len()..];
        } else {
            pending.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    read_with_dictionary(&pending, reader, &mut out);
    out
}

fn read_with_dictionary(text: &str, reader: &dyn WordReader, out: &mut Vec<Segment>) {
    if text.is_empty() {
        return;
    }
    if !text.chars().any(is_kanji) {
        push_text(out, text);
        return;
    }
    let mut cursor = 0;
    for (surface, reading) in reader.read_words(text) {
        let Some(found) = text[cursor..].find(&surface) else {
            // Not a substring after all (the reader changed the text): keep the rest plain.
            break;
        };
        push_text(out, &text[cursor..cursor + found]);
        match reading {
            Some(r) if surface.chars().any(is_kanji) => ruby_word(&surface, &to_hiragana(&r), out),
            _ => push_text(out, &surface),
        }
        cursor += found + surface.len();
    }
    push_text(out, &text[cursor..]);
}

/// One word with its reading: split at its kana when the reading aligns with them, else one
/// ruby over the whole word.
fn ruby_word(word: &str, reading: &str, out: &mut Vec<Segment>) {
    match align(word, reading) {
        Some(parts) => {
            for (base, reading) in parts {
                match reading {
                    Some(r) => out.push(Segment::Ruby { base, reading: r }),
                    None => push_text(out, &base),
                }
            }
        }
        None if to_hiragana(word) == reading => push_text(out, word),
        None => out.push(Segment::Ruby {
            base: word.to_string(),
            reading: reading.to_string(),
        }),
    }
}

/// Splits `word` into kanji runs (with the part of `reading` each one reads) and the rest
/// (kana, Latin, digits: written as they are and matched in `reading` as hiragana).
/// 申し込む + もうしこむ → 申(もう) し 込(こ) む. `None` when the kana do not match, or when a
/// non-kanji part that is not kana (a digit) sits between kanji runs and cannot be placed.
pub fn align(word: &str, reading: &str) -> Option<Vec<(String, Option<String>)>> {
    // Runs of kanji and of everything else, in order.
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in word.chars() {
        let k = is_kanji(c);
        match runs.last_mut() {
            Some((kanji, run)) if *kanji == k => run.push(c),
            _ => runs.push((k, c.to_string())),
        }
    }
    let reading: Vec<char> = reading.chars().collect();
    let mut out = Vec::new();
    if match_runs(&runs, &reading, &mut out) {
        Some(out)
    } else {
        None
    }
}

fn match_runs(
    runs: &[(bool, String)],
    reading: &[char],
    out: &mut Vec<(String, Option<String>)>,
) -> bool {
    let Some(((kanji, run), rest)) = runs.split_first() else {
        return reading.is_empty();
    };
    if !kanji {
        let kana: Vec<char> = to_hiragana(run).chars().collect();
        if !reading.starts_with(&kana) {
            return false;
        }
        out.push((run.clone(), None));
        if match_runs(rest, &reading[kana.len()..], out) {
            return true;
        }
        out.pop();
        return false;
    }
    // A kanji run reads at least one kana; try the shortest first, so a following kana run
    // anchors as early as it can (出し込み: 出=だ, not だしこ…).
    for take in 1..=reading.len() {
        out.push((run.clone(), Some(reading[..take].iter().collect())));
        if match_runs(rest, &reading[take..], out) {
            return true;
        }
        out.pop();
    }
    false
}

fn push_text(out: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Segment::Text(t)) = out.last_mut() {
        t.push_str(text);
    } else {
        out.push(Segment::Text(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that knows a handful of words, as the dictionary would split them.
    struct Words(Vec<(&'static str, Option<&'static str>)>);

    impl WordReader for Words {
        fn read_words(&self, text: &str) -> Vec<(String, Option<String>)> {
            let mut out = Vec::new();
            let mut rest = text;
            while !rest.is_empty() {
                let known = self.0.iter().find(|(w, _)| rest.starts_with(w));
                let (w, r) = match known {
                    Some((w, r)) => (w.to_string(), r.map(str::to_string)),
                    None => (rest.chars().next().unwrap().to_string(), None),
                };
                rest = &rest[w.len()..];
                out.push((w, r));
            }
            out
        }
    }

    fn shown(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Japanese(t) => t.clone(),
                Segment::Ruby { base, reading } => format!("{base}({reading})"),
            })
            .collect()
    }

    #[test]
    fn okurigana_stay_outside_the_ruby() {
        assert_eq!(
            align("申し込む", "もうしこむ").unwrap(),
            [
                ("申".to_string(), Some("もう".to_string())),
                ("し".to_string(), None),
                ("込".to_string(), Some("こ".to_string())),
                ("む".to_string(), None),
            ]
        );
        let reader = Words(vec![
            ("申し込む", Some("モウシコム")),
            ("ます", Some("マス")),
        ]);
        assert_eq!(
            shown(&furigana("申し込みます", &reader, &Readings::default())),
            // 申し込み is not in this reader: 申, し, 込, み are read one by one (no reading).
            "申し込みます"
        );
        assert_eq!(
            shown(&furigana("申し込むます", &reader, &Readings::default())),
            "申(もう)し込(こ)むます"
        );
    }

    #[test]
    fn a_reading_that_does_not_fit_the_kana_covers_the_whole_word() {
        assert_eq!(align("申し込む", "もうすこむ"), None);
        let reader = Words(vec![("申し込む", Some("モウスコム"))]);
        assert_eq!(
            shown(&furigana("申し込む", &reader, &Readings::default())),
            "申し込む(もうすこむ)"
        );
    }

    #[test]
    fn listed_words_win_over_the_dictionary() {
        let reader = Words(vec![
            ("港", Some("コウ")),
            ("区", Some("ク")),
            ("の", Some("ノ")),
        ]);
        let readings = Readings::new(vec![
            ReadingOverride {
                word: "港区".into(),
                reading: "みなとく".into(),
            },
            ReadingOverride {
                word: "虎ノ門".into(),
                reading: "とらのもん".into(),
            },
        ])
        .unwrap();
        assert_eq!(
            shown(&furigana("港区の虎ノ門", &reader, &readings)),
            "港区(みなとく)の虎(とら)ノ門(もん)"
        );
        assert_eq!(
            shown(&furigana("港の", &reader, &readings)),
            "港(こう)の",
            "the dictionary still reads what is not listed"
        );
    }

    #[test]
    fn kana_latin_and_digits_carry_no_ruby() {
        let reader = Words(vec![
            ("IT", None),
            ("ソフト", Some("ソフト")),
            ("年", Some("ネン")),
        ]);
        assert_eq!(
            shown(&furigana("ITソフト 5年", &reader, &Readings::default())),
            "ITソフト 5年(ねん)"
        );
    }

    #[test]
    fn bad_overrides_are_refused_with_the_word() {
        let bad = Readings::new(vec![
            ReadingOverride {
                word: "みなと".into(),
                reading: "みなと".into(),
            },
            ReadingOverride {
                word: "港区".into(),
                reading: "ミナトク".into(),
            },
            ReadingOverride {
                word: "申し込む".into(),
                reading: "もうすこむ".into(),
            },
        ])
        .unwrap_err();
        assert_eq!(bad.len(), 3);
        assert_eq!(bad[1].0, "港区");
    }
}

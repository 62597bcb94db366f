//! A small English analyzer for the English view of the corpus: lower case, ASCII folding,
//! stop words and a light suffix stemmer. Callers ask in English; the reviewed translations in
//! `corpus/i18n/en/` say the same things in English, so the two meet on English words.
//!
//! The stemmer is deliberately light (plurals, -ing, -ed, a final e, British spellings): the
//! same function runs on documents and queries, so it only has to map the forms a caller and a
//! translator would use for one word onto one key, never produce dictionary words. It must
//! never touch Japanese: anything outside ASCII after folding separates words and is dropped
//! (Japanese terms inside English translations are matched by the Japanese index instead).

use unicode_normalization::UnicodeNormalization;

/// Function words and question words that say nothing about which scheme is meant.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
    "each", "etc", "for", "from", "get", "got", "had", "has", "have", "having", "he", "her",
    "here", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "like",
    "may", "me", "might", "more", "most", "much", "must", "my", "no", "not", "of", "on", "or",
    "other", "our", "ours", "out", "please", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours", "want", "wants", "wanted",
    "need", "needs", "know", "tell", "there's", "thing", "things", "way", "ve", "ll", "re", "up",
];

/// British spellings the translations use, folded to one key with the American ones callers
/// may type (applied after stemming, so every inflected form folds too).
const SPELLINGS: &[(&str, &str)] = &[
    ("labour", "labor"),
    ("centr", "center"),
    ("programm", "program"),
    ("catalogu", "catalog"),
    ("licenc", "licens"),
    ("organis", "organiz"),
    ("digitalis", "digitaliz"),
    ("utilis", "utiliz"),
    ("revitalis", "revitaliz"),
    ("specialis", "specializ"),
    ("subsidis", "subsidiz"),
    ("modernis", "moderniz"),
    ("computeris", "computeriz"),
    ("behaviour", "behavior"),
];

/// Lower-cased, ASCII-folded (é → e, ｆｕｌｌ-width → ASCII) words of `text`, stop words
/// removed, each stemmed. Hyphenated words also count joined (start-up → start, startup), so
/// "startup" and "start-up" meet. A word typed in capitals is an acronym (IT, DX, US) and is
/// never a stop word.
pub fn english_terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    for chunk in folded.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\'')) {
        let parts: Vec<&str> = chunk
            .split('-')
            .map(|p| p.trim_matches('\''))
            .map(|p| {
                p.strip_suffix("'s")
                    .or_else(|| p.strip_suffix("'S"))
                    .unwrap_or(p)
            })
            .filter(|p| !p.is_empty())
            .collect();
        for part in &parts {
            for word in part.split('\'') {
                push_word(word, &mut out);
            }
        }
        if parts.len() > 1 {
            let joined: String = parts.concat().chars().filter(|c| *c != '\'').collect();
            push_word(&joined, &mut out);
        }
    }
    out
}

fn push_word(word: &str, out: &mut Vec<String>) {
    // Lone letters carry nothing for search.
    if word.len() < 2 {
        return;
    }
    let acronym = word
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_uppercase());
    let lower = word.to_ascii_lowercase();
    if !acronym && STOP_WORDS.contains(&lower.as_str()) {
        return;
    }
    out.push(stem(&lower));
}

/// NFKD with combining marks dropped; curly apostrophes and dashes become ASCII ones.
fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            c => c,
        })
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The light stemmer: one key for the forms of a word (see the module doc). Words of four
/// letters or fewer, numbers and acronyms are left as they are.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    // Plurals and third person: companies → company, taxes → tax, loans → loan.
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        w = format!("{base}y");
    } else if let Some(base) = w.strip_suffix("sses") {
        w = format!("{base}ss");
    } else if let Some(base) = w
        .strip_suffix("es")
        .filter(|b| b.ends_with(['x', 'z']) || b.ends_with("ch") || b.ends_with("sh"))
    {
        w = base.to_string();
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    // -ing and -ed, when a vowel stays in what is left: hiring, hired → hir; planned → plan;
    // guaranteed → guarantee.
    if w.ends_with("eed") {
        w.pop();
    }
    for suffix in ["ing", "ed"] {
        if suffix == "ed" && w.ends_with("ee") {
            break;
        }
        if let Some(base) = w.strip_suffix(suffix)
            && base.len() >= 3
            && base.bytes().any(is_vowel)
        {
            let b = base.as_bytes();
            let n = b.len();
            let doubled = n >= 2
                && b[n - 1] == b[n - 2]
                && !is_vowel(b[n - 1])
                && !matches!(b[n - 1], b'f' | b'l' | b's' | b'z');
            w = if doubled {
                base[..n - 1].to_string()
            } else {
                base.to_string()
            };
            break;
        }
    }
    // A final e, so that hire and hir(ing) meet.
    if w.len() > 3 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    for (british, american) in SPELLINGS {
        if let Some(rest) = w.strip_prefix(british) {
            w = format!("{american}{rest}");
            break;
        }
    }
    w
}

/// Whether a query is written mostly in Latin script (an English question, perhaps with a
/// Japanese name in it): at least three Latin letters for every other letter.
pub fn is_mostly_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    // The characters of the text's NFKC form (most of a Japanese text needs no normalising).
    super::normalize::for_each_nfkc_char(text, |c| {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    });
    latin >= 3 && latin >= 3 * other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_word_share_a_stem() {
        for group in [
            &["loan", "loans", "Loans"][..],
            &["company", "companies"],
            &["hire", "hiring", "hired", "hires"],
            &["plan", "planning", "planned", "plans"],
            &["guarantee", "guaranteed", "guarantees"],
            &["employ", "employed", "employs"],
            &["tax", "taxes"],
            &["business", "businesses"],
            &["labour", "labor"],
            &["centre", "center"],
            &["programme", "program", "programmes"],
            &["digitalisation", "digitalization"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| english_terms(w).concat()).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{group:?}: {stems:?}"
            );
        }
    }

    #[test]
    fn different_words_keep_different_stems() {
        assert_ne!(stem("employer"), stem("employee"));
        assert_ne!(stem("loan"), stem("lean"));
        assert_ne!(stem("grant"), stem("guarantee"));
    }

    #[test]
    fn terms_drop_stop_words_fold_accents_and_ignore_japanese() {
        assert_eq!(
            english_terms("Is there a LOAN for starting a café in Minato (港区)?"),
            vec!["loan", "start", "caf", "minato"]
        );
        assert_eq!(
            english_terms("the owner’s personal guarantee"),
            vec!["owner", "personal", "guarantee"]
        );
    }

    #[test]
    fn hyphenated_words_also_count_joined() {
        assert_eq!(english_terms("start-up"), vec!["start", "startup"]);
        assert_eq!(english_terms("startup"), vec!["startup"]);
        assert_eq!(
            english_terms("labour-saving"),
            vec!["labor", "sav", "laborsav"]
        );
    }

    #[test]
    fn acronyms_and_numbers_stay_as_typed() {
        assert_eq!(
            english_terms("ISO 27001 and IT tools for it"),
            vec!["iso", "27001", "it", "tool"]
        );
    }

    #[test]
    fn mostly_latin_queries_are_told_apart_from_japanese_ones() {
        assert!(is_mostly_latin("loan for starting a business in Minato"));
        assert!(is_mostly_latin("subsidy for 港区 companies"));
        assert!(!is_mostly_latin("IT導入補助金"));
        assert!(!is_mostly_latin("そうぎょう の ゆうし"));
        assert!(!is_mostly_latin("ｓｏ"));
        assert!(is_mostly_latin("ＬＯＡＮ ｆｏｒ startups"));
    }
}

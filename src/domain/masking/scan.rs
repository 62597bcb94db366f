//! What every detector shares: the prepared text, the claims on it, and character classes.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::PiiKind;

/// NFKC (full-width digits, letters, @ and brackets to ASCII), then every dash-like character
/// between two digits (‐ ‑ ‒ – — ― − ー ｰ, also with spaces around) becomes '-', so that one
/// set of patterns sees every way a number is typed.
/// The text as the dictionary knows it: surnames are often typed with a variant kanji
/// (髙橋, 山﨑) that IPADIC does not list, so each is read as its common form. Every variant
/// has the same UTF-8 length as its common form, so the words' spans fit the text as typed.
pub(super) fn dictionary_spelling(text: &str) -> std::borrow::Cow<'_, str> {
    const VARIANTS: [(char, char); 4] = [('髙', '高'), ('﨑', '崎'), ('德', '徳'), ('濵', '浜')];
    if !text.chars().any(|c| VARIANTS.iter().any(|v| v.0 == c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| VARIANTS.iter().find(|v| v.0 == c).map_or(c, |v| v.1))
        .collect()
}

pub(super) fn prepare(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .nfkc()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let dash = matches!(
            c,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | 'ー' | '\u{FE58}' | '\u{FE63}' | '\u{2043}'
        );
        if dash {
            let before = chars[..i].iter().rev().find(|c| **c != ' ');
            let after = chars[i + 1..].iter().find(|c| **c != ' ');
            if before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit) {
                out.push('-');
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Spans accepted so far; a later detector may only claim text no earlier one claimed.
#[derive(Default)]
pub(super) struct Claims(pub(super) Vec<(usize, usize, PiiKind)>);

impl Claims {
    pub(super) fn free(&self, start: usize, end: usize) -> bool {
        start < end && self.0.iter().all(|&(s, e, _)| end <= s || start >= e)
    }

    /// Two parts of one name claimed apart (山田 / 太郎) become one span, one placeholder.
    pub(super) fn merge_adjacent_names(&mut self, text: &str) {
        self.0.sort_by_key(|c| c.0);
        let mut out: Vec<(usize, usize, PiiKind)> = Vec::with_capacity(self.0.len());
        for c in self.0.drain(..) {
            if let Some(last) = out.last_mut()
                && last.2 == PiiKind::Name
                && c.2 == PiiKind::Name
                && matches!(&text[last.1..c.0], "" | " ")
            {
                last.1 = c.1;
                continue;
            }
            out.push(c);
        }
        self.0 = out;
    }

    /// Where each span of `kind` claimed so far ends, in the order claimed.
    pub(super) fn ends_of(&self, kind: PiiKind) -> Vec<usize> {
        self.0.iter().filter(|c| c.2 == kind).map(|c| c.1).collect()
    }

    pub(super) fn claim(&mut self, start: usize, end: usize, kind: PiiKind) -> bool {
        if self.free(start, end) {
            self.0.push((start, end, kind));
            true
        } else {
            false
        }
    }
}

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid masking regex")
}

pub(super) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c)
}

/// The length in bytes of the hiragana run that begins `text`.
pub(super) fn hiragana_prefix_len(text: &str) -> usize {
    text.chars()
        .take_while(|&c| is_hiragana(c))
        .map(char::len_utf8)
        .sum()
}

/// The length in bytes of the hiragana run that ends `text`.
pub(super) fn hiragana_suffix_len(text: &str) -> usize {
    text.chars()
        .rev()
        .take_while(|&c| is_hiragana(c))
        .map(char::len_utf8)
        .sum()
}

/// The length in bytes of the run of at most `max_chars` kanji that begins `text`.
pub(super) fn kanji_prefix_len(text: &str, max_chars: usize) -> usize {
    text.chars()
        .take_while(|&c| is_kanji(c))
        .take(max_chars)
        .map(char::len_utf8)
        .sum()
}

pub(super) fn is_kanji(c: char) -> bool {
    // F900–FAFF: the compatibility ideographs NFKC leaves as they are (﨑 in 山﨑).
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々' | '〆' | 'ヶ')
}

pub(super) fn is_kanji_str(s: &str) -> bool {
    s.chars().all(is_kanji)
}

pub(super) fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{30FD}' | '\u{30FE}')
}

/// Characters that make a number an amount, count, time or date rather than an identifier.
pub(super) fn is_unit(c: char) -> bool {
    "円万千億年月日人件回歳才%％時分秒階倍名社店本個枚台号期名".contains(c)
}

/// Drops separators and brackets at the edges of a span.
pub(super) fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let edge = |c: char| matches!(c, ' ' | '-' | '.' | '(' | ')');
    while let Some(c) = text[start..end].chars().next().filter(|c| edge(*c)) {
        if c == '(' && text[start..end].contains(')') {
            break;
        }
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back().filter(|c| edge(*c)) {
        if c == ')' && text[start..end].contains('(') {
            break;
        }
        end -= c.len_utf8();
    }
    (start, end)
}

/// The byte offset `n` characters after `at` (or the end).
pub(super) fn char_offset(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The byte offset `n` characters before `at` (or the start).
pub(super) fn char_back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

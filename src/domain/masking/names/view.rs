//! How a name-like run is read: where it starts and ends, and whether the context is strong
//! enough for the dictionary's view of its words to make it a name.

use super::words::{ROLE_BEFORE, is_common_word};
use crate::domain::masking::scan::{is_kanji, is_katakana};
use crate::domain::masking::{Word, WordClass};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// Only the dictionary's person names (…です, 代表の…).
    Weak,
    /// Person names, and words the dictionary does not know as common (…さん, 私は…です).
    Medium,
    /// Name-like words the dictionary knows, or anything when there is no dictionary (名前は…).
    Strong,
    /// Whatever name-like run is there (…と申します, 氏名:…).
    Certain,
}

pub(super) struct NameView<'a> {
    pub(super) text: &'a str,
    pub(super) words: &'a [Word],
}

impl NameView<'_> {
    /// The name-like run ending at `end`: kanji, katakana or Latin letters, up to two parts
    /// joined by a space or ・ (山田 太郎, ジョン・スミス, Taro Yamada).
    pub(super) fn run_before(&self, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut start = end;
        let mut parts = 0;
        loop {
            let part_end = start;
            let latin = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
            for c in text[..start].chars().rev() {
                if is_name_char(c) && latin == c.is_ascii_alphabetic() {
                    start -= c.len_utf8();
                } else {
                    break;
                }
            }
            if start == part_end {
                break;
            }
            parts += 1;
            let before = &text[..start];
            let joiner = before.chars().next_back();
            let beyond = before
                .strip_suffix([' ', '・'])
                .and_then(|b| b.chars().next_back());
            // グエン バン ナム: a foreign name in katakana may have three parts, as in Latin.
            let katakana = text[start..part_end].chars().all(is_katakana);
            let max_parts = if latin || joiner == Some('・') || katakana {
                3
            } else {
                2
            };
            match (joiner, beyond) {
                (Some(' ' | '・'), Some(c))
                    if parts < max_parts
                        && is_name_char(c)
                        && latin == c.is_ascii_alphabetic()
                        && (parts < 2 || !katakana || is_katakana(c)) =>
                {
                    start -= 1 + usize::from(joiner == Some('・')) * 2;
                }
                _ => break,
            }
        }
        (start < end).then_some((start, end))
    }

    pub(super) fn run_after(&self, from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut end = from;
        let mut parts = 0;
        loop {
            let part_start = end;
            let latin = text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
            for c in text[end..].chars() {
                if is_name_char(c) && latin == c.is_ascii_alphabetic() {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if end == part_start {
                break;
            }
            parts += 1;
            let rest = &text[end..];
            let joiner = rest.chars().next();
            let beyond = rest
                .strip_prefix([' ', '・'])
                .and_then(|r| r.chars().next());
            let max_parts = if latin { 3 } else { 2 };
            match (joiner, beyond) {
                (Some(j @ (' ' | '・')), Some(c))
                    if parts < max_parts && is_name_char(c) && latin == c.is_ascii_alphabetic() =>
                {
                    // Only join a second part that is itself name-like, not the next phrase.
                    let next_end = end + j.len_utf8();
                    let has_name = self.has_person_word(next_end, next_end + c.len_utf8());
                    if latin || j == '・' || has_name || is_katakana(c) {
                        end = next_end;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let end = self.trim_particles(from, end);
        (from < end).then_some((from, end))
    }

    /// A run after a label may swallow the next word in kanji (山田太郎様宛): cut at the first
    /// common noun after a person name.
    fn trim_particles(&self, from: usize, end: usize) -> usize {
        let mut seen_person = false;
        let mut prev_end = from;
        for w in self
            .words
            .iter()
            .filter(|w| w.start >= from && w.end <= end)
        {
            let surface = &self.text[w.start..w.end];
            if is_person(w.class) {
                seen_person = true;
            } else if seen_person
                && w.start == prev_end
                && matches!(w.class, WordClass::CommonNoun | WordClass::Other)
                && !surface.chars().all(is_katakana)
            {
                return w.start;
            }
            prev_end = w.end;
        }
        end
    }

    pub(super) fn starts_name(&self, at: usize) -> bool {
        self.words
            .iter()
            .any(|w| w.start == at && is_person(w.class))
    }

    pub(super) fn has_person_word(&self, s: usize, e: usize) -> bool {
        self.words
            .iter()
            .any(|w| w.start < e && w.end > s && is_person(w.class))
    }

    /// A name ends a phrase: what follows is not the rest of a verb (名前は決まって…).
    pub(super) fn ends_cleanly(&self, e: usize) -> bool {
        let rest = &self.text[e..];
        match rest.chars().next() {
            None => true,
            Some(c) if !('\u{3041}'..='\u{3096}').contains(&c) => true,
            Some(_) => [
                "です",
                "でござ",
                "と申",
                "とい",
                "と言",
                "で、",
                "で。",
                "さん",
                "さま",
                "と",
                "の",
                "が",
                "に",
                "は",
                "も",
                "より",
            ]
            .iter()
            .any(|w| rest.starts_with(w)),
        }
    }

    pub(super) fn followed_by_desu(&self, e: usize) -> bool {
        let rest = self.text[e..].trim_start();
        ["です", "でございます", "と申します", "といいます"]
            .iter()
            .any(|w| rest.starts_with(w))
    }

    /// Decides whether the run [s, e) is a name and trims roles and words in front of it.
    pub(super) fn accept(&self, s: usize, e: usize, strength: Strength) -> Option<(usize, usize)> {
        let text = self.text;
        let mut s = s;
        // Roles in front of the name (代表取締役山田太郎).
        for role in ROLE_BEFORE {
            if text[s..e].starts_with(role) && text[s..e].len() > role.len() {
                s += role.len();
                break;
            }
        }
        let inside: Vec<&Word> = self
            .words
            .iter()
            .filter(|w| w.end > s && w.start < e)
            .collect();
        // The name is the tail of name-like words (株式会社ミナトの → not; 港区 山田 → 山田).
        let mut tail_start = e;
        for w in inside.iter().rev() {
            let surface = &text[w.start.max(s)..w.end.min(e)];
            // In a naming context a place name is a surname too (ヤマダ, 中野).
            let place_as_name = strength >= Strength::Strong && w.class == WordClass::Place;
            if is_name_like(w.class, surface) || place_as_name {
                tail_start = w.start.max(s);
            } else if surface != "・" || tail_start == e {
                // ジョン・スミス: the dot joins two parts of one name.
                break;
            }
        }
        let person = inside
            .iter()
            .any(|w| w.start >= tail_start && is_person(w.class));
        let chars = text[s..e].chars().count();
        let latin = text[s..e]
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '\'' || c == '-');
        match strength {
            Strength::Weak => (person && tail_start < e).then_some((tail_start, e)),
            Strength::Medium => {
                if person || (tail_start < e && !inside.is_empty()) {
                    Some((tail_start, e)).filter(|(a, b)| a < b)
                } else if inside.is_empty()
                    && (latin
                        || text[s..e]
                            .chars()
                            .all(|c| is_katakana(c) || c == '・' || c == ' '))
                {
                    // No dictionary: katakana or Latin names in context.
                    (latin_name_like(&text[s..e]) || !latin).then_some((s, e))
                } else {
                    None
                }
            }
            Strength::Strong | Strength::Certain
                if strength == Strength::Certain
                    && text[s..e]
                        .chars()
                        .all(|c| is_katakana(c) || c == '・' || c == ' ') =>
            {
                Some((s, e))
            }
            Strength::Strong | Strength::Certain => {
                if tail_start < e && !inside.is_empty() {
                    Some((tail_start, e))
                } else if (inside.is_empty() && (1..=16).contains(&chars))
                    || (strength == Strength::Certain
                        && (1..=12).contains(&chars)
                        && !inside.iter().all(|w| w.class == WordClass::CommonNoun))
                    // 王と申します, 金城と申します: kanji the dictionary files as a word are a name
                    // here.
                    || (strength == Strength::Certain
                        && chars <= 4
                        && text[s..e].chars().all(is_kanji)
                        && !is_common_word(&text[s..e]))
                {
                    Some((s, e))
                } else {
                    None
                }
            }
        }
    }
}

fn latin_name_like(run: &str) -> bool {
    run.split(' ')
        .all(|w| w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase()))
}

pub(super) fn is_person(class: WordClass) -> bool {
    matches!(
        class,
        WordClass::Surname | WordClass::GivenName | WordClass::PersonName
    )
}

/// Words that can make up a name: the dictionary's person names, and unknown or proper
/// words in katakana or Latin letters (foreign names are rarely in IPADIC).
fn is_name_like(class: WordClass, surface: &str) -> bool {
    match class {
        WordClass::Surname | WordClass::GivenName | WordClass::PersonName | WordClass::Unknown => {
            true
        }
        WordClass::ProperNoun => surface
            .chars()
            .all(|c| is_katakana(c) || c.is_ascii_alphabetic() || c == '・'),
        _ => false,
    }
}

pub(super) fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic()
}

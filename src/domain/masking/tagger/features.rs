//! The tagger's view of a text: tokens (the dictionary's words, the gaps between them cut by
//! script) and the hashed features of each.

use super::BITS;
use crate::domain::masking::scan::{is_hiragana, is_kanji, is_katakana};
use crate::domain::masking::{PiiKind, Word, WordClass};

/// How a token is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Kanji,
    Hiragana,
    Katakana,
    /// Latin letters, first one capital (Sarah, McDonald).
    LatinCapital,
    /// Latin letters, all capitals (TAKANO, LLC).
    LatinUpper,
    LatinLower,
    /// Letters of another script (hangul, Thai, Cyrillic, Devanagari, Arabic …).
    Foreign,
    Digits,
    /// A masked item's placeholder ([氏名]).
    Placeholder,
    Newline,
    Symbol,
    Mixed,
}

impl Script {
    fn code(self) -> &'static str {
        match self {
            Script::Kanji => "K",
            Script::Hiragana => "H",
            Script::Katakana => "T",
            Script::LatinCapital => "Lc",
            Script::LatinUpper => "LU",
            Script::LatinLower => "Ll",
            Script::Foreign => "F",
            Script::Digits => "D",
            Script::Placeholder => "P",
            Script::Newline => "N",
            Script::Symbol => "S",
            Script::Mixed => "M",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Kanji,
    Hiragana,
    Katakana,
    Latin,
    Foreign,
    Digit,
    Space,
    Newline,
    Other,
}

fn char_class(c: char) -> CharClass {
    match c {
        '\n' => CharClass::Newline,
        c if c.is_whitespace() => CharClass::Space,
        c if is_kanji(c) => CharClass::Kanji,
        c if is_hiragana(c) => CharClass::Hiragana,
        c if is_katakana(c) => CharClass::Katakana,
        c if c.is_ascii_alphabetic() => CharClass::Latin,
        // Latin letters with diacritics (Đỗ, Müller, Nuñez) are Latin.
        c if c.is_alphabetic() && matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) => {
            CharClass::Latin
        }
        c if c.is_alphabetic() => CharClass::Foreign,
        // Combining marks (Thai vowels, Devanagari signs) belong to the letters before them.
        c if matches!(c as u32, 0x0300..=0x036F | 0x0E31..=0x0E4E | 0x0900..=0x0DFF) => {
            CharClass::Foreign
        }
        c if c.is_ascii_digit() => CharClass::Digit,
        _ => CharClass::Other,
    }
}

fn script_of(s: &str) -> Script {
    let mut classes = s.chars().map(char_class);
    let Some(first) = classes.next() else {
        return Script::Symbol;
    };
    if !s.chars().map(char_class).all(|c| c == first) {
        return Script::Mixed;
    }
    match first {
        CharClass::Kanji => Script::Kanji,
        CharClass::Hiragana => Script::Hiragana,
        CharClass::Katakana => Script::Katakana,
        CharClass::Latin if s.chars().all(char::is_uppercase) && s.chars().nth(1).is_some() => {
            Script::LatinUpper
        }
        CharClass::Latin if s.starts_with(char::is_uppercase) => Script::LatinCapital,
        CharClass::Foreign => Script::Foreign,
        CharClass::Latin => Script::LatinLower,
        CharClass::Digit => Script::Digits,
        CharClass::Newline => Script::Newline,
        CharClass::Space | CharClass::Other => Script::Symbol,
    }
}

/// One token: its byte span in the prepared text, the dictionary's class (None in a gap the
/// dictionary left) and its script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub class: Option<WordClass>,
    pub script: Script,
}

impl Token {
    /// Whether the token could be part of a name at all.
    pub fn taggable(&self) -> bool {
        matches!(
            self.script,
            Script::Kanji
                | Script::Hiragana
                | Script::Katakana
                | Script::LatinCapital
                | Script::LatinUpper
                | Script::LatinLower
                | Script::Foreign
                | Script::Mixed
        )
    }
}

/// A message as the tagger sees it.
#[derive(Debug, Clone)]
pub struct NameTokens {
    /// The prepared text (NFKC, dashes unified) the spans point into.
    pub text: String,
    pub tokens: Vec<Token>,
    /// The hashed features of each token (empty for a token that cannot be a name).
    pub features: Vec<Vec<u32>>,
    /// What the rules claimed, of every kind.
    pub rule_claims: Vec<(usize, usize, PiiKind)>,
}

impl NameTokens {
    pub(crate) fn new(
        text: &str,
        words: &[Word],
        claims: &[(usize, usize, PiiKind)],
    ) -> NameTokens {
        NameTokens::new_owned(text.to_string(), words, claims.to_vec())
    }

    pub(crate) fn new_owned(
        text: String,
        words: &[Word],
        rule_claims: Vec<(usize, usize, PiiKind)>,
    ) -> NameTokens {
        let tokens = tokenise(&text, words);
        let features = (0..tokens.len())
            .map(|i| {
                if tokens[i].taggable() {
                    features_of(&text, &tokens, i, &rule_claims)
                } else {
                    Vec::new()
                }
            })
            .collect();
        NameTokens {
            text,
            tokens,
            features,
            rule_claims,
        }
    }
}

impl NameTokens {
    /// Per token, whether a name rule claimed (part of) it.
    pub fn ruled(&self) -> Vec<bool> {
        self.tokens
            .iter()
            .map(|t| {
                self.rule_claims
                    .iter()
                    .any(|&(s, e, k)| k == PiiKind::Name && s < t.end && e > t.start)
            })
            .collect()
    }

    /// The features as they would be without the rules' decisions (the tagger alone).
    pub fn features_without_rules(&self) -> Vec<Vec<u32>> {
        (0..self.tokens.len())
            .map(|i| {
                if self.tokens[i].taggable() {
                    features_of(&self.text, &self.tokens, i, &[])
                } else {
                    Vec::new()
                }
            })
            .collect()
    }
}

fn placeholder_spans(text: &str) -> Vec<(usize, usize, PiiKind)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('[') {
        if let Some(kind) = PiiKind::ALL
            .into_iter()
            .find(|k| text[at..].starts_with(k.placeholder()))
        {
            out.push((at, at + kind.placeholder().len(), kind));
        }
    }
    out
}

/// The dictionary's words, placeholders as one token each, and the gaps cut into runs of one
/// script (a symbol alone); spaces are dropped, newlines kept.
fn tokenise(text: &str, words: &[Word]) -> Vec<Token> {
    let placeholders = placeholder_spans(text);
    let mut tokens = Vec::with_capacity(words.len() + 4);
    let mut at = 0;
    let mut words = words.iter().peekable();
    let mut holes = placeholders.iter().peekable();
    while at < text.len() {
        if let Some(&&(s, e, _)) = holes.peek()
            && s <= at
        {
            if s == at {
                tokens.push(Token {
                    start: s,
                    end: e,
                    class: None,
                    script: Script::Placeholder,
                });
                at = e;
            }
            holes.next();
            continue;
        }
        while words.peek().is_some_and(|w| w.start < at) {
            words.next();
        }
        let hole_start = holes.peek().map_or(text.len(), |h| h.0);
        if let Some(w) = words
            .peek()
            .filter(|w| w.start == at && w.end <= hole_start)
        {
            let surface = &text[w.start..w.end];
            tokens.push(Token {
                start: w.start,
                end: w.end,
                class: Some(w.class),
                script: script_of(surface),
            });
            at = w.end;
            words.next();
            continue;
        }
        // A gap: up to the next word or placeholder, cut by script.
        let next_word = words
            .peek()
            .map(|w| w.start)
            .filter(|&s| s > at)
            .unwrap_or(text.len());
        let gap_end = next_word.min(hole_start);
        let c = text[at..].chars().next().expect("inside the text");
        let class = char_class(c);
        let mut end = at + c.len_utf8();
        if !matches!(
            class,
            CharClass::Other | CharClass::Newline | CharClass::Space
        ) {
            for d in text[end..gap_end].chars() {
                if char_class(d) != class {
                    break;
                }
                end += d.len_utf8();
            }
        }
        if class != CharClass::Space {
            tokens.push(Token {
                start: at,
                end,
                class: None,
                script: script_of(&text[at..end]),
            });
        }
        at = end;
    }
    tokens
}

/// Written after a name: honorifics, self-introductions, roles.
const AFTER_CUES: &[&str] = &[
    "様",
    "さま",
    "さん",
    "氏",
    "君",
    "くん",
    "ちゃん",
    "先生",
    "殿",
    "宛",
    "と申",
    "ともうし",
    "といい",
    "と言い",
    "っていい",
    "っていう",
    "という",
    "です",
    "でした",
    "でございます",
    "だよ",
    "より",
    "から",
    "の代理",
    "社長",
    "代表",
    "san",
    "-san",
    "here",
    "from",
    "will",
    "is",
    "(",
    ",",
];

/// Written before a name: labels, roles, relations, English openings and closings.
const BEFORE_CUES: &[&str] = &[
    "氏名",
    "名前",
    "名前は",
    "担当",
    "担当者",
    "担当の",
    "代表",
    "代表取締役",
    "社長",
    "店長",
    "私は",
    "私",
    "僕",
    "申請者",
    "申込者",
    "名義",
    "名義は",
    "宛名",
    "契約者",
    "相談者",
    "依頼者",
    "代理人",
    "お客様",
    "夫",
    "妻",
    "主人",
    "息子",
    "娘",
    "母",
    "父",
    "兄",
    "姉",
    "弟",
    "妹",
    "友人",
    "秘書",
    "後輩",
    "先輩",
    "-",
    "―",
    "mr.",
    "ms.",
    "mrs.",
    "dr.",
    "mr",
    "ms",
    "i'm",
    "i am",
    "my name is",
    "name",
    "regards",
    "dear",
    "hi",
    "hello",
    "this is",
    "from",
    "thanks",
    "thank you",
    "sincerely",
    "cheers",
    "best",
    "wife",
    "husband",
    "son",
    "daughter",
    "partner",
    "manager",
    "owner",
    "by",
    "contact",
    "call",
];

/// FNV-1a over the feature's parts, then a final mix so the low bits are spread.
struct Hash(u32);

impl Hash {
    fn new(template: &str) -> Hash {
        let mut h = Hash(0x811c_9dc5);
        h.feed(template);
        h
    }

    fn feed(&mut self, part: &str) -> &mut Hash {
        for b in part.bytes().chain(std::iter::once(0x1f)) {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
        self
    }

    fn bucket(&self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85eb_ca6b);
        h ^= h >> 13;
        h = h.wrapping_mul(0xc2b2_ae35);
        h ^= h >> 16;
        h & ((1 << BITS) - 1)
    }
}

fn class_code(class: Option<WordClass>) -> &'static str {
    match class {
        None => "gap",
        Some(WordClass::Surname) => "sei",
        Some(WordClass::GivenName) => "mei",
        Some(WordClass::PersonName) => "jinmei",
        Some(WordClass::Place) => "chiiki",
        Some(WordClass::ProperNoun) => "koyuu",
        Some(WordClass::Unknown) => "unk",
        Some(WordClass::CommonNoun) => "noun",
        Some(WordClass::Other) => "other",
    }
}

fn len_code(chars: usize) -> &'static str {
    match chars {
        0 | 1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5..=7 => "5-7",
        _ => "8+",
    }
}

/// The rules' decision about the span of a token.
fn rule_code(claims: &[(usize, usize, PiiKind)], start: usize, end: usize) -> &'static str {
    claims
        .iter()
        .find(|&&(s, e, _)| s < end && e > start)
        .map_or("-", |c| c.2.code())
}

fn features_of(
    text: &str,
    tokens: &[Token],
    i: usize,
    claims: &[(usize, usize, PiiKind)],
) -> Vec<u32> {
    let surface = |j: isize| -> String {
        let k = i as isize + j;
        if k < 0 {
            return "<s>".into();
        }
        let Some(t) = tokens.get(k as usize) else {
            return "</s>".into();
        };
        match t.script {
            Script::Placeholder => format!("<{}>", &text[t.start..t.end]),
            Script::Digits => "<d>".into(),
            _ => text[t.start..t.end].to_ascii_lowercase(),
        }
    };
    let class = |j: isize| -> &'static str {
        let k = i as isize + j;
        if k < 0 {
            return "<s>";
        }
        tokens.get(k as usize).map_or("</s>", |t| {
            if t.script == Script::Placeholder {
                "ph"
            } else {
                class_code(t.class)
            }
        })
    };
    let script = |j: isize| -> &'static str {
        let k = i as isize + j;
        if k < 0 {
            return "<s>";
        }
        tokens.get(k as usize).map_or("</s>", |t| t.script.code())
    };
    let rule = |j: isize| -> &'static str {
        let k = i as isize + j;
        if k < 0 {
            return "<s>";
        }
        tokens
            .get(k as usize)
            .map_or("</s>", |t| rule_code(claims, t.start, t.end))
    };

    let t = tokens[i];
    let own = &text[t.start..t.end];
    let chars: Vec<char> = own.chars().collect();
    let mut out = Vec::with_capacity(64);
    let mut f = |parts: &[&str]| {
        let mut h = Hash::new(parts[0]);
        for p in &parts[1..] {
            h.feed(p);
        }
        out.push(h.bucket());
    };

    let w0 = surface(0);
    let (c0, s0, r0) = (class(0), script(0), rule(0));
    f(&["w0", &w0]);
    f(&["c0", c0]);
    f(&["s0", s0]);
    f(&["c0s0", c0, s0]);
    f(&["len", s0, len_code(chars.len())]);
    let first = chars[0].to_string();
    let last = chars[chars.len() - 1].to_string();
    f(&["p1", s0, &first]);
    f(&["x1", s0, &last]);
    if chars.len() >= 2 {
        let last2: String = chars[chars.len() - 2..].iter().collect();
        f(&["x2", s0, &last2]);
    }
    for (d, name) in [(-2, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")] {
        f(&["w", name, &surface(d)]);
        f(&["c", name, class(d)]);
        f(&["s", name, script(d)]);
    }
    f(&["w-1w1", &surface(-1), &surface(1)]);
    f(&["w-1c0", &surface(-1), c0]);
    f(&["c0w1", c0, &surface(1)]);
    f(&["w1w2", &surface(1), &surface(2)]);
    f(&["w-2w-1", &surface(-2), &surface(-1)]);
    f(&["c3", class(-1), c0, class(1)]);
    f(&["s3", script(-1), s0, script(1)]);

    // Cue words right after and right before, spaces and colons skipped.
    let after: String = text[t.end..]
        .trim_start_matches(' ')
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    for cue in AFTER_CUES {
        if after.starts_with(cue) {
            f(&["a", cue]);
            f(&["ac", cue, c0]);
            f(&["as", cue, s0]);
        }
    }
    let before_all = &text[..t.start];
    let before_from = before_all
        .char_indices()
        .rev()
        .nth(14)
        .map_or(0, |(at, _)| at);
    let before = before_all[before_from..]
        .trim_end_matches([' ', ':', '、', ',', '・', '='])
        .to_ascii_lowercase();
    for cue in BEFORE_CUES {
        if before.ends_with(cue) {
            f(&["b", cue]);
            f(&["bc", cue, c0]);
            f(&["bs", cue, s0]);
        }
    }
    let space_before = before_all.ends_with(' ');
    let space_after = text[t.end..].starts_with(' ');
    f(&[
        "sp",
        if space_before { "1" } else { "0" },
        if space_after { "1" } else { "0" },
        s0,
    ]);
    if before_all.ends_with('(') && text[t.end..].starts_with(')') {
        f(&["bracketed", s0]);
    }

    // Where it stands on its line.
    let line_start = before_all.rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[t.end..].find('\n').map_or(text.len(), |n| t.end + n);
    let on_line = tokens
        .iter()
        .filter(|u| u.start >= line_start && u.end <= line_end && u.script != Script::Newline)
        .count();
    let line_first = !tokens[..i]
        .iter()
        .any(|u| u.start >= line_start && u.script != Script::Newline);
    let line_last = !tokens[i + 1..]
        .iter()
        .any(|u| u.end <= line_end && u.script != Script::Newline);
    let last_line = text[line_end..].trim().is_empty();
    let short = match on_line {
        1 => "1",
        2 | 3 => "2-3",
        4..=6 => "4-6",
        _ => "7+",
    };
    f(&[
        "line",
        if line_first { "F" } else { "-" },
        if line_last { "L" } else { "-" },
        s0,
    ]);
    f(&["lastline", if last_line { "1" } else { "0" }, short, s0]);
    f(&["short", short, c0]);
    if line_last && last_line {
        f(&["msg_end", c0, s0]);
    }
    if i == 0 {
        f(&["msg_start", c0, s0]);
    }

    // What the rules decided here and around.
    f(&["r0", r0]);
    f(&["r0c0", r0, c0]);
    f(&["r0s0", r0, s0]);
    f(&["r-1", rule(-1)]);
    f(&["r+1", rule(1)]);
    f(&["r3", rule(-1), r0, rule(1)]);
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_cut_by_script_and_placeholders_stay_whole() {
        let text = "[氏名]です。Call Sarah 090\nさとう";
        let tokens = tokenise(text, &[]);
        let surfaces: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            surfaces,
            vec![
                "[氏名]",
                "です",
                "。",
                "Call",
                "Sarah",
                "090",
                "\n",
                "さとう"
            ]
        );
        assert_eq!(tokens[0].script, Script::Placeholder);
        assert_eq!(tokens[4].script, Script::LatinCapital);
        assert!(!tokens[5].taggable());
    }

    #[test]
    fn the_dictionarys_words_are_kept_as_they_are() {
        let text = "山田太郎です";
        let words = [
            Word {
                start: 0,
                end: 6,
                class: WordClass::Surname,
            },
            Word {
                start: 6,
                end: 12,
                class: WordClass::GivenName,
            },
        ];
        let tokens = tokenise(text, &words);
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[0].class, Some(WordClass::Surname));
        assert_eq!(&text[tokens[2].start..tokens[2].end], "です");
    }
}

//! Text as pages show it: plain, Japanese inside another language, or with readings.

/// A piece of text as a page shows it: plain, Japanese inside another language (marked with
/// `lang="ja"`), or a word with its reading (`<ruby>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Japanese(String),
    Ruby { base: String, reading: String },
}

impl Segment {
    /// The text without readings.
    pub fn plain(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Japanese(t) => t.as_str(),
                Segment::Ruby { base, .. } => base.as_str(),
            })
            .collect()
    }
}

/// Hiragana, katakana, kanji, Japanese punctuation and full-width forms.
pub fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (、。「」々〜)
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms (（）、ＡＢＣ)
    )
}

/// Splits a text written in another language into plain runs and the Japanese terms inside it
/// (official names in parentheses, 認定支援機関 …), so each can carry its own `lang`. A word
/// (between spaces and ASCII brackets or commas) with any Japanese character is Japanese as a
/// whole (`GビズIDプライム`, `65歳超雇用推進助成金`); Japanese words separated only by spaces
/// form one run.
pub fn mark_japanese(text: &str) -> Vec<Segment> {
    let is_break =
        |c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']');
    // Maximal runs of word characters and of break characters, in order.
    struct Piece<'t> {
        is_break: bool,
        japanese: bool,
        text: &'t str,
    }
    let piece = |text, is_break| Piece {
        is_break,
        japanese: !is_break && str::chars(text).any(is_japanese_char),
        text,
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let b = is_break(c);
        if let Some(prev) = current
            && prev != b
        {
            pieces.push(piece(&text[start..i], prev));
            start = i;
        }
        current = Some(b);
    }
    if let Some(prev) = current {
        pieces.push(piece(&text[start..], prev));
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if !pieces[i].japanese {
            push_text(&mut out, pieces[i].text);
            i += 1;
            continue;
        }
        // Extend over (spaces, Japanese word) pairs.
        let mut run = pieces[i].text.to_string();
        let mut j = i + 1;
        while j + 1 < pieces.len()
            && pieces[j].is_break
            && pieces[j].text.chars().all(char::is_whitespace)
            && pieces[j + 1].japanese
        {
            run.push_str(pieces[j].text);
            run.push_str(pieces[j + 1].text);
            j += 2;
        }
        out.push(Segment::Japanese(run));
        i = j;
    }
    out
}

fn push_text(out: &mut Vec<Segment>, piece: &str) {
    if let Some(Segment::Text(t)) = out.last_mut() {
        t.push_str(piece);
    } else {
        out.push(Segment::Text(piece.to_string()));
    }
}

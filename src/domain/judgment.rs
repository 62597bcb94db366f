//! Review becomes learning: staff record what the right answer to a logged inquiry was, the
//! console proposes the fix for a missed search, and an editor approves or rejects it.
//! Approved judgments are the regression set `shien eval --judgments` runs.
//! This module must never import a framework.

use crate::domain::handoff::StableCode;

/// How many results a judged answer must be among to count as found.
pub const FOUND_WITHIN: usize = 5;

/// Aliases longer than this are not proposed as they are (the editor shortens them).
pub const MAX_ALIAS_CHARS: usize = 40;

/// What the right answer to an inquiry was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Scheme(String),
    Faq(String),
    Desk(String),
    /// 該当する制度はない: nothing in the corpus answers it.
    NoScheme,
}

impl Answer {
    /// The stored kind code.
    pub fn kind(&self) -> &'static str {
        match self {
            Answer::Scheme(_) => "scheme",
            Answer::Faq(_) => "faq",
            Answer::Desk(_) => "desk",
            Answer::NoScheme => "none",
        }
    }

    /// The entry's id, if the answer is one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Answer::Scheme(id) | Answer::Faq(id) | Answer::Desk(id) => Some(id),
            Answer::NoScheme => None,
        }
    }

    pub fn kind_label_ja(&self) -> &'static str {
        match self {
            Answer::Scheme(_) => "制度",
            Answer::Faq(_) => "よくある質問",
            Answer::Desk(_) => "相談窓口",
            Answer::NoScheme => "該当する制度はない",
        }
    }

    /// From the stored kind and id, or from a form's `kind:id` value.
    pub fn from_parts(kind: &str, id: Option<&str>) -> Option<Answer> {
        let id = id.map(str::trim).filter(|i| !i.is_empty());
        match (kind, id) {
            ("scheme", Some(id)) => Some(Answer::Scheme(id.into())),
            ("faq", Some(id)) => Some(Answer::Faq(id.into())),
            ("desk", Some(id)) => Some(Answer::Desk(id.into())),
            ("none", None) => Some(Answer::NoScheme),
            _ => None,
        }
    }

    /// `kind:id` (or `none`), as the inquiry page's form sends it.
    pub fn parse_choice(value: &str) -> Option<Answer> {
        match value.trim().split_once(':') {
            Some((kind, id)) => Answer::from_parts(kind, Some(id)),
            None => Answer::from_parts(value.trim(), None),
        }
    }

    pub fn choice(&self) -> String {
        match self.id() {
            Some(id) => format!("{}:{id}", self.kind()),
            None => self.kind().to_string(),
        }
    }

    /// Whether a search can show this answer (desks and "no scheme" are not search results).
    pub fn searchable(&self) -> bool {
        matches!(self, Answer::Scheme(_) | Answer::Faq(_))
    }
}

/// Where a judgment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JudgmentStatus {
    /// Recorded; an editor has not decided yet.
    Open,
    /// Approved: its fix (if any) applies to search, and it is in the regression set.
    Fixed,
    Rejected,
}

impl JudgmentStatus {
    pub fn label_ja(self) -> &'static str {
        match self {
            JudgmentStatus::Open => "承認待ち",
            JudgmentStatus::Fixed => "対応済み",
            JudgmentStatus::Rejected => "却下",
        }
    }
}

impl StableCode for JudgmentStatus {
    const ALL: &'static [JudgmentStatus] = &[
        JudgmentStatus::Open,
        JudgmentStatus::Fixed,
        JudgmentStatus::Rejected,
    ];

    fn code(self) -> &'static str {
        match self {
            JudgmentStatus::Open => "open",
            JudgmentStatus::Fixed => "fixed",
            JudgmentStatus::Rejected => "rejected",
        }
    }
}

/// What would make search find the answer next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The search already found it: nothing to change.
    Nothing,
    /// A phrase callers use for the scheme, matched like its title.
    Alias { scheme_id: String, phrase: String },
    /// Words that mean the same: a query with any of the others also searches for the first.
    Synonyms { words: Vec<String> },
    /// No entry answers it: an FAQ to write (by hand, in the corpus).
    WriteFaq,
}

impl Fix {
    pub fn kind(&self) -> &'static str {
        match self {
            Fix::Nothing => "nothing",
            Fix::Alias { .. } => "alias",
            Fix::Synonyms { .. } => "synonyms",
            Fix::WriteFaq => "write_faq",
        }
    }

    pub fn label_ja(&self) -> String {
        match self {
            Fix::Nothing => "改善不要（上位5件に表示済み）".into(),
            Fix::Alias { phrase, .. } => format!("制度の別名に「{phrase}」を加える"),
            Fix::Synonyms { words } => format!("同義語のグループ「{}」", words.join("・")),
            Fix::WriteFaq => "よくある質問を書く".into(),
        }
    }

    /// Whether approving it changes search.
    pub fn changes_search(&self) -> bool {
        matches!(self, Fix::Alias { .. } | Fix::Synonyms { .. })
    }
}

/// Why a fix an editor typed cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("phrase: 別名を1〜{MAX_ALIAS_CHARS}文字で入力してください。")]
    Phrase,
    #[error(
        "words: 同義語は「、」で区切って2語以上（各1〜{MAX_ALIAS_CHARS}文字）入力してください。"
    )]
    Words,
}

/// A phrase as an alias: trimmed, spaces inside collapsed, 1–40 characters.
pub fn alias_phrase(text: &str) -> Result<String, FixError> {
    let phrase = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if phrase.is_empty() || phrase.chars().count() > MAX_ALIAS_CHARS {
        return Err(FixError::Phrase);
    }
    Ok(phrase)
}

/// Synonym words from a form: separated by 、 , or new lines; at least two, each 1–40
/// characters, no repeats.
pub fn synonym_words(text: &str) -> Result<Vec<String>, FixError> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split(['、', ',', '，', '\n']) {
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        if w.is_empty() {
            continue;
        }
        if w.chars().count() > MAX_ALIAS_CHARS {
            return Err(FixError::Words);
        }
        if !words.contains(&w) {
            words.push(w);
        }
    }
    if words.len() < 2 {
        return Err(FixError::Words);
    }
    Ok(words)
}

/// The fix the console proposes for a judgment: nothing when the answer was shown in the top
/// five; for a missed scheme, the caller's words as its alias; for a missed FAQ, the caller's
/// words as a synonym of the FAQ's question; an FAQ to write when no entry answers it or the
/// answer is a desk (desks are reached through the chat, not search results).
pub fn propose_fix(query: &str, answer: &Answer, found: bool, faq_question: Option<&str>) -> Fix {
    if found {
        return Fix::Nothing;
    }
    let phrase: String = query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_ALIAS_CHARS)
        .collect();
    match answer {
        Answer::Scheme(id) if !phrase.is_empty() => Fix::Alias {
            scheme_id: id.clone(),
            phrase,
        },
        Answer::Faq(_) if !phrase.is_empty() => match faq_question {
            Some(q) if q != phrase => Fix::Synonyms {
                words: vec![q.chars().take(MAX_ALIAS_CHARS).collect(), phrase.clone()],
            },
            _ => Fix::WriteFaq,
        },
        _ => Fix::WriteFaq,
    }
}

/// One judgment, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgment {
    pub id: String,
    pub inquiry_id: String,
    /// The inquiry's text as logged (masked).
    pub query: String,
    pub answer: Answer,
    /// Whether the answer was among the first [`FOUND_WITHIN`] shown when it was judged.
    pub found: bool,
    pub fix: Fix,
    pub status: JudgmentStatus,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Judgments per status, every status listed.
pub fn counts(judgments: &[(JudgmentStatus, i64)]) -> Vec<(JudgmentStatus, i64)> {
    JudgmentStatus::ALL
        .iter()
        .map(|&s| {
            (
                s,
                judgments
                    .iter()
                    .filter(|(t, _)| *t == s)
                    .map(|(_, n)| n)
                    .sum(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missed_scheme_proposes_the_callers_words_as_its_alias() {
        let fix = propose_fix(
            "  お店の 改装 ",
            &Answer::Scheme("minato-kaisou".into()),
            false,
            None,
        );
        assert_eq!(
            fix,
            Fix::Alias {
                scheme_id: "minato-kaisou".into(),
                phrase: "お店の 改装".into()
            }
        );
        assert_eq!(
            propose_fix("x", &Answer::Scheme("s".into()), true, None),
            Fix::Nothing
        );
        assert_eq!(
            propose_fix("x", &Answer::NoScheme, false, None),
            Fix::WriteFaq
        );
        assert_eq!(
            propose_fix("x", &Answer::Desk("d".into()), false, None),
            Fix::WriteFaq
        );
        assert_eq!(
            propose_fix(
                "開業届",
                &Answer::Faq("f".into()),
                false,
                Some("創業の届出")
            ),
            Fix::Synonyms {
                words: vec!["創業の届出".into(), "開業届".into()]
            }
        );
    }

    #[test]
    fn answers_read_back_from_their_choice() {
        for a in [
            Answer::Scheme("a".into()),
            Answer::Faq("b".into()),
            Answer::Desk("c".into()),
            Answer::NoScheme,
        ] {
            assert_eq!(Answer::parse_choice(&a.choice()), Some(a));
        }
        assert_eq!(Answer::parse_choice("scheme:"), None);
        assert_eq!(Answer::parse_choice("bogus:x"), None);
        assert_eq!(Answer::parse_choice("none:x"), None);
    }

    #[test]
    fn editors_words_are_checked() {
        assert_eq!(
            synonym_words("開業、 創業 ,開業\n起業").unwrap(),
            ["開業", "創業", "起業"]
        );
        assert_eq!(synonym_words("開業"), Err(FixError::Words));
        assert_eq!(alias_phrase("  "), Err(FixError::Phrase));
        assert_eq!(alias_phrase(&"あ".repeat(41)), Err(FixError::Phrase));
        assert_eq!(alias_phrase(" 店舗 改装 ").unwrap(), "店舗 改装");
    }
}

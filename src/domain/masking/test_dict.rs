//! A tiny dictionary for the name tests: a few words as IPADIC would read them.

use super::{Lexicon, Word, WordClass};

/// A few words as the dictionary would read them; anything else is a gap.
pub(super) struct Dict(&'static [(&'static str, WordClass)]);

impl Lexicon for Dict {
    fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let hit = self
                .0
                .iter()
                .filter(|(w, _)| text[at..].starts_with(w))
                .max_by_key(|(w, _)| w.len());
            match hit {
                Some((w, class)) => {
                    out.push(Word {
                        start: at,
                        end: at + w.len(),
                        class: *class,
                    });
                    at += w.len();
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }
}

pub(super) const PEOPLE: Dict = Dict(&[
    ("北川", WordClass::Surname),
    ("戸田", WordClass::Surname),
    ("野村", WordClass::Surname),
    ("高木", WordClass::Surname),
    ("美咲", WordClass::GivenName),
    ("菜々子", WordClass::Place),
    ("ひかり", WordClass::CommonNoun),
    ("林", WordClass::CommonNoun),
    ("瑛", WordClass::CommonNoun),
    ("太", WordClass::CommonNoun),
    ("質問", WordClass::CommonNoun),
    ("サポート", WordClass::CommonNoun),
    ("センター", WordClass::CommonNoun),
    ("個人", WordClass::CommonNoun),
    ("事業", WordClass::CommonNoun),
    ("主", WordClass::Other),
    ("代表", WordClass::CommonNoun),
    ("就任", WordClass::CommonNoun),
    ("港", WordClass::Place),
    ("赤坂", WordClass::Place),
    ("区", WordClass::Other),
]);

/// Given names that IPADIC reads as ordinary words (翼 "wing", 匠 "craftsman"), beside words that
/// follow a relation as things of theirs.
pub(super) const RELATIVES: Dict = Dict(&[
    ("翼", WordClass::CommonNoun),
    ("匠", WordClass::CommonNoun),
    ("店", WordClass::CommonNoun),
    ("二人", WordClass::CommonNoun),
    ("子ども", WordClass::CommonNoun),
    ("連れ合い", WordClass::CommonNoun),
    ("家族", WordClass::CommonNoun),
    ("心", WordClass::CommonNoun),
    ("会社員", WordClass::CommonNoun),
]);

/// The masked text with no dictionary: what the rules catch on their own.
pub(crate) fn m(text: &str) -> String {
    super::mask(text, &super::NoLexicon).into_string()
}

/// The masked text with `PEOPLE` as the dictionary.
pub(crate) fn d(text: &str) -> String {
    super::mask(text, &PEOPLE).into_string()
}

//! A learned name tagger beside the name rules: logistic regression over hashed features of
//! each word (its surface, the dictionary's class, its script, its neighbours, cue words around
//! it, where it stands on its line, and what the rules decided about it). The rules find names
//! in the contexts someone wrote a rule for; the tagger generalises from the tuning sets to
//! sentence shapes nobody wrote one for, and may overrule a rule's name the weights distrust.
//!
//! The weights are trained by `shien pii train` on the tuning sets ([`train`]) and shipped in
//! `name_tagger.txt` beside this file, so the masker needs nothing from outside the binary.
//! This module must stay free of I/O: the file is parsed from a string.

mod features;
pub mod train;

use std::sync::OnceLock;

pub use features::{NameTokens, Token};

use super::scan::Claims;
use super::{Lexicon, PiiKind, Word};

/// Feature hashes fall into 2^BITS buckets.
pub const BITS: u32 = 18;

/// The weights shipped with the binary.
const SHIPPED: &str = include_str!("name_tagger.txt");

/// The model: one weight per feature bucket, a bias, and the two thresholds CV chose.
#[derive(Debug, Clone, PartialEq)]
pub struct NameTagger {
    weights: Vec<f32>,
    bias: f32,
    /// A word the rules left alone is a name from this probability up.
    pub add_threshold: f32,
    /// A rule's name whose words all score below this is dropped (0 = never).
    pub drop_threshold: f32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaggerFileError {
    #[error("name tagger weights, line {line}: {message}")]
    Malformed { line: usize, message: String },
}

impl TaggerFileError {
    fn at(line: usize, message: impl Into<String>) -> TaggerFileError {
        TaggerFileError::Malformed {
            line,
            message: message.into(),
        }
    }
}

/// Weights are written in thousandths, so that the file is small, diffable and the same on
/// every machine that trains it.
const SCALE: f32 = 1000.0;
const PRUNE: i64 = 10;

impl NameTagger {
    /// The weights compiled into the binary.
    pub fn shipped() -> &'static NameTagger {
        static SHIPPED_TAGGER: OnceLock<NameTagger> = OnceLock::new();
        SHIPPED_TAGGER
            .get_or_init(|| NameTagger::parse(SHIPPED).expect("shipped name tagger weights parse"))
    }

    pub(crate) fn from_parts(weights: Vec<f32>, bias: f32) -> NameTagger {
        NameTagger {
            weights,
            bias,
            add_threshold: 0.5,
            drop_threshold: 0.0,
        }
    }

    pub fn with_thresholds(mut self, add: f32, drop: f32) -> NameTagger {
        self.add_threshold = add;
        self.drop_threshold = drop;
        self
    }

    /// The probability that the word with these features is (part of) a name.
    pub fn probability(&self, features: &[u32]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .map(|&f| self.weights[f as usize])
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Nonzero weights (the file's size, roughly).
    pub fn nonzero(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }

    /// The weights file: a header, then one `bucket weight` line per nonzero weight, in
    /// thousandths, by bucket.
    pub fn to_file(&self) -> String {
        let mut out = String::new();
        out.push_str("# shien name tagger: logistic regression over hashed word features\n");
        out.push_str("# written by `shien pii train`; weights in thousandths\n");
        out.push_str(&format!("bits {BITS}\n"));
        out.push_str(&format!("add_threshold {}\n", quantise(self.add_threshold)));
        out.push_str(&format!(
            "drop_threshold {}\n",
            quantise(self.drop_threshold)
        ));
        out.push_str(&format!("bias {}\n", quantise(self.bias)));
        for (i, w) in self.weights.iter().enumerate() {
            let q = quantise(*w);
            // Weights under a hundredth change no decision worth the file's bytes.
            if q.abs() >= PRUNE {
                out.push_str(&format!("{i} {q}\n"));
            }
        }
        out
    }

    pub fn parse(file: &str) -> Result<NameTagger, TaggerFileError> {
        let mut tagger = NameTagger::from_parts(vec![0.0; 1 << BITS], 0.0);
        for (n, line) in file.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, value) = line
                .split_once(' ')
                .ok_or_else(|| TaggerFileError::at(line_no, "expected two fields"))?;
            let value: i64 = value
                .parse()
                .map_err(|_| TaggerFileError::at(line_no, format!("not an integer: {value}")))?;
            let v = value as f32 / SCALE;
            match key {
                "bits" if value == i64::from(BITS) => {}
                "bits" => return Err(TaggerFileError::at(line_no, "bits differ from the code's")),
                "add_threshold" => tagger.add_threshold = v,
                "drop_threshold" => tagger.drop_threshold = v,
                "bias" => tagger.bias = v,
                bucket => {
                    let i: usize = bucket
                        .parse()
                        .ok()
                        .filter(|i| *i < tagger.weights.len())
                        .ok_or_else(|| TaggerFileError::at(line_no, "bucket out of range"))?;
                    tagger.weights[i] = v;
                }
            }
        }
        Ok(tagger)
    }

    /// Adds the names the tagger finds to the rules' claims, and drops the rules' names it
    /// distrusts. Runs after the name rules.
    pub(super) fn claim(&self, text: &str, words: &[Word], claims: &mut Claims) {
        let tokens = NameTokens::new(text, words, &claims.0);
        let probabilities: Vec<f32> = tokens
            .features
            .iter()
            .map(|f| {
                if f.is_empty() {
                    0.0
                } else {
                    self.probability(f)
                }
            })
            .collect();
        claims.0 = decide(
            text,
            &tokens.tokens,
            &probabilities,
            &claims.0,
            self.add_threshold,
            self.drop_threshold,
        );
    }
}

/// The claims after the tagger's decision, given each token's probability: rule names whose
/// tokens all score under `drop` go (0 keeps them all), free tokens from `add` up become names.
pub fn decide(
    text: &str,
    tokens: &[Token],
    probabilities: &[f32],
    rule_claims: &[(usize, usize, PiiKind)],
    add: f32,
    drop: f32,
) -> Vec<(usize, usize, PiiKind)> {
    let kept: Vec<(usize, usize, PiiKind)> = rule_claims
        .iter()
        .copied()
        .filter(|&(s, e, kind)| {
            if kind != PiiKind::Name || drop <= 0.0 {
                return true;
            }
            let mut inside = tokens
                .iter()
                .zip(probabilities)
                .filter(|(t, _)| t.start < e && t.end > s && t.taggable())
                .peekable();
            inside.peek().is_none() || inside.any(|(_, p)| *p >= drop)
        })
        .collect();
    let mut claims = Claims(kept);
    for (t, p) in tokens.iter().zip(probabilities) {
        if t.taggable() && *p >= add {
            claims.claim(t.start, t.end, PiiKind::Name);
        }
    }
    claims.merge_adjacent_names(text);
    claims.0
}

fn quantise(w: f32) -> i64 {
    (w * SCALE).round() as i64
}

/// A lexicon with the tagger switched on (evaluation, tests).
pub struct WithTagger<'a> {
    pub lexicon: &'a dyn Lexicon,
    pub tagger: &'a NameTagger,
}

impl Lexicon for WithTagger<'_> {
    fn words(&self, text: &str) -> Vec<Word> {
        self.lexicon.words(text)
    }
    fn is_public_address(&self, key: &str) -> bool {
        self.lexicon.is_public_address(key)
    }
    fn is_public_phone(&self, key: &str) -> bool {
        self.lexicon.is_public_phone(key)
    }
    fn name_tagger(&self) -> Option<&NameTagger> {
        Some(self.tagger)
    }
}

/// A lexicon with the tagger switched off, whatever the inner one says (the rules alone, as
/// the training features must see them).
pub struct RulesOnly<'a>(pub &'a dyn Lexicon);

impl Lexicon for RulesOnly<'_> {
    fn words(&self, text: &str) -> Vec<Word> {
        self.0.words(text)
    }
    fn is_public_address(&self, key: &str) -> bool {
        self.0.is_public_address(key)
    }
    fn is_public_phone(&self, key: &str) -> bool {
        self.0.is_public_phone(key)
    }
}

/// What the training and the evaluation need of one message: the prepared text, its tokens
/// with their features, and what the rules alone claimed.
pub fn analyse(text: &str, lexicon: &dyn Lexicon) -> NameTokens {
    let prepared = super::scan::prepare(text);
    let rules = RulesOnly(lexicon);
    let (words, claims) = super::detect_parts(&prepared, &rules);
    NameTokens::new_owned(prepared, &words, claims.0)
}

/// The claims of one pass of the masker once the names are decided (the rules' claims, or
/// [`NameTagger::decide`]'s): what the detectors after the names add and drop.
pub fn finish(
    text: &str,
    lexicon: &dyn Lexicon,
    name_claims: Vec<(usize, usize, PiiKind)>,
) -> Vec<(usize, usize, PiiKind)> {
    super::finish(text, lexicon, Claims(name_claims))
}

/// The text with `claims` replaced by their placeholders (one pass).
pub fn replace(text: &str, claims: &[(usize, usize, PiiKind)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end, kind) in claims {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(kind.placeholder());
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::masking::NoLexicon;

    #[test]
    fn the_shipped_weights_parse_and_write_back_the_same() {
        let tagger = NameTagger::shipped();
        assert_eq!(tagger.to_file(), SHIPPED);
    }

    #[test]
    fn a_word_over_the_add_threshold_becomes_a_name_and_a_distrusted_rule_name_goes() {
        let text = "担当は小野寺、窓口は芝浦";
        let tokens = analyse(text, &NoLexicon);
        let at = |word: &str| {
            tokens
                .tokens
                .iter()
                .position(|t| &tokens.text[t.start..t.end] == word)
                .unwrap()
        };
        let mut p = vec![0.0; tokens.tokens.len()];
        p[at("小野寺")] = 0.97;
        p[at("芝浦")] = 0.02;
        let shibaura = (
            tokens.tokens[at("芝浦")].start,
            tokens.tokens[at("芝浦")].end,
        );
        let rules = vec![(shibaura.0, shibaura.1, PiiKind::Name)];
        let claims = decide(text, &tokens.tokens, &p, &rules, 0.9, 0.05);
        assert_eq!(replace(text, &claims), "担当は[氏名]、窓口は芝浦");
        // Without a drop threshold the rules' names all stay.
        let claims = decide(text, &tokens.tokens, &p, &rules, 0.9, 0.0);
        assert_eq!(replace(text, &claims), "担当は[氏名]、窓口は[氏名]");
    }

    #[test]
    fn the_tagger_never_claims_what_another_kind_holds() {
        let text = "連絡先 taro@example.jp";
        let tokens = analyse(text, &NoLexicon);
        let p = vec![1.0; tokens.tokens.len()];
        let claims = decide(text, &tokens.tokens, &p, &tokens.rule_claims, 0.5, 0.0);
        assert_eq!(
            replace(text, &finish(text, &NoLexicon, claims)),
            "[氏名] [メール]"
        );
    }
}

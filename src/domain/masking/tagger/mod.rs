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

/// The model: one weight per feature bucket, a bias, and the two thresholds CV chose; and,
/// when trained with an encoder, weights over the encoder's vector of each word.
#[derive(Debug, Clone, PartialEq)]
pub struct NameTagger {
    weights: Vec<f32>,
    bias: f32,
    context: Option<ContextWeights>,
    /// Trained on the features of the words alone, without what the rules decided about them
    /// (so that it adds what the rules miss instead of echoing them).
    pub without_rules: bool,
    /// A word the rules left alone is a name from this probability up.
    pub add_threshold: f32,
    /// A rule's name whose words all score below this is dropped (0 = never).
    pub drop_threshold: f32,
    /// A name grows over a word beside it from this probability up (≥ add: never).
    pub grow_threshold: f32,
}

/// Weights over a word's vector as the sentence encoder read it in its sentence (with its
/// neighbours' vectors beside it): what the word means there, which hashed features of the
/// word alone cannot say (a name that is also a common word, a foreign name in a script the
/// dictionary does not know). A second set of weights, and a bias, apply to the words a name
/// rule claimed: how far to trust a rule depends on the context too.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextWeights {
    /// The encoder's cache key; vectors of another encoder are not read.
    pub encoder: String,
    /// Per dimension: the training mean, and the factor that brings the centred value to a
    /// standard deviation of 1/√dim (a vector of norm about 1, as the hashed features have).
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub ruled_weights: Vec<f32>,
    pub ruled_bias: f32,
}

impl ContextWeights {
    fn score(&self, vector: &[f32], ruled: bool) -> f32 {
        let centred = vector
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((v, m), s)| (v - m) * s);
        if ruled {
            self.ruled_bias
                + centred
                    .zip(self.weights.iter().zip(&self.ruled_weights))
                    .map(|(x, (w, r))| x * (w + r))
                    .sum::<f32>()
        } else {
            centred.zip(&self.weights).map(|(x, w)| x * w).sum()
        }
    }
}

/// What an encoder read a text as: each piece's byte span in the text, and its vector.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PieceVectors {
    pub spans: Vec<(usize, usize)>,
    pub dim: usize,
    /// A row of `dim` per span.
    pub values: Vec<f32>,
}

impl PieceVectors {
    /// Each token's vector in context: its own (see [`per_token`](Self::per_token)), then the
    /// previous and the next token's that have one (zeros at the ends). None where the token
    /// has none.
    pub fn per_token_in_context(&self, tokens: &[Token]) -> Vec<Option<Vec<f32>>> {
        let own = self.per_token(tokens);
        let zeros = vec![0f32; self.dim];
        (0..own.len())
            .map(|i| {
                let me = own[i].as_ref()?;
                let prev = (0..i).rev().find_map(|j| own[j].as_ref()).unwrap_or(&zeros);
                let next = (i + 1..own.len())
                    .find_map(|j| own[j].as_ref())
                    .unwrap_or(&zeros);
                let mut v = Vec::with_capacity(3 * self.dim);
                v.extend_from_slice(me);
                v.extend_from_slice(prev);
                v.extend_from_slice(next);
                Some(v)
            })
            .collect()
    }

    /// Each token's vector: the mean of the pieces that overlap it (None for a token that
    /// cannot be a name, or that no piece covers).
    pub fn per_token(&self, tokens: &[Token]) -> Vec<Option<Vec<f32>>> {
        let mut first = 0;
        tokens
            .iter()
            .map(|t| {
                if !t.taggable() || self.dim == 0 {
                    return None;
                }
                while first < self.spans.len() && self.spans[first].1 <= t.start {
                    first += 1;
                }
                let mut sum = vec![0f32; self.dim];
                let mut n = 0;
                for (i, &(s, e)) in self.spans.iter().enumerate().skip(first) {
                    if s >= t.end {
                        break;
                    }
                    if e > t.start && e > s {
                        let row = &self.values[i * self.dim..(i + 1) * self.dim];
                        sum.iter_mut().zip(row).for_each(|(a, b)| *a += b);
                        n += 1;
                    }
                }
                (n > 0).then(|| {
                    sum.iter_mut().for_each(|v| *v /= n as f32);
                    sum
                })
            })
            .collect()
    }
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
            context: None,
            without_rules: false,
            add_threshold: 0.5,
            drop_threshold: 0.0,
            grow_threshold: 1.0,
        }
    }

    pub(crate) fn with_context(mut self, context: Option<ContextWeights>) -> NameTagger {
        self.context = context;
        self
    }

    /// The encoder whose word vectors the tagger reads, if it reads any.
    pub fn encoder(&self) -> Option<&str> {
        self.context.as_ref().map(|c| c.encoder.as_str())
    }

    /// Names the encoder the context weights were trained on (training knows the vectors,
    /// not where they came from).
    pub fn for_encoder(mut self, encoder: &str) -> NameTagger {
        if let Some(c) = &mut self.context {
            c.encoder = encoder.to_string();
        }
        self
    }

    pub fn with_thresholds(mut self, add: f32, drop: f32) -> NameTagger {
        self.add_threshold = add;
        self.drop_threshold = drop;
        self
    }

    /// The probability that the word with these features (and this vector in context, when
    /// the tagger reads vectors; `ruled` when a name rule claimed it) is (part of) a name.
    pub fn probability(&self, features: &[u32], vector: Option<&[f32]>, ruled: bool) -> f32 {
        let context = match (&self.context, vector) {
            (Some(c), Some(v)) => c.score(v, ruled),
            _ => 0.0,
        };
        let z = self.bias
            + context
            + features
                .iter()
                .map(|&f| self.weights[f as usize])
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Per token, whether the tagger reads it as one a name rule claimed (never, for a tagger
    /// trained without the rules).
    pub fn ruled(&self, tokens: &NameTokens) -> Vec<bool> {
        if self.without_rules {
            vec![false; tokens.tokens.len()]
        } else {
            tokens.ruled()
        }
    }

    /// Each token's probability (0 for a token that cannot be a name).
    pub fn probabilities(
        &self,
        features: &[Vec<u32>],
        vectors: Option<&[Option<Vec<f32>>]>,
        ruled: &[bool],
    ) -> Vec<f32> {
        features
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if f.is_empty() {
                    0.0
                } else {
                    let v = vectors.and_then(|v| v.get(i)).and_then(|v| v.as_deref());
                    self.probability(f, v, ruled.get(i).copied().unwrap_or(false))
                }
            })
            .collect()
    }

    /// Nonzero weights (the file's size, roughly).
    pub fn nonzero(&self) -> usize {
        let context = self.context.as_ref().map_or(0, |c| {
            c.weights
                .iter()
                .chain(&c.ruled_weights)
                .filter(|w| **w != 0.0)
                .count()
        });
        self.weights.iter().filter(|w| **w != 0.0).count() + context
    }

    /// The weights file: a header, then one `bucket weight` line per nonzero weight, in
    /// thousandths, by bucket.
    pub fn to_file(&self) -> String {
        let mut out = String::new();
        out.push_str(if self.context.is_some() {
            "# shien name tagger: logistic regression over each word's vectors in context\n"
        } else {
            "# shien name tagger: logistic regression over hashed word features\n"
        });
        out.push_str("# written by `shien pii train`; hashed weights in thousandths\n");
        out.push_str(&format!("bits {BITS}\n"));
        out.push_str(&format!("add_threshold {}\n", quantise(self.add_threshold)));
        out.push_str(&format!(
            "drop_threshold {}\n",
            quantise(self.drop_threshold)
        ));
        if self.grow_threshold < self.add_threshold {
            out.push_str(&format!(
                "grow_threshold {}\n",
                quantise(self.grow_threshold)
            ));
        }
        out.push_str(&format!("bias {}\n", quantise(self.bias)));
        if self.without_rules {
            out.push_str("features alone\n");
        }
        if let Some(c) = &self.context {
            // Exact floats (shortest form that reads back the same), one dimension a line.
            out.push_str(&format!("context_encoder {}\n", c.encoder));
            out.push_str(&format!("ruled_bias {}\n", c.ruled_bias));
            for i in 0..c.weights.len() {
                out.push_str(&format!(
                    "context {i} {} {} {} {}\n",
                    c.mean[i], c.scale[i], c.weights[i], c.ruled_weights[i]
                ));
            }
        }
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
            if key == "features" {
                tagger.without_rules = match value {
                    "alone" => true,
                    "with_rules" => false,
                    _ => {
                        return Err(TaggerFileError::at(
                            line_no,
                            "features: alone or with_rules",
                        ));
                    }
                };
                continue;
            }
            if key == "context_encoder" {
                tagger.context = Some(ContextWeights {
                    encoder: value.to_string(),
                    mean: Vec::new(),
                    scale: Vec::new(),
                    weights: Vec::new(),
                    ruled_weights: Vec::new(),
                    ruled_bias: 0.0,
                });
                continue;
            }
            if key == "ruled_bias" {
                let c = tagger.context.as_mut().ok_or_else(|| {
                    TaggerFileError::at(line_no, "ruled_bias before context_encoder")
                })?;
                c.ruled_bias = value
                    .parse()
                    .map_err(|_| TaggerFileError::at(line_no, format!("not a number: {value}")))?;
                continue;
            }
            if key == "context" {
                let c = tagger.context.as_mut().ok_or_else(|| {
                    TaggerFileError::at(line_no, "context weights before context_encoder")
                })?;
                let fields: Vec<&str> = value.split(' ').collect();
                let numbers: Option<Vec<f32>> =
                    fields.iter().skip(1).map(|f| f.parse().ok()).collect();
                match (
                    fields.first().and_then(|i| i.parse::<usize>().ok()),
                    numbers,
                ) {
                    (Some(i), Some(n)) if i == c.weights.len() && n.len() == 4 => {
                        c.mean.push(n[0]);
                        c.scale.push(n[1]);
                        c.weights.push(n[2]);
                        c.ruled_weights.push(n[3]);
                    }
                    _ => {
                        return Err(TaggerFileError::at(
                            line_no,
                            "expected `context <next dimension> <mean> <scale> <weight> \
                             <weight when ruled>`",
                        ));
                    }
                }
                continue;
            }
            let value: i64 = value
                .parse()
                .map_err(|_| TaggerFileError::at(line_no, format!("not an integer: {value}")))?;
            let v = value as f32 / SCALE;
            match key {
                "bits" if value == i64::from(BITS) => {}
                "bits" => return Err(TaggerFileError::at(line_no, "bits differ from the code's")),
                "add_threshold" => tagger.add_threshold = v,
                "drop_threshold" => tagger.drop_threshold = v,
                "grow_threshold" => tagger.grow_threshold = v,
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
    pub(super) fn claim(
        &self,
        text: &str,
        words: &[Word],
        claims: &mut Claims,
        pieces: Option<&PieceVectors>,
    ) {
        let tokens = NameTokens::new(text, words, &claims.0);
        let vectors = pieces.map(|p| p.per_token_in_context(&tokens.tokens));
        let ruled = self.ruled(&tokens);
        let alone;
        let features = if self.without_rules {
            alone = tokens.features_without_rules();
            &alone
        } else {
            &tokens.features
        };
        let probabilities = self.probabilities(features, vectors.as_deref(), &ruled);
        claims.0 = decide(
            text,
            &tokens.tokens,
            &probabilities,
            &claims.0,
            self.add_threshold,
            self.drop_threshold,
            self.grow_threshold,
        );
    }
}

/// The claims after the tagger's decision, given each token's probability: rule names whose
/// tokens all score under `drop` go (0 keeps them all), free tokens from `add` up become names,
/// and a name grows over the words beside it (on its line, a space apart at most) from `grow`
/// up, so that "Mateo Alvarez" is not left half masked (`grow` ≥ `add`: no growing).
pub fn decide(
    text: &str,
    tokens: &[Token],
    probabilities: &[f32],
    rule_claims: &[(usize, usize, PiiKind)],
    add: f32,
    drop: f32,
    grow: f32,
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
    if grow < add {
        grow_names(text, tokens, probabilities, grow, &mut claims);
    }
    claims.merge_adjacent_names(text);
    claims.0
}

fn grow_names(text: &str, tokens: &[Token], probabilities: &[f32], grow: f32, claims: &mut Claims) {
    let named = |claims: &Claims, t: &Token| {
        claims
            .0
            .iter()
            .any(|&(s, e, k)| k == PiiKind::Name && s < t.end && e > t.start)
    };
    let apart =
        |from: usize, to: usize| text[from..to].chars().all(|c| c == ' ' || c == '\u{3000}');
    loop {
        let mut grew = false;
        for (i, (t, p)) in tokens.iter().zip(probabilities).enumerate() {
            // S63.3.3 after a name: a letter glued to a number is no part of the name.
            if !t.taggable()
                || *p < grow
                || named(claims, t)
                || text[t.end..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let left = i > 0 && named(claims, &tokens[i - 1]) && apart(tokens[i - 1].end, t.start);
            let right = tokens
                .get(i + 1)
                .is_some_and(|n| named(claims, n) && apart(t.end, n.start));
            if (left || right) && claims.claim(t.start, t.end, PiiKind::Name) {
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
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
    fn piece_vectors(&self, text: &str) -> Option<PieceVectors> {
        self.lexicon.piece_vectors(text)
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
        let claims = decide(text, &tokens.tokens, &p, &rules, 0.9, 0.05, 1.0);
        assert_eq!(replace(text, &claims), "担当は[氏名]、窓口は芝浦");
        // Without a drop threshold the rules' names all stay.
        let claims = decide(text, &tokens.tokens, &p, &rules, 0.9, 0.0, 1.0);
        assert_eq!(replace(text, &claims), "担当は[氏名]、窓口は[氏名]");
    }

    #[test]
    fn each_word_reads_the_mean_of_the_pieces_that_overlap_it() {
        let text = "担当は小野寺です";
        let tokens = analyse(text, &NoLexicon).tokens;
        // Pieces: "担当は" [0,9), "小野" [9,15), "寺です" [15,24), a lone marker [24,24).
        let pieces = PieceVectors {
            spans: vec![(0, 9), (9, 15), (15, 24), (24, 24)],
            dim: 2,
            values: vec![1.0, 0.0, 0.0, 2.0, 4.0, 0.0, 9.0, 9.0],
        };
        let vectors = pieces.per_token(&tokens);
        let of = |word: &str| {
            let i = tokens
                .iter()
                .position(|t| &text[t.start..t.end] == word)
                .unwrap();
            vectors[i].clone()
        };
        // Without a dictionary the words are the runs of one script: 担当|は|小野寺|です.
        assert_eq!(of("担当"), Some(vec![1.0, 0.0]));
        // 小野寺 overlaps "小野" and "寺です": their mean.
        assert_eq!(of("小野寺"), Some(vec![2.0, 1.0]));
        // The lone marker covers no byte and counts for no word.
        assert_eq!(of("です"), Some(vec![4.0, 0.0]));
    }

    #[test]
    fn context_weights_are_read_only_beside_their_vectors_and_survive_the_file() {
        let tagger = NameTagger::from_parts(vec![0.0; 1 << BITS], -1.0)
            .with_context(Some(ContextWeights {
                encoder: "e5-test".into(),
                mean: vec![0.5, 0.0],
                scale: vec![2.0, 1.0],
                weights: vec![3.0, -0.25],
                ruled_weights: vec![0.0, 1.0],
                ruled_bias: 0.5,
            }))
            .with_thresholds(0.5, 0.0);
        // z = -1 + (1.5 - 0.5)·2·3 + (2 - 0)·1·(-0.25) = 4.5
        let p = tagger.probability(&[], Some(&[1.5, 2.0]), false);
        assert!((p - 1.0 / (1.0 + (-4.5f32).exp())).abs() < 1e-6);
        // A word a rule claimed: + 0.5 + (2 - 0)·1·1 = 7
        let r = tagger.probability(&[], Some(&[1.5, 2.0]), true);
        assert!((r - 1.0 / (1.0 + (-7.0f32).exp())).abs() < 1e-6);
        // Without a vector only the bias and the hashed features count.
        let q = tagger.probability(&[], None, true);
        assert!((q - 1.0 / (1.0 + 1.0f32.exp())).abs() < 1e-6);
        let file = tagger.to_file();
        let back = NameTagger::parse(&file).unwrap();
        assert_eq!(back, tagger);
        assert_eq!(back.encoder(), Some("e5-test"));
        assert!(NameTagger::parse("context 0 1 2 3\n").is_err());
        assert!(NameTagger::parse("context_encoder x\ncontext 1 1 2 3 4\n").is_err());
        assert!(NameTagger::parse("context_encoder x\ncontext 0 1 2 3\n").is_err());
    }

    #[test]
    fn a_name_grows_over_the_words_beside_it_on_its_line_only() {
        let text = "to Mateo Alvarez\nAlvarez";
        let tokens = analyse(text, &NoLexicon);
        let p: Vec<f32> = tokens
            .tokens
            .iter()
            .map(|t| match &text[t.start..t.end] {
                "Mateo" => 0.95,
                "Alvarez" => 0.1,
                _ => 0.01,
            })
            .collect();
        let grown = decide(text, &tokens.tokens, &p, &[], 0.9, 0.0, 0.05);
        assert_eq!(replace(text, &grown), "to [氏名]\nAlvarez");
        let seeds_only = decide(text, &tokens.tokens, &p, &[], 0.9, 0.0, 1.0);
        assert_eq!(replace(text, &seeds_only), "to [氏名] Alvarez\nAlvarez");
    }

    #[test]
    fn the_tagger_never_claims_what_another_kind_holds() {
        let text = "連絡先 taro@example.jp";
        let tokens = analyse(text, &NoLexicon);
        let p = vec![1.0; tokens.tokens.len()];
        let claims = decide(text, &tokens.tokens, &p, &tokens.rule_claims, 0.5, 0.0, 1.0);
        assert_eq!(
            replace(text, &finish(text, &NoLexicon, claims)),
            "[氏名] [メール]"
        );
    }
}

//! Labelled example messages (`corpus/routing-examples.toml`) and the vote of the ones nearest
//! in meaning to a new message. The rules are precise but know only the phrasings they were
//! written for; the examples carry the intent ("someone must judge this", "this is about the
//! service") to phrasings no rule names. Plain vectors only: the application layer encodes the
//! texts, this module never sees an encoder.

use std::path::Path;

use serde::Deserialize;

use crate::domain::consultants::ConsultCategory;
use crate::domain::handoff::HandoffCategory;
use crate::domain::handoff::HandoffReason;
use crate::domain::handoff::StableCode;

/// What a labelled message should get: answered or handed off, and the desk (for an answer,
/// the field of its topic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleLabel {
    pub handoff: bool,
    /// Why it is handed off, when the example says (the evaluation sets do not).
    pub reason: Option<HandoffReason>,
    /// None for a factual question the bot answers: it teaches "answer", not a field.
    pub category: Option<HandoffCategory>,
}

impl ExampleLabel {
    /// A factual question the bot answers: no hand-off, no field.
    pub fn answered() -> ExampleLabel {
        ExampleLabel {
            handoff: false,
            reason: None,
            category: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingExample {
    pub text: String,
    pub label: ExampleLabel,
}

#[derive(Debug, thiserror::Error)]
pub enum ExamplesError {
    #[error("{file}: {message}")]
    Read { file: String, message: String },
    #[error("{file}: example {entry}, field `{field}`: {message}")]
    Invalid {
        file: String,
        entry: usize,
        field: &'static str,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesFile {
    #[serde(default)]
    example: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: String,
    category: String,
    /// Absent for a message the bot answers.
    handoff: Option<HandoffReason>,
}

/// A category label as the sets write it: a consultant's field, or 苦情 for the staff.
pub fn parse_category(label: &str) -> Option<HandoffCategory> {
    match label {
        "苦情" | "苦情・ご意見" => Some(HandoffCategory::ServiceComplaint),
        other => ConsultCategory::parse(other).map(HandoffCategory::Consult),
    }
}

/// Reads the examples file. Every problem names the file, the example (1-based) and the field.
pub fn load_examples(file: &Path) -> Result<Vec<RoutingExample>, ExamplesError> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| ExamplesError::Read {
        file: name.clone(),
        message: e.to_string(),
    })?;
    parse_examples(&text, &name)
}

pub fn parse_examples(text: &str, file: &str) -> Result<Vec<RoutingExample>, ExamplesError> {
    let raw: ExamplesFile = toml::from_str(text).map_err(|e| ExamplesError::Read {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let invalid = |entry: usize, field: &'static str, message: &str| ExamplesError::Invalid {
        file: file.to_string(),
        entry,
        field,
        message: message.to_string(),
    };
    let mut examples: Vec<RoutingExample> = Vec::with_capacity(raw.example.len());
    for (i, r) in raw.example.into_iter().enumerate() {
        let entry = i + 1;
        let text = r.text.trim().to_string();
        if text.is_empty() {
            return Err(invalid(entry, "text", "is empty"));
        }
        if examples.iter().any(|e| e.text == text) {
            return Err(invalid(entry, "text", "repeats an earlier example"));
        }
        let category = parse_category(&r.category)
            .ok_or_else(|| invalid(entry, "category", "is not a desk's field or 苦情"))?;
        let complaint_category = category == HandoffCategory::ServiceComplaint;
        match r.handoff {
            Some(HandoffReason::LowConfidence) => {
                return Err(invalid(
                    entry,
                    "handoff",
                    "low_confidence depends on the corpus, not on the message",
                ));
            }
            Some(HandoffReason::Complaint) if !complaint_category => {
                return Err(invalid(entry, "category", "a complaint goes to 苦情"));
            }
            Some(reason) if reason != HandoffReason::Complaint && complaint_category => {
                return Err(invalid(entry, "handoff", "苦情 is for complaints only"));
            }
            None if complaint_category => {
                return Err(invalid(entry, "handoff", "a complaint is handed off"));
            }
            _ => {}
        }
        examples.push(RoutingExample {
            text,
            label: ExampleLabel {
                handoff: r.handoff.is_some(),
                reason: r.handoff,
                category: Some(category),
            },
        });
    }
    Ok(examples)
}

/// How many neighbours vote, and how sharply nearer ones outweigh farther ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoteSettings {
    pub k: usize,
    /// Softmax temperature over cosine similarity (e5's similarities sit close together).
    pub temperature: f32,
}

impl Default for VoteSettings {
    fn default() -> Self {
        VoteSettings {
            k: 10,
            temperature: 0.05,
        }
    }
}

/// The labelled examples' vectors (L2-normalised, one row each) and labels.
#[derive(Clone, Default)]
pub struct ExampleStore {
    dim: usize,
    vectors: Vec<f32>,
    texts: Vec<String>,
    labels: Vec<ExampleLabel>,
}

/// What the nearest examples say about a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Votes {
    /// Share of the neighbours' weight that hands off (0..1).
    pub handoff: f32,
    /// The reason with most weight among neighbours that hand off and say why.
    pub reason: Option<HandoffReason>,
    /// The category with most weight among neighbours that hand off, and its share of them.
    pub handoff_category: Option<(HandoffCategory, f32)>,
    /// The category with most weight among the neighbours that have one, and its share of
    /// all neighbours; None when none has one.
    pub category: Option<(HandoffCategory, f32)>,
    /// The nearest example and its cosine similarity.
    pub nearest: (String, f32),
}

impl std::fmt::Debug for ExampleStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExampleStore")
            .field("dim", &self.dim)
            .field("examples", &self.labels.len())
            .finish()
    }
}

impl ExampleStore {
    pub fn new(dim: usize) -> ExampleStore {
        ExampleStore {
            dim,
            ..Default::default()
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Adds one example; a vector of the wrong length is refused (false).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Every example's vector and label, in the order they were pushed.
    pub fn labelled(&self) -> impl Iterator<Item = (&[f32], &ExampleLabel)> {
        self.vectors.chunks_exact(self.dim.max(1)).zip(&self.labels)
    }

    pub fn push(&mut self, text: &str, vector: &[f32], label: ExampleLabel) -> bool {
        if vector.len() != self.dim || self.dim == 0 {
            return false;
        }
        self.vectors.extend_from_slice(vector);
        self.texts.push(text.to_string());
        self.labels.push(label);
        true
    }

    /// The vote of the `k` examples nearest to `query` (L2-normalised), each weighted by
    /// exp((similarity − best) / temperature). None when the store is empty or the vector
    /// does not fit.
    pub fn votes(&self, query: &[f32], settings: VoteSettings) -> Option<Votes> {
        if self.is_empty() || query.len() != self.dim {
            return None;
        }
        let mut scored: Vec<(usize, f32)> = self
            .vectors
            .chunks_exact(self.dim)
            .map(|row| row.iter().zip(query).map(|(a, b)| a * b).sum::<f32>())
            .enumerate()
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        scored.truncate(settings.k.max(1));
        let best = scored[0].1;
        let temperature = settings.temperature.max(1e-4);
        let weighted: Vec<(&ExampleLabel, f32)> = scored
            .iter()
            .map(|&(i, s)| (&self.labels[i], ((s - best) / temperature).exp()))
            .collect();
        let total: f32 = weighted.iter().map(|(_, w)| w).sum();
        let handing: Vec<(&ExampleLabel, f32)> = weighted
            .iter()
            .copied()
            .filter(|(l, _)| l.handoff)
            .collect();
        let handoff_weight: f32 = handing.iter().map(|(_, w)| w).sum();
        let reason = heaviest(
            handing
                .iter()
                .filter_map(|(l, w)| l.reason.map(|r| (r, *w))),
        );
        let handoff_category = heaviest(
            handing
                .iter()
                .filter_map(|(l, w)| l.category.map(|c| (c, *w))),
        )
        .map(|(c, w)| (c, w / handoff_weight));
        let category = heaviest(
            weighted
                .iter()
                .filter_map(|(l, w)| l.category.map(|c| (c, *w))),
        )
        .map(|(c, w)| (c, w / total));
        Some(Votes {
            handoff: handoff_weight / total,
            reason: reason.map(|(r, _)| r),
            handoff_category,
            category,
            nearest: (self.texts[scored[0].0].clone(), best),
        })
    }
}

/// A learned-examples file that cannot be read: the line and what is wrong with it.
#[derive(Debug, thiserror::Error)]
#[error("routing examples, line {line}: {message}")]
pub struct LearnedFileError {
    pub line: usize,
    pub message: String,
}

impl ExampleStore {
    /// The first `n` examples (the hand-written ones, pushed before the learned ones).
    pub fn first(&self, n: usize) -> ExampleStore {
        let n = n.min(self.len());
        ExampleStore {
            dim: self.dim,
            vectors: self.vectors[..n * self.dim].to_vec(),
            texts: self.texts[..n].to_vec(),
            labels: self.labels[..n].to_vec(),
        }
    }

    /// Every example of `other` after this store's own; false (nothing added) when the
    /// vectors are of another size.
    pub fn extend(&mut self, other: &ExampleStore) -> bool {
        if other.dim != self.dim {
            return false;
        }
        self.vectors.extend_from_slice(&other.vectors);
        self.texts.extend_from_slice(&other.texts);
        self.labels.extend_from_slice(&other.labels);
        true
    }

    /// The learned-examples file `shien routing train` writes beside the model: a header naming
    /// the encoder, then one line an example: hand-off (0/1), reason code or `-`, category code,
    /// the vector as signed bytes (hex) with one scale a row, and the text as a JSON string.
    /// A byte a dimension keeps every cosine within about 0.01 of the float one and the file at
    /// a quarter of the floats' size.
    pub fn to_file(&self, encoder: &str) -> String {
        let mut out = String::new();
        out.push_str("# shien routing examples: labelled messages and their vectors (int8 a dimension, one scale a row)\n");
        out.push_str("# written by `shien routing train`; do not edit by hand\n");
        out.push_str(&format!("encoder {encoder}\n"));
        out.push_str(&format!("dim {}\n", self.dim));
        for ((vector, label), text) in self.labelled().zip(&self.texts) {
            let top = vector.iter().fold(0f32, |m, v| m.max(v.abs()));
            let scale = if top > 0.0 { top / 127.0 } else { 1.0 };
            let bytes: Vec<u8> = vector
                .iter()
                .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8 as u8)
                .collect();
            out.push_str(&format!(
                "{} {} {} {:e} {} {}\n",
                u8::from(label.handoff),
                label.reason.map_or("-", |r| r.code()),
                label.category.map_or("-", |c| c.code()),
                scale,
                hex::encode(bytes),
                serde_json::to_string(text).expect("a string serialises"),
            ));
        }
        out
    }

    /// Reads a learned-examples file: the encoder it was made with and its store (each vector
    /// normalised again after the bytes are read back).
    pub fn parse_file(file: &str) -> Result<(String, ExampleStore), LearnedFileError> {
        let bad = |line: usize, message: String| LearnedFileError { line, message };
        let mut encoder = None;
        let mut store: Option<ExampleStore> = None;
        for (n, line) in file.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix("encoder ") {
                encoder = Some(name.trim().to_string());
                continue;
            }
            if let Some(d) = line.strip_prefix("dim ") {
                let dim: usize = d
                    .trim()
                    .parse()
                    .ok()
                    .filter(|&d| d > 0)
                    .ok_or_else(|| bad(line_no, format!("not a size: {d}")))?;
                store = Some(ExampleStore::new(dim));
                continue;
            }
            let store = store
                .as_mut()
                .ok_or_else(|| bad(line_no, "`dim` must come first".into()))?;
            let fields: Vec<&str> = line.splitn(6, ' ').collect();
            let [handoff, reason, category, scale, bytes, text] = fields[..] else {
                return Err(bad(line_no, "expected six fields".into()));
            };
            let handoff = match handoff {
                "0" => false,
                "1" => true,
                other => return Err(bad(line_no, format!("hand-off is 0 or 1, not {other}"))),
            };
            let reason = match reason {
                "-" => None,
                code => Some(
                    HandoffReason::from_code(code)
                        .ok_or_else(|| bad(line_no, format!("unknown reason {code}")))?,
                ),
            };
            let category = match category {
                "-" => None,
                code => Some(
                    HandoffCategory::from_code(code)
                        .ok_or_else(|| bad(line_no, format!("unknown category {code}")))?,
                ),
            };
            let scale: f32 = scale
                .parse()
                .ok()
                .filter(|s: &f32| s.is_finite() && *s > 0.0)
                .ok_or_else(|| bad(line_no, format!("not a scale: {scale}")))?;
            let bytes = hex::decode(bytes).map_err(|e| bad(line_no, format!("vector: {e}")))?;
            let mut vector: Vec<f32> = bytes.iter().map(|&b| b as i8 as f32 * scale).collect();
            let norm = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|v| *v /= norm);
            }
            let text: String =
                serde_json::from_str(text).map_err(|e| bad(line_no, format!("text: {e}")))?;
            let label = ExampleLabel {
                handoff,
                reason,
                category,
            };
            if !store.push(&text, &vector, label) {
                return Err(bad(
                    line_no,
                    format!("{} numbers where dim is {}", vector.len(), store.dim),
                ));
            }
        }
        let encoder = encoder.ok_or_else(|| bad(0, "no `encoder` line".into()))?;
        let store = store.ok_or_else(|| bad(0, "no `dim` line".into()))?;
        Ok((encoder, store))
    }
}

/// The key with the largest summed weight (the first seen wins a tie).
fn heaviest<K: PartialEq + Copy>(items: impl Iterator<Item = (K, f32)>) -> Option<(K, f32)> {
    let mut sums: Vec<(K, f32)> = Vec::new();
    for (k, w) in items {
        match sums.iter_mut().find(|(s, _)| *s == k) {
            Some(e) => e.1 += w,
            None => sums.push((k, w)),
        }
    }
    sums.into_iter()
        .fold(None, |best: Option<(K, f32)>, (k, w)| match best {
            Some((_, bw)) if bw >= w => best,
            _ => Some((k, w)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(handoff: Option<HandoffReason>, category: HandoffCategory) -> ExampleLabel {
        ExampleLabel {
            handoff: handoff.is_some(),
            reason: handoff,
            category: Some(category),
        }
    }

    #[test]
    fn the_examples_file_names_the_entry_and_field_of_a_mistake() {
        let text = "[[example]]\ntext = \"税金の相談\"\ncategory = \"税務\"\n\n\
                    [[example]]\ntext = \"対応がひどい\"\ncategory = \"労務\"\nhandoff = \"complaint\"\n";
        let err = parse_examples(text, "x.toml").unwrap_err().to_string();
        assert_eq!(
            err,
            "x.toml: example 2, field `category`: a complaint goes to 苦情"
        );
    }

    #[test]
    fn the_shipped_examples_file_is_valid_and_covers_every_desk_and_complaints() {
        let examples = load_examples(Path::new("corpus/routing-examples.toml")).unwrap();
        for c in ConsultCategory::ALL {
            assert!(
                examples
                    .iter()
                    .any(|e| e.label.handoff
                        && e.label.category == Some(HandoffCategory::Consult(c))),
                "no hand-off example for {}",
                c.label_ja()
            );
        }
        for reason in [
            HandoffReason::AskedForPerson,
            HandoffReason::SensitiveTopic,
            HandoffReason::IndividualJudgement,
            HandoffReason::Complaint,
        ] {
            assert!(examples.iter().any(|e| e.label.reason == Some(reason)));
        }
        assert!(examples.iter().any(|e| !e.label.handoff));
    }

    #[test]
    fn a_learned_examples_file_reads_back_what_was_written() {
        let mut store = ExampleStore::new(3);
        let tax = HandoffCategory::Consult(ConsultCategory::Tax);
        store.push(
            "税金の相談 \"確定申告\"",
            &[0.6, 0.0, -0.8],
            label(None, tax),
        );
        store.push(
            "待たされた",
            &[0.0, 1.0, 0.0],
            label(
                Some(HandoffReason::Complaint),
                HandoffCategory::ServiceComplaint,
            ),
        );
        let file = store.to_file("e5-test:abc");
        let (encoder, read) = ExampleStore::parse_file(&file).unwrap();
        assert_eq!(encoder, "e5-test:abc");
        assert_eq!(read.len(), 2);
        assert_eq!(read.texts, store.texts);
        assert_eq!(read.labels, store.labels);
        for (a, b) in read.vectors.iter().zip(&store.vectors) {
            assert!((a - b).abs() < 0.01, "{a} vs {b}");
        }
        let broken = file.replace(" tax ", " taxes ");
        let err = ExampleStore::parse_file(&broken).unwrap_err();
        assert_eq!(err.line, 5);
        assert!(err.message.contains("taxes"), "{err}");
    }

    #[test]
    fn the_first_examples_are_the_hand_written_ones() {
        let mut store = ExampleStore::new(2);
        let tax = HandoffCategory::Consult(ConsultCategory::Tax);
        store.push("a", &[1.0, 0.0], label(None, tax));
        let mut learned = ExampleStore::new(2);
        learned.push("b", &[0.0, 1.0], label(None, tax));
        assert!(store.extend(&learned));
        assert_eq!(store.len(), 2);
        assert_eq!(store.first(1).texts, vec!["a".to_string()]);
        assert!(!store.extend(&ExampleStore::new(3)));
    }

    #[test]
    fn nearer_examples_outweigh_farther_ones() {
        let mut store = ExampleStore::new(2);
        let tax = HandoffCategory::Consult(ConsultCategory::Tax);
        let staff = HandoffCategory::ServiceComplaint;
        store.push("a", &[1.0, 0.0], label(None, tax));
        store.push(
            "b",
            &[0.96, 0.28],
            label(Some(HandoffReason::Complaint), staff),
        );
        store.push(
            "c",
            &[0.0, 1.0],
            label(Some(HandoffReason::Complaint), staff),
        );
        // Query at cosine 1.0 to "a", 0.96 to "b", 0.0 to "c": with temperature 0.02 "b"
        // weighs e^-2 ≈ 0.135 against "a"'s 1 and "c" e^-50 ≈ 0, so hand-off ≈ 0.119.
        let v = store
            .votes(
                &[1.0, 0.0],
                VoteSettings {
                    k: 3,
                    temperature: 0.02,
                },
            )
            .unwrap();
        assert!((v.handoff - 0.1192).abs() < 1e-3, "{}", v.handoff);
        assert_eq!(v.category.map(|(c, _)| c), Some(tax));
        assert_eq!(v.reason, Some(HandoffReason::Complaint));
        assert_eq!(v.handoff_category.map(|(c, _)| c), Some(staff));
        assert_eq!(v.nearest.0, "a");
        assert!(store.votes(&[1.0], VoteSettings::default()).is_none());
    }
}

//! `shien eval --pii`: recall of the masker per kind of personal data and its false-positive
//! rate on clean business messages, on a file its author did not write
//! (eval/pii-holdout.jsonl).
//!
//! An item counts as caught when the masked text contains neither the item's text, nor (after
//! NFKC) any run of three or more digits from it, nor, for names, any whitespace-separated part
//! of the name of two or more characters. Texts are compared as written and after NFKC, so a
//! full-width item cannot pass unseen because the masker folded its width. A clean message is
//! a false positive when masking inserts any placeholder.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::domain::masking::{Lexicon, PiiKind, mask};

#[derive(Debug, Clone, Deserialize)]
pub struct PiiCase {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub items: Vec<PiiItem>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PiiItem {
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct KindRecall {
    pub items: usize,
    pub caught: usize,
    pub recall: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PiiReport {
    pub messages: usize,
    pub by_kind: BTreeMap<String, KindRecall>,
    /// All items together.
    pub recall: f64,
    pub clean_messages: usize,
    pub false_positives: usize,
    pub false_positive_rate: f64,
    /// Ids only: the texts are held out and not for the masker's author to read.
    pub missed: Vec<(String, String)>,
    pub false_positive_ids: Vec<String>,
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Whether `item` no longer appears in `masked` (see the module doc).
pub fn caught(item: &PiiItem, masked: &str) -> bool {
    let masked_nfkc = nfkc(masked);
    let appears = |needle: &str| {
        !needle.is_empty() && (masked.contains(needle) || masked_nfkc.contains(&nfkc(needle)))
    };
    if appears(&item.text) {
        return false;
    }
    let item_nfkc = nfkc(&item.text);
    let mut run = String::new();
    for c in item_nfkc.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() >= 3 && masked_nfkc.contains(&run) {
                return false;
            }
            run.clear();
        }
    }
    if item.kind == PiiKind::Name.code() {
        for part in item.text.split(|c: char| c.is_whitespace()) {
            if part.chars().count() >= 2 && appears(part) {
                return false;
            }
        }
    }
    true
}

pub fn eval_pii(cases: &[PiiCase], lexicon: &dyn Lexicon) -> PiiReport {
    eval_pii_with_misses(cases, lexicon).0
}

/// One message as the masker left it, for reading the misses of a tuning set.
#[derive(Debug, Clone, Serialize)]
pub struct PiiDumpRow {
    pub id: String,
    pub masked: String,
    /// Labelled items the masked text still shows (kind, text).
    pub missed: Vec<(String, String)>,
    /// A clean message that got a placeholder.
    pub false_positive: bool,
}

/// Whether a PII file may be dumped: a held-out set's texts are not for the masker's author
/// to read, so a file named as held out is refused.
pub fn may_dump(file: &std::path::Path) -> bool {
    !file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("holdout"))
}

/// The report, and every message that missed an item or was masked while clean (in file
/// order), from one masking of each message.
pub fn eval_pii_with_misses(
    cases: &[PiiCase],
    lexicon: &dyn Lexicon,
) -> (PiiReport, Vec<PiiDumpRow>) {
    let placeholders: Vec<&str> = PiiKind::ALL.iter().map(|k| k.placeholder()).collect();
    let mut report = PiiReport {
        messages: cases.len(),
        ..Default::default()
    };
    let mut rows = Vec::new();
    for case in cases {
        let masked = mask(&case.text, lexicon).into_string();
        let mut row = PiiDumpRow {
            id: case.id.clone(),
            masked: String::new(),
            missed: Vec::new(),
            false_positive: false,
        };
        if case.items.is_empty() {
            report.clean_messages += 1;
            let original = nfkc(&case.text);
            row.false_positive = placeholders
                .iter()
                .any(|p| masked.matches(p).count() > original.matches(p).count());
            if row.false_positive {
                report.false_positives += 1;
                report.false_positive_ids.push(case.id.clone());
            }
        }
        for item in &case.items {
            let entry = report.by_kind.entry(item.kind.clone()).or_default();
            entry.items += 1;
            if caught(item, &masked) {
                entry.caught += 1;
            } else {
                report.missed.push((case.id.clone(), item.kind.clone()));
                row.missed.push((item.kind.clone(), item.text.clone()));
            }
        }
        if row.false_positive || !row.missed.is_empty() {
            row.masked = masked;
            rows.push(row);
        }
    }
    let (mut items, mut caught_all) = (0, 0);
    for k in report.by_kind.values_mut() {
        k.recall = super::round4(k.caught as f64 / k.items.max(1) as f64);
        items += k.items;
        caught_all += k.caught;
    }
    report.recall = super::round4(caught_all as f64 / items.max(1) as f64);
    report.false_positive_rate =
        super::round4(report.false_positives as f64 / report.clean_messages.max(1) as f64);
    (report, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::masking::NoLexicon;

    fn item(kind: &str, text: &str) -> PiiItem {
        PiiItem {
            kind: kind.into(),
            text: text.into(),
        }
    }

    #[test]
    fn an_item_is_caught_only_when_no_trace_of_it_is_left() {
        let phone = item("phone", "０３－１２３４－５６７８");
        assert!(caught(&phone, "電話は[電話番号]です"));
        // The width changed but the digits are still there.
        assert!(!caught(&phone, "電話は03-1234-5678です"));
        assert!(!caught(&phone, "電話は03-1234-[電話番号]です"));
        let name = item("name", "山田 太郎");
        assert!(caught(&name, "[氏名]です"));
        assert!(!caught(&name, "[氏名] 太郎です"));
    }

    #[test]
    fn recall_per_kind_and_false_positives_on_clean_messages() {
        let cases = vec![
            PiiCase {
                id: "a".into(),
                text: "電話は03-1234-5678、メールは a@b.jp".into(),
                items: vec![item("phone", "03-1234-5678"), item("email", "a@b.jp")],
            },
            PiiCase {
                id: "b".into(),
                text: "上限は100万円です".into(),
                items: vec![],
            },
            PiiCase {
                id: "c".into(),
                text: "番号 1234 5678 9012 の件".into(),
                items: vec![],
            },
        ];
        let r = eval_pii(&cases, &NoLexicon);
        assert_eq!(r.by_kind["phone"].recall, 1.0);
        assert_eq!(r.by_kind["email"].caught, 1);
        assert_eq!(r.clean_messages, 2);
        assert_eq!(r.false_positives, 1);
        assert_eq!(r.false_positive_ids, vec!["c".to_string()]);
        assert_eq!(r.false_positive_rate, 0.5);
        let (_, rows) = eval_pii_with_misses(&cases, &NoLexicon);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].id, "c");
        assert!(rows[0].false_positive && rows[0].missed.is_empty());
    }

    #[test]
    fn a_held_out_file_is_never_dumped() {
        assert!(!may_dump(std::path::Path::new("eval/pii-holdout-6.jsonl")));
        assert!(may_dump(std::path::Path::new("eval/pii-tuning-7.jsonl")));
    }
}

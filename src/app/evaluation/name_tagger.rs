//! `shien pii train`: the name tagger's training data, its leave-one-file-out
//! cross-validation over the PII tuning sets, and the shipped weights.
//!
//! Each tuning file is held out in turn: the tagger is trained on the others and the
//! masker measured on it, as (a) the rules alone, (b) the tagger alone (trained without
//! the rules' decisions as features, in place of the name rules), (c) rules ∪ tagger (a word
//! the rules left becomes a name from the add threshold up) and (d) as (c), and a rules' name
//! whose words all score under the drop threshold is let go. The thresholds are chosen on the
//! pooled folds only, with a false positive on a clean message weighing [`FP_WEIGHT`] times a
//! missed name's share of recall. Only the tuning files are read.

use serde::Serialize;

use super::pii::{PiiCase, caught};
use crate::domain::masking::tagger::train::{Example, TrainOptions, train};
use crate::domain::masking::tagger::{
    NameTokens, RulesOnly, WithTagger, analyse, decide, finish, replace,
};
use crate::domain::masking::{Lexicon, NameTagger, PiiKind, prepared};

/// The ten PII tuning sets, the tagger's only training data.
pub const TUNING_FILES: [&str; 10] = [
    "eval/pii-tuning.jsonl",
    "eval/pii-tuning-2.jsonl",
    "eval/pii-tuning-3.jsonl",
    "eval/pii-tuning-4.jsonl",
    "eval/pii-tuning-5.jsonl",
    "eval/pii-tuning-6.jsonl",
    "eval/pii-tuning-7.jsonl",
    "eval/pii-tuning-8.jsonl",
    "eval/pii-tuning-9.jsonl",
    "eval/pii-tuning-10.jsonl",
];

/// One point of false-positive rate costs as much as this many points of name recall.
pub const FP_WEIGHT: f64 = 5.0;

const ADD_THRESHOLDS: [f32; 8] = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
const DROP_THRESHOLDS: [f32; 4] = [0.0, 0.1, 0.3, 0.5];
/// 1.0: names never grow.
const GROW_THRESHOLDS: [f32; 5] = [1.0, 0.5, 0.2, 0.1, 0.05];

/// One message ready for the tagger: its tokens and features, and what each token is.
#[derive(Debug, Clone)]
pub struct TaggerCase {
    /// Index of its file in the list given.
    pub file: usize,
    pub case: PiiCase,
    pub tokens: NameTokens,
    pub alone_features: Vec<Vec<u32>>,
    /// Per token, the encoder's vector of it, when the lexicon has an encoder.
    pub vectors: Option<Vec<Option<Vec<f32>>>>,
    /// Per token: Some(whether it is part of a name); None where it cannot be a name or lies
    /// inside another kind's item (masked anyway, so nothing to learn there).
    pub labels: Vec<Option<bool>>,
}

/// Analyses every message of every file (the rules run once each); `on_case` is told after
/// each message.
pub fn analyse_cases(
    files: &[Vec<PiiCase>],
    lexicon: &dyn Lexicon,
    on_case: &mut dyn FnMut(),
) -> Vec<TaggerCase> {
    let mut out = Vec::new();
    for (file, cases) in files.iter().enumerate() {
        for case in cases {
            let tokens = analyse(&case.text, lexicon);
            let labels = labels(case, &tokens);
            let alone_features = tokens.features_without_rules();
            let vectors = lexicon
                .piece_vectors(&tokens.text)
                .map(|p| p.per_token_in_context(&tokens.tokens));
            out.push(TaggerCase {
                file,
                case: case.clone(),
                tokens,
                alone_features,
                vectors,
                labels,
            });
            on_case();
        }
    }
    out
}

/// Spans of `needle` (prepared as the text is) in the prepared text.
fn occurrences(text: &str, item: &str) -> Vec<(usize, usize)> {
    let needle = prepared(item);
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(&needle)
        .map(|(at, m)| (at, at + m.len()))
        .collect()
}

fn labels(case: &PiiCase, tokens: &NameTokens) -> Vec<Option<bool>> {
    let mut names = Vec::new();
    let mut others = Vec::new();
    for item in &case.items {
        let spans = occurrences(&tokens.text, &item.text);
        if item.kind == PiiKind::Name.code() {
            names.extend(spans);
        } else {
            others.extend(spans);
        }
    }
    let overlaps =
        |spans: &[(usize, usize)], s: usize, e: usize| spans.iter().any(|&(a, b)| a < e && b > s);
    tokens
        .tokens
        .iter()
        .map(|t| {
            if !t.taggable() {
                None
            } else if overlaps(&names, t.start, t.end) {
                Some(true)
            } else if overlaps(&others, t.start, t.end) {
                None
            } else {
                Some(false)
            }
        })
        .collect()
}

fn examples<'a>(cases: &[&'a TaggerCase], alone: bool) -> Vec<Example<'a>> {
    let mut out = Vec::new();
    for c in cases {
        let features = if alone {
            &c.alone_features
        } else {
            &c.tokens.features
        };
        let ruled = if alone {
            vec![false; c.tokens.tokens.len()]
        } else {
            c.tokens.ruled()
        };
        for (i, (f, label)) in features.iter().zip(&c.labels).enumerate() {
            if let Some(name) = label {
                let vector = c.vectors.as_ref().and_then(|v| v[i].as_deref());
                out.push(Example {
                    // With the encoder's vectors the words are read in context alone: the
                    // hashed features learn the tuning sets' names by heart and carry
                    // little to new writers (leave-one-file-out).
                    features: if vector.is_some() { &[] } else { f },
                    vector,
                    ruled: ruled[i],
                    name: *name,
                });
            }
        }
    }
    out
}

/// Trains on the cases given (features with or without the rules' decisions).
pub fn train_on(
    cases: &[&TaggerCase],
    alone: bool,
    options: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize),
) -> NameTagger {
    train(&examples(cases, alone), options, on_epoch)
}

/// Name recall and false positives of one configuration on some messages.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Counts {
    pub names: usize,
    pub caught: usize,
    pub clean: usize,
    /// Clean messages where anything was masked.
    pub false_positives: usize,
    /// Clean messages where a name was masked.
    pub name_false_positives: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.names += other.names;
        self.caught += other.caught;
        self.clean += other.clean;
        self.false_positives += other.false_positives;
        self.name_false_positives += other.name_false_positives;
    }

    pub fn recall(&self) -> f64 {
        self.caught as f64 / self.names.max(1) as f64
    }

    pub fn fp_rate(&self) -> f64 {
        self.false_positives as f64 / self.clean.max(1) as f64
    }

    pub fn name_fp_rate(&self) -> f64 {
        self.name_false_positives as f64 / self.clean.max(1) as f64
    }

    fn objective(&self) -> f64 {
        self.recall() - FP_WEIGHT * self.fp_rate()
    }
}

/// One pass of the masker with these claims up to the names, scored against the labels.
fn count(case: &TaggerCase, lexicon: &dyn Lexicon, claims: Vec<(usize, usize, PiiKind)>) -> Counts {
    let text = &case.tokens.text;
    let masked = replace(text, &finish(text, lexicon, claims));
    let mut counts = Counts::default();
    if case.case.items.is_empty() {
        counts.clean = 1;
        let inserted = |p: &str| masked.matches(p).count() > text.matches(p).count();
        if PiiKind::ALL.iter().any(|k| inserted(k.placeholder())) {
            counts.false_positives = 1;
        }
        if inserted(PiiKind::Name.placeholder()) {
            counts.name_false_positives = 1;
        }
    }
    for item in case
        .case
        .items
        .iter()
        .filter(|i| i.kind == PiiKind::Name.code())
    {
        counts.names += 1;
        if caught(item, &masked) {
            counts.caught += 1;
        }
    }
    counts
}

/// How the names are decided.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Setup {
    Rules,
    TaggerAlone {
        add: f32,
    },
    Union {
        add: f32,
        drop: f32,
    },
    /// The rules' names, and the words the tagger trained without the rules' features gives
    /// from `add` up; names grow over the words beside them from `grow` up.
    AloneUnion {
        add: f32,
        grow: f32,
    },
}

impl Setup {
    pub fn label(&self) -> String {
        match self {
            Setup::Rules => "(a) rules alone".into(),
            Setup::TaggerAlone { add } => format!("(b) tagger alone, p >= {add}"),
            Setup::Union { add, drop: 0.0 } => format!("(c) rules + tagger, p >= {add}"),
            Setup::Union { add, drop } => {
                format!("(d) rules + tagger, p >= {add}, drop rule names p < {drop}")
            }
            Setup::AloneUnion { add, grow } if grow >= add => {
                format!("(e) rules + tagger alone, p >= {add}")
            }
            Setup::AloneUnion { add, grow } => {
                format!("(e) rules + tagger alone, p >= {add}, names grow over p >= {grow}")
            }
        }
    }
}

fn claims_for(
    setup: Setup,
    case: &TaggerCase,
    with_rules: &[f32],
    alone: &[f32],
) -> Vec<(usize, usize, PiiKind)> {
    let text = &case.tokens.text;
    let rules = &case.tokens.rule_claims;
    match setup {
        Setup::Rules => rules.clone(),
        Setup::TaggerAlone { add } => {
            let others: Vec<_> = rules
                .iter()
                .copied()
                .filter(|c| c.2 != PiiKind::Name)
                .collect();
            decide(text, &case.tokens.tokens, alone, &others, add, 0.0, 1.0)
        }
        Setup::Union { add, drop } => {
            decide(text, &case.tokens.tokens, with_rules, rules, add, drop, 1.0)
        }
        Setup::AloneUnion { add, grow } => {
            decide(text, &case.tokens.tokens, alone, rules, add, 0.0, grow)
        }
    }
}

fn probabilities(tagger: &NameTagger, features: &[Vec<u32>], case: &TaggerCase) -> Vec<f32> {
    tagger.probabilities(
        features,
        case.vectors.as_deref(),
        &tagger.ruled(&case.tokens),
    )
}

/// One configuration's figures on each held-out file and pooled.
#[derive(Debug, Clone, Serialize)]
pub struct CvRow {
    pub setup: Setup,
    pub folds: Vec<Counts>,
    pub pooled: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct CvReport {
    /// Every configuration tried.
    pub rows: Vec<CvRow>,
    /// The best tagger-alone and union thresholds by the pooled objective.
    pub best_alone: Setup,
    pub best_union: Setup,
    pub best_union_no_drop: Setup,
    /// Per held-out file, through the whole masker (every pass): (rules alone, rules + the
    /// fold's tagger with the chosen thresholds).
    pub whole_masker: Vec<(Counts, Counts)>,
}

/// Leave-one-file-out cross-validation; `on_fold` is told after each fold (1-based).
pub fn cross_validate(
    cases: &[TaggerCase],
    files: usize,
    lexicon: &dyn Lexicon,
    options: &TrainOptions,
    on_fold: &mut dyn FnMut(usize),
) -> CvReport {
    let mut setups = vec![Setup::Rules];
    setups.extend(ADD_THRESHOLDS.map(|add| Setup::TaggerAlone { add }));
    for add in ADD_THRESHOLDS {
        for drop in DROP_THRESHOLDS {
            setups.push(Setup::Union { add, drop });
        }
    }
    for add in ADD_THRESHOLDS {
        for grow in GROW_THRESHOLDS {
            setups.push(Setup::AloneUnion { add, grow });
        }
    }
    let mut rows: Vec<CvRow> = setups
        .iter()
        .map(|&setup| CvRow {
            setup,
            folds: vec![Counts::default(); files],
            pooled: Counts::default(),
        })
        .collect();
    for fold in 0..files {
        let train_cases: Vec<&TaggerCase> = cases.iter().filter(|c| c.file != fold).collect();
        let with_rules = train_on(&train_cases, false, options, &mut |_| {});
        let alone = train_on(&train_cases, true, options, &mut |_| {});
        for case in cases.iter().filter(|c| c.file == fold) {
            let p = probabilities(&with_rules, &case.tokens.features, case);
            let q = probabilities(&alone, &case.alone_features, case);
            for row in rows.iter_mut() {
                let counts = count(case, lexicon, claims_for(row.setup, case, &p, &q));
                row.folds[fold].add(&counts);
            }
        }
        on_fold(fold + 1);
    }
    for row in rows.iter_mut() {
        let mut pooled = Counts::default();
        for f in &row.folds {
            pooled.add(f);
        }
        row.pooled = pooled;
    }
    let best = |keep: &dyn Fn(&Setup) -> bool| {
        rows.iter()
            .filter(|r| keep(&r.setup))
            // The highest objective; on a tie, the stricter add threshold and the smaller
            // drop threshold (rows come by add, then drop).
            .fold(None::<&CvRow>, |best, r| match best {
                Some(b) if b.pooled.objective() > r.pooled.objective() => Some(b),
                Some(b)
                    if b.pooled.objective() == r.pooled.objective()
                        && matches!((b.setup, r.setup),
                            (Setup::Union { add: a, .. }, Setup::Union { add: c, .. }) if a == c) =>
                {
                    Some(b)
                }
                _ => Some(r),
            })
            .map(|r| r.setup)
            .unwrap_or(Setup::Rules)
    };
    let best_alone = best(&|s| matches!(s, Setup::TaggerAlone { .. }));
    let best_union = best(&|s| matches!(s, Setup::Union { .. } | Setup::AloneUnion { .. }));
    let best_union_no_drop = best(&|s| matches!(s, Setup::Union { drop, .. } if *drop == 0.0));
    let mut whole = vec![(Counts::default(), Counts::default()); files];
    for (fold, whole) in whole.iter_mut().enumerate() {
        let train_cases: Vec<&TaggerCase> = cases.iter().filter(|c| c.file != fold).collect();
        let Some(tagger) = tagger_for(best_union, &train_cases, options, &mut |_| {}) else {
            continue;
        };
        let held_out: Vec<PiiCase> = cases
            .iter()
            .filter(|c| c.file == fold)
            .map(|c| c.case.clone())
            .collect();
        whole.0 = counts_of(&super::pii::eval_pii(&held_out, &RulesOnly(lexicon)));
        whole.1 = counts_of(&super::pii::eval_pii(
            &held_out,
            &WithTagger {
                lexicon,
                tagger: &tagger,
            },
        ));
    }
    CvReport {
        rows,
        best_alone,
        best_union,
        best_union_no_drop,
        whole_masker: whole,
    }
}

/// The tagger a union setup runs, trained on `cases` (None for a setup without one).
pub fn tagger_for(
    setup: Setup,
    cases: &[&TaggerCase],
    options: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize),
) -> Option<NameTagger> {
    match setup {
        Setup::Union { add, drop } => {
            Some(train_on(cases, false, options, on_epoch).with_thresholds(add, drop))
        }
        Setup::AloneUnion { add, grow } => {
            let mut tagger = train_on(cases, true, options, on_epoch).with_thresholds(add, 0.0);
            tagger.without_rules = true;
            tagger.grow_threshold = grow;
            Some(tagger)
        }
        Setup::Rules | Setup::TaggerAlone { .. } => None,
    }
}

/// Name recall and false positives from the masker's own report (every pass, as it runs).
fn counts_of(report: &super::pii::PiiReport) -> Counts {
    let names = report.by_kind.get(PiiKind::Name.code());
    Counts {
        names: names.map_or(0, |k| k.items),
        caught: names.map_or(0, |k| k.caught),
        clean: report.clean_messages,
        false_positives: report.false_positives,
        // The report does not say which kind a false positive was.
        name_false_positives: 0,
    }
}

/// The figures of the shipped setup on each file, in sample (the tagger was trained on them):
/// (rules alone, rules + tagger), measured through the whole masker.
pub fn in_sample(
    files: &[Vec<PiiCase>],
    lexicon: &dyn Lexicon,
    tagger: &NameTagger,
) -> Vec<(super::pii::PiiReport, super::pii::PiiReport)> {
    files
        .iter()
        .map(|cases| {
            let rules = super::pii::eval_pii(cases, &RulesOnly(lexicon));
            let both = super::pii::eval_pii(cases, &WithTagger { lexicon, tagger });
            (rules, both)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::evaluation::pii::PiiItem;
    use crate::domain::masking::NoLexicon;

    #[test]
    fn tokens_of_a_name_are_positive_and_of_other_items_left_out() {
        let case = PiiCase {
            id: "x".into(),
            text: "担当は山田 太郎、電話は０３－１２３４－５６７８、Sarah".into(),
            items: vec![
                PiiItem {
                    kind: "name".into(),
                    text: "山田 太郎".into(),
                },
                PiiItem {
                    kind: "phone".into(),
                    text: "０３－１２３４－５６７８".into(),
                },
            ],
        };
        let tokens = analyse(&case.text, &NoLexicon);
        let labels = labels(&case, &tokens);
        let of = |s: &str| {
            let i = tokens
                .tokens
                .iter()
                .position(|t| &tokens.text[t.start..t.end] == s)
                .unwrap();
            labels[i]
        };
        assert_eq!(of("山田"), Some(true));
        assert_eq!(of("太郎"), Some(true));
        assert_eq!(of("担当"), Some(false));
        assert_eq!(of("Sarah"), Some(false));
        assert_eq!(of("03"), None);
    }
}

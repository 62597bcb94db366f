//! The corpus validator: every problem names file, entry id and field; the real corpus passes.

mod common;

use std::path::Path;

use shien_navi::domain::{Corpus, CorpusError};

fn copy_fixture(to: &Path) {
    let from = common::fixture_corpus();
    for entry in walk(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

fn problems_after(edit: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path());
    edit(dir.path());
    match Corpus::load(dir.path(), &[]) {
        Ok(_) => panic!("expected the corpus to be rejected"),
        Err(CorpusError::Invalid { problems }) => problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Err(other) => panic!("unexpected error {other}"),
    }
}

fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const LOAN: &str = "schemes/ward/minato-test-sogyo-loan.toml";

#[test]
fn the_fixture_corpus_is_valid() {
    let corpus = Corpus::load(&common::fixture_corpus(), &[]).unwrap();
    assert_eq!(corpus.schemes.len(), 4);
    assert_eq!(corpus.faqs.len(), 1);
}

#[test]
fn the_real_corpus_is_valid_and_every_entry_has_a_source_and_date() {
    let corpus =
        Corpus::load(&common::repo().join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(corpus.schemes.len() >= 100);
    assert!(corpus.faqs.len() >= 200);
    for s in &corpus.schemes {
        assert!(s.source_url.starts_with("http"), "{}", s.id);
    }
    for f in &corpus.faqs {
        assert!(f.source_url.starts_with("http"), "{}", f.id);
    }
}

#[test]
fn an_unknown_field_is_reported_with_file_line_id_and_field() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "kind = \"loan_mediation\"",
            "kind = \"loan_mediation\"\ncolour = \"blue\"",
        )
    });
    assert!(report.contains("minato-test-sogyo-loan.toml:"), "{report}");
    assert!(report.contains("colour"), "{report}");
    assert!(report.contains("minato-test-sogyo-loan"), "{report}");
}

#[test]
fn a_duplicate_id_is_reported() {
    let report = problems_after(|d| {
        let text = std::fs::read_to_string(d.join(LOAN)).unwrap();
        std::fs::write(d.join("schemes/ward/minato-test-copy.toml"), text).unwrap();
    });
    assert!(report.contains("duplicate id"), "{report}");
    assert!(
        report.contains("minato-test-copy.toml: minato-test-sogyo-loan: id"),
        "{report}"
    );
}

#[test]
fn a_dangling_reference_is_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "related = [\"minato-test-advertising\"]",
            "related = [\"minato-gone\"]",
        )
    });
    assert!(
        report
            .contains("minato-test-sogyo-loan: related: refers to unknown scheme \"minato-gone\""),
        "{report}"
    );
}

#[test]
fn a_faq_pointing_at_a_missing_scheme_is_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            "faqs/test.toml",
            "scheme_ids = [\"minato-test-sogyo-loan\"]",
            "scheme_ids = [\"nope\"]",
        )
    });
    assert!(report.contains("faq-test-001: scheme_ids"), "{report}");
}

#[test]
fn missing_source_url_and_bad_dates_are_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "source_url = \"https://example.org/test/sogyo-loan\"\n",
            "",
        )
    });
    assert!(report.contains("source_url"), "{report}");
    let report = problems_after(|d| replace(d, LOAN, "as_of = 2026-11-01", "as_of = 2026-13-45"));
    assert!(report.contains("minato-test-sogyo-loan.toml:"), "{report}");
    let report = problems_after(|d| {
        replace(
            d,
            "schemes/ward/minato-test-advertising.toml",
            "closes = 2026-06-30",
            "closes = 2026-03-01",
        )
    });
    assert!(
        report.contains("minato-test-advertising: window.rounds: round"),
        "{report}"
    );
}

#[test]
fn unknown_purposes_and_industries_are_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "purposes = [\"創業\", \"資金繰り\"]",
            "purposes = [\"ゴルフ\"]",
        );
        replace(
            d,
            "schemes/tokyo/tokyo-test-josei.toml",
            "industries = [\"all\"]",
            "industries = [\"IT\"]",
        );
    });
    assert!(
        report.contains("minato-test-sogyo-loan: purposes: unknown purpose key \"ゴルフ\""),
        "{report}"
    );
    assert!(report.contains("tokyo-test-josei: industries"), "{report}");
}

#[test]
fn a_scheme_in_the_wrong_folder_is_reported() {
    let report = problems_after(|d| {
        std::fs::rename(
            d.join(LOAN),
            d.join("schemes/tokyo/minato-test-sogyo-loan.toml"),
        )
        .unwrap();
    });
    assert!(report.contains("level"), "{report}");
}

#[test]
fn a_missing_corpus_directory_says_so() {
    let err = Corpus::load(Path::new("/no/such/corpus"), &[]).unwrap_err();
    assert!(err.to_string().contains("/no/such/corpus"));
}

#[test]
fn masking_leaves_the_faq_corpus_untouched() {
    use unicode_normalization::UnicodeNormalization;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    // The masker as the service runs it: the dictionary, and the offices' published addresses.
    let analyzer = shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap();
    let lexicon = shien_navi::app::engine::MaskLexicon::new(std::sync::Arc::new(analyzer), &corpus);
    let mut changed = Vec::new();
    for f in &corpus.faqs {
        for text in [&f.question, &f.answer] {
            let plain: String = text.nfkc().collect();
            // Published desk phone numbers are phone numbers: masking them is right.
            let masked = shien_navi::domain::masking::mask(text, &lexicon).into_string();
            if masked.replace("[電話番号]", "") != plain_without_phones(&plain, &lexicon) {
                changed.push(format!("{}: {masked}", f.id));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "false positives:\n{}",
        changed.join("\n")
    );
}

fn plain_without_phones(text: &str, lexicon: &dyn shien_navi::domain::masking::Lexicon) -> String {
    let masked = shien_navi::domain::masking::mask(text, lexicon).into_string();
    if masked.contains("[電話番号]") {
        // Rebuild the text with only the phone numbers removed, to compare everything else.
        let re = regex::Regex::new(r"(?:\+81[\s\-]?)?\d[\d\s\-()]{7,}\d").unwrap();
        re.replace_all(text, |c: &regex::Captures<'_>| {
            let digits = c[0].chars().filter(|x| x.is_ascii_digit()).count();
            if (10..=11).contains(&digits) && c[0].trim_start().starts_with('0') {
                String::new()
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
    } else {
        text.to_string()
    }
}

#[test]
fn entries_citing_a_host_outside_sources_toml_are_listed_as_secondary() {
    let corpus = Corpus::load(&common::fixture_corpus(), &[]).unwrap();
    let secondary: Vec<(&str, &str)> = corpus
        .secondary_sources()
        .iter()
        .map(|s| (s.kind, s.id))
        .collect();
    assert_eq!(secondary, [("scheme", "tokyo-test-josei")]);
    assert!(corpus.is_official_source("https://example.org/test/sogyo-loan"));
}

#[test]
fn a_malformed_official_host_is_reported_with_its_file() {
    let report = problems_after(|d| {
        replace(
            d,
            "sources.toml",
            "[\"example.org\"]",
            "[\"https://example.org/\"]",
        )
    });
    assert!(report.contains("sources.toml"), "{report}");
    assert!(report.contains("official_hosts"), "{report}");
}

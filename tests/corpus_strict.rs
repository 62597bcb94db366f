//! `shien corpus check --strict`: a `conditions` line holding a rule no field holds is listed
//! with its file, id and field, and the command fails; the real corpus passes.

mod common;

use std::path::Path;
use std::process::Command;

use shien_navi::domain::Corpus;

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_real_corpus_has_no_rule_left_in_conditions_text() {
    let corpus =
        Corpus::load(&common::repo().join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"));
    let problems = corpus.strict_problems();
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_ward_years_rule_in_text_is_listed_with_file_id_and_field_and_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture_corpus(), dir.path());
    let file = dir.path().join("schemes/ward/minato-test-advertising.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let with_rule = text.replacen(
        "legal_form = \"any\"\n",
        "legal_form = \"any\"\nconditions = [\"区内で引き続き2年以上事業を営んでいること\"]\n",
        1,
    );
    assert_ne!(text, with_rule);
    std::fs::write(&file, with_rule).unwrap();

    let corpus = Corpus::load(dir.path(), &[]).unwrap();
    let problems = corpus.strict_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(
        p.file
            .ends_with("schemes/ward/minato-test-advertising.toml")
    );
    assert_eq!(p.id.as_deref(), Some("minato-test-advertising"));
    assert_eq!(p.field.as_deref(), Some("eligibility.conditions[0]"));
    assert!(p.message.contains("2年以上"), "{}", p.message);

    let run = |strict: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shien"));
        cmd.args(["corpus", "check"])
            .env("SHIEN__CORPUS_DIR", dir.path())
            .current_dir(common::repo());
        if strict {
            cmd.arg("--strict");
        }
        cmd.output().unwrap()
    };
    // The edit changed the Japanese its translations were made from; record that they were
    // checked, so that the plain check judges the rules alone.
    let stamped = Command::new(env!("CARGO_BIN_EXE_shien"))
        .args(["corpus", "i18n", "stamp", "--id", "minato-test-advertising"])
        .env("SHIEN__CORPUS_DIR", dir.path())
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert!(stamped.status.success(), "{stamped:?}");
    assert_eq!(run(false).status.code(), Some(0));
    let strict = run(true);
    assert_eq!(strict.status.code(), Some(1));
    let out = String::from_utf8_lossy(&strict.stdout);
    assert!(out.contains("minato-test-advertising"), "{out}");
    assert!(out.contains("eligibility.conditions[0]"), "{out}");
}

//! `shien eval --answers-file FILE`: another set of factual questions, asked in the same run
//! and reported on its own with figures only, as a held-out set is; `--tuning-only` skips the
//! default held-out file but still runs a file named on the command line.

mod common;

use shien_navi::domain::corpus::Corpus;
use shien_navi::domain::scheme::yen_ja;

const SCHEME: &str = "minato-sogyo-hojo";
/// A fact no reply holds: the question that requires it fails, and must not be listed.
const ABSENT: &str = "どの答えにもない言葉";

/// Two questions about one real scheme: its ceiling read from the corpus (present in the
/// reply), and a rate question requiring a fact no reply holds.
fn answers_file(dir: &std::path::Path) -> std::path::PathBuf {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).expect("the real corpus loads");
    let max = corpus
        .scheme(SCHEME)
        .unwrap()
        .amount
        .as_ref()
        .unwrap()
        .max_yen
        .unwrap();
    let cases = [
        serde_json::json!({"id": "mine-1", "question": "港区の創業・スタートアップ支援事業補助金は上限いくらまで出ますか？", "scheme_id": SCHEME, "asks": ["amount"], "must_contain": [[yen_ja(max)]], "lang": "ja"}),
        serde_json::json!({"id": "mine-2", "question": "港区の創業・スタートアップ支援事業補助金の補助率を知りたい", "scheme_id": SCHEME, "asks": ["rate"], "must_contain": [[ABSENT]], "lang": "ja"}),
    ];
    let file = dir.join("my-answers.jsonl");
    let lines: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    file
}

fn eval(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["eval", "--mode", "bm25", "--tuning-only", "--no-save"])
        .args(args)
        .env("SHIEN__CORPUS_DIR", common::repo().join("corpus"))
        .env("SHIEN__EMBEDDER", "none")
        .env("SHIEN_LOG", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn a_named_answers_file_is_run_with_tuning_only_and_reported_as_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path());
    let file = file.to_str().unwrap();

    let printed = eval(&["--answers-file", file]);
    assert!(
        printed.contains(&format!(
            "answers ({file}): 2 questions: right scheme cited 1.0000, required facts present 0.5000"
        )),
        "{printed}"
    );
    assert!(
        printed.contains("facts by ask: amount 1.00 (1), rate 0.00 (1)"),
        "{printed}"
    );
    // Figures only: neither the failing question nor what it missed is printed.
    assert!(
        !printed.contains("mine-2") && !printed.contains(ABSENT),
        "{printed}"
    );
    // The tuning set was not asked for, so it is not run.
    assert!(!printed.contains("\nanswers: "), "{printed}");

    let json: serde_json::Value = serde_json::from_str(&eval(&["--answers-file", file, "--json"]))
        .expect("--json prints JSON");
    let other = &json["answers_other"][0];
    assert_eq!(other["file"], file);
    assert_eq!(other["report"]["questions"], 2);
    assert_eq!(other["report"]["facts_present"], 0.5);
    assert_eq!(other["report"]["by_lang"]["ja"]["questions"], 2);
    assert!(other["report"].get("failures").is_none(), "{other}");
    assert!(!json.to_string().contains(ABSENT));
}

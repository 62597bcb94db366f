//! The national formats: the open-data CSV export reads back through `shien import mirasapo`,
//! the jGrants export reads back through `shien import jgrants`, with the same facts; the
//! jGrants importer reads the API's list and detail responses, and a bad file is refused with
//! the record and field named (also by the CLI, with a non-zero exit).

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use chrono::NaiveDate;
use shien_navi::domain::scheme::{Area, Kind, Level, WindowKind};
use shien_navi::domain::{Corpus, Scheme};
use shien_navi::interop::{InteropError, jgrants, mirasapo, selected};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn corpus() -> Corpus {
    Corpus::load(&common::repo().join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str) -> std::path::PathBuf {
    common::repo().join("tests/fixtures/jgrants").join(name)
}

#[test]
fn the_open_data_export_has_its_header_and_a_byte_order_mark() {
    let corpus = corpus();
    let ward = selected(&corpus.schemes, Some(Level::Ward));
    assert!(ward.iter().all(|s| s.level == Level::Ward));
    let mut bytes = Vec::new();
    mirasapo::write_csv(&ward, today(), &mut bytes).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "Excel needs the BOM"
    );
    let text = String::from_utf8(bytes).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header, mirasapo::HEADER.join(","));
    let open_data = common::repo().join("../shared/data/mirasapo/supports.csv");
    match std::fs::read_to_string(&open_data) {
        Ok(original) => {
            assert!(original.starts_with('\u{feff}'));
            let first = original
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap();
            assert_eq!(
                header, first,
                "same columns in the same order as the open data"
            );
        }
        Err(_) => eprintln!(
            "skipped the comparison with {}: not present",
            open_data.display()
        ),
    }
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), ward.len());
    assert!(rows.iter().all(|r| r.len() == 44));
}

#[test]
fn the_open_data_round_trip_keeps_every_schemes_facts() {
    let corpus = corpus();
    let all = selected(&corpus.schemes, None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("supports.csv");
    mirasapo::export(&all, today(), &file).unwrap();
    let (imported, report) = shien_navi::import::map_csv(&file).unwrap();
    assert_eq!(report.rows, all.len());
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let back: BTreeMap<&str, &Scheme> = imported.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in &all {
        let id = format!("mirasapo-{}", s.id);
        let again = back
            .get(id.as_str())
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(
            mirasapo::Facts::of(again, today(), "mirasapo-"),
            mirasapo::Facts::of(s, today(), ""),
            "{}",
            s.id
        );
    }
}

#[test]
fn the_jgrants_round_trip_keeps_every_subsidys_facts() {
    let corpus = corpus();
    let all = selected(&corpus.schemes, None);
    let listed: Vec<&&Scheme> = all
        .iter()
        .filter(|s| jgrants::is_listed_kind(s.kind))
        .collect();
    assert!(listed.len() >= 40);
    let response = jgrants::response(&all, today());
    assert_eq!(response["metadata"]["resultset"]["count"], listed.len());
    // Through text, as a file would carry it.
    let text = serde_json::to_string(&response).unwrap();
    let (imported, report) =
        jgrants::import_value(&serde_json::from_str(&text).unwrap(), today()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(imported.len(), listed.len());
    for (s, again) in listed.iter().zip(&imported) {
        assert_eq!(
            jgrants::Facts::of(again, today(), "jgrants-"),
            jgrants::Facts::written(s, today()),
            "{}",
            s.id
        );
        // Every purpose the ward gave survives (知的財産 is filed as research in jGrants).
        for key in s.purposes.iter().filter(|k| *k != "知的財産") {
            assert!(again.purposes.contains(key), "{} lost {key}", s.id);
        }
    }
}

#[test]
fn ward_subsidies_name_minato_and_rounds_are_written_in_utc() {
    let corpus = corpus();
    let ward = corpus
        .schemes
        .iter()
        .find(|s| s.level == Level::Ward && jgrants::is_listed_kind(s.kind))
        .expect("a ward subsidy");
    let record = jgrants::record(ward, today());
    assert_eq!(record["target_area_search"], "東京都");
    assert_eq!(record["target_area_detail"], "東京都港区");
    let s = corpus
        .schemes
        .iter()
        .find(|s| s.window.kind == WindowKind::Rounds && jgrants::is_listed_kind(s.kind))
        .expect("a subsidy with dated rounds");
    let record = jgrants::record(s, today());
    let round = mirasapo::round_on(s, today()).unwrap();
    let start = record["acceptance_start_datetime"].as_str().unwrap();
    assert_eq!(jgrants::tokyo_day(start), Some(round.opens));
    assert!(start.ends_with('Z'), "UTC, as the API writes it");
}

#[test]
fn the_api_list_response_imports_with_purposes_read_from_titles() {
    let (schemes, report) = jgrants::import_file(&fixture("list.json"), today()).unwrap();
    assert_eq!(report.records, 3);
    assert_eq!(schemes.len(), 2);
    // A record with nothing to say what it is for is left out, and said so.
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].0.contains("a0W5h00000TEST03AAA"));
    let other = &schemes[0];
    assert_eq!(other.id, "jgrants-a0w5h00000test01aaa");
    assert_eq!(other.level, Level::Prefecture);
    assert_eq!(other.eligibility.location, Area::OtherPrefecture);
    assert_eq!(other.purposes, vec!["IT導入".to_string()]);
    // 2026-04-30T15:00Z is 1 May in Tokyo.
    assert_eq!(
        other.window.rounds[0].opens,
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
    );
    let tokyo = &schemes[1];
    assert_eq!(tokyo.level, Level::Tokyo);
    assert_eq!(tokyo.kind, Kind::Grant);
    assert_eq!(tokyo.eligibility.max_employees, Some(300));
    assert_eq!(tokyo.amount.as_ref().unwrap().max_yen, Some(3_000_000));
    assert_eq!(tokyo.provider, "公益財団法人テスト振興公社");
}

#[test]
fn the_api_detail_response_imports_purposes_industries_rate_and_dates() {
    let (schemes, report) = jgrants::import_file(&fixture("detail.json"), today()).unwrap();
    assert_eq!(report.mapped, 1);
    let s = &schemes[0];
    assert_eq!(s.level, Level::National);
    assert_eq!(
        s.purposes,
        vec!["IT導入", "省エネ・環境", "設備投資"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        s.industries,
        vec!["製造業", "卸売業、小売業", "宿泊業、飲食サービス業"]
    );
    assert_eq!(s.eligibility.max_employees, Some(20));
    let amount = s.amount.as_ref().unwrap();
    assert_eq!(amount.max_yen, Some(5_000_000));
    assert_eq!(amount.rate.as_deref(), Some("2/3以内"));
    let round = &s.window.rounds[0];
    assert_eq!(round.opens, NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    assert_eq!(round.closes, NaiveDate::from_ymd_opt(2026, 10, 30).unwrap());
    assert!(
        s.details.contains("事業者&個人事業主\n補助率"),
        "{}",
        s.details
    );
    assert!(!s.details.contains('<'));
    assert_eq!(
        s.summary,
        "小規模事業者が省エネ性能の高い設備に入れ替える費用を補助します"
    );
    assert!(
        s.source_url
            .starts_with("https://www.jgrants-portal.go.jp/")
    );
}

#[test]
fn a_bad_jgrants_file_names_each_bad_record_and_field() {
    let err = jgrants::import_file(&fixture("bad.json"), today()).unwrap_err();
    let InteropError::Records { problems, .. } = &err else {
        panic!("expected record problems, got {err}");
    };
    let named = |record: &str, field: &str| {
        problems
            .iter()
            .any(|p| p.record.contains(record) && p.field == field)
    };
    assert!(named(
        "result[1] (id \"a0W5h00000TEST06AAA\")",
        "acceptance_end_datetime"
    ));
    assert!(named("result[2]", "use_purpose"));
    assert!(named("result[2]", "target_number_of_employees"));
    assert!(named("result[2]", "subsidy_max_limit"));
    assert!(!problems.iter().any(|p| p.record.contains("result[0]")));
    let message = err.to_string();
    assert!(message.contains("bad.json"), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("page.json");
    std::fs::write(&not_json, "<html>maintenance</html>").unwrap();
    assert!(matches!(
        jgrants::import_file(&not_json, today()),
        Err(InteropError::Json { .. })
    ));
    let no_result = dir.path().join("other.json");
    std::fs::write(&no_result, r#"{"items": []}"#).unwrap();
    let err = jgrants::import_file(&no_result, today()).unwrap_err();
    assert!(err.to_string().contains("result"), "{err}");
}

#[test]
fn the_cli_refuses_a_bad_jgrants_file_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jgrants.toml");
    let run = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["import", "jgrants"])
        .arg(fixture("bad.json"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_ne!(run.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("result[1]"), "{stderr}");
    assert!(stderr.contains("acceptance_end_datetime"), "{stderr}");
    assert!(!out.exists(), "nothing written for a refused file");

    let run = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["import", "jgrants"])
        .arg(fixture("detail.json"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bundle = Corpus::load(&common::fixture_corpus(), &[dir.path().to_path_buf()]).unwrap();
    assert!(bundle.imported.contains("jgrants-a0w5h00000test04aaa"));
}

#[test]
fn the_cli_exports_ward_schemes_to_a_file_excel_opens() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ward.csv");
    let run = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args([
            "export",
            "mirasapo",
            "--level",
            "ward",
            "--today",
            "2026-11-21",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(&[0xef, 0xbb, 0xbf]));
    let run = Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["export", "mirasapo", "--level", "county"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
}

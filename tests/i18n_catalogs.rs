//! The interface's message catalogs (`locales/<lang>/main.ftl`, and `console.ftl` for the staff
//! console): each parses, all three languages have the same keys in each file, no key is in two
//! files, and every key the code or the templates use exists in every language — the console's
//! templates and handlers included, and every value of the codes it labels.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use shien_navi::app::messages::{
    ANSWER_KINDS, INDUSTRY_KEYS, Labelled, Messages, PERMISSIONS, PURPOSE_KEYS, catalog_files,
    condition_key, day_key, freshness_rule_key, has_message, kind_key, label_keys, level_key,
    option_key, permission_key, question_help_key, question_key, status_key, step_key,
};
use shien_navi::domain::consultants::{ConsultCategory, DeskDay};
use shien_navi::domain::eligibility::Condition;
use shien_navi::domain::handoff::TicketStatus;
use shien_navi::domain::inquiry::{Channel, InquiryKind};
use shien_navi::domain::judgment::JudgmentStatus;
use shien_navi::domain::questionnaire::Questionnaire;
use shien_navi::domain::staff::{AuditAction, Role};
use shien_navi::domain::{Kind, Lang, Level, WindowStatus};

/// The message ids of a catalog (terms and comments left out).
fn keys(source: &str) -> BTreeSet<String> {
    let id = regex::Regex::new(r"(?m)^([a-zA-Z][a-zA-Z0-9_-]*)\s*=").unwrap();
    id.captures_iter(source).map(|c| c[1].to_string()).collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Keys the code asks for: `t("key")`, `ta("key", …)`, `tn(…)`, `targs(…)`, `tv(…)`, `ja(…)` in the
/// templates, the HTTP layer and the application layer (the chat writes its replies from the
/// catalogs), and catalog-looking literals in their Rust code (keys kept in tables, such as
/// the navigation).
fn keys_used(prefixes: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let call =
        regex::Regex::new(r#"\b(?:t|ta|tn|targs|tv|ja)\(\s*"([a-zA-Z][a-zA-Z0-9_-]*)""#).unwrap();
    let literal = regex::Regex::new(r#""([a-z]+(?:-[a-z0-9]+)+)""#).unwrap();
    let mut sources = Vec::new();
    files(&common::repo().join("templates"), "html", &mut sources);
    let mut rust = Vec::new();
    files(&common::repo().join("src/http"), "rs", &mut rust);
    files(&common::repo().join("src/app"), "rs", &mut rust);
    let mut used = BTreeSet::new();
    for path in sources.iter().chain(&rust) {
        let mut text = std::fs::read_to_string(path).unwrap();
        if path.extension().is_some_and(|e| e == "rs") {
            // Unit tests ask for missing keys on purpose; comments mention keys as examples.
            if let Some(tests) = text.find("#[cfg(test)]") {
                text.truncate(tests);
            }
            text = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let name = path
            .strip_prefix(common::repo())
            .unwrap()
            .display()
            .to_string();
        for c in call.captures_iter(&text) {
            used.insert((c[1].to_string(), name.clone()));
        }
        if path.extension().is_some_and(|e| e == "rs") {
            for c in literal.captures_iter(&text) {
                let key = &c[1];
                let prefix = key.split('-').next().unwrap();
                if prefixes.contains(prefix) {
                    used.insert((key.to_string(), name.clone()));
                }
            }
        }
    }
    used
}

#[test]
fn every_catalog_parses_without_errors() {
    for lang in Lang::ALL {
        for (file, source) in catalog_files(lang) {
            if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                panic!("locales/{}/{file}: {errors:?}", lang.code());
            }
        }
    }
}

#[test]
fn the_three_catalogs_have_the_same_keys() {
    let files = catalog_files(Lang::Ja);
    assert!(
        files.len() >= 3,
        "main, console and editing: {}",
        files.len()
    );
    for (file, source) in files {
        let ja = keys(source);
        assert!(ja.len() > 50, "{file}: {} keys", ja.len());
        for lang in &Lang::ALL[1..] {
            let other = catalog_files(*lang)
                .into_iter()
                .find(|(f, _)| *f == file)
                .map(|(_, s)| keys(s))
                .unwrap_or_else(|| panic!("locales/{}/{file} is missing", lang.code()));
            let missing: Vec<_> = ja.difference(&other).collect();
            let extra: Vec<_> = other.difference(&ja).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "locales/{}/{file}: missing {missing:?}, not in ja {extra:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn no_key_is_in_two_catalog_files() {
    // Fluent keeps the first of two messages with one key: the second would never show.
    for lang in Lang::ALL {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for (file, source) in catalog_files(lang) {
            for key in keys(source) {
                assert!(
                    seen.insert(key.clone()),
                    "locales/{}/{file}: {key} is already in another file",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_every_language() {
    let prefixes: BTreeSet<String> = catalog_files(Lang::Ja)
        .iter()
        .flat_map(|(_, source)| keys(source))
        .map(|k| k.split('-').next().unwrap().to_string())
        .collect();
    let mut used = keys_used(&prefixes);
    // The families of the console's labels are prefixes of keys, not keys.
    let families = [
        <Channel as Labelled>::FAMILY,
        <InquiryKind as Labelled>::FAMILY,
        <TicketStatus as Labelled>::FAMILY,
        <JudgmentStatus as Labelled>::FAMILY,
        <Role as Labelled>::FAMILY,
        <AuditAction as Labelled>::FAMILY,
    ];
    used.retain(|(key, _)| !families.contains(&key.as_str()));
    assert!(used.len() > 80, "found only {} key uses", used.len());
    // The console's templates and handlers are among the files read (a key they use that is
    // missing in any language fails below).
    let console_uses = used
        .iter()
        .filter(|(_, file)| file.contains("admin"))
        .count();
    assert!(
        console_uses > 150,
        "found only {console_uses} key uses in the console"
    );
    // The console's refusals, worded where the app layer refuses (`Wording::new("…")`), are
    // among the keys read: a refusal missing in any language fails below.
    let refusals = used
        .iter()
        .filter(|(key, _)| {
            key.starts_with("console-refusal-") || key.starts_with("editing-refusal-")
        })
        .count();
    assert!(
        refusals >= 25,
        "found only {refusals} console refusal keys in the code"
    );
    // Keys chosen from the corpus's codes: every variant, not only those a page happened to show.
    let enumerated = [
        Level::Ward,
        Level::Tokyo,
        Level::National,
        Level::Prefecture,
    ]
    .map(level_key)
    .into_iter()
    .chain(
        [
            Kind::Subsidy,
            Kind::Grant,
            Kind::LoanMediation,
            Kind::Loan,
            Kind::InterestSubsidy,
            Kind::Consultation,
            Kind::ExpertDispatch,
            Kind::Certification,
            Kind::Tax,
            Kind::Seminar,
        ]
        .map(kind_key),
    )
    .chain(
        [
            WindowStatus::Open,
            WindowStatus::Always,
            WindowStatus::Upcoming,
            WindowStatus::Unannounced,
            WindowStatus::Closed,
        ]
        .map(status_key),
    )
    .chain(
        [
            DeskDay::Mon,
            DeskDay::Tue,
            DeskDay::Wed,
            DeskDay::Thu,
            DeskDay::Fri,
        ]
        .map(day_key),
    )
    .chain(PURPOSE_KEYS.iter().map(|(_, k)| *k))
    .chain(INDUSTRY_KEYS.iter().map(|(_, k)| *k))
    .chain(
        [
            Condition::Location,
            Condition::Office,
            Condition::Industry,
            Condition::Size,
            Condition::Employees,
            Condition::Capital,
            Condition::Years,
            Condition::Founding,
            Condition::LegalForm,
            Condition::Shotenkai,
            Condition::Person,
            Condition::Sales,
            Condition::OnceOnly,
            Condition::Situation,
            Condition::Other,
        ]
        .map(condition_key),
    )
    .chain(ConsultCategory::ALL.map(step_key))
    .chain(shien_navi::http::pages::NAV.iter().map(|(_, _, k)| *k))
    .chain(PERMISSIONS.map(permission_key));
    for key in enumerated {
        used.insert((key.to_string(), "(enumerated)".into()));
    }
    // The console's labels of stored codes: every value, not only those a page happened to show.
    let labels = label_keys::<Channel>()
        .into_iter()
        .chain(label_keys::<InquiryKind>())
        .chain(label_keys::<TicketStatus>())
        .chain(label_keys::<JudgmentStatus>())
        .chain(label_keys::<Role>())
        .chain(label_keys::<AuditAction>())
        .chain(
            shien_navi::domain::freshness::Rule::ALL
                .into_iter()
                .map(freshness_rule_key),
        )
        .chain(ANSWER_KINDS.map(|k| format!("answer-kind-{k}")));
    for key in labels {
        used.insert((key, "(console labels)".into()));
    }
    // The questionnaire's questions, help texts and options, as the page asks for them.
    for (key, _) in questionnaire_keys() {
        used.insert((key, "corpus/questionnaire.toml".into()));
    }
    let mut missing = Vec::new();
    for (key, file) in &used {
        for lang in Lang::ALL {
            if !has_message(lang, key) {
                missing.push(format!(
                    "{key} (used in {file}) is missing in locales/{}/",
                    lang.code()
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every catalog key of the real questionnaire, with the Japanese text it stands for.
fn questionnaire_keys() -> Vec<(String, String)> {
    let q = Questionnaire::load(&common::repo().join("corpus/questionnaire.toml")).unwrap();
    let mut keys = Vec::new();
    for question in &q.questions {
        keys.push((question_key(&question.field), question.label.clone()));
        if let Some(help) = &question.help {
            keys.push((question_help_key(&question.field), help.clone()));
        }
        for o in &question.options {
            keys.push((option_key(&question.field, &o.value), o.label.clone()));
        }
    }
    keys
}

#[test]
fn the_japanese_catalog_says_what_the_questionnaire_says() {
    let ja = Messages::new(Lang::Ja);
    let keys = questionnaire_keys();
    assert!(keys.len() > 25, "{} questionnaire keys", keys.len());
    for (key, japanese) in keys {
        assert!(
            has_message(Lang::Ja, &key),
            "{key} is missing in locales/ja/main.ftl"
        );
        assert_eq!(
            ja.t(&key),
            japanese,
            "{key}: locales/ja/main.ftl differs from corpus/questionnaire.toml"
        );
    }
}

#[test]
fn every_industry_of_the_corpus_has_a_label() {
    for i in shien_navi::domain::scheme::INDUSTRIES {
        assert!(
            INDUSTRY_KEYS.iter().any(|(j, _)| *j == i),
            "industry {i} has no catalog key"
        );
    }
}

#[test]
fn every_purpose_of_the_corpus_has_a_label() {
    for p in shien_navi::domain::scheme::PURPOSES {
        assert!(
            PURPOSE_KEYS.iter().any(|(q, _)| *q == p),
            "purpose {p} has no catalog key"
        );
    }
}

#[test]
fn the_japanese_console_report_says_what_the_csv_says() {
    // The page and the CSV of the monthly report are one document for the ward.
    let ja = Messages::new(Lang::Ja);
    assert_eq!(
        ja.t("report-empty-month"),
        shien_navi::app::report::EMPTY_MONTH
    );
    // The labels the report counts under besides the stored codes: the same words as the CSV.
    use shien_navi::domain::report::{LEVEL_UNKNOWN, NO_PURPOSE, NO_SCHEME_SHOWN};
    use shien_navi::http::pages::admin::report_label_key;
    for label in [NO_PURPOSE, NO_SCHEME_SHOWN, LEVEL_UNKNOWN] {
        let key = report_label_key(label).expect("a catalog key");
        assert_eq!(ja.t(key), label);
        for lang in Lang::ALL {
            assert!(has_message(lang, key), "{key} in {lang}");
        }
    }
}

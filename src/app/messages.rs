//! Interface text from Fluent message catalogs (`locales/<lang>/main.ftl` for the public pages
//! and the chat, `console.ftl` for the staff console, `editing.ftl` for the corpus editor), compiled into the binary
//! so the embedded default needs no files. Templates ask `chrome.t("key")`, the chat writes its
//! replies with them; facts such as amounts, dates and hours come in as arguments, never
//! written into a catalog.
//!
//! A key missing from a catalog falls back to Japanese and is logged; the test
//! `tests/i18n_catalogs.rs` fails first, for every key the code or templates use.

use std::fmt::Write as _;
use std::sync::LazyLock;

use chrono::NaiveDateTime;
use chrono::format::{Item, StrftimeItems};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::calendar::{OfficeCalendar, hm};
use crate::domain::consultants::{ConsultCategory, Desk, DeskDay};
use crate::domain::eligibility::Condition;
use crate::domain::freshness::Rule as FreshnessRule;
use crate::domain::handoff::{HandoffCategory, HandoffReason, StableCode, TicketStatus};
use crate::domain::inquiry::{Channel, InquiryKind};
use crate::domain::judgment::{Answer, Fix, JudgmentStatus};
use crate::domain::questionnaire::{Question, QuestionOption};
use crate::domain::staff::{AuditAction, Permission, Role};
use crate::domain::{Kind, Lang, Level, WindowStatus};

/// The catalogs' sources, in the order of [`Lang::ALL`].
pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::Ja, include_str!("../../locales/ja/main.ftl")),
    (Lang::Easy, include_str!("../../locales/easy/main.ftl")),
    (Lang::En, include_str!("../../locales/en/main.ftl")),
];

/// The corpus editor's catalogs (`locales/<lang>/editing.ftl`), loaded beside `main.ftl` into
/// the same bundle, in the order of [`Lang::ALL`].
pub const EDITING_SOURCES: [(Lang, &str); 3] = [
    (Lang::Ja, include_str!("../../locales/ja/editing.ftl")),
    (Lang::Easy, include_str!("../../locales/easy/editing.ftl")),
    (Lang::En, include_str!("../../locales/en/editing.ftl")),
];

/// The staff console's catalogs, in the order of [`Lang::ALL`]; loaded into the same bundle
/// as `main.ftl`, so a key lives in exactly one of the files.
pub const CONSOLE_SOURCES: [(Lang, &str); 3] = [
    (Lang::Ja, include_str!("../../locales/ja/console.ftl")),
    (Lang::Easy, include_str!("../../locales/easy/console.ftl")),
    (Lang::En, include_str!("../../locales/en/console.ftl")),
];

/// Every catalog file of `lang`: `(file name, source)`.
pub fn catalog_files(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let of = |sources: &[(Lang, &'static str); 3]| {
        sources
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language has each catalog")
            .1
    };
    vec![
        ("main.ftl", of(&SOURCES)),
        ("console.ftl", of(&CONSOLE_SOURCES)),
        ("editing.ftl", of(&EDITING_SOURCES)),
    ]
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Lang, Bundle)>> = LazyLock::new(|| {
    Lang::ALL
        .into_iter()
        .map(|lang| (lang, bundle(lang, &catalog_files(lang))))
        .collect()
});

/// One language's bundle. Syntax errors are logged and the readable part is kept (the catalog
/// test fails on any error, so this is only a safety net).
fn bundle(lang: Lang, files: &[(&str, &str)]) -> Bundle {
    let locale = lang
        .html_lang()
        .parse()
        .expect("ja and en are valid language tags");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // The output goes into HTML, where the Unicode isolation marks would show as stray marks.
    bundle.set_use_isolating(false);
    for (file, source) in files {
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(
                    lang = lang.code(),
                    file,
                    ?errors,
                    "message catalog has syntax errors"
                );
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                lang = lang.code(),
                file,
                ?errors,
                "message catalog has duplicate keys"
            );
        }
    }
    bundle
}

fn bundle_for(lang: Lang) -> &'static Bundle {
    &BUNDLES
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has a catalog")
        .1
}

/// Whether `lang`'s catalog has `key` (for tests and checks).
pub fn has_message(lang: Lang, key: &str) -> bool {
    bundle_for(lang)
        .get_message(key)
        .is_some_and(|m| m.value().is_some())
}

/// One argument of a message: a text, or a number (plural forms select on it).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(u64),
}

/// The interface text of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Messages {
    lang: Lang,
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        Messages { lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of `key`.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The text of `key` with one argument, e.g. `ta("search-expanded", "words", "創業")`.
    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        self.format(key, Some(&args))
    }

    /// The text of `key` with a `$count` (plural forms select on it).
    pub fn tn(&self, key: &str, count: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format(key, Some(&args))
    }

    /// The text of `key` with several arguments.
    pub fn targs(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(name.to_string(), FluentValue::from(value.to_string()));
        }
        self.format(key, Some(&args))
    }

    /// The text of `key` with several arguments, texts or numbers.
    pub fn tv(&self, key: &str, values: &[(&str, Arg)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            let value = match value {
                Arg::Text(t) => FluentValue::from(t.to_string()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            args.set(name.to_string(), value);
        }
        self.format(key, Some(&args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for lang in [self.lang, Lang::Ja] {
            let bundle = bundle_for(lang);
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(key, lang = lang.code(), ?errors, "message formatting");
                }
                if lang != self.lang {
                    tracing::warn!(
                        key,
                        lang = self.lang.code(),
                        "message missing; shown in Japanese"
                    );
                }
                return text.into_owned();
            }
        }
        tracing::error!(key, "message missing in every catalog");
        key.to_string()
    }

    pub fn level(&self, level: Level) -> String {
        self.t(level_key(level))
    }

    pub fn kind(&self, kind: Kind) -> String {
        self.t(kind_key(kind))
    }

    pub fn status(&self, status: WindowStatus) -> String {
        self.t(status_key(status))
    }

    /// A purpose key of the corpus (創業 …) in this language; an unknown key as it is.
    pub fn purpose(&self, purpose: &str) -> String {
        purpose_key(purpose).map_or_else(|| purpose.to_string(), |k| self.t(k))
    }

    pub fn day(&self, day: DeskDay) -> String {
        self.t(day_key(day))
    }

    /// An industry of the corpus (日本標準産業分類の大分類) in this language; an unknown one
    /// as it is.
    pub fn industry(&self, industry: &str) -> String {
        industry_key(industry).map_or_else(|| industry.to_string(), |k| self.t(k))
    }

    pub fn condition(&self, condition: Condition) -> String {
        self.t(condition_key(condition))
    }

    pub fn handoff_category(&self, category: HandoffCategory) -> String {
        self.t(handoff_category_key(category))
    }

    pub fn handoff_reason(&self, reason: HandoffReason) -> String {
        self.t(handoff_reason_key(reason))
    }

    /// The console's label of a value stored as a stable code (channel, role, status …).
    pub fn label<T: Labelled>(&self, value: T) -> String {
        self.t(&label_key(value))
    }

    pub fn permission(&self, permission: Permission) -> String {
        self.t(permission_key(permission))
    }

    pub fn freshness_rule(&self, rule: FreshnessRule) -> String {
        self.t(&freshness_rule_key(rule))
    }

    /// The kind of a right answer (制度, よくある質問 …).
    pub fn answer_kind(&self, answer: &Answer) -> String {
        self.t(&answer_kind_key(answer))
    }

    /// The fix a judgment proposes, with its phrase or words as they were recorded.
    pub fn fix(&self, fix: &Fix) -> String {
        match fix {
            Fix::Nothing => self.t("fix-nothing"),
            Fix::Alias { phrase, .. } => self.ta("fix-alias", "phrase", phrase),
            Fix::Synonyms { words } => self.ta("fix-synonyms", "words", &words.join("・")),
            Fix::WriteFaq => self.t("fix-write-faq"),
        }
    }

    /// A desk's days and hours, from its fields.
    pub fn desk_hours(&self, desk: &Desk) -> String {
        let days: Vec<String> = desk.weekdays.iter().map(|d| self.day(*d)).collect();
        let days = self.ta("desk-days", "days", &days.join(&self.t("day-separator")));
        let mut hours = self.targs(
            "desk-hours",
            &[
                ("days", &days),
                ("opens", &desk.opens),
                ("closes", &desk.closes),
            ],
        );
        if !desk.hours_confirmed {
            hours.push_str(&self.t("desk-hours-unconfirmed"));
        }
        hours
    }

    /// The centre's office hours, with the days it is closed.
    pub fn office_hours(&self, calendar: &OfficeCalendar) -> String {
        let (opens, closes) = calendar.hours();
        self.targs(
            "office-hours",
            &[("opens", &hm(opens)), ("closes", &hm(closes))],
        )
    }

    /// A staffed time (JST) as this language writes it, by the catalog's `chat-slot-format`
    /// (a strftime pattern: only English needs the names of days and months).
    pub fn slot_time(&self, at: NaiveDateTime) -> String {
        let pattern = self.t("chat-slot-format");
        let mut out = String::new();
        if slot_format_is_valid(&pattern) && write!(out, "{}", at.format(&pattern)).is_ok() {
            return out;
        }
        tracing::error!(pattern, "chat-slot-format is not a valid strftime pattern");
        at.format("%Y-%m-%d %H:%M").to_string()
    }

    /// The text of `key`, or `fallback` when no catalog has it (a question added to
    /// `corpus/questionnaire.toml` before its catalog keys).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        if has_message(self.lang, key) || has_message(Lang::Ja, key) {
            self.t(key)
        } else {
            tracing::warn!(key, "questionnaire text missing in the catalogs");
            fallback.to_string()
        }
    }

    /// A question's label.
    pub fn question(&self, q: &Question) -> String {
        self.t_or(&question_key(&q.field), &q.label)
    }

    /// A question's help text, when it has one.
    pub fn question_help(&self, q: &Question) -> Option<String> {
        let help = q.help.as_deref()?;
        Some(self.t_or(&question_help_key(&q.field), help))
    }

    /// An option's label.
    pub fn option(&self, q: &Question, o: &QuestionOption) -> String {
        self.t_or(&option_key(&q.field, &o.value), &o.label)
    }
}

/// The console's labels of a domain enum stored as a stable code: the catalog key of a value
/// is `<FAMILY>-<code>` (underscores as hyphens), so adding a variant asks for its keys, and
/// the catalog test checks every variant in every language.
pub trait Labelled: StableCode + 'static {
    const FAMILY: &'static str;
}

impl Labelled for Channel {
    const FAMILY: &'static str = "channel";
}
impl Labelled for InquiryKind {
    const FAMILY: &'static str = "inquiry-kind";
}
impl Labelled for TicketStatus {
    const FAMILY: &'static str = "ticket-status";
}
impl Labelled for JudgmentStatus {
    const FAMILY: &'static str = "judgment-status";
}
impl Labelled for Role {
    const FAMILY: &'static str = "role";
}
impl Labelled for AuditAction {
    const FAMILY: &'static str = "audit-action";
}

/// The catalog key of one value of a [`Labelled`] enum.
pub fn label_key<T: Labelled>(value: T) -> String {
    format!("{}-{}", T::FAMILY, value.code().replace('_', "-"))
}

/// The catalog keys of every value of a [`Labelled`] enum.
pub fn label_keys<T: Labelled>() -> Vec<String> {
    T::ALL.iter().map(|v| label_key(*v)).collect()
}

/// The catalog key of a permission's name (the refusal page names it).
pub fn permission_key(permission: Permission) -> &'static str {
    match permission {
        Permission::ReadInquiries => "permission-read-inquiries",
        Permission::HandleTickets => "permission-handle-tickets",
        Permission::RecordJudgments => "permission-record-judgments",
        Permission::ReadReports => "permission-read-reports",
        Permission::ApproveFixes => "permission-approve-fixes",
        Permission::EditCorpus => "permission-edit-corpus",
        Permission::ManageAccounts => "permission-manage-accounts",
        Permission::ReadAudit => "permission-read-audit",
    }
}

/// Every permission, for the catalog test.
pub const PERMISSIONS: [Permission; 8] = [
    Permission::ReadInquiries,
    Permission::HandleTickets,
    Permission::RecordJudgments,
    Permission::ReadReports,
    Permission::ApproveFixes,
    Permission::EditCorpus,
    Permission::ManageAccounts,
    Permission::ReadAudit,
];

/// The catalog key of a freshness rule's name (the dashboard's freshness table).
pub fn freshness_rule_key(rule: FreshnessRule) -> String {
    format!("freshness-rule-{}", rule.code().replace('_', "-"))
}

/// The catalog key of the kind of a right answer (scheme, FAQ, desk, none).
pub fn answer_kind_key(answer: &Answer) -> String {
    format!("answer-kind-{}", answer.kind())
}

/// Every kind of right answer, for the catalog test.
pub const ANSWER_KINDS: [&str; 4] = ["scheme", "faq", "desk", "none"];

/// Whether `pattern` is a strftime pattern chrono can format (a test checks every catalog's).
pub fn slot_format_is_valid(pattern: &str) -> bool {
    StrftimeItems::new(pattern).all(|item| !matches!(item, Item::Error))
}

/// The catalog key of a question's label: `question-<field>` (underscores as hyphens).
pub fn question_key(field: &str) -> String {
    format!("question-{}", field.replace('_', "-"))
}

pub fn question_help_key(field: &str) -> String {
    format!("{}-help", question_key(field))
}

/// The catalog key of an option: `option-<field>-<value>`, `none` for the empty value.
pub fn option_key(field: &str, value: &str) -> String {
    let value = if value.is_empty() { "none" } else { value };
    format!("option-{}-{value}", field.replace('_', "-"))
}

/// The short name of an answer field in error messages: `field-<field>`, `field-other` for
/// anything else. Takes the profile's `answers.<field>` too.
pub fn field_key(field: &str) -> &'static str {
    match field.strip_prefix("answers.").unwrap_or(field) {
        "location" => "field-location",
        "industry" => "field-industry",
        "employees" => "field-employees",
        "capital_yen" => "field-capital-yen",
        "years_in_business" | "founded" => "field-years-in-business",
        "corporate" => "field-corporate",
        "purposes" => "field-purposes",
        "shotenkai_member" => "field-shotenkai-member",
        _ => "field-other",
    }
}

/// What a next-step desk is for, by the category it was chosen for (the Japanese page keeps
/// the recommender's own sentence, which names the desk).
pub fn step_key(category: ConsultCategory) -> &'static str {
    match category {
        ConsultCategory::Founding => "step-founding",
        ConsultCategory::Financing => "step-financing",
        ConsultCategory::Labour => "step-labour",
        ConsultCategory::IntellectualProperty => "step-ip",
        ConsultCategory::Management | ConsultCategory::Legal | ConsultCategory::Tax => "step-other",
    }
}

pub fn condition_key(condition: Condition) -> &'static str {
    match condition {
        Condition::Location => "condition-location",
        Condition::Office => "condition-office",
        Condition::Industry => "condition-industry",
        Condition::Size => "condition-size",
        Condition::Employees => "condition-employees",
        Condition::Capital => "condition-capital",
        Condition::Years => "condition-years",
        Condition::Founding => "condition-founding",
        Condition::LegalForm => "condition-legal-form",
        Condition::Shotenkai => "condition-shotenkai",
        Condition::Person => "condition-person",
        Condition::Sales => "condition-sales",
        Condition::OnceOnly => "condition-once-only",
        Condition::RecipientsOf => "condition-recipients-of",
        Condition::Situation => "condition-situation",
        Condition::Prerequisite => "condition-prerequisite",
        Condition::Other => "condition-other",
    }
}

pub fn handoff_category_key(category: HandoffCategory) -> &'static str {
    match category {
        HandoffCategory::Consult(c) => match c {
            ConsultCategory::Management => "handoff-category-management",
            ConsultCategory::Financing => "handoff-category-financing",
            ConsultCategory::Labour => "handoff-category-labour",
            ConsultCategory::Legal => "handoff-category-legal",
            ConsultCategory::IntellectualProperty => "handoff-category-ip",
            ConsultCategory::Tax => "handoff-category-tax",
            ConsultCategory::Founding => "handoff-category-founding",
        },
        HandoffCategory::ServiceComplaint => "handoff-category-complaint",
    }
}

pub fn handoff_reason_key(reason: HandoffReason) -> &'static str {
    match reason {
        HandoffReason::AskedForPerson => "handoff-reason-asked-for-person",
        HandoffReason::SensitiveTopic => "handoff-reason-sensitive",
        HandoffReason::Complaint => "handoff-reason-complaint",
        HandoffReason::IndividualJudgement => "handoff-reason-individual",
        HandoffReason::LowConfidence => "handoff-reason-low-confidence",
    }
}

/// The catalog key of each industry of the corpus (`domain::scheme::INDUSTRIES`).
pub const INDUSTRY_KEYS: [(&str, &str); 20] = [
    ("農業、林業", "industry-agriculture"),
    ("漁業", "industry-fishery"),
    ("鉱業、採石業、砂利採取業", "industry-mining"),
    ("建設業", "industry-construction"),
    ("製造業", "industry-manufacturing"),
    ("電気・ガス・熱供給・水道業", "industry-utilities"),
    ("情報通信業", "industry-information"),
    ("運輸業、郵便業", "industry-transport"),
    ("卸売業、小売業", "industry-trade"),
    ("金融業、保険業", "industry-finance"),
    ("不動産業、物品賃貸業", "industry-real-estate"),
    ("学術研究、専門・技術サービス業", "industry-professional"),
    ("宿泊業、飲食サービス業", "industry-hospitality"),
    ("生活関連サービス業、娯楽業", "industry-personal-services"),
    ("教育、学習支援業", "industry-education"),
    ("医療、福祉", "industry-medical"),
    ("複合サービス事業", "industry-compound"),
    (
        "サービス業（他に分類されないもの）",
        "industry-other-services",
    ),
    ("公務（他に分類されるものを除く）", "industry-government"),
    ("分類不能の産業", "industry-unclassified"),
];

pub fn industry_key(industry: &str) -> Option<&'static str> {
    INDUSTRY_KEYS
        .iter()
        .find(|(i, _)| *i == industry)
        .map(|(_, k)| *k)
}

pub fn level_key(level: Level) -> &'static str {
    match level {
        Level::Ward => "level-ward",
        Level::Tokyo => "level-tokyo",
        Level::National => "level-national",
        Level::Prefecture => "level-prefecture",
    }
}

pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Subsidy => "kind-subsidy",
        Kind::Grant => "kind-grant",
        Kind::LoanMediation => "kind-loan-mediation",
        Kind::Loan => "kind-loan",
        Kind::InterestSubsidy => "kind-interest-subsidy",
        Kind::Consultation => "kind-consultation",
        Kind::ExpertDispatch => "kind-expert-dispatch",
        Kind::Certification => "kind-certification",
        Kind::Tax => "kind-tax",
        Kind::Seminar => "kind-seminar",
    }
}

pub fn status_key(status: WindowStatus) -> &'static str {
    match status {
        WindowStatus::Open => "status-open",
        WindowStatus::Always => "status-always",
        WindowStatus::Upcoming => "status-upcoming",
        WindowStatus::Unannounced => "status-unannounced",
        WindowStatus::Closed => "status-closed",
    }
}

pub fn day_key(day: DeskDay) -> &'static str {
    match day {
        DeskDay::Mon => "day-mon",
        DeskDay::Tue => "day-tue",
        DeskDay::Wed => "day-wed",
        DeskDay::Thu => "day-thu",
        DeskDay::Fri => "day-fri",
    }
}

/// The catalog key of each purpose key of the corpus (`domain::scheme::PURPOSES`).
pub const PURPOSE_KEYS: [(&str, &str); 15] = [
    ("創業", "purpose-founding"),
    ("設備投資", "purpose-equipment"),
    ("IT導入", "purpose-it"),
    ("販路拡大", "purpose-sales"),
    ("海外展開", "purpose-overseas"),
    ("人材確保", "purpose-hiring"),
    ("人材育成", "purpose-training"),
    ("働き方・福利厚生", "purpose-workstyle"),
    ("事業承継", "purpose-succession"),
    ("資金繰り", "purpose-cashflow"),
    ("知的財産", "purpose-ip"),
    ("研究開発", "purpose-rnd"),
    ("BCP・防災", "purpose-bcp"),
    ("省エネ・環境", "purpose-energy"),
    ("商店街", "purpose-shopping-street"),
];

pub fn purpose_key(purpose: &str) -> Option<&'static str> {
    PURPOSE_KEYS
        .iter()
        .find(|(p, _)| *p == purpose)
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_labels_match_the_domain_labels() {
        let m = Messages::new(Lang::Ja);
        for s in [
            WindowStatus::Open,
            WindowStatus::Always,
            WindowStatus::Upcoming,
            WindowStatus::Unannounced,
            WindowStatus::Closed,
        ] {
            assert_eq!(m.status(s), s.label_ja());
        }
        for l in [
            Level::Ward,
            Level::Tokyo,
            Level::National,
            Level::Prefecture,
        ] {
            assert_eq!(m.level(l), l.label_ja());
        }
        for p in crate::domain::scheme::PURPOSES {
            assert_eq!(m.purpose(p), p);
        }
        for i in crate::domain::scheme::INDUSTRIES {
            assert_eq!(m.industry(i), i);
        }
        assert_eq!(
            m.t("reason-no-limits"),
            crate::domain::recommend::NO_LIMITS_JA
        );
        for c in <HandoffCategory as crate::domain::handoff::StableCode>::ALL {
            assert_eq!(m.handoff_category(*c), c.label_ja());
        }
        for r in [
            HandoffReason::AskedForPerson,
            HandoffReason::SensitiveTopic,
            HandoffReason::Complaint,
            HandoffReason::IndividualJudgement,
            HandoffReason::LowConfidence,
        ] {
            assert_eq!(m.handoff_reason(r), r.label_ja());
        }
        let calendar = OfficeCalendar::new();
        assert_eq!(m.office_hours(&calendar), calendar.hours_ja());
        assert_eq!(
            m.t("staff-queue-name"),
            crate::domain::handoff::STAFF_QUEUE_NAME
        );
    }

    #[test]
    fn japanese_console_labels_match_the_domain_labels() {
        fn same<T: Labelled>(m: &Messages, ja: fn(T) -> &'static str) {
            for v in T::ALL {
                assert_eq!(m.label(*v), ja(*v), "{}", label_key(*v));
            }
        }
        let m = Messages::new(Lang::Ja);
        same(&m, Channel::label_ja);
        same(&m, InquiryKind::label_ja);
        same(&m, TicketStatus::label_ja);
        same(&m, JudgmentStatus::label_ja);
        same(&m, Role::label_ja);
        same(&m, AuditAction::label_ja);
        for p in PERMISSIONS {
            assert_eq!(m.permission(p), p.label_ja());
        }
        for r in FreshnessRule::ALL {
            assert_eq!(m.freshness_rule(r), r.label_ja());
        }
        for answer in [
            Answer::Scheme("s".into()),
            Answer::Faq("f".into()),
            Answer::Desk("d".into()),
            Answer::NoScheme,
        ] {
            assert_eq!(m.answer_kind(&answer), answer.kind_label_ja());
        }
        for fix in [
            Fix::Nothing,
            Fix::Alias {
                scheme_id: "s".into(),
                phrase: "看板".into(),
            },
            Fix::Synonyms {
                words: vec!["看板".into(), "サイン".into()],
            },
            Fix::WriteFaq,
        ] {
            assert_eq!(m.fix(&fix), fix.label_ja());
        }
    }

    #[test]
    fn every_catalog_writes_a_staffed_time_from_a_valid_pattern() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 6, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        for lang in Lang::ALL {
            let m = Messages::new(lang);
            assert!(slot_format_is_valid(&m.t("chat-slot-format")), "{lang}");
        }
        assert_eq!(Messages::new(Lang::Ja).slot_time(at), "06月02日 09:00");
        assert_eq!(Messages::new(Lang::Easy).slot_time(at), "6月2日 09:00");
        assert_eq!(
            Messages::new(Lang::En).slot_time(at),
            "Tuesday 2 June, 09:00"
        );
        assert!(!slot_format_is_valid("%Q"));
    }

    #[test]
    fn questionnaire_keys_follow_the_field_and_value() {
        assert_eq!(
            question_key("years_in_business"),
            "question-years-in-business"
        );
        assert_eq!(
            question_help_key("capital_yen"),
            "question-capital-yen-help"
        );
        assert_eq!(
            option_key("location", "minato-head"),
            "option-location-minato-head"
        );
        assert_eq!(
            option_key("shotenkai_member", ""),
            "option-shotenkai-member-none"
        );
        assert_eq!(field_key("answers.capital_yen"), "field-capital-yen");
        assert_eq!(field_key("answers.founded"), "field-years-in-business");
        assert_eq!(field_key("nonsense"), "field-other");
    }

    #[test]
    fn english_counts_select_a_plural_form() {
        let m = Messages::new(Lang::En);
        assert_eq!(m.tn("search-results-heading", 1), "Schemes (1)");
        assert_eq!(m.tn("search-results-heading", 12), "Schemes (12)");
        assert_eq!(
            m.targs(
                "round-dates",
                &[("opens", "2026-09-01"), ("closes", "2026-10-31")]
            ),
            "Open: 2026-09-01 to 2026-10-31"
        );
    }

    #[test]
    fn a_missing_key_falls_back_to_japanese_then_to_the_key() {
        assert_eq!(Messages::new(Lang::En).t("no-such-key"), "no-such-key");
    }
}

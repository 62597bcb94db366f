use chrono::{DateTime, Utc};

use super::*;
use crate::domain::consultants::ConsultCategory;
use crate::domain::inquiry::ShownResult;
use crate::domain::masking::{NoLexicon, mask};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn months_read_only_as_yyyy_mm() {
    let m = ReportMonth::parse(" 2026-10 ").unwrap();
    assert_eq!(m.to_string(), "2026-10");
    assert_eq!(m.label_ja(), "2026年10月");
    for bad in [
        "",
        "2026",
        "2026-1",
        "2026-13",
        "2026-00",
        "26-10",
        "2026/10",
        "２０２６-10",
        "2026-1a",
    ] {
        assert!(
            matches!(ReportMonth::parse(bad), Err(MonthError::Format { .. })),
            "{bad:?}"
        );
    }
    assert_eq!(
        ReportMonth::parse("1999-12"),
        Err(MonthError::Year { year: 1999 })
    );
}

#[test]
fn months_know_their_days_and_neighbours() {
    let feb = ReportMonth::parse("2028-02").unwrap();
    assert_eq!(feb.days().len(), 29, "2028 is a leap year");
    assert_eq!(feb.last_day(), d("2028-02-29"));
    let jan = ReportMonth::parse("2027-01").unwrap();
    assert_eq!(jan.previous().to_string(), "2026-12");
    assert_eq!(jan.previous().next(), jan);
    assert_eq!(ReportMonth::containing(d("2026-12-31")).next(), jan);
    assert!(jan.contains(d("2027-01-31")) && !jan.contains(d("2027-02-01")));
}

#[test]
fn an_instant_belongs_to_its_tokyo_day() {
    // 15:00 UTC is midnight in Tokyo.
    let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    assert_eq!(tokyo_date(t("2026-09-30T14:59:59Z")), d("2026-09-30"));
    assert_eq!(tokyo_date(t("2026-09-30T15:00:00Z")), d("2026-10-01"));
}

fn inquiry(at: &str, kind: InquiryKind, text: &str, results: &[&str], conf: f32) -> Inquiry {
    let mut i = Inquiry::new(Channel::Web, kind, mask(text, &NoLexicon));
    i.created_at = at.parse().unwrap();
    i.results = results
        .iter()
        .map(|id| ShownResult {
            id: id.to_string(),
            score: 1.0,
            explanation: None,
        })
        .collect();
    i.confidence = Some(conf);
    i
}

#[test]
fn figures_count_only_the_month_and_split_unanswered_inquiries() {
    let corpus = Corpus::default();
    let list = [
        // 2026-10-01 00:30 in Tokyo: October.
        inquiry("2026-09-30T15:30:00Z", InquiryKind::Search, "a", &[], 0.0),
        // September, the last minute in Tokyo.
        inquiry("2026-09-30T14:59:00Z", InquiryKind::Search, "b", &[], 0.0),
        inquiry("2026-09-10T01:00:00Z", InquiryKind::Chat, "b", &[], 0.0),
        inquiry("2026-09-10T02:00:00Z", InquiryKind::Chat, "c", &["x"], 0.1),
        inquiry(
            "2026-09-10T03:00:00Z",
            InquiryKind::Chat,
            "d",
            &["x", "y"],
            0.9,
        ),
        // A questionnaire with nothing shown is neither: its text is a summary of answers.
        inquiry(
            "2026-09-11T03:00:00Z",
            InquiryKind::Recommend,
            "e",
            &[],
            0.0,
        ),
    ];
    let ticket = Ticket {
        id: "T1".into(),
        inquiry_id: list[2].id.clone(),
        created_at: "2026-09-10T01:00:00Z".parse().unwrap(),
        category: HandoffCategory::Consult(ConsultCategory::Labour),
        desk_id: "d".into(),
        reason: HandoffReason::AskedForPerson,
        summary: String::new(),
        next_slot: None,
        status: TicketStatus::Done,
        outcome: Some("予約済み".into()),
        closed_at: Some("2026-10-02T01:00:00Z".parse().unwrap()),
        closed_by: Some("staff".into()),
    };
    let sept = MonthRecords {
        month: ReportMonth::parse("2026-09").unwrap(),
        inquiries: &list,
        tickets: std::slice::from_ref(&ticket),
        feedback: (2, 1),
        corpus_changes: &[],
    };
    let aug = MonthRecords {
        month: ReportMonth::parse("2026-08").unwrap(),
        inquiries: &list,
        tickets: &[],
        feedback: (0, 0),
        corpus_changes: &[],
    };
    let r = MonthlyReport::compile(&sept, &aug, &corpus, 0.35);
    let f = &r.figures;
    assert_eq!(f.inquiries, 5);
    assert_eq!(f.by_day.len(), 30);
    assert_eq!(f.by_day[9].total, 3, "three on 09-10");
    assert_eq!(f.by_day[29].total, 1, "one on 09-30, one moved to October");
    // "b" twice (search and chat), and the questionnaire is not counted.
    assert_eq!(f.zero_results.total, 2);
    assert_eq!(f.zero_results.texts, vec![("b".to_string(), 2)]);
    assert_eq!(f.low_confidence.texts, vec![("c".to_string(), 1)]);
    assert_eq!(f.shown_schemes["x"], 2);
    assert_eq!((f.handoffs, f.closed, f.open), (1, 1, 0));
    assert_eq!(f.outcomes[0].closed_on, Some(d("2026-10-02")));
    assert!((f.helpful_percent().unwrap() - 66.666).abs() < 0.001);
    assert!(r.previous.is_empty() && !r.is_empty());
    assert_eq!(r.top_schemes[0].id, "x");
    assert_eq!((r.top_schemes[0].count, r.top_schemes[0].change()), (2, 2));
    assert_eq!(
        f.by_level[3..],
        [
            (LEVEL_UNKNOWN.to_string(), 2),
            (NO_SCHEME_SHOWN.to_string(), 3)
        ],
        "schemes missing from the corpus have no level"
    );
}

#[test]
fn corpus_changes_come_from_the_audit_log_by_tokyo_day() {
    use crate::domain::staff::{Actor, Role};
    let editor = Actor::Staff {
        username: "editor1".into(),
        role: Role::Editor,
    };
    let record = |at: &str, actor: &Actor, action: AuditAction, target: Option<&str>| {
        let mut r = AuditRecord::new(actor.clone(), action, target, "");
        r.at = at.parse().unwrap();
        r
    };
    let log = [
        // 2026-08-31 23:30 in Tokyo: August.
        record(
            "2026-08-31T14:30:00Z",
            &editor,
            AuditAction::CorpusPublished,
            Some("schemes/ward/a.toml"),
        ),
        // 2026-09-01 00:30 in Tokyo: September.
        record(
            "2026-08-31T15:30:00Z",
            &editor,
            AuditAction::CorpusPublished,
            Some("schemes/ward/a.toml"),
        ),
        record(
            "2026-09-02T01:00:00Z",
            &editor,
            AuditAction::CorpusDraftSaved,
            Some("schemes/ward/b.toml"),
        ),
        record(
            "2026-09-02T02:00:00Z",
            &editor,
            AuditAction::CorpusCreated,
            Some("schemes/ward/b.toml"),
        ),
        record(
            "2026-09-03T02:00:00Z",
            &editor,
            AuditAction::CorpusExported,
            None,
        ),
        record(
            "2026-09-20T02:00:00Z",
            &Actor::CommandLine,
            AuditAction::CorpusImported,
            None,
        ),
        record(
            "2026-09-30T16:00:00Z",
            &editor,
            AuditAction::CorpusDeleted,
            Some("schemes/ward/b.toml"),
        ),
    ];
    let changes: Vec<CorpusChange> = log.iter().filter_map(CorpusChange::from_audit).collect();
    assert_eq!(
        changes.len(),
        5,
        "drafts and exports change nothing the public sees"
    );
    let corpus = Corpus::default();
    let sept = MonthRecords {
        month: ReportMonth::parse("2026-09").unwrap(),
        inquiries: &[],
        tickets: &[],
        feedback: (0, 0),
        corpus_changes: &changes,
    };
    let aug = MonthRecords {
        month: ReportMonth::parse("2026-08").unwrap(),
        ..sept
    };
    let r = MonthlyReport::compile(&sept, &aug, &corpus, 0.35);
    let f = &r.figures;
    assert!(
        !r.is_empty(),
        "a month with corpus changes has something to report"
    );
    assert_eq!(
        f.corpus_changes
            .iter()
            .map(|c| (c.day, c.action, c.entry.as_deref(), c.by.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            (
                d("2026-09-01"),
                AuditAction::CorpusPublished,
                Some("schemes/ward/a.toml"),
                Some("editor1")
            ),
            (
                d("2026-09-02"),
                AuditAction::CorpusCreated,
                Some("schemes/ward/b.toml"),
                Some("editor1")
            ),
            (d("2026-09-20"), AuditAction::CorpusImported, None, None),
        ],
        "the deletion at 01:00 on 10-01 in Tokyo belongs to October"
    );
    assert_eq!(
        f.corpus_changes_by_action(),
        vec![
            (AuditAction::CorpusPublished, 1),
            (AuditAction::CorpusCreated, 1),
            (AuditAction::CorpusDeleted, 0),
            (AuditAction::CorpusRolledBack, 0),
            (AuditAction::CorpusImported, 1),
        ]
    );
    assert_eq!(r.previous.corpus_changes.len(), 1);
}

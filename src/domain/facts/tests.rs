use super::*;
use crate::domain::scheme::{
    Amount, Area, EligibilityRules, Kind, LegalForm, OfficeRule, PreFounding, Round, SizeRule,
    Window, WindowKind,
};

fn scheme() -> Scheme {
    Scheme {
        id: "minato-test".into(),
        title: "港区テスト補助金".into(),
        aliases: vec![],
        level: crate::domain::scheme::Level::Ward,
        provider: "港区".into(),
        kind: Kind::Subsidy,
        summary: "テスト".into(),
        details: "申請書と見積書を提出します。".into(),
        purposes: vec!["創業".into()],
        industries: vec!["all".into()],
        how_to_apply: "交付決定の前に申請する。完了から2か月以内に実績報告する。".into(),
        contact: "港区 産業振興課 03-3578-2111".into(),
        source_url: "https://www.city.minato.tokyo.jp/".into(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        related: vec![],
        not_combinable_with: vec![],
        notes: None,
        eligibility: EligibilityRules {
            location: Area::Minato,
            office: OfficeRule::HeadOffice,
            size: SizeRule::Sme,
            max_employees: None,
            min_employees: None,
            max_capital_yen: None,
            size_caps: vec![],
            min_years: Some(1),
            min_years_area: Area::Minato,
            max_years: None,
            pre_founding: PreFounding::No,
            legal_form: LegalForm::Any,
            shotenkai_member: false,
            excluded_industries: vec![],
            partly_excluded_industries: vec![],
            once_only: false,
            person: None,
            min_sales_yen: None,
            max_sales_yen: None,
            situations: vec![],
            conditions: vec!["区内で引き続き1年以上事業を営んでいること".into()],
            requirements: vec![],
        },
        amount: Some(Amount {
            max_yen: Some(400_000),
            min_yen: None,
            rate: Some("2/3以内".into()),
            text: Some("対象経費の3分の2以内、上限40万円".into()),
        }),
        window: Window {
            kind: WindowKind::Rounds,
            rounds: vec![Round {
                label: "第1回".into(),
                opens: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
                closes: NaiveDate::from_ymd_opt(2026, 5, 29).unwrap(),
            }],
        },
    }
}

fn ctx(q: &str) -> FactContext<'_> {
    FactContext {
        today: NaiveDate::from_ymd_opt(2026, 5, 1),
        question: q,
        ..Default::default()
    }
}

#[test]
fn the_amount_comes_from_the_structured_amount() {
    let f = fact(&scheme(), Asked::Amount, &ctx("上限は?"));
    assert!(f.known && f.text.contains("上限40万円"), "{}", f.text);
}

#[test]
fn the_rate_is_quoted_with_the_amount_line() {
    let f = fact(&scheme(), Asked::Rate, &ctx("補助率は?"));
    assert!(
        f.text.contains("2/3以内") && f.text.contains("3分の2"),
        "{}",
        f.text
    );
}

#[test]
fn eligibility_names_the_place_the_size_and_the_legal_form() {
    let f = fact(&scheme(), Asked::Eligibility, &ctx("個人事業主でも使える?"));
    assert!(f.text.contains("港区内に本店"), "{}", f.text);
    assert!(
        f.text.contains("法人・個人事業主のどちらも対象"),
        "{}",
        f.text
    );
}

#[test]
fn years_state_the_minimum_and_that_founders_cannot_apply_yet() {
    let f = fact(&scheme(), Asked::Years, &ctx("開業前でも使える?"));
    assert!(f.text.contains("1年以上"), "{}", f.text);
    assert!(f.text.contains("創業前は利用できません"), "{}", f.text);
}

#[test]
fn the_deadline_reads_the_rounds_on_today() {
    let f = fact(&scheme(), Asked::Deadline, &ctx("いつまで?"));
    assert!(f.text.contains("2026年5月29日"), "{}", f.text);
    assert!(f.text.contains("受付中"), "{}", f.text);
    assert!(f.text.contains("2か月以内"), "{}", f.text);
}

#[test]
fn documents_come_from_the_entry_text() {
    let f = fact(&scheme(), Asked::Documents, &ctx("必要な書類は?"));
    assert!(f.known && f.text.contains("見積書"), "{}", f.text);
}

#[test]
fn the_contact_names_the_desk_and_its_hours() {
    let desk: Desk = toml::from_str(
        r#"
id = "d"
name = "港区 商工相談"
categories = ["経営"]
staff = "中小企業診断士"
weekdays = ["wed"]
opens = "13:00"
closes = "16:00"
how_to_book = "電話で予約"
phone = "03-3578-2111"
source_url = "https://www.city.minato.tokyo.jp/"
as_of = 2026-11-20
"#,
    )
    .unwrap();
    let c = FactContext {
        desks: vec![&desk],
        ..ctx("電話番号と受付時間は?")
    };
    let f = fact(&scheme(), Asked::Contact, &c);
    assert!(f.text.contains("03-3578-2111"), "{}", f.text);
    assert!(f.text.contains("水曜 13:00〜16:00"), "{}", f.text);
}

#[test]
fn an_unknown_field_says_so_and_names_where_to_confirm() {
    let mut s = scheme();
    s.amount = None;
    let f = fact(&s, Asked::Amount, &ctx("いくら?"));
    assert!(!f.known);
    assert!(f.text.contains("確認できていません"), "{}", f.text);
    assert!(
        f.text.contains("港区 産業振興課 03-3578-2111"),
        "{}",
        f.text
    );
    assert!(!f.text.contains("万円"), "no number is guessed: {}", f.text);
}

#[test]
fn schemes_that_exclude_each_other_are_not_combinable() {
    let a = scheme();
    let mut b = scheme();
    b.id = "tokyo-other".into();
    b.title = "都の助成".into();
    b.not_combinable_with = vec![a.id.clone()];
    let c = FactContext {
        other: Some(&b),
        ..ctx("併用できる?")
    };
    let f = fact(&a, Asked::Combination, &c);
    assert!(f.known && f.text.contains("併用できません"), "{}", f.text);
}

#[test]
fn a_question_on_a_case_quotes_the_limit_that_decides_it() {
    let mut s = scheme();
    s.eligibility
        .conditions
        .push("同じ研究開発テーマで過去に補助・助成を受けていないこと".into());
    let f = fact(
        &s,
        Asked::Eligibility,
        &ctx("前に別の補助をもらったのと同じ研究テーマでも申請できる?"),
    );
    assert!(
        f.text.starts_with(
            "条件は「同じ研究開発テーマで過去に補助・助成を受けていないこと」です。ご質問のケースがこの条件を満たさない場合は対象外です。"
        ),
        "{}",
        f.text
    );
    // No case put to the rule, or a condition that is not a limit: the general answer only.
    let general = fact(&s, Asked::Eligibility, &ctx("誰が申請できますか?"));
    assert!(
        !general.text.contains("対象外です。主な"),
        "{}",
        general.text
    );
    let years = fact(
        &s,
        Asked::Eligibility,
        &ctx("区内で営んで1年たった場合でも申請できる?"),
    );
    assert!(!years.text.starts_with("条件は"), "{}", years.text);
}

#[test]
fn a_small_business_is_defined_by_the_law_unless_the_entry_sets_its_caps() {
    let mut s = scheme();
    s.eligibility.size = SizeRule::Small;
    let f = fact(&s, Asked::Eligibility, &ctx("従業員は何人まで?"));
    assert!(
        f.text
            .contains("製造業その他は20人以下、商業・サービス業は5人以下"),
        "{}",
        f.text
    );
    s.eligibility.max_employees = Some(10);
    let f = fact(&s, Asked::Eligibility, &ctx("従業員は何人まで?"));
    assert!(
        !f.text.contains("5人以下") && f.text.contains("10人以下"),
        "{}",
        f.text
    );
}

//! The facts as each catalog words them: the Japanese exactly as the chat has always said
//! them, English and やさしい日本語 from the same fields.

use chrono::NaiveDate;

use super::*;
use crate::domain::consultants::Desk;
use crate::domain::facts::sentence::Share;
use crate::domain::facts::translated::{TranslatedWords, fact_in};
use crate::domain::facts::{Fact, FactContext, fact};
use crate::domain::scheme::{
    Amount, Area, EligibilityRules, Kind, LegalForm, OfficeRule, PreFounding, Round, Scheme,
    SizeRule, Window, WindowKind,
};

/// The fact in administrative Japanese.
fn ja(f: &Fact) -> String {
    render(Messages::new(Lang::Ja), &f.sentences)
}

/// The fact for a reply in `lang`, from the fields alone (no translation of the scheme).
fn translated(lang: Lang, scheme: &Scheme, asked: Asked, ctx: &FactContext) -> String {
    let known = fact(scheme, asked, ctx).known;
    let words = TranslatedWords {
        lang,
        scheme: None,
        desks: Vec::new(),
    };
    render(
        Messages::new(lang),
        &fact_in(scheme, asked, known, ctx, &words),
    )
}

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
            not_for_recipients_of: Vec::new(),
            person: None,
            min_sales_yen: None,
            max_sales_yen: None,
            situations: vec![],
            requires: vec![],
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
    assert!(f.known && ja(&f).contains("上限40万円"), "{}", ja(&f));
}

#[test]
fn the_rate_is_quoted_with_the_amount_line() {
    let f = fact(&scheme(), Asked::Rate, &ctx("補助率は?"));
    assert!(
        ja(&f).contains("2/3以内") && ja(&f).contains("3分の2"),
        "{}",
        ja(&f)
    );
}

#[test]
fn eligibility_names_the_place_the_size_and_the_legal_form() {
    let f = fact(&scheme(), Asked::Eligibility, &ctx("個人事業主でも使える?"));
    assert!(ja(&f).contains("港区内に本店"), "{}", ja(&f));
    assert!(
        ja(&f).contains("法人・個人事業主のどちらも対象"),
        "{}",
        ja(&f)
    );
}

#[test]
fn years_state_the_minimum_and_that_founders_cannot_apply_yet() {
    let f = fact(&scheme(), Asked::Years, &ctx("開業前でも使える?"));
    assert!(ja(&f).contains("1年以上"), "{}", ja(&f));
    assert!(ja(&f).contains("創業前は利用できません"), "{}", ja(&f));
}

#[test]
fn the_deadline_reads_the_rounds_on_today() {
    let f = fact(&scheme(), Asked::Deadline, &ctx("いつまで?"));
    assert!(ja(&f).contains("2026年5月29日"), "{}", ja(&f));
    assert!(ja(&f).contains("受付中"), "{}", ja(&f));
    assert!(ja(&f).contains("2か月以内"), "{}", ja(&f));
}

#[test]
fn documents_come_from_the_entry_text() {
    let f = fact(&scheme(), Asked::Documents, &ctx("必要な書類は?"));
    assert!(f.known && ja(&f).contains("見積書"), "{}", ja(&f));
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
    assert!(ja(&f).contains("03-3578-2111"), "{}", ja(&f));
    assert!(ja(&f).contains("水曜 13:00〜16:00"), "{}", ja(&f));
}

#[test]
fn an_unknown_field_says_so_and_names_where_to_confirm() {
    let mut s = scheme();
    s.amount = None;
    let f = fact(&s, Asked::Amount, &ctx("いくら?"));
    assert!(!f.known);
    assert!(ja(&f).contains("確認できていません"), "{}", ja(&f));
    assert!(
        ja(&f).contains("港区 産業振興課 03-3578-2111"),
        "{}",
        ja(&f)
    );
    assert!(!ja(&f).contains("万円"), "no number is guessed: {}", ja(&f));
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
    assert!(f.known && ja(&f).contains("併用できません"), "{}", ja(&f));
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
        ja(&f).starts_with(
            "条件は「同じ研究開発テーマで過去に補助・助成を受けていないこと」です。ご質問のケースがこの条件を満たさない場合は対象外で、申請できません。"
        ),
        "{}",
        ja(&f)
    );
    // No case put to the rule, or a condition that is not a limit: the general answer only.
    let general = fact(&s, Asked::Eligibility, &ctx("誰が申請できますか?"));
    assert!(
        !ja(&general).contains("対象外です。主な"),
        "{}",
        ja(&general)
    );
    let years = fact(
        &s,
        Asked::Eligibility,
        &ctx("区内で営んで1年たった場合でも申請できる?"),
    );
    assert!(!ja(&years).starts_with("条件は"), "{}", ja(&years));
}

#[test]
fn a_small_business_is_defined_by_the_law_unless_the_entry_sets_its_caps() {
    let mut s = scheme();
    s.eligibility.size = SizeRule::Small;
    let f = fact(&s, Asked::Eligibility, &ctx("従業員は何人まで?"));
    assert!(
        ja(&f).contains("製造業その他は20人以下、商業・サービス業は5人以下"),
        "{}",
        ja(&f)
    );
    s.eligibility.max_employees = Some(10);
    let f = fact(&s, Asked::Eligibility, &ctx("従業員は何人まで?"));
    assert!(
        !ja(&f).contains("5人以下") && ja(&f).contains("10人以下"),
        "{}",
        ja(&f)
    );
}

#[test]
fn easy_japanese_states_the_ceiling_and_the_round_from_the_fields() {
    let s = scheme();
    let amount = translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら もらえる?"));
    assert!(
        amount.starts_with("かかった お金の 3分の2まで、出して もらえます。"),
        "{amount}"
    );
    let deadline = translated(Lang::Easy, &s, Asked::Deadline, &ctx("いつまで?"));
    assert!(
        deadline.contains(
            "第1回の 申し込みは 2026年4月1日から 2026年5月29日までです（いま 申し込めます）。"
        ),
        "{deadline}"
    );
    assert!(
        !deadline.contains("受付期間"),
        "not the administrative sentence: {deadline}"
    );
}

#[test]
fn english_states_the_same_fields_in_english_words() {
    let s = scheme();
    assert_eq!(
        translated(Lang::En, &s, Asked::Amount, &ctx("how much?")),
        "The maximum amount is ¥400,000. The rate is up to 2/3."
    );
    let years = translated(Lang::En, &s, Asked::Years, &ctx("how many years?"));
    assert!(
        years.starts_with(
            "You must have been in business in Minato City for at least 1 year in a row."
        ),
        "{years}"
    );
}

#[test]
fn every_sentence_is_worded_in_every_catalog_with_all_its_values() {
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
source_url = "https://www.city.minato.tokyo.jp/"
as_of = 2026-11-20
"#,
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 5, 29).unwrap();
    let text = || "本文".to_string();
    let owner = Owner {
        women: true,
        below_age: Some(35),
        from_age: Some(55),
    };
    let rules = vec![
        Rule::EmployeesAtMost(20),
        Rule::EmployeesAtLeast(1),
        Rule::CapitalAtMost(30_000_000),
        Rule::SizeCap {
            sectors: vec!["小売業"],
            capital: Some(50_000_000),
            employees: Some(50),
        },
        Rule::SizeCap {
            sectors: vec![],
            capital: None,
            employees: Some(5),
        },
        Rule::InBusiness {
            area: None,
            years: 2,
        },
        Rule::InBusiness {
            area: Some(Area::Tokyo),
            years: 1,
        },
        Rule::FoundedWithin(5),
        Rule::Owner(owner.clone()),
        Rule::ManagementYearsBelow(1),
        Rule::SalesAtLeast(10_000_000),
        Rule::SalesBelow(100_000_000),
        Rule::ExcludedIndustries(vec!["風俗営業".into()]),
        Rule::ShotenkaiMember,
        Rule::OnceOnly,
    ];
    let mut all = vec![
        Sentence::NotInSources {
            asked: Asked::Documents,
            contact: text(),
        },
        Sentence::AmountPublished {
            of: AmountOf::Other,
            text: text(),
        },
        Sentence::AmountCeiling {
            of: AmountOf::Loan,
            yen: 25_000_000,
        },
        Sentence::Ceiling { yen: 1_000_000 },
        Sentence::ShareOfCosts {
            share: Share {
                num: 2,
                den: 3,
                up_to: true,
            },
            ceiling: Some(400_000),
        },
        Sentence::ShareOfCosts {
            share: Share {
                num: 1,
                den: 2,
                up_to: false,
            },
            ceiling: None,
        },
        Sentence::PerPersonCeiling {
            of: AmountOf::Grant,
            yen: 800_000,
        },
        Sentence::NotInSources {
            asked: Asked::Amount,
            contact: text(),
        },
        Sentence::Floor { yen: 100_000 },
        Sentence::AlsoRate {
            rate: "2/3以内".into(),
        },
        Sentence::Rate {
            of: RateOf::Loan,
            rate: "原則1/2（小規模は2/3）".into(),
        },
        Sentence::RateWithText {
            of: RateOf::Tax,
            rate: "10%".into(),
            text: text(),
        },
        Sentence::RateInText {
            of: RateOf::InterestSubsidy,
            text: text(),
        },
        Sentence::CoveredRule { condition: text() },
        Sentence::MainlyFor {
            size: SizeTerm::SmallByLaw,
            place: Some(Place::HeadOffice(Area::Minato)),
            legal: LegalForm::SoleProprietor,
        },
        Sentence::MainlyFor {
            size: SizeTerm::Any,
            place: Some(Place::AnyOffice(Area::Tokyo)),
            legal: LegalForm::Corporate,
        },
        Sentence::Rules(rules.clone()),
        Sentence::Conditions(vec![text(), text()]),
        Sentence::Condition { text: text() },
        Sentence::InShort { text: text() },
        Sentence::PreFounding(PreFounding::Allowed),
        Sentence::PreFounding(PreFounding::Only),
        Sentence::PreFounding(PreFounding::No),
        Sentence::AlwaysOpen,
        Sentence::ConsultDays { text: text() },
        Sentence::NextRoundUnannounced { as_of: day },
        Sentence::PastRounds {
            texts: vec![text()],
        },
        Sentence::NextRoundUnknown { contact: text() },
        Sentence::WhenToApply { text: text() },
        Sentence::HowToApply { text: text() },
        Sentence::ApplyTo { contact: text() },
        Sentence::Documents {
            texts: vec![text()],
        },
        Sentence::ContactIs { contact: text() },
        Sentence::DeskOpen {
            name: desk.name.clone(),
            desk: Box::new(desk.clone()),
            book: desk.how_to_book.clone(),
        },
        Sentence::Phone {
            phone: "03-3578-2111".into(),
        },
        Sentence::NotCombinable {
            scheme: text(),
            other: text(),
        },
        Sentence::NotCombinableWithAny {
            scheme: text(),
            others: vec![text(), text()],
        },
        Sentence::CombinationConditions {
            texts: vec![text()],
        },
        Sentence::NotInSources {
            asked: Asked::Combination,
            contact: text(),
        },
        Sentence::PhoneUnknown,
        Sentence::HoursUnknown,
    ];
    for state in [
        None,
        Some(RoundState::Open),
        Some(RoundState::Upcoming),
        Some(RoundState::Closed),
    ] {
        all.push(Sentence::Round {
            label: "第22次公募".into(),
            opens: day,
            closes: day,
            state,
        });
    }
    all.extend(rules.into_iter().map(Sentence::Required));
    for lang in Lang::ALL {
        let m = Messages::new(lang);
        for s in &all {
            let text = sentence(m, s);
            assert!(
                !text.trim().is_empty() && !text.contains('{') && !text.contains("chat-fact-"),
                "{lang}: {s:?} → {text}"
            );
        }
    }
    // Every attribute has its own label in every language.
    for lang in Lang::ALL {
        let labels: std::collections::BTreeSet<String> = Asked::ALL
            .iter()
            .map(|a| label(Messages::new(lang), *a))
            .collect();
        assert_eq!(labels.len(), Asked::ALL.len(), "{lang}");
    }
}

/// A scheme of `kind` with this amount table.
fn with_amount(kind: Kind, amount: Option<Amount>) -> Scheme {
    Scheme {
        kind,
        amount,
        ..scheme()
    }
}

/// Every 万円 figure of a text ("上限40万円" → "40万円").
fn man_yen(text: &str) -> std::collections::BTreeSet<String> {
    regex::Regex::new(r"[0-9,]+万円")
        .unwrap()
        .find_iter(text)
        .map(|m| m.as_str().replace(',', ""))
        .collect()
}

#[test]
fn easy_japanese_says_the_share_of_the_costs_and_the_ceiling_in_yen() {
    // 「対象経費の3分の2以内、上限40万円」: the fields say all of it, so nothing is quoted.
    let amount = translated(
        Lang::Easy,
        &scheme(),
        Asked::Amount,
        &ctx("いくら もらえますか"),
    );
    assert_eq!(
        amount,
        "かかった お金の 3分の2まで、出して もらえます。もらえる お金は、いちばん 多くて 40万円です。"
    );
    // A share without 以内, and per-item ceilings the fields do not hold: the entry's amount
    // line follows, so the reader gets every figure the Japanese reply gives.
    let s = with_amount(
        Kind::Subsidy,
        Some(Amount {
            max_yen: Some(250_000),
            min_yen: None,
            rate: Some("1/2".into()),
            text: Some(
                "対象経費の2分の1。特許権は上限25万円、実用新案・意匠・商標は上限15万円".into(),
            ),
        }),
    );
    let easy = translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら もらえますか"));
    assert!(
        easy.starts_with(
            "かかった お金の 2分の1を、出して もらえます。もらえる お金は、いちばん 多くて 25万円です。"
        ),
        "{easy}"
    );
    let japanese = ja(&fact(&s, Asked::Amount, &ctx("いくら もらえますか")));
    assert!(!man_yen(&japanese).is_empty(), "{japanese}");
    assert!(
        man_yen(&japanese).is_subset(&man_yen(&easy)),
        "the same figures: {japanese} / {easy}"
    );
    // Asked for the rate alone: the share, in the same words.
    assert_eq!(
        translated(Lang::Easy, &s, Asked::Rate, &ctx("補助率は")),
        "かかった お金の 2分の1を、出して もらえます。"
    );
    // The Japanese reply is unchanged: it quotes the entry's line.
    assert_eq!(
        ja(&fact(&scheme(), Asked::Amount, &ctx("いくら もらえますか"))),
        "補助・助成の額は対象経費の3分の2以内、上限40万円です。"
    );
}

#[test]
fn easy_japanese_says_a_ceiling_per_person() {
    let s = with_amount(
        Kind::Grant,
        Some(Amount {
            max_yen: Some(800_000),
            min_yen: None,
            rate: None,
            text: Some(
                "正社員化コース（中小企業）1人あたり20万円〜80万円（対象者・転換の種類による）"
                    .into(),
            ),
        }),
    );
    let easy = translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら もらえますか"));
    assert!(
        easy.starts_with("1人に ついて、もらえる お金は いちばん 多くて 80万円です。"),
        "{easy}"
    );
    // The range the entry gives per person is quoted after it, as the Japanese reply has it.
    assert!(
        easy.contains("「正社員化コース（中小企業）1人あたり20万円〜80万円"),
        "{easy}"
    );
    let japanese = ja(&fact(&s, Asked::Amount, &ctx("いくら もらえますか")));
    assert!(
        man_yen(&japanese).is_subset(&man_yen(&easy)),
        "{japanese} / {easy}"
    );
    // A ceiling that is not the one after 1人あたり (a total over months) is no per-person one.
    let s = with_amount(
        Kind::Grant,
        Some(Amount {
            max_yen: Some(150_000),
            min_yen: None,
            rate: None,
            text: Some(
                "対象者1人あたり月額最大4万円×最長3か月（母子家庭の母等は月額最大5万円）".into(),
            ),
        }),
    );
    let easy = translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら もらえますか"));
    assert!(
        easy.starts_with("もらえる お金は いちばん 多くて 15万円です。"),
        "{easy}"
    );
}

#[test]
fn easy_japanese_gives_a_loan_s_limit_and_quotes_a_rate_in_words() {
    let s = with_amount(
        Kind::Loan,
        Some(Amount {
            max_yen: Some(15_000_000),
            min_yen: None,
            rate: Some("本人負担率は要確認。区が利子の一部を負担".into()),
            text: None,
        }),
    );
    assert_eq!(
        translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら 借りられますか")),
        "借りられる お金は いちばん 多くて 1500万円です。\
         お金を 借りる ときの 利子（りし）の 割合は、公式ページに「本人負担率は要確認。区が利子の一部を負担」と 書いて あります。"
    );
    let s = with_amount(
        Kind::Loan,
        Some(Amount {
            max_yen: Some(20_000_000),
            min_yen: None,
            rate: Some("0.1%".into()),
            text: None,
        }),
    );
    assert_eq!(
        translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら 借りられますか")),
        "借りられる お金は いちばん 多くて 2000万円です。お金を 借りる ときの 利子（りし）の 割合は 0.1%です。"
    );
}

#[test]
fn easy_japanese_says_plainly_when_the_amount_is_unknown_and_where_to_ask() {
    let s = with_amount(Kind::Subsidy, None);
    let easy = translated(Lang::Easy, &s, Asked::Amount, &ctx("いくら もらえますか"));
    assert_eq!(
        easy,
        "いくらに なるかは、わたしたちの 資料（しりょう）には 書いて ありません。\
         港区 産業振興課 03-3578-2111に 聞いて ください。公式（こうしき）ページでも 確（たし）かめられます。"
    );
    // Japanese and English say what they always said.
    assert_eq!(
        ja(&fact(&s, Asked::Amount, &ctx("いくら"))),
        "金額・上限は、この案内の情報源では確認できていません。港区 産業振興課 03-3578-2111または公式ページでご確認ください。"
    );
    assert_eq!(
        translated(Lang::En, &s, Asked::Amount, &ctx("how much")),
        "Amount is not confirmed in our sources. Please check with 港区 産業振興課 03-3578-2111 or on the official page."
    );
}

#[test]
fn a_case_the_details_rule_out_is_answered_from_the_details() {
    let mut s = scheme();
    s.details =
        "対象経費は専門家に払う費用です。補助金を申請する年度より前に払った経費は対象外です。"
            .into();
    let f = fact(
        &s,
        Asked::Eligibility,
        &ctx("申請する年度より前に払った費用でも対象になりますか?"),
    );
    assert!(
        ja(&f).starts_with("条件は「補助金を申請する年度より前に払った経費は対象外です」"),
        "{}",
        ja(&f)
    );
    // A case the details sentence is not about: no rule of the details is put to it.
    let other = fact(
        &s,
        Asked::Eligibility,
        &ctx("支店しかない会社でも申請できますか?"),
    );
    assert!(!ja(&other).starts_with("条件は"), "{}", ja(&other));
}

#[test]
fn a_combination_rule_says_plainly_that_both_cannot_be_used() {
    let mut s = scheme();
    s.eligibility
        .conditions
        .push("同じ経費で国や都の補助金を受けていないこと".into());
    let f = fact(&s, Asked::Combination, &ctx("国の補助金と併用できますか?"));
    assert!(f.known, "{}", ja(&f));
    assert!(ja(&f).contains("併用できません"), "{}", ja(&f));
    // In English the rule is quoted in Japanese, never left out.
    let en = translated(Lang::En, &s, Asked::Combination, &ctx("can I combine it?"));
    assert!(
        en.contains("同じ経費で国や都の補助金を受けていないこと"),
        "{en}"
    );
    // A scheme with no rule on other schemes says it is not known, never that it cannot.
    let none = fact(
        &scheme(),
        Asked::Combination,
        &ctx("国の補助金と併用できますか?"),
    );
    assert!(
        !none.known && !ja(&none).contains("できません"),
        "{}",
        ja(&none)
    );
}

#[test]
fn a_deadline_for_an_earlier_year_or_a_step_quotes_the_dated_sentence() {
    let mut s = scheme();
    s.window = Window {
        kind: WindowKind::Annual,
        rounds: vec![],
    };
    s.notes = Some(
        "例年春に募集。例年秋にも募集。補助額は令和7年度の内容による。令和7年度の受付期間は令和7年5月12日〜6月13日だった。"
            .into(),
    );
    s.details = "郵送で届いた申請は、目安として10営業日ほどで認定書を送ります。".into();
    let earlier = fact(
        &s,
        Asked::Deadline,
        &ctx("令和7年度の受付期間はいつでしたか?"),
    );
    assert!(
        ja(&earlier).contains("5月12日〜6月13日"),
        "{}",
        ja(&earlier)
    );
    // The sentence on the same year that gives no date is not quoted as a deadline.
    assert!(!ja(&earlier).contains("補助額は"), "{}", ja(&earlier));
    let step = fact(&s, Asked::Deadline, &ctx("郵送だと認定書はいつ届く?"));
    assert!(ja(&step).contains("10営業日"), "{}", ja(&step));
    // やさしい日本語 quotes it as the Japanese does.
    assert!(
        translated(
            Lang::Easy,
            &s,
            Asked::Deadline,
            &ctx("令和7年度の受付期間はいつ?")
        )
        .contains("5月12日〜6月13日")
    );
    // A question on another subject gets the window, not a dated sentence.
    let next = fact(&s, Asked::Deadline, &ctx("次の締切はいつ?"));
    assert!(
        !ja(&next).contains("5月12日") && !ja(&next).contains("営業日"),
        "{}",
        ja(&next)
    );
}

#[test]
fn a_yearly_programme_gives_its_past_round_and_says_the_next_is_unannounced() {
    use crate::domain::facts::sentence::Sentence;
    let mut s = scheme();
    s.window.kind = WindowKind::Annual;
    let mut after = ctx("締切はいつ?");
    after.today = NaiveDate::from_ymd_opt(2026, 12, 3);
    let f = fact(&s, Asked::Deadline, &after);
    assert!(f.known);
    assert!(
        f.sentences
            .iter()
            .any(|p| matches!(p, Sentence::Round { label, .. } if label == "第1回")),
        "{:?}",
        f.sentences
    );
    assert!(
        f.sentences
            .iter()
            .any(|p| matches!(p, Sentence::NextRoundUnannounced { .. })),
        "{:?}",
        f.sentences
    );
    // While its round is open, that round is the answer.
    let open = fact(&s, Asked::Deadline, &ctx("締切はいつ?"));
    assert!(
        !open
            .sentences
            .iter()
            .any(|p| matches!(p, Sentence::NextRoundUnannounced { .. })),
        "{:?}",
        open.sentences
    );
}

/// The fact in each language, for a reply to `q`.
fn in_every_language(scheme: &Scheme, asked: Asked, c: &FactContext) -> [String; 3] {
    [
        ja(&fact(scheme, asked, c)),
        translated(Lang::En, scheme, asked, c),
        translated(Lang::Easy, scheme, asked, c),
    ]
}

#[test]
fn a_combination_question_names_the_schemes_the_entry_excludes_by_title() {
    let s = Scheme {
        not_combinable_with: vec!["tokyo-sogyo-josei".into()],
        ..scheme()
    };
    let c = FactContext {
        not_combinable: vec!["創業助成事業（東京都）"],
        ..ctx("他の補助金と併用できますか?")
    };
    let f = fact(&s, Asked::Combination, &c);
    assert!(f.known);
    let [ja, en, easy] = in_every_language(&s, Asked::Combination, &c);
    assert_eq!(
        ja,
        "「港区テスト補助金」は、「創業助成事業（東京都）」とは同じ経費に併用できません。"
    );
    assert!(
        en.contains("cannot be combined with") && en.contains("創業助成事業（東京都）"),
        "{en}"
    );
    assert!(
        easy.contains("いっしょに") && easy.contains("創業助成事業（東京都）"),
        "{easy}"
    );
}

#[test]
fn a_combination_the_corpus_has_no_rule_for_is_never_a_yes() {
    let c = ctx("東京都の助成金と一緒に使えますか?");
    let f = fact(&scheme(), Asked::Combination, &c);
    assert!(!f.known);
    let [ja, en, easy] = in_every_language(&scheme(), Asked::Combination, &c);
    assert!(
        ja.contains("この併用を制限する決まりは見当たりません")
            && ja.contains("港区 産業振興課 03-3578-2111でご確認ください"),
        "{ja}"
    );
    assert!(
        en.contains("no rule that restricts this combination") && en.contains("港区 産業振興課"),
        "{en}"
    );
    assert!(
        easy.contains("きまりは") && easy.contains("使えるとは かぎりません"),
        "{easy}"
    );
    for text in [&ja, &en, &easy] {
        assert!(
            !text.contains("併用できます") && !text.to_lowercase().starts_with("yes"),
            "{text}"
        );
    }
}

#[test]
fn a_contact_question_gives_the_phone_the_entry_holds_and_nothing_unknown() {
    let c = ctx("問い合わせの電話番号は?");
    let [ja, en, easy] = in_every_language(&scheme(), Asked::Contact, &c);
    for text in [&ja, &en, &easy] {
        assert!(text.contains("03-3578-2111"), "{text}");
        assert!(
            !text.contains("確認できていません") && !text.contains("not confirmed"),
            "{text}"
        );
    }
}

#[test]
fn a_contact_without_phone_or_hours_says_so_and_gives_what_is_known() {
    let s = Scheme {
        contact: "東京都産業労働局 商工部 地域産業振興課".into(),
        how_to_apply: "商工会議所に申し込む。".into(),
        ..scheme()
    };
    let c = ctx("電話番号と受付時間は?");
    let f = fact(&s, Asked::Contact, &c);
    assert_eq!(
        f.sentences[1..],
        [Sentence::PhoneUnknown, Sentence::HoursUnknown]
    );
    let [ja, en, easy] = in_every_language(&s, Asked::Contact, &c);
    assert!(
        ja.contains("問い合わせ先は東京都産業労働局 商工部 地域産業振興課です"),
        "{ja}"
    );
    assert!(
        ja.contains("電話番号は、この案内の情報源では確認できていません"),
        "{ja}"
    );
    assert!(
        ja.contains("受付の曜日・時間は、この案内の情報源では確認できていません"),
        "{ja}"
    );
    assert!(
        en.contains("phone number is not confirmed")
            && en.contains("days and hours are not confirmed"),
        "{en}"
    );
    assert!(
        easy.contains("電話番号（でんわばんごう）は") && easy.contains("開いて いる 日と 時間は"),
        "{easy}"
    );
    // Hours the contact names are known; only the phone is not asked.
    let open = Scheme {
        contact: "港区立産業振興センター（開館時間：月〜土 9:00〜21:30）".into(),
        ..s
    };
    let f = fact(&open, Asked::Contact, &ctx("何時まで開いていますか?"));
    assert_eq!(f.sentences.len(), 1, "{:?}", f.sentences);
}

#[test]
fn a_fee_is_the_sentence_that_says_what_using_it_costs_or_unknown() {
    let seminar = Scheme {
        kind: Kind::Seminar,
        summary: "創業したい人が創業計画書の作り方を学べるセミナー。".into(),
        details: "年2回開かれます。受講料は無料です。会場は区内です。".into(),
        ..scheme()
    };
    let f = fact(&seminar, Asked::Fee, &ctx("参加費はかかりますか"));
    assert!(f.known, "{f:?}");
    let [in_ja, en, easy] = in_every_language(&seminar, Asked::Fee, &ctx("参加費はかかりますか"));
    for text in [&in_ja, &en, &easy] {
        assert!(text.contains("受講料は無料です"), "{text}");
    }
    assert!(!in_ja.contains("年2回"), "{in_ja}");
    // A subsidy whose words say nothing of a fee: not known, and where to confirm.
    let f = fact(&scheme(), Asked::Fee, &ctx("相談料は？"));
    assert!(!f.known, "{f:?}");
    assert!(ja(&f).contains("確認"), "{}", ja(&f));
}

#[test]
fn a_count_is_the_sentence_that_gives_the_number_of_times_or_unknown() {
    let desk = Scheme {
        kind: Kind::Consultation,
        summary: "専門家が事務所に出向いて助言する。".into(),
        details: "申込みは電話で受け付けます。派遣は1テーマにつき年8回までです。".into(),
        ..scheme()
    };
    let c = ctx("派遣は何回まで？");
    assert!(fact(&desk, Asked::Count, &c).known);
    for text in in_every_language(&desk, Asked::Count, &c) {
        assert!(text.contains("年8回まで"), "{text}");
    }
    let f = fact(&scheme(), Asked::Count, &c);
    assert!(!f.known, "{f:?}");
}

#[test]
fn the_sentence_on_what_the_question_names_is_quoted_once() {
    let mut s = scheme();
    s.details = "申請書と見積書を提出します。パソコンなどの電子計算機は対象から外れました。".into();
    let q = "港区テスト補助金って、パソコンを買った場合も使える?";
    let facts = vec![fact(&s, Asked::Eligibility, &ctx(q))];
    let point = crate::domain::facts::on_point(&s, q, &facts).expect("the sentence on パソコン");
    assert_eq!(
        render(Messages::new(Lang::Ja), &[point]),
        "パソコンなどの電子計算機は対象から外れました。"
    );
    // Nothing named beyond the scheme and the asked attribute: nothing added.
    assert!(crate::domain::facts::on_point(&s, "港区テスト補助金の対象は?", &facts).is_none());
    // A sentence the facts already quote is not quoted again.
    s.eligibility.conditions = vec!["パソコンなどの電子計算機は対象から外れました".into()];
    let facts = vec![fact(&s, Asked::Eligibility, &ctx(q))];
    assert!(crate::domain::facts::on_point(&s, q, &facts).is_none());
}

#[test]
fn the_lowest_cost_asked_is_the_sentence_that_gives_it() {
    use crate::domain::asked::Point;
    use crate::domain::facts::point_named;
    let floor_named =
        |s: &Scheme, c: &FactContext, f: &[Fact]| point_named(s, c, f, Point::LowestCost);
    let mut s = scheme();
    s.details = "設備の更新を補助します。対象は経費が50万円以上の設備です。".into();
    let q = "設備はいくら以上なら対象?";
    let facts = vec![fact(&s, Asked::Amount, &ctx(q))];
    let floor = floor_named(&s, &ctx(q), &facts).expect("the sentence on 50万円以上");
    assert_eq!(
        render(Messages::new(Lang::Ja), &[floor]),
        "対象は経費が50万円以上の設備です。"
    );
    // Not asked: nothing added.
    assert!(floor_named(&s, &ctx("上限は?"), &facts).is_none());
    // A floor of the fields already answers it.
    s.amount.as_mut().expect("amount").min_yen = Some(500_000);
    let facts = vec![fact(&s, Asked::Amount, &ctx(q))];
    assert!(floor_named(&s, &ctx(q), &facts).is_none());
}

#[test]
fn a_visit_asked_is_the_sentence_on_visits() {
    use crate::domain::asked::Point;
    use crate::domain::facts::point_named;
    let visit_named = |s: &Scheme, c: &FactContext, f: &[Fact]| point_named(s, c, f, Point::Visit);
    let mut s = scheme();
    s.details = "窓口で相談できます。会社への訪問相談にも対応します。".into();
    let q = "会社に来てくれますか?";
    let facts = vec![fact(&s, Asked::Contact, &ctx(q))];
    let visit = visit_named(&s, &ctx(q), &facts).expect("the sentence on 訪問");
    assert_eq!(
        render(Messages::new(Lang::Ja), &[visit]),
        "会社への訪問相談にも対応します。"
    );
    assert!(visit_named(&s, &ctx("電話番号は?"), &facts).is_none());
}

#[test]
fn how_long_it_takes_is_answered_with_the_sentence_giving_the_span() {
    let mut s = scheme();
    s.details = "申請書と見積書を提出します。区に届いてから5営業日ほどで認定書を送ります。".into();
    let how = ja(&fact(
        &s,
        Asked::HowToApply,
        &ctx("郵送で申請したら認定書が届くまでどのくらいかかる?"),
    ));
    assert!(how.contains("5営業日ほどで認定書を送ります"), "{how}");
    // Not asked how long: the span is not added.
    let how = ja(&fact(&s, Asked::HowToApply, &ctx("申請方法は?")));
    assert!(!how.contains("5営業日"), "{how}");
}

#[test]
fn the_term_quotes_the_sentence_with_the_repayment_period_or_says_it_is_unknown() {
    let mut s = scheme();
    s.details = "申請書を提出します。返済期間は設備資金20年以内、運転資金7年以内です。".into();
    let f = fact(&s, Asked::Term, &ctx("返済期間は?"));
    assert!(f.known);
    assert!(ja(&f).contains("設備資金20年以内"), "{}", ja(&f));
    for text in in_every_language(&s, Asked::Term, &ctx("返済期間は?")) {
        assert!(text.contains("20年以内"), "{text}");
    }
    let f = fact(&scheme(), Asked::Term, &ctx("返済期間は?"));
    assert!(!f.known);
}

//! Who may apply: the structured rules, years in business and conditions on the owner.

use super::{FactContext, closest, nearest};
use crate::domain::asked::asks_whether_covered;
use crate::domain::scheme::{
    Area, LegalForm, OfficeRule, PersonRule, PreFounding, Scheme, SizeRule, yen_ja,
};

pub(super) fn area_ja(area: Area) -> &'static str {
    match area {
        Area::Minato => "港区内",
        Area::Tokyo => "都内",
        Area::Anywhere | Area::OtherPrefecture => "",
    }
}

pub(super) fn eligibility(scheme: &Scheme, ctx: &FactContext) -> String {
    let e = &scheme.eligibility;
    let legal = match e.legal_form {
        LegalForm::Any => "法人・個人事業主のどちらも対象です。",
        LegalForm::Corporate => "法人（会社）が対象で、個人事業主は対象外です。",
        LegalForm::SoleProprietor => {
            "個人（個人事業主・創業予定の個人）が対象で、法人は対象外です。"
        }
    };
    let size = match e.size {
        SizeRule::Sme => "中小企業者",
        SizeRule::Small if e.small_by_law() => {
            "小規模事業者（常時使用する従業員が製造業その他は20人以下、商業・サービス業は5人以下。宿泊業・娯楽業は20人以下）"
        }
        SizeRule::Small => "小規模事業者",
        SizeRule::Any => "事業者",
    };
    let place = match (e.location, e.office) {
        (Area::Anywhere | Area::OtherPrefecture, _) => String::new(),
        (area, OfficeRule::HeadOffice) => {
            format!("{}に本店（個人は主たる事業所）がある", area_ja(area))
        }
        (area, OfficeRule::AnyOffice) => format!("{}に事業所がある", area_ja(area)),
    };
    let mut who = covered_rule(scheme, ctx.question)
        .map(|c| {
            format!("条件は「{c}」です。ご質問のケースがこの条件を満たさない場合は対象外です。")
        })
        .unwrap_or_default();
    who.push_str(&format!("主な対象は{place}{size}で、{legal}"));
    let rules = structured_rules(scheme);
    if !rules.is_empty() {
        who.push_str(&format!("条件：{}。", rules.join("／")));
    }
    let picked = nearest(
        e.conditions.iter().chain(e.requirements.iter()),
        ctx.question,
        4,
    );
    if !picked.is_empty() {
        who.push_str(&format!("主な条件：{}。", picked.join("／")));
    }
    who
}

/// For a question whether a particular case is covered ("同じ研究テーマでも申請できる？"), the
/// condition of the entry that decides it: the one sharing the most with the question, when
/// it is a limit (…ないこと, 対象外, …に限る) and clearly on the question's subject.
pub(super) fn covered_rule(scheme: &Scheme, question: &str) -> Option<String> {
    const LIMIT: &[&str] = &[
        "ないこと",
        "ない者",
        "ない方",
        "対象外",
        "除く",
        "除き",
        "不可",
        "できない",
        "に限る",
        "に限り",
        "のみ",
        "重複",
    ];
    if !asks_whether_covered(question) {
        return None;
    }
    let e = &scheme.eligibility;
    let (n, best) = closest(e.conditions.iter().chain(e.requirements.iter()), question)?;
    (n >= 3 && LIMIT.iter().any(|w| best.contains(w)))
        .then(|| best.trim_end_matches('。').to_string())
}

/// The rules the structured eligibility holds beyond place, size and legal form, each as a
/// short clause whose numbers come from the fields.
pub(super) fn structured_rules(scheme: &Scheme) -> Vec<String> {
    let e = &scheme.eligibility;
    let mut rules = Vec::new();
    if let Some(n) = e.max_employees {
        rules.push(format!("常時使用する従業員{n}人以下"));
    }
    if let Some(n) = e.min_employees {
        rules.push(format!("常時雇用する従業員{n}人以上"));
    }
    if let Some(y) = e.max_capital_yen {
        rules.push(format!("資本金{}以下", yen_ja(y)));
    }
    for cap in &e.size_caps {
        let sectors = if cap.sectors.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = cap.sectors.iter().map(|s| s.label_ja()).collect();
            format!("{}は", names.join("・"))
        };
        let limits: Vec<String> = cap
            .max_capital_yen
            .map(|y| format!("資本金{}以下", yen_ja(y)))
            .into_iter()
            .chain(cap.max_employees.map(|n| format!("従業員{n}人以下")))
            .collect();
        if !limits.is_empty() {
            rules.push(format!("{sectors}{}", limits.join("または")));
        }
    }
    if let Some(n) = e.min_years {
        rules.push(years_in_business(e.min_years_area, n));
    }
    if let Some(n) = e.max_years {
        rules.push(format!("創業{n}年未満"));
    }
    if let Some(p) = &e.person {
        rules.extend(person_rule(p));
    }
    if let Some(y) = e.min_sales_yen {
        rules.push(format!("年間売上高{}以上", yen_ja(y)));
    }
    if let Some(y) = e.max_sales_yen {
        rules.push(format!("年間売上高{}未満", yen_ja(y)));
    }
    if !e.excluded_industries.is_empty() {
        rules.push(format!(
            "対象外の業種：{}",
            e.excluded_industries.join("・")
        ));
    }
    if e.shotenkai_member {
        rules.push("商店会の会員であること".to_string());
    }
    if e.once_only {
        rules.push("過去にこの制度を受けていないこと".to_string());
    }
    rules
}

/// "区内で引き続き1年以上事業を営んでいること", with the place the years count in.
pub(super) fn years_in_business(area: Area, n: u32) -> String {
    let place = area_ja(area);
    if place.is_empty() {
        format!("事業を{n}年以上営んでいること")
    } else {
        format!("{place}で引き続き{n}年以上事業を営んでいること")
    }
}

/// The owner's age, gender or experience, as the clauses of one rule.
pub(super) fn person_rule(p: &PersonRule) -> Vec<String> {
    let mut rules = Vec::new();
    let mut who: Vec<String> = Vec::new();
    if p.women {
        who.push("女性".into());
    }
    // "35歳未満" is also "34歳以下": both, since sources write either.
    if let Some(n) = p.below_age {
        who.push(match n.checked_sub(1) {
            Some(m) if m > 0 => format!("{n}歳未満（{m}歳以下）"),
            _ => format!("{n}歳未満"),
        });
    }
    if let Some(n) = p.from_age {
        who.push(format!("{n}歳以上"));
    }
    if !who.is_empty() {
        rules.push(format!(
            "代表者（創業者）が{}であること",
            who.join("、または")
        ));
    }
    if let Some(n) = p.max_management_years {
        rules.push(format!("経営経験が通算{n}年未満であること"));
    }
    rules
}

pub(super) fn years(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    let e = &scheme.eligibility;
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = e.max_years {
        parts.push(format!("創業{n}年未満の事業者が対象です。"));
    }
    if let Some(n) = e.min_years {
        parts.push(format!(
            "{}が条件です。",
            years_in_business(e.min_years_area, n)
        ));
    }
    let person = e.person.as_ref().map(person_rule).unwrap_or_default();
    for p in &person {
        parts.push(format!("{p}が条件です。"));
    }
    parts.push(
        match e.pre_founding {
            PreFounding::Allowed => "創業前の方（これから創業する方）も利用できます。",
            PreFounding::Only => "創業前の方だけが対象です。",
            PreFounding::No => "創業前は利用できません（事業を始めてから申請・利用します）。",
        }
        .to_string(),
    );
    // Conditions on years, months or age, in the entry's own words.
    let timed: Vec<&String> = e
        .conditions
        .iter()
        .chain(e.requirements.iter())
        .filter(|c| {
            ["年以上", "年未満", "年以内", "か月", "歳", "期以上", "決算"]
                .iter()
                .any(|w| c.contains(w))
        })
        .take(2)
        .collect();
    for c in timed {
        parts.push(format!("条件：{}。", c.trim_end_matches('。')));
    }
    if parts.len() == 1 && asks_age(ctx.question) {
        return (parts.concat(), false);
    }
    (parts.concat(), true)
}

pub(super) fn asks_age(q: &str) -> bool {
    q.contains('歳') || q.contains("年齢") || q.contains("how old") || q.contains("age ")
}

//! A scheme's rules in plain Japanese, for the exports to the national formats.

use super::size::caps_ja;
use super::stage::years_area_ja;
use crate::domain::scheme::{
    self, Area, LegalForm, OfficeRule, PreFounding, Scheme, SizeRule, yen_ja,
};

/// The scheme's rules in plain words, one line each, structured ones first, then its
/// `conditions` (for the exports to the national formats, whose eligibility is text).
pub fn rules_ja(scheme: &Scheme) -> Vec<String> {
    let e = &scheme.eligibility;
    let mut out = Vec::new();
    let area = match e.location {
        Area::Minato => Some("港区内"),
        Area::Tokyo => Some("東京都内"),
        Area::Anywhere | Area::OtherPrefecture => None,
    };
    if let Some(area) = area {
        out.push(match e.office {
            OfficeRule::HeadOffice => format!("{area}に本店（主たる事業所）があること"),
            OfficeRule::AnyOffice => format!("{area}に事業所があること"),
        });
    }
    match e.size {
        SizeRule::Sme => out.push("中小企業者（中小企業基本法の定義）であること".into()),
        SizeRule::Small => out.push(
            "小規模事業者（常時使用する従業員が製造業その他20人以下、商業・サービス業5人以下、宿泊業・娯楽業20人以下）であること"
                .into(),
        ),
        SizeRule::Any => {}
    }
    match (e.min_employees, e.max_employees) {
        (Some(a), Some(b)) => out.push(format!("常時使用する従業員が{a}人以上{b}人以下であること")),
        (Some(a), None) => out.push(format!("常時使用する従業員が{a}人以上であること")),
        (None, Some(b)) => out.push(format!("常時使用する従業員が{b}人以下であること")),
        (None, None) => {}
    }
    if let Some(cap) = e.max_capital_yen {
        out.push(format!("法人は資本金{}以下であること", yen_ja(cap)));
    }
    if !e.size_caps.is_empty() {
        out.push(format!("{}であること", caps_ja(&e.size_caps)));
    }
    if let Some(min) = e.min_years {
        out.push(format!(
            "{}引き続き{min}年以上事業を営んでいること",
            years_area_ja(e.min_years_area)
        ));
    }
    if let Some(max) = e.max_years {
        out.push(format!("創業{max}年未満であること"));
    }
    match e.pre_founding {
        PreFounding::Allowed => out.push("創業予定の方も対象".into()),
        PreFounding::Only => out.push("創業予定の方のみ対象".into()),
        _ => {}
    }
    match e.legal_form {
        LegalForm::Corporate => out.push("法人のみ対象".into()),
        LegalForm::SoleProprietor => out.push("個人（個人事業主・創業予定の個人）のみ対象".into()),
        LegalForm::Any => {}
    }
    if e.shotenkai_member {
        out.push("商店会に加盟していること".into());
    }
    if !scheme
        .industries
        .iter()
        .any(|i| i == scheme::ALL_INDUSTRIES)
    {
        out.push(format!("対象業種：{}", scheme.industries.join("、")));
    }
    if !e.excluded_industries.is_empty() {
        out.push(format!(
            "対象外の業種：{}",
            e.excluded_industries.join("、")
        ));
    }
    if !e.partly_excluded_industries.is_empty() {
        out.push(format!(
            "一部の事業が対象外の業種：{}",
            e.partly_excluded_industries.join("、")
        ));
    }
    if let Some(person) = &e.person {
        let mut branches = Vec::new();
        if person.women {
            branches.push("女性".to_string());
        }
        if let Some(b) = person.below_age {
            branches.push(format!("{b}歳未満"));
        }
        if let Some(f) = person.from_age {
            branches.push(format!("{f}歳以上"));
        }
        if !branches.is_empty() {
            out.push(format!("代表者が{}であること", branches.join("、または")));
        }
        if let Some(m) = person.max_management_years {
            out.push(format!("代表者の経営経験が通算{m}年未満であること"));
        }
    }
    match (e.min_sales_yen, e.max_sales_yen) {
        (Some(a), Some(b)) => out.push(format!(
            "年間売上高が{}以上{}未満であること",
            yen_ja(a),
            yen_ja(b)
        )),
        (Some(a), None) => out.push(format!("年間売上高が{}以上であること", yen_ja(a))),
        (None, Some(b)) => out.push(format!("年間売上高が{}未満であること", yen_ja(b))),
        (None, None) => {}
    }
    if !e.situations.is_empty() {
        let who: Vec<&str> = e.situations.iter().map(|s| s.label_ja()).collect();
        out.push(format!("{}が対象", who.join("、または")));
    }
    if !e.requires.is_empty() {
        let what: Vec<&str> = e.requires.iter().map(|r| r.label_ja()).collect();
        out.push(format!("{}が前提", what.join("、または")));
    }
    if e.once_only {
        out.push("1事業者1回限り".into());
    }
    out.extend(e.conditions.iter().cloned());
    out
}

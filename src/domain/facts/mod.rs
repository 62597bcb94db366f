//! What a scheme's structured fields say about one asked attribute ([`Asked`]), as one or two
//! plain sentences. Every number in a sentence comes from the corpus entry (its amount, rounds,
//! conditions, how-to-apply text, contact or the desk that describes it); when the entry does
//! not hold the fact, the sentence says so and names where to confirm it. Never a guess.

pub mod english;

use chrono::NaiveDate;

use super::asked::Asked;
use super::consultants::Desk;
use super::scheme::{
    Area, Kind, LegalForm, OfficeRule, PersonRule, PreFounding, Scheme, SizeRule, WindowKind,
    WindowStatus, yen_ja,
};

/// One attribute answered: the sentence, and whether the corpus actually held the fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub asked: Asked,
    pub text: String,
    /// False when the sentence says the fact is not known (then a FAQ may still hold it).
    pub known: bool,
}

/// What else a fact may draw on besides the scheme itself.
#[derive(Debug, Clone, Default)]
pub struct FactContext<'a> {
    /// Today in Tokyo (window status).
    pub today: Option<NaiveDate>,
    /// The desks that describe this scheme (`consultants.toml`, `scheme_id`): hours and phone.
    pub desks: Vec<&'a Desk>,
    /// The other scheme the question names, for a combination question.
    pub other: Option<&'a Scheme>,
    /// Titles of the schemes this one cannot be combined with.
    pub not_combinable: Vec<&'a str>,
    /// The caller's question, normalised (which sub-point of an attribute to put first).
    pub question: &'a str,
}

/// The fact `asked` about `scheme`.
pub fn fact(scheme: &Scheme, asked: Asked, ctx: &FactContext) -> Fact {
    let (text, known) = match asked {
        Asked::Amount => amount(scheme, ctx),
        Asked::Rate => rate(scheme),
        Asked::Eligibility => (eligibility(scheme, ctx), true),
        Asked::Years => years(scheme, ctx),
        Asked::Deadline => deadline(scheme, ctx),
        Asked::HowToApply => (how_to_apply(scheme), true),
        Asked::Documents => documents(scheme),
        Asked::Contact => (contact(scheme, ctx), true),
        Asked::Combination => combination(scheme, ctx),
    };
    let text = if known {
        text
    } else {
        unknown(scheme, asked, &text)
    };
    Fact { asked, text, known }
}

/// "Not in our sources", where to confirm it, and anything related the entry does say.
fn unknown(scheme: &Scheme, asked: Asked, also: &str) -> String {
    let mut s = format!(
        "{}は、この案内の情報源では確認できていません。{}または公式ページでご確認ください。",
        asked.label_ja(),
        end_plain(&scheme.contact)
    );
    if !also.is_empty() {
        s.push_str(also);
    }
    s
}

fn amount(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    let Some(a) = &scheme.amount else {
        return (String::new(), false);
    };
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "融資の限度額",
        Kind::Subsidy | Kind::Grant => "補助・助成の額",
        _ => "金額",
    };
    let mut parts: Vec<String> = Vec::new();
    match (&a.text, a.max_yen) {
        (Some(t), _) => parts.push(format!("{what}は{}です。", t.trim_end_matches('。'))),
        (None, Some(max)) => parts.push(format!("{what}の上限は{}です。", yen_ja(max))),
        (None, None) => {}
    }
    let text_has = |needle: &str| a.text.as_deref().is_some_and(|t| t.contains(needle));
    if let Some(max) = a.max_yen
        && a.text.is_some()
        && !text_has(&yen_ja(max))
        && (ctx.question.contains("上限") || ctx.question.contains("最大"))
    {
        parts.push(format!("上限は{}です。", yen_ja(max)));
    }
    if let Some(min) = a.min_yen
        && !text_has("下限")
    {
        parts.push(format!("下限は{}です。", yen_ja(min)));
    }
    if parts.is_empty() {
        return (String::new(), false);
    }
    if let Some(r) = &a.rate
        && !parts.concat().contains(r.as_str())
        && (ctx.question.contains("率") || ctx.question.contains("rate"))
    {
        parts.push(format!("率は{}です。", r));
    }
    (parts.concat(), true)
}

fn rate(scheme: &Scheme) -> (String, bool) {
    let a = scheme.amount.as_ref();
    let what = match scheme.kind {
        Kind::Loan | Kind::LoanMediation => "利率",
        Kind::InterestSubsidy => "補助の割合",
        Kind::Certification => "税の優遇の割合",
        _ => "補助率・助成率",
    };
    match (
        a.and_then(|a| a.rate.as_ref()),
        a.and_then(|a| a.text.as_ref()),
    ) {
        (Some(r), Some(t)) if !t.contains(r.as_str()) => (
            format!("{what}は{}です（{}）。", r, t.trim_end_matches('。')),
            true,
        ),
        (Some(r), _) => (format!("{what}は{}です。", r), true),
        (None, Some(t)) if has_rate(t) => (
            format!("{what}は、{}とされています。", t.trim_end_matches('。')),
            true,
        ),
        _ => (String::new(), false),
    }
}

fn has_rate(t: &str) -> bool {
    t.contains("分の") || t.contains('%') || t.contains('％') || t.contains('/')
}

fn area_ja(area: Area) -> &'static str {
    match area {
        Area::Minato => "港区内",
        Area::Tokyo => "都内",
        Area::Anywhere | Area::OtherPrefecture => "",
    }
}

fn eligibility(scheme: &Scheme, ctx: &FactContext) -> String {
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
    let mut who = format!("主な対象は{place}{size}で、{legal}");
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

/// The rules the structured eligibility holds beyond place, size and legal form, each as a
/// short clause whose numbers come from the fields.
fn structured_rules(scheme: &Scheme) -> Vec<String> {
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
fn years_in_business(area: Area, n: u32) -> String {
    let place = area_ja(area);
    if place.is_empty() {
        format!("事業を{n}年以上営んでいること")
    } else {
        format!("{place}で引き続き{n}年以上事業を営んでいること")
    }
}

/// The owner's age, gender or experience, as the clauses of one rule.
fn person_rule(p: &PersonRule) -> Vec<String> {
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

/// Up to `n` of `texts`, those sharing the most with the question first, each without its
/// final "。" (the entry's own words).
fn nearest<'a>(texts: impl Iterator<Item = &'a String>, question: &str, n: usize) -> Vec<String> {
    let mut texts: Vec<&String> = texts.collect();
    texts.sort_by_key(|c| std::cmp::Reverse(shared(c, question)));
    texts
        .iter()
        .take(n)
        .map(|c| c.trim_end_matches('。').to_string())
        .collect()
}

/// How many two-character pieces of `condition` appear in `question` (a crude overlap).
fn shared(condition: &str, question: &str) -> usize {
    let chars: Vec<char> = condition.chars().collect();
    chars
        .windows(2)
        .filter(|w| {
            w.iter()
                .all(|c| !c.is_ascii_punctuation() && !"、。（）・".contains(*c))
        })
        .filter(|w| question.contains(&w.iter().collect::<String>()))
        .count()
}

fn years(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
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

fn asks_age(q: &str) -> bool {
    q.contains('歳') || q.contains("年齢") || q.contains("how old") || q.contains("age ")
}

/// 2026-04-03 → "2026年4月3日".
pub fn date_ja(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

fn deadline(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    let w = &scheme.window;
    let today = ctx.today;
    let mut parts: Vec<String> = Vec::new();
    let known = w.kind != WindowKind::Annual;
    match w.kind {
        WindowKind::Always => {
            parts.push("通年で受け付けています（決まった締切はありません）。".into());
            // A desk's days ("水曜日の午後にブースで相談する") answer "いつ受けられる？".
            for s in sentences(&scheme.how_to_apply) {
                if ["曜", "午後", "午前"].iter().any(|w| s.contains(w)) {
                    parts.push(format!("相談日：{s}"));
                }
            }
        }
        WindowKind::Annual => {
            parts.push(format!(
                "例年募集がありますが、次の募集時期はこの案内の確認日（{}）時点で発表されていません。",
                date_ja(scheme.as_of)
            ));
            // What the sources say about earlier rounds ("例年春と秋の年2回募集",
            // "令和7年度は…受付"): the pattern to expect, not the next dates.
            let past = past_rounds(scheme);
            if !past.is_empty() {
                parts.push(format!("これまでの募集：{}", past.concat()));
            }
        }
        WindowKind::Rounds => {
            let status = today.map(|t| w.status_on(t));
            for r in &w.rounds {
                let state = match today {
                    Some(t) if r.opens <= t && t <= r.closes => "受付中",
                    Some(t) if t < r.opens => "受付予定",
                    Some(_) => "受付終了",
                    None => "",
                };
                parts.push(format!(
                    "{}の受付期間は{}〜{}です{}。",
                    r.label,
                    date_ja(r.opens),
                    date_ja(r.closes),
                    if state.is_empty() {
                        String::new()
                    } else {
                        format!("（{state}）")
                    }
                ));
            }
            if status == Some(WindowStatus::Closed) {
                parts.push(format!(
                    "次の回の日程はこの案内では確認できていません。{}または公式ページでご確認ください。",
                    end_plain(&scheme.contact)
                ));
            }
        }
    }
    // Time limits counted from an event ("…から2か月以内に申請", "前日までに計画書を提出",
    // "先着順"), from the how-to-apply text and the requirements.
    let limits = sentences(&scheme.how_to_apply)
        .into_iter()
        .chain(scheme.eligibility.requirements.iter().map(|r| end(r)))
        .filter(|s| TIME_LIMIT.iter().any(|w| s.contains(w)))
        .take(3);
    for s in limits {
        parts.push(format!("申請の時期：{s}"));
    }
    (parts.concat(), known)
}

/// Words of a sentence that sets when to apply.
const TIME_LIMIT: &[&str] = &[
    "以内",
    "までに",
    "前までに",
    "前日まで",
    "先着",
    "期間",
    "例年",
    "締切",
    "期限",
];

/// Sentences of the entry's details and notes about earlier rounds: a timing word and a
/// month or a season, shortest first, at most two.
fn past_rounds(scheme: &Scheme) -> Vec<String> {
    const TIMING: &[&str] = &[
        "例年",
        "募集期間",
        "受付期間",
        "申請期間",
        "申請受付",
        "締切",
        "募集",
        "受付",
    ];
    const WHEN: &[&str] = &["月", "春", "秋", "年2回", "年に数回", "年度"];
    let mut found: Vec<String> = sentences(&scheme.details)
        .into_iter()
        .chain(scheme.notes.iter().flat_map(|n| sentences(n)))
        .filter(|s| TIMING.iter().any(|w| s.contains(w)) && WHEN.iter().any(|w| s.contains(w)))
        .filter(|s| s.chars().count() <= 160)
        .collect();
    found.sort_by_key(|s| s.chars().count());
    found.dedup();
    found.truncate(2);
    found
}

/// How and where: the how-to-apply text, a sentence of the details on the way to apply
/// that it does not already say (online, by post, at a desk), and whom to ask.
fn how_to_apply(scheme: &Scheme) -> String {
    const WAYS: &[&str] = &[
        "jgrants",
        "jGrants",
        "Jグランツ",
        "電子申請",
        "オンライン",
        "郵送",
        "持参",
        "窓口",
        "予約",
        "申請書",
        "申し込",
        "申込",
    ];
    let mut s = format!("申請方法：{}", end(&scheme.how_to_apply));
    if let Some(more) = sentences(&scheme.details)
        .into_iter()
        .filter(|d| d.chars().count() <= 160)
        .find(|d| {
            WAYS.iter()
                .any(|w| d.contains(w) && !scheme.how_to_apply.contains(w))
        })
    {
        s.push_str(&more);
    }
    s.push_str(&format!(
        "申請先・問い合わせ先：{}。",
        end_plain(&scheme.contact)
    ));
    s
}

fn documents(scheme: &Scheme) -> (String, bool) {
    const PAPERS: &[&str] = &[
        "書類",
        "申請書",
        "計画書",
        "見積",
        "証明",
        "添え",
        "様式",
        "写し",
        "届",
        "報告書",
        "契約書",
        "決算書",
        "試算表",
        "カタログ",
        "写真",
        "シート",
        "同意書",
        "領収書",
    ];
    let found: Vec<String> = sentences(&scheme.how_to_apply)
        .into_iter()
        .chain(sentences(&scheme.details))
        .chain(scheme.eligibility.requirements.iter().map(|r| end(r)))
        .filter(|s| PAPERS.iter().any(|w| s.contains(w)))
        .take(3)
        .collect();
    if found.is_empty() {
        return (String::new(), false);
    }
    (format!("必要な書類について：{}", found.concat()), true)
}

fn contact(scheme: &Scheme, ctx: &FactContext) -> String {
    let mut s = format!("問い合わせ先は{}です。", end_plain(&scheme.contact));
    for d in ctx.desks.iter().take(2) {
        s.push_str(&format!(
            "{}の受付は{}です（{}）。",
            d.name,
            d.schedule_ja(),
            d.how_to_book.trim_end_matches('。')
        ));
        if let Some(phone) = &d.phone
            && !s.contains(phone.as_str())
        {
            s.push_str(&format!("電話：{phone}。"));
        }
    }
    // Days and times a desk keeps that the how-to-apply text gives ("水曜日の午後").
    if ctx.desks.is_empty() {
        for h in sentences(&scheme.how_to_apply) {
            if ["曜", "午後", "午前", "時"].iter().any(|w| h.contains(w)) {
                s.push_str(&h);
            }
        }
    }
    s
}

fn combination(scheme: &Scheme, ctx: &FactContext) -> (String, bool) {
    if let Some(other) = ctx.other {
        if scheme.not_combinable_with.contains(&other.id)
            || other.not_combinable_with.contains(&scheme.id)
        {
            return (
                format!(
                    "「{}」と「{}」は、同じ経費に併用できません。",
                    scheme.title, other.title
                ),
                true,
            );
        }
    } else if !ctx.not_combinable.is_empty() {
        return (
            format!(
                "「{}」は、{}とは同じ経費に併用できません。",
                scheme.title,
                ctx.not_combinable
                    .iter()
                    .map(|t| format!("「{t}」"))
                    .collect::<Vec<_>>()
                    .join("・")
            ),
            true,
        );
    }
    let rules: Vec<&String> = scheme
        .eligibility
        .conditions
        .iter()
        .filter(|c| {
            ["受けていない", "重ねて", "同じ経費", "併用", "受けた人"]
                .iter()
                .any(|w| c.contains(w))
        })
        .take(2)
        .collect();
    if rules.is_empty() {
        return (String::new(), false);
    }
    (
        format!(
            "併用に関わる条件：{}。",
            rules
                .iter()
                .map(|c| c.trim_end_matches('。'))
                .collect::<Vec<_>>()
                .join("／")
        ),
        true,
    )
}

/// The rule of `scheme` a caller's own case sits on the edge of: the condition that shares
/// the most with the question, else its rule on years. Quoted in a hand-off's warm summary,
/// so the desk sees what the bot knows; deciding the case is the desk's.
pub fn rule_for(scheme: &Scheme, question: &str) -> Option<String> {
    let best = scheme
        .eligibility
        .conditions
        .iter()
        .map(|c| (shared(c, question), c))
        .filter(|(n, _)| *n > 1)
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c.trim_end_matches('。').to_string());
    best.or_else(|| {
        let e = &scheme.eligibility;
        match (e.min_years, e.max_years) {
            (Some(n), _) => Some(years_in_business(e.min_years_area, n)),
            (None, Some(n)) => Some(format!("創業{n}年未満であること")),
            (None, None) => e
                .conditions
                .first()
                .map(|c| c.trim_end_matches('。').to_string()),
        }
    })
}

/// The sentences of a text, each ending with "。".
pub fn sentences(text: &str) -> Vec<String> {
    text.split_inclusive('。')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.ends_with('。') {
                s.to_string()
            } else {
                format!("{s}。")
            }
        })
        .collect()
}

fn end(text: &str) -> String {
    let t = text.trim();
    if t.ends_with('。') {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

fn end_plain(text: &str) -> &str {
    text.trim().trim_end_matches('。')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scheme::{Amount, EligibilityRules, Round, Window};

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
}

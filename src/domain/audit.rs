//! `shien corpus check --strict`: finds deciding rules left in `conditions` text.
//!
//! A condition line that holds a number or a rule word (以上, 未満, 以内, のみ, 限る, 加盟 …) is a
//! rule the engine could decide, so it must have a structured counterpart: each quantity in it
//! (円, 人, 年, 歳, 回) must equal a value a field of the same scheme holds, with the area its
//! years are counted in, and each bare rule word must match a field (加盟 ↔ `shotenkai_member`,
//! 法人のみ ↔ `legal_form` …). What is left over is reported. `requirements` (what the project or
//! application must meet) is not audited for numbers: no profile answer could decide them.
//!
//! A line of either list that names a plan, certification or fact the business must already
//! hold (経営革新計画の承認を受けていること, 法定雇用率を達成していること) is a prerequisite:
//! the scheme must list it in `requires`, so that a business that has not said it holds one
//! reads "unknown" instead of fitting. A plan the scheme's own procedure obtains (経営力向上計画
//! の認定を受け、その計画にもとづいて…) is a step, not a prerequisite, and is not listed.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::scheme::{
    Area, EligibilityRules, LegalForm, PreFounding, Prerequisite, Scheme, SizeRule,
};

/// Words that make a line a rule even without a number.
const RULE_WORDS: [&str; 11] = [
    "以上", "以下", "未満", "以内", "超え", "のみ", "限る", "限り", "限ら", "加盟", "歳",
];

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d+(?:\.\d+)?)\s*(億|千万|百万|万)?\s*(円|人|年|歳|回)\s*(以上|以下|未満|以内|超え|超|目)?",
    )
    .expect("valid regex")
});

static KANJI_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[一二三四五六七八九十百千]+\s*(年|人|回|か月|ヶ月|カ月|歳|割|度)")
        .expect("valid regex")
});

/// One condition line without a structured counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstructured {
    /// Index in `eligibility.conditions`.
    pub index: usize,
    pub line: String,
    /// What is left over: the quantities and rule words no field holds.
    pub leftovers: Vec<String>,
}

/// Every condition line of `scheme` holding a rule no field holds.
pub fn unstructured_conditions(scheme: &Scheme) -> Vec<Unstructured> {
    scheme
        .eligibility
        .conditions
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let leftovers = leftovers(line, &scheme.eligibility, &scheme.industries);
            (!leftovers.is_empty()).then(|| Unstructured {
                index,
                line: line.clone(),
                leftovers,
            })
        })
        .collect()
}

/// Words saying the business already holds what a line names, rather than obtains it as a step
/// of the scheme (受けること, 作ること).
const HELD: [&str; 7] = [
    "受けている",
    "受けた",
    "達成している",
    "作っている",
    "策定している",
    "策定済",
    "取得している",
];

/// One `conditions` or `requirements` line naming a prerequisite the scheme does not list in
/// `requires`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnstatedPrerequisite {
    /// `conditions` or `requirements`.
    pub field: &'static str,
    pub index: usize,
    pub line: String,
    pub prerequisite: Prerequisite,
}

/// Every line of `scheme` naming, as something the business already holds, a prerequisite its
/// `requires` leaves out. A `conditions` line is about the applicant, so naming one is enough;
/// a `requirements` line must also say it is held (受けている, 達成している …).
pub fn unstated_prerequisites(scheme: &Scheme) -> Vec<UnstatedPrerequisite> {
    let e = &scheme.eligibility;
    let lines = e
        .conditions
        .iter()
        .enumerate()
        .map(|(i, l)| ("conditions", i, l, true))
        .chain(
            e.requirements
                .iter()
                .enumerate()
                .map(|(i, l)| ("requirements", i, l, false)),
        );
    let mut out = Vec::new();
    for (field, index, line, about_applicant) in lines {
        let text = normalise(line);
        if !about_applicant && !HELD.iter().any(|h| text.contains(h)) {
            continue;
        }
        for p in Prerequisite::ALL {
            if p.named_in(&text) && !e.requires.contains(&p) {
                out.push(UnstatedPrerequisite {
                    field,
                    index,
                    line: line.clone(),
                    prerequisite: p,
                });
            }
        }
    }
    out
}

fn normalise(line: &str) -> String {
    let text: String = line.nfkc().collect();
    // 1,000 -> 1000 (only between digits, so list commas stay).
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in bytes.iter().enumerate() {
        let between_digits = *c == ','
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if !between_digits {
            out.push(*c);
        }
    }
    out
}

/// The quantities and rule words of `line` that no field of `e` holds.
pub fn leftovers(line: &str, e: &EligibilityRules, industries: &[String]) -> Vec<String> {
    let text = normalise(line);
    let mut left = Vec::new();
    let mut rest = text.clone();
    let mut any_held = false;
    for m in QUANTITY.captures_iter(&text) {
        let whole = m.get(0).expect("match").as_str();
        let value: f64 = m[1].parse().unwrap_or(f64::NAN);
        let scale = match m.get(2).map(|s| s.as_str()) {
            Some("億") => 100_000_000.0,
            Some("千万") => 10_000_000.0,
            Some("百万") => 1_000_000.0,
            Some("万") => 10_000.0,
            _ => 1.0,
        };
        let bound = m.get(4).map(|s| s.as_str());
        let held = match &m[3] {
            "円" => holds_yen((value * scale).round() as u64, e),
            "人" => holds_people(value as u32, e),
            "年" => holds_years(value as u32, &text, e),
            "歳" => holds_age(value as u32, bound, e),
            "回" => value == 1.0 && e.once_only,
            _ => false,
        };
        if held {
            any_held = true;
        } else {
            left.push(whole.trim().to_string());
        }
        rest = rest.replacen(whole, " ", 1);
    }
    let counted = rest.clone();
    for m in KANJI_COUNT.find_iter(&counted) {
        let held = matches!(m.as_str(), "一回" | "一度") && e.once_only;
        if !held {
            left.push(m.as_str().to_string());
        }
        rest = rest.replacen(m.as_str(), " ", 1);
    }
    if rest.chars().any(|c| c.is_ascii_digit()) {
        let digits: String = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        left.push(digits);
    }
    // A bound word cut off from its number by a bracket ("100人（…30人）以下") belongs to the
    // quantities before it; it is left over only when they are.
    let bounds_held = any_held && left.is_empty();
    // "…などのみなし大企業" holds の + みなし, not のみ.
    let rest = rest.replace("のみなし", "の");
    for word in RULE_WORDS {
        let bound = matches!(word, "以上" | "以下" | "未満" | "以内" | "超え");
        if rest.contains(word) && !(bound && bounds_held) && !holds_word(word, &rest, e, industries)
        {
            left.push(word.to_string());
        }
    }
    left
}

fn holds_yen(yen: u64, e: &EligibilityRules) -> bool {
    let sme_caps = [300_000_000, 100_000_000, 50_000_000];
    e.max_capital_yen == Some(yen)
        || e.size_caps.iter().any(|c| c.max_capital_yen == Some(yen))
        || e.min_sales_yen == Some(yen)
        || e.max_sales_yen == Some(yen)
        || (e.size == SizeRule::Sme && sme_caps.contains(&yen))
}

fn holds_people(n: u32, e: &EligibilityRules) -> bool {
    let implied: &[u32] = match e.size {
        SizeRule::Small => &[5, 20],
        SizeRule::Sme => &[50, 100, 300],
        SizeRule::Any => &[],
    };
    e.max_employees == Some(n)
        || e.min_employees == Some(n)
        || e.size_caps.iter().any(|c| c.max_employees == Some(n))
        || implied.contains(&n)
}

fn holds_years(n: u32, text: &str, e: &EligibilityRules) -> bool {
    let area_ok = |area: Area| {
        let says_ward = text.contains("区内");
        let says_tokyo = text.contains("都内");
        match area {
            Area::Minato => says_ward || !says_tokyo,
            Area::Tokyo => says_tokyo || !says_ward,
            Area::Anywhere | Area::OtherPrefecture => !says_ward && !says_tokyo,
        }
    };
    (e.min_years == Some(n) && area_ok(e.min_years_area))
        || e.max_years == Some(n)
        || e.person.as_ref().and_then(|p| p.max_management_years) == Some(n)
}

fn holds_age(n: u32, bound: Option<&str>, e: &EligibilityRules) -> bool {
    let Some(p) = &e.person else {
        return false;
    };
    match bound {
        Some("未満") => p.below_age == Some(n),
        Some("以下") => p.below_age == Some(n + 1),
        Some("以上") => p.from_age == Some(n),
        Some("超え") | Some("超") => p.from_age == Some(n + 1),
        _ => p.below_age == Some(n) || p.from_age == Some(n),
    }
}

fn holds_word(word: &str, text: &str, e: &EligibilityRules, industries: &[String]) -> bool {
    match word {
        "加盟" => e.shotenkai_member,
        "のみ" | "限る" | "限り" | "限ら" => {
            (text.contains("法人") && e.legal_form == LegalForm::Corporate)
                || (text.contains("個人") && e.legal_form == LegalForm::SoleProprietor)
                || ((text.contains("創業前") || text.contains("創業予定"))
                    && e.pre_founding == PreFounding::Only)
                || (text.contains("業種")
                    && (industries.iter().all(|i| i != "all") || !e.excluded_industries.is_empty()))
                || (text.contains("商店会") && e.shotenkai_member)
                || (text.contains("女性") && e.person.as_ref().is_some_and(|p| p.women))
        }
        // Quantities took their own bound words; one left over has no number to hold.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scheme::{PersonRule, Sector, SizeCap};

    fn rules() -> EligibilityRules {
        EligibilityRules {
            pre_founding: PreFounding::No,
            ..EligibilityRules::open(Area::Minato)
        }
    }

    fn all() -> Vec<String> {
        vec!["all".into()]
    }

    fn scheme_with(requirements: &[&str], requires: &[Prerequisite]) -> Scheme {
        let mut s: Scheme = toml::from_str(include_str!(
            "../../tests/fixtures/corpus/schemes/ward/minato-test-advertising.toml"
        ))
        .expect("fixture scheme");
        s.eligibility.requirements = requirements.iter().map(|r| r.to_string()).collect();
        s.eligibility.requires = requires.to_vec();
        s
    }

    #[test]
    fn a_certification_the_business_must_hold_needs_requires() {
        let held = "経営革新計画の承認を受けていること";
        let missing = unstated_prerequisites(&scheme_with(&[held], &[]));
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].field, "requirements");
        assert_eq!(missing[0].prerequisite, Prerequisite::KeieiKakushinKeikaku);
        let listed = scheme_with(&[held], &[Prerequisite::KeieiKakushinKeikaku]);
        assert!(unstated_prerequisites(&listed).is_empty());
    }

    #[test]
    fn a_plan_obtained_as_a_step_of_the_scheme_is_not_a_prerequisite() {
        let step = "経営力向上計画の認定を受け、その計画にもとづいて設備を取得すること";
        assert!(unstated_prerequisites(&scheme_with(&[step], &[])).is_empty());
    }

    #[test]
    fn a_plain_condition_needs_no_field() {
        assert!(leftovers("税金を滞納していないこと", &rules(), &all()).is_empty());
        assert!(leftovers("登記地がバーチャルオフィスでないこと", &rules(), &all()).is_empty());
    }

    #[test]
    fn ward_years_need_min_years_counted_in_the_ward() {
        let line = "区内で引き続き1年以上事業を営んでいること";
        assert_eq!(leftovers(line, &rules(), &all()), vec!["1年以上"]);
        let mut r = rules();
        r.min_years = Some(1);
        // Years counted anywhere do not hold a ward rule.
        assert_eq!(leftovers(line, &r, &all()), vec!["1年以上"]);
        r.min_years_area = Area::Minato;
        assert!(leftovers(line, &r, &all()).is_empty());
    }

    #[test]
    fn sector_caps_hold_capital_and_employee_numbers() {
        let line = "資本金1,000万円以下または従業員100人（小売・卸売・サービス業は30人）以下";
        let mut r = rules();
        let left = leftovers(line, &r, &all());
        for quantity in ["1000万円以下", "100人", "30人", "以下"] {
            assert!(left.iter().any(|l| l == quantity), "{left:?}");
        }
        r.size_caps = vec![
            SizeCap {
                sectors: vec![Sector::ManufacturingOther],
                max_employees: Some(100),
                max_capital_yen: Some(10_000_000),
            },
            SizeCap {
                sectors: vec![Sector::Wholesale, Sector::Retail, Sector::Services],
                max_employees: Some(30),
                max_capital_yen: Some(10_000_000),
            },
        ];
        assert!(
            leftovers(line, &r, &all()).is_empty(),
            "{:?}",
            leftovers(line, &r, &all())
        );
    }

    #[test]
    fn numbers_without_a_field_are_left_over() {
        let left = leftovers("転換後の賃金を3%以上増やすこと", &rules(), &all());
        assert!(left.iter().any(|l| l.contains('3')), "{left:?}");
        assert!(left.contains(&"以上".to_string()));
        let left = leftovers("対象者を6か月以上雇用していること", &rules(), &all());
        assert!(!left.is_empty());
    }

    #[test]
    fn rule_words_without_numbers_need_their_field() {
        let line = "商店会に加盟していること";
        assert_eq!(leftovers(line, &rules(), &all()), vec!["加盟"]);
        let mut r = rules();
        r.shotenkai_member = true;
        assert!(leftovers(line, &r, &all()).is_empty());
        let line = "法人に限る";
        assert_eq!(leftovers(line, &r, &all()), vec!["限る"]);
        r.legal_form = LegalForm::Corporate;
        assert!(leftovers(line, &r, &all()).is_empty());
    }

    #[test]
    fn ages_match_the_person_rule_with_their_bound() {
        let line = "女性、または39歳以下の男性であること";
        let mut r = rules();
        assert!(!leftovers(line, &r, &all()).is_empty());
        r.person = Some(PersonRule {
            women: true,
            below_age: Some(40),
            ..Default::default()
        });
        assert!(leftovers(line, &r, &all()).is_empty());
    }

    #[test]
    fn minashi_is_not_nomi() {
        assert!(
            leftovers(
                "大企業の子会社などのみなし大企業でないこと",
                &rules(),
                &all()
            )
            .is_empty()
        );
        assert_eq!(leftovers("法人のみ", &rules(), &all()), vec!["のみ"]);
    }

    #[test]
    fn full_width_digits_are_numbers_too() {
        let left = leftovers("従業員２人以上", &rules(), &all());
        assert_eq!(left, vec!["2人以上"]);
    }
}

//! The business's stage: before founding, years since founding, and years counted in the ward
//! or in Tokyo.

use super::{Check, Condition, Eligibility, check};
use crate::domain::profile::{Location, Profile, Stage};
use crate::domain::scheme::{Area, EligibilityRules, PreFounding};

/// Where `min_years` must have been spent, in words.
pub(super) fn years_area_ja(area: Area) -> &'static str {
    match area {
        Area::Minato => "区内で",
        Area::Tokyo => "都内で",
        Area::Anywhere | Area::OtherPrefecture => "",
    }
}

pub(super) fn checks(e: &EligibilityRules, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let (pre, min_years, max_years) = (e.pre_founding, e.min_years, e.max_years);
    let area = years_area_ja(e.min_years_area);
    let mut out = Vec::new();
    match p.stage {
        Stage::Unknown => {
            if pre != PreFounding::Allowed || min_years.is_some() || max_years.is_some() {
                out.push(check(
                    Condition::Years,
                    Unknown,
                    years_rule(pre, min_years, e.min_years_area, max_years),
                    Some("創業からの年数（または創業前か）"),
                ));
            }
        }
        Stage::NotFounded => out.push(match pre {
            PreFounding::Allowed | PreFounding::Only => {
                check(Condition::Founding, Met, "創業前の方も利用できます", None)
            }
            PreFounding::No => check(
                Condition::Founding,
                Unmet,
                "すでに事業を営んでいる方が対象で、創業前は利用できません",
                None,
            ),
        }),
        Stage::Founded(years) => {
            if pre == PreFounding::Only {
                out.push(check(
                    Condition::Founding,
                    Unmet,
                    "創業前の方だけが対象です",
                    None,
                ));
            }
            if let Some(min) = min_years {
                out.push(if years < min {
                    check(
                        Condition::Years,
                        Unmet,
                        format!("{area}事業歴{min}年以上が条件です（創業から{years}年）"),
                        None,
                    )
                } else {
                    area_years_check(e.min_years_area, min, years, p)
                });
            }
            if let Some(max) = max_years {
                out.push(if years < max {
                    check(
                        Condition::Years,
                        Met,
                        format!("創業{}年目（創業{max}年未満）のため対象です", years + 1),
                        None,
                    )
                } else {
                    check(
                        Condition::Years,
                        Unmet,
                        format!("創業{max}年未満が対象で、創業から{years}年以上たっています"),
                        None,
                    )
                });
            }
        }
    }
    out
}

/// `min` years in business counted in `area`, for a business `years` old.
fn area_years_check(area: Area, min: u32, years: u32, p: &Profile) -> Check {
    use Eligibility::*;
    let f = &p.facts;
    let (in_area, known, exact, name, question, key) = match area {
        Area::Anywhere | Area::OtherPrefecture => {
            return check(
                Condition::Years,
                Met,
                format!("事業歴{min}年以上の条件を満たします"),
                None,
            );
        }
        Area::Minato => (
            p.location == Location::Minato,
            f.years_in_minato,
            true,
            "港区内",
            "港区内で事業を営んで何年になりますか",
            "years_in_minato",
        ),
        Area::Tokyo => (
            p.location != Location::Other,
            f.years_in_tokyo_at_least(),
            f.years_in_tokyo.is_some(),
            "東京都内",
            "東京都内で事業を営んで何年になりますか",
            "years_in_tokyo",
        ),
    };
    if !in_area {
        return check(
            Condition::Years,
            Unmet,
            format!("{name}で引き続き{min}年以上事業を営んでいることが条件です"),
            None,
        );
    }
    match known {
        Some(y) if y >= min => check(
            Condition::Years,
            Met,
            format!("{name}で{min}年以上事業を営んでいる条件を満たします"),
            None,
        ),
        Some(y) if exact => check(
            Condition::Years,
            Unmet,
            format!("{name}で引き続き{min}年以上事業を営んでいることが条件です（{name}で{y}年）"),
            None,
        ),
        _ => check(
            Condition::Years,
            Unknown,
            format!(
                "{name}で引き続き{min}年以上事業を営んでいることが条件です（創業から{years}年）"
            ),
            Some(question),
        )
        .by_fact(key),
    }
}

fn years_rule(
    pre: PreFounding,
    min_years: Option<u32>,
    min_years_area: Area,
    max_years: Option<u32>,
) -> String {
    let mut parts = Vec::new();
    match pre {
        PreFounding::Only => parts.push("創業前の方が対象".to_string()),
        PreFounding::No => parts.push("創業済みの事業者が対象".to_string()),
        PreFounding::Allowed => {}
    }
    if let Some(min) = min_years {
        parts.push(format!(
            "{}事業歴{min}年以上",
            years_area_ja(min_years_area)
        ));
    }
    if let Some(max) = max_years {
        parts.push(format!("創業{max}年未満"));
    }
    format!("{}です", parts.join("、"))
}

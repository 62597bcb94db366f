//! Where the business is: the scheme's area and, where it asks, the head office.

use super::{Check, Condition, Eligibility, Odds, check};
use crate::domain::profile::{Location, Profile};
use crate::domain::scheme::{Area, EligibilityRules, OfficeRule};

pub(super) fn checks(e: &EligibilityRules, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let mut out = Vec::new();
    let area_name = match e.location {
        Area::Minato => "港区内",
        Area::Tokyo => "東京都内",
        Area::Anywhere => "",
        Area::OtherPrefecture => "対象の道府県内",
    };
    match e.location {
        Area::Anywhere => {}
        Area::OtherPrefecture => out.push(match p.location {
            Location::Minato | Location::Tokyo => check(
                Condition::Location,
                Unmet,
                "東京都以外の道府県の事業者向けの制度です",
                None,
            ),
            Location::Other => check(
                Condition::Location,
                Unknown,
                "特定の道府県の事業者向けの制度です",
                Some("事業所のある都道府県"),
            ),
        }),
        Area::Minato => out.push(match p.location {
            Location::Minato => check(
                Condition::Location,
                Met,
                "港区内の事業者が対象で、区内で事業をしているため対象です",
                None,
            ),
            _ => check(
                Condition::Location,
                Unmet,
                "港区内で事業を営む方が対象です",
                None,
            ),
        }),
        Area::Tokyo => out.push(match p.location {
            Location::Minato | Location::Tokyo => check(
                Condition::Location,
                Met,
                "東京都内の事業者が対象で、都内で事業をしているため対象です",
                None,
            ),
            Location::Other => check(
                Condition::Location,
                Unmet,
                "東京都内で事業を営む方が対象です",
                None,
            ),
        }),
    }
    if matches!(e.location, Area::Minato | Area::Tokyo) && e.office == OfficeRule::HeadOffice {
        let in_area = match e.location {
            Area::Minato => p.location == Location::Minato,
            _ => p.location != Location::Other,
        };
        if in_area {
            out.push(match (p.head_office, e.location) {
                (Some(true), _) => check(
                    Condition::Office,
                    Met,
                    format!("{area_name}に本店（主たる事業所）があるため対象です"),
                    None,
                ),
                (Some(false), Area::Minato) => check(
                    Condition::Office,
                    Unmet,
                    "港区内に本店（主たる事業所）があることが条件で、区内は支店のため対象外です",
                    None,
                ),
                // A branch in Tokyo: the head office may be elsewhere in Tokyo or outside it.
                (Some(false), _) => match p.facts.head_office_in_tokyo {
                    Some(true) => check(
                        Condition::Office,
                        Met,
                        "都内に本店（主たる事業所）があるため対象です",
                        None,
                    ),
                    Some(false) => check(
                        Condition::Office,
                        Unmet,
                        "都内に本店（主たる事業所）があることが条件で、本店は都外のため対象外です",
                        None,
                    ),
                    None => check(
                        Condition::Office,
                        Unknown,
                        "都内に本店があることが条件です",
                        Some("本店（主たる事業所）の所在地"),
                    )
                    .by_fact("head_office_in_tokyo")
                    // Where a branch's head office is, is no usual case to presume.
                    .odds(Odds::Open),
                },
                (None, _) => check(
                    Condition::Office,
                    Unknown,
                    format!("{area_name}に本店（主たる事業所）があることが条件です"),
                    Some("区内の事業所は本店ですか、支店ですか"),
                ),
            });
        }
    }
    out
}

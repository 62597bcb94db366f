//! A business's questionnaire answers, validated into a [`Profile`].

use serde::{Deserialize, Serialize};

use super::scheme::{INDUSTRIES, Prerequisite, Situation, Trade, is_purpose};

/// Where the business is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// In Minato ward.
    Minato,
    /// In Tokyo, outside Minato.
    Tokyo,
    /// Outside Tokyo.
    Other,
}

/// The questionnaire answers as they arrive over the wire (`POST /api/v1/recommend`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub location: Option<String>,
    #[serde(default)]
    pub head_office: Option<bool>,
    pub industry: Option<String>,
    #[serde(default, deserialize_with = "integral")]
    pub employees: Option<i64>,
    #[serde(default, deserialize_with = "integral")]
    pub capital_yen: Option<i64>,
    /// Whole years completed; 0 = not yet founded (unless `founded` says otherwise).
    #[serde(default, deserialize_with = "integral")]
    pub years_in_business: Option<i64>,
    /// Disambiguates `years_in_business = 0`: true = founded less than a year ago; false = not
    /// yet founded, which also stands alone without `years_in_business`.
    #[serde(default)]
    pub founded: Option<bool>,
    pub corporate: Option<bool>,
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub shotenkai_member: Option<bool>,
    /// Facts the questionnaire does not ask, given when a scheme's rule needs them (the
    /// `settle_by` question of an unknown condition); absent ones leave those rules unknown.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "facts_object"
    )]
    pub facts: Option<Facts>,
}

/// Answers to the questions the questionnaire leaves out (it keeps to eight): each settles the
/// rules of a few schemes only, so it is asked only when a result says it would settle one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Whole years the business has been carried on in Minato (区内で引き続き何年か).
    #[serde(default, deserialize_with = "integral")]
    pub years_in_minato: Option<i64>,
    /// Whole years the business has been carried on in Tokyo, Minato included.
    #[serde(default, deserialize_with = "integral")]
    pub years_in_tokyo: Option<i64>,
    /// The owner's (代表者・創業者) age in whole years.
    #[serde(default, deserialize_with = "integral")]
    pub owner_age: Option<i64>,
    /// Whether the owner is a woman.
    #[serde(default)]
    pub owner_female: Option<bool>,
    /// The owner's whole years of experience running a business (個人事業主・法人代表者として).
    #[serde(default, deserialize_with = "integral")]
    pub owner_management_years: Option<i64>,
    /// Annual sales in yen (直近の売上高).
    #[serde(default, deserialize_with = "integral")]
    pub annual_sales_yen: Option<i64>,
    /// Ids of the schemes the business has already received (for once-only schemes); an empty
    /// list says "none", an absent one leaves once-only rules unknown.
    #[serde(default)]
    pub received: Option<Vec<String>>,
    /// Which of the circumstances some schemes are made for apply to the business (a social
    /// business, a disaster, a downturn …); an empty list says "none", an absent one leaves
    /// such schemes unknown.
    #[serde(default)]
    pub situations: Option<Vec<Situation>>,
    /// Which of the plans, certifications and facts some schemes presuppose the business holds
    /// (an approved 経営革新計画, a certified 事業継続力強化計画 …); an empty list says none,
    /// an absent one leaves such schemes unknown.
    #[serde(default)]
    pub prerequisites: Option<Vec<Prerequisite>>,
    /// For a business whose office in the area is a branch: whether its head office (本店・主たる
    /// 事業所) is in Tokyo. Settles the Tokyo schemes that ask for a head office in Tokyo.
    #[serde(default)]
    pub head_office_in_tokyo: Option<bool>,
    /// For an industry answer that mixes two readings of the law (宿泊業、飲食サービス業 …):
    /// the business's trade, which settles its size caps.
    #[serde(default)]
    pub trade: Option<Trade>,
}

/// `facts` as a JSON object only: serde would also read a struct from an array by position
/// (`[null, 3]`), which no client means.
fn facts_object<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Facts>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Map<String, serde_json::Value>>::deserialize(d)? {
        None => Ok(None),
        Some(map) => serde_json::from_value(serde_json::Value::Object(map))
            .map(Some)
            .map_err(D::Error::custom),
    }
}

/// A whole number, also when a client writes it as `3.0` (JSON does not tell them apart).
pub fn integral<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(Some(i)),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
            _ => Err(D::Error::custom(format!(
                "expected a whole number, got {n}"
            ))),
        },
    }
}

/// Where the business stands in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", tag = "stage", content = "years")]
pub enum Stage {
    NotFounded,
    /// Whole years completed since founding (0 in the first year).
    Founded(u32),
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Profile {
    pub location: Location,
    pub head_office: Option<bool>,
    pub industry: &'static str,
    pub employees: u32,
    pub capital_yen: Option<u64>,
    pub stage: Stage,
    pub corporate: bool,
    pub purposes: Vec<String>,
    pub shotenkai_member: Option<bool>,
    pub facts: ProfileFacts,
}

/// [`Facts`], validated: each `None` is a question nobody answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProfileFacts {
    pub years_in_minato: Option<u32>,
    pub years_in_tokyo: Option<u32>,
    pub owner_age: Option<u32>,
    pub owner_female: Option<bool>,
    pub owner_management_years: Option<u32>,
    pub annual_sales_yen: Option<u64>,
    pub received: Option<Vec<String>>,
    pub situations: Option<Vec<Situation>>,
    pub prerequisites: Option<Vec<Prerequisite>>,
    pub head_office_in_tokyo: Option<bool>,
    pub trade: Option<Trade>,
}

impl ProfileFacts {
    /// Years in Tokyo, or at least the years in Minato (which is in Tokyo) when only those are known.
    pub fn years_in_tokyo_at_least(&self) -> Option<u32> {
        match (self.years_in_tokyo, self.years_in_minato) {
            (Some(t), _) => Some(t),
            (None, m) => m,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ProfileError {
    pub field: &'static str,
    pub problem: AnswerProblem,
}

/// What is wrong with an answer. The Japanese wording is the domain's own (CLI, logs); each
/// entry point words it in its reader's language from the catalogs, which a test keeps equal
/// to this one in Japanese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    #[error("所在地は必須です")]
    LocationRequired,
    #[error("minato / tokyo / other のいずれかを指定してください（{given}）")]
    UnknownLocation { given: String },
    #[error("業種は必須です")]
    IndustryRequired,
    #[error("jGrants の業種名で指定してください（{given}）")]
    UnknownIndustry { given: String },
    #[error("従業員数は必須です（いなければ 0）")]
    EmployeesRequired,
    #[error("0 以上の人数を指定してください（{given}）")]
    NegativeCount { given: i64 },
    #[error("0 以上の金額を指定してください（{given}）")]
    NegativeAmount { given: i64 },
    #[error("0〜300 の年数を指定してください（{given}）")]
    YearsOutOfRange { given: i64 },
    #[error("創業前なのに創業年数が {years} になっています")]
    YearsBeforeFounding { years: i64 },
    #[error("法人か個人事業主かは必須です")]
    CorporateRequired,
    #[error("個人事業主には資本金がありません（null にしてください）")]
    CapitalOfSoleProprietor,
    #[error("未知の目的キーです（{given}）")]
    UnknownPurpose { given: String },
    #[error("本店が都内の事業所だと答えているのに、本店は都外になっています")]
    HeadOfficeContradiction,
    #[error("港区は都内なので、区内の年数（{minato}）は都内の年数（{tokyo}）を超えられません")]
    MinatoLongerThanTokyo { minato: u32, tokyo: u32 },
    #[error("創業からの年数（{total}）より長くは営めません（{years}）")]
    LongerThanBusiness { years: u32, total: u32 },
    #[error("創業前なのに {years} 年になっています")]
    AreaYearsBeforeFounding { years: u32 },
    #[error("所在地が港区外です（区内の年数は区内の事業者だけが答えます）")]
    NotInMinato,
    #[error("所在地が東京都外です（都内の年数は都内の事業者だけが答えます）")]
    NotInTokyo,
    #[error("0〜130 の年齢を指定してください（{given}）")]
    AgeOutOfRange { given: i64 },
}

fn invalid(field: &'static str, problem: AnswerProblem) -> ProfileError {
    ProfileError { field, problem }
}

impl TryFrom<Answers> for Profile {
    type Error = ProfileError;

    fn try_from(a: Answers) -> Result<Profile, ProfileError> {
        let location = match a.location.as_deref() {
            Some("minato") => Location::Minato,
            Some("tokyo") => Location::Tokyo,
            Some("other") => Location::Other,
            Some(other) => {
                return Err(invalid(
                    "answers.location",
                    AnswerProblem::UnknownLocation {
                        given: other.to_string(),
                    },
                ));
            }
            None => return Err(invalid("answers.location", AnswerProblem::LocationRequired)),
        };
        let industry_name = a
            .industry
            .ok_or_else(|| invalid("answers.industry", AnswerProblem::IndustryRequired))?;
        let industry = INDUSTRIES
            .iter()
            .copied()
            .find(|i| *i == industry_name.trim())
            .ok_or_else(|| {
                invalid(
                    "answers.industry",
                    AnswerProblem::UnknownIndustry {
                        given: industry_name.clone(),
                    },
                )
            })?;
        let employees = match a.employees {
            Some(n) if (0..=1_000_000).contains(&n) => n as u32,
            Some(n) => {
                return Err(invalid(
                    "answers.employees",
                    AnswerProblem::NegativeCount { given: n },
                ));
            }
            None => {
                return Err(invalid(
                    "answers.employees",
                    AnswerProblem::EmployeesRequired,
                ));
            }
        };
        let capital_yen = match a.capital_yen {
            Some(n) if n >= 0 => Some(n as u64),
            Some(n) => {
                return Err(invalid(
                    "answers.capital_yen",
                    AnswerProblem::NegativeAmount { given: n },
                ));
            }
            None => None,
        };
        let stage = match (a.years_in_business, a.founded) {
            // "Not yet open" needs no year count: it is the stage itself.
            (None, Some(false)) => Stage::NotFounded,
            (None, _) => Stage::Unknown,
            (Some(n), _) if !(0..=300).contains(&n) => {
                return Err(invalid(
                    "answers.years_in_business",
                    AnswerProblem::YearsOutOfRange { given: n },
                ));
            }
            (Some(0), Some(true)) => Stage::Founded(0),
            (Some(0), _) => Stage::NotFounded,
            (Some(n), Some(false)) => {
                return Err(invalid(
                    "answers.founded",
                    AnswerProblem::YearsBeforeFounding { years: n },
                ));
            }
            (Some(n), _) => Stage::Founded(n as u32),
        };
        let corporate = a
            .corporate
            .ok_or_else(|| invalid("answers.corporate", AnswerProblem::CorporateRequired))?;
        if !corporate && capital_yen.is_some_and(|c| c > 0) {
            return Err(invalid(
                "answers.capital_yen",
                AnswerProblem::CapitalOfSoleProprietor,
            ));
        }
        let mut purposes = Vec::new();
        for p in a.purposes {
            if !is_purpose(p.trim()) {
                return Err(invalid(
                    "answers.purposes",
                    AnswerProblem::UnknownPurpose { given: p.clone() },
                ));
            }
            if !purposes.contains(&p) {
                purposes.push(p.trim().to_string());
            }
        }
        let facts = validate_facts(a.facts.unwrap_or_default(), location, stage)?;
        if facts.head_office_in_tokyo == Some(false)
            && a.head_office == Some(true)
            && location != Location::Other
        {
            return Err(invalid(
                "facts.head_office_in_tokyo",
                AnswerProblem::HeadOfficeContradiction,
            ));
        }
        Ok(Profile {
            location,
            head_office: a.head_office,
            industry,
            employees,
            capital_yen,
            stage,
            corporate,
            purposes,
            shotenkai_member: a.shotenkai_member,
            facts,
        })
    }
}

fn validate_facts(
    f: Facts,
    location: Location,
    stage: Stage,
) -> Result<ProfileFacts, ProfileError> {
    let years = |field: &'static str, v: Option<i64>| -> Result<Option<u32>, ProfileError> {
        match v {
            None => Ok(None),
            Some(n) if (0..=300).contains(&n) => Ok(Some(n as u32)),
            Some(n) => Err(invalid(field, AnswerProblem::YearsOutOfRange { given: n })),
        }
    };
    let years_in_minato = years("facts.years_in_minato", f.years_in_minato)?;
    let years_in_tokyo = years("facts.years_in_tokyo", f.years_in_tokyo)?;
    let owner_management_years = years("facts.owner_management_years", f.owner_management_years)?;
    if let (Some(m), Some(t)) = (years_in_minato, years_in_tokyo)
        && m > t
    {
        return Err(invalid(
            "facts.years_in_minato",
            AnswerProblem::MinatoLongerThanTokyo {
                minato: m,
                tokyo: t,
            },
        ));
    }
    for (field, y) in [
        ("facts.years_in_minato", years_in_minato),
        ("facts.years_in_tokyo", years_in_tokyo),
    ] {
        match (y, stage) {
            (Some(y), Stage::Founded(total)) if y > total => {
                return Err(invalid(
                    field,
                    AnswerProblem::LongerThanBusiness { years: y, total },
                ));
            }
            (Some(y), Stage::NotFounded) if y > 0 => {
                return Err(invalid(
                    field,
                    AnswerProblem::AreaYearsBeforeFounding { years: y },
                ));
            }
            _ => {}
        }
    }
    if years_in_minato.is_some_and(|y| y > 0) && location != Location::Minato {
        return Err(invalid("facts.years_in_minato", AnswerProblem::NotInMinato));
    }
    if years_in_tokyo.is_some_and(|y| y > 0) && location == Location::Other {
        return Err(invalid("facts.years_in_tokyo", AnswerProblem::NotInTokyo));
    }
    let owner_age = match f.owner_age {
        None => None,
        Some(n) if (0..=130).contains(&n) => Some(n as u32),
        Some(n) => {
            return Err(invalid(
                "facts.owner_age",
                AnswerProblem::AgeOutOfRange { given: n },
            ));
        }
    };
    let annual_sales_yen = match f.annual_sales_yen {
        None => None,
        Some(n) if n >= 0 => Some(n as u64),
        Some(n) => {
            return Err(invalid(
                "facts.annual_sales_yen",
                AnswerProblem::NegativeAmount { given: n },
            ));
        }
    };
    Ok(ProfileFacts {
        years_in_minato,
        years_in_tokyo,
        owner_age,
        owner_female: f.owner_female,
        owner_management_years,
        annual_sales_yen,
        received: f
            .received
            .map(|ids| ids.into_iter().map(|id| id.trim().to_string()).collect()),
        situations: f.situations,
        prerequisites: f.prerequisites,
        head_office_in_tokyo: f.head_office_in_tokyo,
        trade: f.trade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn answers() -> Answers {
        Answers {
            location: Some("minato".into()),
            head_office: Some(true),
            industry: Some("情報通信業".into()),
            employees: Some(5),
            capital_yen: Some(3_000_000),
            years_in_business: Some(2),
            founded: None,
            corporate: Some(true),
            purposes: vec!["IT導入".into()],
            shotenkai_member: None,
            facts: None,
        }
    }

    #[test]
    fn facts_are_read_from_an_object_only() {
        let read = |facts: &str| {
            serde_json::from_str::<Answers>(&format!(r#"{{"corporate": true, "facts": {facts}}}"#))
        };
        assert_eq!(read("null").unwrap().facts, None);
        assert_eq!(
            read(r#"{"owner_age": 30}"#)
                .unwrap()
                .facts
                .unwrap()
                .owner_age,
            Some(30)
        );
        assert!(read("[null, null]").is_err());
        assert!(read(r#"{"owner_age": 30, "shoe_size": 27}"#).is_err());
        assert!(read(r#"{"owner_age": 30.5}"#).is_err());
    }

    #[test]
    fn valid_answers_become_a_profile() {
        let p = Profile::try_from(answers()).unwrap();
        assert_eq!(p.stage, Stage::Founded(2));
        assert_eq!(p.industry, "情報通信業");
    }

    #[test]
    fn zero_years_means_not_founded_unless_founded_is_true() {
        let mut a = answers();
        a.years_in_business = Some(0);
        assert_eq!(
            Profile::try_from(a.clone()).unwrap().stage,
            Stage::NotFounded
        );
        a.founded = Some(true);
        assert_eq!(Profile::try_from(a).unwrap().stage, Stage::Founded(0));
    }

    #[test]
    fn a_head_office_in_the_area_cannot_be_outside_tokyo() {
        let mut a = answers();
        a.head_office = Some(true);
        a.facts = Some(Facts {
            head_office_in_tokyo: Some(false),
            ..Default::default()
        });
        let e = Profile::try_from(a.clone()).unwrap_err();
        assert_eq!(e.field, "facts.head_office_in_tokyo");
        a.head_office = Some(false);
        let p = Profile::try_from(a).unwrap();
        assert_eq!(p.facts.head_office_in_tokyo, Some(false));
    }

    #[test]
    fn not_founded_needs_no_year_count() {
        let mut a = answers();
        a.years_in_business = None;
        a.founded = Some(false);
        assert_eq!(
            Profile::try_from(a.clone()).unwrap().stage,
            Stage::NotFounded
        );
        a.founded = None;
        assert_eq!(Profile::try_from(a).unwrap().stage, Stage::Unknown);
    }

    #[test]
    fn facts_beside_the_answers_reach_the_profile() {
        let mut a = answers();
        a.facts = Some(Facts {
            years_in_minato: Some(1),
            years_in_tokyo: Some(2),
            owner_female: Some(true),
            received: Some(vec![" minato-sogyo-hojo ".into()]),
            ..Default::default()
        });
        let p = Profile::try_from(a).unwrap();
        assert_eq!(p.facts.years_in_minato, Some(1));
        assert_eq!(p.facts.years_in_tokyo_at_least(), Some(2));
        assert_eq!(p.facts.owner_female, Some(true));
        assert_eq!(
            p.facts.received,
            Some(vec!["minato-sogyo-hojo".to_string()])
        );
        let without = Profile::try_from(answers()).unwrap();
        assert_eq!(without.facts, ProfileFacts::default());
    }

    #[test]
    fn facts_with_an_unknown_key_are_refused() {
        let json = r#"{"location":"minato","industry":"製造業","employees":1,"corporate":true,
            "facts":{"years_in_ward":2}}"#;
        assert!(serde_json::from_str::<Answers>(json).is_err());
    }

    #[test]
    fn each_invalid_answer_names_its_field() {
        type Spoil = Box<dyn Fn(&mut Answers)>;
        let cases: Vec<(Spoil, &str)> = vec![
            (
                Box::new(|a| a.location = Some("osaka".into())),
                "answers.location",
            ),
            (Box::new(|a| a.location = None), "answers.location"),
            (
                Box::new(|a| a.industry = Some("IT".into())),
                "answers.industry",
            ),
            (Box::new(|a| a.employees = Some(-1)), "answers.employees"),
            (
                Box::new(|a| a.capital_yen = Some(-5)),
                "answers.capital_yen",
            ),
            (
                Box::new(|a| a.years_in_business = Some(999)),
                "answers.years_in_business",
            ),
            (Box::new(|a| a.corporate = None), "answers.corporate"),
            (
                Box::new(|a| a.purposes = vec!["ゴルフ".into()]),
                "answers.purposes",
            ),
            (
                Box::new(|a| {
                    a.corporate = Some(false);
                    a.capital_yen = Some(1_000_000)
                }),
                "answers.capital_yen",
            ),
        ];
        let facts = |f: Facts| Some(f);
        let more: Vec<(Spoil, &str)> = vec![
            (
                Box::new(move |a| {
                    a.facts = facts(Facts {
                        years_in_minato: Some(3),
                        ..Default::default()
                    })
                }),
                "facts.years_in_minato",
            ),
            (
                Box::new(move |a| {
                    a.facts = facts(Facts {
                        years_in_minato: Some(1),
                        years_in_tokyo: Some(0),
                        ..Default::default()
                    })
                }),
                "facts.years_in_minato",
            ),
            (
                Box::new(move |a| {
                    a.facts = facts(Facts {
                        owner_age: Some(-1),
                        ..Default::default()
                    })
                }),
                "facts.owner_age",
            ),
            (
                Box::new(move |a| {
                    a.location = Some("tokyo".into());
                    a.facts = facts(Facts {
                        years_in_minato: Some(1),
                        ..Default::default()
                    })
                }),
                "facts.years_in_minato",
            ),
        ];
        for (mutate, field) in cases.into_iter().chain(more) {
            let mut a = answers();
            mutate(&mut a);
            assert_eq!(Profile::try_from(a).unwrap_err().field, field);
        }
    }
}

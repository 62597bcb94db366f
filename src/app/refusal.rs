//! Why a request was refused, kept as a catalog message and its arguments, so that each entry
//! point words it in its reader's language. The `ja` catalog holds the same Japanese text the
//! domain's errors print (CLI, logs); a test keeps the two equal.

use crate::domain::Lang;
use crate::domain::profile::{AnswerProblem, ProfileError};
use crate::domain::search::QueryError;

use crate::domain::judgment::{FixError, MAX_ALIAS_CHARS};
use crate::domain::report::MonthError;
use crate::domain::staff::Permission;

use super::messages::{Messages, permission_key};

/// A refusal's message: a catalog key (`refusal-…`, the console's `console-refusal-…` and
/// `editing-refusal-…`), its arguments, and the request
/// field it is about (named before the message in API errors, left out on pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    field: Option<&'static str>,
    key: &'static str,
    args: Vec<(&'static str, Value)>,
}

/// One argument of a [`Wording`]: a value shown as it is (an id, a number, what the caller
/// typed), or a label that is itself a catalog message (a role, a status), said in the
/// reader's language too.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Label(String),
}

impl Wording {
    pub fn new(key: &'static str) -> Wording {
        Wording {
            field: None,
            key,
            args: Vec::new(),
        }
    }

    /// The request field the message is about.
    pub fn on(mut self, field: &'static str) -> Wording {
        self.field = Some(field);
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Wording {
        self.args.push((name, Value::Text(value.to_string())));
        self
    }

    /// An argument that is the catalog message `key` (a status, a role), worded in the same
    /// language as the rest.
    pub fn label(mut self, name: &'static str, key: impl Into<String>) -> Wording {
        self.args.push((name, Value::Label(key.into())));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// `field: message` in `lang`, as API errors say it.
    pub fn in_lang(&self, lang: Lang) -> String {
        match self.field {
            Some(field) => format!("{field}: {}", self.text_in(lang)),
            None => self.text_in(lang),
        }
    }

    /// The message alone, for a page that shows it beside the field.
    pub fn text_in(&self, lang: Lang) -> String {
        let m = Messages::new(lang);
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(n, v)| match v {
                Value::Text(text) => (*n, text.clone()),
                Value::Label(key) => (*n, m.t(key)),
            })
            .collect();
        let args: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        m.targs(self.key, &args)
    }
}

/// The app's own refusal of what a staff member's role does not allow (the console's pages
/// refuse first, with the `forbidden-message` page).
pub fn forbidden(permission: Permission) -> Wording {
    Wording::new("console-refusal-role").label("action", permission_key(permission))
}

impl From<&MonthError> for Wording {
    fn from(e: &MonthError) -> Wording {
        match e {
            MonthError::Format { given } => Wording::new("console-refusal-month-format")
                .on("month")
                .arg("given", given),
            MonthError::Year { year } => Wording::new("console-refusal-month-year")
                .on("month")
                .arg("year", year),
        }
    }
}

impl From<&FixError> for Wording {
    fn from(e: &FixError) -> Wording {
        match e {
            FixError::Phrase => Wording::new("console-refusal-alias")
                .on("phrase")
                .arg("max", MAX_ALIAS_CHARS),
            FixError::Words => Wording::new("console-refusal-synonyms")
                .on("words")
                .arg("max", MAX_ALIAS_CHARS),
        }
    }
}

impl From<&QueryError> for Wording {
    fn from(e: &QueryError) -> Wording {
        let wording = |key| Wording::new(key).on(e.field());
        match e {
            QueryError::Empty => wording("refusal-query-empty"),
            QueryError::TooLong { chars, max } => wording("refusal-query-too-long")
                .arg("chars", chars)
                .arg("max", max),
            QueryError::TopK { got, max } => {
                wording("refusal-top-k").arg("got", got).arg("max", max)
            }
            QueryError::Level { got } => wording("refusal-level").arg("got", got),
            QueryError::Purpose { got } => wording("refusal-purpose").arg("got", got),
        }
    }
}

impl From<&ProfileError> for Wording {
    fn from(e: &ProfileError) -> Wording {
        use AnswerProblem as P;
        let wording = |key| Wording::new(key).on(e.field);
        match &e.problem {
            P::LocationRequired => wording("refusal-answer-location-required"),
            P::UnknownLocation { given } => {
                wording("refusal-answer-unknown-location").arg("given", given)
            }
            P::IndustryRequired => wording("refusal-answer-industry-required"),
            P::UnknownIndustry { given } => {
                wording("refusal-answer-unknown-industry").arg("given", given)
            }
            P::EmployeesRequired => wording("refusal-answer-employees-required"),
            P::NegativeCount { given } => {
                wording("refusal-answer-negative-count").arg("given", given)
            }
            P::NegativeAmount { given } => {
                wording("refusal-answer-negative-amount").arg("given", given)
            }
            P::YearsOutOfRange { given } => {
                wording("refusal-answer-years-out-of-range").arg("given", given)
            }
            P::YearsBeforeFounding { years } => {
                wording("refusal-answer-years-before-founding").arg("years", years)
            }
            P::CorporateRequired => wording("refusal-answer-corporate-required"),
            P::CapitalOfSoleProprietor => wording("refusal-answer-capital-of-sole-proprietor"),
            P::UnknownPurpose { given } => {
                wording("refusal-answer-unknown-purpose").arg("given", given)
            }
            P::HeadOfficeContradiction => wording("refusal-answer-head-office"),
            P::MinatoLongerThanTokyo { minato, tokyo } => {
                wording("refusal-answer-minato-longer-than-tokyo")
                    .arg("minato", minato)
                    .arg("tokyo", tokyo)
            }
            P::LongerThanBusiness { years, total } => {
                wording("refusal-answer-longer-than-business")
                    .arg("years", years)
                    .arg("total", total)
            }
            P::AreaYearsBeforeFounding { years } => {
                wording("refusal-answer-area-years-before-founding").arg("years", years)
            }
            P::NotInMinato => wording("refusal-answer-not-in-minato"),
            P::NotInTokyo => wording("refusal-answer-not-in-tokyo"),
            P::AgeOutOfRange { given } => {
                wording("refusal-answer-age-out-of-range").arg("given", given)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::messages::has_message;

    fn problems() -> Vec<AnswerProblem> {
        use AnswerProblem as P;
        vec![
            P::LocationRequired,
            P::UnknownLocation {
                given: "osaka".into(),
            },
            P::IndustryRequired,
            P::UnknownIndustry { given: "IT".into() },
            P::EmployeesRequired,
            P::NegativeCount { given: -3 },
            P::NegativeAmount { given: -1 },
            P::YearsOutOfRange { given: 301 },
            P::YearsBeforeFounding { years: 2 },
            P::CorporateRequired,
            P::CapitalOfSoleProprietor,
            P::UnknownPurpose {
                given: "旅行".into(),
            },
            P::HeadOfficeContradiction,
            P::MinatoLongerThanTokyo {
                minato: 5,
                tokyo: 3,
            },
            P::LongerThanBusiness { years: 9, total: 4 },
            P::AreaYearsBeforeFounding { years: 1 },
            P::NotInMinato,
            P::NotInTokyo,
            P::AgeOutOfRange { given: 131 },
        ]
    }

    fn query_errors() -> Vec<QueryError> {
        vec![
            QueryError::Empty,
            QueryError::TooLong {
                chars: 1001,
                max: 1000,
            },
            QueryError::TopK { got: 0, max: 100 },
            QueryError::Level { got: "city".into() },
            QueryError::Purpose {
                got: "旅行".into()
            },
        ]
    }

    #[test]
    fn the_japanese_catalog_says_what_the_domain_says() {
        for problem in problems() {
            let e = ProfileError {
                field: "answers.x",
                problem,
            };
            assert_eq!(Wording::from(&e).in_lang(Lang::Ja), e.to_string());
        }
        for e in query_errors() {
            assert_eq!(
                Wording::from(&e).in_lang(Lang::Ja),
                format!("{}: {e}", e.field())
            );
        }
    }

    #[test]
    fn every_refusal_is_worded_in_every_language_with_its_values() {
        let mut wordings: Vec<Wording> = problems()
            .into_iter()
            .map(|problem| {
                Wording::from(&ProfileError {
                    field: "answers.x",
                    problem,
                })
            })
            .collect();
        wordings.extend(query_errors().iter().map(Wording::from));
        for wording in wordings {
            for lang in [Lang::Ja, Lang::Easy, Lang::En] {
                assert!(
                    has_message(lang, wording.key()),
                    "{} in {lang:?}",
                    wording.key()
                );
                let text = wording.text_in(lang);
                assert!(!text.contains('{'), "{text}");
                for (_, value) in &wording.args {
                    if let Value::Text(value) = value {
                        assert!(text.contains(value.as_str()), "{text} lacks {value}");
                    }
                }
            }
            assert_ne!(wording.text_in(Lang::En), wording.text_in(Lang::Ja));
        }
    }

    #[test]
    fn the_japanese_catalog_says_what_the_domain_says_for_the_console() {
        for e in [
            MonthError::Format {
                given: "2026/10".into(),
            },
            MonthError::Year { year: 1999 },
        ] {
            assert_eq!(Wording::from(&e).in_lang(Lang::Ja), format!("month: {e}"));
        }
        for e in [FixError::Phrase, FixError::Words] {
            assert_eq!(Wording::from(&e).in_lang(Lang::Ja), e.to_string());
        }
        for permission in crate::app::messages::PERMISSIONS {
            assert_eq!(
                forbidden(permission).in_lang(Lang::Ja),
                crate::app::AppError::Forbidden { permission }.to_string()
            );
        }
    }

    #[test]
    fn a_label_argument_is_worded_in_the_reader_s_language() {
        let wording = Wording::new("console-refusal-already-decided")
            .label("status", "judgment-status-fixed");
        assert_eq!(
            wording.text_in(Lang::Ja),
            "この判定はすでに対応済みです（別の職員が先に決めました）。"
        );
        assert_eq!(
            wording.text_in(Lang::En),
            "This judgment is already “Done” (another staff member decided first)."
        );
        assert!(wording.text_in(Lang::Easy).contains("終わった"));
    }
}

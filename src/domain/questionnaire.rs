//! The recommender's questions, defined as data in `corpus/questionnaire.toml`, and the
//! mapping from a submitted web form to [`Answers`].

use std::path::Path;

use serde::Deserialize;

use super::profile::Answers;

pub const MAX_QUESTIONS: usize = 8;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub version: u32,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub field: String,
    pub label: String,
    #[serde(default)]
    pub help: Option<String>,
    /// single | number | industry | purposes
    pub kind: String,
    pub required: bool,
    #[serde(default)]
    pub options: Vec<QuestionOption>,
    /// Asked only when this purpose is chosen.
    #[serde(default)]
    pub only_if_purpose: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub value: String,
    pub label: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub head_office: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl Questionnaire {
    pub fn load(file: &Path) -> Result<Questionnaire, QuestionnaireError> {
        let invalid = |message: String| QuestionnaireError::Invalid {
            file: file.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(file).map_err(|e| invalid(e.to_string()))?;
        let q: Questionnaire = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if q.questions.len() > MAX_QUESTIONS {
            return Err(invalid(format!(
                "{} questions; at most {MAX_QUESTIONS}",
                q.questions.len()
            )));
        }
        const FIELDS: [&str; 8] = [
            "location",
            "industry",
            "employees",
            "capital_yen",
            "years_in_business",
            "corporate",
            "purposes",
            "shotenkai_member",
        ];
        for question in &q.questions {
            if !FIELDS.contains(&question.field.as_str()) {
                return Err(invalid(format!(
                    "question.field {:?} is not an answer field",
                    question.field
                )));
            }
            if question.kind == "single" && question.options.is_empty() {
                return Err(invalid(format!(
                    "question {:?} needs options",
                    question.field
                )));
            }
        }
        Ok(q)
    }

    /// Maps submitted form pairs (`field=value`, purposes repeated) to [`Answers`]. Values that
    /// do not parse are passed on as invalid so [`crate::domain::profile::Profile`] names the field.
    pub fn answers_from_form(
        &self,
        pairs: &[(String, String)],
    ) -> Result<Answers, (String, String)> {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut a = Answers::default();
        if let Some(v) = get("location") {
            let option = self
                .questions
                .iter()
                .find(|q| q.field == "location")
                .and_then(|q| q.options.iter().find(|o| o.value == v))
                .ok_or_else(|| ("location".to_string(), "所在地を選んでください".to_string()))?;
            a.location = option.location.clone();
            a.head_office = option.head_office;
        }
        a.industry = get("industry");
        let number = |k: &str| -> Result<Option<i64>, (String, String)> {
            get(k)
                .map(|v| {
                    v.replace([',', '，'], "")
                        .parse::<i64>()
                        .map_err(|_| (k.to_string(), format!("「{v}」は数値ではありません")))
                })
                .transpose()
        };
        a.employees = number("employees")?;
        a.capital_yen = number("capital_yen")?;
        match get("years_in_business").as_deref() {
            Some("pre") => a.years_in_business = Some(0),
            Some("0") => {
                a.years_in_business = Some(0);
                a.founded = Some(true);
            }
            Some(_) => a.years_in_business = number("years_in_business")?,
            None => {}
        }
        let yes_no = |k: &str, label: &str| -> Result<Option<bool>, (String, String)> {
            match get(k).as_deref() {
                None => Ok(None),
                Some("true") => Ok(Some(true)),
                Some("false") => Ok(Some(false)),
                Some(_) => Err((k.to_string(), format!("{label}を選び直してください"))),
            }
        };
        a.corporate = yes_no("corporate", "事業の形態")?;
        a.purposes = pairs
            .iter()
            .filter(|(k, v)| k == "purposes" && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect();
        a.shotenkai_member = yes_no("shotenkai_member", "商店会への加盟")?;
        Ok(a)
    }
}

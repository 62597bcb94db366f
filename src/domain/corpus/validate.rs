//! Validation of a loaded corpus: ids, references, sources, dates and the strict check of
//! `conditions` lines.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Corpus, Problem, is_valid_id};
use crate::domain::audit::{unstated_prerequisites, unstructured_conditions};
use crate::domain::scheme::{
    ALL_INDUSTRIES, Area, PreFounding, Scheme, Sector, WindowKind, is_industry, is_purpose,
};

/// What the validator says of an id that is not lowercase ASCII, digits and hyphens (the
/// console words it in the reader's language from this text).
pub const ID_FORMAT: &str = "use lowercase ASCII letters, digits and hyphens";

impl Corpus {
    /// Validation problems of an in-memory corpus (file names unknown).
    pub fn problems(&self) -> Vec<Problem> {
        let none = HashMap::new();
        let p = PathBuf::from("<memory>");
        self.validate(&Sources {
            schemes: &none,
            faqs: &none,
            desks: &p,
            synonyms: &p,
        })
    }

    /// `shien corpus check --strict`: each hand-written scheme's `conditions` line that holds a
    /// number or a rule word without a structured counterpart (see [`super::audit`]), and each
    /// `conditions` or `requirements` line naming a prerequisite its `requires` leaves out,
    /// naming file, id and the line's index.
    pub fn strict_problems(&self) -> Vec<Problem> {
        self.schemes
            .iter()
            .filter(|s| !self.imported.contains(&s.id))
            .flat_map(|s| {
                let file = self
                    .scheme_files
                    .get(&s.id)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from("<memory>"));
                let rules = unstructured_conditions(s).into_iter().map(|u| Problem {
                    file: file.clone(),
                    line: None,
                    id: Some(s.id.clone()),
                    field: Some(format!("eligibility.conditions[{}]", u.index)),
                    message: format!(
                        "「{}」: no structured field holds {} (move the rule into a field, or into `requirements` when it is about the project, not the business)",
                        u.line,
                        u.leftovers
                            .iter()
                            .map(|l| format!("「{l}」"))
                            .collect::<Vec<_>>()
                            .join("")
                    ),
                });
                let prerequisites = unstated_prerequisites(s).into_iter().map(|u| Problem {
                    file: file.clone(),
                    line: None,
                    id: Some(s.id.clone()),
                    field: Some(format!("eligibility.{}[{}]", u.field, u.index)),
                    message: format!(
                        "「{}」: names {} as something the business already holds (add \"{}\" to `eligibility.requires`)",
                        u.line,
                        u.prerequisite.label_ja(),
                        u.prerequisite.code()
                    ),
                });
                rules.chain(prerequisites).collect::<Vec<_>>()
            })
            .collect()
    }

    pub(super) fn validate(&self, src: &Sources<'_>) -> Vec<Problem> {
        let mut problems = Vec::new();
        let today_limit = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for scheme in &self.schemes {
            let file = src.scheme_file(&scheme.id);
            let mut push = |field: &str, message: String| {
                problems.push(problem(&file, &scheme.id, field, message))
            };
            if let Some(count) = seen.get_mut(scheme.id.as_str()) {
                *count += 1;
                push("id", "duplicate id".into());
            } else {
                seen.insert(&scheme.id, 1);
            }
            if !is_valid_id(&scheme.id) {
                push("id", ID_FORMAT.into());
            }
            for text in [
                ("title", &scheme.title),
                ("summary", &scheme.summary),
                ("provider", &scheme.provider),
            ] {
                if text.1.trim().is_empty() {
                    push(text.0, "must not be empty".into());
                }
            }
            if scheme.purposes.is_empty() {
                push("purposes", "name at least one purpose key".into());
            }
            for p in &scheme.purposes {
                if !is_purpose(p) {
                    push("purposes", format!("unknown purpose key {p:?}"));
                }
            }
            if scheme.industries.is_empty() {
                push(
                    "industries",
                    "use [\"all\"] or jGrants industry names".into(),
                );
            }
            for i in &scheme.industries {
                if i != ALL_INDUSTRIES && !is_industry(i) {
                    push(
                        "industries",
                        format!("unknown industry {i:?} (use jGrants' strings)"),
                    );
                }
            }
            check_source(&scheme.source_url, scheme.as_of, today_limit, &mut push);
            let e = &scheme.eligibility;
            if let (Some(min), Some(max)) = (e.min_years, e.max_years)
                && min >= max
            {
                push(
                    "eligibility.min_years",
                    format!("min_years {min} must be below max_years {max}"),
                );
            }
            if e.pre_founding == PreFounding::Only && e.min_years.is_some_and(|m| m > 0) {
                push(
                    "eligibility.pre_founding",
                    "\"only\" contradicts min_years".into(),
                );
            }
            if e.min_years_area != Area::Anywhere && e.min_years.is_none() {
                push(
                    "eligibility.min_years_area",
                    "needs min_years (the years to count in the area)".into(),
                );
            }
            if e.min_years_area == Area::OtherPrefecture {
                push(
                    "eligibility.min_years_area",
                    "use anywhere, tokyo or minato".into(),
                );
            }
            if let (Some(min), Some(max)) = (e.min_employees, e.max_employees)
                && min > max
            {
                push(
                    "eligibility.min_employees",
                    format!("min_employees {min} is above max_employees {max}"),
                );
            }
            if let (Some(min), Some(max)) = (e.min_sales_yen, e.max_sales_yen)
                && min >= max
            {
                push(
                    "eligibility.min_sales_yen",
                    format!("min_sales_yen {min} must be below max_sales_yen {max}"),
                );
            }
            for sector in Sector::ALL {
                if e.size_caps.iter().filter(|c| c.covers(sector)).count() > 1 {
                    push(
                        "eligibility.size_caps",
                        format!("more than one cap covers {}", sector.label_ja()),
                    );
                }
            }
            for (i, cap) in e.size_caps.iter().enumerate() {
                if cap.max_employees.is_none() && cap.max_capital_yen.is_none() {
                    push(
                        "eligibility.size_caps",
                        format!("cap {i} sets neither max_employees nor max_capital_yen"),
                    );
                }
            }
            for (field, list) in [
                ("eligibility.excluded_industries", &e.excluded_industries),
                (
                    "eligibility.partly_excluded_industries",
                    &e.partly_excluded_industries,
                ),
            ] {
                for i in list {
                    if !is_industry(i) {
                        push(
                            field,
                            format!("unknown industry {i:?} (use jGrants' strings)"),
                        );
                    }
                }
            }
            if let Some(person) = &e.person {
                if !person.has_age_rule() && person.max_management_years.is_none() {
                    push("eligibility.person", "sets no rule".into());
                }
                if let (Some(below), Some(from)) = (person.below_age, person.from_age)
                    && below > from
                {
                    push(
                        "eligibility.person",
                        format!("below_age {below} above from_age {from} admits every age"),
                    );
                }
            }
            match scheme.window.kind {
                WindowKind::Rounds if scheme.window.rounds.is_empty() => push(
                    "window.rounds",
                    "kind = \"rounds\" needs at least one [[window.rounds]]".into(),
                ),
                // A yearly programme may keep the rounds it has held (the dates a caller asks
                // about); the next one stays unannounced until a round is entered for it.
                WindowKind::Always if !scheme.window.rounds.is_empty() => push(
                    "window.rounds",
                    "rounds are only allowed with kind = \"rounds\" or \"annual\"".into(),
                ),
                _ => {}
            }
            for r in &scheme.window.rounds {
                if r.opens > r.closes {
                    push(
                        "window.rounds",
                        format!(
                            "round {:?} opens {} after it closes {}",
                            r.label, r.opens, r.closes
                        ),
                    );
                }
            }
            for (field, ids) in [
                ("related", &scheme.related),
                ("not_combinable_with", &scheme.not_combinable_with),
                (
                    "eligibility.not_for_recipients_of",
                    &scheme.eligibility.not_for_recipients_of,
                ),
            ] {
                for id in ids {
                    if self.scheme(id).is_none() {
                        push(field, format!("refers to unknown scheme {id:?}"));
                    } else if id == &scheme.id {
                        push(field, "refers to itself".into());
                    }
                }
            }
        }
        let mut faq_ids = HashSet::new();
        for faq in &self.faqs {
            let file = src.faq_file(&faq.id);
            let mut push = |field: &str, message: String| {
                problems.push(problem(&file, &faq.id, field, message))
            };
            if !faq_ids.insert(faq.id.as_str()) {
                push("id", "duplicate id".into());
            }
            if !is_valid_id(&faq.id) {
                push("id", ID_FORMAT.into());
            }
            if faq.question.trim().is_empty() {
                push("question", "must not be empty".into());
            }
            if faq.answer.trim().is_empty() {
                push("answer", "must not be empty".into());
            }
            if faq.scheme_ids.is_empty() {
                push("scheme_ids", "link at least one scheme".into());
            }
            for id in &faq.scheme_ids {
                if self.scheme(id).is_none() {
                    push("scheme_ids", format!("refers to unknown scheme {id:?}"));
                }
            }
            check_source(&faq.source_url, faq.as_of, today_limit, &mut push);
        }
        let mut desk_ids = HashSet::new();
        for desk in &self.desks {
            let mut push = |field: &str, message: String| {
                problems.push(problem(src.desks, &desk.id, field, message))
            };
            if !desk_ids.insert(desk.id.as_str()) {
                push("id", "duplicate id".into());
            }
            if !is_valid_id(&desk.id) {
                push("id", ID_FORMAT.into());
            }
            for message in desk.schedule_problems() {
                push("opens/closes", message);
            }
            if desk.categories.is_empty() {
                push("categories", "name at least one category".into());
            }
            if desk.weekdays.is_empty() {
                push("weekdays", "name at least one weekday".into());
            }
            if let Some(id) = &desk.scheme_id
                && self.scheme(id).is_none()
            {
                push("scheme_id", format!("refers to unknown scheme {id:?}"));
            }
            check_source(&desk.source_url, desk.as_of, today_limit, &mut push);
        }
        for group in &self.synonyms {
            if group.canonical.trim().is_empty()
                || group.variants.iter().any(|v| v.trim().is_empty())
            {
                problems.push(problem(
                    src.synonyms,
                    &group.canonical,
                    "variants",
                    "empty word".into(),
                ));
            }
        }
        problems
    }
}

pub(super) struct Sources<'a> {
    pub(super) schemes: &'a HashMap<String, PathBuf>,
    pub(super) faqs: &'a HashMap<String, PathBuf>,
    pub(super) desks: &'a Path,
    pub(super) synonyms: &'a Path,
}

impl Sources<'_> {
    fn scheme_file(&self, id: &str) -> PathBuf {
        self.schemes
            .get(id)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
    fn faq_file(&self, id: &str) -> PathBuf {
        self.faqs
            .get(id)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
}

fn check_source(
    url: &str,
    as_of: NaiveDate,
    earliest: NaiveDate,
    push: &mut impl FnMut(&str, String),
) {
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 12 {
        push(
            "source_url",
            format!("must be the http(s) URL of the official source, got {url:?}"),
        );
    }
    if as_of < earliest {
        push("as_of", format!("{as_of} is implausibly old"));
    }
}

pub(super) fn problem(file: &Path, id: &str, field: &str, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line: None,
        id: Some(id.to_string()),
        field: Some(field.to_string()),
        message,
    }
}

impl Corpus {
    /// The problems a scheme has on its own, in a corpus of just itself (ids it names in
    /// `related` or `not_combinable_with` are then unknown and reported too).
    pub fn problems_of_one(scheme: Scheme) -> Vec<Problem> {
        Corpus::new(
            vec![scheme],
            Vec::new(),
            Vec::new(),
            Vec::new(),
            HashSet::new(),
        )
        .problems()
    }
}

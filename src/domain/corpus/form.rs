//! The console's per-field forms for schemes, FAQ files, desks and synonym groups: which
//! control edits which TOML key, the values a form shows for an entry's text, and the text a
//! submitted form makes.
//!
//! A submitted form never rewrites the file from scratch. Each field is compared with the
//! value it had in the text the form was loaded from; only the fields that changed are
//! written into the text, each on its own `key = value` line, so comments, key order,
//! number formats and every field the form does not show stay byte for byte. A form saved
//! without changes gives back exactly the text it was loaded from.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use toml::{Table, Value};

use super::tree::EntryKind;
use super::{Problem, is_valid_id};
use crate::domain::scheme::{INDUSTRIES, PURPOSES};

/// The kind of control that edits one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// One line of text.
    Text,
    /// Text that may run over several lines.
    LongText,
    /// An address of a web page.
    Url,
    /// A whole number (yen, people, years).
    Number,
    /// A TOML date (`2026-11-20`).
    Date,
    /// A time of day written as text (`"09:00"`).
    Time,
    /// One of a fixed set of codes.
    Select(&'static [&'static str]),
    /// Yes or no; absent means no.
    Check,
    /// A list of texts, one row each.
    Rows,
    /// A list of codes from a fixed set, one checkbox each.
    Choices(&'static [&'static str]),
}

impl Control {
    pub fn code(self) -> &'static str {
        match self {
            Control::Text => "text",
            Control::LongText => "textarea",
            Control::Url => "url",
            Control::Number => "number",
            Control::Date => "date",
            Control::Time => "time",
            Control::Select(_) => "select",
            Control::Check => "check",
            Control::Rows => "rows",
            Control::Choices(_) => "choices",
        }
    }

    pub fn options(self) -> &'static [&'static str] {
        match self {
            Control::Select(o) | Control::Choices(o) => o,
            _ => &[],
        }
    }
}

/// One key of a table and its control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub control: Control,
    /// The entry is invalid without it (an emptied text is written as `""`, not removed, so
    /// that the validator names the field).
    pub required: bool,
    /// A box that is ticked when the key is absent (`hours_confirmed`).
    pub default_on: bool,
}

/// One TOML table (or array of tables) of a form, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// The table's dotted name, empty for the keys before the first table.
    pub name: &'static str,
    /// `[[name]]`: repeatable, each item its own group of controls.
    pub array: bool,
    pub fields: &'static [FieldSpec],
}

const fn f(key: &'static str, control: Control) -> FieldSpec {
    FieldSpec {
        key,
        control,
        required: false,
        default_on: false,
    }
}

const fn req(key: &'static str, control: Control) -> FieldSpec {
    FieldSpec {
        key,
        control,
        required: true,
        default_on: false,
    }
}

/// A box ticked when its key is absent.
const fn on(key: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        control: Control::Check,
        required: false,
        default_on: true,
    }
}

pub const LEVELS: &[&str] = &["ward", "tokyo", "national"];
pub const KINDS: &[&str] = &[
    "subsidy",
    "grant",
    "loan_mediation",
    "loan",
    "interest_subsidy",
    "consultation",
    "expert_dispatch",
    "certification",
    "tax",
    "seminar",
];
pub const AREAS: &[&str] = &["minato", "tokyo", "anywhere"];
pub const OFFICES: &[&str] = &["head_office", "any_office"];
pub const SIZES: &[&str] = &["sme", "small", "any"];
pub const PRE_FOUNDING: &[&str] = &["allowed", "only", "no"];
pub const LEGAL_FORMS: &[&str] = &["any", "corporate", "sole_proprietor"];
pub const SECTORS: &[&str] = &["manufacturing_other", "wholesale", "retail", "services"];
pub const SITUATIONS: &[&str] = &[
    "social_business",
    "sanitation_trade",
    "disaster_damage",
    "downturn",
    "partner_bankruptcy",
    "restart",
    "customer_harassment",
    "trade_dispute",
    "overseas_expansion",
    "succession",
];
pub const PREREQUISITES: &[&str] = &[
    "keiei_kakushin_keikaku",
    "keieiryoku_kojo_keikaku",
    "jigyo_keizokuryoku_keikaku",
    "bcp",
    "disability_employment_rate",
    "new_business_activity",
];
pub const WINDOW_KINDS: &[&str] = &["always", "rounds", "annual"];
pub const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri"];
pub const CATEGORIES: &[&str] = &["経営", "融資", "労務", "法務", "知財", "税務", "創業"];
/// `all`, then the jGrants industries.
pub const SCHEME_INDUSTRIES: &[&str] = &[
    "all",
    INDUSTRIES[0],
    INDUSTRIES[1],
    INDUSTRIES[2],
    INDUSTRIES[3],
    INDUSTRIES[4],
    INDUSTRIES[5],
    INDUSTRIES[6],
    INDUSTRIES[7],
    INDUSTRIES[8],
    INDUSTRIES[9],
    INDUSTRIES[10],
    INDUSTRIES[11],
    INDUSTRIES[12],
    INDUSTRIES[13],
    INDUSTRIES[14],
    INDUSTRIES[15],
    INDUSTRIES[16],
    INDUSTRIES[17],
    INDUSTRIES[18],
    INDUSTRIES[19],
];

const SCHEME: &[TableSpec] = &[
    TableSpec {
        name: "",
        array: false,
        fields: &[
            req("id", Control::Text),
            req("title", Control::Text),
            f("aliases", Control::Rows),
            req("level", Control::Select(LEVELS)),
            req("provider", Control::Text),
            req("kind", Control::Select(KINDS)),
            req("summary", Control::LongText),
            req("details", Control::LongText),
            req("purposes", Control::Choices(&PURPOSES)),
            req("industries", Control::Choices(SCHEME_INDUSTRIES)),
            req("how_to_apply", Control::LongText),
            req("contact", Control::Text),
            req("source_url", Control::Url),
            req("as_of", Control::Date),
            f("related", Control::Rows),
            f("not_combinable_with", Control::Rows),
            f("notes", Control::LongText),
        ],
    },
    TableSpec {
        name: "eligibility",
        array: false,
        fields: &[
            req("location", Control::Select(AREAS)),
            req("office", Control::Select(OFFICES)),
            req("size", Control::Select(SIZES)),
            f("max_employees", Control::Number),
            f("min_employees", Control::Number),
            f("max_capital_yen", Control::Number),
            f("min_years", Control::Number),
            f("min_years_area", Control::Select(AREAS)),
            f("max_years", Control::Number),
            req("pre_founding", Control::Select(PRE_FOUNDING)),
            req("legal_form", Control::Select(LEGAL_FORMS)),
            f("shotenkai_member", Control::Check),
            f("once_only", Control::Check),
            f("not_for_recipients_of", Control::Rows),
            f("excluded_industries", Control::Choices(&INDUSTRIES)),
            f("partly_excluded_industries", Control::Choices(&INDUSTRIES)),
            f("min_sales_yen", Control::Number),
            f("max_sales_yen", Control::Number),
            f("situations", Control::Choices(SITUATIONS)),
            f("requires", Control::Choices(PREREQUISITES)),
            f("conditions", Control::Rows),
            f("requirements", Control::Rows),
        ],
    },
    TableSpec {
        name: "eligibility.size_caps",
        array: true,
        fields: &[
            f("sectors", Control::Choices(SECTORS)),
            f("max_capital_yen", Control::Number),
            f("max_employees", Control::Number),
        ],
    },
    TableSpec {
        name: "eligibility.person",
        array: false,
        fields: &[
            f("women", Control::Check),
            f("below_age", Control::Number),
            f("from_age", Control::Number),
            f("max_management_years", Control::Number),
        ],
    },
    TableSpec {
        name: "amount",
        array: false,
        fields: &[
            f("max_yen", Control::Number),
            f("min_yen", Control::Number),
            f("rate", Control::Text),
            f("text", Control::Text),
        ],
    },
    TableSpec {
        name: "window",
        array: false,
        fields: &[req("kind", Control::Select(WINDOW_KINDS))],
    },
    TableSpec {
        name: "window.rounds",
        array: true,
        fields: &[
            req("label", Control::Text),
            req("opens", Control::Date),
            req("closes", Control::Date),
        ],
    },
];

const FAQS: &[TableSpec] = &[TableSpec {
    name: "faq",
    array: true,
    fields: &[
        req("id", Control::Text),
        req("question", Control::LongText),
        req("answer", Control::LongText),
        req("scheme_ids", Control::Rows),
        req("source_url", Control::Url),
        req("as_of", Control::Date),
    ],
}];

const DESKS: &[TableSpec] = &[TableSpec {
    name: "desk",
    array: true,
    fields: &[
        req("id", Control::Text),
        req("name", Control::Text),
        req("categories", Control::Choices(CATEGORIES)),
        req("staff", Control::Text),
        req("weekdays", Control::Choices(WEEKDAYS)),
        req("opens", Control::Time),
        req("closes", Control::Time),
        on("hours_confirmed"),
        req("how_to_book", Control::LongText),
        f("phone", Control::Text),
        f("url", Control::Url),
        f("scheme_id", Control::Text),
        req("source_url", Control::Url),
        req("as_of", Control::Date),
        f("notes", Control::LongText),
    ],
}];

const SYNONYMS: &[TableSpec] = &[TableSpec {
    name: "group",
    array: true,
    fields: &[
        req("canonical", Control::Text),
        req("variants", Control::Rows),
    ],
}];

/// The form of an entry kind; None for kinds edited as text only.
pub fn form_of(kind: EntryKind) -> Option<&'static [TableSpec]> {
    match kind {
        EntryKind::Scheme => Some(SCHEME),
        EntryKind::FaqFile => Some(FAQS),
        EntryKind::Desks => Some(DESKS),
        EntryKind::Synonyms => Some(SYNONYMS),
        _ => None,
    }
}

/// How many empty rows a list of texts shows after its values, for adding.
pub const SPARE_ROWS: usize = 2;

/// What one control shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldValue {
    /// The control's name: the TOML path (`amount.max_yen`, `faq.3.question`).
    pub path: String,
    /// The path without item numbers (`faq.question`): what the label is looked up by.
    pub key_path: String,
    pub spec: FieldSpec,
    /// The value as the control shows it (texts, numbers, dates; `true` for a ticked box).
    pub value: String,
    /// The rows of a list of texts, or the ticked codes of a list of codes.
    pub values: Vec<String>,
}

/// One table of the form (or one item of an array of tables) with its controls.
#[derive(Debug, Clone, PartialEq)]
pub struct TableValue {
    pub spec: TableSpec,
    /// `eligibility`, `faq.3`; empty for the top-level keys.
    pub path: String,
    /// The item's number in its array.
    pub index: Option<usize>,
    /// The empty item at the end of an array, for adding one.
    pub new_item: bool,
    /// The item's own id or canonical word, to name it.
    pub name: Option<String>,
    pub fields: Vec<FieldValue>,
}

/// The controls of `form` filled from `text`; an error when the text is not TOML (the form
/// then offers the text alone).
pub fn form_values(form: &[TableSpec], text: &str) -> Result<Vec<TableValue>, String> {
    let root: Table = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    let mut out = Vec::new();
    for spec in form {
        let items = items_of(&root, spec);
        if spec.array {
            let count = items.len();
            for (i, item) in items.into_iter().enumerate() {
                out.push(table_value(spec, Some(i), item, false));
            }
            out.push(table_value(spec, Some(count), None, true));
        } else {
            out.push(table_value(
                spec,
                None,
                items.into_iter().next().flatten(),
                false,
            ));
        }
    }
    Ok(out)
}

fn path_of(spec: &TableSpec, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("{}.{i}", spec.name),
        None => spec.name.to_string(),
    }
}

fn join(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

fn table_value(
    spec: &TableSpec,
    index: Option<usize>,
    item: Option<&Table>,
    new_item: bool,
) -> TableValue {
    let path = path_of(spec, index);
    let fields = spec
        .fields
        .iter()
        .map(|field| {
            let value = item.and_then(|t| t.get(field.key));
            let (mut value, values) = shown(field.control, value);
            if field.default_on && item.is_some_and(|t| !t.contains_key(field.key)) {
                value = "true".to_string();
            }
            FieldValue {
                path: join(&path, field.key),
                key_path: join(spec.name, field.key),
                spec: *field,
                value,
                values,
            }
        })
        .collect();
    let name = item.and_then(|t| {
        ["id", "canonical"]
            .iter()
            .find_map(|k| t.get(*k).and_then(Value::as_str))
            .map(str::to_string)
    });
    TableValue {
        spec: *spec,
        path,
        index,
        new_item,
        name,
        fields,
    }
}

/// The tables at a dotted name: one (or none) for a table, every item for an array.
fn items_of<'a>(root: &'a Table, spec: &TableSpec) -> Vec<Option<&'a Table>> {
    if spec.name.is_empty() {
        return vec![Some(root)];
    }
    let mut at = Some(root);
    let parts: Vec<&str> = spec.name.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        at = at.and_then(|t| t.get(*part)).and_then(Value::as_table);
    }
    let last = at.and_then(|t| t.get(*parts.last().expect("a name")));
    if spec.array {
        last.and_then(Value::as_array)
            .map(|a| a.iter().map(Value::as_table).collect())
            .unwrap_or_default()
    } else {
        vec![last.and_then(Value::as_table)]
    }
}

fn shown(control: Control, value: Option<&Value>) -> (String, Vec<String>) {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (control, value) {
        (_, None) => (String::new(), Vec::new()),
        (Control::Rows | Control::Choices(_), Some(Value::Array(a))) => {
            (String::new(), a.iter().map(text).collect())
        }
        (Control::Check, Some(Value::Boolean(b))) => (b.to_string(), Vec::new()),
        (_, Some(v)) => (text(v), Vec::new()),
    }
}

/// What a submitted form changes.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Sets (Some) or removes (None) one key of one table.
    Set {
        table: &'static str,
        index: Option<usize>,
        key: &'static str,
        value: Option<Value>,
        /// The keys the form shows before this one: a new key goes after them.
        earlier: &'static [FieldSpec],
    },
    /// A new item of an array, with its keys in the form's order.
    Add {
        table: &'static str,
        keys: Vec<(&'static str, Value)>,
    },
    /// Removes an item of an array.
    Remove { table: &'static str, index: usize },
}

/// `text` without the item of the array of tables `table` whose `id` is `id`, byte for byte
/// otherwise (the removed item's blank lines go with it, and none are left dangling at the
/// end); None when no item has that id.
pub fn without_item(text: &str, table: &'static str, id: &str) -> Option<String> {
    let root: Table = toml::from_str(text).ok()?;
    let items = root.get(table)?.as_array()?;
    let index = items
        .iter()
        .position(|item| item.get("id").and_then(Value::as_str) == Some(id))?;
    let mut out = apply(text, &Change::Remove { table, index }, &[]);
    if index + 1 == items.len() {
        let kept = out.trim_end_matches('\n').len();
        out.truncate(kept);
        if kept > 0 {
            out.push('\n');
        }
    }
    Some(out)
}

/// The name of the checkbox that removes an item (`faq.3._remove`).
pub fn remove_name(item_path: &str) -> String {
    format!("{item_path}._remove")
}

/// The text a submitted form makes: `text` (what the "TOML as text" box held, CRLF already
/// made LF) with every field whose submitted value differs from its value in `original` (the
/// text the form was loaded from) written in. Values the form cannot read (a date that is not
/// one, a number with letters) are problems naming their control; nothing is written then.
pub fn apply_form(
    form: &[TableSpec],
    original: &str,
    text: &str,
    fields: &[(String, String)],
) -> Result<String, Vec<Problem>> {
    let root: Table = toml::from_str(original).map_err(|e| {
        vec![form_problem(
            "",
            format!(
                "the form's original text is not TOML: {}",
                e.message().trim()
            ),
        )]
    })?;
    let submitted = Submitted::new(fields);
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for spec in form {
        let items = items_of(&root, spec);
        if spec.array {
            let count = items.len();
            for (i, item) in items.iter().enumerate() {
                let path = path_of(spec, Some(i));
                if submitted.one(&remove_name(&path)).is_some() {
                    changes.push(Change::Remove {
                        table: spec.name,
                        index: i,
                    });
                    continue;
                }
                changes.extend(table_changes(
                    spec,
                    Some(i),
                    *item,
                    &submitted,
                    &mut problems,
                ));
            }
            let path = path_of(spec, Some(count));
            let mut keys = Vec::new();
            let mut filled = false;
            for field in spec.fields {
                match read(field, &join(&path, field.key), &submitted) {
                    Ok(Some(v)) => {
                        let keep = match v {
                            Value::Boolean(b) => b != field.default_on,
                            _ => {
                                filled |= !is_blank(&v);
                                !is_blank(&v) || field.required
                            }
                        };
                        if keep {
                            keys.push((field.key, v));
                        }
                    }
                    Ok(None) => {}
                    Err(p) => problems.push(p),
                }
            }
            if filled {
                changes.push(Change::Add {
                    table: spec.name,
                    keys,
                });
            }
        } else {
            changes.extend(table_changes(
                spec,
                None,
                items.into_iter().next().flatten(),
                &submitted,
                &mut problems,
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let order: Vec<&str> = form.iter().map(|s| s.name).collect();
    let mut text = text.to_string();
    // Removals last and from the end, so that the item numbers of the others still hold.
    let (mut removals, edits): (Vec<Change>, Vec<Change>) = changes
        .into_iter()
        .partition(|c| matches!(c, Change::Remove { .. }));
    for change in edits {
        text = apply(&text, &change, &order);
    }
    removals.sort_by_key(|c| match c {
        Change::Remove { index, .. } => std::cmp::Reverse(*index),
        _ => std::cmp::Reverse(0),
    });
    for change in removals {
        text = apply(&text, &change, &order);
    }
    Ok(text)
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Boolean(b) => !b,
        _ => false,
    }
}

fn table_changes(
    spec: &TableSpec,
    index: Option<usize>,
    item: Option<&Table>,
    submitted: &Submitted<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<Change> {
    let path = path_of(spec, index);
    let mut out = Vec::new();
    for (n, field) in spec.fields.iter().enumerate() {
        let old = item.and_then(|t| t.get(field.key));
        let new = match read(field, &join(&path, field.key), submitted) {
            Ok(v) => v,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        if same(field, old, new.as_ref()) {
            continue;
        }
        let value = match (field.control, new) {
            // Ticked codes keep the order they were written in; new ones follow.
            (Control::Choices(_), Some(Value::Array(ticked))) => {
                let mut kept: Vec<Value> = old
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter(|v| ticked.contains(v)).cloned().collect())
                    .unwrap_or_default();
                for v in ticked {
                    if !kept.contains(&v) {
                        kept.push(v);
                    }
                }
                Some(Value::Array(kept))
            }
            (_, new) => new,
        };
        out.push(Change::Set {
            table: spec.name,
            index,
            key: field.key,
            value,
            earlier: &spec.fields[..n],
        });
    }
    out
}

/// Whether a submitted value says the same as the text's: an absent list is an empty one, an
/// absent box is unticked, an absent text is empty, and ticked codes are a set.
fn same(field: &FieldSpec, old: Option<&Value>, new: Option<&Value>) -> bool {
    let control = field.control;
    match control {
        Control::Check => {
            old.and_then(Value::as_bool).unwrap_or(field.default_on)
                == new.and_then(Value::as_bool).unwrap_or(false)
        }
        Control::Rows | Control::Choices(_) => {
            let list = |v: Option<&Value>| -> Vec<Value> {
                v.and_then(Value::as_array).cloned().unwrap_or_default()
            };
            let (mut a, mut b) = (list(old), list(new));
            if control != Control::Rows {
                a.sort_by_key(|v| v.to_string());
                b.sort_by_key(|v| v.to_string());
            }
            a == b
        }
        _ => match (old, new) {
            (None, None) => true,
            (None, Some(Value::String(s))) | (Some(Value::String(s)), None) => s.is_empty(),
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

/// The submitted fields by name.
struct Submitted<'a> {
    by_name: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Submitted<'a> {
    fn new(fields: &'a [(String, String)]) -> Submitted<'a> {
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, v) in fields {
            by_name.entry(k.as_str()).or_default().push(v.as_str());
        }
        Submitted { by_name }
    }

    fn one(&self, name: &str) -> Option<&'a str> {
        self.by_name.get(name).and_then(|v| v.first().copied())
    }

    fn all(&self, name: &str) -> Vec<&'a str> {
        self.by_name.get(name).cloned().unwrap_or_default()
    }

    /// `name.0`, `name.1` … in the order of their numbers.
    fn rows(&self, name: &str) -> Vec<&'a str> {
        let prefix = format!("{name}.");
        let mut rows: Vec<(usize, &str)> = self
            .by_name
            .range(prefix.as_str()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, v)| Some((k[prefix.len()..].parse().ok()?, *v.first()?)))
            .collect();
        rows.sort_by_key(|(i, _)| *i);
        rows.into_iter().map(|(_, v)| v).collect()
    }
}

fn form_problem(path: &str, message: String) -> Problem {
    Problem {
        file: std::path::PathBuf::new(),
        line: None,
        id: None,
        field: (!path.is_empty()).then(|| path.to_string()),
        message,
    }
}

/// The submitted value of one control: None when absent or empty (a key to remove).
fn read(field: &FieldSpec, path: &str, s: &Submitted<'_>) -> Result<Option<Value>, Problem> {
    let text = |v: &str| v.replace("\r\n", "\n");
    Ok(match field.control {
        Control::Text | Control::Url | Control::Time => match s.one(path).map(str::trim) {
            Some(v) if !v.is_empty() => Some(Value::String(v.to_string())),
            _ => field.required.then(|| Value::String(String::new())),
        },
        Control::LongText => match s.one(path).map(text) {
            Some(v) if !v.trim().is_empty() => Some(Value::String(v)),
            _ => field.required.then(|| Value::String(String::new())),
        },
        Control::Select(_) => s
            .one(path)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| Value::String(v.to_string())),
        Control::Check => Some(Value::Boolean(
            s.one(path).is_some_and(|v| v == "true" || v == "on"),
        )),
        Control::Number => {
            let Some(v) = s.one(path).map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            let digits: String = v.chars().filter(|c| !matches!(c, ',' | '_')).collect();
            match digits.parse::<i64>() {
                Ok(n) if n >= 0 => Some(Value::Integer(n)),
                _ => {
                    return Err(form_problem(
                        path,
                        format!("not a whole number of 0 or more: {v:?}"),
                    ));
                }
            }
        }
        Control::Date => {
            let Some(v) = s.one(path).map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            match (
                NaiveDate::parse_from_str(v, "%Y-%m-%d"),
                v.parse::<toml::value::Datetime>(),
            ) {
                (Ok(_), Ok(d)) => Some(Value::Datetime(d)),
                _ => {
                    return Err(form_problem(
                        path,
                        format!("not a date written as YYYY-MM-DD: {v:?}"),
                    ));
                }
            }
        }
        Control::Rows => Some(Value::Array(
            s.rows(path)
                .into_iter()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.to_string()))
                .collect(),
        )),
        Control::Choices(_) => Some(Value::Array(
            s.all(path)
                .into_iter()
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.to_string()))
                .collect(),
        )),
    })
}

/// One value written as TOML, in the corpus's style: texts with line breaks as `"""` blocks.
pub fn toml_value(value: &Value) -> String {
    match value {
        Value::String(s) if s.contains('\n') => {
            let mut out = String::from("\"\"\"\n");
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' | '\t' => out.push(c),
                    c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                }
            }
            // Three quotes inside the text would end it.
            let body = out[4..].replace("\"\"\"", "\"\"\\\"");
            out.truncate(4);
            out.push_str(&body);
            out.push_str("\"\"\"");
            out
        }
        Value::String(s) => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '"' => out.push_str("\\\""),
                    c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// A part of the text: the lines before the first header, or a header and its lines.
#[derive(Debug, Clone)]
struct Region {
    name: String,
    array: bool,
    /// Line numbers (from 0): the header (or 0), and one past the last line.
    start: usize,
    end: usize,
}

fn lines_of(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_string).collect()
}

/// The regions of `lines`, headers inside multi-line strings skipped.
fn regions(lines: &[String]) -> Vec<Region> {
    let mut out = vec![Region {
        name: String::new(),
        array: false,
        start: 0,
        end: 0,
    }];
    let mut in_string = false;
    for (i, line) in lines.iter().enumerate() {
        if !in_string {
            let t = line.trim();
            // A header may carry a comment after it.
            let t = match t.split_once('#') {
                Some((head, _)) if t.starts_with('[') => head.trim(),
                _ => t,
            };
            let header = t
                .strip_prefix("[[")
                .and_then(|l| l.strip_suffix("]]"))
                .map(|n| (n, true))
                .or_else(|| {
                    t.strip_prefix('[')
                        .and_then(|l| l.strip_suffix(']'))
                        .map(|n| (n, false))
                });
            if let Some((name, array)) = header
                && !name.is_empty()
                && !name.contains(['=', '"', '['])
            {
                out.last_mut().expect("a region").end = i;
                out.push(Region {
                    name: name.split('.').map(str::trim).collect::<Vec<_>>().join("."),
                    array,
                    start: i,
                    end: i,
                });
            }
        }
        if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_string = !in_string;
        }
    }
    out.last_mut().expect("a region").end = lines.len();
    out
}

/// The region of a table (or of item `index` of an array).
fn find_region(regions: &[Region], table: &str, index: Option<usize>) -> Option<usize> {
    match index {
        None => regions.iter().position(|r| r.name == table && !r.array),
        Some(i) => regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.name == table && r.array)
            .nth(i)
            .map(|(n, _)| n),
    }
}

/// The lines `[start, end)` holding `key = …` inside a region, the value's continuation
/// lines included.
fn key_span(lines: &[String], region: &Region, key: &str) -> Option<(usize, usize)> {
    let first = if region.name.is_empty() {
        region.start
    } else {
        region.start + 1
    };
    let mut i = first;
    while i < region.end {
        let span_end = value_end(lines, i);
        if key_of(&lines[i]).as_deref() == Some(key) {
            return Some((i, span_end));
        }
        i = span_end.max(i + 1);
    }
    None
}

/// The bare or quoted key of a `key = value` line.
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with('#') {
        return None;
    }
    let (key, _) = t.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

/// One past the last line of the value that starts on line `i`.
fn value_end(lines: &[String], i: usize) -> usize {
    let line = &lines[i];
    let Some((_, value)) = line.split_once('=') else {
        return i + 1;
    };
    if key_of(line).is_none() {
        return i + 1;
    }
    let value = value.trim_start();
    for quotes in ["\"\"\"", "'''"] {
        if let Some(rest) = value.strip_prefix(quotes)
            && !rest.contains(quotes)
        {
            return (i + 1..lines.len())
                .find(|&j| lines[j].contains(quotes))
                .map_or(lines.len(), |j| j + 1);
        }
    }
    if value.starts_with('[') {
        let mut depth = 0i32;
        for (j, l) in lines.iter().enumerate().skip(i) {
            let part = if j == i { value } else { l.as_str() };
            depth += bracket_depth(part);
            if depth <= 0 {
                return j + 1;
            }
        }
        return lines.len();
    }
    i + 1
}

/// `[` minus `]` outside strings and comments.
fn bracket_depth(text: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' => depth += 1,
                ']' => depth -= 1,
                '#' => break,
                _ => {}
            },
        }
    }
    depth
}

/// Where a new key goes in a region: after the last key the form shows before it, else
/// before the region's first key.
fn new_key_at(lines: &[String], region: &Region, earlier: &[FieldSpec]) -> usize {
    let first = if region.name.is_empty() {
        region.start
    } else {
        region.start + 1
    };
    let mut after_earlier = None;
    let mut first_key = None;
    let mut i = first;
    while i < region.end {
        let end = value_end(lines, i);
        if let Some(key) = key_of(&lines[i]) {
            first_key.get_or_insert(i);
            if earlier.iter().any(|f| f.key == key) {
                after_earlier = Some(end);
            }
        }
        i = end.max(i + 1);
    }
    after_earlier.or(first_key).unwrap_or(first)
}

/// Where a new table goes: before the first region of a table the form shows later.
fn new_table_at(regions: &[Region], table: &str, order: &[&str]) -> usize {
    let rank = |name: &str| order.iter().position(|n| *n == name);
    let mine = rank(table).unwrap_or(usize::MAX);
    // The last item of the same array comes first.
    if let Some(last) = regions.iter().rposition(|r| r.name == table) {
        return last + 1;
    }
    regions
        .iter()
        .position(|r| !r.name.is_empty() && rank(&r.name).is_none_or(|k| k > mine))
        .unwrap_or(regions.len())
}

fn assign(key: &str, value: &Value) -> String {
    format!("{key} = {}\n", toml_value(value))
}

fn apply(text: &str, change: &Change, order: &[&str]) -> String {
    let mut lines = lines_of(text);
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        lines.last_mut().expect("a line").push('\n');
    }
    let regions = regions(&lines);
    match change {
        Change::Set {
            table,
            index,
            key,
            value,
            earlier,
        } => match find_region(&regions, table, *index) {
            Some(r) => {
                let region = &regions[r];
                match (key_span(&lines, region, key), value) {
                    (Some((a, b)), Some(v)) => {
                        lines.splice(a..b, [assign(key, v)]);
                    }
                    (Some((a, b)), None) => {
                        lines.drain(a..b);
                    }
                    (None, Some(v)) => {
                        let at = new_key_at(&lines, region, earlier);
                        lines.insert(at, assign(key, v));
                    }
                    (None, None) => {}
                }
            }
            None => {
                let Some(v) = value else {
                    return lines.concat();
                };
                insert_table(
                    &mut lines,
                    &regions,
                    table,
                    false,
                    &[(*key, v.clone())],
                    order,
                );
            }
        },
        Change::Add { table, keys } => {
            insert_table(&mut lines, &regions, table, true, keys, order);
        }
        Change::Remove { table, index } => {
            if let Some(r) = find_region(&regions, table, Some(*index)) {
                let region = &regions[r];
                lines.drain(region.start..region.end);
            }
        }
    }
    lines.concat()
}

fn insert_table(
    lines: &mut Vec<String>,
    regions: &[Region],
    table: &str,
    array: bool,
    keys: &[(&str, Value)],
    order: &[&str],
) {
    let r = new_table_at(regions, table, order);
    let at = regions.get(r).map_or(lines.len(), |region| region.start);
    let mut block = Vec::new();
    if at > 0 && lines[at - 1].trim() != "" {
        block.push("\n".to_string());
    }
    block.push(if array {
        format!("[[{table}]]\n")
    } else {
        format!("[{table}]\n")
    });
    for (k, v) in keys {
        block.push(assign(k, v));
    }
    if at < lines.len() {
        block.push("\n".to_string());
    }
    lines.splice(at..at, block);
}

/// The control a validator's problem is about, by the TOML path of the form
/// (`eligibility.min_years`, `faq.3.scheme_ids`), or the path of a table or item (`window.rounds`,
/// `desk.2`); None when the problem names no part of this entry's form.
pub fn control_of(form: &[TableSpec], text: &str, problem: &Problem) -> Option<String> {
    let field = problem
        .field
        .as_deref()
        .map(|f| f.split('[').next().unwrap_or(f).trim_end_matches('.'))
        .map(|f| f.split('/').next().unwrap_or(f).to_string());
    let arrays: Vec<&TableSpec> = form.iter().filter(|s| s.array).collect();
    let item_array = arrays
        .iter()
        .find(|s| !s.name.contains('.') && form.len() == 1);
    if let Some(spec) = item_array {
        // A file of items: find the item by its id (or canonical word), else by the line.
        let root: Option<Table> = toml::from_str(text).ok();
        let index = problem.id.as_deref().and_then(|id| {
            root.as_ref().and_then(|r| {
                items_of(r, spec).iter().position(|t| {
                    t.is_some_and(|t| {
                        ["id", "canonical"]
                            .iter()
                            .any(|k| t.get(*k).and_then(Value::as_str) == Some(id))
                    })
                })
            })
        });
        let index = index.or_else(|| {
            let line = problem.line?;
            let lines = lines_of(text);
            let rs = regions(&lines);
            let r = rs.iter().position(|r| r.start < line && line <= r.end)?;
            (rs[r].name == spec.name && rs[r].array).then(|| {
                rs[..r]
                    .iter()
                    .filter(|x| x.name == spec.name && x.array)
                    .count()
            })
        })?;
        let item = format!("{}.{index}", spec.name);
        return Some(match field {
            Some(f) if spec.fields.iter().any(|s| s.key == f) => format!("{item}.{f}"),
            _ => item,
        });
    }
    let field = field?;
    for spec in form {
        for s in spec.fields {
            if join(spec.name, s.key) == field {
                return Some(if spec.array {
                    spec.name.to_string()
                } else {
                    field
                });
            }
        }
        if spec.name == field {
            return Some(field);
        }
    }
    // A parse error names the key alone: find it by the line it is on.
    let line = problem.line?;
    let lines = lines_of(text);
    let rs = regions(&lines);
    let region = rs.iter().rfind(|r| r.start < line)?;
    let spec = form.iter().find(|s| s.name == region.name)?;
    spec.fields.iter().any(|s| s.key == field).then(|| {
        if spec.array {
            spec.name.to_string()
        } else {
            join(spec.name, &field)
        }
    })
}

/// The path of a new scheme's file: `schemes/<level>/<id>.toml`.
pub fn scheme_path(level: &str, id: &str) -> Option<String> {
    (LEVELS.contains(&level) && is_valid_id(id)).then(|| format!("schemes/{level}/{id}.toml"))
}

/// The text of a new scheme: the required fields, in the corpus's order, for the editor to
/// fill in the form (the validator says what is still missing).
pub fn new_scheme_text(id: &str, level: &str, title: &str, today: NaiveDate) -> String {
    let s = |v: &str| toml_value(&Value::String(v.to_string()));
    let location = if level == "ward" {
        "minato"
    } else if level == "tokyo" {
        "tokyo"
    } else {
        "anywhere"
    };
    format!(
        "id = {}\ntitle = {}\naliases = []\nlevel = {}\nprovider = \"\"\nkind = \"subsidy\"\nsummary = \"\"\ndetails = \"\"\"\n\"\"\"\npurposes = []\nindustries = [\"all\"]\nhow_to_apply = \"\"\ncontact = \"\"\nsource_url = \"\"\nas_of = {}\n\n[eligibility]\nlocation = \"{location}\"\noffice = \"any_office\"\nsize = \"sme\"\npre_founding = \"no\"\nlegal_form = \"any\"\n\n[window]\nkind = \"always\"\n",
        s(id),
        s(title),
        s(level),
        today.format("%Y-%m-%d"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(form: &[TableSpec], text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for t in form_values(form, text).unwrap() {
            for f in t.fields {
                match f.spec.control {
                    Control::Rows => {
                        for (i, v) in f.values.iter().enumerate() {
                            out.push((format!("{}.{i}", f.path), v.clone()));
                        }
                        for i in 0..SPARE_ROWS {
                            out.push((format!("{}.{}", f.path, f.values.len() + i), String::new()));
                        }
                    }
                    Control::Choices(_) => {
                        for v in f.values {
                            out.push((f.path.clone(), v));
                        }
                    }
                    Control::Check => {
                        if f.value == "true" {
                            out.push((f.path, "true".into()));
                        }
                    }
                    _ => out.push((f.path, f.value.replace('\n', "\r\n"))),
                }
            }
        }
        out
    }

    fn set(p: &mut Vec<(String, String)>, key: &str, value: &str) {
        p.retain(|(k, _)| k != key);
        p.push((key.into(), value.into()));
    }

    const TEXT: &str = "# a comment kept\nid = \"x\"\ntitle = \"題\"\npurposes = [\"創業\", \"IT導入\"]\ndetails = \"\"\"\n一行目\n二行目\n\"\"\"\nas_of = 2026-11-20\n\n[eligibility]\nlocation = \"minato\"\nmax_capital_yen = 50_000_000\nconditions = [\n  \"a\",\n  \"b\",\n]\n\n[window]\nkind = \"rounds\"\n\n[[window.rounds]]\nlabel = \"第1回\"\nopens = 2026-04-01\ncloses = 2026-05-01\n";

    #[test]
    fn an_unchanged_form_gives_back_the_same_bytes() {
        let p = pairs(SCHEME, TEXT);
        assert_eq!(apply_form(SCHEME, TEXT, TEXT, &p).unwrap(), TEXT);
    }

    #[test]
    fn a_changed_field_is_written_on_its_own_line_and_nothing_else_moves() {
        let mut p = pairs(SCHEME, TEXT);
        set(&mut p, "eligibility.max_capital_yen", "30000000");
        set(&mut p, "window.rounds.0.closes", "2026-05-31");
        set(&mut p, "amount.max_yen", "800000");
        p.push(("purposes".into(), "販路拡大".into()));
        set(&mut p, "aliases.0", "別名");
        let out = apply_form(SCHEME, TEXT, TEXT, &p).unwrap();
        let expected = TEXT
            .replace("max_capital_yen = 50_000_000", "max_capital_yen = 30000000")
            .replace("closes = 2026-05-01", "closes = 2026-05-31")
            .replace(
                "purposes = [\"創業\", \"IT導入\"]",
                "purposes = [\"創業\", \"IT導入\", \"販路拡大\"]",
            )
            .replace("title = \"題\"\n", "title = \"題\"\naliases = [\"別名\"]\n")
            .replace("\n[window]\n", "\n[amount]\nmax_yen = 800000\n\n[window]\n");
        assert_eq!(out, expected);
        let _: Table = toml::from_str(&out).unwrap();
    }

    #[test]
    fn rows_and_items_are_added_and_removed() {
        let mut p = pairs(SCHEME, TEXT);
        p.retain(|(k, _)| k != "eligibility.conditions.1");
        set(&mut p, "window.rounds.1.label", "第2回");
        set(&mut p, "window.rounds.1.opens", "2026-09-01");
        set(&mut p, "window.rounds.1.closes", "2026-10-01");
        let out = apply_form(SCHEME, TEXT, TEXT, &p).unwrap();
        let t: Table = toml::from_str(&out).unwrap();
        assert_eq!(
            t["eligibility"]["conditions"],
            Value::Array(vec![Value::String("a".into())])
        );
        assert_eq!(t["window"]["rounds"].as_array().unwrap().len(), 2);
        assert!(
            out.ends_with(
                "[[window.rounds]]\nlabel = \"第2回\"\nopens = 2026-09-01\ncloses = 2026-10-01\n"
            ),
            "{out}"
        );
        p.push(("window.rounds.0._remove".into(), "1".into()));
        let out = apply_form(SCHEME, TEXT, TEXT, &p).unwrap();
        let t: Table = toml::from_str(&out).unwrap();
        assert_eq!(t["window"]["rounds"][0]["label"].as_str(), Some("第2回"));
    }

    #[test]
    fn the_text_box_edit_survives_when_the_fields_are_unchanged() {
        let p = pairs(SCHEME, TEXT);
        let edited = TEXT.replace("title = \"題\"", "title = \"新しい題\"");
        assert_eq!(apply_form(SCHEME, TEXT, &edited, &p).unwrap(), edited);
    }

    #[test]
    fn unreadable_numbers_and_dates_name_their_control() {
        let mut p = pairs(SCHEME, TEXT);
        set(&mut p, "amount.max_yen", "八十万");
        set(&mut p, "as_of", "2026/13/01");
        let problems = apply_form(SCHEME, TEXT, TEXT, &p).unwrap_err();
        let fields: Vec<_> = problems.iter().filter_map(|p| p.field.clone()).collect();
        assert_eq!(fields, ["as_of", "amount.max_yen"]);
    }

    #[test]
    fn multi_line_texts_are_written_as_blocks_that_read_back() {
        let v = Value::String("一\n\"\"\"二\\\n".into());
        let text = format!("a = {}\n", toml_value(&v));
        let t: Table = toml::from_str(&text).unwrap();
        assert_eq!(t["a"], v);
    }

    #[test]
    fn problems_find_their_item_by_id() {
        let text = "[[faq]]\nid = \"a\"\n\n[[faq]]\nid = \"b\"\n";
        let p = Problem {
            file: "faqs/x.toml".into(),
            line: None,
            id: Some("b".into()),
            field: Some("scheme_ids".into()),
            message: String::new(),
        };
        assert_eq!(
            control_of(FAQS, text, &p).as_deref(),
            Some("faq.1.scheme_ids")
        );
        let p = Problem {
            id: None,
            field: Some("eligibility.conditions[2]".into()),
            ..p
        };
        assert_eq!(
            control_of(SCHEME, TEXT, &p).as_deref(),
            Some("eligibility.conditions")
        );
    }

    const FILE: &str = "[[scheme]]\nid = \"a\"\ntitle = \"A\"\n\n[[scheme]]\nid = \"b\"\ntitle = \"B\"\nwho = \"\"\"\nid = \"c\"\n\"\"\"\n\n[[scheme]]\nid = \"c\"\ntitle = \"C\"\n";

    #[test]
    fn an_item_is_removed_by_its_id_and_the_rest_kept_byte_for_byte() {
        assert_eq!(
            without_item(FILE, "scheme", "a").unwrap(),
            "[[scheme]]\nid = \"b\"\ntitle = \"B\"\nwho = \"\"\"\nid = \"c\"\n\"\"\"\n\n[[scheme]]\nid = \"c\"\ntitle = \"C\"\n"
        );
        assert_eq!(
            without_item(FILE, "scheme", "c").unwrap(),
            "[[scheme]]\nid = \"a\"\ntitle = \"A\"\n\n[[scheme]]\nid = \"b\"\ntitle = \"B\"\nwho = \"\"\"\nid = \"c\"\n\"\"\"\n"
        );
        assert_eq!(without_item(FILE, "scheme", "zz"), None);
        assert_eq!(
            without_item("[[scheme]]\nid = \"a\"\n", "scheme", "a").unwrap(),
            ""
        );
    }
}

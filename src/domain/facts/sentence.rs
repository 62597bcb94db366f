//! The sentences a fact is made of: which sentence, and its values (amounts, rates, dates,
//! years, hours, phone numbers, names, the corpus's own words). The wording of every sentence
//! is in the message catalogs (`fact-*` keys of `locales/<lang>/main.ftl`); the application
//! layer renders them in the reply's language and formats the numbers, dates and hours from
//! these fields there, so no language can drift from the corpus. Nothing here is worded.

use chrono::NaiveDate;

use crate::domain::asked::Asked;
use crate::domain::consultants::Desk;
use crate::domain::scheme::{Area, Kind, LegalForm, PreFounding};

/// One sentence of a fact.
#[derive(Debug, Clone, PartialEq)]
pub enum Sentence {
    /// `asked` is not in our sources: confirm it with `contact` or on the official page.
    NotInSources {
        asked: Asked,
        contact: String,
    },
    /// The entry's own amount line, quoted ("対象経費の3分の2以内、上限40万円").
    AmountPublished {
        of: AmountOf,
        text: String,
    },
    /// The ceiling of the loan, the grant or the amount, from the field.
    AmountCeiling {
        of: AmountOf,
        yen: u64,
    },
    /// The ceiling, after an amount line that does not give it.
    Ceiling {
        yen: u64,
    },
    /// The share of the costs a subsidy or grant pays, from the rate field, and its ceiling
    /// when the entry has one (a reading for people who are new to 補助率).
    ShareOfCosts {
        share: Share,
        ceiling: Option<u64>,
    },
    /// The ceiling is per person (the entry's amount line says so, next to the ceiling).
    PerPersonCeiling {
        of: AmountOf,
        yen: u64,
    },
    /// The lower limit.
    Floor {
        yen: u64,
    },
    /// The rate, after the amount.
    AlsoRate {
        rate: String,
    },
    /// The rate of the loan, the subsidy or the tax relief.
    Rate {
        of: RateOf,
        rate: String,
    },
    /// The rate, with the amount line that does not quote it.
    RateWithText {
        of: RateOf,
        rate: String,
        text: String,
    },
    /// The amount line, which gives the rate in its own words.
    RateInText {
        of: RateOf,
        text: String,
    },
    /// The condition of the entry that decides a case put in the question, quoted.
    CoveredRule {
        condition: String,
    },
    /// Whom it is mainly for: size, place and legal form.
    MainlyFor {
        size: SizeTerm,
        place: Option<Place>,
        legal: LegalForm,
    },
    /// The structured rules, as one list.
    Rules(Vec<Rule>),
    /// One structured rule, as its own sentence.
    Required(Rule),
    /// The entry's own conditions, quoted as one list.
    Conditions(Vec<String>),
    /// One condition of the entry on years, months or age, quoted.
    Condition {
        text: String,
    },
    /// The reviewed translation of who can apply, quoted whole.
    InShort {
        text: String,
    },
    /// Whether people who have not started yet can use it.
    PreFounding(PreFounding),
    /// Applications at any time.
    AlwaysOpen,
    /// A sentence of the how-to-apply text that gives a desk's days, quoted.
    ConsultDays {
        text: String,
    },
    /// Offered every year; the next round not announced as of the entry's date.
    NextRoundUnannounced {
        as_of: NaiveDate,
    },
    /// Sentences of the entry on earlier rounds, quoted.
    PastRounds {
        texts: Vec<String>,
    },
    /// One round's dates, and where `today` stands.
    Round {
        label: String,
        opens: NaiveDate,
        closes: NaiveDate,
        state: Option<RoundState>,
    },
    /// Every round closed and the next not in the sources.
    NextRoundUnknown {
        contact: String,
    },
    /// A time limit on applying from the entry, quoted.
    WhenToApply {
        text: String,
    },
    /// A sentence of the corpus or its reviewed translation, quoted as it is.
    Words {
        text: String,
    },
    /// The sentence of the entry that says what using it costs, quoted.
    FeeQuoted {
        text: String,
    },
    /// The sentence of the entry that gives how many times it can be used, quoted.
    CountQuoted {
        text: String,
    },
    /// The sentence of the entry that gives how long it runs (repayment, grace, years paid),
    /// quoted.
    TermQuoted {
        text: String,
    },
    /// The entry's how-to-apply text, quoted.
    HowToApply {
        text: String,
    },
    /// Where to apply or ask.
    ApplyTo {
        contact: String,
    },
    /// Sentences of the entry on the documents, quoted.
    Documents {
        texts: Vec<String>,
    },
    /// Whom to ask.
    ContactIs {
        contact: String,
    },
    /// A desk that describes the scheme: its name, its hours (from the desk's fields) and how
    /// to book, in the words of the reply's reading.
    DeskOpen {
        name: String,
        desk: Box<Desk>,
        book: String,
    },
    Phone {
        phone: String,
    },
    /// The caller asks for a phone number and neither the entry nor its desks give one.
    PhoneUnknown,
    /// The caller asks for days or hours and neither the entry nor its desks give them.
    HoursUnknown,
    /// The two schemes cannot pay for the same costs.
    NotCombinable {
        scheme: String,
        other: String,
    },
    /// The scheme cannot pay for the same costs as any of `others`.
    NotCombinableWithAny {
        scheme: String,
        others: Vec<String>,
    },
    /// The entry's conditions about combining, quoted.
    CombinationConditions {
        texts: Vec<String>,
    },
}

impl Sentence {
    /// The corpus's own words this sentence carries (quoted lines, texts, contacts, names),
    /// for telling whether a fact already says something.
    pub fn quoted_words(&self) -> Vec<&str> {
        use Sentence::*;
        match self {
            NotInSources { contact, .. }
            | ApplyTo { contact }
            | ContactIs { contact }
            | NextRoundUnknown { contact } => vec![contact],
            AmountPublished { text, .. }
            | RateInText { text, .. }
            | InShort { text }
            | Condition { text }
            | ConsultDays { text }
            | WhenToApply { text }
            | Words { text }
            | FeeQuoted { text }
            | CountQuoted { text }
            | TermQuoted { text }
            | HowToApply { text } => vec![text],
            RateWithText { rate, text, .. } => vec![rate, text],
            Rate { rate, .. } | AlsoRate { rate } => vec![rate],
            CoveredRule { condition } => vec![condition],
            Conditions(texts)
            | PastRounds { texts }
            | Documents { texts }
            | CombinationConditions { texts } => texts.iter().map(String::as_str).collect(),
            Round { label, .. } => vec![label],
            DeskOpen { name, book, .. } => vec![name, book],
            Phone { phone } => vec![phone],
            NotCombinable { scheme, other } => vec![scheme, other],
            NotCombinableWithAny { scheme, others } => std::iter::once(scheme.as_str())
                .chain(others.iter().map(String::as_str))
                .collect(),
            Rules(rules) => rules.iter().flat_map(Rule::quoted_words).collect(),
            Required(rule) => rule.quoted_words(),
            AmountCeiling { .. }
            | Ceiling { .. }
            | ShareOfCosts { .. }
            | PerPersonCeiling { .. }
            | Floor { .. }
            | MainlyFor { .. }
            | PreFounding(_)
            | AlwaysOpen
            | NextRoundUnannounced { .. }
            | PhoneUnknown
            | HoursUnknown => Vec::new(),
        }
    }
}

/// What an amount is: the limit of a loan, the sum of a subsidy or grant, or another amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountOf {
    Loan,
    Grant,
    Other,
}

impl AmountOf {
    pub fn of(kind: Kind) -> AmountOf {
        match kind {
            Kind::Loan | Kind::LoanMediation => AmountOf::Loan,
            Kind::Subsidy | Kind::Grant => AmountOf::Grant,
            _ => AmountOf::Other,
        }
    }
}

/// A plain share of the costs: `num`/`den`, "up to" when the entry says 以内 or 以下.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub num: u32,
    pub den: u32,
    pub up_to: bool,
}

impl Share {
    /// "2/3", "2/3以内", "3分の2", "3分の2以下" → the share; `None` for anything that needs
    /// more words than a fraction ("原則1/2（小規模は2/3）", "0.1%"), which is quoted instead.
    pub fn parse(rate: &str) -> Option<Share> {
        let r = rate.trim();
        let (r, up_to) = match r.strip_suffix("以内").or_else(|| r.strip_suffix("以下")) {
            Some(r) => (r, true),
            None => (r, false),
        };
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (num, den) = if let Some((n, d)) = r.split_once('/') {
            (number(n)?, number(d)?)
        } else {
            let (d, n) = r.split_once("分の")?;
            (number(n)?, number(d)?)
        };
        (num > 0 && num < den).then_some(Share { num, den, up_to })
    }
}

/// What a rate is: a loan's interest, the share of interest paid, tax relief, or a subsidy's
/// share of the costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateOf {
    Loan,
    InterestSubsidy,
    Tax,
    Subsidy,
}

impl RateOf {
    pub fn of(kind: Kind) -> RateOf {
        match kind {
            Kind::Loan | Kind::LoanMediation => RateOf::Loan,
            Kind::InterestSubsidy => RateOf::InterestSubsidy,
            Kind::Certification | Kind::Tax => RateOf::Tax,
            _ => RateOf::Subsidy,
        }
    }
}

/// The size of business a scheme is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeTerm {
    Sme,
    /// 小規模事業者 as the law defines them ([`SMALL_BY_LAW`]).
    SmallByLaw,
    Small,
    Any,
}

pub use crate::domain::scheme::{SMALL_BY_LAW, SmallCaps};

/// Where the office must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    HeadOffice(Area),
    AnyOffice(Area),
}

/// A round's state on the day asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    Open,
    Upcoming,
    Closed,
}

/// One structured rule of who may apply, with the numbers of the fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    EmployeesAtMost(u32),
    EmployeesAtLeast(u32),
    CapitalAtMost(u64),
    /// A cap of the entry, for some sectors (their Japanese labels) or all.
    SizeCap {
        sectors: Vec<&'static str>,
        capital: Option<u64>,
        employees: Option<u32>,
    },
    /// Years in business, in an area or anywhere.
    InBusiness {
        area: Option<Area>,
        years: u32,
    },
    FoundedWithin(u32),
    Owner(Owner),
    ManagementYearsBelow(u32),
    SalesAtLeast(u64),
    SalesBelow(u64),
    ExcludedIndustries(Vec<String>),
    ShotenkaiMember,
    OnceOnly,
}

impl Rule {
    fn quoted_words(&self) -> Vec<&str> {
        match self {
            Rule::ExcludedIndustries(industries) => industries.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// Who the owner (founder) must be: any one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub women: bool,
    pub below_age: Option<u32>,
    pub from_age: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_rate_is_a_share_of_the_costs() {
        let share = |num, den, up_to| Some(Share { num, den, up_to });
        assert_eq!(Share::parse("2/3"), share(2, 3, false));
        assert_eq!(Share::parse("2/3以内"), share(2, 3, true));
        assert_eq!(Share::parse("3分の2以下"), share(2, 3, true));
        assert_eq!(Share::parse(" 4分の3 "), share(3, 4, false));
        for words in [
            "1/2（生鮮三品販売店舗は3/4）",
            "0.1%",
            "原則1/2",
            "3/2",
            "0/3",
            "",
        ] {
            assert_eq!(Share::parse(words), None, "{words}");
        }
    }
}

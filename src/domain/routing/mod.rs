//! Decides whether a chat message can be answered from the corpus or must go to a person,
//! and which consultant category fits. The rules speak first and every decision names its
//! reason; the labelled examples nearest in meaning (`examples`) and a linear model over the
//! sentence encoder's vectors (`model`) then decide what the rules have no words for. All are
//! measured on eval/routing.jsonl, the model by leaving one writer out of its training.
//!
//! `sensitive`, `person`, `complaint` and `individual` hold the rule tables of each kind of
//! hand-off, `topics` the field of a message; this module holds the policy that orders them.

mod complaint;
pub mod examples;
mod individual;
pub mod model;
mod person;
mod sensitive;
mod spelling;
mod topics;

pub use spelling::KanaSpelling;
pub use topics::{topic_category, topic_field};

use complaint::complaint_words;
use individual::asks_definition;
use individual::{individual_case, says_general};
use person::{asks_consultation, asks_contact_details, makes_request, person_words};
use sensitive::{INFORMATIONAL, SENSITIVE, SENSITIVE_ANY_FIELD, SITUATION, sensitive_category};

use super::consultants::ConsultCategory;
use super::handoff::{HandoffCategory, HandoffReason};

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub handoff: Option<HandoffReason>,
    /// Who takes it: a consultant's field, or the staff for a complaint about the service.
    /// For an answered message, the field of its topic.
    pub category: HandoffCategory,
    /// The words that decided it, for the staff console.
    pub matched: Vec<String>,
}

/// Every word the rules match, for reading a kana message as the words it sounds like.
fn vocabulary() -> impl Iterator<Item = &'static str> {
    topics::words()
        .chain(sensitive::words())
        .chain(complaint::words())
        .chain(person::words())
        .chain(individual::words())
}

/// "X じゃなくて Y": what comes before the marker, back to the start of its clause, is set aside.
const SET_ASIDE_BEFORE: &[&str] = &[
    // "融資の話より、まず…": what comes first is put off for later.
    "の話より",
    "のことより",
    "じゃなくて",
    "じゃなく",
    "ではなくて",
    "ではなく",
    "でなくて",
    "でなく",
];

/// "not about X but Y", "rather than X": what follows the marker, to the end of its clause, is
/// set aside.
const SET_ASIDE_AFTER: &[&str] = &["not about ", "rather than ", "instead of "];

/// Where a clause starts or ends.
pub(super) const CLAUSE_END: &[char] = &['。', '、', ',', '.', '!', '?', '！', '？', '\n', ';'];
const SENTENCE_END: &[char] = &['。', '.', '!', '?', '！', '？', '\n'];

/// What the caller sets aside and what they want instead ("税金じゃなくて労務の相談", "not
/// about the loan but about my staff"): the message with the set-aside words blanked out,
/// and the field of what they want when it names one (which then decides the desk).
pub(crate) fn set_aside(text: &str) -> (String, Option<ConsultCategory>) {
    let mut kept = text.to_string();
    let mut wanted = None;
    // Blanked byte for byte, so that offsets found in `text` still hold in `kept`.
    let blank = |kept: &mut String, from: usize, to: usize| {
        kept.replace_range(from..to, &" ".repeat(to - from));
    };
    for marker in SET_ASIDE_BEFORE {
        for (at, _) in text.match_indices(marker) {
            let from = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| CLAUSE_END.contains(c))
                .map_or(0, |(p, c)| p + c.len_utf8());
            let rest = &text[at + marker.len()..];
            let wish = &rest[..rest.find(SENTENCE_END).unwrap_or(rest.len())];
            wanted = wanted.or(topic_field(wish));
            blank(&mut kept, from, at);
        }
    }
    for marker in SET_ASIDE_AFTER {
        for (at, _) in text.match_indices(marker) {
            let from = at + marker.len();
            let rest = &text[from..];
            let end = rest.find(CLAUSE_END).unwrap_or(rest.len());
            let clause = &rest[..end];
            // "not about X but Y": Y is what they want.
            let (aside, wish) = match clause.find(" but ") {
                Some(b) => (b, Some(&clause[b + 5..])),
                None => (
                    end,
                    rest[end..]
                        .strip_prefix(|c| CLAUSE_END.contains(&c))
                        .filter(|_| *marker == "not about "),
                ),
            };
            if let Some(wish) = wish {
                let wish = &wish[..wish.find(SENTENCE_END).unwrap_or(wish.len())];
                wanted = wanted.or(topic_field(wish));
            }
            blank(&mut kept, from, from + aside);
        }
    }
    (kept, wanted)
}

/// What the caller asks for in so many words: a consultation, someone to look, a way out, the
/// help they need.
const WISH: &[&str] = &[
    "相談したい",
    "相談をしたい",
    "相談させて",
    "見てほしい",
    "みてほしい",
    "見てもらいた",
    "見てもらえ",
    "どうにかしたい",
    "なんとかしたい",
    "何とかしたい",
    "what i need",
    "what we need",
    "i need help with",
    "we need help with",
];

/// The field named in the clause that holds the caller's wish ("…今回はつなぎの融資の相談を
/// したいです"): trouble told before it is the background, the wish names the desk.
fn wished_field(text: &str) -> Option<ConsultCategory> {
    text.split(CLAUSE_END)
        .filter(|clause| WISH.iter().any(|w| clause.contains(w)))
        .filter_map(topic_field)
        .next_back()
}

/// What the rules read in a message (lower case, as [`reading`] gives it) before deciding:
/// the words kept once the set-aside ones are blanked, the trouble told, and the field.
struct Told {
    kept: String,
    /// Sensitive words whose trouble has befallen the caller, with their fields.
    trouble: Vec<&'static (&'static str, ConsultCategory)>,
    /// Sensitive words of any field ("訴えられた").
    any_field: Vec<&'static str>,
    /// The field the caller asks for: instead of another ("税金じゃなくて労務"), or in the
    /// clause that says what they wish.
    wanted: Option<ConsultCategory>,
    /// The field of the message: the one wanted, else its topic words'.
    field: Option<ConsultCategory>,
}

/// Reads a message (lower case, as [`reading`] gives it) the one way [`route`] and
/// [`route_with`] both choose its field by. Words the caller sets aside ("税金じゃなくて")
/// name no trouble and no field; what they want instead names the desk. Else the clause that
/// says what they wish names it, whether or not trouble is told before it as the background
/// ("…返済が遅れそう。返済のほうをどうにかしたい", "…今回はつなぎの融資の相談をしたい");
/// else the topic words of the whole message.
fn told_in(lower: &str) -> Told {
    let (kept, wanted) = set_aside(lower);
    let trouble: Vec<_> = SENSITIVE
        .iter()
        .filter(|(w, _)| befallen(&kept, w))
        .collect();
    let any_field = hits(&kept, SENSITIVE_ANY_FIELD);
    let wanted = wanted.or_else(|| wished_field(&kept));
    let field = wanted.or_else(|| topic_field(&kept));
    Told {
        kept,
        trouble,
        any_field,
        wanted,
        field,
    }
}

fn hits<'a>(text: &str, words: &[&'a str]) -> Vec<&'a str> {
    words.iter().copied().filter(|w| text.contains(w)).collect()
}

/// The text as the rules read it: lower case, and the spaces that やさしい日本語 puts between
/// Japanese words taken out ("だれかと 話したい" is "だれかと話したい"); spaces beside
/// Latin letters or digits stay, so English keeps its words apart.
pub(crate) fn reading(text: &str) -> String {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !(c.is_whitespace() && i > 0 && wide(chars.get(i - 1)) && wide(chars.get(i + 1)))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// What follows each place `word` is told in `text`: only where it starts a word of its own
/// when it is Latin ("sue" is not told in "issues", nor "void" in "avoid"); it may end inside
/// a longer one ("repay" in "repayment").
///
/// A word written all in katakana is not told where the katakana runs on: "パート"
/// (part-timers) is not told in "パートナー" (a partner). A word that only ends in katakana
/// may start a compound ("口コミ" in "口コミサイト").
fn told<'t>(text: &'t str, word: &str) -> impl Iterator<Item = &'t str> {
    let latin = word.starts_with(|c: char| c.is_ascii_alphabetic());
    let katakana_end = word.chars().all(is_katakana);
    text.match_indices(word).filter_map(move |(at, w)| {
        let inside_word = latin
            && text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
        let after = &text[at + w.len()..];
        let runs_on = katakana_end && after.chars().next().is_some_and(is_katakana);
        (!inside_word && !runs_on).then_some(after)
    })
}

/// A katakana letter or the long-vowel mark (full width).
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Words after a noun that deny it of the caller's case: "借金はない", "従業員がいません".
const DENIED: &[&str] = &[
    "はない",
    "はなく",
    "はありません",
    "もない",
    "もなく",
    "もありません",
    "がいない",
    "がいません",
    "はいない",
    "はいません",
    "もいない",
    "もいません",
];

/// Words after a noun that say it has not happened yet: "借金はまだない".
const NOT_YET: &[&str] = &["はまだな", "はまだありません", "もまだな", "がまだな"];

/// Whether `word` is said of the caller's case, not denied: "借金はない" and "従業員が
/// いません" name no debt and no staff.
pub(crate) fn said(text: &str, word: &str) -> bool {
    told(text, word).any(|after| !DENIED.iter().any(|d| after.starts_with(d)))
}

/// Whether the trouble `word` names has happened to the caller: one place where it is told,
/// neither denied nor "not yet" ("借金はまだない"). A topic word may still be the topic when it
/// has not happened ("特許はまだ").
fn befallen(text: &str, word: &str) -> bool {
    told(text, word).any(|after| !DENIED.iter().chain(NOT_YET).any(|d| after.starts_with(d)))
}

/// How the nearest examples' vote joins the rules (see [`route_with`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    /// A message the rules would answer is handed off when at least this share of its
    /// neighbours' weight hands off.
    pub handoff_at: f32,
    /// The same for a message the rules read as a general question about schemes or rules
    /// (their informational words, no sign of the caller's own situation).
    pub general_handoff_at: f32,
    /// A hand-off whose field the rules could not tell (no topic word: 経営) takes the
    /// neighbours' field when it holds at least this share of them.
    pub category_at: f32,
    /// The same for an answered message: the field its answer is filed under (and the desk
    /// it would go to) is the neighbours' when they hold at least this share of the weight.
    pub answer_category_at: f32,
    /// A message the rules and the neighbours would answer is handed off when the routing
    /// model gives a person at least this probability.
    pub model_handoff_at: f32,
    /// A hand-off (not a complaint the rules found) goes to the model's field when the model
    /// gives that field at least this probability.
    pub model_category_at: f32,
    /// A hand-off the rules made for a consultant goes to the staff as a complaint about the
    /// service only when the model gives 苦情 at least this probability: a trouble the caller
    /// was told of ("特許侵害だと言われました") reads much like what a desk told them.
    pub model_complaint_at: f32,
    /// A hand-off the rules made for the topic or the caller's case (not a request for a
    /// person, not a complaint) is answered when the model gives a person less than this.
    pub model_answer_below: f32,
}

impl Default for Blend {
    fn default() -> Self {
        // Chosen on eval/routing.jsonl with the shipped examples (none of them from it) and
        // by 5-fold cross-validation with its other folds added (`shien eval --routing`).
        Blend {
            handoff_at: 0.7,
            general_handoff_at: 0.9,
            category_at: 0.6,
            // Chosen in session 13 on the 1,128 messages by cross-validation (0.3 to 0.45
            // give within 0.005 of each other); a plurality of eight fields, not a majority.
            answer_category_at: 0.35,
            // Chosen in session 19 by leaving one writer of eval/routing.jsonl out of the
            // model's training at a time. The field's threshold on the four writers the rules
            // were never tuned on (19a–d; on the older ones the rules are in sample): 0.4 to
            // 0.7 give 0.913, 0.904, 0.901, 0.898 on their hand-offs.
            model_handoff_at: 0.8,
            model_category_at: 0.4,
            // Chosen in session 25 by writer with eleven writers.
            model_complaint_at: 0.6,
            // Chosen in session 19 by writer with seven writers (0.05 to 0.2 within 0.001).
            model_answer_below: 0.05,
        }
    }
}

/// Routes a message by the rules, then lets the labelled examples nearest in meaning
/// (`votes`) catch what the rules have no words for: a message the rules would answer or
/// find no FAQ for is handed off when most of its neighbours are, with their reason and
/// field; a hand-off the rules made keeps its reason and takes the neighbours' field only
/// when the rules had no topic word. The rules' own signs of a question that stays answered
/// ("一般論で", asking for a phone number or how to book) are never overruled, nor is a
/// complaint the rules found. An answered message whose field the rules could not tell takes
/// the neighbours' field.
pub fn route_with(
    text: &str,
    confidence: f32,
    threshold: f32,
    votes: Option<&examples::Votes>,
    model: Option<&model::ModelVote>,
    blend: Blend,
) -> Route {
    let rules = route(text, confidence, threshold);
    if votes.is_none() && model.is_none() {
        return rules;
    }
    // Read once for both learned signals.
    let lower = reading(text);
    let told = told_in(&lower);
    let routed = match votes {
        Some(v) => with_votes(rules, &lower, &told, v, blend),
        None => rules,
    };
    match model {
        Some(m) => blend_model(routed, &lower, told.wanted, m, blend),
        None => routed,
    }
}

/// The routing model's say once the rules and the neighbours have spoken: it hands off what
/// it is sure needs a person (never a message the rules keep answered for its own signs: "一般
/// 論で", a desk's phone or hours, what a word means), answers a topic or own-case hand-off it
/// is sure needs none (never a request for a person), and it files a hand-off under the field
/// it is sure of, a complaint the rules found excepted. The field a caller asks for by name
/// ("税金じゃなくて雇用契約の相談") is theirs to choose, not the model's. The rules know
/// phrasings; the model has read every labelled message, so it carries to writers the rules
/// have not seen.
fn blend_model(
    mut routed: Route,
    lower: &str,
    wanted: Option<ConsultCategory>,
    model: &model::ModelVote,
    blend: Blend,
) -> Route {
    let (field, sure) = model.category;
    let wanted = wanted.map(HandoffCategory::Consult);
    let said = |what: &str, p: f32| format!("学習モデル: {what} {p:.2}");
    match routed.handoff {
        None | Some(HandoffReason::LowConfidence) => {
            if model.handoff < blend.model_handoff_at
                || says_general(lower)
                || asks_contact_details(lower)
                || asks_definition(lower)
            {
                return routed;
            }
            let field = wanted.unwrap_or(field);
            routed.handoff = Some(if field == HandoffCategory::ServiceComplaint {
                HandoffReason::Complaint
            } else {
                HandoffReason::SensitiveTopic
            });
            routed.category = field;
            routed.matched.push(said("担当者へ", model.handoff));
        }
        Some(HandoffReason::Complaint) => {}
        Some(HandoffReason::SensitiveTopic | HandoffReason::IndividualJudgement)
            if model.handoff < blend.model_answer_below =>
        {
            routed.handoff = None;
            routed.matched.push(said("回答", 1.0 - model.handoff));
        }
        Some(_) => {
            let at = if field == HandoffCategory::ServiceComplaint {
                blend.model_complaint_at
            } else {
                blend.model_category_at
            };
            if wanted.is_none() && sure >= at && field != routed.category {
                if field == HandoffCategory::ServiceComplaint {
                    routed.handoff = Some(HandoffReason::Complaint);
                }
                routed.category = field;
                routed.matched.push(said(field.label_ja(), sure));
            }
        }
    }
    routed
}

/// The nearest examples' say once the rules have spoken (`told` is the message as
/// [`told_in`] reads it).
fn with_votes(
    rules: Route,
    lower: &str,
    told: &Told,
    votes: &examples::Votes,
    blend: Blend,
) -> Route {
    let default_field = HandoffCategory::Consult(ConsultCategory::Management);
    // The rules could not tell the field: no topic word, no trouble word, no specialist named.
    let field_unknown = rules.category == default_field && told.field.is_none();
    let mut routed = blend_votes(rules, lower, votes, blend, field_unknown);
    // An answered message with no field word ("ろうむそうだんってむりょう?", "a template for
    // employment contracts") is filed under its neighbours' field when most of them share one.
    if routed.handoff.is_none()
        && field_unknown
        && let Some((field, share)) = votes.category
        && share >= blend.answer_category_at
        && field != HandoffCategory::ServiceComplaint
    {
        routed.category = field;
    }
    routed
}

/// The hand-off decision of [`route_with`] once the rules have spoken.
fn blend_votes(
    mut rules: Route,
    lower: &str,
    votes: &examples::Votes,
    blend: Blend,
    field_unknown: bool,
) -> Route {
    match rules.handoff {
        Some(HandoffReason::Complaint) => rules,
        None | Some(HandoffReason::LowConfidence) => {
            if says_general(lower) || asks_contact_details(lower) || asks_definition(lower) {
                return rules;
            }
            let situation = hits(lower, SITUATION);
            // A bare question with no sign of the caller's own case and nothing asked of us
            // ("赤字でも払うんですか") is as general as one with the informational words.
            let bare_question = situation.is_empty()
                && asks_a_question(lower)
                && !makes_request(lower)
                && !individual::speaks_of_own_case(lower);
            let general_question =
                (!hits(lower, INFORMATIONAL).is_empty() && situation.len() <= 1) || bare_question;
            let needed = if general_question {
                blend.general_handoff_at
            } else {
                blend.handoff_at
            };
            if votes.handoff < needed {
                return rules;
            }
            // The neighbours decide that a person is needed; the field is the rules' when
            // they could tell it, since an example can be near in manner ("please call me")
            // yet about another field. A complaint the neighbours see stays a complaint.
            let voted = votes
                .handoff_category
                .or(votes.category)
                .map_or(rules.category, |(c, _)| c);
            let category = if voted == HandoffCategory::ServiceComplaint || field_unknown {
                voted
            } else {
                rules.category
            };
            let reason = match (category, votes.reason) {
                (HandoffCategory::ServiceComplaint, _) => HandoffReason::Complaint,
                (_, Some(r)) if r != HandoffReason::Complaint => r,
                _ => HandoffReason::SensitiveTopic,
            };
            Route {
                handoff: Some(reason),
                category,
                matched: vec![format!("近い例: {}", votes.nearest.0)],
            }
        }
        Some(_) => {
            if field_unknown
                && let Some((category, share)) = votes.handoff_category
                && share >= blend.category_at
                && category != HandoffCategory::ServiceComplaint
            {
                rules.category = category;
                rules.matched.push(format!("近い例: {}", votes.nearest.0));
            }
            rules
        }
    }
}

/// The message asks something ("…ですか", "?"), rather than only telling.
fn asks_a_question(text: &str) -> bool {
    let end = text.trim_end();
    // "…んだっけ" asks too, of oneself as much as of us.
    end.contains('?') || text.contains("か。") || end.ends_with('か') || end.ends_with("っけ")
}

/// Routes a (normalised) message. `confidence` is how well the corpus answers it (0..1) and
/// `threshold` the calibrated minimum for answering.
pub fn route(text: &str, confidence: f32, threshold: f32) -> Route {
    let lower = reading(text);
    let Told {
        kept,
        trouble: found,
        any_field,
        wanted,
        field,
    } = told_in(&lower);
    let topic = field.unwrap_or(ConsultCategory::Management);
    // A word inside a longer one found too ("賠償" in "損害賠償") is not a second vote.
    let sensitive: Vec<&(&str, ConsultCategory)> = found
        .iter()
        .copied()
        .filter(|(w, _)| {
            !found
                .iter()
                .any(|(o, _)| o.len() > w.len() && o.contains(w))
        })
        .collect();
    let trouble_category = || match wanted {
        Some(wanted) => wanted,
        None if sensitive.is_empty() => topic,
        None => sensitive_category(&sensitive, field),
    };
    // A complaint about the service goes to the staff, never to a consultant, even when the
    // caller also asks for a person ("苦情です。責任者を出して").
    let complaint = complaint_words(&kept, !sensitive.is_empty());
    if !complaint.is_empty() {
        return Route {
            handoff: Some(HandoffReason::Complaint),
            category: HandoffCategory::ServiceComplaint,
            matched: strings(&complaint),
        };
    }
    let person = person_words(&lower);
    if !person.is_empty() {
        // Whoever asks for a person while describing trouble needs the desk for that trouble.
        return Route {
            handoff: Some(HandoffReason::AskedForPerson),
            category: trouble_category().into(),
            matched: strings(&person),
        };
    }
    let situation = hits(&lower, SITUATION);
    let informational = hits(&lower, INFORMATIONAL);
    // "一般論でいいので" keeps even a sensitive topic a general question.
    let general_question =
        (!informational.is_empty() && situation.len() <= 1) || says_general(&lower);
    // Where a desk is, when it is open, its number: answered whatever trouble is told with it
    // ("労務トラブルの相談窓口はどこ？何時まで？").
    let desk_details = asks_contact_details(&lower);
    if (!sensitive.is_empty() || !any_field.is_empty()) && !general_question && !desk_details {
        let mut matched: Vec<String> = sensitive.iter().map(|(w, _)| w.to_string()).collect();
        matched.extend(strings(&any_field));
        return Route {
            handoff: Some(HandoffReason::SensitiveTopic),
            category: trouble_category().into(),
            matched,
        };
    }
    if let Some((category, matched)) = individual_case(&lower, topic) {
        return Route {
            handoff: Some(HandoffReason::IndividualJudgement),
            category: category.into(),
            matched,
        };
    }
    // "…について相談したいです": the caller asks for a consultation, which a person gives.
    let consultation = asks_consultation(&lower);
    if !consultation.is_empty() {
        return Route {
            handoff: Some(HandoffReason::AskedForPerson),
            category: topic.into(),
            matched: strings(&consultation),
        };
    }
    if confidence < threshold {
        return Route {
            handoff: Some(HandoffReason::LowConfidence),
            category: topic.into(),
            matched: vec![],
        };
    }
    Route {
        handoff: None,
        category: topic.into(),
        matched: vec![],
    }
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConsultCategory::*;

    fn decide(text: &str) -> Route {
        route(text, 1.0, 0.3)
    }

    fn neighbours(handoff: f32, category: HandoffCategory) -> examples::Votes {
        examples::Votes {
            handoff,
            reason: Some(HandoffReason::SensitiveTopic),
            handoff_category: Some((category, 1.0)),
            category: Some((category, 1.0)),
            nearest: ("近い例".to_string(), 0.9),
        }
    }

    fn blend(text: &str, votes: &examples::Votes) -> Route {
        route_with(text, 1.0, 0.3, Some(votes), None, Blend::default())
    }

    fn with_model(text: &str, handoff: f32, category: HandoffCategory, sure: f32) -> Route {
        let vote = model::ModelVote {
            handoff,
            category: (category, sure),
        };
        route_with(text, 1.0, 0.3, None, Some(&vote), Blend::default())
    }

    #[test]
    fn the_model_hands_off_what_it_is_sure_needs_a_person_and_files_it_under_its_field() {
        let text = "補助金の締切はいつですか";
        assert_eq!(decide(text).handoff, None);
        let r = with_model(text, 0.95, Labour.into(), 0.9);
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Labour.into());
        assert!(
            r.matched.iter().any(|m| m.starts_with("学習モデル")),
            "{r:?}"
        );
        assert_eq!(with_model(text, 0.6, Labour.into(), 0.9).handoff, None);
        let r = with_model(text, 0.95, HandoffCategory::ServiceComplaint, 0.9);
        assert_eq!(r.handoff, Some(HandoffReason::Complaint));
    }

    #[test]
    fn a_topic_handoff_the_model_is_sure_needs_nobody_is_answered_but_a_request_for_a_person_is_not()
     {
        let text = "取引先が代金を3ヶ月も払ってくれません。内容証明を送るべきでしょうか。";
        assert_eq!(decide(text).handoff, Some(HandoffReason::SensitiveTopic));
        let r = with_model(text, 0.01, Legal.into(), 0.9);
        assert_eq!(r.handoff, None);
        assert!(
            r.matched.iter().any(|m| m.starts_with("学習モデル: 回答")),
            "{r:?}"
        );
        assert!(with_model(text, 0.2, Legal.into(), 0.9).handoff.is_some());
        let person = "担当者と直接話したいので電話をください";
        assert_eq!(decide(person).handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(
            with_model(person, 0.01, Management.into(), 0.9).handoff,
            Some(HandoffReason::AskedForPerson)
        );
    }

    #[test]
    fn the_field_a_caller_asks_for_by_name_is_not_the_models_to_change() {
        let text = "税金の話じゃなくて、パートさんの雇用契約のことを相談したいです";
        let rules = decide(text);
        assert_eq!(
            (rules.handoff.is_some(), rules.category),
            (true, Labour.into())
        );
        assert_eq!(
            with_model(text, 0.9, Tax.into(), 0.95).category,
            Labour.into()
        );
    }

    #[test]
    fn the_model_never_hands_off_a_question_the_rules_keep_answered_for_its_own_signs() {
        let text = "一般論として、従業員を解雇するときの手続きを教えてください";
        assert_eq!(decide(text).handoff, None);
        assert_eq!(with_model(text, 0.99, Labour.into(), 0.9).handoff, None);
    }

    #[test]
    fn a_handoff_goes_to_the_field_the_model_is_sure_of_but_a_complaint_stays() {
        let text = "取引先が代金を3ヶ月も払ってくれません。内容証明を送るべきでしょうか。";
        let rules = decide(text);
        assert_eq!(
            (rules.handoff.is_some(), rules.category),
            (true, Legal.into())
        );
        assert_eq!(with_model(text, 0.9, Tax.into(), 0.9).category, Tax.into());
        assert_eq!(
            with_model(text, 0.9, Tax.into(), 0.3).category,
            Legal.into()
        );
        let r = with_model(text, 0.9, HandoffCategory::ServiceComplaint, 0.8);
        assert_eq!(r.handoff, Some(HandoffReason::Complaint));
        let complaint = "窓口の職員の態度がひどい。苦情を言いたい";
        assert_eq!(decide(complaint).handoff, Some(HandoffReason::Complaint));
        let r = with_model(complaint, 0.99, Labour.into(), 0.95);
        assert_eq!(
            (r.handoff, r.category),
            (
                Some(HandoffReason::Complaint),
                HandoffCategory::ServiceComplaint
            )
        );
    }

    #[test]
    fn a_katakana_word_is_not_told_inside_a_longer_katakana_word() {
        assert_eq!(topic_field("海外の現地パートナーの探し方"), None);
        assert_eq!(topic_field("パートさんの時給を上げたい"), Some(Labour));
        // A word that only ends in katakana may start a compound.
        let r = decide("口コミサイトに店の悪口を書かれ続けています。どうしたらいいですか");
        assert_eq!(r.category, Legal.into());
        let r = decide("台湾に出店したいので、現地パートナー探しから相談したい");
        assert_ne!(r.category, Labour.into());
    }

    #[test]
    fn repayment_trouble_foreseen_goes_to_the_financing_desk() {
        let r = decide("店の売上が落ちていて、来月から借りたお金が返せなくなりそうです");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Financing.into());
        let r = decide("I think we won't be able to repay the ward loan after March.");
        assert_eq!(r.category, Financing.into());
    }

    #[test]
    fn compensation_claimed_by_a_customer_goes_to_the_legal_desk() {
        let r = decide("店で転んだお客さんから慰謝料を払えと言われています");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Legal.into());
    }

    #[test]
    fn a_first_person_eligibility_question_with_the_case_told_is_individual() {
        let r = decide("うちは去年できた会社で、社長は私ひとりです。対象になりますか");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
        // Full-width figures are figures.
        let r = decide("うちの社員は３人ですが対象になりますか");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
        // The bare question, with nothing told of the case, stays answered.
        assert_eq!(decide("うちは対象になりますか").handoff, None);
    }

    #[test]
    fn the_legal_form_weighed_on_tax_by_someone_about_to_start_goes_to_the_tax_desk() {
        let r = decide("来年独立します。個人事業と法人、税金の面では私の場合どっちが得ですか");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
        assert_eq!(r.category, Tax.into());
    }

    #[test]
    fn the_first_person_typed_in_katakana_is_the_first_person() {
        let r = decide("ウチは従業員が５人いますが、対象になりますか");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
    }

    #[test]
    fn asking_for_another_member_of_staff_is_a_complaint() {
        let r = decide("この前の相談員さんは話を聞いてくれなかった。担当を変えてもらえますか");
        assert_eq!(r.handoff, Some(HandoffReason::Complaint));
        assert_eq!(r.category, HandoffCategory::ServiceComplaint);
    }

    #[test]
    fn easy_japanese_is_read_with_its_spaces_taken_out_but_english_keeps_them() {
        assert_eq!(
            reading("だれかと 話したい I Need Help"),
            "だれかと話したい i need help"
        );
        let r = decide("わたしの けいかくを 見て ほしいです。");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
    }

    #[test]
    fn trouble_befalls_only_where_one_telling_is_neither_denied_nor_not_yet() {
        // Each telling fails one check: denied here, "not yet" there.
        assert!(!befallen("借金はない。借金はまだない", "借金"));
        assert!(befallen("借金はまだないが、親の借金が心配", "借金"));
        assert!(!befallen("訴訟はまだありません", "訴訟"));
        // A Latin word inside another is no telling, even when another telling is denied.
        assert!(!befallen("no lawsuit issues", "sue"));
        assert!(said("借金はない。借金がある", "借金"));
    }

    #[test]
    fn the_wish_clause_names_the_field_for_the_rules_and_for_the_blend_alike() {
        let text = reading("売上の話はいろいろあるけど、今回は資金繰りの融資の相談をしたいです");
        let told = told_in(&text);
        assert_eq!(told.field, wished_field(&told.kept));
        assert!(told.field.is_some());
    }

    #[test]
    fn the_desk_asked_for_decides_even_when_no_trouble_is_told() {
        // Money, premises and a plan are the setting; the caller names the desk they want.
        let r = decide(
            "開業資金は融資を考えていますが、物件も資金計画も整理しきれません。創業の相談員の方に一度見てもらえないでしょうか",
        );
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, Founding.into());
        // What is set aside names no desk; what is wanted instead does.
        let r = decide("相談したいのは税金のことではなく、従業員の残業代のことです");
        assert_eq!(r.category, Labour.into());
    }

    #[test]
    fn a_denied_word_names_no_trouble_and_no_field() {
        let r = decide("借金はありませんが、会社の解散について相談したいです");
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, Legal.into());
        assert_eq!(
            topic_field("従業員はいませんが、補助金の要件を知りたい"),
            Some(Management)
        );
    }

    #[test]
    fn management_words_name_the_generalist_desk_and_lose_a_tie_to_a_specialist() {
        assert_eq!(
            topic_field("原価が上がって値上げを考えています"),
            Some(Management)
        );
        assert_eq!(topic_field("こんにちは"), None);
        assert_eq!(topic_field("従業員向けの補助金はありますか"), Some(Labour));
        assert_eq!(topic_field("ぜいりしさんと はなしたい"), Some(Tax));
    }

    #[test]
    fn field_words_callers_use_for_labour_ip_and_legal_matters() {
        assert_eq!(
            topic_field("パートの社会保険の加入について契約書と合わせて確認したい"),
            Some(Labour)
        );
        assert_eq!(
            topic_field("元社員が、うちのデザインをまねた服を自分のブランドで売っています"),
            Some(IntellectualProperty)
        );
        assert_eq!(
            topic_field("社員が個人情報の入った書類をなくしました"),
            Some(Legal)
        );
    }

    #[test]
    fn a_bad_name_spread_online_is_the_legal_desks_even_when_removal_is_asked() {
        let r = decide("ネットの口コミで嘘の悪評を広められています。削除させたい");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Legal.into());
    }

    #[test]
    fn a_creditor_of_a_bankrupt_customer_goes_to_the_legal_desk() {
        let r = decide("取引先が倒産しました。債権者として何をすればいいですか");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Legal.into());
    }

    #[test]
    fn being_at_the_limit_takes_the_field_of_the_message() {
        let r = decide("売上が落ちて一人で店を回すのも限界。店を閉めるか迷っている");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Management.into());
    }

    #[test]
    fn ones_own_retirement_money_for_a_new_shop_is_a_founding_matter() {
        let r = decide("定年したら退職金でお店を始めたいので相談したいです");
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, Founding.into());
    }

    #[test]
    fn a_refused_guarantee_goes_to_the_desk_of_what_was_refused() {
        let r = decide("信用保証を断られてしまいました。運転資金はどうすれば");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, Financing.into());
    }

    #[test]
    fn an_outline_of_a_rule_is_answered_even_on_a_sensitive_topic() {
        assert_eq!(
            decide("有給休暇の付与日数の概要を教えてください").handoff,
            None
        );
        assert_eq!(
            decide("Could you explain the general rule on overtime pay?").handoff,
            None
        );
    }

    #[test]
    fn how_the_caller_was_treated_or_a_demand_for_redress_is_a_complaint() {
        for text in [
            "窓口の職員さんの態度が高圧的で傷つきました",
            "どうしてくれるんですか、申請の締切を過ぎてしまった",
            "前回の相談について意見をお伝えしたく、担当部署につないでください",
        ] {
            let r = decide(text);
            assert_eq!(r.handoff, Some(HandoffReason::Complaint), "{text}");
            assert_eq!(r.category, HandoffCategory::ServiceComplaint);
        }
    }

    #[test]
    fn asking_for_a_consultation_hands_off_unless_asking_how_to_book() {
        let r = decide("事業承継税制について相談したいです");
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, Tax.into());
        assert_eq!(decide("相談したいのですが予約方法は?").handoff, None);
        let r = decide("I'd like someone to go through my subsidy application with me");
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, Management.into());
    }

    #[test]
    fn a_business_partly_outside_the_ward_asking_if_a_scheme_fits_is_handed_off() {
        let r = decide("本社は区外で、港区には支店だけあります。区の融資あっせんは使えますか");
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
        assert_eq!(r.category, Financing.into());
        assert_eq!(
            decide("区の制度融資は個人事業主でも使えますか").handoff,
            None
        );
        let r = decide(
            "Should I register for the invoice system? I can't tell which is better for me.",
        );
        assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
        assert_eq!(r.category, Tax.into());
    }

    #[test]
    fn the_neighbours_never_hand_off_a_definition_or_a_bare_question() {
        let legal = HandoffCategory::Consult(Legal);
        assert_eq!(
            blend("事業継続力強化計画とは何ですか", &neighbours(1.0, legal)).handoff,
            None
        );
        assert_eq!(
            blend(
                "法人の均等割は赤字でも払うんですか?",
                &neighbours(0.8, legal)
            )
            .handoff,
            None
        );
        assert!(
            blend(
                "うちは赤字ですが、均等割は払うんですか?",
                &neighbours(0.8, legal)
            )
            .handoff
            .is_some()
        );
    }

    #[test]
    fn a_question_to_oneself_ending_in_kke_is_as_general_as_one_ending_in_ka() {
        let tax = HandoffCategory::Consult(Tax);
        assert_eq!(
            blend(
                "インボイスの登録って、個人でもするんだっけ",
                &neighbours(0.8, tax)
            )
            .handoff,
            None
        );
        assert!(
            blend(
                "うちもインボイスの登録をしないといけないんだっけ",
                &neighbours(0.8, tax)
            )
            .handoff
            .is_some()
        );
    }

    #[test]
    fn an_answered_question_without_a_field_word_is_filed_under_its_neighbours_field() {
        let labour = HandoffCategory::Consult(Labour);
        let mut votes = neighbours(0.2, labour);
        votes.category = Some((labour, 0.4));
        let r = blend("むりょうで きける ところは ありますか", &votes);
        assert_eq!(r.handoff, None);
        assert_eq!(r.category, labour);
        // A field word of its own, or neighbours split too thinly, keep the rules' field.
        let r = blend("補助金の締切はいつですか", &votes);
        assert_eq!(r.category, Management.into());
        votes.category = Some((labour, 0.3));
        let r = blend("むりょうで きける ところは ありますか", &votes);
        assert_eq!(r.category, Management.into());
    }

    #[test]
    fn a_specialist_named_in_katakana_names_the_field() {
        assert_eq!(
            topic_field("シャロウシの むりょう相談は 何曜日?"),
            Some(Labour)
        );
        assert_eq!(
            topic_field("ベンリシさんに きけますか"),
            Some(IntellectualProperty)
        );
    }

    #[test]
    fn the_neighbours_field_counts_only_when_the_rules_cannot_tell_one() {
        let legal = HandoffCategory::Consult(Legal);
        let named = blend(
            "原価が上がって値上げを考えています。見てほしい",
            &neighbours(1.0, legal),
        );
        assert_eq!(named.category, Management.into());
        let unknown = blend(
            "どうにもならなくて誰かに見てほしい",
            &neighbours(1.0, legal),
        );
        assert_eq!(unknown.category, legal);
    }
}

//! Individual judgement: a question whose answer depends on the caller's own case, on the edge
//! of a rule the bot can only quote.

use super::{hits, strings};
use crate::domain::consultants::ConsultCategory;

const INDIVIDUAL: &[&str] = &[
    "判定をお願い",
    "判定して",
    "ジャッジ",
    "該当するか見",
    "返還になる",
    "間違いがあった",
    "間違えて申請",
    "見てほしい",
    "決算書を見て",
    "書類を見て",
    "うちの場合",
    "審査に通るか",
    "見てもらえ",
    "判断してほしい",
    "判断して",
    "確認してほしい",
    "代わりに書いて",
    "申請書を書いて",
    "計算して",
    "試算して",
    "どっちが得",
    "どちらが得",
    "どっちがお得",
    "どちらがお得",
    "どちらが有利",
    "どっちが有利",
    "のが得",
    "のがお得",
    "のが有利",
    "which is better for us",
    "which is better for me",
    "better for me",
    "calculate my",
    "calculate our",
];

/// The edge of a rule a caller may sit on: a move, a change of legal form, a split of years.
/// With the caller's own case ([`OWN_CASE`]) it needs the desk that decides it.
const EDGE: &[&str] = &[
    "移転",
    "引っ越",
    "引越",
    "移った",
    "移りました",
    "移し",
    "本店を移",
    "から数え",
    "数えられ",
    "数えます",
    "カウント",
    "法人成り",
    "法人化し",
    "法人にし",
    "法人に切り替",
    "個人事業から",
    "個人から法人",
    "個人事業の期間",
    "通算",
    "前の期間",
    "廃業して",
    "再開",
    "事業を引き継いで",
    "代表者が変わ",
    "moved",
    "relocated",
    "incorporated",
    // The business only partly in the ward: a branch here, the rest outside.
    "支店",
    "区外",
    "branch",
    "home address",
    "moving",
    "relocat",
];

/// How a rule's years or status carry across the event ("どう数える", "影響は", "そのまま").
const COUNTED: &[&str] = &[
    "数え",
    "通算",
    "カウント",
    "期間は入",
    "含まれ",
    "引き継げ",
    "そのまま",
    "影響",
    "どうなり",
    "どうなる",
    "count",
];

/// The caller speaking of their own business.
const OWN_CASE: &[&str] = &[
    "うち",
    "ウチ",
    "当社",
    "弊社",
    "我が社",
    "私の",
    "自分の",
    "わたしの",
    "ました",
    "した。",
    "してから",
    "して半年",
    "して1年",
    "して2年",
    "して3年",
    "したのですが",
    "したんですが",
    "しているのですが",
    "したら",
    "予定です",
    "my ",
    "our ",
    "we ",
    "i ",
];

/// Their own tax: how much they will pay, what to claim (a tax accountant's judgement).
const OWN_TAX: &[&str] = &[
    "税金はいくら",
    "税額はいくら",
    "いくら税金",
    "税金がいくら",
    "税金がどれくらい",
    "税金はどれくらい",
    "税金はどのくらい",
    "税額を計算",
    "税金を計算",
    "所得税はいくら",
    "消費税はいくら",
    "法人税はいくら",
    "住民税はいくら",
    "my tax",
    "our tax",
    "how much tax",
    "how much income tax",
    "tax i will owe",
    "tax will i owe",
    "tax we will owe",
];

/// Asking whether the caller's case meets a rule's condition ("満たしますか", "当たりますか").
const MEETS: &[&str] = &[
    "満たし",
    "満たせ",
    "当たります",
    "当たるか",
    "あたりますか",
    "当てはまり",
    "当てはまる",
    "該当し",
    "該当する",
    "対象になりますか",
    "対象になるか",
    "対象になる?",
    "対象に入",
    "対象ですか",
    "対象外",
    "含まれます",
    "扱いになり",
    "扱われ",
    "カウントされ",
    "認められますか",
    "qualify",
    "eligible",
    "count as",
    "counts as",
    "count toward",
    "meet the",
    "meets the",
    "使えますか",
    "使えるか",
    "申し込めますか",
    "申し込めるか",
    "受けられますか",
    "受けられるか",
];

/// The caller speaking of themselves or their business in the first person.
const FIRST_PERSON: &[&str] = &[
    "うちは",
    "うちの",
    "うちも",
    "当社",
    "弊社",
    "我が社",
    // "ウチ" is how many callers type "うち" (our business).
    "ウチは",
    "ウチの",
    "ウチも",
    "私は",
    "私の",
    "私も",
    "わたしは",
    "わたしの",
    "自分の",
    "自分は",
    "my ",
    "our ",
    "we ",
    "i ",
    "i'm",
    "we're",
];

/// Asking for an amount or a calculation.
const AMOUNT_ASKED: &[&str] = &[
    "いくら",
    "どれくらい",
    "どのくらい",
    "どれぐらい",
    "計算",
    "試算",
    "how much",
    "calculate",
    "work out",
    "estimate",
];

/// Asking someone to look over the caller's own papers or plan.
const REVIEW: &[&str] = &[
    "チェックして",
    "添削",
    "目を通して",
    "見ていただけ",
    "見ていただき",
    "見てくれ",
    "合ってるか",
    "合っているか",
    "review my",
    "review our",
    "check my",
    "check our",
    "look over",
    "look at my",
    "look at our",
];

/// "私の場合" and the like: the answer is wanted for the caller's case only.
const MY_CASE: &[&str] = &[
    "私の場合",
    "わたしの場合",
    "当社の場合",
    "弊社の場合",
    "自分の場合",
    "うちのケース",
    "in my case",
    "in our case",
    "for my business",
    "for our business",
    "for our company",
];

/// The caller says the question is general: answer it even if it touches an edge.
const GENERAL: &[&str] = &[
    "一般論",
    "一般的",
    "一般に",
    "一般の",
    "in general",
    "generally",
    "general rule",
    "ルールを教え",
    "決まりを教え",
];

/// Asking what a term means or how two differ ("…とは何ですか", "the difference between"): a
/// question for the reference, whoever asks it.
const DEFINITION: &[&str] = &[
    "とは何",
    "とはなん",
    "とはどういう",
    "って何",
    "ってなに",
    "ってなん",
    "の違い",
    "違いを",
    "違いは",
    "what is the difference",
    "what's the difference",
    "difference between",
];

/// The message asks what a term means or how two differ.
pub(super) fn asks_definition(text: &str) -> bool {
    !hits(text, DEFINITION).is_empty()
}

/// The caller speaks of themselves or their business in the first person.
pub(super) fn speaks_of_own_case(text: &str) -> bool {
    !hits(text, FIRST_PERSON).is_empty()
}

/// The caller says the question is general ("一般論で").
pub(super) fn says_general(text: &str) -> bool {
    !hits(text, GENERAL).is_empty()
}

/// A question whose answer depends on the caller's own case, on the edge of a rule the bot
/// can only quote: documents to look at, a move, a change of legal form, their own tax, which
/// of two is better for them. "一般論で" keeps it a general question.
pub(super) fn individual_case(
    text: &str,
    topic: ConsultCategory,
) -> Option<(ConsultCategory, Vec<String>)> {
    if !hits(text, GENERAL).is_empty() {
        return None;
    }
    let own_tax = hits(text, OWN_TAX);
    if !own_tax.is_empty() {
        return Some((ConsultCategory::Tax, strings(&own_tax)));
    }
    let first_person = hits(text, FIRST_PERSON);
    // Figures in either width ("3年前", "３年前"): callers typing Japanese often type
    // full-width digits.
    let figures = text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // The caller's case told besides the question ("うちは登記は港区で、作業場は大田区。
    // 対象になりますか"): more than one clause.
    let case_told = text
        .split(super::CLAUSE_END)
        .filter(|clause| !clause.trim().is_empty())
        .count()
        > 1;
    // A tax word, an amount or a calculation asked, and the caller's own case or figures:
    // their own tax, which a tax accountant works out.
    let amount = hits(text, AMOUNT_ASKED);
    if (text.contains('税') || text.contains("tax"))
        && !amount.is_empty()
        && (!first_person.is_empty() || figures)
    {
        let mut matched = amount;
        matched.extend(first_person);
        return Some((ConsultCategory::Tax, strings(&matched)));
    }
    let mut matched = hits(text, INDIVIDUAL);
    matched.extend(hits(text, MY_CASE));
    if !first_person.is_empty() {
        matched.extend(hits(text, REVIEW));
    }
    let edge = hits(text, EDGE);
    let own_case = !hits(text, OWN_CASE).is_empty() || !hits(text, COUNTED).is_empty();
    if !edge.is_empty() && own_case {
        matched.extend(edge.iter().copied());
    }
    // Whether the caller's own case, told in the first person (with its figures, or in a
    // clause of its own beside the question) or as an event on a rule's edge, meets a rule's
    // condition ("うちは社員25人ですが、対象に当たり
    // ますか", "港区に移転して8か月です。1年以上の条件は満たしますか").
    let meets = hits(text, MEETS);
    if !meets.is_empty()
        && ((!first_person.is_empty() && (figures || case_told)) || !edge.is_empty())
    {
        matched.extend(meets);
        matched.extend(first_person);
    }
    matched.dedup();
    if matched.is_empty() {
        return None;
    }
    // "法人と個人事業、うちはどっちが得" with no scheme named is a tax question.
    let about_form = text.contains("法人")
        && text.contains("個人")
        && matched
            .iter()
            .any(|w| w.contains("得") || w.contains("有利"));
    // Weighed on tax by someone about to start ("独立します。個人と法人、税金の面では…"), it is
    // still the tax desk's: the founding desk advises on the start, not on the tax sum.
    let on_tax = text.contains('税') || text.contains("tax");
    let category = match topic {
        ConsultCategory::Management if about_form => ConsultCategory::Tax,
        ConsultCategory::Founding if about_form && on_tax => ConsultCategory::Tax,
        other => other,
    };
    Some((category, strings(&matched)))
}

/// Every word of these tables (read as kana by [`super::KanaSpelling`]).
pub(super) fn words() -> impl Iterator<Item = &'static str> {
    [
        INDIVIDUAL,
        EDGE,
        COUNTED,
        OWN_CASE,
        OWN_TAX,
        MEETS,
        FIRST_PERSON,
        AMOUNT_ASKED,
        REVIEW,
        MY_CASE,
        GENERAL,
        DEFINITION,
    ]
    .into_iter()
    .flat_map(|words| words.iter().copied())
}

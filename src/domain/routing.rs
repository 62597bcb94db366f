//! Decides whether a chat message can be answered from the corpus or must go to a person,
//! and which consultant category fits. Rules, not a model: every decision names its reason,
//! and the rules are measured on eval/routing.jsonl.

use serde::{Deserialize, Serialize};

use super::consultants::ConsultCategory;
use super::handoff::HandoffCategory;

/// Why a message goes to a person. Serialised as its stable code (`handoff::StableCode`);
/// the aliases read spool lines written before the codes, which used the `Debug` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HandoffReason {
    /// The caller asked for a person.
    #[serde(alias = "AskedForPerson")]
    AskedForPerson,
    /// A dispute, dismissal, harassment, repayment trouble or similar: not for a chatbot.
    #[serde(alias = "SensitiveTopic")]
    SensitiveTopic,
    /// A complaint about the service.
    #[serde(alias = "Complaint")]
    Complaint,
    /// Needs someone to look at the caller's own documents or case.
    #[serde(alias = "IndividualJudgement")]
    IndividualJudgement,
    /// Nothing in the corpus answers it well enough.
    #[serde(alias = "LowConfidence")]
    LowConfidence,
}

impl HandoffReason {
    pub fn label_ja(self) -> &'static str {
        match self {
            HandoffReason::AskedForPerson => "担当者との相談を希望",
            HandoffReason::SensitiveTopic => "専門家の判断が必要な相談",
            HandoffReason::Complaint => "ご意見・苦情",
            HandoffReason::IndividualJudgement => "個別の事情や書類の確認が必要",
            HandoffReason::LowConfidence => "よくある質問で回答できない内容",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub handoff: Option<HandoffReason>,
    /// Who takes it: a consultant's field, or the staff for a complaint about the service.
    /// For an answered message, the field of its topic.
    pub category: HandoffCategory,
    /// The words that decided it, for the staff console.
    pub matched: Vec<String>,
}

const PERSON: &[&str] = &[
    "人と話",
    "人に相談",
    "人間と",
    "担当者と",
    "担当者につ",
    "担当者に相談",
    "担当の方",
    "職員さん",
    "窓口の方",
    "直接お話",
    "話を聞いてほし",
    "real person",
    "a human",
    "human being",
    "職員と",
    "オペレーター",
    "電話で相談",
    "電話で話",
    "直接相談",
    "直接話",
    "窓口の人",
    "つないで",
    "繋いで",
    "専門家と話",
    "誰かと話",
    "だれかと話",
    "折り返し",
    "電話ください",
    "電話をください",
    "面談したい",
    "talk to a person",
    "talk to someone",
    "speak to",
    "ハナシタイ",
    "人が対応",
    "直接聞",
    "電話で聞いてもら",
    "電話で説明して",
    "電話をもらえ",
    "電話をいただけ",
    "connect me",
    "put me through",
    "transfer me",
    "個別に相談できる方",
    "相談できる方",
    "対応できる方",
    "詳しい人",
    "職員の方から",
    "連絡をもらえ",
    "連絡をいただけ",
    "電話でやり取り",
    "speak with",
    "staff member",
    "someone i could",
    "someone who could",
];

/// Someone the caller could be put through to.
const PERSON_NOUN: &[&str] = &[
    "担当",
    "職員",
    "相談員",
    "ソウダンイン",
    "human",
    "専門の方",
    "専門家の方",
    "詳しい方",
    "先生",
    "担当者さん",
    "人に",
    "人と",
    "人から",
    "方に",
    "方から",
    "方と",
    "どなたか",
    "誰か",
    "だれか",
    "someone",
    "somebody",
    "a person",
    "staff",
    "advisor",
    "adviser",
    "consultant",
    "counselor",
    "counsellor",
];

/// A way of being reached by, or meeting, that person.
const CONTACT_VERB: &[&str] = &[
    "話",
    "連絡",
    "電話",
    "ハナシ",
    "聞いてもら",
    "聞いていただ",
    "相談に乗",
    "相談にの",
    "会って",
    "面談",
    "やりとり",
    "やり取り",
    "アドバイスをもら",
    "アドバイスをいただ",
    "質問させ",
    "打ち合わせ",
    "contact me",
    "talk",
    "speak",
    "call me",
    "call back",
    "contact me",
    "get back to me",
    "meet",
    "appointment",
];

/// Asking for contact details (a number, hours, a place) rather than to be contacted.
const CONTACT_DETAILS: &[&str] = &[
    "番号",
    "連絡先",
    "受付時間",
    "営業時間",
    "住所",
    "場所",
    "phone number",
    "address",
    "opening hours",
    "office hours",
];

/// The message asks for it (rather than asking about a scheme).
const REQUEST: &[&str] = &[
    "たい",
    "ほしい",
    "欲しい",
    "ください",
    "下さい",
    "もらえ",
    "いただけ",
    "頂け",
    "嬉しい",
    "うれしい",
    "助かり",
    "助かる",
    "お願い",
    "いますか",
    "いらっしゃいますか",
    "ませんか",
    "would it be possible",
    "could",
    "can i get",
    "can i",
    "i need",
    "i want",
    "i'd like",
    "i would like",
    "please",
];

/// Phrases that are a complaint or an opinion about the service whatever else is said.
const COMPLAINT: &[&str] = &[
    "苦情",
    "責任者を出",
    "責任者出",
    "責任者に代わ",
    "上の人",
    "たらい回し",
    "同じ回答しか",
    "全然使えない",
    "役に立たない",
    "役に立ちません",
    "役に立たなかった",
    "二度と使わ",
    "クレームを言",
    "ご意見です",
    "意見を言いたい",
    "意見を伝え",
    "改善してほしい",
    "改善してください",
    "complaint",
    "complain",
    "useless",
];

/// Words of displeasure: a complaint only when they are about the service itself.
const DISPLEASURE: &[&str] = &[
    "ひどい",
    "ひどかった",
    "悪い",
    "悪かった",
    "不親切",
    "失礼",
    "横柄",
    "いい加減",
    "納得でき",
    "納得いか",
    "待たされ",
    "間違って",
    "間違った",
    "間違い",
    "古い",
    "古くて",
    "使いにくい",
    "読みにくい",
    "分かりにくい",
    "わかりにくい",
    "キャンセルされ",
    "連絡がない",
    "折り返しがない",
    "不満",
    "態度が悪",
    "悪すぎ",
    "来なかった",
    "回答が違",
    "説明が違",
    "言うことが違",
    "違っていて",
    "おかしい",
    "ありえない",
    "あり得ない",
    "最悪",
    "不快",
    "がっかり",
    "迷惑",
    "誤り",
    "不正確",
    "outdated",
    "not happy",
    "unhappy",
    "disappointed",
    "poor service",
    "bad service",
    "waste of time",
    "的外れ",
    "参考にならな",
    "参考になりません",
    "つながらない",
    "繋がらない",
    "返事がない",
    "返信がない",
    "nobody replied",
    "no one replied",
    "no reply",
    "no response",
    "never replied",
    "never got back",
    "rude",
    "wrong answer",
    "terrible",
    "unhelpful",
];

/// The service itself: the centre, its desks and staff, this chat, the site.
const SERVICE: &[&str] = &[
    "窓口の",
    "窓口で",
    "職員",
    "担当の方",
    "担当者の対応",
    "担当者が",
    "相談員",
    "センター",
    "チャット",
    "ボット",
    "このサービス",
    "このサイト",
    "サイトの",
    "ホームページの情報",
    "ホームページに",
    "回答",
    "案内",
    "電話対応",
    "予約",
    "区役所",
    "産業振興課",
    "chatbot",
    "your bot",
    "your site",
    "your staff",
    "your service",
    "the bot",
    "answers",
    "the staff",
    "the desk",
    "電話して",
    "電話しても",
    "問い合わせ",
    "my inquiry",
    "my question",
    "your office",
    "受付の",
    "your website",
    "the website",
    "how my inquiry",
    "was handled",
];

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

/// The caller says the question is general: answer it even if it touches an edge.
const GENERAL: &[&str] = &[
    "一般論",
    "一般的",
    "一般に",
    "一般の",
    "in general",
    "generally",
];

/// Topics a chatbot must not settle, with the desk category each goes to.
const SENSITIVE: &[(&str, ConsultCategory)] = &[
    ("解雇", ConsultCategory::Labour),
    ("クビ", ConsultCategory::Labour),
    ("辞めさせ", ConsultCategory::Labour),
    ("雇い止め", ConsultCategory::Labour),
    ("雇止め", ConsultCategory::Labour),
    ("退職勧奨", ConsultCategory::Labour),
    ("残業代", ConsultCategory::Labour),
    ("未払い賃金", ConsultCategory::Labour),
    ("給料を払って", ConsultCategory::Labour),
    ("労基", ConsultCategory::Labour),
    ("労働基準監督署", ConsultCategory::Labour),
    ("ユニオン", ConsultCategory::Labour),
    ("団体交渉", ConsultCategory::Labour),
    ("パワハラ", ConsultCategory::Labour),
    ("セクハラ", ConsultCategory::Labour),
    ("カスハラ", ConsultCategory::Labour),
    ("ハラスメント", ConsultCategory::Labour),
    ("いじめ", ConsultCategory::Labour),
    ("労災", ConsultCategory::Labour),
    ("懲戒", ConsultCategory::Labour),
    ("カイコ", ConsultCategory::Labour),
    ("unpaid overtime", ConsultCategory::Labour),
    ("fired", ConsultCategory::Labour),
    ("dismiss", ConsultCategory::Labour),
    ("harass", ConsultCategory::Labour),
    ("是正勧告", ConsultCategory::Labour),
    ("指導票", ConsultCategory::Labour),
    ("監督署", ConsultCategory::Labour),
    ("労基署", ConsultCategory::Labour),
    ("不当解雇", ConsultCategory::Labour),
    ("割増賃金", ConsultCategory::Labour),
    ("サービス残業", ConsultCategory::Labour),
    ("残業代を払", ConsultCategory::Labour),
    ("暴言", ConsultCategory::Labour),
    ("overtime", ConsultCategory::Labour),
    ("unfair dismissal", ConsultCategory::Labour),
    ("labor standards", ConsultCategory::Labour),
    ("labour standards", ConsultCategory::Labour),
    ("bullying", ConsultCategory::Labour),
    ("unpaid wages", ConsultCategory::Labour),
    ("unpaid salary", ConsultCategory::Labour),
    ("labor office", ConsultCategory::Labour),
    ("labour office", ConsultCategory::Labour),
    ("労働審判", ConsultCategory::Labour),
    ("有給", ConsultCategory::Labour),
    ("休暇を取らせ", ConsultCategory::Labour),
    ("訴え", ConsultCategory::Legal),
    ("訴訟", ConsultCategory::Legal),
    ("裁判", ConsultCategory::Legal),
    ("損害賠償", ConsultCategory::Legal),
    ("賠償", ConsultCategory::Legal),
    ("内容証明", ConsultCategory::Legal),
    ("契約トラブル", ConsultCategory::Legal),
    ("トラブル", ConsultCategory::Legal),
    ("払ってくれない", ConsultCategory::Legal),
    ("支払ってくれない", ConsultCategory::Legal),
    ("代金が未払い", ConsultCategory::Legal),
    ("代金未払い", ConsultCategory::Legal),
    ("下請代金", ConsultCategory::Legal),
    ("買いたたき", ConsultCategory::Legal),
    ("買い叩き", ConsultCategory::Legal),
    ("民事再生", ConsultCategory::Legal),
    ("詐欺", ConsultCategory::Legal),
    ("揉め", ConsultCategory::Legal),
    ("もめて", ConsultCategory::Legal),
    ("立ち退", ConsultCategory::Legal),
    ("納品されない", ConsultCategory::Legal),
    ("返してもらいた", ConsultCategory::Legal),
    ("返金", ConsultCategory::Legal),
    ("不利な条項", ConsultCategory::Legal),
    ("解除できる", ConsultCategory::Legal),
    ("喧嘩別れ", ConsultCategory::Legal),
    ("持ち分", ConsultCategory::Legal),
    ("refuses to pay", ConsultCategory::Legal),
    ("void", ConsultCategory::Legal),
    ("大家", ConsultCategory::Legal),
    ("クレーム", ConsultCategory::Legal),
    ("契約を解除", ConsultCategory::Legal),
    ("違約金", ConsultCategory::Legal),
    ("lawsuit", ConsultCategory::Legal),
    ("sue", ConsultCategory::Legal),
    ("回収できない", ConsultCategory::Legal),
    ("入金がない", ConsultCategory::Legal),
    ("入金されない", ConsultCategory::Legal),
    ("支払いが遅れ", ConsultCategory::Legal),
    ("請求書の支払", ConsultCategory::Legal),
    ("賃貸借", ConsultCategory::Legal),
    ("原状回復", ConsultCategory::Legal),
    ("更新を拒", ConsultCategory::Legal),
    ("家賃の値上げ", ConsultCategory::Legal),
    ("家賃を上げ", ConsultCategory::Legal),
    ("争い", ConsultCategory::Legal),
    ("紛争", ConsultCategory::Legal),
    ("unpaid invoice", ConsultCategory::Legal),
    ("pay our invoice", ConsultCategory::Legal),
    ("pay the invoice", ConsultCategory::Legal),
    ("landlord", ConsultCategory::Legal),
    ("evict", ConsultCategory::Legal),
    ("lease agreement", ConsultCategory::Legal),
    ("our lease", ConsultCategory::Legal),
    ("breach", ConsultCategory::Legal),
    ("dispute", ConsultCategory::Legal),
    ("hasn't paid", ConsultCategory::Legal),
    ("has not paid", ConsultCategory::Legal),
    ("haven't paid us", ConsultCategory::Legal),
    ("won't pay", ConsultCategory::Legal),
    ("refusing to pay", ConsultCategory::Legal),
    ("refused to pay", ConsultCategory::Legal),
    ("返済できない", ConsultCategory::Financing),
    ("返済ができない", ConsultCategory::Financing),
    ("返済が難しい", ConsultCategory::Financing),
    ("返済が厳しい", ConsultCategory::Financing),
    ("返済が遅れ", ConsultCategory::Financing),
    ("返せない", ConsultCategory::Financing),
    ("返済が苦しい", ConsultCategory::Financing),
    ("返済がきつい", ConsultCategory::Financing),
    ("返済猶予", ConsultCategory::Financing),
    ("リスケ", ConsultCategory::Financing),
    ("資金ショート", ConsultCategory::Financing),
    ("倒産", ConsultCategory::Financing),
    ("破産", ConsultCategory::Financing),
    ("債務整理", ConsultCategory::Financing),
    ("差し押さえ", ConsultCategory::Financing),
    ("差押", ConsultCategory::Financing),
    ("不渡り", ConsultCategory::Financing),
    ("個人保証", ConsultCategory::Financing),
    ("払えない", ConsultCategory::Financing),
    ("間に合いません", ConsultCategory::Financing),
    ("間に合わない", ConsultCategory::Financing),
    ("返済期間を延ば", ConsultCategory::Financing),
    ("限界", ConsultCategory::Financing),
    ("借金", ConsultCategory::Financing),
    ("カードローン", ConsultCategory::Financing),
    ("返済額が上が", ConsultCategory::Financing),
    ("ショート", ConsultCategory::Financing),
    ("足りない", ConsultCategory::Financing),
    ("潰れ", ConsultCategory::Financing),
    ("畳む", ConsultCategory::Financing),
    ("ヘンサイ", ConsultCategory::Financing),
    ("can't repay", ConsultCategory::Financing),
    ("cannot repay", ConsultCategory::Financing),
    ("bankrupt", ConsultCategory::Financing),
    ("repayment", ConsultCategory::Financing),
    ("repay", ConsultCategory::Financing),
    ("default on", ConsultCategory::Financing),
    ("can't pay", ConsultCategory::Financing),
    ("cannot pay", ConsultCategory::Financing),
    ("loan payment", ConsultCategory::Financing),
    ("支払いが滞", ConsultCategory::Financing),
    ("一括返済", ConsultCategory::Financing),
    ("返済を求め", ConsultCategory::Financing),
    ("侵害", ConsultCategory::IntellectualProperty),
    ("真似され", ConsultCategory::IntellectualProperty),
    ("まねされ", ConsultCategory::IntellectualProperty),
    ("パクられ", ConsultCategory::IntellectualProperty),
    ("模倣", ConsultCategory::IntellectualProperty),
    ("警告状", ConsultCategory::IntellectualProperty),
    ("差止", ConsultCategory::IntellectualProperty),
    ("無断で", ConsultCategory::IntellectualProperty),
    ("勝手に商標", ConsultCategory::IntellectualProperty),
    ("勝手に使", ConsultCategory::IntellectualProperty),
    ("取り返", ConsultCategory::IntellectualProperty),
    ("削除させ", ConsultCategory::IntellectualProperty),
    ("無断で使", ConsultCategory::IntellectualProperty),
    ("infring", ConsultCategory::IntellectualProperty),
    ("商標権", ConsultCategory::IntellectualProperty),
    ("特許権", ConsultCategory::IntellectualProperty),
    ("著作権の侵害", ConsultCategory::IntellectualProperty),
    ("無断転載", ConsultCategory::IntellectualProperty),
    ("無断使用", ConsultCategory::IntellectualProperty),
    ("警告書", ConsultCategory::IntellectualProperty),
    ("cease and desist", ConsultCategory::IntellectualProperty),
    ("copyright", ConsultCategory::IntellectualProperty),
    ("copied our", ConsultCategory::IntellectualProperty),
    ("copying our", ConsultCategory::IntellectualProperty),
    ("counterfeit", ConsultCategory::IntellectualProperty),
    ("knock-off", ConsultCategory::IntellectualProperty),
    ("violates their", ConsultCategory::IntellectualProperty),
    ("violates our", ConsultCategory::IntellectualProperty),
    ("registered our", ConsultCategory::IntellectualProperty),
    ("真似た", ConsultCategory::IntellectualProperty),
    ("真似し", ConsultCategory::IntellectualProperty),
    ("盗用", ConsultCategory::IntellectualProperty),
    ("パクリ", ConsultCategory::IntellectualProperty),
    ("税務調査", ConsultCategory::Tax),
    ("経費にしてた", ConsultCategory::Tax),
    ("経費にしていた", ConsultCategory::Tax),
    ("まずいですか", ConsultCategory::Tax),
    ("納税資金", ConsultCategory::Tax),
    ("分割で納付", ConsultCategory::Tax),
    ("延滞税", ConsultCategory::Tax),
    ("修正申告", ConsultCategory::Tax),
    ("経費で落ち", ConsultCategory::Tax),
    ("経費になりますか", ConsultCategory::Tax),
    ("追徴", ConsultCategory::Tax),
    ("申告漏れ", ConsultCategory::Tax),
    ("脱税", ConsultCategory::Tax),
    ("tax audit", ConsultCategory::Tax),
    ("税を滞納", ConsultCategory::Tax),
    ("税金を滞納", ConsultCategory::Tax),
    ("税の滞納", ConsultCategory::Tax),
    ("税金の滞納", ConsultCategory::Tax),
    ("滞納処分", ConsultCategory::Tax),
    ("更正", ConsultCategory::Tax),
    ("加算税", ConsultCategory::Tax),
    ("税務署から", ConsultCategory::Tax),
    ("税務署に指摘", ConsultCategory::Tax),
    ("差押予告", ConsultCategory::Tax),
    ("reassessment", ConsultCategory::Tax),
    ("back taxes", ConsultCategory::Tax),
    ("tax arrears", ConsultCategory::Tax),
    ("tax office", ConsultCategory::Tax),
    ("tax bill", ConsultCategory::Tax),
    ("pay my tax", ConsultCategory::Tax),
    ("pay our tax", ConsultCategory::Tax),
];

/// Trouble words whose field depends on what the message is about ("税金の督促" is tax,
/// "代金の督促" a legal matter): sensitive, with the category from the other words or the topic.
const SENSITIVE_ANY_FIELD: &[&str] = &[
    "督促",
    "通知書",
    "請求された",
    "請求されて",
    "demand letter",
];

/// Signs the caller is living through it now (not asking about a scheme in general).
const SITUATION: &[&str] = &[
    "された",
    "されて",
    "されそう",
    "届いた",
    "届きました",
    "来た",
    "来ました",
    "きた",
    "言われ",
    "言ってる",
    "言っている",
    "困って",
    "どうすれば",
    "どうしたら",
    "どう動け",
    "眠れ",
    "怖い",
    "しそう",
    "うちの",
    "当社",
    "弊社",
    "我が社",
    "もう",
    "ている",
    "てる",
    "ました",
    "たい",
    "ほしい",
    "ください",
    "いけませんか",
    "ないと",
    "ますか?",
    "でしょうか",
    "whatshould",
    "what should",
    "we ",
    "our ",
    "my ",
];

/// Signs of a general question about schemes, desks or rules (not about the caller's case).
const INFORMATIONAL: &[&str] = &[
    "制度",
    "補助",
    "助成",
    "セミナー",
    "研修",
    "講座",
    "相談会",
    "窓口",
    "とは",
    "って何",
    "ってなに",
    "どんな",
    "どこに",
    "いつ",
    "防止",
    "対策",
    "予防",
    "共済",
    "保険",
    "仕組み",
    "一般的",
    "普通",
    "どれくらい",
    "頻度",
    "流れ",
    "減税",
    "税制",
    "利子補給",
    "据置",
    "しないため",
    "ないように",
    "使える支援",
    "subsidy",
    "grant",
    "seminar",
    "training",
    "prevent",
    "avoid",
    "what is",
];

fn hits<'a>(text: &str, words: &[&'a str]) -> Vec<&'a str> {
    words.iter().copied().filter(|w| text.contains(w)).collect()
}

/// Category of a message by its topic words (used for answers too: the desk it would go to).
pub fn topic_category(text: &str) -> ConsultCategory {
    use ConsultCategory::*;
    const TOPICS: &[(ConsultCategory, &[&str])] = &[
        (
            Founding,
            &[
                "創業",
                "起業",
                "開業",
                "独立",
                "会社設立",
                "法人化",
                "スタートアップ",
                "startup",
                "start a business",
                "これから始め",
            ],
        ),
        (
            Tax,
            &[
                "税",
                "インボイス",
                "経費",
                "消費税",
                "税理士",
                "源泉",
                "年末調整",
                "電子帳簿",
                "申告",
                "役員報酬",
                "節税",
                "tax",
                "invoice",
            ],
        ),
        (
            IntellectualProperty,
            &[
                "特許",
                "商標",
                "知財",
                "意匠",
                "著作権",
                "実用新案",
                "ブランド名",
                "patent",
                "trademark",
            ],
        ),
        (
            Legal,
            &[
                "弁護士",
                "契約",
                "訴",
                "裁判",
                "取引先",
                "下請",
                "法律",
                "法的",
                "かけこみ寺",
                "民事",
                "規約",
            ],
        ),
        (
            Labour,
            &[
                "雇用",
                "採用",
                "社員",
                "従業員",
                "パート",
                "アルバイト",
                "研修",
                "育休",
                "育児",
                "介護休業",
                "労務",
                "社労士",
                "就業規則",
                "給料",
                "賃金",
                "賃上げ",
                "残業",
                "ハラスメント",
                "労災",
                "健康診断",
                "解雇",
                "退職",
                "テレワーク",
                "人材",
                "働き方",
                "スタッフ",
                "hiring",
                "our staff",
                "employee",
                "human resource",
                "training",
            ],
        ),
        (
            Financing,
            &[
                "融資",
                "借入",
                "借り",
                "ローン",
                "返済",
                "保証",
                "利子",
                "金利",
                "資金繰り",
                "倒産",
                "破産",
                "債務",
                "差し押さえ",
                "資金",
                "loan",
                "financing",
                "finance",
                "公庫",
            ],
        ),
    ];
    let normalized = text.to_lowercase();
    let mut best = (Management, 0usize);
    for (category, words) in TOPICS {
        let n = words.iter().filter(|w| normalized.contains(*w)).count();
        if n > best.1 {
            best = (*category, n);
        }
    }
    best.0
}

/// Routes a (normalised) message. `confidence` is how well the corpus answers it (0..1) and
/// `threshold` the calibrated minimum for answering.
pub fn route(text: &str, confidence: f32, threshold: f32) -> Route {
    let lower = text.to_lowercase();
    let topic = topic_category(&lower);
    let found: Vec<&(&str, ConsultCategory)> = SENSITIVE
        .iter()
        .filter(|(w, _)| lower.contains(w))
        .collect();
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
    let any_field = hits(&lower, SENSITIVE_ANY_FIELD);
    let trouble_category = || {
        if sensitive.is_empty() {
            topic
        } else {
            sensitive_category(&sensitive, topic)
        }
    };
    // A complaint about the service goes to the staff, never to a consultant, even when the
    // caller also asks for a person ("苦情です。責任者を出して").
    let complaint = complaint_words(&lower, !sensitive.is_empty());
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
    let general_question = !informational.is_empty() && situation.len() <= 1;
    if (!sensitive.is_empty() || !any_field.is_empty()) && !general_question {
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

/// The words that make a message a request for a person: a phrase that is one on its own
/// ("担当者につないで"), or a person, a way of reaching them and a request together
/// ("担当の人から連絡ください", "could someone call me back").
fn person_words<'a>(text: &str) -> Vec<&'a str> {
    let direct = hits(text, PERSON);
    if !direct.is_empty() {
        return direct;
    }
    // "担当課の電話番号を教えて" asks for a number, not to be called.
    if !hits(text, CONTACT_DETAILS).is_empty() {
        return Vec::new();
    }
    let who = hits(text, PERSON_NOUN);
    let how = hits(text, CONTACT_VERB);
    let asks = hits(text, REQUEST);
    if who.is_empty() || how.is_empty() || asks.is_empty() {
        return Vec::new();
    }
    who.into_iter().chain(how).collect()
}

/// The words that make a message a complaint or an opinion about the service: a phrase that is
/// one on its own, or displeasure aimed at the service (not at a tax office or a landlord,
/// which `trouble` says the message is about).
fn complaint_words<'a>(text: &str, trouble: bool) -> Vec<&'a str> {
    let strong = hits(text, COMPLAINT);
    if !strong.is_empty() {
        return strong;
    }
    let displeasure = hits(text, DISPLEASURE);
    let service = hits(text, SERVICE);
    if displeasure.is_empty() || service.is_empty() || trouble {
        return Vec::new();
    }
    displeasure.into_iter().chain(service).collect()
}

/// A question whose answer depends on the caller's own case, on the edge of a rule the bot
/// can only quote: documents to look at, a move, a change of legal form, their own tax, which
/// of two is better for them. "一般論で" keeps it a general question.
fn individual_case(text: &str, topic: ConsultCategory) -> Option<(ConsultCategory, Vec<String>)> {
    if !hits(text, GENERAL).is_empty() {
        return None;
    }
    let own_tax = hits(text, OWN_TAX);
    if !own_tax.is_empty() {
        return Some((ConsultCategory::Tax, strings(&own_tax)));
    }
    let mut matched = hits(text, INDIVIDUAL);
    let edge = hits(text, EDGE);
    let own_case = !hits(text, OWN_CASE).is_empty() || !hits(text, COUNTED).is_empty();
    if !edge.is_empty() && own_case {
        matched.extend(edge);
    }
    if matched.is_empty() {
        return None;
    }
    // "法人と個人事業、うちはどっちが得" with no scheme named is a tax question.
    let about_form = text.contains("法人")
        && text.contains("個人")
        && matched
            .iter()
            .any(|w| w.contains("得") || w.contains("有利"));
    let category = match topic {
        ConsultCategory::Management if about_form => ConsultCategory::Tax,
        other => other,
    };
    Some((category, strings(&matched)))
}

/// The category most sensitive words point to; a tie goes to the message's topic.
fn sensitive_category(
    sensitive: &[&(&str, ConsultCategory)],
    topic: ConsultCategory,
) -> ConsultCategory {
    let mut counts: Vec<(ConsultCategory, usize)> = Vec::new();
    for (_, c) in sensitive {
        match counts.iter_mut().find(|(k, _)| k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((*c, 1)),
        }
    }
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let top: Vec<ConsultCategory> = counts
        .iter()
        .filter(|(_, n)| *n == max)
        .map(|(c, _)| *c)
        .collect();
    // Harassment or dismissal "訴え" is still a labour matter: labour wins a tie with legal.
    // An infringement claim with damages is still the IP desk's ("真似たと…損害賠償").
    if top.contains(&ConsultCategory::Labour) {
        ConsultCategory::Labour
    } else if top.contains(&ConsultCategory::IntellectualProperty) {
        ConsultCategory::IntellectualProperty
    } else if top.contains(&topic) {
        topic
    } else {
        top[0]
    }
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(text: &str) -> Route {
        route(&crate::text::normalize(text), 1.0, 0.3)
    }

    #[test]
    fn asking_for_a_person_hands_off() {
        assert_eq!(
            decide("担当者と電話で話したいです").handoff,
            Some(HandoffReason::AskedForPerson)
        );
        assert_eq!(
            decide("ｿｳﾀﾞﾝｲﾝﾄ ﾊﾅｼﾀｲﾃﾞｽ").handoff,
            Some(HandoffReason::AskedForPerson)
        );
    }

    #[test]
    fn asking_for_a_person_about_debts_goes_to_the_financing_desk() {
        let r = decide(
            "借金が多くて来月から返済額が上がると言われた。従業員にも言えない。誰かと話したい",
        );
        assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
        assert_eq!(r.category, ConsultCategory::Financing.into());
        assert_eq!(
            decide("補助金のことで担当者と電話で話したいです").category,
            ConsultCategory::Management.into()
        );
    }

    #[test]
    fn asking_how_to_avoid_a_problem_is_a_question_not_a_case() {
        assert_eq!(
            decide("他社の特許を侵害しないための調査に使える支援ってある?").handoff,
            None
        );
        assert_eq!(
            decide("他社から特許を侵害していると警告状が届いた").handoff,
            Some(HandoffReason::SensitiveTopic)
        );
    }

    #[test]
    fn a_dismissal_goes_to_labour() {
        let r = decide("従業員を解雇したらユニオンから団体交渉を申し入れられました");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, ConsultCategory::Labour.into());
    }

    #[test]
    fn repayment_trouble_goes_to_financing() {
        let r = decide("売上が落ちて来月の返済ができない。どうしたらいい?");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, ConsultCategory::Financing.into());
    }

    #[test]
    fn a_general_question_about_harassment_training_is_answered() {
        assert_eq!(
            decide("ハラスメント防止の研修やセミナーはありますか").handoff,
            None
        );
    }

    #[test]
    fn low_confidence_hands_off_with_the_topic_category() {
        let r = route("宇宙旅行の補助金", 0.1, 0.3);
        assert_eq!(r.handoff, Some(HandoffReason::LowConfidence));
    }
}

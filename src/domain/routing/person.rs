//! A request to speak to a person: a phrase that is one on its own, or a person, a way of
//! reaching them and a request together.

use super::hits;

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
    "call me back",
    "give me a call",
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
    "人間の方",
    "本当の人",
    "生身の人",
    "実際の人",
    "ロボットじゃなく",
    "ロボットではなく",
    "機械じゃなく",
    "機械ではなく",
    "ボットじゃなく",
    "ボットではなく",
    "チャットじゃなく",
    "チャットではなく",
    "会って相談",
    "会って話",
    // Someone to read the caller's own papers: a plan, an application, a contract.
    "添削",
    "見てもらいた",
    "みてもらいた",
    "見てもらえ",
    "みてもらえ",
    "見てくれる人",
    "みてくれるひと",
    "みてくれる人",
    "誰かみて",
    "誰か見て",
    "だれかみて",
    "チェックをお願い",
    "チェックしてもらえ",
    "チェックしてほしい",
    "can an advisor check",
    "can someone check",
    "someone to check",
    "give feedback on",
    "review our",
    "review my",
    "look over our",
    "look over my",
    "面談の予約",
    "相談の予約を",
    "in person",
    "face to face",
    "face-to-face",
    "real human",
    "actual person",
    "live person",
    "human agent",
    "not a bot",
    "rather than a bot",
    "instead of a bot",
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
    "人間",
    "専門家",
    "診断士",
    "社労士",
    "税理士",
    "弁護士",
    "弁理士",
    "lawyer",
    "accountant",
    "expert",
    "specialist",
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
    "go through",
    "go over",
    "look at",
    "review",
];

/// Contact details by name. They ask for the desk's only in a clause that also asks
/// ("電話番号を教えて", "住所は？"): a caller giving their own ("住所は港区…",
/// "免許証番号 1234…") asks for nothing.
const CONTACT_NOUNS: &[&str] = &[
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

/// What makes a clause naming a contact detail a question about it.
const ASKING: &[&str] = &[
    "教え",
    "知りたい",
    "わかりますか",
    "分かりますか",
    "?",
    "？",
    "は何",
    "はなん",
    "tell me",
    "what",
    "where",
    "どこ",
    "いつ",
];

/// Asking for contact details (how to book, where, when) rather than to be contacted.
const CONTACT_DETAILS: &[&str] = &[
    "予約方法",
    "予約の仕方",
    "how do i book",
    "how can i book",
    "how to book",
    // Where the desk is and when it is open.
    "はどこ?",
    "ってどこ?",
    "はどこですか",
    "ってどこですか",
    "はどこにあ",
    "ってどこにあ",
    "どこにありますか",
    "何時まで",
    "何時から",
    "何曜日",
    "開いてますか",
    "開いていますか",
    "where is the",
    "where's the",
    "where can i find",
    "what time",
    "which days",
    "what days",
    "open until",
    "open on",
    "opening times",
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

/// Asking for a consultation itself ("相談したいです", "相談に乗ってほしい"), which only a
/// person gives.
const CONSULTATION: &[&str] = &[
    "相談したい",
    "相談させて",
    "相談に乗って",
    "相談にのって",
    "相談乗って",
];

/// The words of a request for a consultation, unless the message asks how to book one or
/// where to go ("相談したいのですが予約方法は").
pub(super) fn asks_consultation<'a>(text: &str) -> Vec<&'a str> {
    if asks_contact_details(text) {
        return Vec::new();
    }
    hits(text, CONSULTATION)
}

/// The message asks for something to be done ("見ていただけますか", "教えてください").
pub(super) fn makes_request(text: &str) -> bool {
    !hits(text, REQUEST).is_empty()
}

/// The message asks for a number, hours or a place (answered from the corpus).
pub(super) fn asks_contact_details(text: &str) -> bool {
    !hits(text, CONTACT_DETAILS).is_empty()
        || text
            .split(['。', '、', ',', '.', '!', '！', '\n'])
            .any(|clause| {
                !hits(clause, CONTACT_NOUNS).is_empty() && !hits(clause, ASKING).is_empty()
            })
}

/// The words that make a message a request for a person: a phrase that is one on its own
/// ("担当者につないで"), or a person, a way of reaching them and a request together
/// ("担当の人から連絡ください", "could someone call me back").
pub(super) fn person_words<'a>(text: &str) -> Vec<&'a str> {
    // "担当課の電話番号を教えて", "人に相談できる日は何曜日" ask for a number or the hours,
    // not to be called.
    if asks_contact_details(text) {
        return Vec::new();
    }
    let direct = hits(text, PERSON);
    if !direct.is_empty() {
        return direct;
    }
    let who = hits(text, PERSON_NOUN);
    let how = hits(text, CONTACT_VERB);
    let asks = hits(text, REQUEST);
    if who.is_empty() || how.is_empty() || asks.is_empty() {
        return Vec::new();
    }
    who.into_iter().chain(how).collect()
}

/// Every word of these tables (read as kana by [`super::KanaSpelling`]).
pub(super) fn words() -> impl Iterator<Item = &'static str> {
    [
        PERSON,
        PERSON_NOUN,
        CONTACT_VERB,
        CONTACT_NOUNS,
        CONTACT_DETAILS,
        REQUEST,
        CONSULTATION,
    ]
    .into_iter()
    .flat_map(|words| words.iter().copied())
}

//! Decides whether a chat message can be answered from the corpus or must go to a person,
//! and which consultant category fits. Rules, not a model: every decision names its reason,
//! and the rules are measured on eval/routing.jsonl.

use serde::{Deserialize, Serialize};

use super::consultants::ConsultCategory;

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

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Route {
    pub handoff: Option<HandoffReason>,
    pub category: ConsultCategory,
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
    "職員と",
    "オペレーター",
    "電話で相談",
    "電話で話",
    "直接相談",
    "直接話",
    "窓口の人",
    "つないで",
    "繋いで",
    "相談員",
    "専門家と話",
    "誰かと話",
    "だれかと話",
    "折り返し",
    "電話ください",
    "電話をください",
    "面談したい",
    "talk to a person",
    "talk to someone",
    "human",
    "speak to",
    "ソウダンイン",
    "ハナシタイ",
    "人が対応",
];

const COMPLAINT: &[&str] = &[
    "苦情",
    "対応がひどい",
    "対応が悪い",
    "不親切",
    "責任者を出",
    "責任者出",
    "全然使えない",
    "役に立たない",
    "同じ回答しか",
    "たらい回し",
    "二度と",
    "クレームを言",
    "納得できない",
    "失礼な",
    "いい加減",
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
    ("督促", ConsultCategory::Financing),
    ("滞納", ConsultCategory::Financing),
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
                "確定申告",
                "経費",
                "消費税",
                "税理士",
                "源泉",
                "年末調整",
                "電子帳簿",
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
                "staff",
                "employee",
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
    let person = hits(&lower, PERSON);
    let category_of_topic = topic_category(&lower);
    let sensitive: Vec<&(&str, ConsultCategory)> = SENSITIVE
        .iter()
        .filter(|(w, _)| lower.contains(w))
        .collect();
    if !person.is_empty() {
        // Whoever asks for a person while describing trouble needs the desk for that trouble.
        let category = if sensitive.is_empty() {
            category_of_topic
        } else {
            sensitive_category(&sensitive, category_of_topic)
        };
        return Route {
            handoff: Some(HandoffReason::AskedForPerson),
            category,
            matched: strings(&person),
        };
    }
    let complaint = hits(&lower, COMPLAINT);
    if !complaint.is_empty() {
        return Route {
            handoff: Some(HandoffReason::Complaint),
            category: ConsultCategory::Management,
            matched: strings(&complaint),
        };
    }
    let situation = hits(&lower, SITUATION);
    let informational = hits(&lower, INFORMATIONAL);
    let general_question = !informational.is_empty() && situation.len() <= 1;
    if !sensitive.is_empty() && !general_question {
        let category = sensitive_category(&sensitive, category_of_topic);
        return Route {
            handoff: Some(HandoffReason::SensitiveTopic),
            category,
            matched: sensitive.iter().map(|(w, _)| w.to_string()).collect(),
        };
    }
    let individual = hits(&lower, INDIVIDUAL);
    if !individual.is_empty() {
        return Route {
            handoff: Some(HandoffReason::IndividualJudgement),
            category: category_of_topic,
            matched: strings(&individual),
        };
    }
    if confidence < threshold {
        return Route {
            handoff: Some(HandoffReason::LowConfidence),
            category: category_of_topic,
            matched: vec![],
        };
    }
    Route {
        handoff: None,
        category: category_of_topic,
        matched: vec![],
    }
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
    if top.contains(&ConsultCategory::Labour) {
        ConsultCategory::Labour
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
        assert_eq!(r.category, ConsultCategory::Financing);
        assert_eq!(
            decide("補助金のことで担当者と電話で話したいです").category,
            ConsultCategory::Management
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
        assert_eq!(r.category, ConsultCategory::Labour);
    }

    #[test]
    fn repayment_trouble_goes_to_financing() {
        let r = decide("売上が落ちて来月の返済ができない。どうしたらいい?");
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
        assert_eq!(r.category, ConsultCategory::Financing);
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

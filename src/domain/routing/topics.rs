//! The field a message is about, by its topic words (the desk it would go to).

use super::said;
use crate::domain::consultants::ConsultCategory;
use crate::domain::corpus::translation::furigana::to_hiragana;

/// Topic words of each field. The generalist desk's come last: a specialist's word wins a tie.
const TOPICS: &[(ConsultCategory, &[&str])] = &[
    (
        ConsultCategory::Founding,
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
            "きぎょう",
            "そうぎょう",
            "かいぎょう",
            "これから始め",
            "店を始め",
            "お店を始め",
            "店をはじめ",
            "お店をはじめ",
            "開店",
            "脱サラ",
            "定年",
        ],
    ),
    (
        ConsultCategory::Tax,
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
            "ぜいきん",
            "しょうひぜい",
            "ぜいむしょ",
            "課税",
            "税制",
            "贈与",
            "かくていしんこく",
        ],
    ),
    (
        ConsultCategory::IntellectualProperty,
        &[
            "特許",
            "商標",
            "弁理士",
            "infring",
            "とっきょ",
            "しょうひょう",
            "知財",
            "意匠",
            "著作権",
            "実用新案",
            "patent",
            "trademark",
            "知的財産",
            "registered design",
            "デザイン",
            "ブランド",
            "店名",
            "商品名",
        ],
    ),
    (
        ConsultCategory::Legal,
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
            "lawyer",
            "legal",
            "contract",
            "lawsuit",
            " sue ",
            "sued",
            "けいやく",
            "さいばん",
            "個人情報",
            "株主",
            "株を",
            "出資金",
            "口約束",
            "書面",
            "liable",
            "解散",
            "口コミ",
            "売掛金",
        ],
    ),
    (
        ConsultCategory::Labour,
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
            "labour",
            "labor",
            "worker",
            "overtime",
            "wage",
            "dismiss",
            "しゃいん",
            "じゅうぎょういん",
            "きゅうりょう",
            "ざんぎょう",
            "社会保険",
            "労働",
        ],
    ),
    (
        ConsultCategory::Financing,
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
            "bank",
            "cash flow",
            "repay",
            "ゆうし",
            "へんさい",
            "しゃっきん",
            "借り換え",
            "銀行",
            "お金を返",
            "お金をかえ",
            "信用保証",
        ],
    ),
    // The generalist desk's own matters. Listed last: a specialist's word wins a tie.
    (
        ConsultCategory::Management,
        &[
            "補助金",
            "対象経費",
            "実績報告",
            "subsid",
            "販路",
            "集客",
            "値上げ",
            "原価",
            "立て直",
            "経営改善",
            "経営計画",
            "経営に関わ",
            "事業承継",
            "承継",
            "後継",
            "継が",
            "引き継",
            "m&a",
            "廃業",
            "店を閉め",
            "店をたたむ",
        ],
    ),
];

/// Every topic word and specialist's name (read as kana by [`super::KanaSpelling`]).
pub(super) fn words() -> impl Iterator<Item = &'static str> {
    TOPICS
        .iter()
        .flat_map(|(_, words)| words.iter().copied())
        .chain(SPECIALISTS.iter().map(|(w, _)| *w))
}

/// Category of a message by its topic words (used for answers too: the desk it would go to);
/// 経営, the generalist desk, when no word names a field.
pub fn topic_category(text: &str) -> ConsultCategory {
    topic_field(text).unwrap_or(ConsultCategory::Management)
}

/// The field a message's topic words name, or None when it has none (then the rules cannot
/// tell its field, and the nearest examples may).
pub fn topic_field(text: &str) -> Option<ConsultCategory> {
    let normalized = super::reading(text);
    // Kana-only callers write the topic in hiragana or (half-width) katakana: the hiragana
    // words match both, the specialists' names included ("シャロウシ").
    let folded = to_hiragana(&normalized);
    if let Some(field) = named_specialist(&normalized).or_else(|| named_specialist(&folded)) {
        return Some(field);
    }
    let mut best: Option<(ConsultCategory, usize)> = None;
    for (category, words) in TOPICS {
        let n = words
            .iter()
            .filter(|w| said(&normalized, w) || said(&folded, w))
            .count();
        if n > best.map_or(0, |(_, b)| b) {
            best = Some((*category, n));
        }
    }
    best.map(|(c, _)| c)
}

/// The specialists callers name, and their fields.
const SPECIALISTS: &[(&str, ConsultCategory)] = &[
    ("弁理士", ConsultCategory::IntellectualProperty),
    ("patent attorney", ConsultCategory::IntellectualProperty),
    ("社労士", ConsultCategory::Labour),
    ("社会保険労務士", ConsultCategory::Labour),
    ("labour consultant", ConsultCategory::Labour),
    ("labor consultant", ConsultCategory::Labour),
    ("税理士", ConsultCategory::Tax),
    ("tax accountant", ConsultCategory::Tax),
    ("弁護士", ConsultCategory::Legal),
    ("lawyer", ConsultCategory::Legal),
    ("中小企業診断士", ConsultCategory::Management),
    ("診断士", ConsultCategory::Management),
    // Written in kana by callers who write in やさしい日本語.
    ("べんりし", ConsultCategory::IntellectualProperty),
    ("しゃろうし", ConsultCategory::Labour),
    ("ぜいりし", ConsultCategory::Tax),
    ("べんごし", ConsultCategory::Legal),
];

/// The field of the specialist a caller names ("弁理士さんと話したい", "a labour consultant"):
/// the caller has already chosen the desk, whatever other words the message holds.
fn named_specialist(text: &str) -> Option<ConsultCategory> {
    let named: Vec<ConsultCategory> = SPECIALISTS
        .iter()
        .filter(|(w, _)| text.contains(w))
        .map(|(_, c)| *c)
        .collect();
    // Two different specialists named: the topic words decide.
    match named.as_slice() {
        [first, rest @ ..] if rest.iter().all(|c| c == first) => Some(*first),
        _ => None,
    }
}

//! The field a message is about, by its topic words (the desk it would go to).

use crate::domain::consultants::ConsultCategory;
use crate::domain::corpus::translation::furigana::to_hiragana;

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
                "きぎょう",
                "そうぎょう",
                "かいぎょう",
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
                "ぜいきん",
                "しょうひぜい",
                "ぜいむしょ",
            ],
        ),
        (
            IntellectualProperty,
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
                "lawyer",
                "contract",
                "lawsuit",
                " sue ",
                "sued",
                "けいやく",
                "さいばん",
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
                "bank",
                "cash flow",
                "repay",
                "ゆうし",
                "へんさい",
                "しゃっきん",
            ],
        ),
    ];
    let normalized = text.to_lowercase();
    if let Some(field) = named_specialist(&normalized) {
        return field;
    }
    // Kana-only callers write the topic in hiragana or (half-width) katakana: the hiragana
    // words match both.
    let folded = to_hiragana(&normalized);
    let mut best = (Management, 0usize);
    for (category, words) in TOPICS {
        let n = words
            .iter()
            .filter(|w| normalized.contains(*w) || folded.contains(*w))
            .count();
        if n > best.1 {
            best = (*category, n);
        }
    }
    best.0
}

/// The field of the specialist a caller names ("弁理士さんと話したい", "a labour consultant"):
/// the caller has already chosen the desk, whatever other words the message holds.
fn named_specialist(text: &str) -> Option<ConsultCategory> {
    use ConsultCategory::*;
    const SPECIALISTS: &[(&str, ConsultCategory)] = &[
        ("弁理士", IntellectualProperty),
        ("patent attorney", IntellectualProperty),
        ("社労士", Labour),
        ("社会保険労務士", Labour),
        ("labour consultant", Labour),
        ("labor consultant", Labour),
        ("税理士", Tax),
        ("tax accountant", Tax),
        ("弁護士", Legal),
        ("lawyer", Legal),
        ("中小企業診断士", Management),
        ("診断士", Management),
    ];
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

//! The field a message is about, by its topic words (the desk it would go to).

use crate::domain::consultants::ConsultCategory;

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

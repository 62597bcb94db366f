//! How much a scheme gives, and yen amounts in words.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    #[serde(default)]
    pub max_yen: Option<u64>,
    #[serde(default)]
    pub min_yen: Option<u64>,
    #[serde(default)]
    pub rate: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

/// 1500000 -> "150万円", 100000000 -> "1億円".
pub fn yen_ja(yen: u64) -> String {
    if yen >= 100_000_000 && yen.is_multiple_of(10_000_000) {
        let oku = yen / 100_000_000;
        let man = (yen % 100_000_000) / 10_000;
        if man == 0 {
            format!("{oku}億円")
        } else {
            format!("{oku}億{man}万円")
        }
    } else if yen >= 10_000 && yen.is_multiple_of(10_000) {
        format!("{}万円", yen / 10_000)
    } else {
        format!("{yen}円")
    }
}

/// 1500000 -> "¥1,500,000": yen for English pages.
pub fn yen_en(yen: u64) -> String {
    let digits = yen.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push('¥');
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

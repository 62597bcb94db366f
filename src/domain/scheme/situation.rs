//! Whom a scheme is made for beyond what the questionnaire asks: a kind of business (a social
//! business, a sanitation trade) or what it is going through (a disaster, a downturn, a
//! customer's bankruptcy, expanding abroad). Most businesses are in none of these, so a scheme
//! made for one of them is not presumed to fit unless the business's industry or the purposes it
//! chose say so: it stays "likely" with the question that would settle it, and ranks below
//! schemes the business plainly fits.

use serde::{Deserialize, Serialize};

/// A circumstance some schemes are made for. A scheme lists the ones it serves (any one is
/// enough); a business may say which apply to it in `facts.situations`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// ソーシャルビジネス: NPO法人, 保育・介護サービス, or a business set up to solve a social or
    /// local problem.
    SocialBusiness,
    /// 生活衛生関係営業: 飲食店・喫茶店・理容・美容・旅館・クリーニング・公衆浴場・食肉販売など
    /// (the trades under 生活衛生関係営業の運営の適正化及び振興に関する法律).
    SanitationTrade,
    /// Damaged by a disaster (災害救助法が適用されるような災害 …).
    DisasterDamage,
    /// Business has worsened: sales down, losses, work cut (売上の減少・赤字・業況の悪化).
    Downturn,
    /// A customer or other business partner went bankrupt (取引先の倒産).
    PartnerBankruptcy,
    /// Closed a business before and starts again (廃業歴のある再挑戦).
    Restart,
    /// Takes measures against customer harassment (カスタマーハラスメント対策).
    CustomerHarassment,
    /// In a dispute with a business partner: unpaid or cut prices, forced returns (取引トラブル).
    TradeDispute,
    /// Expands abroad: exports, an overseas base, foreign patents (海外展開).
    OverseasExpansion,
    /// Hands the business on or has taken it over: a successor, an M&A (事業承継).
    Succession,
}

impl Situation {
    pub const ALL: [Situation; 10] = [
        Situation::SocialBusiness,
        Situation::SanitationTrade,
        Situation::DisasterDamage,
        Situation::Downturn,
        Situation::PartnerBankruptcy,
        Situation::Restart,
        Situation::CustomerHarassment,
        Situation::TradeDispute,
        Situation::OverseasExpansion,
        Situation::Succession,
    ];

    /// The stable code (as written in the corpus and in `facts.situations`).
    pub fn code(self) -> &'static str {
        match self {
            Situation::SocialBusiness => "social_business",
            Situation::SanitationTrade => "sanitation_trade",
            Situation::DisasterDamage => "disaster_damage",
            Situation::Downturn => "downturn",
            Situation::PartnerBankruptcy => "partner_bankruptcy",
            Situation::Restart => "restart",
            Situation::CustomerHarassment => "customer_harassment",
            Situation::TradeDispute => "trade_dispute",
            Situation::OverseasExpansion => "overseas_expansion",
            Situation::Succession => "succession",
        }
    }

    /// Whom it describes, in plain Japanese ("…が対象です" follows).
    pub fn label_ja(self) -> &'static str {
        match self {
            Situation::SocialBusiness => {
                "NPO法人、保育・介護サービスなど社会的課題の解決を目的とする事業（ソーシャルビジネス）"
            }
            Situation::SanitationTrade => {
                "生活衛生関係の営業（飲食店・喫茶店・理容・美容・旅館・クリーニングなど）"
            }
            Situation::DisasterDamage => "災害で被害を受けた事業者",
            Situation::Downturn => "売上の減少や赤字など業況が悪化している事業者",
            Situation::PartnerBankruptcy => "取引先の倒産で経営に支障が出ている事業者",
            Situation::Restart => "廃業した経験があり、もう一度事業を始める人",
            Situation::CustomerHarassment => "カスタマーハラスメント対策に取り組む事業者",
            Situation::TradeDispute => {
                "取引先とのトラブル（代金の未払い・減額・買いたたきなど）を抱える事業者"
            }
            Situation::OverseasExpansion => {
                "海外での事業展開（輸出・海外進出・外国での権利取得など）に取り組む事業者"
            }
            Situation::Succession => "事業承継（後継者への引継ぎ・M&Aなど）に取り組む事業者",
        }
    }

    /// The question that settles it.
    pub fn question_ja(self) -> &'static str {
        match self {
            Situation::SocialBusiness => {
                "NPO法人、または保育・介護サービスや社会的課題の解決を目的とする事業ですか"
            }
            Situation::SanitationTrade => {
                "飲食店・理容・美容・旅館・クリーニングなど生活衛生関係の営業ですか"
            }
            Situation::DisasterDamage => "災害で被害を受けましたか",
            Situation::Downturn => "売上の減少や赤字など、業況が悪化していますか",
            Situation::PartnerBankruptcy => {
                "取引先の倒産で、売掛金の回収や取引に支障が出ていますか"
            }
            Situation::Restart => "以前に事業をやめた（廃業した）ことがあり、もう一度始めますか",
            Situation::CustomerHarassment => {
                "カスタマーハラスメント（顧客などからの著しい迷惑行為）への対策に取り組みますか"
            }
            Situation::TradeDispute => {
                "取引先との間で、代金の未払い・減額などのトラブルがありますか"
            }
            Situation::OverseasExpansion => "輸出や海外進出など、海外での事業展開に取り組みますか",
            Situation::Succession => {
                "事業承継（後継者への引継ぎ・M&Aなど）に取り組んでいますか（予定を含む）"
            }
        }
    }

    /// The jGrants industries whose businesses this describes by definition, or in large part
    /// (保育・介護 are 医療、福祉; 飲食店・旅館 and 理容・美容・クリーニング are the sanitation
    /// trades' own industries). For a business in one of them the scheme is presumed to fit
    /// until it says otherwise; for any other it is not.
    pub fn typical_industries(self) -> &'static [&'static str] {
        match self {
            Situation::SocialBusiness => &["医療、福祉"],
            Situation::SanitationTrade => &["宿泊業、飲食サービス業", "生活関連サービス業、娯楽業"],
            Situation::DisasterDamage
            | Situation::Downturn
            | Situation::PartnerBankruptcy
            | Situation::Restart
            | Situation::CustomerHarassment
            | Situation::TradeDispute
            | Situation::OverseasExpansion
            | Situation::Succession => &[],
        }
    }

    /// The questionnaire purposes that say the business is in this situation (a business that
    /// asks about 海外展開 is expanding abroad). For a business that chose one of them the scheme
    /// is presumed to fit; one that chose other purposes only did not say so.
    pub fn typical_purposes(self) -> &'static [&'static str] {
        match self {
            Situation::OverseasExpansion => &["海外展開"],
            Situation::Succession => &["事業承継"],
            Situation::SocialBusiness
            | Situation::SanitationTrade
            | Situation::DisasterDamage
            | Situation::Downturn
            | Situation::PartnerBankruptcy
            | Situation::Restart
            | Situation::CustomerHarassment
            | Situation::TradeDispute => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_through_serde() {
        for s in Situation::ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
            assert_eq!(serde_json::from_str::<Situation>(&json).unwrap(), s);
        }
    }

    #[test]
    fn typical_industries_and_purposes_are_the_corpus_vocabularies() {
        for s in Situation::ALL {
            for i in s.typical_industries() {
                assert!(super::super::is_industry(i), "{i}");
            }
            for p in s.typical_purposes() {
                assert!(super::super::is_purpose(p), "{p}");
            }
        }
    }
}

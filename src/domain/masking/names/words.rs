//! Words around names: honorifics, roles, labels, and words for people that are no one's name.

/// Honorifics and roles that follow a name (山田さん, 田中社長).
pub(super) const AFTER_NAME: &[&str] = &[
    "さん",
    "様",
    "さま",
    "殿",
    "先生",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "社長",
    "部長",
    "課長",
    "係長",
    "店長",
    "会長",
    "院長",
    "所長",
    "代表",
    "専務",
    "常務",
    "理事長",
    "税理士",
    "弁護士",
    "宛",
];

/// Words that take an honorific without being anyone's name (お客様, 大家さん, 皆様).
pub(super) const NOT_NAMES: &[&str] = &[
    "客",
    "お客",
    "皆",
    "みな",
    "大家",
    "家主",
    "社員",
    "職員",
    "担当",
    "担当者",
    "先生",
    "業者",
    "相手",
    "取引先",
    "利用者",
    "奥",
    "息子",
    "娘",
    "子供",
    "家族",
    "従業員",
    "店長",
    "社長",
    "区長",
    "知事",
    "講師",
    "専門家",
    "相談員",
    "税理士",
    "社労士",
    "弁護士",
    "会計士",
    "行政書士",
    "司法書士",
    "中小企業診断士",
    "診断士",
    "窓口",
    "事務局",
    "センター",
    "オーナー",
    "スタッフ",
    "パート",
    "アルバイト",
    "ユーザー",
    "お父",
    "お母",
    "父",
    "母",
    "兄",
    "姉",
    "弟",
    "妹",
    "親",
    "夫",
    "妻",
    "主人",
    "奥様",
    "お医者",
    "医者",
    "患者",
    "生徒",
    "学生",
    "農家",
    "神",
    "仏",
    "方",
    "各位",
    "御中",
    "関係者",
    "代表者",
    "責任者",
    "申請者",
    "事業者",
    "経営者",
    "創業者",
    "友人",
    "知人",
    "本人",
    "個人",
    "管理人",
    "隣",
    "お隣",
    "大工",
    "運転手",
    "看護師",
    "店員",
    "お巡り",
    // A shop, not a person (八百屋さん, 魚屋さん); IPADIC files 八百屋 as a surname.
    "八百屋",
    "魚屋",
    "花屋",
    "お花屋",
    "本屋",
    "米屋",
    "酒屋",
    "肉屋",
    "床屋",
    "薬屋",
    "電気屋",
    "不動産屋",
    "靴屋",
    "質屋",
    "問屋",
    "蕎麦屋",
    "寿司屋",
    "定食屋",
    "居酒屋",
    "パン屋",
    "豆腐屋",
    "果物屋",
    "文房具屋",
    "和菓子屋",
    "ケーキ屋",
];

/// Roles in front of a name (代表の山田, 担当:佐藤).
pub(super) const ROLE_BEFORE: &[&str] = &[
    "代表取締役社長",
    "代表取締役",
    "代表者",
    "代表",
    "担当者",
    "担当",
    "社長",
    "店主",
    "院長",
    "理事長",
    "所長",
    "オーナー",
    "責任者",
    "経営者",
    "事業主",
    "取締役",
    "部長",
    "課長",
    "店長",
];

/// Whom a word before a name (and の) relates the person to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    /// 母, 妻, 息子: family.
    Family,
    /// 同僚, 経理, 従業員: people the caller works with.
    Colleague,
    /// 店長, 代表, 税理士: a title, also written before a description (弁護士(コンシェルジュ))
    /// or in a list (弁護士・税理士), so only a name that goes on as a sentence follows it.
    Role,
    /// 弊社, うち: the business itself (弊社の黒田が).
    Organisation,
    /// 経営, 主宰: what the person does (ネイルサロン経営のえりかです).
    Activity,
}

/// The one list of words that relate a person before a name: 母の西村, 経理の林が, 弊社の黒田が,
/// ネイルサロン経営のえりかです. [`relations`](super::full::relations) reads family and
/// colleagues, [`after_role_of`](super::context::after_role_of) all but activities, and
/// [`kana_after_role`](super::context::kana_after_role) every one.
pub(super) const RELATIONS: &[(&str, Relation)] = {
    use Relation::{Activity, Colleague, Family, Organisation, Role};
    &[
        ("母", Family),
        ("父", Family),
        ("妻", Family),
        ("夫", Family),
        ("長男", Family),
        ("長女", Family),
        ("次男", Family),
        ("次女", Family),
        ("三男", Family),
        ("三女", Family),
        ("息子", Family),
        ("娘", Family),
        ("兄", Family),
        ("姉", Family),
        ("弟", Family),
        ("妹", Family),
        ("義父", Family),
        ("義母", Family),
        ("義兄", Family),
        ("義姉", Family),
        ("義弟", Family),
        ("義妹", Family),
        ("祖父", Family),
        ("祖母", Family),
        ("叔父", Family),
        ("叔母", Family),
        ("伯父", Family),
        ("伯母", Family),
        ("家内", Family),
        ("主人", Family),
        ("旦那", Family),
        ("嫁", Family),
        ("婿", Family),
        ("孫", Family),
        ("甥", Family),
        ("姪", Family),
        ("友人", Colleague),
        ("知人", Colleague),
        ("友達", Colleague),
        ("同僚", Colleague),
        ("部下", Colleague),
        ("上司", Colleague),
        ("後輩", Colleague),
        ("先輩", Colleague),
        ("共同代表", Colleague),
        ("共同経営者", Colleague),
        ("パートナー", Colleague),
        ("相方", Colleague),
        ("経理", Colleague),
        ("総務", Colleague),
        ("事務", Role),
        ("営業", Role),
        ("従業員", Colleague),
        ("社員", Colleague),
        ("店員", Colleague),
        ("スタッフ", Colleague),
        ("板前", Colleague),
        ("職人", Colleague),
        ("料理長", Colleague),
        ("弟子", Colleague),
        ("見習い", Colleague),
        ("パート", Colleague),
        ("アルバイト", Colleague),
        ("バイト", Colleague),
        ("顧問", Colleague),
        ("店長", Role),
        ("店主", Role),
        ("社長", Role),
        ("副社長", Role),
        ("会長", Role),
        ("専務", Role),
        ("常務", Role),
        ("取締役", Role),
        ("部長", Role),
        ("課長", Role),
        ("係長", Role),
        ("主任", Role),
        ("オーナー", Role),
        ("代表", Role),
        ("担当", Role),
        ("院長", Role),
        ("講師", Role),
        ("税理士", Role),
        ("行政書士", Role),
        ("社労士", Role),
        ("弁護士", Role),
        ("大家", Role),
        ("弊社", Organisation),
        ("当社", Organisation),
        ("うち", Organisation),
        ("経営", Activity),
        ("運営", Activity),
        ("主宰", Activity),
    ]
};

/// The relation words of the kinds asked for, as one regex alternation (longest first, so
/// that 義母 is not read as 母).
pub(super) fn relation_alternation(kinds: &[Relation]) -> String {
    let mut words: Vec<&str> = RELATIONS
        .iter()
        .filter(|(_, k)| kinds.contains(k))
        .map(|(w, _)| *w)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// Labelled fields and introductions: what follows is a name.
pub(super) const LABELS: &[&str] = &[
    "代表者氏名",
    "代表者名",
    "申込者名",
    "相談者名",
    "担当者名",
    "紹介者",
    "予約者",
    "氏名",
    "お名前",
    "名前",
    "名義人",
    "口座名義",
    "名義",
    "申込者",
    "申請者名",
    "申請者",
    "フリガナ",
    "ふりがな",
    "契約者",
    "連絡者",
    "相談者情報",
    "相談者",
    "依頼者",
    "代理人",
    "表札",
    "宛名",
];

/// Honorifics, roles and words for people that are no one's name (社長, 担当, 母).
pub(super) fn is_title(s: &str) -> bool {
    NOT_NAMES.contains(&s) || AFTER_NAME.contains(&s) || ROLE_BEFORE.contains(&s)
}

/// Last characters of common surnames (山田, 佐藤, 平野, 白鳥, 宮内) and given names (雄大,
/// 千尋, 美穂). IPADIC reads many names as ordinary words (平野 "plain", 雄大 "grand"); in a
/// context that speaks of a person, a short kanji run ending in one of these is read as a name,
/// while the words such contexts also hold (実家, 会社, 仕事, 以上, 至急) mostly end otherwise;
/// [`COMMON_WITH_NAME_FINAL`] lists those that do not.
const NAME_FINALS: &str = concat!(
    "田藤川山野木村井島原沢澤崎﨑谷岡橋松森林池浦鳥尾瀬邊内下宮坂堀岩石",
    "河江津浜竹梅杉柳桜菊窪塚垣端倉條条永寺",
    "子美恵香奈菜乃花穂郎介太之也哉斗翔樹輝大平彦男夫雄司治朗紀枝絵里沙彩音羽希結愛真",
    "誠翼蓮陽悠優尋仁志史隆博弘浩宏昭晃亮涼良孝幸英和一二三吾悟",
    "衣依唯佳華那莉梨緒",
);

/// Everyday words that end like a name (紹介, 拡大, 写真, 以下).
const COMMON_WITH_NAME_FINAL: &[&str] = &[
    "以下",
    "以内",
    "区内",
    "都内",
    "社内",
    "店内",
    "国内",
    "市内",
    "年内",
    "案内",
    "室内",
    "県内",
    "分野",
    "視野",
    "野菜",
    "様子",
    "調子",
    "利子",
    "菓子",
    "帽子",
    "椅子",
    "電子",
    "双子",
    "女子",
    "男子",
    "弟子",
    "扇子",
    "紹介",
    "仲介",
    "媒介",
    "拡大",
    "最大",
    "増大",
    "多大",
    "巨大",
    "重大",
    "過大",
    "莫大",
    "盛大",
    "公平",
    "水平",
    "工夫",
    "丈夫",
    "政治",
    "自治",
    "退治",
    "世紀",
    "騒音",
    "本音",
    "録音",
    "写真",
    "歴史",
    "改良",
    "不良",
    "緩和",
    "平和",
    "昭和",
    "令和",
    "調和",
    "飽和",
    "統一",
    "唯一",
    "同一",
    "均一",
    "第一",
    "第二",
    "第三",
    "万一",
    "組織",
    "至急",
    "敬具",
    "草々",
    "早急",
    "相談",
    "連絡",
    "質問",
    "確認",
    "申請",
    "予約",
    "回答",
    "希望",
    "感謝",
    "失礼",
    "御礼",
    "追伸",
    "返信",
    "資料",
    "書類",
    "手続",
    "届",
    "実家",
    "会社",
    "仕事",
    "病気",
    "名義",
    "代理",
    "代表",
    "担当",
    "経理",
    "総務",
    "営業",
    "事務",
    "社長",
    "店長",
    "本社",
    "支店",
    "工場",
    "倉庫",
    "坂道",
    "石油",
    "浜辺",
    "松竹",
    "竹林",
    "森林",
    "山林",
    "河川",
    "原野",
    "高原",
    "草原",
    "平野部",
    "補助",
    "援助",
    "休日",
    "平日",
    "年末",
    "生花",
    "開花",
    "豪華",
    "中央",
    "上司",
    "部下",
    "同僚",
];

/// Everyday words and titles that are no one's name (質問, 担当, 会社).
pub(super) fn is_common_word(run: &str) -> bool {
    COMMON_WITH_NAME_FINAL.contains(&run) || is_title(run)
}

/// Whether a short kanji run looks like a name (see [`NAME_FINALS`]).
pub(super) fn name_shaped(run: &str) -> bool {
    let n = run.chars().count();
    (2..=4).contains(&n)
        && run.chars().all(crate::domain::masking::scan::is_kanji)
        && run
            .chars()
            .next_back()
            .is_some_and(|c| NAME_FINALS.contains(c))
        && !COMMON_WITH_NAME_FINAL.contains(&run)
        && !is_title(run)
        && !is_town(run)
}

/// The towns of Minato ward (and a few station names): a district named alone is not personal,
/// and IPADIC files several of them as surnames (芝浦, 三田, 白金).
pub(super) const MINATO_TOWNS: &[&str] = &[
    "赤坂",
    "元赤坂",
    "麻布",
    "麻布十番",
    "麻布台",
    "麻布永坂町",
    "麻布狸穴町",
    "元麻布",
    "西麻布",
    "東麻布",
    "南麻布",
    "六本木",
    "青山",
    "南青山",
    "北青山",
    "虎ノ門",
    "新橋",
    "西新橋",
    "東新橋",
    "芝",
    "芝公園",
    "芝大門",
    "芝浦",
    "海岸",
    "港南",
    "台場",
    "三田",
    "高輪",
    "白金",
    "白金台",
    "浜松町",
    "田町",
    "品川",
    "愛宕",
    "西久保",
    "神谷町",
    "汐留",
    "お台場",
    "港区",
];

/// Whether `run` is a town of the ward, or several side by side (芝浦港南), or ends like a place
/// (新宿区, 品川駅). Not 村: 木村 and 中村 are surnames.
pub(super) fn is_town(run: &str) -> bool {
    if run.is_empty() {
        return false;
    }
    MINATO_TOWNS.iter().any(|t| {
        run.strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || is_town(rest))
    }) || ["区", "市", "町", "都", "県", "駅", "地区", "周辺", "エリア"]
        .iter()
        .any(|w| run.chars().count() > w.chars().count() && run.ends_with(w))
}

/// Words that end the name of an office, a department or a business, not a person (区役所,
/// 事務局, 営業部, 商店).
pub(super) fn is_organisation(run: &str) -> bool {
    [
        "所", "局", "課", "室", "部", "会", "庁", "社", "店", "署", "庫", "院", "係", "センター",
        "一同", "窓口", "チーム", "グループ",
    ]
    .iter()
    .any(|w| run.ends_with(w))
}

/// Words that name a day or a step of a business, not a person (開業日, 申請日, 締切, 設立):
/// the date beside them is the business's, not a birthday.
pub(super) fn is_event_word(run: &str) -> bool {
    const ENDS: &[&str] = &[
        "日",
        "月",
        "年",
        "期限",
        "締切",
        "締め切り",
        "期日",
        "時点",
        "予定",
    ];
    const HOLDS: &[&str] = &[
        "開業", "設立", "創業", "申請", "登記", "届出", "提出", "締切", "契約", "更新", "入金",
        "支払", "納付", "決算", "受付", "交付", "予約", "開店", "移転",
    ];
    ENDS.iter().any(|w| run.ends_with(w)) || HOLDS.iter().any(|w| run.contains(w))
}

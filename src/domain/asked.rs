//! What a caller's question asks about a scheme: the ceiling, the rate, who may use it, the
//! years or age it requires, the deadline, how to apply, the documents, the contact and hours,
//! or whether it combines with another. Words, not a model, so every reading can be explained;
//! the chatbot answers these from the scheme's structured fields before anything else.
//! Must never guess: a question it cannot read yields nothing, and the bot answers as before.

use serde::Serialize;

use super::routing::reading;

/// One attribute a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asked {
    /// The ceiling, the amount, the lower limit, the premium (上限, いくら, 最大).
    Amount,
    /// The subsidy rate, the interest rate, the share borne (補助率, 何分の, 利率).
    Rate,
    /// Who may use it (対象, 個人事業主でも, 法人のみ, 支店でも).
    Eligibility,
    /// Years in business or age (何年, 創業前でも, 年齢).
    Years,
    /// The deadline or the round (いつまで, 締切, 募集, 次の回).
    Deadline,
    /// How and where to apply (申請方法, どこで, 手続き).
    HowToApply,
    /// The documents to prepare (書類, 何を準備).
    Documents,
    /// The contact, the desk and its hours (電話, 窓口, 受付時間, 何曜日).
    Contact,
    /// Whether it can be used with another scheme (併用, 両方).
    Combination,
    /// What using it costs the caller: a desk's or a seminar's fee (相談料, 参加費, 無料ですか).
    Fee,
    /// How many times it can be used: visits, sessions (何回, how many visits).
    Count,
    /// How long it runs: a loan's repayment period and grace, the years a support is paid
    /// (返済期間, 据置, how many years is it paid).
    Term,
}

impl Asked {
    pub const ALL: [Asked; 12] = [
        Asked::Amount,
        Asked::Rate,
        Asked::Eligibility,
        Asked::Years,
        Asked::Deadline,
        Asked::HowToApply,
        Asked::Documents,
        Asked::Contact,
        Asked::Combination,
        Asked::Fee,
        Asked::Count,
        Asked::Term,
    ];

    /// The code the evaluation sets use (`asks`).
    pub fn code(self) -> &'static str {
        match self {
            Asked::Amount => "amount",
            Asked::Rate => "rate",
            Asked::Eligibility => "eligibility",
            Asked::Years => "years",
            Asked::Deadline => "deadline",
            Asked::HowToApply => "how_to_apply",
            Asked::Documents => "documents",
            Asked::Contact => "contact",
            Asked::Combination => "combination",
            Asked::Fee => "fee",
            Asked::Count => "count",
            Asked::Term => "term",
        }
    }

    /// Whether `word` (a lemma of the question) is part of how this attribute is asked:
    /// "上限", "補助" of 補助率, "いつ" — a follow-up made of such words names no new scheme.
    pub fn mentions(self, word: &str) -> bool {
        self.words().iter().any(|w| w.contains(word))
            || (self == Asked::Amount && QUANTITY_ONLY.iter().any(|w| w.contains(word)))
    }

    /// The words that ask for this attribute, in normalised (NFKC, lower-case) text.
    fn words(self) -> &'static [&'static str] {
        match self {
            Asked::Amount => &[
                "いくら",
                "上限",
                "最大",
                "最高",
                "限度",
                "金額",
                "下限",
                "最低",
                "何円",
                "何万",
                "補助額",
                "助成額",
                "支給額",
                "掛金",
                "どのくらい",
                "どれくらい",
                "どれぐらい",
                "how much",
                "maximum",
                "ceiling",
                "max ",
                "minimum cost",
                "minimum amount",
                "minimum spend",
                "minimum purchase",
                "amount",
                "up to",
                "premium",
                "at most",
                "cap ",
                "cap?",
                "caps ",
                "じょうげん",
                "さいだい",
                "きんがく",
                "なんえん",
                "なんまんえん",
            ],
            Asked::Rate => &[
                "補助率",
                "助成率",
                "何分の",
                "何割",
                "利率",
                "金利",
                "料率",
                "負担率",
                "割合",
                "何%",
                "何パーセント",
                "税額控除",
                "控除率",
                "rate",
                "what share",
                "percentage",
                "percent",
                "fraction",
                "interest",
                "tax benefit",
                "how much of it",
                "how much of the cost",
                "ほじょりつ",
                "じょせいりつ",
                "りりつ",
                "きんり",
                "なんわり",
                "なんぶんの",
            ],
            Asked::Eligibility => &[
                "対象",
                "条件",
                "要件",
                "資格",
                "誰が",
                "だれが",
                "どんな人",
                "どんな会社",
                "どんな事業者",
                "個人事業主でも",
                "個人事業でも",
                "法人でも",
                "法人のみ",
                "法人だけ",
                "個人でも",
                "会社でも",
                "店でも",
                "支店",
                "本店",
                "区外",
                "都外",
                "フリーランス",
                "npo",
                "単独で",
                "一人でも",
                "1人でも",
                "ひとりでも",
                "eligible",
                "eligibility",
                "who can",
                "qualify",
                "requirement",
                "sole proprietor",
                "対象者",
                "該当",
                "who is eligible",
                "am i eligible",
                "freelance",
                "criteria",
                "who qualifies",
                "open to",
                "which employers",
                "which companies",
                "which businesses",
                "ないとダメ",
                "ないとだめ",
                "なきゃダメ",
                "なきゃだめ",
                "ないといけない",
                "なければいけない",
                "なければならない",
                "who is it for",
                "who's it for",
                "who it's for",
                "who it is for",
                "who is this for",
                "condition",
                "たいしょう",
                "じょうけん",
                "どんなひと",
                "どんなかいしゃ",
                "どんなみせ",
            ],
            Asked::Years => &[
                "何年",
                "何か月",
                "何ヶ月",
                "何カ月",
                "年数",
                "何歳",
                "年齢",
                "歳まで",
                "歳以下",
                "歳未満",
                "創業前",
                "開業前",
                "設立前",
                "起業前",
                "まだ開業",
                "まだ創業",
                "まだ会社",
                "これから開業",
                "これから創業",
                "これから起業",
                "開業して",
                "創業して",
                "設立して",
                "開業から",
                "創業から",
                "年目",
                "すぐ",
                "how many years",
                "how many months",
                "years",
                "how old",
                "age ",
                "before i open",
                "before opening",
                "before founding",
                "before starting",
                "before i start",
                "not yet",
                "業歴",
                "創業後",
                "開業後",
                "設立後",
                "how long",
                "years in business",
                "just started",
                "already started",
                "なんねん",
                "なんさい",
                "years ago",
                "months ago",
                "year ago",
                "まだかいしゃ",
                "まだみせ",
                "これからかいしゃ",
            ],
            Asked::Deadline => &[
                "いつまで",
                "いつから",
                "いつ",
                "締切",
                "締め切",
                "〆切",
                "期限",
                "募集",
                "公募",
                "受付期間",
                "申請期間",
                "次の回",
                "次回",
                "何月",
                "deadline",
                "until when",
                "by when",
                "when can",
                "when do",
                "when are",
                "when will",
                "when should",
                "when must",
                "when would",
                "when?",
                "due",
                "next round",
                "closing date",
                "日程",
                "時期",
                "スケジュール",
                "application period",
                "when does",
                "when is",
                "start date",
                "apply by",
                "application window",
                "しめきり",
                "何日",
                "なんにち",
                "何週間",
                "なんしゅうかん",
                "いつまでに",
            ],
            Asked::HowToApply => &[
                "download",
                "申請方法",
                "申込方法",
                "申し込み方",
                "申込み方",
                "申請の仕方",
                "申請のやり方",
                "手続き",
                "手続",
                "どうやって",
                "どうやったら",
                "どうすれば",
                "どうしたら",
                "どこで",
                "どこに申",
                "どこへ申",
                "流れ",
                "もらうには",
                "受けるには",
                "申請するには",
                "申し込むには",
                "使うには",
                "how do i apply",
                "how to apply",
                "how can i apply",
                "where do i apply",
                "where can i apply",
                "where do i submit",
                "where should i submit",
                "where to apply",
                "how do i get",
                "申請先",
                "申込先",
                "提出先",
                "申し込み方法",
                "どこに",
                "どこへ",
                "電子申請",
                "application method",
                "procedure",
                "steps to",
                "how can i get",
                "how to get",
                "submit an application",
                "submit the application",
                "how can i obtain",
                "how do i obtain",
                "where do i",
                "where can i",
                "何をすれば",
                "なにをすれば",
                "もうしこみかた",
                "もうしこむには",
                "てつづき",
                "郵送で",
                "郵送でも",
                "持参",
                "by mail",
                "by post",
                "send it by",
                "apply online",
                "ゆうそう",
                "how long does it take",
                "how long until",
                "how long will it take",
                "までどのくらいかか",
                "までどれくらいかか",
                "first step",
                "紙で",
                "かみで",
                "インターネットで",
                "ネットで申",
                "オンラインで",
                "what do i have to do",
                "what do i need to do",
                "what should i do",
                "what must i do",
                "on my behalf",
                "代行",
                "代理で",
                "代わりに申",
            ],
            Asked::Documents => &[
                "書類",
                "必要なもの",
                "持ち物",
                "添付",
                "提出物",
                "準備",
                "用意",
                "document",
                "paperwork",
                "papers",
                "what do i need",
                "何が必要",
                "need to submit",
                "should i prepare",
                "prepare",
                "しょるい",
                "様式",
                "申請書",
                "申込書",
                "何がいる",
                "なにがいる",
                "何がいりま",
                "なにがいりま",
                "何がひつよう",
                "なにがひつよう",
                "いるもの",
                "同封",
                "何を入れ",
                "なにをいれ",
                "一緒に入れ",
                "いっしょにいれ",
                "一緒に送",
                "いっしょにおく",
            ],
            Asked::Contact => &[
                "電話",
                "連絡先",
                "問い合わせ",
                "問合せ",
                "問い合せ",
                "窓口",
                "営業時間",
                "受付時間",
                "何時",
                "何曜",
                "曜日",
                "番号",
                "ダイヤル",
                "担当",
                "どこに聞",
                "相談先",
                "phone",
                "contact",
                "call ",
                "hours",
                "which days",
                "what days",
                "what time",
                "メール",
                "住所",
                "telephone",
                "email",
                "address",
                "opening hours",
                "office hours",
                "でんわ",
                "まどぐち",
                "最寄",
                "もよりの",
                "駅から",
                "えきから",
                "行き方",
                "場所はどこ",
                "ばしょはどこ",
                "どこにあり",
                "でんわばんごう",
                "といあわせ",
                "れんらくさき",
                "送り先",
                "送付先",
                "郵送先",
                "宛先",
                "どこに送",
                "どこへ送",
                "where do i send",
                "the number for",
                "where is the",
                "where's the",
                "nearest station",
                "closest station",
                "which station",
                "場所どこ",
                "どこにある",
                "where should i send",
                "where to send",
                "mailing address",
                "postal address",
                "おくりさき",
            ],
            Asked::Combination => &[
                "併用",
                "両方",
                "一緒に使",
                "一緒に申",
                "重ねて",
                "同時に",
                "組み合わせ",
                "どちらも",
                "combine ",
                "combine?",
                "combined with",
                "be combined",
                "combining",
                "both",
                "together",
                "at the same time",
                "alongside",
                "併せて",
                "use both",
                "along with",
                "in addition to",
                "いっしょに使",
                "いっしょにつか",
                "一緒につか",
                "いっしょに申",
                "いっしょにもうし",
                "りょうほう",
                "へいよう",
                "同じ経費",
                "同じ費用",
                "同じお金",
                "おなじおかね",
                "おなじけいひ",
                "same expense",
                "same cost",
                "重複",
                "二重",
            ],
            // Bare 無料 / 有料 are left out: "無料の相談窓口はありますか" looks for a desk.
            Asked::Fee => &[
                "参加費",
                "受講料",
                "相談料",
                "利用料",
                "派遣料",
                "料金",
                "無料ですか",
                "無料でしょうか",
                "無料なの",
                "無料?",
                "有料ですか",
                "有料でしょうか",
                "有料なの",
                "有料?",
                "費用はかかり",
                "費用がかかり",
                "費用かかり",
                "お金はかかり",
                "お金がかかり",
                "お金かかり",
                "おかねはかかり",
                "おかねがかかり",
                "おかねかかり",
                "むりょうですか",
                "むりょう?",
                "ゆうりょう",
                " fee",
                "free of charge",
                "is it free",
                "free?",
                "for free",
                "cost anything",
                "costs anything",
                "cost money",
                "any charge",
                "a charge",
                "charge for",
                "does it cost",
            ],
            Asked::Count => &[
                "何回",
                "なんかい",
                "回数",
                "how many times",
                "how many visits",
                "how many sessions",
                "how many consultations",
                "how often can",
            ],
            Asked::Term => &[
                "返済期間",
                "償還期間",
                "借入期間",
                "融資期間",
                "据置",
                "据え置",
                "返済は何年",
                "何年で返",
                "何年返済",
                "返済期限",
                "支給期間",
                "助成期間",
                "何年間",
                "へんさいきかん",
                "すえおき",
                "repayment period",
                "repayment term",
                "years to repay",
                "repay it over",
                "repay over",
                "grace period",
                "loan term",
                "for how many years",
                "how many years is it paid",
                "how many years will",
                "how long is it paid",
                "how long does the support last",
            ],
        }
    }
}

/// Words that only ask "how much of it": an amount, unless a rate or years is asked.
const QUANTITY_ONLY: &[&str] = &[
    "いくら",
    "どのくらい",
    "どれくらい",
    "どれぐらい",
    "how much",
];

/// A particular point a question asks beside its attributes, answered with the entry's own
/// sentence on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// The lowest cost or amount that counts ("設備はいくら以上なら使える?", "minimum cost").
    LowestCost,
    /// Whether someone comes to the business ("会社に来てくれますか", "visit our office").
    Visit,
}

impl Point {
    pub const ALL: [Point; 2] = [Point::LowestCost, Point::Visit];

    fn words(self) -> &'static [&'static str] {
        match self {
            Point::LowestCost => &[
                "いくら以上",
                "いくらいじょう",
                "何円以上",
                "なんえんいじょう",
                "いくらから",
                "最低いくら",
                "minimum cost",
                "minimum amount",
                "minimum spend",
                "minimum purchase",
                "how much at least",
                "at least how much",
            ],
            Point::Visit => &[
                "来てくれ",
                "来てもらえ",
                "きてくれ",
                "きてもらえ",
                "訪問",
                "ほうもん",
                "出張",
                "出向いて",
                "visit our",
                "visit my",
                "visit us",
                "come to our",
                "come to my",
                "come to us",
            ],
        }
    }

    /// Whether `text` (normalised) asks this point.
    pub fn asked_in(self, text: &str) -> bool {
        let text = reading(text);
        self.words().iter().any(|w| text.contains(w))
    }
}

/// Words that make "いつ" a question about a desk's days, not a deadline.
const SCHEDULE: &[&str] = &[
    "何曜",
    "曜日",
    "何時",
    "which days",
    "what days",
    "what time",
];

/// The attributes `text` (normalised: NFKC, lower case) asks about, in the order the question
/// names them. Empty when it asks none of them (a search, a request, a story).
pub fn asked(text: &str) -> Vec<Asked> {
    let kana_ok = kana_word_starts(text);
    let text = without_names(&first_person_singular(&format!(" {} ", reading(text))));
    let words_found = |t: &str| words_found(t, &kana_ok);
    let mut found = words_found(&text);
    // "返済は何年?", "for how many years is it paid": the term, not years in business.
    if found.iter().any(|(_, a)| *a == Asked::Term) {
        let mut rest = text.clone();
        for w in Asked::Term.words() {
            rest = rest.replace(w, " ");
        }
        if !words_found(&rest).iter().any(|(_, a)| *a == Asked::Years) {
            found.retain(|(_, a)| *a != Asked::Years);
        }
    }
    // "資本金いくら以下", "what's the maximum number of employees": a threshold of size, which
    // is who may use it.
    let size_limit = |part: &str| SIZE_LIMIT.iter().filter_map(|w| part.find(w)).min();
    if let Some(at) = [
        size_limit(&text),
        WHO_MAY_USE.iter().filter_map(|w| text.find(w)).min(),
    ]
    .into_iter()
    .flatten()
    .min()
        && !found.iter().any(|(_, a)| *a == Asked::Eligibility)
    {
        found.push((at, Asked::Eligibility));
    }
    // "どんな取り組みをしている会社が使える?": what kind of business may use it.
    if let Some(at) = text.find("どんな")
        && KIND_OF_BUSINESS
            .iter()
            .any(|w| text[at..].chars().take(14).collect::<String>().contains(w))
        && !found.iter().any(|(_, a)| *a == Asked::Eligibility)
    {
        found.push((at, Asked::Eligibility));
    }
    // "which certifications does it cover?": what it covers ("does it cover double glazing?"
    // asks about one item of cost, not who may apply).
    if let Some(at) = text.find(" cover")
        && ["what ", "which "].iter().any(|w| text[..at].contains(w))
        && !found.iter().any(|(_, a)| *a == Asked::Eligibility)
    {
        found.push((at, Asked::Eligibility));
    }
    // "how many expert visits": the count, whatever stands between.
    if let Some(at) = text.find("how many")
        && ["visits", "times", "sessions", "consultations"]
            .iter()
            .any(|w| text[at..].contains(w))
        && !found.iter().any(|(_, a)| *a == Asked::Count)
    {
        found.push((at, Asked::Count));
    }
    // "いくら" / "どのくらい" ask for an amount, unless they ask how much of a rate, of years
    // or of a fee ("金利はどのくらい", "開業してどのくらいまで", "how much does it cost").
    // Read sentence by sentence: "補助はいくらまでですか。何年営業が必要ですか" asks both.
    for (start, part) in sentences_in(&text) {
        if !found.iter().any(|(_, a)| *a == Asked::Amount)
            && !words_found(part)
                .iter()
                .any(|(_, a)| matches!(a, Asked::Amount | Asked::Rate | Asked::Years | Asked::Fee))
            && let Some(at) = QUANTITY_ONLY.iter().filter_map(|w| part.find(w)).min()
            // "届くまでどのくらい" asks how long, not how much.
            && !part[..at].trim_end().ends_with("まで")
            // "資本金いくら以下" asks a threshold of size, read above.
            && size_limit(part).is_none()
        {
            found.push((start + at, Asked::Amount));
        }
    }
    // "なんにちくらいかかりますか": how long the procedure takes, not a deadline.
    if ["何日", "なんにち", "何週間", "なんしゅうかん"]
        .iter()
        .any(|w| text.contains(w))
        && text.contains("かか")
        && !["いつまで", "締切", "締め切", "期限"]
            .iter()
            .any(|w| text.contains(w))
    {
        found.retain(|(_, a)| *a != Asked::Deadline);
        if !found.iter().any(|(_, a)| *a == Asked::HowToApply) {
            let at = text.find("かか").unwrap_or(0);
            found.push((at, Asked::HowToApply));
        }
    }
    // "何曜日・何時から" asks for the desk's days, not a deadline.
    if SCHEDULE.iter().any(|w| text.contains(w))
        && !["いつまで", "締切", "締め切", "期限", "deadline"]
            .iter()
            .any(|w| text.contains(w))
    {
        found.retain(|(_, a)| *a != Asked::Deadline);
    }
    // "〜でも申請できますか" / "can I … if …" asks whether a case is covered: who may apply,
    // when nothing more specific is asked.
    if found.is_empty() && asks_whether_covered(&text) {
        found.push((0, Asked::Eligibility));
    }
    // "更新でもいける？あと何年営業していればいい？": a sentence of its own asking whether a case
    // is covered, beside one asking something else.
    if !found.iter().any(|(_, a)| *a == Asked::Eligibility)
        && let Some((at, _)) = sentences_in(&text)
            .find(|(_, part)| words_found(part).is_empty() && asks_whether_covered(part))
    {
        found.push((at, Asked::Eligibility));
    }
    // "都の創業助成金をもらった会社でも、区の補助金は使えますか": having received one support,
    // whether another may still be used.
    if !found.iter().any(|(_, a)| *a == Asked::Combination)
        && let Some(at) = RECEIVED.iter().filter_map(|w| text.find(w)).min()
        && asks_whether_covered(&text)
    {
        found.push((at, Asked::Combination));
    }
    found.sort();
    found.into_iter().map(|(_, a)| a).collect()
}

/// The sentences of a question (each up to its "?", "。" or "!"), with where each starts.
fn sentences_in(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(['?', '。', '!'])
        .scan(0, |start, part| {
            let at = *start;
            *start += part.len();
            Some((at, part))
        })
}

/// Words that say the caller has already received a support.
const RECEIVED: &[&str] = &[
    "をもらった",
    "をもらいました",
    "をもらってい",
    "を受けた",
    "を受けました",
    "を受けてい",
    "already received",
    "already got",
    "i received",
    "i got ",
    "have received",
];

/// Each attribute whose words `text` holds, with where the first of them stands; a word
/// written in hiragana only where `kana_ok` allows it.
fn words_found(text: &str, kana_ok: &dyn Fn(&str) -> bool) -> Vec<(usize, Asked)> {
    let mut found: Vec<(usize, Asked)> = Vec::new();
    for a in Asked::ALL {
        let first = a
            .words()
            .iter()
            .filter(|w| !QUANTITY_ONLY.contains(w))
            .filter(|w| !w.chars().all(is_hiragana) || kana_ok(w))
            .filter_map(|w| find_word(text, w))
            .min();
        if let Some(at) = first {
            found.push((at, a));
        }
    }
    found
}

/// Where `word` first appears in `text`; a Latin word only where it starts a word of its own
/// ("rate" is not asked in "operated" or "corporate"), though it may run on ("rates").
fn find_word(text: &str, word: &str) -> Option<usize> {
    let latin_start = word.starts_with(|c: char| c.is_ascii_alphanumeric());
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        !latin_start
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

pub(crate) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

/// For a message written with spaces between its Japanese words (やさしい日本語), whether a
/// word in hiragana starts one of its words: "りょうほう" (both) is not asked in "いりょうほうじん"
/// (a medical corporation). Any word is allowed in text written without such spaces.
fn kana_word_starts(text: &str) -> impl Fn(&str) -> bool {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let spaced = chars
        .windows(3)
        .any(|w| !w[0].is_ascii() && w[1].is_whitespace() && !w[2].is_ascii());
    // The text without white space, and whether each of its characters starts a word.
    let mut joined = String::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut after_gap = true;
    for c in chars {
        if c.is_whitespace() || "、。,.?!「」()".contains(c) {
            after_gap = true;
            if !c.is_whitespace() {
                joined.push(c);
            }
            continue;
        }
        if after_gap {
            starts.push(joined.len());
        }
        after_gap = false;
        joined.push(c);
    }
    move |word: &str| {
        !spaced
            || joined
                .match_indices(word)
                .any(|(at, _)| starts.binary_search(&at).is_ok())
    }
}

/// Words that hold an asking word without asking it: "the maximum number of employees" asks a
/// size, not an amount; scheme names: "the interest subsidy" asks no rate, "the premium
/// subsidy" no amount, "the working-hours course" no opening hours.
const NAMES_WITH_ASKING_WORDS: &[(&str, &str)] = &[
    ("maximum number", "number"),
    ("minimum number", "number"),
    ("max number", "number"),
    ("maximum company size", "company size"),
    ("interest subsidy", "subsidy"),
    ("interest subsidies", "subsidies"),
    ("interest-rate subsidy", "subsidy"),
    ("interest rate subsidy", "subsidy"),
    ("premium subsidy", "subsidy"),
    ("working-hours", "working"),
    ("working hours", "working"),
    ("employees max", "employees"),
    ("staff max", "staff"),
    ("最低賃金", "賃金"),
    ("minimum wage", "wage"),
    ("air condition", "aircon"),
    ("air-condition", "aircon"),
    ("who can i call", "call "),
    ("who do i call", "call "),
    ("who should i call", "call "),
    ("who can i ask", "contact"),
];

/// `text` with those words read without the asking word.
fn without_names(text: &str) -> String {
    let mut text = text.to_string();
    for (name, kept) in NAMES_WITH_ASKING_WORDS {
        text = text.replace(name, kept);
    }
    text
}

/// Thresholds of size asked as such: how many employees, how much capital at most.
const SIZE_LIMIT: &[&str] = &[
    "いくら以下",
    "いくら未満",
    "何人",
    "なんにん",
    "従業員数",
    "社員数",
    "資本金",
    "number of employees",
    "number of staff",
    "how many employees",
    "how many staff",
    "how many people",
    "company size",
    "size limit",
    "how big",
    "how large",
    "employee limit",
    "staff limit",
    "headcount",
];

/// Other ways of asking who may use a scheme that name no attribute word: which industries,
/// what counts as a small business, what must be in place first.
const WHO_MAY_USE: &[&str] = &[
    "which industries",
    "what industries",
    "which sectors",
    "which certifications",
    "what kind of compan",
    "what kind of business",
    "what kinds of",
    "what type of compan",
    "what type of business",
    "prerequisite",
    "counts as",
    "count as",
    "definition of",
    "what is a small business",
    "what is an sme",
    "must already",
    "in place before",
    "be registered",
];

/// What "どんな…" names when it asks who may use a scheme.
const KIND_OF_BUSINESS: &[&str] = &[
    "会社",
    "企業",
    "事業者",
    "人が",
    "人なら",
    "店",
    "業種",
    "法人",
    "かいしゃ",
    "ひとが",
    "みせ",
];

/// Endings of a yes/no question about whether the caller's case is covered ("使えますか",
/// "対象になる？", "can I receive"), as opposed to a search for what exists ("使える補助金は
/// ありますか" ends otherwise).
const WHETHER_COVERED: &[&str] = &[
    "できますか",
    "できる?",
    "できる ",
    "できます?",
    "できませんか",
    "使えますか",
    "使える?",
    "使えます?",
    "もらえますか",
    "もらえる?",
    "受けられますか",
    "受けられる?",
    "申し込めますか",
    "申し込める?",
    "対象になりますか",
    "対象になる?",
    "対象ですか",
    "対象になりますでしょうか",
    "いける?",
    "いけますか",
    "いけます?",
    "大丈夫",
    "だいじょうぶ",
    "つかえますか",
    "つかえる?",
    "うけられますか",
    "もうしこめますか",
    "申請できる",
    "はいれますか",
    "入れますか",
    "be used for",
    "can i ",
    "can we ",
    "can a ",
    "can an ",
    "can my ",
    "can staff",
    "can employees",
    "am i allowed",
    "is it possible",
    "is it allowed",
    "does it cover",
    "is it covered",
    "are they covered",
];

/// Words that put a particular case to the rule ("〜でも", "同じ…で", "if", "already"): without
/// one, "使えますか" is a search for what exists, answered with an overview.
const CASE: &[&str] = &[
    "でも",
    "しても",
    "にも",
    "してても",
    "ていても",
    "であっても",
    "場合",
    "なら",
    "たら",
    "同じ",
    "別の",
    "前に",
    "後に",
    "すでに",
    "既に",
    "まだ",
    "まえに",
    "また",
    "もう一度",
    "もういちど",
    "再度",
    "again",
    "ていない",
    "ていません",
    "うちは",
    "うちの",
    "うちも",
    "わたしの",
    "私の",
    "弊社",
    "当社",
    "my company",
    "my shop",
    "my business",
    "my office",
    "my head office",
    "we're",
    "we are",
    "i run ",
    "i plan",
    "i'm a",
    "i am a",
    "if ",
    "even ",
    "only ",
    "without ",
    "already",
    "same ",
    "another ",
    "still ",
    "i'm ",
    "don't have",
    "do not have",
];

/// A question a business asks as "we" read as the cue words write it ("how do we apply" as
/// "how do i apply", "before we open" as "before i open").
fn first_person_singular(text: &str) -> String {
    text.replace(" we ", " i ")
        .replace(" our ", " my ")
        .replace(" us ", " me ")
}

/// Whether `text` (normalised, lower case) asks if a particular case is covered.
pub fn asks_whether_covered(text: &str) -> bool {
    let text = format!("{} ", reading(text));
    WHETHER_COVERED.iter().any(|w| text.contains(w))
        && (CASE.iter().any(|w| text.contains(w))
            || RECEIVED.iter().any(|w| text.contains(w))
            || states_a_headcount(&text))
}

/// Whether `text` gives a number of people ("400 employees", "従業員7人"): a case put to a
/// rule of size.
fn states_a_headcount(text: &str) -> bool {
    text.match_indices(|c: char| c.is_ascii_digit())
        .any(|(at, _)| {
            let after = text[at..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
            let after = after.trim_start();
            [
                "employees",
                "staff",
                "people",
                "workers",
                "人",
                "名",
                "にん",
                "めい",
            ]
            .iter()
            .any(|w| after.starts_with(w))
        })
}

/// Every Japanese word that asks for an attribute, for reading kana typed for it (じょうげん,
/// しょるい) as the word it sounds like.
pub fn vocabulary() -> impl Iterator<Item = &'static str> {
    Asked::ALL
        .iter()
        .flat_map(|a| a.words().iter().copied())
        .filter(|w| !w.is_ascii())
}

/// `text` (normalised) without the words that ask for an attribute: what is left names the
/// scheme ("区の創業補助金の補助率と上限" → "区の創業補助金のと"), so a search on it is not
/// pulled towards every scheme whose text says 補助率 and 上限. Latin-script words go only
/// as whole words ("rate", not the "rate" of "corporate").
pub fn without_asking_words(text: &str) -> String {
    let mut words: Vec<&str> = Asked::ALL
        .iter()
        .flat_map(|a| a.words().iter().copied())
        .chain(QUANTITY_ONLY.iter().copied())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut out = format!(" {} ", text.to_lowercase());
    for w in words {
        let w = w.trim();
        if w.is_ascii() {
            let padded = format!(" {w} ");
            while out.contains(&padded) {
                out = out.replace(&padded, " ");
            }
        } else {
            out = out.replace(w, " ");
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words a follow-up may use beside the attribute it asks ("それは", "上限は？", "what about"):
/// a message made of nothing else is about the scheme already under discussion.
pub const FOLLOW_UP_FILLER: &[&str] = &[
    "それ",
    "そちら",
    "こちら",
    "これ",
    "その",
    "この",
    "制度",
    "場合",
    "ちなみに",
    "じゃあ",
    "では",
    "あと",
    "また",
    "what about",
    "and ",
    "it",
    "that",
];

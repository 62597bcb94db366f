//! Personal names. Names have no shape: they are found by context (self-introductions,
//! honorifics, roles, labelled fields, signatures) together with what the dictionary says
//! about the words ([`super::WordClass`]).

mod casual;
mod contacts;
mod context;
mod english;
mod full;
mod introduction;
mod notes;
mod remarks;
mod scripts;
mod view;
mod words;

use crate::domain::masking::scan::{hiragana_prefix_len, hiragana_suffix_len};
use std::sync::OnceLock;

use regex::Regex;

use super::scan::{Claims, is_hiragana, is_kanji, is_kanji_str, is_katakana, re};
use super::{PiiKind, Word, WordClass};
use contacts::{
    account_holders, after_contact, katakana_name_lines, lone_line, signature, trailing_name,
};
use context::{
    after_role_of, before_contact, bracketed_after_name, bracketed_role, heard_from,
    kana_after_role, kana_given_after, kanji_given_after, person_like, readings_around_cues,
    relative_of, self_in_brackets, town_person, until_contact,
};
use english::english_names;
use full::{full_names, relations, repeated_names, widen_names};
use introduction::{COMMON_KANA, katakana_introduction, self_introduction};
pub(super) use notes::{beside_found, drop_namesakes};
use view::{NameView, Strength};
use words::{
    AFTER_NAME, LABELS, NOT_NAMES, ROLE_BEFORE, TRADES, is_organisation, is_title, is_town,
    name_shaped,
};

pub(super) fn names(text: &str, words: &[Word], claims: &mut Claims) {
    let view = NameView { text, words };
    full_names(&view, claims);
    casual::spaced_kana_given(&view, claims);
    casual::casual_opening(&view, claims);

    // Strong: 「…と申します」「…といいます」, labelled fields.
    // 「…という人」「…と名乗る」 speak of someone by name as well.
    for (cue, strength) in [
        ("と申します", Strength::Certain),
        ("と申す", Strength::Certain),
        ("と言います", Strength::Certain),
        ("といいます", Strength::Certain),
        ("と申し", Strength::Certain),
        ("ともうします", Strength::Certain),
        ("と もうします", Strength::Certain),
        ("という人", Strength::Strong),
        ("という方", Strength::Strong),
        ("という者", Strength::Strong),
        ("と名乗", Strength::Strong),
        // Spoken: 大槻っていいます.
        ("っていいます", Strength::Certain),
        ("って言います", Strength::Certain),
        ("って申します", Strength::Certain),
        // 亮介っていうんだけど, アレックスって子が: someone spoken of by name.
        ("っていう", Strength::Strong),
        ("って子", Strength::Strong),
        ("って人", Strength::Strong),
        ("という子", Strength::Strong),
    ] {
        for (at, _) in text.match_indices(cue) {
            if let Some((s, e)) = view.run_before(at)
                && !is_company(text, s, e)
                && let Some((s, e)) = view.accept(s, e, strength)
            {
                claims.claim(s, e, PiiKind::Name);
            } else if strength == Strength::Certain
                && let Some((s, e)) = kana_before(text, at)
            {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    for label in LABELS {
        for (at, _) in text.match_indices(label) {
            let mut from = at + label.len();
            // 代理人(行政書士):吉川 航: what the label is, in brackets before its colon.
            if let Some(inner) = text[from..].strip_prefix('(')
                && let Some(i) = inner.find("):")
                && inner[..i].chars().count() <= 10
            {
                from += 1 + i + 1;
            }
            let rest = &text[from..];
            let sep = rest
                .char_indices()
                .take_while(|&(_, c)| {
                    matches!(
                        c,
                        ':' | ' ' | 'は' | '=' | '：' | '「' | '(' | '?' | 'の' | 'が' | '_'
                    )
                })
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            let spelled = rest.starts_with(|c: char| is_katakana(c) || c.is_ascii_uppercase());
            // 氏名鷲尾 直人: a field run on without a colon, when the dictionary knows a name in
            // what follows.
            let run_on = view
                .run_after(from)
                .is_some_and(|(s, e)| view.has_person_word(s, e) && view.ends_cleanly(e));
            // 旧姓の上田, 名前? 村上: only a caller's own name goes on after の or ?.
            if (rest[..sep].contains('の') && !matches!(*label, "旧姓" | "本名" | "苗字" | "名字"))
                || (rest[..sep].contains(['?', 'が']) && !matches!(*label, "名前" | "お名前"))
                || (*label == "姓" && !rest[..sep].contains('は'))
            {
                continue;
            }
            // お客様: is a field of a call memo only with its colon.
            let colon_label = label.ends_with(':');
            if sep == 0
                && !colon_label
                && !(is_kanji_str(label) && (view.starts_name(from) || spelled || run_on))
            {
                continue;
            }
            // 「氏名：」 is a form field; 「名前は」 may go on about anything (名前は新規開業…).
            // 私の名前は金城です: the writer's own name, whatever the dictionary makes of it.
            let own = ["私の", "わたしの", "僕の", "わたくしの"]
                .iter()
                .any(|w| text[..at].ends_with(w));
            // 相談者：寿司店の店主, 申請者: 個人事業主: a role's field may hold what the person
            // is rather than who; its colon alone does not make any word a name.
            let role_field = matches!(
                *label,
                "申込者" | "申請者" | "契約者" | "連絡者" | "相談者" | "依頼者" | "代理人"
            );
            let strength = if own
                || (rest[..sep].contains([':', '=']) && !role_field)
                || !matches!(
                    *label,
                    "名前"
                        | "お名前"
                        | "申込者"
                        | "申請者"
                        | "契約者"
                        | "連絡者"
                        | "相談者"
                        | "相談者情報"
                        | "依頼者"
                        | "代理人"
                        | "表札"
                        | "宛名"
                        | "本名"
                        | "苗字"
                        | "名字"
                        | "旧姓"
                        | "姓"
                        | "下の名前"
                ) {
                Strength::Certain
            } else {
                Strength::Strong
            };
            // 旧姓の上田で仕事: a caller's own name may go on with で.
            let own_label = matches!(*label, "旧姓" | "本名" | "苗字" | "名字" | "姓");
            let field = rest[..sep].contains(':') || rest[..sep].ends_with('「') || colon_label;
            from += sep;
            if let Some((s, e)) = view.run_after(from).filter(|&(_, e)| {
                view.ends_cleanly(e) || (own_label && text[e..].starts_with('で'))
            }) && let Some((s, e)) = view
                .accept(s, e, strength)
                .or_else(|| person_like(&view, s, e).filter(|_| sep > 0))
            {
                claims.claim(s, e, PiiKind::Name);
            } else if (sep > 0 || colon_label)
                && let Some((s, e)) = kana_name_after(text, from)
            {
                claims.claim(s, e, PiiKind::Name);
            } else if let Some((s, e)) = field_value(text, from).filter(|&(s, e)| {
                // 名前は森 さくら、: a value in two short parts is a full name.
                let two_parts = text[s..e].split(' ').count() == 2
                    && text[s..e]
                        .split(' ')
                        .all(|p| (1..=4).contains(&p.chars().count()));
                field || (two_parts && strength >= Strength::Strong)
            }) {
                // 氏名:平和 光, 名前が「平和」: what fills a form field is a name, whatever
                // the dictionary makes of its words.
                claims.claim(s, e, PiiKind::Name);
            } else if own
                && let Some((s, e)) = view.run_after(from)
                && is_kanji_str(&text[s..e])
                && (1..=4).contains(&text[s..e].chars().count())
                && !is_title(&text[s..e])
                && text[e..].starts_with("です")
            {
                // 私の名前は平和です: the writer's own name, though it is a word.
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    // Medium: an honorific or a role after, a role or self-introduction before.
    for after in AFTER_NAME {
        for (at, _) in text.match_indices(after) {
            // 氏名, 様式, 様々 are not honorifics.
            let next = text[at + after.len()..].chars().next();
            if (*after == "氏" && next == Some('名'))
                || (*after == "様" && next.is_some_and(|c| "式々子相".contains(c)))
                || (*after == "ちゃん" && next == Some('と'))
            {
                continue;
            }
            let honorific = HONORIFICS.contains(after);
            // 桑原 様: an honorific may stand one space apart.
            let at = if honorific && text[..at].ends_with(' ') {
                at - 1
            } else {
                at
            };
            if let Some((s, e)) = view.run_before(at) {
                if NOT_NAMES.contains(&&text[s..e]) {
                    continue;
                }
                if let Some((s, e)) = view.accept(s, e, Strength::Medium) {
                    claims.claim(s, e, PiiKind::Name);
                } else if honorific && (place_surname(&view, s, e) || name_shaped(&text[s..e])) {
                    // 松本先生, 千葉さん, 白鳥先生: IPADIC files many surnames as places or
                    // as ordinary words.
                    claims.claim(s, e, PiiKind::Name);
                }
            }
        }
    }
    for role in ROLE_BEFORE
        .iter()
        .chain(["私は", "わたしは", "私、", "僕は", "こちらは", "当方は"].iter())
    {
        for (at, _) in text.match_indices(role) {
            let mut from = at + role.len();
            let rest = &text[from..];
            let sep = rest
                .char_indices()
                .take_while(|&(_, c)| matches!(c, ':' | ' ' | 'の' | 'は' | '、' | '=' | '・'))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            from += sep;
            // A role heading a line of a signature block (代表取締役 山田太郎) labels it, and so
            // does a colon (担当:西脇).
            // 経理担当 生田: a department may stand before the role at the head of the line.
            let line_head = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
            let department = is_kanji_str(line_head) && line_head.chars().count() <= 4;
            let heading = department && rest[..sep].contains(' ');
            let labelled = rest[..sep].contains([':', '=', '・']);
            if let Some((s, e)) = view.run_after(from) {
                // 代表赤松です, オーナー森永さくらです, 代表は松田 英樹です: the role and an
                // introduction around it.
                let given_end = kana_given_after(&view, e).or_else(|| kanji_given_after(&view, e));
                let introduced = view.followed_by_desu(given_end.unwrap_or(e));
                let strength = if heading || labelled {
                    Strength::Strong
                } else if role.ends_with(['は', '、']) && introduced {
                    Strength::Medium
                } else {
                    Strength::Weak
                };
                // 代わりに私、山下が: the writer names themself.
                let own = *role == "私、" && text[e..].starts_with(['が', 'は']);
                // 社長尾崎が, チーフ富田が: a role written on to a name shaped like one.
                let attached = (sep == 0 || &rest[..sep] == " ")
                    && (text[e..].starts_with(['が', 'に', 'は', 'と'])
                        || text[e..].starts_with("より"))
                    && name_shaped(&text[s..e])
                    && !role.ends_with(['は', '、']);
                let shaped = heading || labelled || introduced || own || attached;
                if let Some((a, b)) = view
                    .accept(s, e, strength)
                    .or_else(|| shaped.then(|| person_like(&view, s, e)).flatten())
                {
                    let b = if b == e && introduced {
                        given_end.unwrap_or(b)
                    } else {
                        b
                    };
                    claims.claim(a, b, PiiKind::Name);
                }
            }
        }
    }
    // Weak: 「…です」 where the dictionary knows the name; stronger at the opening of a
    // message (森です。, 前田 です, グエン・ヴァン・ミンです) and for Latin names (Priyaです).
    for cue in ["です", "でございます"] {
        for (at, _) in text.match_indices(cue) {
            if cue == "です" && text[at..].starts_with("ですか") {
                continue;
            }
            let at = text[..at].trim_end_matches(' ').len();
            for (s, e) in self_introduction(&view, at) {
                claims.claim(s, e, PiiKind::Name);
            }
        }
    }
    if let Some((s, e)) = katakana_introduction(text) {
        claims.claim(s, e, PiiKind::Name);
    }
    // A surname followed by a given name needs no context.
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = &text[a.end..b.start];
        // Not 森ビル (IPADIC: 森 a surname, ビル "Bill") nor two towns.
        let spelled_alike = text[a.start..a.end].chars().all(is_katakana)
            == text[b.start..b.end].chars().all(is_katakana);
        if a.class == WordClass::Surname
            && b.class == WordClass::GivenName
            && (gap.is_empty() || gap == " ")
            && spelled_alike
            && !is_town(&text[a.start..b.end])
        {
            claims.claim(a.start, b.end, PiiKind::Name);
        }
    }
    relations(&view, claims);
    casual::relation_in_brackets(&view, claims);
    casual::kana_message_names(text, claims);
    casual::kana_names_counted(&view, claims);
    casual::single_kanji_after_deed(&view, claims);
    casual::kana_before_bracketed_role(text, claims);
    after_role_of(&view, claims);
    for (at, _) in text.match_indices("名義") {
        let at = text[..at].trim_end_matches(' ').len();
        // Whose name, not what is in it (口座名義, カード名義, 法人名義).
        let owned = [
            "口座",
            "カード",
            "法人",
            "会社",
            "個人",
            "本人",
            "自分",
            "店",
            "家族",
        ];
        if let Some((s, e)) = view.run_before(at)
            && !is_title(&text[s..e])
            && !owned.iter().any(|w| text[s..e].ends_with(w))
            && !AFTER_NAME.iter().any(|w| text[s..e].ends_with(w))
            && let Some((s, e)) = view.accept(s, e, Strength::Certain)
        {
            claims.claim(s, e, PiiKind::Name);
        }
    }
    company_person(&view, claims);
    relative_of(&view, claims);
    town_person(&view, claims);
    bracketed_role(&view, claims);
    kana_before_honorific(text, claims);
    casual::single_kanji_before_honorific(&view, claims);
    self_in_brackets(&view, claims);
    bracketed_after_name(&view, claims);
    before_contact(&view, claims);
    until_contact(&view, claims);
    signed_with_yori(&view, claims);
    readings_around_cues(&view, claims);
    heard_from(&view, claims);
    kana_after_role(&view, claims);
    lone_line(&view, claims);
    katakana_name_lines(&view, claims);
    english_names(text, claims);
    scripts::names_in_english(&view, claims);
    scripts::hangul_names(text, claims);
    scripts::chinese_self_introduction(&view, claims);
    scripts::katakana_name_sentences(&view, claims);
    notes::katakana_notes(text, claims);
    notes::dotted_katakana_names(&view, claims);
    signature(&view, claims);
    remarks::script_asides(&view, claims);
    remarks::sealed_signatures(&view, claims);
    remarks::handed_over(&view, claims);
    remarks::phone_owners(&view, claims);
    after_contact(&view, claims);
    account_holders(&view, claims);
    trailing_name(&view, claims);
    readings(text, claims);
    casual::bracketed_other_script(&view, claims);
    casual::before_bracketed_name(text, claims);
    widen_names(&view, claims);
    repeated_names(text, claims);
    casual::repeated_short_names(text, claims);
    casual::corrected_names(text, claims);
    casual::repeated_short_names(text, claims);
    repeated_names(text, claims);
    drop_businesses(text, claims);
    drop_descriptions(text, claims);
    claims.merge_adjacent_names(text);
}

/// What stands where a name could but describes someone without naming them: 入れた者です,
/// 取引先の件です (a word of one kanji that only points), 名前:名乗らず, お名前:(未入力),
/// 名義:法人名義, 同行者:通訳(ベトナム語), 依頼人:ナイジェリア国籍の経営者.
fn drop_descriptions(text: &str, claims: &mut Claims) {
    const POINTERS: &[&str] = &["者", "件", "方", "事", "物", "旨", "点", "際", "為", "分"];
    const DESCRIBES: &[&str] = &[
        "名乗",
        "未入力",
        "未記入",
        "記入なし",
        "不明",
        "匿名",
        "参照",
        "国籍",
        "女性",
        "男性",
        "法人",
        "経営者",
        "出身",
    ];
    let describes = |name: &str| {
        POINTERS.contains(&name)
            || DESCRIBES.iter().any(|w| name.contains(w))
            // ベトナム語, 英語: a language, not a person.
            || (name.ends_with('語')
                && name.chars().count() >= 2
                && name.chars().rev().nth(1).is_some_and(is_katakana))
    };
    claims.0.retain(|&(s, e, kind)| {
        kind != PiiKind::Name
            || !(describes(&text[s..e]) || common_english(&text[s..e], &text[e..]))
    });
}

/// Dear Officer, Message from…, Attention: General Affairs, I'm Indian, Shinbashi 5-chome: Latin
/// words that greet, label, say where someone is from or name a town, not a person.
fn common_english(name: &str, after: &str) -> bool {
    const COMMON: &[&str] = &[
        // Greetings, labels and roles.
        "sir",
        "sirs",
        "madam",
        "officer",
        "officers",
        "team",
        "staff",
        "desk",
        "ward",
        "message",
        "note",
        "memo",
        "thx",
        "thanks",
        "general",
        "affairs",
        "department",
        "manager",
        "owner",
        "accountant",
        "applicant",
        "customer",
        "client",
        "caller",
        "visitor",
        "operator",
        "support",
        "admin",
        "everyone",
        "all",
        "colleagues",
        "friends",
        "section",
        "division",
        "office",
        "reception",
        "front",
        "counter",
        "person",
        "charge",
        // Where someone is from.
        "indian",
        "chinese",
        "japanese",
        "korean",
        "nepali",
        "nepalese",
        "vietnamese",
        "filipino",
        "filipina",
        "thai",
        "american",
        "british",
        "french",
        "german",
        "italian",
        "spanish",
        "brazilian",
        "russian",
        "ukrainian",
        "nigerian",
        "ghanaian",
        "bangladeshi",
        "pakistani",
        "indonesian",
        "malaysian",
        "mongolian",
        "taiwanese",
        "australian",
        "canadian",
        "mexican",
        "peruvian",
        "turkish",
        "iranian",
        "egyptian",
        "african",
        "asian",
        "european",
        // Towns of the ward and of Tokyo that are not also common surnames.
        "minato",
        "minato-ku",
        "tokyo",
        "japan",
        "roppongi",
        "shinbashi",
        "shimbashi",
        "toranomon",
        "hamamatsucho",
        "tamachi",
        "daimon",
        "shibaura",
        "shirokane",
        "shirokanedai",
        "azabu-juban",
        "azabujuban",
        "odaiba",
        "daiba",
        "konan",
        "ginza",
        "shibuya",
        "shinjuku",
        "chiyoda",
        "marunouchi",
        "shinagawa",
    ];
    let latin = |c: char| c.is_ascii_alphabetic() || " '-.&,".contains(c);
    if name.is_empty() || !name.chars().all(latin) {
        return false;
    }
    // Shinbashi 5-chome, Mita 3-chome: a town before its block.
    let town = after
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("chome"));
    town || name
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .all(|w| COMMON.contains(&w.trim_matches(['.', '\'', '&']).to_lowercase().as_str()))
}

/// 荒井青果, 芦田不動産です: a surname before a trade names the business, unless the message
/// also names the person (高木です(株式会社高木商店)), whose name then goes wherever it stands,
/// their surname included.
fn drop_businesses(text: &str, claims: &mut Claims) {
    let business = |s: usize, e: usize| {
        TRADES
            .iter()
            .any(|t| text[e..].starts_with(t) || text[s..e].ends_with(t))
            || english_business(&text[s..e], &text[e..])
    };
    let people: Vec<&str> = claims
        .0
        .iter()
        .filter(|&&(s, e, kind)| kind == PiiKind::Name && !business(s, e))
        .map(|&(s, e, _)| &text[s..e])
        .collect();
    let dropped: Vec<(usize, usize)> = claims
        .0
        .iter()
        .filter(|&&(s, e, kind)| {
            let name = &text[s..e];
            // Lindqvist Design KK after Sven Lindqvist: the person's surname stays masked.
            let a_persons = people
                .iter()
                .any(|p| *p == name || name_words(p).any(|w| name_words(name).any(|x| x == w)));
            kind == PiiKind::Name && business(s, e) && !a_persons
        })
        .map(|&(s, e, _)| (s, e))
        .collect();
    claims
        .0
        .retain(|&(s, e, kind)| kind != PiiKind::Name || !dropped.contains(&(s, e)));
}

/// A Latin letter, with the accents of European and Vietnamese names (é, ñ, ư, ạ).
pub(super) fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The words of a name of two or more characters each.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split([' ', '・']).filter(|w| w.chars().count() >= 2)
}

/// Sunny Kitchen, Grace Nail, McCarthy's Bar, Atelier Dubois, [Ramirez] Trading GK: a Latin
/// name whose last word, the word after it, or (for a few French and Italian shop words) whose
/// first word says what kind of business it is, names the business.
fn english_business(name: &str, after: &str) -> bool {
    const TAILS: &[&str] = &[
        "kitchen",
        "cafe",
        "café",
        "bar",
        "deli",
        "bakery",
        "florist",
        "flowers",
        "works",
        "trading",
        "inc",
        "co",
        "corp",
        "ltd",
        "llc",
        "gk",
        "kk",
        "k.k",
        "office",
        "offices",
        "circle",
        "shop",
        "store",
        "salon",
        "studio",
        "house",
        "grill",
        "lab",
        "labs",
        "restaurant",
        "nail",
        "nails",
        "surf",
        "foods",
        "food",
        "catering",
        "consulting",
        "design",
        "solutions",
        "group",
        "partners",
        "holdings",
        "japan",
        "academy",
        "school",
        "clinic",
        "dental",
        "beauty",
        "hair",
        "spa",
        "garden",
        "farm",
        "market",
        "tea",
        "coffee",
        "bistro",
        "diner",
        "pizza",
        "sushi",
        "ramen",
        "shawarma",
        "curry",
        "spice",
        "imports",
        "export",
        "exports",
        "travel",
        "tours",
        "media",
        "press",
        "signs",
        "gallery",
        "business",
        "bookkeeping",
        "accounting",
    ];
    const HEADS: &[&str] = &[
        "atelier",
        "boulangerie",
        "maison",
        "trattoria",
        "osteria",
        "chez",
    ];
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .trim_end_matches('.')
            .to_lowercase()
    };
    let latin = |c: char| is_latin_letter(c) || c.is_ascii_digit() || " '-.&".contains(c);
    let forms = ["合同会社", "株式会社", "有限会社", "(株)", "(有)"];
    // 申請者: Blue Harbor Design 合同会社, taken whole.
    if let Some(f) = forms
        .iter()
        .find(|f| name.ends_with(*f) || name.starts_with(*f))
    {
        let rest = name.trim_start_matches(f).trim_end_matches(f).trim();
        return !rest.is_empty() && rest.chars().all(latin);
    }
    if name.is_empty() || !name.chars().all(latin) {
        return false;
    }
    let last = name.split_whitespace().last().map(bare);
    let first = name.split_whitespace().next().map(bare);
    // The words right after it on its line, up to the first that is not a plain word:
    // Cho & Partners, Lagos Business Circle, Kumar Masala K.K.
    let mut following: Vec<String> = Vec::new();
    for w in after
        .strip_prefix(' ')
        .map_or("", |a| a.lines().next().unwrap_or(""))
        .split_whitespace()
        .take(3)
    {
        let core = w.trim_end_matches([')', ',', ';', ':', '!', '?']);
        if !core
            .chars()
            .all(|c| is_latin_letter(c) || "&.'-".contains(c))
        {
            break;
        }
        following.push(bare(core));
        if core.len() < w.len() {
            break;
        }
    }
    let words_after: Vec<&str> = following
        .iter()
        .map(String::as_str)
        .skip_while(|w| matches!(*w, "" | "and"))
        .collect();
    let next = words_after.first();
    const FORMS: &[&str] = &["inc", "co", "corp", "ltd", "llc", "gk", "kk", "k.k"];
    let form_follows = words_after.iter().take(2).any(|w| FORMS.contains(w));
    // Rose Garden Florist 合同会社: a Japanese company form after it.
    let company_form = forms.iter().any(|f| after.trim_start().starts_with(f));
    company_form
        || form_follows
        || last.is_some_and(|w| TAILS.contains(&w.as_str()))
        || next.is_some_and(|w| TAILS.contains(w))
        || first.is_some_and(|w| HEADS.contains(&w.as_str()))
}

/// Honorifics proper: only a person takes them (宛: whom a letter is addressed to).
const HONORIFICS: &[&str] = &[
    "さん",
    "様",
    "さま",
    "殿",
    "先生",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "宛",
];

/// A name in hiragana before an honorific at the opening of a sentence: さとうさんに聞きました,
/// 。たなかさんから. Three kana at least, and not the kana words that take an honorific or
/// end in さん (みなさん, おかあさん, たくさん, ふどうさん).
fn kana_before_honorific(text: &str, claims: &mut Claims) {
    const NOT: &[&str] = &[
        "みな",
        "おかあ",
        "おとう",
        "おばあ",
        "おじい",
        "おにい",
        "おねえ",
        "おきゃく",
        "おいしゃ",
        "だいく",
        "やおや",
        "はなや",
        "ほんや",
        "さかなや",
        "おまわり",
        "となり",
        "おとなり",
        "ごしゅじん",
        "だんな",
        "むすこ",
        "むすめ",
        "あかちゃ",
        "ぼっちゃ",
        "おじょう",
        "おつか",
        "ごくろう",
        "ありがとう",
        "すみま",
        "たく",
        "ふどう",
        "しゅっ",
        "たいさん",
        "おおぜい",
        "いっぱい",
        "おく",
        "おじ",
        "おば",
        "みん",
        "おこ",
        "おっ",
    ];
    for honorific in ["さん", "さま", "ちゃん", "くん"] {
        for (at, _) in text.match_indices(honorific) {
            let len: usize = hiragana_suffix_len(&text[..at]);
            let s = at - len;
            let run = &text[s..at];
            let set_apart = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| " 。!?\n(「".contains(c));
            if (3..=5).contains(&run.chars().count())
                && set_apart
                && !NOT.iter().any(|w| run == *w || run.starts_with(w))
            {
                claims.claim(s, at, PiiKind::Name);
            }
        }
    }
}

/// より closing a message or a line is its signature: 大塚より, ケン より.
fn signed_with_yori(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    for (at, _) in text.match_indices("より") {
        // 秋山より:明日伺えなくなりました: a message headed by its sender.
        let headed = text[at + "より".len()..].starts_with(':');
        let rest = text[at + "より".len()..].trim_start_matches([' ', '。', '.', '!', '!']);
        if !(rest.is_empty() || rest.starts_with('\n') || headed) {
            continue;
        }
        let end = text[..at].trim_end_matches(' ').len();
        // 畑より, たろうより on a line of its own closing the message: whatever word signs it.
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        if rest.is_empty() && line_start > 0 && signs_alone(&text[line_start..end]) {
            claims.claim(line_start, end, PiiKind::Name);
            continue;
        }
        let Some((s, e)) = view.run_before(end) else {
            continue;
        };
        let head = text[..s].trim_end_matches(' ');
        let set_apart = head.is_empty() || head.ends_with(['\n', '。', '!', '?', '、', ',', '.']);
        if set_apart
            && !is_organisation(&text[s..e])
            && let Some((a, b)) = view
                .accept(s, e, Strength::Medium)
                .or_else(|| contacts::signed(view, s, e))
        {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A word that signs a message on a line of its own (畑より, ―渚): one to four kanji or two to
/// six hiragana that are not an office, a title, a town or a closing word (以上).
fn signs_alone(line: &str) -> bool {
    let n = line.chars().count();
    let kanji = is_kanji_str(line) && (1..=4).contains(&n);
    let kana = line.chars().all(is_hiragana) && (2..=6).contains(&n);
    (kanji || kana)
        && !is_organisation(line)
        && !is_title(line)
        && !is_town(line)
        && ![
            "以上",
            "敬具",
            "草々",
            "拝",
            "取り急ぎ",
            "まずは",
            "本日",
            "明日",
        ]
        .contains(&line)
}

/// Two or three kanji the dictionary reads as one place (松本, 千葉): a surname before an
/// honorific.
fn place_surname(view: &NameView<'_>, s: usize, e: usize) -> bool {
    let run = &view.text[s..e];
    is_kanji_str(run)
        && (2..=3).contains(&run.chars().count())
        && view
            .words
            .iter()
            .any(|w| w.start == s && w.end == e && w.class == WordClass::Place)
}

/// Whether the run [s, e) is, or follows, a company's legal form (株式会社ミナトと申します).
fn is_company(text: &str, s: usize, e: usize) -> bool {
    const FORMS: &[&str] = &[
        "株式会社",
        "有限会社",
        "合同会社",
        "(株)",
        "(有)",
        "一般社団法人",
    ];
    FORMS
        .iter()
        .any(|f| text[s..e].contains(f) || text[..s].trim_end().ends_with(f))
}

/// The value of a form field (氏名:平和 光, 名前が「平和」): up to twelve characters of kanji,
/// kana and spaces that run to the end of the field.
fn field_value(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let end = rest
        .find(['\n', '/', '、', ',', '(', '」', '。', '!', '?', '_'])
        .unwrap_or(rest.len());
    let value = rest[..end].trim_end_matches(' ');
    let n = value.chars().count();
    let letters = value
        .chars()
        .all(|c| is_kanji(c) || is_katakana(c) || is_hiragana(c) || c == ' ' || c == '・');
    let spelled = value.chars().any(|c| is_kanji(c) || is_katakana(c));
    ((1..=12).contains(&n) && letters && spelled && !is_title(value))
        .then_some((from, from + value.len()))
}

/// A name in hiragana after a label (相談者 やまだ はなこ/…): up to two words of kana that end
/// where the field ends.
fn kana_name_after(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut end = from;
    for part in 0..2 {
        let at = if part == 0 {
            from
        } else if let Some(r) = text[end..].strip_prefix(' ') {
            end + (text[end..].len() - r.len())
        } else {
            break;
        };
        if part == 1
            && ["です", "でし", "さん", "さま", "と"]
                .iter()
                .any(|w| text[at..].starts_with(w))
        {
            break;
        }
        let taken: usize = hiragana_prefix_len(&text[at..]);
        let n = text[at..at + taken].chars().count();
        if !(1..=8).contains(&n) || (part == 0 && n < 2) {
            break;
        }
        end = at + taken;
    }
    let next = text[end..].chars().next();
    let closed = next.is_none_or(|c| "/、,\n( 」。)".contains(c));
    (end > from && closed).then_some((from, end))
}

/// A name in hiragana before と申します at the opening of a phrase: もりした といいます.
fn kana_before(text: &str, at: usize) -> Option<(usize, usize)> {
    let end = text[..at].trim_end_matches(' ').len();
    let mut s = end;
    // Up to two words (すぎやま ちひろ).
    for part in 0..2 {
        let to = if part == 0 {
            s
        } else if text[..s].ends_with(' ') {
            s - 1
        } else {
            break;
        };
        let len: usize = hiragana_suffix_len(&text[..to]);
        let word = &text[to - len..to];
        if !(2..=6).contains(&word.chars().count()) || COMMON_KANA.contains(&word) {
            break;
        }
        s = to - len;
    }
    let opening = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| "。、!? \n".contains(c));
    (s < end && opening).then_some((s, end))
}

/// 「株式会社ミナトの林です」: the person a company introduces, however short the name.
fn company_person(view: &NameView<'_>, claims: &mut Claims) {
    static STAFF: OnceLock<Regex> = OnceLock::new();
    let staff = STAFF.get_or_init(|| {
        re(
            r"(?:株式会社|有限会社|合同会社|\(株\))[^ 。、\n]{0,20}?の([一-龯々]{1,3}|[ァ-ヶー]{2,8})(?:です|でございます|と申します)",
        )
    });
    for c in staff.captures_iter(view.text) {
        let m = c.get(1).expect("group");
        let common =
            view.words.iter().any(|w| {
                w.start == m.start() && w.end == m.end() && w.class == WordClass::CommonNoun
            }) && m.as_str().chars().count() >= 2;
        // 株式会社光和の総務課です, …の者です: a department or the writer unnamed.
        let office = is_organisation(m.as_str()) || m.as_str() == "者";
        if !is_title(m.as_str()) && !common && !office {
            claims.claim(m.start(), m.end(), PiiKind::Name);
        }
    }
}

/// The reading in brackets after a name is the same name: 山田太郎(やまだ たろう), 北川(キタガワ).
fn readings(text: &str, claims: &mut Claims) {
    // A reading in two words (うえだ ひろと) says that the kanji before it are a full name.
    for (open, _) in text.match_indices('(') {
        let inner = &text[open + 1..];
        let Some(close) = inner.find(')') else {
            continue;
        };
        let reading = inner[..close].trim();
        let kana = |w: &str| {
            (1..=6).contains(&w.chars().count())
                && w.chars().all(|c| is_hiragana(c) || is_katakana(c))
        };
        let parts: Vec<&str> = reading.split(' ').collect();
        let name_end = text[..open].trim_end_matches(' ').len();
        let run_len: usize = text[..name_end]
            .chars()
            .rev()
            .take_while(|&c| is_kanji(c))
            .map(char::len_utf8)
            .sum();
        let mut run_start = name_end - run_len;
        // 平輪 修(ひらわ おさむ): the surname a space before the given name.
        if let Some(head) = text[..run_start].strip_suffix(' ') {
            let surname: usize = head
                .chars()
                .rev()
                .take_while(|&c| is_kanji(c))
                .map(char::len_utf8)
                .sum();
            if run_len > 0 && (1..=4).contains(&head[head.len() - surname..].chars().count()) {
                run_start = head.len() - surname;
            }
        }
        let chars = text[run_start..name_end]
            .chars()
            .filter(|&c| c != ' ')
            .count();
        if parts.len() == 2 && parts.iter().all(|w| kana(w)) && (2..=6).contains(&chars) {
            claims
                .0
                .retain(|c| !(c.2 == PiiKind::Name && c.0 >= run_start && c.1 <= name_end));
            claims.claim(run_start, name_end, PiiKind::Name);
        }
    }
    let found = claims.ends_of(PiiKind::Name);
    for e in found {
        let rest = text[e..].trim_start_matches(' ');
        let Some(inner) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let reading = inner[..close].trim();
        let n = reading.chars().count();
        if (2..=20).contains(&n)
            && reading
                .chars()
                .all(|c| is_hiragana(c) || is_katakana(c) || c == ' ' || c == '・')
        {
            let s = text.len() - inner.len() + (inner.len() - inner.trim_start().len());
            claims.claim(s, s + reading.len(), PiiKind::Name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::domain::masking::test_dict::{d, m};

    #[test]
    fn names_after_labels_readings_and_company_introductions() {
        assert_eq!(
            m("代表取締役 北山大地(きたやま だいち)\n電話 03-1111-2222"),
            "代表取締役 [氏名]([氏名])\n電話 [電話番号]"
        );
        assert_eq!(
            m("相談者情報 もりやま ひかる/H3.4.5/090-1111-2222"),
            "相談者情報 [氏名]/[生年月日]/[電話番号]"
        );
        assert_eq!(m("表札は大森になっています"), "表札は[氏名]になっています");
        assert_eq!(
            m("区の職員を名乗る大森という人から電話がありました"),
            "区の職員を名乗る[氏名]という人から電話がありました"
        );
        assert_eq!(
            m("株式会社ミナトの森です。"),
            "株式会社ミナトの[氏名]です。"
        );
        assert_eq!(
            m("株式会社ミナトと申します。"),
            "株式会社ミナトと申します。"
        );
        assert_eq!(m("商店街支援の対象ですか"), "商店街支援の対象ですか");
        assert_eq!(m("補助金(ほじょきん)の話"), "補助金(ほじょきん)の話");
    }

    #[test]
    fn names_in_strong_contexts_without_a_dictionary() {
        assert_eq!(m("山田太郎と申します"), "[氏名]と申します");
        assert_eq!(m("ヤマダ タロウと申します"), "[氏名]と申します");
        assert_eq!(m("名義：ヤマダ タロウ"), "名義:[氏名]");
        assert_eq!(m("スミスさんに相談しました"), "[氏名]さんに相談しました");
        assert_eq!(
            m("Hi, I'm John Smith from Akasaka"),
            "Hi, I'm [氏名] from Akasaka"
        );
        assert_eq!(
            m("my name is maria garcia and I run a cafe"),
            "my name is [氏名] and I run a cafe"
        );
        assert_eq!(
            m("This is Tanaka from ABC Trading"),
            "This is [氏名] from ABC Trading"
        );
        assert_eq!(
            m("Thanks for your help.\nBest regards,\nEmily Clark"),
            "Thanks for your help.\nBest regards,\n[氏名]"
        );
        assert_eq!(
            m("I'm interested in the subsidy"),
            "I'm interested in the subsidy"
        );
        assert_eq!(m("お客様が増えました"), "お客様が増えました");
    }

    #[test]
    fn names_addressed_with_ate_and_signed_with_yori() {
        assert_eq!(
            m("請求書は平野宛でお願いします"),
            "請求書は[氏名]宛でお願いします"
        );
        assert_eq!(
            m("先日はお世話になりました。平野より"),
            "先日はお世話になりました。[氏名]より"
        );
        assert_eq!(m("取り急ぎ。\nミゲルより\n"), "取り急ぎ。\n[氏名]より\n");
        for text in [
            "会社宛に送ってください",
            "本社宛でいいですか",
            "以上、事務局より",
            "ご案内。区役所より",
            "例年より早いですか",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_single_kanji_or_a_common_word_before_to_moushimasu_is_a_name() {
        assert_eq!(
            m("楊と申します。飲食店を営んでいます"),
            "[氏名]と申します。飲食店を営んでいます"
        );
        assert_eq!(d("林と申します"), "[氏名]と申します");
        assert_eq!(
            d("質問と申しますか、相談です"),
            "質問と申しますか、相談です"
        );
    }

    #[test]
    fn a_message_typed_all_in_katakana_introduces_its_writer() {
        assert_eq!(
            m("ｷﾑﾗ ｹﾝﾀﾃﾞｽ ﾕｳｼ ﾉ ｿｳﾀﾞﾝ ｦ ｼﾀｲ"),
            "[氏名]デス ユウシ ノ ソウダン ヲ シタイ"
        );
        assert_eq!(
            m("ｺﾝﾆﾁﾊ。ﾁｬﾝ ﾐﾝ ﾄｩｱﾝ ﾄ ﾓｳｼﾏｽ"),
            "コンニチハ。[氏名] ト モウシマス"
        );
        assert_eq!(m("ﾃｲｸｱｳﾄ ﾀｲｵｳﾃﾞｽｶ"), "テイクアウト タイオウデスカ");
        assert_eq!(m("ｿｳﾀﾞﾝﾃﾞｽ ﾕｳｼﾉ ｹﾝ"), "ソウダンデス ユウシノ ケン");
    }

    #[test]
    fn spoken_introductions_relatives_and_roles_in_brackets() {
        assert_eq!(
            m("平野っていいます。開業の相談です"),
            "[氏名]っていいます。開業の相談です"
        );
        assert_eq!(
            d("北川の妻です。よろしくお願いします"),
            "[氏名]の妻です。よろしくお願いします"
        );
        assert_eq!(d("戸田の代理の者です"), "[氏名]の代理の者です");
        assert_eq!(m("平野（代表）"), "[氏名](代表)");
        assert_eq!(m("差出人：平野"), "差出人:[氏名]");
        assert_eq!(d("北川からの紹介です"), "[氏名]からの紹介です");
        assert_eq!(m("やまだ はなこ です"), "[氏名] です");
        for text in [
            "社長の妻です",
            "区役所(代表)に電話しました",
            "メンター(相談にのってくれる先輩)はいますか",
            "保証人:不要",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_kana_name_before_an_honorific_at_the_opening() {
        assert_eq!(m("さとうさんに聞きました"), "[氏名]さんに聞きました");
        for text in [
            "たくさんあります",
            "みなさんへ",
            "おかあさんの店です",
            "ふどうさんやさんに聞きました",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_foreign_name_in_three_katakana_parts() {
        assert_eq!(
            m("こんにちは。ﾁｬﾝ ﾐﾝ ﾄｩｱﾝです。"),
            "こんにちは。[氏名]です。"
        );
        assert_eq!(
            m("スタッフのレ バン ホアさんの件で"),
            "スタッフの[氏名]さんの件で"
        );
    }

    #[test]
    fn one_kanji_after_a_relation_and_names_joined_to_it() {
        let r = |t: &str| mask(t, &test_dict::RELATIVES).into_string();
        assert_eq!(
            r("息子の翼が来月から手伝います"),
            "息子の[氏名]が来月から手伝います"
        );
        assert_eq!(
            r("連れ合いの翼と匠が店に出ます"),
            "連れ合いの[氏名]と[氏名]が店に出ます"
        );
        assert_eq!(
            r("子どもの翼と二人で伺います"),
            "子どもの[氏名]と二人で伺います"
        );
        assert_eq!(r("家族の店が忙しいです"), "家族の店が忙しいです");
    }

    #[test]
    fn a_word_alone_on_the_last_line_signs_the_message() {
        assert_eq!(
            m("資料を送ります。\n楠より"),
            "資料を送ります。\n[氏名]より"
        );
        assert_eq!(
            m("またでんわします。\nみのるより"),
            "またでんわします。\n[氏名]より"
        );
        assert_eq!(
            m("Thanks for the quick reply.\n\n楓"),
            "Thanks for the quick reply.\n\n[氏名]"
        );
        for text in ["説明会の件です。\n区役所より", "申請しました。\n以上"] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn a_role_written_on_to_a_name_and_forms_typed_with_blanks_or_kana() {
        assert_eq!(m("社長尾崎が出張中です"), "社長[氏名]が出張中です");
        assert_eq!(m("副店長安藤に伝えます"), "副店長[氏名]に伝えます");
        assert_eq!(
            m("お名前 _森山 花_\nご用件 _融資_"),
            "お名前 _[氏名]_\nご用件 _融資_"
        );
        assert_eq!(m("なまえは すぎた みく です。"), "なまえは [氏名] です。");
        assert_eq!(
            m("はじめまして、かわむらと もうします。"),
            "はじめまして、[氏名]と もうします。"
        );
        for text in ["社長室に伺います", "店長会議が長引きました"] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn english_names_after_dashes_the_word_name_and_typed_in_lower_case() {
        assert_eq!(
            m("See you Monday.\n-- Keiko Arai"),
            "See you Monday.\n-- [氏名]"
        );
        assert_eq!(
            m("this is mika tanabe. can I apply twice?"),
            "this is [氏名]. can I apply twice?"
        );
        assert_eq!(
            m("Passport attached, name Omar Haddad. Is that OK?"),
            "Passport attached, name [氏名]. Is that OK?"
        );
        assert_eq!(
            m("Hi im Lena Fischer, I run a bakery."),
            "Hi im [氏名], I run a bakery."
        );
        assert_eq!(
            m("see you then. regards, ono t."),
            "see you then. regards, [氏名]"
        );
        assert_eq!(
            m("I'm Aiko Sato and my co-founder is Ravi Menon."),
            "I'm [氏名] and my co-founder is [氏名]."
        );
        assert_eq!(
            m("Is the limit forty? Nguyen Van Long"),
            "Is the limit forty? [氏名]"
        );
        assert_eq!(
            m("Please find the form attached.\n-- R. Okada"),
            "Please find the form attached.\n-- [氏名]"
        );
        assert_eq!(
            m("Our part-timer sato k. starts in May."),
            "Our part-timer [氏名] starts in May."
        );
        assert_eq!(
            m("Name on card: Cardholder OGAWA Jun."),
            "Name on card: Cardholder [氏名]."
        );
        for text in [
            "Mori Coffee here. We sent the form.",
            "this is really frustrating.",
            "I'm sure that works, the name of the scheme is long.",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
    }

    #[test]
    fn everyday_words_and_programme_names_that_look_like_a_relation_and_a_name() {
        for text in [
            "クレジットカードで払った経費でも大丈夫ですか",
            "働くパパママ育業応援奨励金について",
            "パパママ育業の申請",
        ] {
            assert_eq!(m(text), text, "{text}");
            assert_eq!(d(text), text, "{text}");
        }
    }

    #[test]
    fn a_surname_before_a_trade_names_a_business_unless_the_person_is_named_too() {
        assert_eq!(
            d("北川青果です。募集はいつからですか"),
            "北川青果です。募集はいつからですか"
        );
        assert_eq!(
            d("見積もりは戸田不動産と北川商事からもらいました"),
            "見積もりは戸田不動産と北川商事からもらいました"
        );
        assert_eq!(
            d("野村です(野村工務店)。補助の件です"),
            "[氏名]です([氏名]工務店)。補助の件です"
        );
    }

    #[test]
    fn a_latin_name_before_and_partners_a_business_word_or_a_company_form_names_a_firm() {
        for text in [
            "Thank you for the answer.\nRegards,\nOkonkwo & Partners",
            "Thank you for the answer.\nRegards,\nBalogun Business Club",
            "The invoice came from Ferreira Import K.K. last week.",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
        assert_eq!(
            m("Thank you for the answer.\nRegards,\nDaniel Okonkwo"),
            "Thank you for the answer.\nRegards,\n[氏名]"
        );
    }

    #[test]
    fn a_role_after_a_department_heads_a_line_of_names() {
        assert_eq!(
            m("営業担当 柚木\n書類の件です"),
            "営業担当 [氏名]\n書類の件です"
        );
        assert_eq!(m("営業担当より連絡します"), "営業担当より連絡します");
    }

    #[test]
    fn a_romanised_name_in_lower_case_opening_the_message() {
        assert_eq!(
            m("suzukiです。ログインできません"),
            "[氏名]です。ログインできません"
        );
        assert_eq!(
            m("zoomです。リンクをください"),
            "zoomです。リンクをください"
        );
    }
}

//! Names beside contacts: signatures, lone lines, names in brackets after a number, account
//! holders, and the last word after an address or a phone number.

use std::sync::OnceLock;

use regex::Regex;

use super::context::kana_given_after;
use super::introduction::COMMON_KANA;
use super::view::{NameView, Strength, is_name_char};
use super::words::{is_title, is_town, name_shaped};
use crate::domain::masking::scan::{
    Claims, is_hiragana, is_kanji, is_kanji_str, is_katakana, re, trim_span,
};
use crate::domain::masking::{PiiKind, WordClass};

/// A short last line (or what follows the closing よろしくお願いします) that is a name.
pub(super) fn signature(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let trimmed = text.trim_end_matches([' ', '。', '.', '!']);
    let mut start = None;
    for closing in [
        "よろしくお願いします",
        "よろしくお願いいたします",
        "よろしくお願い致します",
        "お願いします",
        "お願いいたします",
        "お願い致します",
        "\n",
        "。",
        "!",
        "?",
        "—",
        "―",
        "--",
    ] {
        if let Some(i) = trimmed.rfind(closing) {
            start = start.max(Some(i + closing.len()));
        }
    }
    let Some(from) = start else { return };
    let tail = &trimmed[from..];
    let lead = tail.len()
        - tail
            .trim_start_matches([' ', '(', '-', '—', '―', '、', '。'])
            .len();
    let from = from + lead;
    let tail_end = trimmed.trim_end_matches(')').len();
    if from >= tail_end || text[from..tail_end].chars().count() > 16 {
        return;
    }
    let Some((s, e)) = view.run_after(from) else {
        return;
    };
    // An English signature is english_names' work (…after applying? Roughly.).
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if text[s..e].is_ascii() && latin * 2 > text.chars().count() {
        return;
    }
    // —千葉: after a dash, kanji of a surname's length sign the message.
    let dashed = ['—', '―']
        .iter()
        .any(|d| text[..from].trim_end().ends_with(*d));
    // ⏎⏎萌: a line apart from the message after an empty one signs it as a dash does.
    let apart = text[..from].trim_end_matches(' ').ends_with("\n\n");
    if (dashed || apart)
        && e == tail_end
        && is_kanji_str(&text[s..e])
        && (1..=4).contains(&text[s..e].chars().count())
        && !is_title(&text[s..e])
        && !is_town(&text[s..e])
    {
        claims.claim(s, e, PiiKind::Name);
        return;
    }
    // 松本ゆい: a surname in kanji and a given name in kana.
    let whole = if e == tail_end {
        e
    } else if kana_given_after(view, e) == Some(tail_end) {
        tail_end
    } else {
        return;
    };
    if let Some((a, b)) = view
        .accept(s, e, Strength::Medium)
        .or_else(|| signed(view, s, e))
    {
        claims.claim(a, if b == e { whole } else { b }, PiiKind::Name);
    }
}

/// A last word that is a name as a signature: kanji the dictionary reads as a surname or a place
/// (千葉, 川端), or shaped like a name (平野), or katakana it does not know as a word (ツチヤ);
/// not a town or a closing word (以上).
pub(super) fn signed(view: &NameView<'_>, s: usize, e: usize) -> Option<(usize, usize)> {
    let run = &view.text[s..e];
    if is_title(run) || is_town(run) {
        return None;
    }
    let inside: Vec<_> = view
        .words
        .iter()
        .filter(|w| w.start >= s && w.end <= e)
        .collect();
    // ツチヤ, マツシマ: katakana that is not one word the dictionary knows (オンライン), in a
    // message otherwise written in kanji and kana (not ﾄﾞｺﾃﾞｽｶ in one typed all in katakana).
    if run.chars().all(is_katakana) {
        let known = inside.len() == 1 && inside[0].class == WordClass::CommonNoun;
        // Placeholders from an earlier pass ([氏名]) are not the writer's kanji.
        let before = PiiKind::ALL
            .iter()
            .fold(view.text[..s].to_string(), |t, k| {
                t.replace(k.placeholder(), "")
            });
        let mixed = before.chars().any(|c| is_kanji(c) || is_hiragana(c));
        // ﾏｲﾅﾝﾊﾞｰ 5529… ﾄﾞｺﾆｶｸﾉ? ﾏﾂｼﾏ: in a message that gives a number, a word alone after
        // the last sentence signs it, however the message is typed.
        let contact = [
            PiiKind::Phone,
            PiiKind::Email,
            PiiKind::Account,
            PiiKind::IdNumber,
            PiiKind::Card,
        ]
        .iter()
        .any(|k| view.text.contains(k.placeholder()));
        let set_apart = before.trim_end().ends_with(['?', '。', '!', '\n']);
        let mixed = mixed || (contact && set_apart);
        return ((2..=8).contains(&run.chars().count()) && !known && mixed).then_some((s, e));
    }
    if !is_kanji_str(run) {
        return None;
    }
    let one_word = view.words.iter().any(|w| {
        w.start == s
            && w.end == e
            && matches!(
                w.class,
                WordClass::Surname
                    | WordClass::Place
                    | WordClass::PersonName
                    | WordClass::ProperNoun
            )
    });
    ((one_word && (2..=4).contains(&run.chars().count())) || name_shaped(run)).then_some((s, e))
}

/// A line that holds nothing but a name, in a message whose other lines give contacts:
/// 「山田 花子⏎mail: …⏎tel: …」.
pub(super) fn lone_line(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    if !text.contains('\n') {
        return;
    }
    let contact = claims.0.iter().any(|c| {
        matches!(
            c.2,
            PiiKind::Phone | PiiKind::Email | PiiKind::Address | PiiKind::Account
        )
    });
    if !contact {
        return;
    }
    let mut at = 0;
    for line in text.split('\n') {
        let (s, e) = (at, at + line.trim_end_matches([' ', '。']).len());
        at += line.len() + 1;
        let s = s + (line.len() - line.trim_start().len());
        if s >= e || text[s..e].chars().count() > 12 || is_title(&text[s..e]) {
            continue;
        }
        let line = &text[s..e];
        let parts: Vec<&str> = line.split(' ').collect();
        if parts.len() > 2
            || !parts
                .iter()
                .all(|p| (1..=5).contains(&p.chars().count()) && p.chars().all(is_name_char))
        {
            continue;
        }
        // The dictionary knows a name in it, or reads the whole line as names.
        let person = view.has_person_word(s, e);
        if person {
            claims.claim(s, e, PiiKind::Name);
        } else if let Some((a, b)) = view.accept(s, e, Strength::Strong) {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// A line that holds nothing but two katakana words a space apart, as a name is written in
/// フリガナ on a form: 「サトウ ケンジ⏎サトウ ミカ⏎二人で伺います」. A line of words the
/// dictionary knows as ordinary (サポート センター) is not one.
pub(super) fn katakana_name_lines(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    if !text.contains('\n') {
        return;
    }
    let mut at = 0;
    for line in text.split('\n') {
        let s = at + (line.len() - line.trim_start().len());
        let e = at + line.trim_end_matches([' ', '。', '、']).len();
        at += line.len() + 1;
        if s >= e {
            continue;
        }
        let parts: Vec<&str> = text[s..e].split(' ').collect();
        let katakana = |p: &&str| {
            (2..=6).contains(&p.chars().count())
                && p.chars().all(|c| is_katakana(c) || c == 'ー')
                && !p.starts_with('ー')
        };
        if parts.len() != 2 || !parts.iter().all(katakana) {
            continue;
        }
        let ordinary = view.words.iter().any(|w| {
            w.start >= s
                && w.end <= e
                && w.end - w.start >= 6
                && matches!(w.class, WordClass::CommonNoun | WordClass::ProperNoun)
        });
        if !ordinary && !is_title(&text[s..e]) {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// A name in brackets right after a phone number, e-mail or account: 090-…(橋本携帯),
/// …@….jp (高橋), 普通 1234567(ヤマダ タロウ).
pub(super) fn after_contact(view: &NameView<'_>, claims: &mut Claims) {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    let paren =
        PAREN.get_or_init(|| re(r"\(([一-龯々ァ-ヶーぁ-ゖ・ ]{1,12}?)(?:携帯|自宅|宛|様|さん)?\)"));
    let text = view.text;
    for c in paren.captures_iter(text) {
        let m = c.get(0).expect("match");
        let name = c.get(1).expect("group");
        let before = text[..m.start()].trim_end_matches(' ');
        // 090-…(たなか): a name in hiragana too, though not a word for when to call (よる).
        let kana = name.as_str().chars().any(is_hiragana);
        let kana_name = name.as_str().chars().all(is_hiragana)
            && (2..=8).contains(&name.as_str().chars().count())
            && !COMMON_KANA.contains(&name.as_str())
            && !CALL_TIMES.contains(&name.as_str());
        if name.as_str().trim().is_empty() || is_title(name.as_str()) || (kana && !kana_name) {
            continue;
        }
        if follows_contact(claims, before) {
            let (s, e) = trim_span(text, name.start(), name.end());
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// Words in hiragana that say when or where to call, not whom.
const CALL_TIMES: &[&str] = &[
    "あさ",
    "ひる",
    "よる",
    "ごご",
    "ごぜん",
    "ゆうがた",
    "いつでも",
    "へいじつ",
    "どにち",
    "けいたい",
    "じたく",
    "かいしゃ",
    "だいひょう",
    "るすでん",
    "ないせん",
];

/// Whether `before` (a prefix of the text) ends with a phone number, e-mail or account found
/// earlier, or with a placeholder from an earlier pass.
fn follows_contact(claims: &Claims, before: &str) -> bool {
    // A name found on an earlier pass ([氏名]) is no contact: ケンタ[氏名]デス ソウダン.
    [
        PiiKind::Phone,
        PiiKind::Email,
        PiiKind::Account,
        PiiKind::Address,
    ]
    .iter()
    .any(|k| before.ends_with(k.placeholder()))
        || claims.0.iter().any(|&(_, e, kind)| {
            e == before.len()
                && matches!(
                    kind,
                    PiiKind::Phone | PiiKind::Email | PiiKind::Account | PiiKind::Address
                )
        })
}

/// Account holders in katakana after the account number or a cue: 普通 1234567 ヤマダ タロウ,
/// 名義 ヤマダ, account holder ヤマダ タロウ (half-width kana arrive folded by NFKC).
pub(super) fn account_holders(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let mut starts = claims.ends_of(PiiKind::Account);
    static CUE: OnceLock<Regex> = OnceLock::new();
    let cue =
        CUE.get_or_init(|| re(r"(?i)口座名義人?|名義人?|口座名|(?:コウザ)?メイギ(?:ニン)?|\bholder\b|\bname\b|\[口座\]"));
    starts.extend(cue.find_iter(text).map(|m| m.end()));
    for from in starts {
        let rest = &text[from..];
        let lead = rest.len()
            - rest
                .trim_start_matches([' ', '/', ',', '、', ':', '(', 'は', '='])
                .len();
        let s = from + lead;
        let mut e = s;
        // Up to two katakana words joined by one space (ヤマダ タロウ).
        for part in 0..2 {
            let at = if part == 0 {
                s
            } else if text[e..].starts_with(' ') {
                e + 1
            } else {
                break;
            };
            let taken: usize = text[at..]
                .chars()
                .take_while(|&c| is_katakana(c) || c == '・')
                .map(char::len_utf8)
                .sum();
            if text[at..at + taken].chars().count() < 2 {
                break;
            }
            e = at + taken;
        }
        if e > s && !is_title(&text[s..e]) {
            claims.claim(s, e, PiiKind::Name);
        }
    }
}

/// The last word of a message, after an address, a phone number or a slash, is a signature:
/// 「… 405号室 遠藤」「090-… / 宮本」「経理部 野口」.
pub(super) fn trailing_name(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let end = text
        .trim_end_matches([' ', '。', '.', '!', '\n', ')', '」'])
        .len();
    let Some((s, e)) = view.run_before(end) else {
        return;
    };
    // 「経理部 野口」「カフェ・ソレイユ 木村」: when the whole run is not a name, its last part
    // may be.
    let last = text[s..e].rfind(' ').map(|i| s + i + 1);
    for s in std::iter::once(s).chain(last) {
        if trailing_run(view, claims, s, e) {
            return;
        }
    }
}

fn trailing_run(view: &NameView<'_>, claims: &mut Claims, s: usize, e: usize) -> bool {
    let text = view.text;
    let before = text[..s].trim_end_matches([' ', '/', '、', ',', '-', '(', '。', ')']);
    if before.len() == s || before.is_empty() {
        return false;
    }
    let strength = if follows_contact(claims, before) {
        Strength::Strong
    } else {
        Strength::Weak
    };
    let run = &text[s..e];
    // English signatures are english_names' work; a place (港区芝公園) is not a name, though a
    // surname may end like one (木村, 中村).
    let surname = view
        .words
        .iter()
        .any(|w| w.start == s && w.end == e && w.class == WordClass::Surname);
    let place = (!surname
        && [
            "区",
            "市",
            "町",
            "村",
            "都",
            "県",
            "駅",
            "公園",
            "ビル",
            "タワー",
            "ハイツ",
        ]
        .iter()
        .any(|w| run.contains(w)))
        || is_town(run)
        || view
            .words
            .iter()
            .any(|w| w.start >= s && w.end <= e && w.class == WordClass::Other);
    if is_title(run) || run.chars().count() > 8 || place || run.is_ascii() {
        return false;
    }
    view.accept(s, e, strength)
        .or_else(|| signed(view, s, e))
        .is_some_and(|(a, b)| claims.claim(a, b, PiiKind::Name))
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::{d, m};

    #[test]
    fn a_name_alone_at_the_end_after_a_contact_is_a_signature() {
        assert_eq!(d("tel 080-1111-2222 / 北川"), "tel [電話番号] / [氏名]");
        assert_eq!(
            d("返送先 港区海岸9丁目8番7号 ベイタワー1203号室 戸田"),
            "返送先 港区海岸[住所] [氏名]"
        );
        assert_eq!(d("北川 瑛太\ntel: 03-1234-5678"), "[氏名]\ntel: [電話番号]");
    }

    #[test]
    fn lines_of_two_katakana_words_are_names_written_as_on_a_form() {
        assert_eq!(
            d("サトウ ケンジ\nサトウ　ミカ\n二人で伺います"),
            "[氏名]\n[氏名]\n二人で伺います"
        );
        assert_eq!(
            d("明日伺います。\nサポート センター\nの場所を教えて"),
            "明日伺います。\nサポート センター\nの場所を教えて"
        );
        assert_eq!(
            d("ITサポート\nどのメニューが使えますか"),
            "ITサポート\nどのメニューが使えますか"
        );
    }

    #[test]
    fn account_holders_in_katakana_of_either_width_are_names() {
        assert_eq!(
            m("振込先 普通 7654321 ｷﾀｶﾞﾜ ﾐｻｷ"),
            "振込先 普通 [口座] [氏名]"
        );
        assert_eq!(m("当座 1234987（トダ　ユウト）"), "当座 [口座]([氏名])");
        assert_eq!(
            m("account holder ﾓﾘﾀ ｹﾝ, thanks"),
            "account holder [氏名], thanks"
        );
        assert_eq!(
            m("口座名義イシダ リョウでお願いします"),
            "口座名義[氏名]でお願いします"
        );
        assert_eq!(m("ｷﾀｶﾞﾜ ﾐｻｷ 名義の口座です"), "[氏名] 名義の口座です");
        // The cue typed in kana too.
        assert_eq!(
            m("ﾒｲｷﾞﾆﾝ: ﾓﾘﾀ ｹﾝ\n入金日を教えてください"),
            "メイギニン: [氏名]\n入金日を教えてください"
        );
    }

    #[test]
    fn a_name_in_brackets_after_a_contact_is_masked() {
        assert_eq!(
            m("折り返しは090-2222-3333（北川携帯）まで"),
            "折り返しは[電話番号]([氏名]携帯)まで"
        );
        assert_eq!(
            m("念のため kita@example.jp (北川)"),
            "念のため [メール] ([氏名])"
        );
        assert_eq!(m("電話 03-1234-5678(代表)"), "電話 [電話番号](代表)");
    }
}

//! 「…です」 and 「…でございます」: a name at the opening of a message introduces its writer.

use super::context::{kana_given_after, latin_name};
use super::english::is_romaji_word;
use super::view::{NameView, Strength, is_person};
use super::words::is_title;
use crate::domain::masking::Word;
use crate::domain::masking::WordClass;
use crate::domain::masking::scan::hiragana_suffix_len;
use crate::domain::masking::scan::{is_hiragana, is_kanji, is_kanji_str, is_katakana};

/// The name before 「です」 ending at `at`, if the message introduces someone there.
pub(super) fn self_introduction(view: &NameView<'_>, at: usize) -> Vec<(usize, usize)> {
    let text = view.text;
    // 岡本 隆(オカモト タカシ)です: the reading is a name too, and so is what it reads.
    if text[..at].ends_with(')')
        && let Some(open) = text[..at].rfind('(')
    {
        let reading = &text[open + 1..at - 1];
        let mut found = Vec::new();
        // ICHINOSE Ren(一ノ瀬 蓮)です: the same name in two scripts.
        let kanji_name = !reading.is_empty()
            && reading.chars().count() <= 8
            && reading
                .split(' ')
                .all(|p| !p.is_empty() && p.chars().all(|c| is_kanji(c) || c == 'ノ' || c == 'の'));
        let before = text[..open].trim_end_matches(' ').len();
        // ワン・ウェイ(王偉)です: the same name in katakana and kanji.
        if kanji_name
            && let Some((s, e)) = view.run_before(before)
            && (latin_name(&text[s..e])
                || (text[s..e].chars().count() >= 2
                    && text[s..e]
                        .chars()
                        .all(|c| is_katakana(c) || c == '・' || c == ' ')))
        {
            found.push((open + 1, at - 1));
            found.push((s, e));
            return found;
        }
        if !reading.is_empty()
            && reading
                .chars()
                .all(|c| is_katakana(c) || c == ' ' || c == '・')
            && introduced(view, at, at).is_some()
        {
            found.push((open + 1, at - 1));
            let before = text[..open].trim_end_matches(' ').len();
            if let Some((s, e)) = view.run_before(before)
                && let Some(span) = view.accept(s, e, Strength::Strong)
            {
                found.push(span);
            }
        }
        return found;
    }
    introduced(view, at, at).into_iter().collect()
}

fn introduced(view: &NameView<'_>, at: usize, cue: usize) -> Option<(usize, usize)> {
    let text = view.text;
    let rest = &text[cue..];
    let rest = rest
        .strip_prefix("です")
        .or_else(|| rest.strip_prefix("でございます"))
        .unwrap_or(rest);
    // 高木です(株式会社高木商店): a bracket after です says who the writer works for.
    let closed = rest
        .chars()
        .next()
        .is_none_or(|c| "。、.,!?！？ \n(".contains(c));
    if text[..at].ends_with(')') {
        return closed.then_some((at, at));
    }
    let opening = at_opening(text, at);
    if let Some((s, e)) = view.run_before(at) {
        let run = &text[s..e];
        if run.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
            let single = !run.contains(' ');
            let caps = run.chars().filter(char::is_ascii_uppercase).count();
            let stop = [
                "OK", "Zoom", "Teams", "English", "Japanese", "Tokyo", "Minato",
            ];
            let capital_word =
                |w: &str| w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase());
            let name_like = run.split(' ').all(capital_word)
                && !(single && caps == run.len())
                && !run.split(' ').any(|w| stop.contains(&w));
            // tanakaです: a romanised name in lower case, opening the message.
            let romaji = opening.is_some_and(|from| from == s)
                && run.split(' ').all(|w| w.len() >= 4 && is_romaji_word(w));
            return ((name_like || romaji) && closed).then_some((s, e));
        }
    }
    // さとうです, まつもと です: a name in kana, only at the opening.
    let Some(from) = opening else {
        let (s, e) = view.run_before(at)?;
        return view.accept(s, e, Strength::Weak);
    };
    let run = text[from..at].trim_end_matches(' ');
    if run.is_empty() || !closed {
        return None;
    }
    let end = from + run.len();
    if run.chars().all(|c| is_hiragana(c) || c == ' ') {
        return kana_name(view, from, end, rest).then_some((from, end));
    }
    // 小鳥遊 ひなたです: a surname in kanji, a given name in kana, the whole opening phrase.
    if run.ends_with(is_hiragana) {
        let given: usize = hiragana_suffix_len(run);
        let head = run[..run.len() - given].trim_end_matches(' ');
        let (s, e) = view.run_before(from + head.len())?;
        let n = text[s..e].chars().count();
        let whole = s == from
            && is_kanji_str(&text[s..e])
            && (1..=4).contains(&n)
            && !is_title(&text[s..e])
            && kana_given_after(view, e + (run.len() - given - head.len())) == Some(end);
        return whole.then_some((s, end));
    }
    let (s, e) = view.run_before(end)?;
    if s != from {
        // Not the whole opening phrase (港区で飲食店を営む鈴木です): the dictionary decides.
        return view.accept(s, e, Strength::Weak);
    }
    let inside: Vec<&Word> = view
        .words
        .iter()
        .filter(|w| w.start >= s && w.end <= e)
        .collect();
    let run = &text[s..e];
    let chars = run.chars().count();
    if run.contains('・') || run.chars().all(|c| is_katakana(c) || c == ' ') {
        // セミナーです, オンラインです: a word the dictionary knows, not a name.
        let common = inside.len() == 1 && inside[0].class == WordClass::CommonNoun;
        return (chars >= 2 && !is_title(run) && !common).then_some((s, e));
    }
    if is_title(run) {
        return None;
    }
    // 森です: one kanji; 宮崎です: a word the dictionary knows as a place or a name.
    let known = !inside.is_empty()
        && inside.iter().all(|w| {
            is_person(w.class) || matches!(w.class, WordClass::Place | WordClass::ProperNoun)
        });
    let single = chars == 1 && is_kanji_str(run);
    (known || single || view.accept(s, e, Strength::Weak).is_some()).then_some((s, e))
}

/// A message typed all in katakana (an old phone's half-width kana): ﾔﾏﾀﾞ ﾊﾅｺﾃﾞｽ … The name is
/// the opening phrase before ﾄ ﾓｳｼﾏｽ in up to three words, or before デス in two or three.
pub(super) fn katakana_introduction(text: &str) -> Option<(usize, usize)> {
    if text
        .chars()
        .any(|c| is_kanji(c) || is_hiragana(c) || c.is_ascii_alphabetic())
    {
        return None;
    }
    // デスカ asks; one word before デス may be anything (ソウダンデス), two are a full name.
    let (at, certain) = [
        "デス",
        "ト モウシマス",
        "トモウシマス",
        "ト イイマス",
        "トイイマス",
    ]
    .iter()
    .filter_map(|cue| {
        text.match_indices(cue)
            .find(|(i, _)| !text[i + cue.len()..].starts_with('カ'))
            .map(|(i, _)| (i, *cue != "デス"))
    })
    .min()?;
    let head = &text[..at];
    let from = head.rfind(['。', '、', '!', '?', '\n']).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let run = head[from..].trim();
    let start = from + (head[from..].len() - head[from..].trim_start().len());
    let parts: Vec<&str> = run.split(' ').collect();
    let named = (if certain { 1..=3 } else { 2..=3 }).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (2..=8).contains(&p.chars().count()) && p.chars().all(is_katakana));
    named.then_some((start, start + run.len()))
}

/// Words in hiragana that open a message before です without being anyone's name.
pub(super) const COMMON_KANA: &[&str] = &[
    "そう",
    "いい",
    "よい",
    "だめ",
    "むり",
    "まだ",
    "もう",
    "ここ",
    "そこ",
    "どこ",
    "これ",
    "それ",
    "あれ",
    "なん",
    "なに",
    "いつ",
    "だれ",
    "ほんとう",
    "ちがう",
    "しつもん",
    "そうだん",
    "おねがい",
    "よろしく",
    "ありがとう",
    "はじめて",
    "いそぎ",
    "だいじょうぶ",
    "へいき",
    "げんき",
    "ひま",
    "いま",
    "きょう",
    "あした",
    "きのう",
    "ぜんぶ",
    "ひとり",
    "ふたり",
    "おなじ",
    "べつ",
    "たぶん",
    "ちょっと",
    "すこし",
    "いっしょ",
    "じぶん",
    "わたし",
    "わたくし",
    "ぼく",
    "おれ",
    "うち",
    "みんな",
    "いや",
    "はい",
    "いいえ",
    "すみません",
    "ごめんなさい",
    "おつかれさま",
    "しゅふ",
    "がくせい",
    "かいしゃいん",
    "てんちょう",
    "しゃちょう",
    "おきゃくさん",
    "よやく",
    "しんせい",
    "れんらく",
    "かくにん",
    "へんじ",
    "いじょう",
    "いか",
    "ぜひ",
    "もちろん",
];

/// さとうです, やまもと けんた です: up to two words in hiragana at the opening of a message.
/// After a greeting any short kana word is a name; at the very start the dictionary must know
/// it as a name, or what follows must go on as a message and the word must not be one of the
/// kana words that open a message (いいです, しつもんです).
fn kana_name(view: &NameView<'_>, from: usize, end: usize, rest: &str) -> bool {
    let run = &view.text[from..end];
    let parts: Vec<&str> = run.split(' ').collect();
    if parts.len() > 2
        || parts
            .iter()
            .any(|p| !(2..=5).contains(&p.chars().count()) || COMMON_KANA.contains(p))
    {
        return false;
    }
    let inside: Vec<&Word> = view
        .words
        .iter()
        .filter(|w| w.start >= from && w.end <= end)
        .collect();
    let person = inside.iter().any(|w| is_person(w.class));
    // ほしい, むずかしい: an adjective, not a name.
    let adjective = run.ends_with('い') && inside.iter().all(|w| w.class == WordClass::Other);
    let goes_on = rest
        .trim_start_matches(['。', '!', '?', ' ', '、'])
        .chars()
        .count()
        >= 4;
    // おおつき たろう です: two kana words are a full name, wherever the message stops.
    person || (!adjective && (from > 0 || goes_on || parts.len() == 2))
}

/// Where a message opens (after a greeting such as お世話になります), the offset of its first
/// word if `at` is in that first phrase.
fn at_opening(text: &str, at: usize) -> Option<usize> {
    const GREETINGS: &[&str] = &[
        "お世話になっております",
        "お世話になります",
        "おせわになっております",
        "おせわになります",
        "いつもお世話になっております",
        "こんにちは",
        "こんばんは",
        "はじめまして",
        "初めまして",
        "Hi",
        "Hello",
        "hi",
        "hello",
    ];
    let seps = [' ', '、', '。', ',', '.', '!', '\n', '!'];
    let mut from = 0;
    let head = text[..at].trim_start_matches(seps);
    from += text[..at].len() - head.len();
    for g in GREETINGS {
        if let Some(after) = text[from..at].strip_prefix(g) {
            let trimmed = after.trim_start_matches(seps);
            if trimmed.len() < after.len() {
                from = at - trimmed.len();
                break;
            }
        }
    }
    // はじめてれんらくします。ラクシュミです: a first sentence that only greets.
    if let Some(i) = text[from..at].find(['。', '!']) {
        let first = &text[from..from + i];
        const GREETS: &[&str] = &[
            "はじめ",
            "初め",
            "こんにちは",
            "こんばんは",
            "おはよう",
            "お世話",
            "おせわ",
            "失礼",
            "れんらく",
            "連絡",
            "すみません",
            "突然",
            "お疲れ",
            "おつかれ",
        ];
        if first.chars().count() <= 30 && GREETS.iter().any(|g| first.contains(g)) {
            let after = &text[from + i..at];
            let trimmed = after.trim_start_matches(seps);
            from = at - trimmed.len();
        }
    }
    let phrase = &text[from..at];
    // しょうじ ゆか です, 小鳥遊 ひなたです: a given name in kana after a space.
    let words: Vec<&str> = phrase.trim_end_matches(' ').split(' ').collect();
    // グエン バン ナムです: a foreign name in katakana in up to three parts.
    let spaced_kana = (words.len() == 2
        && (words[1].chars().all(is_hiragana) || words[1].chars().all(is_katakana)))
        || (words.len() == 3 && words.iter().all(|w| w.chars().all(is_katakana)));
    (!phrase.contains(seps.as_slice())
        || spaced_kana
        || phrase.trim_end_matches(' ').len() < phrase.len())
    .then_some(from)
    .filter(|&f| {
        !text[f..at]
            .trim_end_matches(' ')
            .contains(['、', '。', '!', '\n', ','])
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::{d, m};

    #[test]
    fn a_message_that_opens_with_a_name_and_desu_introduces_someone() {
        assert_eq!(
            d("林です。開業の相談をしたいです"),
            "[氏名]です。開業の相談をしたいです"
        );
        assert_eq!(d("北川　です。書類の件で"), "[氏名] です。書類の件で");
        assert_eq!(
            d("戸田でございます。先日の件です"),
            "[氏名]でございます。先日の件です"
        );
        assert_eq!(
            m("アリ・ハサン・カーンです。相談したいです"),
            "[氏名]です。相談したいです"
        );
        assert_eq!(
            m("お世話になります、たかはしです。"),
            "お世話になります、[氏名]です。"
        );
        assert_eq!(m("Hi、Ravi Kumarです。"), "Hi、[氏名]です。");
        assert_eq!(
            d("北川 美咲（キタガワ ミサキ）です。"),
            "[氏名]([氏名])です。"
        );
        assert_eq!(d("港区で開業する北川です"), "港区で開業する[氏名]です");
        // What stays: a topic, not a name.
        assert_eq!(
            d("質問です。創業融資の金利は？"),
            "質問です。創業融資の金利は?"
        );
        assert_eq!(m("急ぎです。窓口は何時まで？"), "急ぎです。窓口は何時まで?");
        assert_eq!(m("相談はZoomですか"), "相談はZoomですか");
        assert_eq!(m("English OKです"), "English OKです");
    }
}

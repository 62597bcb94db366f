//! Full names as the dictionary reads them (surname and given name side by side), names after
//! a relation (母の…), and the other half of a name found in part.

use crate::domain::masking::scan::{hiragana_prefix_len, kanji_prefix_len};
use std::sync::OnceLock;

use regex::Regex;

use super::view::{NameView, Strength, is_person};
use super::words::{
    LABELS, ROLE_BEFORE, Relation, is_title, is_town, name_shaped, relation_alternation,
};
use crate::domain::masking::scan::{Claims, is_hiragana, is_kanji, is_kanji_str, is_katakana, re};
use crate::domain::masking::{PiiKind, Word, WordClass};

/// A surname and a given name side by side, as the dictionary reads them: 山田 花子,
/// 宮崎理恵, 吉田さくら. IPADIC often files a surname or a given name as a place (宮崎, 拓海),
/// so one side must be a person word and the other a short kanji word or a kana given name.
pub(super) fn full_names(view: &NameView<'_>, claims: &mut Claims) {
    let (text, words) = (view.text, view.words);
    for (i, pair) in words.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let gap = &text[a.end..b.start];
        if !(gap.is_empty() || gap == " ") {
            continue;
        }
        let (sa, sb) = (&text[a.start..a.end], &text[b.start..b.end]);
        let (na, nb) = (sa.chars().count(), sb.chars().count());
        let kanji_a = is_kanji_str(sa) && (1..=3).contains(&na);
        let kanji_b = is_kanji_str(sb) && (1..=3).contains(&nb);
        let next = text[b.end..].chars().next();
        let named_a = matches!(a.class, WordClass::Surname | WordClass::PersonName);
        let placeish = |w: Word, n: usize| {
            matches!(w.class, WordClass::Place | WordClass::ProperNoun) && n >= 2
        };
        let hiragana_given = sb.chars().all(is_hiragana)
            && (2..=4).contains(&nb)
            && matches!(b.class, WordClass::CommonNoun | WordClass::Unknown)
            && (!next.is_some_and(is_hiragana) || introduces(&text[b.end..]));
        let short_given = gap == " "
            && nb <= 2
            && matches!(b.class, WordClass::CommonNoun | WordClass::Unknown)
            && (!next.is_some_and(is_kanji)
                || ["宛", "様", "殿", "名義"]
                    .iter()
                    .any(|w| text[b.end..].starts_with(w)))
            && !is_title(sb);
        let ok = kanji_a
            && ((named_a
                && ((kanji_b
                    && matches!(
                        b.class,
                        WordClass::GivenName
                            | WordClass::PersonName
                            | WordClass::Place
                            | WordClass::ProperNoun
                    ))
                    || hiragana_given
                    || (kanji_b && short_given)))
                || (kanji_b
                    && b.class == WordClass::GivenName
                    && (named_a || placeish(a, na) || (gap == " " && na == 1)))
                || (gap == " " && placeish(a, na) && hiragana_given));
        // Not the tail of a longer kanji word (新宿区 …) and not a role (田中 社長).
        let before_a = text[..a.start].chars().next_back();
        let joined = i > 0 && words[i - 1].end == a.start && before_a.is_some_and(is_kanji);
        // 芝浦港南(地区): towns side by side, though IPADIC files 芝浦 as a surname.
        let towns = is_town(&text[a.start..b.end]) || (is_town(sa) && b.class == WordClass::Place);
        if ok && !joined && !is_title(sa) && !towns {
            claims.claim(a.start, b.end, PiiKind::Name);
        }
    }
    spaced_given_names(view, claims);
}

/// A surname, one space and one to three kanji: 田村 陽菜, 近藤 大翔. A given name the
/// dictionary does not know comes apart into single characters, so what follows the space is
/// read by its shape; a word the dictionary knows as common (佐藤 商店) or a title is not one.
fn spaced_given_names(view: &NameView<'_>, claims: &mut Claims) {
    let (text, words) = (view.text, view.words);
    for (i, a) in words.iter().enumerate() {
        let sa = &text[a.start..a.end];
        let n = sa.chars().count();
        if !matches!(
            a.class,
            WordClass::Surname | WordClass::PersonName | WordClass::Place
        ) || !is_kanji_str(sa)
            || !(1..=3).contains(&n)
            || is_title(sa)
        {
            continue;
        }
        let joined = i > 0
            && words[i - 1].end == a.start
            && text[..a.start].chars().next_back().is_some_and(is_kanji);
        let Some(rest) = text[a.end..].strip_prefix(' ') else {
            continue;
        };
        let run_len: usize = rest
            .chars()
            .take_while(|&c| is_kanji(c))
            .map(char::len_utf8)
            .sum();
        // 宮崎 大翔様: the honorific is not part of the given name.
        let run_len = ["様", "殿", "氏", "宛"]
            .iter()
            .find_map(|h| rest[..run_len].strip_suffix(h))
            .filter(|r| !r.is_empty())
            .map_or(run_len, str::len);
        let run = &rest[..run_len];
        let (rs, re_) = (a.end + 1, a.end + 1 + run_len);
        let chars = run.chars().count();
        let common = chars >= 2
            && words
                .iter()
                .any(|w| w.start == rs && w.end == re_ && w.class == WordClass::CommonNoun);
        let suffix = run.starts_with(['宛', '様', '殿', '氏', '家', '邸', '方', '達', '他', '等']);
        // Many surnames are also places (橋本, 千葉, 小野): then the name must introduce someone
        // or fill a field (相談予約:栗原 優斗).
        let field = text[..a.start].ends_with([':', '\n']) || a.start == 0;
        let place_ok = a.class != WordClass::Place || introduces(&text[re_..]) || field;
        if !joined
            && place_ok
            && (1..=3).contains(&chars)
            && !common
            && !suffix
            && !is_title(run)
            && !is_town(sa)
        {
            claims.claim(a.start, re_, PiiKind::Name);
        }
    }
}

/// What follows a name that introduces or addresses someone (…です, …さん, …様).
fn introduces(rest: &str) -> bool {
    [
        "です",
        "でござ",
        "と申",
        "といい",
        "さん",
        "様",
        "さま",
        "殿",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Family and business relations before a name: 母の西村, 妻の陽菜, 共同代表の松田, 父(山田 美穂),
/// 経理の坂上, 夫中條 武 (a name the dictionary knows may follow the relation directly).
pub(super) fn relations(view: &NameView<'_>, claims: &mut Claims) {
    static REL: OnceLock<Regex> = OnceLock::new();
    let rel = REL.get_or_init(|| {
        re(&format!(
            r"(?:{})(の|\(|・| |は|)",
            relation_alternation(&[Relation::Family, Relation::Colleague])
        ))
    });
    let text = view.text;
    for c in rel.captures_iter(text) {
        let m = c.get(0).expect("match");
        // Without の the relation must be a kanji word of its own and a name must follow
        // (夫中條): not 母親, 夫婦, 妻子, nor パパママ育業 (a programme's name).
        if c.get(1).is_some_and(|j| j.as_str().is_empty()) {
            if !text[m.start()..m.end()].chars().all(is_kanji) {
                continue;
            }
            let own_word = view
                .words
                .iter()
                .any(|w| w.start == m.start() && w.end == m.end());
            let name_next = view.words.iter().any(|w| {
                w.start == m.end()
                    && (is_person(w.class) || w.class == WordClass::Place)
                    && text[w.start..w.end]
                        .chars()
                        .all(|c| is_kanji(c) || is_katakana(c))
            });
            if !own_word || !name_next {
                continue;
            }
        }
        // 娘・さくらの: a given name in kana after a relation set apart by ・ or a space.
        if c.get(1).is_some_and(|j| matches!(j.as_str(), "・" | " "))
            && let Some(e) = kana_name_closed(text, m.end())
        {
            claims.claim(m.end(), e, PiiKind::Name);
            continue;
        }
        let Some((s, e)) = view.run_after(m.end()) else {
            continue;
        };
        let e = ["名義", "宛", "が", "と"]
            .iter()
            .filter_map(|w| text[s..e].find(w).map(|i| s + i))
            .filter(|&i| i > s)
            .min()
            .unwrap_or(e);
        let inside: Vec<&Word> = view
            .words
            .iter()
            .filter(|w| w.start < e && w.end > s)
            .collect();
        // 陽菜: a name the dictionary knows only as single characters.
        let spelled = inside.len() >= 2
            && inside
                .iter()
                .all(|w| w.end - w.start <= 3 && w.class != WordClass::Other)
            && text[s..e].chars().count() <= 3;
        if is_title(&text[s..e]) || is_town(&text[s..e]) {
            continue;
        }
        // 妻(王偉)と: what a relation holds in brackets is that person's name.
        // 妻(専業主婦)も: what the person is, in words the dictionary knows, is not a name.
        let described =
            inside.iter().all(|w| w.class == WordClass::CommonNoun) && !name_shaped(&text[s..e]);
        let bracketed = c.get(1).is_some_and(|j| j.as_str() == "(")
            && text[e..].starts_with(')')
            && (1..=8).contains(&text[s..e].chars().count())
            && !described;
        if bracketed {
            claims.claim(s, e, PiiKind::Name);
            continue;
        }
        // 千尋が, 雄大と: a word that IPADIC reads as common but is shaped like a name, where a
        // particle or a bracket closes it.
        let closed = text[e..]
            .chars()
            .next()
            .is_none_or(|c| "がはとにもをの(、。 ".contains(c))
            || ["名義", "宛"].iter().any(|w| text[e..].starts_with(w));
        let found = if let Some((a, b)) = view.accept(s, e, Strength::Strong) {
            claims.claim(a, b, PiiKind::Name);
            Some(b)
        } else if spelled || (closed && name_shaped(&text[s..e])) {
            claims.claim(s, e, PiiKind::Name);
            Some(e)
        } else if c.get(1).is_some_and(|j| j.as_str() == "の")
            && single_given_name(&text[s..e], &text[e..])
        {
            // 子どもの翼が, 家族の昇が: one kanji after a relation and の, closed by a particle.
            claims.claim(s, e, PiiKind::Name);
            Some(e)
        } else {
            None
        };
        if let Some(e) = found
            && let Some((a, b)) = joined_given_name(view, e)
        {
            claims.claim(a, b, PiiKind::Name);
        }
    }
}

/// Single kanji that follow a relation and の as ordinary words (母の店が, 妻の分も, 子どもの心が).
const SINGLE_NOUNS: &str = concat!(
    "店家車件方分話手声名代時顔体事物金口籍年歳会社字病薬服本夢友為上下中後前側間世",
    "印判税職席番部室課所力命心愛気目耳足頭首胸腹背肩腕指歯髪血骨肌誰皆私僕俺君彼",
    "子兄弟姉妹母父夫妻嫁婿孫甥姪祖親族息娘主",
    "犬猫鳥魚馬牛米肉茶酒菓花木草石水火土風雨雪空海山川池道橋駅港国県市区町村",
    "春夏秋冬朝昼夜今昔先次元旧新古大小多少高低長短好嫌",
);

/// One kanji as a given name after a relation: closed by a particle, and not a word that
/// follows a relation as a thing of theirs (店, 車, 分).
fn single_given_name(run: &str, rest: &str) -> bool {
    let mut chars = run.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    is_kanji(c) && !SINGLE_NOUNS.contains(c) && rest.starts_with(['が', 'と', 'は', 'も', 'に'])
}

/// A second name joined by と to one found after a relation (双子の瞳と匠が, 妻の陽菜と健太で):
/// one to three kanji closed by a particle, not a number (二人), a relation or a title.
fn joined_given_name(view: &NameView<'_>, e: usize) -> Option<(usize, usize)> {
    let text = view.text;
    let s = e + text[e..].strip_prefix('と').map(|_| 'と'.len_utf8())?;
    let len = kanji_prefix_len(&text[s..], 4);
    let run = &text[s..s + len];
    let n = run.chars().count();
    let closed = text[s + len..].starts_with(['が', 'は', 'で', 'も', 'の']);
    let numeral = run.starts_with(|c: char| "一二三四五六七八九十何両数".contains(c));
    let relation = super::words::RELATIONS
        .iter()
        .any(|(w, _)| run.starts_with(w));
    let ordinary = view
        .words
        .iter()
        .any(|w| w.start == s && w.end == s + len && w.class == WordClass::CommonNoun && n >= 2);
    ((1..=3).contains(&n)
        && closed
        && !numeral
        && !relation
        && !ordinary
        && !is_title(run)
        && !is_town(run)
        && (n >= 2 || single_given_name(run, &text[s + len..])))
    .then_some((s, s + len))
}

/// A surname found once is the same person's wherever else the message writes it: 高木です
/// (株式会社高木商店), 林 大輔です…林の代わりに. Parts of two or more kanji or katakana, or
/// Latin words of three or more letters standing alone.
pub(super) fn repeated_names(text: &str, claims: &mut Claims) {
    let parts: Vec<&str> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .flat_map(|c| text[c.0..c.1].split([' ', '・']))
        .filter(|p| {
            let n = p.chars().count();
            (n >= 2 && p.chars().all(|c| is_kanji(c) || is_katakana(c)))
                || (n >= 3 && p.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .collect();
    let mut found = Vec::new();
    for part in parts {
        if is_title(part) {
            continue;
        }
        // 社長の赤坂が…赤坂の事務所: a surname that is also a town is masked wherever the
        // message writes it, unless it is the tail of another town (南青山).
        let town = is_town(part);
        let latin = part.is_ascii();
        for (at, _) in text.match_indices(part) {
            let end = at + part.len();
            let alone = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            // A katakana part inside a longer katakana word is another word (ケン in ケンタ).
            let kana_alone = |c: Option<char>| c.is_none_or(|c| !is_katakana(c));
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let ok = if latin {
                alone(before) && alone(after)
            } else if part.chars().all(is_katakana) {
                kana_alone(before) && kana_alone(after)
            } else {
                !(town && before.is_some_and(is_kanji))
            };
            if ok {
                found.push((at, end));
            }
        }
    }
    for (s, e) in found {
        claims.claim(s, e, PiiKind::Name);
    }
}

/// The end of a given name in hiragana at `from`: two to four kana closed by a particle (の, が,
/// は, と, に, も) or a break; not a word that follows a relation in a sentence (こと, ため).
fn kana_name_closed(text: &str, from: usize) -> Option<usize> {
    let len: usize = hiragana_prefix_len(&text[from..]);
    let kana = &text[from..from + len];
    // The particle is the last kana: さくらの, あやかが.
    let (name, rest) = match kana.char_indices().next_back() {
        Some((i, c)) if "のがはともに".contains(c) => (&kana[..i], &text[from + i..]),
        _ => (kana, &text[from + len..]),
    };
    let n = name.chars().count();
    let closed = rest
        .chars()
        .next()
        .is_none_or(|c| "のがはともに、。 )".contains(c));
    let common = ["こと", "もの", "ため", "ほう", "とき", "ところ", "みんな"]
        .iter()
        .any(|w| name.starts_with(w) || name.ends_with(w));
    ((2..=4).contains(&n) && closed && !common).then_some(from + name.len())
}

/// A name found in part (名前 長谷川 [千尋 left], 木村 [達也 found]) takes in the other part
/// across one space: a short kanji, katakana or kana word that is not a title.
pub(super) fn widen_names(view: &NameView<'_>, claims: &mut Claims) {
    let text = view.text;
    let found: Vec<(usize, usize)> = claims
        .0
        .iter()
        .filter(|c| c.2 == PiiKind::Name)
        .map(|c| (c.0, c.1))
        .collect();
    for (s, e) in found {
        // 朴 智[恩]: a full name the dictionary cut one kanji short of its end.
        let mut glued = text[e..].chars();
        if text[s..e].contains(' ')
            && let Some(c) = glued.next().filter(|&c| is_kanji(c))
            && glued.next().is_none_or(|n| "(、。, \n".contains(n))
            && !"様殿氏宛君家邸方達他等名".contains(c)
        {
            claims.claim(e, e + c.len_utf8(), PiiKind::Name);
        }
        // To the right: 「長谷川 千尋」「中野 さくら」.
        if let Some(rest) = text[e..].strip_prefix(' ') {
            let first = rest.chars().next();
            let kind: Option<fn(char) -> bool> = match first {
                Some(c) if is_kanji(c) => Some(is_kanji),
                Some(c) if is_katakana(c) => Some(is_katakana),
                Some(c) if is_hiragana(c) => Some(is_hiragana),
                _ => None,
            };
            if let Some(same) = kind {
                let mut run: String = rest.chars().take_while(|&c| same(c)).collect();
                for suffix in ["名義", "宛", "様", "殿", "氏"] {
                    if let Some(i) = run.find(suffix) {
                        run.truncate(i);
                    }
                }
                let n = run.chars().count();
                let after = rest[run.len()..].chars().next();
                let hiragana_ok = !first.is_some_and(is_hiragana)
                    || (![
                        "で", "と", "さん", "さま", "く", "ちゃ", "か", "ま", "よ", "な", "に",
                        "へ", "の", "は", "が", "も", "を",
                    ]
                    .iter()
                    .any(|p| run.starts_with(p))
                        && !after.is_some_and(is_hiragana));
                // Not a label that follows the name (西脇 電話:…): one common word.
                let b = e + 1 + run.len();
                let label = first.is_some_and(is_kanji)
                    && !name_shaped(&run)
                    && view.words.iter().any(|w| {
                        w.start == e + 1 && w.end == b && w.class == WordClass::CommonNoun
                    });
                // ﾄ ﾓｳｼﾏｽ: one katakana is a particle typed in katakana, not a name's part.
                let katakana_ok = !first.is_some_and(is_katakana) || n >= 2;
                // りく 三人とも: a count of people after a list of names.
                let mut count = run.chars();
                let counted = count
                    .next()
                    .is_some_and(|c| "二三四五六七八九十何".contains(c))
                    && count.next().is_some_and(|c| "人名".contains(c));
                if (1..=4).contains(&n)
                    && !is_title(&run)
                    && hiragana_ok
                    && katakana_ok
                    && !label
                    && !counted
                {
                    claims.claim(e, b, PiiKind::Name);
                }
            }
        }
        // To the left: 「木村 [達也]」「ゴトウ [ナオキ]」; not a ward or a department.
        if let Some(before) = text[..s].strip_suffix(' ') {
            let last = before.chars().next_back();
            let same: Option<fn(char) -> bool> = match last {
                Some(c) if is_kanji(c) => Some(is_kanji),
                Some(c) if is_katakana(c) => Some(is_katakana),
                _ => None,
            };
            if let Some(same) = same {
                let len: usize = before
                    .chars()
                    .rev()
                    .take_while(|&c| same(c))
                    .map(char::len_utf8)
                    .sum();
                let mut a = before.len() - len;
                // 代表者中島 [隆]: a role or a label run on before the surname is not part of it;
                // a label alone (相談者情報) is no surname.
                let label = LABELS.contains(&&before[a..]) || is_title(&before[a..]);
                if last.is_some_and(is_kanji)
                    && !label
                    && let Some(role) = ROLE_BEFORE
                        .iter()
                        .chain(LABELS)
                        .filter(|r| before[a..].starts_with(**r) && before.len() > a + r.len())
                        .max_by_key(|r| r.len())
                {
                    a += role.len();
                }
                let run = &before[a..];
                let n = run.chars().count();
                let other = view
                    .words
                    .iter()
                    .any(|w| w.start < before.len() && w.end > a && w.class == WordClass::Other);
                let kanji_ok = !last.is_some_and(is_kanji) || (n <= 3 && !other);
                if (1..=6).contains(&n) && kanji_ok && !is_title(run) && !label {
                    claims.claim(a, before.len(), PiiKind::Name);
                }
            }
        }
    }
    claims.merge_adjacent_names(text);
}

#[cfg(test)]
mod tests {
    use crate::domain::masking::test_dict::d;

    #[test]
    fn a_full_name_with_a_full_width_space_is_one_name() {
        assert_eq!(
            d("北川　菜々子（夕方なら出られます）"),
            "[氏名](夕方なら出られます)"
        );
        assert_eq!(d("野村　ひかり、開業予定です"), "[氏名]、開業予定です");
        assert_eq!(d("お名前：北川　瑛太"), "お名前:[氏名]");
        assert_eq!(d("申請者：戸田　美咲"), "申請者:[氏名]");
        assert_eq!(d("申請者は個人事業主です"), "申請者は個人事業主です");
    }

    #[test]
    fn a_relation_before_a_name_marks_it() {
        assert_eq!(d("姉の北川 美咲が手伝います"), "姉の[氏名]が手伝います");
        assert_eq!(d("夫の瑛太が代表です"), "夫の[氏名]が代表です");
        assert_eq!(d("母の代表就任について"), "母の代表就任について");
        assert_eq!(d("夫(瑛太)の口座です"), "夫([氏名])の口座です");
        assert_eq!(d("息子 瑛太の名義です"), "息子 [氏名]の名義です");
        assert_eq!(d("娘・ひまりの進学で"), "娘・[氏名]の進学で");
        assert_eq!(d("娘・むすこのことで"), "娘・むすこのことで");
    }

    #[test]
    fn a_surname_found_once_is_masked_where_it_recurs() {
        assert_eq!(
            d("北川です（北川商店）。決算の件で"),
            "[氏名]です([氏名]商店)。決算の件で"
        );
        assert_eq!(
            d("戸田 美咲です。戸田の代わりに書いています"),
            "[氏名]です。[氏名]の代わりに書いています"
        );
    }

    #[test]
    fn a_role_run_on_before_a_surname_is_not_part_of_it() {
        assert_eq!(
            d("代表者北川 美咲(昭和50年1月2日生)"),
            "代表者[氏名]([生年月日]生)"
        );
        assert_eq!(d("代表は北川 瑛です"), "代表は[氏名]です");
    }
}

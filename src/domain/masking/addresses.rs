//! Street-level addresses (丁目・番地・号, block numbers after a town, buildings and rooms),
//! and the keys by which a published office address is recognised and left alone.

use std::sync::OnceLock;

use regex::Regex;

use super::scan::{
    Claims, char_back, char_offset, is_kanji, is_katakana, is_unit, prepare, re, trim_span,
};
use super::{Lexicon, PiiKind, Word, WordClass};

/// The block number of an address (港区芝5-36-4 札の辻スクエア → 5-36-4): how a published
/// office address is recognised however the rest of it is written.
///
/// The character before the block number, when it is part of a town's name, is part of the key
/// (芝|5-36-4): 台東1-3-5 is an office, 六本木1-3-5 someone's home. 丁目・番・号 read as dashes.
pub fn address_key(address: &str) -> String {
    static KEY: OnceLock<Regex> = OnceLock::new();
    let key = KEY.get_or_init(|| re(r"\d+(?: ?(?:-|の|丁目|番地|番|号) ?\d+){0,2}"));
    let address = prepare(address);
    let Some(m) = key.find(&address) else {
        return String::new();
    };
    let digits: Vec<&str> = m
        .as_str()
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    let town = address[..m.start()]
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .filter(|&c| (is_kanji(c) || is_katakana(c)) && c != '〒');
    match town {
        Some(c) => format!("{c}|{}", digits.join("-")),
        None => digits.join("-"),
    }
}

/// Whether the address at [s, e) of `text` is a published one. The published keys hold each
/// address with its town and without, so an address written without a town still matches.
fn is_public(text: &str, s: usize, e: usize, lexicon: &dyn Lexicon) -> bool {
    lexicon.is_public_address(&address_key(&text[char_back(text, s, 2)..e]))
}

/// The keys of the addresses found in published texts (scheme contacts, FAQ answers, desks):
/// of the addresses [`super::find`] finds in each text without a dictionary.
pub fn public_address_keys<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut keys = std::collections::HashSet::new();
    for text in texts {
        let prepared = prepare(text);
        for (s, e) in super::addresses_without_dictionary(&prepared) {
            add_public_keys(&mut keys, &prepared, s, e);
        }
    }
    keys.remove("");
    keys
}

/// The keys of the address at [s, e) of `text`: with its town, and its numbers alone.
fn add_public_keys(keys: &mut std::collections::HashSet<String>, text: &str, s: usize, e: usize) {
    let key = address_key(&text[char_back(text, s, 2)..e]);
    if let Some((_, digits)) = key.split_once('|') {
        keys.insert(digits.to_string());
    }
    keys.insert(key);
}

pub(super) struct Patterns {
    chome: Regex,
    banchi: Regex,
    dash_run: Regex,
    postal: Regex,
    room: Regex,
    building_tail: Regex,
    building_before: Regex,
    room_no: Regex,
    room_cue: Regex,
    address_cue: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        chome: re(
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}) ?丁目(?: ?\d{1,4} ?番地?(?: ?の? ?\d{1,4} ?号?)?| ?\d{1,4}(?: ?- ?\d{1,4}){0,2}| ?[一二三四五六七八九十]{1,3}番(?:[一二三四五六七八九十]{1,3}号)?)?",
        ),
        banchi: re(r"\d{1,5} ?番地(?: ?の? ?\d{1,4})?(?: ?\d{1,4} ?号)?|\d{1,4} ?番 ?\d{1,4} ?号"),
        dash_run: re(r"\d{1,4}(?: ?- ?\d{1,4}){1,3}|\d{1,4}(?:の\d{1,4}){1,2}"),
        postal: re(r"〒 ?\d{3}-?\d{4}|\d{3}-\d{4}"),
        room: re(
            r"(?i)\d{1,4} ?号室|#\s?\d{1,4}|\b(?:room|apt\.?|apartment|unit|suite) ?#?\d{1,4}[a-z]?\b",
        ),
        // After an address: a building name and a floor or room ("赤坂ビル5F", " ミナトハイツ203").
        building_tail: re(
            r"^(?:-|[、,] ?)?(?: ?[ァ-ヶー一-龯々ぁ-ゖA-Za-z・]{1,20}?(?: [ァ-ヶー一-龯々A-Za-z・]{1,20}?){0,2})? ?(?:\d{1,4} ?(?:階|F|f|号室|号)?|[A-Za-z]?\d{1,4})",
        ),
        // "Hillside Court 211, ", "Tamachi Station Tower N 1508, ": a building's words and room.
        building_before: re(r"(?:[A-Z][A-Za-z.]* ){1,4}[A-Z]?\d{1,4}, $"),
        room_no: re(r"\d{3,4} ?号"),
        room_cue: re(r"部屋|号室|マンション|アパート|一室|住戸"),
        address_cue: re(
            r"(?i)住所|所在地|在住|住んで|住まい|自宅|実家|居所|住民票|送付先|送り先|郵送先|届け先|返送先|引っ越|転居|\baddress\b|\blive at\b|\blive in\b",
        ),
    })
}

/// Street-level addresses: 丁目・番地・号, digit runs after a town name, rooms and buildings.
pub(super) fn addresses(text: &str, words: &[Word], lexicon: &dyn Lexicon, claims: &mut Claims) {
    claim_addresses(text, candidates(text, words), lexicon, claims);
}

/// What may be an address in a text, found from its shape and its words alone: the spans
/// (none inside another) and where the postal codes among them start. Nothing another
/// detector claimed is looked at yet, so a text without a candidate has no address.
pub(super) struct Candidates {
    found: Vec<(usize, usize)>,
    postal: Vec<usize>,
}

impl Candidates {
    pub(super) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

pub(super) fn candidates(text: &str, words: &[Word]) -> Candidates {
    let p = patterns();
    let mut found: Vec<(usize, usize)> = Vec::new();
    // A postal code is followed by the town, not by a building.
    let mut postal: Vec<usize> = Vec::new();
    for m in p.postal.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if text[e..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-')
            || text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        postal.push(s);
        found.push((s, e));
    }
    for m in p.chome.find_iter(text).chain(p.banchi.find_iter(text)) {
        // 青山一丁目駅, 一丁目から三丁目まで: a station or a stretch of streets, not a home.
        let rest = &text[m.end()..];
        if m.as_str().ends_with("丁目")
            && ["駅", "から", "まで"].iter().any(|w| rest.starts_with(w))
        {
            continue;
        }
        // 「四丁目の店は」「高輪二丁目あたりで」: a 丁目 with no block number after it is a
        // stretch of streets, unless the message says someone lives or is reached there.
        if m.as_str().ends_with("丁目") {
            let town = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| is_kanji(c) || is_katakana(c));
            let cued = p
                .address_cue
                .is_match(&text[char_back(text, m.start(), 30)..char_offset(text, m.end(), 8)]);
            if !(town && cued) {
                continue;
            }
        }
        found.push((m.start(), m.end()));
    }
    // A room number without 室 where the text speaks of a room (部屋番号…303号, 一室(507号)).
    for m in p.room_no.find_iter(text) {
        let cue = p
            .room_cue
            .is_match(&text[char_back(text, m.start(), 30)..m.start()]);
        if cue && !text[m.end()..].starts_with('室') {
            found.push((m.start(), m.end()));
        }
    }
    for m in p.dash_run.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        // 1-21-18KDビル: a building name may follow the block number without a space.
        let glued =
            next.is_some_and(|c| c.is_ascii_uppercase()) && p.building_tail.is_match(&text[e..]);
        let floor = floor_after(&text[e..]);
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '/')
            || (!glued
                && floor == 0
                && next.is_some_and(|c| c.is_ascii_alphanumeric() || is_unit(c) || c == '.')
                && !full_stop(&text[e..]))
        {
            continue;
        }
        let groups: Vec<&str> = m.as_str().split(['-', 'の']).map(str::trim).collect();
        // 2026-11-30 is a date, not a block number.
        if groups[0].len() == 4 {
            continue;
        }
        let before = text[..s].trim_end_matches(' ');
        let last = before.chars().next_back();
        let place_word = words
            .iter()
            .any(|w| w.end == before.len() && matches!(w.class, WordClass::Place));
        let town_suffix = ["区", "市", "町", "村", "丁目", "通り", "番地"]
            .iter()
            .any(|w| before.ends_with(w));
        let cue = p.address_cue.is_match(&text[char_back(text, s, 30)..s]);
        let cjk_before = last.is_some_and(|c| is_kanji(c) || is_katakana(c));
        let english_after = {
            let rest = &text[e..char_offset(text, e, 40)];
            rest.starts_with(' ')
                && rest[1..].starts_with(|c: char| c.is_ascii_uppercase())
                && (rest.contains("-ku")
                    || rest.contains("Minato")
                    || rest.contains("Tokyo")
                    || romaji_town(&rest[1..]))
        };
        // "The office at Minato City Hall, 1-5-25 Shibakoen": the ward's own address.
        let office = {
            let near = &text[char_back(text, s, 40)..s];
            ["City Hall", "city hall", "Ward Office", "ward office"]
                .iter()
                .any(|w| near.contains(w))
        };
        let ok = !office
            && (place_word
                || town_suffix
                || english_after
                || (cue && (cjk_before || groups.len() >= 3))
                || (cjk_before && groups.len() >= 3 && !before.ends_with('第'))
                || (last.is_some_and(|c| c.is_ascii_alphabetic()) && groups.len() >= 3));
        if ok {
            // An English address may name the building and room first (Hillside Court 211, 1-5-3 …).
            let s = p
                .building_before
                .find(&text[..s])
                .filter(|_| english_after)
                .map_or(s, |b| b.start());
            found.push((s, e + floor));
        }
    }
    for m in p.room.find_iter(text) {
        found.push((m.start(), m.end()));
    }
    // 芝5丁目36番4号 is one address, not a 丁目 with a 番・号 inside it found again.
    found.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    let mut reach = 0;
    found.retain(|&(_, e)| {
        let inside = e <= reach;
        reach = reach.max(e);
        !inside
    });
    Candidates { found, postal }
}

/// Claims the candidates no earlier detector claimed, each with the building and room after
/// it, unless the address is a published one.
pub(super) fn claim_addresses(
    text: &str,
    Candidates { found, postal }: Candidates,
    lexicon: &dyn Lexicon,
    claims: &mut Claims,
) {
    let p = patterns();
    for (s, mut e) in found {
        // The building and room after an address belong to it.
        if let Some(t) = p
            .building_tail
            .find(&text[e..])
            .filter(|_| !postal.contains(&s))
        {
            let tail_end = e + t.end();
            let next = text[tail_end..].chars().next();
            let tail = t.as_str();
            let has_building = tail
                .chars()
                .any(|c| is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic());
            // After a comma only a building name continues the address (、白金台テラス203).
            let after_comma = tail.starts_with(['、', ',']);
            if claims.free(e, tail_end)
                && (!after_comma || has_building)
                && !next.is_some_and(|c| c.is_ascii_digit() || is_unit(c))
                && (has_building
                    || tail
                        .trim_start_matches([' ', '-'])
                        .starts_with(|c: char| c.is_ascii_digit()))
                && !tail.contains(['年', '月', '日', '円', '人'])
                && tail.chars().any(|c| c.is_ascii_digit())
            {
                e = tail_end;
            }
        }
        // 港区三田2丁目11番5号⏎メゾン三田402: the building on the line after the address.
        if let Some(next) = text[e..].strip_prefix('\n') {
            let line = &next[..next.find('\n').unwrap_or(next.len())];
            let building = [
                "マンション",
                "メゾン",
                "ハイツ",
                "コート",
                "レジデンス",
                "ビル",
                "タワー",
                "ハウス",
                "荘",
                "テラス",
            ]
            .iter()
            .any(|w| line.contains(w));
            let room = line
                .trim_end_matches(['号', '室'])
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit());
            if building && room && line.chars().count() <= 24 && claims.free(e, e + 1 + line.len())
            {
                e += 1 + line.len();
            }
        }
        let (s, e) = trim_span(text, s, e);
        if is_public(text, s, e, lexicon)
            || office_in_brackets(text, s)
            || beside_an_office(text, s, e)
        {
            continue;
        }
        claims.claim(s, e, PiiKind::Address);
    }
}

/// Whether `rest` opens with a town of the ward in romaji (Takanawa, Higashi-Azabu,
/// Shirokanedai): "1-3-7 Higashi-Azabu, apt 301".
fn romaji_town(rest: &str) -> bool {
    const TOWNS: &[&str] = &[
        "akasaka",
        "motoakasaka",
        "azabu",
        "azabujuban",
        "azabudai",
        "motoazabu",
        "nishiazabu",
        "higashiazabu",
        "minamiazabu",
        "roppongi",
        "aoyama",
        "minamiaoyama",
        "kitaaoyama",
        "toranomon",
        "shinbashi",
        "shimbashi",
        "nishishinbashi",
        "higashishinbashi",
        "shiba",
        "shibakoen",
        "shibadaimon",
        "shibaura",
        "kaigan",
        "konan",
        "kounan",
        "daiba",
        "odaiba",
        "mita",
        "takanawa",
        "shirokane",
        "shirokanedai",
        "hamamatsucho",
        "atago",
        "nishikubo",
    ];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_lowercase();
    TOWNS.contains(&word.as_str())
}

/// The length of a floor written right after a block number (3-14-19-2F, 4-5-6-3階), or 0.
fn floor_after(rest: &str) -> usize {
    let floor = rest
        .strip_prefix(['F', 'f'])
        .map(|r| (1, r))
        .or_else(|| rest.strip_prefix('階').map(|r| ('階'.len_utf8(), r)));
    match floor {
        Some((n, r)) if !r.starts_with(|c: char| c.is_ascii_alphanumeric()) => n,
        _ => 0,
    }
}

/// A full stop, not a decimal point: "… Takanawa 2-19-7-303."
fn full_stop(rest: &str) -> bool {
    rest.strip_prefix('.')
        .is_some_and(|r| r.chars().next().is_none_or(|c| c == ' ' || c == '\n'))
}

/// An address in brackets after a public office (区役所(港区…), …センター(港区…)) is the
/// office's, not the caller's.
fn office_in_brackets(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches(|c: char| c != '(' && !c.is_ascii_digit());
    let Some(office) = before.strip_suffix('(') else {
        return false;
    };
    // Only what stands between the bracket and the block number: 港区芝公園.
    let between = &text[before.len()..s];
    between.chars().count() <= 12 && names_an_office(office.trim_end())
}

/// Words that end the name of a public office or hall.
const OFFICES: &[&str] = &[
    "役所",
    "庁舎",
    "センター",
    "公社",
    "協会",
    "税務署",
    "労働局",
    "公庫",
    "拠点",
    "支所",
    "支部",
    "会議所",
    "会館",
    "図書館",
    "保健所",
];

fn names_an_office(name: &str) -> bool {
    OFFICES.iter().any(|o| name.ends_with(o))
}

/// An address an office is named beside, as a caller checks where to go: 芝公園1-5-25の区役所,
/// 創業支援センターの住所は芝浦3-1-21, 港区芝公園3-5-8 機械振興会館, 1-5-25 (ward office).
/// Only an office right before (its 住所は) or right after (a space, の or a bracket apart)
/// counts: a home near an office has other words between.
fn beside_an_office(text: &str, s: usize, e: usize) -> bool {
    let after = text[e..].trim_start_matches([' ', '(', 'の']);
    // The next word, its hiragana ending left off (区役所本庁舎ですか): 世界貿易センタービル is
    // a building, not an office.
    let word: String = after
        .chars()
        .take_while(|c| !"、。,.?!() \n".contains(*c))
        .collect();
    let word = word.trim_end_matches(|c: char| ('\u{3041}'..='\u{309F}').contains(&c));
    let after_english = after.to_lowercase();
    if names_an_office(word)
        || ["ward office", "city hall", "chamber of commerce"]
            .iter()
            .any(|o| after_english.starts_with(o))
    {
        return true;
    }
    // The town before the block number may stand outside the span.
    let before = text[..s]
        .trim_end_matches(' ')
        .trim_end_matches(|c: char| is_kanji(c) || is_katakana(c))
        .trim_end_matches(' ');
    ["の住所は", "の所在地は", "の住所が", "の住所:", "の住所"]
        .iter()
        .filter_map(|cue| before.strip_suffix(cue))
        .any(names_an_office)
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::add_public_keys;
    use crate::domain::masking::test_dict::m;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn an_address_named_beside_an_office_is_the_offices() {
        for text in [
            "保健所の住所は三田1-4-10で合ってますか",
            "三田1-4-10の保健所ですか?",
            "港区三田1-4-10 みなと保健会館でいいですか",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
        assert_eq!(
            m("自宅は港区三田1-4-10 三田センタービル3階です"),
            "自宅は港区三田[住所]です"
        );
    }

    #[test]
    fn street_addresses_but_not_a_district_alone() {
        assert_eq!(
            m("港区赤坂3丁目4番15号に住んでいます"),
            "港区赤坂[住所]に住んでいます"
        );
        assert_eq!(m("港区赤坂三丁目4-15"), "港区赤坂[住所]");
        assert_eq!(
            m("住所は港区六本木6-10-1です"),
            "住所は港区六本木[住所]です"
        );
        assert_eq!(m("芝公園4-2-8 ミナトビル302号室"), "芝公園[住所]");
        assert_eq!(m("港区南青山2-3-4-1203"), "港区南青山[住所]");
        assert_eq!(
            m("港区海岸8-7-6-4Fに移りました"),
            "港区海岸[住所]に移りました"
        );
        assert_eq!(m("港区高輪5-4-3-2階です"), "港区高輪[住所]です");
        assert_eq!(m("芝5丁目1番地の2"), "芝[住所]");
        assert_eq!(
            m("3-4-15 Akasaka, Minato-ku, Tokyo"),
            "[住所] Akasaka, Minato-ku, Tokyo"
        );
        assert_eq!(m("港区芝9丁目8番7号-605"), "港区芝[住所]");
        assert_eq!(
            m("港区海岸7-6-5、みなとテラス1104です"),
            "港区海岸[住所]です"
        );
        assert_eq!(m("港区海岸7-6-5XYビル 902号室"), "港区海岸[住所]");
        assert_eq!(
            m("I live at Bayview Court 305, 4-3-2 Kaigan, Minato-ku"),
            "I live at [住所] Kaigan, Minato-ku"
        );
        assert_eq!(m("部屋番号は808号です"), "部屋番号は[住所]です");
        assert_eq!(m("第808号の通知"), "第808号の通知");
        assert_eq!(
            m("麻布十番駅と三田一丁目駅の間"),
            "麻布十番駅と三田一丁目駅の間"
        );
        assert_eq!(
            m("区民センター(港区芝9-8-7)の何階ですか"),
            "区民センター(港区芝9-8-7)の何階ですか"
        );
        assert_eq!(m("自宅(港区芝9-8-7)です"), "自宅(港区芝[住所])です");
        assert_eq!(
            m("自宅兼事務所(港区芝9-8-7)です"),
            "自宅兼事務所(港区芝[住所])です"
        );
        assert_eq!(m("赤坂のあたりで開業したい"), "赤坂のあたりで開業したい");
        assert_eq!(m("従業員5-20人の会社"), "従業員5-20人の会社");
    }

    #[test]
    fn a_published_office_address_is_not_personal() {
        struct Offices(std::collections::HashSet<String>);
        impl Lexicon for Offices {
            fn words(&self, _text: &str) -> Vec<Word> {
                Vec::new()
            }
            fn is_public_address(&self, key: &str) -> bool {
                self.0.contains(key)
            }
        }
        let keys = public_address_keys([
            "窓口は港区芝5-36-4 札の辻スクエア8階です",
            "本部(台東区台東1-3-5 反町商事ビル1階)",
        ]);
        assert!(keys.contains("芝|5-36-4"), "{keys:?}");
        assert!(keys.contains("5-36-4"), "{keys:?}");
        let offices = Offices(keys);
        for text in [
            "港区芝５－３６－４の札の辻スクエアに行けばいいですか",
            "芝5丁目36番4号の窓口ですか",
        ] {
            assert_eq!(
                mask(text, &offices).into_string(),
                text.nfkc().collect::<String>()
            );
        }
        assert_eq!(
            mask("自宅は港区芝5-36-9です", &offices).into_string(),
            "自宅は港区芝[住所]です"
        );
        // The same block number in another town is someone's home.
        assert_eq!(
            mask("新住所:港区六本木1-3-5 六本木パークハウス 6階", &offices).into_string(),
            "新住所:港区六本木[住所]"
        );
    }

    /// The keys as first written: every span `find` gives each text, addresses kept.
    fn keys_of_every_span(texts: &[&str]) -> std::collections::HashSet<String> {
        let mut keys = std::collections::HashSet::new();
        for text in texts {
            let (prepared, spans) = find(text, &NoLexicon);
            for (s, e, kind) in spans {
                if kind == PiiKind::Address {
                    add_public_keys(&mut keys, &prepared, s, e);
                }
            }
        }
        keys.remove("");
        keys
    }

    #[test]
    fn published_keys_are_those_of_the_addresses_the_whole_masker_finds() {
        // Phone numbers and dates shaped like block numbers, names and e-mails beside
        // addresses, postal codes, rooms, offices in brackets, and texts with no address.
        let texts = [
            "窓口は港区芝5-36-4 札の辻スクエア8階です",
            "本部(台東区台東1-3-5 反町商事ビル1階) 電話 03-1234-5678",
            "電話 03-5472-1234 港区芝公園1-5-25",
            "〒105-8511 港区芝公園1-5-25 港区役所",
            "山田太郎と申します。港区赤坂3丁目4番15号に住んでいます",
            "氏名:鈴木一郎 住所:港区高輪2-19-7-303 生年月日:1985-04-12",
            "連絡先 info@example.co.jp 港区海岸8-7-6-4F",
            "産業振興センター(港区芝5-36-4 札の辻スクエア)",
            r#"{"id":"x","contact":"港区役所 産業振興課 03-3578-2111","as_of":"2026-04-01"}"#,
            "部屋番号は507号、ミナトハイツ一室(507号)",
            "上限は1,000万円、締切は2026-11-30、従業員5-20人",
            "補助金について教えてください",
            "",
        ];
        for text in texts {
            assert_eq!(
                public_address_keys([text]),
                keys_of_every_span(&[text]),
                "{text}"
            );
        }
        assert_eq!(public_address_keys(texts), keys_of_every_span(&texts));
        assert!(!public_address_keys(texts).is_empty());
    }

    #[test]
    fn the_centres_published_address_quoted_as_the_desks_stays() {
        for text in [
            "産業振興センター(港区芝5-36-4 札の辻スクエア)に行けばいいですか",
            "港区役所(港区芝公園1-5-25)の何階に行けばいいですか",
        ] {
            assert_eq!(m(text), text, "{text}");
        }
        // The caller's own address beside it is still masked.
        assert_eq!(
            m("産業振興センターは遠いです。自宅は港区芝5-36-9 芝ハイツ203です"),
            "産業振興センターは遠いです。自宅は港区芝[住所]です"
        );
    }

    #[test]
    fn postal_codes_rooms_and_buildings_of_several_words() {
        assert_eq!(
            m("送付先:〒108-0072 港区白金3-15-8 白金ハウス101"),
            "送付先:[住所] 港区白金[住所]"
        );
        assert_eq!(
            m("港区麻布台1-3-1 麻布台ヒルズ レジデンスA 3105"),
            "港区麻布台[住所]"
        );
        assert_eq!(
            m("living at Minato-ku Takanawa 2-19-7-303."),
            "living at Minato-ku Takanawa [住所]."
        );
        assert_eq!(m("住所は六本木5の2の1です"), "住所は六本木[住所]です");
        assert_eq!(
            m(
                "Please post it to Azabu Garden Tower B 702, 2-8-4 Azabudai, Minato-ku, Tokyo. Thanks"
            ),
            "Please post it to [住所] Azabudai, Minato-ku, Tokyo. Thanks"
        );
        assert_eq!(
            m("We moved to 1-4-9 Mita, Minato-ku last month."),
            "We moved to [住所] Mita, Minato-ku last month."
        );
    }

    #[test]
    fn a_chome_alone_is_a_stretch_of_streets_unless_someone_lives_there() {
        for text in [
            "一丁目から三丁目までが商店街の範囲だと聞きましたが、四丁目の店は加盟できますか",
            "1丁目から3丁目の商店会が合同でイベントをします",
            "高輪二丁目あたりで飲食店を開きたいです",
        ] {
            assert_eq!(m(text), text.nfkc().collect::<String>(), "{text}");
        }
        assert_eq!(
            m("港区赤坂三丁目に住んでいます"),
            "港区赤坂[住所]に住んでいます"
        );
    }
}

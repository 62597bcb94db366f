//! Street-level addresses (丁目・番地・号, block numbers after a town, buildings and rooms),
//! and the keys by which a published office address is recognised and left alone.

use std::sync::OnceLock;

use regex::Regex;

use super::scan::{
    Claims, char_back, char_offset, is_kanji, is_katakana, is_unit, prepare, re, trim_span,
};
use super::{Lexicon, NoLexicon, PiiKind, Word, WordClass, find};

/// The block number of an address (港区芝5-36-4 札の辻スクエア → 5-36-4): how a published
/// office address is recognised however the rest of it is written.
pub fn address_key(address: &str) -> String {
    static KEY: OnceLock<Regex> = OnceLock::new();
    let key = KEY.get_or_init(|| re(r"\d+(?: ?[-の] ?\d+)*"));
    key.find(&prepare(address))
        .map(|m| m.as_str().replace(' ', ""))
        .unwrap_or_default()
}

/// The keys of the addresses found in published texts (scheme contacts, FAQ answers, desks).
pub fn public_address_keys<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut keys = std::collections::HashSet::new();
    for text in texts {
        let (prepared, spans) = find(text, &NoLexicon);
        for (s, e, kind) in spans {
            if kind == PiiKind::Address {
                keys.insert(address_key(&prepared[s..e]));
            }
        }
    }
    keys.remove("");
    keys
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
            r"^(?:-|[、,] ?)?(?: ?[ァ-ヶー一-龯々ぁ-ゖA-Za-z・]{1,20}?)? ?(?:\d{1,4} ?(?:階|F|f|号室|号)?|[A-Za-z]?\d{1,4})",
        ),
        building_before: re(r"(?:[A-Z][A-Za-z.]+ ){1,3}\d{1,4}, $"),
        room_no: re(r"\d{3,4} ?号"),
        room_cue: re(r"部屋|号室|マンション|アパート|一室|住戸"),
        address_cue: re(r"(?i)住所|所在地|在住|住んで|自宅|\baddress\b|\blive at\b|\blive in\b"),
    })
}

/// Street-level addresses: 丁目・番地・号, digit runs after a town name, rooms and buildings.
pub(super) fn addresses(text: &str, words: &[Word], lexicon: &dyn Lexicon, claims: &mut Claims) {
    let p = patterns();
    let mut found: Vec<(usize, usize)> = Vec::new();
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
        if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '/')
            || (!glued && next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || is_unit(c)))
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
                && (rest.contains("-ku") || rest.contains("Minato") || rest.contains("Tokyo"))
        };
        let ok = place_word
            || town_suffix
            || english_after
            || (cue && (cjk_before || groups.len() >= 3))
            || (cjk_before && groups.len() >= 3 && !before.ends_with('第'))
            || (last.is_some_and(|c| c.is_ascii_alphabetic()) && groups.len() >= 3);
        if ok {
            // An English address may name the building and room first (Hillside Court 211, 1-5-3 …).
            let s = p
                .building_before
                .find(&text[..s])
                .filter(|_| english_after)
                .map_or(s, |b| b.start());
            found.push((s, e));
        }
    }
    for m in p.room.find_iter(text) {
        found.push((m.start(), m.end()));
    }
    found.sort();
    for (s, mut e) in found {
        // The building and room after an address belong to it.
        if let Some(t) = p.building_tail.find(&text[e..]) {
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
        let (s, e) = trim_span(text, s, e);
        if lexicon.is_public_address(&address_key(&text[s..e])) || office_in_brackets(text, s) {
            continue;
        }
        claims.claim(s, e, PiiKind::Address);
    }
}

/// An address in brackets after a public office (区役所(港区…), …センター(港区…)) is the
/// office's, not the caller's.
fn office_in_brackets(text: &str, s: usize) -> bool {
    const OFFICES: &[&str] = &[
        "役所",
        "センター",
        "公社",
        "協会",
        "税務署",
        "労働局",
        "公庫",
        "拠点",
        "支所",
        "会議所",
        "図書館",
        "保健所",
    ];
    let before = text[..s].trim_end_matches(|c: char| c != '(' && !c.is_ascii_digit());
    let Some(office) = before.strip_suffix('(') else {
        return false;
    };
    // Only what stands between the bracket and the block number: 港区芝公園.
    let between = &text[before.len()..s];
    between.chars().count() <= 12 && OFFICES.iter().any(|o| office.trim_end().ends_with(o))
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use unicode_normalization::UnicodeNormalization;

    fn m(text: &str) -> String {
        mask(text, &NoLexicon).into_string()
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
        struct Offices;
        impl Lexicon for Offices {
            fn words(&self, _text: &str) -> Vec<Word> {
                Vec::new()
            }
            fn is_public_address(&self, key: &str) -> bool {
                key == "5-36-4"
            }
        }
        let keys = public_address_keys(["窓口は港区芝5-36-4 札の辻スクエア8階です"]);
        assert!(keys.contains("5-36-4"), "{keys:?}");
        let text = "港区芝５－３６－４の札の辻スクエアに行けばいいですか";
        assert_eq!(
            mask(text, &Offices).into_string(),
            text.nfkc().collect::<String>()
        );
        assert_eq!(
            mask("自宅は港区芝5-36-9です", &Offices).into_string(),
            "自宅は港区芝[住所]です"
        );
    }
}

//! What is indexed and shown of each entry: searchable text, embedding text, snippets, filters.

use super::*;

/// What a scheme's embedding is computed from: its names, summary and the questions its FAQs
/// answer (long details blur an averaged vector).
pub fn faq_embedding_text(f: &Faq) -> String {
    format!("{}\n{}", f.question, f.answer)
}

pub fn embedding_text(s: &Scheme, corpus: &Corpus) -> String {
    let mut parts = vec![s.title.clone()];
    parts.extend(s.aliases.iter().cloned());
    parts.push(s.summary.clone());
    parts.push(s.purposes.join(" "));
    parts.extend(corpus.faqs_for(&s.id).map(|f| f.question.clone()));
    parts.join("\n")
}

pub(super) fn passes(scheme: &Scheme, status: WindowStatus, filters: &SearchFilters) -> bool {
    (filters.levels.is_empty() || filters.levels.contains(&scheme.level))
        && (filters.purposes.is_empty()
            || filters.purposes.iter().any(|p| scheme.purposes.contains(p)))
        && (!filters.open_only || matches!(status, WindowStatus::Open | WindowStatus::Always))
}

/// The searchable text of a scheme: title and aliases; summary, purposes and kind; the rest,
/// including the questions of its FAQs (callers phrase things the way FAQs do).
pub fn scheme_text(s: &Scheme, corpus: &Corpus) -> DocText {
    let title = std::iter::once(s.title.as_str())
        .chain(s.aliases.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let summary = format!(
        "{}\n{}\n{}",
        s.summary,
        s.purposes.join(" "),
        s.kind.label_ja()
    );
    let mut body = vec![
        s.details.clone(),
        s.provider.clone(),
        s.how_to_apply.clone(),
    ];
    body.extend(s.eligibility.conditions.iter().cloned());
    if let Some(a) = s.amount_text() {
        body.push(a);
    }
    body.extend(corpus.faqs_for(&s.id).map(|f| f.question.clone()));
    [title, summary, body.join("\n")]
}

pub(super) fn faq_text(f: &Faq, corpus: &Corpus) -> DocText {
    let schemes = f
        .scheme_ids
        .iter()
        .filter_map(|id| corpus.scheme(id))
        .map(|s| s.title.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    [f.question.clone(), f.answer.clone(), schemes]
}

/// 区/港区 → ward, 都/東京都 → Tokyo, 国 → national, when the caller names exactly one (in
/// English too: Minato or ward, Tokyo or metropolitan, national, Japan or government).
pub fn level_hint(normalized: &str) -> Option<Level> {
    let words: Vec<&str> = normalized
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let said = |w: &str| words.contains(&w);
    let metropolitan = said("tokyo") || said("metropolitan");
    let ward = said("minato")
        || said("ward")
        || normalized.contains("港区")
        || normalized.contains("区の")
        || normalized.contains("区が")
        || normalized.contains("区で")
        || normalized.contains("区役所");
    let tokyo = metropolitan
        || normalized.contains("東京都")
        || normalized.contains("都の")
        || normalized.contains("都が")
        || normalized.contains("公社");
    let national = said("national")
        || said("japan")
        || (said("government") && !metropolitan)
        || normalized.contains("国の")
        || normalized.contains("国が")
        || normalized.contains("政府")
        || normalized.contains("公庫");
    match (ward, tokyo, national) {
        (true, false, false) => Some(Level::Ward),
        (false, true, false) => Some(Level::Tokyo),
        (false, false, true) => Some(Level::National),
        _ => None,
    }
}

pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

pub(super) fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_hint_needs_exactly_one_level() {
        assert_eq!(level_hint("港区の創業融資"), Some(Level::Ward));
        assert_eq!(level_hint("東京都の助成金"), Some(Level::Tokyo));
        assert_eq!(level_hint("国の補助金と港区の補助金"), None);
        assert_eq!(level_hint("補助金"), None);
    }

    #[test]
    fn english_questions_name_levels_in_english() {
        assert_eq!(level_hint("loan from minato city"), Some(Level::Ward));
        assert_eq!(level_hint("tokyo start-up grant"), Some(Level::Tokyo));
        assert_eq!(
            level_hint("tokyo metropolitan government grant"),
            Some(Level::Tokyo)
        );
        assert_eq!(level_hint("a government subsidy"), Some(Level::National));
        assert_eq!(level_hint("minato, tokyo"), None);
        // Words, not letters: "toward" names no ward.
        assert_eq!(level_hint("a step toward hiring"), None);
    }

    #[test]
    fn shorten_marks_cut_text() {
        assert_eq!(shorten("あいうえお", 3), "あい…");
        assert_eq!(shorten("あい", 3), "あい");
    }
}

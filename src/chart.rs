//! Small server-side SVG charts (no JavaScript): a line chart (the eval history, the staff
//! dashboard, the monthly report's days) and a horizontal bar chart (the monthly report's
//! counts). Every chart is a picture with a title; pages put a table of the same numbers
//! beside it for anyone who cannot see it.

use std::fmt::Write;

/// Escapes text for SVG element content and attribute values.
fn esc(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

pub struct Series<'a> {
    pub name: &'a str,
    pub points: Vec<f64>,
}

const COLOURS: [&str; 4] = ["#0b5394", "#b45f06", "#38761d", "#741b47"];
const DASHES: [&str; 4] = ["", "6 3", "2 2", "8 2 2 2"];

/// Renders series over shared x labels; values are assumed in `0..=max`.
pub fn line_chart(title: &str, labels: &[String], series: &[Series<'_>], max: f64) -> String {
    let (w, h, left, bottom, top, right) = (640.0, 280.0, 48.0, 40.0, 30.0, 150.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let n = labels.len().max(2) as f64;
    let x = |i: usize| left + plot_w * i as f64 / (n - 1.0);
    let y = |v: f64| top + plot_h * (1.0 - (v / max).clamp(0.0, 1.0));
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(title)
    );
    let _ = write!(svg, r#"<rect width="{w}" height="{h}" fill="white"/>"#);
    for step in 0..=4 {
        let v = max * step as f64 / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end">{v:.2}</text>"##,
            left + plot_w,
            left - 4.0,
            y(v) + 4.0,
            y = y(v)
        );
    }
    for (i, l) in labels.iter().enumerate() {
        if labels.len() <= 12 || i % (labels.len() / 12 + 1) == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
                x(i),
                h - bottom + 16.0,
                esc(l)
            );
        }
    }
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = DASHES[k % DASHES.len()];
        let points: Vec<String> = s
            .points
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" points="{}"/>"#,
            points.join(" ")
        );
        for (i, v) in s.points.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{}: {v:.3}</title></circle>"#,
                x(i),
                y(*v),
                esc(s.name)
            );
        }
        let ly = top + 16.0 * k as f64;
        let lx = w - right + 10.0;
        let _ = write!(
            svg,
            r#"<line x1="{lx}" x2="{}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/><text x="{}" y="{}" font-size="12">{}</text>"#,
            lx + 20.0,
            lx + 26.0,
            ly + 4.0,
            esc(s.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Longest label drawn in a bar chart; the full label stays in the bar's tooltip and the table.
const BAR_LABEL_CHARS: usize = 14;

/// One bar: its label, its value, and the label's `lang` when it is not the page's (a scheme's
/// Japanese title on an English page).
pub type Bar = (String, usize, Option<&'static str>);

/// Horizontal bars, one per `(label, value, lang)` in the given order, each with its value
/// written at its end.
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let (w, left, right, top, row) = (640.0, 190.0, 50.0, 10.0, 24.0);
    let h = top * 2.0 + row * bars.len().max(1) as f64;
    let max = bars.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1) as f64;
    let plot_w = w - left - right;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}"><title>{t}</title><rect width="{w}" height="{h}" fill="white"/>"#,
        t = esc(title)
    );
    for (i, (label, value, lang)) in bars.iter().enumerate() {
        let lang = lang.map(|l| format!(r#" lang="{l}""#)).unwrap_or_default();
        let y = top + row * i as f64;
        let bar = plot_w * *value as f64 / max;
        let shown: String = if label.chars().count() > BAR_LABEL_CHARS {
            label
                .chars()
                .take(BAR_LABEL_CHARS - 1)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            label.clone()
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end"{lang}>{}</text><rect x="{left}" y="{:.1}" width="{bar:.1}" height="{:.1}" fill="{}"><title{lang}>{}: {value}</title></rect><text x="{:.1}" y="{:.1}" font-size="12">{value}</text>"##,
            left - 6.0,
            y + row * 0.65,
            esc(&shown),
            y + 3.0,
            row - 6.0,
            COLOURS[0],
            esc(label),
            left + bar + 4.0,
            y + row * 0.65,
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" x2="{left}" y1="{top}" y2="{}" stroke="#767676"/></svg>"##,
        h - top
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_escaped() {
        let svg = bar_chart(
            "件数 <分野別>",
            &[
                ("労務".into(), 4, None),
                ("<script>".into(), 2, None),
                ("法務".into(), 0, None),
            ],
        );
        // The plot is 640 - 190 - 50 = 400 wide: 4 fills it, 2 half of it, 0 nothing.
        assert!(svg.contains(r#"width="400.0""#), "{svg}");
        assert!(svg.contains(r#"width="200.0""#), "{svg}");
        assert!(svg.contains(r#"width="0.0""#), "{svg}");
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
        assert!(svg.contains(r#"aria-label="件数 &lt;分野別&gt;""#));
    }

    #[test]
    fn long_labels_are_shortened_but_kept_whole_in_the_tooltip() {
        let long = "とても長い制度の名前がここに入ります補助金";
        let svg = bar_chart("t", &[(long.into(), 1, Some("ja"))]);
        assert!(
            svg.contains(r#"lang="ja">とても長い制度の名前がここ…<"#),
            "{svg}"
        );
        assert!(svg.contains(&format!(r#"<title lang="ja">{long}: 1</title>"#)));
    }
}

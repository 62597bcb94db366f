//! The detail HTML: its sections and its plain text.

use super::{AMOUNT, CONTACT, HOW, TARGET};

/// The parts of a detail's HTML under the headings the export writes; a page without them is
/// all description.
#[derive(Debug, Default)]
pub(super) struct Sections {
    pub(super) details: String,
    pub(super) target: Vec<String>,
    pub(super) amount: Option<String>,
    pub(super) how: Option<String>,
    pub(super) contact: Option<String>,
}

pub(super) fn sections(html: &str) -> Sections {
    let mut out = Sections::default();
    let mut parts = html.split("<h3>");
    out.details = html_text(parts.next().unwrap_or(""));
    for part in parts {
        let Some((heading, body)) = part.split_once("</h3>") else {
            out.details.push('\n');
            out.details.push_str(&html_text(part));
            continue;
        };
        let text = html_text(body);
        match html_text(heading).as_str() {
            TARGET => {
                out.target = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            AMOUNT => out.amount = Some(text),
            HOW => out.how = Some(text),
            CONTACT => out.contact = Some(text),
            other => {
                out.details.push_str(&format!("\n{other}\n{text}"));
            }
        }
    }
    out.details = out.details.trim().to_string();
    out
}

/// HTML to plain text: breaks and block ends become new lines, tags go, entities decode.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        let closes_block = tag.starts_with('/')
            && matches!(
                name,
                "p" | "li" | "div" | "h1" | "h2" | "h3" | "h4" | "tr" | "ul" | "ol"
            );
        if name == "br" || closes_block {
            text.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let decoded = html_escape::decode_html_entities(&text).into_owned();
    decoded
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

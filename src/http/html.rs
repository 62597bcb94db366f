//! Tiny server-side HTML helpers: escaping and the shared page layout.

use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// A link to where an entry's facts come from, saying so when it is not the provider's own page.
pub fn source_link(url: &str, official: bool) -> String {
    let label = if official {
        "公式ページ"
    } else {
        "出典ページ（公式ではありません）"
    };
    format!(
        r#"<a href="{}" rel="noopener noreferrer">{label}</a>"#,
        esc(url)
    )
}

pub struct Page<'a> {
    pub title: &'a str,
    /// Which navigation entry is current.
    pub nav: &'a str,
    pub body: String,
}

const NAV: [(&str, &str, &str); 4] = [
    ("search", "/search", "制度をさがす"),
    ("recommend", "/recommend", "質問に答えて探す"),
    ("chat", "/chat", "チャットで相談"),
    ("admin", "/admin", "職員用"),
];

const CHAT_WIDGET: &str = r#"<aside class="chat-widget noprint" aria-labelledby="chat-widget-title">
<h2 id="chat-widget-title">チャットで質問する</h2>
<form id="chat-widget-form" method="post" action="/chat">
<label for="chat-widget-message">ご質問（個人情報は入力しないでください）</label>
<input type="text" id="chat-widget-message" name="message" maxlength="1000" required placeholder="例：ホームページ制作に使える補助金は？">
<button type="submit">送信</button>
</form>
<div id="chat-widget-reply" role="status" aria-live="polite"></div>
</aside>
<script src="/static/chat.js" defer></script>"#;

impl Page<'_> {
    pub fn render(&self) -> String {
        let widget = if matches!(self.nav, "chat" | "admin") {
            ""
        } else {
            CHAT_WIDGET
        };
        let mut nav = String::new();
        for (key, href, label) in NAV {
            let current = if key == self.nav {
                r#" aria-current="page""#
            } else {
                ""
            };
            let _ = write!(nav, r#"<li><a href="{href}"{current}>{label}</a></li>"#);
        }
        format!(
            r##"<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | 支援ナビ（港区 中小企業支援制度案内）</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header class="site">
<p class="brand"><a href="/">支援ナビ</a> <span>港区・東京都・国の中小企業支援制度案内</span></p>
<nav aria-label="メインメニュー"><ul>{nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
{body}
{widget}
</main>
<footer class="site">
<p>掲載情報は各制度の公式ページ（公式ページを確認できていない制度は、その旨を示した民間の解説ページ）をもとに要約したものです。申請前に必ず実施機関の公式ページと募集要項をご確認ください。</p>
<p>窓口の受付時間：平日 8:30〜17:15（土日・祝日・12月29日〜1月3日を除く）</p>
</footer>
</body>
</html>
"##,
            title = esc(self.title),
            body = self.body,
        )
    }
}

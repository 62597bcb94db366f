# 支援ナビ: interface text, やさしい日本語. Short sentences, common words, です/ます.
# The page adds furigana to scheme titles and summaries only; keep these words easy.

## Layout
site-name = 支援ナビ
site-tagline = 港区・東京都・国の、会社やお店を助ける制度の案内
site-title-suffix = 支援ナビ（港区の会社やお店を助ける制度の案内）
skip-link = 本文へ行く
nav-label = メニュー
nav-search = 制度をさがす
nav-recommend = 質問に答えてさがす
nav-chat = チャットで相談する
nav-admin = 区の職員が使うページ
lang-switch-label = ことばを選ぶ
footer-disclaimer = このサイトの情報は、それぞれの制度の公式ページなどを、短くまとめたものです。申し込む前に、かならず公式ページと募集要項（申し込みのきまり）を見てください。やさしい日本語の説明より、ふつうの日本語の説明と公式ページが正しいです。
footer-hours = 窓口が開いている時間：月曜日から金曜日の { $opens }から{ $closes }まで（土曜日・日曜日・祝日・12月29日から1月3日までは休みです）
weekday-hours = 月曜日から金曜日の { $opens }から{ $closes }まで
page-japanese-only = このページは、まだ、ふつうの日本語だけです。
page-partly-japanese = 制度の名前と説明は、やさしい日本語です。ほかは、まだ、ふつうの日本語です。
list-separator = 、
expanded-separator = 」「
label-separator = ：
paren-open = （
paren-close = ）
day-separator = ・

## Chat widget
chat-widget-title = チャットで質問する
chat-widget-label = 質問（名前や電話番号などは書かないでください）
chat-widget-placeholder = 例：ホームページを作るときに、もらえるお金はありますか？
chat-widget-send = 送る
chat-widget-empty = 質問を書いてください。
chat-widget-waiting = 答えを用意しています…
chat-widget-error = エラーが起きました。
chat-widget-replies-in-japanese = 答えは、ふつうの日本語で出ます。

## Home
home-title = ホーム
home-heading = 港区で仕事をする人のための、制度の案内
home-intro = 港区・東京都・国の制度をさがせます。もらえるお金（補助金・助成金）、お金を借りる手伝い、無料で相談できる所があります。
home-search-link = ことばで制度をさがす
home-search-text = 「店を始めたい」「ホームページを作りたい」など、ふだんのことばでさがせます。
home-recommend-link = 質問に答えてさがす
home-recommend-text = 会社の場所、仕事の種類、働く人の数、したいことを答えます。使えそうな制度と、その理由がわかります。
home-chat-link = チャットで相談する
home-chat-text = よくある質問に答えます。むずかしい相談は、相談員につなぎます。

## Not found
notfound-title = 見つかりません
notfound-heading = ページが見つかりません
notfound-link = ホームにもどる
scheme-notfound-heading = 制度が見つかりません
scheme-notfound-text = 「{ $id }」という制度はありません。
scheme-notfound-link = さがすページで、さがしてください。
error-internal = エラーが起きました。少し待ってから、もう一度ためしてください。

## Search
search-title = 制度をさがす
search-label = 知りたいこと・ことば
search-placeholder = 例：店を始めたい お金を借りたい
search-help = ふだんのことばで書けます。
search-level-legend = 制度を行うところ
search-purpose-label = したいこと
search-purpose-any = （選ばない）
search-open-only = 今、申し込めるものだけ
search-submit = さがす
search-expanded = 「{ $words }」も入れて、さがしました。
search-results-heading = 制度（{ $count }件）
search-none-before = 合う制度が見つかりませんでした。ほかのことばで、さがしてください。または、
search-none-chat = チャット
search-none-after = か、産業振興センターの窓口で相談してください。
search-error-empty = さがすことばを書いてください。
search-error-failed = さがしているときに、エラーが起きました。少し待ってから、もう一度ためしてください。
search-error-invalid = さがす条件を、もう一度見てください：
faq-heading = よくある質問
source-official = 公式ページ
source-secondary = 説明のページ（公式ではありません）

## Labels of the corpus's codes
level-ward = 港区
level-tokyo = 東京都
level-national = 国
level-prefecture = ほかの県
kind-subsidy = 補助金（もらえるお金）
kind-grant = 助成金（もらえるお金）
kind-loan-mediation = お金を借りる手伝い
kind-loan = お金を借りる
kind-interest-subsidy = 利子などを助ける
kind-consultation = 相談できる所
kind-expert-dispatch = 専門家が来てくれる
kind-certification = 認定・税金
kind-seminar = セミナー・講座
status-open = 今、申し込めます
status-always = いつでも申し込めます
status-upcoming = これから申し込めます
status-unannounced = 毎年あります（時期はまだ決まっていません）
status-closed = 申し込みは終わりました
purpose-founding = 事業を始める
purpose-equipment = 機械や設備を買う
purpose-it = ITを使う
purpose-sales = お客さんを増やす
purpose-overseas = 外国で売る
purpose-hiring = 人をやとう
purpose-training = 人を育てる
purpose-workstyle = 働きやすくする
purpose-succession = 事業をつぐ
purpose-cashflow = お金のやりくり
purpose-ip = 特許や商標
purpose-rnd = 新しい商品の研究
purpose-bcp = 災害にそなえる
purpose-energy = 電気を節約する・環境
purpose-shopping-street = 商店街
day-mon = 月
day-tue = 火
day-wed = 水
day-thu = 木
day-fri = 金

## Scheme page and facts rendered from the corpus's fields
scheme-official-name = 正式な名前
scheme-translation-note = この説明は、ふつうの日本語の説明を、やさしく書きなおしたものです。正しいのは、ふつうの日本語の説明と公式ページです。申し込む前に、かならず見てください。
scheme-translation-stale = ふつうの日本語の説明が新しくなりました。この説明は古いかもしれません。ふつうの日本語の説明を見てください。
scheme-translation-missing = この制度の説明は、まだ、ふつうの日本語だけです。
scheme-secondary-notice = この制度の情報は、公式ページではないページから書きました。申し込む前に、制度を行うところに聞いてください。
fact-provider = 制度を行うところ
fact-kind = 種類
fact-purposes = 目的
fact-amount = 金額
fact-min-amount = いちばん少ない金額
fact-amount-published = 金額のくわしい説明（ふつうの日本語）
fact-window = 申し込みの時期
fact-who = 使える人
fact-how = 申し込み方
fact-contact = 聞く所（ふつうの日本語）
fact-as-of = 情報を確かめた日
amount-max = { $amount }まで
amount-min = { $amount }から
round-dates = { $opens }から{ $closes }まで
scheme-details-heading = くわしい説明
scheme-japanese-entry = ふつうの日本語の説明（こちらが正しいです）
scheme-conditions-heading = おもな条件
scheme-official-link = 公式ページを見る
scheme-source-link = 説明のページを見る（公式ではありません）
scheme-notes = 情報についてのメモ
scheme-related = 関係のある制度
scheme-desks-heading = 相談できる所
desk-days = { $days }曜日
desk-hours = { $days } { $opens }から{ $closes }まで
desk-hours-unconfirmed = （時間はまだ確かめていません。予約するときに聞いてください）
desk-phone = 電話
desk-how-to-book = 予約のしかた

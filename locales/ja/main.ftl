# 支援ナビ: interface text, 日本語 (the reference catalog).
# Every key here must exist in easy/main.ftl and en/main.ftl too (tests/i18n_catalogs.rs).
# Facts (amounts, dates, hours, phone numbers) come in as $variables, never written here.

## Layout
site-name = 支援ナビ
site-tagline = 港区・東京都・国の中小企業支援制度案内
site-title-suffix = 支援ナビ（港区 中小企業支援制度案内）
skip-link = 本文へ移動
nav-label = メインメニュー
nav-search = 制度をさがす
nav-recommend = 質問に答えて探す
nav-chat = チャットで相談
nav-admin = 職員用
lang-switch-label = 表示する言語
footer-disclaimer = 掲載情報は各制度の公式ページ（公式ページを確認できていない制度は、その旨を示した民間の解説ページ）をもとに要約したものです。申請前に必ず実施機関の公式ページと募集要項をご確認ください。
footer-hours = 窓口の受付時間：平日 { $opens }〜{ $closes }（土日・祝日・12月29日〜1月3日を除く）
weekday-hours = 平日 { $opens }〜{ $closes }
page-japanese-only = このページは日本語のみです。
page-partly-japanese = 制度の名前と説明のほかは、日本語のみです。
list-separator = 、
expanded-separator = 」「
label-separator = ：
paren-open = （
paren-close = ）
day-separator = ・

## Chat widget
chat-widget-title = チャットで質問する
chat-widget-label = ご質問（個人情報は入力しないでください）
chat-widget-placeholder = 例：ホームページ制作に使える補助金は？
chat-widget-send = 送信
chat-widget-empty = ご質問を入力してください。
chat-widget-waiting = 回答を準備しています…
chat-widget-error = エラーが発生しました。
chat-widget-replies-in-japanese = 回答は日本語で表示されます。

## Home
home-title = ホーム
home-heading = 港区で事業をする皆さまの支援制度案内
home-intro = 港区・東京都・国の補助金、助成金、融資あっせん、無料の相談窓口を、ひとつの画面で探せます。
home-search-link = ことばで制度をさがす
home-search-text = 「起業したい」「ホームページを作りたい」など、ふだんの言葉で検索できます。
home-recommend-link = いくつかの質問に答えて探す
home-recommend-text = 所在地・業種・従業員数・やりたいことから、使える可能性の高い制度を理由つきでご案内します。
home-chat-link = チャットで相談する
home-chat-text = よくある質問にお答えします。込み入ったご相談は専門の相談員におつなぎします。

## Not found
notfound-title = 見つかりません
notfound-heading = ページが見つかりません
notfound-link = ホームへ戻る
scheme-notfound-heading = 制度が見つかりません
scheme-notfound-text = 「{ $id }」という制度は登録されていません。
scheme-notfound-link = 検索ページからお探しください。
error-internal = 内部エラーが発生しました。時間をおいてお試しください。

## Search
search-title = 制度をさがす
search-label = 相談内容・キーワード
search-placeholder = 例：起業したい 資金を借りたい
search-help = ふだんの言葉で入力できます（半角カナ・全角英数字も可）。
search-level-legend = 実施主体
search-purpose-label = 目的
search-purpose-any = （指定しない）
search-open-only = 現在受付中・通年受付のものだけ
search-submit = 検索する
search-expanded = 「{ $words }」も含めて検索しました。
search-results-heading = 制度（{ $count }件）
search-none-before = 該当する制度が見つかりませんでした。言葉を変えるか、
search-none-chat = チャット
search-none-after = または産業振興センターの窓口にご相談ください。
search-error-empty = 検索語を入力してください。
search-error-failed = 検索中にエラーが発生しました。時間をおいてお試しください。
search-error-invalid = 検索の条件を確認してください：
faq-heading = よくある質問
source-official = 公式ページ
source-secondary = 出典ページ（公式ではありません）

## Labels of the corpus's codes
level-ward = 港区
level-tokyo = 東京都
level-national = 国
level-prefecture = 他道府県
kind-subsidy = 補助金
kind-grant = 助成金
kind-loan-mediation = 融資あっせん・制度融資
kind-loan = 融資
kind-interest-subsidy = 利子補給・保証料補助
kind-consultation = 相談窓口
kind-expert-dispatch = 専門家派遣
kind-certification = 認定・税制
kind-seminar = セミナー・講座
status-open = 受付中
status-always = 通年受付
status-upcoming = 受付予定
status-unannounced = 例年募集（時期未発表）
status-closed = 受付終了
purpose-founding = 創業
purpose-equipment = 設備投資
purpose-it = IT導入
purpose-sales = 販路拡大
purpose-overseas = 海外展開
purpose-hiring = 人材確保
purpose-training = 人材育成
purpose-workstyle = 働き方・福利厚生
purpose-succession = 事業承継
purpose-cashflow = 資金繰り
purpose-ip = 知的財産
purpose-rnd = 研究開発
purpose-bcp = BCP・防災
purpose-energy = 省エネ・環境
purpose-shopping-street = 商店街
day-mon = 月
day-tue = 火
day-wed = 水
day-thu = 木
day-fri = 金

## Scheme page and facts rendered from the corpus's fields
scheme-official-name = 正式名称
scheme-translation-note = この説明は日本語の掲載情報をもとに書いたものです。日本語の掲載情報と実施機関の公式ページの内容が優先します。
scheme-translation-stale = 日本語の掲載情報はこの説明を書いた後に更新されています。日本語の内容をご確認ください。
scheme-translation-missing = この制度の説明はまだ日本語のみです。
scheme-secondary-notice = この制度の情報は、実施機関の公式ページではなく民間の解説ページをもとにしています。申請前に実施機関へ最新の内容をご確認ください。
fact-provider = 実施主体
fact-kind = 種類
fact-purposes = 目的
fact-amount = 金額・条件
fact-min-amount = 下限
fact-amount-published = 金額・条件
fact-window = 受付
fact-who = 対象
fact-how = 申請方法
fact-contact = 問い合わせ
fact-as-of = 情報の確認日
amount-max = 上限{ $amount }
amount-min = { $amount }以上
round-dates = { $opens }〜{ $closes }
scheme-details-heading = 詳しい内容
scheme-japanese-entry = 日本語の掲載情報（こちらが優先します）
scheme-conditions-heading = 主な条件
scheme-official-link = 公式ページで確認する
scheme-source-link = 出典ページを見る（公式ではありません）
scheme-notes = 出典と確認状況のメモ
scheme-related = 関連する制度
scheme-desks-heading = 相談できる窓口
desk-days = { $days }曜
desk-hours = { $days } { $opens }〜{ $closes }
desk-hours-unconfirmed = （時刻は未確認の目安です。予約時にご確認ください）
desk-phone = 電話
desk-how-to-book = 予約・受付

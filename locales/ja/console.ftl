# The staff console (/admin): menus, headings, labels and notices. Logged texts (inquiries,
# outcomes, judgments) are never in a catalog: the pages show them as written.

## Shared

console-menu-label = 職員メニュー
console-nav-dashboard = ダッシュボード
console-nav-inquiries = 問い合わせ一覧
console-nav-tickets = 引き継ぎチケット
console-nav-report = 実施報告
console-nav-freshness = コーパスの鮮度
console-nav-judgments = 正しい回答と改善案
console-nav-corpus = コーパスの編集
console-nav-accounts = 職員アカウント
console-nav-audit = 操作記録
console-logout = ログアウト（{ $name }）
console-signed-in = ログイン中：{ $name }（役割：{ $role }）
console-sep = ／
console-all = すべて
console-none = なし
console-no-data = データがありません
console-showing = （表示中：{ $status }、{ $count }件）
console-by-at = { $by }（{ $at }）
console-count = 件数
console-times = 回数
console-when = 日時
console-channel = チャネル
console-kind = 種類
console-status = 状態
console-text = 内容
console-text-masked = 内容（伏せ字済み）
console-confidence = 確信度
console-handoff = 引き継ぎ
console-purpose = 目的
console-category = 分野
console-reason = 理由
console-scheme = 制度
console-fix = 改善案
console-recorded = 記録
console-original-inquiry = 元の問い合わせ

## Labels of stored codes

channel-web = Web
channel-operator = オペレーター
channel-api = API
inquiry-kind-search = 検索
inquiry-kind-recommend = 質問票
inquiry-kind-chat = チャット
ticket-status-open = 未対応
ticket-status-done = 対応済み
judgment-status-open = 承認待ち
judgment-status-fixed = 対応済み
judgment-status-rejected = 却下
role-reviewer = 閲覧・判定担当
role-editor = 編集担当
role-administrator = 管理者
audit-action-login = ログイン
audit-action-login-failed = ログイン失敗
audit-action-logout = ログアウト
audit-action-access-denied = 権限のない操作（拒否）
audit-action-ticket-closed = チケット対応済み
audit-action-judgment-recorded = 正しい回答の記録
audit-action-fix-approved = 改善案の承認
audit-action-fix-rejected = 改善案の却下
audit-action-account-created = アカウント作成
audit-action-role-changed = 役割の変更
audit-action-password-reset = パスワード再設定
audit-action-inquiries-exported = 問い合わせCSV出力
audit-action-tickets-exported = チケットCSV出力
audit-action-report-viewed = 実施報告の閲覧
audit-action-report-exported = 実施報告CSV出力
audit-action-corpus-draft-saved = コーパスの下書き保存
audit-action-corpus-published = コーパスの公開
audit-action-corpus-rolled-back = コーパスを以前の版に戻して公開
audit-action-corpus-imported = コーパスの取り込み
audit-action-corpus-exported = コーパスの書き出し
permission-read-inquiries = 問い合わせの閲覧
permission-handle-tickets = 引き継ぎチケットの対応
permission-record-judgments = 正しい回答の記録
permission-read-reports = 報告とCSV出力
permission-approve-fixes = 改善案の承認・却下
permission-edit-corpus = コーパスの編集・公開
permission-manage-accounts = 職員アカウントの管理
permission-read-audit = 操作記録の閲覧
freshness-rule-old-as-of = 確認日が古い
freshness-rule-hours-unconfirmed = 受付時間が未確認の窓口
freshness-rule-not-official-source = 出典が公式ページでない
freshness-rule-closed-without-next-round = 募集が終了し次回が未定
freshness-rule-earlier-fiscal-year = 募集回が前年度以前のもののみ
answer-kind-scheme = 制度
answer-kind-faq = よくある質問
answer-kind-desk = 相談窓口
answer-kind-none = 該当する制度はない
fix-nothing = 改善不要（上位5件に表示済み）
fix-alias = 制度の別名に「{ $phrase }」を加える
fix-synonyms = 同義語のグループ「{ $words }」
fix-write-faq = よくある質問を書く

## Login and refusals

login-title = 職員ログイン
login-username = ユーザー名
login-password = パスワード
login-submit = ログイン
login-wrong = ユーザー名またはパスワードが違います。
login-locked = ログインに続けて失敗したため、しばらくロックしています。15分ほどたってからお試しください。
forbidden-title = 権限がありません
forbidden-message = { $action }は、{ $role }の役割では行えません。必要な場合は管理者に役割の変更を依頼してください。
forbidden-back = ダッシュボードへ戻る

## Dashboard

dashboard-title = ダッシュボード
dashboard-overview = 期間：{ $from } 〜 { $today }（日本時間）／問い合わせ { $inquiries } 件／引き継ぎ { $tickets } 件（未対応 { $open } 件）／フィードバック { $feedback } 件（回答率 { $rate }%、役に立った { $helpful }%）
dashboard-log-state = 記録の状態：書き込み { $written } 件、失敗 { $failed } 回、退避中 { $pending } 件
dashboard-chart-title = 過去30日の問い合わせ件数（チャネル別）
dashboard-chart-caption = チャネル別の日ごとの件数（Web・オペレーター・API）
dashboard-export-inquiries = 問い合わせをCSVで出力
dashboard-export-tickets = 引き継ぎチケットをCSVで出力
dashboard-freshness-heading = コーパスの鮮度
dashboard-freshness-caption = 確認が必要な制度・よくある質問・窓口（規則別、基準 { $days }日）
dashboard-rule = 規則
dashboard-judgments-heading = 正しい回答の記録
dashboard-judgments-caption = 職員が記録した正しい回答と改善案（状態別）
dashboard-report-link = 実施報告（月次）を見る
dashboard-topics = よくある問い合わせ
dashboard-topics-caption = 問い合わせ文（上位15件）
dashboard-purposes = 選ばれた目的
dashboard-purposes-caption = 目的（上位）
dashboard-zero = 結果が0件だった問い合わせ
dashboard-zero-caption = 0件の問い合わせ
dashboard-low = 確信度が低かった問い合わせ
dashboard-low-caption = 確信度の低い問い合わせ
dashboard-categories = 引き継ぎ（分野別）
dashboard-categories-caption = 分野別
dashboard-reasons = 引き継ぎ（理由別）
dashboard-reasons-caption = 理由別
dashboard-shown = よく表示された制度
dashboard-shown-caption = 上位5件に表示された回数

## Inquiries

inquiries-title = 問い合わせ一覧
inquiries-filter-text = 内容で絞り込み
inquiries-from = 開始日
inquiries-to = 終了日
inquiries-zero-only = 結果0件のみ
inquiries-handoff-only = 引き継ぎのみ
inquiries-filter = 絞り込む
inquiries-count = { $count }件（最大500件）
inquiries-results = 結果
inquiry-title = 問い合わせの詳細
inquiry-not-found-title = 見つかりません
inquiry-not-found = 問い合わせが見つかりません
inquiry-back = 問い合わせ一覧へ戻る
inquiry-purposes = 目的
inquiry-latency = 応答時間
inquiry-latency-ms = { $ms } ms
inquiry-shown-heading = 表示した結果と理由
inquiry-rank = 順位
inquiry-scheme = 制度
inquiry-score = スコア
inquiry-breakdown = 内訳
inquiry-feedback-heading = フィードバック
inquiry-helpful = 役に立った
inquiry-not-helpful = 役に立たなかった
inquiry-no-feedback = なし
inquiry-judgments-heading = 正しい回答
inquiry-judgments-caption = この問い合わせについて記録された正しい回答
inquiry-right-answer = 正しい回答
inquiry-no-judgments = まだ記録はありません
inquiry-record-heading = 正しい回答を記録する
inquiry-record-help = 検索が上位5件に出さなかった場合、画面が改善案（制度の別名、同義語、よくある質問を書く）を提案し、編集担当が承認すると検索に反映されます。
inquiry-choose = 選んでください
inquiry-record = 記録する

## Hand-off tickets

tickets-title = 引き継ぎチケット
tickets-number = 受付番号 { $ticket }
tickets-category = 分野
tickets-desk = 窓口
tickets-next-slot = 次の受付
tickets-no-slot = 未定
tickets-outcome = 対応結果
tickets-done = 対応済みにする

## Judgments

judgments-title = 正しい回答の記録と改善案
judgments-intro = 問い合わせの詳細画面で職員が記録した「正しい回答」と、検索が見落とした場合に画面が提案する改善（制度の別名、同義語のグループ、よくある質問を書く）です。編集担当・管理者が承認すると、別名と同義語はすぐ検索に反映されます。
judgments-intro-eval = 承認済みの記録は、次のコマンドの回帰テストになります：
judgments-inquiry = 問い合わせ
judgments-search-when-recorded = 記録時の検索
judgments-found = 上位5件に表示されていた
judgments-not-found = 上位5件に表示されなかった
judgments-decided = 決定
judgments-edit-alias = 別名
judgments-edit-synonyms = 同義語（「、」区切り）
judgments-approve = 承認する
judgments-reject = 却下する
judgments-editors-only = 承認・却下は編集担当または管理者が行います。
judgments-none = 該当する記録はありません。

## Accounts

accounts-title = 職員アカウント
accounts-roles-intro = 役割：閲覧・判定担当は問い合わせの閲覧・チケット対応・正しい回答の記録、編集担当はそれに加えてコーパスの編集と改善案の承認、管理者はさらにアカウントの管理と操作記録の閲覧ができます。
accounts-caption = アカウント一覧（{ $count }件）
accounts-username = ユーザー名
accounts-role = 役割
accounts-created = 作成日時
accounts-locked = ロック中
accounts-usable = 利用可
accounts-change-role = 役割の変更
accounts-reset-password = パスワードの再設定
accounts-role-of = { $name } の役割
accounts-change = 変更する
accounts-new-password-of = { $name } の新しいパスワード
accounts-set = 設定する
accounts-add-heading = アカウントを追加する
accounts-new-username = ユーザー名（英小文字・数字・「-」「_」で3〜32文字）
accounts-new-password = パスワード（{ $count }文字以上）
accounts-add = 追加する

## Audit log

audit-title = 操作記録
audit-intro = 職員の操作（ログイン、ログイン失敗、ログアウト、チケット対応、正しい回答の記録、改善案の承認・却下、アカウントの変更、CSV出力、実施報告の閲覧、コーパスの下書き保存・公開・以前の版への差し戻し・取り込み・書き出し、権限のない操作）を新しい順に表示します。記録は追加されるだけで、この画面からもデータベースからも変更・削除はできません。
audit-caption = 操作記録（全{ $total }件、{ $page }／{ $pages }ページ）
audit-when = 日時（日本時間）
audit-actor = 操作者
audit-action = 操作
audit-target = 対象
audit-detail = 内容
audit-none = 記録はありません
audit-pages-label = 操作記録のページ
audit-previous = 前のページ（新しい記録）
audit-next = 次のページ（古い記録）
audit-actor-staff = { $name }（{ $role }）
audit-actor-command-line = コマンドライン
audit-actor-unknown = 不明（存在しないユーザー名）

## Monthly report (実施報告). The CSV keeps its own Japanese headings: it is the ward's document.

report-title = 実施報告
report-title-month = 実施報告（{ $month }）
report-month-format = %Y年%-m月
report-month = 対象の月（YYYY-MM）
report-month-hint = 省略すると前月（日本時間）を表示します。
report-show = 表示する
report-intro = 港区立産業振興センター 案内・受付業務（支援ナビ）の実施報告です。期間：{ $from } 〜 { $to }（日本時間）／出力：{ $generated }（日本時間）
report-csv = この報告をCSVで出力
report-print = ブラウザの印刷機能でそのまま印刷できます。
report-partial = この月はまだ終わっていません。出力時点までの記録です。
report-empty-month = この月の記録はありません。
report-summary-heading = 概要
report-summary-caption = { $month }の概要と前月（{ $previous }）
report-item = 項目
report-previous = 前月
report-change = 増減
report-new = 新規
report-row-inquiries = 問い合わせ
report-row-handoffs = 引き継ぎ
report-row-closed = うち対応済み（出力時点）
report-row-open = うち未対応（出力時点）
report-row-zero = 結果0件の問い合わせ
report-row-low = 確信度の低い問い合わせ
report-row-helpful = 評価「役に立った」
report-row-not-helpful = 評価「役に立たなかった」
report-row-helpful-share = 「役に立った」の割合
report-chart-caption = { $caption }（数値は隣の表）
report-channel-heading = 問い合わせ（チャネル別）
report-channel-chart = { $month }の問い合わせ件数（チャネル別）
report-channel-chart-caption = チャネル別の件数
report-channel-caption = { $month }のチャネル別件数
report-day-heading = 問い合わせ（日別）
report-day-chart = { $month }の日ごとの問い合わせ件数（チャネル別）
report-day-chart-caption = 日ごとの件数。横軸は日、線はチャネル
report-day-caption = { $month }の日別件数
report-day = 日付
report-total = 計
report-kind-heading = 問い合わせ（種類別）
report-kind-chart = { $month }の問い合わせ件数（種類別）
report-kind-chart-caption = 検索・質問票・チャットの件数
report-kind-caption = { $month }の種類別件数
report-purpose-heading = 問い合わせ（目的別）
report-purpose-chart = { $month }の問い合わせ件数（目的別）
report-purpose-chart-caption = 選ばれた目的ごとの件数
report-purpose-caption = { $month }の目的別件数
report-purpose-note = 一つの問い合わせで複数の目的を選べるため、合計は問い合わせ件数と一致しません。
report-level-heading = 問い合わせ（制度の区分別）
report-level-chart = { $month }の問い合わせ件数（制度の区分別）
report-level-chart-caption = 1位に表示した制度の区分（港区・東京都・国）ごとの件数
report-level-caption = { $month }の制度の区分別件数
report-level = 区分
report-level-note = 利用者が絞り込んだ区分は記録していないため、1位に表示した制度の区分で数えています。
report-category-heading = 引き継ぎ（分野別）
report-category-chart = { $month }の引き継ぎ件数（分野別）
report-category-chart-caption = 担当者へ引き継いだ件数（分野別）
report-category-caption = { $month }の分野別引き継ぎ件数
report-reason-heading = 引き継ぎ（理由別）
report-reason-chart = { $month }の引き継ぎ件数（理由別）
report-reason-chart-caption = 担当者へ引き継いだ件数（理由別）
report-reason-caption = { $month }の理由別引き継ぎ件数
report-outcomes-heading = 引き継ぎの対応結果
report-outcomes-caption = { $month }に受け付け、出力時点で対応済みの引き継ぎ（{ $closed }件、未対応{ $open }件）
report-ticket = 受付番号
report-closed-on = 完了日
report-outcome = 対応結果（伏せ字済み）
report-no-outcomes = 対応済みの引き継ぎはありません
report-zero-heading = 結果が0件だった問い合わせ
report-zero-caption = 結果0件の問い合わせ（検索・チャット、{ $count }件、多い順）
report-low-heading = 確信度が低かった問い合わせ
report-low-caption = 確信度が{ $threshold }未満の問い合わせ（結果あり、{ $count }件、多い順）
report-other-texts = ほか{ $count }種類
report-feedback-heading = 利用者の評価
report-feedback-chart = { $month }の回答への評価
report-feedback-chart-caption = 「役に立った」「役に立たなかった」の件数
report-feedback-caption = { $month }の評価の件数
report-rating = 評価
report-helpful = 役に立った
report-not-helpful = 役に立たなかった
report-top-heading = よく表示された制度（前月比）
report-top-chart = { $month }によく表示された制度
report-top-chart-caption = 上位{ $count }件に表示した問い合わせの数
report-top-caption = { $month }によく表示された制度（上位{ $count }件）と前月
report-corpus-heading = コーパスの変更
report-corpus-note = この月に公開したコーパスの変更は、まだ一覧にできません（管理画面に公開の機能がなく、公開の記録が残らないため）。

# The corpus freshness board (/admin/freshness)
freshness-title = コーパスの鮮度
freshness-intro = 読み込み中のコーパスのうち、内容の確認が必要な制度・よくある質問・相談窓口の一覧です（{ $today } 時点、日本時間）。確認日（as_of）が{ $days }日より前のものを「古い」としています（設定 freshness_max_age_days、環境変数 SHIEN__FRESHNESS_MAX_AGE_DAYS）。
freshness-fiscal-year-note = 金額がどの年度のものかはコーパスに記録がないため、金額の年度は確認できません。年度は募集回の日付から判定しています。
freshness-counts-caption = 確認が必要な項目の件数（規則別、のべ{ $total }件）
freshness-col-rule = 規則
freshness-col-count = 件数
freshness-none = 該当はありません。
freshness-col-kind = 種類
freshness-col-title = 名称
freshness-col-why = 理由
freshness-kind-scheme = 制度
freshness-kind-faq = よくある質問
freshness-kind-desk = 相談窓口
audit-action-corpus-created = コーパスの項目の追加
audit-action-corpus-deleted = コーパスの項目の削除

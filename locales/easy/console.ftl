# 職員のページ (/admin): やさしい日本語. Short sentences, common words, です/ます.
# 問い合わせの文や対応の記録は、書かれたままページに出ます（ここには書きません）。

## Shared

console-menu-label = 職員のメニュー
console-nav-dashboard = まとめ
console-nav-inquiries = 質問の一覧
console-nav-tickets = 担当者にわたした相談
console-nav-report = 毎月の報告
console-nav-freshness = 情報が古くないか
console-nav-judgments = 正しい答えと直しかた
console-nav-corpus = 制度の情報を直す
console-nav-accounts = 職員のアカウント
console-nav-audit = 職員がしたことの記録
console-logout = ログアウトする（{ $name }）
console-signed-in = いまログインしている人：{ $name }（役わり：{ $role }）
console-sep = ／
console-all = ぜんぶ
console-none = ありません
console-no-data = データがありません
console-showing = （見ているもの：{ $status }、{ $count }件）
console-by-at = { $by }（{ $at }）
console-count = 数
console-times = 回数
console-when = 日と時間
console-channel = どこから来たか
console-kind = 種類
console-status = いまの状態
console-text = 質問の文
console-text-masked = 質問の文（名前などはかくしています）
console-confidence = 答えの自信
console-handoff = 担当者にわたしたか
console-purpose = 目的
console-category = 分野
console-reason = わけ
console-scheme = 制度
console-fix = 直しかたの案
console-recorded = 記録した人
console-original-inquiry = もとの質問を見る

## Labels of stored codes

channel-web = Web
channel-operator = オペレーター
channel-api = API
inquiry-kind-search = さがす
inquiry-kind-recommend = 質問に答えてさがす
inquiry-kind-chat = チャット
ticket-status-open = まだ
ticket-status-done = 終わった
judgment-status-open = 決めるのを待っている
judgment-status-fixed = 直した
judgment-status-rejected = 直さないと決めた
role-reviewer = 見る・記録する係
role-editor = 情報を直す係
role-administrator = 管理する人
audit-action-login = ログイン
audit-action-login-failed = ログインできなかった
audit-action-logout = ログアウト
audit-action-access-denied = してはいけないことをしようとした（止めた）
audit-action-ticket-closed = 相談を終わりにした
audit-action-judgment-recorded = 正しい答えを記録した
audit-action-fix-approved = 直しかたをみとめた
audit-action-fix-rejected = 直しかたをみとめなかった
audit-action-account-created = アカウントを作った
audit-action-role-changed = 役わりを変えた
audit-action-password-reset = パスワードを新しくした
audit-action-inquiries-exported = 質問をCSVで出した
audit-action-tickets-exported = 相談をCSVで出した
audit-action-report-viewed = 毎月の報告を見た
audit-action-report-exported = 毎月の報告をCSVで出した
audit-action-corpus-draft-saved = 制度の情報の下書きを保存した
audit-action-corpus-published = 制度の情報を公開した
audit-action-corpus-rolled-back = 制度の情報を前の版にもどして公開した
audit-action-corpus-imported = 制度の情報を取りこんだ
audit-action-corpus-exported = 制度の情報を書き出した
permission-read-inquiries = 質問を見ること
permission-handle-tickets = 担当者にわたした相談の対応
permission-record-judgments = 正しい答えの記録
permission-read-reports = 報告を見ることとCSVを出すこと
permission-approve-fixes = 直しかたをみとめること
permission-edit-corpus = 制度の情報を直して公開すること
permission-manage-accounts = 職員のアカウントの管理
permission-read-audit = 職員がしたことの記録を見ること
freshness-rule-old-as-of = 確認した日が古い
freshness-rule-hours-unconfirmed = 窓口の時間をまだ確認していない
freshness-rule-not-official-source = もとの情報が公式ページではない
freshness-rule-closed-without-next-round = 申し込みが終わって、次が決まっていない
freshness-rule-earlier-fiscal-year = 申し込みの時期が去年度より前のものだけ
answer-kind-scheme = 制度
answer-kind-faq = よくある質問
answer-kind-desk = 相談の窓口
answer-kind-none = 合う制度はない
fix-nothing = 直さなくてよい（上から5つの中に出ていた）
fix-alias = 制度の別の名前に「{ $phrase }」を入れる
fix-synonyms = 同じ意味のことばのグループ「{ $words }」
fix-write-faq = よくある質問を書く

## Login and refusals

login-title = 職員のログイン
login-username = ユーザー名
login-password = パスワード
login-submit = ログインする
login-wrong = ユーザー名かパスワードがちがいます。
login-locked = 何回もログインできなかったので、しばらく使えません。15分くらいたってから、もう一度ためしてください。
forbidden-title = このことはできません
forbidden-message = 「{ $role }」の役わりでは、{ $action }はできません。必要なときは、管理する人に役わりを変えるようにたのんでください。
forbidden-back = まとめのページへもどる

## Dashboard

dashboard-title = まとめ
dashboard-overview = 期間：{ $from }から{ $today }まで（日本の時間）／質問 { $inquiries } 件／担当者にわたした相談 { $tickets } 件（まだ { $open } 件）／答えへの評価 { $feedback } 件（評価があった割合 { $rate }%、役に立った { $helpful }%）
dashboard-log-state = 記録のようす：書いた数 { $written } 件、書けなかった回数 { $failed } 回、あとで書くもの { $pending } 件
dashboard-chart-title = この30日の質問の数（どこから来たか別）
dashboard-chart-caption = 1日ごとの質問の数（Web・オペレーター・API）
dashboard-export-inquiries = 質問をCSVで出す
dashboard-export-tickets = 担当者にわたした相談をCSVで出す
dashboard-freshness-heading = 情報が古くないか
dashboard-freshness-caption = 確認が必要な制度・よくある質問・窓口（きまりごと、{ $days }日より前は古い）
dashboard-rule = きまり
dashboard-judgments-heading = 正しい答えの記録
dashboard-judgments-caption = 職員が記録した正しい答えと直しかた（状態ごと）
dashboard-report-link = 毎月の報告を見る
dashboard-topics = よくある質問の文
dashboard-topics-caption = 質問の文（多い15こ）
dashboard-purposes = えらばれた目的
dashboard-purposes-caption = 目的（多いもの）
dashboard-zero = 答えが0件だった質問
dashboard-zero-caption = 0件の質問
dashboard-low = 答えの自信が低かった質問
dashboard-low-caption = 自信が低い質問
dashboard-categories = 担当者にわたした相談（分野ごと）
dashboard-categories-caption = 分野ごと
dashboard-reasons = 担当者にわたした相談（わけごと）
dashboard-reasons-caption = わけごと
dashboard-shown = よく出た制度
dashboard-shown-caption = 上から5つの中に出た回数

## Inquiries

inquiries-title = 質問の一覧
inquiries-filter-text = 文で見つける
inquiries-from = はじめの日
inquiries-to = 終わりの日
inquiries-zero-only = 答えが0件のものだけ
inquiries-handoff-only = 担当者にわたしたものだけ
inquiries-filter = 見つける
inquiries-count = { $count }件（500件まで）
inquiries-results = 答えの数
inquiry-title = 質問のくわしい内容
inquiry-not-found-title = 見つかりません
inquiry-not-found = その質問は見つかりません
inquiry-back = 質問の一覧へもどる
inquiry-purposes = 目的
inquiry-latency = 答えるまでの時間
inquiry-latency-ms = { $ms } ミリ秒
inquiry-shown-heading = 出した答えとそのわけ
inquiry-rank = 順番
inquiry-scheme = 制度
inquiry-score = 点数
inquiry-breakdown = 点数のくわしい内容
inquiry-feedback-heading = 答えへの評価
inquiry-helpful = 役に立った
inquiry-not-helpful = 役に立たなかった
inquiry-no-feedback = ありません
inquiry-judgments-heading = 正しい答え
inquiry-judgments-caption = この質問について記録した正しい答え
inquiry-right-answer = 正しい答え
inquiry-no-judgments = まだ記録はありません
inquiry-record-heading = 正しい答えを記録する
inquiry-record-help = 上から5つの中に正しい答えが出なかったとき、このページが直しかた（制度の別の名前、同じ意味のことば、よくある質問を書く）を出します。情報を直す係がみとめると、さがすときに使われます。
inquiry-choose = えらんでください
inquiry-record = 記録する

## Hand-off tickets

tickets-title = 担当者にわたした相談
tickets-number = 受付番号 { $ticket }
tickets-category = 分野
tickets-desk = 窓口
tickets-next-slot = 次に担当者がいる時間
tickets-no-slot = まだ決まっていません
tickets-outcome = 対応したこと
tickets-done = 終わりにする

## Judgments

judgments-title = 正しい答えの記録と直しかた
judgments-intro = 職員が質問のページで記録した「正しい答え」と、正しい答えが出なかったときにこのページが出す直しかた（制度の別の名前、同じ意味のことばのグループ、よくある質問を書く）です。情報を直す係か管理する人がみとめると、別の名前と同じ意味のことばは、すぐにさがすときに使われます。
judgments-intro-eval = みとめた記録は、次のコマンドのテストに使います：
judgments-inquiry = 質問
judgments-search-when-recorded = 記録したときにさがした結果
judgments-found = 上から5つの中に出ていた
judgments-not-found = 上から5つの中に出ていなかった
judgments-decided = 決めた人
judgments-edit-alias = 別の名前
judgments-edit-synonyms = 同じ意味のことば（「、」で分ける）
judgments-approve = みとめる
judgments-reject = みとめない
judgments-editors-only = みとめるかどうかは、情報を直す係か管理する人が決めます。
judgments-none = 記録はありません。

## Accounts

accounts-title = 職員のアカウント
accounts-roles-intro = 役わり：見る・記録する係は、質問を見る・相談に対応する・正しい答えを記録することができます。情報を直す係は、そのほかに制度の情報を直すことと直しかたをみとめることができます。管理する人は、そのほかにアカウントの管理と、職員がしたことの記録を見ることができます。
accounts-caption = アカウントの一覧（{ $count }件）
accounts-username = ユーザー名
accounts-role = 役わり
accounts-created = 作った日と時間
accounts-locked = 使えない（ロック）
accounts-usable = 使える
accounts-change-role = 役わりを変える
accounts-reset-password = パスワードを新しくする
accounts-role-of = { $name } の役わり
accounts-change = 変える
accounts-new-password-of = { $name } の新しいパスワード
accounts-set = 決める
accounts-add-heading = アカウントを作る
accounts-new-username = ユーザー名（小さい英字・数字・「-」「_」で3から32文字）
accounts-new-password = パスワード（{ $count }文字より多く）
accounts-add = 作る

## Audit log

audit-title = 職員がしたことの記録
audit-intro = 職員がしたこと（ログイン、ログインできなかったこと、ログアウト、相談の対応、正しい答えの記録、直しかたをみとめたこと・みとめなかったこと、アカウントの変更、CSVを出したこと、毎月の報告を見たこと、制度の情報の下書き・公開・前の版にもどすこと・取りこみ・書き出し、してはいけないことをしようとしたこと）を、新しい順に出します。記録は足すだけです。このページからもデータベースからも、変えたり消したりできません。
audit-caption = 職員がしたことの記録（全部で{ $total }件、{ $page }／{ $pages }ページ）
audit-when = 日と時間（日本の時間）
audit-actor = した人
audit-action = したこと
audit-target = 何に
audit-detail = くわしい内容
audit-none = 記録はありません
audit-pages-label = 記録のページ
audit-previous = 前のページ（新しい記録）
audit-next = 次のページ（古い記録）
audit-actor-staff = { $name }（{ $role }）
audit-actor-command-line = コマンドライン
audit-actor-unknown = わからない（ないユーザー名）

## Monthly report (実施報告). The CSV keeps its own Japanese headings: it is the ward's document.

report-title = 毎月の報告
report-title-month = 毎月の報告（{ $month }）
report-month-format = %Y年%-m月
report-month = 月（YYYY-MM）
report-month-hint = 書かないと、前の月（日本の時間）を出します。
report-show = 出す
report-intro = 港区立産業振興センターの案内・受付の仕事（支援ナビ）の報告です。期間：{ $from }から{ $to }まで（日本の時間）／作った時間：{ $generated }（日本の時間）
report-csv = この報告をCSVで出す
report-print = ブラウザで、このまま印刷できます。
report-partial = この月は、まだ終わっていません。作った時間までの記録です。
report-empty-month = この月の記録はありません。
report-summary-heading = まとめ
report-summary-caption = { $month }のまとめと前の月（{ $previous }）
report-item = こと
report-previous = 前の月
report-change = ふえた・へった数
report-new = はじめて
report-row-inquiries = 質問
report-row-handoffs = 担当者にわたした相談
report-row-closed = そのうち終わったもの（作った時間）
report-row-open = そのうちまだのもの（作った時間）
report-row-zero = 答えが0件だった質問
report-row-low = 答えの自信が低かった質問
report-row-helpful = 「役に立った」という評価
report-row-not-helpful = 「役に立たなかった」という評価
report-row-helpful-share = 「役に立った」の割合
report-chart-caption = { $caption }（数は、となりの表にあります）
report-channel-heading = 質問（どこから来たか別）
report-channel-chart = { $month }の質問の数（どこから来たか別）
report-channel-chart-caption = どこから来たか別の数
report-channel-caption = { $month }の、どこから来たか別の数
report-day-heading = 質問（日ごと）
report-day-chart = { $month }の1日ごとの質問の数（どこから来たか別）
report-day-chart-caption = 1日ごとの数。横は日、線はどこから来たか
report-day-caption = { $month }の日ごとの数
report-day = 日
report-total = ぜんぶ
report-kind-heading = 質問（種類ごと）
report-kind-chart = { $month }の質問の数（種類ごと）
report-kind-chart-caption = さがす・質問に答えてさがす・チャットの数
report-kind-caption = { $month }の種類ごとの数
report-purpose-heading = 質問（目的ごと）
report-purpose-chart = { $month }の質問の数（目的ごと）
report-purpose-chart-caption = えらばれた目的ごとの数
report-purpose-caption = { $month }の目的ごとの数
report-purpose-note = 1つの質問で目的をいくつもえらべるので、合計は質問の数と同じになりません。
report-level-heading = 質問（制度を出しているところ別）
report-level-chart = { $month }の質問の数（制度を出しているところ別）
report-level-chart-caption = 1番目に出した制度を出しているところ（港区・東京都・国）ごとの数
report-level-caption = { $month }の、制度を出しているところ別の数
report-level = 制度を出しているところ
report-level-note = 使った人がえらんだところは記録していません。1番目に出した制度で数えています。
report-category-heading = 担当者にわたした相談（分野ごと）
report-category-chart = { $month }の担当者にわたした相談の数（分野ごと）
report-category-chart-caption = 担当者にわたした数（分野ごと）
report-category-caption = { $month }の分野ごとの担当者にわたした相談の数
report-reason-heading = 担当者にわたした相談（わけごと）
report-reason-chart = { $month }の担当者にわたした相談の数（わけごと）
report-reason-chart-caption = 担当者にわたした数（わけごと）
report-reason-caption = { $month }のわけごとの担当者にわたした相談の数
report-outcomes-heading = 担当者にわたした相談の結果
report-outcomes-caption = { $month }に受け付けて、作った時間に終わっていた相談（終わった { $closed }件、まだ { $open }件）
report-ticket = 受付番号
report-closed-on = 終わった日
report-outcome = 対応したこと（名前などはかくしています）
report-no-outcomes = 終わった相談はありません
report-zero-heading = 答えが0件だった質問
report-zero-caption = 答えが0件の質問（さがす・チャット、{ $count }件、多い順）
report-low-heading = 答えの自信が低かった質問
report-low-caption = 自信が{ $threshold }より低い質問（答えはある、{ $count }件、多い順）
report-other-texts = ほかに{ $count }種類
report-feedback-heading = 使った人の評価
report-feedback-chart = { $month }の答えへの評価
report-feedback-chart-caption = 「役に立った」「役に立たなかった」の数
report-feedback-caption = { $month }の評価の数
report-rating = 評価
report-helpful = 役に立った
report-not-helpful = 役に立たなかった
report-top-heading = よく出た制度（前の月とくらべる）
report-top-chart = { $month }によく出た制度
report-top-chart-caption = 上から{ $count }つの中に出した質問の数
report-top-caption = { $month }によく出た制度（上から{ $count }つ）と前の月
report-corpus-heading = 制度の情報を変えたこと
report-corpus-note = この月に公開した制度の情報の変更は、まだ一覧にできません（管理のページに公開する機能がなく、公開の記録がないためです）。

# The corpus freshness board (/admin/freshness)
freshness-title = コーパスの 新しさ
freshness-intro = いま 使って いる 資料の うち、中身を 調べ直す 必要が ある 制度・よくある 質問・相談窓口の リストです（{ $today } の 時点、日本の 時間）。調べた 日（as_of）が { $days }日より 前の ものを「古い」と します（設定 freshness_max_age_days、環境変数 SHIEN__FRESHNESS_MAX_AGE_DAYS）。
freshness-fiscal-year-note = 金額が どの 年度の ものか、資料に 書いて いないので、金額の 年度は 調べられません。年度は 申し込める 時期の 日付で 決めて います。
freshness-counts-caption = 調べ直す ものの 数（ルールごと、合計 { $total }）
freshness-col-rule = ルール
freshness-col-count = 数
freshness-none = ありません。
freshness-col-kind = 種類
freshness-col-title = 名前
freshness-col-why = 理由
freshness-kind-scheme = 制度
freshness-kind-faq = よくある 質問
freshness-kind-desk = 相談窓口
audit-action-corpus-created = 資料の 項目を 追加
audit-action-corpus-deleted = 資料の 項目を 削除

# The staff console (/admin): menus, headings, labels and notices. Logged texts (inquiries,
# outcomes, judgments) are never in a catalog: the pages show them as written.

## Shared

console-menu-label = Staff menu
console-nav-dashboard = Dashboard
console-nav-inquiries = Inquiries
console-nav-tickets = Hand-off tickets
console-nav-report = Monthly report
console-nav-freshness = Corpus freshness
console-nav-judgments = Right answers and fixes
console-nav-corpus = Corpus editor
console-nav-accounts = Staff accounts
console-nav-audit = Audit log
console-logout = Log out ({ $name })
console-signed-in = Logged in as { $name } (role: { $role })
console-sep = {" / "}
console-all = All
console-none = None
console-no-data = No data
console-showing = {" "}(showing: { $status }, { $count })
console-by-at = { $by } ({ $at })
console-count = Count
console-times = Number of times
console-when = Date and time
console-channel = Channel
console-kind = Type
console-status = Status
console-text = Text
console-text-masked = Text (personal data masked)
console-confidence = Confidence
console-handoff = Hand-off
console-purpose = Purpose
console-category = Category
console-reason = Reason
console-scheme = Scheme
console-fix = Proposed fix
console-recorded = Recorded
console-original-inquiry = Original inquiry

## Labels of stored codes

channel-web = Web
channel-operator = Operator
channel-api = API
inquiry-kind-search = Search
inquiry-kind-recommend = Questionnaire
inquiry-kind-chat = Chat
ticket-status-open = Open
ticket-status-done = Done
judgment-status-open = Awaiting approval
judgment-status-fixed = Done
judgment-status-rejected = Rejected
role-reviewer = Reviewer
role-editor = Editor
role-administrator = Administrator
audit-action-login = Login
audit-action-login-failed = Failed login
audit-action-logout = Logout
audit-action-access-denied = Action without permission (refused)
audit-action-ticket-closed = Ticket marked as done
audit-action-judgment-recorded = Right answer recorded
audit-action-fix-approved = Fix approved
audit-action-fix-rejected = Fix rejected
audit-action-account-created = Account created
audit-action-role-changed = Role changed
audit-action-password-reset = Password reset
audit-action-inquiries-exported = Inquiries exported as CSV
audit-action-tickets-exported = Hand-off tickets exported as CSV
audit-action-report-viewed = Monthly report viewed
audit-action-report-exported = Monthly report exported as CSV
audit-action-corpus-draft-saved = Corpus draft saved
audit-action-corpus-published = Corpus published
audit-action-corpus-rolled-back = Corpus rolled back to an earlier version and published
audit-action-corpus-imported = Corpus imported
audit-action-corpus-exported = Corpus exported
permission-read-inquiries = Viewing inquiries
permission-handle-tickets = Handling hand-off tickets
permission-record-judgments = Recording right answers
permission-read-reports = Viewing reports and exporting CSV
permission-approve-fixes = Approving or rejecting fixes
permission-edit-corpus = Editing and publishing the corpus
permission-manage-accounts = Managing staff accounts
permission-read-audit = Viewing the audit log
freshness-rule-old-as-of = Check date too old
freshness-rule-hours-unconfirmed = Desk hours not confirmed
freshness-rule-not-official-source = Source is not an official page
freshness-rule-closed-without-next-round = Applications closed, next round not set
freshness-rule-earlier-fiscal-year = Only rounds from earlier fiscal years
answer-kind-scheme = Scheme
answer-kind-faq = FAQ
answer-kind-desk = Desk
answer-kind-none = No scheme applies
fix-nothing = No fix needed (already in the top 5)
fix-alias = Add “{ $phrase }” as an alias of the scheme
fix-synonyms = Synonym group “{ $words }”
fix-write-faq = Write an FAQ

## Login and refusals

login-title = Staff login
login-username = User name
login-password = Password
login-submit = Log in
login-wrong = Incorrect user name or password.
login-locked = Login is locked for a while after repeated failed attempts. Please try again in about 15 minutes.
forbidden-title = No permission
forbidden-message = { $action } is not allowed with the { $role } role. If you need it, ask an administrator to change your role.
forbidden-back = Back to the dashboard

## Refusals of console actions (the app layer's errors, worded in the reader's language)

console-refusal-login = Please log in as staff.
console-refusal-login-form = Please open the login form again, then log in.
console-refusal-csrf = This form has expired or was not sent correctly. Please reload the page and try again.
console-refusal-role = { $action } is not allowed with your role.
console-refusal-no-inquiry = Inquiry { $id } was not found.
console-refusal-outcome = Please enter what was done, in 500 characters or fewer.
console-refusal-no-open-ticket = There is no open ticket { $id }.
console-refusal-answer = Please choose the right answer from the list.
console-refusal-no-judgment = Judgment { $id } was not found.
console-refusal-already-decided = This judgment is already “{ $status }” (another staff member decided first).
console-refusal-alias = Please enter an alias of 1 to { $max } characters.
console-refusal-synonyms = Please enter at least two synonyms separated by “、” (each 1 to { $max } characters).
console-refusal-month-format = “{ $given }” cannot be read as a month. Please use the form YYYY-MM (for example 2026-10).
console-refusal-month-year = The year { $year } is out of range. Please choose a month from 2000 to 2099.
console-refusal-month-ahead = { $month } has not started yet. Please choose a month up to this one ({ $this }).
console-refusal-role-choice = Please choose a role: Reviewer, Editor or Administrator.
console-refusal-username = User names are 3 to 32 characters: lower-case letters, digits, “-” and “_”.
console-refusal-password = Passwords must be at least { $min } characters long.
console-refusal-username-taken = { $username } is already taken.
console-refusal-no-account = There is no account { $username }.
console-refusal-last-administrator = This change would leave no administrator. Please make another administrator first.

## Dashboard

dashboard-title = Dashboard
dashboard-overview = Period: { $from } to { $today } (Japan time) / { $inquiries } inquiries / { $tickets } hand-offs ({ $open } open) / { $feedback } feedback ratings (response rate { $rate }%, helpful { $helpful }%)
dashboard-log-state = Log status: { $written } written, { $failed } failed writes, { $pending } waiting to be written
dashboard-chart-title = Inquiries over the last 30 days (by channel)
dashboard-chart-caption = Inquiries per day by channel (Web, operator, API)
dashboard-export-inquiries = Export inquiries as CSV
dashboard-export-tickets = Export hand-off tickets as CSV
dashboard-freshness-heading = Corpus freshness
dashboard-freshness-caption = Schemes, FAQs and desks that need checking (by rule; threshold { $days } days)
dashboard-rule = Rule
dashboard-judgments-heading = Recorded right answers
dashboard-judgments-caption = Right answers and fixes recorded by staff (by status)
dashboard-report-link = View the monthly report
dashboard-topics = Frequent inquiries
dashboard-topics-caption = Inquiry texts (top 15)
dashboard-purposes = Chosen purposes
dashboard-purposes-caption = Purposes (top)
dashboard-zero = Inquiries with no results
dashboard-zero-caption = Inquiries with 0 results
dashboard-low = Low-confidence inquiries
dashboard-low-caption = Low-confidence inquiries
dashboard-categories = Hand-offs by category
dashboard-categories-caption = By category
dashboard-reasons = Hand-offs by reason
dashboard-reasons-caption = By reason
dashboard-shown = Schemes shown most often
dashboard-shown-caption = Times shown in the top 5

## Inquiries

inquiries-title = Inquiries
inquiries-filter-text = Filter by text
inquiries-from = Start date
inquiries-to = End date
inquiries-zero-only = Only inquiries with 0 results
inquiries-handoff-only = Only hand-offs
inquiries-filter = Filter
inquiries-count = { $count ->
    [one] 1 inquiry (up to 500)
   *[other] { $count } inquiries (up to 500)
}
inquiries-results = Results
inquiry-title = Inquiry details
inquiry-not-found-title = Not found
inquiry-not-found = Inquiry not found
inquiry-back = Back to inquiries
inquiry-purposes = Purposes
inquiry-latency = Response time
inquiry-latency-ms = { $ms } ms
inquiry-shown-heading = Results shown and why
inquiry-rank = Rank
inquiry-scheme = Scheme
inquiry-score = Score
inquiry-breakdown = Breakdown
inquiry-feedback-heading = Feedback
inquiry-helpful = Helpful
inquiry-not-helpful = Not helpful
inquiry-no-feedback = None
inquiry-judgments-heading = Right answer
inquiry-judgments-caption = Right answers recorded for this inquiry
inquiry-right-answer = Right answer
inquiry-no-judgments = Nothing recorded yet
inquiry-record-heading = Record the right answer
inquiry-record-help = If the search did not show the right answer in the top 5, the console proposes a fix (an alias for the scheme, synonyms, or an FAQ to write). Once an editor approves the fix, the search uses it.
inquiry-choose = Choose one
inquiry-record = Record

## Hand-off tickets

tickets-title = Hand-off tickets
tickets-number = Ticket no. { $ticket }
tickets-category = Category
tickets-desk = Desk
tickets-next-slot = Next available slot
tickets-no-slot = Not yet set
tickets-outcome = Outcome
tickets-done = Mark as done

## Judgments

judgments-title = Recorded right answers and fixes
judgments-intro = The “right answers” staff recorded on an inquiry's details page, and the fixes the console proposes when the search missed them (an alias for the scheme, a synonym group, or an FAQ to write). Once an editor or administrator approves them, aliases and synonyms take effect in the search at once.
judgments-intro-eval = Approved records become regression tests for the following command:
judgments-inquiry = Inquiry
judgments-search-when-recorded = Search when recorded
judgments-found = Shown in the top 5
judgments-not-found = Not shown in the top 5
judgments-decided = Decision
judgments-edit-alias = Alias
judgments-edit-synonyms = Synonyms (separated by “、”)
judgments-approve = Approve
judgments-reject = Reject
judgments-editors-only = Only editors and administrators can approve or reject.
judgments-none = No matching records.

## Accounts

accounts-title = Staff accounts
accounts-roles-intro = Roles: a reviewer can view inquiries, handle tickets and record right answers; an editor can also edit the corpus and approve fixes; an administrator can also manage accounts and view the audit log.
accounts-caption = { $count ->
    [one] Accounts (1)
   *[other] Accounts ({ $count })
}
accounts-username = User name
accounts-role = Role
accounts-created = Created
accounts-locked = Locked
accounts-usable = Active
accounts-change-role = Change role
accounts-reset-password = Reset password
accounts-role-of = Role of { $name }
accounts-change = Change
accounts-new-password-of = New password for { $name }
accounts-set = Set
accounts-add-heading = Add an account
accounts-new-username = User name (3 to 32 characters: lowercase letters, digits, “-” and “_”)
accounts-new-password = Password (at least { $count } characters)
accounts-add = Add

## Audit log

audit-title = Audit log
audit-intro = Staff actions (logins, failed logins, logouts, ticket handling, right answers recorded, fixes approved or rejected, account changes, CSV exports, monthly reports viewed, corpus drafts saved, published, rolled back to an earlier version, imported or exported, and actions without permission), newest first. Records can only be added: they cannot be changed or deleted, neither from this page nor in the database.
audit-caption = Audit log ({ $total } records, page { $page } of { $pages })
audit-when = Date and time (Japan time)
audit-actor = Performed by
audit-action = Action
audit-target = Target
audit-detail = Details
audit-none = No records
audit-pages-label = Audit log pages
audit-previous = Previous page (newer records)
audit-next = Next page (older records)
audit-actor-staff = { $name } ({ $role })
audit-actor-command-line = Command line
audit-actor-unknown = Unknown (no such user name)

## Monthly report (実施報告). The CSV keeps its own Japanese headings: it is the ward's document.

report-title = Monthly report
report-title-month = Monthly report ({ $month })
report-label-no-purpose = No purpose chosen
report-label-no-scheme-shown = No scheme shown
report-label-level-unknown = Unknown level (scheme no longer in the corpus)
report-month-format = %B %Y
report-month = Month (YYYY-MM)
report-month-hint = If left empty, last month (Japan time) is shown.
report-show = Show
report-intro = Report on the information and reception service (Shien Navi) of the Minato City Industry Promotion Center. Period: { $from } to { $to } (Japan time) / generated: { $generated } (Japan time)
report-csv = Export this report as CSV
report-print = You can print this page as it is with your browser's print function.
report-partial = This month is not over yet. The figures cover records up to the time the report was generated.
report-empty-month = Nothing was recorded this month.
report-summary-heading = Summary
report-summary-caption = Summary of { $month }, with the previous month ({ $previous })
report-item = Item
report-previous = Previous month
report-change = Change
report-new = New
report-row-inquiries = Inquiries
report-row-handoffs = Hand-offs
report-row-closed = of which done (when generated)
report-row-open = of which open (when generated)
report-row-zero = Inquiries with 0 results
report-row-low = Low-confidence inquiries
report-row-helpful = Rated “helpful”
report-row-not-helpful = Rated “not helpful”
report-row-helpful-share = Share rated “helpful”
report-chart-caption = { $caption } (figures in the table beside it)
report-channel-heading = Inquiries by channel
report-channel-chart = Inquiries in { $month } by channel
report-channel-chart-caption = Inquiries by channel
report-channel-caption = Inquiries in { $month } by channel
report-day-heading = Inquiries by day
report-day-chart = Inquiries per day in { $month } (by channel)
report-day-chart-caption = Inquiries per day. Horizontal axis: day; one line per channel
report-day-caption = Inquiries in { $month } by day
report-day = Date
report-total = Total
report-kind-heading = Inquiries by type
report-kind-chart = Inquiries in { $month } by type
report-kind-chart-caption = Searches, questionnaires and chats
report-kind-caption = Inquiries in { $month } by type
report-purpose-heading = Inquiries by purpose
report-purpose-chart = Inquiries in { $month } by purpose
report-purpose-chart-caption = Inquiries per chosen purpose
report-purpose-caption = Inquiries in { $month } by purpose
report-purpose-note = Several purposes can be chosen in one inquiry, so the total does not match the number of inquiries.
report-level-heading = Inquiries by scheme level
report-level-chart = Inquiries in { $month } by scheme level
report-level-chart-caption = Inquiries by the level (Minato City, Tokyo, national) of the scheme shown first
report-level-caption = Inquiries in { $month } by scheme level
report-level = Level
report-level-note = The level a user filtered by is not recorded, so inquiries are counted by the level of the scheme shown first.
report-category-heading = Hand-offs by category
report-category-chart = Hand-offs in { $month } by category
report-category-chart-caption = Inquiries handed off to staff, by category
report-category-caption = Hand-offs in { $month } by category
report-reason-heading = Hand-offs by reason
report-reason-chart = Hand-offs in { $month } by reason
report-reason-chart-caption = Inquiries handed off to staff, by reason
report-reason-caption = Hand-offs in { $month } by reason
report-outcomes-heading = Outcomes of hand-offs
report-outcomes-caption = Hand-offs received in { $month } and done when the report was generated ({ $closed } done, { $open } open)
report-ticket = Ticket no.
report-closed-on = Completed on
report-outcome = Outcome (personal data masked)
report-no-outcomes = No completed hand-offs
report-zero-heading = Inquiries with no results
report-zero-caption = { $count ->
    [one] Inquiries with 0 results (searches and chats, 1 inquiry, most frequent first)
   *[other] Inquiries with 0 results (searches and chats, { $count } inquiries, most frequent first)
}
report-low-heading = Low-confidence inquiries
report-low-caption = { $count ->
    [one] Inquiries with confidence below { $threshold } (with results, 1 inquiry, most frequent first)
   *[other] Inquiries with confidence below { $threshold } (with results, { $count } inquiries, most frequent first)
}
report-other-texts = { $count ->
    [one] 1 other text
   *[other] { $count } other texts
}
report-feedback-heading = User ratings
report-feedback-chart = Ratings of answers in { $month }
report-feedback-chart-caption = Answers rated “helpful” and “not helpful”
report-feedback-caption = Ratings in { $month }
report-rating = Rating
report-helpful = Helpful
report-not-helpful = Not helpful
report-top-heading = Schemes shown most often (compared with the previous month)
report-top-chart = Schemes shown most often in { $month }
report-top-chart-caption = Inquiries that showed the scheme in the top { $count }
report-top-caption = Schemes shown most often in { $month } (top { $count }), with the previous month
report-corpus-heading = Changes to the corpus
report-corpus-note = Counted from the audit log: publishing, adding, deleting, rolling back and importing. Saving a draft and exporting are not counted.
report-corpus-caption = Corpus changes in { $month } by type, and the previous month
report-corpus-action = Type of change
report-corpus-list-heading = List of corpus changes
report-corpus-list-caption = { $count ->
    [one] One corpus change published in { $month } (oldest first)
   *[other] { $count } corpus changes published in { $month } (oldest first)
}
report-corpus-entry = Entry (file)
report-corpus-by = Staff member
report-corpus-whole = Whole corpus
report-corpus-cli = Command line

# The corpus freshness board (/admin/freshness)
freshness-title = Corpus freshness
freshness-intro = Schemes, FAQs and desks in the loaded corpus whose content needs checking (as of { $today }, Japan time). An entry counts as old when its check date (as_of) is more than { $days } days ago (setting freshness_max_age_days, environment variable SHIEN__FRESHNESS_MAX_AGE_DAYS).
freshness-fiscal-year-note = The corpus does not record which fiscal year an amount belongs to, so the fiscal year of amounts cannot be checked. The fiscal year is determined from the dates of the rounds.
freshness-counts-caption = Items that need checking, by rule ({ $total } in total; an item can count under more than one rule)
freshness-col-rule = Rule
freshness-col-count = Count
freshness-none = Nothing needs checking.
freshness-col-kind = Type
freshness-col-title = Name
freshness-col-why = Reason
freshness-kind-scheme = Scheme
freshness-kind-faq = FAQ
freshness-kind-desk = Desk
audit-action-corpus-created = Corpus entry added
audit-action-corpus-deleted = Corpus entry deleted

# Text of the corpus editor (/admin/corpus), loaded into the same bundle as main.ftl.

## Entry kinds
editing-kind-scheme = Scheme
editing-kind-faq-file = FAQs (file)
editing-kind-desks = Consultation desks
editing-kind-synonyms = Synonyms
editing-kind-translation = Translation
editing-kind-sources = Official sites
editing-kind-questionnaire = Questionnaire
editing-kind-routing-examples = Routing examples
editing-kind-document = Document
editing-kind-label = Kind:{" "}
editing-version = version { $number }

## List
editing-list-title = Edit the corpus
editing-list-intro = Edit and publish the entries (files) of the corpus: schemes, FAQs, consultation desks, synonyms and more. A publish reaches search, the scheme pages and the chat on every server within seconds. You can save a draft before publishing, and preview how a scheme's public page will look.
editing-add-heading = Add an entry
editing-add-scheme = Add a new scheme
editing-add-faq = Add a new FAQ ({ $file })
editing-add-desk = Add a new consultation desk
editing-add-group = Add a new synonym group
editing-list-search-label = Search by file name or text
editing-list-search-button = Search
editing-list-caption = { $count ->
    [one] Entries (1)
   *[other] Entries ({ $count })
}
editing-list-caption-query = containing “{ $query }”
editing-list-col-name = Name
editing-list-col-kind = Kind
editing-list-col-file = File
editing-list-col-version = Published version
editing-list-col-history = History
editing-list-deleted = (deleted)
editing-list-empty = No matching entries

## Edit form
editing-edit-title = Editing { $path }
editing-edit-heading = Editing:
editing-edit-new-entry = This is a new entry. Nothing is saved until you publish it.
editing-edit-based-on = You are editing from published version { $number }.
editing-history-link = History and changes
editing-back-to-list = Back to the list
editing-delete-link = Delete this scheme
editing-form-intro = Fill in each field; “*” marks required fields. The whole corpus is checked before anything is saved or published. Any problem is shown next to its field and in the list at the top.
editing-remove-item = Delete { $name }
editing-required-mark = *
editing-row-label = { $field } (row { $number })
editing-rows-help = One item per row. Empty rows are ignored. Need more rows? Save, and more empty rows appear.
editing-choose = Choose one
editing-choose-none = (none)
editing-text-summary = Edit as TOML text
editing-text-help = The whole file, including fields the form does not show and comments. Changes made here are saved and published too. Fields changed in the form are written into this text.
editing-text-label = Text of { $path } (TOML)
editing-confirm-remove-button-help = Press “Publish” (or “Save as draft”) again to delete the ticked items.
editing-action-publish = Publish
editing-action-draft = Save as draft
editing-action-preview = Preview (opens in a new tab)
editing-deleted-restore-link = Open the history to restore an earlier version
editing-no-form-invalid = The text cannot be read as TOML, so the field-by-field form cannot be shown ({ $error }). Please fix the text below.
editing-no-form-kind = Entries of this kind have no field-by-field form. Edit the TOML text below.
editing-notice-version-loaded = Loaded version { $number } ({ $note }). The published version is { $published }.
editing-notice-published = Version { $number } published. This server shows it already; the other servers follow within seconds.
editing-notice-saved = Draft saved (version { $number }). It is not published yet.
editing-notice-deleted = This scheme is deleted. Restore an earlier version from the history to bring it back.
editing-notice-checked = The check passed (entries of this kind have no public page to preview). Nothing is saved or published yet.
editing-notice-new = This is the form of a new scheme. Fill in the fields and press “Publish”. Nothing is saved until you publish.
editing-preview-banner = Preview: a draft of { $path }. It is not published yet.
editing-error-refused = { $count ->
    [one] There is 1 problem, so nothing was saved or published. See the note next to the field.
   *[other] There are { $count } problems, so nothing was saved or published. See the notes next to the fields.
}
editing-confirm-remove = Items are ticked for deletion. Nothing is saved yet. To delete them, press “Publish” again. Deleted items come back when you restore an earlier version from the history.

## Tables and repeated items
editing-table-main = Main fields
editing-table-eligibility = Who can apply (eligibility)
editing-table-eligibility-person = Owner or founder (eligibility.person)
editing-table-amount = Amount (amount)
editing-table-window = Application window (window)
editing-item-eligibility-size-caps = Cap by sector { $number }
editing-item-window-rounds = Round { $number }: { $name }
editing-item-faq = FAQ { $number }: { $name }
editing-item-desk = Desk { $number }: { $name }
editing-item-group = Synonym group { $number }: { $name }
editing-new-eligibility-size-caps = Add a cap by sector
editing-new-window-rounds = Add a round
editing-new-faq = Add an FAQ
editing-new-desk = Add a consultation desk
editing-new-group = Add a synonym group

## Scheme fields
editing-field-id = ID (the file name; cannot change)
editing-field-title = Official name
editing-field-aliases = Other names and abbreviations
editing-field-level = Level (ward, Tokyo, national)
editing-field-provider = Provider
editing-field-kind = Kind
editing-field-summary = Summary (one or two sentences)
editing-field-details = Details
editing-field-purposes = Purposes
editing-field-industries = Industries
editing-field-how-to-apply = How to apply
editing-field-contact = Contact
editing-field-source-url = Source (URL of the official page)
editing-field-as-of = Checked on
editing-field-related = IDs of related schemes
editing-field-not-combinable-with = IDs of schemes it cannot be combined with
editing-field-notes = Notes for staff
editing-field-eligibility-location = Location
editing-field-eligibility-office = Office rule
editing-field-eligibility-size = Size
editing-field-eligibility-max-employees = Most employees
editing-field-eligibility-min-employees = Fewest employees
editing-field-eligibility-max-capital-yen = Most capital (yen)
editing-field-eligibility-min-years = Fewest years in business
editing-field-eligibility-min-years-area = Where those years count
editing-field-eligibility-max-years = Years since founding, fewer than
editing-field-eligibility-pre-founding = People not yet in business
editing-field-eligibility-legal-form = Company or sole proprietor
editing-field-eligibility-shotenkai-member = Must belong to a shopping-street association
editing-field-eligibility-once-only = Once per business
editing-field-eligibility-excluded-industries = Excluded industries
editing-field-eligibility-partly-excluded-industries = Partly excluded industries
editing-field-eligibility-min-sales-yen = Annual sales at least (yen)
editing-field-eligibility-max-sales-yen = Annual sales below (yen)
editing-field-eligibility-situations = Situations it is made for
editing-field-eligibility-conditions = Other conditions on the business
editing-field-eligibility-requirements = Requirements on the project or application
editing-field-eligibility-size-caps-sectors = Sectors (none ticked: every sector)
editing-field-eligibility-size-caps-max-capital-yen = Most capital (yen)
editing-field-eligibility-size-caps-max-employees = Most employees
editing-field-eligibility-person-women = Women qualify
editing-field-eligibility-person-below-age = People younger than (age)
editing-field-eligibility-person-from-age = People this age or older (age)
editing-field-eligibility-person-max-management-years = Years of running a business, fewer than
editing-field-amount-max-yen = Ceiling (yen)
editing-field-amount-min-yen = Lower limit (yen)
editing-field-amount-rate = Rate (text)
editing-field-amount-text = Amount in one line
editing-field-window-kind = Kind of window
editing-field-window-rounds-label = Round name
editing-field-window-rounds-opens = Opens on
editing-field-window-rounds-closes = Closes on

## FAQ, desk and synonym fields
editing-field-faq-id = ID
editing-field-faq-question = Question
editing-field-faq-answer = Answer
editing-field-faq-scheme-ids = IDs of related schemes
editing-field-faq-source-url = Source (URL of the official page)
editing-field-faq-as-of = Checked on
editing-field-desk-id = ID
editing-field-desk-name = Desk name
editing-field-desk-categories = Fields of consultation
editing-field-desk-staff = Consultants
editing-field-desk-weekdays = Open on
editing-field-desk-opens = Opens at
editing-field-desk-closes = Closes at
editing-field-desk-hours-confirmed = Hours confirmed in published material
editing-field-desk-how-to-book = How to book
editing-field-desk-phone = Phone
editing-field-desk-url = URL of the desk's page
editing-field-desk-scheme-id = ID of the scheme describing this desk
editing-field-desk-source-url = Source (URL of the official page)
editing-field-desk-as-of = Checked on
editing-field-desk-notes = Notes for staff (not shown on the site)
editing-field-group-canonical = Word the corpus uses
editing-field-group-variants = Words callers use

## Choices
editing-opt-level-ward = Ward (Minato)
editing-opt-level-tokyo = Tokyo
editing-opt-level-national = National
editing-opt-kind-subsidy = Subsidy
editing-opt-kind-grant = Grant
editing-opt-kind-loan-mediation = Loan mediation
editing-opt-kind-loan = Direct loan
editing-opt-kind-interest-subsidy = Interest or guarantee fee subsidy
editing-opt-kind-consultation = Consultation desk
editing-opt-kind-expert-dispatch = Expert dispatch
editing-opt-kind-certification = Certification or mutual aid
editing-opt-kind-tax = Tax measure
editing-opt-kind-seminar = Seminar or course
editing-opt-area-minato = Minato ward
editing-opt-area-tokyo = Tokyo
editing-opt-area-anywhere = Anywhere
editing-opt-office-head-office = Head office in the area
editing-opt-office-any-office = A branch is enough
editing-opt-size-sme = SME
editing-opt-size-small = Small business
editing-opt-size-any = Any size
editing-opt-pre-founding-allowed = People not yet in business may use it
editing-opt-pre-founding-only = Only people not yet in business
editing-opt-pre-founding-no = Not for people not yet in business
editing-opt-legal-form-any = Either
editing-opt-legal-form-corporate = Companies only
editing-opt-legal-form-sole-proprietor = Sole proprietors only
editing-opt-sector-manufacturing-other = Manufacturing and other
editing-opt-sector-wholesale = Wholesale
editing-opt-sector-retail = Retail
editing-opt-sector-services = Services
editing-opt-situation-social-business = Social business
editing-opt-situation-sanitation-trade = Sanitation trades
editing-opt-situation-disaster-damage = Disaster damage
editing-opt-situation-downturn = Downturn
editing-opt-situation-partner-bankruptcy = A partner's bankruptcy
editing-opt-situation-restart = Starting again after closing
editing-opt-situation-customer-harassment = Customer harassment measures
editing-opt-situation-trade-dispute = Dispute with a trading partner
editing-opt-situation-overseas-expansion = Overseas expansion
editing-opt-situation-succession = Business succession
editing-opt-window-always = All year
editing-opt-window-rounds = Dated rounds
editing-opt-window-annual = Every year (dates not announced)
editing-opt-day-mon = Monday
editing-opt-day-tue = Tuesday
editing-opt-day-wed = Wednesday
editing-opt-day-thu = Thursday
editing-opt-day-fri = Friday
editing-opt-industry-all = All industries

## Problems found by the check
editing-problem-at-line = Line { $line }: { $message }
editing-problem-in-file = { $file }: { $message }
editing-problem-at-field = { $field }: { $message }
editing-problem-empty = Enter a value (it cannot be empty).
editing-problem-empty-word = A word is empty. Enter a word, or leave the row empty.
editing-problem-duplicate-id = This ID is already used. Choose another.
editing-problem-id-format = Use only lowercase ASCII letters, digits and hyphens in an ID (not starting with a hyphen).
editing-problem-self = An entry cannot name its own ID.
editing-problem-no-purpose = Choose at least one purpose.
editing-problem-no-scheme = Enter at least one related scheme ID.
editing-problem-no-category = Choose at least one field of consultation.
editing-problem-no-weekday = Choose at least one day.
editing-problem-person-empty = The owner or founder table sets no rule. Enter one, or leave the table empty.
editing-problem-only-founding = “Only people not yet in business” contradicts a minimum of years in business.
editing-problem-area = Choose Minato ward, Tokyo or anywhere.
editing-problem-rounds-not-allowed = Rounds are only allowed when the window is “Dated rounds”.
editing-problem-rounds-missing = A window of dated rounds needs at least one round.
editing-problem-no-industry = Choose the industries (or “All industries”).
editing-problem-area-needs-years = Where years count needs a minimum of years in business.
editing-problem-unknown-purpose = The purpose “{ $value }” is not one of the list.
editing-problem-unknown-industry = The industry “{ $value }” is not one of jGrants' names.
editing-problem-unknown-scheme = There is no scheme with the ID “{ $value }”.
editing-problem-source-url = Enter the http:// or https:// URL of the official page (entered: “{ $value }”).
editing-problem-old-date = The date is implausibly old (before 2000).
editing-problem-min-years = The minimum of years ({ $min }) must be below the years since founding ({ $max }).
editing-problem-min-employees = The fewest employees ({ $min }) is above the most ({ $max }).
editing-problem-min-sales = The minimum of sales ({ $min } yen) must be below the maximum ({ $max } yen).
editing-problem-caps-overlap = More than one cap covers the sector “{ $value }”.
editing-problem-cap-empty = A cap by sector sets neither capital nor employees. Enter one.
editing-problem-ages = “Younger than { $below }” with “{ $from } or older” admits every age.
editing-problem-round-order = The round “{ $value }” opens after it closes.
editing-problem-hours-format = Enter times as hours:minutes, such as 09:00.
editing-problem-hours-order = The opening time must be before the closing time.
editing-problem-file-name = The file must be named after the ID ({ $value }).
editing-problem-level-folder = The level does not match the folder of the file (schemes/level/).
editing-problem-missing-field = The required field “{ $value }” is missing.
editing-problem-unknown-field = “{ $value }” is not a field of this entry (check the spelling).
editing-problem-unknown-value = The value “{ $value }” is not one of the choices.
editing-problem-type = The value has the wrong form (a number, date, text or list is expected).
editing-problem-number = Enter a whole number of 0 or more in ASCII digits (entered: “{ $value }”).
editing-problem-date = Enter the date as year-month-day, such as 2026-11-20 (entered: “{ $value }”).
editing-problem-level = Choose ward, Tokyo or national.
editing-problem-other = The check found a problem (the validator says: { $message }).

## New scheme
editing-new-title = Add a new scheme
editing-new-intro = Enter the new scheme's ID, level and official name. Fill in the other fields on the next page and press “Publish” to add it.
editing-new-id = ID
editing-new-id-help = Lowercase ASCII letters, digits and hyphens, starting minato-…, tokyo-… or national-… by level. An ID used once, by a deleted scheme too, cannot be used again.
editing-new-button = Next (fill in the other fields)

## Delete
editing-delete-title = Delete { $path }
editing-delete-heading = Delete scheme:
editing-delete-question = Delete “{ $name }”?
editing-delete-explain = It disappears from search, the scheme pages and the chat on every server within seconds. The history stays: restore an earlier version to bring it back. The audit log records it.
editing-delete-confirm = Delete
editing-delete-cancel = Cancel and go back to the form
editing-delete-refused = Other entries refer to this scheme, so it was not deleted. Remove these references first.

## History
editing-history-title = History of { $path }
editing-history-heading = History:
editing-history-deleted = This entry is deleted. Restore an earlier version to bring it back.
editing-history-current = The published version is { $number }.
editing-history-edit = Edit
editing-history-compared = Changes from version { $from } to version { $to }
editing-history-legend = Lines starting with “−” were removed, lines starting with “＋” added.
editing-history-no-change = No changes.
editing-history-caption = Versions (newest first)
editing-history-col-version = Version
editing-history-col-note = What
editing-history-col-author = By
editing-history-col-at = When (Japan time)
editing-history-col-actions = Actions
editing-history-current-mark = (published)
editing-history-unpublished = (not published)
editing-history-see-change = See this version's changes
editing-history-load = Load this version into the form
editing-history-rollback = Publish this version again

## Freshness board
editing-freshness-col = Edit
editing-freshness-edit = Open the form

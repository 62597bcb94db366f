# Text of the corpus editor (/admin/corpus), loaded into the same bundle as main.ftl.

## Entry kinds
editing-kind-scheme = Scheme
editing-kind-faq-file = FAQ file
editing-kind-desks = Desks
editing-kind-synonyms = Synonyms
editing-kind-translation = Translation
editing-kind-sources = List of official sites
editing-kind-questionnaire = Questionnaire
editing-kind-routing-examples = Routing examples
editing-kind-document = Explanatory document
editing-kind-label = Type:{" "}
editing-version = Version { $number }

## List
editing-list-title = Corpus editor
editing-list-intro = Edit and publish the corpus entries (files): schemes, FAQs, desks, synonyms and more. Once you publish, the change reaches search, the scheme pages and the chat on every server within seconds. Before publishing, you can save your changes as a draft, and for a scheme you can preview how its public page will look.
editing-add-heading = Add an entry
editing-add-scheme = Add a new scheme
editing-add-faq = Add a new FAQ ({ $file })
editing-add-desk = Add a new desk
editing-add-group = Add a new synonym group
editing-list-search-label = Search by file name or text
editing-list-search-button = Search
editing-list-caption = { $count ->
    [one] Entries (1)
   *[other] Entries ({ $count })
}
editing-list-caption-query = containing “{ $query }”
editing-list-col-name = Name
editing-list-col-kind = Type
editing-list-col-file = File
editing-list-col-version = Published version
editing-list-col-history = History
editing-list-deleted = (deleted)
editing-list-empty = No matching entries

## Edit form
editing-edit-title = Edit { $path }
editing-edit-heading = Editing:
editing-edit-new-entry = This is a new entry. Nothing is saved until you publish it.
editing-edit-based-on = You are editing based on published version { $number }.
editing-history-link = History and changes
editing-back-to-list = Back to the list
editing-delete-link = Delete this scheme
editing-form-intro = Fill in each field. “*” marks required fields. Before anything is saved or published, the entry is checked together with the whole corpus. Any problem is shown, with the reason, next to its field and in the list at the top.
editing-remove-item = Delete { $name }
editing-required-mark = *
editing-row-label = { $field } (row { $number })
editing-rows-help = Enter one item per row. Empty rows are ignored. If you need more rows, save: more empty rows are added.
editing-choose = Choose one
editing-choose-none = (not specified)
editing-text-summary = Edit the TOML directly
editing-text-help = The whole text of the file, including fields the form does not show and comments. Changes made here are saved and published too. When you change a field in the form, the change is written into this text.
editing-text-label = Text of { $path } (TOML)
editing-confirm-remove-button-help = Press “Publish” (or “Save as draft”) again to delete the ticked items.
editing-action-publish = Publish
editing-action-draft = Save as draft
editing-action-preview = Preview (opens in a new tab)
editing-deleted-restore-link = Open the history to roll back to an earlier version
editing-no-form-invalid = The text cannot be read as TOML, so the form cannot be shown ({ $error }). Please fix the text below.
editing-no-form-kind = Entries of this type have no form. Edit the TOML text below directly.
editing-notice-version-loaded = Version { $number } ({ $note }) loaded. The published version is { $published }.
editing-notice-published = Version { $number } published. It is already live on this server and reaches the other servers within seconds.
editing-notice-saved = Draft saved (version { $number }). It is not published yet.
editing-notice-deleted = This scheme has been deleted. Roll back to an earlier version from the history to restore it.
editing-notice-checked = The check passed (entries of this type have no public page to preview). Nothing has been saved or published yet.
editing-notice-new = This is the form for a new scheme. Fill in the fields and press “Publish”. Nothing is saved until you publish.
editing-preview-banner = Preview: a draft of { $path }. It is not published yet.
editing-error-refused = { $count ->
    [one] There is 1 problem, so nothing was saved or published. See the note next to the field and fix it.
   *[other] There are { $count } problems, so nothing was saved or published. See the notes next to the fields and fix them.
}
editing-confirm-remove = Items are ticked for deletion. Nothing has been saved yet. To delete them, press “Publish” again. Deleted items can be restored by rolling back to an earlier version from the history.

## Tables and repeated items
editing-table-main = Main fields
editing-table-eligibility = Eligible businesses (eligibility)
editing-table-eligibility-person = Conditions on the representative or founder (eligibility.person)
editing-table-amount = Amount (amount)
editing-table-window = Application window (window)
editing-item-eligibility-size-caps = Limits by sector { $number }
editing-item-window-rounds = Round { $number }: { $name }
editing-item-faq = FAQ { $number }: { $name }
editing-item-desk = Desk { $number }: { $name }
editing-item-group = Synonym group { $number }: { $name }
editing-new-eligibility-size-caps = Add limits by sector
editing-new-window-rounds = Add a round
editing-new-faq = Add an FAQ
editing-new-desk = Add a desk
editing-new-group = Add a synonym group

## Scheme fields
editing-field-id = ID (same as the file name; cannot be changed)
editing-field-title = Official name
editing-field-aliases = Aliases, common names and abbreviations
editing-field-level = Level (ward, Tokyo, national)
editing-field-provider = Provider
editing-field-kind = Type
editing-field-summary = Summary (one or two sentences)
editing-field-details = Details
editing-field-purposes = Purposes
editing-field-industries = Eligible industries
editing-field-how-to-apply = How to apply
editing-field-contact = Contact
editing-field-source-url = Source (URL of the official page)
editing-field-as-of = Check date
editing-field-related = IDs of related schemes
editing-field-not-combinable-with = IDs of schemes that cannot be combined with this one
editing-field-notes = Notes for staff
editing-field-eligibility-location = Location
editing-field-eligibility-office = Office requirement
editing-field-eligibility-size = Size
editing-field-eligibility-max-employees = Maximum number of employees
editing-field-eligibility-min-employees = Minimum number of employees
editing-field-eligibility-max-capital-yen = Maximum capital (yen)
editing-field-eligibility-min-years = Minimum years in business
editing-field-eligibility-min-years-area = Area where the years are counted
editing-field-eligibility-max-years = Maximum years since founding (fewer than this)
editing-field-eligibility-pre-founding = People who have not started a business yet
editing-field-eligibility-legal-form = Corporation or sole proprietor
editing-field-eligibility-shotenkai-member = Must be a member of a shopping-street association (shotenkai)
editing-field-eligibility-once-only = Once per business only
editing-field-eligibility-not-for-recipients-of = Not for recipients of (scheme ids)
editing-field-eligibility-excluded-industries = Excluded industries
editing-field-eligibility-partly-excluded-industries = Partly eligible industries
editing-field-eligibility-min-sales-yen = Minimum annual sales (yen)
editing-field-eligibility-max-sales-yen = Maximum annual sales (yen, below this amount)
editing-field-eligibility-situations = Eligible situations
editing-field-eligibility-requires = Prerequisites (approvals, certifications)
editing-field-eligibility-conditions = Other conditions (on the business, not covered by the fields)
editing-field-eligibility-requirements = Requirements for the project and the application
editing-field-eligibility-size-caps-sectors = Sectors covered (none selected: all)
editing-field-eligibility-size-caps-max-capital-yen = Maximum capital (yen)
editing-field-eligibility-size-caps-max-employees = Maximum number of employees
editing-field-eligibility-person-women = For women
editing-field-eligibility-person-below-age = For people younger than (age)
editing-field-eligibility-person-from-age = For people this age or older (age)
editing-field-eligibility-person-max-management-years = Maximum years of management experience (fewer than this)
editing-field-amount-max-yen = Maximum amount (yen)
editing-field-amount-min-yen = Minimum amount (yen)
editing-field-amount-rate = Subsidy rate or interest rate (text)
editing-field-amount-text = Amount in one line
editing-field-window-kind = Window type
editing-field-window-rounds-label = Round name
editing-field-window-rounds-opens = Applications open on
editing-field-window-rounds-closes = Applications close on

## FAQ, desk and synonym fields
editing-field-faq-id = ID
editing-field-faq-question = Question
editing-field-faq-answer = Answer
editing-field-faq-scheme-ids = IDs of related schemes
editing-field-faq-source-url = Source (URL of the official page)
editing-field-faq-as-of = Check date
editing-field-desk-id = ID
editing-field-desk-name = Desk name
editing-field-desk-categories = Consultation categories
editing-field-desk-staff = Consultants
editing-field-desk-weekdays = Days open
editing-field-desk-opens = Opening time
editing-field-desk-closes = Closing time
editing-field-desk-hours-confirmed = Hours confirmed in published material
editing-field-desk-how-to-book = How to book or use the desk
editing-field-desk-phone = Phone number
editing-field-desk-url = URL of the desk's page
editing-field-desk-scheme-id = ID of the scheme that describes this desk
editing-field-desk-source-url = Source (URL of the official page)
editing-field-desk-as-of = Check date
editing-field-desk-notes = Notes for staff (not shown on the site)
editing-field-group-canonical = Term used in the corpus
editing-field-group-variants = Wordings used in inquiries

## Choices
editing-opt-level-ward = Ward (Minato City)
editing-opt-level-tokyo = Tokyo (or another prefecture)
editing-opt-level-national = National
editing-opt-kind-subsidy = Subsidy
editing-opt-kind-grant = Grant
editing-opt-kind-loan-mediation = Loan mediation or institutional loan
editing-opt-kind-loan = Direct loan
editing-opt-kind-interest-subsidy = Interest subsidy or credit guarantee fee subsidy
editing-opt-kind-consultation = Desk
editing-opt-kind-expert-dispatch = Expert dispatch
editing-opt-kind-certification = Certification, accreditation or mutual aid
editing-opt-kind-tax = Tax incentive
editing-opt-kind-seminar = Seminar, course or networking event
editing-opt-area-minato = Minato City
editing-opt-area-tokyo = Tokyo
editing-opt-area-anywhere = Anywhere
editing-opt-office-head-office = Head office or main place of business in the area
editing-opt-office-any-office = A branch or sales office is enough
editing-opt-size-sme = SME
editing-opt-size-small = Small business
editing-opt-size-any = Any size
editing-opt-pre-founding-allowed = Also open to people who have not started a business yet
editing-opt-pre-founding-only = Only people who have not started a business yet
editing-opt-pre-founding-no = Not open to people who have not started a business yet
editing-opt-legal-form-any = Either
editing-opt-legal-form-corporate = Corporations only
editing-opt-legal-form-sole-proprietor = Sole proprietors only
editing-opt-sector-manufacturing-other = Manufacturing and others
editing-opt-sector-wholesale = Wholesale
editing-opt-sector-retail = Retail
editing-opt-sector-services = Services
editing-opt-situation-social-business = Social business (NPOs, childcare, nursing care, etc.)
editing-opt-situation-sanitation-trade = Environmental health businesses
editing-opt-situation-disaster-damage = Disaster damage
editing-opt-situation-downturn = Business downturn
editing-opt-situation-partner-bankruptcy = Bankruptcy of a business partner
editing-opt-situation-restart = Starting again after closing a business
editing-opt-situation-customer-harassment = Measures against customer harassment
editing-opt-situation-trade-dispute = Dispute with a business partner
editing-opt-situation-overseas-expansion = Overseas expansion
editing-opt-situation-succession = Business succession
editing-opt-prerequisite-keiei-kakushin-keikaku = Approved management innovation plan
editing-opt-prerequisite-keieiryoku-kojo-keikaku = Certified management enhancement plan
editing-opt-prerequisite-jigyo-keizokuryoku-keikaku = Certified business continuity enhancement plan (Jigyokei)
editing-opt-prerequisite-bcp = A business continuity plan (BCP) already made
editing-opt-prerequisite-disability-employment-rate = Statutory employment rate of people with disabilities met
editing-opt-prerequisite-new-business-activity = A new business activity (new technology, second founding, etc.)
editing-opt-window-always = All year
editing-opt-window-rounds = By round (with dates)
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
editing-problem-empty = Enter a value (this cannot be empty).
editing-problem-empty-word = A word is empty. Enter a word, or leave the whole row empty.
editing-problem-duplicate-id = This ID already exists. Choose a different ID.
editing-problem-id-format = Use only lowercase ASCII letters, digits and hyphens in an ID (it cannot start with a hyphen).
editing-problem-self = An entry cannot refer to its own ID.
editing-problem-no-purpose = Choose at least one purpose.
editing-problem-no-scheme = Enter at least one related scheme ID.
editing-problem-no-category = Choose at least one consultation category.
editing-problem-no-weekday = Choose at least one day.
editing-problem-person-empty = There are no conditions on the representative or founder. Enter a condition, or do not use this table.
editing-problem-only-founding = “Only people who have not started a business yet” cannot be combined with a minimum of years in business.
editing-problem-area = Choose the area: “Minato City”, “Tokyo” or “Anywhere”.
editing-problem-rounds-not-allowed = Rounds can only be entered when the window type is “By round” or “Every year”.
editing-problem-rounds-missing = When the window type is “By round”, enter at least one round.
editing-problem-no-industry = Choose the industries (for every industry, choose “All industries”).
editing-problem-area-needs-years = If you choose the area where the years are counted, also enter the minimum years in business.
editing-problem-unknown-purpose = The purpose “{ $value }” cannot be used. Choose one from the list.
editing-problem-unknown-industry = The industry “{ $value }” cannot be used. Choose one of the jGrants industry names.
editing-problem-unknown-scheme = There is no scheme with the ID “{ $value }”. Check the ID.
editing-problem-source-url = For the source, enter the URL of the official page, starting with http:// or https:// (entered: “{ $value }”).
editing-problem-old-date = The check date is too old (before 2000). Check the date.
editing-problem-min-years = The minimum years in business ({ $min }) must be less than the maximum years since founding ({ $max }).
editing-problem-min-employees = The minimum number of employees ({ $min }) is above the maximum ({ $max }).
editing-problem-min-sales = The minimum annual sales ({ $min } yen) must be less than the maximum ({ $max } yen).
editing-problem-caps-overlap = The sector “{ $value }” has more than one set of limits by sector.
editing-problem-cap-empty = These limits by sector set neither a maximum capital nor a maximum number of employees. Enter one of them.
editing-problem-ages = “Younger than { $below }” combined with “{ $from } or older” covers every age.
editing-problem-round-order = In the round “{ $value }”, applications open after they close.
editing-problem-hours-format = Enter times as hours:minutes, such as 09:00.
editing-problem-hours-order = The opening time must be before the closing time.
editing-problem-file-name = The file name must be the same as the ID ({ $value }).
editing-problem-level-folder = The level does not match the folder the file is in (schemes/level/).
editing-problem-missing-field = The required field “{ $value }” is missing.
editing-problem-unknown-field = “{ $value }” is not a field name that can be used (check the spelling).
editing-problem-unknown-value = The value “{ $value }” cannot be used. Choose one of the options.
editing-problem-type = The value has the wrong format (check whether a number, date, text or list is expected).
editing-problem-number = Enter a whole number of 0 or more in ASCII digits (entered: “{ $value }”).
editing-problem-date = Enter the date as year-month-day, such as 2026-11-20 (entered: “{ $value }”).
editing-problem-level = Choose the level: ward, Tokyo or national.
editing-problem-other = The check found a problem (validator message: { $message }).

## New scheme
editing-new-title = Add a new scheme
editing-new-intro = Enter the new scheme's ID, level and official name. On the next page, fill in the other fields and press “Publish” to add the scheme.
editing-new-id = ID
editing-new-id-help = Lowercase ASCII letters, digits and hyphens. Start with minato-…, tokyo-… or national-… to match the level. An ID that has been used once cannot be used again, even if its scheme was deleted.
editing-new-button = Next (fill in the other fields)

## Delete
editing-delete-title = Delete { $path }
editing-delete-heading = Delete scheme:
editing-delete-question = Delete “{ $name }”?
editing-delete-explain = Once deleted, the scheme disappears from search, the scheme pages and the chat on every server within seconds. The history is kept: roll back to an earlier version to restore it. The deletion is also recorded in the audit log.
editing-delete-translations = Its English and やさしい日本語 translations (this scheme's entries in the i18n schemes.toml files) are deleted with it. To restore the scheme later, also roll back the translation files to an earlier version from their history.
editing-delete-confirm = Delete
editing-delete-cancel = Cancel and go back to the edit form
editing-delete-refused = Other entries refer to this scheme, so it was not deleted. Remove the following references first.

## History
editing-history-title = History of { $path }
editing-history-heading = History:
editing-history-deleted = This entry has been deleted. Roll back to an earlier version to restore it.
editing-history-current = The published version is { $number }.
editing-history-edit = Edit
editing-history-compared = Changes from version { $from } to version { $to }
editing-history-legend = Lines starting with “−” were removed; lines starting with “＋” were added.
editing-history-no-change = No changes.
editing-history-caption = Versions (newest first)
editing-history-col-version = Version
editing-history-col-note = Description
editing-history-col-author = Author
editing-history-col-at = Date and time (Japan time)
editing-history-col-actions = Actions
editing-history-current-mark = (published)
editing-history-unpublished = (not published)
editing-history-see-change = See the changes in this version
editing-history-load = Load this version into the edit form
editing-history-rollback = Roll back to this version and publish

## Freshness board
editing-freshness-col = Edit
editing-freshness-edit = Open the edit form

## Refusals (when an edit or publication cannot be done)
editing-refusal-off = This server was not started from a corpus folder, so the corpus cannot be edited here.
editing-refusal-no-entry = Corpus entry { $path } was not found.
editing-refusal-delete-kind = Only scheme files can be deleted. Delete FAQs, desks and synonyms one item at a time in the edit form.
editing-refusal-deleted = { $path } has already been deleted.
editing-refusal-empty = Empty content cannot be published or saved. To delete a scheme, use “Delete this scheme”.
editing-refusal-conflict = Someone else published { $path } after you started editing. Nothing was overwritten. Open the latest version and make your changes again.
editing-refusal-exists = { $path } already exists (deleted entries included). Nothing was overwritten. If it was deleted, restore it from its history.
editing-refusal-no-version = Version { $number } of { $path } was not found.

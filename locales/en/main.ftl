# Shien Navi: interface text, English. Plain business English for a foreign owner; say
# "Minato City" for 港区 and "Tokyo Metropolitan Government" for 東京都.

## Layout
site-name = Shien Navi
site-tagline = Business support schemes in Minato City: from the ward, Tokyo and the national government
site-title-suffix = Shien Navi (business support in Minato City)
skip-link = Skip to main content
nav-label = Main menu
nav-search = Find a scheme
nav-recommend = Answer a few questions
nav-chat = Ask in the chat
nav-admin = Staff
lang-switch-label = Language
footer-disclaimer = Everything here is summarised from each scheme's official page (or, where no official page could be found, from a private explainer page, marked as such). English texts are guides: the Japanese entries and the official pages prevail. Before you apply, always check the provider's official page and application guidelines.
footer-hours = Desk hours: weekdays { $opens }–{ $closes } (closed on weekends, public holidays and 29 December to 3 January)
weekday-hours = weekdays { $opens }–{ $closes }
page-japanese-only = This page is available in Japanese only for now.
page-partly-japanese = Scheme names and descriptions are in English; the rest of this page is in Japanese for now.
list-separator = {", "}
expanded-separator = {", "}
label-separator = {": "}
paren-open = {" ("}
paren-close = )
day-separator = {", "}

## Chat widget
chat-widget-title = Ask a question in the chat
chat-widget-label = Your question (do not enter personal details)
chat-widget-placeholder = e.g. Is there a subsidy for building a website?
chat-widget-send = Send
chat-widget-empty = Please type a question.
chat-widget-waiting = Preparing an answer…
chat-widget-error = Something went wrong.

## Chat page
chat-title = Ask in the chat
chat-intro = The chat answers questions about subsidies, loans and consultation desks from our frequently asked questions and scheme information. Harder questions are passed to a specialist consultant ({ $hours }).
chat-log-label = The conversation so far
chat-you = You
chat-bot = Shien Navi
chat-sources = Sources
chat-ticket = Ticket number
chat-ticket-notice = your { $category } question is passed to { $desk } (next staffed time: { $when })
chat-ticket-no-slot = please ask the desk for a time
chat-question-label = Your question
chat-placeholder = e.g. Can I use the ward's start-up loan before I open my business?
chat-send = Send
chat-privacy = Please do not enter personal details such as your name or phone number (if you do, they are masked before anything is stored).
chat-error-empty = Please type a question.
chat-error-too-long = Your message is too long. Please keep it within { $max } characters.

## Chat replies (the bot's own words; facts, names and hours come in as $variables)
chat-clarify = What would you like support for? For example: starting a business (about to open, or just opened), buying equipment, a website or advertising, hiring staff, or cash flow. If you prefer Minato City, Tokyo or national schemes, please say so too.
chat-overview-intro = These schemes may help:
chat-overview-related = Related schemes:
chat-overview-item = - { $name }{ $amount }: { $summary }
chat-overview-amount = {" "}({ $amount })
chat-overview-closing = Please check each scheme's official page (in Japanese) for the full conditions. You can also talk your case over at a consultation desk.
chat-scheme-name = { $name } (official Japanese name: { $official })
chat-official-japanese = The official information in Japanese:
chat-from-faq = From our FAQ: { $answer }
chat-source = Source: { $name } (information as of { $date }; please check the official page for the latest).
chat-known-rule = The general condition is "{ $rule }" ({ $scheme }), but whether it applies to your own case is checked individually at the desk.
chat-own-case = That is the general rule; whether it applies to your own case is checked individually at the desk.
chat-handoff-consult = This question needs a specialist in { $field }, so we are passing it to a consultant ({ $reason }).
chat-handoff-desk = Desk: { $desk } ({ $hours })
chat-handoff-open-now = The desk is open now.
chat-handoff-next = The desk is closed now. The next staffed time is { $when }. Please keep your ticket number and contact the desk during its hours, or wait for a call back.
chat-handoff-no-slot = Please ask the desk for the next available time.
chat-handoff-booking = How to book: { $how }
chat-handoff-ticket = Ticket number: { $ticket }
chat-complaint = We are sorry for the trouble. Your feedback will be read by the centre's staff, not by a consultant, and they will contact you if needed ({ $reason }).
chat-complaint-desk = Received by: { $desk } ({ $hours })
chat-complaint-next = The office is closed now. The next staffed time is { $when }.
chat-complaint-how-to-book = Give your ticket number by phone or at the counter
# A chrono strftime pattern: the next staffed time in a chat reply.
chat-slot-format = %A %-d %B, %H:%M
staff-queue-name = Minato City Industry Promotion Center staff (complaints and feedback; 港区立産業振興センター 職員)
center-desk-name = Minato City Industry Promotion Center consultation desk (港区立産業振興センター 相談窓口)
center-desk-how-to-book = Please book by phone
center-desk-staff = a consultant
office-hours = weekdays { $opens }–{ $closes } (closed on weekends, public holidays and 29 December to 3 January)
handoff-category-management = business management
handoff-category-financing = financing
handoff-category-labour = labour and employment
handoff-category-legal = legal matters
handoff-category-ip = intellectual property
handoff-category-tax = tax
handoff-category-founding = starting a business
handoff-category-complaint = complaints and feedback
handoff-reason-asked-for-person = you asked to talk to a person
handoff-reason-sensitive = it needs a specialist's judgement
handoff-reason-complaint = feedback or a complaint
handoff-reason-individual = your own situation or documents need checking
handoff-reason-low-confidence = our FAQ cannot answer it

## Home
home-title = Home
home-heading = Support for businesses in Minato City
home-intro = Find subsidies, grants, loan mediation and free consultation desks from Minato City, the Tokyo Metropolitan Government and the national government, all in one place.
home-search-link = Search for a scheme
home-search-text = Search in your own words, for example "start a business" or "build a website".
home-recommend-link = Answer a few questions
home-recommend-text = Tell us where your business is, its industry, its size and what you want to do, and see the schemes most likely to fit, with the reasons.
home-chat-link = Ask in the chat
home-chat-text = The chat answers common questions and passes harder ones to a consultant.

## Not found
notfound-title = Not found
notfound-heading = Page not found
notfound-link = Back to the home page
scheme-notfound-heading = Scheme not found
scheme-notfound-text = There is no scheme called "{ $id }".
scheme-notfound-link = Search for it instead.
error-internal = Something went wrong on our side. Please try again later.

## Search
search-title = Find a scheme
search-label = What you need, or keywords
search-placeholder = e.g. start a business, borrow money
search-help = Write in your own words, in English or Japanese.
search-level-legend = Run by
search-purpose-label = Purpose
search-purpose-any = (any)
search-open-only = Only schemes open now or all year
search-submit = Search
search-expanded = Also searched for the words { $words }.
search-results-heading = { $count ->
    [one] Schemes (1)
   *[other] Schemes ({ $count })
}
search-none-before = No scheme matched. Try other words, ask in the
search-none-chat = chat
search-none-after = or visit the desk at the Industry Promotion Center.
search-error-empty = Please enter what you are looking for.
search-error-failed = Something went wrong while searching. Please try again later.
search-error-invalid = Please check the search conditions:
faq-heading = Frequently asked questions
source-official = Official page (Japanese)
source-secondary = Source page (not official, Japanese)

## Labels of the corpus's codes
level-ward = Minato City
level-tokyo = Tokyo Metropolitan Government
level-national = National government
level-prefecture = Another prefecture
kind-subsidy = Subsidy
kind-grant = Grant
kind-loan-mediation = Loan mediation
kind-loan = Loan
kind-interest-subsidy = Interest or guarantee-fee subsidy
kind-consultation = Consultation desk
kind-expert-dispatch = Expert visits
kind-certification = Certification
kind-tax = Tax measure
kind-seminar = Seminar or course
status-open = Open now
status-always = Open all year
status-upcoming = Opens later
status-unannounced = Every year (dates not announced yet)
status-closed = Closed
purpose-founding = Starting a business
purpose-equipment = Equipment investment
purpose-it = IT adoption
purpose-sales = Finding customers
purpose-overseas = Selling abroad
purpose-hiring = Hiring
purpose-training = Staff training
purpose-workstyle = Working conditions and benefits
purpose-succession = Business succession
purpose-cashflow = Cash flow
purpose-ip = Intellectual property
purpose-rnd = Research and development
purpose-bcp = Disaster preparedness (BCP)
purpose-energy = Energy saving and environment
purpose-shopping-street = Shopping streets
day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri

## Scheme page and facts rendered from the corpus's fields
scheme-official-name = Official name
scheme-translation-note = This English text is a guide written from the Japanese entry. The Japanese entry and the provider's official page prevail: check them before you apply.
scheme-translation-stale = The Japanese entry has changed since this English text was written, so parts of it may be out of date. The Japanese entry below prevails.
scheme-translation-missing = This scheme has no English text yet; it is shown in Japanese.
scheme-secondary-notice = This scheme's information comes from a private explainer page, not the provider's official page. Ask the provider for the latest details before you apply.
fact-provider = Run by
fact-kind = Type
fact-purposes = Purposes
fact-amount = Amount
fact-min-amount = Lower limit
fact-amount-published = As published (Japanese)
fact-window = Applications
fact-who = Who can use it
fact-how = How to apply
fact-contact = Contact (in Japanese)
fact-as-of = Information checked on
amount-max = Up to { $amount }
amount-min = At least { $amount }
round-dates = Open: { $opens } to { $closes }
scheme-details-heading = Details
scheme-japanese-entry = The Japanese entry (this prevails)
scheme-conditions-heading = Main conditions
scheme-official-link = Check the official page (Japanese)
scheme-source-link = See the source page (not official, Japanese)
scheme-notes = Notes on sources (Japanese)
scheme-related = Related schemes
scheme-desks-heading = Where to ask
desk-days = { $days }
desk-hours = { $days }, { $opens }–{ $closes }
desk-hours-unconfirmed = {" "}(times not yet confirmed; please check when you book)
desk-phone = Phone
desk-how-to-book = Booking

## Questionnaire
form-title = Answer a few questions
form-title-error = Please check your answers
form-heading = Answer a few questions to find schemes
form-intro = Answer up to eight short questions and see the Minato City, Tokyo and national schemes most likely to fit your business, with the reasons and what still needs checking. Your answers are used only for this search.
form-required = (required)
form-only-if-purpose = Answer only if you chose "{ $purpose }".
form-choose = Please choose
form-submit = Find schemes
form-missing = The questionnaire (corpus/questionnaire.toml) is missing.
form-error-field = Please check your answer: { $label }.
form-error-answer = Please check your answer: { $label }. { $message }
field-location = Where your business is
field-industry = Industry
field-employees = Number of employees
field-capital-yen = Capital
field-years-in-business = Years in business
field-corporate = Company or sole proprietor
field-purposes = What you want to do
field-shotenkai-member = Shopping-street association
field-other = Your answers
question-location = Where your business is
question-location-help = Choose where you mainly do business, and whether that is your head office (a company's registered head office, or where a sole proprietor files tax).
option-location-minato-head = In Minato City (head office or main place of business)
option-location-minato-branch = In Minato City (a branch; the head office is elsewhere)
option-location-minato = In Minato City (not sure whether it is the head office)
option-location-tokyo-head = Elsewhere in Tokyo (head office)
option-location-tokyo-branch = Elsewhere in Tokyo (a branch)
option-location-other = Outside Tokyo
question-industry = Industry
question-industry-help = Choose the industry of your main business (the divisions of the Japan Standard Industrial Classification).
question-employees = Number of employees (regular staff)
question-employees-help = Do not count directors, the owner of a sole proprietorship, or part-time workers with short hours. Enter 0 if there are none.
question-capital-yen = Capital (yen, optional)
question-capital-yen-help = Companies only. Sole proprietors, leave this empty.
question-years-in-business = Years since the business started
question-years-in-business-help = Full years since you started. If you have not started yet, choose "Not started yet".
option-years-in-business-pre = Not started yet
option-years-in-business-0 = Less than 1 year
option-years-in-business-1 = 1 to less than 2 years
option-years-in-business-2 = 2 to less than 3 years
option-years-in-business-3 = 3 to less than 5 years
option-years-in-business-5 = 5 to less than 10 years
option-years-in-business-10 = 10 years or more
option-years-in-business-none = Prefer not to say
question-corporate = Type of business
option-corporate-true = Company (corporation)
option-corporate-false = Sole proprietor, or an individual about to start
question-purposes = What you want to do (choose any)
question-shotenkai-member = Are you a member of a shopping-street association (shōtenkai)?
question-shotenkai-member-help = This matters only for schemes for shopping streets.
option-shotenkai-member-true = Yes
option-shotenkai-member-false = No
option-shotenkai-member-none = Not sure
industry-agriculture = Agriculture and forestry
industry-fishery = Fisheries
industry-mining = Mining and quarrying
industry-construction = Construction
industry-manufacturing = Manufacturing
industry-utilities = Electricity, gas, heat supply and water
industry-information = Information and communications
industry-transport = Transport and postal services
industry-trade = Wholesale and retail trade
industry-finance = Finance and insurance
industry-real-estate = Real estate and goods rental
industry-professional = Scientific research, professional and technical services
industry-hospitality = Accommodation, eating and drinking services
industry-personal-services = Living-related and personal services, amusement
industry-education = Education and learning support
industry-medical = Medical, health care and welfare
industry-compound = Compound services
industry-other-services = Services not elsewhere classified
industry-government = Government (not elsewhere classified)
industry-unclassified = Industries unable to classify

## Results of the questionnaire
results-title = Schemes for you
results-heading = Schemes that may fit your business
results-print = You can print this page from your browser.
results-again = Answer the questions again
results-steps-heading = Start here: free consultation
results-count = { $count ->
    [one] Recommended schemes (1)
   *[other] Recommended schemes ({ $count })
}
results-none = No scheme matched your answers. Choose more things you want to do, or ask a consultation desk.
fit-eligible = Likely to qualify
fit-likely = Some conditions need checking
fit-unknown = Depends on an approval or certification to check first
results-amount = Amount
results-deadline = Deadline
results-reasons = Why it fits
results-unknown = What still needs checking
results-settle-by = To settle it (Japanese)
results-japanese-detail = In Japanese
results-not-combinable = Cannot be combined with these schemes for the same costs
results-excluded = Schemes ruled out ({ $count })
reason-met = { $condition }: meets the condition
reason-unknown = { $condition }: needs checking
reason-no-limits = No limits on location, size or years in business
condition-location = Location
condition-office = Head office
condition-industry = Industry
condition-size = Size of the business
condition-employees = Number of employees
condition-capital = Capital
condition-years = Years in business
condition-founding = Before or after starting
condition-legal-form = Company or sole proprietor
condition-shotenkai = Shopping-street association
condition-person = The owner's age, gender or experience
condition-sales = Annual sales
condition-once-only = Once per business
condition-recipients-of = Not for recipients of certain other schemes
condition-situation = Whom the scheme is for
condition-prerequisite = An approval, certification or fact it presupposes
condition-other = Other conditions in the guidelines
step-founding = Talk over your funding and business plans for free, before you apply for a loan or a subsidy.
step-financing = If you are thinking of a loan or a guarantee-fee subsidy, check the borrowing conditions and the documents you need here.
step-labour = Ask here about grants and rules for hiring and working conditions.
step-ip = Ask here about patents, trademarks and other intellectual property.
step-other = Not sure which scheme suits you best? Talk it over here, for your own situation.
step-separator = {" / "}

## The asked facts of a chat reply (app/chat/facts.rs): the domain chooses each sentence and
## its values; amounts, dates, rates and hours arrive formatted, never written here.
chat-fact-first = { $label } of { $scheme }:
chat-fact-next = { $label }:
chat-fact-line = { $label }: { $text }
chat-fact-in-official = see the official Japanese below.
chat-fact-note = This answer is a summary: the official page prevails.
chat-fact-sentence-separator = {" "}
chat-fact-label-amount = Amount
chat-fact-label-rate = Rate
chat-fact-label-eligibility = Who can apply
chat-fact-label-years = Years and age
chat-fact-label-deadline = Deadline and application period
chat-fact-label-how-to-apply = How to apply
chat-fact-label-documents = Documents
chat-fact-label-contact = Contact and hours
chat-fact-label-combination = Combining with other schemes
chat-fact-label-fee = Fees
chat-fact-label-count = Number of times
chat-fact-label-term = Term
chat-fact-not-in-sources = { $label } is not confirmed in our sources. Please check with { $contact } or on the official page.
chat-fact-not-in-sources-amount = Amount is not confirmed in our sources. Please check with { $contact } or on the official page.
chat-fact-not-in-sources-combination = Our sources hold no rule that restricts this combination (which does not mean that you can combine them). Please check with { $contact }.
chat-fact-amount-of-loan = The loan limit
chat-fact-amount-of-grant = The maximum amount
chat-fact-amount-of-other = The maximum
chat-fact-amount-published = The amount is published in Japanese as 「{ $text }」.
chat-fact-amount-ceiling = { $what } is { $amount }.
chat-fact-ceiling = The maximum is { $amount }.
chat-fact-share =
    { $up_to ->
        [yes] It pays up to { $num }/{ $den } of the costs.
       *[no] It pays { $num }/{ $den } of the costs.
    }
chat-fact-share-ceiling =
    { $up_to ->
        [yes] It pays up to { $num }/{ $den } of the costs, at most { $amount }.
       *[no] It pays { $num }/{ $den } of the costs, at most { $amount }.
    }
chat-fact-per-person-ceiling = { $what } is { $amount } per person.
chat-fact-floor = The minimum is { $amount }.
chat-fact-also-rate = The rate is { $rate }.
chat-fact-rate-of-loan = The interest rate
chat-fact-rate-of-interest-subsidy = The rate
chat-fact-rate-of-tax = The rate
chat-fact-rate-of-subsidy = The rate
chat-fact-rate = { $what } is { $rate }.
chat-fact-rate-published = { $what } is as published in Japanese: { $rate }.
chat-fact-rate-with-text = { $what } is { $rate } ({ $text }).
chat-fact-rate-in-text = { $what }, as published in Japanese: { $text }.
chat-fact-covered-rule = The condition is 「{ $condition }」: if your case does not meet it, you are not eligible.
chat-fact-mainly-for = It is mainly for { $size }{ $place }. { $legal }
chat-fact-area-minato = Minato City
chat-fact-area-tokyo = Tokyo
chat-fact-place-head-office = {" "}with their head office (for sole proprietors, main place of business) in { $area }
chat-fact-place-any-office = {" "}with a place of business in { $area }
chat-fact-size-sme = small and medium-sized enterprises (SMEs)
chat-fact-size-small-by-law = small businesses (at most { $others } regular employees in manufacturing and most other industries, { $commerce } in commerce and services; { $lodging } in lodging and entertainment)
chat-fact-size-small = small businesses
chat-fact-size-any = businesses
chat-fact-legal-any = Both companies and sole proprietors can apply.
chat-fact-legal-corporate = Only companies can apply, not sole proprietors.
chat-fact-legal-sole = Only individuals (sole proprietors or people about to start) can apply, not companies.
chat-fact-rules = Conditions: { $rules }.
chat-fact-rule-separator = {"; "}
chat-fact-list-separator = {", "}
chat-fact-conditions = Main conditions (in Japanese): { $conditions }.
chat-fact-condition = Condition (in Japanese): { $text }.
chat-fact-in-short = In short: { $text }
chat-fact-required = Condition: { $rule }.
chat-fact-required-employees-at-most = At most { $count } regular employees.
chat-fact-required-employees-at-least = At least { $count } regular employees.
chat-fact-required-capital-at-most = Capital of at most { $amount }.
chat-fact-required-founded-within = It is for businesses founded less than { $years } { $years ->
        [one] year
       *[other] years
    } ago.
chat-fact-required-in-business = You must have been in business for at least { $years } { $years ->
        [one] year
       *[other] years
    } in a row.
chat-fact-required-in-business-in = You must have been in business in { $area } for at least { $years } { $years ->
        [one] year
       *[other] years
    } in a row.
chat-fact-required-owner = The owner (founder) must be { $who }.
chat-fact-required-management-years = The owner must have less than { $years } { $years ->
        [one] year
       *[other] years
    } of management experience.
chat-fact-rule-employees-at-most = at most { $count } regular employees
chat-fact-rule-employees-at-least = at least { $count } regular employees
chat-fact-rule-capital-at-most = capital of at most { $amount }
chat-fact-rule-cap-employees = at most { $count } employees
chat-fact-rule-or = {" or "}
chat-fact-rule-size-cap = { $sectors }: { $limits }
chat-fact-rule-size-cap-all = { $limits }
chat-fact-rule-in-business = in business for at least { $years } { $years ->
        [one] year
       *[other] years
    }
chat-fact-rule-in-business-in = in business in { $area } for at least { $years } { $years ->
        [one] year
       *[other] years
    } in a row
chat-fact-rule-founded-within = founded less than { $years } { $years ->
        [one] year
       *[other] years
    } ago
chat-fact-rule-owner = the owner (founder) is { $who }
chat-fact-rule-management-years = less than { $years } { $years ->
        [one] year
       *[other] years
    } of management experience
chat-fact-rule-sales-at-least = annual sales of at least { $amount }
chat-fact-rule-sales-below = annual sales below { $amount }
chat-fact-rule-excluded-industries = not for these industries: { $industries }
chat-fact-rule-shotenkai-member = membership of a shopping street association (商店会)
chat-fact-rule-once-only = not having used this scheme before
chat-fact-owner-woman = a woman
chat-fact-owner-under = under { $age }
chat-fact-owner-under-or-at-most = under { $age }
chat-fact-owner-from-age = { $age } or older
chat-fact-owner-or = {", or "}
chat-fact-pre-founding-allowed = People who have not started their business yet can also use it.
chat-fact-pre-founding-only = Only people who have not started their business yet can use it.
chat-fact-pre-founding-no = It cannot be used before you start your business: apply once you have started.
chat-fact-always-open = Applications are accepted at any time, all year round; there is no fixed deadline.
chat-fact-consult-days = Consultation days (in Japanese): { $text }
chat-fact-next-round-unannounced = It is usually offered every year, but the next application period had not been announced as of { $date }.
chat-fact-past-rounds = Earlier rounds (in Japanese): { $texts }
chat-fact-round = { $round } ({ $label }): applications from { $opens } to { $closes }{ $state }.
chat-fact-round-open = {" (open now)"}
chat-fact-round-upcoming = {" (not open yet)"}
chat-fact-round-closed = {" (closed)"}
chat-fact-next-round-unknown = The next round's dates are not in our sources. Please check with { $contact } or on the official page.
chat-fact-when-to-apply = When to apply (in Japanese): { $text }
chat-fact-how-to-apply = (in Japanese) { $text }
chat-fact-fee = (in Japanese) { $text }
chat-fact-count = (in Japanese) { $text }
chat-fact-term = (in Japanese) { $text }
chat-fact-apply-to = Where to apply or ask: { $contact }.
chat-fact-documents = Documents (in Japanese): { $texts }
chat-fact-contact = Contact: { $contact }.
chat-fact-desk-open = { $desk } is open on { $hours } ({ $book }).
chat-fact-phone = Phone: { $phone }.
chat-fact-phone-unknown = The phone number is not confirmed in our sources; please ask the contact above.
chat-fact-hours-unknown = The days and hours are not confirmed in our sources; please ask the contact above.
chat-fact-title = { $title }
chat-fact-title-separator = {", "}
chat-fact-not-combinable = { $scheme } and { $other } cannot both be used for the same costs.
chat-fact-not-combinable-with = { $scheme } cannot be combined with { $others } for the same costs.
chat-fact-combination-conditions = Conditions on combining (in Japanese): { $conditions }. If your case does not meet them, you cannot use both.

## Why a request was refused (app/refusal.rs): API errors put the field's name before these;
## pages show them beside the field.
refusal-query-empty = Please enter search words.
refusal-query-too-long = The search is too long ({ $chars } characters). Please use { $max } characters or fewer.
refusal-top-k = top_k must be between 1 and { $max } (got { $got }).
refusal-level = level can be ward, tokyo or national (got { $got }).
refusal-purpose = purposes holds an unknown purpose key ({ $got }).
refusal-message-empty = Please enter a message.
refusal-message-too-long = The message is too long ({ $chars } characters). Please use { $max } characters or fewer.
refusal-session-id = Please use { $max } characters or fewer.
refusal-inquiry-id = Please give the inquiry_id from a search or chat response.
refusal-comment-too-long = Please use { $max } characters or fewer.
refusal-today = Please give the date as YYYY-MM-DD (got { $given }).
refusal-answer-location-required = The business location is required.
refusal-answer-unknown-location = Please give one of minato, tokyo or other (got { $given }).
refusal-answer-industry-required = The industry is required.
refusal-answer-unknown-industry = Please give a jGrants industry name (got { $given }).
refusal-answer-employees-required = The number of employees is required (0 if none).
refusal-answer-negative-count = Please give a number of people of 0 or more (got { $given }).
refusal-answer-negative-amount = Please give an amount of 0 yen or more (got { $given }).
refusal-answer-years-out-of-range = Please give a number of years from 0 to 300 (got { $given }).
refusal-answer-years-before-founding = The business is not open yet, but its years in business are { $years }.
refusal-answer-corporate-required = Please say whether the business is a company or a sole proprietorship.
refusal-answer-capital-of-sole-proprietor = A sole proprietorship has no share capital (leave it null).
refusal-answer-unknown-purpose = Unknown purpose key ({ $given }).
refusal-answer-head-office = The answers say the head office is in Tokyo, but also that it is outside Tokyo.
refusal-answer-minato-longer-than-tokyo = Minato is in Tokyo, so the years in Minato ({ $minato }) cannot exceed the years in Tokyo ({ $tokyo }).
refusal-answer-longer-than-business = This cannot be longer than the years in business ({ $total }); got { $years }.
refusal-answer-area-years-before-founding = The business is not open yet, but this says { $years } years.
refusal-answer-not-in-minato = The business is outside Minato (only businesses in the ward give their years in the ward).
refusal-answer-not-in-tokyo = The business is outside Tokyo (only businesses in Tokyo give their years in Tokyo).
refusal-answer-age-out-of-range = Please give an age from 0 to 130 (got { $given }).
refusal-no-scheme = There is no scheme with the id { $id }.
refusal-json-field = A field of the request is not right ({ $detail }).
refusal-json-syntax = The request's JSON cannot be read ({ $detail }).
refusal-json-body = The request body cannot be read ({ $detail }).
refusal-too-large = The request is too large (16 KiB at most).
refusal-media-type = Please send it with Content-Type: application/json.
refusal-rate-limited = Too many requests at the moment. Please try again a little later.
refusal-internal = Something went wrong on our side. Please try again later.

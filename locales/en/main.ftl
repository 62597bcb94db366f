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
chat-widget-replies-in-japanese = Answers are in Japanese for now.

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
kind-certification = Certification or tax measure
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

### Words shared by every area: the application, navigation, forms, lists, exports, errors, background jobs and the API page.

app-name = Gongjiang · Industry–Education Alliance

nav-skip = Skip to content
nav-menu = Menu
nav-home = Home
nav-members = Members
nav-apply = Apply to join
nav-login = Sign in
nav-logout = Sign out
nav-account = My account
nav-org = My unit
nav-applications = Applications
nav-audit = Audit log
nav-api = API docs
nav-demands = Talent demand
nav-school = My school
nav-imports = Import
nav-agreements = Agreements
nav-lists = Enterprise lists
nav-catalogues = Occupations
nav-faculty = Faculty pool
nav-switch_lang = 中文
nav-rounds = Placement rounds
nav-internships = Internships
nav-talent_gap = Talent gap
nav-employment = Employment
nav-funnel = Funnel
nav-my_record = My record
nav-evaluation = Skill evaluation

export-xlsx = Export Excel
export-csv = Export CSV

form-yes = yes
form-no = no
form-fix = Please correct the marked fields and submit again.
form-save = Save
form-required = required

forms-filter_hint = Type to filter
forms-select_shown = Tick all shown
lists-unit_hint = Unit name, short name or pinyin initials
lists-title = Enterprise lists
lists-intro = The three lists member enterprises keep for the alliance: core products, technical needs and talent needs (on the demand board). Technical needs can grow into joint projects.
lists-talent = Talent needs
lists-any_segment = All segments
lists-enterprise = Enterprise
lists-item_title = Title
lists-description = Description
lists-status = Status
lists-none = Nothing on this list yet.
lists-add = Add to my enterprise's lists
lists-edit = Change a list item
lists-list = List

demo-banner = Demo mode: apart from the chair unit and the Huangshi optoelectronics association, every unit is fictional; demo accounts use the password gongjiang-demo.

api-title = JSON API documentation
api-intro = Every endpoint lives under /api/v1 and answers JSON. Machine-readable OpenAPI 3.1 document:
api-auth = Authentication: a browser session (writes need the X-CSRF-Token header) or a personal API token (Authorization: Bearer gjt_…).
api-access = Access
api-body = Request body
api-answer = Answer

error-title = Something went wrong
error-unauthenticated = Please sign in first.
error-forbidden = You are not allowed to do this.
error-not_found = Not found.
error-invalid = Some fields are not valid; see the messages.
error-wrong_state = This cannot be done in the current state.
error-too_many_attempts = Too many failed sign-ins; try again in { $minutes } minute(s).
error-bad_credentials = Wrong login or password.
error-demo_account = Demo accounts work only in demo mode (serve --demo).
error-unavailable = The system is busy; please try again shortly.
error-internal = Internal error; it has been logged. Please try again later.
error-csrf = The form expired or came from elsewhere; reload the page and try again.
error-too_large = The request is too large.
error-bad_request = The request body could not be read: { $detail }

job-title = Background job
job-refresh = This page refreshes itself every second until the work is done.

## The list kit (web::lists): pager, search, pickers
lists-page_of = Page { $p } of { $n }, { $total } rows
lists-search = Search
lists-matches = { $total } match, the first { $shown } shown; type a name or student number to narrow them.

# Background job statuses and stages.
job_status-running = Running
job_status-done = Done
job_status-refused = Refused: nothing was changed
job_status-failed = Failed: nothing was changed
job_status-interrupted = Interrupted: nothing was changed; please start it again
job_stage-read = Reading
job_stage-validate = Checking each row
job_stage-check = Checking the rules
job_stage-store = Saving
job_stage-solve = Matching
job_stage-publish = Publishing
job_stage-start = Starting

# Between the items of a list in running text, and between clauses.
sep-list = ,{" "}
sep-clause = ;{" "}

## The form kit (web::forms): confirmations after a save
forms-saved = Saved.
forms-created = Created.
forms-done = Done.
forms-confirm = Confirm
forms-cancel = Cancel
forms-file = Choose a file
forms-document_kind = Document kind

## Column headers of tables that are not list-kit tables.
table-document_kind = Document kind
table-file = File
table-size = Size
table-uploaded = Uploaded
table-applied_at = Applied
table-status = Status
table-tier = Tier
table-reason = Note
table-code = Code
table-major = Major
table-level = Level
table-occupations = Occupations
table-intake = Yearly intake
table-cohort = Cohort
table-years = Entry–graduation
table-student_no = Student no.
table-name = Name
table-id_number = ID number
table-phone = Mobile
table-age = Age
table-reveal = See in full
table-token = Name
table-prefix = Starts with
table-created = Created
table-last_used = Last used
table-role = Role
table-note = Note

## What to do after an error.
error-next_not_found = Check the address or start again from the navigation above; a link someone sent you may have expired or not be yours to open.
error-next_forbidden = Your current role may not do this. If you work for several units, switch on My account; otherwise ask your unit's administrator.
error-next_back = Go back, change what is asked and send it again; going back keeps what you typed.
error-next_wait = Wait a moment and try again.
error-next_other = Try again later; if it keeps happening, tell the secretariat.
error-back = Back to the previous page

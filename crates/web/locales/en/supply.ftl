### Schools' supply: majors, cohorts, trainees, teachers, the faculty pool and the talent gap.

gap-title = Talent gap
gap-intro = Open demand starting in the year next to expected graduates of matching majors that year, by occupation and skill level.
gap-year = Year
gap-export = Export CSV
gap-demand = Demand
gap-supply = Graduates
gap-gap = Gap

school-title = Majors, cohorts and trainees
school-majors = Majors
school-cohorts = Cohorts
school-trainees = Trainees
school-add = Add
school-code = Code
school-major_name = Major
school-years = Years
school-intake = Intake
school-cohort_name = Cohort name
school-entry = Entry
school-graduation = Graduation
school-size = Size
school-name = Name
school-edit_trainee = Change a trainee
school-cohort = Cohort
school-status = Status
school-keep_identifier = Leave empty to keep it; type a new one to change it (the full number is never shown).
school-id_number = ID number
school-phone = Mobile (optional)
school-student_no = Student no.
school-consent = Purpose of processing
school-reason = Reason
school-reveal = Show in full
school-revealed_logged = this view has been logged
school-edit = Edit
school-level = Level
school-occupations = Occupations (several allowed)
school-major = Major
school-sponsor = Order-class sponsor (optional)
school-edit_major = Edit major
school-edit_cohort = Edit cohort
school-teachers = Teachers
school-link_account = Link a trainee account
school-login = The trainee's login

major_level-intermediate = Intermediate worker
major_level-advanced = Advanced worker
major_level-preparatory_technician = Preparatory technician
major_level-secondary = Secondary vocational
major_level-associate = Higher vocational (associate)

teachers-title = Our teachers
teachers-intro = Teachers shared with the alliance's faculty pool are visible to other members.
teachers-add = Add a teacher
teachers-edit = Edit teacher
teachers-name = Name
teachers-employment = Employment
teachers-specialties = Specialties (separate with 、 or commas)
teachers-dual = Dual-qualified grade
teachers-job_title = Title
teachers-level = Skill level
teachers-practice = Enterprise practice days (last five years)
teachers-practice_low = under 180 days
teachers-shared = Shared with the faculty pool
teachers-none = No teachers yet.

faculty-title = Alliance faculty pool
faculty-intro = Teachers the member schools share, searchable by school, name or specialty and dual-qualified grade, for teaching across schools, training guidance and enterprise practice.
faculty-search = Name or specialty
faculty-any_grade = Any
faculty-filter = Filter
faculty-school = School
faculty-none = No shared teacher matches.

employment-full_time = Full-time
employment-external = Engaged from outside

dual_qualified-none = None
dual_qualified-junior = Junior
dual_qualified-intermediate = Intermediate
dual_qualified-senior = Senior
school-search_hint = Name or student number

# Trainee statuses, by stored code.
trainee_status-enrolled = Enrolled
trainee_status-interning = Interning
trainee_status-graduated = Graduated
trainee_status-employed = Employed
trainee_status-left = Left

# Labels this form gives its fields in problem sentences.
school-label-major_name = Major name
faculty-page = Page { $page } of { $pages }, { $total } teachers

# Genders, as the ID number gives them.
gender-male = Male
gender-female = Female
school-only_unplaced = Only trainees in school in cohorts graduating by { $year } with no internship, placement or job yet
school-only_certified = Only trainees certified since { $since }
school-show_all = Show all trainees
work-unplaced = { $n } trainees still to place (cohorts graduating by { $year }: no internship, placement or job yet)
work-certified_term = { $n } trainees certified this term (since { $since })

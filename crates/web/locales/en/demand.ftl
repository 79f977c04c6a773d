### Talent demand: enterprises' posts and their kinds.

demand-title = Talent demand
demand-new = Post a demand
demand-kind = Kind
demand-post = Post
demand-occupation = Occupation
demand-level = Skill level
demand-headcount = Headcount
demand-wage = Monthly wage (yuan)
demand-wage_min = Wage from (yuan)
demand-wage_max = Wage to (yuan)
demand-start = Start
demand-end = End
demand-night_shift = Night shifts
demand-requirements = Requirements
demand-enterprise = Enterprise

demand_kind-job = Job
demand_kind-position_internship = Position internship
demand_kind-cognitive_internship = Cognitive internship
demand_kind-apprenticeship = Apprenticeship
demand_kind-order_class = Order class
demand-mine = Only mine

# Demand statuses, by stored code.
demand_status-draft = Draft
demand_status-open = Open
demand_status-filled = Filled
demand_status-closed = Closed
gap-meaning = Reading
gap-shortage = Shortage (more demand than graduates)
gap-surplus = Surplus (more graduates than demand)
gap-even = Even
gap-cohorts_title = Cohorts behind the expected graduates
gap-cohorts_intro = Cohorts graduating that year in a major linked to the occupation that trains to that level, each counted at its planned size.
gap-graduates = Planned size

### Skill-level evaluation: institutions, filings, sessions, results; skill levels.

evaluation-title = Skill-level evaluation
evaluation-sessions = Evaluation sessions
evaluation-institutions = Evaluation institutions
evaluation-new_session = New session
evaluation-occupation = Occupation
evaluation-level = Level
evaluation-held_on = Date
evaluation-venue = Venue
evaluation-examiners = Examiners
evaluation-candidates = Candidates
evaluation-add_candidate = Add a candidate (eligibility checked)
evaluation-trainee_id = Trainee id
evaluation-theory = Theory
evaluation-practical = Practical
evaluation-review = Review
evaluation-result = Result
evaluation-passed = Passed
evaluation-record_scores = Record scores
evaluation-failed = Failed
evaluation-unscored = Not scored
evaluation-rescore_required = Certificate revoked: score again before a new certificate
evaluation-save_scores = Save scores
evaluation-matched = Matched
evaluation-pass_mark = Pass mark (each part)
evaluation-issue = Issue certificate
evaluation-issue_all = Issue certificates to every passing candidate
evaluation-certificate = Certificate
evaluation-filings = Filings
evaluation-codes = Codes
evaluation-api_hint = Registering institutions and filings and admitting candidates go through /api/v1/evaluation (see the API docs); sessions are created and scores recorded on the pages.
evaluation-no_sessions = No sessions yet.
evaluation-not_eligible = The trainee does not meet the conditions to apply; each condition's check is below.
evaluation-eligibility = Eligibility check
evaluation-evidence = Evidence
evaluation-met = Met
evaluation-not_met = Not met
evaluation-not_institution = Your unit is not registered as an evaluation institution.
evaluation-result_certified = A certificate has been issued for this result, so it cannot be changed; revoke the certificate first, then reissue.

level-level5 = Level 5 / Junior worker
level-level4 = Level 4 / Intermediate worker
level-level3 = Level 3 / Senior worker
level-level2 = Level 2 / Technician
level-level1 = Level 1 / Senior technician

# Labels this form gives its fields in problem sentences.
evaluation-label-theory_score = Theory
evaluation-label-practical_score = Practical
evaluation-label-review_score = Comprehensive review
evaluation-label-held_on = Day
evaluation-label-venue = Venue

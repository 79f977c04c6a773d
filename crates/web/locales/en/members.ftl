### Roster, applications, organisations, secretariat administration, people; organisation kinds, tiers and membership statuses.

org-products = Core products
org-needs = Technical needs
org-talent = Talent needs
org-other_names = Other names
org-short_name = Short name
org-credit_code = Unified social credit code
org-district = District
org-address = Address
org-website = Web site
org-intro = Introduction
org-status = Membership
org-joined = Joined
org-edit = Edit profile
org-people = People and invitations
org-history = Membership history
org-saved = Saved.
org-chair_badge = Chair unit

roster-title = Member roster
roster-search = Search (characters, pinyin or initials)
roster-kind = Kind
roster-tier = Tier
roster-city = City
roster-segment = Industry segment
roster-all = All
roster-filter = Filter
roster-name = Name
roster-total = { $n } units
roster-none = No unit matches.
roster-fictional = demo
roster-prev = Previous
roster-next = Next
roster-page = Page { $p } of { $n }

apply-title = Apply to join the alliance
apply-intro = Fill in your unit's details; once the secretariat approves, the unit appears on the roster.
apply-unit = Unit
apply-contact = Contact
apply-requested_tier = Requested tier
apply-contact_name = Contact name
apply-contact_phone = Contact mobile
apply-contact_email = E-mail (optional)
apply-statement = Statement (optional)
apply-submit = Submit application
apply-done = Application received; the secretariat will contact you after review.
apply-other_names_hint = A second name (e.g. a dual-plate school); separate several with 、

people-title = People and invitations
people-invite = Create an invitation link
people-role = Role
people-note = Note (e.g. who it is for)
people-link = Invitation link (valid 7 days, works once):
people-disable = Disable
people-enable = Enable
people-invitations = Invitations
people-used = used
people-expires = Expires

admin-applications = Membership applications
admin-none = No applications waiting.
admin-applied_at = Applied
admin-review = Review
admin-membership = Membership
admin-approve = Approve
admin-reject = Reject
admin-suspend = Suspend
admin-reinstate = Reinstate
admin-end = End membership
admin-change_tier = Change tier
admin-tier = Tier
admin-note = Note (optional)
admin-reason = Reason (required)
admin-statement = Statement
admin-decision_reason = Decision
admin-done = Done.

org_kind-technical_college = Technical college
org_kind-vocational_school = Vocational school
org_kind-enterprise = Enterprise
org_kind-association = Industry association
org_kind-research_institute = Research institute
org_kind-government_agency = Government agency

tier-chair = Chair
tier-vice_chair = Vice chair
tier-standing_council = Standing council
tier-council = Council
tier-member = Member

membership_status-applied = Applied
membership_status-active = Active
membership_status-rejected = Rejected
membership_status-suspended = Suspended
membership_status-left = Left
members-confirm-reject = Reject the application
members-confirm-reject_what = The applicant will see the reason below, and this application can no longer be approved.

### The home page.

home-renewals = agreement(s) end within 60 days
home-lead = Members, talent demand and training supply, working together on one platform.
home-members_count = Active member units
home-browse = Browse the member roster
home-pending = Applications waiting for review
home-employment_due = employment follow-ups due
home-employment = Employment
home-funnel = Talent funnel
home-my_record = My record
home-my_certificates = My valid certificates: { $n } (see, print or verify)

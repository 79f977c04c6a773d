### School–enterprise cooperation agreements and the item lists.

agreements-title = School–enterprise agreements
agreements-intro = Agreements your unit is party to; those ending within 60 days are marked for renewal.
agreements-name = Agreement
agreements-period = Period
agreements-quota = Quota
agreements-renew = renew
agreements-new = New agreement
agreements-edit = Edit agreement
agreements-kind = Kind
agreements-school = School
agreements-enterprise = Enterprise
agreements-start = Start
agreements-end = End
agreements-status = Status
agreements-notes = Notes
agreements-none = No agreements yet.
agreements-files = Files
agreements-no_files = No files yet.
agreements-file_name = File
agreements-file_size = Size
agreements-uploaded = Uploaded
agreements-attach = Attach
agreements-attach_hint = PDF, PNG or JPEG, at most 5 MB
agreements-parties_fixed = The parties cannot change once recorded.

agreement_kind-order_class = Order class
agreement_kind-apprenticeship = Apprenticeship
agreement_kind-position_internship = Position internship
agreement_kind-training_base = Co-built training base
agreement_kind-industry_college = Industry college
agreement_kind-joint_research = Joint research
agreement_kind-faculty_exchange = Faculty exchange

agreement_status-draft = Draft
agreement_status-signed = Signed
agreement_status-active = In force
agreement_status-expired = Expired
agreement_status-terminated = Terminated

item_list-products = Core products
item_list-technical_needs = Technical needs

item_status-open = Current
item_status-closed = Closed

# Labels this form gives its fields in problem sentences.
agreements-label-title = Title

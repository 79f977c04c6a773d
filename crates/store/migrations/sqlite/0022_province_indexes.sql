-- Indexes the province-scale pages need (issue "Province scale"): each list's
-- filter and order, so no page reads a growing table from end to end.
-- An institution's certificates, newest first.
CREATE INDEX certificates_by_org ON certificates(org_id, issued_on);
-- Jobs whose start day came and whose trainee status is still to apply.
CREATE INDEX employment_unapplied ON employment_records(status_applied, start_on);
-- The job a placement became (the employment page joins it).
CREATE INDEX employment_by_placement ON employment_records(placement_id);
-- The demand board, newest first.
CREATE INDEX demands_by_created ON demands(created_at, id);

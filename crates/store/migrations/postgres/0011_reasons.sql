-- Irreversible actions keep their reason on the record, beside the audit
-- entry that also holds it: why a staff account was disabled (cleared when it
-- is enabled again) and why an internship was terminated early.
ALTER TABLE users ADD COLUMN disabled_reason TEXT;
ALTER TABLE internships ADD COLUMN termination_reason TEXT;

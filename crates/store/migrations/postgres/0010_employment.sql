-- Employment (就业, issue 5): a trainee's jobs after training, and how they
-- stand 6 and 12 months after the start (retention, wage). A record comes from
-- a published placement, confirmed by the employer's HR or the trainee's
-- school, or is entered by hand by either of them. Wages are in fen.

CREATE TABLE employment_records (
    id              TEXT PRIMARY KEY,
    trainee_id      TEXT NOT NULL REFERENCES trainees(id),
    school_org_id   TEXT NOT NULL REFERENCES organizations(id),
    employer_org_id TEXT NOT NULL REFERENCES organizations(id),
    post            TEXT NOT NULL,
    start_on        TEXT NOT NULL,
    wage_fen        BIGINT NOT NULL,
    source          TEXT NOT NULL,
    placement_id    TEXT UNIQUE REFERENCES placements(id),
    -- 1 once the trainee's status has been moved to employed for this record.
    status_applied  BIGINT NOT NULL DEFAULT 0,
    created_by      TEXT NOT NULL,
    created_org_id  TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX employment_by_trainee ON employment_records(trainee_id);
CREATE INDEX employment_by_school ON employment_records(school_org_id);
CREATE INDEX employment_by_employer ON employment_records(employer_org_id);

-- The follow-up at 6 or 12 months after the start: still employed, wage, note.
CREATE TABLE employment_outcomes (
    record_id       TEXT NOT NULL REFERENCES employment_records(id),
    months          BIGINT NOT NULL,
    still_employed  BIGINT NOT NULL,
    wage_fen        BIGINT,
    note            TEXT NOT NULL,
    entered_by      TEXT NOT NULL,
    entered_org_id  TEXT NOT NULL,
    entered_at      BIGINT NOT NULL,
    PRIMARY KEY (record_id, months)
);

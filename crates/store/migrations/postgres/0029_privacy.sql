-- Consent decisions (PIPL Art. 14, 15, 23): only ever added. A withdrawal is
-- a new row; the newest row for (trainee, purpose, recipient) is in force.
-- `recipient_org_id` is '' for a purpose that needs plain consent and the
-- receiving unit for separate consent.
CREATE TABLE consents (
    id                TEXT PRIMARY KEY,
    trainee_id        TEXT NOT NULL REFERENCES trainees(id),
    purpose           TEXT NOT NULL,
    recipient_org_id  TEXT NOT NULL DEFAULT '',
    decision          TEXT NOT NULL,
    method            TEXT NOT NULL,
    notice_version    TEXT NOT NULL,
    guardian_name     TEXT NOT NULL DEFAULT '',
    recorded_by       TEXT NOT NULL,
    at                BIGINT NOT NULL
);
CREATE INDEX consents_by_trainee ON consents(trainee_id, purpose, recipient_org_id, at);
-- The signed paper behind a decision a school records for a trainee (a
-- consent form, a guardian's signature), scanned: PDF, PNG or JPEG.
CREATE TABLE consent_files (
    consent_id    TEXT PRIMARY KEY REFERENCES consents(id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    data          BYTEA NOT NULL,
    uploaded_by   TEXT NOT NULL,
    uploaded_at   BIGINT NOT NULL
);
-- An enterprise's standing shares: which trainees let it see who they are.
CREATE INDEX consents_by_recipient ON consents(recipient_org_id, trainee_id);

-- Who read whose personal information, which fields, for what and why
-- (F7): separate from the change audit. Reveals of full identifiers were
-- kept in pii_reveals; they move here with their reason.
CREATE TABLE pi_access (
    id          TEXT PRIMARY KEY,
    trainee_id  TEXT NOT NULL REFERENCES trainees(id),
    user_id     TEXT NOT NULL REFERENCES users(id),
    org_id      TEXT NOT NULL,
    action      TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    fields      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    at          BIGINT NOT NULL
);
INSERT INTO pi_access (id, trainee_id, user_id, org_id, action, purpose, fields, reason, at)
    SELECT id, trainee_id, user_id, org_id, 'reveal', 'enrolment', fields, reason, at FROM pii_reveals;
DROP TABLE pii_reveals;
CREATE INDEX pi_access_by_trainee ON pi_access(trainee_id, at);
-- The breach query: whose data one user read in a time window.
CREATE INDEX pi_access_by_user ON pi_access(user_id, at);

-- A trainee's own applications, for the enterprises they may share with.
CREATE INDEX round_preferences_by_trainee ON round_preferences(trainee_id);

-- Which version of the notice (个人信息处理规则) each person accepted or
-- refused: one decision per person and version, so a refusal is not asked
-- again until the notice changes (NDSR Art. 22).
CREATE TABLE notice_decisions (
    user_id         TEXT NOT NULL REFERENCES users(id),
    notice_version  TEXT NOT NULL,
    decision        TEXT NOT NULL,
    at              BIGINT NOT NULL,
    PRIMARY KEY (user_id, notice_version)
);

-- The audit log by action (a prefix such as `consent.` is a range of it,
-- compared byte by byte, hence the "C" collation).
CREATE INDEX audit_by_action ON audit_log((action COLLATE "C"), seq);

-- What a person asks of the unit that holds their data (correction,
-- deletion, explanation), due a number of working days later, and the
-- unit's answer: done with a note, or refused with the reason.
CREATE TABLE rights_requests (
    id            TEXT PRIMARY KEY,
    trainee_id    TEXT NOT NULL REFERENCES trainees(id),
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    kind          TEXT NOT NULL,
    detail        TEXT NOT NULL,
    status        TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    submitted_at  BIGINT NOT NULL,
    answered_by   TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL DEFAULT '',
    answered_at   BIGINT
);
CREATE INDEX rights_requests_by_trainee ON rights_requests(trainee_id, submitted_at);
CREATE INDEX rights_requests_by_org ON rights_requests(org_id, status, due_on);

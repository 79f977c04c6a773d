-- Skill evaluation and platform-issued certificates (issue 5): member units
-- registered as evaluation institutions with their filings (CERT-01),
-- evaluation sessions with candidates, scores and results (SKL-01, SKL-04),
-- each issuing unit's Ed25519 key (private part sealed by the vault), and
-- certificates as signed credentials with their status-list bits.

CREATE TABLE evaluation_institutions (
    org_id           TEXT PRIMARY KEY REFERENCES organizations(id),
    kind             TEXT NOT NULL,
    institution_code TEXT NOT NULL,
    province_code    TEXT NOT NULL,
    site_code        TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (kind, institution_code, province_code, site_code)
);

-- What an institution may certify: one occupation, some levels, a period.
CREATE TABLE evaluation_filings (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES evaluation_institutions(org_id),
    occupation_code  TEXT NOT NULL REFERENCES occupations(code),
    levels           TEXT NOT NULL,
    filed_with       TEXT NOT NULL,
    reference        TEXT NOT NULL,
    valid_from       TEXT NOT NULL,
    valid_to         TEXT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX evaluation_filings_by_org ON evaluation_filings(org_id, occupation_code);

-- 认定批次. `examiners` is a JSON array of names.
CREATE TABLE evaluation_sessions (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES evaluation_institutions(org_id),
    occupation_code  TEXT NOT NULL REFERENCES occupations(code),
    level            TEXT NOT NULL REFERENCES skill_levels(code),
    held_on          TEXT NOT NULL,
    venue            TEXT NOT NULL,
    examiners        TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX evaluation_sessions_by_org ON evaluation_sessions(org_id, held_on);

-- A candidate: the eligibility check that admitted them (JSON: rule edition,
-- matched alternative, evidence), scores and result (NULL until scored).
CREATE TABLE evaluation_candidates (
    id               TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES evaluation_sessions(id),
    trainee_id       TEXT NOT NULL REFERENCES trainees(id),
    eligibility      TEXT NOT NULL,
    theory_score     BIGINT,
    practical_score  BIGINT,
    review_score     BIGINT,
    passed           BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (session_id, trainee_id)
);
CREATE INDEX evaluation_candidates_by_trainee ON evaluation_candidates(trainee_id);

-- Signing keys: the public key in multibase, the 32-byte seed sealed by the
-- personal-data vault (associated data binds it to the key id).
CREATE TABLE issuer_keys (
    kid              TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    public_multibase TEXT NOT NULL,
    seed_sealed      TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX issuer_keys_by_org ON issuer_keys(org_id);

-- Certificates. `credential` is the signed JSON exactly as issued.
-- `status`: valid | suspended | revoked; revoked ones stay (CERT-04).
CREATE TABLE certificates (
    id                TEXT PRIMARY KEY,
    candidate_id      TEXT NOT NULL REFERENCES evaluation_candidates(id),
    trainee_id        TEXT NOT NULL REFERENCES trainees(id),
    org_id            TEXT NOT NULL REFERENCES organizations(id),
    number            TEXT NOT NULL UNIQUE,
    issue_year        BIGINT NOT NULL,
    serial            BIGINT NOT NULL,
    occupation_code   TEXT NOT NULL,
    occupation_name   TEXT NOT NULL,
    subtype           TEXT NOT NULL,
    level             TEXT NOT NULL,
    holder_name_masked TEXT NOT NULL,
    holder_id_type    TEXT NOT NULL,
    holder_id_masked  TEXT NOT NULL,
    issued_on         TEXT NOT NULL,
    token             TEXT NOT NULL UNIQUE,
    kid               TEXT NOT NULL REFERENCES issuer_keys(kid),
    credential        TEXT NOT NULL,
    revocation_index  BIGINT NOT NULL,
    suspension_index  BIGINT NOT NULL,
    status            TEXT NOT NULL,
    status_reason     TEXT,
    status_on         TEXT,
    issued_by         TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    UNIQUE (org_id, issue_year, serial),
    UNIQUE (org_id, revocation_index),
    UNIQUE (org_id, suspension_index)
);
-- Never two live certificates for one result: a new one only after revocation.
CREATE UNIQUE INDEX certificates_one_live_per_result ON certificates(candidate_id) WHERE status <> 'revoked';
CREATE INDEX certificates_by_trainee ON certificates(trainee_id);
CREATE INDEX certificates_by_candidate ON certificates(candidate_id);

-- Teachers (师资): specialties, dual-qualified (双师型) grade, employment,
-- days of enterprise practice, and whether they are shared with the
-- alliance's faculty pool (then other members see them).
CREATE TABLE teachers (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    name             TEXT NOT NULL,
    employment       TEXT NOT NULL,
    specialties      TEXT NOT NULL,
    dual_qualified   TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    skill_level      TEXT REFERENCES skill_levels(code),
    practice_days    BIGINT NOT NULL DEFAULT 0,
    shared           BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX teachers_by_org ON teachers(org_id);
CREATE INDEX teachers_shared ON teachers(shared);

-- School–enterprise agreements (校企合作协议) and their attached files. Files are
-- kept in the database (size-limited, type-checked) so a backup holds everything.
CREATE TABLE agreements (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL,
    school_org_id   TEXT NOT NULL REFERENCES organizations(id),
    enterprise_org_id TEXT NOT NULL REFERENCES organizations(id),
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    quota           BIGINT NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    created_by_org  TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX agreements_by_school ON agreements(school_org_id);
CREATE INDEX agreements_by_enterprise ON agreements(enterprise_org_id);
CREATE INDEX agreements_by_end ON agreements(end_on);

CREATE TABLE agreement_files (
    id            TEXT PRIMARY KEY,
    agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    uploaded_by   TEXT NOT NULL,
    uploaded_at   BIGINT NOT NULL
);
CREATE INDEX agreement_files_by_agreement ON agreement_files(agreement_id);

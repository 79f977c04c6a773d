-- Long work (imports, placement rounds, reports): who started it, how far it
-- got and how it ended. While a job runs, the instance running it keeps its
-- progress in memory too; `updated_at` is its heartbeat on PostgreSQL.
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    org_id        TEXT REFERENCES organizations(id),
    user_id       TEXT NOT NULL,
    status        TEXT NOT NULL,
    stage         TEXT NOT NULL DEFAULT '',
    done          BIGINT NOT NULL DEFAULT 0,
    total         BIGINT NOT NULL DEFAULT 0,
    outcome       TEXT NOT NULL DEFAULT 'null',
    -- A file the job produced (an import's problem report), sealed by the
    -- personal-data vault because it can hold the uploaded identifiers.
    artifact      TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    finished_at   BIGINT
);

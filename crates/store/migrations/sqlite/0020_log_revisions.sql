-- Every earlier text of a weekly log entry, kept when the trainee revises it
-- (a submitted or queried entry may be revised; a confirmed one may not).
CREATE TABLE internship_log_revisions (
    log_id      TEXT NOT NULL REFERENCES internship_logs(id),
    revision    BIGINT NOT NULL,
    content     TEXT NOT NULL,
    status      TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    written_by  TEXT NOT NULL,
    written_at  BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL,
    PRIMARY KEY (log_id, revision)
);

-- Training (培养, issue 5): the work-study structure of a major (工学一体化:
-- typical work tasks → integrated courses → learning tasks), the learning
-- tasks trainees completed, and internships (实习) with their documents,
-- rule overrides, weekly logs and supervisors' visits. Files are kept in the
-- database like agreement files, so a backup holds everything.

CREATE TABLE work_tasks (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    major_id      TEXT NOT NULL REFERENCES majors(id),
    seq           BIGINT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    updated_at    BIGINT NOT NULL
);
CREATE INDEX work_tasks_by_major ON work_tasks(major_id);

CREATE TABLE courses (
    id            TEXT PRIMARY KEY,
    work_task_id  TEXT NOT NULL REFERENCES work_tasks(id),
    seq           BIGINT NOT NULL,
    name          TEXT NOT NULL,
    hours         BIGINT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    updated_at    BIGINT NOT NULL
);
CREATE INDEX courses_by_task ON courses(work_task_id);

CREATE TABLE learning_tasks (
    id            TEXT PRIMARY KEY,
    course_id     TEXT NOT NULL REFERENCES courses(id),
    seq           BIGINT NOT NULL,
    name          TEXT NOT NULL,
    hours         BIGINT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    updated_at    BIGINT NOT NULL
);
CREATE INDEX learning_tasks_by_course ON learning_tasks(course_id);

CREATE TABLE learning_records (
    id                TEXT PRIMARY KEY,
    trainee_id        TEXT NOT NULL REFERENCES trainees(id),
    learning_task_id  TEXT NOT NULL REFERENCES learning_tasks(id),
    hours             BIGINT NOT NULL,
    place             TEXT NOT NULL,
    assessor          TEXT NOT NULL,
    completed_on      TEXT NOT NULL,
    recorded_by       TEXT NOT NULL,
    recorded_at       BIGINT NOT NULL
);
CREATE INDEX learning_records_by_trainee ON learning_records(trainee_id);

CREATE TABLE internships (
    id                   TEXT PRIMARY KEY,
    trainee_id           TEXT NOT NULL REFERENCES trainees(id),
    school_org_id        TEXT NOT NULL REFERENCES organizations(id),
    host_org_id          TEXT NOT NULL REFERENCES organizations(id),
    demand_id            TEXT REFERENCES demands(id),
    kind                 TEXT NOT NULL,
    post_name            TEXT NOT NULL,
    school_supervisor    TEXT NOT NULL DEFAULT '',
    host_supervisor      TEXT NOT NULL DEFAULT '',
    start_on             TEXT NOT NULL,
    end_on               TEXT NOT NULL,
    daily_hours          BIGINT NOT NULL,
    weekly_hours         BIGINT NOT NULL,
    night_shift          BIGINT NOT NULL,
    overtime             BIGINT NOT NULL,
    holiday_work         BIGINT NOT NULL,
    pay_monthly          BIGINT NOT NULL,
    reference_wage       BIGINT,
    fees_charged         BIGINT NOT NULL,
    intermediary         BIGINT NOT NULL,
    insurer              TEXT NOT NULL DEFAULT '',
    policy_no            TEXT NOT NULL DEFAULT '',
    cover_from           TEXT NOT NULL DEFAULT '',
    cover_to             TEXT NOT NULL DEFAULT '',
    premium_payer        TEXT NOT NULL DEFAULT '',
    hazards              TEXT NOT NULL DEFAULT '',
    exception_filing_ref TEXT NOT NULL DEFAULT '',
    specialty_relation   TEXT NOT NULL,
    relation_exception   TEXT NOT NULL DEFAULT '',
    self_found           BIGINT NOT NULL,
    covers_typical_tasks BIGINT NOT NULL,
    status               TEXT NOT NULL,
    warnings             TEXT NOT NULL DEFAULT '[]',
    created_by           TEXT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX internships_by_trainee ON internships(trainee_id);
CREATE INDEX internships_by_school ON internships(school_org_id);
CREATE INDEX internships_by_host ON internships(host_org_id, status);

CREATE TABLE internship_files (
    id             TEXT PRIMARY KEY,
    internship_id  TEXT NOT NULL REFERENCES internships(id),
    kind           TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    data           BYTEA NOT NULL,
    uploaded_by    TEXT NOT NULL,
    uploaded_at    BIGINT NOT NULL
);
CREATE INDEX internship_files_by_internship ON internship_files(internship_id);

-- A secretariat override of hard rule failures: who, when, why, and which failures (JSON).
CREATE TABLE internship_overrides (
    id             TEXT PRIMARY KEY,
    internship_id  TEXT NOT NULL REFERENCES internships(id),
    by_login       TEXT NOT NULL,
    by_org         TEXT NOT NULL,
    reason         TEXT NOT NULL,
    failures       TEXT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX internship_overrides_by_internship ON internship_overrides(internship_id);

CREATE TABLE internship_logs (
    id             TEXT PRIMARY KEY,
    internship_id  TEXT NOT NULL REFERENCES internships(id),
    week_of        TEXT NOT NULL,
    content        TEXT NOT NULL,
    status         TEXT NOT NULL,
    comment        TEXT NOT NULL DEFAULT '',
    written_by     TEXT NOT NULL,
    written_at     BIGINT NOT NULL,
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    BIGINT,
    UNIQUE (internship_id, week_of)
);

CREATE TABLE internship_visits (
    id             TEXT PRIMARY KEY,
    internship_id  TEXT NOT NULL REFERENCES internships(id),
    visited_on     TEXT NOT NULL,
    note           TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX internship_visits_by_internship ON internship_visits(internship_id);

-- Industry demand and education supply: the skill-level ladder, occupations,
-- enterprises' talent demand, schools' majors and cohorts, and trainees with
-- their personal identifiers sealed (see app::pii) and a log of every reveal.

-- The ladder of reference.md §3.1: rank for comparisons, official digit for certificates.
CREATE TABLE skill_levels (
    code          TEXT PRIMARY KEY,
    rank          BIGINT NOT NULL UNIQUE,
    official_digit BIGINT,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL
);
INSERT INTO skill_levels (code, rank, official_digit, name_zh, name_en) VALUES
    ('apprentice', 0, NULL, '学徒工', 'Apprentice'),
    ('level5', 1, 5, '五级/初级工', 'Level 5 / Junior worker'),
    ('level4', 2, 4, '四级/中级工', 'Level 4 / Intermediate worker'),
    ('level3', 3, 3, '三级/高级工', 'Level 3 / Senior worker'),
    ('level2', 4, 2, '二级/技师', 'Level 2 / Technician'),
    ('level1', 5, 1, '一级/高级技师', 'Level 1 / Senior technician'),
    ('special', 6, NULL, '特级技师', 'Special-grade technician'),
    ('chief', 7, NULL, '首席技师', 'Chief technician');

-- Occupations of the 2022 national classification; `verified` = 0 marks codes still to check.
CREATE TABLE occupations (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    edition       TEXT NOT NULL DEFAULT '2022',
    verified      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);
CREATE TABLE occupation_segments (
    occupation_code TEXT NOT NULL REFERENCES occupations(code) ON DELETE CASCADE,
    segment_code    TEXT NOT NULL REFERENCES segments(code),
    PRIMARY KEY (occupation_code, segment_code)
);
INSERT INTO occupations (code, name, edition, verified, created_at) VALUES
    ('6-25-01-13', '印制电路制作工', '2022', 1, 0),
    ('6-25-01-12', '电子产品制版工', '2022', 0, 0),
    ('6-25-02-01', '半导体芯片制造工', '2022', 0, 0),
    ('6-25-02-02', '半导体分立器件和集成电路装调工', '2022', 0, 0),
    ('6-25-02-05', '液晶显示器件制造工', '2022', 0, 0),
    ('6-25-04-01', '电子设备装接工', '2022', 0, 0),
    ('6-25-04-03', '广电和通信设备电子装接工', '2022', 0, 0),
    ('6-25-03-00', '计算机及外部设备装配调试员', '2022', 0, 0),
    ('6-28-03-03', '工业废水处理工', '2022', 1, 0),
    ('6-31-01-03', '电工', '2022', 0, 0),
    ('6-30-99-00', '工业机器人系统操作员', '2022', 0, 0),
    ('2-02-09-01', '电子材料工程技术人员', '2022', 0, 0),
    ('2-02-10-01', '通信工程技术人员', '2022', 0, 0);
INSERT INTO occupation_segments (occupation_code, segment_code) VALUES
    ('6-25-01-13', 'pcb'), ('6-25-01-12', 'pcb'), ('6-25-02-01', 'chips'), ('6-25-02-02', 'chips'),
    ('6-25-02-05', 'display'), ('6-25-04-01', 'terminals'), ('6-25-04-03', 'optics'), ('6-25-03-00', 'terminals'),
    ('6-28-03-03', 'pcb'), ('6-31-01-03', 'automation'), ('6-30-99-00', 'automation'), ('2-02-09-01', 'materials'),
    ('2-02-10-01', 'networks');

-- An enterprise's talent need (人才需求清单).
CREATE TABLE demands (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    post_name     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    occupation_code TEXT REFERENCES occupations(code),
    segment_code  TEXT REFERENCES segments(code),
    min_level     TEXT NOT NULL REFERENCES skill_levels(code),
    headcount     BIGINT NOT NULL,
    city          TEXT NOT NULL,
    wage_min_fen  BIGINT,
    wage_max_fen  BIGINT,
    start_on      TEXT NOT NULL,
    end_on        TEXT,
    night_shift   BIGINT NOT NULL DEFAULT 0,
    requirements  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX demands_by_org ON demands(org_id);
CREATE INDEX demands_by_status ON demands(status, kind);

-- A school's major (专业) at one class level.
CREATE TABLE majors (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    length_years  BIGINT NOT NULL,
    annual_intake BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (org_id, code, level)
);
CREATE TABLE major_occupations (
    major_id        TEXT NOT NULL REFERENCES majors(id) ON DELETE CASCADE,
    occupation_code TEXT NOT NULL REFERENCES occupations(code),
    PRIMARY KEY (major_id, occupation_code)
);

-- A class (班级) of one major.
CREATE TABLE cohorts (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    major_id        TEXT NOT NULL REFERENCES majors(id),
    name            TEXT NOT NULL,
    entry_year      BIGINT NOT NULL,
    graduation_year BIGINT NOT NULL,
    size            BIGINT NOT NULL,
    sponsor_org_id  TEXT REFERENCES organizations(id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
CREATE INDEX cohorts_by_major ON cohorts(major_id);

-- Trainees. The ID number and phone are sealed; `id_index` is the blind index
-- that keeps them unique and findable; masked forms are kept for display.
CREATE TABLE trainees (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    cohort_id       TEXT REFERENCES cohorts(id),
    name            TEXT NOT NULL,
    name_masked     TEXT NOT NULL,
    id_sealed       TEXT NOT NULL,
    id_index        TEXT NOT NULL UNIQUE,
    id_masked       TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    gender          TEXT NOT NULL,
    phone_sealed    TEXT,
    phone_masked    TEXT NOT NULL DEFAULT '',
    student_no      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    consent_purpose TEXT NOT NULL,
    consent_by      TEXT NOT NULL,
    consent_at      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX trainees_by_org ON trainees(org_id, status);
CREATE INDEX trainees_by_cohort ON trainees(cohort_id);

-- Who saw a trainee's full identifiers, when and why.
CREATE TABLE pii_reveals (
    id            TEXT PRIMARY KEY,
    trainee_id    TEXT NOT NULL REFERENCES trainees(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    org_id        TEXT NOT NULL,
    fields        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX pii_reveals_by_trainee ON pii_reveals(trainee_id);

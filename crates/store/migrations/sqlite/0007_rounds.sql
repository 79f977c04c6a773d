-- Placement rounds (issue 4, "zero-distance docking"): the secretariat opens a
-- round over open demands; trainees, or their teachers, rank places; each
-- enterprise chooses how it ranks its applicants; at close the lottery seed is
-- recorded and the engine solves; the secretariat reviews and publishes, which
-- creates placements and freezes the round.
-- Also here because rounds need them: trainee accounts linked to trainee
-- records (a trainee ranks their own places), and the in-service staff counts
-- that the intern caps (INT-08: 10 % of a host, 20 % of a post) are taken of.

-- Which user account is which trainee (at most one each way).
CREATE TABLE trainee_accounts (
    trainee_id    TEXT PRIMARY KEY REFERENCES trainees(id),
    user_id       TEXT NOT NULL UNIQUE REFERENCES users(id),
    linked_by     TEXT NOT NULL,
    linked_at     BIGINT NOT NULL
);

-- In-service staff (在岗职工) of an enterprise, and of one post.
CREATE TABLE enterprise_staffing (
    org_id        TEXT PRIMARY KEY REFERENCES organizations(id),
    staff_count   BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE TABLE post_staffing (
    demand_id     TEXT PRIMARY KEY REFERENCES demands(id),
    staff_count   BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE rounds (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL,
    max_choices         BIGINT NOT NULL,
    preference_deadline BIGINT NOT NULL,
    ranking_deadline    BIGINT NOT NULL,
    status              TEXT NOT NULL,
    seed                BIGINT,
    created_by          TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    opened_at           BIGINT,
    closed_at           BIGINT,
    solved_at           BIGINT,
    published_at        BIGINT
);
CREATE INDEX rounds_by_status ON rounds(status);

-- The places of a round: its demands, with the seats fixed when it opens.
CREATE TABLE round_demands (
    round_id      TEXT NOT NULL REFERENCES rounds(id),
    demand_id     TEXT NOT NULL REFERENCES demands(id),
    capacity      BIGINT NOT NULL,
    position      BIGINT NOT NULL,
    PRIMARY KEY (round_id, demand_id)
);
CREATE INDEX round_demands_by_demand ON round_demands(demand_id);

-- Who may take part: whole cohorts or whole schools.
CREATE TABLE round_participants (
    round_id      TEXT NOT NULL REFERENCES rounds(id),
    scope         TEXT NOT NULL,
    ref_id        TEXT NOT NULL,
    PRIMARY KEY (round_id, scope, ref_id)
);

-- A trainee's ranked places (position 0 = first choice), and who entered them.
CREATE TABLE round_preferences (
    round_id      TEXT NOT NULL REFERENCES rounds(id),
    trainee_id    TEXT NOT NULL REFERENCES trainees(id),
    position      BIGINT NOT NULL,
    demand_id     TEXT NOT NULL REFERENCES demands(id),
    entered_by    TEXT NOT NULL,
    entered_role  TEXT NOT NULL,
    entered_at    BIGINT NOT NULL,
    PRIMARY KEY (round_id, trainee_id, position)
);
CREATE INDEX round_preferences_by_demand ON round_preferences(round_id, demand_id);

-- How a place ranks its applicants: by a scoring rule (weights as JSON) or by an uploaded order.
CREATE TABLE round_rankings (
    round_id      TEXT NOT NULL REFERENCES rounds(id),
    demand_id     TEXT NOT NULL REFERENCES demands(id),
    method        TEXT NOT NULL,
    weights       TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (round_id, demand_id)
);
CREATE TABLE round_orders (
    round_id      TEXT NOT NULL REFERENCES rounds(id),
    demand_id     TEXT NOT NULL REFERENCES demands(id),
    trainee_id    TEXT NOT NULL REFERENCES trainees(id),
    position      BIGINT NOT NULL,
    PRIMARY KEY (round_id, demand_id, trainee_id)
);

-- The last run of the engine: the instance and assignments in the hr1 format
-- (so anyone can re-check them with `gongjiang match --check`), which trainee
-- and demand each index stands for, and the review as JSON.
CREATE TABLE round_runs (
    round_id        TEXT PRIMARY KEY REFERENCES rounds(id),
    instance        TEXT NOT NULL,
    trainee_ids     TEXT NOT NULL,
    demand_ids      TEXT NOT NULL,
    assignment      TEXT NOT NULL,
    max_assignment  TEXT NOT NULL,
    review          TEXT NOT NULL,
    solved_by       TEXT NOT NULL,
    solved_at       BIGINT NOT NULL
);

-- Each applicant's result with its explanation (JSON), and each place's fill and cutoff.
CREATE TABLE round_results (
    round_id        TEXT NOT NULL REFERENCES rounds(id),
    trainee_id      TEXT NOT NULL REFERENCES trainees(id),
    demand_id       TEXT REFERENCES demands(id),
    choice          BIGINT,
    lottery_number  BIGINT NOT NULL,
    explanation     TEXT NOT NULL,
    PRIMARY KEY (round_id, trainee_id)
);
CREATE INDEX round_results_by_demand ON round_results(round_id, demand_id);
CREATE TABLE round_places (
    round_id        TEXT NOT NULL REFERENCES rounds(id),
    demand_id       TEXT NOT NULL REFERENCES demands(id),
    capacity        BIGINT NOT NULL,
    filled          BIGINT NOT NULL,
    applicants      BIGINT NOT NULL,
    cutoff_rank     BIGINT,
    cutoff_score    BIGINT,
    method          TEXT NOT NULL,
    notes           TEXT NOT NULL,
    PRIMARY KEY (round_id, demand_id)
);

-- Placements: a trainee on a demand, created by publishing a round (source
-- 'round') or recorded by hand later (source 'manual').
CREATE TABLE placements (
    id            TEXT PRIMARY KEY,
    trainee_id    TEXT NOT NULL REFERENCES trainees(id),
    demand_id     TEXT NOT NULL REFERENCES demands(id),
    round_id      TEXT REFERENCES rounds(id),
    source        TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (round_id, trainee_id)
);
CREATE INDEX placements_by_trainee ON placements(trainee_id);
CREATE INDEX placements_by_demand ON placements(demand_id);

-- Foundation: alliances, organisations and their membership, accounts, grants,
-- sessions, invitations, API tokens, login throttling and the audit log.
-- Ids are UUIDv7 text made by the application; instants are Unix milliseconds;
-- flags are 0/1 integers, so the same SQL serves SQLite and PostgreSQL.

CREATE TABLE alliances (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_en       TEXT NOT NULL DEFAULT '',
    short_name    TEXT NOT NULL DEFAULT '',
    founded_on    TEXT,
    host_org_id   TEXT,
    created_at    BIGINT NOT NULL
);

CREATE TABLE segments (
    code          TEXT PRIMARY KEY,
    parent_code   TEXT REFERENCES segments(code),
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    position      BIGINT NOT NULL
);

CREATE TABLE organizations (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    other_names   TEXT NOT NULL DEFAULT '[]',
    short_name    TEXT NOT NULL DEFAULT '',
    credit_code   TEXT NOT NULL UNIQUE,
    city          TEXT NOT NULL,
    district      TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    intro         TEXT NOT NULL DEFAULT '',
    is_fictional  BIGINT NOT NULL DEFAULT 0,
    search_keys   TEXT NOT NULL,
    sort_key      TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX organizations_sort ON organizations(sort_key);

CREATE TABLE organization_segments (
    org_id        TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    segment_code  TEXT NOT NULL REFERENCES segments(code),
    PRIMARY KEY (org_id, segment_code)
);

CREATE TABLE memberships (
    id               TEXT PRIMARY KEY,
    alliance_id      TEXT NOT NULL REFERENCES alliances(id),
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    status           TEXT NOT NULL,
    requested_tier   TEXT NOT NULL,
    tier             TEXT,
    contact_name     TEXT NOT NULL DEFAULT '',
    contact_phone    TEXT NOT NULL DEFAULT '',
    contact_email    TEXT NOT NULL DEFAULT '',
    statement        TEXT NOT NULL DEFAULT '',
    applied_at       BIGINT NOT NULL,
    decided_at       BIGINT,
    decided_by       TEXT,
    decision_reason  TEXT NOT NULL DEFAULT '',
    joined_at        BIGINT,
    ended_at         BIGINT,
    end_reason       TEXT NOT NULL DEFAULT '',
    updated_at       BIGINT NOT NULL
);
CREATE INDEX memberships_by_alliance ON memberships(alliance_id, status);
CREATE INDEX memberships_by_org ON memberships(org_id);
-- One chair unit per alliance among active members.
CREATE UNIQUE INDEX one_chair_per_alliance ON memberships(alliance_id) WHERE tier = 'chair' AND status = 'active';

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    status               TEXT NOT NULL,
    is_demo              BIGINT NOT NULL DEFAULT 0,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    password_changed_at  BIGINT NOT NULL,
    created_at           BIGINT NOT NULL
);

CREATE TABLE grants (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    role          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (user_id, org_id, role)
);
CREATE INDEX grants_by_org ON grants(org_id);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    acting_org_id TEXT NOT NULL REFERENCES organizations(id),
    acting_role   TEXT NOT NULL,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    authenticated_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE invitations (
    id            TEXT PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    role          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT,
    used_by       TEXT REFERENCES users(id)
);
CREATE INDEX invitations_by_org ON invitations(org_id);

CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

-- Failed-login counters, keyed by "login:<name>" or "ip:<address>".
CREATE TABLE login_throttle (
    throttle_key  TEXT PRIMARY KEY,
    failures      BIGINT NOT NULL,
    window_start  BIGINT NOT NULL,
    locked_until  BIGINT NOT NULL
);

-- Append-only, hash-chained record of every change.
CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_user_id TEXT,
    actor_login   TEXT NOT NULL,
    actor_org_id  TEXT,
    actor_role    TEXT NOT NULL,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL,
    object_org_id TEXT,
    before_json   TEXT NOT NULL,
    after_json    TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_by_object ON audit_log(object_type, object_id);
CREATE INDEX audit_by_actor_org ON audit_log(actor_org_id);
CREATE INDEX audit_by_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Seed: the chain segments of the optoelectronic information industry (光芯屏端网 + PCB).
INSERT INTO segments (code, parent_code, name_zh, name_en, position) VALUES
    ('optics',    NULL, '光通信与激光', 'Optical communication and lasers', 1),
    ('chips',     NULL, '芯片与半导体', 'Chips and semiconductors', 2),
    ('display',   NULL, '新型显示', 'Displays', 3),
    ('terminals', NULL, '智能终端', 'Smart terminals', 4),
    ('networks',  NULL, '网络与物联网', 'Networks and IoT', 5),
    ('pcb',       NULL, 'PCB 与电子电路', 'PCB and electronic circuits', 6),
    ('materials', NULL, '电子材料', 'Electronic materials', 7),
    ('automation',NULL, '智能制造与自动化', 'Smart manufacturing and automation', 8);

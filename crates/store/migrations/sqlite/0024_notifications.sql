-- Notifications: what someone must act on or learns from, one row per reader.
-- A notification names its kind and the words' arguments; the reader's
-- language is applied when it is shown. `dedup` (when set) makes a
-- notification raised by the periodic sweep arrive once per reader.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    href        TEXT NOT NULL,
    args        TEXT NOT NULL,
    dedup       TEXT,
    created_at  BIGINT NOT NULL,
    read_at     BIGINT
);
CREATE INDEX notifications_by_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);
CREATE UNIQUE INDEX notifications_once ON notifications(user_id, dedup);

-- Messages to deliver outside the platform (e-mail, chat-group webhooks),
-- written in the transaction of the change that raised them and sent by a
-- background worker with retries: a mail server that is down loses nothing.
-- A message keeps its kind and arguments; its words are composed when sent.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    channel         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    href            TEXT NOT NULL,
    args            TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_by_created ON outbox(created_at);
CREATE INDEX outbox_by_status ON outbox(status, created_at);

-- Where a person is written to, and whether they want e-mail.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN notify_email BIGINT NOT NULL DEFAULT 1;
-- The address an invitation was sent to (the new user's e-mail).
ALTER TABLE invitations ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- A unit's chat-group robot (企业微信群机器人): its webhook address.
CREATE TABLE org_webhooks (
    org_id      TEXT PRIMARY KEY REFERENCES organizations(id),
    url         TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

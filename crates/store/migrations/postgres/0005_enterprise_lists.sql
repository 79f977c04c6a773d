-- The lists every enterprise keeps for the alliance besides its talent needs
-- (MoE 教职成厅函〔2024〕20号): core products (核心产品清单) and technical needs
-- (技术需求清单, which later feed joint innovation projects).
CREATE TABLE enterprise_items (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    list          TEXT NOT NULL,
    title         TEXT NOT NULL,
    segment_code  TEXT REFERENCES segments(code),
    description   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX enterprise_items_by_org ON enterprise_items(org_id, list);
CREATE INDEX enterprise_items_by_list ON enterprise_items(list, status);

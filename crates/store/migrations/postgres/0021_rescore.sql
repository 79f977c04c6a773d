-- A result whose certificate was revoked must be scored again before any
-- new certificate is issued on it (set by the revocation, cleared by scoring).
ALTER TABLE evaluation_candidates ADD COLUMN rescore_required BIGINT NOT NULL DEFAULT 0;

-- A unit's audit log (entries by its people or about its records): the
-- condition `actor_org_id = ? OR object_org_id = ?` reads both indexes and
-- joins what they find, instead of scanning the whole log.
CREATE INDEX audit_by_object_org ON audit_log(object_org_id);

### The audit log.

audit-title = Audit log
audit-at = When
audit-actor = Who
audit-action = Action
audit-object = Object
audit-change = Change
audit-filter_action = Action prefix (e.g. membership.)
audit-filter_login = Actor login

### The audit log.

audit-title = 审计日志
audit-at = 时间
audit-actor = 操作人
audit-action = 操作
audit-object = 对象
audit-change = 变更
audit-filter_action = 操作前缀（如 membership.）
audit-filter_login = 操作人账号

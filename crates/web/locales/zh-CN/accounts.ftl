### Sign-in, the account page, invitations and roles.

login-title = 登录
login-login = 账号
login-password = 密码
login-submit = 登录
login-first_run = 尚无账号：请在服务器上运行 gongjiang admin create 创建首个秘书处管理员。

account-title = 我的账号
account-acting = 当前身份
account-switch = 切换
account-password = 修改密码
account-current_password = 当前密码
account-new_password = 新密码（至少 8 位）
account-confirm_password = 再次输入新密码
account-password_changed = 密码已修改，其他设备上的登录已退出。
account-tokens = API 令牌
account-token_name = 令牌名称
account-token_create = 创建令牌
account-token_shown_once = 请立即复制此令牌，它只显示这一次：
account-token_revoke = 撤销
account-token_revoked = 已撤销
account-token_last_used = 最近使用
account-never = 从未

invite-title = 接受邀请
invite-intro = 您受邀加入
invite-display_name = 显示名称
invite-login = 登录账号（字母、数字、. _ - @）
invite-submit = 创建账号
invite-done = 账号已创建，请登录。

role-secretariat = 秘书处管理员
role-org_admin = 单位管理员
role-staff = 教师/人事
role-trainee = 学员
# Who acts without an account, as the audit log names them.
role-system = 系统
role-anonymous = 访客
accounts-confirm-disable = 停用账号
accounts-confirm-disable_what = 停用后该账号的所有会话立即结束，在重新启用之前不能登录。下面填写的停用原因随账号保存。

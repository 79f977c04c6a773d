### Sign-in, the account page, invitations and roles.

login-title = Sign in
login-login = Login
login-password = Password
login-submit = Sign in
login-first_run = No accounts yet: run `gongjiang admin create` on the server to create the first secretariat administrator.

account-title = My account
account-acting = Acting as
account-switch = Switch
account-password = Change password
account-current_password = Current password
account-new_password = New password (at least 8 characters)
account-confirm_password = Repeat the new password
account-password_changed = Password changed; your other sessions were signed out.
account-tokens = API tokens
account-token_name = Token name
account-token_create = Create token
account-token_shown_once = Copy this token now; it is shown only once:
account-token_revoke = Revoke
account-token_revoked = revoked
account-token_last_used = Last used
account-never = never

invite-title = Accept invitation
invite-intro = You are invited to join
invite-display_name = Display name
invite-login = Login (letters, digits, . _ - @)
invite-submit = Create account
invite-done = Account created; please sign in.

role-secretariat = Secretariat
role-org_admin = Unit administrator
role-staff = Staff
role-trainee = Trainee
# Who acts without an account, as the audit log names them.
role-system = System
role-anonymous = Visitor
accounts-confirm-disable = Disable the account
accounts-confirm-disable_what = Every session of the account ends at once, and it cannot sign in until it is enabled again. The reason below is kept with the account.

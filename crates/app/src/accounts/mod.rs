//! Accounts: signing in and out, sessions, password changes, invitations,
//! personal API tokens, and the first secretariat account.
//!
//! Secrets (session cookies, invitation links, API tokens) are 256-bit random
//! values; the database keeps only their SHA-256, so a copy of it cannot be
//! used to sign in.

use crate::App;
use crate::actor::{self, Actor, Via};
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use base64::Engine;
use gongjiang_domain::accounts::{self as rules, Role, UserStatus};
use gongjiang_domain::ids::{ApiTokenId, GrantId, InvitationId, OrgId, UserId};
use gongjiang_domain::members::{name_field, text_field};
use gongjiang_domain::{FieldErrors, Problem, Timestamp};
use gongjiang_store::accounts::{self as store, Grant, Invitation, Throttle, User};
pub use gongjiang_store::accounts::{ApiToken, StaffMember};
use gongjiang_store::sessions;
pub use gongjiang_store::sessions::Session;
use serde_json::json;
use sha2::{Digest, Sha256};

/// A new random secret, URL-safe, 43 characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a secret, hex.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Failures allowed per account before sign-in is delayed.
pub const FREE_FAILURES: i64 = 5;
/// Longest delay, in seconds.
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// Failures allowed per client address in one window.
pub const IP_FAILURES_PER_WINDOW: i64 = 30;
/// The per-address window, in seconds.
pub const IP_WINDOW_SECS: i64 = 15 * 60;

/// The result of a successful sign-in.
pub struct SignedIn {
    /// The cookie value (never stored).
    pub secret: String,
    /// The stored session.
    pub session: Session,
    /// Whether the user must change their password first.
    pub must_change_password: bool,
}

fn locked_for(t: &Throttle, now: Timestamp) -> Option<i64> {
    (t.locked_until > now.0).then(|| (t.locked_until - now.0 + 999) / 1000)
}

/// Signs a user in. Refuses with `TooManyAttempts` while the account or the
/// client address is throttled (even with the right password), and with
/// `BadCredentials` otherwise, without saying whether the login exists.
pub async fn sign_in(app: &App, login: &str, password: &str, ip: &str) -> Result<SignedIn> {
    let now = app.now();
    let login = login.trim().to_lowercase();
    let account_key = format!("login:{login}");
    let ip_key = format!("ip:{ip}");
    // The attempt is counted as a failure before the password is checked, in
    // one step with the check of the lock: of 16 parallel wrong passwords
    // only the first five are verified, the rest find the lock. A right
    // password takes its count back.
    reserve_attempt(app, &account_key, &ip_key, now).await?;
    let user = {
        let mut conn = app.db.read().await?;
        store::user_by_login(&mut conn, &login).await?
    };
    let (matches, needs_rehash) = app
        .hashing
        .verify(password, user.as_ref().map(|u| u.password_hash.as_str()))
        .await?;
    let user = match user {
        Some(u) if matches && u.status == UserStatus::Active => u,
        _ => {
            tracing::info!("sign-in failed");
            return Err(Error::BadCredentials);
        }
    };
    if user.is_demo && !app.settings.demo_mode {
        forgive_attempt(app, &account_key, &ip_key).await?;
        tracing::info!(user.id = %user.id, "demo account refused outside demo mode");
        return Err(Error::DemoAccountRefused);
    }
    let grants = {
        let mut conn = app.db.read().await?;
        store::grants_of_user(&mut conn, user.id).await?
    };
    let Some(first) = grants.first() else {
        forgive_attempt(app, &account_key, &ip_key).await?;
        return Err(Error::BadCredentials);
    };
    let new_hash = if needs_rehash {
        Some(app.hashing.hash(password).await?)
    } else {
        None
    };
    let secret = new_secret();
    let session = Session {
        token_hash: hash_secret(&secret),
        user_id: user.id,
        acting_org_id: first.org_id,
        acting_role: first.role,
        csrf_token: new_secret(),
        created_at: now,
        last_seen_at: now,
        authenticated_at: now,
    };
    let mut tx = app.db.write().await?;
    store::clear_throttle(&mut tx, &account_key).await?;
    store::forgive_attempt(&mut tx, &ip_key, IP_FAILURES_PER_WINDOW).await?;
    if let Some(hash) = new_hash {
        store::upgrade_password_hash(&mut tx, user.id, &hash).await?;
    }
    sessions::insert(&mut tx, &session).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(user.id = %user.id, "signed in");
    Ok(SignedIn {
        secret,
        session,
        must_change_password: user.must_change_password,
    })
}

/// Refuses while the account or the address is locked; otherwise counts this
/// attempt as a failure for both, setting the lock it reaches, in one write
/// transaction that holds both rows.
async fn reserve_attempt(app: &App, account_key: &str, ip_key: &str, now: Timestamp) -> Result<()> {
    let mut tx = app.db.write().await?;
    let mut account = store::throttle_held(&mut tx, account_key).await?;
    let mut address = store::throttle_held(&mut tx, ip_key).await?;
    if let Some(secs) = locked_for(&account, now).or(locked_for(&address, now)) {
        drop(tx);
        tracing::info!(retry_after = secs, "sign-in refused: throttled");
        return Err(Error::TooManyAttempts {
            retry_after_secs: secs,
        });
    }
    account.failures += 1;
    if account.failures >= FREE_FAILURES {
        let doublings = u32::try_from((account.failures - FREE_FAILURES).min(10)).unwrap_or(10);
        let delay = (60_i64 << doublings).min(MAX_DELAY_SECS);
        account.locked_until = now.plus_seconds(delay).0;
    }
    store::save_throttle(&mut tx, account_key, account).await?;
    if now.0 - address.window_start > IP_WINDOW_SECS * 1000 {
        address = Throttle {
            failures: 0,
            window_start: now.0,
            locked_until: 0,
        };
    }
    address.failures += 1;
    if address.failures >= IP_FAILURES_PER_WINDOW {
        address.locked_until = address.window_start + IP_WINDOW_SECS * 1000;
    }
    store::save_throttle(&mut tx, ip_key, address).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// Takes back a reserved attempt whose password was right but which did not
/// end in a session (a demo account outside demo mode, a user without a grant).
async fn forgive_attempt(app: &App, account_key: &str, ip_key: &str) -> Result<()> {
    let mut tx = app.db.write().await?;
    store::forgive_attempt(&mut tx, account_key, FREE_FAILURES).await?;
    store::forgive_attempt(&mut tx, ip_key, IP_FAILURES_PER_WINDOW).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// The actor behind a session cookie, or `None` when the session is unknown,
/// idle too long, too old, or its user is disabled or lost the grant.
pub async fn resolve_session(
    app: &App,
    secret: &str,
    ip: &str,
) -> Result<Option<(Actor, Session)>> {
    let now = app.now();
    let hash = hash_secret(secret);
    let mut conn = app.db.read().await?;
    let Some(found) = sessions::resolve(&mut conn, &hash).await? else {
        return Ok(None);
    };
    let session = found.session;
    let idle_limit = session
        .last_seen_at
        .plus_minutes(app.settings.session_idle_minutes);
    let absolute_limit = session
        .created_at
        .plus_minutes(app.settings.session_absolute_hours * 60);
    if now > idle_limit || now > absolute_limit {
        sessions::delete(&mut conn, &hash).await?;
        return Ok(None);
    }
    if found.user_status != UserStatus::Active || !found.granted {
        return Ok(None);
    }
    // Write the activity time at most once a minute, not on every request.
    if now.0 - session.last_seen_at.0 > 60_000 {
        sessions::touch(&mut conn, &hash, now).await?;
    }
    let alliance_id = crate::members::alliance_id(app, &mut conn).await?;
    let actor = Actor::User {
        user: actor::User {
            user_id: session.user_id,
            login: found.login,
            display_name: found.display_name,
            org_id: session.acting_org_id,
            org_kind: found.org_kind,
            role: session.acting_role,
            alliance_id,
            via: Via::Session,
        },
        ip: ip.to_string(),
    };
    Ok(Some((actor, session)))
}

/// The actor behind a personal API token, or `None`.
pub async fn resolve_api_token(app: &App, secret: &str, ip: &str) -> Result<Option<Actor>> {
    let hash = hash_secret(secret);
    let mut conn = app.db.read().await?;
    let Some(token) = store::api_token_by_hash(&mut conn, &hash).await? else {
        return Ok(None);
    };
    let Some(user) = store::get_user(&mut conn, token.user_id).await? else {
        return Ok(None);
    };
    if user.status != UserStatus::Active || (user.is_demo && !app.settings.demo_mode) {
        return Ok(None);
    }
    let grants = store::grants_of_user(&mut conn, user.id).await?;
    if !grants
        .iter()
        .any(|g| g.org_id == token.org_id && g.role == token.role)
    {
        return Ok(None);
    }
    let now = app.now();
    if token.last_used_at.is_none_or(|t| now.0 - t.0 > 60_000) {
        store::touch_api_token(&mut conn, token.id, now).await?;
    }
    let Some(org_kind) = gongjiang_store::members::org_kind(&mut conn, token.org_id).await? else {
        return Ok(None);
    };
    let alliance_id = crate::members::alliance_id(app, &mut conn).await?;
    Ok(Some(Actor::User {
        user: actor::User {
            user_id: user.id,
            login: user.login,
            display_name: user.display_name,
            org_id: token.org_id,
            org_kind,
            role: token.role,
            alliance_id,
            via: Via::ApiToken,
        },
        ip: ip.to_string(),
    }))
}

/// Ends a session.
pub async fn sign_out(app: &App, secret: &str) -> Result<()> {
    let mut conn = app.db.read().await?;
    sessions::delete(&mut conn, &hash_secret(secret)).await?;
    Ok(())
}

/// The grants of the acting user (to offer switching organisation).
pub async fn my_grants(app: &App, actor: &Actor) -> Result<Vec<Grant>> {
    let user = actor.user()?;
    let mut conn = app.db.read().await?;
    Ok(store::grants_of_user(&mut conn, user.user_id).await?)
}

/// Switches the session to act for another organisation/role the user holds.
pub async fn switch_acting(
    app: &App,
    actor: &Actor,
    session_hash: &str,
    org: OrgId,
    role: Role,
) -> Result<()> {
    let grants = my_grants(app, actor).await?;
    if !grants.iter().any(|g| g.org_id == org && g.role == role) {
        return Err(Error::Forbidden);
    }
    let mut conn = app.db.read().await?;
    sessions::switch_acting(&mut conn, session_hash, org, role).await?;
    Ok(())
}

/// Raw input of the password-change form.
#[derive(Debug, Default, Clone)]
pub struct PasswordChange {
    /// `current_password`.
    pub current_password: String,
    /// `new_password`.
    pub new_password: String,
    /// `confirm_password`.
    pub confirm_password: String,
}

/// Changes the actor's password; ends their other sessions (keeps `keep_session`).
pub async fn change_password(
    app: &App,
    actor: &Actor,
    input: &PasswordChange,
    keep_session: &str,
) -> Result<()> {
    let me = actor.require(Permission::ManageOwnAccount)?;
    let user = {
        let mut conn = app.db.read().await?;
        store::get_user(&mut conn, me.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?
    };
    let mut errors = FieldErrors::new();
    let (current_ok, _) = app
        .hashing
        .verify(&input.current_password, Some(&user.password_hash))
        .await?;
    if !current_ok {
        errors.push("current_password", Problem::WrongPassword);
    }
    let context = [user.login.as_str(), user.display_name.as_str()];
    if let Err(p) =
        rules::check_new_password(&input.new_password, app.settings.password_policy, &context)
    {
        errors.push("new_password", p);
    } else if input.new_password != input.confirm_password {
        errors.push("confirm_password", Problem::PasswordsDiffer);
    }
    errors.into_result()?;
    let hash = app.hashing.hash(&input.new_password).await?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    store::set_password(&mut tx, user.id, &hash, now).await?;
    sessions::delete_for_user(&mut tx, user.id, keep_session).await?;
    record(
        &mut tx,
        app,
        actor,
        "account.password_change",
        "user",
        &user.id.to_string(),
        None,
        json!(null),
        json!(null),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// An invitation as shown to its creator, with the secret only right after creation.
pub struct NewInvitation {
    /// The stored invitation.
    pub invitation: Invitation,
    /// The secret for the link (shown once).
    pub secret: String,
}

/// Creates an invitation link that adds a staff member (or another admin) to the actor's organisation.
pub async fn create_invitation(
    app: &App,
    actor: &Actor,
    role: &str,
    note: &str,
) -> Result<NewInvitation> {
    let me = actor
        .require(Permission::InviteStaff(actor.user()?.org_id))?
        .clone();
    let mut errors = FieldErrors::new();
    let role = errors.check("role", Role::parse(role));
    let note = errors.check("note", name_field(note, 0, 100));
    let role = match role {
        Some(Role::Secretariat) if me.role != Role::Secretariat => {
            errors.push("role", Problem::InvalidChoice);
            None
        }
        other => other,
    };
    errors.clone().into_result()?;
    let (Some(role), Some(note)) = (role, note) else {
        return Err(Error::Invalid(errors));
    };
    let now = app.now();
    let secret = new_secret();
    let invitation = Invitation {
        id: InvitationId::new(),
        token_hash: hash_secret(&secret),
        org_id: me.org_id,
        role,
        note,
        created_by: me.user_id,
        created_at: now,
        expires_at: now.plus_minutes(app.settings.invitation_days * 24 * 60),
        used_at: None,
    };
    let mut tx = app.db.write().await?;
    store::insert_invitation(&mut tx, &invitation).await?;
    record(
        &mut tx,
        app,
        actor,
        "invitation.create",
        "invitation",
        &invitation.id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!({"role": role.as_str(), "note": invitation.note, "expires_at": invitation.expires_at.rfc3339_cst()}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(NewInvitation { invitation, secret })
}

/// On approving a unit that has no account yet: an invitation for its first
/// administrator (the application's contact), made in the approval's own
/// transaction and audited. `None` when the unit already has people.
pub(crate) async fn first_admin_invitation(
    tx: &mut gongjiang_store::Connection,
    app: &App,
    actor: &Actor,
    org: OrgId,
    contact: &str,
) -> Result<Option<NewInvitation>> {
    let me = actor.user()?.clone();
    if !store::staff_of_org(tx, org).await?.is_empty() {
        return Ok(None);
    }
    let now = app.now();
    let secret = new_secret();
    let invitation = Invitation {
        id: InvitationId::new(),
        token_hash: hash_secret(&secret),
        org_id: org,
        role: Role::OrgAdmin,
        note: name_field(&format!("首位管理员：{contact}"), 0, 100).unwrap_or_default(),
        created_by: me.user_id,
        created_at: now,
        expires_at: now.plus_minutes(app.settings.invitation_days * 24 * 60),
        used_at: None,
    };
    store::insert_invitation(tx, &invitation).await?;
    record(
        tx,
        app,
        actor,
        "invitation.create",
        "invitation",
        &invitation.id.to_string(),
        Some(org.to_string()),
        json!(null),
        json!({"role": Role::OrgAdmin.as_str(), "note": invitation.note, "expires_at": invitation.expires_at.rfc3339_cst()}),
    )
    .await?;
    Ok(Some(NewInvitation { invitation, secret }))
}

/// Invitations of the actor's organisation.
pub async fn invitations(app: &App, actor: &Actor) -> Result<Vec<Invitation>> {
    let me = actor.require(Permission::InviteStaff(actor.user()?.org_id))?;
    let mut conn = app.db.read().await?;
    Ok(store::invitations_of_org(&mut conn, me.org_id).await?)
}

/// An invitation that can still be used, with its organisation's name.
pub async fn open_invitation(app: &App, secret: &str) -> Result<(Invitation, String)> {
    let mut conn = app.db.read().await?;
    let invitation = store::invitation_by_hash(&mut conn, &hash_secret(secret))
        .await?
        .ok_or(Error::NotFound("invitation"))?;
    if invitation.used_at.is_some() || invitation.expires_at < app.now() {
        return Err(Error::NotFound("invitation"));
    }
    let org = gongjiang_store::members::get_org(&mut conn, invitation.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    Ok((invitation, org.name))
}

/// Raw input of the invitation-acceptance form.
#[derive(Debug, Default, Clone)]
pub struct Acceptance {
    /// `login`.
    pub login: String,
    /// `display_name`.
    pub display_name: String,
    /// `password`.
    pub password: String,
    /// `confirm_password`.
    pub confirm_password: String,
}

/// Creates the invitee's account with the invited role; the link works once.
pub async fn accept_invitation(
    app: &App,
    secret: &str,
    input: &Acceptance,
    ip: &str,
) -> Result<UserId> {
    let (invitation, org_name) = open_invitation(app, secret).await?;
    let mut errors = FieldErrors::new();
    let login = errors.check("login", rules::check_login(&input.login));
    let display_name = errors.check("display_name", name_field(&input.display_name, 1, 40));
    let context = [
        input.login.as_str(),
        input.display_name.as_str(),
        org_name.as_str(),
    ];
    if let Err(p) =
        rules::check_new_password(&input.password, app.settings.password_policy, &context)
    {
        errors.push("password", p);
    } else if input.password != input.confirm_password {
        errors.push("confirm_password", Problem::PasswordsDiffer);
    }
    errors.clone().into_result()?;
    let (Some(login), Some(display_name)) = (login, display_name) else {
        return Err(Error::Invalid(errors));
    };
    let hash = app.hashing.hash(&input.password).await?;
    let now = app.now();
    let user = User {
        id: UserId::new(),
        login,
        display_name,
        password_hash: hash,
        status: UserStatus::Active,
        is_demo: false,
        must_change_password: false,
        password_changed_at: now,
        created_at: now,
    };
    let grant = Grant {
        id: GrantId::new(),
        user_id: user.id,
        org_id: invitation.org_id,
        role: invitation.role,
    };
    let mut tx = app.db.write().await?;
    store::insert_user(&mut tx, &user).await?;
    // Claims the link; a parallel acceptance that got there first leaves nothing to claim.
    if !store::use_invitation(&mut tx, invitation.id, user.id, now).await? {
        return Err(Error::NotFound("invitation"));
    }
    store::insert_grant(&mut tx, &grant, now).await?;
    let actor = Actor::Anonymous { ip: ip.to_string() };
    record(
        &mut tx,
        app,
        &actor,
        "invitation.accept",
        "user",
        &user.id.to_string(),
        Some(invitation.org_id.to_string()),
        json!(null),
        json!({"login": user.login, "role": invitation.role.as_str(), "invitation": invitation.id.to_string()}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(user.id)
}

/// A new API token, with its secret shown once.
pub struct NewApiToken {
    /// The stored token.
    pub token: ApiToken,
    /// The secret (`gjt_…`), shown once.
    pub secret: String,
}

/// Creates a personal API token acting for the actor's current organisation and role.
pub async fn create_api_token(app: &App, actor: &Actor, name: &str) -> Result<NewApiToken> {
    let me = actor.require(Permission::ManageOwnAccount)?;
    let name = name_field(name, 1, 60).map_err(|p| Error::field("name", p))?;
    let secret = format!("gjt_{}", new_secret());
    let now = app.now();
    let token = ApiToken {
        id: ApiTokenId::new(),
        user_id: me.user_id,
        org_id: me.org_id,
        role: me.role,
        name,
        prefix: secret.chars().take(10).collect(),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = app.db.write().await?;
    store::insert_api_token(&mut tx, &token, &hash_secret(&secret)).await?;
    record(
        &mut tx,
        app,
        actor,
        "api_token.create",
        "api_token",
        &token.id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!({"name": token.name, "prefix": token.prefix}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(NewApiToken { token, secret })
}

/// The actor's API tokens.
pub async fn api_tokens(app: &App, actor: &Actor) -> Result<Vec<ApiToken>> {
    let me = actor.require(Permission::ManageOwnAccount)?;
    let mut conn = app.db.read().await?;
    Ok(store::api_tokens_of_user(&mut conn, me.user_id).await?)
}

/// Revokes one of the actor's tokens; another user's token is `NotFound`.
pub async fn revoke_api_token(app: &App, actor: &Actor, id: ApiTokenId) -> Result<()> {
    let me = actor.require(Permission::ManageOwnAccount)?;
    let mut tx = app.db.write().await?;
    if !store::revoke_api_token(&mut tx, me.user_id, id, app.now()).await? {
        return Err(Error::NotFound("api_token"));
    }
    record(
        &mut tx,
        app,
        actor,
        "api_token.revoke",
        "api_token",
        &id.to_string(),
        None,
        json!(null),
        json!(null),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// The people of an organisation (its admins, staff and trainees with accounts).
pub async fn staff(app: &App, actor: &Actor, org: OrgId) -> Result<Vec<StaffMember>> {
    actor.require(Permission::ViewOrgPrivate(org))?;
    let mut conn = app.db.read().await?;
    Ok(store::staff_of_org(&mut conn, org).await?)
}

/// Disables (or re-enables) an account of the actor's organisation; a disabled
/// account's sessions end at once. Disabling needs a reason (2 to 200
/// characters, field `reason`), kept on the account until it is enabled again.
pub async fn set_staff_status(
    app: &App,
    actor: &Actor,
    user_id: UserId,
    status: UserStatus,
    reason: &str,
) -> Result<()> {
    let me = actor
        .require(Permission::EditOrgProfile(actor.user()?.org_id))?
        .clone();
    if user_id == me.user_id {
        return Err(Error::WrongState("cannot disable yourself".into()));
    }
    // Disabling keeps its reason on the account and in the audit log;
    // enabling clears it.
    let reason = match status {
        UserStatus::Disabled => {
            Some(text_field(reason, 2, 200).map_err(|p| Error::field("reason", p))?)
        }
        _ => None,
    };
    let mut tx = app.db.write().await?;
    let grants = store::grants_of_user(&mut tx, user_id).await?;
    if !grants.iter().any(|g| g.org_id == me.org_id) {
        return Err(Error::NotFound("user"));
    }
    store::set_user_status(&mut tx, user_id, status, reason.as_deref()).await?;
    if status == UserStatus::Disabled {
        sessions::delete_for_user(&mut tx, user_id, "").await?;
    }
    record(
        &mut tx,
        app,
        actor,
        "user.set_status",
        "user",
        &user_id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!({"status": status.as_str(), "reason": reason}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// Creates an account holding `role` in `org` (used by the CLI and the demo).
/// The password is checked against the policy unless `is_demo`.
pub async fn create_account(
    app: &App,
    login: &str,
    display_name: &str,
    password: &str,
    org: OrgId,
    role: Role,
    is_demo: bool,
) -> Result<UserId> {
    let mut errors = FieldErrors::new();
    let login = errors.check("login", rules::check_login(login));
    let display_name = errors.check("display_name", name_field(display_name, 1, 40));
    if !is_demo {
        let context = [
            login.as_deref().unwrap_or(""),
            display_name.as_deref().unwrap_or(""),
        ];
        if let Err(p) = rules::check_new_password(password, app.settings.password_policy, &context)
        {
            errors.push("password", p);
        }
    }
    errors.clone().into_result()?;
    let (Some(login), Some(display_name)) = (login, display_name) else {
        return Err(Error::Invalid(errors));
    };
    let hash = app.hashing.hash(password).await?;
    let now = app.now();
    let user = User {
        id: UserId::new(),
        login,
        display_name,
        password_hash: hash,
        status: UserStatus::Active,
        is_demo,
        must_change_password: false,
        password_changed_at: now,
        created_at: now,
    };
    let mut tx = app.db.write().await?;
    store::insert_user(&mut tx, &user).await?;
    store::insert_grant(
        &mut tx,
        &Grant {
            id: GrantId::new(),
            user_id: user.id,
            org_id: org,
            role,
        },
        now,
    )
    .await?;
    let system = Actor::Anonymous { ip: "cli".into() };
    record(
        &mut tx,
        app,
        &system,
        "user.create",
        "user",
        &user.id.to_string(),
        Some(org.to_string()),
        json!(null),
        json!({"login": user.login, "role": role.as_str(), "demo": is_demo}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(user.id)
}

/// How many accounts exist (0 on a fresh install).
pub async fn count_users(app: &App) -> Result<i64> {
    let mut conn = app.db.read().await?;
    Ok(store::count_users(&mut conn).await?)
}

//! Membership: the public application, the secretariat's review, the member's
//! later suspension or leaving, the public roster and organisation profiles.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::{AllianceId, MembershipId, OrgId};
use gongjiang_domain::members::{
    Membership, MembershipStatus, OrgProfile, OrgProfileInput, Organization, Tier, name_field,
    text_field,
};
use gongjiang_domain::values::{Mobile, PersonName};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection as AnyConnection;
use gongjiang_store::members::{self as store, Alliance, OrgSearch, RosterEntry};
pub use gongjiang_store::members::{RosterFilter, Segment};
use serde_json::json;

/// The alliance this deployment runs (the first one created).
pub async fn ensure_alliance(conn: &mut AnyConnection) -> Result<Alliance> {
    store::first_alliance(conn).await?.ok_or(Error::NotSetUp)
}

/// The alliance's id, read once and then kept by this instance: an
/// alliance's id never changes once it exists (its name may, so pages read
/// the alliance itself).
pub async fn alliance_id(app: &App, conn: &mut AnyConnection) -> Result<AllianceId> {
    if let Some(id) = app.alliance_id.get() {
        return Ok(*id);
    }
    let id = ensure_alliance(conn).await?.id;
    Ok(*app.alliance_id.get_or_init(|| id))
}

/// The alliance, for pages.
pub async fn alliance(app: &App) -> Result<Alliance> {
    let mut conn = app.db.read().await?;
    ensure_alliance(&mut conn).await
}

/// True when an alliance exists.
pub async fn has_alliance(app: &App) -> Result<bool> {
    let mut conn = app.db.read().await?;
    Ok(store::first_alliance(&mut conn).await?.is_some())
}

/// The industry-chain segments, from the kept catalogues.
pub async fn segments(app: &App) -> Result<Vec<Segment>> {
    Ok(crate::demand::catalogues(app).await?.segments.clone())
}

/// Search columns for an organisation's names.
pub fn search_columns(name: &str, other_names: &[String], short_name: &str) -> OrgSearch {
    let mut keys = gongjiang_search::search_keys(name);
    for other in other_names.iter().map(String::as_str).chain([short_name]) {
        if !other.is_empty() {
            keys.push(' ');
            keys.push_str(&gongjiang_search::search_keys(other));
        }
    }
    OrgSearch {
        keys,
        sort_key: gongjiang_search::sort_key(name),
    }
}

async fn check_segments(
    conn: &mut AnyConnection,
    profile: &OrgProfile,
    errors: &mut FieldErrors,
) -> Result<()> {
    let known = store::segments(conn).await?;
    if profile
        .segments
        .iter()
        .any(|s| !known.iter().any(|k| &k.code == s))
    {
        errors.push("segments", Problem::InvalidChoice);
    }
    Ok(())
}

/// Raw input of the public application form.
#[derive(Debug, Clone, Default)]
pub struct ApplicationInput {
    /// The unit's profile.
    pub profile: OrgProfileInput,
    /// `requested_tier`.
    pub requested_tier: String,
    /// `contact_name`.
    pub contact_name: String,
    /// `contact_phone`.
    pub contact_phone: String,
    /// `contact_email`.
    pub contact_email: String,
    /// `statement`.
    pub statement: String,
}

pub(crate) fn email_field(text: &str) -> std::result::Result<String, Problem> {
    let value = name_field(text, 0, 100)?;
    if value.is_empty() {
        return Ok(value);
    }
    let mut parts = value.splitn(2, '@');
    let (Some(local), Some(domain)) = (parts.next(), parts.next()) else {
        return Err(Problem::InvalidFormat);
    };
    if local.is_empty()
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || value.contains(' ')
    {
        return Err(Problem::InvalidFormat);
    }
    Ok(value)
}

/// Files an application to join the alliance. A unit whose credit code is
/// already known re-uses its organisation record (one record per unit); a unit
/// that is already a member or has an application pending is refused.
pub async fn apply(app: &App, actor: &Actor, input: &ApplicationInput) -> Result<Membership> {
    let mut errors = FieldErrors::new();
    let profile = match input.profile.validate() {
        Ok(p) => Some(p),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let requested_tier = match Tier::parse(&input.requested_tier) {
        Ok(Tier::Chair) => {
            errors.push("requested_tier", Problem::InvalidChoice);
            None
        }
        Ok(t) => Some(t),
        Err(p) => {
            errors.push("requested_tier", p);
            None
        }
    };
    let contact_name = errors.check("contact_name", PersonName::parse(&input.contact_name));
    let contact_phone = errors.check("contact_phone", Mobile::parse(&input.contact_phone));
    let contact_email = errors.check("contact_email", email_field(&input.contact_email));
    let statement = errors.check("statement", text_field(&input.statement, 0, 2000));
    let now = app.now();
    let mut tx = app.db.write().await?;
    if let Some(p) = &profile {
        check_segments(&mut tx, p, &mut errors).await?;
    }
    let alliance = ensure_alliance(&mut tx).await?;
    errors.clone().into_result()?;
    let (
        Some(profile),
        Some(requested_tier),
        Some(contact_name),
        Some(contact_phone),
        Some(contact_email),
        Some(statement),
    ) = (
        profile,
        requested_tier,
        contact_name,
        contact_phone,
        contact_email,
        statement,
    )
    else {
        return Err(Error::Invalid(errors));
    };
    let org = match store::org_by_credit_code(&mut tx, profile.credit_code.as_str()).await? {
        Some(existing) => {
            let memberships = store::memberships_of_org(&mut tx, existing.id).await?;
            let live = memberships.iter().any(|m| {
                m.alliance_id == alliance.id
                    && matches!(
                        m.status,
                        MembershipStatus::Applied
                            | MembershipStatus::Active
                            | MembershipStatus::Suspended
                    )
            });
            if live {
                return Err(Error::field("credit_code", Problem::AlreadyTaken));
            }
            existing
        }
        None => {
            let org = Organization {
                id: OrgId::new(),
                kind: profile.kind,
                name: profile.name.clone(),
                other_names: profile.other_names.clone(),
                short_name: profile.short_name.clone(),
                credit_code: profile.credit_code.as_str().to_string(),
                city: profile.city.clone(),
                district: profile.district.clone(),
                address: profile.address.clone(),
                website: profile.website.clone(),
                intro: profile.intro.clone(),
                segments: profile.segments.clone(),
                is_fictional: false,
                created_at: now,
                updated_at: now,
            };
            let search = search_columns(&org.name, &org.other_names, &org.short_name);
            store::insert_org(&mut tx, &org, &search).await?;
            record(
                &mut tx,
                app,
                actor,
                "organization.create",
                "organization",
                &org.id.to_string(),
                Some(org.id.to_string()),
                json!(null),
                org_json(&org),
            )
            .await?;
            org
        }
    };
    let membership = Membership {
        id: MembershipId::new(),
        alliance_id: alliance.id,
        org_id: org.id,
        status: MembershipStatus::Applied,
        requested_tier,
        tier: None,
        contact_name: contact_name.as_str().to_string(),
        contact_phone: contact_phone.as_str().to_string(),
        contact_email,
        statement,
        applied_at: now,
        decided_at: None,
        decided_by: None,
        decision_reason: String::new(),
        joined_at: None,
        ended_at: None,
        end_reason: String::new(),
        updated_at: now,
    };
    store::insert_membership(&mut tx, &membership).await?;
    let reviewers =
        crate::notifications::secretariat(&mut tx, crate::policy::Kind::ReviewApplications).await?;
    let event = crate::notifications::Event::new(
        "application.filed",
        format!("/admin/memberships/{}", membership.id),
    )
    .arg("org", &org.name);
    crate::notifications::raise(&mut tx, app, &reviewers, &event).await?;
    record(
        &mut tx,
        app,
        actor,
        "membership.apply",
        "membership",
        &membership.id.to_string(),
        Some(org.id.to_string()),
        json!(null),
        membership_json(&membership),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(membership.id = %membership.id, org.id = %org.id, "membership application filed");
    Ok(membership)
}

/// Organisation fields for the audit log (no personal data).
pub fn org_json(org: &Organization) -> serde_json::Value {
    json!({
        "kind": org.kind.as_str(), "name": org.name, "other_names": org.other_names, "short_name": org.short_name,
        "credit_code": org.credit_code, "city": org.city, "district": org.district, "address": org.address,
        "website": org.website, "intro": org.intro, "segments": org.segments,
    })
}

/// Membership fields for the audit log; the contact phone is masked.
pub fn membership_json(m: &Membership) -> serde_json::Value {
    let phone = Mobile::parse(&m.contact_phone)
        .map(|p| p.masked())
        .unwrap_or_default();
    let name = PersonName::parse(&m.contact_name)
        .map(|p| p.masked())
        .unwrap_or_default();
    json!({
        "status": m.status.as_str(), "requested_tier": m.requested_tier.as_str(),
        "tier": m.tier.map(|t| t.as_str()), "contact_name": name, "contact_phone": phone,
        "decision_reason": m.decision_reason, "end_reason": m.end_reason,
    })
}

/// A membership with its organisation.
#[derive(Debug, Clone)]
pub struct MembershipView {
    /// The membership.
    pub membership: Membership,
    /// The organisation.
    pub org: Organization,
}

/// Memberships of the alliance in one status (the secretariat's queues).
pub async fn memberships_in(
    app: &App,
    actor: &Actor,
    status: MembershipStatus,
) -> Result<Vec<MembershipView>> {
    actor.require(Permission::ReviewApplications)?;
    let mut conn = app.db.read().await?;
    let alliance_id = alliance_id(app, &mut conn).await?;
    let list = store::memberships_by_status(&mut conn, alliance_id, status).await?;
    let mut out = Vec::with_capacity(list.len());
    for membership in list {
        if let Some(org) = store::get_org(&mut conn, membership.org_id).await? {
            out.push(MembershipView { membership, org });
        }
    }
    Ok(out)
}

/// One membership with its organisation: the secretariat, or the member's own people.
pub async fn membership(app: &App, actor: &Actor, id: MembershipId) -> Result<MembershipView> {
    let mut conn = app.db.read().await?;
    let membership = store::get_membership(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("membership"))?;
    if !actor.may(Permission::ReviewApplications)
        && !actor.may(Permission::ViewOrgPrivate(membership.org_id))
    {
        actor.user()?;
        return Err(Error::NotFound("membership"));
    }
    let org = store::get_org(&mut conn, membership.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    Ok(MembershipView { membership, org })
}

/// A decision on a membership taken by the secretariat.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Approve an application with a tier (and an optional note).
    Approve {
        /// `tier`.
        tier: String,
        /// `note`.
        note: String,
    },
    /// Reject an application; the reason is required.
    Reject {
        /// `reason`.
        reason: String,
    },
    /// Suspend an active member; the reason is required.
    Suspend {
        /// `reason`.
        reason: String,
    },
    /// Lift a suspension.
    Reinstate,
    /// End the membership; the reason is required.
    End {
        /// `reason`.
        reason: String,
    },
    /// Move an active member to another tier.
    ChangeTier {
        /// `tier`.
        tier: String,
    },
}

impl Decision {
    fn action(&self) -> &'static str {
        match self {
            Decision::Approve { .. } => "membership.approve",
            Decision::Reject { .. } => "membership.reject",
            Decision::Suspend { .. } => "membership.suspend",
            Decision::Reinstate => "membership.reinstate",
            Decision::End { .. } => "membership.end",
            Decision::ChangeTier { .. } => "membership.change_tier",
        }
    }
}

fn required_reason(text: &str) -> std::result::Result<String, Problem> {
    text_field(text, 2, 500)
}

/// A decision taken: the membership as it now stands and, when an approval
/// let in a unit with no account yet, the invitation for its first
/// administrator (its secret shown once, to hand over).
pub struct Decided {
    /// The membership after the decision.
    pub membership: Membership,
    /// The first administrator's invitation, made by an approval.
    pub invitation: Option<crate::accounts::NewInvitation>,
    /// Whether the applicant's contact was written to (mail is configured
    /// and the application has an address).
    pub mailed: bool,
}

/// Applies a secretariat decision to a membership, audited, in one
/// transaction; an approval of a unit without people also invites its first
/// administrator.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: MembershipId,
    decision: &Decision,
) -> Result<Decided> {
    let me = match decision {
        Decision::Approve { .. } | Decision::Reject { .. } => {
            actor.require(Permission::ReviewApplications)?
        }
        _ => actor.require(Permission::ManageMemberships)?,
    }
    .clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let current = store::get_membership(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("membership"))?;
    if current.alliance_id != me.alliance_id {
        return Err(Error::NotFound("membership"));
    }
    let next = match decision {
        Decision::Approve { tier, note } => {
            let tier = Tier::parse(tier).map_err(|p| Error::field("tier", p))?;
            let note = text_field(note, 0, 500).map_err(|p| Error::field("note", p))?;
            current.approve(tier, me.user_id, note, now)?
        }
        Decision::Reject { reason } => {
            let reason = required_reason(reason).map_err(|p| Error::field("reason", p))?;
            current.reject(me.user_id, reason, now)?
        }
        Decision::Suspend { reason } => {
            let reason = required_reason(reason).map_err(|p| Error::field("reason", p))?;
            current.suspend(reason, now)?
        }
        Decision::Reinstate => current.reinstate(now)?,
        Decision::End { reason } => {
            let reason = required_reason(reason).map_err(|p| Error::field("reason", p))?;
            current.leave(reason, now)?
        }
        Decision::ChangeTier { tier } => {
            let tier = Tier::parse(tier).map_err(|p| Error::field("tier", p))?;
            current.change_tier(tier, now)?
        }
    };
    store::update_membership(&mut tx, &next)
        .await
        .map_err(|e| match e {
            gongjiang_store::Error::Conflict(_) => {
                Error::field("tier", Problem::Rule { key: "one_chair" })
            }
            other => other.into(),
        })?;
    record(
        &mut tx,
        app,
        actor,
        decision.action(),
        "membership",
        &id.to_string(),
        Some(current.org_id.to_string()),
        membership_json(&current),
        membership_json(&next),
    )
    .await?;
    let invitation = if matches!(decision, Decision::Approve { .. }) {
        crate::accounts::first_admin_invitation(
            &mut tx,
            app,
            actor,
            next.org_id,
            &next.contact_name,
        )
        .await?
    } else {
        None
    };
    // The applicant is told of the decision at the application's address;
    // an approval carries the first administrator's invitation link.
    let org_name = store::get_org(&mut tx, next.org_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let told = match decision {
        Decision::Approve { .. } => {
            let href = invitation
                .as_ref()
                .map_or_else(|| "/login".to_string(), |i| format!("/invite/{}", i.secret));
            let event = crate::notifications::Event::new("membership.approved", href)
                .arg("org", &org_name)
                .arg("contact", &next.contact_name);
            crate::notifications::mail_to(&mut tx, app, &next.contact_email, &event).await?
        }
        Decision::Reject { reason } => {
            let event = crate::notifications::Event::new("membership.rejected", "/apply")
                .arg("org", &org_name)
                .arg("contact", &next.contact_name)
                .arg("reason", reason.trim());
            crate::notifications::mail_to(&mut tx, app, &next.contact_email, &event).await?
        }
        _ => false,
    };
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(membership.id = %id, action = decision.action(), told, "membership decided");
    Ok(Decided {
        membership: next,
        invitation,
        mailed: told,
    })
}

/// Largest roster page.
pub const MAX_PAGE: i64 = 200;

/// The public roster: active members, filtered, by tier then pinyin.
pub async fn roster(
    app: &App,
    filter: &RosterFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<RosterEntry>, i64)> {
    let per_page = per_page.clamp(1, MAX_PAGE);
    let offset = (page.max(1) - 1) * per_page;
    if filter.query.is_none() {
        // The whole roster, in its order, kept as counted (app::aggregates;
        // exact until the audit log moves): the page most visitors open does
        // not sort every unit again, and a filter by kind, tier, city or
        // segment (the pickers of units) is applied to it in memory, as the
        // store would. A text search is read each time (its keys are in the
        // database).
        let all = kept_roster(app).await?;
        let kept = |e: &&RosterEntry| {
            filter.kind.is_none_or(|k| e.org.kind == k)
                && filter.tier.is_none_or(|t| e.tier == t)
                && filter.city.as_ref().is_none_or(|c| &e.org.city == c)
                && filter
                    .segment
                    .as_ref()
                    .is_none_or(|s| e.org.segments.contains(s))
        };
        let matching: Vec<&RosterEntry> = all.iter().filter(kept).collect();
        let from = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(matching.len());
        let to = from
            .saturating_add(usize::try_from(per_page).unwrap_or(1))
            .min(matching.len());
        let total = i64::try_from(matching.len()).unwrap_or(i64::MAX);
        return Ok((
            matching[from..to].iter().map(|e| (*e).clone()).collect(),
            total,
        ));
    }
    let mut conn = app.db.read().await?;
    let alliance_id = alliance_id(app, &mut conn).await?;
    Ok(store::roster(&mut conn, alliance_id, filter, offset, per_page).await?)
}

/// The name of unit `id` when it is of one of `kinds` (a picker keeps its
/// current choice only when it is one it could offer).
pub async fn name_if_kind(
    app: &App,
    id: OrgId,
    kinds: &[gongjiang_domain::members::OrgKind],
) -> Result<Option<String>> {
    let mut conn = app.db.read().await?;
    Ok(store::get_org(&mut conn, id)
        .await?
        .filter(|o| kinds.contains(&o.kind))
        .map(|o| o.name))
}

/// How many units are active members (the home page's figure).
pub async fn member_count(app: &App) -> Result<i64> {
    let mut conn = app.db.read().await?;
    let alliance_id = alliance_id(app, &mut conn).await?;
    Ok(store::member_count(&mut conn, alliance_id).await?)
}

/// The whole roster in its order, as kept (`App::rosters`: exact, read
/// again after any change).
async fn kept_roster(app: &App) -> Result<std::sync::Arc<Vec<RosterEntry>>> {
    let kept = app
        .rosters
        .get(app, "all", |app| async move {
            let mut conn = app.db.read().await?;
            let alliance_id = alliance_id(&app, &mut conn).await?;
            let (all, _) = store::roster(
                &mut conn,
                alliance_id,
                &RosterFilter::default(),
                0,
                i64::MAX / 4,
            )
            .await?;
            Ok(all)
        })
        .await?;
    Ok(kept.value)
}

/// Cities present on the roster, sorted, from the kept roster (the roster's
/// city filter: no read of every membership per request).
pub async fn roster_cities(app: &App) -> Result<Vec<String>> {
    let all = kept_roster(app).await?;
    let cities: std::collections::BTreeSet<&str> =
        all.iter().map(|e| e.org.city.as_str()).collect();
    Ok(cities.into_iter().map(str::to_string).collect())
}

/// An organisation's profile as the actor may see it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The organisation.
    pub org: Organization,
    /// Its current membership in this alliance (active, suspended…), if any.
    pub membership: Option<Membership>,
    /// True when the actor may see private parts (membership history, staff).
    pub private: bool,
    /// True when the actor may edit the profile.
    pub editable: bool,
}

/// The names of these organisations (those that exist), for list columns
/// that name a unit: each distinct id read once.
pub async fn org_names(
    app: &App,
    ids: &[OrgId],
) -> Result<std::collections::HashMap<OrgId, String>> {
    let mut conn = app.db.read().await?;
    Ok(store::names_of(&mut conn, ids).await?)
}

/// True when the actor acts for a school (a technical college or vocational school).
/// The kind of a unit, for building an actor that acts for it (the command
/// line's); 404 when there is no such unit.
pub async fn unit_kind(app: &App, org: OrgId) -> Result<gongjiang_domain::members::OrgKind> {
    let mut conn = app.db.read().await?;
    store::org_kind(&mut conn, org)
        .await?
        .ok_or(Error::NotFound("organization"))
}

/// True when the actor acts for a school (its staff, teachers or trainees).
pub fn acts_for_school(actor: &Actor) -> bool {
    actor.user().is_ok_and(|me| me.org_kind.is_school())
}

/// An organisation's profile. Anyone may see an active member's public profile;
/// other organisations are visible only to the secretariat and their own people.
pub async fn profile(app: &App, actor: &Actor, id: OrgId) -> Result<Profile> {
    let mut conn = app.db.read().await?;
    let org = store::get_org(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    let alliance_id = alliance_id(app, &mut conn).await?;
    let memberships = store::memberships_of_org(&mut conn, id).await?;
    let current = memberships
        .into_iter()
        .find(|m| m.alliance_id == alliance_id);
    let private = actor.may(Permission::ViewOrgPrivate(id));
    let public = current
        .as_ref()
        .is_some_and(|m| m.status == MembershipStatus::Active);
    if !public && !private {
        return Err(Error::NotFound("organization"));
    }
    Ok(Profile {
        org,
        membership: current,
        private,
        editable: actor.may(Permission::EditOrgProfile(id)),
    })
}

/// Edits an organisation's profile: its own admin, or the secretariat.
pub async fn update_profile(
    app: &App,
    actor: &Actor,
    id: OrgId,
    input: &OrgProfileInput,
) -> Result<Organization> {
    if actor.require(Permission::EditOrgProfile(id)).is_err() {
        // Do not reveal whether another organisation exists.
        actor.user()?;
        if !actor.may(Permission::ViewOrgPrivate(id)) {
            let mut conn = app.db.read().await?;
            let visible = store::get_org(&mut conn, id).await?.is_some();
            return Err(if visible {
                Error::Forbidden
            } else {
                Error::NotFound("organization")
            });
        }
        return Err(Error::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let profile = match input.validate() {
        Ok(p) => Some(p),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let mut tx = app.db.write().await?;
    if let Some(p) = &profile {
        check_segments(&mut tx, p, &mut errors).await?;
    }
    let current = store::get_org(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    errors.clone().into_result()?;
    let Some(profile) = profile else {
        return Err(Error::Invalid(errors));
    };
    let next = Organization {
        kind: profile.kind,
        name: profile.name,
        other_names: profile.other_names,
        short_name: profile.short_name,
        credit_code: profile.credit_code.as_str().to_string(),
        city: profile.city,
        district: profile.district,
        address: profile.address,
        website: profile.website,
        intro: profile.intro,
        segments: profile.segments,
        updated_at: app.now(),
        ..current.clone()
    };
    let search = search_columns(&next.name, &next.other_names, &next.short_name);
    store::update_org(&mut tx, &next, &search).await?;
    record(
        &mut tx,
        app,
        actor,
        "organization.update",
        "organization",
        &id.to_string(),
        Some(id.to_string()),
        org_json(&current),
        org_json(&next),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(next)
}

/// Membership history of an organisation (private).
pub async fn history(app: &App, actor: &Actor, id: OrgId) -> Result<Vec<Membership>> {
    actor.require(Permission::ViewOrgPrivate(id))?;
    let mut conn = app.db.read().await?;
    Ok(store::memberships_of_org(&mut conn, id).await?)
}

/// Counts of memberships by status, for the secretariat's overview.
pub async fn counts(app: &App, actor: &Actor) -> Result<Vec<(String, i64)>> {
    actor.require(Permission::ReviewApplications)?;
    let mut conn = app.db.read().await?;
    let alliance_id = alliance_id(app, &mut conn).await?;
    Ok(store::count_by_status(&mut conn, alliance_id).await?)
}

/// Name of a one-line text field, for validation helpers elsewhere.
pub fn short_text(text: &str, max: usize) -> std::result::Result<String, Problem> {
    name_field(text, 0, max)
}

/// Founds the alliance on a fresh install: the alliance, its chair unit (which
/// hosts the secretariat) and the chair's active membership. Used by
/// `gongjiang admin create` when no alliance exists yet.
pub async fn found_alliance(
    app: &App,
    alliance_name: &str,
    chair: &OrgProfileInput,
) -> Result<(Alliance, OrgId)> {
    let name = name_field(alliance_name, 4, 100).map_err(|p| Error::field("alliance", p))?;
    let profile = chair.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    if store::first_alliance(&mut tx).await?.is_some() {
        return Err(Error::WrongState("an alliance already exists".into()));
    }
    let org = Organization {
        id: OrgId::new(),
        kind: profile.kind,
        name: profile.name,
        other_names: profile.other_names,
        short_name: profile.short_name,
        credit_code: profile.credit_code.as_str().to_string(),
        city: profile.city,
        district: profile.district,
        address: profile.address,
        website: profile.website,
        intro: profile.intro,
        segments: profile.segments,
        is_fictional: false,
        created_at: now,
        updated_at: now,
    };
    let alliance = Alliance {
        id: AllianceId::new(),
        name,
        name_en: String::new(),
        short_name: String::new(),
        founded_on: None,
        host_org_id: Some(org.id),
    };
    store::insert_alliance(
        &mut tx,
        &Alliance {
            host_org_id: None,
            ..alliance.clone()
        },
        now,
    )
    .await?;
    store::insert_org(
        &mut tx,
        &org,
        &search_columns(&org.name, &org.other_names, &org.short_name),
    )
    .await?;
    store::set_alliance_host(&mut tx, alliance.id, org.id).await?;
    let membership = Membership {
        id: MembershipId::new(),
        alliance_id: alliance.id,
        org_id: org.id,
        status: MembershipStatus::Active,
        requested_tier: Tier::Chair,
        tier: Some(Tier::Chair),
        contact_name: String::new(),
        contact_phone: String::new(),
        contact_email: String::new(),
        statement: String::new(),
        applied_at: now,
        decided_at: Some(now),
        decided_by: None,
        decision_reason: String::new(),
        joined_at: Some(now),
        ended_at: None,
        end_reason: String::new(),
        updated_at: now,
    };
    store::insert_membership(&mut tx, &membership).await?;
    let system = Actor::Anonymous { ip: "cli".into() };
    record(
        &mut tx,
        app,
        &system,
        "alliance.found",
        "alliance",
        &alliance.id.to_string(),
        Some(org.id.to_string()),
        serde_json::Value::Null,
        json!({"name": alliance.name, "chair": org_json(&org)}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok((alliance, org.id))
}

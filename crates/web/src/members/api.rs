//! Members in the API: the public roster, profiles, applications and the
//! secretariat's decisions.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, Items, Page, id};
use crate::members::pages::RosterQuery;
use crate::members::review::decision_from;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::members::{self, ApplicationInput, MembershipView};
use gongjiang_domain::ids::{MembershipId, OrgId};
use gongjiang_domain::members::{
    Membership, MembershipStatus, OrgKind, OrgProfileInput, Organization, Tier,
};
use gongjiang_domain::time::Timestamp;
use gongjiang_domain::values::{Mobile, PersonName};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A membership; the contact's name and phone are masked.
#[derive(Serialize, JsonSchema)]
pub struct MembershipJson {
    id: MembershipId,
    org_id: OrgId,
    status: MembershipStatus,
    requested_tier: Tier,
    tier: Option<Tier>,
    /// Masked (`张*`).
    contact_name: String,
    /// Masked (`138****5678`).
    contact_phone: String,
    contact_email: String,
    statement: String,
    applied_at: Timestamp,
    decided_at: Option<Timestamp>,
    decision_reason: String,
    joined_at: Option<Timestamp>,
    ended_at: Option<Timestamp>,
    end_reason: String,
}

/// A membership with its contact masked.
pub fn membership_json(m: &Membership) -> MembershipJson {
    MembershipJson {
        id: m.id,
        org_id: m.org_id,
        status: m.status,
        requested_tier: m.requested_tier,
        tier: m.tier,
        contact_name: PersonName::parse(&m.contact_name)
            .map(|p| p.masked())
            .unwrap_or_default(),
        contact_phone: Mobile::parse(&m.contact_phone)
            .map(|p| p.masked())
            .unwrap_or_default(),
        contact_email: m.contact_email.clone(),
        statement: m.statement.clone(),
        applied_at: m.applied_at,
        decided_at: m.decided_at,
        decision_reason: m.decision_reason.clone(),
        joined_at: m.joined_at,
        ended_at: m.ended_at,
        end_reason: m.end_reason.clone(),
    }
}

/// A membership with its organisation.
#[derive(Serialize, JsonSchema)]
pub struct MembershipAndOrg {
    membership: MembershipJson,
    organization: Organization,
}

fn view_json(v: &MembershipView) -> MembershipAndOrg {
    MembershipAndOrg {
        membership: membership_json(&v.membership),
        organization: v.org.clone(),
    }
}

/// A member in the roster.
#[derive(Serialize, JsonSchema)]
pub struct RosterItem {
    #[serde(flatten)]
    org: Organization,
    tier: Tier,
    membership_id: MembershipId,
    joined_at: Option<Timestamp>,
}

/// An organisation's profile: its public fields, its membership, and whether
/// the caller may change it.
#[derive(Serialize, JsonSchema)]
pub struct ProfileView {
    #[serde(flatten)]
    org: Organization,
    membership: Option<MembershipBrief>,
    /// The caller may change this profile.
    editable: bool,
}

/// Where a unit stands in the alliance.
#[derive(Serialize, JsonSchema)]
pub struct MembershipBrief {
    status: MembershipStatus,
    tier: Option<Tier>,
}

/// A decision's answer: the membership, flattened, and after an approval of a
/// unit without people the invitation for its first administrator.
#[derive(Serialize, JsonSchema)]
pub struct DecisionView {
    #[serde(flatten)]
    membership: MembershipJson,
    /// Shown once: hand it to the unit's contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    first_admin_invitation: Option<FirstAdmin>,
}

/// The first administrator's invitation.
#[derive(Serialize, JsonSchema)]
pub struct FirstAdmin {
    /// The secret.
    token: String,
    /// The link to send: `/invite/{token}`.
    path: String,
    expires_at: Timestamp,
}

/// A new application: its membership and organisation ids and status.
#[derive(Serialize, JsonSchema)]
pub struct Applied {
    id: MembershipId,
    org_id: OrgId,
    status: MembershipStatus,
}

/// `GET /api/v1/members`.
pub async fn roster(
    State(state): State<AppState>,
    Query(q): Query<RosterQuery>,
) -> Result<Json<Page<RosterItem>>, ApiError> {
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, members::MAX_PAGE);
    let (entries, total) = members::roster(&state.app, &filter, page, per_page).await?;
    let items = entries
        .iter()
        .map(|e| RosterItem {
            org: e.org.clone(),
            tier: e.tier,
            membership_id: e.membership_id,
            joined_at: e.joined_at,
        })
        .collect();
    Ok(Json(Page {
        items,
        total: total as u64,
        page: page as u64,
        per_page: per_page as u64,
    }))
}

/// `GET /api/v1/segments`.
pub async fn segments(
    State(state): State<AppState>,
) -> Result<Json<Items<members::Segment>>, ApiError> {
    let list = members::segments(&state.app).await?;
    Ok(Json(Items::of(list)))
}

/// `GET /api/v1/organizations/{id}`.
pub async fn profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> Result<Json<ProfileView>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let p = members::profile(&state.app, &ctx.actor, org).await?;
    Ok(Json(ProfileView {
        org: p.org.clone(),
        membership: p.membership.as_ref().map(|m| MembershipBrief {
            status: m.status,
            tier: m.tier,
        }),
        editable: p.editable,
    }))
}

/// Body of `PUT /api/v1/organizations/{id}` and the unit part of an application.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    /// What kind of unit (required).
    #[serde(default)]
    #[schemars(with = "OrgKind")]
    kind: String,
    /// Its full registered name, 2 to 100 characters (required).
    #[serde(default)]
    name: String,
    /// Former or other names, at most 5.
    #[serde(default)]
    other_names: Vec<String>,
    /// At most 30 characters.
    #[serde(default)]
    short_name: String,
    /// Unified social credit code, with its GB 32100 check character (required).
    #[serde(default)]
    credit_code: String,
    /// 2 to 20 characters (required).
    #[serde(default)]
    city: String,
    /// At most 20 characters.
    #[serde(default)]
    district: String,
    /// At most 200 characters.
    #[serde(default)]
    address: String,
    /// `http://` or `https://`.
    #[serde(default)]
    website: String,
    /// At most 2000 characters.
    #[serde(default)]
    intro: String,
    /// Segment codes from `/api/v1/segments`.
    #[serde(default)]
    segments: Vec<String>,
}

impl ProfileBody {
    fn input(self) -> OrgProfileInput {
        OrgProfileInput {
            kind: self.kind,
            name: self.name,
            other_names: self.other_names.join("\n"),
            short_name: self.short_name,
            credit_code: self.credit_code,
            city: self.city,
            district: self.district,
            address: self.address,
            website: self.website,
            intro: self.intro,
            segments: self.segments,
        }
    }
}

/// `PUT /api/v1/organizations/{id}`.
pub async fn update_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(org): Path<String>,
    Body(body): Body<ProfileBody>,
) -> Result<Json<Organization>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let saved = members::update_profile(&state.app, &ctx.actor, org, &body.input()).await?;
    Ok(Json(saved))
}

/// Body of `POST /api/v1/applications`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationBody {
    /// The applying unit.
    organization: ProfileBody,
    /// The tier applied for (required; `chair` is not applied for).
    #[serde(default)]
    #[schemars(with = "Tier")]
    requested_tier: String,
    /// The contact person (required).
    #[serde(default)]
    contact_name: String,
    /// A mainland mobile number (required).
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    contact_email: String,
    /// At most 2000 characters.
    #[serde(default)]
    statement: String,
}

/// `POST /api/v1/applications`: field errors name the organisation's fields without a prefix.
pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<ApplicationBody>,
) -> Result<(StatusCode, Json<Applied>), ApiError> {
    let input = ApplicationInput {
        profile: body.organization.input(),
        requested_tier: body.requested_tier,
        contact_name: body.contact_name,
        contact_phone: body.contact_phone,
        contact_email: body.contact_email,
        statement: body.statement,
    };
    let m = members::apply(&state.app, &ctx.actor, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Applied {
            id: m.id,
            org_id: m.org_id,
            status: m.status,
        }),
    ))
}

/// Query of `GET /api/v1/applications`.
#[derive(Deserialize, Default)]
pub struct StatusQuery {
    #[serde(default)]
    status: String,
}

/// `GET /api/v1/applications`.
pub async fn applications(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<StatusQuery>,
) -> Result<Json<Items<MembershipAndOrg>>, ApiError> {
    let status = if q.status.is_empty() {
        MembershipStatus::Applied
    } else {
        MembershipStatus::parse(&q.status)
            .map_err(|p| ApiError::new(ctx.lang, gongjiang_app::Error::field("status", p)))?
    };
    let list = members::memberships_in(&state.app, &ctx.actor, status).await?;
    Ok(Json(Items::of(list.iter().map(view_json).collect())))
}

/// `GET /api/v1/memberships/{id}`.
pub async fn membership(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
) -> Result<Json<MembershipAndOrg>, ApiError> {
    let mid = id(&ctx, &mid, "membership")?;
    let v = members::membership(&state.app, &ctx.actor, mid).await?;
    Ok(Json(view_json(&v)))
}

/// Body of a decision.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// `approve`, `reject`, `suspend`, `reinstate`, `end` or `change_tier`.
    #[schemars(extend("enum" = ["approve", "reject", "suspend", "reinstate", "end", "change_tier"]))]
    action: String,
    /// With `approve` and `change_tier`.
    #[serde(default)]
    #[schemars(with = "Option<Tier>")]
    tier: String,
    /// Optional, with `approve`.
    #[serde(default)]
    note: String,
    /// Required with `reject`, `suspend` and `end`.
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/memberships/{id}/decision`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
    Body(body): Body<DecisionBody>,
) -> Result<Json<DecisionView>, ApiError> {
    let mid = id(&ctx, &mid, "membership")?;
    let decision = decision_from(&body.action, body.tier, body.note, body.reason)?;
    let d = members::decide(&state.app, &ctx.actor, mid, &decision).await?;
    Ok(Json(DecisionView {
        membership: membership_json(&d.membership),
        first_admin_invitation: d.invitation.map(|i| FirstAdmin {
            path: format!("/invite/{}", i.secret),
            token: i.secret,
            expires_at: i.invitation.expires_at,
        }),
    }))
}

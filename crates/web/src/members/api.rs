//! Members in the API: the public roster, profiles, applications and the
//! secretariat's decisions.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, id};
use crate::members::pages::RosterQuery;
use crate::members::review::decision_from;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::members::{self, ApplicationInput, MembershipView};
use gongjiang_domain::members::{Membership, MembershipStatus, OrgProfileInput, Organization};
use gongjiang_domain::values::{Mobile, PersonName};
use serde::Deserialize;
use serde_json::{Value, json};

/// An organisation as JSON (public fields only).
pub fn org_json(o: &Organization) -> Value {
    json!({
        "id": o.id, "kind": o.kind, "name": o.name, "other_names": o.other_names, "short_name": o.short_name,
        "credit_code": o.credit_code, "city": o.city, "district": o.district, "address": o.address,
        "website": o.website, "intro": o.intro, "segments": o.segments, "is_fictional": o.is_fictional,
    })
}

/// A membership as JSON; the contact's name and phone are masked.
pub fn membership_json(m: &Membership) -> Value {
    json!({
        "id": m.id, "org_id": m.org_id, "status": m.status, "requested_tier": m.requested_tier, "tier": m.tier,
        "contact_name": PersonName::parse(&m.contact_name).map(|p| p.masked()).unwrap_or_default(),
        "contact_phone": Mobile::parse(&m.contact_phone).map(|p| p.masked()).unwrap_or_default(),
        "contact_email": m.contact_email, "statement": m.statement,
        "applied_at": m.applied_at.rfc3339_cst(), "decided_at": m.decided_at.map(|t| t.rfc3339_cst()),
        "decision_reason": m.decision_reason, "joined_at": m.joined_at.map(|t| t.rfc3339_cst()),
        "ended_at": m.ended_at.map(|t| t.rfc3339_cst()), "end_reason": m.end_reason,
    })
}

fn view_json(v: &MembershipView) -> Value {
    json!({"membership": membership_json(&v.membership), "organization": org_json(&v.org)})
}

/// `GET /api/v1/members`.
pub async fn roster(
    State(state): State<AppState>,
    Query(q): Query<RosterQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, members::MAX_PAGE);
    let (entries, total) = members::roster(&state.app, &filter, page, per_page).await?;
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut v = org_json(&e.org);
            v["tier"] = json!(e.tier);
            v["membership_id"] = json!(e.membership_id);
            v["joined_at"] = json!(e.joined_at.map(|t| t.rfc3339_cst()));
            v
        })
        .collect();
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}

/// `GET /api/v1/segments`.
pub async fn segments(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let list = members::segments(&state.app).await?;
    Ok(Json(json!({"items": list})))
}

/// `GET /api/v1/organizations/{id}`.
pub async fn profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let p = members::profile(&state.app, &ctx.actor, org).await?;
    let mut v = org_json(&p.org);
    v["membership"] = p
        .membership
        .as_ref()
        .map(|m| json!({"status": m.status, "tier": m.tier}))
        .unwrap_or(Value::Null);
    v["editable"] = json!(p.editable);
    Ok(Json(v))
}

/// Body of `PUT /api/v1/organizations/{id}` and the unit part of an application.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    other_names: Vec<String>,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    credit_code: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    intro: String,
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

fn profile_properties() -> Value {
    json!({
        "kind": {"type": "string", "enum": ["technical_college", "vocational_school", "enterprise", "association", "research_institute", "government_agency"]},
        "name": {"type": "string", "minLength": 2, "maxLength": 100},
        "other_names": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
        "short_name": {"type": "string", "maxLength": 30},
        "credit_code": {"type": "string", "description": "unified social credit code, GB 32100 check character"},
        "city": {"type": "string", "minLength": 2, "maxLength": 20},
        "district": {"type": "string", "maxLength": 20},
        "address": {"type": "string", "maxLength": 200},
        "website": {"type": "string", "description": "http:// or https://"},
        "intro": {"type": "string", "maxLength": 2000},
        "segments": {"type": "array", "items": {"type": "string"}, "description": "codes from /api/v1/segments"}
    })
}

/// Schema of the profile body.
pub fn profile_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["kind", "name", "credit_code", "city"], "properties": profile_properties()})
}

/// `PUT /api/v1/organizations/{id}`.
pub async fn update_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(org): Path<String>,
    Body(body): Body<ProfileBody>,
) -> Result<Json<Value>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let saved = members::update_profile(&state.app, &ctx.actor, org, &body.input()).await?;
    Ok(Json(org_json(&saved)))
}

/// Body of `POST /api/v1/applications`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationBody {
    organization: ProfileBody,
    #[serde(default)]
    requested_tier: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    statement: String,
}

/// Schema of the application body.
pub fn application_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["organization", "requested_tier", "contact_name", "contact_phone"],
    "properties": {
        "organization": profile_schema(),
        "requested_tier": {"type": "string", "enum": ["vice_chair", "standing_council", "council", "member"]},
        "contact_name": {"type": "string"},
        "contact_phone": {"type": "string", "description": "mainland mobile number"},
        "contact_email": {"type": "string"},
        "statement": {"type": "string", "maxLength": 2000}
    }})
}

/// `POST /api/v1/applications`: field errors name the organisation's fields without a prefix.
pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<ApplicationBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
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
        Json(json!({"id": m.id, "org_id": m.org_id, "status": m.status})),
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
) -> Result<Json<Value>, ApiError> {
    let status = if q.status.is_empty() {
        MembershipStatus::Applied
    } else {
        MembershipStatus::parse(&q.status)
            .map_err(|p| ApiError::new(ctx.lang, gongjiang_app::Error::field("status", p)))?
    };
    let list = members::memberships_in(&state.app, &ctx.actor, status).await?;
    Ok(Json(
        json!({"items": list.iter().map(view_json).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/v1/memberships/{id}`.
pub async fn membership(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mid = id(&ctx, &mid, "membership")?;
    let v = members::membership(&state.app, &ctx.actor, mid).await?;
    Ok(Json(view_json(&v)))
}

/// Body of a decision.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    action: String,
    #[serde(default)]
    tier: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
}

/// Schema of the decision body.
pub fn decision_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["action"], "properties": {
        "action": {"type": "string", "enum": ["approve", "reject", "suspend", "reinstate", "end", "change_tier"]},
        "tier": {"type": "string", "enum": ["chair", "vice_chair", "standing_council", "council", "member"], "description": "with approve and change_tier"},
        "note": {"type": "string", "description": "optional, with approve"},
        "reason": {"type": "string", "description": "required with reject, suspend and end"}
    }})
}

/// `POST /api/v1/memberships/{id}/decision`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
    Body(body): Body<DecisionBody>,
) -> Result<Json<Value>, ApiError> {
    let mid = id(&ctx, &mid, "membership")?;
    let decision = decision_from(&body.action, body.tier, body.note, body.reason)?;
    let m = members::decide(&state.app, &ctx.actor, mid, &decision).await?;
    Ok(Json(membership_json(&m)))
}

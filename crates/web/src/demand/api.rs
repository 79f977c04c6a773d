//! Demand's JSON API: talent demand and the enterprises' product and technical-need lists.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, fields, id, invalid, text};
use crate::state::AppState;
use crate::supply::api::{OrgQuery, org_filter};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::demand;
use gongjiang_domain::Problem;
use gongjiang_domain::demand::{DemandInput, DemandKind, DemandStatus};
use gongjiang_domain::ids::OrgId;
use serde::Deserialize;
use serde_json::{Map, Value, json};

const DEMAND_FIELDS: &[&str] = &[
    "post_name",
    "kind",
    "occupation_code",
    "segment_code",
    "min_level",
    "headcount",
    "city",
    "wage_min",
    "wage_max",
    "start_on",
    "end_on",
    "night_shift",
    "requirements",
    "status",
];

fn demand_input(m: &Map<String, Value>) -> DemandInput {
    DemandInput {
        post_name: text(m, "post_name"),
        kind: text(m, "kind"),
        occupation_code: text(m, "occupation_code"),
        segment_code: text(m, "segment_code"),
        min_level: text(m, "min_level"),
        headcount: text(m, "headcount"),
        city: text(m, "city"),
        wage_min: text(m, "wage_min"),
        wage_max: text(m, "wage_max"),
        start_on: text(m, "start_on"),
        end_on: text(m, "end_on"),
        night_shift: text(m, "night_shift"),
        requirements: text(m, "requirements"),
        status: text(m, "status"),
    }
}

/// Schema of a demand body.
pub fn demand_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["post_name", "kind", "min_level", "headcount", "city", "start_on"],
    "properties": {
        "post_name": {"type": "string", "maxLength": 60},
        "kind": {"type": "string", "enum": DemandKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
        "occupation_code": {"type": "string", "description": "from /api/v1/catalogues"},
        "segment_code": {"type": "string"},
        "min_level": {"type": "string", "description": "skill level code from /api/v1/catalogues"},
        "headcount": {"type": "integer", "minimum": 1, "maximum": 10000},
        "city": {"type": "string"},
        "wage_min": {"type": "integer", "description": "monthly, yuan"},
        "wage_max": {"type": "integer", "description": "monthly, yuan"},
        "start_on": {"type": "string", "format": "date"},
        "end_on": {"type": "string", "format": "date"},
        "night_shift": {"type": "boolean"},
        "requirements": {"type": "string", "maxLength": 2000},
        "status": {"type": "string", "enum": DemandStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()}
    }})
}

fn demand_json(d: &gongjiang_domain::demand::Demand) -> Value {
    let mut v = serde_json::to_value(d).unwrap_or(json!({}));
    v["wage_min"] = json!(d.wage_min_fen.map(|f| f / 100));
    v["wage_max"] = json!(d.wage_max_fen.map(|f| f / 100));
    v
}

/// Query of demand lists.
#[derive(Deserialize, Default)]
pub struct DemandQuery {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    min_level: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/demands`.
pub async fn demands(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemandQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = ctx.lang;
    let filter = gongjiang_app::demand::Filter {
        org_id: if q.org_id.is_empty() {
            None
        } else {
            Some(
                q.org_id
                    .parse::<OrgId>()
                    .map_err(|_| invalid(lang, "org_id", Problem::InvalidFormat))?,
            )
        },
        status: if q.status.is_empty() {
            None
        } else {
            Some(DemandStatus::parse(&q.status).map_err(|p| invalid(lang, "status", p))?)
        },
        kind: if q.kind.is_empty() {
            None
        } else {
            Some(DemandKind::parse(&q.kind).map_err(|p| invalid(lang, "kind", p))?)
        },
        segment: (!q.segment.is_empty()).then(|| q.segment.clone()),
        occupation: (!q.occupation.is_empty()).then(|| q.occupation.clone()),
        city: (!q.city.is_empty()).then(|| q.city.clone()),
        min_level: (!q.min_level.is_empty()).then(|| q.min_level.clone()),
        public_only_except: None,
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, demand::MAX_PAGE);
    let (items, total) = demand::list(&state.app, &ctx.actor, filter, page, per_page).await?;
    Ok(Json(
        json!({"items": items.iter().map(demand_json).collect::<Vec<_>>(), "total": total, "page": page, "per_page": per_page}),
    ))
}

/// `GET /api/v1/demands/{id}`.
pub async fn demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let d = demand::get(&state.app, &ctx.actor, did).await?;
    Ok(Json(demand_json(&d)))
}

/// `POST /api/v1/demands`.
pub async fn create_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, DEMAND_FIELDS)?;
    let d = demand::save(&state.app, &ctx.actor, None, &demand_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(demand_json(&d))))
}

/// `PUT /api/v1/demands/{id}`.
pub async fn update_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let m = fields(ctx.lang, body, DEMAND_FIELDS)?;
    let d = demand::save(&state.app, &ctx.actor, Some(did), &demand_input(&m)).await?;
    Ok(Json(demand_json(&d)))
}

/// Query of an enterprise list.
#[derive(Deserialize, Default)]
pub struct ItemQuery {
    #[serde(default)]
    list: String,
    #[serde(default)]
    org_id: String,
}

/// `GET /api/v1/enterprise-items?list=products|technical_needs[&org_id=]`.
pub async fn items(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ItemQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = ctx.lang;
    let list =
        gongjiang_domain::demand::ItemList::parse(&q.list).map_err(|p| invalid(lang, "list", p))?;
    let org = org_filter(
        &ctx,
        &OrgQuery {
            org_id: q.org_id.clone(),
        },
    )?;
    let items = demand::items(&state.app, list, org).await?;
    Ok(Json(json!({"items": items})))
}

/// Body of a list item.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    list: String,
    title: String,
    #[serde(default)]
    segment_code: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
}

impl ItemBody {
    fn input(self) -> gongjiang_domain::demand::ItemInput {
        gongjiang_domain::demand::ItemInput {
            list: self.list,
            title: self.title,
            segment_code: self.segment_code,
            description: self.description,
            status: self.status,
        }
    }
}

/// Schema of a list item.
pub fn item_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["list", "title"],
        "properties": {"list": {"type": "string", "enum": ["products", "technical_needs"]}, "title": {"type": "string"},
            "segment_code": {"type": "string"}, "description": {"type": "string"}, "status": {"type": "string", "enum": ["open", "closed"]}}})
}

/// `POST /api/v1/enterprise-items`.
pub async fn create_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<ItemBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let item = demand::save_item(&state.app, &ctx.actor, None, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(json!(item))))
}

/// `PUT /api/v1/enterprise-items/{id}`.
pub async fn update_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(iid): Path<String>,
    Body(body): Body<ItemBody>,
) -> Result<Json<Value>, ApiError> {
    let iid = id(&ctx, &iid, "item")?;
    let item = demand::save_item(&state.app, &ctx.actor, Some(iid), &body.input()).await?;
    Ok(Json(json!(item)))
}

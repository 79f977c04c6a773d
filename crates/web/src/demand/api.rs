//! Demand's JSON API: talent demand and the enterprises' product and technical-need lists.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, Items, Loose, Page, id, invalid};
use crate::state::AppState;
use crate::supply::api::{OrgQuery, org_filter};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::demand;
use gongjiang_domain::Problem;
use gongjiang_domain::demand::{Demand, DemandInput, DemandKind, DemandStatus, EnterpriseItem};
use gongjiang_domain::ids::OrgId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Body of a talent demand. Numbers and yes/no may be written as JSON
/// numbers and booleans or as text; `DemandInput` checks every field with
/// the rules the form and the import use.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct DemandBody {
    /// The post, at most 60 characters (required).
    post_name: Loose,
    /// What kind of demand (required).
    #[schemars(with = "DemandKind")]
    kind: Loose,
    /// An occupation code from `/api/v1/catalogues`.
    occupation_code: Loose,
    /// A segment code of the industry chain.
    segment_code: Loose,
    /// The lowest skill level accepted, a code from `/api/v1/catalogues` (required).
    min_level: Loose,
    /// How many people, 1 to 10000 (required).
    headcount: Loose,
    /// Where the post is (required).
    city: Loose,
    /// Lowest monthly wage, yuan.
    wage_min: Loose,
    /// Highest monthly wage, yuan.
    wage_max: Loose,
    /// First day, `YYYY-MM-DD` (required).
    start_on: Loose,
    /// Last day, `YYYY-MM-DD`.
    end_on: Loose,
    /// Night shifts (`true`/`false`).
    night_shift: Loose,
    /// What the post asks, at most 2000 characters.
    requirements: Loose,
    /// Its status (default `draft`).
    #[schemars(with = "Option<DemandStatus>")]
    status: Loose,
}

impl DemandBody {
    fn input(self) -> DemandInput {
        DemandInput {
            post_name: self.post_name.into(),
            kind: self.kind.into(),
            occupation_code: self.occupation_code.into(),
            segment_code: self.segment_code.into(),
            min_level: self.min_level.into(),
            headcount: self.headcount.into(),
            city: self.city.into(),
            wage_min: self.wage_min.into(),
            wage_max: self.wage_max.into(),
            start_on: self.start_on.into(),
            end_on: self.end_on.into(),
            night_shift: self.night_shift.into(),
            requirements: self.requirements.into(),
            status: self.status.into(),
        }
    }
}

/// A demand as the API shows it: wages in yuan beside the stored fen.
#[derive(Serialize, JsonSchema)]
pub struct DemandView {
    #[serde(flatten)]
    demand: Demand,
    /// Lowest monthly wage, yuan.
    wage_min: Option<i64>,
    /// Highest monthly wage, yuan.
    wage_max: Option<i64>,
}

fn demand_view(d: Demand) -> DemandView {
    DemandView {
        wage_min: d.wage_min_fen.map(|f| f / 100),
        wage_max: d.wage_max_fen.map(|f| f / 100),
        demand: d,
    }
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
    /// Part of the enterprise's name, short name, pinyin or initials.
    #[serde(default)]
    enterprise_q: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/demands`.
pub async fn demands(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemandQuery>,
) -> Result<Json<Page<DemandView>>, ApiError> {
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
        enterprise_search: {
            let s = gongjiang_search::normalize_query(&q.enterprise_q);
            if s.chars().count() > 50 {
                return Err(invalid(lang, "enterprise_q", Problem::TooLong { max: 50 }));
            }
            (!s.is_empty()).then_some(s)
        },
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, demand::MAX_PAGE);
    let (items, total) = demand::list(&state.app, &ctx.actor, filter, page, per_page).await?;
    Ok(Json(Page {
        items: items.into_iter().map(demand_view).collect(),
        total: total as u64,
        page: page as u64,
        per_page: per_page as u64,
    }))
}

/// `GET /api/v1/demands/{id}`.
pub async fn demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
) -> Result<Json<DemandView>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let d = demand::get(&state.app, &ctx.actor, did).await?;
    Ok(Json(demand_view(d)))
}

/// `POST /api/v1/demands`.
pub async fn create_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<DemandBody>,
) -> Result<(StatusCode, Json<DemandView>), ApiError> {
    let d = demand::save(&state.app, &ctx.actor, None, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(demand_view(d))))
}

/// `PUT /api/v1/demands/{id}`.
pub async fn update_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
    Body(body): Body<DemandBody>,
) -> Result<Json<DemandView>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let d = demand::save(&state.app, &ctx.actor, Some(did), &body.input()).await?;
    Ok(Json(demand_view(d)))
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
) -> Result<Json<Items<EnterpriseItem>>, ApiError> {
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
    Ok(Json(Items::of(items)))
}

/// Body of a list item.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// Which list.
    #[schemars(with = "gongjiang_domain::demand::ItemList")]
    list: String,
    /// Its title.
    title: String,
    /// A segment code of the industry chain.
    #[serde(default)]
    segment_code: String,
    /// What it is.
    #[serde(default)]
    description: String,
    /// `open` (default) or `closed`.
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

/// `POST /api/v1/enterprise-items`.
pub async fn create_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<ItemBody>,
) -> Result<(StatusCode, Json<EnterpriseItem>), ApiError> {
    let item = demand::save_item(&state.app, &ctx.actor, None, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// `PUT /api/v1/enterprise-items/{id}`.
pub async fn update_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(iid): Path<String>,
    Body(body): Body<ItemBody>,
) -> Result<Json<EnterpriseItem>, ApiError> {
    let iid = id(&ctx, &iid, "item")?;
    let item = demand::save_item(&state.app, &ctx.actor, Some(iid), &body.input()).await?;
    Ok(Json(item))
}

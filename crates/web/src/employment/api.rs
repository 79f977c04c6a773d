//! Employment in the API: records and follow-ups for schools and employers,
//! reminders, the talent funnel, and the trainee's own path and data export.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::employment::{self, ManualInput};
use gongjiang_domain::employment::{EmploymentInput, FunnelBy, OutcomeInput};
use serde::Deserialize;
use serde_json::{Value, json};

/// Body of a job: entered by hand (`trainee_id` or `id_number`, employer,
/// post) or confirming a placement (start and wage; the rest comes from it).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct JobBody {
    trainee_id: String,
    id_number: String,
    employer_org_id: String,
    post: String,
    start_on: String,
    wage: Option<i64>,
}

impl JobBody {
    fn job(&self) -> EmploymentInput {
        EmploymentInput {
            employer_org_id: self.employer_org_id.clone(),
            post: self.post.clone(),
            start_on: self.start_on.clone(),
            wage: self.wage.map(|w| w.to_string()).unwrap_or_default(),
        }
    }
}

/// Schema of a job body.
pub fn job_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["start_on", "wage"],
        "properties": {
            "trainee_id": {"type": "string", "description": "a trainee of my school (schools)"},
            "id_number": {"type": "string", "description": "the employee's ID number (employers)"},
            "employer_org_id": {"type": "string", "description": "an enterprise (schools; employers may omit it)"},
            "post": {"type": "string"}, "start_on": {"type": "string", "format": "date"},
            "wage": {"type": "integer", "minimum": 1, "description": "monthly, yuan"}}})
}

/// Body of a follow-up.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    months: i64,
    still_employed: bool,
    #[serde(default)]
    wage: Option<i64>,
    #[serde(default)]
    note: String,
}

/// Schema of a follow-up body.
pub fn outcome_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["months", "still_employed"],
        "properties": {"months": {"type": "integer", "enum": [6, 12]}, "still_employed": {"type": "boolean"},
            "wage": {"type": "integer", "minimum": 1, "description": "monthly, yuan; required while still employed"},
            "note": {"type": "string"}}})
}

/// `GET /api/v1/employment`: my unit's records and unconfirmed placements.
pub async fn overview(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let o = employment::overview(&state.app, &ctx.actor).await?;
    Ok(Json(json!(o)))
}

/// `POST /api/v1/employment`: a job entered by hand.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<JobBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = ManualInput {
        trainee_id: body.trainee_id.clone(),
        id_number: body.id_number.clone(),
        job: body.job(),
    };
    let r = employment::record_by_hand(&state.app, &ctx.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(r))))
}

/// `POST /api/v1/placements/{id}/employment`: confirm a placement as a job.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(pid): Path<String>,
    Body(body): Body<JobBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let pid = id(&ctx, &pid, "placement")?;
    let r = employment::confirm_placement(&state.app, &ctx.actor, pid, &body.job()).await?;
    Ok((StatusCode::CREATED, Json(json!(r))))
}

/// `GET /api/v1/employment/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(rid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let rid = id(&ctx, &rid, "employment record")?;
    let r = employment::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(json!(r)))
}

/// `POST /api/v1/employment/{id}/outcomes`: the 6- or 12-month follow-up.
pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(rid): Path<String>,
    Body(body): Body<OutcomeBody>,
) -> Result<Json<Value>, ApiError> {
    let rid = id(&ctx, &rid, "employment record")?;
    let input = OutcomeInput {
        months: body.months.to_string(),
        still_employed: if body.still_employed { "yes" } else { "no" }.into(),
        wage: body.wage.map(|w| w.to_string()).unwrap_or_default(),
        note: body.note,
    };
    let r = employment::record_outcome(&state.app, &ctx.actor, rid, &input).await?;
    Ok(Json(json!(r)))
}

/// `GET /api/v1/employment/reminders`: follow-ups due for my unit.
pub async fn reminders(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let items = employment::reminders(&state.app, &ctx.actor).await?;
    Ok(Json(json!({"items": items})))
}

/// Query of the funnel.
#[derive(Deserialize, Default)]
pub struct FunnelQuery {
    #[serde(default)]
    by: String,
}

/// The grouping asked for (cohort by default); a wrong one names the field.
pub fn funnel_by(text: &str) -> Result<FunnelBy, gongjiang_app::Error> {
    if text.trim().is_empty() {
        return Ok(FunnelBy::Cohort);
    }
    FunnelBy::parse(text).map_err(|p| gongjiang_app::Error::field("by", p))
}

/// `GET /api/v1/funnel?by=cohort|major|enterprise`.
pub async fn funnel(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FunnelQuery>,
) -> Result<Json<Value>, ApiError> {
    let by = funnel_by(&q.by)?;
    let f = employment::funnel(&state.app, &ctx.actor, by).await?;
    Ok(Json(json!(f)))
}

/// `GET /api/v1/me/record`: my path so far.
pub async fn my_record(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let p = employment::my_path(&state.app, &ctx.actor).await?;
    Ok(Json(path_json(ctx.lang, &p)))
}

/// The trainee's path for the API: headings and labels in words, each fact
/// named by its field; a stored choice keeps its code in `value` and its word
/// in `value_label` (no interface keys in the answer).
fn path_json(lang: crate::i18n::Lang, p: &employment::TraineePath) -> Value {
    let mut out = json!(p);
    out["sections"] = Value::Array(
        p.sections
            .iter()
            .map(|s| {
                json!({
                    "key": s.key,
                    "heading": crate::i18n::tr(lang, s.key),
                    "items": s.items.iter().map(|i| json!({
                        "title": i.title,
                        "href": i.href,
                        "facts": i.facts.iter().map(|f| {
                            let mut fact = json!({
                                "field": f.label.rsplit('.').next().unwrap_or(f.label),
                                "label": crate::i18n::tr(lang, f.label),
                                "value": f.value,
                            });
                            if let Some(group) = f.choice {
                                fact["value_label"] = json!(crate::i18n::choice(lang, group, &f.value));
                            }
                            fact
                        }).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    out
}

/// A personal-data export as a JSON download.
pub fn json_download(file_name: &str, data: &Value) -> Response {
    let body = serde_json::to_vec_pretty(data).unwrap_or_default();
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                gongjiang_sheets::content_disposition(file_name),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /api/v1/me/record/export`: everything held about me, identifiers in full (audited).
pub async fn export_mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    let d = employment::export_mine(&state.app, &ctx.actor, "json").await?;
    Ok(json_download("个人数据.json", &d.data))
}

/// `GET /api/v1/trainees/{id}/record/export`: a trainee's data for their school, masked (audited).
pub async fn export_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
) -> Result<Response, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let d = employment::export_for_school(&state.app, &ctx.actor, tid, "json").await?;
    Ok(json_download("学员个人数据.json", &d.data))
}

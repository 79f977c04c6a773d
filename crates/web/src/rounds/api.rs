//! Placement rounds in the API: rounds and their steps, preferences,
//! rankings, the review, results with their explanations, exports, notices,
//! staff counts and trainee accounts.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::json::{Body, id};
use crate::rounds::pages::{explanation_lines, explanation_summary, notice_line};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::rounds::{self, RankingInput, RoundView};
use gongjiang_app::{Error, imports::Refusal};
use gongjiang_domain::Problem;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use gongjiang_domain::rounds::{Round, RoundInput, RoundKind, WeightsInput};
use serde::Deserialize;
use serde_json::{Value, json};

fn round_json(r: &Round) -> Value {
    let ts = |t: Option<gongjiang_domain::Timestamp>| t.map(|t| t.rfc3339_cst());
    json!({
        "id": r.id, "name": r.name, "kind": r.kind.as_str(), "status": r.status.as_str(),
        "max_choices": r.max_choices,
        "preference_deadline": r.preference_deadline.rfc3339_cst(),
        "ranking_deadline": r.ranking_deadline.rfc3339_cst(),
        "seed": r.seed, "created_by": r.created_by, "created_at": r.created_at.rfc3339_cst(),
        "opened_at": ts(r.opened_at), "closed_at": ts(r.closed_at), "solved_at": ts(r.solved_at),
        "published_at": ts(r.published_at),
    })
}

fn view_json(v: &RoundView) -> Value {
    let mut out = round_json(&v.round);
    out["places"] = json!(v.places);
    out["cohort_ids"] = json!(v.cohort_ids);
    out["school_ids"] = json!(v.school_ids);
    out["participants"] = json!(v.participants);
    out["applicants"] = json!(v.applicants);
    out
}

fn round_id(ctx: &Ctx, text: &str) -> Result<RoundId, ApiError> {
    id(ctx, text, "round")
}

/// Body of a round.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    max_choices: Option<i64>,
    #[serde(default)]
    preference_deadline: String,
    #[serde(default)]
    ranking_deadline: String,
    #[serde(default)]
    demand_ids: Vec<String>,
    #[serde(default)]
    cohort_ids: Vec<String>,
    #[serde(default)]
    school_ids: Vec<String>,
}

impl RoundBody {
    fn input(self) -> RoundInput {
        RoundInput {
            name: self.name,
            kind: self.kind,
            max_choices: self.max_choices.map(|n| n.to_string()).unwrap_or_default(),
            preference_deadline: self.preference_deadline,
            ranking_deadline: self.ranking_deadline,
            demand_ids: self.demand_ids,
            cohort_ids: self.cohort_ids,
            school_ids: self.school_ids,
        }
    }
}

/// Schema of a round body.
pub fn round_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
    "required": ["name", "kind", "max_choices", "preference_deadline", "ranking_deadline", "demand_ids"],
    "properties": {
        "name": {"type": "string", "maxLength": 60},
        "kind": {"type": "string", "enum": RoundKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
        "max_choices": {"type": "integer", "minimum": 1, "maximum": gongjiang_domain::rounds::MAX_CHOICES_LIMIT},
        "preference_deadline": {"type": "string", "format": "date-time", "description": "RFC 3339, or `2027-01-15 18:00` in Beijing time"},
        "ranking_deadline": {"type": "string", "format": "date-time", "description": "not before the preference deadline"},
        "demand_ids": {"type": "array", "items": {"type": "string"}, "description": "open demands of the round's kind; each headcount becomes the place's seats"},
        "cohort_ids": {"type": "array", "items": {"type": "string"}, "description": "cohorts whose trainees take part"},
        "school_ids": {"type": "array", "items": {"type": "string"}, "description": "schools all of whose trainees take part"}
    }})
}

/// `GET /api/v1/rounds`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let list = rounds::list(&state.app, &ctx.actor).await?;
    let total = list.len();
    Ok(Json(
        json!({"items": list.iter().map(round_json).collect::<Vec<_>>(), "total": total, "page": 1, "per_page": total}),
    ))
}

/// `POST /api/v1/rounds`: a new draft round.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<RoundBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let r = rounds::create(&state.app, &ctx.actor, &body.input()).await?;
    let view = rounds::get(&state.app, &ctx.actor, r.id).await?;
    Ok((StatusCode::CREATED, Json(view_json(&view))))
}

/// `GET /api/v1/rounds/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let view = rounds::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(view_json(&view)))
}

/// `PUT /api/v1/rounds/{id}`: changes a draft.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
    Body(body): Body<RoundBody>,
) -> Result<Json<Value>, ApiError> {
    rounds::update(&state.app, &ctx.actor, rid, &body.input()).await?;
    let view = rounds::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(view_json(&view)))
}

/// `POST /api/v1/rounds/{id}/open`.
pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let r = rounds::open(&state.app, &ctx.actor, rid).await?;
    Ok(Json(round_json(&r)))
}

/// `POST /api/v1/rounds/{id}/close`: closes (recording the lottery seed) and solves.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Response, ApiError> {
    rounds::close(&state.app, &ctx.actor, rid).await?;
    solved(&state, &ctx, rid).await
}

async fn solved(state: &AppState, ctx: &Ctx, rid: RoundId) -> Result<Response, ApiError> {
    use gongjiang_app::jobs::{self, JobStatus};
    let job = rounds::solve_in_background(&state.app, &ctx.actor, rid).await?;
    let done = jobs::wait(
        &state.app,
        &ctx.actor,
        job,
        crate::rounds::pages::SOLVE_WAIT,
    )
    .await?;
    let view = rounds::get(&state.app, &ctx.actor, rid).await?;
    match done.status {
        JobStatus::Done => Ok(Json(json!({
            "round": round_json(&view.round),
            "review": done.outcome.get("review").cloned().unwrap_or(Value::Null),
            "job": done,
        }))
        .into_response()),
        // Still solving: 202 with the job to poll at /api/v1/jobs/{id}.
        JobStatus::Running => Ok((
            StatusCode::ACCEPTED,
            [(header::LOCATION, format!("/api/v1/jobs/{job}"))],
            Json(json!({"round": round_json(&view.round), "job": done})),
        )
            .into_response()),
        _ => Err(ApiError::from(Error::WrongState(
            done.outcome
                .get("error")
                .and_then(|v| v.as_str())
                .unwrap_or("solving failed")
                .to_string(),
        ))),
    }
}

/// `POST /api/v1/rounds/{id}/solve`: solves a closed round again (same seed, same result for the same inputs).
pub async fn solve(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Response, ApiError> {
    solved(&state, &ctx, rid).await
}

/// `GET /api/v1/rounds/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let r = rounds::review(&state.app, &ctx.actor, rid).await?;
    Ok(Json(json!(r)))
}

/// `POST /api/v1/rounds/{id}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let r = rounds::publish(&state.app, &ctx.actor, rid).await?;
    Ok(Json(round_json(&r)))
}

/// Query naming a trainee.
#[derive(Deserialize, Default)]
pub struct TraineeQuery {
    #[serde(default)]
    trainee_id: String,
}

fn trainee(ctx: &Ctx, text: &str) -> Result<Option<TraineeId>, ApiError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        text.trim().parse().map(Some).map_err(|_| {
            ApiError::new(ctx.lang, Error::field("trainee_id", Problem::InvalidFormat))
        })
    }
}

/// `GET /api/v1/rounds/{id}/preferences[?trainee_id=]`.
pub async fn preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Json<Value>, ApiError> {
    let t = trainee(&ctx, &q.trainee_id)?;
    let v = rounds::preferences(&state.app, &ctx.actor, rid, t).await?;
    Ok(Json(json!(v)))
}

/// Body of a preference list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferencesBody {
    #[serde(default)]
    trainee_id: String,
    demand_ids: Vec<String>,
}

/// Schema of a preference list.
pub fn preferences_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["demand_ids"],
    "properties": {
        "trainee_id": {"type": "string", "description": "for a teacher entering for a trainee of their school; a trainee leaves it out"},
        "demand_ids": {"type": "array", "items": {"type": "string"}, "description": "places of the round, first choice first; at most max_choices; [] withdraws"}
    }})
}

/// `PUT /api/v1/rounds/{id}/preferences`.
pub async fn set_preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
    Body(body): Body<PreferencesBody>,
) -> Result<Json<Value>, ApiError> {
    let t = trainee(&ctx, &body.trainee_id)?;
    let v = rounds::set_preferences(&state.app, &ctx.actor, rid, t, &body.demand_ids).await?;
    Ok(Json(json!(v)))
}

/// `GET /api/v1/rounds/{id}/participants`: the acting teacher's school's participants.
pub async fn participants(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let list = rounds::school_participants(&state.app, &ctx.actor, rid).await?;
    Ok(Json(json!({"items": list})))
}

fn place_ids(ctx: &Ctx, rid: &str, did: &str) -> Result<(RoundId, DemandId), ApiError> {
    Ok((round_id(ctx, rid)?, id(ctx, did, "place")?))
}

/// `GET /api/v1/rounds/{id}/places/{demand}/applicants`.
pub async fn applicants(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((rid, did)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (rid, did) = place_ids(&ctx, &rid, &did)?;
    let list = rounds::applicants(&state.app, &ctx.actor, rid, did).await?;
    Ok(Json(json!(list)))
}

/// Body of a ranking.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingBody {
    method: String,
    #[serde(default)]
    weights: Option<WeightsBody>,
    #[serde(default)]
    trainee_ids: Vec<String>,
}

/// Weights of a scoring rule.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WeightsBody {
    level: Option<i64>,
    order_class: Option<i64>,
    home_city: Option<i64>,
    major_fit: Option<i64>,
}

/// Schema of a ranking.
pub fn ranking_schema() -> Value {
    let weight = json!({"type": "integer", "minimum": 0, "maximum": 100});
    json!({"type": "object", "additionalProperties": false, "required": ["method"],
    "properties": {
        "method": {"type": "string", "enum": ["score", "order"]},
        "weights": {"type": "object", "additionalProperties": false, "description": "for `score`: points per fact; missing weights take their defaults",
            "properties": {"level": weight, "order_class": weight, "home_city": weight, "major_fit": weight}},
        "trainee_ids": {"type": "array", "items": {"type": "string"}, "description": "for `order`: applicants best first; those left out rank after, by lottery number"}
    }})
}

/// `PUT /api/v1/rounds/{id}/places/{demand}/ranking`.
pub async fn set_ranking(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((rid, did)): Path<(String, String)>,
    Body(body): Body<RankingBody>,
) -> Result<Json<Value>, ApiError> {
    let (rid, did) = place_ids(&ctx, &rid, &did)?;
    let text = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let input = match body.method.as_str() {
        "score" => {
            let w = body.weights.unwrap_or_default();
            RankingInput::Score(WeightsInput {
                level: text(w.level),
                order_class: text(w.order_class),
                home_city: text(w.home_city),
                major_fit: text(w.major_fit),
            })
        }
        "order" => RankingInput::Order(body.trainee_ids),
        _ => {
            return Err(ApiError::new(
                ctx.lang,
                Error::field("method", Problem::InvalidChoice),
            ));
        }
    };
    let v = rounds::set_ranking(&state.app, &ctx.actor, rid, did, &input).await?;
    Ok(Json(json!(v)))
}

/// `POST /api/v1/rounds/{id}/places/{demand}/order`: the order as a file (CSV
/// or `.xlsx` with the columns 排名 and 申请人编号); 422 lists every bad row.
pub async fn upload_order(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((rid, did)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Response> {
    let lang = ctx.lang;
    let (rid, did) = place_ids(&ctx, &rid, &did).map_err(IntoResponse::into_response)?;
    let refuse = |rows: Vec<Value>, code: &str, message: String| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"error": {"code": code, "message": message, "fields": [], "rows": rows}})),
        )
            .into_response()
    };
    let nothing = crate::i18n::tr(lang, "rounds.order_refused").to_string();
    let upload = crate::upload::read_upload(
        &body,
        crate::upload::name_for(&body),
        &rounds::ORDER_SHEET,
        lang,
    )
    .map_err(|message| refuse(Vec::new(), "bad_file", message))?;
    if !upload.cell_problems.is_empty() {
        let rows = upload
            .cell_problems
            .iter()
            .map(|(line, key, m)| json!({"line": line, "field": key, "code": "cell", "message": crate::i18n::tr_args(lang, "import.cell_problem", &[("column", crate::rounds::pages::order_column(lang, key).to_string()), ("message", m.clone())])}))
            .collect();
        return Err(refuse(rows, "invalid_rows", nothing));
    }
    match rounds::upload_order(&state.app, &ctx.actor, rid, did, &upload.rows).await {
        Ok(v) => Ok(Json(json!(v))),
        Err(Refusal::Rows(problems)) => {
            let rows = problems
                .iter()
                .map(|p| {
                    let code = serde_json::to_value(&p.error.problem)
                        .ok()
                        .and_then(|v| v.get("code").cloned())
                        .unwrap_or(json!("invalid"));
                    json!({"line": p.line, "field": p.error.field, "code": code,
                        "message": crate::i18n::labelled(lang, crate::rounds::pages::order_column(lang, &p.error.field), &p.error.problem)})
                })
                .collect();
            Err(refuse(rows, "invalid_rows", nothing))
        }
        Err(Refusal::Other(e)) => Err(ApiError::new(lang, e).into_response()),
    }
}

/// `GET /api/v1/rounds/{id}/result[?trainee_id=]`: a trainee's result with
/// the explanation as data and as sentences (`summary`, each line's `text`).
pub async fn result(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Json<Value>, ApiError> {
    let t = trainee(&ctx, &q.trainee_id)?;
    let r = rounds::result(&state.app, &ctx.actor, rid, t).await?;
    let texts = explanation_lines(ctx.lang, &r.explanation, &r.places);
    let mut lines = Vec::new();
    for (line, text) in r.explanation.lines.iter().zip(texts) {
        let mut v = json!(line);
        v["choice"] = json!(line.choice + 1);
        v["text"] = json!(text);
        lines.push(v);
    }
    Ok(Json(json!({
        "round_id": r.round_id, "trainee_id": r.trainee_id, "name": r.name,
        "assigned": r.explanation.assigned,
        "choice": r.explanation.choice.map(|c| c + 1),
        "lottery_number": r.explanation.lottery_number,
        "summary": explanation_summary(ctx.lang, &r.explanation, &r.places),
        "lines": lines,
        "places": r.places,
    })))
}

/// `GET /api/v1/rounds/{id}/admitted`: the acting enterprise's places (all for
/// the secretariat) with fill, cutoff and admitted trainees (masked).
pub async fn admitted(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let list = rounds::place_results(&state.app, &ctx.actor, rid).await?;
    Ok(Json(json!({"items": list})))
}

/// `GET /api/v1/rounds/{id}/school-results`: the acting school's trainees' results.
pub async fn school_results(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Value>, ApiError> {
    let list = rounds::school_results(&state.app, &ctx.actor, rid).await?;
    Ok(Json(json!({"items": list})))
}

fn text_download(name: &str, text: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                gongjiang_sheets::content_disposition(name),
            ),
        ],
        text,
    )
        .into_response()
}

/// `GET /api/v1/rounds/{id}/export/instance.hr1`: the instance the engine solved.
pub async fn export_instance(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Response, ApiError> {
    let e = rounds::export(&state.app, &ctx.actor, rid).await?;
    Ok(text_download(&format!("round-{rid}.hr1"), e.instance))
}

/// `GET /api/v1/rounds/{id}/export/assignment.txt`: the stable assignment (one line per trainee).
pub async fn export_assignment(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Response, ApiError> {
    let e = rounds::export(&state.app, &ctx.actor, rid).await?;
    Ok(text_download(
        &format!("round-{rid}-assignment.txt"),
        e.assignment,
    ))
}

/// `GET /api/v1/rounds/{id}/export/round.xlsx`: trainees (lists and results) and places, one sheet each.
pub async fn export_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Response, ApiError> {
    let e = rounds::export(&state.app, &ctx.actor, rid).await?;
    let bytes = gongjiang_sheets::export_xlsx_book(&[
        (&rounds::EXPORT_TRAINEES, e.trainee_rows),
        (&rounds::EXPORT_PLACES, e.place_rows),
    ])
    .map_err(|err| ApiError::new(ctx.lang, Error::Internal(err.to_string())))?;
    Ok(crate::lists::xlsx_download(
        &format!("匹配轮次-{rid}.xlsx"),
        bytes,
    ))
}

/// `GET /api/v1/notices`: what the actor should know about rounds (for a home page).
pub async fn notices(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let list = rounds::notices(&state.app, &ctx.actor).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|n| {
            let (href, text) = notice_line(ctx.lang, n);
            let mut v = json!(n);
            v["href"] = json!(href);
            v["text"] = json!(text);
            v
        })
        .collect();
    Ok(Json(json!({"items": items})))
}

/// Body of a staff count.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    staff_count: i64,
}

/// Schema of a staff count.
pub fn staffing_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["staff_count"],
        "properties": {"staff_count": {"type": "integer", "minimum": 1, "description": "in-service staff (在岗职工), for the intern caps (INT-08)"}}})
}

/// `PUT /api/v1/organizations/{id}/staffing`: an enterprise's in-service staff.
pub async fn org_staffing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(oid): Path<String>,
    Body(body): Body<StaffBody>,
) -> Result<Json<Value>, ApiError> {
    let oid = id(&ctx, &oid, "organization")?;
    let n =
        rounds::set_enterprise_staff(&state.app, &ctx.actor, oid, &body.staff_count.to_string())
            .await?;
    Ok(Json(json!({"staff_count": n})))
}

/// `PUT /api/v1/demands/{id}/staffing`: a post's in-service staff.
pub async fn demand_staffing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
    Body(body): Body<StaffBody>,
) -> Result<Json<Value>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let n =
        rounds::set_post_staff(&state.app, &ctx.actor, did, &body.staff_count.to_string()).await?;
    Ok(Json(json!({"staff_count": n})))
}

/// Body of a trainee-account link.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountBody {
    login: String,
}

/// Schema of a trainee-account link.
pub fn account_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["login"],
        "properties": {"login": {"type": "string", "description": "an account holding the trainee role at the trainee's school (invite one with role `trainee`)"}}})
}

/// `PUT /api/v1/trainees/{id}/account`: links a trainee account to the trainee record.
pub async fn link_account(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<AccountBody>,
) -> Result<StatusCode, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    rounds::link_account(&state.app, &ctx.actor, tid, &body.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

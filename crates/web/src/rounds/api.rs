//! Placement rounds in the API: rounds and their steps, preferences,
//! rankings, the review, results with their explanations, exports, notices,
//! staff counts and trainee accounts.

use crate::context::Ctx;
use crate::error::LabelFields;
use crate::error::{ApiError, ErrorBody};
use crate::forms::Id;
use crate::json::{Body, Items, Page, id};
use crate::rounds::pages::{explanation_lines, explanation_summary, notice_line};
use crate::state::AppState;
use crate::upload::ReportLine;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::rounds::{self, RankingInput, RoundView};
use gongjiang_app::{Error, imports::Refusal};
use gongjiang_domain::Problem;
use gongjiang_domain::ids::{CohortId, DemandId, OrgId, RoundId, TraineeId};
use gongjiang_domain::rounds::{Round, RoundInput, RoundKind, WeightsInput};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A round with its places and who takes part.
#[derive(Serialize, JsonSchema)]
pub struct RoundDetail {
    #[serde(flatten)]
    round: Round,
    places: Vec<rounds::PlaceView>,
    cohort_ids: Vec<CohortId>,
    school_ids: Vec<OrgId>,
    /// Trainees taking part.
    participants: usize,
    /// Trainees who entered preferences.
    applicants: usize,
}

fn view_json(v: RoundView) -> RoundDetail {
    RoundDetail {
        round: v.round,
        places: v.places,
        cohort_ids: v.cohort_ids,
        school_ids: v.school_ids,
        participants: v.participants,
        applicants: v.applicants,
    }
}

/// A round's solving: the round, the job, and (once done) the review.
#[derive(Serialize, JsonSchema)]
pub struct Solving {
    round: Round,
    /// The review of the run, once it is done.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<Value>,
    job: gongjiang_app::jobs::JobView,
}

/// A trainee's result: the explanation as data and as sentences.
#[derive(Serialize, JsonSchema)]
pub struct ResultView {
    round_id: RoundId,
    trainee_id: TraineeId,
    name: String,
    /// The place they got.
    assigned: Option<DemandId>,
    /// Its position in their list, from 1.
    choice: Option<usize>,
    lottery_number: u32,
    /// The explanation in one sentence.
    summary: String,
    /// Each place they listed above the one they got, then the one they got.
    lines: Vec<ResultLine>,
    places: Vec<rounds::PlaceView>,
}

/// One place of a trainee's list, and why, with its sentence.
#[derive(Serialize, JsonSchema)]
pub struct ResultLine {
    /// Where it stood in their list, from 1.
    choice: usize,
    demand_id: DemandId,
    #[serde(flatten)]
    why: rounds::Why,
    /// The reason as a sentence.
    text: String,
}

/// A notice with its link and sentence.
#[derive(Serialize, JsonSchema)]
pub struct NoticeView {
    #[serde(flatten)]
    notice: rounds::Notice,
    href: String,
    text: String,
}

/// A unit's or a post's in-service staff.
#[derive(Serialize, JsonSchema)]
pub struct StaffCount {
    staff_count: i64,
}

fn round_id(ctx: &Ctx, text: &str) -> Result<RoundId, ApiError> {
    id(ctx, text, "round")
}

/// Body of a round.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundBody {
    /// At most 60 characters (required).
    #[serde(default)]
    #[schemars(length(max = 60))]
    name: String,
    /// What it places for (required).
    #[serde(default)]
    #[schemars(with = "RoundKind")]
    kind: String,
    /// Places a trainee may list (required).
    #[serde(default)]
    #[schemars(range(min = 1, max = 10))]
    max_choices: Option<i64>,
    /// RFC 3339, or `2027-01-15 18:00` in Beijing time (required).
    #[serde(default)]
    preference_deadline: String,
    /// Not before the preference deadline (required).
    #[serde(default)]
    ranking_deadline: String,
    /// Open demands of the round's kind; each headcount becomes the place's seats.
    #[serde(default)]
    demand_ids: Vec<String>,
    /// Cohorts whose trainees take part.
    #[serde(default)]
    cohort_ids: Vec<String>,
    /// Schools all of whose trainees take part.
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

/// `GET /api/v1/rounds`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Page<Round>>, ApiError> {
    let list = rounds::list(&state.app, &ctx.actor).await?;
    let total = list.len() as u64;
    Ok(Json(Page {
        items: list,
        total,
        page: 1,
        per_page: total,
    }))
}

/// `POST /api/v1/rounds`: a new draft round.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<RoundBody>,
) -> Result<(StatusCode, Json<RoundDetail>), ApiError> {
    let r = rounds::create(&state.app, &ctx.actor, &body.input())
        .await
        .labels(crate::rounds::pages::ROUND_LABELS)?;
    let view = rounds::get(&state.app, &ctx.actor, r.id).await?;
    Ok((StatusCode::CREATED, Json(view_json(view))))
}

/// `GET /api/v1/rounds/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<RoundDetail>, ApiError> {
    let view = rounds::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(view_json(view)))
}

/// `PUT /api/v1/rounds/{id}`: changes a draft.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
    Body(body): Body<RoundBody>,
) -> Result<Json<RoundDetail>, ApiError> {
    rounds::update(&state.app, &ctx.actor, rid, &body.input())
        .await
        .labels(crate::rounds::pages::ROUND_LABELS)?;
    let view = rounds::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(view_json(view)))
}

/// `POST /api/v1/rounds/{id}/open`.
pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<RoundId>,
) -> Result<Json<Round>, ApiError> {
    let r = rounds::open(&state.app, &ctx.actor, rid).await?;
    Ok(Json(r))
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
        JobStatus::Done => Ok(Json(Solving {
            round: view.round,
            review: Some(done.outcome.get("review").cloned().unwrap_or(Value::Null)),
            job: done,
        })
        .into_response()),
        // Still solving: 202 with the job to poll at /api/v1/jobs/{id}.
        JobStatus::Running => Ok((
            StatusCode::ACCEPTED,
            [(header::LOCATION, format!("/api/v1/jobs/{job}"))],
            Json(Solving {
                round: view.round,
                review: None,
                job: done,
            }),
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
) -> Result<Json<Round>, ApiError> {
    let r = rounds::publish(&state.app, &ctx.actor, rid).await?;
    Ok(Json(r))
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
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesBody {
    /// For a teacher entering for a trainee of their school; a trainee leaves it out.
    #[serde(default)]
    trainee_id: String,
    /// Places of the round, first choice first; at most `max_choices`; `[]` withdraws.
    demand_ids: Vec<String>,
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

/// `GET /api/v1/rounds/{id}/places/{demand}/applicants/{trainee}`.
pub async fn applicant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((rid, did, tid)): Path<(String, String, String)>,
) -> Result<Json<gongjiang_app::rounds::ApplicantProfile>, ApiError> {
    let (rid, did) = place_ids(&ctx, &rid, &did)?;
    let tid = id(&ctx, &tid, "trainee")?;
    Ok(Json(
        rounds::applicant(&state.app, &ctx.actor, rid, did, tid).await?,
    ))
}

/// Body of a ranking.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingBody {
    /// `score` (by a scoring rule) or `order` (an order given).
    #[schemars(extend("enum" = ["score", "order"]))]
    method: String,
    /// For `score`: points per fact; missing weights take their defaults.
    #[serde(default)]
    weights: Option<WeightsBody>,
    /// For `order`: applicants best first; those left out rank after, by lottery number.
    #[serde(default)]
    trainee_ids: Vec<String>,
}

/// Weights of a scoring rule, each 0 to 100.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct WeightsBody {
    #[schemars(range(min = 0, max = 100))]
    level: Option<i64>,
    #[schemars(range(min = 0, max = 100))]
    order_class: Option<i64>,
    #[schemars(range(min = 0, max = 100))]
    home_city: Option<i64>,
    #[schemars(range(min = 0, max = 100))]
    major_fit: Option<i64>,
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
    let refuse = |rows: Vec<ReportLine>, code: &str, message: String| {
        ErrorBody::refuse_file(code, message, rows)
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
            .map(|(line, key, m)| {
                let column = crate::rounds::pages::order_column(lang, key).to_string();
                ReportLine {
                    line: *line,
                    field: key.clone(),
                    code: "cell".into(),
                    message: crate::i18n::tr_args(
                        lang,
                        "import.cell_problem",
                        &[("column", column.clone()), ("message", m.clone())],
                    ),
                    column,
                }
            })
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
                        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
                        .unwrap_or_else(|| "invalid".into());
                    let column = crate::rounds::pages::order_column(lang, &p.error.field);
                    ReportLine {
                        line: p.line,
                        field: p.error.field.clone(),
                        column: column.to_string(),
                        code,
                        message: crate::i18n::labelled(lang, column, &p.error.problem),
                    }
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
) -> Result<Json<ResultView>, ApiError> {
    let t = trainee(&ctx, &q.trainee_id)?;
    let r = rounds::result(&state.app, &ctx.actor, rid, t).await?;
    let texts = explanation_lines(ctx.lang, &r.explanation, &r.places);
    let lines = r
        .explanation
        .lines
        .iter()
        .zip(texts)
        .map(|(line, text)| ResultLine {
            choice: line.choice + 1,
            demand_id: line.demand_id,
            why: line.why.clone(),
            text,
        })
        .collect();
    Ok(Json(ResultView {
        round_id: r.round_id,
        trainee_id: r.trainee_id,
        name: r.name.clone(),
        assigned: r.explanation.assigned,
        choice: r.explanation.choice.map(|c| c + 1),
        lottery_number: r.explanation.lottery_number,
        summary: explanation_summary(ctx.lang, &r.explanation, &r.places),
        lines,
        places: r.places,
    }))
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
pub async fn notices(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<NoticeView>>, ApiError> {
    let list = rounds::notices(&state.app, &ctx.actor).await?;
    let items = list
        .into_iter()
        .map(|n| {
            let (href, text) = notice_line(ctx.lang, &n);
            NoticeView {
                notice: n,
                href: href.to_string(),
                text: text.to_string(),
            }
        })
        .collect();
    Ok(Json(Items::of(items)))
}

/// Body of a staff count.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    /// In-service staff (在岗职工), for the intern caps (INT-08).
    #[schemars(range(min = 1))]
    staff_count: i64,
}

/// `PUT /api/v1/organizations/{id}/staffing`: an enterprise's in-service staff.
pub async fn org_staffing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(oid): Path<String>,
    Body(body): Body<StaffBody>,
) -> Result<Json<StaffCount>, ApiError> {
    let oid = id(&ctx, &oid, "organization")?;
    let n =
        rounds::set_enterprise_staff(&state.app, &ctx.actor, oid, &body.staff_count.to_string())
            .await?;
    Ok(Json(StaffCount { staff_count: n }))
}

/// `PUT /api/v1/demands/{id}/staffing`: a post's in-service staff.
pub async fn demand_staffing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
    Body(body): Body<StaffBody>,
) -> Result<Json<StaffCount>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let n =
        rounds::set_post_staff(&state.app, &ctx.actor, did, &body.staff_count.to_string()).await?;
    Ok(Json(StaffCount { staff_count: n }))
}

/// Body of a trainee-account link.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountBody {
    /// An account holding the trainee role at the trainee's school (invite one
    /// with role `trainee`).
    login: String,
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

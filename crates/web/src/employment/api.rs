//! Employment in the API: records and follow-ups for schools and employers,
//! reminders, the talent funnel, and the trainee's own path and data export.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::error::LabelFields;
use crate::json::{Body, Items, Page, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::employment::{self, ManualInput};
use gongjiang_domain::employment::{EmploymentInput, FunnelBy, OutcomeInput};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Body of a job: entered by hand (`trainee_id` or `id_number`, employer,
/// post) or confirming a placement (start and wage; the rest comes from it).
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct JobBody {
    /// A trainee of my school (schools).
    trainee_id: String,
    /// The employee's ID number (employers).
    id_number: String,
    /// An enterprise (schools; employers may omit it).
    employer_org_id: String,
    /// The post.
    post: String,
    /// First day, `YYYY-MM-DD` (required).
    start_on: String,
    /// Monthly wage, yuan (required).
    #[schemars(range(min = 1))]
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

/// Body of a follow-up.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    /// 6 or 12.
    #[schemars(range(min = 6, max = 12))]
    months: i64,
    /// Still in the job.
    still_employed: bool,
    /// Monthly wage, yuan; required while still employed.
    #[serde(default)]
    #[schemars(range(min = 1))]
    wage: Option<i64>,
    /// A note.
    #[serde(default)]
    note: String,
}

/// `GET /api/v1/employment`: my unit's records and unconfirmed placements.
pub async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<employment::Overview>, ApiError> {
    let o = employment::overview(&state.app, &ctx.actor).await?;
    Ok(Json(o))
}

/// `POST /api/v1/employment`: a job entered by hand.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<JobBody>,
) -> Result<(StatusCode, Json<employment::RecordView>), ApiError> {
    let input = ManualInput {
        trainee_id: body.trainee_id.clone(),
        id_number: body.id_number.clone(),
        job: body.job(),
    };
    let r = employment::record_by_hand(&state.app, &ctx.actor, &input)
        .await
        .labels(crate::employment::pages::LABELS)?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// `POST /api/v1/placements/{id}/employment`: confirm a placement as a job.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(pid): Path<String>,
    Body(body): Body<JobBody>,
) -> Result<(StatusCode, Json<employment::RecordView>), ApiError> {
    let pid = id(&ctx, &pid, "placement")?;
    let r = employment::confirm_placement(&state.app, &ctx.actor, pid, &body.job()).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// `GET /api/v1/employment/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(rid): Path<String>,
) -> Result<Json<employment::RecordView>, ApiError> {
    let rid = id(&ctx, &rid, "employment record")?;
    let r = employment::get(&state.app, &ctx.actor, rid).await?;
    Ok(Json(r))
}

/// `POST /api/v1/employment/{id}/outcomes`: the 6- or 12-month follow-up.
pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(rid): Path<String>,
    Body(body): Body<OutcomeBody>,
) -> Result<Json<employment::RecordView>, ApiError> {
    let rid = id(&ctx, &rid, "employment record")?;
    let input = OutcomeInput {
        months: body.months.to_string(),
        still_employed: if body.still_employed { "yes" } else { "no" }.into(),
        wage: body.wage.map(|w| w.to_string()).unwrap_or_default(),
        note: body.note,
    };
    let r = employment::record_outcome(&state.app, &ctx.actor, rid, &input)
        .await
        .labels(crate::employment::pages::LABELS)?;
    Ok(Json(r))
}

/// `GET /api/v1/employment/reminders`: follow-ups due for my unit.
pub async fn reminders(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<employment::Reminder>>, ApiError> {
    let items = employment::reminders(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(items)))
}

/// Query of the funnel.
#[derive(Deserialize, Default)]
pub struct FunnelQuery {
    #[serde(default)]
    by: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The grouping asked for (none: the scope's default); a wrong one names the field.
pub fn funnel_by(text: &str) -> Result<Option<FunnelBy>, gongjiang_app::Error> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    FunnelBy::parse(text)
        .map(Some)
        .map_err(|p| gongjiang_app::Error::field("by", p))
}

/// The funnel in the API: the stages, one page of groups, the total over
/// every group, and when it was counted.
#[derive(Serialize, JsonSchema)]
pub struct FunnelAnswer {
    /// The grouping.
    by: FunnelBy,
    /// The stages, in order; each group's `counts` follow them.
    stages: Vec<gongjiang_domain::employment::Stage>,
    /// The school it is limited to (absent for the whole alliance).
    school: Option<gongjiang_domain::ids::OrgId>,
    /// The employer whose own hires it counts (absent otherwise): its first
    /// stage is the trainees who came to it, and internship, employment and
    /// retention are at it.
    employer: Option<gongjiang_domain::ids::OrgId>,
    /// Trainees who reached each stage, over every group.
    total: Vec<i64>,
    /// When these figures were counted (they follow a change within seconds).
    counted_at: gongjiang_domain::Timestamp,
    /// This page of groups, by name.
    groups: Page<employment::FunnelRow>,
}

/// `GET /api/v1/funnel?by=cohort|major|enterprise&page=…&per_page=…`.
pub async fn funnel(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FunnelQuery>,
) -> Result<Json<FunnelAnswer>, ApiError> {
    let by = funnel_by(&q.by)?;
    let counted = employment::funnel(&state.app, &ctx.actor, by).await?;
    let f = &counted.value;
    let ask = crate::lists::PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    Ok(Json(FunnelAnswer {
        by: f.by,
        stages: f.stages.clone(),
        school: f.school,
        employer: f.employer,
        total: f.total.clone(),
        counted_at: counted.counted_at,
        groups: Page {
            total: f.rows.len() as u64,
            page: ask.page as u64,
            per_page: ask.per_page as u64,
            items: f.rows[ask.window(f.rows.len())].to_vec(),
        },
    }))
}

/// `GET /api/v1/me/record`: my path so far.
pub async fn my_record(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<PathView>, ApiError> {
    let p = employment::my_path(&state.app, &ctx.actor).await?;
    Ok(Json(path_view(ctx.lang, p)))
}

/// The trainee's path for the API: headings and labels in words, each fact
/// named by its field; a stored choice keeps its code in `value` and its word
/// in `value_label` (no interface keys in the answer).
#[derive(Serialize, JsonSchema)]
pub struct PathView {
    #[serde(flatten)]
    path: employment::TraineePath,
    /// The sections, in the order of the path, worded.
    sections: Vec<PathSection>,
}

/// A section of the path: placements, internships, certificates, jobs…
#[derive(Serialize, JsonSchema)]
pub struct PathSection {
    /// A stable key for the section.
    key: &'static str,
    /// Its heading in the request's language.
    heading: String,
    items: Vec<PathItem>,
}

/// One entry of a section.
#[derive(Serialize, JsonSchema)]
pub struct PathItem {
    title: String,
    /// Its page, if it has one.
    href: Option<String>,
    facts: Vec<PathFact>,
}

/// One fact of an entry.
#[derive(Serialize, JsonSchema)]
pub struct PathFact {
    /// The fact's field name (`completed_on`).
    field: String,
    /// Its label in the request's language.
    label: String,
    /// Its value (a stored choice keeps its code).
    value: String,
    /// A stored choice's word.
    #[serde(skip_serializing_if = "Option::is_none")]
    value_label: Option<String>,
}

fn path_view(lang: crate::i18n::Lang, mut p: employment::TraineePath) -> PathView {
    let sections = std::mem::take(&mut p.sections)
        .into_iter()
        .map(|s| PathSection {
            key: s.key,
            heading: crate::i18n::tr(lang, s.key).to_string(),
            items: s
                .items
                .into_iter()
                .map(|i| PathItem {
                    title: i.title,
                    href: i.href,
                    facts: i
                        .facts
                        .into_iter()
                        .map(|f| PathFact {
                            field: f.label.rsplit('.').next().unwrap_or(f.label).to_string(),
                            label: crate::i18n::tr(lang, f.label).to_string(),
                            value_label: f.choice.map(|group| {
                                crate::i18n::choice(lang, group, &f.value).to_string()
                            }),
                            value: f.value,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    PathView { path: p, sections }
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

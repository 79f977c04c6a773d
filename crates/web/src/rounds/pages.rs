//! Placement round pages: the list, the secretariat's form, a round's page
//! (with what each role can do there), a trainee's preference form, an
//! enterprise's applicants and ranking, the review, and the results with
//! their explanations in plain words.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{Lang, tr, tr_args};
use crate::layout::{Layout, render, render_with};
use crate::lists::xlsx_download;
use crate::state::AppState;
use crate::supply::pages::Opt;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::policy::Permission;
use gongjiang_app::rounds::{
    self, ApplicantList, Explanation, Notice, PlaceView, RankingInput, Review, Why,
};
use gongjiang_app::{Actor, Error};
use gongjiang_domain::Lifecycle;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use gongjiang_domain::rounds::{
    CapNote, Round, RoundInput, RoundKind, RoundStatus, Violation, WeightsInput,
};

// ---------------------------------------------------------------- words

/// The name of a round's status.
pub fn status_label(lang: Lang, s: RoundStatus) -> &'static str {
    tr(lang, &format!("rounds.status.{}", s.as_str()))
}

/// The name of a round's kind.
pub fn kind_label(lang: Lang, k: RoundKind) -> &'static str {
    tr(lang, &format!("rounds.kind.{}", k.as_str()))
}

/// Why a trainee may not take a place, in words, with the rule's id.
pub fn violation_text(lang: Lang, v: &Violation) -> String {
    let text = match v {
        Violation::UnderAge { min_age, age } => tr_args(
            lang,
            "rounds.violation.under_age",
            &[("min_age", min_age.to_string()), ("age", age.to_string())],
        ),
        Violation::FirstYear => tr(lang, "rounds.violation.first_year").into(),
        Violation::NoCohort => tr(lang, "rounds.violation.no_cohort").into(),
        Violation::MajorUnrelated => tr(lang, "rounds.violation.major_unrelated").into(),
        Violation::NoOccupation => tr(lang, "rounds.violation.no_occupation").into(),
        Violation::NightShift => tr(lang, "rounds.violation.night_shift").into(),
        Violation::AlreadyInterning => tr(lang, "rounds.violation.already_interning").into(),
        Violation::OtherOrderClass => tr(lang, "rounds.violation.other_order_class").into(),
    };
    tr_args(
        lang,
        "rounds.violation",
        &[("text", text), ("rule", v.rule().to_string())],
    )
}

fn violations_text(lang: Lang, list: &[Violation]) -> String {
    list.iter()
        .map(|v| violation_text(lang, v))
        .collect::<Vec<_>>()
        .join(tr(lang, "sep.clause"))
}

/// Why a place has fewer seats than its headcount, in words.
pub fn cap_text(lang: Lang, n: &CapNote) -> String {
    match n {
        CapNote::HostStaffMissing => tr(lang, "rounds.cap.host_staff_missing").into(),
        CapNote::HostCap { room } => {
            tr_args(lang, "rounds.cap.host_cap", &[("room", room.to_string())])
        }
        CapNote::PostCap { room } => {
            tr_args(lang, "rounds.cap.post_cap", &[("room", room.to_string())])
        }
        CapNote::PostStaffMissing => tr(lang, "rounds.cap.post_staff_missing").into(),
    }
}

fn place_label(lang: Lang, p: Option<&PlaceView>) -> String {
    match p {
        Some(p) => tr_args(
            lang,
            "rounds.place",
            &[
                ("post", p.post_name.clone()),
                ("enterprise", p.enterprise.clone()),
            ],
        ),
        None => String::new(),
    }
}

fn choice_label(lang: Lang, choice: usize) -> String {
    crate::i18n::tr_args(
        lang,
        "rounds.pref.choice",
        &[("n", (choice + 1).to_string())],
    )
}

/// One sentence per place the trainee listed above the one they got (and
/// that one), saying why, in plain words.
pub fn explanation_lines(lang: Lang, e: &Explanation, places: &[PlaceView]) -> Vec<String> {
    e.lines
        .iter()
        .map(|line| {
            let place = place_label(lang, places.iter().find(|p| p.demand_id == line.demand_id));
            let which = choice_label(lang, line.choice);
            let scores = |score: &Option<i64>, cutoff: &Option<i64>| match (score, cutoff) {
                (Some(s), Some(c)) => tr_args(
                    lang,
                    "rounds.why.scores",
                    &[("cutoff", c.to_string()), ("score", s.to_string())],
                ),
                _ => String::new(),
            };
            let mut args = vec![("which", which), ("place", place)];
            let key = match &line.why {
                Why::Admitted {
                    rank, applicants, ..
                } => {
                    args.push(("rank", (rank + 1).to_string()));
                    args.push(("applicants", applicants.to_string()));
                    "rounds.why.admitted"
                }
                Why::Full {
                    rank,
                    score,
                    cutoff_rank,
                    cutoff_score,
                } => {
                    args.push(("cutoff_rank", (cutoff_rank + 1).to_string()));
                    args.push(("rank", (rank + 1).to_string()));
                    args.push(("scores", scores(score, cutoff_score)));
                    "rounds.why.full"
                }
                Why::NoSeats => "rounds.why.no_seats",
                Why::Ineligible { violations } => {
                    args.push(("violations", violations_text(lang, violations)));
                    "rounds.why.ineligible"
                }
                Why::SeatLeft { rank } => {
                    args.push(("rank", (rank + 1).to_string()));
                    "rounds.why.seat_left"
                }
                Why::AboveCutoff { rank, cutoff_rank } => {
                    args.push(("cutoff_rank", (cutoff_rank + 1).to_string()));
                    args.push(("rank", (rank + 1).to_string()));
                    "rounds.why.above_cutoff"
                }
            };
            tr_args(lang, key, &args)
        })
        .collect()
}

/// The one-line summary of a trainee's result.
pub fn explanation_summary(lang: Lang, e: &Explanation, places: &[PlaceView]) -> String {
    match (e.assigned, e.choice) {
        (Some(d), Some(c)) => {
            let place = place_label(lang, places.iter().find(|p| p.demand_id == d));
            tr_args(
                lang,
                "rounds.summary.placed",
                &[("which", choice_label(lang, c)), ("place", place)],
            )
        }
        _ => tr(lang, "rounds.summary.not_placed").into(),
    }
}

/// A home-page line about a round: (link, text).
pub fn notice_line(lang: Lang, n: &Notice) -> (String, String) {
    let when = |t: &str| t.get(..16).unwrap_or(t).replace('T', " ");
    match n {
        Notice::RankPlaces {
            round_id,
            round,
            deadline,
            submitted,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                if *submitted {
                    "rounds.notice.preferences_entered"
                } else {
                    "rounds.notice.preferences_open"
                },
                &[("round", round.clone()), ("deadline", when(deadline))],
            ),
        ),
        Notice::RankApplicants {
            round_id,
            round,
            deadline,
            applicants,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                "rounds.notice.rank_applicants",
                &[
                    ("round", round.clone()),
                    ("applicants", applicants.to_string()),
                    ("deadline", when(deadline)),
                ],
            ),
        ),
        Notice::Review {
            round_id,
            round,
            status,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                "rounds.notice.review",
                &[
                    ("round", round.clone()),
                    ("status", status_label(lang, *status).to_string()),
                ],
            ),
        ),
        Notice::Published {
            round_id,
            round,
            placed,
            count,
        } => match (placed, count) {
            (Some(placed), _) => (
                format!("/rounds/{round_id}/result"),
                tr_args(
                    lang,
                    if *placed {
                        "rounds.notice.placed"
                    } else {
                        "rounds.notice.not_placed"
                    },
                    &[("round", round.clone())],
                ),
            ),
            (None, count) => (
                format!("/rounds/{round_id}/results"),
                tr_args(
                    lang,
                    "rounds.notice.published",
                    &[
                        ("round", round.clone()),
                        ("count", count.unwrap_or(0).to_string()),
                    ],
                ),
            ),
        },
    }
}

// ---------------------------------------------------------------- helpers

fn round_id(lang: Lang, id: &str) -> Result<RoundId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("round")))
}

fn demand_id(lang: Lang, id: &str) -> Result<DemandId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("place")))
}

fn wage(p: &PlaceView) -> String {
    match (p.wage_min, p.wage_max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}+"),
        (None, Some(b)) => format!("≤{b}"),
        (None, None) => String::new(),
    }
}

fn when(t: gongjiang_domain::Timestamp) -> String {
    t.display_cst()
}

/// A place line for tables.
pub struct PlaceRow {
    id: String,
    post: String,
    org_id: String,
    enterprise: String,
    city: String,
    wage: String,
    occupation: String,
    level: String,
    capacity: i64,
    period: String,
    night_shift: bool,
    own: bool,
}

fn place_row(lang: Lang, p: &PlaceView, own: bool) -> PlaceRow {
    PlaceRow {
        id: p.demand_id.to_string(),
        post: p.post_name.clone(),
        org_id: p.org_id.to_string(),
        enterprise: p.enterprise.clone(),
        city: p.city.clone(),
        wage: wage(p),
        occupation: match &p.occupation_code {
            Some(code) => format!("{code} {}", p.occupation),
            None => String::new(),
        },
        level: crate::i18n::named(lang, &p.level_zh, &p.level_en).to_string(),
        capacity: p.capacity,
        period: match &p.end_on {
            Some(end) => format!("{} — {end}", p.start_on),
            None => p.start_on.clone(),
        },
        night_shift: p.night_shift,
        own,
    }
}

// ---------------------------------------------------------------- list

/// A round line.
pub struct RoundRow {
    id: String,
    name: String,
    kind: &'static str,
    status: &'static str,
    preference_deadline: String,
    ranking_deadline: String,
}

#[derive(Template)]
#[template(path = "rounds/rounds.html")]
struct RoundsPage {
    l: Layout,
    rows: Vec<RoundRow>,
    can_manage: bool,
}

/// `GET /rounds`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let rounds = rounds::list(&state.app, &ctx.actor).await?;
    render(
        lang,
        &RoundsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            rows: rounds
                .iter()
                .map(|r| RoundRow {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    kind: kind_label(lang, r.kind),
                    status: status_label(lang, r.status),
                    preference_deadline: when(r.preference_deadline),
                    ranking_deadline: when(r.ranking_deadline),
                })
                .collect(),
            can_manage: ctx.actor.may(Permission::ManageRounds),
        },
    )
}

// ---------------------------------------------------------------- form

/// A checkbox.
pub struct Check {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "rounds/round_form.html")]
struct RoundForm {
    l: Layout,
    action: String,
    title: &'static str,
    input: RoundInput,
    kinds: Vec<Opt>,
    demands: Vec<Check>,
    cohorts: Vec<Check>,
    schools: Vec<Check>,
    errors: FormErrors,
}

impl RoundForm {
    /// A field's message, or empty.
    pub fn e(&self, field: &str) -> String {
        self.errors.get(field)
    }
}

async fn round_form(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    title: &'static str,
    input: RoundInput,
    errors: FormErrors,
) -> Result<RoundForm, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    ctx.actor.require(Permission::ManageRounds)?;
    let mut demands = Vec::new();
    for page in 1.. {
        let (list, total) = gongjiang_app::demand::list(
            app,
            &ctx.actor,
            gongjiang_app::demand::Filter {
                status: Some(gongjiang_domain::demand::DemandStatus::Open),
                ..Default::default()
            },
            page,
            gongjiang_app::demand::MAX_PAGE,
        )
        .await?;
        let done = list.is_empty();
        demands.extend(list);
        if done || i64::try_from(demands.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
    }
    let cohorts = gongjiang_app::supply::cohorts(app, None).await?;
    let (roster, _) = gongjiang_app::members::roster(app, &Default::default(), 1, 10_000).await?;
    let org_name = |id: gongjiang_domain::ids::OrgId| {
        roster
            .iter()
            .find(|e| e.org.id == id)
            .map(|e| e.org.name.clone())
            .unwrap_or_default()
    };
    let kind = RoundKind::parse(&input.kind).ok();
    Ok(RoundForm {
        l: Layout::new(ctx, app.settings.demo_mode),
        action,
        title,
        kinds: RoundKind::ALL
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: kind_label(lang, *k).into(),
                selected: input.kind == k.as_str(),
            })
            .collect(),
        demands: demands
            .iter()
            .filter(|d| kind.is_none_or(|k| k.demand_kind() == d.kind))
            .map(|d| Check {
                value: d.id.to_string(),
                label: format!(
                    "{} · {} · {} · {}",
                    d.post_name,
                    org_name(d.org_id),
                    d.city,
                    d.headcount
                ),
                checked: input.demand_ids.contains(&d.id.to_string()),
            })
            .collect(),
        cohorts: cohorts
            .iter()
            .map(|c| Check {
                value: c.id.to_string(),
                label: format!("{} · {}", org_name(c.org_id), c.name),
                checked: input.cohort_ids.contains(&c.id.to_string()),
            })
            .collect(),
        schools: roster
            .iter()
            .filter(|e| e.org.kind.is_school())
            .map(|e| Check {
                value: e.org.id.to_string(),
                label: e.org.name.clone(),
                checked: input.school_ids.contains(&e.org.id.to_string()),
            })
            .collect(),
        input,
        errors,
    })
}

fn many(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

fn round_input(pairs: &[(String, String)]) -> RoundInput {
    RoundInput {
        name: field(pairs, "name"),
        kind: field(pairs, "kind"),
        max_choices: field(pairs, "max_choices"),
        preference_deadline: field(pairs, "preference_deadline"),
        ranking_deadline: field(pairs, "ranking_deadline"),
        demand_ids: many(pairs, "demand_ids"),
        cohort_ids: many(pairs, "cohort_ids"),
        school_ids: many(pairs, "school_ids"),
    }
}

/// `GET /rounds/new`.
pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let input = RoundInput {
        kind: "internship".into(),
        max_choices: "5".into(),
        ..Default::default()
    };
    let page = round_form(
        &state,
        &ctx,
        "/rounds/new".into(),
        "rounds.new",
        input,
        FormErrors::default(),
    )
    .await?;
    render(ctx.lang, &page)
}

async fn save_round(
    state: &AppState,
    ctx: &Ctx,
    id: Option<RoundId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = round_input(&pairs);
    let result = match id {
        None => rounds::create(&state.app, &ctx.actor, &input).await,
        Some(id) => rounds::update(&state.app, &ctx.actor, id, &input).await,
    };
    match result {
        Ok(r) => Ok(crate::forms::saved(&state, &format!("/rounds/{}", r.id))),
        Err(Error::Invalid(errors)) => {
            let (action, title) = match id {
                Some(id) => (format!("/rounds/{id}/edit"), "rounds.edit"),
                None => ("/rounds/new".to_string(), "rounds.new"),
            };
            let page = round_form(
                state,
                ctx,
                action,
                title,
                input,
                FormErrors::new(&errors, lang),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /rounds/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_round(&state, &ctx, None, &pairs).await
}

/// `GET /rounds/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let view = rounds::get(&state.app, &ctx.actor, id).await?;
    let r = &view.round;
    let input = RoundInput {
        name: r.name.clone(),
        kind: r.kind.as_str().into(),
        max_choices: r.max_choices.to_string(),
        preference_deadline: r.preference_deadline.display_cst(),
        ranking_deadline: r.ranking_deadline.display_cst(),
        demand_ids: view
            .places
            .iter()
            .map(|p| p.demand_id.to_string())
            .collect(),
        cohort_ids: view.cohort_ids.iter().map(|c| c.to_string()).collect(),
        school_ids: view.school_ids.iter().map(|s| s.to_string()).collect(),
    };
    let page = round_form(
        &state,
        &ctx,
        format!("/rounds/{id}/edit"),
        "rounds.edit",
        input,
        FormErrors::default(),
    )
    .await?;
    render(lang, &page)
}

/// `POST /rounds/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_round(&state, &ctx, Some(id), &pairs).await
}

// ---------------------------------------------------------------- a round

/// A participant line for a teacher.
pub struct ParticipantRow {
    id: String,
    name: String,
    student_no: String,
    choices: usize,
    entered_by: String,
}

#[derive(Template)]
#[template(path = "rounds/round.html")]
struct RoundPage {
    l: Layout,
    id: String,
    name: String,
    kind: &'static str,
    status: &'static str,
    max_choices: i64,
    preference_deadline: String,
    ranking_deadline: String,
    seed: String,
    places: Vec<PlaceRow>,
    participants: usize,
    applicants: usize,
    manager: bool,
    draft: bool,
    open: bool,
    solved: bool,
    published: bool,
    /// The round's status machine allows the move of each action button.
    may_open: bool,
    may_close: bool,
    may_solve: bool,
    trainee: bool,
    trainee_linked: bool,
    school_staff: bool,
    school_lines: Vec<ParticipantRow>,
    enterprise: bool,
    errors: FormErrors,
}

/// `GET /rounds/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let page = round_page(&state, &ctx, id, FormErrors::default()).await?;
    render(lang, &page)
}

async fn round_page(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    errors: FormErrors,
) -> Result<RoundPage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let me = ctx.actor.user()?;
    let r: &Round = &view.round;
    let trainee = me.role == Role::Trainee;
    let trainee_linked = trainee && rounds::my_trainee(app, &ctx.actor).await?.is_some();
    let school_staff = !trainee
        && ctx.actor.may(Permission::EnterPreferences(me.org_id))
        && gongjiang_app::members::acts_for_school(app, &ctx.actor).await?;
    let enterprise = ctx.actor.may(Permission::RankApplicants(me.org_id))
        && view.places.iter().any(|p| p.org_id == me.org_id);
    let school_lines = if school_staff {
        rounds::school_participants(app, &ctx.actor, id)
            .await?
            .into_iter()
            .map(|p| ParticipantRow {
                id: p.trainee_id.to_string(),
                name: p.name,
                student_no: p.student_no,
                choices: p.choices,
                entered_by: p.entered_by.unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(RoundPage {
        l: Layout::new(ctx, app.settings.demo_mode),
        id: id.to_string(),
        name: r.name.clone(),
        kind: kind_label(lang, r.kind),
        status: status_label(lang, r.status),
        max_choices: r.max_choices,
        preference_deadline: when(r.preference_deadline),
        ranking_deadline: when(r.ranking_deadline),
        seed: r.seed.map(|s| s.to_string()).unwrap_or_default(),
        places: view
            .places
            .iter()
            .map(|p| place_row(lang, p, p.org_id == me.org_id))
            .collect(),
        participants: view.participants,
        applicants: view.applicants,
        manager: ctx.actor.may(Permission::ManageRounds),
        draft: r.status == RoundStatus::Draft,
        open: r.status == RoundStatus::Open,
        solved: r.status == RoundStatus::Solved,
        published: r.status == RoundStatus::Published,
        may_open: r.status.may_move_to(RoundStatus::Open),
        may_close: r.status.may_move_to(RoundStatus::Closed),
        may_solve: r.status.may_move_to(RoundStatus::Solved),
        trainee,
        trainee_linked,
        school_staff,
        school_lines,
        enterprise,
        errors,
    })
}

async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    result: Result<String, Error>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match result {
        Ok(target) => Ok(crate::forms::saved(&state, &target)),
        Err(Error::Invalid(errors)) => {
            let page = round_page(state, ctx, id, FormErrors::new(&errors, lang)).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /rounds/{id}/open`.
pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Response, PageError> {
    let result = rounds::open(&state.app, &ctx.actor, id)
        .await
        .map(|_| format!("/rounds/{id}"));
    step(&state, &ctx, id, result).await
}

/// How long a page waits for a solving job before sending the user to the
/// job's progress page: small rounds go straight to the review.
pub const SOLVE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Solves the round as a background job; where to go next: the review when
/// it finished in time, else the job's progress page.
async fn solve_as_job(state: &AppState, ctx: &Ctx, id: RoundId) -> Result<String, Error> {
    use gongjiang_app::jobs::{self, JobStatus};
    let job = rounds::solve_in_background(&state.app, &ctx.actor, id).await?;
    let view = jobs::wait(&state.app, &ctx.actor, job, SOLVE_WAIT).await?;
    match view.status {
        JobStatus::Done => Ok(format!("/rounds/{id}/review")),
        JobStatus::Running => Ok(format!("/jobs/{job}")),
        _ => Err(Error::WrongState(
            view.outcome
                .get("error")
                .and_then(|v| v.as_str())
                .unwrap_or("solving failed")
                .to_string(),
        )),
    }
}

/// `POST /rounds/{id}/close`: closes the round (recording the lottery seed) and solves it.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    if !crate::forms::confirmed(&pairs) {
        return ask_first(&state, &ctx, id, "close", &pairs).await;
    }
    let result = match rounds::close(&state.app, &ctx.actor, id).await {
        Ok(_) => solve_as_job(&state, &ctx, id).await,
        Err(e) => Err(e),
    };
    step(&state, &ctx, id, result).await
}

/// The confirmation step of closing or publishing round `id` (`step` is
/// `close` or `publish`), for the secretariat only.
async fn ask_first(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    step: &'static str,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let view = rounds::get(&state.app, &ctx.actor, id).await?;
    ctx.actor.require(Permission::ManageRounds)?;
    let (title_key, what_key) = match step {
        "close" => ("rounds.confirm.close", "rounds.confirm.close_what"),
        _ => ("rounds.confirm.publish", "rounds.confirm.publish_what"),
    };
    let mut what = tr(ctx.lang, what_key).to_string();
    // Closing before the deadline says how early, and who has not applied.
    let now = state.app.now();
    if step == "close" && now < view.round.preference_deadline {
        let missing = rounds::not_applied(&state.app, &ctx.actor, id).await?;
        let days =
            (view.round.preference_deadline.millis() - now.millis() + 86_399_999) / 86_400_000;
        let count: usize = missing.iter().map(|m| m.trainees).sum();
        what = format!(
            "{} {what}",
            tr_args(
                ctx.lang,
                "rounds.confirm.close_early",
                &[
                    ("deadline", view.round.preference_deadline.display_cst()),
                    ("days", days.to_string()),
                    ("missing", count.to_string()),
                    ("participants", view.participants.to_string()),
                ],
            )
        );
        if !missing.is_empty() {
            let schools: Vec<String> = missing
                .iter()
                .map(|m| {
                    tr_args(
                        ctx.lang,
                        "rounds.confirm.close_school",
                        &[
                            ("school", m.school.clone()),
                            ("count", m.trainees.to_string()),
                        ],
                    )
                })
                .collect();
            what = format!(
                "{what} {}",
                schools.join(tr(ctx.lang, "rounds.confirm.close_separator"))
            );
        }
    }
    crate::forms::confirm_page(
        state,
        ctx,
        &format!("/rounds/{id}/{step}"),
        pairs,
        crate::forms::Confirmation {
            title_key,
            what,
            back: format!("/rounds/{id}"),
            reason: None,
        },
    )
}

/// `POST /rounds/{id}/solve`: solves a closed round again.
pub async fn solve(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Response, PageError> {
    let result = solve_as_job(&state, &ctx, id).await;
    step(&state, &ctx, id, result).await
}

/// `POST /rounds/{id}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    if !crate::forms::confirmed(&pairs) {
        return ask_first(&state, &ctx, id, "publish", &pairs).await;
    }
    let result = rounds::publish(&state.app, &ctx.actor, id)
        .await
        .map(|_| format!("/rounds/{id}/results"));
    step(&state, &ctx, id, result).await
}

// ---------------------------------------------------------------- preferences

/// A slot of the preference form.
pub struct Slot {
    n: String,
    options: Vec<Opt>,
    warning: String,
}

#[derive(Template)]
#[template(path = "rounds/round_preferences.html")]
struct PreferencesPage {
    l: Layout,
    round_id: String,
    round_name: String,
    trainee_id: String,
    trainee_name: String,
    for_other: bool,
    slots: Vec<Slot>,
    places: Vec<PlaceRow>,
    open: bool,
    entered: String,
    errors: FormErrors,
}

/// Query naming a trainee (for teachers and the secretariat).
#[derive(serde::Deserialize, Default)]
pub struct TraineeQuery {
    #[serde(default)]
    trainee_id: String,
}

fn trainee_param(lang: Lang, text: &str) -> Result<Option<TraineeId>, PageError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        text.trim()
            .parse()
            .map(Some)
            .map_err(|_| PageError::new(lang, Error::NotFound("trainee")))
    }
}

async fn preferences_page(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    trainee: Option<TraineeId>,
    typed: Option<Vec<String>>,
    errors: FormErrors,
) -> Result<PreferencesPage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let prefs = rounds::preferences(app, &ctx.actor, id, trainee).await?;
    let chosen: Vec<String> = typed.unwrap_or_else(|| {
        prefs
            .choices
            .iter()
            .map(|c| c.place.demand_id.to_string())
            .collect()
    });
    let slots = (0..usize::try_from(prefs.max_choices).unwrap_or(0))
        .map(|i| {
            let current = chosen.get(i).cloned().unwrap_or_default();
            let warning = prefs
                .choices
                .iter()
                .find(|c| c.place.demand_id.to_string() == current)
                .filter(|c| !c.violations.is_empty())
                .map(|c| {
                    format!(
                        "{}{}",
                        tr(lang, "rounds.pref.ineligible"),
                        violations_text(lang, &c.violations)
                    )
                })
                .unwrap_or_default();
            Slot {
                n: choice_label(lang, i),
                options: view
                    .places
                    .iter()
                    .map(|p| Opt {
                        value: p.demand_id.to_string(),
                        label: format!(
                            "{} · {} · {} · {} · {}",
                            p.post_name,
                            p.enterprise,
                            p.city,
                            wage(p),
                            crate::i18n::named(lang, &p.level_zh, &p.level_en)
                        ),
                        selected: current == p.demand_id.to_string(),
                    })
                    .collect(),
                warning,
            }
        })
        .collect();
    let me = ctx.actor.user()?;
    Ok(PreferencesPage {
        l: Layout::new(ctx, app.settings.demo_mode),
        round_id: id.to_string(),
        round_name: view.round.name.clone(),
        trainee_id: prefs.trainee_id.to_string(),
        trainee_name: prefs.name.clone(),
        for_other: me.role != Role::Trainee,
        slots,
        places: view
            .places
            .iter()
            .map(|p| place_row(lang, p, false))
            .collect(),
        open: prefs.open,
        entered: match (&prefs.entered_by, &prefs.entered_at) {
            (Some(by), Some(at)) => format!(
                "{by}（{}）· {}",
                crate::i18n::choice(
                    lang,
                    "role",
                    prefs.entered_role.as_deref().unwrap_or_default()
                ),
                at.get(..16).unwrap_or(at).replace('T', " ")
            ),
            _ => String::new(),
        },
        errors,
    })
}

/// `GET /rounds/{id}/preferences[?trainee_id=]`.
pub async fn preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let trainee = trainee_param(lang, &q.trainee_id)?;
    let page = preferences_page(&state, &ctx, id, trainee, None, FormErrors::default()).await?;
    render(lang, &page)
}

/// `POST /rounds/{id}/preferences`: fields `trainee_id` (for teachers) and `choice` (repeated, in order).
pub async fn save_preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let trainee = trainee_param(lang, &field(&pairs, "trainee_id"))?;
    let choices = many(&pairs, "choice");
    match rounds::set_preferences(&state.app, &ctx.actor, id, trainee, &choices).await {
        Ok(v) => {
            let target = if trainee.is_some() {
                format!("/rounds/{id}/preferences?trainee_id={}", v.trainee_id)
            } else {
                format!("/rounds/{id}/preferences")
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = preferences_page(
                &state,
                &ctx,
                id,
                trainee,
                Some(choices),
                FormErrors::new(&errors, lang),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

// ---------------------------------------------------------------- an enterprise's place

/// An applicant line.
pub struct ApplicantRow {
    position: usize,
    name: String,
    school: String,
    major: String,
    cohort: String,
    choice: i64,
    score: i64,
    order: String,
    eligibility: String,
}

#[derive(Template)]
#[template(path = "rounds/round_place.html")]
struct PlacePage {
    l: Layout,
    round_id: String,
    round_name: String,
    place: PlaceRow,
    method: &'static str,
    by_order: bool,
    weights: [(&'static str, &'static str, i64); 4],
    applicants: Vec<ApplicantRow>,
    open: bool,
    staff: String,
    post_staff: String,
    internship: bool,
    errors: FormErrors,
    problems: Vec<String>,
}

async fn place_page(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    demand: DemandId,
    errors: FormErrors,
    problems: Vec<String>,
) -> Result<PlacePage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let list: ApplicantList = rounds::applicants(app, &ctx.actor, id, demand).await?;
    let org = list.place.org_id;
    let (staff, post_staff) = if ctx.actor.may(Permission::ManageDemand(org)) {
        let (s, posts) = rounds::staffing(app, &ctx.actor, id, org).await?;
        (
            s.map(|n| n.to_string()).unwrap_or_default(),
            posts
                .get(&demand)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        )
    } else {
        (String::new(), String::new())
    };
    let w = list.ranking.weights;
    Ok(PlacePage {
        l: Layout::new(ctx, app.settings.demo_mode),
        round_id: id.to_string(),
        round_name: view.round.name.clone(),
        place: place_row(lang, &list.place, true),
        method: match list.ranking.method.as_str() {
            "score" => tr(lang, "rounds.rank.score"),
            "order" => tr(lang, "rounds.rank.order"),
            _ => tr(lang, "rounds.rank.default"),
        },
        by_order: list.ranking.method == "order",
        weights: [
            ("level", "rounds.w.level", w.level),
            ("order_class", "rounds.w.order_class", w.order_class),
            ("home_city", "rounds.w.home_city", w.home_city),
            ("major_fit", "rounds.w.major_fit", w.major_fit),
        ],
        applicants: list
            .applicants
            .iter()
            .enumerate()
            .map(|(i, a)| ApplicantRow {
                position: i + 1,
                name: a.name.clone(),
                school: a.school.clone(),
                major: a.major.clone(),
                cohort: a.cohort.clone(),
                choice: a.choice,
                score: a.score,
                order: a.order_position.map(|p| p.to_string()).unwrap_or_default(),
                eligibility: if a.violations.is_empty() {
                    tr(lang, "rounds.eligible").to_string()
                } else {
                    violations_text(lang, &a.violations)
                },
            })
            .collect(),
        open: list.open,
        staff,
        post_staff,
        internship: view.round.kind == RoundKind::Internship,
        errors,
        problems,
    })
}

/// `GET /rounds/{id}/places/{demand}`: the applicants to one place and how they are ranked.
pub async fn place(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let page = place_page(&state, &ctx, id, demand, FormErrors::default(), Vec::new()).await?;
    render(lang, &page)
}

async fn after_place(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    demand: DemandId,
    result: Result<(), Error>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match result {
        Ok(()) => Ok(crate::forms::saved(
            &state,
            &format!("/rounds/{id}/places/{demand}"),
        )),
        Err(Error::Invalid(errors)) => {
            let page = place_page(
                state,
                ctx,
                id,
                demand,
                FormErrors::new(&errors, lang),
                Vec::new(),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /rounds/{id}/places/{demand}/ranking`: a scoring rule's weights.
pub async fn save_ranking(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand)): Path<(String, String)>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let input = RankingInput::Score(WeightsInput {
        level: field(&pairs, "level"),
        order_class: field(&pairs, "order_class"),
        home_city: field(&pairs, "home_city"),
        major_fit: field(&pairs, "major_fit"),
    });
    let result = rounds::set_ranking(&state.app, &ctx.actor, id, demand, &input)
        .await
        .map(|_| ());
    after_place(&state, &ctx, id, demand, result).await
}

/// `POST /rounds/{id}/places/{demand}/staffing`: the enterprise's and the post's in-service staff.
pub async fn save_staffing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand)): Path<(String, String)>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let app = &state.app;
    // The place's own enterprise (the secretariat may record it too).
    let org = rounds::get(app, &ctx.actor, id)
        .await?
        .places
        .iter()
        .find(|p| p.demand_id == demand)
        .map(|p| p.org_id)
        .ok_or_else(|| PageError::new(lang, Error::NotFound("place")))?;
    // Refused before anything else, even when both fields are left blank.
    ctx.actor.require(Permission::ManageDemand(org))?;
    let mut result = Ok(());
    let staff = field(&pairs, "staff_count");
    if !staff.trim().is_empty() {
        result = rounds::set_enterprise_staff(app, &ctx.actor, org, &staff)
            .await
            .map(|_| ());
    }
    let post = field(&pairs, "post_staff");
    if result.is_ok() && !post.trim().is_empty() {
        result = rounds::set_post_staff(app, &ctx.actor, demand, &post)
            .await
            .map(|_| ());
    }
    after_place(&state, &ctx, id, demand, result).await
}

/// `GET /rounds/{id}/places/{demand}/applicants.xlsx`: the applicant list, to fill in and upload as an order.
pub async fn applicants_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let list = rounds::applicants(&state.app, &ctx.actor, id, demand).await?;
    let bytes = gongjiang_sheets::export_xlsx(&rounds::ORDER_SHEET, rounds::order_rows(&list))
        .map_err(|e| PageError::internal(lang, &e.to_string()))?;
    Ok(xlsx_download(
        &format!("申请人-{}.xlsx", list.place.post_name),
        bytes,
    ))
}

/// The header of an order column, for problem reports.
pub fn order_column(lang: Lang, key: &str) -> &str {
    match rounds::ORDER_SHEET.columns.iter().find(|c| c.key == key) {
        Some(c) if lang == Lang::Zh => c.header,
        Some(c) => c.key,
        None => crate::i18n::field_label(lang, key),
    }
}

/// `POST /rounds/{id}/places/{demand}/order` (multipart `file`): the order as a file.
pub async fn upload_order(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand)): Path<(String, String)>,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let mut bytes = Vec::new();
    let mut file_name = String::new();
    while let Ok(Some(part)) = multipart.next_field().await {
        if part.name() == Some("file") {
            file_name = part.file_name().unwrap_or("order.xlsx").to_string();
            bytes = part.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        }
    }
    let problems = match crate::upload::read_upload(&bytes, &file_name, &rounds::ORDER_SHEET, lang)
    {
        Err(message) => vec![message],
        Ok(upload) if !upload.cell_problems.is_empty() => upload
            .cell_problems
            .iter()
            .map(|(line, key, m)| format!("{line}: {}：{m}", order_column(lang, key)))
            .collect(),
        Ok(upload) => {
            match rounds::upload_order(&state.app, &ctx.actor, id, demand, &upload.rows).await {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/rounds/{id}/places/{demand}")).into_response()
                    );
                }
                Err(gongjiang_app::imports::Refusal::Rows(rows)) => rows
                    .iter()
                    .map(|p| {
                        format!(
                            "{}: {}",
                            p.line,
                            crate::i18n::labelled(
                                lang,
                                order_column(lang, &p.error.field),
                                &p.error.problem
                            )
                        )
                    })
                    .collect(),
                Err(gongjiang_app::imports::Refusal::Other(e)) => {
                    return Err(PageError::new(lang, e));
                }
            }
        }
    };
    let page = place_page(&state, &ctx, id, demand, FormErrors::default(), problems).await?;
    Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
}

// ---------------------------------------------------------------- review

/// A fill line.
pub struct FillRow {
    name: String,
    seats: i64,
    filled: i64,
    rate: String,
}

fn fill_rows(list: &[rounds::Fill], segment_names: &[(String, String)]) -> Vec<FillRow> {
    list.iter()
        .map(|f| FillRow {
            name: segment_names
                .iter()
                .find(|(code, _)| *code == f.key)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| f.name.clone()),
            seats: f.seats,
            filled: f.filled,
            rate: if f.seats > 0 {
                format!("{:.0}%", f.filled as f64 * 100.0 / f.seats as f64)
            } else {
                "—".into()
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "rounds/round_review.html")]
struct ReviewPage {
    l: Layout,
    round_id: String,
    round_name: String,
    status: &'static str,
    solved: bool,
    r: Review,
    first_share: String,
    top3_share: String,
    by_enterprise: Vec<FillRow>,
    by_segment: Vec<FillRow>,
    violations: Vec<[String; 5]>,
    caps: Vec<[String; 5]>,
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// `GET /rounds/{id}/review`: the secretariat's review before publishing.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let r = rounds::review(app, &ctx.actor, id).await?;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let segments: Vec<(String, String)> = gongjiang_app::demand::catalogues(app)
        .await?
        .segments
        .into_iter()
        .map(|s| {
            let name = crate::i18n::named(lang, &s.name_zh, &s.name_en).to_string();
            (s.code, name)
        })
        .collect();
    render(
        lang,
        &ReviewPage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            round_id: id.to_string(),
            round_name: view.round.name.clone(),
            status: status_label(lang, view.round.status),
            solved: view.round.status == RoundStatus::Solved,
            first_share: share(r.first_choice, r.applicants),
            top3_share: share(r.top3, r.applicants),
            by_enterprise: fill_rows(&r.by_enterprise, &[]),
            by_segment: fill_rows(&r.by_segment, &segments),
            violations: r
                .violations
                .iter()
                .map(|v| {
                    [
                        v.trainee.clone(),
                        v.school.clone(),
                        format!("{}（{}）", v.post, v.enterprise),
                        v.choice.to_string(),
                        violations_text(lang, &v.violations),
                    ]
                })
                .collect(),
            caps: r
                .capacity_cuts
                .iter()
                .map(|c| {
                    [
                        c.post.clone(),
                        c.enterprise.clone(),
                        c.headcount.to_string(),
                        c.capacity.to_string(),
                        c.notes
                            .iter()
                            .map(|n| cap_text(lang, n))
                            .collect::<Vec<_>>()
                            .join("；"),
                    ]
                })
                .collect(),
            r,
        },
    )
}

// ---------------------------------------------------------------- results

#[derive(Template)]
#[template(path = "rounds/round_result.html")]
struct ResultPage {
    l: Layout,
    round_id: String,
    round_name: String,
    name: String,
    summary: String,
    lines: Vec<String>,
    lottery: u32,
}

/// `GET /rounds/{id}/result[?trainee_id=]`: a trainee's result with its explanation.
pub async fn result(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let trainee = trainee_param(lang, &q.trainee_id)?;
    let app = &state.app;
    let res = rounds::result(app, &ctx.actor, id, trainee).await?;
    let view = rounds::get(app, &ctx.actor, id).await?;
    render(
        lang,
        &ResultPage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            round_id: id.to_string(),
            round_name: view.round.name.clone(),
            name: res.name.clone(),
            summary: explanation_summary(lang, &res.explanation, &res.places),
            lines: explanation_lines(lang, &res.explanation, &res.places),
            lottery: res.explanation.lottery_number,
        },
    )
}

/// A place's published result line.
pub struct PlaceResultRow {
    post: String,
    enterprise: String,
    capacity: i64,
    filled: i64,
    applicants: i64,
    cutoff: String,
    notes: String,
    admitted: Vec<[String; 4]>,
}

/// A school's trainee line.
pub struct SchoolRow {
    id: String,
    name: String,
    student_no: String,
    place: String,
    choice: String,
}

#[derive(Template)]
#[template(path = "rounds/round_results.html")]
struct ResultsPage {
    l: Layout,
    round_id: String,
    round_name: String,
    places: Vec<PlaceResultRow>,
    school: Vec<SchoolRow>,
}

/// `GET /rounds/{id}/results`: each place's admitted list and cutoff (the
/// acting enterprise's places; all for the secretariat), or a school's trainees' results.
pub async fn results(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let me = ctx.actor.user()?;
    let is_rank = ctx.actor.may(Permission::ManageRounds)
        || ctx.actor.may(Permission::RankApplicants(me.org_id))
            && view.places.iter().any(|p| p.org_id == me.org_id);
    let places = if is_rank {
        rounds::place_results(app, &ctx.actor, id).await?
    } else {
        Vec::new()
    };
    let school = if !is_rank
        && gongjiang_app::members::acts_for_school(app, &ctx.actor).await?
        && me.role != Role::Trainee
    {
        rounds::school_results(app, &ctx.actor, id).await?
    } else if !is_rank {
        return Err(PageError::new(lang, Error::Forbidden));
    } else {
        Vec::new()
    };
    render(
        lang,
        &ResultsPage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            round_id: id.to_string(),
            round_name: view.round.name.clone(),
            places: places
                .iter()
                .map(|p| PlaceResultRow {
                    post: p.place.post_name.clone(),
                    enterprise: p.place.enterprise.clone(),
                    capacity: p.capacity,
                    filled: p.filled,
                    applicants: p.applicants,
                    cutoff: match (p.cutoff_rank, p.cutoff_score) {
                        (Some(r), Some(s)) => format!("#{r} · {s}"),
                        (Some(r), None) => format!("#{r}"),
                        _ => tr(lang, "rounds.res.no_cutoff").to_string(),
                    },
                    notes: p
                        .notes
                        .iter()
                        .map(|n| cap_text(lang, n))
                        .collect::<Vec<_>>()
                        .join("；"),
                    admitted: p
                        .admitted
                        .iter()
                        .map(|a| {
                            [
                                a.name.clone(),
                                a.school.clone(),
                                a.major.clone(),
                                choice_label(lang, usize::try_from(a.choice - 1).unwrap_or(0)),
                            ]
                        })
                        .collect(),
                })
                .collect(),
            school: school
                .into_iter()
                .map(|s| SchoolRow {
                    id: s.trainee_id.to_string(),
                    name: s.name,
                    student_no: s.student_no,
                    place: if s.place.is_empty() {
                        tr(lang, "rounds.res.unplaced").to_string()
                    } else {
                        s.place
                    },
                    choice: s
                        .choice
                        .map(|c| choice_label(lang, usize::try_from(c - 1).unwrap_or(0)))
                        .unwrap_or_default(),
                })
                .collect(),
        },
    )
}

// ---------------------------------------------------------------- trainee accounts

/// `POST /school/trainees/account`: links a trainee account (`login`) to a trainee record (`trainee_id`).
pub async fn link_account(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = match field(&pairs, "trainee_id").trim().parse::<TraineeId>() {
        Ok(trainee) => {
            rounds::link_account(&state.app, &ctx.actor, trainee, &field(&pairs, "login")).await
        }
        Err(_) => Err(Error::field(
            "trainee_id",
            gongjiang_domain::Problem::InvalidChoice,
        )),
    };
    crate::supply::pages::after(&state, &ctx, result, pairs).await
}

/// The actor's round notices as (link, sentence), for the home page.
pub async fn notice_lines(state: &AppState, ctx: &Ctx) -> Vec<(String, String)> {
    match &ctx.actor {
        Actor::User { .. } => rounds::notices(&state.app, &ctx.actor)
            .await
            .map(|list| list.iter().map(|n| notice_line(ctx.lang, n)).collect())
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "round notices unavailable");
                Vec::new()
            }),
        Actor::Anonymous { .. } => Vec::new(),
    }
}

//! A round's page and its steps: open, close (asking first), solve, publish.

use super::*;

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
pub(super) struct RoundPage {
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

pub(super) async fn round_page(
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
        && gongjiang_app::members::acts_for_school(&ctx.actor);
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

pub(super) async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    result: Result<String, Error>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match result {
        Ok(target) => Ok(crate::forms::saved(state, &target)),
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
pub(super) async fn solve_as_job(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
) -> Result<String, Error> {
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
pub(super) async fn ask_first(
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

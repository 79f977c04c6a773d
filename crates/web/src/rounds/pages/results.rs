//! Results with their explanations in plain words, and their exports.

use super::*;

// ---------------------------------------------------------------- results

#[derive(Template)]
#[template(path = "rounds/round_result.html")]
pub(super) struct ResultPage {
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
pub(super) struct ResultsPage {
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
        && gongjiang_app::members::acts_for_school(&ctx.actor)
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

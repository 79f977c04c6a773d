//! An enterprise's place: its applicants, the ranking rule, an uploaded order.

use super::*;

// ---------------------------------------------------------------- an enterprise's place

/// An applicant line.
pub struct ApplicantRow {
    position: usize,
    trainee_id: String,
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
pub(super) struct PlacePage {
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

pub(super) async fn place_page(
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
                trainee_id: a.trainee_id.to_string(),
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

#[derive(Template)]
#[template(path = "rounds/applicant.html")]
struct ApplicantPage {
    l: Layout,
    round_id: String,
    p: rounds::ApplicantProfile,
    /// Occupation, level in words, issue date.
    certificates: Vec<(String, String, String)>,
}

/// `GET /rounds/{id}/places/{demand}/applicants/{trainee}`: one applicant's
/// profile, anonymised unless they shared their identity with this
/// enterprise; the view is written to the trainee's access record.
pub async fn applicant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, demand, trainee)): Path<(String, String, String)>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let id = round_id(lang, &id)?;
    let demand = demand_id(lang, &demand)?;
    let trainee = trainee
        .parse::<gongjiang_domain::ids::TraineeId>()
        .map_err(|_| PageError::new(lang, Error::NotFound("trainee")))?;
    let p = rounds::applicant(&state.app, &ctx.actor, id, demand, trainee).await?;
    let certificates = p
        .certificates
        .iter()
        .map(|c| {
            (
                c.occupation.clone(),
                crate::i18n::choice(lang, "level", c.level.as_str()),
                c.issued_on.clone(),
            )
        })
        .collect();
    render(
        lang,
        &ApplicantPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            round_id: id.to_string(),
            p,
            certificates,
        },
    )
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

pub(super) async fn after_place(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    demand: DemandId,
    result: Result<(), Error>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match result {
        Ok(()) => Ok(crate::forms::saved(
            state,
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

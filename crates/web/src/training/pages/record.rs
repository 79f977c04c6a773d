//! A trainee's training record: learning tasks and internships.

use super::*;

// ------------------------------------------------------------ a trainee's record

#[derive(Template)]
#[template(path = "training/training_trainee.html")]
pub(super) struct TraineePage {
    pub(super) l: Layout,
    pub(super) id: String,
    pub(super) records: Vec<gongjiang_domain::training::LearningRecord>,
    pub(super) total_hours: i64,
    pub(super) internships: Vec<Line>,
    pub(super) tasks: Vec<Choice>,
    pub(super) places: Vec<Choice>,
    pub(super) editable: bool,
    pub(super) input: LearningRecordInput,
    pub(super) errors: FormErrors,
}

impl TraineePage {
    fn place(&self, p: &LearningPlace) -> String {
        i18n::choice(self.l.lang, "learning_place", p.as_str())
    }
}

pub(super) async fn trainee_page(
    state: &AppState,
    ctx: &Ctx,
    id: TraineeId,
    input: LearningRecordInput,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let records = training::learning_records_of_trainee(&state.app, &ctx.actor, id).await?;
    let internships = training::internships_of_trainee(&state.app, &ctx.actor, id).await?;
    let form = training::learning_form(&state.app, &ctx.actor, id).await?;
    let editable = form.tasks.is_some();
    let tasks = form
        .tasks
        .unwrap_or_default()
        .into_iter()
        .map(|l| {
            Choice::new(
                l.id.to_string(),
                format!("{} ({} h)", l.fields.name, l.fields.hours),
                &input.learning_task_id,
            )
        })
        .collect();
    let host_names = {
        let mut names = Vec::new();
        for i in &internships {
            let name =
                gongjiang_app::members::profile(&state.app, &ctx.actor, i.fields.host_org_id)
                    .await
                    .map(|p| p.org.name)
                    .unwrap_or_default();
            names.push(name);
        }
        names
    };
    let page = TraineePage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        id: id.to_string(),
        total_hours: records.iter().map(|r| r.hours).sum(),
        records,
        internships: internships
            .iter()
            .zip(&host_names)
            .map(|(i, h)| line(lang, i, &form.name_masked, h))
            .collect(),
        tasks,
        places: crate::forms::choices(
            lang,
            "learning_place",
            LearningPlace::ALL.iter().map(|s| s.as_str()),
            &input.place,
        ),
        editable,
        input,
        errors,
    };
    Ok(render_with(lang, status, &page)?.into_response())
}

/// `GET /training/trainees/{id}`: a trainee's completed learning tasks and internships.
pub async fn trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
) -> Result<Response, PageError> {
    trainee_page(
        &state,
        &ctx,
        id,
        LearningRecordInput::default(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /training/trainees/{id}/learning`.
pub async fn record_learning(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = LearningRecordInput {
        learning_task_id: field(&pairs, "learning_task_id"),
        hours: field(&pairs, "hours"),
        place: field(&pairs, "place"),
        assessor: field(&pairs, "assessor"),
        completed_on: field(&pairs, "completed_on"),
    };
    match training::record_learning(&state.app, &ctx.actor, id, &input).await {
        Ok(_) => Ok(crate::forms::saved(
            &state,
            &format!("/training/trainees/{id}"),
        )),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::new(&errors, lang);
            trainee_page(
                &state,
                &ctx,
                id,
                input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

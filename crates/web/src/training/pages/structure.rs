//! A major's work-study structure.

use super::*;

// ------------------------------------------------------------ structure

#[derive(Template)]
#[template(path = "training/training_structure.html")]
pub(super) struct StructurePage {
    pub(super) l: Layout,
    pub(super) structure: training::Structure,
    pub(super) editable: bool,
    pub(super) errors: FormErrors,
}

pub(super) async fn structure_page(
    state: &AppState,
    ctx: &Ctx,
    major: MajorId,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let structure = training::structure(&state.app, &ctx.actor, major).await?;
    let editable = ctx
        .actor
        .may(Permission::ManageTraining(structure.major.org_id));
    let page = StructurePage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        structure,
        editable,
        errors,
    };
    Ok(render_with(lang, status, &page)?.into_response())
}

/// `GET /training/majors/{id}`: a major's work-study structure, with add forms for its school's staff.
pub async fn structure(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
) -> Result<Response, PageError> {
    structure_page(&state, &ctx, major, FormErrors::default(), StatusCode::OK).await
}

pub(super) fn structure_input(pairs: &[(String, String)]) -> StructureInput {
    StructureInput {
        seq: field(pairs, "seq"),
        name: field(pairs, "name"),
        hours: field(pairs, "hours"),
        description: field(pairs, "description"),
    }
}

pub(super) async fn after_structure(
    state: &AppState,
    ctx: &Ctx,
    major: Option<MajorId>,
    result: Result<MajorId, Error>,
) -> Result<Response, PageError> {
    match (result, major) {
        (Ok(m), _) => Ok(Redirect::to(&format!("/training/majors/{m}")).into_response()),
        (Err(Error::Invalid(errors)), Some(m)) => {
            let errors = FormErrors::labelled(&errors, ctx.lang, super::STRUCTURE_LABELS);
            structure_page(state, ctx, m, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        (Err(e), _) => Err(PageError::new(ctx.lang, e)),
    }
}

/// `POST /training/majors/{id}/work-tasks`.
pub async fn add_work_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = training::add_work_task(&state.app, &ctx.actor, major, &structure_input(&pairs))
        .await
        .map(|t| t.major_id);
    after_structure(&state, &ctx, Some(major), result).await
}

/// `POST /training/work-tasks/{id}/courses`.
pub async fn add_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let major = training::major_of_work_task(&state.app, &ctx.actor, task)
        .await
        .ok();
    let result = training::add_course(&state.app, &ctx.actor, task, &structure_input(&pairs))
        .await
        .and_then(|_| major.ok_or(Error::NotFound("work_task")));
    after_structure(&state, &ctx, major, result).await
}

/// `POST /training/courses/{id}/learning-tasks`.
pub async fn add_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let major = training::major_of_course(&state.app, &ctx.actor, course)
        .await
        .ok();
    let result =
        training::add_learning_task(&state.app, &ctx.actor, course, &structure_input(&pairs))
            .await
            .and_then(|_| major.ok_or(Error::NotFound("course")));
    after_structure(&state, &ctx, major, result).await
}

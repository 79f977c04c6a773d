//! A school's own lists beyond `/school`: the teachers page with its add form,
//! the forms that change a major, a cohort or a teacher, and the `.xlsx` and
//! CSV exports of majors, cohorts and teachers in the columns of their import
//! sheets (so an exported file can be imported again).

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::table_download;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::imports::{COHORT_SHEET, MAJOR_SHEET, TEACHER_SHEET};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, demand, exports, supply};
use gongjiang_domain::ids::{CohortId, MajorId, OrgId, TeacherId, TraineeId};
use gongjiang_domain::supply::{
    CohortInput, DualQualified, Employment, MajorInput, MajorLevel, PRACTICE_DAYS_EXPECTED,
    Teacher, TeacherInput, TraineeStatus,
};

/// The acting unit, when the actor may keep its majors, cohorts and teachers.
fn managing(ctx: &Ctx) -> Result<OrgId, PageError> {
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageSupply(me.org_id))?;
    Ok(me.org_id)
}

fn not_found(lang: Lang, what: &'static str) -> PageError {
    PageError::new(lang, Error::NotFound(what))
}

// ---- exports ----------------------------------------------------------------

macro_rules! export {
    ($(#[$doc:meta])* $name:ident, $rows:path, $spec:expr, $stem:literal, $xlsx:literal) => {
        $(#[$doc])*
        pub async fn $name(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
            let rows = $rows(&state.app, &ctx.actor)
                .await?;
            table_download(ctx.lang, &$spec, $stem, rows, $xlsx)
        }
    };
}

export!(
    /// `GET /school/majors.csv`: the school's majors in the columns of the major import sheet.
    majors_csv, exports::majors, MAJOR_SHEET, "专业", false
);
export!(
    /// `GET /school/majors.xlsx`: the same as a workbook.
    majors_xlsx, exports::majors, MAJOR_SHEET, "专业", true
);
export!(
    /// `GET /school/cohorts.csv`: the school's cohorts in the columns of the cohort import sheet.
    cohorts_csv, exports::cohorts, COHORT_SHEET, "班级", false
);
export!(
    /// `GET /school/cohorts.xlsx`: the same as a workbook.
    cohorts_xlsx, exports::cohorts, COHORT_SHEET, "班级", true
);
export!(
    /// `GET /school/teachers.csv`: the school's teachers in the columns of the teacher import sheet.
    teachers_csv, exports::teachers, TEACHER_SHEET, "教师", false
);
export!(
    /// `GET /school/teachers.xlsx`: the same as a workbook.
    teachers_xlsx, exports::teachers, TEACHER_SHEET, "教师", true
);

// ---- majors -----------------------------------------------------------------

/// How the major form names its fields in error messages.
pub(crate) const MAJOR_LABELS: &[(&str, &str)] = &[
    ("code", "field.major_code"),
    ("name", "school.label.major_name"),
];

#[derive(Template)]
#[template(path = "supply/major_form.html")]
struct MajorForm {
    l: Layout,
    action: String,
    input: MajorInput,
    levels: Vec<Choice>,
    occupations: Vec<Choice>,
    errors: FormErrors,
}

/// The level choices, worded for `lang`.
pub fn level_choices(lang: Lang, current: &str) -> Vec<Choice> {
    MajorLevel::ALL
        .iter()
        .map(|l| {
            Choice::new(
                l.as_str(),
                i18n::choice(lang, "major_level", l.as_str()),
                current,
            )
        })
        .collect()
}

async fn major_form(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    input: MajorInput,
    errors: FormErrors,
) -> Result<MajorForm, PageError> {
    let lang = ctx.lang;
    let c = demand::catalogues(&state.app).await?;
    Ok(MajorForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        levels: level_choices(lang, &input.level),
        occupations: c
            .occupations
            .iter()
            .map(|o| Choice {
                value: o.code.clone(),
                label: format!("{} {}", o.code, o.name),
                selected: input.occupations.iter().any(|x| x == &o.code),
            })
            .collect(),
        input,
        errors,
    })
}

/// `GET /school/majors/{id}/edit`.
pub async fn edit_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<MajorId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let org = managing(&ctx)?;
    let majors = supply::majors(&state.app, Some(org)).await?;
    let m = majors
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| not_found(lang, "major"))?;
    let input = MajorInput {
        code: m.code.clone(),
        name: m.name.clone(),
        level: m.level.as_str().into(),
        length_years: m.length_years.to_string(),
        annual_intake: m.annual_intake.to_string(),
        occupations: m.occupations.clone(),
    };
    let page = major_form(
        &state,
        &ctx,
        format!("/school/majors/{id}/edit"),
        input,
        FormErrors::default(),
    )
    .await?;
    render(lang, &page)
}

/// `POST /school/majors/{id}/edit`.
pub async fn update_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<MajorId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = MajorInput {
        code: field(&pairs, "code"),
        name: field(&pairs, "name"),
        level: field(&pairs, "level"),
        length_years: field(&pairs, "length_years"),
        annual_intake: field(&pairs, "annual_intake"),
        occupations: pairs
            .iter()
            .filter(|(k, _)| k == "occupations")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    match supply::save_major(&state.app, &ctx.actor, Some(id), &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school")),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, MAJOR_LABELS);
            let page = major_form(
                &state,
                &ctx,
                format!("/school/majors/{id}/edit"),
                input,
                errors,
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

// ---- cohorts ----------------------------------------------------------------

/// How the cohort form names its fields in error messages.
pub(crate) const COHORT_LABELS: &[(&str, &str)] = &[("name", "school.cohort_name")];

#[derive(Template)]
#[template(path = "supply/cohort_form.html")]
struct CohortForm {
    l: Layout,
    action: String,
    input: CohortInput,
    majors: Vec<Choice>,
    sponsors: crate::lists::Picker,
    errors: FormErrors,
}

/// The search step of the cohort form's sponsor picker (`?sponsor_q=`).
#[derive(serde::Deserialize, Default)]
pub struct SponsorQuery {
    #[serde(default)]
    sponsor_q: String,
}

async fn cohort_form(
    state: &AppState,
    ctx: &Ctx,
    org: OrgId,
    action: String,
    input: CohortInput,
    errors: FormErrors,
    sponsor_search: &str,
) -> Result<CohortForm, PageError> {
    let lang = ctx.lang;
    let majors = supply::majors(&state.app, Some(org)).await?;
    // The order-class sponsor is picked by searching the enterprise members.
    let sponsors = crate::members::pages::unit_picker(
        state,
        lang,
        &[gongjiang_domain::members::OrgKind::Enterprise],
        sponsor_search,
        &input.sponsor_org_id,
    )
    .await?;
    Ok(CohortForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        majors: majors
            .iter()
            .map(|m| {
                Choice::new(
                    m.id.to_string(),
                    format!(
                        "{} {}（{}）",
                        m.code,
                        m.name,
                        i18n::choice(lang, "major_level", m.level.as_str())
                    ),
                    &input.major_id,
                )
            })
            .collect(),
        sponsors,
        input,
        errors,
    })
}

/// `GET /school/cohorts/{id}/edit`.
pub async fn edit_cohort(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<CohortId>,
    Query(pick): Query<SponsorQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let org = managing(&ctx)?;
    let cohorts = supply::cohorts(&state.app, Some(org)).await?;
    let c = cohorts
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| not_found(lang, "cohort"))?;
    let input = CohortInput {
        major_id: c.major_id.to_string(),
        name: c.name.clone(),
        entry_year: c.entry_year.to_string(),
        graduation_year: c.graduation_year.to_string(),
        size: c.size.to_string(),
        sponsor_org_id: c.sponsor_org_id.map(|s| s.to_string()).unwrap_or_default(),
    };
    let page = cohort_form(
        &state,
        &ctx,
        org,
        format!("/school/cohorts/{id}/edit"),
        input,
        FormErrors::default(),
        &pick.sponsor_q,
    )
    .await?;
    render(lang, &page)
}

/// `POST /school/cohorts/{id}/edit`.
pub async fn update_cohort(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<CohortId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = CohortInput {
        major_id: field(&pairs, "major_id"),
        name: field(&pairs, "name"),
        entry_year: field(&pairs, "entry_year"),
        graduation_year: field(&pairs, "graduation_year"),
        size: field(&pairs, "size"),
        sponsor_org_id: field(&pairs, "sponsor_org_id"),
    };
    match supply::save_cohort(&state.app, &ctx.actor, Some(id), &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school")),
        Err(Error::Invalid(errors)) => {
            let org = managing(&ctx)?;
            let errors = FormErrors::labelled(&errors, lang, COHORT_LABELS);
            let page = cohort_form(
                &state,
                &ctx,
                org,
                format!("/school/cohorts/{id}/edit"),
                input,
                errors,
                "",
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

// ---- teachers ---------------------------------------------------------------

/// How the teacher form names its fields in error messages.
pub(crate) const TEACHER_LABELS: &[(&str, &str)] = &[("name", "school.name")];

/// A teacher line.
pub struct TeacherLine {
    id: String,
    name: String,
    employment: String,
    specialties: String,
    dual: String,
    title: String,
    level: String,
    practice_days: i64,
    practice_low: bool,
    shared: bool,
}

/// The select lists of the teacher form.
pub struct TeacherChoices {
    employments: Vec<Choice>,
    duals: Vec<Choice>,
    levels: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "supply/teachers.html")]
struct TeachersPage {
    l: Layout,
    rows: Vec<TeacherLine>,
    can_manage: bool,
    action: String,
    input: TeacherInput,
    choices: TeacherChoices,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "supply/teacher_form.html")]
struct TeacherForm {
    l: Layout,
    action: String,
    input: TeacherInput,
    choices: TeacherChoices,
    errors: FormErrors,
}

async fn teacher_choices(
    state: &AppState,
    lang: Lang,
    input: &TeacherInput,
) -> Result<TeacherChoices, PageError> {
    let c = demand::catalogues(&state.app).await?;
    let employment = if input.employment.is_empty() {
        Employment::FullTime.as_str()
    } else {
        input.employment.as_str()
    };
    let dual = if input.dual_qualified.is_empty() {
        DualQualified::None.as_str()
    } else {
        input.dual_qualified.as_str()
    };
    Ok(TeacherChoices {
        employments: Employment::ALL
            .iter()
            .map(|e| {
                Choice::new(
                    e.as_str(),
                    i18n::choice(lang, "employment", e.as_str()),
                    employment,
                )
            })
            .collect(),
        duals: DualQualified::ALL
            .iter()
            .map(|d| {
                Choice::new(
                    d.as_str(),
                    i18n::choice(lang, "dual_qualified", d.as_str()),
                    dual,
                )
            })
            .collect(),
        levels: c
            .levels
            .iter()
            .map(|l| {
                let label = i18n::named(lang, &l.name_zh, &l.name_en).to_string();
                Choice::new(l.code.clone(), label, &input.skill_level)
            })
            .collect(),
    })
}

fn teacher_input(pairs: &[(String, String)]) -> TeacherInput {
    TeacherInput {
        name: field(pairs, "name"),
        employment: field(pairs, "employment"),
        specialties: field(pairs, "specialties"),
        dual_qualified: field(pairs, "dual_qualified"),
        title: field(pairs, "title"),
        skill_level: field(pairs, "skill_level"),
        practice_days: field(pairs, "practice_days"),
        shared: field(pairs, "shared"),
    }
}

fn input_of(t: &Teacher) -> TeacherInput {
    TeacherInput {
        name: t.name.clone(),
        employment: t.employment.as_str().into(),
        specialties: t.specialties.join("、"),
        dual_qualified: t.dual_qualified.as_str().into(),
        title: t.title.clone(),
        skill_level: t.skill_level.clone().unwrap_or_default(),
        practice_days: t.practice_days.to_string(),
        shared: if t.shared {
            "yes".into()
        } else {
            String::new()
        },
    }
}

async fn teachers_page(
    state: &AppState,
    ctx: &Ctx,
    input: TeacherInput,
    errors: FormErrors,
) -> Result<TeachersPage, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ViewTrainees(me.org_id))?;
    let teachers = supply::teachers(&state.app, &ctx.actor, Some(me.org_id)).await?;
    let c = demand::catalogues(&state.app).await?;
    let rows = teachers
        .iter()
        .map(|t| TeacherLine {
            id: t.id.to_string(),
            name: t.name.clone(),
            employment: i18n::choice(lang, "employment", t.employment.as_str()),
            specialties: t.specialties.join("、"),
            dual: i18n::choice(lang, "dual_qualified", t.dual_qualified.as_str()),
            title: t.title.clone(),
            level: t
                .skill_level
                .as_ref()
                .map(|code| {
                    c.levels
                        .iter()
                        .find(|l| &l.code == code)
                        .map(|l| i18n::named(lang, &l.name_zh, &l.name_en).to_string())
                        .unwrap_or_else(|| code.clone())
                })
                .unwrap_or_default(),
            practice_days: t.practice_days,
            practice_low: t.practice_days < PRACTICE_DAYS_EXPECTED,
            shared: t.shared,
        })
        .collect();
    Ok(TeachersPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        rows,
        can_manage: ctx.actor.may(Permission::ManageSupply(me.org_id)),
        action: "/school/teachers".into(),
        choices: teacher_choices(state, lang, &input).await?,
        input,
        errors,
    })
}

/// `GET /school/teachers`: the school's teachers, shared with the faculty pool or not, and the add form.
pub async fn teachers(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let page = teachers_page(&state, &ctx, TeacherInput::default(), FormErrors::default()).await?;
    render(ctx.lang, &page)
}

/// `POST /school/teachers`: adds a teacher; a bad field shows the page again with the field named.
pub async fn add_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = teacher_input(&pairs);
    match supply::save_teacher(&state.app, &ctx.actor, None, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school/teachers")),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, TEACHER_LABELS);
            let page = teachers_page(&state, &ctx, input, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `GET /school/teachers/{id}/edit`.
pub async fn edit_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TeacherId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let org = managing(&ctx)?;
    let teachers = supply::teachers(&state.app, &ctx.actor, Some(org)).await?;
    let t = teachers
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found(lang, "teacher"))?;
    let input = input_of(t);
    let page = TeacherForm {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        action: format!("/school/teachers/{id}/edit"),
        choices: teacher_choices(&state, lang, &input).await?,
        input,
        errors: FormErrors::default(),
    };
    render(lang, &page)
}

/// `POST /school/teachers/{id}/edit`.
pub async fn update_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TeacherId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = teacher_input(&pairs);
    match supply::save_teacher(&state.app, &ctx.actor, Some(id), &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school/teachers")),
        Err(Error::Invalid(errors)) => {
            let page = TeacherForm {
                l: Layout::new(&ctx, state.app.settings.demo_mode),
                action: format!("/school/teachers/{id}/edit"),
                choices: teacher_choices(&state, lang, &input).await?,
                input,
                errors: FormErrors::labelled(&errors, lang, TEACHER_LABELS),
            };
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongjiang_sheets::{ColumnKind, SheetSpec};

    fn choices(spec: &SheetSpec, key: &str) -> Vec<(&'static str, &'static str)> {
        match spec.columns.iter().find(|c| c.key == key).map(|c| c.kind) {
            Some(ColumnKind::Choice(choices)) => choices.to_vec(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn pages_word_levels_employment_and_grades_as_the_import_sheets_do() {
        for (spec, key, group) in [
            (&MAJOR_SHEET, "level", "major_level"),
            (&TEACHER_SHEET, "employment", "employment"),
            (&TEACHER_SHEET, "dual_qualified", "dual_qualified"),
        ] {
            let list = choices(spec, key);
            assert!(!list.is_empty(), "{key}");
            for (value, label) in list {
                assert_eq!(
                    i18n::choice(Lang::Zh, group, value),
                    label,
                    "{group}.{value}"
                );
                assert_ne!(
                    i18n::choice(Lang::En, group, value),
                    value,
                    "{group}.{value}"
                );
            }
        }
    }
}

// ---- trainees ---------------------------------------------------------------

/// How the trainee form names its fields in error messages.
pub(crate) const TRAINEE_LABELS: &[(&str, &str)] = &[
    ("name", "school.name"),
    ("id_number", "school.id_number"),
    ("phone", "field.phone"),
    ("student_no", "field.student_no"),
    ("cohort_id", "school.cohort"),
    ("status", "school.status"),
    ("consent_purpose", "school.consent"),
];

#[derive(Template)]
#[template(path = "supply/trainee_form.html")]
struct TraineeForm {
    l: Layout,
    action: String,
    input: gongjiang_domain::supply::TraineeInput,
    id_masked: String,
    phone_masked: String,
    cohorts: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: FormErrors,
}

async fn trainee_form(
    state: &AppState,
    ctx: &Ctx,
    id: TraineeId,
    input: gongjiang_domain::supply::TraineeInput,
    errors: FormErrors,
) -> Result<TraineeForm, PageError> {
    let lang = ctx.lang;
    let t = supply::trainee(&state.app, &ctx.actor, id).await?;
    let cohorts = supply::cohorts(&state.app, Some(t.org_id)).await?;
    Ok(TraineeForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action: format!("/school/trainees/{id}/edit"),
        id_masked: t.id_number,
        phone_masked: t.phone,
        cohorts: std::iter::once(Choice::new("", "—", &input.cohort_id))
            .chain(
                cohorts
                    .iter()
                    .map(|c| Choice::new(c.id.to_string(), c.name.clone(), &input.cohort_id)),
            )
            .collect(),
        statuses: TraineeStatus::ALL
            .iter()
            .map(|s| {
                Choice::new(
                    s.as_str(),
                    crate::supply::pages::trainee_status(lang, *s),
                    &input.status,
                )
            })
            .collect(),
        input,
        errors,
    })
}

/// `GET /school/trainees/{id}/edit`: the form to change a trainee of my
/// school; the ID number and phone show masked and are kept unless retyped.
pub async fn edit_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    managing(&ctx)?;
    let t = supply::open_trainee(&state.app, &ctx.actor, id).await?;
    let input = gongjiang_domain::supply::TraineeInput {
        name: t.name.clone(),
        id_number: String::new(),
        phone: String::new(),
        student_no: t.student_no.clone(),
        cohort_id: t.cohort_id.map(|c| c.to_string()).unwrap_or_default(),
        status: t.status.as_str().into(),
        consent_purpose: t.consent_purpose.clone(),
    };
    let form = trainee_form(&state, &ctx, id, input, FormErrors::default()).await?;
    render(lang, &form)
}

/// `POST /school/trainees/{id}/edit`: changes the trainee; a bad field shows
/// the form again with the field named (the typed identifiers are not echoed).
pub async fn update_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = gongjiang_domain::supply::TraineeInput {
        name: field(&pairs, "name"),
        id_number: field(&pairs, "id_number"),
        phone: field(&pairs, "phone"),
        student_no: field(&pairs, "student_no"),
        cohort_id: field(&pairs, "cohort_id"),
        status: field(&pairs, "status"),
        consent_purpose: field(&pairs, "consent_purpose"),
    };
    match supply::edit_trainee(&state.app, &ctx.actor, id, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school")),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, TRAINEE_LABELS);
            let shown = gongjiang_domain::supply::TraineeInput {
                id_number: String::new(),
                phone: String::new(),
                ..input
            };
            let form = trainee_form(&state, &ctx, id, shown, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &form)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

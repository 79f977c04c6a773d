//! Employment: jobs and their 6- and 12-month follow-ups, the funnel, and the trainee's own record.

pub mod api;
pub mod my_record;
pub mod pages;

use crate::routes::Access::Policy;
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// For a school or an employer: follow-ups that are due.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    let manage = ctx.actor.user().is_ok_and(|me| {
        ctx.actor
            .may(gongjiang_app::policy::Permission::ManageEmployment(
                me.org_id,
            ))
    });
    if !manage {
        return Ok(Vec::new());
    }
    let due = gongjiang_app::employment::reminders(&state.app, &ctx.actor)
        .await?
        .len();
    Ok(if due > 0 {
        vec![crate::areas::Notice {
            id: "employment-due".into(),
            href: Some("/employment".into()),
            text: format!("{due} {}", crate::i18n::tr(ctx.lang, "home.employment_due")),
        }]
    } else {
        Vec::new()
    })
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/employment", Policy(Kind::ManageEmployment), "my unit's employment records, follow-ups due, placements to confirm", pages::show)
        .route(get.clone(), "/employment.csv", Policy(Kind::ManageEmployment), "my unit's employment records, filtered as on the page, as CSV", pages::records_export)
        .route(get.clone(), "/employment.xlsx", Policy(Kind::ManageEmployment), "my unit's employment records, filtered as on the page, as a workbook", pages::records_export)
        .route(get.clone(), "/employment/due.csv", Policy(Kind::ManageEmployment), "my unit's follow-ups due, the most overdue first, as CSV", pages::due_export)
        .route(get.clone(), "/employment/due.xlsx", Policy(Kind::ManageEmployment), "my unit's follow-ups due, the most overdue first, as a workbook", pages::due_export)
        .route(post.clone(), "/employment/new", Policy(Kind::ManageEmployment), "record a job by hand", pages::create)
        .route(post.clone(), "/employment/placements/{id}/confirm", Policy(Kind::ManageEmployment), "confirm a placement as a job", pages::confirm)
        .route(post.clone(), "/employment/{id}/outcome", Policy(Kind::ManageEmployment), "enter a 6- or 12-month follow-up", pages::outcome)
        .route(get.clone(), "/funnel", Policy(Kind::ViewFunnel), "talent funnel by cohort, major or enterprise", pages::funnel)
        .route(get.clone(), "/funnel.xlsx", Policy(Kind::ViewFunnel), "the talent funnel as a workbook", pages::funnel_xlsx)
        .route(get.clone(), "/me/record", Policy(Kind::ViewOwnRecord), "my path: school, cohort, placements, employment", my_record::show)
        .route(get.clone(), "/me/record/export.json", Policy(Kind::ViewOwnRecord), "everything held about me as JSON (audited)", my_record::export_json)
        .route(get.clone(), "/me/record/export.xlsx", Policy(Kind::ViewOwnRecord), "everything held about me as a workbook (audited)", my_record::export_xlsx)
        .route(get.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "my unit's employment records and placements to confirm", api::overview)
        .json(post.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "record a job by hand (school: trainee_id; employer: id_number)", api::job_schema, api::create)
        .route(get.clone(), "/api/v1/employment/reminders", Policy(Kind::ManageEmployment), "follow-ups due for my unit", api::reminders)
        .route(get.clone(), "/api/v1/employment/{id}", Policy(Kind::ManageEmployment), "one employment record with its follow-ups", api::get)
        .json(post.clone(), "/api/v1/employment/{id}/outcomes", Policy(Kind::ManageEmployment), "enter the 6- or 12-month follow-up", api::outcome_schema, api::outcome)
        .json(post.clone(), "/api/v1/placements/{id}/employment", Policy(Kind::ManageEmployment), "confirm a placement as a job", api::job_schema, api::confirm)
        .route(get.clone(), "/api/v1/funnel", Policy(Kind::ViewFunnel), "talent funnel (?by=cohort|major|enterprise)", api::funnel)
        .route(get.clone(), "/api/v1/me/record", Policy(Kind::ViewOwnRecord), "my path so far", api::my_record)
        .route(get.clone(), "/api/v1/me/record/export", Policy(Kind::ViewOwnRecord), "everything held about me, identifiers in full (audited)", api::export_mine)
        .route(get.clone(), "/api/v1/trainees/{id}/record/export", Policy(Kind::ManageSupply), "a trainee's data for their school, masked (audited)", api::export_trainee)
}

//! Employment: jobs and their 6- and 12-month follow-ups, the funnel, and the trainee's own record.

pub mod alliance;
pub mod api;
pub mod my_record;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Items;
use crate::routes::Access::Policy;
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

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
        return alliance_notice(state, ctx).await;
    }
    let due = gongjiang_app::employment::reminder_count(&state.app, &ctx.actor).await?;
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

/// For the secretariat: the follow-ups overdue across the alliance and how
/// many units owe them, linking to the units, the most overdue first.
async fn alliance_notice(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    if !ctx
        .actor
        .may(gongjiang_app::policy::Permission::ViewAllianceEmployment)
    {
        return Ok(Vec::new());
    }
    let counted = gongjiang_app::employment::alliance(
        &state.app,
        &ctx.actor,
        gongjiang_app::employment::AllianceBy::School,
    )
    .await?;
    let f = &counted.value;
    Ok(if f.total.overdue > 0 {
        vec![crate::areas::Notice {
            id: "follow-ups-overdue".into(),
            href: Some("/employment/alliance?by=school".into()),
            text: crate::i18n::tr_args(
                ctx.lang,
                "work.follow_ups_overdue",
                &[
                    ("n", f.total.overdue.to_string()),
                    ("m", f.units_overdue().to_string()),
                ],
            ),
        }]
    } else {
        Vec::new()
    })
}

/// Employment records for the units that keep them, the funnel for whom may
/// see it, and a trainee's own record.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    use crate::areas::NavLink;
    use gongjiang_app::policy::{Kind, role_holds};
    let Ok(me) = ctx.actor.user() else {
        return Vec::new();
    };
    let mut links = Vec::new();
    if role_holds(me.role, Kind::ManageEmployment) {
        links.push(NavLink::new("/employment", "nav.employment"));
    }
    if role_holds(me.role, Kind::ViewAllianceEmployment) {
        links.push(NavLink::new("/employment/alliance", "nav.employment"));
    }
    if role_holds(me.role, Kind::ViewFunnel) {
        links.push(NavLink::new("/funnel", "nav.funnel"));
    }
    if role_holds(me.role, Kind::ViewOwnRecord) {
        links.push(NavLink::new("/me/record", "nav.my_record"));
    }
    links
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/employment", Policy(Kind::ManageEmployment), "my unit's employment records, follow-ups due, placements to confirm", pages::show).purpose(Purpose::Employment)
        .route(get.clone(), "/employment.csv", Policy(Kind::ManageEmployment), "my unit's employment records, filtered as on the page, as CSV", pages::records_export).purpose(Purpose::Employment)
        .route(get.clone(), "/employment.xlsx", Policy(Kind::ManageEmployment), "my unit's employment records, filtered as on the page, as a workbook", pages::records_export).purpose(Purpose::Employment)
        .route(get.clone(), "/employment/due.csv", Policy(Kind::ManageEmployment), "my unit's follow-ups due, the most overdue first, as CSV", pages::due_export).purpose(Purpose::Employment)
        .route(get.clone(), "/employment/due.xlsx", Policy(Kind::ManageEmployment), "my unit's follow-ups due, the most overdue first, as a workbook", pages::due_export).purpose(Purpose::Employment)
        .route(post.clone(), "/employment/new", Policy(Kind::ManageEmployment), "record a job by hand", pages::create).purpose(Purpose::Employment)
        .route(post.clone(), "/employment/placements/{id}/confirm", Policy(Kind::ManageEmployment), "confirm a placement as a job", pages::confirm).purpose(Purpose::Employment)
        .route(post.clone(), "/employment/{id}/outcome", Policy(Kind::ManageEmployment), "enter a 6- or 12-month follow-up", pages::outcome).purpose(Purpose::Employment)
        .route(get.clone(), "/employment/alliance", Policy(Kind::ViewAllianceEmployment), "the alliance's employment by school or employer: records, wage, follow-ups due, entered, overdue, retention", alliance::show)
        .route(get.clone(), "/employment/alliance.csv", Policy(Kind::ViewAllianceEmployment), "the alliance's employment, every unit and the total, as CSV", alliance::export)
        .route(get.clone(), "/employment/alliance.xlsx", Policy(Kind::ViewAllianceEmployment), "the alliance's employment, every unit and the total, as a workbook", alliance::export)
        .route(get.clone(), "/funnel", Policy(Kind::ViewFunnel), "talent funnel by cohort, major or enterprise", pages::funnel)
        .route(get.clone(), "/funnel.xlsx", Policy(Kind::ViewFunnel), "the talent funnel as a workbook", pages::funnel_xlsx)
        .route(get.clone(), "/funnel.csv", Policy(Kind::ViewFunnel), "the talent funnel as CSV", pages::funnel_csv)
        .route(get.clone(), "/me/record", Policy(Kind::ViewOwnRecord), "my path: school, cohort, placements, employment", my_record::show).purpose(Purpose::Rights)
        .route(get.clone(), "/me/record/export.json", Policy(Kind::ViewOwnRecord), "everything held about me as JSON (audited)", my_record::export_json).purpose(Purpose::Rights)
        .route(get.clone(), "/me/record/export.xlsx", Policy(Kind::ViewOwnRecord), "everything held about me as a workbook (audited)", my_record::export_xlsx).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "my unit's employment records and placements to confirm", api::overview).answers(schema::<gongjiang_app::employment::Overview>).purpose(Purpose::Employment)
        .json(post.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "record a job by hand (school: trainee_id; employer: id_number)", schema::<api::JobBody>, api::create).creates(schema::<gongjiang_app::employment::RecordView>).purpose(Purpose::Employment)
        .route(get.clone(), "/api/v1/employment/reminders", Policy(Kind::ManageEmployment), "follow-ups due for my unit", api::reminders).answers(schema::<Items<gongjiang_app::employment::Reminder>>).purpose(Purpose::Employment)
        .route(get.clone(), "/api/v1/employment/{id}", Policy(Kind::ManageEmployment), "one employment record with its follow-ups", api::get).answers(schema::<gongjiang_app::employment::RecordView>).purpose(Purpose::Employment)
        .json(post.clone(), "/api/v1/employment/{id}/outcomes", Policy(Kind::ManageEmployment), "enter the 6- or 12-month follow-up", schema::<api::OutcomeBody>, api::outcome).answers(schema::<gongjiang_app::employment::RecordView>).purpose(Purpose::Employment)
        .json(post.clone(), "/api/v1/placements/{id}/employment", Policy(Kind::ManageEmployment), "confirm a placement as a job", schema::<api::JobBody>, api::confirm).creates(schema::<gongjiang_app::employment::RecordView>).purpose(Purpose::Employment)
        .route(get.clone(), "/api/v1/employment/alliance", Policy(Kind::ViewAllianceEmployment), "the alliance's employment (?by=school|employer): per unit and in total, the most overdue first", alliance::api).answers(schema::<alliance::AllianceAnswer>)
        .route(get.clone(), "/api/v1/funnel", Policy(Kind::ViewFunnel), "talent funnel (?by=cohort|major|enterprise)", api::funnel).answers(schema::<api::FunnelAnswer>)
        .route(get.clone(), "/api/v1/me/record", Policy(Kind::ViewOwnRecord), "my path so far", api::my_record).answers(schema::<api::PathView>).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/me/record/export", Policy(Kind::ViewOwnRecord), "everything held about me, identifiers in full (audited)", api::export_mine).answers_file("application/json").purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/trainees/{id}/record/export", Policy(Kind::ManageSupply), "a trainee's data for their school, masked (audited)", api::export_trainee).answers_file("application/json").purpose(Purpose::Enrolment)
}

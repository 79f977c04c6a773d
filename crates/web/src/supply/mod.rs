//! Supply: a school's majors, cohorts, trainees and teachers, and the alliance's faculty pool.

pub mod api;
pub mod faculty;
pub mod pages;
pub mod school;

use crate::api_docs::schema;
use crate::json::{Items, Page};
use crate::routes::Access::{Policy, Public, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// The school's own page for its staff; the faculty pool for members' staff.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    use crate::areas::NavLink;
    let mut links = Vec::new();
    if let Ok(me) = ctx.actor.user() {
        if ctx.at_school
            && ctx
                .actor
                .may(gongjiang_app::policy::Permission::ManageSupply(me.org_id))
        {
            links.push(NavLink::new("/school", "nav.school"));
        }
        // The faculty pool is for member staff; a trainee has no use of it.
        if me.role != gongjiang_domain::accounts::Role::Trainee {
            links.push(NavLink::new("/faculty", "nav.faculty"));
        }
    }
    links
}

/// The school's trainees to place before their cohort graduates, and those
/// certified this term, each linking to the trainee list narrowed to them.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    use crate::areas::Notice;
    use crate::i18n::tr_args;
    let Some(q) = gongjiang_app::supply::work_queue(&state.app, &ctx.actor).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    if q.unplaced > 0 {
        out.push(Notice {
            id: "unplaced".into(),
            href: Some(format!("/school?unplaced_by={}#trainees", q.graduating_by)),
            text: tr_args(
                ctx.lang,
                "work.unplaced",
                &[
                    ("n", q.unplaced.to_string()),
                    ("year", q.graduating_by.to_string()),
                ],
            ),
        });
    }
    if q.certified > 0 {
        out.push(Notice {
            id: "certified-term".into(),
            href: Some(format!("/school?certified_since={}#trainees", q.term_start)),
            text: tr_args(
                ctx.lang,
                "work.certified_term",
                &[
                    ("n", q.certified.to_string()),
                    ("since", q.term_start.clone()),
                ],
            ),
        });
    }
    Ok(out)
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let upload_limit = crate::state::WebConfig::default().max_upload_bytes;
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/school", Policy(Kind::ViewTrainees), "my school's majors, cohorts and trainees", pages::school).purpose(Purpose::Enrolment)
        .route(post.clone(), "/school/majors", Policy(Kind::ManageSupply), "add a major", pages::add_major)
        .route(get.clone(), "/school/majors.csv", Policy(Kind::ViewTrainees), "my school's majors as CSV (the major import sheet's columns)", school::majors_csv)
        .route(get.clone(), "/school/majors.xlsx", Policy(Kind::ViewTrainees), "my school's majors as a workbook (the major import sheet's columns)", school::majors_xlsx)
        .route(get.clone(), "/school/majors/{id}/edit", Policy(Kind::ManageSupply), "form to change a major", school::edit_major)
        .route(post.clone(), "/school/majors/{id}/edit", Policy(Kind::ManageSupply), "change a major", school::update_major)
        .route(post.clone(), "/school/cohorts", Policy(Kind::ManageSupply), "add a cohort", pages::add_cohort)
        .route(get.clone(), "/school/cohorts.csv", Policy(Kind::ViewTrainees), "my school's cohorts as CSV (the cohort import sheet's columns)", school::cohorts_csv)
        .route(get.clone(), "/school/cohorts.xlsx", Policy(Kind::ViewTrainees), "my school's cohorts as a workbook (the cohort import sheet's columns)", school::cohorts_xlsx)
        .route(get.clone(), "/school/cohorts/{id}/edit", Policy(Kind::ManageSupply), "form to change a cohort", school::edit_cohort)
        .route(post.clone(), "/school/cohorts/{id}/edit", Policy(Kind::ManageSupply), "change a cohort", school::update_cohort)
        .route(get.clone(), "/school/teachers", Policy(Kind::ViewTrainees), "my school's teachers, with the add form", school::teachers)
        .route(post.clone(), "/school/teachers", Policy(Kind::ManageSupply), "add a teacher", school::add_teacher)
        .route(get.clone(), "/school/teachers.csv", Policy(Kind::ViewTrainees), "my school's teachers as CSV (the teacher import sheet's columns)", school::teachers_csv)
        .route(get.clone(), "/school/teachers.xlsx", Policy(Kind::ViewTrainees), "my school's teachers as a workbook (the teacher import sheet's columns)", school::teachers_xlsx)
        .route(get.clone(), "/school/teachers/{id}/edit", Policy(Kind::ManageSupply), "form to change a teacher", school::edit_teacher)
        .route(post.clone(), "/school/teachers/{id}/edit", Policy(Kind::ManageSupply), "change a teacher", school::update_teacher)
        .route(get.clone(), "/faculty", SignedIn, "the alliance's faculty pool: teachers the member schools share (staff only)", faculty::pool)
        .route(get.clone(), "/faculty.csv", SignedIn, "the faculty pool as filtered, as CSV", faculty::pool_export)
        .route(get.clone(), "/faculty.xlsx", SignedIn, "the faculty pool as filtered, as a workbook", faculty::pool_export)
        .route(post.clone(), "/school/trainees", Policy(Kind::ManageSupply), "add a trainee", pages::add_trainee).purpose(Purpose::Enrolment)
        .route(get.clone(), "/school/trainees/{id}/edit", Policy(Kind::ManageSupply), "form to change a trainee (identifiers masked, kept unless retyped)", school::edit_trainee).purpose(Purpose::Enrolment)
        .route(post.clone(), "/school/trainees/{id}/edit", Policy(Kind::ManageSupply), "change a trainee", school::update_trainee).purpose(Purpose::Enrolment)
        .route(get.clone(), "/school/trainees.csv", Policy(Kind::ViewTrainees), "my school's trainees as CSV (identifiers masked)", pages::trainees_export).purpose(Purpose::Enrolment)
        .route(get.clone(), "/school/trainees.xlsx", Policy(Kind::ViewTrainees), "my school's trainees as a workbook (identifiers masked)", pages::trainees_export).purpose(Purpose::Enrolment)
        .route(get.clone(), "/school/trainees/template.xlsx", Policy(Kind::ManageSupply), "the trainee import template (.xlsx)", pages::trainee_template)
        .upload(post.clone(), "/school/trainees/import", Policy(Kind::ManageSupply), "import trainees from a file (all or nothing)", upload_limit, pages::import_trainees).purpose(Purpose::Enrolment)
        .route(post.clone(), "/school/trainees/{id}/reveal", Policy(Kind::RevealPersonalData), "show a trainee's identifiers (logged)", pages::reveal).purpose(Purpose::Enrolment)
        .route(get.clone(), "/api/v1/majors", Public, "majors (of one school with org_id)", api::majors).answers(schema::<Items<gongjiang_domain::supply::Major>>)
        .json(post.clone(), "/api/v1/majors", Policy(Kind::ManageSupply), "add a major to my school", schema::<api::MajorBody>, api::create_major).creates(schema::<gongjiang_domain::supply::Major>)
        .json(Method::PUT, "/api/v1/majors/{id}", Policy(Kind::ManageSupply), "change a major", schema::<api::MajorBody>, api::update_major).answers(schema::<gongjiang_domain::supply::Major>)
        .route(get.clone(), "/api/v1/cohorts", Public, "cohorts (of one school with org_id)", api::cohorts).answers(schema::<Items<gongjiang_domain::supply::Cohort>>)
        .json(post.clone(), "/api/v1/cohorts", Policy(Kind::ManageSupply), "add a cohort to my school", schema::<api::CohortBody>, api::create_cohort).creates(schema::<gongjiang_domain::supply::Cohort>)
        .route(get.clone(), "/api/v1/teachers", SignedIn, "my school's teachers (org_id) or the shared faculty pool", api::teachers).answers(schema::<Items<api::TeacherView>>)
        .json(post.clone(), "/api/v1/teachers", Policy(Kind::ManageSupply), "add a teacher to my school", schema::<api::TeacherBody>, api::create_teacher).creates(schema::<api::TeacherView>)
        .json(Method::PUT, "/api/v1/teachers/{id}", Policy(Kind::ManageSupply), "change a teacher", schema::<api::TeacherBody>, api::update_teacher).answers(schema::<api::TeacherView>)
        .route(get.clone(), "/api/v1/trainees", Policy(Kind::ViewTrainees), "trainees of my school (masked)", api::trainees).answers(schema::<Page<gongjiang_app::supply::TraineeView>>).purpose(Purpose::Enrolment)
        .json(post.clone(), "/api/v1/trainees", Policy(Kind::ManageSupply), "add a trainee to my school", schema::<api::TraineeBody>, api::create_trainee).creates(schema::<gongjiang_app::supply::TraineeView>).purpose(Purpose::Enrolment)
        .route(get.clone(), "/api/v1/trainees/{id}", Policy(Kind::ViewTrainees), "one trainee (masked)", api::trainee).answers(schema::<gongjiang_app::supply::TraineeView>).purpose(Purpose::Enrolment)
        .json(Method::PUT, "/api/v1/trainees/{id}", Policy(Kind::ManageSupply), "change a trainee", schema::<api::TraineeBody>, api::update_trainee).answers(schema::<gongjiang_app::supply::TraineeView>).purpose(Purpose::Enrolment)
        .json(post.clone(), "/api/v1/trainees/{id}/reveal", Policy(Kind::RevealPersonalData), "full ID and phone numbers, with a reason (logged)", schema::<api::RevealBody>, api::reveal).answers(schema::<gongjiang_app::supply::TraineeView>).purpose(Purpose::Enrolment)
}

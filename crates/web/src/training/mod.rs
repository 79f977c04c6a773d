//! Training: work-study structures, learning records, internships with their rule check, logs and visits.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Page;
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// Internships, for anyone signed in.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    crate::areas::signed_in(ctx, "/internships", "nav.internships")
}

/// The weekly log's work queue on the home page: entries to confirm and
/// interns on site (host), queried entries and trainees out (school), this
/// week's entry (trainee), each linking to where it is done.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    use crate::areas::Notice;
    use crate::i18n::tr_args;
    let q = gongjiang_app::training::work_queue(&state.app, &ctx.actor).await?;
    let mut out = Vec::new();
    if let Some((to_confirm, on_site)) = q.host {
        out.push(Notice {
            id: "logs-to-confirm".into(),
            href: Some("/internships".into()),
            text: tr_args(
                ctx.lang,
                "work.to_confirm",
                &[("n", to_confirm.to_string()), ("m", on_site.to_string())],
            ),
        });
    }
    if let Some((queried, away)) = q.school {
        out.push(Notice {
            id: "logs-queried".into(),
            href: Some("/internships".into()),
            text: tr_args(
                ctx.lang,
                "work.queried",
                &[("n", queried.to_string()), ("m", away.to_string())],
            ),
        });
    }
    if let Some((id, written)) = q.mine {
        out.push(Notice {
            id: "my-log".into(),
            href: Some(format!("/internships/{id}#write-log")),
            text: crate::i18n::tr(
                ctx.lang,
                if written {
                    "work.my_log_done"
                } else {
                    "work.my_log_due"
                },
            )
            .to_string(),
        });
    }
    Ok(out)
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/internships", SignedIn, "internships I may see", pages::list).purpose(Purpose::Training)
        .route(get.clone(), "/internships.csv", SignedIn, "the internships I may see, filtered as on the page, as CSV", pages::list_export).purpose(Purpose::Training)
        .route(get.clone(), "/internships.xlsx", SignedIn, "the internships I may see, filtered as on the page, as a workbook", pages::list_export).purpose(Purpose::Training)
        .route(get.clone(), "/internships/new", Policy(Kind::ManageTraining), "form for a new internship", pages::new_form).purpose(Purpose::Training)
        .route(post.clone(), "/internships/new", Policy(Kind::ManageTraining), "record an internship for a trainee of my school", pages::create).purpose(Purpose::Training)
        .route(get.clone(), "/internships/{id}", SignedIn, "one internship: rule check, documents, log, missing weeks, visits", pages::show).purpose(Purpose::Training)
        .route(get.clone(), "/internships/{id}/print/{paper}", SignedIn, "an internship's printable paperwork: the tripartite agreement, the weekly-log booklet or the visit record (`agreement`, `logs`, `visits`)", pages::print).purpose(Purpose::Training)
        .route(get.clone(), "/internships/{id}/edit", Policy(Kind::ManageTraining), "form to change a draft or ready internship", pages::edit_form).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/edit", Policy(Kind::ManageTraining), "change a draft or ready internship", pages::update).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/status", Policy(Kind::ManageTraining), "draft ⇄ ready, finish, terminate", pages::set_status).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/start", Policy(Kind::ManageTraining), "start (refused with every failing rule listed)", pages::start).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/override", Policy(Kind::OverrideInternshipRules), "start despite hard failures, with a written reason", pages::override_start).purpose(Purpose::Training)
        .upload(post.clone(), "/internships/{id}/documents", Policy(Kind::ManageTraining), "attach a document (multipart: kind, file)", pages::UPLOAD_LIMIT, pages::attach).purpose(Purpose::Training)
        .route(get.clone(), "/internships/{id}/documents/{file}", SignedIn, "download an internship document", pages::download).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/log", Policy(Kind::WriteInternshipLog), "write my weekly log entry", pages::write_log).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/log/{entry}", Policy(Kind::WriteInternshipLog), "revise my log entry while it is not confirmed (the earlier text is kept)", pages::revise_log).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/log/{entry}/review", Policy(Kind::SuperviseInterns), "confirm or query a log entry (host)", pages::review_log).purpose(Purpose::Training)
        .route(post.clone(), "/internships/{id}/visits", Policy(Kind::ManageTraining), "record a supervisor's visit", pages::record_visit).purpose(Purpose::Training)
        .route(get.clone(), "/training/majors/{id}", SignedIn, "a major's work-study structure", pages::structure)
        .route(post.clone(), "/training/majors/{id}/work-tasks", Policy(Kind::ManageTraining), "add a typical work task", pages::add_work_task)
        .route(post.clone(), "/training/work-tasks/{id}/courses", Policy(Kind::ManageTraining), "add an integrated course", pages::add_course)
        .route(post.clone(), "/training/courses/{id}/learning-tasks", Policy(Kind::ManageTraining), "add a learning task", pages::add_learning_task)
        .route(get.clone(), "/training/trainees/{id}", SignedIn, "a trainee's learning records and internships", pages::trainee).purpose(Purpose::Training)
        .route(post.clone(), "/training/trainees/{id}/learning", Policy(Kind::ManageTraining), "record a completed learning task", pages::record_learning).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/majors/{id}/structure", SignedIn, "a major's work-study structure: work tasks → courses → learning tasks", api::structure).answers(schema::<gongjiang_app::training::Structure>)
        .json(post.clone(), "/api/v1/majors/{id}/work-tasks", Policy(Kind::ManageTraining), "add a typical work task to a major of my school", schema::<api::StructureBody>, api::add_work_task).creates(schema::<gongjiang_domain::training::WorkTask>)
        .json(Method::PUT, "/api/v1/work-tasks/{id}", Policy(Kind::ManageTraining), "change a work task", schema::<api::StructureBody>, api::update_work_task).answers(schema::<gongjiang_domain::training::WorkTask>)
        .json(post.clone(), "/api/v1/work-tasks/{id}/courses", Policy(Kind::ManageTraining), "add an integrated course to a work task", schema::<api::StructureBody>, api::add_course).creates(schema::<gongjiang_domain::training::Course>)
        .json(Method::PUT, "/api/v1/courses/{id}", Policy(Kind::ManageTraining), "change a course", schema::<api::StructureBody>, api::update_course).answers(schema::<gongjiang_domain::training::Course>)
        .json(post.clone(), "/api/v1/courses/{id}/learning-tasks", Policy(Kind::ManageTraining), "add a learning task (planned hours) to a course", schema::<api::StructureBody>, api::add_learning_task).creates(schema::<gongjiang_domain::training::LearningTask>)
        .json(Method::PUT, "/api/v1/learning-tasks/{id}", Policy(Kind::ManageTraining), "change a learning task", schema::<api::StructureBody>, api::update_learning_task).answers(schema::<gongjiang_domain::training::LearningTask>)
        .route(get.clone(), "/api/v1/trainees/{id}/learning", SignedIn, "a trainee's completed learning tasks (school staff, secretariat, the trainee)", api::learning).answers(schema::<api::LearningList>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/trainees/{id}/learning", Policy(Kind::ManageTraining), "record a learning task a trainee of my school completed", schema::<api::LearningBody>, api::record_learning).creates(schema::<gongjiang_domain::training::LearningRecord>).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/trainees/{id}/internships", SignedIn, "a trainee's internships and whether they have interned", api::trainee_internships).answers(schema::<api::TraineeInternships>).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/internships", SignedIn, "internships I may see (my school's, at my enterprise, my own; all for the secretariat), newest start first, a page at a time (?status=&page=&per_page=)", api::list).answers(schema::<Page<api::ListedJson>>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/internships", Policy(Kind::ManageTraining), "record an internship (draft) for a trainee of my school", schema::<api::InternshipBody>, api::create).creates(schema::<api::InternshipJson>).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/internships/{id}", SignedIn, "one internship: documents, rule check, log, missing weeks, visits", api::get).answers(schema::<api::InternshipDetail>).purpose(Purpose::Training)
        .json(Method::PUT, "/api/v1/internships/{id}", Policy(Kind::ManageTraining), "change a draft or ready internship", schema::<api::InternshipBody>, api::update).answers(schema::<api::InternshipJson>).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/internships/{id}/check", SignedIn, "the rule check INT-01…INT-14 as it stands", api::check).answers(schema::<api::CheckView>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/internships/{id}/status", Policy(Kind::ManageTraining), "draft ⇄ ready, finish, terminate", schema::<api::StatusBody>, api::set_status).answers(schema::<api::InternshipJson>).purpose(Purpose::Training)
        .route(post.clone(), "/api/v1/internships/{id}/start", Policy(Kind::ManageTraining), "start: 409 with every failure when a hard rule fails", api::start).answers(schema::<api::Started>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/internships/{id}/override", Policy(Kind::OverrideInternshipRules), "start despite hard failures, with a written reason (audited)", schema::<api::OverrideBody>, api::override_start).answers(schema::<api::Started>).purpose(Purpose::Training)
        .upload(post.clone(), "/api/v1/internships/{id}/documents", Policy(Kind::ManageTraining), "attach a PDF, PNG or JPEG (body = file, ?kind=agreement|guardian_consent|consent_form&name=)", 5 * 1024 * 1024, api::attach).creates(schema::<gongjiang_app::training::Document>).purpose(Purpose::Training)
        .route(get.clone(), "/api/v1/internships/{id}/documents/{file}", SignedIn, "download an internship document", api::download).answers_file("application/octet-stream").purpose(Purpose::Training)
        .json(Method::PUT, "/api/v1/internships/{id}/log", Policy(Kind::WriteInternshipLog), "write my weekly log entry", schema::<api::LogBody>, api::write_log).answers(schema::<gongjiang_domain::training::LogEntry>).purpose(Purpose::Training)
        .json(Method::PUT, "/api/v1/internships/{id}/log/{entry}", Policy(Kind::WriteInternshipLog), "revise my log entry while it is not confirmed (the earlier text is kept; a queried entry goes back to the host)", schema::<api::ReviseBody>, api::revise_log).answers(schema::<gongjiang_domain::training::LogEntry>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/internships/{id}/log/{entry}/review", Policy(Kind::SuperviseInterns), "confirm or query a log entry (host)", schema::<api::ReviewBody>, api::review_log).answers(schema::<gongjiang_domain::training::LogEntry>).purpose(Purpose::Training)
        .json(post.clone(), "/api/v1/internships/{id}/visits", Policy(Kind::ManageTraining), "record a supervisor's visit", schema::<api::VisitBody>, api::record_visit).creates(schema::<gongjiang_domain::training::Visit>).purpose(Purpose::Training)
}

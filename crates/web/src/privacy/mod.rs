//! Personal information (PIPL): the public notice read from the purpose
//! register, a trainee's consents with withdrawal and separate consent per
//! enterprise, and their access record; pages and API.

pub mod api;
pub mod pages;
pub mod school;

use crate::api_docs::schema;
use crate::json::Page;
use crate::routes::Access::{Policy, Public};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// Largest upload: a scan of at most 5 MiB and the form around it.
const UPLOAD_LIMIT: usize = gongjiang_domain::cooperation::MAX_ATTACHMENT_BYTES + 64 * 1024;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/privacy", Public, "the personal-information notice: every purpose, its legal basis, data, retention and consent", pages::notice)
        .route(get.clone(), "/me/privacy", Policy(Kind::ViewOwnRecord), "my consents, separate consent per enterprise, and their record", pages::mine).purpose(Purpose::Rights)
        .route(post.clone(), "/me/privacy", Policy(Kind::ViewOwnRecord), "give or withdraw one of my consents", pages::decide).purpose(Purpose::Rights)
        .route(post.clone(), "/me/privacy/requests", Policy(Kind::ViewOwnRecord), "ask my school to correct, delete or explain something (due in 15 working days)", pages::submit_request).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/me/privacy-requests", Policy(Kind::ViewOwnRecord), "my requests to my school and their answers", api::my_requests).answers(schema::<crate::json::Items<gongjiang_app::privacy::RightsRequest>>).purpose(Purpose::Rights)
        .json(post.clone(), "/api/v1/me/privacy-requests", Policy(Kind::ViewOwnRecord), "ask my school to correct, delete or explain something", schema::<api::RequestBody>, api::submit_request).creates(schema::<gongjiang_app::privacy::RightsRequest>).purpose(Purpose::Rights)
        .route(get.clone(), "/school/privacy-requests", Policy(Kind::ManageSupply), "my school's trainees' requests, open ones soonest due first", school::requests).purpose(Purpose::Rights)
        .route(post.clone(), "/school/privacy-requests/{id}/answer", Policy(Kind::ManageSupply), "answer a request: done with a note, or refused with the reason", school::answer).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/privacy-requests", Policy(Kind::ManageSupply), "my school's trainees' requests (status=open|done|refused)", api::school_requests).answers(schema::<Page<api::SchoolRequest>>).purpose(Purpose::Rights)
        .json(post.clone(), "/api/v1/privacy-requests/{id}/answer", Policy(Kind::ManageSupply), "answer a request: done with a note, or refused with the reason", schema::<api::AnswerBody>, api::answer_request).answers(schema::<gongjiang_app::privacy::RightsRequest>).purpose(Purpose::Rights)
        .route(get.clone(), "/me/privacy/notice", Policy(Kind::ViewOwnRecord), "the notice's current version, put to me at sign-in, to accept or refuse", pages::prompt).purpose(Purpose::Rights)
        .route(post.clone(), "/me/privacy/notice", Policy(Kind::ViewOwnRecord), "accept or refuse the notice's current version", pages::decide_notice).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/me/notice", Policy(Kind::ViewOwnRecord), "the notice's version and what I decided about it", api::notice).answers(schema::<gongjiang_app::privacy::NoticePrompt>).purpose(Purpose::Rights)
        .json(post.clone(), "/api/v1/me/notice", Policy(Kind::ViewOwnRecord), "accept or refuse the notice's current version", schema::<api::NoticeBody>, api::decide_notice).answers(schema::<gongjiang_app::privacy::NoticePrompt>).purpose(Purpose::Rights)
        .route(get.clone(), "/me/privacy/access", Policy(Kind::ViewOwnRecord), "who read my data: each view, reveal and export", pages::access).purpose(Purpose::Rights)
        .route(get.clone(), "/me/privacy/access.xlsx", Policy(Kind::ViewOwnRecord), "my whole access record as a workbook", pages::access_export).purpose(Purpose::Rights)
        .route(get.clone(), "/me/privacy/access.csv", Policy(Kind::ViewOwnRecord), "my whole access record as CSV", pages::access_export).purpose(Purpose::Rights)
        .route(get.clone(), "/school/trainees/{id}/consents", Policy(Kind::ViewTrainees), "a trainee's consents and their record, with the scans", school::consents).purpose(Purpose::Enrolment)
        .upload(post.clone(), "/school/trainees/{id}/consents", Policy(Kind::ManageSupply), "record a consent or withdrawal signed on paper (multipart: purpose, recipient_org_id, decision, method, guardian_name, file)", UPLOAD_LIMIT, school::record).purpose(Purpose::Enrolment)
        .route(get.clone(), "/school/trainees/{id}/consents/{consent}/evidence", Policy(Kind::ViewTrainees), "the scan of a signed consent form", school::evidence).answers_file("application/octet-stream").purpose(Purpose::Enrolment)
        .route(get.clone(), "/api/v1/trainees/{id}/consents", Policy(Kind::ViewTrainees), "a trainee's consents and their record (for their school)", api::of_trainee).answers(schema::<gongjiang_app::privacy::PrivacyView>).purpose(Purpose::Enrolment)
        .upload(post.clone(), "/api/v1/trainees/{id}/consents", Policy(Kind::ManageSupply), "record a consent or withdrawal signed on paper (body = scan, ?purpose=&decision=&method=paper|guardian&guardian_name=&recipient_org_id=&name=)", UPLOAD_LIMIT, api::record).creates(schema::<gongjiang_app::privacy::PrivacyView>).purpose(Purpose::Enrolment)
        .route(get.clone(), "/admin/privacy/breach", Policy(Kind::BrowseAllAudit), "whose personal information one account read in a window (the breach helper)", pages::breach).purpose(Purpose::Audit)
        .route(get.clone(), "/admin/privacy/breach.xlsx", Policy(Kind::BrowseAllAudit), "the breach helper's whole answer as a workbook", pages::breach_export).purpose(Purpose::Audit)
        .route(get.clone(), "/admin/privacy/breach.csv", Policy(Kind::BrowseAllAudit), "the breach helper's whole answer as CSV", pages::breach_export).purpose(Purpose::Audit)
        .route(get.clone(), "/api/v1/privacy/breach", Policy(Kind::BrowseAllAudit), "whose personal information one account read between two days (audited)", api::breach).answers(schema::<Page<gongjiang_app::privacy::AffectedView>>).purpose(Purpose::Audit)
        .route(get.clone(), "/api/v1/privacy/register", Public, "the purpose register the notice is read from", api::register).answers(schema::<api::Register>)
        .route(get.clone(), "/api/v1/me/consents", Policy(Kind::ViewOwnRecord), "my consents and their record", api::mine).answers(schema::<gongjiang_app::privacy::PrivacyView>).purpose(Purpose::Rights)
        .json(post.clone(), "/api/v1/me/consents", Policy(Kind::ViewOwnRecord), "give or withdraw one of my consents (in force at once)", schema::<api::DecisionBody>, api::decide).answers(schema::<gongjiang_app::privacy::PrivacyView>).purpose(Purpose::Rights)
        .route(get.clone(), "/api/v1/me/access-log", Policy(Kind::ViewOwnRecord), "who read my data, newest first", api::access).answers(schema::<Page<gongjiang_app::privacy::AccessView>>).purpose(Purpose::Rights)
}

/// The trainee's link to their consents.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    use gongjiang_app::policy::role_holds;
    match ctx.actor.user() {
        Ok(me) if role_holds(me.role, Kind::ViewOwnRecord) => {
            vec![crate::areas::NavLink::new("/me/privacy", "nav.privacy")]
        }
        _ => Vec::new(),
    }
}

/// The school's requests waiting for an answer, soonest due first.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    let Ok(me) = ctx.actor.user() else {
        return Ok(Vec::new());
    };
    if !ctx.at_school
        || !ctx
            .actor
            .may(gongjiang_app::policy::Permission::ManageSupply(me.org_id))
    {
        return Ok(Vec::new());
    }
    let (rows, total) =
        gongjiang_app::privacy::school_requests(&state.app, &ctx.actor, "open", 1, 1).await?;
    let Some((first, _)) = rows.first() else {
        return Ok(Vec::new());
    };
    Ok(vec![crate::areas::Notice {
        id: "privacy-requests".into(),
        href: Some("/school/privacy-requests".into()),
        text: crate::i18n::tr_args(
            ctx.lang,
            "privacy.requests_notice",
            &[("n", total.to_string()), ("due", first.due_on.clone())],
        ),
    }])
}

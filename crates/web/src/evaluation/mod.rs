//! Evaluation: institutions, sessions, candidates and scores.

pub mod api;
pub mod institutions;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Items;
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// Skill evaluation, for anyone signed in.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    crate::areas::signed_in(ctx, "/evaluation", "nav.evaluation")
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(post.clone(), "/certificates/{id}/revoke", Policy(Kind::IssueCertificates), "revoke a certificate with a public reason", pages::revoke).purpose(Purpose::Evaluation)
        .route(get.clone(), "/evaluation", SignedIn, "evaluation institutions and sessions", pages::list)
        .route(get.clone(), "/evaluation.csv", SignedIn, "the sessions I may see, filtered as on the page, as CSV", pages::sessions_export)
        .route(get.clone(), "/evaluation.xlsx", SignedIn, "the sessions I may see, filtered as on the page, as a workbook", pages::sessions_export)
        .route(get.clone(), "/evaluation/institutions", Policy(Kind::ManageEvaluationInstitutions), "evaluation institutions with forms to register one and record its filings", institutions::list)
        .route(post.clone(), "/evaluation/institutions", Policy(Kind::ManageEvaluationInstitutions), "register a member unit as an evaluation institution", institutions::register)
        .route(post.clone(), "/evaluation/institutions/{id}/filings", Policy(Kind::ManageEvaluationInstitutions), "record a filing of an institution: occupation, levels, period", institutions::add_filing)
        .route(get.clone(), "/evaluation/sessions/new", Policy(Kind::RunEvaluations), "form for a session of my institution", pages::new_session)
        .route(post.clone(), "/evaluation/sessions/new", Policy(Kind::RunEvaluations), "create a session of my institution (within its filings)", pages::create_session)
        .route(get.clone(), "/evaluation/sessions/{id}", SignedIn, "a session: candidates, eligibility basis, scores, results, certificates", pages::show).purpose(Purpose::Evaluation)
        .route(post.clone(), "/evaluation/candidates/{id}/scores", Policy(Kind::RunEvaluations), "record a candidate's scores (the pass rule decides)", pages::record_scores).purpose(Purpose::Evaluation)
        .route(post.clone(), "/evaluation/sessions/{id}/candidates", Policy(Kind::RunEvaluations), "admit a trainee when the eligibility rules allow (a refusal names each rule and the facts)", pages::admit).purpose(Purpose::Evaluation)
        .route(post.clone(), "/evaluation/sessions/{id}/certificates", Policy(Kind::IssueCertificates), "issue every passing result's certificate (a job)", pages::issue_all).purpose(Purpose::Evaluation)
        .route(get.clone(), "/api/v1/evaluation/institutions", SignedIn, "evaluation institutions with their filings (mine; all for the secretariat)", api::institutions).answers(schema::<Items<gongjiang_app::evaluation::InstitutionView>>)
        .json(Method::PUT, "/api/v1/evaluation/institutions/{id}", Policy(Kind::ManageEvaluationInstitutions), "register a member unit as an evaluation institution", schema::<api::InstitutionBody>, api::register).answers(schema::<gongjiang_domain::evaluation::Institution>)
        .json(post.clone(), "/api/v1/evaluation/institutions/{id}/filings", Policy(Kind::ManageEvaluationInstitutions), "record a filing: occupation, levels, period", schema::<api::FilingBody>, api::add_filing).creates(schema::<gongjiang_domain::evaluation::Filing>)
        .route(get.clone(), "/api/v1/evaluation/sessions", SignedIn, "evaluation sessions (my institution's; all for the secretariat)", api::sessions).answers(schema::<Items<gongjiang_domain::evaluation::Session>>)
        .json(post.clone(), "/api/v1/evaluation/sessions", Policy(Kind::RunEvaluations), "create a session of my institution (within its filings)", schema::<api::SessionBody>, api::create_session).creates(schema::<gongjiang_domain::evaluation::Session>)
        .route(get.clone(), "/api/v1/evaluation/sessions/{id}", SignedIn, "a session with its candidates (masked) and results", api::session).answers(schema::<gongjiang_app::evaluation::SessionView>).purpose(Purpose::Evaluation)
        .route(get.clone(), "/api/v1/evaluation/sessions/{id}/eligibility", Policy(Kind::RunEvaluations), "check a trainee's eligibility (?trainee_id=) with the evidence", api::eligibility).answers(schema::<api::EligibilityView>).purpose(Purpose::Evaluation)
        .json(post.clone(), "/api/v1/evaluation/sessions/{id}/candidates", Policy(Kind::RunEvaluations), "admit a trainee when eligible (422 explains a refusal)", schema::<api::CandidateBody>, api::add_candidate).creates(schema::<gongjiang_domain::evaluation::Candidate>).purpose(Purpose::Evaluation)
        .json(Method::PUT, "/api/v1/evaluation/candidates/{id}/scores", Policy(Kind::RunEvaluations), "record scores; the pass rule decides (409 once certified)", schema::<api::ScoresBody>, api::scores).answers(schema::<gongjiang_domain::evaluation::Candidate>).purpose(Purpose::Evaluation)
        .route(get.clone(), "/api/v1/trainees/{id}/evaluations", SignedIn, "a trainee's evaluation results and certificates", api::of_trainee).answers(schema::<api::TraineeEvaluations>).purpose(Purpose::Evaluation)
}

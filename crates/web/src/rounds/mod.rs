//! Placement rounds: create, open, preferences, rankings, solve, review, publish and results.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::{Items, Page};
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// Placement rounds, for anyone signed in.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    crate::areas::signed_in(ctx, "/rounds", "nav.rounds")
}

/// What the reader has to do in open rounds, or results they can read.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    Ok(pages::notice_lines(state, ctx)
        .await
        .into_iter()
        .enumerate()
        .map(|(i, (href, text))| crate::areas::Notice {
            id: format!("round-notice-{i}"),
            href: Some(href),
            text,
        })
        .collect())
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let upload_limit = crate::state::WebConfig::default().max_upload_bytes;
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/rounds", SignedIn, "placement rounds", pages::list)
        .route(get.clone(), "/rounds/new", Policy(Kind::ManageRounds), "form for a new round", pages::new_form)
        .route(post.clone(), "/rounds/new", Policy(Kind::ManageRounds), "create a draft round", pages::create)
        .route(get.clone(), "/rounds/{id}", SignedIn, "a round: places, deadlines, what I can do in it", pages::show).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/edit", Policy(Kind::ManageRounds), "form to change a draft round", pages::edit_form)
        .route(post.clone(), "/rounds/{id}/edit", Policy(Kind::ManageRounds), "change a draft round", pages::edit)
        .route(post.clone(), "/rounds/{id}/open", Policy(Kind::ManageRounds), "open a round for preferences", pages::open)
        .route(post.clone(), "/rounds/{id}/close", Policy(Kind::ManageRounds), "close a round (records the seed) and solve it", pages::close)
        .route(post.clone(), "/rounds/{id}/solve", Policy(Kind::ManageRounds), "solve a closed round again", pages::solve)
        .route(post.clone(), "/rounds/{id}/publish", Policy(Kind::ManageRounds), "publish a solved round", pages::publish)
        .route(get.clone(), "/rounds/{id}/review", Policy(Kind::ManageRounds), "the review before publishing", pages::review).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "my preferences, or a trainee's of my school", pages::preferences).purpose(Purpose::Placement)
        .route(post.clone(), "/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "save preferences", pages::save_preferences).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/places/{demand}", Policy(Kind::RankApplicants), "applicants to one of my places and how they are ranked", pages::place).purpose(Purpose::Placement)
        .route(post.clone(), "/rounds/{id}/places/{demand}/ranking", Policy(Kind::RankApplicants), "rank a place's applicants by a scoring rule", pages::save_ranking)
        .upload(post.clone(), "/rounds/{id}/places/{demand}/order", Policy(Kind::RankApplicants), "rank a place's applicants by an uploaded order", upload_limit, pages::upload_order).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/places/{demand}/applicants/{trainee}", Policy(Kind::RankApplicants), "one applicant's profile: anonymised, named only with their separate consent (logged)", pages::applicant).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/places/{demand}/applicants.xlsx", Policy(Kind::RankApplicants), "a place's applicants as a workbook (to fill in ranks)", pages::applicants_xlsx).purpose(Purpose::Placement)
        .route(post.clone(), "/rounds/{id}/places/{demand}/staffing", Policy(Kind::ManageDemand), "record in-service staff for the intern caps", pages::save_staffing)
        .route(get.clone(), "/rounds/{id}/result", SignedIn, "a trainee's result with its explanation", pages::result).purpose(Purpose::Placement)
        .route(get.clone(), "/rounds/{id}/results", SignedIn, "admitted lists and cutoffs, or my school's results", pages::results).purpose(Purpose::Placement)
        .route(post.clone(), "/school/trainees/account", Policy(Kind::ManageSupply), "link a trainee account to a trainee record", pages::link_account).purpose(Purpose::Enrolment)
        .route(get.clone(), "/api/v1/rounds", SignedIn, "placement rounds (drafts only for the secretariat)", api::list).answers(schema::<Page<gongjiang_domain::rounds::Round>>)
        .json(post.clone(), "/api/v1/rounds", Policy(Kind::ManageRounds), "create a draft round", schema::<api::RoundBody>, api::create).creates(schema::<api::RoundDetail>)
        .route(get.clone(), "/api/v1/rounds/{id}", SignedIn, "a round with its places", api::get).answers(schema::<api::RoundDetail>)
        .json(Method::PUT, "/api/v1/rounds/{id}", Policy(Kind::ManageRounds), "change a draft round", schema::<api::RoundBody>, api::update).answers(schema::<api::RoundDetail>)
        .route(post.clone(), "/api/v1/rounds/{id}/open", Policy(Kind::ManageRounds), "open a round for preferences (seats fixed now)", api::open).answers(schema::<gongjiang_domain::rounds::Round>)
        .route(post.clone(), "/api/v1/rounds/{id}/close", Policy(Kind::ManageRounds), "close a round, record the lottery seed, solve it", api::close).answers_job(schema::<api::Solving>)
        .route(post.clone(), "/api/v1/rounds/{id}/solve", Policy(Kind::ManageRounds), "solve a closed round again", api::solve).answers_job(schema::<api::Solving>)
        .route(get.clone(), "/api/v1/rounds/{id}/review", Policy(Kind::ManageRounds), "placed, choices, fill, maximum-placement comparison, violations", api::review).answers(schema::<gongjiang_app::rounds::Review>).purpose(Purpose::Placement)
        .route(post.clone(), "/api/v1/rounds/{id}/publish", Policy(Kind::ManageRounds), "publish: create placements, freeze the round", api::publish).answers(schema::<gongjiang_domain::rounds::Round>)
        .route(get.clone(), "/api/v1/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "my preferences (?trainee_id= for a teacher)", api::preferences).answers(schema::<gongjiang_app::rounds::PreferenceView>).purpose(Purpose::Placement)
        .json(Method::PUT, "/api/v1/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "replace preferences (recorded with who entered them)", schema::<api::PreferencesBody>, api::set_preferences).answers(schema::<gongjiang_app::rounds::PreferenceView>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/participants", Policy(Kind::EnterPreferences), "my school's participants and whether they applied", api::participants).answers(schema::<Items<gongjiang_app::rounds::ParticipantLine>>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/places/{demand}/applicants", Policy(Kind::RankApplicants), "applicants to one of my places (masked), in ranking order", api::applicants).answers(schema::<gongjiang_app::rounds::ApplicantList>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/places/{demand}/applicants/{trainee}", Policy(Kind::RankApplicants), "one applicant's profile: anonymised, named only with their separate consent (logged)", api::applicant).answers(schema::<gongjiang_app::rounds::ApplicantProfile>).purpose(Purpose::Placement)
        .json(Method::PUT, "/api/v1/rounds/{id}/places/{demand}/ranking", Policy(Kind::RankApplicants), "rank a place's applicants by a scoring rule or an order", schema::<api::RankingBody>, api::set_ranking).answers(schema::<gongjiang_app::rounds::RankingView>)
        .upload(post.clone(), "/api/v1/rounds/{id}/places/{demand}/order", Policy(Kind::RankApplicants), "an order as a CSV or .xlsx body (排名, 申请人编号); 422 lists each bad row", upload_limit, api::upload_order).answers(schema::<gongjiang_app::rounds::RankingView>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/result", SignedIn, "a trainee's result with its explanation (?trainee_id= for staff)", api::result).answers(schema::<api::ResultView>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/admitted", SignedIn, "my places' admitted lists and cutoffs (all for the secretariat)", api::admitted).answers(schema::<Items<gongjiang_app::rounds::PlaceResult>>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/school-results", Policy(Kind::EnterPreferences), "my school's trainees' results", api::school_results).answers(schema::<Items<gongjiang_app::rounds::SchoolResultLine>>).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/rounds/{id}/export/instance.hr1", Policy(Kind::ManageRounds), "the solved instance (hr1)", api::export_instance).answers_file("text/plain")
        .route(get.clone(), "/api/v1/rounds/{id}/export/assignment.txt", Policy(Kind::ManageRounds), "the stable assignment (check with gongjiang match --check)", api::export_assignment).answers_file("text/plain")
        .route(get.clone(), "/api/v1/rounds/{id}/export/round.xlsx", Policy(Kind::ManageRounds), "trainees and places with results as a workbook", api::export_xlsx).answers_file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/notices", SignedIn, "what I should know about rounds", api::notices).answers(schema::<Items<api::NoticeView>>)
        .json(Method::PUT, "/api/v1/organizations/{id}/staffing", Policy(Kind::ManageDemand), "an enterprise's in-service staff (intern caps)", schema::<api::StaffBody>, api::org_staffing).answers(schema::<api::StaffCount>)
        .json(Method::PUT, "/api/v1/demands/{id}/staffing", Policy(Kind::ManageDemand), "a post's in-service staff (intern caps)", schema::<api::StaffBody>, api::demand_staffing).answers(schema::<api::StaffCount>)
        .json(Method::PUT, "/api/v1/trainees/{id}/account", Policy(Kind::ManageSupply), "link a trainee account to a trainee record", schema::<api::AccountBody>, api::link_account).answers_nothing().purpose(Purpose::Enrolment)
}

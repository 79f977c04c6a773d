//! Members: the public roster, applying to join, unit profiles, and the secretariat's review of applications and memberships.

pub mod api;
pub mod pages;
pub mod review;

use crate::api_docs::schema;
use crate::json::{Items, Page};
use crate::routes::Access::{Policy, Public, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// The roster for everyone, the application form for visitors, the review queue for the secretariat.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    use crate::areas::NavLink;
    let mut links = vec![NavLink::new("/members", "nav.members")];
    // Staff of a member unit are already in; the application form is for newcomers.
    if !ctx.signed_in() {
        links.push(NavLink::new("/apply", "nav.apply"));
    }
    if ctx
        .actor
        .may(gongjiang_app::policy::Permission::ReviewApplications)
    {
        links.push(NavLink::new("/admin/applications", "nav.applications"));
    }
    links
}

/// For the secretariat: how many applications wait.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    if !ctx
        .actor
        .may(gongjiang_app::policy::Permission::ReviewApplications)
    {
        return Ok(Vec::new());
    }
    let waiting = gongjiang_app::members::memberships_in(
        &state.app,
        &ctx.actor,
        gongjiang_domain::members::MembershipStatus::Applied,
    )
    .await?
    .len();
    Ok(vec![crate::areas::Notice {
        id: "pending".into(),
        href: Some("/admin/applications".into()),
        text: format!("{}: {waiting}", crate::i18n::tr(ctx.lang, "home.pending")),
    }])
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/members", Public, "public member roster", pages::roster)
        .route(get.clone(), "/members.csv", Public, "the roster as CSV (same filters)", pages::roster_export)
        .route(get.clone(), "/members.xlsx", Public, "the roster as a workbook (same filters)", pages::roster_export)
        .route(get.clone(), "/members/{id}", Public, "organisation profile", pages::profile)
        .route(get.clone(), "/apply", Public, "membership application form", pages::apply_form)
        .route(post.clone(), "/apply", Public, "file a membership application", pages::apply)
        .route(get.clone(), "/org/{id}/edit", Policy(Kind::EditOrgProfile), "edit form of a unit's profile", pages::edit_form)
        .route(post.clone(), "/org/{id}/edit", Policy(Kind::EditOrgProfile), "save a unit's profile", pages::edit)
        .route(get.clone(), "/admin/applications", Policy(Kind::ReviewApplications), "applications waiting for review", review::applications).purpose(Purpose::Membership)
        .route(get.clone(), "/admin/memberships/{id}", Policy(Kind::ReviewApplications), "one membership, with decisions", review::membership).purpose(Purpose::Membership)
        .route(post.clone(), "/admin/memberships/{id}/decide", Policy(Kind::ReviewApplications), "decide on a membership", review::decide).purpose(Purpose::Membership)
        .route(get.clone(), "/api/v1/members", Public, "active members, filtered and paginated", api::roster).answers(schema::<Page<api::RosterItem>>)
        .route(get.clone(), "/api/v1/segments", Public, "industry-chain segments", api::segments).answers(schema::<Items<gongjiang_app::members::Segment>>)
        .route(get.clone(), "/api/v1/organizations/{id}", Public, "an organisation's profile", api::profile).answers(schema::<api::ProfileView>)
        .json(Method::PUT, "/api/v1/organizations/{id}", Policy(Kind::EditOrgProfile), "replace an organisation's profile", schema::<api::ProfileBody>, api::update_profile).answers(schema::<gongjiang_domain::members::Organization>)
        .json(post.clone(), "/api/v1/applications", Public, "file a membership application", schema::<api::ApplicationBody>, api::apply).creates(schema::<api::Applied>).purpose(Purpose::Membership)
        .route(get.clone(), "/api/v1/applications", Policy(Kind::ReviewApplications), "memberships by status (default: applied)", api::applications).answers(schema::<Items<api::MembershipAndOrg>>).purpose(Purpose::Membership)
        .route(get.clone(), "/api/v1/memberships/{id}", SignedIn, "one membership", api::membership).answers(schema::<api::MembershipAndOrg>).purpose(Purpose::Membership)
        .json(post.clone(), "/api/v1/memberships/{id}/decision", Policy(Kind::ReviewApplications), "approve, reject, suspend, reinstate, end, change tier", schema::<api::DecisionBody>, api::decide).answers(schema::<api::DecisionView>).purpose(Purpose::Membership)
}

//! Demand: enterprises' talent demand, their product and technical-need lists, and the talent gap.

pub mod api;
pub mod enterprise_lists;
pub mod gap_cohorts;
pub mod pages;

use crate::api_docs::schema;
use crate::json::{Items, Page};
use crate::routes::Access::{Policy, Public};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// The demand board and the enterprise lists, for everyone.
pub fn nav(_ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    use crate::areas::NavLink;
    vec![
        NavLink::new("/demands", "nav.demands"),
        NavLink::new("/enterprise-lists", "nav.lists"),
        NavLink::new("/talent-gap", "nav.talent_gap"),
    ]
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/api/v1/demands", Public, "talent demand, filtered (drafts only for their enterprise)", api::demands).answers(schema::<Page<api::DemandView>>)
        .json(post.clone(), "/api/v1/demands", Policy(Kind::ManageDemand), "post a talent demand for my enterprise", schema::<api::DemandBody>, api::create_demand).creates(schema::<api::DemandView>)
        .route(get.clone(), "/api/v1/demands/{id}", Public, "one talent demand", api::demand).answers(schema::<api::DemandView>)
        .json(Method::PUT, "/api/v1/demands/{id}", Policy(Kind::ManageDemand), "change a talent demand", schema::<api::DemandBody>, api::update_demand).answers(schema::<api::DemandView>)
        .route(get.clone(), "/api/v1/enterprise-items", Public, "an enterprise list: core products or technical needs (?list=, &org_id=)", api::items).answers(schema::<Items<gongjiang_domain::demand::EnterpriseItem>>)
        .json(post.clone(), "/api/v1/enterprise-items", Policy(Kind::ManageDemand), "add to my enterprise's product or technical-need list", schema::<api::ItemBody>, api::create_item).creates(schema::<gongjiang_domain::demand::EnterpriseItem>)
        .json(Method::PUT, "/api/v1/enterprise-items/{id}", Policy(Kind::ManageDemand), "change a list item", schema::<api::ItemBody>, api::update_item).answers(schema::<gongjiang_domain::demand::EnterpriseItem>)
        .route(get.clone(), "/demands", Public, "talent demand board", pages::demands)
        .route(get.clone(), "/demands.csv", Public, "the demand board as CSV", pages::demands_export)
        .route(get.clone(), "/demands.xlsx", Public, "the demand board as a workbook", pages::demands_export)
        .route(get.clone(), "/demands/new", Policy(Kind::ManageDemand), "form for a new demand", pages::new_demand)
        .route(post.clone(), "/demands/new", Policy(Kind::ManageDemand), "post a demand", pages::create_demand)
        .route(get.clone(), "/demands/{id}", Public, "one demand", pages::demand_page)
        .route(get.clone(), "/demands/{id}/edit", Policy(Kind::ManageDemand), "form to change a demand", pages::edit_demand)
        .route(post.clone(), "/demands/{id}/edit", Policy(Kind::ManageDemand), "change a demand", pages::update_demand)
        .route(get.clone(), "/talent-gap", Public, "talent gap by occupation and level", pages::talent_gap)
        .route(get.clone(), "/talent-gap.csv", Public, "talent gap as CSV (same year and order)", pages::talent_gap_csv)
        .route(get.clone(), "/talent-gap.xlsx", Public, "talent gap as a workbook (same year and order)", pages::talent_gap_xlsx)
        .route(get.clone(), "/talent-gap/cohorts", Public, "the cohorts behind a talent-gap line's supply (?year=&occupation=&level=): school, cohort, major, size", gap_cohorts::show)
        .route(get.clone(), "/talent-gap/cohorts.csv", Public, "the cohorts behind a talent-gap line's supply, as CSV", gap_cohorts::export)
        .route(get.clone(), "/talent-gap/cohorts.xlsx", Public, "the cohorts behind a talent-gap line's supply, as a workbook", gap_cohorts::export)
        .route(get.clone(), "/enterprise-lists", Public, "the enterprises' core-product or technical-need list, alliance-wide (?list=, &segment=)", enterprise_lists::lists)
        .route(get.clone(), "/enterprise-lists.csv", Public, "that list as shown, as CSV", enterprise_lists::lists_export)
        .route(get.clone(), "/enterprise-lists.xlsx", Public, "that list as shown, as a workbook", enterprise_lists::lists_export)
        .route(get.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "form to add to my enterprise's lists", enterprise_lists::new_item)
        .route(post.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "add to my enterprise's lists", enterprise_lists::create_item)
        .route(get.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "form to change an item of my enterprise's lists", enterprise_lists::edit_item)
        .route(post.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "change an item of my enterprise's lists", enterprise_lists::update_item)
}

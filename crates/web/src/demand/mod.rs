//! Demand: enterprises' talent demand, their product and technical-need lists, and the talent gap.

pub mod enterprise_lists;

use crate::routes::Access::{Policy, Public};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/enterprise-lists", Public, "the enterprises' core-product or technical-need list, alliance-wide (?list=, &segment=)", enterprise_lists::lists)
        .route(get.clone(), "/enterprise-lists.csv", Public, "that list as shown, as CSV", enterprise_lists::lists_csv)
        .route(get.clone(), "/enterprise-lists.xlsx", Public, "that list as shown, as a workbook", enterprise_lists::lists_xlsx)
        .route(get.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "form to add to my enterprise's lists", enterprise_lists::new_item)
        .route(post.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "add to my enterprise's lists", enterprise_lists::create_item)
        .route(get.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "form to change an item of my enterprise's lists", enterprise_lists::edit_item)
        .route(post.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "change an item of my enterprise's lists", enterprise_lists::update_item)
}

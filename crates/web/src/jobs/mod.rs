//! Jobs: the progress and outcome of long work.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::routes::Access::SignedIn;
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_domain::privacy::Purpose;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    r
        .route(get.clone(), "/jobs/{id}", SignedIn, "a background job I started: progress, then how it ended", pages::show).purpose(Purpose::Enrolment).purpose(Purpose::Evaluation).purpose(Purpose::Placement)
        .route(get.clone(), "/jobs/{id}/report.xlsx", SignedIn, "the problem report of an import job I started (its owner only)", pages::report).purpose(Purpose::Enrolment).purpose(Purpose::Evaluation).purpose(Purpose::Placement)
        .route(get.clone(), "/api/v1/jobs/{id}", SignedIn, "a background job I started: status, progress, outcome", api::get).answers(schema::<gongjiang_app::jobs::JobView>).purpose(Purpose::Enrolment).purpose(Purpose::Evaluation).purpose(Purpose::Placement)
}

//! Catalogues: the industry-chain segment tree and the occupation catalogue.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::routes::Access::{Policy, Public};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let upload_limit = crate::state::WebConfig::default().max_upload_bytes;
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/api/v1/catalogues", Public, "skill levels, occupations and industry segments", api::catalogues).answers(schema::<api::CataloguesView>)
        .json(post.clone(), "/api/v1/segments", Policy(Kind::ManageCatalogues), "add or change a segment of the chain tree", schema::<api::SegmentBody>, api::save_segment).answers_nothing()
        .upload(post.clone(), "/api/v1/occupations/import", Policy(Kind::ManageCatalogues), "load the occupation catalogue from a CSV body (all or nothing)", upload_limit, api::import_occupations).answers(schema::<crate::imports::api::Imported>)
        .route(get.clone(), "/catalogues", Public, "the segment tree and the occupation catalogue; the secretariat's segment form", pages::catalogues)
        .route(post.clone(), "/catalogues/segments", Policy(Kind::ManageCatalogues), "add or change a segment", pages::save_segment)
        .upload(post.clone(), "/catalogues/occupations", Policy(Kind::ManageCatalogues), "load the occupation catalogue from a file (all or nothing)", upload_limit, pages::import_occupations)
        .route(get.clone(), "/catalogues/occupations/template.xlsx", Policy(Kind::ManageCatalogues), "the occupation file template", pages::occupation_template)
}

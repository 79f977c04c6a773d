//! Imports: the imports page, templates and uploads that run as background jobs.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// The imports page, for unit staff (not trainees).
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    match ctx.actor.user() {
        Ok(me) if me.role != gongjiang_domain::accounts::Role::Trainee => {
            vec![crate::areas::NavLink::new("/imports", "nav.imports")]
        }
        _ => Vec::new(),
    }
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let upload_limit = crate::state::WebConfig::default().max_upload_bytes;
    let get = Method::GET;
    let post = Method::POST;
    r
        .upload(post.clone(), "/api/v1/trainees/import", Policy(Kind::ManageSupply), "import trainees from a CSV body (all or nothing; 422 lists each bad row)", upload_limit, api::import_trainees).answers(schema::<api::Imported>).purpose(Purpose::Enrolment)
        .upload(post.clone(), "/api/v1/imports/{kind}", SignedIn, "import organizations (secretariat), demand (an enterprise; ?org_id=), majors, cohorts, teachers or trainees (a school) from a CSV or .xlsx body (all or nothing; 422 lists each bad row)", upload_limit, api::import_kind).answers(schema::<api::Imported>).purpose(Purpose::Enrolment)
        .route(get.clone(), "/imports", SignedIn, "the imports I may run: templates and uploads (the use case decides who imports what)", pages::page)
        .route(get.clone(), "/imports/{kind}/template.xlsx", SignedIn, "an import template (.xlsx: Chinese headers, example row, notes sheet) for those who may import it", pages::template)
        .upload(post.clone(), "/imports/{kind}", SignedIn, "upload a file to import as a background job (organizations: secretariat; demand: an enterprise; majors, cohorts, teachers, trainees: a school)", upload_limit, pages::upload).purpose(Purpose::Enrolment)
}

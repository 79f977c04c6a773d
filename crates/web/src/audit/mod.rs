//! Audit: the audit log's page and API.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Page;
use crate::routes::Access::Policy;
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// The audit log, for those who may browse their unit's.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    match ctx.actor.user() {
        Ok(me)
            if ctx
                .actor
                .may(gongjiang_app::policy::Permission::BrowseOrgAudit(me.org_id)) =>
        {
            vec![crate::areas::NavLink::new("/admin/audit", "nav.audit")]
        }
        _ => Vec::new(),
    }
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    r
        .route(get.clone(), "/admin/audit", Policy(Kind::BrowseOrgAudit), "browse the audit log", pages::audit).purpose(Purpose::Audit)
        .route(get.clone(), "/admin/audit.csv", Policy(Kind::BrowseOrgAudit), "the audit log under the page's filters, as CSV", pages::audit_export).purpose(Purpose::Audit)
        .route(get.clone(), "/admin/audit.xlsx", Policy(Kind::BrowseOrgAudit), "the audit log under the page's filters, as a workbook", pages::audit_export).purpose(Purpose::Audit)
        .route(get.clone(), "/api/v1/audit", Policy(Kind::BrowseOrgAudit), "audit entries (secretariat: all; unit admin: own unit)", api::list).answers(schema::<Page<api::AuditItem>>).purpose(Purpose::Audit)
}

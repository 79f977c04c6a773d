//! API docs: the OpenAPI document and the browsable list of routes.

pub mod docs;

pub use docs::schema;

use crate::routes::Access::Public;
use crate::routes::Registry;
use axum::http::Method;

/// The API docs, for everyone but trainees (who have no use of the API).
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    match ctx.actor.user() {
        Ok(me) if me.role == gongjiang_domain::accounts::Role::Trainee => Vec::new(),
        _ => vec![crate::areas::NavLink::new("/api/docs", "nav.api")],
    }
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    r
        .route(get.clone(), "/api/docs", Public, "API documentation", docs::page)
        .route(get.clone(), "/api/openapi.json", Public, "OpenAPI 3.1 document", docs::openapi)
        .route(get.clone(), crate::layers::HEALTH_LIVE, Public, "liveness: 200 while the process serves (reads nothing)", docs::live)
        .route(get.clone(), crate::layers::HEALTH_READY, Public, "readiness: 200 when the database answers and every migration is applied, else 503 with Retry-After", docs::ready)
}

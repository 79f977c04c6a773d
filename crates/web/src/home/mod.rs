//! Home: the home page with its notices, and the language switch.

pub mod pages;

use crate::routes::Access::Public;
use crate::routes::Registry;
use axum::http::Method;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    r
        .route(get.clone(), "/", Public, "home page", pages::show)
        .route(get.clone(), "/lang/{code}", Public, "switch the interface language", pages::switch_lang)
}

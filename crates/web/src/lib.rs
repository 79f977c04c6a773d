//! Gongjiang's HTTP face: server-rendered pages, the JSON API with its OpenAPI
//! document, sessions, CSRF protection, security headers and embedded assets.
//!
//! Handlers are thin: they parse the request, call one `app` function with the
//! actor, and render the result. Every route is declared once in
//! [`routes::registry`] together with who may use it, so tests can walk them all.

pub mod areas;
pub mod assets;
pub mod context;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod layers;
pub mod lists;
pub mod routes;
pub mod state;
pub mod upload;

pub mod json;
pub mod layout;

// The capabilities, one folder each (routes, pages, API handlers, views);
// templates in `templates/<area>/`, words in `locales/<lang>/<area>.ftl`.
mod accounts;
mod api_docs;
mod audit;
mod catalogues;
mod certificates;
mod cooperation;
mod demand;
mod employment;
mod evaluation;
mod home;
mod imports;
mod jobs;
mod members;
pub mod notifications;
mod privacy;
mod rounds;
mod supply;
mod training;

pub use api_docs::docs::openapi_document;
pub use notifications::words::Words as NotificationWords;
pub use routes::router;
pub use state::{AppState, WebConfig};

/// Serves the platform on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

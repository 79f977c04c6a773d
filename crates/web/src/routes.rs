//! Every route, in one readable list, each with who may use it.
//!
//! A route is added through [`Registry`], which records its method, path,
//! access rule and summary beside the handler. The list feeds the API docs
//! page, the OpenAPI document and the tests that walk every route as every
//! persona; a route cannot be added without saying who may use it.

use crate::state::AppState;
use crate::{
    accounts, api_docs, assets, audit, catalogues, certificates, cooperation, demand, employment,
    evaluation, home, imports, jobs, layers, members, privacy, rounds, supply, training,
};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter};
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;
use std::collections::BTreeMap;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user (what they see is scoped by the use case).
    SignedIn,
    /// Signed-in users whose role holds this permission in the policy table.
    Policy(Kind),
}

/// A documented route.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: Method,
    /// Path pattern (`/api/v1/organizations/{id}`).
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
    /// One line on what it does.
    pub summary: &'static str,
    /// For API routes: the schema of the request body, if any, derived from
    /// its Rust type (`api_docs::schema::<T>`).
    pub body: Option<SchemaFn>,
    /// For API routes: what a success answers, derived from the type the
    /// handler returns. Every API route says it (a test checks).
    pub answer: Answer,
    /// Takes an upload (a large body): a page's CSRF token is then checked by
    /// `forms::Upload` as the body streams in, not by the context layer.
    pub upload: bool,
    /// What it processes personal information for, if it shows any: every
    /// route that answers with someone's personal information declares its
    /// purposes from the register (a test walks every route and checks).
    pub purposes: Vec<Purpose>,
}

/// A schema derived from a Rust type: `api_docs::schema::<T>`.
pub type SchemaFn = fn(&mut schemars::SchemaGenerator) -> schemars::Schema;

/// What an API route answers on success.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// Not said (pages; an API route left so fails the docs test).
    Unsaid,
    /// JSON with this status, shaped as the schema.
    Json(u16, SchemaFn),
    /// A background job's view under this schema: `200` when it finished
    /// within the wait, `202` with `Location` while it runs, `409` when it
    /// failed or was refused.
    Job(SchemaFn),
    /// A file of this media type (an export, a document).
    File(&'static str),
    /// `204 No Content`.
    Empty,
}

impl RouteSpec {
    /// True for JSON API routes.
    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/v1/")
    }
}

/// Collects routes and their specs.
pub struct Registry {
    methods: BTreeMap<&'static str, MethodRouter<AppState>>,
    specs: Vec<RouteSpec>,
}

fn filter(method: &Method) -> MethodFilter {
    match *method {
        Method::POST => MethodFilter::POST,
        Method::PUT => MethodFilter::PUT,
        Method::PATCH => MethodFilter::PATCH,
        Method::DELETE => MethodFilter::DELETE,
        _ => MethodFilter::GET,
    }
}

impl Registry {
    pub(crate) fn new() -> Self {
        Registry {
            methods: BTreeMap::new(),
            specs: Vec::new(),
        }
    }

    fn add<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        body: Option<SchemaFn>,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let existing = self.methods.remove(path).unwrap_or_default();
        self.methods
            .insert(path, existing.on(filter(&method), handler));
        self.specs.push(RouteSpec {
            method,
            path,
            access,
            summary,
            body,
            answer: Answer::Unsaid,
            upload: false,
            purposes: Vec::new(),
        });
        self
    }

    /// Adds a page or a body-less API route.
    pub fn route<H, T>(
        self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, access, summary, None, handler)
    }

    /// Adds an API route with a JSON body described by `body`.
    pub fn json<H, T>(
        self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        body: SchemaFn,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, access, summary, Some(body), handler)
    }

    /// Adds a route that accepts uploads up to the upload limit (imports).
    pub fn upload<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        limit: usize,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let existing = self.methods.remove(path).unwrap_or_default();
        let route = MethodRouter::new()
            .on(filter(&method), handler)
            .layer(DefaultBodyLimit::max(limit));
        self.methods.insert(path, existing.merge(route));
        self.specs.push(RouteSpec {
            method,
            path,
            access,
            summary,
            body: None,
            answer: Answer::Unsaid,
            upload: true,
            purposes: Vec::new(),
        });
        self
    }

    fn answer(mut self, answer: Answer) -> Self {
        if let Some(last) = self.specs.last_mut() {
            last.answer = answer;
        }
        self
    }

    /// The route just added answers `200` with JSON of this schema.
    pub fn answers(self, schema: SchemaFn) -> Self {
        self.answer(Answer::Json(200, schema))
    }

    /// The route just added answers `201 Created` with JSON of this schema.
    pub fn creates(self, schema: SchemaFn) -> Self {
        self.answer(Answer::Json(201, schema))
    }

    /// The route just added starts a background job (see [`Answer::Job`]).
    pub fn answers_job(self, schema: SchemaFn) -> Self {
        self.answer(Answer::Job(schema))
    }

    /// The route just added answers with a file of this media type.
    pub fn answers_file(self, media_type: &'static str) -> Self {
        self.answer(Answer::File(media_type))
    }

    /// The route just added answers `204 No Content`.
    pub fn answers_nothing(self) -> Self {
        self.answer(Answer::Empty)
    }

    /// The route just added shows personal information for `purpose`
    /// (called again for a route that serves several).
    pub fn purpose(mut self, purpose: Purpose) -> Self {
        if let Some(last) = self.specs.last_mut() {
            last.purposes.push(purpose);
        }
        self
    }

    /// The documented routes.
    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }
}

use Access::Public;

/// Every route of the platform, one per line.
#[rustfmt::skip]
pub fn registry() -> Registry {
    let get = Method::GET;
    let r = Registry::new()
        .route(get.clone(), "/assets/{name}", Public, "embedded static files", assets::serve);
    // One line per capability: each area registers its own routes.
    let r = home::routes(r);
    let r = members::routes(r);
    let r = accounts::routes(r);
    let r = supply::routes(r);
    let r = cooperation::routes(r);
    let r = catalogues::routes(r);
    let r = demand::routes(r);
    let r = rounds::routes(r);
    let r = employment::routes(r);
    let r = training::routes(r);
    let r = jobs::routes(r);
    let r = imports::routes(r);
    let r = certificates::routes(r);
    let r = evaluation::routes(r);
    let r = api_docs::routes(r);
    let r = audit::routes(r);
    let r = privacy::routes(r);
    crate::notifications::routes(r)
}

/// The spec of a matched route, if it is one (`HEAD` matches `GET`).
fn spec_of(method: &Method, path: &str) -> Option<&'static RouteSpec> {
    static SPECS: std::sync::OnceLock<Vec<RouteSpec>> = std::sync::OnceLock::new();
    let specs = SPECS.get_or_init(|| registry().specs().to_vec());
    let method = if *method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    specs.iter().find(|s| s.method == *method && s.path == path)
}

/// The access rule of a matched route (`None` for unknown routes, served by the fallback).
pub fn access_of(method: &Method, path: &str) -> Option<Access> {
    spec_of(method, path).map(|s| s.access)
}

/// True when the matched route takes an upload.
pub fn is_upload(method: &Method, path: &str) -> bool {
    spec_of(method, path).is_some_and(|s| s.upload)
}

/// The router with every route and layer.
pub fn router(state: AppState) -> Router {
    let registry = registry();
    let mut router = Router::new();
    for (path, methods) in registry.methods {
        router = router.route(path, methods);
    }
    let max_body = state.web.max_body_bytes;
    router
        .fallback(home::pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            layers::context,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        // The outer guard refuses anything over the upload limit before reading it;
        // ordinary requests are held to `max_body` by the extractors and the CSRF check.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            state.web.max_upload_bytes.max(max_body),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        // Outermost, so that refusals made by the layers above carry the headers too.
        .layer(axum::middleware::from_fn(layers::security_headers))
        .with_state(state)
}

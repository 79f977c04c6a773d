//! The OpenAPI 3.1 document and the browsable API docs, both built from the
//! route registry, and the health check.

use crate::context::Ctx;
use crate::error::ErrorBody;
use crate::error::PageError;
use crate::layout::{Layout, render};
use crate::routes::{Access, Answer, SchemaFn, registry};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use schemars::generate::{Contract, SchemaSettings};
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

fn access_text(access: Access) -> String {
    match access {
        Access::Public => "public / 公开".into(),
        Access::SignedIn => "signed in / 登录用户".into(),
        Access::Policy(kind) => format!("policy / 权限: {kind:?}"),
    }
}

/// The schema of `T`, for the route registry: a request body (`.json(…,
/// schema::<Body>, …)`) or an answer (`.answers(schema::<View>)`).
pub fn schema<T: schemars::JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// Where named schemas live in the document.
const COMPONENTS: &str = "/components/schemas";

/// The OpenAPI document: every API route of the registry, its request body
/// and its answers, the schemas derived from the Rust types that the handlers
/// read and write. Answers are described as serialized, bodies as read.
pub fn openapi_document() -> Value {
    let registry = registry();
    let mut answers = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = COMPONENTS.into();
            s.contract = Contract::Serialize;
        })
        .into_generator();
    // Bodies are inlined: a type read and written under one name would
    // otherwise have two shapes (defaults, aliases) under one component.
    let mut bodies = SchemaSettings::draft2020_12()
        .with(|s| {
            s.inline_subschemas = true;
            s.contract = Contract::Deserialize;
        })
        .into_generator();
    let error = answers.subschema_for::<ErrorBody>().to_value();
    let error_content = json!({"application/json": {"schema": error}});
    let mut paths: Map<String, Value> = Map::new();
    for spec in registry.specs().iter().filter(|s| s.is_api()) {
        let method = spec.method.as_str().to_lowercase();
        let params: Vec<Value> = spec
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut responses = json!({
            "400": {"description": "malformed body", "content": error_content},
            "401": {"description": "not signed in", "content": error_content},
            "403": {"description": "not allowed, or CSRF token missing", "content": error_content},
            "404": {"description": "not found (or not visible to you)", "content": error_content},
            "409": {"description": "not possible in the record's present state", "content": error_content},
            "422": {"description": "invalid fields", "content": error_content},
            "413": {"description": "body too large", "content": error_content},
            "415": {"description": "body is not JSON", "content": error_content},
            "429": {"description": "too many attempts; see Retry-After", "content": error_content},
            "500": {"description": "a fault of ours (logged, never detailed)", "content": error_content},
            "503": {"description": "unavailable for a moment", "content": error_content}
        });
        match spec.answer {
            Answer::Json(status, schema) => {
                responses[status.to_string()] = json!({"description": "OK",
                    "content": {"application/json": {"schema": schema(&mut answers).to_value()}}});
            }
            Answer::Job(schema) => {
                let job_schema = schema(&mut answers).to_value();
                let job = json!({"application/json": {"schema": job_schema}});
                responses["200"] =
                    json!({"description": "the job finished within the wait", "content": job});
                responses["202"] =
                    json!({"description": "the job runs; poll the Location", "content": job});
                responses["409"] = json!({"description": "the job failed or was refused, or the record's state forbids it",
                    "content": {"application/json": {"schema": {"anyOf": [job_schema, error]}}}});
            }
            Answer::File(media_type) => {
                let file = if media_type == "application/json" {
                    json!({"type": "object", "description": "a JSON document to keep"})
                } else {
                    json!({"type": "string", "contentEncoding": "binary"})
                };
                responses["200"] =
                    json!({"description": "a file", "content": {media_type: {"schema": file}}});
            }
            Answer::Empty => responses["204"] = json!({"description": "done; nothing to answer"}),
            Answer::Unsaid => {}
        }
        let mut op = json!({
            "summary": spec.summary,
            "x-access": access_text(spec.access),
            "parameters": params,
            "responses": responses,
        });
        if spec.access != Access::Public {
            op["security"] = json!([{"session": [], "csrf": []}, {"token": []}]);
        }
        if let Some(body) = spec.body {
            op["requestBody"] = json!({"required": true,
                "content": {"application/json": {"schema": body(&mut bodies).to_value()}}});
        }
        let path = paths
            .entry(spec.path.to_string())
            .or_insert_with(|| json!({}));
        path[method] = op;
    }
    let schemas = answers.take_definitions(true);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Gongjiang API", "version": env!("CARGO_PKG_VERSION"),
            "description": "Industry–education alliance platform. Errors: {\"error\": {\"code\", \"message\", \"fields\": [{\"field\", \"code\", \"message\"}]}}. Messages follow the `lang` cookie (zh default, en). Instants are RFC 3339 with the +08:00 offset."},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "gj_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
                "token": {"type": "http", "scheme": "bearer", "description": "personal API token gjt_…"}
            },
            "schemas": schemas
        }
    })
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// A route line on the docs page.
pub struct DocRow {
    method: String,
    path: &'static str,
    access: String,
    summary: &'static str,
    body: String,
    /// What a success answers: its status and schema, or the file it sends.
    answer: String,
}

#[derive(Template)]
#[template(path = "api_docs/api_docs.html")]
struct DocsPage {
    l: Layout,
    routes: Vec<DocRow>,
}

/// `GET /api/docs`.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let registry = registry();
    let routes = registry
        .specs()
        .iter()
        .filter(|s| s.is_api())
        .map(|s| {
            let mut g = SchemaSettings::draft2020_12()
                .with(|s| s.inline_subschemas = true)
                .into_generator();
            let pretty = |schema: SchemaFn, g: &mut SchemaGenerator| {
                serde_json::to_string_pretty(&schema(g).to_value()).unwrap_or_default()
            };
            let answer = match s.answer {
                Answer::Json(status, schema) => format!("{status}\n{}", pretty(schema, &mut g)),
                Answer::Job(schema) => format!("200 / 202 / 409\n{}", pretty(schema, &mut g)),
                Answer::File(media_type) => format!("200 {media_type}"),
                Answer::Empty => "204".to_string(),
                Answer::Unsaid => String::new(),
            };
            DocRow {
                method: s.method.to_string(),
                path: s.path,
                access: access_text(s.access),
                summary: s.summary,
                body: s
                    .body
                    .map(|b| {
                        let mut g = SchemaSettings::draft2020_12()
                            .with(|s| s.inline_subschemas = true)
                            .into_generator();
                        serde_json::to_string_pretty(&b(&mut g).to_value()).unwrap_or_default()
                    })
                    .unwrap_or_default(),
                answer,
            }
        })
        .collect();
    render(
        ctx.lang,
        &DocsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            routes,
        },
    )
}

/// `GET /healthz`: liveness. The process is up and serving; it reads
/// nothing, so a database outage does not make a supervisor restart an
/// instance that would only come back to the same outage.
pub async fn live() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// How long a proxy or orchestrator should wait before asking an instance
/// that is not ready again.
const RETRY_AFTER_SECONDS: &str = "5";

/// `GET /health/ready`: readiness. 200 when the database answers within the
/// pool's acquire timeout and every migration of this build is applied;
/// otherwise 503 with `Retry-After`, naming which check failed and nothing
/// more. The personal-data key is not checked here: `serve` does not start
/// without it.
pub async fn ready(State(state): State<AppState>) -> Response {
    let r = state.app.db.readiness().await;
    let word = |ok: bool, bad: &'static str| if ok { "ok" } else { bad };
    let body = json!({
        "status": if r.ready() { "ready" } else { "not ready" },
        "checks": {
            "database": word(r.database, "unreachable"),
            "migrations": word(r.migrations, if r.database { "pending" } else { "unknown" }),
        }
    });
    if r.ready() {
        (StatusCode::OK, Json(body)).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, RETRY_AFTER_SECONDS)],
            Json(body),
        )
            .into_response()
    }
}

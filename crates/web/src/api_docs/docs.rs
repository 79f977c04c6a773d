//! The OpenAPI 3.1 document and the browsable API docs, both built from the
//! route registry, and the health check.

use crate::context::Ctx;
use crate::error::PageError;
use crate::layout::{Layout, render};
use crate::routes::{Access, registry};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Map, Value, json};

fn access_text(access: Access) -> String {
    match access {
        Access::Public => "public / 公开".into(),
        Access::SignedIn => "signed in / 登录用户".into(),
        Access::Policy(kind) => format!("policy / 权限: {kind:?}"),
    }
}

/// The OpenAPI document.
pub fn openapi_document() -> Value {
    let registry = registry();
    let mut paths: Map<String, Value> = Map::new();
    for spec in registry.specs().iter().filter(|s| s.is_api()) {
        let method = spec.method.as_str().to_lowercase();
        let params: Vec<Value> = spec
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut op = json!({
            "summary": spec.summary,
            "x-access": access_text(spec.access),
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {}}},
                "400": {"description": "malformed body", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "401": {"description": "not signed in"},
                "403": {"description": "not allowed, or CSRF token missing"},
                "404": {"description": "not found (or not visible to you)"},
                "422": {"description": "invalid fields", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        });
        if spec.access != Access::Public {
            op["security"] = json!([{"session": [], "csrf": []}, {"token": []}]);
        }
        if let Some(body) = spec.body {
            op["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": body()}}});
        }
        let path = paths
            .entry(spec.path.to_string())
            .or_insert_with(|| json!({}));
        path[method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Gongjiang API", "version": env!("CARGO_PKG_VERSION"),
            "description": "Industry–education alliance platform. Errors: {\"error\": {\"code\", \"message\", \"fields\": [{\"field\", \"code\", \"message\"}]}}. Messages follow the `lang` cookie (zh default, en)."},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "gj_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
                "token": {"type": "http", "scheme": "bearer", "description": "personal API token gjt_…"}
            },
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "fields": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}}}}}
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
        .map(|s| DocRow {
            method: s.method.to_string(),
            path: s.path,
            access: access_text(s.access),
            summary: s.summary,
            body: s
                .body
                .map(|b| serde_json::to_string_pretty(&b()).unwrap_or_default())
                .unwrap_or_default(),
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

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    if state.app.db.ping().await {
        (StatusCode::OK, Json(json!({"status": "ok"}))).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "database unreachable"})),
        )
            .into_response()
    }
}

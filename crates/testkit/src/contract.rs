//! The API contract check: every JSON answer an integration test receives
//! from `/api/v1/…` is validated against the OpenAPI document the app
//! serves, so the document cannot drift from the handlers. An answer whose
//! status the route does not document, or whose body does not match the
//! documented schema, fails the test that received it.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The document and the validators built from it so far.
struct Contract {
    doc: Value,
    /// Path templates split into segments, with their path item.
    routes: Vec<(Vec<String>, String)>,
    validators: Mutex<HashMap<(String, String, String), Arc<jsonschema::Validator>>>,
}

fn contract() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let doc = gongjiang_web::openapi_document();
        let routes = doc["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .keys()
                    .map(|p| (p.split('/').map(str::to_string).collect(), p.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Contract {
            doc,
            routes,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

/// The documented path template a request path falls under: the one whose
/// literal segments match most (`/employment/reminders` before `/{id}`).
fn template_of<'a>(c: &'a Contract, path: &str) -> Option<&'a str> {
    let segs: Vec<&str> = path.split('/').collect();
    c.routes
        .iter()
        .filter(|(t, _)| {
            t.len() == segs.len()
                && t.iter()
                    .zip(&segs)
                    .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t.as_str() == *s)
        })
        .max_by_key(|(t, _)| t.iter().filter(|s| !s.starts_with('{')).count())
        .map(|(_, p)| p.as_str())
}

/// Checks one answer; panics, naming the route and the first problems, when
/// it breaks the document. Answers outside `/api/v1/`, to routes the document
/// does not hold (the router's own 404 and 405), and bodies that are not JSON
/// under a file answer are not checked.
pub fn check(method: &str, path: &str, status: u16, content_type: &str, body: &str) {
    if !path.starts_with("/api/v1/") {
        return;
    }
    let c = contract();
    let Some(template) = template_of(c, path) else {
        return;
    };
    let method = method.to_lowercase();
    let Some(op) = c.doc["paths"][template].get(&method) else {
        return;
    };
    let status_key = status.to_string();
    let Some(response) = op["responses"].get(&status_key) else {
        panic!(
            "API contract: {} {template} answered {status}, which its document does not list; body: {body}",
            method.to_uppercase()
        );
    };
    let json = content_type.starts_with("application/json");
    let Some(schema) = response["content"]["application/json"].get("schema") else {
        // A file or an empty answer: nothing to check but that it is not JSON in disguise.
        assert!(
            !json || response["content"].is_object(),
            "API contract: {} {template} answered {status} with JSON, but its document describes no JSON body",
            method.to_uppercase()
        );
        return;
    };
    assert!(
        json,
        "API contract: {} {template} answered {status} as {content_type:?}, but its document says JSON",
        method.to_uppercase()
    );
    let instance: Value = serde_json::from_str(body).unwrap_or_else(|e| {
        panic!(
            "API contract: {} {template} answered {status} with a body that is not JSON ({e}): {body}",
            method.to_uppercase()
        )
    });
    let validator = {
        let key = (template.to_string(), method.clone(), status_key);
        let mut cache = c.validators.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(key)
            .or_insert_with(|| {
                let mut root = schema.clone();
                if let Some(obj) = root.as_object_mut() {
                    obj.insert("components".into(), c.doc["components"].clone());
                }
                let validator = jsonschema::options()
                    .should_validate_formats(true)
                    .build(&root)
                    .unwrap_or_else(|e| {
                        panic!(
                            "API contract: the schema of {template} {status} does not compile: {e}"
                        )
                    });
                Arc::new(validator)
            })
            .clone()
    };
    let problems: Vec<String> = validator
        .iter_errors(&instance)
        .take(5)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "API contract: {} {path} ({template}) answered {status} off its documented schema:\n  {}\nbody: {body}",
        method.to_uppercase(),
        problems.join("\n  ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        let c = contract();
        assert_eq!(
            template_of(c, "/api/v1/employment/reminders"),
            Some("/api/v1/employment/reminders")
        );
        assert_eq!(
            template_of(c, "/api/v1/employment/0190aaaa-0000-7000-8000-000000000000"),
            Some("/api/v1/employment/{id}")
        );
        assert_eq!(template_of(c, "/api/v1/no/such/route/at/all"), None);
    }

    #[test]
    #[should_panic(expected = "off its documented schema")]
    fn an_answer_off_its_schema_fails() {
        // `/api/v1/me` documents a `user_id`, a `login`…; a number is not one.
        check(
            "GET",
            "/api/v1/me",
            200,
            "application/json",
            r#"{"user_id": 5}"#,
        );
    }

    #[test]
    #[should_panic(expected = "does not list")]
    fn an_undocumented_status_fails() {
        check("GET", "/api/v1/me", 418, "application/json", "{}");
    }

    #[test]
    #[should_panic(expected = "off its documented schema")]
    fn an_instant_in_epoch_milliseconds_fails() {
        let body = r#"{"seq":1,"at":1764650000000,"actor_login":"a","actor_org_id":null,"actor_role":"staff",
            "action":"x","object_type":"y","object_id":"z","object_org_id":null,"before":{},"after":{},"hash":"h"}"#;
        check(
            "GET",
            "/api/v1/audit",
            200,
            "application/json",
            &format!(r#"{{"items":[{body}],"total":1,"page":1,"per_page":50}}"#),
        );
    }

    #[test]
    fn an_error_answer_is_checked_against_the_error_schema() {
        check(
            "GET",
            "/api/v1/me",
            401,
            "application/json",
            r#"{"error":{"code":"unauthenticated","message":"请先登录","fields":[]}}"#,
        );
    }
}

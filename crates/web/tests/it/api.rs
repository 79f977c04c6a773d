//! The API's self-description: the OpenAPI document and the docs page.

use gongjiang_testkit::TestApp;
use gongjiang_testkit::reqwest::StatusCode;
use gongjiang_web::routes::registry;

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = TestApp::spawn().await;
    let doc = app.client().get("/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for spec in registry().specs().iter().filter(|s| s.is_api()) {
        let method = spec.method.as_str().to_lowercase();
        assert!(
            doc["paths"][spec.path][&method].is_object(),
            "{method} {} missing",
            spec.path
        );
        if spec.body.is_some() {
            assert!(
                doc["paths"][spec.path][&method]["requestBody"].is_object(),
                "{} has no body schema",
                spec.path
            );
        }
    }
}

#[test]
fn every_api_route_documents_its_success_answer_from_a_type() {
    use gongjiang_web::routes::Answer;
    let doc = gongjiang_web::openapi_document();
    let mut unsaid = Vec::new();
    for spec in registry().specs().iter().filter(|s| s.is_api()) {
        let op = &doc["paths"][spec.path][spec.method.as_str().to_lowercase()];
        match spec.answer {
            Answer::Unsaid => unsaid.push(format!("{} {}", spec.method, spec.path)),
            Answer::Json(status, _) => {
                let schema =
                    &op["responses"][status.to_string()]["content"]["application/json"]["schema"];
                assert!(
                    schema.is_object() && schema.as_object().is_some_and(|o| !o.is_empty()),
                    "{} {} documents {status} without a schema: {schema}",
                    spec.method,
                    spec.path
                );
            }
            Answer::Job(_) => {
                for status in ["200", "202", "409"] {
                    assert!(
                        op["responses"][status]["content"]["application/json"]["schema"]
                            .is_object()
                    );
                }
            }
            Answer::File(media_type) => {
                assert!(op["responses"]["200"]["content"][media_type].is_object());
            }
            Answer::Empty => assert!(op["responses"]["204"].is_object()),
        }
    }
    assert!(
        unsaid.is_empty(),
        "API routes that do not say what they answer: {unsaid:#?}"
    );
}

#[test]
fn every_named_schema_the_document_refers_to_is_in_it() {
    let doc = gongjiang_web::openapi_document();
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut missing = Vec::new();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap_or_default();
        if !schemas.contains_key(name) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.is_empty(), "dangling references: {missing:?}");
    // Instants are RFC 3339 strings in China Standard Time, never numbers.
    let audit = &schemas["AuditItem"]["properties"]["at"];
    assert_eq!(audit["type"], "string", "{audit}");
    assert_eq!(audit["format"], "date-time", "{audit}");
}

#[tokio::test]
async fn the_docs_page_lists_the_routes_in_chinese() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/api/docs").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("JSON API 文档"));
    assert!(page.body().contains("/api/v1/memberships/{id}/decision"));
}

#[tokio::test]
async fn a_validation_error_lists_each_field_with_code_and_message() {
    let app = TestApp::spawn().await;
    let body = serde_json::json!({"organization": {"kind": "enterprise", "name": "", "credit_code": "123", "city": "黄石市"},
        "requested_tier": "chair", "contact_name": "<b>x</b>", "contact_phone": "12012345678"});
    let answer = app
        .client()
        .send_json(
            gongjiang_testkit::reqwest::Method::POST,
            "/api/v1/applications",
            &body,
        )
        .await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields = answer.json()["error"]["fields"].as_array().unwrap().clone();
    let named: Vec<&str> = fields
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for expected in [
        "name",
        "credit_code",
        "requested_tier",
        "contact_name",
        "contact_phone",
    ] {
        assert!(named.contains(&expected), "{expected} not in {named:?}");
    }
    let credit = fields.iter().find(|f| f["field"] == "credit_code").unwrap();
    assert_eq!(credit["code"], "wrong_length");
    assert!(credit["message"].as_str().unwrap().contains("应为 18 位"));
}

#[tokio::test]
async fn a_role_the_policy_grants_nothing_of_a_route_is_refused_before_its_body_is_read() {
    use gongjiang_testkit::Persona;
    use gongjiang_testkit::reqwest::Method;
    let app = TestApp::spawn().await;
    let reviewer = app.client_as(Persona::Secretariat).await;
    let applied = reviewer.get("/api/v1/applications").await.json();
    let membership = applied["items"][0]["membership"]["id"]
        .as_str()
        .expect("a demo application")
        .to_string();
    let trainee = app.client_as(Persona::Trainee).await;
    // A malformed decision on a membership: a reviewer hears 422, a trainee
    // hears only no.
    let path = format!("/api/v1/memberships/{membership}/decision");
    let refused = trainee
        .send_json(
            Method::POST,
            &path,
            &serde_json::json!({"action": "no-such"}),
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::FORBIDDEN,
        "{}",
        refused.body()
    );
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    let invalid = reviewer
        .send_json(
            Method::POST,
            &path,
            &serde_json::json!({"action": "no-such"}),
        )
        .await;
    assert_eq!(
        invalid.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        invalid.body()
    );
}

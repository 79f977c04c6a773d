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

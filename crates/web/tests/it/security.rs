//! The security baseline: CSRF, same-origin, headers, body limits, redirects, errors.

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{PASSWORD, Persona, TestApp};
use serde_json::json;

#[tokio::test]
async fn a_form_post_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let client = app.client_as(Persona::Secretariat).await;
    let id = super::pending_membership(&app, "黄石北辰技工学校").await;

    let answer = client
        .post_form_raw(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "approve"), ("tier", "member")],
            &[],
        )
        .await;

    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    assert!(answer.body().contains("表单已过期或来源不明"));
    let other = app.client_as(Persona::Teacher).await;
    let foreign = client
        .post_form_raw(
            &format!("/admin/memberships/{id}/decide"),
            &[
                ("action", "approve"),
                ("tier", "member"),
                ("csrf", &other.csrf),
            ],
            &[],
        )
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::FORBIDDEN,
        "another session's token does not work"
    );
    let still = client
        .get(&format!("/api/v1/memberships/{id}"))
        .await
        .json();
    assert_eq!(still["membership"]["status"], "applied");
}

#[tokio::test]
async fn an_upload_needs_the_token_as_its_first_field_and_other_routes_refuse_multipart_without_it()
{
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let other = app.client_as(Persona::Teacher).await;
    let csv = "姓名,身份证号,手机号,学号,班级名称,状态,个人信息处理目的\r\n"
        .as_bytes()
        .to_vec();
    let before = school.get("/api/v1/trainees").await.json()["total"].clone();

    let none = school
        .upload_raw("/imports/trainees", &[], "file", "t.csv", csv.clone())
        .await;
    let foreign = school
        .upload_raw(
            "/imports/trainees",
            &[("csrf", &other.csrf)],
            "file",
            "t.csv",
            csv.clone(),
        )
        .await;
    let late = {
        let part =
            gongjiang_testkit::reqwest::multipart::Part::bytes(csv.clone()).file_name("t.csv");
        let form = gongjiang_testkit::reqwest::multipart::Form::new()
            .part("file", part)
            .text("csrf", school.csrf.clone());
        school.post_multipart("/imports/trainees", form).await
    };
    let right = school
        .upload_raw(
            "/imports/trainees",
            &[("csrf", &school.csrf)],
            "file",
            "t.csv",
            csv.clone(),
        )
        .await;
    let not_an_upload = school
        .upload_raw("/logout", &[], "file", "t.csv", csv)
        .await;

    assert_eq!(none.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        foreign.status(),
        StatusCode::FORBIDDEN,
        "another session's token"
    );
    assert_eq!(
        late.status(),
        StatusCode::FORBIDDEN,
        "the token must come before the file"
    );
    assert_ne!(right.status(), StatusCode::FORBIDDEN, "{}", right.body());
    assert_eq!(not_an_upload.status(), StatusCode::FORBIDDEN);
    assert_eq!(school.get("/api/v1/trainees").await.json()["total"], before);
    assert_eq!(
        school.get("/account").await.status(),
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn a_cross_site_origin_is_refused_even_with_a_valid_token() {
    let app = TestApp::spawn().await;
    let client = app.client_as(Persona::Secretariat).await;
    let id = super::pending_membership(&app, "黄石北辰技工学校").await;
    let fields = [
        ("action", "approve"),
        ("tier", "member"),
        ("csrf", client.csrf.as_str()),
    ];

    let answer = client
        .post_form_raw(
            &format!("/admin/memberships/{id}/decide"),
            &fields,
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    let fetch_site = client
        .post_form_raw(
            &format!("/admin/memberships/{id}/decide"),
            &fields,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(fetch_site.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_cookie_authenticated_api_write_needs_the_csrf_header() {
    let app = TestApp::spawn().await;
    let mut client = app.client_as(Persona::EnterpriseAdmin).await;
    client.csrf.clear();
    let answer = client
        .send_json(Method::POST, "/api/v1/me/tokens", &json!({"name": "x"}))
        .await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    assert_eq!(answer.json()["error"]["code"], "csrf");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_no_store() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    for path in [
        "/",
        "/members",
        "/login",
        "/api/v1/members",
        "/nope",
        "/api/openapi.json",
    ] {
        let r = anon.get(path).await;
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
        assert!(
            r.header("content-security-policy")
                .unwrap_or_default()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
    let css = anon.get("/assets/app.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.header("cache-control").unwrap().contains("max-age"));
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    let big = "鄂".repeat(400_000);
    let answer = anon.post_form("/apply", &[("name", &big)]).await;
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn sign_in_never_redirects_off_site() {
    let app = TestApp::spawn().await;
    for next in [
        "//evil.example",
        "https://evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "/\u{1}x",
    ] {
        let mut client = app.client();
        let answer = client
            .post_form(
                "/login",
                &[
                    ("login", "secretariat"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        assert_eq!(answer.location(), "/", "{next}");
    }
    let mut client = app.client();
    let ok = client
        .post_form(
            "/login",
            &[
                ("login", "secretariat"),
                ("password", PASSWORD),
                ("next", "/admin/applications"),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/admin/applications");
}

#[tokio::test]
async fn the_language_switch_refuses_encoded_tabs_and_control_characters_in_next() {
    let app = TestApp::spawn().await;
    let client = app.client();
    // A browser drops the tab and lands on //evil.example; the control
    // character once made the answer a 500.
    for next in [
        "/%09/evil.example",
        "/%01x",
        "/%0d%0aSet-Cookie:%20a=b",
        "/%5Cevil.example",
    ] {
        let answer = client.get(&format!("/lang/en?next={next}")).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(answer.location(), "/", "{next}");
    }
    let fine = client
        .get("/lang/en?next=/members%3Fkind%3Denterprise")
        .await;
    assert_eq!(fine.location(), "/members?kind=enterprise");
}

#[tokio::test]
async fn unknown_fields_in_a_json_body_are_refused_and_cannot_assign_roles() {
    let app = TestApp::spawn().await;
    let admin = app.client_as(Persona::EnterpriseAdmin).await;
    let answer = admin
        .send_json(
            Method::POST,
            "/api/v1/me/tokens",
            &json!({"name": "x", "role": "secretariat", "org_id": "x"}),
        )
        .await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field")
    );
    let malformed = admin
        .send_json(Method::POST, "/api/v1/me/tokens", &json!("not an object"))
        .await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_interface_switches_to_english_and_back() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let switched = anon.get("/lang/en?next=/members").await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(switched.location(), "/members");
    let english = anon.get("/members").await;
    assert!(english.body().contains("Member roster"));
    assert!(english.body().contains("lang=\"en\""));
    let bad = anon.get_with("/api/v1/members?kind=bank", &[]).await;
    assert!(
        bad.json()["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not one of the allowed choices")
    );
    anon.get("/lang/zh?next=/").await;
    assert!(anon.get("/members").await.body().contains("成员单位名录"));
}

#[tokio::test]
async fn liveness_stays_up_through_a_database_outage_and_readiness_says_503_with_retry_after() {
    let app = TestApp::spawn().await;
    let live = app.client().get("/healthz").await;
    assert_eq!(live.status(), StatusCode::OK);
    assert_eq!(live.json()["status"], "ok");
    // A probe sets no cookie: it is no visitor.
    assert!(live.header("set-cookie").is_none());
    let ready = app.client().get("/health/ready").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.json()["checks"]["database"], "ok");
    assert_eq!(ready.json()["checks"]["migrations"], "ok");

    // An instance whose schema is behind this build is not ready.
    gongjiang_store::testing::forget_last_migration(&app.app.db)
        .await
        .unwrap();
    let behind = app.client().get("/health/ready").await;
    assert_eq!(behind.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(behind.json()["checks"]["migrations"], "pending");

    app.app.db.close().await;
    let started = std::time::Instant::now();
    let ready = app.client().get("/health/ready").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.header("retry-after").as_deref(), Some("5"));
    assert_eq!(ready.json()["checks"]["database"], "unreachable");
    // Nothing of the driver's error reaches the caller.
    assert!(!ready.body().contains("pool"), "{}", ready.body());
    assert!(started.elapsed() < std::time::Duration::from_secs(6));
    // The process itself is still alive.
    assert_eq!(app.client().get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn logs_record_sign_ins_and_refusals_but_never_passwords_secrets_or_phone_numbers() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    client
        .post_form(
            "/login",
            &[("login", "teacher"), ("password", "wrong-but-logged?")],
        )
        .await;
    let signed = app.client_as(Persona::Secretariat).await;
    let token = signed
        .send_json(Method::POST, "/api/v1/me/tokens", &json!({"name": "t"}))
        .await
        .json()["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let mut anon = app.client();
    anon.post_form(
        "/apply",
        &super::pairs(&super::application(
            "黄石日志检查电子有限公司",
            &super::code("91420200MA4K77777"),
        )),
    )
    .await;
    let trainee = app.client_as(Persona::Trainee).await;
    trainee.get("/api/v1/applications").await;

    let logs = gongjiang_testkit::logs();

    assert!(
        logs.contains("sign-in failed"),
        "failed sign-ins are logged"
    );
    assert!(logs.contains("signed in"));
    assert!(
        logs.contains("permission denied"),
        "denied authorisations are logged"
    );
    for secret in [
        PASSWORD,
        "wrong-but-logged?",
        token.as_str(),
        "13812345678",
        "王小明",
    ] {
        assert!(!logs.contains(secret), "the log contains {secret:?}");
    }
}

#[tokio::test]
async fn a_fresh_install_explains_how_to_create_the_first_account_instead_of_failing() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    let anon = app.client();
    for path in ["/", "/members", "/api/v1/members"] {
        let answer = anon.get(path).await;
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(
            answer.body().contains("gongjiang admin create"),
            "{path}: {}",
            answer.body()
        );
    }
    assert_eq!(anon.get("/login").await.status(), StatusCode::OK);
    assert!(
        anon.get("/login")
            .await
            .body()
            .contains("gongjiang admin create")
    );
}

#[tokio::test]
async fn a_malformed_id_in_a_path_is_simply_not_found_on_pages_and_in_the_api() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;

    let page = school.get("/internships/not-an-id").await;
    let api = school.get("/api/v1/internships/not-an-id").await;
    let round = school.get("/rounds/12345/results").await;

    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page.body().contains("<html"), "a page for a page route");
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not_found");
    assert_eq!(round.status(), StatusCode::NOT_FOUND);
}

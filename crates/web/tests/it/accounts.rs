//! Accounts over HTTP: sign-in, throttling, sessions, passwords, invitations, tokens.

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Options, PASSWORD, Persona, TestApp};
use serde_json::json;

#[tokio::test]
async fn signing_in_sets_a_fresh_httponly_cookie_and_signing_out_kills_the_session() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    let before = client.get("/login").await;
    let pre_cookie = before.set_cookies().join(";");

    let answer = client
        .post_form(
            "/login",
            &[("login", "secretariat"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let cookie = answer
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("gj_session="))
        .expect("session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    let secret = cookie
        .trim_start_matches("gj_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(secret.len() >= 43, "at least 256 bits");
    assert!(
        !pre_cookie.contains(&secret),
        "no fixation: a new secret at sign-in"
    );
    client.refresh_csrf().await;
    assert_eq!(
        client.get("/api/v1/me").await.json()["login"],
        "secretariat"
    );

    let out = client.post_form("/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    // Replaying the old cookie value after sign-out is refused.
    let replay = app
        .client()
        .get_with("/api/v1/me", &[("cookie", &format!("gj_session={secret}"))])
        .await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_saying_whether_the_login_exists() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    let wrong = client
        .post_form(
            "/login",
            &[("login", "secretariat"), ("password", "not-the-password")],
        )
        .await;
    let unknown = client
        .post_form(
            "/login",
            &[("login", "nobody-here"), ("password", "not-the-password")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(
        wrong.body().contains("账号或密码不正确") && unknown.body().contains("账号或密码不正确")
    );
}

#[tokio::test]
async fn sixteen_parallel_wrong_passwords_are_checked_only_five_times() {
    // The security sweep's finding 4: the lock must be checked and the
    // failure counted in one step, or every parallel attempt is verified.
    let app = TestApp::spawn().await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let a = app.app.clone();
        attempts.spawn(async move {
            gongjiang_app::accounts::sign_in(&a, "teacher", "wrong-password-x", "10.0.0.7").await
        });
    }
    let (mut checked, mut locked) = (0, 0);
    while let Some(outcome) = attempts.join_next().await {
        match outcome.unwrap() {
            Err(gongjiang_app::Error::BadCredentials) => checked += 1,
            Err(gongjiang_app::Error::TooManyAttempts { .. }) => locked += 1,
            Err(e) => panic!("unexpected {e:?}"),
            Ok(_) => panic!("a wrong password signed in"),
        }
    }
    assert_eq!((checked, locked), (5, 11));
    // Right passwords from the same address do not use up its allowance.
    for _ in 0..40 {
        gongjiang_app::accounts::sign_in(&app.app, "secretariat", PASSWORD, "10.0.0.8")
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn after_five_failures_even_the_right_password_waits_and_then_works_again() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    for _ in 0..5 {
        let r = client
            .post_form(
                "/login",
                &[("login", "teacher"), ("password", "wrong-password-x")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let locked = client
        .post_form("/login", &[("login", "teacher"), ("password", PASSWORD)])
        .await;

    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        locked.body().contains("登录失败次数过多"),
        "{}",
        locked.body()
    );
    assert!(locked.header("retry-after").is_some());
    app.clock.advance_minutes(2);
    let ok = client
        .post_form("/login", &[("login", "teacher"), ("password", PASSWORD)])
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn demo_accounts_are_refused_when_the_server_is_not_in_demo_mode() {
    let app = TestApp::spawn_with(Options {
        demo_mode: false,
        ..Options::default()
    })
    .await;
    let mut client = app.client();
    let answer = client
        .post_form(
            "/login",
            &[("login", "secretariat"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    assert!(answer.body().contains("演示账号仅在演示模式"));
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let app = TestApp::spawn().await;
    let client = app.client_as(Persona::Teacher).await;
    app.clock.advance_minutes(29);
    assert_eq!(client.get("/api/v1/me").await.status(), StatusCode::OK);
    app.clock.advance_minutes(31);
    assert_eq!(
        client.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn changing_the_password_checks_it_and_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let mut first = app.client_as(Persona::Hr).await;
    let second = app.client_as(Persona::Hr).await;

    let wrong = first
        .post_form(
            "/account/password",
            &[
                ("current_password", "nope-nope-nope"),
                ("new_password", "a-new-long-phrase"),
                ("confirm_password", "a-new-long-phrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body().contains("当前密码不正确"));
    let common = first
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "12345678"),
                ("confirm_password", "12345678"),
            ],
        )
        .await;
    assert!(
        common.body().contains("新密码过于常见"),
        "{}",
        common.body()
    );
    let short = first
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert!(short.body().contains("新密码至少需要 8 个字符"));

    let ok = first
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "湖北光谷 2026 夏天"),
                ("confirm_password", "湖北光谷 2026 夏天"),
            ],
        )
        .await;

    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(
        first.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        second.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED,
        "the other one ends"
    );
    app.signed_in("hr", "湖北光谷 2026 夏天").await;
}

#[tokio::test]
async fn an_org_admin_invites_a_teacher_who_joins_their_unit_once() {
    let app = TestApp::spawn().await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let school = app.demo.school;

    let page = admin
        .post_form(
            &format!("/org/{school}/invitations"),
            &[("role", "staff"), ("note", "新教师")],
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let link = page
        .body()
        .split("id=\"invite-link\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert!(link.starts_with("/invite/"));

    let mut newcomer = app.client();
    let form = newcomer.get(&link).await;
    assert!(form.body().contains("您受邀加入"));
    let accepted = newcomer
        .post_form(
            &link,
            &[
                ("login", "new.teacher"),
                ("display_name", "新教师"),
                ("password", "教书育人的长密码"),
                ("confirm_password", "教书育人的长密码"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    assert!(accepted.body().contains("invite-done"));

    let teacher = app.signed_in("new.teacher", "教书育人的长密码").await;
    let me = teacher.get("/api/v1/me").await.json();
    assert_eq!(me["org_id"], school.to_string());
    assert_eq!(me["role"], "staff");
    assert_eq!(
        app.client().get(&link).await.status(),
        StatusCode::NOT_FOUND,
        "a link works once"
    );
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days_and_only_admins_may_invite() {
    let app = TestApp::spawn().await;
    let admin = app.client_as(Persona::EnterpriseAdmin).await;
    let created = admin
        .send_json(
            Method::POST,
            "/api/v1/invitations",
            &json!({"role": "staff"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let path = created.json()["path"].as_str().unwrap().to_string();
    let hr = app.client_as(Persona::Hr).await;
    let refused = hr
        .send_json(
            Method::POST,
            "/api/v1/invitations",
            &json!({"role": "staff"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let escalation = admin
        .send_json(
            Method::POST,
            "/api/v1/invitations",
            &json!({"role": "secretariat"}),
        )
        .await;
    assert_eq!(
        escalation.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an org admin cannot mint secretariat accounts"
    );

    assert_eq!(app.client().get(&path).await.status(), StatusCode::OK);
    app.clock.advance_minutes(7 * 24 * 60 + 1);
    assert_eq!(
        app.client().get(&path).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_api_token_works_until_it_is_revoked_and_is_stored_only_as_a_hash() {
    let app = TestApp::spawn().await;
    let user = app.client_as(Persona::EnterpriseAdmin).await;
    let created = user
        .send_json(
            Method::POST,
            "/api/v1/me/tokens",
            &json!({"name": "ERP 对接"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let token = created.json();
    let secret = token["secret"].as_str().unwrap().to_string();
    let id = token["id"].as_str().unwrap().to_string();

    let anon = app.client();
    let me = anon
        .with_token(Method::GET, "/api/v1/me", &secret, None)
        .await;
    assert_eq!(me.json()["login"], "enterprise-admin");
    let listed = user.get("/api/v1/me/tokens").await;
    assert!(!listed.body().contains(&secret), "the secret is shown once");

    assert_eq!(
        user.delete(&format!("/api/v1/me/tokens/{id}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        anon.with_token(Method::GET, "/api/v1/me", &secret, None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let other = app.client_as(Persona::Hr).await;
    assert_eq!(
        other
            .delete(&format!("/api/v1/me/tokens/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_disabled_staff_member_is_signed_out_at_once() {
    let app = TestApp::spawn().await;
    let teacher = app.client_as(Persona::Teacher).await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let people = admin
        .get(&format!("/api/v1/organizations/{}/people", app.demo.school))
        .await
        .json();
    let teacher_id = people["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["login"] == "teacher")
        .unwrap()["user_id"]
        .as_str()
        .unwrap()
        .to_string();

    let asked = admin
        .post_form(
            &format!("/org/{}/people/{teacher_id}/status", app.demo.school),
            &[("status", "disabled")],
        )
        .await;
    assert!(asked.body().contains("停用账号"), "disabling asks first");
    assert_eq!(
        teacher.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "still signed in until confirmed"
    );
    let done = admin
        .post_form(
            &format!("/org/{}/people/{teacher_id}/status", app.demo.school),
            &[
                ("status", "disabled"),
                ("reason", "已调离本校"),
                ("confirmed", "1"),
            ],
        )
        .await;

    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        teacher.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The demo school's teacher's user id, read from the school's people.
async fn teacher_id(app: &TestApp, admin: &gongjiang_testkit::TestClient) -> String {
    let people = admin
        .get(&format!("/api/v1/organizations/{}/people", app.demo.school))
        .await
        .json();
    people["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["login"] == "teacher")
        .unwrap()["user_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn disabling_an_account_asks_for_a_reason_and_refuses_an_empty_one_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let teacher = app.client_as(Persona::Teacher).await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let id = teacher_id(&app, &admin).await;
    let path = format!("/org/{}/people/{id}/status", app.demo.school);

    let asked = admin.post_form(&path, &[("status", "disabled")]).await;
    let empty = admin
        .post_form(
            &path,
            &[("status", "disabled"), ("reason", "  "), ("confirmed", "1")],
        )
        .await;
    let short = admin
        .post_form(
            &path,
            &[("status", "disabled"), ("reason", "走"), ("confirmed", "1")],
        )
        .await;
    admin.get("/lang/en").await;
    let empty_en = admin
        .post_form(
            &path,
            &[("status", "disabled"), ("reason", ""), ("confirmed", "1")],
        )
        .await;

    assert!(
        asked.body().contains("<textarea name=\"reason\""),
        "the confirmation asks why: {}",
        asked.body()
    );
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body().contains("理由不能为空"),
        "the field is named: {}",
        empty.body()
    );
    assert!(
        empty.body().contains("id=\"confirm-what\""),
        "still the confirmation"
    );
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.body().contains(">走</textarea>"),
        "what was typed is kept: {}",
        short.body()
    );
    assert!(short.body().contains("理由至少需要 2 个字符"));
    assert_eq!(empty_en.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty_en.body().contains("Reason is required"),
        "{}",
        empty_en.body()
    );
    assert_eq!(
        teacher.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "nothing happened without a reason"
    );
}

#[tokio::test]
async fn the_reason_an_account_was_disabled_is_kept_on_it_shown_on_the_people_list_and_logged() {
    let app = TestApp::spawn().await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let id = teacher_id(&app, &admin).await;
    let path = format!("/org/{}/people/{id}/status", app.demo.school);

    let done = admin
        .post_form(
            &path,
            &[
                ("status", "disabled"),
                ("reason", "已调离本校"),
                ("confirmed", "1"),
            ],
        )
        .await;
    let people = admin.get(&format!("/org/{}/people", app.demo.school)).await;
    let listed = admin
        .get(&format!("/api/v1/organizations/{}/people", app.demo.school))
        .await
        .json();
    let secretariat = app.client_as(Persona::Secretariat).await;
    let log = secretariat
        .get(&format!("/api/v1/audit?object_type=user&object_id={id}"))
        .await
        .json();
    let page = secretariat
        .get(&format!("/admin/audit?object_type=user&object_id={id}"))
        .await;
    admin.post_form(&path, &[("status", "active")]).await;
    let enabled = admin
        .get(&format!("/api/v1/organizations/{}/people", app.demo.school))
        .await
        .json();

    assert_eq!(done.status(), StatusCode::SEE_OTHER, "{}", done.body());
    assert!(people.body().contains("停用原因"), "{}", people.body());
    assert!(people.body().contains("已调离本校"), "{}", people.body());
    let teacher = |v: &serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["login"] == "teacher")
            .unwrap()
            .clone()
    };
    assert_eq!(teacher(&listed)["disabled_reason"], "已调离本校");
    assert_eq!(log["items"][0]["action"], "user.set_status");
    assert_eq!(log["items"][0]["after"]["reason"], "已调离本校");
    assert!(
        page.body().contains("理由: ∅ → 已调离本校"),
        "{}",
        page.body()
    );
    assert_eq!(teacher(&enabled)["status"], "active");
    assert_eq!(
        teacher(&enabled)["disabled_reason"],
        serde_json::Value::Null,
        "enabling clears the reason"
    );
}

//! Membership over HTTP: roster, search, application, decisions, profiles.

use super::{application, code, pairs, pending_membership};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use serde_json::json;

#[tokio::test]
async fn the_public_roster_lists_the_72_founding_members_with_the_chair_first() {
    let app = TestApp::spawn().await;
    let anon = app.client();

    let page = anon.get("/api/v1/members?per_page=200").await;

    assert_eq!(page.status(), StatusCode::OK);
    let body = page.json();
    assert_eq!(body["total"], 72);
    assert_eq!(body["items"][0]["name"], "鄂东技师学院");
    assert_eq!(body["items"][0]["tier"], "chair");
    let html = anon.get("/members").await;
    assert!(html.body().contains("鄂东技师学院") && html.body().contains("湖北工程职业学院"));
    assert!(html.body().contains("理事长单位"));
}

#[tokio::test]
async fn search_finds_a_unit_by_characters_full_pinyin_initials_and_its_other_name() {
    let app = TestApp::spawn().await;
    let anon = app.client();

    for q in ["edjs", "EDJS", "edongjishi", "鄂东", "湖北工程", "hbgczy"] {
        let body = anon
            .get(&format!("/api/v1/members?q={}", urlencode(q)))
            .await
            .json();
        let names: Vec<&str> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"鄂东技师学院"), "{q}: {names:?}");
    }
    let none = anon.get("/api/v1/members?q=zzzzqqqq").await.json();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn search_text_with_like_wildcards_matches_literally() {
    let app = TestApp::spawn().await;
    let body = app.client().get("/api/v1/members?q=%25").await.json();
    assert_eq!(body["total"], 0, "a bare % must not match everything");
}

#[tokio::test]
async fn filters_narrow_the_roster_and_pages_cover_it_without_duplicates() {
    let app = TestApp::spawn().await;
    let anon = app.client();

    let enterprises = anon
        .get("/api/v1/members?kind=enterprise&per_page=200")
        .await
        .json();
    assert_eq!(enterprises["total"], 34);
    assert!(
        enterprises["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "enterprise")
    );
    let vice = anon.get("/api/v1/members?tier=vice_chair").await.json();
    assert_eq!(vice["total"], 6);
    let huangshi = anon
        .get(&format!(
            "/api/v1/members?city={}&per_page=200",
            urlencode("黄石市")
        ))
        .await
        .json();
    assert!(
        huangshi["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["city"] == "黄石市")
    );
    let pcb = anon
        .get("/api/v1/members?segment=pcb&per_page=200")
        .await
        .json();
    assert!(
        pcb["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["segments"].as_array().unwrap().contains(&json!("pcb")))
    );

    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=8 {
        let body = anon
            .get(&format!("/api/v1/members?per_page=10&page={page}"))
            .await
            .json();
        for item in body["items"].as_array().unwrap() {
            assert!(
                seen.insert(item["id"].as_str().unwrap().to_string()),
                "duplicate across pages"
            );
        }
    }
    assert_eq!(seen.len(), 72);
    let bad = anon.get("/api/v1/members?kind=bank").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "kind");
}

#[tokio::test]
async fn secretariat_approves_an_application_and_the_unit_joins_the_roster() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    let credit = code("91420200MA4K12345");

    let filed = anon
        .post_form(
            "/apply",
            &pairs(&application("黄石示范精密电子有限公司", &credit)),
        )
        .await;
    assert_eq!(filed.status(), StatusCode::OK);
    assert!(filed.body().contains("apply-done"));
    let before = anon.get("/api/v1/members?q=sfjm").await.json();
    assert_eq!(before["total"], 0, "not on the roster before approval");

    let id = pending_membership(&app, "黄石示范精密电子有限公司").await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    let decided = secretariat
        .post_form(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "approve"), ("tier", "council"), ("note", "同意")],
        )
        .await;

    assert_eq!(
        decided.status(),
        StatusCode::OK,
        "shows the first administrator's link"
    );
    assert!(decided.body().contains("id=\"first-admin\""));
    let after = anon.get("/api/v1/members?q=sfjm").await.json();
    assert_eq!(after["total"], 1);
    assert_eq!(after["items"][0]["tier"], "council");
    let html = anon.get("/members?q=sfjm").await;
    assert!(html.body().contains("黄石示范精密电子有限公司"));
}

#[tokio::test]
async fn an_application_with_a_wrong_check_character_names_the_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    let mut fields = application("黄石错误代码科技有限公司", "91350100M000100Y44");
    fields.retain(|(k, _)| *k != "contact_phone");
    fields.push(("contact_phone", "1381234567".into()));

    let answer = anon.post_form("/apply", &pairs(&fields)).await;

    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body().contains("统一社会信用代码校验位不正确"),
        "{}",
        answer.body()
    );
    assert!(answer.body().contains("联系人手机格式不正确"));
    assert!(
        answer.body().contains("黄石错误代码科技有限公司"),
        "the form keeps what was typed"
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    let pending = secretariat.get("/api/v1/applications").await.json();
    assert_eq!(
        pending["items"].as_array().unwrap().len(),
        3,
        "nothing was stored"
    );
}

#[tokio::test]
async fn applying_again_with_a_members_credit_code_is_a_conflict_not_a_server_error() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let chair = anon.get("/api/v1/members?q=edjs").await.json();
    let chair_code = chair["items"][0]["credit_code"]
        .as_str()
        .unwrap()
        .to_string();

    let body = json!({"organization": {"kind": "technical_college", "name": "鄂东技师学院", "credit_code": chair_code, "city": "黄石市"},
        "requested_tier": "member", "contact_name": "李四", "contact_phone": "13912345678"});
    let answer = anon
        .send_json(Method::POST, "/api/v1/applications", &body)
        .await;

    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = answer.json();
    assert_eq!(error["error"]["fields"][0]["field"], "credit_code");
    assert_eq!(error["error"]["fields"][0]["code"], "already_taken");
}

#[tokio::test]
async fn rejecting_needs_a_reason_and_a_rejected_unit_stays_off_the_roster() {
    let app = TestApp::spawn().await;
    let id = pending_membership(&app, "武汉南屿半导体有限公司").await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;

    let no_reason = secretariat
        .post_form(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "reject"), ("reason", "")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_reason.body().contains("理由不能为空"),
        "{}",
        no_reason.body()
    );

    let rejected = secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "reject", "reason": "材料不全，请补充后再申请"}),
        )
        .await;
    assert_eq!(rejected.status(), StatusCode::OK);
    assert_eq!(rejected.json()["status"], "rejected");
    let again = secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "approve", "tier": "member"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.client().get("/api/v1/members?q=nanyu").await.json()["total"],
        0
    );
}

#[tokio::test]
async fn a_suspended_member_leaves_the_roster_until_reinstated_and_can_then_end() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let member = anon
        .get("/api/v1/members?kind=enterprise&per_page=1")
        .await
        .json();
    let mid = member["items"][0]["membership_id"]
        .as_str()
        .unwrap()
        .to_string();
    let secretariat = app.client_as(Persona::Secretariat).await;
    let path = format!("/api/v1/memberships/{mid}/decision");

    let suspended = secretariat
        .send_json(
            Method::POST,
            &path,
            &json!({"action": "suspend", "reason": "未按期参加活动"}),
        )
        .await;
    assert_eq!(suspended.json()["status"], "suspended");
    assert_eq!(anon.get("/api/v1/members").await.json()["total"], 71);
    secretariat
        .send_json(Method::POST, &path, &json!({"action": "reinstate"}))
        .await;
    assert_eq!(anon.get("/api/v1/members").await.json()["total"], 72);
    let ended = secretariat
        .send_json(
            Method::POST,
            &path,
            &json!({"action": "end", "reason": "自愿退出"}),
        )
        .await;
    assert_eq!(ended.json()["status"], "left");
    assert_eq!(anon.get("/api/v1/members").await.json()["total"], 71);
}

#[tokio::test]
async fn the_alliance_cannot_get_a_second_chair_unit() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let member = anon
        .get("/api/v1/members?tier=council&per_page=1")
        .await
        .json();
    let mid = member["items"][0]["membership_id"]
        .as_str()
        .unwrap()
        .to_string();
    let secretariat = app.client_as(Persona::Secretariat).await;

    let answer = secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{mid}/decision"),
            &json!({"action": "change_tier", "tier": "chair"}),
        )
        .await;

    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.json()["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("理事长单位")
    );
}

#[tokio::test]
async fn an_org_admin_edits_their_own_profile_but_gets_403_on_another_units() {
    let app = TestApp::spawn().await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let own = app.demo.school;
    let other = app.demo.enterprise;
    let profile = app
        .client()
        .get(&format!("/api/v1/organizations/{own}"))
        .await
        .json();
    let mut form: Vec<(&str, String)> = vec![
        ("kind", profile["kind"].as_str().unwrap().into()),
        ("name", profile["name"].as_str().unwrap().into()),
        (
            "credit_code",
            profile["credit_code"].as_str().unwrap().into(),
        ),
        ("city", profile["city"].as_str().unwrap().into()),
        ("intro", "<script>alert(1)</script>新的简介".into()),
    ];
    form.push(("segments", "pcb".into()));

    let saved = admin
        .post_form(&format!("/org/{own}/edit"), &pairs(&form))
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let shown = app.client().get(&format!("/members/{own}")).await;
    assert!(
        shown.body().contains("script&#62;alert(1)") || shown.body().contains("script&gt;alert(1)"),
        "escaped"
    );
    assert!(shown.body().contains("新的简介"));
    assert!(!shown.body().contains("<script>alert(1)"));

    let refused = admin
        .post_form(&format!("/org/{other}/edit"), &pairs(&form))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let api_refused = admin
        .send_json(Method::PUT, &format!("/api/v1/organizations/{other}"), &json!({"kind": "enterprise", "name": "被改名企业", "credit_code": profile["credit_code"], "city": "武汉市"}))
        .await;
    assert_eq!(api_refused.status(), StatusCode::FORBIDDEN);
    let untouched = app
        .client()
        .get(&format!("/api/v1/organizations/{other}"))
        .await
        .json();
    assert_ne!(untouched["name"], "被改名企业");
}

#[tokio::test]
async fn a_trainee_cannot_approve_and_anonymous_visitors_must_sign_in() {
    let app = TestApp::spawn().await;
    let id = pending_membership(&app, "黄石北辰技工学校").await;
    let mut trainee = app.client_as(Persona::Trainee).await;

    let refused = trainee
        .post_form(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "approve"), ("tier", "member")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let api = trainee
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "approve", "tier": "member"}),
        )
        .await;
    assert_eq!(api.status(), StatusCode::FORBIDDEN);

    let anon = app.client();
    let page = anon.get("/admin/applications").await;
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login");
    assert_eq!(
        anon.get("/api/v1/applications").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let random = uuid_like();
    assert_eq!(
        anon.get(&format!("/members/{random}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get("/members/not-an-id").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get(&format!("/api/v1/organizations/{random}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get("/no/such/page").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_pending_applicants_profile_is_hidden_from_the_public_but_not_from_the_secretariat() {
    let app = TestApp::spawn().await;
    let id = pending_membership(&app, "黄石北辰技工学校").await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let view = secretariat
        .get(&format!("/api/v1/memberships/{id}"))
        .await
        .json();
    let org = view["organization"]["id"].as_str().unwrap().to_string();

    assert_eq!(
        app.client()
            .get(&format!("/api/v1/organizations/{org}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        secretariat.get(&format!("/members/{org}")).await.status(),
        StatusCode::OK
    );
}

fn uuid_like() -> String {
    "01900000-0000-7000-8000-000000000000".into()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn the_roster_exports_what_it_shows() {
    let app = TestApp::spawn().await;
    let csv = app.client().get("/members.csv?kind=association").await;
    assert_eq!(csv.status(), StatusCode::OK);
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(
        lines.len(),
        1 + 4,
        "a header and the 4 associations: {lines:?}"
    );
    assert!(csv.body().contains("黄石市光电子信息产业协会"));
    let book = app.client().get("/members.xlsx").await;
    assert!(
        book.header("content-type")
            .unwrap()
            .contains("spreadsheetml")
    );
}

#[tokio::test]
async fn approving_a_unit_without_people_invites_its_first_administrator() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    let name = "黄石首位管理员科技有限公司";
    let applied = anon
        .post_form(
            "/apply",
            &pairs(&application(name, &code("91420200MA4K0FAD0"))),
        )
        .await;
    assert_eq!(applied.status(), StatusCode::OK, "{}", applied.body());
    assert!(applied.body().contains("apply-done"), "{}", applied.body());
    let membership = pending_membership(&app, name).await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    secretariat.refresh_csrf().await;

    // The page approval shows the link once, to hand over.
    let approved = secretariat
        .post_form(
            &format!("/admin/memberships/{membership}/decide"),
            &[("action", "approve"), ("tier", "member")],
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK, "{}", approved.body());
    let body = approved.body();
    assert!(body.contains("id=\"first-admin\""), "{body}");
    let start = body.find("/invite/").expect("the invitation link");
    let token: String = body[start + "/invite/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(token.len() >= 20, "{token}");

    // The contact accepts it and is the unit's administrator.
    let accepted = app
        .client()
        .send_json(
            Method::POST,
            "/api/v1/invitations/accept",
            &json!({"token": token, "login": "first.admin", "display_name": "王小明",
                "password": "Zhanglu-2027-pcb", "confirm_password": "Zhanglu-2027-pcb"}),
        )
        .await;
    assert_eq!(
        accepted.status(),
        StatusCode::CREATED,
        "{}",
        accepted.body()
    );
    let admin = app.signed_in("first.admin", "Zhanglu-2027-pcb").await;
    let me = admin.get("/api/v1/me").await.json();
    assert_eq!(me["role"], "org_admin");
    let org = secretariat
        .get(&format!("/api/v1/memberships/{membership}"))
        .await
        .json()["organization"]["id"]
        .clone();
    assert_eq!(me["org_id"], org);

    // A unit that already has people gets no second first administrator.
    let again = secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{membership}/decision"),
            &json!({"action": "suspend", "reason": "材料待补"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK, "{}", again.body());
    assert!(again.json().get("first_admin_invitation").is_none());
}

#[tokio::test]
async fn the_whole_roster_is_kept_as_read_yet_shows_a_new_member_at_once() {
    // A window for aggregates, as `serve` sets it: the roster ignores it.
    let app = TestApp::spawn_with(gongjiang_testkit::Options::served()).await;
    let mut anon = app.client();
    let before = anon.get("/api/v1/members?per_page=200").await.json();
    let again = anon.get("/api/v1/members?per_page=200").await.json();
    assert_eq!(before, again, "read twice, the same");
    let credit = code("91420200MA4K12345");
    anon.post_form(
        "/apply",
        &pairs(&application("黄石示范精密电子有限公司", &credit)),
    )
    .await;
    let id = pending_membership(&app, "黄石示范精密电子有限公司").await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    secretariat
        .post_form(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "approve"), ("tier", "council"), ("note", "同意")],
        )
        .await;

    let after = anon.get("/api/v1/members?per_page=200").await.json();
    assert_eq!(
        after["total"].as_i64().unwrap(),
        before["total"].as_i64().unwrap() + 1,
        "the new member shows on the next read"
    );
    let second = anon.get("/members?page=2&per_page=20").await;
    assert_eq!(second.status(), StatusCode::OK);
    assert_ne!(
        anon.get("/api/v1/members?page=2&per_page=20").await.json()["items"][0],
        after["items"][0],
        "pages are slices of the kept order"
    );
}

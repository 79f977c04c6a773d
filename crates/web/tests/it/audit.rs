//! The audit log over HTTP.

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use serde_json::json;

#[tokio::test]
async fn an_approval_is_recorded_with_who_for_which_unit_and_before_and_after() {
    let app = TestApp::spawn().await;
    let id = super::pending_membership(&app, "鄂州北辰光电显示有限公司").await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "approve", "tier": "member"}),
        )
        .await;

    let log = secretariat
        .get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json();

    let entry = &log["items"][0];
    assert_eq!(entry["action"], "membership.approve");
    assert_eq!(entry["actor_login"], "secretariat");
    assert_eq!(entry["actor_role"], "secretariat");
    assert_eq!(entry["actor_org_id"], app.demo.chair.to_string());
    assert_eq!(entry["before"]["status"], "applied");
    assert_eq!(entry["after"]["status"], "active");
    assert!(entry["at"].as_str().unwrap().ends_with("+08:00"));
    let page = secretariat.get("/admin/audit?action=membership.").await;
    // The page words the action, the field and the stored values.
    assert!(page.body().contains("批准入盟"), "{}", page.body());
    assert!(
        page.body().contains("状态: 待审核 → 正常"),
        "{}",
        page.body()
    );
    assert!(matches!(gongjiang_app::audit::verify_chain(&app.app).await.unwrap(), Ok(n) if n >= 2));
}

#[tokio::test]
async fn an_org_admin_sees_only_their_own_units_entries_and_a_trainee_none() {
    let app = TestApp::spawn().await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    admin
        .post_form(
            &format!("/org/{}/invitations", app.demo.school),
            &[("role", "staff"), ("note", "x")],
        )
        .await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let id = super::pending_membership(&app, "黄石北辰技工学校").await;
    secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "approve", "tier": "member"}),
        )
        .await;

    let own = admin.get("/api/v1/audit?per_page=200").await.json();

    let items = own["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let school = app.demo.school.to_string();
    assert!(
        items
            .iter()
            .all(|e| e["actor_org_id"] == school.as_str() || e["object_org_id"] == school.as_str())
    );
    assert!(!items.iter().any(|e| e["action"] == "membership.approve"));
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee.get("/api/v1/audit").await.status(),
        StatusCode::FORBIDDEN
    );
}

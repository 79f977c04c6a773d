//! Notifications over real HTTP: who is told of what, the badge, opening
//! and marking read, nobody else's items, the applicant's decision by
//! e-mail through the outbox (kept and retried while the mail server is
//! down), a unit's WeCom robot receiving the documented JSON from a local
//! receiver, and the reminder sweep telling each reader once.

use crate::training::{started, world};
use axum::http::StatusCode;
use gongjiang_app::notifications::delivery::{self, MailSettings, Security, Transports};
use gongjiang_testkit::{Options, Persona, TestApp, TestClient};
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// The caller's notifications of `kind`, newest first.
async fn of_kind(client: &TestClient, kind: &str) -> Vec<Value> {
    let all = client
        .get("/api/v1/notifications?per_page=100")
        .await
        .json();
    all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .cloned()
        .collect()
}

async fn write_log(app: &TestApp, path: &str, week: &str, text: &str) {
    let mut me = app.client_as(Persona::Trainee).await;
    let written = me
        .post_form(
            &format!("{path}/log"),
            &[("week_of", week), ("content", text)],
        )
        .await;
    assert_eq!(
        written.status(),
        StatusCode::SEE_OTHER,
        "{}",
        written.body()
    );
}

#[tokio::test]
async fn a_log_tells_the_host_a_query_tells_the_trainee_and_school_and_nobody_opens_anothers() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = started(&app, &w).await;
    let path = format!("/internships/{id}");
    let mut hr = app.client_as(Persona::Hr).await;
    assert!(of_kind(&hr, "log.submitted").await.is_empty());

    write_log(&app, &path, "2026-11-16", "学习 AOI 编程，完成双面板检测。").await;

    let waiting = of_kind(&hr, "log.submitted").await;
    assert_eq!(waiting.len(), 1, "the host's supervisor is told once");
    assert_eq!(waiting[0]["href"], path);
    assert!(waiting[0]["text"].as_str().unwrap().contains("2026-11-16"));
    assert!(waiting[0]["read_at"].is_null());
    let home = hr.get("/").await;
    assert!(home.body().contains("id=\"notification-badge\""));
    assert!(
        home.body().contains("实习周志待确认 1 篇"),
        "the host's work queue counts the entry: {}",
        home.body()
    );
    assert!(
        home.body().contains("class=\"badge\""),
        "an unread count is shown"
    );
    let centre = hr.get("/notifications").await;
    assert!(centre.body().contains("2026-11-16"), "{}", centre.body());

    let nid = waiting[0]["id"].as_str().unwrap().to_string();
    let mut trainee = app.client_as(Persona::Trainee).await;
    let foreign = trainee
        .post_form(&format!("/notifications/{nid}/open"), &[])
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::NOT_FOUND,
        "someone else's is not found"
    );
    let opened = hr
        .post_form(&format!("/notifications/{nid}/open"), &[])
        .await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    assert_eq!(opened.location(), path, "opening leads to the record");
    assert!(!of_kind(&hr, "log.submitted").await[0]["read_at"].is_null());
    let unread = hr.get("/api/v1/notifications?unread=1").await.json();
    assert!(
        unread["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["id"] != nid.as_str()),
        "read ones leave the unread list"
    );

    let entry = hr.get(&format!("/api/v1/internships/{id}")).await.json()["logs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let queried = hr
        .post_form(
            &format!("{path}/log/{entry}/review"),
            &[("decision", "query"), ("comment", "请补充检测数据")],
        )
        .await;
    assert_eq!(queried.status(), StatusCode::SEE_OTHER);
    let mine = of_kind(&trainee, "log.queried").await;
    assert_eq!(mine.len(), 1);
    assert!(mine[0]["text"].as_str().unwrap().contains("请补充检测数据"));
    let school = app.client_as(Persona::SchoolAdmin).await;
    assert_eq!(
        of_kind(&school, "log.queried").await.len(),
        1,
        "the school sees the query"
    );
    assert!(
        school
            .get("/")
            .await
            .body()
            .contains("被质询的实习周志 1 篇"),
        "and its work queue counts it"
    );
    let own_home = trainee.get("/").await;
    assert!(
        own_home.body().contains(&format!("{path}#write-log")),
        "the trainee's home leads to the log"
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    assert!(
        of_kind(&secretariat, "log.queried").await.is_empty(),
        "nobody else is told"
    );

    let revised = trainee
        .post_form(
            &format!("{path}/log/{entry}"),
            &[("content", "学习 AOI 编程，补充检测数据：误判率 0.3%。")],
        )
        .await;
    assert_eq!(
        revised.status(),
        StatusCode::SEE_OTHER,
        "{}",
        revised.body()
    );
    assert_eq!(
        of_kind(&hr, "log.revised").await.len(),
        1,
        "the revision goes back to the host"
    );

    let all_read = hr.post_form("/notifications/read-all", &[]).await;
    assert_eq!(all_read.status(), StatusCode::SEE_OTHER);
    let none = hr.get("/api/v1/notifications?unread=1").await.json();
    assert_eq!(none["total"], 0);
}

fn mail_to_nowhere() -> MailSettings {
    // A port nothing listens on: the mail server is down.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    MailSettings {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: String::new(),
        password: String::new(),
        from: "工匠平台 <noreply@gongjiang.example>".into(),
    }
}

#[tokio::test]
async fn an_application_tells_the_secretariat_and_the_decision_waits_in_the_outbox_while_mail_is_down()
 {
    let mut options = Options::default();
    options.settings.mail = Some(mail_to_nowhere());
    let app = TestApp::spawn_with(options).await;
    let mut anon = app.client();
    let credit = crate::code("91420200MA4K77777");
    let filed = anon
        .post_form(
            "/apply",
            &crate::pairs(&crate::application("黄石通知测试电子有限公司", &credit)),
        )
        .await;
    assert_eq!(filed.status(), StatusCode::OK);
    let id = crate::pending_membership(&app, "黄石通知测试电子有限公司").await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    let told = of_kind(&secretariat, "application.filed").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["href"], format!("/admin/memberships/{id}"));
    assert!(
        told[0]["text"]
            .as_str()
            .unwrap()
            .contains("黄石通知测试电子有限公司")
    );

    let decided = secretariat
        .post_form(
            &format!("/admin/memberships/{id}/decide"),
            &[("action", "approve"), ("tier", "member"), ("note", "")],
        )
        .await;
    assert_eq!(decided.status(), StatusCode::OK);
    let outbox = secretariat.get("/admin/outbox").await;
    assert_eq!(outbox.status(), StatusCode::OK);
    assert!(
        outbox.body().contains("hr@example.com"),
        "{}",
        outbox.body()
    );
    assert!(outbox.body().contains("待发送"));

    let transports = Transports::new(&app.app.settings).unwrap();
    let pass = delivery::deliver_due(&app.app, &gongjiang_web::NotificationWords, &transports, 50)
        .await
        .unwrap();
    assert_eq!(pass.retried, 1, "{pass:?}");
    assert_eq!(pass.sent, 0);
    let (rows, total) = stored_outbox(&app, None).await;
    assert_eq!(total, 1, "the message is kept");
    assert_eq!(rows[0].status, "pending");
    assert_eq!(rows[0].attempts, 1);
    assert!(!rows[0].last_error.is_empty());
    assert!(
        rows[0].href.starts_with("/invite/"),
        "the invitation travels with it"
    );
    assert!(
        rows[0].next_attempt_at.0 > app.app.now().0,
        "tried again later"
    );
    let again = delivery::deliver_due(&app.app, &gongjiang_web::NotificationWords, &transports, 50)
        .await
        .unwrap();
    assert_eq!(again, delivery::Pass::default(), "not before its time");
    let page = secretariat.get("/admin/outbox?status=pending").await;
    assert!(page.body().contains("hr@example.com"));
    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get("/admin/outbox").await.status(),
        StatusCode::FORBIDDEN
    );
}

/// The outbox as stored (`status` or all), newest first.
async fn stored_outbox(
    app: &TestApp,
    status: Option<&str>,
) -> (Vec<gongjiang_store::notifications::OutboxMessage>, i64) {
    let mut conn = app.app.db.read().await.unwrap();
    gongjiang_store::notifications::outbox(&mut conn, status, 0, 50)
        .await
        .unwrap()
}

/// A local stand-in for the WeCom robot endpoint: records each body and
/// answers as the robot does, with `errcode`.
async fn robot(errcode: i64) -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    let router = axum::Router::new().route(
        "/cgi-bin/webhook/send",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let kept = kept.clone();
            async move {
                kept.lock().unwrap().push(body);
                axum::Json(serde_json::json!({"errcode": errcode, "errmsg": if errcode == 0 { "ok" } else { "invalid webhook url" }}))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (
        format!("http://127.0.0.1:{port}/cgi-bin/webhook/send?key=robotkey-1234"),
        seen,
    )
}

#[tokio::test]
async fn a_units_wecom_robot_gets_its_peoples_notifications_as_markdown_and_a_refusal_is_retried() {
    let mut options = Options::default();
    options.settings.webhook_hosts = vec!["127.0.0.1".into()];
    let app = TestApp::spawn_with(options).await;
    let w = world(&app).await;
    let id = started(&app, &w).await;
    let (url, seen) = robot(0).await;

    let mut admin = app.client_as(Persona::EnterpriseAdmin).await;
    let bad = admin
        .post_form(
            "/notifications/robot",
            &[("webhook_url", "https://evil.example/hook")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("Webhook 地址"),
        "the field is named: {}",
        bad.body()
    );
    assert!(
        bad.body().contains("https://evil.example/hook"),
        "what was typed is kept"
    );
    let set = admin
        .post_form("/notifications/robot", &[("webhook_url", &url)])
        .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER, "{}", set.body());
    let page = admin.get("/notifications").await;
    assert!(
        page.body().contains("key=robo****"),
        "the key is masked: {}",
        page.body()
    );
    assert!(!page.body().contains("robotkey-1234"));
    let mut hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.post_form("/notifications/robot", &[("webhook_url", &url)])
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "staff do not set the unit's robot"
    );

    write_log(
        &app,
        &format!("/internships/{id}"),
        "2026-11-16",
        "完成来料检验记录。",
    )
    .await;
    let transports = Transports::new(&app.app.settings).unwrap();
    let pass = delivery::deliver_due(&app.app, &gongjiang_web::NotificationWords, &transports, 50)
        .await
        .unwrap();
    assert_eq!(
        pass.sent, 1,
        "one message for the unit, however many of its people were told"
    );
    let bodies = seen.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["msgtype"], "markdown");
    let content = bodies[0]["markdown"]["content"].as_str().unwrap();
    assert!(content.contains("实习周志待确认"), "{content}");
    assert!(
        content.contains(&format!("https://gongjiang.example/internships/{id}")),
        "{content}"
    );

    // A robot that refuses (errcode ≠ 0) is tried again later, not lost.
    let (refusing, _) = robot(93000).await;
    admin
        .post_form("/notifications/robot", &[("webhook_url", &refusing)])
        .await;
    let entry = hr.get(&format!("/api/v1/internships/{id}")).await.json()["logs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut trainee = app.client_as(Persona::Trainee).await;
    trainee
        .post_form(
            &format!("/internships/{id}/log/{entry}"),
            &[("content", "完成来料检验记录并补充照片。")],
        )
        .await;
    let pass = delivery::deliver_due(&app.app, &gongjiang_web::NotificationWords, &transports, 50)
        .await
        .unwrap();
    assert_eq!(pass.retried, 1, "{pass:?}");
    let (rows, _) = stored_outbox(&app, Some("pending")).await;
    assert!(
        rows[0].last_error.contains("93000"),
        "{}",
        rows[0].last_error
    );
}

#[tokio::test]
async fn the_sweep_reminds_of_follow_ups_due_once_however_often_it_runs() {
    // The demo `serve --demo` loads, with its talent chain: jobs with follow-ups due.
    let app = TestApp::spawn_with(Options {
        load_demo: false,
        ..Options::default()
    })
    .await;
    gongjiang_app::demo_scale::load(
        &app.app,
        gongjiang_app::demo_scale::Scale::Alliance,
        20_231_201,
    )
    .await
    .unwrap();
    let first = gongjiang_app::notifications::sweep::sweep(&app.app)
        .await
        .unwrap();
    assert!(
        first.follow_ups > 0,
        "the demo has follow-ups due: {first:?}"
    );
    let second = gongjiang_app::notifications::sweep::sweep(&app.app)
        .await
        .unwrap();
    assert_eq!(
        second,
        gongjiang_app::notifications::sweep::Swept::default(),
        "nobody is told twice"
    );
    let school = app.client_as(Persona::SchoolAdmin).await;
    let due = of_kind(&school, "followup.due").await;
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["href"], "/employment");
    let trainee = app.client_as(Persona::Trainee).await;
    assert!(of_kind(&trainee, "followup.due").await.is_empty());
}

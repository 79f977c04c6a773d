//! Personal-information rights over HTTP (security reference §3.2): consent
//! withdrawn takes effect at once (F2), an enterprise sees a trainee's name
//! and phone only with their separate consent (F8), every view of a person's
//! data is in their access record (F7), and the notice is read from the
//! register (F1).

use gongjiang_testkit::build::{School, ok};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp, TestClient};
use serde_json::{Value, json};

const PHONE: &str = "13872345678";

/// A place of the demo enterprise's (HR posts it).
async fn place(hr: &TestClient, post: &str, level: &str) -> String {
    let d = ok(
        &hr.send_json(Method::POST, "/api/v1/demands", &json!({"post_name": post, "kind": "position_internship", "occupation_code": "6-25-01-13", "segment_code": "pcb",
            "min_level": level, "headcount": 3, "city": "黄石市", "wage_min": 3800, "wage_max": 4500,
            "start_on": "2027-03-01", "end_on": "2027-08-31", "night_shift": false}))
            .await,
        "demand",
    );
    d["id"].as_str().unwrap().to_string()
}

/// An open internship round over one place for one cohort.
async fn open_round(app: &TestApp, place: &str, cohort: &str) -> String {
    let secretariat = app.client_as(Persona::Secretariat).await;
    let r = ok(
        &secretariat
            .send_json(
                Method::POST,
                "/api/v1/rounds",
                &json!({"name": "2027年春季岗位实习匹配", "kind": "internship", "max_choices": 3,
                "preference_deadline": "2026-12-10 18:00", "ranking_deadline": "2026-12-15 18:00",
                "demand_ids": [place], "cohort_ids": [cohort]}),
            )
            .await,
        "round",
    );
    let round = r["id"].as_str().unwrap().to_string();
    ok(
        &secretariat
            .send_json(
                Method::POST,
                &format!("/api/v1/rounds/{round}/open"),
                &json!({}),
            )
            .await,
        "open round",
    );
    round
}

/// A school with one cohort, an enterprise place, an open round and two
/// applicants to it: trainee 0 (the trainee persona's record, with a phone)
/// and trainee 1. Answers (school, round, place, trainees).
async fn applicants(app: &TestApp) -> (School, String, String, Vec<String>) {
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let place = place(&hr, "沉铜电镀操作工", "level4").await;
    let trainees = vec![
        school.trainee(0).with("phone", PHONE).create().await,
        school.trainee(1).create().await,
    ];
    let round = open_round(app, &place, &school.cohorts[0]).await;
    link(&school, &trainees[0]).await;
    let teacher = app.client_as(Persona::Teacher).await;
    for t in &trainees {
        ok(
            &teacher
                .send_json(
                    Method::PUT,
                    &format!("/api/v1/rounds/{round}/preferences"),
                    &json!({"trainee_id": t, "demand_ids": [place]}),
                )
                .await,
            "preferences",
        );
    }
    (school, round, place, trainees)
}

/// A school with one cohort and one trainee whose record the trainee
/// persona's account is linked to; answers (school, trainee).
async fn linked_trainee(app: &TestApp) -> (School, String) {
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .build()
        .await;
    let t = school.trainee(0).create().await;
    link(&school, &t).await;
    (school, t)
}

/// Links the trainee persona's account to trainee `t` of `school`.
async fn link(school: &School, t: &str) {
    ok(
        &school
            .admin
            .send_json(
                Method::PUT,
                &format!("/api/v1/trainees/{t}/account"),
                &json!({"login": "trainee"}),
            )
            .await,
        "link account",
    );
}

async fn decide(me: &TestClient, body: Value) -> Value {
    ok(
        &me.send_json(Method::POST, "/api/v1/me/consents", &body)
            .await,
        "consent decision",
    )
}

fn applicant_ids(list: &Value) -> Vec<String> {
    list["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["trainee_id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn withdrawing_consent_to_matching_hides_the_trainee_from_the_enterprise_at_once_and_both_events_are_audited()
 {
    let app = TestApp::spawn().await;
    let (_school, round, place, trainees) = applicants(&app).await;
    let hr = app.client_as(Persona::Hr).await;
    let me = app.client_as(Persona::Trainee).await;
    let list_path = format!("/api/v1/rounds/{round}/places/{place}/applicants");
    let profile_path = format!("{list_path}/{}", trainees[0]);

    assert_eq!(
        applicant_ids(&ok(&hr.get(&list_path).await, "applicants")),
        trainees,
        "both applicants are listed before any withdrawal"
    );
    assert_eq!(hr.get(&profile_path).await.status(), StatusCode::OK);
    let mine = ok(&me.get("/api/v1/me/consents").await, "my consents");
    assert_eq!(mine["consents"][0]["purpose"], "placement");
    assert_eq!(
        mine["consents"][0]["in_force"], true,
        "the consent recorded at collection stands"
    );

    let after = decide(
        &me,
        json!({"purpose": "placement", "decision": "withdrawn"}),
    )
    .await;
    assert_eq!(after["consents"][0]["in_force"], false);
    assert_eq!(after["consents"][0]["decided"], "withdrawn");
    assert_eq!(
        applicant_ids(&ok(&hr.get(&list_path).await, "applicants")),
        vec![trainees[1].clone()],
        "the enterprise no longer sees the trainee who withdrew"
    );
    let gone = hr.get(&profile_path).await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND, "{}", gone.body());
    // No new choices while the consent is withdrawn; the reason is named.
    let refused = me
        .send_json(
            Method::PUT,
            &format!("/api/v1/rounds/{round}/preferences"),
            &json!({"demand_ids": [place]}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT, "{}", refused.body());
    assert!(
        refused.body().contains("实习就业推荐"),
        "{}",
        refused.body()
    );

    let again = decide(&me, json!({"purpose": "placement", "decision": "granted"})).await;
    assert_eq!(again["consents"][0]["in_force"], true);
    assert_eq!(again["history"].as_array().unwrap().len(), 2);
    assert_eq!(hr.get(&profile_path).await.status(), StatusCode::OK);
    // Deciding what already stands records nothing.
    let same = decide(&me, json!({"purpose": "placement", "decision": "granted"})).await;
    assert_eq!(same["history"].as_array().unwrap().len(), 2);

    let secretariat = app.client_as(Persona::Secretariat).await;
    let audit = ok(
        &secretariat.get("/api/v1/audit?action=consent.").await,
        "audit",
    );
    let mut actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    actions.sort_unstable();
    assert_eq!(actions, ["consent.grant", "consent.withdraw"]);
}

#[tokio::test]
async fn an_enterprise_sees_a_name_and_phone_only_after_separate_consent_to_it_and_not_after_withdrawal()
 {
    let app = TestApp::spawn().await;
    let (_school, round, place, trainees) = applicants(&app).await;
    let hr = app.client_as(Persona::Hr).await;
    let me = app.client_as(Persona::Trainee).await;
    let name = gongjiang_testkit::build::person_name(0);
    let list_path = format!("/api/v1/rounds/{round}/places/{place}/applicants");
    let profile_path = format!("{list_path}/{}", trainees[0]);
    let page_path = format!("/rounds/{round}/places/{place}/applicants/{}", trainees[0]);
    let shows_identity = |body: &str| body.contains(&name) || body.contains(PHONE);

    for path in [&list_path, &profile_path, &page_path] {
        let answer = hr.get(path).await;
        assert_eq!(answer.status(), StatusCode::OK, "{path}: {}", answer.body());
        assert!(
            !shows_identity(answer.body()),
            "{path} shows the name or phone before consent"
        );
    }
    let profile = ok(&hr.get(&profile_path).await, "profile");
    assert_eq!(profile["identified"], false);
    assert_eq!(profile["phone"], Value::Null);
    assert_eq!(profile["major"].as_str().map(str::is_empty), Some(false));

    // The enterprise is offered for separate consent because the trainee applied to it.
    let mine = ok(&me.get("/api/v1/me/consents").await, "my consents");
    let enterprise = app.demo.enterprise.to_string();
    assert_eq!(mine["sharing"][0]["recipient_org_id"], enterprise.as_str());
    assert_eq!(mine["sharing"][0]["in_force"], false);
    // Separate consent names one enterprise, and only one the trainee applied to.
    let unnamed = me
        .send_json(
            Method::POST,
            "/api/v1/me/consents",
            &json!({"purpose": "sharing", "decision": "granted"}),
        )
        .await;
    assert_eq!(unnamed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unnamed.body().contains("recipient_org_id"),
        "{}",
        unnamed.body()
    );
    let stranger = me
        .send_json(
            Method::POST,
            "/api/v1/me/consents",
            &json!({"purpose": "sharing", "recipient_org_id": app.demo.school.to_string(), "decision": "granted"}),
        )
        .await;
    assert_eq!(
        stranger.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        stranger.body()
    );

    decide(
        &me,
        json!({"purpose": "sharing", "recipient_org_id": enterprise, "decision": "granted"}),
    )
    .await;
    let profile = ok(&hr.get(&profile_path).await, "profile after consent");
    assert_eq!(profile["identified"], true);
    assert_eq!(profile["name"], name.as_str());
    assert_eq!(profile["phone"], PHONE);
    let list = ok(&hr.get(&list_path).await, "applicants after consent");
    assert_eq!(list["applicants"][0]["name"], name.as_str());
    assert_ne!(
        list["applicants"][1]["name"],
        gongjiang_testkit::build::person_name(1).as_str(),
        "the other applicant gave no consent and stays masked"
    );
    assert!(shows_identity(hr.get(&page_path).await.body()));

    decide(
        &me,
        json!({"purpose": "sharing", "recipient_org_id": enterprise, "decision": "withdrawn"}),
    )
    .await;
    for path in [&list_path, &profile_path, &page_path] {
        assert!(
            !shows_identity(hr.get(path).await.body()),
            "{path} still shows the name or phone after withdrawal"
        );
    }
}

#[tokio::test]
async fn each_view_of_a_trainee_is_one_row_of_their_access_record_with_who_why_and_which_data() {
    let app = TestApp::spawn().await;
    let (school, round, place, trainees) = applicants(&app).await;
    let me = app.client_as(Persona::Trainee).await;
    let empty = ok(&me.get("/api/v1/me/access-log").await, "access log");
    assert_eq!(empty["total"], 0);

    ok(
        &school
            .admin
            .get(&format!("/api/v1/trainees/{}", trainees[0]))
            .await,
        "school views the trainee",
    );
    let log = ok(&me.get("/api/v1/me/access-log").await, "access log");
    assert_eq!(log["total"], 1, "one view, one row: {log}");
    assert_eq!(log["items"][0]["action"], "view");
    assert_eq!(log["items"][0]["purpose"], "enrolment");
    let school_name = log["items"][0]["unit"].as_str().unwrap().to_string();
    assert!(!school_name.is_empty());

    // A reveal keeps its reason; the enterprise's view of the profile its purpose.
    ok(
        &school
            .admin
            .send_json(
                Method::POST,
                &format!("/api/v1/trainees/{}/reveal", trainees[0]),
                &json!({"reason": "核对实习协议"}),
            )
            .await,
        "reveal",
    );
    let hr = app.client_as(Persona::Hr).await;
    ok(
        &hr.get(&format!(
            "/api/v1/rounds/{round}/places/{place}/applicants/{}",
            trainees[0]
        ))
        .await,
        "enterprise views the profile",
    );
    let log = ok(&me.get("/api/v1/me/access-log").await, "access log");
    assert_eq!(log["total"], 3);
    assert_eq!(log["items"][0]["purpose"], "placement", "newest first");
    assert_eq!(log["items"][1]["action"], "reveal");
    assert_eq!(log["items"][1]["reason"], "核对实习协议");
    // Another trainee's views are not in this record.
    ok(
        &school
            .admin
            .get(&format!("/api/v1/trainees/{}", trainees[1]))
            .await,
        "another trainee",
    );
    let log = ok(&me.get("/api/v1/me/access-log").await, "access log");
    assert_eq!(log["total"], 3);

    let page = me.get("/me/privacy/access").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains(&school_name), "{}", page.body());
    assert!(page.body().contains("核对实习协议"));
    let csv = me.get("/me/privacy/access.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(
        csv.body().lines().count(),
        4,
        "the export holds the header and every row: {}",
        csv.body()
    );
}

#[tokio::test]
async fn the_trainee_withdraws_and_gives_consent_on_their_page_and_the_notice_is_read_from_the_register()
 {
    let app = TestApp::spawn().await;
    let _ = applicants(&app).await;
    let mut me = app.client_as(Persona::Trainee).await;
    let page = me.get("/me/privacy").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("id=\"consent-placement\""));
    assert!(
        page.body().contains("id=\"sharing\""),
        "the applied-to enterprise is offered"
    );
    let done = me
        .post_form(
            "/me/privacy",
            &[("purpose", "placement"), ("decision", "withdrawn")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "{}", done.body());
    let page = me.get("/me/privacy").await;
    let row = page
        .body()
        .split("id=\"consent-placement\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(row.contains("已撤回"), "{row}");
    assert!(row.contains("name=\"decision\" value=\"granted\""), "{row}");
    let bad = me
        .post_form(
            "/me/privacy",
            &[("purpose", "enrolment"), ("decision", "withdrawn")],
        )
        .await;
    assert_eq!(
        bad.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "student records rest on a statutory duty, not consent: {}",
        bad.body()
    );

    // The public notice and the register agree, purpose by purpose.
    let visitor = app.client();
    let register = ok(&visitor.get("/api/v1/privacy/register").await, "register");
    let notice = visitor.get("/privacy").await;
    assert_eq!(notice.status(), StatusCode::OK);
    assert!(
        notice
            .body()
            .contains(register["notice_version"].as_str().unwrap())
    );
    assert!(
        notice
            .body()
            .contains("未满十四周岁未成年人个人信息处理规则"),
        "the separate rules for children are on the notice"
    );
    let purposes = register["purposes"].as_array().unwrap();
    assert_eq!(
        purposes.len(),
        gongjiang_domain::privacy::Purpose::ALL.len()
    );
    for p in purposes {
        assert!(
            notice.body().contains(p["name_zh"].as_str().unwrap()),
            "{p}"
        );
        assert!(
            notice.body().contains(p["retention_zh"].as_str().unwrap()),
            "{p}"
        );
    }
    // Only the trainee has consents to decide.
    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get("/api/v1/me/consents").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_twenty_first_reveal_within_an_hour_is_refused_with_429_and_the_time_to_wait() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .build()
        .await;
    let t = school.trainee(0).with("phone", PHONE).create().await;
    let path = format!("/api/v1/trainees/{t}/reveal");
    for i in 0..gongjiang_app::supply::REVEALS_PER_HOUR {
        let ok = school
            .admin
            .send_json(
                Method::POST,
                &path,
                &json!({"reason": format!("核对第{i}份材料")}),
            )
            .await;
        assert_eq!(ok.status(), StatusCode::OK, "reveal {i}: {}", ok.body());
    }
    let refused = school
        .admin
        .send_json(Method::POST, &path, &json!({"reason": "再核对一次"}))
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body()
    );
    assert!(refused.header("retry-after").is_some());
    assert!(refused.body().contains("20"), "{}", refused.body());
    assert!(!refused.body().contains(PHONE));
    // A reveal without a reason is refused naming the field, and not counted.
    let unreasoned = school
        .admin
        .send_json(Method::POST, &path, &json!({"reason": ""}))
        .await;
    assert_eq!(unreasoned.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unreasoned.body().contains("reason"));
}

/// The register and every route's purposes as the Markdown of `docs/privacy.md`.
fn register_markdown() -> String {
    use gongjiang_domain::privacy::REGISTER;
    let mut out = String::from(
        "| Purpose | 用途 | Legal basis (PIPL Art. 13 ¶1) | Categories | Retention | Consent | Processor |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for e in REGISTER {
        let categories: Vec<&str> = e.categories.iter().map(|c| c.name_zh()).collect();
        out.push_str(&format!(
            "| `{}` {} | {} | item {} ({}) | {} | {} | {} | {} |\n",
            e.purpose.as_str(),
            e.name_en,
            e.name_zh,
            e.basis.item(),
            e.basis.as_str(),
            categories.join("、"),
            e.retention_zh,
            e.consent.as_str(),
            e.processor_zh
        ));
    }
    let specs = gongjiang_web::routes::registry().specs().to_vec();
    for e in REGISTER {
        out.push_str(&format!("\n### `{}` {}\n\n", e.purpose.as_str(), e.name_zh));
        out.push_str(e.method_zh);
        out.push_str("\n\n");
        let routes: Vec<String> = specs
            .iter()
            .filter(|s| s.purposes.contains(&e.purpose))
            .map(|s| format!("- `{} {}`: {}\n", s.method, s.path, s.summary))
            .collect();
        if routes.is_empty() {
            out.push_str("No route declares this purpose.\n");
        }
        for r in routes {
            out.push_str(&r);
        }
    }
    out
}

#[test]
fn the_register_and_the_routes_purposes_are_what_docs_privacy_shows() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/privacy.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- register:start -->\n", "<!-- register:end -->");
    let from = doc.find(start).unwrap() + start.len();
    let to = doc.find(end).unwrap();
    let generated = register_markdown();
    if std::env::var("GONGJIANG_BLESS").is_ok() {
        let written = format!("{}{generated}{}", &doc[..from], &doc[to..]);
        std::fs::write(&path, written).unwrap();
        return;
    }
    assert!(
        doc[from..to] == generated,
        "docs/privacy.md's register differs from the code; run \
         GONGJIANG_BLESS=1 cargo test -p gongjiang-web --test it privacy::the_register"
    );
}

const PDF: &[u8] = b"%PDF-1.4\n% a signed consent form\n";

#[tokio::test]
async fn a_child_under_fourteen_waits_for_a_guardian_whose_signed_consent_the_school_records_with_its_scan()
 {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2026级PCB中级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let place = place(&hr, "AOI 检测员", "level5").await;
    // Thirteen on the tests' day (2026-11-28); the other is twenty.
    let child = school.trainee(0).born("20130301", 0).create().await;
    let adult = school.trainee(1).create().await;
    let admin = &school.admin;
    let view = ok(
        &admin.get(&format!("/api/v1/trainees/{child}")).await,
        "child",
    );
    assert_eq!(
        view["guardian_pending"], true,
        "imported flagged 待监护人同意"
    );
    let view = ok(
        &admin.get(&format!("/api/v1/trainees/{adult}")).await,
        "adult",
    );
    assert_eq!(view["guardian_pending"], false);
    let list = admin.get("/school").await;
    assert!(
        list.body().contains("待监护人同意"),
        "the school's list shows the flag"
    );

    let secretariat = app.client_as(Persona::Secretariat).await;
    let round = open_round(&app, &place, &school.cohorts[0]).await;
    let teacher = app.client_as(Persona::Teacher).await;
    let prefs = |t: &str| json!({"trainee_id": t, "demand_ids": [place]});
    let prefs_path = format!("/api/v1/rounds/{round}/preferences");
    let refused = teacher
        .send_json(Method::PUT, &prefs_path, &prefs(&child))
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT, "{}", refused.body());
    assert!(refused.body().contains("监护人"), "{}", refused.body());
    ok(
        &teacher
            .send_json(Method::PUT, &prefs_path, &prefs(&adult))
            .await,
        "adult's choices",
    );

    // The child cannot consent for themself.
    link(&school, &child).await;
    let me = app.client_as(Persona::Trainee).await;
    let own = me
        .send_json(
            Method::POST,
            "/api/v1/me/consents",
            &json!({"purpose": "placement", "decision": "granted"}),
        )
        .await;
    assert_eq!(own.status(), StatusCode::CONFLICT, "{}", own.body());
    assert_eq!(
        ok(&me.get("/api/v1/me/consents").await, "mine")["guardian_needed"],
        true
    );
    let prompt = me.get("/me/privacy/notice").await;
    assert!(
        prompt.body().contains("id=\"child-rules\""),
        "a child is shown the separate rules for children"
    );

    // The school records it: a paper grant by the child, or one without its
    // scan or the guardian's name, is refused naming the field.
    let record = |q: &str, body: &[u8]| {
        let path = format!("/api/v1/trainees/{child}/consents?{q}");
        let body = body.to_vec();
        async move {
            admin
                .send_raw(Method::POST, &path, "application/pdf", body)
                .await
        }
    };
    let paper = record(
        "purpose=placement&decision=granted&method=paper&name=a.pdf",
        PDF,
    )
    .await;
    assert_eq!(
        paper.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        paper.body()
    );
    assert!(paper.body().contains("\"method\""), "{}", paper.body());
    let unscanned = record(
        "purpose=placement&decision=granted&method=guardian&guardian_name=王建国",
        b"",
    )
    .await;
    assert_eq!(unscanned.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unscanned.body().contains("\"file\""),
        "{}",
        unscanned.body()
    );
    let unnamed = record(
        "purpose=placement&decision=granted&method=guardian&name=a.pdf",
        PDF,
    )
    .await;
    assert!(
        unnamed.body().contains("\"guardian_name\""),
        "{}",
        unnamed.body()
    );
    let done = record(
        "purpose=placement&decision=granted&method=guardian&guardian_name=王建国&name=监护人同意书.pdf",
        PDF,
    )
    .await;
    assert_eq!(done.status(), StatusCode::CREATED, "{}", done.body());
    let v = done.json();
    assert_eq!(v["consents"][0]["in_force"], true);
    let line = &v["history"][0];
    assert_eq!(line["decision"]["method"], "guardian");
    assert_eq!(line["decision"]["guardian_name"], "王建国");
    assert_eq!(line["has_evidence"], true);
    let view = ok(
        &admin.get(&format!("/api/v1/trainees/{child}")).await,
        "child",
    );
    assert_eq!(view["guardian_pending"], false);

    // Now the child takes part like anyone else, and the scan is kept.
    ok(
        &teacher
            .send_json(Method::PUT, &prefs_path, &prefs(&child))
            .await,
        "child's choices",
    );
    let applicants = ok(
        &hr.get(&format!("/api/v1/rounds/{round}/places/{place}/applicants"))
            .await,
        "applicants",
    );
    assert_eq!(applicant_ids(&applicants).len(), 2);
    let consent = line["id"].as_str().unwrap();
    let scan_path = format!("/school/trainees/{child}/consents/{consent}/evidence");
    let scan = admin.get(&scan_path).await;
    assert_eq!(scan.status(), StatusCode::OK);
    assert_eq!(scan.bytes(), PDF);
    assert!(
        !hr.get(&scan_path).await.status().is_success(),
        "an enterprise cannot read a school's consent forms"
    );
    let audit = ok(
        &secretariat.get("/api/v1/audit?action=consent.record").await,
        "audit",
    );
    assert_eq!(audit["items"].as_array().unwrap().len(), 1);

    // The page records a withdrawal on paper through its form.
    let admin_page = app.client_as(Persona::SchoolAdmin).await;
    let page = admin_page
        .get(&format!("/school/trainees/{child}/consents"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("王建国"));
    let posted = admin_page
        .upload_with(
            &format!("/school/trainees/{child}/consents"),
            "file",
            "撤回.pdf",
            PDF.to_vec(),
            &[
                ("purpose", "placement"),
                ("decision", "withdrawn"),
                ("method", "guardian"),
                ("guardian_name", "王建国"),
            ],
        )
        .await;
    assert_eq!(posted.status(), StatusCode::SEE_OTHER, "{}", posted.body());
    let view = ok(
        &admin.get(&format!("/api/v1/trainees/{child}")).await,
        "child",
    );
    assert_eq!(view["guardian_pending"], true, "withdrawn again");
}

async fn sign_in(app: &TestApp, login: &str) -> (TestClient, String) {
    let mut c = app.client();
    c.get("/login").await;
    let r = c
        .post_form(
            "/login",
            &[("login", login), ("password", gongjiang_testkit::PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.body());
    c.refresh_csrf().await;
    (c, r.location())
}

#[tokio::test]
async fn a_trainee_reads_the_notice_at_sign_in_until_they_decide_and_a_refusal_stands_until_it_changes()
 {
    let app = TestApp::spawn().await;
    let (_school, round, place, trainees) = applicants(&app).await;
    let (staff, to) = sign_in(&app, "school-admin").await;
    drop(staff);
    assert_eq!(
        to, "/",
        "staff read the notice on the public page, not at sign-in"
    );

    let (mut me, to) = sign_in(&app, "trainee").await;
    assert!(to.starts_with("/me/privacy/notice"), "{to}");
    let prompt = me.get(&to).await;
    assert_eq!(prompt.status(), StatusCode::OK);
    assert!(prompt.body().contains("id=\"notice-decision\""));
    assert!(prompt.body().contains("使用平台前"), "the first reading");
    assert!(
        !prompt.body().contains("id=\"child-rules\""),
        "an adult is not shown the children's rules"
    );
    let done = me
        .post_form(
            "/me/privacy/notice",
            &[("decision", "accept"), ("next", "/me/record")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/me/record");
    let mine = ok(&me.get("/api/v1/me/consents").await, "mine");
    let renewed = &mine["history"][0]["decision"];
    assert_eq!(
        renewed["decision"], "granted",
        "the standing consent is renewed"
    );
    assert_eq!(renewed["notice_version"], mine["notice_version"]);
    let (_, to) = sign_in(&app, "trainee").await;
    assert_eq!(to, "/", "not asked again once decided");

    // The notice changes: asked again, and this time refused.
    {
        let mut conn = app.app.db.write().await.unwrap();
        gongjiang_store::testing::pretend_notice_changed(&mut conn)
            .await
            .unwrap();
        conn.commit().await.unwrap();
    }
    let (me, to) = sign_in(&app, "trainee").await;
    assert!(to.starts_with("/me/privacy/notice"), "{to}");
    assert!(me.get(&to).await.body().contains("已更新"));
    let refused = ok(
        &me.send_json(
            Method::POST,
            "/api/v1/me/notice",
            &json!({"decision": "refuse"}),
        )
        .await,
        "refuse",
    );
    assert_eq!(refused["decided"], "refused");
    assert_eq!(refused["consents"][0]["in_force"], false);
    let hr = app.client_as(Persona::Hr).await;
    let list = ok(
        &hr.get(&format!("/api/v1/rounds/{round}/places/{place}/applicants"))
            .await,
        "applicants",
    );
    assert_eq!(applicant_ids(&list), vec![trainees[1].clone()]);
    let (_, to) = sign_in(&app, "trainee").await;
    assert_eq!(to, "/", "a refusal is not asked again for the same version");
    let bad = me
        .send_json(
            Method::POST,
            "/api/v1/me/notice",
            &json!({"decision": "maybe"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let secretariat = app.client_as(Persona::Secretariat).await;
    let audit = ok(
        &secretariat.get("/api/v1/audit?action=notice.").await,
        "audit",
    );
    assert_eq!(audit["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_breach_helper_finds_exactly_whose_data_one_account_read_in_a_window() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .build()
        .await;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(school.trainee(i).with("phone", PHONE).create().await);
    }
    // The school's administrator reads trainees 0 and 1 (trainee 0 twice,
    // once in full); a teacher reads trainee 2; nobody reads trainee 3.
    let admin = &school.admin;
    for t in [&ids[0], &ids[1], &ids[0]] {
        ok(&admin.get(&format!("/api/v1/trainees/{t}")).await, "view");
    }
    ok(
        &admin
            .send_json(
                Method::POST,
                &format!("/api/v1/trainees/{}/reveal", ids[0]),
                &json!({"reason": "核对保险材料"}),
            )
            .await,
        "reveal",
    );
    let teacher = app.client_as(Persona::Teacher).await;
    ok(
        &teacher.get(&format!("/api/v1/trainees/{}", ids[2])).await,
        "teacher's view",
    );

    let secretariat = app.client_as(Persona::Secretariat).await;
    let today = "2026-11-28";
    let ask = |login: &str, from: &str, to: &str| {
        format!("/api/v1/privacy/breach?login={login}&from={from}&to={to}")
    };
    let found = ok(
        &secretariat.get(&ask("school-admin", today, today)).await,
        "breach",
    );
    let mut subjects: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["trainee_id"].as_str().unwrap())
        .collect();
    subjects.sort_unstable();
    let mut expected = vec![ids[0].as_str(), ids[1].as_str()];
    expected.sort_unstable();
    assert_eq!(subjects, expected, "exactly the two the administrator read");
    assert_eq!(found["total"], 2);
    let first = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["trainee_id"] == ids[0].as_str())
        .unwrap();
    assert_eq!(first["reads"], 3);
    assert!(
        first["fields"].as_str().unwrap().contains("phone"),
        "{first}"
    );
    assert!(
        !found.to_string().contains(PHONE),
        "the answer shows no identifier"
    );
    let teachers = ok(
        &secretariat.get(&ask("teacher", today, today)).await,
        "teacher",
    );
    assert_eq!(teachers["total"], 1);
    assert_eq!(teachers["items"][0]["trainee_id"], ids[2].as_str());
    let before = ok(
        &secretariat
            .get(&ask("school-admin", "2026-01-01", "2026-11-27"))
            .await,
        "before",
    );
    assert_eq!(before["total"], 0, "the window bounds the answer");

    // Bad input names the field; only the secretariat may ask.
    let reversed = secretariat
        .get(&ask("school-admin", today, "2026-11-01"))
        .await;
    assert_eq!(reversed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reversed.body().contains("\"to\""), "{}", reversed.body());
    let unknown = secretariat.get(&ask("nobody-here", today, today)).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body().contains("\"login\""));
    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get(&ask("school-admin", today, today)).await.status(),
        StatusCode::FORBIDDEN
    );

    let page = secretariat
        .get(&format!(
            "/admin/privacy/breach?login=school-admin&from={today}&to={today}"
        ))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("id=\"breach\""));
    let csv = secretariat
        .get(&format!(
            "/admin/privacy/breach.csv?login=school-admin&from={today}&to={today}"
        ))
        .await;
    assert_eq!(
        csv.body().lines().count(),
        3,
        "header and the two people: {}",
        csv.body()
    );
    let audit = ok(
        &secretariat
            .get("/api/v1/audit?action=privacy.breach_query")
            .await,
        "audit",
    );
    assert!(
        audit["items"].as_array().unwrap().len() >= 5,
        "every query is audited: {audit}"
    );
}

#[tokio::test]
async fn a_trainees_request_reaches_their_school_with_a_due_date_and_a_refusal_keeps_its_reason() {
    let app = TestApp::spawn().await;
    let (school, _) = linked_trainee(&app).await;
    let me = app.client_as(Persona::Trainee).await;
    let short = me
        .send_json(
            Method::POST,
            "/api/v1/me/privacy-requests",
            &json!({"kind": "deletion", "detail": "删"}),
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body().contains("\"detail\""), "{}", short.body());
    let review = me
        .send_json(
            Method::POST,
            "/api/v1/me/privacy-requests",
            &json!({"kind": "review", "detail": "匹配结果未考虑我已取得的证书，申请人工复核"}),
        )
        .await;
    assert_eq!(review.status(), StatusCode::CREATED, "{}", review.body());
    let review_id = review.json()["id"].as_str().unwrap().to_string();
    let asked = me
        .send_json(
            Method::POST,
            "/api/v1/me/privacy-requests",
            &json!({"kind": "correction", "detail": "我的手机号已更换为新号码，请更正"}),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED, "{}", asked.body());
    let q = asked.json();
    // Saturday 2026-11-28 + 15 working days = Friday 2026-12-18.
    assert_eq!(q["due_on"], "2026-12-18");
    assert_eq!(q["status"], "open");
    let id = q["id"].as_str().unwrap().to_string();

    // The school sees it in its queue and on its home page; an enterprise does not.
    let queue = ok(&school.admin.get("/api/v1/privacy-requests").await, "queue");
    assert_eq!(queue["total"], 2);
    ok(
        &school
            .admin
            .send_json(
                Method::POST,
                &format!("/api/v1/privacy-requests/{review_id}/answer"),
                &json!({"decision": "done", "answer": "已由就业办人工复核：证书已计入，结果不变"}),
            )
            .await,
        "human review",
    );
    let queue = ok(&school.admin.get("/api/v1/privacy-requests").await, "queue");
    assert_eq!(queue["total"], 1);
    assert_eq!(
        queue["items"][0]["trainee_name"],
        gongjiang_testkit::build::person_name(0).as_str()
    );
    let home = school.admin.get("/").await;
    assert!(
        home.body().contains("id=\"privacy-requests\""),
        "the work queue names it"
    );
    let hr = app.client_as(Persona::Hr).await;
    let foreign = hr
        .send_json(
            Method::POST,
            &format!("/api/v1/privacy-requests/{id}/answer"),
            &json!({"decision": "done", "answer": "已办"}),
        )
        .await;
    assert!(
        foreign.status() == StatusCode::NOT_FOUND || foreign.status() == StatusCode::FORBIDDEN,
        "{}",
        foreign.status()
    );

    // A refusal needs its reason, and is kept with it; it is answered once.
    let unreasoned = school
        .admin
        .send_json(
            Method::POST,
            &format!("/api/v1/privacy-requests/{id}/answer"),
            &json!({"decision": "refused", "answer": ""}),
        )
        .await;
    assert_eq!(unreasoned.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unreasoned.body().contains("\"answer\""));
    let refused = ok(
        &school
            .admin
            .send_json(
                Method::POST,
                &format!("/api/v1/privacy-requests/{id}/answer"),
                &json!({"decision": "refused", "answer": "新号码尚未提供书面证明，请到教务处办理"}),
            )
            .await,
        "refuse",
    );
    assert_eq!(refused["status"], "refused");
    let again = school
        .admin
        .send_json(
            Method::POST,
            &format!("/api/v1/privacy-requests/{id}/answer"),
            &json!({"decision": "done", "answer": "已更正"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let mine = ok(&me.get("/api/v1/me/privacy-requests").await, "mine");
    assert_eq!(
        mine["items"][0]["answer"],
        "新号码尚未提供书面证明，请到教务处办理"
    );
    let page = me.get("/me/privacy").await;
    assert!(page.body().contains("新号码尚未提供书面证明"));
    let secretariat = app.client_as(Persona::Secretariat).await;
    let audit = ok(
        &secretariat
            .get("/api/v1/audit?action=rights_request.")
            .await,
        "audit",
    );
    assert_eq!(audit["items"].as_array().unwrap().len(), 4);
    let queue = ok(&school.admin.get("/api/v1/privacy-requests").await, "queue");
    assert_eq!(queue["total"], 0, "answered requests leave the open queue");
    let page = school
        .admin
        .get("/school/privacy-requests?status=refused")
        .await;
    assert!(page.body().contains("新号码尚未提供书面证明"));
}

#[tokio::test]
async fn a_cancellation_the_school_carries_out_closes_the_trainees_account_at_once() {
    let app = TestApp::spawn().await;
    let (school, t) = linked_trainee(&app).await;
    let me = app.client_as(Persona::Trainee).await;
    let q = ok(
        &me.send_json(
            Method::POST,
            "/api/v1/me/privacy-requests",
            &json!({"kind": "cancellation", "detail": "已毕业离校，申请注销平台账号"}),
        )
        .await,
        "ask",
    );
    let id = q["id"].as_str().unwrap();
    ok(
        &school
            .admin
            .send_json(
                Method::POST,
                &format!("/api/v1/privacy-requests/{id}/answer"),
                &json!({"decision": "done", "answer": "已按本人申请注销账号"}),
            )
            .await,
        "answer",
    );
    assert_eq!(
        me.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED,
        "the session ended"
    );
    let mut again = app.client();
    again.get("/login").await;
    let refused = again
        .post_form(
            "/login",
            &[
                ("login", "trainee"),
                ("password", gongjiang_testkit::PASSWORD),
            ],
        )
        .await;
    assert_ne!(
        refused.status(),
        StatusCode::SEE_OTHER,
        "the account is closed"
    );
    // The student record stays with the school.
    assert_eq!(
        school
            .admin
            .get(&format!("/api/v1/trainees/{t}"))
            .await
            .status(),
        StatusCode::OK
    );
}

//! School–enterprise agreements over HTTP.

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use serde_json::json;

fn agreement(app: &TestApp, end_on: &str) -> serde_json::Value {
    json!({"kind": "order_class", "title": "2025级 PCB 订单班合作协议", "school_org_id": app.demo.school.to_string(),
        "enterprise_org_id": app.demo.enterprise.to_string(), "start_on": "2025-09-01", "end_on": end_on, "quota": 45, "status": "active"})
}

#[tokio::test]
async fn a_school_records_an_agreement_both_parties_see_it_and_outsiders_do_not() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;

    let created = school
        .send_json(
            Method::POST,
            "/api/v1/agreements",
            &agreement(&app, "2027-01-15"),
        )
        .await;

    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    let id = created.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        created.json()["needs_renewal"],
        true,
        "ends within 60 days of 2026-11-28"
    );
    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get(&format!("/api/v1/agreements/{id}")).await.json()["quota"],
        45
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    assert_eq!(
        secretariat.get("/api/v1/agreements").await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee
            .get(&format!("/api/v1/agreements/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        trainee.get("/api/v1/agreements").await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn an_agreement_must_involve_the_own_unit_and_end_after_it_starts() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let bad = school
        .send_json(
            Method::POST,
            "/api/v1/agreements",
            &agreement(&app, "2024-01-01"),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "end_on");

    let mut swapped = agreement(&app, "2027-06-30");
    swapped["school_org_id"] = json!(app.demo.enterprise.to_string());
    let wrong = school
        .send_json(Method::POST, "/api/v1/agreements", &swapped)
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let secretariat = app.client_as(Persona::Secretariat).await;
    let outsider = secretariat
        .send_json(
            Method::POST,
            "/api/v1/agreements",
            &agreement(&app, "2027-06-30"),
        )
        .await;
    assert_eq!(
        outsider.status(),
        StatusCode::FORBIDDEN,
        "the secretariat sees agreements but does not sign them"
    );
}

#[tokio::test]
async fn a_title_with_a_direction_override_is_refused_naming_the_character_and_nothing_is_stored() {
    // The security sweep's finding 9: U+202E makes 协议exe.txt look like
    // 协议txt.exe; U+200B hides inside a name.
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    for (title, code) in [
        ("合作\u{202E}协议书", "U+202E"),
        ("合作\u{200B}协议书", "U+200B"),
    ] {
        let mut body = agreement(&app, "2028-06-30");
        body["title"] = json!(title);
        let refused = school
            .send_json(Method::POST, "/api/v1/agreements", &body)
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{title:?}"
        );
        let field = &refused.json()["error"]["fields"][0];
        assert_eq!(field["field"], "title");
        let message = field["message"].as_str().unwrap();
        assert!(
            message.contains(code) && message.contains("看不见"),
            "{message}"
        );
    }
    let listed = school.get("/api/v1/agreements").await;
    assert!(!listed.body().contains("协议书"), "{}", listed.body());
}

#[tokio::test]
async fn files_are_checked_by_their_bytes_and_downloaded_with_their_chinese_name() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let id = school
        .send_json(
            Method::POST,
            "/api/v1/agreements",
            &agreement(&app, "2028-06-30"),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path =
        format!("/api/v1/agreements/{id}/files?name=%E5%90%88%E4%BD%9C%E5%8D%8F%E8%AE%AE.pdf");

    let fake = school
        .send_raw(
            Method::POST,
            &path,
            "application/pdf",
            b"<html>not a pdf</html>".to_vec(),
        )
        .await;
    assert_eq!(fake.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fake.json()["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("PDF")
    );
    let too_big = school
        .send_raw(
            Method::POST,
            &path,
            "application/pdf",
            [b"%PDF-".as_slice(), &vec![0u8; 6 * 1024 * 1024]].concat(),
        )
        .await;
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let pdf = b"%PDF-1.4\n% a tiny test document\n".to_vec();
    let stored = school
        .send_raw(Method::POST, &path, "application/pdf", pdf.clone())
        .await;
    assert_eq!(stored.status(), StatusCode::CREATED, "{}", stored.body());
    let file_id = stored.json()["id"].as_str().unwrap().to_string();
    let hr = app.client_as(Persona::Hr).await;
    let got = hr
        .get(&format!("/api/v1/agreements/{id}/files/{file_id}"))
        .await;
    assert_eq!(got.body().as_bytes(), pdf.as_slice());
    assert_eq!(
        got.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(
        got.header("content-disposition")
            .unwrap()
            .contains("filename*=UTF-8''%E5%90%88%E4%BD%9C%E5%8D%8F%E8%AE%AE.pdf")
    );
    // A PDF uploaded under an .html name is kept under a .pdf one: it never
    // downloads as a page (the security sweep's finding 11).
    let renamed = school
        .send_raw(
            Method::POST,
            &format!("/api/v1/agreements/{id}/files?name=%E5%90%88%E5%90%8C.html"),
            "application/pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::CREATED, "{}", renamed.body());
    assert_eq!(renamed.json()["file_name"], "合同.pdf");
    let renamed_id = renamed.json()["id"].as_str().unwrap().to_string();
    let got = hr
        .get(&format!("/api/v1/agreements/{id}/files/{renamed_id}"))
        .await;
    let disposition = got.header("content-disposition").unwrap();
    assert!(
        disposition.ends_with("%E5%90%88%E5%90%8C.pdf") && !disposition.contains(".html"),
        "{disposition}"
    );
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee
            .get(&format!("/api/v1/agreements/{id}/files/{file_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_home_page_reminds_both_parties_of_an_agreement_that_needs_renewal() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school
        .send_json(
            Method::POST,
            "/api/v1/agreements",
            &agreement(&app, "2027-01-15"),
        )
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let home = hr.get("/").await;
    assert!(home.body().contains("id=\"renewals\""), "{}", home.body());
    let page = hr.get("/agreements").await;
    assert!(page.body().contains("待续签"));
    assert!(
        !app.client()
            .get("/")
            .await
            .body()
            .contains("id=\"renewals\"")
    );
}

#[tokio::test]
async fn a_new_agreement_offers_the_own_unit_only_as_the_party_of_its_kind() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let page = school.get("/agreements/new").await;
    let select = |name: &str| -> String {
        page.body()
            .split(&format!("name=\"{name}\""))
            .nth(1)
            .and_then(|rest| rest.split("</select>").next())
            .unwrap_or_else(|| panic!("no {name} select"))
            .to_string()
    };
    let own = app.demo.school.to_string();
    let schools = select("school_org_id");
    let enterprises = select("enterprise_org_id");
    assert!(
        schools.contains(&format!("value=\"{own}\" selected")),
        "the school is its own party"
    );
    assert!(
        !enterprises.contains(&own),
        "a school is never offered as the enterprise"
    );
    assert!(
        enterprises.matches("<option value=\"0").count() >= 1,
        "enterprises to pick"
    );
    assert!(
        page.body().contains("搜索 · 企业"),
        "each search names its field"
    );

    let narrowed = school.get("/agreements/new?enterprise_q=青岚").await;
    let after = narrowed
        .body()
        .split("name=\"enterprise_org_id\"")
        .nth(1)
        .and_then(|r| r.split("</select>").next())
        .unwrap()
        .to_string();
    assert!(after.contains("青岚") && !after.contains("东楚"), "{after}");
}

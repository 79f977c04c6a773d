//! The lists assembled from one line per area: the navigation bar and the
//! home page's notices, as each persona sees them.

use gongjiang_testkit::{Persona, TestApp};

fn nav(body: &str) -> &str {
    let start = body
        .find("<nav>")
        .unwrap_or_else(|| panic!("a navigation bar: {}", &body[..body.len().min(3000)]));
    let end = body[start..].find("</nav>").expect("closed") + start;
    &body[start..end]
}

#[tokio::test]
async fn each_area_offers_its_navigation_links_only_to_whom_may_use_them() {
    let app = TestApp::spawn().await;

    let anonymous = app.client().get("/").await;
    let secretariat = app.client_as(Persona::Secretariat).await.get("/").await;
    let school = app.client_as(Persona::SchoolAdmin).await.get("/").await;
    let trainee = app.client_as(Persona::Trainee).await.get("/").await;

    let bar = nav(anonymous.body());
    assert!(bar.contains("href=\"/members\"") && bar.contains("href=\"/demands\""));
    assert!(!bar.contains("/rounds") && !bar.contains("/school") && !bar.contains("/admin/"));
    assert!(nav(secretariat.body()).contains("href=\"/admin/applications\""));
    assert!(nav(secretariat.body()).contains("href=\"/admin/audit\""));
    assert!(nav(school.body()).contains("href=\"/school\""));
    assert!(!nav(school.body()).contains("/admin/applications"));
    assert!(
        !nav(trainee.body()).contains("href=\"/imports\""),
        "trainees import nothing"
    );
    assert!(nav(trainee.body()).contains("href=\"/rounds\""));
    // A trainee sees their own record, not the faculty pool or the API docs.
    assert!(nav(trainee.body()).contains("href=\"/me/record\""));
    assert!(!nav(trainee.body()).contains("href=\"/faculty\""));
    assert!(!nav(trainee.body()).contains("href=\"/api/docs\""));
    assert!(!nav(trainee.body()).contains("href=\"/employment\""));
    // Pages that exist are reachable from the bar for the roles that use them.
    assert!(nav(school.body()).contains("href=\"/employment\""));
    assert!(nav(school.body()).contains("href=\"/funnel\""));
    assert!(nav(school.body()).contains("href=\"/faculty\""));
    assert!(!nav(school.body()).contains("href=\"/me/record\""));
    // Enterprise staff: no school pages, their own funnel, no new internship.
    let hr = app.client_as(Persona::Hr).await;
    let hr_home = hr.get("/").await;
    assert!(
        !nav(hr_home.body()).contains("href=\"/school\""),
        "no 本校培养"
    );
    assert!(nav(hr_home.body()).contains("href=\"/funnel\""));
    assert!(
        !hr.get("/internships")
            .await
            .body()
            .contains("href=\"/internships/new\""),
        "an enterprise records no internship"
    );
    assert!(nav(anonymous.body()).contains("href=\"/talent-gap\""));
}

fn waiting(body: &str) -> usize {
    let at = body.find("待审核申请: ").expect("the pending notice") + "待审核申请: ".len();
    body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a count")
}

#[tokio::test]
async fn the_secretariat_sees_how_many_applications_wait_and_others_do_not() {
    let app = TestApp::spawn().await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let before = waiting(secretariat.get("/").await.body());
    let mut applicant = app.client();
    let form = crate::application("示例光电科技有限公司", &crate::code("91420200MA4KABCD0"));
    let filed = applicant.post_form("/apply", &crate::pairs(&form)).await;
    assert!(
        filed.status().is_redirection() || filed.status().is_success(),
        "{}",
        filed.body()
    );

    let after = waiting(secretariat.get("/").await.body());
    let hr = app.client_as(Persona::Hr).await.get("/").await;

    assert_eq!(after, before + 1, "the new application is counted");
    assert!(!hr.body().contains("id=\"pending\""));
}

#[tokio::test]
async fn a_save_returns_to_the_record_and_says_so_once() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;

    let saved = school
        .post_form(
            "/school/majors",
            &[
                ("code", "0602"),
                ("name", "工业机器人应用与维护"),
                ("level", "advanced"),
                ("length_years", "3"),
                ("annual_intake", "40"),
            ],
        )
        .await;
    let shown = school.get(&saved.location()).await;
    let again = school.get(&saved.location()).await;

    assert_eq!(
        saved.status(),
        gongjiang_testkit::reqwest::StatusCode::SEE_OTHER,
        "{}",
        saved.body()
    );
    assert_eq!(saved.location(), "/school");
    assert!(
        shown.body().contains("<p class=\"notice\">已保存。</p>"),
        "{}",
        shown.body()
    );
    assert!(!again.body().contains("已保存。"), "shown once");
}

#[tokio::test]
async fn rejecting_an_application_asks_first_says_what_happens_and_keeps_the_reason() {
    let app = TestApp::spawn().await;
    let id = crate::pending_membership(&app, "武汉南屿半导体有限公司").await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    let path = format!("/admin/memberships/{id}/decide");
    let fields = [("action", "reject"), ("reason", "材料不全，请补充后再申请")];

    let asked = secretariat.post_form(&path, &fields).await;
    let status_meanwhile = secretariat
        .get(&format!("/api/v1/memberships/{id}"))
        .await
        .json()["membership"]["status"]
        .clone();
    let done = secretariat
        .post_form(&path, &[fields[0], fields[1], ("confirmed", "1")])
        .await;
    let after = secretariat
        .get(&format!("/api/v1/memberships/{id}"))
        .await
        .json();

    assert_eq!(asked.status(), gongjiang_testkit::reqwest::StatusCode::OK);
    assert!(
        asked.body().contains("id=\"confirm-what\""),
        "{}",
        asked.body()
    );
    assert!(
        asked.body().contains("材料不全，请补充后再申请"),
        "the reason is carried"
    );
    assert_eq!(
        status_meanwhile, "applied",
        "nothing happens before the confirmation"
    );
    assert_eq!(
        done.status(),
        gongjiang_testkit::reqwest::StatusCode::SEE_OTHER
    );
    assert_eq!(after["membership"]["status"], "rejected");
    let trainee = app.client_as(Persona::Trainee).await;
    let refused = trainee
        .post_form_raw(&path, &[fields[0], fields[1], ("csrf", &trainee.csrf)], &[])
        .await;
    assert_eq!(
        refused.status(),
        gongjiang_testkit::reqwest::StatusCode::FORBIDDEN,
        "no confirmation page for whom may not"
    );
}

/// Every `…_at` instant in a JSON answer, with where it is.
pub(crate) fn instants(
    v: &serde_json::Value,
    at: &str,
    out: &mut Vec<(String, serde_json::Value)>,
) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if (k == "at" || k.ends_with("_at")) && !v.is_null() {
                    out.push((format!("{at}.{k}"), v.clone()));
                }
                instants(v, &format!("{at}.{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                instants(v, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn api_answers_carry_rfc3339_instants() {
    let app = TestApp::spawn().await;
    let secretariat = app.client_as(Persona::Secretariat).await;

    let audit = secretariat.get("/api/v1/audit").await.json();

    let mut found = Vec::new();
    instants(&audit, "audit", &mut found);
    assert!(!found.is_empty(), "some instants to check");
    for (at, v) in &found {
        let text = v
            .as_str()
            .unwrap_or_else(|| panic!("{at} is not text: {v}"));
        assert!(
            text.len() == 25 && text.ends_with("+08:00") && text.as_bytes()[10] == b'T',
            "{at} = {text}"
        );
    }
}

#[tokio::test]
async fn an_error_page_keeps_the_layout_and_navigation_says_what_to_do_and_leads_back() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let missing = school
        .get_with(
            "/internships/01a23b85-0000-7000-8000-000000000000",
            &[("referer", "http://127.0.0.1/internships?status=in_progress")],
        )
        .await;
    assert_eq!(missing.status().as_u16(), 404);
    let body = missing.body();
    assert!(
        nav(body).contains("href=\"/internships\""),
        "the navigation stays: {body}"
    );
    assert!(body.contains("未找到该内容"), "what went wrong");
    assert!(body.contains("请检查地址"), "what to do next");
    assert!(
        body.contains("id=\"error-back\" href=\"/internships?status=in_progress\"")
            || body.contains("href=\"/internships?status=in_progress\" id=\"error-back\""),
        "the way back: {body}"
    );
    let foreign = school
        .get_with("/nowhere", &[("referer", "https://evil.example/phish")])
        .await;
    assert_eq!(foreign.status().as_u16(), 404);
    assert!(
        !foreign.body().contains("evil.example"),
        "no way back to another site"
    );
    let visitor = app.client().get("/nowhere").await;
    assert!(
        visitor.body().contains("href=\"/login\""),
        "a visitor's error page offers sign-in"
    );
}

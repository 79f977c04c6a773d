//! Imports of a school's majors, cohorts and teachers over HTTP: an exported
//! list imports back unchanged, one bad row among many stores nothing and is
//! named, re-importing the same file updates instead of duplicating.

use crate::lists::school_lists;
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Answer, Persona, TestApp, TestClient};
use serde_json::Value;

async fn import(client: &TestClient, kind: &str, bytes: Vec<u8>) -> Answer {
    client
        .send_raw(
            Method::POST,
            &format!("/api/v1/imports/{kind}"),
            "application/octet-stream",
            bytes,
        )
        .await
}

/// The school's records of a kind, as the API lists them, sorted by id.
async fn records(client: &TestClient, path: &str) -> Vec<Value> {
    let answer = client.get(path).await;
    assert_eq!(answer.status(), StatusCode::OK, "{}", answer.body());
    let json = answer.json();
    let mut items = json
        .get("items")
        .and_then(Value::as_array)
        .or_else(|| json.as_array())
        .cloned()
        .unwrap_or_default();
    items.sort_by_key(|v| v["id"].as_str().unwrap_or_default().to_string());
    items
}

#[tokio::test]
async fn exported_majors_cohorts_and_teachers_import_back_unchanged() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school_lists(&app, &school).await;
    let org = app.demo.school;
    for (kind, list) in [
        ("majors", format!("/api/v1/majors?org_id={org}")),
        ("cohorts", format!("/api/v1/cohorts?org_id={org}")),
        ("teachers", format!("/api/v1/teachers?org_id={org}")),
    ] {
        let before = records(&school, &list).await;
        assert!(!before.is_empty(), "{kind}: the school has some");
        for format in ["xlsx", "csv"] {
            let file = school.get(&format!("/school/{kind}.{format}")).await;
            assert_eq!(file.status(), StatusCode::OK);
            let answer = import(&school, kind, file.bytes().to_vec()).await;
            assert_eq!(
                answer.status(),
                StatusCode::OK,
                "{kind}.{format}: {}",
                answer.body()
            );
            assert_eq!(answer.json()["created"], 0, "{kind}.{format}");
            assert_eq!(answer.json()["updated"], before.len(), "{kind}.{format}");
            assert_eq!(
                records(&school, &list).await,
                before,
                "{kind}.{format}: the round trip changes nothing"
            );
        }
    }
}

fn majors_csv(rows: usize, bad_at: Option<usize>) -> Vec<u8> {
    let mut text = String::from("专业代码,专业名称,层次,学制（年）,年招生人数,对应职业编码\r\n");
    for i in 0..rows {
        let occupation = if Some(i) == bad_at {
            "9-99-99-99"
        } else {
            "6-25-01-13"
        };
        text.push_str(&format!(
            "M{i:04},光电专业{i},高级工,3,{},{occupation}\r\n",
            40 + i % 50
        ));
    }
    text.into_bytes()
}

#[tokio::test]
async fn one_bad_row_among_a_thousand_stores_nothing_and_a_reimport_updates() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let list = format!("/api/v1/majors?org_id={}", app.demo.school);
    let before = records(&school, &list).await.len();

    let refused = import(&school, "majors", majors_csv(1000, Some(636))).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let rows = refused.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1, "{rows:?}");
    // The header is line 1, so data row 636 (from 0) is line 638.
    assert_eq!(rows[0]["line"], 638);
    assert_eq!(rows[0]["field"], "occupations");
    assert!(
        rows[0]["message"]
            .as_str()
            .unwrap()
            .contains("对应职业编码"),
        "{rows:?}"
    );
    assert_eq!(
        records(&school, &list).await.len(),
        before,
        "nothing stored"
    );

    let first = import(&school, "majors", majors_csv(1000, None)).await;
    assert_eq!(first.status(), StatusCode::OK, "{}", first.body());
    assert_eq!(first.json()["created"], 1000);
    let again = import(&school, "majors", majors_csv(1000, None)).await;
    assert_eq!(again.json()["created"], 0);
    assert_eq!(again.json()["updated"], 1000);
    assert_eq!(records(&school, &list).await.len(), before + 1000);
}

#[tokio::test]
async fn cohort_and_teacher_rows_name_their_problems_and_other_roles_are_refused() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school_lists(&app, &school).await;

    let cohorts = "班级名称,专业代码,专业层次,入学年份,毕业年份,人数,订单企业信用代码\r\n\
        2025级A班,0601-02,高级工,2025,2028,40,\r\n\
        2025级B班,NOPE-01,高级工,2025,2028,40,\r\n\
        2025级C班,0601-02,高级工,2025,2024,40,\r\n\
        2025级A班,0601-02,高级工,2025,2028,40,\r\n";
    let refused = import(&school, "cohorts", cohorts.as_bytes().to_vec()).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body()
    );
    let rows: Vec<(i64, String)> = refused.json()["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_i64().unwrap(),
                r["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (3, "major_code".to_string()),
            (4, "graduation_year".to_string()),
            (5, "name".to_string()),
        ]
    );

    // An empty required cell is found by the file reader, before the rules.
    let teachers = "姓名,聘用方式,专业特长,双师等级,职称,技能等级,企业实践天数,共享到师资库\r\n\
        王芳,专任,光纤通信,中级双师,讲师,,30,是\r\n\
        赵强,外聘,,,,,-5,否\r\n";
    let refused = import(&school, "teachers", teachers.as_bytes().to_vec()).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let rows = refused.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0]["line"].as_i64(), rows[0]["field"].as_str()),
        (Some(3), Some("specialties"))
    );
    assert!(rows[0]["message"].as_str().unwrap().contains("专业特长"));
    let teachers = teachers.replace("外聘,,", "外聘,电子装配,");
    let refused = import(&school, "teachers", teachers.as_bytes().to_vec()).await;
    let rows = refused.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0]["line"].as_i64(), rows[0]["field"].as_str()),
        (Some(3), Some("practice_days"))
    );
    let fixed = teachers.replace(",-5,", ",5,");
    let stored = import(&school, "teachers", fixed.as_bytes().to_vec()).await;
    assert_eq!(stored.status(), StatusCode::OK, "{}", stored.body());
    assert_eq!(stored.json()["created"], 2);

    // An enterprise keeps no teachers; a trainee may not import at all.
    let hr = app.client_as(Persona::Hr).await;
    let answer = import(&hr, "teachers", fixed.as_bytes().to_vec()).await;
    assert_eq!(answer.status(), StatusCode::CONFLICT, "{}", answer.body());
    let trainee = app.client_as(Persona::Trainee).await;
    let answer = import(&trainee, "teachers", fixed.as_bytes().to_vec()).await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    let unknown = import(&school, "spaceships", b"a,b\r\n".to_vec()).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_demo_bad_rows_roster_is_refused_row_by_row_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let before = school.get("/api/v1/trainees").await.json()["total"].clone();
    assert!(before.is_number(), "{before}");
    let today = time::OffsetDateTime::now_utc().date();
    let file = gongjiang_app::demo_scale::bad_trainee_rows(7, today);
    let refused = import(&school, "trainees", file.into_bytes()).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body()
    );
    let rows: Vec<(i64, String)> = refused.json()["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_i64().unwrap(),
                r["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (2, "id_number".to_string()),
            (3, "id_number".to_string()),
            (4, "status".to_string()),
            (5, "phone".to_string()),
            (6, "cohort".to_string()),
            (8, "id_number".to_string()),
        ],
        "each bad row once, the correct row 7 not at all"
    );
    assert_eq!(
        school.get("/api/v1/trainees").await.json()["total"],
        before,
        "nothing stored"
    );
}

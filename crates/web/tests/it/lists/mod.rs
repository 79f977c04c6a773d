//! Every list exports what it shows, and every record has a page form:
//! majors, cohorts, teachers and agreements over HTTP.
//! (Agreements, the faculty pool and enterprise lists are in `agreements`.)

mod agreements;

use gongjiang_app::cooperation::AGREEMENT_SHEET;
use gongjiang_app::imports::{COHORT_SHEET, MAJOR_SHEET, TEACHER_SHEET};
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Answer, Persona, TestApp, TestClient};
use serde_json::{Value, json};

/// The data rows of an exported file, each cell's text exactly as written,
/// after checking that the sheet's own reader takes the file without a problem.
fn read_back(answer: &Answer, file_name: &str, spec: &SheetSpec) -> Vec<Vec<String>> {
    assert_eq!(answer.status(), StatusCode::OK, "{}", answer.body());
    let table = gongjiang_sheets::read(answer.bytes(), file_name, spec)
        .unwrap_or_else(|e| panic!("{file_name} does not read back: {}", e.message_zh()));
    assert!(!table.has_problems(), "{file_name}: {:?}", table.problems());
    // The same columns read as plain text, so a choice shows as written (label or stored value).
    let columns: Vec<ColumnSpec> = spec
        .columns
        .iter()
        .map(|c| ColumnSpec::new(c.key, c.header, ColumnKind::Text))
        .collect();
    let as_text = SheetSpec {
        name: spec.name,
        columns: Box::leak(columns.into_boxed_slice()),
    };
    let raw = gongjiang_sheets::read(answer.bytes(), file_name, &as_text)
        .unwrap_or_else(|e| panic!("{file_name}: {}", e.message_zh()));
    assert_eq!(raw.rows.len(), table.rows.len(), "{file_name}");
    raw.rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| match cell {
                    Ok(value) => value.as_text().unwrap_or_default().to_string(),
                    Err(p) => panic!("{file_name}: {}", p.message_zh()),
                })
                .collect()
        })
        .collect()
}

/// Both exports of a list, read back; they must agree with each other.
async fn both(client: &TestClient, stem: &str, spec: &SheetSpec) -> Vec<Vec<String>> {
    let csv = client.get(&format!("{stem}.csv")).await;
    let header = spec
        .columns
        .iter()
        .map(|c| c.header)
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        csv.body().lines().next(),
        Some(header.as_str()),
        "the CSV's columns are the sheet's"
    );
    assert!(
        csv.bytes().starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM for Excel"
    );
    let book = client.get(&format!("{stem}.xlsx")).await;
    assert!(
        book.header("content-type")
            .unwrap_or_default()
            .contains("spreadsheetml")
    );
    assert!(
        book.header("content-disposition")
            .unwrap_or_default()
            .contains("filename*=UTF-8''")
    );
    let from_csv = read_back(&csv, "export.csv", spec);
    let from_xlsx = read_back(&book, "export.xlsx", spec);
    assert_eq!(from_csv, from_xlsx, "{stem}: CSV and workbook differ");
    from_csv
}

fn column(spec: &SheetSpec, rows: &[Vec<String>], key: &str) -> Vec<String> {
    let i = spec.index_of(key).expect("column");
    rows.iter().map(|r| r[i].clone()).collect()
}

async fn created(answer: Answer) -> String {
    assert_eq!(answer.status(), StatusCode::CREATED, "{}", answer.body());
    answer.json()["id"].as_str().unwrap().to_string()
}

/// A major, an order-class cohort sponsored by the demo enterprise, and a shared teacher of the demo school.
pub(crate) async fn school_lists(app: &TestApp, school: &TestClient) -> (String, String, String) {
    let major = created(
        school
            .send_json(Method::POST, "/api/v1/majors", &json!({"code": "0601-02", "name": "电子技术应用（PCB 制造方向）", "level": "advanced",
                "length_years": 3, "annual_intake": 90, "occupations": ["6-25-01-13", "6-25-04-01"]}))
            .await,
    )
    .await;
    let cohort = created(
        school
            .send_json(Method::POST, "/api/v1/cohorts", &json!({"major_id": major, "name": "2025级PCB订单班", "entry_year": 2025,
                "graduation_year": 2028, "size": 40, "sponsor_org_id": app.demo.enterprise.to_string()}))
            .await,
    )
    .await;
    let teacher = created(
        school
            .send_json(Method::POST, "/api/v1/teachers", &json!({"name": "李明", "employment": "enterprise_part_time",
                "specialties": ["印制电路制作", "电子装配"], "dual_qualified": "senior", "title": "高级实习指导教师",
                "skill_level": "level2", "practice_days": 120, "shared": true}))
            .await,
    )
    .await;
    (major, cohort, teacher)
}

async fn credit_code(client: &TestClient, org: &str) -> String {
    client
        .get(&format!("/api/v1/organizations/{org}"))
        .await
        .json()["credit_code"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_school_exports_majors_cohorts_and_teachers_in_their_import_sheets_columns() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school_lists(&app, &school).await;
    let sponsor_code = credit_code(&school, &app.demo.enterprise.to_string()).await;

    let majors = both(&school, "/school/majors", &MAJOR_SHEET).await;
    let cohorts = both(&school, "/school/cohorts", &COHORT_SHEET).await;
    let teachers = both(&school, "/school/teachers", &TEACHER_SHEET).await;

    assert_eq!(
        majors,
        vec![vec![
            "0601-02",
            "电子技术应用（PCB 制造方向）",
            "高级工",
            "3",
            "90",
            "6-25-01-13、6-25-04-01"
        ]]
    );
    assert_eq!(
        cohorts,
        vec![vec![
            "2025级PCB订单班",
            "0601-02",
            "高级工",
            "2025",
            "2028",
            "40",
            sponsor_code.as_str()
        ]]
    );
    assert_eq!(
        teachers,
        vec![vec![
            "李明",
            "企业兼职",
            "印制电路制作、电子装配",
            "高级双师",
            "高级实习指导教师",
            "二级/技师",
            "120",
            "是"
        ]]
    );
    // The export holds what the list shows: every major and cohort of the school page.
    let page = school.get("/school").await;
    for text in [
        "0601-02",
        "电子技术应用（PCB 制造方向）",
        "2025级PCB订单班",
        "<td>高级工</td>",
    ] {
        assert!(page.body().contains(text), "the school page shows {text}");
    }
    let listed = school
        .get(&format!("/api/v1/teachers?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(
        column(&TEACHER_SHEET, &teachers, "name"),
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_school_list_exports_refuse_other_units_and_roles_and_hold_only_the_own_school() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school_lists(&app, &school).await;
    let trainee = app.client_as(Persona::Trainee).await;
    let hr = app.client_as(Persona::Hr).await;
    let secretariat = app.client_as(Persona::Secretariat).await;

    for path in [
        "/school/majors.csv",
        "/school/majors.xlsx",
        "/school/cohorts.csv",
        "/school/cohorts.xlsx",
        "/school/teachers.csv",
        "/school/teachers.xlsx",
    ] {
        assert_eq!(
            trainee.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "trainee {path}"
        );
        assert_eq!(
            hr.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "an enterprise has no school lists: {path}"
        );
        assert_eq!(
            app.client().get(path).await.status(),
            StatusCode::SEE_OTHER,
            "anonymous {path}"
        );
        // The secretariat acts for the chair unit, itself a school: it gets that school's lists, not ours.
        let own = secretariat.get(path).await;
        assert_eq!(own.status(), StatusCode::OK, "secretariat {path}");
        if path.ends_with(".csv") {
            for ours in ["0601-02", "2025级PCB订单班", "李明"] {
                assert!(!own.body().contains(ours), "{path} leaks {ours}");
            }
        }
    }
}

#[tokio::test]
async fn a_teacher_is_added_and_changed_through_the_teachers_page_with_bad_fields_named() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let page = school.get("/school/teachers").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("action=\"/school/teachers\""));

    let bad = school
        .post_form(
            "/school/teachers",
            &[
                ("name", ""),
                ("employment", "full_time"),
                ("specialties", ""),
                ("practice_days", "-1"),
                ("title", "讲师"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("姓名不能为空"),
        "the name is named as a person's: {}",
        bad.body()
    );
    assert!(bad.body().contains("专业特长不能为空"));
    assert!(bad.body().contains("企业实践天数应在 0 到 1830 之间"));
    assert!(
        bad.body().contains("value=\"讲师\""),
        "typed values are kept"
    );

    let good = school
        .post_form(
            "/school/teachers",
            &[
                ("name", "王芳"),
                ("employment", "full_time"),
                ("specialties", "电工、电子装配"),
                ("dual_qualified", "intermediate"),
                ("title", "讲师"),
                ("skill_level", "level3"),
                ("practice_days", "200"),
            ],
        )
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER, "{}", good.body());
    let list = school.get("/school/teachers").await;
    assert!(list.body().contains("王芳") && list.body().contains("中级双师"));
    let teachers = school
        .get(&format!("/api/v1/teachers?org_id={}", app.demo.school))
        .await
        .json();
    let teacher = &teachers["items"][0];
    assert_eq!(teacher["shared"], false);
    let id = teacher["id"].as_str().unwrap().to_string();

    let form = school.get(&format!("/school/teachers/{id}/edit")).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.body().contains("value=\"电工、电子装配\""));
    let refused = school
        .post_form(
            &format!("/school/teachers/{id}/edit"),
            &[
                ("name", "王芳"),
                ("specialties", "电工"),
                ("skill_level", "level9"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body().contains("技能等级不是可选的值"));
    let changed = school
        .post_form(
            &format!("/school/teachers/{id}/edit"),
            &[
                ("name", "王芳"),
                ("employment", "full_time"),
                ("specialties", "电工"),
                ("practice_days", "200"),
                ("shared", "yes"),
            ],
        )
        .await;
    assert_eq!(
        changed.status(),
        StatusCode::SEE_OTHER,
        "{}",
        changed.body()
    );
    let pool = app
        .client_as(Persona::Hr)
        .await
        .get("/api/v1/teachers")
        .await
        .json();
    assert_eq!(
        pool["items"][0]["name"], "王芳",
        "shared now: in the faculty pool"
    );

    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee.get("/school/teachers").await.status(),
        StatusCode::FORBIDDEN
    );
    let mut hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get(&format!("/school/teachers/{id}/edit"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "another unit's teacher"
    );
    let taken = hr
        .post_form(
            &format!("/school/teachers/{id}/edit"),
            &[("name", "改名"), ("specialties", "电工")],
        )
        .await;
    assert!(taken.status().is_client_error(), "{}", taken.status());
    let after = school
        .get(&format!("/api/v1/teachers?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(
        after["items"][0]["name"], "王芳",
        "unchanged by another unit"
    );
}

#[tokio::test]
async fn form_errors_are_worded_in_english_for_english_readers() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    school.get("/lang/en?next=/").await;

    let bad = school
        .post_form("/school/teachers", &[("name", ""), ("specialties", "电工")])
        .await;

    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("Name is required"), "{}", bad.body());
}

#[tokio::test]
async fn a_major_and_a_cohort_are_changed_through_their_forms() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let (major, cohort, _) = school_lists(&app, &school).await;
    let page = school.get("/school").await;
    assert!(
        page.body()
            .contains(&format!("/school/majors/{major}/edit"))
    );
    assert!(
        page.body()
            .contains(&format!("/school/cohorts/{cohort}/edit"))
    );

    let form = school.get(&format!("/school/majors/{major}/edit")).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.body().contains("value=\"0601-02\""));
    assert!(
        form.body()
            .contains("<option value=\"6-25-04-01\" selected>")
    );
    let bad = school
        .post_form(
            &format!("/school/majors/{major}/edit"),
            &[
                ("code", "0601-02"),
                ("name", ""),
                ("level", "advanced"),
                ("length_years", "9"),
                ("annual_intake", "90"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("专业名称不能为空"), "{}", bad.body());
    assert!(
        bad.body().contains("学制应在 1 到 6 之间"),
        "{}",
        bad.body()
    );
    let good = school
        .post_form(
            &format!("/school/majors/{major}/edit"),
            &[
                ("code", "0601-02"),
                ("name", "电子技术应用"),
                ("level", "preparatory_technician"),
                ("length_years", "5"),
                ("annual_intake", "60"),
                ("occupations", "6-25-01-13"),
            ],
        )
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER, "{}", good.body());
    let majors = school
        .get(&format!("/api/v1/majors?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(majors["items"][0]["annual_intake"], 60);
    assert_eq!(majors["items"][0]["level"], "preparatory_technician");
    assert_eq!(majors["items"][0]["occupations"], json!(["6-25-01-13"]));

    let form = school.get(&format!("/school/cohorts/{cohort}/edit")).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.body().contains(&format!(
        "<option value=\"{}\" selected>",
        app.demo.enterprise
    )));
    let bad = school
        .post_form(
            &format!("/school/cohorts/{cohort}/edit"),
            &[
                ("major_id", &major),
                ("name", "2025级PCB订单班"),
                ("entry_year", "2025"),
                ("graduation_year", "2024"),
                ("size", "40"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("毕业年份结束日期不能早于开始日期"),
        "{}",
        bad.body()
    );
    let good = school
        .post_form(
            &format!("/school/cohorts/{cohort}/edit"),
            &[
                ("major_id", &major),
                ("name", "2025级PCB订单1班"),
                ("entry_year", "2025"),
                ("graduation_year", "2028"),
                ("size", "42"),
                ("sponsor_org_id", ""),
            ],
        )
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER, "{}", good.body());
    let cohorts = school
        .get(&format!("/api/v1/cohorts?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(cohorts["items"][0]["name"], "2025级PCB订单1班");
    assert_eq!(cohorts["items"][0]["sponsor_org_id"], Value::Null);
    let exported = both(&school, "/school/cohorts", &COHORT_SHEET).await;
    assert_eq!(
        column(&COHORT_SHEET, &exported, "major_level"),
        vec!["预备技师"]
    );

    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        hr.get(&format!("/school/majors/{major}/edit"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee
            .get(&format!("/school/cohorts/{cohort}/edit"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

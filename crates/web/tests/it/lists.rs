//! Every list exports what it shows, and every record has a page form:
//! majors, cohorts, teachers and agreements over HTTP.

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

/// An enterprise on the roster other than the demo enterprise.
async fn other_enterprise(client: &TestClient, not: &str) -> (String, String) {
    let list = client
        .get("/api/v1/members?kind=enterprise&per_page=50")
        .await
        .json();
    let other = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] != not)
        .expect("another enterprise");
    (
        other["id"].as_str().unwrap().to_string(),
        other["name"].as_str().unwrap().to_string(),
    )
}

fn agreement_form<'a>(
    school: &'a str,
    enterprise: &'a str,
    title: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("kind", "order_class"),
        ("school_org_id", school),
        ("enterprise_org_id", enterprise),
        ("start_on", "2025-09-01"),
        ("end_on", "2028-06-30"),
        ("quota", "45"),
        ("status", "active"),
        ("notes", "=HYPERLINK(\"x\")"),
    ]
}

#[tokio::test]
async fn the_agreement_exports_hold_what_each_party_sees_and_nothing_else() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let school_id = app.demo.school.to_string();
    let enterprise_id = app.demo.enterprise.to_string();
    let (other_id, other_name) = other_enterprise(&school, &enterprise_id).await;
    for (enterprise, title) in [
        (enterprise_id.as_str(), "2025级 PCB 订单班合作协议"),
        (other_id.as_str(), "共建实训基地协议"),
    ] {
        let answer = school
            .post_form(
                "/agreements/new",
                &agreement_form(&school_id, enterprise, title),
            )
            .await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{}", answer.body());
    }
    let school_name = school
        .get(&format!("/api/v1/organizations/{school_id}"))
        .await
        .json()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let school_code = credit_code(&school, &school_id).await;

    let ours = both(&school, "/agreements", &AGREEMENT_SHEET).await;

    assert_eq!(ours.len(), 2);
    let other_row = ours
        .iter()
        .find(|r| r[0] == "共建实训基地协议")
        .expect("the second agreement");
    assert_eq!(
        other_row,
        &vec![
            "共建实训基地协议".to_string(),
            "订单班".into(),
            school_name.clone(),
            school_code.clone(),
            other_name.clone(),
            credit_code(&school, &other_id).await,
            "2025-09-01".into(),
            "2028-06-30".into(),
            "45".into(),
            "履行中".into(),
            "否".into(),
            "=HYPERLINK(\"x\")".into(),
        ]
    );
    let csv = school.get("/agreements.csv").await;
    assert!(
        csv.body().contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "a formula is defused in CSV: {}",
        csv.body()
    );
    let page = school.get("/agreements").await;
    for title in column(&AGREEMENT_SHEET, &ours, "title") {
        assert!(page.body().contains(&title), "the list shows {title}");
    }
    assert!(page.body().contains("履行中") && page.body().contains(&other_name));

    let hr = app.client_as(Persona::Hr).await;
    let theirs = both(&hr, "/agreements", &AGREEMENT_SHEET).await;
    assert_eq!(
        column(&AGREEMENT_SHEET, &theirs, "title"),
        vec!["2025级 PCB 订单班合作协议"],
        "the demo enterprise is not party to the other agreement"
    );
    assert!(!hr.get("/agreements.csv").await.body().contains(&other_name));
    let secretariat = app.client_as(Persona::Secretariat).await;
    assert_eq!(
        both(&secretariat, "/agreements", &AGREEMENT_SHEET)
            .await
            .len(),
        2
    );
    let trainee = app.client_as(Persona::Trainee).await;
    let nothing = trainee.get("/agreements.csv").await;
    assert_eq!(nothing.status(), StatusCode::OK);
    assert_eq!(
        nothing.body().lines().count(),
        1,
        "only the header: {}",
        nothing.body()
    );
    assert_eq!(
        app.client().get("/agreements.xlsx").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_agreement_is_recorded_changed_and_given_files_through_its_pages() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let school_id = app.demo.school.to_string();
    let enterprise_id = app.demo.enterprise.to_string();
    let form = school.get("/agreements/new").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        form.body()
            .contains(&format!("<option value=\"{school_id}\" selected>")),
        "the own school is chosen"
    );

    let mut bad_fields = agreement_form(&school_id, &enterprise_id, "");
    bad_fields[5] = ("end_on", "2024-01-01");
    bad_fields[1] = ("kind", "handshake");
    let bad = school.post_form("/agreements/new", &bad_fields).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["协议名称不能为空", "协议类型不是可选的值", "结束日期"] {
        assert!(bad.body().contains(message), "{message}: {}", bad.body());
    }
    let created = school
        .post_form(
            "/agreements/new",
            &agreement_form(&school_id, &enterprise_id, "2025级 PCB 订单班合作协议"),
        )
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "{}",
        created.body()
    );
    let path = created.location();
    let id = path.trim_start_matches("/agreements/").to_string();
    let shown = school.get(&path).await;
    assert!(shown.body().contains("订单班") && shown.body().contains("履行中"));

    let edit = school.get(&format!("{path}/edit")).await;
    assert_eq!(edit.status(), StatusCode::OK);
    assert!(edit.body().contains("value=\"2025级 PCB 订单班合作协议\""));
    let mut changed = agreement_form(&school_id, &enterprise_id, "2025级 PCB 订单班合作协议");
    changed[6] = ("quota", "-3");
    let refused = school.post_form(&format!("{path}/edit"), &changed).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body().contains("名额应在 0 到"),
        "{}",
        refused.body()
    );
    changed[6] = ("quota", "50");
    changed[7] = ("status", "signed");
    let saved = school.post_form(&format!("{path}/edit"), &changed).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "{}", saved.body());
    let stored = school.get(&format!("/api/v1/agreements/{id}")).await.json();
    assert_eq!(stored["quota"], 50);
    assert_eq!(stored["status"], "signed");

    let fake = school
        .upload(
            &format!("{path}/files"),
            "file",
            "协议.pdf",
            b"<html>not a pdf</html>".to_vec(),
        )
        .await;
    assert_eq!(fake.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fake.body().contains("只接受 PDF、PNG 或 JPEG 文件"),
        "{}",
        fake.body()
    );
    let huge = school
        .upload(
            &format!("{path}/files"),
            "file",
            "协议.pdf",
            [b"%PDF-".as_slice(), &vec![0u8; 6 * 1024 * 1024]].concat(),
        )
        .await;
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.body().contains("不能超过 5 MB"), "{}", huge.body());
    let pdf = b"%PDF-1.4\n% a tiny test document\n".to_vec();
    let attached = school
        .upload(
            &format!("{path}/files"),
            "file",
            "合作协议.pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(
        attached.status(),
        StatusCode::SEE_OTHER,
        "{}",
        attached.body()
    );
    let with_file = school.get(&path).await;
    assert!(with_file.body().contains("合作协议.pdf"));
    let marker = format!("href=\"{path}/files/");
    let start = with_file.body().find(&marker).expect("a download link") + marker.len();
    let file_id: String = with_file.body()[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();

    let hr = app.client_as(Persona::Hr).await;
    let got = hr.get(&format!("{path}/files/{file_id}")).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.bytes(), pdf.as_slice());
    assert_eq!(
        got.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(
        got.header("content-disposition")
            .unwrap_or_default()
            .starts_with("attachment;")
    );
    assert_eq!(
        hr.get(&format!("{path}/edit")).await.status(),
        StatusCode::OK,
        "the enterprise is a party too"
    );

    let trainee = app.client_as(Persona::Trainee).await;
    for p in [path.clone(), format!("{path}/files/{file_id}")] {
        assert_eq!(trainee.get(&p).await.status(), StatusCode::NOT_FOUND, "{p}");
    }
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    assert_eq!(secretariat.get(&path).await.status(), StatusCode::OK);
    assert_eq!(
        secretariat.get(&format!("{path}/edit")).await.status(),
        StatusCode::FORBIDDEN,
        "the secretariat sees agreements but does not sign them"
    );
    let outsider = secretariat
        .post_form(&format!("{path}/edit"), &changed)
        .await;
    assert_eq!(outsider.status(), StatusCode::FORBIDDEN);
    let upload = secretariat
        .upload(&format!("{path}/files"), "file", "x.pdf", pdf)
        .await;
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_faculty_pool_shows_every_schools_shared_teachers_to_member_staff_and_exports_them_as_filtered()
 {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    school_lists(&app, &school).await;
    created(
        school
            .send_json(
                Method::POST,
                "/api/v1/teachers",
                &json!({"name": "王芳", "employment": "full_time",
                "specialties": ["印制电路制作"], "dual_qualified": "none", "title": "讲师",
                "practice_days": 200, "shared": false}),
            )
            .await,
    )
    .await;

    // Enterprise HR, another unit, finds the shared teacher with their school; the unshared one stays private.
    let hr = app.client_as(Persona::Hr).await;
    let page = hr.get("/faculty").await;
    assert_eq!(page.status(), StatusCode::OK, "{}", page.body());
    assert!(page.body().contains("李明"), "{}", page.body());
    assert!(page.body().contains("高级实习指导教师"));
    assert!(
        !page.body().contains("王芳"),
        "an unshared teacher is not in the pool"
    );
    let by_specialty = hr.get("/faculty?q=%E5%8D%B0%E5%88%B6").await; // 印制
    assert!(by_specialty.body().contains("李明"));
    assert!(
        !hr.get("/faculty?q=%25").await.body().contains("李明"),
        "% is a character, not a wildcard"
    );
    assert!(
        !hr.get("/faculty?dual=none").await.body().contains("李明"),
        "the grade filter applies"
    );
    assert_eq!(
        hr.get("/faculty?dual=platinum").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unknown grade is named, not ignored"
    );

    // The export holds what the page shows, with the same filter.
    let spec = gongjiang_app::supply::FACULTY_POOL_SHEET;
    let rows = both(&hr, "/faculty", &spec).await;
    let names = column(&spec, &rows, "name");
    assert!(names.contains(&"李明".to_string()), "{names:?}");
    assert!(!names.contains(&"王芳".to_string()));
    let filtered = hr.get("/faculty.csv?dual=none").await;
    assert_eq!(filtered.status(), StatusCode::OK);
    assert!(
        filtered
            .body()
            .trim_start_matches('\u{feff}')
            .starts_with("学校,姓名"),
        "{}",
        filtered.body()
    );
    assert!(
        !filtered.body().contains("李明"),
        "the export keeps the page's filter"
    );

    // Trainees and the public do not browse the pool.
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee.get("/faculty").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        trainee.get("/faculty.xlsx").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client().get("/faculty").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn enterprises_keep_their_product_and_need_lists_on_pages_and_everyone_reads_them_alliance_wide()
 {
    let app = TestApp::spawn().await;
    let mut hr = app.client_as(Persona::Hr).await;

    // A bad field is named on the form and nothing is stored.
    let bad = hr
        .post_form(
            "/enterprise-lists/new",
            &[("list", "products"), ("title", "")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("名称"), "{}", bad.body());
    assert!(
        !app.client()
            .get("/enterprise-lists")
            .await
            .body()
            .contains("高多层印制电路板")
    );

    let added = hr
        .post_form(
            "/enterprise-lists/new",
            &[
                ("list", "products"),
                ("title", "高多层印制电路板"),
                ("segment_code", "pcb"),
                ("description", "8–20 层，用于光通信模块"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", added.body());
    hr.post_form(
        "/enterprise-lists/new",
        &[
            ("list", "technical_needs"),
            ("title", "层压翘曲控制"),
            ("description", "寻求联合攻关"),
        ],
    )
    .await;

    // The public reads each list alliance-wide with the enterprise's name; the tabs keep the lists apart.
    let products = app.client().get("/enterprise-lists").await;
    assert_eq!(products.status(), StatusCode::OK);
    assert!(products.body().contains("高多层印制电路板"));
    assert!(!products.body().contains("层压翘曲控制"));
    assert!(
        !products.body().contains("/edit"),
        "the public gets no edit link"
    );
    let needs = app
        .client()
        .get("/enterprise-lists?list=technical_needs")
        .await;
    assert!(needs.body().contains("层压翘曲控制") && !needs.body().contains("高多层印制电路板"));
    let other_segment = app.client().get("/enterprise-lists?segment=display").await;
    assert!(
        !other_segment.body().contains("高多层印制电路板"),
        "the segment filter applies"
    );
    assert_eq!(
        app.client()
            .get("/enterprise-lists?list=wishes")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // The export holds what the page shows.
    let csv = app
        .client()
        .get("/enterprise-lists.csv?list=products&segment=pcb")
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.body().contains("高多层印制电路板") && !csv.body().contains("层压翘曲控制"));
    let book = app
        .client()
        .get("/enterprise-lists.xlsx?list=technical_needs")
        .await;
    let rows = read_back(
        &book,
        "needs.xlsx",
        &gongjiang_app::demand::ENTERPRISE_ITEM_SHEET,
    );
    assert!(rows.iter().any(|r| r[1] == "层压翘曲控制"), "{rows:?}");

    // The enterprise changes its own item; a school has no lists to keep.
    let page = hr.get("/enterprise-lists").await;
    let edit = page
        .body()
        .split("href=\"")
        .find_map(|s| s.split('"').next().filter(|h| h.ends_with("/edit")))
        .expect("an edit link for our own item")
        .to_string();
    let form = hr.get(&edit).await;
    assert!(form.body().contains("高多层印制电路板"));
    let changed = hr
        .post_form(
            &edit,
            &[
                ("list", "products"),
                ("title", "高多层印制电路板"),
                ("segment_code", "pcb"),
                ("status", "closed"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert!(
        app.client()
            .get("/enterprise-lists")
            .await
            .body()
            .contains("已关闭")
    );
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    // Another unit's item is not found for a school, and a school, not being
    // an enterprise, keeps no lists (409).
    assert_eq!(school.get(&edit).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        school
            .post_form(&edit, &[("list", "products"), ("title", "改名")])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert!(
        !app.client()
            .get("/enterprise-lists")
            .await
            .body()
            .contains("改名")
    );
}

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

    // An empty required cell (found by the file reader) and a rule's problem
    // in the same row come back together.
    let teachers = "姓名,聘用方式,专业特长,双师等级,职称,技能等级,企业实践天数,共享到师资库\r\n\
        王芳,专任,光纤通信,中级双师,讲师,,30,是\r\n\
        赵强,外聘,,,,,-5,否\r\n";
    let refused = import(&school, "teachers", teachers.as_bytes().to_vec()).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let rows = refused.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0]["line"].as_i64(), rows[0]["field"].as_str()),
        (Some(3), Some("specialties"))
    );
    assert!(rows[0]["message"].as_str().unwrap().contains("专业特长"));
    assert_eq!(
        (rows[1]["line"].as_i64(), rows[1]["field"].as_str()),
        (Some(3), Some("practice_days"))
    );
    let teachers = teachers.replace("外聘,,", "外聘,电子装配,");
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

// ---- organisations and demand (issue 3) ---------------------------------------

/// Uploads a file through a page form, follows the background job to its end
/// and returns the job's id with its finished page.
pub async fn upload_and_wait(
    client: &mut TestClient,
    path: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> (String, Answer) {
    if client.csrf.is_empty() {
        client.refresh_csrf().await;
    }
    let started = client.upload(path, "file", file_name, bytes).await;
    assert_eq!(
        started.status(),
        StatusCode::SEE_OTHER,
        "{}",
        started.body()
    );
    let location = started.location();
    let id = location
        .strip_prefix("/jobs/")
        .expect("the upload answers with its job's page")
        .to_string();
    client.wait_for_job(&id).await;
    let page = client.get(&location).await;
    assert_eq!(page.status(), StatusCode::OK, "{}", page.body());
    (id, page)
}

fn org_csv(rows: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut text = String::from("单位名称,单位类型,统一社会信用代码,城市,产业链环节,级别\r\n");
    for (name, code, tier) in rows {
        text.push_str(&format!("{name},企业,{code},黄石市,pcb,{tier}\r\n"));
    }
    text.into_bytes()
}

async fn org_by_code(app: &TestApp, code: &str) -> Option<gongjiang_domain::members::Organization> {
    let mut conn = app.app.db.read().await.unwrap();
    gongjiang_store::members::org_by_credit_code(&mut conn, code)
        .await
        .unwrap()
}

fn lines_and_fields(answer: &Answer) -> Vec<(i64, String)> {
    answer.json()["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_i64().unwrap(),
                r["field"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_secretariat_imports_member_units_all_or_nothing_and_a_reimport_updates() {
    let app = TestApp::spawn().await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let a = crate::code("91420200MA49AAAA0");
    let b = crate::code("91420200MA49BBBB0");
    let good_c = crate::code("91420200MA49CCCC0");
    // A wrong check character: the last character of a valid code, changed.
    let last = good_c.chars().last().unwrap();
    let bad_c = format!("{}{}", &good_c[..17], if last == '0' { '1' } else { '0' });
    let refused = import(
        &secretariat,
        "organizations",
        org_csv(&[
            ("黄石甲电路有限公司", &a, "理事单位"),
            ("黄石乙电子有限公司", &b, ""),
            ("黄石丙科技有限公司", &bad_c, ""),
            ("黄石甲电路有限公司", &a, ""),
        ]),
    )
    .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body()
    );
    assert_eq!(
        lines_and_fields(&refused),
        vec![
            (4, "credit_code".to_string()),
            (5, "credit_code".to_string())
        ],
        "the wrong check character and the code given twice, each row named"
    );
    assert!(org_by_code(&app, &a).await.is_none(), "nothing stored");

    let file = org_csv(&[
        ("黄石甲电路有限公司", &a, "理事单位"),
        ("黄石乙电子有限公司", &b, ""),
        ("黄石丙科技有限公司", &good_c, ""),
    ]);
    let first = import(&secretariat, "organizations", file.clone()).await;
    assert_eq!(first.status(), StatusCode::OK, "{}", first.body());
    assert_eq!(
        (
            first.json()["created"].clone(),
            first.json()["updated"].clone()
        ),
        (3.into(), 0.into())
    );
    let again = import(&secretariat, "organizations", file).await;
    assert_eq!(
        (
            again.json()["created"].clone(),
            again.json()["updated"].clone()
        ),
        (0.into(), 3.into())
    );
    let org = org_by_code(&app, &a).await.expect("created");
    let profile = app
        .client()
        .get(&format!("/api/v1/organizations/{}", org.id))
        .await;
    assert_eq!(
        profile.status(),
        StatusCode::OK,
        "an active member is public"
    );
    let mut conn = app.app.db.read().await.unwrap();
    let memberships = gongjiang_store::members::memberships_of_org(&mut conn, org.id)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(memberships.len(), 1, "a re-import admits nobody twice");
    assert_eq!(
        memberships[0].tier,
        Some(gongjiang_domain::members::Tier::Council)
    );

    // A second chair is refused; the demo enterprise is matched by its code and updated.
    let demo = org_by_code_id(&app, app.demo.enterprise).await;
    let chair = import(
        &secretariat,
        "organizations",
        org_csv(&[
            ("黄石乙电子有限公司", &b, "理事长单位"),
            (&demo.name, &demo.credit_code, ""),
        ]),
    )
    .await;
    assert_eq!(lines_and_fields(&chair), vec![(2, "tier".to_string())]);
    assert!(chair.body().contains("理事长单位"), "{}", chair.body());
    let renamed = import(
        &secretariat,
        "organizations",
        org_csv(&[("黄石示例企业（更名）有限公司", &demo.credit_code, "")]),
    )
    .await;
    assert_eq!(renamed.json()["updated"], 1, "{}", renamed.body());
    assert_eq!(
        org_by_code_id(&app, app.demo.enterprise).await.name,
        "黄石示例企业（更名）有限公司"
    );
}

async fn org_by_code_id(
    app: &TestApp,
    id: gongjiang_domain::ids::OrgId,
) -> gongjiang_domain::members::Organization {
    let mut conn = app.app.db.read().await.unwrap();
    gongjiang_store::members::get_org(&mut conn, id)
        .await
        .unwrap()
        .unwrap()
}

fn demand_csv(rows: &[&str]) -> Vec<u8> {
    let mut text =
        String::from("岗位,类型,职业编码,技能等级,人数,城市,月薪下限,月薪上限,开始日期,状态\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

async fn demand_count(client: &TestClient, org: gongjiang_domain::ids::OrgId) -> i64 {
    let list = client.get(&format!("/api/v1/demands?org_id={org}")).await;
    assert_eq!(list.status(), StatusCode::OK, "{}", list.body());
    list.json()["total"].as_i64().unwrap()
}

#[tokio::test]
async fn an_enterprise_imports_its_demand_all_or_nothing_and_a_reimport_updates() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let org = app.demo.enterprise;
    let before = demand_count(&hr, org).await;
    let rows = [
        "沉铜电镀操作工,岗位实习,6-25-01-13,四级/中级工,12,黄石市,4000,6000,2026-07-01,招募中",
        "AOI 检测员,就业,,三级/高级工,3,黄石市,5000,7000,2026-09-01,",
        "层压操作工,学徒,,四级/中级工,5,黄石市,6000,4000,2026-09-01,",
        "钻孔操作工,订单班,9-99-99-99,四级/中级工,5,黄石市,,,2026-09-01,",
    ];
    let refused = import(&hr, "demand", demand_csv(&rows)).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body()
    );
    assert_eq!(
        lines_and_fields(&refused),
        vec![
            (4, "wage_max".to_string()),
            (5, "occupation_code".to_string())
        ]
    );
    assert_eq!(demand_count(&hr, org).await, before, "nothing stored");

    let fixed = [
        rows[0],
        rows[1],
        "层压操作工,学徒,,四级/中级工,5,黄石市,4000,6000,2026-09-01,",
    ];
    let first = import(&hr, "demand", demand_csv(&fixed)).await;
    assert_eq!(first.status(), StatusCode::OK, "{}", first.body());
    assert_eq!(first.json()["created"], 3);
    // Same post, kind and start date: the same demand, whatever else changed.
    let changed = [
        rows[0].replace(",12,", ",20,"),
        rows[1].to_string(),
        fixed[2].to_string(),
    ];
    let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
    let again = import(&hr, "demand", demand_csv(&changed)).await;
    assert_eq!(
        (
            again.json()["created"].clone(),
            again.json()["updated"].clone()
        ),
        (0.into(), 3.into()),
        "{}",
        again.body()
    );
    assert_eq!(demand_count(&hr, org).await, before + 3);
    let open = app
        .client()
        .get(&format!("/api/v1/demands?org_id={org}&status=open"))
        .await
        .json();
    let post = open["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["post_name"] == "沉铜电镀操作工")
        .expect("the open demand is public")
        .clone();
    assert_eq!(post["headcount"], 20);
    assert_eq!(
        open["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["post_name"] == "AOI 检测员")
            .count(),
        0,
        "a row without a status is a draft, seen only by its enterprise"
    );
}

#[tokio::test]
async fn only_the_secretariat_imports_units_and_an_enterprise_imports_only_its_own_demand() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let other = crate::code("91420200MA49DDDD0");
    let units = org_csv(&[("黄石丁精密有限公司", &other, "")]);
    let answer = import(&hr, "organizations", units.clone()).await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{}", answer.body());
    let school = app.client_as(Persona::SchoolAdmin).await;
    assert_eq!(
        import(&school, "organizations", units.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert!(org_by_code(&app, &other).await.is_none());

    // Enterprise B, admitted by the secretariat.
    let secretariat = app.client_as(Persona::Secretariat).await;
    let created = import(&secretariat, "organizations", units).await;
    assert_eq!(created.status(), StatusCode::OK, "{}", created.body());
    let b = org_by_code(&app, &other).await.unwrap().id;
    let rows = demand_csv(&["测试岗位,就业,,四级/中级工,2,黄石市,,,2026-07-01,"]);
    let answer = hr
        .send_raw(
            Method::POST,
            &format!("/api/v1/imports/demand?org_id={b}"),
            "text/csv",
            rows.clone(),
        )
        .await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{}", answer.body());
    assert_eq!(demand_count(&secretariat, b).await, 0);
    // A school keeps no demand.
    let answer = import(&school, "demand", rows.clone()).await;
    assert_eq!(answer.status(), StatusCode::CONFLICT, "{}", answer.body());
    // The secretariat may keep any enterprise's demand.
    let answer = secretariat
        .send_raw(
            Method::POST,
            &format!("/api/v1/imports/demand?org_id={b}"),
            "text/csv",
            rows,
        )
        .await;
    assert_eq!(answer.status(), StatusCode::OK, "{}", answer.body());
    assert_eq!(demand_count(&secretariat, b).await, 1);
}

#[tokio::test]
async fn cell_problems_and_rule_problems_come_back_together_in_one_pass() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let text = "专业代码,专业名称,层次,学制（年）,年招生人数,对应职业编码\r\n\
        M0001,光电专业甲,高级工,三年,40,6-25-01-13\r\n\
        M0002,光电专业乙,高级工,3,40,9-99-99-99\r\n\
        M0003,光电专业丙,中专,3,-4,6-25-01-13\r\n";
    let refused = import(&school, "majors", text.as_bytes().to_vec()).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        lines_and_fields(&refused),
        vec![
            (2, "length_years".to_string()),
            (3, "occupations".to_string()),
            (4, "level".to_string()),
            (4, "annual_intake".to_string()),
        ],
        "the reader's problems (rows 2 and 4's level) and the rules' (row 3, row 4's intake) in one list"
    );
    let codes: Vec<String> = refused.json()["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes[0], "cell");
    assert_ne!(codes[1], "cell");
}

#[tokio::test]
async fn a_page_upload_runs_as_a_job_whose_report_only_its_owner_downloads() {
    let app = TestApp::spawn().await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    let page = secretariat.get("/imports").await;
    assert!(
        page.body().contains("/imports/organizations/template.xlsx")
            && !page.body().contains("/imports/trainees/template.xlsx"),
        "the secretariat is offered the unit import only"
    );

    let good = crate::code("91420200MA49EEEE0");
    let bad = org_csv(&[
        ("黄石戊电子有限公司", &good, ""),
        ("黄石己电子有限公司", "91420200MA49FFFF0", "理事"),
    ]);
    let (job, refused) =
        upload_and_wait(&mut secretariat, "/imports/organizations", "单位.csv", bad).await;
    let body = refused.body();
    assert!(body.contains("import-problems"), "{body}");
    assert!(
        body.contains("统一社会信用代码") && body.contains("级别"),
        "{body}"
    );
    assert!(body.contains(&format!("/jobs/{job}/report.xlsx")), "{body}");
    assert!(org_by_code(&app, &good).await.is_none(), "nothing stored");

    let report = secretariat.get(&format!("/jobs/{job}/report.xlsx")).await;
    assert_eq!(report.status(), StatusCode::OK);
    assert!(
        report
            .header("content-type")
            .unwrap()
            .contains("spreadsheetml")
    );
    // The report reads back as the sheet (its 问题 column is ignored), every row kept.
    let table = gongjiang_sheets::read(
        report.bytes(),
        "report.xlsx",
        &gongjiang_app::imports::ORGANIZATION_SHEET,
    )
    .expect("the report is a readable sheet");
    assert_eq!(table.rows.len(), 2);
    for other in [Persona::Hr, Persona::SchoolAdmin] {
        let stranger = app.client_as(other).await;
        assert_eq!(
            stranger
                .get(&format!("/jobs/{job}/report.xlsx"))
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "{other:?}"
        );
        assert_eq!(
            stranger.get(&format!("/jobs/{job}")).await.status(),
            StatusCode::NOT_FOUND
        );
    }

    let fixed = org_csv(&[("黄石戊电子有限公司", &good, "")]);
    let (_, done) = upload_and_wait(
        &mut secretariat,
        "/imports/organizations",
        "单位.csv",
        fixed,
    )
    .await;
    assert!(done.body().contains("import-done"), "{}", done.body());
    assert!(
        done.body().contains("新增 1 条，更新 0 条"),
        "{}",
        done.body()
    );
    assert!(org_by_code(&app, &good).await.is_some());

    // A school's page upload of trainees goes through the same jobs.
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let (_, trainees) = upload_and_wait(
        &mut school,
        "/imports/trainees",
        "学员.csv",
        "姓名,身份证号,状态,个人信息处理目的\r\n张三,123,在读,学籍管理\r\n"
            .as_bytes()
            .to_vec(),
    )
    .await;
    assert!(trainees.body().contains("身份证号"), "{}", trainees.body());
    // Nobody starts a job for a kind they may not import.
    let mut hr = app.client_as(Persona::Hr).await;
    hr.refresh_csrf().await;
    let answer = hr
        .upload("/imports/organizations", "file", "单位.csv", org_csv(&[]))
        .await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_kinds_template_reads_back_with_its_chinese_header() {
    let app = TestApp::spawn().await;
    for (persona, kinds) in [
        (Persona::Secretariat, vec!["organizations"]),
        (Persona::Hr, vec!["demand"]),
        (
            Persona::SchoolAdmin,
            vec!["majors", "cohorts", "teachers", "trainees"],
        ),
    ] {
        let client = app.client_as(persona).await;
        for kind in kinds {
            let sheet = gongjiang_app::imports::Kind::parse(kind).unwrap().sheet();
            let file = client.get(&format!("/imports/{kind}/template.xlsx")).await;
            assert_eq!(file.status(), StatusCode::OK, "{kind}");
            assert!(
                file.header("content-disposition")
                    .unwrap()
                    .contains("filename*=UTF-8''"),
                "{kind}"
            );
            // The reader finds the header (every required column) and no data:
            // the example row does not count.
            assert!(
                matches!(
                    gongjiang_sheets::read(file.bytes(), "t.xlsx", sheet),
                    Err(gongjiang_sheets::FileError::NoDataRows)
                ),
                "{kind}"
            );
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(file.bytes().to_vec()))
                    .unwrap();
            let range = calamine::Reader::worksheet_range(&mut book, sheet.name).unwrap();
            let header: Vec<String> = (0..sheet.columns.len())
                .map(|c| {
                    range
                        .get_value((0, c as u32))
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                })
                .collect();
            let expected: Vec<String> =
                sheet.columns.iter().map(|c| c.header.to_string()).collect();
            assert_eq!(header, expected, "{kind}");
            let names = calamine::Reader::sheet_names(&book);
            assert!(
                names.iter().any(|n| n == gongjiang_sheets::NOTES_SHEET),
                "{kind}: {names:?}"
            );
        }
    }
    let trainee = app.client_as(Persona::Trainee).await;
    assert_eq!(
        trainee.get("/imports/majors/template.xlsx").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn trainees_imported_in_batches_read_back_sealed_and_a_reimport_updates_them() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let before = school.get("/api/v1/trainees").await.json()["total"]
        .as_i64()
        .unwrap();
    let roster = |status: &str| {
        format!(
            "姓名,身份证号,手机号,学号,状态,个人信息处理目的\r\n\
             张三,42010220060315001X,13812345678,2024001,{status},学籍管理\r\n\
             李四,11010519491231002X,,2024002,{status},学籍管理\r\n"
        )
        .into_bytes()
    };
    let first = import(&school, "trainees", roster("在读")).await;
    assert_eq!(first.status(), StatusCode::OK, "{}", first.body());
    assert_eq!(first.json()["created"], 2);
    let again = import(&school, "trainees", roster("毕业")).await;
    assert_eq!(
        (
            again.json()["created"].clone(),
            again.json()["updated"].clone()
        ),
        (0.into(), 2.into())
    );
    let list = school.get("/api/v1/trainees?per_page=200").await.json();
    assert_eq!(list["total"].as_i64().unwrap(), before + 2);
    let zhang = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["student_no"] == "2024001")
        .expect("listed")
        .clone();
    assert_eq!(zhang["status"], "graduated", "{zhang}");
    // The sealed identifiers open again: what the batch stored is what was read.
    let revealed = school
        .send_json(
            Method::POST,
            &format!("/api/v1/trainees/{}/reveal", zhang["id"].as_str().unwrap()),
            &serde_json::json!({"reason": "核对导入"}),
        )
        .await;
    assert_eq!(revealed.status(), StatusCode::OK, "{}", revealed.body());
    assert_eq!(revealed.json()["id_number"], "42010220060315001X");
    assert_eq!(revealed.json()["phone"], "13812345678");
}

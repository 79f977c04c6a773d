//! Spreadsheet imports of a school's records and the catalogues, exports that
//! defuse formulas, and the list pages' workbooks.

use super::*;

pub(crate) fn roster_csv(rows: &[&str]) -> String {
    let mut text = String::from("姓名,身份证号,手机号,学号,班级名称,状态,个人信息处理目的\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    text
}

pub(crate) async fn import(
    client: &gongjiang_testkit::TestClient,
    csv: String,
) -> gongjiang_testkit::Answer {
    client
        .send_raw(
            Method::POST,
            "/api/v1/trainees/import",
            "text/csv",
            csv.into_bytes(),
        )
        .await
}

#[tokio::test]
async fn an_import_with_one_bad_row_among_a_thousand_stores_nothing_and_names_that_row() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, _) = (built.admin, built.cohorts[0].clone());
    let mut rows = Vec::new();
    for i in 0..1000 {
        let id = gongjiang_domain::values::IdCardNumber::with_check_character(&format!(
            "42010220060315{:03}",
            i
        ))
        .unwrap();
        rows.push(format!(
            "学员{},{id},,2024{i:04},2024级电子技术应用高级工1班,在读,学籍管理",
            ["甲", "乙", "丙", "丁"][i % 4]
        ));
    }
    let bad_line = 501 + 1; // data row 501 is spreadsheet line 502
    rows[500] = "张三,420106200502301230,,x,,在读,学籍管理".into();
    let csv = roster_csv(&rows.iter().map(String::as_str).collect::<Vec<_>>());

    let refused = import(&school, csv.clone()).await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problems = refused.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["line"], bad_line);
    assert_eq!(problems[0]["field"], "id_number");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("身份证号")
    );
    assert_eq!(
        school.get("/api/v1/trainees").await.json()["total"],
        0,
        "nothing stored"
    );

    rows.remove(500);
    let good = roster_csv(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let done = import(&school, good.clone()).await;
    assert_eq!(done.status(), StatusCode::OK, "{}", done.body());
    assert_eq!(done.json()["created"], 999);
    let again = import(&school, good).await;
    assert_eq!(
        again.json()["created"],
        0,
        "re-importing the same file creates no duplicates"
    );
    assert_eq!(again.json()["updated"], 999);
    assert_eq!(school.get("/api/v1/trainees").await.json()["total"], 999);
}

#[tokio::test]
async fn duplicate_rows_unknown_cohorts_and_wrong_files_are_reported_by_name() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, _) = (built.admin, built.cohorts[0].clone());
    let csv = roster_csv(&[
        "张三,42010220060315001X,,1,,在读,学籍管理",
        "李四,42010220060315001x,,2,,在读,学籍管理",
        "王五,420102200603150028,,3,不存在的班,在读,学籍管理",
    ]);
    let answer = import(&school, csv).await;
    let rows = answer.json()["error"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0]["line"].as_i64(), rows[0]["field"].as_str()),
        (Some(3), Some("id_number"))
    );
    assert_eq!(
        (rows[1]["line"].as_i64(), rows[1]["field"].as_str()),
        (Some(4), Some("cohort"))
    );

    let missing = import(&school, "姓名,手机号\r\n张三,13812345678\r\n".into()).await;
    assert!(
        missing.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("身份证号")
    );
    let html = school
        .send_raw(
            Method::POST,
            "/api/v1/trainees/import",
            "text/csv",
            b"<html>not a roster</html>".to_vec(),
        )
        .await;
    assert_eq!(html.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let xls = school
        .send_raw(
            Method::POST,
            "/api/v1/trainees/import",
            "application/vnd.ms-excel",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0],
        )
        .await;
    assert!(
        xls.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("另存为")
    );
    let hr = app.client_as(Persona::Hr).await;
    assert_eq!(
        import(&hr, roster_csv(&[])).await.status(),
        StatusCode::CONFLICT,
        "an enterprise keeps no trainees"
    );
}

#[tokio::test]
async fn the_import_page_takes_a_file_upload_and_shows_the_row_report() {
    let app = TestApp::spawn().await;
    let mut school = app.school().build().await.admin;
    school.refresh_csrf().await;
    let csv = roster_csv(&[
        "张三,42010220060315001X,,1,,在读,学籍管理",
        "李四,123,,2,,在读,学籍管理",
    ]);
    let (_, refused) = crate::imports::upload_and_wait(
        &mut school,
        "/school/trainees/import",
        "学员.csv",
        csv.into_bytes(),
    )
    .await;
    assert!(
        refused.body().contains("import-problems") && refused.body().contains("身份证号应为 18 位"),
        "{}",
        refused.body()
    );
    let template = school.get("/school/trainees/template.xlsx").await;
    assert_eq!(
        template.header("content-type").as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
}

#[tokio::test]
async fn an_enterprise_keeps_its_three_lists_and_its_profile_shows_them() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let product = hr
        .send_json(
            Method::POST,
            "/api/v1/enterprise-items",
            &json!({"list": "products", "title": "高多层 HDI 板", "segment_code": "pcb"}),
        )
        .await;
    assert_eq!(product.status(), StatusCode::CREATED, "{}", product.body());
    hr.send_json(Method::POST, "/api/v1/enterprise-items", &json!({"list": "technical_needs", "title": "层压翘曲控制", "description": "寻求高校联合攻关"})).await;
    hr.send_json(Method::POST, "/api/v1/demands", &demand())
        .await;

    let needs = app
        .client()
        .get("/api/v1/enterprise-items?list=technical_needs")
        .await
        .json();
    assert_eq!(needs["items"][0]["title"], "层压翘曲控制");
    let profile = app
        .client()
        .get(&format!("/members/{}", app.demo.enterprise))
        .await;
    assert!(
        profile.body().contains("高多层 HDI 板")
            && profile.body().contains("层压翘曲控制")
            && profile.body().contains("沉铜电镀操作工")
    );
    let school = app.client_as(Persona::SchoolAdmin).await;
    let refused = school
        .send_json(
            Method::POST,
            "/api/v1/enterprise-items",
            &json!({"list": "products", "title": "不是企业"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let bad = hr
        .send_json(
            Method::POST,
            "/api/v1/enterprise-items",
            &json!({"list": "dreams", "title": "x"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn exports_keep_identifiers_masked_and_defuse_formulas() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, _) = (built.admin, built.cohorts[0].clone());
    school
        .send_json(Method::POST, "/api/v1/trainees", &json!({"name": "张三", "id_number": ID, "phone": "13812345678", "student_no": "=HYPERLINK(\"x\")", "consent_purpose": "学籍管理"}))
        .await;
    let csv = school.get("/school/trainees.csv").await;
    assert!(csv.body().contains("4201**********001X") && csv.body().contains("138****5678"));
    assert!(!csv.body().contains(ID));
    assert!(
        csv.body().contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        csv.body()
    );
    let hr = app.client_as(Persona::Hr).await;
    assert!(
        !hr.get("/school/trainees.csv").await.body().contains("4201"),
        "another unit exports none of the school's trainees"
    );
    hr.send_json(Method::POST, "/api/v1/demands", &demand())
        .await;
    let board = app.client().get("/demands.csv").await;
    assert!(board.body().contains("沉铜电镀操作工"));
}

#[tokio::test]
async fn the_secretariat_grows_the_segment_tree_and_loads_occupations_from_a_file() {
    let app = TestApp::spawn().await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let added = secretariat.send_json(Method::POST, "/api/v1/segments", &json!({"code": "pcb_hdi", "parent_code": "pcb", "name_zh": "HDI 板", "name_en": "HDI boards"})).await;
    assert_eq!(added.status(), StatusCode::NO_CONTENT, "{}", added.body());
    let cycle = secretariat
        .send_json(
            Method::POST,
            "/api/v1/segments",
            &json!({"code": "pcb", "parent_code": "pcb_hdi", "name_zh": "PCB"}),
        )
        .await;
    assert_eq!(
        cycle.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a tree cannot loop"
    );
    let school = app.client_as(Persona::SchoolAdmin).await;
    assert_eq!(
        school
            .send_json(
                Method::POST,
                "/api/v1/segments",
                &json!({"code": "x", "name_zh": "x"})
            )
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let bad = "职业编码,职业名称,已核实,产业链环节\r\n6-25-04-08,电子专用设备装调工,是,芯片与半导体\r\n6-25-4-08,格式错,否,\r\n";
    let refused = secretariat
        .send_raw(
            Method::POST,
            "/api/v1/occupations/import",
            "text/csv",
            bad.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["rows"][0]["line"], 3);
    let good = "职业编码,职业名称,已核实,产业链环节\r\n6-25-04-08,电子专用设备装调工,是,芯片与半导体\r\n6-25-01-13,印制电路制作工,是,pcb_hdi\r\n";
    let loaded = secretariat
        .send_raw(
            Method::POST,
            "/api/v1/occupations/import",
            "text/csv",
            good.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(loaded.json()["created"], 1);
    assert_eq!(loaded.json()["updated"], 1);
    let catalogue = app.client().get("/api/v1/catalogues").await.json();
    let pcb = catalogue["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "6-25-01-13")
        .unwrap()
        .clone();
    assert_eq!(pcb["segments"], json!(["pcb_hdi"]));
}

#[tokio::test]
async fn an_xlsx_roster_imports_and_a_bad_one_comes_back_as_an_excel_problem_report() {
    let app = TestApp::spawn().await;
    let mut school = app.school().build().await.admin;
    school.refresh_csrf().await;
    let sheet = &gongjiang_app::imports::TRAINEE_SHEET;
    let rows = [
        [
            "张三",
            ID,
            "",
            "2024001",
            "2024级电子技术应用高级工1班",
            "在读",
            "学籍管理",
        ],
        ["李四", "123", "", "2024002", "", "在读", "学籍管理"],
    ];
    let bad = gongjiang_sheets::export_xlsx(sheet, rows.iter().map(|r| r.to_vec())).unwrap();

    let (job, page) = crate::imports::upload_and_wait(
        &mut school,
        "/school/trainees/import",
        "学员名单.xlsx",
        bad,
    )
    .await;
    assert!(
        page.body().contains("身份证号应为 18 位"),
        "{}",
        page.body()
    );
    let report = school.get(&format!("/jobs/{job}/report.xlsx")).await;
    assert_eq!(report.status(), StatusCode::OK);
    assert!(
        report
            .header("content-disposition")
            .unwrap()
            .contains(".xlsx")
    );
    assert!(
        report
            .header("content-type")
            .unwrap()
            .contains("spreadsheetml")
    );
    assert_eq!(school.get("/api/v1/trainees").await.json()["total"], 0);

    let good = gongjiang_sheets::export_xlsx(sheet, rows[..1].iter().map(|r| r.to_vec())).unwrap();
    let (_, done) = crate::imports::upload_and_wait(
        &mut school,
        "/school/trainees/import",
        "学员名单.xlsx",
        good,
    )
    .await;
    assert!(done.body().contains("import-done"), "{}", done.body());
    assert_eq!(school.get("/api/v1/trainees").await.json()["total"], 1);
}

#[tokio::test]
async fn list_pages_export_as_excel_workbooks_too() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    hr.send_json(Method::POST, "/api/v1/demands", &demand())
        .await;
    let book = app.client().get("/demands.xlsx").await;
    assert_eq!(book.status(), StatusCode::OK);
    assert!(
        book.header("content-type")
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(
        book.header("content-disposition")
            .unwrap()
            .contains("filename*=UTF-8''")
    );
    let school = app.client_as(Persona::SchoolAdmin).await;
    assert_eq!(
        school.get("/school/trainees.xlsx").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_secretariat_keeps_the_segment_tree_and_loads_the_occupation_catalogue_on_the_catalogues_page()
 {
    let app = TestApp::spawn().await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;

    // Everyone reads the tree and the catalogue; only the secretariat gets the forms.
    let public = app.client().get("/catalogues").await;
    assert_eq!(public.status(), StatusCode::OK);
    assert!(public.body().contains("PCB 与电子电路") && public.body().contains("6-25-01-13"));
    assert!(!public.body().contains("action=\"/catalogues/segments\""));

    // A child segment; then a loop is refused with the parent field named, and nothing changes.
    let added = secretariat
        .post_form(
            "/catalogues/segments",
            &[
                ("code", "pcb_hdi"),
                ("parent_code", "pcb"),
                ("name_zh", "HDI 板"),
                ("name_en", "HDI boards"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", added.body());
    let tree = app.client().get("/catalogues").await;
    let (pcb, hdi) = (
        tree.body().find("PCB 与电子电路").unwrap(),
        tree.body().find("HDI 板").unwrap(),
    );
    assert!(pcb < hdi, "a child follows its parent");
    let looped = secretariat
        .post_form(
            "/catalogues/segments",
            &[
                ("code", "pcb"),
                ("parent_code", "pcb_hdi"),
                ("name_zh", "PCB 与电子电路"),
            ],
        )
        .await;
    assert_eq!(looped.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(looped.body().contains("上级环节"), "{}", looped.body());
    let filled = secretariat.get("/catalogues?segment=pcb_hdi").await;
    assert!(
        filled.body().contains("value=\"HDI boards\""),
        "the edit link fills the form"
    );

    // The catalogue file: a bad row is named and nothing is stored; a good file updates by code.
    let template = secretariat
        .get("/catalogues/occupations/template.xlsx")
        .await;
    assert_eq!(template.status(), StatusCode::OK);
    // The template's header is the sheet's, and its example row does not count as data.
    let read = gongjiang_sheets::read(
        template.bytes(),
        "t.xlsx",
        &gongjiang_app::catalogues::OCCUPATION_SHEET,
    );
    assert!(
        matches!(read, Err(gongjiang_sheets::FileError::NoDataRows)),
        "{:?}",
        read.err()
    );
    let bad = "职业编码,职业名称,版本,已核实,产业链环节\r\n6-25-01-13,印制电路制作工,2022,是,pcb_hdi\r\n6-25-0113,坏编码,2022,否,pcb\r\n";
    let refused = secretariat
        .upload(
            "/catalogues/occupations",
            "file",
            "目录.csv",
            bad.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body().contains("id=\"import-problems\""),
        "{}",
        refused.body()
    );
    assert!(
        refused.body().contains("<td>3</td><td>职业编码</td>"),
        "{}",
        refused.body()
    );
    let hdi_count = |body: &str| {
        body.split("<code>pcb_hdi</code></td><td>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .map(str::to_string)
    };
    assert_eq!(
        hdi_count(app.client().get("/catalogues").await.body()).as_deref(),
        Some("0")
    );
    let good = bad.replace("6-25-0113,坏编码", "6-25-01-12,电子元器件检验员");
    let loaded = secretariat
        .upload(
            "/catalogues/occupations",
            "file",
            "目录.csv",
            good.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(loaded.status(), StatusCode::SEE_OTHER, "{}", loaded.body());
    assert_eq!(
        hdi_count(app.client().get("/catalogues").await.body()).as_deref(),
        Some("1")
    );
    let not_a_sheet = secretariat
        .upload(
            "/catalogues/occupations",
            "file",
            "目录.xlsx",
            b"PK\x03\x04 broken".to_vec(),
        )
        .await;
    assert_eq!(not_a_sheet.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_a_sheet.body().contains("id=\"file-problem\""));

    // Nobody else keeps the catalogues.
    let mut hr = app.client_as(Persona::Hr).await;
    let denied = hr
        .post_form(
            "/catalogues/segments",
            &[("code", "x1"), ("name_zh", "试验")],
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        hr.get("/catalogues/occupations/template.xlsx")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_school_changes_a_trainee_on_the_edit_form_and_the_sealed_identifiers_stay_unless_retyped()
 {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (api, cohort) = (built.admin, built.cohorts[0].clone());
    let t = api
        .send_json(Method::POST, "/api/v1/trainees", &json!({"name": "欧阳娜娜", "id_number": ID, "phone": "13812345678", "student_no": "2024001", "consent_purpose": "学籍管理与实习就业推荐"}))
        .await
        .json();
    let tid = t["id"].as_str().unwrap().to_string();
    let path = format!("/school/trainees/{tid}/edit");
    let mut school = app.client_as(Persona::SchoolAdmin).await;

    // The form shows the identifiers masked only.
    let form = school.get(&path).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.body().contains("4201**********001X") && !form.body().contains(ID));

    // A bad phone is named; nothing changes.
    let fields = |phone: &'static str, status: &'static str| {
        vec![
            ("name", "欧阳娜娜"),
            ("id_number", ""),
            ("phone", phone),
            ("student_no", "2024001"),
            ("cohort_id", cohort.as_str()),
            ("status", status),
            ("consent_purpose", "学籍管理与实习就业推荐"),
        ]
    };
    let bad = school
        .post_form(&path, &fields("1381234", "graduated"))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("手机号"), "{}", bad.body());
    let unchanged = api.get(&format!("/api/v1/trainees/{tid}")).await.json();
    assert_eq!(unchanged["status"], "enrolled");

    // Blank identifiers keep the sealed ones; the cohort and status change.
    let saved = school.post_form(&path, &fields("", "graduated")).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "{}", saved.body());
    let changed = api.get(&format!("/api/v1/trainees/{tid}")).await.json();
    assert_eq!(changed["status"], "graduated");
    assert_eq!(changed["cohort_id"], cohort.as_str());
    assert_eq!(changed["id_number"], "4201**********001X");
    let revealed = api
        .send_json(
            Method::POST,
            &format!("/api/v1/trainees/{tid}/reveal"),
            &json!({"reason": "核对学籍"}),
        )
        .await
        .json();
    assert_eq!(revealed["id_number"], ID);
    assert_eq!(revealed["phone"], "13812345678");

    // Retyping the phone replaces it.
    let retyped = school
        .post_form(&path, &fields("13987654321", "graduated"))
        .await;
    assert_eq!(retyped.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get(&format!("/api/v1/trainees/{tid}")).await.json()["phone"],
        "139****4321"
    );

    // Another unit does not reach the form.
    let mut hr = app.client_as(Persona::Hr).await;
    assert!(matches!(
        hr.get(&path).await.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let refused = hr.post_form(&path, &fields("", "left")).await;
    assert!(matches!(
        refused.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::CONFLICT
    ));
    assert_eq!(
        api.get(&format!("/api/v1/trainees/{tid}")).await.json()["status"],
        "graduated"
    );
}

//! Agreements' exports and pages, the faculty pool and the enterprises'
//! product and need lists.

use super::*;

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

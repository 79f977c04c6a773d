//! Talent demand and education supply over HTTP.
//! (Imports, exports and the catalogue pages are in `imports`.)

mod imports;
pub(crate) use imports::{import, roster_csv};

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use serde_json::{Value, json};

pub(crate) fn demand() -> Value {
    json!({"post_name": "沉铜电镀操作工", "kind": "position_internship", "occupation_code": "6-25-01-13", "segment_code": "pcb",
        "min_level": "level4", "headcount": 12, "city": "黄石市", "wage_min": 3800, "wage_max": 4500,
        "start_on": "2027-03-01", "end_on": "2027-08-31", "night_shift": false, "requirements": "持低压电工证优先"})
}

#[tokio::test]
async fn an_enterprise_posts_demand_that_everyone_can_read_but_only_it_can_change() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;

    let created = hr
        .send_json(Method::POST, "/api/v1/demands", &demand())
        .await;

    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    let d = created.json();
    assert_eq!(d["wage_min"], 3800);
    assert_eq!(d["org_id"], app.demo.enterprise.to_string());
    let public = app.client().get("/api/v1/demands?segment=pcb").await.json();
    assert_eq!(public["total"], 1);
    let id = d["id"].as_str().unwrap();
    let school = app.client_as(Persona::SchoolAdmin).await;
    let refused = school
        .send_json(Method::PUT, &format!("/api/v1/demands/{id}"), &demand())
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let not_enterprise = school
        .send_json(Method::POST, "/api/v1/demands", &demand())
        .await;
    assert_eq!(
        not_enterprise.status(),
        StatusCode::CONFLICT,
        "schools do not post demand"
    );
    let mut changed = demand();
    changed["headcount"] = json!(20);
    let updated = hr
        .send_json(Method::PUT, &format!("/api/v1/demands/{id}"), &changed)
        .await;
    assert_eq!(updated.json()["headcount"], 20);
}

#[tokio::test]
async fn a_demand_with_negative_headcount_and_an_end_before_its_start_names_both_fields() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let mut bad = demand();
    bad["headcount"] = json!(-3);
    bad["end_on"] = json!("2027-01-01");
    bad["min_level"] = json!("level9");

    let answer = hr.send_json(Method::POST, "/api/v1/demands", &bad).await;

    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = answer.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert!(
        fields.contains(&"headcount".into()) && fields.contains(&"end_on".into()),
        "{fields:?}"
    );
    assert_eq!(
        app.client().get("/api/v1/demands").await.json()["total"],
        0,
        "nothing stored"
    );
    let unknown = hr
        .send_json(
            Method::POST,
            "/api/v1/demands",
            &json!({"post_name": "x", "org_id": "someone-else"}),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_draft_demand_is_visible_only_to_its_enterprise() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let mut draft = demand();
    draft["status"] = json!("draft");
    let id = hr
        .send_json(Method::POST, "/api/v1/demands", &draft)
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(
        hr.get(&format!("/api/v1/demands/{id}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.client()
            .get(&format!("/api/v1/demands/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.client().get("/api/v1/demands").await.json()["total"], 0);
    let secretariat = app.client_as(Persona::Secretariat).await;
    assert_eq!(secretariat.get("/api/v1/demands").await.json()["total"], 1);
}

const ID: &str = "42010220060315001X";

#[tokio::test]
async fn a_school_records_a_trainee_whose_identifiers_are_sealed_and_shown_masked() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, cohort) = (built.admin, built.cohorts[0].clone());

    let created = school
        .send_json(Method::POST, "/api/v1/trainees", &json!({"name": "欧阳娜娜", "id_number": ID, "phone": "13812345678", "student_no": "2024001", "cohort_id": cohort, "consent_purpose": "学籍管理与实习就业推荐"}))
        .await;

    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    let t = created.json();
    assert_eq!(t["id_number"], "4201**********001X");
    assert_eq!(t["phone"], "138****5678");
    assert_eq!(t["birth_date"], "2006-03-15");
    assert_eq!(t["gender"], "male");
    assert!(
        t["consent"]
            .as_str()
            .unwrap()
            .starts_with("school-admin @ ")
    );
    let list = school
        .get(&format!("/api/v1/trainees?cohort_id={cohort}"))
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["name"], "欧阳娜娜",
        "own school sees the name"
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    let masked = secretariat
        .get(&format!("/api/v1/trainees?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(
        masked["items"][0]["name"], "欧**娜",
        "others see a masked name"
    );
    if let Some(file) = app.sqlite_file() {
        app.app.db.close().await;
        let mut bytes = std::fs::read(&file).unwrap_or_default();
        bytes.extend(std::fs::read(file.with_extension("db-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(ID) && !text.contains("13812345678"),
            "identifiers are not stored in clear"
        );
    }
}

#[tokio::test]
async fn a_duplicate_id_number_an_under_sixteen_intern_and_another_schools_cohort_are_refused() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, cohort) = (built.admin, built.cohorts[0].clone());
    let body = json!({"name": "张三", "id_number": ID, "consent_purpose": "学籍管理", "cohort_id": cohort});
    assert_eq!(
        school
            .send_json(Method::POST, "/api/v1/trainees", &body)
            .await
            .status(),
        StatusCode::CREATED
    );

    let dup = school.send_json(Method::POST, "/api/v1/trainees", &json!({"name": "李四", "id_number": "42010220060315001x", "consent_purpose": "学籍管理"})).await;
    assert_eq!(dup.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dup.json()["error"]["fields"][0]["field"], "id_number");
    assert_eq!(dup.json()["error"]["fields"][0]["code"], "already_taken");

    let young =
        gongjiang_domain::values::IdCardNumber::with_check_character("42010220110601001").unwrap();
    let intern = school.send_json(Method::POST, "/api/v1/trainees", &json!({"name": "王五", "id_number": young, "status": "interning", "consent_purpose": "学籍管理"})).await;
    assert_eq!(intern.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        intern.json()["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("16"),
        "{}",
        intern.body()
    );

    let bad = school.send_json(Method::POST, "/api/v1/trainees", &json!({"name": "赵六", "id_number": "420106200502301230", "consent_purpose": "学籍管理"})).await;
    assert_eq!(bad.json()["error"]["fields"][0]["code"], "invalid_date");
}

#[tokio::test]
async fn only_the_trainees_own_school_may_reveal_identifiers_and_each_reveal_is_logged() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, _) = (built.admin, built.cohorts[0].clone());
    let t = school.send_json(Method::POST, "/api/v1/trainees", &json!({"name": "张三", "id_number": ID, "phone": "13812345678", "consent_purpose": "学籍管理"})).await.json();
    let tid = t["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/trainees/{tid}/reveal");

    let no_reason = school
        .send_json(Method::POST, &path, &json!({"reason": ""}))
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let teacher = app.client_as(Persona::Teacher).await;
    let revealed = teacher
        .send_json(Method::POST, &path, &json!({"reason": "办理实习保险"}))
        .await;
    assert_eq!(revealed.status(), StatusCode::OK);
    assert_eq!(revealed.json()["id_number"], ID);
    assert_eq!(revealed.json()["phone"], "13812345678");

    let secretariat = app.client_as(Persona::Secretariat).await;
    assert_eq!(
        secretariat
            .send_json(Method::POST, &path, &json!({"reason": "核查"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let hr = app.client_as(Persona::Hr).await;
    // Another unit's staff cannot even learn that the trainee exists.
    assert_eq!(
        hr.send_json(Method::POST, &path, &json!({"reason": "核查"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        hr.get(&format!("/api/v1/trainees/{tid}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        hr.get(&format!("/api/v1/trainees?org_id={}", app.demo.school))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let log = secretariat
        .get(&format!("/api/v1/audit?object_id={tid}"))
        .await
        .json();
    let reveal = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "trainee.reveal")
        .expect("reveal audited");
    assert_eq!(reveal["actor_login"], "teacher");
    assert_eq!(reveal["after"]["reason"], "办理实习保险");
}

#[tokio::test]
async fn catalogues_list_the_skill_ladder_from_apprentice_to_chief_technician() {
    let app = TestApp::spawn().await;
    let c = app.client().get("/api/v1/catalogues").await.json();
    let levels = c["skill_levels"].as_array().unwrap();
    assert_eq!(levels.len(), 8);
    assert_eq!(levels[0]["code"], "apprentice");
    assert_eq!(levels[3]["official_digit"], 3);
    assert!(
        c["occupations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["code"] == "6-25-01-13" && o["verified"] == true)
    );
}

#[tokio::test]
async fn hr_posts_a_demand_through_the_form_and_the_talent_gap_sets_it_against_graduates() {
    let app = TestApp::spawn().await;
    let mut hr = app.client_as(Persona::Hr).await;
    let form = [
        ("post_name", "沉铜电镀操作工"),
        ("kind", "job"),
        ("occupation_code", "6-25-01-13"),
        ("min_level", "level3"),
        ("headcount", "40"),
        ("city", "黄石市"),
        ("wage_min", "4000"),
        ("wage_max", "5200"),
        ("start_on", "2027-07-01"),
        ("status", "open"),
    ];
    let bad = hr
        .post_form("/demands/new", &[("post_name", "x"), ("headcount", "-1")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("人数应在 1 到 10000 之间"),
        "{}",
        bad.body()
    );

    let posted = hr.post_form("/demands/new", &form).await;
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    let board = app.client().get("/demands").await;
    assert!(board.body().contains("沉铜电镀操作工") && board.body().contains("4000–5200"));

    let built = app.school().build().await;
    let (_school, _) = (built.admin, built.cohorts[0].clone()); // 45 graduates of an advanced (level3) PCB major in 2027
    let gap = app.client().get("/api/v1/demands").await;
    assert_eq!(gap.json()["total"], 1);
    let page = app.client().get("/talent-gap?year=2027").await;
    assert!(page.body().contains("印制电路制作工"));
    assert!(
        page.body().contains("富余（毕业生多于需求）"),
        "-5 is a surplus, said in words"
    );
    assert!(
        page.body()
            .contains("href=\"/demands?occupation=6-25-01-13&#38;level=level3\""),
        "the demand figure leads to the demands behind it: {}",
        page.body()
    );
    assert!(
        page.body().contains(
            "href=\"/talent-gap/cohorts?year=2027&#38;occupation=6-25-01-13&#38;level=level3\""
        ),
        "the supply figure leads to the cohorts behind it"
    );
    let cohorts = app
        .client()
        .get("/talent-gap/cohorts?year=2027&occupation=6-25-01-13&level=level3")
        .await;
    assert_eq!(cohorts.status(), StatusCode::OK);
    let table = cohorts
        .body()
        .split("id=\"gap-cohorts\"")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        table.contains("2024级电子技术应用高级工1班") && table.contains("<td>45</td>"),
        "{table}"
    );
    let cohorts_csv = app
        .client()
        .get("/talent-gap/cohorts.csv?year=2027&occupation=6-25-01-13&level=level3")
        .await;
    let rows: Vec<&str> = cohorts_csv
        .body()
        .lines()
        .filter(|l| !l.trim_start_matches('\u{feff}').is_empty())
        .collect();
    assert_eq!(rows.len(), 2, "the header and the one cohort: {rows:?}");
    assert!(rows[1].ends_with(",45"), "{rows:?}");
    let none = app
        .client()
        .get("/talent-gap/cohorts?year=2028&occupation=6-25-01-13&level=level3")
        .await;
    assert!(
        !none.body().contains("2024级电子技术应用高级工1班"),
        "another year's"
    );
    let wrong = app
        .client()
        .get("/talent-gap/cohorts?year=2027&occupation=9-99&level=level3")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body().contains("职业"),
        "the field is named: {}",
        wrong.body()
    );
    let opened = app.client().get("/talent-gap").await;
    assert!(
        opened.body().contains("· 2027</h1>"),
        "it opens on the first year with graduates, not this empty one"
    );
    let csv = app.client().get("/talent-gap.csv?year=2027").await;
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("filename*=UTF-8''")
    );
    let line = csv
        .body()
        .lines()
        .find(|l| l.contains("6-25-01-13"))
        .unwrap()
        .to_string();
    assert!(line.ends_with(",40,45,-5"), "{line}");

    // A second line with no graduates: the table sorts by any column, and both exports keep the order.
    let mut second = form.to_vec();
    second[0] = ("post_name", "显示模组装配工");
    second[2] = ("occupation_code", "6-25-02-05");
    second[4] = ("headcount", "10");
    assert_eq!(
        hr.post_form("/demands/new", &second).await.status(),
        StatusCode::SEE_OTHER
    );
    let order_of = |body: &str| {
        let a = body.find("6-25-01-13").expect("first line");
        let b = body.find("6-25-02-05").expect("second line");
        if a < b { "01-13 first" } else { "02-05 first" }
    };
    let by_gap = app.client().get("/talent-gap?year=2027").await;
    assert_eq!(
        order_of(by_gap.body()),
        "02-05 first",
        "the largest shortage (10 > -5) leads"
    );
    let by_demand = app.client().get("/talent-gap?year=2027&sort=demand").await;
    assert_eq!(
        order_of(by_demand.body()),
        "01-13 first",
        "40 wanted > 10 wanted"
    );
    assert!(by_demand.body().contains("sort=demand\" aria-sort"));
    let csv = app
        .client()
        .get("/talent-gap.csv?year=2027&sort=supply")
        .await;
    assert_eq!(order_of(csv.body()), "01-13 first");
    let book = app
        .client()
        .get("/talent-gap.xlsx?year=2027&sort=gap")
        .await;
    assert_eq!(book.status(), StatusCode::OK);
    let table = gongjiang_sheets::read(
        book.bytes(),
        "gap.xlsx",
        &gongjiang_app::demand::TALENT_GAP_SHEET,
    )
    .expect("the workbook reads back");
    let codes: Vec<String> = table
        .rows
        .iter()
        .map(|r| {
            r.cells[1]
                .as_ref()
                .unwrap()
                .as_text()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(codes, ["6-25-02-05", "6-25-01-13"]);
    let bad = app.client().get("/talent-gap?sort=colour").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_school_page_shows_trainees_masked_and_reveals_them_only_with_a_reason() {
    let app = TestApp::spawn().await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let added = school
        .post_form(
            "/school/trainees",
            &[
                ("name", "张三"),
                ("id_number", ID),
                ("phone", "13812345678"),
                ("student_no", "2024009"),
                ("consent_purpose", "学籍管理"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", added.body());
    let page = school.get("/school").await;
    assert!(page.body().contains("4201**********001X") && page.body().contains("138****5678"));
    let tid = page
        .body()
        .split("/school/trainees/")
        .find(|s| s.split('"').next().unwrap_or("").ends_with("/reveal"))
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_string();

    let no_reason = school
        .post_form(&format!("/school/trainees/{tid}/reveal"), &[("reason", "")])
        .await;
    assert_eq!(
        no_reason.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "tid {tid}: {}",
        no_reason.body()
    );
    let shown = school
        .post_form(
            &format!("/school/trainees/{tid}/reveal"),
            &[("reason", "核对学籍")],
        )
        .await;
    assert!(shown.body().contains(ID));

    let mut bad = app.client_as(Persona::Teacher).await;
    let refused = bad
        .post_form(
            "/school/trainees",
            &[
                ("name", "李四"),
                ("id_number", "110105194912310021"),
                ("consent_purpose", "学籍管理"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body().contains("身份证号校验位不正确"),
        "{}",
        refused.body()
    );
    assert!(
        !refused.body().contains("110105194912310021"),
        "a typed ID number is not echoed back"
    );
}

#[tokio::test]
async fn the_alliance_scale_demo_fills_schools_with_majors_cohorts_and_sealed_trainees() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    let (_, report) =
        gongjiang_app::demo_scale::load(&app.app, gongjiang_app::demo_scale::Scale::Alliance, 7)
            .await
            .unwrap();
    assert!(report.trainees > 10_000, "{report:?}");
    assert!(report.demands > 100);

    let school = app.client_as(Persona::SchoolAdmin).await;
    let trainees = school.get("/api/v1/trainees?per_page=200").await.json();
    assert!(trainees["total"].as_i64().unwrap() > 100);
    assert!(
        trainees["items"][0]["id_number"]
            .as_str()
            .unwrap()
            .contains("**********")
    );
    let gap = app.client().get("/talent-gap.csv").await;
    assert!(
        gap.body().lines().count() > 2,
        "the talent gap has lines: {}",
        gap.body()
    );
}

#[tokio::test]
async fn a_shared_teacher_appears_in_the_faculty_pool_and_an_unshared_one_only_at_home() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let shared = school
        .send_json(Method::POST, "/api/v1/teachers", &json!({"name": "李明", "specialties": ["印制电路制作", "电子装配"], "dual_qualified": "senior", "skill_level": "level2", "practice_days": 120, "shared": true}))
        .await;
    assert_eq!(shared.status(), StatusCode::CREATED, "{}", shared.body());
    assert_eq!(
        shared.json()["practice_warning"],
        true,
        "under 180 days of enterprise practice"
    );
    school
        .send_json(
            Method::POST,
            "/api/v1/teachers",
            &json!({"name": "王芳", "specialties": ["电工"], "shared": false}),
        )
        .await;

    let own = school
        .get(&format!("/api/v1/teachers?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(own["items"].as_array().unwrap().len(), 2);
    let hr = app.client_as(Persona::Hr).await;
    let pool = hr.get("/api/v1/teachers").await.json();
    let names: Vec<&str> = pool["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["李明"]);
    let theirs = hr
        .get(&format!("/api/v1/teachers?org_id={}", app.demo.school))
        .await
        .json();
    assert_eq!(
        theirs["items"].as_array().unwrap().len(),
        1,
        "another unit sees only the shared teacher"
    );
    let bad = school
        .send_json(
            Method::POST,
            "/api/v1/teachers",
            &json!({"name": "赵六", "specialties": [], "skill_level": "level9"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        hr.send_json(
            Method::POST,
            "/api/v1/teachers",
            &json!({"name": "钱七", "specialties": ["电工"]})
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn the_school_home_counts_the_trainees_still_to_place_and_its_link_lists_exactly_them() {
    let app = TestApp::spawn().await;
    // 2026-11-28: the school year ends in July 2027, so the 2024 cohort
    // (graduating 2027) is to place and the 2025 one is not yet.
    let school = app
        .school()
        .cohort("2024级电子技术应用高级工1班", 2024)
        .cohort("2025级电子技术应用高级工1班", 2025)
        .build()
        .await;
    let waiting = school.trainee(1).with("name", "待安置甲").create().await;
    let interning = school.trainee(2).with("name", "已实习乙").create().await;
    school
        .trainee(3)
        .with("name", "低年级丙")
        .cohort(&school.cohorts[1])
        .create()
        .await;
    school
        .trainee(4)
        .with("name", "已离校丁")
        .with("status", "left")
        .create()
        .await;
    crate::training::create(&school.admin, &crate::training::clean(&app, &interning)).await;

    let home = school.admin.get("/").await;
    assert!(
        home.body().contains("id=\"unplaced\"")
            && home
                .body()
                .contains("待安置学员 1 人（2027 年及以前毕业的班级"),
        "{}",
        home.body()
    );
    assert!(
        home.body()
            .contains("href=\"/school?unplaced_by=2027#trainees\""),
        "the line links to the list narrowed to them"
    );
    let list = school.admin.get("/school?unplaced_by=2027").await;
    assert_eq!(list.status(), StatusCode::OK);
    let table = list
        .body()
        .split("id=\"trainees\"")
        .nth(1)
        .expect("the trainee table")
        .split("</table>")
        .next()
        .unwrap()
        .to_string();
    assert!(table.contains("待安置甲"), "{table}");
    for other in ["已实习乙", "低年级丙", "已离校丁"] {
        assert!(!table.contains(other), "{other} is placed, younger or gone");
    }
    assert!(list.body().contains("id=\"trainee-narrowing\""));
    // The API lists the same, and a bad year is named.
    let api = school
        .admin
        .get("/api/v1/trainees?unplaced_by=2027")
        .await
        .json();
    assert_eq!(api["total"], 1, "{api}");
    assert_eq!(api["items"][0]["id"], waiting);
    let bad = school.admin.get("/api/v1/trainees?unplaced_by=后年").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "unplaced_by");
    // An enterprise has no such line, nor the secretariat (it acts for the
    // alliance, not for its chair school).
    let hr = app.client_as(Persona::Hr).await;
    assert!(!hr.get("/").await.body().contains("id=\"unplaced\""));
    let secretariat = app.client_as(Persona::Secretariat).await;
    assert!(
        !secretariat
            .get("/")
            .await
            .body()
            .contains("id=\"unplaced\"")
    );
}

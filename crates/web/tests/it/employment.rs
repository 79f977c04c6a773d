//! Employment over HTTP: a placement confirmed as a job moves the trainee to
//! employed; follow-ups are entered by the employer's HR when due and refused
//! to another enterprise; the reminder appears when due and goes once entered;
//! the trainee sees their own path and no one else's; the personal-data
//! export holds the trainee's data, with full identifiers only for the
//! trainee, and is audited; the funnel counts a known small dataset and its
//! workbook reads back.

use gongjiang_app::employment::{FUNNEL_SHEET, PERSONAL_DATA_SHEET};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{DemandId, OrgId, PlacementId, TraineeId};
use gongjiang_sheets::Value as Cell;
use gongjiang_testkit::build::{self, School, ok};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp, TestClient};
use serde_json::{Value, json};

/// Minutes in `days` days.
fn days(days: i64) -> i64 {
    days * 24 * 60
}

fn id_number(serial: usize) -> String {
    build::id_number("420202", "20060315", serial)
}

async fn demand(hr: &TestClient, post: &str, kind: &str) -> String {
    let (start, end) = if kind == "job" {
        ("2026-12-01", Value::Null)
    } else {
        ("2027-03-01", json!("2027-08-31"))
    };
    let d = ok(
        &hr.send_json(Method::POST, "/api/v1/demands", &json!({"post_name": post, "kind": kind, "occupation_code": "6-25-01-13", "segment_code": "pcb",
            "min_level": "level4", "headcount": 5, "city": "黄石市", "wage_min": 4800, "wage_max": 6000,
            "start_on": start, "end_on": end, "night_shift": false}))
            .await,
        "demand",
    );
    d["id"].as_str().unwrap().to_string()
}

/// A published placement of `trainee` on `demand` (as publishing a round would store it).
async fn placement(app: &TestApp, trainee: &str, demand: &str) -> String {
    let id = PlacementId::new();
    let mut conn = app.app.db.read().await.unwrap();
    gongjiang_store::rounds::insert_placement(
        &mut conn,
        &gongjiang_store::rounds::Placement {
            id,
            trainee_id: trainee.parse::<TraineeId>().unwrap(),
            demand_id: demand.parse::<DemandId>().unwrap(),
            round_id: None,
            source: "manual".into(),
            created_by: "secretariat".into(),
            created_at: app.app.now(),
        },
    )
    .await
    .unwrap();
    id.to_string()
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// A position internship of `trainee` at the demo enterprise that meets every
/// rule (as in the training tests), started.
async fn started_internship(app: &TestApp, school: &School, hr: &TestClient, trainee: &str) {
    ok(
        &hr.send_json(
            Method::PUT,
            &format!("/api/v1/organizations/{}/staffing", app.demo.enterprise),
            &json!({"staff_count": 100}),
        )
        .await,
        "staffing",
    );
    let body = json!({"trainee_id": trainee, "kind": "岗位实习", "host_org_id": app.demo.enterprise.to_string(),
        "post_name": "SMT操作员", "school_supervisor": "李老师", "host_supervisor": "张师傅",
        "start_on": "2026-11-02", "end_on": "2027-04-30", "daily_hours": 8, "weekly_hours": 40,
        "night_shift": false, "overtime": false, "holiday_work": false,
        "pay_monthly": 3500, "reference_wage": 4000, "fees_charged": 0,
        "insurer": "示例保险公司", "policy_no": "SX-2026-0001", "cover_from": "2026-11-01", "cover_to": "2027-04-30",
        "premium_payer": "school", "specialty_relation": "matching", "covers_typical_tasks": true});
    let id = ok(
        &school
            .admin
            .send_json(Method::POST, "/api/v1/internships", &body)
            .await,
        "internship",
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    for kind in ["agreement", "consent_form"] {
        ok(
            &school
                .admin
                .send_raw(
                    Method::POST,
                    &format!(
                        "/api/v1/internships/{id}/documents?kind={kind}&name=%E5%8D%8F%E8%AE%AE.pdf"
                    ),
                    "application/pdf",
                    PDF.to_vec(),
                )
                .await,
            kind,
        );
    }
    for (step, body) in [("status", json!({"status": "ready"})), ("start", json!({}))] {
        ok(
            &school
                .admin
                .send_json(
                    Method::POST,
                    &format!("/api/v1/internships/{id}/{step}"),
                    &body,
                )
                .await,
            step,
        );
    }
}

/// A job recorded by the school.
pub(crate) async fn job(school: &School, trainee: &str, employer: OrgId, start: &str) -> String {
    let r = ok(
        &school
            .admin
            .send_json(
                Method::POST,
                "/api/v1/employment",
                &json!({"trainee_id": trainee, "employer_org_id": employer.to_string(),
                "post": "AOI检验员", "start_on": start, "wage": 5000}),
            )
            .await,
        "job by hand",
    );
    r["id"].as_str().unwrap().to_string()
}

async fn link(school: &School, trainee: &str) {
    let linked = school
        .admin
        .send_json(
            Method::PUT,
            &format!("/api/v1/trainees/{trainee}/account"),
            &json!({"login": "trainee"}),
        )
        .await;
    assert!(linked.status().is_success(), "{}", linked.body());
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let mut conn = app.app.db.read().await.unwrap();
    let (_, total) = gongjiang_store::audit::list(
        &mut conn,
        &gongjiang_store::audit::Filter {
            action_prefix: Some(action.into()),
            ..Default::default()
        },
        0,
        50,
    )
    .await
    .unwrap();
    total
}

#[tokio::test]
async fn hr_confirms_a_placement_as_a_job_and_the_trainee_becomes_employed() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let t = school
        .trainee(1)
        .with("name", "王小明")
        .with("phone", "13812340001")
        .cohort(&school.cohorts[0])
        .with("status", "graduated")
        .create()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let d = demand(&hr, "AOI检验员", "job").await;
    let p = placement(&app, &t, &d).await;

    let waiting = ok(&hr.get("/api/v1/employment").await, "overview");
    assert_eq!(waiting["placements"][0]["id"], p.as_str());
    assert_eq!(
        waiting["placements"][0]["trainee_name"], "王*明",
        "masked for the employer"
    );
    let confirmed = hr
        .send_json(
            Method::POST,
            &format!("/api/v1/placements/{p}/employment"),
            &json!({"start_on": "2026-11-20", "wage": 5200}),
        )
        .await;

    assert_eq!(
        confirmed.status(),
        StatusCode::CREATED,
        "{}",
        confirmed.body()
    );
    let r = confirmed.json();
    assert_eq!(r["employer_org_id"], app.demo.enterprise.to_string());
    assert_eq!(r["post"], "AOI检验员");
    assert_eq!(r["source"], "placement");
    assert_eq!(r["wage"], 5200);
    let seen = ok(
        &school.admin.get(&format!("/api/v1/trainees/{t}")).await,
        "trainee",
    );
    assert_eq!(seen["status"], "employed");
    let again = hr
        .send_json(
            Method::POST,
            &format!("/api/v1/placements/{p}/employment"),
            &json!({"start_on": "2026-11-20", "wage": 5200}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(audit_count(&app, "employment.create").await, 1);
    assert_eq!(audit_count(&app, "trainee.status").await, 1);
    let school_view = ok(
        &school.admin.get("/api/v1/employment").await,
        "school overview",
    );
    assert_eq!(school_view["records"][0]["trainee_name"], "王小明");
    assert!(school_view["placements"].as_array().unwrap().is_empty());
    let mut admin = app.client_as(Persona::SchoolAdmin).await;
    let half = admin
        .post_form(
            "/employment/new",
            &[
                ("trainee_id", &t),
                ("employer_org_id", ""),
                ("post", "检验员"),
                ("start_on", "2026-13-01"),
                ("wage", ""),
            ],
        )
        .await;
    assert_eq!(half.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "用人单位不能为空",
        "入职日期日期不存在",
        "月工资（元）不能为空",
    ] {
        assert!(half.body().contains(message), "{message}");
    }
    let after = ok(&admin.get("/api/v1/employment").await, "school overview");
    assert_eq!(
        after["records"].as_array().unwrap().len(),
        1,
        "nothing half-written"
    );
    // A third unit does not learn the placement exists.
    let (other_hr, _) = app.outsider("enterprise", Role::Staff, "other.hr").await;
    let foreign = other_hr
        .send_json(
            Method::POST,
            &format!("/api/v1/placements/{p}/employment"),
            &json!({"start_on": "2026-11-20", "wage": 5200}),
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_future_start_moves_the_status_only_once_the_day_comes() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let t = school
        .trainee(2)
        .with("name", "李芳")
        .with("phone", "13812340002")
        .cohort(&school.cohorts[0])
        .with("status", "graduated")
        .create()
        .await;
    job(&school, &t, app.demo.enterprise, "2026-12-15").await;
    let before = ok(
        &school.admin.get(&format!("/api/v1/trainees/{t}")).await,
        "t",
    );
    assert_eq!(before["status"], "graduated");

    app.clock.advance_minutes(days(20));
    // Sessions end after 12 hours: sign in again, as staff would.
    let admin = app.client_as(Persona::SchoolAdmin).await;
    admin.get("/").await;

    let after = ok(&admin.get(&format!("/api/v1/trainees/{t}")).await, "t");
    assert_eq!(after["status"], "employed");
}

#[tokio::test]
async fn hr_enters_the_follow_up_when_due_the_reminder_goes_and_another_enterprise_is_refused() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let t = school
        .trainee(3)
        .with("name", "张敏")
        .with("phone", "13812340003")
        .cohort(&school.cohorts[0])
        .with("status", "graduated")
        .create()
        .await;
    let record = job(&school, &t, app.demo.enterprise, "2026-11-28").await;
    let hr = app.client_as(Persona::Hr).await;
    let early = hr
        .send_json(
            Method::POST,
            &format!("/api/v1/employment/{record}/outcomes"),
            &json!({"months": 6, "still_employed": true, "wage": 5600}),
        )
        .await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "not due yet");
    assert!(!hr.get("/").await.body().contains("employment-due"));

    // Six months after 2026-11-28 is 2027-05-28: 181 days.
    app.clock.advance_minutes(days(181));
    // Sessions end after 12 hours: sign in again, as staff would.
    let mut hr = app.client_as(Persona::Hr).await;
    let school_admin = app.client_as(Persona::SchoolAdmin).await;

    let due = ok(&hr.get("/api/v1/employment/reminders").await, "reminders");
    assert_eq!(due["items"].as_array().unwrap().len(), 1);
    assert_eq!(due["items"][0]["months"], 6);
    assert_eq!(due["items"][0]["due_on"], "2027-05-28");
    assert!(hr.get("/").await.body().contains("1 项就业回访待填写"));
    assert!(
        school_admin
            .get("/")
            .await
            .body()
            .contains("employment-due")
    );
    let (other_hr, _) = app.outsider("enterprise", Role::Staff, "other.hr").await;
    let foreign = other_hr
        .send_json(
            Method::POST,
            &format!("/api/v1/employment/{record}/outcomes"),
            &json!({"months": 6, "still_employed": false}),
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let missing_wage = hr
        .send_json(
            Method::POST,
            &format!("/api/v1/employment/{record}/outcomes"),
            &json!({"months": 6, "still_employed": true}),
        )
        .await;
    assert_eq!(missing_wage.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing_wage.body().contains("wage"));

    let page = hr.get("/employment").await;
    assert!(page.body().contains("outcome-form"));
    let entered = hr
        .post_form(
            &format!("/employment/{record}/outcome"),
            &[
                ("months", "6"),
                ("still_employed", "yes"),
                ("wage", "5600"),
                ("note", "转正"),
            ],
        )
        .await;

    assert_eq!(
        entered.status(),
        StatusCode::SEE_OTHER,
        "{}",
        entered.body()
    );
    let r = ok(
        &hr.get(&format!("/api/v1/employment/{record}")).await,
        "record",
    );
    assert_eq!(r["outcomes"][0]["still_employed"], true);
    assert_eq!(r["outcomes"][0]["wage"], 5600);
    assert!(r["due"].as_array().unwrap().is_empty());
    let due = ok(&hr.get("/api/v1/employment/reminders").await, "reminders");
    assert!(due["items"].as_array().unwrap().is_empty());
    assert!(!hr.get("/").await.body().contains("employment-due"));
    assert!(
        !school_admin
            .get("/")
            .await
            .body()
            .contains("employment-due")
    );
    assert_eq!(audit_count(&app, "employment.outcome").await, 1);
}

#[tokio::test]
async fn a_trainee_sees_their_own_path_and_no_one_elses() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let mine = school
        .trainee(4)
        .with("name", "陈静")
        .with("phone", "13812340004")
        .cohort(&school.cohorts[0])
        .with("status", "graduated")
        .create()
        .await;
    let theirs = school
        .trainee(5)
        .with("name", "杨磊")
        .with("phone", "13812340005")
        .cohort(&school.cohorts[1])
        .with("status", "graduated")
        .create()
        .await;
    link(&school, &mine).await;
    let hr = app.client_as(Persona::Hr).await;
    let d = demand(&hr, "SMT操作员", "position_internship").await;
    placement(&app, &mine, &d).await;
    job(&school, &mine, app.demo.enterprise, "2026-11-01").await;
    let (_, other_enterprise) = app.outsider("enterprise", Role::Staff, "other.hr").await;
    job(&school, &theirs, other_enterprise, "2026-11-01").await;
    let me = app.client_as(Persona::Trainee).await;

    let page = me.get("/me/record").await;

    assert_eq!(page.status(), StatusCode::OK);
    let body = page.body();
    assert!(
        body.contains("陈静") && body.contains("2024级电子甲班") && body.contains("电子技术应用")
    );
    assert!(
        body.contains("SMT操作员") && body.contains("AOI检验员"),
        "placements and jobs"
    );
    assert!(body.contains("已就业"));
    assert!(!body.contains("杨磊") && !body.contains("2024级电子乙班"));
    let api = ok(&me.get("/api/v1/me/record").await, "my record");
    assert_eq!(api["trainee_id"], mine.as_str());
    let keys: Vec<&str> = api["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "path.learning",
            "path.placements",
            "path.internships",
            "path.evaluations",
            "path.certificates",
            "path.employment"
        ]
    );
    assert_eq!(api["sections"][5]["items"].as_array().unwrap().len(), 1);
    for path in [
        format!("/api/v1/trainees/{theirs}/record/export"),
        format!("/api/v1/trainees/{theirs}"),
        "/api/v1/employment".to_string(),
    ] {
        let refused = me.get(&path).await;
        assert!(
            matches!(
                refused.status(),
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{path}: {}",
            refused.status()
        );
    }
    me.get("/lang/en?next=/me/record").await;
    let english = me.get("/me/record").await;
    assert!(english.body().contains("My record") && english.body().contains("Placements"));
    assert!(
        ok(&hr.get("/api/v1/employment").await, "hr")["placements"]
            .as_array()
            .unwrap()
            .is_empty(),
        "an internship placement is not offered as a job"
    );
    // Staff have no own record to see.
    let staff = school.admin.get("/me/record").await;
    assert_eq!(staff.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_data_export_holds_the_trainees_data_in_full_only_for_the_trainee_and_is_audited() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let t = school
        .trainee(6)
        .with("name", "黄洋")
        .with("phone", "13812340006")
        .cohort(&school.cohorts[0])
        .with("status", "graduated")
        .create()
        .await;
    link(&school, &t).await;
    job(&school, &t, app.demo.enterprise, "2026-11-01").await;
    let me = app.client_as(Persona::Trainee).await;

    let export = me.get("/api/v1/me/record/export").await;

    assert_eq!(export.status(), StatusCode::OK);
    assert!(
        export
            .header("content-disposition")
            .unwrap_or_default()
            .contains("attachment")
    );
    let data = export.json();
    assert_eq!(data["subject"]["id_number"], id_number(6));
    assert_eq!(data["subject"]["phone"], "13812340006");
    assert_eq!(data["subject"]["name"], "黄洋");
    assert_eq!(
        data["subject"]["consent"]["purpose"],
        "学籍管理与实习就业推荐"
    );
    assert_eq!(data["cohort"]["name"], "2024级电子甲班");
    assert_eq!(data["employment"][0]["post"], "AOI检验员");
    assert_eq!(data["account"], "trainee");
    let staff = school
        .admin
        .get(&format!("/api/v1/trainees/{t}/record/export"))
        .await;
    assert_eq!(staff.status(), StatusCode::OK);
    let masked = staff.json();
    assert_ne!(masked["subject"]["id_number"], id_number(6));
    assert!(
        masked["subject"]["id_number"]
            .as_str()
            .unwrap()
            .contains('*')
    );
    assert_eq!(masked["subject"]["identifiers_in_full"], false);
    let hr = app.client_as(Persona::Hr).await;
    let refused = hr.get(&format!("/api/v1/trainees/{t}/record/export")).await;
    assert!(matches!(
        refused.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let book = me.get("/me/record/export.xlsx").await;
    assert_eq!(book.status(), StatusCode::OK);
    let table = gongjiang_sheets::read(book.bytes(), "个人数据.xlsx", &PERSONAL_DATA_SHEET)
        .expect("the workbook opens");
    assert!(table.rows.iter().any(|r| {
        r.cells[0] == Ok(Cell::Text("subject".into()))
            && r.cells[1] == Ok(Cell::Text("id_number".into()))
            && r.cells[2] == Ok(Cell::Text(id_number(6)))
    }));
    assert_eq!(audit_count(&app, "trainee.export").await, 3);
}

#[tokio::test]
async fn the_funnel_counts_a_known_small_dataset_stage_by_stage_and_exports_it() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let (a, b) = (school.cohorts[0].clone(), school.cohorts[1].clone());
    let t1 = school
        .trainee(11)
        .with("name", "王伟")
        .with("phone", "13812340011")
        .cohort(&a)
        .with("status", "enrolled")
        .create()
        .await;
    let t2 = school
        .trainee(12)
        .with("name", "李娜")
        .with("phone", "13812340012")
        .cohort(&a)
        .with("status", "graduated")
        .create()
        .await;
    school
        .trainee(13)
        .with("name", "张杰")
        .with("phone", "13812340013")
        .cohort(&a)
        .with("status", "enrolled")
        .create()
        .await;
    school
        .trainee(14)
        .with("name", "刘芳")
        .with("phone", "13812340014")
        .cohort(&b)
        .with("status", "interning")
        .create()
        .await;
    let t5 = school
        .trainee(15)
        .with("name", "赵敏")
        .with("phone", "13812340015")
        .cohort(&b)
        .with("status", "graduated")
        .create()
        .await;
    let mut hr = app.client_as(Persona::Hr).await;
    started_internship(&app, &school, &hr, &t1).await;
    let r1 = job(&school, &t1, app.demo.enterprise, "2026-05-01").await;
    let r2 = job(&school, &t2, app.demo.enterprise, "2026-05-01").await;
    let (_, other_enterprise) = app.outsider("enterprise", Role::Staff, "other.hr").await;
    job(&school, &t5, other_enterprise, "2026-11-28").await;
    for (record, still) in [(&r1, "yes"), (&r2, "no")] {
        let answer = hr
            .post_form(
                &format!("/employment/{record}/outcome"),
                &[
                    ("months", "6"),
                    ("still_employed", still),
                    ("wage", if still == "yes" { "5500" } else { "" }),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{}", answer.body());
    }

    let by_cohort = ok(
        &school.admin.get("/api/v1/funnel?by=cohort").await,
        "funnel",
    );

    let stages: Vec<&str> = by_cohort["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "enrolled",
            "interned",
            "evaluated",
            "certified",
            "employed",
            "retained6",
            "retained12"
        ]
    );
    let row = |f: &Value, label: &str| -> Vec<i64> {
        f["groups"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .unwrap_or_else(|| panic!("no row {label}: {f}"))["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_i64().unwrap())
            .collect()
    };
    assert_eq!(row(&by_cohort, "2024级电子甲班"), [3, 1, 0, 0, 2, 1, 0]);
    assert_eq!(
        row(&by_cohort, "2024级电子乙班"),
        [2, 0, 0, 0, 1, 0, 0],
        "the status interning alone is no internship"
    );
    assert_eq!(by_cohort["total"], json!([5, 1, 0, 0, 3, 1, 0]));
    let by_enterprise = ok(
        &school.admin.get("/api/v1/funnel?by=enterprise").await,
        "by enterprise",
    );
    let demo_enterprise = by_enterprise["groups"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == app.demo.enterprise.to_string())
        .unwrap();
    assert_eq!(demo_enterprise["counts"], json!([2, 1, 0, 0, 2, 1, 0]));
    let none = by_enterprise["groups"]["items"]
        .as_array()
        .unwrap()
        .last()
        .unwrap();
    assert_eq!(none["key"], "none");
    assert_eq!(none["counts"], json!([2, 0, 0, 0, 0, 0, 0]));
    let by_major = ok(
        &app.client_as(Persona::Secretariat)
            .await
            .get("/api/v1/funnel?by=major")
            .await,
        "alliance",
    );
    assert_eq!(
        by_major["total"],
        json!([5, 1, 0, 0, 3, 1, 0]),
        "the demo has no other trainees"
    );
    let by_school = ok(
        &app.client_as(Persona::Secretariat)
            .await
            .get("/api/v1/funnel?by=school")
            .await,
        "alliance by school",
    );
    assert_eq!(by_school["total"], by_major["total"]);
    let own_school = by_school["groups"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == app.demo.school.to_string())
        .expect("the demo school's row");
    assert_eq!(own_school["counts"], json!([5, 1, 0, 0, 3, 1, 0]));
    assert!(own_school["label"].as_str().is_some_and(|l| !l.is_empty()));
    // The employer sees the funnel of its own hires: the two who came to it
    // (one interned there), both hired, one still there at 6 months; the
    // trainee hired elsewhere is not counted.
    let own = ok(&hr.get("/api/v1/funnel").await, "the employer's funnel");
    assert_eq!(
        own["by"], "school",
        "an employer's funnel is by school first"
    );
    assert_eq!(own["employer"], app.demo.enterprise.to_string());
    assert_eq!(own["total"], json!([2, 1, 0, 0, 2, 1, 0]), "{own}");
    assert_eq!(
        own["groups"]["items"][0]["key"],
        app.demo.school.to_string()
    );
    let own_by_cohort = ok(&hr.get("/api/v1/funnel?by=cohort").await, "by cohort");
    assert_eq!(row(&own_by_cohort, "2024级电子甲班"), [2, 1, 0, 0, 2, 1, 0]);
    let itself = hr.get("/api/v1/funnel?by=enterprise").await;
    assert_eq!(itself.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(itself.json()["error"]["fields"][0]["field"], "by");
    let own_page = hr.get("/funnel").await;
    assert!(
        own_page.body().contains("来本企业") && own_page.body().contains("录用率"),
        "{}",
        own_page.body()
    );
    assert!(!own_page.body().contains("href=\"/funnel?by=enterprise\""));
    let own_book = hr.get("/funnel.xlsx").await;
    let own_table = gongjiang_sheets::read(
        own_book.bytes(),
        "漏斗.xlsx",
        &gongjiang_app::employment::EMPLOYER_FUNNEL_SHEET,
    )
    .expect("the employer's workbook opens");
    assert_eq!(
        own_table.rows[0].cells[9..],
        ["50.0%", "100.0%", "50.0%", "0.0%"].map(|r| Ok(Cell::Text(r.into()))),
        "实习率 and 录用率 over those who came"
    );
    let (unit, _) = app
        .outsider("association", Role::Staff, "assoc.staff")
        .await;
    assert_eq!(
        unit.get("/api/v1/funnel").await.status(),
        StatusCode::FORBIDDEN,
        "an association has no funnel of its own"
    );
    assert!(
        school
            .admin
            .get("/funnel?by=major")
            .await
            .body()
            .contains("电子技术应用")
    );

    let book = school.admin.get("/funnel.xlsx?by=cohort").await;

    assert_eq!(book.status(), StatusCode::OK);
    let table = gongjiang_sheets::read(book.bytes(), "漏斗.xlsx", &FUNNEL_SHEET)
        .expect("the workbook opens");
    let first = table
        .rows
        .iter()
        .find(|r| r.cells[0] == Ok(Cell::Text("2024级电子甲班".into())))
        .expect("the cohort's row");
    assert_eq!(
        first.cells[2..9],
        [3, 1, 0, 0, 2, 1, 0].map(|n| Ok(Cell::Integer(n)))
    );
    assert_eq!(
        first.cells[9..],
        ["33.3%", "66.7%", "50.0%", "0.0%"].map(|r| Ok(Cell::Text(r.into()))),
        "实习率 and 就业率 over the enrolled, 留任率 over the employed"
    );
    let total = table.rows.last().unwrap();
    assert_eq!(total.cells[0], Ok(Cell::Text("合计".into())));
    assert_eq!(total.cells[6], Ok(Cell::Integer(3)), "employed");
    let page = school.admin.get("/funnel?by=cohort").await;
    assert!(
        page.body().contains("就业率") && page.body().contains("66.7%"),
        "the page shows the rates"
    );
}

#[tokio::test]
async fn the_funnel_is_served_as_counted_within_its_window_then_recounted_and_pages_its_groups() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options::served()).await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    school.trainee(21).create().await;
    let enrolled = |f: &Value| f["total"][0].as_i64().unwrap();
    let first = ok(&school.admin.get("/api/v1/funnel").await, "funnel");
    assert_eq!(enrolled(&first), 1);

    school.trainee(22).create().await;
    let within = ok(&school.admin.get("/api/v1/funnel").await, "funnel");
    assert_eq!(enrolled(&within), 1, "served as counted inside the window");
    assert_eq!(within["counted_at"], first["counted_at"]);

    app.clock.advance_minutes(1);
    let stale = ok(&school.admin.get("/api/v1/funnel").await, "funnel");
    assert_eq!(enrolled(&stale), 1, "the old figure, while it is recounted");
    let mut recounted = stale;
    for _ in 0..200 {
        if enrolled(&recounted) == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        recounted = ok(&school.admin.get("/api/v1/funnel").await, "funnel");
    }
    assert_eq!(enrolled(&recounted), 2, "the change shows once recounted");
    assert_ne!(recounted["counted_at"], first["counted_at"]);

    let paged = ok(
        &school.admin.get("/api/v1/funnel?per_page=1&page=2").await,
        "a page",
    );
    assert_eq!(paged["groups"]["total"], 1, "only the cohort with trainees");
    assert_eq!(paged["groups"]["items"].as_array().unwrap().len(), 1);
    let page = school.admin.get("/funnel").await;
    assert!(
        page.body().contains("统计时间"),
        "the page says when it counted"
    );
    assert!(
        page.body().contains("class=\"pager\""),
        "and pages its groups"
    );
    let csv = school.admin.get("/funnel.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.body().contains("2024级电子甲班") && csv.body().contains("合计"));
}

#[tokio::test]
async fn the_alliance_wide_funnel_names_each_groups_school_and_a_schools_own_does_not() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    gongjiang_app::demo_scale::load(
        &app.app,
        gongjiang_app::demo_scale::Scale::Alliance,
        20_231_201,
    )
    .await
    .unwrap();
    let secretariat = app.client_as(Persona::Secretariat).await;
    let wide = secretariat.get("/funnel?by=cohort").await;
    assert_eq!(wide.status(), StatusCode::OK);
    assert!(wide.body().contains("<th>学校</th>"), "{}", wide.body());
    let api = ok(&secretariat.get("/api/v1/funnel?by=cohort").await, "funnel");
    let rows = api["groups"]["items"].as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["school"].as_str().is_some_and(|s| !s.is_empty())),
        "{api}"
    );
    let school = app.client_as(Persona::SchoolAdmin).await;
    let own = school.get("/funnel?by=cohort").await;
    assert!(
        !own.body().contains("<th>学校</th>"),
        "one school needs no school column"
    );
}

#[tokio::test]
async fn the_secretariat_sees_the_alliances_employment_by_school_and_employer_and_whom_to_chase() {
    let app = TestApp::spawn().await;
    let school = app.school().build().await;
    let (_, other_employer) = app
        .outsider("enterprise", Role::OrgAdmin, "other.admin")
        .await;
    let a = school.trainee(1).with("status", "graduated").create().await;
    let b = school.trainee(2).with("status", "graduated").create().await;
    let c = school.trainee(3).with("status", "graduated").create().await;
    // Today is 2026-11-28. A (2025-11-01) owes both follow-ups; B
    // (2026-05-31) owes none yet (due on 2026-11-30); C (2026-03-15) owes
    // the 6-month one.
    let ra = job(&school, &a, app.demo.enterprise, "2025-11-01").await;
    job(&school, &b, app.demo.enterprise, "2026-05-31").await;
    job(&school, &c, other_employer, "2026-03-15").await;
    ok(
        &school
            .admin
            .send_json(
                Method::POST,
                &format!("/api/v1/employment/{ra}/outcomes"),
                &json!({"months": 6, "still_employed": true, "wage": 5600}),
            )
            .await,
        "A's 6-month follow-up",
    );

    let secretariat = app.client_as(Persona::Secretariat).await;
    let by_school = ok(
        &secretariat.get("/api/v1/employment/alliance").await,
        "by school",
    );
    assert_eq!(by_school["units"]["total"], 1, "{by_school}");
    let unit = &by_school["units"]["items"][0];
    assert_eq!(unit["org_id"], app.demo.school.to_string());
    assert_eq!(unit["records"], 3);
    assert_eq!(unit["average_wage"], 5000);
    let six = &unit["checkpoints"][0];
    assert_eq!(
        (
            &six["months"],
            &six["due"],
            &six["entered"],
            &six["retained"],
            &six["overdue"]
        ),
        (&json!(6), &json!(2), &json!(1), &json!(1), &json!(1)),
        "{unit}"
    );
    let twelve = &unit["checkpoints"][1];
    assert_eq!(
        (&twelve["due"], &twelve["entered"], &twelve["overdue"]),
        (&json!(1), &json!(0), &json!(1)),
        "{unit}"
    );
    assert_eq!(unit["overdue"], 2);
    assert_eq!(by_school["total"]["overdue"], 2);

    let by_employer = ok(
        &secretariat
            .get("/api/v1/employment/alliance?by=employer")
            .await,
        "by employer",
    );
    let units = by_employer["units"]["items"].as_array().unwrap();
    assert_eq!(units.len(), 2, "{by_employer}");
    let records_at = |org: OrgId| {
        units
            .iter()
            .find(|u| u["org_id"] == org.to_string())
            .map(|u| (u["records"].clone(), u["overdue"].clone()))
    };
    assert_eq!(records_at(app.demo.enterprise), Some((json!(2), json!(1))));
    assert_eq!(records_at(other_employer), Some((json!(1), json!(1))));
    let bad = secretariat.get("/api/v1/employment/alliance?by=city").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "by");

    // The page, the home page's line, the nav, and an export of exactly the rows and the total.
    let page = secretariat.get("/employment/alliance").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("id=\"alliance-employment\""));
    assert!(page.body().contains("1（50.0%）"), "6-month entered of due");
    assert!(
        page.body().contains("href=\"/employment/alliance\""),
        "in the nav"
    );
    let home = secretariat.get("/").await;
    assert!(
        home.body()
            .contains("逾期未填的就业回访 2 项，涉及 1 个单位"),
        "{}",
        home.body()
    );
    let csv = secretariat
        .get("/employment/alliance.csv?by=employer")
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let lines: Vec<&str> = csv.body().lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        4,
        "header, two employers, the total: {lines:?}"
    );
    assert!(lines[3].starts_with("合计"), "{lines:?}");

    // Counts only, and for the secretariat only.
    assert!(
        !page
            .body()
            .contains(&gongjiang_testkit::build::person_name(1))
    );
    for refused in [
        school.admin.get("/api/v1/employment/alliance").await,
        app.client_as(Persona::Hr)
            .await
            .get("/employment/alliance")
            .await,
    ] {
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}

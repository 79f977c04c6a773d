//! Training over HTTP: the work-study structure and learning records, an
//! internship refused at the start with every failing rule listed, the
//! secretariat's override (reason required, audited), other schools and
//! enterprises kept out, the weekly log confirmed or queried by the host,
//! missing weeks and visits, and the documents' type check.
//! (The same flows through the pages are in `pages`.)

mod pages;

use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::OrgId;
use gongjiang_testkit::build::ok;
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{PASSWORD, Persona, TestApp, TestClient};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// The demo school with a major, a cohort that entered in 2024 and one adult
/// trainee (born 2006) whose account is the demo trainee's; the demo
/// enterprise records 100 in-service staff.
pub(crate) struct World {
    pub(crate) school: TestClient,
    major: String,
    pub(crate) trainee: String,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let school = app.client_as(Persona::SchoolAdmin).await;
    let major = ok(
        &school
            .send_json(Method::POST, "/api/v1/majors", &json!({"code": "0601", "name": "电子技术应用（PCB 制造方向）", "level": "advanced", "length_years": 3, "annual_intake": 90, "occupations": ["6-25-01-13"]}))
            .await,
        "major",
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cohort = ok(
        &school
            .send_json(Method::POST, "/api/v1/cohorts", &json!({"major_id": major, "name": "2024级PCB高级工1班", "entry_year": 2024, "graduation_year": 2027, "size": 45}))
            .await,
        "cohort",
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let id_number =
        gongjiang_domain::values::IdCardNumber::with_check_character("42020220060501002")
            .expect("valid prefix");
    let trainee = ok(
        &school
            .send_json(Method::POST, "/api/v1/trainees", &json!({"name": "王小芳", "id_number": id_number, "student_no": "2024001", "cohort_id": cohort, "consent_purpose": "学籍管理与实习就业推荐"}))
            .await,
        "trainee",
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &school
            .send_json(
                Method::PUT,
                &format!("/api/v1/trainees/{trainee}/account"),
                &json!({"login": "trainee"}),
            )
            .await,
        "link account",
    );
    let hr = app.client_as(Persona::Hr).await;
    ok(
        &hr.send_json(
            Method::PUT,
            &format!("/api/v1/organizations/{}/staffing", app.demo.enterprise),
            &json!({"staff_count": 100}),
        )
        .await,
        "staffing",
    );
    World {
        school,
        major,
        trainee,
    }
}

/// A position internship at the demo enterprise that meets every rule once
/// its agreement and consent form are attached: 2026-11-02 (a Monday) to
/// 2027-04-30, 8 h/day, 40 h/week, fair pay, insured, both supervisors.
pub(crate) fn clean(app: &TestApp, trainee: &str) -> Value {
    json!({"trainee_id": trainee, "kind": "岗位实习", "host_org_id": app.demo.enterprise.to_string(),
        "post_name": "AOI 检测员", "school_supervisor": "李老师", "host_supervisor": "张师傅",
        "start_on": "2026-11-02", "end_on": "2027-04-30", "daily_hours": 8, "weekly_hours": 40,
        "night_shift": false, "overtime": false, "holiday_work": false,
        "pay_monthly": 3500, "reference_wage": 4000, "fees_charged": 0,
        "insurer": "示例保险公司", "policy_no": "SX-2026-0001", "cover_from": "2026-11-01", "cover_to": "2027-04-30",
        "premium_payer": "school", "specialty_relation": "matching", "covers_typical_tasks": true})
}

pub(crate) async fn create(client: &TestClient, body: &Value) -> String {
    ok(
        &client
            .send_json(Method::POST, "/api/v1/internships", body)
            .await,
        "create internship",
    )["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn attach(client: &TestClient, id: &str, kind: &str) -> gongjiang_testkit::Answer {
    client
        .send_raw(
            Method::POST,
            &format!("/api/v1/internships/{id}/documents?kind={kind}&name=%E5%8D%8F%E8%AE%AE.pdf"),
            "application/pdf",
            PDF.to_vec(),
        )
        .await
}

pub(crate) async fn ready(client: &TestClient, id: &str) {
    let r = ok(
        &client
            .send_json(
                Method::POST,
                &format!("/api/v1/internships/{id}/status"),
                &json!({"status": "ready"}),
            )
            .await,
        "ready",
    );
    assert_eq!(r["status"], "ready");
}

/// A clean internship, started.
pub(crate) async fn started(app: &TestApp, w: &World) -> String {
    let id = create(&w.school, &clean(app, &w.trainee)).await;
    for kind in ["agreement", "consent_form"] {
        ok(&attach(&w.school, &id, kind).await, kind);
    }
    ready(&w.school, &id).await;
    let s = ok(
        &w.school
            .send_json(
                Method::POST,
                &format!("/api/v1/internships/{id}/start"),
                &json!({}),
            )
            .await,
        "start",
    );
    assert_eq!(s["status"], "in_progress");
    assert_eq!(
        s["failures"],
        json!([]),
        "a clean internship starts without a word"
    );
    id
}

/// Signs in a new account holding `role` at another unit of the given kind.
async fn outsider(app: &TestApp, school: bool, role: Role, login: &str) -> TestClient {
    let kind = if school {
        "technical_college"
    } else {
        "enterprise"
    };
    let list = app
        .client()
        .get(&format!("/api/v1/members?kind={kind}&per_page=50"))
        .await
        .json();
    let own = if school {
        app.demo.school
    } else {
        app.demo.enterprise
    };
    let org: OrgId = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().parse::<OrgId>().unwrap())
        .find(|id| *id != own && *id != app.demo.chair)
        .expect("another unit of that kind");
    gongjiang_app::accounts::create_account(
        &app.app,
        login,
        "外单位账号",
        PASSWORD,
        org,
        role,
        true,
    )
    .await
    .expect("account");
    app.signed_in(login, PASSWORD).await
}

#[tokio::test]
async fn school_staff_keep_the_work_study_structure_and_record_a_trainees_learning() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let task = ok(
        &w.school
            .send_json(
                Method::POST,
                &format!("/api/v1/majors/{}/work-tasks", w.major),
                &json!({"seq": 1, "name": "AOI 检测与缺陷判定"}),
            )
            .await,
        "work task",
    );
    let course = ok(
        &w.school
            .send_json(
                Method::POST,
                &format!(
                    "/api/v1/work-tasks/{}/courses",
                    task["id"].as_str().unwrap()
                ),
                &json!({"name": "AOI 检测一体化课程", "hours": 120}),
            )
            .await,
        "course",
    );
    let course_id = course["id"].as_str().unwrap();
    let mut learning_ids = Vec::new();
    for (seq, name, hours) in [(1, "单面板开短路识别", 24), (2, "双面板线宽线距测量", 36)]
    {
        let l = ok(
            &w.school
                .send_json(
                    Method::POST,
                    &format!("/api/v1/courses/{course_id}/learning-tasks"),
                    &json!({"seq": seq, "name": name, "hours": hours}),
                )
                .await,
            "learning task",
        );
        learning_ids.push(l["id"].as_str().unwrap().to_string());
    }
    let no_hours = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/courses/{course_id}/learning-tasks"),
            &json!({"name": "多层板综合缺陷分类"}),
        )
        .await;
    assert_eq!(no_hours.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_hours.json()["error"]["fields"][0]["field"], "hours");

    let structure = w
        .school
        .get(&format!("/api/v1/majors/{}/structure", w.major))
        .await
        .json();
    assert_eq!(structure["tasks"][0]["name"], "AOI 检测与缺陷判定");
    assert_eq!(structure["tasks"][0]["courses"][0]["planned_hours"], 60);

    let teacher = app.client_as(Persona::Teacher).await;
    let recorded = teacher
        .send_json(
            Method::POST,
            &format!("/api/v1/trainees/{}/learning", w.trainee),
            &json!({"learning_task_id": learning_ids[0], "hours": 26, "place": "enterprise",
                "assessor": "张师傅", "completed_on": "2026-11-20"}),
        )
        .await;
    assert_eq!(
        recorded.status(),
        StatusCode::CREATED,
        "{}",
        recorded.body()
    );
    let future = teacher
        .send_json(
            Method::POST,
            &format!("/api/v1/trainees/{}/learning", w.trainee),
            &json!({"learning_task_id": learning_ids[1], "hours": 30, "place": "school",
                "assessor": "李老师", "completed_on": "2027-01-20"}),
        )
        .await;
    assert_eq!(future.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let me = app.client_as(Persona::Trainee).await;
    let own = me
        .get(&format!("/api/v1/trainees/{}/learning", w.trainee))
        .await
        .json();
    assert_eq!(own["items"][0]["task_name"], "单面板开短路识别");
    assert_eq!(own["items"][0]["place"], "enterprise");
    assert_eq!(own["total_hours"], 26);
    // The trainee's own record lists the task, its place worded, before anything else on the path.
    let record = me.get("/me/record").await;
    assert!(
        record
            .body()
            .contains("AOI 检测一体化课程 · 单面板开短路识别"),
        "{}",
        record.body()
    );
    assert!(record.body().contains("<dd>企业</dd>") && record.body().contains("张师傅"));
    let sections = me.get("/api/v1/me/record").await.json();
    assert_eq!(sections["sections"][0]["key"], "path.learning");
    assert_eq!(
        sections["sections"][0]["items"][0]["facts"][2]["value"],
        "enterprise"
    );

    let other = outsider(&app, true, Role::Staff, "other-teacher").await;
    let refused = other
        .send_json(
            Method::POST,
            &format!("/api/v1/trainees/{}/learning", w.trainee),
            &json!({"learning_task_id": learning_ids[1], "hours": 30, "place": "school",
                "assessor": "李老师", "completed_on": "2026-11-20"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let foreign_task = other
        .send_json(
            Method::POST,
            &format!("/api/v1/majors/{}/work-tasks", w.major),
            &json!({"name": "外校任务"}),
        )
        .await;
    assert_eq!(foreign_task.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        other
            .get(&format!("/api/v1/trainees/{}/learning", w.trainee))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_start_is_refused_with_every_failing_rule_listed() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mut body = clean(&app, &w.trainee);
    body["overtime"] = json!(true);
    body["daily_hours"] = json!(9);
    body["fees_charged"] = json!(200);
    body["host_supervisor"] = json!("");
    let id = create(&w.school, &body).await;
    ready(&w.school, &id).await;

    let refused = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/internships/{id}/start"),
            &json!({}),
        )
        .await;

    assert_eq!(refused.status(), StatusCode::CONFLICT, "{}", refused.body());
    let answer = refused.json();
    assert_eq!(answer["error"]["code"], "rules_failed");
    let failures = answer["failures"].as_array().unwrap();
    let found: Vec<(String, String, String)> = failures
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (rule, code, severity) in [
        ("INT-05", "overtime", "hard"),
        ("INT-05", "daily_hours", "hard"),
        ("INT-07", "fees_charged", "hard"),
        ("INT-11", "no_agreement", "hard"),
        ("INT-11", "no_consent_form", "hard"),
        ("INT-13", "no_host_supervisor", "soft"),
    ] {
        assert!(
            found.contains(&(rule.into(), code.into(), severity.into())),
            "{rule} {code} missing from {found:?}"
        );
    }
    assert_eq!(found.len(), 6, "{found:?}");
    let daily = failures
        .iter()
        .find(|f| f["code"] == "daily_hours")
        .unwrap();
    assert_eq!(daily["message"], "INT-05 每日工作 9 小时，超过 8 小时。");
    assert_eq!(daily["params"]["max"], "8");
    let after = w
        .school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    assert_eq!(after["status"], "ready", "nothing changed");
    assert_eq!(after["check"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn an_override_needs_the_secretariat_and_a_written_reason_and_is_audited() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mut body = clean(&app, &w.trainee);
    body["weekly_hours"] = json!(44);
    let id = create(&w.school, &body).await;
    for kind in ["agreement", "consent_form"] {
        ok(&attach(&w.school, &id, kind).await, kind);
    }
    ready(&w.school, &id).await;
    let path = format!("/api/v1/internships/{id}/override");

    let by_school = w
        .school
        .send_json(
            Method::POST,
            &path,
            &json!({"reason": "企业生产旺季，已与家长沟通同意"}),
        )
        .await;
    assert_eq!(by_school.status(), StatusCode::FORBIDDEN);
    let secretariat = app.client_as(Persona::Secretariat).await;
    let no_reason = secretariat
        .send_json(Method::POST, &path, &json!({"reason": "  "}))
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_reason.json()["error"]["fields"][0]["field"], "reason");
    assert_eq!(
        w.school
            .get(&format!("/api/v1/internships/{id}"))
            .await
            .json()["status"],
        "ready"
    );

    let reason = "该专业经省厅备案试行每周 44 小时实训安排，批文见附件";
    let done = secretariat
        .send_json(Method::POST, &path, &json!({"reason": reason}))
        .await;

    assert_eq!(done.status(), StatusCode::OK, "{}", done.body());
    assert_eq!(done.json()["status"], "in_progress");
    let view = w
        .school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    let o = &view["overrides"][0];
    assert_eq!(o["by"], "secretariat");
    assert_eq!(o["reason"], reason);
    assert_eq!(o["failures"][0]["code"], "weekly_hours");
    assert!(o["at"].as_str().unwrap().starts_with("2026-11-28T"));
    let log = secretariat
        .get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json();
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "internship.override")
        .expect("override audited");
    assert_eq!(entry["actor_login"], "secretariat");
    assert_eq!(entry["after"]["reason"], reason);
    assert_eq!(entry["after"]["overridden"][0]["rule"], "INT-05");
}

#[tokio::test]
async fn another_school_or_enterprise_can_neither_read_nor_change_an_internship() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = create(&w.school, &clean(&app, &w.trainee)).await;
    let path = format!("/api/v1/internships/{id}");

    let other_school = outsider(&app, true, Role::OrgAdmin, "other-school-admin").await;
    assert_eq!(
        other_school.get(&path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other_school
            .send_json(Method::PUT, &path, &clean(&app, &w.trainee))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        attach(&other_school, &id, "agreement").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other_school
            .send_json(
                Method::POST,
                &format!("{path}/status"),
                &json!({"status": "ready"})
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let foreign_create = other_school
        .send_json(
            Method::POST,
            "/api/v1/internships",
            &clean(&app, &w.trainee),
        )
        .await;
    assert_eq!(foreign_create.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        foreign_create.json()["error"]["fields"][0]["field"],
        "trainee_id"
    );
    assert_eq!(
        other_school.get("/api/v1/internships").await.json()["items"],
        json!([])
    );
    assert_eq!(
        other_school
            .get(&format!("/api/v1/trainees/{}/internships", w.trainee))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let other_enterprise = outsider(&app, false, Role::Staff, "other-hr").await;
    assert_eq!(
        other_enterprise.get(&path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other_enterprise.get("/api/v1/internships").await.json()["items"],
        json!([])
    );

    let hr = app.client_as(Persona::Hr).await;
    let seen = hr.get(&path).await;
    assert_eq!(seen.status(), StatusCode::OK, "the host sees it");
    assert_eq!(seen.json()["standing"], "host");
    assert_eq!(seen.json()["trainee_name"], "王*芳", "masked for the host");
    assert_eq!(
        hr.get("/api/v1/internships").await.json()["items"][0]["trainee_name"],
        "王*芳"
    );
    // The trainee's own school tells its people apart by their full names.
    assert_eq!(w.school.get(&path).await.json()["trainee_name"], "王小芳");
    assert_eq!(
        w.school.get("/api/v1/internships").await.json()["items"][0]["trainee_name"],
        "王小芳"
    );
    let list_page = w.school.get("/internships").await;
    assert!(
        list_page.body().contains("王小芳"),
        "the school's list page"
    );
    assert_eq!(
        hr.send_json(Method::PUT, &path, &clean(&app, &w.trainee))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "the host does not manage it"
    );
    let me = app.client_as(Persona::Trainee).await;
    assert_eq!(
        me.get("/api/v1/internships").await.json()["items"][0]["id"],
        id
    );
}

#[tokio::test]
async fn the_host_confirms_or_queries_weekly_entries_and_the_school_sees_missing_weeks() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = started(&app, &w).await;
    let me = app.client_as(Persona::Trainee).await;
    let log = format!("/api/v1/internships/{id}/log");

    let entry = ok(
        &me.send_json(Method::PUT, &log, &json!({"week_of": "2026-11-11", "content": "学习 AOI 设备操作，完成单面板检测 300 片。"}))
            .await,
        "write",
    );
    assert_eq!(entry["week_of"], "2026-11-09", "kept by its Monday");
    let too_late = me
        .send_json(
            Method::PUT,
            &log,
            &json!({"week_of": "2026-12-07", "content": "还没到的一周的周志。"}),
        )
        .await;
    assert_eq!(too_late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let review = format!("{log}/{}/review", entry["id"].as_str().unwrap());

    let by_school = w
        .school
        .send_json(Method::POST, &review, &json!({"decision": "confirm"}))
        .await;
    assert_eq!(
        by_school.status(),
        StatusCode::FORBIDDEN,
        "only the host reviews"
    );
    let hr = app.client_as(Persona::Hr).await;
    let bare_query = hr
        .send_json(Method::POST, &review, &json!({"decision": "query"}))
        .await;
    assert_eq!(bare_query.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bare_query.json()["error"]["fields"][0]["field"], "comment");
    let queried = ok(
        &hr.send_json(
            Method::POST,
            &review,
            &json!({"decision": "query", "comment": "检测数量与记录不符，请核实"}),
        )
        .await,
        "query",
    );
    assert_eq!(queried["status"], "queried");
    assert_eq!(queried["reviewed_by"], "hr");

    // A second submission for the same week never replaces the entry.
    let again = me
        .send_json(
            Method::PUT,
            &log,
            &json!({"week_of": "2026-11-12", "content": "同一周又写了一遍，会覆盖吗？"}),
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body()
    );
    assert_eq!(again.json()["error"]["fields"][0]["field"], "week_of");
    assert_eq!(again.json()["error"]["fields"][0]["code"], "rule");
    let entry_path = format!("{log}/{}", entry["id"].as_str().unwrap());
    let rewritten = ok(
        &me.send_json(
            Method::PUT,
            &entry_path,
            &json!({"content": "学习 AOI 设备操作，完成单面板检测 260 片。"}),
        )
        .await,
        "revise",
    );
    assert_eq!(rewritten["status"], "submitted", "back to the host");
    assert_eq!(rewritten["id"], entry["id"], "the same entry");
    let confirmed = ok(
        &hr.send_json(Method::POST, &review, &json!({"decision": "confirm"}))
            .await,
        "confirm",
    );
    assert_eq!(confirmed["status"], "confirmed");
    let locked = me
        .send_json(
            Method::PUT,
            &entry_path,
            &json!({"content": "再改一次已经确认的周志。"}),
        )
        .await;
    assert_eq!(locked.status(), StatusCode::CONFLICT);
    let other_entry = me
        .send_json(
            Method::PUT,
            &format!("{log}/{}", uuid_like()),
            &json!({"content": "不存在的周志条目。"}),
        )
        .await;
    assert_eq!(other_entry.status(), StatusCode::NOT_FOUND);
    let other_hr = outsider(&app, false, Role::Staff, "other-hr").await;
    assert_eq!(
        other_hr
            .send_json(Method::POST, &review, &json!({"decision": "confirm"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let visit = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/internships/{id}/visits"),
            &json!({"visited_on": "2026-11-25", "note": "到岗巡查，学员状态良好，住宿安全。"}),
        )
        .await;
    assert_eq!(visit.status(), StatusCode::CREATED, "{}", visit.body());

    let view = w
        .school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    assert_eq!(
        view["missing_weeks"],
        json!(["2026-11-02", "2026-11-16"]),
        "ended weeks without an entry up to Saturday 2026-11-28"
    );
    assert_eq!(view["visits"][0]["recorded_by"], "school-admin");
    assert_eq!(view["logs"][0]["status"], "confirmed");
    assert_eq!(
        view["logs"].as_array().unwrap().len(),
        1,
        "one entry for the week"
    );
    assert_eq!(
        view["logs"][0]["content"],
        "学习 AOI 设备操作，完成单面板检测 260 片。"
    );
    let kept = view["log_revisions"].as_array().expect("revisions");
    assert_eq!(
        kept.len(),
        1,
        "the text before the revision is kept: {kept:?}"
    );
    assert_eq!(
        kept[0]["content"],
        "学习 AOI 设备操作，完成单面板检测 300 片。"
    );
    assert_eq!(kept[0]["status"], "queried");
    assert_eq!(kept[0]["comment"], "检测数量与记录不符，请核实");
    assert_eq!(kept[0]["revision"], 1);
    // The page shows the earlier text beside the entry.
    let page = w.school.get(&format!("/internships/{id}")).await;
    assert!(
        page.body().contains("完成单面板检测 300 片"),
        "earlier text on the page"
    );
    assert!(page.body().contains("历史版本（1）"));
    let interned = w
        .school
        .get(&format!("/api/v1/trainees/{}/internships", w.trainee))
        .await
        .json();
    assert_eq!(interned["interned"], true);
}

#[tokio::test]
async fn documents_are_judged_by_their_bytes_and_their_kind_is_named() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = create(&w.school, &clean(&app, &w.trainee)).await;

    let fake = w
        .school
        .send_raw(
            Method::POST,
            &format!("/api/v1/internships/{id}/documents?kind=agreement&name=a.pdf"),
            "application/pdf",
            b"<html><script>alert(1)</script></html>".to_vec(),
        )
        .await;
    assert_eq!(fake.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fake.json()["error"]["fields"][0]["field"], "file");
    let no_kind = w
        .school
        .send_raw(
            Method::POST,
            &format!("/api/v1/internships/{id}/documents?kind=diploma&name=a.pdf"),
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(no_kind.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_kind.json()["error"]["fields"][0]["field"], "kind");

    let stored = attach(&w.school, &id, "agreement").await;
    assert_eq!(stored.status(), StatusCode::CREATED, "{}", stored.body());
    assert_eq!(stored.json()["content_type"], "application/pdf");
    assert_eq!(stored.json()["file_name"], "协议.pdf");
    let me = app.client_as(Persona::Trainee).await;
    let got = me
        .get(&format!(
            "/api/v1/internships/{id}/documents/{}",
            stored.json()["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.bytes(), PDF);
    let check = w
        .school
        .get(&format!("/api/v1/internships/{id}/check"))
        .await
        .json();
    assert_eq!(
        check["may_start"], false,
        "the consent form is still missing"
    );
    assert_eq!(check["failures"][0]["code"], "no_consent_form");
}

fn uuid_like() -> String {
    "0190aaaa-0000-7000-8000-000000000000".to_string()
}

#[tokio::test]
async fn the_internship_list_pages_in_the_database_with_its_status_filter_and_total() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let first = create(&w.school, &clean(&app, &w.trainee)).await;
    let mut later = clean(&app, &w.trainee);
    later["start_on"] = json!("2026-12-07");
    let second = create(&w.school, &later).await;
    ready(&w.school, &first).await;

    let page1 = ok(
        &w.school.get("/api/v1/internships?per_page=1").await,
        "page 1",
    );
    let page2 = ok(
        &w.school.get("/api/v1/internships?per_page=1&page=2").await,
        "page 2",
    );
    assert_eq!(page1["total"], 2, "{page1}");
    assert_eq!(
        page1["items"][0]["id"],
        second.as_str(),
        "the newest start first"
    );
    assert_eq!(page2["items"][0]["id"], first.as_str());
    let drafts = ok(
        &w.school.get("/api/v1/internships?status=draft").await,
        "drafts",
    );
    assert_eq!(drafts["total"], 1);
    assert_eq!(drafts["items"][0]["id"], second.as_str());
    let bad = w.school.get("/api/v1/internships?status=someday").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["fields"][0]["field"], "status");
    // The host sees both with the name masked; the secretariat sees all.
    let hr = app.client_as(Persona::Hr).await;
    let hosted = ok(&hr.get("/api/v1/internships").await, "host");
    assert_eq!(hosted["total"], 2);
    assert!(
        hosted["items"][0]["trainee_name"]
            .as_str()
            .is_some_and(|n| n.contains('*')),
        "{hosted}"
    );
    let own = ok(&w.school.get("/api/v1/internships").await, "school");
    assert_eq!(
        own["items"][0]["trainee_name"], "王小芳",
        "the school sees its own in full"
    );
    let page = w.school.get("/internships?per_page=1&page=2").await;
    assert!(page.body().contains(&format!("/internships/{first}")));
    assert!(!page.body().contains(&format!("/internships/{second}\"")));
}

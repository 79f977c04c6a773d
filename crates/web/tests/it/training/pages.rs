//! The same internship flows through the pages: recording one and its
//! refused start in both languages, the weekly log reviewed, termination
//! asking why, and the API's termination rules.

use super::*;

#[tokio::test]
async fn on_the_pages_the_school_records_an_internship_and_sees_the_start_refused_in_both_languages()
 {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let own = school.get("/school").await;
    assert!(
        own.body()
            .contains(&format!("/training/majors/{}", w.major))
    );
    assert!(
        own.body()
            .contains(&format!("/training/trainees/{}", w.trainee))
    );
    let form = school.get("/internships/new").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        form.body().contains("王小芳"),
        "own trainees are offered in full"
    );

    let created = school
        .post_form(
            "/internships/new",
            &[
                ("trainee_id", w.trainee.as_str()),
                ("kind", "position"),
                ("host_org_id", &app.demo.enterprise.to_string()),
                ("post_name", "AOI 检测员"),
                ("start_on", "2026-11-02"),
                ("end_on", "2027-04-30"),
                ("daily_hours", "8"),
                ("weekly_hours", "40"),
                ("night_shift", "on"),
                ("hazards", "toxic"),
                ("hazards", "height"),
            ],
        )
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "{}",
        created.body()
    );
    let page_path = created.location();
    let id = page_path.trim_start_matches("/internships/").to_string();
    let stored = school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    assert_eq!(stored["night_shift"], true);
    assert_eq!(stored["hazards"], json!(["toxic", "height"]));

    let bad = school
        .upload_with(
            &format!("/internships/{id}/documents"),
            "file",
            "协议.pdf",
            b"GIF89a not a pdf".to_vec(),
            &[("kind", "agreement")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("只接受 PDF、PNG 或 JPEG 文件"),
        "{}",
        bad.body()
    );

    school
        .post_form(&format!("/internships/{id}/status"), &[("status", "ready")])
        .await;
    let refused = school
        .post_form(&format!("/internships/{id}/start"), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(
        refused.body().contains("INT-05 不得安排夜班。"),
        "{}",
        refused.body()
    );
    assert!(refused.body().contains("高处作业"), "hazards in words");
    assert!(refused.body().contains("INT-12"));

    school.get("/lang/en?next=/").await;
    let english = school.get(&page_path).await;
    assert!(
        english.body().contains("INT-05 No night shifts."),
        "{}",
        english.body()
    );
    assert!(english.body().contains("Rule check (INT-01…INT-14)"));
}

#[tokio::test]
async fn on_the_pages_the_trainee_writes_the_log_the_host_reviews_it_and_the_school_sees_missing_weeks()
 {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = started(&app, &w).await;
    let path = format!("/internships/{id}");

    let mut me = app.client_as(Persona::Trainee).await;
    assert!(me.get(&path).await.body().contains("write-log"));
    let written = me
        .post_form(
            &format!("{path}/log"),
            &[
                ("week_of", "2026-11-16"),
                ("content", "学习 AOI 编程，完成双面板检测。"),
            ],
        )
        .await;
    assert_eq!(
        written.status(),
        StatusCode::SEE_OTHER,
        "{}",
        written.body()
    );

    let own = me.get(&path).await;
    let (form, log) = (
        own.body().find("id=\"write-log\"").unwrap(),
        own.body().find("id=\"log\"").unwrap(),
    );
    assert!(
        form < log,
        "on a phone the trainee finds the week's form first"
    );
    let mut hr = app.client_as(Persona::Hr).await;
    let host_page = hr.get(&path).await;
    assert!(host_page.body().contains("学习 AOI 编程"));
    let entry = hr.get(&format!("/api/v1/internships/{id}")).await.json()["logs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let empty_query = hr
        .post_form(
            &format!("{path}/log/{entry}/review"),
            &[("decision", "query"), ("comment", "")],
        )
        .await;
    assert_eq!(empty_query.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed = hr
        .post_form(
            &format!("{path}/log/{entry}/review"),
            &[("decision", "confirm"), ("comment", "")],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);

    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let visit = school
        .post_form(
            &format!("{path}/visits"),
            &[
                ("visited_on", "2026-11-27"),
                ("note", "电话回访企业导师，反馈良好。"),
            ],
        )
        .await;
    assert_eq!(visit.status(), StatusCode::SEE_OTHER);
    let page = school.get(&path).await;
    let body = page.body();
    assert!(body.contains("missing-weeks"));
    assert!(body.contains("2026-11-02") && body.contains("2026-11-09"));
    assert!(body.contains("已确认"));
    assert!(body.contains("电话回访企业导师"));
    let list = school.get("/internships").await;
    assert!(list.body().contains(&path));
    let record = school
        .get(&format!("/training/trainees/{}", w.trainee))
        .await;
    assert_eq!(record.status(), StatusCode::OK);
    assert!(
        record.body().contains(&path),
        "the trainee's record lists the internship"
    );
    let structure = school.get(&format!("/training/majors/{}", w.major)).await;
    assert!(structure.body().contains("add-work-task"));
}

#[tokio::test]
async fn terminating_an_internship_on_its_page_asks_why_refuses_no_reason_and_shows_the_reason_kept()
 {
    let app = TestApp::spawn().await;
    let mut w = world(&app).await;
    let id = create(&w.school, &clean(&app, &w.trainee)).await;
    let path = format!("/internships/{id}/status");

    let asked = w.school.post_form(&path, &[("status", "terminated")]).await;
    let empty = w
        .school
        .post_form(
            &path,
            &[("status", "terminated"), ("reason", ""), ("confirmed", "1")],
        )
        .await;
    let meanwhile = w
        .school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    let done = w
        .school
        .post_form(
            &path,
            &[
                ("status", "terminated"),
                ("reason", "实习单位停产整顿"),
                ("confirmed", "1"),
            ],
        )
        .await;
    let page = w.school.get(&format!("/internships/{id}")).await;
    let stored = w
        .school
        .get(&format!("/api/v1/internships/{id}"))
        .await
        .json();
    let log = app
        .client_as(Persona::Secretariat)
        .await
        .get(&format!(
            "/api/v1/audit?object_type=internship&object_id={id}&action=internship.status"
        ))
        .await
        .json();

    assert!(
        asked.body().contains("<textarea name=\"reason\""),
        "{}",
        asked.body()
    );
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body().contains("理由不能为空"), "{}", empty.body());
    assert_eq!(
        meanwhile["status"], "draft",
        "nothing ends without a reason"
    );
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "{}", done.body());
    assert_eq!(stored["status"], "terminated");
    assert_eq!(stored["termination_reason"], "实习单位停产整顿");
    assert!(
        page.body()
            .contains("<dt>终止原因</dt><dd>实习单位停产整顿</dd>"),
        "{}",
        page.body()
    );
    assert_eq!(log["items"][0]["after"]["reason"], "实习单位停产整顿");
}

#[tokio::test]
async fn the_api_terminates_an_internship_only_with_a_reason_and_finishing_needs_none() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = create(&w.school, &clean(&app, &w.trainee)).await;
    let path = format!("/api/v1/internships/{id}/status");

    let refused = w
        .school
        .send_json(Method::POST, &path, &json!({"status": "terminated"}))
        .await;
    let short = w
        .school
        .send_json(
            Method::POST,
            &path,
            &json!({"status": "terminated", "reason": "停"}),
        )
        .await;
    let ended = w
        .school
        .send_json(
            Method::POST,
            &path,
            &json!({"status": "terminated", "reason": "学员转学"}),
        )
        .await;
    let ready_without_reason = {
        let other = create(&w.school, &clean(&app, &w.trainee)).await;
        w.school
            .send_json(
                Method::POST,
                &format!("/api/v1/internships/{other}/status"),
                &json!({"status": "ready"}),
            )
            .await
    };

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["fields"][0]["field"], "reason");
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ended = ok(&ended, "terminate");
    assert_eq!(ended["status"], "terminated");
    assert_eq!(ended["termination_reason"], "学员转学");
    let ready = ok(&ready_without_reason, "ready");
    assert_eq!(ready["termination_reason"], Value::Null);
}

#[tokio::test]
async fn the_school_prints_the_tripartite_agreement_the_log_booklet_and_the_visit_record() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = started(&app, &w).await;
    let path = format!("/internships/{id}");
    let mut me = app.client_as(Persona::Trainee).await;
    me.post_form(
        &format!("{path}/log"),
        &[
            ("week_of", "2026-11-16"),
            ("content", "学习 AOI 编程，完成双面板检测。"),
        ],
    )
    .await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    school
        .post_form(
            &format!("{path}/visits"),
            &[
                ("visited_on", "2026-11-27"),
                ("note", "电话回访企业导师，反馈良好。"),
            ],
        )
        .await;
    assert!(
        school
            .get(&path)
            .await
            .body()
            .contains(&format!("{path}/print/agreement"))
    );

    let agreement = school.get(&format!("{path}/print/agreement")).await;
    assert_eq!(agreement.status(), StatusCode::OK);
    let body = agreement.body();
    assert!(body.contains("学生实习三方协议") && body.contains("甲方（学校）"));
    assert!(
        body.contains("王小芳"),
        "the school prints its trainee's full name: {body}"
    );
    assert!(
        body.contains("80%") && body.contains("data-print"),
        "terms and a print button"
    );
    assert!(
        body.contains(&format!("href=\"{path}\"")),
        "and the way back"
    );
    let booklet = school.get(&format!("{path}/print/logs")).await;
    assert!(booklet.body().contains("学习 AOI 编程"));
    let visits = school.get(&format!("{path}/print/visits")).await;
    assert!(visits.body().contains("电话回访企业导师"));
    assert_eq!(
        school.get(&format!("{path}/print/contract")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (stranger, _) = app
        .outsider(
            "enterprise",
            gongjiang_domain::accounts::Role::OrgAdmin,
            "other.admin",
        )
        .await;
    assert_eq!(
        stranger
            .get(&format!("{path}/print/agreement"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "nobody else learns it exists"
    );
}

//! Skill evaluation over HTTP: the secretariat registers the demo school as
//! an evaluation institution with a filing; the school runs a session, whose
//! candidates are admitted by the eligibility rules (a refusal explained),
//! and whose scores decide the result by the pass rule.

use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp, TestClient};
use serde_json::{Value, json};

/// The occupation the demo school is filed for.
pub const OCCUPATION: &str = "6-25-04-01";

/// A school with a registered institution, a filing, a session and trainees.
pub struct World {
    /// The demo school's administrator.
    pub school: TestClient,
    /// The secretariat.
    pub secretariat: TestClient,
    /// The level-4 session's id.
    pub session: String,
    /// A final-year trainee of an intermediate class (eligible by 4.3).
    pub eligible: String,
    /// A first-year trainee (not eligible).
    pub first_year: String,
}

async fn created(client: &TestClient, path: &str, body: &Value) -> Value {
    let answer = client.send_json(Method::POST, path, body).await;
    assert_eq!(
        answer.status(),
        StatusCode::CREATED,
        "{path}: {}",
        answer.body()
    );
    answer.json()
}

/// Registers the demo school (filed until `valid_to`, if given), creates a
/// level-4 session held on 2026-11-20 and two trainees.
pub async fn world(app: &TestApp, valid_to: Option<&str>) -> World {
    let secretariat = app.client_as(Persona::Secretariat).await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let org = app.demo.school;
    let registered = secretariat
        .send_json(Method::PUT, &format!("/api/v1/evaluation/institutions/{org}"),
            &json!({"kind": "S", "institution_code": "0000", "province_code": "42", "site_code": "000123"}))
        .await;
    assert_eq!(registered.status(), StatusCode::OK, "{}", registered.body());
    let mut filing = json!({"occupation_code": OCCUPATION, "levels": ["level4", "level3"],
        "filed_with": "湖北省人力资源和社会保障厅", "reference": "鄂人社评备〔2026〕12号", "valid_from": "2026-01-01"});
    if let Some(to) = valid_to {
        filing["valid_to"] = json!(to);
    }
    created(
        &secretariat,
        &format!("/api/v1/evaluation/institutions/{org}/filings"),
        &filing,
    )
    .await;
    let major = created(&school, "/api/v1/majors", &json!({"code": "0602", "name": "电子设备装配与调试",
        "level": "intermediate", "length_years": 3, "annual_intake": 60, "occupations": [OCCUPATION]})).await;
    let major_id = major["id"].as_str().unwrap();
    let final_year = created(&school, "/api/v1/cohorts", &json!({"major_id": major_id,
        "name": "2024级电子设备装配中级工1班", "entry_year": 2024, "graduation_year": 2027, "size": 40})).await;
    let first = created(&school, "/api/v1/cohorts", &json!({"major_id": major_id,
        "name": "2026级电子设备装配中级工1班", "entry_year": 2026, "graduation_year": 2029, "size": 40})).await;
    let eligible = created(&school, "/api/v1/trainees", &json!({"name": "欧阳娜娜", "id_number": "42010220060315001X",
        "phone": "13812345678", "cohort_id": final_year["id"], "consent_purpose": "学籍管理与职业技能等级认定"})).await;
    let young =
        gongjiang_domain::values::IdCardNumber::with_check_character("42010220090601002").unwrap();
    let first_year = created(
        &school,
        "/api/v1/trainees",
        &json!({"name": "李小龙", "id_number": young.as_str(),
        "cohort_id": first["id"], "consent_purpose": "学籍管理与职业技能等级认定"}),
    )
    .await;
    let session = created(&school, "/api/v1/evaluation/sessions", &json!({"occupation_code": OCCUPATION,
        "level": "level4", "held_on": "2026-11-20", "venue": "鄂东技师学院实训楼 A201", "examiners": ["张工", "刘工"]})).await;
    World {
        school,
        secretariat,
        session: session["id"].as_str().unwrap().to_string(),
        eligible: eligible["id"].as_str().unwrap().to_string(),
        first_year: first_year["id"].as_str().unwrap().to_string(),
    }
}

/// Admits `trainee` and records scores; returns the candidate's id.
pub async fn scored(w: &World, trainee: &str, theory: i64, practical: i64) -> String {
    let c = created(
        &w.school,
        &format!("/api/v1/evaluation/sessions/{}/candidates", w.session),
        &json!({"trainee_id": trainee}),
    )
    .await;
    let id = c["id"].as_str().unwrap().to_string();
    let answer = w
        .school
        .send_json(
            Method::PUT,
            &format!("/api/v1/evaluation/candidates/{id}/scores"),
            &json!({"theory_score": theory, "practical_score": practical}),
        )
        .await;
    assert_eq!(answer.status(), StatusCode::OK, "{}", answer.body());
    id
}

#[tokio::test]
async fn an_eligible_trainee_is_admitted_with_the_matched_rule_and_a_first_year_is_refused_with_the_evidence()
 {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let path = format!("/api/v1/evaluation/sessions/{}/candidates", w.session);

    let admitted = w
        .school
        .send_json(Method::POST, &path, &json!({"trainee_id": w.eligible}))
        .await;
    let refused = w
        .school
        .send_json(Method::POST, &path, &json!({"trainee_id": w.first_year}))
        .await;

    assert_eq!(
        admitted.status(),
        StatusCode::CREATED,
        "{}",
        admitted.body()
    );
    assert_eq!(admitted.json()["eligibility"]["matched"], "4.3");
    assert_eq!(
        admitted.json()["eligibility"]["edition"],
        "national-template-2018"
    );
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = refused.json();
    assert_eq!(r["error"]["code"], "not_eligible");
    assert_eq!(
        r["eligibility"]["alternatives"].as_array().unwrap().len(),
        3
    );
    let evidence = r["eligibility"]["alternatives"][2]["conditions"][0]["evidence"]
        .as_str()
        .unwrap();
    assert!(
        evidence.contains("graduation=2029") && evidence.contains("final_year=no"),
        "{evidence}"
    );
    let twice = w
        .school
        .send_json(Method::POST, &path, &json!({"trainee_id": w.eligible}))
        .await;
    assert_eq!(
        twice.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "already a candidate"
    );
    let session = w
        .school
        .get(&format!("/api/v1/evaluation/sessions/{}", w.session))
        .await
        .json();
    assert_eq!(session["candidates"].as_array().unwrap().len(), 1);
    assert_eq!(
        session["candidates"][0]["name"], "欧阳娜娜",
        "the trainee's own school sees the name in full"
    );
    let seen_by_secretariat = w
        .secretariat
        .get(&format!("/api/v1/evaluation/sessions/{}", w.session))
        .await
        .json();
    assert!(
        !seen_by_secretariat.to_string().contains("欧阳娜娜"),
        "others see it masked"
    );
    assert_eq!(seen_by_secretariat["candidates"][0]["name"], "欧**娜");
}

#[tokio::test]
async fn each_part_must_reach_the_configured_pass_mark() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = scored(&w, &w.eligible, 59, 95).await;
    let path = format!("/api/v1/evaluation/candidates/{c}/scores");
    let failed = w
        .school
        .get(&format!("/api/v1/evaluation/sessions/{}", w.session))
        .await
        .json();
    assert_eq!(failed["candidates"][0]["passed"], false);
    assert_eq!(failed["pass_mark"], 60);

    let passed = w
        .school
        .send_json(
            Method::PUT,
            &path,
            &json!({"theory_score": 60, "practical_score": 95}),
        )
        .await;
    let review_below_technician = w
        .school
        .send_json(
            Method::PUT,
            &path,
            &json!({"theory_score": 60, "practical_score": 95, "review_score": 70}),
        )
        .await;
    let out_of_range = w
        .school
        .send_json(
            Method::PUT,
            &path,
            &json!({"theory_score": 101, "practical_score": 95}),
        )
        .await;

    assert_eq!(passed.json()["passed"], true);
    assert_eq!(
        review_below_technician.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        review_below_technician.json()["error"]["fields"][0]["field"],
        "review_score"
    );
    assert_eq!(
        out_of_range.json()["error"]["fields"][0]["field"],
        "theory_score"
    );
    let results = w
        .school
        .get(&format!("/api/v1/trainees/{}/evaluations", w.eligible))
        .await
        .json();
    assert_eq!(results["results"][0]["passed"], true);
    assert_eq!(results["results"][0]["level"], "level4");
}

#[tokio::test]
async fn only_the_secretariat_registers_institutions_and_sessions_stay_within_the_filing() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let org = app.demo.enterprise;

    let by_school = w.school
        .send_json(Method::PUT, &format!("/api/v1/evaluation/institutions/{org}"),
            &json!({"kind": "Y", "institution_code": "0001", "province_code": "42", "site_code": "000001"}))
        .await;
    let unfiled_level = w
        .school
        .send_json(
            Method::POST,
            "/api/v1/evaluation/sessions",
            &json!({"occupation_code": OCCUPATION,
            "level": "level2", "held_on": "2026-11-20", "venue": "实训楼", "examiners": ["张工"]}),
        )
        .await;
    let not_institution = app
        .client_as(Persona::Hr)
        .await
        .send_json(
            Method::POST,
            "/api/v1/evaluation/sessions",
            &json!({"occupation_code": OCCUPATION,
            "level": "level4", "held_on": "2026-11-20", "venue": "车间", "examiners": ["王工"]}),
        )
        .await;
    let bad_codes = w.secretariat
        .send_json(Method::PUT, &format!("/api/v1/evaluation/institutions/{org}"),
            &json!({"kind": "X", "institution_code": "1", "province_code": "99", "site_code": "000001"}))
        .await;

    assert_eq!(by_school.status(), StatusCode::FORBIDDEN);
    assert_eq!(unfiled_level.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unfiled_level.json()["error"]["fields"][0]["field"], "level");
    assert_eq!(not_institution.status(), StatusCode::CONFLICT);
    assert_eq!(bad_codes.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad_codes.json()["error"]["fields"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let audit = w
        .secretariat
        .get("/api/v1/audit?action=evaluation.filing.create")
        .await;
    assert!(
        audit.body().contains("evaluation.filing.create"),
        "{}",
        audit.body()
    );
}

#[tokio::test]
async fn the_session_page_shows_masked_candidates_and_issues_every_passing_result() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    scored(&w, &w.eligible, 80, 80).await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let path = format!("/evaluation/sessions/{}", w.session);

    let page = school.get(&path).await;
    let issued = school.post_form(&format!("{path}/certificates"), &[]).await;
    let after = school.get(&path).await;

    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.body().contains("欧阳娜娜"),
        "the own school sees its trainee's full name"
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    let seen = secretariat.get(&path).await;
    assert!(seen.body().contains("欧**娜") && !seen.body().contains("欧阳娜娜"));
    assert!(page.body().contains("合格") && page.body().contains("4.3"));
    assert_eq!(issued.status(), StatusCode::SEE_OTHER, "{}", issued.body());
    assert!(after.body().contains("/print"), "{}", after.body());
    let list = school.get("/evaluation").await;
    assert!(list.body().contains("2026-11-20") && list.body().contains("S000042000123"));
    assert_eq!(
        app.client_as(Persona::Hr).await.get(&path).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_institution_records_scores_on_the_session_page_and_a_bad_score_is_named() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = created(
        &w.school,
        &format!("/api/v1/evaluation/sessions/{}/candidates", w.session),
        &json!({"trainee_id": w.eligible}),
    )
    .await;
    let candidate = c["id"].as_str().unwrap();
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    let page = school
        .get(&format!("/evaluation/sessions/{}", w.session))
        .await;
    let action = format!("/evaluation/candidates/{candidate}/scores");
    assert!(page.body().contains(&action), "the score form is there");

    let bad = school
        .post_form(
            &action,
            &[
                ("session_id", &w.session),
                ("theory_score", "八十"),
                ("practical_score", "70"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("理论知识考试"), "{}", bad.body());
    let unscored = w
        .school
        .get(&format!("/api/v1/evaluation/sessions/{}", w.session))
        .await
        .json();
    assert_eq!(
        unscored["candidates"][0]["passed"],
        Value::Null,
        "nothing stored"
    );

    let good = school
        .post_form(
            &action,
            &[
                ("session_id", &w.session),
                ("theory_score", "80"),
                ("practical_score", "70"),
            ],
        )
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER, "{}", good.body());
    let scored = w
        .school
        .get(&format!("/api/v1/evaluation/sessions/{}", w.session))
        .await
        .json();
    assert_eq!(scored["candidates"][0]["passed"], true);
    assert!(
        school
            .get(&format!("/evaluation/sessions/{}", w.session))
            .await
            .body()
            .contains("合格")
    );

    // Another unit may not score; once certified, the form is gone and the result is frozen.
    let mut hr = app.client_as(Persona::Hr).await;
    let denied = hr
        .post_form(
            &action,
            &[
                ("session_id", &w.session),
                ("theory_score", "10"),
                ("practical_score", "10"),
            ],
        )
        .await;
    assert!(
        matches!(
            denied.status(),
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        denied.status()
    );
    let issued = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{candidate}/certificate"),
            &json!({}),
        )
        .await;
    assert_eq!(issued.status(), StatusCode::CREATED, "{}", issued.body());
    assert!(
        !school
            .get(&format!("/evaluation/sessions/{}", w.session))
            .await
            .body()
            .contains(&action)
    );
    let frozen = school
        .post_form(
            &action,
            &[
                ("session_id", &w.session),
                ("theory_score", "99"),
                ("practical_score", "99"),
            ],
        )
        .await;
    assert_eq!(frozen.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_institution_creates_a_session_on_its_form_within_its_filings() {
    let app = TestApp::spawn().await;
    world(&app, None).await;
    let mut school = app.client_as(Persona::SchoolAdmin).await;
    assert!(
        school
            .get("/evaluation")
            .await
            .body()
            .contains("/evaluation/sessions/new")
    );
    let form = school.get("/evaluation/sessions/new").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        form.body().contains(&format!("value=\"{OCCUPATION}\"")),
        "the filed occupation is offered"
    );

    let fields = |venue: &'static str, held_on: &'static str| {
        vec![
            ("occupation_code", OCCUPATION),
            ("level", "level4"),
            ("held_on", held_on),
            ("venue", venue),
            ("examiners", "张工、刘工"),
        ]
    };
    let before = school.get("/api/v1/evaluation/sessions").await.json();
    let bad = school
        .post_form("/evaluation/sessions/new", &fields("", "2026-13-40"))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("考核地点") && bad.body().contains("认定日期"),
        "{}",
        bad.body()
    );
    assert_eq!(
        school.get("/api/v1/evaluation/sessions").await.json(),
        before,
        "nothing stored"
    );

    let made = school
        .post_form(
            "/evaluation/sessions/new",
            &fields("实训楼 B305", "2026-12-10"),
        )
        .await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER, "{}", made.body());
    let page = school.get(&made.location()).await;
    assert!(page.body().contains("实训楼 B305"), "{}", page.body());

    let mut hr = app.client_as(Persona::Hr).await;
    let refused = hr
        .post_form("/evaluation/sessions/new", &fields("厂区", "2026-12-10"))
        .await;
    assert!(
        matches!(
            refused.status(),
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::CONFLICT
        ),
        "{}",
        refused.status()
    );
}

#[tokio::test]
async fn on_the_session_page_the_institution_admits_an_eligible_trainee_and_sees_why_another_is_refused()
 {
    let app = TestApp::spawn().await;
    let mut w = world(&app, None).await;
    let page_path = format!("/evaluation/sessions/{}", w.session);
    let page = w.school.get(&format!("{page_path}?trainee_q=欧阳")).await;
    assert!(page.body().contains("id=\"admit-form\""), "{}", page.body());
    assert!(
        page.body().contains(&w.eligible),
        "the search offers the trainee"
    );

    let refused = w
        .school
        .post_form(
            &format!("{page_path}/candidates"),
            &[("trainee_id", w.first_year.as_str())],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.body();
    assert!(body.contains("id=\"not-eligible\""), "{body}");
    assert!(
        body.contains("✗") && body.contains("final_year=no"),
        "each condition with its facts: {body}"
    );
    assert!(body.contains("毕业生或毕业年级学生"), "conditions in words");

    let admitted = w
        .school
        .post_form(
            &format!("{page_path}/candidates"),
            &[("trainee_id", w.eligible.as_str())],
        )
        .await;
    assert_eq!(
        admitted.status(),
        StatusCode::SEE_OTHER,
        "{}",
        admitted.body()
    );
    let after = w.school.get(&page_path).await;
    assert!(after.body().contains("欧阳娜娜"), "the candidate is listed");
    assert!(
        after.body().contains("4.3"),
        "with the rule that admitted them"
    );
    let hr = app.client_as(Persona::Hr).await;
    assert!(
        !hr.get(&page_path)
            .await
            .body()
            .contains("id=\"admit-form\""),
        "others are not offered the form"
    );
}

#[tokio::test]
async fn the_secretariat_registers_an_institution_and_its_filing_on_the_pages() {
    let app = TestApp::spawn().await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    let org = app.demo.school.to_string();
    let list = secretariat.get("/evaluation").await;
    assert!(list.body().contains("id=\"manage-institutions\""));
    let page = secretariat.get("/evaluation/institutions").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.body().contains(&org),
        "the picker offers the demo school"
    );

    let bad = secretariat
        .post_form(
            "/evaluation/institutions",
            &[
                ("org_id", org.as_str()),
                ("kind", "Y"),
                ("institution_code", "12"),
                ("province_code", "42"),
                ("site_code", "000123"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body().contains("机构代码（4 位）"),
        "the field is named: {}",
        bad.body()
    );
    assert!(
        bad.body().contains("value=\"000123\""),
        "what was typed is kept"
    );

    let ok = secretariat
        .post_form(
            "/evaluation/institutions",
            &[
                ("org_id", org.as_str()),
                ("kind", "Y"),
                ("institution_code", "0000"),
                ("province_code", "42"),
                ("site_code", "000123"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER, "{}", ok.body());
    let filed = secretariat
        .post_form(
            &format!("/evaluation/institutions/{org}/filings"),
            &[
                ("occupation_code", OCCUPATION),
                ("levels", "level4"),
                ("levels", "level3"),
                ("filed_with", "湖北省人力资源和社会保障厅"),
                ("reference", "鄂人社评备〔2026〕12号"),
                ("valid_from", "2026-01-01"),
                ("valid_to", ""),
            ],
        )
        .await;
    assert_eq!(filed.status(), StatusCode::SEE_OTHER, "{}", filed.body());
    let after = secretariat.get("/evaluation/institutions").await;
    assert!(
        after.body().contains("鄂人社评备〔2026〕12号"),
        "{}",
        after.body()
    );
    let api = secretariat
        .get("/api/v1/evaluation/institutions")
        .await
        .json();
    assert!(api.to_string().contains("level3"), "{api}");
    let school = app.client_as(Persona::SchoolAdmin).await;
    assert_eq!(
        school.get("/evaluation/institutions").await.status(),
        StatusCode::FORBIDDEN
    );
}

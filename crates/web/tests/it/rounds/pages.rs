//! A round through its pages: from the form to the published explanation,
//! the demo's open round, trainee accounts, and closing early.

use super::*;

#[tokio::test]
async fn the_pages_carry_a_round_from_the_form_to_the_published_explanation() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "模组贴合操作工", 1, false).await;
    let q = place(&hr, "AOI 检验员", 1, false).await;
    staff(&hr, app.demo.enterprise, &[&p, &q]).await;
    let a = school.trainee(9).born("20080301", 9).create().await;
    let b = school.trainee(10).born("20080301", 10).create().await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;

    let created = secretariat
        .post_form(
            "/rounds/new",
            &[
                ("name", "页面测试轮次"),
                ("kind", "internship"),
                ("max_choices", "2"),
                ("preference_deadline", PREFERENCE_DEADLINE),
                ("ranking_deadline", RANKING_DEADLINE),
                ("demand_ids", &p),
                ("demand_ids", &q),
                ("cohort_ids", &school.cohorts[0]),
            ],
        )
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "{}",
        created.body()
    );
    let location = created.location();
    let round = location.trim_start_matches("/rounds/").to_string();
    let opened = secretariat
        .post_form(&format!("/rounds/{round}/open"), &[])
        .await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    let page = secretariat.get(&location).await;
    assert!(page.body().contains("模组贴合操作工") && page.body().contains("填报中"));

    // The teacher enters both lists through the form: same first choice.
    let mut teacher = app.client_as(Persona::Teacher).await;
    let overview = teacher.get(&location).await;
    assert!(overview.body().contains("id=\"school-participants\""));
    for t in [&a, &b] {
        let form = teacher
            .get(&format!("/rounds/{round}/preferences?trainee_id={t}"))
            .await;
        assert!(form.body().contains("name=\"choice\""));
        let saved = teacher
            .post_form(
                &format!("/rounds/{round}/preferences"),
                &[("trainee_id", t), ("choice", &p), ("choice", &q)],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER, "{}", saved.body());
    }
    // The enterprise ranks place p by an uploaded workbook: b first.
    let workbook = gongjiang_sheets::export_xlsx(
        &gongjiang_app::rounds::ORDER_SHEET,
        [["1", b.as_str()], ["2", a.as_str()]],
    )
    .unwrap();
    let mut hr = hr;
    hr.refresh_csrf().await;
    let uploaded = hr
        .upload(
            &format!("/rounds/{round}/places/{p}/order"),
            "file",
            "排序.xlsx",
            workbook,
        )
        .await;
    assert_eq!(
        uploaded.status(),
        StatusCode::SEE_OTHER,
        "{}",
        uploaded.body()
    );
    let bad = hr
        .upload(
            &format!("/rounds/{round}/places/{q}/order"),
            "file",
            "排序.csv",
            "排名,申请人编号\r\n1,not-an-id\r\n".as_bytes().to_vec(),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body().contains("不是该岗位的申请人"));
    let list = hr
        .get(&format!("/rounds/{round}/places/{p}/applicants.xlsx"))
        .await;
    assert_eq!(list.status(), StatusCode::OK);

    let asked = secretariat
        .post_form(&format!("/rounds/{round}/close"), &[])
        .await;
    assert_eq!(asked.status(), StatusCode::OK, "closing asks first");
    assert!(asked.body().contains("此操作不可撤销"), "{}", asked.body());
    let still_open = secretariat
        .get(&format!("/api/v1/rounds/{round}"))
        .await
        .json();
    assert_eq!(still_open["status"], "open", "nothing happened yet");
    let closed = secretariat
        .post_form(&format!("/rounds/{round}/close"), &[("confirmed", "1")])
        .await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    let review = secretariat.get(&format!("/rounds/{round}/review")).await;
    assert_eq!(review.status(), StatusCode::OK);
    assert!(review.body().contains("稳定匹配"));
    let asked = secretariat
        .post_form(&format!("/rounds/{round}/publish"), &[])
        .await;
    assert!(asked.body().contains("发布结果"), "publishing asks first");
    let published = secretariat
        .post_form(&format!("/rounds/{round}/publish"), &[("confirmed", "1")])
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);

    let result = teacher
        .get(&format!("/rounds/{round}/result?trainee_id={a}"))
        .await;
    assert_eq!(result.status(), StatusCode::OK);
    assert!(
        result.body().contains("你的第1志愿 模组贴合操作工") && result.body().contains("已满"),
        "a was below b at p: {}",
        result.body()
    );
    let results = hr.get(&format!("/rounds/{round}/results")).await;
    assert!(results.body().contains("录取线"));
    let school_view = teacher.get(&format!("/rounds/{round}/results")).await;
    assert!(school_view.body().contains("id=\"school-results\""));
    let english = {
        let en = app.client_as(Persona::Teacher).await;
        en.get("/lang/en").await;
        en.get(&format!("/rounds/{round}/result?trainee_id={a}"))
            .await
    };
    assert!(
        english.body().contains("was full"),
        "English explanation: {}",
        english.body()
    );
}

#[tokio::test]
async fn the_demo_has_an_open_round_the_demo_trainee_can_rank_and_the_secretariat_can_solve() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    let (loaded, _) =
        gongjiang_app::demo_scale::load(&app.app, gongjiang_app::demo_scale::Scale::Alliance, 7)
            .await
            .unwrap();
    let me = app.client_as(Persona::Trainee).await;
    let rounds = ok(&me.get("/api/v1/rounds").await, "rounds");
    assert_eq!(rounds["total"], 1);
    assert_eq!(rounds["items"][0]["status"], "open");
    let round = rounds["items"][0]["id"].as_str().unwrap().to_string();
    let home = me.get("/").await;
    assert!(home.body().contains("正在填报志愿"), "the trainee is told");
    let view = ok(&me.get(&format!("/api/v1/rounds/{round}")).await, "round");
    let places: Vec<String> = view["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["demand_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(places.len(), 3);
    let saved = ok(
        &me.send_json(
            Method::PUT,
            &format!("/api/v1/rounds/{round}/preferences"),
            &json!({"demand_ids": [places[2], places[0]]}),
        )
        .await,
        "the demo trainee's list",
    );
    assert!(
        saved["choices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["violations"].as_array().unwrap().is_empty()),
        "the demo places suit the demo cohort: {saved}"
    );
    let hr = app.client_as(Persona::Hr).await;
    assert!(hr.get("/").await.body().contains("设定录取排序"));

    let secretariat = app.client_as(Persona::Secretariat).await;
    // The secretariat's home follows the round's fill, as the round counts it.
    let fill = ok(
        &secretariat.get(&format!("/api/v1/rounds/{round}")).await,
        "round",
    );
    let name = fill["name"].as_str().unwrap();
    let line = format!(
        "「{name}」正在填报志愿：{} 名可参加学员中已有 {} 人填报",
        fill["participants"], fill["applicants"]
    );
    assert!(fill["applicants"].as_u64().unwrap() >= 1, "{fill}");
    let home = secretariat.get("/").await;
    assert!(home.body().contains(&line), "{line}: {}", home.body());
    let closed = ok(
        &secretariat
            .send_json(
                Method::POST,
                &format!("/api/v1/rounds/{round}/close"),
                &json!({}),
            )
            .await,
        "close",
    );
    let review = &closed["review"];
    assert!(review["applicants"].as_u64().unwrap() >= 5, "{review}");
    assert!(review["placed"].as_u64().unwrap() >= 1);
    assert_eq!(review["stable_blocking_pairs"], 0);
    // Solving again (as a background job would, with a progress handle) reports each stage
    // and counts every stored row, and gives the same result: the seed is fixed.
    let recorder = Recorder::default();
    let secretariat_user = {
        let mut conn = app.app.db.read().await.unwrap();
        gongjiang_store::accounts::user_by_login(&mut conn, "secretariat")
            .await
            .unwrap()
            .unwrap()
    };
    let actor = gongjiang_app::Actor::User {
        user: gongjiang_app::actor::User {
            user_id: secretariat_user.id,
            login: "secretariat".into(),
            display_name: secretariat_user.display_name.clone(),
            org_id: loaded.chair,
            org_kind: gongjiang_app::members::unit_kind(&app.app, loaded.chair)
                .await
                .unwrap(),
            role: Role::Secretariat,
            alliance_id: loaded.alliance,
            via: gongjiang_app::actor::Via::Cli,
        },
        ip: "test".into(),
    };
    let again = gongjiang_app::rounds::solve(&app.app, &actor, round.parse().unwrap(), &recorder)
        .await
        .unwrap();
    assert_eq!(again.placed as u64, review["placed"].as_u64().unwrap());
    let seen = recorder.0.lock().unwrap().clone();
    assert_eq!(
        seen.iter().map(|(s, _, _)| *s).collect::<Vec<_>>(),
        vec!["read", "check", "solve", "store"]
    );
    let (_, total, done) = seen[3];
    assert!(total > 0 && done == total, "{seen:?}");
    // Some demo trainees of the third year are already interning: their lists are listed, not matched.
    assert!(
        review["violations"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|v| v["violations"].as_array().unwrap().clone())
            .all(|v| v["code"] == "already_interning"),
        "{}",
        review["violations"]
    );
}

#[tokio::test]
async fn a_school_links_a_trainee_account_on_its_page_and_only_a_trainee_account() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let t = school.trainee(11).born("20080301", 11).create().await;
    let mut admin = app.client_as(Persona::SchoolAdmin).await;

    let wrong = admin
        .post_form(
            "/school/trainees/account",
            &[("trainee_id", &t), ("login", "hr")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body().contains("不是本校的学员账号"));
    let linked = admin
        .post_form(
            "/school/trainees/account",
            &[("trainee_id", &t), ("login", "trainee")],
        )
        .await;
    assert_eq!(linked.status(), StatusCode::SEE_OTHER, "{}", linked.body());

    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "光模块装调工", 2, false).await;
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 1).await;
    let me = app.client_as(Persona::Trainee).await;
    let mine = ok(
        &me.get(&format!("/api/v1/rounds/{round}/preferences")).await,
        "the linked trainee's own list",
    );
    assert_eq!(mine["trainee_id"], t.as_str());
    assert!(me.get("/").await.body().contains("正在填报志愿"));
    let (other_admin, _) = app
        .outsider("technical_college", Role::OrgAdmin, "other.admin")
        .await;
    let foreign = other_admin
        .send_json(
            Method::PUT,
            &format!("/api/v1/trainees/{t}/account"),
            &json!({"login": "trainee"}),
        )
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::NOT_FOUND,
        "another school cannot link our trainees"
    );
}

#[tokio::test]
async fn closing_before_the_deadline_says_how_early_and_who_has_not_applied() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "AOI 检验员", 2, false).await;
    let mut trainees = Vec::new();
    for i in 1..=3 {
        trainees.push(school.trainee(i).born("20080301", i).create().await);
    }
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 3).await;
    let teacher = app.client_as(Persona::Teacher).await;
    ok(
        &teacher
            .send_json(
                Method::PUT,
                &format!("/api/v1/rounds/{round}/preferences"),
                &json!({"trainee_id": trainees[0], "demand_ids": [p]}),
            )
            .await,
        "one list",
    );
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    secretariat.refresh_csrf().await;
    let asked = secretariat
        .post_form(&format!("/rounds/{round}/close"), &[])
        .await;
    assert_eq!(asked.status(), StatusCode::OK, "closing asks first");
    let body = asked.body();
    assert!(
        body.contains("3 名参与学员中有 2 名尚未填报志愿"),
        "says who has not applied: {body}"
    );
    assert!(body.contains("距截止还有"), "says how early");
    let school_name = app
        .client()
        .get(&format!("/api/v1/organizations/{}", app.demo.school))
        .await
        .json()["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.contains(&format!("{school_name} 2 人")), "by school");
    let still_open = secretariat
        .get(&format!("/api/v1/rounds/{round}"))
        .await
        .json();
    assert_eq!(still_open["status"], "open", "nothing happened yet");

    // After the deadline the step asks without the warning.
    app.clock.advance_minutes(PAST_PREFERENCES);
    let mut secretariat = app.client_as(Persona::Secretariat).await;
    secretariat.refresh_csrf().await;
    let asked = secretariat
        .post_form(&format!("/rounds/{round}/close"), &[])
        .await;
    assert_eq!(asked.status(), StatusCode::OK);
    assert!(!asked.body().contains("尚未填报志愿"));
    assert!(asked.body().contains("此操作不可撤销"));
}

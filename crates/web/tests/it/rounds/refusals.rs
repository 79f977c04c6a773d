//! What a round refuses: preferences and rankings after their deadlines,
//! another enterprise's applicants, another school's teacher, ineligible
//! pairs and the intern caps, a published round's edits, wrong fields.

use super::*;

#[tokio::test]
async fn preferences_after_their_deadline_and_rankings_after_theirs_are_refused() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "AOI 检验员", 2, false).await;
    let t = school.trainee(1).born("20080301", 1).create().await;
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 3).await;
    let teacher = app.client_as(Persona::Teacher).await;
    let path = format!("/api/v1/rounds/{round}/preferences");
    ok(
        &teacher
            .send_json(
                Method::PUT,
                &path,
                &json!({"trainee_id": t, "demand_ids": [p]}),
            )
            .await,
        "before the deadline",
    );

    // Sessions end after twelve hours; sign in again after the jump.
    app.clock.advance_minutes(PAST_PREFERENCES);
    let teacher = app.client_as(Persona::Teacher).await;
    let hr = app.client_as(Persona::Hr).await;
    let late = teacher
        .send_json(
            Method::PUT,
            &path,
            &json!({"trainee_id": t, "demand_ids": []}),
        )
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("志愿填报已截止")
    );
    let ranking = format!("/api/v1/rounds/{round}/places/{p}/ranking");
    ok(
        &hr.send_json(
            Method::PUT,
            &ranking,
            &json!({"method": "score", "weights": {"level": 5}}),
        )
        .await,
        "ranking before its deadline",
    );
    app.clock.advance_minutes(PAST_RANKINGS - PAST_PREFERENCES);
    let teacher = app.client_as(Persona::Teacher).await;
    let hr = app.client_as(Persona::Hr).await;
    let late = hr
        .send_json(Method::PUT, &ranking, &json!({"method": "score"}))
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("企业排序已截止")
    );
    let kept = ok(
        &teacher.get(&format!("{path}?trainee_id={t}")).await,
        "list",
    );
    assert_eq!(kept["choices"].as_array().unwrap().len(), 1, "unchanged");
    assert_eq!(kept["open"], false);
}

#[tokio::test]
async fn an_enterprise_sees_only_its_own_places_applicants() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "钻孔成型技工", 2, false).await;
    let t = school.trainee(2).born("20080301", 2).create().await;
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 2).await;
    let teacher = app.client_as(Persona::Teacher).await;
    ok(
        &teacher
            .send_json(
                Method::PUT,
                &format!("/api/v1/rounds/{round}/preferences"),
                &json!({"trainee_id": t, "demand_ids": [p]}),
            )
            .await,
        "preferences",
    );
    let (other, _) = app.outsider("enterprise", Role::Staff, "other.hr").await;

    let peek = other
        .get(&format!("/api/v1/rounds/{round}/places/{p}/applicants"))
        .await;
    assert_eq!(peek.status(), StatusCode::FORBIDDEN);
    let rank = other
        .send_json(
            Method::PUT,
            &format!("/api/v1/rounds/{round}/places/{p}/ranking"),
            &json!({"method": "order", "trainee_ids": [t]}),
        )
        .await;
    assert_eq!(rank.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        other
            .get(&format!("/rounds/{round}/places/{p}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let twice = hr
        .send_raw(
            Method::POST,
            &format!("/api/v1/rounds/{round}/places/{p}/order"),
            "text/csv",
            format!("排名,申请人编号\r\n1,{t}\r\n1,{t}\r\n").into_bytes(),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let rows = twice.json()["error"]["rows"].as_array().unwrap().clone();
    assert!(
        rows.iter().any(|r| r["line"] == 3 && r["field"] == "rank"),
        "the repeated rank is named with its row: {rows:?}"
    );
    let own = ok(
        &hr.get(&format!("/api/v1/rounds/{round}/places/{p}/applicants"))
            .await,
        "own applicants",
    );
    // Organising the round does not let the secretariat read or rewrite an
    // enterprise's ranking: refused by the route, and by the use case itself
    // (the security sweep's finding 1).
    let secretariat = app.client_as(Persona::Secretariat).await;
    let rewrite = secretariat
        .send_json(
            Method::PUT,
            &format!("/api/v1/rounds/{round}/places/{p}/ranking"),
            &json!({"method": "order", "trainee_ids": [t]}),
        )
        .await;
    assert_eq!(rewrite.status(), StatusCode::FORBIDDEN);
    let session = gongjiang_app::accounts::sign_in(
        &app.app,
        "secretariat",
        gongjiang_testkit::PASSWORD,
        "127.0.0.1",
    )
    .await
    .unwrap();
    let (actor, _) =
        gongjiang_app::accounts::resolve_session(&app.app, &session.secret, "127.0.0.1")
            .await
            .unwrap()
            .unwrap();
    let (rid, did) = (round.parse().unwrap(), p.parse().unwrap());
    let direct = gongjiang_app::rounds::set_ranking(
        &app.app,
        &actor,
        rid,
        did,
        &gongjiang_app::rounds::RankingInput::Order(vec![t.clone()]),
    )
    .await;
    assert!(
        matches!(direct, Err(gongjiang_app::Error::Forbidden)),
        "{direct:?}"
    );
    let read = gongjiang_app::rounds::applicants(&app.app, &actor, rid, did).await;
    assert!(
        matches!(read, Err(gongjiang_app::Error::Forbidden)),
        "{read:?}"
    );
    assert_eq!(own["ranking"]["method"], "default", "nothing was saved");
    assert_eq!(own["applicants"].as_array().unwrap().len(), 1);
    let page = hr.get(&format!("/rounds/{round}/places/{p}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("id=\"applicants\""));
}

#[tokio::test]
async fn a_teacher_of_another_school_and_another_trainee_cannot_enter_preferences() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "SMT 贴片操作员", 3, false).await;
    let a = school.trainee(3).born("20080301", 3).create().await;
    let b = school.trainee(4).born("20080301", 4).create().await;
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 2).await;
    let path = format!("/api/v1/rounds/{round}/preferences");
    let (stranger, _) = app
        .outsider("technical_college", Role::Staff, "other.teacher")
        .await;

    let refused = stranger
        .send_json(
            Method::PUT,
            &path,
            &json!({"trainee_id": a, "demand_ids": [p]}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        stranger
            .get(&format!("{path}?trainee_id={a}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    ok(
        &school
            .admin
            .send_json(
                Method::PUT,
                &format!("/api/v1/trainees/{a}/account"),
                &json!({"login": "trainee"}),
            )
            .await,
        "link",
    );
    let me = app.client_as(Persona::Trainee).await;
    let not_mine = me
        .send_json(
            Method::PUT,
            &path,
            &json!({"trainee_id": b, "demand_ids": [p]}),
        )
        .await;
    assert_eq!(not_mine.status(), StatusCode::FORBIDDEN);
    let wrong_link = school
        .admin
        .send_json(
            Method::PUT,
            &format!("/api/v1/trainees/{b}/account"),
            &json!({"login": "teacher"}),
        )
        .await;
    assert_eq!(wrong_link.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_link.json()["error"]["fields"][0]["field"], "login");
    let too_many = me
        .send_json(Method::PUT, &path, &json!({"demand_ids": [p, p]}))
        .await;
    assert_eq!(too_many.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_many.json()["error"]["fields"][0]["field"], "demand_ids");
    let view = ok(&me.get(&path).await, "own list");
    assert!(
        view["choices"].as_array().unwrap().is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn ineligible_pairs_are_removed_and_listed_and_the_intern_caps_cut_seats() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let day = place(&hr, "沉铜电镀操作工", 5, false).await;
    let night = place(&hr, "夜班电镀操作工", 2, true).await;
    // 30 staff: room for 3 interns over both places; the night post's own staff is not recorded.
    ok(
        &hr.send_json(
            Method::PUT,
            &format!("/api/v1/organizations/{}/staffing", app.demo.enterprise),
            &json!({"staff_count": 30}),
        )
        .await,
        "staffing",
    );
    ok(
        &hr.send_json(
            Method::PUT,
            &format!("/api/v1/demands/{day}/staffing"),
            &json!({"staff_count": 100}),
        )
        .await,
        "post staffing",
    );
    let young = school.trainee(5).born("20110601", 5).create().await;
    let fresher = school
        .trainee(6)
        .born("20080301", 6)
        .cohort(&school.cohorts[1])
        .create()
        .await;
    let fine = school.trainee(7).born("20080301", 7).create().await;
    let round = open_round(
        &app,
        &[&day, &night],
        &[&school.cohorts[0], &school.cohorts[1]],
        2,
    )
    .await;
    let teacher = app.client_as(Persona::Teacher).await;
    let path = format!("/api/v1/rounds/{round}/preferences");
    for (t, list) in [
        (&young, vec![&day]),
        (&fresher, vec![&day]),
        (&fine, vec![&night, &day]),
    ] {
        let saved = ok(
            &teacher
                .send_json(
                    Method::PUT,
                    &path,
                    &json!({"trainee_id": t, "demand_ids": list}),
                )
                .await,
            "preferences",
        );
        if t == &young {
            assert_eq!(
                saved["choices"][0]["violations"][0]["code"], "under_age",
                "the form warns before solving"
            );
        }
    }
    let secretariat = app.client_as(Persona::Secretariat).await;
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
    wait_until_solved(&secretariat, &round, &closed).await;
    let review = ok(
        &secretariat
            .get(&format!("/api/v1/rounds/{round}/review"))
            .await,
        "review",
    );

    let violations = review["violations"].as_array().unwrap();
    let codes = |trainee: &str| -> Vec<String> {
        violations
            .iter()
            .filter(|v| v["trainee_id"] == trainee)
            .flat_map(|v| v["violations"].as_array().unwrap().clone())
            .map(|v| v["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&young), vec!["under_age"]);
    assert_eq!(codes(&fresher), vec!["first_year"]);
    assert_eq!(codes(&fine), vec!["night_shift"]);
    assert_eq!(review["placed"], 1, "only the eligible pair is matched");
    assert_eq!(review["seats"], 3, "10% of 30 staff");
    let cuts: Vec<String> = review["capacity_cuts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["notes"].as_array().unwrap().clone())
        .map(|n| n["code"].as_str().unwrap().to_string())
        .collect();
    assert!(cuts.contains(&"host_cap".to_string()), "{cuts:?}");
    assert!(cuts.contains(&"post_staff_missing".to_string()), "{cuts:?}");
    let page = secretariat.get(&format!("/rounds/{round}/review")).await;
    assert!(page.body().contains("INT-02") && page.body().contains("INT-05"));

    ok(
        &secretariat
            .send_json(
                Method::POST,
                &format!("/api/v1/rounds/{round}/publish"),
                &json!({}),
            )
            .await,
        "publish",
    );
    let result = ok(
        &teacher
            .get(&format!("/api/v1/rounds/{round}/result?trainee_id={young}"))
            .await,
        "result",
    );
    assert_eq!(result["assigned"], Value::Null);
    assert_eq!(result["lines"][0]["reason"], "ineligible");
    assert!(
        result["lines"][0]["text"]
            .as_str()
            .unwrap()
            .contains("未满 16 周岁"),
        "{}",
        result["lines"][0]["text"]
    );
    let placed = ok(
        &teacher
            .get(&format!("/api/v1/rounds/{round}/result?trainee_id={fine}"))
            .await,
        "placed",
    );
    assert_eq!(placed["assigned"], day.as_str());
    assert_eq!(
        placed["lines"][0]["reason"], "ineligible",
        "the night post first"
    );
    assert_eq!(placed["lines"][1]["reason"], "admitted");
}

#[tokio::test]
async fn a_published_round_is_frozen_and_later_edits_are_refused_with_409() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "CAM 制版工程助理", 1, false).await;
    staff(&hr, app.demo.enterprise, &[&p]).await;
    let t = school.trainee(8).born("20080301", 8).create().await;
    let round = open_round(&app, &[&p], &[&school.cohorts[0]], 1).await;
    let teacher = app.client_as(Persona::Teacher).await;
    let prefs = format!("/api/v1/rounds/{round}/preferences");
    ok(
        &teacher
            .send_json(
                Method::PUT,
                &prefs,
                &json!({"trainee_id": t, "demand_ids": [p]}),
            )
            .await,
        "preferences",
    );
    let secretariat = app.client_as(Persona::Secretariat).await;
    let base = format!("/api/v1/rounds/{round}");
    let closed = ok(
        &secretariat
            .send_json(Method::POST, &format!("{base}/close"), &json!({}))
            .await,
        "close",
    );
    wait_until_solved(&secretariat, &round, &closed).await;
    ok(
        &secretariat
            .send_json(Method::POST, &format!("{base}/publish"), &json!({}))
            .await,
        "publish",
    );

    let attempts = [
        teacher
            .send_json(
                Method::PUT,
                &prefs,
                &json!({"trainee_id": t, "demand_ids": []}),
            )
            .await,
        hr.send_json(
            Method::PUT,
            &format!("{base}/places/{p}/ranking"),
            &json!({"method": "score"}),
        )
        .await,
        secretariat
            .send_json(Method::POST, &format!("{base}/solve"), &json!({}))
            .await,
        secretariat
            .send_json(Method::POST, &format!("{base}/publish"), &json!({}))
            .await,
        secretariat
            .send_json(Method::POST, &format!("{base}/close"), &json!({}))
            .await,
        secretariat
            .send_json(Method::PUT, &base, &json!({"name": "改名", "kind": "internship", "max_choices": 2,
                "preference_deadline": PREFERENCE_DEADLINE, "ranking_deadline": RANKING_DEADLINE, "demand_ids": [p], "cohort_ids": [school.cohorts[0]]}))
            .await,
    ];
    for (i, a) in attempts.iter().enumerate() {
        assert_eq!(
            a.status(),
            StatusCode::CONFLICT,
            "attempt {i}: {}",
            a.body()
        );
        assert!(
            a.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("冻结"),
            "attempt {i}"
        );
    }
    let r = ok(&secretariat.get(&base).await, "round");
    assert_eq!(r["status"], "published");
    let audit = ok(
        &secretariat
            .get(&format!("/api/v1/audit?object_id={round}&per_page=50"))
            .await,
        "audit",
    );
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "round.create",
        "round.open",
        "round.preferences",
        "round.close",
        "round.solve",
        "round.publish",
    ] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
    assert_eq!(r["name"], "2027年春季岗位实习匹配");
    let result = ok(
        &teacher.get(&format!("{base}/result?trainee_id={t}")).await,
        "result",
    );
    assert_eq!(result["assigned"], p.as_str(), "the placement still stands");
}

#[tokio::test]
async fn a_round_with_wrong_fields_names_each_one() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let p = place(&hr, "设备维修电工", 2, false).await;
    let secretariat = app.client_as(Persona::Secretariat).await;

    let answer = secretariat
        .send_json(
            Method::POST,
            "/api/v1/rounds",
            &json!({"name": "就业匹配", "kind": "job", "max_choices": 40,
            "preference_deadline": "2026-12-20 18:00", "ranking_deadline": "2026-12-10 18:00",
            "demand_ids": [p], "cohort_ids": []}),
        )
        .await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = answer.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    for f in ["max_choices", "ranking_deadline", "cohort_ids"] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
    let wrong_kind = secretariat
        .send_json(
            Method::POST,
            "/api/v1/rounds",
            &json!({"name": "就业匹配", "kind": "job", "max_choices": 3,
            "preference_deadline": PREFERENCE_DEADLINE, "ranking_deadline": RANKING_DEADLINE,
            "demand_ids": [p], "cohort_ids": [school.cohorts[0]]}),
        )
        .await;
    assert_eq!(wrong_kind.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let field = &wrong_kind.json()["error"]["fields"][0];
    assert_eq!(field["field"], "demand_ids");
    assert!(field["message"].as_str().unwrap().contains("轮次类型"));
    assert_eq!(
        hr.send_json(Method::POST, "/api/v1/rounds", &json!({}))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "only the secretariat opens rounds"
    );
    assert_eq!(
        secretariat.get("/api/v1/rounds").await.json()["total"],
        0,
        "nothing stored"
    );
}

//! Placement rounds over HTTP: a whole round end to end whose stable outcome
//! the test computes on its own, then the refusals: deadlines, other
//! enterprises' applicants, other schools' teachers, ineligible pairs, the
//! intern caps, and a published round that no longer changes.

use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::OrgId;
use gongjiang_testkit::build::ok;
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp, TestClient};
use serde_json::{Value, json};
use std::collections::HashMap;

const PREFERENCE_DEADLINE: &str = "2026-12-10 18:00";
const RANKING_DEADLINE: &str = "2026-12-15 18:00";
/// Minutes from the tests' start (2026-11-28 08:00) to just after each deadline.
const PAST_PREFERENCES: i64 = 13 * 24 * 60;
const PAST_RANKINGS: i64 = 18 * 24 * 60;

async fn place(hr: &TestClient, post: &str, headcount: i64, night_shift: bool) -> String {
    let d = ok(
        &hr.send_json(Method::POST, "/api/v1/demands", &json!({"post_name": post, "kind": "position_internship", "occupation_code": "6-25-01-13", "segment_code": "pcb",
            "min_level": "level4", "headcount": headcount, "city": "黄石市", "wage_min": 3800, "wage_max": 4500,
            "start_on": "2027-03-01", "end_on": "2027-08-31", "night_shift": night_shift}))
            .await,
        "demand",
    );
    d["id"].as_str().unwrap().to_string()
}

/// Records in-service staff so the intern caps leave every seat.
async fn staff<P: AsRef<str>>(hr: &TestClient, org: OrgId, places: &[P]) {
    ok(
        &hr.send_json(
            Method::PUT,
            &format!("/api/v1/organizations/{org}/staffing"),
            &json!({"staff_count": 1000}),
        )
        .await,
        "enterprise staffing",
    );
    for p in places {
        let p = p.as_ref();
        ok(
            &hr.send_json(
                Method::PUT,
                &format!("/api/v1/demands/{p}/staffing"),
                &json!({"staff_count": 200}),
            )
            .await,
            "post staffing",
        );
    }
}

/// An open internship round over `places` for the given cohorts.
async fn open_round<P: AsRef<str>, C: AsRef<str>>(
    app: &TestApp,
    places: &[P],
    cohorts: &[C],
    max_choices: i64,
) -> String {
    let places: Vec<&str> = places.iter().map(AsRef::as_ref).collect();
    let cohorts: Vec<&str> = cohorts.iter().map(AsRef::as_ref).collect();
    let secretariat = app.client_as(Persona::Secretariat).await;
    let r = ok(
        &secretariat
            .send_json(Method::POST, "/api/v1/rounds", &json!({"name": "2027年春季岗位实习匹配", "kind": "internship", "max_choices": max_choices,
                "preference_deadline": PREFERENCE_DEADLINE, "ranking_deadline": RANKING_DEADLINE,
                "demand_ids": places, "cohort_ids": cohorts}))
            .await,
        "create round",
    );
    assert_eq!(r["status"], "draft");
    let id = r["id"].as_str().unwrap().to_string();
    let opened = ok(
        &secretariat
            .send_json(
                Method::POST,
                &format!("/api/v1/rounds/{id}/open"),
                &json!({}),
            )
            .await,
        "open round",
    );
    assert_eq!(opened["status"], "open");
    id
}

/// Trainee-proposing deferred acceptance, written out plainly and
/// independently of the engine: trainees propose down their lists, each
/// place keeps the best applicants it has seen up to its seats.
fn deferred_acceptance(
    prefs: &[Vec<usize>],
    seats: &[usize],
    order: &[Vec<usize>],
) -> Vec<Option<usize>> {
    let rank = |p: usize, t: usize| order[p].iter().position(|&x| x == t).unwrap();
    let mut next = vec![0; prefs.len()];
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); seats.len()];
    let mut free: Vec<usize> = (0..prefs.len()).rev().collect();
    while let Some(t) = free.pop() {
        let Some(&p) = prefs[t].get(next[t]) else {
            continue;
        };
        next[t] += 1;
        held[p].push(t);
        held[p].sort_by_key(|&x| rank(p, x));
        if held[p].len() > seats[p] {
            free.push(held[p].pop().unwrap());
        }
    }
    let mut result = vec![None; prefs.len()];
    for (p, list) in held.iter().enumerate() {
        for &t in list {
            result[t] = Some(p);
        }
    }
    result
}

/// A small deterministic generator for the test's preference lists.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[tokio::test]
async fn a_round_of_thirty_trainees_places_them_as_deferred_acceptance_does_and_explains_it() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .cohort("2024级PCB高级工1班", 2024)
        .cohort("2026级PCB高级工1班", 2026)
        .build()
        .await;
    let hr = app.client_as(Persona::Hr).await;
    let seats = [3usize, 5, 8, 6];
    let mut places = Vec::new();
    for (i, s) in seats.iter().enumerate() {
        places.push(place(&hr, &format!("沉铜电镀操作工{}组", i + 1), *s as i64, false).await);
    }
    let place_refs: Vec<&str> = places.iter().map(String::as_str).collect();
    staff(&hr, app.demo.enterprise, &place_refs).await;
    let n = 30;
    let mut trainees = Vec::new();
    for i in 0..n {
        trainees.push(school.trainee(i).born("20080301", i).create().await);
    }
    let round = open_round(&app, &place_refs, &[&school.cohorts[0]], 4).await;

    // Lists: 1–4 distinct places each, popular places first more often.
    let mut rng = Lcg(2027);
    let mut prefs: Vec<Vec<usize>> = Vec::new();
    for _ in 0..n {
        let length = 1 + rng.below(4);
        let mut list = Vec::new();
        while list.len() < length {
            let p = [0, 0, 1, 1, 2, 3][rng.below(6)];
            if !list.contains(&p) {
                list.push(p);
            }
        }
        prefs.push(list);
    }
    // Trainee 0 enters their own list through their linked account; a teacher enters the rest.
    let school_admin = &school.admin;
    ok(
        &school_admin
            .send_json(
                Method::PUT,
                &format!("/api/v1/trainees/{}/account", trainees[0]),
                &json!({"login": "trainee"}),
            )
            .await,
        "link account",
    );
    let me = app.client_as(Persona::Trainee).await;
    let ids = |list: &Vec<usize>| list.iter().map(|&p| places[p].clone()).collect::<Vec<_>>();
    let own = ok(
        &me.send_json(
            Method::PUT,
            &format!("/api/v1/rounds/{round}/preferences"),
            &json!({"demand_ids": ids(&prefs[0])}),
        )
        .await,
        "own preferences",
    );
    assert_eq!(own["entered_by"], "trainee");
    let teacher = app.client_as(Persona::Teacher).await;
    for i in 1..n {
        let saved = ok(
            &teacher
                .send_json(
                    Method::PUT,
                    &format!("/api/v1/rounds/{round}/preferences"),
                    &json!({"trainee_id": trainees[i], "demand_ids": ids(&prefs[i])}),
                )
                .await,
            "teacher's entry",
        );
        assert_eq!(
            saved["entered_by"], "teacher",
            "recorded as entered by the teacher"
        );
        assert_eq!(saved["entered_role"], "staff");
    }
    // Each place ranks its applicants in its own fixed order: three by the API, one by a file.
    let mut orders: Vec<Vec<usize>> = Vec::new();
    for (p, place_id) in places.iter().enumerate() {
        let mut applicants: Vec<usize> = (0..n).filter(|&t| prefs[t].contains(&p)).collect();
        applicants.sort_by_key(|&t| (t * 7 + p * 13) % 31);
        let path = format!("/api/v1/rounds/{round}/places/{place_id}");
        if p < 3 {
            let ranked: Vec<&str> = applicants.iter().map(|&t| trainees[t].as_str()).collect();
            let set = ok(
                &hr.send_json(
                    Method::PUT,
                    &format!("{path}/ranking"),
                    &json!({"method": "order", "trainee_ids": ranked}),
                )
                .await,
                "order",
            );
            assert_eq!(set["method"], "order");
        } else {
            let mut csv = String::from("排名,申请人编号\r\n");
            for (rank, &t) in applicants.iter().enumerate() {
                csv.push_str(&format!("{},{}\r\n", rank + 1, trainees[t]));
            }
            let uploaded = hr
                .send_raw(
                    Method::POST,
                    &format!("{path}/order"),
                    "text/csv",
                    csv.into_bytes(),
                )
                .await;
            assert_eq!(uploaded.status(), StatusCode::OK, "{}", uploaded.body());
        }
        let listed = ok(&hr.get(&format!("{path}/applicants")).await, "applicants");
        assert_eq!(listed["ranking"]["method"], "order");
        assert_eq!(
            listed["applicants"][0]["trainee_id"],
            trainees[applicants[0]].as_str(),
            "the enterprise sees its applicants in its order"
        );
        assert!(
            listed["applicants"][0]["name"]
                .as_str()
                .unwrap()
                .contains('*'),
            "names are masked for the enterprise"
        );
        orders.push(applicants);
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
    assert!(
        closed["round"]["seed"].is_i64(),
        "the seed is recorded at close"
    );
    let round_now = wait_until_solved(&secretariat, &round, &closed).await;
    assert_eq!(round_now["status"], "solved");

    let expected = deferred_acceptance(&prefs, &seats, &orders);

    // Solving ran as a background job, which its starter can follow and nobody else can see.
    let job = closed["job"]["id"]
        .as_str()
        .expect("close names its job")
        .to_string();
    let polled = secretariat.wait_for_job(&job).await;
    assert_eq!(polled["status"], "done", "{polled}");
    assert_eq!(polled["kind"], "round.solve");
    assert_eq!(
        polled["outcome"]["review"]["placed"],
        expected.iter().filter(|p| p.is_some()).count()
    );
    assert_eq!(
        polled["progress"]["stage"], "store",
        "the last stage is kept"
    );
    let page = secretariat.get(&format!("/jobs/{job}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.body().contains("已完成"), "{}", page.body());
    assert!(page.body().contains(&format!("/rounds/{round}/review")));
    assert!(
        !page.body().contains("http-equiv=\"refresh\""),
        "a finished job stops refreshing"
    );
    let someone_else = app.client_as(Persona::Hr).await;
    assert_eq!(
        someone_else
            .get(&format!("/api/v1/jobs/{job}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        someone_else.get(&format!("/jobs/{job}")).await.status(),
        404
    );
    let review = ok(
        &secretariat
            .get(&format!("/api/v1/rounds/{round}/review"))
            .await,
        "review",
    );
    let expected_placed = expected.iter().filter(|p| p.is_some()).count();
    assert_eq!(review["applicants"], n);
    assert_eq!(review["placed"], expected_placed);
    assert_eq!(review["unplaced"], n - expected_placed);
    assert_eq!(review["stable_blocking_pairs"], 0);
    assert_eq!(
        review["first_choice"],
        (0..n)
            .filter(|&t| expected[t] == prefs[t].first().copied())
            .count()
    );
    assert!(review["max"]["placed"].as_u64().unwrap() >= expected_placed as u64);
    assert_eq!(review["by_enterprise"][0]["filled"], expected_placed);
    assert!(review["violations"].as_array().unwrap().is_empty());

    // Every trainee got exactly what the independent computation says.
    let admitted = ok(
        &secretariat
            .get(&format!("/api/v1/rounds/{round}/admitted"))
            .await,
        "admitted",
    );
    let mut got: HashMap<String, String> = HashMap::new();
    for item in admitted["items"].as_array().unwrap() {
        for a in item["admitted"].as_array().unwrap() {
            got.insert(
                a["trainee_id"].as_str().unwrap().to_string(),
                item["place"]["demand_id"].as_str().unwrap().to_string(),
            );
        }
    }
    for t in 0..n {
        assert_eq!(
            got.get(&trainees[t]),
            expected[t].map(|p| &places[p]),
            "trainee {t} with list {:?}",
            prefs[t]
        );
    }

    // The exported files re-check as stable with the engine's own checker, and re-solve to the same assignment.
    let instance_text = secretariat
        .get(&format!("/api/v1/rounds/{round}/export/instance.hr1"))
        .await;
    assert_eq!(instance_text.status(), StatusCode::OK);
    let assignment_text = secretariat
        .get(&format!("/api/v1/rounds/{round}/export/assignment.txt"))
        .await;
    let instance =
        gongjiang_placement::file::read_instance(instance_text.body().as_bytes()).unwrap();
    let assignment =
        gongjiang_placement::file::read_assignment(assignment_text.body().as_bytes(), &instance)
            .unwrap();
    assert_eq!(instance.trainees(), n);
    assert!(
        gongjiang_placement::check::check_assignment(&instance, &assignment)
            .unwrap()
            .is_empty(),
        "no blocking pair"
    );
    assert_eq!(
        gongjiang_placement::solve(&instance).assignments(),
        assignment.as_slice()
    );
    let workbook = secretariat
        .get(&format!("/api/v1/rounds/{round}/export/round.xlsx"))
        .await;
    assert_eq!(workbook.status(), StatusCode::OK);
    assert!(
        workbook
            .header("content-type")
            .unwrap_or_default()
            .contains("spreadsheetml")
    );
    assert_eq!(
        hr.get(&format!("/api/v1/rounds/{round}/export/instance.hr1"))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "exports are the secretariat's"
    );

    // Before publishing, trainees see nothing yet.
    assert_eq!(
        me.get(&format!("/api/v1/rounds/{round}/result"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let published = ok(
        &secretariat
            .send_json(
                Method::POST,
                &format!("/api/v1/rounds/{round}/publish"),
                &json!({}),
            )
            .await,
        "publish",
    );
    assert_eq!(published["status"], "published");

    // Trainee 0 reads their own result, in plain words.
    let mine = ok(
        &me.get(&format!("/api/v1/rounds/{round}/result")).await,
        "my result",
    );
    assert_eq!(
        mine["assigned"].as_str(),
        expected[0].map(|p| places[p].as_str())
    );
    let summary = mine["summary"].as_str().unwrap();
    assert!(
        summary.contains("录取") || summary.contains("未被录取"),
        "{summary}"
    );
    // A trainee refused by their first choice is told the cutoff and their position.
    let refused = (0..n)
        .find(|&t| expected[t] != Some(prefs[t][0]))
        .expect("someone missed their first choice");
    let theirs = ok(
        &teacher
            .get(&format!(
                "/api/v1/rounds/{round}/result?trainee_id={}",
                trainees[refused]
            ))
            .await,
        "a trainee's result",
    );
    let first_line = &theirs["lines"][0];
    assert_eq!(first_line["choice"], 1);
    assert_eq!(first_line["reason"], "full");
    let text = first_line["text"].as_str().unwrap();
    assert!(
        text.starts_with("你的第1志愿") && text.contains("录取线为第") && text.contains("你排第"),
        "{text}"
    );
    let cutoff = first_line["cutoff_rank"].as_u64().unwrap() as usize;
    let position = first_line["rank"].as_u64().unwrap() as usize;
    assert!(position > cutoff, "below the cutoff");
    let p0 = prefs[refused][0];
    assert_eq!(
        orders[p0][position], refused,
        "the position is the one in the enterprise's order"
    );
    // The enterprise sees each place's admitted list and cutoff; placements exist.
    let ours = ok(
        &hr.get(&format!("/api/v1/rounds/{round}/admitted")).await,
        "enterprise results",
    );
    let full = ours["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["filled"] == i["capacity"] && i["capacity"].as_i64().unwrap() > 0)
        .expect("a full place");
    assert!(full["cutoff_rank"].as_i64().unwrap() >= 1);
    // Participants are told on their home page.
    let home = me.get("/").await;
    assert!(home.body().contains("结果已发布"), "trainee notice");
    let hr_home = hr.get("/").await;
    assert!(hr_home.body().contains("结果已发布"), "enterprise notice");
    let school_home = teacher.get("/").await;
    assert!(school_home.body().contains("结果已发布"), "school notice");
    let page = me.get(&format!("/rounds/{round}/result")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.body().contains("id=\"explanation\""));
}

/// Records the stages a solve reports: (stage, total, units done).
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<(&'static str, u64, u64)>>);

impl gongjiang_app::rounds::Report for Recorder {
    fn stage(&self, stage: &'static str, total: u64) {
        self.0.lock().unwrap().push((stage, total, 0));
    }
    fn advance(&self, units: u64) {
        if let Some(last) = self.0.lock().unwrap().last_mut() {
            last.2 += units;
        }
    }
}

/// Follows the solve that closing started (a background job, or done at once)
/// to its end and returns the round as it then is.
async fn wait_until_solved(client: &TestClient, round: &str, closed: &Value) -> Value {
    if let Some(job) = closed["job"]["id"].as_str() {
        let view = client.wait_for_job(job).await;
        assert_ne!(view["status"], "running", "{view}");
    }
    let r = client.get(&format!("/api/v1/rounds/{round}")).await.json();
    assert_ne!(r["status"], "closed", "round {round} was not solved: {r}");
    r
}

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
            org_id: app.demo.chair,
            role: Role::Secretariat,
            alliance_id: app.demo.alliance,
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

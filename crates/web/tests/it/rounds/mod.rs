//! Placement rounds over HTTP: here, a whole round end to end whose stable
//! outcome the test computes on its own, and the helpers the round tests
//! share; the refusals in `refusals`, the pages in `pages`.

mod pages;
mod refusals;

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

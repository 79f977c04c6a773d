//! The demo `serve --demo` loads (alliance scale, the serve seed) shows the
//! talent chain to its personas: the trainee's learning tasks, internship,
//! weekly log and certificate; the school's internships (one ready, one draft
//! the rules refuse), follow-ups due and funnel; the host's interns and
//! reminders; and public verify pages for a valid and a revoked certificate.
//! The demo loads, keeping every rule, on four days across the year.

use gongjiang_testkit::reqwest::StatusCode;
use gongjiang_testkit::{Persona, TestApp, TestClient};
use serde_json::Value;

async fn ok(client: &TestClient, path: &str) -> Value {
    let answer = client.get(path).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path}: {}", answer.body());
    answer.json()
}

fn items(v: &Value, key: &str) -> Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key}: {v}"))
        .clone()
}

#[tokio::test]
async fn the_demo_shows_training_internships_employment_and_certificates_to_its_personas() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    let (_, report) = gongjiang_app::demo_scale::load(
        &app.app,
        gongjiang_app::demo_scale::Scale::Alliance,
        20_231_201,
    )
    .await
    .unwrap();
    let chain = &report.chain;
    assert!(
        chain.work_tasks > 0 && chain.learning_tasks > 0,
        "{chain:?}"
    );
    assert!(
        chain.learning_records > 0 && chain.internships > 0,
        "{chain:?}"
    );
    assert!(chain.log_entries > 0 && chain.employment > 0, "{chain:?}");
    assert!(chain.follow_ups > 0 && chain.certificates > 1, "{chain:?}");

    // The trainee: learning tasks and an internship on their record, a log with a
    // query and a missing week, and a certificate.
    let trainee = app.client_as(Persona::Trainee).await;
    let home = trainee.get("/").await;
    assert!(
        home.body().contains("id=\"my-certificates\"") && home.body().contains("我的有效证书 1 张"),
        "the trainee's home counts their certificate: {}",
        home.body()
    );
    let record = ok(&trainee, "/api/v1/me/record").await;
    // Words and field names, not interface keys; instants in RFC 3339 (+08:00).
    for section in items(&record, "sections") {
        assert!(
            !section["heading"].as_str().unwrap().contains("path."),
            "{section}"
        );
        for item in items(&section, "items") {
            for fact in items(&item, "facts") {
                assert!(!fact["label"].as_str().unwrap().contains('.'), "{fact}");
                assert!(
                    fact.get("choice").is_none() && fact["field"].is_string(),
                    "{fact}"
                );
            }
        }
    }
    let mut instants = Vec::new();
    crate::areas::instants(&record, "record", &mut instants);
    for (at, v) in &instants {
        assert!(
            v.as_str().is_some_and(|t| t.ends_with("+08:00")),
            "{at} = {v}"
        );
    }
    let section = |key: &str| {
        items(&record, "sections")
            .into_iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("no section {key}: {record}"))
    };
    assert!(!items(&section("path.learning"), "items").is_empty());
    assert_eq!(items(&section("path.internships"), "items").len(), 1);
    let mine = items(&ok(&trainee, "/api/v1/internships").await, "items");
    assert_eq!(mine.len(), 1);
    let id = mine[0]["id"].as_str().unwrap().to_string();
    let view = ok(&trainee, &format!("/api/v1/internships/{id}")).await;
    assert_eq!(view["status"], "in_progress");
    let logs = items(&view, "logs");
    assert!(logs.iter().any(|l| l["status"] == "confirmed"));
    assert!(logs.iter().any(|l| l["status"] == "queried"));
    assert!(!items(&view, "missing_weeks").is_empty());
    assert!(!items(&view, "documents").is_empty());
    let me = record["trainee_id"].as_str().unwrap();
    let evaluations = ok(&trainee, &format!("/api/v1/trainees/{me}/evaluations")).await;
    let certificates = items(&evaluations, "certificates");
    assert_eq!(certificates.len(), 1, "{evaluations}");
    assert_eq!(certificates[0]["status"], "valid");

    // The school: internships in every state, the ready one clean, the draft refused.
    let school = app.client_as(Persona::SchoolAdmin).await;
    let all = items(&ok(&school, "/api/v1/internships").await, "items");
    let with_status = |s: &str| {
        all.iter()
            .filter(|i| i["status"] == s)
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(with_status("in_progress").len() >= 5);
    assert!(!with_status("finished").is_empty());
    let hard = |check: &Value| {
        items(check, "failures")
            .iter()
            .filter(|f| f["severity"] == "hard")
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let ready = with_status("ready");
    assert_eq!(ready.len(), 1);
    let check = ok(&school, &format!("/api/v1/internships/{}/check", ready[0])).await;
    assert!(hard(&check).is_empty(), "{check}");
    let draft = with_status("draft");
    assert_eq!(draft.len(), 1);
    let check = ok(&school, &format!("/api/v1/internships/{}/check", draft[0])).await;
    let refused = hard(&check);
    assert!(
        refused.contains(&"INT-03".to_string()) && refused.contains(&"INT-05".to_string()),
        "{check}"
    );

    // Follow-ups due for the school and the employer, on their home pages too.
    let due = items(&ok(&school, "/api/v1/employment/reminders").await, "items");
    assert!(!due.is_empty());
    assert!(school.get("/").await.body().contains("项就业回访待填写"));
    let hr = app.client_as(Persona::Hr).await;
    assert!(!items(&ok(&hr, "/api/v1/internships").await, "items").is_empty());
    assert!(!items(&ok(&hr, "/api/v1/employment/reminders").await, "items").is_empty());
    assert!(hr.get("/").await.body().contains("项就业回访待填写"));

    // The funnel has figures at every stage.
    let funnel = ok(&school, "/api/v1/funnel?by=cohort").await;
    let total: Vec<i64> = items(&funnel, "total")
        .iter()
        .map(|c| c.as_i64().unwrap())
        .collect();
    assert_eq!(total.len(), items(&funnel, "stages").len(), "{funnel}");
    assert!(total.len() >= 5, "{funnel}");
    assert!(total.iter().all(|&n| n > 0), "{total:?}");

    // Public verify pages: one valid, one revoked.
    let issued = items(
        &ok(&school, "/api/v1/certificates?per_page=200").await,
        "items",
    );

    // The school's home counts the trainees certified this term, and its
    // link lists exactly them (the demo's school issues its own).
    let term = gongjiang_domain::demand::iso(gongjiang_domain::supply::term_start(
        app.app.now().date_cst(),
    ));
    let mut certified: Vec<&str> = issued
        .iter()
        .filter(|c| c["status"] != "revoked" && c["issued_on"].as_str() >= Some(term.as_str()))
        .map(|c| c["trainee_id"].as_str().unwrap())
        .collect();
    certified.sort_unstable();
    certified.dedup();
    let home = school.get("/").await;
    let listed = ok(
        &school,
        &format!("/api/v1/trainees?certified_since={term}&per_page=200"),
    )
    .await;
    assert_eq!(
        listed["total"].as_u64(),
        Some(certified.len() as u64),
        "{listed}"
    );
    if certified.is_empty() {
        assert!(!home.body().contains("id=\"certified-term\""));
    } else {
        assert!(
            home.body().contains(&format!(
                "本学期（{term} 起）取证学员 {} 人",
                certified.len()
            )),
            "{}",
            home.body()
        );
    }
    let anyone = app.client();
    for (status, words) in [("valid", "有效"), ("revoked", "已撤销")] {
        let c = issued
            .iter()
            .find(|c| c["status"] == status)
            .unwrap_or_else(|| panic!("no {status} certificate"));
        let url = c["verify_url"].as_str().unwrap();
        let token = url.rsplit('/').next().unwrap();
        let page = anyone.get(&format!("/verify/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.body().contains(words), "{status}");
    }
}

#[tokio::test]
async fn the_demo_loads_keeping_its_rules_on_four_days_across_the_year() {
    // Dates drive ages, years of study, log weeks and follow-ups: winter, spring,
    // the day after graduation, and the first day of the school year.
    for days in [39, 108, 215, 277] {
        let app = TestApp::spawn_with(gongjiang_testkit::Options {
            load_demo: false,
            ..Default::default()
        })
        .await;
        app.clock.advance_minutes(days * 24 * 60);
        let (_, report) = gongjiang_app::demo_scale::load(
            &app.app,
            gongjiang_app::demo_scale::Scale::Alliance,
            20_231_201,
        )
        .await
        .unwrap_or_else(|e| panic!("{days} days on: {e:?}"));
        let chain = &report.chain;
        assert!(
            chain.internships >= 8 && chain.log_entries > 0,
            "{days}: {chain:?}"
        );
        assert!(
            chain.employment > 0 && chain.follow_ups > 0 && chain.certificates > 0,
            "{days}: {chain:?}"
        );
        let school = app.client_as(Persona::SchoolAdmin).await;
        let due = items(&ok(&school, "/api/v1/employment/reminders").await, "items");
        assert!(!due.is_empty(), "{days}: no follow-up due");
    }
}

//! Certificates over HTTP: issued once per result within a filing, frozen
//! results, revocation seen on the public verify page, DID documents and
//! status lists served, and a downloaded credential checked offline the way
//! `gongjiang verify` checks it.

use crate::evaluation::{scored, world};
use gongjiang_credentials::{Outcome, PublicKeySet, Reason, StatusLists, verify};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, START, TestApp};
use serde_json::{Value, json};
use time::OffsetDateTime;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(START.0 / 1000).unwrap()
}

async fn issue(w: &crate::evaluation::World, candidate: &str) -> Value {
    let answer = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{candidate}/certificate"),
            &json!({}),
        )
        .await;
    assert_eq!(answer.status(), StatusCode::CREATED, "{}", answer.body());
    answer.json()
}

fn token(certificate: &Value) -> String {
    certificate["verify_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// What `gongjiang verify FILE --did-document D --status-list L…` would
/// trust: the published DID document and status lists, fetched anonymously.
async fn published(app: &TestApp) -> (PublicKeySet, StatusLists) {
    let anon = app.client();
    let org = app.demo.school;
    let did = anon.get(&format!("/orgs/{org}/did.json")).await;
    assert_eq!(did.status(), StatusCode::OK, "{}", did.body());
    let mut keys = PublicKeySet::new();
    assert_eq!(keys.insert_did_document(&did.json()).unwrap(), 1);
    let mut lists = StatusLists::new();
    for purpose in ["revocation", "suspension"] {
        let list = anon.get(&format!("/status/{org}/{purpose}")).await;
        assert_eq!(list.status(), StatusCode::OK, "{}", list.body());
        lists.insert_credential(list.body(), &keys, now()).unwrap();
    }
    (keys, lists)
}

#[tokio::test]
async fn a_result_is_certified_once_and_cannot_change_until_the_certificate_is_revoked() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = scored(&w, &w.eligible, 82, 77).await;

    let first = issue(&w, &c).await;
    let twice = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{c}/certificate"),
            &json!({}),
        )
        .await;
    let changed = w
        .school
        .send_json(
            Method::PUT,
            &format!("/api/v1/evaluation/candidates/{c}/scores"),
            &json!({"theory_score": 90, "practical_score": 90}),
        )
        .await;

    let number = first["number"].as_str().unwrap();
    assert_eq!(number.len(), 22);
    assert!(number.starts_with("S0000420001232640"), "{number}");
    assert!(number.ends_with("000001"));
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    assert_eq!(changed.status(), StatusCode::CONFLICT);
    let id = first["id"].as_str().unwrap();
    let revoked = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/certificates/{id}/revoke"),
            &json!({"reason": "成绩录入有误"}),
        )
        .await;
    assert_eq!(revoked.json()["status"], "revoked");
    // On the same scores, neither one issue nor the whole session certifies it again.
    let again = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{c}/certificate"),
            &json!({}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "{}", again.body());
    assert!(
        again.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("重新录入成绩")
    );
    let bulk = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/sessions/{}/certificates", w.session),
            &json!({}),
        )
        .await;
    let job = if bulk.status() == StatusCode::ACCEPTED {
        w.school.wait_for_job(&bulk.location()).await
    } else {
        assert_eq!(bulk.status(), StatusCode::OK, "{}", bulk.body());
        bulk.json()["job"].clone()
    };
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["outcome"]["issued"], 0, "{job}");
    assert_eq!(
        job["outcome"]["skipped"][0]["candidate_id"],
        c.as_str(),
        "{job}"
    );
    assert_eq!(job["outcome"]["skipped"][0]["reason"], "rescore_first");
    let page = w
        .school
        .get(&format!("/evaluation/sessions/{}", w.session))
        .await;
    assert!(
        page.body().contains("证书已撤销，须重新录入成绩后再发证"),
        "the session page says why"
    );
    let corrected = w
        .school
        .send_json(
            Method::PUT,
            &format!("/api/v1/evaluation/candidates/{c}/scores"),
            &json!({"theory_score": 90, "practical_score": 90}),
        )
        .await;
    assert_eq!(corrected.status(), StatusCode::OK, "{}", corrected.body());
    let reissued = issue(&w, &c).await;
    assert_ne!(reissued["number"], first["number"]);
    let audit = w
        .secretariat
        .get("/api/v1/audit?action=certificate.")
        .await
        .json();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "certificate.issue")
            .count(),
        2,
        "{actions:?}"
    );
    assert!(actions.contains(&"certificate.revoke"));
    let mine = w
        .school
        .get(&format!("/api/v1/trainees/{}/evaluations", w.eligible))
        .await
        .json();
    assert_eq!(mine["certificates"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn without_a_filing_in_force_on_the_issue_date_nobody_can_issue() {
    let app = TestApp::spawn().await;
    // Filed until the day before the tests' "today" (2026-11-28); the session was within it.
    let w = world(&app, Some("2026-11-27")).await;
    let c = scored(&w, &w.eligible, 80, 80).await;

    let lapsed = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{c}/certificate"),
            &json!({}),
        )
        .await;
    let by_secretariat = w
        .secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/candidates/{c}/certificate"),
            &json!({}),
        )
        .await;

    assert_eq!(lapsed.status(), StatusCode::CONFLICT, "{}", lapsed.body());
    assert!(
        lapsed.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("备案")
    );
    assert!(
        by_secretariat.status() == StatusCode::FORBIDDEN
            || by_secretariat.status() == StatusCode::NOT_FOUND,
        "{}",
        by_secretariat.status()
    );
    assert_eq!(
        w.school.get("/api/v1/certificates").await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn a_revoked_certificate_shows_revoked_with_reason_and_date_and_the_page_masks_personal_data()
{
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = scored(&w, &w.eligible, 80, 80).await;
    let cert = issue(&w, &c).await;
    let page = format!("/verify/{}", token(&cert));
    let anon = app.client();

    let before = anon.get(&page).await;
    let id = cert["id"].as_str().unwrap();
    w.school
        .send_json(
            Method::POST,
            &format!("/api/v1/certificates/{id}/revoke"),
            &json!({"reason": "证书信息有误"}),
        )
        .await;
    let after = anon.get(&page).await;

    assert_eq!(before.status(), StatusCode::OK);
    assert!(
        before.body().contains("data-outcome=\"valid\""),
        "{}",
        before.body()
    );
    for body in [before.body(), after.body()] {
        assert!(!body.contains("欧阳娜娜"), "full name shown");
        assert!(
            !body.contains("42010220060315001X") && !body.contains("4201**"),
            "ID number shown"
        );
        assert!(!body.contains("138"), "phone shown");
        assert!(body.contains("欧**娜"), "masked name");
        assert!(body.contains("电子设备装接工") && body.contains("四级/中级工"));
    }
    assert!(
        after.body().contains("data-outcome=\"revoked\""),
        "{}",
        after.body()
    );
    assert!(after.body().contains("证书信息有误"));
    assert!(after.body().contains("2026-11-28"));
    assert_eq!(
        anon.get("/verify/no-such-token").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_did_document_and_status_lists_are_served_to_anyone() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let anon = app.client();
    let org = app.demo.school;
    assert_eq!(
        anon.get(&format!("/orgs/{org}/did.json")).await.status(),
        StatusCode::NOT_FOUND,
        "no key before the first certificate"
    );
    let c = scored(&w, &w.eligible, 80, 80).await;
    issue(&w, &c).await;

    let did = anon.get(&format!("/orgs/{org}/did.json")).await;
    let list = anon.get(&format!("/status/{org}/revocation")).await;

    assert_eq!(
        did.header("content-type").as_deref(),
        Some("application/did+json")
    );
    let doc = did.json();
    assert!(
        doc["id"]
            .as_str()
            .unwrap()
            .ends_with(&format!(":orgs:{org}")),
        "{doc}"
    );
    assert!(
        doc["verificationMethod"][0]["publicKeyMultibase"]
            .as_str()
            .unwrap()
            .starts_with("z6Mk")
    );
    assert!(!did.body().contains("seed") && !did.body().contains("private"));
    let l = list.json();
    assert!(
        l["type"]
            .to_string()
            .contains("BitstringStatusListCredential")
    );
    assert_eq!(l["credentialSubject"]["statusPurpose"], "revocation");
    assert!(l["validUntil"].is_string());
    assert_eq!(
        anon.get(&format!("/status/{org}/other")).await.status(),
        StatusCode::NOT_FOUND
    );
    published(&app).await;
}

#[tokio::test]
async fn a_downloaded_credential_verifies_offline_and_fails_when_tampered_with_or_revoked() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = scored(&w, &w.eligible, 80, 80).await;
    let cert = issue(&w, &c).await;
    let download = app
        .client()
        .get(&format!("/verify/{}/credential.json", token(&cert)))
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    let text = download.body().to_string();
    assert!(!text.contains("欧阳娜娜") && !text.contains("42010220060315001X"));

    let (keys, lists) = published(&app).await;
    let valid = verify(&text, &keys, now(), &lists);
    let tampered = verify(
        &text.replace("四级/中级工", "三级/高级工"),
        &keys,
        now(),
        &lists,
    );

    assert_eq!(valid.outcome, Outcome::Valid, "{:?}", valid.outcome);
    assert_eq!(
        valid.details.as_ref().unwrap().number,
        cert["number"].as_str().unwrap()
    );
    assert_eq!(tampered.outcome, Outcome::Invalid(Reason::BadSignature));
    let id = cert["id"].as_str().unwrap();
    w.school
        .send_json(
            Method::POST,
            &format!("/api/v1/certificates/{id}/revoke"),
            &json!({"reason": "违规取得"}),
        )
        .await;
    let (keys, lists) = published(&app).await;
    let revoked = verify(&text, &keys, now(), &lists);
    assert!(
        matches!(&revoked.outcome, Outcome::Invalid(Reason::Revoked { reason: Some(r), .. }) if r == "违规取得"),
        "{:?}",
        revoked.outcome
    );
}

#[tokio::test]
async fn a_whole_session_is_issued_as_a_job_and_each_certificate_prints_with_its_qr_code() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    scored(&w, &w.eligible, 80, 80).await;
    let school = app.client_as(Persona::SchoolAdmin).await;

    let started = school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/sessions/{}/certificates", w.session),
            &json!({}),
        )
        .await;

    assert!(
        started.status() == StatusCode::OK || started.status() == StatusCode::ACCEPTED,
        "{}",
        started.body()
    );
    let job = started.header("location").unwrap();
    let view = school.wait_for_job(&job).await;
    assert_eq!(view["status"], "done", "{view}");
    assert_eq!(view["outcome"]["issued"], 1);
    let list = school.get("/api/v1/certificates").await.json();
    let cert = &list["items"][0];
    assert_eq!(list["total"], 1, "the list says its total: {list}");
    assert_eq!(list["page"], 1);
    let beyond = school.get("/api/v1/certificates?page=2").await.json();
    assert_eq!(
        beyond["items"].as_array().map(Vec::len),
        Some(0),
        "{beyond}"
    );
    assert_eq!(beyond["total"], 1);
    let again = school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/sessions/{}/certificates", w.session),
            &json!({}),
        )
        .await;
    assert_eq!(
        again.json()["job"]["outcome"]["issued"],
        0,
        "{}",
        again.body()
    );
    let print = school.get(cert["print_url"].as_str().unwrap()).await;
    assert_eq!(print.status(), StatusCode::OK);
    assert!(print.body().contains("职业技能等级证书") && print.body().contains("/qr.svg"));
    assert!(print.body().contains(cert["number"].as_str().unwrap()));
    // The sheet handed over names its holder in full, as a paper certificate does.
    assert!(print.body().contains("欧阳娜娜"), "full name on the print");
    assert!(
        print.body().contains("42010220060315001X"),
        "full ID on the print"
    );
    assert!(print.body().contains("data-print"), "a print button");
    assert!(
        print.body().contains("href=\"/certificates\""),
        "the way back"
    );
    // The public verify page stays masked.
    let public = app.client().get(&format!("/verify/{}", token(cert))).await;
    assert!(!public.body().contains("欧阳娜娜") && !public.body().contains("42010220060315001X"));
    // Others who may see the certificate may not print it.
    assert_eq!(
        w.secretariat
            .get(cert["print_url"].as_str().unwrap())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let audit = w
        .secretariat
        .get("/api/v1/audit?action=certificate.print")
        .await
        .json();
    assert_eq!(
        audit["items"].as_array().unwrap().len(),
        1,
        "printing is audited"
    );
    let qr = app
        .client()
        .get(&format!("/verify/{}/qr.svg", token(cert)))
        .await;
    assert_eq!(qr.header("content-type").as_deref(), Some("image/svg+xml"));
    assert!(qr.body().contains("<svg"));
    assert_eq!(
        app.client_as(Persona::Hr)
            .await
            .get(cert["print_url"].as_str().unwrap())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_trainees_record_shows_evaluations_and_certificates_and_the_funnel_counts_them() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let linked = w
        .school
        .send_json(
            Method::PUT,
            &format!("/api/v1/trainees/{}/account", w.eligible),
            &json!({"login": "trainee"}),
        )
        .await;
    assert!(linked.status().is_success(), "{}", linked.body());
    let c = scored(&w, &w.eligible, 82, 77).await;
    let certificate = issue(&w, &c).await;
    let me = app.client_as(Persona::Trainee).await;

    // The trainee's own record: the session with its result, the certificate linking its verify page.
    let page = me.get("/me/record").await;
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.body();
    assert!(
        body.contains("id=\"path.evaluations\"") && body.contains("合格"),
        "{body}"
    );
    assert!(
        body.contains(certificate["number"].as_str().unwrap()),
        "{body}"
    );
    assert!(
        body.contains(&format!("href=\"/verify/{}\"", token(&certificate))),
        "{body}"
    );
    let api = me.get("/api/v1/me/record").await.json();
    let section = |key: &str| {
        api["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("no {key}"))
            .clone()
    };
    assert_eq!(
        section("path.evaluations")["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        section("path.certificates")["items"][0]["facts"][3]["value"],
        "valid"
    );

    // The funnel counts the evaluated and the certified; a revoked certificate no longer counts.
    let cohort = "2024级电子设备装配中级工1班";
    let counts = |f: &Value| -> Vec<i64> {
        let stages: Vec<&str> = f["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let row = f["groups"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == cohort)
            .expect("the cohort's row");
        ["evaluated", "certified"]
            .iter()
            .map(|s| {
                row["counts"][stages.iter().position(|x| x == s).unwrap()]
                    .as_i64()
                    .unwrap()
            })
            .collect()
    };
    let funnel = w.school.get("/api/v1/funnel?by=cohort").await.json();
    assert_eq!(counts(&funnel), [1, 1]);
    let id = certificate["id"].as_str().unwrap();
    let revoked = w
        .school
        .send_json(
            Method::POST,
            &format!("/api/v1/certificates/{id}/revoke"),
            &json!({"reason": "考评记录有误，待复核"}),
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::OK, "{}", revoked.body());
    let funnel = w.school.get("/api/v1/funnel?by=cohort").await.json();
    assert_eq!(counts(&funnel), [1, 0]);
    assert!(me.get("/me/record").await.body().contains("已撤销"));
}

#[tokio::test]
async fn a_certificate_is_found_by_its_number_with_its_holders_name_only_and_lookups_are_limited() {
    let app = TestApp::spawn().await;
    let w = world(&app, None).await;
    let c = scored(&w, &w.eligible, 80, 80).await;
    let cert = issue(&w, &c).await;
    let number = cert["number"].as_str().unwrap().to_string();
    let anon = app.client();

    let found = anon
        .get(&format!("/verify?number={number}&name=欧阳娜娜"))
        .await;
    assert_eq!(found.status(), StatusCode::SEE_OTHER, "{}", found.body());
    assert_eq!(found.location(), format!("/verify/{}", token(&cert)));
    let page = anon.get(&found.location()).await;
    assert!(page.body().contains("欧**娜") && !page.body().contains("欧阳娜娜"));
    assert!(
        !page.body().contains("42010220060315001X"),
        "never the ID number"
    );
    let spaced = anon
        .get(&format!(
            "/api/v1/verify?number={}&name=欧阳 娜娜",
            number.to_lowercase()
        ))
        .await;
    assert_eq!(spaced.status(), StatusCode::OK, "{}", spaced.body());
    assert!(
        spaced.json()["verify_url"]
            .as_str()
            .unwrap()
            .ends_with(&token(&cert))
    );

    // A wrong name and an unknown number answer alike.
    let wrong = anon
        .get(&format!("/verify?number={number}&name=欧阳娜"))
        .await;
    let unknown = anon.get("/verify?number=S9999999999&name=欧阳娜娜").await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(wrong.body().contains("未找到") && unknown.body().contains("未找到"));
    let missing = anon.get("/api/v1/verify?number=&name=").await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body().contains("\"number\""), "{}", missing.body());

    // A thousand guessed numbers find nothing, and the address is stopped
    // after the limit; the window's end lifts it.
    let used = 4; // the lookups above, less the one refused for its missing fields
    let mut answers = Vec::new();
    for i in 0..1000u32 {
        let guess = format!("S{:010}", 1_000_003_u64 * u64::from(i) % 9_999_999_999);
        let a = anon
            .get(&format!("/api/v1/verify?number={guess}&name=欧阳娜娜"))
            .await;
        answers.push(a.status());
        if a.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(a.header("retry-after").is_some());
            break;
        }
    }
    let limit = usize::try_from(gongjiang_app::certificates::LOOKUPS_PER_WINDOW).unwrap();
    assert_eq!(answers.len(), limit - used + 1, "{answers:?}");
    assert!(
        answers[..answers.len() - 1]
            .iter()
            .all(|s| *s == StatusCode::NOT_FOUND)
    );
    let stopped = anon
        .get(&format!("/verify?number={number}&name=欧阳娜娜"))
        .await;
    assert_eq!(
        stopped.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even a right guess"
    );
    app.clock
        .advance_minutes(gongjiang_app::certificates::WINDOW_MINUTES);
    let again = anon
        .get(&format!("/verify?number={number}&name=欧阳娜娜"))
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
}

//! Walks every registered route: nothing but public routes answers an
//! anonymous visitor, and routes reserved by the policy table refuse a trainee.
//!
//! Every path parameter is filled with the id of a real record of its kind
//! (the alliance-scale demo, plus a few records made through the API), so a
//! route cannot pass by answering "not found" for a made-up id; a parameter
//! the walk does not know fails the test, naming it.

use gongjiang_domain::ids::{DemandId, PlacementId, TraineeId};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Answer, Persona, TestApp, TestClient};
use gongjiang_web::routes::{Access, RouteSpec, registry};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};

/// A tiny PDF, for the routes that take a file.
const PDF: &[u8] = b"%PDF-1.4\n% a tiny test document\n";

/// Routes that answer a trainee with something other than 403/404 although
/// the policy table withholds them, with the one status each may answer: each
/// is a finding whose fix belongs in the app or web crate, not here.
const KNOWN_EXCEPTIONS: &[(&str, &str, u16)] = &[];

/// The real records the walk fills path parameters with, by parameter.
struct Ids {
    /// `(the literal segment before the parameter, the parameter)` to an id.
    by_param: BTreeMap<(&'static str, &'static str), String>,
    /// Ids for JSON body fields, by field name.
    by_field: BTreeMap<&'static str, String>,
}

impl Ids {
    /// The path with every `{param}` replaced by a real id (panics, naming the
    /// route and the parameter, when the walk knows no record for it).
    fn concrete(&self, path: &str) -> String {
        let segments: Vec<&str> = path.split('/').collect();
        let mut out = Vec::with_capacity(segments.len());
        for (i, segment) in segments.iter().enumerate() {
            let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                out.push((*segment).to_string());
                continue;
            };
            // Named by the nearest literal segment before it, and by the
            // parameter between when there is one (`/rounds/{id}/{step}`).
            let literal = segments[..i]
                .iter()
                .rev()
                .find(|s| !s.starts_with('{'))
                .copied()
                .unwrap_or("");
            let key = match segments[i - 1]
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
            {
                Some(between) => format!("{literal}/{between}"),
                None => literal.to_string(),
            };
            let id = self
                .by_param
                .iter()
                .find(|((l, p), _)| *l == key && *p == param)
                .map(|(_, id)| id.clone())
                .unwrap_or_else(|| {
                    panic!(
                        "route {path}: the walk knows no record for parameter {{{param}}} \
                         after `{key}`; make one in routes.rs's `records` and name it there"
                    )
                });
            out.push(id);
        }
        out.join("/")
    }
}

/// `GET path` as `client`, which must answer 200 with JSON.
async fn ok(client: &TestClient, path: &str) -> Value {
    let answer = client.get(path).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path}: {}", answer.body());
    answer.json()
}

/// The string at a JSON pointer (panics with the document when missing).
fn at(v: &Value, pointer: &str, what: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {what} at {pointer}: {v}"))
        .to_string()
}

/// A write that must succeed (2xx), as JSON.
async fn made(client: &TestClient, method: Method, path: &str, body: &Value) -> Value {
    let answer = client.send_json(method, path, body).await;
    assert!(
        answer.status().is_success(),
        "{path}: {} {}",
        answer.status(),
        answer.body()
    );
    answer.json()
}

/// The alliance-scale demo, and one record of every kind a route names.
async fn records() -> (TestApp, Ids) {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    let (loaded, _) = gongjiang_app::demo_scale::load(
        &app.app,
        gongjiang_app::demo_scale::Scale::Alliance,
        20_231_201,
    )
    .await
    .expect("load the alliance demo");
    let school_org = loaded.school.to_string();
    let enterprise_org = loaded.enterprise.to_string();
    let secretariat = app.client_as(Persona::Secretariat).await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let hr = app.client_as(Persona::Hr).await;
    let enterprise_admin = app.client_as(Persona::EnterpriseAdmin).await;

    // Supply and demand.
    let round_list = ok(&secretariat, "/api/v1/rounds").await;
    let round = at(&round_list, "/items/0/id", "round");
    let round_view = ok(&secretariat, &format!("/api/v1/rounds/{round}")).await;
    let demand = at(&round_view, "/places/0/demand_id", "place of the round");
    let major = at(&ok(&school, "/api/v1/majors").await, "/items/0/id", "major");
    let cohort = at(
        &ok(&school, "/api/v1/cohorts").await,
        "/items/0/id",
        "cohort",
    );
    // The demo trainee's own record: the hardest case for a refusal.
    let trainee_client = app.client_as(Persona::Trainee).await;
    let trainee = at(
        &ok(&trainee_client, "/api/v1/me/record").await,
        "/trainee_id",
        "the demo trainee's own record",
    );
    let teachers = ok(&school, "/api/v1/teachers").await;
    let teacher = match teachers.pointer("/items/0/id").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => at(
            &made(
                &school,
                Method::POST,
                "/api/v1/teachers",
                &json!({"name": "路过老师", "specialties": ["电工"], "shared": true}),
            )
            .await,
            "/id",
            "teacher",
        ),
    };
    let item = at(
        &made(
            &hr,
            Method::POST,
            "/api/v1/enterprise-items",
            &json!({"list": "technical_needs", "title": "层压翘曲控制", "description": "寻求高校联合攻关"}),
        )
        .await,
        "/id",
        "enterprise item",
    );

    // Cooperation: an agreement and its file.
    let agreement = at(
        &made(
            &school,
            Method::POST,
            "/api/v1/agreements",
            &json!({"kind": "order_class", "title": "路过合作协议", "school_org_id": school_org,
                "enterprise_org_id": enterprise_org, "start_on": "2025-09-01", "end_on": "2028-06-30",
                "quota": 45, "status": "active"}),
        )
        .await,
        "/id",
        "agreement",
    );
    let stored = school
        .send_raw(
            Method::POST,
            &format!("/api/v1/agreements/{agreement}/files?name=a.pdf"),
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(stored.status(), StatusCode::CREATED, "{}", stored.body());
    let agreement_file = at(&stored.json(), "/id", "agreement file");

    // Training: the structure of a major, an internship, its document and log.
    let majors = ok(&school, "/api/v1/majors").await;
    let mut structure = Value::Null;
    for m in majors["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["org_id"] == school_org.as_str())
    {
        let s = ok(
            &school,
            &format!("/api/v1/majors/{}/structure", at(m, "/id", "major")),
        )
        .await;
        if s.pointer("/tasks/0/courses/0/id").is_some() {
            structure = s;
            break;
        }
    }
    let work_task = at(&structure, "/tasks/0/id", "work task of any major");
    let course = at(&structure, "/tasks/0/courses/0/id", "course");
    let learning_task = at(
        &made(
            &school,
            Method::POST,
            &format!("/api/v1/courses/{course}/learning-tasks"),
            &json!({"seq": 99, "name": "路过学习任务", "hours": 8}),
        )
        .await,
        "/id",
        "learning task",
    );
    let internships = ok(&school, "/api/v1/internships").await;
    let internship = internships["items"]
        .as_array()
        .and_then(|all| all.iter().find(|i| i["status"] == "in_progress"))
        .map(|i| at(i, "/id", "internship"))
        .unwrap_or_else(|| panic!("no internship in progress: {internships}"));
    let internship_view = ok(&school, &format!("/api/v1/internships/{internship}")).await;
    let document = at(&internship_view, "/documents/0/id", "internship document");
    let entry = at(&internship_view, "/logs/0/id", "log entry");

    // Employment: a record, and a published placement to confirm.
    let employment = at(
        &ok(&school, "/api/v1/employment").await,
        "/records/0/id",
        "employment record",
    );
    let placement = PlacementId::new();
    {
        let mut conn = app.app.db.read().await.expect("db");
        gongjiang_store::rounds::insert_placement(
            &mut conn,
            &gongjiang_store::rounds::Placement {
                id: placement,
                trainee_id: trainee.parse::<TraineeId>().expect("trainee id"),
                demand_id: demand.parse::<DemandId>().expect("demand id"),
                round_id: None,
                source: "manual".into(),
                created_by: "secretariat".into(),
                created_at: app.app.now(),
            },
        )
        .await
        .expect("insert placement");
    }

    // A request the trainee made of their school.
    let request = at(
        &made(
            &trainee_client,
            Method::POST,
            "/api/v1/me/privacy-requests",
            &json!({"kind": "correction", "detail": "手机号已更换，请更正"}),
        )
        .await,
        "/id",
        "privacy request",
    );

    // A consent the school recorded from paper, with its scan.
    let recorded = school
        .send_raw(
            Method::POST,
            &format!("/api/v1/trainees/{trainee}/consents?purpose=placement&decision=granted&method=paper&name=a.pdf"),
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(
        recorded.status(),
        StatusCode::CREATED,
        "{}",
        recorded.body()
    );
    let consent = at(&recorded.json(), "/history/0/id", "recorded consent");

    // Evaluation: an institution, a session, a candidate and a certificate.
    let institution = at(
        &ok(&secretariat, "/api/v1/evaluation/institutions").await,
        "/items/0/institution/org_id",
        "institution",
    );
    let sessions = ok(&school, "/api/v1/evaluation/sessions").await;
    let session = at(&sessions, "/items/0/id", "evaluation session");
    let session_view = ok(&school, &format!("/api/v1/evaluation/sessions/{session}")).await;
    let candidate = at(&session_view, "/candidates/0/id", "candidate");
    let certificates = ok(&school, "/api/v1/certificates").await;
    let certificate = at(&certificates, "/items/0/id", "certificate");
    let verify_url = at(&certificates, "/items/0/verify_url", "verify url");
    let verify = verify_url
        .rsplit('/')
        .next()
        .expect("verify token")
        .to_string();

    // A background job: issuing a session's certificates.
    let started = school
        .send_json(
            Method::POST,
            &format!("/api/v1/evaluation/sessions/{session}/certificates"),
            &json!({}),
        )
        .await;
    assert!(started.status().is_success(), "{}", started.body());
    let job = match started.header("location") {
        Some(location) => location.rsplit('/').next().unwrap_or_default().to_string(),
        None => at(&started.json(), "/job/id", "job"),
    };
    school.wait_for_job(&job).await;

    // Accounts: a pending membership, a user, a token and an invitation.
    let mut anon = app.client();
    anon.get("/login").await;
    let applied = anon
        .post_form(
            "/apply",
            &crate::pairs(&crate::application(
                "路过科技有限公司",
                &crate::code("91420200MA4K0WALK"),
            )),
        )
        .await;
    assert!(
        applied.status().is_success() || applied.status().is_redirection(),
        "{}",
        applied.body()
    );
    let membership = crate::pending_membership(&app, "路过科技有限公司").await;
    // The application told the secretariat: a notification to open.
    let told = app.client_as(Persona::Secretariat).await;
    let notification = ok(&told, "/api/v1/notifications").await["items"][0]["id"]
        .as_str()
        .expect("the secretariat was told of the application")
        .to_string();
    let people = ok(
        &school,
        &format!("/api/v1/organizations/{school_org}/people"),
    )
    .await;
    let user = people["items"]
        .as_array()
        .and_then(|all| all.first())
        .map(|p| {
            p.get("user_id")
                .or_else(|| p.get("id"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        })
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| panic!("no person of the school: {people}"));
    let token = at(
        &made(
            &school,
            Method::POST,
            "/api/v1/me/tokens",
            &json!({"name": "路过"}),
        )
        .await,
        "/id",
        "api token",
    );
    let invitation = at(
        &made(
            &enterprise_admin,
            Method::POST,
            "/api/v1/invitations",
            &json!({"role": "staff"}),
        )
        .await,
        "/path",
        "invitation",
    );
    let invite = invitation
        .rsplit('/')
        .next()
        .expect("invitation token")
        .to_string();

    let by_param = BTreeMap::from([
        (("assets", "name"), "app.css".to_string()),
        (("lang", "code"), "en".to_string()),
        (("imports", "kind"), "trainees".to_string()),
        (("rounds", "id"), round.clone()),
        (("rounds/id", "step"), "close".to_string()),
        (("places", "demand"), demand.clone()),
        (("applicants", "trainee"), trainee.clone()),
        (("consents", "consent"), consent),
        (("privacy-requests", "id"), request),
        (("demands", "id"), demand.clone()),
        (("majors", "id"), major.clone()),
        (("cohorts", "id"), cohort.clone()),
        (("trainees", "id"), trainee.clone()),
        (("teachers", "id"), teacher),
        (("enterprise-items", "id"), item.clone()),
        (("enterprise-lists", "id"), item),
        (("agreements", "id"), agreement),
        (("files", "file"), agreement_file),
        (("work-tasks", "id"), work_task),
        (("courses", "id"), course),
        (("learning-tasks", "id"), learning_task.clone()),
        (("internships", "id"), internship.clone()),
        (("documents", "file"), document),
        (("log", "entry"), entry),
        (("employment", "id"), employment),
        (("placements", "id"), placement.to_string()),
        (("institutions", "id"), institution),
        (("sessions", "id"), session),
        (("candidates", "id"), candidate),
        (("certificates", "id"), certificate),
        (("verify", "token"), verify),
        (("status", "id"), school_org.clone()),
        (("status/id", "purpose"), "revocation".to_string()),
        (("jobs", "id"), job.clone()),
        (("jobs", "job"), job),
        (("memberships", "id"), membership),
        (("members", "id"), school_org.clone()),
        (("org", "id"), school_org.clone()),
        (("orgs", "id"), school_org.clone()),
        (("organizations", "id"), school_org.clone()),
        (("people", "user"), user),
        (("tokens", "id"), token),
        (("invite", "token"), invite),
        (("notifications", "id"), notification),
        (("print", "paper"), "agreement".to_string()),
    ]);
    let by_field = BTreeMap::from([
        ("demand_id", demand.clone()),
        ("demand_ids", demand),
        ("major_id", major),
        ("cohort_id", cohort.clone()),
        ("cohort_ids", cohort),
        ("trainee_id", trainee),
        ("learning_task_id", learning_task.clone()),
        ("internship_id", internship.clone()),
        ("placement_id", placement.to_string()),
        ("school_org_id", school_org.clone()),
        ("school_ids", school_org.clone()),
        ("enterprise_org_id", enterprise_org.clone()),
        ("employer_org_id", enterprise_org.clone()),
        ("host_org_id", enterprise_org),
        ("org_id", school_org),
    ]);
    (app, Ids { by_param, by_field })
}

/// A minimal instance of a route's JSON schema: every required property, ids
/// of real records for id fields.
fn instance(schema: &Value, field: &str, ids: &Ids) -> Value {
    if let Some(value) = schema.get("const") {
        return value.clone();
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    // One of several shapes (an enum's values, an optional value): the first
    // that is not null.
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema[key]
            .as_array()
            .and_then(|alts| alts.iter().find(|a| a["type"] != "null"))
        {
            return instance(first, field, ids);
        }
    }
    let kind = match &schema["type"] {
        Value::String(t) => t.as_str(),
        // Several types (a field read loosely as text, number or yes/no): text.
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .map(|t| {
                if t == "number" || t == "boolean" {
                    "string"
                } else {
                    t
                }
            })
            .unwrap_or("string"),
        _ => "object",
    };
    match kind {
        "object" => {
            let mut out = serde_json::Map::new();
            // Every property, not only the required ones: what a use case
            // requires beyond the schema is then there too.
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                out.insert(name.clone(), instance(property, name, ids));
            }
            Value::Object(out)
        }
        "array" => {
            if schema["minItems"].as_u64().unwrap_or(0) > 0 || field.ends_with("_ids") {
                json!([instance(&schema["items"], field, ids)])
            } else {
                json!([])
            }
        }
        "integer" | "number" => json!(schema["minimum"].as_i64().unwrap_or(1).max(1)),
        "boolean" => json!(false),
        _ => match schema["format"].as_str() {
            Some("date-time") => json!("2027-01-15T18:00:00+08:00"),
            Some("date") => json!("2026-11-01"),
            _ if field.ends_with("_on") => json!("2026-11-01"),
            _ => match ids.by_field.get(field) {
                Some(id) => json!(id),
                None => json!("路过"),
            },
        },
    }
}

/// A well-formed file for an upload route: the occupation catalogue and an
/// applicant order with their required columns, a one-column sheet otherwise.
fn upload_file(path: &str, ids: &Ids) -> Vec<u8> {
    if path.contains("occupations") {
        "职业编码,职业名称\n6-25-01-12,路过职业\n"
            .as_bytes()
            .to_vec()
    } else if path.ends_with("/order") {
        format!("排名,申请人编号\n1,{}\n", ids.by_field["trainee_id"]).into_bytes()
    } else {
        b"name\n".to_vec()
    }
}

/// The fields of a valid page form for the route, as its page would send them
/// (the CSRF token is added by the client).
fn page_form(path: &str, ids: &Ids) -> Vec<(&'static str, String)> {
    if path.ends_with("/training/trainees/{id}/learning") {
        return vec![
            ("learning_task_id", ids.by_field["learning_task_id"].clone()),
            ("hours", "8".into()),
            ("place", "school".into()),
            ("assessor", "张工".into()),
            ("completed_on", "2026-11-01".into()),
        ];
    }
    let forms: &[(&str, &[(&str, &str)])] = &[
        ("/decide", &[("action", "approve")]),
        ("/people/{user}/status", &[("status", "active")]),
        ("/internships/{id}/status", &[("status", "in_progress")]),
        ("/review", &[("decision", "confirm"), ("comment", "好")]),
        ("/visits", &[("visited_on", "2026-11-01"), ("note", "巡查")]),
        (
            "/work-tasks",
            &[("seq", "9"), ("name", "路过工作任务"), ("hours", "8")],
        ),
        (
            "/courses",
            &[("seq", "9"), ("name", "路过课程"), ("hours", "8")],
        ),
        (
            "/learning-tasks",
            &[("seq", "9"), ("name", "路过学习任务"), ("hours", "8")],
        ),
        ("/revoke", &[("reason", "路过")]),
        ("/staffing", &[("staff_count", "10"), ("post_staff", "5")]),
    ];
    forms
        .iter()
        .find(|(end, _)| path.ends_with(end))
        .map(|(_, fields)| fields.iter().map(|(k, v)| (*k, (*v).to_string())).collect())
        .unwrap_or_default()
}

/// Sends the route as `client` would: a page POST as a form with the CSRF
/// token (an upload with a small file), an API write with a minimal valid body.
async fn send(client: &mut TestClient, spec: &RouteSpec, path: &str, ids: &Ids) -> Answer {
    if spec.method == Method::GET {
        return client.get(path).await;
    }
    if !spec.is_api() {
        if path.ends_with("/files") || path.ends_with("/documents") {
            return client
                .upload_with(
                    path,
                    "file",
                    "a.pdf",
                    PDF.to_vec(),
                    &[("kind", "agreement")],
                )
                .await;
        }
        if spec.upload {
            return client
                .upload(path, "file", "walk.csv", upload_file(path, ids))
                .await;
        }
        let form = page_form(spec.path, ids);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return client.post_form(path, &form).await;
    }
    if path.ends_with("/files") || path.ends_with("/documents") {
        return client
            .send_raw(
                spec.method.clone(),
                &format!("{path}?kind=agreement&name=a.pdf"),
                "application/pdf",
                PDF.to_vec(),
            )
            .await;
    }
    if spec.upload {
        return client
            .send_raw(
                spec.method.clone(),
                path,
                "text/csv",
                upload_file(path, ids),
            )
            .await;
    }
    let doc = gongjiang_web::openapi_document();
    let schema = &doc["paths"][spec.path][spec.method.as_str().to_lowercase()]["requestBody"]["content"]
        ["application/json"]["schema"];
    let body = if spec.body.is_some() {
        instance(schema, "", ids)
    } else {
        json!({})
    };
    client.send_json(spec.method.clone(), path, &body).await
}

/// What an answer said, in one line: a JSON body, or a page's error text.
fn said(answer: &Answer) -> String {
    let body = answer.body();
    let text = match body.find("class=\"error").or_else(|| body.find("<main")) {
        Some(at) => &body[at..],
        None => body,
    };
    text.chars().filter(|c| *c != '\n').take(300).collect()
}

#[tokio::test]
async fn every_route_parameter_is_filled_with_a_real_record() {
    let (_app, ids) = records().await;
    for spec in registry().specs() {
        let path = ids.concrete(spec.path);
        assert!(!path.contains('{'), "{} {}: {path}", spec.method, spec.path);
    }
}

#[tokio::test]
async fn no_route_but_the_public_ones_answers_an_anonymous_visitor() {
    let (app, ids) = records().await;
    let mut anon = app.client();
    anon.get("/login").await;
    let mut checked = 0;
    for spec in registry().specs() {
        if spec.access == Access::Public {
            continue;
        }
        let path = ids.concrete(spec.path);
        let answer = match spec.method {
            Method::GET => anon.get(&path).await,
            Method::POST if !spec.is_api() => anon.post_form(&path, &[]).await,
            ref m => anon.send_json(m.clone(), &path, &json!({})).await,
        };
        if spec.is_api() {
            assert_eq!(
                answer.status(),
                StatusCode::UNAUTHORIZED,
                "{} {}",
                spec.method,
                spec.path
            );
        } else {
            assert_eq!(
                answer.status(),
                StatusCode::SEE_OTHER,
                "{} {}",
                spec.method,
                spec.path
            );
            assert_eq!(answer.location(), "/login", "{} {}", spec.method, spec.path);
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} routes checked");
}

#[tokio::test]
async fn routes_the_policy_table_withholds_from_trainees_refuse_a_trainee() {
    let (app, ids) = records().await;
    let mut trainee = app.client_as(Persona::Trainee).await;
    let mut checked = 0;
    let mut findings = Vec::new();
    for spec in registry().specs() {
        let Access::Policy(kind) = spec.access else {
            continue;
        };
        let trainee_allowed = gongjiang_app::policy::POLICY
            .iter()
            .find(|r| r.kind == kind)
            .is_some_and(|r| {
                r.grants
                    .iter()
                    .any(|(role, _)| *role == gongjiang_domain::accounts::Role::Trainee)
            });
        if trainee_allowed {
            continue;
        }
        let path = ids.concrete(spec.path);
        let answer = send(&mut trainee, spec, &path, &ids).await;
        let status = answer.status();
        checked += 1;
        if status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND {
            continue;
        }
        if KNOWN_EXCEPTIONS.contains(&(spec.method.as_str(), spec.path, status.as_u16())) {
            continue;
        }
        findings.push(format!(
            "{} {} ({path}) answered {status}{} to a trainee: {}",
            spec.method,
            spec.path,
            answer
                .header("location")
                .map(|l| format!(" to {l}"))
                .unwrap_or_default(),
            said(&answer)
        ));
    }
    assert!(
        findings.is_empty(),
        "routes withheld from trainees that did not refuse with 403/404:\n{}",
        findings.join("\n")
    );
    assert!(checked >= 20, "only {checked} routes checked");
}

/// Routes whose answer documents the data shapes (with made-up examples such
/// as "王*明") rather than showing anyone's data.
const DOCUMENTATION: &[&str] = &["/api/docs", "/api/openapi.json"];

/// The text of an answer as a reader sees it: a workbook's cells, else the body.
fn answer_text(answer: &Answer) -> String {
    if answer.bytes().starts_with(b"PK") {
        let Ok(mut book) = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(
            std::io::Cursor::new(answer.bytes().to_vec()),
        ) else {
            return String::new();
        };
        let mut text = String::new();
        for name in calamine::Reader::sheet_names(&book) {
            if let Ok(range) = calamine::Reader::worksheet_range(&mut book, &name) {
                for row in range.rows() {
                    for cell in row {
                        text.push_str(&cell.to_string());
                        text.push('\t');
                    }
                    text.push('\n');
                }
            }
        }
        return text;
    }
    answer.body().to_string()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What in `text` is a trainee's personal information, if anything: a masked
/// name (a Chinese character followed by `*`), a masked ID or phone number
/// (digits around a run of `*`), or the full name of a trainee in `names`
/// (three or four characters, so that a two-character word of the interface
/// is not taken for one).
fn personal_information(text: &str, names: &HashSet<String>) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        if pair[1] == '*' && (is_han(pair[0]) || pair[0].is_ascii_digit()) {
            let from = i.saturating_sub(3);
            let to = (i + 8).min(chars.len());
            return Some(chars[from..to].iter().collect());
        }
    }
    let mut i = 0;
    while i < chars.len() {
        if !is_han(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_han(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        for len in 3..=4 {
            for w in run.windows(len) {
                let candidate: String = w.iter().collect();
                if names.contains(&candidate) {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

#[test]
fn the_personal_information_check_finds_masked_and_full_names_and_leaves_the_interface_alone() {
    let names = HashSet::from(["王小明".to_string()]);
    assert!(personal_information("学员 王*明 已报名", &names).is_some());
    assert!(personal_information("身份证 420***********0024", &names).is_some());
    assert!(personal_information("手机 138****5678", &names).is_some());
    assert!(personal_information("<td>王小明</td>", &names).is_some());
    assert!(personal_information("学员名单：共 3 人，每页 50 条", &names).is_none());
    assert!(personal_information("a * b", &names).is_none());
}

#[tokio::test]
async fn every_route_that_shows_a_trainees_personal_information_declares_its_purpose() {
    let (app, ids) = records().await;
    let names: HashSet<String> = {
        let mut conn = app.app.db.read().await.expect("db");
        gongjiang_store::testing::trainee_names(&mut conn)
            .await
            .expect("trainee names")
            .into_iter()
            .filter(|n| n.chars().count() >= 3)
            .collect()
    };
    assert!(
        names.len() > 100,
        "the demo holds trainees: {}",
        names.len()
    );
    let specs = registry().specs().to_vec();
    let mut undeclared: BTreeMap<String, String> = BTreeMap::new();
    let mut shown = 0;
    for persona in Persona::ALL {
        let client = app.client_as(persona).await;
        for spec in specs.iter().filter(|s| s.method == Method::GET) {
            if DOCUMENTATION.contains(&spec.path) || spec.path.starts_with("/assets/") {
                continue;
            }
            let answer = client.get(&ids.concrete(spec.path)).await;
            if !answer.status().is_success() {
                continue;
            }
            let Some(found) = personal_information(&answer_text(&answer), &names) else {
                continue;
            };
            shown += 1;
            if spec.purposes.is_empty() {
                undeclared
                    .entry(spec.path.to_string())
                    .or_insert_with(|| format!("as {persona:?}: {found:?}"));
            }
        }
    }
    assert!(
        undeclared.is_empty(),
        "routes that show a trainee's personal information without declaring a purpose \
         (add `.purpose(Purpose::…)` to their registry line):\n{}",
        undeclared
            .iter()
            .map(|(p, why)| format!("{p} ({why})"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        shown >= 20,
        "only {shown} answers showed personal information"
    );
    // An export declares what its page declares.
    for spec in &specs {
        if let Some(page) = spec
            .path
            .strip_suffix(".xlsx")
            .or_else(|| spec.path.strip_suffix(".csv"))
            && let Some(list) = specs
                .iter()
                .find(|s| s.path == page && s.method == Method::GET)
            && !list.purposes.is_empty()
        {
            assert_eq!(spec.purposes, list.purposes, "{} and {page}", spec.path);
        }
    }
}

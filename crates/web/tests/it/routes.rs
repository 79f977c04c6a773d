//! Walks every registered route: nothing but public routes answers an
//! anonymous visitor, and routes reserved by the policy table refuse a trainee.

use gongjiang_app::policy::Kind;
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use gongjiang_web::routes::{Access, registry};

fn concrete(path: &str, app: &TestApp) -> String {
    path.replace("{id}", &app.demo.enterprise.to_string())
        .replace("{user}", "01900000-0000-7000-8000-000000000000")
        .replace("{token}", "no-such-token")
        .replace("{code}", "en")
        .replace("{name}", "app.css")
}

#[tokio::test]
async fn no_route_but_the_public_ones_answers_an_anonymous_visitor() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    anon.get("/login").await;
    let mut checked = 0;
    for spec in registry().specs() {
        if spec.access == Access::Public {
            continue;
        }
        let path = concrete(spec.path, &app);
        let answer = match spec.method {
            Method::GET => anon.get(&path).await,
            Method::POST if !spec.is_api() => anon.post_form(&path, &[]).await,
            ref m => {
                anon.send_json(m.clone(), &path, &serde_json::json!({}))
                    .await
            }
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
    let app = TestApp::spawn().await;
    let mut trainee = app.client_as(Persona::Trainee).await;
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
        let path = concrete(spec.path, &app);
        let answer = match spec.method {
            Method::GET => trainee.get(&path).await,
            Method::POST if !spec.is_api() => trainee.post_form(&path, &[]).await,
            ref m => {
                trainee
                    .send_json(m.clone(), &path, &serde_json::json!({}))
                    .await
            }
        };
        let status = answer.status();
        assert!(
            status == StatusCode::FORBIDDEN
                || status == StatusCode::NOT_FOUND
                || status == StatusCode::BAD_REQUEST
                || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{} {} answered {status} to a trainee",
            spec.method,
            spec.path
        );
        assert_ne!(status, StatusCode::OK, "{} {}", spec.method, spec.path);
        let _ = Kind::ManageOwnAccount;
    }
}

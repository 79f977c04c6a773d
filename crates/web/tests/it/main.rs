//! The web crate's one integration-test binary: the real app on a random
//! port, real HTTP, a fresh database per test (SQLite by default, PostgreSQL
//! when GONGJIANG_TEST_DATABASE_URL is set).

#![expect(
    clippy::unwrap_used,
    reason = "test set-up helpers panic when the environment is broken"
)]

mod access;
mod accounts;
mod api;
mod areas;
mod audit;
mod certificates;
mod cooperation;
mod demo;
mod employment;
mod evaluation;
mod imports;
mod list_kit;
mod lists;
mod members;
mod notifications;
mod privacy;
mod rounds;
mod routes;
mod security;
mod supply;
mod training;
mod words;

use gongjiang_testkit::TestApp;

/// The form fields of a valid application.
pub fn application(name: &str, code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "enterprise".into()),
        ("name", name.into()),
        ("other_names", String::new()),
        ("short_name", String::new()),
        ("credit_code", code.into()),
        ("city", "黄石市".into()),
        ("district", "下陆区".into()),
        ("segments", "pcb".into()),
        ("requested_tier", "member".into()),
        ("contact_name", "王小明".into()),
        ("contact_phone", "13812345678".into()),
        ("contact_email", "hr@example.com".into()),
        ("statement", "希望加入联盟".into()),
    ]
}

/// A credit code with a correct check character, made from 17 characters.
pub fn code(first17: &str) -> String {
    gongjiang_domain::values::CreditCode::with_check_character(first17)
        .expect("valid prefix")
        .as_str()
        .to_string()
}

/// The membership id of the pending application of the unit called `name`.
pub async fn pending_membership(app: &TestApp, name: &str) -> String {
    let secretariat = app.client_as(gongjiang_testkit::Persona::Secretariat).await;
    let list = secretariat.get("/api/v1/applications").await.json();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["organization"]["name"] == name)
        .map(|i| i["membership"]["id"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no pending application for {name}"))
}

/// Borrows the form for `post_form`.
pub fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

//! Builders for the records most tests start from: a school with a major and
//! cohorts, its trainees, a unit other than the demo's own. Each is made
//! through the JSON API as its users would make it, so a builder breaks
//! where the platform does; a test names only what it cares about and takes
//! the defaults for the rest.

use crate::{Answer, PASSWORD, Persona, TestApp, TestClient};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::OrgId;
use reqwest::Method;
use serde_json::{Value, json};

/// The answer's JSON when it succeeded (`Null` for an empty body); panics,
/// naming `what` with the status and body, when it did not.
pub fn ok(answer: &Answer, what: &str) -> Value {
    assert!(
        answer.status().is_success(),
        "{what}: {} {}",
        answer.status(),
        answer.body()
    );
    if answer.body().is_empty() {
        Value::Null
    } else {
        answer.json()
    }
}

/// A valid resident ID number (GB 11643, check character computed) for the
/// 6-digit area code, the 8-digit birth date and a serial.
pub fn id_number(area: &str, birth: &str, serial: usize) -> String {
    gongjiang_domain::values::IdCardNumber::with_check_character(&format!(
        "{area}{birth}{:03}",
        serial % 1000
    ))
    .expect("a valid area code and birth date")
}

/// A Chinese name, different for each `i` below 448.
pub fn person_name(i: usize) -> String {
    const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"];
    const GIVEN: [&str; 8] = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "杰"];
    format!("{}{}{}", SURNAMES[i % 8], GIVEN[(i / 8) % 8], GIVEN[i % 7])
}

/// A school to build: the demo school's admin adds a major and its cohorts.
pub struct SchoolBuilder<'a> {
    app: &'a TestApp,
    major: Value,
    cohorts: Vec<(String, i64)>,
}

/// A built school: its admin, its major and its cohorts in the order asked.
pub struct School {
    /// The demo school's admin, signed in.
    pub admin: TestClient,
    /// The major's id.
    pub major: String,
    /// The cohorts' ids.
    pub cohorts: Vec<String>,
}

impl TestApp {
    /// The demo school with the PCB major (电子技术应用（PCB 制造方向）, linked to
    /// 印制电路制作工) and, unless `cohort` adds others, one cohort of 2024.
    pub fn school(&self) -> SchoolBuilder<'_> {
        SchoolBuilder {
            app: self,
            major: json!({"code": "0601", "name": "电子技术应用（PCB 制造方向）", "level": "advanced",
                "length_years": 3, "annual_intake": 90, "occupations": ["6-25-01-13"]}),
            cohorts: Vec::new(),
        }
    }

    /// Another unit of this kind than the demo's own (`technical_college` or
    /// `enterprise`), with a new account `login` in `role` there, signed in.
    pub async fn outsider(&self, kind: &str, role: Role, login: &str) -> (TestClient, OrgId) {
        let list = self
            .client()
            .get(&format!("/api/v1/members?kind={kind}&per_page=50"))
            .await
            .json();
        let org: OrgId = list["items"]
            .as_array()
            .expect("the roster's items")
            .iter()
            .filter_map(|m| m["id"].as_str()?.parse::<OrgId>().ok())
            .find(|id| {
                *id != self.demo.school && *id != self.demo.enterprise && *id != self.demo.chair
            })
            .expect("another unit of that kind");
        gongjiang_app::accounts::create_account(
            &self.app,
            login,
            "外单位账号",
            PASSWORD,
            org,
            role,
            true,
        )
        .await
        .expect("account");
        (self.signed_in(login, PASSWORD).await, org)
    }
}

impl SchoolBuilder<'_> {
    /// The major's name instead of the PCB one's.
    pub fn major_named(mut self, name: &str) -> Self {
        self.major["name"] = json!(name);
        self
    }

    /// A cohort of 45 that entered in `entry_year`, graduating three years on.
    pub fn cohort(mut self, name: &str, entry_year: i64) -> Self {
        self.cohorts.push((name.to_string(), entry_year));
        self
    }

    /// Makes the major and the cohorts.
    pub async fn build(self) -> School {
        let admin = self.app.client_as(Persona::SchoolAdmin).await;
        let major = ok(
            &admin
                .send_json(Method::POST, "/api/v1/majors", &self.major)
                .await,
            "major",
        );
        let major = major["id"].as_str().expect("major id").to_string();
        let cohorts = if self.cohorts.is_empty() {
            vec![("2024级电子技术应用高级工1班".to_string(), 2024)]
        } else {
            self.cohorts
        };
        let mut ids = Vec::new();
        for (name, entry) in cohorts {
            let c = ok(
                &admin
                    .send_json(
                        Method::POST,
                        "/api/v1/cohorts",
                        &json!({"major_id": major, "name": name,
                        "entry_year": entry, "graduation_year": entry + 3, "size": 45}),
                    )
                    .await,
                "cohort",
            );
            ids.push(c["id"].as_str().expect("cohort id").to_string());
        }
        School {
            admin,
            major,
            cohorts: ids,
        }
    }
}

/// A trainee to add to a built school.
pub struct TraineeBuilder<'a> {
    school: &'a School,
    body: Value,
}

impl School {
    /// Trainee number `i` of the first cohort: a name, an ID number born
    /// 2006-03-15 and a student number all from `i`, enrolled, consent recorded.
    pub fn trainee(&self, i: usize) -> TraineeBuilder<'_> {
        TraineeBuilder {
            school: self,
            body: json!({"name": person_name(i), "id_number": id_number("420202", "20060315", i),
                "student_no": format!("2024{i:03}"), "cohort_id": self.cohorts[0],
                "consent_purpose": "学籍管理与实习就业推荐"}),
        }
    }
}

impl TraineeBuilder<'_> {
    /// Sets one field of the trainee body (`name`, `phone`, `status`, …).
    pub fn with(mut self, field: &str, value: impl Into<Value>) -> Self {
        self.body[field] = value.into();
        self
    }

    /// In this cohort.
    pub fn cohort(self, cohort: &str) -> Self {
        self.with("cohort_id", cohort)
    }

    /// Born on this day (`YYYYMMDD`); the ID number follows.
    pub fn born(mut self, birth: &str, serial: usize) -> Self {
        self.body["id_number"] = json!(id_number("420202", birth, serial));
        self
    }

    /// Adds the trainee; its id.
    pub async fn create(self) -> String {
        let t = ok(
            &self
                .school
                .admin
                .send_json(Method::POST, "/api/v1/trainees", &self.body)
                .await,
            "trainee",
        );
        t["id"].as_str().expect("trainee id").to_string()
    }
}

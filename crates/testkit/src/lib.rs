//! The shared test harness.
//!
//! [`TestApp::spawn`] starts the real router on `127.0.0.1:0` over a fresh
//! database — a temporary SQLite file, or, when `GONGJIANG_TEST_DATABASE_URL`
//! names a PostgreSQL server, a new database cloned from a migrated template —
//! with a manual clock and the demo alliance loaded (the fixture world: the
//! chair unit with the secretariat, a school, an enterprise, and 70 others).
//! [`TestClient`] talks real HTTP with a cookie jar, fills in CSRF tokens the
//! way a browser form would, and passes every response through [`scan`],
//! which fails the test on missing security headers, leaked stack traces or
//! SQL, or an unmasked mobile or ID-card number.

pub mod build;
pub mod contract;

use gongjiang_app::demo::{self, Loaded};
use gongjiang_app::{App, ManualClock, Settings};
use gongjiang_domain::Timestamp;
use gongjiang_store::Db;
use gongjiang_web::{AppState, WebConfig};
use reqwest::StatusCode;
use std::sync::Arc;

pub use reqwest;

/// The demo password.
pub const PASSWORD: &str = gongjiang_domain::accounts::DEMO_PASSWORD;

/// 2026-11-28 08:00 Beijing time: the tests' "now".
pub const START: Timestamp = Timestamp(1_795_824_000_000);

/// The master key for personal identifiers in tests.
pub const TEST_PII_KEY: [u8; 32] = [42; 32];

/// Who a client signs in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    /// 联盟秘书处 (chair unit).
    Secretariat,
    /// The demo school's administrator.
    SchoolAdmin,
    /// A teacher of the demo school.
    Teacher,
    /// The demo enterprise's administrator.
    EnterpriseAdmin,
    /// The demo enterprise's HR.
    Hr,
    /// A trainee of the demo school.
    Trainee,
}

impl Persona {
    /// Every persona.
    pub const ALL: [Persona; 6] = [
        Persona::Secretariat,
        Persona::SchoolAdmin,
        Persona::Teacher,
        Persona::EnterpriseAdmin,
        Persona::Hr,
        Persona::Trainee,
    ];

    /// The demo login.
    pub fn login(self) -> &'static str {
        match self {
            Persona::Secretariat => "secretariat",
            Persona::SchoolAdmin => "school-admin",
            Persona::Teacher => "teacher",
            Persona::EnterpriseAdmin => "enterprise-admin",
            Persona::Hr => "hr",
            Persona::Trainee => "trainee",
        }
    }
}

enum Backing {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// A running app over its own database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The use cases, for arranging and checking state directly.
    pub app: App,
    /// The clock the app reads.
    pub clock: Arc<ManualClock>,
    /// What the demo loader created.
    pub demo: Loaded,
    backing: Backing,
    server: tokio::task::JoinHandle<()>,
}

/// Options for [`TestApp::spawn_with`].
#[derive(Clone)]
pub struct Options {
    /// Serve in demo mode (demo accounts may sign in).
    pub demo_mode: bool,
    /// Load the demo alliance.
    pub load_demo: bool,
    /// Settings other than demo mode.
    pub settings: Settings,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            demo_mode: true,
            load_demo: true,
            settings: Settings::default(),
        }
    }
}

impl Options {
    /// The demo with aggregates served as `serve` serves them: counted
    /// figures may be served up to 5 s after a change while they are
    /// recounted (`Settings::aggregate_fresh_seconds`).
    pub fn served() -> Options {
        Options {
            settings: Settings {
                aggregate_fresh_seconds: 5,
                ..Settings::default()
            },
            ..Options::default()
        }
    }
}

/// True when the suite runs against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("GONGJIANG_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

/// A fresh, migrated database for one test, and what keeps it alive.
async fn fresh_db() -> (Db, Backing) {
    match std::env::var("GONGJIANG_TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let (url, name) = gongjiang_store::testing::fresh_postgres(&admin_url)
                .await
                .expect("create test database");
            let db = Db::connect(&url).await.expect("connect test database");
            (db, Backing::Postgres { admin_url, name })
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            let db = Db::connect(&url).await.expect("open sqlite");
            db.migrate().await.expect("migrate");
            (db, Backing::Sqlite(dir))
        }
    }
}

impl TestApp {
    /// The SQLite database file, when the test runs on SQLite (for byte scans).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        match &self.backing {
            Backing::Sqlite(dir) => Some(dir.path().join("test.db")),
            Backing::Postgres { .. } => None,
        }
    }

    /// The PostgreSQL database's URL, when the test runs on PostgreSQL.
    pub fn postgres_url(&self) -> Option<String> {
        match &self.backing {
            Backing::Sqlite(_) => None,
            Backing::Postgres { admin_url, name } => {
                Some(gongjiang_store::testing::with_database(admin_url, name))
            }
        }
    }

    /// The app in demo mode with the demo alliance loaded.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await
    }

    /// The app with chosen options.
    pub async fn spawn_with(options: Options) -> TestApp {
        capture_logs();
        gongjiang_app::notifications::delivery::install_tls();
        let (db, backing) = fresh_db().await;
        let clock = Arc::new(ManualClock::new(START));
        let settings = Settings {
            demo_mode: options.demo_mode,
            ..options.settings
        };
        let app = App::new(
            db,
            clock.clone(),
            settings,
            gongjiang_app::pii::Vault::from_master(&TEST_PII_KEY),
        );
        let demo = if options.load_demo {
            demo::load(&app).await.expect("load demo")
        } else {
            Loaded {
                alliance: Default::default(),
                members: 0,
                applications: 0,
                chair: Default::default(),
                school: Default::default(),
                enterprise: Default::default(),
            }
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let state = AppState {
            app: app.clone(),
            web: WebConfig::default(),
        };
        let server = tokio::spawn(async move {
            let _ = gongjiang_web::serve(listener, state, std::future::pending()).await;
        });
        TestApp {
            base,
            app,
            clock,
            demo,
            backing,
            server,
        }
    }

    /// An anonymous browser.
    pub fn client(&self) -> TestClient {
        TestClient::new(&self.base)
    }

    /// A browser signed in as `persona` through the sign-in form.
    pub async fn client_as(&self, persona: Persona) -> TestClient {
        self.signed_in(persona.login(), PASSWORD).await
    }

    /// A browser signed in with a login and password (panics if refused).
    pub async fn signed_in(&self, login: &str, password: &str) -> TestClient {
        let mut client = self.client();
        let response = client
            .post_form("/login", &[("login", login), ("password", password)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign-in as {login} failed: {}",
            response.text().await.unwrap_or_default()
        );
        client.refresh_csrf().await;
        client
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        if let Backing::Postgres { admin_url, name } = &self.backing {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop the test database on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    let _ = rt.block_on(gongjiang_store::testing::drop_postgres(&admin_url, &name));
                }
            })
            .join();
        }
    }
}

/// A browser-like HTTP client: cookie jar, no automatic redirects, CSRF filled in.
pub struct TestClient {
    base: String,
    http: reqwest::Client,
    /// The CSRF token forms and JSON writes carry.
    pub csrf: String,
}

/// A response whose body has been read and scanned.
pub struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: String,
    bytes: Vec<u8>,
}

impl Answer {
    /// Status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
    /// Every `Set-Cookie` header.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }
    /// The body as text.
    pub async fn text(&self) -> Result<String, std::convert::Infallible> {
        Ok(self.body.clone())
    }
    /// The body as text (sync).
    pub fn body(&self) -> &str {
        &self.body
    }
    /// The body as sent (for binary downloads such as `.xlsx` files).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The body as JSON (panics when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The `Location` of a redirect.
    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }
}

impl TestClient {
    fn new(base: &str) -> TestClient {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestClient {
            base: base.to_string(),
            http,
            csrf: String::new(),
        }
    }

    async fn finish(&self, method: reqwest::Method, response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        // Reveal routes, the printed certificate (for its holder and issuer),
        // the trainee's download of their own data, and an applicant's
        // profile (the phone, with the trainee's separate consent to that
        // enterprise), are the places full identifiers may appear (and are logged).
        let path = response.url().path().to_string();
        let reveal = path.ends_with("/reveal")
            || (path.starts_with("/certificates/") && path.ends_with("/print"))
            || path.starts_with("/me/record/export")
            || path.starts_with("/api/v1/me/record/export")
            || path.contains("/applicants/");
        let bytes = response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default();
        // As `reqwest`'s `text()` would: UTF-8 with a leading byte-order mark removed.
        let text = String::from_utf8_lossy(&bytes);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let answer = Answer {
            status,
            headers,
            body,
            bytes,
        };
        scan(&answer, reveal);
        contract::check(
            method.as_str(),
            &path,
            answer.status.as_u16(),
            &answer.header("content-type").unwrap_or_default(),
            &answer.body,
        );
        answer
    }

    /// Reads the CSRF token from a page's form, as a browser would.
    pub async fn refresh_csrf(&mut self) {
        let page = self.get("/account").await;
        let page = if page.status() == StatusCode::OK {
            page
        } else {
            self.get("/login").await
        };
        if let Some(token) = csrf_in(page.body()) {
            self.csrf = token;
        }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> Answer {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        self.finish(reqwest::Method::GET, r).await
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.http.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.finish(reqwest::Method::GET, req.send().await.expect("GET"))
            .await
    }

    /// Posts a form with the CSRF token added (fetching one first if needed).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        if self.csrf.is_empty() {
            let page = self.get("/login").await;
            self.csrf = csrf_in(page.body()).unwrap_or_default();
        }
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone();
        all.push(("csrf", &csrf));
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .expect("POST");
        self.finish(reqwest::Method::POST, r).await
    }

    /// Posts a form exactly as given (no CSRF added), with extra headers.
    pub async fn post_form_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = self.http.post(format!("{}{path}", self.base)).form(fields);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.finish(reqwest::Method::POST, req.send().await.expect("POST"))
            .await
    }

    /// Sends JSON with the session's CSRF header.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &serde_json::Value,
    ) -> Answer {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .json(body);
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        self.finish(method, req.send().await.expect("JSON")).await
    }

    /// Sends a request with a bearer token and an optional JSON body.
    pub async fn with_token(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&serde_json::Value>,
    ) -> Answer {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(b);
        }
        self.finish(method, req.send().await.expect("token request"))
            .await
    }

    /// Sends a raw body (e.g. a CSV file) with the CSRF header.
    pub async fn send_raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        self.finish(method, req.send().await.expect("raw request"))
            .await
    }

    /// Uploads a file as a browser form would (multipart, with the CSRF field).
    pub async fn upload(&self, path: &str, field: &str, file_name: &str, bytes: Vec<u8>) -> Answer {
        self.upload_with(path, field, file_name, bytes, &[]).await
    }

    /// Uploads a file with extra text fields.
    pub async fn upload_with(
        &self,
        path: &str,
        field: &str,
        file_name: &str,
        bytes: Vec<u8>,
        texts: &[(&str, &str)],
    ) -> Answer {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        let mut form = reqwest::multipart::Form::new()
            .text("csrf", self.csrf.clone())
            .part(field.to_string(), part);
        for (k, v) in texts {
            form = form.text(k.to_string(), v.to_string());
        }
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .expect("upload");
        self.finish(reqwest::Method::POST, r).await
    }

    /// Posts a multipart form of exactly these text parts, in order, then the
    /// file (no CSRF added): for testing the refusals.
    pub async fn upload_raw(
        &self,
        path: &str,
        texts: &[(&str, &str)],
        field: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Answer {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in texts {
            form = form.text(k.to_string(), v.to_string());
        }
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        form = form.part(field.to_string(), part);
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .expect("upload");
        self.finish(reqwest::Method::POST, r).await
    }

    /// Posts a multipart form as given (no CSRF added).
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Answer {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .expect("upload");
        self.finish(reqwest::Method::POST, r).await
    }

    /// Follows a background job until it is no longer running and returns its
    /// last view (`status` is then `done`, `failed`, `refused` or `interrupted`).
    /// Takes a job's id or its page or API address (`/jobs/{id}`,
    /// `/api/v1/jobs/{id}`); panics, naming the job and its last view, when the
    /// job does not answer or is still running after 30 seconds.
    pub async fn wait_for_job(&self, job: &str) -> serde_json::Value {
        let id = job
            .trim_start_matches("/api/v1/jobs/")
            .trim_start_matches("/jobs/")
            .trim_end_matches('/');
        assert!(
            !id.is_empty() && !id.contains('/'),
            "wait_for_job: {job:?} names no job"
        );
        let url = format!("/api/v1/jobs/{id}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let answer = self.get(&url).await;
            assert_eq!(
                answer.status(),
                StatusCode::OK,
                "wait_for_job: GET {url} answered {}: {}",
                answer.status(),
                answer.body()
            );
            let view = answer.json();
            if view["status"] != "running" {
                return view;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "wait_for_job: job {id} still running after 30 s: {view}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// `DELETE path` with the CSRF header.
    pub async fn delete(&self, path: &str) -> Answer {
        let mut req = self.http.delete(format!("{}{path}", self.base));
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        self.finish(reqwest::Method::DELETE, req.send().await.expect("DELETE"))
            .await
    }
}

/// The CSRF token in the first form of a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// Fails the test when a response breaks a house rule: security headers
/// missing, a stack trace or SQL in the body, or an unmasked mobile or ID-card number.
pub fn scan(answer: &Answer, reveal_route: bool) {
    for header in [
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert!(
            answer.headers.contains_key(header),
            "response lacks {header}"
        );
    }
    let is_html = answer
        .header("content-type")
        .is_some_and(|c| c.contains("text/html"));
    if is_html {
        let csp = answer.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
            "weak CSP: {csp}"
        );
    }
    for cookie in answer.set_cookies() {
        if cookie.starts_with("gj_session") || cookie.starts_with("gj_csrf") {
            assert!(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
                "cookie flags: {cookie}"
            );
        }
    }
    let body = &answer.body;
    for leak in [
        "panicked at",
        "stack backtrace",
        "sqlx::",
        "SQLSTATE",
        "syntax error at",
        "SELECT ",
        "INSERT INTO",
        "/src/",
    ] {
        assert!(
            !body.contains(leak),
            "response leaks {leak:?}: {}",
            &body[..body.len().min(500)]
        );
    }
    if reveal_route {
        return;
    }
    if let Some(phone) = unmasked_mobile(body) {
        panic!("response shows an unmasked mobile number {phone}");
    }
    if let Some(id) = unmasked_id_number(body) {
        panic!("response shows an unmasked ID number {id}");
    }
}

/// An 11-digit run `1[3-9]…` standing alone (not part of a longer number).
pub fn unmasked_mobile(text: &str) -> Option<String> {
    digit_runs(text).into_iter().find(|run| {
        run.len() == 11 && run.starts_with('1') && matches!(run.as_bytes()[1], b'3'..=b'9')
    })
}

/// An 18-character run of 17 digits and a digit or X that passes the ID check.
pub fn unmasked_id_number(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 18 <= bytes.len() {
        let window = &bytes[i..i + 18];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let after_ok = i + 18 == bytes.len() || !bytes[i + 18].is_ascii_alphanumeric();
        if before_ok
            && after_ok
            && window[..17].iter().all(u8::is_ascii_digit)
            && (window[17].is_ascii_digit() || window[17] == b'X')
        {
            let candidate = String::from_utf8_lossy(window).into_owned();
            if gongjiang_domain::values::IdCardNumber::parse(&candidate, time_today()).is_ok() {
                return Some(candidate);
            }
        }
        i += 1;
    }
    None
}

fn time_today() -> gongjiang_domain::time_date::Date {
    START.date_cst()
}

/// Runs of ASCII digits that stand alone: not glued to ASCII letters (as inside
/// a UUID or a credit code), so `电话13812345678` counts and `0a1381234567b` does not.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut glued = false;
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if current.is_empty() {
                glued = previous.is_some_and(|p| p.is_ascii_alphabetic());
            }
            current.push(c);
        } else {
            if !current.is_empty() && !glued && !c.is_ascii_alphabetic() {
                runs.push(current.clone());
            }
            current.clear();
        }
        previous = Some(c);
    }
    if !current.is_empty() && !glued {
        runs.push(current);
    }
    runs
}

static LOGS: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut logs) = LOGS.lock() {
            logs.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends every log line of this test process into a buffer (once per process).
fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info,sqlx=warn"))
            .with_writer(|| LogWriter)
            .with_ansi(false)
            .try_init();
    });
}

/// Everything logged so far by this test process.
pub fn logs() -> String {
    LOGS.lock()
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_mobile_number_is_found_but_digits_inside_an_id_are_not() {
        assert_eq!(
            unmasked_mobile("电话13812345678。").as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            unmasked_mobile("\"phone\":\"13812345678\""),
            Some("13812345678".into())
        );
        assert_eq!(
            unmasked_mobile("01a22356-4387-7767-b6c7-a19465337352"),
            None
        );
        assert_eq!(unmasked_mobile("138****5678"), None);
        assert_eq!(unmasked_mobile("124202049720025514"), None);
    }

    #[test]
    fn an_id_number_passing_its_check_is_found_and_a_masked_one_is_not() {
        assert!(unmasked_id_number("身份证 420111199901010024 ").is_some());
        assert!(unmasked_id_number("4201**********0024").is_none());
        assert!(unmasked_id_number("420111199901010025").is_none());
    }
}

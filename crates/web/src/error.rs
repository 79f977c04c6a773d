//! The one mapping from use-case errors to HTTP answers: an HTML error page
//! for browsers, a JSON body for the API. Neither ever shows SQL, paths or a
//! stack trace; internal errors are logged once here and answered generically.

use crate::i18n::{Lang, form_label, labelled, tr};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::Error;
use gongjiang_domain::FieldErrors;
use serde_json::json;

/// An error answered with a page.
#[derive(Debug)]
pub struct PageError {
    lang: Lang,
    error: Error,
}

impl PageError {
    /// True when the reader may not do this (as opposed to a missing record or a fault).
    pub fn is_forbidden(&self) -> bool {
        matches!(self.error, Error::Forbidden)
    }

    /// Wraps an error for a page in `lang`.
    pub fn new(lang: Lang, error: Error) -> Self {
        PageError { lang, error }
    }
    /// An internal error with a message for the log.
    pub fn internal(lang: Lang, message: &str) -> Self {
        PageError {
            lang,
            error: Error::Internal(message.to_string()),
        }
    }
}

impl From<Error> for PageError {
    /// Worded in the language of the request being answered.
    fn from(error: Error) -> Self {
        PageError::new(crate::context::request_lang(), error)
    }
}

impl From<Error> for ApiError {
    /// Worded in the language of the request being answered.
    fn from(error: Error) -> Self {
        ApiError::new(crate::context::request_lang(), error)
    }
}

/// The status and the sentence for an error.
fn status_and_message(error: &Error, lang: Lang) -> (StatusCode, String) {
    match error {
        Error::Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            tr(lang, "error.unauthenticated").into(),
        ),
        Error::Forbidden => (StatusCode::FORBIDDEN, tr(lang, "error.forbidden").into()),
        Error::NotFound(_) => (StatusCode::NOT_FOUND, tr(lang, "error.not_found").into()),
        Error::Invalid(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr(lang, "error.invalid").into(),
        ),
        // A state named by an interface key (`round.frozen`) gets its own sentence.
        Error::WrongState(detail) if crate::i18n::has(detail) => {
            (StatusCode::CONFLICT, tr(lang, detail).into())
        }
        Error::WrongState(_) => (StatusCode::CONFLICT, tr(lang, "error.wrong_state").into()),
        Error::TooManyAttempts { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            let text = crate::i18n::tr_args(
                lang,
                "error.too_many_attempts",
                &[("minutes", minutes.to_string())],
            );
            (StatusCode::TOO_MANY_REQUESTS, text)
        }
        Error::RateLimited {
            key,
            retry_after_secs,
        } => {
            let minutes = (retry_after_secs + 59) / 60;
            let text = crate::i18n::tr_args(lang, key, &[("minutes", minutes.to_string())]);
            (StatusCode::TOO_MANY_REQUESTS, text)
        }
        Error::BadCredentials => (
            StatusCode::UNAUTHORIZED,
            tr(lang, "error.bad_credentials").into(),
        ),
        Error::DemoAccountRefused => (StatusCode::FORBIDDEN, tr(lang, "error.demo_account").into()),
        Error::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            tr(lang, "error.unavailable").into(),
        ),
        Error::NotSetUp => (
            StatusCode::SERVICE_UNAVAILABLE,
            tr(lang, "login.first_run").into(),
        ),
        Error::Internal(detail) => {
            tracing::error!(error = %detail, "internal error");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                tr(lang, "error.internal").into(),
            )
        }
    }
}

fn retry_after(error: &Error) -> Option<HeaderValue> {
    match error {
        Error::TooManyAttempts { retry_after_secs }
        | Error::RateLimited {
            retry_after_secs, ..
        } => HeaderValue::from_str(&retry_after_secs.to_string()).ok(),
        Error::Unavailable => Some(HeaderValue::from_static("5")),
        _ => None,
    }
}

/// An error page's status and message, for the request layer to show
/// inside the layout.
#[derive(Debug, Clone)]
pub struct ShownError {
    /// The status answered.
    pub status: StatusCode,
    /// What went wrong, in the reader's language.
    pub message: String,
    /// Each field at fault, named with its problem (a query or form that
    /// had no page of its own to show them beside).
    pub fields: Vec<String>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if matches!(self.error, Error::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        let (status, message) = status_and_message(&self.error, self.lang);
        let fields: Vec<String> = match &self.error {
            Error::Invalid(errors) => field_problems(errors, self.lang, &[])
                .into_iter()
                .map(|f| f.message)
                .collect(),
            _ => Vec::new(),
        };
        let title = tr(self.lang, "error.title");
        let home = tr(self.lang, "nav.home");
        let body = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} {}</title>\
             <link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"narrow\">\
             <h1>{} {}</h1><p class=\"error-text\">{}</p>{}<p><a href=\"/\">{}</a></p></main></body></html>",
            self.lang.code(),
            status.as_u16(),
            crate::i18n::escape(title),
            status.as_u16(),
            crate::i18n::escape(title),
            crate::i18n::escape(&message),
            fields
                .iter()
                .map(|f| format!("<p class=\"error-text\">{}</p>", crate::i18n::escape(f)))
                .collect::<String>(),
            crate::i18n::escape(home),
        );
        let mut response = (status, Html(body)).into_response();
        // The request layer shows the same message inside the layout and its
        // navigation (`layers`); this bare page is what stays without one.
        response.extensions_mut().insert(ShownError {
            status,
            message,
            fields,
        });
        if let Some(v) = retry_after(&self.error) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

/// The body of every JSON error: `{"error": {"code", "message", "fields", "rows"?}}`.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// An error's code, its sentence in the request's language, and the fields
/// (or, for a file, the rows) at fault.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct ErrorDetail {
    /// A stable code (`invalid`, `not_found`, `forbidden`, `invalid_rows`, …).
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Each field at fault.
    pub fields: Vec<FieldProblem>,
    /// For a refused file: each row at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<crate::upload::ReportLine>>,
}

/// One field at fault.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct FieldProblem {
    /// The field's name in the request.
    pub field: String,
    /// A stable code for the problem.
    pub code: String,
    /// A sentence naming the field and the problem.
    pub message: String,
}

/// An error answered with JSON: `{"error": {"code", "message", "fields": [...]}}`.
#[derive(Debug)]
pub struct ApiError {
    lang: Lang,
    error: Error,
    /// A body that could not be read at all (400), with the reason.
    bad_request: Option<String>,
    /// How the record's form names its fields (field, key of its label);
    /// fields not listed are named by their shared label.
    labels: Labels,
}

/// A record's field labels: `(field, key of its label)`, shared by its form
/// and its API endpoint so both name a field alike.
pub type Labels = &'static [(&'static str, &'static str)];

impl ApiError {
    /// Wraps an error for the API in `lang`.
    pub fn new(lang: Lang, error: Error) -> Self {
        ApiError {
            lang,
            error,
            bad_request: None,
            labels: &[],
        }
    }
    /// Names the fields at fault as the record's form does.
    pub fn labelled(mut self, labels: Labels) -> Self {
        self.labels = labels;
        self
    }
    /// A request body that could not be read (400); `detail` says why.
    pub fn bad_request(lang: Lang, detail: &str) -> Self {
        let message = crate::i18n::tr_args(lang, "error.bad_request", &[("detail", detail.into())]);
        ApiError {
            lang,
            error: Error::Internal(String::new()),
            bad_request: Some(message),
            labels: &[],
        }
    }
}

fn code(error: &Error) -> &'static str {
    match error {
        Error::Unauthenticated => "unauthenticated",
        Error::Forbidden => "forbidden",
        Error::NotFound(_) => "not_found",
        Error::Invalid(_) => "invalid",
        Error::WrongState(_) => "wrong_state",
        Error::TooManyAttempts { .. } => "too_many_attempts",
        Error::RateLimited { .. } => "rate_limited",
        Error::BadCredentials => "bad_credentials",
        Error::DemoAccountRefused => "demo_account_refused",
        Error::Unavailable => "unavailable",
        Error::NotSetUp => "not_set_up",
        Error::Internal(_) => "internal",
    }
}

/// Names a use case's field errors as a record's form does:
/// `save_trainee(..).await.labels(TRAINEE_LABELS)?`.
pub trait LabelFields<T> {
    /// The result, its field errors named by `labels`.
    fn labels(self, labels: Labels) -> Result<T, ApiError>;
}

impl<T> LabelFields<T> for Result<T, Error> {
    fn labels(self, labels: Labels) -> Result<T, ApiError> {
        self.map_err(|e| ApiError::from(e).labelled(labels))
    }
}

/// Field errors, each with its field, a code and a sentence; a field in
/// `labels` is named as its record's form names it.
pub fn field_problems(errors: &FieldErrors, lang: Lang, labels: Labels) -> Vec<FieldProblem> {
    errors
        .0
        .iter()
        .map(|e| {
            let problem = serde_json::to_value(&e.problem).unwrap_or(json!({}));
            FieldProblem {
                field: e.field.clone(),
                code: problem
                    .get("code")
                    .and_then(|c| c.as_str())
                    .unwrap_or("invalid")
                    .to_string(),
                message: labelled(lang, form_label(lang, labels, &e.field), &e.problem),
            }
        })
        .collect()
}

/// Field errors as JSON (see [`field_problems`]).
pub fn fields_json(errors: &FieldErrors, lang: Lang) -> serde_json::Value {
    serde_json::to_value(field_problems(errors, lang, &[])).unwrap_or(json!([]))
}

impl ErrorBody {
    /// An error with this code and sentence and no field at fault.
    pub fn new(code: &str, message: String) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code: code.to_string(),
                message,
                fields: Vec::new(),
                rows: None,
            },
        }
    }
    /// A refused file (422): `bad_file` when it could not be read,
    /// `invalid_rows` with each row at fault.
    pub fn refuse_file(
        code: &str,
        message: String,
        rows: Vec<crate::upload::ReportLine>,
    ) -> Response {
        let mut body = ErrorBody::new(code, message);
        body.error.rows = Some(rows);
        (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Some(message) = self.bad_request {
            let body = ErrorBody::new("bad_request", message);
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
        let (status, message) = status_and_message(&self.error, self.lang);
        let mut body = ErrorBody::new(code(&self.error), message);
        if let Error::Invalid(errors) = &self.error {
            body.error.fields = field_problems(errors, self.lang, self.labels);
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(v) = retry_after(&self.error) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: crate::layout::Layout,
    status: u16,
    message: String,
    fields: Vec<String>,
    next: &'static str,
    back: Option<String>,
}

/// The error page inside the layout: what went wrong, what to do next, and
/// the way back to the page the reader came from (where the browser keeps
/// what they typed). Keeps the answer's status and `Retry-After`.
pub fn error_page(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
    shown: &ShownError,
    request_headers: &axum::http::HeaderMap,
    bare: Response,
) -> Response {
    use askama::Template;
    let next = match shown.status {
        StatusCode::NOT_FOUND => "error.next_not_found",
        StatusCode::FORBIDDEN => "error.next_forbidden",
        StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY => "error.next_back",
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => "error.next_wait",
        _ => "error.next_other",
    };
    let back = request_headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            let path = r.find("://").map_or(r, |at| {
                let rest = &r[at + 3..];
                rest.find('/').map_or("/", |slash| &rest[slash..])
            });
            let safe = crate::home::pages::safe_next(Some(path));
            (safe != "/" || path == "/").then_some(safe)
        });
    let page = ErrorPage {
        l: crate::layout::Layout::new(ctx, state.app.settings.demo_mode),
        status: shown.status.as_u16(),
        message: shown.message.clone(),
        fields: shown.fields.clone(),
        next,
        back,
    };
    match page.render() {
        Ok(html) => {
            let mut response = (shown.status, Html(html)).into_response();
            if let Some(v) = bare.headers().get(header::RETRY_AFTER) {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, v.clone());
            }
            response
        }
        Err(_) => bare,
    }
}

//! The JSON kit every area's API handlers share: the body extractor and id
//! parsing. Conventions are in `docs/api.md`; the handlers live in their
//! area's `api.rs`.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::i18n::Lang;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongjiang_app::Error;
use gongjiang_domain::Problem;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A JSON body; malformed JSON, unknown fields or wrong types are refused
/// with 400 and serde's explanation (which names the field).
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = req
            .extensions()
            .get::<Ctx>()
            .map(|c| c.lang)
            .unwrap_or(Lang::Zh);
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(rejection) => {
                let message = crate::i18n::tr_args(
                    lang,
                    "error.bad_request",
                    &[("detail", rejection.body_text())],
                );
                let status = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else if rejection.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                    StatusCode::UNSUPPORTED_MEDIA_TYPE
                } else {
                    StatusCode::BAD_REQUEST
                };
                let body = serde_json::json!({"error": {"code": "bad_request", "message": message, "fields": []}});
                Err((status, axum::Json(body)).into_response())
            }
        }
    }
}

/// Parses an id from the path; a malformed one is simply not found.
pub fn id<T: std::str::FromStr>(ctx: &Ctx, text: &str, what: &'static str) -> Result<T, ApiError> {
    text.parse()
        .map_err(|_| ApiError::new(ctx.lang, gongjiang_app::Error::NotFound(what)))
}

/// A JSON object's fields, refusing names not in `allowed` (400, like unknown fields elsewhere).
pub(crate) fn fields(
    lang: Lang,
    body: Map<String, Value>,
    allowed: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    match body.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(unknown) => Err(ApiError::bad_request(
            lang,
            &format!("unknown field `{unknown}`"),
        )),
        None => Ok(body),
    }
}

/// A field of a JSON object as text (numbers and booleans as written), or empty.
pub(crate) fn text(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A field of a JSON object as a list: an array of strings, or one string split at `,` or `、`.
pub(crate) fn list(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => s.split([',', '、']).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// A bad field as an API error.
pub(crate) fn invalid(lang: Lang, field: &str, p: Problem) -> ApiError {
    ApiError::new(lang, Error::field(field, p))
}

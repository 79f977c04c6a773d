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
use serde_json::Value;

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

/// A bad field as an API error.
pub(crate) fn invalid(lang: Lang, field: &str, p: Problem) -> ApiError {
    ApiError::new(lang, Error::field(field, p))
}

/// A list answered whole: `{"items": [...]}`.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Items<T> {
    /// Every item.
    pub items: Vec<T>,
}

impl<T> Items<T> {
    /// These items.
    pub fn of(items: Vec<T>) -> Self {
        Items { items }
    }
}

/// One page of a longer list: `{"items", "total", "page", "per_page"}`.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u64,
    /// At most this many items a page.
    pub per_page: u64,
}

/// A body field read as text whichever way a client writes it: a string, a
/// number or `true`/`false` (as written), or nothing (empty). The record's
/// input type then checks it with the same rule as the form and the import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loose(pub String);

impl<'de> serde::Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match <Value as serde::Deserialize>::deserialize(d)? {
            Value::String(s) => Ok(Loose(s)),
            Value::Number(n) => Ok(Loose(n.to_string())),
            Value::Bool(b) => Ok(Loose(b.to_string())),
            Value::Null => Ok(Loose(String::new())),
            _ => Err(serde::de::Error::custom(
                "expected text, a number or true/false",
            )),
        }
    }
}

impl schemars::JsonSchema for Loose {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Loose".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": ["string", "number", "boolean", "null"]})
    }
}

impl From<Loose> for String {
    fn from(l: Loose) -> String {
        l.0
    }
}

/// A body field holding several values: an array of strings, or one string
/// split at `,` or `、`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LooseList(pub Vec<String>);

impl<'de> serde::Deserialize<'de> for LooseList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match <Value as serde::Deserialize>::deserialize(d)? {
            Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    _ => Err(serde::de::Error::custom("expected a list of strings")),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(LooseList),
            Value::String(s) => Ok(LooseList(
                s.split([',', '、']).map(str::to_string).collect(),
            )),
            Value::Null => Ok(LooseList(Vec::new())),
            _ => Err(serde::de::Error::custom(
                "expected a list of strings, or one string",
            )),
        }
    }
}

impl schemars::JsonSchema for LooseList {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LooseList".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string", "description": "values separated by `,` or `、`"},
            {"type": "null"}
        ]})
    }
}

//! Agreements in the API, with their attached files.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::cooperation::{self, RENEWAL_WINDOW_DAYS};
use gongjiang_domain::cooperation::{Agreement, AgreementInput, AgreementKind, AgreementStatus};
use serde::Deserialize;
use serde_json::{Value, json};

/// Body of an agreement.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementBody {
    kind: String,
    title: String,
    school_org_id: String,
    enterprise_org_id: String,
    start_on: String,
    end_on: String,
    #[serde(default)]
    quota: Option<i64>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    notes: String,
}

impl AgreementBody {
    fn input(self) -> AgreementInput {
        AgreementInput {
            kind: self.kind,
            title: self.title,
            school_org_id: self.school_org_id,
            enterprise_org_id: self.enterprise_org_id,
            start_on: self.start_on,
            end_on: self.end_on,
            quota: self.quota.map(|q| q.to_string()).unwrap_or_default(),
            status: self.status,
            notes: self.notes,
        }
    }
}

/// Schema of an agreement body.
pub fn agreement_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
        "required": ["kind", "title", "school_org_id", "enterprise_org_id", "start_on", "end_on"],
        "properties": {
            "kind": {"type": "string", "enum": AgreementKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
            "title": {"type": "string"}, "school_org_id": {"type": "string"}, "enterprise_org_id": {"type": "string"},
            "start_on": {"type": "string", "format": "date"}, "end_on": {"type": "string", "format": "date"},
            "quota": {"type": "integer", "minimum": 0},
            "status": {"type": "string", "enum": AgreementStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()},
            "notes": {"type": "string"}}})
}

fn agreement_json(state: &AppState, a: &Agreement) -> Value {
    let mut v = json!(a);
    v["needs_renewal"] = json!(a.needs_renewal(state.app.now().date_cst(), RENEWAL_WINDOW_DAYS));
    v
}

/// `GET /api/v1/agreements`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let items = cooperation::list(&state.app, &ctx.actor).await?;
    Ok(Json(
        json!({"items": items.iter().map(|a| agreement_json(&state, a)).collect::<Vec<_>>()}),
    ))
}

/// `POST /api/v1/agreements`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<AgreementBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let a = cooperation::save(&state.app, &ctx.actor, None, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(agreement_json(&state, &a))))
}

/// `GET /api/v1/agreements/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(aid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let (a, files) = cooperation::get(&state.app, &ctx.actor, aid).await?;
    let mut v = agreement_json(&state, &a);
    v["files"] = json!(files);
    Ok(Json(v))
}

/// `PUT /api/v1/agreements/{id}`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(aid): Path<String>,
    Body(body): Body<AgreementBody>,
) -> Result<Json<Value>, ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let a = cooperation::save(&state.app, &ctx.actor, Some(aid), &body.input()).await?;
    Ok(Json(agreement_json(&state, &a)))
}

/// Query of an upload: the file's name.
#[derive(Deserialize, Default)]
pub struct NameQuery {
    #[serde(default)]
    name: String,
}

/// `POST /api/v1/agreements/{id}/files?name=协议.pdf`: the body is the file.
pub async fn attach(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(aid): Path<String>,
    Query(q): Query<NameQuery>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let f = cooperation::attach(&state.app, &ctx.actor, aid, &q.name, &body).await?;
    Ok((StatusCode::CREATED, Json(json!(f))))
}

/// `Content-Disposition` for a download, per RFC 6266 / 5987: an ASCII fallback and the UTF-8 name.
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `GET /api/v1/agreements/{id}/files/{file}`.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((aid, fid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let fid = id(&ctx, &fid, "file")?;
    let (f, bytes) = cooperation::file(&state.app, &ctx.actor, aid, fid).await?;
    Ok((
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&f.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn download_names_are_encoded_and_cannot_inject_headers() {
        let h = content_disposition("合作协议\r\nSet-Cookie: x=\"1\".pdf");
        assert!(!h.contains('\r') && !h.contains('\n'));
        assert!(h.contains("filename*=UTF-8''%E5%90%88%E4%BD%9C"));
        assert_eq!(h.matches('"').count(), 2);
    }
}

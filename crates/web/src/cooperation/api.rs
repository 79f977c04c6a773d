//! Agreements in the API, with their attached files.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::error::LabelFields;
use crate::json::{Body, Items, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::cooperation::{self, Attachment, RENEWAL_WINDOW_DAYS};
use gongjiang_domain::cooperation::{Agreement, AgreementInput};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Body of an agreement.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementBody {
    /// What it is about.
    #[schemars(with = "gongjiang_domain::cooperation::AgreementKind")]
    kind: String,
    /// Its title.
    title: String,
    /// The school party.
    school_org_id: String,
    /// The enterprise party.
    enterprise_org_id: String,
    /// First day in force, `YYYY-MM-DD`.
    start_on: String,
    /// Last day in force, `YYYY-MM-DD`.
    end_on: String,
    /// Places agreed, if any.
    #[serde(default)]
    #[schemars(range(min = 0))]
    quota: Option<i64>,
    /// Where it stands (default `draft`).
    #[serde(default)]
    #[schemars(with = "Option<gongjiang_domain::cooperation::AgreementStatus>")]
    status: String,
    /// Free notes.
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

/// An agreement as the API shows it: the record, whether it is due for
/// renewal, and (for one agreement) its attached files.
#[derive(Serialize, JsonSchema)]
pub struct AgreementView {
    #[serde(flatten)]
    agreement: Agreement,
    /// Ends within the renewal window.
    needs_renewal: bool,
    /// The attached files (one agreement's view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<Vec<Attachment>>,
}

fn agreement_view(state: &AppState, a: Agreement) -> AgreementView {
    AgreementView {
        needs_renewal: a.needs_renewal(state.app.now().date_cst(), RENEWAL_WINDOW_DAYS),
        agreement: a,
        files: None,
    }
}

/// `GET /api/v1/agreements`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<AgreementView>>, ApiError> {
    let items = cooperation::list(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(
        items
            .into_iter()
            .map(|a| agreement_view(&state, a))
            .collect(),
    )))
}

/// `POST /api/v1/agreements`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<AgreementBody>,
) -> Result<(StatusCode, Json<AgreementView>), ApiError> {
    let a = cooperation::save(&state.app, &ctx.actor, None, &body.input())
        .await
        .labels(crate::cooperation::pages::LABELS)?;
    Ok((StatusCode::CREATED, Json(agreement_view(&state, a))))
}

/// `GET /api/v1/agreements/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(aid): Path<String>,
) -> Result<Json<AgreementView>, ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let (a, files) = cooperation::get(&state.app, &ctx.actor, aid).await?;
    let mut v = agreement_view(&state, a);
    v.files = Some(files);
    Ok(Json(v))
}

/// `PUT /api/v1/agreements/{id}`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(aid): Path<String>,
    Body(body): Body<AgreementBody>,
) -> Result<Json<AgreementView>, ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let a = cooperation::save(&state.app, &ctx.actor, Some(aid), &body.input())
        .await
        .labels(crate::cooperation::pages::LABELS)?;
    Ok(Json(agreement_view(&state, a)))
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
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    let aid = id(&ctx, &aid, "agreement")?;
    let f = cooperation::attach(&state.app, &ctx.actor, aid, &q.name, &body).await?;
    Ok((StatusCode::CREATED, Json(f)))
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

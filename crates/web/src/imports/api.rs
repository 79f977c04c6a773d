//! The imports' JSON API: every kind of import from a CSV or `.xlsx` body, all or nothing.

use crate::context::Ctx;
use crate::error::{ApiError, ErrorBody};
use crate::json::invalid;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use gongjiang_app::Error;
use gongjiang_domain::Problem;
use gongjiang_domain::ids::OrgId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an import did: how many records it created and updated.
#[derive(Serialize, JsonSchema)]
pub struct Imported {
    /// Records new to the platform.
    pub created: usize,
    /// Records already held, now updated.
    pub updated: usize,
}

/// `POST /api/v1/trainees/import`: body = a CSV or `.xlsx` roster.
pub async fn import_trainees(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Json<Imported>, axum::response::Response> {
    import_rows(
        &state,
        &ctx,
        gongjiang_app::imports::Kind::Trainees,
        None,
        &body,
    )
    .await
}

/// Query of `POST /api/v1/imports/{kind}`.
#[derive(Deserialize, Default)]
pub struct ImportQuery {
    /// For `demand`: the enterprise (default: the acting unit).
    #[serde(default)]
    org_id: String,
}

/// `POST /api/v1/imports/{kind}[?org_id=]`: body = a CSV or `.xlsx` file of
/// organizations (secretariat), demand (an enterprise's staff), majors,
/// cohorts, teachers or trainees (a school's staff), imported all or nothing
/// (422 lists each bad row: the file's cell problems and the rules' together).
pub async fn import_kind(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Json<Imported>, axum::response::Response> {
    use axum::response::IntoResponse;
    let Some(kind) = gongjiang_app::imports::Kind::parse(&kind) else {
        return Err(ApiError::new(ctx.lang, Error::NotFound("import kind")).into_response());
    };
    let org = if q.org_id.trim().is_empty() {
        None
    } else {
        Some(
            q.org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| invalid(ctx.lang, "org_id", Problem::InvalidFormat).into_response())?,
        )
    };
    import_rows(&state, &ctx, kind, org, &body).await
}

async fn import_rows(
    state: &AppState,
    ctx: &Ctx,
    kind: gongjiang_app::imports::Kind,
    org: Option<OrgId>,
    body: &[u8],
) -> Result<Json<Imported>, axum::response::Response> {
    use axum::response::IntoResponse;
    let lang = ctx.lang;
    // Refuse whoever may not import this before reading the file.
    gongjiang_app::imports::authorize(&state.app, &ctx.actor, kind, org)
        .await
        .map_err(|e| ApiError::new(lang, e).into_response())?;
    let upload =
        match crate::upload::read_upload(body, crate::upload::name_for(body), kind.sheet(), lang) {
            Ok(u) => u,
            Err(message) => {
                return Err(ErrorBody::refuse_file("bad_file", message, Vec::new()));
            }
        };
    let progress = gongjiang_app::progress::Progress::new();
    match gongjiang_app::imports::run_for(
        &state.app,
        &ctx.actor,
        kind,
        org,
        &upload.rows,
        &progress,
    )
    .await
    {
        Ok(o) => Ok(Json(Imported {
            created: o.created,
            updated: o.updated,
        })),
        Err(gongjiang_app::imports::Refusal::Rows(problems)) => {
            let rows =
                crate::upload::report_lines(lang, kind.sheet(), &upload.cell_problems, &problems);
            let message = crate::i18n::tr(lang, "import.rows_refused");
            Err(ErrorBody::refuse_file(
                "invalid_rows",
                message.to_string(),
                rows,
            ))
        }
        Err(gongjiang_app::imports::Refusal::Other(e)) => {
            Err(ApiError::new(lang, e).into_response())
        }
    }
}

//! Request middleware: resolve who is acting, enforce CSRF and same-origin
//! rules on every state-changing request, set security headers, log requests
//! without their query strings or secrets.

use crate::context::{Ctx, cookie};
use crate::error::{ApiError, PageError};
use crate::i18n::{Lang, tr};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::{Actor, accounts};
use std::net::SocketAddr;

/// The liveness probe's path.
pub const HEALTH_LIVE: &str = "/healthz";
/// The readiness probe's path.
pub const HEALTH_READY: &str = "/health/ready";

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses a request whose `Origin` (or `Sec-Fetch-Site`) shows it came from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    origin == "null" || origin_host != host
}

pub(crate) fn csrf_refusal(lang: Lang, api: bool) -> Response {
    tracing::info!("request refused: CSRF check failed");
    if api {
        let body = serde_json::json!({"error": {"code": "csrf", "message": tr(lang, "error.csrf"), "fields": []}});
        (StatusCode::FORBIDDEN, axum::Json(body)).into_response()
    } else {
        let page = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>403</title>\
             <link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"narrow\"><h1>403</h1>\
             <p class=\"error-text\">{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
            lang.code(),
            tr(lang, "error.csrf"),
            tr(lang, "nav.home")
        );
        (StatusCode::FORBIDDEN, Html(page)).into_response()
    }
}

/// Constant-time comparison of two tokens.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
        && !a.is_empty()
}

/// Resolves the [`Ctx`], checks CSRF on state-changing requests, and sets the
/// anonymous CSRF cookie when a visitor has none.
pub async fn context(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The health probes are asked every few seconds by a proxy or an
    // orchestrator: they carry no session, set no cookie and read no input,
    // so they skip all of the below, and are logged only at debug level.
    if matches!(req.uri().path(), HEALTH_LIVE | HEALTH_READY) && req.method() == Method::GET {
        let response = next.run(req).await;
        tracing::debug!(http.status = response.status().as_u16(), "health probe");
        return response;
    }
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "-".into());
    let headers = req.headers().clone();
    let cookies = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let lang = Lang::from_cookie(cookie(&cookies, "lang"));
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let path = req.uri().path().to_string();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let api = path.starts_with("/api/");
    let app = &state.app;

    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let mut set_cookie = None;
    let ctx = if let Some(token) = bearer {
        match accounts::resolve_api_token(app, &token, &ip).await {
            Ok(Some(actor)) => Ctx {
                actor,
                session: None,
                session_secret: None,
                lang,
                csrf: String::new(),
                via_token: true,
                path: path_and_query,
                flash: None,
                unread: 0,
                at_school: false,
            },
            Ok(None) => {
                return ApiError::new(lang, gongjiang_app::Error::Unauthenticated).into_response();
            }
            Err(e) => return ApiError::new(lang, e).into_response(),
        }
    } else {
        let secret = cookie(&cookies, state.session_cookie()).map(str::to_string);
        let resolved = match &secret {
            Some(s) => match accounts::resolve_session(app, s, &ip).await {
                Ok(r) => r,
                Err(e) => {
                    return if api {
                        ApiError::new(lang, e).into_response()
                    } else {
                        PageError::new(lang, e).into_response()
                    };
                }
            },
            None => None,
        };
        match resolved {
            Some((actor, session)) => Ctx {
                actor,
                csrf: session.csrf_token.clone(),
                session: Some(session),
                session_secret: secret,
                lang,
                via_token: false,
                path: path_and_query,
                flash: None,
                unread: 0,
                at_school: false,
            },
            None => {
                let csrf = match cookie(&cookies, state.csrf_cookie()) {
                    Some(v) if v.len() >= 32 => v.to_string(),
                    _ => {
                        let fresh = accounts::new_secret();
                        set_cookie = Some(state.cookie(state.csrf_cookie(), &fresh, None));
                        fresh
                    }
                };
                Ctx {
                    actor: Actor::Anonymous { ip: ip.clone() },
                    session: None,
                    session_secret: None,
                    lang,
                    csrf,
                    via_token: false,
                    path: path_and_query,
                    flash: None,
                    unread: 0,
                    at_school: false,
                }
            }
        }
    };

    // A save's confirmation, shown once: read here, cleared in the answer.
    let mut ctx = ctx;
    let flash_sent = cookie(&cookies, crate::forms::FLASH_COOKIE).is_some();
    ctx.flash = cookie(&cookies, crate::forms::FLASH_COOKIE).and_then(crate::forms::flash_key);
    // The header's badge: a page for someone signed in counts their unread
    // notifications (one indexed count); the API and the assets do not.
    if ctx.signed_in() && !api && !path.starts_with("/assets/") {
        ctx.unread = gongjiang_app::notifications::unread(app, &ctx.actor)
            .await
            .unwrap_or(0);
        ctx.at_school = gongjiang_app::members::acts_for_school(&ctx.actor);
    }

    // Deny by default: a route that is not public is closed to anonymous visitors
    // before its handler reads any input.
    let access = crate::routes::access_of(&method, &matched);
    if access.is_some_and(|a| a != crate::routes::Access::Public) && !ctx.signed_in() {
        let error = gongjiang_app::Error::Unauthenticated;
        return if api {
            ApiError::new(lang, error).into_response()
        } else {
            PageError::new(lang, error).into_response()
        };
    }
    // A role the policy table grants nothing of a route's kind is refused
    // there before the handler reads input: a trainee posting a membership
    // decision is told no (403), not that the decision is malformed.
    if let Some(crate::routes::Access::Policy(kind)) = access
        && let Ok(user) = ctx.actor.user()
        && !gongjiang_app::policy::role_holds(user.role, kind)
    {
        // Logged like a refusal in the use cases (`Actor::require`).
        tracing::info!(
            user.id = %user.user_id,
            org.id = %user.org_id,
            role = user.role.as_str(),
            permission = ?kind,
            "permission denied"
        );
        let error = gongjiang_app::Error::Forbidden;
        return if api {
            ApiError::new(lang, error).into_response()
        } else {
            PageError::new(lang, error).into_response()
        };
    }
    let mut req = req;
    if is_unsafe(&method) && !ctx.via_token {
        if cross_site(&headers) {
            return csrf_refusal(lang, api);
        }
        if api {
            if ctx.session.is_some() {
                let sent = headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !same_token(sent, &ctx.csrf) {
                    return csrf_refusal(lang, true);
                }
            } else {
                // Anonymous JSON calls must say so: a cross-site form cannot send this content type.
                let json = headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("application/json"));
                if !json {
                    return csrf_refusal(lang, true);
                }
            }
        } else {
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let multipart = content_type.starts_with("multipart/form-data");
            let by_header = headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|sent| same_token(sent, &ctx.csrf));
            if multipart && crate::routes::is_upload(&method, &matched) {
                // An upload is not read here: `forms::Upload` checks the token,
                // the form's first field, before the handler reads the file.
            } else if !by_header {
                // A form body is small (the body limit): read it for its token
                // and hand it on unchanged.
                let (parts, body) = req.into_parts();
                let bytes = match axum::body::to_bytes(body, state.web.max_body_bytes).await {
                    Ok(b) => b,
                    Err(_) => {
                        return (StatusCode::PAYLOAD_TOO_LARGE, tr(lang, "error.too_large"))
                            .into_response();
                    }
                };
                let sent = if multipart {
                    multipart_field(&bytes, &content_type, "csrf")
                } else {
                    crate::forms::first_in(&bytes, "csrf")
                };
                if !sent.is_some_and(|sent| same_token(&sent, &ctx.csrf)) {
                    return csrf_refusal(lang, false);
                }
                req = Request::from_parts(parts, Body::from(bytes));
            }
        }
    }
    let page_ctx = (!api).then(|| ctx.clone());
    req.extensions_mut().insert(ctx);
    let mut response = crate::context::with_lang(lang, next.run(req)).await;
    if let Some(ctx) = page_ctx
        && let Some(shown) = response
            .extensions()
            .get::<crate::error::ShownError>()
            .cloned()
    {
        response = crate::error::error_page(&state, &ctx, &shown, &headers, response);
    }
    // The body limit refuses in plain text; the API answers every error as JSON.
    if api
        && response.status() == StatusCode::PAYLOAD_TOO_LARGE
        && !response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
    {
        let body =
            crate::error::ErrorBody::new("too_large", tr(lang, "error.too_large").to_string());
        response = (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response();
    }
    if let Some(c) = set_cookie
        && let Ok(v) = c.parse()
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    // A redirect carries a fresh confirmation; any other answer has shown it.
    if flash_sent
        && !response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|v| {
                v.to_str()
                    .is_ok_and(|v| v.starts_with(crate::forms::FLASH_COOKIE))
            })
        && let Ok(v) = state
            .cookie(crate::forms::FLASH_COOKIE, "", Some(0))
            .parse()
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    tracing::info!(
        http.method = %method,
        http.route = %matched,
        http.status = response.status().as_u16(),
        latency_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// The text value of the part called `name` in a multipart body.
fn multipart_field(body: &[u8], content_type: &str, name: &str) -> Option<String> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let marker = format!("name=\"{name}\"");
    let text = String::from_utf8_lossy(body);
    text.split(delimiter.as_str()).find_map(|part| {
        let (head, value) = part.split_once("\r\n\r\n")?;
        head.contains(&marker)
            .then(|| value.trim_end_matches("\r\n").to_string())
    })
}

/// Security headers on every answer; `Cache-Control: no-store` unless the handler set its own.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        if !h.contains_key(name) {
            h.insert(name, axum::http::HeaderValue::from_static(value));
        }
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(h, "cache-control", "no-store");
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_equal_only_when_identical_and_non_empty() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("", ""));
        assert!(!same_token("abc", "abcd"));
    }
}

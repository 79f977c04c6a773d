//! The home page, the language switch and the not-found page.

use crate::context::Ctx;
use crate::error::PageError;
use crate::layout::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::{Error, members};

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    l: Layout,
    alliance_name: String,
    alliance_en: String,
    members: i64,
    notices: Vec<crate::areas::Notice>,
    employment: EmploymentLinks,
}

/// The links to employment pages.
struct EmploymentLinks {
    manage: bool,
    funnel: bool,
    own_record: bool,
}

fn employment_links(ctx: &Ctx) -> Result<EmploymentLinks, PageError> {
    use gongjiang_app::policy::Permission;
    let org = ctx.actor.user().ok().map(|u| u.org_id);
    let manage = org.is_some_and(|o| ctx.actor.may(Permission::ManageEmployment(o)));
    Ok(EmploymentLinks {
        manage,
        funnel: org.is_some() && gongjiang_app::employment::sees_funnel(&ctx.actor)?,
        own_record: ctx.actor.may(Permission::ViewOwnRecord),
    })
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let lang = ctx.lang;
    let alliance = members::alliance(app).await?;
    let total = members::member_count(app).await?;
    render(
        lang,
        &HomePage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            alliance_name: alliance.name,
            alliance_en: alliance.name_en,
            members: total,
            notices: crate::areas::notices(&state, &ctx).await?,
            employment: employment_links(&ctx)?,
        },
    )
}

/// Query of the language switch.
#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only same-site relative paths may be redirected to: a path that starts
/// with one `/`, holding no control character, no backslash and (as typed)
/// no whitespace, checked again after one round of percent-decoding. Browsers
/// drop tabs and newlines from a URL and read `\` as `/`, so
/// `/%09/evil.example` or `/\evil.example` would leave the site; a control
/// character would also make the `Location` header unwritable. Anything else
/// becomes `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if same_site_path(n)
                && !n.chars().any(char::is_whitespace)
                && same_site_path(&percent_encoding::percent_decode_str(n).decode_utf8_lossy()) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

fn same_site_path(n: &str) -> bool {
    n.starts_with('/') && !n.starts_with("//") && !n.chars().any(|c| c.is_control() || c == '\\')
}

/// `GET /lang/{code}`: remembers the language in a cookie and goes back.
pub async fn switch_lang(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let value = if code == "en" { "en" } else { "zh" };
    let target = safe_next(q.next.as_deref());
    let cookie = format!("lang={value}; Path=/; SameSite=Lax; Max-Age=31536000");
    ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
}

/// Any unknown path.
pub async fn not_found(ctx: Ctx) -> PageError {
    PageError::new(ctx.lang, Error::NotFound("page"))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn redirect_targets_stay_on_this_site() {
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/x\r\nSet-Cookie: a=b",
            // The security sweep's findings: a tab the browser drops, a
            // control character, and their encoded forms.
            "/\t/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/\u{1}x",
            "/%01x",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/ /evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(
            safe_next(Some("/members?kind=enterprise")),
            "/members?kind=enterprise"
        );
        assert_eq!(safe_next(None), "/");
        // Ordinary encoded text in a query stays.
        assert_eq!(
            safe_next(Some("/members?q=%E9%84%82")),
            "/members?q=%E9%84%82"
        );
    }
}

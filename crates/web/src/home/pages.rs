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
use gongjiang_domain::members::MembershipStatus;

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    l: Layout,
    alliance_name: String,
    alliance_en: String,
    members: i64,
    pending: Option<usize>,
    no_accounts: bool,
    renewals: usize,
    round_notices: Vec<(String, String)>,
    employment: EmploymentLinks,
}

/// The employment reminder (follow-ups due, like the renewal reminder) and the links to employment pages.
struct EmploymentLinks {
    due: usize,
    manage: bool,
    funnel: bool,
    own_record: bool,
}

async fn employment_links(state: &AppState, ctx: &Ctx) -> Result<EmploymentLinks, PageError> {
    use gongjiang_app::policy::Permission;
    let org = ctx.actor.user().ok().map(|u| u.org_id);
    let manage = org.is_some_and(|o| ctx.actor.may(Permission::ManageEmployment(o)));
    let due = if manage {
        gongjiang_app::employment::reminders(&state.app, &ctx.actor)
            .await?
            .len()
    } else {
        0
    };
    Ok(EmploymentLinks {
        due,
        manage,
        funnel: org.is_some()
            && gongjiang_app::employment::sees_funnel(&state.app, &ctx.actor).await?,
        own_record: ctx.actor.may(Permission::ViewOwnRecord),
    })
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let lang = ctx.lang;
    let alliance = members::alliance(app).await?;
    let (_, total) = members::roster(app, &Default::default(), 1, 1).await?;
    let pending = if ctx
        .actor
        .may(gongjiang_app::policy::Permission::ReviewApplications)
    {
        Some(
            members::memberships_in(app, &ctx.actor, MembershipStatus::Applied)
                .await?
                .len(),
        )
    } else {
        None
    };
    let no_accounts = gongjiang_app::accounts::count_users(app).await? == 0;
    // The renewal reminder: agreements of the actor's unit that end within the window.
    let renewals = if ctx.signed_in() {
        let today = app.now().date_cst();
        gongjiang_app::cooperation::list(app, &ctx.actor)
            .await?
            .iter()
            .filter(|a| a.needs_renewal(today, gongjiang_app::cooperation::RENEWAL_WINDOW_DAYS))
            .count()
    } else {
        0
    };
    render(
        lang,
        &HomePage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            alliance_name: alliance.name,
            alliance_en: alliance.name_en,
            members: total,
            pending,
            no_accounts,
            renewals,
            round_notices: crate::rounds::pages::notice_lines(&state, &ctx).await,
            employment: employment_links(&state, &ctx).await?,
        },
    )
}

/// Query of the language switch.
#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only same-site relative paths may be redirected to (no `//host`, no `/\host`, no scheme).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains(['\r', '\n']) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
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
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(
            safe_next(Some("/members?kind=enterprise")),
            "/members?kind=enterprise"
        );
        assert_eq!(safe_next(None), "/");
    }
}

//! The secretariat's review pages: the application queue, and a membership
//! with its decisions.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{self};
use crate::layout::{Layout, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::Error;
use gongjiang_app::members::{self, Decision};
use gongjiang_domain::ids::MembershipId;
use gongjiang_domain::members::{MembershipStatus, Tier};
use gongjiang_domain::values::Mobile;

/// A queue line.
pub struct ApplicationRow {
    id: String,
    name: String,
    kind: &'static str,
    city: String,
    requested: &'static str,
    applied_at: String,
}

#[derive(Template)]
#[template(path = "members/applications.html")]
struct ApplicationsPage {
    l: Layout,
    rows: Vec<ApplicationRow>,
}

/// `GET /admin/applications`.
pub async fn applications(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let list = members::memberships_in(&state.app, &ctx.actor, MembershipStatus::Applied).await?;
    let rows = list
        .iter()
        .map(|v| ApplicationRow {
            id: v.membership.id.to_string(),
            name: v.org.name.clone(),
            kind: i18n::kind_label(lang, v.org.kind),
            city: v.org.city.clone(),
            requested: i18n::tier_label(lang, v.membership.requested_tier),
            applied_at: v.membership.applied_at.display_cst(),
        })
        .collect();
    render(
        lang,
        &ApplicationsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            rows,
        },
    )
}

#[derive(Template)]
#[template(path = "members/membership.html")]
struct MembershipPage {
    l: Layout,
    id: String,
    org_id: String,
    org_name: String,
    kind: &'static str,
    credit_code: String,
    city: String,
    status: &'static str,
    requested: &'static str,
    tier: String,
    contact: String,
    contact_email: String,
    statement: String,
    decision_reason: String,
    end_reason: String,
    applied_at: String,
    tiers: Vec<(String, &'static str, bool)>,
    is_applied: bool,
    is_active: bool,
    is_suspended: bool,
    errors: FormErrors,
    /// Right after an approval that invited the unit's first administrator:
    /// the link to hand over (shown this once) and until when it works.
    first_admin: Option<(String, String)>,
}

async fn membership_page(
    state: &AppState,
    ctx: &Ctx,
    id: MembershipId,
    errors: FormErrors,
) -> Result<MembershipPage, PageError> {
    let lang = ctx.lang;
    let v = members::membership(&state.app, &ctx.actor, id).await?;
    let m = &v.membership;
    let phone = Mobile::parse(&m.contact_phone)
        .map(|p| p.masked())
        .unwrap_or_default();
    let current = m.tier.unwrap_or(m.requested_tier);
    Ok(MembershipPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        id: m.id.to_string(),
        org_id: v.org.id.to_string(),
        org_name: v.org.name.clone(),
        kind: i18n::kind_label(lang, v.org.kind),
        credit_code: v.org.credit_code.clone(),
        city: v.org.city.clone(),
        status: i18n::status_label(lang, m.status),
        requested: i18n::tier_label(lang, m.requested_tier),
        tier: m
            .tier
            .map(|t| i18n::tier_label(lang, t).to_string())
            .unwrap_or_default(),
        contact: if m.contact_name.is_empty() {
            String::new()
        } else {
            format!("{} {}", m.contact_name, phone)
        },
        contact_email: m.contact_email.clone(),
        statement: m.statement.clone(),
        decision_reason: m.decision_reason.clone(),
        end_reason: m.end_reason.clone(),
        applied_at: m.applied_at.display_cst(),
        tiers: Tier::ALL
            .iter()
            .map(|t| {
                (
                    t.as_str().to_string(),
                    i18n::tier_label(lang, *t),
                    *t == current,
                )
            })
            .collect(),
        is_applied: m.status == MembershipStatus::Applied,
        is_active: m.status == MembershipStatus::Active,
        is_suspended: m.status == MembershipStatus::Suspended,
        errors,
        first_admin: None,
    })
}

/// `GET /admin/memberships/{id}`.
pub async fn membership(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<MembershipId>,
) -> Result<Html<String>, PageError> {
    ctx.actor
        .require(gongjiang_app::policy::Permission::ReviewApplications)?;
    let page = membership_page(&state, &ctx, id, FormErrors::default()).await?;
    render(ctx.lang, &page)
}

/// Turns the form's `action` and fields into a decision.
pub fn decision_from(
    action: &str,
    tier: String,
    note: String,
    reason: String,
) -> Result<Decision, Error> {
    Ok(match action {
        "approve" => Decision::Approve { tier, note },
        "reject" => Decision::Reject { reason },
        "suspend" => Decision::Suspend { reason },
        "reinstate" => Decision::Reinstate,
        "end" => Decision::End { reason },
        "change_tier" => Decision::ChangeTier { tier },
        _ => {
            return Err(Error::field(
                "action",
                gongjiang_domain::Problem::InvalidChoice,
            ));
        }
    })
}

/// `POST /admin/memberships/{id}/decide`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<MembershipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    // An empty reason goes straight to the use case, which names the field.
    if field(&pairs, "action") == "reject"
        && !field(&pairs, "reason").trim().is_empty()
        && !crate::forms::confirmed(&pairs)
    {
        ctx.actor
            .require(gongjiang_app::policy::Permission::ReviewApplications)?;
        return crate::forms::confirm_page(
            &state,
            &ctx,
            &format!("/admin/memberships/{id}/decide"),
            &pairs,
            crate::forms::Confirmation {
                title_key: "members.confirm.reject",
                what: i18n::tr(lang, "members.confirm.reject_what").into(),
                back: format!("/admin/memberships/{id}"),
                reason: Some("reason"),
            },
        );
    }
    let decision = decision_from(
        &field(&pairs, "action"),
        field(&pairs, "tier"),
        field(&pairs, "note"),
        field(&pairs, "reason"),
    )?;
    match members::decide(&state.app, &ctx.actor, id, &decision).await {
        Ok(members::Decided {
            invitation: Some(invited),
            ..
        }) => {
            let mut page = membership_page(&state, &ctx, id, FormErrors::default()).await?;
            page.first_admin = Some((
                format!(
                    "{}/invite/{}",
                    gongjiang_app::certificates::base_url(&state.app),
                    invited.secret
                ),
                invited.invitation.expires_at.display_cst(),
            ));
            Ok(render_with(lang, StatusCode::OK, &page)?.into_response())
        }
        Ok(_) => Ok(crate::forms::saved(
            &state,
            &format!("/admin/memberships/{id}"),
        )),
        Err(Error::Invalid(errors)) => {
            let page = membership_page(&state, &ctx, id, FormErrors::new(&errors, lang)).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

//! The notification centre's pages: the list (with how I am told and, for
//! a unit's administrator, its group robot), opening and marking read, and
//! the secretariat's outbox.

use super::words;
use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::{Fields, Form, FormErrors, Id, field};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::notifications::{self, Contact, WebhookView};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, notifications::delivery};
use gongjiang_domain::ids::NotificationId;

/// The labels of this area's form fields, as its forms name them.
pub(crate) const LABELS: &[(&str, &str)] = &[
    ("email", "notifications.email"),
    ("webhook_url", "notifications.robot_url"),
];

/// A notification as a row of the centre.
pub struct Row {
    id: String,
    text: String,
    at: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<Row>,
    pager: Pager,
    unread_only: bool,
    unread: i64,
    contact: Contact,
    mail_on: bool,
    robot: Option<WebhookView>,
    robot_url: String,
    errors: FormErrors,
    outbox_link: bool,
}

/// Query of the centre.
#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    unread: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
    errors: FormErrors,
    typed: Option<(Contact, String)>,
) -> Result<ListPage, PageError> {
    let app = &state.app;
    let unread_only = q.unread == "1";
    let ask = PageAsk::new(q.page, q.per_page, notifications::MAX_PAGE);
    let (items, total) =
        notifications::mine(app, &ctx.actor, unread_only, ask.page, ask.per_page).await?;
    let unread = notifications::unread(app, &ctx.actor).await?;
    let rows = items
        .into_iter()
        .map(|n| Row {
            id: n.id.to_string(),
            text: words::text(ctx.lang, &n.kind, &n.args),
            at: n.created_at.display_cst(),
            unread: n.read_at.is_none(),
        })
        .collect();
    let params: Vec<(&'static str, String)> = if unread_only {
        vec![("unread", "1".into())]
    } else {
        Vec::new()
    };
    let org = ctx.actor.user()?.org_id;
    let robot = if ctx.actor.may(Permission::EditOrgProfile(org)) {
        Some(notifications::webhook(app, &ctx.actor, org).await?)
    } else {
        None
    };
    let (contact, robot_url) = match typed {
        Some(t) => t,
        None if ctx.actor.may(Permission::ManageOwnAccount) => (
            notifications::my_contact(app, &ctx.actor).await?,
            String::new(),
        ),
        None => (
            Contact {
                email: String::new(),
                wants_email: false,
            },
            String::new(),
        ),
    };
    Ok(ListPage {
        l: Layout::new(ctx, app.settings.demo_mode),
        rows,
        pager: Pager::new(ctx.lang, "/notifications", &params, ask, total),
        unread_only,
        unread,
        contact,
        mail_on: app.settings.mail.is_some(),
        robot,
        robot_url,
        errors,
        outbox_link: ctx.actor.may(Permission::BrowseAllAudit),
    })
}

/// `GET /notifications`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let page = list_page(&state, &ctx, &q, FormErrors::default(), None).await?;
    render(ctx.lang, &page)
}

/// `POST /notifications/{id}/open`: marks it read and goes to its record.
pub async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<NotificationId>,
) -> Result<Response, PageError> {
    let n = notifications::open(&state.app, &ctx.actor, id).await?;
    let to = crate::home::pages::safe_next(Some(&n.href));
    Ok(Redirect::to(&to).into_response())
}

/// `POST /notifications/read-all`.
pub async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    notifications::read_all(&state.app, &ctx.actor).await?;
    Ok(crate::forms::done_with(
        &state,
        "/notifications",
        "forms.done",
    ))
}

/// `POST /notifications/contact`.
pub async fn set_contact(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = Contact {
        email: field(&pairs, "email"),
        wants_email: field(&pairs, "wants_email") == "1",
    };
    match notifications::set_my_contact(&state.app, &ctx.actor, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/notifications")),
        Err(Error::Invalid(errors)) => {
            let page = list_page(
                &state,
                &ctx,
                &ListQuery::default(),
                FormErrors::labelled(&errors, lang, LABELS),
                Some((input, String::new())),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /notifications/robot`: the acting unit's group robot.
pub async fn set_robot(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let org = ctx.actor.user()?.org_id;
    let url = field(&pairs, "webhook_url");
    match notifications::set_webhook(&state.app, &ctx.actor, org, &url).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/notifications")),
        Err(Error::Invalid(errors)) => {
            let contact = notifications::my_contact(&state.app, &ctx.actor).await?;
            let page = list_page(
                &state,
                &ctx,
                &ListQuery::default(),
                FormErrors::labelled(&errors, lang, LABELS),
                Some((contact, url)),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

#[derive(Template)]
#[template(path = "notifications/outbox.html")]
struct OutboxPage {
    l: Layout,
    table: Table,
    pager: Pager,
    statuses: Vec<crate::forms::Choice>,
}

/// Query of the outbox.
#[derive(serde::Deserialize, Default)]
pub struct OutboxQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The recipient as the secretariat sees it: an address, or a robot with its key hidden.
fn shown_recipient(channel: &str, recipient: &str) -> String {
    if channel == notifications::WEBHOOK {
        match recipient.split_once("key=") {
            Some((head, key)) => {
                format!("{head}key={}****", key.chars().take(4).collect::<String>())
            }
            None => recipient.chars().take(40).collect(),
        }
    } else {
        recipient.to_string()
    }
}

/// `GET /admin/outbox`.
pub async fn outbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OutboxQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let status = match q.status.as_str() {
        s @ ("pending" | "sent" | "failed") => Some(s),
        _ => None,
    };
    let ask = PageAsk::new(q.page, q.per_page, notifications::MAX_PAGE);
    let (messages, total) =
        delivery::outbox(&state.app, &ctx.actor, status, ask.page, ask.per_page).await?;
    let mut table = Table::new(
        lang,
        &[
            "notifications.at",
            "notifications.channel",
            "notifications.recipient",
            "notifications.what",
            "notifications.status",
            "notifications.attempts",
            "notifications.last_error",
        ],
    );
    for m in messages {
        let args = match serde_json::from_str(&m.args) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        table.push(vec![
            Cell::text(m.created_at.display_cst()),
            Cell::text(crate::i18n::tr(
                lang,
                &format!("notifications.channel.{}", m.channel),
            )),
            Cell::text(shown_recipient(&m.channel, &m.recipient)),
            Cell::text(words::text(lang, &m.kind, &args)),
            Cell::text(crate::i18n::tr(
                lang,
                &format!("notifications.outbox_status.{}", m.status),
            )),
            Cell::text(m.attempts.to_string()),
            Cell::text(m.last_error),
        ]);
    }
    let params: Vec<(&'static str, String)> = status
        .map(|s| vec![("status", s.to_string())])
        .unwrap_or_default();
    let statuses = ["pending", "sent", "failed"]
        .iter()
        .map(|s| crate::forms::Choice {
            value: (*s).to_string(),
            label: crate::i18n::tr(lang, &format!("notifications.outbox_status.{s}")).to_string(),
            selected: status == Some(*s),
        })
        .collect();
    render(
        lang,
        &OutboxPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table,
            pager: Pager::new(lang, "/admin/outbox", &params, ask, total),
            statuses,
        },
    )
}

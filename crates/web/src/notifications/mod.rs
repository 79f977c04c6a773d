//! Notifications: the centre behind the header's badge (a list, mark as
//! read, each item opening its record), how a person is told (e-mail), a
//! unit's chat-group robot, the secretariat's view of the outbox, the API,
//! and the words e-mails and robot messages are composed from.

pub mod api;
pub mod pages;
pub mod words;

use crate::api_docs::schema;
use crate::json::Page;
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/notifications", SignedIn, "my notifications, newest first, with how I am told", pages::list)
        .route(post.clone(), "/notifications/{id}/open", SignedIn, "mark one of my notifications read and open its record", pages::open)
        .route(post.clone(), "/notifications/read-all", SignedIn, "mark all my notifications read", pages::read_all)
        .route(post.clone(), "/notifications/contact", Policy(Kind::ManageOwnAccount), "set my e-mail address and whether I am told by e-mail", pages::set_contact)
        .route(post.clone(), "/notifications/robot", Policy(Kind::EditOrgProfile), "set or remove my unit's WeCom group robot", pages::set_robot)
        .route(get.clone(), "/admin/outbox", Policy(Kind::BrowseAllAudit), "e-mails and robot messages waiting, sent and given up", pages::outbox)
        .route(get.clone(), "/api/v1/notifications", SignedIn, "my notifications, newest first (`unread=1` for unread only)", api::list).answers(schema::<Page<api::NotificationItem>>)
        .route(post.clone(), "/api/v1/notifications/{id}/read", SignedIn, "mark one of my notifications read", api::read).answers(schema::<api::NotificationItem>)
        .route(post.clone(), "/api/v1/notifications/read-all", SignedIn, "mark all my notifications read", api::read_all).answers(schema::<api::ReadAll>)
        .route(get.clone(), "/api/v1/account/contact", Policy(Kind::ManageOwnAccount), "my e-mail address and whether I am told by e-mail", api::contact).answers(schema::<gongjiang_app::notifications::Contact>)
        .json(Method::PUT, "/api/v1/account/contact", Policy(Kind::ManageOwnAccount), "set my e-mail address and whether I am told by e-mail", schema::<gongjiang_app::notifications::Contact>, api::set_contact).answers(schema::<gongjiang_app::notifications::Contact>)
}

//! The page kit: what every page shows around its content, and rendering.
//!
//! Every page template embeds a [`Layout`] (`l`) that carries the language,
//! the signed-in user, the CSRF token for forms and the navigation.

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::{self, Lang};
use askama::Template;
use axum::response::Html;
use gongjiang_app::Actor;
use gongjiang_app::policy::Permission;
use gongjiang_domain::ids::OrgId;

/// What every page shows around its content.
pub struct Layout {
    /// Language.
    pub lang: Lang,
    /// Signed-in user's display name.
    pub user_name: Option<String>,
    /// The role they act as, in words.
    pub role_name: String,
    /// The organisation they act for.
    pub org_id: Option<OrgId>,
    /// CSRF token for forms.
    pub csrf: String,
    /// Demo banner on.
    pub demo: bool,
    /// Acts for a school it may manage (shows the school's edit links).
    pub can_school: bool,
    /// The navigation bar, one entry list per area (`crate::areas`).
    pub nav: Vec<crate::areas::NavLink>,
    /// Current path (for the language switch).
    pub path: String,
    /// A flash message (success notice) to show on top.
    pub notice: Option<String>,
    /// Unread notifications (the header's badge).
    pub unread: i64,
}

impl Layout {
    /// Builds the layout for a request.
    pub fn new(ctx: &Ctx, demo: bool) -> Layout {
        let (user_name, role_name, org_id) = match &ctx.actor {
            Actor::User { user, .. } => (
                Some(user.display_name.clone()),
                i18n::role_label(ctx.lang, user.role).to_string(),
                Some(user.org_id),
            ),
            Actor::Anonymous { .. } => (None, String::new(), None),
        };
        Layout {
            lang: ctx.lang,
            user_name,
            role_name,
            org_id,
            csrf: ctx.csrf.clone(),
            demo,
            can_school: ctx.at_school
                && org_id.is_some_and(|o| ctx.actor.may(Permission::ManageSupply(o))),
            nav: crate::areas::nav(ctx),
            path: ctx.path.clone(),
            notice: ctx.flash.map(|k| i18n::tr(ctx.lang, k).to_string()),
            unread: ctx.unread,
        }
    }
    /// The interface word for `key`.
    pub fn t(&self, key: &str) -> &'static str {
        i18n::tr(self.lang, key)
    }
    /// The interface message `key` with its `$n` set to `n`.
    pub fn t_n(&self, key: &str, n: &i64) -> String {
        i18n::tr_args(self.lang, key, &[("n", n.to_string())])
    }
    /// `zh-CN` or `en`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
    /// Link that switches language and comes back here.
    pub fn switch_href(&self) -> String {
        format!("/lang/{}?next={}", self.lang.other(), encode(&self.path))
    }
}

/// Percent-encodes text for a URL query value.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Renders a template, turning a render failure into an internal error page.
pub fn render<T: Template>(lang: Lang, template: &T) -> Result<Html<String>, PageError> {
    template
        .render()
        .map(Html)
        .map_err(|e| PageError::internal(lang, &e.to_string()))
}

/// Renders a template with a status code (e.g. 422 for a form with errors).
pub fn render_with(
    lang: Lang,
    status: axum::http::StatusCode,
    template: &impl Template,
) -> Result<(axum::http::StatusCode, Html<String>), PageError> {
    Ok((status, render(lang, template)?))
}

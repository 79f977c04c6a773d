//! The request context: who is acting (from the session cookie or an API
//! token), in which language, and the CSRF token their forms carry.
//!
//! `layers::context` resolves it once per request and stores it in the
//! request's extensions; handlers take it as the [`Ctx`] extractor.

use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use gongjiang_app::Actor;
use gongjiang_app::accounts::Session;

tokio::task_local! {
    /// The language of the request being answered, set by `layers::context`
    /// around the handler so an error can be worded where it becomes a
    /// response, without every handler passing the language along.
    static REQUEST_LANG: Lang;
}

/// Runs `answer` with `lang` as the request's language.
pub async fn with_lang<F: std::future::Future>(lang: Lang, answer: F) -> F::Output {
    REQUEST_LANG.scope(lang, answer).await
}

/// The language of the request being answered (Chinese outside a request).
pub fn request_lang() -> Lang {
    REQUEST_LANG.try_with(|l| *l).unwrap_or(Lang::Zh)
}

/// Everything a handler needs to know about the request's origin.
#[derive(Clone)]
pub struct Ctx {
    /// Who is acting.
    pub actor: Actor,
    /// The browser session, when signed in with a cookie.
    pub session: Option<Session>,
    /// The session cookie's secret (to sign out).
    pub session_secret: Option<String>,
    /// The language of the answer.
    pub lang: Lang,
    /// The CSRF token forms must carry.
    pub csrf: String,
    /// True when the request came with an API token.
    pub via_token: bool,
    /// The path and query of the request (for redirects back after sign-in).
    pub path: String,
    /// The word key of a confirmation a save left for this page (`forms::saved`).
    pub flash: Option<&'static str>,
    /// The reader's unread notifications (pages only; 0 in the API).
    pub unread: i64,
    /// The reader acts for a school (pages only; false in the API): the
    /// navigation offers a school's own pages to its staff only, whatever
    /// their role would allow elsewhere.
    pub at_school: bool,
}

impl Ctx {
    /// True when someone is signed in.
    pub fn signed_in(&self) -> bool {
        matches!(self.actor, Actor::User { .. })
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = crate::error::PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| crate::error::PageError::internal(Lang::Zh, "request context missing"))
    }
}

/// The value of one cookie in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_others_by_exact_name() {
        let header = "lang=en; gj_session=abc; gj_session_old=zzz";
        assert_eq!(cookie(header, "gj_session"), Some("abc"));
        assert_eq!(cookie(header, "lang"), Some("en"));
        assert_eq!(cookie(header, "session"), None);
    }
}

//! The form kit: a page form's fields parsed by `serde_html_form` (no
//! hand-written percent-decoding), into an input struct or, for forms whose
//! field names vary (a ranking's one field per applicant), into the fields
//! in order.
//!
//! A form's CSRF token is checked before any handler runs
//! (`layers::context`), except an upload's: [`Upload`] checks that one, the
//! form's first field, as the body streams in, so a large file is never
//! buffered just to find the token.

use crate::error::PageError;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use axum::extract::{FromRequest, Request};
use gongjiang_app::Error;
use gongjiang_domain::FieldErrors;
use serde::de::DeserializeOwned;

/// A URL-encoded form body as `T`.
pub struct Form<T>(pub T);

/// A form's fields in the order sent, repeated names kept.
pub type Fields = Vec<(String, String)>;

impl<T: DeserializeOwned> FromRequest<AppState> for Form<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| {
                PageError::from(Error::field(
                    "body",
                    gongjiang_domain::Problem::TooLong {
                        max: state.web.max_body_bytes,
                    },
                ))
            })?;
        serde_html_form::from_bytes(&bytes).map(Form).map_err(|_| {
            PageError::from(Error::field(
                "body",
                gongjiang_domain::Problem::InvalidFormat,
            ))
        })
    }
}

/// A multipart upload whose first field, `csrf`, carried the session's token.
pub struct Upload(pub axum::extract::Multipart);

impl FromRequest<AppState> for Upload {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let ctx = req.extensions().get::<crate::context::Ctx>().cloned();
        let lang = ctx.as_ref().map_or(crate::i18n::Lang::Zh, |c| c.lang);
        let Some(ctx) = ctx else {
            return Err(crate::layers::csrf_refusal(lang, false));
        };
        let header_ok = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|sent| crate::layers::same_token(sent, &ctx.csrf));
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if header_ok {
            return Ok(Upload(multipart));
        }
        let token = match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("csrf") => field.text().await.ok(),
            _ => None,
        };
        if token.is_some_and(|t| crate::layers::same_token(&t, &ctx.csrf)) {
            Ok(Upload(multipart))
        } else {
            Err(crate::layers::csrf_refusal(lang, false))
        }
    }
}

/// A record's id from the path (`/internships/{id}`): parsed once, and a
/// malformed id is simply not found (404), for pages and the API alike.
pub struct Id<T>(pub T);

impl<T: std::str::FromStr + Send> axum::extract::FromRequestParts<AppState> for Id<T> {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let not_found = |parts: &axum::http::request::Parts| {
            let error = Error::NotFound("record");
            if parts.uri.path().starts_with("/api/") {
                crate::error::ApiError::from(error).into_response()
            } else {
                PageError::from(error).into_response()
            }
        };
        let Ok(axum::extract::Path(text)) =
            axum::extract::Path::<String>::from_request_parts(parts, state).await
        else {
            return Err(not_found(parts));
        };
        text.parse().map(Id).map_err(|_| not_found(parts))
    }
}

/// The cookie that carries a save's confirmation to the page it returns to.
pub const FLASH_COOKIE: &str = "gj_flash";

/// The confirmations a save may leave (a cookie names one of these keys, so
/// no text from outside reaches a page).
const FLASHES: &[&str] = &["forms.saved", "forms.created", "forms.done"];

/// The confirmation a flash cookie names, if it is one of ours.
pub fn flash_key(value: &str) -> Option<&'static str> {
    FLASHES.iter().copied().find(|k| *k == value)
}

/// After a save: back to `to` (where the user was, or the saved record),
/// where the page says "已保存" once.
pub fn saved(state: &AppState, to: &str) -> axum::response::Response {
    done_with(state, to, "forms.saved")
}

/// After a change that is not a plain save (an import started, a decision
/// recorded): back to `to` with the confirmation `key` (one of [`FLASHES`]).
pub fn done_with(state: &AppState, to: &str, key: &'static str) -> axum::response::Response {
    use axum::response::IntoResponse;
    debug_assert!(flash_key(key).is_some(), "{key} is a known confirmation");
    (
        [(
            axum::http::header::SET_COOKIE,
            state.cookie(FLASH_COOKIE, key, Some(60)),
        )],
        axum::response::Redirect::to(to),
    )
        .into_response()
}

/// What an irreversible action asks before it runs: what will happen, where
/// "cancel" goes, and the reason the record keeps, if it needs one.
pub struct Confirmation {
    /// The page's title (an interface key).
    pub title_key: &'static str,
    /// What will happen, in the reader's language.
    pub what: String,
    /// Where "cancel" goes.
    pub back: String,
    /// The field that carries the reason, when the record keeps one.
    pub reason: Option<&'static str>,
}

#[derive(askama::Template)]
#[template(path = "forms/confirm.html")]
struct ConfirmPage {
    l: crate::layout::Layout,
    title: &'static str,
    what: String,
    action: String,
    back: String,
    hidden: Vec<(String, String)>,
    reason: Option<&'static str>,
    reason_label: &'static str,
    reason_value: String,
    errors: FormErrors,
}

/// True when the form came from the confirmation step.
pub fn confirmed(fields: &[(String, String)]) -> bool {
    field(fields, "confirmed") == "1"
}

/// The confirmation step of the form sent to `action`: the same fields
/// again, hidden, a reason when the record needs one, and a button that
/// sends it all with `confirmed=1`. A handler of an irreversible action
/// answers with this unless [`confirmed`].
pub fn confirm_page(
    state: &AppState,
    ctx: &crate::context::Ctx,
    action: &str,
    fields: &[(String, String)],
    c: Confirmation,
) -> Result<axum::response::Response, PageError> {
    confirmation(state, ctx, action, fields, c, FormErrors::default())
}

/// The confirmation step again (422) after the action refused what it was
/// sent, a missing reason most often: each problem named with its field in
/// the reader's language, and what was typed kept.
pub fn confirm_again(
    state: &AppState,
    ctx: &crate::context::Ctx,
    action: &str,
    fields: &[(String, String)],
    c: Confirmation,
    errors: &FieldErrors,
) -> Result<axum::response::Response, PageError> {
    let mut page = confirmation(
        state,
        ctx,
        action,
        fields,
        c,
        FormErrors::new(errors, ctx.lang),
    )?;
    *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(page)
}

fn confirmation(
    state: &AppState,
    ctx: &crate::context::Ctx,
    action: &str,
    fields: &[(String, String)],
    c: Confirmation,
    errors: FormErrors,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let page = ConfirmPage {
        l: crate::layout::Layout::new(ctx, state.app.settings.demo_mode),
        title: i18n::tr(ctx.lang, c.title_key),
        what: c.what,
        action: action.to_string(),
        back: c.back,
        hidden: fields
            .iter()
            .filter(|(k, _)| {
                !matches!(k.as_str(), "csrf" | "confirmed") && Some(k.as_str()) != c.reason
            })
            .cloned()
            .collect(),
        reason_label: c.reason.map_or("", |r| i18n::field_label(ctx.lang, r)),
        reason_value: c.reason.map(|r| field(fields, r)).unwrap_or_default(),
        reason: c.reason,
        errors,
    };
    Ok(crate::layout::render(ctx.lang, &page)?.into_response())
}

/// The value of one field (the first sent), or empty.
pub fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Every value sent for `name`, in order (check boxes, multi-selects).
pub fn all(fields: &[(String, String)], name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The first value of `name` in a URL-encoded body (the CSRF token, read by
/// the context layer), decoded as the form kit decodes every field.
pub fn first_in(body: &[u8], name: &str) -> Option<String> {
    serde_html_form::from_bytes::<Fields>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Field errors ready for a template: a sentence per field.
#[derive(Default)]
pub struct FormErrors {
    messages: Vec<(String, String)>,
}

impl FormErrors {
    /// From validation errors, in `lang`.
    pub fn new(errors: &FieldErrors, lang: Lang) -> FormErrors {
        FormErrors {
            messages: errors
                .0
                .iter()
                .map(|e| {
                    (
                        e.field.clone(),
                        i18n::problem_message(lang, &e.field, &e.problem),
                    )
                })
                .collect(),
        }
    }
    /// From validation errors, naming the fields in `labels` (field, key of
    /// its label) as this form does, and the others by their shared label.
    pub fn labelled(errors: &FieldErrors, lang: Lang, labels: &[(&str, &str)]) -> FormErrors {
        FormErrors {
            messages: errors
                .0
                .iter()
                .map(|e| {
                    let label = i18n::form_label(lang, labels, &e.field);
                    (e.field.clone(), i18n::labelled(lang, label, &e.problem))
                })
                .collect(),
        }
    }
    /// The message for `field`, or empty.
    pub fn get(&self, field: &str) -> String {
        self.messages
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join("；")
    }
    /// True when any error is present.
    pub fn any(&self) -> bool {
        !self.messages.is_empty()
    }
    /// Every message (for the summary on top of a form).
    pub fn all(&self) -> Vec<String> {
        self.messages.iter().map(|(_, m)| m.clone()).collect()
    }
}

/// A choice in a select list.
pub struct Choice {
    /// The stored value sent with the form.
    pub value: String,
    /// What the user reads.
    pub label: String,
    /// Selected now.
    pub selected: bool,
}

/// The choices of a select over stored codes, each shown as its word from
/// the interface group `group`, `current` selected.
pub fn choices<'a>(
    lang: Lang,
    group: &str,
    codes: impl IntoIterator<Item = &'a str>,
    current: &str,
) -> Vec<Choice> {
    codes
        .into_iter()
        .map(|code| Choice::new(code, i18n::choice(lang, group, code), current))
        .collect()
}

impl Choice {
    /// A choice, selected when `value` is `current`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Choice {
        let value = value.into();
        Choice {
            selected: value == current,
            label: label.into(),
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_decoded_in_order_with_repeats_kept() {
        let fields: Fields = serde_html_form::from_bytes(
            b"a=1&occupations=6-25&occupations=6-26&name=%E5%BC%A0+%E4%B8%89",
        )
        .unwrap();
        assert_eq!(field(&fields, "name"), "张 三");
        assert_eq!(all(&fields, "occupations"), ["6-25", "6-26"]);
        assert_eq!(field(&fields, "missing"), "");
        assert_eq!(
            first_in(b"x=1&csrf=a%2Bb&csrf=c", "csrf").as_deref(),
            Some("a+b")
        );
    }
}

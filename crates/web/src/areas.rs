//! The crate-level lists, one line per capability: the navigation bar, the
//! home page's notices (and the route registry in `routes::registry`). A new area adds its folder and
//! one line here; it edits no other area's files.

use crate::context::Ctx;
use crate::error::PageError;
use crate::state::AppState;

/// A link in the navigation bar: where it goes and the word it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// The page.
    pub href: &'static str,
    /// The interface key of its word.
    pub key: &'static str,
}

impl NavLink {
    /// A link to `href` named by the word `key`.
    pub const fn new(href: &'static str, key: &'static str) -> NavLink {
        NavLink { href, key }
    }
}

/// The navigation entries of each area, in the order the bar shows them;
/// each area decides from the request which of its links the reader gets.
const NAV: &[fn(&Ctx) -> Vec<NavLink>] = &[
    crate::members::nav,
    crate::demand::nav,
    crate::supply::nav,
    crate::rounds::nav,
    crate::cooperation::nav,
    crate::training::nav,
    crate::employment::nav,
    crate::privacy::nav,
    crate::imports::nav,
    crate::evaluation::nav,
    crate::audit::nav,
    crate::api_docs::nav,
];

/// The navigation bar for this request.
pub fn nav(ctx: &Ctx) -> Vec<NavLink> {
    NAV.iter().flat_map(|area| area(ctx)).collect()
}

/// One link for any signed-in reader.
pub fn signed_in(ctx: &Ctx, href: &'static str, key: &'static str) -> Vec<NavLink> {
    if ctx.signed_in() {
        vec![NavLink::new(href, key)]
    } else {
        Vec::new()
    }
}

/// Something on the home page that needs the reader's attention, with a link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The element's id (tests and styles find a notice by it).
    pub id: String,
    /// Where to deal with it, if anywhere.
    pub href: Option<String>,
    /// What it says, in the reader's language.
    pub text: String,
}

/// The home page's notices for this request, each area's in turn.
pub async fn notices(state: &AppState, ctx: &Ctx) -> Result<Vec<Notice>, PageError> {
    let mut all = Vec::new();
    all.extend(crate::accounts::notices(state, ctx).await?);
    all.extend(crate::members::notices(state, ctx).await?);
    all.extend(crate::cooperation::notices(state, ctx).await?);
    all.extend(crate::rounds::notices(state, ctx).await?);
    all.extend(crate::supply::notices(state, ctx).await?);
    all.extend(crate::training::notices(state, ctx).await?);
    all.extend(crate::certificates::notices(state, ctx).await?);
    all.extend(crate::privacy::notices(state, ctx).await?);
    all.extend(crate::employment::notices(state, ctx).await?);
    Ok(all)
}

//! The internships list, its filters and its exports.

use super::*;

// ------------------------------------------------------------ the list

/// An internship line of a list.
pub struct Line {
    pub(super) id: String,
    pub(super) trainee: String,
    pub(super) host: String,
    pub(super) post: String,
    pub(super) kind: String,
    pub(super) period: String,
    pub(super) status: String,
}

pub(super) fn line(lang: Lang, i: &Internship, trainee: &str, host: &str) -> Line {
    Line {
        id: i.id.to_string(),
        trainee: trainee.to_string(),
        host: host.to_string(),
        post: i.fields.post_name.clone(),
        kind: i18n::choice(lang, "internship_kind", i.fields.kind.as_str()),
        period: format!("{} — {}", i.fields.start_on, i.fields.end_on),
        status: i18n::choice(lang, "internship_status", i.status.as_str()),
    }
}

#[derive(Template)]
#[template(path = "training/internships.html")]
pub(super) struct ListPage {
    pub(super) l: Layout,
    pub(super) table: Table,
    pub(super) pager: Pager,
    pub(super) statuses: Vec<Choice>,
    pub(super) can_create: bool,
}

pub(super) fn may_manage(ctx: &Ctx) -> bool {
    ctx.at_school
        && ctx.actor.user().is_ok_and(|u| {
            ctx.actor.may(Permission::ManageTraining(u.org_id))
                && ctx.actor.may(Permission::ManageSupply(u.org_id))
        })
}

/// Query of the internship list: its filter and the page.
#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    /// A status code (`in_progress`…), or empty for every status.
    #[serde(default)]
    pub(super) status: String,
    pub(super) page: Option<i64>,
    pub(super) per_page: Option<i64>,
}

impl ListQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("status", self.status.clone())]
    }
}

impl ListQuery {
    /// The status asked for; a wrong one names the field.
    fn status(&self, lang: Lang) -> Result<Option<InternshipStatus>, PageError> {
        if self.status.is_empty() {
            return Ok(None);
        }
        InternshipStatus::parse(&self.status)
            .map(Some)
            .map_err(|p| PageError::new(lang, Error::field("status", p)))
    }
}

/// Every internship the actor may see under the query's filter, in the
/// list's order (the exports: read a database page at a time).
pub(super) async fn listed(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
) -> Result<Vec<training::Listed>, PageError> {
    let status = q.status(ctx.lang)?;
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let (rows, total) =
            training::list_page(&state.app, &ctx.actor, status, page, crate::lists::MAX_PAGE)
                .await?;
        let done = rows.is_empty();
        items.extend(rows);
        if done || i64::try_from(items.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
        page += 1;
    }
    Ok(items)
}

/// The list's columns, one row per internship, in words (the page and its exports).
pub(super) fn internship_table(lang: Lang, items: &[training::Listed]) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "internships.trainee",
            "internships.host",
            "internships.post",
            "internships.kind",
            "internships.period",
            "internships.status",
        ],
    );
    for l in items {
        let r = line(lang, &l.internship, &l.trainee_name, &l.host_name);
        table.push(vec![
            Cell::link(r.trainee, format!("/internships/{}", r.id)),
            Cell::text(r.host),
            Cell::text(r.post),
            Cell::text(r.kind),
            Cell::text(r.period),
            Cell::text(r.status),
        ]);
    }
    table
}

/// `GET /internships`: the internships the actor may see, by status, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (shown, total) = training::list_page(
        &state.app,
        &ctx.actor,
        q.status(lang)?,
        ask.page,
        ask.per_page,
    )
    .await?;
    let pager = crate::lists::Pager::new(lang, "/internships", &q.params(), ask, total);
    render(
        lang,
        &ListPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table: internship_table(lang, &shown),
            pager,
            statuses: crate::forms::choices(
                lang,
                "internship_status",
                InternshipStatus::ALL.iter().map(|s| s.as_str()),
                &q.status,
            ),
            can_create: may_manage(&ctx),
        },
    )
}

/// `GET /internships.csv` and `.xlsx`: the filtered list, every row, as CSV or a workbook (by the path's ending).
pub async fn list_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    list_download(&state, &ctx, &q, format.is_xlsx()).await
}

pub(super) async fn list_download(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    let items = listed(state, ctx, q).await?;
    crate::lists::download(
        ctx.lang,
        i18n::tr(ctx.lang, "internships.title"),
        &internship_table(ctx.lang, &items),
        xlsx,
    )
}

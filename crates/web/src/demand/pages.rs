//! Demand pages: the demand board (filters, pager, exports), a demand's form
//! and page, and the talent gap.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::Lang;
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table, download, table_download};
use crate::state::AppState;
use crate::supply::pages::Opt;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::demand::{GapOrder, TALENT_GAP_SHEET};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, demand};
use gongjiang_domain::demand::{Demand, DemandInput, DemandKind, DemandStatus};
use gongjiang_domain::ids::DemandId;

fn kind_label(lang: Lang, k: DemandKind) -> &'static str {
    crate::i18n::coded(lang, "demand_kind", k.as_str())
}

fn status_label(lang: Lang, s: DemandStatus) -> &'static str {
    crate::i18n::coded(lang, "demand_status", s.as_str())
}

pub(crate) fn level_label(
    lang: Lang,
    code: &str,
    levels: &[gongjiang_app::demand::SkillLevel],
) -> String {
    levels
        .iter()
        .find(|l| l.code == code)
        .map(|l| crate::i18n::named(lang, &l.name_zh, &l.name_en).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// A demand line.
pub struct DemandRow {
    id: String,
    post: String,
    kind: &'static str,
    occupation: String,
    level: String,
    headcount: i64,
    city: String,
    wage: String,
    start: String,
    status: &'static str,
}

fn wage_text(d: &Demand) -> String {
    match (d.wage_min_fen, d.wage_max_fen) {
        (Some(a), Some(b)) => format!("{}–{}", a / 100, b / 100),
        (Some(a), None) => format!("{}+", a / 100),
        (None, Some(b)) => format!("≤{}", b / 100),
        (None, None) => String::new(),
    }
}

#[derive(Template)]
#[template(path = "demand/demands.html")]
struct DemandsPage {
    l: Layout,
    table: Table,
    pager: Pager,
    kinds: Vec<Opt>,
    cities: Vec<Opt>,
    occupations: Vec<Opt>,
    levels: Vec<Opt>,
    /// The enterprise a link filters by (its id and name), if any.
    enterprise: String,
    enterprise_name: String,
    /// The enterprise search typed.
    enterprise_q: String,
    mine: bool,
    total: i64,
    can_post: bool,
}

/// Query of the demand board: every filter the page offers, and the page.
#[derive(serde::Deserialize, Default)]
pub struct DemandQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    enterprise: String,
    /// Part of an enterprise's name, short name, pinyin or initials.
    #[serde(default)]
    enterprise_q: String,
    /// `1`: only the acting enterprise's own demand.
    #[serde(default)]
    mine: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl DemandQuery {
    /// The filter these values ask for; a bad value is named as its field.
    fn filter(&self, ctx: &Ctx) -> Result<gongjiang_app::demand::Filter, Error> {
        let kind = if self.kind.is_empty() {
            None
        } else {
            Some(DemandKind::parse(&self.kind).map_err(|p| Error::field("kind", p))?)
        };
        let mut org_id = if self.enterprise.is_empty() {
            None
        } else {
            Some(self.enterprise.parse().map_err(|_| {
                Error::field("enterprise", gongjiang_domain::Problem::InvalidChoice)
            })?)
        };
        if self.mine == "1"
            && let Ok(me) = ctx.actor.user()
        {
            org_id = Some(me.org_id);
        }
        let set = |v: &String| (!v.is_empty()).then(|| v.clone());
        let search = gongjiang_search::normalize_query(&self.enterprise_q);
        if search.chars().count() > 50 {
            return Err(Error::field(
                "enterprise_q",
                gongjiang_domain::Problem::TooLong { max: 50 },
            ));
        }
        Ok(gongjiang_app::demand::Filter {
            enterprise_search: (!search.is_empty()).then_some(search),
            kind,
            org_id,
            city: set(&self.city),
            occupation: set(&self.occupation),
            min_level: set(&self.level),
            ..Default::default()
        })
    }
    /// The filters as query parameters (for the pager and the export links).
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.kind.clone()),
            ("city", self.city.clone()),
            ("occupation", self.occupation.clone()),
            ("level", self.level.clone()),
            ("enterprise", self.enterprise.clone()),
            ("enterprise_q", self.enterprise_q.clone()),
            ("mine", self.mine.clone()),
        ]
    }
}

/// The board's columns, one row per demand, in words (the page and its exports).
async fn demand_table(
    state: &AppState,
    lang: Lang,
    c: &demand::Catalogues,
    list: &[Demand],
) -> Result<Table, PageError> {
    let ids: Vec<_> = list.iter().map(|d| d.org_id).collect();
    let names = gongjiang_app::members::org_names(&state.app, &ids).await?;
    let mut table = Table::new(
        lang,
        &[
            "demand.post",
            "demand.enterprise",
            "demand.kind",
            "demand.occupation",
            "demand.level",
            "demand.headcount",
            "roster.city",
            "demand.wage",
            "demand.start",
            "org.status",
        ],
    );
    for d in list {
        table.push(vec![
            Cell::link(d.post_name.clone(), format!("/demands/{}", d.id)),
            Cell::link(
                names.get(&d.org_id).cloned().unwrap_or_default(),
                format!("/members/{}", d.org_id),
            ),
            Cell::text(kind_label(lang, d.kind)),
            Cell::text(
                d.occupation_code
                    .as_ref()
                    .and_then(|code| c.occupations.iter().find(|o| &o.code == code))
                    .map(|o| format!("{} {}", o.code, o.name))
                    .unwrap_or_default(),
            ),
            Cell::text(level_label(lang, &d.min_level, &c.levels)),
            Cell::text(d.headcount.to_string()),
            Cell::text(d.city.clone()),
            Cell::text(wage_text(d)),
            Cell::text(d.start_on.clone()),
            Cell::text(status_label(lang, d.status)),
        ]);
    }
    Ok(table)
}

/// `GET /demands`: the board, filtered by kind, city, occupation, level,
/// enterprise or "mine", a page at a time.
pub async fn demands(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemandQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let filter = q.filter(&ctx)?;
    let ask = PageAsk::new(q.page, q.per_page, demand::MAX_PAGE);
    let (list, total) =
        demand::list(&state.app, &ctx.actor, filter, ask.page, ask.per_page).await?;
    let c = demand::catalogues(&state.app).await?;
    let table = demand_table(&state, lang, &c, &list).await?;
    let opts = |values: Vec<(String, String)>, current: &str| -> Vec<Opt> {
        values
            .into_iter()
            .map(|(value, label)| Opt {
                selected: value == current,
                value,
                label,
            })
            .collect()
    };
    let cities = demand::cities(&state.app, &ctx.actor).await?;
    // One enterprise named by a link (`?enterprise=ID`) is shown by name.
    let named_enterprise = match q.enterprise.parse::<gongjiang_domain::ids::OrgId>() {
        Ok(id) => gongjiang_app::members::org_names(&state.app, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let own_enterprise = match &ctx.actor {
        gongjiang_app::Actor::User { user, .. } => {
            ctx.actor.may(Permission::ManageDemand(user.org_id))
        }
        _ => false,
    };
    let pager = Pager::new(lang, "/demands", &q.params(), ask, total);
    render(
        lang,
        &DemandsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table,
            pager,
            kinds: opts(
                DemandKind::ALL
                    .iter()
                    .map(|k| (k.as_str().to_string(), kind_label(lang, *k).to_string()))
                    .collect(),
                &q.kind,
            ),
            cities: opts(
                cities.iter().map(|c| (c.clone(), c.clone())).collect(),
                &q.city,
            ),
            occupations: opts(
                c.occupations
                    .iter()
                    .map(|o| (o.code.clone(), format!("{} {}", o.code, o.name)))
                    .collect(),
                &q.occupation,
            ),
            levels: opts(
                c.levels
                    .iter()
                    .map(|l| (l.code.clone(), level_label(lang, &l.code, &c.levels)))
                    .collect(),
                &q.level,
            ),
            enterprise: q.enterprise.clone(),
            enterprise_name: named_enterprise,
            enterprise_q: q.enterprise_q.clone(),
            mine: q.mine == "1",
            total,
            can_post: own_enterprise,
        },
    )
}

#[derive(Template)]
#[template(path = "demand/demand_form.html")]
struct DemandForm {
    l: Layout,
    action: String,
    input: DemandInput,
    kinds: Vec<Opt>,
    levels: Vec<Opt>,
    occupations: Vec<Opt>,
    statuses: Vec<Opt>,
    errors: FormErrors,
}

async fn demand_form(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    input: DemandInput,
    errors: FormErrors,
) -> Result<DemandForm, PageError> {
    let lang = ctx.lang;
    let c = demand::catalogues(&state.app).await?;
    Ok(DemandForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        kinds: DemandKind::ALL
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: kind_label(lang, *k).into(),
                selected: input.kind == k.as_str(),
            })
            .collect(),
        levels: c
            .levels
            .iter()
            .map(|l| Opt {
                value: l.code.clone(),
                label: crate::i18n::named(lang, &l.name_zh, &l.name_en).to_string(),
                selected: input.min_level == l.code,
            })
            .collect(),
        occupations: c
            .occupations
            .iter()
            .map(|o| Opt {
                value: o.code.clone(),
                label: format!("{} {}", o.code, o.name),
                selected: input.occupation_code == o.code,
            })
            .collect(),
        statuses: DemandStatus::ALL
            .iter()
            .map(|s| Opt {
                value: s.as_str().into(),
                label: status_label(lang, *s).into(),
                selected: input.status == s.as_str()
                    || (input.status.is_empty() && *s == DemandStatus::Open),
            })
            .collect(),
        input,
        errors,
    })
}

fn demand_input(pairs: &[(String, String)]) -> DemandInput {
    DemandInput {
        post_name: field(pairs, "post_name"),
        kind: field(pairs, "kind"),
        occupation_code: field(pairs, "occupation_code"),
        segment_code: field(pairs, "segment_code"),
        min_level: field(pairs, "min_level"),
        headcount: field(pairs, "headcount"),
        city: field(pairs, "city"),
        wage_min: field(pairs, "wage_min"),
        wage_max: field(pairs, "wage_max"),
        start_on: field(pairs, "start_on"),
        end_on: field(pairs, "end_on"),
        night_shift: field(pairs, "night_shift"),
        requirements: field(pairs, "requirements"),
        status: field(pairs, "status"),
    }
}

/// `GET /demands/new`.
pub async fn new_demand(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Html<String>, PageError> {
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageDemand(me.org_id))?;
    let page = demand_form(
        &state,
        &ctx,
        "/demands/new".into(),
        DemandInput::default(),
        FormErrors::default(),
    )
    .await?;
    render(ctx.lang, &page)
}

/// `POST /demands/new` and `POST /demands/{id}/edit`.
async fn save_demand(
    state: &AppState,
    ctx: &Ctx,
    id: Option<DemandId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = demand_input(pairs);
    match demand::save(&state.app, &ctx.actor, id, &input).await {
        Ok(d) => Ok(crate::forms::saved(state, &format!("/demands/{}", d.id))),
        Err(Error::Invalid(errors)) => {
            let action = id
                .map(|i| format!("/demands/{i}/edit"))
                .unwrap_or_else(|| "/demands/new".into());
            let page =
                demand_form(state, ctx, action, input, FormErrors::new(&errors, lang)).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /demands/new`.
pub async fn create_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_demand(&state, &ctx, None, &pairs).await
}

/// `GET /demands/{id}/edit`.
pub async fn edit_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<DemandId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let d = demand::get(&state.app, &ctx.actor, id).await?;
    ctx.actor.require(Permission::ManageDemand(d.org_id))?;
    let input = DemandInput {
        post_name: d.post_name.clone(),
        kind: d.kind.as_str().into(),
        occupation_code: d.occupation_code.clone().unwrap_or_default(),
        segment_code: d.segment_code.clone().unwrap_or_default(),
        min_level: d.min_level.clone(),
        headcount: d.headcount.to_string(),
        city: d.city.clone(),
        wage_min: d
            .wage_min_fen
            .map(|f| (f / 100).to_string())
            .unwrap_or_default(),
        wage_max: d
            .wage_max_fen
            .map(|f| (f / 100).to_string())
            .unwrap_or_default(),
        start_on: d.start_on.clone(),
        end_on: d.end_on.clone().unwrap_or_default(),
        night_shift: if d.night_shift {
            "1".into()
        } else {
            String::new()
        },
        requirements: d.requirements.clone(),
        status: d.status.as_str().into(),
    };
    let page = demand_form(
        &state,
        &ctx,
        format!("/demands/{id}/edit"),
        input,
        FormErrors::default(),
    )
    .await?;
    render(lang, &page)
}

/// `POST /demands/{id}/edit`.
pub async fn update_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<DemandId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_demand(&state, &ctx, Some(id), &pairs).await
}

#[derive(Template)]
#[template(path = "demand/demand.html")]
struct DemandPage {
    l: Layout,
    row: DemandRow,
    requirements: String,
    org_id: String,
    org_name: String,
    editable: bool,
    night_shift: bool,
}

/// `GET /demands/{id}`.
pub async fn demand_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<DemandId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let d = demand::get(&state.app, &ctx.actor, id).await?;
    let c = demand::catalogues(&state.app).await?;
    let org_name = gongjiang_app::members::profile(&state.app, &ctx.actor, d.org_id)
        .await
        .map(|p| p.org.name)
        .unwrap_or_default();
    let row = DemandRow {
        id: d.id.to_string(),
        post: d.post_name.clone(),
        kind: kind_label(lang, d.kind),
        occupation: d
            .occupation_code
            .as_ref()
            .and_then(|code| c.occupations.iter().find(|o| &o.code == code))
            .map(|o| format!("{} {}", o.code, o.name))
            .unwrap_or_default(),
        level: level_label(lang, &d.min_level, &c.levels),
        headcount: d.headcount,
        city: d.city.clone(),
        wage: wage_text(&d),
        start: match &d.end_on {
            Some(end) => format!("{} — {end}", d.start_on),
            None => d.start_on.clone(),
        },
        status: status_label(lang, d.status),
    };
    render(
        lang,
        &DemandPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            row,
            requirements: d.requirements.clone(),
            org_id: d.org_id.to_string(),
            org_name,
            editable: ctx.actor.may(Permission::ManageDemand(d.org_id)),
            night_shift: d.night_shift,
        },
    )
}

#[derive(Template)]
#[template(path = "demand/talent_gap.html")]
struct GapPage {
    l: Layout,
    year: i32,
    /// The order shown (`GapOrder::as_str`).
    sort: &'static str,
    lines: Vec<GapRow>,
    counted_at: String,
    pager: Pager,
}

/// A line of the talent gap as the page shows it: in words, with what the
/// gap means and a link to the open demands behind its demand figure.
struct GapRow {
    line: gongjiang_app::demand::GapLine,
    /// 缺口 / 富余 / 持平.
    verdict: &'static str,
    /// The demand board filtered to this occupation and level.
    demands_href: String,
    /// The cohorts behind its supply figure.
    cohorts_href: String,
}

/// Query of the talent gap.
#[derive(serde::Deserialize, Default)]
pub struct GapQuery {
    year: Option<i32>,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The year asked for, or else the first year from this one on in which
/// cohorts graduate (a gap with no graduates says nothing to a school).
async fn gap_year(state: &AppState, q: &GapQuery) -> Result<i32, PageError> {
    if let Some(y) = q.year.filter(|y| (2000..=2100).contains(y)) {
        return Ok(y);
    }
    let this = state.app.now().date_cst().year();
    for y in this..this + 5 {
        let counted = demand::talent_gap(&state.app, y).await?;
        if counted.value.iter().any(|l| l.supply > 0) {
            return Ok(y);
        }
    }
    Ok(this)
}

/// The talent gap as asked.
struct Gap {
    year: i32,
    order: GapOrder,
    /// Each line in words, with its skill level's code.
    lines: Vec<(gongjiang_app::demand::GapLine, String)>,
    counted_at: gongjiang_domain::Timestamp,
}

/// The year, the order and the lines of the talent gap as asked (with when
/// it was counted); an unknown order is named as a bad `sort` field.
async fn gap_lines(state: &AppState, lang: Lang, q: &GapQuery) -> Result<Gap, PageError> {
    let year = gap_year(state, q).await?;
    let order =
        GapOrder::parse(&q.sort).map_err(|p| PageError::new(lang, Error::field("sort", p)))?;
    let counted = demand::talent_gap(&state.app, year).await?;
    let mut lines = counted.value.as_ref().clone();
    order.sort(&mut lines);
    // Segments and skill levels are stored as codes; the table shows their names.
    let c = demand::catalogues(&state.app).await?;
    let lines = lines
        .into_iter()
        .map(|mut l| {
            if let Some(s) = c.segments.iter().find(|s| s.code == l.segment) {
                l.segment = crate::i18n::named(lang, &s.name_zh, &s.name_en).to_string();
            }
            let code = std::mem::take(&mut l.level);
            l.level = level_label(lang, &code, &c.levels);
            (l, code)
        })
        .collect();
    Ok(Gap {
        year,
        order,
        lines,
        counted_at: counted.counted_at,
    })
}

/// `GET /talent-gap`: sortable by any column (`sort=gap|demand|supply|occupation|segment`).
pub async fn talent_gap(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<GapQuery>,
) -> Result<Html<String>, PageError> {
    let gap = gap_lines(&state, ctx.lang, &q).await?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let params = [
        ("year", gap.year.to_string()),
        ("sort", gap.order.as_str().to_string()),
    ];
    let (pager, lines) = crate::lists::paged(ctx.lang, "/talent-gap", &params, ask, gap.lines);
    let lines = lines
        .into_iter()
        .map(|(line, level_code)| GapRow {
            verdict: match line.gap {
                g if g > 0 => "gap.shortage",
                g if g < 0 => "gap.surplus",
                _ => "gap.even",
            },
            demands_href: crate::lists::href(
                "/demands",
                &[
                    ("occupation", line.occupation_code.clone()),
                    ("level", level_code.clone()),
                ],
            ),
            cohorts_href: crate::lists::href(
                "/talent-gap/cohorts",
                &[
                    ("year", gap.year.to_string()),
                    ("occupation", line.occupation_code.clone()),
                    ("level", level_code),
                ],
            ),
            line,
        })
        .collect();
    render(
        ctx.lang,
        &GapPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            year: gap.year,
            sort: gap.order.as_str(),
            pager,
            lines,
            counted_at: gap.counted_at.display_cst(),
        },
    )
}

/// `GET /talent-gap.xlsx`: the table as shown (year and order) as a workbook.
pub async fn talent_gap_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<GapQuery>,
) -> Result<Response, PageError> {
    let Gap { year, lines, .. } = gap_lines(&state, ctx.lang, &q).await?;
    let rows = lines
        .into_iter()
        .map(|(l, _)| {
            vec![
                l.segment,
                l.occupation_code,
                l.occupation_name,
                l.level,
                l.demand.to_string(),
                l.supply.to_string(),
                l.gap.to_string(),
            ]
        })
        .collect();
    table_download(
        ctx.lang,
        &TALENT_GAP_SHEET,
        &format!("人才缺口-{year}"),
        rows,
        true,
    )
}

/// Writes one CSV field, quoting when needed and defusing spreadsheet formulas.
pub fn csv_field(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// `GET /talent-gap.csv`: the same table as CSV (UTF-8 with BOM, for Excel).
pub async fn talent_gap_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<GapQuery>,
) -> Result<Response, PageError> {
    let Gap { year, lines, .. } = gap_lines(&state, ctx.lang, &q).await?;
    let mut out =
        String::from("\u{feff}产业链环节,职业编码,职业名称,技能等级,需求人数,预计毕业生,缺口\r\n");
    for (l, _) in &lines {
        // Text cells are defused against formulas; numbers (the gap may be negative) are written as numbers.
        let text = [&l.segment, &l.occupation_code, &l.occupation_name, &l.level]
            .map(|f| csv_field(f))
            .join(",");
        out.push_str(&format!("{text},{},{},{}\r\n", l.demand, l.supply, l.gap));
    }
    let disposition = format!(
        "attachment; filename=\"talent-gap-{year}.csv\"; filename*=UTF-8''%E4%BA%BA%E6%89%8D%E7%BC%BA%E5%8F%A3-{year}.csv"
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        out,
    )
        .into_response())
}

/// `GET /demands.csv` and `.xlsx`: the board as shown, every row under the same filters.
pub async fn demands_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemandQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    demands_download(&state, &ctx, &q, format.is_xlsx()).await
}

async fn demands_download(
    state: &AppState,
    ctx: &Ctx,
    q: &DemandQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    let list = demand::list_all(&state.app, &ctx.actor, q.filter(ctx)?).await?;
    let c = demand::catalogues(&state.app).await?;
    let table = demand_table(state, ctx.lang, &c, &list).await?;
    download(
        ctx.lang,
        crate::i18n::tr(ctx.lang, "demand.title"),
        &table,
        xlsx,
    )
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_text_cells_cannot_become_formulas_and_are_quoted_when_needed() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("印制电路制作工"), "印制电路制作工");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}

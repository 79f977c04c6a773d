//! Talent demand: enterprises post what they need; schools, trainees and the
//! secretariat read it. Drafts are visible only to their enterprise and the
//! secretariat.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::demand::{Demand, DemandInput, DemandStatus};
use gongjiang_domain::ids::{DemandId, OrgId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection;
pub use gongjiang_store::demand::Occupation;
use gongjiang_store::demand::{self as store};
pub use gongjiang_store::demand::{Filter, SkillLevel};
use serde_json::json;

/// The catalogues a demand form offers.
pub struct Catalogues {
    /// The skill ladder.
    pub levels: Vec<SkillLevel>,
    /// Occupations.
    pub occupations: Vec<Occupation>,
    /// Industry segments.
    pub segments: Vec<gongjiang_store::members::Segment>,
}

/// The catalogues, as kept ([`App::catalogues`]): read again at once after
/// any change, otherwise shared by every page that offers them (the demand
/// board, the forms and filters of several slices).
pub async fn catalogues(app: &App) -> Result<std::sync::Arc<Catalogues>> {
    let kept = app
        .catalogues
        .get(app, "catalogues", |app| async move {
            let mut conn = app.db.read().await?;
            Ok(Catalogues {
                levels: store::skill_levels(&mut conn).await?,
                occupations: store::occupations(&mut conn).await?,
                segments: gongjiang_store::members::segments(&mut conn).await?,
            })
        })
        .await?;
    Ok(kept.value)
}

/// The catalogues a demand's references must name: the one rule for the
/// skill level, occupation and segment of a demand, whether it comes from the
/// form, the API or a row of an import.
pub(crate) struct References {
    levels: Vec<SkillLevel>,
    occupations: Vec<Occupation>,
    segments: Vec<gongjiang_store::members::Segment>,
}

impl References {
    /// The catalogues as stored.
    pub(crate) async fn load(conn: &mut Connection) -> Result<Self> {
        Ok(References {
            levels: store::skill_levels(conn).await?,
            occupations: store::occupations(conn).await?,
            segments: gongjiang_store::members::segments(conn).await?,
        })
    }

    /// Adds a field error for each reference the catalogues do not hold.
    pub(crate) fn check(
        &self,
        fields: &gongjiang_domain::demand::DemandFields,
        errors: &mut FieldErrors,
    ) {
        if !self.levels.iter().any(|l| l.code == fields.min_level) {
            errors.push("min_level", Problem::InvalidChoice);
        }
        if let Some(code) = &fields.occupation_code
            && !self.occupations.iter().any(|o| &o.code == code)
        {
            errors.push("occupation_code", Problem::InvalidChoice);
        }
        if let Some(code) = &fields.segment_code
            && !self.segments.iter().any(|s| &s.code == code)
        {
            errors.push("segment_code", Problem::InvalidChoice);
        }
    }
}

async fn require_enterprise(conn: &mut Connection, org: OrgId) -> Result<()> {
    let o = gongjiang_store::members::get_org(conn, org)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if o.kind != OrgKind::Enterprise {
        return Err(Error::WrongState(
            "only enterprises post talent demand".into(),
        ));
    }
    Ok(())
}

fn demand_json(d: &Demand) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or(json!(null))
}

/// Saves a demand: a new one for the actor's enterprise (`id` None), or changes to an existing one.
pub async fn save(
    app: &App,
    actor: &Actor,
    id: Option<DemandId>,
    input: &DemandInput,
) -> Result<Demand> {
    let me = actor.user()?.clone();
    let validated = input.validate();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let existing = match id {
        Some(id) => {
            let d = store::get(&mut tx, id)
                .await?
                .ok_or(Error::NotFound("demand"))?;
            if actor.require(Permission::ManageDemand(d.org_id)).is_err() {
                return Err(if d.status == DemandStatus::Draft {
                    Error::NotFound("demand")
                } else {
                    Error::Forbidden
                });
            }
            Some(d)
        }
        None => {
            actor.require(Permission::ManageDemand(me.org_id))?;
            require_enterprise(&mut tx, me.org_id).await?;
            None
        }
    };
    let fields = match validated {
        Ok(f) => {
            let mut errors = FieldErrors::new();
            References::load(&mut tx).await?.check(&f, &mut errors);
            errors.into_result()?;
            f
        }
        Err(errors) => return Err(Error::Invalid(errors)),
    };
    let demand = Demand {
        id: existing.as_ref().map(|d| d.id).unwrap_or_default(),
        org_id: existing.as_ref().map(|d| d.org_id).unwrap_or(me.org_id),
        post_name: fields.post_name,
        kind: fields.kind,
        occupation_code: fields.occupation_code,
        segment_code: fields.segment_code,
        min_level: fields.min_level,
        headcount: fields.headcount,
        city: fields.city,
        wage_min_fen: fields.wage_min_fen,
        wage_max_fen: fields.wage_max_fen,
        start_on: fields.start_on,
        end_on: fields.end_on,
        night_shift: fields.night_shift,
        requirements: fields.requirements,
        status: fields.status,
        created_at: existing.as_ref().map(|d| d.created_at).unwrap_or(now),
        updated_at: now,
    };
    store::save(&mut tx, &demand).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "demand.update"
        } else {
            "demand.create"
        },
        "demand",
        &demand.id.to_string(),
        Some(demand.org_id.to_string()),
        existing.as_ref().map(demand_json).unwrap_or(json!(null)),
        demand_json(&demand),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(demand)
}

/// Who may see drafts: the secretariat sees all, an enterprise its own.
fn draft_scope(actor: &Actor) -> Option<OrgId> {
    match actor {
        Actor::User { user, .. } if user.role == gongjiang_domain::accounts::Role::Secretariat => {
            None
        }
        Actor::User { user, .. } => Some(user.org_id),
        Actor::Anonymous { .. } => Some(OrgId(gongjiang_domain::ids::UuidType::nil())),
    }
}

/// One demand; another enterprise's draft is not found.
pub async fn get(app: &App, actor: &Actor, id: DemandId) -> Result<Demand> {
    let mut conn = app.db.read().await?;
    let d = store::get(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("demand"))?;
    if d.status == DemandStatus::Draft && draft_scope(actor).is_some_and(|o| o != d.org_id) {
        return Err(Error::NotFound("demand"));
    }
    Ok(d)
}

/// Largest page.
pub const MAX_PAGE: i64 = 200;

/// Demands matching `filter`; drafts only of the actor's own enterprise (all for the secretariat).
pub async fn list(
    app: &App,
    actor: &Actor,
    mut filter: Filter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Demand>, i64)> {
    let scope = draft_scope(actor);
    filter.public_only_except = scope;
    let per_page = per_page.clamp(1, MAX_PAGE);
    let offset = (page.max(1) - 1) * per_page;
    if filter.is_unfiltered() {
        // The board as it opens counts every demand the reader may see: kept
        // per draft scope until the next change, like the city list.
        let total = app
            .demand_totals
            .get(app, &scope_key(scope), move |app| async move {
                let mut conn = app.db.read().await?;
                let f = Filter {
                    public_only_except: scope,
                    ..Filter::default()
                };
                Ok(store::count(&mut conn, &f).await?)
            })
            .await?;
        let mut conn = app.db.read().await?;
        let list = store::page(&mut conn, &filter, offset, per_page).await?;
        return Ok((list, *total.value));
    }
    let mut conn = app.db.read().await?;
    Ok(store::list(&mut conn, &filter, offset, per_page).await?)
}

/// The key of a draft scope among kept figures (bounded by the units).
fn scope_key(scope: Option<OrgId>) -> String {
    scope.map_or_else(|| "all".to_string(), |o| o.to_string())
}

/// Every demand matching `filter` that the actor may see, for an export of
/// exactly the filtered list (read a page at a time, none left out).
pub async fn list_all(app: &App, actor: &Actor, mut filter: Filter) -> Result<Vec<Demand>> {
    filter.public_only_except = draft_scope(actor);
    let mut conn = app.db.read().await?;
    let mut all = Vec::new();
    loop {
        let offset = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let (page, total) = store::list(&mut conn, &filter, offset, MAX_PAGE).await?;
        let done = page.is_empty();
        all.extend(page);
        if done || i64::try_from(all.len()).unwrap_or(i64::MAX) >= total {
            return Ok(all);
        }
    }
}

/// The cities demands the actor may see are in, sorted (the board's city filter).
/// Kept per draft scope ([`App::demand_cities`]; read again at once after
/// any change).
pub async fn cities(app: &App, actor: &Actor) -> Result<std::sync::Arc<Vec<String>>> {
    let scope = draft_scope(actor);
    let kept = app
        .demand_cities
        .get(app, &scope_key(scope), move |app| async move {
            let mut conn = app.db.read().await?;
            Ok(store::cities(&mut conn, scope).await?)
        })
        .await?;
    Ok(kept.value)
}

/// One line of the talent-gap table.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct GapLine {
    /// Segment code (empty when the occupation has none).
    pub segment: String,
    /// Occupation code.
    pub occupation_code: String,
    /// Occupation name.
    pub occupation_name: String,
    /// Skill level code.
    pub level: String,
    /// Open demand headcount starting in the year.
    pub demand: i64,
    /// Expected graduates in matching majors graduating that year.
    pub supply: i64,
    /// Demand minus supply (positive: shortage).
    pub gap: i64,
}

/// The talent gap for a year: open demand (by occupation and minimum level,
/// starting that year) next to expected graduates of cohorts graduating that
/// year in majors linked to the occupation, at the level the major trains to.
/// Sorted by the largest shortage first. Kept as counted
/// (`app::aggregates`), with the time it was counted.
pub async fn talent_gap(app: &App, year: i32) -> Result<crate::aggregates::Counted<Vec<GapLine>>> {
    app.talent_gaps
        .get(app, &year.to_string(), move |app| async move {
            count_talent_gap(&app, year).await
        })
        .await
}

async fn count_talent_gap(app: &App, year: i32) -> Result<Vec<GapLine>> {
    use std::collections::{BTreeMap, HashMap};
    let mut conn = app.db.read().await?;
    let occupations = store::occupations(&mut conn).await?;
    let (demands, _) = store::list(
        &mut conn,
        &Filter {
            status: Some(DemandStatus::Open),
            ..Filter::default()
        },
        0,
        i64::MAX / 2,
    )
    .await?;
    let majors: HashMap<_, _> = gongjiang_store::supply::majors(&mut conn, None)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let cohorts = gongjiang_store::supply::cohorts(&mut conn, None).await?;
    let mut table: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    let prefix = format!("{year:04}-");
    for d in demands.iter().filter(|d| d.start_on.starts_with(&prefix)) {
        if let Some(code) = &d.occupation_code {
            table
                .entry((code.clone(), d.min_level.clone()))
                .or_default()
                .0 += d.headcount;
        }
    }
    for c in cohorts
        .iter()
        .filter(|c| c.graduation_year == i64::from(year))
    {
        let Some(major) = majors.get(&c.major_id) else {
            continue;
        };
        let Some(level) = major.level.target_level() else {
            continue;
        };
        for code in &major.occupations {
            table
                .entry((code.clone(), level.to_string()))
                .or_default()
                .1 += c.size;
        }
    }
    let mut lines: Vec<GapLine> = table
        .into_iter()
        .map(|((code, level), (demand, supply))| {
            let occupation = occupations.iter().find(|o| o.code == code);
            GapLine {
                segment: occupation
                    .and_then(|o| o.segments.first().cloned())
                    .unwrap_or_default(),
                occupation_name: occupation.map(|o| o.name.clone()).unwrap_or_default(),
                occupation_code: code,
                level,
                demand,
                supply,
                gap: demand - supply,
            }
        })
        .collect();
    GapOrder::Gap.sort(&mut lines);
    Ok(lines)
}

/// A cohort behind a talent-gap line's supply figure.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct GapCohort {
    /// The school.
    pub school: String,
    /// The cohort's name.
    pub cohort: String,
    /// Its major (name and code).
    pub major: String,
    /// Its planned size (the figure the gap counts).
    pub size: i64,
}

/// The cohorts counted in the supply of one talent-gap line: graduating in
/// `year`, in a major linked to the occupation that trains to `level` —
/// the same rule as [`talent_gap`], so their sizes add up to its supply.
/// By school, then name.
pub async fn gap_cohorts(
    app: &App,
    year: i32,
    occupation: &str,
    level: &str,
) -> Result<Vec<GapCohort>> {
    let mut conn = app.db.read().await?;
    let mut out: Vec<GapCohort> =
        gongjiang_store::supply::cohorts_of_occupation(&mut conn, occupation, i64::from(year))
            .await?
            .into_iter()
            .filter(|c| c.level.target_level().is_some_and(|l| l == level))
            .map(|c| GapCohort {
                school: c.school,
                cohort: c.cohort,
                major: format!("{}（{}）", c.major_name, c.major_code),
                size: c.size,
            })
            .collect();
    // The same order on both databases, whatever PostgreSQL's collation.
    out.sort_by(|a, b| (&a.school, &a.cohort).cmp(&(&b.school, &b.cohort)));
    Ok(out)
}

/// How the talent gap table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GapOrder {
    /// Largest shortage first (the default).
    #[default]
    Gap,
    /// Most demanded first.
    Demand,
    /// Most expected graduates first.
    Supply,
    /// By occupation code, then level.
    Occupation,
    /// By segment, then occupation code.
    Segment,
}

impl GapOrder {
    /// Every order, as named in the query string.
    pub const ALL: [GapOrder; 5] = [
        GapOrder::Gap,
        GapOrder::Demand,
        GapOrder::Supply,
        GapOrder::Occupation,
        GapOrder::Segment,
    ];

    /// The name used in the query string.
    pub fn as_str(self) -> &'static str {
        match self {
            GapOrder::Gap => "gap",
            GapOrder::Demand => "demand",
            GapOrder::Supply => "supply",
            GapOrder::Occupation => "occupation",
            GapOrder::Segment => "segment",
        }
    }

    /// Parses a query-string value; empty means the default.
    pub fn parse(raw: &str) -> std::result::Result<GapOrder, Problem> {
        match raw.trim() {
            "" => Ok(GapOrder::Gap),
            other => GapOrder::ALL
                .into_iter()
                .find(|o| o.as_str() == other)
                .ok_or(Problem::InvalidChoice),
        }
    }

    /// Puts `lines` in this order; ties fall back to occupation code then level,
    /// so the order is the same on every request.
    pub fn sort(self, lines: &mut [GapLine]) {
        let key = |l: &GapLine| (l.occupation_code.clone(), l.level.clone());
        lines.sort_by(|a, b| {
            let first = match self {
                GapOrder::Gap => b.gap.cmp(&a.gap),
                GapOrder::Demand => b.demand.cmp(&a.demand),
                GapOrder::Supply => b.supply.cmp(&a.supply),
                GapOrder::Occupation => std::cmp::Ordering::Equal,
                GapOrder::Segment => a.segment.cmp(&b.segment),
            };
            first.then_with(|| key(a).cmp(&key(b)))
        });
    }
}

/// The columns of the talent gap's export.
pub const TALENT_GAP_SHEET: gongjiang_sheets::SheetSpec = {
    use gongjiang_sheets::{ColumnKind as Col, ColumnSpec as Column};
    gongjiang_sheets::SheetSpec {
        name: "人才缺口",
        columns: &[
            Column::new("segment", "产业链环节", Col::Text),
            Column::new("occupation_code", "职业编码", Col::Text),
            Column::new("occupation_name", "职业名称", Col::Text),
            Column::new("level", "技能等级", Col::Text),
            Column::new("demand", "需求人数", Col::Integer),
            Column::new("supply", "预计毕业生", Col::Integer),
            Column::new("gap", "缺口", Col::Integer),
        ],
    }
};

/// Saves an item of the actor's enterprise's product or technical-need list.
pub async fn save_item(
    app: &App,
    actor: &Actor,
    id: Option<gongjiang_domain::ids::ItemId>,
    input: &gongjiang_domain::demand::ItemInput,
) -> Result<gongjiang_domain::demand::EnterpriseItem> {
    use gongjiang_domain::demand::EnterpriseItem;
    let me = actor.user()?.clone();
    actor.require(Permission::ManageDemand(me.org_id))?;
    let (list, title, segment_code, description, status) = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    require_enterprise(&mut tx, me.org_id).await?;
    let existing = match id {
        Some(id) => Some(
            store::get_item(&mut tx, id)
                .await?
                .filter(|i| i.org_id == me.org_id)
                .ok_or(Error::NotFound("item"))?,
        ),
        None => None,
    };
    if let Some(code) = &segment_code {
        let segments = gongjiang_store::members::segments(&mut tx).await?;
        if !segments.iter().any(|s| &s.code == code) {
            return Err(Error::field("segment_code", Problem::InvalidChoice));
        }
    }
    let item = EnterpriseItem {
        id: existing.as_ref().map(|i| i.id).unwrap_or_default(),
        org_id: me.org_id,
        list: existing.as_ref().map(|i| i.list).unwrap_or(list),
        title,
        segment_code,
        description,
        status,
    };
    store::save_item(&mut tx, &item, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "enterprise_item.update"
        } else {
            "enterprise_item.create"
        },
        "enterprise_item",
        &item.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|i| json!(i)).unwrap_or(json!(null)),
        json!(item),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(item)
}

/// One list of every enterprise in the alliance with each enterprise's name
/// (public, like the lists themselves), optionally of one segment.
pub async fn listed_items(
    app: &App,
    list: gongjiang_domain::demand::ItemList,
    segment: Option<&str>,
) -> Result<Vec<(gongjiang_domain::demand::EnterpriseItem, String)>> {
    let mut conn = app.db.read().await?;
    Ok(store::listed_items(&mut conn, list, segment).await?)
}

/// The columns of an enterprise list's export (products or technical needs).
pub const ENTERPRISE_ITEM_SHEET: gongjiang_sheets::SheetSpec = {
    use gongjiang_sheets::{ColumnKind as Col, ColumnSpec as Column};
    gongjiang_sheets::SheetSpec {
        name: "企业清单",
        columns: &[
            Column::new("enterprise", "企业", Col::Text),
            Column::new("title", "名称", Col::Text),
            Column::new("segment", "产业链环节", Col::Text),
            Column::new("description", "说明", Col::Text),
            Column::new("status", "状态", Col::Text),
        ],
    }
};

/// One item, to be changed by its own enterprise.
pub async fn own_item(
    app: &App,
    actor: &Actor,
    id: gongjiang_domain::ids::ItemId,
) -> Result<gongjiang_domain::demand::EnterpriseItem> {
    let me = actor.user()?;
    actor.require(Permission::ManageDemand(me.org_id))?;
    let mut conn = app.db.read().await?;
    store::get_item(&mut conn, id)
        .await?
        .filter(|i| i.org_id == me.org_id)
        .ok_or(Error::NotFound("item"))
}

/// One list (products or technical needs) of one enterprise, or alliance-wide (public).
pub async fn items(
    app: &App,
    list: gongjiang_domain::demand::ItemList,
    org: Option<OrgId>,
) -> Result<Vec<gongjiang_domain::demand::EnterpriseItem>> {
    let mut conn = app.db.read().await?;
    Ok(store::items(&mut conn, list, org).await?)
}

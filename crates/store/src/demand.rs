//! Talent demand and the catalogues it refers to (skill levels, occupations).

use crate::error::{Result, decode, decode_id};
use crate::filters::Where;
use gongjiang_domain::Timestamp;
use gongjiang_domain::demand::{Demand, DemandKind, DemandStatus};
use gongjiang_domain::ids::{DemandId, OrgId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// A rung of the skill ladder.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct SkillLevel {
    /// Code (`level4`).
    pub code: String,
    /// Sort rank (higher is more senior).
    pub rank: i64,
    /// The official digit (5 lowest … 1 highest), if the rung has one.
    pub official_digit: Option<i64>,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// The ladder, junior first.
pub async fn skill_levels(conn: &mut AnyConnection) -> Result<Vec<SkillLevel>> {
    let rows = sqlx::query(
        "SELECT code, rank, official_digit, name_zh, name_en FROM skill_levels ORDER BY rank",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SkillLevel {
                code: r.try_get("code")?,
                rank: r.try_get("rank")?,
                official_digit: r.try_get("official_digit")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
            })
        })
        .collect()
}

/// An occupation of the national classification.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Occupation {
    /// Code (`6-25-01-13`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Edition of the classification.
    pub edition: String,
    /// Whether the code was checked against the printed edition.
    pub verified: bool,
    /// Segments it belongs to.
    pub segments: Vec<String>,
}

/// The occupation catalogue, by code.
pub async fn occupations(conn: &mut AnyConnection) -> Result<Vec<Occupation>> {
    let rows = sqlx::query("SELECT code, name, edition, verified FROM occupations ORDER BY code")
        .fetch_all(&mut *conn)
        .await?;
    let links = sqlx::query("SELECT occupation_code, segment_code FROM occupation_segments")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let code: String = r.try_get("code")?;
            let segments = links
                .iter()
                .filter(|l| {
                    l.try_get::<String, _>("occupation_code")
                        .is_ok_and(|c| c == code)
                })
                .filter_map(|l| l.try_get::<String, _>("segment_code").ok())
                .collect();
            Ok(Occupation {
                name: r.try_get("name")?,
                edition: r.try_get("edition")?,
                verified: r.try_get::<i64, _>("verified")? != 0,
                segments,
                code,
            })
        })
        .collect()
}

pub(crate) fn demand_from(r: &AnyRow) -> Result<Demand> {
    Ok(Demand {
        id: decode_id("demands", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("demands", &r.try_get::<String, _>("org_id")?)?,
        post_name: r.try_get("post_name")?,
        kind: decode(
            "demands",
            &r.try_get::<String, _>("kind")?,
            DemandKind::parse,
        )?,
        occupation_code: r.try_get("occupation_code")?,
        segment_code: r.try_get("segment_code")?,
        min_level: r.try_get("min_level")?,
        headcount: r.try_get("headcount")?,
        city: r.try_get("city")?,
        wage_min_fen: r.try_get("wage_min_fen")?,
        wage_max_fen: r.try_get("wage_max_fen")?,
        start_on: r.try_get("start_on")?,
        end_on: r.try_get("end_on")?,
        night_shift: r.try_get::<i64, _>("night_shift")? != 0,
        requirements: r.try_get("requirements")?,
        status: decode(
            "demands",
            &r.try_get::<String, _>("status")?,
            DemandStatus::parse,
        )?,
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
    })
}

const SELECT: &str = "SELECT id, org_id, post_name, kind, occupation_code, segment_code, min_level, headcount, city, \
     wage_min_fen, wage_max_fen, start_on, end_on, night_shift, requirements, status, created_at, updated_at FROM demands";

/// Inserts or replaces a demand (by id).
pub async fn save(conn: &mut AnyConnection, d: &Demand) -> Result<()> {
    sqlx::query(
        "INSERT INTO demands (id, org_id, post_name, kind, occupation_code, segment_code, min_level, headcount, city, \
         wage_min_fen, wage_max_fen, start_on, end_on, night_shift, requirements, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
         ON CONFLICT (id) DO UPDATE SET post_name = excluded.post_name, kind = excluded.kind, \
         occupation_code = excluded.occupation_code, segment_code = excluded.segment_code, min_level = excluded.min_level, \
         headcount = excluded.headcount, city = excluded.city, wage_min_fen = excluded.wage_min_fen, \
         wage_max_fen = excluded.wage_max_fen, start_on = excluded.start_on, end_on = excluded.end_on, \
         night_shift = excluded.night_shift, requirements = excluded.requirements, status = excluded.status, \
         updated_at = excluded.updated_at",
    )
    .bind(d.id.to_string())
    .bind(d.org_id.to_string())
    .bind(&d.post_name)
    .bind(d.kind.as_str())
    .bind(d.occupation_code.clone())
    .bind(d.segment_code.clone())
    .bind(&d.min_level)
    .bind(d.headcount)
    .bind(&d.city)
    .bind(d.wage_min_fen)
    .bind(d.wage_max_fen)
    .bind(&d.start_on)
    .bind(d.end_on.clone())
    .bind(i64::from(d.night_shift))
    .bind(&d.requirements)
    .bind(d.status.as_str())
    .bind(d.created_at.0)
    .bind(d.updated_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// One demand.
pub async fn get(conn: &mut AnyConnection, id: DemandId) -> Result<Option<Demand>> {
    const SQL: &str = "SELECT id, org_id, post_name, kind, occupation_code, segment_code, min_level, headcount, city, \
     wage_min_fen, wage_max_fen, start_on, end_on, night_shift, requirements, status, created_at, updated_at FROM demands WHERE id = $1";
    let _ = SELECT;
    let row = sqlx::query(SQL)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(demand_from).transpose()
}

/// Every demand of one enterprise, oldest first (imports match rows against these).
pub async fn of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Demand>> {
    const SQL: &str = "SELECT id, org_id, post_name, kind, occupation_code, segment_code, min_level, headcount, city, \
     wage_min_fen, wage_max_fen, start_on, end_on, night_shift, requirements, status, created_at, updated_at FROM demands \
     WHERE org_id = $1 ORDER BY created_at, id";
    let rows = sqlx::query(SQL)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(demand_from).collect()
}

/// Filters for demand lists.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this enterprise.
    pub org_id: Option<OrgId>,
    /// Only this status.
    pub status: Option<DemandStatus>,
    /// Only this kind.
    pub kind: Option<DemandKind>,
    /// Only this segment.
    pub segment: Option<String>,
    /// Only this occupation.
    pub occupation: Option<String>,
    /// Only this minimum skill level (catalogue code).
    pub min_level: Option<String>,
    /// Only this city.
    pub city: Option<String>,
    /// Hide drafts of other enterprises (everyone but the owner and the secretariat).
    pub public_only_except: Option<OrgId>,
    /// Only enterprises whose name, short name, pinyin or initials contain
    /// this (normalised) text.
    pub enterprise_search: Option<String>,
}

impl Filter {
    /// True when nothing narrows the list but the reader's draft scope (the
    /// board as it opens).
    pub fn is_unfiltered(&self) -> bool {
        self.org_id.is_none()
            && self.status.is_none()
            && self.kind.is_none()
            && self.segment.is_none()
            && self.occupation.is_none()
            && self.min_level.is_none()
            && self.city.is_none()
            && self
                .enterprise_search
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
    }

    fn conditions(&self) -> Where {
        let mut w = Where::new();
        w.and_some("org_id = ?", self.org_id.map(|o| o.to_string()));
        w.and_some("status = ?", self.status.map(|s| s.as_str().to_string()));
        w.and_some("kind = ?", self.kind.map(|k| k.as_str().to_string()));
        w.and_some("segment_code = ?", self.segment.clone());
        w.and_some("occupation_code = ?", self.occupation.clone());
        w.and_some("min_level = ?", self.min_level.clone());
        w.and_some("city = ?", self.city.clone());
        w.and_some(
            "(status <> 'draft' OR org_id = ?)",
            self.public_only_except.map(|o| o.to_string()),
        );
        w.and_some(
            "org_id IN (SELECT id FROM organizations WHERE search_keys LIKE ? ESCAPE '\\')",
            self.enterprise_search
                .as_deref()
                .map(crate::filters::contains),
        );
        w
    }
}

/// Demands matching `filter`, newest first, a page at a time, with the total.
pub async fn list(
    conn: &mut AnyConnection,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Demand>, i64)> {
    let total = count(&mut *conn, f).await?;
    Ok((page(conn, f, offset, limit).await?, total))
}

/// How many demands match `f`.
pub async fn count(conn: &mut AnyConnection, f: &Filter) -> Result<i64> {
    let w = f.conditions();
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM demands", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    Ok(count.fetch_one(&mut *conn).await?)
}

/// The demands matching `f`, newest first, `limit` of them from `offset`.
pub async fn page(
    conn: &mut AnyConnection,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> Result<Vec<Demand>> {
    let w = f.conditions();
    let mut page = sqlx::query(w.sql(
        "SELECT id, org_id, post_name, kind, occupation_code, segment_code, min_level, headcount, city, \
         wage_min_fen, wage_max_fen, start_on, end_on, night_shift, requirements, status, created_at, updated_at FROM demands",
        "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
    ));
    for b in w.binds() {
        page = page.bind(b.clone());
    }
    let rows = page.bind(limit).bind(offset).fetch_all(&mut *conn).await?;
    rows.iter().map(demand_from).collect()
}

/// The cities of demands a reader may see under `public_only_except`, sorted.
pub async fn cities(
    conn: &mut AnyConnection,
    public_only_except: Option<OrgId>,
) -> Result<Vec<String>> {
    let f = Filter {
        public_only_except,
        ..Default::default()
    };
    let w = f.conditions();
    let mut q = sqlx::query_scalar::<_, String>(
        w.sql("SELECT DISTINCT city FROM demands", "ORDER BY city"),
    );
    for b in w.binds() {
        q = q.bind(b.clone());
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

fn item_from(r: &AnyRow) -> Result<gongjiang_domain::demand::EnterpriseItem> {
    use gongjiang_domain::demand::{EnterpriseItem, ItemList, ItemStatus};
    Ok(EnterpriseItem {
        id: decode_id("enterprise_items", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("enterprise_items", &r.try_get::<String, _>("org_id")?)?,
        list: decode(
            "enterprise_items",
            &r.try_get::<String, _>("list")?,
            ItemList::parse,
        )?,
        title: r.try_get("title")?,
        segment_code: r.try_get("segment_code")?,
        description: r.try_get("description")?,
        status: decode(
            "enterprise_items",
            &r.try_get::<String, _>("status")?,
            ItemStatus::parse,
        )?,
    })
}

/// Inserts or updates a list item.
pub async fn save_item(
    conn: &mut AnyConnection,
    i: &gongjiang_domain::demand::EnterpriseItem,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO enterprise_items (id, org_id, list, title, segment_code, description, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET title = excluded.title, \
         segment_code = excluded.segment_code, description = excluded.description, status = excluded.status, \
         updated_at = excluded.updated_at",
    )
    .bind(i.id.to_string())
    .bind(i.org_id.to_string())
    .bind(i.list.as_str())
    .bind(&i.title)
    .bind(i.segment_code.clone())
    .bind(&i.description)
    .bind(i.status.as_str())
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// One list item.
pub async fn get_item(
    conn: &mut AnyConnection,
    id: gongjiang_domain::ids::ItemId,
) -> Result<Option<gongjiang_domain::demand::EnterpriseItem>> {
    let row = sqlx::query("SELECT id, org_id, list, title, segment_code, description, status FROM enterprise_items WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(item_from).transpose()
}

/// Items of one list, of one enterprise or of all, oldest first.
pub async fn items(
    conn: &mut AnyConnection,
    list: gongjiang_domain::demand::ItemList,
    org: Option<OrgId>,
) -> Result<Vec<gongjiang_domain::demand::EnterpriseItem>> {
    let rows = sqlx::query(
        "SELECT id, org_id, list, title, segment_code, description, status FROM enterprise_items \
         WHERE list = $1 AND ($2 = '' OR org_id = $2) ORDER BY created_at, id",
    )
    .bind(list.as_str())
    .bind(org.map(|o| o.to_string()).unwrap_or_default())
    .fetch_all(conn)
    .await?;
    rows.iter().map(item_from).collect()
}

/// Inserts or updates an occupation (by code) and replaces its segments.
pub async fn save_occupation(
    conn: &mut AnyConnection,
    o: &Occupation,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO occupations (code, name, edition, verified, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, edition = excluded.edition, verified = excluded.verified",
    )
    .bind(&o.code)
    .bind(&o.name)
    .bind(&o.edition)
    .bind(i64::from(o.verified))
    .bind(now.0)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM occupation_segments WHERE occupation_code = $1")
        .bind(&o.code)
        .execute(&mut *conn)
        .await?;
    for s in &o.segments {
        sqlx::query(
            "INSERT INTO occupation_segments (occupation_code, segment_code) VALUES ($1, $2)",
        )
        .bind(&o.code)
        .bind(s)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One list (products or technical needs) of every enterprise, with each
/// enterprise's name, optionally of one segment, by enterprise then entry.
pub async fn listed_items(
    conn: &mut AnyConnection,
    list: gongjiang_domain::demand::ItemList,
    segment: Option<&str>,
) -> Result<Vec<(gongjiang_domain::demand::EnterpriseItem, String)>> {
    let rows = sqlx::query(
        "SELECT i.id, i.org_id, i.list, i.title, i.segment_code, i.description, i.status, o.name AS org_name \
         FROM enterprise_items i JOIN organizations o ON o.id = i.org_id \
         WHERE i.list = $1 AND ($2 = '' OR i.segment_code = $2) ORDER BY o.name, i.created_at, i.id",
    )
    .bind(list.as_str())
    .bind(segment.unwrap_or_default())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((item_from(r)?, r.try_get::<String, _>("org_name")?)))
        .collect()
}

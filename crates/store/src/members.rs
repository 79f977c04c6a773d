//! Alliances, organisations, segments and memberships.

use crate::error::{Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{AllianceId, MembershipId, OrgId, UserId};
use gongjiang_domain::members::{Membership, MembershipStatus, OrgKind, Organization, Tier};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// An alliance as stored.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Alliance {
    /// Its id.
    pub id: AllianceId,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Short name.
    pub short_name: String,
    /// Founding date, `YYYY-MM-DD`.
    pub founded_on: Option<String>,
    /// The chair unit hosting the secretariat.
    pub host_org_id: Option<OrgId>,
}

/// An industry-chain segment.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Segment {
    /// Stable code (`pcb`).
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// Inserts an alliance.
pub async fn insert_alliance(conn: &mut AnyConnection, a: &Alliance, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO alliances (id, name, name_en, short_name, founded_on, host_org_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(a.id.to_string())
    .bind(&a.name)
    .bind(&a.name_en)
    .bind(&a.short_name)
    .bind(a.founded_on.clone())
    .bind(a.host_org_id.map(|id| id.to_string()))
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the chair unit hosting the secretariat.
pub async fn set_alliance_host(
    conn: &mut AnyConnection,
    id: AllianceId,
    host: OrgId,
) -> Result<()> {
    sqlx::query("UPDATE alliances SET host_org_id = $1 WHERE id = $2")
        .bind(host.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

fn alliance_from(row: &AnyRow) -> Result<Alliance> {
    let host: Option<String> = row.try_get("host_org_id")?;
    Ok(Alliance {
        id: decode_id("alliances", &row.try_get::<String, _>("id")?)?,
        name: row.try_get("name")?,
        name_en: row.try_get("name_en")?,
        short_name: row.try_get("short_name")?,
        founded_on: row.try_get("founded_on")?,
        host_org_id: host.map(|h| decode_id("alliances", &h)).transpose()?,
    })
}

/// The first alliance created (a deployment usually hosts one).
pub async fn first_alliance(conn: &mut AnyConnection) -> Result<Option<Alliance>> {
    let row = sqlx::query(
        "SELECT id, name, name_en, short_name, founded_on, host_org_id FROM alliances ORDER BY created_at, id LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(alliance_from).transpose()
}

/// Every segment, in display order.
pub async fn segments(conn: &mut AnyConnection) -> Result<Vec<Segment>> {
    let rows = sqlx::query("SELECT code, name_zh, name_en FROM segments ORDER BY position, code")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Segment {
                code: r.try_get("code")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
            })
        })
        .collect()
}

/// Search columns derived from an organisation's names.
#[derive(Debug, Clone)]
pub struct OrgSearch {
    /// Lower-case characters, full pinyin and initials of every name.
    pub keys: String,
    /// Pinyin sort key of the main name.
    pub sort_key: String,
}

/// Inserts an organisation and its segments. A taken credit code is `Conflict("credit_code")`.
pub async fn insert_org(
    conn: &mut AnyConnection,
    org: &Organization,
    search: &OrgSearch,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO organizations (id, kind, name, other_names, short_name, credit_code, city, district, address, \
         website, intro, is_fictional, search_keys, sort_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(org.id.to_string())
    .bind(org.kind.as_str())
    .bind(&org.name)
    .bind(serde_json::to_string(&org.other_names).unwrap_or_else(|_| "[]".into()))
    .bind(&org.short_name)
    .bind(&org.credit_code)
    .bind(&org.city)
    .bind(&org.district)
    .bind(&org.address)
    .bind(&org.website)
    .bind(&org.intro)
    .bind(i64::from(org.is_fictional))
    .bind(&search.keys)
    .bind(&search.sort_key)
    .bind(org.created_at.0)
    .bind(org.updated_at.0)
    .execute(&mut *conn)
    .await
    .map_err(conflict_as("credit_code"))?;
    replace_segments(conn, org.id, &org.segments).await
}

/// Saves a changed organisation profile and its segments.
pub async fn update_org(
    conn: &mut AnyConnection,
    org: &Organization,
    search: &OrgSearch,
) -> Result<()> {
    sqlx::query(
        "UPDATE organizations SET kind = $1, name = $2, other_names = $3, short_name = $4, credit_code = $5, \
         city = $6, district = $7, address = $8, website = $9, intro = $10, search_keys = $11, sort_key = $12, \
         updated_at = $13 WHERE id = $14",
    )
    .bind(org.kind.as_str())
    .bind(&org.name)
    .bind(serde_json::to_string(&org.other_names).unwrap_or_else(|_| "[]".into()))
    .bind(&org.short_name)
    .bind(&org.credit_code)
    .bind(&org.city)
    .bind(&org.district)
    .bind(&org.address)
    .bind(&org.website)
    .bind(&org.intro)
    .bind(&search.keys)
    .bind(&search.sort_key)
    .bind(org.updated_at.0)
    .bind(org.id.to_string())
    .execute(&mut *conn)
    .await
    .map_err(conflict_as("credit_code"))?;
    replace_segments(conn, org.id, &org.segments).await
}

async fn replace_segments(conn: &mut AnyConnection, org: OrgId, segments: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM organization_segments WHERE org_id = $1")
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?;
    for code in segments {
        sqlx::query("INSERT INTO organization_segments (org_id, segment_code) VALUES ($1, $2)")
            .bind(org.to_string())
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn org_from(row: &AnyRow, segments: Vec<String>) -> Result<Organization> {
    let other: String = row.try_get("other_names")?;
    Ok(Organization {
        id: decode_id("organizations", &row.try_get::<String, _>("id")?)?,
        kind: decode(
            "organizations",
            &row.try_get::<String, _>("kind")?,
            OrgKind::parse,
        )?,
        name: row.try_get("name")?,
        other_names: serde_json::from_str(&other).unwrap_or_default(),
        short_name: row.try_get("short_name")?,
        credit_code: row.try_get("credit_code")?,
        city: row.try_get("city")?,
        district: row.try_get("district")?,
        address: row.try_get("address")?,
        website: row.try_get("website")?,
        intro: row.try_get("intro")?,
        segments,
        is_fictional: row.try_get::<i64, _>("is_fictional")? != 0,
        created_at: Timestamp(row.try_get("created_at")?),
        updated_at: Timestamp(row.try_get("updated_at")?),
    })
}

async fn org_segments(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT s.code FROM organization_segments os JOIN segments s ON s.code = os.segment_code \
         WHERE os.org_id = $1 ORDER BY s.position",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("code")?))
        .collect()
}

/// The segments of the organisations `ids`, by id (as stored), each in the
/// catalogue's order: one query for a page of units.
async fn segments_of(
    conn: &mut AnyConnection,
    ids: &[OrgId],
) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let sql = crate::filters::in_list(
        conn,
        "SELECT os.org_id, s.code FROM organization_segments os \
         JOIN segments s ON s.code = os.segment_code WHERE os.org_id",
        "ORDER BY os.org_id, s.position",
    );
    let mut out: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    let rows = sqlx::query(sql)
        .bind(crate::filters::json_list(ids))
        .fetch_all(conn)
        .await?;
    for r in &rows {
        out.entry(r.try_get::<String, _>("org_id")?)
            .or_default()
            .push(r.try_get::<String, _>("code")?);
    }
    Ok(out)
}

/// The names of the organisations `ids` (those that exist), in one query.
pub async fn names_of(
    conn: &mut AnyConnection,
    ids: &[OrgId],
) -> Result<std::collections::HashMap<OrgId, String>> {
    let sql = crate::filters::in_list(conn, "SELECT id, name FROM organizations WHERE id", "");
    let rows = sqlx::query(sql)
        .bind(crate::filters::json_list(ids))
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("organizations", &r.try_get::<String, _>("id")?)?,
                r.try_get::<String, _>("name")?,
            ))
        })
        .collect()
}

/// The kind of an organisation, or `None` when there is none by that id
/// (one primary-key lookup, for resolving who acts).
pub async fn org_kind(conn: &mut AnyConnection, id: OrgId) -> Result<Option<OrgKind>> {
    let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    kind.map(|k| decode("organizations", &k, OrgKind::parse))
        .transpose()
}

/// One organisation by id.
pub async fn get_org(conn: &mut AnyConnection, id: OrgId) -> Result<Option<Organization>> {
    const SQL: &str = "SELECT o.id, o.kind, o.name, o.other_names, o.short_name, o.credit_code, o.city, o.district, \
         o.address, o.website, o.intro, o.is_fictional, o.created_at, o.updated_at FROM organizations o WHERE o.id = $1";
    let row = sqlx::query(SQL)
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => {
            let segments = org_segments(conn, id).await?;
            Ok(Some(org_from(&row, segments)?))
        }
        None => Ok(None),
    }
}

/// The organisation holding a credit code, if any.
pub async fn org_by_credit_code(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<Organization>> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM organizations WHERE credit_code = $1")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
    match id {
        Some(id) => get_org(conn, decode_id("organizations", &id)?).await,
        None => Ok(None),
    }
}

/// Filters for the public roster.
#[derive(Debug, Clone, Default)]
pub struct RosterFilter {
    /// Only this kind.
    pub kind: Option<OrgKind>,
    /// Only this tier.
    pub tier: Option<Tier>,
    /// Only this city (exact).
    pub city: Option<String>,
    /// Only units in this segment.
    pub segment: Option<String>,
    /// Normalised search text matched against the search keys.
    pub query: Option<String>,
}

impl RosterFilter {
    /// True when no filter is set (the whole roster).
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.tier.is_none()
            && self.city.is_none()
            && self.segment.is_none()
            && self.query.is_none()
    }
}

/// One line of the roster: an organisation with its active membership.
#[derive(Debug, Clone)]
pub struct RosterEntry {
    /// The organisation.
    pub org: Organization,
    /// Its membership.
    pub membership_id: MembershipId,
    /// Granted tier.
    pub tier: Tier,
    /// When it joined.
    pub joined_at: Option<Timestamp>,
}

/// Active members of an alliance matching `filter`, by tier then pinyin, a page at a time.
/// Returns the page and the total count.
pub async fn roster(
    conn: &mut AnyConnection,
    alliance: AllianceId,
    filter: &RosterFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<RosterEntry>, i64)> {
    // Every filter is a bound parameter; an empty one is switched off by `$n = ''`.
    const COUNT: &str = "SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.org_id \
         WHERE m.alliance_id = $1 AND m.status = 'active' \
         AND ($2 = '' OR o.kind = $2) AND ($3 = '' OR m.tier = $3) AND ($4 = '' OR o.city = $4) \
         AND ($5 = '' OR EXISTS (SELECT 1 FROM organization_segments os WHERE os.org_id = o.id AND os.segment_code = $5)) \
         AND ($6 = '' OR o.search_keys LIKE $7 ESCAPE '\\')";
    const PAGE: &str = "SELECT o.id, o.kind, o.name, o.other_names, o.short_name, o.credit_code, o.city, o.district, \
         o.address, o.website, o.intro, o.is_fictional, o.created_at, o.updated_at, \
         m.id AS membership_id, m.tier, m.joined_at \
         FROM memberships m JOIN organizations o ON o.id = m.org_id \
         WHERE m.alliance_id = $1 AND m.status = 'active' \
         AND ($2 = '' OR o.kind = $2) AND ($3 = '' OR m.tier = $3) AND ($4 = '' OR o.city = $4) \
         AND ($5 = '' OR EXISTS (SELECT 1 FROM organization_segments os WHERE os.org_id = o.id AND os.segment_code = $5)) \
         AND ($6 = '' OR o.search_keys LIKE $7 ESCAPE '\\') \
         ORDER BY CASE m.tier WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'standing_council' THEN 2 \
         WHEN 'council' THEN 3 ELSE 4 END, o.sort_key, o.id LIMIT $8 OFFSET $9";
    let query_text = filter.query.clone().unwrap_or_default();
    let binds = [
        alliance.to_string(),
        filter
            .kind
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        filter
            .tier
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        filter.city.clone().unwrap_or_default(),
        filter.segment.clone().unwrap_or_default(),
        query_text.clone(),
        crate::filters::contains(&query_text),
    ];
    let mut count_q = sqlx::query_scalar::<_, i64>(COUNT);
    for b in &binds {
        count_q = count_q.bind(b.clone());
    }
    let total = count_q.fetch_one(&mut *conn).await?;
    let mut page_q = sqlx::query(PAGE);
    for b in &binds {
        page_q = page_q.bind(b.clone());
    }
    let rows = page_q
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    // The page's segments in one query, not one per unit.
    let ids: Vec<OrgId> = rows
        .iter()
        .map(|r| decode_id("organizations", &r.try_get::<String, _>("id")?))
        .collect::<Result<_>>()?;
    let mut segments_of = segments_of(conn, &ids).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        let raw_id: String = row.try_get("id")?;
        let segments = segments_of.remove(&raw_id).unwrap_or_default();
        let tier: Option<String> = row.try_get("tier")?;
        entries.push(RosterEntry {
            org: org_from(row, segments)?,
            membership_id: decode_id("memberships", &row.try_get::<String, _>("membership_id")?)?,
            tier: decode(
                "memberships",
                tier.as_deref().unwrap_or("member"),
                Tier::parse,
            )?,
            joined_at: row.try_get::<Option<i64>, _>("joined_at")?.map(Timestamp),
        });
    }
    Ok((entries, total))
}

/// How many units are active members of an alliance (its index, no sort).
pub async fn member_count(conn: &mut AnyConnection, alliance: AllianceId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE alliance_id = $1 AND status = 'active'",
    )
    .bind(alliance.to_string())
    .fetch_one(conn)
    .await?)
}

fn membership_from(row: &AnyRow) -> Result<Membership> {
    let tier: Option<String> = row.try_get("tier")?;
    let decided_by: Option<String> = row.try_get("decided_by")?;
    Ok(Membership {
        id: decode_id("memberships", &row.try_get::<String, _>("id")?)?,
        alliance_id: decode_id("memberships", &row.try_get::<String, _>("alliance_id")?)?,
        org_id: decode_id("memberships", &row.try_get::<String, _>("org_id")?)?,
        status: decode(
            "memberships",
            &row.try_get::<String, _>("status")?,
            MembershipStatus::parse,
        )?,
        requested_tier: decode(
            "memberships",
            &row.try_get::<String, _>("requested_tier")?,
            Tier::parse,
        )?,
        tier: tier
            .map(|t| decode("memberships", &t, Tier::parse))
            .transpose()?,
        contact_name: row.try_get("contact_name")?,
        contact_phone: row.try_get("contact_phone")?,
        contact_email: row.try_get("contact_email")?,
        statement: row.try_get("statement")?,
        applied_at: Timestamp(row.try_get("applied_at")?),
        decided_at: row.try_get::<Option<i64>, _>("decided_at")?.map(Timestamp),
        decided_by: decided_by
            .map(|u| decode_id::<UserId>("memberships", &u))
            .transpose()?,
        decision_reason: row.try_get("decision_reason")?,
        joined_at: row.try_get::<Option<i64>, _>("joined_at")?.map(Timestamp),
        ended_at: row.try_get::<Option<i64>, _>("ended_at")?.map(Timestamp),
        end_reason: row.try_get("end_reason")?,
        updated_at: Timestamp(row.try_get("updated_at")?),
    })
}

/// One membership by id.
pub async fn get_membership(
    conn: &mut AnyConnection,
    id: MembershipId,
) -> Result<Option<Membership>> {
    const SQL: &str = "SELECT id, alliance_id, org_id, status, requested_tier, tier, contact_name, \
     contact_phone, contact_email, statement, applied_at, decided_at, decided_by, decision_reason, joined_at, \
     ended_at, end_reason, updated_at FROM memberships WHERE id = $1";
    let row = sqlx::query(SQL)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(membership_from).transpose()
}

/// Memberships of one organisation, newest first.
pub async fn memberships_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Membership>> {
    const SQL: &str = "SELECT id, alliance_id, org_id, status, requested_tier, tier, contact_name, \
     contact_phone, contact_email, statement, applied_at, decided_at, decided_by, decision_reason, joined_at, \
     ended_at, end_reason, updated_at FROM memberships WHERE org_id = $1 ORDER BY applied_at DESC, id DESC";
    let rows = sqlx::query(SQL)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(membership_from).collect()
}

/// Memberships of an alliance in one status, oldest application first.
pub async fn memberships_by_status(
    conn: &mut AnyConnection,
    alliance: AllianceId,
    status: MembershipStatus,
) -> Result<Vec<Membership>> {
    const SQL: &str = "SELECT id, alliance_id, org_id, status, requested_tier, tier, contact_name, \
     contact_phone, contact_email, statement, applied_at, decided_at, decided_by, decision_reason, joined_at, \
     ended_at, end_reason, updated_at FROM memberships WHERE alliance_id = $1 AND status = $2 \
     ORDER BY applied_at, id";
    let rows = sqlx::query(SQL)
        .bind(alliance.to_string())
        .bind(status.as_str())
        .fetch_all(conn)
        .await?;
    rows.iter().map(membership_from).collect()
}

/// Inserts a membership (usually an application).
pub async fn insert_membership(conn: &mut AnyConnection, m: &Membership) -> Result<()> {
    sqlx::query(
        "INSERT INTO memberships (id, alliance_id, org_id, status, requested_tier, tier, contact_name, contact_phone, \
         contact_email, statement, applied_at, decided_at, decided_by, decision_reason, joined_at, ended_at, \
         end_reason, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(m.id.to_string())
    .bind(m.alliance_id.to_string())
    .bind(m.org_id.to_string())
    .bind(m.status.as_str())
    .bind(m.requested_tier.as_str())
    .bind(m.tier.map(|t| t.as_str()))
    .bind(&m.contact_name)
    .bind(&m.contact_phone)
    .bind(&m.contact_email)
    .bind(&m.statement)
    .bind(m.applied_at.0)
    .bind(m.decided_at.map(|t| t.0))
    .bind(m.decided_by.map(|u| u.to_string()))
    .bind(&m.decision_reason)
    .bind(m.joined_at.map(|t| t.0))
    .bind(m.ended_at.map(|t| t.0))
    .bind(&m.end_reason)
    .bind(m.updated_at.0)
    .execute(conn)
    .await
    .map_err(conflict_as("chair"))?;
    Ok(())
}

/// Saves a membership's new state. A second active chair is `Conflict("chair")`.
pub async fn update_membership(conn: &mut AnyConnection, m: &Membership) -> Result<()> {
    sqlx::query(
        "UPDATE memberships SET status = $1, tier = $2, decided_at = $3, decided_by = $4, decision_reason = $5, \
         joined_at = $6, ended_at = $7, end_reason = $8, updated_at = $9 WHERE id = $10",
    )
    .bind(m.status.as_str())
    .bind(m.tier.map(|t| t.as_str()))
    .bind(m.decided_at.map(|t| t.0))
    .bind(m.decided_by.map(|u| u.to_string()))
    .bind(&m.decision_reason)
    .bind(m.joined_at.map(|t| t.0))
    .bind(m.ended_at.map(|t| t.0))
    .bind(&m.end_reason)
    .bind(m.updated_at.0)
    .bind(m.id.to_string())
    .execute(conn)
    .await
    .map_err(conflict_as("chair"))?;
    Ok(())
}

/// Counts memberships by status (for the secretariat's overview).
pub async fn count_by_status(
    conn: &mut AnyConnection,
    alliance: AllianceId,
) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT status, COUNT(*) AS n FROM memberships WHERE alliance_id = $1 GROUP BY status",
    )
    .bind(alliance.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>("status")?, r.try_get::<i64, _>("n")?)))
        .collect()
}

/// Inserts or updates a segment (by code).
pub async fn save_segment(
    conn: &mut AnyConnection,
    code: &str,
    parent: Option<&str>,
    name_zh: &str,
    name_en: &str,
    position: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO segments (code, parent_code, name_zh, name_en, position) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, name_zh = excluded.name_zh, \
         name_en = excluded.name_en, position = excluded.position",
    )
    .bind(code)
    .bind(parent.map(str::to_string))
    .bind(name_zh)
    .bind(name_en)
    .bind(position)
    .execute(conn)
    .await?;
    Ok(())
}

/// The parent of every segment (for cycle checks and the tree).
pub async fn segment_parents(conn: &mut AnyConnection) -> Result<Vec<(String, Option<String>)>> {
    let rows = sqlx::query("SELECT code, parent_code FROM segments")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("code")?,
                r.try_get::<Option<String>, _>("parent_code")?,
            ))
        })
        .collect()
}

/// A segment with its place in the tree, as kept by the secretariat.
#[derive(Debug, Clone)]
pub struct SegmentRow {
    /// Stable code.
    pub code: String,
    /// The parent's code; `None` at the top.
    pub parent_code: Option<String>,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Order among siblings.
    pub position: i64,
}

/// Every segment with its parent and position, in display order.
pub async fn segment_rows(conn: &mut AnyConnection) -> Result<Vec<SegmentRow>> {
    let rows = sqlx::query(
        "SELECT code, parent_code, name_zh, name_en, position FROM segments ORDER BY position, code",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SegmentRow {
                code: r.try_get("code")?,
                parent_code: r.try_get("parent_code")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                position: r.try_get("position")?,
            })
        })
        .collect()
}

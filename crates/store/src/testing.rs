//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL
//! database cloned from a migrated template (much faster than migrating each).
//!
//! Database names here are generated (`gj_t_` + hex), never taken from input;
//! they cannot be bound as parameters in `CREATE DATABASE`, hence the one
//! `AssertSqlSafe` in this crate, guarded by `assert_generated_name`.

use crate::db::Db;
use crate::error::Result;
use sha2::{Digest, Sha256};
use sqlx::AssertSqlSafe;

fn assert_generated_name(name: &str) {
    assert!(
        name.len() < 60
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "unsafe database name {name:?}"
    );
}

/// Replaces the database part of a PostgreSQL URL.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let cut = base.rfind('/').map(|i| &base[..i]).unwrap_or(base);
    match query {
        Some(q) => format!("{cut}/{database}?{q}"),
        None => format!("{cut}/{database}"),
    }
}

async fn execute(db: &Db, sql: String) -> Result<()> {
    let mut conn = db.read().await?;
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The template's name: it changes whenever a migration changes.
fn template_name(db: &Db) -> String {
    let mut h = Sha256::new();
    for m in db.migrator().iter() {
        h.update(m.version.to_be_bytes());
        h.update(&*m.checksum);
    }
    format!("gj_tpl_{}", &hex::encode(h.finalize())[..16])
}

/// Creates a fresh, migrated PostgreSQL database for one test; returns its URL and name.
pub async fn fresh_postgres(admin_url: &str) -> Result<(String, String)> {
    let admin = Db::connect(admin_url).await?;
    let template = template_name(&admin);
    assert_generated_name(&template);
    // One creator at a time across test processes.
    execute(&admin, "SELECT pg_advisory_lock(7002)".into())
        .await
        .ok();
    let exists: Option<i64> = {
        let mut conn = admin.read().await?;
        sqlx::query_scalar("SELECT 1::BIGINT FROM pg_database WHERE datname = $1")
            .bind(&template)
            .fetch_optional(&mut *conn)
            .await?
    };
    if exists.is_none() {
        execute(&admin, format!("CREATE DATABASE {template}")).await?;
        let t = Db::connect(&with_database(admin_url, &template)).await?;
        t.migrate().await?;
        t.close().await;
    }
    execute(&admin, "SELECT pg_advisory_unlock(7002)".into())
        .await
        .ok();
    let name = format!("gj_t_{}", uuid::Uuid::now_v7().simple());
    assert_generated_name(&name);
    // Cloning needs the template to have no other connections; retry briefly if one lingers.
    let mut attempts = 0;
    loop {
        match execute(
            &admin,
            format!("CREATE DATABASE {name} TEMPLATE {template}"),
        )
        .await
        {
            Ok(()) => break,
            Err(_) if attempts < 20 => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e),
        }
    }
    admin.close().await;
    Ok((with_database(admin_url, &name), name))
}

/// Drops a test database created by [`fresh_postgres`].
pub async fn drop_postgres(admin_url: &str, name: &str) -> Result<()> {
    assert_generated_name(name);
    let admin = Db::connect(admin_url).await?;
    let result = execute(
        &admin,
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    )
    .await;
    admin.close().await;
    result
}

/// Forgets the latest applied migration, as if the schema were one step
/// behind this build (the readiness probe's test).
pub async fn forget_last_migration(db: &Db) -> Result<()> {
    let mut conn = db.read().await?;
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// SQLite's plan for a statement the store issued (captured from its own
/// log in a test), each step's `detail` (`SEARCH t USING INDEX …`, `SCAN t`).
/// Its parameters are bound as NULL: the plan does not depend on them. The
/// text is a statement this crate wrote and ran, never outside input, so it
/// is asserted safe here (tests only).
pub async fn sqlite_plan(db: &Db, sql: &str) -> Result<Vec<String>> {
    use sqlx::Row;
    let numbered = (1..=99)
        .rev()
        .find(|n| sql.contains(&format!("${n}")))
        .unwrap_or(0);
    let params = if numbered > 0 {
        numbered
    } else {
        sql.matches('?').count()
    };
    let text = format!("EXPLAIN QUERY PLAN {sql}");
    let mut q = sqlx::query(AssertSqlSafe(text));
    for _ in 0..params {
        q = q.bind(Option::<String>::None);
    }
    let mut conn = db.read().await?;
    let rows = q.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("detail")?))
        .collect()
}

/// PostgreSQL's generic plan for a statement the store issued (captured from
/// its own log in a test), one line per plan node, with sequential scans
/// priced out (`enable_seqscan = off`): a `Seq Scan` still in the plan means
/// no index can serve that read at all, whatever the table's statistics. The
/// statement is prepared with its parameters' types left to PostgreSQL and
/// explained as the generic plan (`plan_cache_mode = force_generic_plan`),
/// so the NULLs passed do not fold any condition away. The text is a
/// statement this crate wrote and ran, never outside input (tests only).
pub async fn postgres_plan(db: &Db, sql: &str) -> Result<Vec<String>> {
    use sqlx::Row;
    let params = (1..=99)
        .rev()
        .find(|n| sql.contains(&format!("${n}")))
        .unwrap_or(0);
    let mut conn = db.read().await?;
    sqlx::raw_sql(AssertSqlSafe(
        "SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan".to_string(),
    ))
    .execute(&mut *conn)
    .await?;
    sqlx::raw_sql(AssertSqlSafe(format!("PREPARE gj_plan AS {sql}")))
        .execute(&mut *conn)
        .await?;
    let nulls = vec!["NULL"; params].join(", ");
    let explain = if params > 0 {
        format!("EXPLAIN EXECUTE gj_plan({nulls})")
    } else {
        "EXPLAIN EXECUTE gj_plan".to_string()
    };
    let rows = sqlx::query(AssertSqlSafe(explain))
        .fetch_all(&mut *conn)
        .await;
    // Dropped whatever the explain gave, so the next statement can take the name.
    sqlx::raw_sql(AssertSqlSafe("DEALLOCATE gj_plan".to_string()))
        .execute(&mut *conn)
        .await?;
    rows?
        .iter()
        .map(|r| Ok(r.try_get::<String, _>(0)?))
        .collect()
}

/// Every trainee's full name (for tests that look for personal information
/// in answers).
pub async fn trainee_names(conn: &mut sqlx::AnyConnection) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT DISTINCT name FROM trainees")
        .fetch_all(conn)
        .await?)
}

/// Makes every recorded notice decision one about an earlier version, as
/// if the notice had changed since (for tests of re-consent).
pub async fn pretend_notice_changed(conn: &mut sqlx::AnyConnection) -> Result<()> {
    sqlx::query("UPDATE notice_decisions SET notice_version = 'earlier-' || notice_version")
        .execute(conn)
        .await?;
    Ok(())
}

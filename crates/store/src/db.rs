//! The database handle: connect, configure, migrate, and start transactions.
//!
//! SQLite connections get WAL, a busy timeout, foreign keys and `synchronous`
//! set explicitly on every connection, and every write transaction starts with
//! `BEGIN IMMEDIATE` (a deferred transaction that upgrades from read to write
//! fails at once under WAL, whatever the busy timeout).

use crate::error::Result;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::str::FromStr;
use std::time::Duration;

/// Which database is behind the handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite (the default).
    Sqlite,
    /// PostgreSQL (province scale, several app instances).
    Postgres,
}

/// A pooled connection, usable wherever a `&mut AnyConnection` is expected.
pub type Conn = sqlx::pool::PoolConnection<sqlx::Any>;
/// An open write transaction.
pub type WriteTx = sqlx::Transaction<'static, sqlx::Any>;

/// The database: a pool and the backend it talks to.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// Milliseconds SQLite waits for the write lock before giving up.
pub const SQLITE_BUSY_TIMEOUT_MS: u64 = 5000;

const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

/// A pooled connection idle this long is pinged before it is handed out.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`).
    pub async fn connect(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let options = AnyConnectOptions::from_str(url)?;
        // sqlx pings every connection it hands out by default: on a page that
        // takes a connection per use case, that doubles the round trips to
        // PostgreSQL (and the thread hand-offs to SQLite's worker). Only a
        // connection idle for a while is pinged (one that sat through a
        // database restart is found broken and replaced before use); one in
        // steady use goes straight back to work.
        let pool_options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(5))
            .idle_timeout(Duration::from_secs(600))
            .max_lifetime(Duration::from_secs(3600))
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for < PING_WHEN_IDLE_FOR {
                        return Ok(true);
                    }
                    Ok(conn.ping().await.is_ok())
                })
            });
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(SQLITE_PRAGMAS).await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Db { pool, backend })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations for this backend; returns how many ran.
    pub async fn migrate(&self) -> Result<usize> {
        let migrator = self.migrator();
        let mut conn = self.pool.acquire().await?;
        let before = applied_count(&mut conn).await;
        migrator.run(&mut *conn).await?;
        let after = applied_count(&mut conn).await;
        Ok(after.saturating_sub(before))
    }

    /// The migrations of this backend.
    pub fn migrator(&self) -> &'static sqlx::migrate::Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// A connection for reads (and single-statement writes).
    pub async fn read(&self) -> Result<Conn> {
        Ok(self.pool.acquire().await?)
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn write(&self) -> Result<WriteTx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// Brings the planner's table statistics and the visibility map up to
    /// date after a bulk load (PostgreSQL's `VACUUM (ANALYZE)`): until
    /// autovacuum gets to a table loaded in one go, the planner guesses its
    /// size and may pick a plan for a table of a few rows, and an index-only
    /// scan (a school's trainee page, a count by index) still visits every
    /// heap page it passes, because no page is yet marked all-visible.
    /// SQLite plans here without statistics (the query-plan guard checks them
    /// that way), so nothing is done there.
    pub async fn refresh_statistics(&self) -> Result<()> {
        if self.backend == Backend::Postgres {
            let mut conn = self.pool.acquire().await?;
            sqlx::query("VACUUM (ANALYZE)").execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Whether this instance may take traffic: the database answers within
    /// the pool's acquire timeout, and every migration this build knows has
    /// been applied (an instance started against an older schema, or one
    /// whose migration failed halfway, is not ready).
    pub async fn readiness(&self) -> Readiness {
        let down = Readiness {
            database: false,
            migrations: false,
        };
        let Ok(mut conn) = self.pool.acquire().await else {
            return down;
        };
        if conn.ping().await.is_err() {
            return down;
        }
        let known = self
            .migrator()
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .count();
        Readiness {
            database: true,
            migrations: applied_count(&mut conn).await >= known,
        }
    }

    /// Writes a consistent copy of the SQLite database to `path` while it stays
    /// in use (`VACUUM INTO`). PostgreSQL is backed up with its own tools.
    pub async fn backup_sqlite(&self, path: &str) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Closes every connection (used at shutdown and by tests).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Reads a SQLite pragma's value as text (for the configuration test).
    pub async fn sqlite_pragma(&self, name: &str) -> Result<String> {
        let sql: &'static str = match name {
            "journal_mode" => "PRAGMA journal_mode",
            "busy_timeout" => "PRAGMA busy_timeout",
            "foreign_keys" => "PRAGMA foreign_keys",
            "synchronous" => "PRAGMA synchronous",
            _ => return Ok(String::new()),
        };
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(sql).fetch_one(&mut *conn).await?;
        use sqlx::Row;
        let text = row
            .try_get::<String, _>(0)
            .or_else(|_| row.try_get::<i64, _>(0).map(|v| v.to_string()))?;
        Ok(text)
    }
}

/// What [`Db::readiness`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    /// The database answered.
    pub database: bool,
    /// Every migration of this build is applied.
    pub migrations: bool,
}

impl Readiness {
    /// Ready for traffic.
    pub fn ready(&self) -> bool {
        self.database && self.migrations
    }
}

async fn applied_count(conn: &mut AnyConnection) -> usize {
    let result: std::result::Result<i64, sqlx::Error> =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&mut *conn)
            .await;
    result.map(|n| usize::try_from(n).unwrap_or(0)).unwrap_or(0)
}

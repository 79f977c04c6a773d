//! Gongjiang's storage: the only crate that speaks SQL.
//!
//! One code path serves SQLite (embedded default) and PostgreSQL through
//! `sqlx::Any`; see `docs/decisions/0001-one-sql-code-path.md`. Every query is a
//! `&'static str` with bind parameters. Functions take a connection, so the
//! caller decides what goes into one transaction (a change and its audit row
//! always do). Rows are turned into domain types here, once.

pub mod accounts;
pub mod audit;
pub mod certificates;
pub mod cooperation;
pub mod db;
pub mod demand;
pub mod employment;
pub mod error;
pub mod evaluation;
pub mod filters;
pub mod jobs;
pub mod members;
pub mod notifications;
pub mod privacy;
pub mod rounds;
pub mod sessions;
pub mod supply;
pub mod training;

pub use db::{Backend, Conn, Db, Readiness, WriteTx};
pub use error::{Error, Result};

/// A database connection (pooled or inside a transaction), for callers that
/// group several store functions in one transaction.
pub type Connection = sqlx::AnyConnection;

pub mod testing;

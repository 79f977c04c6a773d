//! Storage errors: a conflict with a unique rule, a missing row, or the database itself.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A unique constraint refused the write; the constraint or column is named.
    #[error("conflict on {0}")]
    Conflict(String),
    /// The database failed or is unreachable.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations could not be applied.
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Stored data did not decode (e.g. an unknown enum text).
    #[error("corrupt row in {table}: {detail}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// What did not decode.
        detail: String,
    },
}

/// Result with the store's error.
pub type Result<T> = std::result::Result<T, Error>;

/// Maps a unique-violation to `Error::Conflict(hint)` and passes other errors through.
pub(crate) fn conflict_as(hint: &str) -> impl Fn(sqlx::Error) -> Error + '_ {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => Error::Conflict(hint.to_string()),
        _ => Error::Database(e),
    }
}

/// Decodes a stored enum text, or reports the row as corrupt.
pub(crate) fn decode<T>(
    table: &'static str,
    text: &str,
    parse: fn(&str) -> std::result::Result<T, gongjiang_domain::Problem>,
) -> Result<T> {
    parse(text).map_err(|_| Error::Corrupt {
        table,
        detail: format!("unexpected value {text:?}"),
    })
}

/// Decodes a stored id.
pub(crate) fn decode_id<T: std::str::FromStr>(table: &'static str, text: &str) -> Result<T> {
    text.parse().map_err(|_| Error::Corrupt {
        table,
        detail: format!("bad id {text:?}"),
    })
}

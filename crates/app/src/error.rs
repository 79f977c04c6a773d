//! The use cases' error: what the caller must tell the user, as data.
//! The web crate maps each kind to one status code and one sentence.

use gongjiang_domain::{FieldErrors, IllegalMove, Problem};

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nobody is signed in, or the session has ended.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but this actor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The object does not exist, or the actor may not know it exists.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Input failed validation; each field is named.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The object is in a state that does not allow this step.
    #[error("wrong state: {0}")]
    WrongState(String),
    /// Sign-in refused for now: too many failures. Retry after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts {
        /// Seconds to wait.
        retry_after_secs: i64,
    },
    /// Too many of one action in a period (a reveal of full identifiers):
    /// the interface key of the sentence, and the seconds to wait.
    #[error("rate limited: {key}")]
    RateLimited {
        /// Interface key of the sentence (`privacy.reveal_limit`).
        key: &'static str,
        /// Seconds to wait.
        retry_after_secs: i64,
    },
    /// Wrong login or password (deliberately not saying which).
    #[error("bad credentials")]
    BadCredentials,
    /// A demo account used outside the demo.
    #[error("demo account outside demo mode")]
    DemoAccountRefused,
    /// The database is busy or unreachable; try again.
    #[error("temporarily unavailable")]
    Unavailable,
    /// No alliance exists yet: run `gongjiang admin create` (or the demo).
    #[error("not set up")]
    NotSetUp,
    /// Anything else: logged, shown as a generic message.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// One invalid field.
    pub fn field(field: &str, problem: Problem) -> Error {
        let mut errors = FieldErrors::new();
        errors.push(field, problem);
        Error::Invalid(errors)
    }
}

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Invalid(e)
    }
}

impl From<gongjiang_store::Error> for Error {
    fn from(e: gongjiang_store::Error) -> Self {
        match e {
            gongjiang_store::Error::Conflict(field) => Error::field(&field, Problem::AlreadyTaken),
            gongjiang_store::Error::Database(sqlx_error) => {
                let text = sqlx_error.to_string();
                if text.contains("database is locked")
                    || text.contains("pool timed out")
                    || text.contains("PoolTimedOut")
                {
                    Error::Unavailable
                } else {
                    Error::Internal(text)
                }
            }
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<gongjiang_domain::members::WrongState> for Error {
    fn from(e: gongjiang_domain::members::WrongState) -> Self {
        Error::WrongState(e.to_string())
    }
}

/// Words a move a status machine refused ([`IllegalMove`], from
/// [`gongjiang_domain::Lifecycle::move_to`]) as the area's wrong-state key,
/// e.g. `round.not_draft`, which the web crate words as a 409.
pub(crate) trait RefusedMove<S> {
    /// The status moved to, or `Error::WrongState(key)`.
    fn or_wrong_state(self, key: &str) -> Result<S>;
}

impl<S> RefusedMove<S> for std::result::Result<S, IllegalMove<S>> {
    fn or_wrong_state(self, key: &str) -> Result<S> {
        self.map_err(|_| Error::WrongState(key.into()))
    }
}

/// Result with the use cases' error.
pub type Result<T> = std::result::Result<T, Error>;

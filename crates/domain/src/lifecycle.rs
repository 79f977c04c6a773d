//! Status machines: the one place each status enum says which moves it allows.
//!
//! A status enum with transitions implements [`Lifecycle`] in its own module,
//! as one `match` on `(from, to)`; every use case that changes such a status
//! asks [`Lifecycle::move_to`] and words a refusal as its own area's error.
//! Statuses set freely by a form (a demand's, a trainee's, an account's) have
//! no machine and do not implement it.

/// A status that moves between its states by a fixed rule.
///
/// ```
/// use gongjiang_domain::Lifecycle;
/// use gongjiang_domain::rounds::RoundStatus;
///
/// assert_eq!(RoundStatus::Draft.move_to(RoundStatus::Open), Ok(RoundStatus::Open));
/// assert!(RoundStatus::Draft.move_to(RoundStatus::Published).is_err());
/// ```
pub trait Lifecycle: Copy + Eq {
    /// Whether a move from `self` to `to` is allowed. Staying put is a move
    /// like any other: allowed only where the rule lists it.
    fn may_move_to(self, to: Self) -> bool;

    /// `to` when the move is allowed; otherwise the refused move, as data.
    fn move_to(self, to: Self) -> Result<Self, IllegalMove<Self>> {
        if self.may_move_to(to) {
            Ok(to)
        } else {
            Err(IllegalMove { from: self, to })
        }
    }
}

/// A move a status machine refuses: where the object stands and where it was
/// to go. The caller words it (the app layer maps it to its area's key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot move from {from} to {to}")]
pub struct IllegalMove<S> {
    /// Where the object stands.
    pub from: S,
    /// Where it was to go.
    pub to: S,
}

/// Checks a machine against the full list of its allowed moves: every pair
/// of states in `all` is tried, so a refused move is tested as carefully as
/// an allowed one.
#[cfg(test)]
pub(crate) fn assert_moves<S: Lifecycle + std::fmt::Debug>(all: &[S], allowed: &[(S, S)]) {
    for &from in all {
        for &to in all {
            let expected = allowed.contains(&(from, to));
            assert_eq!(from.may_move_to(to), expected, "{from:?} → {to:?}");
            match from.move_to(to) {
                Ok(moved) => assert!(expected && moved == to, "{from:?} → {to:?}"),
                Err(refused) => assert!(!expected && refused == IllegalMove { from, to }),
            }
        }
    }
}

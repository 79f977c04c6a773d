//! Where an internship and its weekly log entries stand, and which moves
//! between those states are allowed.

use crate::error::Problem;
use crate::lifecycle::Lifecycle;
use crate::members::string_enum;
use serde::Serialize;

string_enum!(
    /// Where an internship stands. Only school staff move it; starting it checks the rules.
    InternshipStatus {
        /// Being prepared; may be changed.
        Draft = "draft",
        /// Prepared, waiting for the rule check and the start; may still be changed.
        Ready = "ready",
        /// 进行中: the rules passed (or the secretariat overrode them).
        InProgress = "in_progress",
        /// Ended as planned.
        Finished = "finished",
        /// Ended early.
        Terminated = "terminated",
    }
);

impl InternshipStatus {
    /// Whether the fields and documents may still change.
    pub fn editable(self) -> bool {
        matches!(self, InternshipStatus::Draft | InternshipStatus::Ready)
    }
    /// Whether a move from `self` to `to` is allowed: [`Lifecycle::may_move_to`],
    /// callable without the trait in scope.
    pub fn may_move_to(self, to: InternshipStatus) -> bool {
        Lifecycle::may_move_to(self, to)
    }
}

/// Draft ⇄ ready, ready → in progress (only by the start, which checks the
/// rules), in progress → finished, and ended early from any state before the end.
impl Lifecycle for InternshipStatus {
    fn may_move_to(self, to: InternshipStatus) -> bool {
        use InternshipStatus::*;
        matches!(
            (self, to),
            (Draft, Ready)
                | (Ready, Draft)
                | (Ready, InProgress)
                | (InProgress, Finished)
                | (Draft | Ready | InProgress, Terminated)
        )
    }
}

string_enum!(
    /// Where a weekly log entry stands.
    LogStatus {
        /// Written by the trainee, waiting for the host.
        Submitted = "submitted",
        /// Confirmed by the host's supervisor side.
        Confirmed = "confirmed",
        /// Queried by the host, with a comment; the trainee may rewrite it.
        Queried = "queried",
    }
);

/// The trainee (re)writes an entry until the host has confirmed it; the host
/// confirms or queries a submitted entry once, and a queried entry is
/// submitted again by rewriting it.
impl Lifecycle for LogStatus {
    fn may_move_to(self, to: LogStatus) -> bool {
        use LogStatus::*;
        matches!(
            (self, to),
            (Submitted | Queried, Submitted) | (Submitted, Confirmed | Queried)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::assert_moves;

    #[test]
    fn status_moves_only_forward_except_ready_back_to_draft() {
        use InternshipStatus::*;
        assert_moves(
            InternshipStatus::ALL,
            &[
                (Draft, Ready),
                (Ready, Draft),
                (Ready, InProgress),
                (InProgress, Finished),
                (Draft, Terminated),
                (Ready, Terminated),
                (InProgress, Terminated),
            ],
        );
        assert_eq!(
            Draft.may_move_to(Ready),
            Lifecycle::may_move_to(Draft, Ready)
        );
    }

    #[test]
    fn a_log_entry_is_rewritten_until_confirmed_and_reviewed_once_per_submission() {
        use LogStatus::*;
        assert_moves(
            LogStatus::ALL,
            &[
                (Submitted, Submitted),
                (Queried, Submitted),
                (Submitted, Confirmed),
                (Submitted, Queried),
            ],
        );
    }
}

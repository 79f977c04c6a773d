//! Where an internship and its weekly log entries stand, and which moves
//! between those states are allowed.

use crate::error::Problem;
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
    /// Whether a move from `self` to `to` is allowed (starting is [`InternshipStatus::Ready`] → in progress, checked separately).
    pub fn may_move_to(self, to: InternshipStatus) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_only_forward_except_ready_back_to_draft() {
        use InternshipStatus::*;
        assert!(Draft.may_move_to(Ready));
        assert!(Ready.may_move_to(InProgress));
        assert!(!Draft.may_move_to(InProgress));
        assert!(InProgress.may_move_to(Finished));
        assert!(!Finished.may_move_to(InProgress));
        assert!(!Terminated.may_move_to(Draft));
    }
}

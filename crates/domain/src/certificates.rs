//! Certificates (证书) after issue: where one stands and which changes of
//! standing its institution may make. Signing and status lists live in the
//! pure `credentials` crate; this module only holds the rule.

use crate::error::Problem;
use crate::lifecycle::Lifecycle;
use crate::members::string_enum;
use serde::Serialize;

string_enum!(
    /// Where an issued certificate stands (stored as `valid`, `suspended` or `revoked`).
    CertificateStatus {
        /// In force.
        Valid = "valid",
        /// Suspended for now (on the suspension list); may be reinstated.
        Suspended = "suspended",
        /// Revoked for good (on the revocation list); the record stays (CERT-04).
        Revoked = "revoked",
    }
);

/// A valid certificate may be suspended, a suspended one reinstated, and
/// either revoked; a revoked one never changes again.
impl Lifecycle for CertificateStatus {
    fn may_move_to(self, to: CertificateStatus) -> bool {
        use CertificateStatus::*;
        matches!(
            (self, to),
            (Valid, Suspended) | (Suspended, Valid) | (Valid | Suspended, Revoked)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::assert_moves;

    #[test]
    fn a_certificate_is_suspended_and_reinstated_until_revoked_for_good() {
        use CertificateStatus::*;
        assert_moves(
            CertificateStatus::ALL,
            &[
                (Valid, Suspended),
                (Suspended, Valid),
                (Valid, Revoked),
                (Suspended, Revoked),
            ],
        );
    }

    #[test]
    fn the_stored_text_reads_back() {
        for s in CertificateStatus::ALL {
            assert_eq!(CertificateStatus::parse(s.as_str()), Ok(*s));
        }
    }
}

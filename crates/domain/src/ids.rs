//! Typed ids: one newtype per entity over a UUIDv7, so an `OrgId` can never be
//! passed where a `UserId` is expected. Ids are made by the application, which
//! lets SQLite and PostgreSQL store them alike (as text).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// The UUID type behind every id (for callers that need a nil id).
pub use uuid::Uuid as UuidType;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }
        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "format": "uuid"})
            }
        }
        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(/// An alliance (联盟).
    AllianceId);
id_type!(/// An organisation: school, enterprise, association… (单位).
    OrgId);
id_type!(/// A unit's membership of an alliance, from application onwards.
    MembershipId);
id_type!(/// A user account.
    UserId);
id_type!(/// A role held by a user in an organisation.
    GrantId);
id_type!(/// An invitation link for staff of one organisation.
    InvitationId);
id_type!(/// A personal API token.
    ApiTokenId);
id_type!(/// A talent demand posted by an enterprise.
    DemandId);
id_type!(/// A school's major.
    MajorId);
id_type!(/// A cohort (class) of a major.
    CohortId);
id_type!(/// A trainee.
    TraineeId);
id_type!(/// A teacher.
    TeacherId);
id_type!(/// A school–enterprise agreement.
    AgreementId);
id_type!(/// A file attached to an agreement.
    AttachmentId);
id_type!(/// An item of an enterprise's product or technical-need list.
    ItemId);
id_type!(/// A long-running job (an import, a placement round's solving).
    JobId);
id_type!(/// A placement round (匹配轮次).
    RoundId);
id_type!(/// A placement: a trainee placed on a demand, by a round or by hand.
    PlacementId);
id_type!(/// An employment record (就业记录): a trainee's job with one employer.
    EmploymentId);
id_type!(/// A typical work task (典型工作任务) of a major's work-study structure.
    WorkTaskId);
id_type!(/// An integrated course (一体化课程) taught from a typical work task.
    CourseId);
id_type!(/// A learning task (学习任务) of an integrated course.
    LearningTaskId);
id_type!(/// A trainee's completed learning task (学习记录).
    LearningRecordId);
id_type!(/// An internship (实习): a trainee at a host unit.
    InternshipId);
id_type!(/// A document attached to an internship (agreement, consent).
    InternshipFileId);
id_type!(/// A weekly internship log entry (实习周志).
    LogEntryId);
id_type!(/// A school supervisor's visit to an intern (巡查).
    VisitId);
id_type!(/// An evaluation institution's filing (备案) for an occupation and levels.
    FilingId);
id_type!(/// An evaluation session (认定批次).
    EvaluationSessionId);
id_type!(/// A candidate of an evaluation session, with their scores and result.
    CandidateId);
id_type!(/// A certificate issued on the platform.
    CertificateId);
id_type!(/// A notification to one reader (通知).
    NotificationId);
id_type!(/// A message waiting in the outbox to be delivered by e-mail or webhook.
    OutboxId);
id_type!(/// A consent decision (同意记录).
    ConsentId);
id_type!(/// A record of someone reading a person's personal information (访问记录).
    AccessId);
id_type!(/// A request to the unit that holds one's data (更正、删除、解释).
    RightsRequestId);

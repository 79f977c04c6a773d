//! Internships as stored: their kind, the post's specialty relation and
//! hazards, the documents they carry, and recorded overrides of the rules.

use super::{InternshipFields, InternshipStatus, RuleFailure};
use crate::error::Problem;
use crate::ids::OrgId;
use crate::members::string_enum;
use serde::Serialize;

// ------------------------------------------------------------ internships

string_enum!(
    /// The two kinds of internship (Art. 2). Legacy 顶岗 / 跟岗 read as position internships.
    InternshipKind {
        /// 认识实习: organised visits and observation.
        Cognitive = "cognitive",
        /// 岗位实习: working on a real post.
        Position = "position",
    }
);

impl InternshipKind {
    /// Reads the stored value or a Chinese name, legacy names included (INT-01):
    /// 顶岗实习 and 跟岗实习 are position internships since 2021.
    pub fn parse_any(text: &str) -> Result<Self, Problem> {
        match text.trim() {
            "认识实习" => Ok(InternshipKind::Cognitive),
            "岗位实习" | "顶岗实习" | "跟岗实习" | "顶岗" | "跟岗" | "dinggang" | "gengang" => {
                Ok(InternshipKind::Position)
            }
            other => InternshipKind::parse(other),
        }
    }
}

string_enum!(
    /// How the post relates to the trainee's specialty (INT-10).
    SpecialtyRelation {
        /// 对口: the same specialty.
        Matching = "matching",
        /// 相近: a close specialty.
        Close = "close",
        /// 跨大类: another category (blocked without an approved exception).
        CrossCategory = "cross_category",
    }
);

string_enum!(
    /// Who pays the internship liability insurance premium (INT-12).
    PremiumPayer {
        /// 学校.
        School = "school",
        /// 实习单位.
        Host = "host",
        /// 学生 (never allowed; recorded so the check can say so).
        Student = "student",
    }
);

string_enum!(
    /// Hazard flags of a post (INT-03, INT-04, INT-05).
    Hazard {
        /// 未成年工禁忌从事的劳动.
        MinorForbidden = "minor_forbidden",
        /// 女职工禁忌从事的劳动.
        FemaleForbidden = "female_forbidden",
        /// 体力劳动强度 III 级及以上.
        HeavyLabour = "heavy_labour",
        /// 营业性娱乐场所.
        EntertainmentVenue = "entertainment_venue",
        /// 高处作业.
        Height = "height",
        /// 井下.
        Underground = "underground",
        /// 放射性.
        Radiation = "radiation",
        /// 有毒有害.
        Toxic = "toxic",
        /// 易燃易爆.
        Flammable = "flammable",
    }
);

impl Hazard {
    /// The high-risk work of INT-05, allowed only with a filed exception.
    pub fn is_high_risk(self) -> bool {
        matches!(
            self,
            Hazard::Height
                | Hazard::Underground
                | Hazard::Radiation
                | Hazard::Toxic
                | Hazard::Flammable
        )
    }
}

string_enum!(
    /// Documents an internship carries (INT-11).
    DocumentKind {
        /// 三方协议: school, host, student (and guardian for minors).
        Agreement = "agreement",
        /// 监护人同意书: the guardian's signature for a minor.
        GuardianConsent = "guardian_consent",
        /// 知情同意书: for school-arranged position internships.
        ConsentForm = "consent_form",
    }
);

/// An internship as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Internship {
    /// Id.
    pub id: crate::ids::InternshipId,
    /// The trainee's school (who manages it).
    pub school_org_id: OrgId,
    /// Fields.
    #[serde(flatten)]
    pub fields: InternshipFields,
    /// Where it stands.
    pub status: InternshipStatus,
    /// The soft failures shown when it started (and hard ones overridden).
    pub warnings: Vec<RuleFailure>,
    /// Why it was terminated early, once it is.
    pub termination_reason: Option<String>,
    /// Who created it (login).
    pub created_by: String,
    /// Created.
    pub created_at: crate::Timestamp,
    /// Last changed.
    pub updated_at: crate::Timestamp,
}

impl Internship {
    /// True while in progress or finished: the trainee has interned (for funnels).
    pub fn counts_as_interned(&self) -> bool {
        matches!(
            self.status,
            InternshipStatus::InProgress | InternshipStatus::Finished
        )
    }
}

/// A recorded override of hard rule failures by the secretariat.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Override {
    /// The internship.
    pub internship_id: crate::ids::InternshipId,
    /// Who (login).
    pub by_login: String,
    /// For which unit.
    pub by_org: OrgId,
    /// The written reason.
    pub reason: String,
    /// The hard failures overridden.
    pub failures: Vec<RuleFailure>,
    /// When.
    pub at: crate::Timestamp,
}

//! The policy table: which role may do what, and on whose data.
//!
//! This table is the single source of truth for authorisation. `Actor::require`
//! consults it, the web crate's route registry names an entry for every route,
//! the permission-matrix tests are driven by it, and `docs/authorization.md` is
//! rendered from it (a test fails when the committed file differs).

use crate::actor::User;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::OrgId;

/// On whose data a role may exercise a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the alliance.
    Alliance,
    /// Only for the organisation the user acts for.
    OwnOrg,
    /// Only the user's own account.
    OwnAccount,
}

impl Scope {
    fn describe(self) -> &'static str {
        match self {
            Scope::Alliance => "whole alliance / 全联盟",
            Scope::OwnOrg => "own organisation / 本单位",
            Scope::OwnAccount => "own account / 本人",
        }
    }
}

/// What is being attempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See pending applications and decide on them.
    ReviewApplications,
    /// Suspend, reinstate, end memberships and change tiers.
    ManageMemberships,
    /// Edit an organisation's profile.
    EditOrgProfile(OrgId),
    /// See an organisation's non-public data (staff, contacts, membership history).
    ViewOrgPrivate(OrgId),
    /// Create invitation links for an organisation's staff.
    InviteStaff(OrgId),
    /// Browse audit entries concerning an organisation.
    BrowseOrgAudit(OrgId),
    /// Browse the whole audit log.
    BrowseAllAudit,
    /// Manage one's own password, sessions and API tokens.
    ManageOwnAccount,
    /// Post and edit an enterprise's talent demand.
    ManageDemand(OrgId),
    /// Keep a school's majors, cohorts and trainees.
    ManageSupply(OrgId),
    /// See a school's trainee list (masked identifiers).
    ViewTrainees(OrgId),
    /// See a trainee's full ID and phone numbers (each time logged, with a reason).
    RevealPersonalData(OrgId),
    /// Create and keep the agreements a unit is party to.
    ManageAgreements(OrgId),
    /// Keep the alliance's catalogues (segment tree, occupations).
    ManageCatalogues,
    /// Open, close, solve, review, publish and export placement rounds.
    ManageRounds,
    /// Enter a trainee's preferences in a round (the trainee, or staff of their school).
    EnterPreferences(OrgId),
    /// See an enterprise's applicants in a round and choose how they are ranked.
    RankApplicants(OrgId),
    /// Keep a school's work-study structure, record its trainees' learning, manage their internships, record visits.
    ManageTraining(OrgId),
    /// See the internships at one's enterprise and confirm or query the interns' weekly logs.
    SuperviseInterns(OrgId),
    /// Write one's own weekly internship log (a trainee of that school).
    WriteInternshipLog(OrgId),
    /// Start an internship despite hard rule failures, with a written reason (audited).
    OverrideInternshipRules,
    /// Keep employment records and their follow-ups: a school for its trainees, an employer for its employees.
    ManageEmployment(OrgId),
    /// See the employment funnel: one school's trainees, one employer's own hires, or the whole alliance.
    ViewFunnel(OrgId),
    /// See the alliance's employment figures by school or employer (no names).
    ViewAllianceEmployment,
    /// See one's own path and download everything the platform holds about oneself.
    ViewOwnRecord,
    /// Register evaluation institutions and record their filings.
    ManageEvaluationInstitutions,
    /// Run an institution's evaluation sessions: candidates, scores, results.
    RunEvaluations(OrgId),
    /// Issue, revoke and suspend an institution's certificates.
    IssueCertificates(OrgId),
}

/// A permission without its object, as listed in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// See [`Permission::ReviewApplications`].
    ReviewApplications,
    /// See [`Permission::ManageMemberships`].
    ManageMemberships,
    /// See [`Permission::EditOrgProfile`].
    EditOrgProfile,
    /// See [`Permission::ViewOrgPrivate`].
    ViewOrgPrivate,
    /// See [`Permission::InviteStaff`].
    InviteStaff,
    /// See [`Permission::BrowseOrgAudit`].
    BrowseOrgAudit,
    /// See [`Permission::BrowseAllAudit`].
    BrowseAllAudit,
    /// See [`Permission::ManageOwnAccount`].
    ManageOwnAccount,
    /// See [`Permission::ManageDemand`].
    ManageDemand,
    /// See [`Permission::ManageSupply`].
    ManageSupply,
    /// See [`Permission::ViewTrainees`].
    ViewTrainees,
    /// See [`Permission::RevealPersonalData`].
    RevealPersonalData,
    /// See [`Permission::ManageAgreements`].
    ManageAgreements,
    /// See [`Permission::ManageCatalogues`].
    ManageCatalogues,
    /// See [`Permission::ManageRounds`].
    ManageRounds,
    /// See [`Permission::EnterPreferences`].
    EnterPreferences,
    /// See [`Permission::RankApplicants`].
    RankApplicants,
    /// See [`Permission::ManageTraining`].
    ManageTraining,
    /// See [`Permission::SuperviseInterns`].
    SuperviseInterns,
    /// See [`Permission::WriteInternshipLog`].
    WriteInternshipLog,
    /// See [`Permission::OverrideInternshipRules`].
    OverrideInternshipRules,
    /// See [`Permission::ManageEmployment`].
    ManageEmployment,
    /// See [`Permission::ViewFunnel`].
    ViewFunnel,
    /// See [`Permission::ViewAllianceEmployment`].
    ViewAllianceEmployment,
    /// See [`Permission::ViewOwnRecord`].
    ViewOwnRecord,
    /// See [`Permission::ManageEvaluationInstitutions`].
    ManageEvaluationInstitutions,
    /// See [`Permission::RunEvaluations`].
    RunEvaluations,
    /// See [`Permission::IssueCertificates`].
    IssueCertificates,
}

impl Permission {
    /// The permission's kind.
    pub fn kind(self) -> Kind {
        match self {
            Permission::ReviewApplications => Kind::ReviewApplications,
            Permission::ManageMemberships => Kind::ManageMemberships,
            Permission::EditOrgProfile(_) => Kind::EditOrgProfile,
            Permission::ViewOrgPrivate(_) => Kind::ViewOrgPrivate,
            Permission::InviteStaff(_) => Kind::InviteStaff,
            Permission::BrowseOrgAudit(_) => Kind::BrowseOrgAudit,
            Permission::BrowseAllAudit => Kind::BrowseAllAudit,
            Permission::ManageOwnAccount => Kind::ManageOwnAccount,
            Permission::ManageDemand(_) => Kind::ManageDemand,
            Permission::ManageSupply(_) => Kind::ManageSupply,
            Permission::ViewTrainees(_) => Kind::ViewTrainees,
            Permission::RevealPersonalData(_) => Kind::RevealPersonalData,
            Permission::ManageAgreements(_) => Kind::ManageAgreements,
            Permission::ManageCatalogues => Kind::ManageCatalogues,
            Permission::ManageRounds => Kind::ManageRounds,
            Permission::EnterPreferences(_) => Kind::EnterPreferences,
            Permission::RankApplicants(_) => Kind::RankApplicants,
            Permission::ManageTraining(_) => Kind::ManageTraining,
            Permission::SuperviseInterns(_) => Kind::SuperviseInterns,
            Permission::WriteInternshipLog(_) => Kind::WriteInternshipLog,
            Permission::OverrideInternshipRules => Kind::OverrideInternshipRules,
            Permission::ManageEmployment(_) => Kind::ManageEmployment,
            Permission::ViewFunnel(_) => Kind::ViewFunnel,
            Permission::ViewAllianceEmployment => Kind::ViewAllianceEmployment,
            Permission::ViewOwnRecord => Kind::ViewOwnRecord,
            Permission::ManageEvaluationInstitutions => Kind::ManageEvaluationInstitutions,
            Permission::RunEvaluations(_) => Kind::RunEvaluations,
            Permission::IssueCertificates(_) => Kind::IssueCertificates,
        }
    }

    fn object_org(self) -> Option<OrgId> {
        match self {
            Permission::EditOrgProfile(o)
            | Permission::ViewOrgPrivate(o)
            | Permission::InviteStaff(o)
            | Permission::BrowseOrgAudit(o)
            | Permission::ManageDemand(o)
            | Permission::ManageSupply(o)
            | Permission::ViewTrainees(o)
            | Permission::RevealPersonalData(o)
            | Permission::ManageAgreements(o)
            | Permission::EnterPreferences(o)
            | Permission::RankApplicants(o)
            | Permission::ManageTraining(o)
            | Permission::SuperviseInterns(o)
            | Permission::WriteInternshipLog(o)
            | Permission::ManageEmployment(o)
            | Permission::ViewFunnel(o)
            | Permission::RunEvaluations(o)
            | Permission::IssueCertificates(o) => Some(o),
            _ => None,
        }
    }
}

/// One row of the table: a kind of permission, what it means, and which roles
/// hold it in which scope. Roles not listed are refused.
pub struct Rule {
    /// The permission.
    pub kind: Kind,
    /// What it allows, in words.
    pub meaning: &'static str,
    /// Role → scope.
    pub grants: &'static [(Role, Scope)],
}

/// The policy table.
pub const POLICY: &[Rule] = &[
    Rule {
        kind: Kind::ReviewApplications,
        meaning: "review membership applications: approve with a tier, reject with a reason / 审核入盟申请",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::ManageMemberships,
        meaning: "suspend, reinstate or end a membership, change its tier / 暂停、恢复、退出、调整级别",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::EditOrgProfile,
        meaning: "edit an organisation's profile / 编辑单位资料",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ViewOrgPrivate,
        meaning: "see an organisation's staff, contacts and membership history / 查看单位内部信息",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::InviteStaff,
        meaning: "create invitation links that add staff to an organisation / 邀请本单位人员",
        grants: &[
            (Role::Secretariat, Scope::OwnOrg),
            (Role::OrgAdmin, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::BrowseOrgAudit,
        meaning: "browse audit entries about an organisation / 查看单位审计日志",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::BrowseAllAudit,
        meaning: "browse the whole audit log / 查看全部审计日志",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::ManageOwnAccount,
        meaning: "change one's own password, manage one's own API tokens / 管理本人账号",
        grants: &[
            (Role::Secretariat, Scope::OwnAccount),
            (Role::OrgAdmin, Scope::OwnAccount),
            (Role::Staff, Scope::OwnAccount),
            (Role::Trainee, Scope::OwnAccount),
        ],
    },
    Rule {
        kind: Kind::ManageDemand,
        meaning: "post and edit an enterprise's talent demand / 发布和维护本企业人才需求",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ManageSupply,
        meaning: "keep a school's majors, cohorts and trainees / 维护本校专业、班级和学员",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ViewTrainees,
        meaning: "see a school's trainees with masked identifiers / 查看学员名单（脱敏）",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::RevealPersonalData,
        meaning: "see a trainee's full ID and phone numbers, with a reason, logged / 查看完整身份证号和手机号（需说明理由并留痕）",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ManageAgreements,
        meaning: "create and keep the agreements one's unit is party to / 维护本单位参与的校企合作协议",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ManageCatalogues,
        meaning: "keep the segment tree and the occupation catalogue / 维护产业链环节和职业目录",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::ManageRounds,
        meaning: "open, close, solve, review, publish and export placement rounds / 组织匹配轮次（开启、截止、求解、审核、发布、导出）",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::EnterPreferences,
        meaning: "enter a trainee's preferences in a round: the trainee's own, or for trainees of one's school (recorded as such) / 填报志愿（学员本人，或本校教师代为填报并留痕）",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
            (Role::Trainee, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::RankApplicants,
        meaning: "see the applicants to one's own places in a round (masked) and choose how they are ranked / 查看本企业岗位的申请人（脱敏）并设定录取排序",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ManageTraining,
        meaning: "keep a school's work-study structure, record its trainees' learning tasks, manage its trainees' internships (documents, start, end) and record supervisors' visits / 维护一体化课程结构、记录学习任务、管理本校学员实习并记录巡查",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::SuperviseInterns,
        meaning: "see the internships at one's enterprise and confirm or query the interns' weekly logs / 查看在本单位的实习并确认或质询实习周志",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::WriteInternshipLog,
        meaning: "write one's own weekly internship log / 填写本人实习周志",
        grants: &[(Role::Trainee, Scope::OwnOrg)],
    },
    Rule {
        kind: Kind::OverrideInternshipRules,
        meaning: "start an internship despite hard rule failures, with a written reason (audited) / 书面说明理由后越过实习硬性规则启动实习（留痕）",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::ManageEmployment,
        meaning: "see and keep employment records and their 6/12-month follow-ups: a school for its trainees, an employer for its employees / 维护就业记录及6、12个月回访（学校管本校学员，企业管本企业员工）",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ViewFunnel,
        meaning: "see the talent funnel (enrolled → interned → employed → retained): the secretariat alliance-wide, a school its own trainees, an enterprise the trainees who came to it (its own hires) / 查看人才链漏斗（秘书处全联盟，学校本校，企业来本企业的学员）",
        grants: &[
            (Role::Secretariat, Scope::Alliance),
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::ViewAllianceEmployment,
        meaning: "see the alliance's employment figures by school or employer: records, average wage, 6/12-month follow-ups due, entered, overdue and retention (counts only, no names) / 查看全联盟就业情况（按学校或用人单位：就业人数、平均月薪、6/12个月回访应访、已访、逾期及留任，仅统计数）",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::ViewOwnRecord,
        meaning: "see one's own path and download everything held about oneself (PIPL access right) / 查看本人成长档案并下载本人全部数据",
        grants: &[(Role::Trainee, Scope::OwnAccount)],
    },
    Rule {
        kind: Kind::ManageEvaluationInstitutions,
        meaning: "register a member unit as an evaluation institution and record its filings / 登记评价机构及其备案",
        grants: &[(Role::Secretariat, Scope::Alliance)],
    },
    Rule {
        kind: Kind::RunEvaluations,
        meaning: "run one's institution's evaluation sessions: candidates (eligibility checked), scores, results / 组织本机构的认定批次（考生资格审核、成绩、结果）",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
    Rule {
        kind: Kind::IssueCertificates,
        meaning: "issue, suspend and revoke one's institution's certificates (only within its filings) / 签发、暂停、撤销本机构证书（限备案范围）",
        grants: &[
            (Role::OrgAdmin, Scope::OwnOrg),
            (Role::Staff, Scope::OwnOrg),
        ],
    },
];

/// Whether the table allows `user` to exercise `permission`.
pub fn allows(user: &User, permission: Permission) -> bool {
    let Some(rule) = POLICY.iter().find(|r| r.kind == permission.kind()) else {
        return false; // deny by default
    };
    rule.grants.iter().any(|(role, scope)| {
        *role == user.role
            && match scope {
                Scope::Alliance | Scope::OwnAccount => true,
                Scope::OwnOrg => permission.object_org().is_none_or(|o| o == user.org_id),
            }
    })
}

/// Whether the table grants `kind` to `role` in any scope: a role that holds
/// no grant of it is refused a route of that kind before its input is read.
pub fn role_holds(role: Role, kind: Kind) -> bool {
    POLICY
        .iter()
        .filter(|r| r.kind == kind)
        .any(|r| r.grants.iter().any(|(r, _)| *r == role))
}

/// The table as Markdown, for `docs/authorization.md`.
pub fn render_markdown() -> String {
    let mut out = String::from(
        "# Authorization\n\nGenerated from `crates/app/src/policy.rs` (the policy table); a test fails when this \
         file differs from the table. Roles not listed for a permission are refused. Anonymous visitors may only \
         use the public routes (roster, organisation profiles, the application form, sign-in, health).\n\n\
         | permission | meaning | secretariat 秘书处 | org admin 单位管理员 | staff 教师/人事 | trainee 学员 |\n\
         |---|---|---|---|---|---|\n",
    );
    for rule in POLICY {
        let cell = |role: Role| {
            rule.grants
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, s)| s.describe())
                .unwrap_or("—")
        };
        out.push_str(&format!(
            "| {:?} | {} | {} | {} | {} | {} |\n",
            rule.kind,
            rule.meaning,
            cell(Role::Secretariat),
            cell(Role::OrgAdmin),
            cell(Role::Staff),
            cell(Role::Trainee)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Via;
    use gongjiang_domain::ids::{AllianceId, UserId};

    fn user(role: Role, org: OrgId) -> User {
        User {
            user_id: UserId::new(),
            login: "t".into(),
            display_name: "t".into(),
            org_id: org,
            org_kind: gongjiang_domain::members::OrgKind::TechnicalCollege,
            role,
            alliance_id: AllianceId::new(),
            via: Via::Session,
        }
    }

    #[test]
    fn an_org_admin_may_edit_their_own_profile_but_not_another_organisations() {
        let a = OrgId::new();
        let b = OrgId::new();
        let admin = user(Role::OrgAdmin, a);
        assert!(allows(&admin, Permission::EditOrgProfile(a)));
        assert!(!allows(&admin, Permission::EditOrgProfile(b)));
        assert!(!allows(&admin, Permission::ViewOrgPrivate(b)));
    }

    #[test]
    fn a_trainee_cannot_approve_or_manage_anything() {
        let org = OrgId::new();
        let trainee = user(Role::Trainee, org);
        for p in [
            Permission::ReviewApplications,
            Permission::ManageMemberships,
            Permission::EditOrgProfile(org),
            Permission::InviteStaff(org),
            Permission::BrowseAllAudit,
        ] {
            assert!(!allows(&trainee, p), "{p:?}");
        }
        assert!(allows(&trainee, Permission::ManageOwnAccount));
    }

    #[test]
    fn the_secretariat_reviews_alliance_wide_but_invites_only_into_its_own_unit() {
        let own = OrgId::new();
        let other = OrgId::new();
        let s = user(Role::Secretariat, own);
        assert!(allows(&s, Permission::ReviewApplications));
        assert!(allows(&s, Permission::EditOrgProfile(other)));
        assert!(allows(&s, Permission::InviteStaff(own)));
        assert!(!allows(&s, Permission::InviteStaff(other)));
    }

    #[test]
    fn every_permission_kind_has_exactly_one_rule() {
        let kinds = [
            Kind::ReviewApplications,
            Kind::ManageMemberships,
            Kind::EditOrgProfile,
            Kind::ViewOrgPrivate,
            Kind::InviteStaff,
            Kind::BrowseOrgAudit,
            Kind::BrowseAllAudit,
            Kind::ManageOwnAccount,
            Kind::ManageDemand,
            Kind::ManageSupply,
            Kind::ViewTrainees,
            Kind::RevealPersonalData,
            Kind::ManageAgreements,
            Kind::ManageCatalogues,
            Kind::ManageRounds,
            Kind::EnterPreferences,
            Kind::RankApplicants,
            Kind::ManageTraining,
            Kind::SuperviseInterns,
            Kind::WriteInternshipLog,
            Kind::OverrideInternshipRules,
            Kind::ManageEmployment,
            Kind::ViewFunnel,
            Kind::ViewAllianceEmployment,
            Kind::ViewOwnRecord,
            Kind::ManageEvaluationInstitutions,
            Kind::RunEvaluations,
            Kind::IssueCertificates,
        ];
        for k in kinds {
            assert_eq!(POLICY.iter().filter(|r| r.kind == k).count(), 1, "{k:?}");
        }
    }

    #[test]
    fn the_committed_authorization_doc_matches_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/authorization.md");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let rendered = render_markdown();
        if committed != rendered {
            if std::env::var_os("GONGJIANG_BLESS").is_some() {
                std::fs::write(path, &rendered).unwrap();
            } else {
                panic!(
                    "docs/authorization.md is stale; run `GONGJIANG_BLESS=1 cargo test -p gongjiang-app policy` to rewrite it"
                );
            }
        }
    }
}

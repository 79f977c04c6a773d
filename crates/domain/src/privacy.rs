//! Personal information under the PIPL (个人信息保护法): the register of
//! processing purposes with their legal basis (Art. 13), the data each reads,
//! how long it keeps them and which consent it needs (Art. 14, 23, 29), and
//! the consent decisions a person makes (security reference §3.2, F1, F2, F8).
//!
//! The register is data, not prose: the public notice page, `docs/privacy.md`
//! and the route list's purposes are all read from [`REGISTER`].

use crate::error::Problem;
use crate::ids::{OrgId, TraineeId};
use crate::members::string_enum;
use crate::time::Timestamp;
use serde::Serialize;

string_enum!(
    /// Why personal information is processed (处理目的). Every page or API
    /// call that shows a trainee's personal information declares one.
    Purpose {
        /// 学籍管理: the school's student-status duties.
        Enrolment = "enrolment",
        /// 教学与实习管理: teaching, learning records and internships.
        Training = "training",
        /// 技能评价与证书: sitting a skill evaluation and holding its certificate.
        Evaluation = "evaluation",
        /// 实习就业推荐: being offered to enterprises in placement rounds.
        Placement = "placement",
        /// 向用人单位提供身份信息: an enterprise seeing the trainee's name and phone.
        Sharing = "sharing",
        /// 就业跟踪: the employment record and its 6- and 12-month follow-ups.
        Employment = "employment",
        /// 证书公开验证: anyone checking a certificate.
        Verification = "verification",
        /// 个人信息权利: the person's own view, export and requests.
        Rights = "rights",
        /// 成员单位管理: the contact people of member units and applicants.
        Membership = "membership",
        /// 安全审计: the change log and the access log.
        Audit = "audit",
    }
);

string_enum!(
    /// The legal basis of a purpose: the item of PIPL Art. 13 ¶1 it rests on.
    LegalBasis {
        /// Item 1: the individual's consent.
        Consent = "consent",
        /// Item 2: necessary to conclude or perform a contract the individual
        /// is party to, or for human-resources management under lawful rules.
        Contract = "contract",
        /// Item 3: necessary to perform a statutory duty or obligation.
        StatutoryDuty = "statutory_duty",
    }
);

impl LegalBasis {
    /// The item of Art. 13 ¶1 (1–3).
    pub fn item(self) -> u8 {
        match self {
            LegalBasis::Consent => 1,
            LegalBasis::Contract => 2,
            LegalBasis::StatutoryDuty => 3,
        }
    }
}

string_enum!(
    /// What consent a purpose needs before it may process.
    ConsentNeed {
        /// None: the legal basis is not consent.
        None = "none",
        /// Consent, given once for the purpose, withdrawable at any time.
        Consent = "consent",
        /// Separate consent (单独同意) per recipient (Art. 23).
        Separate = "separate",
    }
);

string_enum!(
    /// A kind of personal information (个人信息类别).
    Category {
        /// 姓名.
        Name = "name",
        /// 身份证件号码 (sealed, masked when shown).
        IdNumber = "id_number",
        /// 手机号码 (sealed, masked when shown).
        Phone = "phone",
        /// 出生日期与性别 (derived from the ID number).
        BirthGender = "birth_gender",
        /// 学籍信息: school, cohort, major, student number, status.
        StudentRecord = "student_record",
        /// 学习与实习记录: learning records, internship logs and visits.
        TrainingRecord = "training_record",
        /// 评价成绩与证书.
        Evaluation = "evaluation",
        /// 就业单位、岗位与薪酬.
        Employment = "employment",
        /// 操作记录: who did what, when, from which unit.
        ActivityRecord = "activity_record",
    }
);

/// One purpose of the register, with everything the notice must say of it
/// (Art. 17: purpose, method, categories, retention).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PurposeEntry {
    /// The purpose.
    pub purpose: Purpose,
    /// Its name in Chinese.
    pub name_zh: &'static str,
    /// Its name in English.
    pub name_en: &'static str,
    /// What is done, in Chinese (the notice's 处理方式).
    pub method_zh: &'static str,
    /// The legal basis.
    pub basis: LegalBasis,
    /// The personal information it reads.
    pub categories: &'static [Category],
    /// How long it keeps them, in Chinese.
    pub retention_zh: &'static str,
    /// The consent it needs.
    pub consent: ConsentNeed,
    /// Who processes: the unit that holds the record or receives it.
    pub processor_zh: &'static str,
}

/// The register of purposes (F1), in the order the notice lists them.
pub const REGISTER: &[PurposeEntry] = &[
    PurposeEntry {
        purpose: Purpose::Enrolment,
        name_zh: "学籍管理",
        name_en: "Student records",
        method_zh: "学校录入或导入学员名册，平台加密保存身份证号与手机号，列表只显示脱敏信息",
        basis: LegalBasis::StatutoryDuty,
        categories: &[
            Category::Name,
            Category::IdNumber,
            Category::Phone,
            Category::BirthGender,
            Category::StudentRecord,
        ],
        retention_zh: "学员离校后 3 年",
        consent: ConsentNeed::None,
        processor_zh: "学员所在学校",
    },
    PurposeEntry {
        purpose: Purpose::Training,
        name_zh: "教学与实习管理",
        name_en: "Teaching and internships",
        method_zh: "记录学习任务、实习协议、实习周志与巡查，供学校、实习单位指导教师查看",
        basis: LegalBasis::Contract,
        categories: &[
            Category::Name,
            Category::StudentRecord,
            Category::TrainingRecord,
        ],
        retention_zh: "实习结束后 3 年",
        consent: ConsentNeed::None,
        processor_zh: "学员所在学校与实习单位",
    },
    PurposeEntry {
        purpose: Purpose::Evaluation,
        name_zh: "技能评价与证书",
        name_en: "Skill evaluation and certificates",
        method_zh: "评价机构登记考生、录入成绩并签发证书",
        basis: LegalBasis::Contract,
        categories: &[
            Category::Name,
            Category::IdNumber,
            Category::StudentRecord,
            Category::Evaluation,
        ],
        retention_zh: "证书有效期内，且不少于签发后 30 年",
        consent: ConsentNeed::None,
        processor_zh: "评价机构",
    },
    PurposeEntry {
        purpose: Purpose::Placement,
        name_zh: "实习就业推荐",
        name_en: "Internship and job matching",
        method_zh: "在对接轮次中向报名岗位的企业展示匿名档案（专业、年级、证书与等级），由企业排序、平台匹配",
        basis: LegalBasis::Consent,
        categories: &[Category::StudentRecord, Category::Evaluation],
        retention_zh: "轮次结束后 1 年；撤回同意后不再向企业展示",
        consent: ConsentNeed::Consent,
        processor_zh: "联盟秘书处与报名岗位的企业",
    },
    PurposeEntry {
        purpose: Purpose::Sharing,
        name_zh: "向用人单位提供身份信息",
        name_en: "Sharing identity with an employer",
        method_zh: "仅向学员单独同意的那一家企业显示姓名与手机号",
        basis: LegalBasis::Consent,
        categories: &[Category::Name, Category::Phone],
        retention_zh: "至学员撤回同意为止",
        consent: ConsentNeed::Separate,
        processor_zh: "学员单独同意的企业",
    },
    PurposeEntry {
        purpose: Purpose::Employment,
        name_zh: "就业跟踪",
        name_en: "Employment follow-up",
        method_zh: "记录就业单位、岗位与薪酬，并在 6 个月、12 个月时回访",
        basis: LegalBasis::StatutoryDuty,
        categories: &[
            Category::Name,
            Category::StudentRecord,
            Category::Employment,
        ],
        retention_zh: "就业后 3 年",
        consent: ConsentNeed::None,
        processor_zh: "学员所在学校与用人单位",
    },
    PurposeEntry {
        purpose: Purpose::Verification,
        name_zh: "证书公开验证",
        name_en: "Public certificate verification",
        method_zh: "任何人凭证书二维码或编号查验，只显示脱敏姓名、职业、等级、签发日期、签发机构与状态，从不显示身份证号",
        basis: LegalBasis::StatutoryDuty,
        categories: &[Category::Name, Category::Evaluation],
        retention_zh: "与证书相同",
        consent: ConsentNeed::None,
        processor_zh: "评价机构",
    },
    PurposeEntry {
        purpose: Purpose::Rights,
        name_zh: "个人信息权利",
        name_en: "Your own data and rights",
        method_zh: "本人查看、下载自己的全部信息，查看谁访问过，撤回或给予同意",
        basis: LegalBasis::StatutoryDuty,
        categories: &[
            Category::Name,
            Category::IdNumber,
            Category::Phone,
            Category::BirthGender,
            Category::StudentRecord,
            Category::TrainingRecord,
            Category::Evaluation,
            Category::Employment,
        ],
        retention_zh: "与所涉记录相同",
        consent: ConsentNeed::None,
        processor_zh: "平台与学员所在学校",
    },
    PurposeEntry {
        purpose: Purpose::Membership,
        name_zh: "成员单位管理",
        name_en: "Member units",
        method_zh: "记录入盟申请与成员单位的联系人姓名和电话，供秘书处审核与联络，对外只显示脱敏信息",
        basis: LegalBasis::Contract,
        categories: &[Category::Name, Category::Phone],
        retention_zh: "退出联盟后 3 年",
        consent: ConsentNeed::None,
        processor_zh: "联盟秘书处",
    },
    PurposeEntry {
        purpose: Purpose::Audit,
        name_zh: "安全审计",
        name_en: "Security audit",
        method_zh: "记录每一次修改与每一次个人信息访问：谁、何时、对哪条记录、做了什么，只显示脱敏姓名",
        basis: LegalBasis::StatutoryDuty,
        categories: &[Category::Name, Category::ActivityRecord],
        retention_zh: "不少于 180 天（《网络安全法》第二十一条）",
        consent: ConsentNeed::None,
        processor_zh: "联盟秘书处与各单位管理员",
    },
];

/// The separate rules for children under 14 (未满十四周岁未成年人个人信息
/// 处理规则; PIPL Art. 31, Network Data Security Regulations Art. 21), shown
/// on the notice and to a child's guardian, and part of the notice's version.
pub const CHILD_RULES_ZH: &[&str] = &[
    "未满十四周岁未成年人的个人信息属于敏感个人信息，平台只为学籍管理、教学与实习管理等学校法定职责所必需的目的处理。",
    "实习就业推荐、向用人单位提供身份信息等需要同意的用途，须取得父母或其他监护人的同意；未成年人本人的同意不生效。",
    "监护人的同意由学校录入，并保存监护人签字的同意书扫描件；监护人可随时撤回。",
    "未取得监护人同意前，企业看不到该学员的报名，对接轮次也不会为其匹配岗位。",
    "未成年人或其监护人可以要求查阅、复制、更正、删除其个人信息，学校应当及时处理。",
];

/// One piece of personal information a school collects about a trainee
/// (F4, minimal collection): what it is, whether it must be given, and for
/// which purpose. Birth date and gender are not collected: they are read
/// from the ID number.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CollectedField {
    /// The field's key (the import column's and the form's).
    pub key: &'static str,
    /// Its name in Chinese (the import column's header).
    pub header_zh: &'static str,
    /// Must be given.
    pub required: bool,
    /// The category it is.
    pub category: Category,
    /// What it is collected for.
    pub purpose: Purpose,
}

/// What a school collects about a trainee, in the import template's order;
/// the template and the form are checked against it.
pub const TRAINEE_FIELDS: &[CollectedField] = &[
    CollectedField {
        key: "name",
        header_zh: "姓名",
        required: true,
        category: Category::Name,
        purpose: Purpose::Enrolment,
    },
    CollectedField {
        key: "id_number",
        header_zh: "身份证号",
        required: true,
        category: Category::IdNumber,
        purpose: Purpose::Enrolment,
    },
    CollectedField {
        key: "phone",
        header_zh: "手机号",
        required: false,
        category: Category::Phone,
        purpose: Purpose::Sharing,
    },
    CollectedField {
        key: "student_no",
        header_zh: "学号",
        required: false,
        category: Category::StudentRecord,
        purpose: Purpose::Enrolment,
    },
    CollectedField {
        key: "cohort",
        header_zh: "班级名称",
        required: false,
        category: Category::StudentRecord,
        purpose: Purpose::Enrolment,
    },
    CollectedField {
        key: "status",
        header_zh: "状态",
        required: false,
        category: Category::StudentRecord,
        purpose: Purpose::Enrolment,
    },
];

/// The `index`-th collected field (for `const` column lists).
pub const fn trainee_field(index: usize) -> &'static CollectedField {
    &TRAINEE_FIELDS[index]
}

/// The register's entry for a purpose.
pub fn entry(purpose: Purpose) -> &'static PurposeEntry {
    REGISTER
        .iter()
        .find(|e| e.purpose == purpose)
        .expect("every purpose is in the register")
}

impl Category {
    /// The category's name in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Name => "姓名",
            Category::IdNumber => "身份证件号码",
            Category::Phone => "手机号码",
            Category::BirthGender => "出生日期与性别",
            Category::StudentRecord => "学籍信息",
            Category::TrainingRecord => "学习与实习记录",
            Category::Evaluation => "评价成绩与证书",
            Category::Employment => "就业信息",
            Category::ActivityRecord => "操作与访问记录",
        }
    }
}

string_enum!(
    /// What a consent record says.
    Decision {
        /// Consent given.
        Granted = "granted",
        /// Consent withdrawn (撤回).
        Withdrawn = "withdrawn",
    }
);

string_enum!(
    /// How a consent decision was made.
    ConsentMethod {
        /// By the person, signed in.
        Online = "online",
        /// On paper, recorded by their school.
        Paper = "paper",
        /// By a parent or guardian.
        Guardian = "guardian",
    }
);

/// One consent decision. Records are only ever added: a withdrawal is a new
/// record, and the latest record for a purpose (and recipient) is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConsentRecord {
    /// Whose.
    pub trainee_id: TraineeId,
    /// For what.
    pub purpose: Purpose,
    /// For separate consent: the one unit it is given to.
    pub recipient_org_id: Option<OrgId>,
    /// Granted or withdrawn.
    pub decision: Decision,
    /// How.
    pub method: ConsentMethod,
    /// The notice version the person saw (its hash).
    pub notice_version: String,
    /// For a guardian's decision: the guardian's name.
    pub guardian_name: String,
    /// Who recorded it (login).
    pub recorded_by: String,
    /// When.
    pub at: Timestamp,
}

/// Checks a purpose's consent need against a recipient: separate consent
/// names one unit, plain consent names none, and a purpose that needs no
/// consent takes none.
pub fn consent_shape(
    purpose: Purpose,
    recipient: Option<OrgId>,
) -> Result<(), (&'static str, Problem)> {
    match (entry(purpose).consent, recipient) {
        (ConsentNeed::None, _) => Err(("purpose", Problem::InvalidChoice)),
        (ConsentNeed::Separate, None) => Err(("recipient_org_id", Problem::Required)),
        (ConsentNeed::Consent, Some(_)) => Err(("recipient_org_id", Problem::InvalidChoice)),
        _ => Ok(()),
    }
}

/// Whether a purpose's consent stands, given its records for one recipient
/// newest last, and the consent recorded when the data was collected (which
/// covers every purpose needing plain consent, never separate consent).
pub fn in_force(
    need: ConsentNeed,
    records: &[ConsentRecord],
    collected_with_consent: bool,
) -> bool {
    match records.last() {
        Some(r) => r.decision == Decision::Granted,
        None => match need {
            ConsentNeed::None => true,
            ConsentNeed::Consent => collected_with_consent,
            ConsentNeed::Separate => false,
        },
    }
}

/// Below this age a parent or guardian consents for the child, and the
/// child's information is sensitive (PIPL Art. 28, 31).
pub const GUARDIAN_AGE: u32 = 14;

/// Whether someone born on `birth_date` (`YYYY-MM-DD`) is under
/// [`GUARDIAN_AGE`] on `today`.
pub fn needs_guardian(birth_date: &str, today: time::Date) -> bool {
    crate::supply::parse_date(birth_date)
        .is_ok_and(|b| crate::rounds::age_on(b, today) < GUARDIAN_AGE)
}

/// As [`in_force`], for a child under [`GUARDIAN_AGE`]: only a guardian's
/// grant counts, neither the consent recorded at collection nor the child's own.
pub fn in_force_for(
    need: ConsentNeed,
    records: &[ConsentRecord],
    collected_with_consent: bool,
    child: bool,
) -> bool {
    if !child || need == ConsentNeed::None {
        return in_force(need, records, collected_with_consent);
    }
    records
        .last()
        .is_some_and(|r| r.decision == Decision::Granted && r.method == ConsentMethod::Guardian)
}

string_enum!(
    /// What a person asks of the unit that holds their data (PIPL Art. 46–48).
    RequestKind {
        /// 更正或补充: correct or complete something.
        Correction = "correction",
        /// 删除: delete their data.
        Deletion = "deletion",
        /// 解释说明: explain a rule or a decision about them.
        Explanation = "explanation",
        /// 注销账号: close their platform account (the school's student
        /// record stays, as its statutory duty needs).
        Cancellation = "cancellation",
        /// 人工复核: a person to look again at an automated placement
        /// (Art. 24), answered with what the review found.
        Review = "review",
    }
);

string_enum!(
    /// Where a request stands.
    RequestStatus {
        /// Waiting for the unit's answer.
        Open = "open",
        /// Done as asked, with a note of what was done.
        Done = "done",
        /// Refused, with the reason (Art. 50).
        Refused = "refused",
    }
);

/// Working days a unit has to answer a request (a platform setting).
pub const REQUEST_WORKING_DAYS: u32 = 15;

/// The day a request made on `submitted` is due: `days` working days
/// later, Saturdays and Sundays not counted (public holidays are not
/// known to the platform and are counted as working days).
pub fn due_on(submitted: time::Date, days: u32) -> time::Date {
    let mut day = submitted;
    let mut left = days;
    while left > 0 {
        day = day.next_day().unwrap_or(day);
        if !matches!(
            day.weekday(),
            time::Weekday::Saturday | time::Weekday::Sunday
        ) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(decision: Decision) -> ConsentRecord {
        ConsentRecord {
            trainee_id: TraineeId::new(),
            purpose: Purpose::Placement,
            recipient_org_id: None,
            decision,
            method: ConsentMethod::Online,
            notice_version: "v".into(),
            guardian_name: String::new(),
            recorded_by: "t".into(),
            at: Timestamp(0),
        }
    }

    #[test]
    fn every_purpose_has_one_register_entry_and_consent_purposes_rest_on_consent() {
        for p in Purpose::ALL {
            assert_eq!(
                REGISTER.iter().filter(|e| e.purpose == *p).count(),
                1,
                "{p}"
            );
            let e = entry(*p);
            assert!(!e.categories.is_empty(), "{p}");
            assert_eq!(
                e.consent != ConsentNeed::None,
                e.basis == LegalBasis::Consent,
                "{p}: a purpose needs consent exactly when consent is its basis"
            );
        }
    }

    #[test]
    fn the_latest_record_is_in_force_and_separate_consent_is_never_presumed() {
        assert!(in_force(ConsentNeed::Consent, &[], true));
        assert!(!in_force(ConsentNeed::Consent, &[], false));
        assert!(!in_force(ConsentNeed::Separate, &[], true));
        let w = [record(Decision::Granted), record(Decision::Withdrawn)];
        assert!(!in_force(ConsentNeed::Consent, &w, true));
        let g = [record(Decision::Withdrawn), record(Decision::Granted)];
        assert!(in_force(ConsentNeed::Separate, &g, false));
    }

    #[test]
    fn a_request_is_due_fifteen_working_days_later_weekends_not_counted() {
        // Friday 2026-12-04 + 15 working days = Friday 2026-12-25.
        let friday = time::macros::date!(2026 - 12 - 04);
        assert_eq!(due_on(friday, 15), time::macros::date!(2026 - 12 - 25));
        // Saturday counts from the Monday after.
        let saturday = time::macros::date!(2026 - 12 - 05);
        assert_eq!(due_on(saturday, 1), time::macros::date!(2026 - 12 - 07));
    }

    #[test]
    fn a_child_under_fourteen_needs_a_guardians_grant() {
        let today = time::macros::date!(2026 - 12 - 04);
        assert!(
            needs_guardian("2013-12-05", today),
            "13 the day before turning 14"
        );
        assert!(!needs_guardian("2012-12-04", today), "14 today");
        assert!(!in_force_for(ConsentNeed::Consent, &[], true, true));
        let own = [record(Decision::Granted)];
        assert!(!in_force_for(ConsentNeed::Consent, &own, true, true));
        let mut guardian = record(Decision::Granted);
        guardian.method = ConsentMethod::Guardian;
        assert!(in_force_for(ConsentNeed::Consent, &[guardian], false, true));
        assert!(in_force_for(ConsentNeed::Consent, &[], true, false));
    }

    #[test]
    fn separate_consent_names_one_unit_and_plain_consent_none() {
        let org = OrgId::new();
        assert!(consent_shape(Purpose::Sharing, Some(org)).is_ok());
        assert_eq!(
            consent_shape(Purpose::Sharing, None),
            Err(("recipient_org_id", Problem::Required))
        );
        assert!(consent_shape(Purpose::Placement, None).is_ok());
        assert!(consent_shape(Purpose::Placement, Some(org)).is_err());
        assert_eq!(
            consent_shape(Purpose::Enrolment, None),
            Err(("purpose", Problem::InvalidChoice))
        );
    }
}

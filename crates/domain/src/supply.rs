//! Education supply (培养供给): schools' majors, cohorts (classes) and trainees,
//! with the rules that keep their records consistent.

use crate::demand::{date_field, integer_field};
use crate::error::{FieldErrors, Problem};
use crate::ids::{CohortId, MajorId, OrgId, TraineeId};
use crate::members::{name_field, string_enum};
use crate::time::Timestamp;
use crate::values::{IdCardNumber, Mobile, PersonName};
use serde::Serialize;

string_enum!(
    /// The class level a major trains to.
    MajorLevel {
        /// 中级工班 (技工院校).
        Intermediate = "intermediate",
        /// 高级工班 (技工院校).
        Advanced = "advanced",
        /// 预备技师班 (技工院校).
        PreparatoryTechnician = "preparatory_technician",
        /// 中职 (education system).
        Secondary = "secondary",
        /// 高职专科 (education system).
        Associate = "associate",
    }
);

impl MajorLevel {
    /// The skill level a graduate is expected to reach (code on the ladder), if any.
    pub fn target_level(self) -> Option<&'static str> {
        match self {
            MajorLevel::Intermediate => Some("level4"),
            MajorLevel::Advanced => Some("level3"),
            MajorLevel::PreparatoryTechnician => Some("level3"),
            MajorLevel::Secondary | MajorLevel::Associate => None,
        }
    }
}

/// A major as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Major {
    /// Its id.
    pub id: MajorId,
    /// The school.
    pub org_id: OrgId,
    /// Catalogue code (kept as text: leading zeros matter).
    pub code: String,
    /// Name, with the direction if any (电子技术应用（PCB 制造方向）).
    pub name: String,
    /// Class level.
    pub level: MajorLevel,
    /// Programme length in years.
    pub length_years: i64,
    /// Planned yearly intake.
    pub annual_intake: i64,
    /// Linked occupation codes.
    pub occupations: Vec<String>,
    /// Created.
    pub created_at: Timestamp,
}

/// Major fields as typed.
#[derive(Debug, Clone, Default)]
pub struct MajorInput {
    /// `code`.
    pub code: String,
    /// `name`.
    pub name: String,
    /// `level`.
    pub level: String,
    /// `length_years`.
    pub length_years: String,
    /// `annual_intake`.
    pub annual_intake: String,
    /// `occupations` (codes).
    pub occupations: Vec<String>,
}

/// Validated major fields.
#[derive(Debug, Clone, PartialEq)]
pub struct MajorFields {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: MajorLevel,
    /// Years.
    pub length_years: i64,
    /// Intake.
    pub annual_intake: i64,
    /// Occupation codes (checked against the catalogue by the caller).
    pub occupations: Vec<String>,
}

/// A catalogue code: 1–20 letters, digits or `-`.
pub fn code_field(text: &str) -> Result<String, Problem> {
    let t = text.trim().to_uppercase();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.chars().count() > 20 {
        return Err(Problem::TooLong { max: 20 });
    }
    if !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Problem::InvalidFormat);
    }
    Ok(t)
}

impl MajorInput {
    /// Validates every field.
    pub fn validate(&self) -> Result<MajorFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = e.check("code", code_field(&self.code));
        let name = e.check("name", name_field(&self.name, 2, 60));
        let level = e.check("level", MajorLevel::parse(&self.level));
        let length_years = e.check("length_years", integer_field(&self.length_years, 1, 6));
        let annual_intake = e.check("annual_intake", integer_field(&self.annual_intake, 0, 5000));
        let mut occupations: Vec<String> = Vec::new();
        for o in &self.occupations {
            let o = o.trim();
            if !o.is_empty() && !occupations.iter().any(|x| x == o) {
                occupations.push(o.to_string());
            }
        }
        match (code, name, level, length_years, annual_intake) {
            (Some(code), Some(name), Some(level), Some(length_years), Some(annual_intake))
                if e.is_empty() =>
            {
                Ok(MajorFields {
                    code,
                    name,
                    level,
                    length_years,
                    annual_intake,
                    occupations,
                })
            }
            _ => Err(e),
        }
    }
}

/// A cohort as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Cohort {
    /// Its id.
    pub id: CohortId,
    /// The school.
    pub org_id: OrgId,
    /// The major.
    pub major_id: MajorId,
    /// Name (2024级电子技术应用高级工1班).
    pub name: String,
    /// Year of entry.
    pub entry_year: i64,
    /// Expected year of graduation.
    pub graduation_year: i64,
    /// Planned size.
    pub size: i64,
    /// The enterprise sponsoring it as an order class, if any.
    pub sponsor_org_id: Option<OrgId>,
}

/// Cohort fields as typed.
#[derive(Debug, Clone, Default)]
pub struct CohortInput {
    /// `major_id`.
    pub major_id: String,
    /// `name`.
    pub name: String,
    /// `entry_year`.
    pub entry_year: String,
    /// `graduation_year`.
    pub graduation_year: String,
    /// `size`.
    pub size: String,
    /// `sponsor_org_id` (optional).
    pub sponsor_org_id: String,
}

/// Validated cohort fields (the major and sponsor are checked by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortFields {
    /// Major.
    pub major_id: MajorId,
    /// Name.
    pub name: String,
    /// Entry year.
    pub entry_year: i64,
    /// Graduation year.
    pub graduation_year: i64,
    /// Size.
    pub size: i64,
    /// Sponsor.
    pub sponsor_org_id: Option<OrgId>,
}

impl CohortInput {
    /// Validates every field.
    pub fn validate(&self) -> Result<CohortFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let major_id = e.check(
            "major_id",
            self.major_id
                .trim()
                .parse::<MajorId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let name = e.check("name", name_field(&self.name, 2, 60));
        let entry_year = e.check("entry_year", integer_field(&self.entry_year, 2000, 2100));
        let graduation_year = e.check(
            "graduation_year",
            integer_field(&self.graduation_year, 2000, 2110),
        );
        if let (Some(a), Some(b)) = (entry_year, graduation_year)
            && b < a
        {
            e.push("graduation_year", Problem::EndBeforeStart);
        }
        let size = e.check("size", integer_field(&self.size, 1, 300));
        let sponsor = if self.sponsor_org_id.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "sponsor_org_id",
                self.sponsor_org_id
                    .trim()
                    .parse::<OrgId>()
                    .map(Some)
                    .map_err(|_| Problem::InvalidChoice),
            )
        };
        match (major_id, name, entry_year, graduation_year, size, sponsor) {
            (
                Some(major_id),
                Some(name),
                Some(entry_year),
                Some(graduation_year),
                Some(size),
                Some(sponsor_org_id),
            ) if e.is_empty() => Ok(CohortFields {
                major_id,
                name,
                entry_year,
                graduation_year,
                size,
                sponsor_org_id,
            }),
            _ => Err(e),
        }
    }
}

string_enum!(
    /// Where a trainee stands.
    TraineeStatus {
        /// 在读.
        Enrolled = "enrolled",
        /// 实习中.
        Interning = "interning",
        /// 毕业.
        Graduated = "graduated",
        /// 已就业.
        Employed = "employed",
        /// 离校 (withdrew or left).
        Left = "left",
    }
);

/// The youngest age at which a trainee may be in a position internship (INT-02).
pub const MIN_INTERN_AGE: u32 = 16;

/// A trainee as the store hands it out: identifiers sealed, masks for display.
#[derive(Debug, Clone)]
pub struct Trainee {
    /// Its id.
    pub id: TraineeId,
    /// The school.
    pub org_id: OrgId,
    /// The cohort.
    pub cohort_id: Option<CohortId>,
    /// Full name (personal data).
    pub name: String,
    /// Masked name (王*明).
    pub name_masked: String,
    /// Sealed ID number.
    pub id_sealed: String,
    /// Masked ID number (4201**********0024).
    pub id_masked: String,
    /// Birth date `YYYY-MM-DD`, derived from the ID number.
    pub birth_date: String,
    /// `male` or `female`, derived from the ID number.
    pub gender: String,
    /// Sealed phone, if given.
    pub phone_sealed: Option<String>,
    /// Masked phone.
    pub phone_masked: String,
    /// Student number.
    pub student_no: String,
    /// Status.
    pub status: TraineeStatus,
    /// For what the personal data is processed (consent record).
    pub consent_purpose: String,
    /// Who recorded the consent.
    pub consent_by: String,
    /// When.
    pub consent_at: Timestamp,
    /// Created.
    pub created_at: Timestamp,
}

/// Trainee fields as typed.
#[derive(Debug, Clone, Default)]
pub struct TraineeInput {
    /// `name`.
    pub name: String,
    /// `id_number`.
    pub id_number: String,
    /// `phone` (optional).
    pub phone: String,
    /// `student_no`.
    pub student_no: String,
    /// `cohort_id` (optional).
    pub cohort_id: String,
    /// `status`.
    pub status: String,
    /// `consent_purpose` (e.g. 学籍管理与实习就业推荐).
    pub consent_purpose: String,
}

/// Validated trainee fields.
#[derive(Debug, Clone)]
pub struct TraineeFields {
    /// Name.
    pub name: PersonName,
    /// ID number.
    pub id_number: IdCardNumber,
    /// Phone.
    pub phone: Option<Mobile>,
    /// Student number.
    pub student_no: String,
    /// Cohort.
    pub cohort_id: Option<CohortId>,
    /// Status.
    pub status: TraineeStatus,
    /// Purpose of processing.
    pub consent_purpose: String,
}

impl TraineeInput {
    /// Validates every field, including the age rule for interns (INT-02).
    pub fn validate(&self, today: time::Date) -> Result<TraineeFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", PersonName::parse(&self.name));
        let id_number = e.check("id_number", IdCardNumber::parse(&self.id_number, today));
        let phone = if self.phone.trim().is_empty() {
            Some(None)
        } else {
            e.check("phone", Mobile::parse(&self.phone).map(Some))
        };
        let student_no = e.check("student_no", name_field(&self.student_no, 0, 30));
        let cohort_id = if self.cohort_id.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "cohort_id",
                self.cohort_id
                    .trim()
                    .parse::<CohortId>()
                    .map(Some)
                    .map_err(|_| Problem::InvalidChoice),
            )
        };
        let status = if self.status.trim().is_empty() {
            Some(TraineeStatus::Enrolled)
        } else {
            e.check("status", TraineeStatus::parse(&self.status))
        };
        if let (Some(id), Some(TraineeStatus::Interning)) = (&id_number, status)
            && id.age_on(today) < MIN_INTERN_AGE
        {
            e.push(
                "status",
                Problem::Rule {
                    key: "intern_under_16",
                },
            );
        }
        let consent_purpose = e.check("consent_purpose", name_field(&self.consent_purpose, 2, 100));
        match (
            name,
            id_number,
            phone,
            student_no,
            cohort_id,
            status,
            consent_purpose,
        ) {
            (
                Some(name),
                Some(id_number),
                Some(phone),
                Some(student_no),
                Some(cohort_id),
                Some(status),
                Some(consent_purpose),
            ) if e.is_empty() => Ok(TraineeFields {
                name,
                id_number,
                phone,
                student_no,
                cohort_id,
                status,
                consent_purpose,
            }),
            _ => Err(e),
        }
    }
}

/// A date given as `YYYY-MM-DD`, for fields other modules share.
pub fn parse_date(text: &str) -> Result<time::Date, Problem> {
    date_field(text)
}

/// The first day of the school term `day` falls in: the autumn term runs
/// from 1 September to the end of January, the spring term from 1 February
/// to the end of August (its summer break counted with it).
pub fn term_start(day: time::Date) -> time::Date {
    use time::Month::{February, September};
    let (year, month) = match day.month() as u8 {
        1 => (day.year() - 1, September),
        2..=8 => (day.year(), February),
        _ => (day.year(), September),
    };
    time::Date::from_calendar_date(year, month, 1).unwrap_or(day)
}

/// The calendar year the school year of `day` ends in (in July): from
/// September on, the next year. Cohorts graduating then or earlier are the
/// ones to place now.
pub fn school_year_end(day: time::Date) -> i64 {
    i64::from(day.year()) + i64::from(day.month() as u8 >= 9)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn terms_begin_in_september_and_february_and_the_school_year_ends_in_july() {
        assert_eq!(term_start(date!(2026 - 12 - 03)), date!(2026 - 09 - 01));
        assert_eq!(term_start(date!(2027 - 01 - 31)), date!(2026 - 09 - 01));
        assert_eq!(term_start(date!(2027 - 02 - 01)), date!(2027 - 02 - 01));
        assert_eq!(term_start(date!(2027 - 08 - 31)), date!(2027 - 02 - 01));
        assert_eq!(school_year_end(date!(2026 - 12 - 03)), 2027);
        assert_eq!(school_year_end(date!(2027 - 06 - 30)), 2027);
        assert_eq!(school_year_end(date!(2027 - 09 - 01)), 2028);
    }

    fn trainee() -> TraineeInput {
        TraineeInput {
            name: "张  三".into(),
            id_number: "42010220060315001X".into(),
            phone: "+86 138 1234 5678".into(),
            student_no: "2024001".into(),
            status: "enrolled".into(),
            consent_purpose: "学籍管理".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_trainee_is_normalised_and_keeps_its_derived_facts() {
        let t = trainee().validate(date!(2026 - 11 - 28)).unwrap();
        assert_eq!(t.name.as_str(), "张三");
        assert_eq!(t.phone.unwrap().as_str(), "13812345678");
        assert_eq!(t.id_number.birth_date(), date!(2006 - 03 - 15));
    }

    #[test]
    fn a_trainee_under_sixteen_cannot_be_marked_as_interning() {
        let mut t = trainee();
        t.id_number = super::IdCardNumber::with_check_character("42010220110601001").unwrap();
        t.status = "interning".into();
        let e = t.validate(date!(2026 - 11 - 28)).unwrap_err();
        assert_eq!(
            e.for_field("status"),
            Some(&Problem::Rule {
                key: "intern_under_16"
            })
        );
    }

    #[test]
    fn a_wrong_check_digit_and_an_impossible_birth_date_name_the_id_field() {
        let mut t = trainee();
        t.id_number = "420106200501011234".into();
        assert!(matches!(
            t.validate(date!(2026 - 11 - 28))
                .unwrap_err()
                .for_field("id_number"),
            Some(Problem::CheckCharacterMismatch { .. })
        ));
        t.id_number = "420106200502301230".into();
        assert_eq!(
            t.validate(date!(2026 - 11 - 28))
                .unwrap_err()
                .for_field("id_number"),
            Some(&Problem::InvalidDate)
        );
    }

    #[test]
    fn a_cohort_cannot_graduate_before_it_enters() {
        let input = CohortInput {
            major_id: MajorId::new().to_string(),
            name: "2024级电子技术应用1班".into(),
            entry_year: "2024".into(),
            graduation_year: "2023".into(),
            size: "45".into(),
            sponsor_org_id: String::new(),
        };
        assert_eq!(
            input.validate().unwrap_err().for_field("graduation_year"),
            Some(&Problem::EndBeforeStart)
        );
    }

    #[test]
    fn major_codes_keep_leading_zeros_and_refuse_odd_characters() {
        assert_eq!(code_field(" 0601-01 ").unwrap(), "0601-01");
        assert_eq!(code_field("06/01"), Err(Problem::InvalidFormat));
    }
}

string_enum!(
    /// How a teacher is employed.
    Employment {
        /// 专任: full-time at the school.
        FullTime = "full_time",
        /// 兼职（企业）: part-time, from an enterprise.
        EnterprisePartTime = "enterprise_part_time",
        /// 外聘: engaged from outside.
        External = "external",
    }
);

string_enum!(
    /// Dual-qualified (双师型) grade.
    DualQualified {
        /// 无.
        None = "none",
        /// 初级.
        Junior = "junior",
        /// 中级.
        Intermediate = "intermediate",
        /// 高级.
        Senior = "senior",
    }
);

/// A teacher as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Teacher {
    /// Id.
    pub id: crate::ids::TeacherId,
    /// The school.
    pub org_id: OrgId,
    /// Name.
    pub name: String,
    /// Employment.
    pub employment: Employment,
    /// Specialties taught (e.g. 印制电路制作、电子装配).
    pub specialties: Vec<String>,
    /// Dual-qualified grade.
    pub dual_qualified: DualQualified,
    /// Professional title (讲师, 高级实习指导教师 …).
    pub title: String,
    /// Highest skill level held (ladder code).
    pub skill_level: Option<String>,
    /// Days of enterprise practice in the last five years (TCH-01 looks for ≥ 180).
    pub practice_days: i64,
    /// Shared with the alliance's faculty pool.
    pub shared: bool,
}

/// Teacher fields as typed.
#[derive(Debug, Clone, Default)]
pub struct TeacherInput {
    /// `name`.
    pub name: String,
    /// `employment`.
    pub employment: String,
    /// `specialties`, separated by `、`, `,` or new lines.
    pub specialties: String,
    /// `dual_qualified`.
    pub dual_qualified: String,
    /// `title`.
    pub title: String,
    /// `skill_level` (optional ladder code).
    pub skill_level: String,
    /// `practice_days`.
    pub practice_days: String,
    /// `shared` (yes/no).
    pub shared: String,
}

/// Validated teacher fields (the skill level is checked by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct TeacherFields {
    /// Name.
    pub name: String,
    /// Employment.
    pub employment: Employment,
    /// Specialties.
    pub specialties: Vec<String>,
    /// Grade.
    pub dual_qualified: DualQualified,
    /// Title.
    pub title: String,
    /// Skill level.
    pub skill_level: Option<String>,
    /// Practice days.
    pub practice_days: i64,
    /// Shared.
    pub shared: bool,
}

/// Enterprise practice below this many days in five years gets a warning (TCH-01).
pub const PRACTICE_DAYS_EXPECTED: i64 = 180;

impl TeacherInput {
    /// Validates every field.
    pub fn validate(&self) -> Result<TeacherFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check(
            "name",
            PersonName::parse(&self.name).map(|n| n.as_str().to_string()),
        );
        let employment = if self.employment.trim().is_empty() {
            Some(Employment::FullTime)
        } else {
            e.check("employment", Employment::parse(&self.employment))
        };
        let mut specialties = Vec::new();
        for s in self.specialties.split(['、', ',', '，', '\n', ';', '；']) {
            if let Some(s) = e.check("specialties", name_field(s, 0, 40))
                && !s.is_empty()
                && !specialties.contains(&s)
            {
                specialties.push(s);
            }
        }
        if specialties.is_empty() {
            e.push("specialties", Problem::Required);
        }
        let dual_qualified = if self.dual_qualified.trim().is_empty() {
            Some(DualQualified::None)
        } else {
            e.check("dual_qualified", DualQualified::parse(&self.dual_qualified))
        };
        let title = e.check("title", name_field(&self.title, 0, 40));
        let practice_days = if self.practice_days.trim().is_empty() {
            Some(0)
        } else {
            e.check("practice_days", integer_field(&self.practice_days, 0, 1830))
        };
        let shared = e.check("shared", crate::demand::flag_field(&self.shared));
        let skill_level =
            (!self.skill_level.trim().is_empty()).then(|| self.skill_level.trim().to_string());
        match (
            name,
            employment,
            dual_qualified,
            title,
            practice_days,
            shared,
        ) {
            (
                Some(name),
                Some(employment),
                Some(dual_qualified),
                Some(title),
                Some(practice_days),
                Some(shared),
            ) if e.is_empty() => Ok(TeacherFields {
                name,
                employment,
                specialties,
                dual_qualified,
                title,
                skill_level,
                practice_days,
                shared,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod teacher_tests {
    use super::*;

    #[test]
    fn a_teacher_needs_a_name_and_at_least_one_specialty() {
        let e = TeacherInput {
            name: "".into(),
            specialties: " 、 ".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.for_field("name"), Some(&Problem::Required));
        assert_eq!(e.for_field("specialties"), Some(&Problem::Required));
    }

    #[test]
    fn specialties_are_split_and_practice_days_bounded() {
        let t = TeacherInput {
            name: "李 明".into(),
            specialties: "印制电路制作、电子装配、印制电路制作".into(),
            practice_days: "200".into(),
            shared: "是".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(t.specialties, vec!["印制电路制作", "电子装配"]);
        assert!(t.shared);
        let e = TeacherInput {
            name: "李明".into(),
            specialties: "电工".into(),
            practice_days: "-1".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(matches!(
            e.for_field("practice_days"),
            Some(Problem::OutOfRange { .. })
        ));
    }
}

//! School–enterprise cooperation: agreements (order classes, apprenticeships,
//! internships, co-built bases …) between a school and an enterprise, with
//! their period, quota, status and attached files.

use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{AgreementId, OrgId};
use crate::members::{name_field, string_enum, text_field};
use serde::Serialize;

string_enum!(
    /// What an agreement is about.
    AgreementKind {
        /// 订单班 / 冠名班.
        OrderClass = "order_class",
        /// 新型学徒制 / 现代学徒制.
        Apprenticeship = "apprenticeship",
        /// 岗位实习基地.
        PositionInternship = "position_internship",
        /// 共建实训基地.
        TrainingBase = "training_base",
        /// 产业学院.
        IndustryCollege = "industry_college",
        /// 技术服务 / 联合研发.
        JointResearch = "joint_research",
        /// 师资互聘.
        FacultyExchange = "faculty_exchange",
    }
);

string_enum!(
    /// Where an agreement stands.
    AgreementStatus {
        /// Being drafted.
        Draft = "draft",
        /// Signed, not yet in force.
        Signed = "signed",
        /// In force.
        Active = "active",
        /// Ran out.
        Expired = "expired",
        /// Ended early.
        Terminated = "terminated",
    }
);

/// An agreement as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Agreement {
    /// Id.
    pub id: AgreementId,
    /// Kind.
    pub kind: AgreementKind,
    /// Title (e.g. 2025 级 PCB 订单班合作协议).
    pub title: String,
    /// The school.
    pub school_org_id: OrgId,
    /// The enterprise.
    pub enterprise_org_id: OrgId,
    /// First day.
    pub start_on: String,
    /// Last day.
    pub end_on: String,
    /// Places per year (trainees, interns, apprentices), 0 when not applicable.
    pub quota: i64,
    /// Status.
    pub status: AgreementStatus,
    /// Notes.
    pub notes: String,
}

impl Agreement {
    /// True when the agreement is in force or signed and ends within `days` of `today` (renewal reminder).
    pub fn needs_renewal(&self, today: time::Date, days: i64) -> bool {
        matches!(
            self.status,
            AgreementStatus::Active | AgreementStatus::Signed
        ) && date_field(&self.end_on)
            .is_ok_and(|end| end >= today && (end - today).whole_days() <= days)
    }
}

/// Agreement fields as typed.
#[derive(Debug, Clone, Default)]
pub struct AgreementInput {
    /// `kind`.
    pub kind: String,
    /// `title`.
    pub title: String,
    /// `school_org_id`.
    pub school_org_id: String,
    /// `enterprise_org_id`.
    pub enterprise_org_id: String,
    /// `start_on`.
    pub start_on: String,
    /// `end_on`.
    pub end_on: String,
    /// `quota`.
    pub quota: String,
    /// `status`.
    pub status: String,
    /// `notes`.
    pub notes: String,
}

/// Validated agreement fields (the parties' kinds are checked by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementFields {
    /// Kind.
    pub kind: AgreementKind,
    /// Title.
    pub title: String,
    /// School.
    pub school_org_id: OrgId,
    /// Enterprise.
    pub enterprise_org_id: OrgId,
    /// Start.
    pub start_on: String,
    /// End.
    pub end_on: String,
    /// Quota.
    pub quota: i64,
    /// Status.
    pub status: AgreementStatus,
    /// Notes.
    pub notes: String,
}

impl AgreementInput {
    /// Validates every field.
    pub fn validate(&self) -> Result<AgreementFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e.check("kind", AgreementKind::parse(&self.kind));
        let title = e.check("title", name_field(&self.title, 2, 100));
        let school = e.check(
            "school_org_id",
            self.school_org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let enterprise = e.check(
            "enterprise_org_id",
            self.enterprise_org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let start = e.check("start_on", date_field(&self.start_on));
        let end = e.check("end_on", date_field(&self.end_on));
        if let (Some(s), Some(en)) = (start, end)
            && en < s
        {
            e.push("end_on", Problem::EndBeforeStart);
        }
        let quota = if self.quota.trim().is_empty() {
            Some(0)
        } else {
            e.check("quota", integer_field(&self.quota, 0, 100_000))
        };
        let status = if self.status.trim().is_empty() {
            Some(AgreementStatus::Draft)
        } else {
            e.check("status", AgreementStatus::parse(&self.status))
        };
        let notes = e.check("notes", text_field(&self.notes, 0, 2000));
        match (
            kind, title, school, enterprise, start, end, quota, status, notes,
        ) {
            (
                Some(kind),
                Some(title),
                Some(school_org_id),
                Some(enterprise_org_id),
                Some(s),
                Some(en),
                Some(quota),
                Some(status),
                Some(notes),
            ) if e.is_empty() => Ok(AgreementFields {
                kind,
                title,
                school_org_id,
                enterprise_org_id,
                start_on: iso(s),
                end_on: iso(en),
                quota,
                status,
                notes,
            }),
            _ => Err(e),
        }
    }
}

/// Largest attachment, in bytes.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// The content type of an attachment judged by its bytes (PDF, PNG or JPEG),
/// whatever its name claims; anything else is refused.
pub fn attachment_type(bytes: &[u8]) -> Result<&'static str, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Required);
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Problem::Rule {
            key: "file_too_large",
        });
    }
    if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else {
        Err(Problem::Rule { key: "file_type" })
    }
}

/// A file name safe to store and show: no path, no control or invisible
/// characters, at most 100 characters, and an extension that says what the
/// bytes were found to be (`content_type`, from [`attachment_type`]): a PDF
/// uploaded as `合同.html` is kept as `合同.pdf`, so it never downloads as a
/// page.
pub fn attachment_name(name: &str, content_type: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '"' | '<' | '>') && !crate::members::is_invisible(*c)
        })
        .take(100)
        .collect();
    let clean = clean.trim();
    // The extensions a type may keep, the usual one first.
    let allowed: &[&str] = match content_type {
        "application/pdf" => &["pdf"],
        "image/png" => &["png"],
        _ => &["jpg", "jpeg"],
    };
    let (stem, extension) = match clean.rsplit_once('.') {
        Some((stem, ext)) if allowed.iter().any(|a| ext.eq_ignore_ascii_case(a)) => (stem, ext),
        Some((stem, _)) => (stem, allowed[0]),
        None => (clean, allowed[0]),
    };
    let stem = match stem.trim() {
        "" => "附件",
        stem => stem,
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn input() -> AgreementInput {
        AgreementInput {
            kind: "order_class".into(),
            title: "2025级 PCB 订单班合作协议".into(),
            school_org_id: OrgId::new().to_string(),
            enterprise_org_id: OrgId::new().to_string(),
            start_on: "2025-09-01".into(),
            end_on: "2028-06-30".into(),
            quota: "45".into(),
            status: "active".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn an_agreement_ending_before_it_starts_is_refused() {
        let mut i = input();
        i.end_on = "2025-01-01".into();
        assert_eq!(
            i.validate().unwrap_err().for_field("end_on"),
            Some(&Problem::EndBeforeStart)
        );
    }

    #[test]
    fn renewal_is_due_within_the_window_only_for_live_agreements() {
        let f = input().validate().unwrap();
        let a = Agreement {
            id: AgreementId::new(),
            kind: f.kind,
            title: f.title,
            school_org_id: f.school_org_id,
            enterprise_org_id: f.enterprise_org_id,
            start_on: f.start_on,
            end_on: f.end_on,
            quota: f.quota,
            status: f.status,
            notes: f.notes,
        };
        assert!(a.needs_renewal(date!(2028 - 05 - 15), 60));
        assert!(!a.needs_renewal(date!(2028 - 03 - 01), 60));
        assert!(!a.needs_renewal(date!(2028 - 07 - 01), 60), "already over");
        assert!(
            !Agreement {
                status: AgreementStatus::Terminated,
                ..a
            }
            .needs_renewal(date!(2028 - 05 - 15), 60)
        );
    }

    #[test]
    fn attachments_are_judged_by_their_bytes_and_names_lose_their_paths() {
        assert_eq!(attachment_type(b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(
            attachment_type(b"<html>pretending</html>"),
            Err(Problem::Rule { key: "file_type" })
        );
        assert_eq!(
            attachment_type(b"MZ\x90\x00"),
            Err(Problem::Rule { key: "file_type" })
        );
        let pdf = "application/pdf";
        assert_eq!(attachment_name("../../etc/协议.pdf", pdf), "协议.pdf");
        assert_eq!(attachment_name("C:\\docs\\a\"b.pdf", pdf), "ab.pdf");
        assert_eq!(attachment_name("\n", pdf), "附件.pdf");
        // The extension follows the bytes (the security sweep's finding 11).
        assert_eq!(attachment_name("合同.html", pdf), "合同.pdf");
        assert_eq!(attachment_name("合同", pdf), "合同.pdf");
        assert_eq!(attachment_name("扫描件.JPEG", "image/jpeg"), "扫描件.JPEG");
        assert_eq!(attachment_name("扫描件.pdf", "image/png"), "扫描件.png");
        assert_eq!(attachment_name(".pdf", pdf), "附件.pdf");
        assert_eq!(attachment_name("合\u{202E}lmth.pdf", pdf), "合lmth.pdf");
    }
}

//! Evaluation institutions (§8.4) and their filings (备案, CERT-01): as
//! typed, validated and stored.

use super::Level;
use crate::demand::{date_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{FilingId, OrgId};
use crate::members::{name_field, string_enum};
use serde::Serialize;

string_enum!(
    /// Evaluation-institution type, the first letter of a certificate number (§3.4).
    InstitutionKind {
        /// 用人单位 (employer).
        Employer = "Y",
        /// 社会培训评价组织 (social training-evaluation organisation).
        Social = "S",
    }
);

/// A member organisation registered as an evaluation institution (§8.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Institution {
    /// The organisation.
    pub org_id: OrgId,
    /// Y or S.
    pub kind: InstitutionKind,
    /// 4 digits (`0000` when filed with a province).
    pub institution_code: String,
    /// GB/T 2260 province code, 2 digits.
    pub province_code: String,
    /// Site sequence assigned by the province, 6 digits.
    pub site_code: String,
}

/// Institution fields as typed.
#[derive(Debug, Clone, Default)]
pub struct InstitutionInput {
    /// `kind`: Y or S.
    pub kind: String,
    /// `institution_code`.
    pub institution_code: String,
    /// `province_code`.
    pub province_code: String,
    /// `site_code`.
    pub site_code: String,
}

fn digits(text: &str, n: usize) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.chars().count() != n {
        return Err(Problem::WrongLength { expected: n });
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::InvalidFormat);
    }
    Ok(t.to_string())
}

/// GB/T 2260 province codes accepted in certificate numbers (§3.4).
pub const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

impl InstitutionInput {
    /// Validates every field.
    pub fn validate(&self, org_id: OrgId) -> Result<Institution, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e.check(
            "kind",
            InstitutionKind::parse(&self.kind.to_ascii_uppercase()),
        );
        let code = e.check("institution_code", digits(&self.institution_code, 4));
        let province = e.check(
            "province_code",
            digits(&self.province_code, 2).and_then(|p| {
                if PROVINCES.contains(&p.as_str()) {
                    Ok(p)
                } else {
                    Err(Problem::UnknownRegion)
                }
            }),
        );
        let site = e.check("site_code", digits(&self.site_code, 6));
        e.into_result()?;
        match (kind, code, province, site) {
            (Some(kind), Some(institution_code), Some(province_code), Some(site_code)) => {
                Ok(Institution {
                    org_id,
                    kind,
                    institution_code,
                    province_code,
                    site_code,
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

/// An institution's filing (备案): which occupation and levels it may
/// evaluate and certify, from when until when (CERT-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Filing {
    /// Id.
    pub id: FilingId,
    /// The institution (its organisation).
    pub org_id: OrgId,
    /// Occupation code.
    pub occupation_code: String,
    /// Levels covered.
    pub levels: Vec<Level>,
    /// With whom it is filed (人社部, 湖北省人社厅…).
    pub filed_with: String,
    /// The filing or authorization number (黄光联〔2025〕3号).
    pub reference: String,
    /// First day in force, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day in force, if limited.
    pub valid_to: Option<String>,
}

impl Filing {
    /// Whether it covers `occupation` at `level` on day `on` (CERT-01).
    pub fn covers(&self, occupation: &str, level: Level, on: time::Date) -> bool {
        let from = date_field(&self.valid_from).ok();
        let to = self.valid_to.as_deref().and_then(|t| date_field(t).ok());
        self.occupation_code == occupation
            && self.levels.contains(&level)
            && from.is_some_and(|f| f <= on)
            && to.is_none_or(|t| on <= t)
    }
}

/// Filing fields as typed.
#[derive(Debug, Clone, Default)]
pub struct FilingInput {
    /// `occupation_code`.
    pub occupation_code: String,
    /// `levels`: level codes.
    pub levels: Vec<String>,
    /// `filed_with`.
    pub filed_with: String,
    /// `reference`.
    pub reference: String,
    /// `valid_from`.
    pub valid_from: String,
    /// `valid_to` (empty: open-ended).
    pub valid_to: String,
}

impl FilingInput {
    /// Validates every field (the occupation's existence is checked by the caller).
    pub fn validate(&self, org_id: OrgId) -> Result<Filing, FieldErrors> {
        let mut e = FieldErrors::new();
        let occupation = e.check("occupation_code", name_field(&self.occupation_code, 1, 20));
        let mut levels = Vec::new();
        for l in &self.levels {
            if let Some(level) = e.check("levels", Level::parse(l))
                && !levels.contains(&level)
            {
                levels.push(level);
            }
        }
        if self.levels.is_empty() {
            e.push("levels", Problem::Required);
        }
        levels.sort_by_key(|l| l.rank());
        let filed_with = e.check("filed_with", name_field(&self.filed_with, 1, 60));
        let reference = e.check("reference", name_field(&self.reference, 1, 60));
        let from = e.check("valid_from", date_field(&self.valid_from));
        let to = if self.valid_to.trim().is_empty() {
            Some(None)
        } else {
            e.check("valid_to", date_field(&self.valid_to).map(Some))
        };
        if let (Some(f), Some(Some(t))) = (from, to)
            && t < f
        {
            e.push("valid_to", Problem::EndBeforeStart);
        }
        e.into_result()?;
        match (occupation, filed_with, reference, from, to) {
            (Some(occupation_code), Some(filed_with), Some(reference), Some(from), Some(to)) => {
                Ok(Filing {
                    id: FilingId::new(),
                    org_id,
                    occupation_code,
                    levels,
                    filed_with,
                    reference,
                    valid_from: iso(from),
                    valid_to: to.map(iso),
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_institution_needs_codes_of_the_right_shape_and_a_real_province() {
        let input = InstitutionInput {
            kind: "y".into(),
            institution_code: "0001".into(),
            province_code: "42".into(),
            site_code: "000123".into(),
        };
        let inst = input.validate(OrgId::new()).unwrap();
        assert_eq!(inst.kind, InstitutionKind::Employer);
        let bad = InstitutionInput {
            kind: "X".into(),
            institution_code: "01".into(),
            province_code: "99".into(),
            site_code: "12a456".into(),
        };
        let e = bad.validate(OrgId::new()).unwrap_err();
        assert_eq!(e.0.len(), 4);
        assert_eq!(e.for_field("province_code"), Some(&Problem::UnknownRegion));
    }

    #[test]
    fn a_filing_covers_its_occupation_levels_and_period_only() {
        let f = Filing {
            id: FilingId::new(),
            org_id: OrgId::new(),
            occupation_code: "6-25-04-01".into(),
            levels: vec![Level::Level4, Level::Level3],
            filed_with: "湖北省人社厅".into(),
            reference: "鄂人社备〔2025〕1号".into(),
            valid_from: "2025-01-01".into(),
            valid_to: Some("2027-12-31".into()),
        };
        assert!(f.covers("6-25-04-01", Level::Level4, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-25-04-01", Level::Level2, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-31-01-03", Level::Level4, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-25-04-01", Level::Level4, date!(2028 - 01 - 01)));
        assert!(!f.covers("6-25-04-01", Level::Level4, date!(2024 - 12 - 31)));
    }
}

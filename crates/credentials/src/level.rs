//! The skill-level ladder as it appears on certificates (reference §3.1).
//!
//! The official code digit runs against seniority: `5` is 初级工, `1` is
//! 高级技师. 特级技师 has its own certificate and no digit.

use std::fmt;

/// A certificate level, with its official code digit and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkillLevel {
    /// 五级/初级工 (code 5).
    Elementary,
    /// 四级/中级工 (code 4).
    Intermediate,
    /// 三级/高级工 (code 3).
    Advanced,
    /// 二级/技师 (code 2).
    Technician,
    /// 一级/高级技师 (code 1).
    SeniorTechnician,
    /// 特级技师: no code digit, own certificate and number format.
    PrincipalTechnician,
}

impl SkillLevel {
    /// Every level, lowest first.
    pub const ALL: [SkillLevel; 6] = [
        SkillLevel::Elementary,
        SkillLevel::Intermediate,
        SkillLevel::Advanced,
        SkillLevel::Technician,
        SkillLevel::SeniorTechnician,
        SkillLevel::PrincipalTechnician,
    ];

    /// The official code digit (`5` lowest … `1` highest); `None` for 特级技师.
    pub fn code(self) -> Option<u8> {
        match self {
            SkillLevel::Elementary => Some(5),
            SkillLevel::Intermediate => Some(4),
            SkillLevel::Advanced => Some(3),
            SkillLevel::Technician => Some(2),
            SkillLevel::SeniorTechnician => Some(1),
            SkillLevel::PrincipalTechnician => None,
        }
    }

    /// The level for an official code digit.
    pub fn from_code(code: u8) -> Option<SkillLevel> {
        SkillLevel::ALL
            .into_iter()
            .find(|level| level.code() == Some(code))
    }

    /// Seniority rank for comparisons: 1 (初级工) … 6 (特级技师).
    pub fn rank(self) -> u8 {
        match self {
            SkillLevel::Elementary => 1,
            SkillLevel::Intermediate => 2,
            SkillLevel::Advanced => 3,
            SkillLevel::Technician => 4,
            SkillLevel::SeniorTechnician => 5,
            SkillLevel::PrincipalTechnician => 6,
        }
    }

    /// The wording printed on the certificate, e.g. `四级/中级工`.
    pub fn wording(self) -> &'static str {
        match self {
            SkillLevel::Elementary => "五级/初级工",
            SkillLevel::Intermediate => "四级/中级工",
            SkillLevel::Advanced => "三级/高级工",
            SkillLevel::Technician => "二级/技师",
            SkillLevel::SeniorTechnician => "一级/高级技师",
            SkillLevel::PrincipalTechnician => "特级技师",
        }
    }

    /// The level whose wording is `text` exactly.
    pub fn from_wording(text: &str) -> Option<SkillLevel> {
        SkillLevel::ALL
            .into_iter()
            .find(|level| level.wording() == text)
    }
}

impl fmt::Display for SkillLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wording())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_digits_run_against_seniority() {
        assert_eq!(SkillLevel::Elementary.code(), Some(5));
        assert_eq!(SkillLevel::SeniorTechnician.code(), Some(1));
        assert!(SkillLevel::SeniorTechnician.rank() > SkillLevel::Elementary.rank());
        assert_eq!(SkillLevel::PrincipalTechnician.code(), None);
    }

    #[test]
    fn codes_and_wordings_read_back_to_the_same_level() {
        for level in SkillLevel::ALL {
            assert_eq!(SkillLevel::from_wording(level.wording()), Some(level));
            if let Some(code) = level.code() {
                assert_eq!(SkillLevel::from_code(code), Some(level));
            }
        }
        assert_eq!(SkillLevel::from_code(0), None);
        assert_eq!(SkillLevel::from_code(6), None);
    }
}

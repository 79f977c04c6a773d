//! The five skill levels (职业技能等级) a filing covers, a session
//! evaluates and a certificate states, with their ranks and wording.

use crate::error::Problem;
use crate::members::string_enum;
use serde::Serialize;

string_enum!(
    /// A level one can be evaluated for (五级…一级), stored as the ladder's code.
    Level {
        /// 五级/初级工.
        Level5 = "level5",
        /// 四级/中级工.
        Level4 = "level4",
        /// 三级/高级工.
        Level3 = "level3",
        /// 二级/技师.
        Level2 = "level2",
        /// 一级/高级技师.
        Level1 = "level1",
    }
);

impl Level {
    /// Rank on the ladder (1 = 五级 … 5 = 一级), for "at least" comparisons.
    pub fn rank(self) -> u8 {
        6 - self.digit()
    }
    /// The official digit (5 = lowest … 1 = highest), as in certificate numbers.
    pub fn digit(self) -> u8 {
        match self {
            Level::Level5 => 5,
            Level::Level4 => 4,
            Level::Level3 => 3,
            Level::Level2 => 2,
            Level::Level1 => 1,
        }
    }
    /// The certificate wording, "中文数字+级/名称".
    pub fn wording(self) -> &'static str {
        match self {
            Level::Level5 => "五级/初级工",
            Level::Level4 => "四级/中级工",
            Level::Level3 => "三级/高级工",
            Level::Level2 => "二级/技师",
            Level::Level1 => "一级/高级技师",
        }
    }
    /// 技师 and 高级技师 add a comprehensive review (综合评审).
    pub fn needs_review(self) -> bool {
        matches!(self, Level::Level2 | Level::Level1)
    }
}

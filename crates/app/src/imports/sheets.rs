//! The sheet of every importable record: Chinese headers, English keys,
//! kinds, examples and notes. Templates, imports, problem reports and list
//! exports all use these, so an exported list can be imported again as it is.

use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};

const YES_NO: ColumnKind = ColumnKind::Choice(&[("yes", "是"), ("no", "否")]);

const ORG_KINDS: ColumnKind = ColumnKind::Choice(&[
    ("technical_college", "技工院校"),
    ("vocational_school", "职业院校"),
    ("enterprise", "企业"),
    ("association", "行业协会"),
    ("research_institute", "科研院所"),
    ("government_agency", "政府/事业单位"),
]);

const TIERS: ColumnKind = ColumnKind::Choice(&[
    ("chair", "理事长单位"),
    ("vice_chair", "副理事长单位"),
    ("standing_council", "常务理事单位"),
    ("council", "理事单位"),
    ("member", "成员单位"),
]);

const DEMAND_KINDS: ColumnKind = ColumnKind::Choice(&[
    ("job", "就业"),
    ("position_internship", "岗位实习"),
    ("cognitive_internship", "认识实习"),
    ("apprenticeship", "学徒"),
    ("order_class", "订单班"),
]);

const DEMAND_STATUSES: ColumnKind = ColumnKind::Choice(&[
    ("draft", "草稿"),
    ("open", "招募中"),
    ("filled", "已满"),
    ("closed", "已关闭"),
]);

/// The skill ladder as the templates offer it. The ladder itself is the
/// `skill_levels` catalogue in the database, which every input is checked
/// against (`demand::References`); this list only gives the templates their
/// drop-down and lets a cell hold the Chinese name, and a test keeps it equal
/// to the catalogue.
const SKILL_LEVELS: ColumnKind = ColumnKind::Choice(&[
    ("apprentice", "学徒工"),
    ("level5", "五级/初级工"),
    ("level4", "四级/中级工"),
    ("level3", "三级/高级工"),
    ("level2", "二级/技师"),
    ("level1", "一级/高级技师"),
    ("special", "特级技师"),
    ("chief", "首席技师"),
]);

const MAJOR_LEVELS: ColumnKind = ColumnKind::Choice(&[
    ("intermediate", "中级工"),
    ("advanced", "高级工"),
    ("preparatory_technician", "预备技师"),
    ("secondary", "中职"),
    ("associate", "高职专科"),
]);

const EMPLOYMENTS: ColumnKind = ColumnKind::Choice(&[
    ("full_time", "专任"),
    ("enterprise_part_time", "企业兼职"),
    ("external", "外聘"),
]);

const DUAL_QUALIFIED: ColumnKind = ColumnKind::Choice(&[
    ("none", "无"),
    ("junior", "初级双师"),
    ("intermediate", "中级双师"),
    ("senior", "高级双师"),
]);

const TRAINEE_STATUSES: ColumnKind = ColumnKind::Choice(&[
    ("enrolled", "在读"),
    ("interning", "实习中"),
    ("graduated", "毕业"),
    ("employed", "已就业"),
    ("left", "离校"),
]);

/// Member units, imported by the secretariat (natural key: credit code).
pub const ORGANIZATION_SHEET: SheetSpec = SheetSpec {
    name: "成员单位",
    columns: &[
        ColumnSpec::new("name", "单位名称", ColumnKind::Text)
            .required()
            .example("武汉示例光电科技有限公司")
            .note("营业执照或法人证书上的全称"),
        ColumnSpec::new("kind", "单位类型", ORG_KINDS)
            .required()
            .example("企业"),
        ColumnSpec::new("credit_code", "统一社会信用代码", ColumnKind::IdLike)
            .required()
            .example("91420100MA4K0000XH")
            .note("18 位，按 GB 32100 校验；同一代码再次导入时更新该单位"),
        ColumnSpec::new("short_name", "简称", ColumnKind::Text).note("选填"),
        ColumnSpec::new("city", "城市", ColumnKind::Text)
            .required()
            .example("武汉市"),
        ColumnSpec::new("district", "区县", ColumnKind::Text)
            .example("东湖新技术开发区")
            .note("选填"),
        ColumnSpec::new("address", "地址", ColumnKind::Text).note("选填"),
        ColumnSpec::new("website", "网站", ColumnKind::Text).note("选填，以 https:// 开头"),
        ColumnSpec::new("segments", "产业链环节", ColumnKind::Text)
            .example("optical")
            .note("选填，环节代码，多个用、分隔（见产业链环节目录）"),
        ColumnSpec::new("tier", "级别", TIERS)
            .example("成员单位")
            .note("选填，默认成员单位；理事长单位只能有一个"),
        ColumnSpec::new("intro", "简介", ColumnKind::Text).note("选填"),
    ],
};

/// An enterprise's talent demand (natural key: post, kind and start date).
pub const DEMAND_SHEET: SheetSpec = SheetSpec {
    name: "人才需求",
    columns: &[
        ColumnSpec::new("post_name", "岗位", ColumnKind::Text)
            .required()
            .example("光纤熔接工")
            .note("岗位、类型和开始日期相同的行视为同一需求，再次导入时更新"),
        ColumnSpec::new("kind", "类型", DEMAND_KINDS)
            .required()
            .example("岗位实习"),
        ColumnSpec::new("occupation_code", "职业编码", ColumnKind::IdLike)
            .example("6-25-03-00")
            .note("选填，国家职业分类大典编码"),
        ColumnSpec::new("segment_code", "产业链环节", ColumnKind::Text)
            .example("optical")
            .note("选填，环节代码"),
        ColumnSpec::new("min_level", "技能等级", SKILL_LEVELS)
            .required()
            .example("四级/中级工"),
        ColumnSpec::new("headcount", "人数", ColumnKind::Integer)
            .required()
            .example("10")
            .note("正整数"),
        ColumnSpec::new("city", "城市", ColumnKind::Text)
            .required()
            .example("武汉市"),
        ColumnSpec::new("wage_min", "月薪下限", ColumnKind::Integer)
            .example("4000")
            .note("选填，元/月"),
        ColumnSpec::new("wage_max", "月薪上限", ColumnKind::Integer)
            .example("6000")
            .note("选填，元/月，不低于下限"),
        ColumnSpec::new("start_on", "开始日期", ColumnKind::Date)
            .required()
            .example("2025-07-01"),
        ColumnSpec::new("end_on", "结束日期", ColumnKind::Date)
            .example("2025-12-31")
            .note("选填，不早于开始日期"),
        ColumnSpec::new("night_shift", "夜班", YES_NO)
            .example("否")
            .note("选填，默认否"),
        ColumnSpec::new("requirements", "要求", ColumnKind::Text).note("选填"),
        ColumnSpec::new("status", "状态", DEMAND_STATUSES)
            .example("招募中")
            .note("选填，默认草稿"),
    ],
};

/// A school's majors (natural key: code and level).
pub const MAJOR_SHEET: SheetSpec = SheetSpec {
    name: "专业",
    columns: &[
        ColumnSpec::new("code", "专业代码", ColumnKind::IdLike)
            .required()
            .example("0212-4")
            .note("代码与层次相同的行视为同一专业，再次导入时更新"),
        ColumnSpec::new("name", "专业名称", ColumnKind::Text)
            .required()
            .example("光电子技术"),
        ColumnSpec::new("level", "层次", MAJOR_LEVELS)
            .required()
            .example("高级工"),
        ColumnSpec::new("length_years", "学制（年）", ColumnKind::Integer)
            .required()
            .example("3"),
        ColumnSpec::new("annual_intake", "年招生人数", ColumnKind::Integer)
            .required()
            .example("80"),
        ColumnSpec::new("occupations", "对应职业编码", ColumnKind::Text)
            .example("6-25-03-00")
            .note("选填，多个用、分隔"),
    ],
};

/// A school's cohorts (natural key: cohort name).
pub const COHORT_SHEET: SheetSpec = SheetSpec {
    name: "班级",
    columns: &[
        ColumnSpec::new("name", "班级名称", ColumnKind::Text)
            .required()
            .example("2024级光电1班")
            .note("本校内唯一，再次导入时按名称更新"),
        ColumnSpec::new("major_code", "专业代码", ColumnKind::IdLike)
            .required()
            .example("0212-4")
            .note("须为本校已有专业"),
        ColumnSpec::new("major_level", "专业层次", MAJOR_LEVELS)
            .required()
            .example("高级工"),
        ColumnSpec::new("entry_year", "入学年份", ColumnKind::Integer)
            .required()
            .example("2024"),
        ColumnSpec::new("graduation_year", "毕业年份", ColumnKind::Integer)
            .required()
            .example("2027"),
        ColumnSpec::new("size", "人数", ColumnKind::Integer)
            .required()
            .example("40"),
        ColumnSpec::new(
            "sponsor_credit_code",
            "订单企业信用代码",
            ColumnKind::IdLike,
        )
        .note("选填，订单班的冠名企业（须为联盟成员）"),
    ],
};

/// A school's teachers (natural key: name within the school).
pub const TEACHER_SHEET: SheetSpec = SheetSpec {
    name: "教师",
    columns: &[
        ColumnSpec::new("name", "姓名", ColumnKind::Text)
            .required()
            .example("示例教师（导入前请删除本行）")
            .note("本校内按姓名匹配，再次导入时更新"),
        ColumnSpec::new("employment", "聘用方式", EMPLOYMENTS)
            .required()
            .example("专任"),
        ColumnSpec::new("specialties", "专业特长", ColumnKind::Text)
            .required()
            .example("光纤通信、激光加工")
            .note("多个用、分隔"),
        ColumnSpec::new("dual_qualified", "双师等级", DUAL_QUALIFIED)
            .example("中级双师")
            .note("选填，默认无"),
        ColumnSpec::new("title", "职称", ColumnKind::Text)
            .example("讲师")
            .note("选填"),
        ColumnSpec::new("skill_level", "技能等级", SKILL_LEVELS).note("选填"),
        ColumnSpec::new("practice_days", "企业实践天数", ColumnKind::Integer)
            .example("60")
            .note("近五年累计，选填"),
        ColumnSpec::new("shared", "共享到师资库", YES_NO)
            .example("是")
            .note("选填，默认否；共享后其他成员单位可见"),
    ],
};

/// A school's trainees (natural key: ID number). ID and phone numbers must be
/// text cells; the status is a dropdown.
pub const TRAINEE_SHEET: SheetSpec = SheetSpec {
    name: "学员名单",
    columns: &[
        collected(0, ColumnKind::Text)
            .example("示例学员（导入前请删除本行）")
            .note("中文姓名，少数民族姓名中的间隔号可用 ·（用途：学籍管理）"),
        collected(1, ColumnKind::IdLike)
            .example("420102200603150010")
            .note("18 位居民身份证号，出生日期与性别由此读出；请设置为文本格式（用途：学籍管理）"),
        collected(2, ColumnKind::IdLike)
            .note("选填，11 位手机号（用途：向用人单位提供身份信息，须学员单独同意）"),
        collected(3, ColumnKind::IdLike)
            .example("2024001")
            .note("选填（用途：学籍管理）"),
        collected(4, ColumnKind::Text).note("选填，须与本校已建班级名称一致（用途：学籍管理）"),
        collected(5, TRAINEE_STATUSES)
            .example("在读")
            .note("选填，默认在读；未满 16 周岁不得为实习中（用途：学籍管理）"),
        // Not personal information: the record of the consent given when
        // the data was collected.
        ColumnSpec::new("consent_purpose", "个人信息处理目的", ColumnKind::Text)
            .required()
            .example("学籍管理与实习就业推荐")
            .note("记录处理个人信息的目的（同意记录）"),
    ],
};

/// The column of the `i`-th field the register says a school collects
/// (`domain::privacy::TRAINEE_FIELDS`): its key, header and whether it is
/// required come from there.
const fn collected(i: usize, kind: ColumnKind) -> ColumnSpec {
    let f = gongjiang_domain::privacy::trainee_field(i);
    let c = ColumnSpec::new(f.key, f.header_zh, kind);
    if f.required { c.required() } else { c }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_trainee_template_collects_what_the_register_says_and_labels_what_is_optional() {
        use gongjiang_domain::privacy::{TRAINEE_FIELDS, entry};
        let personal: Vec<_> = super::TRAINEE_SHEET
            .columns
            .iter()
            .filter(|c| c.key != "consent_purpose")
            .collect();
        let keys: Vec<(&str, bool)> = personal.iter().map(|c| (c.key, c.required)).collect();
        let register: Vec<(&str, bool)> =
            TRAINEE_FIELDS.iter().map(|f| (f.key, f.required)).collect();
        assert_eq!(keys, register);
        for (c, f) in personal.iter().zip(TRAINEE_FIELDS) {
            assert_eq!(c.header, f.header_zh);
            assert_eq!(c.note.starts_with("选填"), !f.required, "{}", c.key);
            let purpose = entry(f.purpose);
            assert!(
                c.note.contains("用途") && c.note.contains(purpose.name_zh),
                "{}: {}",
                c.key,
                c.note
            );
        }
        for derived in ["birth_date", "gender"] {
            assert!(
                super::TRAINEE_SHEET
                    .columns
                    .iter()
                    .all(|c| c.key != derived),
                "{derived} is read from the ID number, not collected"
            );
        }
    }

    #[tokio::test]
    async fn the_templates_skill_ladder_is_the_catalogue_in_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("levels.db").display()
        );
        let db = gongjiang_store::Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        let mut conn = db.read().await.unwrap();
        let catalogue: Vec<(String, String)> = gongjiang_store::demand::skill_levels(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.code, l.name_zh))
            .collect();
        let super::ColumnKind::Choice(offered) = super::SKILL_LEVELS else {
            panic!("skill levels are a choice column")
        };
        let offered: Vec<(String, String)> = offered
            .iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect();
        assert_eq!(offered, catalogue);
    }

    use super::*;

    #[test]
    fn every_sheet_is_one_excel_accepts() {
        for spec in [
            &ORGANIZATION_SHEET,
            &DEMAND_SHEET,
            &MAJOR_SHEET,
            &COHORT_SHEET,
            &TEACHER_SHEET,
            &TRAINEE_SHEET,
        ] {
            assert_eq!(spec.check(), Ok(()), "{}", spec.name);
        }
    }

    #[test]
    fn choice_columns_store_the_values_the_domain_parses() {
        use gongjiang_domain::demand::{DemandKind, DemandStatus};
        use gongjiang_domain::members::{OrgKind, Tier};
        use gongjiang_domain::supply::{DualQualified, Employment, MajorLevel, TraineeStatus};
        fn stored(kind: ColumnKind) -> Vec<&'static str> {
            match kind {
                ColumnKind::Choice(c) => c.iter().map(|(v, _)| *v).collect(),
                _ => Vec::new(),
            }
        }
        let all = |v: Vec<&str>| -> Vec<String> { v.into_iter().map(String::from).collect() };
        assert_eq!(
            all(stored(ORG_KINDS)),
            OrgKind::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(TIERS)),
            Tier::ALL.iter().map(|k| k.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(DEMAND_KINDS)),
            DemandKind::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(DEMAND_STATUSES)),
            DemandStatus::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(MAJOR_LEVELS)),
            MajorLevel::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(EMPLOYMENTS)),
            Employment::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(DUAL_QUALIFIED)),
            DualQualified::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            all(stored(TRAINEE_STATUSES)),
            TraineeStatus::ALL
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        );
    }
}

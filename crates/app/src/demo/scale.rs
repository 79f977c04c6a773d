//! Demo data at scale: majors, cohorts, trainees and talent demand on top of
//! the demo alliance, deterministic from a seed, at three sizes —
//! `alliance` (≈ 72 units, 11k trainees), `region` (≈ 300 units, 100k) and
//! `province` (≈ 2,000 units, 1M). Trainees go through the same validation and
//! sealing as any other (`supply::seal_trainee`), in one transaction per school.
//! Every person is invented: names from common surnames, ID numbers and phones
//! generated with valid check digits.

use crate::App;
use crate::demo::{self, Loaded};
use crate::error::{Error, Result};
use crate::members::search_columns;
use crate::supply::seal_trainee;
use gongjiang_domain::demand::{Demand, DemandKind, DemandStatus};
use gongjiang_domain::ids::{CohortId, DemandId, MajorId, MembershipId, OrgId, TraineeId};
use gongjiang_domain::members::{Membership, MembershipStatus, OrgKind, Organization, Tier};
use gongjiang_domain::supply::{Cohort, Major, MajorLevel, TraineeFields, TraineeStatus};
use gongjiang_domain::values::{CreditCode, IdCardNumber, Mobile, PersonName};
use gongjiang_store::audit::{self, NewEntry};

/// How much demo data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The founding alliance: 72 units, about 11,000 trainees.
    Alliance,
    /// A region: about 300 units, 100,000 trainees.
    Region,
    /// A province: about 2,000 units, 1,000,000 trainees.
    Province,
}

impl Scale {
    /// From `alliance`, `region` or `province`.
    pub fn parse(text: &str) -> Option<Scale> {
        match text {
            "alliance" => Some(Scale::Alliance),
            "region" => Some(Scale::Region),
            "province" => Some(Scale::Province),
            _ => None,
        }
    }
    fn units(self) -> usize {
        match self {
            Scale::Alliance => 75,
            Scale::Region => 300,
            Scale::Province => 2000,
        }
    }
    fn trainees(self) -> usize {
        match self {
            Scale::Alliance => 11_000,
            Scale::Region => 100_000,
            Scale::Province => 1_000_000,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Units added beyond the founding 72 (+3 applicants).
    pub extra_units: usize,
    /// Majors.
    pub majors: usize,
    /// Cohorts.
    pub cohorts: usize,
    /// Trainees.
    pub trainees: usize,
    /// Demands.
    pub demands: usize,
    /// Training, employment, evaluation and certificates (`demo_chain`).
    pub chain: crate::demo::chain::Report,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "余", "汪", "程", "石", "柯", "袁", "曾", "单", "解", "欧阳",
];
const GIVEN: &[&str] = &[
    "伟", "强", "磊", "洋", "勇", "军", "杰", "涛", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "欢", "阳", "建",
    "亮", "成", "佳", "丽", "婷", "雪", "琳", "静", "敏", "燕",
];

/// (code, name, level, occupations) of the chain-related majors schools offer.
const MAJORS: &[(&str, &str, MajorLevel, &[&str])] = &[
    (
        "0601",
        "电子技术应用（PCB 制造方向）",
        MajorLevel::Advanced,
        &["6-25-01-13", "6-25-01-12"],
    ),
    (
        "0601",
        "电子技术应用",
        MajorLevel::Intermediate,
        &["6-25-04-01"],
    ),
    (
        "0602",
        "电气自动化设备安装与维修",
        MajorLevel::Advanced,
        &["6-31-01-03"],
    ),
    (
        "0603",
        "机电一体化",
        MajorLevel::Intermediate,
        &["6-30-99-00"],
    ),
    (
        "0604",
        "工业机器人应用与维护",
        MajorLevel::PreparatoryTechnician,
        &["6-30-99-00"],
    ),
    (
        "0605",
        "光电子技术应用",
        MajorLevel::Advanced,
        &["6-25-04-03"],
    ),
    (
        "0606",
        "液晶显示与光电技术",
        MajorLevel::Intermediate,
        &["6-25-02-05"],
    ),
    (
        "0607",
        "半导体封装与测试",
        MajorLevel::Advanced,
        &["6-25-02-02", "6-25-02-01"],
    ),
];

/// (post, occupation, level, kind) of typical demands.
const POSTS: &[(&str, &str, &str, DemandKind)] = &[
    (
        "沉铜电镀操作工",
        "6-25-01-13",
        "level4",
        DemandKind::PositionInternship,
    ),
    ("AOI 检验员", "6-25-01-13", "level4", DemandKind::Job),
    ("钻孔成型技工", "6-25-01-13", "level3", DemandKind::Job),
    ("CAM 制版工程助理", "6-25-01-12", "level3", DemandKind::Job),
    (
        "SMT 贴片操作员",
        "6-25-04-01",
        "level4",
        DemandKind::PositionInternship,
    ),
    (
        "设备维修电工",
        "6-31-01-03",
        "level3",
        DemandKind::Apprenticeship,
    ),
    (
        "机器人工作站操作员",
        "6-30-99-00",
        "level4",
        DemandKind::OrderClass,
    ),
    ("光模块装调工", "6-25-04-03", "level4", DemandKind::Job),
    (
        "模组贴合操作工",
        "6-25-02-05",
        "level5",
        DemandKind::PositionInternship,
    ),
    ("封装测试技术员", "6-25-02-02", "level3", DemandKind::Job),
];

const REGIONS: &[(&str, &str)] = &[
    ("黄石市", "420204"),
    ("武汉市", "420111"),
    ("鄂州市", "420704"),
    ("黄冈市", "421102"),
    ("咸宁市", "421202"),
    ("孝感市", "420902"),
    ("襄阳市", "420607"),
    ("宜昌市", "420502"),
];

fn person_name(rng: &mut Rng) -> Result<PersonName> {
    let mut name = SURNAMES[rng.below(SURNAMES.len())].to_string();
    for _ in 0..(1 + rng.below(2)) {
        name.push_str(GIVEN[rng.below(GIVEN.len())]);
    }
    PersonName::parse(&name).map_err(|p| Error::Internal(format!("generated name {name}: {p:?}")))
}

/// A valid ID number, unique for every serial below 3,024,000: the serial picks
/// the sequence number, birth day, month and region, so no two trainees share one.
fn id_number(serial: usize, birth_year: i64, today: time::Date) -> Result<IdCardNumber> {
    const REGION_CODES: [&str; 9] = [
        "420202", "420203", "420204", "420205", "420281", "420222", "420111", "420704", "421102",
    ];
    let seq = serial % 1000;
    let day = 1 + (serial / 1000) % 28;
    let month = 1 + (serial / 28_000) % 12;
    let region = REGION_CODES[(serial / 336_000) % REGION_CODES.len()];
    let first17 = format!("{region}{birth_year:04}{month:02}{day:02}{seq:03}");
    let full = IdCardNumber::with_check_character(&first17)
        .ok_or_else(|| Error::Internal("id generation".into()))?;
    IdCardNumber::parse(&full, today).map_err(|p| Error::Internal(format!("generated id: {p:?}")))
}

/// Loads the demo alliance and then the data of `scale`.
pub async fn load(app: &App, scale: Scale, seed: u64) -> Result<(Loaded, Report)> {
    let base = demo::load(app).await?;
    let mut rng = Rng(seed);
    let mut report = Report::default();
    let now = app.now();
    let today = now.date_cst();
    // 1. Extra fictional units for the larger scales: a third schools, the rest enterprises.
    let mut schools: Vec<OrgId> = Vec::new();
    let mut enterprises: Vec<OrgId> = Vec::new();
    {
        let mut conn = app.db.read().await?;
        let (entries, _) = gongjiang_store::members::roster(
            &mut conn,
            base.alliance,
            &Default::default(),
            0,
            10_000,
        )
        .await?;
        for e in entries {
            if e.org.kind.is_school() {
                schools.push(e.org.id);
            } else if e.org.kind == OrgKind::Enterprise {
                enterprises.push(e.org.id);
            }
        }
    }
    let extra = scale.units().saturating_sub(75);
    if extra > 0 {
        let mut tx = app.db.write().await?;
        for i in 0..extra {
            let school = i % 3 == 0;
            let (city, region) = REGIONS[rng.below(REGIONS.len())];
            let kind = if school {
                OrgKind::TechnicalCollege
            } else {
                OrgKind::Enterprise
            };
            let name = if school {
                format!("{}示例第{}技工学校", city.trim_end_matches('市'), i + 1)
            } else {
                format!("{}示例{}号电子有限公司", city.trim_end_matches('市'), i + 1)
            };
            let first17 = format!(
                "{}{region}{:09}",
                if school { "12" } else { "91" },
                100_000_000 + i
            );
            let code = CreditCode::with_check_character(&first17)
                .ok_or_else(|| Error::Internal("credit code".into()))?;
            let org = Organization {
                id: OrgId::new(),
                kind,
                name,
                other_names: vec![],
                short_name: String::new(),
                credit_code: code.as_str().to_string(),
                city: city.into(),
                district: String::new(),
                address: String::new(),
                website: String::new(),
                intro: "示例单位（虚构），用于规模演示。".into(),
                segments: vec!["pcb".into()],
                is_fictional: true,
                created_at: now,
                updated_at: now,
            };
            gongjiang_store::members::insert_org(
                &mut tx,
                &org,
                &search_columns(&org.name, &[], ""),
            )
            .await?;
            gongjiang_store::members::insert_membership(
                &mut tx,
                &Membership {
                    id: MembershipId::new(),
                    alliance_id: base.alliance,
                    org_id: org.id,
                    status: MembershipStatus::Active,
                    requested_tier: Tier::Member,
                    tier: Some(Tier::Member),
                    contact_name: String::new(),
                    contact_phone: String::new(),
                    contact_email: String::new(),
                    statement: String::new(),
                    applied_at: now,
                    decided_at: Some(now),
                    decided_by: None,
                    decision_reason: "规模演示数据".into(),
                    joined_at: Some(now),
                    ended_at: None,
                    end_reason: String::new(),
                    updated_at: now,
                },
            )
            .await?;
            if school {
                schools.push(org.id)
            } else {
                enterprises.push(org.id)
            }
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
        report.extra_units = extra;
    }
    // 2. Demand: 3–8 postings per enterprise.
    {
        let mut tx = app.db.write().await?;
        for &org in &enterprises {
            for _ in 0..(3 + rng.below(6)) {
                let (post, occupation, level, kind) = POSTS[rng.below(POSTS.len())];
                let wage = 3500 + 100 * i64::try_from(rng.below(20)).unwrap_or(0);
                let month = 1 + rng.below(12);
                let d = Demand {
                    id: DemandId::new(),
                    org_id: org,
                    post_name: post.into(),
                    kind,
                    occupation_code: Some(occupation.into()),
                    segment_code: None,
                    min_level: level.into(),
                    headcount: 2 + i64::try_from(rng.below(30)).unwrap_or(0),
                    city: REGIONS[rng.below(REGIONS.len())].0.into(),
                    wage_min_fen: Some(wage * 100),
                    wage_max_fen: Some((wage + 800) * 100),
                    start_on: format!(
                        "{}-{month:02}-01",
                        today.year() + i32::try_from(rng.below(2)).unwrap_or(0)
                    ),
                    end_on: None,
                    night_shift: kind != DemandKind::PositionInternship && rng.below(4) == 0,
                    requirements: String::new(),
                    status: if rng.below(10) == 0 {
                        DemandStatus::Draft
                    } else {
                        DemandStatus::Open
                    },
                    created_at: now,
                    updated_at: now,
                };
                gongjiang_store::demand::save(&mut tx, &d).await?;
                report.demands += 1;
            }
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
    // 3. Majors, cohorts and trainees, spread evenly over the schools.
    let per_school = scale.trainees() / schools.len().max(1);
    let mut serial = 0usize;
    for &school in &schools {
        let mut tx = app.db.write().await?;
        let n_majors = 2 + rng.below(4);
        let mut majors = Vec::new();
        for k in 0..n_majors {
            let (code, name, level, occupations) =
                MAJORS[(k + rng.below(MAJORS.len())) % MAJORS.len()];
            if majors
                .iter()
                .any(|m: &Major| m.code == code && m.level == level)
            {
                continue;
            }
            let major = Major {
                id: MajorId::new(),
                org_id: school,
                code: code.into(),
                name: name.into(),
                level,
                length_years: 3,
                annual_intake: 90,
                occupations: occupations.iter().map(|o| o.to_string()).collect(),
                created_at: now,
            };
            gongjiang_store::supply::save_major(&mut tx, &major, now).await?;
            majors.push(major);
            report.majors += 1;
        }
        let mut left = per_school;
        let mut class_no = 0;
        while left > 0 {
            let major = &majors[class_no % majors.len()];
            let entry_year = i64::from(today.year()) - 2 + i64::try_from(class_no % 3).unwrap_or(0);
            let size = left.min(40 + rng.below(11));
            let cohort = Cohort {
                id: CohortId::new(),
                org_id: school,
                major_id: major.id,
                name: format!("{entry_year}级{}{}班", major.name, class_no + 1),
                entry_year,
                graduation_year: entry_year + major.length_years,
                size: i64::try_from(size).unwrap_or(0),
                sponsor_org_id: None,
            };
            gongjiang_store::supply::save_cohort(&mut tx, &cohort, now).await?;
            report.cohorts += 1;
            for _ in 0..size {
                serial += 1;
                let birth_year = entry_year - 15 - i64::try_from(rng.below(2)).unwrap_or(0);
                let id = id_number(serial, birth_year, today)?;
                let grade = i64::from(today.year()) - entry_year + 1;
                let status = if grade >= 3 && rng.below(3) == 0 && id.age_on(today) >= 16 {
                    TraineeStatus::Interning
                } else {
                    TraineeStatus::Enrolled
                };
                let phone = Mobile::parse(&format!("13{:09}", serial % 1_000_000_000)).ok();
                let fields = TraineeFields {
                    name: person_name(&mut rng)?,
                    id_number: id,
                    phone,
                    student_no: format!("{entry_year}{serial:07}"),
                    cohort_id: Some(cohort.id),
                    status,
                    consent_purpose: "学籍管理与实习就业推荐".into(),
                };
                let (trainee, index, keys) =
                    seal_trainee(app, TraineeId::new(), school, &fields, "demo", now, now);
                gongjiang_store::supply::save_trainee(&mut tx, &trainee, &index, &keys, now)
                    .await?;
                report.trainees += 1;
            }
            left -= size;
            class_no += 1;
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
    // 4. One open placement round with a few lists, so the rounds pages have something to show.
    demo::load_round(app, &base).await?;
    // 5. Training, internships, employment, evaluation and certificates, through the use cases.
    report.chain = crate::demo::chain::load(app, &base).await?;
    let mut tx = app.db.write().await?;
    audit::append(
        &mut tx,
        app.db.backend(),
        &NewEntry {
            at: now,
            actor_user_id: None,
            actor_login: "system".into(),
            actor_org_id: None,
            actor_role: "system".into(),
            action: "demo.scale".into(),
            object_type: "alliance".into(),
            object_id: base.alliance.to_string(),
            object_org_id: None,
            before: serde_json::Value::Null,
            after: serde_json::json!({"units": report.extra_units, "majors": report.majors, "cohorts": report.cohorts, "trainees": report.trainees, "demands": report.demands}),
            ip: "cli".into(),
        },
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    // A million rows written in one go: the planner must know before serving.
    app.db.refresh_statistics().await?;
    Ok((base, report))
}

/// Two graduated cohorts of a school's `major` (graduated two years ago and
/// last year, 30 trainees each), for employment, its follow-ups and
/// evaluation. ID serials start above the province scale's.
pub(crate) async fn graduates(
    app: &App,
    school: OrgId,
    major: &Major,
) -> Result<Vec<(Cohort, Vec<gongjiang_domain::supply::Trainee>)>> {
    let now = app.now();
    let today = now.date_cst();
    let mut rng = Rng(20_240_701);
    let mut out = Vec::new();
    let mut serial = 2_900_000usize;
    let mut tx = app.db.write().await?;
    for years_ago in [2i64, 1] {
        let graduation_year = i64::from(today.year()) - years_ago;
        let entry_year = graduation_year - major.length_years;
        let cohort = Cohort {
            id: CohortId::new(),
            org_id: school,
            major_id: major.id,
            name: format!("{entry_year}级{}毕业班", major.name),
            entry_year,
            graduation_year,
            size: 30,
            sponsor_org_id: None,
        };
        gongjiang_store::supply::save_cohort(&mut tx, &cohort, now).await?;
        let mut list = Vec::new();
        for _ in 0..30 {
            serial += 1;
            let birth_year = entry_year - 15 - i64::try_from(rng.below(2)).unwrap_or(0);
            let fields = TraineeFields {
                name: person_name(&mut rng)?,
                id_number: id_number(serial, birth_year, today)?,
                phone: Mobile::parse(&format!("13{:09}", serial % 1_000_000_000)).ok(),
                student_no: format!("{entry_year}{serial:07}"),
                cohort_id: Some(cohort.id),
                status: TraineeStatus::Graduated,
                consent_purpose: "学籍管理与实习就业推荐".into(),
            };
            let (trainee, index, keys) =
                seal_trainee(app, TraineeId::new(), school, &fields, "demo", now, now);
            gongjiang_store::supply::save_trainee(&mut tx, &trainee, &index, &keys, now).await?;
            list.push(trainee);
        }
        out.push((cohort, list));
    }
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(out)
}

/// A trainee roster in which every data row but one breaks one rule, for
/// trying the import's refusals (the file-level problems — not Excel, empty,
/// too big, missing columns, formulas, merged cells — are the spreadsheet
/// crate's and tested there): the `问题` column (ignored by the reader, like the
/// problem column of a report) says what each row should be refused for.
/// `today` decides ages; `seed` varies the names and numbers.
pub fn bad_trainee_rows(seed: u64, today: time::Date) -> String {
    use gongjiang_domain::values::IdCardNumber;
    let n = seed % 900 + 100;
    let id = |birth: &str, seq: u64| {
        IdCardNumber::with_check_character(&format!("420102{birth}{:03}", seq % 1000))
            .unwrap_or_default()
    };
    let adult = id("20050315", n);
    let wrong_check = {
        let good = id("20040611", n + 1);
        let last = if good.ends_with('0') { '1' } else { '0' };
        format!("{}{last}", &good[..17])
    };
    let fifteen = format!("{:04}0101", today.year() - 15);
    let rows: Vec<[String; 8]> = vec![
        [
            "身份证号校验位错误".into(),
            "陈一".into(),
            wrong_check,
            String::new(),
            String::new(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "出生日期不存在（2月30日）".into(),
            "陈二".into(),
            id("20060230", n + 2),
            String::new(),
            String::new(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "未满16周岁却为实习中".into(),
            "陈三".into(),
            id(&fifteen, n + 3),
            String::new(),
            String::new(),
            "实习中".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "手机号不是大陆手机号".into(),
            "陈四".into(),
            id("20050101", n + 4),
            "12345678901".into(),
            String::new(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "班级不存在".into(),
            "陈七".into(),
            id("20050104", n + 7),
            String::new(),
            "不存在的班级".into(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "本行正确（与下一行身份证号相同）".into(),
            "陈九".into(),
            adult.clone(),
            String::new(),
            String::new(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
        [
            "身份证号在文件中重复".into(),
            "陈十".into(),
            adult,
            String::new(),
            String::new(),
            "在读".into(),
            "学籍管理与实习就业推荐".into(),
            String::new(),
        ],
    ];
    let mut out =
        String::from("\u{feff}问题,姓名,身份证号,手机号,班级名称,状态,个人信息处理目的,学号\r\n");
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_id_numbers_are_valid_and_distinct() {
        let today = time::macros::date!(2026 - 11 - 28);
        let mut seen = std::collections::HashSet::new();
        for serial in (0..3_024_000).step_by(997) {
            let id = id_number(serial, 2008, today).unwrap();
            assert!(
                seen.insert(id.as_str().to_string()),
                "serial {serial} repeats"
            );
        }
    }
}

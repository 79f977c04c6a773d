//! The demo alliance: 武汉都市圈光电子技工教育联盟 with its chair unit, the
//! industry association the founding announcement names, and generated,
//! clearly fictional units to reach 72 founding members of every kind, plus a
//! few pending applications and one demo account per role.
//!
//! Only the chair unit (鄂东技师学院, also 湖北工程职业学院) and 黄石市光电子信息产业协会
//! are real names; every other unit is invented from word lists that avoid
//! real enterprise names (see `DENY_LIST`) and is flagged `is_fictional`, so
//! the roster labels it 示例. No demo account carries a person's name. The
//! same data serves `gongjiang demo`, `serve --demo` and the tests.

pub mod chain;
pub mod scale;

use crate::App;
use crate::error::{Error, Result};
use crate::members::search_columns;
use crate::passwords;
use gongjiang_domain::accounts::{DEMO_PASSWORD, Role, UserStatus};
use gongjiang_domain::ids::{AllianceId, GrantId, MembershipId, OrgId, UserId};
use gongjiang_domain::members::{Membership, MembershipStatus, OrgKind, Organization, Tier};
use gongjiang_domain::values::CreditCode;
use gongjiang_store::accounts::{self as accounts_store, Grant, User};
use gongjiang_store::audit::{self, NewEntry};
use gongjiang_store::members::{self as store, Alliance};
use serde_json::json;

/// The demo alliance's name.
pub const ALLIANCE_NAME: &str = "武汉都市圈光电子技工教育联盟";
/// The chair unit.
pub const CHAIR_NAME: &str = "鄂东技师学院";
/// The chair unit's second name (one institution, two plates).
pub const CHAIR_OTHER_NAME: &str = "湖北工程职业学院";
/// The real industry association named in the announcement.
pub const ASSOCIATION_NAME: &str = "黄石市光电子信息产业协会";

/// Words of real enterprises in the region that generated names must never contain.
pub const DENY_LIST: &[&str] = &[
    "沪士",
    "欣兴",
    "上达",
    "定颖",
    "志博信",
    "锐科",
    "闻泰",
    "诺德",
    "联新",
    "长飞",
    "烽火",
    "光迅",
    "华工",
    "京东方",
    "天马",
    "华星",
];

/// A demo account.
#[derive(Debug, Clone, Copy)]
pub struct DemoAccount {
    /// Login.
    pub login: &'static str,
    /// Display name.
    pub display_name: &'static str,
    /// Role.
    pub role: Role,
    /// Which unit: "chair", "school" or "enterprise".
    pub unit: &'static str,
}

/// One demo account per role (and an admin and staff member on each side).
pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        login: "secretariat",
        display_name: "联盟秘书处（演示）",
        role: Role::Secretariat,
        unit: "chair",
    },
    DemoAccount {
        login: "school-admin",
        display_name: "示例学院管理员（演示）",
        role: Role::OrgAdmin,
        unit: "school",
    },
    DemoAccount {
        login: "teacher",
        display_name: "示例学院教师（演示）",
        role: Role::Staff,
        unit: "school",
    },
    DemoAccount {
        login: "enterprise-admin",
        display_name: "示例企业管理员（演示）",
        role: Role::OrgAdmin,
        unit: "enterprise",
    },
    DemoAccount {
        login: "hr",
        display_name: "示例企业人事（演示）",
        role: Role::Staff,
        unit: "enterprise",
    },
    DemoAccount {
        login: "trainee",
        display_name: "示例学员（演示）",
        role: Role::Trainee,
        unit: "school",
    },
];

/// A small deterministic generator (SplitMix64), so the demo is the same every time.
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
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct City {
    name: &'static str,
    districts: &'static [(&'static str, &'static str)],
}

const HUANGSHI: City = City {
    name: "黄石市",
    districts: &[
        ("黄石港区", "420202"),
        ("西塞山区", "420203"),
        ("下陆区", "420204"),
        ("铁山区", "420205"),
        ("大冶市", "420281"),
        ("阳新县", "420222"),
    ],
};
const WUHAN: City = City {
    name: "武汉市",
    districts: &[
        ("洪山区", "420111"),
        ("江夏区", "420115"),
        ("东西湖区", "420112"),
    ],
};
const NEAR: &[City] = &[
    City {
        name: "鄂州市",
        districts: &[("鄂城区", "420704")],
    },
    City {
        name: "黄冈市",
        districts: &[("黄州区", "421102")],
    },
    City {
        name: "咸宁市",
        districts: &[("咸安区", "421202")],
    },
    City {
        name: "孝感市",
        districts: &[("孝南区", "420902")],
    },
];
const FAR: &[City] = &[
    City {
        name: "襄阳市",
        districts: &[("襄州区", "420607")],
    },
    City {
        name: "宜昌市",
        districts: &[("西陵区", "420502")],
    },
    City {
        name: "荆州市",
        districts: &[("沙市区", "421002")],
    },
];

const BRANDS: &[&str] = &[
    "鑫瀚", "楚芯", "磁湖", "东楚", "瀚光", "青禾", "博睿", "晶测", "澜川", "云泽", "青岚", "江屿",
    "启明", "拓远", "恒岳", "星汉", "安澜", "曜石", "蓝湾", "朗峰",
];

const ENTERPRISE_DOMAINS: &[(&str, &str)] = &[
    ("电路科技", "pcb"),
    ("精密电子", "pcb"),
    ("光电显示", "display"),
    ("半导体", "chips"),
    ("光通信", "optics"),
    ("智能终端", "terminals"),
    ("新材料", "materials"),
    ("物联科技", "networks"),
    ("自动化设备", "automation"),
];

/// Picks a city by the alliance's geography: 45 % Huangshi, 22 % Wuhan,
/// 20 % the nearby cities, 13 % elsewhere in Hubei.
fn city_for(index: usize, rng: &mut Rng) -> (&'static str, &'static str, &'static str) {
    let slot = index * 100 / 72;
    let city: &City = if slot < 45 {
        &HUANGSHI
    } else if slot < 67 {
        &WUHAN
    } else if slot < 87 {
        rng.pick(NEAR)
    } else {
        rng.pick(FAR)
    };
    let (district, region) = *rng.pick(city.districts);
    (city.name, district, region)
}

const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid, generated unified social credit code for a unit of `kind` in `region`.
fn credit_code(kind: OrgKind, region: &str, rng: &mut Rng) -> Result<String> {
    let prefix = match kind {
        OrgKind::Enterprise => "91",
        OrgKind::Association => "51",
        OrgKind::VocationalSchool | OrgKind::TechnicalCollege | OrgKind::ResearchInstitute => "12",
        OrgKind::GovernmentAgency => "11",
    };
    let mut first17 = format!("{prefix}{region}");
    while first17.len() < 17 {
        first17.push(char::from(CODE_ALPHABET[rng.below(10)]));
    }
    CreditCode::with_check_character(&first17)
        .map(|c| c.as_str().to_string())
        .ok_or_else(|| Error::Internal("generated credit code rejected".into()))
}

/// A unit to create.
struct Plan {
    kind: OrgKind,
    name: String,
    other_names: Vec<String>,
    short_name: String,
    city: &'static str,
    district: &'static str,
    region: &'static str,
    segments: Vec<String>,
    tier: Option<Tier>,
    fictional: bool,
    intro: String,
}

/// The 72 founding members and 3 pending applicants, in a fixed order.
fn plan(rng: &mut Rng) -> Vec<Plan> {
    let mut units = Vec::new();
    let mut index = 0;
    let mut next_city = |rng: &mut Rng| {
        let c = city_for(index, rng);
        index += 1;
        c
    };
    // The two real units first.
    units.push(Plan {
        kind: OrgKind::TechnicalCollege,
        name: CHAIR_NAME.into(),
        other_names: vec![CHAIR_OTHER_NAME.into()],
        short_name: "鄂东技院".into(),
        city: "黄石市",
        district: "下陆区",
        region: "420204",
        segments: vec!["pcb".into(), "display".into(), "optics".into()],
        tier: Some(Tier::Chair),
        fictional: false,
        intro:
            "联盟理事长单位，秘书处所在地。一校两牌：技师学院（人社系统）与高职院校（教育系统）。"
                .into(),
    });
    units.push(Plan {
        kind: OrgKind::Association,
        name: ASSOCIATION_NAME.into(),
        other_names: vec![],
        short_name: "黄石光电子协会".into(),
        city: "黄石市",
        district: "黄石港区",
        region: "420202",
        segments: vec![
            "pcb".into(),
            "optics".into(),
            "display".into(),
            "terminals".into(),
        ],
        tier: Some(Tier::ViceChair),
        fictional: false,
        intro: "联盟副理事长单位，联系黄石电子信息企业。".into(),
    });
    let mut brand = 0;
    let mut next_brand = || {
        let b = BRANDS[brand % BRANDS.len()];
        brand += 1;
        b
    };
    let school_kinds: [(usize, OrgKind, &str); 5] = [
        (5, OrgKind::TechnicalCollege, "技师学院"),
        (5, OrgKind::TechnicalCollege, "高级技工学校"),
        (9, OrgKind::TechnicalCollege, "技工学校"),
        (10, OrgKind::VocationalSchool, "职业技术学校"),
        (2, OrgKind::VocationalSchool, "职业技术学院"),
    ];
    for (count, kind, suffix) in school_kinds {
        for _ in 0..count {
            let (city, district, region) = next_city(rng);
            let b = next_brand();
            let city_short = city.trim_end_matches('市');
            let mut segments = vec![
                rng.pick(&["pcb", "display", "optics", "automation"])
                    .to_string(),
            ];
            let second = rng
                .pick(&["terminals", "networks", "chips", "pcb"])
                .to_string();
            if !segments.contains(&second) {
                segments.push(second);
            }
            units.push(Plan {
                kind,
                name: format!("{city_short}{b}{suffix}"),
                other_names: vec![],
                short_name: format!("{b}{}", &suffix.chars().take(2).collect::<String>()),
                city,
                district,
                region,
                segments,
                tier: None,
                fictional: true,
                intro: "示例单位（虚构），用于演示。".into(),
            });
        }
    }
    for i in 0..34 {
        let (city, district, region) = next_city(rng);
        let b = BRANDS[(i * 7 + 3) % BRANDS.len()];
        let (domain, segment) = ENTERPRISE_DOMAINS[i % ENTERPRISE_DOMAINS.len()];
        let form = if i % 4 == 0 {
            "股份有限公司"
        } else {
            "有限公司"
        };
        let city_short = city.trim_end_matches('市');
        units.push(Plan {
            kind: OrgKind::Enterprise,
            name: format!("{city_short}{b}{domain}{form}"),
            other_names: vec![],
            short_name: format!("{b}{}", &domain.chars().take(2).collect::<String>()),
            city,
            district,
            region,
            segments: vec![segment.to_string()],
            tier: None,
            fictional: true,
            intro: "示例企业（虚构），不代表任何真实企业。".into(),
        });
    }
    let others: [(OrgKind, &str, &str); 5] = [
        (OrgKind::Association, "印制电路行业协会", "pcb"),
        (OrgKind::Association, "新型显示产业协会", "display"),
        (OrgKind::Association, "智能制造促进会", "automation"),
        (OrgKind::ResearchInstitute, "电子技术研究院", "chips"),
        (OrgKind::GovernmentAgency, "公共实训中心", "automation"),
    ];
    for (kind, suffix, segment) in others {
        let (city, district, region) = next_city(rng);
        let b = next_brand();
        units.push(Plan {
            kind,
            name: format!("{}{b}{suffix}", city.trim_end_matches('市')),
            other_names: vec![],
            short_name: String::new(),
            city,
            district,
            region,
            segments: vec![segment.into()],
            tier: None,
            fictional: true,
            intro: "示例单位（虚构），用于演示。".into(),
        });
    }
    // Tiers: 6 vice chairs (3 schools, 2 enterprises, the real association), 20 council, the rest members.
    let schools: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].kind.is_school() && units[i].tier.is_none())
        .collect();
    let enterprises: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].kind == OrgKind::Enterprise)
        .collect();
    for &i in schools.iter().take(3) {
        units[i].tier = Some(Tier::ViceChair);
    }
    for &i in enterprises.iter().take(2) {
        units[i].tier = Some(Tier::ViceChair);
    }
    let mut council = 0;
    for unit in units.iter_mut() {
        if unit.tier.is_none() && council < 20 && rng.below(100) < 40 {
            unit.tier = Some(Tier::Council);
            council += 1;
        }
    }
    for unit in units.iter_mut() {
        if unit.tier.is_none() {
            if council < 20 {
                unit.tier = Some(Tier::Council);
                council += 1;
            } else {
                unit.tier = Some(Tier::Member);
            }
        }
    }
    // Three applicants waiting for the secretariat.
    let applicants: [(OrgKind, &str, &str, &str); 3] = [
        (
            OrgKind::TechnicalCollege,
            "黄石",
            "北辰技工学校",
            "automation",
        ),
        (
            OrgKind::Enterprise,
            "鄂州",
            "北辰光电显示有限公司",
            "display",
        ),
        (OrgKind::Enterprise, "武汉", "南屿半导体有限公司", "chips"),
    ];
    for (kind, city_short, rest, segment) in applicants {
        let (city, district, region) = match city_short {
            "黄石" => ("黄石市", "铁山区", "420205"),
            "鄂州" => ("鄂州市", "鄂城区", "420704"),
            _ => ("武汉市", "江夏区", "420115"),
        };
        units.push(Plan {
            kind,
            name: format!("{city_short}{rest}"),
            other_names: vec![],
            short_name: String::new(),
            city,
            district,
            region,
            segments: vec![segment.into()],
            tier: None,
            fictional: true,
            intro: "示例申请单位（虚构）。".into(),
        });
    }
    units
}

/// What the demo loader created.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The alliance.
    pub alliance: AllianceId,
    /// Active founding members created.
    pub members: usize,
    /// Pending applications created.
    pub applications: usize,
    /// The chair unit.
    pub chair: OrgId,
    /// The demo school (holds the school accounts).
    pub school: OrgId,
    /// The demo enterprise (holds the enterprise accounts).
    pub enterprise: OrgId,
}

/// Loads the demo alliance into an empty database. Refuses when an alliance exists.
pub async fn load(app: &App) -> Result<Loaded> {
    let mut rng = Rng(20_231_201);
    let units = plan(&mut rng);
    let now = app.now();
    let alliance_id = AllianceId::new();
    let password_hash = {
        let password = DEMO_PASSWORD.to_string();
        tokio::task::spawn_blocking(move || passwords::hash_now(&password))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??
    };
    let mut tx = app.db.write().await?;
    if store::first_alliance(&mut tx).await?.is_some() {
        return Err(Error::WrongState(
            "this database already holds an alliance; the demo loads only into an empty one".into(),
        ));
    }
    store::insert_alliance(
        &mut tx,
        &Alliance {
            id: alliance_id,
            name: ALLIANCE_NAME.into(),
            name_en: "Wuhan Metropolitan Area Optoelectronics Technical Education Alliance".into(),
            short_name: "光电子技工教育联盟".into(),
            founded_on: Some("2023-12-01".into()),
            host_org_id: None,
        },
        now,
    )
    .await?;
    let mut ids = Vec::with_capacity(units.len());
    let mut members = 0;
    let mut applications = 0;
    for (i, unit) in units.iter().enumerate() {
        let org = Organization {
            id: OrgId::new(),
            kind: unit.kind,
            name: unit.name.clone(),
            other_names: unit.other_names.clone(),
            short_name: unit.short_name.clone(),
            credit_code: credit_code(unit.kind, unit.region, &mut rng)?,
            city: unit.city.into(),
            district: unit.district.into(),
            address: String::new(),
            website: String::new(),
            intro: unit.intro.clone(),
            segments: unit.segments.clone(),
            is_fictional: unit.fictional,
            created_at: now,
            updated_at: now,
        };
        store::insert_org(
            &mut tx,
            &org,
            &search_columns(&org.name, &org.other_names, &org.short_name),
        )
        .await?;
        let active = unit.tier.is_some();
        let membership = Membership {
            id: MembershipId::new(),
            alliance_id,
            org_id: org.id,
            status: if active {
                MembershipStatus::Active
            } else {
                MembershipStatus::Applied
            },
            requested_tier: unit.tier.unwrap_or(Tier::Member),
            tier: unit.tier,
            contact_name: String::new(),
            contact_phone: String::new(),
            contact_email: String::new(),
            statement: if active {
                String::new()
            } else {
                "申请加入联盟，参与校企合作与人才培养。".into()
            },
            applied_at: now,
            decided_at: active.then_some(now),
            decided_by: None,
            decision_reason: if active {
                "成立大会通过（演示）".into()
            } else {
                String::new()
            },
            joined_at: active.then_some(now),
            ended_at: None,
            end_reason: String::new(),
            updated_at: now,
        };
        store::insert_membership(&mut tx, &membership).await?;
        if active {
            members += 1;
        } else {
            applications += 1;
        }
        ids.push((i, org.id, unit.kind, unit.fictional));
    }
    let chair = ids[0].1;
    store::set_alliance_host(&mut tx, alliance_id, chair).await?;
    let school = ids
        .iter()
        .find(|(_, _, kind, fictional)| *kind == OrgKind::TechnicalCollege && *fictional)
        .map(|x| x.1)
        .ok_or_else(|| Error::Internal("demo has no school".into()))?;
    let enterprise = ids
        .iter()
        .find(|(_, _, kind, _)| *kind == OrgKind::Enterprise)
        .map(|x| x.1)
        .ok_or_else(|| Error::Internal("demo has no enterprise".into()))?;
    for account in ACCOUNTS {
        let org = match account.unit {
            "chair" => chair,
            "school" => school,
            _ => enterprise,
        };
        let user = User {
            id: UserId::new(),
            login: account.login.into(),
            display_name: account.display_name.into(),
            password_hash: password_hash.clone(),
            status: UserStatus::Active,
            is_demo: true,
            must_change_password: false,
            password_changed_at: now,
            created_at: now,
        };
        accounts_store::insert_user(&mut tx, &user).await?;
        accounts_store::insert_grant(
            &mut tx,
            &Grant {
                id: GrantId::new(),
                user_id: user.id,
                org_id: org,
                role: account.role,
            },
            now,
        )
        .await?;
    }
    audit::append(
        &mut tx,
        app.db.backend(),
        &NewEntry {
            at: now,
            actor_user_id: None,
            actor_login: "system".into(),
            actor_org_id: None,
            actor_role: "system".into(),
            action: "demo.load".into(),
            object_type: "alliance".into(),
            object_id: alliance_id.to_string(),
            object_org_id: Some(chair.to_string()),
            before: json!(null),
            after: json!({"members": members, "applications": applications}),
            ip: "cli".into(),
        },
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Loaded {
        alliance: alliance_id,
        members,
        applications,
        chair,
        school,
        enterprise,
    })
}

/// Loads one open placement round into a demo whose schools and demand are
/// already filled (`demo_scale`): three internship places (two at the demo
/// enterprise, one at another), the demo school's third-year cohort taking
/// part, the demo trainee account linked to a trainee of that cohort (with no
/// list yet, to try the form), a handful of lists entered by the demo
/// teacher, a scoring rule on one place, and the staff counts the intern caps need.
pub async fn load_round(app: &App, loaded: &Loaded) -> Result<gongjiang_domain::ids::RoundId> {
    use gongjiang_domain::demand::{Demand, DemandKind, DemandStatus};
    use gongjiang_domain::ids::{DemandId, RoundId};
    use gongjiang_domain::rounds::{Round, RoundKind, RoundStatus, Weights};
    use gongjiang_store::rounds as rounds_store;
    use gongjiang_store::supply::{self as supply_store, TraineeFilter};
    let now = app.now();
    let year = now.date_cst().year();
    let mut tx = app.db.write().await?;
    let majors = supply_store::majors(&mut tx, Some(loaded.school)).await?;
    let cohorts = supply_store::cohorts(&mut tx, Some(loaded.school)).await?;
    let (cohort, major) = cohorts
        .iter()
        .filter(|c| c.entry_year == i64::from(year) - 2)
        .find_map(|c| {
            majors
                .iter()
                .find(|m| m.id == c.major_id && !m.occupations.is_empty())
                .map(|m| (c, m))
        })
        .ok_or_else(|| Error::Internal("the demo school has no third-year cohort".into()))?;
    let occupation = major.occupations[0].clone();
    let (roster, _) =
        store::roster(&mut tx, loaded.alliance, &Default::default(), 0, 10_000).await?;
    let other_enterprise = roster
        .iter()
        .find(|e| e.org.kind == OrgKind::Enterprise && e.org.id != loaded.enterprise)
        .map(|e| e.org.id)
        .ok_or_else(|| Error::Internal("the demo has one enterprise only".into()))?;
    let posts = [
        (loaded.enterprise, "岗位实习·工艺操作（演示）", 4, 3800),
        (loaded.enterprise, "岗位实习·品质检验（演示）", 3, 4000),
        (other_enterprise, "岗位实习·设备维护（演示）", 5, 4200),
    ];
    let mut places = Vec::new();
    for (org, post, headcount, wage) in posts {
        let d = Demand {
            id: DemandId::new(),
            org_id: org,
            post_name: post.into(),
            kind: DemandKind::PositionInternship,
            occupation_code: Some(occupation.clone()),
            segment_code: None,
            min_level: "level4".into(),
            headcount,
            city: "黄石市".into(),
            wage_min_fen: Some(wage * 100),
            wage_max_fen: Some((wage + 600) * 100),
            start_on: format!("{}-03-01", year + 1),
            end_on: Some(format!("{}-08-31", year + 1)),
            night_shift: false,
            requirements: "演示岗位（虚构）".into(),
            status: DemandStatus::Open,
            created_at: now,
            updated_at: now,
        };
        gongjiang_store::demand::save(&mut tx, &d).await?;
        rounds_store::set_post_staff(&mut tx, d.id, 60, now).await?;
        places.push((d.id, headcount));
    }
    rounds_store::set_enterprise_staff(&mut tx, loaded.enterprise, 800, now).await?;
    rounds_store::set_enterprise_staff(&mut tx, other_enterprise, 600, now).await?;
    let round = Round {
        id: RoundId::new(),
        name: format!("{}年春季岗位实习匹配（演示）", year + 1),
        kind: RoundKind::Internship,
        max_choices: 3,
        preference_deadline: now.plus_minutes(14 * 24 * 60),
        ranking_deadline: now.plus_minutes(21 * 24 * 60),
        status: RoundStatus::Open,
        seed: None,
        created_by: "secretariat".into(),
        created_at: now,
        updated_at: now,
        opened_at: Some(now),
        closed_at: None,
        solved_at: None,
        published_at: None,
    };
    rounds_store::save_round(&mut tx, &round).await?;
    rounds_store::replace_round_demands(&mut tx, round.id, &places).await?;
    rounds_store::replace_participants(&mut tx, round.id, &[cohort.id], &[]).await?;
    let (trainees, _) = supply_store::trainees(
        &mut tx,
        &TraineeFilter {
            cohort_id: Some(cohort.id),
            ..Default::default()
        },
        0,
        20,
    )
    .await?;
    let trainee_user = accounts_store::user_by_login(&mut tx, "trainee")
        .await?
        .ok_or_else(|| Error::Internal("no demo trainee account".into()))?;
    // The demo trainee is one still at school (not already interning), so every place is open to them.
    let first = trainees
        .iter()
        .find(|t| t.status == gongjiang_domain::supply::TraineeStatus::Enrolled)
        .ok_or_else(|| Error::Internal("the demo cohort has no enrolled trainee".into()))?;
    let others: Vec<_> = trainees
        .iter()
        .filter(|t| t.id != first.id)
        .take(8)
        .collect();
    rounds_store::link_trainee_account(&mut tx, first.id, trainee_user.id, "school-admin", now)
        .await?;
    let ids: Vec<DemandId> = places.iter().map(|(d, _)| *d).collect();
    for (i, t) in others.iter().enumerate() {
        let list: Vec<DemandId> = (0..1 + i % 3).map(|k| ids[(i + k) % ids.len()]).collect();
        rounds_store::replace_preferences(&mut tx, round.id, t.id, &list, "teacher", "staff", now)
            .await?;
    }
    rounds_store::save_ranking(
        &mut tx,
        round.id,
        &rounds_store::Ranking {
            demand_id: ids[0],
            method: "score".into(),
            weights: serde_json::to_string(&Weights {
                level: 10,
                order_class: 30,
                home_city: 20,
                major_fit: 20,
            })
            .unwrap_or_default(),
            updated_by: "hr".into(),
            updated_at: now,
        },
    )
    .await?;
    audit::append(
        &mut tx,
        app.db.backend(),
        &NewEntry {
            at: now,
            actor_user_id: None,
            actor_login: "system".into(),
            actor_org_id: None,
            actor_role: "system".into(),
            action: "demo.round".into(),
            object_type: "round".into(),
            object_id: round.id.to_string(),
            object_org_id: None,
            before: json!(null),
            after: json!({"places": ids, "cohort": cohort.id, "lists": others.len()}),
            ip: "cli".into(),
        },
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(round.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_has_72_founding_members_of_every_kind_and_three_applicants() {
        let units = plan(&mut Rng(20_231_201));
        let founding: Vec<&Plan> = units.iter().filter(|u| u.tier.is_some()).collect();
        assert_eq!(founding.len(), 72);
        assert_eq!(units.len() - founding.len(), 3);
        let count = |k: OrgKind| founding.iter().filter(|u| u.kind == k).count();
        assert_eq!(count(OrgKind::TechnicalCollege), 20);
        assert_eq!(count(OrgKind::VocationalSchool), 12);
        assert_eq!(count(OrgKind::Enterprise), 34);
        assert_eq!(count(OrgKind::Association), 4);
        assert_eq!(
            count(OrgKind::ResearchInstitute) + count(OrgKind::GovernmentAgency),
            2
        );
        assert_eq!(
            founding
                .iter()
                .filter(|u| u.tier == Some(Tier::Chair))
                .count(),
            1
        );
        assert_eq!(
            founding
                .iter()
                .filter(|u| u.tier == Some(Tier::ViceChair))
                .count(),
            6
        );
        assert_eq!(
            founding
                .iter()
                .filter(|u| u.tier == Some(Tier::Council))
                .count(),
            20
        );
    }

    #[test]
    fn generated_names_are_unique_and_avoid_real_enterprises() {
        let units = plan(&mut Rng(20_231_201));
        let mut names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "duplicate names");
        for unit in units.iter().filter(|u| u.fictional) {
            for word in DENY_LIST {
                assert!(!unit.name.contains(word), "{} contains {word}", unit.name);
            }
        }
    }

    #[test]
    fn generated_credit_codes_pass_validation() {
        let mut rng = Rng(7);
        for kind in OrgKind::ALL {
            let code = credit_code(*kind, "420200", &mut rng).unwrap();
            assert!(CreditCode::parse(&code).is_ok(), "{code}");
        }
    }
}

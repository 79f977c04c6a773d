//! The generated, clearly fictional units of the demo alliance: a
//! deterministic generator, the cities and word lists their names come from,
//! valid credit codes, and the plan of 72 founding members and the pending
//! applicants.

use super::{ASSOCIATION_NAME, CHAIR_NAME, CHAIR_OTHER_NAME};
use crate::error::{Error, Result};
use gongjiang_domain::members::{OrgKind, Tier};
use gongjiang_domain::values::CreditCode;

/// A small deterministic generator (SplitMix64), so the demo is the same every time.
pub(super) struct Rng(pub(super) u64);

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
pub(super) fn credit_code(kind: OrgKind, region: &str, rng: &mut Rng) -> Result<String> {
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
pub(super) struct Plan {
    pub(super) kind: OrgKind,
    pub(super) name: String,
    pub(super) other_names: Vec<String>,
    pub(super) short_name: String,
    pub(super) city: &'static str,
    pub(super) district: &'static str,
    pub(super) region: &'static str,
    pub(super) segments: Vec<String>,
    pub(super) tier: Option<Tier>,
    pub(super) fictional: bool,
    pub(super) intro: String,
}

/// The 72 founding members and 3 pending applicants, in a fixed order.
pub(super) fn plan(rng: &mut Rng) -> Vec<Plan> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DENY_LIST;

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

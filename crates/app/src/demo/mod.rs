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
mod round;
pub mod scale;
mod units;

pub use round::load_round;

use crate::App;
use crate::error::{Error, Result};
use crate::members::search_columns;
use crate::passwords;
use gongjiang_domain::accounts::{DEMO_PASSWORD, Role, UserStatus};
use gongjiang_domain::ids::{AllianceId, GrantId, MembershipId, OrgId, UserId};
use gongjiang_domain::members::{Membership, MembershipStatus, OrgKind, Organization, Tier};
use gongjiang_store::accounts::{self as accounts_store, Grant, User};
use gongjiang_store::audit::{self, NewEntry};
use gongjiang_store::members::{self as store, Alliance};
use serde_json::json;
use units::{Rng, credit_code, plan};

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
            // A pending application names who to tell of the decision (a
            // fictional address: nothing is sent unless [mail] is set).
            contact_name: if active {
                String::new()
            } else {
                "演示联系人".into()
            },
            contact_phone: String::new(),
            contact_email: if active {
                String::new()
            } else {
                let id = org.id.to_string();
                format!("contact-{}@demo.gongjiang.example", &id[id.len() - 8..])
            },
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

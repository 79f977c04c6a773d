//! The demo's open placement round: places, a participating cohort, a linked
//! trainee account, a few lists and the staff counts the intern caps need.

use super::Loaded;
use crate::App;
use crate::error::{Error, Result};
use gongjiang_domain::members::OrgKind;
use gongjiang_store::accounts::{self as accounts_store};
use gongjiang_store::audit::{self, NewEntry};
use gongjiang_store::members::{self as store};
use serde_json::json;

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

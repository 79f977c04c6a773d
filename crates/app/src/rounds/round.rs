//! The round itself: create and change a draft, open and close it (drawing
//! the lottery seed), and read it with its places; also the loading and
//! visibility checks the other parts of a round use.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, RefusedMove, Result};
use crate::policy::Permission;
use gongjiang_domain::demand::DemandStatus;
use gongjiang_domain::ids::{CohortId, DemandId, OrgId, RoundId, TraineeId};
use gongjiang_domain::rounds::{Round, RoundFields, RoundInput, RoundStatus};
use gongjiang_domain::supply::Trainee;
use gongjiang_domain::{FieldErrors, Lifecycle, Problem, Timestamp};
use gongjiang_store::Connection;
use gongjiang_store::rounds::{self as store, RoundDemand};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

/// The lottery seed is drawn below 2^53 so it survives JSON and JavaScript intact.
const SEED_LIMIT: u64 = 1 << 53;

pub(super) fn audit_round(r: &Round) -> serde_json::Value {
    json!({"name": r.name, "kind": r.kind.as_str(), "status": r.status.as_str(), "max_choices": r.max_choices,
        "preference_deadline": r.preference_deadline.rfc3339_cst(), "ranking_deadline": r.ranking_deadline.rfc3339_cst(),
        "seed": r.seed})
}

pub(super) async fn load(conn: &mut Connection, id: RoundId) -> Result<Round> {
    store::get_round(conn, id)
        .await?
        .ok_or(Error::NotFound("round"))
}

/// A draft is known only to the secretariat.
fn visible(actor: &Actor, round: &Round) -> bool {
    round.status != RoundStatus::Draft || actor.may(Permission::ManageRounds)
}

pub(super) async fn load_visible(
    conn: &mut Connection,
    actor: &Actor,
    id: RoundId,
) -> Result<Round> {
    actor.user()?;
    let round = load(conn, id).await?;
    if !visible(actor, &round) {
        return Err(Error::NotFound("round"));
    }
    Ok(round)
}

pub(super) fn frozen_check(round: &Round) -> Result<()> {
    if round.is_frozen() {
        Err(Error::WrongState("round.frozen".into()))
    } else {
        Ok(())
    }
}

/// Checks that the demands, cohorts and schools a round names exist and fit
/// it; returns the demands' headcounts (the places' seats).
async fn check_references(
    conn: &mut Connection,
    fields: &RoundFields,
) -> Result<Vec<(DemandId, i64)>> {
    let mut errors = FieldErrors::new();
    let mut places = Vec::new();
    for id in &fields.demand_ids {
        match gongjiang_store::demand::get(conn, *id).await? {
            Some(d) if d.status != DemandStatus::Open => {
                errors.push(
                    "demand_ids",
                    Problem::Rule {
                        key: "demand_not_open",
                    },
                );
            }
            Some(d) if d.kind != fields.kind.demand_kind() => {
                errors.push("demand_ids", Problem::Rule { key: "demand_kind" });
            }
            Some(d) => places.push((d.id, d.headcount)),
            None => errors.push("demand_ids", Problem::InvalidChoice),
        }
    }
    for id in &fields.cohort_ids {
        if gongjiang_store::supply::get_cohort(conn, *id)
            .await?
            .is_none()
        {
            errors.push("cohort_ids", Problem::InvalidChoice);
        }
    }
    for id in &fields.school_ids {
        let ok = gongjiang_store::members::get_org(conn, *id)
            .await?
            .is_some_and(|o| o.kind.is_school());
        if !ok {
            errors.push("school_ids", Problem::InvalidChoice);
        }
    }
    errors.into_result()?;
    Ok(places)
}

/// Creates a round as a draft.
pub async fn create(app: &App, actor: &Actor, input: &RoundInput) -> Result<Round> {
    let me = actor.require(Permission::ManageRounds)?.clone();
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let places = check_references(&mut tx, &fields).await?;
    let round = Round {
        id: RoundId::new(),
        name: fields.name.clone(),
        kind: fields.kind,
        max_choices: fields.max_choices,
        preference_deadline: fields.preference_deadline,
        ranking_deadline: fields.ranking_deadline,
        status: RoundStatus::Draft,
        seed: None,
        created_by: me.login.clone(),
        created_at: now,
        updated_at: now,
        opened_at: None,
        closed_at: None,
        solved_at: None,
        published_at: None,
    };
    store::save_round(&mut tx, &round).await?;
    store::replace_round_demands(&mut tx, round.id, &places).await?;
    store::replace_participants(&mut tx, round.id, &fields.cohort_ids, &fields.school_ids).await?;
    let mut after = audit_round(&round);
    after["demands"] = json!(fields.demand_ids);
    after["cohorts"] = json!(fields.cohort_ids);
    after["schools"] = json!(fields.school_ids);
    record(
        &mut tx,
        app,
        actor,
        "round.create",
        "round",
        &round.id.to_string(),
        None,
        json!(null),
        after,
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(round.id = %round.id, "round created");
    Ok(round)
}

/// Changes a draft round (its places and participants are replaced).
pub async fn update(app: &App, actor: &Actor, id: RoundId, input: &RoundInput) -> Result<Round> {
    actor.require(Permission::ManageRounds)?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load(&mut tx, id).await?;
    frozen_check(&before)?;
    if before.status != RoundStatus::Draft {
        return Err(Error::WrongState("round.not_draft".into()));
    }
    let fields = input.validate()?;
    let places = check_references(&mut tx, &fields).await?;
    let round = Round {
        name: fields.name.clone(),
        kind: fields.kind,
        max_choices: fields.max_choices,
        preference_deadline: fields.preference_deadline,
        ranking_deadline: fields.ranking_deadline,
        updated_at: now,
        ..before.clone()
    };
    store::save_round(&mut tx, &round).await?;
    store::replace_round_demands(&mut tx, round.id, &places).await?;
    store::replace_participants(&mut tx, round.id, &fields.cohort_ids, &fields.school_ids).await?;
    let mut after = audit_round(&round);
    after["demands"] = json!(fields.demand_ids);
    record(
        &mut tx,
        app,
        actor,
        "round.update",
        "round",
        &round.id.to_string(),
        None,
        audit_round(&before),
        after,
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(round)
}

async fn transition(
    app: &App,
    actor: &Actor,
    id: RoundId,
    action: &str,
    change: impl FnOnce(&Round, Timestamp) -> Result<Round>,
    places: Option<Vec<(DemandId, i64)>>,
) -> Result<Round> {
    actor.require(Permission::ManageRounds)?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load(&mut tx, id).await?;
    frozen_check(&before)?;
    let round = change(&before, now)?;
    store::save_round(&mut tx, &round).await?;
    if let Some(places) = places {
        store::replace_round_demands(&mut tx, id, &places).await?;
    }
    if action == "round.open" {
        let people = crate::notifications::round_people(&mut tx, id).await?;
        let event = crate::notifications::Event::new("round.opened", format!("/rounds/{id}"))
            .arg("round", &round.name)
            .arg("deadline", round.preference_deadline.display_cst());
        crate::notifications::raise(&mut tx, app, &people, &event).await?;
    }
    record(
        &mut tx,
        app,
        actor,
        action,
        "round",
        &id.to_string(),
        None,
        audit_round(&before),
        audit_round(&round),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(round)
}

/// Opens a draft round: trainees may now rank its places. Each place's seats
/// are fixed at its demand's headcount now.
pub async fn open(app: &App, actor: &Actor, id: RoundId) -> Result<Round> {
    actor.require(Permission::ManageRounds)?;
    let now = app.now();
    let (round, places) = {
        let mut conn = app.db.read().await?;
        let round = load(&mut conn, id).await?;
        (round, store::round_demands(&mut conn, id).await?)
    };
    frozen_check(&round)?;
    round
        .status
        .move_to(RoundStatus::Open)
        .or_wrong_state("round.not_draft")?;
    let mut errors = FieldErrors::new();
    if round.preference_deadline <= now {
        errors.push(
            "preference_deadline",
            Problem::Rule {
                key: "deadline_past",
            },
        );
    }
    if places.is_empty() {
        errors.push("demand_ids", Problem::Required);
    }
    if places.iter().any(|p| p.demand.status != DemandStatus::Open) {
        errors.push(
            "demand_ids",
            Problem::Rule {
                key: "demand_not_open",
            },
        );
    }
    errors.into_result()?;
    let seats = places
        .iter()
        .map(|p| (p.demand.id, p.demand.headcount))
        .collect();
    transition(
        app,
        actor,
        id,
        "round.open",
        |r, now| {
            let status = r
                .status
                .move_to(RoundStatus::Open)
                .or_wrong_state("round.not_draft")?;
            Ok(Round {
                status,
                opened_at: Some(now),
                updated_at: now,
                ..r.clone()
            })
        },
        Some(seats),
    )
    .await
}

/// Closes an open round: preferences and rankings are frozen, and the
/// lottery seed is drawn and recorded. Solving follows (as a job).
pub async fn close(app: &App, actor: &Actor, id: RoundId) -> Result<Round> {
    let seed = i64::try_from(rand::random::<u64>() % SEED_LIMIT).unwrap_or(0);
    let round = transition(
        app,
        actor,
        id,
        "round.close",
        |r, now| {
            let status = r
                .status
                .move_to(RoundStatus::Closed)
                .or_wrong_state("round.not_open")?;
            Ok(Round {
                status,
                seed: Some(seed),
                closed_at: Some(now),
                updated_at: now,
                ..r.clone()
            })
        },
        None,
    )
    .await?;
    tracing::info!(round.id = %round.id, "round closed; lottery seed recorded");
    Ok(round)
}

/// A place of a round as everyone may see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlaceView {
    /// The demand.
    pub demand_id: DemandId,
    /// Post.
    pub post_name: String,
    /// Enterprise.
    pub org_id: OrgId,
    /// Enterprise name.
    pub enterprise: String,
    /// City.
    pub city: String,
    /// Monthly wage range, yuan.
    pub wage_min: Option<i64>,
    /// Upper end, yuan.
    pub wage_max: Option<i64>,
    /// Occupation code.
    pub occupation_code: Option<String>,
    /// Occupation name.
    pub occupation: String,
    /// Minimum skill level code.
    pub min_level: String,
    /// Skill level name in Chinese.
    pub level_zh: String,
    /// Skill level name in English.
    pub level_en: String,
    /// Segment.
    pub segment_code: Option<String>,
    /// Seats in the round.
    pub capacity: i64,
    /// First day.
    pub start_on: String,
    /// Last day.
    pub end_on: Option<String>,
    /// Night shifts.
    pub night_shift: bool,
}

pub(super) struct Names {
    pub(super) orgs: HashMap<OrgId, String>,
    pub(super) occupations: HashMap<String, (String, Vec<String>)>,
    pub(super) levels: HashMap<String, (i64, String, String)>,
}

pub(super) async fn names(
    conn: &mut Connection,
    orgs: impl Iterator<Item = OrgId>,
) -> Result<Names> {
    let mut map = HashMap::new();
    for org in orgs {
        if let std::collections::hash_map::Entry::Vacant(e) = map.entry(org)
            && let Some(o) = gongjiang_store::members::get_org(conn, org).await?
        {
            e.insert(o.name);
        }
    }
    let occupations = gongjiang_store::demand::occupations(conn)
        .await?
        .into_iter()
        .map(|o| (o.code, (o.name, o.segments)))
        .collect();
    let levels = gongjiang_store::demand::skill_levels(conn)
        .await?
        .into_iter()
        .map(|l| (l.code, (l.rank, l.name_zh, l.name_en)))
        .collect();
    Ok(Names {
        orgs: map,
        occupations,
        levels,
    })
}

pub(super) fn place_view(p: &RoundDemand, n: &Names) -> PlaceView {
    let d = &p.demand;
    let (level_zh, level_en) = n
        .levels
        .get(&d.min_level)
        .map(|(_, zh, en)| (zh.clone(), en.clone()))
        .unwrap_or_else(|| (d.min_level.clone(), d.min_level.clone()));
    PlaceView {
        demand_id: d.id,
        post_name: d.post_name.clone(),
        org_id: d.org_id,
        enterprise: n.orgs.get(&d.org_id).cloned().unwrap_or_default(),
        city: d.city.clone(),
        wage_min: d.wage_min_fen.map(|f| f / 100),
        wage_max: d.wage_max_fen.map(|f| f / 100),
        occupation: d
            .occupation_code
            .as_ref()
            .and_then(|c| n.occupations.get(c))
            .map(|(name, _)| name.clone())
            .unwrap_or_default(),
        occupation_code: d.occupation_code.clone(),
        min_level: d.min_level.clone(),
        level_zh,
        level_en,
        segment_code: d.segment_code.clone().or_else(|| {
            d.occupation_code
                .as_ref()
                .and_then(|c| n.occupations.get(c))
                .and_then(|(_, s)| s.first().cloned())
        }),
        capacity: p.capacity,
        start_on: d.start_on.clone(),
        end_on: d.end_on.clone(),
        night_shift: d.night_shift,
    }
}

/// A round with its places and who may take part.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RoundView {
    /// The round.
    #[serde(flatten)]
    pub round: Round,
    /// Its places, in the round's order.
    pub places: Vec<PlaceView>,
    /// Cohorts that may take part.
    pub cohort_ids: Vec<CohortId>,
    /// Schools that may take part.
    pub school_ids: Vec<OrgId>,
    /// How many trainees may take part.
    pub participants: usize,
    /// How many of them have entered preferences.
    pub applicants: usize,
}

/// One round with its places. Drafts are known only to the secretariat.
pub async fn get(app: &App, actor: &Actor, id: RoundId) -> Result<RoundView> {
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    let places = store::round_demands(&mut conn, id).await?;
    let n = names(&mut conn, places.iter().map(|p| p.demand.org_id)).await?;
    let (cohort_ids, school_ids) = store::participant_scope(&mut conn, id).await?;
    let (participants, applicants) = store::participant_counts(&mut conn, id).await?;
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let (participants, applicants) = (count(participants), count(applicants));
    Ok(RoundView {
        places: places.iter().map(|p| place_view(p, &n)).collect(),
        round,
        cohort_ids,
        school_ids,
        participants,
        applicants,
    })
}

/// The participants of a round who have entered no preferences yet, counted
/// by school (named), for the secretariat deciding whether to close early.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NotApplied {
    /// The school.
    pub school: String,
    /// Its participants without a list.
    pub trainees: usize,
}

/// Who has not applied, school by school (most first); the secretariat only.
pub async fn not_applied(app: &App, actor: &Actor, id: RoundId) -> Result<Vec<NotApplied>> {
    actor.require(Permission::ManageRounds)?;
    let mut conn = app.db.read().await?;
    load_visible(&mut conn, actor, id).await?;
    let applied: std::collections::HashSet<TraineeId> = store::preferences(&mut conn, id)
        .await?
        .into_iter()
        .map(|p| p.trainee_id)
        .collect();
    let mut by_school: HashMap<OrgId, usize> = HashMap::new();
    for t in store::participants(&mut conn, id).await? {
        if !applied.contains(&t.id) {
            *by_school.entry(t.org_id).or_default() += 1;
        }
    }
    let mut lines = Vec::new();
    for (org, trainees) in by_school {
        let school = gongjiang_store::members::get_org(&mut conn, org)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        lines.push(NotApplied { school, trainees });
    }
    lines.sort_by(|a, b| b.trainees.cmp(&a.trainees).then(a.school.cmp(&b.school)));
    Ok(lines)
}

/// Rounds, newest first; drafts only for the secretariat.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Round>> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    Ok(store::list_rounds(&mut conn, actor.may(Permission::ManageRounds)).await?)
}

/// The round's applicants (lists or results), by id.
pub(super) async fn applicant_map(
    conn: &mut Connection,
    id: RoundId,
) -> Result<HashMap<TraineeId, Trainee>> {
    Ok(store::applicant_trainees(conn, id)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

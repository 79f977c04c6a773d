//! Placement rounds (匹配轮次, issue 4): the secretariat opens a round over
//! open demands; trainees, or their teachers, rank places; each enterprise
//! chooses how it ranks its applicants; at close the lottery seed is recorded
//! and the engine (`gongjiang-placement`) solves; the secretariat reviews and
//! publishes, which creates placements, tells everyone why they got what they
//! got, and freezes the round.
//!
//! Eligibility (reference §9.1, §9.6) is checked when solving: pairs that break
//! a rule are removed before matching and listed with the rule, and the
//! intern caps (INT-08) cut places' seats. Every change is written with its
//! audit entry in one transaction.

use crate::App;
use crate::actor::{Actor, User};
use crate::audit::record;
use crate::error::{Error, Result};
use crate::imports::{Refusal, Row, RowProblem};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::{Demand, DemandStatus, date_field, integer_field};
use gongjiang_domain::ids::{CohortId, DemandId, OrgId, PlacementId, RoundId, TraineeId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::rounds::{
    Candidate, CapInput, CapNote, Post, Round, RoundFields, RoundInput, RoundKind, RoundStatus,
    ScoreFacts, Violation, Weights, WeightsInput, apply_caps, home_city, major_fits, violations,
};
use gongjiang_domain::supply::{Cohort, Major, Trainee};
use gongjiang_domain::{FieldError, FieldErrors, Problem, Timestamp};
use gongjiang_placement as engine;
use gongjiang_store::Connection;
use gongjiang_store::rounds::{self as store, Placement, Preference, RoundDemand};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where long work reports how far it has got (the solve step reports
/// through it): the same shape as the background jobs' progress handle, so a
/// job hands its handle straight in. [`NoReport`] ignores everything.
pub trait Report: Send + Sync {
    /// A new stage of `total` units begins (`read`, `check`, `solve`, `store`).
    fn stage(&self, stage: &'static str, total: u64);
    /// This many more units are done.
    fn advance(&self, units: u64);
}

/// A [`Report`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReport;

impl Report for NoReport {
    fn stage(&self, _: &'static str, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// The lottery seed is drawn below 2^53 so it survives JSON and JavaScript intact.
const SEED_LIMIT: u64 = 1 << 53;

fn audit_round(r: &Round) -> serde_json::Value {
    json!({"name": r.name, "kind": r.kind.as_str(), "status": r.status.as_str(), "max_choices": r.max_choices,
        "preference_deadline": r.preference_deadline.rfc3339_cst(), "ranking_deadline": r.ranking_deadline.rfc3339_cst(),
        "seed": r.seed})
}

async fn load(conn: &mut Connection, id: RoundId) -> Result<Round> {
    store::get_round(conn, id)
        .await?
        .ok_or(Error::NotFound("round"))
}

/// A draft is known only to the secretariat.
fn visible(actor: &Actor, round: &Round) -> bool {
    round.status != RoundStatus::Draft || actor.may(Permission::ManageRounds)
}

async fn load_visible(conn: &mut Connection, actor: &Actor, id: RoundId) -> Result<Round> {
    actor.user()?;
    let round = load(conn, id).await?;
    if !visible(actor, &round) {
        return Err(Error::NotFound("round"));
    }
    Ok(round)
}

fn frozen_check(round: &Round) -> Result<()> {
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
    if round.status != RoundStatus::Draft {
        return Err(Error::WrongState("round.not_draft".into()));
    }
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
            if r.status != RoundStatus::Draft {
                return Err(Error::WrongState("round.not_draft".into()));
            }
            Ok(Round {
                status: RoundStatus::Open,
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
            if r.status != RoundStatus::Open {
                return Err(Error::WrongState("round.not_open".into()));
            }
            Ok(Round {
                status: RoundStatus::Closed,
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
#[derive(Debug, Clone, Serialize)]
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

struct Names {
    orgs: HashMap<OrgId, String>,
    occupations: HashMap<String, (String, Vec<String>)>,
    levels: HashMap<String, (i64, String, String)>,
}

async fn names(conn: &mut Connection, orgs: impl Iterator<Item = OrgId>) -> Result<Names> {
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

fn place_view(p: &RoundDemand, n: &Names) -> PlaceView {
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
#[derive(Debug, Clone, Serialize)]
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

/// Rounds, newest first; drafts only for the secretariat.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Round>> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    Ok(store::list_rounds(&mut conn, actor.may(Permission::ManageRounds)).await?)
}

/// The round's applicants (lists or results), by id.
async fn applicant_map(conn: &mut Connection, id: RoundId) -> Result<HashMap<TraineeId, Trainee>> {
    Ok(store::applicant_trainees(conn, id)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

// ---------------------------------------------------------------- preferences

/// The trainee record linked to the acting trainee account, if any.
pub async fn my_trainee(app: &App, actor: &Actor) -> Result<Option<TraineeId>> {
    let me = actor.user()?;
    if me.role != Role::Trainee {
        return Ok(None);
    }
    let mut conn = app.db.read().await?;
    Ok(store::trainee_of_user(&mut conn, me.user_id).await?)
}

/// Whom a preference request is about: the acting trainee's own record, or a
/// trainee of the acting staff member's school. Checks the permission.
async fn target_trainee(
    conn: &mut Connection,
    actor: &Actor,
    trainee: Option<TraineeId>,
) -> Result<Trainee> {
    let me = actor.user()?;
    let id = if me.role == Role::Trainee {
        let own = store::trainee_of_user(conn, me.user_id)
            .await?
            .ok_or(Error::WrongState("round.no_trainee_record".into()))?;
        if trainee.is_some_and(|t| t != own) {
            return Err(Error::Forbidden);
        }
        own
    } else {
        trainee.ok_or_else(|| Error::field("trainee_id", Problem::Required))?
    };
    let t = gongjiang_store::supply::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    actor.require(Permission::EnterPreferences(t.org_id))?;
    Ok(t)
}

/// One entry of a trainee's list as shown to them.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    /// The place.
    #[serde(flatten)]
    pub place: PlaceView,
    /// Rules this trainee breaks for this place (the place will be skipped when solving).
    pub violations: Vec<Violation>,
}

/// A trainee's preferences in a round.
#[derive(Debug, Clone, Serialize)]
pub struct PreferenceView {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Their name (in full: they or their own school are looking).
    pub name: String,
    /// Student number.
    pub student_no: String,
    /// Their list, first choice first.
    pub choices: Vec<ChoiceView>,
    /// Who entered it (login), and as what role.
    pub entered_by: Option<String>,
    /// `trainee`, `staff` or `org_admin`.
    pub entered_role: Option<String>,
    /// When (RFC 3339).
    pub entered_at: Option<String>,
    /// Places a trainee may rank.
    pub max_choices: i64,
    /// Whether the list may still be changed.
    pub open: bool,
}

struct TraineeFacts {
    cohorts: HashMap<CohortId, Cohort>,
    majors: HashMap<gongjiang_domain::ids::MajorId, Major>,
}

impl TraineeFacts {
    async fn load(conn: &mut Connection) -> Result<TraineeFacts> {
        Ok(TraineeFacts {
            cohorts: gongjiang_store::supply::cohorts(conn, None)
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect(),
            majors: gongjiang_store::supply::majors(conn, None)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
        })
    }
    fn cohort(&self, t: &Trainee) -> Option<&Cohort> {
        t.cohort_id.and_then(|c| self.cohorts.get(&c))
    }
    fn major(&self, t: &Trainee) -> Option<&Major> {
        self.cohort(t).and_then(|c| self.majors.get(&c.major_id))
    }
    fn violations(
        &self,
        kind: RoundKind,
        rules: &gongjiang_domain::rounds::RoundRules,
        t: &Trainee,
        d: &Demand,
    ) -> Vec<Violation> {
        let empty = Vec::new();
        let Ok(birth) = date_field(&t.birth_date) else {
            return vec![Violation::UnderAge {
                min_age: rules.min_intern_age,
                age: 0,
            }];
        };
        let Ok(start) = date_field(&d.start_on) else {
            return Vec::new();
        };
        let candidate = Candidate {
            birth_date: birth,
            status: t.status,
            entry_year: self.cohort(t).map(|c| c.entry_year),
            major_occupations: self.major(t).map(|m| &m.occupations).unwrap_or(&empty),
            sponsor: self.cohort(t).and_then(|c| c.sponsor_org_id),
        };
        let post = Post {
            org_id: d.org_id,
            start_on: start,
            occupation_code: d.occupation_code.as_deref(),
            night_shift: d.night_shift,
        };
        violations(kind, rules, &candidate, &post)
    }
    fn score_facts(&self, t: &Trainee, d: &Demand, n: &Names) -> ScoreFacts {
        let major = self.major(t);
        ScoreFacts {
            level_rank: major
                .and_then(|m| m.level.target_level())
                .and_then(|code| n.levels.get(code))
                .map(|(rank, _, _)| *rank)
                .unwrap_or(0),
            order_class: self
                .cohort(t)
                .is_some_and(|c| c.sponsor_org_id == Some(d.org_id)),
            home_city: home_city(&t.id_masked).is_some_and(|c| c == d.city.trim()),
            major_fit: match (&d.occupation_code, major) {
                (Some(code), Some(m)) => major_fits(&m.occupations, code),
                _ => false,
            },
        }
    }
}

async fn preference_view(
    conn: &mut Connection,
    app: &App,
    round: &Round,
    t: &Trainee,
) -> Result<PreferenceView> {
    let list = store::preferences_of(conn, round.id, t.id).await?;
    let places = store::round_demands(conn, round.id).await?;
    let n = names(conn, places.iter().map(|p| p.demand.org_id)).await?;
    let facts = TraineeFacts::load(conn).await?;
    let rules = app.settings.round_rules;
    let choices = list
        .iter()
        .filter_map(|p| places.iter().find(|x| x.demand.id == p.demand_id))
        .map(|p| ChoiceView {
            place: place_view(p, &n),
            violations: facts.violations(round.kind, &rules, t, &p.demand),
        })
        .collect();
    let first = list.first();
    Ok(PreferenceView {
        trainee_id: t.id,
        name: t.name.clone(),
        student_no: t.student_no.clone(),
        choices,
        entered_by: first.map(|p| p.entered_by.clone()),
        entered_role: first.map(|p| p.entered_role.clone()),
        entered_at: first.map(|p| p.entered_at.rfc3339_cst()),
        max_choices: round.max_choices,
        open: round.accepts_preferences(app.now()),
    })
}

/// A trainee's preferences: the acting trainee's own (`trainee` None), or
/// those of a trainee of the acting teacher's school.
pub async fn preferences(
    app: &App,
    actor: &Actor,
    id: RoundId,
    trainee: Option<TraineeId>,
) -> Result<PreferenceView> {
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    let t = target_trainee(&mut conn, actor, trainee).await?;
    if !store::is_participant(&mut conn, id, t.id).await? {
        return Err(Error::WrongState("round.not_participant".into()));
    }
    preference_view(&mut conn, app, &round, &t).await
}

/// Replaces a trainee's preferences (at most `max_choices` places of the
/// round, no repeats; an empty list withdraws). Only while the round is open
/// and before the preference deadline. A teacher's entry is recorded as theirs.
pub async fn set_preferences(
    app: &App,
    actor: &Actor,
    id: RoundId,
    trainee: Option<TraineeId>,
    demand_ids: &[String],
) -> Result<PreferenceView> {
    let me = actor.user()?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let round = load_visible(&mut tx, actor, id).await?;
    let t = target_trainee(&mut tx, actor, trainee).await?;
    frozen_check(&round)?;
    if !round.accepts_preferences(now) {
        return Err(Error::WrongState(
            if round.status == RoundStatus::Open {
                "round.preference_deadline_passed"
            } else {
                "round.not_open"
            }
            .into(),
        ));
    }
    if !store::is_participant(&mut tx, id, t.id).await? {
        return Err(Error::WrongState("round.not_participant".into()));
    }
    let places = store::round_demands(&mut tx, id).await?;
    let mut chosen: Vec<DemandId> = Vec::new();
    let mut errors = FieldErrors::new();
    for text in demand_ids
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        match text.parse::<DemandId>() {
            Ok(d) if !places.iter().any(|p| p.demand.id == d) => {
                errors.push("demand_ids", Problem::InvalidChoice)
            }
            Ok(d) if chosen.contains(&d) => errors.push(
                "demand_ids",
                Problem::Rule {
                    key: "duplicate_choice",
                },
            ),
            Ok(d) => chosen.push(d),
            Err(_) => errors.push("demand_ids", Problem::InvalidChoice),
        }
    }
    if i64::try_from(chosen.len()).unwrap_or(i64::MAX) > round.max_choices {
        errors.push(
            "demand_ids",
            Problem::OutOfRange {
                min: 0,
                max: round.max_choices,
            },
        );
    }
    errors.into_result()?;
    let before: Vec<DemandId> = store::preferences_of(&mut tx, id, t.id)
        .await?
        .iter()
        .map(|p| p.demand_id)
        .collect();
    store::replace_preferences(&mut tx, id, t.id, &chosen, &me.login, me.role.as_str(), now)
        .await?;
    record(
        &mut tx,
        app,
        actor,
        "round.preferences",
        "round",
        &id.to_string(),
        Some(t.org_id.to_string()),
        json!({"trainee": t.id, "choices": before}),
        json!({"trainee": t.id, "choices": chosen, "entered_as": me.role.as_str()}),
    )
    .await?;
    let view = preference_view(&mut tx, app, &round, &t).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// A participant of the acting teacher's school, with whether they have a list.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantLine {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Name (in full: own school).
    pub name: String,
    /// Student number.
    pub student_no: String,
    /// Entries in their list.
    pub choices: usize,
    /// Who entered it (login).
    pub entered_by: Option<String>,
}

/// The round's participants from the acting staff member's school.
pub async fn school_participants(
    app: &App,
    actor: &Actor,
    id: RoundId,
) -> Result<Vec<ParticipantLine>> {
    let me = actor.user()?.clone();
    if me.role == Role::Trainee {
        return Err(Error::Forbidden);
    }
    actor.require(Permission::EnterPreferences(me.org_id))?;
    let mut conn = app.db.read().await?;
    load_visible(&mut conn, actor, id).await?;
    let prefs = store::preferences(&mut conn, id).await?;
    Ok(store::participants_of_school(&mut conn, id, me.org_id)
        .await?
        .into_iter()
        .map(|t| {
            let own: Vec<&Preference> = prefs.iter().filter(|p| p.trainee_id == t.id).collect();
            ParticipantLine {
                trainee_id: t.id,
                name: t.name.clone(),
                student_no: t.student_no.clone(),
                choices: own.len(),
                entered_by: own.first().map(|p| p.entered_by.clone()),
            }
        })
        .collect())
}

// ---------------------------------------------------------------- rankings

/// How a place ranks its applicants.
#[derive(Debug, Clone, Serialize)]
pub struct RankingView {
    /// `score` (a scoring rule), `order` (an uploaded order) or `default`
    /// (nothing chosen: the default scoring rule).
    pub method: String,
    /// The scoring rule's weights (the defaults for `default`).
    pub weights: Weights,
    /// Who chose it.
    pub updated_by: Option<String>,
    /// When (RFC 3339).
    pub updated_at: Option<String>,
}

fn ranking_view(r: Option<&store::Ranking>) -> RankingView {
    match r {
        Some(r) => RankingView {
            method: r.method.clone(),
            weights: serde_json::from_str(&r.weights).unwrap_or_default(),
            updated_by: Some(r.updated_by.clone()),
            updated_at: Some(r.updated_at.rfc3339_cst()),
        },
        None => RankingView {
            method: "default".into(),
            weights: Weights::default(),
            updated_by: None,
            updated_at: None,
        },
    }
}

/// An applicant as the enterprise sees them: masked, with what the scoring rule reads.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicantView {
    /// The trainee (the id to use in an uploaded order).
    pub trainee_id: TraineeId,
    /// Masked name (王*明).
    pub name: String,
    /// School.
    pub school: String,
    /// Major.
    pub major: String,
    /// Cohort.
    pub cohort: String,
    /// Where the place stands in their list (1 = first choice).
    pub choice: i64,
    /// Facts the scoring rule reads.
    pub facts: ScoreFacts,
    /// Their score under the place's scoring rule (also for an order, for reference).
    pub score: i64,
    /// Position in the uploaded order (1 = best), if the place uses one and lists them.
    pub order_position: Option<i64>,
    /// Rules they break for this place (they will be removed when solving).
    pub violations: Vec<Violation>,
}

/// A place's applicants, with its ranking, for its enterprise (or the secretariat).
#[derive(Debug, Clone, Serialize)]
pub struct ApplicantList {
    /// The place.
    pub place: PlaceView,
    /// How it ranks.
    pub ranking: RankingView,
    /// Applicants in the current ranking's order (score, or order position).
    pub applicants: Vec<ApplicantView>,
    /// Whether the ranking may still be changed.
    pub open: bool,
}

async fn place_of_round(
    conn: &mut Connection,
    actor: &Actor,
    round: &Round,
    demand: DemandId,
) -> Result<RoundDemand> {
    let place = store::round_demands(conn, round.id)
        .await?
        .into_iter()
        .find(|p| p.demand.id == demand)
        .ok_or(Error::NotFound("place"))?;
    if !actor.may(Permission::ManageRounds) {
        actor.require(Permission::RankApplicants(place.demand.org_id))?;
    }
    Ok(place)
}

/// The applicants to one of the acting enterprise's places (any place for the secretariat).
pub async fn applicants(
    app: &App,
    actor: &Actor,
    id: RoundId,
    demand: DemandId,
) -> Result<ApplicantList> {
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    let place = place_of_round(&mut conn, actor, &round, demand).await?;
    let entries = store::applicants(&mut conn, id, demand).await?;
    let rankings = store::rankings(&mut conn, id).await?;
    let ranking = ranking_view(rankings.iter().find(|r| r.demand_id == demand));
    let orders = store::orders(&mut conn, id).await?;
    let order: HashMap<TraineeId, i64> = orders
        .iter()
        .filter(|(d, _)| *d == demand)
        .enumerate()
        .map(|(i, (_, t))| (*t, i64::try_from(i).unwrap_or(i64::MAX) + 1))
        .collect();
    let facts = TraineeFacts::load(&mut conn).await?;
    let mut people = applicant_map(&mut conn, id).await?;
    let trainees: Vec<(Trainee, i64)> = entries
        .iter()
        .filter_map(|e| people.remove(&e.trainee_id).map(|t| (t, e.position)))
        .collect();
    let n = names(
        &mut conn,
        trainees
            .iter()
            .map(|(t, _)| t.org_id)
            .chain([place.demand.org_id]),
    )
    .await?;
    let rules = app.settings.round_rules;
    let mut list: Vec<ApplicantView> = trainees
        .iter()
        .map(|(t, position)| {
            let f = facts.score_facts(t, &place.demand, &n);
            ApplicantView {
                trainee_id: t.id,
                name: t.name_masked.clone(),
                school: n.orgs.get(&t.org_id).cloned().unwrap_or_default(),
                major: facts.major(t).map(|m| m.name.clone()).unwrap_or_default(),
                cohort: facts.cohort(t).map(|c| c.name.clone()).unwrap_or_default(),
                choice: position + 1,
                facts: f,
                score: ranking.weights.score(&f),
                order_position: order.get(&t.id).copied(),
                violations: facts.violations(round.kind, &rules, t, &place.demand),
            }
        })
        .collect();
    if ranking.method == "order" {
        list.sort_by_key(|a| (a.order_position.unwrap_or(i64::MAX), a.trainee_id));
    } else {
        list.sort_by_key(|a| (std::cmp::Reverse(a.score), a.trainee_id));
    }
    Ok(ApplicantList {
        place: place_view(&place, &n),
        ranking,
        applicants: list,
        open: round.accepts_rankings(app.now()),
    })
}

/// How an enterprise wants a place to rank.
#[derive(Debug, Clone)]
pub enum RankingInput {
    /// A scoring rule built from platform data.
    Score(WeightsInput),
    /// An explicit order of applicants (trainee ids), best first.
    Order(Vec<String>),
}

async fn rankings_open(
    conn: &mut Connection,
    app: &App,
    actor: &Actor,
    id: RoundId,
    demand: DemandId,
) -> Result<(Round, RoundDemand)> {
    let round = load_visible(conn, actor, id).await?;
    let place = place_of_round(conn, actor, &round, demand).await?;
    frozen_check(&round)?;
    if !round.accepts_rankings(app.now()) {
        return Err(Error::WrongState(
            if round.status == RoundStatus::Open {
                "round.ranking_deadline_passed"
            } else {
                "round.not_open"
            }
            .into(),
        ));
    }
    Ok((round, place))
}

/// Sets how one of the acting enterprise's places ranks its applicants.
/// Only while the round is open and before the ranking deadline.
pub async fn set_ranking(
    app: &App,
    actor: &Actor,
    id: RoundId,
    demand: DemandId,
    input: &RankingInput,
) -> Result<RankingView> {
    let me = actor.user()?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (_, place) = rankings_open(&mut tx, app, actor, id, demand).await?;
    let (method, weights, order) = match input {
        RankingInput::Score(w) => ("score", w.validate()?, None),
        RankingInput::Order(ids) => {
            let applicants: Vec<TraineeId> = store::applicants(&mut tx, id, demand)
                .await?
                .iter()
                .map(|p| p.trainee_id)
                .collect();
            let mut order = Vec::new();
            let mut errors = FieldErrors::new();
            for text in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                match text.parse::<TraineeId>() {
                    Ok(t) if order.contains(&t) => errors.push(
                        "trainee_ids",
                        Problem::Rule {
                            key: "duplicate_in_file",
                        },
                    ),
                    Ok(t) if applicants.contains(&t) => order.push(t),
                    _ => errors.push(
                        "trainee_ids",
                        Problem::Rule {
                            key: "not_an_applicant",
                        },
                    ),
                }
            }
            errors.into_result()?;
            ("order", Weights::default(), Some(order))
        }
    };
    let ranking = store::Ranking {
        demand_id: demand,
        method: method.into(),
        weights: serde_json::to_string(&weights).unwrap_or_else(|_| "{}".into()),
        updated_by: me.login.clone(),
        updated_at: now,
    };
    store::save_ranking(&mut tx, id, &ranking).await?;
    if let Some(order) = &order {
        store::replace_order(&mut tx, id, demand, order).await?;
    }
    record(
        &mut tx,
        app,
        actor,
        "round.ranking",
        "round",
        &id.to_string(),
        Some(place.demand.org_id.to_string()),
        json!(null),
        json!({"demand": demand, "method": method, "weights": weights, "order_length": order.as_ref().map(Vec::len)}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(ranking_view(Some(&ranking)))
}

use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};

/// The applicant list an enterprise downloads, fills in the 排名 column of,
/// and uploads again as its order.
pub const ORDER_SHEET: SheetSpec = SheetSpec {
    name: "申请人排序",
    columns: &[
        ColumnSpec::new("rank", "排名", ColumnKind::Text)
            .required()
            .example("1")
            .note("1 为最优先；每人一个不同的名次"),
        ColumnSpec::new("trainee_id", "申请人编号", ColumnKind::IdLike)
            .required()
            .note("平台生成的编号，请勿修改"),
        ColumnSpec::new("name", "姓名（脱敏）", ColumnKind::Text),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("major", "专业", ColumnKind::Text),
        ColumnSpec::new("choice", "志愿顺序", ColumnKind::Text),
    ],
};

/// Rows of the applicant list for [`ORDER_SHEET`], in the current ranking's order.
pub fn order_rows(list: &ApplicantList) -> Vec<Vec<String>> {
    list.applicants
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.trainee_id.to_string(),
                a.name.clone(),
                a.school.clone(),
                a.major.clone(),
                a.choice.to_string(),
            ]
        })
        .collect()
}

/// Sets a place's order from an uploaded file ([`ORDER_SHEET`]'s columns):
/// each row an applicant and a distinct rank. Nothing is stored when any row
/// has a problem; every problem is reported with its row.
pub async fn upload_order(
    app: &App,
    actor: &Actor,
    id: RoundId,
    demand: DemandId,
    rows: &[Row],
) -> std::result::Result<RankingView, Refusal> {
    let mut problems = Vec::new();
    let mut ranked: Vec<(i64, TraineeId)> = Vec::new();
    {
        let mut conn = app.db.read().await?;
        rankings_open(&mut conn, app, actor, id, demand).await?;
        let applicants: Vec<TraineeId> = store::applicants(&mut conn, id, demand)
            .await?
            .iter()
            .map(|p| p.trainee_id)
            .collect();
        for row in rows {
            let get = |k: &str| row.cells.get(k).cloned().unwrap_or_default();
            let rank = match integer_field(&get("rank"), 1, 1_000_000) {
                Ok(r) if ranked.iter().any(|(x, _)| *x == r) => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new(
                            "rank",
                            Problem::Rule {
                                key: "duplicate_in_file",
                            },
                        ),
                    });
                    None
                }
                Ok(r) => Some(r),
                Err(p) => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new("rank", p),
                    });
                    None
                }
            };
            let trainee = match get("trainee_id").trim().parse::<TraineeId>() {
                Ok(t) if ranked.iter().any(|(_, x)| *x == t) => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new(
                            "trainee_id",
                            Problem::Rule {
                                key: "duplicate_in_file",
                            },
                        ),
                    });
                    None
                }
                Ok(t) if applicants.contains(&t) => Some(t),
                _ => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new(
                            "trainee_id",
                            Problem::Rule {
                                key: "not_an_applicant",
                            },
                        ),
                    });
                    None
                }
            };
            if let (Some(rank), Some(trainee)) = (rank, trainee) {
                ranked.push((rank, trainee));
            }
        }
    }
    if !problems.is_empty() {
        return Err(Refusal::Rows(problems));
    }
    ranked.sort_by_key(|(rank, _)| *rank);
    let ids: Vec<String> = ranked.iter().map(|(_, t)| t.to_string()).collect();
    Ok(set_ranking(app, actor, id, demand, &RankingInput::Order(ids)).await?)
}

// ---------------------------------------------------------------- solving

/// One place's fill, for the review's tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fill {
    /// Enterprise id or segment code.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Seats.
    pub seats: i64,
    /// Filled.
    pub filled: i64,
}

/// Maximum placement beside the stable result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MaxComparison {
    /// Trainees it places.
    pub placed: usize,
    /// Sum of choice positions (0 for a first choice).
    pub total_choice_rank: u64,
    /// Its blocking pairs: justified complaints it would cause.
    pub blocking_pairs: usize,
}

/// A trainee–place pair removed before matching, with the rules it breaks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ViolationLine {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Masked name.
    pub trainee: String,
    /// School.
    pub school: String,
    /// The place.
    pub demand_id: DemandId,
    /// Post.
    pub post: String,
    /// Enterprise.
    pub enterprise: String,
    /// Where the place stood in the trainee's list (1 = first choice).
    pub choice: usize,
    /// The rules broken.
    pub violations: Vec<Violation>,
}

/// A place whose seats the intern caps cut.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CapacityLine {
    /// The place.
    pub demand_id: DemandId,
    /// Post.
    pub post: String,
    /// Enterprise.
    pub enterprise: String,
    /// Seats asked for.
    pub headcount: i64,
    /// Seats in the round.
    pub capacity: i64,
    /// Why.
    pub notes: Vec<CapNote>,
}

/// A place ranked by an uploaded order that leaves out some applicants
/// (they are ranked after the listed ones, by lottery number).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnlistedLine {
    /// The place.
    pub demand_id: DemandId,
    /// Post.
    pub post: String,
    /// Enterprise.
    pub enterprise: String,
    /// Applicants not in the order.
    pub missing: usize,
}

/// What the secretariat reviews before publishing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Review {
    /// Trainees who may take part.
    pub participants: usize,
    /// Of them, those who entered preferences (the engine's trainees).
    pub applicants: usize,
    /// Placed.
    pub placed: usize,
    /// Not placed.
    pub unplaced: usize,
    /// Placed at their first choice.
    pub first_choice: usize,
    /// Placed at one of their first three choices.
    pub top3: usize,
    /// Seats over all places (after the caps).
    pub seats: i64,
    /// Fill per enterprise.
    pub by_enterprise: Vec<Fill>,
    /// Fill per industry segment.
    pub by_segment: Vec<Fill>,
    /// Blocking pairs of the stable result (0 unless something is badly wrong).
    pub stable_blocking_pairs: usize,
    /// Sum of choice positions of the stable result.
    pub total_choice_rank: u64,
    /// Maximum placement, when the round is small enough for it.
    pub max: Option<MaxComparison>,
    /// Why maximum placement was not computed, if it was not.
    pub max_refusal: Option<String>,
    /// Pairs removed by the eligibility rules.
    pub violations: Vec<ViolationLine>,
    /// Places whose seats the intern caps cut.
    pub capacity_cuts: Vec<CapacityLine>,
    /// Uploaded orders that leave out applicants.
    pub unlisted: Vec<UnlistedLine>,
    /// Preferences of trainees no longer taking part (ignored).
    pub dropped_preferences: usize,
    /// The lottery seed used.
    pub seed: i64,
    /// Preference entries given to the engine.
    pub entries: usize,
}

/// Why a place a trainee listed is or is not theirs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Why {
    /// They got it: their position in its ranking (0 = best), and score.
    Admitted {
        /// Position in the place's ranking (0 = best).
        rank: u32,
        /// Their score there, if ranked by score.
        score: Option<i64>,
        /// Eligible applicants the place ranked.
        applicants: u32,
    },
    /// Full of trainees it ranks higher.
    Full {
        /// Their position (0 = best).
        rank: u32,
        /// Their score.
        score: Option<i64>,
        /// The cutoff's position.
        cutoff_rank: u32,
        /// The cutoff's score.
        cutoff_score: Option<i64>,
    },
    /// The place had no seats (the caps cut them all, or it had none).
    NoSeats,
    /// Not eligible: the rules broken.
    Ineligible {
        /// The rules.
        violations: Vec<Violation>,
    },
    /// Only in an unstable result: the place still had a free seat.
    SeatLeft {
        /// Their position.
        rank: u32,
    },
    /// Only in an unstable result: the place took someone it ranks lower.
    AboveCutoff {
        /// Their position.
        rank: u32,
        /// The cutoff's position.
        cutoff_rank: u32,
    },
}

/// One place of a trainee's list, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Where it stood in their list (0 = first choice).
    pub choice: usize,
    /// The place.
    pub demand_id: DemandId,
    /// Why.
    #[serde(flatten)]
    pub why: Why,
}

/// A trainee's result, as stored: their place and every better choice with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The place they got.
    pub assigned: Option<DemandId>,
    /// Its position in their list (0 = first choice).
    pub choice: Option<usize>,
    /// Their lottery number (ties are won by the lower number).
    pub lottery_number: u32,
    /// Each place they listed above the one they got (all if unplaced), then the one they got.
    pub lines: Vec<Line>,
}

/// Everything the solver reads, loaded once.
struct Inputs {
    round: Round,
    places: Vec<RoundDemand>,
    participants: Vec<Trainee>,
    prefs: Vec<Preference>,
    rankings: Vec<store::Ranking>,
    orders: Vec<(DemandId, TraineeId)>,
    facts: TraineeFacts,
    names: Names,
    enterprise_staff: HashMap<OrgId, i64>,
    post_staff: HashMap<DemandId, i64>,
    interns: Vec<store::InternPlacement>,
}

/// The engine's instance with the maps back to platform ids, and what was removed.
struct Built {
    instance: engine::Instance,
    trainees: Vec<TraineeId>,
    /// Per engine trainee: the original list positions of the places given to the engine.
    positions: Vec<Vec<usize>>,
    /// Per engine trainee: (original position, place, rules broken) removed before matching.
    removed: Vec<Vec<(usize, DemandId, Vec<Violation>)>>,
    /// Per engine place: seats, cap notes, ranking method, applicants.
    place_meta: Vec<(i64, Vec<CapNote>, String)>,
    unlisted: Vec<UnlistedLine>,
    dropped: usize,
}

fn overlaps(a_start: &str, a_end: Option<&str>, b_start: &str, b_end: Option<&str>) -> bool {
    a_end.is_none_or(|e| b_start <= e) && b_end.is_none_or(|e| a_start <= e)
}

fn capacities(
    inputs: &Inputs,
    rules: &gongjiang_domain::rounds::RoundRules,
) -> Vec<(i64, Vec<CapNote>)> {
    let places = &inputs.places;
    if inputs.round.kind != RoundKind::Internship {
        return places.iter().map(|p| (p.capacity, Vec::new())).collect();
    }
    let mut out = vec![(0, Vec::new()); places.len()];
    let mut hosts: Vec<OrgId> = places.iter().map(|p| p.demand.org_id).collect();
    hosts.sort();
    hosts.dedup();
    for host in hosts {
        let indices: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].demand.org_id == host)
            .collect();
        let host_current = inputs
            .interns
            .iter()
            .filter(|i| i.org_id == host)
            .filter(|i| {
                indices.iter().any(|&k| {
                    let d = &places[k].demand;
                    overlaps(
                        &i.start_on,
                        i.end_on.as_deref(),
                        &d.start_on,
                        d.end_on.as_deref(),
                    )
                })
            })
            .count();
        let input: Vec<CapInput> = indices
            .iter()
            .map(|&k| {
                let d = &places[k].demand;
                CapInput {
                    headcount: places[k].capacity,
                    post_staff: inputs.post_staff.get(&d.id).copied(),
                    post_current: i64::try_from(
                        inputs
                            .interns
                            .iter()
                            .filter(|i| i.demand_id == d.id)
                            .count(),
                    )
                    .unwrap_or(i64::MAX),
                }
            })
            .collect();
        let capped = apply_caps(
            rules,
            inputs.enterprise_staff.get(&host).copied(),
            i64::try_from(host_current).unwrap_or(i64::MAX),
            &input,
        );
        for (k, c) in indices.into_iter().zip(capped) {
            out[k] = c;
        }
    }
    out
}

fn build(inputs: &Inputs, rules: &gongjiang_domain::rounds::RoundRules) -> Result<Built> {
    let seed = u64::try_from(inputs.round.seed.unwrap_or(0)).unwrap_or(0);
    let place_index: HashMap<DemandId, usize> = inputs
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.demand.id, i))
        .collect();
    let participants: HashMap<TraineeId, &Trainee> =
        inputs.participants.iter().map(|t| (t.id, t)).collect();
    // Lists by trainee, first choice first; entries of trainees no longer taking part are dropped.
    let mut lists: BTreeMap<TraineeId, Vec<DemandId>> = BTreeMap::new();
    let mut dropped = 0;
    for p in &inputs.prefs {
        if participants.contains_key(&p.trainee_id) && place_index.contains_key(&p.demand_id) {
            lists.entry(p.trainee_id).or_default().push(p.demand_id);
        } else {
            dropped += 1;
        }
    }
    let trainees: Vec<TraineeId> = lists.keys().copied().collect();
    let n = trainees.len();
    let lottery = engine::Lottery::draw(seed, n);
    let mut builder = engine::InstanceBuilder::new(n, inputs.places.len());
    builder.lottery_seed(seed);
    let mut positions = Vec::with_capacity(n);
    let mut removed = Vec::with_capacity(n);
    let mut applicants: Vec<Vec<u32>> = vec![Vec::new(); inputs.places.len()];
    for (ti, (trainee, list)) in lists.iter().enumerate() {
        let t = participants[trainee];
        let mut engine_list = Vec::new();
        let mut kept = Vec::new();
        let mut gone = Vec::new();
        for (position, demand) in list.iter().enumerate() {
            let pi = place_index[demand];
            let v = inputs
                .facts
                .violations(inputs.round.kind, rules, t, &inputs.places[pi].demand);
            if v.is_empty() {
                engine_list.push(pi as u32);
                kept.push(position);
                applicants[pi].push(ti as u32);
            } else {
                gone.push((position, *demand, v));
            }
        }
        builder.preferences(ti as u32, &engine_list);
        positions.push(kept);
        removed.push(gone);
    }
    let caps = capacities(inputs, rules);
    let mut place_meta = Vec::with_capacity(inputs.places.len());
    let mut unlisted = Vec::new();
    for (pi, place) in inputs.places.iter().enumerate() {
        let d = &place.demand;
        let (seats, notes) = caps[pi].clone();
        builder.capacity(pi as u32, u32::try_from(seats.max(0)).unwrap_or(u32::MAX));
        let ranking = inputs.rankings.iter().find(|r| r.demand_id == d.id);
        let method = ranking
            .map(|r| r.method.clone())
            .unwrap_or_else(|| "default".into());
        if method == "order" {
            let eligible: HashSet<u32> = applicants[pi].iter().copied().collect();
            let listed: Vec<u32> = inputs
                .orders
                .iter()
                .filter(|(od, _)| *od == d.id)
                .filter_map(|(_, t)| trainees.binary_search(t).ok())
                .map(|i| i as u32)
                .filter(|i| eligible.contains(i))
                .collect();
            let listed_set: HashSet<u32> = listed.iter().copied().collect();
            let mut rest: Vec<u32> = applicants[pi]
                .iter()
                .copied()
                .filter(|i| !listed_set.contains(i))
                .collect();
            rest.sort_by_key(|&i| lottery.number(i));
            if !rest.is_empty() {
                unlisted.push(UnlistedLine {
                    demand_id: d.id,
                    post: d.post_name.clone(),
                    enterprise: inputs
                        .names
                        .orgs
                        .get(&d.org_id)
                        .cloned()
                        .unwrap_or_default(),
                    missing: rest.len(),
                });
            }
            let order: Vec<u32> = listed.into_iter().chain(rest).collect();
            builder.rank_by_order(pi as u32, &order);
        } else {
            let weights: Weights = ranking
                .and_then(|r| serde_json::from_str(&r.weights).ok())
                .unwrap_or_default();
            let scores: Vec<(u32, i64)> = applicants[pi]
                .iter()
                .map(|&i| {
                    let t = participants[&trainees[i as usize]];
                    let f = inputs.facts.score_facts(t, d, &inputs.names);
                    (i, weights.score(&f))
                })
                .collect();
            builder.rank_by_score(pi as u32, &scores);
        }
        place_meta.push((seats, notes, method));
    }
    let instance = builder
        .build()
        .map_err(|e| Error::Internal(format!("round instance: {e}")))?;
    Ok(Built {
        instance,
        trainees,
        positions,
        removed,
        place_meta,
        unlisted,
        dropped,
    })
}

fn explanation(built: &Built, inputs: &Inputs, outcome: &engine::Outcome, ti: u32) -> Explanation {
    let why = engine::explain(&built.instance, outcome, ti);
    let positions = &built.positions[ti as usize];
    let assigned_position = why.choice.map(|c| positions[c]);
    let mut lines: Vec<Line> = Vec::new();
    for r in &why.refusals {
        let place = &inputs.places[r.place as usize];
        let reason = match r.reason {
            engine::Reason::NoSeats => Why::NoSeats,
            engine::Reason::BelowCutoff { cutoff } => Why::Full {
                rank: r.rank,
                score: r.score,
                cutoff_rank: cutoff.rank,
                cutoff_score: cutoff.score,
            },
            engine::Reason::SeatLeft => Why::SeatLeft { rank: r.rank },
            engine::Reason::AboveCutoff { cutoff } => Why::AboveCutoff {
                rank: r.rank,
                cutoff_rank: cutoff.rank,
            },
            _ => Why::NoSeats,
        };
        lines.push(Line {
            choice: positions[r.choice],
            demand_id: place.demand.id,
            why: reason,
        });
    }
    for (position, demand, v) in &built.removed[ti as usize] {
        if assigned_position.is_none_or(|a| *position < a) {
            lines.push(Line {
                choice: *position,
                demand_id: *demand,
                why: Why::Ineligible {
                    violations: v.clone(),
                },
            });
        }
    }
    if let (Some(place), Some(position)) = (why.assigned, assigned_position) {
        let rank = built.instance.rank_at(place, ti).unwrap_or(0);
        lines.push(Line {
            choice: position,
            demand_id: inputs.places[place as usize].demand.id,
            why: Why::Admitted {
                rank,
                score: built.instance.score(place, rank),
                applicants: u32::try_from(built.instance.ranking(place).len()).unwrap_or(u32::MAX),
            },
        });
    }
    lines.sort_by_key(|l| l.choice);
    Explanation {
        assigned: why.assigned.map(|p| inputs.places[p as usize].demand.id),
        choice: assigned_position,
        lottery_number: why.lottery_number.unwrap_or(0),
        lines,
    }
}

fn text_of(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<String> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|e| Error::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}

async fn load_inputs(conn: &mut Connection, round: Round) -> Result<Inputs> {
    let id = round.id;
    let places = store::round_demands(conn, id).await?;
    let participants = store::participants(conn, id).await?;
    let names = names(
        conn,
        places
            .iter()
            .map(|p| p.demand.org_id)
            .chain(participants.iter().map(|t| t.org_id)),
    )
    .await?;
    Ok(Inputs {
        prefs: store::preferences(conn, id).await?,
        rankings: store::rankings(conn, id).await?,
        orders: store::orders(conn, id).await?,
        facts: TraineeFacts::load(conn).await?,
        enterprise_staff: store::enterprise_staff(conn).await?.into_iter().collect(),
        post_staff: store::post_staff_of_round(conn, id)
            .await?
            .into_iter()
            .collect(),
        interns: store::intern_placements(conn).await?,
        round,
        places,
        participants,
        names,
    })
}

/// Solves a closed round (or solves a solved one again; the recorded seed
/// makes the result the same for the same inputs): removes ineligible pairs,
/// applies the intern caps, ranks each place by its method, runs the stable
/// engine and, for comparison, maximum placement, and stores the instance,
/// the assignments, each trainee's explanation and the review.
pub async fn solve(app: &App, actor: &Actor, id: RoundId, report: &dyn Report) -> Result<Review> {
    let me = actor.require(Permission::ManageRounds)?.clone();
    report.stage("read", 0);
    let inputs = {
        let mut conn = app.db.read().await?;
        let round = load(&mut conn, id).await?;
        solvable(&round)?;
        load_inputs(&mut conn, round).await?
    };
    report.stage("check", 0);
    let rules = app.settings.round_rules;
    let built = build(&inputs, &rules)?;
    report.stage("solve", 0);
    let outcome = engine::solve(&built.instance);
    let stable_blocking = engine::check::blocking_pairs(&built.instance, &outcome).len();
    let (max, max_refusal) = match engine::max::max_placement(&built.instance) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let review = review_of(
        &inputs,
        &built,
        &outcome,
        max.as_ref(),
        max_refusal,
        stable_blocking,
    );
    let n = built.trainees.len();
    report.stage(
        "store",
        u64::try_from(n + inputs.places.len()).unwrap_or(u64::MAX),
    );
    let run = store::Run {
        instance: text_of(|out| engine::file::write_instance(&built.instance, out))?,
        trainee_ids: serde_json::to_string(&built.trainees).unwrap_or_default(),
        demand_ids: serde_json::to_string(
            &inputs
                .places
                .iter()
                .map(|p| p.demand.id)
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default(),
        assignment: text_of(|out| engine::file::write_assignment(outcome.assignments(), out))?,
        max_assignment: match &max {
            Some(m) => text_of(|out| engine::file::write_assignment(m.assignments(), out))?,
            None => String::new(),
        },
        review: serde_json::to_string(&review).unwrap_or_default(),
        solved_by: me.login.clone(),
        solved_at: app.now(),
    };
    let now = app.now();
    let mut tx = app.db.write().await?;
    // The round may have moved on while the engine ran.
    let round = load(&mut tx, id).await?;
    frozen_check(&round)?;
    if !matches!(round.status, RoundStatus::Closed | RoundStatus::Solved) {
        return Err(Error::WrongState("round.not_closed".into()));
    }
    store::clear_results(&mut tx, id).await?;
    for (ti, trainee) in built.trainees.iter().enumerate() {
        let e = explanation(&built, &inputs, &outcome, ti as u32);
        store::insert_result(
            &mut tx,
            id,
            &store::ResultRow {
                trainee_id: *trainee,
                demand_id: e.assigned,
                choice: e.choice.map(|c| i64::try_from(c).unwrap_or(i64::MAX)),
                lottery_number: i64::from(e.lottery_number),
                explanation: serde_json::to_string(&e).unwrap_or_default(),
            },
        )
        .await?;
        if ti % 256 == 255 {
            report.advance(256);
        }
    }
    report.advance(u64::try_from(n % 256).unwrap_or(0));
    for (pi, place) in inputs.places.iter().enumerate() {
        let result = outcome.place(pi as u32);
        let (_, notes, method) = &built.place_meta[pi];
        store::insert_place(
            &mut tx,
            id,
            &store::PlaceRow {
                demand_id: place.demand.id,
                capacity: i64::from(result.capacity),
                filled: i64::from(result.filled),
                applicants: i64::try_from(built.instance.ranking(pi as u32).len())
                    .unwrap_or(i64::MAX),
                cutoff_rank: result.cutoff.map(|c| i64::from(c.rank)),
                cutoff_score: result.cutoff.and_then(|c| c.score),
                method: method.clone(),
                notes: serde_json::to_string(notes).unwrap_or_else(|_| "[]".into()),
            },
        )
        .await?;
        report.advance(1);
    }
    store::save_run(&mut tx, id, &run).await?;
    let solved = Round {
        status: RoundStatus::Solved,
        solved_at: Some(now),
        updated_at: now,
        ..round.clone()
    };
    store::save_round(&mut tx, &solved).await?;
    record(
        &mut tx,
        app,
        actor,
        "round.solve",
        "round",
        &id.to_string(),
        None,
        audit_round(&round),
        json!({"status": "solved", "applicants": review.applicants, "placed": review.placed,
            "removed_pairs": review.violations.len(), "seed": review.seed}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(round.id = %id, placed = review.placed, applicants = review.applicants, "round solved");
    Ok(review)
}

fn review_of(
    inputs: &Inputs,
    built: &Built,
    outcome: &engine::Outcome,
    max: Option<&engine::Outcome>,
    max_refusal: Option<String>,
    stable_blocking: usize,
) -> Review {
    let n = built.trainees.len();
    let original_choice = |ti: usize| outcome.choice(ti as u32).map(|c| built.positions[ti][c]);
    let first_choice = (0..n).filter(|&t| original_choice(t) == Some(0)).count();
    let top3 = (0..n)
        .filter(|&t| original_choice(t).is_some_and(|c| c < 3))
        .count();
    let mut by_enterprise: BTreeMap<String, Fill> = BTreeMap::new();
    let mut by_segment: BTreeMap<String, Fill> = BTreeMap::new();
    let mut capacity_cuts = Vec::new();
    let mut seats = 0;
    for (pi, place) in inputs.places.iter().enumerate() {
        let d = &place.demand;
        let result = outcome.place(pi as u32);
        let enterprise = inputs
            .names
            .orgs
            .get(&d.org_id)
            .cloned()
            .unwrap_or_default();
        seats += i64::from(result.capacity);
        let e = by_enterprise.entry(d.org_id.to_string()).or_insert(Fill {
            key: d.org_id.to_string(),
            name: enterprise.clone(),
            seats: 0,
            filled: 0,
        });
        e.seats += i64::from(result.capacity);
        e.filled += i64::from(result.filled);
        let segment = d
            .segment_code
            .clone()
            .or_else(|| {
                d.occupation_code
                    .as_ref()
                    .and_then(|c| inputs.names.occupations.get(c))
                    .and_then(|(_, s)| s.first().cloned())
            })
            .unwrap_or_default();
        let s = by_segment.entry(segment.clone()).or_insert(Fill {
            key: segment.clone(),
            name: segment,
            seats: 0,
            filled: 0,
        });
        s.seats += i64::from(result.capacity);
        s.filled += i64::from(result.filled);
        let (_, notes, _) = &built.place_meta[pi];
        if !notes.is_empty() {
            capacity_cuts.push(CapacityLine {
                demand_id: d.id,
                post: d.post_name.clone(),
                enterprise,
                headcount: place.capacity,
                capacity: i64::from(result.capacity),
                notes: notes.clone(),
            });
        }
    }
    let people: HashMap<TraineeId, &Trainee> =
        inputs.participants.iter().map(|t| (t.id, t)).collect();
    let demands: HashMap<DemandId, &RoundDemand> =
        inputs.places.iter().map(|p| (p.demand.id, p)).collect();
    let mut violations = Vec::new();
    for (ti, gone) in built.removed.iter().enumerate() {
        let trainee = built.trainees[ti];
        let t = people.get(&trainee).copied();
        for (position, demand, v) in gone {
            let d = demands.get(demand).copied();
            violations.push(ViolationLine {
                trainee_id: trainee,
                trainee: t.map(|t| t.name_masked.clone()).unwrap_or_default(),
                school: t
                    .and_then(|t| inputs.names.orgs.get(&t.org_id).cloned())
                    .unwrap_or_default(),
                demand_id: *demand,
                post: d.map(|d| d.demand.post_name.clone()).unwrap_or_default(),
                enterprise: d
                    .and_then(|d| inputs.names.orgs.get(&d.demand.org_id).cloned())
                    .unwrap_or_default(),
                choice: position + 1,
                violations: v.clone(),
            });
        }
    }
    let placed = outcome.placed();
    Review {
        participants: inputs.participants.len(),
        applicants: n,
        placed,
        unplaced: n - placed,
        first_choice,
        top3,
        seats,
        by_enterprise: by_enterprise.into_values().collect(),
        by_segment: by_segment.into_values().collect(),
        stable_blocking_pairs: stable_blocking,
        total_choice_rank: outcome.total_choice_rank(),
        max: max.map(|m| MaxComparison {
            placed: m.placed(),
            total_choice_rank: m.total_choice_rank(),
            blocking_pairs: engine::check::blocking_pairs(&built.instance, m).len(),
        }),
        max_refusal,
        violations,
        capacity_cuts,
        unlisted: built.unlisted.clone(),
        dropped_preferences: built.dropped,
        seed: inputs.round.seed.unwrap_or(0),
        entries: built.instance.entries(),
    }
}

/// The review of the last run (the secretariat only).
pub async fn review(app: &App, actor: &Actor, id: RoundId) -> Result<Review> {
    actor.require(Permission::ManageRounds)?;
    let mut conn = app.db.read().await?;
    load(&mut conn, id).await?;
    let run = store::get_run(&mut conn, id)
        .await?
        .ok_or(Error::WrongState("round.not_solved".into()))?;
    serde_json::from_str(&run.review).map_err(|e| Error::Internal(format!("stored review: {e}")))
}

/// Publishes a solved round: creates a placement for every placed trainee,
/// shows everyone their result, and freezes the round.
pub async fn publish(app: &App, actor: &Actor, id: RoundId) -> Result<Round> {
    let me = actor.require(Permission::ManageRounds)?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load(&mut tx, id).await?;
    frozen_check(&before)?;
    if before.status != RoundStatus::Solved {
        return Err(Error::WrongState("round.not_solved".into()));
    }
    let results = store::results(&mut tx, id).await?;
    let mut created = 0;
    for r in &results {
        if let Some(demand) = r.demand_id {
            store::insert_placement(
                &mut tx,
                &Placement {
                    id: PlacementId::new(),
                    trainee_id: r.trainee_id,
                    demand_id: demand,
                    round_id: Some(id),
                    source: "round".into(),
                    created_by: me.login.clone(),
                    created_at: now,
                },
            )
            .await?;
            created += 1;
        }
    }
    let round = Round {
        status: RoundStatus::Published,
        published_at: Some(now),
        updated_at: now,
        ..before.clone()
    };
    store::save_round(&mut tx, &round).await?;
    let mut after = audit_round(&round);
    after["placements"] = json!(created);
    record(
        &mut tx,
        app,
        actor,
        "round.publish",
        "round",
        &id.to_string(),
        None,
        audit_round(&before),
        after,
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    tracing::info!(round.id = %id, placements = created, "round published");
    Ok(round)
}

// ---------------------------------------------------------------- results

/// A trainee's published result with the places it names.
#[derive(Debug, Clone, Serialize)]
pub struct TraineeResult {
    /// The round.
    pub round_id: RoundId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Their name (in full: they or their own school are looking).
    pub name: String,
    /// What they got and why.
    pub explanation: Explanation,
    /// The places the explanation names.
    pub places: Vec<PlaceView>,
}

/// A trainee's result: the acting trainee's own, or a trainee of the acting
/// staff member's school, or (for the secretariat) anyone's. Visible once the
/// round is published (to the secretariat once solved).
pub async fn result(
    app: &App,
    actor: &Actor,
    id: RoundId,
    trainee: Option<TraineeId>,
) -> Result<TraineeResult> {
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    let manager = actor.may(Permission::ManageRounds);
    let published = round.status == RoundStatus::Published;
    if !(published || manager && round.status == RoundStatus::Solved) {
        return Err(Error::WrongState("round.not_published".into()));
    }
    let t = if manager && trainee.is_some() {
        let tid = trainee.ok_or(Error::NotFound("trainee"))?;
        gongjiang_store::supply::get_trainee(&mut conn, tid)
            .await?
            .ok_or(Error::NotFound("trainee"))?
    } else {
        target_trainee(&mut conn, actor, trainee).await?
    };
    let row = store::result_of(&mut conn, id, t.id)
        .await?
        .ok_or(Error::NotFound("result"))?;
    let explanation: Explanation = serde_json::from_str(&row.explanation)
        .map_err(|e| Error::Internal(format!("stored explanation: {e}")))?;
    let places = store::round_demands(&mut conn, id).await?;
    let n = names(&mut conn, places.iter().map(|p| p.demand.org_id)).await?;
    let named: HashSet<DemandId> = explanation.lines.iter().map(|l| l.demand_id).collect();
    let own = actor.user().is_ok_and(|u| u.org_id == t.org_id);
    Ok(TraineeResult {
        round_id: id,
        trainee_id: t.id,
        name: if own {
            t.name.clone()
        } else {
            t.name_masked.clone()
        },
        places: places
            .iter()
            .filter(|p| named.contains(&p.demand.id))
            .map(|p| place_view(p, &n))
            .collect(),
        explanation,
    })
}

/// An admitted trainee, as their enterprise sees them (masked).
#[derive(Debug, Clone, Serialize)]
pub struct AdmittedLine {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Masked name.
    pub name: String,
    /// School.
    pub school: String,
    /// Major.
    pub major: String,
    /// Where the place stood in their list (1 = first choice).
    pub choice: i64,
}

/// A place's published result: its fill, cutoff and admitted trainees.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceResult {
    /// The place.
    pub place: PlaceView,
    /// Seats in the round (after the intern caps).
    pub capacity: i64,
    /// Filled.
    pub filled: i64,
    /// Eligible applicants ranked.
    pub applicants: i64,
    /// When full: the cutoff position (1 = best).
    pub cutoff_rank: Option<i64>,
    /// The cutoff score, if ranked by score.
    pub cutoff_score: Option<i64>,
    /// How it ranked.
    pub method: String,
    /// Why it had fewer seats than asked.
    pub notes: Vec<CapNote>,
    /// Admitted trainees.
    pub admitted: Vec<AdmittedLine>,
}

/// The published result of the acting enterprise's places (all places for the secretariat).
pub async fn place_results(app: &App, actor: &Actor, id: RoundId) -> Result<Vec<PlaceResult>> {
    let me = actor.user()?.clone();
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    let manager = actor.may(Permission::ManageRounds);
    if !manager {
        actor.require(Permission::RankApplicants(me.org_id))?;
    }
    if !(round.status == RoundStatus::Published || manager && round.status == RoundStatus::Solved) {
        return Err(Error::WrongState("round.not_published".into()));
    }
    let places: Vec<RoundDemand> = store::round_demands(&mut conn, id)
        .await?
        .into_iter()
        .filter(|p| manager || p.demand.org_id == me.org_id)
        .collect();
    let rows = store::places(&mut conn, id).await?;
    let results = store::results(&mut conn, id).await?;
    let facts = TraineeFacts::load(&mut conn).await?;
    let people = applicant_map(&mut conn, id).await?;
    let mut admitted: HashMap<DemandId, Vec<(Trainee, i64)>> = HashMap::new();
    for r in &results {
        if let Some(d) = r.demand_id
            && places.iter().any(|p| p.demand.id == d)
            && let Some(t) = people.get(&r.trainee_id)
        {
            admitted
                .entry(d)
                .or_default()
                .push((t.clone(), r.choice.unwrap_or(0) + 1));
        }
    }
    let n = names(
        &mut conn,
        places.iter().map(|p| p.demand.org_id).chain(
            admitted
                .values()
                .flatten()
                .map(|(t, _)| t.org_id)
                .collect::<Vec<_>>(),
        ),
    )
    .await?;
    Ok(places
        .iter()
        .map(|p| {
            let row = rows.iter().find(|r| r.demand_id == p.demand.id);
            PlaceResult {
                place: place_view(p, &n),
                capacity: row.map(|r| r.capacity).unwrap_or(0),
                filled: row.map(|r| r.filled).unwrap_or(0),
                applicants: row.map(|r| r.applicants).unwrap_or(0),
                cutoff_rank: row.and_then(|r| r.cutoff_rank).map(|c| c + 1),
                cutoff_score: row.and_then(|r| r.cutoff_score),
                method: row.map(|r| r.method.clone()).unwrap_or_default(),
                notes: row
                    .and_then(|r| serde_json::from_str(&r.notes).ok())
                    .unwrap_or_default(),
                admitted: admitted
                    .get(&p.demand.id)
                    .map(|list| {
                        list.iter()
                            .map(|(t, choice)| AdmittedLine {
                                trainee_id: t.id,
                                name: t.name_masked.clone(),
                                school: n.orgs.get(&t.org_id).cloned().unwrap_or_default(),
                                major: facts.major(t).map(|m| m.name.clone()).unwrap_or_default(),
                                choice: *choice,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect())
}

/// One of a school's trainees in a published round.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolResultLine {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Name (in full: own school).
    pub name: String,
    /// Student number.
    pub student_no: String,
    /// The place they got.
    pub demand_id: Option<DemandId>,
    /// Post and enterprise, if placed.
    pub place: String,
    /// Where it stood in their list (1 = first choice).
    pub choice: Option<i64>,
}

/// The published results of the acting staff member's school.
pub async fn school_results(
    app: &App,
    actor: &Actor,
    id: RoundId,
) -> Result<Vec<SchoolResultLine>> {
    let me = actor.user()?.clone();
    if me.role == Role::Trainee {
        return Err(Error::Forbidden);
    }
    actor.require(Permission::EnterPreferences(me.org_id))?;
    let mut conn = app.db.read().await?;
    let round = load_visible(&mut conn, actor, id).await?;
    if round.status != RoundStatus::Published {
        return Err(Error::WrongState("round.not_published".into()));
    }
    let places = store::round_demands(&mut conn, id).await?;
    let n = names(&mut conn, places.iter().map(|p| p.demand.org_id)).await?;
    let people = applicant_map(&mut conn, id).await?;
    let mut out = Vec::new();
    for r in store::results(&mut conn, id).await? {
        let Some(t) = people.get(&r.trainee_id) else {
            continue;
        };
        if t.org_id != me.org_id {
            continue;
        }
        let place = r
            .demand_id
            .and_then(|d| places.iter().find(|p| p.demand.id == d))
            .map(|p| {
                format!(
                    "{}（{}）",
                    p.demand.post_name,
                    n.orgs.get(&p.demand.org_id).cloned().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        out.push(SchoolResultLine {
            trainee_id: t.id,
            name: t.name.clone(),
            student_no: t.student_no.clone(),
            demand_id: r.demand_id,
            place,
            choice: r.choice.map(|c| c + 1),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- export

/// A round's input and output for re-running elsewhere.
#[derive(Debug, Clone)]
pub struct Export {
    /// The instance in the `hr1` format.
    pub instance: String,
    /// The stable assignment (one line per trainee: place index or -1).
    pub assignment: String,
    /// Rows of the trainees sheet: index, id, masked name, school, list (place indices), assigned index, choice.
    pub trainee_rows: Vec<Vec<String>>,
    /// Rows of the places sheet: index, id, enterprise, post, seats, filled, cutoff, method.
    pub place_rows: Vec<Vec<String>>,
    /// The seed, for the record.
    pub seed: i64,
}

/// The last run's instance, assignment and both tables (the secretariat only).
pub async fn export(app: &App, actor: &Actor, id: RoundId) -> Result<Export> {
    actor.require(Permission::ManageRounds)?;
    let mut conn = app.db.read().await?;
    let round = load(&mut conn, id).await?;
    let run = store::get_run(&mut conn, id)
        .await?
        .ok_or(Error::WrongState("round.not_solved".into()))?;
    let trainees: Vec<TraineeId> = serde_json::from_str(&run.trainee_ids)
        .map_err(|e| Error::Internal(format!("stored trainee ids: {e}")))?;
    let demands: Vec<DemandId> = serde_json::from_str(&run.demand_ids)
        .map_err(|e| Error::Internal(format!("stored demand ids: {e}")))?;
    let instance = engine::file::read_instance(run.instance.as_bytes())
        .map_err(|e| Error::Internal(format!("stored instance: {e}")))?;
    let assignment = engine::file::read_assignment(run.assignment.as_bytes(), &instance)
        .map_err(|e| Error::Internal(format!("stored assignment: {e}")))?;
    let places = store::round_demands(&mut conn, id).await?;
    let rows = store::places(&mut conn, id).await?;
    let results = store::results(&mut conn, id).await?;
    let map = applicant_map(&mut conn, id).await?;
    let people: Vec<Option<&Trainee>> = trainees.iter().map(|t| map.get(t)).collect();
    let n = names(
        &mut conn,
        places
            .iter()
            .map(|p| p.demand.org_id)
            .chain(people.iter().flatten().map(|t| t.org_id))
            .collect::<Vec<_>>()
            .into_iter(),
    )
    .await?;
    let trainee_rows = trainees
        .iter()
        .enumerate()
        .map(|(i, tid)| {
            let t = people[i];
            let list = instance
                .preferences(i as u32)
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            let choice = results
                .iter()
                .find(|r| r.trainee_id == *tid)
                .and_then(|r| r.choice)
                .map(|c| (c + 1).to_string())
                .unwrap_or_default();
            vec![
                i.to_string(),
                tid.to_string(),
                t.map(|t| t.name_masked.clone()).unwrap_or_default(),
                t.and_then(|t| n.orgs.get(&t.org_id).cloned())
                    .unwrap_or_default(),
                list,
                assignment[i]
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-1".into()),
                choice,
            ]
        })
        .collect();
    let place_rows = demands
        .iter()
        .enumerate()
        .map(|(i, did)| {
            let p = places.iter().find(|p| p.demand.id == *did);
            let r = rows.iter().find(|r| r.demand_id == *did);
            vec![
                i.to_string(),
                did.to_string(),
                p.and_then(|p| n.orgs.get(&p.demand.org_id).cloned())
                    .unwrap_or_default(),
                p.map(|p| p.demand.post_name.clone()).unwrap_or_default(),
                r.map(|r| r.capacity.to_string()).unwrap_or_default(),
                r.map(|r| r.filled.to_string()).unwrap_or_default(),
                r.and_then(|r| r.cutoff_rank)
                    .map(|c| (c + 1).to_string())
                    .unwrap_or_default(),
                r.map(|r| r.method.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    Ok(Export {
        instance: run.instance,
        assignment: run.assignment,
        trainee_rows,
        place_rows,
        seed: round.seed.unwrap_or(0),
    })
}

/// The trainees sheet of an export.
pub const EXPORT_TRAINEES: SheetSpec = SheetSpec {
    name: "学员与结果",
    columns: &[
        ColumnSpec::new("index", "序号（hr1）", ColumnKind::IdLike),
        ColumnSpec::new("trainee_id", "学员编号", ColumnKind::IdLike),
        ColumnSpec::new("name", "姓名（脱敏）", ColumnKind::Text),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("list", "志愿（岗位序号，依次）", ColumnKind::Text),
        ColumnSpec::new("assigned", "录取岗位序号（-1 未录取）", ColumnKind::IdLike),
        ColumnSpec::new("choice", "第几志愿", ColumnKind::Text),
    ],
};

/// The places sheet of an export.
pub const EXPORT_PLACES: SheetSpec = SheetSpec {
    name: "岗位",
    columns: &[
        ColumnSpec::new("index", "序号（hr1）", ColumnKind::IdLike),
        ColumnSpec::new("demand_id", "岗位编号", ColumnKind::IdLike),
        ColumnSpec::new("enterprise", "企业", ColumnKind::Text),
        ColumnSpec::new("post", "岗位", ColumnKind::Text),
        ColumnSpec::new("capacity", "名额", ColumnKind::Text),
        ColumnSpec::new("filled", "录取", ColumnKind::Text),
        ColumnSpec::new("cutoff", "录取线（名次）", ColumnKind::Text),
        ColumnSpec::new("method", "排序方式", ColumnKind::Text),
    ],
};

// ---------------------------------------------------------------- notices

/// Something about a round the actor should know, for their home page.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A trainee (or their teacher) may enter preferences until the deadline.
    RankPlaces {
        /// The round.
        round_id: RoundId,
        /// Its name.
        round: String,
        /// The deadline (RFC 3339).
        deadline: String,
        /// Whether the trainee has a list already.
        submitted: bool,
    },
    /// An enterprise may set how its places rank until the deadline.
    RankApplicants {
        /// The round.
        round_id: RoundId,
        /// Its name.
        round: String,
        /// The deadline.
        deadline: String,
        /// Applicants to its places so far.
        applicants: usize,
    },
    /// The secretariat has a round to solve, review or publish.
    Review {
        /// The round.
        round_id: RoundId,
        /// Its name.
        round: String,
        /// `closed` or `solved`.
        status: RoundStatus,
    },
    /// A round was published: a trainee's own result, or a count for a unit.
    Published {
        /// The round.
        round_id: RoundId,
        /// Its name.
        round: String,
        /// For a trainee: whether they were placed.
        placed: Option<bool>,
        /// For a unit: how many of its trainees were placed, or how many it admitted.
        count: Option<usize>,
    },
}

/// What the actor should know about rounds: open rounds they act in, and published results.
pub async fn notices(app: &App, actor: &Actor) -> Result<Vec<Notice>> {
    let Ok(me) = actor.user() else {
        return Ok(Vec::new());
    };
    let me: User = me.clone();
    let now = app.now();
    let mut conn = app.db.read().await?;
    let rounds = store::list_rounds(&mut conn, false).await?;
    let trainee = if me.role == Role::Trainee {
        store::trainee_of_user(&mut conn, me.user_id).await?
    } else {
        None
    };
    let enterprise = actor.may(Permission::RankApplicants(me.org_id))
        && gongjiang_store::members::get_org(&mut conn, me.org_id)
            .await?
            .is_some_and(|o| o.kind == OrgKind::Enterprise);
    let school_staff = me.role != Role::Trainee
        && actor.may(Permission::EnterPreferences(me.org_id))
        && gongjiang_store::members::get_org(&mut conn, me.org_id)
            .await?
            .is_some_and(|o| o.kind.is_school());
    let mut out = Vec::new();
    for r in rounds.iter().take(20) {
        match r.status {
            RoundStatus::Open => {
                if let Some(t) = trainee
                    && r.accepts_preferences(now)
                    && store::is_participant(&mut conn, r.id, t).await?
                {
                    let submitted = !store::preferences_of(&mut conn, r.id, t).await?.is_empty();
                    out.push(Notice::RankPlaces {
                        round_id: r.id,
                        round: r.name.clone(),
                        deadline: r.preference_deadline.rfc3339_cst(),
                        submitted,
                    });
                }
                if school_staff && r.accepts_preferences(now) {
                    let ours = !store::participants_of_school(&mut conn, r.id, me.org_id)
                        .await?
                        .is_empty();
                    if ours {
                        out.push(Notice::RankPlaces {
                            round_id: r.id,
                            round: r.name.clone(),
                            deadline: r.preference_deadline.rfc3339_cst(),
                            submitted: false,
                        });
                    }
                }
                if enterprise && r.accepts_rankings(now) {
                    let places: Vec<DemandId> = store::round_demands(&mut conn, r.id)
                        .await?
                        .iter()
                        .filter(|p| p.demand.org_id == me.org_id)
                        .map(|p| p.demand.id)
                        .collect();
                    if !places.is_empty() {
                        let applicants = store::preferences(&mut conn, r.id)
                            .await?
                            .iter()
                            .filter(|p| places.contains(&p.demand_id))
                            .count();
                        out.push(Notice::RankApplicants {
                            round_id: r.id,
                            round: r.name.clone(),
                            deadline: r.ranking_deadline.rfc3339_cst(),
                            applicants,
                        });
                    }
                }
            }
            RoundStatus::Closed | RoundStatus::Solved => {
                if actor.may(Permission::ManageRounds) {
                    out.push(Notice::Review {
                        round_id: r.id,
                        round: r.name.clone(),
                        status: r.status,
                    });
                }
            }
            RoundStatus::Published => {
                if let Some(t) = trainee
                    && let Some(result) = store::result_of(&mut conn, r.id, t).await?
                {
                    out.push(Notice::Published {
                        round_id: r.id,
                        round: r.name.clone(),
                        placed: Some(result.demand_id.is_some()),
                        count: None,
                    });
                }
                if enterprise || school_staff {
                    let placements = store::placements_of_round(&mut conn, r.id).await?;
                    let count;
                    let involved;
                    if enterprise {
                        let places: Vec<DemandId> = store::round_demands(&mut conn, r.id)
                            .await?
                            .iter()
                            .filter(|p| p.demand.org_id == me.org_id)
                            .map(|p| p.demand.id)
                            .collect();
                        involved = !places.is_empty();
                        count = placements
                            .iter()
                            .filter(|p| places.contains(&p.demand_id))
                            .count();
                    } else {
                        let people = applicant_map(&mut conn, r.id).await?;
                        count = placements
                            .iter()
                            .filter(|p| {
                                people
                                    .get(&p.trainee_id)
                                    .is_some_and(|t| t.org_id == me.org_id)
                            })
                            .count();
                        involved = count > 0
                            || !store::participants_of_school(&mut conn, r.id, me.org_id)
                                .await?
                                .is_empty();
                    }
                    if involved {
                        out.push(Notice::Published {
                            round_id: r.id,
                            round: r.name.clone(),
                            placed: None,
                            count: Some(count),
                        });
                    }
                }
            }
            RoundStatus::Draft => {}
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- staffing and accounts

/// Records an enterprise's in-service staff (for the 10 % intern cap, INT-08).
pub async fn set_enterprise_staff(app: &App, actor: &Actor, org: OrgId, text: &str) -> Result<i64> {
    actor.require(Permission::ManageDemand(org))?;
    let staff = integer_field(text, 1, 10_000_000).map_err(|p| Error::field("staff_count", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let o = gongjiang_store::members::get_org(&mut tx, org)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if o.kind != OrgKind::Enterprise {
        return Err(Error::WrongState("round.not_enterprise".into()));
    }
    store::set_enterprise_staff(&mut tx, org, staff, now).await?;
    record(
        &mut tx,
        app,
        actor,
        "enterprise.staffing",
        "organization",
        &org.to_string(),
        Some(org.to_string()),
        json!(null),
        json!({"staff_count": staff}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(staff)
}

/// Records a post's in-service staff (for the 20 % intern cap, INT-08).
pub async fn set_post_staff(app: &App, actor: &Actor, demand: DemandId, text: &str) -> Result<i64> {
    actor.user()?;
    let staff = integer_field(text, 1, 10_000_000).map_err(|p| Error::field("staff_count", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let d = gongjiang_store::demand::get(&mut tx, demand)
        .await?
        .ok_or(Error::NotFound("demand"))?;
    actor.require(Permission::ManageDemand(d.org_id))?;
    store::set_post_staff(&mut tx, demand, staff, now).await?;
    record(
        &mut tx,
        app,
        actor,
        "demand.staffing",
        "demand",
        &demand.to_string(),
        Some(d.org_id.to_string()),
        json!(null),
        json!({"staff_count": staff}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(staff)
}

/// The recorded staff counts of an enterprise and of its posts in a round.
pub async fn staffing(
    app: &App,
    actor: &Actor,
    id: RoundId,
    org: OrgId,
) -> Result<(Option<i64>, HashMap<DemandId, i64>)> {
    actor.require(Permission::ManageDemand(org))?;
    let mut conn = app.db.read().await?;
    let enterprise = store::enterprise_staff(&mut conn)
        .await?
        .into_iter()
        .find(|(o, _)| *o == org)
        .map(|(_, n)| n);
    Ok((
        enterprise,
        store::post_staff_of_round(&mut conn, id)
            .await?
            .into_iter()
            .collect(),
    ))
}

/// Links a trainee account (a user holding the trainee role at the trainee's
/// school, e.g. invited with that role) to a trainee record of the acting
/// staff member's school, so the trainee can rank their own places.
pub async fn link_account(app: &App, actor: &Actor, trainee: TraineeId, login: &str) -> Result<()> {
    let me = actor.user()?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let t = gongjiang_store::supply::get_trainee(&mut tx, trainee)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    if actor.require(Permission::ManageSupply(t.org_id)).is_err() {
        return Err(if actor.may(Permission::ViewTrainees(t.org_id)) {
            Error::Forbidden
        } else {
            Error::NotFound("trainee")
        });
    }
    let user = gongjiang_store::accounts::user_by_login(&mut tx, login.trim())
        .await?
        .ok_or_else(|| {
            Error::field(
                "login",
                Problem::Rule {
                    key: "not_trainee_account",
                },
            )
        })?;
    let grants = gongjiang_store::accounts::grants_of_user(&mut tx, user.id).await?;
    if !grants
        .iter()
        .any(|g| g.org_id == t.org_id && g.role == Role::Trainee)
    {
        return Err(Error::field(
            "login",
            Problem::Rule {
                key: "not_trainee_account",
            },
        ));
    }
    store::link_trainee_account(&mut tx, t.id, user.id, &me.login, now).await?;
    record(
        &mut tx,
        app,
        actor,
        "trainee.link_account",
        "trainee",
        &t.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"login": user.login}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

impl Report for crate::progress::Progress {
    fn stage(&self, stage: &'static str, total: u64) {
        crate::progress::Progress::stage(self, stage, total);
    }

    fn advance(&self, units: u64) {
        crate::progress::Progress::advance(self, units);
    }
}

/// A round can be solved once closed (its seed recorded) and until published.
fn solvable(round: &Round) -> Result<()> {
    frozen_check(round)?;
    if !matches!(round.status, RoundStatus::Closed | RoundStatus::Solved) || round.seed.is_none() {
        return Err(Error::WrongState("round.not_closed".into()));
    }
    Ok(())
}

/// Solves a closed round as a background job (see [`crate::jobs`]) and
/// returns the job's id; the job's outcome holds the round's id and its
/// review. The permission is checked before the job starts.
pub async fn solve_in_background(
    app: &App,
    actor: &Actor,
    id: RoundId,
) -> Result<gongjiang_domain::ids::JobId> {
    actor.require(Permission::ManageRounds)?;
    // Refuse at once what the job would refuse, with the same error.
    {
        let mut conn = app.db.read().await?;
        solvable(&load(&mut conn, id).await?)?;
    }
    let owner = actor.clone();
    crate::jobs::spawn(
        app,
        actor,
        "round.solve",
        None,
        move |app, progress| async move {
            match solve(&app, &owner, id, &progress).await {
                Ok(review) => crate::jobs::Finish::Done(serde_json::json!({
                    "round_id": id.to_string(),
                    "review": review,
                })),
                Err(e) => crate::jobs::Finish::Failed(e.to_string()),
            }
        },
    )
    .await
}

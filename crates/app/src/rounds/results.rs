//! What solving produces and who sees it: the review the secretariat reads,
//! publishing (which creates the placements), and the published results for a
//! trainee, an enterprise's places and a school.

use super::preferences::{TraineeFacts, target_trainee};
use super::round::{
    PlaceView, applicant_map, audit_round, frozen_check, load, load_visible, names, place_view,
};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, RefusedMove, Result};
use crate::policy::Permission;
use gongjiang_domain::Lifecycle;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{DemandId, PlacementId, RoundId, TraineeId};
use gongjiang_domain::rounds::{CapNote, Round, RoundStatus, Violation};
use gongjiang_domain::supply::Trainee;
use gongjiang_store::rounds::{self as store, Placement, RoundDemand};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// One place's fill, for the review's tables.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MaxComparison {
    /// Trainees it places.
    pub placed: usize,
    /// Sum of choice positions (0 for a first choice).
    pub total_choice_rank: u64,
    /// Its blocking pairs: justified complaints it would cause.
    pub blocking_pairs: usize,
}

/// A trainee–place pair removed before matching, with the rules it breaks.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
    let status = before
        .status
        .move_to(RoundStatus::Published)
        .or_wrong_state("round.not_solved")?;
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
        status,
        published_at: Some(now),
        updated_at: now,
        ..before.clone()
    };
    store::save_round(&mut tx, &round).await?;
    let people = crate::notifications::round_people(&mut tx, id).await?;
    let event = crate::notifications::Event::new("round.published", format!("/rounds/{id}"))
        .arg("round", &round.name);
    crate::notifications::raise(&mut tx, app, &people, &event).await?;
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

/// A trainee's published result with the places it names.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    let people = applicant_map(&mut conn, id).await?;
    let facts = TraineeFacts::load(&mut conn, people.values()).await?;
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

//! Solving a closed round: the solver's inputs, eligibility and intern caps,
//! the engine's instance, each trainee's explanation, the review, and the
//! background job that runs it (reporting through [`Report`]).

use super::preferences::TraineeFacts;
use super::results::{
    CapacityLine, Explanation, Fill, Line, MaxComparison, Review, UnlistedLine, ViolationLine, Why,
};
use super::round::{Names, audit_round, frozen_check, load, names};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, RefusedMove, Result};
use crate::policy::Permission;
use gongjiang_domain::Lifecycle;
use gongjiang_domain::ids::{DemandId, OrgId, RoundId, TraineeId};
use gongjiang_domain::rounds::{
    CapInput, CapNote, Round, RoundKind, RoundStatus, Violation, Weights, apply_caps,
};
use gongjiang_domain::supply::Trainee;
use gongjiang_placement as engine;
use gongjiang_store::Connection;
use gongjiang_store::rounds::{self as store, Preference, RoundDemand};
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

async fn load_inputs(conn: &mut Connection, round: Round, today: time::Date) -> Result<Inputs> {
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
    // A trainee who withdrew consent to be offered to enterprises (or a
    // child without a guardian's consent) is not placed: their choices are
    // set aside.
    let mut prefs = store::preferences(conn, id).await?;
    let refs: Vec<&Trainee> = participants.iter().collect();
    let hidden = crate::privacy::hidden_from_enterprises(conn, &refs, today).await?;
    prefs.retain(|p| !hidden.contains(&p.trainee_id));
    Ok(Inputs {
        prefs,
        rankings: store::rankings(conn, id).await?,
        orders: store::orders(conn, id).await?,
        facts: TraineeFacts::load(conn, &participants).await?,
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
        load_inputs(&mut conn, round, app.now().date_cst()).await?
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
    let status = round
        .status
        .move_to(RoundStatus::Solved)
        .or_wrong_state("round.not_closed")?;
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
        status,
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
    if !round.status.may_move_to(RoundStatus::Solved) || round.seed.is_none() {
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

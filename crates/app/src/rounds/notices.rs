//! What an actor should know about rounds on their home page: open rounds they
//! act in, and published results.

use super::round::applicant_map;
use crate::App;
use crate::actor::{Actor, User};
use crate::error::Result;
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{DemandId, RoundId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::rounds::RoundStatus;
use gongjiang_store::rounds::{self as store};
use serde::Serialize;

/// Something about a round the actor should know, for their home page.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    /// The secretariat follows an open round's fill: how many of the
    /// trainees who may take part have entered a list, until the deadline.
    Filling {
        /// The round.
        round_id: RoundId,
        /// Its name.
        round: String,
        /// The preference deadline.
        deadline: String,
        /// Trainees who may take part.
        participants: i64,
        /// Of them, those with a list.
        entered: i64,
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
    let enterprise =
        actor.may(Permission::RankApplicants(me.org_id)) && me.org_kind == OrgKind::Enterprise;
    let school_staff = me.role != Role::Trainee
        && actor.may(Permission::EnterPreferences(me.org_id))
        && me.org_kind.is_school();
    let mut out = Vec::new();
    for r in rounds.iter().take(20) {
        match r.status {
            RoundStatus::Open => {
                if actor.may(Permission::ManageRounds) {
                    let (participants, entered) =
                        store::participant_counts(&mut conn, r.id).await?;
                    out.push(Notice::Filling {
                        round_id: r.id,
                        round: r.name.clone(),
                        deadline: r.preference_deadline.rfc3339_cst(),
                        participants,
                        entered,
                    });
                }
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
                    let ours = store::school_takes_part(&mut conn, r.id, me.org_id).await?;
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
                            || store::school_takes_part(&mut conn, r.id, me.org_id).await?;
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

//! How each place ranks its applicants: the enterprise's applicant list, its
//! choice of scoring rule or its own order, and that order uploaded as a sheet
//! ([`ORDER_SHEET`]).

use super::preferences::TraineeFacts;
use super::round::{PlaceView, applicant_map, frozen_check, load_visible, names, place_view};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::imports::{Refusal, Row, RowProblem};
use crate::policy::Permission;
use gongjiang_domain::demand::integer_field;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use gongjiang_domain::rounds::{Round, RoundStatus, ScoreFacts, Violation, Weights, WeightsInput};
use gongjiang_domain::supply::Trainee;
use gongjiang_domain::{FieldError, FieldErrors, Problem};
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::Connection;
use gongjiang_store::rounds::{self as store, RoundDemand};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

/// How a place ranks its applicants.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ApplicantView {
    /// The trainee (the id to use in an uploaded order).
    pub trainee_id: TraineeId,
    /// Masked name (王*明), or the full name once the trainee gave the
    /// enterprise separate consent to see it.
    pub name: String,
    /// True when `name` is the full name, shared by the trainee's consent.
    pub identified: bool,
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    // Only the enterprise that offers the place sees its applicants and
    // ranks them, as the policy table says: organising the round does not
    // make the secretariat a party to an enterprise's choice (it reviews the
    // round's outcome, not the ranking inputs).
    actor.require(Permission::RankApplicants(place.demand.org_id))?;
    Ok(place)
}

/// The applicants to one of the acting enterprise's places.
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
    let mut people = applicant_map(&mut conn, id).await?;
    let facts = TraineeFacts::load(&mut conn, people.values()).await?;
    let all: Vec<(Trainee, i64)> = entries
        .iter()
        .filter_map(|e| people.remove(&e.trainee_id).map(|t| (t, e.position)))
        .collect();
    // Who withdrew consent to be offered (or is a child without a
    // guardian's consent) is no applicant; who shared their identity with
    // this enterprise is named.
    let today = app.now().date_cst();
    let refs: Vec<&Trainee> = all.iter().map(|(t, _)| t).collect();
    let hidden = crate::privacy::hidden_from_enterprises(&mut conn, &refs, today).await?;
    let shared = crate::privacy::shared_with(&mut conn, place.demand.org_id, &refs, today).await?;
    let trainees: Vec<(Trainee, i64)> = all
        .into_iter()
        .filter(|(t, _)| !hidden.contains(&t.id))
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
            let identified = shared.contains(&t.id);
            ApplicantView {
                trainee_id: t.id,
                name: if identified {
                    t.name.clone()
                } else {
                    t.name_masked.clone()
                },
                identified,
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

/// A certificate as an applicant's profile shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProfileCertificate {
    /// Occupation.
    pub occupation: String,
    /// Level.
    pub level: gongjiang_domain::evaluation::Level,
    /// Issued on (`YYYY-MM-DD`).
    pub issued_on: String,
}

/// One applicant as the enterprise offering the place sees them: an
/// anonymised profile (major, cohort, certificates and levels), and the name
/// and phone number only with the trainee's separate consent (PIPL Art. 23).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ApplicantProfile {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The masked name, or the full name when shared.
    pub name: String,
    /// The phone number when shared; else none.
    pub phone: Option<String>,
    /// Whether the trainee shared their identity with this enterprise.
    pub identified: bool,
    /// School.
    pub school: String,
    /// Major.
    pub major: String,
    /// Cohort.
    pub cohort: String,
    /// Year of graduation, if known.
    pub graduation_year: Option<i64>,
    /// Where the place stands in their list (1 = first choice).
    pub choice: i64,
    /// Certificates, newest first.
    pub certificates: Vec<ProfileCertificate>,
    /// The place.
    pub place: PlaceView,
}

/// One applicant's profile for the enterprise offering the place, logged in
/// the trainee's access log. Who is no applicant of the place, or withdrew
/// consent to be offered, is not found.
pub async fn applicant(
    app: &App,
    actor: &Actor,
    id: RoundId,
    demand: DemandId,
    trainee: TraineeId,
) -> Result<ApplicantProfile> {
    let mut tx = app.db.write().await?;
    let round = load_visible(&mut tx, actor, id).await?;
    let place = place_of_round(&mut tx, actor, &round, demand).await?;
    let entry = store::applicants(&mut tx, id, demand)
        .await?
        .into_iter()
        .find(|e| e.trainee_id == trainee)
        .ok_or(Error::NotFound("trainee"))?;
    let t = gongjiang_store::supply::get_trainee(&mut tx, trainee)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    let today = app.now().date_cst();
    if !crate::privacy::hidden_from_enterprises(&mut tx, &[&t], today)
        .await?
        .is_empty()
    {
        return Err(Error::NotFound("trainee"));
    }
    let identified = !crate::privacy::shared_with(&mut tx, place.demand.org_id, &[&t], today)
        .await?
        .is_empty();
    let phone = match (&t.phone_sealed, identified) {
        (Some(p), true) => Some(
            app.vault
                .open(p, &crate::supply::aad("phone", t.id))
                .map_err(|e| Error::Internal(e.to_string()))?,
        ),
        _ => None,
    };
    let facts = TraineeFacts::load(&mut tx, [&t]).await?;
    let n = names(&mut tx, [t.org_id, place.demand.org_id].into_iter()).await?;
    let certificates = gongjiang_store::certificates::of_trainee(&mut tx, t.id)
        .await?
        .into_iter()
        .filter(|c| c.status == "valid")
        .map(|c| ProfileCertificate {
            occupation: c.occupation_name,
            level: c.level,
            issued_on: c.issued_on,
        })
        .collect();
    let (purpose, fields) = if identified {
        (
            gongjiang_domain::privacy::Purpose::Sharing,
            "name,phone,student_record,evaluation",
        )
    } else {
        (
            gongjiang_domain::privacy::Purpose::Placement,
            "student_record,evaluation",
        )
    };
    crate::privacy::log_access(&mut tx, actor, t.id, "view", purpose, fields, app.now()).await?;
    let profile = ApplicantProfile {
        trainee_id: t.id,
        name: if identified {
            t.name.clone()
        } else {
            t.name_masked.clone()
        },
        phone,
        identified,
        school: n.orgs.get(&t.org_id).cloned().unwrap_or_default(),
        major: facts.major(&t).map(|m| m.name.clone()).unwrap_or_default(),
        cohort: facts.cohort(&t).map(|c| c.name.clone()).unwrap_or_default(),
        graduation_year: facts.cohort(&t).map(|c| c.graduation_year),
        choice: entry.position + 1,
        certificates,
        place: place_view(&place, &n),
    };
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(profile)
}

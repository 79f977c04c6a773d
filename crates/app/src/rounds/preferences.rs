//! Trainees' preferences: the acting trainee's own list or, for a teacher,
//! their school's participants; setting a list while the round is open; and
//! linking a trainee account to its trainee record.

use super::round::{Names, PlaceView, frozen_check, load_visible, names, place_view};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::{Demand, date_field};
use gongjiang_domain::ids::{CohortId, DemandId, RoundId, TraineeId};
use gongjiang_domain::rounds::{
    Candidate, Post, Round, RoundKind, RoundStatus, ScoreFacts, Violation, home_city, major_fits,
    violations,
};
use gongjiang_domain::supply::{Cohort, Major, Trainee};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection;
use gongjiang_store::rounds::{self as store, Preference};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

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
pub(super) async fn target_trainee(
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ChoiceView {
    /// The place.
    #[serde(flatten)]
    pub place: PlaceView,
    /// Rules this trainee breaks for this place (the place will be skipped when solving).
    pub violations: Vec<Violation>,
}

/// A trainee's preferences in a round.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

pub(super) struct TraineeFacts {
    cohorts: HashMap<CohortId, Cohort>,
    majors: HashMap<gongjiang_domain::ids::MajorId, Major>,
}

impl TraineeFacts {
    /// The cohorts and majors of these trainees (two or three indexed
    /// look-ups, however large the alliance).
    pub(super) async fn load<'a>(
        conn: &mut Connection,
        trainees: impl IntoIterator<Item = &'a Trainee>,
    ) -> Result<TraineeFacts> {
        let mut ids: Vec<CohortId> = trainees.into_iter().filter_map(|t| t.cohort_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let cohorts: HashMap<CohortId, Cohort> =
            gongjiang_store::supply::cohorts_by_ids(conn, &ids)
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect();
        let mut majors: Vec<_> = cohorts.values().map(|c| c.major_id).collect();
        majors.sort_unstable();
        majors.dedup();
        Ok(TraineeFacts {
            cohorts,
            majors: gongjiang_store::supply::majors_by_ids(conn, &majors)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
        })
    }
    pub(super) fn cohort(&self, t: &Trainee) -> Option<&Cohort> {
        t.cohort_id.and_then(|c| self.cohorts.get(&c))
    }
    pub(super) fn major(&self, t: &Trainee) -> Option<&Major> {
        self.cohort(t).and_then(|c| self.majors.get(&c.major_id))
    }
    pub(super) fn violations(
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
    pub(super) fn score_facts(&self, t: &Trainee, d: &Demand, n: &Names) -> ScoreFacts {
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
    let facts = TraineeFacts::load(conn, [t]).await?;
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
    // Who withdrew consent to be offered to enterprises may still clear
    // their choices, but not make new ones.
    if demand_ids.iter().any(|d| !d.trim().is_empty())
        && !crate::privacy::hidden_from_enterprises(&mut tx, &[&t], now.date_cst())
            .await?
            .is_empty()
    {
        let child = gongjiang_domain::privacy::needs_guardian(&t.birth_date, now.date_cst());
        return Err(Error::WrongState(
            if child {
                "privacy.guardian_needed"
            } else {
                "privacy.placement_withdrawn"
            }
            .into(),
        ));
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

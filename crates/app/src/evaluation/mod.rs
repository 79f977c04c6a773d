//! Skill evaluation: the secretariat registers member units as evaluation
//! institutions and records their filings; an institution runs sessions for
//! an occupation and level it is filed for, admits candidates whose
//! eligibility the rule set confirms (a refusal comes back explained), and
//! records scores, from which the pass rule decides the result. A result with
//! a live certificate cannot be changed (revoke the certificate first).

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::demand::date_field;
use gongjiang_domain::evaluation::{
    Candidate, Eligibility, Facts, Filing, FilingInput, Institution, InstitutionInput, Level,
    NATIONAL_TEMPLATE_2018, ScoresInput, Session, SessionInput, check_eligibility, passes,
};
use gongjiang_domain::ids::{CandidateId, EvaluationSessionId, OrgId, TraineeId};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection as AnyConnection;
use gongjiang_store::evaluation as store;
use serde::Serialize;
use serde_json::json;

/// An institution with its filings.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InstitutionView {
    /// The registration.
    pub institution: Institution,
    /// Its organisation's name.
    pub name: String,
    /// Its filings, newest first.
    pub filings: Vec<Filing>,
}

async fn org_name(conn: &mut AnyConnection, org: OrgId) -> Result<String> {
    Ok(gongjiang_store::members::get_org(conn, org)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

async fn occupation_name(conn: &mut AnyConnection, code: &str) -> Result<Option<String>> {
    Ok(gongjiang_store::demand::occupations(conn)
        .await?
        .into_iter()
        .find(|o| o.code == code)
        .map(|o| o.name))
}

/// Registers (or re-codes) a member unit as an evaluation institution.
pub async fn register_institution(
    app: &App,
    actor: &Actor,
    org: OrgId,
    input: &InstitutionInput,
) -> Result<Institution> {
    actor.require(Permission::ManageEvaluationInstitutions)?;
    let institution = input.validate(org)?;
    let mut tx = app.db.write().await?;
    if gongjiang_store::members::get_org(&mut tx, org)
        .await?
        .is_none()
    {
        return Err(Error::NotFound("organization"));
    }
    let before = store::institution(&mut tx, org).await?;
    store::save_institution(&mut tx, &institution, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "evaluation.institution.register",
        "evaluation_institution",
        &org.to_string(),
        Some(org.to_string()),
        json!(before),
        json!(institution),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(institution)
}

/// Records a filing of a registered institution.
pub async fn add_filing(
    app: &App,
    actor: &Actor,
    org: OrgId,
    input: &FilingInput,
) -> Result<Filing> {
    actor.require(Permission::ManageEvaluationInstitutions)?;
    let filing = input.validate(org)?;
    let mut tx = app.db.write().await?;
    if store::institution(&mut tx, org).await?.is_none() {
        return Err(Error::NotFound("evaluation institution"));
    }
    if occupation_name(&mut tx, &filing.occupation_code)
        .await?
        .is_none()
    {
        return Err(Error::field("occupation_code", Problem::InvalidChoice));
    }
    store::insert_filing(&mut tx, &filing, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "evaluation.filing.create",
        "evaluation_filing",
        &filing.id.to_string(),
        Some(org.to_string()),
        json!(null),
        json!(filing),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(filing)
}

fn may_see_institution(actor: &Actor, org: OrgId) -> bool {
    actor.may(Permission::ManageEvaluationInstitutions)
        || actor.may(Permission::RunEvaluations(org))
}

/// An institution with its filings (the secretariat, or the institution's own staff).
pub async fn institution(app: &App, actor: &Actor, org: OrgId) -> Result<InstitutionView> {
    actor.user()?;
    if !may_see_institution(actor, org) {
        return Err(Error::NotFound("evaluation institution"));
    }
    let mut conn = app.db.read().await?;
    let institution = store::institution(&mut conn, org)
        .await?
        .ok_or(Error::NotFound("evaluation institution"))?;
    Ok(InstitutionView {
        name: org_name(&mut conn, org).await?,
        filings: store::filings(&mut conn, org).await?,
        institution,
    })
}

/// Every institution the actor may see: all for the secretariat, their own otherwise.
pub async fn institutions(app: &App, actor: &Actor) -> Result<Vec<InstitutionView>> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let mut out = Vec::new();
    for i in store::institutions(&mut conn).await? {
        if may_see_institution(actor, i.org_id) {
            out.push(InstitutionView {
                name: org_name(&mut conn, i.org_id).await?,
                filings: store::filings(&mut conn, i.org_id).await?,
                institution: i,
            });
        }
    }
    Ok(out)
}

/// Creates a session of the actor's institution; it must be filed for the
/// occupation and level on the session's day.
pub async fn create_session(app: &App, actor: &Actor, input: &SessionInput) -> Result<Session> {
    let me = actor.user()?.clone();
    actor.require(Permission::RunEvaluations(me.org_id))?;
    let session = input.validate(me.org_id)?;
    let mut tx = app.db.write().await?;
    if store::institution(&mut tx, me.org_id).await?.is_none() {
        return Err(Error::WrongState("evaluation.not_institution".into()));
    }
    if occupation_name(&mut tx, &session.occupation_code)
        .await?
        .is_none()
    {
        return Err(Error::field("occupation_code", Problem::InvalidChoice));
    }
    let day = date_field(&session.held_on).map_err(|p| Error::field("held_on", p))?;
    let filed = store::filings(&mut tx, me.org_id)
        .await?
        .iter()
        .any(|f| f.covers(&session.occupation_code, session.level, day));
    if !filed {
        return Err(Error::field("level", Problem::Rule { key: "no_filing" }));
    }
    store::insert_session(&mut tx, &session, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "evaluation.session.create",
        "evaluation_session",
        &session.id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!(session),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(session)
}

/// A candidate as the institution sees them: masked name, result, certificate.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CandidateView {
    /// The candidate.
    #[serde(flatten)]
    pub candidate: Candidate,
    /// The trainee's name: in full for staff of their own school, masked
    /// (`欧**娜`) for everyone else.
    pub name: String,
    /// The live certificate's id, if issued.
    pub certificate_id: Option<String>,
}

/// A session with its candidates.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SessionView {
    /// The session.
    pub session: Session,
    /// The institution's name.
    pub institution: String,
    /// Occupation name.
    pub occupation_name: String,
    /// Pass mark in force.
    pub pass_mark: i64,
    /// Candidates.
    pub candidates: Vec<CandidateView>,
}

fn may_see_session(actor: &Actor, s: &Session) -> bool {
    actor.may(Permission::ManageEvaluationInstitutions)
        || actor.may(Permission::RunEvaluations(s.org_id))
}

pub(crate) async fn load_session(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: EvaluationSessionId,
) -> Result<Session> {
    store::session(conn, id)
        .await?
        .filter(|s| may_see_session(actor, s))
        .ok_or(Error::NotFound("evaluation session"))
}

/// One session with its candidates.
pub async fn session(app: &App, actor: &Actor, id: EvaluationSessionId) -> Result<SessionView> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let session = load_session(&mut conn, actor, id).await?;
    let mut candidates = Vec::new();
    for c in store::candidates(&mut conn, id).await? {
        let name = gongjiang_store::supply::get_trainee(&mut conn, c.trainee_id)
            .await?
            .map(|t| crate::supply::shown_name(actor, &t, false))
            .unwrap_or_default();
        let certificate_id = gongjiang_store::certificates::of_candidate(&mut conn, c.id)
            .await?
            .into_iter()
            .find(|x| x.status != "revoked")
            .map(|x| x.id.to_string());
        candidates.push(CandidateView {
            candidate: c,
            name,
            certificate_id,
        });
    }
    Ok(SessionView {
        institution: org_name(&mut conn, session.org_id).await?,
        occupation_name: occupation_name(&mut conn, &session.occupation_code)
            .await?
            .unwrap_or_default(),
        pass_mark: app.settings.evaluation_pass_mark,
        session,
        candidates,
    })
}

/// Sessions the actor may see, latest first.
pub async fn sessions(app: &App, actor: &Actor) -> Result<Vec<Session>> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let org = (!actor.may(Permission::ManageEvaluationInstitutions)).then_some(me.org_id);
    Ok(store::sessions(&mut conn, org)
        .await?
        .into_iter()
        .filter(|s| may_see_session(actor, s))
        .collect())
}

/// What the trainee's record says for eligibility to `session`.
async fn facts(conn: &mut AnyConnection, session: &Session, trainee: TraineeId) -> Result<Facts> {
    let t = gongjiang_store::supply::get_trainee(conn, trainee)
        .await?
        .ok_or(Error::field("trainee_id", Problem::InvalidChoice))?;
    let cohort = match t.cohort_id {
        Some(id) => gongjiang_store::supply::get_cohort(conn, id).await?,
        None => None,
    };
    let major = match &cohort {
        Some(c) => gongjiang_store::supply::get_major(conn, c.major_id).await?,
        None => None,
    };
    let mut held = Vec::new();
    for c in gongjiang_store::certificates::of_trainee(conn, trainee).await? {
        if c.status == "valid"
            && c.occupation_code == session.occupation_code
            && let Ok(day) = date_field(&c.issued_on)
        {
            held.push((c.level, day));
        }
    }
    Ok(Facts {
        on: date_field(&session.held_on).map_err(|p| Error::field("held_on", p))?,
        class_level: major.as_ref().map(|m| m.level),
        major_related: major
            .as_ref()
            .is_some_and(|m| m.occupations.contains(&session.occupation_code)),
        graduation_year: cohort.map(|c| c.graduation_year),
        status: t.status,
        // Work periods are not recorded on the platform yet, so none count (SKL-02).
        years_in_occupation: 0,
        held,
        apprenticeship_completed: false,
    })
}

/// Checks a trainee's eligibility for a session without admitting them.
pub async fn eligibility(
    app: &App,
    actor: &Actor,
    id: EvaluationSessionId,
    trainee: TraineeId,
) -> Result<Eligibility> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let session = load_session(&mut conn, actor, id).await?;
    actor.require(Permission::RunEvaluations(session.org_id))?;
    let facts = facts(&mut conn, &session, trainee).await?;
    Ok(check_eligibility(
        &NATIONAL_TEMPLATE_2018,
        session.level,
        &facts,
    ))
}

/// Admits a trainee to a session when eligible. `Ok(Err(eligibility))` is a
/// refusal with every alternative and its evidence, to show the user.
pub async fn add_candidate(
    app: &App,
    actor: &Actor,
    id: EvaluationSessionId,
    trainee: TraineeId,
) -> Result<std::result::Result<Candidate, Eligibility>> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let session = load_session(&mut tx, actor, id).await?;
    actor.require(Permission::RunEvaluations(session.org_id))?;
    let facts = facts(&mut tx, &session, trainee).await?;
    let eligibility = check_eligibility(&NATIONAL_TEMPLATE_2018, session.level, &facts);
    if !eligibility.eligible() {
        return Ok(Err(eligibility));
    }
    let candidate = Candidate {
        id: CandidateId::new(),
        session_id: id,
        trainee_id: trainee,
        eligibility,
        scores: None,
        passed: None,
        rescore_required: false,
    };
    store::insert_candidate(&mut tx, &candidate, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "evaluation.candidate.add",
        "evaluation_candidate",
        &candidate.id.to_string(),
        Some(session.org_id.to_string()),
        json!(null),
        json!({"session_id": id, "trainee_id": trainee, "matched": candidate.eligibility.matched,
            "edition": candidate.eligibility.edition}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Ok(candidate))
}

/// Records a candidate's scores; the pass rule decides the result. Refused
/// once a live certificate certifies the result (revoke it first).
pub async fn record_scores(
    app: &App,
    actor: &Actor,
    id: CandidateId,
    input: &ScoresInput,
) -> Result<Candidate> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let candidate = store::candidate(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("candidate"))?;
    let session = load_session(&mut tx, actor, candidate.session_id).await?;
    actor.require(Permission::RunEvaluations(session.org_id))?;
    let scores = input.validate(session.level)?;
    let live = gongjiang_store::certificates::of_candidate(&mut tx, id)
        .await?
        .iter()
        .any(|c| c.status != "revoked");
    if live {
        return Err(Error::WrongState("evaluation.result_certified".into()));
    }
    let passed = passes(session.level, &scores, app.settings.evaluation_pass_mark);
    store::set_scores(&mut tx, id, &scores, passed, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "evaluation.result.record",
        "evaluation_candidate",
        &id.to_string(),
        Some(session.org_id.to_string()),
        json!({"scores": candidate.scores, "passed": candidate.passed}),
        json!({"scores": scores, "passed": passed, "pass_mark": app.settings.evaluation_pass_mark}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Candidate {
        scores: Some(scores),
        passed: Some(passed),
        rescore_required: false,
        ..candidate
    })
}

/// One evaluation result of a trainee, for their record.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TraineeResult {
    /// Session id.
    pub session_id: EvaluationSessionId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Occupation code.
    pub occupation_code: String,
    /// Level.
    pub level: Level,
    /// Day of the session.
    pub held_on: String,
    /// The institution.
    pub institution: String,
    /// Passed, failed, or not yet scored.
    pub passed: Option<bool>,
}

/// Whether the actor may see this trainee's evaluation record: the trainee's
/// school, the secretariat, or the trainee themself.
pub(crate) async fn may_see_trainee(
    conn: &mut AnyConnection,
    actor: &Actor,
    trainee: TraineeId,
) -> Result<bool> {
    let me = actor.user()?;
    let Some(t) = gongjiang_store::supply::get_trainee(conn, trainee).await? else {
        return Ok(false);
    };
    if actor.may(Permission::ViewTrainees(t.org_id)) {
        return Ok(true);
    }
    Ok(gongjiang_store::rounds::trainee_of_user(conn, me.user_id).await? == Some(trainee))
}

/// A trainee's evaluation results, latest first (for the trainee's page and
/// the funnel's "evaluated" step).
pub async fn results_of_trainee(
    app: &App,
    actor: &Actor,
    trainee: TraineeId,
) -> Result<Vec<TraineeResult>> {
    let mut conn = app.db.read().await?;
    if !may_see_trainee(&mut conn, actor, trainee).await? {
        return Err(Error::NotFound("trainee"));
    }
    let mut out = Vec::new();
    for (c, s) in store::candidacies_of_trainee(&mut conn, trainee).await? {
        out.push(TraineeResult {
            session_id: s.id,
            candidate_id: c.id,
            occupation_code: s.occupation_code.clone(),
            level: s.level,
            held_on: s.held_on.clone(),
            institution: org_name(&mut conn, s.org_id).await?,
            passed: c.passed,
        });
    }
    Ok(out)
}

/// Field errors of a refused admission, for callers that want them as such.
pub fn refusal(eligibility: &Eligibility) -> FieldErrors {
    let mut e = FieldErrors::new();
    if !eligibility.eligible() {
        e.push(
            "trainee_id",
            Problem::Rule {
                key: "not_eligible",
            },
        );
    }
    e
}

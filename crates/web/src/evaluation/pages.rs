//! Evaluation pages: the sessions an institution runs (all for the
//! secretariat) and one session with its candidates, their eligibility
//! basis, scores and results, with the buttons that issue every passing
//! result's certificate (a job) and revoke a certificate.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table, download};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::jobs::{self, JobStatus};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, certificates, evaluation};
use gongjiang_domain::evaluation::{Level, ScoresInput, SessionInput};
use gongjiang_domain::ids::{CandidateId, CertificateId, EvaluationSessionId};

#[derive(Template)]
#[template(path = "evaluation/evaluation.html")]
struct ListPage {
    l: Layout,
    institutions: Vec<(String, String, Vec<String>)>,
    table: Table,
    pager: Pager,
    levels: Vec<Choice>,
    /// May create sessions (staff of a registered institution).
    can_run: bool,
    /// May register institutions and record filings (the secretariat).
    can_register: bool,
}

fn level_words(lang: Lang, code: &str) -> String {
    i18n::choice(lang, "level", code)
}

/// Query of the session list: its filter and the page.
#[derive(serde::Deserialize, Default)]
pub struct SessionsQuery {
    /// A level code (`level4`…), or empty for every level.
    #[serde(default)]
    level: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl SessionsQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("level", self.level.clone())]
    }
}

/// The sessions the actor may see under the query's filter, as a table in
/// words (the page and its exports).
async fn sessions_table(
    state: &AppState,
    ctx: &Ctx,
    q: &SessionsQuery,
) -> Result<Table, PageError> {
    let lang = ctx.lang;
    let level = if q.level.is_empty() {
        None
    } else {
        Some(Level::parse(&q.level).map_err(|p| PageError::new(lang, Error::field("level", p)))?)
    };
    let mut table = Table::new(
        lang,
        &[
            "evaluation.held_on",
            "evaluation.occupation",
            "evaluation.level",
            "evaluation.venue",
        ],
    );
    for s in evaluation::sessions(&state.app, &ctx.actor).await? {
        if level.is_some_and(|l| s.level != l) {
            continue;
        }
        table.push(vec![
            Cell::link(s.held_on.clone(), format!("/evaluation/sessions/{}", s.id)),
            Cell::text(s.occupation_code.clone()),
            Cell::text(s.level.wording()),
            Cell::text(s.venue.clone()),
        ]);
    }
    Ok(table)
}

/// `GET /evaluation.csv` and `.xlsx`: every session under the page's filter, as CSV or a workbook (by the path's ending).
pub async fn sessions_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SessionsQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let table = sessions_table(&state, &ctx, &q).await?;
    download(
        ctx.lang,
        i18n::tr(ctx.lang, "evaluation.sessions"),
        &table,
        format.is_xlsx(),
    )
}

/// `GET /evaluation`: institutions and sessions I may see.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SessionsQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let institutions = evaluation::institutions(&state.app, &ctx.actor)
        .await?
        .into_iter()
        .map(|i| {
            let codes = format!(
                "{}{}{}{}",
                i.institution.kind.as_str(),
                i.institution.institution_code,
                i.institution.province_code,
                i.institution.site_code
            );
            let filings = i
                .filings
                .iter()
                .map(|f| {
                    format!(
                        "{} {} {} — {}（{}）",
                        f.occupation_code,
                        f.levels
                            .iter()
                            .map(|l| l.wording())
                            .collect::<Vec<_>>()
                            .join("、"),
                        f.valid_from,
                        f.valid_to.clone().unwrap_or_default(),
                        f.reference
                    )
                })
                .collect();
            (i.name, codes, filings)
        })
        .collect();
    let mut table = sessions_table(&state, &ctx, &q).await?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, rows) = crate::lists::paged(lang, "/evaluation", &q.params(), ask, table.rows);
    table.rows = rows;
    render(
        lang,
        &ListPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            can_run: ctx
                .actor
                .user()
                .is_ok_and(|u| ctx.actor.may(Permission::RunEvaluations(u.org_id))),
            can_register: ctx.actor.may(Permission::ManageEvaluationInstitutions),
            institutions,
            table,
            pager,
            levels: Level::ALL
                .iter()
                .map(|l| Choice::new(l.as_str(), l.wording(), &q.level))
                .collect(),
        },
    )
}

/// A candidate line.
pub struct CandidateLine {
    id: String,
    name: String,
    matched: String,
    theory: String,
    practical: String,
    review: String,
    result: String,
    certificate_id: String,
}

#[derive(Template)]
#[template(path = "evaluation/evaluation_session.html")]
struct SessionPage {
    l: Layout,
    id: String,
    title: String,
    held_on: String,
    venue: String,
    examiners: String,
    institution: String,
    pass_mark: i64,
    candidates: Vec<CandidateLine>,
    can_issue: bool,
    /// May record scores (the institution's staff).
    can_score: bool,
    /// The review score is part of this level (技师 and above).
    with_review: bool,
    /// Why scores just entered were refused.
    errors: FormErrors,
    /// The trainees who may be admitted (the institution's staff, when it
    /// is a school whose trainees they may see).
    admit: Option<crate::lists::Picker>,
    /// Why the trainee just proposed may not sit this level: each
    /// alternative of the rules with how each of its conditions fared.
    refused: Vec<RefusedAlternative>,
}

/// An alternative of the eligibility rules as a refusal shows it.
pub struct RefusedAlternative {
    id: String,
    text: String,
    conditions: Vec<(String, bool, String)>,
}

/// Query of a session page: the admission picker's search.
#[derive(serde::Deserialize, Default)]
pub struct SessionQuery {
    #[serde(default)]
    trainee_q: String,
}

/// `GET /evaluation/sessions/{id}`: one session with its candidates.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<EvaluationSessionId>,
    Query(q): Query<SessionQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let mut page = session_page(&state, &ctx, id, FormErrors::default()).await?;
    if page.can_score {
        page.admit = admission_picker(&state, &ctx, &q.trainee_q, "").await?;
    }
    render(lang, &page)
}

/// The picker of trainees to admit, when the institution's staff may see
/// trainees (a school's own); none otherwise.
async fn admission_picker(
    state: &AppState,
    ctx: &Ctx,
    search: &str,
    current: &str,
) -> Result<Option<crate::lists::Picker>, PageError> {
    match crate::supply::pages::trainee_picker(state, ctx, search, current).await {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.is_forbidden() => Ok(None),
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/sessions/{id}/candidates`: admits the chosen trainee
/// when the rules allow; otherwise the session again, saying which
/// alternative of the rules failed on which condition and the facts used.
pub async fn admit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<EvaluationSessionId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let chosen = field(&pairs, "trainee_id");
    let Ok(trainee) = chosen.parse() else {
        let mut errors = gongjiang_domain::FieldErrors::new();
        errors.push("trainee_id", gongjiang_domain::Problem::Required);
        let mut page = session_page(
            &state,
            &ctx,
            id,
            FormErrors::labelled(&errors, lang, ADMIT_LABELS),
        )
        .await?;
        page.admit = admission_picker(&state, &ctx, "", "").await?;
        return Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response());
    };
    match evaluation::add_candidate(&state.app, &ctx.actor, id, trainee).await? {
        Ok(_) => Ok(crate::forms::saved(
            &state,
            &format!("/evaluation/sessions/{id}"),
        )),
        Err(refused) => {
            let errors = FormErrors::labelled(&evaluation::refusal(&refused), lang, ADMIT_LABELS);
            let mut page = session_page(&state, &ctx, id, errors).await?;
            page.admit = admission_picker(&state, &ctx, "", &chosen).await?;
            page.refused = refused
                .alternatives
                .iter()
                .map(|a| RefusedAlternative {
                    id: a.id.clone(),
                    text: i18n::named(lang, &a.text_zh, &a.text_en).to_string(),
                    conditions: a
                        .conditions
                        .iter()
                        .map(|c| {
                            (
                                i18n::tr(lang, &format!("evaluation.condition.{}", c.condition))
                                    .to_string(),
                                c.met,
                                c.evidence.clone(),
                            )
                        })
                        .collect(),
                })
                .collect();
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
    }
}

/// How the admission form names its field.
const ADMIT_LABELS: &[(&str, &str)] = &[("trainee_id", "field.trainee_id")];

/// How the score form names its fields in error messages.
pub(crate) const SCORE_LABELS: &[(&str, &str)] = &[
    ("theory_score", "evaluation.label.theory_score"),
    ("practical_score", "evaluation.label.practical_score"),
    ("review_score", "evaluation.label.review_score"),
];

/// `POST /evaluation/candidates/{id}/scores`: records a candidate's scores
/// (the pass rule decides); a bad score shows the session again with the
/// field named, and a certified result is refused until it is revoked.
pub async fn record_scores(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<CandidateId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = ScoresInput {
        theory: field(&pairs, "theory_score"),
        practical: field(&pairs, "practical_score"),
        review: field(&pairs, "review_score"),
    };
    let session: EvaluationSessionId = field(&pairs, "session_id")
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("evaluation session")))?;
    match evaluation::record_scores(&state.app, &ctx.actor, id, &input).await {
        Ok(c) => {
            Ok(Redirect::to(&format!("/evaluation/sessions/{}", c.session_id)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, SCORE_LABELS);
            let page = session_page(&state, &ctx, session, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

async fn session_page(
    state: &AppState,
    ctx: &Ctx,
    id: EvaluationSessionId,
    errors: FormErrors,
) -> Result<SessionPage, PageError> {
    let lang = ctx.lang;
    let view = evaluation::session(&state.app, &ctx.actor, id).await?;
    let score = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let candidates = view
        .candidates
        .iter()
        .map(|c| {
            let s = c.candidate.scores;
            CandidateLine {
                id: c.candidate.id.to_string(),
                name: c.name.clone(),
                matched: c.candidate.eligibility.matched.clone().unwrap_or_default(),
                theory: score(s.map(|s| s.theory)),
                practical: score(s.map(|s| s.practical)),
                review: score(s.and_then(|s| s.review)),
                result: if c.candidate.rescore_required {
                    i18n::tr(lang, "evaluation.rescore_required").to_string()
                } else {
                    i18n::tr(
                        lang,
                        match c.candidate.passed {
                            Some(true) => "evaluation.passed",
                            Some(false) => "evaluation.failed",
                            None => "evaluation.unscored",
                        },
                    )
                    .to_string()
                },
                certificate_id: c.certificate_id.clone().unwrap_or_default(),
            }
        })
        .collect();
    let s = &view.session;
    Ok(SessionPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        id: s.id.to_string(),
        title: format!(
            "{}（{}）{}",
            view.occupation_name,
            s.occupation_code,
            level_words(lang, s.level.as_str())
        ),
        held_on: s.held_on.clone(),
        venue: s.venue.clone(),
        examiners: s.examiners.join("、"),
        institution: view.institution.clone(),
        pass_mark: view.pass_mark,
        can_issue: ctx.actor.may(Permission::IssueCertificates(s.org_id)),
        can_score: ctx.actor.may(Permission::RunEvaluations(s.org_id)),
        with_review: s.level.needs_review(),
        errors,
        candidates,
        admit: None,
        refused: Vec::new(),
    })
}

/// `POST /evaluation/sessions/{id}/certificates`: issue every passing result's
/// certificate as a job; back to the session when done within 2 s, else the job page.
pub async fn issue_all(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<EvaluationSessionId>,
) -> Result<Response, PageError> {
    let _lang = ctx.lang;
    let job = certificates::issue_session_in_background(&state.app, &ctx.actor, id).await?;
    let view = jobs::wait(
        &state.app,
        &ctx.actor,
        job,
        crate::certificates::api::ISSUE_WAIT,
    )
    .await?;
    Ok(match view.status {
        JobStatus::Done => Redirect::to(&format!("/evaluation/sessions/{id}")),
        _ => Redirect::to(&format!("/jobs/{job}")),
    }
    .into_response())
}

/// `POST /certificates/{id}/revoke`: revoke with a public reason; back to the verify page.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<CertificateId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    // An empty reason goes straight to the use case, which names the field.
    if !crate::forms::confirmed(&pairs) && !field(&pairs, "reason").trim().is_empty() {
        certificates::changeable(&state.app, &ctx.actor, id).await?;
        return crate::forms::confirm_page(
            &state,
            &ctx,
            &format!("/certificates/{id}/revoke"),
            &pairs,
            crate::forms::Confirmation {
                title_key: "certificates.confirm.revoke",
                what: crate::i18n::tr(ctx.lang, "certificates.confirm.revoke_what").into(),
                back: "/evaluation".into(),
                reason: Some("reason"),
            },
        );
    }
    let reason = field(&pairs, "reason");
    let c = certificates::revoke(&state.app, &ctx.actor, id, &reason).await?;
    Ok(Redirect::to(&format!("/verify/{}", c.token)).into_response())
}

// ---- a new session ------------------------------------------------------------

/// How the session form names its fields in error messages.
pub(crate) const SESSION_LABELS: &[(&str, &str)] = &[
    ("occupation_code", "evaluation.occupation"),
    ("level", "evaluation.level"),
    ("held_on", "evaluation.label.held_on"),
    ("venue", "evaluation.label.venue"),
    ("examiners", "evaluation.examiners"),
];

#[derive(Template)]
#[template(path = "evaluation/evaluation_session_form.html")]
struct SessionForm {
    l: Layout,
    input: SessionInput,
    occupations: Vec<Choice>,
    levels: Vec<Choice>,
    errors: FormErrors,
}

async fn session_form(
    state: &AppState,
    ctx: &Ctx,
    input: SessionInput,
    errors: FormErrors,
) -> Result<SessionForm, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::RunEvaluations(me.org_id))?;
    // The occupations and levels the institution is filed for.
    let mine = evaluation::institution(&state.app, &ctx.actor, me.org_id).await?;
    let mut codes: Vec<String> = mine
        .filings
        .iter()
        .map(|f| f.occupation_code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    let mut levels: Vec<Level> = mine
        .filings
        .iter()
        .flat_map(|f| f.levels.iter().copied())
        .collect();
    levels.sort_by_key(|l| l.rank());
    levels.dedup();
    Ok(SessionForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        occupations: codes
            .iter()
            .map(|c| Choice::new(c.clone(), c.clone(), &input.occupation_code))
            .collect(),
        levels: levels
            .iter()
            .map(|l| Choice::new(l.as_str(), level_words(lang, l.as_str()), &input.level))
            .collect(),
        input,
        errors,
    })
}

/// `GET /evaluation/sessions/new`: the form for a session of my institution,
/// offering the occupations and levels it is filed for.
pub async fn new_session(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Html<String>, PageError> {
    let form = session_form(&state, &ctx, SessionInput::default(), FormErrors::default()).await?;
    render(ctx.lang, &form)
}

/// `POST /evaluation/sessions/new`: creates the session (within a filing in
/// force on its day); a bad field shows the form again with the field named.
pub async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = SessionInput {
        occupation_code: field(&pairs, "occupation_code"),
        level: field(&pairs, "level"),
        held_on: field(&pairs, "held_on"),
        venue: field(&pairs, "venue"),
        examiners: field(&pairs, "examiners"),
    };
    match evaluation::create_session(&state.app, &ctx.actor, &input).await {
        Ok(s) => Ok(crate::forms::saved(
            &state,
            &format!("/evaluation/sessions/{}", s.id),
        )),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, SESSION_LABELS);
            let form = session_form(&state, &ctx, input, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &form)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

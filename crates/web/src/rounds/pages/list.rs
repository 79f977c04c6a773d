//! The rounds list and the secretariat's round form.

use super::*;
use crate::forms::Choice;

// ---------------------------------------------------------------- list

/// A round line.
pub struct RoundRow {
    id: String,
    name: String,
    kind: &'static str,
    status: &'static str,
    preference_deadline: String,
    ranking_deadline: String,
}

#[derive(Template)]
#[template(path = "rounds/rounds.html")]
pub(super) struct RoundsPage {
    l: Layout,
    rows: Vec<RoundRow>,
    can_manage: bool,
}

/// `GET /rounds`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let rounds = rounds::list(&state.app, &ctx.actor).await?;
    render(
        lang,
        &RoundsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            rows: rounds
                .iter()
                .map(|r| RoundRow {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    kind: kind_label(lang, r.kind),
                    status: status_label(lang, r.status),
                    preference_deadline: when(r.preference_deadline),
                    ranking_deadline: when(r.ranking_deadline),
                })
                .collect(),
            can_manage: ctx.actor.may(Permission::ManageRounds),
        },
    )
}

// ---------------------------------------------------------------- form

#[derive(Template)]
#[template(path = "rounds/round_form.html")]
pub(super) struct RoundForm {
    l: Layout,
    action: String,
    title: &'static str,
    input: RoundInput,
    kinds: Vec<Opt>,
    demands: Vec<Choice>,
    cohorts: Vec<Choice>,
    schools: Vec<Choice>,
    errors: FormErrors,
}

impl RoundForm {
    /// A field's message, or empty.
    pub fn e(&self, field: &str) -> String {
        self.errors.get(field)
    }
}

pub(super) async fn round_form(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    title: &'static str,
    input: RoundInput,
    errors: FormErrors,
) -> Result<RoundForm, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    ctx.actor.require(Permission::ManageRounds)?;
    let mut demands = Vec::new();
    for page in 1.. {
        let (list, total) = gongjiang_app::demand::list(
            app,
            &ctx.actor,
            gongjiang_app::demand::Filter {
                status: Some(gongjiang_domain::demand::DemandStatus::Open),
                ..Default::default()
            },
            page,
            gongjiang_app::demand::MAX_PAGE,
        )
        .await?;
        let done = list.is_empty();
        demands.extend(list);
        if done || i64::try_from(demands.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
    }
    let cohorts = gongjiang_app::supply::cohorts(app, None).await?;
    let (roster, _) = gongjiang_app::members::roster(app, &Default::default(), 1, 10_000).await?;
    let org_name = |id: gongjiang_domain::ids::OrgId| {
        roster
            .iter()
            .find(|e| e.org.id == id)
            .map(|e| e.org.name.clone())
            .unwrap_or_default()
    };
    let kind = RoundKind::parse(&input.kind).ok();
    Ok(RoundForm {
        l: Layout::new(ctx, app.settings.demo_mode),
        action,
        title,
        kinds: RoundKind::ALL
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: kind_label(lang, *k).into(),
                selected: input.kind == k.as_str(),
            })
            .collect(),
        demands: demands
            .iter()
            .filter(|d| kind.is_none_or(|k| k.demand_kind() == d.kind))
            .map(|d| Choice {
                value: d.id.to_string(),
                label: format!(
                    "{} · {} · {} · {}",
                    d.post_name,
                    org_name(d.org_id),
                    d.city,
                    d.headcount
                ),
                selected: input.demand_ids.contains(&d.id.to_string()),
            })
            .collect(),
        cohorts: cohorts
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: format!("{} · {}", org_name(c.org_id), c.name),
                selected: input.cohort_ids.contains(&c.id.to_string()),
            })
            .collect(),
        schools: roster
            .iter()
            .filter(|e| e.org.kind.is_school())
            .map(|e| Choice {
                value: e.org.id.to_string(),
                label: e.org.name.clone(),
                selected: input.school_ids.contains(&e.org.id.to_string()),
            })
            .collect(),
        input,
        errors,
    })
}

pub(super) fn many(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

pub(super) fn round_input(pairs: &[(String, String)]) -> RoundInput {
    RoundInput {
        name: field(pairs, "name"),
        kind: field(pairs, "kind"),
        max_choices: field(pairs, "max_choices"),
        preference_deadline: field(pairs, "preference_deadline"),
        ranking_deadline: field(pairs, "ranking_deadline"),
        demand_ids: many(pairs, "demand_ids"),
        cohort_ids: many(pairs, "cohort_ids"),
        school_ids: many(pairs, "school_ids"),
    }
}

/// `GET /rounds/new`.
pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let input = RoundInput {
        kind: "internship".into(),
        max_choices: "5".into(),
        ..Default::default()
    };
    let page = round_form(
        &state,
        &ctx,
        "/rounds/new".into(),
        "rounds.new",
        input,
        FormErrors::default(),
    )
    .await?;
    render(ctx.lang, &page)
}

pub(super) async fn save_round(
    state: &AppState,
    ctx: &Ctx,
    id: Option<RoundId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = round_input(pairs);
    let result = match id {
        None => rounds::create(&state.app, &ctx.actor, &input).await,
        Some(id) => rounds::update(&state.app, &ctx.actor, id, &input).await,
    };
    match result {
        Ok(r) => Ok(crate::forms::saved(state, &format!("/rounds/{}", r.id))),
        Err(Error::Invalid(errors)) => {
            let (action, title) = match id {
                Some(id) => (format!("/rounds/{id}/edit"), "rounds.edit"),
                None => ("/rounds/new".to_string(), "rounds.new"),
            };
            let page = round_form(
                state,
                ctx,
                action,
                title,
                input,
                FormErrors::labelled(&errors, lang, super::ROUND_LABELS),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /rounds/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_round(&state, &ctx, None, &pairs).await
}

/// `GET /rounds/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let view = rounds::get(&state.app, &ctx.actor, id).await?;
    let r = &view.round;
    let input = RoundInput {
        name: r.name.clone(),
        kind: r.kind.as_str().into(),
        max_choices: r.max_choices.to_string(),
        preference_deadline: r.preference_deadline.display_cst(),
        ranking_deadline: r.ranking_deadline.display_cst(),
        demand_ids: view
            .places
            .iter()
            .map(|p| p.demand_id.to_string())
            .collect(),
        cohort_ids: view.cohort_ids.iter().map(|c| c.to_string()).collect(),
        school_ids: view.school_ids.iter().map(|s| s.to_string()).collect(),
    };
    let page = round_form(
        &state,
        &ctx,
        format!("/rounds/{id}/edit"),
        "rounds.edit",
        input,
        FormErrors::default(),
    )
    .await?;
    render(lang, &page)
}

/// `POST /rounds/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_round(&state, &ctx, Some(id), &pairs).await
}

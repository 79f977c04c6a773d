//! The form of a new or changed internship.

use super::*;

// ------------------------------------------------------------ the form

#[derive(Template)]
#[template(path = "training/internship_form.html")]
pub(super) struct FormPage {
    pub(super) l: Layout,
    pub(super) action: String,
    pub(super) editing: bool,
    pub(super) input: InternshipInput,
    pub(super) trainees: crate::lists::Picker,
    pub(super) hosts: crate::lists::Picker,
    pub(super) kinds: Vec<Choice>,
    pub(super) payers: Vec<Choice>,
    pub(super) relations: Vec<Choice>,
    pub(super) hazards: Vec<Choice>,
    pub(super) flags: Vec<(String, &'static str, bool)>,
    pub(super) errors: FormErrors,
}

impl FormPage {
    fn f(&self, name: &str) -> &'static str {
        i18n::form_label(self.l.lang, super::INTERNSHIP_LABELS, name)
    }
}

pub(super) async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    editing: bool,
    input: InternshipInput,
    errors: FormErrors,
    pick: &PickQuery,
) -> Result<FormPage, PageError> {
    let lang = ctx.lang;
    let trainees =
        crate::supply::pages::trainee_picker(state, ctx, &pick.trainee_q, &input.trainee_id)
            .await?
            .keeping(&[("host_q", &pick.host_q)]);
    // The host is picked by searching the enterprise members.
    let hosts = crate::members::pages::unit_picker(
        state,
        lang,
        &[gongjiang_domain::members::OrgKind::Enterprise],
        &pick.host_q,
        &input.host_org_id,
    )
    .await?
    .keeping(&[("trainee_q", &pick.trainee_q)]);
    let choices = |group: &str, values: Vec<&'static str>, current: &str| {
        values
            .into_iter()
            .map(|v| Choice::new(v, i18n::choice(lang, group, v), current))
            .collect::<Vec<_>>()
    };
    let current_kind = InternshipKind::parse_any(&input.kind)
        .map(|k| k.as_str())
        .unwrap_or("");
    let chosen: Vec<String> = input
        .hazards
        .iter()
        .flat_map(|h| h.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let flag = |v: &str| gongjiang_domain::demand::flag_field(v).unwrap_or(false);
    Ok(FormPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        editing,
        trainees,
        hosts,
        kinds: choices(
            "internship_kind",
            InternshipKind::ALL.iter().map(|k| k.as_str()).collect(),
            current_kind,
        ),
        payers: choices(
            "premium_payer",
            PremiumPayer::ALL.iter().map(|k| k.as_str()).collect(),
            &input.premium_payer,
        ),
        relations: choices(
            "specialty_relation",
            SpecialtyRelation::ALL.iter().map(|k| k.as_str()).collect(),
            if input.specialty_relation.is_empty() {
                "matching"
            } else {
                &input.specialty_relation
            },
        ),
        hazards: Hazard::ALL
            .iter()
            .map(|h| Choice {
                value: h.as_str().to_string(),
                label: i18n::choice(lang, "hazard", h.as_str()),
                selected: chosen.iter().any(|c| c == h.as_str()),
            })
            .collect(),
        flags: [
            ("night_shift", &input.night_shift),
            ("overtime", &input.overtime),
            ("holiday_work", &input.holiday_work),
            ("intermediary", &input.intermediary),
            ("self_found", &input.self_found),
            ("covers_typical_tasks", &input.covers_typical_tasks),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), i18n::field_label(lang, name), flag(value)))
        .collect(),
        input,
        errors,
    })
}

pub(super) fn input_from(pairs: &[(String, String)]) -> InternshipInput {
    let f = |k: &str| field(pairs, k);
    InternshipInput {
        trainee_id: f("trainee_id"),
        kind: f("kind"),
        host_org_id: f("host_org_id"),
        demand_id: f("demand_id"),
        post_name: f("post_name"),
        school_supervisor: f("school_supervisor"),
        host_supervisor: f("host_supervisor"),
        start_on: f("start_on"),
        end_on: f("end_on"),
        daily_hours: f("daily_hours"),
        weekly_hours: f("weekly_hours"),
        night_shift: f("night_shift"),
        overtime: f("overtime"),
        holiday_work: f("holiday_work"),
        pay_monthly: f("pay_monthly"),
        reference_wage: f("reference_wage"),
        fees_charged: f("fees_charged"),
        intermediary: f("intermediary"),
        insurer: f("insurer"),
        policy_no: f("policy_no"),
        cover_from: f("cover_from"),
        cover_to: f("cover_to"),
        premium_payer: f("premium_payer"),
        hazards: pairs
            .iter()
            .filter(|(k, _)| k == "hazards")
            .map(|(_, v)| v.clone())
            .collect(),
        exception_filing_ref: f("exception_filing_ref"),
        specialty_relation: f("specialty_relation"),
        relation_exception: f("relation_exception"),
        self_found: f("self_found"),
        covers_typical_tasks: f("covers_typical_tasks"),
    }
}

pub(super) fn input_of(i: &Internship) -> InternshipInput {
    let f = &i.fields;
    let b = |v: bool| if v { "on".to_string() } else { String::new() };
    InternshipInput {
        trainee_id: f.trainee_id.to_string(),
        kind: f.kind.as_str().into(),
        host_org_id: f.host_org_id.to_string(),
        demand_id: f.demand_id.map(|d| d.to_string()).unwrap_or_default(),
        post_name: f.post_name.clone(),
        school_supervisor: f.school_supervisor.clone(),
        host_supervisor: f.host_supervisor.clone(),
        start_on: f.start_on.clone(),
        end_on: f.end_on.clone(),
        daily_hours: f.daily_hours.to_string(),
        weekly_hours: f.weekly_hours.to_string(),
        night_shift: b(f.night_shift),
        overtime: b(f.overtime),
        holiday_work: b(f.holiday_work),
        pay_monthly: f.pay_monthly.to_string(),
        reference_wage: f.reference_wage.map(|w| w.to_string()).unwrap_or_default(),
        fees_charged: f.fees_charged.to_string(),
        intermediary: b(f.intermediary),
        insurer: f.insurer.clone(),
        policy_no: f.policy_no.clone(),
        cover_from: f.cover_from.clone(),
        cover_to: f.cover_to.clone(),
        premium_payer: f
            .premium_payer
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        hazards: f.hazards.iter().map(|h| h.as_str().to_string()).collect(),
        exception_filing_ref: f.exception_filing_ref.clone(),
        specialty_relation: f.specialty_relation.as_str().into(),
        relation_exception: f.relation_exception.clone(),
        self_found: b(f.self_found),
        covers_typical_tasks: b(f.covers_typical_tasks),
    }
}

/// The search steps of the form's pickers: the trainee (`?trainee_q=`)
/// and the host enterprise (`?host_q=`).
#[derive(serde::Deserialize, Default)]
pub struct PickQuery {
    #[serde(default)]
    pub(crate) trainee_q: String,
    #[serde(default)]
    pub(crate) host_q: String,
}

/// `GET /internships/new` (`?trainee_q=` narrows the trainee picker).
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(pick): Query<PickQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageTraining(me.org_id))?;
    let input = InternshipInput {
        kind: "position".into(),
        daily_hours: "8".into(),
        weekly_hours: "40".into(),
        fees_charged: "0".into(),
        ..Default::default()
    };
    let page = form_page(
        &state,
        &ctx,
        "/internships/new".into(),
        false,
        input,
        FormErrors::default(),
        &pick,
    )
    .await?;
    render(lang, &page)
}

pub(super) async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<InternshipId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = input_from(pairs);
    let result = match id {
        Some(id) => training::update_internship(&state.app, &ctx.actor, id, &input).await,
        None => training::create_internship(&state.app, &ctx.actor, &input).await,
    };
    match result {
        Ok(i) => Ok(crate::forms::saved(
            state,
            &format!("/internships/{}", i.id),
        )),
        Err(Error::Invalid(errors)) => {
            let action = id
                .map(|i| format!("/internships/{i}/edit"))
                .unwrap_or_else(|| "/internships/new".into());
            let errors = FormErrors::labelled(&errors, lang, super::INTERNSHIP_LABELS);
            let page = form_page(
                state,
                ctx,
                action,
                id.is_some(),
                input,
                errors,
                &PickQuery::default(),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /internships/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, None, &pairs).await
}

/// `GET /internships/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Query(pick): Query<PickQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let v = training::get(&state.app, &ctx.actor, id).await?;
    if v.standing != Standing::School {
        return Err(PageError::new(lang, Error::Forbidden));
    }
    let page = form_page(
        &state,
        &ctx,
        format!("/internships/{id}/edit"),
        true,
        input_of(&v.internship),
        FormErrors::default(),
        &pick,
    )
    .await?;
    render(lang, &page)
}

/// `POST /internships/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, Some(id), &pairs).await
}

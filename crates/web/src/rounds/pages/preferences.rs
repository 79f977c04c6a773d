//! A trainee's preference form, entered by the trainee or their teacher.

use super::*;

// ---------------------------------------------------------------- preferences

/// A slot of the preference form.
pub struct Slot {
    n: String,
    options: Vec<Opt>,
    warning: String,
}

#[derive(Template)]
#[template(path = "rounds/round_preferences.html")]
pub(super) struct PreferencesPage {
    l: Layout,
    round_id: String,
    round_name: String,
    trainee_id: String,
    trainee_name: String,
    for_other: bool,
    slots: Vec<Slot>,
    places: Vec<PlaceRow>,
    open: bool,
    entered: String,
    errors: FormErrors,
}

/// Query naming a trainee (for teachers and the secretariat).
#[derive(serde::Deserialize, Default)]
pub struct TraineeQuery {
    #[serde(default)]
    pub(super) trainee_id: String,
}

pub(super) fn trainee_param(lang: Lang, text: &str) -> Result<Option<TraineeId>, PageError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        text.trim()
            .parse()
            .map(Some)
            .map_err(|_| PageError::new(lang, Error::NotFound("trainee")))
    }
}

pub(super) async fn preferences_page(
    state: &AppState,
    ctx: &Ctx,
    id: RoundId,
    trainee: Option<TraineeId>,
    typed: Option<Vec<String>>,
    errors: FormErrors,
) -> Result<PreferencesPage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let prefs = rounds::preferences(app, &ctx.actor, id, trainee).await?;
    let chosen: Vec<String> = typed.unwrap_or_else(|| {
        prefs
            .choices
            .iter()
            .map(|c| c.place.demand_id.to_string())
            .collect()
    });
    let slots = (0..usize::try_from(prefs.max_choices).unwrap_or(0))
        .map(|i| {
            let current = chosen.get(i).cloned().unwrap_or_default();
            let warning = prefs
                .choices
                .iter()
                .find(|c| c.place.demand_id.to_string() == current)
                .filter(|c| !c.violations.is_empty())
                .map(|c| {
                    format!(
                        "{}{}",
                        tr(lang, "rounds.pref.ineligible"),
                        violations_text(lang, &c.violations)
                    )
                })
                .unwrap_or_default();
            Slot {
                n: choice_label(lang, i),
                options: view
                    .places
                    .iter()
                    .map(|p| Opt {
                        value: p.demand_id.to_string(),
                        label: format!(
                            "{} · {} · {} · {} · {}",
                            p.post_name,
                            p.enterprise,
                            p.city,
                            wage(p),
                            crate::i18n::named(lang, &p.level_zh, &p.level_en)
                        ),
                        selected: current == p.demand_id.to_string(),
                    })
                    .collect(),
                warning,
            }
        })
        .collect();
    let me = ctx.actor.user()?;
    Ok(PreferencesPage {
        l: Layout::new(ctx, app.settings.demo_mode),
        round_id: id.to_string(),
        round_name: view.round.name.clone(),
        trainee_id: prefs.trainee_id.to_string(),
        trainee_name: prefs.name.clone(),
        for_other: me.role != Role::Trainee,
        slots,
        places: view
            .places
            .iter()
            .map(|p| place_row(lang, p, false))
            .collect(),
        open: prefs.open,
        entered: match (&prefs.entered_by, &prefs.entered_at) {
            (Some(by), Some(at)) => format!(
                "{by}（{}）· {}",
                crate::i18n::choice(
                    lang,
                    "role",
                    prefs.entered_role.as_deref().unwrap_or_default()
                ),
                at.get(..16).unwrap_or(at).replace('T', " ")
            ),
            _ => String::new(),
        },
        errors,
    })
}

/// `GET /rounds/{id}/preferences[?trainee_id=]`.
pub async fn preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let trainee = trainee_param(lang, &q.trainee_id)?;
    let page = preferences_page(&state, &ctx, id, trainee, None, FormErrors::default()).await?;
    render(lang, &page)
}

/// `POST /rounds/{id}/preferences`: fields `trainee_id` (for teachers) and `choice` (repeated, in order).
pub async fn save_preferences(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let trainee = trainee_param(lang, &field(&pairs, "trainee_id"))?;
    let choices = many(&pairs, "choice");
    match rounds::set_preferences(&state.app, &ctx.actor, id, trainee, &choices).await {
        Ok(v) => {
            let target = if trainee.is_some() {
                format!("/rounds/{id}/preferences?trainee_id={}", v.trainee_id)
            } else {
                format!("/rounds/{id}/preferences")
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = preferences_page(
                &state,
                &ctx,
                id,
                trainee,
                Some(choices),
                FormErrors::new(&errors, lang),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

//! Linking a trainee account to a trainee record.

use super::*;

// ---------------------------------------------------------------- trainee accounts

/// `POST /school/trainees/account`: links a trainee account (`login`) to a trainee record (`trainee_id`).
pub async fn link_account(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = match field(&pairs, "trainee_id").trim().parse::<TraineeId>() {
        Ok(trainee) => {
            rounds::link_account(&state.app, &ctx.actor, trainee, &field(&pairs, "login")).await
        }
        Err(_) => Err(Error::field(
            "trainee_id",
            gongjiang_domain::Problem::InvalidChoice,
        )),
    };
    crate::supply::pages::after(&state, &ctx, result, pairs).await
}

/// The actor's round notices as (link, sentence), for the home page.
pub async fn notice_lines(state: &AppState, ctx: &Ctx) -> Vec<(String, String)> {
    match &ctx.actor {
        Actor::User { .. } => rounds::notices(&state.app, &ctx.actor)
            .await
            .map(|list| list.iter().map(|n| notice_line(ctx.lang, n)).collect())
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "round notices unavailable");
                Vec::new()
            }),
        Actor::Anonymous { .. } => Vec::new(),
    }
}

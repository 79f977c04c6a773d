//! The secretariat's review of a run.

use super::*;

// ---------------------------------------------------------------- review

/// A fill line.
pub struct FillRow {
    name: String,
    seats: i64,
    filled: i64,
    rate: String,
}

pub(super) fn fill_rows(list: &[rounds::Fill], segment_names: &[(String, String)]) -> Vec<FillRow> {
    list.iter()
        .map(|f| FillRow {
            name: segment_names
                .iter()
                .find(|(code, _)| *code == f.key)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| f.name.clone()),
            seats: f.seats,
            filled: f.filled,
            rate: if f.seats > 0 {
                format!("{:.0}%", f.filled as f64 * 100.0 / f.seats as f64)
            } else {
                "—".into()
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "rounds/round_review.html")]
pub(super) struct ReviewPage {
    l: Layout,
    round_id: String,
    round_name: String,
    status: &'static str,
    solved: bool,
    r: Review,
    first_share: String,
    top3_share: String,
    by_enterprise: Vec<FillRow>,
    by_segment: Vec<FillRow>,
    violations: Vec<[String; 5]>,
    caps: Vec<[String; 5]>,
}

pub(super) fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// `GET /rounds/{id}/review`: the secretariat's review before publishing.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<RoundId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let r = rounds::review(app, &ctx.actor, id).await?;
    let view = rounds::get(app, &ctx.actor, id).await?;
    let segments: Vec<(String, String)> = gongjiang_app::demand::catalogues(app)
        .await?
        .segments
        .iter()
        .map(|s| {
            let name = crate::i18n::named(lang, &s.name_zh, &s.name_en).to_string();
            (s.code.clone(), name)
        })
        .collect();
    render(
        lang,
        &ReviewPage {
            l: Layout::new(&ctx, app.settings.demo_mode),
            round_id: id.to_string(),
            round_name: view.round.name.clone(),
            status: status_label(lang, view.round.status),
            solved: view.round.status == RoundStatus::Solved,
            first_share: share(r.first_choice, r.applicants),
            top3_share: share(r.top3, r.applicants),
            by_enterprise: fill_rows(&r.by_enterprise, &[]),
            by_segment: fill_rows(&r.by_segment, &segments),
            violations: r
                .violations
                .iter()
                .map(|v| {
                    [
                        v.trainee.clone(),
                        v.school.clone(),
                        format!("{}（{}）", v.post, v.enterprise),
                        v.choice.to_string(),
                        violations_text(lang, &v.violations),
                    ]
                })
                .collect(),
            caps: r
                .capacity_cuts
                .iter()
                .map(|c| {
                    [
                        c.post.clone(),
                        c.enterprise.clone(),
                        c.headcount.to_string(),
                        c.capacity.to_string(),
                        c.notes
                            .iter()
                            .map(|n| cap_text(lang, n))
                            .collect::<Vec<_>>()
                            .join("；"),
                    ]
                })
                .collect(),
            r,
        },
    )
}

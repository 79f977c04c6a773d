//! Placement round pages: the list, the secretariat's form, a round's page
//! (with what each role can do there), a trainee's preference form, an
//! enterprise's applicants and ranking, the review, and the results with
//! their explanations in plain words. One file per page group; the words
//! and helpers they share are here.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{Lang, tr, tr_args};
use crate::layout::{Layout, render, render_with};
use crate::lists::xlsx_download;
use crate::state::AppState;
use crate::supply::pages::Opt;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::policy::Permission;
use gongjiang_app::rounds::{
    self, ApplicantList, Explanation, Notice, PlaceView, RankingInput, Review, Why,
};
use gongjiang_app::{Actor, Error};
use gongjiang_domain::Lifecycle;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use gongjiang_domain::rounds::{
    CapNote, Round, RoundInput, RoundKind, RoundStatus, Violation, WeightsInput,
};

/// How the round form (page and API) names its fields in error messages.
pub(crate) const ROUND_LABELS: &[(&str, &str)] =
    &[("name", "rounds.label.name"), ("kind", "rounds.kind")];

mod accounts;
mod list;
mod place;
mod preferences;
mod results;
mod review;
mod round;

pub use accounts::*;
pub use list::*;
pub use place::*;
pub use preferences::*;
pub use results::*;
pub use review::*;
pub use round::*;

// ---------------------------------------------------------------- words

/// The name of a round's status.
pub fn status_label(lang: Lang, s: RoundStatus) -> &'static str {
    tr(lang, &format!("rounds.status.{}", s.as_str()))
}

/// The name of a round's kind.
pub fn kind_label(lang: Lang, k: RoundKind) -> &'static str {
    tr(lang, &format!("rounds.kind.{}", k.as_str()))
}

/// Why a trainee may not take a place, in words, with the rule's id.
pub fn violation_text(lang: Lang, v: &Violation) -> String {
    let text = match v {
        Violation::UnderAge { min_age, age } => tr_args(
            lang,
            "rounds.violation.under_age",
            &[("min_age", min_age.to_string()), ("age", age.to_string())],
        ),
        Violation::FirstYear => tr(lang, "rounds.violation.first_year").into(),
        Violation::NoCohort => tr(lang, "rounds.violation.no_cohort").into(),
        Violation::MajorUnrelated => tr(lang, "rounds.violation.major_unrelated").into(),
        Violation::NoOccupation => tr(lang, "rounds.violation.no_occupation").into(),
        Violation::NightShift => tr(lang, "rounds.violation.night_shift").into(),
        Violation::AlreadyInterning => tr(lang, "rounds.violation.already_interning").into(),
        Violation::OtherOrderClass => tr(lang, "rounds.violation.other_order_class").into(),
    };
    tr_args(
        lang,
        "rounds.violation",
        &[("text", text), ("rule", v.rule().to_string())],
    )
}

fn violations_text(lang: Lang, list: &[Violation]) -> String {
    list.iter()
        .map(|v| violation_text(lang, v))
        .collect::<Vec<_>>()
        .join(tr(lang, "sep.clause"))
}

/// Why a place has fewer seats than its headcount, in words.
pub fn cap_text(lang: Lang, n: &CapNote) -> String {
    match n {
        CapNote::HostStaffMissing => tr(lang, "rounds.cap.host_staff_missing").into(),
        CapNote::HostCap { room } => {
            tr_args(lang, "rounds.cap.host_cap", &[("room", room.to_string())])
        }
        CapNote::PostCap { room } => {
            tr_args(lang, "rounds.cap.post_cap", &[("room", room.to_string())])
        }
        CapNote::PostStaffMissing => tr(lang, "rounds.cap.post_staff_missing").into(),
    }
}

fn place_label(lang: Lang, p: Option<&PlaceView>) -> String {
    match p {
        Some(p) => tr_args(
            lang,
            "rounds.place",
            &[
                ("post", p.post_name.clone()),
                ("enterprise", p.enterprise.clone()),
            ],
        ),
        None => String::new(),
    }
}

fn choice_label(lang: Lang, choice: usize) -> String {
    crate::i18n::tr_args(
        lang,
        "rounds.pref.choice",
        &[("n", (choice + 1).to_string())],
    )
}

/// One sentence per place the trainee listed above the one they got (and
/// that one), saying why, in plain words.
pub fn explanation_lines(lang: Lang, e: &Explanation, places: &[PlaceView]) -> Vec<String> {
    e.lines
        .iter()
        .map(|line| {
            let place = place_label(lang, places.iter().find(|p| p.demand_id == line.demand_id));
            let which = choice_label(lang, line.choice);
            let scores = |score: &Option<i64>, cutoff: &Option<i64>| match (score, cutoff) {
                (Some(s), Some(c)) => tr_args(
                    lang,
                    "rounds.why.scores",
                    &[("cutoff", c.to_string()), ("score", s.to_string())],
                ),
                _ => String::new(),
            };
            let mut args = vec![("which", which), ("place", place)];
            let key = match &line.why {
                Why::Admitted {
                    rank, applicants, ..
                } => {
                    args.push(("rank", (rank + 1).to_string()));
                    args.push(("applicants", applicants.to_string()));
                    "rounds.why.admitted"
                }
                Why::Full {
                    rank,
                    score,
                    cutoff_rank,
                    cutoff_score,
                } => {
                    args.push(("cutoff_rank", (cutoff_rank + 1).to_string()));
                    args.push(("rank", (rank + 1).to_string()));
                    args.push(("scores", scores(score, cutoff_score)));
                    "rounds.why.full"
                }
                Why::NoSeats => "rounds.why.no_seats",
                Why::Ineligible { violations } => {
                    args.push(("violations", violations_text(lang, violations)));
                    "rounds.why.ineligible"
                }
                Why::SeatLeft { rank } => {
                    args.push(("rank", (rank + 1).to_string()));
                    "rounds.why.seat_left"
                }
                Why::AboveCutoff { rank, cutoff_rank } => {
                    args.push(("cutoff_rank", (cutoff_rank + 1).to_string()));
                    args.push(("rank", (rank + 1).to_string()));
                    "rounds.why.above_cutoff"
                }
            };
            tr_args(lang, key, &args)
        })
        .collect()
}

/// The one-line summary of a trainee's result.
pub fn explanation_summary(lang: Lang, e: &Explanation, places: &[PlaceView]) -> String {
    match (e.assigned, e.choice) {
        (Some(d), Some(c)) => {
            let place = place_label(lang, places.iter().find(|p| p.demand_id == d));
            tr_args(
                lang,
                "rounds.summary.placed",
                &[("which", choice_label(lang, c)), ("place", place)],
            )
        }
        _ => tr(lang, "rounds.summary.not_placed").into(),
    }
}

/// A home-page line about a round: (link, text).
pub fn notice_line(lang: Lang, n: &Notice) -> (String, String) {
    let when = |t: &str| t.get(..16).unwrap_or(t).replace('T', " ");
    match n {
        Notice::RankPlaces {
            round_id,
            round,
            deadline,
            submitted,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                if *submitted {
                    "rounds.notice.preferences_entered"
                } else {
                    "rounds.notice.preferences_open"
                },
                &[("round", round.clone()), ("deadline", when(deadline))],
            ),
        ),
        Notice::RankApplicants {
            round_id,
            round,
            deadline,
            applicants,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                "rounds.notice.rank_applicants",
                &[
                    ("round", round.clone()),
                    ("applicants", applicants.to_string()),
                    ("deadline", when(deadline)),
                ],
            ),
        ),
        Notice::Filling {
            round_id,
            round,
            deadline,
            participants,
            entered,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                "rounds.notice.filling",
                &[
                    ("round", round.clone()),
                    ("entered", entered.to_string()),
                    ("participants", participants.to_string()),
                    ("deadline", when(deadline)),
                ],
            ),
        ),
        Notice::Review {
            round_id,
            round,
            status,
        } => (
            format!("/rounds/{round_id}"),
            tr_args(
                lang,
                "rounds.notice.review",
                &[
                    ("round", round.clone()),
                    ("status", status_label(lang, *status).to_string()),
                ],
            ),
        ),
        Notice::Published {
            round_id,
            round,
            placed,
            count,
        } => match (placed, count) {
            (Some(placed), _) => (
                format!("/rounds/{round_id}/result"),
                tr_args(
                    lang,
                    if *placed {
                        "rounds.notice.placed"
                    } else {
                        "rounds.notice.not_placed"
                    },
                    &[("round", round.clone())],
                ),
            ),
            (None, count) => (
                format!("/rounds/{round_id}/results"),
                tr_args(
                    lang,
                    "rounds.notice.published",
                    &[
                        ("round", round.clone()),
                        ("count", count.unwrap_or(0).to_string()),
                    ],
                ),
            ),
        },
    }
}

// ---------------------------------------------------------------- helpers

fn round_id(lang: Lang, id: &str) -> Result<RoundId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("round")))
}

fn demand_id(lang: Lang, id: &str) -> Result<DemandId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("place")))
}

fn wage(p: &PlaceView) -> String {
    match (p.wage_min, p.wage_max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}+"),
        (None, Some(b)) => format!("≤{b}"),
        (None, None) => String::new(),
    }
}

fn when(t: gongjiang_domain::Timestamp) -> String {
    t.display_cst()
}

/// A place line for tables.
pub struct PlaceRow {
    id: String,
    post: String,
    org_id: String,
    enterprise: String,
    city: String,
    wage: String,
    occupation: String,
    level: String,
    capacity: i64,
    period: String,
    night_shift: bool,
    own: bool,
}

fn place_row(lang: Lang, p: &PlaceView, own: bool) -> PlaceRow {
    PlaceRow {
        id: p.demand_id.to_string(),
        post: p.post_name.clone(),
        org_id: p.org_id.to_string(),
        enterprise: p.enterprise.clone(),
        city: p.city.clone(),
        wage: wage(p),
        occupation: match &p.occupation_code {
            Some(code) => format!("{code} {}", p.occupation),
            None => String::new(),
        },
        level: crate::i18n::named(lang, &p.level_zh, &p.level_en).to_string(),
        capacity: p.capacity,
        period: match &p.end_on {
            Some(end) => format!("{} — {end}", p.start_on),
            None => p.start_on.clone(),
        },
        night_shift: p.night_shift,
        own,
    }
}

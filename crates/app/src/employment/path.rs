//! The trainee's own path: their placements, learning, evaluations,
//! certificates, internships and employment, one section each.

use super::access::org_name;
use super::records::yuan;
use crate::App;
use crate::actor::Actor;
use crate::error::Result;
use gongjiang_domain::ids::TraineeId;
use gongjiang_domain::supply::{Trainee, TraineeStatus};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store};
use serde::Serialize;
use std::collections::HashMap;

/// One fact on the trainee's page: an interface key for its label, and the value.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Fact {
    /// Interface key of the label (`path.post`).
    pub label: &'static str,
    /// The value as shown, or a stored choice when `choice` is set.
    pub value: String,
    /// The interface group that words a stored choice (`internship_status`).
    pub choice: Option<&'static str>,
}

/// One thing in a section (a placement, a job).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Item {
    /// Headline.
    pub title: String,
    /// Its facts.
    pub facts: Vec<Fact>,
    /// Where to open it (a certificate's verify page), if anywhere.
    pub href: Option<String>,
}

/// A section of the trainee's path. Each area adds its own (`placements`,
/// `employment`; `internships`, `evaluations`, `certificates` as they come):
/// `key` is the interface key of its heading.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Section {
    /// Interface key of the heading (`path.placements`).
    pub key: &'static str,
    /// Its items, oldest first.
    pub items: Vec<Item>,
}

/// The trainee's path so far, as they see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TraineePath {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Their name.
    pub name: String,
    /// Student number.
    pub student_no: String,
    /// ID number, masked (in full only in the export).
    pub id_number: String,
    /// Status.
    pub status: TraineeStatus,
    /// The school.
    pub school: String,
    /// The cohort, if any.
    pub cohort: Option<String>,
    /// The major (name and code), if known.
    pub major: Option<String>,
    /// The sections, in the order of the path (the API words them itself).
    #[serde(skip)]
    pub sections: Vec<Section>,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label,
        value: value.into(),
        choice: None,
    }
}

/// A fact whose value is a stored choice, worded by the page from `group`.
fn choice_fact(label: &'static str, group: &'static str, value: &str) -> Fact {
    Fact {
        label,
        value: value.to_string(),
        choice: Some(group),
    }
}

/// The trainee record linked to the acting trainee account.
pub(super) use crate::supply::own_trainee;

/// The section of placements.
async fn placements_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for p in store::placements_of_trainee(conn, t.id).await? {
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, p.org_id).await?,
                p.post_name
            ),
            facts: vec![
                choice_fact("path.kind", "demand_kind", p.kind.as_str()),
                fact("path.start_on", p.start_on.clone()),
                fact("path.placed_at", p.created_at.display_cst()),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.placements",
        items,
    })
}

/// The section of completed learning tasks (work-study records kept by `training`).
async fn learning_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut list = gongjiang_store::training::learning_records(conn, t.id).await?;
    list.reverse(); // oldest first, like the path
    let items = list
        .into_iter()
        .map(|r| Item {
            title: format!("{} · {}", r.course_name, r.task_name),
            facts: vec![
                fact("path.completed_on", r.completed_on),
                fact("path.hours", r.hours.to_string()),
                choice_fact("path.place", "learning_place", r.place.as_str()),
                fact("path.assessor", r.assessor),
            ],
            href: None,
        })
        .collect();
    Ok(Section {
        key: "path.learning",
        items,
    })
}

/// The section of skill evaluations (kept by `evaluation`): each session
/// taken, with its result once scored.
async fn evaluations_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    let mut list = gongjiang_store::evaluation::candidacies_of_trainee(conn, t.id).await?;
    list.sort_by(|a, b| a.1.held_on.cmp(&b.1.held_on));
    for (candidate, session) in list {
        let result = match candidate.passed {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "pending",
        };
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, session.org_id).await?,
                session.occupation_code
            ),
            facts: vec![
                choice_fact("path.level", "level", session.level.as_str()),
                fact("path.held_on", session.held_on.clone()),
                choice_fact("path.result", "path.result", result),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.evaluations",
        items,
    })
}

/// The section of certificates (kept by `certificates`), each linking its
/// public verify page, where the signed credential is downloaded.
async fn certificates_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for c in gongjiang_store::certificates::of_trainee(conn, t.id).await? {
        items.push(Item {
            title: format!("{} · {}", c.occupation_name, c.level.wording()),
            facts: vec![
                fact("path.certificate_number", c.number.clone()),
                fact("path.issuer", org_name(conn, &mut names, c.org_id).await?),
                fact("path.issued_on", c.issued_on.clone()),
                choice_fact("path.certificate_status", "path.cert_status", &c.status),
            ],
            href: Some(format!("/verify/{}", c.token)),
        });
    }
    Ok(Section {
        key: "path.certificates",
        items,
    })
}

/// The section of internships (training records kept by `training`).
async fn internships_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut list = gongjiang_store::training::internships_of_trainee(conn, t.id).await?;
    list.reverse(); // oldest first, like the path
    let mut items = Vec::new();
    for i in list {
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, i.fields.host_org_id).await?,
                i.fields.post_name
            ),
            facts: vec![
                fact(
                    "path.period",
                    format!("{} – {}", i.fields.start_on, i.fields.end_on),
                ),
                choice_fact(
                    "path.internship_status",
                    "internship_status",
                    i.status.as_str(),
                ),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.internships",
        items,
    })
}

/// The section of jobs, each with its follow-ups.
async fn employment_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for r in store::records_of_trainee(conn, t.id).await? {
        let mut facts = vec![
            fact("path.start_on", r.start_on.clone()),
            fact("path.wage", yuan(r.wage_fen).to_string()),
        ];
        for o in store::outcomes_of_record(conn, r.id).await? {
            let label = if o.months == 6 {
                "path.outcome6"
            } else {
                "path.outcome12"
            };
            let mut value = String::from(if o.still_employed { "✓" } else { "✗" });
            if let Some(w) = o.wage_fen {
                value.push_str(&format!(" {}", yuan(w)));
            }
            if !o.note.is_empty() {
                value.push_str(&format!(" · {}", o.note));
            }
            facts.push(fact(label, value));
        }
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, r.employer_org_id).await?,
                r.post
            ),
            facts,
            href: None,
        });
    }
    Ok(Section {
        key: "path.employment",
        items,
    })
}

/// The acting trainee's path: school, cohort, major, then one section per area.
pub async fn my_path(app: &App, actor: &Actor) -> Result<TraineePath> {
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    let school = gongjiang_store::members::get_org(&mut conn, t.org_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let cohort = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(&mut conn, c).await?,
        None => None,
    };
    let major = match &cohort {
        Some(c) => gongjiang_store::supply::get_major(&mut conn, c.major_id).await?,
        None => None,
    };
    // Each area adds its section here, in the order of the path.
    let sections = vec![
        learning_section(&mut conn, &t).await?,
        placements_section(&mut conn, &t).await?,
        internships_section(&mut conn, &t).await?,
        evaluations_section(&mut conn, &t).await?,
        certificates_section(&mut conn, &t).await?,
        employment_section(&mut conn, &t).await?,
    ];
    Ok(TraineePath {
        trainee_id: t.id,
        name: t.name.clone(),
        student_no: t.student_no.clone(),
        id_number: t.id_masked.clone(),
        status: t.status,
        school,
        cohort: cohort.map(|c| c.name),
        major: major.map(|m| format!("{}（{}）", m.name, m.code)),
        sections,
    })
}

//! How the actor stands to an internship (school, host, trainee, secretariat)
//! and loading an internship only for those who may see or manage it.

use super::learning::own_trainee;
use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::InternshipId;
use gongjiang_domain::training::Internship;
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store};
use serde::Serialize;

/// How the actor stands to an internship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Staff of the trainee's school: manages it.
    School,
    /// Staff of the host: sees it, confirms or queries logs.
    Host,
    /// The trainee: sees it, writes the log.
    Trainee,
    /// The secretariat: sees it, may override hard rule failures.
    Secretariat,
}

pub(super) async fn standing(
    conn: &mut Connection,
    actor: &Actor,
    i: &Internship,
) -> Result<Option<Standing>> {
    actor.user()?;
    Ok(if actor.may(Permission::ManageTraining(i.school_org_id)) {
        Some(Standing::School)
    } else if actor.may(Permission::SuperviseInterns(i.fields.host_org_id)) {
        Some(Standing::Host)
    } else if actor.may(Permission::OverrideInternshipRules) {
        Some(Standing::Secretariat)
    } else if own_trainee(conn, actor).await? == Some(i.fields.trainee_id) {
        Some(Standing::Trainee)
    } else {
        None
    })
}

/// Loads an internship the actor may see, with how the actor stands to it.
pub(super) async fn load(
    conn: &mut Connection,
    actor: &Actor,
    id: InternshipId,
) -> Result<(Internship, Standing)> {
    let i = store::get_internship(conn, id)
        .await?
        .ok_or(Error::NotFound("internship"))?;
    match standing(conn, actor, &i).await? {
        Some(s) => Ok((i, s)),
        None => Err(Error::NotFound("internship")),
    }
}

/// Loads an internship the actor manages (school staff); others who may see it get 403.
pub(super) async fn load_managed(
    conn: &mut Connection,
    actor: &Actor,
    id: InternshipId,
) -> Result<Internship> {
    let (i, s) = load(conn, actor, id).await?;
    if s != Standing::School {
        return Err(Error::Forbidden);
    }
    Ok(i)
}

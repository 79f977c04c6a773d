//! A school's supply work queue for the home page: the trainees still to
//! place before their cohort graduates, and those certified this term.

use crate::App;
use crate::actor::Actor;
use crate::error::Result;
use crate::policy::Permission;
use gongjiang_domain::demand::iso;
use gongjiang_domain::supply::{school_year_end, term_start};
use gongjiang_store::supply::{self as store, TraineeFilter};

/// What the school's trainee list asks of its staff today. Each figure is
/// the total of a filter of the trainee list, which shows exactly those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplyQueue {
    /// Trainees in school, in cohorts graduating by [`Self::graduating_by`],
    /// with no placement, internship or job yet.
    pub unplaced: i64,
    /// The graduation year the unplaced are counted up to.
    pub graduating_by: i64,
    /// Trainees certified since [`Self::term_start`].
    pub certified: i64,
    /// The first day of this term (`YYYY-MM-DD`).
    pub term_start: String,
}

impl SupplyQueue {
    /// The trainee-list filter behind [`Self::unplaced`].
    pub fn unplaced_filter(graduating_by: i64) -> TraineeFilter {
        TraineeFilter {
            unplaced_by: Some(graduating_by),
            ..Default::default()
        }
    }
    /// The trainee-list filter behind [`Self::certified`].
    pub fn certified_filter(since: &str) -> TraineeFilter {
        TraineeFilter {
            certified_since: Some(since.to_string()),
            ..Default::default()
        }
    }
}

/// The supply queue of the actor's school; `None` outside a school, for the
/// secretariat, and for anyone who may not see its trainees.
pub async fn work_queue(app: &App, actor: &Actor) -> Result<Option<SupplyQueue>> {
    let Ok(me) = actor.user() else {
        return Ok(None);
    };
    // The secretariat acts for the alliance, not for its chair school.
    if me.role == gongjiang_domain::accounts::Role::Secretariat
        || !actor.may(Permission::ViewTrainees(me.org_id))
    {
        return Ok(None);
    }
    if !me.org_kind.is_school() {
        return Ok(None);
    }
    let mut conn = app.db.read().await?;
    let today = app.now().date_cst();
    let graduating_by = school_year_end(today);
    let since = iso(term_start(today));
    let mut unplaced = SupplyQueue::unplaced_filter(graduating_by);
    unplaced.org_id = Some(me.org_id);
    let mut certified = SupplyQueue::certified_filter(&since);
    certified.org_id = Some(me.org_id);
    Ok(Some(SupplyQueue {
        unplaced: store::count_trainees(&mut conn, &unplaced).await?,
        graduating_by,
        certified: store::count_trainees(&mut conn, &certified).await?,
        term_start: since,
    }))
}

//! Reminders nobody's action raises: the periodic sweep looks for what has
//! come due and raises each reminder once per reader (the `dedup` key names
//! the thing and its due date, so a second sweep, or a second instance,
//! tells nobody twice).
//!
//! - a round's preference deadline within [`DEADLINE_WARNING_HOURS`]: its
//!   participants who entered nothing, and their schools' staff;
//! - employment follow-ups due: the staff who keep the records, once a week
//!   while any stays due;
//! - agreements ending within the renewal window: both parties' staff.

use super::{Event, raise, staff_who};
use crate::App;
use crate::error::Result;
use crate::policy::Kind;
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::rounds::RoundStatus;
use std::collections::BTreeMap;

/// How long before a round's preference deadline its participants are reminded.
pub const DEADLINE_WARNING_HOURS: i64 = 48;

/// What one sweep raised.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Readers reminded of a round's deadline.
    pub deadlines: usize,
    /// Readers reminded of follow-ups due.
    pub follow_ups: usize,
    /// Readers reminded of agreements to renew.
    pub renewals: usize,
}

/// Runs the sweep once, in one transaction.
pub async fn sweep(app: &App) -> Result<Swept> {
    let now = app.now();
    let today = now.date_cst();
    let mut swept = Swept::default();
    let mut tx = app.db.write().await?;

    for round in gongjiang_store::rounds::list_rounds(&mut tx, false).await? {
        let left = round.preference_deadline.0 - now.0;
        if round.status != RoundStatus::Open
            || left <= 0
            || left > DEADLINE_WARNING_HOURS * 3_600_000
        {
            continue;
        }
        let mut people =
            gongjiang_store::rounds::participant_accounts_without_preferences(&mut tx, round.id)
                .await?;
        for school in gongjiang_store::rounds::participant_schools(&mut tx, round.id).await? {
            people.extend(staff_who(&mut tx, school, Kind::EnterPreferences).await?);
        }
        let event = Event::new("round.deadline", format!("/rounds/{}", round.id))
            .arg("round", &round.name)
            .arg("deadline", round.preference_deadline.display_cst())
            .once(format!(
                "round:{}:deadline:{}",
                round.id, round.preference_deadline.0
            ));
        swept.deadlines += raise(&mut tx, app, &people, &event).await?;
    }

    let mut due: BTreeMap<OrgId, usize> = BTreeMap::new();
    for (record, entered) in gongjiang_store::employment::all_records_with_outcomes(&mut tx).await?
    {
        let n =
            gongjiang_domain::employment::due_checkpoints(&record.start_on, &entered, today).len();
        if n > 0 {
            *due.entry(record.school_org_id).or_default() += n;
            if record.employer_org_id != record.school_org_id {
                *due.entry(record.employer_org_id).or_default() += n;
            }
        }
    }
    let week = gongjiang_domain::demand::iso(gongjiang_domain::training::week_of(today));
    for (org, n) in due {
        let people = staff_who(&mut tx, org, Kind::ManageEmployment).await?;
        let event = Event::new("followup.due", "/employment")
            .arg("count", n)
            .once(format!("followup:{org}:{week}"));
        swept.follow_ups += raise(&mut tx, app, &people, &event).await?;
    }

    for a in gongjiang_store::cooperation::list(&mut tx, None).await? {
        if !a.needs_renewal(today, crate::cooperation::RENEWAL_WINDOW_DAYS) {
            continue;
        }
        let mut people = staff_who(&mut tx, a.school_org_id, Kind::ManageAgreements).await?;
        people.extend(staff_who(&mut tx, a.enterprise_org_id, Kind::ManageAgreements).await?);
        let event = Event::new("agreement.renewal", format!("/agreements/{}", a.id))
            .arg("title", &a.title)
            .arg("end_on", &a.end_on)
            .once(format!("agreement:{}:renew:{}", a.id, a.end_on));
        swept.renewals += raise(&mut tx, app, &people, &event).await?;
    }
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(swept)
}

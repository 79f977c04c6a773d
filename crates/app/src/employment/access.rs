//! Who acts on an employment record: the acting unit, whether a unit is a
//! party to a record, and unit names for the views.

use crate::actor::{Actor, User};
use crate::error::Result;
use crate::policy::Permission;
use gongjiang_domain::employment::EmploymentRecord;
use gongjiang_domain::ids::OrgId;
use gongjiang_store::Connection;
use std::collections::HashMap;

/// The acting unit, when the actor may keep employment records for it.
pub(super) fn acting_unit(actor: &Actor) -> Result<User> {
    let me = actor.user()?.clone();
    actor.require(Permission::ManageEmployment(me.org_id))?;
    Ok(me)
}

/// True when `org` is the record's school or its employer.
pub(super) fn party(record: &EmploymentRecord, org: OrgId) -> bool {
    record.school_org_id == org || record.employer_org_id == org
}

pub(super) async fn org_name(
    conn: &mut Connection,
    cache: &mut HashMap<OrgId, String>,
    id: OrgId,
) -> Result<String> {
    if let Some(n) = cache.get(&id) {
        return Ok(n.clone());
    }
    let name = gongjiang_store::members::get_org(conn, id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    cache.insert(id, name.clone());
    Ok(name)
}

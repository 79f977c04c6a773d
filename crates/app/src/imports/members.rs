//! The secretariat's import of member units, matched by unified social credit
//! code (check character verified). A new code creates the organisation and
//! admits it as an active member, as approving its application would; a known
//! code updates the unit's profile and admits it, approves its pending
//! application or moves it to the tier the row names. One transaction, one
//! audit entry, or nothing.

use super::school::{counted, duplicate, items, row_errors};
use super::{Outcome, Refusal, Row, RowProblem, refuse_if_any};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::members::{ensure_alliance, search_columns};
use crate::policy::Permission;
use crate::progress::Progress;
use gongjiang_domain::ids::{MembershipId, OrgId};
use gongjiang_domain::members::{
    Membership, MembershipStatus, OrgProfile, OrgProfileInput, Organization, Tier,
};
use gongjiang_domain::{FieldError, Problem};
use gongjiang_store::members as store;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, Refusal>;

/// Why a membership was decided by an import (shown with the membership).
const DECISION_NOTE: &str = "秘书处批量导入";

/// What one row does to its unit's membership.
enum MembershipWrite {
    /// Leave it as it is.
    Keep,
    /// Admit the unit: a new active membership.
    Insert(Box<Membership>),
    /// Approve a pending application or change an active member's tier.
    Update(Box<Membership>),
}

/// One row's writes: the organisation (with its state before, if it exists)
/// and its membership.
struct Write {
    before: Option<Organization>,
    org: Organization,
    membership: MembershipWrite,
}

fn rule(line: usize, column: &str, key: &'static str) -> RowProblem {
    RowProblem {
        line,
        error: FieldError::new(column, Problem::Rule { key }),
    }
}

fn profile_input(row: &Row) -> OrgProfileInput {
    OrgProfileInput {
        kind: row.get("kind"),
        name: row.get("name"),
        other_names: String::new(),
        short_name: row.get("short_name"),
        credit_code: row.get("credit_code"),
        city: row.get("city"),
        district: row.get("district"),
        address: row.get("address"),
        website: row.get("website"),
        intro: row.get("intro"),
        segments: items(&row.get("segments")),
    }
}

/// Imports member units into the alliance (secretariat only).
pub async fn organizations(
    app: &App,
    actor: &Actor,
    rows: &[Row],
    progress: &Progress,
) -> Result<Outcome> {
    let me = actor.require(Permission::ReviewApplications)?.clone();
    actor.require(Permission::ManageMemberships)?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let alliance = ensure_alliance(&mut tx).await?;
    let segments = store::segments(&mut tx).await?;
    let chair = store::memberships_by_status(&mut tx, alliance.id, MembershipStatus::Active)
        .await?
        .into_iter()
        .find(|m| m.tier == Some(Tier::Chair))
        .map(|m| m.org_id);
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut valid: Vec<(usize, OrgProfile, Option<Tier>)> = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let before = problems.len();
        let profile = match profile_input(row).validate() {
            Ok(p) => Some(p),
            Err(errors) => {
                problems.extend(row_errors(row.line, errors, &[]));
                None
            }
        };
        let tier_text = row.get("tier");
        let tier = if tier_text.trim().is_empty() {
            None
        } else {
            match Tier::parse(&tier_text) {
                Ok(t) => Some(t),
                Err(problem) => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new("tier", problem),
                    });
                    None
                }
            }
        };
        let Some(profile) = profile else { continue };
        if profile
            .segments
            .iter()
            .any(|s| !segments.iter().any(|k| &k.code == s))
        {
            problems.push(RowProblem {
                line: row.line,
                error: FieldError::new("segments", Problem::InvalidChoice),
            });
        }
        if problems.len() > before {
            continue;
        }
        if seen
            .insert(profile.credit_code.as_str().to_string(), row.line)
            .is_some()
        {
            problems.push(duplicate(row.line, "credit_code"));
            continue;
        }
        valid.push((row.line, profile, tier));
    }
    let mut writes: Vec<(bool, Write)> = Vec::with_capacity(valid.len());
    progress.stage("check", valid.len() as u64);
    for (line, profile, tier) in valid {
        progress.advance(1);
        let existing = store::org_by_credit_code(&mut tx, profile.credit_code.as_str()).await?;
        let id = existing.as_ref().map(|o| o.id).unwrap_or_else(OrgId::new);
        if tier == Some(Tier::Chair) && chair != Some(id) {
            problems.push(rule(line, "tier", "one_chair"));
            continue;
        }
        let org = Organization {
            id,
            kind: profile.kind,
            name: profile.name,
            other_names: existing
                .as_ref()
                .map(|o| o.other_names.clone())
                .unwrap_or_default(),
            short_name: profile.short_name,
            credit_code: profile.credit_code.as_str().to_string(),
            city: profile.city,
            district: profile.district,
            address: profile.address,
            website: profile.website,
            intro: profile.intro,
            segments: profile.segments,
            is_fictional: existing.as_ref().is_some_and(|o| o.is_fictional),
            created_at: existing.as_ref().map(|o| o.created_at).unwrap_or(now),
            updated_at: now,
        };
        let live = match &existing {
            Some(o) => store::memberships_of_org(&mut tx, o.id)
                .await?
                .into_iter()
                .find(|m| {
                    m.alliance_id == alliance.id
                        && matches!(
                            m.status,
                            MembershipStatus::Applied
                                | MembershipStatus::Active
                                | MembershipStatus::Suspended
                        )
                }),
            None => None,
        };
        let membership = match live {
            None => {
                let tier = tier.unwrap_or(Tier::Member);
                MembershipWrite::Insert(Box::new(Membership {
                    id: MembershipId::new(),
                    alliance_id: alliance.id,
                    org_id: id,
                    status: MembershipStatus::Active,
                    requested_tier: tier,
                    tier: Some(tier),
                    contact_name: String::new(),
                    contact_phone: String::new(),
                    contact_email: String::new(),
                    statement: String::new(),
                    applied_at: now,
                    decided_at: Some(now),
                    decided_by: Some(me.user_id),
                    decision_reason: DECISION_NOTE.into(),
                    joined_at: Some(now),
                    ended_at: None,
                    end_reason: String::new(),
                    updated_at: now,
                }))
            }
            Some(m) if m.status == MembershipStatus::Applied => {
                let tier = tier.unwrap_or(m.requested_tier);
                let next = m
                    .approve(tier, me.user_id, DECISION_NOTE.into(), now)
                    .map_err(crate::error::Error::from)?;
                MembershipWrite::Update(Box::new(next))
            }
            Some(m) => match tier {
                Some(t) if m.tier != Some(t) => {
                    if m.status == MembershipStatus::Suspended {
                        problems.push(rule(line, "tier", "membership_suspended"));
                        continue;
                    }
                    let next = m.change_tier(t, now).map_err(crate::error::Error::from)?;
                    MembershipWrite::Update(Box::new(next))
                }
                _ => MembershipWrite::Keep,
            },
        };
        writes.push((
            existing.is_some(),
            Write {
                before: existing,
                org,
                membership,
            },
        ));
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for (_, w) in &writes {
        let search = search_columns(&w.org.name, &w.org.other_names, &w.org.short_name);
        if w.before.is_some() {
            store::update_org(&mut tx, &w.org, &search).await?;
        } else {
            store::insert_org(&mut tx, &w.org, &search).await?;
        }
        match &w.membership {
            MembershipWrite::Keep => {}
            MembershipWrite::Insert(m) => store::insert_membership(&mut tx, m).await?,
            MembershipWrite::Update(m) => store::update_membership(&mut tx, m).await?,
        }
        progress.advance(1);
    }
    let outcome = counted(&writes);
    let codes = |update: bool| -> Vec<&str> {
        writes
            .iter()
            .filter(|(u, _)| *u == update)
            .map(|(_, w)| w.org.credit_code.as_str())
            .collect()
    };
    let memberships = writes
        .iter()
        .filter(|(_, w)| !matches!(w.membership, MembershipWrite::Keep))
        .count();
    record(
        &mut tx,
        app,
        actor,
        "organization.import",
        "alliance",
        &alliance.id.to_string(),
        Some(me.org_id.to_string()),
        serde_json::Value::Null,
        serde_json::json!({
            "created": outcome.created,
            "updated": outcome.updated,
            "memberships_changed": memberships,
            "created_credit_codes": codes(false),
            "updated_credit_codes": codes(true),
        }),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(outcome)
}

//! The trainee's personal-data export: everything held about them, in full
//! for themselves or masked for their school, with its audit entry and the
//! rows of [`PERSONAL_DATA_SHEET`].

use super::access::org_name;
use super::path::own_trainee;
use super::records::{OutcomeView, outcome_view, yuan};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::TraineeId;
use gongjiang_domain::supply::Trainee;
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store};
use serde_json::{Value, json};
use std::collections::HashMap;

fn aad(field: &str, id: TraineeId) -> String {
    format!("trainees.{field}:{id}")
}

/// Everything the platform holds about a trainee, as JSON. `in_full` opens
/// the sealed ID and phone numbers (only for the trainee themself).
async fn personal_data(
    conn: &mut Connection,
    app: &App,
    t: &Trainee,
    in_full: bool,
) -> Result<Value> {
    let (id_number, phone) = if in_full {
        let id = app
            .vault
            .open(&t.id_sealed, &aad("id_number", t.id))
            .map_err(|e| Error::Internal(e.to_string()))?;
        let phone = match &t.phone_sealed {
            Some(p) => app
                .vault
                .open(p, &aad("phone", t.id))
                .map_err(|e| Error::Internal(e.to_string()))?,
            None => String::new(),
        };
        (id, phone)
    } else {
        (t.id_masked.clone(), t.phone_masked.clone())
    };
    let school = gongjiang_store::members::get_org(conn, t.org_id).await?;
    let cohort = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(conn, c).await?,
        None => None,
    };
    let major = match &cohort {
        Some(c) => gongjiang_store::supply::get_major(conn, c.major_id).await?,
        None => None,
    };
    let mut names = HashMap::new();
    let mut placements = Vec::new();
    for p in store::placements_of_trainee(conn, t.id).await? {
        placements.push(json!({"id": p.id, "enterprise": org_name(conn, &mut names, p.org_id).await?,
            "post": p.post_name, "kind": p.kind.as_str(), "start_on": p.start_on, "round_id": p.round_id,
            "created_at": p.created_at.rfc3339_cst()}));
    }
    let mut jobs = Vec::new();
    for r in store::records_of_trainee(conn, t.id).await? {
        let outcomes: Vec<OutcomeView> = store::outcomes_of_record(conn, r.id)
            .await?
            .iter()
            .map(outcome_view)
            .collect();
        jobs.push(json!({"id": r.id, "employer": org_name(conn, &mut names, r.employer_org_id).await?,
            "post": r.post, "start_on": r.start_on, "wage": yuan(r.wage_fen), "source": r.source.as_str(),
            "entered_by": r.created_by, "entered_at": r.created_at.rfc3339_cst(), "follow_ups": outcomes}));
    }
    Ok(json!({
        "subject": {
            "id": t.id, "name": t.name, "id_number": id_number, "phone": phone,
            "identifiers_in_full": in_full,
            "birth_date": t.birth_date, "gender": t.gender, "student_no": t.student_no,
            "status": t.status.as_str(), "created_at": t.created_at.rfc3339_cst(),
            "consent": {"purpose": t.consent_purpose, "recorded_by": t.consent_by, "at": t.consent_at.rfc3339_cst()},
        },
        "school": school.map(|s| json!({"id": s.id, "name": s.name})),
        "cohort": cohort.map(|c| json!({"id": c.id, "name": c.name, "entry_year": c.entry_year, "graduation_year": c.graduation_year})),
        "major": major.map(|m| json!({"id": m.id, "code": m.code, "name": m.name, "level": m.level.as_str()})),
        "account": store::account_of_trainee(conn, t.id).await?,
        "round_preferences": store::preferences_of_trainee(conn, t.id).await?,
        "round_results": store::results_of_trainee(conn, t.id).await?,
        "placements": placements,
        "learning_records": gongjiang_store::training::learning_records(conn, t.id).await?,
        "internships": gongjiang_store::training::internships_of_trainee(conn, t.id).await?,
        "evaluations": gongjiang_store::evaluation::candidacies_of_trainee(conn, t.id)
            .await?
            .into_iter()
            .map(|(candidate, session)| json!({"session": session, "candidate": candidate}))
            .collect::<Vec<_>>(),
        "certificates": gongjiang_store::certificates::of_trainee(conn, t.id).await?,
        "employment": jobs,
        "consents": gongjiang_store::privacy::consents_of(conn, t.id).await?,
        "access_log": access_log(conn, t.id).await?,
    }))
}

/// Every read of the trainee's data, as the export lists it.
async fn access_log(conn: &mut Connection, trainee: TraineeId) -> Result<Vec<Value>> {
    Ok(gongjiang_store::privacy::all_access_of_trainee(conn, trainee)
        .await?
        .into_iter()
        .map(|a| {
            json!({"org_id": a.org_id, "user_id": a.user_id, "action": a.action, "purpose": a.purpose.as_str(),
                "fields": a.fields, "reason": a.reason, "at": a.at.rfc3339_cst()})
        })
        .collect())
}

/// A personal-data export and whose it is.
#[derive(Debug, Clone)]
pub struct PersonalData {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Everything held, as JSON.
    pub data: Value,
}

async fn audited_export(
    app: &App,
    actor: &Actor,
    t: &Trainee,
    in_full: bool,
    format: &str,
) -> Result<PersonalData> {
    let mut tx = app.db.write().await?;
    let mut data = personal_data(&mut tx, app, t, in_full).await?;
    data["generated_at"] = json!(app.now().rfc3339_cst());
    if !in_full {
        // Staff exporting a trainee's data is a read the trainee sees.
        crate::privacy::log_access(
            &mut tx,
            actor,
            t.id,
            "export",
            gongjiang_domain::privacy::Purpose::Enrolment,
            "all",
            app.now(),
        )
        .await?;
    }
    record(
        &mut tx,
        app,
        actor,
        "trainee.export",
        "trainee",
        &t.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"format": format, "identifiers_in_full": in_full}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(PersonalData {
        trainee_id: t.id,
        data,
    })
}

/// The acting trainee's own data, identifiers in full (PIPL Art. 45). Audited.
pub async fn export_mine(app: &App, actor: &Actor, format: &str) -> Result<PersonalData> {
    let t = {
        let mut conn = app.db.read().await?;
        own_trainee(&mut conn, actor).await?
    };
    audited_export(app, actor, &t, true, format).await
}

/// A trainee's data for staff of their school (to answer a request made on
/// paper), identifiers masked. Another unit gets 404. Audited.
pub async fn export_for_school(
    app: &App,
    actor: &Actor,
    trainee: TraineeId,
    format: &str,
) -> Result<PersonalData> {
    let t = {
        let mut conn = app.db.read().await?;
        gongjiang_store::supply::get_trainee(&mut conn, trainee)
            .await?
            .ok_or(Error::NotFound("trainee"))?
    };
    if actor.require(Permission::ManageSupply(t.org_id)).is_err() {
        return Err(Error::NotFound("trainee"));
    }
    audited_export(app, actor, &t, false, format).await
}

/// The export as one sheet: section, field path, value.
pub const PERSONAL_DATA_SHEET: SheetSpec = SheetSpec {
    name: "个人数据",
    columns: &[
        ColumnSpec::new("section", "类别", ColumnKind::Text),
        ColumnSpec::new("field", "字段", ColumnKind::Text),
        ColumnSpec::new("value", "值", ColumnKind::Text),
    ],
};

/// The export's JSON flattened into rows of [`PERSONAL_DATA_SHEET`].
pub fn personal_data_rows(data: &Value) -> Vec<Vec<String>> {
    fn walk(section: &str, path: String, v: &Value, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(section, p, v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let p = if path.is_empty() {
                        format!("{}", i + 1)
                    } else {
                        format!("{path}.{}", i + 1)
                    };
                    walk(section, p, v, out);
                }
            }
            Value::Null => {}
            Value::String(s) => out.push(vec![section.to_string(), path, s.clone()]),
            other => out.push(vec![section.to_string(), path, other.to_string()]),
        }
    }
    let mut out = Vec::new();
    if let Value::Object(map) = data {
        for (k, v) in map {
            walk(k, String::new(), v, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_flattens_into_section_path_and_value() {
        let rows = personal_data_rows(&json!({
            "subject": {"name": "王小明", "consent": {"purpose": "就业推荐"}},
            "employment": [{"post": "检验员", "wage": 5200}],
            "account": null,
        }));
        assert!(rows.contains(&vec!["subject".into(), "name".into(), "王小明".into()]));
        assert!(rows.contains(&vec![
            "subject".into(),
            "consent.purpose".into(),
            "就业推荐".into()
        ]));
        assert!(rows.contains(&vec!["employment".into(), "1.wage".into(), "5200".into()]));
        assert!(!rows.iter().any(|r| r[0] == "account"));
    }
}

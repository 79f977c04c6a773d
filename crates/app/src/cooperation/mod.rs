//! School–enterprise agreements: either party's staff create and keep them;
//! the parties and the secretariat see them; nobody else learns they exist.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::cooperation::{Agreement, AgreementInput, attachment_name, attachment_type};
use gongjiang_domain::ids::{AgreementId, AttachmentId, OrgId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::{FieldErrors, Problem};
pub use gongjiang_store::cooperation::Attachment;
use gongjiang_store::cooperation::{self as store};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Days before the end at which an agreement is flagged for renewal.
pub const RENEWAL_WINDOW_DAYS: i64 = 60;

fn party_of(actor: &Actor, a: &Agreement) -> bool {
    actor.may(Permission::ManageAgreements(a.school_org_id))
        || actor.may(Permission::ManageAgreements(a.enterprise_org_id))
}

/// Whether the actor may change `a` and attach files to it (its parties' staff).
pub fn may_change(actor: &Actor, a: &Agreement) -> bool {
    party_of(actor, a)
}

fn visible(actor: &Actor, a: &Agreement) -> bool {
    party_of(actor, a) || actor.may(Permission::ReviewApplications)
}

/// Saves an agreement the actor's unit is party to (new when `id` is None).
pub async fn save(
    app: &App,
    actor: &Actor,
    id: Option<AgreementId>,
    input: &AgreementInput,
) -> Result<Agreement> {
    let me = actor.user()?.clone();
    actor.require(Permission::ManageAgreements(me.org_id))?;
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let existing = match id {
        Some(id) => {
            let a = store::get(&mut tx, id)
                .await?
                .ok_or(Error::NotFound("agreement"))?;
            if !party_of(actor, &a) {
                return Err(if visible(actor, &a) {
                    Error::Forbidden
                } else {
                    Error::NotFound("agreement")
                });
            }
            Some(a)
        }
        None => None,
    };
    let mut errors = FieldErrors::new();
    let school = gongjiang_store::members::get_org(&mut tx, fields.school_org_id).await?;
    if !school.as_ref().is_some_and(|o| o.kind.is_school()) {
        errors.push("school_org_id", Problem::InvalidChoice);
    }
    let enterprise = gongjiang_store::members::get_org(&mut tx, fields.enterprise_org_id).await?;
    if !enterprise
        .as_ref()
        .is_some_and(|o| o.kind == OrgKind::Enterprise)
    {
        errors.push("enterprise_org_id", Problem::InvalidChoice);
    }
    if me.org_id != fields.school_org_id && me.org_id != fields.enterprise_org_id {
        errors.push("school_org_id", Problem::Rule { key: "own_party" });
    }
    if let Some(a) = &existing
        && (a.school_org_id != fields.school_org_id
            || a.enterprise_org_id != fields.enterprise_org_id)
    {
        errors.push("enterprise_org_id", Problem::WrongState);
    }
    errors.into_result()?;
    let agreement = Agreement {
        id: existing.as_ref().map(|a| a.id).unwrap_or_default(),
        kind: fields.kind,
        title: fields.title,
        school_org_id: fields.school_org_id,
        enterprise_org_id: fields.enterprise_org_id,
        start_on: fields.start_on,
        end_on: fields.end_on,
        quota: fields.quota,
        status: fields.status,
        notes: fields.notes,
    };
    store::save(&mut tx, &agreement, me.org_id, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "agreement.update"
        } else {
            "agreement.create"
        },
        "agreement",
        &agreement.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|a| json!(a)).unwrap_or(json!(null)),
        json!(agreement),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(agreement)
}

/// One agreement the actor may see.
pub async fn get(
    app: &App,
    actor: &Actor,
    id: AgreementId,
) -> Result<(Agreement, Vec<Attachment>)> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let a = store::get(&mut conn, id)
        .await?
        .filter(|a| visible(actor, a))
        .ok_or(Error::NotFound("agreement"))?;
    let files = store::files(&mut conn, id).await?;
    Ok((a, files))
}

/// Agreements the actor may see: all for the secretariat, their unit's otherwise.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Agreement>> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let org: Option<OrgId> = if actor.may(Permission::ReviewApplications) {
        None
    } else {
        Some(me.org_id)
    };
    // Trainees of a party school are not parties: keep only what the actor may see.
    Ok(store::list(&mut conn, org)
        .await?
        .into_iter()
        .filter(|a| visible(actor, a))
        .collect())
}

/// Attaches a file (PDF, PNG or JPEG, at most 5 MiB, judged by its bytes).
pub async fn attach(
    app: &App,
    actor: &Actor,
    id: AgreementId,
    name: &str,
    bytes: &[u8],
) -> Result<Attachment> {
    let me = actor.user()?.clone();
    let content_type = attachment_type(bytes).map_err(|p| Error::field("file", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let a = store::get(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("agreement"))?;
    if !party_of(actor, &a) {
        return Err(if visible(actor, &a) {
            Error::Forbidden
        } else {
            Error::NotFound("agreement")
        });
    }
    let file = Attachment {
        id: AttachmentId::new(),
        agreement_id: id,
        file_name: attachment_name(name, content_type),
        content_type: content_type.to_string(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(bytes)),
        uploaded_at: now,
    };
    store::insert_file(&mut tx, &file, bytes, &me.login).await?;
    record(
        &mut tx,
        app,
        actor,
        "agreement.attach",
        "agreement",
        &id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!(file),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(file)
}

/// A file of an agreement the actor may see.
pub async fn file(
    app: &App,
    actor: &Actor,
    id: AgreementId,
    file: AttachmentId,
) -> Result<(Attachment, Vec<u8>)> {
    get(app, actor, id).await?;
    let mut conn = app.db.read().await?;
    store::file(&mut conn, file)
        .await?
        .filter(|(f, _)| f.agreement_id == id)
        .ok_or(Error::NotFound("file"))
}

/// A party to an agreement as lists and exports name it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Party {
    /// Official name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
}

/// An agreement with its parties, as the list page and its exports show it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The agreement.
    pub agreement: Agreement,
    /// The school.
    pub school: Party,
    /// The enterprise.
    pub enterprise: Party,
    /// Ends within [`RENEWAL_WINDOW_DAYS`] while signed or in force.
    pub needs_renewal: bool,
}

/// [`list`] with the parties' names: what `/agreements` and its exports show.
pub async fn list_with_parties(app: &App, actor: &Actor) -> Result<Vec<Listed>> {
    let agreements = list(app, actor).await?;
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let mut parties: std::collections::HashMap<OrgId, Party> = std::collections::HashMap::new();
    for a in &agreements {
        for org in [a.school_org_id, a.enterprise_org_id] {
            if let std::collections::hash_map::Entry::Vacant(slot) = parties.entry(org) {
                let party = gongjiang_store::members::get_org(&mut conn, org)
                    .await?
                    .map(|o| Party {
                        name: o.name,
                        credit_code: o.credit_code,
                    })
                    .unwrap_or_default();
                slot.insert(party);
            }
        }
    }
    Ok(agreements
        .into_iter()
        .map(|a| Listed {
            school: parties.get(&a.school_org_id).cloned().unwrap_or_default(),
            enterprise: parties
                .get(&a.enterprise_org_id)
                .cloned()
                .unwrap_or_default(),
            needs_renewal: a.needs_renewal(today, RENEWAL_WINDOW_DAYS),
            agreement: a,
        })
        .collect())
}

use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};

const AGREEMENT_KINDS: ColumnKind = ColumnKind::Choice(&[
    ("order_class", "订单班"),
    ("apprenticeship", "新型学徒制"),
    ("position_internship", "岗位实习"),
    ("training_base", "共建实训基地"),
    ("industry_college", "产业学院"),
    ("joint_research", "联合研发"),
    ("faculty_exchange", "师资互聘"),
]);

const AGREEMENT_STATUSES: ColumnKind = ColumnKind::Choice(&[
    ("draft", "草稿"),
    ("signed", "已签署"),
    ("active", "履行中"),
    ("expired", "已到期"),
    ("terminated", "已终止"),
]);

/// The agreement list as exported from `/agreements` (`.xlsx` and CSV): the
/// parties by name and credit code, choices by their Chinese labels.
pub const AGREEMENT_SHEET: SheetSpec = SheetSpec {
    name: "合作协议",
    columns: &[
        ColumnSpec::new("title", "协议名称", ColumnKind::Text)
            .required()
            .example("2025级 PCB 订单班合作协议"),
        ColumnSpec::new("kind", "协议类型", AGREEMENT_KINDS)
            .required()
            .example("订单班"),
        ColumnSpec::new("school", "学校", ColumnKind::Text).required(),
        ColumnSpec::new("school_credit_code", "学校信用代码", ColumnKind::IdLike)
            .note("18 位统一社会信用代码"),
        ColumnSpec::new("enterprise", "企业", ColumnKind::Text).required(),
        ColumnSpec::new("enterprise_credit_code", "企业信用代码", ColumnKind::IdLike)
            .note("18 位统一社会信用代码"),
        ColumnSpec::new("start_on", "开始日期", ColumnKind::Date)
            .required()
            .example("2025-09-01"),
        ColumnSpec::new("end_on", "结束日期", ColumnKind::Date)
            .required()
            .example("2028-06-30"),
        ColumnSpec::new("quota", "名额", ColumnKind::Integer)
            .example("45")
            .note("每年名额，不适用时为 0"),
        ColumnSpec::new("status", "状态", AGREEMENT_STATUSES).example("履行中"),
        ColumnSpec::new(
            "needs_renewal",
            "待续签",
            ColumnKind::Choice(&[("yes", "是"), ("no", "否")]),
        )
        .note("60 天内到期且已签署或履行中；由平台计算"),
        ColumnSpec::new("notes", "备注", ColumnKind::Text),
    ],
};

/// The rows of [`AGREEMENT_SHEET`] for `list`, in its order.
pub fn export_rows(list: &[Listed]) -> Vec<Vec<String>> {
    list.iter()
        .map(|l| {
            let a = &l.agreement;
            crate::exports::row(&AGREEMENT_SHEET, |key| match key {
                "title" => a.title.clone(),
                "kind" => a.kind.as_str().into(),
                "school" => l.school.name.clone(),
                "school_credit_code" => l.school.credit_code.clone(),
                "enterprise" => l.enterprise.name.clone(),
                "enterprise_credit_code" => l.enterprise.credit_code.clone(),
                "start_on" => a.start_on.clone(),
                "end_on" => a.end_on.clone(),
                "quota" => a.quota.to_string(),
                "status" => a.status.as_str().into(),
                "needs_renewal" => crate::exports::yes_no(l.needs_renewal),
                "notes" => a.notes.clone(),
                _ => String::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongjiang_domain::cooperation::{AgreementKind, AgreementStatus};

    #[test]
    fn the_agreement_sheet_is_one_excel_accepts_and_its_choices_are_the_domains() {
        assert_eq!(AGREEMENT_SHEET.check(), Ok(()));
        let stored = |kind: ColumnKind| match kind {
            ColumnKind::Choice(c) => c.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        assert_eq!(
            stored(AGREEMENT_KINDS),
            AgreementKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            stored(AGREEMENT_STATUSES),
            AgreementStatus::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_exported_agreement_names_its_parties_and_words_its_choices_in_chinese() {
        let listed = Listed {
            agreement: Agreement {
                id: AgreementId::new(),
                kind: AgreementKind::OrderClass,
                title: "2025级 PCB 订单班合作协议".into(),
                school_org_id: OrgId::new(),
                enterprise_org_id: OrgId::new(),
                start_on: "2025-09-01".into(),
                end_on: "2028-06-30".into(),
                quota: 45,
                status: AgreementStatus::Active,
                notes: "=不是公式".into(),
            },
            school: Party {
                name: "鄂东技师学院".into(),
                credit_code: "12420200MB1234567X".into(),
            },
            enterprise: Party {
                name: "示例电路有限公司".into(),
                credit_code: "91420200MA4K0000XH".into(),
            },
            needs_renewal: false,
        };

        let rows = export_rows(&[listed]);

        assert_eq!(
            rows[0],
            vec![
                "2025级 PCB 订单班合作协议",
                "订单班",
                "鄂东技师学院",
                "12420200MB1234567X",
                "示例电路有限公司",
                "91420200MA4K0000XH",
                "2025-09-01",
                "2028-06-30",
                "45",
                "履行中",
                "否",
                "=不是公式",
            ]
        );
    }
}

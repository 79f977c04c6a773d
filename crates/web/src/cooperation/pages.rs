//! Agreement pages: the list with its `.xlsx` and CSV exports, the form that
//! records or changes an agreement, one agreement with its files, and the
//! file upload (multipart) and download.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table, table_download};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::cooperation::{self, AGREEMENT_SHEET};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, members};
use gongjiang_domain::cooperation::{
    Agreement, AgreementInput, AgreementKind, AgreementStatus, MAX_ATTACHMENT_BYTES,
};
use gongjiang_domain::ids::{AgreementId, AttachmentId, OrgId};

use gongjiang_domain::members::OrgKind;

/// How this form names its fields in error messages, where the shared label differs.
pub(crate) const LABELS: &[(&str, &str)] = &[
    ("title", "agreements.label.title"),
    ("kind", "agreements.kind"),
    ("status", "agreements.status"),
];

/// The largest multipart body of an upload: the file and the form's few small fields.
pub const UPLOAD_LIMIT: usize = MAX_ATTACHMENT_BYTES + 64 * 1024;

/// An agreement line (the one agreement's page).
pub struct AgreementLine {
    id: String,
    title: String,
    kind: String,
    school: String,
    enterprise: String,
    period: String,
    quota: i64,
    status: String,
    renewal: bool,
}

#[derive(Template)]
#[template(path = "cooperation/agreements.html")]
struct AgreementsPage {
    l: Layout,
    table: Table,
    pager: Pager,
    statuses: Vec<Choice>,
    can_create: bool,
}

fn may_create(ctx: &Ctx) -> bool {
    ctx.actor
        .user()
        .is_ok_and(|u| ctx.actor.may(Permission::ManageAgreements(u.org_id)))
}

/// Query of the agreement list: its filter and the page.
#[derive(serde::Deserialize, Default)]
pub struct AgreementsQuery {
    /// A status code (`active`…), or empty for every status.
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl AgreementsQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("status", self.status.clone())]
    }
}

/// The agreements the actor sees under the query's filter.
async fn filtered(
    state: &AppState,
    ctx: &Ctx,
    q: &AgreementsQuery,
) -> Result<Vec<cooperation::Listed>, PageError> {
    let status = if q.status.is_empty() {
        None
    } else {
        Some(
            AgreementStatus::parse(&q.status)
                .map_err(|p| PageError::new(ctx.lang, Error::field("status", p)))?,
        )
    };
    let mut list = cooperation::list_with_parties(&state.app, &ctx.actor).await?;
    list.retain(|l| status.is_none_or(|s| l.agreement.status == s));
    Ok(list)
}

/// The list's columns, one row per agreement, in words.
fn agreements_table(lang: Lang, list: &[cooperation::Listed]) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "agreements.name",
            "agreements.kind",
            "agreements.school",
            "agreements.enterprise",
            "agreements.period",
            "agreements.quota",
            "agreements.status",
            "agreements.renew",
        ],
    );
    for l in list {
        let a = &l.agreement;
        table.push(vec![
            Cell::link(a.title.clone(), format!("/agreements/{}", a.id)),
            Cell::text(i18n::choice(lang, "agreement_kind", a.kind.as_str())),
            Cell::text(l.school.name.clone()),
            Cell::text(l.enterprise.name.clone()),
            Cell::text(format!("{} — {}", a.start_on, a.end_on)),
            Cell::text(a.quota.to_string()),
            Cell::text(i18n::choice(lang, "agreement_status", a.status.as_str())),
            Cell::text(if l.needs_renewal {
                i18n::tr(lang, "agreements.renew")
            } else {
                ""
            }),
        ]);
    }
    table
}

/// `GET /agreements`: the agreements the actor's unit is party to (all for
/// the secretariat), by status, a page at a time.
pub async fn agreements(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AgreementsQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let list = filtered(&state, &ctx, &q).await?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, shown) = crate::lists::paged(lang, "/agreements", &q.params(), ask, list);
    render(
        lang,
        &AgreementsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table: agreements_table(lang, &shown),
            pager,
            statuses: crate::forms::choices(
                lang,
                "agreement_status",
                AgreementStatus::ALL.iter().map(|s| s.as_str()),
                &q.status,
            ),
            can_create: may_create(&ctx),
        },
    )
}

/// `GET /agreements.csv` and `.xlsx`: every agreement under the page's filter, in the
/// columns of `AGREEMENT_SHEET` (the import's, with credit codes and notes;
/// choices as words).
pub async fn agreements_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AgreementsQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let rows = cooperation::export_rows(&filtered(&state, &ctx, &q).await?);
    table_download(
        ctx.lang,
        &AGREEMENT_SHEET,
        "合作协议",
        rows,
        format.is_xlsx(),
    )
}

#[derive(Template)]
#[template(path = "cooperation/agreement_form.html")]
struct AgreementForm {
    l: Layout,
    action: String,
    /// Changing a recorded agreement: the parties are shown, not chosen.
    editing: bool,
    input: AgreementInput,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    schools: crate::lists::Picker,
    enterprises: crate::lists::Picker,
    school_name: String,
    enterprise_name: String,
    errors: FormErrors,
}

async fn org_name(state: &AppState, ctx: &Ctx, org: &str) -> String {
    match org.parse::<OrgId>() {
        Ok(id) => members::profile(&state.app, &ctx.actor, id)
            .await
            .map(|p| p.org.name)
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn agreement_form(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    editing: bool,
    input: AgreementInput,
    errors: FormErrors,
    pick: &PartyQuery,
) -> Result<AgreementForm, PageError> {
    let lang = ctx.lang;
    let (schools, enterprises, school_name, enterprise_name) = if editing {
        (
            crate::lists::Picker::none(),
            crate::lists::Picker::none(),
            org_name(state, ctx, &input.school_org_id).await,
            org_name(state, ctx, &input.enterprise_org_id).await,
        )
    } else {
        // Each party is picked by searching the member units of its kind.
        (
            crate::members::pages::unit_picker(
                state,
                lang,
                &[OrgKind::TechnicalCollege, OrgKind::VocationalSchool],
                &pick.school_q,
                &input.school_org_id,
            )
            .await?
            .keeping(&[("enterprise_q", &pick.enterprise_q)]),
            crate::members::pages::unit_picker(
                state,
                lang,
                &[OrgKind::Enterprise],
                &pick.enterprise_q,
                &input.enterprise_org_id,
            )
            .await?
            .keeping(&[("school_q", &pick.school_q)]),
            String::new(),
            String::new(),
        )
    };
    let status = if input.status.is_empty() {
        AgreementStatus::Draft.as_str()
    } else {
        input.status.as_str()
    };
    Ok(AgreementForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        editing,
        kinds: crate::forms::choices(
            lang,
            "agreement_kind",
            AgreementKind::ALL.iter().map(|s| s.as_str()),
            &input.kind,
        ),
        statuses: AgreementStatus::ALL
            .iter()
            .map(|s| {
                Choice::new(
                    s.as_str(),
                    i18n::choice(lang, "agreement_status", s.as_str()),
                    status,
                )
            })
            .collect(),
        schools,
        enterprises,
        school_name,
        enterprise_name,
        input,
        errors,
    })
}

fn agreement_input(pairs: &[(String, String)]) -> AgreementInput {
    AgreementInput {
        kind: field(pairs, "kind"),
        title: field(pairs, "title"),
        school_org_id: field(pairs, "school_org_id"),
        enterprise_org_id: field(pairs, "enterprise_org_id"),
        start_on: field(pairs, "start_on"),
        end_on: field(pairs, "end_on"),
        quota: field(pairs, "quota"),
        status: field(pairs, "status"),
        notes: field(pairs, "notes"),
    }
}

fn input_of(a: &Agreement) -> AgreementInput {
    AgreementInput {
        kind: a.kind.as_str().into(),
        title: a.title.clone(),
        school_org_id: a.school_org_id.to_string(),
        enterprise_org_id: a.enterprise_org_id.to_string(),
        start_on: a.start_on.clone(),
        end_on: a.end_on.clone(),
        quota: a.quota.to_string(),
        status: a.status.as_str().into(),
        notes: a.notes.clone(),
    }
}

fn agreement_id(lang: Lang, id: &str) -> Result<AgreementId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("agreement")))
}

/// The search steps of the agreement form's party pickers.
#[derive(serde::Deserialize, Default)]
pub struct PartyQuery {
    #[serde(default)]
    school_q: String,
    #[serde(default)]
    enterprise_q: String,
}

/// `GET /agreements/new`: the form, with the actor's own unit chosen as its
/// party (`?school_q=`, `?enterprise_q=` narrow the party pickers).
pub async fn new_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(pick): Query<PartyQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageAgreements(me.org_id))?;
    let own = me.org_id.to_string();
    let input = AgreementInput {
        school_org_id: own.clone(),
        enterprise_org_id: own,
        ..Default::default()
    };
    let page = agreement_form(
        &state,
        &ctx,
        "/agreements/new".into(),
        false,
        input,
        FormErrors::default(),
        &pick,
    )
    .await?;
    render(lang, &page)
}

async fn save_agreement(
    state: &AppState,
    ctx: &Ctx,
    id: Option<AgreementId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = agreement_input(pairs);
    match cooperation::save(&state.app, &ctx.actor, id, &input).await {
        Ok(a) => Ok(crate::forms::saved(state, &format!("/agreements/{}", a.id))),
        Err(Error::Invalid(errors)) => {
            let action = id
                .map(|i| format!("/agreements/{i}/edit"))
                .unwrap_or_else(|| "/agreements/new".into());
            let errors = FormErrors::labelled(&errors, lang, LABELS);
            let page = agreement_form(
                state,
                ctx,
                action,
                id.is_some(),
                input,
                errors,
                &PartyQuery::default(),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /agreements/new`.
pub async fn create_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_agreement(&state, &ctx, None, &pairs).await
}

/// `GET /agreements/{id}/edit`: only a party may change an agreement.
pub async fn edit_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<AgreementId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let (a, _) = cooperation::get(&state.app, &ctx.actor, id).await?;
    if !cooperation::may_change(&ctx.actor, &a) {
        return Err(PageError::new(lang, Error::Forbidden));
    }
    let page = agreement_form(
        &state,
        &ctx,
        format!("/agreements/{id}/edit"),
        true,
        input_of(&a),
        FormErrors::default(),
        &PartyQuery::default(),
    )
    .await?;
    render(lang, &page)
}

/// `POST /agreements/{id}/edit`.
pub async fn update_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<AgreementId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save_agreement(&state, &ctx, Some(id), &pairs).await
}

/// A file line of an agreement.
pub struct FileLine {
    id: String,
    name: String,
    content_type: String,
    size: String,
    uploaded: String,
}

#[derive(Template)]
#[template(path = "cooperation/agreement.html")]
struct AgreementPage {
    l: Layout,
    line: AgreementLine,
    school_id: String,
    enterprise_id: String,
    notes: String,
    files: Vec<FileLine>,
    editable: bool,
    errors: FormErrors,
}

fn size_text(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

async fn agreement_page(
    state: &AppState,
    ctx: &Ctx,
    id: AgreementId,
    errors: FormErrors,
) -> Result<AgreementPage, PageError> {
    let lang = ctx.lang;
    let (a, files) = cooperation::get(&state.app, &ctx.actor, id).await?;
    let school = org_name(state, ctx, &a.school_org_id.to_string()).await;
    let enterprise = org_name(state, ctx, &a.enterprise_org_id.to_string()).await;
    let today = state.app.now().date_cst();
    Ok(AgreementPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        line: AgreementLine {
            id: a.id.to_string(),
            title: a.title.clone(),
            kind: i18n::choice(lang, "agreement_kind", a.kind.as_str()),
            school,
            enterprise,
            period: format!("{} — {}", a.start_on, a.end_on),
            quota: a.quota,
            status: i18n::choice(lang, "agreement_status", a.status.as_str()),
            renewal: a.needs_renewal(today, cooperation::RENEWAL_WINDOW_DAYS),
        },
        school_id: a.school_org_id.to_string(),
        enterprise_id: a.enterprise_org_id.to_string(),
        notes: a.notes.clone(),
        files: files
            .iter()
            .map(|f| FileLine {
                id: f.id.to_string(),
                name: f.file_name.clone(),
                content_type: f.content_type.clone(),
                size: size_text(f.size),
                uploaded: f.uploaded_at.rfc3339_cst(),
            })
            .collect(),
        editable: cooperation::may_change(&ctx.actor, &a),
        errors,
    })
}

/// `GET /agreements/{id}`: one agreement with its files, and the upload form for its parties.
pub async fn agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<AgreementId>,
) -> Result<Html<String>, PageError> {
    let page = agreement_page(&state, &ctx, id, FormErrors::default()).await?;
    render(ctx.lang, &page)
}

/// `POST /agreements/{id}/files` (multipart: `file`): attaches a PDF, PNG or
/// JPEG judged by its bytes; a refused file shows the agreement again with why.
pub async fn attach(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<AgreementId>,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut too_large = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(part)) if part.name() == Some("file") => {
                let name = part.file_name().unwrap_or_default().to_string();
                match part.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(e) => {
                        too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                        break;
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                break;
            }
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    let result = if too_large {
        Err(Error::field(
            "file",
            gongjiang_domain::Problem::Rule {
                key: "file_too_large",
            },
        ))
    } else {
        cooperation::attach(&state.app, &ctx.actor, id, &name, &bytes).await
    };
    match result {
        Ok(_) => Ok(crate::forms::saved(&state, &format!("/agreements/{id}"))),
        Err(Error::Invalid(errors)) => {
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let errors = FormErrors::labelled(&errors, lang, LABELS);
            let page = agreement_page(&state, &ctx, id, errors).await?;
            Ok(render_with(lang, status, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `GET /agreements/{id}/files/{file}`: the file, as an attachment, for the parties and the secretariat.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id = agreement_id(lang, &id)?;
    let file: AttachmentId = file
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("file")))?;
    let (f, bytes) = cooperation::file(&state.app, &ctx.actor, id, file).await?;
    Ok((
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                gongjiang_sheets::content_disposition(&f.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongjiang_sheets::ColumnKind;

    fn labels(key: &str) -> Vec<(&'static str, &'static str)> {
        match AGREEMENT_SHEET
            .columns
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.kind)
        {
            Some(ColumnKind::Choice(choices)) => choices.to_vec(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_page_words_kinds_and_statuses_as_the_export_does() {
        for (group, key) in [("agreement_kind", "kind"), ("agreement_status", "status")] {
            let choices = labels(key);
            assert!(!choices.is_empty(), "{key}");
            for (value, label) in choices {
                assert_eq!(
                    i18n::choice(Lang::Zh, group, value),
                    label,
                    "{group}.{value}"
                );
                assert_ne!(
                    i18n::choice(Lang::En, group, value),
                    value,
                    "{group}.{value}"
                );
            }
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(512), "512 B");
        assert_eq!(size_text(2048), "2.0 KB");
        assert_eq!(size_text(5 * 1024 * 1024), "5.0 MB");
    }
}

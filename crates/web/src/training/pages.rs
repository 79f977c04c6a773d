//! Training pages: internships (list, form, one internship with its rule
//! check, documents, log and visits), a major's work-study structure, and a
//! trainee's training record (learning tasks and internships).

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::Error;
use gongjiang_app::policy::Permission;
use gongjiang_app::training::{self, InternshipView, Standing};
use gongjiang_domain::Lifecycle;
use gongjiang_domain::cooperation::MAX_ATTACHMENT_BYTES;
use gongjiang_domain::ids::{
    CourseId, InternshipFileId, InternshipId, LogEntryId, MajorId, TraineeId, WorkTaskId,
};
use gongjiang_domain::training::RuleFailure;

use gongjiang_domain::training::{
    DocumentKind, Hazard, Internship, InternshipInput, InternshipKind, InternshipStatus,
    LearningPlace, LearningRecordInput, PremiumPayer, SpecialtyRelation, StructureInput,
};

/// A rule failure as a sentence: `INT-05 每日工作 9 小时，超过 8 小时。`
pub fn failure_text(lang: Lang, f: &RuleFailure) -> String {
    let mut text = i18n::tr(lang, &format!("int.{}", f.code)).to_string();
    for (key, value) in &f.params {
        let shown = if key == "hazards" {
            value
                .split(',')
                .map(|h| i18n::choice(lang, "hazard", h))
                .collect::<Vec<_>>()
                .join(i18n::tr(lang, "sep.list"))
        } else {
            value.clone()
        };
        text = text.replace(&format!("{{{key}}}"), &shown);
    }
    format!("{} {}", f.rule, text)
}

/// The largest multipart body of a document upload.
pub const UPLOAD_LIMIT: usize = MAX_ATTACHMENT_BYTES + 64 * 1024;

fn parse_id<T: std::str::FromStr>(
    lang: Lang,
    text: &str,
    what: &'static str,
) -> Result<T, PageError> {
    text.parse()
        .map_err(|_| PageError::new(lang, Error::NotFound(what)))
}

fn yes(lang: Lang, b: bool) -> &'static str {
    i18n::tr(
        lang,
        if b {
            "internships.yes"
        } else {
            "internships.no"
        },
    )
}

// ------------------------------------------------------------ the list

/// An internship line of a list.
pub struct Line {
    id: String,
    trainee: String,
    host: String,
    post: String,
    kind: String,
    period: String,
    status: String,
}

fn line(lang: Lang, i: &Internship, trainee: &str, host: &str) -> Line {
    Line {
        id: i.id.to_string(),
        trainee: trainee.to_string(),
        host: host.to_string(),
        post: i.fields.post_name.clone(),
        kind: i18n::choice(lang, "internship_kind", i.fields.kind.as_str()),
        period: format!("{} — {}", i.fields.start_on, i.fields.end_on),
        status: i18n::choice(lang, "internship_status", i.status.as_str()),
    }
}

#[derive(Template)]
#[template(path = "training/internships.html")]
struct ListPage {
    l: Layout,
    table: Table,
    pager: Pager,
    statuses: Vec<Choice>,
    can_create: bool,
}

fn may_manage(ctx: &Ctx) -> bool {
    ctx.actor.user().is_ok_and(|u| {
        ctx.actor.may(Permission::ManageTraining(u.org_id))
            && ctx.actor.may(Permission::ManageSupply(u.org_id))
    })
}

/// Query of the internship list: its filter and the page.
#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    /// A status code (`in_progress`…), or empty for every status.
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl ListQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("status", self.status.clone())]
    }
}

/// The internships the actor may see under the query's filter.
async fn listed(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
) -> Result<Vec<training::Listed>, PageError> {
    let status = if q.status.is_empty() {
        None
    } else {
        Some(
            InternshipStatus::parse(&q.status)
                .map_err(|p| PageError::new(ctx.lang, Error::field("status", p)))?,
        )
    };
    let mut items = training::list(&state.app, &ctx.actor).await?;
    items.retain(|l| status.is_none_or(|s| l.internship.status == s));
    Ok(items)
}

/// The list's columns, one row per internship, in words (the page and its exports).
fn internship_table(lang: Lang, items: &[training::Listed]) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "internships.trainee",
            "internships.host",
            "internships.post",
            "internships.kind",
            "internships.period",
            "internships.status",
        ],
    );
    for l in items {
        let r = line(lang, &l.internship, &l.trainee_name, &l.host_name);
        table.push(vec![
            Cell::link(r.trainee, format!("/internships/{}", r.id)),
            Cell::text(r.host),
            Cell::text(r.post),
            Cell::text(r.kind),
            Cell::text(r.period),
            Cell::text(r.status),
        ]);
    }
    table
}

/// `GET /internships`: the internships the actor may see, by status, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let items = listed(&state, &ctx, &q).await?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, shown) = crate::lists::paged(lang, "/internships", &q.params(), ask, items);
    render(
        lang,
        &ListPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table: internship_table(lang, &shown),
            pager,
            statuses: crate::forms::choices(
                lang,
                "internship_status",
                InternshipStatus::ALL.iter().map(|s| s.as_str()),
                &q.status,
            ),
            can_create: may_manage(&ctx),
        },
    )
}

/// `GET /internships.csv` and `.xlsx`: the filtered list, every row, as CSV or a workbook (by the path's ending).
pub async fn list_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    list_download(&state, &ctx, &q, format.is_xlsx()).await
}

async fn list_download(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    let items = listed(state, ctx, q).await?;
    crate::lists::download(
        ctx.lang,
        i18n::tr(ctx.lang, "internships.title"),
        &internship_table(ctx.lang, &items),
        xlsx,
    )
}

// ------------------------------------------------------------ the form

#[derive(Template)]
#[template(path = "training/internship_form.html")]
struct FormPage {
    l: Layout,
    action: String,
    editing: bool,
    input: InternshipInput,
    trainees: crate::lists::Picker,
    hosts: Vec<Choice>,
    kinds: Vec<Choice>,
    payers: Vec<Choice>,
    relations: Vec<Choice>,
    hazards: Vec<Choice>,
    flags: Vec<(String, &'static str, bool)>,
    errors: FormErrors,
}

impl FormPage {
    fn f(&self, name: &str) -> &'static str {
        i18n::field_label(self.l.lang, name)
    }
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    action: String,
    editing: bool,
    input: InternshipInput,
    errors: FormErrors,
    trainee_search: &str,
) -> Result<FormPage, PageError> {
    let lang = ctx.lang;
    let trainees =
        crate::supply::pages::trainee_picker(state, ctx, trainee_search, &input.trainee_id).await?;
    let hosts = crate::cooperation::pages::enterprise_choices(state, &input.host_org_id).await?;
    let choices = |group: &str, values: Vec<&'static str>, current: &str| {
        values
            .into_iter()
            .map(|v| Choice::new(v, i18n::choice(lang, group, v), current))
            .collect::<Vec<_>>()
    };
    let current_kind = InternshipKind::parse_any(&input.kind)
        .map(|k| k.as_str())
        .unwrap_or("");
    let chosen: Vec<String> = input
        .hazards
        .iter()
        .flat_map(|h| h.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let flag = |v: &str| gongjiang_domain::demand::flag_field(v).unwrap_or(false);
    Ok(FormPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action,
        editing,
        trainees,
        hosts,
        kinds: choices(
            "internship_kind",
            InternshipKind::ALL.iter().map(|k| k.as_str()).collect(),
            current_kind,
        ),
        payers: choices(
            "premium_payer",
            PremiumPayer::ALL.iter().map(|k| k.as_str()).collect(),
            &input.premium_payer,
        ),
        relations: choices(
            "specialty_relation",
            SpecialtyRelation::ALL.iter().map(|k| k.as_str()).collect(),
            if input.specialty_relation.is_empty() {
                "matching"
            } else {
                &input.specialty_relation
            },
        ),
        hazards: Hazard::ALL
            .iter()
            .map(|h| Choice {
                value: h.as_str().to_string(),
                label: i18n::choice(lang, "hazard", h.as_str()),
                selected: chosen.iter().any(|c| c == h.as_str()),
            })
            .collect(),
        flags: [
            ("night_shift", &input.night_shift),
            ("overtime", &input.overtime),
            ("holiday_work", &input.holiday_work),
            ("intermediary", &input.intermediary),
            ("self_found", &input.self_found),
            ("covers_typical_tasks", &input.covers_typical_tasks),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), i18n::field_label(lang, name), flag(value)))
        .collect(),
        input,
        errors,
    })
}

fn input_from(pairs: &[(String, String)]) -> InternshipInput {
    let f = |k: &str| field(pairs, k);
    InternshipInput {
        trainee_id: f("trainee_id"),
        kind: f("kind"),
        host_org_id: f("host_org_id"),
        demand_id: f("demand_id"),
        post_name: f("post_name"),
        school_supervisor: f("school_supervisor"),
        host_supervisor: f("host_supervisor"),
        start_on: f("start_on"),
        end_on: f("end_on"),
        daily_hours: f("daily_hours"),
        weekly_hours: f("weekly_hours"),
        night_shift: f("night_shift"),
        overtime: f("overtime"),
        holiday_work: f("holiday_work"),
        pay_monthly: f("pay_monthly"),
        reference_wage: f("reference_wage"),
        fees_charged: f("fees_charged"),
        intermediary: f("intermediary"),
        insurer: f("insurer"),
        policy_no: f("policy_no"),
        cover_from: f("cover_from"),
        cover_to: f("cover_to"),
        premium_payer: f("premium_payer"),
        hazards: pairs
            .iter()
            .filter(|(k, _)| k == "hazards")
            .map(|(_, v)| v.clone())
            .collect(),
        exception_filing_ref: f("exception_filing_ref"),
        specialty_relation: f("specialty_relation"),
        relation_exception: f("relation_exception"),
        self_found: f("self_found"),
        covers_typical_tasks: f("covers_typical_tasks"),
    }
}

fn input_of(i: &Internship) -> InternshipInput {
    let f = &i.fields;
    let b = |v: bool| if v { "on".to_string() } else { String::new() };
    InternshipInput {
        trainee_id: f.trainee_id.to_string(),
        kind: f.kind.as_str().into(),
        host_org_id: f.host_org_id.to_string(),
        demand_id: f.demand_id.map(|d| d.to_string()).unwrap_or_default(),
        post_name: f.post_name.clone(),
        school_supervisor: f.school_supervisor.clone(),
        host_supervisor: f.host_supervisor.clone(),
        start_on: f.start_on.clone(),
        end_on: f.end_on.clone(),
        daily_hours: f.daily_hours.to_string(),
        weekly_hours: f.weekly_hours.to_string(),
        night_shift: b(f.night_shift),
        overtime: b(f.overtime),
        holiday_work: b(f.holiday_work),
        pay_monthly: f.pay_monthly.to_string(),
        reference_wage: f.reference_wage.map(|w| w.to_string()).unwrap_or_default(),
        fees_charged: f.fees_charged.to_string(),
        intermediary: b(f.intermediary),
        insurer: f.insurer.clone(),
        policy_no: f.policy_no.clone(),
        cover_from: f.cover_from.clone(),
        cover_to: f.cover_to.clone(),
        premium_payer: f
            .premium_payer
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        hazards: f.hazards.iter().map(|h| h.as_str().to_string()).collect(),
        exception_filing_ref: f.exception_filing_ref.clone(),
        specialty_relation: f.specialty_relation.as_str().into(),
        relation_exception: f.relation_exception.clone(),
        self_found: b(f.self_found),
        covers_typical_tasks: b(f.covers_typical_tasks),
    }
}

/// The search step of a form's trainee picker (`?trainee_q=`).
#[derive(serde::Deserialize, Default)]
pub struct PickQuery {
    #[serde(default)]
    pub(crate) trainee_q: String,
}

/// `GET /internships/new` (`?trainee_q=` narrows the trainee picker).
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(pick): Query<PickQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageTraining(me.org_id))?;
    let input = InternshipInput {
        kind: "position".into(),
        daily_hours: "8".into(),
        weekly_hours: "40".into(),
        fees_charged: "0".into(),
        ..Default::default()
    };
    let page = form_page(
        &state,
        &ctx,
        "/internships/new".into(),
        false,
        input,
        FormErrors::default(),
        &pick.trainee_q,
    )
    .await?;
    render(lang, &page)
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<InternshipId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = input_from(&pairs);
    let result = match id {
        Some(id) => training::update_internship(&state.app, &ctx.actor, id, &input).await,
        None => training::create_internship(&state.app, &ctx.actor, &input).await,
    };
    match result {
        Ok(i) => Ok(crate::forms::saved(
            &state,
            &format!("/internships/{}", i.id),
        )),
        Err(Error::Invalid(errors)) => {
            let action = id
                .map(|i| format!("/internships/{i}/edit"))
                .unwrap_or_else(|| "/internships/new".into());
            let errors = FormErrors::new(&errors, lang);
            let page = form_page(state, ctx, action, id.is_some(), input, errors, "").await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /internships/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, None, &pairs).await
}

/// `GET /internships/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let v = training::get(&state.app, &ctx.actor, id).await?;
    if v.standing != Standing::School {
        return Err(PageError::new(lang, Error::Forbidden));
    }
    let page = form_page(
        &state,
        &ctx,
        format!("/internships/{id}/edit"),
        true,
        input_of(&v.internship),
        FormErrors::default(),
        "",
    )
    .await?;
    render(lang, &page)
}

/// `POST /internships/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, Some(id), &pairs).await
}

// ------------------------------------------------------------ one internship

/// A fact of the internship: label and value.
pub struct Fact {
    label: &'static str,
    value: String,
}

/// A rule failure as shown.
pub struct FailureLine {
    hard: bool,
    text: String,
}

/// A document as shown.
pub struct DocLine {
    id: String,
    kind: String,
    name: String,
    content_type: String,
    size: String,
    uploaded: String,
}

/// A log entry as shown.
pub struct LogLine {
    id: String,
    week: String,
    content: String,
    status: String,
    comment: String,
    reviewable: bool,
    /// The trainee may revise it (not confirmed yet).
    revisable: bool,
    /// Its earlier texts: a heading line and the text, oldest first.
    revisions: Vec<(String, String)>,
    /// "Earlier texts (n)".
    revisions_heading: String,
}

/// An override as shown.
pub struct OverrideLine {
    by: String,
    at: String,
    reason: String,
    failures: Vec<String>,
}

#[derive(Template)]
#[template(path = "training/internship.html")]
struct DetailPage {
    l: Layout,
    id: String,
    title: String,
    status: String,
    facts: Vec<Fact>,
    check: Vec<FailureLine>,
    show_check: bool,
    refused: Vec<FailureLine>,
    warnings: Vec<FailureLine>,
    overrides: Vec<OverrideLine>,
    documents: Vec<DocLine>,
    document_kinds: Vec<Choice>,
    logs: Vec<LogLine>,
    missing_weeks: Vec<String>,
    show_missing: bool,
    visits: Vec<(String, String, String)>,
    school: bool,
    trainee: bool,
    secretariat: bool,
    editable: bool,
    ready: bool,
    in_progress: bool,
    may_terminate: bool,
    /// The status machine allows marking it ready, back to draft, finishing.
    may_ready: bool,
    may_draft: bool,
    may_finish: bool,
    may_start: bool,
    today: String,
    errors: FormErrors,
}

fn failure_lines(lang: Lang, list: &[gongjiang_domain::training::RuleFailure]) -> Vec<FailureLine> {
    list.iter()
        .map(|f| FailureLine {
            hard: f.is_hard(),
            text: failure_text(lang, f),
        })
        .collect()
}

fn detail(
    state: &AppState,
    ctx: &Ctx,
    v: InternshipView,
    refused: Vec<FailureLine>,
    errors: FormErrors,
) -> DetailPage {
    let lang = ctx.lang;
    let i = &v.internship;
    let f = &i.fields;
    let t = |k: &str| i18n::tr(lang, k);
    let mut facts = vec![
        Fact {
            label: t("internships.trainee"),
            value: format!("{} {}", v.student_no, v.trainee_name),
        },
        Fact {
            label: t("internships.school"),
            value: v.school_name.clone(),
        },
        Fact {
            label: t("internships.host"),
            value: v.host_name.clone(),
        },
        Fact {
            label: t("internships.kind"),
            value: i18n::choice(lang, "internship_kind", f.kind.as_str()),
        },
        Fact {
            label: t("internships.post"),
            value: f.post_name.clone(),
        },
        Fact {
            label: t("internships.period"),
            value: format!("{} — {}", f.start_on, f.end_on),
        },
        Fact {
            label: t("internships.supervisors"),
            value: format!("{} / {}", f.school_supervisor, f.host_supervisor),
        },
        Fact {
            label: t("internships.hours"),
            value: format!("{} / {}", f.daily_hours, f.weekly_hours),
        },
        Fact {
            label: t("internships.schedule"),
            value: format!(
                "{} / {} / {}",
                yes(lang, f.night_shift),
                yes(lang, f.overtime),
                yes(lang, f.holiday_work)
            ),
        },
        Fact {
            label: t("internships.pay"),
            value: format!(
                "{} / {}",
                f.pay_monthly,
                f.reference_wage
                    .map(|w| w.to_string())
                    .unwrap_or_else(|| "—".into())
            ),
        },
        Fact {
            label: t("internships.fees"),
            value: f.fees_charged.to_string(),
        },
        Fact {
            label: t("internships.insurance"),
            value: format!(
                "{} {} {} — {} ({})",
                f.insurer,
                f.policy_no,
                f.cover_from,
                f.cover_to,
                f.premium_payer
                    .map(|p| i18n::choice(lang, "premium_payer", p.as_str()))
                    .unwrap_or_default()
            ),
        },
        Fact {
            label: t("internships.hazards"),
            value: f
                .hazards
                .iter()
                .map(|h| i18n::choice(lang, "hazard", h.as_str()))
                .collect::<Vec<_>>()
                .join("、"),
        },
        Fact {
            label: t("internships.relation"),
            value: format!(
                "{} {}",
                i18n::choice(lang, "specialty_relation", f.specialty_relation.as_str()),
                f.relation_exception
            ),
        },
        Fact {
            label: t("internships.self_found"),
            value: yes(lang, f.self_found).to_string(),
        },
    ];
    if let Some(reason) = &i.termination_reason {
        facts.push(Fact {
            label: t("internships.termination_reason"),
            value: reason.clone(),
        });
    }
    let school = v.standing == Standing::School;
    let host = v.standing == Standing::Host;
    DetailPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        id: i.id.to_string(),
        title: format!("{} · {}", v.trainee_name, f.post_name),
        status: i18n::choice(lang, "internship_status", i.status.as_str()),
        facts,
        show_check: i.status.editable(),
        check: failure_lines(lang, &v.check),
        refused,
        warnings: failure_lines(lang, &i.warnings),
        overrides: v
            .overrides
            .iter()
            .map(|o| OverrideLine {
                by: o.by_login.clone(),
                at: o.at.display_cst(),
                reason: o.reason.clone(),
                failures: o.failures.iter().map(|f| failure_text(lang, f)).collect(),
            })
            .collect(),
        documents: v
            .documents
            .iter()
            .map(|d| DocLine {
                id: d.id.to_string(),
                kind: i18n::choice(lang, "document_kind", d.kind.as_str()),
                name: d.file_name.clone(),
                content_type: d.content_type.clone(),
                size: format!("{} KB", (d.size + 1023) / 1024),
                uploaded: d.uploaded_at.display_cst(),
            })
            .collect(),
        document_kinds: DocumentKind::ALL
            .iter()
            .map(|k| {
                Choice::new(
                    k.as_str(),
                    i18n::choice(lang, "document_kind", k.as_str()),
                    "",
                )
            })
            .collect(),
        logs: v
            .logs
            .iter()
            .map(|e| LogLine {
                id: e.id.to_string(),
                week: e.week_of.clone(),
                content: e.content.clone(),
                status: i18n::choice(lang, "log_status", e.status.as_str()),
                comment: e.comment.clone(),
                reviewable: host && e.status == gongjiang_domain::training::LogStatus::Submitted,
                revisable: v.standing == Standing::Trainee
                    && i.status == InternshipStatus::InProgress
                    && e.status
                        .may_move_to(gongjiang_domain::training::LogStatus::Submitted),
                revisions: v
                    .log_revisions
                    .iter()
                    .filter(|r| r.log_id == e.id)
                    .map(|r| {
                        let line = i18n::tr_args(
                            lang,
                            "internships.revision_line",
                            &[
                                ("revision", r.revision.to_string()),
                                ("by", r.written_by.clone()),
                                ("at", r.written_at.display_cst()),
                                (
                                    "status",
                                    i18n::choice(lang, "log_status", r.status.as_str()),
                                ),
                            ],
                        );
                        (line, r.content.clone())
                    })
                    .collect(),
                revisions_heading: i18n::tr_args(
                    lang,
                    "internships.revisions",
                    &[(
                        "count",
                        v.log_revisions
                            .iter()
                            .filter(|r| r.log_id == e.id)
                            .count()
                            .to_string(),
                    )],
                ),
            })
            .collect(),
        show_missing: matches!(
            i.status,
            InternshipStatus::InProgress | InternshipStatus::Finished
        ),
        missing_weeks: v.missing_weeks.clone(),
        visits: v
            .visits
            .iter()
            .map(|x| (x.visited_on.clone(), x.note.clone(), x.recorded_by.clone()))
            .collect(),
        school,
        trainee: v.standing == Standing::Trainee,
        secretariat: v.standing == Standing::Secretariat,
        editable: i.status.editable(),
        ready: i.status == InternshipStatus::Ready,
        in_progress: i.status == InternshipStatus::InProgress,
        may_terminate: i.status.may_move_to(InternshipStatus::Terminated),
        may_ready: i.status.may_move_to(InternshipStatus::Ready),
        may_draft: i.status.may_move_to(InternshipStatus::Draft),
        may_finish: i.status.may_move_to(InternshipStatus::Finished),
        may_start: i.status.may_move_to(InternshipStatus::InProgress),
        today: gongjiang_domain::demand::iso(state.app.now().date_cst()),
        errors,
    }
}

async fn show_with(
    state: &AppState,
    ctx: &Ctx,
    id: InternshipId,
    refused: Vec<FailureLine>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let v = training::get(&state.app, &ctx.actor, id).await?;
    let page = detail(state, ctx, v, refused, errors);
    Ok(render_with(lang, status, &page)?.into_response())
}

/// `GET /internships/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
) -> Result<Response, PageError> {
    show_with(
        &state,
        &ctx,
        id,
        Vec::new(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// After a form on the internship page: back to it, or the page again with the errors.
async fn after(
    state: &AppState,
    ctx: &Ctx,
    id: InternshipId,
    result: Result<(), Error>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(crate::forms::saved(&state, &format!("/internships/{id}"))),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::new(&errors, ctx.lang);
            show_with(
                state,
                ctx,
                id,
                Vec::new(),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(PageError::new(ctx.lang, e)),
    }
}

/// `POST /internships/{id}/status` (`status`).
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let to =
        InternshipStatus::parse(&field(&pairs, "status")).map_err(|p| Error::field("status", p));
    let ending = match to {
        Ok(InternshipStatus::Finished) => Some("finish"),
        Ok(InternshipStatus::Terminated) => Some("terminate"),
        _ => None,
    };
    let action = format!("/internships/{id}/status");
    let confirmation = |end: &str| {
        // Terminating asks why (kept with the internship); finishing does not.
        let (title_key, what_key, reason) = if end == "finish" {
            (
                "training.confirm.finish",
                "training.confirm.finish_what",
                None,
            )
        } else {
            (
                "training.confirm.terminate",
                "training.confirm.terminate_what",
                Some("reason"),
            )
        };
        crate::forms::Confirmation {
            title_key,
            what: crate::i18n::tr(ctx.lang, what_key).into(),
            back: format!("/internships/{id}"),
            reason,
        }
    };
    if let Some(end) = ending
        && !crate::forms::confirmed(&pairs)
    {
        if training::get(&state.app, &ctx.actor, id).await?.standing != Standing::School {
            return Err(Error::Forbidden.into());
        }
        return crate::forms::confirm_page(&state, &ctx, &action, &pairs, confirmation(end));
    }
    let result = match to {
        Ok(to) => training::set_status(&state.app, &ctx.actor, id, to, &field(&pairs, "reason"))
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match (ending, result) {
        (Some(end @ "terminate"), Err(Error::Invalid(errors))) => {
            crate::forms::confirm_again(&state, &ctx, &action, &pairs, confirmation(end), &errors)
        }
        (_, result) => after(&state, &ctx, id, result).await,
    }
}

/// `POST /internships/{id}/start`: started, or the page again listing the failures (409).
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let outcome = training::start(&state.app, &ctx.actor, id).await?;
    if outcome.started {
        return Ok(Redirect::to(&format!("/internships/{id}")).into_response());
    }
    let refused = failure_lines(lang, &outcome.failures);
    show_with(
        &state,
        &ctx,
        id,
        refused,
        FormErrors::default(),
        StatusCode::CONFLICT,
    )
    .await
}

/// `POST /internships/{id}/override` (`reason`).
pub async fn override_start(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let reason = field(&pairs, "reason");
    let result = training::override_start(&state.app, &ctx.actor, id, &reason)
        .await
        .map(|_| ());
    after(&state, &ctx, id, result).await
}

/// `POST /internships/{id}/documents` (multipart: `kind`, `file`).
pub async fn attach(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let (mut kind, mut file, mut too_large) = (String::new(), None, false);
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
            Ok(Some(part)) if part.name() == Some("kind") => {
                kind = part.text().await.unwrap_or_default();
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
        training::attach(&state.app, &ctx.actor, id, &kind, &name, &bytes)
            .await
            .map(|_| ())
    };
    after(&state, &ctx, id, result).await
}

/// `GET /internships/{id}/documents/{file}`.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let id: InternshipId = parse_id(lang, &id, "internship")?;
    let file: InternshipFileId = parse_id(lang, &file, "file")?;
    let (d, bytes) = training::document(&state.app, &ctx.actor, id, file).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                gongjiang_sheets::content_disposition(&d.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /internships/{id}/log` (`week_of`, `content`): the trainee's entry.
pub async fn write_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = training::write_log(
        &state.app,
        &ctx.actor,
        id,
        &field(&pairs, "week_of"),
        &field(&pairs, "content"),
    )
    .await
    .map(|_| ());
    after(&state, &ctx, id, result).await
}

/// `POST /internships/{id}/log/{entry}` (`content`): the trainee revises an entry.
pub async fn revise_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, entry)): Path<(String, String)>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let id: InternshipId = parse_id(ctx.lang, &id, "internship")?;
    let entry: LogEntryId = parse_id(ctx.lang, &entry, "log")?;
    let result = training::revise_log(&state.app, &ctx.actor, id, entry, &field(&pairs, "content"))
        .await
        .map(|_| ());
    after(&state, &ctx, id, result).await
}

/// `POST /internships/{id}/log/{entry}/review` (`decision`: confirm or query, `comment`).
pub async fn review_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, entry)): Path<(String, String)>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let id: InternshipId = parse_id(ctx.lang, &id, "internship")?;
    let entry: LogEntryId = parse_id(ctx.lang, &entry, "log")?;
    let confirm = field(&pairs, "decision") == "confirm";
    let result = training::review_log(
        &state.app,
        &ctx.actor,
        id,
        entry,
        confirm,
        &field(&pairs, "comment"),
    )
    .await
    .map(|_| ());
    after(&state, &ctx, id, result).await
}

/// `POST /internships/{id}/visits` (`visited_on`, `note`).
pub async fn record_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<InternshipId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = training::record_visit(
        &state.app,
        &ctx.actor,
        id,
        &field(&pairs, "visited_on"),
        &field(&pairs, "note"),
    )
    .await
    .map(|_| ());
    after(&state, &ctx, id, result).await
}

// ------------------------------------------------------------ structure

#[derive(Template)]
#[template(path = "training/training_structure.html")]
struct StructurePage {
    l: Layout,
    structure: training::Structure,
    editable: bool,
    errors: FormErrors,
}

async fn structure_page(
    state: &AppState,
    ctx: &Ctx,
    major: MajorId,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let structure = training::structure(&state.app, &ctx.actor, major).await?;
    let editable = ctx
        .actor
        .may(Permission::ManageTraining(structure.major.org_id));
    let page = StructurePage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        structure,
        editable,
        errors,
    };
    Ok(render_with(lang, status, &page)?.into_response())
}

/// `GET /training/majors/{id}`: a major's work-study structure, with add forms for its school's staff.
pub async fn structure(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
) -> Result<Response, PageError> {
    structure_page(&state, &ctx, major, FormErrors::default(), StatusCode::OK).await
}

fn structure_input(pairs: &[(String, String)]) -> StructureInput {
    StructureInput {
        seq: field(&pairs, "seq"),
        name: field(&pairs, "name"),
        hours: field(&pairs, "hours"),
        description: field(&pairs, "description"),
    }
}

async fn after_structure(
    state: &AppState,
    ctx: &Ctx,
    major: Option<MajorId>,
    result: Result<MajorId, Error>,
) -> Result<Response, PageError> {
    match (result, major) {
        (Ok(m), _) => Ok(Redirect::to(&format!("/training/majors/{m}")).into_response()),
        (Err(Error::Invalid(errors)), Some(m)) => {
            let errors = FormErrors::new(&errors, ctx.lang);
            structure_page(state, ctx, m, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        (Err(e), _) => Err(PageError::new(ctx.lang, e)),
    }
}

/// `POST /training/majors/{id}/work-tasks`.
pub async fn add_work_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let result = training::add_work_task(&state.app, &ctx.actor, major, &structure_input(&pairs))
        .await
        .map(|t| t.major_id);
    after_structure(&state, &ctx, Some(major), result).await
}

/// `POST /training/work-tasks/{id}/courses`.
pub async fn add_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let major = training::major_of_work_task(&state.app, &ctx.actor, task)
        .await
        .ok();
    let result = training::add_course(&state.app, &ctx.actor, task, &structure_input(&pairs))
        .await
        .and_then(|_| major.ok_or(Error::NotFound("work_task")));
    after_structure(&state, &ctx, major, result).await
}

/// `POST /training/courses/{id}/learning-tasks`.
pub async fn add_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let major = training::major_of_course(&state.app, &ctx.actor, course)
        .await
        .ok();
    let result =
        training::add_learning_task(&state.app, &ctx.actor, course, &structure_input(&pairs))
            .await
            .and_then(|_| major.ok_or(Error::NotFound("course")));
    after_structure(&state, &ctx, major, result).await
}

// ------------------------------------------------------------ a trainee's record

#[derive(Template)]
#[template(path = "training/training_trainee.html")]
struct TraineePage {
    l: Layout,
    id: String,
    records: Vec<gongjiang_domain::training::LearningRecord>,
    total_hours: i64,
    internships: Vec<Line>,
    tasks: Vec<Choice>,
    places: Vec<Choice>,
    editable: bool,
    input: LearningRecordInput,
    errors: FormErrors,
}

impl TraineePage {
    fn place(&self, p: &LearningPlace) -> String {
        i18n::choice(self.l.lang, "learning_place", p.as_str())
    }
}

async fn trainee_page(
    state: &AppState,
    ctx: &Ctx,
    id: TraineeId,
    input: LearningRecordInput,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let records = training::learning_records_of_trainee(&state.app, &ctx.actor, id).await?;
    let internships = training::internships_of_trainee(&state.app, &ctx.actor, id).await?;
    let form = training::learning_form(&state.app, &ctx.actor, id).await?;
    let editable = form.tasks.is_some();
    let tasks = form
        .tasks
        .unwrap_or_default()
        .into_iter()
        .map(|l| {
            Choice::new(
                l.id.to_string(),
                format!("{} ({} h)", l.fields.name, l.fields.hours),
                &input.learning_task_id,
            )
        })
        .collect();
    let host_names = {
        let mut names = Vec::new();
        for i in &internships {
            let name =
                gongjiang_app::members::profile(&state.app, &ctx.actor, i.fields.host_org_id)
                    .await
                    .map(|p| p.org.name)
                    .unwrap_or_default();
            names.push(name);
        }
        names
    };
    let page = TraineePage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        id: id.to_string(),
        total_hours: records.iter().map(|r| r.hours).sum(),
        records,
        internships: internships
            .iter()
            .zip(&host_names)
            .map(|(i, h)| line(lang, i, &form.name_masked, h))
            .collect(),
        tasks,
        places: crate::forms::choices(
            lang,
            "learning_place",
            LearningPlace::ALL.iter().map(|s| s.as_str()),
            &input.place,
        ),
        editable,
        input,
        errors,
    };
    Ok(render_with(lang, status, &page)?.into_response())
}

/// `GET /training/trainees/{id}`: a trainee's completed learning tasks and internships.
pub async fn trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
) -> Result<Response, PageError> {
    trainee_page(
        &state,
        &ctx,
        id,
        LearningRecordInput::default(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /training/trainees/{id}/learning`.
pub async fn record_learning(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = LearningRecordInput {
        learning_task_id: field(&pairs, "learning_task_id"),
        hours: field(&pairs, "hours"),
        place: field(&pairs, "place"),
        assessor: field(&pairs, "assessor"),
        completed_on: field(&pairs, "completed_on"),
    };
    match training::record_learning(&state.app, &ctx.actor, id, &input).await {
        Ok(_) => Ok(crate::forms::saved(
            &state,
            &format!("/training/trainees/{id}"),
        )),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::new(&errors, lang);
            trainee_page(
                &state,
                &ctx,
                id,
                input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

//! One internship: its rule check, documents, log, visits and status steps.

use super::*;

// ------------------------------------------------------------ one internship

/// A fact of the internship: label and value.
pub struct Fact {
    pub(super) label: &'static str,
    pub(super) value: String,
}

/// A rule failure as shown.
pub struct FailureLine {
    pub(super) hard: bool,
    pub(super) text: String,
}

/// A document as shown.
pub struct DocLine {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) content_type: String,
    pub(super) size: String,
    pub(super) uploaded: String,
}

/// A log entry as shown.
pub struct LogLine {
    pub(super) id: String,
    pub(super) week: String,
    pub(super) content: String,
    pub(super) status: String,
    pub(super) comment: String,
    pub(super) reviewable: bool,
    /// The trainee may revise it (not confirmed yet).
    pub(super) revisable: bool,
    /// Its earlier texts: a heading line and the text, oldest first.
    pub(super) revisions: Vec<(String, String)>,
    /// "Earlier texts (n)".
    pub(super) revisions_heading: String,
}

/// An override as shown.
pub struct OverrideLine {
    pub(super) by: String,
    pub(super) at: String,
    pub(super) reason: String,
    pub(super) failures: Vec<String>,
}

#[derive(Template)]
#[template(path = "training/internship.html")]
pub(super) struct DetailPage {
    pub(super) l: Layout,
    pub(super) id: String,
    pub(super) title: String,
    pub(super) status: String,
    pub(super) facts: Vec<Fact>,
    pub(super) check: Vec<FailureLine>,
    pub(super) show_check: bool,
    pub(super) refused: Vec<FailureLine>,
    pub(super) warnings: Vec<FailureLine>,
    pub(super) overrides: Vec<OverrideLine>,
    pub(super) documents: Vec<DocLine>,
    pub(super) document_kinds: Vec<Choice>,
    pub(super) logs: Vec<LogLine>,
    pub(super) missing_weeks: Vec<String>,
    pub(super) show_missing: bool,
    pub(super) visits: Vec<(String, String, String)>,
    pub(super) school: bool,
    pub(super) trainee: bool,
    pub(super) secretariat: bool,
    pub(super) editable: bool,
    pub(super) ready: bool,
    pub(super) in_progress: bool,
    pub(super) may_terminate: bool,
    /// The status machine allows marking it ready, back to draft, finishing.
    pub(super) may_ready: bool,
    pub(super) may_draft: bool,
    pub(super) may_finish: bool,
    pub(super) may_start: bool,
    pub(super) today: String,
    pub(super) errors: FormErrors,
}

pub(super) fn failure_lines(
    lang: Lang,
    list: &[gongjiang_domain::training::RuleFailure],
) -> Vec<FailureLine> {
    list.iter()
        .map(|f| FailureLine {
            hard: f.is_hard(),
            text: failure_text(lang, f),
        })
        .collect()
}

pub(super) fn detail(
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
            .map(|e| {
                let earlier: Vec<_> = v
                    .log_revisions
                    .iter()
                    .filter(|r| r.log_id == e.id)
                    .collect();
                LogLine {
                    id: e.id.to_string(),
                    week: e.week_of.clone(),
                    content: e.content.clone(),
                    status: i18n::choice(lang, "log_status", e.status.as_str()),
                    comment: e.comment.clone(),
                    reviewable: host
                        && e.status == gongjiang_domain::training::LogStatus::Submitted,
                    revisable: v.standing == Standing::Trainee
                        && i.status == InternshipStatus::InProgress
                        && e.status
                            .may_move_to(gongjiang_domain::training::LogStatus::Submitted),
                    revisions: earlier
                        .iter()
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
                        &[("count", earlier.len().to_string())],
                    ),
                }
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

pub(super) async fn show_with(
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
pub(super) async fn after(
    state: &AppState,
    ctx: &Ctx,
    id: InternshipId,
    result: Result<(), Error>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(crate::forms::saved(state, &format!("/internships/{id}"))),
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

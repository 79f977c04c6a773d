//! Member pages: the public roster, organisation profiles, the application
//! form, and the profile editor.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::members::{self, ApplicationInput};
use gongjiang_app::members::{RosterFilter, Segment};
use gongjiang_app::{Error, policy::Permission};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::members::{MembershipStatus, OrgKind, OrgProfileInput, Tier};

/// One row of the roster as shown.
pub struct RosterRow {
    id: String,
    name: String,
    other_names: String,
    kind: &'static str,
    tier: &'static str,
    is_chair: bool,
    city: String,
    segments: String,
    fictional: bool,
}

/// A choice in a select list.
pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "members/roster.html")]
struct RosterPage {
    l: Layout,
    q: String,
    kinds: Vec<Choice>,
    tiers: Vec<Choice>,
    cities: Vec<Choice>,
    segments: Vec<Choice>,
    rows: Vec<RosterRow>,
    total_text: String,
    page_text: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    export_query: String,
}

/// Roster query string.
#[derive(serde::Deserialize, Default)]
pub struct RosterQuery {
    /// Search text.
    #[serde(default)]
    pub q: String,
    /// Kind filter.
    #[serde(default)]
    pub kind: String,
    /// Tier filter.
    #[serde(default)]
    pub tier: String,
    /// City filter.
    #[serde(default)]
    pub city: String,
    /// Segment filter.
    #[serde(default)]
    pub segment: String,
    /// Page (from 1).
    #[serde(default)]
    pub page: Option<i64>,
    /// Page size.
    #[serde(default)]
    pub per_page: Option<i64>,
}

/// A picker over the active members of `kinds` (enterprises, say): the first
/// [`crate::lists::PICK`] matches of `search` (name, short name, pinyin or
/// initials), the current choice always among them, and a note when more
/// match, so every unit is reached by searching and none is loaded in vain.
pub(crate) async fn unit_picker(
    state: &AppState,
    lang: Lang,
    kinds: &[OrgKind],
    search: &str,
    current: &str,
) -> Result<crate::lists::Picker, Error> {
    let q = gongjiang_search::normalize_query(search);
    let mut choices: Vec<crate::forms::Choice> = Vec::new();
    let mut total = 0;
    for kind in kinds {
        let filter = RosterFilter {
            kind: Some(*kind),
            query: (!q.is_empty()).then(|| q.clone()),
            ..Default::default()
        };
        let room = crate::lists::PICK - i64::try_from(choices.len()).unwrap_or(0);
        let (entries, matched) = members::roster(&state.app, &filter, 1, room.max(1)).await?;
        total += matched;
        if room > 0 {
            choices.extend(entries.iter().map(|e| {
                crate::forms::Choice::new(e.org.id.to_string(), e.org.name.clone(), current)
            }));
        }
    }
    if !current.is_empty()
        && !choices.iter().any(|c| c.value == current)
        && let Ok(id) = current.parse::<gongjiang_domain::ids::OrgId>()
        && let Some(name) = members::name_if_kind(&state.app, id, kinds).await?
    {
        choices.insert(
            0,
            crate::forms::Choice::new(current.to_string(), name, current),
        );
    }
    Ok(crate::lists::Picker::new(lang, search, choices, total))
}

impl RosterQuery {
    /// The filter for the store; unknown kinds and tiers are `InvalidChoice`.
    pub fn filter(&self) -> Result<RosterFilter, Error> {
        let kind = if self.kind.is_empty() {
            None
        } else {
            Some(OrgKind::parse(&self.kind).map_err(|p| Error::field("kind", p))?)
        };
        let tier = if self.tier.is_empty() {
            None
        } else {
            Some(Tier::parse(&self.tier).map_err(|p| Error::field("tier", p))?)
        };
        let q = gongjiang_search::normalize_query(&self.q);
        if q.chars().count() > 50 {
            return Err(Error::field(
                "q",
                gongjiang_domain::Problem::TooLong { max: 50 },
            ));
        }
        Ok(RosterFilter {
            kind,
            tier,
            city: (!self.city.trim().is_empty()).then(|| self.city.trim().to_string()),
            segment: (!self.segment.trim().is_empty()).then(|| self.segment.trim().to_string()),
            query: (!q.is_empty()).then_some(q),
        })
    }

    fn href(&self, page: i64) -> String {
        format!(
            "/members?q={}&kind={}&tier={}&city={}&segment={}&page={page}",
            crate::layout::encode(&self.q),
            crate::layout::encode(&self.kind),
            crate::layout::encode(&self.tier),
            crate::layout::encode(&self.city),
            crate::layout::encode(&self.segment)
        )
    }
}

fn segment_names(lang: Lang, codes: &[String], all: &[Segment]) -> String {
    codes
        .iter()
        .filter_map(|c| all.iter().find(|s| &s.code == c))
        .map(|s| i18n::named(lang, &s.name_zh, &s.name_en).to_string())
        .collect::<Vec<_>>()
        .join(i18n::tr(lang, "sep.list"))
}

/// `GET /members`.
pub async fn roster(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RosterQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(30);
    let (entries, total) = members::roster(app, &filter, page, per_page).await?;
    let all_segments = members::segments(app).await?;
    let cities = members::roster_cities(app).await?;
    let per_page = per_page.clamp(1, members::MAX_PAGE);
    let pages = ((total + per_page - 1) / per_page).max(1);
    let rows = entries
        .iter()
        .map(|e| RosterRow {
            id: e.org.id.to_string(),
            name: e.org.name.clone(),
            other_names: e.org.other_names.join("、"),
            kind: i18n::kind_label(lang, e.org.kind),
            tier: i18n::tier_label(lang, e.tier),
            is_chair: e.tier == Tier::Chair,
            city: e.org.city.clone(),
            segments: segment_names(lang, &e.org.segments, &all_segments),
            fictional: e.org.is_fictional,
        })
        .collect();
    let page_view = RosterPage {
        l: Layout::new(&ctx, app.settings.demo_mode),
        kinds: OrgKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: i18n::kind_label(lang, *k).into(),
                selected: q.kind == k.as_str(),
            })
            .collect(),
        tiers: Tier::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str().into(),
                label: i18n::tier_label(lang, *t).into(),
                selected: q.tier == t.as_str(),
            })
            .collect(),
        cities: cities
            .iter()
            .map(|c| Choice {
                value: c.clone(),
                label: c.clone(),
                selected: &q.city == c,
            })
            .collect(),
        segments: all_segments
            .iter()
            .map(|s| Choice {
                value: s.code.clone(),
                label: i18n::named(lang, &s.name_zh, &s.name_en).to_string(),
                selected: q.segment == s.code,
            })
            .collect(),
        rows,
        total_text: i18n::tr_args(lang, "roster.total", &[("n", total.to_string())]),
        page_text: i18n::tr_args(
            lang,
            "roster.page",
            &[("p", page.to_string()), ("n", pages.to_string())],
        ),
        prev_href: (page > 1).then(|| q.href(page - 1)),
        next_href: (page < pages).then(|| q.href(page + 1)),
        export_query: q.href(1).trim_start_matches("/members?").to_string(),
        q: q.q.clone(),
    };
    render(lang, &page_view)
}

/// A membership line on the profile page.
pub struct HistoryRow {
    status: &'static str,
    tier: String,
    applied_at: String,
    reason: String,
    membership_id: String,
}

#[derive(Template)]
#[template(path = "members/profile.html")]
struct ProfilePage {
    l: Layout,
    id: String,
    name: String,
    other_names: String,
    short_name: String,
    kind: &'static str,
    credit_code: String,
    city: String,
    district: String,
    address: String,
    website: String,
    intro: String,
    segments: String,
    status: String,
    tier: String,
    is_chair: bool,
    joined: String,
    fictional: bool,
    editable: bool,
    private: bool,
    can_review: bool,
    history: Vec<HistoryRow>,
    products: Vec<(String, String)>,
    needs: Vec<(String, String)>,
    talent: Vec<(String, String, i64)>,
}

/// `GET /members/{id}`.
pub async fn profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<OrgId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let profile = members::profile(app, &ctx.actor, id).await?;
    let all_segments = members::segments(app).await?;
    let history = if profile.private {
        members::history(app, &ctx.actor, id)
            .await?
            .iter()
            .map(|m| HistoryRow {
                status: i18n::status_label(lang, m.status),
                tier: m
                    .tier
                    .map(|t| i18n::tier_label(lang, t).to_string())
                    .unwrap_or_default(),
                applied_at: m.applied_at.display_cst(),
                reason: if m.end_reason.is_empty() {
                    m.decision_reason.clone()
                } else {
                    m.end_reason.clone()
                },
                membership_id: m.id.to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    // An enterprise's three lists (MoE 教职成厅函〔2024〕20号): products, technical needs, talent needs.
    let (products, needs, talent) = if profile.org.kind == OrgKind::Enterprise {
        use gongjiang_domain::demand::{ItemList, ItemStatus};
        let item_rows = |items: Vec<gongjiang_domain::demand::EnterpriseItem>| {
            items
                .into_iter()
                .filter(|i| i.status == ItemStatus::Open)
                .map(|i| (i.title, i.description))
                .collect::<Vec<_>>()
        };
        let products =
            item_rows(gongjiang_app::demand::items(app, ItemList::Products, Some(id)).await?);
        let needs =
            item_rows(gongjiang_app::demand::items(app, ItemList::TechnicalNeeds, Some(id)).await?);
        let filter = gongjiang_app::demand::Filter {
            org_id: Some(id),
            ..Default::default()
        };
        let (demands, _) = gongjiang_app::demand::list(app, &ctx.actor, filter, 1, 50).await?;
        let talent = demands
            .into_iter()
            .map(|d| (d.id.to_string(), d.post_name, d.headcount))
            .collect();
        (products, needs, talent)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let org = &profile.org;
    let m = profile.membership.as_ref();
    let page = ProfilePage {
        l: Layout::new(&ctx, app.settings.demo_mode),
        id: org.id.to_string(),
        name: org.name.clone(),
        other_names: org.other_names.join("、"),
        short_name: org.short_name.clone(),
        kind: i18n::kind_label(lang, org.kind),
        credit_code: org.credit_code.clone(),
        city: org.city.clone(),
        district: org.district.clone(),
        address: org.address.clone(),
        website: org.website.clone(),
        intro: org.intro.clone(),
        segments: segment_names(lang, &org.segments, &all_segments),
        status: m
            .map(|m| i18n::status_label(lang, m.status).to_string())
            .unwrap_or_default(),
        tier: m
            .and_then(|m| m.tier)
            .map(|t| i18n::tier_label(lang, t).to_string())
            .unwrap_or_default(),
        is_chair: m
            .is_some_and(|m| m.tier == Some(Tier::Chair) && m.status == MembershipStatus::Active),
        joined: m
            .and_then(|m| m.joined_at)
            .map(|t| t.display_cst())
            .unwrap_or_default(),
        fictional: org.is_fictional,
        editable: profile.editable,
        private: profile.private,
        can_review: ctx.actor.may(Permission::ReviewApplications),
        history,
        products,
        needs,
        talent,
    };
    render(lang, &page)
}

/// The organisation fields of a form, as typed.
#[derive(Default, Clone)]
pub struct OrgForm {
    /// Kind.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Other names.
    pub other_names: String,
    /// Short name.
    pub short_name: String,
    /// Credit code.
    pub credit_code: String,
    /// City.
    pub city: String,
    /// District.
    pub district: String,
    /// Address.
    pub address: String,
    /// Web site.
    pub website: String,
    /// Introduction.
    pub intro: String,
    /// Segment codes.
    pub segments: Vec<String>,
}

impl OrgForm {
    fn input(&self) -> OrgProfileInput {
        OrgProfileInput {
            kind: self.kind.clone(),
            name: self.name.clone(),
            other_names: self.other_names.clone(),
            short_name: self.short_name.clone(),
            credit_code: self.credit_code.clone(),
            city: self.city.clone(),
            district: self.district.clone(),
            address: self.address.clone(),
            website: self.website.clone(),
            intro: self.intro.clone(),
            segments: self.segments.clone(),
        }
    }
}

fn org_form(pairs: &[(String, String)]) -> OrgForm {
    OrgForm {
        kind: field(pairs, "kind"),
        name: field(pairs, "name"),
        other_names: field(pairs, "other_names"),
        short_name: field(pairs, "short_name"),
        credit_code: field(pairs, "credit_code"),
        city: field(pairs, "city"),
        district: field(pairs, "district"),
        address: field(pairs, "address"),
        website: field(pairs, "website"),
        intro: field(pairs, "intro"),
        segments: pairs
            .iter()
            .filter(|(k, _)| k == "segments")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}

/// Checkbox and select choices for the organisation fields.
pub struct OrgChoices {
    kinds: Vec<Choice>,
    segments: Vec<Choice>,
}

async fn org_choices(
    state: &AppState,
    lang: Lang,
    form: &OrgForm,
) -> Result<OrgChoices, PageError> {
    let all = members::segments(&state.app).await?;
    Ok(OrgChoices {
        kinds: OrgKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: i18n::kind_label(lang, *k).into(),
                selected: form.kind == k.as_str(),
            })
            .collect(),
        segments: all
            .iter()
            .map(|s| Choice {
                value: s.code.clone(),
                label: i18n::named(lang, &s.name_zh, &s.name_en).to_string(),
                selected: form.segments.contains(&s.code),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "members/apply.html")]
struct ApplyPage {
    l: Layout,
    form: OrgForm,
    choices: OrgChoices,
    tiers: Vec<Choice>,
    contact_name: String,
    contact_phone: String,
    contact_email: String,
    statement: String,
    errors: FormErrors,
    done: bool,
}

async fn apply_page(
    state: &AppState,
    ctx: &Ctx,
    pairs: &[(String, String)],
    errors: FormErrors,
    done: bool,
) -> Result<ApplyPage, PageError> {
    let form = org_form(pairs);
    let requested = field(pairs, "requested_tier");
    let choices = org_choices(state, ctx.lang, &form).await?;
    Ok(ApplyPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        choices,
        tiers: Tier::ALL
            .iter()
            .filter(|t| **t != Tier::Chair)
            .map(|t| Choice {
                value: t.as_str().into(),
                label: i18n::tier_label(ctx.lang, *t).into(),
                selected: requested == t.as_str() || (requested.is_empty() && *t == Tier::Member),
            })
            .collect(),
        contact_name: field(pairs, "contact_name"),
        contact_phone: field(pairs, "contact_phone"),
        contact_email: field(pairs, "contact_email"),
        statement: field(pairs, "statement"),
        form,
        errors,
        done,
    })
}

/// `GET /apply`.
pub async fn apply_form(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Html<String>, PageError> {
    let page = apply_page(&state, &ctx, &[], FormErrors::default(), false).await?;
    render(ctx.lang, &page)
}

/// `POST /apply`.
pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = ApplicationInput {
        profile: org_form(&pairs).input(),
        requested_tier: field(&pairs, "requested_tier"),
        contact_name: field(&pairs, "contact_name"),
        contact_phone: field(&pairs, "contact_phone"),
        contact_email: field(&pairs, "contact_email"),
        statement: field(&pairs, "statement"),
    };
    match members::apply(&state.app, &ctx.actor, &input).await {
        Ok(_) => {
            let page = apply_page(&state, &ctx, &[], FormErrors::default(), true).await?;
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page =
                apply_page(&state, &ctx, &pairs, FormErrors::new(&errors, lang), false).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

#[derive(Template)]
#[template(path = "members/org_edit.html")]
struct EditPage {
    l: Layout,
    id: String,
    form: OrgForm,
    choices: OrgChoices,
    errors: FormErrors,
}

/// `GET /org/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<OrgId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let profile = members::profile(&state.app, &ctx.actor, id).await?;
    if !profile.editable {
        return Err(PageError::new(
            lang,
            if ctx.signed_in() {
                Error::Forbidden
            } else {
                Error::Unauthenticated
            },
        ));
    }
    let o = &profile.org;
    let form = OrgForm {
        kind: o.kind.as_str().into(),
        name: o.name.clone(),
        other_names: o.other_names.join("、"),
        short_name: o.short_name.clone(),
        credit_code: o.credit_code.clone(),
        city: o.city.clone(),
        district: o.district.clone(),
        address: o.address.clone(),
        website: o.website.clone(),
        intro: o.intro.clone(),
        segments: o.segments.clone(),
    };
    let choices = org_choices(&state, lang, &form).await?;
    render(
        lang,
        &EditPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            id: id.to_string(),
            form,
            choices,
            errors: FormErrors::default(),
        },
    )
}

/// `POST /org/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org_id): Id<OrgId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let form = org_form(&pairs);
    match members::update_profile(&state.app, &ctx.actor, org_id, &form.input()).await {
        Ok(_) => Ok(crate::forms::saved(&state, &format!("/members/{org_id}"))),
        Err(Error::Invalid(errors)) => {
            let choices = org_choices(&state, lang, &form).await?;
            let page = EditPage {
                l: Layout::new(&ctx, state.app.settings.demo_mode),
                id: org_id.to_string(),
                form,
                choices,
                errors: FormErrors::new(&errors, lang),
            };
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// The roster's export columns.
const ROSTER_EXPORT: gongjiang_sheets::SheetSpec = {
    use gongjiang_sheets::{ColumnKind as Col, ColumnSpec as Column, SheetSpec};
    SheetSpec {
        name: "成员单位名录",
        columns: &[
            Column::new("name", "单位名称", Col::Text),
            Column::new("other_names", "其他名称", Col::Text),
            Column::new("kind", "类型", Col::Text),
            Column::new("tier", "级别", Col::Text),
            Column::new("city", "城市", Col::Text),
            Column::new("credit_code", "统一社会信用代码", Col::IdLike),
            Column::new("segments", "产业链环节", Col::Text),
        ],
    }
};

async fn roster_rows(
    state: &AppState,
    ctx: &Ctx,
    q: &RosterQuery,
) -> Result<Vec<Vec<String>>, PageError> {
    let lang = ctx.lang;
    let filter = q.filter()?;
    let all_segments = members::segments(&state.app).await?;
    let mut rows = Vec::new();
    let mut page = 1;
    loop {
        let (entries, total) =
            members::roster(&state.app, &filter, page, members::MAX_PAGE).await?;
        for e in &entries {
            rows.push(vec![
                e.org.name.clone(),
                e.org.other_names.join("、"),
                i18n::kind_label(lang, e.org.kind).to_string(),
                i18n::tier_label(lang, e.tier).to_string(),
                e.org.city.clone(),
                e.org.credit_code.clone(),
                segment_names(lang, &e.org.segments, &all_segments),
            ]);
        }
        if entries.is_empty() || i64::try_from(rows.len()).unwrap_or(i64::MAX) >= total {
            return Ok(rows);
        }
        page += 1;
    }
}

/// `GET /members.csv` and `.xlsx`: the roster as shown (same filters).
pub async fn roster_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RosterQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let rows = roster_rows(&state, &ctx, &q).await?;
    crate::lists::table_download(
        ctx.lang,
        &ROSTER_EXPORT,
        "成员单位名录",
        rows,
        format.is_xlsx(),
    )
}

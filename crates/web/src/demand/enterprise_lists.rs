//! The enterprises' lists kept for the alliance (教职成厅函〔2024〕20号): core
//! products and technical needs, alliance-wide and by segment, with their
//! `.xlsx`/CSV export, and the forms an enterprise uses to keep its own. The
//! third list, talent needs, is the demand board (`/demands`).

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::table_download;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::members::Segment;
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, demand, members};
use gongjiang_domain::demand::{EnterpriseItem, ItemInput, ItemList, ItemStatus};
use gongjiang_domain::ids::ItemId;
use serde::Deserialize;

/// The lists' query string.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// `products` (default) or `technical_needs`.
    #[serde(default)]
    pub list: String,
    /// A segment code.
    #[serde(default)]
    pub segment: String,
}

impl ListParams {
    fn list(&self) -> Result<ItemList, Error> {
        match self.list.trim() {
            "" => Ok(ItemList::Products),
            raw => ItemList::parse(raw).map_err(|p| Error::field("list", p)),
        }
    }

    fn segment(&self) -> Option<&str> {
        Some(self.segment.trim()).filter(|s| !s.is_empty())
    }

    fn query(&self, list: ItemList) -> String {
        let mut q = format!("list={}", list.as_str());
        if let Some(segment) = self.segment() {
            q.push_str("&segment=");
            q.push_str(&crate::layout::encode(segment));
        }
        q
    }
}

/// One item, worded.
pub struct ItemLine {
    id: String,
    org_id: String,
    org_name: String,
    title: String,
    segment: String,
    description: String,
    status: String,
    own: bool,
}

#[derive(Template)]
#[template(path = "demand/enterprise_lists.html")]
struct ListsPage {
    l: Layout,
    list: &'static str,
    tabs: Vec<(String, String, bool)>,
    segments: Vec<Choice>,
    rows: Vec<ItemLine>,
    can_add: bool,
    query: String,
}

#[derive(Template)]
#[template(path = "demand/enterprise_item_form.html")]
struct ItemForm {
    l: Layout,
    action: String,
    editing: bool,
    input: ItemInput,
    lists: Vec<Choice>,
    segments: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: FormErrors,
}

fn list_label(lang: Lang, list: ItemList) -> String {
    i18n::choice(lang, "item_list", list.as_str())
}

fn segment_name(lang: Lang, code: Option<&str>, all: &[Segment]) -> String {
    code.and_then(|c| all.iter().find(|s| s.code == c))
        .map(|s| crate::i18n::named(lang, &s.name_zh, &s.name_en).to_string())
        .unwrap_or_default()
}

fn segment_choices(lang: Lang, all: &[Segment], current: &str, any: &str) -> Vec<Choice> {
    std::iter::once(Choice::new("", any, current))
        .chain(all.iter().map(|s| {
            Choice::new(
                s.code.clone(),
                segment_name(lang, Some(&s.code), all),
                current,
            )
        }))
        .collect()
}

async fn lines(
    state: &AppState,
    ctx: &Ctx,
    params: &ListParams,
) -> Result<(ItemList, Vec<ItemLine>, Vec<Segment>), PageError> {
    let lang = ctx.lang;
    let list = params.list()?;
    let segments = members::segments(&state.app).await?;
    if let Some(code) = params.segment()
        && !segments.iter().any(|s| s.code == code)
    {
        return Err(PageError::from(Error::field(
            "segment",
            gongjiang_domain::Problem::InvalidChoice,
        )));
    }
    let own_org = ctx
        .actor
        .user()
        .ok()
        .map(|u| u.org_id)
        .filter(|org| ctx.actor.may(Permission::ManageDemand(*org)));
    let items = demand::listed_items(&state.app, list, params.segment()).await?;
    let rows = items
        .into_iter()
        .map(|(item, org_name)| ItemLine {
            id: item.id.to_string(),
            org_id: item.org_id.to_string(),
            org_name,
            segment: segment_name(lang, item.segment_code.as_deref(), &segments),
            status: i18n::choice(lang, "item_status", item.status.as_str()),
            own: own_org == Some(item.org_id),
            title: item.title,
            description: item.description,
        })
        .collect();
    Ok((list, rows, segments))
}

/// `GET /enterprise-lists`: one list of every enterprise, optionally of one segment.
pub async fn lists(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<ListParams>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let (list, rows, segments) = lines(&state, &ctx, &params).await?;
    let can_add = ctx
        .actor
        .user()
        .is_ok_and(|u| ctx.actor.may(Permission::ManageDemand(u.org_id)));
    let view = ListsPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        list: list.as_str(),
        tabs: ItemList::ALL
            .iter()
            .map(|l| {
                (
                    format!("/enterprise-lists?{}", params.query(*l)),
                    list_label(lang, *l),
                    *l == list,
                )
            })
            .collect(),
        segments: segment_choices(
            lang,
            &segments,
            &params.segment,
            i18n::tr(lang, "lists.any_segment"),
        ),
        rows,
        can_add,
        query: params.query(list),
    };
    render(lang, &view)
}

async fn export(
    state: &AppState,
    ctx: &Ctx,
    params: &ListParams,
    xlsx: bool,
) -> Result<Response, PageError> {
    let (list, rows, _) = lines(state, ctx, params).await?;
    let rows = rows
        .into_iter()
        .map(|r| vec![r.org_name, r.title, r.segment, r.description, r.status])
        .collect();
    let stem = match list {
        ItemList::Products => "核心产品清单",
        ItemList::TechnicalNeeds => "技术需求清单",
    };
    table_download(ctx.lang, &demand::ENTERPRISE_ITEM_SHEET, stem, rows, xlsx)
}

/// `GET /enterprise-lists.csv` and `.xlsx`: the same as CSV.
pub async fn lists_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<ListParams>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    export(&state, &ctx, &params, format.is_xlsx()).await
}

// ---- the enterprise's own items --------------------------------------------

/// How the item form names its fields in error messages.
pub(crate) const ITEM_LABELS: &[(&str, &str)] = &[
    ("list", "lists.list"),
    ("title", "lists.item_title"),
    ("segment_code", "field.segment_code"),
    ("description", "lists.description"),
    ("status", "lists.status"),
];

async fn item_form(
    state: &AppState,
    ctx: &Ctx,
    id: Option<ItemId>,
    input: ItemInput,
    errors: FormErrors,
) -> Result<ItemForm, PageError> {
    let lang = ctx.lang;
    let segments = members::segments(&state.app).await?;
    let list = if input.list.is_empty() {
        ItemList::Products.as_str()
    } else {
        input.list.as_str()
    };
    let status = if input.status.is_empty() {
        ItemStatus::Open.as_str()
    } else {
        input.status.as_str()
    };
    Ok(ItemForm {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        action: match id {
            Some(id) => format!("/enterprise-lists/{id}/edit"),
            None => "/enterprise-lists/new".into(),
        },
        editing: id.is_some(),
        lists: ItemList::ALL
            .iter()
            .map(|l| Choice::new(l.as_str(), list_label(lang, *l), list))
            .collect(),
        segments: segment_choices(lang, &segments, &input.segment_code, ""),
        statuses: ItemStatus::ALL
            .iter()
            .map(|s| {
                Choice::new(
                    s.as_str(),
                    i18n::choice(lang, "item_status", s.as_str()),
                    status,
                )
            })
            .collect(),
        input,
        errors,
    })
}

fn item_input(pairs: &[(String, String)]) -> ItemInput {
    ItemInput {
        list: field(pairs, "list"),
        title: field(pairs, "title"),
        segment_code: field(pairs, "segment_code"),
        description: field(pairs, "description"),
        status: field(pairs, "status"),
    }
}

/// `GET /enterprise-lists/new`: the form to add to the enterprise's lists.
pub async fn new_item(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageDemand(me.org_id))?;
    let form = item_form(
        &state,
        &ctx,
        None,
        ItemInput::default(),
        FormErrors::default(),
    )
    .await?;
    render(lang, &form)
}

/// `GET /enterprise-lists/{id}/edit`: the form to change one of the enterprise's items.
pub async fn edit_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<ItemId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let item: EnterpriseItem = demand::own_item(&state.app, &ctx.actor, id).await?;
    let input = ItemInput {
        list: item.list.as_str().into(),
        title: item.title,
        segment_code: item.segment_code.unwrap_or_default(),
        description: item.description,
        status: item.status.as_str().into(),
    };
    let form = item_form(&state, &ctx, Some(id), input, FormErrors::default()).await?;
    render(lang, &form)
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<ItemId>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = item_input(pairs);
    match demand::save_item(&state.app, &ctx.actor, id, &input).await {
        Ok(item) => Ok(
            Redirect::to(&format!("/enterprise-lists?list={}", item.list.as_str())).into_response(),
        ),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, ITEM_LABELS);
            let form = item_form(state, ctx, id, input, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &form)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /enterprise-lists/new`: adds an item; a bad field shows the form again with the field named.
pub async fn create_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, None, &pairs).await
}

/// `POST /enterprise-lists/{id}/edit`: changes an item of the actor's own enterprise.
pub async fn update_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<ItemId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    save(&state, &ctx, Some(id), &pairs).await
}

//! Training pages: internships (list, form, one internship with its rule
//! check, documents, log and visits), a major's work-study structure, and a
//! trainee's training record (learning tasks and internships). One file per
//! page group; the helpers they share are here.

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

/// How the internship form (page and API) names its fields in error messages.
pub(crate) const INTERNSHIP_LABELS: &[(&str, &str)] = &[("kind", "internships.kind")];

/// How the work-study structure forms (page and API) name their fields.
pub(crate) const STRUCTURE_LABELS: &[(&str, &str)] = &[("name", "training.name")];

mod form;
mod internship;
mod list;
mod paperwork;
mod record;
mod structure;

pub use form::*;
pub use internship::*;
pub use list::*;
pub use paperwork::*;
pub use record::*;
pub use structure::*;

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

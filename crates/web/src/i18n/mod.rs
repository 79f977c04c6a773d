//! Words of the interface in Simplified Chinese (first) and English, and the
//! sentences that explain each validation problem. The words live in Fluent
//! files, `crates/web/locales/{zh-CN,en}/<area>.ftl`, embedded in the binary
//! and parsed once (see `catalogue`); this module only looks them up.
//!
//! # Keys and Fluent ids
//!
//! Code names a word by a dotted key (`nav.home`, `field.weights.level`,
//! `problem.rule.one_chair`). Fluent ids cannot contain `.`, so the Fluent id
//! is the key with every `.` written as `-` (`nav-home`, `field-weights-level`,
//! `problem-rule-one_chair`); `_` stays `_`. A key never contains `-`, so the
//! mapping works both ways.
//!
//! # Variables
//!
//! A message may hold Fluent variables (`{ $minutes }`). [`tr_args`] fills
//! them. [`tr`] returns such a message with each variable written `{minutes}`,
//! so that older callers that `.replace("{minutes}", …)` keep working.
//!
//! # Conventions
//!
//! Field labels are `field.<field>` ([`field_label`]), problem sentences
//! `problem.<code>` and `problem.rule.<key>` ([`labelled`]), a stored choice
//! `<group>.<value>` ([`choice`]); organisation kinds, tiers, membership
//! statuses and roles are the choices `org_kind`, `tier`, `membership_status`
//! and `role`, by their stored code.

mod catalogue;
#[cfg(test)]
mod tests;

use gongjiang_domain::Problem;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::members::{MembershipStatus, OrgKind, Tier};

pub use catalogue::load_problems;

/// The language of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];
    /// `zh-CN` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// From the `lang` cookie's value; Chinese unless it says `en`.
    pub fn from_cookie(value: Option<&str>) -> Lang {
        match value {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
    /// The other language's cookie value (for the switch link).
    pub fn other(self) -> &'static str {
        match self {
            Lang::Zh => "en",
            Lang::En => "zh",
        }
    }
}

/// Escapes text for HTML outside templates (templates escape by themselves).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The Fluent id of a dotted key: `nav.home` → `nav-home`.
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The word for `key` in `lang` (`?` when missing, which a test forbids).
/// A variable shows as `{name}`; use [`tr_args`] to fill it.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    match catalogue::word(lang, key) {
        Some(word) => word,
        None => {
            tracing::warn!(key, "missing interface word");
            "?"
        }
    }
}

/// The message for `key` in `lang` with its Fluent variables filled from
/// `args` (`("minutes", "5".into())` fills `{ $minutes }`).
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    match catalogue::format(lang, key, args) {
        Some(text) => text,
        None => {
            tracing::warn!(key, "missing interface word");
            "?".to_string()
        }
    }
}

/// Whether `key` exists (for tests).
pub fn has(key: &str) -> bool {
    catalogue::word(Lang::Zh, key).is_some()
}

/// Every key there is, sorted (for tests and tools).
pub fn keys() -> Vec<&'static str> {
    catalogue::keys()
}

/// The word for a stored choice (`group` `agreement_kind`, `value` `order_class`),
/// or the value itself when there is none.
pub fn choice(lang: Lang, group: &str, value: &str) -> String {
    match catalogue::word(lang, &format!("{group}.{value}")) {
        Some(word) => word.to_string(),
        None => value.to_string(),
    }
}

/// The label of a form or JSON field (`field.<field>`, else `field.this_field`).
pub fn field_label(lang: Lang, field: &str) -> &'static str {
    catalogue::word(lang, &format!("field.{field}")).unwrap_or_else(|| tr(lang, "field.this_field"))
}

/// The label of `field` as a form names it: its entry in `labels`
/// (field, key of its label), else the shared label.
pub fn form_label(lang: Lang, labels: &[(&str, &str)], field: &str) -> &'static str {
    match labels.iter().find(|(f, _)| *f == field) {
        Some((_, key)) => tr(lang, key),
        None => field_label(lang, field),
    }
}

/// A sentence naming the field and what is wrong with it.
pub fn problem_message(lang: Lang, field: &str, problem: &Problem) -> String {
    labelled(lang, field_label(lang, field), problem)
}

/// A sentence naming a column by `label` and what is wrong with it
/// (`problem.<code>` with `$label` and the problem's data).
pub fn labelled(lang: Lang, label: &str, problem: &Problem) -> String {
    let mut args = vec![("label", label.to_string())];
    let key = match problem {
        Problem::Required => "problem.required",
        Problem::TooLong { max } => {
            args.push(("max", max.to_string()));
            "problem.too_long"
        }
        Problem::TooShort { min } => {
            args.push(("min", min.to_string()));
            "problem.too_short"
        }
        Problem::WrongLength { expected } => {
            args.push(("expected", expected.to_string()));
            "problem.wrong_length"
        }
        Problem::InvalidFormat => "problem.invalid_format",
        Problem::InvalidCharacter { character } => {
            args.push(("character", character.to_string()));
            "problem.invalid_character"
        }
        Problem::CheckCharacterMismatch { expected } => {
            args.push(("expected", expected.to_string()));
            "problem.check_character_mismatch"
        }
        Problem::InvalidDate => "problem.invalid_date",
        Problem::DateInFuture => "problem.date_in_future",
        Problem::UnknownRegion => "problem.unknown_region",
        Problem::InvalidChoice => "problem.invalid_choice",
        Problem::OutOfRange { min, max } => {
            args.push(("min", min.to_string()));
            args.push(("max", max.to_string()));
            "problem.out_of_range"
        }
        Problem::AlreadyTaken => "problem.already_taken",
        Problem::PasswordsDiffer => "problem.passwords_differ",
        Problem::PasswordTooCommon => "problem.password_too_common",
        Problem::PasswordTooSimple => "problem.password_too_simple",
        Problem::DemoPasswordRefused => "problem.demo_password_refused",
        Problem::WrongPassword => "problem.wrong_password",
        Problem::EndBeforeStart => "problem.end_before_start",
        Problem::WrongState => "problem.wrong_state",
        Problem::InvisibleCharacter { code_point } => {
            args.push(("code_point", code_point.clone()));
            "problem.invisible_character"
        }
        Problem::Rule { key } => {
            let rule = format!("problem.rule.{key}");
            if has(&rule) {
                return tr_args(lang, &rule, &args);
            }
            // A rule nobody worded yet still says which rule it is.
            args.push(("key", (*key).to_string()));
            "problem.unworded_rule"
        }
        _ => "problem.other",
    };
    tr_args(lang, key, &args)
}

/// The name of an organisation kind (`org_kind.<code>`).
pub fn kind_label(lang: Lang, kind: OrgKind) -> &'static str {
    coded(lang, "org_kind", kind.as_str())
}

/// The name of a tier (`tier.<code>`).
pub fn tier_label(lang: Lang, tier: Tier) -> &'static str {
    coded(lang, "tier", tier.as_str())
}

/// The name of a membership status (`membership_status.<code>`).
pub fn status_label(lang: Lang, status: MembershipStatus) -> &'static str {
    coded(lang, "membership_status", status.as_str())
}

/// The name of a role (`role.<code>`).
pub fn role_label(lang: Lang, role: Role) -> &'static str {
    coded(lang, "role", role.as_str())
}

/// The word for an enum's stored `code` in `group` (`<group>.<code>`), for
/// label functions that hand out `&'static str`; like [`choice`], but a
/// missing word shows as `?` (every code of an enum has its word).
pub fn coded(lang: Lang, group: &str, code: &str) -> &'static str {
    tr(lang, &format!("{group}.{code}"))
}

/// A stored record's name in `lang`, from its Chinese and English columns
/// (catalogue entries, skill levels, segments): data, not an interface
/// word. The Chinese name stands in when the English one is empty.
pub fn named<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::En if !en.is_empty() => en,
        _ => zh,
    }
}

//! The embedded Fluent files, parsed once into one bundle per language, and the
//! variable-free text of every message resolved once into a static map.
//!
//! A new area adds one line to [`AREAS`]; a new language adds a [`Lang`]
//! variant and a column there. What is wrong with the files (a parse error, an
//! id or attribute present in one language only, a message that does not
//! resolve) is listed by [`load_problems`], which the tests require empty.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

use super::Lang;

/// One area's file in every language, in the order of [`Lang::ALL`].
pub(super) struct Area {
    /// The file name without `.ftl`, the same in every language.
    pub name: &'static str,
    /// The file's text per language.
    pub texts: [&'static str; 2],
}

macro_rules! area {
    ($name:literal) => {
        Area {
            name: $name,
            texts: [
                include_str!(concat!("../../locales/zh-CN/", $name, ".ftl")),
                include_str!(concat!("../../locales/en/", $name, ".ftl")),
            ],
        }
    };
}

/// Every area's words, one line per area.
pub(super) const AREAS: &[Area] = &[
    area!("common"),
    area!("fields"),
    area!("problems"),
    area!("home"),
    area!("members"),
    area!("accounts"),
    area!("demand"),
    area!("supply"),
    area!("cooperation"),
    area!("catalogues"),
    area!("imports"),
    area!("rounds"),
    area!("training"),
    area!("evaluation"),
    area!("certificates"),
    area!("employment"),
    area!("audit"),
    area!("notifications"),
    area!("privacy"),
];

/// One language's words.
pub(super) struct Words {
    bundle: FluentBundle<FluentResource>,
    /// Dotted key → the message's text, variables shown as `{name}`.
    plain: HashMap<String, &'static str>,
}

/// Every language's words and what was wrong when loading them.
pub(super) struct Catalogue {
    langs: Vec<Words>,
    pub(super) problems: Vec<String>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let catalogue = load(AREAS);
    for problem in &catalogue.problems {
        tracing::error!(problem, "interface words");
    }
    catalogue
});

/// What is wrong with the embedded files; empty when all is well.
pub fn load_problems() -> Vec<String> {
    CATALOGUE.problems.clone()
}

/// The text of `key` in `lang`, if there is such a message.
pub(super) fn word(lang: Lang, key: &str) -> Option<&'static str> {
    CATALOGUE.words(lang).plain.get(key).copied()
}

/// Every key, sorted.
pub(super) fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = CATALOGUE.langs[0]
        .plain
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The message `key` in `lang` with its variables filled from `args`.
pub(super) fn format(lang: Lang, key: &str, args: &[(&str, String)]) -> Option<String> {
    let words = CATALOGUE.words(lang);
    let message = words.bundle.get_message(&super::fluent_id(key))?;
    let pattern = message.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.as_str());
    }
    let mut errors = Vec::new();
    let text = words
        .bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned();
    for error in &errors {
        tracing::warn!(key, %error, "interface word with a missing variable");
    }
    Some(text)
}

impl Catalogue {
    fn words(&self, lang: Lang) -> &Words {
        let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.langs[index]
    }
}

/// Parses `areas` into a catalogue, listing every problem found on the way.
pub(super) fn load(areas: &[Area]) -> Catalogue {
    let mut problems = Vec::new();
    let mut langs = Vec::new();
    // Per area, per language: message id → its attribute names.
    let mut shapes: Vec<Vec<BTreeMap<String, BTreeSet<String>>>> = Vec::new();
    for (index, lang) in Lang::ALL.into_iter().enumerate() {
        let Ok(locale) = lang.code().parse() else {
            problems.push(format!("{}: not a language identifier", lang.code()));
            continue;
        };
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // Tests and the interface compare plain text: no U+2068/U+2069 marks.
        bundle.set_use_isolating(false);
        let mut lang_shapes = Vec::new();
        let mut messages = Vec::new();
        for area in areas {
            let file = format!("{}/{}.ftl", lang.code(), area.name);
            let text = area.texts[index];
            let resource = match FluentResource::try_new(text.to_string()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        let line = text[..error.pos.start.min(text.len())].lines().count();
                        problems.push(format!("{file}:{line}: {error}"));
                    }
                    resource
                }
            };
            lang_shapes.push(shape(&resource));
            messages.extend(variables(&resource));
            if let Err(errors) = bundle.add_resource(resource) {
                for error in errors {
                    problems.push(format!("{file}: {error}"));
                }
            }
        }
        shapes.push(lang_shapes);
        let plain = resolve_all(&bundle, lang, &messages, &mut problems);
        langs.push(Words { bundle, plain });
    }
    compare_shapes(areas, &shapes, &mut problems);
    Catalogue { langs, problems }
}

/// Message ids and their attribute names in one file.
fn shape(resource: &FluentResource) -> BTreeMap<String, BTreeSet<String>> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some((
                m.id.name.to_string(),
                m.attributes.iter().map(|a| a.id.name.to_string()).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// Lists the ids and attributes that one language has and another lacks, file by file.
fn compare_shapes(
    areas: &[Area],
    shapes: &[Vec<BTreeMap<String, BTreeSet<String>>>],
    problems: &mut Vec<String>,
) {
    let Some(first) = shapes.first() else { return };
    for (index, other) in shapes.iter().enumerate().skip(1) {
        let (a, b) = (Lang::ALL[0].code(), Lang::ALL[index].code());
        for ((area, left), right) in areas.iter().zip(first).zip(other) {
            for (have, lack, ids_have, ids_lack) in [(a, b, left, right), (b, a, right, left)] {
                let missing: Vec<&str> = ids_have
                    .keys()
                    .filter(|id| !ids_lack.contains_key(*id))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    problems.push(format!(
                        "{lack}/{}.ftl lacks what {have}/{}.ftl has: {}",
                        area.name,
                        area.name,
                        missing.join(", ")
                    ));
                }
                for (id, attributes) in ids_have {
                    let Some(other_attributes) = ids_lack.get(id) else {
                        continue;
                    };
                    let missing: Vec<&str> = attributes
                        .difference(other_attributes)
                        .map(String::as_str)
                        .collect();
                    if !missing.is_empty() {
                        problems.push(format!(
                            "{lack}/{}.ftl: {id} lacks the attributes {}",
                            area.name,
                            missing.join(", ")
                        ));
                    }
                }
            }
        }
    }
}

/// Resolves every message once: dotted key → text, each variable written `{name}`.
fn resolve_all(
    bundle: &FluentBundle<FluentResource>,
    lang: Lang,
    messages: &[(String, BTreeSet<String>)],
    problems: &mut Vec<String>,
) -> HashMap<String, &'static str> {
    let mut plain = HashMap::new();
    for (id, variables) in messages {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            problems.push(format!("{}: {id} has no value", lang.code()));
            continue;
        };
        let mut args = FluentArgs::new();
        for variable in variables {
            args.set(variable.as_str(), format!("{{{variable}}}"));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        for error in errors {
            problems.push(format!("{}: {id}: {error}", lang.code()));
        }
        let text: &'static str = Box::leak(text.into_owned().into_boxed_str());
        plain.insert(id.replace('-', "."), text);
    }
    plain
}

/// Every message id of a file with the variables its value names.
fn variables(resource: &FluentResource) -> Vec<(String, BTreeSet<String>)> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => {
                let mut names = BTreeSet::new();
                if let Some(pattern) = &m.value {
                    pattern_variables(pattern, &mut names);
                }
                Some((m.id.name.to_string(), names))
            }
            _ => None,
        })
        .collect()
}

fn pattern_variables(pattern: &ast::Pattern<&str>, names: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, names: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, names),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                pattern_variables(&variant.value, names);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, names: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            names.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, names),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, names);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, names);
            }
        }
        _ => {}
    }
}

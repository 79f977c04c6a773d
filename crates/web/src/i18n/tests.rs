//! The Fluent files parse, agree across languages, hold every key the code and
//! templates name, and word things as before.

use std::path::{Path, PathBuf};

use super::catalogue::{AREAS, Area, load};
use super::*;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_file_parses_and_both_languages_have_the_same_ids() {
    let problems = load_problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(keys().len() > 1000, "{} keys", keys().len());
}

#[test]
fn a_parse_error_and_a_message_missing_in_one_language_are_reported() {
    let areas = [
        Area {
            name: "broken",
            texts: ["a-b = 甲\nc-d = { $x\n", "a-b = A\n"],
        },
        Area {
            name: "uneven",
            texts: [
                "only-zh = 中\nboth = 二\n    .title = 标题\n",
                "both = Two\nonly-en = En\n",
            ],
        },
    ];
    let problems = load(&areas).problems.join("\n");
    assert!(problems.contains("zh-CN/broken.ftl:2:"), "{problems}");
    assert!(
        problems.contains("en/uneven.ftl lacks what zh-CN/uneven.ftl has: only-zh"),
        "{problems}"
    );
    assert!(
        problems.contains("zh-CN/uneven.ftl lacks what en/uneven.ftl has: only-en"),
        "{problems}"
    );
    assert!(
        problems.contains("en/uneven.ftl: both lacks the attributes title"),
        "{problems}"
    );
}

#[test]
fn every_file_on_disk_is_embedded_with_the_same_names_in_both_languages() {
    let embedded: Vec<String> = {
        let mut names: Vec<String> = AREAS.iter().map(|a| format!("{}.ftl", a.name)).collect();
        names.sort();
        names
    };
    for lang in Lang::ALL {
        let dir = crate_dir().join("locales").join(lang.code());
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, embedded, "{}", dir.display());
    }
}

/// The first string literal among a call's own arguments (not a nested call's).
fn first_argument_literal(text: &str) -> Option<String> {
    let mut depth = 0;
    let mut chars = text.char_indices();
    while let Some((_, c)) = chars.next() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            ';' => return None,
            '"' => {
                let mut literal = String::new();
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {
                            escaped = false;
                            literal.push(c);
                        }
                    }
                }
                if depth == 0 {
                    return Some(literal);
                }
            }
            _ => {}
        }
    }
    None
}

/// The literal first arguments of every call to `name(` in `text`, skipping
/// names that are the tail of a longer identifier and keys built with `format!`.
fn literals_after(text: &str, name: &str) -> Vec<String> {
    let call = format!("{name}(");
    let mut found = Vec::new();
    for (at, _) in text.match_indices(&call) {
        let before = text[..at].chars().next_back();
        let joined = before.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if joined && !name.starts_with('.') {
            continue;
        }
        if let Some(literal) = first_argument_literal(&text[at + call.len()..])
            && !literal.contains('{')
        {
            found.push(literal);
        }
    }
    found
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn every_key_named_in_code_and_templates_exists() {
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut sources = Vec::new();
    files_under(&crate_dir().join("src"), "rs", &mut sources);
    let mut templates = Vec::new();
    files_under(&crate_dir().join("templates"), "html", &mut templates);
    for path in sources.iter().chain(&templates) {
        if path.starts_with(crate_dir().join("src/i18n")) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let shown = path.strip_prefix(crate_dir()).unwrap_or(path).display();
        // In Rust `t` is often a local (a trainee, a task); only the layout's method counts.
        let names: &[&str] = if path.extension().is_some_and(|e| e == "rs") {
            &["tr", "tr_args", "i18n::has", ".t"]
        } else {
            &["t"]
        };
        for name in names {
            for key in literals_after(&text, name) {
                seen += 1;
                if !has(&key) {
                    missing.push(format!("{shown}: {name}(\"{key}\")"));
                }
            }
        }
        let groups = literals_after(&text, "choice")
            .into_iter()
            .chain(literals_after(&text, "coded"));
        for group in groups {
            seen += 1;
            let prefix = format!("{group}.");
            if !keys().iter().any(|k| k.starts_with(&prefix)) {
                missing.push(format!("{shown}: choice group \"{group}\""));
            }
        }
    }
    assert!(missing.is_empty(), "missing words:\n{}", missing.join("\n"));
    assert!(seen > 500, "the scanner found only {seen} keys");
}

/// The label tables forms hand to `FormErrors::labelled`: `(field, "key")`.
fn label_table_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for (at, _) in text.match_indices("LABELS: &[(&str, &str)] = &[") {
        let rest = &text[at..];
        let table = &rest[..rest.find("];").unwrap_or(rest.len())];
        for pair in table.split('(').skip(2) {
            if let Some(key) = pair.split('"').nth(3) {
                keys.push(key.to_string());
            }
        }
    }
    keys
}

#[test]
fn every_key_in_a_form_label_table_exists() {
    let mut sources = Vec::new();
    files_under(&crate_dir().join("src"), "rs", &mut sources);
    let mut seen = 0;
    let mut missing = Vec::new();
    for path in &sources {
        if path.starts_with(crate_dir().join("src/i18n")) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for key in label_table_keys(&text) {
            seen += 1;
            if !has(&key) {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing label words:\n{}",
        missing.join("\n")
    );
    assert!(seen > 30, "the scanner found only {seen} label keys");
    assert_eq!(
        label_table_keys(r#"const LABELS: &[(&str, &str)] = &[("a", "x.y"), ("b", "z.w")];"#),
        ["x.y", "z.w"]
    );
}

#[test]
fn the_scanner_reads_the_call_shapes_in_use() {
    let code = r#"tr(lang, "nav.home"); l.t("a.b"); tr(lang, &format!("int.{}", c));
        tr_args(lang, "x.y", &[("n", n)]); i18n::choice(lang, "tier", v); str("no.t")"#;
    assert_eq!(literals_after(code, "tr"), ["nav.home"]);
    assert_eq!(literals_after(code, "t"), ["a.b"]);
    assert_eq!(literals_after(code, ".t"), ["a.b"]);
    assert_eq!(literals_after(code, "tr_args"), ["x.y"]);
    assert_eq!(literals_after(code, "choice"), ["tier"]);
}

#[test]
fn no_key_contains_a_dash_so_the_mapping_to_fluent_ids_is_one_to_one() {
    for key in keys() {
        assert!(!key.contains('-'), "{key}");
    }
    assert_eq!(fluent_id("field.weights.level"), "field-weights-level");
}

#[test]
fn the_i18n_module_holds_no_interface_words() {
    for file in ["mod.rs", "catalogue.rs"] {
        let text = std::fs::read_to_string(crate_dir().join("src/i18n").join(file)).unwrap();
        let cjk: String = text
            .chars()
            .filter(|c| {
                ('\u{3000}'..='\u{9fff}').contains(c) || ('\u{ff00}'..='\u{ffef}').contains(c)
            })
            .collect();
        assert!(cjk.is_empty(), "{file}: {cjk}");
    }
}

#[test]
fn words_read_as_before() {
    assert_eq!(tr(Lang::Zh, "nav.home"), "首页");
    assert_eq!(tr(Lang::En, "nav.home"), "Home");
    assert_eq!(tr(Lang::En, "no.such.key"), "?");
    assert!(has("nav.home") && !has("nav-home"));
    assert_eq!(choice(Lang::Zh, "tier", "chair"), "理事长单位");
    assert_eq!(choice(Lang::En, "tier", "nobody"), "nobody");
    assert_eq!(kind_label(Lang::En, OrgKind::Enterprise), "Enterprise");
    assert_eq!(role_label(Lang::Zh, Role::Trainee), "学员");
    assert_eq!(field_label(Lang::En, "weights.level"), "Skill-level weight");
    assert_eq!(field_label(Lang::Zh, "no_such_field"), "该字段");
    assert_eq!(field_label(Lang::En, "no_such_field"), "This field");
    // Blanks at either end survive Fluent's trimming.
    assert_eq!(tr(Lang::En, "imports.total_problems"), "Problems in all: ");
    assert_eq!(tr(Lang::En, "imports.updated"), " created, ");
}

#[test]
fn problem_sentences_with_numbers_read_as_before() {
    let long = Problem::TooLong { max: 200 };
    assert_eq!(
        problem_message(Lang::Zh, "name", &long),
        "单位名称不能超过 200 个字符"
    );
    assert_eq!(
        problem_message(Lang::En, "name", &long),
        "Name must be at most 200 characters"
    );
    let range = Problem::OutOfRange { min: -5, max: 10 };
    assert_eq!(labelled(Lang::Zh, "人数", &range), "人数应在 -5 到 10 之间");
    assert_eq!(
        labelled(Lang::En, "Headcount", &range),
        "Headcount must be between -5 and 10"
    );
    let check = Problem::CheckCharacterMismatch { expected: '3' };
    assert_eq!(
        problem_message(Lang::Zh, "credit_code", &check),
        "统一社会信用代码校验位不正确（按前 17 位计算应为 3），请核对"
    );
    let rule = Problem::Rule { key: "one_chair" };
    assert_eq!(
        labelled(Lang::En, "Tier", &rule),
        "Tier an alliance has exactly one chair unit"
    );
    let unworded = Problem::Rule {
        key: "not_worded_yet",
    };
    assert_eq!(labelled(Lang::Zh, "级别", &unworded), "级别not_worded_yet");
    assert_eq!(labelled(Lang::En, "Tier", &unworded), "Tier not_worded_yet");
}

#[test]
fn variables_are_filled_by_tr_args_and_shown_as_braces_by_tr() {
    let args = [("n", "12".to_string())];
    assert_eq!(tr_args(Lang::Zh, "roster.total", &args), "共 12 家单位");
    assert_eq!(tr_args(Lang::En, "roster.total", &args), "12 units");
    assert_eq!(tr(Lang::En, "roster.total"), "{n} units");
    let page = [("p", "2".to_string()), ("n", "7".to_string())];
    assert_eq!(tr_args(Lang::En, "roster.page", &page), "Page 2 of 7");
    assert_eq!(
        tr(Lang::Zh, "error.too_many_attempts").replace("{minutes}", "5"),
        "登录失败次数过多，请 5 分钟后再试。"
    );
}

#[test]
fn no_output_carries_unicode_isolation_marks() {
    let marks = ['\u{2068}', '\u{2069}'];
    for lang in Lang::ALL {
        for key in keys() {
            assert!(!tr(lang, key).contains(marks), "{key}");
            let filled = tr_args(lang, key, &[("n", "3".into()), ("label", "X".into())]);
            assert!(!filled.contains(marks), "{key}");
        }
    }
}

#[test]
fn escaping_neutralises_markup() {
    assert_eq!(
        escape("<b>\"x\" & 'y'</b>"),
        "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
    );
}

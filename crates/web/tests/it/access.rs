//! Accessibility over every page the demo's personas (and a visitor) reach:
//! every form control has a label (wrapped in a `<label>`, named by a
//! `<label for>` or by `aria-label`), every data table has header cells, and
//! every page has a skip link to its `main`.

use crate::words::walk;
use gongjiang_testkit::{Persona, TestApp};
use std::collections::BTreeSet;

/// One tag of the page: its name (lower case, `/label` for a closing tag)
/// and its attribute text.
fn tags(html: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        let name: String = inner
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' || out.is_empty() && *c == '/')
            .collect();
        let (name, attrs) = match inner.strip_prefix('/') {
            Some(closing) => (format!("/{}", closing.trim().to_lowercase()), ""),
            None => (name.to_lowercase(), &inner[name.len().min(inner.len())..]),
        };
        out.push((name, attrs));
        rest = &rest[end.min(rest.len())..];
    }
    out
}

/// The value of attribute `name` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = attrs.find(&key)? + key.len();
    attrs[from..].split('"').next()
}

/// The controls of `html` no label names, each shown by its tag.
fn unlabelled(html: &str) -> Vec<String> {
    let all = tags(html);
    let targets: BTreeSet<&str> = all
        .iter()
        .filter(|(n, _)| n == "label")
        .filter_map(|(_, a)| attr(a, "for"))
        .collect();
    let mut inside_label = 0_i32;
    let mut missing = Vec::new();
    for (name, attrs) in &all {
        match name.as_str() {
            "label" => inside_label += 1,
            "/label" => inside_label -= 1,
            "input" | "select" | "textarea" => {
                let kind = attr(attrs, "type").unwrap_or("text");
                if name == "input"
                    && matches!(kind, "hidden" | "submit" | "button" | "reset" | "image")
                {
                    continue;
                }
                let named = inside_label > 0
                    || attr(attrs, "aria-label").is_some_and(|v| !v.trim().is_empty())
                    || attr(attrs, "id").is_some_and(|id| targets.contains(id));
                if !named {
                    missing.push(format!(
                        "<{name}{}>",
                        attrs.chars().take(120).collect::<String>()
                    ));
                }
            }
            _ => {}
        }
    }
    missing
}

/// Tables of `html` without a header cell.
fn headless_tables(html: &str) -> usize {
    html.split("<table")
        .skip(1)
        .filter(|t| {
            let table = t.split("</table>").next().unwrap_or(t);
            !table.contains("<th")
        })
        .count()
}

#[test]
fn the_label_check_finds_a_bare_input_and_accepts_each_way_of_naming_one() {
    let page = r#"<form><label>姓名<input name="a"></label><label for="b">学号</label><input id="b" name="b">
        <input name="c" aria-label="搜索"><input type="hidden" name="csrf"><select name="d"></select></form>"#;
    assert_eq!(unlabelled(page), vec!["<select name=\"d\">".to_string()]);
    assert_eq!(
        headless_tables(
            "<table><tr><td>1</td></tr></table><table><thead><tr><th>x</th></tr></thead></table>"
        ),
        1
    );
}

#[tokio::test]
async fn every_control_on_every_page_has_a_label_every_table_headers_and_every_page_a_skip_link() {
    let app = TestApp::spawn_with(gongjiang_testkit::Options {
        load_demo: false,
        ..Default::default()
    })
    .await;
    gongjiang_app::demo_scale::load(
        &app.app,
        gongjiang_app::demo_scale::Scale::Alliance,
        20_231_201,
    )
    .await
    .unwrap();
    let mut problems = Vec::new();
    let mut pages = 0;
    let mut controls = 0;
    let mut clients = vec![("visitor".to_string(), app.client())];
    for persona in Persona::ALL {
        clients.push((format!("{persona:?}"), app.client_as(persona).await));
    }
    for (who, client) in &clients {
        for (path, html) in walk(client, who).await.pages {
            pages += 1;
            controls += html.matches("<input").count() + html.matches("<select").count();
            for control in unlabelled(&html) {
                problems.push(format!("{who} {path}: no label for {control}"));
            }
            if headless_tables(&html) > 0 {
                problems.push(format!("{who} {path}: a table without header cells"));
            }
            // A print page (an A4 sheet) has no navigation to skip.
            let print = path.ends_with("/print");
            if !print && (!html.contains("href=\"#main\"") || !html.contains("<main id=\"main\"")) {
                problems.push(format!("{who} {path}: no skip link to the main content"));
            }
        }
    }
    assert!(
        pages > 60 && controls > 200,
        "only {pages} pages, {controls} controls read"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

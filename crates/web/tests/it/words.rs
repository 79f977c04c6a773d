//! No stored code leaks into the Chinese interface: on the demo alliance, each
//! persona opens every page it reaches from the navigation and the home page
//! (and the first detail pages linked from them) and each list's CSV export;
//! the text a reader sees holds no stored code where a word belongs (a skill
//! level `level4`, a segment `pcb`, a gender, a role, a status, an audit
//! action); on every page of the audit log, the change column shows no raw
//! UUID and no field by its stored key (`filing`, `kid`, `on`), and no actor
//! by a bare role code (`system`).

use gongjiang_domain::accounts::Role;
use gongjiang_domain::cooperation::{AgreementKind, AgreementStatus};
use gongjiang_domain::demand::{DemandKind, DemandStatus, ItemList, ItemStatus};
use gongjiang_domain::members::{MembershipStatus, OrgKind, Tier};
use gongjiang_domain::rounds::{RoundKind, RoundStatus};
use gongjiang_domain::supply::{DualQualified, MajorLevel, TraineeStatus};
use gongjiang_domain::training::{InternshipKind, InternshipStatus, LogStatus};
use gongjiang_testkit::reqwest::StatusCode;
use gongjiang_testkit::{Persona, TestApp, TestClient};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The pages every persona starts from: the navigation's and the home page's.
const SEEDS: &[&str] = &[
    "/",
    "/members",
    "/demands",
    "/enterprise-lists",
    "/talent-gap",
    "/school",
    "/school/teachers",
    "/faculty",
    "/rounds",
    "/agreements",
    "/internships",
    "/employment",
    "/funnel",
    "/evaluation",
    "/admin/applications",
    "/admin/audit",
    "/me/record",
    "/catalogues",
    "/imports",
    "/account",
];

/// The list exports, besides any `.csv` link found on a page.
const CSVS: &[&str] = &[
    "/members.csv",
    "/demands.csv",
    "/enterprise-lists.csv",
    "/talent-gap.csv",
    "/faculty.csv",
    "/agreements.csv",
    "/school/majors.csv",
    "/school/cohorts.csv",
    "/school/teachers.csv",
    "/school/trainees.csv",
];

/// Detail pages followed from the pages above: a path prefix and how many
/// `/`-separated parts follow it; at most two of each per persona.
const DETAILS: &[(&str, usize)] = &[
    ("/members/", 1),
    ("/demands/", 1),
    ("/rounds/", 1),
    ("/rounds/", 2),
    ("/rounds/", 3),
    ("/internships/", 1),
    ("/evaluation/sessions/", 1),
    ("/agreements/", 1),
    ("/training/trainees/", 1),
    ("/training/majors/", 1),
    ("/admin/memberships/", 1),
    ("/certificates/", 2),
    ("/org/", 2),
];

fn codes_of<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| as_str(*v).to_string()).collect()
}

/// The stored codes that must never be shown as they are.
async fn stored_codes(app: &TestApp, secretariat: &TestClient) -> BTreeSet<String> {
    let mut codes: Vec<String> = Vec::new();
    codes.extend(codes_of(DemandKind::ALL, DemandKind::as_str));
    codes.extend(codes_of(DemandStatus::ALL, DemandStatus::as_str));
    codes.extend(codes_of(ItemList::ALL, ItemList::as_str));
    codes.extend(codes_of(ItemStatus::ALL, ItemStatus::as_str));
    codes.extend(codes_of(Role::ALL, Role::as_str));
    codes.extend(codes_of(TraineeStatus::ALL, TraineeStatus::as_str));
    codes.extend(codes_of(MajorLevel::ALL, MajorLevel::as_str));
    codes.extend(codes_of(DualQualified::ALL, DualQualified::as_str));
    codes.extend(codes_of(InternshipStatus::ALL, InternshipStatus::as_str));
    codes.extend(codes_of(InternshipKind::ALL, InternshipKind::as_str));
    codes.extend(codes_of(LogStatus::ALL, LogStatus::as_str));
    codes.extend(codes_of(MembershipStatus::ALL, MembershipStatus::as_str));
    codes.extend(codes_of(OrgKind::ALL, OrgKind::as_str));
    codes.extend(codes_of(Tier::ALL, Tier::as_str));
    codes.extend(codes_of(AgreementKind::ALL, AgreementKind::as_str));
    codes.extend(codes_of(AgreementStatus::ALL, AgreementStatus::as_str));
    codes.extend(codes_of(RoundKind::ALL, RoundKind::as_str));
    codes.extend(codes_of(RoundStatus::ALL, RoundStatus::as_str));
    // Genders and certificate statuses are stored as text, with no enum;
    // so are the roles of those who act without an account.
    codes.extend(
        [
            "male",
            "female",
            "valid",
            "suspended",
            "revoked",
            "system",
            "anonymous",
        ]
        .map(String::from),
    );
    let catalogues = gongjiang_app::demand::catalogues(&app.app).await.unwrap();
    codes.extend(catalogues.levels.iter().map(|l| l.code.clone()));
    codes.extend(catalogues.segments.iter().map(|s| s.code.clone()));
    // Every audit action the demo wrote (membership.approve, certificate.revoke, …).
    let log = secretariat.get("/api/v1/audit?per_page=200").await.json();
    for entry in log["items"].as_array().unwrap() {
        codes.push(entry["action"].as_str().unwrap().to_string());
    }
    // A demo login that is also a role's code (`secretariat`, `trainee`) is
    // the person's login where it shows (the people page, the audit log's
    // actor), which cannot be told from a leaked role; the other roles count.
    let logins: Vec<&str> = Persona::ALL.iter().map(|p| p.login()).collect();
    codes
        .into_iter()
        .filter(|c| c.len() > 1 && !logins.contains(&c.as_str()))
        .collect()
}

/// Codes a page shows on purpose: the catalogue page lists each segment's
/// code in its own column (环节编码), as the identifier it manages.
async fn shown_on_purpose(app: &TestApp, path: &str) -> BTreeSet<String> {
    if !path.starts_with("/catalogues") {
        return BTreeSet::new();
    }
    let catalogues = gongjiang_app::demand::catalogues(&app.app).await.unwrap();
    catalogues.segments.iter().map(|s| s.code.clone()).collect()
}

/// Part of a word, for matching codes as whole words: a code inside an
/// e-mail address, a file name or a path does not count.
fn joins(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | '@')
}

/// The whole-word occurrences of `code` in `text`, each with some context.
fn occurrences(text: &str, code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(code) {
        let before = text[..at].chars().next_back();
        let after = text[at + code.len()..].chars().next();
        // A trailing full stop ends a sentence; it does not join.
        let after_joins = after.is_some_and(|c| joins(c) && c != '.')
            || (after == Some('.')
                && text[at + code.len() + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric()));
        if before.is_some_and(joins) || after_joins {
            continue;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .nth(20)
            .map_or(0, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .nth(code.chars().count() + 20)
            .map_or(text.len(), |(i, _)| at + i);
        found.push(text[start..end].replace('\n', " "));
    }
    found
}

/// Removes every `<name …>…</name>` element.
fn without_elements(html: &str, name: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let open = format!("<{name}");
    let close = format!("</{name}>");
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        match rest[at..].find(&close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader sees: no scripts or styles, no tags (so no attribute
/// values), entities decoded, URLs dropped.
fn visible_text(html: &str) -> String {
    let html = without_elements(&without_elements(html, "script"), "style");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    text.split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `href`s of a page that lead inside the site.
/// What one persona's walk read: every page that answered 200 (path, HTML)
/// and every CSV export linked from them or listed in [`CSVS`].
pub(crate) struct Walked {
    /// The pages, in the order read.
    pub pages: Vec<(String, String)>,
    /// The exports to read.
    pub csvs: BTreeSet<String>,
}

/// Walks the demo as `client`: the [`SEEDS`], and from them the first two
/// detail pages of each [`DETAILS`] pattern, two links deep. No page may
/// answer with a server error.
pub(crate) async fn walk(client: &TestClient, who: &str) -> Walked {
    let mut queue: VecDeque<(String, usize)> = SEEDS.iter().map(|s| (s.to_string(), 0)).collect();
    let mut seen: BTreeSet<String> = queue.iter().map(|(p, _)| p.clone()).collect();
    let mut per_pattern: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    let mut csvs: BTreeSet<String> = CSVS.iter().map(|s| s.to_string()).collect();
    let mut pages = Vec::new();
    while let Some((path, depth)) = queue.pop_front() {
        let page = client.get(&path).await;
        assert!(
            !page.status().is_server_error(),
            "{who} {path}: {}",
            page.status()
        );
        if page.status() != StatusCode::OK {
            continue;
        }
        let html = page.body().to_string();
        for link in links(&html) {
            let bare = link.split('#').next().unwrap_or(&link).to_string();
            if bare.split('?').next().is_some_and(|p| p.ends_with(".csv")) {
                csvs.insert(bare);
                continue;
            }
            if depth >= 2 || seen.contains(&bare) {
                continue;
            }
            if let Some(pattern) = detail(&bare) {
                let taken = per_pattern.entry(pattern).or_default();
                if *taken < 2 {
                    *taken += 1;
                    seen.insert(bare.clone());
                    queue.push_back((bare, depth + 1));
                }
            }
        }
        pages.push((path, html));
    }
    Walked { pages, csvs }
}

fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Which detail pattern a link is, if any.
fn detail(link: &str) -> Option<(&'static str, usize)> {
    let path = link.split(['?', '#']).next().unwrap_or(link);
    DETAILS.iter().copied().find(|(prefix, parts)| {
        path.strip_prefix(prefix).is_some_and(|rest| {
            let segments: Vec<&str> = rest.split('/').collect();
            segments.len() == *parts
                && !segments
                    .iter()
                    .any(|s| s.is_empty() || *s == "new" || *s == "edit")
                && !rest.contains('.')
        })
    })
}

fn is_uuid(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The audit table's change cells (the last cell of each body row).
fn audit_changes(html: &str) -> Vec<String> {
    let Some(body) = html.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let body = body.split("</tbody>").next().unwrap_or("");
    body.split("</tr>")
        .filter_map(|row| row.rsplit("<td>").next())
        .map(visible_text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// A stored key where a word belongs: lower-case ASCII joined by `_`.
fn is_key(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What an audit log page shows raw in its change column: a UUID, a field
/// named by its key (`kid: ∅ → …`), or a key among the values (the fields
/// of a score or a weighting, `home_city 10`).
fn raw_in_audit_changes(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for change in audit_changes(html) {
        for word in change.split(|c: char| !(c.is_ascii_hexdigit() || c == '-')) {
            if is_uuid(word) {
                found.push(format!("a raw UUID in the change column: {change}"));
            }
        }
        for part in change.split("; ") {
            let (label, values) = part.split_once(": ").unwrap_or((part, ""));
            if is_key(label) {
                found.push(format!("the field {label} by its key: {part}"));
            }
            for word in values.split(|c: char| c.is_whitespace() || "、,→()".contains(c)) {
                if is_key(word) && word.contains('_') {
                    found.push(format!("the key {word} among the values: {part}"));
                }
            }
        }
    }
    found
}

/// The stored codes shown as they are in `text`, each with some context.
fn codes_in(text: &str, codes: &BTreeSet<String>, allowed: &BTreeSet<String>) -> Vec<String> {
    codes
        .iter()
        .filter(|code| !allowed.contains(*code))
        .flat_map(|code| {
            occurrences(text, code)
                .into_iter()
                .map(move |at| format!("{code}: …{at}…"))
        })
        .collect()
}

#[test]
fn the_audit_check_names_a_field_shown_by_its_key_and_a_raw_uuid() {
    let page = "<table><tbody><tr><td>1</td><td>证书编号: ∅ → S0001; kid: ∅ → did:web:x</td></tr>\
                <tr><td>2</td><td>评分权重: ∅ → 技能等级 10、home_city 10</td></tr>\
                <tr><td>3</td><td>对象: ∅ → 01a236f6-7209-70cf-b136-1312122e2b45</td></tr>\
                <tr><td>4</td><td>日期: ∅ → 2027-03-16; 理由: ∅ → 信息有误 (xlsx)</td></tr></tbody></table>";

    let found = raw_in_audit_changes(page);

    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("the field kid by its key"),
        "{found:?}"
    );
    assert!(found[1].starts_with("the key home_city among the values"));
    assert!(found[2].starts_with("a raw UUID"));
}

#[tokio::test]
async fn no_page_or_export_shows_a_stored_code_where_a_word_belongs() {
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
    let secretariat = app.client_as(Persona::Secretariat).await;
    let codes = stored_codes(&app, &secretariat).await;
    assert!(
        codes.contains("level4") && codes.contains("in_progress"),
        "{codes:?}"
    );

    // persona → path → what leaked
    let mut leaks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pages_seen = 0;
    let mut csvs_seen = 0;
    for persona in Persona::ALL {
        let client = app.client_as(persona).await;
        let walked = walk(&client, &format!("{persona:?}")).await;
        let csvs = walked.csvs;
        for (path, html) in &walked.pages {
            pages_seen += 1;
            let text = visible_text(html);
            let allowed = shown_on_purpose(&app, path).await;
            let mut found = codes_in(&text, &codes, &allowed);
            if path.starts_with("/admin/audit") {
                found.extend(raw_in_audit_changes(html));
            }
            if !found.is_empty() {
                leaks.insert(format!("{persona:?} {path}"), found);
            }
        }
        for path in &csvs {
            let answer = client.get(path).await;
            assert!(
                !answer.status().is_server_error(),
                "{persona:?} {path}: {}",
                answer.status()
            );
            if answer.status() != StatusCode::OK {
                continue;
            }
            csvs_seen += 1;
            let text = answer.body().trim_start_matches('\u{feff}');
            let found: Vec<String> = codes
                .iter()
                .flat_map(|code| {
                    occurrences(text, code)
                        .into_iter()
                        .map(move |at| format!("{code}: …{at}…"))
                })
                .collect();
            if !found.is_empty() {
                leaks.insert(format!("{persona:?} {path}"), found);
            }
        }
    }
    // Every page of the audit log, not only the first: what the demo wrote
    // from founding the alliance to revoking a certificate.
    let mut entries_seen = 0;
    for page in 1.. {
        let path = format!("/admin/audit?per_page=200&page={page}");
        let html = secretariat.get(&path).await.body().to_string();
        let rows = audit_changes(&html).len();
        if rows == 0 {
            break;
        }
        entries_seen += rows;
        let mut found = codes_in(&visible_text(&html), &codes, &BTreeSet::new());
        found.extend(raw_in_audit_changes(&html));
        if !found.is_empty() {
            leaks.insert(format!("Secretariat {path}"), found);
        }
    }
    assert!(
        entries_seen > 400,
        "only {entries_seen} audit entries were read"
    );
    assert!(pages_seen > 60, "only {pages_seen} pages were read");
    assert!(csvs_seen > 10, "only {csvs_seen} exports were read");
    let report: Vec<String> = leaks
        .iter()
        .map(|(page, found)| {
            // One example of each code.
            let mut shown: BTreeMap<&str, &str> = BTreeMap::new();
            for f in found {
                let code = f.split(": ").next().unwrap_or(f);
                shown.entry(code).or_insert(f);
            }
            let shown: Vec<&str> = shown.values().copied().collect();
            format!("{page}:\n  {}", shown.join("\n  "))
        })
        .collect();
    assert!(
        report.is_empty(),
        "stored codes shown as they are:\n{}",
        report.join("\n")
    );
}

/// The message for `field` in a refused JSON answer.
fn api_message(answer: &gongjiang_testkit::Answer, field: &str) -> String {
    assert_eq!(
        answer.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body()
    );
    answer.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_else(|| panic!("no {field} in {}", answer.body()))
        .to_string()
}

#[tokio::test]
async fn a_field_error_names_the_field_as_its_records_form_does_on_the_page_and_in_the_api() {
    use gongjiang_testkit::reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let mut secretariat = app.client_as(Persona::Secretariat).await;

    let trainee = school
        .send_json(Method::POST, "/api/v1/trainees", &json!({"name": ""}))
        .await;
    let name = api_message(&trainee, "name");
    assert!(name.contains("姓名") && !name.contains("单位"), "{name}");

    let round = secretariat
        .send_json(
            Method::POST,
            "/api/v1/rounds",
            &json!({"name": "x", "kind": "job"}),
        )
        .await;
    let name = api_message(&round, "name");
    assert!(
        name.contains("轮次名称") && !name.contains("单位"),
        "{name}"
    );

    let page = secretariat
        .post_form("/rounds/new", &[("name", ""), ("kind", "job")])
        .await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body().contains("轮次名称"),
        "the round form names its own field"
    );
    assert!(!page.body().contains("单位名称"), "not a unit's name");

    let internship = school
        .send_json(
            Method::POST,
            "/api/v1/internships",
            &json!({"kind": "holiday"}),
        )
        .await;
    let kind = api_message(&internship, "kind");
    assert!(
        kind.contains("实习类型") && !kind.contains("单位"),
        "{kind}"
    );
}

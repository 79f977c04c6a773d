//! The list kit over HTTP: lists page past any cap, filters reach the
//! export, and pickers over large sets reach every record by search.

use crate::supply::{demand, import, roster_csv};
use gongjiang_testkit::reqwest::{Method, StatusCode};
use gongjiang_testkit::{Persona, TestApp};
use serde_json::json;

const SURNAMES: [&str; 16] = [
    "赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨",
];
const GIVEN: [&str; 15] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "甲", "乙", "丙", "丁", "戊",
];

/// The name of the `i`-th imported trainee (unique for i < 240).
fn name(i: usize) -> String {
    format!("{}{}{}", SURNAMES[i / 15], "学", GIVEN[i % 15])
}

/// A school with `n` trainees in its one cohort, student numbers 2024000…
async fn school_with(app: &TestApp, n: usize) -> gongjiang_testkit::TestClient {
    let school = app.school().build().await.admin;
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let id = gongjiang_testkit::build::id_number("420102", "20060315", i);
            format!(
                "{},{id},,2024{i:04},2024级电子技术应用高级工1班,在读,学籍管理",
                name(i)
            )
        })
        .collect();
    let done = import(
        &school,
        roster_csv(&rows.iter().map(String::as_str).collect::<Vec<_>>()),
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK, "{}", done.body());
    school
}

#[tokio::test]
async fn a_school_with_more_than_two_hundred_trainees_reaches_every_one_by_page_and_by_search() {
    let app = TestApp::spawn().await;
    let school = school_with(&app, 230).await;

    let first = school.get("/school").await;
    let last = school.get("/school?page=5").await;
    let found = school.get(&format!("/school?q={}", name(229))).await;

    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first.body().contains("第 1 / 5 页，共 230 条"),
        "the pager counts all"
    );
    assert!(first.body().contains("/school?page=2"));
    assert!(
        !first.body().contains("20240229"),
        "page 1 holds the first 50"
    );
    assert!(
        last.body().contains("20240229"),
        "the last page holds trainee 230"
    );
    assert!(found.body().contains("20240229") && found.body().contains("共 1 条"));
    assert!(
        !found.body().contains("20240000"),
        "the search leaves the others out"
    );
    let by_number = school.get("/school?q=2024022").await;
    assert!(
        by_number.body().contains("共 10 条"),
        "student numbers 2024022x"
    );
    assert_eq!(
        school.get("/api/v1/trainees?q=2024022").await.json()["total"],
        10
    );
    let export = school.get("/school/trainees.csv?q=2024022").await;
    assert_eq!(
        export.body().lines().count(),
        11,
        "header and the 10 shown rows"
    );
}

#[tokio::test]
async fn the_internship_and_employment_forms_reach_a_trainee_past_the_first_fifty_by_search() {
    let app = TestApp::spawn().await;
    let school = school_with(&app, 120).await;
    let wanted = name(119);

    let plain = school.get("/internships/new").await;
    let searched = school
        .get(&format!("/internships/new?trainee_q={wanted}"))
        .await;
    let employment = school.get(&format!("/employment?trainee_q={wanted}")).await;

    assert!(!plain.body().contains(&wanted), "the first 50 only");
    assert!(
        plain.body().contains("共 120 人符合，显示前 50 人"),
        "the picker says it shows only some"
    );
    assert!(searched.body().contains(&format!("20240119 {wanted}")));
    assert!(employment.body().contains(&format!("20240119 {wanted}")));
}

#[tokio::test]
async fn the_demand_board_filters_pages_and_exports_exactly_the_filtered_rows_in_words() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    for i in 0..55 {
        let mut d = demand();
        d["post_name"] = json!(format!("岗位{i:02}"));
        d["city"] = json!(if i % 5 == 0 { "武汉市" } else { "黄石市" });
        let posted = hr.send_json(Method::POST, "/api/v1/demands", &d).await;
        assert_eq!(posted.status(), StatusCode::CREATED, "{}", posted.body());
    }
    let anyone = app.client();

    let board = anyone.get("/demands").await;
    let wuhan = anyone.get("/demands?city=武汉市").await;
    let csv = anyone.get("/demands.csv?city=武汉市").await;

    assert!(
        board.body().contains("第 1 / 2 页，共 55 条"),
        "a pager, not a cap"
    );
    assert!(board.body().contains("/demands?page=2"));
    assert!(wuhan.body().contains("共 11 条"));
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(
        lines.len(),
        12,
        "header and the 11 filtered rows: {}",
        csv.body()
    );
    assert!(
        lines[0].contains("企业"),
        "the enterprise column is exported"
    );
    assert!(lines.iter().skip(1).all(|l| l.contains("武汉市")));
    assert!(!csv.body().contains("level4"), "levels as words, not codes");
    let page_two = anyone.get("/demands?page=2").await;
    assert!(page_two.body().contains("第 2 / 2 页"));
}

#[tokio::test]
async fn the_audit_log_pages_keeps_its_filter_and_exports_exactly_the_filtered_entries_in_words() {
    let app = TestApp::spawn().await;
    let id = super::pending_membership(&app, "鄂州北辰光电显示有限公司").await;
    let secretariat = app.client_as(Persona::Secretariat).await;
    let decided = secretariat
        .send_json(
            Method::POST,
            &format!("/api/v1/memberships/{id}/decision"),
            &json!({"action": "approve", "tier": "member"}),
        )
        .await;
    assert_eq!(decided.status(), StatusCode::OK, "{}", decided.body());
    let all = secretariat.get("/api/v1/audit").await.json()["total"]
        .as_i64()
        .unwrap();
    let approvals = secretariat
        .get("/api/v1/audit?action=membership.approve")
        .await
        .json()["total"]
        .as_i64()
        .unwrap();
    assert!(all >= 2 && approvals >= 1, "{all} {approvals}");

    let paged = secretariat.get("/admin/audit?per_page=1").await;
    let filtered = secretariat
        .get("/admin/audit?action=membership.approve")
        .await;
    let csv = secretariat
        .get("/admin/audit.csv?action=membership.approve")
        .await;
    let xlsx = secretariat
        .get("/admin/audit.xlsx?action=membership.approve")
        .await;

    assert!(
        paged
            .body()
            .contains(&format!("第 1 / {all} 页，共 {all} 条")),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains("/admin/audit?page=2"), "a next link");
    assert!(
        filtered
            .body()
            .contains("/admin/audit.csv?action=membership.approve"),
        "the filter reaches the export"
    );
    assert_eq!(csv.status(), StatusCode::OK);
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(
        i64::try_from(lines.len()).unwrap(),
        approvals + 1,
        "header and the filtered entries: {}",
        csv.body()
    );
    assert!(lines.iter().skip(1).all(|l| l.contains("批准入盟")));
    assert!(csv.body().contains("状态: 待审核 → 正常"));
    assert!(
        !csv.body().contains("membership.approve") && !csv.body().contains("applied"),
        "words, not codes"
    );
    assert_eq!(xlsx.status(), StatusCode::OK);
    let no_rights = app.client_as(Persona::Trainee).await;
    assert_ne!(
        no_rights.get("/admin/audit.csv").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn internships_page_keep_the_status_filter_and_export_exactly_the_filtered_rows_in_words() {
    let app = TestApp::spawn().await;
    let w = crate::training::world(&app).await;
    let mut ids = Vec::new();
    for post in ["AOI 检测员", "贴片操作员", "电测员"] {
        let mut body = crate::training::clean(&app, &w.trainee);
        body["post_name"] = json!(post);
        ids.push(crate::training::create(&w.school, &body).await);
    }
    crate::training::ready(&w.school, &ids[1]).await;
    let items = w.school.get("/api/v1/internships").await.json();
    let items = items["items"].as_array().unwrap();
    let all = items.len();
    let ready = items.iter().filter(|i| i["status"] == "ready").count();
    assert!(all >= 3 && ready >= 1);

    let paged = w.school.get("/internships?per_page=1").await;
    let filtered = w.school.get("/internships?status=ready").await;
    let csv = w.school.get("/internships.csv?status=ready").await;
    let xlsx = w.school.get("/internships.xlsx?status=ready").await;

    assert!(
        paged
            .body()
            .contains(&format!("第 1 / {all} 页，共 {all} 条")),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains("/internships?page=2"));
    assert!(filtered.body().contains(&format!("共 {ready} 条")));
    assert!(
        filtered.body().contains("/internships.csv?status=ready"),
        "the filter reaches the export"
    );
    assert!(filtered.body().contains("贴片操作员") && !filtered.body().contains("电测员"));
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), ready + 1, "{}", csv.body());
    assert!(lines.iter().skip(1).all(|l| l.contains("待开始")));
    assert!(csv.body().contains("贴片操作员") && csv.body().contains("岗位实习"));
    assert!(
        !csv.body().contains(",ready") && !csv.body().contains("position"),
        "words, not codes"
    );
    assert_eq!(xlsx.status(), StatusCode::OK);
}

#[tokio::test]
async fn employment_records_put_overdue_follow_ups_first_page_and_export_the_filtered_rows_in_words()
 {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    let mut records = Vec::new();
    for (i, (name, start)) in [
        ("甲学员", "2026-11-28"),
        ("乙学员", "2026-03-02"),
        ("丙学员", "2026-11-20"),
    ]
    .into_iter()
    .enumerate()
    {
        let t = school
            .trainee(40 + i)
            .with("name", name)
            .with("phone", format!("1381234{:04}", 40 + i))
            .with("status", "graduated")
            .create()
            .await;
        records.push(crate::employment::job(&school, &t, app.demo.enterprise, start).await);
    }
    let all = school.admin.get("/api/v1/employment").await.json()["records"]
        .as_array()
        .unwrap()
        .len();
    assert!(all >= 3);

    let paged = school.admin.get("/employment?per_page=1").await;
    let manual = school.admin.get("/employment?source=manual").await;
    let csv = school.admin.get("/employment.csv?source=manual").await;
    let none = school.admin.get("/employment.csv?source=placement").await;
    let xlsx = school.admin.get("/employment.xlsx?source=manual").await;

    assert!(
        paged
            .body()
            .contains(&format!("第 1 / {all} 页，共 {all} 条")),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains("/employment?page=2"));
    let shown = paged
        .body()
        .split("id=\"employment-records\"")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or_default();
    assert!(
        shown.contains("乙学员") && !shown.contains("甲学员"),
        "the overdue follow-up comes first: {shown}"
    );
    assert!(paged.body().contains("outcome-form"));
    assert!(
        manual.body().contains("/employment.csv?source=manual"),
        "the filter reaches the export"
    );
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), all + 1, "{}", csv.body());
    assert!(lines[1].contains("乙学员"), "overdue first: {}", csv.body());
    assert!(lines.iter().skip(1).all(|l| l.contains("手工录入")));
    assert!(!csv.body().contains("manual"), "words, not codes");
    assert_eq!(none.body().lines().count(), 1, "only the header");
    assert_eq!(xlsx.status(), StatusCode::OK);
}

/// The part of an employment page that lists the follow-ups due.
fn due_section(html: &str) -> &str {
    html.split("id=\"employment-reminders\"")
        .nth(1)
        .and_then(|t| t.split("</section>").next())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_follow_ups_due_page_most_overdue_first_and_the_pager_reaches_the_last_one() {
    let app = TestApp::spawn().await;
    let school = app
        .school()
        .major_named("电子技术应用")
        .cohort("2024级电子甲班", 2024)
        .cohort("2024级电子乙班", 2024)
        .build()
        .await;
    // 30 jobs started in January and February 2025: both follow-ups of each are due.
    for i in 0..30 {
        let t = school
            .trainee(100 + i)
            .with("name", name(i))
            .with("phone", format!("1381234{:04}", 100 + i))
            .with("status", "graduated")
            .create()
            .await;
        let start = format!("2025-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
        crate::employment::job(&school, &t, app.demo.enterprise, &start).await;
    }
    let due = school
        .admin
        .get("/api/v1/employment/reminders")
        .await
        .json();
    let due = due["items"].as_array().unwrap().clone();
    let total = due.len();
    assert!(total > 50, "more than one page: {total}");
    let pages = total.div_ceil(50);
    let dates: Vec<&str> = due.iter().map(|d| d["due_on"].as_str().unwrap()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "the most overdue first: {dates:?}"
    );
    let first = due[0]["trainee_name"].as_str().unwrap().to_string();
    let last = due[total - 1]["trainee_name"].as_str().unwrap().to_string();

    let page_one = school.admin.get("/employment?page=2&per_page=1").await;
    let mut page = page_one.body().to_string();
    let mut visited = 1;
    while let Some(next) = due_section(&page)
        .split("href=\"")
        .skip(1)
        .filter_map(|h| h.split_once("\" rel=\"next\""))
        .map(|(h, _)| h.replace("&#38;", "&").replace("&amp;", "&"))
        .next()
    {
        assert!(
            next.contains("page=2&per_page=1"),
            "the records stay where they were: {next}"
        );
        page = school.admin.get(&next).await.body().to_string();
        visited += 1;
        assert!(visited <= pages, "the pager stops at the last page");
    }
    let csv = school.admin.get("/employment/due.csv").await;

    let one = due_section(page_one.body());
    assert_eq!(
        one.matches("<tr>").count(),
        51,
        "a header and 50 rows: {one}"
    );
    assert!(
        one.contains(&format!("第 1 / {pages} 页，共 {total} 条")),
        "{one}"
    );
    assert!(one.contains("逾期") && one.contains(&first), "{one}");
    assert_eq!(visited, pages, "every page was reached");
    let end = due_section(&page);
    assert!(end.contains(&format!("第 {pages} / {pages} 页")), "{end}");
    let last_row = end.split("<tr>").last().unwrap_or_default();
    assert!(
        last_row.contains(&last),
        "the last follow-up due is on the last page: {end}"
    );
    let records = school.admin.get("/api/v1/employment").await.json()["records"]
        .as_array()
        .unwrap()
        .len();
    let after_due = page.split("</section>").nth(1).unwrap_or_default();
    assert!(
        after_due.contains("id=\"employment-records\"")
            && after_due.contains(&format!("第 2 / {records} 页，共 {records} 条")),
        "the records list keeps its own page and pager: {after_due}"
    );
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), total + 1, "the header and every follow-up due");
    assert!(lines[1].contains(&first) && lines[total].contains(&last));
}

#[tokio::test]
async fn agreements_page_keep_the_status_filter_and_export_exactly_the_filtered_rows_in_words() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    for (title, status) in [
        ("甲订单班协议", "active"),
        ("乙实训基地协议", "draft"),
        ("丙现代学徒制协议", "active"),
    ] {
        let body = json!({"kind": "order_class", "title": title, "school_org_id": app.demo.school.to_string(),
            "enterprise_org_id": app.demo.enterprise.to_string(), "start_on": "2025-09-01", "end_on": "2028-06-30", "quota": 45, "status": status});
        let created = school
            .send_json(Method::POST, "/api/v1/agreements", &body)
            .await;
        assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    }
    let items = school.get("/api/v1/agreements").await.json();
    let items = items["items"].as_array().unwrap();
    let all = items.len();
    let active = items.iter().filter(|a| a["status"] == "active").count();
    assert!(all >= 3 && active >= 2);

    let paged = school.get("/agreements?per_page=1").await;
    let filtered = school.get("/agreements?status=active").await;
    let csv = school.get("/agreements.csv?status=active").await;
    let xlsx = school.get("/agreements.xlsx?status=active").await;

    assert!(
        paged
            .body()
            .contains(&format!("第 1 / {all} 页，共 {all} 条")),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains("/agreements?page=2"));
    assert!(filtered.body().contains(&format!("共 {active} 条")));
    assert!(
        filtered.body().contains("/agreements.csv?status=active"),
        "the filter reaches the export"
    );
    assert!(!filtered.body().contains("乙实训基地协议"));
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), active + 1, "{}", csv.body());
    assert!(lines.iter().skip(1).all(|l| l.contains("履行中")));
    assert!(!csv.body().contains("乙实训基地协议"));
    assert!(
        !csv.body().contains("order_class") && !csv.body().contains(",active"),
        "words, not codes"
    );
    assert_eq!(xlsx.status(), StatusCode::OK);
}

#[tokio::test]
async fn evaluation_sessions_page_keep_the_level_filter_and_export_exactly_the_filtered_rows_in_words()
 {
    let app = TestApp::spawn().await;
    let w = crate::evaluation::world(&app, None).await;
    for (level, held_on) in [("level3", "2026-12-05"), ("level4", "2026-12-12")] {
        let body = json!({"occupation_code": crate::evaluation::OCCUPATION, "level": level,
            "held_on": held_on, "venue": "鄂东技师学院实训楼 B102", "examiners": ["张工", "刘工"]});
        let created = w
            .school
            .send_json(Method::POST, "/api/v1/evaluation/sessions", &body)
            .await;
        assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    }

    let paged = w.school.get("/evaluation?per_page=1").await;
    let filtered = w.school.get("/evaluation?level=level3").await;
    let csv = w.school.get("/evaluation.csv?level=level3").await;
    let every = w.school.get("/evaluation.csv").await;
    let xlsx = w.school.get("/evaluation.xlsx?level=level3").await;

    assert!(
        paged.body().contains("第 1 / 3 页，共 3 条"),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains("/evaluation?page=2"));
    assert!(filtered.body().contains("共 1 条"));
    assert!(
        filtered.body().contains("/evaluation.csv?level=level3"),
        "the filter reaches the export"
    );
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body());
    assert!(lines[1].contains("2026-12-05") && lines[1].contains("三级/高级工"));
    assert!(!csv.body().contains("level3"), "words, not codes");
    assert_eq!(every.body().lines().count(), 4, "{}", every.body());
    assert_eq!(xlsx.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_units_people_page_keep_the_role_filter_and_export_exactly_the_filtered_rows_in_words() {
    let app = TestApp::spawn().await;
    let admin = app.client_as(Persona::SchoolAdmin).await;
    let org = app.demo.school;
    let people = admin
        .get(&format!("/api/v1/organizations/{org}/people"))
        .await
        .json();
    let people = people["items"].as_array().unwrap();
    let all = people.len();
    let staff = people.iter().filter(|p| p["role"] == "staff").count();
    assert!(all >= 2 && staff >= 1, "{people:?}");

    let paged = admin.get(&format!("/org/{org}/people?per_page=1")).await;
    let filtered = admin.get(&format!("/org/{org}/people?role=staff")).await;
    let csv = admin
        .get(&format!("/org/{org}/people.csv?role=staff"))
        .await;
    let xlsx = admin
        .get(&format!("/org/{org}/people.xlsx?role=staff"))
        .await;

    assert!(
        paged
            .body()
            .contains(&format!("第 1 / {all} 页，共 {all} 条")),
        "{}",
        paged.body()
    );
    assert!(paged.body().contains(&format!("/org/{org}/people?page=2")));
    assert!(
        filtered
            .body()
            .contains(&format!("/org/{org}/people.csv?role=staff")),
        "the filter reaches the export"
    );
    let lines: Vec<&str> = csv.body().lines().collect();
    assert_eq!(lines.len(), staff + 1, "{}", csv.body());
    assert!(lines.iter().skip(1).all(|l| l.contains("正常")));
    assert!(
        !csv.body().contains(",staff") && !csv.body().contains("active"),
        "words, not codes: {}",
        csv.body()
    );
    assert_eq!(xlsx.status(), StatusCode::OK);
    let hr = app.client_as(Persona::Hr).await;
    assert_ne!(
        hr.get(&format!("/org/{org}/people.csv")).await.status(),
        StatusCode::OK,
        "another unit's people are not exported"
    );
}

/// `/api/v1/trainees?q=…`'s total.
async fn found(school: &gongjiang_testkit::TestClient, q: &str) -> i64 {
    let answer = school.get(&format!("/api/v1/trainees?q={q}")).await;
    assert_eq!(answer.status(), StatusCode::OK, "{}", answer.body());
    answer.json()["total"].as_i64().unwrap()
}

#[tokio::test]
async fn a_trainee_is_found_by_the_pinyin_or_initials_of_the_name_on_the_list_and_in_both_pickers()
{
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, _) = (built.admin, built.cohorts[0].clone());
    let rows: Vec<String> = ["张伟明", "张华", "王伟"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id = gongjiang_domain::values::IdCardNumber::with_check_character(&format!(
                "42010220060315{i:03}"
            ))
            .unwrap();
            format!("{n},{id},,202410{i},2024级电子技术应用高级工1班,在读,学籍管理")
        })
        .collect();
    let done = import(
        &school,
        roster_csv(&rows.iter().map(String::as_str).collect::<Vec<_>>()),
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK, "{}", done.body());

    let by_initials = school.get("/school?q=zwm").await;
    let by_pinyin = school.get("/school?q=zhangweiming").await;
    let by_characters = school.get("/school?q=张伟").await;
    let spaced = school.get("/school?q=Zhang+Wei+Ming").await;
    let internship = school.get("/internships/new?trainee_q=zwm").await;
    let employment = school.get("/employment?trainee_q=zhangweiming").await;

    for (what, page) in [
        ("zwm", &by_initials),
        ("zhangweiming", &by_pinyin),
        ("张伟", &by_characters),
        ("Zhang Wei Ming", &spaced),
    ] {
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            page.body().contains("张伟明") && page.body().contains("共 1 条"),
            "{what} finds 张伟明 alone: {}",
            page.body()
        );
        assert!(!page.body().contains("张华"), "{what} leaves 张华 out");
    }
    assert!(
        internship.body().contains("2024100 张伟明") && !internship.body().contains("张华"),
        "{}",
        internship.body()
    );
    assert!(
        employment.body().contains("2024100 张伟明") && !employment.body().contains("王伟"),
        "{}",
        employment.body()
    );
    assert_eq!(found(&school, "zh").await, 2, "张伟明 and 张华");
    assert_eq!(found(&school, "2024102").await, 1, "the student number");
}

#[tokio::test]
async fn a_trainees_search_keys_follow_a_rename_and_are_filled_for_rows_written_without_them() {
    let app = TestApp::spawn().await;
    let built = app.school().build().await;
    let (school, cohort) = (built.admin, built.cohorts[0].clone());
    let id_number =
        gongjiang_domain::values::IdCardNumber::with_check_character("42010220060315900").unwrap();
    let mut body = json!({"name": "欧阳娜娜", "id_number": id_number, "student_no": "2024900",
        "cohort_id": cohort, "consent_purpose": "学籍管理与实习就业推荐"});
    let created = school
        .send_json(Method::POST, "/api/v1/trainees", &body)
        .await;
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.body());
    let id = created.json()["id"].as_str().unwrap().to_string();
    let created_found = found(&school, "oynn").await;

    body["name"] = json!("欧阳明月");
    let renamed = school
        .send_json(Method::PUT, &format!("/api/v1/trainees/{id}"), &body)
        .await;
    assert_eq!(renamed.status(), StatusCode::OK, "{}", renamed.body());
    let (old_name, new_name) = (
        found(&school, "oynn").await,
        found(&school, "ouyangmingyue").await,
    );

    // A row as written before the keys were kept.
    let mut conn = app.app.db.read().await.unwrap();
    gongjiang_store::supply::set_trainee_search_keys(&mut conn, id.parse().unwrap(), "")
        .await
        .unwrap();
    drop(conn);
    let (blank_pinyin, blank_characters) =
        (found(&school, "oymy").await, found(&school, "欧阳").await);
    let filled = gongjiang_app::supply::fill_search_keys(&app.app)
        .await
        .unwrap();
    let again = gongjiang_app::supply::fill_search_keys(&app.app)
        .await
        .unwrap();

    assert_eq!(created_found, 1, "keys written on insert");
    assert_eq!(old_name, 0, "the old name's keys are gone");
    assert_eq!(new_name, 1, "keys rewritten on update");
    assert_eq!(blank_pinyin, 0, "without keys only the characters match");
    assert_eq!(blank_characters, 1);
    assert_eq!(filled, 1, "only the row without keys");
    assert_eq!(again, 0, "nothing left to fill");
    assert_eq!(found(&school, "oymy").await, 1, "found by pinyin again");
}

#[tokio::test]
async fn the_employment_form_picks_the_employer_by_searching_the_enterprise_members() {
    let app = TestApp::spawn().await;
    let school = app.client_as(Persona::SchoolAdmin).await;
    let employers = |html: &str| -> Vec<String> {
        let select = html
            .split("name=\"employer_org_id\"")
            .nth(1)
            .and_then(|rest| rest.split("</select>").next())
            .expect("the employer select")
            .to_string();
        select
            .split("<option value=\"")
            .skip(2) // the text before the first option, and the empty option
            .map(|o| {
                o.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };

    let plain = employers(school.get("/employment").await.body());
    let searched = employers(school.get("/employment?employer_q=青岚").await.body());
    let by_initials = employers(school.get("/employment?employer_q=hsql").await.body());

    assert!(plain.len() > 3, "enterprises are offered: {plain:?}");
    assert!(plain.len() <= 50, "a page of the picker, not every unit");
    assert!(
        !searched.is_empty() && searched.len() < plain.len(),
        "{searched:?}"
    );
    assert!(searched.iter().all(|n| n.contains("青岚")), "{searched:?}");
    assert_eq!(
        by_initials,
        ["黄石青岚精密电子有限公司"],
        "the pinyin initials of 黄石青岚 find that unit alone"
    );
}

#[tokio::test]
async fn the_demand_board_finds_an_enterprise_by_name() {
    let app = TestApp::spawn().await;
    let hr = app.client_as(Persona::Hr).await;
    let (other, other_org) = app
        .outsider(
            "enterprise",
            gongjiang_domain::accounts::Role::OrgAdmin,
            "other.admin",
        )
        .await;
    for client in [&hr, &hr, &other] {
        let posted = client
            .send_json(Method::POST, "/api/v1/demands", &demand())
            .await;
        assert_eq!(posted.status(), StatusCode::CREATED, "{}", posted.body());
    }
    let roster = app
        .client()
        .get("/api/v1/members?per_page=200")
        .await
        .json();
    let name_of = |id: String| -> String {
        roster["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id.as_str())
            .and_then(|m| m["name"].as_str())
            .unwrap()
            .to_string()
    };
    let mine = name_of(app.demo.enterprise.to_string());
    let theirs = name_of(other_org.to_string());
    let part: String = mine.chars().skip(2).take(4).collect();
    assert!(!theirs.contains(&part), "a part of one name only: {part}");
    let anyone = app.client();

    let found = anyone
        .get(&format!("/api/v1/demands?enterprise_q={part}"))
        .await
        .json();
    let page = anyone.get(&format!("/demands?enterprise_q={part}")).await;

    assert_eq!(found["total"], 2, "{found}");
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["org_id"] == app.demo.enterprise.to_string().as_str())
    );
    assert!(page.body().contains(&mine) && !page.body().contains(&theirs));
    let too_long = anyone
        .get(&format!("/api/v1/demands?enterprise_q={}", "长".repeat(51)))
        .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        too_long.json()["error"]["fields"][0]["field"],
        "enterprise_q"
    );
}

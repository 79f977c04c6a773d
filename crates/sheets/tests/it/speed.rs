//! Speed at the size the platform promises: 100,000 trainees × 12 columns.
//! Ignored by default (it takes seconds in a debug build); run with
//! `cargo test --release -p gongjiang-sheets -- --ignored --nocapture speed`.
//! It prints the times and asserts only the results, never the times.

use std::time::Instant;

use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec, export_csv, export_xlsx, read};

use crate::support::GENDERS;

/// Twelve columns, as a trainee roster has.
pub const WIDE: SheetSpec = SheetSpec {
    name: "学员名单",
    columns: &[
        ColumnSpec::new("name", "姓名", ColumnKind::Text).required(),
        ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike).required(),
        ColumnSpec::new("phone", "手机号码", ColumnKind::IdLike),
        ColumnSpec::new("gender", "性别", ColumnKind::Choice(GENDERS)),
        ColumnSpec::new("birth_date", "出生日期", ColumnKind::Date),
        ColumnSpec::new("enrol_year", "入学年份", ColumnKind::Integer),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("major", "专业", ColumnKind::Text),
        ColumnSpec::new("cohort", "班级", ColumnKind::Text),
        ColumnSpec::new("guardian_phone", "监护人电话", ColumnKind::IdLike),
        ColumnSpec::new("address", "家庭住址", ColumnKind::Text),
        ColumnSpec::new("note", "备注", ColumnKind::Text),
    ],
};

/// `count` distinct, valid-looking rows.
pub fn wide_rows(count: usize) -> Vec<Vec<String>> {
    (0..count)
        .map(|i| {
            vec![
                format!("学员{i}"),
                format!(
                    "420102{:04}{:02}{:02}{:04}",
                    1990 + i % 20,
                    1 + i % 12,
                    1 + i % 28,
                    i % 10_000
                ),
                format!("138{:08}", i),
                if i % 2 == 0 { "男" } else { "女" }.to_owned(),
                format!("{}-{:02}-{:02}", 1990 + i % 20, 1 + i % 12, 1 + i % 28),
                format!("{}", 2020 + i % 5),
                "鄂东技师学院".to_owned(),
                format!("电子技术应用{}", i % 7),
                format!("2024级{}班", i % 30),
                format!("139{:08}", i),
                format!("湖北省黄石市下陆区团城山街道{}号", i % 500),
                String::new(),
            ]
        })
        .collect()
}

#[test]
#[ignore = "measures speed; run with --release --ignored"]
fn speed_of_100k_rows_by_12_columns() {
    let rows = wide_rows(100_000);

    let started = Instant::now();
    let xlsx = export_xlsx(&WIDE, &rows).unwrap();
    let export_xlsx_time = started.elapsed();

    let started = Instant::now();
    let csv = export_csv(&WIDE, &rows);
    let export_csv_time = started.elapsed();

    let started = Instant::now();
    let from_xlsx = read(&xlsx, "a.xlsx", &WIDE).unwrap();
    let read_xlsx_time = started.elapsed();

    let started = Instant::now();
    let from_csv = read(&csv, "a.csv", &WIDE).unwrap();
    let read_csv_time = started.elapsed();

    let started = Instant::now();
    let report = gongjiang_sheets::error_report(
        &WIDE,
        &from_xlsx,
        &[gongjiang_sheets::RowProblem::cell(
            3,
            "id_number",
            "校验位错误",
        )],
    )
    .unwrap();
    let report_time = started.elapsed();

    eprintln!(
        "100k x 12: xlsx {:.1} MiB, csv {:.1} MiB, report {:.1} MiB",
        xlsx.len() as f64 / 1048576.0,
        csv.len() as f64 / 1048576.0,
        report.len() as f64 / 1048576.0
    );
    eprintln!(
        "export_xlsx {export_xlsx_time:?}, export_csv {export_csv_time:?}, read xlsx {read_xlsx_time:?}, read csv {read_csv_time:?}, error_report {report_time:?}"
    );
    assert_eq!(from_xlsx.rows.len(), 100_000);
    assert_eq!(from_csv.rows.len(), 100_000);
    assert!(!from_xlsx.has_problems());
    assert_eq!(
        from_xlsx.rows,
        from_csv
            .rows
            .iter()
            .map(|row| gongjiang_sheets::Row {
                line: row.line + 1,
                cells: row.cells.clone()
            })
            .collect::<Vec<_>>()
    );
}

//! Speed of reading and writing a 100,000-row × 12-column trainee roster,
//! the largest import the platform promises (`docs/sheets.md` records the
//! figures). Run with `cargo bench -p gongjiang-sheets`.

#![expect(
    clippy::unwrap_used,
    reason = "benchmark set-up: a failure is a broken bench"
)]

use divan::Bencher;
use gongjiang_sheets::{
    ColumnKind, ColumnSpec, RowProblem, SheetSpec, error_report, export_csv, export_xlsx, read,
};

fn main() {
    divan::main();
}

const GENDERS: &[(&str, &str)] = &[("male", "男"), ("female", "女")];

const WIDE: SheetSpec = SheetSpec {
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

const ROWS: usize = 100_000;

fn rows() -> Vec<Vec<String>> {
    (0..ROWS)
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
                format!("138{i:08}"),
                if i % 2 == 0 { "男" } else { "女" }.to_owned(),
                format!("{}-{:02}-{:02}", 1990 + i % 20, 1 + i % 12, 1 + i % 28),
                format!("{}", 2020 + i % 5),
                "鄂东技师学院".to_owned(),
                format!("电子技术应用{}", i % 7),
                format!("2024级{}班", i % 30),
                format!("139{i:08}"),
                format!("湖北省黄石市下陆区团城山街道{}号", i % 500),
                String::new(),
            ]
        })
        .collect()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn read_xlsx_100k(bencher: Bencher) {
    let file = export_xlsx(&WIDE, rows()).unwrap();
    bencher.bench(|| read(divan::black_box(&file), "a.xlsx", &WIDE).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn read_csv_100k(bencher: Bencher) {
    let file = export_csv(&WIDE, rows());
    bencher.bench(|| read(divan::black_box(&file), "a.csv", &WIDE).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_xlsx_100k(bencher: Bencher) {
    let rows = rows();
    bencher.bench(|| export_xlsx(&WIDE, divan::black_box(&rows)).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_csv_100k(bencher: Bencher) {
    let rows = rows();
    bencher.bench(|| export_csv(&WIDE, divan::black_box(&rows)));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn error_report_100k(bencher: Bencher) {
    let table = read(&export_xlsx(&WIDE, rows()).unwrap(), "a.xlsx", &WIDE).unwrap();
    let problems = [RowProblem::cell(3, "id_number", "校验位错误")];
    bencher.bench(|| error_report(&WIDE, divan::black_box(&table), &problems).unwrap());
}

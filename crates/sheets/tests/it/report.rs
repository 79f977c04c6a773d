//! The problem report: every row at its original number, a 问题 column,
//! red bad cells, a problem list; and it can be corrected and re-uploaded.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use gongjiang_sheets::{PROBLEM_LIST_SHEET, RowProblem, Value, error_report, export_csv, read};

use crate::support::{TRAINEES, headers, write_row, xlsx};

fn upload() -> Vec<u8> {
    xlsx(|sheet| {
        write_row(sheet, 0, &headers())?;
        write_row(sheet, 1, &["李四", "42010220060315001X", "", "男"])?;
        write_row(sheet, 2, &["", "420111199901010024", "", "未知"])?;
        write_row(sheet, 3, &["王五", "110105194912310021"])
    })
}

fn range_of(report: &[u8], sheet: &str) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(report)).expect("workbook");
    workbook.worksheet_range(sheet).expect("sheet")
}

#[test]
fn the_report_keeps_every_row_at_its_number_with_problems_beside_it() {
    let table = read(&upload(), "a.xlsx", &TRAINEES).unwrap();
    let domain = [RowProblem::cell(4, "id_number", "校验位应为 X")];

    let report = error_report(&TRAINEES, &table, &domain).unwrap();

    let range = range_of(&report, "学员名单");
    let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("姓名".into()));
    assert_eq!(cell(0, 7), Data::String("问题".into()));
    assert_eq!(cell(1, 0), Data::String("李四".into()));
    assert_eq!(cell(1, 7), Data::Empty);
    assert_eq!(
        cell(2, 7),
        Data::String("姓名：必填，不能为空；性别：应为以下之一：男、女".into())
    );
    assert_eq!(
        cell(2, 3),
        Data::String("未知".into()),
        "the bad value is shown as typed"
    );
    assert_eq!(cell(3, 7), Data::String("身份证号：校验位应为 X".into()));
    assert_eq!(cell(3, 1), Data::String("110105194912310021".into()));

    let list = range_of(&report, PROBLEM_LIST_SHEET);
    assert_eq!(list.height(), 4, "heading and three problems");
    assert_eq!(
        list.get_value((3, 2)),
        Some(&Data::String("校验位应为 X".into()))
    );

    let styles = crate::support::unzip(&report)
        .into_iter()
        .find(|(name, _)| name == "xl/styles.xml")
        .unwrap()
        .1;
    assert!(
        String::from_utf8(styles).unwrap().contains("FFFFC7CE"),
        "red fill for bad cells"
    );
}

#[test]
fn a_corrected_report_can_be_uploaded_again() {
    let table = read(&upload(), "a.xlsx", &TRAINEES).unwrap();
    let report = error_report(&TRAINEES, &table, &[]).unwrap();
    // The user fixes the bad cells in the report and uploads it as it is.
    let mut fixed = read(&report, "report.xlsx", &TRAINEES).unwrap();
    assert_eq!(fixed.rows.len(), 3);
    assert!(fixed.has_problems());
    fixed.rows[1].cells[0] = Ok(Value::Text("赵六".into()));
    fixed.rows[1].cells[3] = Ok(Value::Choice("female"));
    let corrected = error_report(&TRAINEES, &fixed, &[]).unwrap();

    let again = read(&corrected, "report.xlsx", &TRAINEES).unwrap();

    assert!(!again.has_problems(), "{:?}", again.problems());
    assert_eq!(again.rows[1].line, 3);
    assert_eq!(again.rows[1].cells[0], Ok(Value::Text("赵六".into())));
}

#[test]
fn a_csv_upload_keeps_its_row_numbers_in_the_report() {
    let csv = export_csv(&TRAINEES, [["", "42010220060315001X"], ["王五", ""]]);
    let table = read(&csv, "a.csv", &TRAINEES).unwrap();

    let report = error_report(&TRAINEES, &table, &[]).unwrap();

    let again = read(&report, "report.xlsx", &TRAINEES).unwrap();
    assert!(!again.has_key_row);
    assert_eq!(
        again.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert_eq!(again.problems(), table.problems());
}

//! Cell rules that need a real workbook: number cells in identifier columns,
//! formulas, error values, and formula-injection strings in exports.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use gongjiang_sheets::{FORMULA_TRIGGERS, ProblemKind, export_xlsx, read};
use proptest::prelude::*;
use rust_xlsxwriter::Formula;

use crate::support::{TRAINEES, headers, write_row, xlsx};

fn kind(cell: &gongjiang_sheets::Cell) -> Option<ProblemKind> {
    cell.as_ref().err().map(|problem| problem.kind)
}

#[test]
fn a_number_cell_in_an_id_column_asks_for_text_format() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &headers())?;
        sheet.write_string(1, 0, "李四")?;
        sheet.write_number(1, 1, 420_111_199_901_010_024.0)?;
        sheet.write_number(1, 2, 13_800_138_000.0)?;
        Ok(())
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    let row = &table.rows[0];
    assert_eq!(kind(&row.cells[1]), Some(ProblemKind::NumberInIdColumn));
    assert_eq!(kind(&row.cells[2]), Some(ProblemKind::NumberInIdColumn));
    let problems = table.problems();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].line, 2);
    assert_eq!(problems[0].column.as_deref(), Some("id_number"));
    assert_eq!(problems[0].message, "请将该列设置为文本格式后重新填写");
    // The report shows what Excel made of the number.
    assert_eq!(row.cells[1].as_ref().unwrap_err().raw, "420111199901010000");
}

#[test]
fn a_formula_cell_is_refused_even_with_a_cached_value() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &headers())?;
        write_row(sheet, 1, &["李四", "42010220060315001X"])?;
        sheet.write_formula(1, 5, Formula::new("=2020+4").set_result("2024"))?;
        sheet.write_formula(1, 0, Formula::new("=\"王\"&\"五\"").set_result("王五"))?;
        Ok(())
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    let row = &table.rows[0];
    assert_eq!(kind(&row.cells[5]), Some(ProblemKind::Formula));
    assert_eq!(kind(&row.cells[0]), Some(ProblemKind::Formula));
    assert_eq!(
        row.cells[0].as_ref().unwrap_err().message_zh(),
        "不接受公式，请粘贴为数值"
    );
    assert_eq!(row.cells[0].as_ref().unwrap_err().raw, "王五");
}

#[test]
fn an_error_value_cell_is_a_problem() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &headers())?;
        write_row(sheet, 1, &["李四", "42010220060315001X"])?;
        sheet.write_formula(1, 6, Formula::new("=NA()").set_result("#N/A"))?;
        Ok(())
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    assert!(kind(&table.rows[0].cells[6]).is_some());
}

const INJECTIONS: &[&str] = &[
    "=1+1",
    "=HYPERLINK(\"http://evil.example\",\"点击\")",
    "+86 138 0013 8000",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
];

/// Every cell of the first sheet: its value and whether it has a formula.
fn cells_and_formulas(file: &[u8]) -> (Vec<Data>, usize) {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(file)).expect("workbook");
    let name = workbook.sheet_names()[0].clone();
    let values: Vec<Data> = workbook
        .worksheet_range(&name)
        .expect("sheet")
        .cells()
        .map(|(_, _, v)| v.clone())
        .collect();
    let formulas = workbook.worksheet_formula(&name).expect("formulas");
    let formula_count = formulas.cells().filter(|(_, _, f)| !f.is_empty()).count();
    (values, formula_count)
}

#[test]
fn formula_injection_strings_are_exported_as_plain_text() {
    let rows: Vec<Vec<&str>> = INJECTIONS
        .iter()
        .map(|text| vec!["李四", "42010220060315001X", "", "", "", "", text])
        .collect();

    let file = export_xlsx(&TRAINEES, &rows).unwrap();

    let (values, formulas) = cells_and_formulas(&file);
    assert_eq!(formulas, 0);
    for text in INJECTIONS {
        assert!(
            values.contains(&Data::String((*text).to_owned())),
            "{text:?}"
        );
    }
    let sheet = crate::support::unzip(&file)
        .into_iter()
        .find(|(name, _)| name == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    assert!(!String::from_utf8(sheet).unwrap().contains("<f>"));
    let styles = crate::support::unzip(&file)
        .into_iter()
        .find(|(name, _)| name == "xl/styles.xml")
        .unwrap()
        .1;
    assert!(
        String::from_utf8(styles)
            .unwrap()
            .contains("quotePrefix=\"1\"")
    );
}

#[test]
fn formula_injection_strings_survive_a_csv_round_trip() {
    let rows: Vec<Vec<&str>> = INJECTIONS
        .iter()
        .map(|text| vec!["李四", "42010220060315001X", "", "", "", "", text])
        .collect();

    let csv = gongjiang_sheets::export_csv(&TRAINEES, &rows);
    let text = String::from_utf8(csv.clone()).unwrap();
    let table = read(&csv, "a.csv", &TRAINEES).unwrap();

    for line in text.lines().skip(1) {
        let note = line.rsplit(',').next().unwrap().trim_start_matches('"');
        assert!(!note.starts_with(FORMULA_TRIGGERS), "{line:?}");
    }
    let notes: Vec<String> = table
        .rows
        .iter()
        .map(|row| row.cells[6].as_ref().unwrap().as_text().unwrap().to_owned())
        .collect();
    // Cells are trimmed on reading, so the tab and CR before `=` do not come back.
    let expected: Vec<String> = INJECTIONS
        .iter()
        .map(|text| text.trim().to_owned())
        .collect();
    assert_eq!(notes, expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_exported_string_becomes_a_formula(text in "[=+\\-@\t\r]?[ -~一-龥]{0,20}") {
        let file = export_xlsx(&TRAINEES, [["李四", "42010220060315001X", "", "", "", "", text.as_str()]]).unwrap();

        let (values, formulas) = cells_and_formulas(&file);

        prop_assert_eq!(formulas, 0);
        if !text.is_empty() {
            prop_assert!(values.contains(&Data::String(text.clone())));
        }
    }
}

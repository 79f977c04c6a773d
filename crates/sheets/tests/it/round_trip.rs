//! Round trips: the template filled in reads back; export → import gives the
//! same strings; import → export → import gives the same table.

use gongjiang_sheets::{Value, export_csv, export_xlsx, read, template};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use time::macros::date;

use crate::support::{TRAINEES, unzip, write_row};

/// Rows with Chinese, leading zeros, an `X` check character, empties.
fn rows() -> Vec<Vec<String>> {
    [
        [
            "李四",
            "42010220060315001X",
            "008613800138000",
            "女",
            "2006-03-15",
            "2024",
            "班长",
        ],
        [
            "王五",
            "420111199901010024",
            "13800138000",
            "男",
            "1999-01-01",
            "2023",
            "",
        ],
        [
            "欧阳　娜娜",
            "810000199505200019",
            "",
            "",
            "",
            "",
            "来自香港，\"优秀\"",
        ],
        [
            "_x0041_",
            "0012345",
            "0001",
            "女",
            "2000-02-29",
            "-1",
            "=SUM(A1:A2)",
        ],
    ]
    .iter()
    .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
    .collect()
}

#[test]
fn a_filled_in_template_reads_back_typed_values() {
    let template = template(&TRAINEES).unwrap();
    // Fill the template as a user would: open it, overwrite the example row, add a row.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("学员名单").unwrap();
    let text = Format::new().set_num_format("@");
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let keys: Vec<&str> = TRAINEES.columns.iter().map(|column| column.key).collect();
    write_row(sheet, 0, &crate::support::headers()).unwrap();
    write_row(sheet, 1, &keys).unwrap();
    sheet.set_row_hidden(1).unwrap();
    write_row(
        sheet,
        2,
        &["李四", "42010220060315001X", "008613800138000", "女"],
    )
    .unwrap();
    sheet
        .write_datetime_with_format(
            2,
            4,
            ExcelDateTime::from_ymd(2006, 3, 15).unwrap(),
            &date_format,
        )
        .unwrap();
    sheet.write_number(2, 5, 2024).unwrap();
    write_row(sheet, 3, &["王五", "", "", "male", "2024年9月1日", "2023"]).unwrap();
    sheet
        .write_string_with_format(3, 1, "420111199901010024", &text)
        .unwrap();
    let filled = workbook.save_to_buffer().unwrap();
    assert!(
        unzip(&template)
            .iter()
            .any(|(name, _)| name == "xl/workbook.xml")
    );

    let table = read(&filled, "学员名单.xlsx", &TRAINEES).unwrap();

    assert_eq!(table.header_line, 1);
    assert!(table.has_key_row);
    assert_eq!(table.rows.len(), 2);
    let first = &table.rows[0];
    assert_eq!(first.line, 3);
    assert_eq!(first.cells[0], Ok(Value::Text("李四".into())));
    assert_eq!(first.cells[1], Ok(Value::Text("42010220060315001X".into())));
    assert_eq!(first.cells[2], Ok(Value::Text("008613800138000".into())));
    assert_eq!(first.cells[3], Ok(Value::Choice("female")));
    assert_eq!(first.cells[4], Ok(Value::Date(date!(2006 - 03 - 15))));
    assert_eq!(first.cells[5], Ok(Value::Integer(2024)));
    assert_eq!(first.cells[6], Ok(Value::Empty));
    let second = &table.rows[1];
    assert_eq!(second.line, 4);
    assert_eq!(second.cells[3], Ok(Value::Choice("male")));
    assert_eq!(second.cells[4], Ok(Value::Date(date!(2024 - 09 - 01))));
    assert!(!table.has_problems(), "{:?}", table.problems());
}

#[test]
fn the_untouched_template_has_no_data_rows() {
    let template = template(&TRAINEES).unwrap();

    let result = read(&template, "模板.xlsx", &TRAINEES);

    assert_eq!(result, Err(gongjiang_sheets::FileError::NoDataRows));
}

#[test]
fn the_template_has_an_instructions_sheet_text_id_columns_and_drop_downs() {
    let template = template(&TRAINEES).unwrap();
    let entries = unzip(&template);
    let text_of = |name: &str| {
        String::from_utf8(
            entries
                .iter()
                .find(|(entry, _)| entry == name)
                .unwrap()
                .1
                .clone(),
        )
        .unwrap()
    };

    let workbook = text_of("xl/workbook.xml");
    let data_sheet = text_of("xl/worksheets/sheet1.xml");
    let styles = text_of("xl/styles.xml");
    let strings = text_of("xl/sharedStrings.xml");

    assert!(workbook.contains("name=\"学员名单\""), "{workbook}");
    assert!(workbook.contains("name=\"填写说明\""), "{workbook}");
    assert!(
        data_sheet.contains("<pane ySplit=\"2\""),
        "frozen under the key row: {data_sheet}"
    );
    assert!(data_sheet.contains("hidden=\"1\""), "hidden key row");
    assert!(
        data_sheet.contains("<dataValidation type=\"list\""),
        "drop-down"
    );
    assert!(data_sheet.contains("\"男,女\""), "{data_sheet}");
    assert!(styles.contains("numFmtId=\"49\""), "text format");
    for needle in [
        "身份证号",
        "id_number",
        "18 位居民身份证号码",
        "必填",
        "选填",
    ] {
        assert!(strings.contains(needle), "{needle}");
    }
}

#[test]
fn an_xlsx_export_reads_back_as_the_same_strings() {
    let rows = rows();
    let file = export_xlsx(&TRAINEES, &rows).unwrap();

    let table = read(&file, "导出.xlsx", &TRAINEES).unwrap();

    assert!(!table.has_problems(), "{:?}", table.problems());
    let read_back: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            TRAINEES
                .columns
                .iter()
                .zip(&row.cells)
                .map(|(column, cell)| cell.as_ref().unwrap().display(column))
                .collect()
        })
        .collect();
    assert_eq!(read_back, rows);
}

#[test]
fn a_csv_export_reads_back_as_the_same_strings() {
    let rows = rows();
    let file = export_csv(&TRAINEES, &rows);

    let table = read(&file, "导出.csv", &TRAINEES).unwrap();

    assert!(!table.has_problems(), "{:?}", table.problems());
    assert_eq!(
        table.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        vec![2, 3, 4, 5]
    );
    for (row, expected) in table.rows.iter().zip(&rows) {
        let got: Vec<String> = TRAINEES
            .columns
            .iter()
            .zip(&row.cells)
            .map(|(column, cell)| cell.as_ref().unwrap().display(column))
            .collect();
        assert_eq!(&got, expected);
    }
}

#[test]
fn import_export_import_gives_the_same_table() {
    let first = read(
        &export_xlsx(&TRAINEES, rows()).unwrap(),
        "a.xlsx",
        &TRAINEES,
    )
    .unwrap();
    let displayed = |table: &gongjiang_sheets::Table| -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|row| {
                TRAINEES
                    .columns
                    .iter()
                    .zip(&row.cells)
                    .map(|(column, cell)| cell.as_ref().unwrap().display(column))
                    .collect()
            })
            .collect()
    };

    let via_xlsx = read(
        &export_xlsx(&TRAINEES, displayed(&first)).unwrap(),
        "b.xlsx",
        &TRAINEES,
    )
    .unwrap();
    let via_csv = read(
        &export_csv(&TRAINEES, displayed(&first)),
        "c.csv",
        &TRAINEES,
    )
    .unwrap();

    assert_eq!(via_xlsx.rows, first.rows);
    let cells = |table: &gongjiang_sheets::Table| {
        table
            .rows
            .iter()
            .map(|row| row.cells.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&via_csv), cells(&first));
}

#[test]
fn columns_may_be_reordered_and_optional_ones_dropped() {
    let file = crate::support::xlsx(|sheet| {
        write_row(sheet, 0, &["身份证号", "姓名"])?;
        write_row(sheet, 1, &["42010220060315001X", "李四"])
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    assert_eq!(table.rows[0].cells[0], Ok(Value::Text("李四".into())));
    assert_eq!(
        table.rows[0].cells[1],
        Ok(Value::Text("42010220060315001X".into()))
    );
    assert_eq!(table.rows[0].cells[2], Ok(Value::Empty));
    assert_eq!(table.rows[0].line, 2);
    assert!(!table.has_key_row);
}

#[test]
fn a_title_row_above_the_header_and_blank_rows_are_skipped() {
    let file = crate::support::xlsx(|sheet| {
        sheet.write_string(0, 0, "2024 级学员名单")?;
        write_row(sheet, 2, &["姓名", "身份证号"])?;
        write_row(sheet, 3, &["李四", "42010220060315001X"])?;
        write_row(sheet, 5, &["王五", "420111199901010024"])
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    assert_eq!(table.header_line, 3);
    assert_eq!(
        table.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        vec![4, 6]
    );
}

#[test]
fn exported_id_cells_carry_the_text_format_of_their_column() {
    let file = export_xlsx(&TRAINEES, [["李四", "0012345"]]).unwrap();
    let entries = unzip(&file);
    let sheet = String::from_utf8(
        entries
            .iter()
            .find(|(name, _)| name == "xl/worksheets/sheet1.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let styles = String::from_utf8(
        entries
            .iter()
            .find(|(name, _)| name == "xl/styles.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();

    // B3 has a style, and that style's number format is `@` (49).
    let b3 = &sheet[sheet.find("<c r=\"B3\"").unwrap()..];
    let style: usize = b3["<c r=\"B3\" s=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    assert!(xf.contains("numFmtId=\"49\""), "{xf}");
    assert!(
        sheet.contains("<c r=\"A3\" t=\"s\">"),
        "no per-cell style on text columns: {sheet}"
    );
}

/// Forty occupations: too long for an inline drop-down (255 characters).
const OCCUPATIONS: &[(&str, &str)] = &[
    ("6-25-04-01", "电子元器件制造工一"),
    ("6-25-04-02", "电子元器件制造工二"),
    ("6-25-04-03", "电子元器件制造工三"),
    ("6-25-04-04", "电子元器件制造工四"),
    ("6-25-04-05", "电子元器件制造工五"),
    ("6-25-04-06", "电子元器件制造工六"),
    ("6-25-04-07", "电子元器件制造工七"),
    ("6-25-04-08", "电子元器件制造工八"),
    ("6-25-04-09", "电子元器件制造工九"),
    ("6-25-04-10", "电子元器件制造工十"),
    ("6-25-04-11", "印制电路制作工一"),
    ("6-25-04-12", "印制电路制作工二"),
    ("6-25-04-13", "印制电路制作工三"),
    ("6-25-04-14", "印制电路制作工四"),
    ("6-25-04-15", "印制电路制作工五"),
    ("6-25-04-16", "印制电路制作工六"),
    ("6-25-04-17", "印制电路制作工七"),
    ("6-25-04-18", "印制电路制作工八"),
    ("6-25-04-19", "印制电路制作工九"),
    ("6-25-04-20", "印制电路制作工十"),
    ("6-25-04-21", "半导体分立器件工一"),
    ("6-25-04-22", "半导体分立器件工二"),
    ("6-25-04-23", "半导体分立器件工三"),
    ("6-25-04-24", "半导体分立器件工四"),
    ("6-25-04-25", "半导体分立器件工五"),
    ("6-25-04-26", "半导体分立器件工六"),
    ("6-25-04-27", "半导体分立器件工七"),
    ("6-25-04-28", "半导体分立器件工八"),
    ("6-25-04-29", "半导体分立器件工九"),
    ("6-25-04-30", "半导体分立器件工十"),
    ("6-25-04-31", "集成电路制造工一"),
    ("6-25-04-32", "集成电路制造工二"),
    ("6-25-04-33", "集成电路制造工三"),
    ("6-25-04-34", "集成电路制造工四"),
    ("6-25-04-35", "集成电路制造工五"),
    ("6-25-04-36", "集成电路制造工六"),
    ("6-25-04-37", "集成电路制造工七"),
    ("6-25-04-38", "集成电路制造工八"),
    ("6-25-04-39", "集成电路制造工九"),
    ("6-25-04-40", "集成电路制造工十"),
];

const DEMAND: gongjiang_sheets::SheetSpec = gongjiang_sheets::SheetSpec {
    name: "人才需求",
    columns: &[
        gongjiang_sheets::ColumnSpec::new(
            "occupation",
            "职业",
            gongjiang_sheets::ColumnKind::Choice(OCCUPATIONS),
        )
        .required(),
        gongjiang_sheets::ColumnSpec::new(
            "headcount",
            "人数",
            gongjiang_sheets::ColumnKind::Integer,
        )
        .required(),
    ],
};

#[test]
fn a_long_choice_list_lives_on_a_hidden_sheet_and_still_reads() {
    assert_eq!(DEMAND.check(), Ok(()));
    let template = template(&DEMAND).unwrap();
    let entries = unzip(&template);
    let text_of = |name: &str| {
        String::from_utf8(
            entries
                .iter()
                .find(|(entry, _)| entry == name)
                .unwrap()
                .1
                .clone(),
        )
        .unwrap()
    };

    let workbook = text_of("xl/workbook.xml");
    let data_sheet = text_of("xl/worksheets/sheet1.xml");
    assert!(
        workbook.contains("name=\"选项\" sheetId=\"3\" state=\"hidden\""),
        "{workbook}"
    );
    assert!(
        data_sheet.contains("<formula1>'选项'!$A$1:$A$40</formula1>"),
        "{data_sheet}"
    );

    let file = export_xlsx(&DEMAND, [["集成电路制造工十", "5"], ["6-25-04-01", "3"]]).unwrap();
    let table = read(&file, "需求.xlsx", &DEMAND).unwrap();
    assert_eq!(table.rows[0].cells[0], Ok(Value::Choice("6-25-04-40")));
    assert_eq!(table.rows[1].cells[0], Ok(Value::Choice("6-25-04-01")));
}

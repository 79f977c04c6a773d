//! Whole files refused: wrong formats, zip bombs, XML entities, columns,
//! merged cells, row caps; and CSV encodings accepted.

use std::time::Instant;

use gongjiang_sheets::{FileError, Limits, Value, export_xlsx, read, read_with};

use crate::support::{
    TRAINEES, declare_size, replace_entry, simple_xlsx, unzip, write_row, xlsx, zip_entries,
};

fn one_row() -> Vec<u8> {
    simple_xlsx(&[&["李四", "42010220060315001X"]])
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(read(b"", "a.xlsx", &TRAINEES), Err(FileError::Empty));
    assert_eq!(read(b"", "a.csv", &TRAINEES), Err(FileError::Empty));
}

#[test]
fn a_file_with_headers_only_has_no_data_rows() {
    assert_eq!(
        read(&simple_xlsx(&[]), "a.xlsx", &TRAINEES),
        Err(FileError::NoDataRows)
    );
    assert_eq!(
        read("姓名,身份证号\r\n,\r\n".as_bytes(), "a.csv", &TRAINEES),
        Err(FileError::NoDataRows)
    );
}

#[test]
fn a_sheet_with_nothing_on_it_is_empty() {
    let file = xlsx(|_| Ok(()));

    assert_eq!(read(&file, "a.xlsx", &TRAINEES), Err(FileError::Empty));
}

#[test]
fn a_sheet_without_any_known_header_has_no_header() {
    let file = xlsx(|sheet| write_row(sheet, 0, &["甲", "乙"]));

    let error = read(&file, "a.xlsx", &TRAINEES).unwrap_err();

    assert_eq!(error, FileError::NoHeader);
    assert!(error.message_zh().contains("未找到表头"));
}

#[test]
fn an_html_table_renamed_to_xlsx_is_refused() {
    let html = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>姓名</td></tr></table></body></html>";

    let error = read(html.as_bytes(), "学员名单.xlsx", &TRAINEES).unwrap_err();

    assert_eq!(error, FileError::NotXlsx);
    assert!(error.message_zh().contains("另存为 .xlsx"));
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused() {
    let zip = zip_entries(&[("readme.txt".to_owned(), b"hello".to_vec())]);

    assert_eq!(read(&zip, "a.xlsx", &TRAINEES), Err(FileError::NotXlsx));
}

#[test]
fn a_legacy_xls_file_is_refused_with_save_as_advice() {
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(512, 0);

    for name in ["学员名单.xls", "学员名单.xlsx"] {
        let error = read(&xls, name, &TRAINEES).unwrap_err();

        assert_eq!(error, FileError::LegacyXls, "{name}");
        assert!(error.message_zh().contains("另存为 .xlsx 格式后上传"));
    }
}

#[test]
fn a_workbook_renamed_to_csv_is_refused() {
    assert_eq!(read(&one_row(), "a.csv", &TRAINEES), Err(FileError::NotCsv));
}

#[test]
fn a_truncated_workbook_is_corrupt_not_a_panic() {
    let file = one_row();

    let result = read(&file[..file.len() / 2], "a.xlsx", &TRAINEES);

    assert!(
        matches!(result, Err(FileError::Corrupt { .. })),
        "{result:?}"
    );
}

#[test]
fn a_zip_bomb_is_refused_from_its_central_directory_without_inflating() {
    // sharedStrings.xml declares 1.5 GiB; its real data is a few hundred bytes.
    let bomb = declare_size(one_row(), "xl/sharedStrings.xml", 1536 * 1024 * 1024);
    assert!(bomb.len() < 64 * 1024);

    let started = Instant::now();
    let result = read(&bomb, "bomb.xlsx", &TRAINEES);
    let elapsed = started.elapsed();

    assert_eq!(
        result,
        Err(FileError::TooLarge {
            limit_bytes: 200 * 1024 * 1024
        })
    );
    eprintln!("zip bomb refused in {elapsed:?}");
}

#[test]
fn an_entry_that_inflates_past_its_declared_size_is_cut_off() {
    // An honest 16 MiB sharedStrings part, declared as 4 KiB: the zip reader stops at 4 KiB.
    let mut strings = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>".to_vec();
    strings.resize(16 * 1024 * 1024, b'a');
    strings.extend_from_slice(b"</t></si></sst>");
    let liar = declare_size(
        replace_entry(&one_row(), "xl/sharedStrings.xml", strings),
        "xl/sharedStrings.xml",
        4096,
    );
    assert!(liar.len() < 1024 * 1024, "small compressed: {}", liar.len());

    let result = read(&liar, "liar.xlsx", &TRAINEES);

    assert!(
        matches!(result, Err(FileError::Corrupt { .. })),
        "{result:?}"
    );
}

#[test]
fn too_many_zip_entries_are_refused() {
    let mut entries = unzip(&one_row());
    for index in 0..50 {
        entries.push((format!("xl/media/pad{index}.bin"), Vec::new()));
    }
    let limits = Limits {
        max_entries: 20,
        ..Limits::default()
    };

    let result = read_with(&zip_entries(&entries), "a.xlsx", &TRAINEES, &limits);

    assert_eq!(result, Err(FileError::TooManyEntries { limit: 20 }));
}

#[test]
fn xml_entities_are_never_resolved() {
    let strings = br#"<?xml version="1.0"?>
<!DOCTYPE sst [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>&xxe;</t></si><si><t>&lol3;</t></si><si><t>x</t></si></sst>"#;
    let file = replace_entry(&one_row(), "xl/sharedStrings.xml", strings.to_vec());

    let result = read(&file, "xxe.xlsx", &TRAINEES);

    match result {
        Err(FileError::Corrupt { .. }) => {}
        Ok(table) => {
            let text = format!("{table:?}");
            assert!(!text.contains("root:"), "{text}");
            assert!(!text.contains("lollol"), "{text}");
        }
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn missing_required_columns_are_named() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &["姓名", "手机号码"])?;
        write_row(sheet, 1, &["李四", "13800138000"])
    });

    let error = read(&file, "a.xlsx", &TRAINEES).unwrap_err();

    assert_eq!(
        error,
        FileError::MissingColumns {
            columns: vec!["身份证号"]
        }
    );
    assert_eq!(error.message_zh(), "缺少必填列：身份证号");
}

#[test]
fn unknown_columns_are_named() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &["姓名", "身份证号", "籍贯", "民族"])?;
        write_row(sheet, 1, &["李四", "42010220060315001X", "湖北", "汉"])
    });

    let error = read(&file, "a.xlsx", &TRAINEES).unwrap_err();

    assert_eq!(
        error,
        FileError::UnknownColumns {
            columns: vec!["籍贯".to_owned(), "民族".to_owned()]
        }
    );
    assert!(error.message_zh().contains("籍贯、民族"));
}

#[test]
fn data_under_an_empty_header_is_refused_with_its_column_letter() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &["姓名", "身份证号"])?;
        write_row(sheet, 1, &["李四", "42010220060315001X", "", "多出来的"])
    });

    assert_eq!(
        read(&file, "a.xlsx", &TRAINEES),
        Err(FileError::UnnamedColumn {
            column: "D".to_owned()
        })
    );
}

#[test]
fn merged_cells_in_the_data_are_refused_with_their_range() {
    let file = xlsx(|sheet| {
        write_row(sheet, 0, &["姓名", "身份证号", "备注"])?;
        write_row(sheet, 1, &["李四", "42010220060315001X"])?;
        sheet.merge_range(1, 2, 2, 2, "合并的备注", &rust_xlsxwriter::Format::new())?;
        write_row(sheet, 2, &["王五", "420111199901010024"])
    });

    let error = read(&file, "a.xlsx", &TRAINEES).unwrap_err();

    assert_eq!(
        error,
        FileError::MergedCells {
            ranges: vec!["C2:C3".to_owned()]
        }
    );
    assert!(error.message_zh().contains("C2:C3"));
}

#[test]
fn a_merged_title_above_the_header_is_fine() {
    let file = xlsx(|sheet| {
        sheet.merge_range(
            0,
            0,
            0,
            3,
            "2024 级学员名单",
            &rust_xlsxwriter::Format::new(),
        )?;
        write_row(sheet, 1, &["姓名", "身份证号"])?;
        write_row(sheet, 2, &["李四", "42010220060315001X"])
    });

    let table = read(&file, "a.xlsx", &TRAINEES).unwrap();

    assert_eq!(table.rows[0].line, 3);
}

#[test]
fn more_rows_than_the_cap_are_refused() {
    let rows = vec![vec!["李四", "42010220060315001X"]; 11];
    let limits = Limits {
        max_rows: 10,
        ..Limits::default()
    };

    let xlsx = read_with(
        &export_xlsx(&TRAINEES, &rows).unwrap(),
        "a.xlsx",
        &TRAINEES,
        &limits,
    );
    let csv = read_with(
        &gongjiang_sheets::export_csv(&TRAINEES, &rows),
        "a.csv",
        &TRAINEES,
        &limits,
    );

    assert_eq!(xlsx, Err(FileError::TooManyRows { limit: 10 }));
    assert_eq!(csv, Err(FileError::TooManyRows { limit: 10 }));
}

#[test]
fn a_gbk_csv_from_chinese_excel_is_decoded() {
    let text = "姓名,身份证号,性别,出生日期\r\n欧阳娜娜,42010220060315001X,女,2006/3/15\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());

    let table = read(&gbk, "名单.csv", &TRAINEES).unwrap();

    assert_eq!(table.rows[0].cells[0], Ok(Value::Text("欧阳娜娜".into())));
    assert_eq!(table.rows[0].cells[3], Ok(Value::Choice("female")));
}

#[test]
fn a_tab_separated_utf16_file_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "姓名\t身份证号\r\n李四\t42010220060315001X\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );

    let table = read(&bytes, "名单.csv", &TRAINEES).unwrap();

    assert_eq!(
        table.rows[0].cells[1],
        Ok(Value::Text("42010220060315001X".into()))
    );
}

#[test]
fn csv_lines_count_a_multi_line_cell_as_one_row() {
    let text = "姓名,身份证号,备注\r\n李四,42010220060315001X,\"第一行\n第二行\"\r\n王五,,\r\n";

    let table = read(text.as_bytes(), "a.csv", &TRAINEES).unwrap();

    assert_eq!(
        table.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert!(table.rows[1].cells[1].is_err());
}

#[test]
fn a_csv_with_a_scientific_notation_id_asks_for_text_format() {
    let text = "姓名,身份证号\n李四,4.20111E+17\n";

    let table = read(text.as_bytes(), "a.csv", &TRAINEES).unwrap();

    assert_eq!(
        table.rows[0].cells[1].as_ref().unwrap_err().message_zh(),
        "请将该列设置为文本格式后重新填写"
    );
}

#[test]
fn a_binary_file_named_csv_is_refused() {
    assert_eq!(
        read(b"\x00\x01\x02binary", "a.csv", &TRAINEES),
        Err(FileError::NotCsv)
    );
}

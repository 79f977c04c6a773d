//! The import template users download and fill in.
//!
//! Sheet one, named like the spec: row 1 the Chinese headers (bold, frozen,
//! required ones in red, each with a note saying how to fill it), row 2 the
//! English keys (hidden), row 3 an example that the reader ignores while it
//! is unchanged. Identifier columns are formatted as text (`@`) so Excel
//! keeps leading zeros and all 18 digits; choice columns get a drop-down
//! list. Sheet two, `填写说明`, lists every column with required/optional,
//! format, example and note, then the general rules.

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Formula, Workbook};

use crate::book::{HeaderParts, RED, Styles, col_num, display_width, write_header, write_text};
use crate::error::WriteError;
use crate::spec::{ColumnKind, SheetSpec};

/// Name of the instructions sheet in templates; the reader never reads it.
pub const NOTES_SHEET: &str = "填写说明";
/// Name of the hidden sheet holding long choice lists; never read.
pub const CHOICES_SHEET: &str = "选项";

/// Drop-down lists cover the data rows up to this row index.
const LAST_VALIDATED_ROW: u32 = 200_002;

/// Excel's limit on an inline list, in characters including commas.
const INLINE_LIST_LIMIT: usize = 255;

/// The template for a sheet, as `.xlsx` bytes.
pub fn template(spec: &SheetSpec) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    let mut long_lists: Vec<(usize, &'static [(&'static str, &'static str)])> = Vec::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(spec.name)?;
    write_header(
        sheet,
        spec,
        &styles,
        0,
        HeaderParts {
            key_row: true,
            notes: true,
        },
    )?;
    for (index, column) in spec.columns.iter().enumerate() {
        let col = col_num(index)?;
        write_text(
            sheet,
            2,
            col,
            column.example,
            styles.cell(Some(column), column.example),
        )?;
        if let ColumnKind::Choice(choices) = column.kind {
            let labels: Vec<&str> = choices.iter().map(|(_, label)| *label).collect();
            let inline = labels
                .iter()
                .map(|label| label.chars().count() + 1)
                .sum::<usize>()
                <= INLINE_LIST_LIMIT
                && !labels.iter().any(|label| label.contains(['"', ',']));
            let validation = if inline {
                DataValidation::new().allow_list_strings(&labels)?
            } else {
                let list_col = long_lists.len();
                long_lists.push((list_col, choices));
                let letter = crate::read::header::column_letters(u32::from(col_num(list_col)?));
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "='{CHOICES_SHEET}'!${letter}$1:${letter}${}",
                    choices.len()
                )))
            };
            let validation = validation
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title("输入有误")?
                .set_error_message(format!("请从下拉列表中选择{}", column.header))?;
            sheet.add_data_validation(2, col, LAST_VALIDATED_ROW, col, &validation)?;
        }
    }
    sheet.set_active(true);

    write_notes(workbook.add_worksheet(), spec)?;

    if !long_lists.is_empty() {
        let choices_sheet = workbook.add_worksheet();
        choices_sheet.set_name(CHOICES_SHEET)?;
        for (list_col, choices) in long_lists {
            let col = col_num(list_col)?;
            for (row, (_, label)) in choices.iter().enumerate() {
                choices_sheet.write_string(crate::book::row_num(row)?, col, *label)?;
            }
        }
        choices_sheet.set_hidden(true);
    }
    Ok(workbook.save_to_buffer()?)
}

/// The instructions sheet.
fn write_notes(sheet: &mut rust_xlsxwriter::Worksheet, spec: &SheetSpec) -> Result<(), WriteError> {
    sheet.set_name(NOTES_SHEET)?;
    let styles = Styles::new();
    let required = Format::new().set_font_color(rust_xlsxwriter::Color::RGB(RED));
    let wrap = Format::new().set_text_wrap();
    let headings = ["列名", "英文键", "是否必填", "格式", "示例", "说明"];
    for (col, heading) in headings.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, *heading, &styles.header)?;
    }
    let mut widths = headings.map(display_width);
    for (index, column) in spec.columns.iter().enumerate() {
        let row = crate::book::row_num(index + 1)?;
        let cells = [
            column.header.to_owned(),
            column.key.to_owned(),
            if column.required { "必填" } else { "选填" }.to_owned(),
            column.kind.format_zh(),
            column.example.to_owned(),
            column.note.to_owned(),
        ];
        for (col, text) in cells.iter().enumerate() {
            let format = match col {
                2 if column.required => Some(&required),
                4 => styles.cell(Some(column), text),
                _ => Some(&wrap),
            };
            write_text(sheet, row, col_num(col)?, text, format)?;
            widths[col] = widths[col].max(display_width(text));
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col_num(col)?, (*width as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    let rules = [
        "注意事项：".to_owned(),
        format!(
            "1. 请在“{}”工作表中填写，不要修改第 1 行的列名，也不要删除隐藏的第 2 行。",
            spec.name
        ),
        "2. 第 3 行是示例：可直接覆盖；若保持不变，导入时会被忽略。".to_owned(),
        "3. 红色列名为必填列。列的顺序可以调整，不需要的选填列可以删除。".to_owned(),
        "4. 身份证号、手机号码等列已设为文本格式，请勿改为数字或常规格式，否则末几位会变成 0。"
            .to_owned(),
        "5. 日期请写成 2024-09-01 的形式（也接受 2024/9/1、2024年9月1日）。".to_owned(),
        "6. 不要使用公式和合并单元格；从其他表格复制时请“选择性粘贴 → 数值”。".to_owned(),
        "7. 导入时先检查全部行：只要有一行有问题，就不会导入任何数据，并给出逐行的问题报告。"
            .to_owned(),
    ];
    let first = crate::book::row_num(spec.columns.len() + 2)?;
    for (offset, rule) in rules.iter().enumerate() {
        let row = first + crate::book::row_num(offset)?;
        let format = (offset == 0).then_some(&styles.header);
        write_text(sheet, row, 0, rule, format)?;
    }
    Ok(())
}

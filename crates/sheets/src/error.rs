//! What can be wrong with an uploaded file as a whole ([`FileError`]), with
//! one cell ([`CellProblem`]), or with writing a workbook ([`WriteError`]).
//!
//! Problems are data; `message_zh` and `message_en` word them for the page.
//! `Display` is English and may carry internal detail for the log; never show
//! it to a user.

use crate::spec::choice_labels;

/// The whole file is refused; no row is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// The name ends in something other than `.xlsx` or `.csv`.
    #[error("unsupported file extension {extension:?}")]
    UnsupportedExtension {
        /// The extension as given, without the dot (may be empty).
        extension: String,
    },
    /// A legacy `.xls` workbook, or an encrypted `.xlsx` (both are OLE
    /// compound files starting `D0 CF 11 E0`).
    #[error("legacy .xls or encrypted workbook")]
    LegacyXls,
    /// Named `.xlsx` but the content is not an xlsx package (e.g. an HTML
    /// table renamed, or a zip without `xl/workbook.xml`).
    #[error("the content is not an xlsx workbook")]
    NotXlsx,
    /// Named `.csv` but the content is binary (a workbook renamed, …).
    #[error("the content is not CSV text")]
    NotCsv,
    /// The package or its XML could not be read.
    #[error("the file is damaged: {detail}")]
    Corrupt {
        /// Internal detail for the log; not for users.
        detail: String,
    },
    /// The declared uncompressed size of the package (or the size of a CSV)
    /// is over the limit; refused before anything is inflated.
    #[error("the content is larger than {limit_bytes} bytes uncompressed")]
    TooLarge {
        /// The limit in bytes.
        limit_bytes: u64,
    },
    /// The package has more entries than the limit.
    #[error("the package has more than {limit} entries")]
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// No row in the first rows names any of the sheet's columns.
    #[error("no header row found")]
    NoHeader,
    /// A header row but no data row (the unchanged example row does not count).
    #[error("no data rows")]
    NoDataRows,
    /// Required columns are absent; Chinese headers in spec order.
    #[error("missing columns: {}", columns.join(", "))]
    MissingColumns {
        /// Chinese headers of the missing columns.
        columns: Vec<&'static str>,
    },
    /// Headers that name no column of the sheet, as written in the file.
    #[error("unknown columns: {}", columns.join(", "))]
    UnknownColumns {
        /// The unknown headers.
        columns: Vec<String>,
    },
    /// Data in a column whose header cell is empty.
    #[error("data in column {column} which has no header")]
    UnnamedColumn {
        /// Column letter, e.g. `H` (for CSV: the 1-based position as letters too).
        column: String,
    },
    /// Two columns of the file name the same column of the sheet.
    #[error("column {column} appears twice")]
    DuplicateColumn {
        /// Chinese header of the repeated column.
        column: &'static str,
    },
    /// More data rows than the limit.
    #[error("more than {limit} rows")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// Merged cells in the header row or below.
    #[error("merged cells: {}", ranges.join(", "))]
    MergedCells {
        /// The merged ranges, e.g. `B3:C3`.
        ranges: Vec<String>,
    },
}

impl FileError {
    /// The problem in Chinese, for the import page.
    pub fn message_zh(&self) -> String {
        match self {
            Self::Empty => "文件为空，请选择填写好的文件".to_owned(),
            Self::UnsupportedExtension { .. } => {
                "只接受 .xlsx 或 .csv 文件，请使用下载的模板填写".to_owned()
            }
            Self::LegacyXls => {
                "不支持旧版 .xls 文件或加密的文件：请在 Excel 中取消密码保护，另存为 .xlsx 格式后上传"
                    .to_owned()
            }
            Self::NotXlsx => {
                "文件扩展名为 .xlsx，但内容不是 Excel 工作簿：请用 Excel 打开后另存为 .xlsx 格式再上传"
                    .to_owned()
            }
            Self::NotCsv => "文件扩展名为 .csv，但内容不是文本：请上传 .xlsx 文件或重新导出 CSV".to_owned(),
            Self::Corrupt { .. } => "文件已损坏，无法读取：请用 Excel 打开后重新保存再上传".to_owned(),
            Self::TooLarge { limit_bytes } => format!(
                "文件内容过大（解压后超过 {} MB），请分批导入",
                limit_bytes / (1024 * 1024)
            ),
            Self::TooManyEntries { limit } => {
                format!("文件结构异常（包含超过 {limit} 个部件），请用 Excel 重新保存后上传")
            }
            Self::NoHeader => "未找到表头：第一行应为列名，请使用下载的模板填写".to_owned(),
            Self::NoDataRows => "文件中没有数据行（示例行不计入）".to_owned(),
            Self::MissingColumns { columns } => format!("缺少必填列：{}", columns.join("、")),
            Self::UnknownColumns { columns } => {
                format!("存在模板中没有的列：{}，请删除这些列或使用下载的模板", columns.join("、"))
            }
            Self::UnnamedColumn { column } => {
                format!("第 {column} 列有数据但没有表头，请删除该列数据或使用下载的模板")
            }
            Self::DuplicateColumn { column } => format!("列“{column}”出现了两次，请删除其中一列"),
            Self::TooManyRows { limit } => format!("数据行超过 {limit} 行，请分批导入"),
            Self::MergedCells { ranges } => {
                format!("表格中不能有合并单元格，请取消合并：{}", ranges.join("、"))
            }
        }
    }

    /// The problem in English, for the import page.
    pub fn message_en(&self) -> String {
        match self {
            Self::Empty => "The file is empty; choose the filled-in file.".to_owned(),
            Self::UnsupportedExtension { .. } => {
                "Only .xlsx and .csv files are accepted; fill in the downloaded template.".to_owned()
            }
            Self::LegacyXls => "Legacy .xls and password-protected files are not accepted: remove the password and save as .xlsx in Excel, then upload again.".to_owned(),
            Self::NotXlsx => "The file is named .xlsx but is not an Excel workbook: open it in Excel and save as .xlsx, then upload again.".to_owned(),
            Self::NotCsv => "The file is named .csv but is not text: upload an .xlsx file or export the CSV again.".to_owned(),
            Self::Corrupt { .. } => "The file is damaged and cannot be read: open it in Excel, save it again and upload it.".to_owned(),
            Self::TooLarge { limit_bytes } => format!(
                "The file is too large (over {} MB uncompressed); import it in parts.",
                limit_bytes / (1024 * 1024)
            ),
            Self::TooManyEntries { limit } => format!(
                "The file has an unusual structure (over {limit} parts); save it again in Excel and upload it."
            ),
            Self::NoHeader => "No header row found: the first row must name the columns; use the downloaded template.".to_owned(),
            Self::NoDataRows => "The file has no data rows (the example row does not count).".to_owned(),
            Self::MissingColumns { columns } => format!("Required columns are missing: {}.", columns.join(", ")),
            Self::UnknownColumns { columns } => format!(
                "Columns not in the template: {}; delete them or use the downloaded template.",
                columns.join(", ")
            ),
            Self::UnnamedColumn { column } => format!(
                "Column {column} has data but no header; delete the data or use the downloaded template."
            ),
            Self::DuplicateColumn { column } => format!("Column \"{column}\" appears twice; delete one of them."),
            Self::TooManyRows { limit } => format!("More than {limit} data rows; import them in parts."),
            Self::MergedCells { ranges } => format!("Merged cells are not allowed; unmerge {}.", ranges.join(", ")),
        }
    }
}

/// What is wrong with one cell. The row and column come from where the
/// problem sits in the [`crate::Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The cell as the user sees it, so the report can show it unchanged.
    pub raw: String,
}

/// The kinds of cell problem the file layer finds. The domain's own rules
/// (check digits, duplicates, …) are the caller's problems, not these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// Empty, but the column is required.
    Required,
    /// The cell holds a formula.
    Formula,
    /// A number (or date, or TRUE/FALSE) cell in an identifier column.
    NumberInIdColumn,
    /// Not a whole number.
    NotInteger,
    /// Not a date in an accepted form.
    NotDate,
    /// Not one of the column's choices; the choices are listed.
    NotChoice {
        /// The column's choices, `(stored value, Chinese label)`.
        choices: &'static [(&'static str, &'static str)],
    },
    /// An Excel error value such as `#N/A` or `#REF!`.
    ErrorValue,
    /// Longer than `max` characters.
    TooLong {
        /// The limit in characters (Excel's own cell limit by default).
        max: usize,
    },
}

impl CellProblem {
    /// The problem in Chinese, for the page and the report.
    pub fn message_zh(&self) -> String {
        self.kind.message_zh()
    }

    /// The problem in English.
    pub fn message_en(&self) -> String {
        self.kind.message_en()
    }
}

impl ProblemKind {
    /// The problem in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            Self::Required => "必填，不能为空".to_owned(),
            Self::Formula => "不接受公式，请粘贴为数值".to_owned(),
            Self::NumberInIdColumn => "请将该列设置为文本格式后重新填写".to_owned(),
            Self::NotInteger => "应为整数".to_owned(),
            Self::NotDate => "日期格式不正确，应如 2024-09-01".to_owned(),
            Self::NotChoice { choices } => format!("应为以下之一：{}", choice_labels(choices)),
            Self::ErrorValue => "单元格是错误值（如 #N/A），请更正".to_owned(),
            Self::TooLong { max } => format!("内容过长，最多 {max} 个字符"),
        }
    }

    /// The problem in English.
    pub fn message_en(&self) -> String {
        match self {
            Self::Required => "Required; must not be empty.".to_owned(),
            Self::Formula => "Formulas are not accepted; paste the values instead.".to_owned(),
            Self::NumberInIdColumn => {
                "Format this column as text, then fill it in again.".to_owned()
            }
            Self::NotInteger => "Must be a whole number.".to_owned(),
            Self::NotDate => "Not a valid date; write it like 2024-09-01.".to_owned(),
            Self::NotChoice { choices } => format!(
                "Must be one of: {}.",
                choices
                    .iter()
                    .map(|(value, label)| format!("{label} ({value})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::ErrorValue => {
                "The cell holds an error value (such as #N/A); correct it.".to_owned()
            }
            Self::TooLong { max } => format!("Too long; at most {max} characters."),
        }
    }
}

/// A workbook could not be written. Only a value the writer refuses (a string
/// over 32,767 characters, more than 1,048,576 rows) or a bug causes this.
#[derive(Debug, thiserror::Error)]
#[error("could not write the workbook: {0}")]
pub struct WriteError(#[source] rust_xlsxwriter::XlsxError);

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        Self(error)
    }
}

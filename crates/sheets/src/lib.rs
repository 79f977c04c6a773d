//! Excel (`.xlsx`) and CSV files for Gongjiang's roster imports and exports.
//! Pure: byte slices in, byte vectors out; no I/O, no async, no database,
//! and no knowledge of the domain's rules.
//!
//! - A [`SheetSpec`] names a sheet and its [`ColumnSpec`]s (English key,
//!   Chinese header, required, [`ColumnKind`], example, note).
//! - [`template()`] writes the `.xlsx` template users fill in.
//! - [`read()`] reads an upload into a [`Table`] whose cells are typed
//!   [`Value`]s or [`CellProblem`]s, or refuses the whole file with a
//!   [`FileError`] (wrong format, zip bomb, missing columns, …).
//! - [`error_report()`] writes the upload back with a `问题` column and the
//!   bad cells in red, from the table's problems plus the caller's.
//! - [`export_xlsx()`] and [`export_csv()`] write rows of strings, safe from
//!   formula injection; [`content_disposition()`] names the download.
//!
//! All-or-nothing import is the caller's job: it stores nothing unless the
//! table and its own checks found no problem. `docs/sheets.md` describes the
//! template, the limits and the measured speeds.
//!
//! ```
//! use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec, Value, export_xlsx, read};
//!
//! const TRAINEES: SheetSpec = SheetSpec {
//!     name: "学员名单",
//!     columns: &[
//!         ColumnSpec::new("name", "姓名", ColumnKind::Text).required().example("张三"),
//!         ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike).required(),
//!     ],
//! };
//!
//! let file = export_xlsx(&TRAINEES, [["李四", "42010220060315001X"]])?;
//! let table = read(&file, "学员名单.xlsx", &TRAINEES)?;
//!
//! assert_eq!(table.rows[0].line, 3); // row 2 holds the hidden English keys
//! assert_eq!(table.rows[0].cells[1], Ok(Value::Text("42010220060315001X".into())));
//! assert!(!table.has_problems());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod book;
mod disposition;
mod error;
mod export;
mod read;
mod report;
mod sniff;
mod spec;
mod table;
mod template;

pub use disposition::content_disposition;
pub use error::{CellProblem, FileError, ProblemKind, WriteError};
pub use export::{
    FORMULA_TRIGGERS, export_csv, export_table_csv, export_table_xlsx, export_xlsx,
    export_xlsx_book,
};
pub use read::{read, read_with};
pub use report::{PROBLEM_LIST_SHEET, error_report};
pub use spec::{ColumnKind, ColumnSpec, PROBLEM_HEADER, PROBLEM_KEY, SheetSpec};
pub use table::{Cell, Limits, Row, RowProblem, Table, Value};
pub use template::{CHOICES_SHEET, NOTES_SHEET, template};

//! The alliance's catalogues, kept by the secretariat: the industry-chain
//! segment tree and the occupation catalogue (loadable from a file, since the
//! national codes change and many are still to be verified).

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::imports::{Outcome, Refusal, Row, RowProblem};
use crate::policy::Permission;
use gongjiang_domain::members::name_field;
use gongjiang_domain::{FieldError, FieldErrors, Problem};
use gongjiang_store::demand::Occupation;
use serde_json::json;

/// A segment as typed.
#[derive(Debug, Clone, Default)]
pub struct SegmentInput {
    /// `code` (lower-case letters, digits, `_`).
    pub code: String,
    /// `parent_code` (empty for a top-level segment).
    pub parent_code: String,
    /// `name_zh`.
    pub name_zh: String,
    /// `name_en`.
    pub name_en: String,
    /// `position` (sort order among siblings).
    pub position: String,
}

fn segment_code(text: &str) -> std::result::Result<String, Problem> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.len() > 30
        || !t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(Problem::InvalidFormat);
    }
    Ok(t)
}

/// Adds or changes a segment of the chain tree; a parent must exist and the tree must stay a tree.
pub async fn save_segment(app: &App, actor: &Actor, input: &SegmentInput) -> Result<()> {
    actor.require(Permission::ManageCatalogues)?;
    let mut e = FieldErrors::new();
    let code = e.check("code", segment_code(&input.code));
    let parent = if input.parent_code.trim().is_empty() {
        Some(None)
    } else {
        e.check("parent_code", segment_code(&input.parent_code).map(Some))
    };
    let name_zh = e.check("name_zh", name_field(&input.name_zh, 1, 40));
    let name_en = e.check("name_en", name_field(&input.name_en, 0, 80));
    let position = if input.position.trim().is_empty() {
        Some(100)
    } else {
        e.check(
            "position",
            gongjiang_domain::demand::integer_field(&input.position, 0, 10_000),
        )
    };
    let mut tx = app.db.write().await?;
    let parents = gongjiang_store::members::segment_parents(&mut tx).await?;
    if let (Some(code), Some(Some(parent))) = (&code, &parent) {
        if !parents.iter().any(|(c, _)| c == parent) {
            e.push("parent_code", Problem::InvalidChoice);
        } else {
            // Walk up from the new parent: reaching `code` would close a loop.
            let mut at = Some(parent.clone());
            let mut steps = 0;
            while let Some(current) = at {
                if &current == code || steps > parents.len() {
                    e.push(
                        "parent_code",
                        Problem::Rule {
                            key: "segment_cycle",
                        },
                    );
                    break;
                }
                at = parents
                    .iter()
                    .find(|(c, _)| *c == current)
                    .and_then(|(_, p)| p.clone());
                steps += 1;
            }
        }
    }
    e.clone().into_result()?;
    let (Some(code), Some(parent), Some(name_zh), Some(name_en), Some(position)) =
        (code, parent, name_zh, name_en, position)
    else {
        return Err(Error::Invalid(e));
    };
    let existed = parents.iter().any(|(c, _)| *c == code);
    gongjiang_store::members::save_segment(
        &mut tx,
        &code,
        parent.as_deref(),
        &name_zh,
        &name_en,
        position,
    )
    .await?;
    record(
        &mut tx,
        app,
        actor,
        if existed { "segment.update" } else { "segment.create" },
        "segment",
        &code,
        None,
        serde_json::Value::Null,
        json!({"parent_code": parent, "name_zh": name_zh, "name_en": name_en, "position": position}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// The occupation catalogue file.
pub const OCCUPATION_SHEET: gongjiang_sheets::SheetSpec = {
    use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
    SheetSpec {
        name: "职业目录",
        columns: &[
            ColumnSpec::new("code", "职业编码", ColumnKind::IdLike)
                .required()
                .example("6-25-01-13")
                .note("大典 2022 编码 D-DD-DD-DD"),
            ColumnSpec::new("name", "职业名称", ColumnKind::Text)
                .required()
                .example("印制电路制作工"),
            ColumnSpec::new("edition", "版本", ColumnKind::Text).example("2022"),
            ColumnSpec::new("verified", "已核实", ColumnKind::Text)
                .example("是")
                .note("是 / 否：编码是否已与印刷版核对"),
            ColumnSpec::new("segments", "产业链环节", ColumnKind::Text)
                .example("pcb")
                .note("环节编码或中文名称，多个用顿号分隔"),
        ],
    }
};

fn occupation_code(text: &str) -> std::result::Result<String, Problem> {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let shape = parts.len() == 4 && parts[0].len() == 1 && parts[1..].iter().all(|p| p.len() == 2);
    if t.is_empty() {
        Err(Problem::Required)
    } else if !shape
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == 'x' || c == 'X')
    {
        Err(Problem::InvalidFormat)
    } else {
        Ok(t.to_uppercase().replace('X', "x"))
    }
}

/// Loads occupations from a file, all or nothing; rows are matched by code.
pub async fn import_occupations(
    app: &App,
    actor: &Actor,
    rows: &[Row],
) -> std::result::Result<Outcome, Refusal> {
    actor.require(Permission::ManageCatalogues)?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let segments = gongjiang_store::members::segments(&mut tx).await?;
    let existing = gongjiang_store::demand::occupations(&mut tx).await?;
    let mut problems = Vec::new();
    let mut valid = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let get = |k: &str| row.cells.get(k).cloned().unwrap_or_default();
        let mut push = |field: &str, p: Problem| {
            problems.push(RowProblem {
                line: row.line,
                error: FieldError::new(field, p),
            })
        };
        let code = match occupation_code(&get("code")) {
            Ok(c) => Some(c),
            Err(p) => {
                push("code", p);
                None
            }
        };
        let name = match name_field(&get("name"), 2, 60) {
            Ok(n) => Some(n),
            Err(p) => {
                push("name", p);
                None
            }
        };
        let verified = match gongjiang_domain::demand::flag_field(&get("verified")) {
            Ok(v) => v,
            Err(p) => {
                push("verified", p);
                false
            }
        };
        let mut segs = Vec::new();
        for s in get("segments")
            .split(['、', ',', ';', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match segments.iter().find(|x| x.code == s || x.name_zh == s) {
                Some(x) => segs.push(x.code.clone()),
                None => push("segments", Problem::InvalidChoice),
            }
        }
        if let (Some(code), Some(name)) = (code, name) {
            if !seen.insert(code.clone()) {
                push(
                    "code",
                    Problem::Rule {
                        key: "duplicate_in_file",
                    },
                );
                continue;
            }
            let edition = if get("edition").trim().is_empty() {
                "2022".to_string()
            } else {
                get("edition").trim().to_string()
            };
            valid.push(Occupation {
                code,
                name,
                edition,
                verified,
                segments: segs,
            });
        }
    }
    // Unreadable cells refuse the file too; the caller reports them beside these.
    crate::imports::refuse_if_any(problems, rows)?;
    let mut outcome = Outcome::default();
    for o in &valid {
        if existing.iter().any(|e| e.code == o.code) {
            outcome.updated += 1;
        } else {
            outcome.created += 1;
        }
        gongjiang_store::demand::save_occupation(&mut tx, o, now).await?;
    }
    record(
        &mut tx,
        app,
        actor,
        "occupation.import",
        "catalogue",
        "occupations",
        None,
        serde_json::Value::Null,
        json!({"created": outcome.created, "updated": outcome.updated}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(outcome)
}

/// A segment at its depth in the tree (0 at the top).
#[derive(Debug, Clone)]
pub struct TreeSegment {
    /// The segment.
    pub segment: gongjiang_store::members::SegmentRow,
    /// How deep it sits.
    pub depth: usize,
}

/// The segment tree, parents before their children, siblings in display order
/// (public, like the segments themselves).
pub async fn segment_tree(app: &App) -> Result<Vec<TreeSegment>> {
    let mut conn = app.db.read().await?;
    let rows = gongjiang_store::members::segment_rows(&mut conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    fn visit(
        rows: &[gongjiang_store::members::SegmentRow],
        parent: Option<&str>,
        depth: usize,
        out: &mut Vec<TreeSegment>,
    ) {
        // `save_segment` keeps the tree free of loops, so the depth is bounded
        // by the number of segments.
        for row in rows.iter().filter(|r| r.parent_code.as_deref() == parent) {
            out.push(TreeSegment {
                segment: row.clone(),
                depth,
            });
            if depth < rows.len() {
                visit(rows, Some(&row.code), depth + 1, out);
            }
        }
    }
    visit(&rows, None, 0, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occupation_codes_have_the_d_dd_dd_dd_shape() {
        assert_eq!(occupation_code("6-25-01-13"), Ok("6-25-01-13".into()));
        assert_eq!(occupation_code("6-25-02-xx"), Ok("6-25-02-xx".into()));
        assert_eq!(occupation_code("6-25-1-13"), Err(Problem::InvalidFormat));
        assert_eq!(occupation_code("印制电路"), Err(Problem::InvalidFormat));
    }
}

//! List exports laid out as the import sheets: a school's majors, cohorts and
//! teachers in the columns of [`MAJOR_SHEET`], [`COHORT_SHEET`] and
//! [`TEACHER_SHEET`], each value written the way the sheet's reader accepts it
//! (choices by their Chinese label, lists joined with `、`, yes/no as 是/否),
//! so an exported file can be edited and imported again as it is.
//!
//! The `web` crate turns the rows into `.xlsx` or CSV with `gongjiang_sheets`.

use crate::App;
use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::imports::{COHORT_SHEET, MAJOR_SHEET, TEACHER_SHEET};
use crate::policy::Permission;
use gongjiang_domain::ids::OrgId;
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::Connection;

/// One row in `spec`'s column order: `value(key)` gives each column's stored
/// text, and a choice column's stored value becomes its Chinese label.
pub fn row(spec: &SheetSpec, value: impl Fn(&str) -> String) -> Vec<String> {
    spec.columns
        .iter()
        .map(|column| cell(column, value(column.key)))
        .collect()
}

fn cell(column: &ColumnSpec, stored: String) -> String {
    match column.kind {
        ColumnKind::Choice(choices) => choices
            .iter()
            .find(|(value, _)| *value == stored)
            .map_or(stored, |(_, label)| (*label).to_string()),
        _ => stored,
    }
}

/// `yes` or `no`, the stored values of a yes/no column (是/否 once exported).
pub fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// The acting unit when it is a school whose lists the actor may see
/// (the same check as the `/school` page); another unit has no such lists.
async fn own_school(conn: &mut Connection, actor: &Actor) -> Result<OrgId> {
    let me = actor.user()?;
    actor.require(Permission::ViewTrainees(me.org_id))?;
    let org = gongjiang_store::members::get_org(conn, me.org_id)
        .await?
        .filter(|o| o.kind.is_school())
        .ok_or(Error::NotFound("school"))?;
    Ok(org.id)
}

/// The acting school's majors as rows of [`MAJOR_SHEET`], in the list's order.
pub async fn majors(app: &App, actor: &Actor) -> Result<Vec<Vec<String>>> {
    let mut conn = app.db.read().await?;
    let org = own_school(&mut conn, actor).await?;
    let majors = gongjiang_store::supply::majors(&mut conn, Some(org)).await?;
    Ok(majors
        .iter()
        .map(|m| {
            row(&MAJOR_SHEET, |key| match key {
                "code" => m.code.clone(),
                "name" => m.name.clone(),
                "level" => m.level.as_str().into(),
                "length_years" => m.length_years.to_string(),
                "annual_intake" => m.annual_intake.to_string(),
                "occupations" => m.occupations.join("、"),
                _ => String::new(),
            })
        })
        .collect())
}

/// The acting school's cohorts as rows of [`COHORT_SHEET`]: the major by code
/// and level, an order class's sponsor by credit code.
pub async fn cohorts(app: &App, actor: &Actor) -> Result<Vec<Vec<String>>> {
    let mut conn = app.db.read().await?;
    let org = own_school(&mut conn, actor).await?;
    let majors = gongjiang_store::supply::majors(&mut conn, Some(org)).await?;
    let cohorts = gongjiang_store::supply::cohorts(&mut conn, Some(org)).await?;
    let mut sponsors: Vec<(OrgId, String)> = Vec::new();
    for sponsor in cohorts.iter().filter_map(|c| c.sponsor_org_id) {
        if !sponsors.iter().any(|(id, _)| *id == sponsor) {
            let code = gongjiang_store::members::get_org(&mut conn, sponsor)
                .await?
                .map(|o| o.credit_code)
                .unwrap_or_default();
            sponsors.push((sponsor, code));
        }
    }
    Ok(cohorts
        .iter()
        .map(|c| {
            let major = majors.iter().find(|m| m.id == c.major_id);
            row(&COHORT_SHEET, |key| match key {
                "name" => c.name.clone(),
                "major_code" => major.map(|m| m.code.clone()).unwrap_or_default(),
                "major_level" => major
                    .map(|m| m.level.as_str().to_string())
                    .unwrap_or_default(),
                "entry_year" => c.entry_year.to_string(),
                "graduation_year" => c.graduation_year.to_string(),
                "size" => c.size.to_string(),
                "sponsor_credit_code" => c
                    .sponsor_org_id
                    .and_then(|s| sponsors.iter().find(|(id, _)| *id == s))
                    .map(|(_, code)| code.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
        })
        .collect())
}

/// The acting school's teachers (shared or not) as rows of [`TEACHER_SHEET`].
pub async fn teachers(app: &App, actor: &Actor) -> Result<Vec<Vec<String>>> {
    let mut conn = app.db.read().await?;
    let org = own_school(&mut conn, actor).await?;
    let teachers = gongjiang_store::supply::teachers(&mut conn, Some(org), false).await?;
    Ok(teachers
        .iter()
        .map(|t| {
            row(&TEACHER_SHEET, |key| match key {
                "name" => t.name.clone(),
                "employment" => t.employment.as_str().into(),
                "specialties" => t.specialties.join("、"),
                "dual_qualified" => t.dual_qualified.as_str().into(),
                "title" => t.title.clone(),
                "skill_level" => t.skill_level.clone().unwrap_or_default(),
                "practice_days" => t.practice_days.to_string(),
                "shared" => yes_no(t.shared),
                _ => String::new(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_follows_the_sheet_and_words_choices_by_their_labels() {
        let cells = row(&TEACHER_SHEET, |key| match key {
            "name" => "李明".into(),
            "employment" => "enterprise_part_time".into(),
            "specialties" => "印制电路制作、电子装配".into(),
            "dual_qualified" => "senior".into(),
            "title" => "讲师".into(),
            "skill_level" => "level2".into(),
            "practice_days" => "120".into(),
            "shared" => yes_no(true),
            _ => "unexpected".into(),
        });

        assert_eq!(
            cells,
            vec![
                "李明",
                "企业兼职",
                "印制电路制作、电子装配",
                "高级双师",
                "讲师",
                "二级/技师",
                "120",
                "是"
            ]
        );
    }

    #[test]
    fn a_value_outside_the_choices_is_kept_as_it_is() {
        let cells = row(&MAJOR_SHEET, |key| match key {
            "level" => "unknown_level".into(),
            _ => String::new(),
        });
        assert_eq!(cells[2], "unknown_level");
    }
}

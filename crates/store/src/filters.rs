//! A `WHERE` clause built from the filters a list actually sets.
//!
//! Optional filters written as `($1 = '' OR col = $1)` defeat SQLite's
//! indexes and give PostgreSQL a generic plan that scans (DESIGN.md,
//! pitfalls). A [`Where`] holds only the conditions that are set, each a
//! `&'static str` fragment with `?` where its value goes; [`Where::sql`]
//! numbers the placeholders `$1…$n` (the form both databases accept) and is
//! the one place in `store` that builds SQL text, from fixed fragments only:
//! values are always bound, never written into the text.

use sqlx::AssertSqlSafe;

/// Conditions joined by `AND`, with their values in order.
#[derive(Debug, Default, Clone)]
pub struct Where {
    fragments: Vec<&'static str>,
    binds: Vec<String>,
}

impl Where {
    /// No condition.
    pub fn new() -> Where {
        Where::default()
    }

    /// Adds `fragment` (with one `?` per value) and its values.
    pub fn and(&mut self, fragment: &'static str, values: impl IntoIterator<Item = String>) {
        let values: Vec<String> = values.into_iter().collect();
        debug_assert_eq!(
            fragment.matches('?').count(),
            values.len(),
            "one value per placeholder in {fragment}"
        );
        self.fragments.push(fragment);
        self.binds.extend(values);
    }

    /// Adds `fragment` with its one value when the value is set.
    pub fn and_some(&mut self, fragment: &'static str, value: Option<String>) {
        if let Some(v) = value {
            self.and(fragment, [v]);
        }
    }

    /// The values to bind, in placeholder order.
    pub fn binds(&self) -> &[String] {
        &self.binds
    }

    /// The number the next placeholder after these conditions gets.
    pub fn next_placeholder(&self) -> usize {
        self.binds.len() + 1
    }

    /// `head` + ` WHERE …` (when any condition is set) + ` ` + `tail`, with
    /// every `?` of the fragments and of `tail` numbered in order.
    pub fn sql(&self, head: &'static str, tail: &'static str) -> AssertSqlSafe<String> {
        let mut text = String::from(head);
        if !self.fragments.is_empty() {
            text.push_str(" WHERE ");
            text.push_str(&self.fragments.join(" AND "));
        }
        if !tail.is_empty() {
            text.push(' ');
            text.push_str(tail);
        }
        let mut numbered = String::with_capacity(text.len() + 8);
        let mut n = 0;
        for c in text.chars() {
            if c == '?' {
                n += 1;
                numbered.push('$');
                numbered.push_str(&n.to_string());
            } else {
                numbered.push(c);
            }
        }
        AssertSqlSafe(numbered)
    }
}

/// Values as the JSON array that `IN (SELECT value FROM json_each($1))`
/// (SQLite) and `IN (SELECT json_array_elements_text($1::json))`
/// (PostgreSQL) read: one bound parameter for a list of any length.
pub fn json_list<T: ToString>(values: &[T]) -> String {
    let list: Vec<String> = values.iter().map(T::to_string).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// A statement comparing a column with a list of values, in the
/// connection's form: `head` ends with the column (`SELECT … FROM trainees
/// WHERE id`), `tail` follows the list (`ORDER BY …`, or empty); both are
/// fixed text of this crate. The list is the statement's one parameter,
/// `$1`, bound as [`json_list`]: one statement for a list of any length,
/// each value looked up on the column's index.
pub fn in_list(
    conn: &sqlx::AnyConnection,
    head: &'static str,
    tail: &'static str,
) -> AssertSqlSafe<String> {
    let list = if on_sqlite(conn) {
        "IN (SELECT value FROM json_each($1))"
    } else {
        "IN (SELECT json_array_elements_text($1::json))"
    };
    AssertSqlSafe(format!("{head} {list} {tail}").trim_end().to_string())
}

/// True when the connection is SQLite (the two forms of a JSON-list query).
pub fn on_sqlite(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// A `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` taken
/// literally (use with `ESCAPE '\'`).
pub fn contains(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_set_conditions_are_written_and_placeholders_are_numbered_in_order() {
        let mut w = Where::new();
        w.and_some("org_id = ?", Some("o1".into()));
        w.and_some("city = ?", None);
        w.and(
            "(name LIKE ? ESCAPE '\\' OR no LIKE ? ESCAPE '\\')",
            [contains("张"), contains("张")],
        );
        let sql = w.sql("SELECT id FROM t", "ORDER BY id LIMIT ? OFFSET ?");
        assert_eq!(
            sql.0,
            "SELECT id FROM t WHERE org_id = $1 AND (name LIKE $2 ESCAPE '\\' OR no LIKE $3 ESCAPE '\\') ORDER BY id LIMIT $4 OFFSET $5"
        );
        assert_eq!(w.binds(), ["o1", "%张%", "%张%"]);
        assert_eq!(w.next_placeholder(), 4);
    }

    #[test]
    fn no_condition_writes_no_where_and_like_wildcards_are_literal() {
        assert_eq!(Where::new().sql("SELECT 1", "").0, "SELECT 1");
        assert_eq!(contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}

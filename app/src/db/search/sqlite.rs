//! SQLite FTS5: entries are space-separated analyzer tokens, and queries are FTS5 match
//! expressions in which every token is a quoted string (so nothing typed is ever syntax).

use crate::db::sql::{Bind, Sql};
use crate::domain::search::document::{category_scope, option_scope};
use crate::domain::search::{Document, Group, SearchQuery, ANALYZER_VERSION};
use sqlx::AnyConnection;

/// Rows per INSERT: 4 values each. Few on purpose: sqlx looks each parameter's name up with
/// `sqlite3_bind_parameter_name`, which walks a list as long as the statement's parameters, so
/// a statement's binding costs grow with the square of its parameters (see `server::seed`).
const ROWS_PER_STATEMENT: usize = 64;

/// One FTS5 string: `"` doubled inside double quotes (FTS5 query syntax, sqlite.org/fts5.html §3.1).
fn quoted(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

fn group(group: &Group) -> String {
    match group {
        Group::Word(word) => quoted(word),
        // A phrase: the characters as tokens, one after the other.
        Group::Phrase(chars) => quoted(
            &chars
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

/// `{name body} : ("手 机" AND "oolong") AND scope : "c:12" AND scope : ("o:colour:black" OR …)`;
/// `names_only` (suggestions) looks only at names and adds the prefix as `"oolo" *`.
pub(super) fn match_expression(
    query: &SearchQuery,
    category_id: Option<i64>,
    options: &[(String, String)],
    names_only: bool,
) -> String {
    let mut terms: Vec<String> = query.groups.iter().map(group).collect();
    if let Some(prefix) = &query.prefix {
        terms.push(format!("{} *", quoted(prefix)));
    }
    let columns = if names_only { "name" } else { "{name body}" };
    let mut expression = format!("{columns} : ({})", terms.join(" AND "));
    if let Some(id) = category_id {
        expression.push_str(&format!(" AND scope : {}", quoted(&category_scope(id))));
    }
    for (axis, values) in options_by_axis(options) {
        let any: Vec<String> = values
            .iter()
            .map(|v| quoted(&option_scope(axis, v)))
            .collect();
        expression.push_str(&format!(" AND scope : ({})", any.join(" OR ")));
    }
    expression
}

/// Option filters grouped by axis: values on one axis are alternatives, axes must all hold.
pub(super) fn options_by_axis(options: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut axes: Vec<(&str, Vec<&str>)> = Vec::new();
    for (axis, value) in options {
        match axes.iter_mut().find(|(a, _)| a == axis) {
            Some((_, values)) => values.push(value),
            None => axes.push((axis, vec![value])),
        }
    }
    axes
}

pub(super) async fn write(conn: &mut AnyConnection, docs: &[Document]) -> Result<(), sqlx::Error> {
    for chunk in docs.chunks(ROWS_PER_STATEMENT) {
        let mut entries = Sql::new(
            "INSERT INTO product_search (product_id, search_key, analyzer_version) VALUES ",
        );
        let mut fts = Sql::new("INSERT INTO product_fts (rowid, name, body, scope) VALUES ");
        for (i, doc) in chunk.iter().enumerate() {
            let separator = if i == 0 { "(" } else { ", (" };
            let values = [
                entries.int(doc.product_id()),
                entries.int(doc.search_key),
                entries.int(ANALYZER_VERSION),
            ];
            entries.push(separator).push(&values.join(", ")).push(")");
            let values = [
                fts.int(doc.search_key),
                fts.param(Bind::Text(doc.name.join(" "))),
                fts.param(Bind::Text(doc.body.join(" "))),
                fts.param(Bind::Text(doc.scope.join(" "))),
            ];
            fts.push(separator).push(&values.join(", ")).push(")");
        }
        entries.query().execute(&mut *conn).await?;
        fts.query().execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_quoted() {
        let q = SearchQuery::parse("手機 Oolong \"x");
        assert_eq!(
            match_expression(
                &q,
                Some(12),
                &[
                    ("colour".into(), "black".into()),
                    ("colour".into(), "white".into())
                ],
                false
            ),
            "{name body} : (\"手 机\" AND \"oolong\" AND \"x\") AND scope : \"c:12\" \
             AND scope : (\"o:colour:black\" OR \"o:colour:white\")"
        );
        let typing = SearchQuery::parse_typing("tea oolo");
        assert_eq!(
            match_expression(&typing, None, &[], true),
            "name : (\"tea\" AND \"oolo\" *)"
        );
    }
}

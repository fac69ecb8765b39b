//! PostgreSQL: entries are `tsvector` literals and queries `tsquery` literals, both spelled
//! here from analyzer tokens (PostgreSQL docs §8.11 "Text Search Types" for the syntax), so
//! no text-search configuration, parser or locale of the server touches the text.

use super::sqlite::options_by_axis;
use crate::db::sql::{Bind, Sql};
use crate::domain::search::document::{category_scope, option_scope};
use crate::domain::search::{Document, Group, Lexeme, SearchQuery, ANALYZER_VERSION};
use sqlx::AnyConnection;

/// Rows per INSERT: 5 values each, far below PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT: usize = 500;

/// A lexeme in single quotes, `'` doubled and `\` escaped (both literal syntaxes accept this).
fn quoted(lexeme: &str) -> String {
    format!("'{}'", lexeme.replace('\\', "\\\\").replace('\'', "''"))
}

/// `'tea':1A,9 'c:12' …`: positions in the names get weight A, the body keeps the default D.
pub(super) fn tsvector(lexemes: &[Lexeme]) -> String {
    let mut out = String::new();
    for lexeme in lexemes {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&quoted(&lexeme.text));
        for (i, (at, in_name)) in lexeme.positions.iter().enumerate() {
            out.push(if i == 0 { ':' } else { ',' });
            out.push_str(&at.to_string());
            if *in_name {
                out.push('A');
            }
        }
    }
    out
}

/// A CJK run as the index holds it: one character as itself, two as their bigram lexeme, more
/// as a phrase of overlapping bigrams (`乌龙茶` → `'乌龙' <-> '龙茶'`), which matches exactly
/// where the characters stand next to each other.
fn phrase(chars: &[char]) -> String {
    if chars.len() == 1 {
        return quoted(&chars[0].to_string());
    }
    let bigrams: Vec<String> = chars
        .windows(2)
        .map(|pair| quoted(&pair.iter().collect::<String>()))
        .collect();
    if bigrams.len() == 1 {
        bigrams[0].clone()
    } else {
        format!("({})", bigrams.join(" <-> "))
    }
}

/// The words and phrases of a query, all required; the prefix as `'oolo':*`.
pub(super) fn text_query(query: &SearchQuery) -> String {
    let mut terms: Vec<String> = query
        .groups
        .iter()
        .map(|g| match g {
            Group::Word(word) => quoted(word),
            Group::Phrase(chars) => phrase(chars),
        })
        .collect();
    if let Some(prefix) = &query.prefix {
        terms.push(format!("{}:*", quoted(prefix)));
    }
    terms.join(" & ")
}

/// The category and option filters as scope lexemes, or `None` without any.
pub(super) fn scope_query(
    category_id: Option<i64>,
    options: &[(String, String)],
) -> Option<String> {
    let mut terms: Vec<String> = category_id
        .map(|id| quoted(&category_scope(id)))
        .into_iter()
        .collect();
    for (axis, values) in options_by_axis(options) {
        let any: Vec<String> = values
            .iter()
            .map(|v| quoted(&option_scope(axis, v)))
            .collect();
        terms.push(format!("({})", any.join(" | ")));
    }
    (!terms.is_empty()).then(|| terms.join(" & "))
}

pub(super) async fn write(conn: &mut AnyConnection, docs: &[Document]) -> Result<(), sqlx::Error> {
    for chunk in docs.chunks(ROWS_PER_STATEMENT) {
        let mut sql = Sql::new(
            "INSERT INTO product_search (product_id, search_key, analyzer_version, name_doc, doc) VALUES ",
        );
        for (i, doc) in chunk.iter().enumerate() {
            let id = sql.int(doc.product_id());
            let key = sql.int(doc.search_key);
            let version = sql.int(ANALYZER_VERSION);
            let names = sql.param(Bind::Text(tsvector(&doc.name_lexemes())));
            let all = sql.param(Bind::Text(tsvector(&doc.lexemes())));
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.push(&format!(
                "{id}, {key}, {version}, {names}::tsvector, {all}::tsvector)"
            ));
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_spell_bigrams_and_prefixes() {
        assert_eq!(text_query(&SearchQuery::parse("茶")), "'茶'");
        assert_eq!(text_query(&SearchQuery::parse("手機")), "'手机'");
        assert_eq!(
            text_query(&SearchQuery::parse("烏龍茶 puer")),
            "('乌龙' <-> '龙茶') & 'puer'"
        );
        assert_eq!(
            text_query(&SearchQuery::parse_typing("tea oolo")),
            "'tea' & 'oolo':*"
        );
        assert_eq!(
            scope_query(Some(3), &[("colour".into(), "black".into())]).as_deref(),
            Some("'c:3' & ('o:colour:black')")
        );
        assert_eq!(scope_query(None, &[]), None);
    }

    #[test]
    fn vectors_carry_weights_and_positions() {
        let lexemes = vec![
            Lexeme {
                text: "tea".into(),
                positions: vec![(1, true), (9, false)],
            },
            Lexeme {
                text: "c:3".into(),
                positions: vec![],
            },
            Lexeme {
                text: "o'x".into(),
                positions: vec![(2, false)],
            },
        ];
        assert_eq!(tsvector(&lexemes), "'tea':1A,9 'c:3' 'o''x':2");
    }
}

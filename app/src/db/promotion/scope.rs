//! Scopes of promotions as operators type them and as shoppers read them: the keys of a
//! [`ScopeChoice`] looked up to ids, and a stored [`Scope`]'s ids back to names.

use crate::db::catalog::lang;
use crate::db::Db;
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::promotion::form::ScopeChoice;
use crate::domain::promotion::Scope;

/// The scope typed as `kind` and `keys` (see [`ScopeChoice::parse`]), its keys looked up:
/// a category by its address (slug) or its name in any language; a product by its address or
/// the code of one of its SKUs; a supplier by the sign-in email or company name (letter case
/// ignored throughout except for Chinese names). `ScopeInvalid` or `ScopeUnknown` at the
/// field `Scope` otherwise.
pub async fn resolve_scope(
    db: &Db,
    kind: &str,
    keys: &str,
) -> Result<Result<Scope, FieldProblem>, sqlx::Error> {
    let choice = match ScopeChoice::parse(kind, keys) {
        Ok(choice) => choice,
        Err(problem) => return Ok(Err(problem)),
    };
    let scope = match choice {
        ScopeChoice::All => Some(Scope::All),
        ScopeChoice::Categories(keys) => ids_of(
            db,
            "SELECT id FROM categories WHERE LOWER(slug) = $2 OR LOWER(name_en) = $2 \
             OR name_zh_hant = $1 OR name_zh_hans = $1 ORDER BY id LIMIT 1",
            &keys,
        )
        .await?
        .map(Scope::Categories),
        ScopeChoice::Products(keys) => ids_of(
            db,
            "SELECT id FROM products WHERE slug = $1 OR LOWER(slug) = $2 \
             UNION SELECT product_id FROM skus WHERE LOWER(code) = $2 ORDER BY 1 LIMIT 1",
            &keys,
        )
        .await?
        .map(Scope::Products),
        ScopeChoice::Supplier(key) => ids_of(
            db,
            "SELECT s.user_id FROM suppliers s JOIN users u ON u.id = s.user_id \
             WHERE u.email = $2 OR LOWER(s.company) = $2 OR s.company = $1 \
             ORDER BY s.user_id LIMIT 1",
            &[key],
        )
        .await?
        .map(|ids| Scope::Supplier(ids[0])),
    };
    Ok(scope.ok_or(problem(Field::Scope, Problem::ScopeUnknown)))
}

/// The ids `sql` finds for each key (bound as typed and lower-cased), each once; None when a
/// key finds nothing.
async fn ids_of(db: &Db, sql: &str, keys: &[String]) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let mut ids = Vec::with_capacity(keys.len());
    for key in keys {
        let found: Option<i64> = sqlx::query_scalar(sql)
            .bind(key)
            .bind(key.to_lowercase())
            .fetch_optional(db.pool())
            .await?;
        match found {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(ids))
}

/// The names of what `scope` covers, in `locale`, in the order stored: categories' and
/// products' names, or the supplier's company; empty for all goods. Ids no longer found are
/// left out.
pub async fn scope_names(
    db: &Db,
    scope: &Scope,
    locale: Locale,
) -> Result<Vec<String>, sqlx::Error> {
    let (table, id_column, name_column, ids) = match scope {
        Scope::All => return Ok(Vec::new()),
        Scope::Categories(ids) => (
            "categories",
            "id",
            format!("name_{}", lang(locale)),
            ids.clone(),
        ),
        Scope::Products(ids) => (
            "products",
            "id",
            format!("name_{}", lang(locale)),
            ids.clone(),
        ),
        Scope::Supplier(id) => ("suppliers", "user_id", "company".to_string(), vec![*id]),
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One query for all the ids (they are numbers, bound one by one), then the stored order.
    let places = (1..=ids.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {id_column} AS id, {name_column} AS name FROM {table} WHERE {id_column} IN ({places})"
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in &ids {
        query = query.bind(*id);
    }
    let found = query.fetch_all(db.pool()).await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            found
                .iter()
                .find(|(f, _)| f == id)
                .map(|(_, name)| name.clone())
        })
        .collect())
}

//! Predictive search under the search box, from the same index as search results.

use super::lang;
use crate::db::search::Matcher;
use crate::db::sql::Sql;
use crate::db::{Backend, Db};
use crate::domain::catalog::Suggestion;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::search::{Document, DocumentSource, SearchQuery};

/// How many products are suggested (after up to three categories).
const PRODUCTS: i64 = 6;

/// Predictive search: matching categories first, then the most popular products whose names
/// match, the last word typed as a prefix (`oolo` → Oolong).
pub async fn suggestions(
    db: &Db,
    locale: Locale,
    typed: &str,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let search = SearchQuery::parse_typing(typed);
    if search.is_empty() {
        return Ok(Vec::new());
    }
    // Categories match on their names in every language, and show in the shopper's.
    /// A category with its name in every language.
    #[derive(sqlx::FromRow)]
    struct NamedCategory {
        slug: String,
        name_zh_hant: String,
        name_zh_hans: String,
        name_en: String,
    }
    /// A matching product, named in the shopper's language.
    #[derive(sqlx::FromRow)]
    struct MatchRow {
        slug: String,
        name: String,
        cover_image: String,
        min_price: i64,
        max_price: i64,
    }
    let rows = sqlx::query_as::<_, NamedCategory>(
        "SELECT slug, name_zh_hant, name_zh_hans, name_en FROM categories WHERE hidden = 0 \
         ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    // A few dozen categories: analysed here with the same analyzer as products.
    let mut found: Vec<Suggestion> = rows
        .into_iter()
        .filter(|c| {
            let names = Document::build(&DocumentSource {
                names: [&c.name_zh_hant, &c.name_zh_hans, &c.name_en],
                ..Default::default()
            });
            search.matches(&names, true)
        })
        .take(3)
        .map(|c| Suggestion {
            label: match locale {
                Locale::ZhHant => c.name_zh_hant,
                Locale::ZhHans => c.name_zh_hans,
                Locale::En => c.name_en,
            },
            href: format!("/c/{}", c.slug),
            is_category: true,
            image: None,
            min_price: None,
            max_price: None,
        })
        .collect();
    let matcher = Matcher::names(db.backend(), &search);
    let l = lang(locale);
    let key = matcher.key();
    let mut sql = Sql::new(format!(
        "SELECT {} AS product_id, {key} AS k",
        matcher.product_id()
    ));
    matcher.push_names_from_where(&mut sql);
    let limit = sql.int(PRODUCTS);
    sql.push(&format!(" ORDER BY {key} DESC LIMIT {limit}"));
    // The index picks the few most popular matches; only those rows of `products` are read.
    sql.text = format!(
        "SELECT p.slug, p.name_{l} AS name, p.cover_image, p.min_price, p.max_price \
         FROM ({}) m JOIN products p ON p.id = m.product_id ORDER BY m.k DESC",
        sql.text
    );
    if db.backend() == Backend::Postgres {
        sql.unprepared();
    }
    let products = sql.query_as::<MatchRow>().fetch_all(db.pool()).await?;
    found.extend(products.into_iter().map(|p| Suggestion {
        label: p.name,
        href: format!("/p/{}", p.slug),
        is_category: false,
        image: Some(p.cover_image),
        min_price: Some(Money::from_fen(p.min_price)),
        max_price: Some(Money::from_fen(p.max_price)),
    }));
    Ok(found)
}

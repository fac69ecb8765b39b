//! Predictive search under the search box.

use super::lang;
use crate::db::sql::Sql;
use crate::db::Db;
use crate::domain::catalog::Suggestion;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::search;

/// Predictive search: matching categories first, then the best-selling matching products.
pub async fn suggestions(
    db: &Db,
    locale: Locale,
    typed: &str,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let terms = search::terms(typed);
    if terms.is_empty() {
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
        "SELECT slug, name_zh_hant, name_zh_hans, name_en FROM categories ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut found: Vec<Suggestion> = rows
        .into_iter()
        .filter(|c| {
            let names = search::normalize(&format!(
                "{} {} {}",
                c.name_zh_hant, c.name_zh_hans, c.name_en
            ));
            terms.iter().all(|t| names.contains(t.as_str()))
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
    let mut sql = Sql::new(format!(
        "SELECT p.slug, p.name_{} AS name, p.cover_image, p.min_price, p.max_price \
         FROM products p WHERE p.status = 'active'",
        lang(locale)
    ));
    for term in &terms {
        let p = sql.text(format!("%{}%", search::escape_like(term)));
        sql.push(&format!(" AND p.name_search LIKE {p} ESCAPE '\\'"));
    }
    sql.push(" ORDER BY p.sales_count DESC, p.id LIMIT 6");
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

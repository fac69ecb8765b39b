//! Catalog reads. The catalog is public, so these need no signed-in user; they only ever
//! return products whose status is 'active'.

use crate::domain::catalog::{HomePage, ListingPage, ProductDetail, Suggestion};
use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, db::catalog as repo, domain::listing::is_past_end};

#[server]
pub async fn get_home(locale: Locale) -> Result<HomePage, AppError> {
    let db = use_db()?;
    Ok(repo::home_page(&db, locale).await?)
}

/// A category page (`category` is its slug) or, with an empty `category`, search over everything.
/// `query` is the page's URL query string, parsed by the domain so links and data always agree.
/// `NotFound` for an unknown category and for a page number past the last page.
#[server]
pub async fn get_listing(
    category: String,
    query: String,
    locale: Locale,
) -> Result<ListingPage, AppError> {
    let db = use_db()?;
    let scope = if category.is_empty() {
        repo::Scope::Everything
    } else {
        repo::Scope::Category(&category)
    };
    repo::listing_page(&db, locale, scope, &query)
        .await?
        .filter(|page| !is_past_end(page.query.page, page.total))
        .ok_or(AppError::NotFound)
}

#[server]
pub async fn get_product(slug: String, locale: Locale) -> Result<ProductDetail, AppError> {
    let db = use_db()?;
    let mut product = repo::product_detail(&db, locale, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    product.description_html = crate::markdown::to_safe_html(&product.description);
    product.description = crate::markdown::to_plain_text(&product.description);
    Ok(product)
}

/// Predictive search: at most 3 categories and 6 products matching what was typed so far. A fixed
/// address (`POST /api/search_suggestions`, form-encoded `typed` and `locale`) so load tests and
/// caches can name it.
#[server(endpoint = "search_suggestions")]
pub async fn search_suggestions(
    typed: String,
    locale: Locale,
) -> Result<Vec<Suggestion>, AppError> {
    let db = use_db()?;
    Ok(repo::suggestions(&db, locale, &typed).await?)
}

#[server]
pub async fn get_categories(
    locale: Locale,
) -> Result<Vec<crate::domain::catalog::CategoryTree>, AppError> {
    let db = use_db()?;
    let rows = repo::categories(&db, locale).await?;
    Ok(repo::category_trees(&rows))
}

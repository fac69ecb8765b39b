//! The back office's catalog lists: products, stock, suppliers.

use crate::domain::catalog::back_office::{AdminProductRow, StockRow, SupplierRow};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db, auth, contexts::locale::request_locale, db::catalog::back_office as repo,
    domain::staff::Permission,
};

/// One page (0-based) of products in every status, newest first (the catalog permission).
#[server]
pub async fn admin_products(page: i64) -> Result<Vec<AdminProductRow>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Catalog).await?;
    Ok(repo::products(&db, scope, locale, page).await?)
}

/// One page (0-based) of SKUs, least stock first; `low_only` keeps the low-stock ones. Every
/// owner's for operators holding the catalog permission; a supplier's own for a supplier.
#[server]
pub async fn admin_stock(low_only: bool, page: i64) -> Result<Vec<StockRow>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_reader(Permission::Catalog).await?;
    Ok(repo::stock(&db, scope, locale, low_only, page).await?)
}

/// Every supplier account (the suppliers permission).
#[server]
pub async fn admin_suppliers() -> Result<Vec<SupplierRow>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Suppliers).await?;
    Ok(repo::suppliers(&db).await?)
}

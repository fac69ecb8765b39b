//! Categories in the back office (the catalog permission).

use crate::domain::catalog::category_edit::AdminCategory;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::catalog::category_edit::{self as repo, CategoryError},
    domain::{catalog::category_edit::CategoryForm, staff::Permission},
};

#[cfg(feature = "ssr")]
fn refused(error: CategoryError) -> AppError {
    use crate::domain::catalog::category_edit::DeleteRefusal;
    use crate::error::Refusal;
    match error {
        CategoryError::NotFound => AppError::NotFound,
        CategoryError::Invalid(problem) => AppError::Invalid(vec![problem]),
        CategoryError::NotEmpty(DeleteRefusal::HasProducts(n)) => {
            Refusal::CategoryHasProducts(n).into()
        }
        CategoryError::NotEmpty(DeleteRefusal::HasChildren(n)) => {
            Refusal::CategoryHasChildren(n).into()
        }
        CategoryError::Db(e) => e.into(),
    }
}

/// Every category, hidden ones too, in tree order with product counts.
#[server]
pub async fn admin_categories() -> Result<Vec<AdminCategory>, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Catalog).await?;
    Ok(repo::admin_categories(&db).await?)
}

/// Creates a category (no `id`) or changes one: names in the three languages, slug and parent
/// (a category id, or empty for the top level). Returns its id.
#[server]
pub async fn save_category(
    id: Option<i64>,
    slug: String,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
    parent: String,
) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    let valid = CategoryForm {
        slug,
        name_zh_hant,
        name_zh_hans,
        name_en,
        parent,
    }
    .parse()
    .map_err(AppError::Invalid)?;
    let actor = caller.audit_actor();
    match id {
        None => repo::create(&db, &actor, &valid).await.map_err(refused),
        Some(id) => repo::update(&db, &actor, id, &valid)
            .await
            .map(|()| id)
            .map_err(refused),
    }
}

/// Moves a category one place among its siblings: `direction` is "up" or "down".
#[server]
pub async fn move_category(id: i64, direction: String) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::NotFound),
    };
    repo::reorder(&db, &caller.audit_actor(), id, up)
        .await
        .map_err(refused)
}

/// Hides a category from the shop (`hidden` true) or shows it again.
#[server]
pub async fn hide_category(id: i64, hidden: bool) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    repo::set_hidden(&db, &caller.audit_actor(), id, hidden)
        .await
        .map_err(refused)
}

/// Deletes an empty category; one with products or subcategories is refused, saying how many.
#[server]
pub async fn delete_category(id: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    repo::delete(&db, &caller.audit_actor(), id)
        .await
        .map_err(refused)
}

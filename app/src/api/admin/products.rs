//! The product editor (the catalog permission).

use crate::domain::catalog::category_edit::AdminCategory;
use crate::domain::catalog::product_edit::{EditorProduct, ProductForm, SavedProduct};
use crate::domain::catalog::Axis;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, contexts::locale::request_locale, domain::staff::Permission};

/// What the editor needs: the product (None for a new one), the categories to file it under and
/// the option vocabulary to build its SKU matrix from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub product: Option<EditorProduct>,
    pub categories: Vec<AdminCategory>,
    pub vocabulary: Vec<Axis>,
}

/// Opens product `id` in the editor, or a new product when `id` is None.
#[server]
pub async fn product_editor(id: Option<i64>) -> Result<EditorData, AppError> {
    use crate::db::catalog::{category_edit, product_edit};
    let (db, locale) = (use_db()?, request_locale());
    auth::staff_with(Permission::Catalog).await?;
    let product = match id {
        Some(id) => Some(
            product_edit::load(&db, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    Ok(EditorData {
        product,
        categories: category_edit::admin_categories(&db).await?,
        vocabulary: product_edit::vocabulary(&db, locale).await?,
    })
}

/// Saves the editor's form: `publish` puts the product in the shop, else it is saved as a
/// draft (out of the shop). Every refused field is named (SKU rows by index); a product saved
/// by someone else since the editor opened it is refused (`ProductChanged`), nothing written.
#[server(input = leptos::server_fn::codec::Json)]
pub async fn save_product(form: ProductForm, publish: bool) -> Result<SavedProduct, AppError> {
    use crate::db::catalog::product_edit::{save, ProductError};
    use crate::domain::catalog::product_edit::ProductStatus;
    use crate::error::Refusal;
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Catalog).await?;
    let valid = form.parse().map_err(AppError::Invalid)?;
    let status = if publish {
        ProductStatus::Active
    } else {
        ProductStatus::Draft
    };
    match save(&db, &caller.audit_actor(), &valid, status).await {
        Ok(saved) => Ok(saved),
        Err(ProductError::NotFound) => Err(AppError::NotFound),
        Err(ProductError::Conflict) => Err(Refusal::ProductChanged.into()),
        Err(ProductError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(ProductError::Db(e)) => Err(e.into()),
    }
}

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
    /// The product's latest review, for a supplier's product (None for the platform's).
    #[serde(default)]
    pub review: Option<crate::domain::catalog::product_review::ReviewNote>,
}

/// Opens product `id` in the editor, or a new product when `id` is None.
#[server]
pub async fn product_editor(id: Option<i64>) -> Result<EditorData, AppError> {
    use crate::db::catalog::{category_edit, product_edit};
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Catalog).await?;
    let product = match id {
        Some(id) => Some(
            product_edit::load(&db, scope, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let review = match id {
        Some(id) => crate::db::catalog::product_review::latest_note(&db, id).await?,
        None => None,
    };
    Ok(EditorData {
        product,
        categories: category_edit::admin_categories(&db).await?,
        vocabulary: product_edit::vocabulary(&db, locale).await?,
        review,
    })
}

/// Product `id`'s revisions, newest first, each with what it changed from the one before.
#[server]
pub async fn product_revisions(
    id: i64,
) -> Result<Vec<crate::domain::catalog::product_edit::ProductRevision>, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let (_, scope) = auth::goods_scope(Permission::Catalog).await?;
    crate::db::catalog::product_revisions::revisions(&db, scope, locale, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves the editor's form: `publish` puts the product in the shop; `unlist` takes a product
/// out of it and keeps it as unlisted; else it is saved as a draft (out of the shop). Every
/// refused field is named (SKU rows by index); a product saved by someone else since the editor
/// opened it is refused (`ProductChanged`), nothing written.
#[server(input = leptos::server_fn::codec::Json)]
pub async fn save_product(
    form: ProductForm,
    publish: bool,
    #[server(default)] unlist: bool,
) -> Result<SavedProduct, AppError> {
    use crate::db::catalog::product_edit::{save, ProductError};
    use crate::domain::catalog::product_edit::ProductStatus;
    use crate::error::Refusal;
    let db = use_db()?;
    let (caller, scope) = auth::goods_scope(Permission::Catalog).await?;
    let valid = form.parse().map_err(AppError::Invalid)?;
    check_uploads(&valid.images).await?;
    let status = if unlist {
        ProductStatus::Unlisted
    } else if publish {
        ProductStatus::Active
    } else {
        ProductStatus::Draft
    };
    match save(&db, scope, &caller.audit_actor(), &valid, status).await {
        Ok(saved) => Ok(saved),
        Err(ProductError::NotFound) => Err(AppError::NotFound),
        Err(ProductError::Conflict) => Err(Refusal::ProductChanged.into()),
        Err(ProductError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(ProductError::OwnerSuspended) => Err(Refusal::SupplierSuspended.into()),
        Err(ProductError::Db(e)) => Err(e.into()),
    }
}

/// Refuses (at the images, `Invalid`) an upload address among `images` that names no file we
/// stored: an address of the right shape that was never uploaded.
#[cfg(feature = "ssr")]
pub(crate) async fn check_uploads(
    images: &[crate::domain::catalog::product_images::ImageForm],
) -> Result<(), AppError> {
    use crate::domain::catalog::product_images::{is_upload_url, srcset_urls};
    let media = use_context::<crate::api::MediaDir>()
        .ok_or_else(|| AppError::internal("product image", "no media folder in context"))?;
    let urls: Vec<&str> = images
        .iter()
        .flat_map(|i| std::iter::once(i.url.as_str()).chain(srcset_urls(&i.srcset)))
        .filter(|u| is_upload_url(u))
        .collect();
    if crate::images::uploads_exist(&media.0, &urls).await {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![crate::domain::form::problem(
            crate::domain::form::Field::Images,
            crate::domain::form::Problem::ImagesInvalid,
        )]))
    }
}

/// Takes the `image` field of a multipart form: a JPEG, PNG or WebP photo (checked by its
/// content; SVG never) of at most 5 MB. Stored at every width the pages use, EXIF dropped.
/// Answers its addresses for the editor, which saves them with the product; refused as
/// `ProductImageInvalid` otherwise. For operators with the catalog permission and active
/// suppliers (whose editor shares this).
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_product_image(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<crate::domain::catalog::product_images::UploadedImage, AppError> {
    use crate::api::uploads::{read_form, ImageProblems};
    use crate::domain::catalog::product_images::IMAGE_MAX_BYTES;
    use crate::error::Refusal;
    auth::goods_editor(Permission::Catalog).await?;
    let media = use_context::<crate::api::MediaDir>()
        .ok_or_else(|| AppError::internal("product image", "no media folder in context"))?;
    let problems = ImageProblems {
        too_large: Refusal::ProductImageInvalid.into(),
        bad_type: Refusal::ProductImageInvalid.into(),
    };
    let form = read_form(data, "image", IMAGE_MAX_BYTES, problems).await?;
    let (_, bytes) = form.image.ok_or(Refusal::ProductImageInvalid)?;
    crate::images::store_upload(&media.0, bytes)
        .await
        .map_err(|error| match error {
            crate::images::StoreError::NotAPicture(_) => Refusal::ProductImageInvalid.into(),
            crate::images::StoreError::Io(e) => AppError::internal("product image", e),
        })
}

//! A product's images as the editor holds them: read in display order, and replaced on save.

use super::product_edit::{invalid, ProductError};
use crate::domain::catalog::product_edit::PLACEHOLDER_IMAGE;
use crate::domain::catalog::product_images::{images_known, ImageForm};
use crate::domain::form::{Field, Problem};
use sqlx::{Any, Transaction};

#[derive(sqlx::FromRow)]
struct ImageRow {
    url: String,
    srcset: String,
    alt_zh_hant: String,
    alt_zh_hans: String,
    alt_en: String,
}

/// A product's images in display order, as the editor holds them.
pub(super) async fn stored_images(
    conn: &mut sqlx::AnyConnection,
    product_id: i64,
) -> Result<Vec<ImageForm>, sqlx::Error> {
    let rows: Vec<ImageRow> = sqlx::query_as(
        "SELECT url, srcset, alt_zh_hant, alt_zh_hans, alt_en FROM product_images \
         WHERE product_id = $1 ORDER BY position",
    )
    .bind(product_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ImageForm {
            url: r.url,
            srcset: r.srcset,
            alt_zh_hant: r.alt_zh_hant,
            alt_zh_hans: r.alt_zh_hans,
            alt_en: r.alt_en,
        })
        .collect())
}

/// Replaces a product's images (refused at "Images" when one is neither an upload nor stored for
/// this product before) and points its cover at the first, or the placeholder.
pub(super) async fn write_images(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    images: &[ImageForm],
) -> Result<(), ProductError> {
    let stored: Vec<(String, String)> = stored_images(tx, product_id)
        .await?
        .into_iter()
        .map(|i| (i.url, i.srcset))
        .collect();
    if !images_known(images, &stored) {
        return Err(invalid(Field::Images, Problem::ImagesInvalid));
    }
    sqlx::query("DELETE FROM product_images WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut **tx)
        .await?;
    for (position, image) in images.iter().enumerate() {
        let [alt_zh_hant, alt_zh_hans, alt_en] = image.alts();
        sqlx::query(
            "INSERT INTO product_images (product_id, position, url, srcset, alt_zh_hant, \
             alt_zh_hans, alt_en) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(product_id)
        .bind(position as i64)
        .bind(&image.url)
        .bind(&image.srcset)
        .bind(alt_zh_hant)
        .bind(alt_zh_hans)
        .bind(alt_en)
        .execute(&mut **tx)
        .await?;
    }
    let cover = images.first().map_or(PLACEHOLDER_IMAGE, |i| i.url.as_str());
    sqlx::query("UPDATE products SET cover_image = $1 WHERE id = $2")
        .bind(cover)
        .bind(product_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

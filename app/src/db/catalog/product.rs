//! One product's page: names, breadcrumb, images, option axes and SKUs.

use super::categories::link;
use super::{categories, lang};
use crate::db::Db;
use crate::domain::catalog::{Axis, AxisValue, ProductDetail, Sku};
use crate::domain::locale::Locale;
use crate::domain::money::Money;

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    slug: String,
    name: String,
    description: String,
    category_id: i64,
    sales_count: i64,
    brand: String,
    attributes: String,
}

#[derive(sqlx::FromRow)]
struct SkuRow {
    id: i64,
    code: String,
    price: i64,
    stock: i64,
    list_price: Option<i64>,
    gtin: Option<String>,
}

/// An option axis a product is sold in, named in the shopper's language.
#[derive(sqlx::FromRow)]
struct AxisRow {
    axis_key: String,
    axis_name: String,
}

#[derive(sqlx::FromRow)]
struct SkuValueRow {
    sku_id: i64,
    axis_key: String,
    value_key: String,
    value_name: String,
}

pub async fn product_detail(
    db: &Db,
    locale: Locale,
    slug: &str,
) -> Result<Option<ProductDetail>, sqlx::Error> {
    let l = lang(locale);
    let now = crate::db::unix_now();
    let product = sqlx::query_as::<_, ProductRow>(&format!(
        "SELECT id, slug, name_{l} AS name, description_{l} AS description, category_id, sales_count, \
         brand, attributes_{l} AS attributes FROM products WHERE slug = $1 AND status = 'active'"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    let Some(product) = product else {
        return Ok(None);
    };

    let rows = categories(db, locale).await?;
    let mut breadcrumb = Vec::new();
    let mut next = Some(product.category_id);
    while let Some(row) = next.and_then(|id| rows.iter().find(|r| r.id == id)) {
        breadcrumb.insert(0, link(row));
        next = row.parent_id;
    }

    #[derive(sqlx::FromRow)]
    struct ImageRow {
        url: String,
        srcset: String,
        alt: String,
    }
    let images: Vec<ImageRow> = sqlx::query_as(&format!(
        "SELECT url, srcset, alt_{l} AS alt FROM product_images WHERE product_id = $1 \
         ORDER BY position"
    ))
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let axes_rows = sqlx::query_as::<_, AxisRow>(&format!(
        "SELECT pa.axis_key, oa.name_{l} AS axis_name FROM product_axes pa JOIN option_axes oa ON oa.axis_key = pa.axis_key \
         WHERE pa.product_id = $1 ORDER BY pa.position"
    ))
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let sku_rows = sqlx::query_as::<_, SkuRow>(
        "SELECT id, code, price, stock, list_price, gtin FROM skus \
         WHERE product_id = $1 AND status = 'active' ORDER BY id",
    )
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;
    let value_rows = sqlx::query_as::<_, SkuValueRow>(&format!(
        "SELECT sv.sku_id, sv.axis_key, sv.value_key, ov.name_{l} AS value_name FROM sku_values sv \
         JOIN option_values ov ON ov.axis_key = sv.axis_key AND ov.value_key = sv.value_key \
         JOIN skus s ON s.id = sv.sku_id AND s.status = 'active' \
         WHERE sv.product_id = $1 ORDER BY ov.position, sv.value_key"
    ))
    .bind(product.id)
    .fetch_all(db.pool())
    .await?;

    let axes: Vec<Axis> = axes_rows
        .into_iter()
        .map(|axis| {
            let AxisRow {
                axis_key: key,
                axis_name: name,
            } = axis;
            let mut values: Vec<AxisValue> = Vec::new();
            for row in value_rows.iter().filter(|v| v.axis_key == key) {
                if !values.iter().any(|v| v.key == row.value_key) {
                    values.push(AxisValue {
                        key: row.value_key.clone(),
                        name: row.value_name.clone(),
                    });
                }
            }
            Axis { key, name, values }
        })
        .collect();
    let skus = sku_rows
        .into_iter()
        .map(|row| Sku {
            id: row.id,
            code: row.code,
            price: Money::from_fen(row.price),
            stock: row.stock,
            list_price: row.list_price.map(Money::from_fen),
            gtin: row.gtin,
            values: axes
                .iter()
                .map(|axis| {
                    value_rows
                        .iter()
                        .find(|v| v.sku_id == row.id && v.axis_key == axis.key)
                        .map(|v| v.value_key.clone())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Ok(Some(ProductDetail {
        id: product.id,
        slug: product.slug,
        name: product.name.clone(),
        description: product.description,
        description_html: String::new(),
        breadcrumb,
        images: images
            .into_iter()
            .map(|r| crate::domain::catalog::ProductImage {
                alt: if r.alt.is_empty() {
                    product.name.clone()
                } else {
                    r.alt
                },
                url: r.url,
                srcset: r.srcset,
            })
            .collect(),
        axes,
        skus,
        sales_count: product.sales_count,
        brand: product.brand,
        // Stored normalized by the editor; a line that no longer parses shows nothing.
        attributes: crate::domain::catalog::product_attributes::parse(&product.attributes)
            .unwrap_or_default(),
        flash: crate::db::promotion::flash_sale::product_offers(db, product.id, now).await?,
        member_prices: crate::db::promotion::member_price::product_member_prices(db, product.id)
            .await?,
        now,
    }))
}

//! The back office's product writes: open a product in the editor, and save it (names,
//! descriptions, category, option axes and the SKU matrix with prices and stock) as a draft or
//! published, in one writer transaction with its version check, SKU codes, derived prices,
//! search entry, revision and audit log.

use super::product_images::{stored_images, write_images};
use super::{lang, refresh_derived};
use crate::db::audit;
use crate::db::search::index_product;
use crate::db::stock::set_sellable;
use crate::db::{unix_now, Db};
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::catalog::product_codes::platform_code;
use crate::domain::catalog::product_edit::{
    continued, product_slug, stock_target, AxisChoice, EditorProduct, ProductForm, ProductStatus,
    SavedProduct, SkuForm, ValidProduct, ValidSku, PLACEHOLDER_IMAGE,
};
use crate::domain::catalog::{Axis, AxisValue};
use crate::domain::form::{Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::owner::{Owner, Scope};
use sqlx::{Any, Row, Transaction};

/// Why a product was not saved.
#[derive(Debug, thiserror::Error)]
pub enum ProductError {
    #[error("no such product")]
    NotFound,
    /// Someone saved the product since the editor opened it.
    #[error("edited by someone else")]
    Conflict,
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    /// The goods' supplier is suspended: nothing of its goes live.
    #[error("owner suspended")]
    OwnerSuspended,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A barcode taken by another save that committed after this one checked (the unique index
/// `skus_gtin` stops it): refused at the row like any barcode already taken, not an error.
fn gtin_race(error: sqlx::Error, sku: &ValidSku) -> ProductError {
    let on_gtin = error.as_database_error().is_some_and(|e| {
        e.is_unique_violation()
            && (e.constraint() == Some("skus_gtin") || e.message().contains("skus.gtin"))
    });
    if on_gtin && sku.gtin.is_some() {
        invalid(Field::SkuGtin(sku.row), Problem::GtinTaken)
    } else {
        ProductError::Db(error)
    }
}

pub(super) fn invalid(field: Field, problem: Problem) -> ProductError {
    ProductError::Invalid(FieldProblem { field, problem })
}

#[derive(sqlx::FromRow)]
struct ValueRow {
    axis_key: String,
    axis_name: String,
    value_key: String,
    value_name: String,
}

/// The shared option vocabulary (axes and their values, in order, named in `locale`) the
/// editor offers.
pub async fn vocabulary(db: &Db, locale: Locale) -> Result<Vec<Axis>, sqlx::Error> {
    let l = lang(locale);
    let rows: Vec<ValueRow> = sqlx::query_as(&format!(
        "SELECT a.axis_key, a.name_{l} AS axis_name, v.value_key, v.name_{l} AS value_name \
         FROM option_axes a JOIN option_values v ON v.axis_key = a.axis_key \
         ORDER BY a.position, a.axis_key, v.position, v.value_key"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut axes: Vec<Axis> = Vec::new();
    for row in rows {
        if axes.last().is_none_or(|a| a.key != row.axis_key) {
            axes.push(Axis {
                key: row.axis_key.clone(),
                name: row.axis_name,
                values: Vec::new(),
            });
        }
        if let Some(axis) = axes.last_mut() {
            axis.values.push(AxisValue {
                key: row.value_key,
                name: row.value_name,
            });
        }
    }
    Ok(axes)
}

#[derive(sqlx::FromRow)]
struct ProductColumns {
    id: i64,
    slug: String,
    category_id: i64,
    status: String,
    version: i64,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
    brand: String,
    description_zh_hant: String,
    description_zh_hans: String,
    description_en: String,
    attributes_zh_hant: String,
    attributes_zh_hans: String,
    attributes_en: String,
    publish_at: Option<i64>,
}

/// A product as stored, in the editor's shape.
pub(crate) async fn read(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<EditorProduct>, sqlx::Error> {
    let product: Option<ProductColumns> = sqlx::query_as(
        "SELECT id, slug, category_id, status, version, name_zh_hant, name_zh_hans, name_en, \
         brand, description_zh_hant, description_zh_hans, description_en, publish_at, \
         attributes_zh_hant, attributes_zh_hans, attributes_en FROM products WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(p) = product else {
        return Ok(None);
    };
    let axis_keys: Vec<String> = sqlx::query_scalar(
        "SELECT axis_key FROM product_axes WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let skus = sku_rows(conn, id, &axis_keys).await?;
    let axes = axis_keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let mut values: Vec<String> = Vec::new();
            for sku in &skus {
                if let Some(v) = sku.values.get(i).filter(|v| !values.contains(v)) {
                    values.push(v.clone());
                }
            }
            AxisChoice {
                axis_key: key.clone(),
                values,
            }
        })
        .collect::<Vec<_>>();
    // In matrix order, so the editor shows them as it will generate them.
    let rows: Vec<SkuForm> = skus
        .into_iter()
        .map(|s| SkuForm {
            values: s.values,
            price: s.price.to_input_string(),
            stock: s.stock.to_string(),
            code: s.code,
            loaded_stock: Some(s.stock),
            list_price: s
                .list_price
                .map(|m| m.to_input_string())
                .unwrap_or_default(),
            gtin: s.gtin.unwrap_or_default(),
            weight: s.weight_g.map(|g| g.to_string()).unwrap_or_default(),
            disabled: s.disabled,
        })
        .collect();
    let keys: Vec<String> = axes.iter().map(|a| a.axis_key.clone()).collect();
    let rows = crate::domain::catalog::product_edit::merge_rows(&keys, &axes, &rows);
    let images = stored_images(&mut *conn, p.id).await?;
    Ok(Some(EditorProduct {
        status: ProductStatus::parse(&p.status).unwrap_or(ProductStatus::Draft),
        slug: p.slug,
        form: ProductForm {
            id: Some(p.id),
            version: p.version,
            category_id: Some(p.category_id),
            name_zh_hant: p.name_zh_hant,
            name_zh_hans: p.name_zh_hans,
            name_en: p.name_en,
            brand: p.brand,
            description_zh_hant: p.description_zh_hant,
            description_zh_hans: p.description_zh_hans,
            description_en: p.description_en,
            attributes_zh_hant: p.attributes_zh_hant,
            attributes_zh_hans: p.attributes_zh_hans,
            attributes_en: p.attributes_en,
            axes,
            skus: rows,
            images,
            publish_at: p
                .publish_at
                .map(crate::domain::time::shop_time_input)
                .unwrap_or_default(),
        },
    }))
}

/// A product for the editor; None when there is no such product or `scope` does not cover its
/// owner.
pub async fn load(db: &Db, scope: Scope, id: i64) -> Result<Option<EditorProduct>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    if !covers(&mut conn, scope, id).await? {
        return Ok(None);
    }
    read(&mut conn, id).await
}

/// Whether product `id` exists and `scope` covers its owner.
pub(crate) async fn covers(
    conn: &mut sqlx::AnyConnection,
    scope: Scope,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let owner: Option<Option<i64>> =
        sqlx::query_scalar("SELECT owner_id FROM products WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(owner.is_some_and(|owner| scope.covers(Owner::from_column(owner))))
}

struct StoredSku {
    id: i64,
    code: String,
    price: Money,
    stock: i64,
    list_price: Option<Money>,
    gtin: Option<String>,
    weight_g: Option<i64>,
    disabled: bool,
    /// One value per axis, in the product's axis order.
    values: Vec<String>,
}

async fn sku_rows(
    conn: &mut sqlx::AnyConnection,
    product_id: i64,
    axis_keys: &[String],
) -> Result<Vec<StoredSku>, sqlx::Error> {
    let skus = sqlx::query(
        "SELECT id, code, price, stock, list_price, gtin, weight_g, status FROM skus \
             WHERE product_id = $1 ORDER BY id",
    )
    .bind(product_id)
    .fetch_all(&mut *conn)
    .await?;
    let values: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT sku_id, axis_key, value_key FROM sku_values WHERE product_id = $1")
            .bind(product_id)
            .fetch_all(&mut *conn)
            .await?;
    let mut out = Vec::with_capacity(skus.len());
    for row in skus {
        let id: i64 = row.try_get("id")?;
        out.push(StoredSku {
            id,
            code: row.try_get("code")?,
            price: Money::from_fen(row.try_get("price")?),
            stock: row.try_get("stock")?,
            list_price: row
                .try_get::<Option<i64>, _>("list_price")?
                .map(Money::from_fen),
            gtin: row.try_get("gtin")?,
            weight_g: row.try_get("weight_g")?,
            disabled: row.try_get::<String, _>("status")? == "disabled",
            values: axis_keys
                .iter()
                .map(|axis| {
                    values
                        .iter()
                        .find(|(sku, a, _)| *sku == id && a == axis)
                        .map(|(_, _, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The state the audit log and the revisions keep of a product: a flat object, one field per
/// product column, one per SKU (named by its options, or "SKU" without) and the images, so a
/// diff of two states names what changed field by field.
fn state(product: &EditorProduct) -> serde_json::Value {
    let f = &product.form;
    let mut state = serde_json::json!({
        "status": product.status.as_str(),
        "category_id": f.category_id,
        "name_zh_hant": f.name_zh_hant,
        "name_zh_hans": f.name_zh_hans,
        "name_en": f.name_en,
        "brand": f.brand,
        "description_zh_hant": f.description_zh_hant,
        "description_zh_hans": f.description_zh_hans,
        "description_en": f.description_en,
        "attributes_zh_hant": f.attributes_zh_hant,
        "attributes_zh_hans": f.attributes_zh_hans,
        "attributes_en": f.attributes_en,
        "axes": f.axes.iter().map(|a| format!("{}: {}", a.axis_key, a.values.join(", "))).collect::<Vec<_>>().join("; "),
        "images": f.images.iter().map(|i| i.url.as_str()).collect::<Vec<_>>().join(" "),
        "publish_at": f.publish_at,
    });
    if let Some(fields) = state.as_object_mut() {
        for sku in f.skus.iter().filter(|s| !s.code.is_empty()) {
            let name = if sku.values.is_empty() {
                "SKU".to_string()
            } else {
                format!("SKU {}", sku.values.join("/"))
            };
            fields.insert(name, sku_state(sku).into());
        }
    }
    state
}

/// `skus.status`: whether the shop sells the SKU.
fn sku_status(disabled: bool) -> &'static str {
    if disabled {
        "disabled"
    } else {
        "active"
    }
}

/// One SKU as the audit log and revisions show it: code, price and stock, then the list price,
/// barcode and weight when set.
fn sku_state(s: &SkuForm) -> String {
    let mut text = format!("{} ¥{} ×{}", s.code, s.price, s.stock);
    if !s.list_price.is_empty() {
        text.push_str(&format!(" list ¥{}", s.list_price));
    }
    if !s.gtin.is_empty() {
        text.push_str(&format!(" GTIN {}", s.gtin));
    }
    if !s.weight.is_empty() {
        text.push_str(&format!(" {} g", s.weight));
    }
    if s.disabled {
        text.push_str(" off sale");
    }
    text
}

/// The slug of the top category above `category_id` (for SKU code prefixes); None when the
/// category does not exist.
async fn top_category_slug(
    tx: &mut Transaction<'_, Any>,
    category_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let all: Vec<(i64, Option<i64>, String)> =
        sqlx::query_as("SELECT id, parent_id, slug FROM categories")
            .fetch_all(&mut **tx)
            .await?;
    let mut current = all.iter().find(|(id, _, _)| *id == category_id);
    let mut steps = 0;
    while let Some((_, Some(parent), _)) = current {
        steps += 1;
        if steps > all.len() {
            break;
        }
        current = all.iter().find(|(id, _, _)| id == parent);
    }
    Ok(current.map(|(_, _, slug)| slug.clone()))
}

/// The next SKU number of the platform-wide sequence (never handed out twice).
async fn next_sku_number(tx: &mut Transaction<'_, Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE code_sequences SET next_value = next_value + 1 WHERE name = 'sku' \
         RETURNING next_value - 1",
    )
    .fetch_one(&mut **tx)
    .await
}

/// Writes a SKU's option values (replacing any it had), one per axis in the axes' order.
async fn write_values(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    sku_id: i64,
    axes: &[AxisChoice],
    values: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sku_values WHERE sku_id = $1")
        .bind(sku_id)
        .execute(&mut **tx)
        .await?;
    for (axis, value) in axes.iter().zip(values) {
        sqlx::query(
            "INSERT INTO sku_values (sku_id, product_id, axis_key, value_key) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(sku_id)
        .bind(product_id)
        .bind(axis.axis_key.as_str())
        .bind(value.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Checks the axes and values against the shared vocabulary.
async fn check_options(
    tx: &mut Transaction<'_, Any>,
    axes: &[AxisChoice],
) -> Result<(), ProductError> {
    let known: Vec<(String, String)> =
        sqlx::query_as("SELECT axis_key, value_key FROM option_values")
            .fetch_all(&mut **tx)
            .await?;
    let all_known = axes.iter().all(|axis| {
        axis.values
            .iter()
            .all(|v| known.iter().any(|(a, k)| *a == axis.axis_key && k == v))
    });
    if all_known {
        Ok(())
    } else {
        Err(invalid(Field::Options, Problem::OptionsInvalid))
    }
}

/// Saves a product from the editor with `status`: a new one (no id) or a new version of an
/// existing one (refused with `Conflict` when its version moved on since the editor opened it).
/// SKUs whose combination survives keep their id, code and history; new combinations get
/// platform codes; a removed combination that was ever ordered is refused (`SkuHasOrders`).
/// A new product belongs to the owner `scope` creates as; an existing one whose owner `scope`
/// does not cover is `NotFound`.
pub async fn save(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    product: &ValidProduct,
    status: ProductStatus,
) -> Result<SavedProduct, ProductError> {
    let mut tx = db.writer().begin().await?;
    let saved = save_in(&mut tx, db, scope, actor, product, status).await?;
    tx.commit().await?;
    db.catalog_changed();
    Ok(saved)
}

/// [`save`] inside the caller's transaction (an import saves many products in one), which
/// commits it and then calls `db.catalog_changed()`.
pub(crate) async fn save_in(
    tx: &mut Transaction<'_, Any>,
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    product: &ValidProduct,
    status: ProductStatus,
) -> Result<SavedProduct, ProductError> {
    let now = unix_now();
    if let Some(id) = product.id {
        if !covers(tx, scope, id).await? {
            return Err(ProductError::NotFound);
        }
        // A save replaces any edit still waiting for review: that one was made on an older
        // version and could no longer be applied.
        sqlx::query(
            "UPDATE product_submissions SET status = 'withdrawn' \
             WHERE product_id = $1 AND status = 'pending'",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    if status == ProductStatus::Active {
        let owner = match product.id {
            Some(id) => {
                sqlx::query_scalar("SELECT owner_id FROM products WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut **tx)
                    .await?
            }
            None => scope.creates_as().column(),
        };
        if let Some(supplier) = owner {
            // Locked, so a suspension committing now is either seen here or waits for this save.
            let status: Option<String> = sqlx::query_scalar(
                "UPDATE suppliers SET status = status WHERE user_id = $1 RETURNING status",
            )
            .bind(supplier)
            .fetch_optional(&mut **tx)
            .await?;
            if status.as_deref() == Some("suspended") {
                return Err(ProductError::OwnerSuspended);
            }
        }
    }
    let Some(top_slug) = top_category_slug(tx, product.category_id).await? else {
        return Err(invalid(Field::Category, Problem::CategoryInvalid));
    };
    check_options(tx, &product.axes).await?;
    let [name_zh_hant, name_zh_hans, name_en] = &product.names;
    let brand = product.brand.as_str();
    // Publishing now ends a schedule; a schedule must lie ahead.
    let publish_at = match (status, product.publish_at) {
        (ProductStatus::Active, _) => None,
        (_, Some(at)) if at <= now => {
            return Err(invalid(Field::PublishAt, Problem::PublishAtInvalid));
        }
        (_, at) => at,
    };
    let [description_zh_hant, description_zh_hans, description_en] = &product.descriptions;
    let (id, before) = match product.id {
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO products (slug, category_id, status, name_zh_hant, name_zh_hans, \
                 name_en, description_zh_hant, description_zh_hans, description_en, cover_image, \
                 min_price, max_price, total_stock, created_at, version, updated_at, brand, \
                 publish_at, owner_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, $11, 1, $11, $12, $13, \
                 $14) RETURNING id",
            )
            // A unique placeholder until the id is known.
            .bind(format!("new-{now}-{}", actor.user_id))
            .bind(product.category_id)
            .bind(status.as_str())
            .bind(name_zh_hant)
            .bind(name_zh_hans)
            .bind(name_en)
            .bind(description_zh_hant)
            .bind(description_zh_hans)
            .bind(description_en)
            .bind(PLACEHOLDER_IMAGE)
            .bind(now)
            .bind(brand)
            .bind(publish_at)
            .bind(scope.creates_as().column())
            .fetch_one(&mut **tx)
            .await?;
            sqlx::query("UPDATE products SET slug = $1 WHERE id = $2")
                .bind(product_slug(name_en, id))
                .bind(id)
                .execute(&mut **tx)
                .await?;
            (id, None)
        }
        Some(id) => {
            let before = read(tx, id).await?.ok_or(ProductError::NotFound)?;
            let updated = sqlx::query(
                "UPDATE products SET category_id = $1, status = $2, name_zh_hant = $3, \
                 name_zh_hans = $4, name_en = $5, description_zh_hant = $6, \
                 description_zh_hans = $7, description_en = $8, version = version + 1, \
                 updated_at = $9, brand = $12, publish_at = $13 WHERE id = $10 AND version = $11",
            )
            .bind(product.category_id)
            .bind(status.as_str())
            .bind(name_zh_hant)
            .bind(name_zh_hans)
            .bind(name_en)
            .bind(description_zh_hant)
            .bind(description_zh_hans)
            .bind(description_en)
            .bind(now)
            .bind(id)
            .bind(product.version)
            .bind(brand)
            .bind(publish_at)
            .execute(&mut **tx)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(ProductError::Conflict);
            }
            (id, Some(before))
        }
    };
    let [attributes_zh_hant, attributes_zh_hans, attributes_en] = &product.attributes;
    sqlx::query(
        "UPDATE products SET attributes_zh_hant = $1, attributes_zh_hans = $2, \
         attributes_en = $3 WHERE id = $4",
    )
    .bind(attributes_zh_hant)
    .bind(attributes_zh_hans)
    .bind(attributes_en)
    .bind(id)
    .execute(&mut **tx)
    .await?;

    // Axes, in the editor's order.
    sqlx::query("DELETE FROM product_axes WHERE product_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (position, axis) in product.axes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_axes (product_id, axis_key, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(axis.axis_key.as_str())
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    let old_axes: Vec<String> = before
        .as_ref()
        .map(|b| b.form.axes.iter().map(|a| a.axis_key.clone()).collect())
        .unwrap_or_default();
    let stored = sku_rows(tx, id, &old_axes).await?;
    let new_axes: Vec<String> = product.axes.iter().map(|a| a.axis_key.clone()).collect();
    // A stored SKU goes on (id, code, stock, history) when its combination continues into one
    // of the new ones: the same values on the same axes, or through an axis added or dropped
    // with one value (`continued`).
    let links = continued(
        &old_axes,
        &stored.iter().map(|s| s.values.clone()).collect::<Vec<_>>(),
        &new_axes,
        &product
            .skus
            .iter()
            .map(|s| s.values.clone())
            .collect::<Vec<_>>(),
    );
    let axes_changed = old_axes != new_axes;
    for gone in stored
        .iter()
        .enumerate()
        .filter(|(i, _)| !links.contains(&Some(*i)))
        .map(|(_, s)| s)
    {
        let ordered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_items WHERE sku_id = $1")
            .bind(gone.id)
            .fetch_one(&mut **tx)
            .await?;
        if ordered > 0 {
            return Err(invalid(Field::Options, Problem::SkuHasOrders));
        }
        // Never ordered, so its ledger holds only receipts and adjustments: it goes with it.
        for table in ["stock_movements", "warehouse_stock"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE sku_id = $1"))
                .bind(gone.id)
                .execute(&mut **tx)
                .await?;
        }
        sqlx::query("DELETE FROM skus WHERE id = $1")
            .bind(gone.id)
            .execute(&mut **tx)
            .await?;
    }
    // Barcodes are unique: this product's are cleared first, so two of its SKUs may swap theirs;
    // one held by another product's SKU is refused.
    sqlx::query("UPDATE skus SET gtin = NULL WHERE product_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for sku in &product.skus {
        if let Some(gtin) = &sku.gtin {
            let taken: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM skus WHERE gtin = $1 AND product_id <> $2",
            )
            .bind(gtin.as_str())
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
            if taken > 0 {
                return Err(invalid(Field::SkuGtin(sku.row), Problem::GtinTaken));
            }
        }
    }
    for (sku, link) in product.skus.iter().zip(&links) {
        // Stock goes through the ledger: the editor's figure is what the shop can sell.
        let (sku_id, new_sku) = match link.map(|i| &stored[i]) {
            Some(kept) => {
                if axes_changed {
                    write_values(tx, id, kept.id, &product.axes, &sku.values).await?;
                }
                sqlx::query(
                    "UPDATE skus SET price = $1, list_price = $2, gtin = $3, weight_g = $4, \
                     status = $6 WHERE id = $5",
                )
                .bind(sku.price.fen())
                .bind(sku.list_price.map(|m| m.fen()))
                .bind(sku.gtin.as_deref())
                .bind(sku.weight_g)
                .bind(kept.id)
                .bind(sku_status(sku.disabled))
                .execute(&mut **tx)
                .await
                .map_err(|e| gtin_race(e, sku))?;
                (kept.id, false)
            }
            None => {
                let code = platform_code(&top_slug, next_sku_number(tx).await?);
                let sku_id: i64 = sqlx::query_scalar(
                    "INSERT INTO skus (product_id, code, price, stock, list_price, gtin, weight_g, \
                     status) VALUES ($1, $2, $3, 0, $4, $5, $6, $7) RETURNING id",
                )
                .bind(id)
                .bind(code.as_str())
                .bind(sku.price.fen())
                .bind(sku.list_price.map(|m| m.fen()))
                .bind(sku.gtin.as_deref())
                .bind(sku.weight_g)
                .bind(sku_status(sku.disabled))
                .fetch_one(&mut **tx)
                .await
                .map_err(|e| gtin_race(e, sku))?;
                write_values(tx, id, sku_id, &product.axes, &sku.values).await?;
                (sku_id, true)
            }
        };
        // Locked and read in one statement, so no sale slips between reading and writing.
        let current: i64 =
            sqlx::query_scalar("UPDATE skus SET stock = stock WHERE id = $1 RETURNING stock")
                .bind(sku_id)
                .fetch_one(&mut **tx)
                .await?;
        let target = stock_target(current, sku.stock, sku.loaded_stock);
        if target < 0 || !set_sellable(tx, sku_id, target, new_sku, Some(actor.user_id)).await? {
            return Err(invalid(
                Field::SkuStock(sku.row),
                Problem::AdjustmentBelowReserved,
            ));
        }
    }
    write_images(tx, id, &product.images).await?;
    refresh_derived(tx, id).await?;
    index_product(tx, db.backend(), id).await?;

    let after = read(tx, id).await?.ok_or(ProductError::NotFound)?;
    let after_state = state(&after);
    sqlx::query(
        "INSERT INTO product_revisions (product_id, version, status, state_json, actor_id, \
         actor_email, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(after.form.version)
    .bind(after.status.as_str())
    .bind(after_state.to_string())
    .bind(actor.user_id)
    .bind(actor.email.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        actor,
        ObjectKind::Product,
        &id.to_string(),
        if before.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        before.as_ref().map(state).as_ref(),
        Some(&after_state),
    )
    .await?;
    Ok(SavedProduct {
        id,
        version: after.form.version,
        slug: after.slug,
        status: after.status,
        in_review: false,
    })
}

//! Low-stock thresholds (per SKU, and the default per owner) and the mail that goes out when a
//! SKU falls to its threshold.

use super::*;

/// The platform's default low-stock threshold, in units.
pub async fn platform_threshold(db: &Db) -> Result<i64, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    default_threshold(&mut conn).await
}

/// The platform's default low-stock threshold, in units, read on `conn`.
pub(crate) async fn default_threshold(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let stored: Option<i64> = sqlx::query_scalar(
        "SELECT low_stock_threshold FROM stock_settings WHERE owner_key = 'platform'",
    )
    .fetch_optional(conn)
    .await?;
    Ok(stored.unwrap_or(DEFAULT_LOW_STOCK))
}

#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    preferred_locale: String,
}

#[derive(sqlx::FromRow)]
struct SkuNames {
    code: String,
    name_zh_hant: String,
    name_zh_hans: String,
    name_en: String,
}

/// Queues the low-stock mail to every operator holding the catalog permission, each in their
/// language.
pub(super) async fn alert_low_stock(
    conn: &mut AnyConnection,
    sku_id: i64,
    left: i64,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let recipients: Vec<Recipient> = sqlx::query_as(
        "SELECT u.email, u.preferred_locale FROM users u \
         JOIN staff_permissions p ON p.user_id = u.id \
         WHERE p.permission = 'catalog' AND u.email IS NOT NULL ORDER BY u.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let names: SkuNames = sqlx::query_as(
        "SELECT s.code, p.name_zh_hant, p.name_zh_hans, p.name_en FROM skus s \
         JOIN products p ON p.id = s.product_id WHERE s.id = $1",
    )
    .bind(sku_id)
    .fetch_one(&mut *conn)
    .await?;
    for recipient in recipients {
        let locale = Locale::from_tag(&recipient.preferred_locale).unwrap_or(Locale::ZhHant);
        let product = match locale {
            Locale::ZhHant => &names.name_zh_hant,
            Locale::ZhHans => &names.name_zh_hans,
            Locale::En => &names.name_en,
        };
        let mail = Mail::LowStock {
            sku_code: names.code.clone(),
            product: product.clone(),
            left,
            threshold,
        };
        crate::db::outbox::enqueue(&mut *conn, &recipient.email, locale, &mail).await?;
    }
    Ok(())
}

/// Sets the platform's default low-stock threshold (units), audited.
pub async fn set_default_threshold(
    db: &Db,
    actor: &AuditActor,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let before = default_threshold(&mut tx).await?;
    sqlx::query(
        "INSERT INTO stock_settings (owner_key, low_stock_threshold) VALUES ('platform', $1) \
         ON CONFLICT (owner_key) DO UPDATE SET low_stock_threshold = excluded.low_stock_threshold",
    )
    .bind(threshold)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Stock,
        "default-threshold",
        Action::Update,
        Some(&serde_json::json!({ "low_stock_threshold": before })),
        Some(&serde_json::json!({ "low_stock_threshold": threshold })),
    )
    .await?;
    tx.commit().await
}

/// Sets one SKU's own threshold (units), or `None` for its owner's default; audited. False for
/// an unknown SKU or one of an owner `scope` does not cover.
pub async fn set_sku_threshold(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    sku_id: i64,
    threshold: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    if sku_product(&mut tx, scope, sku_id).await?.is_none() {
        return Ok(false);
    }
    let before: Option<Option<i64>> =
        sqlx::query_scalar("SELECT low_stock_threshold FROM skus WHERE id = $1")
            .bind(sku_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before else {
        return Ok(false);
    };
    sqlx::query("UPDATE skus SET low_stock_threshold = $1 WHERE id = $2")
        .bind(threshold)
        .bind(sku_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Sku,
        &sku_id.to_string(),
        Action::Update,
        Some(&serde_json::json!({ "low_stock_threshold": before })),
        Some(&serde_json::json!({ "low_stock_threshold": threshold })),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

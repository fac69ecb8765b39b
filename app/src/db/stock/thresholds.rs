//! Low-stock thresholds (per SKU, and the default per owner) and the mail that goes out when a
//! SKU falls to its threshold.

use super::*;

/// A SKU's low-stock threshold in SQL, with `s` the SKU and `p` its product: the SKU's own, else
/// its owner's default (`Owner::settings_key`), else the platform's, else 5 units
/// ([`DEFAULT_LOW_STOCK`]).
pub(crate) const THRESHOLD: &str = "COALESCE(s.low_stock_threshold, \
     (SELECT low_stock_threshold FROM stock_settings \
      WHERE owner_key = COALESCE('supplier:' || CAST(p.owner_id AS TEXT), 'platform')), \
     (SELECT low_stock_threshold FROM stock_settings WHERE owner_key = 'platform'), 5)";

/// `owner`'s default low-stock threshold, in units: its own setting, else the platform's.
pub async fn owner_threshold(db: &Db, owner: Owner) -> Result<i64, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    default_threshold(&mut conn, owner).await
}

/// `owner`'s default low-stock threshold, in units, read on `conn`.
async fn default_threshold(conn: &mut AnyConnection, owner: Owner) -> Result<i64, sqlx::Error> {
    let stored: Option<i64> = sqlx::query_scalar(
        "SELECT low_stock_threshold FROM stock_settings WHERE owner_key IN ($1, 'platform') \
         ORDER BY CASE WHEN owner_key = 'platform' THEN 1 ELSE 0 END LIMIT 1",
    )
    .bind(owner.settings_key())
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

/// Queues the low-stock mail, each in the reader's language: for the platform's goods to every
/// operator holding the catalog permission, for a supplier's goods to the supplier.
pub(super) async fn alert_low_stock(
    conn: &mut AnyConnection,
    owner: Owner,
    sku_id: i64,
    left: i64,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let recipients: Vec<Recipient> = match owner {
        Owner::Platform => {
            sqlx::query_as(
                "SELECT u.email, u.preferred_locale FROM users u \
                 JOIN staff_permissions p ON p.user_id = u.id \
                 WHERE p.permission = 'catalog' AND u.email IS NOT NULL ORDER BY u.id",
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Owner::Supplier(id) => {
            sqlx::query_as(
                "SELECT email, preferred_locale FROM users WHERE id = $1 AND email IS NOT NULL",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
        }
    };
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

/// Sets `owner`'s default low-stock threshold (units), audited (object `default-threshold` for
/// the platform, `default-threshold:supplier:<id>` for a supplier).
pub async fn set_default_threshold(
    db: &Db,
    owner: Owner,
    actor: &AuditActor,
    threshold: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let before = default_threshold(&mut tx, owner).await?;
    sqlx::query(
        "INSERT INTO stock_settings (owner_key, low_stock_threshold) VALUES ($1, $2) \
         ON CONFLICT (owner_key) DO UPDATE SET low_stock_threshold = excluded.low_stock_threshold",
    )
    .bind(owner.settings_key())
    .bind(threshold)
    .execute(&mut *tx)
    .await?;
    let object = match owner {
        Owner::Platform => "default-threshold".to_owned(),
        Owner::Supplier(_) => format!("default-threshold:{}", owner.settings_key()),
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Stock,
        &object,
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

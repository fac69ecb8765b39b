//! The member's data: "download my data" and account deletion.

use super::profile::profile;
use crate::db::{unix_now, Db};

/// The account's own columns in a data export.
#[derive(sqlx::FromRow)]
struct ExportAccount {
    lifetime_spend: i64,
    points_balance: i64,
    created_at: i64,
    privacy_policy_version: String,
    privacy_consent_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportAddress {
    #[sqlx(flatten)]
    address: crate::db::AddressColumns,
    /// Stored as an integer: non-zero is true.
    is_default: i64,
}

/// A product the user favourited or viewed, and when.
#[derive(sqlx::FromRow)]
struct ExportProductAt {
    slug: String,
    at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportPoints {
    delta: i64,
    balance_after: i64,
    reason: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportOrder {
    id: i64,
    order_no: String,
    status: String,
    email: String,
    total: i64,
    #[sqlx(flatten)]
    address: crate::db::AddressColumns,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportItem {
    name: String,
    sku_code: String,
    unit_price: i64,
    quantity: i64,
}

#[derive(sqlx::FromRow)]
struct ExportAfterSale {
    kind: String,
    reason: String,
    status: String,
    created_at: i64,
}

/// Everything we hold about a user, as JSON, for "download my data".
pub async fn export(db: &Db, user_id: i64) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let Some((profile, _)) = profile(db, user_id).await? else {
        return Ok(None);
    };
    let account = sqlx::query_as::<_, ExportAccount>(
        "SELECT lifetime_spend, points_balance, created_at, privacy_policy_version, privacy_consent_at \
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let roles: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    let addresses = sqlx::query_as::<_, ExportAddress>(
        "SELECT recipient, phone, region, city, detail, postal_code, is_default FROM addresses \
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let favourites = sqlx::query_as::<_, ExportProductAt>(
        "SELECT p.slug, f.created_at AS at FROM favourites f JOIN products p ON p.id = f.product_id \
         WHERE f.user_id = $1 ORDER BY f.created_at DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let history = sqlx::query_as::<_, ExportProductAt>(
        "SELECT p.slug, h.viewed_at AS at FROM browsing_history h JOIN products p ON p.id = h.product_id \
         WHERE h.user_id = $1 ORDER BY h.viewed_at DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let points = sqlx::query_as::<_, ExportPoints>(
        "SELECT delta, balance_after, reason, created_at FROM points_ledger WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let orders = sqlx::query_as::<_, ExportOrder>(
        "SELECT id, order_no, status, email, total, recipient, phone, region, city, detail, \
         postal_code, created_at FROM orders WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut order_records = Vec::with_capacity(orders.len());
    for order in &orders {
        let items = sqlx::query_as::<_, ExportItem>(
            "SELECT name, sku_code, unit_price, quantity FROM order_items WHERE order_id = $1 \
             ORDER BY sku_id",
        )
        .bind(order.id)
        .fetch_all(db.pool())
        .await?;
        let after_sales = sqlx::query_as::<_, ExportAfterSale>(
            "SELECT kind, reason, status, created_at FROM after_sales WHERE order_id = $1 ORDER BY id",
        )
        .bind(order.id)
        .fetch_all(db.pool())
        .await?;
        order_records.push(serde_json::json!({
            "order_no": order.order_no,
            "status": order.status,
            "email": order.email,
            "total_fen": order.total,
            "ship_to": {
                "recipient": order.address.recipient,
                "phone": order.address.phone,
                "region": order.address.region,
                "city": order.address.city,
                "detail": order.address.detail,
                "postal_code": order.address.postal_code,
            },
            "placed_at": order.created_at,
            "items": items.iter().map(|i| serde_json::json!({
                "name": i.name, "sku": i.sku_code, "unit_price_fen": i.unit_price,
                "quantity": i.quantity,
            })).collect::<Vec<_>>(),
            "after_sales": after_sales.iter().map(|a| serde_json::json!({
                "kind": a.kind, "reason": a.reason, "status": a.status, "at": a.created_at,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(Some(serde_json::json!({
        "exported_at": unix_now(),
        "orders": order_records,
        "profile": profile,
        "account": {
            "lifetime_spend_fen": account.lifetime_spend,
            "points_balance": account.points_balance,
            "created_at": account.created_at,
            "privacy_policy_version": account.privacy_policy_version,
            "privacy_consent_at": account.privacy_consent_at,
            "roles": roles,
        },
        "addresses": addresses.iter().map(|a| serde_json::json!({
            "recipient": a.address.recipient, "phone": a.address.phone, "region": a.address.region, "city": a.address.city,
            "detail": a.address.detail, "postal_code": a.address.postal_code, "is_default": a.is_default != 0,
        })).collect::<Vec<_>>(),
        "favourites": favourites.iter().map(|f| serde_json::json!({"product": f.slug, "at": f.at})).collect::<Vec<_>>(),
        "browsing_history": history.iter().map(|h| serde_json::json!({"product": h.slug, "at": h.at})).collect::<Vec<_>>(),
        "points_ledger": points.iter().map(|p| serde_json::json!({
            "delta": p.delta, "balance_after": p.balance_after, "reason": p.reason,
            "at": p.created_at,
        })).collect::<Vec<_>>(),
    })))
}

/// What deleting an account came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Deletion {
    /// Done; the avatar file to remove, if there was one.
    Done { avatar: Option<String> },
    /// No such account (or it was already deleted).
    NoAccount,
    /// Orders still on their way (or in after-sale) need the shopper's contact details.
    OrdersOpen,
}

/// Orders in these states are over: their records stay, without the shopper's personal details.
const CLOSED_ORDER_STATES: &str = "('completed', 'cancelled', 'refunded')";

/// Anonymises the account: personal data goes, the row stays so order records keep their owner.
/// Ends every session. Refused while an order still needs the shopper's address or email.
pub async fn delete_account(db: &Db, user_id: i64) -> Result<Deletion, sqlx::Error> {
    let now = unix_now();
    /// What deleting needs to know before the row is anonymised.
    #[derive(sqlx::FromRow)]
    struct Deleting {
        avatar_path: String,
        email: Option<String>,
    }
    let account = sqlx::query_as::<_, Deleting>(
        "SELECT avatar_path, email FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(Deleting {
        avatar_path: avatar,
        email: account_email,
    }) = account
    else {
        return Ok(Deletion::NoAccount);
    };
    // The first statement writes, so SQLite takes the write lock before anything is read.
    let mut tx = db.writer().begin().await?;
    let anonymised = sqlx::query(
        "UPDATE users SET email = NULL, password_hash = '', display_name = '', phone = '', \
         birthday = '', avatar_path = '', auth_version = auth_version + 1, deleted_at = $1 \
         WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if anonymised.rows_affected() != 1 {
        return Ok(Deletion::NoAccount);
    }
    let open_orders: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM orders WHERE user_id = $1 AND status NOT IN {CLOSED_ORDER_STATES}"
    ))
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    if open_orders > 0 {
        tx.rollback().await?;
        return Ok(Deletion::OrdersOpen);
    }
    // Mail to the account's address (and to addresses it gave at checkout) held personal data.
    let mut emails: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT email FROM orders WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
    emails.extend(account_email);
    // Tax law wants the order (items, amounts, dates, region); not who it went to or where.
    sqlx::query(
        "UPDATE orders SET email = '', recipient = '', phone = '', detail = '', postal_code = '' \
         WHERE user_id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    for email in emails {
        sqlx::query("DELETE FROM outbox WHERE recipient = $1")
            .bind(email)
            .execute(&mut *tx)
            .await?;
    }
    // A supplier application keeps nothing personal: waiting or refused ones go, an approved one
    // (its supplier record points at it) loses the licence photo and the contact's details, and
    // the supplier stops.
    sqlx::query("DELETE FROM supplier_applications WHERE user_id = $1 AND status <> 'approved'")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE supplier_applications SET licence_jpeg_base64 = '', contact = '', phone = '' \
         WHERE user_id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE suppliers SET status = 'suspended' WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for table in [
        "addresses",
        "cart_items",
        "favourites",
        "browsing_history",
        "password_resets",
        "sessions",
        "user_roles",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Deletion::Done {
        avatar: (!avatar.is_empty()).then_some(avatar),
    })
}

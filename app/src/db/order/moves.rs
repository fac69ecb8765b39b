//! Moving an order along its state machine inside a transaction: lock the row, ask the domain
//! whether the move is legal, write the new status with a guard, record who, when and why.

use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::order::{transition, IllegalTransition, OrderEvent, OrderStatus};
use sqlx::{Any, Transaction};

#[derive(Clone, Debug)]
pub struct LockedOrder {
    pub id: i64,
    pub order_no: String,
    pub status: OrderStatus,
    pub total: Money,
    pub user_id: Option<i64>,
    pub email: String,
    pub locale: Locale,
}

/// An order row as `lock` reads it, before its status and locale are parsed.
#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    order_no: String,
    status: String,
    total: i64,
    user_id: Option<i64>,
    email: String,
    locale: String,
}

/// Locks the order for this transaction and reads it. The first statement is a write: on
/// SQLite it takes the write lock before anything is read; on PostgreSQL it locks the row.
pub async fn lock(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
) -> Result<Option<LockedOrder>, sqlx::Error> {
    sqlx::query("UPDATE orders SET status = status WHERE id = $1")
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query_as::<_, OrderRow>(
        "SELECT id, order_no, status, total, user_id, email, locale FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let status = row.status;
    Ok(Some(LockedOrder {
        id: row.id,
        order_no: row.order_no,
        status: OrderStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("order status {status}").into()))?,
        total: Money::from_fen(row.total),
        user_id: row.user_id,
        email: row.email,
        locale: Locale::from_code(&row.locale).unwrap_or_default(),
    }))
}

/// Applies `event` to a locked order. The outer `Result` is the database, the inner one the
/// state machine's answer.
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    order: &LockedOrder,
    event: OrderEvent,
    actor: &str,
    reason: &str,
    now: i64,
) -> Result<Result<OrderStatus, IllegalTransition>, sqlx::Error> {
    let to = match transition(order.status, event) {
        Ok(to) => to,
        Err(illegal) => return Ok(Err(illegal)),
    };
    // The time column a status sets, if any.
    let stamp = match to {
        OrderStatus::Paid => Some("paid_at"),
        // Shipped again after an exchange: the new parcel's clock starts.
        OrderStatus::Shipped if matches!(event, OrderEvent::Ship | OrderEvent::Reship) => {
            Some("shipped_at")
        }
        OrderStatus::Delivered => Some("delivered_at"),
        _ => None,
    };
    let sql = match stamp {
        Some(column) => {
            format!("UPDATE orders SET status = $1, {column} = $4 WHERE id = $2 AND status = $3")
        }
        None => "UPDATE orders SET status = $1 WHERE id = $2 AND status = $3".to_string(),
    };
    let mut query = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(order.id)
        .bind(order.status.as_str());
    if stamp.is_some() {
        query = query.bind(now);
    }
    let moved = query.execute(&mut **tx).await?;
    if moved.rows_affected() != 1 {
        // Only possible without the lock; refuse rather than write a wrong history.
        return Ok(Err(IllegalTransition {
            from: order.status,
            event,
        }));
    }
    record(tx, order.id, Some(order.status), to, actor, reason, now).await?;
    if matches!(to, OrderStatus::Cancelled | OrderStatus::Refunded) {
        let was_paid = order.status != OrderStatus::PendingPayment;
        crate::db::promotion::release(tx, order.id, was_paid, now).await?;
    }
    Ok(Ok(to))
}

/// A timeline entry without a status change (a late payment refunded, a message).
pub async fn note(
    tx: &mut Transaction<'_, Any>,
    order: &LockedOrder,
    actor: &str,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    record(
        tx,
        order.id,
        Some(order.status),
        order.status,
        actor,
        reason,
        now,
    )
    .await
}

pub async fn record(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    from: Option<OrderStatus>,
    to: OrderStatus,
    actor: &str,
    reason: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO order_events (order_id, from_status, to_status, actor, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order_id)
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(actor)
    .bind(reason)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

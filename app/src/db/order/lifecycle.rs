//! What happens to an order after it is placed: cancel, ship, tracking, delivery and completion.
//! Each function is one transaction around a locked order; refunds that result are returned to
//! the caller, who sends them through the payment provider after the commit. After-sale requests
//! live beside this in `after_sale`, on the same locked-order moves.

use super::moves::{self, LockedOrder};
use crate::db::payment::{self, RefundDue};
use crate::db::{outbox, stock, unix_now, Db};
use crate::domain::order::{Actor, IllegalTransition, MoveReason, OrderEvent, OrderStatus};
use crate::domain::shipping::TrackingEvent;
use crate::domain::stock::MovementKind;
use sqlx::{Any, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("no such order")]
    NotFound,
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    /// The request does not fit the order (wrong kind of after-sale, one already open).
    #[error("not allowed now")]
    NotAllowed,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub(super) async fn begin_locked(
    db: &Db,
    order_id: i64,
) -> Result<(Transaction<'static, Any>, LockedOrder), MoveError> {
    let mut tx = db.writer().begin().await?;
    match moves::lock(&mut tx, order_id).await? {
        Some(order) => Ok((tx, order)),
        None => Err(MoveError::NotFound),
    }
}

pub(super) async fn apply(
    tx: &mut Transaction<'_, Any>,
    order: &LockedOrder,
    event: OrderEvent,
    actor: &str,
    reason: &str,
    now: i64,
) -> Result<OrderStatus, MoveError> {
    Ok(moves::apply(tx, order, event, actor, reason, now).await??)
}

/// Cancels before shipping. The goods go back on the shelf; a paid order's money is due back.
pub async fn cancel(
    db: &Db,
    order_id: i64,
    actor: &str,
    reason: &str,
) -> Result<Option<RefundDue>, MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    apply(&mut tx, &order, OrderEvent::Cancel, actor, reason, now).await?;
    stock::settle_order(&mut tx, order_id, MovementKind::Released).await?;
    tx.commit().await?;
    db.catalog_changed();
    if order.status == OrderStatus::Paid {
        Ok(payment::captured(db, order_id).await?)
    } else {
        Ok(None)
    }
}

/// The shopper has the parcel (or the confirmation window passed).
pub async fn complete(db: &Db, order_id: i64, actor: &str, reason: &str) -> Result<(), MoveError> {
    let (mut tx, order) = begin_locked(db, order_id).await?;
    apply(
        &mut tx,
        &order,
        OrderEvent::Complete,
        actor,
        reason,
        unix_now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn ship(
    db: &Db,
    order_id: i64,
    carrier: &str,
    tracking_no: &str,
    actor: &str,
) -> Result<(), MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    apply(
        &mut tx,
        &order,
        OrderEvent::Ship,
        actor,
        &MoveReason::Shipped {
            carrier: carrier.to_string(),
            tracking_no: tracking_no.to_string(),
        }
        .to_string(),
        now,
    )
    .await?;
    stock::settle_order(&mut tx, order_id, MovementKind::Shipped).await?;
    sqlx::query("UPDATE orders SET carrier = $1, tracking_no = $2 WHERE id = $3")
        .bind(carrier)
        .bind(tracking_no)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    queue_shipped_mail(&mut tx, &order, carrier, tracking_no).await?;
    tx.commit().await?;
    Ok(())
}

/// Tells the shopper, in the order's language, which carrier has the parcel.
pub(super) async fn queue_shipped_mail(
    tx: &mut Transaction<'_, Any>,
    order: &LockedOrder,
    carrier: &str,
    tracking_no: &str,
) -> Result<(), sqlx::Error> {
    outbox::enqueue(
        &mut **tx,
        &order.email,
        order.locale,
        &crate::domain::mail::Mail::OrderShipped {
            order_no: order.order_no.clone(),
            carrier: carrier.to_string(),
            tracking_no: tracking_no.to_string(),
        },
    )
    .await?;
    Ok(())
}

/// A parcel on its way, as the tracking job needs it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Parcel {
    pub order_id: i64,
    pub carrier: String,
    pub tracking_no: String,
    pub shipped_at: i64,
    pub city: String,
}

pub async fn parcels_in_transit(db: &Db, limit: i64) -> Result<Vec<Parcel>, sqlx::Error> {
    sqlx::query_as::<_, Parcel>(
        "SELECT id AS order_id, carrier, tracking_no, shipped_at, city FROM orders \
         WHERE status = 'shipped' AND tracking_no IS NOT NULL ORDER BY shipped_at LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Stores what the carrier reported (each step once); a delivered parcel moves the order to
/// delivered and starts the window after which it completes by itself.
pub async fn record_tracking(
    db: &Db,
    order_id: i64,
    events: &[TrackingEvent],
    complete_after_seconds: i64,
) -> Result<(), MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    for (seq, event) in events.iter().enumerate() {
        sqlx::query(
            "INSERT INTO tracking_events (order_id, seq, code, location, happened_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id, seq) DO NOTHING",
        )
        .bind(order_id)
        .bind(seq as i64)
        .bind(event.code.as_str())
        .bind(&event.location)
        .bind(event.happened_at)
        .execute(&mut *tx)
        .await?;
    }
    let delivered = events
        .iter()
        .any(|e| e.code == crate::domain::shipping::TrackingCode::Delivered);
    if delivered && order.status == OrderStatus::Shipped {
        apply(
            &mut tx,
            &order,
            OrderEvent::Deliver,
            &Actor::Carrier.to_string(),
            &MoveReason::Delivered.to_string(),
            now,
        )
        .await?;
        sqlx::query("UPDATE orders SET complete_after = $1 WHERE id = $2")
            .bind(now + complete_after_seconds)
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Delivered orders whose confirmation window passed. Several instances may run this at once:
/// the lock and the state machine let one of them complete each order.
pub async fn complete_due(db: &Db) -> Result<usize, MoveError> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'delivered' AND complete_after <= $1 ORDER BY id LIMIT 200",
    )
    .bind(unix_now())
    .fetch_all(db.pool())
    .await?;
    let mut completed = 0;
    for order_id in due {
        let (actor, reason) = (
            Actor::System.to_string(),
            MoveReason::AutoCompleted.to_string(),
        );
        match complete(db, order_id, &actor, &reason).await {
            Ok(()) => completed += 1,
            Err(MoveError::Illegal(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(completed)
}

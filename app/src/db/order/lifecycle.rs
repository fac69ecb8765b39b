//! What happens to an order after it is placed: cancel, ship its parcels, tracking, delivery and
//! completion. Each function is one transaction around a locked order (the order's row first,
//! then its parcels, so two owners shipping at once take turns); refunds that result are
//! returned to the caller, who sends them through the payment provider after the commit.
//! After-sale requests live beside this in `after_sale`, on the same locked-order moves.

use super::moves::{self, LockedOrder};
use super::shipment;
use crate::db::payment::{self, RefundDue};
use crate::db::{outbox, stock, unix_now, Db};
use crate::domain::order::shipment::{all_delivered, ship_event, ShipmentStatus};
use crate::domain::order::{Actor, IllegalTransition, MoveReason, OrderEvent, OrderStatus};
use crate::domain::owner::Scope;
use crate::domain::shipping::TrackingEvent;
use crate::domain::stock::MovementKind;
use sqlx::{Any, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    /// No such order, or no such parcel among those the caller may handle.
    #[error("no such order")]
    NotFound,
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    /// The request does not fit the order (wrong kind of after-sale, one already open, a parcel
    /// already shipped).
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
    // Only parcels still waiting hold goods: one refunded before is settled already.
    for parcel in shipment::of_order(&mut tx, order_id).await? {
        if parcel.status == ShipmentStatus::Waiting {
            stock::settle_parcel(&mut tx, order_id, parcel.id, MovementKind::Released).await?;
        }
    }
    shipment::close_waiting(&mut tx, order_id, ShipmentStatus::Cancelled).await?;
    // After its goods are back: flash units return to a slot still running.
    crate::db::promotion::flash_sale::give_back(&mut tx, order_id, now).await?;
    tx.commit().await?;
    db.catalog_changed();
    if order.status == OrderStatus::Paid {
        Ok(payment::captured(db, order_id).await?)
    } else {
        Ok(None)
    }
}

/// The shopper has the parcels (or the confirmation window passed): any parcel the carrier has
/// not reported delivered yet is delivered now, so the parcels stand where the order does.
pub async fn complete(db: &Db, order_id: i64, actor: &str, reason: &str) -> Result<(), MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    apply(&mut tx, &order, OrderEvent::Complete, actor, reason, now).await?;
    sqlx::query(
        "UPDATE shipments SET status = 'delivered', delivered_at = $1 \
         WHERE order_id = $2 AND status = 'shipped'",
    )
    .bind(now)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Parcel `seq` of the order leaves with `carrier` and `tracking_no`. `scope` is whose parcels
/// the caller handles: a parcel outside it is `NotFound`, as for a missing one. The order is
/// "partly shipped" while other parcels wait, "shipped" when this was the last. Refused
/// (`NotAllowed`) when the parcel already left (two clicks, two people at once), and by the state
/// machine when the order cannot ship now (unpaid, cancelled, an after-sale request open).
pub async fn ship_parcel(
    db: &Db,
    scope: Scope,
    order_id: i64,
    seq: i64,
    carrier: &str,
    tracking_no: &str,
    actor: &str,
) -> Result<(), MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    let parcels = shipment::of_order(&mut tx, order_id).await?;
    let Some(parcel) = parcels
        .iter()
        .find(|p| p.seq == seq && scope.covers(p.owner))
    else {
        return Err(MoveError::NotFound);
    };
    if parcel.status != ShipmentStatus::Waiting {
        return Err(MoveError::NotAllowed);
    }
    let others_waiting = parcels
        .iter()
        .filter(|p| p.id != parcel.id && p.status == ShipmentStatus::Waiting)
        .count();
    apply(
        &mut tx,
        &order,
        ship_event(others_waiting),
        actor,
        &MoveReason::Shipped {
            carrier: carrier.to_string(),
            tracking_no: tracking_no.to_string(),
        }
        .to_string(),
        now,
    )
    .await?;
    shipment::hand_over(&mut tx, parcel.id, carrier, tracking_no, now).await?;
    stock::settle_parcel(&mut tx, order_id, parcel.id, MovementKind::Shipped).await?;
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
    pub shipment_id: i64,
    pub order_id: i64,
    pub carrier: String,
    pub tracking_no: String,
    /// Unix seconds.
    pub shipped_at: i64,
    /// The delivery city.
    pub city: String,
}

/// Parcels the carriers still carry, the longest on their way first.
pub async fn parcels_in_transit(db: &Db, limit: i64) -> Result<Vec<Parcel>, sqlx::Error> {
    sqlx::query_as::<_, Parcel>(
        "SELECT s.id AS shipment_id, s.order_id, s.carrier, s.tracking_no, s.shipped_at, o.city \
         FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE s.status = 'shipped' AND s.tracking_no IS NOT NULL ORDER BY s.shipped_at LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Stores what the carrier reported about a parcel (each step once). A delivered parcel is
/// marked so and starts the window after which the order completes by itself
/// (`complete_after_seconds`); once every parcel still standing has arrived, a shipped order
/// moves to delivered. Steps of a parcel handed over again since they were read are dropped.
pub async fn record_tracking(
    db: &Db,
    parcel: &Parcel,
    events: &[TrackingEvent],
    complete_after_seconds: i64,
) -> Result<(), MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, parcel.order_id).await?;
    // Read before the lock: a parcel handed over again since (an exchange's replacement) has a
    // new tracking number, and these steps are not its.
    let current: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, tracking_no FROM shipments WHERE id = $1")
            .bind(parcel.shipment_id)
            .fetch_optional(&mut *tx)
            .await?;
    if current != Some(("shipped".to_string(), Some(parcel.tracking_no.clone()))) {
        return Ok(());
    }
    for (seq, event) in events.iter().enumerate() {
        sqlx::query(
            "INSERT INTO shipment_tracking (shipment_id, seq, code, location, happened_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (shipment_id, seq) DO NOTHING",
        )
        .bind(parcel.shipment_id)
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
    if delivered {
        sqlx::query("UPDATE shipments SET status = 'delivered', delivered_at = $1 WHERE id = $2")
            .bind(now)
            .bind(parcel.shipment_id)
            .execute(&mut *tx)
            .await?;
        // The confirmation window runs from the latest arrival, also while an after-sale request
        // holds the order (it lands on delivered when the request closes).
        sqlx::query("UPDATE orders SET complete_after = $1 WHERE id = $2")
            .bind(now + complete_after_seconds)
            .bind(order.id)
            .execute(&mut *tx)
            .await?;
        let statuses: Vec<ShipmentStatus> = shipment::of_order(&mut tx, order.id)
            .await?
            .into_iter()
            .map(|p| p.status)
            .collect();
        if order.status == OrderStatus::Shipped && all_delivered(&statuses) {
            apply(
                &mut tx,
                &order,
                OrderEvent::Deliver,
                &Actor::Carrier.to_string(),
                &MoveReason::Delivered.to_string(),
                now,
            )
            .await?;
        }
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

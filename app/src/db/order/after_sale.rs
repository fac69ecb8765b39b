//! After-sale requests on one parcel of an order: open, talk, decide, receive the goods back.
//! Each function is one transaction around the locked order (see `lifecycle`); a refund that
//! results (the parcel's share of what was paid) is returned to the caller, who sends it through
//! the payment provider after the commit. The parcel's owner decides and takes the goods back:
//! callers pass their `Scope`, and a request on a parcel outside it is `NotFound`.

use super::lifecycle::{apply, begin_locked, queue_shipped_mail, MoveError};
use super::moves::LockedOrder;
use super::shipment::{self, ParcelRow};
use crate::db::payment::{self, RefundDue};
use crate::db::{stock, unix_now, Db};
use crate::domain::order::after_sale::{decide, goods_returned, AfterSaleKind, AfterSaleStatus};
use crate::domain::order::shipment::{closing_event, ShipmentStatus};
use crate::domain::order::{Actor, MoveReason, OrderEvent, OrderStatus};
use crate::domain::owner::Scope;
use crate::domain::stock::MovementKind;
use sqlx::{Any, Transaction};

/// Opens an after-sale request on parcel `seq` of the order, with its first message. Refused
/// (`NotAllowed`) while another request of the order is open, or when the kind does not fit
/// the parcel; `NotFound` for a parcel the order does not have.
pub async fn open_after_sale(
    db: &Db,
    order_id: i64,
    seq: i64,
    kind: AfterSaleKind,
    reason: &str,
    photo: Option<&str>,
) -> Result<i64, MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    let Some(parcel) = shipment::of_order(&mut tx, order_id)
        .await?
        .into_iter()
        .find(|p| p.seq == seq)
    else {
        return Err(MoveError::NotFound);
    };
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM after_sales WHERE order_id = $1 \
         AND status IN ('open', 'awaiting_return')",
    )
    .bind(order_id)
    .fetch_one(&mut *tx)
    .await?;
    if open > 0 || !kind.fits(order.status, parcel.status) {
        return Err(MoveError::NotAllowed);
    }
    apply(
        &mut tx,
        &order,
        OrderEvent::RequestAfterSale,
        &Actor::Shopper.to_string(),
        &MoveReason::AfterSaleRequested {
            kind,
            reason: reason.to_string(),
        }
        .to_string(),
        now,
    )
    .await?;
    let refundable = match kind {
        AfterSaleKind::Exchange => 0,
        _ => parcel.paid_share,
    };
    let request_id: i64 = sqlx::query_scalar(
        "INSERT INTO after_sales (order_id, shipment_id, kind, reason, status, resume_to, refund_amount, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(order_id)
    .bind(parcel.id)
    .bind(kind.as_str())
    .bind(reason)
    .bind(AfterSaleStatus::Open.as_str())
    .bind(order.status.as_str())
    .bind(refundable)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_message(
        &mut tx,
        request_id,
        &Actor::Shopper.to_string(),
        reason,
        photo,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(request_id)
}

async fn insert_message(
    tx: &mut Transaction<'_, Any>,
    request_id: i64,
    author: &str,
    body: &str,
    photo: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO after_sale_messages (after_sale_id, author, body, photo, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(request_id)
    .bind(author)
    .bind(body)
    .bind(photo)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What kind of request this is.
pub async fn request_kind(db: &Db, request_id: i64) -> Result<Option<AfterSaleKind>, sqlx::Error> {
    let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM after_sales WHERE id = $1")
        .bind(request_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(kind.as_deref().and_then(AfterSaleKind::parse))
}

/// The order an after-sale request belongs to.
pub async fn order_of_request(db: &Db, request_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT order_id FROM after_sales WHERE id = $1")
        .bind(request_id)
        .fetch_optional(db.pool())
        .await
}

/// The owner of the parcel a request is about (who decides it and takes the goods back).
pub async fn owner_of_request(
    db: &Db,
    request_id: i64,
) -> Result<Option<crate::domain::owner::Owner>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT s.owner_id FROM after_sales a JOIN shipments s ON s.id = a.shipment_id \
         WHERE a.id = $1",
    )
    .bind(request_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(owner_id,)| crate::domain::owner::Owner::from_column(owner_id)))
}

/// A message on an open request, from the shopper, an operator or the parcel's supplier.
pub async fn add_message(
    db: &Db,
    request_id: i64,
    author: &str,
    body: &str,
    photo: Option<&str>,
) -> Result<(), MoveError> {
    let mut tx = db.writer().begin().await?;
    let open = sqlx::query(
        "UPDATE after_sales SET status = status \
             WHERE id = $1 AND status IN ('open', 'awaiting_return')",
    )
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    if open.rows_affected() != 1 {
        return Err(MoveError::NotAllowed);
    }
    insert_message(&mut tx, request_id, author, body, photo, unix_now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The parcel's owner (or an operator) approves or rejects a request, with a message to the
/// shopper. Approving a return or an exchange only starts the wait for the goods (see
/// [`receive_return`]); approving a refund refunds the parcel's share, and the order moves to
/// where its parcels then stand (refunded in full once none is left).
pub async fn decide_after_sale(
    db: &Db,
    scope: Scope,
    request_id: i64,
    approve: bool,
    message: &str,
    actor: Actor,
) -> Result<Option<RefundDue>, MoveError> {
    let now = unix_now();
    let (mut tx, order, request) =
        begin_request(db, scope, request_id, AfterSaleStatus::Open).await?;
    let decision = decide(request.kind, approve, request.parcel.status);
    let reason = if approve {
        MoveReason::AfterSaleApproved {
            message: message.to_string(),
        }
    } else {
        MoveReason::AfterSaleRejected {
            message: message.to_string(),
        }
    };
    let actor = actor.to_string();
    if decision.ends {
        // Rejected or refunded, the order stands where its parcels now do (the carrier may have
        // delivered one while the request was open).
        if approve {
            shipment::set_status(&mut tx, request.parcel.id, ShipmentStatus::Refunded).await?;
        }
        let event = closing(&mut tx, &order, request.resume_to, false).await?;
        apply(&mut tx, &order, event, &actor, &reason.to_string(), now).await?;
    }
    sqlx::query("UPDATE after_sales SET status = $1, decided_at = $2 WHERE id = $3")
        .bind(decision.status.as_str())
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    insert_message(&mut tx, request_id, &actor, message, None, now).await?;
    if decision.restock {
        // Restocked only before shipping: the goods never left, the hold ends.
        stock::settle_parcel(&mut tx, order.id, request.parcel.id, MovementKind::Released).await?;
    }
    tx.commit().await?;
    if decision.restock {
        db.catalog_changed();
    }
    if decision.refund && request.refund_amount > 0 {
        Ok(payment::due_for_request(db, order.id, request_id, request.refund_amount).await?)
    } else {
        Ok(None)
    }
}

/// The move that ends a request, from the order's parcels as they now are.
async fn closing(
    tx: &mut Transaction<'_, Any>,
    order: &LockedOrder,
    resume_to: OrderStatus,
    reshipped: bool,
) -> Result<OrderEvent, sqlx::Error> {
    let statuses: Vec<ShipmentStatus> = shipment::of_order(tx, order.id)
        .await?
        .into_iter()
        .map(|p| p.status)
        .collect();
    Ok(closing_event(
        &statuses,
        resume_to == OrderStatus::Completed,
        reshipped,
    ))
}

/// A request as the decisions read it.
struct Request {
    kind: AfterSaleKind,
    /// Where the order was when the request was made.
    resume_to: OrderStatus,
    /// Fen.
    refund_amount: i64,
    parcel: ParcelRow,
}

/// Locks the order of a request that is in `status` on a parcel `scope` covers, and reads it.
async fn begin_request(
    db: &Db,
    scope: Scope,
    request_id: i64,
    status: AfterSaleStatus,
) -> Result<(Transaction<'static, Any>, LockedOrder, Request), MoveError> {
    let Some(order_id) = order_of_request(db, request_id).await? else {
        return Err(MoveError::NotFound);
    };
    let (mut tx, order) = begin_locked(db, order_id).await?;
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: String,
        resume_to: String,
        refund_amount: i64,
        shipment_id: i64,
        status: String,
    }
    let Some(row) = sqlx::query_as::<_, Row>(
        "SELECT kind, resume_to, refund_amount, shipment_id, status FROM after_sales WHERE id = $1",
    )
    .bind(request_id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(MoveError::NotFound);
    };
    let parcel = shipment::of_order(&mut tx, order_id)
        .await?
        .into_iter()
        .find(|p| p.id == row.shipment_id)
        .filter(|p| scope.covers(p.owner))
        .ok_or(MoveError::NotFound)?;
    let (Some(kind), Some(resume_to)) = (
        AfterSaleKind::parse(&row.kind),
        OrderStatus::parse(&row.resume_to),
    ) else {
        return Err(MoveError::NotFound);
    };
    if row.status != status.as_str() {
        return Err(MoveError::NotAllowed);
    }
    Ok((
        tx,
        order,
        Request {
            kind,
            resume_to,
            refund_amount: row.refund_amount,
            parcel,
        },
    ))
}

/// The returned goods arrived at the parcel's owner. A return refunds the parcel's share and its
/// goods go back on the shelf; an exchange's replacement goes out with `replacement` (carrier,
/// tracking number) as the same parcel.
pub async fn receive_return(
    db: &Db,
    scope: Scope,
    request_id: i64,
    replacement: Option<(&str, &str)>,
    actor: Actor,
) -> Result<Option<RefundDue>, MoveError> {
    let now = unix_now();
    let (mut tx, order, request) =
        begin_request(db, scope, request_id, AfterSaleStatus::AwaitingReturn).await?;
    let Some(arrival) = goods_returned(request.kind) else {
        return Err(MoveError::NotAllowed);
    };
    let replacement = match (arrival.reship, replacement) {
        (true, Some(parcel)) => Some(parcel),
        (true, None) => return Err(MoveError::NotAllowed),
        (false, _) => None,
    };
    let reason = match replacement {
        Some((carrier, tracking_no)) => MoveReason::Reshipped {
            carrier: carrier.to_string(),
            tracking_no: tracking_no.to_string(),
        },
        None => MoveReason::GoodsReturned,
    };
    match replacement {
        // A new parcel: its own tracking from the first step, its own confirmation window.
        Some((carrier, tracking_no)) => {
            shipment::hand_over(&mut tx, request.parcel.id, carrier, tracking_no, now).await?;
            sqlx::query("UPDATE orders SET complete_after = NULL WHERE id = $1")
                .bind(order.id)
                .execute(&mut *tx)
                .await?;
            queue_shipped_mail(&mut tx, &order, carrier, tracking_no).await?;
        }
        None => shipment::set_status(&mut tx, request.parcel.id, ShipmentStatus::Refunded).await?,
    }
    let event = closing(&mut tx, &order, request.resume_to, arrival.reship).await?;
    apply(
        &mut tx,
        &order,
        event,
        &actor.to_string(),
        &reason.to_string(),
        now,
    )
    .await?;
    sqlx::query("UPDATE after_sales SET status = $1, decided_at = $2 WHERE id = $3")
        .bind(AfterSaleStatus::Approved.as_str())
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    if arrival.refund_and_restock {
        stock::settle_parcel(&mut tx, order.id, request.parcel.id, MovementKind::Returned).await?;
    }
    tx.commit().await?;
    if arrival.refund_and_restock {
        db.catalog_changed();
        if request.refund_amount > 0 {
            return Ok(
                payment::due_for_request(db, order.id, request_id, request.refund_amount).await?,
            );
        }
    }
    Ok(None)
}

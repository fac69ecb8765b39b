//! After-sale requests on an order: open, talk, decide, receive the goods back. Each function is one
//! transaction around the locked order (see `lifecycle`); a refund that results is returned to the
//! caller, who sends it through the payment provider after the commit.

use super::lifecycle::{apply, begin_locked, queue_shipped_mail, MoveError};
use super::moves::LockedOrder;
use crate::db::payment::{self, RefundDue};
use crate::db::{stock, unix_now, Db};
use crate::domain::order::after_sale::{decide, goods_returned, AfterSaleKind, AfterSaleStatus};
use crate::domain::order::{Actor, MoveReason, OrderEvent, OrderStatus};
use crate::domain::stock::MovementKind;
use sqlx::{Any, Transaction};

/// Opens an after-sale request with its first message.
pub async fn open_after_sale(
    db: &Db,
    order_id: i64,
    kind: AfterSaleKind,
    reason: &str,
    photo: Option<&str>,
) -> Result<i64, MoveError> {
    let now = unix_now();
    let (mut tx, order) = begin_locked(db, order_id).await?;
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM after_sales WHERE order_id = $1 \
         AND status IN ('open', 'awaiting_return')",
    )
    .bind(order_id)
    .fetch_one(&mut *tx)
    .await?;
    if open > 0 || !kind.fits(order.status) {
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
        _ => order.total.fen(),
    };
    let request_id: i64 = sqlx::query_scalar(
        "INSERT INTO after_sales (order_id, kind, reason, status, resume_to, refund_amount, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(order_id)
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

/// A message on an open request, from the shopper or an operator.
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

/// An operator approves or rejects a request, with a message to the shopper. Approving a return
/// or an exchange only starts the wait for the goods (see [`receive_return`]).
pub async fn decide_after_sale(
    db: &Db,
    request_id: i64,
    approve: bool,
    message: &str,
    actor: Actor,
) -> Result<Option<RefundDue>, MoveError> {
    let now = unix_now();
    let (mut tx, order, (kind, resume_to, refund_amount)) =
        begin_request(db, request_id, AfterSaleStatus::Open).await?;
    let order_id = order.id;
    let decision = decide(kind, approve, resume_to);
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
    if let Some(event) = decision.event {
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
        stock::settle_order(&mut tx, order_id, MovementKind::Released).await?;
    }
    tx.commit().await?;
    if decision.restock {
        db.catalog_changed();
    }
    if decision.refund && refund_amount > 0 {
        Ok(payment::captured(db, order_id).await?)
    } else {
        Ok(None)
    }
}

/// Locks the order of a request that is in `status`, and reads the request (see `request_in`).
async fn begin_request(
    db: &Db,
    request_id: i64,
    status: AfterSaleStatus,
) -> Result<
    (
        Transaction<'static, Any>,
        LockedOrder,
        (AfterSaleKind, OrderStatus, i64),
    ),
    MoveError,
> {
    let Some(order_id) = order_of_request(db, request_id).await? else {
        return Err(MoveError::NotFound);
    };
    let (mut tx, order) = begin_locked(db, order_id).await?;
    match request_in(&mut tx, request_id, status).await? {
        Some(request) => Ok((tx, order, request)),
        None => Err(MoveError::NotAllowed),
    }
}

/// The kind, the order's status before the request, and the refundable amount of a request
/// that is in `status`.
async fn request_in(
    tx: &mut Transaction<'_, Any>,
    request_id: i64,
    status: AfterSaleStatus,
) -> Result<Option<(AfterSaleKind, OrderStatus, i64)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Request {
        kind: String,
        resume_to: String,
        refund_amount: i64,
    }
    let row = sqlx::query_as::<_, Request>(
        "SELECT kind, resume_to, refund_amount FROM after_sales WHERE id = $1 AND status = $2",
    )
    .bind(request_id)
    .bind(status.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|row| {
        Some((
            AfterSaleKind::parse(&row.kind)?,
            OrderStatus::parse(&row.resume_to)?,
            row.refund_amount,
        ))
    }))
}

/// The returned goods arrived at the shop. A return is refunded and its goods go back on the
/// shelf; an exchange's replacement goes out with `replacement` (carrier, tracking number).
pub async fn receive_return(
    db: &Db,
    request_id: i64,
    replacement: Option<(&str, &str)>,
    actor: Actor,
) -> Result<Option<RefundDue>, MoveError> {
    let now = unix_now();
    let (mut tx, order, (kind, _, refund_amount)) =
        begin_request(db, request_id, AfterSaleStatus::AwaitingReturn).await?;
    let order_id = order.id;
    let Some(arrival) = goods_returned(kind) else {
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
    apply(
        &mut tx,
        &order,
        arrival.event,
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
    if let Some((carrier, tracking_no)) = replacement {
        // A new parcel: its own tracking from the first step, its own confirmation window.
        sqlx::query(
            "UPDATE orders SET carrier = $1, tracking_no = $2, complete_after = NULL WHERE id = $3",
        )
        .bind(carrier)
        .bind(tracking_no)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM tracking_events WHERE order_id = $1")
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        queue_shipped_mail(&mut tx, &order, carrier, tracking_no).await?;
    }
    if arrival.refund_and_restock {
        stock::settle_order(&mut tx, order_id, MovementKind::Returned).await?;
    }
    tx.commit().await?;
    if arrival.refund_and_restock {
        db.catalog_changed();
        if refund_amount > 0 {
            return Ok(payment::captured(db, order_id).await?);
        }
    }
    Ok(None)
}

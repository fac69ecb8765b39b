//! An order's parcels in the database (`shipments`, `shipment_tracking`): written when the order
//! is placed, one per owner of its goods (see `domain::order::shipment`), and read by the moves
//! in `lifecycle` and `after_sale`, which hold the order's lock while they change one.

use crate::domain::order::shipment::{paid_shares, parcel_owners, ShipmentStatus};
use crate::domain::owner::Owner;
use sqlx::{Any, Transaction};

/// One line of a new order, as its parcel needs it.
pub struct LineOwner {
    pub sku_id: i64,
    pub owner: Owner,
    /// The line's total, fen.
    pub total: i64,
}

/// Writes the parcels of a new order (one per owner, numbered from 1) with each one's share of
/// `order_total` (fen), and points each order line at its parcel.
pub(crate) async fn create(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    lines: &[LineOwner],
    order_total: i64,
) -> Result<(), sqlx::Error> {
    let owners = parcel_owners(&lines.iter().map(|l| l.owner).collect::<Vec<_>>());
    let goods: Vec<i64> = owners
        .iter()
        .map(|owner| {
            lines
                .iter()
                .filter(|l| l.owner == *owner)
                .map(|l| l.total)
                .sum()
        })
        .collect();
    let shares = paid_shares(order_total, &goods);
    for (index, (owner, share)) in owners.iter().zip(shares).enumerate() {
        let shipment_id: i64 = sqlx::query_scalar(
            "INSERT INTO shipments (order_id, seq, owner_id, status, paid_share) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(order_id)
        .bind(index as i64 + 1)
        .bind(owner.column())
        .bind(ShipmentStatus::Waiting.as_str())
        .bind(share)
        .fetch_one(&mut **tx)
        .await?;
        for line in lines.iter().filter(|l| l.owner == *owner) {
            sqlx::query(
                "UPDATE order_items SET shipment_id = $1 WHERE order_id = $2 AND sku_id = $3",
            )
            .bind(shipment_id)
            .bind(order_id)
            .bind(line.sku_id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A parcel as the moves read it, inside the order's transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParcelRow {
    pub id: i64,
    pub seq: i64,
    pub owner: Owner,
    pub status: ShipmentStatus,
    /// Fen.
    pub paid_share: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    seq: i64,
    owner_id: Option<i64>,
    status: String,
    paid_share: i64,
}

impl TryFrom<Row> for ParcelRow {
    type Error = sqlx::Error;

    fn try_from(row: Row) -> Result<ParcelRow, sqlx::Error> {
        Ok(ParcelRow {
            id: row.id,
            seq: row.seq,
            owner: Owner::from_column(row.owner_id),
            status: ShipmentStatus::parse(&row.status).ok_or_else(|| {
                sqlx::Error::Decode(format!("shipment status {}", row.status).into())
            })?,
            paid_share: row.paid_share,
        })
    }
}

/// The order's parcels in order. The caller holds the order's lock.
pub(crate) async fn of_order(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
) -> Result<Vec<ParcelRow>, sqlx::Error> {
    sqlx::query_as::<_, Row>(
        "SELECT id, seq, owner_id, status, paid_share FROM shipments WHERE order_id = $1 ORDER BY seq",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(ParcelRow::try_from)
    .collect()
}

/// Sets one parcel's status (the caller holds the order's lock and checked the move).
pub(crate) async fn set_status(
    tx: &mut Transaction<'_, Any>,
    shipment_id: i64,
    status: ShipmentStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE shipments SET status = $1 WHERE id = $2")
        .bind(status.as_str())
        .bind(shipment_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks every parcel still waiting with `status` (an order cancelled before shipping).
pub(crate) async fn close_waiting(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    status: ShipmentStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE shipments SET status = $1 WHERE order_id = $2 AND status = 'waiting'")
        .bind(status.as_str())
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Hands a parcel to a carrier: its tracking starts over (an exchange's replacement reuses the
/// parcel).
pub(crate) async fn hand_over(
    tx: &mut Transaction<'_, Any>,
    shipment_id: i64,
    carrier: &str,
    tracking_no: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE shipments SET status = 'shipped', carrier = $1, tracking_no = $2, shipped_at = $3, \
         delivered_at = NULL WHERE id = $4",
    )
    .bind(carrier)
    .bind(tracking_no)
    .bind(now)
    .bind(shipment_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM shipment_tracking WHERE shipment_id = $1")
        .bind(shipment_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Why a complaint was not filed.
#[derive(Debug, thiserror::Error)]
pub enum ComplaintError {
    /// No such parcel, or the shop's own (complaints are about suppliers).
    #[error("no such parcel")]
    NotFound,
    /// The shopper already complained about this parcel.
    #[error("already filed")]
    AlreadyFiled,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Files the shopper's complaint (`body`, already checked) about the seller of parcel `seq` of
/// the order: once per parcel, only about a supplier's parcel of a paid order.
pub async fn complain(
    db: &crate::db::Db,
    order_id: i64,
    seq: i64,
    body: &str,
) -> Result<(), ComplaintError> {
    let shipment_id: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE s.order_id = $1 AND s.seq = $2 AND s.owner_id IS NOT NULL \
         AND o.paid_at IS NOT NULL",
    )
    .bind(order_id)
    .bind(seq)
    .fetch_optional(db.pool())
    .await?;
    let shipment_id = shipment_id.ok_or(ComplaintError::NotFound)?;
    let inserted = sqlx::query(
        "INSERT INTO complaints (shipment_id, body, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (shipment_id) DO NOTHING",
    )
    .bind(shipment_id)
    .bind(body)
    .bind(crate::db::unix_now())
    .execute(db.writer())
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ComplaintError::AlreadyFiled);
    }
    Ok(())
}

//! Reading orders: who owns one, its full page, and the lists (member tabs, operators' search).

use crate::db::{payment, Db};
use crate::domain::account::Region;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::order::after_sale::{AfterSaleKind, AfterSaleStatus};
use crate::domain::order::shipment::{ParcelTab, ShipmentStatus};
use crate::domain::order::{
    after_sale_kinds, AfterSaleMessage, AfterSaleView, OrderActions, OrderDetail, OrderLine,
    OrderStatus, OrderSummary, OrderTab, ParcelView, TimelineEntry,
};
use crate::domain::owner::{Owner, Scope};
use crate::domain::shipping::{TrackingCode, TrackingEvent};
use crate::domain::supplier::{ShipTo, SupplierParcel};
use sqlx::Row;

/// Enough to decide who may see or touch an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    pub id: i64,
    pub user_id: Option<i64>,
    pub status: OrderStatus,
    pub total: Money,
    pub order_no: String,
}

/// The columns behind an `OrderKey`.
#[derive(sqlx::FromRow)]
struct KeyRow {
    id: i64,
    user_id: Option<i64>,
    status: String,
    total: i64,
}

/// The order's own columns on its page.
#[derive(sqlx::FromRow)]
struct DetailRow {
    order_no: String,
    status: String,
    email: String,
    created_at: i64,
    pay_before: i64,
    paid_at: Option<i64>,
    subtotal: i64,
    discount: i64,
    shipping_method: String,
    shipping_fee: i64,
    total: i64,
    /// The explanation kept when the order was placed (JSON of `pricing::Adjustment`s).
    pricing: String,
    #[sqlx(flatten)]
    address: crate::db::AddressColumns,
    flag: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ParcelRow {
    id: i64,
    seq: i64,
    owner_id: Option<i64>,
    /// The supplier's company (NULL for the platform's parcel).
    company: Option<String>,
    status: String,
    carrier: Option<String>,
    tracking_no: Option<String>,
    shipped_at: Option<i64>,
    paid_share: i64,
    complaint: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    shipment_id: Option<i64>,
    product_id: i64,
    name: String,
    sku_code: String,
    unit_price: i64,
    quantity: i64,
    total: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    to_status: String,
    actor: String,
    reason: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct AfterSaleRow {
    id: i64,
    parcel: Option<i64>,
    owner_id: Option<i64>,
    kind: String,
    reason: String,
    status: String,
    refund_amount: i64,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    author: String,
    body: String,
    photo: Option<String>,
    created_at: i64,
}

/// One order in a list; the item count and first item are computed (NULL without items).
#[derive(sqlx::FromRow)]
struct SummaryRow {
    order_no: String,
    status: String,
    total: i64,
    created_at: i64,
    email: String,
    flag: Option<String>,
    item_count: Option<i64>,
    first_item: Option<String>,
}

pub async fn key(db: &Db, order_no: &str) -> Result<Option<OrderKey>, sqlx::Error> {
    let row = sqlx::query_as::<_, KeyRow>(
        "SELECT id, user_id, status, total FROM orders WHERE order_no = $1",
    )
    .bind(order_no)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|row| {
        Some(OrderKey {
            id: row.id,
            user_id: row.user_id,
            status: OrderStatus::parse(&row.status)?,
            total: Money::from_fen(row.total),
            order_no: order_no.to_string(),
        })
    }))
}

fn status_of(value: &str) -> Result<OrderStatus, sqlx::Error> {
    OrderStatus::parse(value).ok_or_else(|| sqlx::Error::Decode(format!("status {value}").into()))
}

/// The order's page. `shipper` is whose parcels the viewer may hand to a carrier (an
/// operator's scope, a supplier's own; None for the shopper).
pub async fn detail(
    db: &Db,
    order_id: i64,
    locale: Locale,
    shipper: Option<Scope>,
) -> Result<Option<OrderDetail>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, DetailRow>(
        "SELECT order_no, status, email, created_at, pay_before, paid_at, subtotal, discount, \
         shipping_method, shipping_fee, total, recipient, phone, region, city, detail, postal_code, \
         flag, pricing FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let status = status_of(&row.status)?;
    let line_rows = sqlx::query_as::<_, LineRow>(
        "SELECT shipment_id, product_id, name, sku_code, unit_price, quantity, total FROM order_items \
         WHERE order_id = $1 ORDER BY sku_id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    let line = |r: &LineRow| OrderLine {
        product_id: r.product_id,
        name: r.name.clone(),
        sku_code: r.sku_code.clone(),
        unit_price: Money::from_fen(r.unit_price),
        quantity: r.quantity,
        total: Money::from_fen(r.total),
    };
    let lines = line_rows.iter().map(line).collect();
    let timeline = sqlx::query_as::<_, EventRow>(
        "SELECT to_status, actor, reason, created_at FROM order_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|r| {
        Ok(TimelineEntry {
            status: status_of(&r.to_status)?,
            actor: r.actor,
            reason: r.reason,
            at: r.created_at,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let after_sales = after_sales(db, order_id).await?;
    let has_open = after_sales.iter().any(|r| r.status.is_active());
    let parcel_rows = sqlx::query_as::<_, ParcelRow>(
        "SELECT s.id, s.seq, s.owner_id, u.company, s.status, s.carrier, s.tracking_no, \
         s.shipped_at, s.paid_share, c.body AS complaint FROM shipments s \
         LEFT JOIN suppliers u ON u.user_id = s.owner_id \
         LEFT JOIN complaints c ON c.shipment_id = s.id \
         WHERE s.order_id = $1 ORDER BY s.seq",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    let ships_now = matches!(status, OrderStatus::Paid | OrderStatus::PartlyShipped);
    let mut parcels = Vec::with_capacity(parcel_rows.len());
    for p in parcel_rows {
        let parcel_status = ShipmentStatus::parse(&p.status)
            .ok_or_else(|| sqlx::Error::Decode(format!("shipment status {}", p.status).into()))?;
        let owner = Owner::from_column(p.owner_id);
        parcels.push(ParcelView {
            seq: p.seq,
            sender: match owner {
                Owner::Platform => None,
                Owner::Supplier(id) => Some(p.company.unwrap_or_else(|| format!("#{id}"))),
            },
            status: parcel_status,
            carrier: p.carrier,
            tracking_no: p.tracking_no,
            shipped_at: p.shipped_at,
            tracking: tracking(db, p.id).await?,
            lines: line_rows
                .iter()
                .filter(|l| l.shipment_id == Some(p.id))
                .map(line)
                .collect(),
            paid_share: Money::from_fen(p.paid_share),
            after_sale: after_sale_kinds(status, parcel_status, has_open),
            can_ship: ships_now
                && parcel_status == ShipmentStatus::Waiting
                && shipper.is_some_and(|scope| scope.covers(owner)),
            may_complain: p.complaint.is_none()
                && owner != Owner::Platform
                && row.paid_at.is_some(),
            complaint: p.complaint,
        });
    }
    let region = row.address.region;
    Ok(Some(OrderDetail {
        order_no: row.order_no,
        status,
        email: row.email,
        created_at: row.created_at,
        pay_before: row.pay_before,
        paid_at: row.paid_at,
        lines,
        subtotal: Money::from_fen(row.subtotal),
        discount: Money::from_fen(row.discount),
        // Orders placed before promotions kept none: the page shows their discount as one line.
        adjustments: serde_json::from_str(&row.pricing).unwrap_or_default(),
        shipping_method: row.shipping_method,
        shipping_fee: Money::from_fen(row.shipping_fee),
        total: Money::from_fen(row.total),
        refunded: payment::refunded_total(db, order_id).await?,
        recipient: row.address.recipient,
        phone: row.address.phone,
        region_name: Region::find(&region)
            .map(|r| r.name(locale).to_string())
            .unwrap_or(region),
        city: row.address.city,
        detail: row.address.detail,
        postal_code: row.address.postal_code,
        timeline,
        parcels,
        after_sales,
        flag: row.flag,
        actions: OrderActions::for_status(status),
    }))
}

/// What the carrier reported about a parcel, oldest first.
async fn tracking(db: &Db, shipment_id: i64) -> Result<Vec<TrackingEvent>, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT code, location, happened_at FROM shipment_tracking WHERE shipment_id = $1 ORDER BY seq",
    )
    .bind(shipment_id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .filter_map(|r| {
        let code: String = r.try_get("code").ok()?;
        Some(TrackingEvent {
            code: TrackingCode::parse(&code)?,
            location: r.try_get("location").ok()?,
            happened_at: r.try_get("happened_at").ok()?,
        })
    })
    .collect())
}

async fn after_sales(db: &Db, order_id: i64) -> Result<Vec<AfterSaleView>, sqlx::Error> {
    requests_where(db, "a.order_id", order_id).await
}

/// The requests whose `column` (`a.order_id` or `a.shipment_id`) is `id`, oldest first.
async fn requests_where(db: &Db, column: &str, id: i64) -> Result<Vec<AfterSaleView>, sqlx::Error> {
    let requests = sqlx::query_as::<_, AfterSaleRow>(&format!(
        "SELECT a.id, s.seq AS parcel, s.owner_id, a.kind, a.reason, a.status, a.refund_amount, a.created_at \
         FROM after_sales a LEFT JOIN shipments s ON s.id = a.shipment_id \
         WHERE {column} = $1 ORDER BY a.id"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let mut views = Vec::with_capacity(requests.len());
    for r in requests {
        let messages = sqlx::query_as::<_, MessageRow>(
            "SELECT author, body, photo, created_at FROM after_sale_messages \
             WHERE after_sale_id = $1 ORDER BY id",
        )
        .bind(r.id)
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|m| AfterSaleMessage {
            author: m.author,
            body: m.body,
            photo: m.photo,
            at: m.created_at,
        })
        .collect();
        views.push(AfterSaleView {
            id: r.id,
            parcel: r.parcel.unwrap_or(1),
            to_supplier: r.owner_id.is_some(),
            kind: AfterSaleKind::parse(&r.kind).unwrap_or(AfterSaleKind::RefundOnly),
            reason: r.reason,
            status: AfterSaleStatus::parse(&r.status).unwrap_or(AfterSaleStatus::Open),
            refund_amount: Money::from_fen(r.refund_amount),
            created_at: r.created_at,
            messages,
        });
    }
    Ok(views)
}

#[derive(sqlx::FromRow)]
struct OwnerParcelRow {
    id: i64,
    seq: i64,
    status: String,
    carrier: Option<String>,
    tracking_no: Option<String>,
    paid_share: i64,
    order_no: String,
    order_status: String,
    created_at: i64,
    #[sqlx(flatten)]
    address: crate::db::AddressColumns,
}

/// Supplier `owner`'s parcels of paid orders under a console tab (at most 50): to ship (oldest
/// paid first), with a request to handle, or done (newest first). The address comes whole only
/// while the parcel waits to ship, or an exchange's replacement is to be sent.
pub async fn owner_parcels(
    db: &Db,
    owner: Owner,
    tab: ParcelTab,
    locale: Locale,
) -> Result<Vec<SupplierParcel>, sqlx::Error> {
    const ACTIVE_REQUEST: &str = "EXISTS (SELECT 1 FROM after_sales a WHERE a.shipment_id = s.id \
         AND a.status IN ('open', 'awaiting_return'))";
    let (only, order) = match tab {
        ParcelTab::ToShip => (
            "s.status = 'waiting' AND o.status IN ('paid', 'partly_shipped', 'after_sale')"
                .to_string(),
            "o.paid_at, o.id",
        ),
        ParcelTab::ToReceiveBack => (ACTIVE_REQUEST.to_string(), "o.id"),
        ParcelTab::Done => (
            format!("s.status <> 'waiting' AND NOT {ACTIVE_REQUEST}"),
            "o.id DESC",
        ),
    };
    let rows = sqlx::query_as::<_, OwnerParcelRow>(&format!(
        "SELECT s.id, s.seq, s.status, s.carrier, s.tracking_no, s.paid_share, o.order_no, \
         o.status AS order_status, o.created_at, o.recipient, o.phone, o.region, o.city, o.detail, \
         o.postal_code FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE {} AND o.paid_at IS NOT NULL AND {only} ORDER BY {order} LIMIT 50",
        crate::db::owner_filter("s.owner_id", 1, 2)
    ))
    .bind(0_i64)
    .bind(owner.column())
    .fetch_all(db.pool())
    .await?;
    let mut parcels = Vec::with_capacity(rows.len());
    for row in rows {
        let status = ShipmentStatus::parse(&row.status)
            .ok_or_else(|| sqlx::Error::Decode(format!("shipment status {}", row.status).into()))?;
        let order_status = status_of(&row.order_status)?;
        let lines = sqlx::query_as::<_, LineRow>(
            "SELECT shipment_id, product_id, name, sku_code, unit_price, quantity, total \
             FROM order_items WHERE shipment_id = $1 ORDER BY sku_id",
        )
        .bind(row.id)
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|r| OrderLine {
            product_id: r.product_id,
            name: r.name,
            sku_code: r.sku_code,
            unit_price: Money::from_fen(r.unit_price),
            quantity: r.quantity,
            total: Money::from_fen(r.total),
        })
        .collect();
        let address = row.address;
        let waiting = status == ShipmentStatus::Waiting;
        let requests = requests_where(db, "a.shipment_id", row.id).await?;
        // An exchange's replacement goes to the shopper too.
        let replacing = requests.iter().any(|r| {
            r.kind == AfterSaleKind::Exchange && r.status == AfterSaleStatus::AwaitingReturn
        });
        parcels.push(SupplierParcel {
            order_no: row.order_no,
            parcel: row.seq,
            order_status,
            status,
            placed_at: row.created_at,
            lines,
            paid_share: Money::from_fen(row.paid_share),
            ship_to: (waiting || replacing).then(|| ShipTo {
                recipient: address.recipient,
                phone: address.phone,
                region: Region::find(&address.region)
                    .map(|r| r.name(locale).to_string())
                    .unwrap_or(address.region),
                city: address.city.clone(),
                detail: address.detail,
                postal_code: address.postal_code,
            }),
            city: address.city,
            carrier: row.carrier,
            tracking_no: row.tracking_no,
            requests,
            can_ship: waiting
                && matches!(order_status, OrderStatus::Paid | OrderStatus::PartlyShipped),
            can_handle: true,
        });
    }
    Ok(parcels)
}

/// Which orders a list shows.
pub struct OrderFilter<'a> {
    pub user_id: Option<i64>,
    pub tab: OrderTab,
    /// Order number or email (operators).
    pub search: &'a str,
    pub limit: i64,
}

pub async fn list(db: &Db, filter: OrderFilter<'_>) -> Result<Vec<OrderSummary>, sqlx::Error> {
    let statuses: Vec<String> = filter
        .tab
        .statuses()
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let mut sql = format!(
        "SELECT o.order_no, o.status, o.total, o.created_at, o.email, o.flag, \
         (SELECT CAST(SUM(i.quantity) AS BIGINT) FROM order_items i WHERE i.order_id = o.id) \
         AS item_count, \
         (SELECT i.name FROM order_items i WHERE i.order_id = o.id ORDER BY i.sku_id LIMIT 1) \
         AS first_item \
         FROM orders o WHERE o.status IN ({})",
        statuses.join(", ")
    );
    let search = filter.search.trim().to_lowercase();
    let mut next = 1;
    if filter.user_id.is_some() {
        sql.push_str(&format!(" AND o.user_id = ${next}"));
        next += 1;
    }
    if !search.is_empty() {
        sql.push_str(&format!(
            " AND (LOWER(o.order_no) = ${next} OR LOWER(o.email) LIKE ${})",
            next + 1
        ));
        next += 2;
    }
    sql.push_str(&format!(" ORDER BY o.id DESC LIMIT ${next}"));
    let mut query = sqlx::query_as::<_, SummaryRow>(&sql);
    if let Some(user_id) = filter.user_id {
        query = query.bind(user_id);
    }
    if !search.is_empty() {
        query = query.bind(search.clone()).bind(format!("%{search}%"));
    }
    query
        .bind(filter.limit)
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|r| {
            Ok(OrderSummary {
                order_no: r.order_no,
                status: status_of(&r.status)?,
                total: Money::from_fen(r.total),
                created_at: r.created_at,
                email: r.email,
                flag: r.flag,
                item_count: r.item_count.unwrap_or(0),
                first_item: r.first_item.unwrap_or_default(),
            })
        })
        .collect()
}

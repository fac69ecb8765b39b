//! Reading orders: who owns one, its full page, and the lists (member tabs, operators' search).

use crate::db::{payment, Db};
use crate::domain::account::Region;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::order::after_sale::{AfterSaleKind, AfterSaleStatus};
use crate::domain::order::{
    AfterSaleMessage, AfterSaleView, OrderActions, OrderDetail, OrderLine, OrderStatus,
    OrderSummary, OrderTab, TimelineEntry,
};
use crate::domain::shipping::{TrackingCode, TrackingEvent};
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

pub async fn key(db: &Db, order_no: &str) -> Result<Option<OrderKey>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, String, i64)> =
        sqlx::query_as("SELECT id, user_id, status, total FROM orders WHERE order_no = $1")
            .bind(order_no)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(id, user_id, status, total)| {
        Some(OrderKey {
            id,
            user_id,
            status: OrderStatus::parse(&status)?,
            total: Money::from_fen(total),
            order_no: order_no.to_string(),
        })
    }))
}

fn status_of(value: &str) -> Result<OrderStatus, sqlx::Error> {
    OrderStatus::parse(value).ok_or_else(|| sqlx::Error::Decode(format!("status {value}").into()))
}

pub async fn detail(
    db: &Db,
    order_id: i64,
    locale: Locale,
) -> Result<Option<OrderDetail>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT order_no, status, email, created_at, pay_before, paid_at, subtotal, discount, \
         shipping_method, shipping_fee, total, recipient, phone, region, city, detail, postal_code, \
         carrier, tracking_no, flag FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let status = status_of(&row.try_get::<String, _>(1)?)?;
    let lines = sqlx::query(
        "SELECT product_id, name, sku_code, unit_price, quantity, total FROM order_items \
         WHERE order_id = $1 ORDER BY sku_id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|r| {
        Ok(OrderLine {
            product_id: r.try_get(0)?,
            name: r.try_get(1)?,
            sku_code: r.try_get(2)?,
            unit_price: Money::from_fen(r.try_get(3)?),
            quantity: r.try_get(4)?,
            total: Money::from_fen(r.try_get(5)?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let timeline = sqlx::query(
        "SELECT to_status, actor, reason, created_at FROM order_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|r| {
        Ok(TimelineEntry {
            status: status_of(&r.try_get::<String, _>(0)?)?,
            actor: r.try_get(1)?,
            reason: r.try_get(2)?,
            at: r.try_get(3)?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let tracking = sqlx::query(
        "SELECT code, location, happened_at FROM tracking_events WHERE order_id = $1 ORDER BY seq",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .filter_map(|r| {
        let code: String = r.try_get(0).ok()?;
        Some(TrackingEvent {
            code: TrackingCode::parse(&code)?,
            location: r.try_get(1).ok()?,
            happened_at: r.try_get(2).ok()?,
        })
    })
    .collect();
    let after_sales = after_sales(db, order_id).await?;
    let has_open = after_sales.iter().any(|r| r.status.is_active());
    let region: String = row.try_get(13)?;
    Ok(Some(OrderDetail {
        order_no: row.try_get(0)?,
        status,
        email: row.try_get(2)?,
        created_at: row.try_get(3)?,
        pay_before: row.try_get(4)?,
        paid_at: row.try_get(5)?,
        lines,
        subtotal: Money::from_fen(row.try_get(6)?),
        discount: Money::from_fen(row.try_get(7)?),
        shipping_method: row.try_get(8)?,
        shipping_fee: Money::from_fen(row.try_get(9)?),
        total: Money::from_fen(row.try_get(10)?),
        refunded: payment::refunded_total(db, order_id).await?,
        recipient: row.try_get(11)?,
        phone: row.try_get(12)?,
        region_name: Region::find(&region)
            .map(|r| r.name(locale).to_string())
            .unwrap_or(region),
        city: row.try_get(14)?,
        detail: row.try_get(15)?,
        postal_code: row.try_get(16)?,
        carrier: row.try_get(17)?,
        tracking_no: row.try_get(18)?,
        timeline,
        tracking,
        after_sales,
        flag: row.try_get(19)?,
        actions: OrderActions::for_status(status, has_open),
    }))
}

async fn after_sales(db: &Db, order_id: i64) -> Result<Vec<AfterSaleView>, sqlx::Error> {
    let requests = sqlx::query(
        "SELECT id, kind, reason, status, refund_amount, created_at FROM after_sales \
         WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    let mut views = Vec::with_capacity(requests.len());
    for r in requests {
        let id: i64 = r.try_get(0)?;
        let kind: String = r.try_get(1)?;
        let status: String = r.try_get(3)?;
        let messages = sqlx::query(
            "SELECT author, body, photo, created_at FROM after_sale_messages \
             WHERE after_sale_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|m| {
            Ok(AfterSaleMessage {
                author: m.try_get(0)?,
                body: m.try_get(1)?,
                photo: m.try_get(2)?,
                at: m.try_get(3)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        views.push(AfterSaleView {
            id,
            kind: AfterSaleKind::parse(&kind).unwrap_or(AfterSaleKind::RefundOnly),
            reason: r.try_get(2)?,
            status: AfterSaleStatus::parse(&status).unwrap_or(AfterSaleStatus::Open),
            refund_amount: Money::from_fen(r.try_get(4)?),
            created_at: r.try_get(5)?,
            messages,
        });
    }
    Ok(views)
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
         (SELECT CAST(SUM(i.quantity) AS BIGINT) FROM order_items i WHERE i.order_id = o.id), \
         (SELECT i.name FROM order_items i WHERE i.order_id = o.id ORDER BY i.sku_id LIMIT 1) \
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
    let mut query = sqlx::query(&sql);
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
                order_no: r.try_get(0)?,
                status: status_of(&r.try_get::<String, _>(1)?)?,
                total: Money::from_fen(r.try_get(2)?),
                created_at: r.try_get(3)?,
                email: r.try_get(4)?,
                flag: r.try_get(5)?,
                item_count: r.try_get::<Option<i64>, _>(6)?.unwrap_or(0),
                first_item: r.try_get::<Option<String>, _>(7)?.unwrap_or_default(),
            })
        })
        .collect()
}

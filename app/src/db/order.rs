//! Placing orders, reserving stock, and releasing it when an order is not paid in time.
//!
//! Stock is taken with guarded updates (`… SET stock = stock - q WHERE id = ? AND stock >= q`)
//! inside the transaction that writes the order, so it never goes below zero and two buyers of
//! the last unit cannot both win. Each transaction's first statement is a write: SQLite then takes
//! its write lock before reading anything (a read-then-write transaction would fail with
//! SQLITE_BUSY under concurrency instead of waiting; see NOTES.md).

use super::{catalog::lang, unix_now, Db};
use crate::domain::account::ValidAddress;
use crate::domain::cart::StockShortfall;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::order::{transition, Actor, MoveReason, OrderEvent, OrderStatus};
use crate::domain::pricing::{quote, LineInput, Offers, Quote, ShippingMethod, ShippingZone};
use crate::domain::promotion::{CouponRefusal, FlashPrice, PointsRedemption};
use std::collections::BTreeMap;

pub mod after_sale;
pub mod lifecycle;
mod link;
pub mod moves;
pub mod shipment;
pub mod view;

pub use link::{guest_access_key, guest_key_matches, order_link};

pub struct NewOrder<'a> {
    pub checkout_token: &'a str,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub locale: Locale,
    /// (SKU id, quantity); the same SKU may appear more than once.
    pub lines: &'a [(i64, i64)],
    pub address: &'a ValidAddress,
    pub shipping: ShippingMethod,
    pub pay_within_seconds: i64,
    /// The shop's public address, for the link in the "order placed" mail.
    pub site_url: &'a str,
    /// The member's coupon copies chosen (at most one goods and one free-shipping coupon).
    pub coupons: &'a [i64],
    /// Points offered for redemption (members only; 0 for none).
    pub points: i64,
    /// The total (fen) the page showed; when given, any other total is refused as
    /// `PriceChanged` rather than charged.
    pub expected_total: Option<Money>,
    /// The visit this order came from, marked as an ordering visit in the order's transaction
    /// (for the dashboard's conversion); None when not counted (tools, demo orders).
    pub visit: Option<&'a super::visit::VisitorDay>,
    /// A limit the order counts against, in its own transaction; over it, nothing is ordered
    /// (`RateLimited`) and the attempt is counted. Attempts refused for another reason (stock,
    /// coupon, points) reserve nothing and are not counted.
    pub limit: Option<&'a super::rate_limit::Limit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedOrder {
    pub id: i64,
    pub order_no: String,
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceOutcome {
    Placed(PlacedOrder),
    /// The same checkout was placed before (double click, retry, reload): that order.
    AlreadyPlaced(PlacedOrder),
    /// Not enough stock (or no longer sold) for these lines; nothing was written.
    Shortfall(Vec<StockShortfall>),
    /// The token belongs to someone else's checkout.
    TokenTaken,
    Empty,
    /// The coupon chosen cannot be used, and why; nothing was written.
    Coupon(CouponRefusal),
    /// The total now differs from the one shown: the new total; nothing was written.
    PriceChanged(Money),
    /// The points offered are no longer in the balance; nothing was written.
    PointsShort,
    /// Over [`NewOrder::limit`]: nothing was ordered (the attempt was counted).
    RateLimited,
}

#[derive(sqlx::FromRow)]
struct SkuRow {
    sku_id: i64,
    /// The product, its owner (which parcel the line leaves in) and its categories.
    #[sqlx(flatten)]
    facts: super::promotion::FactsColumns,
    code: String,
    price: i64,
    name: String,
}

/// Sums quantities per SKU, so two lines of one SKU are reserved (and checked) together.
pub fn merge_lines(lines: &[(i64, i64)]) -> BTreeMap<i64, i64> {
    let mut merged = BTreeMap::new();
    for (sku_id, quantity) in lines {
        *merged.entry(*sku_id).or_insert(0) += quantity;
    }
    merged
}

/// A short, unguessable-enough order number: date, then random digits ("J2611221234567").
fn order_number(now: i64) -> String {
    use rand::Rng;
    let date = crate::domain::account::Date::from_unix(now + 8 * 3600);
    let serial: u32 = rand::thread_rng().gen_range(0..10_000_000);
    format!(
        "J{:02}{:02}{:02}{serial:07}",
        date.year % 100,
        date.month,
        date.day
    )
}

/// The order already placed with this checkout token, if any (a retry, a second click).
pub async fn placed_by_token(
    db: &Db,
    token: &str,
    user_id: Option<i64>,
    email: &str,
) -> Result<PlaceOutcome, sqlx::Error> {
    /// The order a checkout token already placed, and whose it is.
    #[derive(sqlx::FromRow)]
    struct TokenOrder {
        id: i64,
        order_no: String,
        total: i64,
        user_id: Option<i64>,
        email: String,
    }
    let row = sqlx::query_as::<_, TokenOrder>(
        "SELECT id, order_no, total, user_id, email FROM orders WHERE checkout_token = $1",
    )
    .bind(token)
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        Some(found)
            if found.user_id == user_id && (found.user_id.is_some() || found.email == email) =>
        {
            PlaceOutcome::AlreadyPlaced(PlacedOrder {
                id: found.id,
                order_no: found.order_no,
                total: Money::from_fen(found.total),
            })
        }
        Some(_) => PlaceOutcome::TokenTaken,
        None => PlaceOutcome::Empty,
    })
}

/// Prices the lines from the database (never from the browser) and, in one transaction, writes
/// the order, reserves its stock and records its first event. A checkout token that was already
/// used answers with its order (`AlreadyPlaced`) through the orders table's unique token, so a
/// retry never places twice; callers that must tell a retry apart before anything else (a
/// member's cart is emptied by the first attempt) ask [`placed_by_token`] first.
pub async fn place_order(db: &Db, order: NewOrder<'_>) -> Result<PlaceOutcome, sqlx::Error> {
    let merged = merge_lines(order.lines);
    if merged.is_empty() || merged.values().any(|q| *q <= 0) {
        return Ok(PlaceOutcome::Empty);
    }
    let ids: Vec<String> = merged.keys().map(|id| id.to_string()).collect();
    let rows = sqlx::query_as::<_, SkuRow>(&format!(
        "SELECT s.id AS sku_id, {}, s.code, s.price, p.name_{} AS name \
         FROM skus s JOIN products p ON p.id = s.product_id {} \
         WHERE s.id IN ({}) AND p.status = 'active' AND s.status = 'active' \
         ORDER BY s.id",
        super::promotion::FACTS_SELECT,
        lang(order.locale),
        super::promotion::FACTS_JOIN,
        ids.join(", ")
    ))
    .fetch_all(db.pool())
    .await?;
    let missing: Vec<i64> = merged
        .keys()
        .filter(|id| !rows.iter().any(|r| r.sku_id == **id))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Ok(PlaceOutcome::Shortfall(
            shortfalls(db, order.locale, &merged, &missing).await?,
        ));
    }
    let inputs: Vec<LineInput> = rows
        .iter()
        .map(|r| LineInput {
            sku_id: r.sku_id,
            name: r.name.clone(),
            unit_price: Money::from_fen(r.price),
            quantity: merged[&r.sku_id],
            facts: r.facts.facts(),
        })
        .collect();
    let zone = ShippingZone::of_region(order.address.region.code);
    // Flash units taken by other buyers between the quote and the write: priced again, which
    // (with the total shown) answers PriceChanged. After three tries, without flash prices.
    let (mut tries, mut without_flash) = (0, false);
    loop {
        tries += 1;
        let mut offers = match chosen_offers(db, &order).await? {
            Ok(offers) => offers,
            Err(refusal) => return Ok(PlaceOutcome::Coupon(refusal)),
        };
        if without_flash {
            offers.flash.clear();
        }
        let Ok(priced) = quote(&inputs, &offers, Some((order.shipping, zone))) else {
            return Ok(PlaceOutcome::Empty);
        };
        // The coupon chosen must apply as it did on the page; the total must be the one shown.
        if let Some(refusal) = priced.coupon_refusal.or(priced.shipping_coupon_refusal) {
            return Ok(PlaceOutcome::Coupon(refusal));
        }
        if order
            .expected_total
            .is_some_and(|shown| shown != priced.total)
        {
            return Ok(PlaceOutcome::PriceChanged(priced.total));
        }
        return match write_order(db, &order, &rows, &priced, &offers.flash).await? {
            Written::FlashGone => {
                // Still gone after three tries (a rush): priced at the normal price.
                without_flash = tries >= 3;
                continue;
            }
            Written::Outcome(PlaceOutcome::Shortfall(lines)) => {
                let ids: Vec<i64> = lines.iter().map(|l| l.sku_id).collect();
                Ok(PlaceOutcome::Shortfall(
                    shortfalls(db, order.locale, &merged, &ids).await?,
                ))
            }
            Written::Outcome(outcome) => Ok(outcome),
        };
    }
}

/// What writing an order came to: an outcome, or flash units gone meanwhile (nothing written;
/// price again).
enum Written {
    Outcome(PlaceOutcome),
    FlashGone,
}

/// The promotions this order may use now and what the shopper chose: their coupon (goods or
/// free shipping, by the copy's id) and the points they offered. A coupon that is not theirs
/// is refused here; one that does not fit the goods is refused by the quote.
async fn chosen_offers(
    db: &Db,
    order: &NewOrder<'_>,
) -> Result<Result<Offers, CouponRefusal>, sqlx::Error> {
    let now = unix_now();
    let mut offers = super::promotion::offers_for(db, order.user_id, now).await?;
    for copy_id in order.coupons.iter().copied() {
        let Some(user_id) = order.user_id else {
            return Ok(Err(CouponRefusal::NotFound));
        };
        let Some(held) = super::promotion::copy(db, user_id, copy_id).await? else {
            return Ok(Err(CouponRefusal::NotFound));
        };
        if held.terms.kind.is_shipping() {
            offers.shipping_coupon = Some(held);
        } else {
            offers.coupon = Some(held);
        }
    }
    if order.points > 0 && order.user_id.is_some() {
        offers.points = Some(PointsRedemption {
            points: order.points,
            ..PointsRedemption::default()
        });
    }
    Ok(Ok(offers))
}

/// Each of `sku_ids` as a line that cannot be bought: its name and what is left now (0 when
/// the product is no longer sold or the SKU is gone).
async fn shortfalls(
    db: &Db,
    locale: Locale,
    wanted: &BTreeMap<i64, i64>,
    sku_ids: &[i64],
) -> Result<Vec<StockShortfall>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Left {
        sku_id: i64,
        name: String,
        stock: i64,
        status: String,
    }
    let ids: Vec<String> = sku_ids.iter().map(|id| id.to_string()).collect();
    let found: Vec<Left> = if ids.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as::<_, Left>(&format!(
            "SELECT s.id AS sku_id, p.name_{} AS name, s.stock, \
             CASE WHEN s.status = 'active' THEN p.status ELSE 'disabled' END AS status \
             FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id IN ({})",
            lang(locale),
            ids.join(", ")
        ))
        .fetch_all(db.pool())
        .await?
    };
    Ok(sku_ids
        .iter()
        .map(|id| {
            let row = found.iter().find(|r| r.sku_id == *id);
            StockShortfall {
                sku_id: *id,
                name: row.map_or_else(|| format!("SKU {id}"), |r| r.name.clone()),
                wanted: wanted.get(id).copied().unwrap_or_default(),
                available: row
                    .filter(|r| r.status == "active")
                    .map_or(0, |r| r.stock.max(0)),
            }
        })
        .collect())
}

/// Inserts the order row; None when another request already placed this checkout token.
async fn insert_order(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order: &NewOrder<'_>,
    order_no: &str,
    priced: &Quote,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let shipping_fee = priced.shipping.map_or(0, |(_, fee)| fee.fen());
    let discount = priced.goods_discount().fen();
    sqlx::query_scalar(
        "INSERT INTO orders (order_no, checkout_token, user_id, email, locale, status, subtotal, discount, \
         shipping_method, shipping_fee, total, recipient, phone, region, city, detail, postal_code, \
         created_at, pay_before, points_used, pricing) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
         ON CONFLICT (checkout_token) DO NOTHING RETURNING id",
    )
    .bind(order_no)
    .bind(order.checkout_token)
    .bind(order.user_id)
    .bind(order.email)
    .bind(order.locale.code())
    .bind(OrderStatus::PendingPayment.as_str())
    .bind(priced.subtotal.fen())
    .bind(discount)
    .bind(order.shipping.as_str())
    .bind(shipping_fee)
    .bind(priced.total.fen())
    .bind(&order.address.recipient)
    .bind(&order.address.phone)
    .bind(order.address.region.code)
    .bind(&order.address.city)
    .bind(&order.address.detail)
    .bind(&order.address.postal_code)
    .bind(now)
    .bind(now + order.pay_within_seconds)
    .bind(priced.points_used)
    .bind(serde_json::to_string(&priced.adjustments).unwrap_or_else(|_| "[]".into()))
    .fetch_optional(&mut **tx)
    .await
}

async fn write_order(
    db: &Db,
    order: &NewOrder<'_>,
    rows: &[SkuRow],
    priced: &Quote,
    flash: &[FlashPrice],
) -> Result<Written, sqlx::Error> {
    let now = unix_now();
    let link_secret = super::secrets::get_or_create(db, super::secrets::ORDER_LINKS).await?;
    // Order numbers are random within a day (10⁷ of them): one already taken is drawn again
    // rather than failing the shopper's order. The benchmark met a few in 6,000 orders.
    let mut attempts = 0;
    let (mut tx, order_no, inserted) = loop {
        let order_no = order_number(now);
        let mut tx = db.writer().begin().await?;
        match insert_order(&mut tx, order, &order_no, priced, now).await {
            Ok(inserted) => break (tx, order_no, inserted),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempts < 5 => {
                tx.rollback().await?;
                attempts += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let Some(order_id) = inserted else {
        // Another request with this token won the race: answer with its order.
        tx.rollback().await?;
        return Ok(Written::Outcome(
            placed_by_token(db, order.checkout_token, order.user_id, order.email).await?,
        ));
    };
    let mut sold_out = Vec::new();
    // Rows are locked in SKU order, so two orders sharing SKUs never wait on each other in a
    // cycle (PostgreSQL would end one with a deadlock error).
    let mut by_sku: BTreeMap<i64, i64> = BTreeMap::new();
    for line in &priced.lines {
        *by_sku.entry(line.sku_id).or_default() += line.quantity;
    }
    for (&sku_id, &quantity) in &by_sku {
        // Flash units first: they come out of the slot's flash stock (the item's row, then the
        // SKU's), within the member's limit.
        if let Some((line, price)) = priced
            .lines
            .iter()
            .filter(|l| l.sku_id == sku_id && l.flash_quantity > 0)
            .find_map(|l| flash.iter().find(|f| f.sku_id == sku_id).map(|f| (l, f)))
        {
            let user_id = order
                .user_id
                .expect("flash prices are quoted to members only");
            let discount = line.flash_quantity * (line.unit_price.fen() - price.price.fen());
            if !super::promotion::flash_sale::take(
                &mut tx,
                price.slot_id,
                sku_id,
                user_id,
                order_id,
                line.flash_quantity,
                discount,
                now,
            )
            .await?
            {
                tx.rollback().await?;
                return Ok(Written::FlashGone);
            }
        }
        let taken = super::stock::change_sellable(&mut tx, sku_id, -quantity).await?;
        // The SKU's row is locked now: its warehouses' figures hold still while the rule picks.
        if !taken
            || !super::stock::reserve(
                &mut tx,
                order_id,
                sku_id,
                quantity,
                order.address.region.code,
                now,
            )
            .await?
        {
            sold_out.push(sku_id);
        }
    }
    if !sold_out.is_empty() {
        tx.rollback().await?;
        // Names and what is left are looked up by the caller, outside this transaction.
        let lines = sold_out
            .into_iter()
            .map(|sku_id| StockShortfall {
                sku_id,
                name: String::new(),
                wanted: 0,
                available: 0,
            })
            .collect();
        return Ok(Written::Outcome(PlaceOutcome::Shortfall(lines)));
    }
    for line in &priced.lines {
        let row = rows
            .iter()
            .find(|r| r.sku_id == line.sku_id)
            .expect("priced from these rows");
        sqlx::query(
            "INSERT INTO order_items (order_id, sku_id, product_id, name, sku_code, unit_price, quantity, total, discount) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(order_id)
        .bind(line.sku_id)
        .bind(row.facts.product_id)
        .bind(&line.name)
        .bind(&row.code)
        .bind(line.unit_price.fen())
        .bind(line.quantity)
        .bind(line.total.fen())
        .bind(line.discount.fen())
        .execute(&mut *tx)
        .await?;
        crate::db::catalog::refresh_derived(&mut tx, row.facts.product_id).await?;
    }
    // What the order takes from the member, in the same transaction: a coupon used by another
    // checkout meanwhile, or points spent meanwhile, and nothing is ordered.
    if let Some(user_id) = order.user_id {
        let copies = [priced.coupon_applied(), priced.shipping_coupon_applied()];
        for copy_id in copies.into_iter().flatten() {
            if !super::promotion::use_copy(&mut tx, user_id, copy_id, order_id, now).await? {
                tx.rollback().await?;
                return Ok(Written::Outcome(PlaceOutcome::Coupon(CouponRefusal::Used)));
            }
        }
        if priced.points_used > 0
            && !super::promotion::redeem_points(
                &mut tx,
                user_id,
                priced.points_used,
                &order_no,
                now,
            )
            .await?
        {
            tx.rollback().await?;
            return Ok(Written::Outcome(PlaceOutcome::PointsShort));
        }
    }
    super::promotion::record_use(&mut tx, order_id, priced).await?;
    if let Some(visit) = order.visit {
        super::visit::mark_ordered(&mut tx, visit).await?;
    }
    let owners: Vec<shipment::LineOwner> = priced
        .lines
        .iter()
        .map(|line| shipment::LineOwner {
            sku_id: line.sku_id,
            owner: crate::domain::owner::Owner::from_column(
                rows.iter()
                    .find(|r| r.sku_id == line.sku_id)
                    .and_then(|r| r.facts.owner_id),
            ),
            total: line.total.fen(),
        })
        .collect();
    shipment::create(&mut tx, order_id, &owners, priced.total.fen()).await?;
    moves::record(
        &mut tx,
        order_id,
        None,
        OrderStatus::PendingPayment,
        &Actor::Shopper.to_string(),
        &MoveReason::Placed.to_string(),
        now,
    )
    .await?;
    // Guests get their key in the link; members sign in.
    let key = order
        .user_id
        .is_none()
        .then(|| guest_access_key(&link_secret, &order_no));
    super::outbox::enqueue(
        &mut *tx,
        order.email,
        order.locale,
        &crate::domain::mail::Mail::OrderPlaced {
            order_no: order_no.clone(),
            total: priced.total,
            pay_before: now + order.pay_within_seconds,
            link: order_link(order.site_url, order.locale, &order_no, key.as_deref()),
        },
    )
    .await?;
    // Counted last, so that on PostgreSQL the counter's row is locked only for the commit (one
    // address's orders do not wait for each other's whole transaction).
    if let Some(limit) = order.limit {
        if !super::rate_limit::hit_in(&mut tx, limit).await? {
            // Over the limit: nothing is ordered, and the refused attempt counts on its own.
            tx.rollback().await?;
            super::rate_limit::hit(db, &limit.bucket, limit.limit, limit.window_seconds).await?;
            return Ok(Written::Outcome(PlaceOutcome::RateLimited));
        }
    }
    tx.commit().await?;
    db.catalog_changed();
    Ok(Written::Outcome(PlaceOutcome::Placed(PlacedOrder {
        id: order_id,
        order_no,
        total: priced.total,
    })))
}

/// A member's unpaid orders: how many, and the (SKU, units) they hold.
pub async fn unpaid_holdings(db: &Db, user_id: i64) -> Result<(i64, Vec<(i64, i64)>), sqlx::Error> {
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE user_id = $1 AND status = $2")
            .bind(user_id)
            .bind(OrderStatus::PendingPayment.as_str())
            .fetch_one(db.pool())
            .await?;
    #[derive(sqlx::FromRow)]
    struct Held {
        sku_id: i64,
        quantity: i64,
    }
    let held = sqlx::query_as::<_, Held>(
        "SELECT i.sku_id, i.quantity FROM order_items i JOIN orders o ON o.id = i.order_id \
         WHERE o.user_id = $1 AND o.status = $2",
    )
    .bind(user_id)
    .bind(OrderStatus::PendingPayment.as_str())
    .fetch_all(db.pool())
    .await?;
    Ok((
        open,
        held.into_iter().map(|h| (h.sku_id, h.quantity)).collect(),
    ))
}

/// Cancels unpaid orders whose time ran out and puts their stock back. Safe to run on several
/// server instances at once: the guarded status update lets exactly one of them cancel an order.
pub async fn expire_unpaid(db: &Db) -> Result<usize, sqlx::Error> {
    let now = unix_now();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = $1 AND pay_before <= $2 ORDER BY id LIMIT 200",
    )
    .bind(OrderStatus::PendingPayment.as_str())
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut expired = 0;
    for order_id in due {
        let to = transition(OrderStatus::PendingPayment, OrderEvent::Expire)
            .expect("pending orders can expire");
        let mut tx = db.writer().begin().await?;
        let claimed = sqlx::query("UPDATE orders SET status = $1 WHERE id = $2 AND status = $3")
            .bind(to.as_str())
            .bind(order_id)
            .bind(OrderStatus::PendingPayment.as_str())
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() != 1 {
            tx.rollback().await?;
            continue;
        }
        super::stock::settle_order(
            &mut tx,
            order_id,
            crate::domain::stock::MovementKind::Released,
        )
        .await?;
        // Its coupon and points go back to the member, its flash units to the flash sale.
        super::promotion::release(&mut tx, order_id, false, now).await?;
        super::promotion::flash_sale::give_back(&mut tx, order_id, now).await?;
        shipment::close_waiting(
            &mut tx,
            order_id,
            crate::domain::order::shipment::ShipmentStatus::Cancelled,
        )
        .await?;
        moves::record(
            &mut tx,
            order_id,
            Some(OrderStatus::PendingPayment),
            to,
            &Actor::System.to_string(),
            &MoveReason::Expired.to_string(),
            now,
        )
        .await?;
        tx.commit().await?;
        expired += 1;
    }
    if expired > 0 {
        db.catalog_changed();
    }
    Ok(expired)
}

#[cfg(test)]
mod tests {
    use super::{guest_access_key, guest_key_matches, merge_lines};

    #[test]
    fn guest_keys_are_signed_by_the_shop() {
        let secret = [7u8; 32];
        let key = guest_access_key(&secret, "J2611290001");
        assert_eq!(key.len(), 32);
        assert!(guest_key_matches(&secret, "J2611290001", &key));
        assert!(
            !guest_key_matches(&secret, "J2611290002", &key),
            "another order"
        );
        assert!(
            !guest_key_matches(&[8u8; 32], "J2611290001", &key),
            "another shop"
        );
        assert!(!guest_key_matches(&secret, "J2611290001", &key[..30]));
        assert!(!guest_key_matches(&secret, "J2611290001", "not hex at all"));
    }

    #[test]
    fn lines_of_one_sku_are_reserved_together() {
        let merged = merge_lines(&[(7, 1), (3, 2), (7, 2)]);
        assert_eq!(merged.into_iter().collect::<Vec<_>>(), vec![(3, 2), (7, 3)]);
    }
}

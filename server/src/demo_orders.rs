//! Three weeks of past orders for the demo shop, so the dashboard, the ledger and the order lists
//! show something real on a fresh `seed --demo-accounts`. Every order goes through the shop's own
//! code (placed, reserved by the warehouse rule, paid by a sandbox notice, shipped, completed);
//! only its times are moved back afterwards.

use app::db::order::{lifecycle, place_order, NewOrder, PlaceOutcome};
use app::db::payment::{apply_notice, record_started};
use app::db::{unix_now, Db};
use app::domain::account::{AddressForm, ValidAddress};
use app::domain::dashboard::shop_day;
use app::domain::owner::Scope;
use app::domain::payment::{PaymentNotice, PaymentOutcome};
use app::domain::pricing::ShippingMethod;
use app::i18n::Locale;

/// Who the demo orders are for: a guest address, so no demo account's pages fill up.
const BUYER: &str = "demo-buyer@example.com";
const DAYS: i64 = 21;

fn address(south: bool) -> ValidAddress {
    let form = if south {
        AddressForm {
            recipient: "陳大文".into(),
            phone: "13800138000".into(),
            region: "GD".into(),
            city: "廣州市".into(),
            detail: "天河區天河路 385 號".into(),
            postal_code: "510000".into(),
        }
    } else {
        AddressForm {
            recipient: "李小華".into(),
            phone: "13900139000".into(),
            region: "SH".into(),
            city: "上海市".into(),
            detail: "黃浦區南京東路 1 號".into(),
            postal_code: "200001".into(),
        }
    };
    ValidAddress::parse(&form).expect("a valid demo address")
}

/// Places about 90 orders over the last 21 days from the best-selling SKUs with stock and the
/// demo suppliers' live SKUs (so some orders hold goods of two owners, and the suppliers'
/// dashboards and ratings have sales); returns how many were placed. Older ones are completed,
/// recent ones shipped or just paid.
pub async fn seed_demo_orders(db: &Db) -> anyhow::Result<usize> {
    let mut skus: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND p.owner_id IS NULL AND s.stock >= 30 \
         ORDER BY p.sales_count DESC, s.id LIMIT 24",
    )
    .fetch_all(db.pool())
    .await?;
    let suppliers: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND p.owner_id IS NOT NULL AND s.stock >= 30 ORDER BY s.id",
    )
    .fetch_all(db.pool())
    .await?;
    // Spread through the list, so they meet the platform's goods in the same orders.
    for (n, sku) in suppliers.into_iter().enumerate() {
        let at = (n * 7 + 3).min(skus.len());
        skus.insert(at, sku);
    }
    if skus.is_empty() {
        return Ok(0);
    }
    let now = unix_now();
    let mut placed = 0;
    // One order of two owners a few days back is left partly shipped: a supplier still late.
    let mut left_waiting = false;
    for days_ago in (1..=DAYS).rev() {
        // Busier at weekends and towards today, as a growing shop is.
        let count = 2 + (days_ago * 7 % 5) as usize + usize::from(days_ago < 8);
        for n in 0..count {
            let pick = |k: usize| skus[(days_ago as usize * 5 + n * 3 + k) % skus.len()];
            let lines = if n % 3 == 0 {
                vec![(pick(0), 1), (pick(1), 2)]
            } else {
                vec![(pick(0), 1 + (n % 2) as i64)]
            };
            let address = address(n % 2 == 0);
            let outcome = place_order(
                db,
                NewOrder {
                    checkout_token: &format!("demo-{days_ago}-{n}"),
                    user_id: None,
                    email: BUYER,
                    locale: Locale::ZhHant,
                    lines: &lines,
                    address: &address,
                    shipping: ShippingMethod::Standard,
                    pay_within_seconds: 1800,
                    site_url: "http://127.0.0.1:3000",
                    coupons: &[],
                    points: 0,
                    expected_total: None,
                    visit: None,
                    limit: None,
                },
            )
            .await?;
            let PlaceOutcome::Placed(order) = outcome else {
                continue;
            };
            let reference = format!("demo-pay-{days_ago}-{n}");
            record_started(db, order.id, "sandbox", &reference, order.total).await?;
            apply_notice(
                db,
                "sandbox",
                &PaymentNotice {
                    reference,
                    order_no: order.order_no.clone(),
                    amount: order.total,
                    outcome: PaymentOutcome::Succeeded,
                },
            )
            .await?;
            if days_ago > 2 {
                // Each owner ships its own parcel; a few days back one supplier is still late.
                let parcels: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM shipments WHERE order_id = $1")
                        .bind(order.id)
                        .fetch_one(db.pool())
                        .await?;
                let shipping = if (3..=5).contains(&days_ago) && parcels > 1 && !left_waiting {
                    left_waiting = true;
                    1
                } else {
                    parcels
                };
                for seq in 1..=shipping {
                    let tracking =
                        format!("SF{:010}", (order.id * 10 + seq) * 7919 % 10_000_000_000);
                    lifecycle::ship_parcel(
                        db,
                        Scope::AllOwners,
                        order.id,
                        seq,
                        "sf",
                        &tracking,
                        "operator",
                    )
                    .await?;
                }
            }
            if days_ago > 9 {
                sqlx::query("UPDATE shipments SET status = 'delivered' WHERE order_id = $1")
                    .bind(order.id)
                    .execute(db.writer())
                    .await?;
                lifecycle::complete(db, order.id, "shopper", "received").await?;
            }
            let at = now - days_ago * 86_400 + n as i64 * 2_700;
            backdate(db, order.id, at).await?;
            placed += 1;
        }
        // About 3–5 % of a day's visits order, as in a small shop.
        let visits = count as i64 * (22 + days_ago * 3 % 7);
        demo_visits(db, shop_day(now - days_ago * 86_400), visits, count as i64).await?;
    }
    // Their mails were for an address nobody reads.
    sqlx::query("DELETE FROM outbox WHERE recipient = $1")
        .bind(BUYER)
        .execute(db.pool())
        .await?;
    Ok(placed)
}

/// Writes `visits` made-up visits of shop day `day`, `ordering` of them ordering (keys that no
/// salt makes, so they never meet a real visitor's).
async fn demo_visits(db: &Db, day: i64, visits: i64, ordering: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    for n in 0..visits {
        sqlx::query(
            "INSERT INTO visits (day, visitor, ordered) VALUES ($1, $2, $3) \
             ON CONFLICT (day, visitor) DO NOTHING",
        )
        .bind(day)
        .bind(format!("demo-{day}-{n}"))
        .bind(i64::from(n < ordering))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Moves an order's times (placed at `at`, paid 5 minutes later, shipped a day later) and its
/// timeline and stock movements with it.
async fn backdate(db: &Db, order_id: i64, at: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let shift: i64 = sqlx::query_scalar("SELECT created_at FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&mut *tx)
        .await?;
    let shift = shift - at;
    sqlx::query(
        "UPDATE orders SET created_at = created_at - $1, pay_before = pay_before - $1, \
         paid_at = paid_at - $1 + 300, \
         shipped_at = CASE WHEN shipped_at IS NULL THEN NULL ELSE shipped_at - $1 + 86400 END \
         WHERE id = $2",
    )
    .bind(shift)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE shipments SET shipped_at = shipped_at - $1 + 86400, \
         delivered_at = CASE WHEN status = 'delivered' THEN shipped_at - $1 + 3 * 86400 END \
         WHERE order_id = $2 AND shipped_at IS NOT NULL",
    )
    .bind(shift)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    for table in ["order_events", "stock_movements", "payments"] {
        sqlx::query(&format!(
            "UPDATE {table} SET created_at = created_at - $1 WHERE order_id = $2"
        ))
        .bind(shift)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

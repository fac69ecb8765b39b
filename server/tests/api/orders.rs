//! Orders and stock on both databases: no overselling under concurrency, idempotent placing,
//! unpaid orders expiring and giving their stock back.

use crate::helpers::place_guest_order;
use crate::test_app::TestApp;
use app::db::order::{expire_unpaid, PlaceOutcome};
use app::db::Db;
use app::domain::order::{Actor, MoveReason};

async fn set_stock(db: &Db, sku_id: i64, stock: i64) {
    assert!(app::db::stock::restock_to(db, sku_id, stock).await.unwrap());
}

async fn stock(db: &Db, sku_id: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

#[tokio::test]
async fn the_last_unit_goes_to_exactly_one_of_32_concurrent_buyers() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        set_stock(t.db(), 1, 1).await;
        let buyers = (0..32).map(|n| {
            let db = t.db().clone();
            tokio::spawn(async move {
                place_guest_order(&db, &format!("token-{n}"), &[(1, 1)], 1800).await
            })
        });
        let outcomes: Vec<PlaceOutcome> = futures_join(buyers).await;
        let placed = outcomes
            .iter()
            .filter(|o| matches!(o, PlaceOutcome::Placed(_)))
            .count();
        let sold_out = outcomes
            .iter()
            .filter(|o| shortfall(o) == Some(vec![(1, 1, 0)]))
            .count();
        assert_eq!((placed, sold_out), (1, 31), "{backend}: {outcomes:?}");
        assert_eq!(stock(t.db(), 1).await, 0, "{backend}");
        assert_eq!(
            count(t.db(), "SELECT COUNT(*) FROM orders").await,
            1,
            "{backend}"
        );
        assert_eq!(
            count(t.db(), "SELECT COUNT(*) FROM order_items").await,
            1,
            "{backend}"
        );
        t.close().await;
    }
}

/// A refused order's lines as (SKU, wanted, left).
fn shortfall(outcome: &PlaceOutcome) -> Option<Vec<(i64, i64, i64)>> {
    match outcome {
        PlaceOutcome::Shortfall(lines) => Some(
            lines
                .iter()
                .map(|l| (l.sku_id, l.wanted, l.available))
                .collect(),
        ),
        _ => None,
    }
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await.unwrap());
    }
    out
}

#[tokio::test]
async fn two_lines_of_one_sku_are_checked_together_and_nothing_is_half_written() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        set_stock(t.db(), 1, 3).await;
        set_stock(t.db(), 2, 5).await;
        // 2 + 2 of SKU 1 is more than its 3: refused as a whole, SKU 2 untouched.
        let refused = t
            .place_guest_order("a", &[(1, 2), (2, 1), (1, 2)], 1800)
            .await;
        assert_eq!(shortfall(&refused), Some(vec![(1, 4, 3)]), "{backend}");
        let PlaceOutcome::Shortfall(lines) = &refused else {
            unreachable!()
        };
        assert!(!lines[0].name.is_empty(), "{backend}: the line is named");
        assert_eq!(
            (stock(t.db(), 1).await, stock(t.db(), 2).await),
            (3, 5),
            "{backend}"
        );
        assert_eq!(
            count(t.db(), "SELECT COUNT(*) FROM orders").await,
            0,
            "{backend}"
        );

        let placed = t
            .place_guest_order("b", &[(1, 1), (2, 1), (1, 2)], 1800)
            .await;
        assert!(
            matches!(placed, PlaceOutcome::Placed(_)),
            "{backend}: {placed:?}"
        );
        assert_eq!(
            (stock(t.db(), 1).await, stock(t.db(), 2).await),
            (0, 4),
            "{backend}"
        );
        let quantity: i64 = sqlx::query_scalar("SELECT quantity FROM order_items WHERE sku_id = 1")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert_eq!(quantity, 3, "{backend}: one line per SKU");

        // Sold out between cart and checkout: a clear answer naming the SKU.
        assert_eq!(
            shortfall(&t.place_guest_order("c", &[(1, 1)], 1800).await),
            Some(vec![(1, 1, 0)])
        );
        assert_eq!(
            shortfall(&t.place_guest_order("d", &[(424_242, 1)], 1800).await),
            Some(vec![(424_242, 1, 0)])
        );
        t.close().await;
    }
}

#[tokio::test]
async fn placing_the_same_checkout_again_returns_the_same_order() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        set_stock(t.db(), 1, 10).await;
        let attempts = (0..8).map(|_| {
            let db = t.db().clone();
            tokio::spawn(
                async move { place_guest_order(&db, "double-click", &[(1, 2)], 1800).await },
            )
        });
        let outcomes = futures_join(attempts).await;
        let ids: Vec<i64> = outcomes
            .iter()
            .map(|o| match o {
                PlaceOutcome::Placed(p) | PlaceOutcome::AlreadyPlaced(p) => p.id,
                other => panic!("{backend}: {other:?}"),
            })
            .collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "{backend}: {ids:?}");
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| matches!(o, PlaceOutcome::Placed(_)))
                .count(),
            1,
            "{backend}"
        );
        assert_eq!(stock(t.db(), 1).await, 8, "{backend}: reserved once");
        assert_eq!(
            count(t.db(), "SELECT COUNT(*) FROM orders").await,
            1,
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn unpaid_orders_expire_once_and_give_their_stock_back() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        set_stock(t.db(), 1, 4).await;
        let expired_soon = t.place_guest_order("late", &[(1, 3)], -1).await;
        assert!(matches!(expired_soon, PlaceOutcome::Placed(_)), "{backend}");
        let still_open = t.place_guest_order("open", &[(1, 1)], 1800).await;
        assert!(matches!(still_open, PlaceOutcome::Placed(_)), "{backend}");
        assert_eq!(stock(t.db(), 1).await, 0, "{backend}");

        // Two server instances running the job at once cancel it once.
        let (a, b) = tokio::join!(expire_unpaid(t.db()), expire_unpaid(t.db()));
        assert_eq!(a.unwrap() + b.unwrap(), 1, "{backend}");
        assert_eq!(stock(t.db(), 1).await, 3, "{backend}: stock released once");
        let statuses: Vec<String> = sqlx::query_scalar("SELECT status FROM orders ORDER BY id")
            .fetch_all(t.db().pool())
            .await
            .unwrap();
        assert_eq!(statuses, vec!["cancelled", "pending_payment"], "{backend}");
        let (actor, reason): (String, String) =
            sqlx::query_as("SELECT actor, reason FROM order_events WHERE to_status = 'cancelled'")
                .fetch_one(t.db().pool())
                .await
                .unwrap();
        assert_eq!(Actor::parse(&actor), Actor::System, "{backend}");
        assert_eq!(MoveReason::parse(&reason), MoveReason::Expired, "{backend}");
        assert_eq!(expire_unpaid(t.db()).await.unwrap(), 0, "{backend}");
        t.close().await;
    }
}

/// A payment only moves forward, whatever order its notices arrive in: every ordering of
/// failed, succeeded and duplicate notices ends with the order paid exactly when a success
/// arrived, and a success for an order that can no longer be paid is refunded, never kept.
#[tokio::test]
async fn payment_notices_in_any_order_settle_forward_once() {
    use app::db::payment::{apply_notice, record_started, Applied};
    use app::domain::payment::{PaymentNotice, PaymentOutcome::*};
    let orderings: &[&[app::domain::payment::PaymentOutcome]] = &[
        &[Failed, Succeeded],
        &[Succeeded, Failed],
        &[Failed, Failed],
        &[Succeeded, Succeeded],
        &[Failed, Succeeded, Succeeded, Failed],
        &[Failed, Failed, Succeeded],
    ];
    for t in TestApp::each(true).await {
        let backend = t.backend();
        set_stock(t.db(), 1, 50).await;
        for (n, notices) in orderings.iter().enumerate() {
            let PlaceOutcome::Placed(order) = t
                .place_guest_order(&format!("notice-{n}"), &[(1, 1)], 1800)
                .await
            else {
                panic!("{backend}: placed");
            };
            let reference = format!("pay-{n}");
            record_started(t.db(), order.id, "sandbox", &reference, order.total)
                .await
                .unwrap();
            let mut paid = 0;
            for outcome in notices.iter() {
                let notice = PaymentNotice {
                    reference: reference.clone(),
                    order_no: order.order_no.clone(),
                    amount: order.total,
                    outcome: *outcome,
                };
                if let Applied::Paid { .. } =
                    apply_notice(t.db(), "sandbox", &notice).await.unwrap()
                {
                    paid += 1;
                }
            }
            let succeeded = notices.contains(&Succeeded);
            assert_eq!(paid, usize::from(succeeded), "{backend}: {notices:?}");
            let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
                .bind(order.id)
                .fetch_one(t.db().pool())
                .await
                .unwrap();
            let payment: String =
                sqlx::query_scalar("SELECT status FROM payments WHERE provider_ref = $1")
                    .bind(&reference)
                    .fetch_one(t.db().pool())
                    .await
                    .unwrap();
            if succeeded {
                assert_eq!(
                    (status.as_str(), payment.as_str()),
                    ("paid", "succeeded"),
                    "{backend}: {notices:?}"
                );
            } else {
                assert_eq!(
                    (status.as_str(), payment.as_str()),
                    ("pending_payment", "failed"),
                    "{backend}: {notices:?}"
                );
            }
        }

        // Failed, then the order expires, then the retry's success arrives: refunded, not kept.
        let PlaceOutcome::Placed(order) = t.place_guest_order("notice-late", &[(1, 1)], -1).await
        else {
            panic!("{backend}: placed");
        };
        record_started(t.db(), order.id, "sandbox", "pay-late", order.total)
            .await
            .unwrap();
        let notice = |outcome| PaymentNotice {
            reference: "pay-late".into(),
            order_no: order.order_no.clone(),
            amount: order.total,
            outcome,
        };
        assert!(matches!(
            apply_notice(t.db(), "sandbox", &notice(Failed))
                .await
                .unwrap(),
            Applied::Failed { .. }
        ));
        assert_eq!(expire_unpaid(t.db()).await.unwrap(), 1, "{backend}");
        let late = apply_notice(t.db(), "sandbox", &notice(Succeeded))
            .await
            .unwrap();
        match late {
            Applied::RefundLate { due, .. } => assert_eq!(due.amount, order.total, "{backend}"),
            other => panic!("{backend}: {other:?}"),
        }
        t.close().await;
    }
}

//! A supplier's rating from its own record, on both databases: on-time shipping of its parcels
//! (within 48 hours of payment, counted once due), parcels ending in after-sale, rejections in
//! review; another supplier's record never counts.

use crate::test_app::TestApp;
use app::db::catalog::product_review as review;
use app::db::supplier_rating::ratings;
use app::db::unix_now;
use app::domain::dashboard::{shop_day, DayRange};
use app::domain::locale::Locale;
use app::domain::owner::{Owner, Scope};

#[tokio::test]
async fn a_supplier_is_rated_from_its_own_shipping_after_sales_and_reviews() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let ops = crate::helpers::account_actor(db, "ops@example.com").await;
        let a = super::product_review::approved_supplier(db, "a@example.com", &ops).await;
        let b = super::product_review::approved_supplier(db, "b@example.com", &ops).await;
        let scope = Scope::Only(Owner::Supplier(a.user_id));

        // Two decisions: one approved, one rejected.
        let form = crate::helpers::tea_form(db, "A's Tea", "30", "10").await;
        let saved = review::submit(db, scope, &a, &form, &form.parse().unwrap())
            .await
            .unwrap();
        let queue = review::queue(db, Scope::AllOwners, Locale::En)
            .await
            .unwrap();
        review::approve(db, &ops, queue[0].submission_id)
            .await
            .unwrap();
        let other = crate::helpers::tea_form(db, "A's Other Tea", "20", "1").await;
        review::submit(db, scope, &a, &other, &other.parse().unwrap())
            .await
            .unwrap();
        let queue = review::queue(db, Scope::AllOwners, Locale::En)
            .await
            .unwrap();
        review::reject(db, &ops, queue[0].submission_id, "Blurry photo.")
            .await
            .unwrap();

        // Paid orders of its goods: shipped in time, late (not shipped, past the promise), paid
        // just now (not due yet), cancelled; the first has an after-sale request.
        let sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let now = unix_now();
        let three_days_ago = now - 3 * 86_400;
        let mut ids = Vec::new();
        for (n, (paid_at, shipped_at, status)) in [
            (three_days_ago, Some(three_days_ago + 3_600), "paid"),
            (three_days_ago, None, "paid"),
            (now, None, "paid"),
            // Cancelled before shipping: never to be shipped, so never late.
            (three_days_ago, None, "cancelled"),
        ]
        .into_iter()
        .enumerate()
        {
            let placed =
                crate::helpers::place_guest_order(db, &format!("rating-{n}"), &[(sku, 1)], 3600)
                    .await;
            let app::db::order::PlaceOutcome::Placed(order) = placed else {
                panic!("{backend}: {placed:?}")
            };
            let id: i64 = sqlx::query_scalar(
                "UPDATE orders SET status = $4, paid_at = $1, shipped_at = $2 \
                 WHERE order_no = $3 RETURNING id",
            )
            .bind(paid_at)
            .bind(shipped_at)
            .bind(&order.order_no)
            .bind(status)
            .fetch_one(db.pool())
            .await
            .unwrap();
            // Its one parcel (the supplier's) stands where the order does.
            let parcel = match (shipped_at, status) {
                (Some(_), _) => "shipped",
                (None, "cancelled") => "cancelled",
                _ => "waiting",
            };
            sqlx::query("UPDATE shipments SET shipped_at = $1, status = $2 WHERE order_id = $3")
                .bind(shipped_at)
                .bind(parcel)
                .bind(id)
                .execute(db.pool())
                .await
                .unwrap();
            ids.push(id);
        }
        sqlx::query(
            "INSERT INTO after_sales (order_id, shipment_id, kind, reason, status, resume_to, \
             refund_amount, created_at) VALUES ($1, (SELECT id FROM shipments WHERE order_id = $1), \
             'refund_only', 'Damaged', 'open', 'shipped', 3000, $2)",
        )
        .bind(ids[0])
        .bind(now)
        .execute(db.pool())
        .await
        .unwrap();

        let today = shop_day(now);
        let range = DayRange::parse("", "", today).unwrap();
        let mine = ratings(db, range, Some(a.user_id)).await.unwrap();
        assert_eq!(mine.len(), 1, "{backend}");
        let rating = mine[0].current;
        assert_eq!(
            (
                rating.counts.orders,
                rating.counts.due,
                rating.counts.on_time
            ),
            (4, 2, 1),
            "{backend}"
        );
        assert_eq!(rating.on_time_bp, Some(5_000), "{backend}");
        assert_eq!(rating.after_sale_bp, Some(2_500), "{backend}");
        assert_eq!(rating.rejection_bp, Some(5_000), "{backend}");
        assert_eq!(
            mine[0].previous.on_time_bp, None,
            "{backend}: nothing before"
        );

        // Operators see every supplier; B has nothing to rate.
        let all = ratings(db, range, None).await.unwrap();
        let b_rating = all.iter().find(|r| r.user_id == b.user_id).unwrap();
        assert_eq!(
            (
                b_rating.current.counts.orders,
                b_rating.current.rejection_bp
            ),
            (0, None),
            "{backend}"
        );
        assert!(all.iter().any(|r| r.user_id == a.user_id));
    }
}

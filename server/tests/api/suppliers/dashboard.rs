//! A supplier's dashboard counts its own goods only: in an order holding its goods and the
//! platform's, its GMV is its lines' value, its top products are its own; the operator's
//! dashboard still counts the whole order. Both databases.

use crate::test_app::TestApp;
use app::db::catalog::product_review as review;
use app::domain::locale::Locale;
use app::domain::money::Money;
use app::domain::owner::{Owner, Scope};

#[tokio::test]
async fn a_suppliers_dashboard_counts_only_its_own_goods() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let ops = crate::helpers::account_actor(db, "ops@example.com").await;
        let a = super::product_review::approved_supplier(db, "a@example.com", &ops).await;
        let scope = Scope::Only(Owner::Supplier(a.user_id));
        let form = crate::helpers::tea_form(db, "A's Tea", "30", "5").await;
        let saved = review::submit(db, scope, &a, &form, &form.parse().unwrap())
            .await
            .unwrap();
        let waiting = review::queue(db, Scope::AllOwners, Locale::En)
            .await
            .unwrap();
        review::approve(db, &ops, waiting[0].submission_id)
            .await
            .unwrap();
        let own_sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let platform_sku: i64 = sqlx::query_scalar(
            "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.owner_id IS NULL AND p.status = 'active' AND s.stock >= 1 ORDER BY s.id LIMIT 1",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        let placed = crate::helpers::place_guest_order(
            db,
            "dashboard-two-owners",
            &[(own_sku, 2), (platform_sku, 1)],
            3600,
        )
        .await;
        let app::db::order::PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        // Paid now: the dashboard reads the payment time.
        sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1 WHERE order_no = $2")
            .bind(app::db::unix_now())
            .bind(&order.order_no)
            .execute(db.pool())
            .await
            .unwrap();
        let total: i64 = sqlx::query_scalar("SELECT total FROM orders WHERE order_no = $1")
            .bind(&order.order_no)
            .fetch_one(db.pool())
            .await
            .unwrap();

        let own = app::flow::dashboard::figures(db, scope, Locale::En, "", "")
            .await
            .unwrap();
        assert_eq!(own.current.gmv, Money::from_yuan(60), "{backend}");
        assert_eq!(own.current.paid_orders, 1, "{backend}");
        assert_eq!(own.current.visits, 0, "{backend}: visits are the shop's");
        let names: Vec<&str> = own.top_products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["A's Tea"], "{backend}");
        assert!(own.csv.lines().count() > 1 && own.orders_chart.starts_with("<svg"));

        let shop = app::flow::dashboard::figures(db, Scope::AllOwners, Locale::En, "", "")
            .await
            .unwrap();
        assert!(shop.current.gmv >= Money::from_fen(total), "{backend}");
        assert!(shop.top_products.len() >= 2, "{backend}");

        let other = Scope::Only(Owner::Supplier(ops.user_id));
        let none = app::flow::dashboard::figures(db, other, Locale::En, "", "")
            .await
            .unwrap();
        assert_eq!(
            (none.current.paid_orders, none.top_products.len()),
            (0, 0),
            "{backend}: another supplier's"
        );
    }
}

//! The dashboard's figures against orders placed through the real checkout code.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::dashboard::DashboardFigures as DashboardFn;
use app::db::order::PlaceOutcome;
use app::domain::dashboard::Dashboard;
use app::domain::staff::Permission;
use app::error::{AppError, Refusal};

#[tokio::test]
async fn the_dashboard_counts_paid_orders_in_the_range_against_the_period_before() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let sku: (i64, i64) = sqlx::query_as(
            "SELECT s.id, s.price FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.status = 'active' AND s.stock >= 10 ORDER BY s.id LIMIT 1",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        let now = app::db::unix_now();
        // Paid today (twice), 40 days ago (the period before the default 30 days), and one
        // order never paid.
        let mut totals = Vec::new();
        for (n, paid_at) in [
            (1, Some(now)),
            (2, Some(now - 60)),
            (3, Some(now - 40 * 86_400)),
            (4, None),
        ] {
            let PlaceOutcome::Placed(order) = t
                .place_guest_order(&format!("dash-{n}"), &[(sku.0, n)], 3_600)
                .await
            else {
                panic!("{backend}: not placed")
            };
            if let Some(paid_at) = paid_at {
                sqlx::query("UPDATE orders SET paid_at = $1 WHERE id = $2")
                    .bind(paid_at)
                    .bind(order.id)
                    .execute(t.db().pool())
                    .await
                    .unwrap();
            }
            totals.push(order.total.fen());
        }
        let mut finance = staff_member(&t, "money@example.com", &[Permission::Finance]).await;
        let figures: Dashboard = finance
            .call::<DashboardFn>(&[("from", ""), ("to", "")])
            .await
            .json();
        assert_eq!(figures.days.len(), 30, "{backend}");
        assert_eq!(figures.current.paid_orders, 2, "{backend}");
        assert_eq!(
            figures.current.gmv.fen(),
            totals[0] + totals[1],
            "{backend}"
        );
        assert_eq!(
            figures.current.average_order_value.fen(),
            (totals[0] + totals[1] + 1) / 2,
            "{backend}"
        );
        // 40 days back falls in the 30 days before the last 30.
        assert_eq!(figures.previous.paid_orders, 1, "{backend}");
        assert_eq!(figures.previous.gmv.fen(), totals[2], "{backend}");
        let today = figures.days.last().unwrap();
        assert_eq!(
            (today.orders, today.gmv.fen()),
            (2, totals[0] + totals[1]),
            "{backend}"
        );
        assert_eq!(
            figures.top_products[0].units, 3,
            "{backend}: 1 + 2 units paid in range"
        );
        assert!(figures.orders_chart.starts_with("<svg"), "{backend}");
        assert!(figures.gmv_chart.starts_with("<svg"), "{backend}");
        let csv: Vec<&str> = figures.csv.lines().collect();
        assert_eq!(csv[0], "day,orders,gmv_fen,gmv_yuan");
        assert_eq!(csv.len(), 31, "{backend}");
        assert!(csv[30].starts_with(&format!("{},2,{}", today.day, totals[0] + totals[1])));

        // A range the wrong way round, or longer than a year, is refused in words.
        for (from, to) in [
            ("2026-11-30", "2026-11-01"),
            ("2020-01-01", "2026-01-01"),
            ("soon", ""),
        ] {
            assert_eq!(
                finance
                    .call::<DashboardFn>(&[("from", from), ("to", to)])
                    .await
                    .error(),
                AppError::Refused(Refusal::DashboardRange),
                "{backend} {from}..{to}"
            );
        }
        t.close().await;
    }
}

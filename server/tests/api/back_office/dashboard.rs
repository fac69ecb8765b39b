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
        assert_eq!(csv[0], "day,orders,gmv_fen,gmv_yuan,visits,ordering_visits");
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

/// Visits are counted from page views without a cookie, once per visitor and day; robots, files
/// and missing pages are not; an order marks its visitor's visit, and the dashboard divides.
#[tokio::test]
async fn conversion_is_visits_that_ordered_over_visits() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        crate::checkout::prepare(t.db()).await;
        // A salt of an earlier day is deleted when today's is made.
        sqlx::query("INSERT INTO visit_salts (day, salt) VALUES (1, 'old')")
            .execute(t.db().pool())
            .await
            .unwrap();
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        let mut buyer = t.browser_from("198.51.100.20");
        buyer.user_agent = Some(firefox.into());
        for path in ["/en/", "/en/p/smartphone-obsidian", "/en/cart"] {
            let page = buyer.get(path).await;
            assert_eq!(page.status, axum::http::StatusCode::OK, "{backend} {path}");
            assert!(
                page.headers.get(axum::http::header::SET_COOKIE).is_none(),
                "{backend}: no cookie for counting"
            );
        }
        let mut looker = t.browser_from("198.51.100.21");
        looker.user_agent = Some(firefox.into());
        looker.get("/en/").await;
        looker.get("/en/p/no-such-product").await;
        let mut robot = t.browser_from("66.249.66.1");
        robot.user_agent = Some("Mozilla/5.0 (compatible; Googlebot/2.1)".into());
        robot.get("/en/").await;
        // No User-Agent at all (a script) is not a visit either.
        t.browser_from("198.51.100.22").get("/en/").await;

        let placed = buyer
            .call_json::<app::api::order::PlaceOrder>(crate::checkout::checkout(
                "visit-1",
                "visitor@example.com",
                serde_json::json!([{"sku_id": 1, "quantity": 1}]),
            ))
            .await;
        assert_eq!(placed.status, axum::http::StatusCode::OK, "{}", placed.body);

        let mut finance = staff_member(&t, "rates@example.com", &[Permission::Finance]).await;
        // Staff at work in the back office are not shoppers' visits.
        finance.user_agent = Some(firefox.into());
        for path in ["/en/admin", "/zh-hans/admin/products"] {
            let page = finance.get(path).await;
            assert_eq!(page.status, axum::http::StatusCode::OK, "{backend} {path}");
        }
        // Page views are written after their answer: wait for them.
        let mut figures: Dashboard = finance
            .call::<DashboardFn>(&[("from", ""), ("to", "")])
            .await
            .json();
        for _ in 0..100 {
            if figures.current.visits >= 2 && figures.current.ordering_visits >= 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            figures = finance
                .call::<DashboardFn>(&[("from", ""), ("to", "")])
                .await
                .json();
        }
        assert_eq!(
            (figures.current.visits, figures.current.ordering_visits),
            (2, 1),
            "{backend}"
        );
        assert_eq!(figures.current.conversion_bp, Some(5_000), "{backend}");
        let today = figures.days.last().unwrap();
        assert_eq!((today.visits, today.ordering_visits), (2, 1), "{backend}");
        assert!(figures
            .csv
            .lines()
            .next()
            .unwrap()
            .ends_with(",visits,ordering_visits"));
        assert_eq!(
            figures.previous.conversion_bp, None,
            "{backend}: no visits before"
        );

        // Only today's salt is kept, and no address is stored.
        let salts: Vec<i64> = sqlx::query_scalar("SELECT day FROM visit_salts")
            .fetch_all(t.db().pool())
            .await
            .unwrap();
        assert_eq!(
            salts,
            vec![app::domain::dashboard::shop_day(app::db::unix_now())],
            "{backend}"
        );
        let keys: Vec<String> = sqlx::query_scalar("SELECT visitor FROM visits")
            .fetch_all(t.db().pool())
            .await
            .unwrap();
        assert!(
            keys.iter().all(|k| k.len() == 32 && !k.contains("198.51")),
            "{backend}: {keys:?}"
        );

        // Another instance has begun tomorrow and deleted today's salt: an instance that has
        // not cached it yet (a restart) does not make a second salt for today.
        let today = app::domain::dashboard::shop_day(app::db::unix_now());
        sqlx::query("DELETE FROM visit_salts")
            .execute(t.db().pool())
            .await
            .unwrap();
        sqlx::query("INSERT INTO visit_salts (day, salt) VALUES ($1, 'tomorrow')")
            .bind(today + 1)
            .execute(t.db().pool())
            .await
            .unwrap();
        let restarted = app::db::Db::connect(t.url()).await.unwrap();
        app::flow::visit::count_visit(&restarted, app::db::unix_now(), "198.51.100.99", firefox)
            .await
            .unwrap();
        let days: Vec<i64> = sqlx::query_scalar("SELECT day FROM visit_salts")
            .fetch_all(t.db().pool())
            .await
            .unwrap();
        assert_eq!(days, vec![today + 1], "{backend}");
        assert_eq!(keys.len(), 2, "{backend}");
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM visits")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        assert_eq!(after, 2, "{backend}: not counted under a second salt");
        restarted.close().await;
        t.close().await;
    }
}

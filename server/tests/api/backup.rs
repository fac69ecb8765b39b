//! Backups: one taken while orders keep coming restores into an empty database with every order
//! acknowledged before it started, on both backends.

use crate::helpers::place_guest_order;
use crate::test_app::TestApp;
use app::db::order::PlaceOutcome;
use app::db::Db;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[tokio::test]
async fn a_backup_taken_under_load_restores_every_acknowledged_order() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        for sku_id in 1..=4 {
            assert!(app::db::stock::restock_to(t.db(), sku_id, 100_000)
                .await
                .unwrap());
        }
        let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let buyers: Vec<_> = (1..=4)
            .map(|buyer| {
                let (db, acknowledged, stop) = (t.db().clone(), acknowledged.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut n = 0;
                    while !stop.load(Ordering::SeqCst) && n < 2_000 {
                        n += 1;
                        if let PlaceOutcome::Placed(order) = place_guest_order(
                            &db,
                            &format!("load-{buyer}-{n}"),
                            &[(buyer, 1)],
                            1800,
                        )
                        .await
                        {
                            acknowledged.lock().unwrap().push(order.order_no);
                        }
                    }
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let before: Vec<String> = acknowledged.lock().unwrap().clone();
        let file = t.folder().join("backup.bin");
        // Today's visit salt and visits: the visits are kept, the salt never leaves the shop.
        sqlx::query("INSERT INTO visit_salts (day, salt) VALUES (20000, 'secret')")
            .execute(t.db().pool())
            .await
            .unwrap();
        sqlx::query("INSERT INTO visits (day, visitor, ordered) VALUES (20000, 'k', 0)")
            .execute(t.db().pool())
            .await
            .unwrap();
        server::backup::backup(t.db(), t.url(), &file)
            .await
            .unwrap();
        stop.store(true, Ordering::SeqCst);
        for buyer in buyers {
            buyer.await.unwrap();
        }
        assert!(!before.is_empty(), "{backend}: orders were coming in");
        assert!(
            server::backup::backup(t.db(), t.url(), &file)
                .await
                .is_err(),
            "{backend}: a backup never overwrites"
        );

        let target = t.sibling_url().await;
        server::backup::restore(&target, &file).await.unwrap();
        let restored = Db::connect(&target).await.unwrap();
        restored
            .migrate()
            .await
            .expect("the restored database is current");
        let count = |sql: &'static str| {
            let restored = restored.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .fetch_one(restored.pool())
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            count("SELECT COUNT(*) FROM visit_salts").await,
            0,
            "{backend}"
        );
        assert_eq!(count("SELECT COUNT(*) FROM visits").await, 1, "{backend}");
        let numbers: Vec<String> = sqlx::query_scalar("SELECT order_no FROM orders")
            .fetch_all(restored.pool())
            .await
            .unwrap();
        let missing: Vec<&String> = before.iter().filter(|n| !numbers.contains(n)).collect();
        assert!(
            missing.is_empty(),
            "{backend}: {} of {} acknowledged orders missing",
            missing.len(),
            before.len()
        );
        // Each restored order is whole: its line is there, and stock + sold adds up per SKU.
        let lonely: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS \
             (SELECT 1 FROM order_items i WHERE i.order_id = o.id)",
        )
        .fetch_one(restored.pool())
        .await
        .unwrap();
        assert_eq!(lonely, 0, "{backend}");
        for sku in 1..=4i64 {
            let (stock, sold): (i64, i64) = sqlx::query_as(
                "SELECT s.stock, (SELECT CAST(COALESCE(SUM(i.quantity), 0) AS BIGINT) FROM order_items i \
                 WHERE i.sku_id = s.id) FROM skus s WHERE s.id = $1",
            )
            .bind(sku)
            .fetch_one(restored.pool())
            .await
            .unwrap();
            assert_eq!(stock + sold, 100_000, "{backend}: SKU {sku} balances");
        }
        assert!(
            server::backup::restore(&target, &file).await.is_err(),
            "{backend}: restoring over data is refused"
        );
        restored.close().await;
        t.close().await;
    }
}

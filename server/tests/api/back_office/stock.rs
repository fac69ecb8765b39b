//! Warehouses and the stock ledger on both databases: the warehouse rule, shipping, cancelling
//! and returns as movements, adjustments and their refusals, and the ledger equal to on hand
//! after concurrent orders and adjustments.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::stock::{
    AdjustStock, AdminWarehouses, SaveWarehouse, SetDefaultLowStock, SetSkuLowStock, SkuStock,
    TransferStock,
};
use app::db::order::PlaceOutcome;
use app::db::stock::{adjust, levels, mismatches, restock_to};
use app::db::Db;
use app::domain::audit::AuditActor;
use app::domain::form::{Field, Problem};
use app::domain::owner::Scope;
use app::domain::staff::Permission;
use app::domain::stock::{
    Adjustment, LedgerEntry, Level, MovementKind, SkuStockView as SkuStockPage, Warehouse,
};
use app::error::AppError;
use axum::http::StatusCode;

async fn warehouse_in(db: &Db, region: &str) -> i64 {
    app::db::stock::warehouses(db, Scope::AllOwners)
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.region == region)
        .unwrap_or_else(|| panic!("a warehouse in {region}"))
        .id
}

async fn allocations(db: &Db, order_id: i64) -> Vec<(i64, i64)> {
    sqlx::query_as(
        "SELECT warehouse_id, quantity FROM order_allocations WHERE order_id = $1 \
         ORDER BY quantity DESC",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn level_at(db: &Db, sku_id: i64, warehouse_id: i64) -> (i64, i64) {
    levels(db, Scope::AllOwners, sku_id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.warehouse_id == warehouse_id)
        .map_or((0, 0), |l| (l.on_hand, l.reserved))
}

async fn sellable(db: &Db, sku_id: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

fn setup_actor() -> AuditActor {
    AuditActor {
        user_id: 1,
        email: "setup@example.com".into(),
    }
}

async fn put(db: &Db, sku_id: i64, warehouse_id: i64, delta: i64) {
    let adjustment = Adjustment {
        warehouse_id,
        delta,
        reason: "Test shelf".into(),
    };
    adjust(db, Scope::AllOwners, &setup_actor(), sku_id, &adjustment)
        .await
        .unwrap();
}

async fn placed(t: &TestApp, token: &str, sku_id: i64, quantity: i64) -> Option<i64> {
    match t
        .place_guest_order(token, &[(sku_id, quantity)], 1800)
        .await
    {
        PlaceOutcome::Placed(order) => Some(order.id),
        _ => None,
    }
}

#[tokio::test]
async fn orders_take_from_the_warehouse_that_serves_the_region_and_every_move_is_in_the_ledger() {
    for t in TestApp::each(true).await {
        let (backend, db) = (t.backend(), t.db());
        let shanghai = warehouse_in(db, "SH").await;
        let guangzhou = warehouse_in(db, "GD").await;
        // SKU 1: 10 in Guangzhou (which serves Guangdong, where the test orders go), 30 in
        // Shanghai.
        assert!(restock_to(db, 1, 0).await.unwrap());
        put(db, 1, guangzhou, 10).await;
        put(db, 1, shanghai, 30).await;
        assert_eq!(sellable(db, 1).await, 40, "{backend}");

        // Guangzhou serves the region and holds the whole line.
        let first = placed(&t, "wh-1", 1, 4).await.expect("placed");
        assert_eq!(
            allocations(db, first).await,
            vec![(guangzhou, 4)],
            "{backend}"
        );
        // Guangzhou holds 6 of 8: Shanghai, which holds them all, sends the line.
        let second = placed(&t, "wh-2", 1, 8).await.expect("placed");
        assert_eq!(
            allocations(db, second).await,
            vec![(shanghai, 8)],
            "{backend}"
        );
        // 28 free in all, 6 + 22: no warehouse holds 27, so the line is split, serving first.
        assert_eq!(placed(&t, "wh-too-many", 1, 29).await, None, "{backend}");
        let third = placed(&t, "wh-3", 1, 27).await.expect("placed");
        assert_eq!(
            allocations(db, third).await,
            vec![(shanghai, 21), (guangzhou, 6)],
            "{backend}"
        );
        assert_eq!(level_at(db, 1, guangzhou).await, (10, 10), "{backend}");
        assert_eq!(level_at(db, 1, shanghai).await, (30, 29), "{backend}");
        assert_eq!(sellable(db, 1).await, 1, "{backend}");

        // Cancelling releases the hold; shipping takes the goods off the shelf.
        app::db::order::lifecycle::cancel(db, first, "shopper", "changed my mind")
            .await
            .unwrap();
        assert_eq!(level_at(db, 1, guangzhou).await, (10, 6), "{backend}");
        sqlx::query("UPDATE orders SET status = 'paid', paid_at = 1 WHERE id = $1")
            .bind(second)
            .execute(db.pool())
            .await
            .unwrap();
        app::db::order::lifecycle::ship_parcel(
            db,
            Scope::AllOwners,
            second,
            1,
            "sf",
            "SF1234567890",
            "operator",
        )
        .await
        .unwrap();
        assert_eq!(level_at(db, 1, shanghai).await, (22, 21), "{backend}");
        assert_eq!(sellable(db, 1).await, 5, "{backend}");

        let ledger: Vec<LedgerEntry> = app::db::stock::ledger(db, Scope::AllOwners, 1, None, 50)
            .await
            .unwrap();
        let kinds: Vec<MovementKind> = ledger.iter().take(6).map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            vec![
                MovementKind::Shipped,
                MovementKind::Released,
                MovementKind::Reserved,
                MovementKind::Reserved,
                MovementKind::Reserved,
                MovementKind::Reserved,
            ],
            "{backend}: newest first"
        );
        assert_eq!(ledger[0].order_id, Some(second), "{backend}");
        assert_eq!(
            mismatches(db).await.unwrap(),
            Vec::<String>::new(),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn adjustments_are_checked_written_to_the_ledger_and_the_audit_log() {
    for t in TestApp::each(true).await {
        let (backend, db) = (t.backend(), t.db());
        let mut ops = staff_member(&t, "stock@example.com", &[Permission::Catalog]).await;
        let warehouses: Vec<Warehouse> = ops.call::<AdminWarehouses>(&[]).await.json();
        assert_eq!(warehouses.len(), 2, "{backend}: the demo has two");
        let guangzhou = warehouse_in(db, "GD").await.to_string();
        assert!(restock_to(db, 1, 5).await.unwrap());
        let before = level_at(db, 1, guangzhou.parse().unwrap()).await;

        // Every field is named at once.
        let error = ops
            .call::<AdjustStock>(&[
                ("sku_id", "1"),
                ("warehouse", ""),
                ("quantity", "1.5"),
                ("reason", " "),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![Field::Warehouse, Field::Quantity, Field::Reason],
            "{backend}"
        );

        // Received 12 at Guangzhou.
        let answer = ops
            .call::<AdjustStock>(&[
                ("sku_id", "1"),
                ("warehouse", &guangzhou),
                ("quantity", "12"),
                ("reason", "Delivery from the factory"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let level: Level = answer.json();
        assert_eq!(
            (level.on_hand, level.reserved),
            (before.0 + 12, before.1),
            "{backend}"
        );
        assert_eq!(sellable(db, 1).await, 17, "{backend}");

        // An order holds some of Guangzhou's units; taking those away is refused at "Quantity".
        let order = placed(&t, "adjust-1", 1, 3).await.expect("placed");
        assert!(allocations(db, order)
            .await
            .iter()
            .all(|(w, _)| w.to_string() == guangzhou));
        let (on_hand, reserved) = level_at(db, 1, guangzhou.parse().unwrap()).await;
        let too_many = format!("-{}", on_hand - reserved + 1);
        let error = ops
            .call::<AdjustStock>(&[
                ("sku_id", "1"),
                ("warehouse", &guangzhou),
                ("quantity", &too_many),
                ("reason", "Counted"),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(problems[0].field, Field::Quantity, "{backend}");
        assert_eq!(
            problems[0].problem,
            Problem::AdjustmentBelowReserved,
            "{backend}"
        );
        assert_eq!(
            level_at(db, 1, guangzhou.parse().unwrap()).await,
            (on_hand, reserved),
            "{backend}: nothing written"
        );

        // The SKU's page: its figures and the adjustment with its reason and who made it.
        let page: SkuStockPage = ops.call::<SkuStock>(&[("sku_id", "1")]).await.json();
        let (levels, ledger) = (page.levels, page.ledger);
        assert_eq!(
            levels.iter().map(|l| l.on_hand - l.reserved).sum::<i64>(),
            sellable(db, 1).await,
            "{backend}"
        );
        let received = ledger
            .iter()
            .find(|m| m.reason == "Delivery from the factory")
            .expect("in the ledger");
        assert_eq!(received.kind, MovementKind::Adjusted, "{backend}");
        assert_eq!(received.on_hand_delta, 12, "{backend}");
        assert_eq!(
            received.actor_email.as_deref(),
            Some("stock@example.com"),
            "{backend}"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'stock' AND object_id = '1' \
             AND actor_email = 'stock@example.com'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1, "{backend}: the refused one wrote nothing");

        // A warehouse: its name is checked and unique; the regions it serves come from the form.
        let error = ops
            .call::<SaveWarehouse>(&[("name", "廣州倉 Guangzhou"), ("region", "GD")])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            problems[0].problem,
            Problem::WarehouseNameTaken,
            "{backend}"
        );
        let answer = ops
            .call::<SaveWarehouse>(&[
                ("name", "成都倉 Chengdu"),
                ("region", "SC"),
                ("serves[0]", "CQ"),
                ("serves[3]", "GZ"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let warehouses: Vec<Warehouse> = ops.call::<AdminWarehouses>(&[]).await.json();
        let chengdu = warehouses.iter().find(|w| w.region == "SC").expect("added");
        assert_eq!(chengdu.serves, vec!["CQ", "SC", "GZ"], "{backend}");
        assert_eq!(
            mismatches(db).await.unwrap(),
            Vec::<String>::new(),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn the_ledger_equals_on_hand_after_concurrent_orders_and_adjustments() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let shanghai = warehouse_in(&db, "SH").await;
        let guangzhou = warehouse_in(&db, "GD").await;
        assert!(restock_to(&db, 1, 30).await.unwrap());
        let start = sellable(&db, 1).await;
        let mut tasks = Vec::new();
        for n in 0..24 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                let placed =
                    crate::helpers::place_guest_order(&db, &format!("race-{n}"), &[(1, 2)], 1800)
                        .await;
                (0, i64::from(matches!(placed, PlaceOutcome::Placed(_))) * 2)
            }));
        }
        for n in 0..12 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                let (warehouse_id, delta) = if n % 2 == 0 {
                    (shanghai, 3)
                } else {
                    (guangzhou, -1)
                };
                let adjustment = Adjustment {
                    warehouse_id,
                    delta,
                    reason: format!("Count {n}"),
                };
                let done = adjust(&db, Scope::AllOwners, &setup_actor(), 1, &adjustment)
                    .await
                    .is_ok();
                (if done { delta } else { 0 }, 0)
            }));
        }
        let (mut adjusted, mut sold) = (0, 0);
        for task in tasks {
            let (a, s) = task.await.unwrap();
            adjusted += a;
            sold += s;
        }
        assert!(sold > 0, "{backend}: some orders went through");
        assert_eq!(
            sellable(&db, 1).await,
            start + adjusted - sold,
            "{backend}: nothing oversold or lost"
        );
        let reserved: i64 = levels(&db, Scope::AllOwners, 1)
            .await
            .unwrap()
            .iter()
            .map(|l| l.reserved)
            .sum();
        assert_eq!(reserved, sold, "{backend}: every unit sold is held");
        assert_eq!(
            mismatches(&db).await.unwrap(),
            Vec::<String>::new(),
            "{backend}"
        );
        t.close().await;
    }
}

async fn low_stock_mails(db: &Db) -> Vec<(String, String)> {
    sqlx::query_as("SELECT recipient, params FROM outbox WHERE kind = 'low_stock' ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn operators_are_mailed_once_when_a_sku_falls_to_its_threshold() {
    for t in TestApp::each(true).await {
        let (backend, db) = (t.backend(), t.db());
        let mut ops = staff_member(&t, "alerts@example.com", &[Permission::Catalog]).await;
        let _finance = staff_member(&t, "money@example.com", &[Permission::Finance]).await;
        assert!(restock_to(db, 1, 10).await.unwrap());
        let code: String = sqlx::query_scalar("SELECT code FROM skus WHERE id = 1")
            .fetch_one(db.pool())
            .await
            .unwrap();

        // The default threshold: whole units, refused at its field otherwise.
        let error = ops
            .call::<SetDefaultLowStock>(&[("threshold", "-1")])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(problems[0].field, Field::Threshold, "{backend}");
        let answer = ops.call::<SetDefaultLowStock>(&[("threshold", "6")]).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);

        // 10 → 6: at the threshold, one mail per operator holding the catalog permission.
        placed(&t, "low-1", 1, 4).await.expect("placed");
        let mails = low_stock_mails(db).await;
        let recipients: Vec<&str> = mails.iter().map(|(r, _)| r.as_str()).collect();
        assert!(
            recipients.contains(&"alerts@example.com"),
            "{backend}: {mails:?}"
        );
        assert!(
            !recipients.contains(&"money@example.com"),
            "{backend}: finance only"
        );
        assert!(
            mails.iter().all(|(_, s)| s.contains(&code)),
            "{backend}: {mails:?}"
        );
        let first_count = mails.len();
        // 6 → 5: already low, no second mail.
        placed(&t, "low-2", 1, 1).await.expect("placed");
        assert_eq!(low_stock_mails(db).await.len(), first_count, "{backend}");

        // Its own threshold of 2: 5 → 2 falls to it, so operators hear again.
        let answer = ops
            .call::<SetSkuLowStock>(&[("sku_id", "1"), ("threshold", "2")])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let page: SkuStockPage = ops.call::<SkuStock>(&[("sku_id", "1")]).await.json();
        assert_eq!(
            (page.own_threshold, page.default_threshold),
            (Some(2), 6),
            "{backend}"
        );
        placed(&t, "low-3", 1, 3).await.expect("placed");
        assert_eq!(
            low_stock_mails(db).await.len(),
            first_count * 2,
            "{backend}"
        );
        // A refused order writes no mail either: it is in the order's transaction.
        assert_eq!(placed(&t, "low-4", 1, 3).await, None, "{backend}");
        assert_eq!(
            low_stock_mails(db).await.len(),
            first_count * 2,
            "{backend}"
        );
        t.close().await;
    }
}

/// The product editor's form for `product_id`, as the page holds it.
async fn open_editor(ops: &mut crate::browser::Browser, product_id: i64) -> serde_json::Value {
    use app::api::admin::products::{EditorData, ProductEditor};
    let data: EditorData = ops
        .call::<ProductEditor>(&[("id", &product_id.to_string())])
        .await
        .json();
    serde_json::to_value(data.product.unwrap().form).unwrap()
}

#[tokio::test]
async fn saving_an_editor_opened_before_a_sale_does_not_undo_the_sale() {
    use app::api::admin::products::SaveProduct;
    for t in TestApp::each(true).await {
        let (backend, db) = (t.backend(), t.db());
        let mut ops = staff_member(&t, "editor@example.com", &[Permission::Catalog]).await;
        assert!(restock_to(db, 1, 5).await.unwrap());
        let (product_id, code): (i64, String) =
            sqlx::query_as("SELECT product_id, code FROM skus WHERE id = 1")
                .fetch_one(db.pool())
                .await
                .unwrap();
        let form = open_editor(&mut ops, product_id).await;
        // Two sold while the editor was open; saving it unchanged keeps them sold.
        placed(&t, "meanwhile-1", 1, 2).await.expect("placed");
        let answer = ops
            .call_json::<SaveProduct>(serde_json::json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(sellable(db, 1).await, 3, "{backend}");

        // Typed 3 more than the editor showed, one sold meanwhile: 3 − 1 + 3.
        let mut form = open_editor(&mut ops, product_id).await;
        placed(&t, "meanwhile-2", 1, 1).await.expect("placed");
        let row = form["skus"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|row| row["code"] == code.as_str())
            .expect("the SKU's row");
        assert_eq!(row["loaded_stock"], 3, "{backend}");
        row["stock"] = "6".into();
        let answer = ops
            .call_json::<SaveProduct>(serde_json::json!({ "form": form, "publish": true }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(sellable(db, 1).await, 5, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn transfers_move_free_units_between_warehouses_and_the_shop_sells_as_many() {
    for t in TestApp::each(true).await {
        let (backend, db) = (t.backend(), t.db());
        let mut ops = staff_member(&t, "mover@example.com", &[Permission::Catalog]).await;
        let shanghai = warehouse_in(db, "SH").await;
        let guangzhou = warehouse_in(db, "GD").await;
        assert!(restock_to(db, 1, 10).await.unwrap());
        put(db, 1, guangzhou, 4).await;
        let order = placed(&t, "transfer-1", 1, 2).await.expect("placed");
        let sellable_before = sellable(db, 1).await;
        let (gz_on_hand, gz_reserved) = level_at(db, 1, guangzhou).await;
        let sh_before = level_at(db, 1, shanghai).await;
        let (from, to) = (guangzhou.to_string(), shanghai.to_string());

        // Each field refused at once; then more than is free at Guangzhou.
        let error = ops
            .call::<TransferStock>(&[
                ("sku_id", "1"),
                ("from", &from),
                ("to", &from),
                ("quantity", "0"),
                ("reason", ""),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![Field::TransferTo, Field::Quantity, Field::Reason],
            "{backend}"
        );
        let free = gz_on_hand - gz_reserved;
        let error = ops
            .call::<TransferStock>(&[
                ("sku_id", "1"),
                ("from", &from),
                ("to", &to),
                ("quantity", &(free + 1).to_string()),
                ("reason", "Rebalancing"),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::Quantity, Problem::TransferBeyondFree),
            "{backend}: units held by order {order} stay"
        );
        assert_eq!(level_at(db, 1, guangzhou).await, (gz_on_hand, gz_reserved));

        // All that is free moves; the order's units stay; the shop sells as many as before.
        let answer = ops
            .call::<TransferStock>(&[
                ("sku_id", "1"),
                ("from", &from),
                ("to", &to),
                ("quantity", &free.to_string()),
                ("reason", "Rebalancing"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let after: Vec<Level> = answer.json();
        assert_eq!(
            (after[0].on_hand, after[0].reserved),
            (gz_reserved, gz_reserved),
            "{backend}"
        );
        assert_eq!(after[1].on_hand, sh_before.0 + free, "{backend}");
        assert_eq!(sellable(db, 1).await, sellable_before, "{backend}");
        let page: SkuStockPage = ops.call::<SkuStock>(&[("sku_id", "1")]).await.json();
        let moves: Vec<(String, i64)> = page
            .ledger
            .iter()
            .filter(|m| m.kind == MovementKind::Transferred && m.reason == "Rebalancing")
            .map(|m| (m.warehouse_name.clone(), m.on_hand_delta))
            .collect();
        let name = |id: i64| {
            page.levels
                .iter()
                .find(|l| l.warehouse_id == id)
                .map(|l| l.warehouse_name.clone())
                .unwrap()
        };
        assert_eq!(
            moves,
            vec![(name(shanghai), free), (name(guangzhou), -free)],
            "{backend}: out and in, newest first"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'stock' AND object_id = '1' \
             AND after_json LIKE '%Rebalancing%'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1, "{backend}");
        assert!(mismatches(db).await.unwrap().is_empty(), "{backend}");
        t.close().await;
    }
}

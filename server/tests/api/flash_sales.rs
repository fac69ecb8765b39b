//! 限時秒殺 flash sales on both databases: 200 checkouts rushing the last units never oversell
//! the flash stock nor let a member past their limit; a cancelled order gives its units back;
//! the flash stock left goes back to normal sale when the slot ends; the stock ledger agrees
//! with the sellable counts throughout.

use crate::helpers::place_order_with;
use crate::promotions::{join_all, stocked_sku};
use crate::test_app::TestApp;
use app::db::order::PlaceOutcome;
use app::db::promotion::admin::{change, Change, PromotionKind};
use app::db::promotion::flash_sale::{
    create_flash_sale, flash_prices_for, return_ended, FlashSaleError,
};
use app::db::{unix_now, Db};
use app::domain::audit::AuditActor;
use app::domain::form::Problem;
use app::domain::money::Money;
use app::domain::promotion::flash_sale::{FlashItemInput, ValidFlashSale};

fn operator() -> AuditActor {
    AuditActor {
        user_id: 0,
        email: "ops@example.com".into(),
    }
}

async fn sku_code(db: &Db, sku_id: i64) -> String {
    sqlx::query_scalar("SELECT code FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// A flash sale of one SKU running from a minute ago for `seconds`.
async fn flash_sale(
    db: &Db,
    sku_id: i64,
    price: i64,
    quantity: i64,
    per_member: i64,
    seconds: i64,
) -> i64 {
    let now = unix_now();
    let sale = ValidFlashSale {
        name: "Rush".into(),
        window: (now - 60, now + seconds),
        per_member_limit: per_member,
        items: vec![FlashItemInput {
            sku_code: sku_code(db, sku_id).await,
            price: Money::from_fen(price),
            quantity,
        }],
    };
    create_flash_sale(db, &operator(), &sale, now)
        .await
        .unwrap()
}

/// A member's checkout of `lines` to the test address, without coupon, points or a shown total.
async fn member_checkout(db: &Db, token: &str, user_id: i64, lines: &[(i64, i64)]) -> PlaceOutcome {
    place_order_with(db, token, Some(user_id), lines, 1800, &[], 0, None).await
}

/// Members made straight in the table (no password to hash): 200 of them in a blink.
async fn quick_members(db: &Db, prefix: &str, count: usize) -> Vec<i64> {
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, privacy_policy_version, \
             privacy_consent_at, created_at) VALUES ($1, '', 'test', 0, 0) RETURNING id",
        )
        .bind(format!("{prefix}{n}@example.com"))
        .fetch_one(db.pool())
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

async fn sellable(db: &Db, sku_id: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// (flash stock, sold, units still held) of the SKU's flash item.
async fn flash_figures(db: &Db, sale_id: i64) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT i.quantity, i.sold, \
         CAST(COALESCE((SELECT SUM(h.quantity) FROM flash_sale_holds h WHERE h.item_id = i.id), 0) AS BIGINT) \
         FROM flash_sale_items i WHERE i.flash_sale_id = $1",
    )
    .bind(sale_id)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn two_hundred_checkouts_rushing_a_flash_sale_never_oversell_nor_pass_a_limit() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let flash_price = price * 6 / 10;
        let sale = flash_sale(&db, sku_id, flash_price, 30, 3, 3600).await;
        assert_eq!(sellable(&db, sku_id).await, 470, "{backend}: 30 held");
        assert!(app::db::stock::mismatches(&db).await.unwrap().is_empty());

        // 100 members, each with two tabs checking out 2 units at once: 200 checkouts, 400
        // units wanted, 30 at the flash price, at most 3 per member.
        let buyers = quick_members(&db, "rush", 100).await;
        let checkouts = buyers.iter().flat_map(|user_id| {
            ["a", "b"].map(|tab| {
                let db = db.clone();
                let user_id = *user_id;
                tokio::spawn(async move {
                    member_checkout(
                        &db,
                        &format!("rush-{user_id}-{tab}"),
                        user_id,
                        &[(sku_id, 2)],
                    )
                    .await
                })
            })
        });
        let outcomes: Vec<PlaceOutcome> = join_all(checkouts)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let placed = outcomes
            .iter()
            .filter(|o| matches!(o, PlaceOutcome::Placed(_)))
            .count();
        assert_eq!(placed, 200, "{backend}: every checkout placed");

        let (quantity, sold, held) = flash_figures(&db, sale).await;
        assert_eq!((quantity, sold, held), (30, 30, 0), "{backend}");
        let per_member: Vec<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(quantity) AS BIGINT) FROM flash_sale_purchases GROUP BY user_id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(per_member.iter().sum::<i64>(), 30, "{backend}");
        assert!(
            per_member.iter().all(|units| *units <= 3),
            "{backend}: a member over the limit: {per_member:?}"
        );
        // What the orders charged agrees: 30 units at the flash price, 370 at the price.
        let goods: i64 = sqlx::query_scalar(
            "SELECT CAST(SUM(i.total - i.discount) AS BIGINT) FROM order_items i \
             WHERE i.sku_id = $1",
        )
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(goods, 30 * flash_price + 370 * price, "{backend}");
        assert_eq!(sellable(&db, sku_id).await, 500 - 400, "{backend}");
        assert!(
            app::db::stock::mismatches(&db).await.unwrap().is_empty(),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_cancelled_order_gives_its_units_back_and_the_end_returns_the_stock() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let flash_price = price / 2;
        let sale = flash_sale(&db, sku_id, flash_price, 5, 2, 3600).await;
        let [first, second] = quick_members(&db, "flash", 2).await[..] else {
            unreachable!()
        };
        let now = unix_now();
        let offered = flash_prices_for(&db, first, now).await.unwrap();
        assert_eq!(offered.len(), 1, "{backend}");
        assert_eq!(offered[0].quantity, 2, "{backend}: the member's limit");

        // Three wanted, two at the flash price (the limit), one at the price.
        let PlaceOutcome::Placed(order) =
            member_checkout(&db, "flash-1", first, &[(sku_id, 3)]).await
        else {
            panic!("{backend}: not placed")
        };
        let discount: i64 =
            sqlx::query_scalar("SELECT discount FROM order_items WHERE order_id = $1")
                .bind(order.id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(discount, 2 * (price - flash_price), "{backend}");
        assert_eq!(flash_figures(&db, sale).await, (5, 2, 3), "{backend}");
        assert!(flash_prices_for(&db, first, now).await.unwrap().is_empty());

        // A total shown at the flash price, but the units went meanwhile: refused, not charged.
        let shown = flash_prices_for(&db, second, now).await.unwrap();
        assert_eq!(shown[0].quantity, 2, "{backend}");
        sqlx::query("UPDATE flash_sale_items SET quantity = sold WHERE flash_sale_id = $1")
            .bind(sale)
            .execute(db.pool())
            .await
            .unwrap();
        let outcome = place_order_with(
            &db,
            "flash-2",
            Some(second),
            &[(sku_id, 1)],
            1800,
            &[],
            0,
            Some(Money::from_fen(flash_price)),
        )
        .await;
        assert!(
            matches!(outcome, PlaceOutcome::PriceChanged(total) if total.fen() >= price),
            "{backend}: {outcome:?}"
        );
        sqlx::query("UPDATE flash_sale_items SET quantity = 5 WHERE flash_sale_id = $1")
            .bind(sale)
            .execute(db.pool())
            .await
            .unwrap();

        // Cancelled while the slot runs: the two units are flash stock again, the limit free.
        app::db::order::lifecycle::cancel(&db, order.id, "shopper", "changed my mind")
            .await
            .unwrap();
        assert_eq!(flash_figures(&db, sale).await, (5, 0, 5), "{backend}");
        assert_eq!(
            flash_prices_for(&db, first, now).await.unwrap()[0].quantity,
            2,
            "{backend}"
        );
        assert_eq!(sellable(&db, sku_id).await, 495, "{backend}");
        assert!(app::db::stock::mismatches(&db).await.unwrap().is_empty());

        // The operator ends it: the five held units are for sale again, at once.
        assert!(change(
            &db,
            &operator(),
            PromotionKind::FlashSale,
            sale,
            Change::End,
            unix_now()
        )
        .await
        .unwrap());
        assert_eq!(sellable(&db, sku_id).await, 500, "{backend}");
        assert_eq!(flash_figures(&db, sale).await.2, 0, "{backend}");
        assert!(flash_prices_for(&db, first, unix_now())
            .await
            .unwrap()
            .is_empty());

        // A slot that runs out of time is returned by the job, once.
        let short = flash_sale(&db, sku_id, flash_price, 7, 1, 30).await;
        assert_eq!(sellable(&db, sku_id).await, 493, "{backend}");
        let later = unix_now() + 31;
        assert_eq!(return_ended(&db, later).await.unwrap(), 1, "{backend}");
        assert_eq!(return_ended(&db, later).await.unwrap(), 0, "{backend}");
        assert_eq!(sellable(&db, sku_id).await, 500, "{backend}");
        assert_eq!(flash_figures(&db, short).await.2, 0, "{backend}");
        assert!(app::db::stock::mismatches(&db).await.unwrap().is_empty());
        t.close().await;
    }
}

#[tokio::test]
async fn a_flash_sale_is_refused_at_its_skus_when_it_cannot_be_honoured() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let code = sku_code(&db, sku_id).await;
        let now = unix_now();
        let sale = |code: &str, price: i64, quantity: i64| ValidFlashSale {
            name: "Refused".into(),
            window: (now, now + 3600),
            per_member_limit: 1,
            items: vec![FlashItemInput {
                sku_code: code.into(),
                price: Money::from_fen(price),
                quantity,
            }],
        };
        let refused = |result: Result<i64, FlashSaleError>| match result {
            Err(FlashSaleError::Invalid(problem)) => problem.problem,
            other => panic!("{backend}: {other:?}"),
        };
        assert_eq!(
            refused(create_flash_sale(&db, &operator(), &sale("NO-SUCH-SKU", 100, 1), now).await),
            Problem::FlashSkuUnknown
        );
        assert_eq!(
            refused(create_flash_sale(&db, &operator(), &sale(&code, price, 1), now).await),
            Problem::FlashPriceNotLower
        );
        assert_eq!(
            refused(create_flash_sale(&db, &operator(), &sale(&code, 100, 501), now).await),
            Problem::FlashStockShort
        );
        create_flash_sale(&db, &operator(), &sale(&code, 100, 10), now)
            .await
            .unwrap();
        assert_eq!(
            refused(create_flash_sale(&db, &operator(), &sale(&code, 100, 10), now).await),
            Problem::FlashOverlap
        );
        // Nothing of the refused ones was written: one sale, ten units held.
        let sales: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM flash_sales")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(sales, 1, "{backend}");
        assert_eq!(sellable(&db, sku_id).await, 490, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn cancellations_and_checkouts_of_one_flash_sale_at_once_neither_deadlock_nor_leak() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let sale = flash_sale(&db, sku_id, price / 2, 40, 1, 3600).await;
        // 20 members hold a flash unit each in an unpaid order…
        let holders = quick_members(&db, "holder", 20).await;
        let mut orders = Vec::new();
        for user_id in &holders {
            let PlaceOutcome::Placed(order) =
                member_checkout(&db, &format!("hold-{user_id}"), *user_id, &[(sku_id, 1)]).await
            else {
                panic!("{backend}: not placed")
            };
            orders.push(order.id);
        }
        // …and cancel them while 30 other members check out (PostgreSQL would end one side of a
        // lock cycle with an error, which unwraps to a panic here).
        let buyers = quick_members(&db, "buyer", 30).await;
        let cancels = orders.iter().map(|order_id| {
            let (db, order_id) = (db.clone(), *order_id);
            tokio::spawn(async move {
                app::db::order::lifecycle::cancel(&db, order_id, "shopper", "changed my mind")
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("{e:?}"))
            })
        });
        let checkouts = buyers.iter().map(|user_id| {
            let (db, user_id) = (db.clone(), *user_id);
            tokio::spawn(async move {
                member_checkout(&db, &format!("rush-{user_id}"), user_id, &[(sku_id, 1)]).await
            })
        });
        let cancels: Vec<_> = cancels.collect();
        let checkouts: Vec<_> = checkouts.collect();
        for cancelled in join_all(cancels).await {
            cancelled.unwrap().unwrap();
        }
        for placed in join_all(checkouts).await {
            assert!(
                matches!(placed.unwrap(), PlaceOutcome::Placed(_)),
                "{backend}"
            );
        }
        // What is held is what is left to sell; every buyer got a flash unit (40 ≥ 20 + 30 − 20
        // given back at most); the ledger balances.
        let (quantity, sold, held) = flash_figures(&db, sale).await;
        assert_eq!(held, quantity - sold, "{backend}");
        assert!((30..=40).contains(&sold), "{backend}: {sold}");
        assert!(
            app::db::stock::mismatches(&db).await.unwrap().is_empty(),
            "{backend}"
        );
        t.close().await;
    }
}

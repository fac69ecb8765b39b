//! The cart's server functions on both databases: guests' carts priced from the database,
//! members' carts private to them, stock warnings, merging at sign-in.

use crate::browser::register;
use crate::test_app::TestApp;
use app::api::cart::{AddToCart, GetCart, MergeGuestCart, SetCartQuantity};
use app::domain::cart::{Availability, CartView};
use app::error::AppError;
use axum::http::StatusCode;
use serde_json::json;

async fn price_of(db: &app::db::Db, sku_id: i64) -> i64 {
    sqlx::query_scalar("SELECT price FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_guest_cart_is_priced_by_the_server_with_stock_warnings() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        for (sku_id, stock) in [(1, 100), (2, 2), (3, 0)] {
            assert!(app::db::stock::restock_to(t.db(), sku_id, stock)
                .await
                .unwrap());
        }
        let mut guest = t.browser();
        let answer = guest
            .call_json::<GetCart>(json!({"guest_lines": [
                {"sku_id": 1, "quantity": 2},
                {"sku_id": 2, "quantity": 3},
                {"sku_id": 3, "quantity": 1},
                {"sku_id": 999999, "quantity": 1}
            ]}))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let cart: CartView = answer.json();
        let states: Vec<(i64, Availability)> = cart
            .items
            .iter()
            .map(|i| (i.sku_id, i.availability))
            .collect();
        assert_eq!(
            states,
            vec![
                (1, Availability::Available),
                (2, Availability::OnlyLeft(2)),
                (3, Availability::Unavailable)
            ],
            "{backend}: unknown SKUs are dropped"
        );
        let (p1, p2) = (price_of(t.db(), 1).await, price_of(t.db(), 2).await);
        assert_eq!(
            cart.quote.subtotal.fen(),
            2 * p1 + 2 * p2,
            "{backend}: only what can be bought"
        );
        assert_eq!(cart.quote.total, cart.quote.subtotal, "{backend}");
        // 3 wanted of SKU 2 with 2 left: the line, the count and the total all say 2.
        let line = cart.items.iter().find(|i| i.sku_id == 2).unwrap();
        assert_eq!(
            (line.quantity, line.reduced_from),
            (2, Some(3)),
            "{backend}"
        );
        assert_eq!(cart.count, 4, "{backend}: what will be bought");
        t.close().await;
    }
}

#[tokio::test]
async fn a_members_cart_is_theirs_and_merges_the_guest_cart() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut alice = t.customer("alice@example.com").await;
        let mut bob = t.browser_from("192.0.2.3");
        register(&mut bob, "bob@example.com").await;

        assert_eq!(
            alice
                .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "2")])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            alice
                .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "1")])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            alice
                .call::<AddToCart>(&[("sku_id", "424242"), ("quantity", "1")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Guest lines sent by a member are ignored: the server's cart is the truth.
        let cart: CartView = alice
            .call_json::<GetCart>(json!({"guest_lines": [{"sku_id": 5, "quantity": 9}]}))
            .await
            .json();
        assert_eq!(
            cart.items
                .iter()
                .map(|i| (i.sku_id, i.quantity))
                .collect::<Vec<_>>(),
            vec![(1, 3)],
            "{backend}"
        );

        let bobs: CartView = bob
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        assert!(
            bobs.items.is_empty(),
            "{backend}: Bob does not see Alice's cart"
        );
        let answer = bob
            .call::<SetCartQuantity>(&[("sku_id", "1"), ("quantity", "0")])
            .await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{backend}: nor change it"
        );
        let cart: CartView = alice
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        assert_eq!(cart.count, 3, "{backend}");

        let guest_cart = json!({
            "merge_id": "3f2c9a1e-merge",
            "lines": [{"sku_id": 1, "quantity": 1}, {"sku_id": 4, "quantity": 2}]
        });
        let merged = alice.call_json::<MergeGuestCart>(guest_cart.clone()).await;
        assert_eq!(merged.status, StatusCode::OK, "{backend}: {}", merged.body);
        assert!(merged.json::<bool>(), "{backend}");
        // The same guest cart again (a second tab, a retry) adds nothing.
        let again = alice.call_json::<MergeGuestCart>(guest_cart).await;
        assert!(!again.json::<bool>(), "{backend}");
        let cart: CartView = alice
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        assert_eq!(
            cart.items
                .iter()
                .map(|i| (i.sku_id, i.quantity))
                .collect::<Vec<_>>(),
            vec![(1, 4), (4, 2)],
            "{backend}"
        );

        assert_eq!(
            alice
                .call::<SetCartQuantity>(&[("sku_id", "1"), ("quantity", "0")])
                .await
                .status,
            StatusCode::OK
        );
        let cart: CartView = alice
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        assert_eq!(cart.count, 2, "{backend}: removed");

        let mut guest = t.browser_from("192.0.2.4");
        let refused = guest
            .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "1")])
            .await;
        assert_eq!(
            refused.error(),
            AppError::Unauthorized,
            "{backend}: guests keep their cart in the browser"
        );
        t.close().await;
    }
}

/// Quantities outside 1..=99 are refused with a reason wherever they come in: adding, setting,
/// a guest cart from the browser, a merge and checkout.
#[tokio::test]
async fn out_of_range_quantities_are_refused_everywhere() {
    use app::error::Refusal;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut member = t.customer("counts@example.com").await;
        for quantity in ["-5", "0", "100", "1000000"] {
            let answer = member
                .call::<AddToCart>(&[("sku_id", "1"), ("quantity", quantity)])
                .await;
            assert_eq!(
                answer.error(),
                AppError::Refused(Refusal::QuantityOutOfRange),
                "{backend}: add {quantity}"
            );
        }
        let added = member
            .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "1")])
            .await;
        assert_eq!(added.status, StatusCode::OK, "{backend}");
        for quantity in ["-1", "100"] {
            let answer = member
                .call::<SetCartQuantity>(&[("sku_id", "1"), ("quantity", quantity)])
                .await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        }
        let merge = member
            .call_json::<MergeGuestCart>(json!({
                "merge_id": "bad-merge", "lines": [{"sku_id": 2, "quantity": -3}]
            }))
            .await;
        assert_eq!(
            merge.error(),
            AppError::Refused(Refusal::QuantityOutOfRange),
            "{backend}"
        );
        let cart: CartView = member
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        assert_eq!(cart.count, 1, "{backend}: nothing refused was added");

        let mut guest = t.browser_from("192.0.2.9");
        let answer = guest
            .call_json::<GetCart>(json!({"guest_lines": [{"sku_id": 1, "quantity": -5}]}))
            .await;
        assert_eq!(
            answer.error(),
            AppError::Refused(Refusal::QuantityOutOfRange),
            "{backend}: a guest cart edited in the browser"
        );
        t.close().await;
    }
}

/// Two tabs signing in at once send the same guest cart: it is merged once, on both databases.
#[tokio::test]
async fn a_guest_cart_merged_from_two_tabs_at_once_is_added_once() {
    use app::domain::cart::CartLine;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut member = t.browser();
        let user_id = register(&mut member, "tabs@example.com").await.id;
        let lines = vec![
            CartLine {
                sku_id: 1,
                quantity: 2,
            },
            CartLine {
                sku_id: 4,
                quantity: 1,
            },
        ];
        let merges = (0..8).map(|_| {
            let (db, lines) = (t.db().clone(), lines.clone());
            tokio::spawn(async move {
                app::db::cart::merge(&db, user_id, "same-guest-cart", &lines)
                    .await
                    .unwrap()
            })
        });
        let mut merged = 0;
        for task in merges.collect::<Vec<_>>() {
            merged += usize::from(task.await.unwrap());
        }
        assert_eq!(merged, 1, "{backend}: exactly one merge adds the lines");
        let cart = app::db::cart::lines(t.db(), user_id).await.unwrap();
        assert_eq!(
            cart.iter()
                .map(|l| (l.sku_id, l.quantity))
                .collect::<Vec<_>>(),
            vec![(1, 2), (4, 1)],
            "{backend}"
        );
        t.close().await;
    }
}

/// With 2 units left, a member's line of 4 is shown as 2 with the reason, kept as 2, and the
/// checkout of those 2 succeeds; when stock then falls below, placing names the line and how.
#[tokio::test]
async fn cart_checkout_and_order_agree_when_stock_is_short() {
    use app::api::order::PlaceOrder;
    use app::error::Refusal;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut member = t.browser();
        let user_id = register(&mut member, "short@example.com").await.id;
        assert!(app::db::stock::restock_to(t.db(), 1, 10).await.unwrap());
        let added = member
            .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "4")])
            .await;
        assert_eq!(added.status, StatusCode::OK, "{backend}");
        assert!(app::db::stock::restock_to(t.db(), 1, 2).await.unwrap());
        let cart: CartView = member
            .call_json::<GetCart>(json!({"guest_lines": []}))
            .await
            .json();
        let line = &cart.items[0];
        assert_eq!(
            (line.quantity, line.reduced_from),
            (2, Some(4)),
            "{backend}"
        );
        assert_eq!(
            (cart.count, cart.quote.lines[0].quantity),
            (2, 2),
            "{backend}"
        );
        let kept = app::db::cart::lines(t.db(), user_id).await.unwrap();
        assert_eq!(
            kept[0].quantity, 2,
            "{backend}: the cart keeps what it showed"
        );

        let form = |token: &str, quantity: i64| {
            json!({"form": {
                "checkout_token": token, "email": "",
                "address": {"recipient": "陳大文", "phone": "０９１２３４５６７８", "region": "TW",
                    "city": "台北市", "detail": "信義區市府路 1 號", "postal_code": "１１０"},
                "shipping": "standard",
                "lines": [{"sku_id": 1, "quantity": quantity}]
            }})
        };
        // What the page showed before the reduction is not the cart any more.
        let stale = member
            .call_json::<PlaceOrder>(form("token-short-0", 4))
            .await;
        assert_eq!(
            stale.error(),
            AppError::Refused(Refusal::CartChanged),
            "{backend}"
        );
        // Someone else buys one: placing the 2 shown now names the line, wanted 2, 1 left.
        assert!(app::db::stock::restock_to(t.db(), 1, 1).await.unwrap());
        let refused = member
            .call_json::<PlaceOrder>(form("token-short-1", 2))
            .await;
        match refused.error() {
            AppError::Refused(Refusal::StockChanged(lines)) => {
                assert_eq!(lines.len(), 1, "{backend}");
                assert_eq!(
                    (lines[0].sku_id, lines[0].wanted, lines[0].available),
                    (1, 2, 1),
                    "{backend}"
                );
            }
            other => panic!("{backend}: {other:?}"),
        }
        assert!(app::db::stock::restock_to(t.db(), 1, 2).await.unwrap());
        // Full-width phone and postal code digits are accepted as typed by an input method.
        let placed = member
            .call_json::<PlaceOrder>(form("token-short-2", 2))
            .await;
        assert_eq!(placed.status, StatusCode::OK, "{backend}: {}", placed.body);
        let too_many = member
            .call_json::<PlaceOrder>(form("token-short-3", 500))
            .await;
        assert_eq!(
            too_many.error(),
            AppError::Refused(Refusal::QuantityOutOfRange),
            "{backend}"
        );
        t.close().await;
    }
}

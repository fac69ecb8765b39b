//! The cart's server functions on both databases: guests' carts priced from the database,
//! members' carts private to them, stock warnings, merging at sign-in.

use crate::browser::{register, Browser};
use crate::helpers::{app_for, seeded_databases};
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
    for t in seeded_databases().await {
        let backend = t.backend().name();
        let app = app_for(&t);
        sqlx::query("UPDATE skus SET stock = CASE id WHEN 1 THEN 100 WHEN 2 THEN 2 ELSE 0 END WHERE id IN (1, 2, 3)")
            .execute(t.db.pool())
            .await
            .unwrap();
        let mut guest = Browser::new(&app);
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
        let (p1, p2) = (price_of(&t.db, 1).await, price_of(&t.db, 2).await);
        assert_eq!(
            cart.quote.subtotal.fen(),
            2 * p1 + 2 * p2,
            "{backend}: only what can be bought"
        );
        assert_eq!(cart.quote.total, cart.quote.subtotal, "{backend}");
        assert_eq!(cart.count, 6, "{backend}");
        t.drop_database().await;
    }
}

#[tokio::test]
async fn a_members_cart_is_theirs_and_merges_the_guest_cart() {
    for t in seeded_databases().await {
        let backend = t.backend().name();
        let app = app_for(&t);
        let mut alice = Browser::new(&app);
        register(&mut alice, "alice@example.com").await;
        let mut bob = Browser::from_ip(&app, "192.0.2.3");
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

        let merged = alice
            .call_json::<MergeGuestCart>(
                json!({"lines": [{"sku_id": 1, "quantity": 1}, {"sku_id": 4, "quantity": 2}]}),
            )
            .await;
        assert_eq!(merged.status, StatusCode::OK, "{backend}: {}", merged.body);
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

        let mut guest = Browser::from_ip(&app, "192.0.2.4");
        let refused = guest
            .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "1")])
            .await;
        assert_eq!(
            refused.error(),
            AppError::Unauthorized,
            "{backend}: guests keep their cart in the browser"
        );
        t.drop_database().await;
    }
}

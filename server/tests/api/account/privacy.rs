//! Privacy: deleting an account anonymises it and keeps the row orders need.

use super::{sign_in, who};
use crate::browser::{register, PASSWORD};
use crate::test_app::TestApp;
use app::api::account::privacy::{DeleteAccount, ExportMyData};
use app::error::AppError;
use axum::http::StatusCode;

#[tokio::test]
async fn deleting_the_account_anonymises_it_and_keeps_the_row() {
    use app::api::account::addresses::SaveAddress;
    use app::api::account::favourites::SetFavourite;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut browser = t.browser();
        let user = register(&mut browser, "gone@example.com").await;
        let saved = browser
            .call::<SaveAddress>(&[
                ("recipient", "陳大文"),
                ("phone", "+852 9123 4567"),
                ("region", "HK"),
                ("city", "香港"),
                ("detail", "中環皇后大道中 1 號"),
                ("postal_code", ""),
            ])
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{backend}: {}", saved.body);
        assert_eq!(
            browser
                .call::<SetFavourite>(&[("product_id", "1"), ("on", "true")])
                .await
                .status,
            StatusCode::OK
        );

        let export = browser.call::<ExportMyData>(&[]).await;
        let data: serde_json::Value = serde_json::from_str(&export.json::<String>()).unwrap();
        assert_eq!(data["profile"]["email"], "gone@example.com", "{backend}");
        assert_eq!(data["addresses"][0]["recipient"], "陳大文", "{backend}");
        assert_eq!(data["favourites"].as_array().unwrap().len(), 1, "{backend}");

        let wrong = browser
            .call::<DeleteAccount>(&[("password", "not-my-pass-1")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

        // An order still waiting for payment needs the shopper: deletion waits for it.
        let sku_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM skus WHERE stock > 0")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let address =
            app::domain::account::ValidAddress::parse(&app::domain::account::AddressForm {
                recipient: "陳大文".into(),
                phone: "+852 9123 4567".into(),
                region: "HK".into(),
                city: "香港".into(),
                detail: "中環皇后大道中 1 號".into(),
                postal_code: "".into(),
            })
            .unwrap();
        let placed = app::db::order::place_order(
            t.db(),
            app::db::order::NewOrder {
                checkout_token: "gone-checkout-1",
                user_id: Some(user.id),
                email: "gone@example.com",
                locale: app::i18n::Locale::En,
                lines: &[(sku_id, 1)],
                address: &address,
                shipping: app::domain::pricing::ShippingMethod::Standard,
                pay_within_seconds: 1800,
                site_url: "https://shop.example",
                coupons: &[],
                points: 0,
                expected_total: None,
                visit: None,
                limit: None,
            },
        )
        .await
        .unwrap();
        let app::db::order::PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: order not placed: {placed:?}");
        };
        let refused = browser
            .call::<DeleteAccount>(&[("password", PASSWORD)])
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{backend}");
        assert_eq!(refused.error(), AppError::OrdersOpen, "{backend}");
        assert!(who(&mut browser).await.is_some(), "{backend}: still there");
        let cancelled = browser
            .call::<app::api::order::CancelOrder>(&[("order_no", &order.order_no)])
            .await;
        assert_eq!(
            cancelled.status,
            StatusCode::OK,
            "{backend}: {}",
            cancelled.body
        );
        app::db::outbox::enqueue(
            t.db().pool(),
            "gone@example.com",
            app::i18n::Locale::ZhHant,
            &app::domain::mail::Mail::OrderPaid {
                order_no: "J0000000000001".into(),
                total: app::domain::money::Money::from_fen(100),
            },
        )
        .await
        .unwrap();

        let deleted = browser
            .call::<DeleteAccount>(&[("password", PASSWORD)])
            .await;
        assert_eq!(
            deleted.status,
            StatusCode::OK,
            "{backend}: {}",
            deleted.body
        );
        assert!(browser.cookie.is_none(), "{backend}: signed out");

        let row: (Option<String>, String, String, String, Option<i64>) = sqlx::query_as(
            "SELECT email, password_hash, display_name, phone, deleted_at FROM users WHERE id = $1",
        )
        .bind(user.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(
            (row.0, row.1.as_str(), row.2.as_str(), row.3.as_str()),
            (None, "", "", ""),
            "{backend}"
        );
        assert!(row.4.is_some(), "{backend}: the row stays, marked deleted");
        let kept: (String, String, String, String, i64) = sqlx::query_as(
            "SELECT email, recipient, phone, detail, total FROM orders WHERE id = $1",
        )
        .bind(order.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(
            (
                kept.0.as_str(),
                kept.1.as_str(),
                kept.2.as_str(),
                kept.3.as_str()
            ),
            ("", "", "", ""),
            "{backend}: the order record stays without personal details"
        );
        assert!(kept.4 > 0, "{backend}: amounts stay");
        assert!(
            app::db::outbox::latest_for(t.db(), "gone@example.com")
                .await
                .unwrap()
                .is_none(),
            "{backend}: mail to the account is gone"
        );
        for table in [
            "addresses",
            "favourites",
            "browsing_history",
            "sessions",
            "user_roles",
        ] {
            let left: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
                    .bind(user.id)
                    .fetch_one(t.db().pool())
                    .await
                    .unwrap();
            assert_eq!(left, 0, "{backend}: {table} cleared");
        }
        assert_eq!(
            sign_in(&mut browser, "gone@example.com", PASSWORD)
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "{backend}"
        );
        // The email is free again.
        register(&mut t.browser_from("192.0.2.9"), "gone@example.com").await;
        t.close().await;
    }
}

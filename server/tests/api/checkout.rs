//! Checkout, payment and the order lifecycle through the real router on both databases: the
//! sandbox gateway's hosted page, signed callbacks (repeated, concurrent with the browser's
//! return, forged), late payments, shipping, after-sale and who may see what.

use crate::browser::{register, Answer, Browser};
use crate::helpers::PAYMENT_SECRET;
use crate::test_app::TestApp;
use app::api::admin::{DecideAfterSale, ReceiveReturn, ShipOrder};
use app::api::cart::AddToCart;
use app::api::order::{
    CancelOrder, ConfirmReceipt, GetOrder, OrderPageView, PlaceOrder, PlacedView, RequestAfterSale,
};
use app::db::Db;
use app::domain::order::after_sale::AfterSaleStatus;
use app::domain::order::OrderStatus;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

pub(crate) async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

pub(crate) async fn stock_of(db: &Db, sku_id: i64) -> i64 {
    scalar(db, &format!("SELECT stock FROM skus WHERE id = {sku_id}")).await
}

/// Plenty of stock on the two SKUs the tests buy.
pub(crate) async fn prepare(db: &Db) {
    for sku_id in [1, 2] {
        assert!(app::db::stock::restock_to(db, sku_id, 50).await.unwrap());
    }
}

pub(crate) fn checkout(token: &str, email: &str, lines: serde_json::Value) -> serde_json::Value {
    json!({"form": {
        "checkout_token": token,
        "email": email,
        "address": {
            "recipient": "陳大文", "phone": "0912345678", "region": "TW", "city": "台北市",
            "detail": "信義區市府路 1 號", "postal_code": "110"
        },
        "shipping": "standard",
        "lines": lines
    }})
}

async fn place(browser: &mut Browser, token: &str, email: &str) -> PlacedView {
    let answer = browser
        .call_json::<PlaceOrder>(checkout(
            token,
            email,
            json!([{"sku_id": 1, "quantity": 2}, {"sku_id": 2, "quantity": 1}]),
        ))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

/// Places the usual order and pays it on the sandbox's page, back at the shop as a browser is.
async fn place_paid(browser: &mut Browser, token: &str, email: &str) -> PlacedView {
    let placed = place(browser, token, email).await;
    let return_path = press(browser, placed.pay_url.as_deref().unwrap(), "pay").await;
    browser.get(&return_path).await;
    placed
}

/// Presses a button on the sandbox's hosted page; returns where the gateway sends the browser.
async fn press(browser: &mut Browser, pay_url: &str, action: &str) -> String {
    // The reference and the link's signed fields.
    let hosted = pay_url.rsplit('/').next().unwrap();
    let page = browser.get(&format!("/sandbox-pay/{hosted}")).await;
    assert!(page.body.contains("Pay now") && page.body.contains("Fail payment"));
    let request = Request::post(format!("/sandbox-pay/{hosted}"))
        .header(header::HOST, "shop.example")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("action={action}")))
        .unwrap();
    let answer = browser.send(request).await;
    assert!(answer.status.is_redirection(), "{}", answer.body);
    let location = answer.headers[header::LOCATION].to_str().unwrap();
    location
        .strip_prefix("https://shop.example")
        .unwrap()
        .to_string()
}

async fn notify(browser: &mut Browser, body: &str, signature: &str) -> StatusCode {
    let request = Request::post("/payments/sandbox/notify")
        .header(header::HOST, "shop.example")
        .header(header::CONTENT_TYPE, "text/plain")
        .header("x-jishi-signature", signature)
        .body(Body::from(body.to_string()))
        .unwrap();
    browser.send(request).await.status
}

async fn order_of(browser: &mut Browser, order_no: &str) -> Answer {
    browser.call::<GetOrder>(&[("order_no", order_no)]).await
}

pub(crate) async fn status_of(browser: &mut Browser, order_no: &str) -> OrderStatus {
    let page: OrderPageView = order_of(browser, order_no).await.json();
    page.order.status
}

#[tokio::test]
async fn a_guest_pays_once_however_often_and_concurrently_the_gateway_calls() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let (stock_1, stock_2) = (stock_of(t.db(), 1).await, stock_of(t.db(), 2).await);
        let mut guest = t.browser();
        let placed = place(&mut guest, "token-guest-1", "guest@example.com").await;
        // A double click or a retry with the same token: the same order, stock taken once.
        let again = place(&mut guest, "token-guest-1", "guest@example.com").await;
        assert_eq!(again.order_no, placed.order_no, "{backend}");
        assert_eq!(stock_of(t.db(), 1).await, stock_1 - 2, "{backend}");
        assert_eq!(stock_of(t.db(), 2).await, stock_2 - 1, "{backend}");
        // A retry after the goods sold out still gets the order its first attempt placed.
        assert!(app::db::stock::restock_to(t.db(), 1, 0).await.unwrap());
        let late = place(&mut guest, "token-guest-1", "guest@example.com").await;
        assert_eq!(late.order_no, placed.order_no, "{backend}");
        assert!(app::db::stock::restock_to(t.db(), 1, stock_1 - 2)
            .await
            .unwrap());
        // Someone else's token is refused whatever the cart holds.
        let mut other = t.browser();
        let taken = other
            .call_json::<PlaceOrder>(checkout(
                "token-guest-1",
                "other@example.com",
                json!([{"sku_id": 2, "quantity": 1}]),
            ))
            .await;
        assert_eq!(
            taken.status,
            StatusCode::CONFLICT,
            "{backend}: {}",
            taken.body
        );
        assert_eq!(
            status_of(&mut guest, &placed.order_no).await,
            OrderStatus::PendingPayment
        );

        let return_path = press(&mut guest, placed.pay_url.as_deref().unwrap(), "pay").await;
        let body: String = sqlx::query_scalar("SELECT body FROM sandbox_notifications LIMIT 1")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let signature = app::payment::sign(PAYMENT_SECRET.as_bytes(), &body);
        // Three callbacks and the browser's return, all at once.
        let mut tasks = Vec::new();
        for _ in 0..3 {
            let (app, body, signature) = (t.app().clone(), body.clone(), signature.clone());
            tasks.push(tokio::spawn(async move {
                notify(&mut Browser::new(&app), &body, &signature)
                    .await
                    .as_u16()
            }));
        }
        let mut returning = Browser::with_cookie(t.app(), guest.cookie.clone());
        let back = returning.get(&return_path).await;
        for task in tasks {
            assert_eq!(task.await.unwrap(), 200, "{backend}");
        }
        assert!(back.status.is_redirection(), "{backend}: {}", back.body);
        assert_eq!(
            back.headers[header::LOCATION],
            format!("/orders/{}", placed.order_no)
        );
        assert_eq!(
            status_of(&mut guest, &placed.order_no).await,
            OrderStatus::Paid,
            "{backend}"
        );
        assert_eq!(
            scalar(t.db(), "SELECT COUNT(*) FROM order_events WHERE to_status = 'paid' AND from_status = 'pending_payment'").await,
            1,
            "{backend}: settled exactly once"
        );
        assert_eq!(
            scalar(
                t.db(),
                "SELECT COUNT(*) FROM outbox WHERE kind = 'order_paid'"
            )
            .await,
            1,
            "{backend}"
        );
        assert_eq!(
            scalar(
                t.db(),
                "SELECT COUNT(*) FROM outbox WHERE kind = 'order_placed'"
            )
            .await,
            1,
            "{backend}"
        );
        // Another browser cannot see the guest's order, nor act on it.
        let mut stranger = t.browser_from("198.51.100.9");
        assert_eq!(
            order_of(&mut stranger, &placed.order_no).await.status,
            StatusCode::NOT_FOUND
        );
        let cancel = stranger
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(cancel.status, StatusCode::NOT_FOUND, "{backend}");
        let guessed = stranger
            .call::<GetOrder>(&[("order_no", &placed.order_no), ("key", "0123456789abcdef")])
            .await;
        assert_eq!(guessed.status, StatusCode::NOT_FOUND, "{backend}");

        // The guest's mail links to the order; the link opens it on any device.
        let params: String = sqlx::query_scalar(
            "SELECT params FROM outbox WHERE kind = 'order_placed' AND recipient = 'guest@example.com'",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        let mail = app::domain::mail::Mail::from_params(&params).expect("stored as parameters");
        let (_, placed_mail) = app::i18n::mail::render(&mail, app::i18n::Locale::En);
        let link = placed_mail
            .split_whitespace()
            .find(|w| w.contains("/orders/"))
            .expect("a link in the mail");
        let key = link.split("key=").nth(1).expect("a guest key in the link");
        assert!(
            link.starts_with(&format!(
                "https://shop.example/orders/{}?key=",
                placed.order_no
            )),
            "{backend}: {link}"
        );
        let mut phone = t.browser_from("198.51.100.10");
        let opened = phone
            .call::<GetOrder>(&[("order_no", &placed.order_no), ("key", key)])
            .await;
        assert_eq!(opened.status, StatusCode::OK, "{backend}: {}", opened.body);
        // The key opens the order for that request only: it is not attached to the session.
        let without_key = phone
            .call::<GetOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(without_key.status, StatusCode::NOT_FOUND, "{backend}");
        // Actions from the link's page carry the key; a wrong key opens nothing.
        let wrong = phone
            .call::<CancelOrder>(&[
                ("order_no", &placed.order_no),
                ("key", "00112233445566778899aabbccddeeff"),
            ])
            .await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND, "{backend}");
        let by_link = phone
            .call::<ConfirmReceipt>(&[("order_no", &placed.order_no), ("key", key)])
            .await;
        assert_eq!(
            by_link.status,
            StatusCode::CONFLICT,
            "{backend}: the owner's action reaches the state machine (a paid order is not received yet)"
        );
        t.close().await;
    }
}

/// One address places at most `PLACE_ORDER_PER_IP` guest orders per window, counted in each
/// order's own transaction: the next is refused and reserves nothing, a retry of an order
/// already placed still finds it, and another address still orders.
#[tokio::test]
async fn one_address_places_a_limited_number_of_guest_orders() {
    use app::auth::limits;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut guest = t.browser_from("203.0.113.7");
        let mut first = None;
        for n in 0..limits::PLACE_ORDER_PER_IP {
            let placed = place(&mut guest, &format!("token-limit-{n}"), "limit@example.com").await;
            first.get_or_insert(placed.order_no);
        }
        let stock_before = stock_of(t.db(), 1).await;
        let orders_before = scalar(t.db(), "SELECT COUNT(*) FROM orders").await;
        let over = guest
            .call_json::<PlaceOrder>(checkout(
                "token-limit-over",
                "limit@example.com",
                json!([{"sku_id": 1, "quantity": 1}]),
            ))
            .await;
        assert_eq!(
            over.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{backend}: {}",
            over.body
        );
        assert_eq!(
            over.error(),
            app::error::AppError::RateLimited(limits::WINDOW_SECONDS),
            "{backend}"
        );
        assert_eq!(stock_of(t.db(), 1).await, stock_before, "{backend}");
        assert_eq!(
            scalar(t.db(), "SELECT COUNT(*) FROM orders").await,
            orders_before,
            "{backend}"
        );
        let again = place(&mut guest, "token-limit-0", "limit@example.com").await;
        assert_eq!(
            Some(again.order_no),
            first,
            "{backend}: a retry finds its order"
        );
        let mut neighbour = t.browser_from("203.0.113.8");
        place(&mut neighbour, "token-limit-other", "other@example.com").await;
        t.close().await;
    }
}

#[tokio::test]
async fn forged_or_tampered_callbacks_are_refused_and_logged() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut guest = t.browser();
        let placed = place(&mut guest, "token-forged-1", "forged@example.com").await;
        let pay_url = placed.pay_url.unwrap();
        let reference = pay_url
            .rsplit('/')
            .next()
            .and_then(|last| last.split('?').next())
            .unwrap()
            .to_string();
        // The gateway's page opens only from its own signed link, unchanged.
        let hosted = pay_url.rsplit('/').next().unwrap();
        let cheaper = hosted.replacen("amount=", "amount=1", 1);
        for link in [cheaper.as_str(), reference.as_str()] {
            let page = guest.get(&format!("/sandbox-pay/{link}")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{backend}: {link}");
        }
        let total: i64 = scalar(t.db(), "SELECT total FROM orders").await;
        let body = format!(
            "amount={total}&order={}&reference={reference}&status=succeeded",
            placed.order_no
        );
        let forged = app::payment::sign(b"not-the-secret", &body);
        assert_eq!(
            notify(&mut guest, &body, &forged).await,
            StatusCode::BAD_REQUEST
        );
        let cheap = body.replace(&format!("amount={total}"), "amount=1");
        let signed_for_other = app::payment::sign(PAYMENT_SECRET.as_bytes(), &body);
        assert_eq!(
            notify(&mut guest, &cheap, &signed_for_other).await,
            StatusCode::BAD_REQUEST
        );
        let forged_return = guest
            .get(&format!(
                "/payments/sandbox/return?{body}&signature={forged}"
            ))
            .await;
        assert_eq!(forged_return.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            status_of(&mut guest, &placed.order_no).await,
            OrderStatus::PendingPayment,
            "{backend}"
        );
        assert_eq!(
            scalar(
                t.db(),
                "SELECT COUNT(*) FROM payment_callbacks WHERE signature_valid = 0"
            )
            .await,
            2,
            "{backend}: refusals are logged"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_payment_after_the_order_expired_is_refunded_never_kept() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let stock_1 = stock_of(t.db(), 1).await;
        let mut guest = t.browser();
        let placed = place(&mut guest, "token-late-1", "late@example.com").await;
        sqlx::query("UPDATE orders SET pay_before = 0")
            .execute(t.db().pool())
            .await
            .unwrap();
        assert_eq!(app::db::order::expire_unpaid(t.db()).await.unwrap(), 1);
        assert_eq!(stock_of(t.db(), 1).await, stock_1, "{backend}: released");

        // The shopper had the payment page open and pays anyway.
        let return_path = press(&mut guest, placed.pay_url.as_deref().unwrap(), "pay").await;
        let back = guest.get(&return_path).await;
        assert!(back.status.is_redirection(), "{backend}: {}", back.body);
        let page: OrderPageView = order_of(&mut guest, &placed.order_no).await.json();
        assert_eq!(page.order.status, OrderStatus::Cancelled, "{backend}");
        assert_eq!(
            page.order.flag.as_deref(),
            Some("late_payment_refunded"),
            "{backend}"
        );
        assert_eq!(page.order.refunded, page.order.total, "{backend}");
        assert_eq!(
            scalar(t.db(), "SELECT refunded FROM sandbox_payments").await,
            page.order.total.fen(),
            "{backend}: the gateway paid it back"
        );
        assert_eq!(
            stock_of(t.db(), 1).await,
            stock_1,
            "{backend}: not taken again"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_member_order_goes_from_payment_to_after_sale_along_the_state_machine() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut member = t.browser();
        let user = register(&mut member, "member@example.com").await;
        for (sku, quantity) in [("1", "2"), ("2", "1")] {
            let added = member
                .call::<AddToCart>(&[("sku_id", sku), ("quantity", quantity)])
                .await;
            assert_eq!(added.status, StatusCode::OK, "{backend}");
        }
        let stock_1 = stock_of(t.db(), 1).await;
        let answer = member
            .call_json::<PlaceOrder>(checkout(
                "token-member-1",
                "",
                json!([{"sku_id": 1, "quantity": 2}, {"sku_id": 2, "quantity": 1}]),
            ))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let placed: PlacedView = answer.json();
        // A retry after the cart was emptied by the first attempt finds the same order.
        let retry = member
            .call_json::<PlaceOrder>(checkout(
                "token-member-1",
                "",
                json!([{"sku_id": 1, "quantity": 2}, {"sku_id": 2, "quantity": 1}]),
            ))
            .await;
        assert_eq!(retry.status, StatusCode::OK, "{backend}: {}", retry.body);
        assert_eq!(
            retry.json::<PlacedView>().order_no,
            placed.order_no,
            "{backend}"
        );
        assert_eq!(
            scalar(
                t.db(),
                &format!(
                    "SELECT COUNT(*) FROM cart_items WHERE user_id = {}",
                    user.id
                )
            )
            .await,
            0,
            "{backend}: the cart was bought"
        );
        let no = placed.order_no.clone();

        // Illegal moves are refused with 409 and change nothing.
        let early = member.call::<ConfirmReceipt>(&[("order_no", &no)]).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{backend}");

        let return_path = press(&mut member, placed.pay_url.as_deref().unwrap(), "pay").await;
        member.get(&return_path).await;
        assert_eq!(status_of(&mut member, &no).await, OrderStatus::Paid);
        let page: OrderPageView = order_of(&mut member, &no).await.json();
        let (spend, points) = sqlx::query_as::<_, (i64, i64)>(
            "SELECT lifetime_spend, points_balance FROM users WHERE id = $1",
        )
        .bind(user.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(spend, page.order.total.fen(), "{backend}");
        assert_eq!(points, page.order.total.fen() / 100, "{backend}");

        // Only operators ship; another member sees nothing of this order.
        let not_ops = member
            .call::<ShipOrder>(&[
                ("order_no", &no),
                ("carrier", "sandbox"),
                ("tracking_no", "SBX1234567"),
            ])
            .await;
        assert_eq!(not_ops.status, StatusCode::FORBIDDEN, "{backend}");
        let mut other = t.browser_from("198.51.100.20");
        register(&mut other, "other@example.com").await;
        assert_eq!(
            order_of(&mut other, &no).await.status,
            StatusCode::NOT_FOUND
        );

        let mut ops = t.operator().await;
        let bad = ops
            .call::<ShipOrder>(&[
                ("order_no", &no),
                ("carrier", "sandbox"),
                ("tracking_no", "x"),
            ])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let shipped = ops
            .call::<ShipOrder>(&[
                ("order_no", &no),
                ("carrier", "sandbox"),
                ("tracking_no", "sf1234567"),
            ])
            .await;
        assert_eq!(
            shipped.status,
            StatusCode::OK,
            "{backend}: {}",
            shipped.body
        );
        assert_eq!(status_of(&mut member, &no).await, OrderStatus::Shipped);
        let cancel_late = member.call::<CancelOrder>(&[("order_no", &no)]).await;
        assert_eq!(cancel_late.status, StatusCode::CONFLICT, "{backend}");

        // The sandbox carrier's feed, read much later: every step, then delivered.
        let order_id = scalar(t.db(), "SELECT id FROM orders").await;
        let events = app::domain::shipping::sandbox_events(0, 10_000, 60, "台北市");
        let parcel = crate::helpers::parcel_in_transit(t.db(), order_id).await;
        app::db::order::lifecycle::record_tracking(t.db(), &parcel, &events, 3_600)
            .await
            .unwrap();
        let page: OrderPageView = order_of(&mut member, &no).await.json();
        assert_eq!(page.order.status, OrderStatus::Delivered, "{backend}");
        assert_eq!(page.order.parcels[0].tracking.len(), 4, "{backend}");

        let confirmed = member.call::<ConfirmReceipt>(&[("order_no", &no)]).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{backend}");
        assert_eq!(status_of(&mut member, &no).await, OrderStatus::Completed);

        // Operators act for the shop, never as the shopper.
        let ops_confirms = ops.call::<ConfirmReceipt>(&[("order_no", &no)]).await;
        assert_eq!(ops_confirms.status, StatusCode::FORBIDDEN, "{backend}");
        let not_an_image = member
            .call_multipart::<RequestAfterSale>(
                &[
                    ("order_no", &no),
                    ("kind", "return_refund"),
                    ("reason", "The lid is cracked."),
                ],
                Some(("photo", "lid.png", "image/png", b"GIF89a not a png")),
            )
            .await;
        assert_eq!(
            not_an_image.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {}",
            not_an_image.body
        );
        let ops_asks = ops
            .call_multipart::<RequestAfterSale>(
                &[
                    ("order_no", &no),
                    ("kind", "return_refund"),
                    ("reason", "On the shopper's behalf."),
                ],
                None,
            )
            .await;
        assert_eq!(ops_asks.status, StatusCode::FORBIDDEN, "{backend}");
        let mut photo = b"\x89PNG\r\n\x1a\n".to_vec();
        photo.extend_from_slice(&[0u8; 64]);
        let asked = member
            .call_multipart::<RequestAfterSale>(
                &[
                    ("order_no", &no),
                    ("kind", "return_refund"),
                    ("reason", "The lid is cracked."),
                ],
                Some(("photo", "lid.png", "image/png", &photo)),
            )
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{backend}: {}", asked.body);
        let again = member
            .call_multipart::<RequestAfterSale>(
                &[
                    ("order_no", &no),
                    ("kind", "exchange"),
                    ("reason", "Or exchange it."),
                ],
                None,
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "{backend}: one open request"
        );
        let request_id = scalar(t.db(), "SELECT id FROM after_sales")
            .await
            .to_string();
        let shopper_decides = member
            .call::<DecideAfterSale>(&[
                ("request_id", &request_id),
                ("approve", "true"),
                ("message", "ok"),
            ])
            .await;
        assert_eq!(shopper_decides.status, StatusCode::FORBIDDEN, "{backend}");
        let decided = ops
            .call::<DecideAfterSale>(&[
                ("request_id", &request_id),
                ("approve", "true"),
                ("message", "Sorry! Please send it back."),
            ])
            .await;
        assert_eq!(
            decided.status,
            StatusCode::OK,
            "{backend}: {}",
            decided.body
        );
        // Approved, but nothing is refunded or restocked before the goods are back.
        let page: OrderPageView = order_of(&mut member, &no).await.json();
        assert_eq!(page.order.status, OrderStatus::AfterSale, "{backend}");
        assert_eq!(
            page.order.after_sales[0].status,
            AfterSaleStatus::AwaitingReturn,
            "{backend}"
        );
        assert_eq!(page.order.refunded.fen(), 0, "{backend}");
        assert_eq!(stock_of(t.db(), 1).await, stock_1 - 2, "{backend}");
        let photo_path = page.order.after_sales[0].messages[0]
            .photo
            .clone()
            .expect("the photo is kept with the first message");
        assert!(
            photo_path.starts_with("after-sale/"),
            "{backend}: {photo_path}"
        );
        let shopper_receives = member
            .call::<ReceiveReturn>(&[
                ("request_id", &request_id),
                ("carrier", ""),
                ("tracking_no", ""),
            ])
            .await;
        assert_eq!(shopper_receives.status, StatusCode::FORBIDDEN, "{backend}");
        let received = ops
            .call::<ReceiveReturn>(&[
                ("request_id", &request_id),
                ("carrier", ""),
                ("tracking_no", ""),
            ])
            .await;
        assert_eq!(
            received.status,
            StatusCode::OK,
            "{backend}: {}",
            received.body
        );
        let twice = ops
            .call::<ReceiveReturn>(&[
                ("request_id", &request_id),
                ("carrier", ""),
                ("tracking_no", ""),
            ])
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{backend}: once only");
        let page: OrderPageView = order_of(&mut member, &no).await.json();
        assert_eq!(page.order.status, OrderStatus::Refunded, "{backend}");
        assert_eq!(page.order.refunded, page.order.total, "{backend}");
        // The refunded order no longer counts towards the level, and its points went back.
        let (spend, points) = sqlx::query_as::<_, (i64, i64)>(
            "SELECT lifetime_spend, points_balance FROM users WHERE id = $1",
        )
        .bind(user.id)
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!((spend, points), (0, 0), "{backend}");
        let ledger: Vec<i64> =
            sqlx::query_scalar("SELECT delta FROM points_ledger WHERE user_id = $1 ORDER BY id")
                .bind(user.id)
                .fetch_all(t.db().pool())
                .await
                .unwrap();
        assert_eq!(
            ledger,
            vec![
                page.order.total.fen() / 100,
                -(page.order.total.fen() / 100)
            ],
            "{backend}"
        );
        assert_eq!(page.order.after_sales[0].messages.len(), 2, "{backend}");
        assert_eq!(
            stock_of(t.db(), 1).await,
            stock_1,
            "{backend}: returned goods restocked"
        );
        let timeline: Vec<OrderStatus> = page.order.timeline.iter().map(|e| e.status).collect();
        use OrderStatus as S;
        assert_eq!(
            timeline,
            vec![
                S::PendingPayment,
                S::Paid,
                S::Shipped,
                S::Delivered,
                S::Completed,
                S::AfterSale,
                S::Refunded
            ],
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn cancelling_a_paid_order_restocks_and_refunds_once() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let stock_2 = stock_of(t.db(), 2).await;
        let mut guest = t.browser();
        let placed = place_paid(&mut guest, "token-cancel-1", "cancel@example.com").await;
        let first = guest
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(first.status, StatusCode::OK, "{backend}: {}", first.body);
        let second = guest
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(second.status, StatusCode::CONFLICT, "{backend}");
        let page: OrderPageView = order_of(&mut guest, &placed.order_no).await.json();
        assert_eq!(page.order.status, OrderStatus::Cancelled, "{backend}");
        assert_eq!(page.order.refunded, page.order.total, "{backend}");
        assert_eq!(stock_of(t.db(), 2).await, stock_2, "{backend}");
        assert_eq!(
            scalar(t.db(), "SELECT COUNT(*) FROM refunds").await,
            1,
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_failed_payment_leaves_the_order_payable() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut guest = t.browser();
        let placed = place(&mut guest, "token-fail-1", "fail@example.com").await;
        let return_path = press(&mut guest, placed.pay_url.as_deref().unwrap(), "fail").await;
        let back = guest.get(&return_path).await;
        assert_eq!(
            back.headers[header::LOCATION],
            format!("/orders/{}?payment=failed", placed.order_no),
            "{backend}"
        );
        let page: OrderPageView = order_of(&mut guest, &placed.order_no).await.json();
        assert_eq!(page.order.status, OrderStatus::PendingPayment, "{backend}");
        assert!(
            page.order.actions.pay && page.order.actions.cancel,
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn an_exchange_sends_the_replacement_once_the_goods_are_back() {
    use app::domain::order::MoveReason;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut member = t.customer("swap@example.com").await;
        let added = member
            .call::<AddToCart>(&[("sku_id", "1"), ("quantity", "1")])
            .await;
        assert_eq!(added.status, StatusCode::OK, "{backend}");
        let placed: PlacedView = member
            .call_json::<PlaceOrder>(checkout(
                "token-swap-1",
                "",
                json!([{"sku_id": 1, "quantity": 1}]),
            ))
            .await
            .json();
        let no = placed.order_no.clone();
        let return_path = press(&mut member, placed.pay_url.as_deref().unwrap(), "pay").await;
        member.get(&return_path).await;
        let mut ops = t.operator().await;
        let ship = |tracking: &'static str| {
            [
                ("order_no", no.clone()),
                ("carrier", "sandbox".to_string()),
                ("tracking_no", tracking.to_string()),
            ]
        };
        let fields = ship("SF0000000001");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(ops.call::<ShipOrder>(&fields).await.status, StatusCode::OK);
        let order_id = scalar(t.db(), "SELECT id FROM orders").await;
        let events = app::domain::shipping::sandbox_events(0, 10_000, 60, "台北市");
        let parcel = crate::helpers::parcel_in_transit(t.db(), order_id).await;
        app::db::order::lifecycle::record_tracking(t.db(), &parcel, &events, 3_600)
            .await
            .unwrap();
        let stock_after_sale = stock_of(t.db(), 1).await;

        let asked = member
            .call_multipart::<RequestAfterSale>(
                &[
                    ("order_no", &no),
                    ("kind", "exchange"),
                    ("reason", "Too small, the next size please."),
                ],
                None,
            )
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{backend}: {}", asked.body);
        let request_id = scalar(t.db(), "SELECT id FROM after_sales")
            .await
            .to_string();
        let approved = ops
            .call::<DecideAfterSale>(&[
                ("request_id", &request_id),
                ("approve", "true"),
                ("message", "Send it back, please."),
            ])
            .await;
        assert_eq!(
            approved.status,
            StatusCode::OK,
            "{backend}: {}",
            approved.body
        );
        let no_parcel = ops
            .call::<ReceiveReturn>(&[
                ("request_id", &request_id),
                ("carrier", "sandbox"),
                ("tracking_no", ""),
            ])
            .await;
        assert_eq!(
            no_parcel.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: an exchange needs the replacement's tracking number"
        );
        let received = ops
            .call::<ReceiveReturn>(&[
                ("request_id", &request_id),
                ("carrier", "sandbox"),
                ("tracking_no", "SF0000000002"),
            ])
            .await;
        assert_eq!(
            received.status,
            StatusCode::OK,
            "{backend}: {}",
            received.body
        );

        let page: OrderPageView = order_of(&mut member, &no).await.json();
        assert_eq!(page.order.status, OrderStatus::Shipped, "{backend}");
        assert_eq!(
            page.order.parcels[0].tracking_no.as_deref(),
            Some("SF0000000002")
        );
        assert!(
            page.order.parcels[0].tracking.is_empty(),
            "{backend}: a new parcel"
        );
        assert_eq!(page.order.refunded.fen(), 0, "{backend}: nothing refunded");
        assert_eq!(
            stock_of(t.db(), 1).await,
            stock_after_sale,
            "{backend}: one back, one out"
        );
        assert_eq!(
            page.order.after_sales[0].status,
            AfterSaleStatus::Approved,
            "{backend}"
        );
        let last = page.order.timeline.last().unwrap();
        assert_eq!(
            MoveReason::parse(&last.reason),
            MoveReason::Reshipped {
                carrier: "sandbox".into(),
                tracking_no: "SF0000000002".into()
            },
            "{backend}"
        );
        assert!(page.order.actions.confirm_receipt, "{backend}");
        let confirmed = member.call::<ConfirmReceipt>(&[("order_no", &no)]).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{backend}");
        assert_eq!(status_of(&mut member, &no).await, OrderStatus::Completed);
        t.close().await;
    }
}

#[tokio::test]
async fn a_refund_the_provider_refused_is_sent_again_exactly_once() {
    use app::payment::sandbox::SandboxGateway;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut guest = t.browser();
        let placed = place_paid(&mut guest, "token-retry-1", "retry@example.com").await;

        // The gateway is down for refunds while the shopper cancels: the order is flagged.
        sqlx::query("UPDATE sandbox_payments SET status = 'maintenance'")
            .execute(t.db().pool())
            .await
            .unwrap();
        let cancelled = guest
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(
            cancelled.status,
            StatusCode::OK,
            "{backend}: {}",
            cancelled.body
        );
        let page: OrderPageView = order_of(&mut guest, &placed.order_no).await.json();
        assert_eq!(
            page.order.flag.as_deref(),
            Some("refund_failed"),
            "{backend}"
        );
        assert_eq!(page.order.refunded.fen(), 0, "{backend}");

        // Back up: two server instances retry at once; the money goes back once.
        sqlx::query("UPDATE sandbox_payments SET status = 'succeeded'")
            .execute(t.db().pool())
            .await
            .unwrap();
        let gateway = app::payment::Payments::new(vec![std::sync::Arc::new(SandboxGateway::new(
            t.db().clone(),
            PAYMENT_SECRET.as_bytes(),
            "https://shop.example",
        ))]);
        let (a, b) = tokio::join!(
            app::flow::order::retry_failed_refunds(t.db(), &gateway),
            app::flow::order::retry_failed_refunds(t.db(), &gateway)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1, "{backend}");
        let page: OrderPageView = order_of(&mut guest, &placed.order_no).await.json();
        assert_eq!(page.order.flag, None, "{backend}");
        assert_eq!(page.order.refunded, page.order.total, "{backend}");
        assert_eq!(
            scalar(t.db(), "SELECT COUNT(*) FROM refunds").await,
            1,
            "{backend}"
        );
        assert_eq!(
            app::flow::order::retry_failed_refunds(t.db(), &gateway)
                .await
                .unwrap(),
            0,
            "{backend}: nothing left to retry"
        );
        t.close().await;
    }
}

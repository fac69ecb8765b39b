//! Alipay and WeChat Pay adapters end to end, each against its local fake (real HTTP, keys made
//! here), through the real router on both databases: the checkout offers the configured
//! gateways; a genuine notification settles once, a tampered one is refused, a replayed one
//! changes nothing; the browser's return asks the gateway; an unknown trade is handled; a
//! refund is signed correctly and sent once however often it is retried.

use crate::browser::Browser;
use crate::checkout::{checkout, prepare, scalar, status_of};
use crate::fake::alipay::FakeAlipay;
use crate::fake::wechat_pay::FakeWechatPay;
use crate::test_app::TestApp;
use app::api::order::{CancelOrder, PaymentMethods, PlaceOrder, PlacedView};
use app::domain::money::Money;
use app::domain::order::OrderStatus;
use app::payment::alipay::Alipay;
use app::payment::wechat_pay::WechatPay;
use app::payment::{PaymentProvider, ProviderError, RefundRequest};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use serde_json::json;

/// One app per backend with both gateways configured against their fakes.
async fn apps_with(alipay: &FakeAlipay, wechat: &FakeWechatPay) -> Vec<TestApp> {
    TestApp::each_with(true, |config| {
        config.alipay = Some(alipay.config());
        config.wechat_pay = Some(wechat.config());
    })
    .await
}

async fn place_with(browser: &mut Browser, token: &str, method: &str) -> crate::browser::Answer {
    let mut form = checkout(
        token,
        "payer@example.com",
        json!([{"sku_id": 1, "quantity": 2}]),
    );
    form["form"]["payment"] = json!(method);
    browser.call_json::<PlaceOrder>(form).await
}

async fn post(
    browser: &mut Browser,
    path: &str,
    headers: &HeaderMap,
    body: &str,
) -> (StatusCode, String) {
    let mut request = Request::post(path).header(header::HOST, "shop.example");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let answer = browser
        .send(request.body(Body::from(body.to_string())).unwrap())
        .await;
    (answer.status, answer.body)
}

async fn paid_events(t: &TestApp, order_no: &str) -> i64 {
    scalar(
        t.db(),
        &format!(
            "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id \
             WHERE o.order_no = '{order_no}' AND p.status = 'succeeded'"
        ),
    )
    .await
}

#[tokio::test]
async fn the_checkout_offers_the_configured_gateways_and_refuses_others() {
    let (alipay, wechat) = (FakeAlipay::start().await, FakeWechatPay::start().await);
    for t in apps_with(&alipay, &wechat).await {
        prepare(t.db()).await;
        let mut shopper = t.browser();
        let methods: Vec<String> = shopper.call::<PaymentMethods>(&[]).await.json();
        assert_eq!(methods, ["alipay", "wechatpay", "sandbox"]);
        let refused = place_with(&mut shopper, "token-method-1", "paypal").await;
        assert_eq!(
            refused.error(),
            app::error::AppError::Refused(app::error::Refusal::PaymentMethod)
        );
        // Nothing was ordered.
        assert_eq!(scalar(t.db(), "SELECT COUNT(*) FROM orders").await, 0);
        let sandbox_only = t.router_with(|_| {});
        let methods: Vec<String> = Browser::new(&sandbox_only)
            .call::<PaymentMethods>(&[])
            .await
            .json();
        assert_eq!(methods, ["sandbox"]);
        t.close().await;
    }
}

#[tokio::test]
async fn alipay_settles_once_refuses_tampering_and_refunds_by_its_protocol() {
    let (alipay, wechat) = (FakeAlipay::start().await, FakeWechatPay::start().await);
    for t in apps_with(&alipay, &wechat).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut shopper = t.browser();
        let placed: PlacedView = place_with(&mut shopper, "token-alipay-1", "alipay")
            .await
            .json();
        let pay_url = placed.pay_url.expect("the gateway's page");
        assert!(pay_url.starts_with(&alipay.url), "{pay_url}");
        // The shopper's browser opens Alipay's page: the fake checks our RSA2 signature.
        let page = reqwest::get(&pay_url).await.unwrap();
        assert_eq!(page.status(), 200, "{backend}: the page-pay link verifies");
        let reference: String = sqlx::query_scalar(
            "SELECT provider_ref FROM payments WHERE provider = 'alipay' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        let trade = alipay.trade(&reference).expect("the fake opened the trade");
        assert!(trade.notify_url.ends_with("/payments/alipay/notify"));
        assert!(trade.return_url.ends_with("/payments/alipay/return"));

        // Back before paying: Alipay is asked and says the trade waits.
        let back = shopper
            .get(&format!(
                "/payments/alipay/return?{}",
                alipay.return_query(&reference)
            ))
            .await;
        assert_eq!(
            back.headers[header::LOCATION],
            format!("/orders/{}?payment=waiting", placed.order_no)
        );
        assert_eq!(
            status_of(&mut shopper, &placed.order_no).await,
            OrderStatus::PendingPayment
        );

        let (_, notification) = alipay.pay(&reference);
        let form = [(header::CONTENT_TYPE, "application/x-www-form-urlencoded")]
            .into_iter()
            .map(|(k, v)| (k, v.parse().unwrap()))
            .collect::<HeaderMap>();
        // Tampered: the amount changed after Alipay signed.
        let tampered = notification.replace(
            &format!("total_amount={}", trade.total_amount),
            "total_amount=0.01",
        );
        assert_ne!(tampered, notification);
        let (status, body) = post(&mut shopper, "/payments/alipay/notify", &form, &tampered).await;
        assert_eq!((status, body.as_str()), (StatusCode::BAD_REQUEST, "fail"));
        assert_eq!(
            status_of(&mut shopper, &placed.order_no).await,
            OrderStatus::PendingPayment
        );

        // Genuine, then replayed: paid once, acknowledged with "success" each time.
        for _ in 0..2 {
            let (status, body) = post(
                &mut shopper,
                "/payments/alipay/notify",
                &form,
                &notification,
            )
            .await;
            assert_eq!(
                (status, body.as_str()),
                (StatusCode::OK, "success"),
                "{backend}"
            );
        }
        assert_eq!(
            status_of(&mut shopper, &placed.order_no).await,
            OrderStatus::Paid
        );
        assert_eq!(paid_events(&t, &placed.order_no).await, 1);

        // A genuine notification for a trade that is not ours changes nothing.
        let stranger = alipay.notification("J000000000000-DEADBEEF", "TRADE_SUCCESS", "9.99");
        let (status, body) = post(&mut shopper, "/payments/alipay/notify", &form, &stranger).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "success"));

        // Cancelling the paid order refunds through Alipay, signed, once.
        let cancelled = shopper
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        let refunds = alipay.trade(&reference).unwrap().refunds;
        assert_eq!(
            refunds.into_iter().collect::<Vec<_>>(),
            [(format!("{reference}-R"), trade.total_amount.clone())]
        );
        assert_eq!(
            scalar(t.db(), "SELECT COUNT(*) FROM refunds").await,
            1,
            "{backend}"
        );
        t.close().await;
    }
    assert_eq!(alipay.bad_signatures(), 0, "every request we sent verified");
}

#[tokio::test]
async fn alipay_unknown_trades_retried_refunds_and_foreign_keys() {
    let fake = FakeAlipay::start().await;
    let alipay = Alipay::new(fake.config());
    assert_eq!(alipay.query("J000000000000-00000000").await, Ok(None));
    // Open and pay a trade at the fake, then refund it twice with the same refund number.
    let started = alipay
        .start(app::payment::PaymentRequest {
            order_no: "J261129000001",
            amount: Money::from_fen(1_050),
            return_url: "https://shop.example/payments/alipay/return".into(),
            notify_url: "https://shop.example/payments/alipay/notify".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        reqwest::get(&started.redirect_url).await.unwrap().status(),
        200
    );
    fake.pay(&started.reference);
    let notice = alipay.query(&started.reference).await.unwrap().unwrap();
    assert_eq!(notice.amount, Money::from_fen(1_050));
    let refund_no = format!("{}-R", started.reference);
    for _ in 0..2 {
        alipay
            .refund(RefundRequest {
                reference: &started.reference,
                refund_no: &refund_no,
                amount: Money::from_fen(1_050),
                paid: Money::from_fen(1_050),
            })
            .await
            .unwrap();
    }
    assert_eq!(fake.trade(&started.reference).unwrap().refunds.len(), 1);
    // A shop signing with a key Alipay does not know is refused by the gateway.
    let mut wrong = fake.config();
    wrong.private_key = crate::fake::new_key();
    assert!(matches!(
        Alipay::new(wrong).query(&started.reference).await,
        Err(ProviderError::Refused(_))
    ));
    // Answers signed by someone other than Alipay are not believed.
    let mut forged = fake.config();
    forged.alipay_public_key = crate::fake::new_key().to_public_key();
    assert_eq!(
        Alipay::new(forged).query(&started.reference).await,
        Err(ProviderError::BadSignature)
    );
}

#[tokio::test]
async fn wechat_pay_settles_once_refuses_tampering_and_replays_and_refunds() {
    let (alipay, wechat) = (FakeAlipay::start().await, FakeWechatPay::start().await);
    for t in apps_with(&alipay, &wechat).await {
        let backend = t.backend();
        prepare(t.db()).await;
        let mut shopper = t.browser();
        let placed: PlacedView = place_with(&mut shopper, "token-wechat-1", "wechatpay")
            .await
            .json();
        // Our QR page for the code_url WeChat Pay answered, with a signed link.
        let pay_url = placed.pay_url.expect("the QR page");
        let path = pay_url.strip_prefix("https://shop.example").unwrap();
        let page = shopper.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(
            page.body.contains("<svg")
                && page.body.contains("/payments/wechatpay/return?reference=")
        );
        let forged_link = path.replace("sig=", "sig=00");
        assert_eq!(
            shopper.get(&forged_link).await.status,
            StatusCode::NOT_FOUND
        );

        let reference = path
            .split("/scan/")
            .nth(1)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_string();
        let trade = wechat.trade(&reference).expect("the fake opened the trade");
        assert!(trade.notify_url.ends_with("/payments/wechatpay/notify"));
        // "I have paid" before paying: WeChat Pay is asked and says not yet.
        let back = shopper
            .get(&format!("/payments/wechatpay/return?reference={reference}"))
            .await;
        assert_eq!(
            back.headers[header::LOCATION],
            format!("/orders/{}?payment=waiting", placed.order_no)
        );

        let (headers, notification) = wechat.pay(&reference);
        let tampered = notification.replace("支付成功", "支付");
        let (status, body) = post(
            &mut shopper,
            "/payments/wechatpay/notify",
            &headers,
            &tampered,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("FAIL"));
        assert_eq!(
            status_of(&mut shopper, &placed.order_no).await,
            OrderStatus::PendingPayment
        );
        // The same notification signed an hour ago (a recorded replay) is refused outright.
        let (old_headers, old_body) = wechat.notification(
            &reference,
            "SUCCESS",
            trade.total,
            app::db::unix_now() - 3600,
        );
        let (status, _) = post(
            &mut shopper,
            "/payments/wechatpay/notify",
            &old_headers,
            &old_body,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        for _ in 0..2 {
            let (status, body) = post(
                &mut shopper,
                "/payments/wechatpay/notify",
                &headers,
                &notification,
            )
            .await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{backend}: {body}");
        }
        assert_eq!(
            status_of(&mut shopper, &placed.order_no).await,
            OrderStatus::Paid
        );
        assert_eq!(paid_events(&t, &placed.order_no).await, 1);
        // Back after paying: settled already, straight to the order.
        let back = shopper
            .get(&format!("/payments/wechatpay/return?reference={reference}"))
            .await;
        assert_eq!(
            back.headers[header::LOCATION],
            format!("/orders/{}", placed.order_no)
        );

        let cancelled = shopper
            .call::<CancelOrder>(&[("order_no", &placed.order_no)])
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        let refunds = wechat.trade(&reference).unwrap().refunds;
        assert_eq!(
            refunds.into_iter().collect::<Vec<_>>(),
            [(format!("{reference}-R"), (trade.total, trade.total))]
        );
        t.close().await;
    }
    assert_eq!(wechat.bad_signatures(), 0, "every request we sent verified");
}

#[tokio::test]
async fn wechat_pay_unknown_trades_and_keys_it_does_not_know() {
    let fake = FakeWechatPay::start().await;
    let pay = WechatPay::new(fake.config());
    assert_eq!(pay.query("J000000000000-00000000").await, Ok(None));
    let mut wrong = fake.config();
    wrong.private_key = crate::fake::new_key();
    assert!(matches!(
        WechatPay::new(wrong).query("J000000000000-00000000").await,
        Err(ProviderError::Refused(_))
    ));
    assert_eq!(fake.bad_signatures(), 1);
    let mut forged = fake.config();
    forged.platform_key = crate::fake::new_key().to_public_key();
    assert_eq!(
        WechatPay::new(forged).query("J000000000000-00000000").await,
        Err(ProviderError::BadSignature)
    );
}

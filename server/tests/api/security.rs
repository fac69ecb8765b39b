//! Checks that fail if a safety property regresses: a public shop never runs the sandbox
//! gateway or the published callback key.

use std::process::Command;

/// `server serve` with the sandbox (or the default callback key) on a public address exits
/// before listening, and says why.
#[test]
fn the_server_refuses_the_sandbox_on_a_public_address() {
    let folder = std::env::temp_dir().join(format!("jishi_refuse_{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let run = |sandbox: &str, secret: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .arg("serve")
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", folder.join("db.sqlite").display()),
            )
            .env("JISHI_MEDIA_DIR", folder.join("media"))
            .env("JISHI_PUBLIC_URL", "https://shop.example")
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:1")
            .env("JISHI_SANDBOX_PAYMENTS", sandbox)
            .env_remove("JISHI_PAYMENT_SECRET");
        if let Some(secret) = secret {
            command.env("JISHI_PAYMENT_SECRET", secret);
        }
        command.output().expect("server runs")
    };
    let sandbox = run("1", Some("a-long-random-secret-for-the-gateway-7f3c"));
    assert!(!sandbox.status.success());
    let said = String::from_utf8_lossy(&sandbox.stderr);
    assert!(said.contains("JISHI_SANDBOX_PAYMENTS"), "{said}");

    let default_key = run("0", None);
    assert!(!default_key.status.success());
    let said = String::from_utf8_lossy(&default_key.stderr);
    assert!(said.contains("JISHI_PAYMENT_SECRET"), "{said}");

    // A gateway half configured (its key file missing) stops the start too, naming the variable.
    let half = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", folder.join("db.sqlite").display()),
        )
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:1")
        .env("JISHI_ALIPAY_APP_ID", "2021000000000001")
        .env("JISHI_ALIPAY_PRIVATE_KEY_FILE", folder.join("missing.pem"))
        .output()
        .expect("server runs");
    assert!(!half.status.success());
    let said = String::from_utf8_lossy(&half.stderr);
    assert!(said.contains("JISHI_ALIPAY_PRIVATE_KEY_FILE"), "{said}");
    let _ = std::fs::remove_dir_all(&folder);
}

/// Security headers on a page, a server function, a static file and an error page; text is
/// compressed for clients that accept it; signed-in answers are never cached.
#[tokio::test]
async fn every_response_carries_the_security_headers_and_text_is_compressed() {
    use crate::test_app::TestApp;
    use axum::body::Body;
    use axum::http::{header, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let app = t.app();
        let requests = [
            Request::get("/c/tea").header(header::ACCEPT_ENCODING, "br, gzip"),
            Request::get("/no-such-page").header(header::ACCEPT_ENCODING, "gzip"),
            Request::get("/robots.txt"),
            Request::get("/media/p/smartphone-obsidian-0.svg"),
            Request::post(<app::api::catalog::GetCategories as leptos::server_fn::ServerFn>::PATH)
                .header(header::HOST, "shop.example")
                .header("sec-fetch-site", "same-origin")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT_ENCODING, "br"),
        ];
        for request in requests {
            let body = if request.method_ref() == Some(&axum::http::Method::POST) {
                Body::from("locale=en")
            } else {
                Body::empty()
            };
            let uri = request.uri_ref().unwrap().to_string();
            let response = app
                .clone()
                .oneshot(request.body(body).unwrap())
                .await
                .unwrap();
            let headers = response.headers();
            for (name, value) in [
                ("x-content-type-options", "nosniff"),
                ("referrer-policy", "strict-origin-when-cross-origin"),
                ("x-frame-options", "DENY"),
            ] {
                assert_eq!(headers[name], value, "{backend}: {uri}");
            }
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{backend}: {uri}");
            assert!(
                headers.contains_key("strict-transport-security"),
                "{backend}: {uri} (the test shop is https)"
            );
            if uri == "/c/tea" {
                assert_eq!(headers["content-encoding"], "br", "{backend}");
                // A page allows exactly the scripts that carry its nonce, and no inline handlers.
                assert!(
                    csp.contains("'nonce-"),
                    "{backend}: a page's policy names its nonce"
                );
                assert!(
                    !csp.contains("script-src 'self' 'unsafe-inline'"),
                    "{backend}"
                );
                let plain = app
                    .clone()
                    .oneshot(Request::get("/c/tea").body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                let plain_csp = plain.headers()["content-security-policy"]
                    .to_str()
                    .unwrap()
                    .to_string();
                let bytes = plain.into_body().collect().await.unwrap().to_bytes();
                let html = String::from_utf8_lossy(&bytes).into_owned();
                let nonce = plain_csp
                    .split("'nonce-")
                    .nth(1)
                    .and_then(|rest| rest.split('\'').next())
                    .unwrap()
                    .to_string();
                let inline_scripts = html.matches("<script").count()
                    - html.matches("<script src=").count()
                    - html.matches("type=\"application/ld+json\"").count();
                assert!(
                    inline_scripts > 0,
                    "{backend}: hydration scripts are inline"
                );
                assert_eq!(
                    html.matches(&format!("nonce=\"{nonce}\"")).count(),
                    inline_scripts,
                    "{backend}: every inline script carries the nonce"
                );
                for handler in [" onchange=", " onclick=", " onsubmit=", " onload="] {
                    assert!(!html.contains(handler), "{backend}: {handler}");
                }
                continue;
            }
            if uri == "/no-such-page" {
                assert_eq!(response.status(), 404, "{backend}");
                assert_eq!(headers["content-encoding"], "gzip", "{backend}");
            }
        }
        t.close().await;
    }
}

/// Text from the URL never ends up as markup: a search for `</title><script>…` is shown as
/// text in the title, the heading and the search box (leptos_meta writes titles unescaped).
#[tokio::test]
async fn search_text_is_never_markup() {
    use crate::test_app::TestApp;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let app = t.app();
        let uri = "/search?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg%20src%3Dx%3E";
        let response = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8_lossy(&bytes);
        assert!(!html.contains("<script>alert(1)"), "{backend}");
        assert!(!html.contains("<img src=x>"), "{backend}");
        assert!(
            html.contains("&lt;/title&gt;&lt;script&gt;alert(1)"),
            "{backend}"
        );
        t.close().await;
    }
}

/// Every ordering of a failed callback, a succeeded callback, its duplicate and the shopper's
/// signed return (succeeded or failed), sent over HTTP as the gateway and the browser would:
/// each is answered as accepted, the order ends paid exactly once when any success came, and a
/// success is never undone by a later failure.
#[tokio::test]
async fn payment_notices_in_every_order_over_http_settle_once() {
    use crate::helpers::PAYMENT_SECRET;
    use crate::test_app::TestApp;
    use app::db::order::PlaceOutcome;
    use app::db::payment::record_started;
    use app::domain::payment::{PaymentNotice, PaymentOutcome};
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Event {
        FailedCallback,
        SucceededCallback,
        ReturnSucceeded,
        ReturnFailed,
    }
    use Event::*;
    fn orderings(items: &[Event]) -> Vec<Vec<Event>> {
        if items.is_empty() {
            return vec![Vec::new()];
        }
        let mut all = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut tail in orderings(&rest) {
                tail.insert(0, first);
                if !all.contains(&tail) {
                    all.push(tail);
                }
            }
        }
        all
    }
    // The success callback comes twice (a duplicate), as gateways send them.
    let mut cases = orderings(&[
        FailedCallback,
        SucceededCallback,
        SucceededCallback,
        ReturnSucceeded,
    ]);
    cases.extend(orderings(&[
        FailedCallback,
        ReturnFailed,
        SucceededCallback,
    ]));
    cases.push(vec![FailedCallback, ReturnFailed]);
    for t in TestApp::each(true).await {
        let backend = t.backend();
        assert!(app::db::stock::restock_to(t.db(), 1, 1000).await.unwrap());
        let mut gateway = t.browser_from("198.51.100.9");
        for (n, events) in cases.iter().enumerate() {
            let PlaceOutcome::Placed(order) = t
                .place_guest_order(&format!("ordering-{n}"), &[(1, 1)], 1800)
                .await
            else {
                panic!("{backend}: placed");
            };
            let reference = format!("SBXORDER{n}");
            record_started(t.db(), order.id, "sandbox", &reference, order.total)
                .await
                .unwrap();
            let signed = |outcome| {
                let body = PaymentNotice {
                    reference: reference.clone(),
                    order_no: order.order_no.clone(),
                    amount: order.total,
                    outcome,
                }
                .canonical();
                let signature = app::payment::sign(PAYMENT_SECRET.as_bytes(), &body);
                (body, signature)
            };
            for event in events {
                let answer = match event {
                    FailedCallback | SucceededCallback => {
                        let outcome = if *event == FailedCallback {
                            PaymentOutcome::Failed
                        } else {
                            PaymentOutcome::Succeeded
                        };
                        let (body, signature) = signed(outcome);
                        let request = Request::post("/payments/sandbox/notify")
                            .header(header::HOST, "shop.example")
                            .header("x-jishi-signature", signature)
                            .body(Body::from(body))
                            .unwrap();
                        gateway.send(request).await
                    }
                    ReturnSucceeded | ReturnFailed => {
                        let outcome = if *event == ReturnFailed {
                            PaymentOutcome::Failed
                        } else {
                            PaymentOutcome::Succeeded
                        };
                        let (body, signature) = signed(outcome);
                        gateway
                            .get(&format!(
                                "/payments/sandbox/return?{body}&signature={signature}"
                            ))
                            .await
                    }
                };
                assert!(
                    answer.status == StatusCode::OK || answer.status.is_redirection(),
                    "{backend}: {events:?} at {event:?}: {}",
                    answer.status
                );
            }
            let (status, paid_events): (String, i64) = (
                sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
                    .bind(order.id)
                    .fetch_one(t.db().pool())
                    .await
                    .unwrap(),
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND to_status = 'paid'",
                )
                .bind(order.id)
                .fetch_one(t.db().pool())
                .await
                .unwrap(),
            );
            let any_success = events
                .iter()
                .any(|e| matches!(e, SucceededCallback | ReturnSucceeded));
            if any_success {
                assert_eq!(
                    (status.as_str(), paid_events),
                    ("paid", 1),
                    "{backend}: {events:?}"
                );
            } else {
                assert_eq!(
                    (status.as_str(), paid_events),
                    ("pending_payment", 0),
                    "{backend}: {events:?}"
                );
            }
        }
        t.close().await;
    }
}

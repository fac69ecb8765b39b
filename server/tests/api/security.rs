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
    let _ = std::fs::remove_dir_all(&folder);
}

/// Security headers on a page, a server function, a static file and an error page; text is
/// compressed for clients that accept it; signed-in answers are never cached.
#[tokio::test]
async fn every_response_carries_the_security_headers_and_text_is_compressed() {
    use crate::helpers::{app_for, seeded_databases};
    use axum::body::Body;
    use axum::http::{header, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for t in seeded_databases().await {
        let backend = t.backend().name();
        let app = app_for(&t);
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
        t.drop_database().await;
    }
}

/// Text from the URL never ends up as markup: a search for `</title><script>…` is shown as
/// text in the title, the heading and the search box (leptos_meta writes titles unescaped).
#[tokio::test]
async fn search_text_is_never_markup() {
    use crate::helpers::{app_for, seeded_databases};
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for t in seeded_databases().await {
        let backend = t.backend().name();
        let app = app_for(&t);
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
        t.drop_database().await;
    }
}

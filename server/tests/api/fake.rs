//! Local fakes of the payment gateways Jishi cannot reach from here. Each speaks its provider's
//! documented protocol over real HTTP on 127.0.0.1 with keys made in the test: it checks our
//! requests' signatures with the merchant's public key (refusing what does not verify), signs
//! its answers and notifications with its own key, and keeps its own books (trades, refunds).

pub mod alipay;
pub mod wechat_pay;

use rsa::RsaPrivateKey;

/// A fresh 2048-bit key (both gateways require 2048 bits).
pub fn new_key() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap()
}

/// Serves `router` on a free loopback port; returns its base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    format!("http://{address}")
}

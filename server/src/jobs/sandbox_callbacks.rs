//! The sandbox gateway's callback sender: posts each signed notice to the shop's notify URL over
//! HTTP, as a real gateway does, and retries with back-off until it gets a 2xx answer.

use crate::routes::payments::SIGNATURE_HEADER;
use app::payment::sandbox::SandboxGateway;
use axum::body::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// Sends what is due; returns how many were accepted.
pub async fn deliver_due(
    sandbox: &SandboxGateway,
    client: &HttpClient,
) -> Result<usize, sqlx::Error> {
    let mut accepted = 0;
    for notification in sandbox.due_notifications(50).await? {
        // Another instance may be sending the same one; the claim decides.
        if !sandbox.claim(&notification).await? {
            continue;
        }
        let request = http::Request::post(&notification.notify_url)
            .header(http::header::CONTENT_TYPE, "text/plain")
            .header(SIGNATURE_HEADER, &notification.signature)
            .body(Full::new(Bytes::from(notification.body.clone())));
        let Ok(request) = request else {
            tracing::error!(
                url = notification.notify_url,
                "sandbox: notify URL is not valid"
            );
            continue;
        };
        match tokio::time::timeout(Duration::from_secs(10), client.request(request)).await {
            Ok(Ok(response)) if response.status().is_success() => {
                sandbox.delivered(notification.id).await?;
                accepted += 1;
            }
            Ok(Ok(response)) => tracing::warn!(
                status = %response.status(),
                attempt = notification.attempts + 1,
                "sandbox: callback refused; will retry"
            ),
            Ok(Err(error)) => tracing::warn!(%error, "sandbox: callback failed; will retry"),
            Err(_) => tracing::warn!("sandbox: callback timed out; will retry"),
        }
    }
    Ok(accepted)
}

//! Puts the client's address into each request, for rate limits and logs.

use app::auth::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

/// Whether to believe X-Forwarded-For (set JISHI_TRUST_PROXY=1 only behind a proxy that sets it).
/// The rightmost entry is the one our proxy appended; those left of it come from the client.
#[derive(Clone, Copy, Debug)]
pub struct TrustProxy(pub bool);

pub async fn record_client_ip(
    State(TrustProxy(trust_proxy)): State<TrustProxy>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let forwarded = trust_proxy
        .then(|| {
            request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|ip| ip.trim().to_string())
        })
        .flatten();
    let ip = forwarded
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    request.extensions_mut().insert(ClientIp(ip));
    next.run(request).await
}

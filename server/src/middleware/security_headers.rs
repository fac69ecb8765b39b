//! Headers every response carries (OWASP ASVS 5.0 chapter 3): no MIME sniffing, no framing by
//! other sites, a referrer that leaves no path, a Content-Security-Policy (`app::security`), HSTS
//! when served over https, and no caching of anything rendered for a signed-in member.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the shop is served over https (then browsers are told to stay on https).
#[derive(Clone, Copy)]
pub struct Https(pub bool);

pub async fn add_security_headers(
    State(Https(https)): State<Https>,
    request: Request,
    next: Next,
) -> Response {
    // A request carrying the session cookie may get a page made for that member.
    let signed_in = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| cookies.contains(crate::SESSION_COOKIE));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    // Pages set their own policy with their script nonce; everything else gets the strict one.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(policy) =
            HeaderValue::from_str(&app::security::content_security_policy(None, false))
        {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if signed_in && html {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

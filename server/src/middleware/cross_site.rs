//! Refuses state-changing requests that a browser sent on behalf of another site (CSRF).
//!
//! Same approach as Go's `http.CrossOriginProtection`: trust `Sec-Fetch-Site` when the browser
//! sends it, else compare `Origin` with the host we were reached at. Requests with neither come
//! from non-browser clients, which carry no ambient cookies of a victim, and are let through.
//! GET and HEAD never change state here, so they are not checked.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origin (scheme://host[:port]) of the public URL, also accepted behind a proxy.
#[derive(Clone, Debug)]
pub struct PublicOrigin(pub String);

pub async fn reject_cross_site(
    State(public): State<PublicOrigin>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if is_cross_site(&request, &public.0) {
        tracing::warn!(
            method = %request.method(),
            path = %request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        // As a server function's error, so a page of ours that somehow got here shows the
        // translated message instead of a generic failure.
        let body = serde_json::to_string(&app::error::AppError::CrossSite).unwrap_or_default();
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request<Body>, public_origin: &str) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin.eq_ignore_ascii_case(public_origin) {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    match (origin_host, host) {
        (Some(origin_host), Some(host)) => !origin_host.eq_ignore_ascii_case(host),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::is_cross_site;
    use axum::body::Body;
    use axum::http::Request;

    fn request(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::post("/api/sign_in").header("host", "shop.example:3000");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn judges_by_fetch_metadata_then_origin() {
        let public = "https://jishi.example";
        assert!(!is_cross_site(&request(&[]), public));
        assert!(!is_cross_site(
            &request(&[("sec-fetch-site", "same-origin")]),
            public
        ));
        assert!(is_cross_site(
            &request(&[("sec-fetch-site", "cross-site")]),
            public
        ));
        assert!(is_cross_site(
            &request(&[("sec-fetch-site", "same-site")]),
            public
        ));
        assert!(!is_cross_site(
            &request(&[("origin", "http://shop.example:3000")]),
            public
        ));
        assert!(!is_cross_site(
            &request(&[("origin", "https://jishi.example")]),
            public
        ));
        assert!(is_cross_site(
            &request(&[("origin", "https://evil.example")]),
            public
        ));
        assert!(is_cross_site(&request(&[("origin", "null")]), public));
    }
}

//! Counts visits to the shop's pages for the dashboard's conversion rate (see
//! `app::domain::visit` for what counts and `app::flow::visit` for how a visitor is recognised
//! without a cookie). Runs on page routes only; the write happens after the answer is sent.

use app::auth::ClientIp;
use app::db::Db;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;

pub async fn count_visits(State(db): State<Db>, request: Request, next: Next) -> Response {
    // Read before the request moves on (a borrow of it must not live across the await).
    let (agent, purpose, get, ip) = {
        let text = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        // Server functions share these routes; only shop pages count (not the back office,
        // whose staff would dilute the shoppers' conversion).
        let (_, page) = app::i18n::Locale::split_path(request.uri().path());
        let back_office = page == "/admin" || page.starts_with("/admin/");
        let get = request.method() == Method::GET
            && !request.uri().path().starts_with("/api/")
            && !back_office;
        let ip = request
            .extensions()
            .get::<ClientIp>()
            .map(|ip| ip.0.clone())
            .unwrap_or_default();
        (
            text(header::USER_AGENT.as_str()),
            format!("{} {}", text("sec-purpose"), text("purpose")),
            get,
            ip,
        )
    };
    let response = next.run(request).await;
    if app::domain::visit::counts_as_visit(get, response.status().as_u16(), &agent, &purpose) {
        tokio::spawn(async move {
            let now = app::db::unix_now();
            if let Err(error) = app::flow::visit::count_visit(&db, now, &ip, &agent).await {
                tracing::warn!(%error, "counting a visit failed");
            }
        });
    }
    response
}

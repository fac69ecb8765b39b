//! Where payment providers reach the shop: their signed callbacks and the shopper's signed return.
//! Also the sandbox gateway's hosted payment page, which a real gateway would serve on its site.

use crate::AppState;
use app::db::payment::{self, Applied};
use app::domain::payment::PaymentOutcome;
use app::order_flow;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

/// The header a provider's signature comes in.
pub const SIGNATURE_HEADER: &str = "x-jishi-signature";

/// The providers' routes; the sandbox's hosted page only when the sandbox is enabled.
pub fn router(sandbox: bool) -> Router<AppState> {
    let router = Router::new()
        .route("/payments/{provider}/notify", post(notify))
        .route("/payments/{provider}/return", get(browser_return));
    if sandbox {
        router.route(
            "/sandbox-pay/{reference}",
            get(hosted_page).post(hosted_decision),
        )
    } else {
        router
    }
}

/// A provider's server-to-server callback. Answers 200 once the notice is applied (or was
/// before), so the provider stops retrying; anything unverifiable is refused and logged.
async fn notify(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let Some(payments) = state.payments.as_ref().map(|p| &p.0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if provider != payments.name() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let notice = match payments.verify(&body, signature) {
        Ok(notice) => notice,
        Err(error) => {
            tracing::warn!(%error, provider, "payment callback refused");
            let _ = payment::log_callback(&state.db, &provider, &body, false, "refused").await;
            return (StatusCode::BAD_REQUEST, "signature or body not valid").into_response();
        }
    };
    match order_flow::settle(&state.db, payments.as_ref(), &notice).await {
        Ok(applied) => {
            let _ =
                payment::log_callback(&state.db, &provider, &body, true, outcome(&applied)).await;
            (StatusCode::OK, "ok").into_response()
        }
        Err(error) => {
            // Not applied: the provider will try again.
            tracing::error!(%error, "payment callback could not be applied");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn outcome(applied: &Applied) -> &'static str {
    match applied {
        Applied::Paid { .. } => "paid",
        Applied::AlreadyApplied { .. } => "duplicate",
        Applied::Failed { .. } => "failed",
        Applied::RefundLate { .. } => "late, refunded",
        Applied::Held { .. } => "held",
        Applied::Unknown => "unknown payment",
    }
}

/// The shopper's browser coming back from the provider with a signed result. It settles the
/// payment too (whichever of this and the callback comes first wins; the other finds it done).
async fn browser_return(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(payments) = state.payments.as_ref().map(|p| &p.0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if provider != payments.name() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let query = query.unwrap_or_default();
    let Some((body, signature)) = query.rsplit_once("&signature=") else {
        return (StatusCode::BAD_REQUEST, "missing signature").into_response();
    };
    let notice = match payments.verify(body, signature) {
        Ok(notice) => notice,
        Err(error) => {
            tracing::warn!(%error, provider, "payment return refused");
            return (StatusCode::BAD_REQUEST, "signature or body not valid").into_response();
        }
    };
    match order_flow::settle(&state.db, payments.as_ref(), &notice).await {
        Ok(Applied::Unknown) => StatusCode::NOT_FOUND.into_response(),
        Ok(applied) => {
            let failed = matches!(applied, Applied::Failed { .. });
            let suffix = if failed { "?payment=failed" } else { "" };
            Redirect::to(&format!("/orders/{}{suffix}", notice.order_no)).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "payment return could not be applied");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sandbox gateway's page: what is being paid, and the two buttons a tester needs.
async fn hosted_page(State(state): State<AppState>, Path(reference): Path<String>) -> Response {
    let payment = match state.sandbox.hosted(&reference).await {
        Ok(Some(payment)) => payment,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such payment.").into_response(),
        Err(error) => {
            tracing::error!(%error, "sandbox page");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let actions = if payment.status == "created" {
        r#"<form method="post"><input type="hidden" name="action" value="pay"><button type="submit" class="pay">Pay now</button></form>
<form method="post"><input type="hidden" name="action" value="fail"><button type="submit" class="fail">Fail payment</button></form>"#
            .to_string()
    } else {
        format!(
            "<p>This payment is already {}.</p>",
            escape(&payment.status)
        )
    };
    Html(format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Sandbox payment</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222}}
.note{{background:#fff6d6;padding:.5rem .75rem;border-radius:.5rem}}
button{{width:100%;padding:.9rem;margin:.4rem 0;font-size:1.05rem;border-radius:.5rem;border:1px solid #888}}
.pay{{background:#1a7f37;color:#fff;border-color:#1a7f37}}</style></head>
<body><main><h1>Sandbox payment</h1>
<p class="note">A test gateway: no real money moves.</p>
<dl><dt>Merchant</dt><dd>Jishi 集市</dd><dt>Order</dt><dd>{order}</dd><dt>Amount</dt><dd>{amount}</dd><dt>Payment</dt><dd>{reference}</dd></dl>
{actions}</main></body></html>"#,
        order = escape(&payment.merchant_order),
        amount = payment.amount,
        reference = escape(&payment.reference),
    ))
    .into_response()
}

#[derive(Deserialize)]
struct Decision {
    action: String,
}

async fn hosted_decision(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Form(decision): Form<Decision>,
) -> Response {
    let outcome = match decision.action.as_str() {
        "pay" => PaymentOutcome::Succeeded,
        "fail" => PaymentOutcome::Failed,
        _ => return (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    };
    match state.sandbox.complete(&reference, outcome).await {
        Ok(Some(return_url)) => Redirect::to(&return_url).into_response(),
        Ok(None) => Redirect::to(&format!("/sandbox-pay/{reference}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "sandbox decision");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

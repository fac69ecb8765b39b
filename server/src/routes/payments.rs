//! Where payment providers reach the shop: their signed callbacks and the shopper's signed return.
//! Also the sandbox gateway's hosted payment page, which a real gateway would serve on its site.

use crate::AppState;
use app::db::payment::{self, Applied};
use app::domain::payment::PaymentOutcome;
use app::flow;
use app::i18n::Locale;
use app::payment::CallbackAnswer;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

/// The header the sandbox's signature comes in.
pub use app::payment::sandbox::SIGNATURE_HEADER;

/// The providers' routes; the sandbox's hosted page only when the sandbox is enabled.
pub fn router(sandbox: bool) -> Router<AppState> {
    let router = Router::new()
        .route("/payments/{provider}/notify", post(notify))
        .route("/payments/{provider}/return", get(browser_return))
        .route(
            "/payments/wechatpay/scan/{reference}",
            get(wechat_scan_page),
        );
    if sandbox {
        router.route(
            "/sandbox-pay/{reference}",
            get(hosted_page).post(hosted_decision),
        )
    } else {
        router
    }
}

fn answer(answer: CallbackAnswer) -> Response {
    (
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK),
        [(http::header::CONTENT_TYPE, answer.content_type)],
        answer.body,
    )
        .into_response()
}

/// A provider's server-to-server callback, answered the way that provider documents, once the
/// notice is applied (or was before), so it stops retrying; anything unverifiable is refused
/// and logged.
async fn notify(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let Some(gateway) = state.payments.get(&provider) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let notice = match gateway.verify_notification(&headers, &body) {
        Ok(Some(notice)) => notice,
        Ok(None) => {
            let _ =
                payment::log_callback(&state.db, &provider, &body, true, "nothing to apply").await;
            return answer(gateway.answer(true));
        }
        Err(error) => {
            tracing::warn!(%error, provider, "payment callback refused");
            let _ = payment::log_callback(&state.db, &provider, &body, false, "refused").await;
            return answer(gateway.answer(false));
        }
    };
    match flow::order::settle(&state.db, &state.payments, gateway, &notice).await {
        Ok(applied) => {
            let _ =
                payment::log_callback(&state.db, &provider, &body, true, outcome(&applied)).await;
            answer(gateway.answer(true))
        }
        Err(error) => {
            // Not applied: the provider will try again.
            tracing::error!(%error, "payment callback could not be applied");
            let mut refused = gateway.answer(false);
            refused.status = 503;
            answer(refused)
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

/// The shopper's browser coming back from the provider. A signed result settles the payment
/// too (whichever of this and the callback comes first wins; the other finds it done); where
/// the return carries none, the provider was asked. Then on to the order page.
async fn browser_return(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(gateway) = state.payments.get(&provider) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let returned = match gateway.browser_return(&query.unwrap_or_default()).await {
        Ok(returned) => returned,
        Err(app::payment::ProviderError::Unavailable(error)) => {
            tracing::warn!(%error, provider, "payment return: provider not reachable");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
        Err(error) => {
            tracing::warn!(%error, provider, "payment return refused");
            return (StatusCode::BAD_REQUEST, "signature or body not valid").into_response();
        }
    };
    let Some(notice) = returned.notice else {
        // Still open at the provider: the order page says we are waiting.
        return Redirect::to(&format!("/orders/{}?payment=waiting", returned.order_no))
            .into_response();
    };
    match flow::order::settle(&state.db, &state.payments, gateway, &notice).await {
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

#[derive(Deserialize)]
struct ScanLink {
    code: String,
    sig: String,
}

/// Our page for a WeChat Pay Native payment: the QR code of the `code_url` WeChat Pay gave us
/// (the link is signed, so no one can show their own code under the shop's name), in the
/// shopper's language, and "I have paid", which asks WeChat Pay and goes on to the order.
async fn wechat_scan_page(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Query(link): Query<ScanLink>,
) -> Response {
    let Some(wechat_pay) = &state.wechat_pay else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(order_no) = app::payment::order_of_reference(&reference) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !wechat_pay.scan_link_matches(&reference, &link.code, &link.sig) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(qr) = qrcode::QrCode::new(link.code.as_bytes()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let svg = qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .build();
    let header = |name: http::header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let cookie = header(http::header::COOKIE)
        .and_then(|c| app::i18n::cookie_value(c, app::i18n::LANG_COOKIE));
    let locale = Locale::resolve(cookie, header(http::header::ACCEPT_LANGUAGE));
    let o = locale.texts().orders;
    Html(format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222;text-align:center}}
.qr svg{{width:240px;height:240px}} a.button{{display:block;padding:.9rem;margin:.6rem 0;border-radius:.5rem;border:1px solid #888;color:#222;text-decoration:none}}
a.primary{{background:#07c160;border-color:#07c160;color:#fff}}</style></head>
<body><main><h1>{title}</h1><p>{order_no}</p>
<div class="qr" role="img" aria-label="{qr_label}">{svg}</div>
<p>{hint}</p>
<a class="button primary" href="/payments/wechatpay/return?reference={reference}">{paid}</a>
<a class="button" href="/orders/{order_no}">{back}</a></main></body></html>"#,
        lang = locale.code(),
        title = escape(o.scan_title),
        qr_label = escape(o.scan_qr),
        hint = escape(o.scan_hint),
        paid = escape(o.scan_paid),
        back = escape(o.scan_back),
        order_no = escape(order_no),
        reference = escape(&reference),
    ))
    .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sandbox gateway's page: what is being paid, and the two buttons a tester needs.
async fn hosted_page(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(request) = state
        .sandbox
        .hosted_request(&reference, query.as_deref().unwrap_or(""))
    else {
        return (StatusCode::NOT_FOUND, "No such payment.").into_response();
    };
    let payment = match state.sandbox.hosted(&request).await {
        Ok(payment) => payment,
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
    RawQuery(query): RawQuery,
    Form(decision): Form<Decision>,
) -> Response {
    let query = query.unwrap_or_default();
    let Some(request) = state.sandbox.hosted_request(&reference, &query) else {
        return (StatusCode::NOT_FOUND, "No such payment.").into_response();
    };
    let outcome = match decision.action.as_str() {
        "pay" => PaymentOutcome::Succeeded,
        "fail" => PaymentOutcome::Failed,
        _ => return (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    };
    match state.sandbox.complete(&request, outcome).await {
        Ok(Some(return_url)) => Redirect::to(&return_url).into_response(),
        // Decided already (a second tab): the page says how.
        Ok(None) => Redirect::to(&format!("/sandbox-pay/{reference}?{query}")).into_response(),
        Err(error) => {
            tracing::error!(%error, "sandbox decision");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

//! Orders per second, for `scripts/bench`: 32 concurrent guest buyers place one-unit orders of
//! one SKU through the running server's real HTTP endpoint, then the same transaction runs
//! straight against the database. Prints both rates and the oversold units (must be 0).
//!
//!   cargo run --release -p server --example bench_orders -- <base-url> <database-url> [seconds]

use app::api::order::PlaceOrder;
use app::db::order::{place_order, NewOrder, PlaceOutcome};
use app::db::Db;
use app::domain::account::{AddressForm, ValidAddress};
use app::domain::pricing::ShippingMethod;
use app::error::{AppError, Refusal};
use app::i18n::Locale;
use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use leptos::server_fn::ServerFn;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "common/figures.rs"]
mod figures;

const BUYERS: usize = 32;

fn address() -> AddressForm {
    AddressForm {
        recipient: "Bench Buyer".into(),
        phone: "13800138000".into(),
        region: "GD".into(),
        city: "Shenzhen".into(),
        detail: "1 Keyuan Road".into(),
        postal_code: "518000".into(),
    }
}

/// Gives the SKU `stock` units; returns its id.
async fn stock_up(db: &Db, stock: i64) -> anyhow::Result<i64> {
    let sku_id: i64 = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id WHERE p.status = 'active' ORDER BY s.id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await?;
    // The server writes beside this process (its jobs, the last round's tail): SQLite answers
    // a write that lost its snapshot with "database is locked" (517) at once, so try again.
    let mut tries = 0;
    let restocked = loop {
        tries += 1;
        match app::db::stock::restock_to(db, sku_id, stock).await {
            Err(sqlx::Error::Database(e)) if e.message().contains("locked") && tries < 20 => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            other => break other?,
        }
    };
    anyhow::ensure!(restocked, "orders hold more than {stock} units");
    Ok(sku_id)
}

async fn units_sold(db: &Db, sku_id: i64, since_order: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(CAST(SUM(quantity) AS BIGINT), 0) FROM order_items WHERE sku_id = $1 AND order_id > $2",
    )
    .bind(sku_id)
    .bind(since_order)
    .fetch_one(db.pool())
    .await?)
}

async fn last_order(db: &Db) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM orders")
            .fetch_one(db.pool())
            .await?,
    )
}

static HTTP_FAILURE_SHOWN: AtomicBool = AtomicBool::new(false);
static DIRECT_FAILURE_SHOWN: AtomicBool = AtomicBool::new(false);

/// Prints the first failure of each kind, so a failed count comes with its cause.
fn first_failure(shown: &AtomicBool, what: &str) {
    if !shown.swap(true, Ordering::Relaxed) {
        eprintln!("first failure: {what}");
    }
}

/// What one buyer's attempt came to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attempt {
    Placed,
    SoldOut,
    /// An error answer or no answer: counted and printed, never silently dropped.
    Failed,
}

struct Round {
    orders: u64,
    failed: u64,
    seconds: f64,
    /// Units sold beyond the stock there was (must be 0).
    oversold: i64,
    /// Units neither sold nor left on the shelf, or counted twice (must be 0).
    unbalanced: i64,
    stock_left: i64,
}

/// Runs `buy` on 32 tasks until the time is up or the stock is gone; checks the books after.
async fn round<F, Fut>(db: &Db, stock: i64, seconds: u64, buy: F) -> anyhow::Result<Round>
where
    F: Fn(i64, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Attempt> + Send,
{
    let sku_id = stock_up(db, stock).await?;
    let before = last_order(db).await?;
    let placed = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let buy = Arc::new(buy);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for buyer in 0..BUYERS as u64 {
        let (placed, failed, buy) = (placed.clone(), failed.clone(), buy.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0;
            while Instant::now() < deadline {
                n += 1;
                match buy(sku_id, buyer * 1_000_000 + n).await {
                    Attempt::Placed => {
                        placed.fetch_add(1, Ordering::Relaxed);
                    }
                    Attempt::Failed => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    Attempt::SoldOut => break,
                }
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let sold = units_sold(db, sku_id, before).await?;
    let stock_left: i64 = sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await?;
    Ok(Round {
        orders: placed.load(Ordering::Relaxed),
        failed: failed.load(Ordering::Relaxed),
        seconds: elapsed,
        oversold: (sold - stock).max(0) + (-stock_left).max(0),
        unbalanced: stock - sold - stock_left,
        stock_left,
    })
}

/// One guest order of one unit through the server's real endpoint. Each order says it comes from
/// a different shopper behind the proxy (the server runs with JISHI_TRUST_PROXY=1), so the
/// per-address limit on guest orders does not stop the benchmark; the limiter's own write is
/// still part of every request.
async fn buy_over_http(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    url: &str,
    token: String,
    sku_id: i64,
    n: u64,
) -> Attempt {
    let body = serde_json::json!({"form": {
        "checkout_token": token,
        "email": "bench@example.com",
        "address": address(),
        "shipping": "standard",
        "lines": [{"sku_id": sku_id, "quantity": 1}]
    }});
    let forwarded = format!("10.{}.{}.{}", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    let request = http::Request::post(url)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::ACCEPT, "application/json")
        .header("x-forwarded-for", forwarded)
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("valid request");
    match client.request(request).await {
        Ok(response) => {
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            if status.is_success() {
                Attempt::Placed
            } else if matches!(
                serde_json::from_slice::<AppError>(&body),
                Ok(AppError::Refused(Refusal::StockChanged(_)))
            ) {
                Attempt::SoldOut
            } else {
                first_failure(
                    &HTTP_FAILURE_SHOWN,
                    &format!("HTTP {status}: {}", String::from_utf8_lossy(&body)),
                );
                Attempt::Failed
            }
        }
        Err(error) => {
            first_failure(&HTTP_FAILURE_SHOWN, &format!("HTTP: {error}"));
            Attempt::Failed
        }
    }
}

async fn buy_direct(db: &Db, token: String, sku_id: i64) -> Attempt {
    let address = ValidAddress::parse(&address()).expect("valid address");
    let lines = [(sku_id, 1)];
    match place_order(
        db,
        NewOrder {
            checkout_token: &token,
            user_id: None,
            email: "bench@example.com",
            locale: Locale::En,
            lines: &lines,
            address: &address,
            shipping: ShippingMethod::Standard,
            pay_within_seconds: 1_800,
            site_url: "http://127.0.0.1:3000",
            coupons: &[],
            points: 0,
            expected_total: None,
            visit: None,
            limit: None,
        },
    )
    .await
    {
        Ok(PlaceOutcome::Placed(_)) => Attempt::Placed,
        Ok(PlaceOutcome::Shortfall(_)) => Attempt::SoldOut,
        other => {
            first_failure(&DIRECT_FAILURE_SHOWN, &format!("direct: {other:?}"));
            Attempt::Failed
        }
    }
}

fn report(backend: &str, label: &str, stock: i64, r: &Round) {
    figures::record(
        &format!("orders/s {label} (failed, oversold, unbalanced)"),
        backend,
        format!(
            "{:.0} ({}, {}, {})",
            r.orders as f64 / r.seconds,
            r.failed,
            r.oversold,
            r.unbalanced
        ),
    );
    println!(
        "{backend:<10} {label:<28} {:>7.0} orders/s  {:>6} orders in {:>4.1} s  stock {stock} → {}  failed {}  oversold {}  unbalanced {}",
        r.orders as f64 / r.seconds,
        r.orders,
        r.seconds,
        r.stock_left,
        r.failed,
        r.oversold,
        r.unbalanced,
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(base), Some(database_url)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: bench_orders <base-url> <database-url> [seconds]");
    };
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    let db = Db::connect(database_url).await?;
    let run = format!("{:x}", std::process::id());
    let backend = db.backend().name();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let url = format!("{}{}", base.trim_end_matches('/'), PlaceOrder::PATH);

    // Throughput: plenty of stock, as many orders as 32 buyers can place in the time.
    // Scarcity: 50 units, every buyer buying until none is left; exactly 50 orders may win.
    for (label, stock, secs) in [("plenty", 1_000_000, seconds), ("last 50 units", 50, 30)] {
        let (client, url, run_http) = (client.clone(), url.clone(), run.clone());
        let http = round(&db, stock, secs, move |sku_id, n| {
            let (client, url) = (client.clone(), url.clone());
            let token = format!("bench-http-{run_http}-{stock}-{n}");
            async move { buy_over_http(&client, &url, token, sku_id, n).await }
        })
        .await?;
        report(backend, &format!("HTTP, {label}"), stock, &http);
        let (direct_db, run_db) = (db.clone(), run.clone());
        let direct = round(&db, stock, secs, move |sku_id, n| {
            let db = direct_db.clone();
            let token = format!("bench-db-{run_db}-{stock}-{n}");
            async move { buy_direct(&db, token, sku_id).await }
        })
        .await?;
        report(
            backend,
            &format!("direct transaction, {label}"),
            stock,
            &direct,
        );
        if stock > 50 {
            let (http_rate, direct_rate) = (
                http.orders as f64 / http.seconds,
                direct.orders as f64 / direct.seconds,
            );
            let target = if backend == "SQLite" { 2_000 } else { 1_000 };
            let ratio = 100.0 * http_rate / direct_rate.max(1.0);
            println!(
                "{backend:<10} HTTP ÷ direct: {ratio:.0}% (target ≥ 60%); HTTP target ≥ {target} orders/s"
            );
            figures::record(
                "orders HTTP ÷ direct, plenty",
                backend,
                format!("{ratio:.0}%"),
            );
        }
    }
    Ok(())
}

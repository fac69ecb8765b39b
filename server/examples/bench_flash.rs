//! 限時秒殺 under load, for `scripts/bench`: 200 concurrent buyers, each a signed-in member
//! with the flash SKU in their cart, place one-unit orders through the running server's real
//! HTTP endpoint while a flash sale of 1,000 units (1 per member) runs. Prints orders per
//! second, the flash units sold, and what must be 0: units oversold (flash or normal stock),
//! members over their limit, failed requests. Then the cost of one quote of a 20-line cart with
//! every promotion kind active, in microseconds.
//!
//!   cargo run --release -p server --example bench_flash -- <base-url> <database-url>

#[path = "common/figures.rs"]
mod figures;
use app::api::order::PlaceOrder;
use app::db::promotion::flash_sale::create_flash_sale;
use app::db::session_store::DbSessionStore;
use app::db::{unix_now, Db};
use app::domain::account::{AddressForm, MemberTier};
use app::domain::audit::AuditActor;
use app::domain::money::Money;
use app::domain::pricing::{quote, LineInput, Offers, ShippingMethod, ShippingZone};
use app::domain::promotion::flash_sale::{FlashItemInput, ValidFlashSale};
use app::domain::promotion::{
    CouponKind, CouponTerms, FlashPrice, FullReduction, HeldCoupon, LineFacts, MemberPricing,
    PointsRedemption, Scope, Tier,
};
use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use leptos::server_fn::ServerFn;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

const BUYERS: usize = 200;
const MEMBERS_PER_BUYER: usize = 10;
const FLASH_UNITS: i64 = 1_000;

/// A member made straight in the tables, signed in (a session in the store, as sign-in makes
/// it) with one unit of `sku_id` in the cart: the session cookie's value.
async fn member(
    db: &Db,
    store: &DbSessionStore,
    run: &str,
    n: usize,
    sku_id: i64,
) -> anyhow::Result<String> {
    let now = unix_now();
    let user_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, privacy_policy_version, privacy_consent_at, \
         created_at) VALUES ($1, '', 'bench', $2, $2) RETURNING id",
    )
    .bind(format!("flash-{run}-{n}@bench.example"))
    .bind(now)
    .fetch_one(db.writer())
    .await?;
    sqlx::query(
        "INSERT INTO cart_items (user_id, sku_id, quantity, added_at) VALUES ($1, $2, 1, $3)",
    )
    .bind(user_id)
    .bind(sku_id)
    .bind(now)
    .execute(db.writer())
    .await?;
    let mut data = std::collections::HashMap::new();
    data.insert("user_id".to_string(), serde_json::json!(user_id));
    data.insert("auth_version".to_string(), serde_json::json!(1));
    data.insert("signed_in_at".to_string(), serde_json::json!(now));
    data.insert("last_seen".to_string(), serde_json::json!(now));
    let mut record = Record {
        id: Id::default(),
        data,
        expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
            + tower_sessions::cookie::time::Duration::hours(2),
    };
    store.create(&mut record).await?;
    Ok(record.id.to_string())
}

fn body(token: &str, sku_id: i64) -> String {
    serde_json::json!({"form": {
        "checkout_token": token,
        "email": "",
        "address": AddressForm {
            recipient: "Flash Buyer".into(),
            phone: "13800138000".into(),
            region: "GD".into(),
            city: "Shenzhen".into(),
            detail: "1 Keyuan Road".into(),
            postal_code: "518000".into(),
        },
        "shipping": "standard",
        "lines": [{"sku_id": sku_id, "quantity": 1}]
    }})
    .to_string()
}

/// A 20-line cart priced with a member rate, flash prices, two 滿減, a coupon, a free-shipping
/// coupon and points: microseconds per quote over many runs.
fn quote_cost() -> f64 {
    let lines: Vec<LineInput> = (0..20)
        .map(|i| LineInput {
            sku_id: i,
            name: format!("SKU {i}"),
            unit_price: Money::from_fen(1_990 + i * 1_000),
            quantity: 1 + i % 3,
            facts: LineFacts {
                product_id: i,
                category_path: [Some(i % 4), None, None],
                supplier_id: None,
            },
        })
        .collect();
    let coupon = |id, kind| HeldCoupon {
        id,
        coupon_id: id,
        terms: CouponTerms {
            kind,
            min_spend: Money::from_yuan(100),
            scope: Scope::All,
            include_flash: false,
            min_tier: MemberTier::Bronze,
        },
        valid_from: 0,
        valid_until: i64::MAX,
        used: false,
    };
    let offers = Offers {
        now: 1,
        member: MemberPricing {
            tier: Some(MemberTier::Gold),
            rate_bp: 800,
            sku_prices: vec![(3, Money::from_fen(2_500))],
            member_day_bp: 500,
        },
        flash: (0..4)
            .map(|i| FlashPrice {
                slot_id: 1,
                sku_id: i * 5,
                price: Money::from_fen(990),
                quantity: 1,
            })
            .collect(),
        reductions: [(1, 19_900, 2_000), (2, 39_900, 5_000)]
            .into_iter()
            .map(|(id, threshold, off)| FullReduction {
                promotion_id: id,
                scope: Scope::All,
                tiers: vec![Tier {
                    threshold: Money::from_fen(threshold),
                    off: Money::from_fen(off),
                }],
                include_flash: false,
            })
            .collect(),
        coupon: Some(coupon(
            1,
            CouponKind::PercentOff {
                rate_bp: 1_000,
                cap: Money::from_yuan(50),
            },
        )),
        shipping_coupon: Some(coupon(2, CouponKind::FreeShipping)),
        points: Some(PointsRedemption {
            points: 5_000,
            ..PointsRedemption::default()
        }),
        ..Offers::default()
    };
    let shipping = Some((ShippingMethod::Express, ShippingZone::of_region("XJ")));
    let runs = 20_000;
    let started = Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        let priced = quote(std::hint::black_box(&lines), &offers, shipping).expect("quotes");
        total += priced.total.fen();
    }
    std::hint::black_box(total);
    started.elapsed().as_secs_f64() * 1e6 / runs as f64
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(base), Some(database_url)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: bench_flash <base-url> <database-url>");
    };
    let db = Db::connect(database_url).await?;
    let backend = db.backend().name();
    let run = format!("{:x}", std::process::id());
    let (sku_id, code, price): (i64, String, i64) = sqlx::query_as(
        "SELECT s.id, s.code, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND s.status = 'active' AND s.price >= 1000 \
         AND NOT EXISTS (SELECT 1 FROM flash_sale_items i WHERE i.sku_id = s.id) \
         ORDER BY s.id DESC LIMIT 1",
    )
    .fetch_one(db.pool())
    .await?;
    let members = BUYERS * MEMBERS_PER_BUYER;
    anyhow::ensure!(
        app::db::stock::restock_to(&db, sku_id, FLASH_UNITS + members as i64).await?,
        "could not stock the SKU"
    );
    let now = unix_now();
    let sale = create_flash_sale(
        &db,
        &AuditActor {
            user_id: 0,
            email: "bench".into(),
        },
        &ValidFlashSale {
            name: format!("bench {run}"),
            window: (now - 60, now + 3_600),
            per_member_limit: 1,
            items: vec![FlashItemInput {
                sku_code: code,
                price: Money::from_fen(price / 2),
                quantity: FLASH_UNITS,
            }],
        },
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("flash sale: {e}"))?;
    let store = DbSessionStore::new(db.clone());
    let mut cookies = Vec::with_capacity(members);
    for n in 0..members {
        cookies.push(member(&db, &store, &run, n, sku_id).await?);
    }

    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let url = format!("{}{}", base.trim_end_matches('/'), PlaceOrder::PATH);
    let (placed, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let cookies = Arc::new(cookies);
    let started = Instant::now();
    let tasks: Vec<_> = (0..BUYERS)
        .map(|buyer| {
            let (client, url, cookies) = (client.clone(), url.clone(), cookies.clone());
            let (placed, failed, run) = (placed.clone(), failed.clone(), run.clone());
            tokio::spawn(async move {
                for m in 0..MEMBERS_PER_BUYER {
                    let n = buyer * MEMBERS_PER_BUYER + m;
                    let request = http::Request::post(&url)
                        .header(http::header::CONTENT_TYPE, "application/json")
                        .header(http::header::ACCEPT, "application/json")
                        .header(
                            http::header::COOKIE,
                            format!("jishi_session={}", cookies[n]),
                        )
                        .body(Full::new(Bytes::from(body(
                            &format!("flash-{run}-{n}"),
                            sku_id,
                        ))))
                        .expect("valid request");
                    match client.request(request).await {
                        Ok(response) if response.status().is_success() => {
                            placed.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(response) => {
                            let status = response.status();
                            let body = response
                                .into_body()
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                                eprintln!(
                                    "first failure: HTTP {status}: {}",
                                    String::from_utf8_lossy(&body)
                                );
                            }
                        }
                        Err(error) => {
                            if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                                eprintln!("first failure: {error}");
                            }
                        }
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await?;
    }
    let seconds = started.elapsed().as_secs_f64();

    let (quantity, sold): (i64, i64) =
        sqlx::query_as("SELECT quantity, sold FROM flash_sale_items WHERE flash_sale_id = $1")
            .bind(sale)
            .fetch_one(db.pool())
            .await?;
    let over_limit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT p.user_id FROM flash_sale_purchases p \
         JOIN flash_sale_items i ON i.id = p.item_id WHERE i.flash_sale_id = $1 \
         GROUP BY p.user_id HAVING SUM(p.quantity) > 1) over",
    )
    .bind(sale)
    .fetch_one(db.pool())
    .await?;
    let stock_left: i64 = sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku_id)
        .fetch_one(db.pool())
        .await?;
    let mismatches = app::db::stock::mismatches(&db).await?.len();
    let orders = placed.load(Ordering::Relaxed);
    println!(
        "{backend:<10} flash sale, {BUYERS} buyers: {:>6.0} orders/s  {orders} orders in {seconds:.1} s  flash {sold}/{quantity} sold  \
         oversold {}  members over the limit {over_limit}  ledger mismatches {mismatches}  failed {}",
        orders as f64 / seconds,
        (sold - quantity).max(0) + (-stock_left).max(0),
        failed.load(Ordering::Relaxed),
    );
    figures::record(
        "flash orders/s HTTP, 200 buyers (failed, oversold, over limit)",
        backend,
        format!(
            "{:.0} ({}, {}, {over_limit})",
            orders as f64 / seconds,
            failed.load(Ordering::Relaxed),
            (sold - quantity).max(0) + (-stock_left).max(0)
        ),
    );
    println!(
        "{backend:<10} quote of a 20-line cart, every promotion kind active: {:.1} µs",
        quote_cost()
    );
    Ok(())
}

//! Fresh databases for each test: a SQLite file in a temporary folder and, where a PostgreSQL
//! server is reachable, a newly created PostgreSQL database. Both get the migrations and, when
//! asked, the demo catalog.

use app::db::{Backend, Db};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestDb {
    pub db: Db,
    /// The URL the database was opened with (for tools such as pg_dump).
    pub url: String,
    pub media_dir: PathBuf,
    folder: PathBuf,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// The URL of a second, empty database on the same backend (nothing created for SQLite;
    /// a new PostgreSQL database, dropped with this one).
    pub async fn empty_sibling_url(&self) -> String {
        match &self.postgres {
            None => format!("sqlite://{}", self.folder.join("sibling.db").display()),
            Some((admin_url, name)) => {
                let admin = Db::connect(admin_url).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}_sibling"))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                admin.close().await;
                let (base, _) = admin_url.rsplit_once('/').unwrap();
                format!("{base}/{name}_sibling")
            }
        }
    }

    /// Closes the pool and removes the database (and its files).
    pub async fn drop_database(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.postgres {
            if let Ok(admin) = Db::connect(&admin_url).await {
                for database in [name.clone(), format!("{name}_sibling")] {
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                            .execute(admin.pool())
                            .await;
                }
                admin.close().await;
            }
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

fn folder() -> PathBuf {
    let path = std::env::temp_dir().join(unique("jishi_test"));
    std::fs::create_dir_all(&path).unwrap();
    path
}

async fn sqlite() -> TestDb {
    let folder = folder();
    let url = format!("sqlite://{}", folder.join("jishi.db").display());
    let db = Db::connect(&url).await.expect("SQLite opens");
    db.migrate().await.expect("SQLite migrates");
    TestDb {
        db,
        url,
        media_dir: folder.join("media"),
        folder,
        postgres: None,
    }
}

/// None when no PostgreSQL server answers and JISHI_REQUIRE_POSTGRES is not set.
async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("JISHI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
    let required = std::env::var("JISHI_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let admin = match tokio::time::timeout(
        std::time::Duration::from_secs(5),
        Db::connect(&admin_url),
    )
    .await
    {
        Ok(Ok(admin)) => admin,
        failure => {
            assert!(!required, "PostgreSQL is required (JISHI_REQUIRE_POSTGRES=1) but {admin_url} is unreachable: {failure:?}");
            return None;
        }
    };
    let name = unique("jishi_test");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await
        .expect("create test database");
    admin.close().await;
    let (base, _) = admin_url.rsplit_once('/').expect("URL has a database name");
    let url = format!("{base}/{name}");
    let db = Db::connect(&url)
        .await
        .expect("PostgreSQL test database opens");
    db.migrate().await.expect("PostgreSQL migrates");
    let folder = folder();
    Some(TestDb {
        db,
        url,
        media_dir: folder.join("media"),
        folder,
        postgres: Some((admin_url, name)),
    })
}

/// One empty, migrated database per available backend.
pub async fn databases() -> Vec<TestDb> {
    let mut all = vec![sqlite().await];
    all.extend(postgres().await);
    all
}

/// The same, each with the 96-product demo catalog.
pub async fn seeded_databases() -> Vec<TestDb> {
    let all = databases().await;
    for test_db in &all {
        server::seed::seed(
            &test_db.db,
            &test_db.media_dir,
            server::seed::DEFAULT_PRODUCTS,
        )
        .await
        .expect("seed");
    }
    all
}

/// Runs a server function as the server would: inside a reactive owner that holds the request's context.
pub async fn call_server_fn<T>(db: &Db, call: impl std::future::Future<Output = T>) -> T {
    use leptos::prelude::{provide_context, Owner};
    let owner = Owner::new();
    owner.set();
    provide_context(db.clone());
    call.await
}

/// The real router over a test database, as `server serve` builds it.
pub fn app_for(t: &TestDb) -> axum::Router {
    app_for_with(t, app::auth::SessionPolicy::default())
}

pub fn app_for_with(t: &TestDb, sessions: app::auth::SessionPolicy) -> axum::Router {
    app_configured(t, |config| config.sessions = sessions)
}

/// The real router with the test configuration changed by `change` (e.g. gateways added).
pub fn app_configured(
    t: &TestDb,
    change: impl FnOnce(&mut server::config::Config),
) -> axum::Router {
    let site_root = t.media_dir.parent().unwrap().join("site");
    std::fs::create_dir_all(&site_root).unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("jishi")
        .site_root(site_root.display().to_string())
        .build();
    let mut config = server::config::Config {
        database_url: String::new(),
        media_dir: t.media_dir.clone(),
        public_url: "https://shop.example".into(),
        sessions: app::auth::SessionPolicy::default(),
        smtp_url: None,
        mail_from: "Jishi <no-reply@jishi.test>".into(),
        mail_dir: t.media_dir.parent().unwrap().join("mail"),
        trust_proxy: false,
        payment_secret: PAYMENT_SECRET.into(),
        orders: app::order_flow::OrderSettings {
            public_url: "https://shop.example".into(),
            callback_url: "https://shop.example".into(),
            ..Default::default()
        },
        carrier_step_seconds: 60,
        sandbox_payments: true,
        alipay: None,
        wechat_pay: None,
        gateway_problems: Vec::new(),
    };
    change(&mut config);
    server::router(server::AppState::new(leptos_options, t.db.clone(), config))
}

/// The sandbox gateway's signing key in tests (tests sign callbacks as the gateway would).
pub const PAYMENT_SECRET: &str = "test-sandbox-secret";

/// Places a guest's order for `lines` ((SKU, quantity)) straight through the storage layer, to
/// an address in Shenzhen; `pay_within_seconds` may be negative for an order already overdue.
pub async fn place_guest_order(
    db: &Db,
    token: &str,
    lines: &[(i64, i64)],
    pay_within_seconds: i64,
) -> app::db::order::PlaceOutcome {
    use app::domain::account::{AddressForm, ValidAddress};
    let address = ValidAddress::parse(&AddressForm {
        recipient: "王小明".into(),
        phone: "13800138000".into(),
        region: "GD".into(),
        city: "深圳市".into(),
        detail: "南山區科技園 1 號".into(),
        postal_code: "518000".into(),
    })
    .unwrap();
    app::db::order::place_order(
        db,
        app::db::order::NewOrder {
            checkout_token: token,
            user_id: None,
            email: "guest@example.com",
            locale: app::i18n::Locale::En,
            lines,
            address: &address,
            shipping: app::domain::pricing::ShippingMethod::Standard,
            pay_within_seconds,
            site_url: "https://shop.example",
        },
    )
    .await
    .unwrap()
}

//! One fresh database on one backend and the real router over it: a SQLite file in a temporary
//! folder and, where a PostgreSQL server is reachable, a newly created PostgreSQL database. Both
//! get the migrations and, when asked, the demo catalog. What a `TestApp` made is removed when it
//! is dropped, so a failing test leaves nothing behind.

use crate::browser::{register, Browser};
use crate::helpers::PAYMENT_SECRET;
use app::api::account::SignIn;
use app::db::Db;
use axum::http::StatusCode;
use server::config::Config;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestApp {
    app: axum::Router,
    db: Db,
    url: String,
    folder: PathBuf,
    // Last, so the pool and router are gone before the database is dropped.
    cleanup: Cleanup,
}

impl TestApp {
    /// One per available backend: SQLite always, PostgreSQL when it answers (or is required by
    /// JISHI_REQUIRE_POSTGRES=1); `seeded` adds the 96-product demo catalog.
    pub async fn each(seeded: bool) -> Vec<TestApp> {
        TestApp::each_with(seeded, |_| {}).await
    }

    /// The same with the test configuration changed by `configure` (gateways, session policy).
    pub async fn each_with(seeded: bool, configure: impl Fn(&mut Config)) -> Vec<TestApp> {
        let mut all = vec![TestApp::sqlite(seeded, &configure).await];
        all.extend(TestApp::postgres(seeded, &configure).await);
        all
    }

    async fn sqlite(seeded: bool, configure: &impl Fn(&mut Config)) -> TestApp {
        let cleanup = Cleanup {
            folder: folder(),
            postgres: None,
        };
        let url = format!("sqlite://{}", cleanup.folder.join("jishi.db").display());
        TestApp::open(url, cleanup, seeded, configure).await
    }

    /// None when no PostgreSQL server answers and JISHI_REQUIRE_POSTGRES is not set.
    async fn postgres(seeded: bool, configure: &impl Fn(&mut Config)) -> Option<TestApp> {
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
        // The guard exists before the database does: a failure from here on still drops it.
        let cleanup = Cleanup {
            folder: folder(),
            postgres: Some(Postgres {
                admin_url: admin_url.clone(),
                name: name.clone(),
            }),
        };
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(admin.pool())
            .await
            .expect("create test database");
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("URL has a database name");
        Some(TestApp::open(format!("{base}/{name}"), cleanup, seeded, configure).await)
    }

    async fn open(
        url: String,
        cleanup: Cleanup,
        seeded: bool,
        configure: &impl Fn(&mut Config),
    ) -> TestApp {
        let db = Db::connect(&url).await.expect("test database opens");
        db.migrate().await.expect("test database migrates");
        let folder = cleanup.folder.clone();
        if seeded {
            server::seed::seed(&db, &folder.join("media"), server::seed::DEFAULT_PRODUCTS)
                .await
                .expect("seed");
        }
        TestApp {
            app: router(&db, &folder, configure),
            db,
            url,
            folder,
            cleanup,
        }
    }

    /// The real router, as `server serve` builds it.
    pub fn app(&self) -> &axum::Router {
        &self.app
    }

    /// Another router over the same database with the test configuration changed by `configure`.
    pub fn router_with(&self, configure: impl FnOnce(&mut Config)) -> axum::Router {
        router(&self.db, &self.folder, configure)
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The backend's name, for assertion messages.
    pub fn backend(&self) -> &'static str {
        self.db.backend().name()
    }

    /// The URL the database was opened with (for tools such as pg_dump).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The test's own temporary folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn media_dir(&self) -> PathBuf {
        self.folder.join("media")
    }

    /// Where the router writes mail when there is no SMTP server.
    pub fn mail_dir(&self) -> PathBuf {
        self.folder.join("mail")
    }

    /// The URL of a second, empty database on the same backend (nothing created for SQLite;
    /// a new PostgreSQL database, dropped with this one).
    pub async fn sibling_url(&self) -> String {
        match &self.cleanup.postgres {
            None => format!("sqlite://{}", self.folder.join("sibling.db").display()),
            Some(postgres) => {
                let admin = Db::connect(&postgres.admin_url).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {}", postgres.sibling()))
                    .execute(admin.pool())
                    .await
                    .unwrap();
                admin.close().await;
                let (base, _) = postgres.admin_url.rsplit_once('/').unwrap();
                format!("{base}/{}", postgres.sibling())
            }
        }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.app)
    }

    pub fn browser_from(&self, ip: &str) -> Browser {
        Browser::from_ip(&self.app, ip)
    }

    /// A browser signed in as a newly registered customer.
    pub async fn customer(&self, email: &str) -> Browser {
        let mut browser = self.browser();
        register(&mut browser, email).await;
        browser
    }

    /// A browser signed in as an operator made on the command line.
    pub async fn operator(&self) -> Browser {
        server::accounts::create_admin(&self.db, "ops@example.com", "run-the-shop-1")
            .await
            .unwrap();
        let mut ops = self.browser_from("192.0.2.1");
        let answer = ops
            .call::<SignIn>(&[("email", "ops@example.com"), ("password", "run-the-shop-1")])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        ops
    }

    /// See [`crate::helpers::place_guest_order`].
    pub async fn place_guest_order(
        &self,
        token: &str,
        lines: &[(i64, i64)],
        pay_within_seconds: i64,
    ) -> app::db::order::PlaceOutcome {
        crate::helpers::place_guest_order(&self.db, token, lines, pay_within_seconds).await
    }

    /// Runs a server function as the server would: inside a reactive owner that holds the
    /// request's context.
    pub async fn call_server_fn<T>(&self, call: impl std::future::Future<Output = T>) -> T {
        use leptos::prelude::{provide_context, Owner};
        let owner = Owner::new();
        owner.set();
        provide_context(self.db.clone());
        call.await
    }

    /// Checks that the stock ledger balances (every test that closes its app checks it), then
    /// closes the pool before removing the database; dropping the TestApp removes it too.
    pub async fn close(mut self) {
        // (A test that closed the pool itself has nothing left to check.)
        if !self.db.pool().is_closed() {
            let wrong = app::db::stock::mismatches(&self.db).await.unwrap();
            assert!(
                wrong.is_empty(),
                "{}: stock ledger: {wrong:?}",
                self.backend()
            );
        }
        self.db.close().await;
        self.cleanup.run().await;
    }
}

/// Owns what a TestApp created and removes it on drop, also while a panicking test unwinds.
struct Cleanup {
    folder: PathBuf,
    postgres: Option<Postgres>,
}

struct Postgres {
    admin_url: String,
    name: String,
}

impl Postgres {
    fn sibling(&self) -> String {
        format!("{}_sibling", self.name)
    }

    /// Drops the database and its sibling, closing whatever connections are still open.
    /// Reports rather than panics: this may run during a panic, where a second one aborts.
    async fn drop_databases(&self) {
        use sqlx::Connection;
        let connect = sqlx::PgConnection::connect(&self.admin_url);
        let mut admin =
            match tokio::time::timeout(std::time::Duration::from_secs(10), connect).await {
                Ok(Ok(admin)) => admin,
                failure => {
                    eprintln!("test database {} left behind: {failure:?}", self.name);
                    return;
                }
            };
        for name in [self.name.clone(), self.sibling()] {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if let Err(error) = sqlx::query(&drop).execute(&mut admin).await {
                eprintln!("test database {name} left behind: {error}");
            }
        }
        let _ = admin.close().await;
    }
}

impl Cleanup {
    async fn run(&mut self) {
        if let Some(postgres) = self.postgres.take() {
            postgres.drop_databases().await;
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        // Drop cannot await, and it usually runs on the test's runtime, where blocking on
        // another future panics: the database is dropped from a thread with its own runtime.
        if let Some(postgres) = self.postgres.take() {
            let dropped = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map(|runtime| runtime.block_on(postgres.drop_databases()))
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) {
                eprintln!("a test database may be left behind: {dropped:?}");
            }
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The router `server serve` builds, over `db`, with its files in `folder`.
fn router(db: &Db, folder: &Path, configure: impl FnOnce(&mut Config)) -> axum::Router {
    let site_root = folder.join("site");
    std::fs::create_dir_all(&site_root).unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("jishi")
        .site_root(site_root.display().to_string())
        .build();
    let mut config = Config {
        database_url: String::new(),
        media_dir: folder.join("media"),
        public_url: "https://shop.example".into(),
        sessions: app::auth::SessionPolicy::default(),
        smtp_url: None,
        mail_from: "Jishi <no-reply@jishi.test>".into(),
        mail_dir: folder.join("mail"),
        trust_proxy: false,
        payment_secret: PAYMENT_SECRET.into(),
        orders: app::flow::order::OrderSettings {
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
    configure(&mut config);
    server::router(server::AppState::new(leptos_options, db.clone(), config))
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

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

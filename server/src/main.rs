#![recursion_limit = "256"]
//! `server` runs the shop and is its operations tool: `serve` (default), `migrate`, `seed`,
//! `reindex`, `backup`, `restore`, `outbox`, `create-admin`.

use anyhow::Context;
use app::db::Db;
use clap::{Parser, Subcommand};
use server::config::{self, Config};
use server::{router, seed, AppState};
use tracing_subscriber::EnvFilter;

/// See server/Cargo.toml: a fifth of a page's time went to glibc's malloc under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "server",
    about = "Jishi (集市) web shop: serve it, migrate its database, seed a demo catalog, create operators."
)]
#[command(
    after_help = "Environment: DATABASE_URL (default sqlite://data/jishi.db; postgres://… for PostgreSQL), \
LEPTOS_SITE_ADDR (default 127.0.0.1:3000), JISHI_MEDIA_DIR (default data/media), JISHI_PUBLIC_URL, JISHI_SMTP_URL, JISHI_MAIL_FROM, \
JISHI_SESSION_IDLE_MINUTES, JISHI_SESSION_MAX_MINUTES, JISHI_TRUST_PROXY, JISHI_PAYMENT_SECRET, JISHI_CALLBACK_URL, \
JISHI_PAY_WITHIN_MINUTES, JISHI_AUTO_COMPLETE_MINUTES, JISHI_SANDBOX_CARRIER_STEP_SECONDS, RUST_LOG."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the shop (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Replace the catalog with a generated demo catalog (categories, products, SKUs, images).
    Seed {
        /// How many products to generate.
        #[arg(long, default_value_t = seed::DEFAULT_PRODUCTS)]
        products: usize,
        /// Leave an existing catalog alone; seed only when there are no products.
        #[arg(long)]
        if_empty: bool,
        /// Also create the demo accounts (README's table; their passwords are public, so for
        /// local demos only). Never done without this flag.
        #[arg(long)]
        demo_accounts: bool,
    },
    /// Rebuild the search index from the catalog (after changing the analyzer, or to repair
    /// it). `serve` and `migrate` do this by themselves when the analyzer version changed.
    Reindex,
    /// Write a consistent copy of the database to PATH while the shop runs (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump --format=custom).
    Backup { path: std::path::PathBuf },
    /// Restore a backup made by `backup` into the empty database at DATABASE_URL.
    Restore { path: std::path::PathBuf },
    /// Print the newest mail kept locally for an address (without JISHI_SMTP_URL mail is kept in
    /// JISHI_MAIL_DIR instead of sent): how a demo follows its password-reset link.
    Outbox {
        #[arg(long, value_name = "EMAIL")]
        show_latest: String,
    },
    /// Create an operator (admin) account, or make an existing account an operator.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// The new account's password; if omitted, JISHI_ADMIN_PASSWORD, else one is generated
        /// and printed once.
        #[arg(long, env = "JISHI_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn")),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::from_env();
    // Restoring goes into an empty database: before anything connects to it or migrates it.
    if let Some(Command::Restore { path }) = &cli.command {
        server::backup::restore(&config.database_url, path).await?;
        println!(
            "Restored {} into {}.",
            path.display(),
            redact(&config.database_url)
        );
        return Ok(());
    }
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("connecting to {}", redact(&config.database_url)))?;
    db.migrate().await.context("applying migrations")?;

    let command = cli.command.unwrap_or(Command::Serve);
    if matches!(command, Command::Serve | Command::Migrate) {
        // The migration that adds the index cannot fill it (the analyzer is Rust); a new
        // analyzer version or a restored old backup needs it rebuilt as well.
        if let Some(report) = app::db::search::ensure_current(&db)
            .await
            .context("bringing the search index up to date")?
        {
            tracing::info!(
                products = report.products,
                millis = report.millis,
                "search index rebuilt"
            );
        }
    }

    match command {
        Command::Migrate => {
            println!("Migrations applied ({}).", db.backend().name());
        }
        Command::Reindex => {
            let report = app::db::search::reindex(&db).await?;
            println!(
                "Indexed {} products for search ({}) in {:.1}s.",
                report.products,
                db.backend().name(),
                report.millis as f64 / 1000.0
            );
        }
        Command::Seed {
            products,
            if_empty,
            demo_accounts,
        } => {
            let accounts = |db: Db| async move {
                if demo_accounts {
                    server::accounts::seed_demo_accounts(&db).await
                } else {
                    Ok(0)
                }
            };
            if if_empty && !seed::is_empty(&db).await? {
                let accounts = accounts(db.clone()).await?;
                if demo_accounts {
                    server::demo_suppliers::seed_demo_suppliers(&db, &config.media_dir).await?;
                }
                server::demo_promotions::seed_demo_promotions(&db).await?;
                println!("The catalog already has products; left as it is. Demo accounts created: {accounts}.");
                return Ok(());
            }
            let started = std::time::Instant::now();
            // How long each step took, printed at the end (the catalog dominates at scale).
            let mut steps: Vec<(&str, f64)> = Vec::new();
            let mut lap = std::time::Instant::now();
            let mut step = |name: &'static str| {
                steps.push((name, lap.elapsed().as_secs_f64()));
                lap = std::time::Instant::now();
            };
            let report = seed::seed(&db, &config.media_dir, products).await?;
            step("catalog");
            let accounts = accounts(db.clone()).await?;
            step("accounts");
            let promotions = server::demo_promotions::seed_demo_promotions(&db).await?;
            step("promotions");
            let (supplier_goods, orders) = if demo_accounts {
                let goods =
                    server::demo_suppliers::seed_demo_suppliers(&db, &config.media_dir).await?;
                step("suppliers");
                let orders = server::demo_orders::seed_demo_orders(&db).await?;
                step("orders");
                (goods, orders)
            } else {
                (0, 0)
            };
            println!(
                "Seeded {} categories, {} products, {} SKUs and {} image files into {} in {:.1}s.",
                report.categories,
                report.products,
                report.skus,
                report.image_files,
                db.backend().name(),
                started.elapsed().as_secs_f64()
            );
            let steps: Vec<String> = steps
                .iter()
                .map(|(name, seconds)| format!("{name} {seconds:.1}s"))
                .collect();
            println!("Steps: {}.", steps.join(", "));
            println!("Demo accounts created: {accounts} (existing ones were left as they were).");
            if supplier_goods > 0 {
                println!("Demo suppliers' products: {supplier_goods} (some waiting for review).");
            }
            if promotions > 0 {
                println!("Demo promotions: {promotions} (a 滿減, coupons to claim, a member day, two flash sales).");
            }
            if orders > 0 {
                println!("Demo orders of the last three weeks: {orders}.");
            }
        }
        Command::CreateAdmin { email, password } => {
            let (password, generated) = match password {
                Some(p) => (p, false),
                None => (app::auth::new_token().0[..20].to_string() + "-A1", true),
            };
            match server::accounts::create_admin(&db, &email, &password).await? {
                server::accounts::AdminOutcome::Created if generated => {
                    println!("Created operator {email} with the password {password} (shown once; change it after signing in).")
                }
                server::accounts::AdminOutcome::Created => println!("Created operator {email}."),
                server::accounts::AdminOutcome::Promoted => {
                    println!("{email} already had an account; it is now an operator (password unchanged).")
                }
            }
        }
        Command::Outbox { show_latest } => {
            match server::jobs::mail::latest_local(&config.mail_dir, show_latest.trim()) {
                Some(mail) => print!("{mail}"),
                None => anyhow::bail!(
                    "no mail kept for {show_latest} in {} (mail is kept there only without JISHI_SMTP_URL, once the server has delivered it)",
                    config.mail_dir.display()
                ),
            }
        }
        Command::Backup { path } => {
            server::backup::backup(&db, &config.database_url, &path).await?;
            println!("Backed up {} to {}.", db.backend().name(), path.display());
        }
        Command::Restore { .. } => unreachable!("handled before connecting"),
        Command::Serve => serve(db, config).await?,
    }
    Ok(())
}

async fn serve(db: Db, config: Config) -> anyhow::Result<()> {
    if !config.gateway_problems.is_empty() {
        anyhow::bail!(
            "a payment gateway is configured but cannot be used:\n- {}",
            config.gateway_problems.join("\n- ")
        );
    }
    let unsafe_reasons = config.unsafe_for_public();
    if !unsafe_reasons.is_empty() {
        anyhow::bail!(
            "refusing to serve the public with this configuration:\n- {}",
            unsafe_reasons.join("\n- ")
        );
    }
    if !config.sandbox_payments && config.alipay.is_none() && config.wechat_pay.is_none() {
        tracing::warn!(
            "no payment gateway is enabled: orders cannot be placed (JISHI_SANDBOX_PAYMENTS=1 \
             enables the sandbox on a loopback address; see README for Alipay and WeChat Pay)"
        );
    }
    let leptos_options = config::leptos_options()?;
    let addr = leptos_options.site_addr;
    let state = AppState::new(leptos_options, db, config);
    let mailer: std::sync::Arc<dyn server::jobs::mail::Mailer> = match &state.config.smtp_url {
        Some(url) => std::sync::Arc::new(
            server::jobs::mail::SmtpMailer::new(url, &state.config.mail_from)
                .context("JISHI_SMTP_URL or JISHI_MAIL_FROM is not valid")?,
        ),
        None => {
            tracing::info!("no JISHI_SMTP_URL: mail is written to this log and the outbox table");
            std::sync::Arc::new(server::jobs::mail::LogMailer {
                folder: state.config.mail_dir.clone(),
            })
        }
    };
    server::jobs::spawn(&state, mailer);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    // Without TCP_NODELAY every streamed response waits ~40 ms on delayed ACKs (NOTES.md).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("Jishi is serving on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

/// Hides a password in a database URL before it reaches a log line.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

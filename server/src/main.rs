#![recursion_limit = "256"]
//! `server` runs the shop and is its operations tool: `serve` (default), `migrate`, `seed`.

use anyhow::Context;
use app::db::Db;
use clap::{Parser, Subcommand};
use server::config::{self, Config};
use server::{router, seed, AppState};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "server",
    about = "Jishi (集市) web shop: serve it, migrate its database, seed a demo catalog."
)]
#[command(
    after_help = "Environment: DATABASE_URL (default sqlite://data/jishi.db; postgres://… for PostgreSQL), \
LEPTOS_SITE_ADDR (default 127.0.0.1:3000), JISHI_MEDIA_DIR (default data/media), JISHI_PUBLIC_URL, RUST_LOG."
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
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("connecting to {}", redact(&config.database_url)))?;
    db.migrate().await.context("applying migrations")?;

    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            println!("Migrations applied ({}).", db.backend().name());
        }
        Command::Seed { products, if_empty } => {
            if if_empty && !seed::is_empty(&db).await? {
                println!("The catalog already has products; left as it is.");
                return Ok(());
            }
            let started = std::time::Instant::now();
            let report = seed::seed(&db, &config.media_dir, products).await?;
            println!(
                "Seeded {} categories, {} products, {} SKUs and {} image files into {} in {:.1}s.",
                report.categories,
                report.products,
                report.skus,
                report.image_files,
                db.backend().name(),
                started.elapsed().as_secs_f64()
            );
        }
        Command::Serve => serve(db, config).await?,
    }
    Ok(())
}

async fn serve(db: Db, config: Config) -> anyhow::Result<()> {
    let leptos_options = config::leptos_options()?;
    let addr = leptos_options.site_addr;
    let state = AppState {
        leptos_options,
        db,
        config,
    };
    let app = router(state);
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

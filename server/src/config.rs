//! Settings from the environment, with defaults that run the shop from a fresh checkout.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The sandbox gateway's signing key when none is configured. Only the sandbox uses it; a real
/// provider's key comes from JISHI_PAYMENT_SECRET.
pub const SANDBOX_PAYMENT_SECRET: &str = "jishi-sandbox-signing-key";

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/jishi.db";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// Product images and other uploaded or generated files, served under /media.
    pub media_dir: PathBuf,
    /// The address shoppers reach us at, for canonical links, Open Graph data and the sitemap.
    pub public_url: String,
    pub sessions: app::auth::SessionPolicy,
    /// `smtp://user:pass@host:587` or `smtps://…:465`; without it mail goes to the server log.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// The key the payment provider signs its callbacks with (the sandbox's, by default).
    pub payment_secret: String,
    /// Unpaid orders, auto-completion, the shop's address for providers' callbacks.
    pub orders: app::order_flow::OrderSettings,
    /// How fast the sandbox carrier moves a parcel along, one step per this many seconds.
    pub carrier_step_seconds: i64,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let media_dir = var("JISHI_MEDIA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("data/media"));
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let public_url = var("JISHI_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        let minutes = |name: &str, default: i64| {
            var(name)
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|m| *m > 0)
                .map_or(default, |m| m * 60)
        };
        let defaults = app::auth::SessionPolicy::default();
        Config {
            database_url,
            media_dir,
            public_url: public_url.clone(),
            sessions: app::auth::SessionPolicy {
                idle_seconds: minutes("JISHI_SESSION_IDLE_MINUTES", defaults.idle_seconds),
                absolute_seconds: minutes("JISHI_SESSION_MAX_MINUTES", defaults.absolute_seconds),
            },
            smtp_url: var("JISHI_SMTP_URL"),
            mail_from: var("JISHI_MAIL_FROM")
                .unwrap_or_else(|| "Jishi <no-reply@jishi.test>".into()),
            trust_proxy: var("JISHI_TRUST_PROXY").is_some_and(|v| v == "1" || v == "true"),
            payment_secret: var("JISHI_PAYMENT_SECRET")
                .unwrap_or_else(|| SANDBOX_PAYMENT_SECRET.to_string()),
            orders: app::order_flow::OrderSettings {
                pay_within_seconds: minutes("JISHI_PAY_WITHIN_MINUTES", 30 * 60),
                complete_after_seconds: minutes("JISHI_AUTO_COMPLETE_MINUTES", 7 * 86_400),
                callback_url: var("JISHI_CALLBACK_URL")
                    .unwrap_or_else(|| format!("http://{site_addr}"))
                    .trim_end_matches('/')
                    .to_string(),
                public_url: public_url.clone(),
            },
            carrier_step_seconds: var("JISHI_SANDBOX_CARRIER_STEP_SECONDS")
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|s| *s > 0)
                .unwrap_or(120),
        }
    }
}

/// Leptos settings. Under `cargo leptos` they come from its environment variables; a release
/// binary started on its own (as in a deployment) uses the same layout with these defaults.
pub fn leptos_options() -> anyhow::Result<leptos::config::LeptosOptions> {
    use leptos::config::{get_configuration, Env, LeptosOptions};
    if std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() {
        return Ok(get_configuration(None)?.leptos_options);
    }
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
        .unwrap_or_else(|| "127.0.0.1:3000".into())
        .parse()?;
    // cargo-leptos writes hash.txt beside the binary when it fingerprints the asset names.
    let hash_file_exists = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    let hash_files = match var("LEPTOS_HASH_FILES") {
        Some(v) => v == "true",
        None => hash_file_exists,
    };
    let env = match var("LEPTOS_ENV").as_deref() {
        Some("DEV") | Some("dev") | Some("development") => Env::DEV,
        _ => Env::PROD,
    };
    Ok(LeptosOptions::builder()
        .output_name("jishi")
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
        .site_addr(site_addr)
        .env(env)
        .hash_files(hash_files)
        .build())
}

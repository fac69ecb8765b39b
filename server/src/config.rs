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
    /// Without SMTP, mail is kept here, one file per message (a local mail catcher).
    pub mail_dir: PathBuf,
    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// The key the payment provider signs its callbacks with (the sandbox's, by default).
    pub payment_secret: String,
    /// Unpaid orders, auto-completion, the shop's address for providers' callbacks.
    pub orders: app::flow::order::OrderSettings,
    /// How fast the sandbox carrier moves a parcel along, one step per this many seconds.
    pub carrier_step_seconds: i64,
    /// The built-in sandbox gateway (anyone can "pay" on its page): only with
    /// `JISHI_SANDBOX_PAYMENTS=1`, for demos and tests, never on a public address.
    pub sandbox_payments: bool,
    /// Alipay, when `JISHI_ALIPAY_APP_ID` and its key files are set.
    pub alipay: Option<app::payment::alipay::AlipayConfig>,
    /// WeChat Pay API v3, when `JISHI_WECHATPAY_MCHID` and its keys are set.
    pub wechat_pay: Option<app::payment::wechat_pay::WechatPayConfig>,
    /// A gateway that is configured but unusable (a missing variable, an unreadable key):
    /// `serve` refuses to start and prints these.
    pub gateway_problems: Vec<String>,
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
        let mut gateway_problems = Vec::new();
        let alipay = app::payment::alipay::AlipayConfig::from_env(var).unwrap_or_else(|problem| {
            gateway_problems.push(format!("Alipay: {problem}"));
            None
        });
        let wechat_pay = app::payment::wechat_pay::WechatPayConfig::from_env(var, &public_url)
            .unwrap_or_else(|problem| {
                gateway_problems.push(format!("WeChat Pay: {problem}"));
                None
            });
        Config {
            database_url,
            media_dir,
            public_url: public_url.clone(),
            sessions: app::auth::SessionPolicy {
                idle_seconds: minutes("JISHI_SESSION_IDLE_MINUTES", defaults.idle_seconds),
                absolute_seconds: minutes("JISHI_SESSION_MAX_MINUTES", defaults.absolute_seconds),
                staff_idle_seconds: minutes(
                    "JISHI_STAFF_SESSION_IDLE_MINUTES",
                    defaults.staff_idle_seconds,
                ),
            },
            smtp_url: var("JISHI_SMTP_URL"),
            mail_dir: var("JISHI_MAIL_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("data/mail")),
            mail_from: var("JISHI_MAIL_FROM")
                .unwrap_or_else(|| "Jishi <no-reply@jishi.test>".into()),
            trust_proxy: var("JISHI_TRUST_PROXY").is_some_and(|v| v == "1" || v == "true"),
            payment_secret: var("JISHI_PAYMENT_SECRET")
                .unwrap_or_else(|| SANDBOX_PAYMENT_SECRET.to_string()),
            orders: app::flow::order::OrderSettings {
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
            sandbox_payments: var("JISHI_SANDBOX_PAYMENTS")
                .is_some_and(|v| v == "1" || v == "true"),
            alipay,
            wechat_pay,
            gateway_problems,
        }
    }

    /// Why this configuration must not serve the public, if it must not: the sandbox gateway
    /// (which marks orders paid for anyone) or the published default callback key, while
    /// `JISHI_PUBLIC_URL` is not a loopback address. `serve` refuses to start with these reasons.
    pub fn unsafe_for_public(&self) -> Vec<String> {
        if is_loopback_url(&self.public_url) {
            return Vec::new();
        }
        let mut reasons = Vec::new();
        if self.sandbox_payments {
            reasons.push(format!(
                "JISHI_SANDBOX_PAYMENTS is on while JISHI_PUBLIC_URL ({}) is not a loopback address: \
                 anyone could mark orders paid. Unset it for a public shop.",
                self.public_url
            ));
        }
        if self.payment_secret == SANDBOX_PAYMENT_SECRET {
            reasons.push(
                "JISHI_PAYMENT_SECRET is the published built-in default: anyone could sign payment \
                 callbacks. Set a long random secret."
                    .to_string(),
            );
        }
        reasons
    }
}

/// True for http(s) URLs whose host is 127.0.0.0/8, ::1 or localhost.
pub fn is_loopback_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config(public_url: &str, sandbox: bool, secret: &str) -> Config {
        let mut config = Config::from_env();
        config.public_url = public_url.into();
        config.sandbox_payments = sandbox;
        config.payment_secret = secret.into();
        config
    }

    #[test]
    fn loopback_addresses_are_recognised() {
        for url in [
            "http://127.0.0.1:3000",
            "http://localhost",
            "http://[::1]:8080/x",
            "http://127.8.9.1",
        ] {
            assert!(is_loopback_url(url), "{url}");
        }
        for url in [
            "https://shop.example",
            "http://10.0.0.5:3000",
            "http://localhost.evil.example",
            "http://0.0.0.0:3000",
        ] {
            assert!(!is_loopback_url(url), "{url}");
        }
    }

    #[test]
    fn a_public_shop_refuses_the_sandbox_and_the_default_key() {
        let strong = "f3a9c0d6e8b14a2f9e7d5c3b1a0f8e6d";
        assert!(
            config("http://127.0.0.1:3000", true, SANDBOX_PAYMENT_SECRET)
                .unsafe_for_public()
                .is_empty()
        );
        assert_eq!(
            config("https://shop.example", true, strong)
                .unsafe_for_public()
                .len(),
            1
        );
        assert_eq!(
            config("https://shop.example", false, SANDBOX_PAYMENT_SECRET)
                .unsafe_for_public()
                .len(),
            1
        );
        assert_eq!(
            config("https://shop.example", true, SANDBOX_PAYMENT_SECRET)
                .unsafe_for_public()
                .len(),
            2
        );
        assert!(config("https://shop.example", false, strong)
            .unsafe_for_public()
            .is_empty());
    }
}

#![recursion_limit = "256"]
//! The Jishi server: configuration, the HTTP router and the operator commands (migrate, seed).

pub mod accounts;
pub mod backup;
pub mod config;
pub mod demo_orders;
pub mod demo_promotions;
pub mod demo_suppliers;
pub mod jobs;
pub mod middleware;
pub mod routes;
pub mod seed;

use app::carrier::{Carriers, SandboxCarrier};
use app::contexts::site::SiteUrl;
use app::db::session_store::DbSessionStore;
use app::db::Db;
use app::payment::wechat_pay::WechatPay;
use app::payment::{alipay::Alipay, sandbox::SandboxGateway, PaymentProvider, Payments};
use app::{shell, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// What every request handler can reach.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: config::Config,
    /// The gateways orders are paid through, in the order the checkout offers them; empty when
    /// none is enabled (then the checkout refuses with `PaymentUnavailable`).
    pub payments: Payments,
    /// The built-in sandbox gateway (its hosted page and callback sender run in this server).
    pub sandbox: Arc<SandboxGateway>,
    /// WeChat Pay, when configured (its QR page is served here).
    pub wechat_pay: Option<Arc<WechatPay>>,
    pub carriers: Carriers,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, config: config::Config) -> AppState {
        let sandbox = Arc::new(SandboxGateway::new(
            db.clone(),
            config.payment_secret.as_bytes(),
            &config.public_url,
        ));
        let carriers = Carriers(vec![Arc::new(SandboxCarrier {
            step_seconds: config.carrier_step_seconds,
        })]);
        let wechat_pay = config
            .wechat_pay
            .clone()
            .map(|c| Arc::new(WechatPay::new(c)));
        let mut providers: Vec<Arc<dyn PaymentProvider>> = Vec::new();
        if let Some(alipay) = &config.alipay {
            providers.push(Arc::new(Alipay::new(alipay.clone())));
        }
        if let Some(wechat_pay) = &wechat_pay {
            providers.push(wechat_pay.clone());
        }
        if config.sandbox_payments {
            providers.push(sandbox.clone());
        }
        AppState {
            leptos_options,
            db,
            payments: Payments::new(providers),
            sandbox,
            wechat_pay,
            carriers,
            config,
        }
    }

    /// What server functions and pages find in their context, the same for both.
    fn provide_request_context(&self) {
        provide_context(self.db.clone());
        provide_context(SiteUrl(self.config.public_url.clone()));
        provide_context(self.config.sessions);
        provide_context(app::api::MediaDir(self.config.media_dir.clone()));
        provide_context(self.payments.clone());
        provide_context(self.carriers.clone());
        provide_context(self.config.orders.clone());
    }
}

/// The whole application: pages, server functions, static files and the operational endpoints.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let page_state = state.clone();
    let leptos_options = state.leptos_options.clone();
    // The app's pages, in each language's URLs; an unprefixed page may send the visitor on to
    // their language.
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || page_state.provide_request_context(),
            move || shell(leptos_options.clone()),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.db.clone(),
            middleware::visits::count_visits,
        ))
        .route_layer(axum::middleware::from_fn(
            middleware::language::choose_language,
        ));
    Router::new()
        .merge(routes::operational::router())
        .merge(routes::payments::router(state.config.sandbox_payments))
        .merge(routes::static_files::router(&state))
        .merge(pages)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::map_response(with_error_status))
        .layer(session_layer(&state))
        .layer(axum::middleware::from_fn_with_state(
            middleware::cross_site::PublicOrigin(origin_of(&state.config.public_url)),
            middleware::cross_site::reject_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            middleware::client_ip::TrustProxy(state.config.trust_proxy),
            middleware::client_ip::record_client_ip,
        ))
        // HTML, JSON and server-function answers compressed when the client accepts it (files
        // already precompressed keep their encoding; images are left alone).
        .layer(tower_http::compression::CompressionLayer::new())
        // No request of ours is larger than an upload form; bigger bodies are refused (413)
        // before any handler reads them.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            app::api::uploads::MAX_FORM_BYTES + 64 * 1024,
        ))
        .layer(axum::middleware::from_fn_with_state(
            middleware::security_headers::Https(state.config.public_url.starts_with("https://")),
            middleware::security_headers::add_security_headers,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// The app's routes, worked out once per process. Generating them sets a process-wide flag that
/// stops resources from loading meanwhile (leptos issue #4773): a page rendering at that moment
/// (another router being built in the same process, as the tests do) would wait forever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| localized(generate_route_list(App)))
        .clone()
}

/// Every route once per language: unprefixed (zh-Hant) and under `/zh-hans` and `/en` (whose
/// home page answers both with and without the trailing slash).
fn localized(routes: Vec<leptos_axum::AxumRouteListing>) -> Vec<leptos_axum::AxumRouteListing> {
    use app::i18n::Locale;
    let mut all = routes.clone();
    for locale in [Locale::ZhHans, Locale::En] {
        for route in &routes {
            let prefix = locale.url_prefix();
            let paths = if route.path() == "/" {
                vec![prefix.to_string(), format!("{prefix}/")]
            } else {
                vec![format!("{prefix}{}", route.path())]
            };
            for path in paths {
                all.push(leptos_axum::AxumRouteListing::new(
                    path,
                    route.mode().clone(),
                    route.methods(),
                    Vec::new(),
                ));
            }
        }
    }
    all
}

/// (leptos_routes registers every server function at its own POST path, with the page context.)
/// Server functions answer every error with 500; give ours their real status (401, 403, 404,
/// 422, 429) so logs, proxies and API clients see what happened. The body is unchanged.
async fn with_error_status(response: axum::response::Response) -> axum::response::Response {
    use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
    if response.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = error.status_code();
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure when the shop is served over https; the
/// server-side record expires after the idle time (the absolute limit is checked per request).
fn session_layer(state: &AppState) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(session_cookie_name(&state.config.public_url))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.public_url.starts_with("https://"))
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::seconds(state.config.sessions.idle_seconds),
        ))
}

pub const SESSION_COOKIE: &str = "jishi_session";

/// The session cookie's name: `__Host-jishi_session` over https (browsers then insist on
/// Secure, Path=/ and no Domain, so no subdomain can set or read it), else `jishi_session`.
pub fn session_cookie_name(public_url: &str) -> &'static str {
    if public_url.starts_with("https://") {
        "__Host-jishi_session"
    } else {
        SESSION_COOKIE
    }
}

/// "https://shop.example/path" → "https://shop.example".
fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or("")),
        None => url.to_string(),
    }
}

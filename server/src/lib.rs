#![recursion_limit = "256"]
//! The Jishi server: configuration, the HTTP router and the operator commands (migrate, seed).

pub mod config;
pub mod routes;
pub mod seed;

use app::contexts::site::SiteUrl;
use app::db::Db;
use app::{shell, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

/// What every request handler can reach.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: config::Config,
}

impl AppState {
    /// What server functions and pages find in their context, the same for both.
    fn provide_request_context(&self) {
        provide_context(self.db.clone());
        provide_context(SiteUrl(self.config.public_url.clone()));
    }
}

/// The whole application: pages, server functions, static files and the operational endpoints.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let page_state = state.clone();
    let server_fn_state = state.clone();
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .merge(routes::operational::router())
        .merge(routes::static_files::router(&state))
        .route(
            "/api/{*fn_name}",
            axum::routing::post(move |req| {
                let state = server_fn_state.clone();
                leptos_axum::handle_server_fns_with_context(
                    move || state.provide_request_context(),
                    req,
                )
            }),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || page_state.provide_request_context(),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

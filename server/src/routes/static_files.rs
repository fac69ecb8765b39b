//! Fingerprinted build output and product media, with long cache lifetimes.

use crate::AppState;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

const FOREVER: &str = "public, max-age=31536000, immutable";

pub fn router(state: &AppState) -> Router<AppState> {
    let options = &state.leptos_options;
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Without fingerprinted names (development) a changed file keeps its name: revalidate it.
    let pkg_cache = if options.hash_files {
        FOREVER
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );
    // Media URLs carry a content version (?v=…), so they may be cached for good as well.
    let media = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(FOREVER),
        ))
        .service(ServeDir::new(&state.config.media_dir));
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .nest_service("/media", media)
}

//! Health check, robots.txt, sitemaps and the language switch.

use crate::AppState;
use app::db::catalog as repo;
use app::domain::navigation::safe_return_path;
use app::i18n::Locale;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

/// Search engines accept up to 50,000 URLs per sitemap file; each product is listed once per
/// language (3 URLs), so a file holds 15,000 products (45,000 URLs).
pub const SITEMAP_PAGE_SIZE: i64 = 15_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemap/{file}", get(sitemap_page))
        .route("/set-language", get(set_language))
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({ "status": "error", "database": "unreachable" })),
            )
                .into_response()
        }
    }
}

async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = String::from("User-agent: *\nDisallow: /api/\nDisallow: /set-language\n");
    for locale in Locale::ALL {
        for path in ["/cart", "/account", "/search"] {
            body.push_str(&format!("Disallow: {}\n", locale.href(path)));
        }
    }
    body.push_str(&format!(
        "\nSitemap: {}/sitemap.xml\n",
        state.config.public_url
    ));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// An index of sitemap files: one for pages and categories, then one per block of products.
async fn sitemap_index(State(state): State<AppState>) -> Response {
    let products = match repo::product_count(&state.db).await {
        Ok(n) => n,
        Err(error) => {
            tracing::error!(%error, "sitemap index");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let files = 1 + (products + SITEMAP_PAGE_SIZE - 1) / SITEMAP_PAGE_SIZE;
    let base = &state.config.public_url;
    let entries: String = (0..files)
        .map(|n| {
            format!(
                "<sitemap><loc>{}</loc></sitemap>",
                xml_escape(&format!("{base}/sitemap/{n}.xml"))
            )
        })
        .collect();
    xml(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>"#
    ))
}

/// File 0 lists the home page and categories; file n ≥ 1 lists the n-th block of products.
async fn sitemap_page(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(number) = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 0)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let base = &state.config.public_url;
    let paths: Result<Vec<String>, sqlx::Error> = if number == 0 {
        repo::categories(&state.db, Locale::default())
            .await
            .map(|rows| {
                std::iter::once("/".to_string())
                    .chain(rows.into_iter().map(|c| format!("/c/{}", c.slug)))
                    .collect()
            })
    } else {
        repo::product_slugs(
            &state.db,
            (number - 1) * SITEMAP_PAGE_SIZE,
            SITEMAP_PAGE_SIZE,
        )
        .await
        .map(|slugs| slugs.into_iter().map(|s| format!("/p/{s}")).collect())
    };
    match paths {
        Ok(paths) if number == 0 || !paths.is_empty() => {
            let urls: String = paths.iter().map(|p| localized_urls(base, p)).collect();
            xml(format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">{urls}</urlset>"#
            ))
        }
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "sitemap page");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// One `<url>` per language for `path`, each naming all of them and x-default (Google's
/// "Tell Google about localized versions of your page", sitemap method).
fn localized_urls(base: &str, path: &str) -> String {
    let mut alternates: String = Locale::ALL
        .into_iter()
        .map(|locale| {
            format!(
                r#"<xhtml:link rel="alternate" hreflang="{}" href="{}"/>"#,
                locale.code(),
                xml_escape(&format!("{base}{}", locale.href(path)))
            )
        })
        .collect();
    alternates.push_str(&format!(
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="{}"/>"#,
        xml_escape(&format!("{base}{path}"))
    ));
    Locale::ALL
        .into_iter()
        .map(|locale| {
            format!(
                "<url><loc>{}</loc>{alternates}</url>",
                xml_escape(&format!("{base}{}", locale.href(path)))
            )
        })
        .collect()
}

#[derive(Deserialize)]
struct LanguageChoice {
    lang: String,
    back: Option<String>,
}

/// Stores the chosen language for a year and returns to the page the shopper was on, at its
/// address in that language.
async fn set_language(Query(choice): Query<LanguageChoice>) -> Response {
    let Some(locale) = Locale::from_tag(&choice.lang) else {
        return (
            StatusCode::BAD_REQUEST,
            "Unknown language. Use zh-Hant, zh-Hans or en.",
        )
            .into_response();
    };
    let cookie = locale.cookie();
    let back = locale.href(safe_return_path(choice.back.as_deref()));
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

//! The real router, requests in, responses out: pages rendered on the server, the operational
//! routes and the language switch.

use crate::test_app::TestApp;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn get(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

const EN: (&str, &str) = ("accept-language", "en-GB,en;q=0.9");

#[tokio::test]
async fn product_page_is_rendered_with_seo_data() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let app = t.app();
        let page = get(app, "/en/p/smartphone-obsidian", &[EN]).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = &page.body;
        assert!(html.contains("<html lang=\"en\""), "{backend}");
        assert!(
            html.contains("<title>Obsidian Smartphone | Jishi</title>"),
            "{backend}"
        );
        assert!(
            html.contains(
                r#"<link href="https://shop.example/en/p/smartphone-obsidian" rel="canonical">"#
            ),
            "{backend}"
        );
        assert!(
            html.contains(r#"<meta property="og:title" content="Obsidian Smartphone">"#),
            "{backend}"
        );
        assert!(
            html.contains(r#"<meta name="description" content="The Obsidian smartphone"#),
            "{backend}"
        );
        assert!(html.contains(r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product""#), "{backend}");
        assert!(html.contains(r#""priceCurrency":"CNY""#), "{backend}");
        assert!(html.contains("<h1>Obsidian Smartphone</h1>"), "{backend}");
        assert!(
            html.contains(r#"role="radiogroup" aria-labelledby="axis-colour""#),
            "{backend}"
        );
        assert!(html.contains("Add to cart"), "{backend}");

        let missing = get(app, "/en/p/no-such-product", &[EN]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{backend}");
        assert!(
            missing.body.contains("This product is not available."),
            "{backend}"
        );
        assert_eq!(
            get(app, "/en/c/no-such-category", &[EN]).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        assert_eq!(
            get(app, "/en/no/such/page", &[EN]).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        t.close().await;
    }
}

/// Each language has its own addresses: `/en/…` and `/zh-hans/…` are that language for
/// everyone, whatever the headers; an unprefixed page is zh-Hant for a visitor with no other
/// wish (crawlers), and sends one who chose another language (cookie) or prefers one
/// (Accept-Language, while nothing was chosen) to its address in that language.
#[tokio::test]
async fn each_language_has_its_own_addresses() {
    for t in TestApp::each(true).await {
        let app = t.app();
        let default = get(app, "/p/oolong-obsidian", &[]).await;
        assert_eq!(default.status, StatusCode::OK);
        assert!(
            default.body.contains("<html lang=\"zh-Hant\"") && default.body.contains("曜石烏龍茶")
        );
        assert!(default.headers[header::VARY]
            .to_str()
            .unwrap()
            .contains("Accept-Language"));
        for (uri, lang, name) in [
            ("/en/p/oolong-obsidian", "en", "Obsidian Oolong Tea"),
            ("/zh-hans/p/oolong-obsidian", "zh-Hans", "曜石乌龙茶"),
        ] {
            // The address decides, not the headers.
            let page = get(
                app,
                uri,
                &[("accept-language", "zh-TW"), ("cookie", "lang=zh-Hant")],
            )
            .await;
            assert_eq!(page.status, StatusCode::OK, "{uri}");
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\"")) && page.body.contains(name),
                "{uri}"
            );
            // Every page names itself in every language, plus x-default, absolutely.
            for (hreflang, href) in [
                ("zh-Hant", "https://shop.example/p/oolong-obsidian"),
                ("zh-Hans", "https://shop.example/zh-hans/p/oolong-obsidian"),
                ("en", "https://shop.example/en/p/oolong-obsidian"),
                ("x-default", "https://shop.example/p/oolong-obsidian"),
            ] {
                assert!(
                    page.body
                        .contains(&format!(r#"hreflang="{hreflang}" href="{href}""#))
                        || page
                            .body
                            .contains(&format!(r#"href="{href}" hreflang="{hreflang}""#)),
                    "{uri}: {hreflang}"
                );
            }
        }
        let home = get(app, "/en", &[]).await;
        assert!(home.status == StatusCode::OK && home.body.contains("<html lang=\"en\""));
        // A first visit whose browser prefers Simplified Chinese; then one who chose English.
        let preferred = get(
            app,
            "/p/oolong-obsidian?x=1",
            &[("accept-language", "zh-CN,zh;q=0.9")],
        )
        .await;
        assert_eq!(preferred.status, StatusCode::SEE_OTHER);
        assert_eq!(
            preferred.headers[header::LOCATION],
            "/zh-hans/p/oolong-obsidian?x=1"
        );
        let chosen = get(
            app,
            "/",
            &[("cookie", "lang=en"), ("accept-language", "zh-CN")],
        )
        .await;
        assert_eq!(chosen.headers[header::LOCATION], "/en/");
        let kept = get(
            app,
            "/",
            &[("cookie", "lang=zh-Hant"), ("accept-language", "en")],
        )
        .await;
        assert_eq!(kept.status, StatusCode::OK, "a chosen zh-Hant stays");

        let switch = get(
            app,
            "/set-language?lang=zh-Hans&back=%2Fen%2Fc%2Ftea%3Fpage%3D1",
            &[],
        )
        .await;
        assert_eq!(switch.status, StatusCode::SEE_OTHER);
        assert_eq!(switch.headers[header::LOCATION], "/zh-hans/c/tea?page=1");
        let cookie = switch.headers[header::SET_COOKIE].to_str().unwrap();
        assert!(
            cookie.starts_with("lang=zh-Hans;") && cookie.contains("Max-Age=31536000"),
            "{cookie}"
        );
        let back_to_default = get(app, "/set-language?lang=zh-Hant&back=%2Fen%2Fcart", &[]).await;
        assert_eq!(back_to_default.headers[header::LOCATION], "/cart");
        let offsite = get(app, "/set-language?lang=en&back=%2F%2Fevil.example", &[]).await;
        assert_eq!(offsite.headers[header::LOCATION], "/en/");
        let unknown = get(app, "/set-language?lang=xx", &[]).await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

        // The sitemap lists every address in every language, each naming the others.
        let categories = get(app, "/sitemap/0.xml", &[]).await;
        for loc in [
            "<loc>https://shop.example/c/tea</loc>",
            "<loc>https://shop.example/en/c/tea</loc>",
            "<loc>https://shop.example/zh-hans/c/tea</loc>",
            r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://shop.example/c/tea"/>"#,
            r#"<xhtml:link rel="alternate" hreflang="en" href="https://shop.example/en/c/tea"/>"#,
        ] {
            assert!(categories.body.contains(loc), "{loc}");
        }
        t.close().await;
    }
}

#[tokio::test]
async fn listing_and_search_pages_render_without_javascript() {
    for t in TestApp::each(true).await {
        let app = t.app();
        let listing = get(app, "/en/c/tea?sort=price_asc&min=abc", &[EN]).await;
        assert_eq!(listing.status, StatusCode::OK);
        assert!(listing.body.contains("<h1>Tea</h1>"));
        assert!(
            listing.body.contains("The minimum price must be a number"),
            "bad input is explained"
        );
        assert!(listing
            .body
            .contains(r#"<option value="price_asc" selected>"#));
        let search = get(app, "/en/search?q=%E8%8C%B6", &[EN]).await;
        assert!(search.body.contains("Results for “茶”"));
        assert!(search.body.contains("/en/p/oolong-obsidian"));
        let empty = get(app, "/en/search?q=zzqqxx", &[EN]).await;
        assert!(
            empty.body.contains("No products match") && empty.body.contains("Popular right now")
        );
        // The first row of cards is in view: those images load at once, the first with high
        // priority (the likely largest paint); the rest wait until they scroll in.
        for page in [&listing.body, &get(app, "/en/", &[EN]).await.body] {
            let images: Vec<&str> = page
                .split("<img ")
                .skip(1)
                .filter(|img| img.contains(r#"width="400""#))
                .collect();
            assert!(images.len() > 5, "cards on the page");
            assert!(
                images[0].contains(r#"loading="eager""#)
                    && images[0].contains(r#"fetchpriority="high""#)
            );
            assert!(images[1..4]
                .iter()
                .all(|img| img.contains(r#"loading="eager""#) && !img.contains("fetchpriority")));
            assert!(images[4..]
                .iter()
                .all(|img| img.contains(r#"loading="lazy""#)));
        }
        t.close().await;
    }
}

#[tokio::test]
async fn operational_routes() {
    for t in TestApp::each(true).await {
        let app = t.app();
        let health = get(app, "/healthz", &[]).await;
        assert_eq!(health.status, StatusCode::OK);
        assert!(health.body.contains(r#""database":"ok""#));
        let robots = get(app, "/robots.txt", &[]).await;
        assert!(robots
            .body
            .contains("Sitemap: https://shop.example/sitemap.xml"));
        let index = get(app, "/sitemap.xml", &[]).await;
        assert!(index
            .body
            .contains("<loc>https://shop.example/sitemap/1.xml</loc>"));
        let categories = get(app, "/sitemap/0.xml", &[]).await;
        assert!(categories
            .body
            .contains("<loc>https://shop.example/c/tea</loc>"));
        let products = get(app, "/sitemap/1.xml", &[]).await;
        assert_eq!(
            products.body.matches("<url>").count(),
            3 * 96,
            "each product in 3 languages"
        );
        assert_eq!(
            get(app, "/sitemap/2.xml", &[]).await.status,
            StatusCode::NOT_FOUND
        );
        let image = get(app, "/media/p/smartphone-obsidian-0.svg", &[]).await;
        assert_eq!(image.status, StatusCode::OK);
        assert_eq!(
            image.headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert!(image.body.starts_with("<svg"));

        t.db().close().await;
        let down = get(app, "/healthz", &[]).await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            !down.body.contains("sqlx") && !down.body.contains("pool"),
            "no internals leak: {}",
            down.body
        );
        t.close().await;
    }
}

/// A page number past the last page is not a page: 404 on category and search listings, never
/// an empty list beside a count. Canonical links are absolute and leave the sort out.
#[tokio::test]
async fn pages_past_the_end_are_not_found_and_canonicals_are_absolute() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let app = t.app();
        for uri in [
            "/en/c/tea?page=50",
            "/en/c/tea?page=2",
            "/en/search?q=tea&page=50",
            "/en/search?q=nothing-matches-this&page=2",
        ] {
            let page = get(app, uri, &[EN]).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{backend}: {uri}");
            assert!(
                !page.body.contains("rel=\"canonical\""),
                "{backend}: {uri} names no canonical"
            );
        }
        let first = get(app, "/en/c/tea?sort=price_asc", &[EN]).await;
        assert_eq!(first.status, StatusCode::OK, "{backend}");
        assert!(
            first
                .body
                .contains(r#"<link href="https://shop.example/en/c/tea" rel="canonical">"#),
            "{backend}: absolute, without the sort"
        );
        let empty = get(app, "/en/search?q=nothing-matches-this", &[EN]).await;
        assert_eq!(
            empty.status,
            StatusCode::OK,
            "{backend}: the first page exists"
        );
        t.close().await;
    }
}

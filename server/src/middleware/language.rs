//! Each language's pages have their own URLs (zh-Hant unprefixed, `/zh-hans/…`, `/en/…`), so an
//! address always shows one language to everyone: search engines index every language (the
//! pages name each other with hreflang) and a shared cache cannot mix them up.
//!
//! A visitor who asked for another language (the switcher's cookie), or who has not chosen yet
//! and whose browser prefers one (Accept-Language), is sent from an unprefixed page to the same
//! page in their language with a 302; the answer varies on those two headers. Crawlers send
//! neither (Googlebot sends no Accept-Language), so unprefixed pages stay crawlable as zh-Hant.
//! Runs on page routes only (never on server functions, files or callbacks).

use app::i18n::{cookie_value, Locale, LANG_COOKIE};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

pub async fn choose_language(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let (in_url, _) = Locale::split_path(path);
    let page =
        matches!(*request.method(), Method::GET | Method::HEAD) && !path.starts_with("/api/");
    if in_url != Locale::ZhHant || !page {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let chosen = text(header::COOKIE).and_then(|c| cookie_value(c, LANG_COOKIE));
    let wanted = Locale::resolve(chosen, text(header::ACCEPT_LANGUAGE));
    let mut response = if wanted == Locale::ZhHant {
        next.run(request).await
    } else {
        let path_and_query = request
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        Redirect::to(&wanted.href(path_and_query)).into_response()
    };
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

//! The page's language. A page's URL decides it (`/en/…`, `/zh-hans/…`, unprefixed zh-Hant); a
//! server function answers in the language of the page that called it (its Referer), else the
//! cookie or Accept-Language. The browser reads the decision back from `<html lang>` so hydration
//! renders the same text.

use crate::i18n::{Locale, Texts};
use leptos::prelude::*;

/// The locale of the request being rendered (server) or of the loaded page (browser).
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        let Some(parts) = use_context::<http::request::Parts>() else {
            return Locale::default();
        };
        let header =
            |name: http::header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let path = parts.uri.path();
        if !path.starts_with("/api/") {
            return Locale::split_path(path).0;
        }
        // A server function: the page that called it (same-origin fetches send the full URL).
        if let Some(page) = header(http::header::REFERER).and_then(referer_path) {
            return Locale::split_path(page).0;
        }
        let cookie = header(http::header::COOKIE)
            .and_then(|c| crate::i18n::cookie_value(c, crate::i18n::LANG_COOKIE));
        Locale::resolve(cookie, header(http::header::ACCEPT_LANGUAGE))
    }
    #[cfg(not(feature = "ssr"))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_tag(&lang))
            .unwrap_or_default()
    }
}

/// The path of a Referer URL ("https://shop.example/en/cart" → "/en/cart").
#[cfg(feature = "ssr")]
fn referer_path(referer: &str) -> Option<&str> {
    let (_, rest) = referer.split_once("://")?;
    rest.find('/').map(|start| &rest[start..])
}

/// `path` in the page's language ("/c/tea" → "/en/c/tea" on English pages). Every link and
/// redirect within the shop goes through this, so a shopper stays in their language.
pub fn link_to(path: &str) -> String {
    use_locale().href(path)
}

pub fn provide_locale() {
    provide_context(request_locale());
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

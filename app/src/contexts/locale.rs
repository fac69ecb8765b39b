//! The page's language. The server decides it per request (cookie, Accept-Language);
//! the browser reads the decision back from `<html lang>` so hydration renders the same text.

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

pub fn provide_locale() {
    provide_context(request_locale());
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

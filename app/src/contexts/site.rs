//! The shop's public address, for canonical links and Open Graph data.

use leptos::prelude::*;

/// Set by the server from `JISHI_PUBLIC_URL` (default http://127.0.0.1:3000), without a trailing slash.
#[derive(Clone, Debug)]
pub struct SiteUrl(pub String);

pub fn use_site_url() -> String {
    if let Some(SiteUrl(url)) = use_context::<SiteUrl>() {
        return url;
    }
    #[cfg(not(feature = "ssr"))]
    {
        if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            return origin;
        }
    }
    String::new()
}

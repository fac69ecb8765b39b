use crate::contexts::site::use_site_url;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

/// Query parameters that only change how a page is shown, not what it is: left out of the
/// addresses search engines are given.
const PRESENTATION_PARAMS: [&str; 2] = ["sort", "view"];

/// `<link rel="alternate" hreflang>` for this page in every language, plus `x-default` (the
/// unprefixed zh-Hant address), all absolute, as search engines require.
#[component]
pub fn LanguageAlternates() -> impl IntoView {
    let location = use_location();
    let site = StoredValue::new(use_site_url());
    move || {
        let pathname = location.pathname.get();
        let (_, bare) = Locale::split_path(&pathname);
        let search = location.search.get();
        let kept: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                !pair.is_empty() && !PRESENTATION_PARAMS.contains(&name)
            })
            .collect();
        let path = if kept.is_empty() {
            bare.to_string()
        } else {
            format!("{bare}?{}", kept.join("&"))
        };
        let site = site.get_value();
        let mut links: Vec<(&'static str, String)> = Locale::ALL
            .into_iter()
            .map(|locale| (locale.code(), format!("{site}{}", locale.href(&path))))
            .collect();
        links.push(("x-default", format!("{site}{}", Locale::ZhHant.href(&path))));
        links
            .into_iter()
            .map(|(hreflang, href)| view! { <Link rel="alternate" hreflang=hreflang href=href/> })
            .collect_view()
    }
}

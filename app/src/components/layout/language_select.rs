use crate::contexts::locale::{use_locale, use_texts};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A plain GET form to /set-language, which stores the choice in a cookie and returns to this
/// page; works before (or without) the WASM. Changing the select submits at once.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    view! {
        <form class="lang-form" method="get" action="/set-language">
            <input type="hidden" name="back" value=back/>
            <select name="lang" aria-label=t.language data-autosubmit="">
                {Locale::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.code() selected=l == locale lang=l.code()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="visually-hidden-focusable">{t.change_language}</button>
        </form>
    }
}

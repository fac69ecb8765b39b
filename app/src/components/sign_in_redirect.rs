use crate::contexts::locale::link_to;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Sends a guest to sign in, to come back to this very address (query included) afterwards.
#[component]
pub fn SignInRedirect() -> impl IntoView {
    let location = use_location();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    let path = location.pathname.get_untracked();
    let next = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    let next = crate::domain::listing::encode_component(&next);
    // The server answers with a redirect (prefixed here); in the browser the router adds its
    // base itself.
    let to = format!("/sign-in?next={next}");
    let to = if cfg!(feature = "ssr") {
        link_to(&to)
    } else {
        to
    };
    view! { <Redirect path=to/> }
}

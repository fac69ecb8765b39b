use crate::components::account_nav::AccountNav;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

/// Frame of every member-center page: guests are sent to sign in (and brought back after).
#[component]
pub fn AccountLayout() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let location = use_location();
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(_)) => view! {
                        <div class="account">
                            <AccountNav/>
                            <div class="account-main"><Outlet/></div>
                        </div>
                    }
                    .into_any(),
                    Ok(None) => {
                        // The whole address, query included (an order list's tab, say).
                        let search = location.search.get_untracked();
                        let search = search.trim_start_matches('?');
                        let path = location.pathname.get_untracked();
                        let next = if search.is_empty() { path } else { format!("{path}?{search}") };
                        let next = crate::domain::listing::encode_component(&next);
                        // The server answers with a redirect (prefixed here); in the browser the
                        // router adds its base itself.
                        let to = format!("/sign-in?next={next}");
                        let to = if cfg!(feature = "ssr") { link_to(&to) } else { to };
                        view! { <Redirect path=to/> }.into_any()
                    }
                    Err(error) => view! { <crate::components::error_notice::ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

use crate::components::admin_nav::AdminNav;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use crate::domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

/// Frame of every back-office page: the sections on the side, the page beside them. Guests are
/// sent to sign in (and brought back after); signed-in people who are not operators are told so.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let location = use_location();
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(user)) if user.has(Role::Operator) => view! {
                        <div class="admin">
                            <AdminNav user/>
                            <div class="admin-main"><Outlet/></div>
                        </div>
                    }
                    .into_any(),
                    Ok(Some(_)) => view! {
                        <section class="notice error" role="alert">
                            <h1>{t.admin.back_office}</h1>
                            <p>{t.accounts.forbidden}</p>
                            <p><a href=link_to("/")>{t.back_home}</a></p>
                        </section>
                    }
                    .into_any(),
                    Ok(None) => {
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

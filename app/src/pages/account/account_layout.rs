use crate::components::account_nav::AccountNav;
use crate::components::sign_in_redirect::SignInRedirect;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Outlet;

/// Frame of every member-center page: guests are sent to sign in (and brought back after).
#[component]
pub fn AccountLayout() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
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
                    Ok(None) => view! { <SignInRedirect/> }.into_any(),
                    Err(error) => view! { <crate::components::error_notice::ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

use crate::components::account_nav::AccountNav;
use crate::components::sign_in_redirect::SignInRedirect;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Outlet;

/// Frame of every member-center page: guests are sent to sign in (and brought back after).
///
/// The page (`Outlet`) stands outside the `Suspense` that waits for the session: a Suspense
/// builds what it holds more than once on the server (it walks its children to find their
/// resources), and each build of an `Outlet` builds the page anew. The page's first copies then
/// load their data with their context already gone ("no Db in context"), and their answers can
/// take the place of the real ones in what the browser hydrates with (a hydration panic).
#[component]
pub fn AccountLayout() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    view! {
        <Meta name="robots" content="noindex"/>
        <div class="account">
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(_)) => view! { <AccountNav/> }.into_any(),
                        Ok(None) => view! { <SignInRedirect/> }.into_any(),
                        Err(error) => view! { <crate::components::error_notice::ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="account-main" hidden=move || matches!(session.user.get(), Some(Ok(None)))><Outlet/></div>
        </div>
    }
}

use crate::components::admin_nav::AdminNav;
use crate::components::sign_in_redirect::SignInRedirect;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use crate::domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Outlet;

/// Frame of every back-office page: the sections on the side, the page beside them. Guests are
/// sent to sign in (and brought back after); signed-in people who are not operators are told so.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    provide_context(crate::contexts::console::Console::ADMIN);
    // Everyone but an operator sees the notice instead of the page (whose own server functions
    // refuse them anyway).
    let refused = move || match session.user.get() {
        None => false,
        Some(Ok(Some(user))) => !user.has(Role::Operator),
        Some(_) => true,
    };
    view! {
        <Meta name="robots" content="noindex"/>
        <div class="admin">
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(user)) if user.has(Role::Operator) => view! { <AdminNav user/> }.into_any(),
                        Ok(Some(_)) => view! {
                            <section class="notice error" role="alert">
                                <h1>{t.admin.back_office}</h1>
                                <p>{t.accounts.forbidden}</p>
                                <p><a href=link_to("/")>{t.back_home}</a></p>
                            </section>
                        }
                        .into_any(),
                        Ok(None) => view! { <SignInRedirect/> }.into_any(),
                        Err(error) => view! { <crate::components::error_notice::ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            // Outside the Suspense, as in `AccountLayout`.
            <div class="admin-main" hidden=refused><Outlet/></div>
        </div>
    }
}

use crate::components::sign_in_redirect::SignInRedirect;
use crate::components::supplier_nav::SupplierNav;
use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::session::use_session;
use crate::domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Outlet;

/// Frame of every supplier-console page: its sections, then the page. Guests are sent to sign
/// in; signed-in people who are not suppliers are pointed to the application.
#[component]
pub fn SupplierLayout() -> impl IntoView {
    let t = use_texts();
    let s = t.supplier;
    let session = use_session();
    provide_context(crate::contexts::console::Console::SUPPLIER);
    // Everyone but a supplier sees the notice instead of the page (whose own server functions
    // refuse them anyway).
    let refused = move || match session.user.get() {
        None => false,
        Some(Ok(Some(user))) => !user.has(Role::Supplier),
        Some(_) => true,
    };
    view! {
        <Meta name="robots" content="noindex"/>
        <div class="admin">
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(user)) if user.has(Role::Supplier) => view! { <SupplierNav/> }.into_any(),
                        Ok(Some(_)) => view! {
                            <section class="notice" role="status">
                                <h1>{s.console}</h1>
                                <p>{s.not_a_supplier}</p>
                                <p><a class="button primary" href=link_to("/supplier/apply")>{s.apply_title}</a></p>
                            </section>
                        }
                        .into_any(),
                        Ok(None) => view! { <SignInRedirect/> }.into_any(),
                        Err(error) => view! { <crate::components::error_notice::ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            // Outside the Suspense: a Suspense builds what it holds more than once on the server
            // (to find its resources), and the page's first copy would load its data with its
            // context already gone (see `AccountLayout`).
            <div class="admin-main" hidden=refused><Outlet/></div>
        </div>
    }
}

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
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(user)) if user.has(Role::Supplier) => view! {
                        <div class="admin">
                            <SupplierNav/>
                            <div class="admin-main"><Outlet/></div>
                        </div>
                    }
                    .into_any(),
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
    }
}

use crate::contexts::locale::{link_to, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The supplier console's sections, the current one marked.
#[component]
pub fn SupplierNav() -> impl IntoView {
    let s = use_texts().supplier;
    let location = use_location();
    let sections = [
        ("/supplier", s.dashboard),
        ("/supplier/products", s.products),
        ("/supplier/stock", s.stock),
        ("/supplier/warehouses", s.warehouses),
        ("/supplier/orders", s.orders),
    ];
    view! {
        <nav class="admin-nav" aria-label=s.console_navigation>
            <ul>
                {sections
                    .into_iter()
                    .map(|(href, label)| {
                        let current = move || (location.pathname.get() == link_to(href)).then_some("page");
                        view! { <li><a href=link_to(href) aria-current=current>{label}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::account::SessionUser;
use crate::domain::staff::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The back office's sections, the current one marked. An operator sees the sections their
/// permissions open (the dashboard always); the server checks again on every call.
#[component]
pub fn AdminNav(user: SessionUser) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let location = use_location();
    let sections: [(&str, &str, Option<Permission>); 12] = [
        ("/admin", b.dashboard, None),
        ("/admin/products", b.products, Some(Permission::Catalog)),
        ("/admin/categories", b.categories, Some(Permission::Catalog)),
        ("/admin/review", b.review_queue, Some(Permission::Review)),
        ("/admin/suppliers", b.suppliers, Some(Permission::Suppliers)),
        ("/admin/stock", b.stock, Some(Permission::Catalog)),
        ("/admin/warehouses", b.warehouses, Some(Permission::Catalog)),
        (
            "/admin/orders",
            t.accounts.manage_orders,
            Some(Permission::Orders),
        ),
        (
            "/admin/promotions",
            t.promotion.admin_title,
            Some(Permission::Marketing),
        ),
        ("/admin/staff", b.staff, Some(Permission::Users)),
        ("/admin/audit", b.audit_log, Some(Permission::Users)),
        (
            "/admin/outbox",
            t.accounts.outbox_title,
            Some(Permission::Settings),
        ),
    ];
    view! {
        <nav class="admin-nav" aria-label=b.console_nav>
            <ul>
                {sections
                    .into_iter()
                    .filter(|(_, _, needs)| needs.is_none_or(|p| user.may(p)))
                    .map(|(href, label, _)| {
                        let current = move || (location.pathname.get() == link_to(href)).then_some("page");
                        view! { <li><a href=link_to(href) aria-current=current>{label}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

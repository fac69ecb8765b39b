use super::sign_out_button::SignOutButton;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use crate::domain::account::Role;
use crate::domain::staff::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The member center's menu: every section, the current one marked; operators also get the
/// back office and the tools their permissions open.
#[component]
pub fn AccountNav() -> impl IntoView {
    let t = use_texts().accounts;
    let location = use_location();
    let links = [
        ("/account", t.overview),
        ("/account/profile", t.profile),
        ("/account/addresses", t.addresses),
        ("/account/favourites", t.favourites),
        ("/account/history", t.history),
        ("/account/points", t.points),
        ("/account/orders", t.orders),
        ("/account/coupons", t.coupons),
        ("/account/level", use_texts().promotion.membership_level),
        ("/account/privacy", t.privacy),
    ];
    let session = use_session();
    let user = move || session.signed_in();
    let operator = move || user().is_some_and(|u| u.has(Role::Operator));
    let supplier = move || user().is_some_and(|u| u.has(Role::Supplier));
    let console = use_texts().supplier.console;
    let back_office = use_texts().admin.back_office;
    // The back office, and the two tools operators reach most often, when they may use them.
    let tools = [
        ("/admin", back_office, None),
        ("/admin/orders", t.manage_orders, Some(Permission::Orders)),
        ("/admin/outbox", t.outbox_title, Some(Permission::Settings)),
    ];
    view! {
        <nav class="account-nav" aria-label=t.member_center>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        let current = move || (location.pathname.get() == link_to(href)).then_some("page");
                        view! { <li><a href=link_to(href) aria-current=current>{label}</a></li> }
                    })
                    .collect_view()}
                <Show when=supplier>
                    <li class="operator-tool"><a href=link_to("/supplier")>{console}</a></li>
                </Show>
                <Show when=operator>
                    {move || tools
                        .into_iter()
                        .filter(|(_, _, needs)| {
                            needs.is_none_or(|p| user().is_some_and(|u| u.may(p)))
                        })
                        .map(|(href, label, _)| {
                            let current = move || (location.pathname.get() == link_to(href)).then_some("page");
                            view! { <li class="operator-tool"><a href=link_to(href) aria-current=current>{label}</a></li> }
                        })
                        .collect_view()}
                </Show>
            </ul>
            <SignOutButton/>
        </nav>
    }
}

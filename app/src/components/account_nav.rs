use super::sign_out_button::SignOutButton;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::use_session;
use crate::domain::account::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The member center's menu: every section, the current one marked; operators also get their
/// tools.
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
        ("/account/privacy", t.privacy),
    ];
    let session = use_session();
    let operator = move || session.signed_in().is_some_and(|u| u.has(Role::Operator));
    let tools = [
        ("/admin/orders", t.manage_orders),
        ("/admin/outbox", t.outbox_title),
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
                <Show when=operator>
                    {tools
                        .into_iter()
                        .map(|(href, label)| {
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

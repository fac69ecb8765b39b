use super::sign_out_button::SignOutButton;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The member center's menu: every section, the current one marked.
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
    view! {
        <nav class="account-nav" aria-label=t.member_center>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        let current = move || (location.pathname.get() == href).then_some("page");
                        view! { <li><a href=href aria-current=current>{label}</a></li> }
                    })
                    .collect_view()}
            </ul>
            <SignOutButton/>
        </nav>
    }
}

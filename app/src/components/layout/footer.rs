use crate::contexts::locale::{link_to, use_texts};
use leptos::prelude::*;

/// The foot of every page: the shop's note, and the way in for suppliers.
#[component]
pub fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_note}</p>
            <p><a href=link_to("/supplier/apply")>{t.supplier.apply_title}</a></p>
        </footer>
    }
}

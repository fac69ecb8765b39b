use crate::contexts::locale::use_texts;
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_note}</p>
        </footer>
    }
}

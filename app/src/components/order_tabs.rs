use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::domain::order::OrderTab;
use crate::i18n::order::tab_text;
use leptos::prelude::*;

/// The status tabs above an order list; each is a link (`?tab=…`), the current one marked.
#[component]
pub fn OrderTabs(base: &'static str, current: Signal<OrderTab>) -> impl IntoView {
    let o = use_texts().orders;
    view! {
        <nav class="order-tabs" aria-label=o.order_tabs>
            {OrderTab::ALL.into_iter().map(|tab| {
                let href = if tab == OrderTab::All { link_to(base) } else { link_to(&format!("{base}?tab={}", tab.as_str())) };
                view! {
                    <a href=href aria-current=move || (current.get() == tab).then_some("page")>{tab_text(o, tab)}</a>
                }
            }).collect_view()}
        </nav>
    }
}

use crate::contexts::locale::use_texts;
use crate::domain::order::TimelineEntry;
use crate::domain::time::shop_time;
use crate::i18n::order::{actor_text, reason_text, status_text};
use leptos::prelude::*;

/// Every move of the order: what it became, who did it, when and why.
#[component]
pub fn OrderTimeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let o = use_texts().orders;
    view! {
        <section class="panel" aria-labelledby="order-timeline">
            <h2 id="order-timeline">{o.timeline}</h2>
            <ol class="timeline">
                {entries.into_iter().rev().map(|entry| view! {
                    <li>
                        <strong>{status_text(o, entry.status)}</strong>
                        <span class="hint">{format!(" · {} · {}", actor_text(o, &entry.actor), shop_time(entry.at))}</span>
                        <p class="hint">{reason_text(o, &entry.reason)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

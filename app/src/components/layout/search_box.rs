use crate::api::catalog::search_suggestions;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::catalog::Suggestion;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Waits this long after the last keystroke before asking for suggestions.
const SUGGEST_DELAY_MS: u32 = 150;

/// The header search: a plain GET form to /search (works without JavaScript), plus suggestions
/// as the shopper types once the page has hydrated.
#[component]
pub fn SearchBox() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let initial = query.read_untracked().get("q").unwrap_or_default();
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    // Each keystroke bumps the generation; a late answer for an older one is dropped.
    let generation = StoredValue::new(0u64);

    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let this_generation = generation.get_value() + 1;
        generation.set_value(this_generation);
        if typed.trim().is_empty() {
            suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SUGGEST_DELAY_MS).await;
            if generation.get_value() != this_generation {
                return;
            }
            let found = search_suggestions(typed, locale).await.unwrap_or_default();
            if generation.get_value() == this_generation {
                suggestions.set(found);
            }
        });
    };
    let close_later = move |_| {
        // Let a click on a suggestion land before the list goes away.
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(200).await;
            suggestions.set(Vec::new());
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            suggestions.set(Vec::new());
        }
    };

    view! {
        <form class="search-box" role="search" method="get" action="/search" on:focusout=close_later>
            <input
                type="search"
                name="q"
                value=initial
                aria-label=t.search_label
                placeholder=t.search_placeholder
                autocomplete="off"
                enterkeyhint="search"
                maxlength="100"
                on:input=on_input
                on:keydown=on_keydown
            />
            <button type="submit">{t.search_button}</button>
            <Show when=move || !suggestions.read().is_empty()>
                <ul class="suggestions" aria-label=t.suggestions>
                    <For each=move || suggestions.get() key=|s| s.href.clone() let:suggestion>
                        <li class:category=suggestion.is_category>
                            <a href=suggestion.href.clone()>{suggestion.label.clone()}</a>
                        </li>
                    </For>
                </ul>
            </Show>
        </form>
    }
}

use crate::api::catalog::search_suggestions;
use crate::components::price::Price;
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::catalog::Suggestion;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Waits this long after the last keystroke before asking for suggestions.
const SUGGEST_DELAY_MS: u32 = 150;
/// The popup's id; its options are `search-suggestions-0`, `-1`, … in the order shown.
const LISTBOX_ID: &str = "search-suggestions";

fn option_id(index: usize) -> String {
    format!("{LISTBOX_ID}-{index}")
}

/// The option an arrow key highlights: down from nothing is the first, up from nothing the
/// last, and both wrap around.
fn step(current: Option<usize>, count: usize, down: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (current, down) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    })
}

/// The header search: a plain GET form to /search (works without JavaScript). Once the page has
/// hydrated the field becomes a combobox (the WAI-ARIA "combobox with listbox popup" pattern):
/// suggestions appear as the shopper types, grouped into categories and products; the arrow keys
/// move through them while focus stays in the field, Enter opens the highlighted one (or searches
/// when none is), Escape closes the list, and a live region says how many there are.
#[component]
pub fn SearchBox() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let navigate = use_navigate();
    let initial = query.read_untracked().get("q").unwrap_or_default();
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    // Typing and the arrow keys open the list; Escape, choosing and leaving the box close it.
    let open = RwSignal::new(false);
    // The highlighted option, as an index into `suggestions` (categories come first).
    let active = RwSignal::new(None::<usize>);
    // What the live region tells screen readers: how many suggestions arrived.
    let announcement = RwSignal::new(String::new());
    // Before (or without) the WASM the field stays a plain search box: nothing would pop up.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    // Each keystroke bumps the generation; a late answer for an older one is dropped.
    let generation = StoredValue::new(0u64);

    let expanded = move || open.get() && !suggestions.read().is_empty();
    let close = move || {
        open.set(false);
        active.set(None);
    };
    Effect::new(move |_| {
        if let Some(index) = active.get() {
            keep_in_view(index);
        }
    });

    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let this_generation = generation.get_value() + 1;
        generation.set_value(this_generation);
        active.set(None);
        if typed.trim().is_empty() {
            suggestions.set(Vec::new());
            open.set(false);
            announcement.set(String::new());
            return;
        }
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SUGGEST_DELAY_MS).await;
            if generation.get_value() != this_generation {
                return;
            }
            let mut found = search_suggestions(typed, locale).await.unwrap_or_default();
            if generation.get_value() == this_generation {
                // Indices follow the order shown: the categories group, then the products.
                found.sort_by_key(|s| !s.is_category);
                announcement.set(if found.is_empty() {
                    t.suggestions_none.to_string()
                } else {
                    fill(t.suggestions_count, found.len())
                });
                suggestions.set(found);
                open.set(true);
            }
        });
    };
    let close_later = move |_| {
        // Let a tap on a suggestion land before the list goes away.
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(200).await;
            close();
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Keys that pick among an input method's candidates are not ours.
        if ev.is_composing() {
            return;
        }
        let count = suggestions.read_untracked().len();
        match ev.key().as_str() {
            key @ ("ArrowDown" | "ArrowUp") if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.set(step(active.get_untracked(), count, key == "ArrowDown"));
            }
            "Enter" => {
                let chosen = active
                    .get_untracked()
                    .filter(|_| open.get_untracked())
                    .and_then(|i| suggestions.read_untracked().get(i).map(|s| s.href.clone()));
                // With nothing highlighted, Enter submits the form: a search for what was typed.
                if let Some(href) = chosen {
                    ev.prevent_default();
                    close();
                    navigate(&href, Default::default());
                }
            }
            "Escape" if open.get_untracked() && count > 0 => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    view! {
        <form class="search-box" role="search" method="get" action=link_to("/search") on:focusout=close_later>
            <input
                type="search"
                name="q"
                value=initial
                aria-label=t.search_label
                placeholder=t.search_placeholder
                autocomplete="off"
                enterkeyhint="search"
                maxlength="100"
                role=move || enhanced.get().then_some("combobox")
                aria-autocomplete=move || enhanced.get().then_some("list")
                aria-controls=move || enhanced.get().then_some(LISTBOX_ID)
                aria-expanded=move || enhanced.get().then(|| expanded().to_string())
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                on:input=on_input
                on:keydown=on_keydown
            />
            <button type="submit">{t.search_button}</button>
            // Options are links, so a click is an ordinary (router) navigation; pressing on the
            // list must not take focus from the field.
            <div
                id=LISTBOX_ID
                class="suggestions"
                role="listbox"
                aria-label=t.suggestions
                hidden=move || !expanded()
                on:mousedown=|ev: leptos::ev::MouseEvent| ev.prevent_default()
                on:click=move |_| close()
            >
                {move || {
                    let (categories, products): (Vec<_>, Vec<_>) = suggestions
                        .get()
                        .into_iter()
                        .enumerate()
                        .partition(|(_, s)| s.is_category);
                    view! {
                        {group("search-group-categories", t.categories, categories, active)}
                        {group("search-group-products", t.suggestion_products, products, active)}
                    }
                }}
            </div>
            <div class="search-status" aria-live="polite" aria-atomic="true">
                {move || announcement.get()}
            </div>
        </form>
    }
}

/// On a screen too short for the whole list, scrolls it just enough to show the highlighted
/// option (`scrollIntoView` would move the page as well).
fn keep_in_view(index: usize) {
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(list) = document.get_element_by_id(LISTBOX_ID) else {
            return;
        };
        let Some(option) = document
            .get_element_by_id(&option_id(index))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        // The list is positioned, so it is the option's offset parent.
        let top = option.offset_top();
        let bottom = top + option.offset_height();
        if top < list.scroll_top() {
            list.set_scroll_top(top);
        } else if bottom > list.scroll_top() + list.client_height() {
            list.set_scroll_top(bottom - list.client_height());
        }
    }
    #[cfg(feature = "ssr")]
    let _ = index;
}

/// A labelled group of options (the APG's grouped listbox); nothing when it is empty.
fn group(
    id: &'static str,
    heading: &'static str,
    options: Vec<(usize, Suggestion)>,
    active: RwSignal<Option<usize>>,
) -> impl IntoView {
    (!options.is_empty()).then(move || {
        view! {
            <div class="suggestion-group" role="group" aria-labelledby=id>
                <div class="suggestion-heading" role="presentation" id=id>{heading}</div>
                {options
                    .into_iter()
                    .map(|(index, suggestion)| suggestion_option(index, suggestion, active))
                    .collect_view()}
            </div>
        }
    })
}

/// One option. Its accessible name is the label, then the price for a product (the thumbnail
/// is decorative), so a category is found by its name alone.
fn suggestion_option(
    index: usize,
    suggestion: Suggestion,
    active: RwSignal<Option<usize>>,
) -> impl IntoView {
    let highlighted = move || active.get() == Some(index);
    let price = suggestion
        .min_price
        .zip(suggestion.max_price)
        .map(|(min, max)| view! { " " <Price min max/> });
    view! {
        <a
            id=option_id(index)
            class="suggestion"
            class:category=suggestion.is_category
            class:active=highlighted
            href=link_to(&suggestion.href)
            role="option"
            tabindex="-1"
            aria-selected=move || highlighted().to_string()
        >
            {suggestion
                .image
                .map(|src| view! { <img src=src alt="" width="40" height="40" loading="lazy"/> })}
            <span class="suggestion-text">
                <span class="suggestion-label">{suggestion.label}</span>
                {price}
            </span>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn arrows_wrap_around() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(1), 3, false), Some(0));
        assert_eq!(step(None, 0, true), None);
    }

    #[test]
    fn every_language_announces_the_count() {
        assert!(Locale::ALL
            .iter()
            .all(|l| l.texts().suggestions_count.contains("{}")));
        assert_eq!(option_id(2), "search-suggestions-2");
    }
}

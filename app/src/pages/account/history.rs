use crate::api::account::history::{list_history, ClearHistory};
use crate::components::error_notice::ErrorNotice;
use crate::components::product_grid::ProductGrid;
use crate::contexts::locale::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let clear = ServerAction::<ClearHistory>::new();
    let history = Resource::new(move || clear.version().get(), |_| list_history());
    view! {
        <Title text=a.history/>
        <h1>{a.history}</h1>
        <p class="hint">{a.history_off_hint}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{a.no_history}</p> }.into_any(),
                    Ok(list) => view! {
                        <ActionForm action=clear>
                            <button type="submit" class="button">{a.clear_history}</button>
                        </ActionForm>
                        <ProductGrid products=list.into_iter().map(|s| s.product).collect()/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

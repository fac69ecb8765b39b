use crate::api::admin::stock::{default_low_stock, SetDefaultLowStock};
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// The platform's default low-stock threshold on the Stock page. `on_saved` runs after a save
/// (the list marks its low SKUs again).
#[component]
pub fn DefaultThresholdForm(on_saved: Callback<()>) -> impl IntoView {
    let b = use_texts().admin;
    let save = ServerAction::<SetDefaultLowStock>::new();
    let current = Resource::new(move || save.version().get(), |_| default_low_stock());
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            on_saved.run(());
        }
    });
    view! {
        <ActionForm action=save attr:class="admin-filters">
            <label>
                <span>{b.default_threshold}</span>
                <Suspense fallback=|| view! { <input type="number" name="threshold" min="0" max="99999" required/> }>
                    {move || Suspend::new(async move {
                        let value = current.await.map(|n| n.to_string()).unwrap_or_default();
                        view! { <input type="number" name="threshold" min="0" max="99999" step="1" required value=value/> }
                    })}
                </Suspense>
            </label>
            <button type="submit" class="button" disabled=move || save.pending().get()>{b.save_threshold}</button>
            <small class="hint">{b.default_threshold_hint}</small>
            <FormErrors error=action_error(save)/>
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice-ok" role="status">{b.threshold_saved}</p>
            })}
        </ActionForm>
    }
}

use crate::api::admin::stock::SetSkuLowStock;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;

/// One SKU's own low-stock threshold; left empty, the default (`default`) applies.
#[component]
pub fn SkuThresholdForm(sku_id: i64, own: Option<i64>, default: i64) -> impl IntoView {
    let b = use_texts().admin;
    let save = ServerAction::<SetSkuLowStock>::new();
    view! {
        <ActionForm action=save attr:class="admin-filters">
            <input type="hidden" name="sku_id" value=sku_id/>
            <label>
                <span>{b.low_stock_threshold}</span>
                <input type="number" name="threshold" min="0" max="99999" step="1"
                    value=own.map(|n| n.to_string()).unwrap_or_default()
                    placeholder=fill(b.threshold_placeholder, default)/>
            </label>
            <button type="submit" class="button" disabled=move || save.pending().get()>{b.save_threshold}</button>
            <FormErrors error=action_error(save)/>
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice-ok" role="status">{b.threshold_saved}</p>
            })}
        </ActionForm>
    }
}

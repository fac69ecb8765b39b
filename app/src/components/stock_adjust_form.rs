use crate::api::admin::stock::AdjustStock;
use crate::components::form_errors::{action_problems, field_invalid, field_message, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::form::Field;
use crate::domain::stock::{Level, Warehouse};
use crate::error::AppError;
use leptos::prelude::*;

/// The "Adjust stock" form of one SKU: a warehouse, a signed "Quantity" (negative takes away)
/// and a "Reason", each refused at its field with what was typed kept. `on_adjusted` gets the
/// warehouse's new figures.
#[component]
pub fn StockAdjustForm(
    sku_id: i64,
    warehouses: Vec<Warehouse>,
    on_adjusted: Callback<Level>,
) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let adjust = ServerAction::<AdjustStock>::new();
    let problems = action_problems(adjust);
    let other_error = Signal::derive(move || match adjust.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(error)) => Some(error),
    });
    let field_error = move |field: Field| field_message(problems, field);
    let invalid = move |field: Field| field_invalid(problems, field);
    Effect::new(move |_| {
        if let Some(Ok(level)) = adjust.value().get() {
            on_adjusted.run(level);
        }
    });
    view! {
        <ActionForm action=adjust attr:class="stock-adjust">
            <input type="hidden" name="sku_id" value=sku_id/>
            <label>
                <span>{b.warehouse}</span>
                <select name="warehouse" aria-invalid=invalid(Field::Warehouse)>
                    {warehouses.into_iter().map(|w| view! {
                        <option value=w.id.to_string()>{w.name}</option>
                    }).collect_view()}
                </select>
            </label>
            {field_error(Field::Warehouse)}
            <label>
                <span>{b.quantity}</span>
                <input type="number" name="quantity" step="1" required
                    aria-invalid=invalid(Field::Quantity)/>
            </label>
            {field_error(Field::Quantity)}
            <label>
                <span>{b.reason}</span>
                <input type="text" name="reason" maxlength="200" required
                    aria-invalid=invalid(Field::Reason)/>
            </label>
            {field_error(Field::Reason)}
            <FormErrors error=other_error/>
            <button type="submit" class="button" disabled=move || adjust.pending().get()>
                {b.adjust_stock}
            </button>
            <small class="hint">{b.adjust_hint}</small>
        </ActionForm>
    }
}

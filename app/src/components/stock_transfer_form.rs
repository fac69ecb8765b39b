use crate::api::admin::stock::TransferStock;
use crate::components::form_errors::{action_problems, field_invalid, field_message, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::form::Field;
use crate::domain::stock::Warehouse;
use crate::error::AppError;
use leptos::prelude::*;

/// The "Transfer stock" form of one SKU: "From" and "To" warehouses, a "Quantity" above zero and
/// a "Reason", each refused at its field with what was typed kept. `on_transferred` runs after a
/// transfer. The second warehouse is preselected as "To".
#[component]
pub fn StockTransferForm(
    sku_id: i64,
    warehouses: Vec<Warehouse>,
    on_transferred: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let transfer = ServerAction::<TransferStock>::new();
    let problems = action_problems(transfer);
    let other_error = Signal::derive(move || match transfer.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(error)) => Some(error),
    });
    let field_error = move |field: Field| field_message(problems, field);
    let invalid = move |field: Field| field_invalid(problems, field);
    Effect::new(move |_| {
        if let Some(Ok(_)) = transfer.value().get() {
            on_transferred.run(());
        }
    });
    let options = move |chosen: usize| {
        warehouses
            .iter()
            .enumerate()
            .map(|(i, w)| {
                view! { <option value=w.id.to_string() selected=i == chosen>{w.name.clone()}</option> }
            })
            .collect_view()
    };
    let (from_options, to_options) = (options(0), options(1));
    view! {
        <ActionForm action=transfer attr:class="stock-adjust">
            <h2>{b.transfer_stock}</h2>
            <input type="hidden" name="sku_id" value=sku_id/>
            <label>
                <span>{b.transfer_from}</span>
                <select name="from" aria-invalid=invalid(Field::Warehouse)>{from_options}</select>
            </label>
            {field_error(Field::Warehouse)}
            <label>
                <span>{b.transfer_to}</span>
                <select name="to" aria-invalid=invalid(Field::TransferTo)>{to_options}</select>
            </label>
            {field_error(Field::TransferTo)}
            <label>
                <span>{b.quantity}</span>
                <input type="number" name="quantity" min="1" step="1" required
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
            {move || matches!(transfer.value().get(), Some(Ok(_))).then(|| view! {
                <p class="notice-ok" role="status">{b.transferred}</p>
            })}
            <button type="submit" class="button" disabled=move || transfer.pending().get()>
                {b.transfer_stock}
            </button>
            <small class="hint">{b.transfer_hint}</small>
        </ActionForm>
    }
}

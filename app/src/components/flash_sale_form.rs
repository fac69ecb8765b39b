use crate::api::admin::promotions::CreateFlashSale;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// "New flash sale": a name, when it runs, the limit per member, and its SKUs one per line
/// (code, flash price, flash stock). Creating it takes the flash stock out of normal stock.
/// Its times are labelled "Opens" and "Closes", apart from the other forms' "Starts" and "Ends".
#[component]
pub fn FlashSaleForm(create: ServerAction<CreateFlashSale>) -> impl IntoView {
    let p = use_texts().promotion;
    view! {
        <ActionForm action=create attr:class="stack-form promotion-form">
            <label>
                <span>{p.name}</span>
                <input type="text" name="form[name]" maxlength="60" required/>
            </label>
            <label>
                <span>{p.flash_opens}</span>
                <input type="datetime-local" name="form[starts]" required/>
            </label>
            <label>
                <span>{p.flash_closes}</span>
                <input type="datetime-local" name="form[ends]" required/>
            </label>
            <label>
                <span>{p.flash_per_member}</span>
                <input type="text" inputmode="numeric" name="form[per_member]" value="1" required/>
            </label>
            <label>
                <span>{p.flash_items_label}</span>
                <textarea name="form[items]" rows="4" required placeholder="TEA-001 39.90 20"></textarea>
            </label>
            <FormErrors error=action_error(create)/>
            <button type="submit" class="button primary" disabled=move || create.pending().get()>{p.create}</button>
        </ActionForm>
    }
}

use crate::api::admin::promotions::SetMemberPrice;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::account::MemberTier;
use crate::i18n::account::tier_name;
use leptos::prelude::*;

/// "Save member price": a SKU code, the lowest level it is for, and the price in yuan. Saving
/// the same SKU and level again replaces the price.
#[component]
pub fn MemberPriceForm(set: ServerAction<SetMemberPrice>) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    view! {
        <ActionForm action=set attr:class="stack-form promotion-form">
            <label>
                <span>{p.member_price_sku}</span>
                <input type="text" name="form[sku_code]" maxlength="64" autocomplete="off" required/>
            </label>
            <label>
                <span>{p.member_price_level}</span>
                <select name="form[tier]">
                    {MemberTier::ALL.into_iter().map(|tier| view! {
                        <option value=tier.as_str() selected=tier == MemberTier::Silver>
                            {tier_name(t.accounts, tier)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{p.member_price_label}</span>
                <input type="text" inputmode="decimal" name="form[price]" required/>
            </label>
            <FormErrors error=action_error(set)/>
            <button type="submit" class="button primary" disabled=move || set.pending().get()>
                {p.member_price_save}
            </button>
        </ActionForm>
    }
}

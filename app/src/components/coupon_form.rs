use crate::api::admin::promotions::CreateCoupon;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::scope_fields::ScopeFields;
use crate::contexts::locale::use_texts;
use crate::domain::account::MemberTier;
use crate::i18n::account::tier_name;
use leptos::prelude::*;

/// "New coupon": what it gives (amount off, percent off with a cap, or free shipping), on which
/// goods, from
/// what spend and level, how many copies and per member, how long a copy lasts, when it may be
/// claimed, and an optional code.
#[component]
pub fn CouponForm(create: ServerAction<CreateCoupon>) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    view! {
        <ActionForm action=create attr:class="stack-form promotion-form">
            <label>
                <span>{p.name}</span>
                <input type="text" name="form[name]" maxlength="60" required/>
            </label>
            <label>
                <span>{p.kind}</span>
                <select name="form[kind]">
                    <option value="amount_off">{p.amount}</option>
                    <option value="percent_off">{p.rate}</option>
                    <option value="free_shipping">{p.free_shipping}</option>
                </select>
            </label>
            <label>
                <span>{p.amount}</span>
                <input type="text" inputmode="decimal" name="form[amount]"/>
            </label>
            <label>
                <span>{p.rate}</span>
                <input type="number" min="1" max="90" name="form[rate]"/>
            </label>
            <label>
                <span>{p.cap}</span>
                <input type="text" inputmode="decimal" name="form[cap]"/>
            </label>
            <label>
                <span>{p.min_spend}</span>
                <input type="text" inputmode="decimal" name="form[min_spend]"/>
            </label>
            <ScopeFields kind_name="form[scope]" keys_name="form[scope_keys]"/>
            <label class="check">
                <input type="checkbox" name="form[include_flash]"/>
                <span>{p.include_flash_label}</span>
            </label>
            <label>
                <span>{p.min_tier_label}</span>
                <select name="form[min_tier]">
                    {MemberTier::ALL.into_iter().map(|tier| view! {
                        <option value=tier.as_str()>{tier_name(t.accounts, tier)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{p.quantity}</span>
                <input type="number" min="1" name="form[quantity]" value="1000" required/>
            </label>
            <label>
                <span>{p.per_member}</span>
                <input type="number" min="1" max="100" name="form[per_member]" value="1" required/>
            </label>
            <label>
                <span>{p.valid_days_label}</span>
                <input type="number" min="1" max="365" name="form[valid_days]" value="30" required/>
            </label>
            <label>
                <span>{p.valid_until_label}</span>
                <input type="datetime-local" name="form[valid_until]"/>
            </label>
            <label>
                <span>{p.claim_from}</span>
                <input type="datetime-local" name="form[claim_from]" required/>
            </label>
            <label>
                <span>{p.claim_until}</span>
                <input type="datetime-local" name="form[claim_until]" required/>
            </label>
            <label>
                <span>{p.issue_label}</span>
                <select name="form[reward]">
                    <option value="">{p.issue_claimed}</option>
                    <option value="welcome">{p.issue_welcome}</option>
                    <option value="birthday">{p.issue_birthday}</option>
                    <option value="level_up">{p.issue_level_up}</option>
                    <option value="segment">{p.issue_segment}</option>
                </select>
            </label>
            <label>
                <span>{p.code_label}</span>
                <input type="text" name="form[code]" maxlength="20" autocomplete="off"/>
            </label>
            <FormErrors error=action_error(create)/>
            <button type="submit" class="button primary" disabled=move || create.pending().get()>{p.create}</button>
        </ActionForm>
    }
}

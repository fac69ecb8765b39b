use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::account::{AddressForm, REGIONS};
use leptos::prelude::*;

/// The labelled inputs of an address, filled with `form`.
#[component]
pub fn AddressFields(form: AddressForm) -> impl IntoView {
    let a = use_texts().accounts;
    let locale = use_locale();
    let chosen = form.region.clone();
    view! {
        <label>
            <span>{a.recipient}</span>
            <input type="text" name="recipient" value=form.recipient autocomplete="name" maxlength="40" required/>
        </label>
        <label>
            <span>{a.phone}</span>
            <input type="tel" name="phone" value=form.phone autocomplete="tel" required/>
        </label>
        <label>
            <span>{a.region}</span>
            <select name="region" required autocomplete="address-level1">
                <option value="" selected=chosen.is_empty()>{a.choose_region}</option>
                {REGIONS
                    .iter()
                    .map(|r| view! { <option value=r.code selected=r.code == chosen>{r.name(locale)}</option> })
                    .collect_view()}
            </select>
        </label>
        <label>
            <span>{a.city}</span>
            <input type="text" name="city" value=form.city autocomplete="address-level2" maxlength="40" required/>
        </label>
        <label>
            <span>{a.address_detail}</span>
            <input type="text" name="detail" value=form.detail autocomplete="street-address" maxlength="120" required/>
        </label>
        <label>
            <span>{a.postal_code}</span>
            <input type="text" name="postal_code" value=form.postal_code autocomplete="postal-code" inputmode="numeric" maxlength="6"/>
        </label>
    }
}

use crate::api::admin::stock::SaveWarehouse;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::account::REGIONS;
use crate::domain::stock::Warehouse;
use leptos::prelude::*;

/// A warehouse's name, the region where it stands and the regions it serves first (a checkbox
/// each). Without `current` it adds a warehouse.
#[component]
pub fn WarehouseForm(
    save: ServerAction<SaveWarehouse>,
    current: Option<Warehouse>,
) -> impl IntoView {
    let b = use_texts().admin;
    let locale = use_locale();
    let id = current.as_ref().map(|w| w.id);
    let name = current.as_ref().map(|w| w.name.clone()).unwrap_or_default();
    let region = current
        .as_ref()
        .map(|w| w.region.clone())
        .unwrap_or_default();
    let serves = current.map(|w| w.serves).unwrap_or_default();
    view! {
        <ActionForm action=save attr:class="stack-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <label>
                <span>{b.warehouse_name}</span>
                <input type="text" name="name" value=name maxlength="60" required/>
            </label>
            <label>
                <span>{b.region}</span>
                <select name="region" required>
                    <option value="" selected=region.is_empty()>{b.choose}</option>
                    {REGIONS.iter().map(|r| view! {
                        <option value=r.code selected=region == r.code>{r.name(locale)}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset class="region-choices">
                <legend>{b.serves}</legend>
                {REGIONS.iter().enumerate().map(|(i, r)| view! {
                    <label class="check">
                        <input type="checkbox" name=format!("serves[{i}]") value=r.code
                            checked=serves.iter().any(|c| c == r.code)/>
                        <span>{r.name(locale)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <FormErrors error=action_error(save)/>
            <button type="submit" class="button primary" disabled=move || save.pending().get()>
                {if id.is_some() { b.save } else { b.create }}
            </button>
        </ActionForm>
    }
}

use crate::api::account::addresses::{
    list_addresses, DeleteAddress, SaveAddress, SetDefaultAddress,
};
use crate::components::address_fields::AddressFields;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::domain::account::AddressForm;
use crate::domain::account::AddressView;
use leptos::prelude::*;
use leptos_meta::Title;

/// The address book: add, edit, delete, choose the default.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let t = use_texts();
    let a = t.accounts;
    let save = ServerAction::<SaveAddress>::new();
    let delete = ServerAction::<DeleteAddress>::new();
    let make_default = ServerAction::<SetDefaultAddress>::new();
    let editing = RwSignal::new(None::<i64>);
    let addresses = Resource::new(
        move || {
            (
                save.version().get(),
                delete.version().get(),
                make_default.version().get(),
            )
        },
        |_| list_addresses(),
    );
    // A fresh, empty form after each successful save; a refused one keeps what was typed.
    let new_form_key = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            new_form_key.update(|k| *k += 1);
            editing.set(None);
        }
    });
    let list_error = Signal::derive(move || {
        action_error(delete)
            .get()
            .or_else(|| action_error(make_default).get())
    });
    view! {
        <Title text=a.addresses/>
        <h1>{a.addresses}</h1>
        <FormErrors error=list_error/>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match addresses.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{a.no_addresses}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="address-list">
                            {list
                                .into_iter()
                                .map(|address| view! { <AddressCard address save delete make_default editing/> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
        // Hidden while an address is being edited, so the page has one "Recipient" field (and
        // so on) at a time, never two with the same label.
        <Show when=move || editing.get().is_none()>
            <section class="panel">
                <h2>{a.add_address}</h2>
                {move || {
                    new_form_key.get();
                    view! {
                        <ActionForm action=save attr:class="stack-form">
                            <AddressFields form=AddressForm::default()/>
                            <FormErrors error=action_error(save)/>
                            <button type="submit" class="button primary" disabled=move || save.pending().get()>{a.add_address}</button>
                        </ActionForm>
                    }
                }}
            </section>
        </Show>
    }
}

#[component]
fn AddressCard(
    address: AddressView,
    save: ServerAction<SaveAddress>,
    delete: ServerAction<DeleteAddress>,
    make_default: ServerAction<SetDefaultAddress>,
    editing: RwSignal<Option<i64>>,
) -> impl IntoView {
    let a = use_texts().accounts;
    let id = address.id;
    let label = crate::i18n::fill(a.address_of, &address.form.recipient);
    let summary = format!(
        "{} {} {}{}",
        address.region_name,
        address.form.city,
        address.form.detail,
        if address.form.postal_code.is_empty() {
            String::new()
        } else {
            format!(" {}", address.form.postal_code)
        }
    );
    let form = StoredValue::new(address.form.clone());
    let is_default = address.is_default;
    view! {
        <li class="address-card" class:default=address.is_default aria-label=label>
            <p class="address-name">
                <strong>{address.form.recipient.clone()}</strong> " " {address.form.phone.clone()}
                {address.is_default.then(|| view! { <span class="badge">{a.default_badge}</span> })}
            </p>
            <p>{summary}</p>
            <Show
                when=move || editing.get() == Some(id)
                fallback=move || view! {
                    <div class="card-actions">
                        {(!is_default).then(|| view! {
                            <ActionForm action=make_default>
                                <input type="hidden" name="id" value=id/>
                                <button type="submit" class="link-button">{a.set_default}</button>
                            </ActionForm>
                        })}
                        <button type="button" class="link-button" on:click=move |_| editing.set(Some(id))>{a.edit}</button>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="link-button danger">{a.delete}</button>
                        </ActionForm>
                    </div>
                }
            >
                <ActionForm action=save attr:class="stack-form">
                    <input type="hidden" name="id" value=id/>
                    <AddressFields form=form.get_value()/>
                    <FormErrors error=action_error(save)/>
                    <div class="card-actions">
                        <button type="submit" class="button primary">{a.save}</button>
                        <button type="button" class="button" on:click=move |_| editing.set(None)>{a.cancel}</button>
                    </div>
                </ActionForm>
            </Show>
        </li>
    }
}

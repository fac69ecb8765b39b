use crate::api::supplier::ApplyAsSupplier;
use crate::components::form_errors::FormErrors;
use crate::contexts::locale::{use_locale, use_texts};
use crate::domain::account::REGIONS;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The application to sell on Jishi: company, contact, licence number and photo, categories and
/// where goods ship from. Sent as multipart (it carries the photo); refused fields are listed
/// under the form and everything typed stays. `sent` is raised once it went through.
#[component]
pub fn SupplierApplicationForm(
    categories: Vec<(i64, String)>,
    sent: RwSignal<u32>,
) -> impl IntoView {
    let s = use_texts().supplier;
    let locale = use_locale();
    let apply = Action::new_local(|data: &web_sys::FormData| apply_form(data.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = apply.value().get() {
            sent.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || {
        apply
            .value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(data) = crate::components::form_data::submitted_form_data(&ev) {
            apply.dispatch_local(data);
        }
    };
    view! {
        <form method="post" action=ApplyAsSupplier::PATH enctype="multipart/form-data"
            class="stack-form panel" on:submit=on_submit>
            <label>
                <span>{s.company}</span>
                <input type="text" name="company" maxlength="100" required autocomplete="organization"/>
            </label>
            <label>
                <span>{s.contact}</span>
                <input type="text" name="contact" maxlength="50" required autocomplete="name"/>
            </label>
            <label>
                <span>{s.phone}</span>
                <input type="tel" name="phone" maxlength="24" required autocomplete="tel"/>
            </label>
            <label>
                <span>{s.licence_number}</span>
                <input type="text" name="licence_number" maxlength="24" required autocapitalize="characters" spellcheck="false"/>
                <small class="hint">{s.licence_number_hint}</small>
            </label>
            <label>
                <span>{s.licence_image}</span>
                <input type="file" name="licence" accept="image/png,image/jpeg,image/webp" required/>
                <small class="hint">{s.licence_image_hint}</small>
            </label>
            // A multiple select outside its label, not check boxes: category names ("Phones &
            // Digital") must not become part of another field's label ("Phone").
            <div class="field">
                <label for="supplier-categories">{s.categories}</label>
                <select id="supplier-categories" name="categories" multiple required size="6"
                    aria-describedby="supplier-categories-hint">
                    {categories.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
                <small id="supplier-categories-hint" class="hint">{s.categories_hint}</small>
            </div>
            <label>
                <span>{s.region}</span>
                <select name="region">
                    {REGIONS.iter().map(|r| view! { <option value=r.code>{r.name(locale)}</option> }).collect_view()}
                </select>
            </label>
            <FormErrors error/>
            <button type="submit" class="button primary" disabled=move || apply.pending().get()>{s.apply}</button>
        </form>
    }
}

async fn apply_form(data: web_sys::FormData) -> Result<(), AppError> {
    crate::api::supplier::apply_as_supplier(data.into()).await
}

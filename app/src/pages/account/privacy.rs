use crate::api::account::privacy::{export_my_data, DeleteAccount};
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let a = use_texts().accounts;
    let delete = ServerAction::<DeleteAccount>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            crate::contexts::guest_storage::clear();
            crate::contexts::session::reload_at(&link_to("/goodbye"));
        }
    });
    let export_error = RwSignal::new(None::<AppError>);
    let download = move |_| {
        leptos::task::spawn_local(async move {
            match export_my_data().await {
                Ok(json) => {
                    export_error.set(None);
                    save_file("jishi-my-data.json", &json);
                }
                Err(e) => export_error.set(Some(e)),
            }
        });
    };
    view! {
        <Title text=a.privacy_title/>
        <h1>{a.privacy_title}</h1>
        <section class="panel">
            <h2>{a.download_data}</h2>
            <p class="hint">{a.download_hint}</p>
            <FormErrors error=export_error/>
            <button type="button" class="button" on:click=download>{a.download_data}</button>
            <p><a href=link_to("/privacy")>{a.policy_title}</a></p>
        </section>
        <section class="panel danger-zone">
            <h2>{a.delete_account}</h2>
            <p>{a.delete_warning}</p>
            <ActionForm action=delete attr:class="stack-form">
                <label>
                    <span>{a.password}</span>
                    <input type="password" name="password" autocomplete="current-password" required aria-describedby="delete-confirm"/>
                </label>
                <p id="delete-confirm" class="hint">{a.confirm_with_password}</p>
                <FormErrors error=action_error(delete)/>
                <button type="submit" class="button danger" disabled=move || delete.pending().get()>{a.delete_account}</button>
            </ActionForm>
        </section>
    }
}

/// Offers `text` as a file download (a Blob behind a temporary link).
fn save_file(name: &str, text: &str) {
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys_array(text);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(link) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            link.set_href(&url);
            link.set_download(name);
            link.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(feature = "ssr")]
    let _ = (name, text);
}

#[cfg(not(feature = "ssr"))]
fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = web_sys::js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

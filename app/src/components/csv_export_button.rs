use crate::contexts::locale::use_texts;
use crate::error::AppError;
use leptos::prelude::*;

/// "Export CSV": fetches the whole catalog as CSV (one row per SKU, the import's columns) and
/// saves it as `jishi-products.csv`.
#[component]
pub fn CsvExportButton() -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let export = Action::new_local(|_: &()| async move {
        let text = crate::api::admin::product_csv::export_products_csv().await?;
        save_file(&text);
        Ok::<(), AppError>(())
    });
    view! {
        <button type="button" class="button" disabled=move || export.pending().get()
            on:click=move |_| { export.dispatch_local(()); }>
            {b.export_csv}
        </button>
        {move || match export.value().get() {
            Some(Err(error)) => Some(view! { <p class="field-error" role="alert">{error.user_message(t)}</p> }),
            _ => None,
        }}
    }
}

/// Hands `text` to the browser as a downloaded file.
fn save_file(text: &str) {
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let parts = web_sys::js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let link = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            link.set_href(&url);
            link.set_download("jishi-products.csv");
            link.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(feature = "ssr")]
    let _ = text;
}

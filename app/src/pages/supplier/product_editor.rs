use crate::api::supplier::{supplier_product_editor, SubmitProduct};
use crate::components::admin_error::AdminError;
use crate::components::product_editor::{reopen_after_save, ProductEditor, SaveIntent};
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_edit::ProductForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The supplier's buttons as the save's input.
fn submit_input(form: ProductForm, intent: SaveIntent) -> SubmitProduct {
    SubmitProduct {
        form,
        submit: intent == SaveIntent::Submit,
        unlist: intent == SaveIntent::Unlist,
    }
}

/// The supplier's product editor at `/supplier/products/new` and `/supplier/products/<id>`: the
/// operator's fields, with "Submit for review" in place of "Publish" and the latest review's
/// outcome (a rejection with its reason).
#[component]
pub fn SupplierProductEditorPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let data = Resource::new(id, supplier_product_editor);
    let save = ServerAction::<SubmitProduct>::new();
    reopen_after_save(save, data, id, "/supplier/products");
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ProductEditor data save make=submit_input supplier=true/> }.into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

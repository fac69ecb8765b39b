use crate::api::admin::products::{product_editor, SaveProduct};
use crate::components::admin_error::AdminError;
use crate::components::product_editor::{reopen_after_save, ProductEditor, SaveIntent};
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_edit::ProductForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The operator's buttons as the save's input.
fn save_input(form: ProductForm, intent: SaveIntent) -> SaveProduct {
    SaveProduct {
        form,
        publish: intent == SaveIntent::Publish,
        unlist: intent == SaveIntent::Unlist,
    }
}

/// The product editor at `/admin/products/new` and `/admin/products/<id>`: names and
/// descriptions in three languages, category, option values (the SKU matrix follows them),
/// price and stock per SKU, "Save draft" or "Publish".
#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let data = Resource::new(id, product_editor);
    let save = ServerAction::<SaveProduct>::new();
    reopen_after_save(save, data, id, "/admin/products");
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ProductEditor data save make=save_input/> }.into_any(),
                    Err(error) => view! { <AdminError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

use crate::components::form_errors::field_message;
use crate::contexts::locale::use_texts;
use crate::domain::catalog::product_edit::ProductForm;
use crate::domain::catalog::product_images::ImageForm;
use crate::domain::form::{Field, FieldProblem};
use crate::error::AppError;
use crate::i18n::fill;
use leptos::html::Input;
use leptos::prelude::*;

/// The product's images in the editor: "Upload images" (one or more photos, sent one at a time
/// as they are chosen), alt text per language, move up and down, remove. The images are saved
/// with the product.
#[component]
pub fn ProductImagesEditor(
    form: RwSignal<ProductForm>,
    #[prop(into)] problems: Signal<Vec<FieldProblem>>,
) -> impl IntoView {
    let t = use_texts();
    let b = t.admin;
    let picker = NodeRef::<Input>::new();
    // (which file, how many) while uploading.
    let progress = RwSignal::new(None::<(usize, usize)>);
    let upload_error = RwSignal::new(None::<AppError>);
    let field_error = move |field: Field| field_message(problems, field);
    let on_chosen = move |_ev: leptos::ev::Event| {
        #[cfg(not(feature = "ssr"))]
        {
            let Some(input) = picker.get_untracked() else {
                return;
            };
            let Some(list) = input.files() else {
                return;
            };
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            // Cleared now, so choosing the same file again still fires a change.
            input.set_value("");
            upload_error.set(None);
            leptos::task::spawn_local(async move {
                let count = files.len();
                for (n, file) in files.into_iter().enumerate() {
                    progress.set(Some((n + 1, count)));
                    let Ok(data) = web_sys::FormData::new() else {
                        continue;
                    };
                    if data.append_with_blob("image", &file).is_err() {
                        continue;
                    }
                    match crate::api::admin::products::upload_product_image(data.into()).await {
                        Ok(uploaded) => form.update(|f| {
                            f.images.push(ImageForm {
                                url: uploaded.url,
                                srcset: uploaded.srcset,
                                ..ImageForm::default()
                            })
                        }),
                        Err(error) => upload_error.set(Some(error)),
                    }
                }
                progress.set(None);
            });
        }
    };
    let move_image = move |from: usize, to: usize| {
        form.update(|f| {
            if from < f.images.len() && to < f.images.len() {
                f.images.swap(from, to);
            }
        })
    };
    view! {
        <section class="panel">
            <h2>{b.images}</h2>
            <p class="hint">{b.images_hint}</p>
            {field_error(Field::Images)}
            {move || {
                let images = form.with(|f| f.images.clone());
                let count = images.len();
                if count == 0 {
                    return view! { <p class="empty">{b.no_images}</p> }.into_any();
                }
                view! {
                    <ol class="image-list">
                        {images.into_iter().enumerate().map(|(index, image)| {
                            let n = index + 1;
                            let alt_input = move |label: &'static str, pick: fn(&mut ImageForm) -> &mut String, value: String| view! {
                                <label>
                                    <span>{label}</span>
                                    <input type="text" maxlength="125" value=value
                                        on:input=move |ev| {
                                            let typed = event_target_value(&ev);
                                            form.update(|f| if let Some(i) = f.images.get_mut(index) { *pick(i) = typed; });
                                        }/>
                                </label>
                            };
                            view! {
                                <li>
                                    <fieldset>
                                        <legend>{fill(b.image_n, n)}</legend>
                                        <img src=image.url.clone() srcset=image.srcset.clone() sizes="120px" alt="" width="120" height="120"/>
                                        {alt_input(b.alt_en, |i| &mut i.alt_en, image.alt_en.clone())}
                                        {alt_input(b.alt_zh_hant, |i| &mut i.alt_zh_hant, image.alt_zh_hant.clone())}
                                        {alt_input(b.alt_zh_hans, |i| &mut i.alt_zh_hans, image.alt_zh_hans.clone())}
                                        {field_error(Field::ImageAlt(index as u16))}
                                        <div class="image-actions">
                                            <button type="button" class="button" disabled=index == 0
                                                on:click=move |_| move_image(index, index.saturating_sub(1))>
                                                {fill(b.move_image_up, n)}
                                            </button>
                                            <button type="button" class="button" disabled=index + 1 == count
                                                on:click=move |_| move_image(index, index + 1)>
                                                {fill(b.move_image_down, n)}
                                            </button>
                                            <button type="button" class="button danger"
                                                on:click=move |_| form.update(|f| { if index < f.images.len() { f.images.remove(index); } })>
                                                {fill(b.remove_image, n)}
                                            </button>
                                        </div>
                                    </fieldset>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            // The file input itself is the "Upload images" button (one control, named by its
            // label): choosing files starts the upload.
            <label class="upload-images">
                <span>{b.upload_images}</span>
                <input type="file" node_ref=picker multiple accept="image/jpeg,image/png,image/webp"
                    disabled=move || progress.get().is_some() on:change=on_chosen/>
            </label>
            {move || progress.get().map(|(n, count)| {
                let text = b.uploading.replacen("{}", &n.to_string(), 1).replacen("{}", &count.to_string(), 1);
                view! { <p role="status">{text}</p> }
            })}
            {move || upload_error.get().map(|error| view! {
                <p class="field-error" role="alert">{error.user_message(t)}</p>
            })}
        </section>
    }
}

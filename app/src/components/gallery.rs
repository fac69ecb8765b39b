use crate::contexts::locale::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;

/// The main image with thumbnails that swap it.
#[component]
pub fn Gallery(images: Vec<String>, alt: String) -> impl IntoView {
    let t = use_texts();
    let selected = RwSignal::new(0usize);
    let count = images.len();
    let main_images = images.clone();
    let main = move || main_images.get(selected.get()).cloned().unwrap_or_default();
    view! {
        <section class="gallery" aria-label=t.product_images>
            <img class="gallery-main" src=main alt=alt width="800" height="800"/>
            {(count > 1)
                .then(|| {
                    view! {
                        <ul class="thumbs">
                            {images
                                .into_iter()
                                .enumerate()
                                .map(|(i, src)| {
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                aria-label=fill(t.show_image, i + 1)
                                                aria-pressed=move || (selected.get() == i).to_string()
                                                on:click=move |_| selected.set(i)
                                            >
                                                <img src=src alt="" width="96" height="96" loading="lazy"/>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

use crate::contexts::locale::use_texts;
use crate::domain::catalog::ProductImage;
use crate::i18n::fill;
use leptos::prelude::*;

/// How wide the main image is drawn: the whole phone, half a desktop page.
const MAIN_SIZES: &str = "(min-width: 900px) 560px, 100vw";

/// The main image with thumbnails that swap it. The main image is the page's largest paint:
/// loaded at once, with high priority, at the width the screen needs.
#[component]
pub fn Gallery(images: Vec<ProductImage>) -> impl IntoView {
    let t = use_texts();
    let selected = RwSignal::new(0usize);
    let count = images.len();
    let main_images = StoredValue::new(images.clone());
    let main = move |pick: fn(&ProductImage) -> String| {
        main_images.with_value(|all| all.get(selected.get()).map(pick).unwrap_or_default())
    };
    view! {
        <section class="gallery" aria-label=t.product_images>
            <img class="gallery-main" src=move || main(|i| i.url.clone())
                srcset=move || main(|i| i.srcset.clone()) sizes=MAIN_SIZES
                alt=move || main(|i| i.alt.clone()) width="800" height="800" fetchpriority="high"/>
            {(count > 1)
                .then(|| {
                    view! {
                        <ul class="thumbs">
                            {images
                                .into_iter()
                                .enumerate()
                                .map(|(i, image)| {
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                aria-label=fill(t.show_image, i + 1)
                                                aria-pressed=move || (selected.get() == i).to_string()
                                                on:click=move |_| selected.set(i)
                                            >
                                                <img src=image.url srcset=image.srcset sizes="96px" alt="" width="96" height="96" loading="lazy"/>
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

use crate::api::catalog::get_product;
use crate::components::{
    breadcrumb::Breadcrumb, countdown::ticking_now, error_notice::ErrorNotice,
    favourite_button::FavouriteButton, flash_sale_badge::FlashSaleBadge, gallery::Gallery,
    option_picker::OptionPicker, price::Price, stock_label::StockLabel,
};
use crate::contexts::locale::link_to;
use crate::contexts::locale::{use_locale, use_texts};
use crate::contexts::site::use_site_url;
use crate::domain::catalog::{
    initial_selection, price_range, selected_sku, stock_for, ProductDetail, StockState,
};
use crate::domain::promotion::flash_sale::FlashState;
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProductPage() -> impl IntoView {
    let locale = use_locale();
    let t = use_texts();
    let params = use_params_map();
    let product = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        move |slug| get_product(slug, locale),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(product) => view! { <ProductView product/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound message=t.product_not_found/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The first sentence-sized piece of the description, for search engines and link previews.
fn summary(description: &str) -> String {
    let mut text: String = description
        .chars()
        .take(150)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if description.chars().count() > 150 {
        text.push('…');
    }
    text
}

/// schema.org Product data with an offer (or a price range across SKUs).
fn json_ld(product: &ProductDetail, url: &str, images: &[String]) -> String {
    // Offered: what can be bought now (see `offer_range`), like the listings.
    let (low, high) =
        crate::domain::catalog::offer_range(product.skus.iter().map(|s| (s.price, s.stock)))
            .unwrap_or_default();
    let in_stock = product.skus.iter().any(|s| s.stock > 0);
    let availability = if in_stock {
        "https://schema.org/InStock"
    } else {
        "https://schema.org/OutOfStock"
    };
    let offers = if low == high {
        serde_json::json!({ "@type": "Offer", "price": low.to_decimal_string(), "priceCurrency": "CNY", "availability": availability, "url": url })
    } else {
        serde_json::json!({
            "@type": "AggregateOffer", "lowPrice": low.to_decimal_string(), "highPrice": high.to_decimal_string(),
            "priceCurrency": "CNY", "offerCount": product.skus.len(), "availability": availability, "url": url
        })
    };
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": summary(&product.description),
        "image": images,
        "sku": product.skus.first().map(|s| s.code.clone()),
        "offers": offers,
    });
    if !product.brand.is_empty() {
        data["brand"] = serde_json::json!({ "@type": "Brand", "name": product.brand });
    }
    if !product.attributes.is_empty() {
        data["additionalProperty"] = product
            .attributes
            .iter()
            .map(|a| serde_json::json!({ "@type": "PropertyValue", "name": a.name, "value": a.value }))
            .collect();
    }
    // A barcode names one item: given only when the product is one SKU.
    if let [only] = product.skus.as_slice() {
        if let Some(gtin) = &only.gtin {
            data["gtin13"] = gtin.clone().into();
        }
    }
    // "</script>" inside the JSON must not end the script element.
    data.to_string().replace("</", "<\\/")
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let t = use_texts();
    let site = use_site_url();
    let url = format!(
        "{site}{}",
        crate::contexts::locale::link_to(&format!("/p/{}", product.slug))
    );
    let absolute_images: Vec<String> = product
        .images
        .iter()
        .map(|image| format!("{site}{}", image.url))
        .collect();
    let ld = json_ld(&product, &url, &absolute_images);
    let description = summary(&product.description);
    let axis_count = product.axes.len();
    let selection = RwSignal::new(initial_selection(&product.axes));
    let skus = StoredValue::new(product.skus.clone());

    let range = move || skus.with_value(|skus| selection.with(|sel| price_range(skus, sel)));
    let chosen = move || {
        skus.with_value(|skus| selection.with(|sel| selected_sku(skus, sel, axis_count).cloned()))
    };
    let stock = Signal::derive(move || {
        StockState::of(skus.with_value(|skus| selection.with(|sel| stock_for(skus, sel))))
    });
    // The flash offer shown: the chosen SKU's, else the product's first (soonest).
    let now = ticking_now(product.now);
    let offers = StoredValue::new(product.flash.clone());
    let flash_offer = move || {
        offers.with_value(|offers| {
            let chosen = chosen();
            offers
                .iter()
                .find(|o| chosen.as_ref().is_some_and(|sku| sku.id == o.sku_id))
                .or_else(|| chosen.is_none().then(|| offers.first()).flatten())
                .cloned()
        })
    };
    // What each level pays for the chosen SKU, from the lowest level up (other SKUs of the
    // product may have none).
    let member_price_list = StoredValue::new(product.member_prices.clone());
    let member_prices = move || {
        let sku = chosen()?;
        let lines: Vec<String> = member_price_list.with_value(|prices| {
            crate::domain::promotion::member_price::price_ladder(sku.id, sku.price, prices)
                .into_iter()
                .map(|(tier, price)| {
                    crate::i18n::fill_all(
                        t.promotion.member_price_for,
                        &[&crate::i18n::account::tier_name(t.accounts, tier), &price],
                    )
                })
                .collect()
        });
        (!lines.is_empty()).then_some(lines)
    };
    // Units a shopper can put in the cart: normal stock, plus flash stock while it sells.
    let buyable = move |sku: &crate::domain::catalog::Sku| {
        let flash_left = offers.with_value(|offers| {
            offers
                .iter()
                .filter(|o| o.sku_id == sku.id)
                .filter(|o| o.state(now.get_untracked()) == FlashState::Running)
                .map(|o| o.left())
                .sum::<i64>()
        });
        sku.stock.max(0) + flash_left
    };
    let max_quantity = move || chosen().map(|s| buyable(&s).clamp(1, 99)).unwrap_or(99);
    let og_image = absolute_images.first().cloned().unwrap_or_default();
    record_view(product.id);
    let cart = crate::contexts::cart::use_cart();
    // As typed (full-width digits allowed); parsed when "Add to cart" is pressed.
    let quantity = RwSignal::new("1".to_string());
    let added = RwSignal::new(None::<Result<(), AppError>>);
    let can_add = move || chosen().is_some_and(|sku| buyable(&sku) > 0);
    let add_to_cart = move |_| {
        if let Some(sku) = chosen() {
            match crate::domain::cart::parse_quantity_text(&quantity.get_untracked()) {
                // More than is left goes in as what is left; the cart says so at the line.
                Ok(wanted) => cart.add(sku.id, wanted.min(buyable(&sku).max(1)), move |result| {
                    added.set(Some(result))
                }),
                Err(refused) => added.set(Some(Err(refused.into()))),
            }
        }
    };

    view! {
        <Title text=product.name.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=product.name.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        <Meta property="og:image" content=og_image/>
        <script type="application/ld+json" inner_html=ld></script>
        <Breadcrumb trail=product.breadcrumb.clone()/>
        <article class="product">
            <Gallery images=product.images.clone()/>
            <div class="product-info">
                <div class="title-row">
                    <h1>{product.name.clone()}</h1>
                    <FavouriteButton product_id=product.id label=t.accounts.favourite.to_string()/>
                </div>
                {(!product.brand.is_empty()).then(|| view! {
                    <p class="brand">{crate::i18n::fill(t.brand, &product.brand)}</p>
                })}
                <p class="product-price">
                    {move || match range() {
                        Some((min, max)) => view! { <Price min max/> }.into_any(),
                        None => view! { <span class="price">"—"</span> }.into_any(),
                    }}
                    // The chosen SKU's "was" price, when it has one.
                    {move || chosen().and_then(|sku| sku.list_price.filter(|list| *list > sku.price)).map(|list| view! {
                        " " <span class="was-price">{t.was_price}" "<del>{list.to_string()}</del></span>
                    })}
                </p>
                {move || flash_offer().map(|offer| view! { <FlashSaleBadge offer now/> })}
                {move || member_prices().map(|lines| view! {
                    <ul class="member-prices">
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                })}
                <StockLabel state=stock/>
                <OptionPicker axes=product.axes.clone() skus=product.skus.clone() selection/>
                {move || match chosen() {
                    Some(sku) => view! { <p class="sku-code">{t.item_code}": "{sku.code}</p> }.into_any(),
                    None if axis_count > 0 => view! { <p class="hint">{t.choose_options}</p> }.into_any(),
                    None => ().into_any(),
                }}
                <div class="buy-row">
                    <label for="quantity">{t.quantity}</label>
                    <input
                        id="quantity"
                        type="text"
                        role="spinbutton"
                        aria-valuemin="1"
                        aria-valuemax=max_quantity
                        aria-valuenow=move || quantity.get()
                        name="quantity"
                        inputmode="numeric"
                        autocomplete="off"
                        size="3"
                        maxlength="4"
                        aria-describedby="add-hint"
                        prop:value=move || quantity.get()
                        on:input=move |ev| quantity.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="primary"
                        disabled=move || !can_add()
                        aria-describedby="add-hint"
                        on:click=add_to_cart
                    >
                        {t.add_to_cart}
                    </button>
                </div>
                <p id="add-hint" class="hint" role="status">
                    {move || match added.get() {
                        Some(Ok(())) => view! { {t.carts.added} " " <a href=link_to("/cart")>{t.carts.view_cart}</a> }.into_any(),
                        Some(Err(e)) => e.user_message(t).into_any(),
                        None if chosen().is_none() && axis_count > 0 => t.choose_options.into_any(),
                        None => ().into_any(),
                    }}
                </p>
            </div>
        </article>
        {(!product.attributes.is_empty()).then(|| view! {
            <section class="product-attributes" aria-labelledby="attributes-heading">
                <h2 id="attributes-heading">{t.specifications}</h2>
                <table class="spec-table">
                    <tbody>
                        {product.attributes.iter().map(|a| view! {
                            <tr><th scope="row">{a.name.clone()}</th><td>{a.value.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        <section class="product-description" aria-labelledby="description-heading">
            <h2 id="description-heading">{t.description}</h2>
            // Rendered from Markdown and cleaned on the server (`crate::markdown`).
            <div class="markdown" inner_html=product.description_html.clone()></div>
        </section>
    }
}

/// Remembers the view once the page is interactive: in the account when signed in, else in the
/// browser (merged into the account at sign-in).
fn record_view(product_id: i64) {
    let session = crate::contexts::session::use_session();
    Effect::new(move |_| {
        let Some(signed_in) = session.user.get().map(|r| r.ok().flatten().is_some()) else {
            return;
        };
        if signed_in {
            leptos::task::spawn_local(async move {
                let _ = crate::api::account::history::record_view(product_id).await;
            });
        } else {
            crate::contexts::guest_storage::record_view(product_id);
        }
    });
}

use crate::api::account::addresses::list_addresses;
use crate::api::order::{payment_methods, place_order, CheckoutForm, PlacedView};
use crate::components::address_fields::AddressFields;
use crate::components::checkout_discounts::CheckoutDiscounts;
use crate::components::form_errors::FormErrors;
use crate::components::payment_method_choice::PaymentMethodChoice;
use crate::components::price_explanation::PriceExplanation;
use crate::contexts::cart::use_cart;
use crate::contexts::locale::link_to;
use crate::contexts::locale::use_texts;
use crate::contexts::session::{reload_at, use_session};
use crate::domain::account::AddressForm;
use crate::domain::cart::CartLine;
use crate::domain::money::Money;
use crate::domain::pricing::{
    best_shipping_coupon, quote, shipping_rate, Discount, LineInput, Quote, ShippingMethod,
    ShippingZone,
};
use crate::domain::promotion::PointsRedemption;
use crate::error::{AppError, Refusal};
use crate::i18n::fill;
use crate::i18n::promotion::refusal_text;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

const TOKEN_KEY: &str = "jishi.checkout_token";

/// A checkout's token with the goods it was made for.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct SavedCheckout {
    token: String,
    /// (SKU id, quantity), sorted.
    goods: Vec<(i64, i64)>,
}

/// This checkout's token, kept until its order is placed: a reload or a second click sends the
/// same one, and the server answers with the same order. Other goods are another checkout, so
/// a token left from an interrupted attempt never brings back an order for a different cart.
fn checkout_token(mut goods: Vec<(i64, i64)>) -> String {
    goods.sort_unstable();
    let saved: SavedCheckout = crate::contexts::guest_storage::read_json(TOKEN_KEY);
    if !saved.token.is_empty() && saved.goods == goods {
        return saved.token;
    }
    let token = crate::contexts::guest_storage::random_id();
    crate::contexts::guest_storage::write_json(
        TOKEN_KEY,
        &SavedCheckout {
            token: token.clone(),
            goods,
        },
    );
    token
}

fn forget_checkout_token() {
    crate::contexts::guest_storage::write_json(TOKEN_KEY, &SavedCheckout::default());
}

/// A form field's current text.
fn field(form: &NodeRef<leptos::html::Form>, name: &str) -> String {
    #[cfg(not(feature = "ssr"))]
    {
        form.get_untracked()
            .and_then(|form| web_sys::FormData::new_with_form(&form).ok())
            .and_then(|data| data.get(name).as_string())
            .unwrap_or_default()
    }
    #[cfg(feature = "ssr")]
    {
        let _ = (form, name);
        String::new()
    }
}

/// Checkout: who (guest email or the member), where to, how fast, and the final total with
/// how it was reached; then "Place order", which goes on to the payment page.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let t = use_texts();
    let o = t.checkout;
    let cart = use_cart();
    let session = use_session();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let region = RwSignal::new(String::new());
    let method = RwSignal::new(ShippingMethod::Standard);
    // The address shown in the fields; choosing a saved address refills them.
    let shown_address = RwSignal::new(AddressForm::default());
    let addresses = Resource::new(|| (), |_| list_addresses());
    let methods = Resource::new(|| (), |_| payment_methods());
    let payment = RwSignal::new(String::new());
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match addresses.get() {
            Some(Ok(list)) => {
                if let Some(first) = list.iter().find(|a| a.is_default).or(list.first()) {
                    region.set(first.form.region.clone());
                    shown_address.set(first.form.clone());
                }
                true
            }
            Some(Err(_)) => true,
            None => false,
        }
    });
    let place = Action::new(|form: &CheckoutForm| place_order(form.clone()));
    Effect::new(move |_| match place.value().get() {
        Some(Ok(PlacedView { order_no, pay_url })) => {
            forget_checkout_token();
            if session.signed_in().is_none() {
                cart.forget_guest_lines();
            }
            reload_at(&pay_url.unwrap_or_else(|| link_to(&format!("/orders/{order_no}"))));
        }
        // The token belongs to an order placed as someone else (the guest since signed in or
        // changed their email): the next attempt is a new checkout.
        Some(Err(AppError::Conflict)) => forget_checkout_token(),
        // The message names the lines; the cart and total shown change to what can be bought.
        // Promotions or points changed meanwhile: the page prices again with what holds now.
        Some(Err(AppError::Refused(
            Refusal::StockChanged(_)
            | Refusal::CartChanged
            | Refusal::PriceChanged(_)
            | Refusal::Coupon(_)
            | Refusal::PointsShort,
        ))) => cart.refresh(),
        _ => {}
    });
    let error = Signal::derive(move || {
        place
            .value()
            .get()
            .and_then(|r: Result<PlacedView, AppError>| r.err())
    });
    let goods = Memo::new(move |_| {
        cart.view.get().map(|view| {
            view.quote
                .lines
                .iter()
                .map(|line| LineInput {
                    sku_id: line.sku_id,
                    name: line.name.clone(),
                    unit_price: line.unit_price,
                    quantity: line.quantity,
                    facts: line.facts,
                })
                .collect::<Vec<_>>()
        })
    });
    let zone = move || {
        let code = region.get();
        (!code.is_empty()).then(|| ShippingZone::of_region(&code))
    };
    // The goods coupon: the cart's best until the shopper picks one (Some(None): no coupon).
    let picked_coupon = RwSignal::new(None::<Option<i64>>);
    let coupon = Signal::derive(move || {
        picked_coupon.get().unwrap_or_else(|| {
            cart.view
                .with(|view| view.as_ref().and_then(|v| v.quote.coupon_applied()))
        })
    });
    let use_points = RwSignal::new(false);
    // Priced here with the promotions the cart came with and the shopper's choices; the server
    // prices the order again and refuses a total other than this one.
    let final_quote = Memo::new(move |_| -> Option<Quote> {
        let lines = goods.get()?;
        let view = cart.view.get()?;
        let shipping = zone().map(|z| (method.get(), z));
        let mut offers = view.offers.clone();
        offers.coupon = coupon
            .get()
            .and_then(|id| view.coupons.iter().find(|c| c.id == id).cloned());
        offers.shipping_coupon = best_shipping_coupon(&lines, &offers, &view.coupons, shipping)
            .and_then(|id| view.coupons.iter().find(|c| c.id == id).cloned());
        if use_points.get() && view.points_balance > 0 {
            offers.points = Some(PointsRedemption {
                points: view.points_balance,
                ..PointsRedemption::default()
            });
        }
        quote(&lines, &offers, shipping).ok()
    });
    let on_change = move |_| {
        region.set(field(&form_ref, "region"));
        if let Some(m) = ShippingMethod::parse(&field(&form_ref, "shipping")) {
            method.set(m);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if place.pending().get_untracked() {
            return;
        }
        let read = |name: &str| field(&form_ref, name);
        // Exactly the lines shown and priced on this page are ordered.
        let lines: Vec<CartLine> = goods
            .get_untracked()
            .unwrap_or_default()
            .iter()
            .map(|line| CartLine {
                sku_id: line.sku_id,
                quantity: line.quantity,
            })
            .collect();
        let ordered = lines.iter().map(|l| (l.sku_id, l.quantity)).collect();
        let priced = final_quote.get_untracked();
        let coupons = priced
            .as_ref()
            .map(|q| {
                [q.coupon_applied(), q.shipping_coupon_applied()]
                    .into_iter()
                    .flatten()
                    .collect()
            })
            .unwrap_or_default();
        place.dispatch(CheckoutForm {
            checkout_token: checkout_token(ordered),
            email: read("email"),
            address: AddressForm {
                recipient: read("recipient"),
                phone: read("phone"),
                region: read("region"),
                city: read("city"),
                detail: read("detail"),
                postal_code: read("postal_code"),
            },
            shipping: read("shipping"),
            lines,
            payment: payment.get_untracked(),
            coupons,
            points: priced.as_ref().map_or(0, |q| q.points_used),
            // Known once a region is chosen; the server refuses any other total.
            expected_total: priced.filter(|q| q.shipping.is_some()).map(|q| q.total),
        });
    };
    view! {
        <Title text=o.title/>
        <Meta name="robots" content="noindex"/>
        <h1>{o.title}</h1>
        {move || match cart.view.get() {
            None => view! { <p class="loading">{t.loading}</p> }.into_any(),
            Some(view) if view.quote.lines.is_empty() => view! {
                <section class="notice">
                    <p>{t.cart_empty}</p>
                    <p><a class="button" href=link_to("/")>{t.continue_shopping}</a></p>
                </section>
            }
            .into_any(),
            Some(_) => view! {
                <form class="checkout stack-form" node_ref=form_ref on:change=on_change on:submit=on_submit>
                    <Show when=move || session.user.get().is_some() && session.signed_in().is_none()>
                        <section class="panel">
                            <h2>{o.contact}</h2>
                            <label>
                                <span>{o.email}</span>
                                <input type="email" name="email" autocomplete="email" required/>
                            </label>
                            <p class="hint">{o.guest_hint}</p>
                            <p class="hint">
                                {o.account_hint} " "
                                <a href=link_to(&format!("/sign-in?next={}", link_to("/checkout")))>{o.have_account}</a> " · "
                                <a href=link_to(&format!("/register?next={}", link_to("/checkout")))>{o.create_account}</a>
                            </p>
                        </section>
                    </Show>
                    <section class="panel">
                        <h2>{o.shipping_address}</h2>
                        <SavedAddressPicker addresses shown_address region/>
                        {move || view! { <AddressFields form=shown_address.get()/> }}
                    </section>
                    <fieldset class="panel shipping-methods" role="radiogroup">
                        <legend>{o.shipping_method}</legend>
                        {ShippingMethod::ALL.into_iter().map(|m| view! { <ShippingChoice method=m chosen=method zone=Signal::derive(zone) goods=final_quote/> }).collect_view()}
                        <Show when=move || region.get().is_empty()>
                            <p class="hint">{o.choose_region_first}</p>
                        </Show>
                    </fieldset>
                    {move || session.signed_in().is_some().then(|| {
                        let (coupons, balance) = cart
                            .view
                            .get_untracked()
                            .map(|v| (v.coupons, v.points_balance))
                            .unwrap_or_default();
                        let texts = use_texts();
                        view! {
                            <CheckoutDiscounts
                                coupons
                                coupon
                                on_coupon=Callback::new(move |id| picked_coupon.set(Some(id)))
                                balance
                                use_points
                                points_worth=Signal::derive(move || final_quote.get().and_then(|q| {
                                    q.adjustments.iter().find_map(|a| match a.discount {
                                        Discount::Points { points } => {
                                            Some((points, Money::from_fen(-a.amount.fen())))
                                        }
                                        _ => None,
                                    })
                                }))
                                refusal=Signal::derive(move || final_quote.get()
                                    .and_then(|q| q.coupon_refusal)
                                    .map(|r| refusal_text(texts, r)))
                            />
                        }
                    })}
                    {move || methods.get().and_then(|r| r.ok()).map(|methods| view! { <PaymentMethodChoice methods chosen=payment/> })}
                    {move || final_quote.get().map(|quote| view! { <PriceExplanation quote/> })}
                    <FormErrors error/>
                    <button type="submit" class="button primary" disabled=move || place.pending().get()>
                        {move || if place.pending().get() { o.placing } else { o.place_order }}
                    </button>
                </form>
            }
            .into_any(),
        }}
    }
}

/// Members choose one of their saved addresses (it fills the fields) or type a new one.
#[component]
fn SavedAddressPicker(
    addresses: Resource<Result<Vec<crate::domain::account::AddressView>, AppError>>,
    shown_address: RwSignal<AddressForm>,
    region: RwSignal<String>,
) -> impl IntoView {
    let o = use_texts().checkout;
    move || {
        let list = addresses.get().and_then(|r| r.ok()).unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <fieldset class="saved-addresses">
                    <legend>{o.saved_addresses}</legend>
                    {list.into_iter().map(|address| {
                        let form = address.form.clone();
                        let label = format!("{} {} {} {}", form.recipient, address.region_name, form.city, form.detail);
                        let chosen = {
                            let form = form.clone();
                            move || shown_address.with(|shown| *shown == form)
                        };
                        view! {
                            <label class="choice">
                                <input type="radio" name="saved_address" checked=chosen on:change=move |_| {
                                    region.set(form.region.clone());
                                    shown_address.set(form.clone());
                                }/>
                                <span>{label}</span>
                            </label>
                        }
                    }).collect_view()}
                    <label class="choice">
                        <input type="radio" name="saved_address" on:change=move |_| {
                            region.set(String::new());
                            shown_address.set(AddressForm::default());
                        }/>
                        <span>{o.new_address}</span>
                    </label>
                </fieldset>
            }
        })
    }
}

/// One radio of the "Shipping method" group, with its fee for the chosen region.
#[component]
fn ShippingChoice(
    method: ShippingMethod,
    chosen: RwSignal<ShippingMethod>,
    zone: Signal<Option<ShippingZone>>,
    goods: Memo<Option<Quote>>,
) -> impl IntoView {
    let o = use_texts().checkout;
    let name = match method {
        ShippingMethod::Standard => use_texts().orders.standard,
        ShippingMethod::Express => use_texts().orders.express,
    };
    let fee = move || {
        let zone = zone.get()?;
        let rate = shipping_rate(method, zone);
        let goods_total = goods.get().map(|q| q.goods_total)?;
        let fee = rate.fee_for(goods_total);
        let mut text = if fee.fen() == 0 {
            o.free.to_string()
        } else {
            fee.to_string()
        };
        if let Some(from) = rate.free_from.filter(|_| fee.fen() > 0) {
            text = format!("{text} ({})", fill(o.free_over, from));
        }
        Some(text)
    };
    view! {
        <label class="choice">
            <input type="radio" name="shipping" value=method.as_str() checked=move || chosen.get() == method/>
            <span>{name} {move || fee().map(|f| format!(" — {f}"))}</span>
        </label>
    }
}

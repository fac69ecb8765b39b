use crate::contexts::locale::use_texts;
use crate::domain::promotion::HeldCoupon;
use crate::i18n::promotion::coupon_text;
use crate::i18n::{fill, fill_all};
use leptos::prelude::*;

/// Checkout's discounts the shopper chooses: the "Coupon" select (the member's goods coupons
/// and "No coupon") and the "Use points" checkbox with the balance (disabled at 0). The quote shown beside it
/// says what each choice gives, or why a coupon does not apply.
#[component]
pub fn CheckoutDiscounts(
    /// The member's usable coupons (free-shipping ones are applied on their own).
    coupons: Vec<HeldCoupon>,
    /// The goods coupon chosen (a copy's id); None for no coupon.
    #[prop(into)]
    coupon: Signal<Option<i64>>,
    on_coupon: Callback<Option<i64>>,
    balance: i64,
    use_points: RwSignal<bool>,
    /// (points used, what they take off) in the current quote.
    #[prop(into)]
    points_worth: Signal<Option<(i64, crate::domain::money::Money)>>,
    /// Why the chosen coupon does not apply, in words.
    #[prop(into)]
    refusal: Signal<Option<String>>,
) -> impl IntoView {
    let p = use_texts().promotion;
    let goods: Vec<HeldCoupon> = coupons
        .into_iter()
        .filter(|c| !c.terms.kind.is_shipping())
        .collect();
    let has_coupons = !goods.is_empty();
    view! {
        <section class="panel checkout-discounts" aria-labelledby="discounts-heading">
            <h2 id="discounts-heading">{p.coupons}</h2>
            // Always there for members, so the choice is where they look for it; "No coupon"
            // is the only option when they hold none.
            <label>
                <span>{p.coupon}</span>
                <select name="coupon" on:change=move |ev| {
                    on_coupon.run(event_target_value(&ev).parse::<i64>().ok());
                }>
                    <option value="" selected=move || coupon.get().is_none()>{p.no_coupon}</option>
                    {goods.into_iter().map(|held| {
                        let id = held.id;
                        view! {
                            <option value=id.to_string() selected=move || coupon.get() == Some(id)>
                                {coupon_text(p, held.terms.kind, held.terms.min_spend)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            {(!has_coupons).then(|| view! { <p class="hint">{p.no_coupons}</p> })}
            {move || refusal.get().map(|text| view! { <p class="hint warning" role="status">{text}</p> })}
            <label class="choice">
                <input type="checkbox" name="use_points" disabled=balance <= 0
                    prop:checked=move || use_points.get()
                    on:change=move |ev| use_points.set(event_target_checked(&ev))/>
                <span>{fill(p.use_points, balance)}</span>
            </label>
            {move || points_worth.get().map(|(points, worth)| view! {
                <p class="hint">{fill_all(p.points_worth, &[&points, &worth])}</p>
            })}
        </section>
    }
}

use crate::contexts::locale::{link_to, use_texts};
use crate::contexts::session::use_session;
use crate::domain::promotion::NextTier;
use crate::error::AppError;
use crate::i18n::fill_all;
use leptos::prelude::*;

/// The cart's "Coupons" section: how much more to spend for the next 滿減 tier, a "Coupon code"
/// field with "Apply" (members; the coupon is claimed and checkout may use it), and the way to
/// the coupon centre.
#[component]
pub fn CartCoupons(
    /// 滿減 tiers within reach.
    next_tiers: Vec<NextTier>,
    /// How many coupons the member may use on this cart.
    usable: usize,
    /// Claims a typed code; owned by the cart page, so its answer outlives this section (which
    /// is drawn again when the cart changes).
    apply: Action<String, Result<i64, AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let p = t.promotion;
    let session = use_session();
    let code = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        if !typed.trim().is_empty() && !apply.pending().get_untracked() {
            apply.dispatch(typed);
        }
    };
    view! {
        <section class="panel cart-coupons" aria-labelledby="cart-coupons-heading">
            <h2 id="cart-coupons-heading">{p.coupons}</h2>
            {next_tiers.into_iter().map(|tier| view! {
                <p class="next-tier">{fill_all(p.spend_more, &[&tier.spend_more, &tier.save])}</p>
            }).collect_view()}
            <Show when=move || session.signed_in().is_some()
                fallback=move || view! { <p class="hint"><a href=link_to("/sign-in?next=%2Fcart")>{p.sign_in_to_claim}</a></p> }>
                {(usable > 0).then(|| view! { <p class="hint">{p.best_coupon_note}</p> })}
                <form class="coupon-code" on:submit=on_submit>
                    <label>
                        <span>{p.coupon_code}</span>
                        <input type="text" name="code" autocomplete="off" maxlength="40"
                            prop:value=move || code.get()
                            on:input=move |ev| code.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="button" disabled=move || apply.pending().get()>{p.apply}</button>
                </form>
                {move || apply.value().get().map(|result| match result {
                    Ok(_) => view! { <p class="hint" role="status">{p.claimed}</p> }.into_any(),
                    Err(error) => view! { <p class="form-errors" role="alert">{error.user_message(t)}</p> }.into_any(),
                })}
            </Show>
            <p><a href=link_to("/coupons")>{p.to_coupon_centre}</a></p>
        </section>
    }
}

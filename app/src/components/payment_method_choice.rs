use crate::contexts::locale::use_texts;
use crate::i18n::order::OrderTexts;
use leptos::prelude::*;

/// A payment method's name in the reader's language ("alipay" → "支付寶").
pub fn method_label(o: &'static OrderTexts, method: &str) -> &'static str {
    match method {
        "alipay" => o.method_alipay,
        "wechatpay" => o.method_wechatpay,
        "sandbox" => o.method_sandbox,
        _ => o.payment_method,
    }
}

/// The "Payment method" radio group: one radio per gateway the shop offers (`methods`, as
/// `payment_methods` answers), `chosen` holding the provider's name (empty: the first, as the
/// server reads it too). Nothing when the shop offers none (placing then says why).
#[component]
pub fn PaymentMethodChoice(methods: Vec<String>, chosen: RwSignal<String>) -> impl IntoView {
    let o = use_texts().orders;
    let first = methods.first().cloned().unwrap_or_default();
    (!methods.is_empty()).then(|| {
        view! {
            <fieldset class="panel payment-methods" role="radiogroup">
                <legend>{o.payment_method}</legend>
                {methods.into_iter().map(|method| {
                    let label = method_label(o, &method);
                    let value = method.clone();
                    let is_chosen = {
                        let method = method.clone();
                        let first = first.clone();
                        move || chosen.with(|c| *c == method || (c.is_empty() && method == first))
                    };
                    view! {
                        <label class="choice">
                            <input type="radio" name="payment" value=value checked=is_chosen
                                on:change=move |_| chosen.set(method.clone())/>
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
    })
}

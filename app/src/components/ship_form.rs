use crate::api::admin::ShipOrder;
use crate::components::carrier_fields::CarrierFields;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// Operators: hand a paid order to a carrier with its tracking number.
#[component]
pub fn ShipForm(order_no: String, changed: RwSignal<u32>) -> impl IntoView {
    let o = use_texts().orders;
    let ship = ServerAction::<ShipOrder>::new();
    Effect::new(move |previous: Option<usize>| {
        let now = ship.version().get();
        if previous.is_some_and(|p| p != now) {
            changed.update(|c| *c += 1);
        }
        now
    });
    view! {
        <section class="panel" aria-labelledby="ship-order">
            <h2 id="ship-order">{o.ship}</h2>
            <ActionForm action=ship attr:class="stack-form">
                <input type="hidden" name="order_no" value=order_no/>
                <CarrierFields/>
                <FormErrors error=action_error(ship)/>
                <button type="submit" class="button primary">{o.ship}</button>
            </ActionForm>
        </section>
    }
}

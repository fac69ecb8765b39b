use crate::api::admin::ShipOrder;
use crate::components::carrier_fields::CarrierFields;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// An operator, or the supplier owning it: hand a parcel of a paid order to a carrier with its
/// tracking number.
#[component]
pub fn ShipForm(
    order_no: String,
    /// The parcel's number ("Parcel 1" is 1).
    parcel: i64,
    changed: RwSignal<u32>,
    /// The shop's carriers, (code, name).
    carriers: Vec<(String, String)>,
) -> impl IntoView {
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
        <ActionForm action=ship attr:class="stack-form ship-form">
            <input type="hidden" name="order_no" value=order_no/>
            <input type="hidden" name="parcel" value=parcel/>
            <CarrierFields carriers/>
            <FormErrors error=action_error(ship)/>
            <button type="submit" class="button primary">{o.ship}</button>
        </ActionForm>
    }
}

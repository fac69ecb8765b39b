use crate::api::order::ComplainAboutSeller;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// "Complain about this seller" under a supplier's parcel: the shopper's words go to the Jishi
/// team and count in the supplier's rating. `changed` is bumped once sent.
#[component]
pub fn ComplaintForm(
    order_no: String,
    /// The parcel's number ("Parcel 2" is 2).
    parcel: i64,
    changed: RwSignal<u32>,
    /// A guest's mailed link key when the page was opened by it.
    key: Option<String>,
) -> impl IntoView {
    let o = use_texts().orders;
    let send = ServerAction::<ComplainAboutSeller>::new();
    // Our keys are hex; anything else is not sent on.
    let key = key.filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_hexdigit()));
    Effect::new(move |previous: Option<usize>| {
        let now = send.version().get();
        if previous.is_some_and(|p| p != now) && matches!(send.value().get(), Some(Ok(()))) {
            changed.update(|c| *c += 1);
        }
        now
    });
    view! {
        <details class="complaint">
            <summary role="button">{o.complain}</summary>
            <ActionForm action=send attr:class="stack-form">
                <input type="hidden" name="order_no" value=order_no/>
                <input type="hidden" name="parcel" value=parcel/>
                {key.map(|k| view! { <input type="hidden" name="key" value=k/> })}
                <label>
                    <span>{o.complaint}</span>
                    <textarea name="body" required minlength="2" maxlength="500" rows="3"></textarea>
                </label>
                <FormErrors error=action_error(send)/>
                <button type="submit" class="button">{o.send_complaint}</button>
            </ActionForm>
        </details>
    }
}

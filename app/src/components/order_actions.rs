use crate::api::order::{pay_order, CancelOrder, ConfirmReceipt};
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::payment_method_choice::PaymentMethodChoice;
use crate::contexts::locale::use_texts;
use crate::contexts::session::reload_at;
use crate::domain::order::OrderActions;
use leptos::prelude::*;

/// The buttons an order offers now: pay, cancel, confirm receipt (after-sale requests are made
/// on a parcel: `AfterSaleRequest`). `changed` is bumped after each successful action so the
/// page reloads the order.
#[component]
pub fn OrderActionsBar(
    order_no: String,
    actions: OrderActions,
    /// The payment methods offered (`OrderPageView::payment_methods`); a choice shows when
    /// there is more than one.
    methods: Vec<String>,
    changed: RwSignal<u32>,
    /// A guest's mailed link key when the page was opened by it: sent with every action.
    key: Option<String>,
) -> impl IntoView {
    let o = use_texts().orders;
    let cancel = ServerAction::<CancelOrder>::new();
    let confirm = ServerAction::<ConfirmReceipt>::new();
    let pay = Action::new(
        |(order_no, key, method): &(String, Option<String>, String)| {
            let method = (!method.is_empty()).then(|| method.clone());
            pay_order(order_no.clone(), key.clone(), method)
        },
    );
    let method = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(url)) = pay.value().get() {
            reload_at(&url);
        }
    });
    for version in [cancel.version(), confirm.version()] {
        Effect::new(move |previous: Option<usize>| {
            let now = version.get();
            if previous.is_some_and(|p| p != now) {
                changed.update(|c| *c += 1);
            }
            now
        });
    }
    let error = Signal::derive(move || {
        action_error(cancel)
            .get()
            .or_else(|| action_error(confirm).get())
            .or_else(|| pay.value().get().and_then(|r| r.err()))
    });
    // Our keys are hex; anything else is not sent on.
    let key = key.filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_hexdigit()));
    let pay_no = order_no.clone();
    let pay_key = key.clone();
    let hidden_key = StoredValue::new(key);
    let hidden_key = move || {
        hidden_key
            .get_value()
            .map(|k| view! { <input type="hidden" name="key" value=k/> })
    };
    let (confirm_no, cancel_no) = (order_no.clone(), order_no);
    view! {
        <div class="order-actions">
            // More than one gateway lets the shopper choose.
            {(methods.len() > 1).then(|| view! { <PaymentMethodChoice methods chosen=method/> })}
            {actions.pay.then(|| view! {
                <button type="button" class="button primary" disabled=move || pay.pending().get()
                    on:click=move |_| { pay.dispatch((pay_no.clone(), pay_key.clone(), method.get_untracked())); }>{o.pay_now}</button>
            })}
            {actions.confirm_receipt.then(move || view! {
                <ActionForm action=confirm>
                    <input type="hidden" name="order_no" value=confirm_no/>
                    {hidden_key()}
                    <button type="submit" class="button primary">{o.confirm_receipt}</button>
                </ActionForm>
            })}
            {actions.cancel.then(move || view! {
                <ActionForm action=cancel>
                    <input type="hidden" name="order_no" value=cancel_no/>
                    {hidden_key()}
                    <button type="submit" class="button danger">{o.cancel_order}</button>
                </ActionForm>
            })}
        </div>
        <FormErrors error/>
    }
}

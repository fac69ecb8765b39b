use crate::api::order::{pay_order, CancelOrder, ConfirmReceipt, RequestAfterSale};
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use crate::contexts::session::reload_at;
use crate::domain::order::OrderActions;
use crate::i18n::order::kind_text;
use leptos::prelude::*;

/// The buttons an order offers now: pay, cancel, confirm receipt, request after-sale. `changed`
/// is bumped after each successful action so the page reloads the order.
#[component]
pub fn OrderActionsBar(
    order_no: String,
    actions: OrderActions,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let o = use_texts().orders;
    let cancel = ServerAction::<CancelOrder>::new();
    let confirm = ServerAction::<ConfirmReceipt>::new();
    let after_sale = ServerAction::<RequestAfterSale>::new();
    let pay = Action::new(|order_no: &String| pay_order(order_no.clone()));
    Effect::new(move |_| {
        if let Some(Ok(url)) = pay.value().get() {
            reload_at(&url);
        }
    });
    for version in [cancel.version(), confirm.version(), after_sale.version()] {
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
    let pay_no = order_no.clone();
    let (confirm_no, cancel_no) = (order_no.clone(), order_no.clone());
    let kinds = actions.after_sale.clone();
    view! {
        <div class="order-actions">
            {actions.pay.then(|| view! {
                <button type="button" class="button primary" disabled=move || pay.pending().get()
                    on:click=move |_| { pay.dispatch(pay_no.clone()); }>{o.pay_now}</button>
            })}
            {actions.confirm_receipt.then(move || view! {
                <ActionForm action=confirm>
                    <input type="hidden" name="order_no" value=confirm_no/>
                    <button type="submit" class="button primary">{o.confirm_receipt}</button>
                </ActionForm>
            })}
            {actions.cancel.then(move || view! {
                <ActionForm action=cancel>
                    <input type="hidden" name="order_no" value=cancel_no/>
                    <button type="submit" class="button danger">{o.cancel_order}</button>
                </ActionForm>
            })}
        </div>
        <FormErrors error/>
        {(!kinds.is_empty()).then(move || view! {
            <details class="panel after-sale-request">
                <summary>{o.request_after_sale}</summary>
                <ActionForm action=after_sale attr:class="stack-form">
                    <input type="hidden" name="order_no" value=order_no/>
                    <label>
                        <span>{o.kind}</span>
                        <select name="kind">
                            {kinds.iter().map(|k| view! { <option value=k.as_str()>{kind_text(o, *k)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{o.reason}</span>
                        <textarea name="reason" required minlength="2" maxlength="500" rows="3"></textarea>
                    </label>
                    <FormErrors error=action_error(after_sale)/>
                    <button type="submit" class="button primary">{o.submit_request}</button>
                </ActionForm>
            </details>
        })}
    }
}

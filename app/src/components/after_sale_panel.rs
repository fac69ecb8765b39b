use crate::api::admin::{DecideAfterSale, ReceiveReturn};
use crate::api::order::PostAfterSaleMessage;
use crate::components::form_errors::{action_error, FormErrors};
use crate::components::receive_return_form::ReceiveReturnForm;
use crate::contexts::locale::use_texts;
use crate::domain::order::after_sale::{AfterSaleKind, AfterSaleStatus};
use crate::domain::order::AfterSaleView;
use crate::domain::time::shop_time;
use crate::i18n::order::{actor_text, kind_text, request_status_text};
use leptos::prelude::*;

/// One after-sale request on a parcel: its messages (with photos), a reply box while it is
/// handled, the handler's approve / reject decision, and once a return is approved, where to send
/// the goods (shopper) or "goods received" (the parcel's owner or an operator).
#[component]
pub fn AfterSalePanel(
    order_no: String,
    request: AfterSaleView,
    /// The viewer handles the request (an operator, or the supplier owning the parcel).
    operator: bool,
    changed: RwSignal<u32>,
    /// A guest's mailed link key when the page was opened by it: sent with the reply.
    key: Option<String>,
    /// The shop's carriers, (code, name), for an exchange's replacement (handlers only).
    #[prop(optional)]
    carriers: Vec<(String, String)>,
) -> impl IntoView {
    let o = use_texts().orders;
    let reply = ServerAction::<PostAfterSaleMessage>::new();
    let decide = ServerAction::<DecideAfterSale>::new();
    let receive = ServerAction::<ReceiveReturn>::new();
    for version in [reply.version(), decide.version(), receive.version()] {
        Effect::new(move |previous: Option<usize>| {
            let now = version.get();
            if previous.is_some_and(|p| p != now) {
                changed.update(|c| *c += 1);
            }
            now
        });
    }
    let open = request.status == AfterSaleStatus::Open;
    let awaiting = request.status == AfterSaleStatus::AwaitingReturn;
    let exchange = request.kind == AfterSaleKind::Exchange;
    let id = request.id;
    let title = format!(
        "{} · {} · {}",
        crate::i18n::fill(o.parcel, request.parcel),
        kind_text(o, request.kind),
        request_status_text(o, request.status)
    );
    let label = title.clone();
    let to_supplier = request.to_supplier;
    view! {
        <section class="panel after-sale" aria-label=label>
            <h2>{title}</h2>
            <ul class="messages">
                {request.messages.into_iter().map(|m| view! {
                    <li>
                        <strong>{actor_text(o, &m.author)}</strong>
                        <span class="hint">{format!(" · {}", shop_time(m.at))}</span>
                        <p>{m.body}</p>
                        {m.photo.map(|photo| view! {
                            <a href=format!("/media/{photo}")>
                                <img class="after-sale-photo" src=format!("/media/{photo}") alt=o.photo_alt width="160" height="160" loading="lazy"/>
                            </a>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {(awaiting && !operator).then(|| view! {
                <p class="notice" role="status">{if to_supplier { o.return_to_supplier } else { o.return_instructions }}</p>
            })}
            {(awaiting && operator).then(|| view! { <ReceiveReturnForm request_id=id exchange receive carriers/> })}
            {(open || awaiting).then(|| view! {
                <ActionForm action=reply attr:class="stack-form">
                    <input type="hidden" name="order_no" value=order_no.clone()/>
                    {key.clone().map(|k| view! { <input type="hidden" name="key" value=k/> })}
                    <input type="hidden" name="request_id" value=id/>
                    <label>
                        <span>{o.message}</span>
                        <textarea name="body" required minlength="2" maxlength="500" rows="2"></textarea>
                    </label>
                    <FormErrors error=action_error(reply)/>
                    <button type="submit" class="button">{o.send}</button>
                </ActionForm>
            })}
            {(open && operator).then(|| view! {
                <ActionForm action=decide attr:class="stack-form">
                    <input type="hidden" name="request_id" value=id/>
                    <label>
                        <span>{o.message}</span>
                        <textarea name="message" required minlength="2" maxlength="500" rows="2"></textarea>
                    </label>
                    <FormErrors error=action_error(decide)/>
                    <label class="choice"><input type="radio" name="approve" value="true" required/><span>{o.approve}</span></label>
                    <label class="choice"><input type="radio" name="approve" value="false"/><span>{o.reject}</span></label>
                    <button type="submit" class="button primary">{o.send}</button>
                </ActionForm>
            })}
        </section>
    }
}

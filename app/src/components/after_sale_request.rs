use crate::api::order::RequestAfterSale;
use crate::components::form_errors::FormErrors;
use crate::contexts::locale::use_texts;
use crate::domain::order::after_sale::AfterSaleKind;
use crate::error::AppError;
use crate::i18n::order::kind_text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "Request after-sale" on one parcel: the kinds it allows now, a reason and an optional photo.
/// `changed` is bumped once the request is made, so the page reloads the order.
#[component]
pub fn AfterSaleRequest(
    order_no: String,
    /// The parcel's number ("Parcel 1" is 1).
    parcel: i64,
    kinds: Vec<AfterSaleKind>,
    changed: RwSignal<u32>,
    /// A guest's mailed link key when the page was opened by it.
    key: Option<String>,
) -> impl IntoView {
    let o = use_texts().orders;
    // Multipart (it may carry a photo), so sent as the browser's FormData.
    let request =
        Action::new_local(|data: &web_sys::FormData| request_after_sale_form(data.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = request.value().get() {
            changed.update(|c| *c += 1);
        }
    });
    let error = Signal::derive(move || {
        request
            .value()
            .get()
            .and_then(|r: Result<(), AppError>| r.err())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some(data) = crate::components::form_data::submitted_form_data(&ev) {
            request.dispatch_local(data);
        }
    };
    // Our keys are hex; anything else is not sent on. With a link key the photo form posts as a
    // plain form to a path carrying the key.
    let key = key.filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_hexdigit()));
    let action = match &key {
        Some(k) => format!("{}?key={k}", RequestAfterSale::PATH),
        None => RequestAfterSale::PATH.to_string(),
    };
    let by_link = key.is_some();
    view! {
        <details class="after-sale-request">
            // role: Chromium exposes a bare <summary> as a disclosure, which assistive tools
            // and tests do not list among buttons.
            <summary role="button">{o.request_after_sale}</summary>
            <form method="post" action=action enctype="multipart/form-data" class="stack-form"
                on:submit=move |ev| if !by_link { on_submit(ev) }>
                <input type="hidden" name="order_no" value=order_no/>
                <input type="hidden" name="parcel" value=parcel/>
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
                <label>
                    <span>{o.photo}</span>
                    <input type="file" name="photo" accept="image/png,image/jpeg,image/webp"/>
                </label>
                <FormErrors error/>
                <button type="submit" class="button primary" disabled=move || request.pending().get()>{o.submit_request}</button>
            </form>
        </details>
    }
}

async fn request_after_sale_form(data: web_sys::FormData) -> Result<(), AppError> {
    crate::api::order::request_after_sale(data.into()).await
}

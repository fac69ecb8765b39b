use crate::api::admin::ReceiveReturn;
use crate::components::carrier_fields::CarrierFields;
use crate::components::form_errors::{action_error, FormErrors};
use crate::contexts::locale::use_texts;
use leptos::prelude::*;

/// Operators: the returned goods are here. An exchange names the replacement's parcel.
#[component]
pub fn ReceiveReturnForm(
    request_id: i64,
    exchange: bool,
    receive: ServerAction<ReceiveReturn>,
    /// The shop's carriers, (code, name), for an exchange's replacement.
    carriers: Vec<(String, String)>,
) -> impl IntoView {
    let o = use_texts().orders;
    view! {
        <ActionForm action=receive attr:class="stack-form">
            <input type="hidden" name="request_id" value=request_id/>
            {if exchange {
                view! { <CarrierFields carriers/> }.into_any()
            } else {
                view! {
                    <input type="hidden" name="carrier" value=""/>
                    <input type="hidden" name="tracking_no" value=""/>
                }
                .into_any()
            }}
            <FormErrors error=action_error(receive)/>
            <button type="submit" class="button primary">
                {if exchange { o.send_replacement } else { o.goods_received }}
            </button>
        </ActionForm>
    }
}

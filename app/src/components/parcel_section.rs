use crate::components::after_sale_request::AfterSaleRequest;
use crate::components::complaint_form::ComplaintForm;
use crate::components::ship_form::ShipForm;
use crate::components::tracking_list::TrackingList;
use crate::contexts::locale::use_texts;
use crate::domain::order::ParcelView;
use crate::i18n::fill;
use crate::i18n::order::parcel_status_text;
use leptos::prelude::*;

/// One parcel of an order under its heading "Parcel n": who sends it, where it stands, its goods,
/// its tracking, and what the viewer may do with it (ship it; request after-sale on it; complain
/// about its seller).
#[component]
pub fn ParcelSection(
    order_no: String,
    parcel: ParcelView,
    /// The order's shopper is looking: after-sale requests are offered.
    shopper: bool,
    changed: RwSignal<u32>,
    /// A guest's mailed link key when the page was opened by it.
    key: Option<String>,
    /// The shop's carriers, (code, name), when the viewer ships.
    carriers: Vec<(String, String)>,
) -> impl IntoView {
    let o = use_texts().orders;
    let heading = format!("parcel-{}", parcel.seq);
    let title = fill(o.parcel, parcel.seq);
    let sender = match &parcel.sender {
        Some(company) => fill(o.sent_by, company),
        None => o.sent_by_shop.to_string(),
    };
    let kinds = parcel.after_sale.clone();
    let (seq, can_ship, may_complain) = (parcel.seq, parcel.can_ship, parcel.may_complain);
    let complaint = parcel.complaint.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="panel parcel" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p>
                <strong data-parcel-status=parcel.status.as_str()>{parcel_status_text(o, parcel.status)}</strong>
                <span class="hint">{format!(" · {sender} · {} {}", o.parcel_paid, parcel.paid_share)}</span>
            </p>
            <ul class="parcel-lines">
                {parcel.lines.iter().map(|line| view! {
                    <li>{format!("{} × {}", line.name, line.quantity)}<span class="hint">{format!(" · {}", line.sku_code)}</span></li>
                }).collect_view()}
            </ul>
            <TrackingList parcel=parcel.clone()/>
            {can_ship.then(|| view! { <ShipForm order_no=order_no.clone() parcel=seq changed carriers/> })}
            {(shopper && !kinds.is_empty()).then(|| view! {
                <AfterSaleRequest order_no=order_no.clone() parcel=seq kinds changed key=key.clone()/>
            })}
            {complaint.map(|body| view! { <p class="notice" role="status">{o.complaint_sent} ": " {body}</p> })}
            {(shopper && may_complain).then(|| view! {
                <ComplaintForm order_no=order_no.clone() parcel=seq changed key=key.clone()/>
            })}
        </section>
    }
}

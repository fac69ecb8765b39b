use crate::components::after_sale_panel::AfterSalePanel;
use crate::components::ship_form::ShipForm;
use crate::contexts::locale::use_texts;
use crate::domain::supplier::SupplierParcel;
use crate::domain::time::shop_time;
use crate::i18n::fill;
use crate::i18n::order::{carrier_text, parcel_status_text, status_text};
use leptos::prelude::*;

/// One parcel: its order, goods, where it goes, its tracking and requests, and what to do now.
#[component]
pub fn ParcelCard(
    parcel: SupplierParcel,
    changed: RwSignal<u32>,
    /// The shop's carriers, (code, name).
    carriers: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_texts();
    let (s, o) = (t.supplier, t.orders);
    let heading = format!("parcel-{}-{}", parcel.order_no, parcel.parcel);
    let title = format!("{} · {}", parcel.order_no, fill(o.parcel, parcel.parcel));
    let order_no = parcel.order_no.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="panel parcel" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p>
                <strong data-parcel-status=parcel.status.as_str()>{parcel_status_text(o, parcel.status)}</strong>
                <span class="hint">{format!(" · {} · {} {}", shop_time(parcel.placed_at), status_text(o, parcel.order_status), parcel.paid_share)}</span>
            </p>
            <ul class="parcel-lines">
                {parcel.lines.iter().map(|line| view! {
                    <li>{format!("{} × {}", line.name, line.quantity)}<span class="hint">{format!(" · {} · {}", line.sku_code, line.total)}</span></li>
                }).collect_view()}
            </ul>
            // One element either way: the address block hydrates as one node.
            <div class="ship-to">
                {match parcel.ship_to.clone() {
                    Some(to) => view! {
                        <h3>{o.ship_to}</h3>
                        <p>{format!("{} {}", to.recipient, to.phone)}</p>
                        <p>{format!("{} {} {} {}", to.region, to.city, to.detail, to.postal_code)}</p>
                    }.into_any(),
                    None => view! { <p class="hint">{fill(s.delivered_to_city, &parcel.city)}</p> }.into_any(),
                }}
            </div>
            {parcel.tracking_no.clone().map(|no| view! {
                <p>{format!("{}: {} · {}: {no}", o.carrier, carrier_text(o, parcel.carrier.as_deref().unwrap_or_default()), o.tracking_no)}</p>
            })}
            {parcel.can_ship.then(|| view! { <ShipForm order_no=order_no.clone() parcel=parcel.parcel changed carriers=carriers.clone()/> })}
            {parcel.requests.into_iter().rev().map(|request| view! {
                <AfterSalePanel order_no=order_no.clone() request operator=parcel.can_handle changed key=None carriers=carriers.clone()/>
            }).collect_view()}
        </section>
    }
}

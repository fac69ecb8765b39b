use crate::contexts::locale::use_texts;
use crate::domain::order::ParcelView;
use crate::domain::time::shop_time;
use crate::i18n::order::{carrier_text, tracking_text};
use leptos::prelude::*;

/// A shipped parcel's carrier, tracking number and the carrier's steps, newest first; nothing
/// before it ships.
#[component]
pub fn TrackingList(parcel: ParcelView) -> impl IntoView {
    let o = use_texts().orders;
    let tracking_no = parcel.tracking_no.clone()?;
    Some(view! {
        <p>{o.carrier} ": " {carrier_text(o, parcel.carrier.as_deref().unwrap_or_default())} " · " {o.tracking_no} ": " {tracking_no}</p>
        <ol class="timeline" aria-label=o.tracking>
            {parcel.tracking.into_iter().rev().map(|event| view! {
                <li>
                    <strong>{tracking_text(o, event.code)}</strong>
                    <span class="hint">{format!(" · {} · {}", event.location, shop_time(event.happened_at))}</span>
                </li>
            }).collect_view()}
        </ol>
    })
}

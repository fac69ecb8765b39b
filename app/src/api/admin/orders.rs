//! Orders in the back office: list, ship parcels, decide after-sale, receive returns (the orders
//! permission). Shipping and after-sale also serve the supplier console: an active supplier
//! handles its own parcels, and the repository refuses any other (`auth::goods_editor`).

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, domain::order::Actor, domain::staff::Permission};

/// Who handles a parcel, as its timeline names them: an operator, or the supplier owning it.
#[cfg(feature = "ssr")]
async fn parcel_handler() -> Result<(crate::domain::owner::Scope, Actor), AppError> {
    use crate::domain::owner::Scope;
    let (caller, scope) = auth::goods_editor(Permission::Orders).await?;
    let actor = match scope {
        Scope::AllOwners => Actor::Operator(caller.user_id),
        Scope::Only(_) => Actor::Supplier(caller.user_id),
    };
    Ok((scope, actor))
}

/// Every order under a tab, newest first; `search` matches an order number or part of an email.
#[server]
pub async fn admin_list_orders(
    tab: String,
    search: String,
) -> Result<Vec<crate::domain::order::OrderSummary>, AppError> {
    use crate::db::order::view;
    let db = use_db()?;
    auth::staff_with(Permission::Orders).await?;
    Ok(view::list(
        &db,
        view::OrderFilter {
            user_id: None,
            tab: crate::domain::order::OrderTab::parse(&tab),
            search: &search,
            limit: 200,
        },
    )
    .await?)
}

/// The carriers an operator can ship with: (code, name).
#[cfg(feature = "ssr")]
fn carriers() -> Result<crate::carrier::Carriers, AppError> {
    use_context::<crate::carrier::Carriers>()
        .ok_or_else(|| AppError::internal("carriers", "none in context"))
}

/// One of our carriers' codes and a well-formed tracking number, or which of them is wrong.
#[cfg(feature = "ssr")]
fn parcel(
    carriers: &crate::carrier::Carriers,
    carrier: &str,
    tracking_no: &str,
) -> Result<(&'static str, String), AppError> {
    use crate::error::Refusal;
    let carrier = carriers
        .find(carrier)
        .ok_or(Refusal::UnknownCarrier)?
        .code();
    let tracking_no =
        crate::domain::shipping::parse_tracking_no(tracking_no).ok_or(Refusal::TrackingInvalid)?;
    Ok((carrier, tracking_no))
}

/// The shop's carriers as the ship forms offer them: (code, name). The pages' own data carry
/// them (see `OrderPageView`, `ParcelList`).
#[cfg(feature = "ssr")]
pub(crate) fn carrier_names() -> Result<Vec<(String, String)>, AppError> {
    Ok(carriers()?
        .0
        .iter()
        .map(|c| (c.code().to_string(), c.name().to_string()))
        .collect())
}

/// Hands parcel `parcel` (1 when not given: an order of one owner's goods has only that one)
/// of an order to a carrier. Operators ship any parcel; a supplier only its own (another's is
/// `NotFound`). Refusals: `UnknownCarrier`, `TrackingInvalid`, `Conflict` when the parcel
/// already left or the order cannot ship now.
#[server]
pub async fn ship_order(
    order_no: String,
    parcel: Option<i64>,
    carrier: String,
    tracking_no: String,
) -> Result<(), AppError> {
    let db = use_db()?;
    let carriers = carriers()?;
    let (scope, actor) = parcel_handler().await?;
    let (carrier, tracking_no) = self::parcel(&carriers, &carrier, &tracking_no)?;
    let key = crate::db::order::view::key(&db, &order_no)
        .await?
        .ok_or(AppError::NotFound)?;
    let seq = parcel.unwrap_or(1);
    tracing::info!(%actor, order_no, seq, "parcel shipped");
    Ok(crate::db::order::lifecycle::ship_parcel(
        &db,
        scope,
        key.id,
        seq,
        carrier,
        &tracking_no,
        &actor.to_string(),
    )
    .await?)
}

/// Approves or rejects an after-sale request with a message to the shopper; approved refunds (the
/// parcel's share) go back through the payment provider. Operators decide any request, a
/// supplier those on its own parcels.
#[server]
pub async fn decide_after_sale(
    request_id: i64,
    approve: bool,
    message: String,
) -> Result<(), AppError> {
    let db = use_db()?;
    let payments = crate::api::order::payments()?;
    let (scope, actor) = parcel_handler().await?;
    let message = crate::domain::order::after_sale::parse_message(&message)
        .ok_or(crate::error::Refusal::MessageInvalid)?;
    Ok(crate::flow::order::decide_after_sale(
        &db, &payments, scope, request_id, approve, &message, actor,
    )
    .await?)
}

/// The goods of an approved return or exchange are back. An exchange sends the replacement with
/// `carrier` and `tracking_no`; a return refunds through the payment provider (both ignored).
#[server]
pub async fn receive_return(
    request_id: i64,
    carrier: String,
    tracking_no: String,
) -> Result<(), AppError> {
    use crate::db::order::after_sale;
    use crate::domain::order::after_sale::goods_returned;
    let db = use_db()?;
    let payments = crate::api::order::payments()?;
    let carriers = carriers()?;
    let (scope, actor) = parcel_handler().await?;
    // Another owner's request is not found, before anything of it is told.
    match after_sale::owner_of_request(&db, request_id).await? {
        Some(owner) if scope.covers(owner) => {}
        _ => return Err(AppError::NotFound),
    }
    let kind = after_sale::request_kind(&db, request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reship = goods_returned(kind).is_some_and(|arrival| arrival.reship);
    let replacement = if reship {
        Some(parcel(&carriers, &carrier, &tracking_no)?)
    } else {
        None
    };
    Ok(crate::flow::order::receive_return(
        &db,
        &payments,
        scope,
        request_id,
        replacement
            .as_ref()
            .map(|(carrier, tracking_no)| (*carrier, tracking_no.as_str())),
        actor,
    )
    .await?)
}

//! Orders in the back office: list, ship, decide after-sale, receive returns (the orders
//! permission).

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, domain::order::Actor, domain::staff::Permission};

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

#[server]
pub async fn list_carriers() -> Result<Vec<(String, String)>, AppError> {
    let carriers = carriers()?;
    auth::staff_with(Permission::Orders).await?;
    Ok(carriers
        .0
        .iter()
        .map(|c| (c.code().to_string(), c.name().to_string()))
        .collect())
}

#[server]
pub async fn ship_order(
    order_no: String,
    carrier: String,
    tracking_no: String,
) -> Result<(), AppError> {
    let db = use_db()?;
    let carriers = carriers()?;
    let caller = auth::staff_with(Permission::Orders).await?;
    let (carrier, tracking_no) = parcel(&carriers, &carrier, &tracking_no)?;
    let key = crate::db::order::view::key(&db, &order_no)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(operator = caller.user_id, order_no, "order shipped");
    Ok(crate::db::order::lifecycle::ship(
        &db,
        key.id,
        carrier,
        &tracking_no,
        &Actor::Operator(caller.user_id).to_string(),
    )
    .await?)
}

/// Approves or rejects an after-sale request with a message to the shopper; approved refunds go
/// back through the payment provider.
#[server]
pub async fn decide_after_sale(
    request_id: i64,
    approve: bool,
    message: String,
) -> Result<(), AppError> {
    let db = use_db()?;
    let payments = crate::api::order::payments()?;
    let caller = auth::staff_with(Permission::Orders).await?;
    let message = crate::domain::order::after_sale::parse_message(&message)
        .ok_or(crate::error::Refusal::MessageInvalid)?;
    Ok(crate::flow::order::decide_after_sale(
        &db,
        &payments,
        request_id,
        approve,
        &message,
        Actor::Operator(caller.user_id),
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
    let caller = auth::staff_with(Permission::Orders).await?;
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
        request_id,
        replacement
            .as_ref()
            .map(|(carrier, tracking_no)| (*carrier, tracking_no.as_str())),
        Actor::Operator(caller.user_id),
    )
    .await?)
}

//! Checkout and the shopper's orders. An order is seen and changed only by its owner: the member
//! who placed it, or the guest session that placed it. Anyone else gets "not found", so order
//! numbers reveal nothing. Operators reach every order through `api::admin_orders`.

use crate::domain::account::AddressForm;
use crate::domain::cart::CartLine;
use crate::domain::order::{OrderDetail, OrderSummary};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth::{self, Caller},
    db::order::view::{self, OrderKey},
    domain::account::Role,
    payment::Payments,
};

/// What the checkout page sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    /// Made once per visit of the checkout page; placing it again returns the same order.
    pub checkout_token: String,
    /// Guests only; members' orders go to their account's email.
    pub email: String,
    pub address: AddressForm,
    pub shipping: String,
    /// Guests only; members' lines come from their cart on the server.
    pub guest_lines: Vec<CartLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedView {
    pub order_no: String,
    /// The payment provider's page; None when the provider could not be reached (the order
    /// page offers "Pay now" again).
    pub pay_url: Option<String>,
}

/// The order page: the order and what this viewer may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPageView {
    pub order: OrderDetail,
    pub operator: bool,
    pub guest: bool,
}

#[cfg(feature = "ssr")]
const GUEST_ORDERS_KEY: &str = "guest_orders";

/// Who is looking at an order.
#[cfg(feature = "ssr")]
pub(crate) struct OrderAccess {
    pub key: OrderKey,
    pub caller: Option<Caller>,
    pub operator: bool,
}

#[cfg(feature = "ssr")]
impl OrderAccess {
    /// How the timeline names this caller: an operator acting on someone else's order, or the
    /// shopper.
    pub fn actor(&self) -> &'static str {
        let own = self.caller.as_ref().map(|c| c.user_id) == self.key.user_id
            && self.key.user_id.is_some();
        if self.operator && !own {
            "operator"
        } else {
            "shopper"
        }
    }
}

/// The order `order_no` if the caller may see it: the owner, an operator, or the guest session
/// that placed it. Everyone else: not found.
#[cfg(feature = "ssr")]
pub(crate) async fn access(order_no: &str) -> Result<OrderAccess, AppError> {
    let (db, session) = (use_db()?, auth::session()?);
    let caller = auth::optional_caller().await?;
    let key = view::key(&db, order_no.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let operator = caller.as_ref().is_some_and(|c| c.user.has(Role::Operator));
    let owner = match (key.user_id, &caller) {
        (Some(owner), Some(caller)) => owner == caller.user_id,
        (None, _) => session
            .get::<Vec<i64>>(GUEST_ORDERS_KEY)
            .await
            .map_err(|e| AppError::internal("session", e))?
            .unwrap_or_default()
            .contains(&key.id),
        (Some(_), None) => false,
    };
    if owner || operator {
        Ok(OrderAccess {
            key,
            caller,
            operator,
        })
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
fn payments() -> Result<Payments, AppError> {
    use_context::<Payments>().ok_or_else(|| AppError::internal("payments", "no provider"))
}

#[cfg(feature = "ssr")]
fn settings() -> crate::order_flow::OrderSettings {
    use_context::<crate::order_flow::OrderSettings>().unwrap_or_default()
}

/// Places the order and opens its payment. Idempotent by `checkout_token`.
#[server(input = Json)]
pub async fn place_order(form: CheckoutForm) -> Result<PlacedView, AppError> {
    use crate::db::order::{place_order as place, NewOrder, PlaceOutcome};
    use crate::domain::account::{Email, ValidAddress};
    use crate::domain::payment::is_token;
    use crate::domain::pricing::ShippingMethod;
    let (db, locale, session) = (
        use_db()?,
        crate::contexts::locale::request_locale(),
        auth::session()?,
    );
    let (payments, settings) = (payments()?, settings());
    let texts = locale.texts().orders;
    let caller = auth::optional_caller().await?;
    let address = ValidAddress::parse(&form.address).map_err(AppError::Invalid)?;
    let email = match &caller {
        Some(caller) => caller.user.email.clone(),
        None => Email::parse(&form.email)
            .map_err(|p| AppError::Invalid(vec![p]))?
            .into_inner(),
    };
    let shipping = ShippingMethod::parse(&form.shipping)
        .ok_or_else(|| AppError::InvalidInput(texts.shipping_method.to_string()))?;
    if !is_token(&form.checkout_token) {
        return Err(AppError::InvalidInput(texts.cart_changed.to_string()));
    }
    let lines: Vec<(i64, i64)> = match &caller {
        Some(caller) => crate::db::cart::lines(&db, caller.user_id).await?,
        None => form.guest_lines,
    }
    .into_iter()
    .map(|line| (line.sku_id, line.quantity))
    .collect();
    let outcome = place(
        &db,
        NewOrder {
            checkout_token: &form.checkout_token,
            user_id: caller.as_ref().map(|c| c.user_id),
            email: &email,
            locale,
            lines: &lines,
            address: &address,
            shipping,
            pay_within_seconds: settings.pay_within_seconds,
        },
    )
    .await?;
    let placed = match outcome {
        PlaceOutcome::Placed(placed) => {
            if let Some(caller) = &caller {
                crate::db::cart::clear(&db, caller.user_id).await?;
            }
            placed
        }
        PlaceOutcome::AlreadyPlaced(placed) => placed,
        PlaceOutcome::SoldOut(sku_ids) => {
            let names = crate::db::order::sku_names(&db, locale, &sku_ids).await?;
            return Err(AppError::InvalidInput(crate::i18n::fill(
                texts.sold_out,
                names.join("、"),
            )));
        }
        PlaceOutcome::TokenTaken => return Err(AppError::Conflict),
        PlaceOutcome::Empty => return Err(AppError::InvalidInput(texts.cart_changed.to_string())),
    };
    if caller.is_none() {
        // The guest's way back to this order is this browser session.
        let mut mine = session
            .get::<Vec<i64>>(GUEST_ORDERS_KEY)
            .await
            .map_err(|e| AppError::internal("session", e))?
            .unwrap_or_default();
        if !mine.contains(&placed.id) {
            mine.push(placed.id);
            mine.truncate(50);
            session
                .insert(GUEST_ORDERS_KEY, mine)
                .await
                .map_err(|e| AppError::internal("session", e))?;
        }
    }
    let key = view::key(&db, &placed.order_no)
        .await?
        .ok_or(AppError::NotFound)?;
    let pay_url =
        match crate::order_flow::start_payment(&db, payments.0.as_ref(), &settings, &key).await {
            Ok(url) => Some(url),
            Err(error) => {
                tracing::warn!(%error, order_no = key.order_no, "payment could not be opened");
                None
            }
        };
    Ok(PlacedView {
        order_no: placed.order_no,
        pay_url,
    })
}

#[server]
pub async fn get_order(order_no: String) -> Result<OrderPageView, AppError> {
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let access = access(&order_no).await?;
    let order = view::detail(&db, access.key.id, locale)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OrderPageView {
        order,
        operator: access.operator,
        guest: access.caller.is_none(),
    })
}

/// Opens a new payment for a pending order ("Pay now", "pay again"); returns where to go.
#[server]
pub async fn pay_order(order_no: String) -> Result<String, AppError> {
    let (db, payments, settings) = (use_db()?, payments()?, settings());
    let access = access(&order_no).await?;
    Ok(crate::order_flow::start_payment(&db, payments.0.as_ref(), &settings, &access.key).await?)
}

#[server]
pub async fn cancel_order(order_no: String) -> Result<(), AppError> {
    let (db, payments) = (use_db()?, payments()?);
    let access = access(&order_no).await?;
    Ok(crate::order_flow::cancel(&db, payments.0.as_ref(), access.key.id, access.actor()).await?)
}

#[server]
pub async fn confirm_receipt(order_no: String) -> Result<(), AppError> {
    let db = use_db()?;
    let access = access(&order_no).await?;
    Ok(
        crate::db::order::lifecycle::complete(&db, access.key.id, "shopper", "receipt confirmed")
            .await?,
    )
}

#[server]
pub async fn request_after_sale(
    order_no: String,
    kind: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::after_sale::{parse_message, AfterSaleKind};
    let (db, texts) = (
        use_db()?,
        crate::contexts::locale::request_locale().texts().orders,
    );
    let access = access(&order_no).await?;
    let kind =
        AfterSaleKind::parse(&kind).ok_or_else(|| AppError::InvalidInput(texts.kind.into()))?;
    let reason = parse_message(&reason)
        .ok_or_else(|| AppError::InvalidInput(texts.reason_invalid.into()))?;
    crate::db::order::lifecycle::open_after_sale(&db, access.key.id, kind, &reason, None).await?;
    Ok(())
}

/// A message on an after-sale request, from its shopper or an operator.
#[server]
pub async fn post_after_sale_message(
    order_no: String,
    request_id: i64,
    body: String,
) -> Result<(), AppError> {
    use crate::db::order::lifecycle;
    let (db, texts) = (
        use_db()?,
        crate::contexts::locale::request_locale().texts().orders,
    );
    let access = access(&order_no).await?;
    let body = crate::domain::after_sale::parse_message(&body)
        .ok_or_else(|| AppError::InvalidInput(texts.reason_invalid.into()))?;
    if lifecycle::order_of_request(&db, request_id).await? != Some(access.key.id) {
        return Err(AppError::NotFound);
    }
    Ok(lifecycle::add_message(&db, request_id, access.actor(), &body, None).await?)
}

/// The member's orders under one tab ("all", "to-pay", …).
#[server]
pub async fn list_my_orders(tab: String) -> Result<Vec<OrderSummary>, AppError> {
    use crate::domain::order::OrderTab;
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(view::list(
        &db,
        view::OrderFilter {
            user_id: Some(caller.user_id),
            tab: OrderTab::parse(&tab),
            search: "",
            limit: 100,
        },
    )
    .await?)
}

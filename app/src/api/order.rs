//! Checkout and the shopper's orders. An order is seen and changed only by its owner: the member
//! who placed it, or the guest session that placed it. Anyone else gets "not found", so order
//! numbers reveal nothing. Operators reach every order through `api::admin_orders`.

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
    domain::order::{Actor, MoveReason},
    error::Refusal,
    payment::Payments,
};

pub use crate::domain::order::checkout::CheckoutForm;

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
    /// An operator with the orders permission is looking (ships parcels, decides requests).
    pub operator: bool,
    /// The order's shopper is looking (pays, confirms, asks for after-sale).
    pub owner: bool,
    pub guest: bool,
    /// The shop's carriers ((code, name)) for an operator's ship forms; empty for others.
    pub carriers: Vec<(String, String)>,
    /// The payment methods offered for "Pay now" (provider names, as `payment_methods`); empty
    /// unless the order can be paid now. They come with the order rather than from a resource
    /// of the actions bar, which server rendering would create twice (see `AccountLayout`).
    pub payment_methods: Vec<String>,
}

#[cfg(feature = "ssr")]
const GUEST_ORDERS_KEY: &str = "guest_orders";

/// Who is looking at an order.
#[cfg(feature = "ssr")]
pub(crate) struct OrderAccess {
    pub key: OrderKey,
    pub caller: Option<Caller>,
    pub operator: bool,
    /// The member who placed it, or the guest (session or link) who did.
    pub owner: bool,
}

#[cfg(feature = "ssr")]
impl OrderAccess {
    /// How the timeline names this caller: the shopper, or which operator acted for the shop.
    pub fn actor(&self) -> Actor {
        match (&self.caller, self.owner) {
            (Some(caller), false) if self.operator => Actor::Operator(caller.user_id),
            _ => Actor::Shopper,
        }
    }

    /// Paying, confirming receipt and asking for after-sale are the shopper's own decisions.
    pub fn owner_only(self) -> Result<OrderAccess, AppError> {
        if self.owner {
            Ok(self)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The order `order_no` if the caller may see it: the owner, an operator, or the guest session
/// that placed it; everyone else gets not found. A guest's mailed link key (`?key=…`, checked in constant time) opens the
/// order for this request only: it is sent again with each action from that page and never
/// attaches the order to the visitor's session.
#[cfg(feature = "ssr")]
async fn access_with_key(order_no: &str, link_key: Option<&str>) -> Result<OrderAccess, AppError> {
    let (db, session) = (use_db()?, auth::session()?);
    let caller = auth::optional_caller().await?;
    let key = view::key(&db, order_no.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let operator = caller
        .as_ref()
        .is_some_and(|c| c.user.may(crate::domain::staff::Permission::Orders));
    let link_opens = match link_key.filter(|k| !k.trim().is_empty()) {
        Some(presented) if key.user_id.is_none() => {
            let secret =
                crate::db::secrets::get_or_create(&db, crate::db::secrets::ORDER_LINKS).await?;
            crate::db::order::guest_key_matches(&secret, &key.order_no, presented)
        }
        _ => false,
    };
    let owner = match (key.user_id, &caller) {
        (Some(owner), Some(caller)) => owner == caller.user_id,
        (None, _) if link_opens => true,
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
            owner,
        })
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether this browser session placed any order as a guest.
#[cfg(feature = "ssr")]
async fn has_guest_orders() -> Result<bool, AppError> {
    Ok(auth::session()?
        .get::<Vec<i64>>(GUEST_ORDERS_KEY)
        .await
        .map_err(|e| AppError::internal("session", e))?
        .is_some_and(|orders| !orders.is_empty()))
}

/// A guest's way back to their orders in this browser session.
#[cfg(feature = "ssr")]
async fn remember_guest_order(
    session: &tower_sessions::Session,
    order_id: i64,
) -> Result<(), AppError> {
    let mut mine = session
        .get::<Vec<i64>>(GUEST_ORDERS_KEY)
        .await
        .map_err(|e| AppError::internal("session", e))?
        .unwrap_or_default();
    if !mine.contains(&order_id) {
        mine.push(order_id);
        if mine.len() > 50 {
            mine.remove(0);
        }
        session
            .insert(GUEST_ORDERS_KEY, mine)
            .await
            .map_err(|e| AppError::internal("session", e))?;
    }
    Ok(())
}

/// The enabled payment gateways, or `PaymentUnavailable` when the shop has none.
#[cfg(feature = "ssr")]
pub(crate) fn payments() -> Result<Payments, AppError> {
    use_context::<Payments>()
        .filter(|p| !p.is_empty())
        .ok_or(AppError::Refused(Refusal::PaymentUnavailable))
}

/// The payment methods this shop offers, in the order to show them: provider names
/// ("alipay", "wechatpay", "sandbox"). Empty when none is configured.
#[server]
pub async fn payment_methods() -> Result<Vec<String>, AppError> {
    Ok(payment_names())
}

#[cfg(feature = "ssr")]
fn payment_names() -> Vec<String> {
    use_context::<Payments>()
        .map(|p| p.names())
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn settings() -> crate::flow::order::OrderSettings {
    use_context::<crate::flow::order::OrderSettings>().unwrap_or_default()
}

/// Places the order and opens its payment. Idempotent by `checkout_token`. Refusals:
/// `QuantityOutOfRange`, `CartChanged`, `StockChanged` (every line that no longer fits, with
/// what is left), `ShippingMethod`, `PaymentMethod`, `TooManyUnpaidOrders`; field problems of
/// the address or email as `Invalid`; guests are rate-limited per address.
#[server(input = Json)]
pub async fn place_order(form: CheckoutForm) -> Result<PlacedView, AppError> {
    use crate::flow::order::{place, Buyer, Checkout};
    let (db, locale, session) = (
        use_db()?,
        crate::contexts::locale::request_locale(),
        auth::session()?,
    );
    let (payments, settings) = (payments()?, settings());
    let site_url = use_context::<crate::contexts::site::SiteUrl>()
        .map(|s| s.0)
        .unwrap_or_default();
    let (ip, agent) = (auth::client_ip(), auth::user_agent());
    let buyer = match auth::optional_caller().await? {
        Some(caller) => Buyer::Member {
            user_id: caller.user_id,
            email: caller.user.email,
        },
        None => Buyer::Guest,
    };
    let limit = (buyer == Buyer::Guest).then(auth::limits::guest_order_limit);
    // For the dashboard's conversion. No day salt (the day is over on another instance): not
    // counted; the mark itself is written in the order's transaction.
    let visit = crate::flow::visit::ordering_visitor(&db, crate::db::unix_now(), &ip, &agent)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "the ordering visit cannot be counted");
            None
        });
    let checkout = Checkout {
        db: &db,
        payments: &payments,
        settings: &settings,
        site_url: &site_url,
        locale,
        visit: visit.as_ref(),
        limit: limit.as_ref(),
    };
    let placed = place(&checkout, &buyer, &form).await?;
    if buyer == Buyer::Guest {
        remember_guest_order(&session, placed.order_id).await?;
    }
    Ok(PlacedView {
        order_no: placed.order_no,
        pay_url: placed.pay_url,
    })
}

/// The order page's data. `key` is a guest's mailed link key, if the page was opened with one.
#[server]
pub async fn get_order(order_no: String, key: Option<String>) -> Result<OrderPageView, AppError> {
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let access = access_with_key(&order_no, key.as_deref()).await?;
    let shipper = access
        .operator
        .then_some(crate::domain::owner::Scope::AllOwners);
    let mut order = view::detail(&db, access.key.id, locale, shipper)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access.owner {
        // An operator may cancel for the shopper; paying, confirming and after-sale are theirs.
        order.actions = crate::domain::order::OrderActions {
            cancel: order.actions.cancel,
            ..Default::default()
        };
        for parcel in &mut order.parcels {
            parcel.after_sale.clear();
            parcel.may_complain = false;
        }
    }
    let payment_methods = if order.actions.pay {
        payment_names()
    } else {
        Vec::new()
    };
    Ok(OrderPageView {
        order,
        operator: access.operator,
        owner: access.owner,
        guest: access.caller.is_none(),
        carriers: if access.operator {
            crate::api::admin::orders::carrier_names()?
        } else {
            Vec::new()
        },
        payment_methods,
    })
}

/// Opens a new payment for a pending order ("Pay now", "pay again") with `method` (a
/// provider's name, or the first offered when None); returns where to go. Refusals:
/// `PaymentMethod`, `PaymentGatewayDown` (503), `Conflict` when the order is not waiting.
#[server]
pub async fn pay_order(
    order_no: String,
    key: Option<String>,
    method: Option<String>,
) -> Result<String, AppError> {
    let (db, payments, settings) = (use_db()?, payments()?, settings());
    let access = access_with_key(&order_no, key.as_deref())
        .await?
        .owner_only()?;
    Ok(
        crate::flow::order::start_payment(
            &db,
            &payments,
            method.as_deref(),
            &settings,
            &access.key,
        )
        .await?,
    )
}

#[server]
pub async fn cancel_order(order_no: String, key: Option<String>) -> Result<(), AppError> {
    let (db, payments) = (use_db()?, payments()?);
    let access = access_with_key(&order_no, key.as_deref()).await?;
    let actor = access.actor().to_string();
    Ok(crate::flow::order::cancel(&db, &payments, access.key.id, &actor).await?)
}

#[server]
pub async fn confirm_receipt(order_no: String, key: Option<String>) -> Result<(), AppError> {
    let db = use_db()?;
    let access = access_with_key(&order_no, key.as_deref())
        .await?
        .owner_only()?;
    Ok(crate::db::order::lifecycle::complete(
        &db,
        access.key.id,
        &Actor::Shopper.to_string(),
        &MoveReason::ReceiptConfirmed.to_string(),
    )
    .await?)
}

/// The shopper asks for a refund, return or exchange of one parcel: a multipart form with
/// `order_no`, `parcel` (its number, 1 when absent), `kind`,
/// `reason` and an optional `photo` (PNG, JPEG or WebP, at most 5 MB). A guest opening the
/// order by its mailed link posts to this path with `?key=…`.
#[server(input = leptos::server_fn::codec::MultipartFormData)]
pub async fn request_after_sale(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(), AppError> {
    use crate::api::uploads::{read_form, remove_image, store_image, ImageProblems};
    use crate::domain::order::after_sale::{parse_message, AfterSaleKind, PHOTO_MAX_BYTES};
    let db = use_db()?;
    let link_key = use_context::<http::request::Parts>().and_then(|parts| {
        parts.uri.query().and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("key=").map(str::to_string))
        })
    });
    // Only a member, a guest session holding orders or a guest's link can own one: others are
    // refused before the body is read.
    if link_key.is_none() && auth::optional_caller().await?.is_none() && !has_guest_orders().await?
    {
        return Err(AppError::NotFound);
    }
    let problems = ImageProblems {
        too_large: Refusal::PhotoInvalid.into(),
        bad_type: Refusal::PhotoInvalid.into(),
    };
    let form = read_form(data, "photo", PHOTO_MAX_BYTES, problems).await?;
    let order_no = form.text("order_no");
    let access = access_with_key(&order_no, link_key.as_deref())
        .await?
        .owner_only()?;
    let kind = AfterSaleKind::parse(&form.text("kind")).ok_or(Refusal::AfterSaleKind)?;
    // A form from before parcels names none: an order then had one parcel.
    let parcel = match form.text("parcel").trim() {
        "" => 1,
        typed => typed.parse::<i64>().map_err(|_| AppError::NotFound)?,
    };
    let reason = parse_message(&form.text("reason")).ok_or(Refusal::MessageInvalid)?;
    let photo = match &form.image {
        Some((image_kind, bytes)) => {
            Some(store_image("after-sale", &access.key.id.to_string(), *image_kind, bytes).await?)
        }
        None => None,
    };
    let opened = crate::db::order::after_sale::open_after_sale(
        &db,
        access.key.id,
        parcel,
        kind,
        &reason,
        photo.as_ref().map(|(path, _)| path.as_str()),
    )
    .await;
    if let (Err(_), Some((photo, true))) = (&opened, &photo) {
        // A refused request leaves no file behind.
        remove_image(photo).await;
    }
    opened?;
    let back = match &link_key {
        Some(key) => format!("/orders/{}?key={key}", access.key.order_no),
        None => format!("/orders/{}", access.key.order_no),
    };
    crate::api::redirect_plain_form(&back);
    Ok(())
}

/// A message on an after-sale request, from its shopper, an operator, or the supplier owning
/// the request's parcel. Anyone else: `NotFound`.
#[server]
pub async fn post_after_sale_message(
    order_no: String,
    request_id: i64,
    body: String,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::db::order::after_sale;
    let db = use_db()?;
    let author = match access_with_key(&order_no, key.as_deref()).await {
        Ok(access) => {
            if after_sale::order_of_request(&db, request_id).await? != Some(access.key.id) {
                return Err(AppError::NotFound);
            }
            access.actor()
        }
        Err(AppError::NotFound) => {
            let (caller, scope) = auth::supplier().await.map_err(|_| AppError::NotFound)?;
            match after_sale::owner_of_request(&db, request_id).await? {
                Some(owner) if scope.covers(owner) => {
                    crate::domain::order::Actor::Supplier(caller.user_id)
                }
                _ => return Err(AppError::NotFound),
            }
        }
        Err(other) => return Err(other),
    };
    let body =
        crate::domain::order::after_sale::parse_message(&body).ok_or(Refusal::MessageInvalid)?;
    Ok(after_sale::add_message(&db, request_id, &author.to_string(), &body, None).await?)
}

/// The shopper complains about the seller of parcel `parcel` (`body`: 2–500 characters):
/// once per parcel, only about a supplier's parcel of a paid order. Refusals: `MessageInvalid`,
/// `NotFound`, `Conflict` when already sent.
#[server]
pub async fn complain_about_seller(
    order_no: String,
    parcel: i64,
    body: String,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::db::order::shipment::{complain, ComplaintError};
    let db = use_db()?;
    let access = access_with_key(&order_no, key.as_deref())
        .await?
        .owner_only()?;
    let body =
        crate::domain::order::after_sale::parse_message(&body).ok_or(Refusal::MessageInvalid)?;
    complain(&db, access.key.id, parcel, &body)
        .await
        .map_err(|error| match error {
            ComplaintError::NotFound => AppError::NotFound,
            ComplaintError::AlreadyFiled => AppError::Conflict,
            ComplaintError::Db(error) => error.into(),
        })
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

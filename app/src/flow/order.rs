//! Order services (server only): placing an order, starting a payment, applying a provider's
//! notice, and sending refunds back through the provider. Server functions and the callback
//! routes call these; the rules themselves live in `domain`.

use crate::db::order::after_sale;
use crate::db::order::lifecycle::{self, MoveError};
use crate::db::order::view::OrderKey;
use crate::db::payment::{self, Applied, RefundDue};
use crate::db::Db;
use crate::domain::order::checkout::CheckoutForm;
use crate::domain::order::{IllegalTransition, OrderEvent, OrderStatus};
use crate::domain::payment::PaymentNotice;
use crate::error::{AppError, Refusal};
use crate::payment::{PaymentProvider, PaymentRequest, Payments, RefundRequest};

/// Who is placing an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Buyer {
    /// A signed-in member: the order goes to their account and email, from their cart.
    Member { user_id: i64, email: String },
    /// A guest: the email comes with the form, the lines from the browser.
    Guest,
}

/// What placing an order needs from the server.
pub struct Checkout<'a> {
    pub db: &'a Db,
    pub payments: &'a Payments,
    pub settings: &'a OrderSettings,
    /// The shop's public address, for the links in the order's mail.
    pub site_url: &'a str,
    /// The language of the page: the order's mail and timeline are in it.
    pub locale: crate::domain::locale::Locale,
    /// The visit the order comes from, marked as ordering in the order's own transaction.
    pub visit: Option<&'a crate::db::visit::VisitorDay>,
    /// The rate limit a guest's order counts against, in the order's own transaction.
    pub limit: Option<&'a crate::db::rate_limit::Limit>,
}

/// An order placed (or found placed by an earlier try with the same checkout token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub order_id: i64,
    pub order_no: String,
    /// Where to pay; None when the gateway could not be reached (the order page offers
    /// "Pay now" again).
    pub pay_url: Option<String>,
}

/// Places `form` for `buyer` and opens its payment. Idempotent by the checkout token: a retry
/// returns the order placed before; a token used by someone else is `Conflict`. A member orders
/// exactly what the page showed, which must still be their cart (else `CartChanged`), within
/// the unpaid-order limits. Refusals as in `api::order::place_order`.
pub async fn place(
    checkout: &Checkout<'_>,
    buyer: &Buyer,
    form: &CheckoutForm,
) -> Result<Placed, AppError> {
    use crate::db::order::{place_order, placed_by_token, NewOrder, PlaceOutcome};
    use crate::domain::account::{Email, ValidAddress};
    use crate::domain::payment::is_token;
    use crate::domain::pricing::ShippingMethod;
    let db = checkout.db;
    let address = ValidAddress::parse(&form.address).map_err(AppError::Invalid)?;
    let (user_id, email) = match buyer {
        Buyer::Member { user_id, email } => (Some(*user_id), email.clone()),
        Buyer::Guest => (
            None,
            Email::parse(&form.email)
                .map_err(|p| AppError::Invalid(vec![p]))?
                .into_inner(),
        ),
    };
    let shipping = ShippingMethod::parse(&form.shipping).ok_or(Refusal::ShippingMethod)?;
    let method = (!form.payment.is_empty()).then_some(form.payment.as_str());
    if checkout.payments.choose(method).is_none() {
        return Err(Refusal::PaymentMethod.into());
    }
    if !is_token(&form.checkout_token) {
        return Err(Refusal::CartChanged.into());
    }
    crate::domain::cart::parse_lines(&form.lines)?;
    if form.coupons.len() > 2 {
        return Err(Refusal::Coupon(crate::domain::promotion::CouponRefusal::NotFound).into());
    }
    if form.points < 0 {
        return Err(Refusal::PointsShort.into());
    }
    // A member's retry is told apart before anything else: the first attempt emptied their
    // cart. A guest's is answered inside the write by the orders table's unique token, so a
    // guest's first attempt reads nothing more (see below for a retry that fails otherwise).
    let retried = match user_id {
        Some(_) => match placed_by_token(db, &form.checkout_token, user_id, &email).await? {
            PlaceOutcome::AlreadyPlaced(placed) => Some(placed),
            PlaceOutcome::TokenTaken => return Err(AppError::Conflict),
            _ => None,
        },
        None => None,
    };
    let outcome = match retried {
        Some(placed) => PlaceOutcome::AlreadyPlaced(placed),
        None => {
            if let Some(user_id) = user_id {
                // The page's lines must still be the cart as it is now (another tab or device
                // may have changed it since).
                let cart = crate::db::cart::lines(db, user_id).await?;
                if form.lines.is_empty() || !form.lines.iter().all(|line| cart.contains(line)) {
                    return Err(Refusal::CartChanged.into());
                }
                let (open, held) = crate::db::order::unpaid_holdings(db, user_id).await?;
                crate::domain::cart::check_unpaid_limits(open, &held, &form.lines)
                    .map_err(|_| Refusal::TooManyUnpaidOrders)?;
            }
            let lines: Vec<(i64, i64)> = form
                .lines
                .iter()
                .map(|line| (line.sku_id, line.quantity))
                .collect();
            let outcome = place_order(
                db,
                NewOrder {
                    checkout_token: &form.checkout_token,
                    user_id,
                    email: &email,
                    locale: checkout.locale,
                    lines: &lines,
                    address: &address,
                    shipping,
                    pay_within_seconds: checkout.settings.pay_within_seconds,
                    site_url: checkout.site_url,
                    coupons: &form.coupons,
                    points: form.points,
                    expected_total: form.expected_total,
                    visit: checkout.visit,
                    limit: checkout.limit,
                },
            )
            .await?;
            if let (PlaceOutcome::Placed(_), Some(user_id)) = (&outcome, user_id) {
                let bought: Vec<i64> = form.lines.iter().map(|l| l.sku_id).collect();
                crate::db::cart::remove(db, user_id, &bought).await?;
            }
            outcome
        }
    };
    // A guest's retry whose goods sold out, or whose price changed, since the first attempt
    // placed the order still gets that order.
    let outcome = match outcome {
        PlaceOutcome::Placed(_) | PlaceOutcome::AlreadyPlaced(_) => outcome,
        refused if user_id.is_none() => {
            match placed_by_token(db, &form.checkout_token, None, &email).await? {
                PlaceOutcome::Empty => refused,
                found => found,
            }
        }
        refused => refused,
    };
    let (placed, just_placed) = match outcome {
        PlaceOutcome::Placed(placed) => (placed, true),
        PlaceOutcome::AlreadyPlaced(placed) => (placed, false),
        PlaceOutcome::Shortfall(lines) => return Err(Refusal::StockChanged(lines).into()),
        PlaceOutcome::TokenTaken => return Err(AppError::Conflict),
        PlaceOutcome::Empty => return Err(Refusal::CartChanged.into()),
        PlaceOutcome::Coupon(refusal) => return Err(Refusal::Coupon(refusal).into()),
        PlaceOutcome::PriceChanged(total) => return Err(Refusal::PriceChanged(total).into()),
        PlaceOutcome::PointsShort => return Err(Refusal::PointsShort.into()),
        PlaceOutcome::RateLimited => {
            let (bucket, window) = checkout
                .limit
                .map_or(("", 0), |l| (l.bucket.as_str(), l.window_seconds));
            tracing::warn!(bucket, "rate limit reached");
            return Err(AppError::RateLimited(window));
        }
    };
    // A new order is known to be waiting for payment; a retried one may have moved on since.
    let key = if just_placed {
        crate::db::order::view::OrderKey {
            id: placed.id,
            user_id,
            status: crate::domain::order::OrderStatus::PendingPayment,
            total: placed.total,
            order_no: placed.order_no.clone(),
        }
    } else {
        crate::db::order::view::key(db, &placed.order_no)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let pay_url = match start_payment(db, checkout.payments, method, checkout.settings, &key).await
    {
        Ok(url) => Some(url),
        Err(error) => {
            tracing::warn!(%error, order_no = key.order_no, "payment could not be opened");
            None
        }
    };
    Ok(Placed {
        order_id: placed.id,
        order_no: placed.order_no,
        pay_url,
    })
}

/// How orders behave; set by the server's configuration.
#[derive(Clone, Debug)]
pub struct OrderSettings {
    /// An unpaid order is cancelled (and its stock released) after this long.
    pub pay_within_seconds: i64,
    /// A delivered order completes by itself after this long.
    pub complete_after_seconds: i64,
    /// The shop's address for browsers (where the provider sends the shopper back).
    pub public_url: String,
    /// The shop's address for providers' callbacks.
    pub callback_url: String,
}

impl Default for OrderSettings {
    fn default() -> Self {
        OrderSettings {
            pay_within_seconds: 30 * 60,
            complete_after_seconds: 7 * 86_400,
            public_url: "http://127.0.0.1:3000".into(),
            callback_url: "http://127.0.0.1:3000".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PayError {
    #[error("the order is not waiting for payment")]
    NotPayable(IllegalTransition),
    #[error("the provider failed: {0}")]
    Provider(#[from] crate::payment::ProviderError),
    #[error("no such payment method is configured")]
    UnknownMethod,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Opens a payment for a pending order with the chosen method (a provider's name; the first
/// configured one when None); returns where to send the shopper.
pub async fn start_payment(
    db: &Db,
    payments: &Payments,
    method: Option<&str>,
    settings: &OrderSettings,
    order: &OrderKey,
) -> Result<String, PayError> {
    let provider = payments.choose(method).ok_or(PayError::UnknownMethod)?;
    if order.status != OrderStatus::PendingPayment {
        return Err(PayError::NotPayable(IllegalTransition {
            from: order.status,
            event: OrderEvent::Pay,
        }));
    }
    let name = provider.name();
    let started = provider
        .start(PaymentRequest {
            order_no: &order.order_no,
            amount: order.total,
            return_url: format!("{}/payments/{name}/return", settings.public_url),
            notify_url: format!("{}/payments/{name}/notify", settings.callback_url),
        })
        .await?;
    payment::record_started(db, order.id, name, &started.reference, order.total).await?;
    Ok(started.redirect_url)
}

/// Applies a verified notice; money that arrived for a closed order goes straight back.
pub async fn settle(
    db: &Db,
    payments: &Payments,
    provider: &dyn PaymentProvider,
    notice: &PaymentNotice,
) -> Result<Applied, sqlx::Error> {
    let applied = payment::apply_notice(db, provider.name(), notice).await?;
    match &applied {
        Applied::Paid { order_no, .. } => tracing::info!(order_no, "order paid"),
        Applied::RefundLate { due, order_no } => {
            tracing::warn!(
                order_no,
                reference = due.reference,
                "late payment; refunding"
            );
            refund(db, payments, due, "late payment for a closed order").await?;
        }
        Applied::Held { order_no } => {
            tracing::warn!(
                order_no,
                "payment amount does not match; held for an operator"
            )
        }
        Applied::Unknown => tracing::warn!(
            reference = notice.reference,
            "payment notice for no payment of ours"
        ),
        Applied::AlreadyApplied { .. } | Applied::Failed { .. } => {}
    }
    Ok(applied)
}

/// Sends money back through the provider it came from and books it. A refusal (or a provider
/// no longer configured) is logged and flags the order for an operator; the money is never
/// silently kept. The refund number (`due.refund_no`) is the same on every retry, so a gateway
/// that did refund but whose answer was lost does not refund twice.
pub async fn refund(
    db: &Db,
    payments: &Payments,
    due: &RefundDue,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let result = match payments.get(&due.provider) {
        Some(provider) => {
            provider
                .refund(RefundRequest {
                    reference: &due.reference,
                    refund_no: &due.refund_no,
                    amount: due.amount,
                    paid: due.paid,
                })
                .await
        }
        None => Err(crate::payment::ProviderError::Unavailable(format!(
            "{} is not configured",
            due.provider
        ))),
    };
    match result {
        Ok(refund_ref) => {
            payment::record_refund(db, due, &refund_ref, reason).await?;
            Ok(true)
        }
        Err(error) => {
            tracing::error!(%error, order_id = due.order_id, "refund failed; order flagged");
            payment::refund_failed(db, due.order_id).await?;
            Ok(false)
        }
    }
}

/// Sends again the refunds a provider refused or could not take, for undone orders. Safe on
/// several instances at once (each order is claimed by one); returns how many orders are now
/// fully refunded.
pub async fn retry_failed_refunds(db: &Db, payments: &Payments) -> Result<usize, sqlx::Error> {
    let mut done = 0;
    for order_id in payment::claim_failed_refunds(db, 50).await? {
        let mut all_sent = true;
        for due in payment::captured_all(db, order_id).await? {
            all_sent &= refund(db, payments, &due, "refund retried").await?;
        }
        if all_sent {
            payment::end_refund_retry(db, order_id).await?;
            done += 1;
        }
    }
    Ok(done)
}

/// Cancels before shipping; a paid order's money goes back.
pub async fn cancel(
    db: &Db,
    payments: &Payments,
    order_id: i64,
    actor: &str,
) -> Result<(), MoveError> {
    let reason = crate::domain::order::MoveReason::Cancelled.to_string();
    if let Some(due) = lifecycle::cancel(db, order_id, actor, &reason).await? {
        refund(db, payments, &due, "order cancelled").await?;
    }
    Ok(())
}

/// Returned goods arrived: a return's money goes back; an exchange's replacement goes out.
pub async fn receive_return(
    db: &Db,
    payments: &Payments,
    scope: crate::domain::owner::Scope,
    request_id: i64,
    replacement: Option<(&str, &str)>,
    actor: crate::domain::order::Actor,
) -> Result<(), MoveError> {
    if let Some(due) = after_sale::receive_return(db, scope, request_id, replacement, actor).await?
    {
        refund(db, payments, &due, "returned goods received").await?;
    }
    Ok(())
}

/// The parcel's owner (within `scope`) decides a request; an approved refund goes back.
pub async fn decide_after_sale(
    db: &Db,
    payments: &Payments,
    scope: crate::domain::owner::Scope,
    request_id: i64,
    approve: bool,
    message: &str,
    actor: crate::domain::order::Actor,
) -> Result<(), MoveError> {
    if let Some(due) =
        after_sale::decide_after_sale(db, scope, request_id, approve, message, actor).await?
    {
        refund(db, payments, &due, "after-sale approved").await?;
    }
    Ok(())
}

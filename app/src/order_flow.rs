//! Order steps that need both our database and an outside party (server only): starting a
//! payment, applying a provider's notice, and sending refunds back through the provider. Server
//! functions and the callback routes call these; the rules themselves live in `domain`.

use crate::db::order::lifecycle::{self, MoveError};
use crate::db::order::view::OrderKey;
use crate::db::payment::{self, Applied, RefundDue};
use crate::db::Db;
use crate::domain::order::{IllegalTransition, OrderEvent, OrderStatus};
use crate::domain::payment::PaymentNotice;
use crate::payment::{PaymentProvider, PaymentRequest, Payments, RefundRequest};

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
/// silently kept. The refund number is the payment's reference with `-R`, the same on every
/// retry, so a gateway that did refund but whose answer was lost does not refund twice.
pub async fn refund(
    db: &Db,
    payments: &Payments,
    due: &RefundDue,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let refund_no = format!("{}-R", due.reference);
    let result = match payments.get(&due.provider) {
        Some(provider) => {
            provider
                .refund(RefundRequest {
                    reference: &due.reference,
                    refund_no: &refund_no,
                    amount: due.amount,
                    paid: due.amount,
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
    request_id: i64,
    replacement: Option<(&str, &str)>,
    actor: crate::domain::order::Actor,
) -> Result<(), MoveError> {
    if let Some(due) = lifecycle::receive_return(db, request_id, replacement, actor).await? {
        refund(db, payments, &due, "returned goods received").await?;
    }
    Ok(())
}

pub async fn decide_after_sale(
    db: &Db,
    payments: &Payments,
    request_id: i64,
    approve: bool,
    message: &str,
    actor: crate::domain::order::Actor,
) -> Result<(), MoveError> {
    if let Some(due) = lifecycle::decide_after_sale(db, request_id, approve, message, actor).await?
    {
        refund(db, payments, &due, "after-sale approved").await?;
    }
    Ok(())
}

//! Payments and refunds on our side. A provider's notice is applied with a guarded update of
//! the payment row (`… WHERE status IN (the statuses it may move from)`, see
//! `PaymentOutcome::moves_from`), so however many times, in whatever order and however
//! concurrently notices arrive (callbacks, the browser's return), a payment moves only forward
//! and settles once.

use super::order::moves::{self, LockedOrder};
use super::{outbox, unix_now, Db};
use crate::domain::money::Money;
use crate::domain::order::{Actor, MoveReason, OrderEvent, OrderStatus};
use crate::domain::payment::{points_for, settle, PaymentNotice, PaymentOutcome, Settlement};

pub async fn record_started(
    db: &Db,
    order_id: i64,
    provider: &str,
    reference: &str,
    amount: Money,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payments (order_id, provider, provider_ref, amount, status, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(order_id)
    .bind(provider)
    .bind(reference)
    .bind(amount.fen())
    .bind(unix_now())
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Keeps every callback, signature good or bad, for audits.
pub async fn log_callback(
    db: &Db,
    provider: &str,
    body: &str,
    signature_valid: bool,
    outcome: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payment_callbacks (provider, body, signature_valid, outcome, received_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(provider)
    .bind(body.chars().take(2_000).collect::<String>())
    .bind(i64::from(signature_valid))
    .bind(outcome)
    .bind(unix_now())
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Money that has to go back to the payer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundDue {
    pub order_id: i64,
    pub payment_id: i64,
    /// The provider the money came through (and goes back through).
    pub provider: String,
    pub reference: String,
    /// Given back now, fen.
    pub amount: Money,
    /// The payment's whole amount, fen.
    pub paid: Money,
    /// The refund's number at the provider, the same on every retry so a refund whose answer
    /// was lost is never made twice: `<reference>-R` for what is left of the payment,
    /// `<reference>-R<request id>` for one parcel's share (see [`due_for_request`]).
    pub refund_no: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Paid {
        order_id: i64,
        order_no: String,
    },
    /// This notice was applied before (a repeated callback, or the callback after the return).
    AlreadyApplied {
        order_no: String,
    },
    /// The payment failed at the provider; the order still waits for money.
    Failed {
        order_no: String,
    },
    /// Paid after the order closed (expired, cancelled, paid twice): refund, never keep.
    RefundLate {
        due: RefundDue,
        order_no: String,
    },
    /// The amount is not the order's total: held and flagged for an operator.
    Held {
        order_no: String,
    },
    /// No payment of ours has this reference (or it names another order).
    Unknown,
}

pub async fn apply_notice(
    db: &Db,
    provider: &str,
    notice: &PaymentNotice,
) -> Result<Applied, sqlx::Error> {
    let now = unix_now();
    let new_status = notice.outcome.as_str();
    // Fixed strings from the domain, never input: safe to write into the statement.
    let from = notice
        .outcome
        .moves_from()
        .iter()
        .map(|status| format!("'{status}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut tx = db.writer().begin().await?;
    // The guard that makes settling happen once; also the first statement, a write (SQLite).
    /// The payment this notice settled, and its order.
    #[derive(sqlx::FromRow)]
    struct Claimed {
        id: i64,
        order_id: i64,
    }
    let claimed = sqlx::query_as::<_, Claimed>(&format!(
        "UPDATE payments SET status = $1, settled_at = $2 \
         WHERE provider = $3 AND provider_ref = $4 AND status IN ({from}) \
         RETURNING id, order_id"
    ))
    .bind(new_status)
    .bind(now)
    .bind(provider)
    .bind(&notice.reference)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(Claimed {
        id: payment_id,
        order_id,
    }) = claimed
    else {
        tx.rollback().await?;
        let known: Option<String> = sqlx::query_scalar(
            "SELECT o.order_no FROM payments p JOIN orders o ON o.id = p.order_id \
             WHERE p.provider = $1 AND p.provider_ref = $2",
        )
        .bind(provider)
        .bind(&notice.reference)
        .fetch_optional(db.pool())
        .await?;
        return Ok(match known {
            Some(order_no) if order_no == notice.order_no => Applied::AlreadyApplied { order_no },
            _ => Applied::Unknown,
        });
    };
    let Some(order) = moves::lock(&mut tx, order_id).await? else {
        tx.rollback().await?;
        return Ok(Applied::Unknown);
    };
    if order.order_no != notice.order_no {
        tx.rollback().await?;
        return Ok(Applied::Unknown);
    }
    let order_no = order.order_no.clone();
    if notice.outcome == PaymentOutcome::Failed {
        tx.commit().await?;
        return Ok(Applied::Failed { order_no });
    }
    let applied = match settle(order.status, order.total, notice.amount) {
        Settlement::MarkPaid => {
            mark_paid(&mut tx, &order, &notice.reference, now).await?;
            Applied::Paid { order_id, order_no }
        }
        Settlement::RefundLate => {
            set_flag(&mut tx, order_id, "late_payment").await?;
            moves::note(
                &mut tx,
                &order,
                "payment provider",
                &format!(
                    "payment {} arrived after the order closed; refunding",
                    notice.reference
                ),
                now,
            )
            .await?;
            Applied::RefundLate {
                due: RefundDue {
                    order_id,
                    payment_id,
                    provider: provider.to_string(),
                    reference: notice.reference.clone(),
                    amount: notice.amount,
                    paid: notice.amount,
                    refund_no: format!("{}-R", notice.reference),
                },
                order_no,
            }
        }
        Settlement::AmountMismatch => {
            sqlx::query("UPDATE payments SET status = 'held' WHERE id = $1")
                .bind(payment_id)
                .execute(&mut *tx)
                .await?;
            set_flag(&mut tx, order_id, "amount_mismatch").await?;
            Applied::Held { order_no }
        }
    };
    tx.commit().await?;
    Ok(applied)
}

async fn set_flag(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: i64,
    flag: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET flag = $1 WHERE id = $2")
        .bind(flag)
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Paid: the order moves on, the member's spend and points grow, and the shopper gets a mail.
async fn mark_paid(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order: &LockedOrder,
    reference: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    // The level the member stands at before this order counts sets its points rate.
    let tier = match order.user_id {
        Some(user_id) => Some(
            crate::domain::account::MemberLevel::for_spend(
                crate::db::promotion::year_spend(&mut **tx, user_id, now).await?,
            )
            .tier,
        ),
        None => None,
    };
    moves::apply(
        tx,
        order,
        OrderEvent::Pay,
        &Actor::PaymentProvider.to_string(),
        &MoveReason::Paid {
            reference: reference.to_string(),
        }
        .to_string(),
        now,
    )
    .await?
    .expect("a pending order can be paid");
    if let (Some(user_id), Some(tier)) = (order.user_id, tier) {
        // A member day serving the member's level multiplies that rate again.
        let day_percent = crate::db::promotion::member_days_at(&mut **tx, now)
            .await?
            .iter()
            .find(|day| day.serves(Some(tier)))
            .map_or(100, |day| day.points_percent);
        let rate = tier.benefits().points_percent * day_percent / 100;
        let points = points_for(order.total, rate);
        let balance: i64 = sqlx::query_scalar(
            "UPDATE users SET lifetime_spend = lifetime_spend + $1, points_balance = points_balance + $2 \
             WHERE id = $3 RETURNING points_balance",
        )
        .bind(order.total.fen())
        .bind(points)
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
        if points > 0 {
            sqlx::query(
                "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(user_id)
            .bind(points)
            .bind(balance)
            .bind(crate::domain::account::PointsReason::Order(order.order_no.clone()).to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
    }
    outbox::enqueue(
        &mut **tx,
        &order.email,
        order.locale,
        &crate::domain::mail::Mail::OrderPaid {
            order_no: order.order_no.clone(),
            total: order.total,
        },
    )
    .await?;
    Ok(())
}

/// The order's captured payment, if any (the one refunds go to).
pub async fn captured(db: &Db, order_id: i64) -> Result<Option<RefundDue>, sqlx::Error> {
    Ok(captured_all(db, order_id).await?.into_iter().next())
}

/// The provider gave the money back: book it, tell the shopper, clear a late-payment flag.
pub async fn record_refund(
    db: &Db,
    due: &RefundDue,
    provider_ref: &str,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let now = unix_now();
    let mut tx = db.writer().begin().await?;
    // The payment's row first: two refunds of one payment take turns.
    sqlx::query("UPDATE payments SET status = status WHERE id = $1")
        .bind(due.payment_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO refunds (order_id, payment_id, amount, reason, provider_ref, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(due.order_id)
    .bind(due.payment_id)
    .bind(due.amount.fen())
    .bind(reason)
    .bind(provider_ref)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // Refunded once nothing of it is left (a parcel's share leaves the rest standing).
    sqlx::query(
        "UPDATE payments SET status = 'refunded' WHERE id = $1 AND amount <= \
         (SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM refunds r WHERE r.payment_id = $1)",
    )
    .bind(due.payment_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE orders SET flag = 'late_payment_refunded' WHERE id = $1 AND flag = 'late_payment'",
    )
    .bind(due.order_id)
    .execute(&mut *tx)
    .await?;
    take_back_rewards(&mut tx, due.order_id, now).await?;
    /// Whom to tell about the refund, and in which language.
    #[derive(sqlx::FromRow)]
    struct Contact {
        order_no: String,
        email: String,
        locale: String,
    }
    let contact =
        sqlx::query_as::<_, Contact>("SELECT order_no, email, locale FROM orders WHERE id = $1")
            .bind(due.order_id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(Contact {
        order_no,
        email,
        locale,
    }) = contact
    {
        outbox::enqueue(
            &mut *tx,
            &email,
            crate::domain::locale::Locale::from_code(&locale).unwrap_or_default(),
            &crate::domain::mail::Mail::OrderRefunded {
                order_no,
                amount: due.amount,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An order undone after payment (refunded, or cancelled once paid) no longer counts: its spend
/// leaves the member's lifetime spend (their level) and the points it earned go back, once, as
/// far as the balance still holds them. A late or second payment refunded on an order that
/// stands takes nothing back.
async fn take_back_rewards(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    use crate::domain::account::PointsReason;
    #[derive(sqlx::FromRow)]
    struct Undone {
        user_id: Option<i64>,
        order_no: String,
        total: i64,
        status: String,
    }
    let order = sqlx::query_as::<_, Undone>(
        "SELECT user_id, order_no, total, status FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(Undone {
        user_id: Some(user_id),
        order_no,
        total,
        status,
    }) = order
    else {
        return Ok(());
    };
    if !matches!(
        OrderStatus::parse(&status),
        Some(OrderStatus::Refunded | OrderStatus::Cancelled)
    ) {
        return Ok(());
    }
    // Lock the member's row first (PostgreSQL), so two refunds of one order cannot both find
    // the points not yet taken back.
    sqlx::query("UPDATE users SET points_balance = points_balance WHERE id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    let earned_reason = PointsReason::Order(order_no.clone()).to_string();
    let taken_reason = PointsReason::Refund(order_no).to_string();
    let earned: Option<i64> =
        sqlx::query_scalar("SELECT delta FROM points_ledger WHERE user_id = $1 AND reason = $2")
            .bind(user_id)
            .bind(&earned_reason)
            .fetch_optional(&mut **tx)
            .await?;
    let already: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM points_ledger WHERE user_id = $1 AND reason = $2")
            .bind(user_id)
            .bind(&taken_reason)
            .fetch_one(&mut **tx)
            .await?;
    let Some(earned) = earned.filter(|_| already == 0) else {
        return Ok(());
    };
    let balance: i64 = sqlx::query_scalar("SELECT points_balance FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
    let taken = earned.min(balance).max(0);
    sqlx::query(
        "UPDATE users SET points_balance = points_balance - $1, \
         lifetime_spend = CASE WHEN lifetime_spend > $2 THEN lifetime_spend - $2 ELSE 0 END \
         WHERE id = $3",
    )
    .bind(taken)
    .bind(total)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(-taken)
    .bind(balance - taken)
    .bind(&taken_reason)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A refund the provider refused or could not take: the order is flagged for an operator.
pub async fn refund_failed(db: &Db, order_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET flag = 'refund_failed' WHERE id = $1")
        .bind(order_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Claims up to `limit` orders whose refund failed and that were undone (cancelled or
/// refunded), so exactly one server instance retries each: flagged `refund_retrying` meanwhile.
pub async fn claim_failed_refunds(db: &Db, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE flag = 'refund_failed' \
         AND status IN ('cancelled', 'refunded') ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mut claimed = Vec::new();
    for order_id in candidates {
        let won = sqlx::query(
            "UPDATE orders SET flag = 'refund_retrying' WHERE id = $1 AND flag = 'refund_failed'",
        )
        .bind(order_id)
        .execute(db.writer())
        .await?;
        if won.rows_affected() == 1 {
            claimed.push(order_id);
        }
    }
    Ok(claimed)
}

/// Every payment of the order still holding money, with what is left of it after earlier
/// refunds (an undone order gives all of it back).
pub async fn captured_all(db: &Db, order_id: i64) -> Result<Vec<RefundDue>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Held {
        id: i64,
        provider: String,
        provider_ref: String,
        amount: i64,
        refunded: i64,
    }
    let rows = sqlx::query_as::<_, Held>(
        "SELECT p.id, p.provider, p.provider_ref, p.amount, \
         (SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM refunds r WHERE r.payment_id = p.id) \
         AS refunded FROM payments p WHERE p.order_id = $1 AND p.status = 'succeeded' ORDER BY p.id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| row.amount > row.refunded)
        .map(|row| RefundDue {
            order_id,
            payment_id: row.id,
            provider: row.provider,
            refund_no: format!("{}-R", row.provider_ref),
            reference: row.provider_ref,
            amount: Money::from_fen(row.amount - row.refunded),
            paid: Money::from_fen(row.amount),
        })
        .collect())
}

/// What an after-sale request gives back: `amount` fen (its parcel's share) from the order's
/// captured payment, never more than is left of it. Less than all that is left is a partial
/// refund numbered by the request (`<reference>-R<request id>`); the rest of the payment keeps
/// the `-R` number, so an order refunded parcel by parcel never reuses a refund number.
pub async fn due_for_request(
    db: &Db,
    order_id: i64,
    request_id: i64,
    amount: i64,
) -> Result<Option<RefundDue>, sqlx::Error> {
    let Some(mut due) = captured(db, order_id).await? else {
        return Ok(None);
    };
    if amount < due.amount.fen() {
        due.amount = Money::from_fen(amount);
        due.refund_no = format!("{}-R{request_id}", due.reference);
    }
    Ok(Some(due))
}

/// Ends a claimed retry: cleared when every refund went through (a failure re-flagged it).
pub async fn end_refund_retry(db: &Db, order_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET flag = NULL WHERE id = $1 AND flag = 'refund_retrying'")
        .bind(order_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Refunded so far, for the order page.
pub async fn refunded_total(db: &Db, order_id: i64) -> Result<Money, sqlx::Error> {
    // PostgreSQL sums BIGINT to NUMERIC; the cast keeps one integer type on both backends.
    let total: i64 = sqlx::query_scalar(
        "SELECT COALESCE(CAST(SUM(amount) AS BIGINT), 0) FROM refunds WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_one(db.pool())
    .await?;
    Ok(Money::from_fen(total))
}

//! Promotions as stored (migration 21): the running 滿減, coupons and the copies members hold.
//! [`offers_for`] gathers what a shopper's quote may use; claiming and using copies keep their
//! limits under concurrency with guarded UPDATEs inside the writer's transaction.

pub mod admin;
mod coupon;
pub mod flash_sale;
mod member_day;
pub mod member_price;
mod rewards;
mod scope;
pub mod segment;

pub use coupon::*;
pub use member_day::*;
pub use rewards::*;
pub use scope::*;

use super::{unix_now, Db};
use crate::domain::account::{MemberLevel, MemberTier, PointsReason};
use crate::domain::money::Money;
use crate::domain::pricing::Offers;
use crate::domain::promotion::{FullReduction, MemberPricing, Scope, StackingOrder, Tier};
use sqlx::{Any, Transaction};

/// The member's spend over the 12 months before `now` (fen): their orders paid since, not
/// cancelled or refunded. Read through `executor`: the pool, or a transaction's connection.
pub async fn year_spend<'e, E>(executor: E, user_id: i64, now: i64) -> Result<Money, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let spend: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders \
         WHERE user_id = $1 AND paid_at >= $2 AND status NOT IN ('cancelled', 'refunded')",
    )
    .bind(user_id)
    .bind(now - MemberLevel::WINDOW_SECONDS)
    .fetch_one(executor)
    .await?;
    Ok(Money::from_fen(spend))
}

/// The member's level at `now`, from the spend of the last 12 months.
pub async fn member_tier(db: &Db, user_id: i64, now: i64) -> Result<MemberTier, sqlx::Error> {
    Ok(MemberLevel::for_spend(year_spend(db.pool(), user_id, now).await?).tier)
}

/// A 滿減's tier as stored, read by name.
#[derive(sqlx::FromRow)]
pub(crate) struct TierRow {
    reduction_id: i64,
    threshold: i64,
    off: i64,
}

impl TierRow {
    /// The tiers of reduction `id` among `rows`, in their order.
    pub(crate) fn of(rows: &[TierRow], id: i64) -> Vec<Tier> {
        rows.iter()
            .filter(|t| t.reduction_id == id)
            .map(|t| Tier {
                threshold: Money::from_fen(t.threshold),
                off: Money::from_fen(t.off),
            })
            .collect()
    }
}

/// Every 滿減 running at `now` (started, not ended, not paused), with its tiers, oldest first.
/// One statement, as every quote and every order asks.
pub async fn running_reductions(db: &Db, now: i64) -> Result<Vec<FullReduction>, sqlx::Error> {
    /// One tier of a running reduction (its columns repeated on each of its tiers).
    #[derive(sqlx::FromRow)]
    struct ReductionTierRow {
        id: i64,
        scope_kind: String,
        scope_ids: String,
        include_flash: i64,
        threshold: Option<i64>,
        off: Option<i64>,
    }
    let rows = sqlx::query_as::<_, ReductionTierRow>(
        "SELECT r.id, r.scope_kind, r.scope_ids, r.include_flash, t.threshold, t.off \
         FROM full_reductions r LEFT JOIN full_reduction_tiers t ON t.reduction_id = r.id \
         WHERE r.starts_at <= $1 AND r.ends_at > $1 AND r.paused = 0 \
         ORDER BY r.id, t.threshold",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut running: Vec<FullReduction> = Vec::new();
    let mut skipped = None;
    for row in rows {
        if skipped == Some(row.id) {
            continue;
        }
        let tier = row.threshold.zip(row.off).map(|(threshold, off)| Tier {
            threshold: Money::from_fen(threshold),
            off: Money::from_fen(off),
        });
        match running.last_mut() {
            Some(last) if last.promotion_id == row.id => last.tiers.extend(tier),
            _ => match Scope::from_columns(&row.scope_kind, &row.scope_ids) {
                Some(scope) => running.push(FullReduction {
                    promotion_id: row.id,
                    scope,
                    tiers: tier.into_iter().collect(),
                    include_flash: row.include_flash != 0,
                }),
                // A scope this version cannot read applies to nothing.
                None => skipped = Some(row.id),
            },
        }
    }
    Ok(running)
}

/// The order the pricing stages run in, as operators set it (the default until they do).
pub async fn stacking_order(db: &Db) -> Result<StackingOrder, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM promotion_settings WHERE name = 'stacking_order'")
            .fetch_optional(db.pool())
            .await?;
    Ok(stored
        .and_then(|value| StackingOrder::parse(&value))
        .unwrap_or_default())
}

/// Sets the stacking order, audited with the order before and after.
pub async fn set_stacking_order(
    db: &Db,
    actor: &crate::domain::audit::AuditActor,
    order: &StackingOrder,
) -> Result<(), sqlx::Error> {
    let before = stacking_order(db).await?;
    let mut tx = db.writer().begin().await?;
    sqlx::query(
        "INSERT INTO promotion_settings (name, value, updated_at) VALUES ('stacking_order', $1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(order.to_string())
    .bind(unix_now())
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        actor,
        crate::domain::audit::ObjectKind::Promotion,
        "stacking_order",
        crate::domain::audit::Action::Update,
        Some(&serde_json::json!({ "order": before.to_string() })),
        Some(&serde_json::json!({ "order": order.to_string() })),
    )
    .await?;
    tx.commit().await
}

/// What a quote for this shopper (None: a guest) may use at `now`: their level's discount and
/// free-shipping threshold, the member day's extra when `now` falls on one that serves their
/// level, the running 滿減, and (members only, as each has a per-member limit) the flash prices
/// with the units left to them. The coupon and points are the shopper's choice and added by the
/// caller.
pub async fn offers_for(db: &Db, user_id: Option<i64>, now: i64) -> Result<Offers, sqlx::Error> {
    let tier = match user_id {
        Some(id) => Some(member_tier(db, id, now).await?),
        None => None,
    };
    let benefits = tier.map(MemberTier::benefits);
    let member_day_bp = if tier.is_some() {
        member_days_at(db.pool(), now)
            .await?
            .iter()
            .find(|day| day.serves(tier))
            .map_or(0, |day| day.rate_bp)
    } else {
        0
    };
    Ok(Offers {
        order: stacking_order(db).await?,
        now,
        member: MemberPricing {
            tier,
            rate_bp: benefits.map_or(0, |b| b.rate_bp),
            sku_prices: match tier {
                Some(tier) => member_price::sku_prices_for(db, tier).await?,
                None => Vec::new(),
            },
            member_day_bp,
        },
        flash: match user_id {
            Some(id) => flash_sale::flash_prices_for(db, id, now).await?,
            None => Vec::new(),
        },
        reductions: running_reductions(db, now).await?,
        coupon: None,
        shipping_coupon: None,
        points: None,
        free_shipping_from: benefits.and_then(|b| b.free_shipping_from),
    })
}

/// Marks the member's copy used by `order_id`, inside the order's transaction. False when it
/// was used meanwhile (another checkout) or is no longer valid: the order must not be placed.
pub async fn use_copy(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    copy_id: i64,
    order_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE member_coupons SET used_order_id = $1, used_at = $2 \
         WHERE id = $3 AND user_id = $4 AND used_order_id IS NULL \
         AND valid_from <= $2 AND valid_until > $2",
    )
    .bind(order_id)
    .bind(now)
    .bind(copy_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records which 滿減 and coupon the order used and what each took off, for their reports.
pub async fn record_use(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    priced: &crate::domain::pricing::Quote,
) -> Result<(), sqlx::Error> {
    use crate::domain::pricing::Discount;
    for adjustment in &priced.adjustments {
        let off = -adjustment.amount.fen();
        match adjustment.discount {
            Discount::FullReduction { promotion_id, .. } => {
                sqlx::query(
                    "INSERT INTO order_promotions (order_id, kind, promotion_id, amount) \
                     VALUES ($1, 'full_reduction', $2, $3)",
                )
                .bind(order_id)
                .bind(promotion_id)
                .bind(off)
                .execute(&mut **tx)
                .await?;
            }
            Discount::Coupon {
                member_coupon_id, ..
            }
            | Discount::FreeShipping { member_coupon_id } => {
                sqlx::query(
                    "INSERT INTO order_promotions (order_id, kind, promotion_id, amount) \
                     SELECT $1, 'coupon', coupon_id, $2 FROM member_coupons WHERE id = $3",
                )
                .bind(order_id)
                .bind(off)
                .bind(member_coupon_id)
                .execute(&mut **tx)
                .await?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Spends `points` of the member's balance on order `order_no`, inside the order's
/// transaction. False when the balance no longer holds them.
pub async fn redeem_points(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    points: i64,
    order_no: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let balance: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET points_balance = points_balance - $1 \
         WHERE id = $2 AND points_balance >= $1 RETURNING points_balance",
    )
    .bind(points)
    .bind(user_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(balance) = balance else {
        return Ok(false);
    };
    ledger(
        tx,
        user_id,
        -points,
        balance,
        &PointsReason::Redeem(order_no.to_string()),
        now,
    )
    .await?;
    Ok(true)
}

async fn ledger(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    delta: i64,
    balance_after: i64,
    reason: &PointsReason,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(delta)
    .bind(balance_after)
    .bind(reason.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What an order took goes back when it is undone (cancelled or refunded as a whole): the
/// points it redeemed, once; and, if it was never paid, its coupon (when still within its
/// window the member may use it again).
pub async fn release(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    was_paid: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Taken {
        user_id: Option<i64>,
        order_no: String,
        points_used: i64,
    }
    let order = sqlx::query_as::<_, Taken>(
        "SELECT user_id, order_no, points_used FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(Taken {
        user_id: Some(user_id),
        order_no,
        points_used,
    }) = order
    else {
        return Ok(());
    };
    if !was_paid {
        sqlx::query(
            "UPDATE member_coupons SET used_order_id = NULL, used_at = NULL WHERE used_order_id = $1",
        )
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    }
    if points_used <= 0 {
        return Ok(());
    }
    let reason = PointsReason::Return(order_no);
    // The member's row first (locks it on PostgreSQL), so two undo paths cannot both return.
    let balance: i64 = sqlx::query_scalar(
        "UPDATE users SET points_balance = points_balance WHERE id = $1 RETURNING points_balance",
    )
    .bind(user_id)
    .fetch_one(&mut **tx)
    .await?;
    let returned: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM points_ledger WHERE user_id = $1 AND reason = $2")
            .bind(user_id)
            .bind(reason.to_string())
            .fetch_one(&mut **tx)
            .await?;
    if returned > 0 {
        return Ok(());
    }
    sqlx::query("UPDATE users SET points_balance = points_balance + $1 WHERE id = $2")
        .bind(points_used)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    ledger(
        tx,
        user_id,
        points_used,
        balance + points_used,
        &reason,
        now,
    )
    .await
}

/// Creates a 滿減 running from `starts_at` to `ends_at` (seconds), for the seed and the back
/// office: its id.
pub async fn create_reduction(
    db: &Db,
    name: &str,
    scope: &Scope,
    tiers: &[Tier],
    (starts_at, ends_at): (i64, i64),
) -> Result<i64, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let id = insert_reduction(&mut tx, name, scope, tiers, (starts_at, ends_at), false).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_reduction(
    tx: &mut Transaction<'_, Any>,
    name: &str,
    scope: &Scope,
    tiers: &[Tier],
    (starts_at, ends_at): (i64, i64),
    include_flash: bool,
) -> Result<i64, sqlx::Error> {
    let (kind, ids) = scope.to_columns();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO full_reductions (name, scope_kind, scope_ids, starts_at, ends_at, created_at, \
         include_flash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(name)
    .bind(kind)
    .bind(ids)
    .bind(starts_at)
    .bind(ends_at)
    .bind(unix_now())
    .bind(i64::from(include_flash))
    .fetch_one(&mut **tx)
    .await?;
    for tier in tiers {
        sqlx::query(
            "INSERT INTO full_reduction_tiers (reduction_id, threshold, off) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(tier.threshold.fen())
        .bind(tier.off.fen())
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// The columns promotions look at for a SKU's line (`LineFacts`), read by name; selected with
/// [`FACTS_SELECT`] from a query joining [`FACTS_JOIN`] on products `p`.
#[derive(sqlx::FromRow)]
pub(crate) struct FactsColumns {
    pub product_id: i64,
    pub owner_id: Option<i64>,
    pub category_id: Option<i64>,
    pub category_parent: Option<i64>,
    pub category_grandparent: Option<i64>,
}

pub(crate) const FACTS_SELECT: &str = "p.id AS product_id, p.owner_id, p.category_id, \
     fc.parent_id AS category_parent, fc2.parent_id AS category_grandparent";

pub(crate) const FACTS_JOIN: &str = "LEFT JOIN categories fc ON fc.id = p.category_id \
     LEFT JOIN categories fc2 ON fc2.id = fc.parent_id";

impl FactsColumns {
    pub fn facts(&self) -> crate::domain::promotion::LineFacts {
        crate::domain::promotion::LineFacts {
            product_id: self.product_id,
            category_path: [
                self.category_id,
                self.category_parent,
                self.category_grandparent,
            ],
            supplier_id: self.owner_id,
        }
    }
}

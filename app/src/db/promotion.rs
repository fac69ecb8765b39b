//! Promotions as stored (migration 21): the running 滿減, coupons and the copies members hold.
//! [`offers_for`] gathers what a shopper's quote may use; claiming and using copies keep their
//! limits under concurrency with guarded UPDATEs inside the writer's transaction.

pub mod admin;

use super::{unix_now, Db};
use crate::domain::account::{MemberLevel, MemberTier, PointsReason};
use crate::domain::money::Money;
use crate::domain::pricing::Offers;
use crate::domain::promotion::form::ValidCoupon;
use crate::domain::promotion::member_day::{MemberDay, MemberDayRule};
use crate::domain::promotion::{
    CopyStatus, CouponKind, CouponRefusal, CouponTerms, CouponView, FullReduction, HeldCoupon,
    MemberPricing, Reward, Scope, StackingOrder, Tier, Validity,
};
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
pub async fn running_reductions(db: &Db, now: i64) -> Result<Vec<FullReduction>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct ReductionRow {
        id: i64,
        scope_kind: String,
        scope_ids: String,
        include_flash: i64,
    }
    let rows = sqlx::query_as::<_, ReductionRow>(
        "SELECT id, scope_kind, scope_ids, include_flash FROM full_reductions \
         WHERE starts_at <= $1 AND ends_at > $1 AND paused = 0 ORDER BY id",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let tiers = sqlx::query_as::<_, TierRow>(&format!(
        "SELECT reduction_id, threshold, off FROM full_reduction_tiers \
         WHERE reduction_id IN ({}) ORDER BY reduction_id, threshold",
        ids.join(", ")
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(FullReduction {
                promotion_id: row.id,
                scope: Scope::from_columns(&row.scope_kind, &row.scope_ids)?,
                tiers: TierRow::of(&tiers, row.id),
                include_flash: row.include_flash != 0,
            })
        })
        .collect())
}

/// Member days whose campaign runs at `now` and that fall on its day, the best rate first.
/// Read through `executor`: the pool, or a transaction's connection.
pub async fn member_days_at<'e, E>(executor: E, now: i64) -> Result<Vec<MemberDay>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        weekday: Option<i64>,
        day_of_month: Option<i64>,
        rate_bp: i64,
        points_percent: i64,
        min_tier: String,
        starts_at: i64,
        ends_at: i64,
    }
    let rows = sqlx::query_as::<_, Row>(
        "SELECT id, weekday, day_of_month, rate_bp, points_percent, min_tier, starts_at, ends_at \
         FROM member_days WHERE starts_at <= $1 AND ends_at > $1 AND paused = 0 \
         ORDER BY rate_bp DESC, id",
    )
    .bind(now)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let rule = match (row.weekday, row.day_of_month) {
                (Some(day), _) => MemberDayRule::Weekday(u8::try_from(day).ok()?),
                (None, Some(day)) => MemberDayRule::DayOfMonth(u8::try_from(day).ok()?),
                (None, None) => return None,
            };
            Some(MemberDay {
                id: row.id,
                rule,
                rate_bp: row.rate_bp,
                points_percent: row.points_percent,
                min_tier: MemberTier::parse(&row.min_tier)?,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
            })
        })
        .filter(|day| day.runs_at(now))
        .collect())
}

/// Creates a member day campaign (the seed; the back office later): its id.
pub async fn create_member_day(db: &Db, name: &str, day: &MemberDay) -> Result<i64, sqlx::Error> {
    let (weekday, day_of_month) = match day.rule {
        MemberDayRule::Weekday(d) => (Some(i64::from(d)), None),
        MemberDayRule::DayOfMonth(d) => (None, Some(i64::from(d))),
    };
    sqlx::query_scalar(
        "INSERT INTO member_days (name, weekday, day_of_month, rate_bp, points_percent, min_tier, \
         starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(name)
    .bind(weekday)
    .bind(day_of_month)
    .bind(day.rate_bp)
    .bind(day.points_percent)
    .bind(day.min_tier.as_str())
    .bind(day.starts_at)
    .bind(day.ends_at)
    .bind(unix_now())
    .fetch_one(db.writer())
    .await
}

/// What a quote for this shopper (None: a guest) may use at `now`: their level's discount and
/// free-shipping threshold, the member day's extra when `now` falls on one that serves their
/// level, and the running 滿減. The coupon and points are the shopper's choice and added by the
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
        order: StackingOrder::default(),
        now,
        member: MemberPricing {
            tier,
            rate_bp: benefits.map_or(0, |b| b.rate_bp),
            sku_prices: Vec::new(),
            member_day_bp,
        },
        flash: Vec::new(),
        reductions: running_reductions(db, now).await?,
        coupon: None,
        shipping_coupon: None,
        points: None,
        free_shipping_from: benefits.and_then(|b| b.free_shipping_from),
    })
}

/// A coupon's columns, read by name.
#[derive(sqlx::FromRow)]
struct CouponRow {
    id: i64,
    kind: String,
    off: i64,
    rate_bp: i64,
    cap: i64,
    min_spend: i64,
    scope_kind: String,
    scope_ids: String,
    include_flash: i64,
    min_tier: String,
    valid_from: Option<i64>,
    valid_until: Option<i64>,
    valid_days: Option<i64>,
    total_quantity: i64,
    claimed: i64,
    per_member_limit: i64,
}

const COUPON_COLUMNS: &str = "c.id, c.kind, c.off, c.rate_bp, c.cap, c.min_spend, c.scope_kind, \
     c.scope_ids, c.include_flash, c.min_tier, c.valid_from, c.valid_until, c.valid_days, \
     c.total_quantity, c.claimed, c.per_member_limit";

impl CouponRow {
    /// The terms; None for a row that cannot be read (it then applies to nothing).
    fn terms(&self) -> Option<CouponTerms> {
        Some(CouponTerms {
            kind: CouponKind::from_columns(
                &self.kind,
                Money::from_fen(self.off),
                self.rate_bp,
                Money::from_fen(self.cap),
            )?,
            min_spend: Money::from_fen(self.min_spend),
            scope: Scope::from_columns(&self.scope_kind, &self.scope_ids)?,
            include_flash: self.include_flash != 0,
            min_tier: MemberTier::parse(&self.min_tier)?,
        })
    }

    fn validity(&self) -> Validity {
        match (self.valid_from, self.valid_until, self.valid_days) {
            (Some(from), Some(until), _) => Validity::Window { from, until },
            (_, _, days) => Validity::DaysAfterClaim(days.unwrap_or(0)),
        }
    }
}

/// A member's copy with its coupon's columns.
#[derive(sqlx::FromRow)]
struct CopyRow {
    copy_id: i64,
    copy_from: i64,
    copy_until: i64,
    used_order_id: Option<i64>,
    #[sqlx(flatten)]
    coupon: CouponRow,
}

impl CopyRow {
    fn held(&self) -> Option<HeldCoupon> {
        Some(HeldCoupon {
            id: self.copy_id,
            coupon_id: self.coupon.id,
            terms: self.coupon.terms()?,
            valid_from: self.copy_from,
            valid_until: self.copy_until,
            used: self.used_order_id.is_some(),
        })
    }
}

fn copies_sql(condition: &str) -> String {
    format!(
        "SELECT m.id AS copy_id, m.valid_from AS copy_from, m.valid_until AS copy_until, \
         m.used_order_id, {COUPON_COLUMNS} FROM member_coupons m JOIN coupons c ON c.id = m.coupon_id \
         WHERE m.user_id = $1 {condition} ORDER BY m.valid_until, m.id"
    )
}

/// The member's copies they may still use at `now` (unused, not expired), the soonest to
/// expire first. Copies not yet started are included: checkout says when they start.
pub async fn usable(db: &Db, user_id: i64, now: i64) -> Result<Vec<HeldCoupon>, sqlx::Error> {
    let rows = sqlx::query_as::<_, CopyRow>(&copies_sql(
        "AND m.used_order_id IS NULL AND m.valid_until > $2",
    ))
    .bind(user_id)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().filter_map(CopyRow::held).collect())
}

/// One of the member's copies by its id; None when it is not theirs or does not exist.
pub async fn copy(db: &Db, user_id: i64, copy_id: i64) -> Result<Option<HeldCoupon>, sqlx::Error> {
    let row = sqlx::query_as::<_, CopyRow>(&copies_sql("AND m.id = $2"))
        .bind(user_id)
        .bind(copy_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.as_ref().and_then(CopyRow::held))
}

/// Every copy the member holds, as the member center lists them.
pub async fn my_coupons(db: &Db, user_id: i64, now: i64) -> Result<Vec<CouponView>, sqlx::Error> {
    let rows = sqlx::query_as::<_, CopyRow>(&copies_sql(""))
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let held = row.held()?;
            let status = if held.used {
                CopyStatus::Used
            } else if now >= held.valid_until {
                CopyStatus::Expired
            } else {
                CopyStatus::Usable
            };
            Some(CouponView {
                coupon_id: held.coupon_id,
                member_coupon_id: Some(held.id),
                kind: held.terms.kind,
                min_spend: held.terms.min_spend,
                scope: held.terms.scope,
                min_tier: held.terms.min_tier,
                valid_from: Some(held.valid_from),
                valid_until: Some(held.valid_until),
                valid_days: None,
                status,
                left: 0,
                can_claim: false,
            })
        })
        .collect())
}

/// The coupon centre: coupons open for claiming at `now`, with copies left and whether this
/// member (None: a guest) may claim one more.
pub async fn centre(
    db: &Db,
    user_id: Option<i64>,
    now: i64,
) -> Result<Vec<CouponView>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct CentreRow {
        held: i64,
        #[sqlx(flatten)]
        coupon: CouponRow,
    }
    let rows = sqlx::query_as::<_, CentreRow>(&format!(
        "SELECT {COUPON_COLUMNS}, \
         (SELECT COUNT(*) FROM member_coupons m WHERE m.coupon_id = c.id AND m.user_id = $2) AS held \
         FROM coupons c WHERE c.in_centre = 1 AND c.paused = 0 AND c.claim_from <= $1 \
         AND c.claim_until > $1 ORDER BY c.id"
    ))
    .bind(now)
    .bind(user_id.unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let terms = row.coupon.terms()?;
            let (valid_from, valid_until, valid_days) = match row.coupon.validity() {
                Validity::Window { from, until } => (Some(from), Some(until), None),
                Validity::DaysAfterClaim(days) => (None, None, Some(days)),
            };
            let left = (row.coupon.total_quantity - row.coupon.claimed).max(0);
            Some(CouponView {
                coupon_id: row.coupon.id,
                member_coupon_id: None,
                kind: terms.kind,
                min_spend: terms.min_spend,
                scope: terms.scope,
                min_tier: terms.min_tier,
                valid_from,
                valid_until,
                valid_days,
                status: CopyStatus::Usable,
                left,
                can_claim: left > 0 && row.held < row.coupon.per_member_limit,
            })
        })
        .collect())
}

/// Claims a copy of coupon `coupon_id` for the member at `now`: the copy's id, or why not.
/// Under any number of concurrent claims exactly the coupon's quantity is issued and no member
/// gets more than the per-member limit: taking a copy is one guarded UPDATE, which also holds
/// the coupon's row (PostgreSQL) while the member's copies are counted.
pub async fn claim(
    db: &Db,
    user_id: i64,
    coupon_id: i64,
    now: i64,
) -> Result<Result<i64, CouponRefusal>, sqlx::Error> {
    let tier = member_tier(db, user_id, now).await?;
    let mut tx = db.writer().begin().await?;
    let taken = sqlx::query_as::<_, CouponRow>(&format!(
        "UPDATE coupons SET claimed = claimed + 1 WHERE id = $1 AND paused = 0 \
         AND claim_from <= $2 AND claim_until > $2 AND claimed < total_quantity \
         RETURNING {}",
        COUPON_COLUMNS.replace("c.", "")
    ))
    .bind(coupon_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(coupon) = taken else {
        drop(tx);
        return Ok(Err(why_not_claimable(db, coupon_id, now).await?));
    };
    let refusal = match coupon.terms() {
        None => Some(CouponRefusal::NotFound),
        Some(terms) if tier < terms.min_tier => Some(CouponRefusal::LevelTooLow {
            needed: terms.min_tier,
        }),
        Some(_) => None,
    };
    if let Some(refusal) = refusal {
        return Ok(Err(refusal));
    }
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM member_coupons WHERE coupon_id = $1 AND user_id = $2",
    )
    .bind(coupon_id)
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    if held >= coupon.per_member_limit {
        return Ok(Err(CouponRefusal::LimitReached));
    }
    let (from, until) = coupon.validity().for_claim_at(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO member_coupons (coupon_id, user_id, claimed_at, valid_from, valid_until) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(coupon_id)
    .bind(user_id)
    .bind(now)
    .bind(from)
    .bind(until)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Gives the member a copy of every coupon that is a `reward` and open now (a new account's
/// welcome gifts): how many they got. A gift sold out or closed is skipped, not an error.
pub async fn grant_rewards(
    db: &Db,
    user_id: i64,
    reward: Reward,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM coupons WHERE reward = $1 AND paused = 0 AND claim_from <= $2 \
         AND claim_until > $2 ORDER BY id",
    )
    .bind(reward.as_str())
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut given = 0;
    for id in ids {
        if claim(db, user_id, id, now).await?.is_ok() {
            given += 1;
        }
    }
    Ok(given)
}

/// Claims the coupon whose code is `code` (case and spaces ignored).
pub async fn claim_code(
    db: &Db,
    user_id: i64,
    code: &str,
    now: i64,
) -> Result<Result<i64, CouponRefusal>, sqlx::Error> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if code.is_empty() || code.len() > 40 {
        return Ok(Err(CouponRefusal::NotFound));
    }
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM coupons WHERE code = $1")
        .bind(&code)
        .fetch_optional(db.pool())
        .await?;
    match id {
        Some(id) => claim(db, user_id, id, now).await,
        None => Ok(Err(CouponRefusal::NotFound)),
    }
}

/// Why the guarded UPDATE took no copy of `coupon_id`.
async fn why_not_claimable(
    db: &Db,
    coupon_id: i64,
    now: i64,
) -> Result<CouponRefusal, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Window {
        claim_from: i64,
        claim_until: i64,
        paused: i64,
        claimed: i64,
        total_quantity: i64,
    }
    let row = sqlx::query_as::<_, Window>(
        "SELECT claim_from, claim_until, paused, claimed, total_quantity FROM coupons WHERE id = $1",
    )
    .bind(coupon_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        None => CouponRefusal::NotFound,
        Some(w) if w.paused != 0 => CouponRefusal::NotFound,
        Some(w) if now < w.claim_from => CouponRefusal::NotStarted,
        Some(w) if now >= w.claim_until => CouponRefusal::Expired,
        Some(w) if w.claimed >= w.total_quantity => CouponRefusal::SoldOut,
        Some(_) => CouponRefusal::NotFound,
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
    let id = insert_reduction(&mut tx, name, scope, tiers, (starts_at, ends_at)).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_reduction(
    tx: &mut Transaction<'_, Any>,
    name: &str,
    scope: &Scope,
    tiers: &[Tier],
    (starts_at, ends_at): (i64, i64),
) -> Result<i64, sqlx::Error> {
    let (kind, ids) = scope.to_columns();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO full_reductions (name, scope_kind, scope_ids, starts_at, ends_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(name)
    .bind(kind)
    .bind(ids)
    .bind(starts_at)
    .bind(ends_at)
    .bind(unix_now())
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

/// Creates a coupon (the seed, tests; the back office goes through `admin`): its id.
pub async fn create_coupon(db: &Db, coupon: &ValidCoupon) -> Result<i64, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let id = insert_coupon(&mut tx, coupon).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_coupon(
    tx: &mut Transaction<'_, Any>,
    coupon: &ValidCoupon,
) -> Result<i64, sqlx::Error> {
    let (kind, off, rate_bp, cap) = coupon.terms.kind.to_columns();
    let (scope_kind, scope_ids) = coupon.terms.scope.to_columns();
    let (valid_from, valid_until, valid_days) = match coupon.validity {
        Validity::Window { from, until } => (Some(from), Some(until), None),
        Validity::DaysAfterClaim(days) => (None, None, Some(days)),
    };
    sqlx::query_scalar(
        "INSERT INTO coupons (name, kind, off, rate_bp, cap, min_spend, scope_kind, scope_ids, \
         include_flash, min_tier, valid_from, valid_until, valid_days, claim_from, claim_until, \
         total_quantity, per_member_limit, in_centre, code, created_at, reward) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
         RETURNING id",
    )
    .bind(&coupon.name)
    .bind(kind)
    .bind(off.fen())
    .bind(rate_bp)
    .bind(cap.fen())
    .bind(coupon.terms.min_spend.fen())
    .bind(scope_kind)
    .bind(scope_ids)
    .bind(i64::from(coupon.terms.include_flash))
    .bind(coupon.terms.min_tier.as_str())
    .bind(valid_from)
    .bind(valid_until)
    .bind(valid_days)
    .bind(coupon.claim_window.0)
    .bind(coupon.claim_window.1)
    .bind(coupon.total_quantity)
    .bind(coupon.per_member_limit)
    // A coupon with a code is claimed by typing it, a reward is given; others are claimed in
    // the coupon centre.
    .bind(i64::from(coupon.code.is_none() && coupon.reward.is_none()))
    .bind(coupon.code.as_deref().map(str::to_uppercase))
    .bind(unix_now())
    .bind(coupon.reward.map(Reward::as_str))
    .fetch_one(&mut **tx)
    .await
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

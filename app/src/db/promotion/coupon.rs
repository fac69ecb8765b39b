//! Coupons and the copies members hold (`coupons`, `member_coupons`): the coupon centre,
//! claiming (from the centre, by code, or given as a reward) and creating them. Claiming keeps
//! its limits under concurrency with one guarded UPDATE.

use super::{member_tier, scope_names};
use crate::db::{unix_now, Db};
use crate::domain::account::MemberTier;
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::promotion::form::ValidCoupon;
use crate::domain::promotion::{
    CopyStatus, CouponKind, CouponRefusal, CouponTerms, CouponView, HeldCoupon, Reward, Scope,
    Validity,
};
use sqlx::{Any, Transaction};

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

/// Every copy the member holds, as the member center lists them (scopes named in `locale`).
pub async fn my_coupons(
    db: &Db,
    user_id: i64,
    locale: Locale,
    now: i64,
) -> Result<Vec<CouponView>, sqlx::Error> {
    let rows = sqlx::query_as::<_, CopyRow>(&copies_sql(""))
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    let views = rows
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
                scope_names: Vec::new(),
            })
        })
        .collect::<Vec<_>>();
    with_scope_names(db, views, locale).await
}

/// The coupon centre: coupons open for claiming at `now`, with copies left and whether this
/// member (None: a guest) may claim one more; scopes named in `locale`.
pub async fn centre(
    db: &Db,
    user_id: Option<i64>,
    locale: Locale,
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
    let views = rows
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
                scope_names: Vec::new(),
            })
        })
        .collect::<Vec<_>>();
    with_scope_names(db, views, locale).await
}

/// The views with what their scopes name, in `locale`.
async fn with_scope_names(
    db: &Db,
    mut views: Vec<CouponView>,
    locale: Locale,
) -> Result<Vec<CouponView>, sqlx::Error> {
    for view in &mut views {
        view.scope_names = scope_names(db, &view.scope, locale).await?;
    }
    Ok(views)
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

/// Claims a copy of coupon `coupon_id` as the coupon centre offers it: as [`claim`], but a
/// coupon that is not in the centre (one claimed by typing its code, or given as a reward or
/// by the back office) is `NotFound`, however its id was learnt.
pub async fn claim_from_centre(
    db: &Db,
    user_id: i64,
    coupon_id: i64,
    now: i64,
) -> Result<Result<i64, CouponRefusal>, sqlx::Error> {
    // `in_centre` is set when the coupon is created and never changes.
    let in_centre: Option<i64> = sqlx::query_scalar("SELECT in_centre FROM coupons WHERE id = $1")
        .bind(coupon_id)
        .fetch_optional(db.pool())
        .await?;
    if in_centre != Some(1) {
        return Ok(Err(CouponRefusal::NotFound));
    }
    claim(db, user_id, coupon_id, now).await
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

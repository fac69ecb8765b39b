//! Giving a coupon to a group of members (back office → Promotions → "Give"): every member of
//! the segment gets a copy under the same rules as claiming one (the coupon open, copies left,
//! the member's level and per-member limit), so giving twice never gives more than the limit.

use super::admin::logged;
use super::claim;
use crate::db::Db;
use crate::domain::account::MemberLevel;
use crate::domain::audit::{Action, AuditActor};
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::money::Money;
use crate::domain::promotion::segment::{GivenCoupons, MemberFacts, Segment};
use crate::domain::promotion::CouponRefusal;

#[derive(Debug, thiserror::Error)]
pub enum GiveError {
    #[error("no such coupon")]
    NotFound,
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The members (accounts with the customer role that are neither operators nor suppliers, not
/// deleted) in `segment` at `now`, by id.
pub async fn members_in(db: &Db, segment: Segment, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        created_at: i64,
        last_paid_at: Option<i64>,
        year_spend: i64,
    }
    let counted = "o.user_id = u.id AND o.paid_at IS NOT NULL \
                   AND o.status NOT IN ('cancelled', 'refunded')";
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT u.id, u.created_at, \
         (SELECT MAX(o.paid_at) FROM orders o WHERE {counted}) AS last_paid_at, \
         (SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT) FROM orders o \
          WHERE {counted} AND o.paid_at >= $1) AS year_spend \
         FROM users u WHERE u.deleted_at IS NULL \
         AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'customer') \
         AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id \
                         AND r.role IN ('operator', 'supplier')) \
         ORDER BY u.id"
    ))
    .bind(now - MemberLevel::WINDOW_SECONDS)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| {
            let facts = MemberFacts {
                tier: MemberLevel::for_spend(Money::from_fen(row.year_spend)).tier,
                joined_at: row.created_at,
                last_paid_at: row.last_paid_at,
            };
            segment.includes(&facts, now)
        })
        .map(|row| row.id)
        .collect())
}

/// Gives a copy of coupon `coupon_id` to every member of `segment` at `now`, audited (before
/// the first copy goes out): what it did. One claim per member, within the request: fine for
/// tens of thousands of members, a job's work beyond that. `NotFound` for no such coupon; `Invalid(CouponNotOpen)` at the field `Segment` when the
/// coupon is paused, outside its claim window or all given out.
pub async fn give_coupon(
    db: &Db,
    actor: &AuditActor,
    coupon_id: i64,
    segment: Segment,
    now: i64,
) -> Result<GivenCoupons, GiveError> {
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT CASE WHEN paused = 0 AND claim_from <= $2 AND claim_until > $2 \
         AND claimed < total_quantity THEN 1 ELSE 0 END FROM coupons WHERE id = $1",
    )
    .bind(coupon_id)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    match open {
        None => return Err(GiveError::NotFound),
        Some(0) => {
            return Err(GiveError::Invalid(problem(
                Field::Segment,
                Problem::CouponNotOpen,
            )))
        }
        Some(_) => {}
    }
    let members = members_in(db, segment, now).await?;
    // Logged before any copy goes out, so a giving cut short (an error, a dropped request) is
    // still on record; the copies themselves are the member_coupons rows.
    let intent = serde_json::json!({
        "give_to": segment.as_param(),
        "members": members.len(),
        "at": now,
    });
    let mut tx = db.writer().begin().await?;
    logged(
        &mut tx,
        actor,
        &format!("coupon/{coupon_id}"),
        Action::Update,
        &intent,
    )
    .await?;
    tx.commit().await?;
    let mut given = GivenCoupons {
        members: members.len() as i64,
        ..GivenCoupons::default()
    };
    for user_id in members {
        match claim(db, user_id, coupon_id, now).await? {
            Ok(_) => given.given += 1,
            Err(CouponRefusal::LimitReached) => given.had_theirs += 1,
            Err(CouponRefusal::LevelTooLow { .. }) => given.below_level += 1,
            // Sold out, or closed by another operator meanwhile.
            Err(_) => given.missed_out += 1,
        }
    }
    Ok(given)
}

//! Coupons given as rewards by the server's jobs, with the claiming rules of any coupon (the
//! member's level, copies left, the per-member limit): on members' birthdays, and when a member
//! reaches a level.

use super::{claim, member_tier};
use crate::db::Db;
use crate::domain::account::{Date, MemberLevel, MemberTier};
use crate::domain::money::Money;
use crate::domain::promotion::{is_birthday, tiers_reached, Reward};

/// The coupons that are `reward` and open at `now`: (id, lowest level).
async fn open_rewards(
    db: &Db,
    reward: Reward,
    now: i64,
) -> Result<Vec<(i64, MemberTier)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, min_tier FROM coupons WHERE reward = $1 AND paused = 0 \
         AND claim_from <= $2 AND claim_until > $2 ORDER BY id",
    )
    .bind(reward.as_str())
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, tier)| Some((id, MemberTier::parse(&tier)?)))
        .collect())
}

/// Gives every member whose birthday is today (shop time) a copy of each open birthday coupon,
/// once a year (`users.birthday_rewarded_year`, a guarded update, so on any number of
/// instances). Safe to run again the same day: how many copies were given.
pub async fn grant_birthday_coupons(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let coupons = open_rewards(db, Reward::Birthday, now).await?;
    if coupons.is_empty() {
        return Ok(0);
    }
    let today = Date::from_unix(now + 8 * 3600);
    // Members born on 29 February are among those of the 28th in other years.
    let candidates: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, birthday FROM users WHERE deleted_at IS NULL \
         AND (birthday LIKE $1 OR birthday LIKE '%-02-29')",
    )
    .bind(format!("%-{:02}-{:02}", today.month, today.day))
    .fetch_all(db.pool())
    .await?;
    let mut given = 0;
    for (user_id, birthday) in candidates {
        if !is_birthday(&birthday, today) {
            continue;
        }
        // This year's gifts once, whichever instance gets here first.
        let marked = sqlx::query(
            "UPDATE users SET birthday_rewarded_year = $1 \
             WHERE id = $2 AND birthday_rewarded_year < $1",
        )
        .bind(i64::from(today.year))
        .bind(user_id)
        .execute(db.writer())
        .await?;
        if marked.rows_affected() != 1 {
            continue;
        }
        for (coupon_id, _) in &coupons {
            if claim(db, user_id, *coupon_id, now).await?.is_ok() {
                given += 1;
            }
        }
    }
    Ok(given)
}

/// Gives level-up coupons to members with orders paid since `since` whose level is now above
/// both the one they were last rewarded for (`users.rewarded_tier`) and the one they had before
/// those orders: each open level-up coupon whose lowest level they have just reached. The guarded update of `rewarded_tier` makes it once,
/// on any number of instances. How many copies were given.
pub async fn grant_level_up_coupons(db: &Db, since: i64, now: i64) -> Result<usize, sqlx::Error> {
    let coupons = open_rewards(db, Reward::LevelUp, now).await?;
    let candidates: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT u.id, u.rewarded_tier FROM orders o JOIN users u ON u.id = o.user_id \
         WHERE o.paid_at >= $1 AND u.deleted_at IS NULL ORDER BY u.id",
    )
    .bind(since)
    .fetch_all(db.pool())
    .await?;
    let mut given = 0;
    for (user_id, rewarded) in candidates {
        // The level before these orders counts too: a member who was Gold before the rewards
        // existed (rewarded_tier still bronze) has not just reached Gold.
        let earlier: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders WHERE user_id = $1 \
             AND paid_at >= $2 AND paid_at < $3 AND status NOT IN ('cancelled', 'refunded')",
        )
        .bind(user_id)
        .bind(since - MemberLevel::WINDOW_SECONDS)
        .bind(since)
        .fetch_one(db.pool())
        .await?;
        let before = MemberTier::parse(&rewarded)
            .unwrap_or(MemberTier::Bronze)
            .max(MemberLevel::for_spend(Money::from_fen(earlier)).tier);
        let now_tier = member_tier(db, user_id, now).await?;
        let reached = tiers_reached(before, now_tier);
        if reached.is_empty() {
            continue;
        }
        let moved =
            sqlx::query("UPDATE users SET rewarded_tier = $1 WHERE id = $2 AND rewarded_tier = $3")
                .bind(now_tier.as_str())
                .bind(user_id)
                .bind(&rewarded)
                .execute(db.writer())
                .await?;
        if moved.rows_affected() != 1 {
            continue;
        }
        for (coupon_id, tier) in &coupons {
            if reached.contains(tier) && claim(db, user_id, *coupon_id, now).await?.is_ok() {
                given += 1;
            }
        }
    }
    Ok(given)
}

//! The points ledger: every movement with its reason, and the balance kept beside it; points
//! expire at the end of the year after they were earned (`domain::account::points`).

use crate::db::{unix_now, Db};
use crate::domain::account::{
    end_of_this_year, expiry_cutoff, start_of_year, unspent, Date, PointsEntry, PointsPage,
    PointsReason,
};

/// (credits before `before`, every debit as a positive sum) of the member's ledger, read
/// through `executor`.
async fn earned_and_debited<'e, E>(
    executor: E,
    user_id: i64,
    before: i64,
) -> Result<(i64, i64), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN delta > 0 AND created_at < $2 THEN delta ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN delta < 0 THEN -delta ELSE 0 END), 0) AS BIGINT) \
         FROM points_ledger WHERE user_id = $1",
    )
    .bind(user_id)
    .bind(before)
    .fetch_one(executor)
    .await
}

pub async fn points(db: &Db, user_id: i64) -> Result<PointsPage, sqlx::Error> {
    let balance: i64 = sqlx::query_scalar("SELECT points_balance FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?
        .unwrap_or(0);
    #[derive(sqlx::FromRow)]
    struct EntryRow {
        delta: i64,
        balance_after: i64,
        reason: String,
        created_at: i64,
    }
    let entries = sqlx::query_as::<_, EntryRow>(
        "SELECT delta, balance_after, reason, created_at FROM points_ledger WHERE user_id = $1 \
         ORDER BY id DESC LIMIT 200",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    // Last year's points not spent go at the end of this one.
    let now = unix_now();
    let this_year = start_of_year(Date::from_unix(now + 8 * 3600).year);
    let (earned, debited) = earned_and_debited(db.pool(), user_id, this_year).await?;
    let expiring = unspent(earned, debited).min(balance);
    Ok(PointsPage {
        expiring: (expiring > 0).then_some((expiring, end_of_this_year(now))),
        balance,
        entries: entries
            .into_iter()
            .map(|row| PointsEntry {
                delta: row.delta,
                balance_after: row.balance_after,
                reason: row.reason,
                created_at: row.created_at,
            })
            .collect(),
    })
}

/// Adds (or with a negative delta, spends) points with a reason, in one transaction with the
/// balance. Refuses to go below zero; returns the new balance, or None when refused.
pub async fn add_points(
    db: &Db,
    user_id: i64,
    delta: i64,
    reason: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let balance: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET points_balance = points_balance + $1 \
         WHERE id = $2 AND points_balance + $1 >= 0 RETURNING points_balance",
    )
    .bind(delta)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(balance) = balance else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(delta)
    .bind(balance)
    .bind(reason)
    .bind(unix_now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(balance))
}

/// The member's points balance (0 for an unknown member).
pub async fn balance(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    Ok(
        sqlx::query_scalar("SELECT points_balance FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?
            .unwrap_or(0),
    )
}

/// Expires, at `now`, every member's points earned before the cutoff (the start of last year)
/// and not spent since, first in first out, each with a ledger line "Points earned in {year}
/// expired". Run by the server's jobs; a second run finds nothing. How many members lost
/// points.
pub async fn expire_points(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let cutoff = expiry_cutoff(now);
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM points_ledger GROUP BY user_id \
         HAVING SUM(CASE WHEN delta > 0 AND created_at < $1 THEN delta ELSE 0 END) \
              > SUM(CASE WHEN delta < 0 THEN -delta ELSE 0 END)",
    )
    .bind(cutoff)
    .fetch_all(db.pool())
    .await?;
    let year = Date::from_unix(cutoff + 8 * 3600).year - 1;
    let mut expired = 0;
    for user_id in due {
        let mut tx = db.writer().begin().await?;
        // The member's row first: no checkout spends these points while they go.
        let balance: Option<i64> = sqlx::query_scalar(
            "UPDATE users SET points_balance = points_balance WHERE id = $1 RETURNING points_balance",
        )
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (earned, debited) = earned_and_debited(&mut *tx, user_id, cutoff).await?;
        let gone = unspent(earned, debited).min(balance.unwrap_or(0));
        if gone <= 0 {
            tx.rollback().await?;
            continue;
        }
        let after: i64 = sqlx::query_scalar(
            "UPDATE users SET points_balance = points_balance - $1 WHERE id = $2 RETURNING points_balance",
        )
        .bind(gone)
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO points_ledger (user_id, delta, balance_after, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(-gone)
        .bind(after)
        .bind(PointsReason::Expired(year).to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        expired += 1;
    }
    Ok(expired)
}

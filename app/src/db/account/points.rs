//! The points ledger: every movement with its reason, and the balance kept beside it.

use crate::db::{unix_now, Db};
use crate::domain::account::{PointsEntry, PointsPage};

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
    Ok(PointsPage {
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

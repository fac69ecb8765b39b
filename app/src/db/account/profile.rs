//! The member's profile and avatar, and the numbers on the member center's front page.

use crate::db::Db;
use crate::domain::account::{Profile, ProfileView};
use sqlx::Row;

pub async fn profile(db: &Db, user_id: i64) -> Result<Option<(ProfileView, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT email, display_name, phone, birthday, preferred_locale, avatar_path FROM users \
         WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let avatar_path: String = row.try_get("avatar_path")?;
        Ok((
            ProfileView {
                email: row
                    .try_get::<Option<String>, _>("email")?
                    .unwrap_or_default(),
                display_name: row.try_get("display_name")?,
                phone: row.try_get("phone")?,
                birthday: row.try_get("birthday")?,
                preferred_locale: row.try_get("preferred_locale")?,
                avatar_url: avatar_url(&avatar_path),
            },
            avatar_path,
        ))
    })
    .transpose()
}

pub fn avatar_url(avatar_path: &str) -> Option<String> {
    (!avatar_path.is_empty()).then(|| format!("/media/{avatar_path}"))
}

pub async fn update_profile(db: &Db, user_id: i64, profile: &Profile) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET display_name = $1, phone = $2, birthday = $3, preferred_locale = $4 \
         WHERE id = $5 AND deleted_at IS NULL",
    )
    .bind(&profile.display_name)
    .bind(&profile.phone)
    .bind(&profile.birthday)
    .bind(profile.preferred_locale.code())
    .bind(user_id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Returns the previous avatar's path so the caller can remove the file.
pub async fn set_avatar(db: &Db, user_id: i64, path: &str) -> Result<Option<String>, sqlx::Error> {
    let old: Option<String> =
        sqlx::query_scalar("SELECT avatar_path FROM users WHERE id = $1 AND deleted_at IS NULL")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    sqlx::query("UPDATE users SET avatar_path = $1 WHERE id = $2 AND deleted_at IS NULL")
        .bind(path)
        .bind(user_id)
        .execute(db.writer())
        .await?;
    Ok(old.filter(|p| !p.is_empty() && p != path))
}

/// Numbers for the member center's front page.
#[derive(sqlx::FromRow, Debug)]
pub struct OverviewNumbers {
    /// Spend over the last 12 months (fen): what the level follows.
    pub year_spend: i64,
    pub points_balance: i64,
    pub favourite_count: i64,
    /// When the account was created (unix seconds).
    pub created_at: i64,
    pub avatar_path: String,
}

/// Numbers for the member center's front page; None once the account is deleted.
pub async fn overview_numbers(
    db: &Db,
    user_id: i64,
    now: i64,
) -> Result<Option<OverviewNumbers>, sqlx::Error> {
    sqlx::query_as::<_, OverviewNumbers>(
        "SELECT (SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT) FROM orders o \
          WHERE o.user_id = users.id AND o.paid_at >= $2 \
          AND o.status NOT IN ('cancelled', 'refunded')) AS year_spend, points_balance, \
         (SELECT COUNT(*) FROM favourites f WHERE f.user_id = users.id) AS favourite_count, \
         created_at, avatar_path \
         FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .bind(now - crate::domain::account::MemberLevel::WINDOW_SECONDS)
    .fetch_optional(db.pool())
    .await
}

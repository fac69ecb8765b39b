//! 會員日 member days as stored (`member_days`).

use crate::db::{unix_now, Db};
use crate::domain::account::MemberTier;
use crate::domain::promotion::member_day::{MemberDay, MemberDayRule};
use sqlx::Any;

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

//! Visits for the dashboard's conversion rate, and the daily salts that make visitor keys
//! (migration 15 says why there is no cookie).

use super::Db;
use crate::domain::dashboard::DayRange;
use std::collections::HashSet;
use std::sync::Mutex;

/// A `Db`'s memory of today's salt and of the visitors already written today, so a visit costs
/// one write however many pages it has.
#[derive(Default, Debug)]
pub struct VisitCache {
    salt: Mutex<Option<(i64, String)>>,
    seen: Mutex<(i64, HashSet<String>)>,
}

/// Past this many visitors in one day the memory starts again (a repeated write is harmless).
const SEEN_LIMIT: usize = 200_000;

/// The salt of shop day `day` (64 hex characters), made on first use; several instances racing
/// all end with the one stored first. None once a later day has begun on any instance (a clock
/// behind, or a request that straddled midnight): that day's salt is gone for good and is never
/// made again, so the day's visitors are not counted twice under a second salt.
pub async fn salt(db: &Db, day: i64) -> Result<Option<String>, sqlx::Error> {
    if let Some((cached_day, salt)) = db.visits.salt.lock().ok().and_then(|s| s.clone()) {
        if cached_day == day {
            return Ok(Some(salt));
        }
    }
    let fresh: [u8; 32] = rand::random();
    sqlx::query(
        "INSERT INTO visit_salts (day, salt) SELECT $1, $2 \
         WHERE NOT EXISTS (SELECT 1 FROM visit_salts WHERE day >= $1) \
         ON CONFLICT (day) DO NOTHING",
    )
    .bind(day)
    .bind(hex::encode(fresh))
    .execute(db.writer())
    .await?;
    forget_salts_before(db, day).await?;
    let salt: Option<String> = sqlx::query_scalar("SELECT salt FROM visit_salts WHERE day = $1")
        .bind(day)
        .fetch_optional(db.writer())
        .await?;
    if let (Some(salt), Ok(mut cached)) = (&salt, db.visits.salt.lock()) {
        *cached = Some((day, salt.clone()));
    }
    Ok(salt)
}

/// Deletes the salts of days before `day` (run when a day begins and by a periodic job, so a
/// salt does not outlive its day even without visits).
pub async fn forget_salts_before(db: &Db, day: i64) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM visit_salts WHERE day < $1")
        .bind(day)
        .execute(db.writer())
        .await?;
    Ok(deleted.rows_affected())
}

/// Counts a visit of `visitor` on shop day `day` (once per day).
pub async fn record(db: &Db, day: i64, visitor: &str) -> Result<(), sqlx::Error> {
    let first_today = db.visits.seen.lock().is_ok_and(|mut seen| {
        if seen.0 != day || seen.1.len() >= SEEN_LIMIT {
            *seen = (day, HashSet::new());
        }
        seen.1.insert(visitor.to_string())
    });
    if !first_today {
        return Ok(());
    }
    let written = sqlx::query(
        "INSERT INTO visits (day, visitor, ordered) VALUES ($1, $2, 0) \
         ON CONFLICT (day, visitor) DO NOTHING",
    )
    .bind(day)
    .bind(visitor)
    .execute(db.writer())
    .await;
    if written.is_err() {
        // Not written: the visitor's next page tries again.
        if let Ok(mut seen) = db.visits.seen.lock() {
            seen.1.remove(visitor);
        }
    }
    written.map(|_| ())
}

/// One visitor on one shop day: `visitor` is the 32-hex key `flow::visit` makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitorDay {
    pub day: i64,
    pub visitor: String,
}

/// Marks the visit as one that placed an order (counting the visit if it was not yet, e.g. a
/// checkout opened from a page cached before the day began). Run inside the order's own
/// transaction: the mark costs no writer turn of its own and stands or falls with the order.
pub(crate) async fn mark_ordered(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    visit: &VisitorDay,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO visits (day, visitor, ordered) VALUES ($1, $2, 1) \
         ON CONFLICT (day, visitor) DO UPDATE SET ordered = 1",
    )
    .bind(visit.day)
    .bind(&visit.visitor)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// (shop day, visits, visits that ordered) for each day of `range` that had visits.
pub async fn by_day(db: &Db, range: DayRange) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        day: i64,
        visits: i64,
        ordering: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT day, COUNT(*) AS visits, SUM(CASE WHEN ordered = 1 THEN 1 ELSE 0 END) AS ordering \
         FROM visits WHERE day >= $1 AND day <= $2 GROUP BY day ORDER BY day",
    )
    .bind(range.first)
    .bind(range.last)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.day, r.visits, r.ordering))
        .collect())
}

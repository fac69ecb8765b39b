//! Outgoing mail. Writing a message here is part of the request that causes it; a background job
//! puts it into words and delivers it (SMTP when configured, else a local mail folder) and
//! records the outcome. A message is stored as its kind, parameters and the recipient's
//! language (`domain::mail::Mail`), never as text composed here.

use super::{unix_now, Db};
use crate::domain::locale::Locale;
use crate::domain::mail::{Mail, QueuedMail};

/// Writes a message to send to `recipient` in `locale`; pass a transaction to make it part of
/// the change that causes it.
pub async fn enqueue<'e, E>(
    executor: E,
    recipient: &str,
    locale: Locale,
    mail: &Mail,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO outbox (recipient, subject, body, kind, params, locale, created_at) \
         VALUES ($1, '', '', $2, $3, $4, $5) RETURNING id",
    )
    .bind(recipient)
    .bind(mail.kind())
    .bind(mail.to_params())
    .bind(locale.code())
    .bind(unix_now())
    .fetch_one(executor)
    .await
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    recipient: String,
    /// Only messages written before parameters were stored have text here.
    subject: String,
    body: String,
    params: String,
    locale: String,
    created_at: i64,
    sent_at: Option<i64>,
}

impl From<MessageRow> for QueuedMail {
    fn from(row: MessageRow) -> Self {
        QueuedMail {
            id: row.id,
            recipient: row.recipient,
            locale: Locale::from_code(&row.locale).unwrap_or_default(),
            mail: Mail::from_params(&row.params).unwrap_or(Mail::Composed {
                subject: row.subject,
                body: row.body,
            }),
            created_at: row.created_at,
            sent_at: row.sent_at,
        }
    }
}

const COLUMNS: &str = "id, recipient, subject, body, params, locale, created_at, sent_at";

/// Newest first, for the operators' outbox page.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<QueuedMail>, sqlx::Error> {
    let rows = sqlx::query_as::<_, MessageRow>(&format!(
        "SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Messages due for delivery, oldest first: not sent, not claimed, not given up on.
pub async fn pending(
    db: &Db,
    limit: i64,
    max_attempts: i64,
) -> Result<Vec<QueuedMail>, sqlx::Error> {
    let rows = sqlx::query_as::<_, MessageRow>(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE sent_at IS NULL AND attempts < $1 AND locked_until <= $2 \
         ORDER BY id LIMIT $3"
    ))
    .bind(max_attempts)
    .bind(unix_now())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Claims a message for `lease_seconds`: of several server instances, one guarded update wins.
pub async fn claim(db: &Db, id: i64, lease_seconds: i64) -> Result<bool, sqlx::Error> {
    let now = unix_now();
    let done = sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, locked_until = $1 \
         WHERE id = $2 AND sent_at IS NULL AND locked_until <= $3",
    )
    .bind(now + lease_seconds)
    .bind(id)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a message sent and keeps only `kept` of it (its content with links' secrets masked: a
/// sent reset link must not stay readable in the database).
pub async fn mark_sent(db: &Db, id: i64, kept: &Mail) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, last_error = '', params = $2, subject = '', body = '' \
         WHERE id = $3",
    )
    .bind(unix_now())
    .bind(kept.to_params())
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Records the failure; the message may be tried again after `retry_after_seconds`.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    retry_after_seconds: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET last_error = $1, locked_until = $2 WHERE id = $3")
        .bind(error)
        .bind(unix_now() + retry_after_seconds)
        .bind(id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// The newest message to one address, for tests and the demo.
pub async fn latest_for(db: &Db, recipient: &str) -> Result<Option<QueuedMail>, sqlx::Error> {
    let row = sqlx::query_as::<_, MessageRow>(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(recipient)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Into::into))
}

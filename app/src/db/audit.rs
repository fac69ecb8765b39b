//! The audit log (`audit_log`): written in the same transaction as the change it records, read
//! by operators filtered by object and by person.

use crate::db::sql::{Bind, Sql};
use crate::db::{unix_now, Db};
use crate::domain::audit::{
    changes, Action, AuditActor, AuditEntry, AuditFilter, ObjectKind, AUDIT_PAGE,
};
use sqlx::{Any, Transaction};

/// Records one change inside the transaction that makes it. `before`/`after` are the object's
/// state as a flat JSON object (None: it did not exist before / does not exist after).
pub async fn record(
    tx: &mut Transaction<'_, Any>,
    actor: &AuditActor,
    kind: ObjectKind,
    object_id: &str,
    action: Action,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_email, at, object_kind, object_id, action, \
         before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(actor.user_id)
    .bind(actor.email.as_str())
    .bind(unix_now())
    .bind(kind.as_str())
    .bind(object_id)
    .bind(action.as_str())
    .bind(before.map(|v| v.to_string()))
    .bind(after.map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_id: i64,
    actor_email: String,
    object_kind: String,
    object_id: String,
    action: String,
    before_json: Option<String>,
    after_json: Option<String>,
}

/// One page of entries matching `filter`, newest first (at most [`AUDIT_PAGE`]).
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT id, at, actor_id, actor_email, object_kind, object_id, action, before_json, \
         after_json FROM audit_log WHERE 1 = 1",
    );
    if let Some(kind) = filter.object_kind {
        let p = sql.text(kind.as_str());
        sql.push(&format!(" AND object_kind = {p}"));
    }
    if let Some(id) = filter.object_id.as_deref().filter(|id| !id.is_empty()) {
        let p = sql.text(id);
        sql.push(&format!(" AND object_id = {p}"));
    }
    if let Some(email) = filter.actor_email.as_deref().filter(|e| !e.is_empty()) {
        let p = sql.text(email.to_lowercase());
        sql.push(&format!(" AND LOWER(actor_email) = {p}"));
    }
    if let Some(before) = filter.before_id {
        let p = sql.param(Bind::Int(before));
        sql.push(&format!(" AND id < {p}"));
    }
    let limit = sql.int(AUDIT_PAGE);
    sql.push(&format!(" ORDER BY id DESC LIMIT {limit}"));
    let rows: Vec<AuditRow> = sql.query_as().fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(AuditEntry {
                changes: changes(row.before_json.as_deref(), row.after_json.as_deref()),
                id: row.id,
                at: row.at,
                actor_id: row.actor_id,
                actor_email: row.actor_email,
                object_kind: ObjectKind::parse(&row.object_kind)?,
                object_id: row.object_id,
                action: Action::parse(&row.action)?,
            })
        })
        .collect())
}

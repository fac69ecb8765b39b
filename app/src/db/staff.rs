//! Staff and their permissions (`staff_permissions`, with the `operator` row of `user_roles`).

use crate::db::audit;
use crate::db::{unix_now, Db};
use crate::domain::account::Role;
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::staff::{check_change, Permission, StaffMember, StaffRefusal};
use sqlx::{Any, Transaction};

/// What a user may do in the back office (empty for everyone who is not an operator).
pub async fn permissions(db: &Db, user_id: i64) -> Result<Vec<Permission>, sqlx::Error> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT p.permission FROM staff_permissions p \
         JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'operator' \
         WHERE p.user_id = $1",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Permission::parse_set(
        names
            .iter()
            .map(String::as_str)
            .filter(|n| Permission::parse(n).is_some()),
    )
    .unwrap_or_default())
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    user_id: i64,
    email: Option<String>,
    display_name: String,
    permission: Option<String>,
}

async fn staff_in<'e, E>(executor: E) -> Result<Vec<StaffMember>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<StaffRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, p.permission FROM users u \
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'operator' \
         LEFT JOIN staff_permissions p ON p.user_id = u.id \
         WHERE u.deleted_at IS NULL ORDER BY u.email, u.id",
    )
    .fetch_all(executor)
    .await?;
    let mut staff: Vec<StaffMember> = Vec::new();
    for row in rows {
        if staff.last().is_none_or(|m| m.user_id != row.user_id) {
            staff.push(StaffMember {
                user_id: row.user_id,
                email: row.email.unwrap_or_default(),
                display_name: row.display_name,
                permissions: Vec::new(),
            });
        }
        if let (Some(member), Some(p)) = (
            staff.last_mut(),
            row.permission.as_deref().and_then(Permission::parse),
        ) {
            member.permissions.push(p);
            member.permissions.sort();
        }
    }
    Ok(staff)
}

/// Every operator with their permissions, by email.
pub async fn staff(db: &Db) -> Result<Vec<StaffMember>, sqlx::Error> {
    staff_in(db.pool()).await
}

/// Why [`set_permissions`] changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("no such account")]
    NoSuchAccount,
    #[error("refused: {0:?}")]
    Refused(StaffRefusal),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Holds the staff table still for the rest of the transaction, so two operators taking away
/// each other's last "users" permission at once cannot both succeed.
async fn lock_staff(tx: &mut Transaction<'_, Any>, db: &Db) -> Result<(), sqlx::Error> {
    // SQLite: every writer transaction already runs alone (one writer connection).
    if db.backend() == crate::db::Backend::Postgres {
        sqlx::query("LOCK TABLE staff_permissions IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Makes `user_id` an operator (a no-op when they are one already).
async fn grant_operator_role(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, role) DO NOTHING",
    )
    .bind(user_id)
    .bind(Role::Operator.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives `user_id` exactly `permissions`: an empty set takes them off the staff (the operator
/// role goes too), a non-empty one makes them an operator. Refused when it would leave nobody
/// able to grant permissions. Recorded in the audit log with the set before → after.
pub async fn set_permissions(
    db: &Db,
    actor: &AuditActor,
    user_id: i64,
    permissions: &[Permission],
) -> Result<(), StaffError> {
    let mut tx = db.writer().begin().await?;
    lock_staff(&mut tx, db).await?;
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        return Err(StaffError::NoSuchAccount);
    }
    let staff = staff_in(&mut *tx).await?;
    check_change(&staff, user_id, permissions).map_err(StaffError::Refused)?;
    let before = staff
        .iter()
        .find(|m| m.user_id == user_id)
        .map(|m| m.permissions.clone());
    let now = unix_now();
    sqlx::query("DELETE FROM staff_permissions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for permission in permissions {
        sqlx::query(
            "INSERT INTO staff_permissions (user_id, permission, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(permission.as_str())
        .bind(actor.user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if permissions.is_empty() {
        sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
            .bind(user_id)
            .bind(Role::Operator.as_str())
            .execute(&mut *tx)
            .await?;
    } else {
        grant_operator_role(&mut tx, user_id, now).await?;
    }
    let state = |set: &[Permission]| {
        serde_json::json!({
            "permissions": set.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
        })
    };
    let after = (!permissions.is_empty()).then(|| state(permissions));
    let before_state = before.as_deref().map(state);
    let action = match (&before, permissions.is_empty()) {
        (None, _) => Action::Create,
        (Some(_), true) => Action::Delete,
        (Some(_), false) => Action::Update,
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Staff,
        &user_id.to_string(),
        action,
        before_state.as_ref(),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `user_id` an operator with every permission, outside the console (`create-admin`,
/// the demo accounts): nobody is signed in to record as the actor.
pub async fn grant_everything(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let now = unix_now();
    grant_operator_role(&mut tx, user_id, now).await?;
    for permission in Permission::ALL {
        sqlx::query(
            "INSERT INTO staff_permissions (user_id, permission, granted_by, granted_at) \
             VALUES ($1, $2, NULL, $3) ON CONFLICT (user_id, permission) DO NOTHING",
        )
        .bind(user_id)
        .bind(permission.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

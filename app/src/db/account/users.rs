//! Users, their roles and credentials.

use crate::db::is_unique_violation;
use crate::db::{unix_now, Db};
use crate::domain::account::{Role, SessionUser, PRIVACY_POLICY_VERSION};
use sqlx::Row;

/// What signing in needs. The hash never leaves the server: this type is not `Serialize`.
#[derive(sqlx::FromRow, Debug)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub auth_version: i64,
}

/// The row behind a session: is the account still there, and has its password changed?
#[derive(Debug, Clone)]
pub struct AuthRecord {
    pub user: SessionUser,
    pub auth_version: i64,
    pub preferred_locale: String,
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub phone: &'a str,
    pub preferred_locale: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("email already registered")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates a customer, recording consent to the current privacy policy.
pub async fn create_user(db: &Db, new: NewUser<'_>) -> Result<i64, CreateUserError> {
    let now = unix_now();
    let mut tx = db.writer().begin().await?;
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, password_hash, display_name, phone, preferred_locale, \
         privacy_policy_version, privacy_consent_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(new.email)
    .bind(new.password_hash)
    .bind(new.display_name)
    .bind(new.phone)
    .bind(new.preferred_locale)
    .bind(PRIVACY_POLICY_VERSION)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(CreateUserError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    sqlx::query("INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(Role::Customer.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn grant_role(db: &Db, user_id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, role) DO NOTHING",
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(unix_now())
    .execute(db.writer())
    .await?;
    Ok(())
}

pub async fn user_id_by_email(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL")
        .bind(email)
        .fetch_optional(db.pool())
        .await
}

pub async fn credentials_by_email(
    db: &Db,
    email: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash, auth_version FROM users WHERE email = $1 AND deleted_at IS NULL",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await
}

pub async fn credentials_by_id(db: &Db, user_id: i64) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash, auth_version FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await
}

/// The live account behind a session, with its roles; None once deleted.
pub async fn auth_record(db: &Db, user_id: i64) -> Result<Option<AuthRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT email, display_name, auth_version, preferred_locale FROM users \
         WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    let mut roles: Vec<Role> = roles.iter().filter_map(|r| Role::parse(r)).collect();
    roles.sort();
    let permissions = if roles.contains(&Role::Operator) {
        crate::db::staff::permissions(db, user_id).await?
    } else {
        Vec::new()
    };
    Ok(Some(AuthRecord {
        user: SessionUser {
            id: user_id,
            email: row
                .try_get::<Option<String>, _>("email")?
                .unwrap_or_default(),
            display_name: row.try_get("display_name")?,
            roles,
            permissions,
        },
        auth_version: row.try_get("auth_version")?,
        preferred_locale: row.try_get("preferred_locale")?,
    }))
}

/// Stores a new hash and bumps the auth version, which ends every session made before, and
/// cancels every reset link still outstanding (one mailed before the change must not undo it),
/// in one transaction. Returns the new auth version.
pub async fn set_password(db: &Db, user_id: i64, password_hash: &str) -> Result<i64, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let version = sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, auth_version = auth_version + 1 \
         WHERE id = $2 AND deleted_at IS NULL RETURNING auth_version",
    )
    .bind(password_hash)
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(unix_now())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(version)
}

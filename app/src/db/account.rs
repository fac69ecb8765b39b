//! Users, their roles and credentials, password resets, data export and account deletion.

use super::{unix_now, Db};
use crate::domain::account::{Profile, Role, PRIVACY_POLICY_VERSION};
use crate::domain::member::{ProfileView, SessionUser};
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

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

/// Creates a customer, recording consent to the current privacy policy.
pub async fn create_user(db: &Db, new: NewUser<'_>) -> Result<i64, CreateUserError> {
    let now = unix_now();
    let mut tx = db.pool().begin().await?;
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
    .execute(db.pool())
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
    Ok(Some(AuthRecord {
        user: SessionUser {
            id: user_id,
            email: row
                .try_get::<Option<String>, _>("email")?
                .unwrap_or_default(),
            display_name: row.try_get("display_name")?,
            roles,
        },
        auth_version: row.try_get("auth_version")?,
        preferred_locale: row.try_get("preferred_locale")?,
    }))
}

/// Stores a new hash and bumps the auth version, which ends every session made before, and
/// cancels every reset link still outstanding (one mailed before the change must not undo it),
/// in one transaction. Returns the new auth version.
pub async fn set_password(db: &Db, user_id: i64, password_hash: &str) -> Result<i64, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
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
    .execute(db.pool())
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
        .execute(db.pool())
        .await?;
    Ok(old.filter(|p| !p.is_empty() && p != path))
}

/// Numbers for the member center's front page.
#[derive(sqlx::FromRow, Debug)]
pub struct OverviewNumbers {
    /// Fen.
    pub lifetime_spend: i64,
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
) -> Result<Option<OverviewNumbers>, sqlx::Error> {
    sqlx::query_as::<_, OverviewNumbers>(
        "SELECT lifetime_spend, points_balance, \
         (SELECT COUNT(*) FROM favourites f WHERE f.user_id = users.id) AS favourite_count, \
         created_at, avatar_path \
         FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await
}

/// Stores a reset token's hash (never the token) valid until `expires_at`.
pub async fn create_password_reset(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(expires_at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Whether a reset token is known, unused and unexpired (checked before any password hashing;
/// redeeming checks again, atomically).
pub async fn password_reset_is_open(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM password_resets \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(unix_now())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Uses a reset token once: sets the new hash and bumps the auth version in one transaction.
/// None when the token is unknown, used or expired.
pub async fn redeem_password_reset(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = unix_now();
    let mut tx = db.pool().begin().await?;
    // The guarded update claims the token; a second use finds used_at set and changes nothing.
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let updated = sqlx::query(
        "UPDATE users SET password_hash = $1, auth_version = auth_version + 1 \
         WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(password_hash)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(None);
    }
    // Other outstanding links for this account stop working too.
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}

/// The account's own columns in a data export.
#[derive(sqlx::FromRow)]
struct ExportAccount {
    lifetime_spend: i64,
    points_balance: i64,
    created_at: i64,
    privacy_policy_version: String,
    privacy_consent_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportAddress {
    #[sqlx(flatten)]
    address: super::AddressColumns,
    /// Stored as an integer: non-zero is true.
    is_default: i64,
}

/// A product the user favourited or viewed, and when.
#[derive(sqlx::FromRow)]
struct ExportProductAt {
    slug: String,
    at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportPoints {
    delta: i64,
    balance_after: i64,
    reason: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportOrder {
    id: i64,
    order_no: String,
    status: String,
    email: String,
    total: i64,
    #[sqlx(flatten)]
    address: super::AddressColumns,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ExportItem {
    name: String,
    sku_code: String,
    unit_price: i64,
    quantity: i64,
}

#[derive(sqlx::FromRow)]
struct ExportAfterSale {
    kind: String,
    reason: String,
    status: String,
    created_at: i64,
}

/// Everything we hold about a user, as JSON, for "download my data".
pub async fn export(db: &Db, user_id: i64) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let Some((profile, _)) = profile(db, user_id).await? else {
        return Ok(None);
    };
    let account = sqlx::query_as::<_, ExportAccount>(
        "SELECT lifetime_spend, points_balance, created_at, privacy_policy_version, privacy_consent_at \
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let roles: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    let addresses = sqlx::query_as::<_, ExportAddress>(
        "SELECT recipient, phone, region, city, detail, postal_code, is_default FROM addresses \
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let favourites = sqlx::query_as::<_, ExportProductAt>(
        "SELECT p.slug, f.created_at AS at FROM favourites f JOIN products p ON p.id = f.product_id \
         WHERE f.user_id = $1 ORDER BY f.created_at DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let history = sqlx::query_as::<_, ExportProductAt>(
        "SELECT p.slug, h.viewed_at AS at FROM browsing_history h JOIN products p ON p.id = h.product_id \
         WHERE h.user_id = $1 ORDER BY h.viewed_at DESC",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let points = sqlx::query_as::<_, ExportPoints>(
        "SELECT delta, balance_after, reason, created_at FROM points_ledger WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let orders = sqlx::query_as::<_, ExportOrder>(
        "SELECT id, order_no, status, email, total, recipient, phone, region, city, detail, \
         postal_code, created_at FROM orders WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut order_records = Vec::with_capacity(orders.len());
    for order in &orders {
        let items = sqlx::query_as::<_, ExportItem>(
            "SELECT name, sku_code, unit_price, quantity FROM order_items WHERE order_id = $1 \
             ORDER BY sku_id",
        )
        .bind(order.id)
        .fetch_all(db.pool())
        .await?;
        let after_sales = sqlx::query_as::<_, ExportAfterSale>(
            "SELECT kind, reason, status, created_at FROM after_sales WHERE order_id = $1 ORDER BY id",
        )
        .bind(order.id)
        .fetch_all(db.pool())
        .await?;
        order_records.push(serde_json::json!({
            "order_no": order.order_no,
            "status": order.status,
            "email": order.email,
            "total_fen": order.total,
            "ship_to": {
                "recipient": order.address.recipient,
                "phone": order.address.phone,
                "region": order.address.region,
                "city": order.address.city,
                "detail": order.address.detail,
                "postal_code": order.address.postal_code,
            },
            "placed_at": order.created_at,
            "items": items.iter().map(|i| serde_json::json!({
                "name": i.name, "sku": i.sku_code, "unit_price_fen": i.unit_price,
                "quantity": i.quantity,
            })).collect::<Vec<_>>(),
            "after_sales": after_sales.iter().map(|a| serde_json::json!({
                "kind": a.kind, "reason": a.reason, "status": a.status, "at": a.created_at,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(Some(serde_json::json!({
        "exported_at": unix_now(),
        "orders": order_records,
        "profile": profile,
        "account": {
            "lifetime_spend_fen": account.lifetime_spend,
            "points_balance": account.points_balance,
            "created_at": account.created_at,
            "privacy_policy_version": account.privacy_policy_version,
            "privacy_consent_at": account.privacy_consent_at,
            "roles": roles,
        },
        "addresses": addresses.iter().map(|a| serde_json::json!({
            "recipient": a.address.recipient, "phone": a.address.phone, "region": a.address.region, "city": a.address.city,
            "detail": a.address.detail, "postal_code": a.address.postal_code, "is_default": a.is_default != 0,
        })).collect::<Vec<_>>(),
        "favourites": favourites.iter().map(|f| serde_json::json!({"product": f.slug, "at": f.at})).collect::<Vec<_>>(),
        "browsing_history": history.iter().map(|h| serde_json::json!({"product": h.slug, "at": h.at})).collect::<Vec<_>>(),
        "points_ledger": points.iter().map(|p| serde_json::json!({
            "delta": p.delta, "balance_after": p.balance_after, "reason": p.reason,
            "at": p.created_at,
        })).collect::<Vec<_>>(),
    })))
}

/// What deleting an account came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Deletion {
    /// Done; the avatar file to remove, if there was one.
    Done { avatar: Option<String> },
    /// No such account (or it was already deleted).
    NoAccount,
    /// Orders still on their way (or in after-sale) need the shopper's contact details.
    OrdersOpen,
}

/// Orders in these states are over: their records stay, without the shopper's personal details.
const CLOSED_ORDER_STATES: &str = "('completed', 'cancelled', 'refunded')";

/// Anonymises the account: personal data goes, the row stays so order records keep their owner.
/// Ends every session. Refused while an order still needs the shopper's address or email.
pub async fn delete_account(db: &Db, user_id: i64) -> Result<Deletion, sqlx::Error> {
    let now = unix_now();
    /// What deleting needs to know before the row is anonymised.
    #[derive(sqlx::FromRow)]
    struct Deleting {
        avatar_path: String,
        email: Option<String>,
    }
    let account = sqlx::query_as::<_, Deleting>(
        "SELECT avatar_path, email FROM users WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(Deleting {
        avatar_path: avatar,
        email: account_email,
    }) = account
    else {
        return Ok(Deletion::NoAccount);
    };
    // The first statement writes, so SQLite takes the write lock before anything is read.
    let mut tx = db.pool().begin().await?;
    let anonymised = sqlx::query(
        "UPDATE users SET email = NULL, password_hash = '', display_name = '', phone = '', \
         birthday = '', avatar_path = '', auth_version = auth_version + 1, deleted_at = $1 \
         WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if anonymised.rows_affected() != 1 {
        return Ok(Deletion::NoAccount);
    }
    let open_orders: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM orders WHERE user_id = $1 AND status NOT IN {CLOSED_ORDER_STATES}"
    ))
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    if open_orders > 0 {
        tx.rollback().await?;
        return Ok(Deletion::OrdersOpen);
    }
    // Mail to the account's address (and to addresses it gave at checkout) held personal data.
    let mut emails: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT email FROM orders WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
    emails.extend(account_email);
    // Tax law wants the order (items, amounts, dates, region); not who it went to or where.
    sqlx::query(
        "UPDATE orders SET email = '', recipient = '', phone = '', detail = '', postal_code = '' \
         WHERE user_id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    for email in emails {
        sqlx::query("DELETE FROM outbox WHERE recipient = $1")
            .bind(email)
            .execute(&mut *tx)
            .await?;
    }
    for table in [
        "addresses",
        "cart_items",
        "favourites",
        "browsing_history",
        "password_resets",
        "sessions",
        "user_roles",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Deletion::Done {
        avatar: (!avatar.is_empty()).then_some(avatar),
    })
}

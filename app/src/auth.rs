//! Who is calling, and may they? (server only)
//!
//! Every server function that touches a user's data starts with `caller().await?` (or
//! `caller_with(Role::…)`), then passes `caller.user_id` to the repository, whose queries are
//! scoped by it. Nothing takes a user id from the request.

pub mod limits;

use crate::db::{account, session_store::USER_ID_KEY, unix_now, Db};
use crate::domain::account::SessionUser;
use crate::domain::account::{Field, FieldProblem, Problem, Role};
use crate::error::AppError;
use tower_sessions::Session;

const AUTH_VERSION_KEY: &str = "auth_version";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
const LAST_SEEN_KEY: &str = "last_seen";

/// The client's address, put into each request by the server (for rate limits and logs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// How long a session lives. Idle: since the last request; absolute: since sign-in.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// A shopper's session ends after this long without a request (seconds).
    pub idle_seconds: i64,
    /// Every session ends this long after sign-in (seconds).
    pub absolute_seconds: i64,
    /// Operators' and suppliers' sessions end sooner when idle: they can change the shop.
    pub staff_idle_seconds: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_seconds: 14 * 86_400,
            absolute_seconds: 60 * 86_400,
            staff_idle_seconds: 30 * 60,
        }
    }
}

impl SessionPolicy {
    /// The idle limit for a user with these roles (seconds): the staff limit for operators and
    /// suppliers, else the shoppers'.
    pub fn idle_for(&self, roles: &[Role]) -> i64 {
        if roles.contains(&Role::Operator) || roles.contains(&Role::Supplier) {
            self.staff_idle_seconds.min(self.idle_seconds)
        } else {
            self.idle_seconds
        }
    }

    /// A session's last-seen time is rewritten at most this often, not on every request.
    fn touch_interval(&self) -> i64 {
        (self.idle_seconds / 24).clamp(1, 3_600)
    }
}

/// A signed-in caller, checked against the database on every request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: i64,
    pub user: SessionUser,
    pub preferred_locale: String,
}

impl Caller {
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.user.has(role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

fn db() -> Result<Db, AppError> {
    crate::contexts::database::use_db()
}

fn policy() -> SessionPolicy {
    leptos::prelude::use_context::<SessionPolicy>().unwrap_or_default()
}

/// The request's session (put there by the session layer).
///
/// Like every context read in a server function, call it before the first `.await`: when a page
/// renders on the server, a resource's future may be polled after its owner's context is gone.
pub fn session() -> Result<Session, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Session>().cloned())
        .ok_or_else(|| AppError::internal("session", "no session layer on this request"))
}

pub fn client_ip() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().cloned())
        .map(|ip| ip.0)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The request's User-Agent header, empty when it has none (for counting visits).
pub fn user_agent() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            let agent = parts.headers.get(http::header::USER_AGENT)?;
            agent.to_str().ok().map(str::to_string)
        })
        .unwrap_or_default()
}

fn session_error(error: impl std::fmt::Display) -> AppError {
    AppError::internal("session store", error)
}

/// The signed-in user, or None for guests and for sessions that have ended: timed out, signed in
/// before a password change, or of a deleted account (such sessions are removed on the way).
pub async fn optional_caller() -> Result<Option<Caller>, AppError> {
    // Every context first, before any await (see `session`).
    let session = session()?;
    let db = db()?;
    let policy = policy();
    let Some(user_id) = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let now = unix_now();
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    let last_seen = session
        .get::<i64>(LAST_SEEN_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(signed_in_at);
    let auth_version = session
        .get::<i64>(AUTH_VERSION_KEY)
        .await
        .map_err(session_error)?;
    let record = account::auth_record(&db, user_id).await?;
    let valid = match &record {
        Some(record) => {
            Some(record.auth_version) == auth_version
                && now - signed_in_at <= policy.absolute_seconds
                && now - last_seen <= policy.idle_for(&record.user.roles)
        }
        None => false,
    };
    if !valid {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    let record = record.expect("checked above");
    if now - last_seen >= policy.touch_interval() {
        // Marks the session changed, so the store extends its expiry: the idle clock restarts.
        session
            .insert(LAST_SEEN_KEY, now)
            .await
            .map_err(session_error)?;
    }
    Ok(Some(Caller {
        user_id,
        user: record.user,
        preferred_locale: record.preferred_locale,
    }))
}

/// The signed-in user, or `Unauthorized`.
pub async fn caller() -> Result<Caller, AppError> {
    optional_caller().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in user holding `role`: `Unauthorized` for guests, `Forbidden` for others.
pub async fn caller_with(role: Role) -> Result<Caller, AppError> {
    let caller = caller().await?;
    caller.require(role)?;
    Ok(caller)
}

/// The signed-in operator, when they hold `permission`: the one check in front of every
/// back-office server function. Guests get `Unauthorized`; customers, suppliers and operators
/// without the permission get `Forbidden`.
pub async fn staff_with(permission: crate::domain::staff::Permission) -> Result<Caller, AppError> {
    let caller = caller().await?;
    if caller.user.may(permission) {
        Ok(caller)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Who may act on which owner's goods: the check in front of every back-office catalog and
/// stock function, which then passes the scope to the repository. An operator holding
/// `permission` acts on every owner's goods (the platform's and every supplier's); anyone else is
/// refused as by [`staff_with`]. The supplier console's functions use
/// [`supplier`], which answers `Scope::Only` the supplier's own goods.
pub async fn goods_scope(
    permission: crate::domain::staff::Permission,
) -> Result<(Caller, crate::domain::owner::Scope), AppError> {
    let caller = staff_with(permission).await?;
    Ok((caller, crate::domain::owner::Scope::AllOwners))
}

/// The signed-in supplier, when it is active (approved and not suspended), with the scope of its
/// own goods: the check in front of every supplier-console function that changes goods. Guests
/// get `Unauthorized`; everyone else (a suspended supplier too) `Forbidden`.
pub async fn supplier() -> Result<(Caller, crate::domain::owner::Scope), AppError> {
    match supplier_record().await? {
        (caller, scope, true) => Ok((caller, scope)),
        (_, _, false) => Err(AppError::Forbidden),
    }
}

/// The signed-in supplier, suspended or not, with the scope of its own goods and whether it is
/// active: for what a suspended supplier keeps (its orders, its dashboard). Guests get
/// `Unauthorized`; anyone never approved `Forbidden`.
pub async fn supplier_record() -> Result<(Caller, crate::domain::owner::Scope, bool), AppError> {
    use crate::domain::owner::{Owner, Scope};
    let db = db()?;
    let caller = caller().await?;
    caller.require(Role::Supplier)?;
    match crate::db::supplier::status(&db, caller.user_id).await? {
        Some(active) => {
            let scope = Scope::Only(Owner::Supplier(caller.user_id));
            Ok((caller, scope, active))
        }
        None => Err(AppError::Forbidden),
    }
}

/// Who may read goods and their stock: an operator holding `permission` (every owner's), or a
/// supplier, suspended or not (its own). Guests get `Unauthorized`; anyone else `Forbidden`.
pub async fn goods_reader(
    permission: crate::domain::staff::Permission,
) -> Result<(Caller, crate::domain::owner::Scope), AppError> {
    let caller = caller().await?;
    if caller.user.may(permission) {
        return Ok((caller, crate::domain::owner::Scope::AllOwners));
    }
    let (caller, scope, _) = supplier_record().await?;
    Ok((caller, scope))
}

/// Who may put goods in the catalog: an operator holding `permission` (every owner's goods), or
/// an active supplier (its own). Guests get `Unauthorized`; anyone else `Forbidden`.
pub async fn goods_editor(
    permission: crate::domain::staff::Permission,
) -> Result<(Caller, crate::domain::owner::Scope), AppError> {
    let caller = caller().await?;
    if caller.user.may(permission) {
        return Ok((caller, crate::domain::owner::Scope::AllOwners));
    }
    supplier().await
}

impl Caller {
    /// The caller as the audit log names them.
    pub fn audit_actor(&self) -> crate::domain::audit::AuditActor {
        crate::domain::audit::AuditActor {
            user_id: self.user_id,
            email: self.user.email.clone(),
        }
    }
}

/// Signs `user_id` in on this session under a new session id (no fixation).
pub async fn start_session(
    session: &Session,
    user_id: i64,
    auth_version: i64,
) -> Result<(), AppError> {
    let now = unix_now();
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(session_error)?;
    session
        .insert(AUTH_VERSION_KEY, auth_version)
        .await
        .map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT_KEY, now)
        .await
        .map_err(session_error)?;
    session
        .insert(LAST_SEEN_KEY, now)
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the session on the server (the row is deleted) and clears the cookie.
pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// Checks the caller's password again before something that cannot be undone.
pub async fn confirm_password(db: &Db, user_id: i64, password: String) -> Result<(), AppError> {
    let credentials = account::credentials_by_id(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if verify_password(password, Some(credentials.password_hash)).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldProblem {
            field: Field::Password,
            problem: Problem::WrongPassword,
        }]))
    }
}

/// Hashes with argon2id on a blocking thread: it takes tens of milliseconds of CPU by design.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::internal("password hashing", e))
}

/// Checks a password on a blocking thread. With no stored hash (unknown email) it still does the
/// same work against a dummy hash, so response times do not reveal which emails exist.
pub async fn verify_password(
    password: String,
    stored_hash: Option<String>,
) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) if !hash.is_empty() => password_auth::verify_password(password, &hash).is_ok(),
        _ => {
            let _ = password_auth::verify_password(password, dummy_hash());
            false
        }
    })
    .await
    .map_err(|e| AppError::internal("password check", e))
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| password_auth::generate_hash("not a real password"))
}

/// A random URL-safe token (256 bits) and the hash stored in its place.
pub fn new_token() -> (String, String) {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The common and leaked passwords new passwords may not be (`app/data/README.md` says where
/// the list comes from), lower-cased; unpacked on first use.
static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        use std::io::Read;
        let packed: &[u8] = include_bytes!("../data/common-passwords.txt.br");
        let mut text = String::new();
        brotli_decompressor::Decompressor::new(packed, 4096)
            .read_to_string(&mut text)
            .expect("the shipped password list unpacks");
        text.lines().map(str::to_string).collect()
    });

/// Whether `password` (compared case-insensitively) is on the list of common or leaked passwords.
pub fn is_common_password(password: &str) -> bool {
    COMMON_PASSWORDS.contains(&password.to_lowercase())
}

/// Refuses a new password found on the common and leaked list, as a problem of `field`.
pub fn refuse_common(
    password: &crate::domain::account::NewPassword,
    field: Field,
) -> Result<(), AppError> {
    if is_common_password(password.expose()) {
        Err(AppError::Invalid(vec![FieldProblem {
            field,
            problem: Problem::PasswordTooSimple,
        }]))
    } else {
        Ok(())
    }
}

/// How long a sign-in waits before the password is checked, given the account's failed
/// sign-ins in the current window from every address. Guessing slows down steeply, but the
/// owner is never refused: a stranger cannot lock them out (OWASP ASVS 5.0, 6.3.1 allows
/// throttling instead of lock-out). Free for the first 4 failures, then 100 ms doubling per
/// failure, at most 3 s.
pub fn sign_in_delay(account_failures: i64) -> std::time::Duration {
    const FREE: i64 = 4;
    if account_failures <= FREE {
        return std::time::Duration::ZERO;
    }
    let doublings = (account_failures - FREE - 1).min(16) as u32;
    std::time::Duration::from_millis((100u64 << doublings).min(3_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaked_passwords_are_on_the_list() {
        assert!(
            COMMON_PASSWORDS.len() >= 10_000,
            "{}",
            COMMON_PASSWORDS.len()
        );
        for leaked in [
            "password",
            "iloveyou",
            "sunshine1",
            "Qwertyuiop",
            "1q2w3e4r5t",
        ] {
            assert!(is_common_password(leaked), "{leaked}");
        }
        for fresh in [
            "oolong-tea-2026",
            "绿茶 tea 2026",
            "correct horse battery staple",
        ] {
            assert!(!is_common_password(fresh), "{fresh}");
        }
    }

    #[test]
    fn staff_sessions_idle_out_sooner() {
        let policy = SessionPolicy::default();
        assert_eq!(policy.idle_for(&[Role::Customer]), 14 * 86_400);
        assert_eq!(policy.idle_for(&[Role::Customer, Role::Operator]), 30 * 60);
        assert_eq!(policy.idle_for(&[Role::Supplier]), 30 * 60);
    }

    #[test]
    fn failed_sign_ins_slow_the_account_down_without_locking_it() {
        assert_eq!(sign_in_delay(0), std::time::Duration::ZERO);
        assert_eq!(sign_in_delay(4), std::time::Duration::ZERO);
        assert_eq!(sign_in_delay(5).as_millis(), 100);
        assert_eq!(sign_in_delay(6).as_millis(), 200);
        assert_eq!(sign_in_delay(9).as_millis(), 1_600);
        assert_eq!(sign_in_delay(10).as_millis(), 3_000);
        assert_eq!(sign_in_delay(1_000_000).as_millis(), 3_000);
    }
}

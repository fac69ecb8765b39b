//! Rate limits: how many attempts one address or one account gets per window, and the one
//! check every server function uses. Policy lives here, beside who may call what.

use crate::db::{rate_limit, Db};
use crate::error::AppError;

// Attempts allowed per window. Per IP they stop one address trying many accounts; per account
// they stop many addresses trying one account.
pub const WINDOW_SECONDS: i64 = 15 * 60;
pub const SIGN_IN_PER_IP: i64 = 30;
/// Failed sign-ins to one account from one address; beyond this that address waits. The
/// account as a whole is only slowed down (`auth::sign_in_delay`), never locked.
pub const SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP: i64 = 8;
pub const REGISTER_PER_IP: i64 = 10;
/// Attempts at one email (probing whether it is taken, or racing its owner).
pub const REGISTER_PER_ACCOUNT: i64 = 5;
/// Orders placed from one address: each reserves stock until paid or expired.
pub const PLACE_ORDER_PER_IP: i64 = 20;
pub const RESET_PER_IP: i64 = 10;
pub const RESET_PER_ACCOUNT: i64 = 3;
/// Reset links tried from one address (guessing tokens costs a hash each otherwise).
pub const RESET_REDEEM_PER_IP: i64 = 20;
/// Current-password checks (changing the password, deleting the account) per account.
pub const PASSWORD_CHECKS_PER_ACCOUNT: i64 = 10;

/// Checking the current password (change, deletion) hashes: limited per account, after the
/// session was checked.
pub(crate) async fn password_check_limit(db: &Db, user_id: i64) -> Result<(), AppError> {
    within_limit(
        db,
        format!("password-check:user:{user_id}"),
        PASSWORD_CHECKS_PER_ACCOUNT,
    )
    .await
}

pub(crate) async fn within_limit(db: &Db, bucket: String, limit: i64) -> Result<(), AppError> {
    if rate_limit::hit(db, &bucket, limit, WINDOW_SECONDS).await? {
        Ok(())
    } else {
        tracing::warn!(%bucket, "rate limit reached");
        Err(AppError::RateLimited(WINDOW_SECONDS))
    }
}

/// Guests' orders reserve stock too: one address cannot hold the shelf empty. Counted in the
/// order's own transaction (`db::order::NewOrder::limit`): orders placed count, and attempts
/// refused for being over the limit.
pub(crate) fn guest_order_limit() -> rate_limit::Limit {
    rate_limit::Limit {
        bucket: format!("place-order:ip:{}", super::client_ip()),
        limit: PLACE_ORDER_PER_IP,
        window_seconds: WINDOW_SECONDS,
    }
}

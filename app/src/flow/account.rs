//! Account services (server only): opening an account and mailing a password-reset link, once
//! the server function has applied the rate limits and checked the input's policy.

use crate::db::{account as repo, Db};
use crate::domain::account::{Email, Field, FieldProblem, Problem, Registration};
use crate::domain::locale::Locale;
use crate::domain::mail::Mail;
use crate::error::AppError;

/// How long a mailed reset link works, in seconds.
pub const RESET_LINK_SECONDS: i64 = 3_600;

/// Opens an account for a valid registration, queues the welcome mail in `locale` (also the
/// member's preferred language) and gives the welcome coupons; returns the new user's id. An email already taken is a field
/// problem (`EmailTaken`).
pub async fn register(
    db: &Db,
    registration: &Registration,
    locale: Locale,
) -> Result<i64, AppError> {
    let hash = crate::auth::hash_password(registration.password.expose().to_string()).await?;
    let user_id = repo::create_user(
        db,
        repo::NewUser {
            email: registration.email.as_str(),
            password_hash: &hash,
            display_name: &registration.display_name,
            phone: &registration.phone,
            preferred_locale: locale.code(),
        },
    )
    .await
    .map_err(|e| match e {
        repo::CreateUserError::EmailTaken => AppError::Invalid(vec![FieldProblem {
            field: Field::Email,
            problem: Problem::EmailTaken,
        }]),
        repo::CreateUserError::Db(e) => e.into(),
    })?;
    crate::db::outbox::enqueue(
        db.pool(),
        registration.email.as_str(),
        locale,
        &Mail::Welcome {
            email: registration.email.as_str().to_string(),
        },
    )
    .await?;
    crate::db::promotion::grant_rewards(
        db,
        user_id,
        crate::domain::promotion::Reward::Welcome,
        crate::db::unix_now(),
    )
    .await?;
    Ok(user_id)
}

/// Mails a reset link (valid `RESET_LINK_SECONDS`) to the account of `email`, in `locale`, at
/// `site_url`; does nothing for an email without an account (the caller answers the same).
pub async fn send_reset_link(
    db: &Db,
    email: &Email,
    site_url: &str,
    locale: Locale,
) -> Result<(), AppError> {
    let Some(user_id) = repo::user_id_by_email(db, email.as_str()).await? else {
        return Ok(());
    };
    let (token, token_hash) = crate::auth::new_token();
    repo::create_password_reset(
        db,
        user_id,
        &token_hash,
        crate::db::unix_now() + RESET_LINK_SECONDS,
    )
    .await?;
    let link = format!(
        "{}{}",
        site_url.trim_end_matches('/'),
        locale.href(&format!("/reset-password?token={token}"))
    );
    crate::db::outbox::enqueue(
        db.pool(),
        email.as_str(),
        locale,
        &Mail::PasswordReset { link },
    )
    .await?;
    Ok(())
}

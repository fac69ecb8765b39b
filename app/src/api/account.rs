//! Signing up, in and out, and passwords. The member center's functions live in `account/`.

pub mod addresses;
pub mod favourites;
pub mod history;
pub mod points;
pub mod privacy;
pub mod profile;

use crate::domain::account::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    auth::limits::{self, password_check_limit, within_limit},
    db::{account as repo, rate_limit, Db},
    domain::account::{
        Email, Field, FieldProblem, NewPassword, Problem, Registration, RegistrationForm,
    },
    domain::navigation::safe_return_path,
};

/// The signed-in user, or None for a guest.
#[server]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    Ok(auth::optional_caller().await?.map(|caller| caller.user))
}

#[server]
pub async fn register(
    email: String,
    password: String,
    display_name: String,
    phone: String,
    // A checkbox: present ("on") when ticked.
    consent: Option<String>,
    next: Option<String>,
) -> Result<SessionUser, AppError> {
    let db = use_db()?;
    within_limit(
        &db,
        format!("register:ip:{}", auth::client_ip()),
        limits::REGISTER_PER_IP,
    )
    .await?;
    let registration = Registration::parse(&RegistrationForm {
        email,
        password,
        display_name,
        phone,
        consent: consent.is_some(),
    })
    .map_err(AppError::Invalid)?;
    auth::refuse_common(&registration.password, Field::Password)?;
    within_limit(
        &db,
        format!("register:account:{}", registration.email.as_str()),
        limits::REGISTER_PER_ACCOUNT,
    )
    .await?;
    let locale = crate::contexts::locale::request_locale();
    let user_id = crate::flow::account::register(&db, &registration, locale).await?;
    auth::start_session(&auth::session()?, user_id, 1).await?;
    crate::api::redirect_plain_form(safe_return_path(
        next.as_deref()
            .filter(|n| !n.is_empty())
            .or(Some("/account")),
    ));
    signed_in_user(&db, user_id).await
}

#[cfg(feature = "ssr")]
async fn signed_in_user(db: &Db, user_id: i64) -> Result<SessionUser, AppError> {
    repo::auth_record(db, user_id)
        .await?
        .map(|record| record.user)
        .ok_or(AppError::NotFound)
}

#[server]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SessionUser, AppError> {
    let db = use_db()?;
    within_limit(
        &db,
        format!("sign-in:ip:{}", auth::client_ip()),
        limits::SIGN_IN_PER_IP,
    )
    .await?;
    // An unparseable email cannot match an account: same answer as a wrong password.
    let email = Email::parse(&email).map_err(|_| AppError::BadCredentials)?;
    // Failures are counted per (account, address) to refuse, and per account to slow down.
    let pair_bucket = format!("sign-in:pair:{}|{}", email.as_str(), auth::client_ip());
    let account_bucket = format!("sign-in:account:{}", email.as_str());
    let window = limits::WINDOW_SECONDS;
    if rate_limit::count(&db, &pair_bucket, window).await?
        >= limits::SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP
    {
        return Err(AppError::RateLimited(window));
    }
    let failures = rate_limit::count(&db, &account_bucket, window).await?;
    tokio::time::sleep(auth::sign_in_delay(failures)).await;
    let credentials = repo::credentials_by_email(&db, email.as_str()).await?;
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    if !auth::verify_password(password, stored_hash).await? {
        rate_limit::hit(&db, &pair_bucket, i64::MAX, window).await?;
        rate_limit::hit(&db, &account_bucket, i64::MAX, window).await?;
        return Err(AppError::BadCredentials);
    }
    let credentials = credentials.expect("a matching password means the account exists");
    rate_limit::reset(&db, &pair_bucket).await?;
    rate_limit::reset(&db, &account_bucket).await?;
    // The member goes on in their preferred language (remembered for their next visits too).
    let preferred = repo::auth_record(&db, credentials.id)
        .await?
        .and_then(|record| crate::i18n::Locale::from_code(&record.preferred_locale));
    if let Some(preferred) = preferred {
        crate::api::remember_language(preferred);
    }
    auth::start_session(&auth::session()?, credentials.id, credentials.auth_version).await?;
    crate::api::redirect_plain_form_in(
        preferred.unwrap_or_else(crate::contexts::locale::request_locale),
        safe_return_path(
            next.as_deref()
                .filter(|n| !n.is_empty())
                .or(Some("/account")),
        ),
    );
    signed_in_user(&db, credentials.id).await
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    auth::end_session(&auth::session()?).await?;
    // Pages kept by the browser for this member go with the session.
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"cache\""),
        );
    }
    crate::api::redirect_plain_form("/");
    Ok(())
}

/// Always answers the same way, so it does not reveal which emails have accounts.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let db = use_db()?;
    within_limit(
        &db,
        format!("reset:ip:{}", auth::client_ip()),
        limits::RESET_PER_IP,
    )
    .await?;
    let Ok(email) = Email::parse(&email) else {
        return Err(AppError::Invalid(vec![FieldProblem {
            field: Field::Email,
            problem: Problem::EmailInvalid,
        }]));
    };
    if !rate_limit::hit(
        &db,
        &format!("reset:account:{}", email.as_str()),
        limits::RESET_PER_ACCOUNT,
        limits::WINDOW_SECONDS,
    )
    .await?
    {
        // Quietly drop: the shopper already has links in their mailbox.
        return Ok(());
    }
    let site = use_context::<crate::contexts::site::SiteUrl>()
        .map(|s| s.0)
        .unwrap_or_default();
    let locale = crate::contexts::locale::request_locale();
    crate::flow::account::send_reset_link(&db, &email, &site, locale).await
}

/// Sets a new password from a mailed link; every session of the account ends.
#[server]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let db = use_db()?;
    within_limit(
        &db,
        format!("reset-redeem:ip:{}", auth::client_ip()),
        limits::RESET_REDEEM_PER_IP,
    )
    .await?;
    let token_hash = auth::token_hash(token.trim());
    // A dead link is answered before any (deliberately slow) hashing.
    if !repo::password_reset_is_open(&db, &token_hash).await? {
        return Err(AppError::NotFound);
    }
    let password = NewPassword::parse(&password, None, Field::Password)
        .map_err(|p| AppError::Invalid(vec![p]))?;
    auth::refuse_common(&password, Field::Password)?;
    let hash = auth::hash_password(password.expose().to_string()).await?;
    repo::redeem_password_reset(&db, &token_hash, &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::api::redirect_plain_form("/sign-in?reset=1");
    Ok(())
}

/// Changes the password after checking the current one. Other devices are signed out; this one
/// continues under a new session id.
#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let db = use_db()?;
    password_check_limit(&db, caller.user_id).await?;
    auth::confirm_password(&db, caller.user_id, current_password).await?;
    let email = Email::parse(&caller.user.email).ok();
    let new_password = NewPassword::parse(&new_password, email.as_ref(), Field::NewPassword)
        .map_err(|p| AppError::Invalid(vec![p]))?;
    auth::refuse_common(&new_password, Field::NewPassword)?;
    let hash = auth::hash_password(new_password.expose().to_string()).await?;
    let auth_version = repo::set_password(&db, caller.user_id, &hash).await?;
    crate::db::session_store::delete_user_sessions(&db, caller.user_id).await?;
    auth::start_session(&auth::session()?, caller.user_id, auth_version).await?;
    Ok(())
}

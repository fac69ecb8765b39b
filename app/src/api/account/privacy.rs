//! "Download my data" and "delete my account".

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::account as repo};

/// Everything we hold about the caller, as pretty-printed JSON.
#[server]
pub async fn export_my_data() -> Result<String, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let data = repo::export(&db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    serde_json::to_string_pretty(&data).map_err(|e| AppError::internal("export", e))
}

/// Anonymises the account after the password is confirmed, and signs out everywhere.
#[server]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let caller = auth::caller().await?;
    let db = use_db()?;
    crate::auth::limits::password_check_limit(&db, caller.user_id).await?;
    auth::confirm_password(&db, caller.user_id, password).await?;
    let avatar = match repo::delete_account(&db, caller.user_id).await? {
        repo::Deletion::Done { avatar } => avatar,
        repo::Deletion::NoAccount => return Err(AppError::Unauthorized),
        repo::Deletion::OrdersOpen => return Err(AppError::OrdersOpen),
    };
    if let (Some(path), Some(media)) = (avatar, use_context::<crate::api::MediaDir>()) {
        // The row no longer points at the file; a failed removal only leaves an orphan.
        let _ = tokio::fs::remove_file(media.0.join(path)).await;
    }
    auth::end_session(&auth::session()?).await?;
    crate::api::redirect_plain_form("/goodbye");
    Ok(())
}

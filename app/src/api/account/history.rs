//! Browsing history, recorded for signed-in shoppers and cleared on request.

use crate::domain::account::SavedProduct;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::{account as repo, unix_now},
};

#[server]
pub async fn list_history() -> Result<Vec<SavedProduct>, AppError> {
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let caller = auth::caller().await?;
    Ok(repo::history(&db, caller.user_id, locale).await?)
}

/// Records that the caller viewed a product (a guest's views stay in their browser).
#[server]
pub async fn record_view(product_id: i64) -> Result<(), AppError> {
    let Some(caller) = auth::optional_caller().await? else {
        return Ok(());
    };
    let db = use_db()?;
    let guest = crate::domain::account::GuestState {
        favourites: Vec::new(),
        history: vec![(product_id, unix_now())],
    };
    Ok(repo::merge_guest_state(&db, caller.user_id, &guest).await?)
}

#[server]
pub async fn clear_history() -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::clear_history(&db, caller.user_id).await?)
}

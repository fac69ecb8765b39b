//! Favourites, and folding a guest's browser-kept favourites and history into the account.

use crate::domain::account::{GuestState, SavedProduct};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::account as repo};

#[server]
pub async fn favourite_ids() -> Result<Vec<i64>, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::favourite_ids(&db, caller.user_id).await?)
}

#[server]
pub async fn set_favourite(product_id: i64, on: bool) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    if repo::set_favourite(&db, caller.user_id, product_id, on).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[server]
pub async fn list_favourites() -> Result<Vec<SavedProduct>, AppError> {
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let caller = auth::caller().await?;
    Ok(repo::favourites(&db, caller.user_id, locale).await?)
}

/// JSON in: the lists are nested, which form encoding does not carry well.
#[server(input = leptos::server_fn::codec::Json)]
pub async fn merge_guest_state(guest: GuestState) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::merge_guest_state(&db, caller.user_id, &guest).await?)
}

//! The address book. Ids come from the browser, so every change is scoped to the caller's rows:
//! someone else's address id is simply not found.

use crate::domain::account::AddressView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::account::{self as repo, AddressChange},
    domain::account::{AddressForm, ValidAddress},
};

#[cfg(feature = "ssr")]
fn outcome(change: AddressChange) -> Result<i64, AppError> {
    match change {
        AddressChange::Done(id) => Ok(id),
        AddressChange::NotFound => Err(AppError::NotFound),
        AddressChange::TooMany => Err(crate::error::Refusal::TooManyAddresses.into()),
    }
}

#[server]
pub async fn list_addresses() -> Result<Vec<AddressView>, AppError> {
    let (db, locale) = (use_db()?, crate::contexts::locale::request_locale());
    let caller = auth::caller().await?;
    Ok(repo::addresses(&db, caller.user_id, locale).await?)
}

/// Adds an address (no `id`) or changes one of the caller's (with `id`). Returns its id.
#[server]
pub async fn save_address(
    id: Option<i64>,
    recipient: String,
    phone: String,
    region: String,
    city: String,
    detail: String,
    postal_code: String,
) -> Result<i64, AppError> {
    let caller = auth::caller().await?;
    let address = ValidAddress::parse(&AddressForm {
        recipient,
        phone,
        region,
        city,
        detail,
        postal_code,
    })
    .map_err(AppError::Invalid)?;
    let db = use_db()?;
    outcome(match id {
        None => repo::add_address(&db, caller.user_id, &address).await?,
        Some(id) => repo::update_address(&db, caller.user_id, id, &address).await?,
    })
}

#[server]
pub async fn delete_address(id: i64) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    outcome(repo::delete_address(&db, caller.user_id, id).await?)
}

#[server]
pub async fn set_default_address(id: i64) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    outcome(repo::set_default_address(&db, caller.user_id, id).await?)
}

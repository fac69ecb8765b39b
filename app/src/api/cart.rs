//! The cart. A member's cart is on the server (shared by their devices); a guest's is in the
//! browser and sent along to be priced, then merged into the account at sign-in.

use crate::domain::cart::{CartLine, CartView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, contexts::locale::request_locale, db::cart as repo};

/// The cart as the page shows it: the member's own, or the guest's `guest_lines` priced.
#[server(input = Json)]
pub async fn get_cart(guest_lines: Vec<CartLine>) -> Result<CartView, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    let lines = match auth::optional_caller().await? {
        Some(caller) => repo::lines(&db, caller.user_id).await?,
        None => guest_lines,
    };
    Ok(repo::view(&db, locale, &lines).await?)
}

#[server]
pub async fn add_to_cart(sku_id: i64, quantity: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    if repo::add(&db, caller.user_id, sku_id, quantity).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Sets a line's quantity; 0 removes it.
#[server]
pub async fn set_cart_quantity(sku_id: i64, quantity: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    if repo::set_quantity(&db, caller.user_id, sku_id, quantity).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[server(input = Json)]
pub async fn merge_guest_cart(lines: Vec<CartLine>) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::merge(&db, caller.user_id, &lines).await?)
}

//! The cart. A member's cart is on the server (shared by their devices); a guest's is in the
//! browser and sent along to be priced, then merged into the account at sign-in. Every quantity
//! that comes in is 1..=99 (0 removes a line where that is said); anything else is refused with
//! `Refusal::QuantityOutOfRange`.

use crate::domain::cart::{CartLine, CartView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::{
    api::use_db, auth, contexts::locale::request_locale, db::cart as repo,
    domain::cart::parse_quantity,
};

/// The cart as the page shows it: the member's own, or the guest's `guest_lines` priced. Lines
/// wanting more than is left are reduced to the stock (and a member's cart keeps the reduction).
#[server(input = Json)]
pub async fn get_cart(guest_lines: Vec<CartLine>) -> Result<CartView, AppError> {
    let (db, locale) = (use_db()?, request_locale());
    match auth::optional_caller().await? {
        Some(caller) => {
            let lines = repo::lines(&db, caller.user_id).await?;
            let view = repo::view(&db, locale, &lines, Some(caller.user_id)).await?;
            repo::keep_reductions(&db, caller.user_id, &view).await?;
            Ok(view)
        }
        None => {
            crate::domain::cart::parse_lines(&guest_lines)?;
            Ok(repo::view(&db, locale, &guest_lines, None).await?)
        }
    }
}

#[server]
pub async fn add_to_cart(sku_id: i64, quantity: i64) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    let quantity = parse_quantity(quantity)?;
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
    let quantity = if quantity == 0 {
        0
    } else {
        parse_quantity(quantity)?
    };
    if repo::set_quantity(&db, caller.user_id, sku_id, quantity).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Folds the guest cart `lines` into the caller's, once per `merge_id` (made by the browser with
/// the guest cart; a second tab or a retry with the same id changes nothing). Returns whether
/// this call merged them.
#[server(input = Json)]
pub async fn merge_guest_cart(merge_id: String, lines: Vec<CartLine>) -> Result<bool, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    crate::domain::cart::parse_lines(&lines)?;
    if !crate::domain::payment::is_token(&merge_id) {
        return Err(crate::error::Refusal::CartChanged.into());
    }
    Ok(repo::merge(&db, caller.user_id, &merge_id, &lines).await?)
}

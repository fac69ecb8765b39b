//! Coupons as shoppers meet them: the coupon centre, claiming (from the centre or by code) and
//! the member's own copies. Claiming needs a member; refusals are `Refusal::Coupon` with the
//! reason (sold out, limit reached, not yet open, level too low, no such code).

use crate::domain::promotion::CouponView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::use_db, auth, db::promotion as repo, db::unix_now, error::Refusal};

/// The coupon centre: coupons open for claiming now, with copies left and whether the caller
/// may claim one (guests see them too and are asked to sign in); scopes named in `locale`.
#[server]
pub async fn coupon_centre(
    #[server(default)] locale: crate::i18n::Locale,
) -> Result<Vec<CouponView>, AppError> {
    let db = use_db()?;
    let caller = auth::optional_caller().await?;
    Ok(repo::centre(&db, caller.map(|c| c.user_id), locale, unix_now()).await?)
}

/// Claims one copy of `coupon_id` from the coupon centre for the caller: the copy's id. A
/// coupon not in the centre (claimed by code, or given) is `NotFound` here.
#[server]
pub async fn claim_coupon(coupon_id: i64) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    repo::claim_from_centre(&db, caller.user_id, coupon_id, unix_now())
        .await?
        .map_err(|refusal| Refusal::Coupon(refusal).into())
}

/// Claims the coupon whose code the caller typed (case and spaces ignored): the copy's id.
#[server]
pub async fn claim_coupon_code(code: String) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    repo::claim_code(&db, caller.user_id, &code, unix_now())
        .await?
        .map_err(|refusal| Refusal::Coupon(refusal).into())
}

/// The caller's copies: usable, used and expired; scopes named in `locale`.
#[server]
pub async fn my_coupons(
    #[server(default)] locale: crate::i18n::Locale,
) -> Result<Vec<CouponView>, AppError> {
    let db = use_db()?;
    let caller = auth::caller().await?;
    Ok(repo::my_coupons(&db, caller.user_id, locale, unix_now()).await?)
}

//! Promotions in the back office (the marketing permission): every 滿減, coupon and flash sale
//! with its report, creating them, and pausing, resuming or ending them. Form problems come back as
//! `AppError::Invalid`, each naming its field.

use crate::domain::promotion::flash_sale::{AdminFlashSale, FlashSaleForm};
use crate::domain::promotion::form::CouponForm;
use crate::domain::promotion::member_price::{AdminMemberPrice, MemberPriceForm};
use crate::domain::promotion::report::{AdminCoupon, AdminReduction};
use crate::domain::promotion::segment::GivenCoupons;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    api::use_db,
    auth,
    db::promotion::admin::{self as repo, Change, CouponError, PromotionKind},
    db::promotion::flash_sale::{self as flash_repo, FlashSaleError},
    db::unix_now,
    domain::{promotion::form::ReductionForm, staff::Permission},
};

/// Every promotion, the newest first in each kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionsView {
    pub reductions: Vec<AdminReduction>,
    pub coupons: Vec<AdminCoupon>,
    #[serde(default)]
    pub flash_sales: Vec<AdminFlashSale>,
    /// The order the pricing stages run in.
    #[serde(default)]
    pub stacking_order: crate::domain::promotion::StackingOrder,
    /// Member prices per SKU and level, by SKU code.
    #[serde(default)]
    pub member_prices: Vec<AdminMemberPrice>,
}

/// `locale`: the language of the flash sales' product names (the shop's default when absent).
#[server]
pub async fn admin_promotions(
    #[server(default)] locale: crate::i18n::Locale,
) -> Result<PromotionsView, AppError> {
    let db = use_db()?;
    auth::staff_with(Permission::Marketing).await?;
    let now = unix_now();
    Ok(PromotionsView {
        reductions: repo::reductions(&db, locale, now).await?,
        coupons: repo::coupons(&db, locale, now).await?,
        flash_sales: flash_repo::admin_flash_sales(&db, locale, now).await?,
        stacking_order: crate::db::promotion::stacking_order(&db).await?,
        member_prices: crate::db::promotion::member_price::admin_member_prices(&db, locale).await?,
    })
}

/// Creates a 滿減: `tiers` as "threshold:off" pairs in yuan ("299:30, 599:80"), `starts` and
/// `ends` in shop time ("2026-12-01T09:00"), `scope` and `scope_keys` the goods it covers (all
/// goods when absent; see `ScopeChoice`), `include_flash` non-empty when flash-sale lines count
/// too. Returns its id.
#[server]
pub async fn create_full_reduction(
    name: String,
    tiers: String,
    starts: String,
    ends: String,
    #[server(default)] scope: String,
    #[server(default)] scope_keys: String,
    #[server(default)] include_flash: String,
) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let covered = crate::db::promotion::resolve_scope(&db, &scope, &scope_keys).await?;
    let valid = ReductionForm {
        name,
        tiers,
        starts,
        ends,
        scope,
        scope_keys,
        include_flash,
    }
    .parse(covered)
    .map_err(AppError::Invalid)?;
    Ok(repo::create_reduction(&db, &caller.audit_actor(), &valid).await?)
}

/// Creates a coupon as typed in the back office's form (see `CouponForm`; its scope's keys
/// are looked up, `ScopeUnknown` when one is not found). Returns its id.
#[server]
pub async fn create_coupon(form: CouponForm) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let covered = crate::db::promotion::resolve_scope(&db, &form.scope, &form.scope_keys).await?;
    let valid = form.parse(covered).map_err(AppError::Invalid)?;
    match repo::create_coupon(&db, &caller.audit_actor(), &valid).await {
        Ok(id) => Ok(id),
        Err(CouponError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(CouponError::Db(e)) => Err(e.into()),
    }
}

/// Creates a flash sale as typed in the back office's form (see `FlashSaleForm`), taking its
/// flash stock out of normal stock. Returns its id; problems name the field (`FlashItems` for
/// an unknown SKU, a price not below the SKU's, stock short, or an overlapping slot).
#[server]
pub async fn create_flash_sale(form: FlashSaleForm) -> Result<i64, AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    match flash_repo::create_flash_sale(&db, &caller.audit_actor(), &valid, unix_now()).await {
        Ok(id) => Ok(id),
        Err(FlashSaleError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(FlashSaleError::Db(e)) => Err(e.into()),
    }
}

/// Gives a copy of coupon `coupon_id` to every member of `segment` ("all", "tier:gold",
/// "new:30", "lapsed:90"; see `Segment`) under the claiming rules: what it did. `NotFound` for no
/// such coupon; `Invalid` at the field `Segment` for an unknown group (`SegmentInvalid`) or a
/// coupon not open for claiming (`CouponNotOpen`). Audited.
#[server]
pub async fn give_coupon(coupon_id: i64, segment: String) -> Result<GivenCoupons, AppError> {
    use crate::db::promotion::segment::{self as segments, GiveError};
    use crate::domain::form::{problem, Field, Problem};
    use crate::domain::promotion::segment::Segment;
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let segment = Segment::parse(&segment)
        .ok_or_else(|| AppError::Invalid(vec![problem(Field::Segment, Problem::SegmentInvalid)]))?;
    match segments::give_coupon(&db, &caller.audit_actor(), coupon_id, segment, unix_now()).await {
        Ok(given) => Ok(given),
        Err(GiveError::NotFound) => Err(AppError::NotFound),
        Err(GiveError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(GiveError::Db(e)) => Err(e.into()),
    }
}

/// Sets the price members of a level and above pay for a SKU (see `MemberPriceForm`),
/// replacing the one set before; quotes use it at once. Problems name the field: the SKU code
/// (`SkuCodeUnknown`), the level, or the price (`PriceInvalid`, `MemberPriceNotLower`). Audited.
#[server]
pub async fn set_member_price(form: MemberPriceForm) -> Result<(), AppError> {
    use crate::db::promotion::member_price::{self as member_prices, MemberPriceError};
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    match member_prices::set_member_price(&db, &caller.audit_actor(), &valid, unix_now()).await {
        Ok(()) => Ok(()),
        Err(MemberPriceError::Invalid(problem)) => Err(AppError::Invalid(vec![problem])),
        Err(MemberPriceError::Db(e)) => Err(e.into()),
    }
}

/// Removes the member price of SKU `sku_code` for level `tier` ("silver"); its members then pay
/// a lower level's member price if one is set, else get their level's discount. `NotFound`
/// when there is none. Audited.
#[server]
pub async fn remove_member_price(sku_code: String, tier: String) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let tier = crate::domain::account::MemberTier::parse(&tier).ok_or(AppError::NotFound)?;
    let removed = crate::db::promotion::member_price::remove_member_price(
        &db,
        &caller.audit_actor(),
        &sku_code,
        tier,
    )
    .await?;
    if removed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Pauses, resumes or ends a promotion: `kind` is "full_reduction", "coupon" or "flash_sale"
/// (ending one returns its flash stock left), `change`
/// "pause", "resume" or "end". `NotFound` for no such promotion, or one already ended.
#[server]
pub async fn change_promotion(kind: String, id: i64, change: String) -> Result<(), AppError> {
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let kind = match kind.as_str() {
        "full_reduction" => PromotionKind::FullReduction,
        "coupon" => PromotionKind::Coupon,
        "flash_sale" => PromotionKind::FlashSale,
        _ => return Err(AppError::NotFound),
    };
    let change = match change.as_str() {
        "pause" => Change::Pause,
        "resume" => Change::Resume,
        "end" => Change::End,
        _ => return Err(AppError::NotFound),
    };
    if repo::change(&db, &caller.audit_actor(), kind, id, change, unix_now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Sets the order the pricing stages run in: `order` names each of "member_price",
/// "flash_sale", "full_reduction", "coupon" and "points" once, comma-separated; anything else
/// is refused at the field `StackingOrder`. Quotes use it at once; audited.
#[server]
pub async fn set_stacking_order(order: String) -> Result<(), AppError> {
    use crate::domain::form::{problem, Field, Problem};
    let db = use_db()?;
    let caller = auth::staff_with(Permission::Marketing).await?;
    let order = crate::domain::promotion::StackingOrder::parse(&order).ok_or_else(|| {
        AppError::Invalid(vec![problem(
            Field::StackingOrder,
            Problem::StackingOrderInvalid,
        )])
    })?;
    Ok(crate::db::promotion::set_stacking_order(&db, &caller.audit_actor(), &order).await?)
}

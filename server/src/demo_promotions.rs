//! Demo promotions, so a fresh shop shows how discounts stack: a 滿減 running all year,
//! coupons to claim in the coupon centre and one to claim by code, and a weekly member day.

use app::db::promotion::{create_coupon, create_member_day, create_reduction};
use app::db::{unix_now, Db};
use app::domain::account::MemberTier;
use app::domain::money::Money;
use app::domain::promotion::form::ValidCoupon;
use app::domain::promotion::member_day::{MemberDay, MemberDayRule};
use app::domain::promotion::{CouponKind, CouponTerms, Reward, Scope, Tier, Validity};

const YEAR: i64 = 365 * 86_400;

/// Creates the demo promotions unless some exist already: how many were created.
pub async fn seed_demo_promotions(db: &Db) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM full_reductions")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let now = unix_now();
    let window = (now - 86_400, now + YEAR);
    create_reduction(
        db,
        "滿 299 減 30 / 滿 599 減 80",
        &Scope::All,
        &[
            Tier {
                threshold: Money::from_yuan(299),
                off: Money::from_yuan(30),
            },
            Tier {
                threshold: Money::from_yuan(599),
                off: Money::from_yuan(80),
            },
        ],
        window,
    )
    .await?;
    let coupon = |name: &str, kind, min_spend, min_tier, code: Option<&str>| ValidCoupon {
        name: name.to_string(),
        terms: CouponTerms {
            kind,
            min_spend: Money::from_yuan(min_spend),
            scope: Scope::All,
            include_flash: false,
            min_tier,
        },
        validity: Validity::DaysAfterClaim(30),
        claim_window: window,
        total_quantity: 10_000,
        per_member_limit: 1,
        code: code.map(str::to_string),
        reward: None,
    };
    let coupons = [
        coupon(
            "¥20 off over ¥200",
            CouponKind::AmountOff {
                off: Money::from_yuan(20),
            },
            200,
            MemberTier::Bronze,
            None,
        ),
        coupon(
            "10% off up to ¥50, Silver and above",
            CouponKind::PercentOff {
                rate_bp: 1_000,
                cap: Money::from_yuan(50),
            },
            100,
            MemberTier::Silver,
            None,
        ),
        coupon(
            "Free shipping",
            CouponKind::FreeShipping,
            0,
            MemberTier::Bronze,
            None,
        ),
        coupon(
            "Code WELCOME10",
            CouponKind::AmountOff {
                off: Money::from_yuan(10),
            },
            50,
            MemberTier::Bronze,
            Some("WELCOME10"),
        ),
    ];
    for new in &coupons {
        create_coupon(db, new).await?;
    }
    // Every new account gets ¥15 off its first ¥99.
    let mut welcome = coupon(
        "Welcome gift",
        CouponKind::AmountOff {
            off: Money::from_yuan(15),
        },
        99,
        MemberTier::Bronze,
        None,
    );
    welcome.reward = Some(Reward::Welcome);
    create_coupon(db, &welcome).await?;
    // Wednesdays: Silver members and above get 5 % more off and double points.
    create_member_day(
        db,
        "會員日 Wednesdays",
        &MemberDay {
            id: 0,
            rule: MemberDayRule::Weekday(3),
            rate_bp: 500,
            points_percent: 200,
            min_tier: MemberTier::Silver,
            starts_at: window.0,
            ends_at: window.1,
        },
    )
    .await?;
    Ok(3 + coupons.len())
}

//! Demo promotions, so a fresh shop shows how discounts stack: a 滿減 running all year,
//! coupons to claim in the coupon centre (one for tea and coffee only) and one to claim by code,
//! welcome, birthday and level-up gifts, a thank-you for the back office to give, a weekly
//! member day, member prices on two SKUs, and two 限時秒殺 flash sales (one running, one
//! starting within the hour).

use app::db::promotion::flash_sale::create_flash_sale;
use app::db::promotion::member_price::set_member_price;
use app::db::promotion::{create_coupon, create_member_day, create_reduction, resolve_scope};
use app::db::{unix_now, Db};
use app::domain::account::MemberTier;
use app::domain::audit::AuditActor;
use app::domain::money::Money;
use app::domain::promotion::flash_sale::{FlashItemInput, ValidFlashSale};
use app::domain::promotion::form::ValidCoupon;
use app::domain::promotion::member_day::{MemberDay, MemberDayRule};
use app::domain::promotion::member_price::ValidMemberPrice;
use app::domain::promotion::{CouponKind, CouponTerms, Reward, Scope, Tier, Validity};

const YEAR: i64 = 365 * 86_400;

/// Creates the demo promotions unless some exist already: how many were created.
pub async fn seed_demo_promotions(db: &Db) -> anyhow::Result<usize> {
    let flash = seed_demo_flash_sales(db).await?;
    // Each has its own check, so a shop seeded before they existed gets them.
    let targeted = seed_demo_scoped_coupons(db).await? + seed_demo_member_prices(db).await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM full_reductions")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(flash + targeted);
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
    // ¥30 off ¥150 on a member's birthday (ten years of them), and ¥50 off ¥300 on reaching Gold.
    let mut birthday = coupon(
        "Birthday gift",
        CouponKind::AmountOff {
            off: Money::from_yuan(30),
        },
        150,
        MemberTier::Bronze,
        None,
    );
    birthday.reward = Some(Reward::Birthday);
    birthday.per_member_limit = 10;
    create_coupon(db, &birthday).await?;
    let mut gold = coupon(
        "Welcome to Gold",
        CouponKind::AmountOff {
            off: Money::from_yuan(50),
        },
        300,
        MemberTier::Gold,
        None,
    );
    gold.reward = Some(Reward::LevelUp);
    create_coupon(db, &gold).await?;
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
    Ok(flash + targeted + 5 + coupons.len())
}

/// Two flash sales unless some exist: one running for two days (four SKUs at 70 % of their
/// price, 20 units each, 2 per member) and one starting in 45 minutes for two hours (two SKUs,
/// 1 per member). The SKUs are well-stocked ones of products not featured and not among the
/// named demo products the browser tests buy. How many were created.
async fn seed_demo_flash_sales(db: &Db) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM flash_sales")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    #[derive(sqlx::FromRow)]
    struct Candidate {
        code: String,
        price: i64,
    }
    let candidates: Vec<Candidate> = sqlx::query_as(
        "SELECT s.code, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND s.status = 'active' AND p.featured = 0 \
           AND p.slug NOT LIKE '%obsidian%' AND s.stock >= 60 AND s.price >= 3000 \
           AND s.id = (SELECT MIN(s2.id) FROM skus s2 WHERE s2.product_id = p.id) \
         ORDER BY p.id LIMIT 6",
    )
    .fetch_all(db.pool())
    .await?;
    if candidates.len() < 6 {
        return Ok(0);
    }
    let item = |c: &Candidate, quantity| FlashItemInput {
        sku_code: c.code.clone(),
        // 70 % of the price, down to a whole ten fen.
        price: Money::from_fen(c.price * 7 / 10 / 10 * 10),
        quantity,
    };
    let now = unix_now();
    let seeder = AuditActor {
        user_id: 0,
        email: "seed".into(),
    };
    let slots = [
        ValidFlashSale {
            name: "限時秒殺 · Flash sale".into(),
            window: (now - 3600, now + 2 * 86_400),
            per_member_limit: 2,
            items: candidates[..4].iter().map(|c| item(c, 20)).collect(),
        },
        ValidFlashSale {
            name: "下一場 · Next flash sale".into(),
            window: (now + 45 * 60, now + 45 * 60 + 2 * 3600),
            per_member_limit: 1,
            items: candidates[4..].iter().map(|c| item(c, 10)).collect(),
        },
    ];
    for slot in &slots {
        if let Err(error) = create_flash_sale(db, &seeder, slot, now).await {
            anyhow::bail!("demo flash sale {}: {error}", slot.name);
        }
    }
    Ok(slots.len())
}

const DRINKS: &str = "Tea & coffee ¥8";
const THANKS: &str = "Thank-you ¥25";

/// Two coupons unless they exist: one in the coupon centre for tea and coffee only, and a
/// thank-you the back office gives to a group of members. How many were created.
async fn seed_demo_scoped_coupons(db: &Db) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM coupons WHERE name IN ($1, $2)")
        .bind(DRINKS)
        .bind(THANKS)
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let now = unix_now();
    let coupon = |name: &str, off: i64, min_spend: i64| ValidCoupon {
        name: name.to_string(),
        terms: CouponTerms {
            kind: CouponKind::AmountOff {
                off: Money::from_yuan(off),
            },
            min_spend: Money::from_yuan(min_spend),
            scope: Scope::All,
            include_flash: false,
            min_tier: MemberTier::Bronze,
        },
        validity: Validity::DaysAfterClaim(30),
        claim_window: (now - 86_400, now + YEAR),
        total_quantity: 10_000,
        per_member_limit: 1,
        code: None,
        reward: None,
    };
    let mut drinks = coupon(DRINKS, 8, 60);
    drinks.terms.scope = match resolve_scope(db, "categories", "tea, coffee").await? {
        Ok(scope) => scope,
        Err(problem) => anyhow::bail!("demo scope: {problem:?}"),
    };
    create_coupon(db, &drinks).await?;
    let mut thanks = coupon(THANKS, 25, 250);
    thanks.reward = Some(Reward::Segment);
    create_coupon(db, &thanks).await?;
    Ok(2)
}

/// Member prices on two well-stocked SKUs the browser tests do not buy: Silver members pay 90 %
/// and Gold members 85 % of the price (instead of their 5 % and 8 % level discounts), unless
/// member prices exist. How many were set.
async fn seed_demo_member_prices(db: &Db) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_prices")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let skus: Vec<(String, i64)> = sqlx::query_as(
        "SELECT s.code, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.status = 'active' AND s.status = 'active' AND p.featured = 0 \
           AND p.slug NOT LIKE '%obsidian%' AND s.stock >= 60 AND s.price >= 3000 \
           AND s.id = (SELECT MIN(s2.id) FROM skus s2 WHERE s2.product_id = p.id) \
           AND s.id NOT IN (SELECT sku_id FROM flash_sale_items) \
         ORDER BY p.id DESC LIMIT 2",
    )
    .fetch_all(db.pool())
    .await?;
    let seeder = AuditActor {
        user_id: 0,
        email: "seed".into(),
    };
    let mut set = 0;
    for (code, price) in &skus {
        for (tier, percent) in [(MemberTier::Silver, 90), (MemberTier::Gold, 85)] {
            let valid = ValidMemberPrice {
                sku_code: code.clone(),
                tier,
                price: Money::from_fen(price * percent / 100 / 10 * 10),
            };
            if let Err(error) = set_member_price(db, &seeder, &valid, unix_now()).await {
                anyhow::bail!("demo member price {code}: {error}");
            }
            set += 1;
        }
    }
    Ok(set)
}

//! Promotions on both databases: coupons claimed by many members at once, one coupon used by
//! two checkouts at once, points redeemed and given back, the explanation kept with the order,
//! and a total that changed refused rather than charged.

use crate::helpers::{account_actor, place_order_with};
use crate::test_app::TestApp;
use app::db::order::PlaceOutcome;
use app::db::promotion;
use app::db::{unix_now, Db};
use app::domain::account::MemberTier;
use app::domain::locale::Locale;
use app::domain::money::Money;
use app::domain::pricing::{Adjustment, Discount};
use app::domain::promotion::form::ValidCoupon;
use app::domain::promotion::{CouponKind, CouponRefusal, CouponTerms, Scope, Tier, Validity};

fn amount_off(off_yuan: i64, min_spend_yuan: i64, quantity: i64, per_member: i64) -> ValidCoupon {
    let now = unix_now();
    ValidCoupon {
        name: format!("¥{off_yuan} off"),
        terms: CouponTerms {
            kind: CouponKind::AmountOff {
                off: Money::from_yuan(off_yuan),
            },
            min_spend: Money::from_yuan(min_spend_yuan),
            scope: Scope::All,
            include_flash: false,
            min_tier: MemberTier::Bronze,
        },
        validity: Validity::DaysAfterClaim(7),
        claim_window: (now - 60, now + 3600),
        total_quantity: quantity,
        per_member_limit: per_member,
        code: None,
        reward: None,
    }
}

async fn members(db: &Db, prefix: &str, count: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for n in 0..count {
        ids.push(
            account_actor(db, &format!("{prefix}{n}@example.com"))
                .await
                .user_id,
        );
    }
    ids
}

/// A SKU of the platform's own goods with plenty of stock, and its price (fen).
pub(crate) async fn stocked_sku(db: &Db) -> (i64, i64) {
    let (sku_id, price): (i64, i64) = sqlx::query_as(
        "SELECT s.id, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.owner_id IS NULL AND p.status = 'active' AND s.status = 'active' \
         AND s.price BETWEEN 5000 AND 30000 ORDER BY s.id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(app::db::stock::restock_to(db, sku_id, 500).await.unwrap());
    (sku_id, price)
}

/// Awaits tasks spawned together (all are started before the first is awaited).
pub(crate) async fn join_all<T>(
    tasks: impl IntoIterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let started: Vec<_> = tasks.into_iter().collect();
    let mut answers = Vec::with_capacity(started.len());
    for task in started {
        answers.push(task.await);
    }
    answers
}

async fn balance(db: &Db, user_id: i64) -> i64 {
    sqlx::query_scalar("SELECT points_balance FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn claiming_at_once_issues_exactly_the_quantity_and_the_member_limit() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let db = t.db().clone();
        let coupon = promotion::create_coupon(&db, &amount_off(5, 0, 5, 1))
            .await
            .unwrap();
        let ids = members(&db, "rush", 12).await;
        let now = unix_now();
        let claims = ids.iter().map(|user_id| {
            let db = db.clone();
            let user_id = *user_id;
            tokio::spawn(async move { promotion::claim(&db, user_id, coupon, now).await })
        });
        let mut won = 0;
        let mut sold_out = 0;
        for claim in join_all(claims).await {
            match claim.unwrap().unwrap() {
                Ok(_) => won += 1,
                Err(CouponRefusal::SoldOut) => sold_out += 1,
                Err(other) => panic!("{backend}: {other:?}"),
            }
        }
        assert_eq!((won, sold_out), (5, 7), "{backend}");
        let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_coupons")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(issued, 5, "{backend}");

        // One member pressing "Claim" eight times at once gets the per-member limit.
        let limited = promotion::create_coupon(&db, &amount_off(5, 0, 100, 2))
            .await
            .unwrap();
        let eager = ids[0];
        let claims = (0..8).map(|_| {
            let db = db.clone();
            tokio::spawn(async move { promotion::claim(&db, eager, limited, now).await })
        });
        let results: Vec<_> = join_all(claims)
            .await
            .into_iter()
            .map(|r| r.unwrap().unwrap())
            .collect();
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 2, "{backend}");
        assert!(
            results
                .iter()
                .all(|r| matches!(r, Ok(_) | Err(CouponRefusal::LimitReached))),
            "{backend}: {results:?}"
        );
        let claimed: i64 = sqlx::query_scalar("SELECT claimed FROM coupons WHERE id = $1")
            .bind(limited)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(claimed, 2, "{backend}: refused claims give their copy back");

        // Codes are read without case or spaces; unknown codes and closed windows say why.
        let mut coded = amount_off(8, 0, 10, 1);
        coded.code = Some("TEA8".into());
        promotion::create_coupon(&db, &coded).await.unwrap();
        assert!(promotion::claim_code(&db, ids[1], " tea 8 ", now)
            .await
            .unwrap()
            .is_ok());
        assert_eq!(
            promotion::claim_code(&db, ids[1], "NOPE", now)
                .await
                .unwrap(),
            Err(CouponRefusal::NotFound)
        );
        assert_eq!(
            promotion::claim(&db, ids[1], limited, now + 7200)
                .await
                .unwrap(),
            Err(CouponRefusal::Expired),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_coupon_used_by_two_checkouts_at_once_is_used_once() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let coupon = promotion::create_coupon(&db, &amount_off(10, 0, 10, 1))
            .await
            .unwrap();
        let user_id = members(&db, "twice", 1).await[0];
        let copy = promotion::claim(&db, user_id, coupon, unix_now())
            .await
            .unwrap()
            .unwrap();
        let attempts = ["tab-one", "tab-two"].map(|token| {
            let db = db.clone();
            tokio::spawn(async move {
                place_order_with(
                    &db,
                    token,
                    Some(user_id),
                    &[(sku_id, 1)],
                    1800,
                    &[copy],
                    0,
                    None,
                )
                .await
            })
        });
        let outcomes: Vec<PlaceOutcome> = join_all(attempts)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let placed: Vec<_> = outcomes
            .iter()
            .filter_map(|o| match o {
                PlaceOutcome::Placed(order) => Some(order.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(placed.len(), 1, "{backend}: {outcomes:?}");
        assert!(
            outcomes.contains(&PlaceOutcome::Coupon(CouponRefusal::Used)),
            "{backend}: {outcomes:?}"
        );
        // The order paid the price less the coupon (shipping is free over ¥99 or charged).
        let (subtotal, discount): (i64, i64) =
            sqlx::query_as("SELECT subtotal, discount FROM orders WHERE id = $1")
                .bind(placed[0].id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!((subtotal, discount), (price, 1_000), "{backend}");
        let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(orders, 1, "{backend}: the refused checkout wrote nothing");
        t.close().await;
    }
}

#[tokio::test]
async fn points_are_redeemed_and_given_back_with_the_coupon_on_cancellation() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let user_id = members(&db, "points", 1).await[0];
        app::db::account::add_points(&db, user_id, 2_000, "welcome")
            .await
            .unwrap();
        let coupon = promotion::create_coupon(&db, &amount_off(5, 0, 10, 1))
            .await
            .unwrap();
        let copy = promotion::claim(&db, user_id, coupon, unix_now())
            .await
            .unwrap()
            .unwrap();
        // Two units: half the goods always covers the points' ¥15.
        let placed = place_order_with(
            &db,
            "points-order",
            Some(user_id),
            &[(sku_id, 2)],
            1800,
            &[copy],
            1_500,
            None,
        )
        .await;
        let PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        assert_eq!(balance(&db, user_id).await, 500, "{backend}");
        let (points_used, discount, pricing): (i64, i64, String) =
            sqlx::query_as("SELECT points_used, discount, pricing FROM orders WHERE id = $1")
                .bind(order.id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!((points_used, discount), (1_500, 500 + 1_500), "{backend}");
        // The explanation is kept as shown, and the lines carry their shares.
        let steps: Vec<Adjustment> = serde_json::from_str(&pricing).unwrap();
        assert!(
            matches!(steps[0].discount, Discount::Coupon { member_coupon_id, .. } if member_coupon_id == copy)
        );
        assert_eq!(steps[1].discount, Discount::Points { points: 1_500 });
        let line_discounts: i64 = sqlx::query_scalar(
            "SELECT CAST(SUM(discount) AS BIGINT) FROM order_items WHERE order_id = $1",
        )
        .bind(order.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(line_discounts, discount, "{backend}");
        assert_eq!(
            order.total.fen(),
            2 * price - discount + shipping(2 * price - discount)
        );
        assert!(promotion::usable(&db, user_id, unix_now())
            .await
            .unwrap()
            .is_empty());

        app::db::order::lifecycle::cancel(&db, order.id, "shopper", "changed my mind")
            .await
            .unwrap();
        assert_eq!(balance(&db, user_id).await, 2_000, "{backend}");
        // Cancelling again changes nothing; the coupon is usable again.
        let _ = app::db::order::lifecycle::cancel(&db, order.id, "shopper", "again").await;
        assert_eq!(balance(&db, user_id).await, 2_000, "{backend}");
        let usable = promotion::usable(&db, user_id, unix_now()).await.unwrap();
        assert_eq!(usable.iter().map(|c| c.id).collect::<Vec<_>>(), vec![copy]);
        let reasons: Vec<String> =
            sqlx::query_scalar("SELECT reason FROM points_ledger WHERE user_id = $1 ORDER BY id")
                .bind(user_id)
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(
            reasons,
            vec![
                "welcome".to_string(),
                format!("redeem|{}", order.order_no),
                format!("return|{}", order.order_no)
            ],
            "{backend}"
        );

        // Points offered beyond the balance are refused, nothing written.
        let short = place_order_with(
            &db,
            "points-short",
            Some(user_id),
            &[(sku_id, 2)],
            1800,
            &[],
            5_000,
            None,
        )
        .await;
        assert_eq!(short, PlaceOutcome::PointsShort, "{backend}");
        assert_eq!(balance(&db, user_id).await, 2_000, "{backend}");
        t.close().await;
    }
}

/// Standard shipping to the mainland: free from ¥99 of goods, else ¥8.
fn shipping(goods: i64) -> i64 {
    if goods >= 9_900 {
        0
    } else {
        800
    }
}

#[tokio::test]
async fn a_running_full_reduction_applies_and_a_changed_total_is_refused() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (sku_id, price) = stocked_sku(&db).await;
        let now = unix_now();
        // Reached by two units whatever the SKU's price (¥50–¥300 each).
        promotion::create_reduction(
            &db,
            "滿 100 減 15",
            &Scope::All,
            &[Tier {
                threshold: Money::from_yuan(100),
                off: Money::from_yuan(15),
            }],
            (now - 60, now + 3600),
        )
        .await
        .unwrap();
        // The page showed the total before the promotion started: refused, nothing written.
        let stale = Money::from_fen(2 * price + shipping(2 * price));
        let refused = place_order_with(
            &db,
            "stale-total",
            None,
            &[(sku_id, 2)],
            1800,
            &[],
            0,
            Some(stale),
        )
        .await;
        let expected = 2 * price - 1_500 + shipping(2 * price - 1_500);
        assert_eq!(
            refused,
            PlaceOutcome::PriceChanged(Money::from_fen(expected)),
            "{backend}"
        );
        let placed = place_order_with(
            &db,
            "fresh-total",
            None,
            &[(sku_id, 2)],
            1800,
            &[],
            0,
            Some(Money::from_fen(expected)),
        )
        .await;
        let PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        assert_eq!(order.total.fen(), expected, "{backend}");
        // A guest cannot use a member's coupon.
        let coupon = promotion::create_coupon(&db, &amount_off(5, 0, 10, 1))
            .await
            .unwrap();
        let user_id = members(&db, "owner", 1).await[0];
        let copy = promotion::claim(&db, user_id, coupon, now)
            .await
            .unwrap()
            .unwrap();
        let foreign =
            place_order_with(&db, "foreign", None, &[(sku_id, 1)], 1800, &[copy], 0, None).await;
        assert_eq!(
            foreign,
            PlaceOutcome::Coupon(CouponRefusal::NotFound),
            "{backend}"
        );
        let other = members(&db, "thief", 1).await[0];
        let stolen = place_order_with(
            &db,
            "stolen",
            Some(other),
            &[(sku_id, 1)],
            1800,
            &[copy],
            0,
            None,
        )
        .await;
        assert_eq!(
            stolen,
            PlaceOutcome::Coupon(CouponRefusal::NotFound),
            "{backend}"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_member_day_applies_only_on_its_day_and_levels_follow_the_last_years_spend() {
    use app::domain::promotion::member_day::{shop_weekday, MemberDay, MemberDayRule};
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let ids = members(&db, "day", 2).await;
        let (silver, bronze) = (ids[0], ids[1]);
        // The clock is given, not read: a Wednesday noon and the Thursday after, shop time.
        let wednesday = 1_796_184_000; // 2026-12-02 12:00 UTC+8
        assert_eq!(shop_weekday(wednesday), 3);
        // ¥1,000 or more paid in the year before makes a Silver member.
        let sku_id: i64 = sqlx::query_scalar(
            "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.owner_id IS NULL AND p.status = 'active' AND s.status = 'active' \
             AND s.price >= 100000 ORDER BY s.id LIMIT 1",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert!(app::db::stock::restock_to(&db, sku_id, 5).await.unwrap());
        let placed = place_order_with(
            &db,
            "silver-spend",
            Some(silver),
            &[(sku_id, 1)],
            1800,
            &[],
            0,
            None,
        )
        .await;
        let PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        let order_id = order.id;
        let paid_at = |at: i64| {
            let db = db.clone();
            async move {
                sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1 WHERE id = $2")
                    .bind(at)
                    .bind(order_id)
                    .execute(db.pool())
                    .await
                    .unwrap();
            }
        };
        paid_at(wednesday - 86_400).await;
        assert_eq!(
            promotion::member_tier(&db, silver, wednesday)
                .await
                .unwrap(),
            MemberTier::Silver,
            "{backend}"
        );
        promotion::create_member_day(
            &db,
            "Wednesdays",
            &MemberDay {
                id: 0,
                rule: MemberDayRule::Weekday(3),
                rate_bp: 500,
                points_percent: 200,
                min_tier: MemberTier::Silver,
                starts_at: wednesday - 30 * 86_400,
                ends_at: wednesday + 30 * 86_400,
            },
        )
        .await
        .unwrap();
        let rate = |user: Option<i64>, now: i64| {
            let db = db.clone();
            async move {
                promotion::offers_for(&db, user, now)
                    .await
                    .unwrap()
                    .member
                    .member_day_bp
            }
        };
        assert_eq!(rate(Some(silver), wednesday).await, 500, "{backend}");
        assert_eq!(rate(Some(silver), wednesday + 86_400).await, 0, "{backend}");
        assert_eq!(
            rate(Some(bronze), wednesday).await,
            0,
            "{backend}: below its level"
        );
        assert_eq!(rate(None, wednesday).await, 0, "{backend}: guests");
        assert_eq!(
            rate(Some(silver), wednesday + 60 * 86_400).await,
            0,
            "{backend}: campaign over"
        );
        // Spend older than a year no longer counts: the level falls back.
        paid_at(wednesday - 400 * 86_400).await;
        assert_eq!(
            promotion::member_tier(&db, silver, wednesday)
                .await
                .unwrap(),
            MemberTier::Bronze,
            "{backend}"
        );
        assert_eq!(
            rate(Some(silver), wednesday).await,
            0,
            "{backend}: no longer Silver"
        );
        t.close().await;
    }
}

#[tokio::test]
async fn a_new_account_gets_the_welcome_coupons_once() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let db = t.db().clone();
        let mut gift = amount_off(15, 99, 100, 1);
        gift.reward = Some(app::domain::promotion::Reward::Welcome);
        let gift_id = promotion::create_coupon(&db, &gift).await.unwrap();
        let mut browser = t.browser();
        let user = crate::browser::register(&mut browser, "newcomer@example.com").await;
        let held = promotion::usable(&db, user.id, unix_now()).await.unwrap();
        assert_eq!(
            held.iter().map(|c| c.coupon_id).collect::<Vec<_>>(),
            vec![gift_id],
            "{backend}"
        );
        // A gift is not in the coupon centre.
        let centre = promotion::centre(&db, Some(user.id), Locale::En, unix_now())
            .await
            .unwrap();
        assert!(centre.iter().all(|c| c.coupon_id != gift_id), "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn points_expire_at_the_end_of_the_year_after_they_were_earned() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let db = t.db().clone();
        let user_id = members(&db, "expiry", 1).await[0];
        let at = |text: &str| app::domain::time::parse_shop_time(text).unwrap();
        // Earned 1,000 in 2024 and 500 in 2025; spent 300 in 2025.
        for (delta, when) in [
            (1_000, "2024-03-01T10:00"),
            (500, "2025-06-01T10:00"),
            (-300, "2025-07-01T10:00"),
        ] {
            app::db::account::add_points(&db, user_id, delta, "test")
                .await
                .unwrap()
                .unwrap();
            sqlx::query(
                "UPDATE points_ledger SET created_at = $1 WHERE id = (SELECT MAX(id) FROM points_ledger WHERE user_id = $2)",
            )
            .bind(at(when))
            .bind(user_id)
            .execute(db.pool())
            .await
            .unwrap();
        }
        assert_eq!(balance(&db, user_id).await, 1_200, "{backend}");
        // On New Year's Eve 2025 nothing has expired yet.
        let eve = at("2025-12-31T23:59");
        assert_eq!(app::db::account::expire_points(&db, eve).await.unwrap(), 0);
        // From 2026 the 700 of 2024 not spent (oldest first) are gone, once.
        let new_year = at("2026-01-01T00:00");
        assert_eq!(
            app::db::account::expire_points(&db, new_year)
                .await
                .unwrap(),
            1,
            "{backend}"
        );
        assert_eq!(
            app::db::account::expire_points(&db, new_year + 60)
                .await
                .unwrap(),
            0,
            "{backend}"
        );
        assert_eq!(balance(&db, user_id).await, 500, "{backend}");
        let reason: String = sqlx::query_scalar(
            "SELECT reason FROM points_ledger WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(user_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(reason, "expired|2024", "{backend}");
        // The 500 of 2025 go at the start of 2027.
        assert_eq!(
            app::db::account::expire_points(&db, at("2027-01-01T00:00"))
                .await
                .unwrap(),
            1
        );
        assert_eq!(balance(&db, user_id).await, 0, "{backend}");
        t.close().await;
    }
}

#[tokio::test]
async fn birthday_and_level_up_coupons_are_given_once() {
    use app::domain::promotion::Reward;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let mut birthday = amount_off(30, 150, 100, 10);
        birthday.reward = Some(Reward::Birthday);
        let birthday = promotion::create_coupon(&db, &birthday).await.unwrap();
        let mut silver = amount_off(50, 300, 100, 1);
        silver.reward = Some(Reward::LevelUp);
        silver.terms.min_tier = MemberTier::Silver;
        let silver_gift = promotion::create_coupon(&db, &silver).await.unwrap();
        let copies = |user_id: i64, coupon_id: i64| {
            let db = db.clone();
            async move {
                sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM member_coupons WHERE user_id = $1 AND coupon_id = $2",
                )
                .bind(user_id)
                .bind(coupon_id)
                .fetch_one(db.pool())
                .await
                .unwrap()
            }
        };

        // Born on this day (shop time) in 1990: the gift today, once; not to the other member.
        let ids = members(&db, "gift", 2).await;
        let (celebrating, other) = (ids[0], ids[1]);
        let now = unix_now();
        let today = app::domain::account::Date::from_unix(now + 8 * 3600);
        for (user_id, born) in [
            (
                celebrating,
                format!("1990-{:02}-{:02}", today.month, today.day),
            ),
            (other, "1990-01-01".to_string()),
        ] {
            sqlx::query("UPDATE users SET birthday = $1 WHERE id = $2")
                .bind(born)
                .bind(user_id)
                .execute(db.pool())
                .await
                .unwrap();
        }
        let given = promotion::grant_birthday_coupons(&db, now).await.unwrap();
        let other_born_today = (today.month, today.day) == (1, 1);
        assert_eq!(given, if other_born_today { 2 } else { 1 }, "{backend}");
        assert_eq!(
            promotion::grant_birthday_coupons(&db, now + 60)
                .await
                .unwrap(),
            0
        );
        assert_eq!(copies(celebrating, birthday).await, 1, "{backend}");

        // ¥1,000 paid makes the member Silver: the Silver gift comes once.
        let (sku_id, price) = stocked_sku(&db).await;
        let units = 100_000 / price + 1;
        let placed = place_order_with(
            &db,
            "level-up",
            Some(celebrating),
            &[(sku_id, units)],
            1800,
            &[],
            0,
            None,
        )
        .await;
        let PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        assert_eq!(
            promotion::grant_level_up_coupons(&db, now - 3600, now)
                .await
                .unwrap(),
            0,
            "{backend}: not paid yet"
        );
        sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1 WHERE id = $2")
            .bind(now)
            .bind(order.id)
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(
            promotion::grant_level_up_coupons(&db, now - 3600, now)
                .await
                .unwrap(),
            1,
            "{backend}"
        );
        assert_eq!(
            promotion::grant_level_up_coupons(&db, now - 3600, now + 60)
                .await
                .unwrap(),
            0,
            "{backend}: once"
        );
        assert_eq!(copies(celebrating, silver_gift).await, 1, "{backend}");
        assert_eq!(copies(other, silver_gift).await, 0, "{backend}");

        // A member already Silver before the gift's job last ran (from an order paid a month
        // ago) has not just reached Silver when they order again.
        for (token, paid_at) in [("was-silver", now - 30 * 86_400), ("still-silver", now)] {
            let placed = place_order_with(
                &db,
                token,
                Some(other),
                &[(sku_id, units)],
                1800,
                &[],
                0,
                None,
            )
            .await;
            let PlaceOutcome::Placed(order) = placed else {
                panic!("{backend}: {placed:?}")
            };
            sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1 WHERE id = $2")
                .bind(paid_at)
                .bind(order.id)
                .execute(db.pool())
                .await
                .unwrap();
        }
        assert_eq!(
            promotion::grant_level_up_coupons(&db, now - 3600, now + 120)
                .await
                .unwrap(),
            0,
            "{backend}: no gift for a level held before"
        );
        assert_eq!(copies(other, silver_gift).await, 0, "{backend}");
        t.close().await;
    }
}

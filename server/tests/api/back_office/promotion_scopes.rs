//! Promotions for some goods and coupons for some members, through the real router on both
//! databases: a 滿減 scoped to categories applies to their goods only; products are named by a
//! SKU code, a supplier by its email; unknown names are refused at the field; a coupon is given
//! to a group of members under the claiming rules, never twice past the limit, and audited;
//! member prices per SKU and level replace the level's rate for those members.

use super::staff_member;
use crate::browser::Browser;
use crate::test_app::TestApp;
use app::api::admin::promotions::{
    AdminPromotions, ChangePromotion, CreateCoupon, CreateFullReduction, GiveCoupon, PromotionsView,
};
use app::db::Db;
use app::domain::form::{Field, Problem};
use app::domain::promotion::segment::GivenCoupons;
use app::domain::promotion::Scope;
use app::domain::staff::Permission;
use app::domain::time::shop_time_input;
use app::error::AppError;
use axum::http::StatusCode;

async fn category_id(db: &Db, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// A platform SKU of a product filed under `slug` (or a category below it) priced ¥50–¥300,
/// restocked: (SKU id, price in fen).
async fn sku_under(db: &Db, slug: &str) -> (i64, i64) {
    let (sku_id, price): (i64, i64) = sqlx::query_as(
        "SELECT s.id, s.price FROM skus s JOIN products p ON p.id = s.product_id \
         JOIN categories c ON c.id = p.category_id \
         LEFT JOIN categories parent ON parent.id = c.parent_id \
         WHERE (c.slug = $1 OR parent.slug = $1) AND p.owner_id IS NULL \
         AND p.status = 'active' AND s.status = 'active' AND s.price BETWEEN 5000 AND 30000 \
         ORDER BY s.id LIMIT 1",
    )
    .bind(slug)
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(app::db::stock::restock_to(db, sku_id, 50).await.unwrap());
    (sku_id, price)
}

/// What 滿減 `reduction_id` took off a guest's order of `lines`.
async fn reduction_on(db: &Db, token: &str, lines: &[(i64, i64)], reduction_id: i64) -> i64 {
    let placed = crate::helpers::place_guest_order(db, token, lines, 1800).await;
    let app::db::order::PlaceOutcome::Placed(order) = placed else {
        panic!("{placed:?}")
    };
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM order_promotions \
         WHERE order_id = $1 AND kind = 'full_reduction' AND promotion_id = $2",
    )
    .bind(order.id)
    .bind(reduction_id)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

fn problems(error: AppError) -> Vec<(Field, Problem)> {
    let AppError::Invalid(problems) = error else {
        panic!("{error:?}")
    };
    problems.iter().map(|p| (p.field, p.problem)).collect()
}

#[tokio::test]
async fn promotions_cover_the_categories_products_or_supplier_they_name() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let mut marketer = staff_member(&t, "scopes@example.com", &[Permission::Marketing]).await;
        let now = app::db::unix_now();
        let (from, until) = (shop_time_input(now - 60), shop_time_input(now + 86_400));
        let reduction = |scope: &'static str, keys: &'static str| {
            vec![
                ("name", "Tea 滿減"),
                ("tiers", "50:10"),
                ("starts", from.as_str()),
                ("ends", until.as_str()),
                ("scope", scope),
                ("scope_keys", keys),
            ]
        };

        // Names that find nothing, or two suppliers, are refused at the field.
        for (scope, keys, problem) in [
            ("categories", "tea, no-such-aisle", Problem::ScopeUnknown),
            ("products", "NO-SUCH-SKU", Problem::ScopeUnknown),
            (
                "supplier",
                "a@example.com, b@example.com",
                Problem::ScopeInvalid,
            ),
            ("categories", " ", Problem::ScopeInvalid),
        ] {
            let error = marketer
                .call::<CreateFullReduction>(&reduction(scope, keys))
                .await
                .error();
            assert_eq!(
                problems(error),
                vec![(Field::Scope, problem)],
                "{backend}: {scope} {keys}"
            );
        }

        // Categories by address and by English name; the list names them.
        let answer = marketer
            .call::<CreateFullReduction>(&reduction("categories", "tea, Coffee"))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let reduction_id: i64 = answer.json();
        let (tea, coffee) = (
            category_id(db, "tea").await,
            category_id(db, "coffee").await,
        );
        let view: PromotionsView = marketer
            .call::<AdminPromotions>(&[("locale", "en")])
            .await
            .json();
        let row = view
            .reductions
            .iter()
            .find(|r| r.id == reduction_id)
            .unwrap();
        assert_eq!(row.scope, Scope::Categories(vec![tea, coffee]), "{backend}");
        assert_eq!(row.scope_names, ["Tea", "Coffee"], "{backend}");

        // Flash-sale lines are left out unless the form says otherwise.
        let mut flash_too = reduction("all", "");
        flash_too.push(("include_flash", "on"));
        let answer = marketer.call::<CreateFullReduction>(&flash_too).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let flash_id: i64 = answer.json();
        let running = app::db::promotion::running_reductions(db, app::db::unix_now())
            .await
            .unwrap();
        let flags: Vec<(i64, bool)> = running
            .iter()
            .map(|r| (r.promotion_id, r.include_flash))
            .collect();
        assert!(flags.contains(&(flash_id, true)), "{backend}: {flags:?}");
        assert!(
            flags.contains(&(reduction_id, false)),
            "{backend}: {flags:?}"
        );
        let ended = marketer
            .call::<ChangePromotion>(&[
                ("kind", "full_reduction"),
                ("id", &flash_id.to_string()),
                ("change", "end"),
            ])
            .await;
        assert_eq!(ended.status, StatusCode::OK, "{backend}");

        // Checkout applies it to tea, not to digital goods of the same amount.
        let (tea_sku, tea_price) = sku_under(db, "tea").await;
        let (digital_sku, digital_price) = sku_under(db, "digital").await;
        assert!(tea_price >= 5_000 && digital_price >= 5_000);
        assert_eq!(
            reduction_on(db, "scoped-tea", &[(tea_sku, 1)], reduction_id).await,
            1_000,
            "{backend}: tea reaches the tier"
        );
        assert_eq!(
            reduction_on(db, "scoped-digital", &[(digital_sku, 1)], reduction_id).await,
            0,
            "{backend}: digital goods are outside the scope"
        );

        // A coupon for one product, named by a SKU code; one for a supplier, by its email.
        let code: String = sqlx::query_scalar("SELECT code FROM skus WHERE id = $1")
            .bind(tea_sku)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let product_id: i64 = sqlx::query_scalar("SELECT product_id FROM skus WHERE id = $1")
            .bind(tea_sku)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let ops = crate::helpers::account_actor(db, "scope-ops@example.com").await;
        let supplier =
            crate::suppliers::product_review::approved_supplier(db, "teahouse@example.com", &ops)
                .await;
        for (scope, keys, expected) in [
            (
                "products",
                code.to_lowercase(),
                Scope::Products(vec![product_id]),
            ),
            (
                "supplier",
                "TeaHouse@example.com".to_string(),
                Scope::Supplier(supplier.user_id),
            ),
        ] {
            let fields = [
                ("form[name]", format!("Only {scope}")),
                ("form[kind]", "amount_off".into()),
                ("form[amount]", "5".into()),
                ("form[quantity]", "10".into()),
                ("form[per_member]", "1".into()),
                ("form[valid_days]", "7".into()),
                ("form[claim_from]", from.clone()),
                ("form[claim_until]", until.clone()),
                ("form[scope]", scope.into()),
                ("form[scope_keys]", keys),
                // Usable until a fixed moment rather than for days after claiming.
                ("form[valid_until]", shop_time_input(now + 3 * 86_400)),
            ];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = marketer.call::<CreateCoupon>(&fields).await;
            assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
            let id: i64 = answer.json();
            let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
            let row = view.coupons.iter().find(|c| c.id == id).unwrap();
            assert_eq!(row.scope, expected, "{backend}");
            let valid_until: Option<i64> =
                sqlx::query_scalar("SELECT valid_until FROM coupons WHERE id = $1")
                    .bind(id)
                    .fetch_one(db.pool())
                    .await
                    .unwrap();
            assert_eq!(
                valid_until.map(|until| until / 60),
                Some((now + 3 * 86_400) / 60),
                "{backend}: to the minute typed"
            );
            assert_eq!(row.scope_names.len(), 1, "{backend}: {:?}", row.scope_names);
        }
        t.close().await;
    }
}

/// A member made straight in the tables, `joined_days_ago`, with the customer role.
async fn member(db: &Db, email: &str, joined_days_ago: i64) -> i64 {
    let now = app::db::unix_now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, privacy_policy_version, privacy_consent_at, \
         created_at) VALUES ($1, '', 'test', 0, $2) RETURNING id",
    )
    .bind(email)
    .bind(now - joined_days_ago * 86_400)
    .fetch_one(db.pool())
    .await
    .unwrap();
    sqlx::query("INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, 'customer', 0)")
        .bind(id)
        .execute(db.pool())
        .await
        .unwrap();
    id
}

/// A member's order of `lines` ((SKU, quantity)), placed: its id.
async fn member_order(db: &Db, token: &str, user_id: i64, lines: &[(i64, i64)]) -> i64 {
    let placed =
        crate::helpers::place_order_with(db, token, Some(user_id), lines, 1800, &[], 0, None).await;
    let app::db::order::PlaceOutcome::Placed(order) = placed else {
        panic!("{placed:?}")
    };
    order.id
}

/// A paid order of the member's, `days_ago`, for `total` fen.
async fn paid_order(db: &Db, user_id: i64, token: &str, sku_id: i64, days_ago: i64, total: i64) {
    let order_id = member_order(db, token, user_id, &[(sku_id, 1)]).await;
    sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1, total = $2 WHERE id = $3")
        .bind(app::db::unix_now() - days_ago * 86_400)
        .bind(total)
        .bind(order_id)
        .execute(db.pool())
        .await
        .unwrap();
}

/// Gives coupon `id` to `segment`: (members in the group, copies given, below the coupon's
/// level, had theirs already).
async fn give(marketer: &mut Browser, id: &str, segment: &str) -> (i64, i64, i64, i64) {
    let given: GivenCoupons = marketer
        .call::<GiveCoupon>(&[("coupon_id", id), ("segment", segment)])
        .await
        .json();
    (
        given.members,
        given.given,
        given.below_level,
        given.had_theirs,
    )
}

#[tokio::test]
async fn a_coupon_is_given_to_a_group_of_members_once_each() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let mut marketer = staff_member(&t, "giver@example.com", &[Permission::Marketing]).await;
        let mut clerk = staff_member(&t, "clerk@example.com", &[Permission::Catalog]).await;
        let (sku_id, _) = crate::promotions::stocked_sku(db).await;
        // A Gold member who ordered last week, a Silver one who last ordered 200 days ago, and
        // a newcomer who never ordered.
        let gold = member(db, "gold@example.com", 400).await;
        paid_order(db, gold, "gold-order", sku_id, 7, 600_000).await;
        let lapsed = member(db, "lapsed@example.com", 400).await;
        paid_order(db, lapsed, "lapsed-order", sku_id, 200, 150_000).await;
        let newcomer = member(db, "new@example.com", 2).await;

        let now = app::db::unix_now();
        let (from, until) = (shop_time_input(now - 60), shop_time_input(now + 86_400));
        let fields = [
            ("form[name]", "Thank-you ¥25"),
            ("form[kind]", "amount_off"),
            ("form[amount]", "25"),
            ("form[min_spend]", "250"),
            ("form[min_tier]", "silver"),
            ("form[quantity]", "100"),
            ("form[per_member]", "1"),
            ("form[valid_days]", "30"),
            ("form[claim_from]", &from),
            ("form[claim_until]", &until),
            ("form[reward]", "segment"),
        ];
        let answer = marketer.call::<CreateCoupon>(&fields).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let coupon_id: i64 = answer.json();
        let id = coupon_id.to_string();
        let centre = app::db::promotion::centre(db, None, app::i18n::Locale::En, now)
            .await
            .unwrap();
        assert!(
            centre.iter().all(|c| c.coupon_id != coupon_id),
            "{backend}: a coupon given by the back office is not in the coupon centre"
        );
        // Nor can a member claim it there by guessing its id.
        let mut shopper = t.customer("guesser@example.com").await;
        let error = shopper
            .call::<app::api::promotion::ClaimCoupon>(&[("coupon_id", &id)])
            .await
            .error();
        assert_eq!(
            error,
            AppError::Refused(app::error::Refusal::Coupon(
                app::domain::promotion::CouponRefusal::NotFound
            )),
            "{backend}"
        );

        assert_eq!(
            clerk
                .call::<GiveCoupon>(&[("coupon_id", &id), ("segment", "all")])
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{backend}: only marketing gives coupons"
        );
        let error = marketer
            .call::<GiveCoupon>(&[("coupon_id", &id), ("segment", "tier:diamond")])
            .await
            .error();
        assert_eq!(
            problems(error),
            vec![(Field::Segment, Problem::SegmentInvalid)],
            "{backend}"
        );

        // Members not ordering for 90 days: the lapsed Silver, and the newcomer and the guesser,
        // who are below the coupon's level.
        assert_eq!(
            give(&mut marketer, &id, "lapsed:90").await,
            (3, 1, 2, 0),
            "{backend}"
        );
        // Every member: only the Gold one gets a new copy; giving again gives nothing.
        assert_eq!(
            give(&mut marketer, &id, "all").await,
            (4, 1, 2, 1),
            "{backend}"
        );
        assert_eq!(
            give(&mut marketer, &id, "tier:silver").await,
            (2, 0, 0, 2),
            "{backend}"
        );
        for (user_id, copies) in [(gold, 1), (lapsed, 1), (newcomer, 0)] {
            let held = app::db::promotion::usable(db, user_id, app::db::unix_now())
                .await
                .unwrap();
            assert_eq!(
                held.iter().filter(|c| c.coupon_id == coupon_id).count(),
                copies,
                "{backend}: member {user_id}"
            );
        }
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        let row = view.coupons.iter().find(|c| c.id == coupon_id).unwrap();
        assert_eq!(row.claimed, 2, "{backend}");

        // A paused coupon is not given; an unknown one is not found. Each giving is audited.
        let paused = marketer
            .call::<ChangePromotion>(&[("kind", "coupon"), ("id", &id), ("change", "pause")])
            .await;
        assert_eq!(paused.status, StatusCode::OK, "{backend}");
        let error = marketer
            .call::<GiveCoupon>(&[("coupon_id", &id), ("segment", "all")])
            .await
            .error();
        assert_eq!(
            problems(error),
            vec![(Field::Segment, Problem::CouponNotOpen)],
            "{backend}"
        );
        assert_eq!(
            marketer
                .call::<GiveCoupon>(&[("coupon_id", "999999"), ("segment", "all")])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let gifts: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_id = $1 AND after_json LIKE '%give_to%'",
        )
        .bind(format!("coupon/{coupon_id}"))
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(gifts, 3, "{backend}");
        t.close().await;
    }
}

/// The discount on the lines of a member's order of two units of `sku_id` (fen).
async fn member_discount(db: &Db, token: &str, user_id: i64, sku_id: i64) -> i64 {
    let order_id = member_order(db, token, user_id, &[(sku_id, 2)]).await;
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(discount), 0) AS BIGINT) FROM order_items WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn member_prices_are_set_refused_charged_and_removed() {
    use app::api::admin::promotions::{RemoveMemberPrice, SetMemberPrice};
    use app::domain::account::MemberTier;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let mut marketer = staff_member(&t, "prices@example.com", &[Permission::Marketing]).await;
        let mut clerk = staff_member(&t, "no-prices@example.com", &[Permission::Catalog]).await;
        let (sku_id, price) = crate::promotions::stocked_sku(db).await;
        let code: String = sqlx::query_scalar("SELECT code FROM skus WHERE id = $1")
            .bind(sku_id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let yuan = |fen: i64| format!("{}.{:02}", fen / 100, fen % 100);
        let form = |code: &str, tier: &str, price: String| {
            vec![
                ("form[sku_code]".to_string(), code.to_string()),
                ("form[tier]".to_string(), tier.to_string()),
                ("form[price]".to_string(), price),
            ]
        };
        let member_price = price * 80 / 100;
        let good = form(&code.to_lowercase(), "silver", yuan(member_price));
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            clerk.call::<SetMemberPrice>(&good).await.status,
            StatusCode::FORBIDDEN,
            "{backend}: only marketing sets member prices"
        );
        for (fields, expected) in [
            (
                form("NO-SUCH-SKU", "silver", "1.00".into()),
                (Field::MemberPriceSku, Problem::SkuCodeUnknown),
            ),
            (
                form(&code, "silver", yuan(price)),
                (Field::Amount, Problem::MemberPriceNotLower),
            ),
            (
                form(&code, "diamond", "1.00".into()),
                (Field::Kind, Problem::KindInvalid),
            ),
        ] {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let error = marketer.call::<SetMemberPrice>(&fields).await.error();
            assert_eq!(problems(error), vec![expected], "{backend}");
        }
        let answer = marketer.call::<SetMemberPrice>(&good).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        assert_eq!(view.member_prices.len(), 1, "{backend}");
        let row = &view.member_prices[0];
        assert_eq!(
            (
                row.sku_code.as_str(),
                row.tier,
                row.price.fen(),
                row.regular.fen()
            ),
            (code.as_str(), MemberTier::Silver, member_price, price),
            "{backend}"
        );

        // A Silver member pays the member price instead of the 5 % rate; a Bronze member pays
        // the SKU's price.
        let (silver_sku, _) = sku_under(db, "tea").await;
        let silver = member(db, "silver-buyer@example.com", 400).await;
        paid_order(db, silver, "silver-history", silver_sku, 30, 150_000).await;
        let bronze = member(db, "bronze-buyer@example.com", 400).await;
        assert_eq!(
            member_discount(db, "silver-pays", silver, sku_id).await,
            2 * (price - member_price),
            "{backend}"
        );
        assert_eq!(
            member_discount(db, "bronze-pays", bronze, sku_id).await,
            0,
            "{backend}"
        );

        // Removed, the Silver member is back to the level's rate; removing again finds nothing.
        let remove = [("sku_code", code.as_str()), ("tier", "silver")];
        let answer = marketer.call::<RemoveMemberPrice>(&remove).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            marketer.call::<RemoveMemberPrice>(&remove).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let offers = app::db::promotion::offers_for(db, Some(silver), app::db::unix_now())
            .await
            .unwrap();
        assert!(offers.member.sku_prices.is_empty(), "{backend}");
        assert_eq!(offers.member.rate_bp, 500, "{backend}");
        let logged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_id LIKE 'member_price/%'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(logged, 2, "{backend}: set and removed");
        t.close().await;
    }
}

//! Promotions in the back office on both databases: only the marketing permission opens them;
//! a 滿減 and a coupon are created (problems named per field, a code used twice refused),
//! paused, resumed and ended, each change in the audit log; the report counts paid orders that
//! used them. Flash sales are created from the form (problems named at the SKU lines) and
//! ended, which returns their stock.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::promotions::{
    AdminPromotions, ChangePromotion, CreateCoupon, CreateFlashSale, CreateFullReduction,
    PromotionsView, SetStackingOrder,
};
use app::domain::audit::ObjectKind;
use app::domain::form::{Field, Problem};
use app::domain::promotion::report::PromotionStatus;
use app::domain::staff::Permission;
use app::domain::time::shop_time_input;
use app::error::AppError;
use axum::http::StatusCode;

#[tokio::test]
async fn marketers_create_pause_and_end_promotions_and_read_what_they_did() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut marketer =
            staff_member(&t, "marketing@example.com", &[Permission::Marketing]).await;
        let mut clerk = staff_member(&t, "catalog@example.com", &[Permission::Catalog]).await;
        assert_eq!(
            clerk.call::<AdminPromotions>(&[]).await.status,
            StatusCode::FORBIDDEN,
            "{backend}: the catalog permission does not open promotions"
        );
        let now = app::db::unix_now();
        let (from, until) = (shop_time_input(now - 60), shop_time_input(now + 86_400));

        // Every problem of the form at once, each at its field.
        let error = marketer
            .call::<CreateFullReduction>(&[
                ("name", ""),
                ("tiers", "30:299"),
                ("starts", &until),
                ("ends", &from),
            ])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let fields: Vec<(Field, Problem)> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            fields,
            vec![
                (Field::Name, Problem::NameInvalid),
                (Field::Tiers, Problem::TiersInvalid),
                (Field::PromotionWindow, Problem::PromotionWindowInvalid)
            ],
            "{backend}"
        );
        let created = marketer
            .call::<CreateFullReduction>(&[
                ("name", "Winter 滿減"),
                ("tiers", "100:15, 300:50"),
                ("starts", &from),
                ("ends", &until),
            ])
            .await;
        assert_eq!(
            created.status,
            StatusCode::OK,
            "{backend}: {}",
            created.body
        );
        let reduction_id: i64 = created.json();

        let coupon = |code: &'static str| {
            vec![
                ("form[name]", "Welcome ¥8"),
                ("form[kind]", "amount_off"),
                ("form[amount]", "8"),
                ("form[min_spend]", "50"),
                ("form[min_tier]", "bronze"),
                ("form[quantity]", "100"),
                ("form[per_member]", "1"),
                ("form[valid_days]", "7"),
                ("form[code]", code),
            ]
        };
        let mut fields = coupon("HELLO8");
        fields.push(("form[claim_from]", &from));
        fields.push(("form[claim_until]", &until));
        let answer = marketer.call::<CreateCoupon>(&fields).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let error = marketer.call::<CreateCoupon>(&fields).await.error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::Code, Problem::CodeTaken),
            "{backend}"
        );

        // A guest's paid order with the 滿減 shows in its report.
        let (sku_id, price): (i64, i64) = sqlx::query_as(
            "SELECT s.id, s.price FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.owner_id IS NULL AND p.status = 'active' AND s.status = 'active' \
             AND s.price BETWEEN 5000 AND 9000 ORDER BY s.id LIMIT 1",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert!(app::db::stock::restock_to(t.db(), sku_id, 50)
            .await
            .unwrap());
        let placed =
            crate::helpers::place_guest_order(t.db(), "report-order", &[(sku_id, 2)], 1800).await;
        let app::db::order::PlaceOutcome::Placed(order) = placed else {
            panic!("{backend}: {placed:?}")
        };
        sqlx::query("UPDATE orders SET status = 'paid', paid_at = $1 WHERE id = $2")
            .bind(now)
            .bind(order.id)
            .execute(t.db().pool())
            .await
            .unwrap();
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        let row = view
            .reductions
            .iter()
            .find(|r| r.id == reduction_id)
            .unwrap();
        assert_eq!(row.status, PromotionStatus::Running, "{backend}");
        assert_eq!(row.report.orders, 1, "{backend}");
        assert_eq!(
            row.report.discount.fen(),
            1_500,
            "{backend}: two units pass ¥100"
        );
        assert_eq!(row.report.gmv, order.total, "{backend}");
        assert!(2 * price >= 10_000);
        let coupon_row = view
            .coupons
            .iter()
            .find(|c| c.code.as_deref() == Some("HELLO8"))
            .unwrap();
        assert_eq!((coupon_row.claimed, coupon_row.total_quantity), (0, 100));

        // Paused, the 滿減 no longer applies to new quotes; resumed, it does; ended, it is gone.
        for (change, status) in [
            ("pause", PromotionStatus::Paused),
            ("resume", PromotionStatus::Running),
            ("end", PromotionStatus::Ended),
        ] {
            let id = reduction_id.to_string();
            let answer = marketer
                .call::<ChangePromotion>(&[
                    ("kind", "full_reduction"),
                    ("id", &id),
                    ("change", change),
                ])
                .await;
            assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
            let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
            let row = view
                .reductions
                .iter()
                .find(|r| r.id == reduction_id)
                .unwrap();
            assert_eq!(row.status, status, "{backend}");
            let running = app::db::promotion::running_reductions(t.db(), app::db::unix_now())
                .await
                .unwrap();
            assert_eq!(
                running.iter().any(|r| r.promotion_id == reduction_id),
                status == PromotionStatus::Running,
                "{backend}: {change}"
            );
        }
        let id = reduction_id.to_string();
        let again = marketer
            .call::<ChangePromotion>(&[
                ("kind", "full_reduction"),
                ("id", &id),
                ("change", "pause"),
            ])
            .await;
        assert_eq!(
            again.status,
            StatusCode::NOT_FOUND,
            "{backend}: an ended promotion stays ended"
        );

        let logged: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = $1")
                .bind(ObjectKind::Promotion.as_str())
                .fetch_one(t.db().pool())
                .await
                .unwrap();
        assert_eq!(logged, 5, "{backend}: two creations and three changes");
        t.close().await;
    }
}

#[tokio::test]
async fn marketers_create_and_end_flash_sales_from_the_form() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let mut marketer = staff_member(&t, "flash@example.com", &[Permission::Marketing]).await;
        let (sku_id, price) = crate::promotions::stocked_sku(t.db()).await;
        let code: String = sqlx::query_scalar("SELECT code FROM skus WHERE id = $1")
            .bind(sku_id)
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let now = app::db::unix_now();
        let (from, until) = (shop_time_input(now - 60), shop_time_input(now + 7_200));
        let flash = |items: String, per_member: &'static str| {
            vec![
                ("form[name]".to_string(), "Midnight rush".to_string()),
                ("form[starts]".to_string(), from.clone()),
                ("form[ends]".to_string(), until.clone()),
                ("form[per_member]".to_string(), per_member.to_string()),
                ("form[items]".to_string(), items),
            ]
        };

        // Every problem of the typed form at once; then what only the catalog can tell.
        let bad = flash("NOT A LINE".into(), "0");
        let error = marketer.call::<CreateFlashSale>(&call(&bad)).await.error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        let fields: Vec<(Field, Problem)> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            fields,
            vec![
                (Field::PerMember, Problem::CountInvalid),
                (Field::FlashItems, Problem::FlashItemsInvalid)
            ],
            "{backend}"
        );
        let dear = flash(format!("{code} {}.00 5", price / 100 + 1), "2");
        let error = marketer.call::<CreateFlashSale>(&call(&dear)).await.error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::FlashItems, Problem::FlashPriceNotLower),
            "{backend}"
        );

        let good = flash(format!("{code} 1.00 5"), "2");
        let answer = marketer.call::<CreateFlashSale>(&call(&good)).await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let id: i64 = answer.json();
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        let row = view.flash_sales.iter().find(|f| f.id == id).unwrap();
        assert_eq!(row.status, PromotionStatus::Running, "{backend}");
        assert_eq!(row.per_member_limit, 2, "{backend}");
        assert_eq!(
            (
                row.items[0].sku_code.as_str(),
                row.items[0].quantity,
                row.items[0].sold
            ),
            (code.as_str(), 5, 0),
            "{backend}"
        );
        let stock = |db: app::db::Db| async move {
            sqlx::query_scalar::<_, i64>("SELECT stock FROM skus WHERE id = $1")
                .bind(sku_id)
                .fetch_one(db.pool())
                .await
                .unwrap()
        };
        assert_eq!(stock(t.db().clone()).await, 495, "{backend}: five held");

        let id_text = id.to_string();
        let ended = marketer
            .call::<ChangePromotion>(&[("kind", "flash_sale"), ("id", &id_text), ("change", "end")])
            .await;
        assert_eq!(ended.status, StatusCode::OK, "{backend}: {}", ended.body);
        assert_eq!(stock(t.db().clone()).await, 500, "{backend}: back on sale");
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        let row = view.flash_sales.iter().find(|f| f.id == id).unwrap();
        assert_eq!(row.status, PromotionStatus::Ended, "{backend}");
        let logged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_kind = $1 AND object_id = $2",
        )
        .bind(ObjectKind::Promotion.as_str())
        .bind(format!("flash_sale/{id}"))
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        assert_eq!(logged, 2, "{backend}: created and ended");
        t.close().await;
    }
}

/// Form fields as the test client takes them.
fn call(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn marketers_set_the_stacking_order_and_quotes_follow_it() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut marketer = staff_member(&t, "stacking@example.com", &[Permission::Marketing]).await;
        let error = marketer
            .call::<SetStackingOrder>(&[("order", "coupon,coupon,points")])
            .await
            .error();
        let AppError::Invalid(problems) = error else {
            panic!("{backend}: {error:?}")
        };
        assert_eq!(
            (problems[0].field, problems[0].problem),
            (Field::StackingOrder, Problem::StackingOrderInvalid),
            "{backend}"
        );
        let swapped = "member_price,flash_sale,coupon,full_reduction,points";
        let answer = marketer
            .call::<SetStackingOrder>(&[("order", swapped)])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let view: PromotionsView = marketer.call::<AdminPromotions>(&[]).await.json();
        assert_eq!(view.stacking_order.to_string(), swapped, "{backend}");
        let offers = app::db::promotion::offers_for(t.db(), None, app::db::unix_now())
            .await
            .unwrap();
        assert_eq!(
            offers.order.to_string(),
            swapped,
            "{backend}: quotes use it"
        );
        t.close().await;
    }
}

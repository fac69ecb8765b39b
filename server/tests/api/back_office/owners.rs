//! Whose goods: every catalog and stock function acts only on the owners the caller's scope
//! covers. Operators' scope covers everyone (the server functions' tests); here the repository
//! is called with two suppliers' scopes, as the supplier console will, on both databases.

use crate::test_app::TestApp;
use app::db::catalog::back_office;
use app::db::catalog::product_csv;
use app::db::catalog::product_edit::{self, ProductError};
use app::db::stock::{self as stock_repo, StockError};
use app::domain::audit::AuditActor;
use app::domain::catalog::product_edit::{ProductForm, ProductStatus};
use app::domain::locale::Locale;
use app::domain::owner::{Owner, Scope};
use app::domain::stock::{Adjustment, Transfer, WarehouseForm};

async fn user(t: &TestApp, email: &str) -> AuditActor {
    crate::helpers::account_actor(t.db(), email).await
}

#[tokio::test]
async fn a_supplier_scope_reaches_only_its_own_goods() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let (a, b) = (
            user(&t, "a@example.com").await,
            user(&t, "b@example.com").await,
        );
        let (scope_a, scope_b) = (
            Scope::Only(Owner::Supplier(a.user_id)),
            Scope::Only(Owner::Supplier(b.user_id)),
        );
        let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        let form: ProductForm = serde_json::from_value(serde_json::json!({
            "id": null, "version": 0, "category_id": tea,
            "name_zh_hant": "甲的茶", "name_zh_hans": "甲的茶", "name_en": "A's Tea",
            "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
            "axes": [], "skus": [{ "values": [], "price": "30", "stock": "0" }],
        }))
        .unwrap();
        let saved = product_edit::save(
            db,
            scope_a,
            &a,
            &form.parse().unwrap(),
            ProductStatus::Draft,
        )
        .await
        .unwrap();
        let owner: Option<i64> = sqlx::query_scalar("SELECT owner_id FROM products WHERE id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(owner, Some(a.user_id), "{backend}: made as A's");

        // The editor: A and operators open it; B does not, and cannot save over it.
        assert!(product_edit::load(db, scope_a, saved.id)
            .await
            .unwrap()
            .is_some());
        assert!(product_edit::load(db, Scope::AllOwners, saved.id)
            .await
            .unwrap()
            .is_some());
        let opened = product_edit::load(db, scope_b, saved.id).await.unwrap();
        assert!(opened.is_none(), "{backend}: B opens A's product");
        let mut edit = form.clone();
        edit.id = Some(saved.id);
        edit.version = saved.version;
        edit.name_en = "B was here".into();
        let refused = product_edit::save(
            db,
            scope_b,
            &b,
            &edit.parse().unwrap(),
            ProductStatus::Draft,
        )
        .await;
        assert!(
            matches!(refused, Err(ProductError::NotFound)),
            "{backend}: {refused:?}"
        );
        assert!(
            app::db::catalog::product_revisions::revisions(db, scope_b, Locale::En, saved.id)
                .await
                .unwrap()
                .is_none()
        );
        // Nor can A reach the platform's own products.
        assert!(
            product_edit::load(db, scope_a, 1).await.unwrap().is_none(),
            "{backend}"
        );

        // Lists and exports: each sees its own.
        let listed: Vec<i64> = back_office::products(db, scope_a, Locale::En, 0)
            .await
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(listed, vec![saved.id], "{backend}");
        assert!(back_office::products(db, scope_b, Locale::En, 0)
            .await
            .unwrap()
            .is_empty());
        assert!(back_office::products(db, Scope::AllOwners, Locale::En, 0)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == saved.id));
        let sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let stock_a: Vec<i64> = back_office::stock(db, scope_a, Locale::En, false, 0)
            .await
            .unwrap()
            .iter()
            .map(|r| r.sku_id)
            .collect();
        assert_eq!(stock_a, vec![sku], "{backend}");
        let exported = product_csv::export(db, scope_a).await.unwrap();
        assert!(exported.iter().all(|r| r.product == saved.id.to_string()) && !exported.is_empty());

        // Warehouses: A has none until it makes one; the platform's are not A's.
        assert!(
            stock_repo::warehouses(db, scope_a)
                .await
                .unwrap()
                .is_empty(),
            "{backend}"
        );
        let platform_warehouse = stock_repo::warehouses(db, Scope::AllOwners).await.unwrap()[0].id;
        let in_a = |warehouse_id| Adjustment {
            warehouse_id,
            delta: 5,
            reason: "counted".into(),
        };
        let refused = stock_repo::adjust(db, scope_a, &a, sku, &in_a(platform_warehouse)).await;
        assert!(
            matches!(refused, Err(StockError::Invalid(_))),
            "{backend}: {refused:?}"
        );
        let valid = WarehouseForm {
            name: "甲倉".into(),
            region: "GD".into(),
            serves: vec![],
        }
        .parse()
        .unwrap();
        let a_warehouse = stock_repo::save_warehouse(db, scope_a, &a, None, &valid)
            .await
            .unwrap();
        let listed = stock_repo::warehouses(db, scope_a).await.unwrap();
        assert_eq!(listed.len(), 1, "{backend}");
        assert_eq!(listed[0].owner_id, Some(a.user_id), "{backend}");
        assert!(stock_repo::warehouses(db, scope_b)
            .await
            .unwrap()
            .is_empty());
        let renamed = stock_repo::save_warehouse(db, scope_b, &b, Some(a_warehouse), &valid).await;
        assert!(matches!(renamed, Err(StockError::NotFound)), "{backend}");

        // Stock: A adjusts its SKU in its warehouse; B can neither read nor move it.
        let level = stock_repo::adjust(db, scope_a, &a, sku, &in_a(a_warehouse))
            .await
            .unwrap();
        assert_eq!(level.on_hand, 5, "{backend}");
        let refused = stock_repo::adjust(db, scope_b, &b, sku, &in_a(a_warehouse)).await;
        assert!(matches!(refused, Err(StockError::NotFound)), "{backend}");
        let move_out = Transfer {
            from_id: a_warehouse,
            to_id: platform_warehouse,
            quantity: 1,
            reason: "to the platform".into(),
        };
        let refused = stock_repo::transfer(db, scope_b, &b, sku, &move_out).await;
        assert!(matches!(refused, Err(StockError::NotFound)), "{backend}");
        let refused = stock_repo::transfer(db, scope_a, &a, sku, &move_out).await;
        assert!(
            matches!(refused, Err(StockError::Invalid(_))),
            "{backend}: not A's warehouse"
        );
        assert!(stock_repo::sku_stock(db, scope_b, sku, None)
            .await
            .unwrap()
            .is_none());
        assert!(stock_repo::sku_stock(db, scope_a, sku, None)
            .await
            .unwrap()
            .is_some());
        assert!(
            !stock_repo::set_sku_threshold(db, scope_b, &b, sku, Some(2))
                .await
                .unwrap()
        );
        assert!(stock_repo::set_sku_threshold(db, scope_a, &a, sku, Some(2))
            .await
            .unwrap());
        assert!(stock_repo::set_sku_threshold(db, scope_a, &a, sku, None)
            .await
            .unwrap());

        // The ledger and levels: B reads nothing of A's; A sees its own movements by name and
        // an operator's without the operator's address.
        let operator = user(&t, "ops@example.com").await;
        stock_repo::adjust(db, Scope::AllOwners, &operator, sku, &in_a(a_warehouse))
            .await
            .unwrap();
        let seen = stock_repo::ledger(db, scope_a, sku, None, 50)
            .await
            .unwrap();
        let by: Vec<Option<&str>> = seen.iter().map(|m| m.actor_email.as_deref()).collect();
        assert_eq!(by, vec![None, Some("a@example.com")], "{backend}");
        let seen = stock_repo::ledger(db, Scope::AllOwners, sku, None, 50)
            .await
            .unwrap();
        assert_eq!(seen[0].actor_email.as_deref(), Some("ops@example.com"));
        assert!(stock_repo::ledger(db, scope_b, sku, None, 50)
            .await
            .unwrap()
            .is_empty());
        assert!(stock_repo::levels(db, scope_b, sku)
            .await
            .unwrap()
            .is_empty());
        let levels = stock_repo::levels(db, scope_a, sku).await.unwrap();
        assert_eq!(levels.len(), 1, "{backend}");
        assert_eq!(levels[0].on_hand, 10, "{backend}");

        // Default thresholds are per owner: A's own, B falls back to the platform's.
        let platform = stock_repo::owner_threshold(db, Owner::Platform)
            .await
            .unwrap();
        stock_repo::set_default_threshold(db, Owner::Supplier(a.user_id), &a, 3)
            .await
            .unwrap();
        let threshold = |owner| stock_repo::owner_threshold(db, owner);
        assert_eq!(threshold(Owner::Supplier(a.user_id)).await.unwrap(), 3);
        assert_eq!(
            threshold(Owner::Supplier(b.user_id)).await.unwrap(),
            platform
        );
        assert_eq!(threshold(Owner::Platform).await.unwrap(), platform);
        let view = stock_repo::sku_stock(db, scope_a, sku, None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.default_threshold, 3, "{backend}");

        // Falling to A's threshold mails A, not the platform's operators.
        let mails = async || -> Vec<String> {
            sqlx::query_scalar("SELECT recipient FROM outbox ORDER BY id")
                .fetch_all(db.pool())
                .await
                .unwrap()
        };
        let before = mails().await.len();
        let take = Adjustment {
            warehouse_id: a_warehouse,
            delta: -8,
            reason: "damaged".into(),
        };
        stock_repo::adjust(db, scope_a, &a, sku, &take)
            .await
            .unwrap();
        assert_eq!(
            mails().await[before..],
            ["a@example.com".to_owned()],
            "{backend}"
        );

        // The review queue and the dashboard's low-stock count keep to the scope.
        let status = async |status: &str| {
            sqlx::query("UPDATE products SET status = $1 WHERE id = $2")
                .bind(status)
                .bind(saved.id)
                .execute(db.pool())
                .await
                .unwrap();
        };
        let opened = product_edit::load(db, scope_a, saved.id)
            .await
            .unwrap()
            .unwrap();
        let submitted = opened.form.parse().unwrap();
        app::db::catalog::product_review::submit(db, scope_a, &a, &opened.form, &submitted)
            .await
            .unwrap();
        let queued = |scope| app::db::catalog::product_review::queue(db, scope, Locale::En);
        let ids = |items: Vec<app::domain::catalog::product_review::ReviewItem>| -> Vec<i64> {
            items.iter().map(|i| i.product_id).collect()
        };
        assert_eq!(ids(queued(scope_a).await.unwrap()), vec![saved.id]);
        assert!(queued(scope_b).await.unwrap().is_empty(), "{backend}");
        assert!(ids(queued(Scope::AllOwners).await.unwrap()).contains(&saved.id));
        status("active").await;
        let low = |scope| app::db::dashboard::low_stock_skus(db, scope);
        assert_eq!(low(scope_a).await.unwrap(), 1, "{backend}");
        assert_eq!(low(scope_b).await.unwrap(), 0, "{backend}");
        t.close().await;
    }
}

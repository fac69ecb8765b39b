//! Listing through review on both databases: a supplier's new product waits, is rejected with a
//! reason, resubmitted and approved; an edit of a live product never changes what shoppers see
//! until it is approved; a newer submission replaces a waiting one; an approval over a product
//! saved since is refused; suspension takes the supplier's products out of the shop at once and
//! reinstatement puts them back.

use crate::test_app::TestApp;
use app::db::catalog::product_edit::{self, ProductError};
use app::db::catalog::product_review::{self as review, ReviewError};
use app::db::catalog::{product_detail, product_review::queue};
use app::db::supplier;
use app::db::Db;
use app::domain::audit::AuditActor;
use app::domain::catalog::product_edit::ProductStatus;
use app::domain::catalog::product_review::SubmissionStatus;
use app::domain::locale::Locale;
use app::domain::money::Money;
use app::domain::owner::{Owner, Scope};
use app::domain::supplier::ApplicationForm;

/// An approved supplier with its own account.
pub(crate) async fn approved_supplier(db: &Db, email: &str, ops: &AuditActor) -> AuditActor {
    let user = crate::helpers::account_actor(db, email).await;
    approve_account(db, &user, ops).await;
    user
}

/// `user` applies as a supplier and `ops` approves it.
pub(super) async fn approve_account(db: &Db, user: &AuditActor, ops: &AuditActor) {
    let email = &user.email;
    let top = supplier::top_categories(db, Locale::En).await.unwrap();
    let form = ApplicationForm {
        company: format!("{email} Co."),
        contact: "Wang Fang".into(),
        phone: "13800138000".into(),
        licence_number: "91330100716105852F".into(),
        categories: vec![top[0].0.to_string()],
        region: "ZJ".into(),
    };
    let id = supplier::apply(db, user.user_id, &form.parse().unwrap(), b"jpeg")
        .await
        .unwrap();
    supplier::approve(db, ops, id).await.unwrap();
}

async fn status(db: &Db, id: i64) -> String {
    sqlx::query_scalar("SELECT status FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// What a shopper sees of `slug`: its English name and first SKU's price, or None.
async fn shown(db: &Db, slug: &str) -> Option<(String, Money)> {
    product_detail(db, Locale::En, slug)
        .await
        .unwrap()
        .map(|p| (p.name, p.skus[0].price))
}

#[tokio::test]
async fn a_suppliers_product_reaches_the_shop_only_through_review() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let ops = crate::helpers::account_actor(db, "ops@example.com").await;
        let a = approved_supplier(db, "a@example.com", &ops).await;
        let scope = Scope::Only(Owner::Supplier(a.user_id));
        let mut form = crate::helpers::tea_form(db, "A's Tea", "30", "5").await;

        // A new product waits as submitted, out of the shop, first in the queue.
        let saved = review::submit(db, scope, &a, &form, &form.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(saved.status, ProductStatus::Submitted, "{backend}");
        assert!(saved.in_review);
        assert_eq!(shown(db, &saved.slug).await, None, "{backend}: live early");
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        assert_eq!(waiting.len(), 1, "{backend}");
        assert!(waiting[0].new_product);
        assert_eq!(waiting[0].name, "A's Tea");
        assert_eq!(waiting[0].company, "a@example.com Co.");
        assert!(waiting[0]
            .changes
            .iter()
            .any(|c| c.field == "name_en" && c.after.as_deref() == Some("A's Tea")));
        assert!(
            waiting[0]
                .changes
                .iter()
                .any(|c| c.field == "category_id" && c.after.as_deref() == Some("Tea")),
            "{backend}: category by name: {:?}",
            waiting[0].changes
        );
        let others = queue(db, Scope::Only(Owner::Supplier(ops.user_id)), Locale::En)
            .await
            .unwrap();
        assert!(others.is_empty(), "{backend}: another owner's queue");

        // Rejected with a reason: marked, and the supplier reads why.
        let first = waiting[0].submission_id;
        review::reject(db, &ops, first, "Add a photo of the tea.")
            .await
            .unwrap();
        assert_eq!(status(db, saved.id).await, "rejected", "{backend}");
        let note = review::latest_note(db, saved.id).await.unwrap().unwrap();
        assert_eq!(note.status, SubmissionStatus::Rejected);
        assert_eq!(note.reason, "Add a photo of the tea.");
        let late = review::approve(db, &ops, first).await;
        assert!(
            matches!(late, Err(ReviewError::AlreadyDecided)),
            "{backend}: {late:?}"
        );

        // Submitted again and approved: live.
        form.id = Some(saved.id);
        form.version = saved.version;
        let again = review::submit(db, scope, &a, &form, &form.parse().unwrap())
            .await
            .unwrap();
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        assert_eq!(waiting.len(), 1, "{backend}");
        assert!(
            waiting[0].new_product
                && waiting[0]
                    .changes
                    .iter()
                    .any(|c| c.field == "name_en" && c.before.is_none()),
            "{backend}: compared with what shoppers saw (nothing), not the rejected version"
        );
        let live = review::approve(db, &ops, waiting[0].submission_id)
            .await
            .unwrap();
        assert_eq!(live.status, ProductStatus::Active, "{backend}");
        assert_eq!(
            shown(db, &again.slug).await,
            Some(("A's Tea".to_string(), Money::from_yuan(30))),
            "{backend}"
        );

        // An edit of the live product waits beside it: shoppers keep the approved version.
        let opened = product_edit::load(db, scope, saved.id)
            .await
            .unwrap()
            .unwrap();
        let mut edit = opened.form.clone();
        edit.name_en = "A's Better Tea".into();
        edit.skus[0].price = "35".into();
        let waits = review::submit(db, scope, &a, &edit, &edit.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            (waits.status, waits.in_review),
            (ProductStatus::Active, true),
            "{backend}"
        );
        assert_eq!(status(db, saved.id).await, "active");
        assert_eq!(
            shown(db, &again.slug).await,
            Some(("A's Tea".to_string(), Money::from_yuan(30))),
            "{backend}: an edit in review reached shoppers"
        );
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        assert!(!waiting[0].new_product, "{backend}");
        let name = waiting[0]
            .changes
            .iter()
            .find(|c| c.field == "name_en")
            .unwrap();
        assert_eq!(
            (name.before.as_deref(), name.after.as_deref()),
            (Some("A's Tea"), Some("A's Better Tea"))
        );
        assert!(
            waiting[0]
                .changes
                .iter()
                .any(|c| c.field == "SKU" && c.after.as_deref().is_some_and(|v| v.contains("¥35"))),
            "{backend}: {:?}",
            waiting[0].changes
        );
        // The supplier's editor goes on from what waits; a draft of a live product is refused.
        assert_eq!(
            review::pending_form(db, saved.id)
                .await
                .unwrap()
                .map(|f| f.name_en),
            Some("A's Better Tea".to_string())
        );
        let draft = review::save_draft(db, scope, &a, &edit.parse().unwrap()).await;
        assert!(matches!(draft, Err(ReviewError::Live)), "{backend}");

        // A newer submission replaces the waiting one.
        let mut newer = edit.clone();
        newer.name_en = "A's Best Tea".into();
        review::submit(db, scope, &a, &newer, &newer.parse().unwrap())
            .await
            .unwrap();
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        assert_eq!(waiting.len(), 1, "{backend}");
        assert_eq!(waiting[0].name, "A's Best Tea");
        review::approve(db, &ops, waiting[0].submission_id)
            .await
            .unwrap();
        assert_eq!(
            shown(db, &again.slug).await,
            Some(("A's Best Tea".to_string(), Money::from_yuan(35))),
            "{backend}"
        );
        let stock: i64 = sqlx::query_scalar("SELECT total_stock FROM products WHERE id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(stock, 5, "{backend}: stock went through review unchanged");
        let holders: Vec<Option<i64>> = sqlx::query_scalar(
            "SELECT DISTINCT w.owner_id FROM warehouse_stock ws \
             JOIN warehouses w ON w.id = ws.warehouse_id \
             JOIN skus s ON s.id = ws.sku_id WHERE s.product_id = $1",
        )
        .bind(saved.id)
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            holders,
            vec![Some(a.user_id)],
            "{backend}: received into the supplier's own warehouse"
        );
        // Not even an operator puts a supplier's goods in the platform's warehouse.
        let platform_warehouse: i64 =
            sqlx::query_scalar("SELECT MIN(id) FROM warehouses WHERE owner_id IS NULL")
                .fetch_one(db.pool())
                .await
                .unwrap();
        let sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let misplaced = app::db::stock::adjust(
            db,
            Scope::AllOwners,
            &ops,
            sku,
            &app::domain::stock::Adjustment {
                warehouse_id: platform_warehouse,
                delta: 1,
                reason: "Found one".into(),
            },
        )
        .await;
        assert!(
            matches!(misplaced, Err(app::db::stock::StockError::Invalid(_))),
            "{backend}: {misplaced:?}"
        );

        // An operator's save of the product while an edit waits.
        let opened = product_edit::load(db, scope, saved.id)
            .await
            .unwrap()
            .unwrap();
        let mut stale = opened.form.clone();
        stale.brand = "Old Brand".into();
        review::submit(db, scope, &a, &stale, &stale.parse().unwrap())
            .await
            .unwrap();
        let mut by_ops = opened.form.clone();
        by_ops.description_en = "Fixed by an operator.".into();
        product_edit::save(
            db,
            Scope::AllOwners,
            &ops,
            &by_ops.parse().unwrap(),
            ProductStatus::Active,
        )
        .await
        .unwrap();
        // The operator's save withdrew the waiting edit: it can no longer be approved, and the
        // supplier's editor opens the product as it now is.
        assert!(
            queue(db, Scope::AllOwners, Locale::En)
                .await
                .unwrap()
                .is_empty(),
            "{backend}"
        );
        let stale_id: i64 = sqlx::query_scalar(
            "SELECT id FROM product_submissions WHERE product_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(saved.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        let refused = review::approve(db, &ops, stale_id).await;
        assert!(
            matches!(refused, Err(ReviewError::AlreadyDecided)),
            "{backend}: {refused:?}"
        );
        assert!(review::pending_form(db, saved.id).await.unwrap().is_none());
        let reopened = review::editor_product(db, scope, saved.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reopened.form.description_en, "Fixed by an operator.");
        assert_eq!(status(db, saved.id).await, "active", "{backend}");

        // An approval over a product saved since it was submitted is refused.
        let mut again = reopened.form.clone();
        again.brand = "New Brand".into();
        review::submit(db, scope, &a, &again, &again.parse().unwrap())
            .await
            .unwrap();
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        sqlx::query("UPDATE products SET version = version + 1 WHERE id = $1")
            .bind(saved.id)
            .execute(db.pool())
            .await
            .unwrap();
        let refused = review::approve(db, &ops, waiting[0].submission_id).await;
        assert!(
            matches!(refused, Err(ReviewError::Product(ProductError::Conflict))),
            "{backend}: {refused:?}"
        );

        // The supplier was told of each decision, with the reason, in its language.
        let told: Vec<(String, String)> = sqlx::query_as(
            "SELECT recipient, params FROM outbox WHERE kind = 'product_reviewed' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(told.len(), 3, "{backend}: {told:?}");
        assert!(told.iter().all(|(to, _)| to == "a@example.com"));
        assert!(told[0].1.contains("Add a photo of the tea."), "{backend}");

        // Every decision is in the audit log.
        let decisions: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = 'review'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(decisions, 3, "{backend}");

        // The supplier stops selling it at once, without review; another supplier cannot.
        let other = approved_supplier(db, "other@example.com", &ops).await;
        let other_scope = Scope::Only(Owner::Supplier(other.user_id));
        assert!(matches!(
            review::unlist(db, other_scope, &other, saved.id).await,
            Err(ReviewError::NotFound)
        ));
        assert!(shown(db, &saved.slug).await.is_some(), "{backend}");
        let unlisted = review::unlist(db, scope, &a, saved.id).await.unwrap();
        assert_eq!(unlisted.status, ProductStatus::Unlisted, "{backend}");
        assert_eq!(status(db, saved.id).await, "unlisted", "{backend}");
        assert_eq!(shown(db, &saved.slug).await, None, "{backend}: still sold");
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM product_submissions WHERE product_id = $1 AND status = 'pending'",
        )
        .bind(saved.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(waiting, 0, "{backend}: the waiting edit is withdrawn");
        assert!(matches!(
            review::unlist(db, scope, &a, saved.id).await,
            Err(ReviewError::NotFound)
        ));
    }
}

#[tokio::test]
async fn suspension_takes_a_suppliers_goods_out_of_the_shop_at_once() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let ops = crate::helpers::account_actor(db, "ops@example.com").await;
        let a = approved_supplier(db, "a@example.com", &ops).await;
        let scope = Scope::Only(Owner::Supplier(a.user_id));
        let form = crate::helpers::tea_form(db, "A's Tea", "30", "5").await;
        let saved = review::submit(db, scope, &a, &form, &form.parse().unwrap())
            .await
            .unwrap();
        let waiting = queue(db, Scope::AllOwners, Locale::En).await.unwrap();
        review::approve(db, &ops, waiting[0].submission_id)
            .await
            .unwrap();
        assert!(shown(db, &saved.slug).await.is_some(), "{backend}");

        supplier::set_suspended(db, &ops, a.user_id, true)
            .await
            .unwrap();
        assert_eq!(status(db, saved.id).await, "suspended", "{backend}");
        assert_eq!(shown(db, &saved.slug).await, None, "{backend}: still shown");
        assert_eq!(supplier::status(db, a.user_id).await.unwrap(), Some(false));
        let sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
            .bind(saved.id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let sellable: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE s.id = $1 AND p.status = 'active'",
        )
        .bind(sku)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(sellable, 0, "{backend}");
        // Nothing of a suspended supplier's goes live or into review, not even by an operator.
        let by_ops = product_edit::load(db, Scope::AllOwners, saved.id)
            .await
            .unwrap()
            .unwrap();
        let published = product_edit::save(
            db,
            Scope::AllOwners,
            &ops,
            &by_ops.form.parse().unwrap(),
            ProductStatus::Active,
        )
        .await;
        assert!(
            matches!(published, Err(ProductError::OwnerSuspended)),
            "{backend}: {published:?}"
        );
        let opened = product_edit::load(db, scope, saved.id)
            .await
            .unwrap()
            .unwrap();
        let refused =
            review::submit(db, scope, &a, &opened.form, &opened.form.parse().unwrap()).await;
        assert!(
            matches!(refused, Err(ReviewError::Suspended)),
            "{backend}: {refused:?}"
        );

        supplier::set_suspended(db, &ops, a.user_id, false)
            .await
            .unwrap();
        assert_eq!(status(db, saved.id).await, "active", "{backend}");
        assert!(shown(db, &saved.slug).await.is_some(), "{backend}");
        let twice = supplier::set_suspended(db, &ops, a.user_id, false).await;
        assert!(
            matches!(twice, Err(supplier::SuspendError::Unchanged)),
            "{backend}"
        );
    }
}

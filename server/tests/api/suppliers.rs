//! Supplier applications on both databases: applying (one waiting at a time), the operator's
//! approval (role, supplier record, first warehouse, mail, audit) and rejection (reason, mail,
//! may apply again), and decisions taken once.

use crate::test_app::TestApp;
use app::db::supplier::{self, ApplyError, DecideError};
use app::domain::audit::AuditActor;
use app::domain::locale::Locale;
use app::domain::owner::{Owner, Scope};
use app::domain::supplier::{ApplicationForm, ApplicationStatus};

async fn user(t: &TestApp, email: &str) -> AuditActor {
    crate::helpers::account_actor(t.db(), email).await
}

#[tokio::test]
async fn applicants_are_approved_or_rejected_once_and_told_by_mail() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let (a, b, ops) = (
            user(&t, "a@example.com").await,
            user(&t, "b@example.com").await,
            user(&t, "ops@example.com").await,
        );
        let top = supplier::top_categories(db, Locale::En).await.unwrap();
        assert!(!top.is_empty(), "{backend}");
        let form = |company: &str| ApplicationForm {
            company: company.into(),
            contact: "Wang Fang".into(),
            phone: "13800138000".into(),
            licence_number: "91330100716105852F".into(),
            categories: vec![top[0].0.to_string()],
            region: "ZJ".into(),
        };
        let valid = form("West Lake Tea Co.").parse().unwrap();
        let id = supplier::apply(db, a.user_id, &valid, b"jpeg")
            .await
            .unwrap();
        let again = supplier::apply(db, a.user_id, &valid, b"jpeg").await;
        assert!(
            matches!(again, Err(ApplyError::Pending)),
            "{backend}: {again:?}"
        );
        let mut unknown = valid.clone();
        unknown.categories = vec![999_999];
        let refused = supplier::apply(db, b.user_id, &unknown, b"jpeg").await;
        assert!(
            matches!(refused, Err(ApplyError::CategoryInvalid)),
            "{backend}"
        );

        let listed = supplier::applications(db, Locale::En).await.unwrap();
        assert_eq!(listed.len(), 1, "{backend}");
        assert_eq!(listed[0].status, ApplicationStatus::Pending);
        assert_eq!(listed[0].categories, vec![top[0].1.clone()]);
        assert_eq!(listed[0].email, "a@example.com");
        let (owner, licence) = supplier::licence(db, id).await.unwrap().unwrap();
        assert_eq!(
            (owner, licence.as_str()),
            (a.user_id, "anBlZw=="),
            "{backend}"
        );

        // Approved once: the second decision, either way, is refused.
        supplier::approve(db, &ops, id).await.unwrap();
        let twice = supplier::approve(db, &ops, id).await;
        assert!(
            matches!(twice, Err(DecideError::AlreadyDecided)),
            "{backend}"
        );
        let late = supplier::reject(db, &ops, id, "late").await;
        assert!(
            matches!(late, Err(DecideError::AlreadyDecided)),
            "{backend}"
        );
        let none = supplier::approve(db, &ops, 999_999).await;
        assert!(matches!(none, Err(DecideError::NotFound)), "{backend}");
        assert_eq!(
            supplier::active_company(db, a.user_id)
                .await
                .unwrap()
                .as_deref(),
            Some("West Lake Tea Co."),
            "{backend}"
        );
        let role: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role = 'supplier'",
        )
        .bind(a.user_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(role, 1, "{backend}");
        let warehouses = app::db::stock::warehouses(db, Scope::Only(Owner::Supplier(a.user_id)))
            .await
            .unwrap();
        assert_eq!(warehouses.len(), 1, "{backend}");
        assert_eq!(
            (warehouses[0].name.as_str(), warehouses[0].region.as_str()),
            ("West Lake Tea Co.", "ZJ")
        );
        let again = supplier::apply(db, a.user_id, &valid, b"jpeg").await;
        assert!(
            matches!(again, Err(ApplyError::AlreadySupplier)),
            "{backend}"
        );

        // Rejected with a reason; the applicant may apply again.
        let b_id = supplier::apply(db, b.user_id, &form("Tea Two").parse().unwrap(), b"jpeg")
            .await
            .unwrap();
        supplier::reject(db, &ops, b_id, "The licence photo is unreadable.")
            .await
            .unwrap();
        let latest = supplier::latest_application(db, Locale::En, b.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.status, ApplicationStatus::Rejected, "{backend}");
        assert_eq!(latest.reason, "The licence photo is unreadable.");
        assert!(supplier::active_company(db, b.user_id)
            .await
            .unwrap()
            .is_none());
        supplier::apply(db, b.user_id, &form("Tea Two").parse().unwrap(), b"jpeg")
            .await
            .unwrap();

        // Each applicant was told once, and each decision is in the audit log.
        let mails: Vec<(String, String)> = sqlx::query_as(
            "SELECT recipient, kind FROM outbox WHERE kind LIKE 'supplier%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            mails,
            vec![
                ("a@example.com".into(), "supplier_approved".into()),
                ("b@example.com".into(), "supplier_rejected".into()),
            ],
            "{backend}"
        );
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = 'supplier'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(audited, 2, "{backend}");
        t.close().await;
    }
}

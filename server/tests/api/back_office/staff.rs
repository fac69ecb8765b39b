//! Staff permissions through the console: grant, change, remove; the last operator who can
//! grant permissions keeps that; every change is in the audit log, filtered by object and person.

use super::staff_member;
use crate::test_app::TestApp;
use app::api::admin::audit::AuditLog;
use app::api::admin::staff::{ListStaff, SetStaffPermissions};
use app::domain::audit::{Action, AuditEntry, ObjectKind};
use app::domain::form::{Field, Problem};
use app::domain::staff::{Permission, StaffMember};
use app::error::{AppError, Refusal};
use axum::http::StatusCode;

#[tokio::test]
async fn operators_grant_and_remove_permissions_and_the_log_says_who_did_it() {
    for t in TestApp::each(false).await {
        let backend = t.backend();
        let mut boss = staff_member(&t, "boss@example.com", &Permission::ALL).await;
        let mut clerk = staff_member(&t, "clerk@example.com", &[]).await;
        // The helper's keeper steps down: the boss alone can grant permissions now.
        let keeper = app::db::account::user_id_by_email(t.db(), "keeper@example.com")
            .await
            .unwrap()
            .unwrap();
        let setup = app::domain::audit::AuditActor {
            user_id: keeper,
            email: "setup@example.com".into(),
        };
        app::db::staff::set_permissions(t.db(), &setup, keeper, &[])
            .await
            .unwrap();

        // A customer becomes staff with the ticked permissions and can use them at once.
        let answer = boss
            .call::<SetStaffPermissions>(&[
                ("email", "clerk@example.com"),
                ("catalog", "on"),
                ("orders", "on"),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let staff: Vec<StaffMember> = boss.call::<ListStaff>(&[]).await.json();
        let clerk_row = staff
            .iter()
            .find(|m| m.email == "clerk@example.com")
            .unwrap();
        assert_eq!(
            clerk_row.permissions,
            vec![Permission::Catalog, Permission::Orders]
        );
        assert_eq!(
            clerk.call::<ListStaff>(&[]).await.status,
            StatusCode::FORBIDDEN,
            "{backend}: the clerk may not manage staff"
        );

        // Unknown accounts and bad emails are refused at the email field.
        for email in ["nobody@example.com", "not an email"] {
            let error = boss
                .call::<SetStaffPermissions>(&[("email", email), ("catalog", "on")])
                .await
                .error();
            let AppError::Invalid(problems) = error else {
                panic!("{backend}: {error:?}")
            };
            assert_eq!(problems[0].field, Field::Email);
            if email.contains('@') {
                assert_eq!(problems[0].problem, Problem::NoSuchAccount);
            }
        }

        // The only operator who can grant permissions cannot drop that, nor leave the staff.
        for fields in [
            vec![("email", "boss@example.com"), ("catalog", "on")],
            vec![("email", "boss@example.com")],
        ] {
            assert_eq!(
                boss.call::<SetStaffPermissions>(&fields).await.error(),
                AppError::Refused(Refusal::LastUserManager),
                "{backend}"
            );
        }
        // Once the clerk can, the boss can step back.
        boss.call::<SetStaffPermissions>(&[("email", "clerk@example.com"), ("users", "on")])
            .await;
        let answer = boss
            .call::<SetStaffPermissions>(&[("email", "boss@example.com"), ("finance", "on")])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        assert_eq!(
            boss.call::<ListStaff>(&[]).await.status,
            StatusCode::FORBIDDEN,
            "{backend}: the change applies to the next request"
        );

        // The clerk removes the boss from the staff; the log has every step.
        let answer = clerk
            .call::<SetStaffPermissions>(&[("email", "boss@example.com")])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{backend}: {}", answer.body);
        let staff: Vec<StaffMember> = clerk.call::<ListStaff>(&[]).await.json();
        assert!(
            !staff.iter().any(|m| m.email == "boss@example.com"),
            "{backend}"
        );

        let by_clerk: Vec<AuditEntry> = clerk
            .call::<AuditLog>(&[
                ("kind", "staff"),
                ("object_id", ""),
                ("person", "CLERK@example.com"),
            ])
            .await
            .json();
        assert_eq!(by_clerk.len(), 1, "{backend}: {by_clerk:?}");
        assert_eq!(by_clerk[0].action, Action::Delete);
        assert_eq!(by_clerk[0].changes[0].field, "permissions");
        assert_eq!(by_clerk[0].changes[0].before.as_deref(), Some("finance"));
        assert_eq!(by_clerk[0].changes[0].after, None);

        let boss_id = by_clerk[0].object_id.clone();
        let about_boss: Vec<AuditEntry> = clerk
            .call::<AuditLog>(&[("kind", "staff"), ("object_id", &boss_id), ("person", "")])
            .await
            .json();
        // Newest first: removed by the clerk, narrowed by the boss himself, set up in the test.
        let steps: Vec<(&str, Action)> = about_boss
            .iter()
            .map(|e| (e.actor_email.as_str(), e.action))
            .collect();
        assert_eq!(
            steps,
            vec![
                ("clerk@example.com", Action::Delete),
                ("boss@example.com", Action::Update),
                ("setup@example.com", Action::Update),
            ],
            "{backend}"
        );
        assert!(about_boss
            .iter()
            .all(|e| e.object_kind == ObjectKind::Staff));
        t.close().await;
    }
}

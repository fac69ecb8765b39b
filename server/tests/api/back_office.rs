//! The back office through the real router on both databases: who may call each server
//! function, staff permissions, categories, the audit log and the dashboard.

mod categories;
mod dashboard;
mod images;
mod owners;
mod permissions;
mod product_csv;
mod products;
mod promotion_scopes;
mod promotions;
mod staff;
mod stock;

use crate::browser::{register, Browser};
use crate::test_app::TestApp;
use app::domain::audit::AuditActor;
use app::domain::staff::Permission;

/// A signed-in operator holding only the suppliers permission.
pub(crate) async fn staff_member_for_suppliers(t: &TestApp) -> Browser {
    staff_member(t, "suppliers-desk@example.com", &[Permission::Suppliers]).await
}

/// A signed-in account holding exactly `permissions` (none: a plain customer), registered from
/// its own address so the sign-up limits of one address are not reached.
async fn staff_member(t: &TestApp, email: &str, permissions: &[Permission]) -> Browser {
    let n: u32 = email.bytes().map(u32::from).sum::<u32>() % 250 + 1;
    let mut browser = t.browser_from(&format!("198.51.100.{n}"));
    let user = register(&mut browser, email).await;
    if !permissions.is_empty() {
        let setup = AuditActor {
            user_id: user.id,
            email: "setup@example.com".into(),
        };
        // Granted straight in the database: the console's own route is under test elsewhere.
        // Someone else keeps the users permission, so narrower sets are not refused as
        // locking the shop.
        server::accounts::create_admin(t.db(), "keeper@example.com", "keep-the-keys-1")
            .await
            .unwrap();
        app::db::staff::grant_everything(t.db(), user.id)
            .await
            .unwrap();
        app::db::staff::set_permissions(t.db(), &setup, user.id, permissions)
            .await
            .unwrap();
    }
    browser
}

//! Every back-office server function × guest, customer, operator without its permission and
//! operator with it: only the last may act.

use super::staff_member;
use crate::browser::{path, Browser};
use crate::test_app::TestApp;
use app::api::admin::audit::AuditLog;
use app::api::admin::catalog::{AdminProducts, AdminStock, AdminSuppliers};
use app::api::admin::categories::{
    AdminCategories, DeleteCategory, HideCategory, MoveCategory, SaveCategory,
};
use app::api::admin::dashboard::DashboardFigures;
use app::api::admin::product_csv::{ExportProductsCsv, ImportProductsCsv, ImportProgress};
use app::api::admin::product_review::{ApproveSubmission, RejectSubmission, ReviewQueue};
use app::api::admin::products::{ProductEditor, ProductRevisions, SaveProduct, UploadProductImage};
use app::api::admin::promotions::{
    AdminPromotions, ChangePromotion, CreateCoupon, CreateFlashSale, CreateFullReduction,
    GiveCoupon, RemoveMemberPrice, SetMemberPrice, SetStackingOrder,
};
use app::api::admin::staff::{ListStaff, SetStaffPermissions};
use app::api::admin::stock::{
    AdjustStock, AdminWarehouses, DefaultLowStock, SaveWarehouse, SetDefaultLowStock,
    SetSkuLowStock, SkuStock, TransferStock,
};
use app::api::admin::{AdminListOrders, DecideAfterSale, ListOutbox, ReceiveReturn, ShipOrder};
use app::api::supplier::{
    ApproveSupplier, RejectSupplier, SetSupplierSuspended, SupplierApplications, SupplierRatings,
};
use app::domain::staff::Permission;
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

/// One server function: its address, the fields of a well-formed call, the permission it needs.
struct Guarded {
    path: &'static str,
    fields: Vec<(&'static str, String)>,
    needs: Permission,
}

fn guarded<F: ServerFn>(needs: Permission, fields: &[(&'static str, &str)]) -> Guarded {
    Guarded {
        path: path::<F>(),
        fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        needs,
    }
}

async fn call(browser: &mut Browser, g: &Guarded) -> StatusCode {
    let fields: Vec<(&str, &str)> = g.fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post_form(g.path, &fields).await.status
}

#[tokio::test]
async fn only_an_operator_holding_the_permission_may_call_a_back_office_function() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let category: i64 = sqlx::query_scalar("SELECT MAX(id) FROM categories")
            .fetch_one(t.db().pool())
            .await
            .unwrap();
        let category = category.to_string();
        let all = [
            guarded::<ListStaff>(Permission::Users, &[]),
            guarded::<SetStaffPermissions>(
                Permission::Users,
                &[("email", "nobody@example.com"), ("catalog", "on")],
            ),
            guarded::<AuditLog>(
                Permission::Users,
                &[("kind", ""), ("object_id", ""), ("person", "")],
            ),
            guarded::<AdminCategories>(Permission::Catalog, &[]),
            guarded::<SaveCategory>(
                Permission::Catalog,
                &[
                    ("slug", "matrix"),
                    ("name_zh_hant", "矩陣"),
                    ("name_zh_hans", "矩阵"),
                    ("name_en", "Matrix"),
                    ("parent", ""),
                ],
            ),
            guarded::<MoveCategory>(
                Permission::Catalog,
                &[("id", &category), ("direction", "up")],
            ),
            guarded::<HideCategory>(
                Permission::Catalog,
                &[("id", &category), ("hidden", "false")],
            ),
            guarded::<DeleteCategory>(Permission::Catalog, &[("id", "999999")]),
            guarded::<AdminProducts>(Permission::Catalog, &[("page", "0")]),
            guarded::<ProductEditor>(Permission::Catalog, &[]),
            guarded::<ExportProductsCsv>(Permission::Catalog, &[]),
            guarded::<ProductRevisions>(Permission::Catalog, &[("id", "1")]),
            guarded::<ImportProgress>(Permission::Catalog, &[("token", "t")]),
            guarded::<AdminStock>(Permission::Catalog, &[("low_only", "true"), ("page", "0")]),
            guarded::<AdminWarehouses>(Permission::Catalog, &[]),
            guarded::<SaveWarehouse>(Permission::Catalog, &[("name", "x"), ("region", "XX")]),
            guarded::<AdjustStock>(
                Permission::Catalog,
                &[
                    ("sku_id", "1"),
                    ("warehouse", "1"),
                    ("quantity", "1"),
                    ("reason", "Count"),
                ],
            ),
            guarded::<SkuStock>(Permission::Catalog, &[("sku_id", "1")]),
            guarded::<TransferStock>(
                Permission::Catalog,
                &[
                    ("sku_id", "1"),
                    ("from", "1"),
                    ("to", "2"),
                    ("quantity", "1"),
                    ("reason", "Move"),
                ],
            ),
            guarded::<DefaultLowStock>(Permission::Catalog, &[]),
            guarded::<SetDefaultLowStock>(Permission::Catalog, &[("threshold", "5")]),
            guarded::<SetSkuLowStock>(Permission::Catalog, &[("sku_id", "1"), ("threshold", "")]),
            guarded::<AdminSuppliers>(Permission::Suppliers, &[]),
            guarded::<SupplierApplications>(Permission::Suppliers, &[]),
            guarded::<ApproveSupplier>(Permission::Suppliers, &[("application_id", "999999")]),
            guarded::<RejectSupplier>(
                Permission::Suppliers,
                &[("application_id", "999999"), ("reason", "No.")],
            ),
            guarded::<ReviewQueue>(Permission::Review, &[]),
            guarded::<ApproveSubmission>(Permission::Review, &[("submission_id", "999999")]),
            guarded::<RejectSubmission>(
                Permission::Review,
                &[("submission_id", "999999"), ("reason", "No.")],
            ),
            guarded::<SupplierRatings>(Permission::Suppliers, &[]),
            guarded::<SetSupplierSuspended>(
                Permission::Suppliers,
                &[("user_id", "999999"), ("suspend", "true")],
            ),
            guarded::<DashboardFigures>(Permission::Finance, &[("from", ""), ("to", "")]),
            guarded::<ListOutbox>(Permission::Settings, &[]),
            guarded::<AdminPromotions>(Permission::Marketing, &[]),
            guarded::<CreateFullReduction>(
                Permission::Marketing,
                &[("name", ""), ("tiers", ""), ("starts", ""), ("ends", "")],
            ),
            guarded::<CreateCoupon>(Permission::Marketing, &[("form[name]", "")]),
            guarded::<CreateFlashSale>(Permission::Marketing, &[("form[name]", "")]),
            guarded::<SetStackingOrder>(Permission::Marketing, &[("order", "")]),
            guarded::<GiveCoupon>(
                Permission::Marketing,
                &[("coupon_id", "0"), ("segment", "all")],
            ),
            guarded::<SetMemberPrice>(Permission::Marketing, &[("form[sku_code]", "")]),
            guarded::<RemoveMemberPrice>(
                Permission::Marketing,
                &[("sku_code", "X"), ("tier", "silver")],
            ),
            guarded::<ChangePromotion>(
                Permission::Marketing,
                &[("kind", "coupon"), ("id", "0"), ("change", "pause")],
            ),
            guarded::<AdminListOrders>(Permission::Orders, &[("tab", "all"), ("search", "")]),
            guarded::<ShipOrder>(
                Permission::Orders,
                &[
                    ("order_no", "J0"),
                    ("carrier", "sf"),
                    ("tracking_no", "SF1234567890"),
                ],
            ),
            guarded::<DecideAfterSale>(
                Permission::Orders,
                &[
                    ("request_id", "999999"),
                    ("approve", "false"),
                    ("message", "No."),
                ],
            ),
            guarded::<ReceiveReturn>(
                Permission::Orders,
                &[
                    ("request_id", "999999"),
                    ("carrier", ""),
                    ("tracking_no", ""),
                ],
            ),
        ];
        // Someone has to keep the users permission, or the staff checks would refuse changes.
        let _owner = staff_member(&t, "owner@example.com", &Permission::ALL).await;
        let mut customer = staff_member(&t, "customer@example.com", &[]).await;
        let mut guest = t.browser();
        for permission in Permission::ALL {
            let others: Vec<Permission> = Permission::ALL
                .into_iter()
                .filter(|p| *p != permission)
                .collect();
            let mut without = staff_member(
                &t,
                &format!("without-{}@example.com", permission.as_str()),
                &others,
            )
            .await;
            let mut with = staff_member(
                &t,
                &format!("with-{}@example.com", permission.as_str()),
                &[permission],
            )
            .await;
            for g in all.iter().filter(|g| g.needs == permission) {
                assert_eq!(
                    call(&mut guest, g).await,
                    StatusCode::UNAUTHORIZED,
                    "{backend} guest {}",
                    g.path
                );
                assert_eq!(
                    call(&mut customer, g).await,
                    StatusCode::FORBIDDEN,
                    "{backend} customer {}",
                    g.path
                );
                assert_eq!(
                    call(&mut without, g).await,
                    StatusCode::FORBIDDEN,
                    "{backend} without {permission:?} {}",
                    g.path
                );
                let allowed = call(&mut with, g).await;
                assert!(
                    allowed != StatusCode::FORBIDDEN && allowed != StatusCode::UNAUTHORIZED,
                    "{backend} with {permission:?} {}: {allowed}",
                    g.path
                );
            }
        }
        // The three that take JSON or a multipart body (the catalog permission), the same way.
        let mut without = staff_member(&t, "no-catalog@example.com", &[Permission::Orders]).await;
        let mut with = staff_member(&t, "catalog-only@example.com", &[Permission::Catalog]).await;
        let form = serde_json::json!({
            "form": {
                "id": null, "version": 0, "category_id": null,
                "name_zh_hant": "", "name_zh_hans": "", "name_en": "",
                "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
                "axes": [], "skus": [],
            },
            "publish": false,
        });
        let image = Some(("image", "x.png", "image/png", b"not a picture".as_slice()));
        let csv = Some(("file", "x.csv", "text/csv", b"product\n".as_slice()));
        let mut statuses = Vec::new();
        for who in [&mut guest, &mut customer, &mut without, &mut with] {
            statuses.push((
                who.call_json::<SaveProduct>(form.clone()).await.status,
                who.call_multipart::<UploadProductImage>(&[], image)
                    .await
                    .status,
                who.call_multipart::<ImportProductsCsv>(&[], csv)
                    .await
                    .status,
            ));
        }
        let (u, f) = (StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN);
        assert_eq!(statuses[0], (u, u, u), "{backend} guest");
        assert_eq!(statuses[1], (f, f, f), "{backend} customer");
        assert_eq!(statuses[2], (f, f, f), "{backend} without catalog");
        for status in [statuses[3].0, statuses[3].1, statuses[3].2] {
            assert!(
                status != u && status != f,
                "{backend} with catalog: {status}"
            );
        }
        // Every function above was tried by someone allowed.
        for permission in Permission::ALL {
            assert!(
                all.iter().any(|g| g.needs == permission),
                "{permission:?} guards nothing"
            );
        }
        t.close().await;
    }
}

//! Supplier applications on both databases: applying (one waiting at a time), the operator's
//! approval (role, supplier record, first warehouse, mail, audit) and rejection (reason, mail,
//! may apply again), and decisions taken once.

mod dashboard;
mod parcels;
pub(crate) mod product_review;
mod rating;

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
            supplier::overview(db, a.user_id)
                .await
                .unwrap()
                .map(|o| (o.company, o.active)),
            Some(("West Lake Tea Co.".to_string(), true)),
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
        assert!(supplier::status(db, b.user_id).await.unwrap().is_none());
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

fn licence_photo() -> Vec<u8> {
    use image::ImageEncoder;
    let picture = image::RgbImage::from_fn(640, 420, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 200])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&picture, 640, 420, image::ExtendedColorType::Rgb8)
        .unwrap();
    png
}

/// Signs a new account in from its own address.
pub(super) async fn member(t: &TestApp, email: &str) -> (crate::browser::Browser, i64) {
    let n: u32 = email.bytes().map(u32::from).sum::<u32>() % 250 + 1;
    let mut browser = t.browser_from(&format!("203.0.113.{n}"));
    let user = crate::browser::register(&mut browser, email).await;
    (browser, user.id)
}

#[tokio::test]
async fn a_shopper_applies_an_operator_approves_and_the_console_shows_only_its_own_goods() {
    use app::api::admin::catalog::AdminStock;
    use app::api::admin::products::EditorData;
    use app::api::admin::stock::{AdjustStock, AdminWarehouses, SetSkuLowStock, SkuStock};
    use app::api::supplier::{
        ApplyAsSupplier, ApproveSupplier, LicenceImage, MyRating, RejectSupplier,
        SetSupplierSuspended, SubmitProduct, SupplierApplications, SupplierApplyPage,
        SupplierDashboard, SupplierFigures, SupplierOrders, SupplierProductEditor,
        SupplierProducts,
    };
    use app::domain::catalog::back_office::StockRow;
    use app::domain::catalog::product_edit::{ProductForm, SavedProduct};
    use app::domain::form::{Field, Problem};
    use app::domain::stock::Warehouse;
    use app::domain::supplier::{Application, ApplyPage, SupplierOverview};
    use app::error::{AppError, Refusal};
    use axum::http::StatusCode;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let (mut shopper, shopper_id) = member(&t, "tea-farm@example.com").await;
        let (mut other, _) = member(&t, "nosy@example.com").await;
        let page: ApplyPage = shopper.call::<SupplierApplyPage>(&[]).await.json();
        assert!(
            page.supplier.is_none() && page.latest.is_none(),
            "{backend}"
        );
        let category = page.categories[0].0.to_string();
        let second = page.categories[1].0.to_string();

        // Every bad field at once; nothing stored.
        let bad = shopper
            .call_multipart::<ApplyAsSupplier>(
                &[
                    ("company", "X"),
                    ("contact", ""),
                    ("phone", "1"),
                    ("licence_number", "123"),
                    ("region", "ZJ"),
                ],
                Some(("licence", "l.svg", "image/svg+xml", b"<svg/>".as_slice())),
            )
            .await
            .error();
        assert!(
            matches!(&bad, AppError::Invalid(p) if p.iter().any(|p| p.field == Field::LicenceImage)),
            "{backend}: {bad:?}"
        );
        let bad = shopper
            .call_multipart::<ApplyAsSupplier>(
                &[
                    ("company", "X"),
                    ("contact", ""),
                    ("phone", "1"),
                    ("licence_number", "123"),
                    ("region", "ZJ"),
                ],
                None,
            )
            .await
            .error();
        let AppError::Invalid(problems) = bad else {
            panic!("{backend}: {bad:?}")
        };
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Company,
                Field::Contact,
                Field::Phone,
                Field::LicenceNumber,
                Field::Categories,
                Field::LicenceImage
            ],
            "{backend}"
        );
        assert!(problems
            .iter()
            .any(|p| p.problem == Problem::LicenceNumberInvalid));

        let photo = licence_photo();
        let fields = [
            ("company", "Misty Peak Tea"),
            ("contact", "Chen Wu"),
            ("phone", "+852 9123 4567"),
            ("licence_number", "12345678"),
            ("region", "ZJ"),
            ("categories", category.as_str()),
            ("categories", second.as_str()),
        ];
        let sent = shopper
            .call_multipart::<ApplyAsSupplier>(
                &fields,
                Some(("licence", "l.png", "image/png", &photo)),
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{backend}: {}", sent.body);
        let twice = shopper
            .call_multipart::<ApplyAsSupplier>(
                &fields,
                Some(("licence", "l.png", "image/png", &photo)),
            )
            .await
            .error();
        assert_eq!(
            twice,
            AppError::Refused(Refusal::ApplicationPending),
            "{backend}"
        );

        // Operators holding the suppliers permission see it and its licence; nobody else does.
        let mut ops = crate::back_office::staff_member_for_suppliers(&t).await;
        let listed: Vec<Application> = ops.call::<SupplierApplications>(&[]).await.json();
        let application = listed
            .iter()
            .find(|a| a.user_id == shopper_id)
            .unwrap()
            .clone();
        assert_eq!(
            application.categories.len(),
            2,
            "{backend}: both chosen categories"
        );
        assert_eq!(
            other.call::<SupplierApplications>(&[]).await.status,
            StatusCode::FORBIDDEN
        );
        let id = application.id.to_string();
        let image: String = ops
            .call::<LicenceImage>(&[("application_id", &id)])
            .await
            .json();
        assert!(
            image.starts_with("data:image/jpeg;base64,/9j/"),
            "{backend}: a JPEG"
        );
        let own: String = shopper
            .call::<LicenceImage>(&[("application_id", &id)])
            .await
            .json();
        assert_eq!(own, image);
        assert_eq!(
            other
                .call::<LicenceImage>(&[("application_id", &id)])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // Not a supplier yet: the console refuses.
        assert_eq!(
            shopper.call::<SupplierDashboard>(&[]).await.status,
            StatusCode::FORBIDDEN
        );
        // A reason is needed to reject; a customer may not decide.
        let no_reason = ops
            .call::<RejectSupplier>(&[("application_id", &id), ("reason", " ")])
            .await
            .error();
        assert!(
            matches!(&no_reason, AppError::Invalid(p) if p[0].field == Field::Reason),
            "{backend}"
        );
        assert_eq!(
            other
                .call::<ApproveSupplier>(&[("application_id", &id)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let approved = ops
            .call::<ApproveSupplier>(&[("application_id", &id)])
            .await;
        assert_eq!(
            approved.status,
            StatusCode::OK,
            "{backend}: {}",
            approved.body
        );
        let again = ops
            .call::<ApproveSupplier>(&[("application_id", &id)])
            .await
            .error();
        assert_eq!(
            again,
            AppError::Refused(Refusal::ApplicationDecided),
            "{backend}"
        );

        // The console: its own company and warehouse, none of the platform's goods or orders.
        let overview: SupplierOverview = shopper.call::<SupplierDashboard>(&[]).await.json();
        assert_eq!(overview.company, "Misty Peak Tea", "{backend}");
        assert_eq!(
            (overview.products, overview.warehouses.len()),
            (0, 1),
            "{backend}"
        );
        let products: Vec<serde_json::Value> = shopper
            .call::<SupplierProducts>(&[("page", "0")])
            .await
            .json();
        assert!(
            products.is_empty(),
            "{backend}: the platform's products are not its own"
        );
        let stock: Vec<serde_json::Value> = shopper
            .call::<AdminStock>(&[("low_only", "false"), ("page", "0")])
            .await
            .json();
        assert!(stock.is_empty(), "{backend}");
        let orders: app::domain::supplier::ParcelList =
            shopper.call::<SupplierOrders>(&[]).await.json();
        assert!(orders.parcels.is_empty(), "{backend}");
        // Another account is no supplier; a guest is asked to sign in.
        for call in [
            other.call::<SupplierDashboard>(&[]).await.status,
            other
                .call::<SupplierProducts>(&[("page", "0")])
                .await
                .status,
            other
                .call::<AdminStock>(&[("low_only", "false"), ("page", "0")])
                .await
                .status,
            other.call::<SupplierOrders>(&[]).await.status,
            other
                .call::<SupplierFigures>(&[("from", ""), ("to", "")])
                .await
                .status,
            other.call::<MyRating>(&[]).await.status,
        ] {
            assert_eq!(call, StatusCode::FORBIDDEN, "{backend}");
        }
        assert_eq!(
            t.browser().call::<SupplierDashboard>(&[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            t.browser().call::<SupplierApplyPage>(&[]).await.status,
            StatusCode::UNAUTHORIZED
        );

        // A supplier's goods show in its console only: one of its own appears once it owns one.
        sqlx::query("UPDATE products SET owner_id = $1 WHERE id = 1")
            .bind(shopper_id)
            .execute(t.db().pool())
            .await
            .unwrap();
        let products: Vec<serde_json::Value> = shopper
            .call::<SupplierProducts>(&[("page", "0")])
            .await
            .json();
        assert_eq!(products.len(), 1, "{backend}");
        let page: ApplyPage = shopper.call::<SupplierApplyPage>(&[]).await.json();
        assert_eq!(page.supplier.as_deref(), Some("Misty Peak Tea"));

        // The back office's stock functions serve its console, kept to its own goods and
        // warehouses.
        let rows: Vec<StockRow> = shopper
            .call::<AdminStock>(&[("low_only", "false"), ("page", "0")])
            .await
            .json();
        assert!(
            !rows.is_empty() && rows.iter().all(|r| r.product_id == 1),
            "{backend}: {rows:?}"
        );
        let warehouses: Vec<Warehouse> = shopper.call::<AdminWarehouses>(&[]).await.json();
        assert_eq!(warehouses.len(), 1, "{backend}: its own warehouse only");
        let own_warehouse = warehouses[0].id.to_string();
        let platform_sku: i64 = sqlx::query_scalar(
            "SELECT MIN(s.id) FROM skus s JOIN products p ON p.id = s.product_id \
             WHERE p.owner_id IS NULL",
        )
        .fetch_one(t.db().pool())
        .await
        .unwrap();
        let platform_sku = platform_sku.to_string();
        for call in [
            shopper
                .call::<AdjustStock>(&[
                    ("sku_id", &platform_sku),
                    ("warehouse", &own_warehouse),
                    ("quantity", "5"),
                    ("reason", "Mine now"),
                ])
                .await
                .status,
            shopper
                .call::<SkuStock>(&[("sku_id", &platform_sku)])
                .await
                .status,
            shopper
                .call::<SetSkuLowStock>(&[("sku_id", &platform_sku), ("threshold", "1")])
                .await
                .status,
        ] {
            assert_eq!(call, StatusCode::NOT_FOUND, "{backend}: the platform's SKU");
        }
        let own_sku = rows[0].sku_id.to_string();
        let adjusted = shopper
            .call::<AdjustStock>(&[
                ("sku_id", &own_sku),
                ("warehouse", &own_warehouse),
                ("quantity", "5"),
                ("reason", "Received from the farm"),
            ])
            .await;
        assert_eq!(
            adjusted.status,
            StatusCode::OK,
            "{backend}: {}",
            adjusted.body
        );

        // Its editor opens its own product only, and its edit of a live one waits for review.
        let editor: EditorData = shopper
            .call::<SupplierProductEditor>(&[("id", "1")])
            .await
            .json();
        let mut form = editor.product.unwrap().form;
        assert_eq!(
            shopper
                .call::<SupplierProductEditor>(&[("id", "2")])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}: the platform's product"
        );
        form.name_en = "Misty Peak Oolong".into();
        let mut foreign = form.clone();
        foreign.id = Some(2);
        let submit = |form: &ProductForm| serde_json::json!({ "form": form, "submit": true });
        assert_eq!(
            shopper
                .call_json::<SubmitProduct>(submit(&foreign))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}: submitted over the platform's product"
        );
        let saved: SavedProduct = shopper
            .call_json::<SubmitProduct>(submit(&form))
            .await
            .json();
        assert!(saved.in_review, "{backend}");
        let draft = serde_json::json!({ "form": form, "submit": false });
        assert_eq!(
            shopper.call_json::<SubmitProduct>(draft).await.error(),
            AppError::Refused(Refusal::LiveNeedsReview),
            "{backend}"
        );
        for status in [
            other.call_json::<SubmitProduct>(submit(&form)).await.status,
            other
                .call::<SupplierProductEditor>(&[("id", "1")])
                .await
                .status,
        ] {
            assert_eq!(status, StatusCode::FORBIDDEN, "{backend}");
        }

        // Suspended: its goods leave the shop; it still reads its orders but changes nothing.
        let user_id = shopper_id.to_string();
        let suspended = ops
            .call::<SetSupplierSuspended>(&[("user_id", &user_id), ("suspend", "true")])
            .await;
        assert_eq!(
            suspended.status,
            StatusCode::OK,
            "{backend}: {}",
            suspended.body
        );
        let overview: SupplierOverview = shopper.call::<SupplierDashboard>(&[]).await.json();
        assert!(!overview.active, "{backend}");
        assert_eq!(
            shopper.call::<SupplierOrders>(&[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            shopper
                .call_json::<SubmitProduct>(submit(&form))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            other
                .call::<SetSupplierSuspended>(&[("user_id", &user_id), ("suspend", "false")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        t.close().await;
    }
}

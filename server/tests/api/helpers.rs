//! Helpers shared by the test modules that need no `TestApp` (e.g. inside spawned tasks).

use app::db::Db;

/// The sandbox gateway's signing key in tests (tests sign callbacks as the gateway would).
pub const PAYMENT_SECRET: &str = "test-sandbox-secret";

/// Places a guest's order for `lines` ((SKU, quantity)) straight through the storage layer, to
/// an address in Shenzhen; `pay_within_seconds` may be negative for an order already overdue.
pub async fn place_guest_order(
    db: &Db,
    token: &str,
    lines: &[(i64, i64)],
    pay_within_seconds: i64,
) -> app::db::order::PlaceOutcome {
    place_order_with(db, token, None, lines, pay_within_seconds, &[], 0, None).await
}

/// The same for a member (`user_id`) or a guest, with coupon copies, points and the total the
/// page showed.
#[allow(clippy::too_many_arguments)]
pub async fn place_order_with(
    db: &Db,
    token: &str,
    user_id: Option<i64>,
    lines: &[(i64, i64)],
    pay_within_seconds: i64,
    coupons: &[i64],
    points: i64,
    expected_total: Option<app::domain::money::Money>,
) -> app::db::order::PlaceOutcome {
    use app::domain::account::{AddressForm, ValidAddress};
    let address = ValidAddress::parse(&AddressForm {
        recipient: "王小明".into(),
        phone: "13800138000".into(),
        region: "GD".into(),
        city: "深圳市".into(),
        detail: "南山區科技園 1 號".into(),
        postal_code: "518000".into(),
    })
    .unwrap();
    app::db::order::place_order(
        db,
        app::db::order::NewOrder {
            checkout_token: token,
            user_id,
            email: "guest@example.com",
            locale: app::i18n::Locale::En,
            lines,
            address: &address,
            shipping: app::domain::pricing::ShippingMethod::Standard,
            pay_within_seconds,
            site_url: "https://shop.example",
            coupons,
            points,
            expected_total,
            visit: None,
            limit: None,
        },
    )
    .await
    .unwrap()
}

/// An account named by `email` to own goods or apply as a supplier, as the actor the
/// repository's writes take (made with `create-admin`: any user may own goods).
pub async fn account_actor(db: &Db, email: &str) -> app::domain::audit::AuditActor {
    server::accounts::create_admin(db, email, "owner-scope-2026")
        .await
        .unwrap();
    let id = app::db::account::user_id_by_email(db, email)
        .await
        .unwrap()
        .unwrap();
    app::domain::audit::AuditActor {
        user_id: id,
        email: email.into(),
    }
}

/// The editor's form of a new product filed under Tea with one SKU: `name` in every language,
/// `price` in yuan and `stock` units as typed.
pub async fn tea_form(
    db: &Db,
    name: &str,
    price: &str,
    stock: &str,
) -> app::domain::catalog::product_edit::ProductForm {
    let tea: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'tea'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    serde_json::from_value(serde_json::json!({
        "id": null, "version": 0, "category_id": tea,
        "name_zh_hant": name, "name_zh_hans": name, "name_en": name,
        "description_zh_hant": "", "description_zh_hans": "", "description_en": "",
        "axes": [], "skus": [{ "values": [], "price": price, "stock": stock }],
    }))
    .unwrap()
}

/// The order's first parcel on its way, as the tracking job reads it.
pub async fn parcel_in_transit(db: &Db, order_id: i64) -> app::db::order::lifecycle::Parcel {
    app::db::order::lifecycle::parcels_in_transit(db, 1_000)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.order_id == order_id)
        .expect("a parcel of the order is on its way")
}

//! Orders split by owner, on both databases: an order of the platform's and a supplier's goods
//! is two parcels; each owner ships its own (another's is not found), the order is partly shipped
//! until both left, delivered once both arrived, and a return of the supplier's parcel is decided
//! and received by that supplier and refunds that parcel's share only.

use crate::test_app::TestApp;
use app::db::catalog::product_review as review;
use app::db::order::after_sale::{decide_after_sale, open_after_sale, receive_return};
use app::db::order::lifecycle::{self, MoveError};
use app::db::Db;
use app::domain::audit::AuditActor;
use app::domain::locale::Locale;
use app::domain::order::after_sale::AfterSaleKind;
use app::domain::order::{Actor, OrderStatus};
use app::domain::owner::{Owner, Scope};
use app::domain::payment::{PaymentNotice, PaymentOutcome};

/// An order, paid through the sandbox, of one unit of a platform SKU and two of supplier A's.
struct TwoOwners {
    order_id: i64,
    order_no: String,
    a: AuditActor,
    b: AuditActor,
    a_sku: i64,
    reference: String,
}

/// Two approved suppliers made by `create-admin` (the storage tests act below the server
/// functions, where roles do not matter).
async fn two_suppliers(db: &Db, token: &str) -> (AuditActor, AuditActor) {
    let ops = crate::helpers::account_actor(db, "ops@example.com").await;
    let a =
        super::product_review::approved_supplier(db, &format!("a-{token}@example.com"), &ops).await;
    let b =
        super::product_review::approved_supplier(db, &format!("b-{token}@example.com"), &ops).await;
    (a, b)
}

async fn two_owner_order(db: &Db, token: &str, a: AuditActor, b: AuditActor) -> TwoOwners {
    let ops = crate::helpers::account_actor(db, "ops@example.com").await;
    let scope = Scope::Only(Owner::Supplier(a.user_id));
    let form = crate::helpers::tea_form(db, &format!("A's Tea {token}"), "30", "10").await;
    let saved = review::submit(db, scope, &a, &form, &form.parse().unwrap())
        .await
        .unwrap();
    let queue = review::queue(db, Scope::AllOwners, Locale::En)
        .await
        .unwrap();
    let submission = queue
        .iter()
        .find(|q| q.product_id == saved.id)
        .unwrap()
        .submission_id;
    review::approve(db, &ops, submission).await.unwrap();
    let a_sku: i64 = sqlx::query_scalar("SELECT id FROM skus WHERE product_id = $1")
        .bind(saved.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    let platform_sku: i64 = sqlx::query_scalar(
        "SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id \
         WHERE p.owner_id IS NULL AND p.status = 'active' AND s.status = 'active' AND s.stock >= 5 \
         ORDER BY s.id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    let placed =
        crate::helpers::place_guest_order(db, token, &[(a_sku, 2), (platform_sku, 1)], 3600).await;
    let app::db::order::PlaceOutcome::Placed(order) = placed else {
        panic!("{placed:?}")
    };
    let reference = format!("pay-{token}");
    app::db::payment::record_started(db, order.id, "sandbox", &reference, order.total)
        .await
        .unwrap();
    app::db::payment::apply_notice(
        db,
        "sandbox",
        &PaymentNotice {
            reference: reference.clone(),
            order_no: order.order_no.clone(),
            amount: order.total,
            outcome: PaymentOutcome::Succeeded,
        },
    )
    .await
    .unwrap();
    TwoOwners {
        order_id: order.id,
        order_no: order.order_no,
        a,
        b,
        a_sku,
        reference,
    }
}

async fn order_status(db: &Db, order_id: i64) -> OrderStatus {
    let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    OrderStatus::parse(&status).unwrap()
}

/// (seq, owner, status, paid share) of each parcel.
async fn parcels(db: &Db, order_id: i64) -> Vec<(i64, Option<i64>, String, i64)> {
    sqlx::query_as(
        "SELECT seq, owner_id, status, paid_share FROM shipments WHERE order_id = $1 ORDER BY seq",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn sellable(db: &Db, sku: i64) -> i64 {
    sqlx::query_scalar("SELECT stock FROM skus WHERE id = $1")
        .bind(sku)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_order_of_two_owners_ships_in_two_parcels_and_a_return_goes_to_its_owner() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let (a, b) = two_suppliers(db, "split").await;
        let order = two_owner_order(db, "split", a, b).await;
        let (a, b) = (order.a.user_id, order.b.user_id);
        let (scope_a, scope_b) = (
            Scope::Only(Owner::Supplier(a)),
            Scope::Only(Owner::Supplier(b)),
        );
        let total: i64 = sqlx::query_scalar("SELECT total FROM orders WHERE id = $1")
            .bind(order.order_id)
            .fetch_one(db.pool())
            .await
            .unwrap();

        // Parcel 1 is the platform's, parcel 2 A's; their shares add up to what was paid.
        let split = parcels(db, order.order_id).await;
        assert_eq!(split.len(), 2, "{backend}");
        assert_eq!((split[0].0, split[0].1), (1, None), "{backend}");
        assert_eq!((split[1].0, split[1].1), (2, Some(a)), "{backend}");
        assert_eq!(split[0].3 + split[1].3, total, "{backend}");
        assert!(split.iter().all(|p| p.2 == "waiting"), "{backend}");

        // B cannot ship A's parcel, nor A the platform's: both are not found.
        let ship = |scope, seq, no: &'static str| {
            lifecycle::ship_parcel(db, scope, order.order_id, seq, "sandbox", no, "test")
        };
        assert!(matches!(
            ship(scope_b, 2, "SBX0000001").await,
            Err(MoveError::NotFound)
        ));
        assert!(matches!(
            ship(scope_a, 1, "SBX0000001").await,
            Err(MoveError::NotFound)
        ));
        let a_stock = sellable(db, order.a_sku).await;
        ship(scope_a, 2, "SBX0000002").await.unwrap();
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::PartlyShipped,
            "{backend}"
        );
        assert!(
            matches!(
                ship(scope_a, 2, "SBX0000003").await,
                Err(MoveError::NotAllowed)
            ),
            "{backend}: a parcel leaves once"
        );
        // A partly shipped order is neither cancelled nor confirmed as a whole.
        assert!(matches!(
            lifecycle::cancel(db, order.order_id, "shopper", "late").await,
            Err(MoveError::Illegal(_))
        ));
        ship(Scope::AllOwners, 1, "SBX0000004").await.unwrap();
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Shipped,
            "{backend}"
        );
        assert_eq!(
            sellable(db, order.a_sku).await,
            a_stock,
            "{backend}: shipping held goods moves no sellable stock"
        );

        // Each parcel has its own tracking; the order is delivered once both arrived.
        let in_transit = lifecycle::parcels_in_transit(db, 100).await.unwrap();
        let mine: Vec<_> = in_transit
            .iter()
            .filter(|p| p.order_id == order.order_id)
            .collect();
        assert_eq!(mine.len(), 2, "{backend}");
        let delivered = app::domain::shipping::sandbox_events(0, 10_000, 60, "深圳市");
        let a_parcel = mine.iter().find(|p| p.tracking_no == "SBX0000002").unwrap();
        lifecycle::record_tracking(db, a_parcel, &delivered, 3_600)
            .await
            .unwrap();
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Shipped,
            "{backend}: the platform's parcel is still on its way"
        );
        let platform_parcel = mine.iter().find(|p| p.tracking_no == "SBX0000004").unwrap();
        lifecycle::record_tracking(db, platform_parcel, &delivered, 3_600)
            .await
            .unwrap();
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Delivered,
            "{backend}"
        );

        // A complaint about A, once, and never about the shop's own parcel.
        use app::db::order::shipment::{complain, ComplaintError};
        complain(db, order.order_id, 2, "No answer to my messages.")
            .await
            .unwrap();
        assert!(matches!(
            complain(db, order.order_id, 2, "Again.").await,
            Err(ComplaintError::AlreadyFiled)
        ));
        assert!(matches!(
            complain(db, order.order_id, 1, "The shop itself.").await,
            Err(ComplaintError::NotFound)
        ));
        let range = app::domain::dashboard::DayRange::parse(
            "",
            "",
            app::domain::dashboard::shop_day(app::db::unix_now()),
        )
        .unwrap();
        let rating = app::db::supplier_rating::ratings(db, range, Some(a))
            .await
            .unwrap();
        assert_eq!(
            (
                rating[0].current.counts.complaints,
                rating[0].current.complaint_bp
            ),
            (1, Some(10_000)),
            "{backend}"
        );

        // The shopper returns A's parcel: A decides and receives it, B never can.
        let request = open_after_sale(
            db,
            order.order_id,
            2,
            AfterSaleKind::ReturnAndRefund,
            "The tin is dented.",
            None,
        )
        .await
        .unwrap();
        assert!(matches!(
            decide_after_sale(db, scope_b, request, true, "ok", Actor::Supplier(b)).await,
            Err(MoveError::NotFound)
        ));
        let none = decide_after_sale(
            db,
            scope_a,
            request,
            true,
            "Send it back, please.",
            Actor::Supplier(a),
        )
        .await
        .unwrap();
        assert_eq!(
            none, None,
            "{backend}: nothing refunded before the goods are back"
        );
        assert!(matches!(
            receive_return(db, scope_b, request, None, Actor::Supplier(b)).await,
            Err(MoveError::NotFound)
        ));
        let due = receive_return(db, scope_a, request, None, Actor::Supplier(a))
            .await
            .unwrap()
            .expect("the parcel's share is due back");
        assert_eq!(due.amount.fen(), split[1].3, "{backend}: A's share only");
        assert_eq!(due.paid.fen(), total, "{backend}");
        assert_eq!(
            due.refund_no,
            format!("{}-R{request}", order.reference),
            "{backend}"
        );
        assert_eq!(
            sellable(db, order.a_sku).await,
            a_stock + 2,
            "{backend}: A's returned goods are back on its shelf"
        );
        // The platform's parcel stands: the order is delivered, A's parcel refunded.
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Delivered,
            "{backend}"
        );
        let after = parcels(db, order.order_id).await;
        assert_eq!(
            (after[0].2.as_str(), after[1].2.as_str()),
            ("delivered", "refunded"),
            "{backend}"
        );
        app::db::payment::record_refund(db, &due, "SBR1", "returned")
            .await
            .unwrap();
        // What is left of the payment is the platform parcel's share, under the `-R` number.
        let rest = app::db::payment::captured_all(db, order.order_id)
            .await
            .unwrap();
        assert_eq!(rest.len(), 1, "{backend}");
        assert_eq!(rest[0].amount.fen(), split[0].3, "{backend}");
        assert_eq!(rest[0].refund_no, format!("{}-R", order.reference));

        // Refund only of the platform's parcel now closes the order: nothing is left.
        let last = open_after_sale(
            db,
            order.order_id,
            1,
            AfterSaleKind::RefundOnly,
            "Never mind the rest.",
            None,
        )
        .await
        .unwrap();
        let due = decide_after_sale(
            db,
            Scope::AllOwners,
            last,
            true,
            "Refunded.",
            Actor::Operator(1),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(due.amount.fen(), split[0].3, "{backend}");
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Refunded,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn two_owners_ship_at_once_and_a_parcel_ships_once() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db().clone();
        let (a, b) = two_suppliers(&db, "race").await;
        let order = two_owner_order(&db, "race", a, b).await;
        let a = Scope::Only(Owner::Supplier(order.a.user_id));
        // The platform's parcel twice (two operators), A's parcel once, all at the same moment.
        let jobs = [
            (Scope::AllOwners, 1, "SBX1000001"),
            (Scope::AllOwners, 1, "SBX1000002"),
            (a, 2, "SBX1000003"),
        ]
        .map(|(scope, seq, no)| {
            let db = db.clone();
            let order_id = order.order_id;
            tokio::spawn(async move {
                lifecycle::ship_parcel(&db, scope, order_id, seq, "sandbox", no, "test").await
            })
        });
        let mut shipped = 0;
        for job in jobs {
            match job.await.unwrap() {
                Ok(()) => shipped += 1,
                Err(MoveError::NotAllowed) => {}
                Err(other) => panic!("{backend}: {other:?}"),
            }
        }
        assert_eq!(shipped, 2, "{backend}: each parcel left once");
        assert_eq!(
            order_status(&db, order.order_id).await,
            OrderStatus::Shipped,
            "{backend}"
        );
        let moves: Vec<String> = sqlx::query_scalar(
            "SELECT to_status FROM order_events WHERE order_id = $1 ORDER BY id",
        )
        .bind(order.order_id)
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            moves[moves.len() - 2..],
            ["partly_shipped".to_string(), "shipped".to_string()],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_supplier_console_lists_its_parcels_ships_them_and_never_sees_another() {
    use app::api::admin::ShipOrder;
    use app::api::supplier::SupplierOrders;
    use app::domain::supplier::ParcelList;
    use axum::http::StatusCode;
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let ops = crate::helpers::account_actor(db, "ops@example.com").await;
        let (mut a_browser, a_id) = super::member(&t, "a-console@example.com").await;
        let (mut b_browser, b_id) = super::member(&t, "b-console@example.com").await;
        let mut suppliers = Vec::new();
        for (id, email) in [
            (a_id, "a-console@example.com"),
            (b_id, "b-console@example.com"),
        ] {
            let actor = AuditActor {
                user_id: id,
                email: email.into(),
            };
            super::product_review::approve_account(db, &actor, &ops).await;
            suppliers.push(actor);
        }
        let b = suppliers.pop().unwrap();
        let a = suppliers.pop().unwrap();
        let order = two_owner_order(db, "console", a, b).await;

        let to_ship: ParcelList = a_browser
            .call::<SupplierOrders>(&[("tab", "to-ship")])
            .await
            .json();
        assert!(
            to_ship.carriers.iter().any(|(code, _)| code == "sandbox"),
            "{backend}"
        );
        let to_ship = to_ship.parcels;
        assert_eq!(to_ship.len(), 1, "{backend}");
        let parcel = &to_ship[0];
        assert_eq!(
            (parcel.order_no.as_str(), parcel.parcel),
            (order.order_no.as_str(), 2),
            "{backend}"
        );
        assert!(parcel.can_ship, "{backend}");
        assert_eq!(
            parcel.ship_to.as_ref().map(|s| s.recipient.as_str()),
            Some("王小明"),
            "{backend}: the address, to ship it"
        );
        assert!(
            parcel.lines.iter().all(|l| l.name.starts_with("A's Tea")),
            "{backend}: only its own goods"
        );
        let b_sees = b_browser
            .call::<SupplierOrders>(&[("tab", "to-ship")])
            .await
            .json::<ParcelList>()
            .parcels;
        assert!(b_sees.is_empty(), "{backend}");

        // B cannot ship A's parcel, nor A the platform's.
        let ship = |seq: &'static str, no: &'static str| {
            [
                ("order_no", order.order_no.clone()),
                ("parcel", seq.to_string()),
                ("carrier", "sandbox".to_string()),
                ("tracking_no", no.to_string()),
            ]
        };
        let fields = ship("2", "SBX2000001");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            b_browser.call::<ShipOrder>(&fields).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let platform = ship("1", "SBX2000002");
        let platform: Vec<(&str, &str)> = platform.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            a_browser.call::<ShipOrder>(&platform).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let shipped = a_browser.call::<ShipOrder>(&fields).await;
        assert_eq!(
            shipped.status,
            StatusCode::OK,
            "{backend}: {}",
            shipped.body
        );
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::PartlyShipped,
            "{backend}"
        );

        // Shipped: under "Done", with the city only.
        let waiting = a_browser
            .call::<SupplierOrders>(&[("tab", "to-ship")])
            .await
            .json::<ParcelList>()
            .parcels;
        assert!(waiting.is_empty(), "{backend}");
        let done = a_browser
            .call::<SupplierOrders>(&[("tab", "done")])
            .await
            .json::<ParcelList>()
            .parcels;
        assert_eq!(done.len(), 1, "{backend}");
        assert_eq!(done[0].ship_to, None, "{backend}");
        assert_eq!(done[0].city, "深圳市", "{backend}");
        assert_eq!(done[0].tracking_no.as_deref(), Some("SBX2000001"));

        // A return of A's parcel waits under "To receive back": A talks and decides over HTTP,
        // B can do nothing with it, not even learn it exists.
        use app::api::admin::{DecideAfterSale, ReceiveReturn};
        use app::api::order::PostAfterSaleMessage;
        let request = open_after_sale(
            db,
            order.order_id,
            2,
            AfterSaleKind::Exchange,
            "Wrong size.",
            None,
        )
        .await
        .unwrap()
        .to_string();
        let id = request.as_str();
        let no = order.order_no.as_str();
        for status in [
            b_browser
                .call::<PostAfterSaleMessage>(&[
                    ("order_no", no),
                    ("request_id", id),
                    ("body", "Hi"),
                ])
                .await
                .status,
            b_browser
                .call::<DecideAfterSale>(&[
                    ("request_id", id),
                    ("approve", "true"),
                    ("message", "OK"),
                ])
                .await
                .status,
            b_browser
                .call::<ReceiveReturn>(&[
                    ("request_id", id),
                    ("carrier", "sandbox"),
                    ("tracking_no", "SBX2000009"),
                ])
                .await
                .status,
        ] {
            assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        }
        let back = a_browser
            .call::<SupplierOrders>(&[("tab", "to-receive-back")])
            .await
            .json::<ParcelList>()
            .parcels;
        assert_eq!(back.len(), 1, "{backend}");
        assert_eq!(back[0].requests.len(), 1, "{backend}");
        let said = a_browser
            .call::<PostAfterSaleMessage>(&[
                ("order_no", no),
                ("request_id", id),
                ("body", "Send it to 杭州市西湖區 1 號, please."),
            ])
            .await;
        assert_eq!(said.status, StatusCode::OK, "{backend}: {}", said.body);
        let decided = a_browser
            .call::<DecideAfterSale>(&[
                ("request_id", id),
                ("approve", "true"),
                ("message", "Approved."),
            ])
            .await;
        assert_eq!(
            decided.status,
            StatusCode::OK,
            "{backend}: {}",
            decided.body
        );
        // Awaiting the goods back to exchange: the replacement's address is shown again.
        let back = a_browser
            .call::<SupplierOrders>(&[("tab", "to-receive-back")])
            .await
            .json::<ParcelList>()
            .parcels;
        assert!(back[0].ship_to.is_some(), "{backend}");
        let authors: Vec<String> =
            sqlx::query_scalar("SELECT author FROM after_sale_messages ORDER BY id")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(
            authors,
            [
                "shopper",
                &format!("supplier:{a_id}"),
                &format!("supplier:{a_id}")
            ],
            "{backend}"
        );
        let received = a_browser
            .call::<ReceiveReturn>(&[
                ("request_id", id),
                ("carrier", "sandbox"),
                ("tracking_no", "SBX2000010"),
            ])
            .await;
        assert_eq!(
            received.status,
            StatusCode::OK,
            "{backend}: {}",
            received.body
        );
        let parcels = parcels(db, order.order_id).await;
        assert_eq!(
            parcels[1].2, "shipped",
            "{backend}: the replacement is on its way"
        );
    }
}

#[tokio::test]
async fn a_parcel_refunded_before_shipping_then_the_order_cancelled_releases_each_once() {
    for t in TestApp::each(true).await {
        let backend = t.backend();
        let db = t.db();
        let (a, b) = two_suppliers(db, "undo").await;
        let order = two_owner_order(db, "undo", a, b).await;
        let a_scope = Scope::Only(Owner::Supplier(order.a.user_id));
        let platform_sku: i64 = sqlx::query_scalar(
            "SELECT i.sku_id FROM order_items i JOIN shipments s ON s.id = i.shipment_id \
             WHERE i.order_id = $1 AND s.seq = 1",
        )
        .bind(order.order_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        let (a_before, platform_before) = (
            sellable(db, order.a_sku).await,
            sellable(db, platform_sku).await,
        );
        let split = parcels(db, order.order_id).await;

        // A never ships: the shopper asks for its share back, A agrees; the goods go back.
        let request = open_after_sale(
            db,
            order.order_id,
            2,
            AfterSaleKind::RefundOnly,
            "Still not shipped after a week.",
            None,
        )
        .await
        .unwrap();
        let due = decide_after_sale(
            db,
            a_scope,
            request,
            true,
            "Sorry, sold out.",
            Actor::Supplier(order.a.user_id),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(due.amount.fen(), split[1].3, "{backend}");
        app::db::payment::record_refund(db, &due, "SBR2", "after-sale")
            .await
            .unwrap();
        assert_eq!(sellable(db, order.a_sku).await, a_before + 2, "{backend}");
        assert_eq!(
            order_status(db, order.order_id).await,
            OrderStatus::Paid,
            "{backend}: the shop's parcel still waits"
        );

        // Then the whole order is cancelled: only the shop's parcel is released now.
        let rest = lifecycle::cancel(db, order.order_id, "shopper", "changed my mind")
            .await
            .unwrap()
            .expect("the rest of the payment is due back");
        assert_eq!(rest.amount.fen(), split[0].3, "{backend}");
        assert_eq!(rest.refund_no, format!("{}-R", order.reference));
        assert_eq!(sellable(db, order.a_sku).await, a_before + 2, "{backend}");
        assert_eq!(
            sellable(db, platform_sku).await,
            platform_before + 1,
            "{backend}"
        );
        let after = parcels(db, order.order_id).await;
        assert_eq!(
            (after[0].2.as_str(), after[1].2.as_str()),
            ("cancelled", "refunded"),
            "{backend}"
        );
    }
}

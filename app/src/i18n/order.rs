//! Strings of orders, payment, shipping and after-sale (pages and mails).

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

pub struct OrderTexts {
    pub pending_payment: &'static str,
    pub paid: &'static str,
    /// Some parcels shipped, others wait.
    pub partly_shipped: &'static str,
    pub shipped: &'static str,
    pub delivered: &'static str,
    pub completed: &'static str,
    pub cancelled: &'static str,
    pub after_sale: &'static str,
    pub refunded: &'static str,
    pub tab_all: &'static str,
    pub tab_to_pay: &'static str,
    pub tab_to_ship: &'static str,
    pub tab_to_receive: &'static str,
    pub tab_completed: &'static str,
    pub tab_after_sale: &'static str,
    pub order_tabs: &'static str,
    pub no_orders_here: &'static str,
    pub items_count: &'static str,
    pub view_order: &'static str,
    pub standard: &'static str,
    pub express: &'static str,
    pub order_title: &'static str,
    pub status: &'static str,
    pub placed_at: &'static str,
    pub pay_before: &'static str,
    pub pay_now: &'static str,
    pub cancel_order: &'static str,
    pub confirm_receipt: &'static str,
    pub request_after_sale: &'static str,
    pub timeline: &'static str,
    pub tracking: &'static str,
    pub carrier: &'static str,
    pub tracking_no: &'static str,
    pub items: &'static str,
    pub ship_to: &'static str,
    pub invoice: &'static str,
    pub print: &'static str,
    pub refunded_amount: &'static str,
    pub paid_amount: &'static str,
    pub discount: &'static str,
    pub flag_late_payment: &'static str,
    pub flag_late_payment_refunded: &'static str,
    pub flag_amount_mismatch: &'static str,
    pub flag_refund_failed: &'static str,
    pub picked_up: &'static str,
    pub in_transit: &'static str,
    pub out_for_delivery: &'static str,
    pub parcel_delivered: &'static str,
    pub actor_shopper: &'static str,
    pub actor_operator: &'static str,
    pub actor_system: &'static str,
    pub actor_payment: &'static str,
    pub actor_carrier: &'static str,
    /// The supplier that owns a parcel, in the timeline and after-sale messages.
    pub actor_supplier: &'static str,
    /// A parcel's heading: "Parcel {}" (1, 2, …).
    pub parcel: &'static str,
    /// Who sends a parcel: "Sent by {}" (a supplier's company).
    pub sent_by: &'static str,
    /// The shop's own parcel.
    pub sent_by_shop: &'static str,
    pub parcel_waiting: &'static str,
    pub parcel_shipped: &'static str,
    pub parcel_delivered_status: &'static str,
    pub parcel_cancelled: &'static str,
    pub parcel_refunded: &'static str,
    /// What the shopper paid for one parcel (its share of the total).
    pub parcel_paid: &'static str,
    /// Opens the complaint form under a supplier's parcel.
    pub complain: &'static str,
    pub complaint: &'static str,
    pub send_complaint: &'static str,
    /// Shown with the complaint once sent: operators read it.
    pub complaint_sent: &'static str,
    /// Why an order moved, as the timeline says it (see `reason_text`).
    pub reason_placed: &'static str,
    pub reason_paid: &'static str,
    pub reason_expired: &'static str,
    pub reason_cancelled: &'static str,
    pub reason_shipped: &'static str,
    pub reason_delivered: &'static str,
    pub reason_receipt_confirmed: &'static str,
    pub reason_auto_completed: &'static str,
    pub reason_approved: &'static str,
    pub reason_rejected: &'static str,
    pub reason_goods_returned: &'static str,
    pub reason_reshipped: &'static str,
    pub carrier_sandbox: &'static str,
    pub kind: &'static str,
    pub kind_refund_only: &'static str,
    pub kind_return_refund: &'static str,
    pub kind_exchange: &'static str,
    pub reason: &'static str,
    pub photo: &'static str,
    /// The alternative text of a photo attached to an after-sale message.
    pub photo_alt: &'static str,
    pub submit_request: &'static str,
    pub request_open: &'static str,
    pub request_awaiting_return: &'static str,
    /// What the shopper does once a return or exchange is approved.
    pub return_instructions: &'static str,
    /// The same, for a supplier's parcel: the supplier gives its return address.
    pub return_to_supplier: &'static str,
    /// Operators: the returned goods arrived (a return is then refunded).
    pub goods_received: &'static str,
    /// Operators: the returned goods arrived and the replacement goes out.
    pub send_replacement: &'static str,
    pub request_approved: &'static str,
    pub request_rejected: &'static str,
    pub message: &'static str,
    pub send: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reason_invalid: &'static str,
    pub photo_invalid: &'static str,
    pub conflict: &'static str,
    pub payment_unavailable: &'static str,
    pub payment_method: &'static str,
    pub method_alipay: &'static str,
    pub method_wechatpay: &'static str,
    pub method_sandbox: &'static str,
    pub payment_method_unknown: &'static str,
    pub payment_gateway_down: &'static str,
    pub scan_title: &'static str,
    pub scan_hint: &'static str,
    pub scan_paid: &'static str,
    pub scan_back: &'static str,
    pub scan_qr: &'static str,
    pub payment_waiting: &'static str,
    pub too_many_unpaid: &'static str,
    pub admin_orders: &'static str,
    pub search_orders: &'static str,
    pub search: &'static str,
    pub ship: &'static str,
    pub tracking_invalid: &'static str,
    pub needs_attention: &'static str,
    pub customer: &'static str,
    pub payment_failed: &'static str,
    pub guest_order_hint: &'static str,
    pub mail_placed_subject: &'static str,
    pub mail_placed_body: &'static str,
    /// Above the order page's address in a mail (the address gets a line of its own, so mail
    /// programs find where it ends).
    pub mail_order_link: &'static str,
    pub mail_paid_subject: &'static str,
    pub mail_paid_body: &'static str,
    pub mail_shipped_subject: &'static str,
    pub mail_shipped_body: &'static str,
    pub mail_refunded_subject: &'static str,
    pub mail_refunded_body: &'static str,
}

use super::fill;
use crate::domain::order::after_sale::{AfterSaleKind, AfterSaleStatus};
use crate::domain::order::shipment::ShipmentStatus;
use crate::domain::order::{Actor, MoveReason, OrderStatus, OrderTab};
use crate::domain::shipping::TrackingCode;

pub fn status_text(t: &OrderTexts, status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => t.pending_payment,
        OrderStatus::Paid => t.paid,
        OrderStatus::PartlyShipped => t.partly_shipped,
        OrderStatus::Shipped => t.shipped,
        OrderStatus::Delivered => t.delivered,
        OrderStatus::Completed => t.completed,
        OrderStatus::Cancelled => t.cancelled,
        OrderStatus::AfterSale => t.after_sale,
        OrderStatus::Refunded => t.refunded,
    }
}

pub fn tab_text(t: &OrderTexts, tab: OrderTab) -> &'static str {
    match tab {
        OrderTab::All => t.tab_all,
        OrderTab::ToPay => t.tab_to_pay,
        OrderTab::ToShip => t.tab_to_ship,
        OrderTab::ToReceive => t.tab_to_receive,
        OrderTab::Completed => t.tab_completed,
        OrderTab::AfterSale => t.tab_after_sale,
    }
}

pub fn tracking_text(t: &OrderTexts, code: TrackingCode) -> &'static str {
    match code {
        TrackingCode::PickedUp => t.picked_up,
        TrackingCode::InTransit => t.in_transit,
        TrackingCode::OutForDelivery => t.out_for_delivery,
        TrackingCode::Delivered => t.parcel_delivered,
    }
}

/// Who moved an order, as stored ("shopper", "operator:12", …), in words.
pub fn actor_text(t: &OrderTexts, actor: &str) -> &'static str {
    match Actor::parse(actor) {
        Actor::Shopper => t.actor_shopper,
        Actor::Operator(_) => t.actor_operator,
        Actor::Supplier(_) => t.actor_supplier,
        Actor::PaymentProvider => t.actor_payment,
        Actor::Carrier => t.actor_carrier,
        Actor::System => t.actor_system,
    }
}

/// Where a parcel stands, in words.
pub fn parcel_status_text(t: &OrderTexts, status: ShipmentStatus) -> &'static str {
    match status {
        ShipmentStatus::Waiting => t.parcel_waiting,
        ShipmentStatus::Shipped => t.parcel_shipped,
        ShipmentStatus::Delivered => t.parcel_delivered_status,
        ShipmentStatus::Cancelled => t.parcel_cancelled,
        ShipmentStatus::Refunded => t.parcel_refunded,
    }
}

/// A carrier's name from its stored code.
pub fn carrier_text(t: &OrderTexts, code: &str) -> String {
    match code {
        "sandbox" => t.carrier_sandbox.to_string(),
        other => other.to_string(),
    }
}

/// Why an order moved, as stored (a code and its details), in words.
pub fn reason_text(t: &OrderTexts, stored: &str) -> String {
    let parcel =
        |carrier: &str, tracking_no: &str| format!("{} {tracking_no}", carrier_text(t, carrier));
    match MoveReason::parse(stored) {
        MoveReason::Placed => t.reason_placed.to_string(),
        MoveReason::Paid { reference } => fill(t.reason_paid, reference),
        MoveReason::Expired => t.reason_expired.to_string(),
        MoveReason::Cancelled => t.reason_cancelled.to_string(),
        MoveReason::Shipped {
            carrier,
            tracking_no,
        } => fill(t.reason_shipped, parcel(&carrier, &tracking_no)),
        MoveReason::Delivered => t.reason_delivered.to_string(),
        MoveReason::ReceiptConfirmed => t.reason_receipt_confirmed.to_string(),
        MoveReason::AutoCompleted => t.reason_auto_completed.to_string(),
        MoveReason::AfterSaleRequested { kind, reason } => {
            format!("{}: {reason}", kind_text(t, kind))
        }
        MoveReason::AfterSaleApproved { message } => fill(t.reason_approved, message),
        MoveReason::AfterSaleRejected { message } => fill(t.reason_rejected, message),
        MoveReason::GoodsReturned => t.reason_goods_returned.to_string(),
        MoveReason::Reshipped {
            carrier,
            tracking_no,
        } => fill(t.reason_reshipped, parcel(&carrier, &tracking_no)),
        MoveReason::Other(text) => text,
    }
}

pub fn kind_text(t: &OrderTexts, kind: AfterSaleKind) -> &'static str {
    match kind {
        AfterSaleKind::RefundOnly => t.kind_refund_only,
        AfterSaleKind::ReturnAndRefund => t.kind_return_refund,
        AfterSaleKind::Exchange => t.kind_exchange,
    }
}

pub fn request_status_text(t: &OrderTexts, status: AfterSaleStatus) -> &'static str {
    match status {
        AfterSaleStatus::Open => t.request_open,
        AfterSaleStatus::AwaitingReturn => t.request_awaiting_return,
        AfterSaleStatus::Approved => t.request_approved,
        AfterSaleStatus::Rejected => t.request_rejected,
    }
}

pub fn flag_text(t: &OrderTexts, flag: &str) -> &'static str {
    match flag {
        "late_payment" => t.flag_late_payment,
        "late_payment_refunded" => t.flag_late_payment_refunded,
        "amount_mismatch" => t.flag_amount_mismatch,
        _ => t.flag_refund_failed,
    }
}

//! Mail put into words: each kind of `Mail` in the recipient's language. Runs where mail is sent
//! (the outbox job) and where operators read it, never in the storage layer.

use super::{fill, Locale};
use crate::domain::mail::{Mail, OutboxMessage, QueuedMail};

/// The subject and plain-text body of `mail` in `locale`.
pub fn render(mail: &Mail, locale: Locale) -> (String, String) {
    let texts = locale.texts();
    let (o, a) = (texts.orders, texts.accounts);
    match mail {
        Mail::Welcome { email } => (
            a.welcome_mail_subject.to_string(),
            fill(a.welcome_mail_body, email),
        ),
        Mail::PasswordReset { link } => (
            a.reset_mail_subject.to_string(),
            fill(a.reset_mail_body, link),
        ),
        Mail::OrderPlaced {
            order_no,
            total,
            pay_before,
            link,
        } => (
            fill(o.mail_placed_subject, order_no),
            format!(
                "{}\n{}\n\n{}\n{link}",
                fill(o.mail_placed_body, total),
                fill(o.pay_before, crate::domain::time::shop_time(*pay_before)),
                o.mail_order_link
            ),
        ),
        Mail::OrderPaid { order_no, total } => (
            fill(o.mail_paid_subject, order_no),
            fill(o.mail_paid_body, total),
        ),
        Mail::OrderShipped {
            order_no,
            carrier,
            tracking_no,
        } => (
            fill(o.mail_shipped_subject, order_no),
            fill(
                o.mail_shipped_body,
                format!("{} {tracking_no}", super::order::carrier_text(o, carrier)),
            ),
        ),
        Mail::OrderRefunded { order_no, amount } => (
            fill(o.mail_refunded_subject, order_no),
            fill(o.mail_refunded_body, amount),
        ),
        Mail::SupplierApproved { company } => (
            texts.supplier.mail_approved_subject.to_string(),
            fill(texts.supplier.mail_approved_body, company),
        ),
        Mail::SupplierRejected { company, reason } => (
            texts.supplier.mail_rejected_subject.to_string(),
            super::fill_all(texts.supplier.mail_rejected_body, &[company, reason]),
        ),
        Mail::ProductReviewed {
            product,
            approved: true,
            ..
        } => (
            fill(texts.product_review.mail_approved_subject, product),
            fill(texts.product_review.mail_approved_body, product),
        ),
        Mail::ProductReviewed {
            product, reason, ..
        } => (
            fill(texts.product_review.mail_rejected_subject, product),
            super::fill_all(texts.product_review.mail_rejected_body, &[product, reason]),
        ),
        Mail::LowStock {
            sku_code,
            product,
            left,
            threshold,
        } => (
            fill(texts.admin.mail_low_stock_subject, sku_code),
            texts
                .admin
                .mail_low_stock_body
                .replacen("{}", product, 1)
                .replacen("{}", sku_code, 1)
                .replacen("{}", &left.to_string(), 1)
                .replacen("{}", &threshold.to_string(), 1),
        ),
        Mail::Composed { subject, body } => (subject.clone(), body.clone()),
    }
}

/// A queued message as it is sent (or, with `masked`, as operators read it: links' secrets
/// replaced by `…`).
pub fn rendered(queued: &QueuedMail, masked: bool) -> OutboxMessage {
    let (subject, body) = render(&queued.mail, queued.locale);
    OutboxMessage {
        id: queued.id,
        recipient: queued.recipient.clone(),
        subject,
        body: if masked {
            crate::domain::text::mask_secrets(&body)
        } else {
            body
        },
        kind: queued.mail.kind().to_string(),
        created_at: queued.created_at,
        sent_at: queued.sent_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    #[test]
    fn each_kind_reads_in_the_recipients_language() {
        let shipped = Mail::OrderShipped {
            order_no: "J1".into(),
            carrier: "sf".into(),
            tracking_no: "SF123".into(),
        };
        let (subject_en, body_en) = render(&shipped, Locale::En);
        let (subject_hant, _) = render(&shipped, Locale::ZhHant);
        assert!(subject_en.contains("J1") && body_en.contains("SF123"));
        assert_ne!(subject_en, subject_hant);
        let reset = QueuedMail {
            id: 1,
            recipient: "a@example.com".into(),
            locale: Locale::En,
            mail: Mail::PasswordReset {
                link: "https://shop.example/en/reset-password?token=secret".into(),
            },
            created_at: 0,
            sent_at: None,
        };
        assert!(rendered(&reset, false).body.contains("token=secret"));
        assert!(!rendered(&reset, true).body.contains("secret"));
        let refunded = render(
            &Mail::OrderRefunded {
                order_no: "J2".into(),
                amount: Money::from_fen(500),
            },
            Locale::ZhHans,
        );
        assert!(refunded.1.contains("5.00"), "{refunded:?}");
    }
}

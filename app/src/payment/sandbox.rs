//! The sandbox gateway: a payment provider that runs inside Jishi but keeps its own books (the
//! `sandbox_*` tables) and talks to the shop only the way a real gateway would: a hosted page,
//! a signed redirect back, and signed callbacks delivered by a background job that retries until
//! the shop answers 200, sends each one twice, and may be late.
//!
//! Opening a payment writes nothing: as in Alipay's page pay (`alipay.trade.page.pay`, whose
//! request travels signed in the redirect to the cashier), the hosted page's link carries the
//! order, amount and both URLs, signed by the gateway. The sandbox's books get the payment when
//! the shopper decides on it.

use super::{
    sign, signature_matches, BrowserReturn, CallbackAnswer, PaymentProvider, PaymentRequest,
    ProviderError, RefundRequest, StartedPayment,
};
use crate::db::{unix_now, Db};
use crate::domain::money::Money;
use crate::domain::payment::{PaymentNotice, PaymentOutcome};

pub const NAME: &str = "sandbox";
/// The header the sandbox's callbacks carry their signature in.
pub const SIGNATURE_HEADER: &str = "x-jishi-signature";
/// Each notification is sent this many times (real gateways repeat themselves too).
const COPIES: i64 = 2;

#[derive(Clone)]
pub struct SandboxGateway {
    db: Db,
    secret: Vec<u8>,
    /// Where the hosted page is served (the shop's own public address).
    public_url: String,
}

/// What the hosted page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostedPayment {
    pub reference: String,
    pub merchant_order: String,
    pub amount: Money,
    pub status: String,
}

/// A callback waiting to be delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingNotification {
    pub id: i64,
    pub notify_url: String,
    pub body: String,
    pub signature: String,
    pub attempts: i64,
}

/// A payment as the hosted page's signed link asks for it: checked with
/// [`SandboxGateway::hosted_request`], so every field is the gateway's own.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HostedRequest {
    #[serde(skip)]
    pub reference: String,
    /// The shop's order number.
    pub order: String,
    /// Fen.
    pub amount: i64,
    /// Where the callbacks go.
    pub notify: String,
    /// Where the browser goes back to.
    #[serde(rename = "return")]
    pub return_url: String,
}

/// A sandbox payment as its hosted page reads it.
#[derive(sqlx::FromRow)]
struct HostedRow {
    merchant_order: String,
    amount: i64,
    status: String,
}

/// The query parameter the hosted link's signature travels in (last, after the fields).
const LINK_SIGNATURE: &str = "&sign=";

/// A due callback, before it is signed.
#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    notify_url: String,
    body: String,
    attempts: i64,
}

impl SandboxGateway {
    pub fn new(db: Db, secret: &[u8], public_url: &str) -> SandboxGateway {
        SandboxGateway {
            db,
            secret: secret.to_vec(),
            public_url: public_url.trim_end_matches('/').to_string(),
        }
    }

    pub fn sign(&self, text: &str) -> String {
        sign(&self.secret, text)
    }

    /// The hosted page's link for `request`: `{public_url}/sandbox-pay/{reference}?{fields}&sign=…`,
    /// the signature covering the reference and the fields.
    fn hosted_link(&self, request: &HostedRequest) -> String {
        let fields = serde_urlencoded::to_string(request).expect("plain fields encode");
        let signature = self.sign(&format!("{}&{fields}", request.reference));
        format!(
            "{}/sandbox-pay/{}?{fields}{LINK_SIGNATURE}{signature}",
            self.public_url, request.reference
        )
    }

    /// The payment a hosted link asks for, when the link is the gateway's own (its signature
    /// matches); None for a link that was made up or changed.
    pub fn hosted_request(&self, reference: &str, query: &str) -> Option<HostedRequest> {
        let (fields, signature) = query.rsplit_once(LINK_SIGNATURE)?;
        if !signature_matches(&self.secret, &format!("{reference}&{fields}"), signature) {
            return None;
        }
        let mut request: HostedRequest = serde_urlencoded::from_str(fields).ok()?;
        request.reference = reference.to_string();
        Some(request)
    }

    /// What the hosted page shows for a checked link: "created" until the shopper decides,
    /// then what the gateway's books say.
    pub async fn hosted(&self, request: &HostedRequest) -> Result<HostedPayment, sqlx::Error> {
        Ok(match self.booked(&request.reference).await? {
            Some(booked) => booked,
            None => HostedPayment {
                reference: request.reference.clone(),
                merchant_order: request.order.clone(),
                amount: Money::from_fen(request.amount),
                status: "created".into(),
            },
        })
    }

    /// The payment as the gateway's books hold it, once decided.
    async fn booked(&self, reference: &str) -> Result<Option<HostedPayment>, sqlx::Error> {
        let row = sqlx::query_as::<_, HostedRow>(
            "SELECT merchant_order, amount, status FROM sandbox_payments WHERE reference = $1",
        )
        .bind(reference)
        .fetch_optional(self.db.pool())
        .await?;
        Ok(row.map(|row| HostedPayment {
            reference: reference.to_string(),
            merchant_order: row.merchant_order,
            amount: Money::from_fen(row.amount),
            status: row.status,
        }))
    }

    /// The shopper pressed "Pay now" or "Fail payment" on the hosted page of a checked link.
    /// Books the payment, queues the signed callbacks and returns where to send the browser
    /// (the shop's return URL, signed), or None when the payment was already decided.
    pub async fn complete(
        &self,
        request: &HostedRequest,
        outcome: PaymentOutcome,
    ) -> Result<Option<String>, sqlx::Error> {
        let now = unix_now();
        let mut tx = self.db.writer().begin().await?;
        // Booked now. (A 'created' row, from before links were signed, is decided the same way;
        // such an old link has no signed fields and opens nothing: the shopper pays again from
        // the order page, which opens a new link.)
        let decided: Option<i64> = sqlx::query_scalar(
            "INSERT INTO sandbox_payments (reference, merchant_order, amount, notify_url, return_url, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (reference) DO UPDATE SET status = excluded.status \
             WHERE sandbox_payments.status = 'created' RETURNING id",
        )
        .bind(&request.reference)
        .bind(&request.order)
        .bind(request.amount)
        .bind(&request.notify)
        .bind(&request.return_url)
        .bind(outcome.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if decided.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        let notice = PaymentNotice {
            reference: request.reference.clone(),
            order_no: request.order.clone(),
            amount: Money::from_fen(request.amount),
            outcome,
        };
        let body = notice.canonical();
        for copy in 0..COPIES {
            use rand::Rng;
            // Late, and sometimes before the shopper's browser is back.
            let delay = rand::thread_rng().gen_range(0..=2) + copy * 2;
            sqlx::query(
                "INSERT INTO sandbox_notifications (reference, body, deliver_after) VALUES ($1, $2, $3)",
            )
            .bind(&request.reference)
            .bind(&body)
            .bind(now + delay)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        let return_url = &request.return_url;
        let separator = if return_url.contains('?') { '&' } else { '?' };
        Ok(Some(format!(
            "{return_url}{separator}{body}&signature={}",
            self.sign(&body)
        )))
    }

    /// Callbacks due now, oldest first.
    pub async fn due_notifications(
        &self,
        limit: i64,
    ) -> Result<Vec<PendingNotification>, sqlx::Error> {
        let rows = sqlx::query_as::<_, NotificationRow>(
            "SELECT n.id, p.notify_url, n.body, n.attempts FROM sandbox_notifications n \
             JOIN sandbox_payments p ON p.reference = n.reference \
             WHERE n.delivered_at IS NULL AND n.deliver_after <= $1 AND n.attempts < 20 \
             ORDER BY n.id LIMIT $2",
        )
        .bind(unix_now())
        .bind(limit)
        .fetch_all(self.db.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| PendingNotification {
                id: row.id,
                notify_url: row.notify_url,
                signature: self.sign(&row.body),
                body: row.body,
                attempts: row.attempts,
            })
            .collect())
    }

    /// Claims a notification for one delivery attempt (several senders may run at once).
    pub async fn claim(&self, notification: &PendingNotification) -> Result<bool, sqlx::Error> {
        // Back-off: 2, 4, 8 … seconds, at most 10 minutes, if this attempt does not succeed.
        let retry_in = (2_i64 << notification.attempts.min(9)).min(600);
        let claimed = sqlx::query(
            "UPDATE sandbox_notifications SET attempts = attempts + 1, deliver_after = $1 \
             WHERE id = $2 AND attempts = $3 AND delivered_at IS NULL",
        )
        .bind(unix_now() + retry_in)
        .bind(notification.id)
        .bind(notification.attempts)
        .execute(self.db.writer())
        .await?;
        Ok(claimed.rows_affected() == 1)
    }

    pub async fn delivered(&self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE sandbox_notifications SET delivered_at = $1 WHERE id = $2")
            .bind(unix_now())
            .bind(id)
            .execute(self.db.writer())
            .await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl PaymentProvider for SandboxGateway {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn start(&self, request: PaymentRequest<'_>) -> Result<StartedPayment, ProviderError> {
        let reference = format!(
            "SBX{}",
            hex::encode(rand::random::<[u8; 10]>()).to_uppercase()
        );
        let redirect_url = self.hosted_link(&HostedRequest {
            reference: reference.clone(),
            order: request.order_no.to_string(),
            amount: request.amount.fen(),
            notify: request.notify_url,
            return_url: request.return_url,
        });
        Ok(StartedPayment {
            redirect_url,
            reference,
        })
    }

    fn verify_notification(
        &self,
        headers: &http::HeaderMap,
        body: &str,
    ) -> Result<Option<PaymentNotice>, ProviderError> {
        let signature = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        self.verify(body, signature).map(Some)
    }

    fn answer(&self, accepted: bool) -> CallbackAnswer {
        CallbackAnswer {
            status: if accepted { 200 } else { 400 },
            content_type: "text/plain; charset=utf-8",
            body: if accepted {
                "ok"
            } else {
                "signature or body not valid"
            }
            .to_string(),
        }
    }

    /// The sandbox signs the result into the return link, as some gateways do.
    async fn browser_return(&self, query: &str) -> Result<BrowserReturn, ProviderError> {
        let (body, signature) = query
            .rsplit_once("&signature=")
            .ok_or(ProviderError::BadSignature)?;
        let notice = self.verify(body, signature)?;
        Ok(BrowserReturn {
            order_no: notice.order_no.clone(),
            notice: Some(notice),
        })
    }

    async fn query(&self, reference: &str) -> Result<Option<PaymentNotice>, ProviderError> {
        let payment = self
            .booked(reference)
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        Ok(payment.and_then(|p| {
            PaymentOutcome::parse(&p.status).map(|outcome| PaymentNotice {
                reference: p.reference,
                order_no: p.merchant_order,
                amount: p.amount,
                outcome,
            })
        }))
    }

    async fn refund(&self, request: RefundRequest<'_>) -> Result<String, ProviderError> {
        let refunded = sqlx::query(
            "UPDATE sandbox_payments SET refunded = refunded + $1 \
             WHERE reference = $2 AND status = 'succeeded' AND refunded + $1 <= amount",
        )
        .bind(request.amount.fen())
        .bind(request.reference)
        .execute(self.db.writer())
        .await
        .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        if refunded.rows_affected() != 1 {
            return Err(ProviderError::Refused(
                "no such captured payment, or more than was paid".into(),
            ));
        }
        Ok(format!(
            "SBR{}",
            hex::encode(rand::random::<[u8; 8]>()).to_uppercase()
        ))
    }
}

impl SandboxGateway {
    /// Checks a signed notice text (a callback's body, or the return link's query).
    pub fn verify(&self, body: &str, signature: &str) -> Result<PaymentNotice, ProviderError> {
        if !signature_matches(&self.secret, body, signature) {
            return Err(ProviderError::BadSignature);
        }
        PaymentNotice::parse(body).map_err(|e| ProviderError::Malformed(e.to_string()))
    }
}

//! Delivers the outbox: over SMTP when JISHI_SMTP_URL is set, else into the server log (the
//! demo and development default; operators read the mail on the Outbox page either way).

use app::db::{outbox, Db};
use app::domain::member::OutboxMessage;

/// After this many failed attempts a message stays in the outbox for an operator to look at.
pub const MAX_ATTEMPTS: i64 = 5;

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, message: &OutboxMessage) -> Result<(), String>;
}

/// Writes each message to the log instead of sending it.
pub struct LogMailer;

#[async_trait::async_trait]
impl Mailer for LogMailer {
    async fn send(&self, message: &OutboxMessage) -> Result<(), String> {
        tracing::info!(
            to = %message.recipient,
            subject = %message.subject,
            kind = %message.kind,
            "mail (not sent: no JISHI_SMTP_URL)\n{}",
            message.body
        );
        Ok(())
    }
}

pub struct SmtpMailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str) -> anyhow::Result<SmtpMailer> {
        Ok(SmtpMailer {
            transport: lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)?.build(),
            from: from.parse()?,
        })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: &OutboxMessage) -> Result<(), String> {
        use lettre::AsyncTransport;
        let to = message
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// How long a sender holds its claim on a message while talking to the mail server.
const SEND_LEASE_SECONDS: i64 = 120;

/// Sends what is due; each message is claimed first so two instances never both send it. A
/// failed message waits `retry_after_seconds` before the next try.
pub async fn deliver_pending(
    db: &Db,
    mailer: &dyn Mailer,
    retry_after_seconds: i64,
) -> Result<usize, sqlx::Error> {
    let mut delivered = 0;
    for message in outbox::pending(db, 50, MAX_ATTEMPTS).await? {
        if !outbox::claim(db, message.id, SEND_LEASE_SECONDS).await? {
            continue;
        }
        match mailer.send(&message).await {
            Ok(()) => {
                outbox::mark_sent(db, message.id).await?;
                delivered += 1;
            }
            Err(error) => {
                tracing::warn!(id = message.id, %error, "mail not delivered; will retry");
                outbox::mark_failed(db, message.id, &error, retry_after_seconds).await?;
            }
        }
    }
    Ok(delivered)
}

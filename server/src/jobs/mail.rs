//! Delivers the outbox: over SMTP when JISHI_SMTP_URL is set, else into a local mail folder
//! (the demo and development default: one file per message, which `server outbox
//! --show-latest EMAIL` prints). Links' secrets never reach the log, and a sent message keeps
//! only its masked body.

use app::db::{outbox, Db};
use app::domain::mail::OutboxMessage;

/// After this many failed attempts a message stays in the outbox for an operator to look at.
pub const MAX_ATTEMPTS: i64 = 5;

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, message: &OutboxMessage) -> Result<(), String>;
}

/// Writes each message into `folder` (a local mail catcher) instead of sending it; the log
/// says that it did, with the body's secrets masked.
pub struct LogMailer {
    pub folder: std::path::PathBuf,
}

#[async_trait::async_trait]
impl Mailer for LogMailer {
    async fn send(&self, message: &OutboxMessage) -> Result<(), String> {
        let name = format!(
            "{}-{}-{}.txt",
            message.created_at,
            message.id,
            message.recipient.replace(['/', '\\'], "_")
        );
        let text = format!(
            "To: {}\nSubject: {}\n\n{}\n",
            message.recipient, message.subject, message.body
        );
        tokio::fs::create_dir_all(&self.folder)
            .await
            .map_err(|e| e.to_string())?;
        tokio::fs::write(self.folder.join(&name), text)
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(
            to = %message.recipient,
            subject = %message.subject,
            kind = %message.kind,
            file = %name,
            "mail kept locally (no JISHI_SMTP_URL)\n{}",
            app::domain::text::mask_secrets(&message.body)
        );
        Ok(())
    }
}

/// The newest message kept locally for `recipient` (what `server outbox --show-latest` prints).
pub fn latest_local(folder: &std::path::Path, recipient: &str) -> Option<String> {
    let suffix = format!("-{}.txt", recipient.replace(['/', '\\'], "_"));
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(&suffix))
        .collect();
    // Names start with the creation time and the message id: the last sorts newest.
    names.sort_by_key(|name| {
        let mut parts = name.splitn(3, '-');
        let at: i64 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let id: i64 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        (at, id)
    });
    std::fs::read_to_string(folder.join(names.pop()?)).ok()
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
    for queued in outbox::pending(db, 50, MAX_ATTEMPTS).await? {
        if !outbox::claim(db, queued.id, SEND_LEASE_SECONDS).await? {
            continue;
        }
        // Put into words here, in the recipient's language, as it goes out.
        let message = app::i18n::mail::rendered(&queued, false);
        match mailer.send(&message).await {
            Ok(()) => {
                outbox::mark_sent(db, message.id, &queued.mail.masked()).await?;
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

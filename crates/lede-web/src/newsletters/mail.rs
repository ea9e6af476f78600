//! Where email goes: to an SMTP server (lettre: STARTTLS, TLS or plain on loopback, with
//! credentials, DKIM-signed when a key is configured), or, for a site without one (the
//! demo), into `.eml` files in an outbox folder that any mail client opens. What a server's
//! answer means for the queue is decided here: a 5xx refuses the address for good, anything
//! else (4xx, a timeout, no connection) is worth another try.

use lede_store::SendOutcome;
use lettre::message::Mailbox;
use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the site sends email, from `lede.toml` or `LEDE_SMTP_*`.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The sender: `Newsroom <news@example.org>`.
    pub from: String,
    pub transport: MailTransport,
    pub dkim: Option<DkimSettings>,
    /// Messages a minute, at most (mail providers throttle senders that go faster).
    pub per_minute: u32,
}

#[derive(Debug, Clone)]
pub enum MailTransport {
    /// `.eml` files in this folder (no SMTP server configured).
    Outbox(PathBuf),
    Smtp(SmtpSettings),
}

#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// TLS from the first byte (port 465).
    Tls,
    /// Upgraded with STARTTLS, which the server must offer (port 587).
    StartTls,
    /// None: only for a server on this machine (a local relay, tests).
    Plain,
}

#[derive(Debug, Clone)]
pub struct DkimSettings {
    /// The domain that signs (`d=`) and the DNS selector of its public key (`s=`).
    pub domain: String,
    pub selector: String,
    /// The RSA private key, PEM (PKCS#1).
    pub private_key_pem: String,
}

/// What sends: built once at start from [`MailSettings`].
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
    dkim: Option<DkimConfig>,
    pub per_minute: u32,
}

enum Transport {
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish_non_exhaustive()
    }
}

/// How long one SMTP exchange may take before it counts as a temporary failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, String> {
        let from: Mailbox =
            settings.from.parse().map_err(|e| format!("mail_from {:?}: {e}", settings.from))?;
        let transport = match &settings.transport {
            MailTransport::Outbox(dir) => Transport::Outbox(dir.clone()),
            MailTransport::Smtp(smtp) => {
                let builder = match smtp.security {
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host),
                    SmtpSecurity::StartTls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                    }
                    SmtpSecurity::Plain => {
                        Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host))
                    }
                }
                .map_err(|e| format!("smtp_host {:?}: {e}", smtp.host))?;
                let mut builder = builder.port(smtp.port).timeout(Some(SMTP_TIMEOUT));
                if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
                    builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
                }
                Transport::Smtp(builder.build())
            }
        };
        let dkim = match &settings.dkim {
            Some(dkim) => {
                let key = DkimSigningKey::new(&dkim.private_key_pem, DkimSigningAlgorithm::Rsa)
                    .map_err(|e| format!("dkim key: {e}"))?;
                Some(DkimConfig::default_config(dkim.selector.clone(), dkim.domain.clone(), key))
            }
            None => None,
        };
        Ok(Self { from, transport, dkim, per_minute: settings.per_minute.max(1) })
    }

    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// The folder mail is written to when no SMTP server is configured.
    pub fn outbox(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Outbox(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    /// Sends one message (signed first, when DKIM is configured).
    pub async fn send(&self, mut message: Message) -> SendOutcome {
        if let Some(dkim) = &self.dkim {
            message.sign(dkim);
        }
        match &self.transport {
            Transport::Outbox(dir) => match write_eml(dir, &message.formatted()).await {
                Ok(()) => SendOutcome::Sent,
                Err(error) => SendOutcome::Temporary(format!("outbox: {error}")),
            },
            Transport::Smtp(smtp) => match smtp.send(message).await {
                Ok(_) => SendOutcome::Sent,
                Err(error) if error.is_permanent() => SendOutcome::Permanent(error.to_string()),
                Err(error) => SendOutcome::Temporary(error.to_string()),
            },
        }
    }
}

/// Writes a message as `{time}-{random}.eml`, whole or not at all (written aside, then
/// renamed), so a reader of the folder never sees half a message.
async fn write_eml(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!(
        "{}-{:016x}",
        time::OffsetDateTime::now_utc().unix_timestamp_nanos(),
        rand::random::<u64>()
    );
    let partial = dir.join(format!(".{name}.part"));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, dir.join(format!("{name}.eml"))).await
}

//! Configuration, from lowest to highest precedence: defaults, `lede.toml` in the data
//! directory, `LEDE_*` environment variables, command-line flags. A bad value stops the start
//! with one clear line.

use crate::listen::Limits;
use anyhow::{Context, Result, bail};
use lede_core::SystemClock;
use lede_core::language::SiteLanguages;
use lede_core::media::MemoryBudget;
use lede_core::reading_time::ReadingSpeeds;
use lede_store::sql::SqlStore;
use lede_store::{ImageDecoding, MediaStore, Newsroom, S3Settings};
use lede_web::dates::SiteZone;
use lede_web::newsletters::{
    DkimSettings, MailSettings, MailTransport, SmtpSecurity, SmtpSettings,
};
use lede_web::proxy::TrustedProxies;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Which site a command works on: the same options for every subcommand.
#[derive(Debug, clap::Args)]
pub struct SiteOptions {
    /// The site's data directory: SQLite database, media, lede.toml. Created when missing.
    #[arg(long, env = "LEDE_DATA", default_value = "data", global = true)]
    pub data: PathBuf,
    /// Use this database instead of SQLite in the data directory (postgres://… or sqlite:…).
    #[arg(long, env = "LEDE_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
}

/// `lede.toml`: every key optional, unknown keys refused (a typo must not be ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    addr: Option<String>,
    base_url: Option<String>,
    database_url: Option<String>,
    comment_min_seconds: Option<i64>,
    feed_content: Option<FeedContent>,
    comments_per_client_burst: Option<u32>,
    comment_refill_seconds: Option<u64>,
    page_cache_mb: Option<usize>,
    /// BCP 47 tags of the languages articles are written in (`["en", "ur"]`).
    languages: Option<Vec<String>>,
    /// The language of the site's plain addresses; the others get editions under `/{tag}/`.
    default_language: Option<String>,
    /// The IANA time zone dates are shown in and "Publish at" is read in (`Asia/Karachi`).
    time_zone: Option<String>,
    /// Words a minute by language (`{ en = 230, ur = 200 }`), over the shipped defaults.
    reading_speed: Option<BTreeMap<String, u32>>,
    /// Seconds a client has to send a request's headers (and a kept-alive connection may idle).
    header_timeout_seconds: Option<u64>,
    /// The longest pause, in seconds, while a request's body arrives.
    body_timeout_seconds: Option<u64>,
    /// Connections one client (IPv4 address, IPv6 /64) may hold; 0 for no limit.
    connections_per_client: Option<usize>,
    /// Seconds requests in flight may go on after SIGTERM before connections are closed.
    shutdown_grace_seconds: Option<u64>,
    /// Images decoded at once; default half the cores.
    image_decodes_at_once: Option<usize>,
    /// The most memory one image may take once decoded, in MiB.
    image_memory_mb: Option<u64>,
    /// Reverse proxies (addresses or CIDRs) whose `X-Forwarded-For`/`Forwarded` and
    /// `X-Forwarded-Host` are believed (`["127.0.0.1/32"]` behind a local nginx).
    trusted_proxies: Option<Vec<String>>,
    /// Connections this server keeps to PostgreSQL (16), or SQLite readers (8).
    database_pool_size: Option<u32>,
    /// What a client not on this machine must send (`Authorization: Bearer …`) to read
    /// `/metrics`; without it only loopback clients may.
    metrics_token: Option<String>,
    /// Where media files live: `local` (the data directory's `media/`, the default) or `s3`
    /// (the bucket the `s3_*` keys name, which several servers share).
    media_store: Option<MediaStoreKind>,
    /// The S3-compatible store's address (`https://s3.example`); none: AWS, by region.
    s3_endpoint: Option<String>,
    s3_bucket: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    /// A folder of the bucket to keep the files in (none: its root).
    s3_prefix: Option<String>,
    /// Whether webhook endpoints may be on private, loopback and link-local addresses.
    webhooks_allow_private: Option<bool>,
    /// The SMTP server newsletters go through; none: `.eml` files in `DATA/outbox/`.
    smtp_host: Option<String>,
    /// 587 with `starttls` (the default), 465 with `tls`, 25 with `none`.
    smtp_port: Option<u16>,
    /// `starttls`, `tls`, or `none` (only for a server on this machine).
    smtp_security: Option<String>,
    smtp_username: Option<String>,
    smtp_password: Option<String>,
    /// The sender of every email (`Newsroom <news@example.org>`).
    mail_from: Option<String>,
    /// Messages a minute, at most.
    mail_per_minute: Option<u32>,
    /// DKIM: the signing domain, its DNS selector, and the RSA private key (PEM file).
    dkim_domain: Option<String>,
    dkim_selector: Option<String>,
    dkim_private_key_file: Option<PathBuf>,
}

/// Where media files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaStoreKind {
    Local,
    S3,
}

/// What feeds carry: the whole article, or only its standfirst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    Full,
    Summary,
}

pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub addr: String,
    /// The public address readers use, for absolute links (feeds, sitemaps, canonical URLs).
    pub base_url: String,
    pub comment_min_seconds: i64,
    pub feed_content: FeedContent,
    pub comment_burst: u32,
    pub comment_refill_seconds: u64,
    /// Memory for the rendered-page cache, in MiB; 0 turns it off.
    pub page_cache_mb: usize,
    /// The site's languages when `lede.toml` names them (set again at each start); otherwise
    /// those saved on /admin/settings.
    pub languages: Option<SiteLanguages>,
    /// The site's time zone (`UTC` unless `time_zone` names another).
    pub time_zone: SiteZone,
    /// The shipped reading speeds with those `reading_speed` sets.
    pub reading_speeds: ReadingSpeeds,
    /// Timeouts and connection caps for clients (see `crate::listen`).
    pub limits: Limits,
    /// Images decoded at once, and the memory each may take.
    pub image_decodes_at_once: usize,
    pub image_memory: MemoryBudget,
    /// The proxies whose reports of the client's address and host are believed.
    pub trusted_proxies: TrustedProxies,
    /// Connections to the database, when not the default.
    pub database_pool_size: Option<u32>,
    /// The token `/metrics` asks of clients not on this machine (none: loopback only).
    pub metrics_token: Option<String>,
    /// The bucket media files live in; none: the data directory's `media/`.
    pub s3: Option<S3Settings>,
    /// Whether webhooks may go to private, loopback and link-local addresses (off unless
    /// `webhooks_allow_private = true`: tests, an intranet).
    pub webhooks_allow_private: bool,
    /// How newsletters and confirmation emails are sent.
    pub mail: MailSettings,
}

/// Never print a database password in logs or errors.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact(&self.database_url))
            .field("addr", &self.addr)
            .field("s3", &self.s3)
            .finish_non_exhaustive()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl Config {
    pub fn resolve(
        site: &SiteOptions,
        addr: Option<String>,
        base_url: Option<String>,
    ) -> Result<Self> {
        prepare_data_dir(&site.data)?;
        let file = read_file_config(&site.data.join("lede.toml"))?;
        let s3 = s3_settings(&file)?;
        let database_url =
            site.database_url.clone().or(file.database_url.clone()).unwrap_or_else(|| {
                format!("sqlite://{}?mode=rwc", site.data.join("lede.db").display())
            });
        let addr = addr.or(file.addr.clone()).unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let base_url =
            base_url.or(file.base_url.clone()).unwrap_or_else(|| format!("http://{addr}"));
        let base_url = base_url.trim_end_matches('/').to_owned();
        let mail = mail_settings(&file, &site.data, &base_url)?;
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            bail!("base_url must start with http:// or https://, not {base_url:?}");
        }
        let time_zone = match &file.time_zone {
            Some(name) => SiteZone::named(name).map_err(|e| anyhow::anyhow!("lede.toml: {e}"))?,
            None => SiteZone::default(),
        };
        let mut reading_speeds = ReadingSpeeds::default();
        for (language, words_per_minute) in file.reading_speed.unwrap_or_default() {
            if words_per_minute == 0 {
                bail!("reading_speed.{language} in lede.toml must be 1 or more words a minute");
            }
            reading_speeds = reading_speeds.with(&language, words_per_minute);
        }
        let defaults = Limits::default();
        let seconds =
            |value: Option<u64>, default: Duration| value.map_or(default, Duration::from_secs);
        let limits = Limits {
            header_timeout: seconds(file.header_timeout_seconds, defaults.header_timeout),
            body_timeout: seconds(file.body_timeout_seconds, defaults.body_timeout),
            per_client: file.connections_per_client.unwrap_or(defaults.per_client),
            shutdown_grace: seconds(file.shutdown_grace_seconds, defaults.shutdown_grace),
        };
        for (key, value) in [
            ("header_timeout_seconds", file.header_timeout_seconds),
            ("body_timeout_seconds", file.body_timeout_seconds),
            ("image_memory_mb", file.image_memory_mb),
        ] {
            if value == Some(0) {
                bail!("{key} in lede.toml must be 1 or more");
            }
        }
        // `LEDE_TRUSTED_PROXIES=10.0.0.0/8,127.0.0.1` over the file's list.
        let proxies = match std::env::var("LEDE_TRUSTED_PROXIES") {
            Ok(list) => {
                list.split(',').map(str::to_owned).filter(|p| !p.trim().is_empty()).collect()
            }
            Err(_) => file.trusted_proxies.unwrap_or_default(),
        };
        let trusted_proxies =
            TrustedProxies::parse(&proxies).map_err(|e| anyhow::anyhow!("trusted_proxies: {e}"))?;
        let database_pool_size = match std::env::var("LEDE_DATABASE_POOL_SIZE") {
            Ok(size) => Some(size.trim().parse::<u32>().map_err(|_| {
                anyhow::anyhow!("LEDE_DATABASE_POOL_SIZE must be a number, not {size:?}")
            })?),
            Err(_) => file.database_pool_size,
        };
        if database_pool_size.is_some_and(|size| size < 2) {
            bail!("database_pool_size must be 2 or more");
        }
        if file.image_decodes_at_once == Some(0) {
            bail!("image_decodes_at_once in lede.toml must be 1 or more");
        }
        let config = Self {
            data_dir: site.data.clone(),
            database_url,
            addr,
            base_url,
            comment_min_seconds: file.comment_min_seconds.unwrap_or(3),
            feed_content: file.feed_content.unwrap_or(FeedContent::Full),
            comment_burst: file.comments_per_client_burst.unwrap_or(5),
            comment_refill_seconds: file.comment_refill_seconds.unwrap_or(120),
            page_cache_mb: file.page_cache_mb.unwrap_or(64),
            languages: site_languages(file.languages, file.default_language)?,
            time_zone,
            reading_speeds,
            limits,
            image_decodes_at_once: file
                .image_decodes_at_once
                .unwrap_or_else(ImageDecoding::default_at_once),
            image_memory: file
                .image_memory_mb
                .map_or(MemoryBudget::DEFAULT, MemoryBudget::megabytes),
            trusted_proxies,
            database_pool_size,
            metrics_token: std::env::var("LEDE_METRICS_TOKEN")
                .ok()
                .or(file.metrics_token)
                .filter(|token| !token.trim().is_empty()),
            s3,
            webhooks_allow_private: file.webhooks_allow_private.unwrap_or(false),
            mail,
        };
        if config.comment_min_seconds < 0 {
            bail!("comment_min_seconds in lede.toml must be 0 or more");
        }
        Ok(config)
    }

    /// The site's media files: the data directory's `media/`, or the configured bucket.
    pub fn media_store(&self) -> Result<MediaStore> {
        Ok(match &self.s3 {
            Some(s3) => MediaStore::s3(s3)?,
            None => self.local_media()?,
        })
    }

    /// The data directory's `media/`, whatever the configured store (`lede media migrate`
    /// copies from it).
    pub fn local_media(&self) -> Result<MediaStore> {
        Ok(MediaStore::local(self.data_dir.join("media"))?)
    }

    /// Connects to the database (applying migrations) and returns the newsroom over it.
    pub async fn open_newsroom(&self) -> Result<Newsroom> {
        let store = SqlStore::open_with_pool(&self.database_url, self.database_pool_size)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&self.database_url)))?;
        Ok(Newsroom::new(store, Arc::new(SystemClock)).await?)
    }
}

/// How email is sent, each setting from `LEDE_*` over `lede.toml` (`LEDE_SMTP_HOST`,
/// `LEDE_SMTP_PORT`, `LEDE_SMTP_SECURITY`, `LEDE_SMTP_USERNAME`, `LEDE_SMTP_PASSWORD`,
/// `LEDE_MAIL_FROM`, `LEDE_MAIL_PER_MINUTE`, `LEDE_DKIM_DOMAIN`, `LEDE_DKIM_SELECTOR`,
/// `LEDE_DKIM_PRIVATE_KEY_FILE`). Without an SMTP host, mail is written into `DATA/outbox/`.
fn mail_settings(file: &FileConfig, data: &Path, base_url: &str) -> Result<MailSettings> {
    let setting = |variable: &str, key: &Option<String>| {
        std::env::var(variable).ok().or_else(|| key.clone()).filter(|v| !v.trim().is_empty())
    };
    let number = |variable: &str, key: Option<u32>| -> Result<Option<u32>> {
        match std::env::var(variable) {
            Ok(text) => Ok(Some(
                text.trim()
                    .parse()
                    .map_err(|_| anyhow::anyhow!("{variable} must be a number, not {text:?}"))?,
            )),
            Err(_) => Ok(key),
        }
    };
    let host_name = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let host_name = host_name.split(['/', ':']).next().unwrap_or("localhost");
    let from = setting("LEDE_MAIL_FROM", &file.mail_from)
        .unwrap_or_else(|| format!("newsletter@{host_name}"));
    let security = match setting("LEDE_SMTP_SECURITY", &file.smtp_security).as_deref() {
        None | Some("starttls") => SmtpSecurity::StartTls,
        Some("tls") => SmtpSecurity::Tls,
        Some("none") => SmtpSecurity::Plain,
        Some(other) => bail!("smtp_security must be starttls, tls or none, not {other:?}"),
    };
    let transport = match setting("LEDE_SMTP_HOST", &file.smtp_host) {
        Some(host) => {
            let default_port = match security {
                SmtpSecurity::Tls => 465,
                SmtpSecurity::StartTls => 587,
                SmtpSecurity::Plain => 25,
            };
            let port = number("LEDE_SMTP_PORT", file.smtp_port.map(u32::from))?
                .map(|p| {
                    u16::try_from(p).map_err(|_| anyhow::anyhow!("smtp_port {p} is too large"))
                })
                .transpose()?
                .unwrap_or(default_port);
            MailTransport::Smtp(SmtpSettings {
                host,
                port,
                security,
                username: setting("LEDE_SMTP_USERNAME", &file.smtp_username),
                password: setting("LEDE_SMTP_PASSWORD", &file.smtp_password),
            })
        }
        None => MailTransport::Outbox(data.join("outbox")),
    };
    let key_file = std::env::var("LEDE_DKIM_PRIVATE_KEY_FILE")
        .ok()
        .map(PathBuf::from)
        .or_else(|| file.dkim_private_key_file.clone());
    let dkim = match (
        setting("LEDE_DKIM_DOMAIN", &file.dkim_domain),
        setting("LEDE_DKIM_SELECTOR", &file.dkim_selector),
        key_file,
    ) {
        (Some(domain), Some(selector), Some(key)) => Some(DkimSettings {
            domain,
            selector,
            private_key_pem: std::fs::read_to_string(&key)
                .with_context(|| format!("cannot read the DKIM key {}", key.display()))?,
        }),
        (None, None, None) => None,
        _ => bail!("DKIM needs dkim_domain, dkim_selector and dkim_private_key_file together"),
    };
    let per_minute = number("LEDE_MAIL_PER_MINUTE", file.mail_per_minute)?.unwrap_or(600);
    if per_minute == 0 {
        bail!("mail_per_minute must be 1 or more");
    }
    Ok(MailSettings { from, transport, dkim, per_minute })
}

/// The bucket `media_store = "s3"` names, each setting from `LEDE_*` over `lede.toml`
/// (`LEDE_MEDIA_STORE`, `LEDE_S3_ENDPOINT`, `LEDE_S3_BUCKET`, `LEDE_S3_REGION`,
/// `LEDE_S3_ACCESS_KEY_ID`, `LEDE_S3_SECRET_ACCESS_KEY`, `LEDE_S3_PREFIX`); none for the data
/// directory.
fn s3_settings(file: &FileConfig) -> Result<Option<S3Settings>> {
    let setting = |variable: &str, key: &Option<String>| {
        std::env::var(variable).ok().or_else(|| key.clone()).filter(|v| !v.trim().is_empty())
    };
    let kind = match std::env::var("LEDE_MEDIA_STORE") {
        Ok(kind) => match kind.trim() {
            "local" => MediaStoreKind::Local,
            "s3" => MediaStoreKind::S3,
            other => bail!("LEDE_MEDIA_STORE must be local or s3, not {other:?}"),
        },
        Err(_) => file.media_store.unwrap_or(MediaStoreKind::Local),
    };
    if kind == MediaStoreKind::Local {
        return Ok(None);
    }
    let needed = |variable: &str, key: &Option<String>, name: &str| {
        setting(variable, key).with_context(|| {
            format!("media_store = \"s3\" needs {name} in lede.toml (or {variable})")
        })
    };
    Ok(Some(S3Settings {
        endpoint: setting("LEDE_S3_ENDPOINT", &file.s3_endpoint),
        bucket: needed("LEDE_S3_BUCKET", &file.s3_bucket, "s3_bucket")?,
        region: setting("LEDE_S3_REGION", &file.s3_region).unwrap_or_else(|| "us-east-1".into()),
        access_key_id: needed("LEDE_S3_ACCESS_KEY_ID", &file.s3_access_key_id, "s3_access_key_id")?,
        secret_access_key: needed(
            "LEDE_S3_SECRET_ACCESS_KEY",
            &file.s3_secret_access_key,
            "s3_secret_access_key",
        )?,
        prefix: setting("LEDE_S3_PREFIX", &file.s3_prefix).unwrap_or_default(),
    }))
}

/// The languages `lede.toml` names, checked: the default is the first listed unless named.
fn site_languages(
    languages: Option<Vec<String>>,
    default: Option<String>,
) -> Result<Option<SiteLanguages>> {
    if languages.is_none() && default.is_none() {
        return Ok(None);
    }
    let languages = languages.unwrap_or_default();
    let default = default.or_else(|| languages.first().cloned()).unwrap_or_else(|| "en".into());
    let checked = SiteLanguages::new(&languages, &default)
        .map_err(|e| anyhow::anyhow!("languages in lede.toml: {}", e.message))?;
    Ok(Some(checked))
}

/// Creates the data directory and proves it writable now, rather than failing on the first
/// upload or database write.
fn prepare_data_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    let probe = dir.join(".lede-write-test");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("the data directory {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

fn read_file_config(path: &Path) -> Result<FileConfig> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            let message = e.message().to_owned();
            let line = e.span().map(|span| text[..span.start].matches('\n').count() + 1);
            match line {
                Some(line) => anyhow::anyhow!("bad config {}:{line}: {message}", path.display()),
                None => anyhow::anyhow!("bad config {}: {message}", path.display()),
            }
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact("postgres://lede:s3cret@db.example:5432/lede"),
            "postgres://lede:***@db.example:5432/lede"
        );
        assert_eq!(redact("postgres://lede@db/lede"), "postgres://lede@db/lede");
        assert_eq!(redact("sqlite://data/lede.db?mode=rwc"), "sqlite://data/lede.db?mode=rwc");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused_with_their_line() {
        let dir = std::env::temp_dir().join(format!("lede-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("lede.toml"), "addr = \"127.0.0.1:9000\"\ndatabse_url = \"x\"\n")
            .expect("write");
        let error =
            Config::resolve(&SiteOptions { data: dir.clone(), database_url: None }, None, None)
                .expect_err("typo");
        let message = format!("{error:#}");
        assert!(message.contains("lede.toml:2") && message.contains("databse_url"), "{message}");
        std::fs::write(dir.join("lede.toml"), "addr = \"127.0.0.1:9000\"\n").expect("write");
        let config =
            Config::resolve(&SiteOptions { data: dir.clone(), database_url: None }, None, None)
                .expect("valid");
        assert_eq!(config.addr, "127.0.0.1:9000");
        assert_eq!(config.base_url, "http://127.0.0.1:9000", "the base URL follows the address");
        let flag = Config::resolve(
            &SiteOptions { data: dir.clone(), database_url: None },
            Some("0.0.0.0:1".into()),
            Some("https://news.example/".into()),
        )
        .expect("valid");
        assert_eq!(flag.addr, "0.0.0.0:1", "flags beat the file");
        assert_eq!(flag.base_url, "https://news.example");
        std::fs::remove_dir_all(dir).ok();
    }

    fn resolve_with(name: &str, file: &str) -> Result<Config> {
        let dir = std::env::temp_dir().join(format!("lede-config-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("lede.toml"), file).expect("write");
        let config =
            Config::resolve(&SiteOptions { data: dir.clone(), database_url: None }, None, None);
        std::fs::remove_dir_all(dir).ok();
        config
    }

    #[test]
    fn time_zone_and_reading_speeds() {
        let defaults = resolve_with("defaults", "").expect("valid");
        assert_eq!(defaults.time_zone.name(), "UTC");
        assert_eq!(defaults.reading_speeds, ReadingSpeeds::default());
        let set = resolve_with(
            "set",
            "time_zone = \"Asia/Karachi\"\nreading_speed = { ur = 180, fr = 250 }\n",
        )
        .expect("valid");
        assert_eq!(set.time_zone.name(), "Asia/Karachi");
        assert_eq!(set.reading_speeds.rate("ur"), 180);
        assert_eq!(set.reading_speeds.rate("fr"), 250);
        assert_eq!(set.reading_speeds.rate("en"), 230, "unset languages keep their default");
        let error =
            resolve_with("bad-zone", "time_zone = \"Mars/Olympus\"\n").expect_err("unknown zone");
        let message = format!("{error:#}");
        assert!(message.contains("Mars/Olympus") && !message.contains('\n'), "{message}");
        assert!(resolve_with("zero", "reading_speed = { ur = 0 }\n").is_err());
    }

    #[test]
    fn connection_and_image_limits() {
        let defaults = resolve_with("limits-default", "").expect("valid");
        assert_eq!(defaults.limits, Limits::default());
        assert_eq!(defaults.image_memory, MemoryBudget::DEFAULT);
        assert!(defaults.image_decodes_at_once >= 1);
        let set = resolve_with(
            "limits-set",
            "header_timeout_seconds = 5\nbody_timeout_seconds = 20\nconnections_per_client = 0\n\
             shutdown_grace_seconds = 0\nimage_decodes_at_once = 3\nimage_memory_mb = 64\n",
        )
        .expect("valid");
        assert_eq!(
            set.limits,
            Limits {
                header_timeout: Duration::from_secs(5),
                body_timeout: Duration::from_secs(20),
                per_client: 0,
                shutdown_grace: Duration::ZERO,
            }
        );
        assert_eq!((set.image_decodes_at_once, set.image_memory), (3, MemoryBudget::megabytes(64)));
        for bad in
            ["header_timeout_seconds = 0", "image_decodes_at_once = 0", "image_memory_mb = 0"]
        {
            let error = resolve_with("limits-bad", &format!("{bad}\n")).expect_err(bad);
            let key = bad.split(' ').next().unwrap_or_default();
            assert!(format!("{error:#}").contains(key), "{error:#}");
        }
    }

    #[test]
    fn media_store_settings() {
        let local = resolve_with("media-local", "").expect("valid");
        assert!(local.s3.is_none(), "the data directory unless told otherwise");
        let file = "media_store = \"s3\"\ns3_endpoint = \"http://127.0.0.1:3900\"\n\
                    s3_bucket = \"news\"\ns3_access_key_id = \"GK1\"\n\
                    s3_secret_access_key = \"hunter2\"\ns3_prefix = \"site\"\n";
        let config = resolve_with("media-s3", file).expect("valid");
        assert!(!format!("{config:?}").contains("hunter2"), "the secret is never printed");
        let s3 = config.s3.expect("a bucket");
        assert_eq!(s3.endpoint.as_deref(), Some("http://127.0.0.1:3900"));
        assert_eq!((s3.bucket.as_str(), s3.region.as_str()), ("news", "us-east-1"));
        assert_eq!((s3.access_key_id.as_str(), s3.prefix.as_str()), ("GK1", "site"));
        let error = resolve_with("media-no-bucket", "media_store = \"s3\"\n").expect_err("bucket");
        assert!(format!("{error:#}").contains("s3_bucket"), "{error:#}");
        assert!(resolve_with("media-ftp", "media_store = \"ftp\"\n").is_err());
    }
}

//! The command line: subcommands and the options that choose a site.

use crate::config::{Config, SiteOptions};
use crate::{api_keys, backup, demo, media, newsletters, serve, transfer};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use lede_core::account::Role;
use lede_core::comment::CommentStatus;
use lede_core::content::CommentId;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "lede", version, about = "Lede: a news publishing platform in one binary")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How log lines are written to stderr: for people (`text`) or one JSON object per line
    /// for log collectors (`json`).
    #[arg(long, env = "LEDE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site over HTTP.
    Serve {
        #[command(flatten)]
        site: SiteOptions,
        /// Address to listen on.
        #[arg(long, env = "LEDE_ADDR")]
        addr: Option<String>,
        /// The public address readers use (https://news.example), for absolute links.
        #[arg(long, env = "LEDE_BASE_URL")]
        base_url: Option<String>,
        /// Load demo content into an empty site before serving.
        #[arg(long)]
        demo: bool,
        /// Memory for rendered pages, in MiB (default 64, or `page_cache_mb` in lede.toml);
        /// 0 renders every request.
        #[arg(long, env = "LEDE_PAGE_CACHE_MB")]
        page_cache_mb: Option<usize>,
    },
    /// Rebuild the search index from the articles in the database.
    Reindex {
        #[command(flatten)]
        site: SiteOptions,
    },
    /// Manage newsroom accounts.
    User {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: UserAction,
    },
    /// Moderate reader comments (also possible in the browser at /admin/comments).
    Comments {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: CommentAction,
    },
    /// Manage syndication partners' API keys (they unlock partner-only articles in the API).
    ApiKey {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: ApiKeyAction,
    },
    /// Manage webhook endpoints (also at /admin/webhooks): each receives the events it asks
    /// for, signed as the Standard Webhooks specification says.
    Webhook {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: WebhookAction,
    },
    /// Newsletters from the command line (also at /admin/newsletters): import confirmed
    /// subscribers, email a published article to a list.
    Newsletter {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: NewsletterAction,
    },
    /// Import content from another system into the site.
    Import {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Write the whole site (content, comments, authors, media list) to a file or stdout.
    Export {
        #[command(flatten)]
        site: SiteOptions,
        /// wxr: WordPress's export format, which its importer reads; json: everything Lede keeps,
        /// which `lede import lede` restores.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Copy the whole site (database and media) into one file, while it keeps serving.
    Backup {
        #[command(flatten)]
        site: SiteOptions,
        /// The backup file to write (a tar: manifest.json, the database, media/).
        #[arg(long, short)]
        output: PathBuf,
        /// Replace FILE when it exists.
        #[arg(long)]
        force: bool,
    },
    /// Work on the site's media files.
    Media {
        #[command(flatten)]
        site: SiteOptions,
        #[command(subcommand)]
        action: MediaAction,
    },
    /// Restore a file made by `lede backup` into the site --data or --database-url names.
    Restore {
        #[command(flatten)]
        site: SiteOptions,
        /// The backup file.
        file: PathBuf,
        /// Replace the site there when it already has content (stop its servers first).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportSource {
    /// A WordPress export (Tools → Export in WordPress: a WXR file, versions 1.0 to 1.2).
    /// Running it again changes nothing; old permalinks answer 301 to the new addresses.
    Wordpress {
        /// The export file (.xml).
        file: PathBuf,
        /// A local copy of the old site's wp-content/uploads, for featured images and media.
        #[arg(long)]
        media_dir: Option<PathBuf>,
    },
    /// A Lede JSON export (`lede export --format json`), restored whole into an empty site:
    /// accounts with their passwords, API keys, articles with their revisions, pages,
    /// settings. Media files are not in it: copy DATA/media across (or use `lede backup`).
    Lede {
        /// The export file (.json).
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Wxr,
    Json,
}

#[derive(Debug, Subcommand)]
enum MediaAction {
    /// Copy the data directory's media files into the configured S3 store (`media_store =
    /// "s3"`), skipping those already there; run it again after a failure.
    Migrate,
}

#[derive(Debug, Subcommand)]
enum ApiKeyAction {
    /// Make a key for a partner and print it, once: only its hash is kept.
    Add {
        /// The partner's name, to recognise the key by.
        #[arg(long)]
        partner: String,
    },
    /// List every key (never the keys themselves): id, partner, hint, dates.
    List,
    /// Revoke a key by id: requests that present it are refused from now on.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand)]
enum WebhookAction {
    /// Add an endpoint and print its signing secret, once.
    Add {
        /// Where deliveries are posted (http or https).
        #[arg(long)]
        url: String,
        /// An event it receives (article.published, article.updated, article.unpublished,
        /// comment.approved, newsletter.sent); give it again for more.
        #[arg(long = "event", required = true)]
        events: Vec<String>,
    },
    /// List the endpoints: id, state, address, events.
    List,
}

#[derive(Debug, Subcommand)]
pub enum NewsletterAction {
    /// Import subscribers from a CSV (email, language, lists, consent), every row with
    /// consent: readers who must still confirm are imported at /admin/newsletters, which
    /// sends them the confirmation email.
    Import { file: PathBuf },
    /// Email a published article to a list (`breaking:en`, `daily:ur`, `section:3:en`); a
    /// running server sends it. A list receives an article once.
    Send {
        /// The article's slug.
        #[arg(long)]
        article: String,
        #[arg(long)]
        list: String,
    },
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Create an account; the password is read from standard input (prompted on a terminal).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "editor", "author", "contributor"])]
        role: String,
    },
    /// Set a new password (read from standard input) and end the account's sessions.
    Passwd {
        #[arg(long)]
        email: String,
    },
    /// List the accounts.
    List,
}

#[derive(Debug, Subcommand)]
enum CommentAction {
    /// List comments awaiting moderation (or in another status).
    List {
        #[arg(long, default_value = "pending")]
        status: String,
    },
    /// Approve comments by id: they appear on their article at once.
    Approve { ids: Vec<i64> },
    /// Mark comments as spam.
    Spam { ids: Vec<i64> },
    /// Move comments to the trash.
    Trash { ids: Vec<i64> },
}

pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve { site, addr, base_url, demo, page_cache_mb } => {
            let mut config = Config::resolve(&site, addr, base_url)?;
            config.page_cache_mb = page_cache_mb.unwrap_or(config.page_cache_mb);
            serve::serve(config, demo).await
        }
        Command::Reindex { site } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            let started = std::time::Instant::now();
            let count = newsroom.reindex().await?;
            println!("Reindexed {count} articles in {:.1} s.", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::User { site, action } => {
            let config = Config::resolve(&site, None, None)?;
            let accounts = lede_store::Accounts::new(&config.open_newsroom().await?);
            match action {
                UserAction::Add { email, name, role } => {
                    let role = Role::parse(&role)?;
                    let password = read_password()?;
                    accounts.create_user(&email, &name, role, &password).await?;
                    println!("Created {} ({}) as {}.", name, email, role.as_str());
                }
                UserAction::Passwd { email } => {
                    let password = read_password()?;
                    accounts.change_password(&email, &password).await?;
                    println!("Password changed for {email}; their sessions were ended.");
                }
                UserAction::List => list_users(&config).await?,
            }
            Ok(())
        }
        Command::Import { site, source } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            let changed = serve::watch_changes(&newsroom);
            // An import commits batch by batch: running servers hear of each as it lands,
            // and of what landed even when a later batch fails.
            let telling = serve::keep_telling_running_servers(&newsroom, &changed);
            let imported = match source {
                ImportSource::Wordpress { file, media_dir } => {
                    transfer::import_wordpress(&newsroom, &config, &file, media_dir).await
                }
                ImportSource::Lede { file } => transfer::import_lede(&newsroom, &file).await,
            };
            telling.stop().await;
            serve::tell_running_servers(&newsroom, &changed).await?;
            imported
        }
        Command::Export { site, format, output } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            let format = match format {
                ExportFormat::Wxr => lede_import::Format::Wxr,
                ExportFormat::Json => lede_import::Format::Json,
            };
            transfer::export(&newsroom, &config, format, output.as_deref()).await
        }
        Command::Backup { site, output, force } => {
            let config = Config::resolve(&site, None, None)?;
            backup::backup(&config, &output, force).await
        }
        Command::Media { site, action: MediaAction::Migrate } => {
            let config = Config::resolve(&site, None, None)?;
            media::migrate(&config).await
        }
        Command::Restore { site, file, force } => {
            let config = Config::resolve(&site, None, None)?;
            backup::restore(&config, &file, force).await
        }
        Command::Comments { site, action } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            let changed = serve::watch_changes(&newsroom);
            match action {
                CommentAction::List { status } => list_comments(&newsroom, &status).await?,
                CommentAction::Approve { ids } => {
                    moderate(&newsroom, &ids, CommentStatus::Approved).await?
                }
                CommentAction::Spam { ids } => {
                    moderate(&newsroom, &ids, CommentStatus::Spam).await?
                }
                CommentAction::Trash { ids } => {
                    moderate(&newsroom, &ids, CommentStatus::Trash).await?
                }
            }
            serve::tell_running_servers(&newsroom, &changed).await
        }
        Command::ApiKey { site, action } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            match action {
                ApiKeyAction::Add { partner } => api_keys::add(&newsroom, &partner).await,
                ApiKeyAction::List => api_keys::list(&newsroom).await,
                ApiKeyAction::Revoke { id } => api_keys::revoke(&newsroom, id).await,
            }
        }
        Command::Newsletter { site, action } => {
            let config = Config::resolve(&site, None, None)?;
            newsletters::run(&config.open_newsroom().await?, action).await
        }
        Command::Webhook { site, action } => {
            let config = Config::resolve(&site, None, None)?;
            let newsroom = config.open_newsroom().await?;
            match action {
                WebhookAction::Add { url, events } => {
                    let allow_private = config.webhooks_allow_private;
                    let (endpoint, secret) =
                        newsroom.add_webhook(&url, &events, allow_private).await?;
                    println!("Webhook endpoint #{} for {}:", endpoint.id, endpoint.url);
                    println!();
                    println!("    {}", secret.expose());
                    println!();
                    println!(
                        "This signing secret is not shown again: give it to the receiver now."
                    );
                    Ok(())
                }
                WebhookAction::List => {
                    for endpoint in newsroom.store().webhook_endpoints().await? {
                        let events: Vec<&str> =
                            endpoint.events.iter().map(|e| e.as_str()).collect();
                        let state = if endpoint.enabled { "enabled" } else { "disabled" };
                        println!(
                            "{}\t{state}\t{}\t{}",
                            endpoint.id,
                            endpoint.url,
                            events.join(" ")
                        );
                    }
                    Ok(())
                }
            }
        }
    }
}

async fn list_comments(newsroom: &lede_store::Newsroom, status: &str) -> Result<()> {
    let status =
        CommentStatus::parse(status).context("use --status pending|approved|spam|trash")?;
    let comments = newsroom.store().list_comments(status, 500).await?;
    if comments.is_empty() {
        println!("No {} comments.", status.as_str());
    }
    for c in comments {
        let text: String = c.text.chars().take(100).collect::<String>().replace('\n', " ");
        println!(
            "#{} article {} · {} · {}\n    {}",
            c.id.0,
            c.article.0,
            c.name,
            c.created_at.date(),
            text
        );
    }
    Ok(())
}

async fn moderate(
    newsroom: &lede_store::Newsroom,
    ids: &[i64],
    status: CommentStatus,
) -> Result<()> {
    anyhow::ensure!(!ids.is_empty(), "give the ids of the comments (see `lede comments list`)");
    for id in ids {
        newsroom
            .moderate_comment(CommentId(*id), status)
            .await
            .with_context(|| format!("comment #{id}"))?;
        println!("Comment #{id}: {}", status.as_str());
    }
    Ok(())
}

/// Loads the demo into an empty site; says so when the site already has content.
pub async fn load_demo_if_empty(
    newsroom: &lede_store::Newsroom,
    media: &lede_store::MediaStore,
) -> Result<()> {
    if newsroom.store().count_articles().await? > 0 {
        tracing::info!("the site already has articles; demo content not loaded");
        return Ok(());
    }
    let loaded = demo::load(newsroom, media).await.context("loading demo content")?;
    tracing::info!(articles = loaded, "demo content loaded");
    Ok(())
}

/// Reads a password: prompted without echo on a terminal, one line of standard input otherwise
/// (scripts pipe it in).
fn read_password() -> Result<String> {
    use std::io::IsTerminal;
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        anyhow::ensure!(first == again, "the two passwords differ");
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    Ok(password)
}

async fn list_users(config: &Config) -> Result<()> {
    let newsroom = config.open_newsroom().await?;
    let users = newsroom.store().users().await?;
    if users.is_empty() {
        println!("No accounts yet: add one with `lede user add`, or open /admin in a browser.");
    }
    for user in users {
        println!("{:<28} {:<24} {}", user.email, user.name, user.role.as_str());
    }
    Ok(())
}

//! `lede serve`: open the site, optionally load the demo, and serve until SIGTERM or Ctrl-C,
//! letting in-flight requests finish within a grace period. Connections go through
//! [`crate::listen`], which keeps slow and greedy clients within limits.

use crate::cli::load_demo_if_empty;
use crate::config::Config;
use crate::listen;
use anyhow::{Context, Result};
use lede_store::{Heard, Newsroom, OUTSIDE_CHANGE_KEY};
use lede_web::{AppState, SiteSettings};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub async fn serve(config: Config, demo: bool) -> Result<()> {
    let open_files = listen::raise_open_file_limit();
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let newsroom = config.open_newsroom().await?;
    let media = config.media_store()?;
    // A wrong endpoint, bucket or key stops the start, not the first upload.
    media.check().await?;
    // Before anything changes, so that the other servers hear of every change this one makes,
    // and this one of theirs (they wait in the receiver until the site is up).
    let heard = newsroom.join_servers().await.context("cannot listen to the other servers")?;
    // Servers started at once on one new database take turns at the start-up work: the first
    // loads the demo, the others find it loaded.
    let start = newsroom.store().start_lock().await?;
    if newsroom.upgrade_search_index().await? {
        tracing::info!("rebuilt the search index for this version of Lede");
    }
    if let Some(languages) = &config.languages {
        newsroom.set_languages(languages.clone()).await?;
    }
    if demo {
        load_demo_if_empty(&newsroom, &media).await?;
    }
    // Another server may have set them (loading the demo) since this newsroom read them; what
    // it announced meanwhile is applied only once this server is up.
    newsroom.reload_site_settings().await?;
    start.release().await?;
    let store = newsroom.store().clone();
    let defaults = SiteSettings::default();
    let settings = SiteSettings {
        name: store.setting("site_name").await?.unwrap_or(defaults.name),
        tagline: store.setting("site_tagline").await?.unwrap_or(defaults.tagline),
        base_url: config.base_url.clone(),
        template_dir: Some(config.data_dir.join("templates")),
        media: Some(media.clone()),
        comment_min_seconds: config.comment_min_seconds,
        feed_full_content: config.feed_content == crate::config::FeedContent::Full,
        comment_burst: config.comment_burst,
        comment_refill: Duration::from_secs(config.comment_refill_seconds),
        page_cache_bytes: config.page_cache_mb.saturating_mul(1024 * 1024),
        time_zone: config.time_zone.clone(),
        reading_speeds: config.reading_speeds.clone(),
        image_decodes_at_once: config.image_decodes_at_once,
        image_memory: config.image_memory,
        trusted_proxies: config.trusted_proxies.clone(),
        metrics_token: config.metrics_token.clone(),
        webhooks_allow_private: config.webhooks_allow_private,
    };
    // A new site's first admin is whoever gives this code on the setup page: only someone who
    // can read the server's log, not whoever reaches the site first.
    if let Some(code) = lede_store::Accounts::new(&newsroom).setup_code().await? {
        tracing::warn!(
            setup_code = %code,
            "this site has no account yet: open {}/admin/setup and give the setup code {code} \
             (or create an account with `lede user add`)",
            config.base_url
        );
    }
    let mailer = lede_web::newsletters::Mailer::new(&config.mail)
        .map_err(|e| anyhow::anyhow!("cannot set up email: {e}"))?;
    match mailer.outbox() {
        Some(outbox) => {
            tracing::info!(outbox = %outbox.display(), "no SMTP server is set up: emails are written to the outbox")
        }
        None => tracing::info!(from = %mailer.from(), "newsletters go through SMTP"),
    }
    let state = AppState::new(newsroom, settings)
        .context("the site's templates do not compile")?
        .with_mailer(mailer);
    spawn_scheduler(state.newsroom.clone(), state.metrics.clone());
    spawn_newsletter_worker(state.clone());
    let sender = lede_web::webhooks::Sender::new(config.webhooks_allow_private)
        .context("cannot make the webhooks' HTTP client")?;
    spawn_webhook_worker(state.clone(), sender);
    spawn_outside_change_watch(state.clone());
    if let Some(heard) = heard {
        spawn_hearing(state.clone(), heard);
    }
    let app = lede_web::site(state);
    let max_connections = listen::max_connections(open_files);
    tracing::info!(
        addr = %config.addr,
        data = %config.data_dir.display(),
        media = ?media,
        open_files,
        max_connections,
        per_client = config.limits.per_client,
        "serving"
    );
    let proxies = config.trusted_proxies.clone();
    listen::serve(listener, app, config.limits, proxies, max_connections, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM (how service managers stop us) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// How often scheduled articles are checked: they go live within this of their time.
const SCHEDULE_TICK: Duration = Duration::from_secs(15);

/// How often the webhook worker looks for due deliveries: an event is sent within this.
const WEBHOOK_TICK: Duration = Duration::from_secs(2);

/// How often a server looks for changes made by other processes: one tiny query.
const OUTSIDE_CHANGE_TICK: Duration = Duration::from_secs(2);

/// Applies, in order, the changes the other servers sharing the PostgreSQL database announce.
fn spawn_hearing(state: AppState, mut heard: tokio::sync::mpsc::Receiver<Heard>) {
    tokio::spawn(async move {
        while let Some(message) = heard.recv().await {
            if let Err(error) = state.hear(message).await {
                tracing::warn!(%error, "applying another server's change failed: pages will render anew");
                state.forget_rendered();
            }
        }
    });
}

/// Drops the rendered pages when a `lede` command changed content from outside this server
/// (it leaves a mark through `Newsroom::mark_outside_change`), or when a breaking-news banner
/// they show has expired. On PostgreSQL it is also the fallback while the connection that
/// hears the other servers is down.
fn spawn_outside_change_watch(state: AppState) {
    tokio::spawn(async move {
        let store = state.newsroom.store().clone();
        let mut seen = store.setting(OUTSIDE_CHANGE_KEY).await.ok().flatten();
        let mut tick = tokio::time::interval(OUTSIDE_CHANGE_TICK);
        loop {
            tick.tick().await;
            state.expire_breaking_news().await;
            match store.setting(OUTSIDE_CHANGE_KEY).await {
                Ok(now) if now != seen => {
                    tracing::info!("content changed by another process: pages will render anew");
                    if let Err(error) = state.hear(Heard::Missed).await {
                        tracing::warn!(%error, "reading the site's settings again failed");
                        state.forget_rendered();
                    }
                    seen = now;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "looking for outside changes failed"),
            }
        }
    });
}

/// Notes in the database, when `newsroom` announced any change, that a running server must
/// drop its rendered pages. Called by commands that change content from outside the server.
pub async fn tell_running_servers(newsroom: &Newsroom, changed: &AtomicBool) -> Result<()> {
    if changed.load(Ordering::Acquire) {
        newsroom.mark_outside_change().await?;
    }
    Ok(())
}

/// Tells running servers, every [`OUTSIDE_CHANGE_TICK`] while a long command runs, of the
/// changes it announced since the last time; [`Telling::stop`] ends it.
pub fn keep_telling_running_servers(newsroom: &Newsroom, changed: &Arc<AtomicBool>) -> Telling {
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let (newsroom, changed) = (newsroom.clone(), changed.clone());
    let task = tokio::spawn(async move {
        let mut tick = tokio::time::interval(OUTSIDE_CHANGE_TICK);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = &mut stopped => return,
            }
            if changed.swap(false, Ordering::AcqRel)
                && let Err(error) = newsroom.mark_outside_change().await
            {
                tracing::warn!(%error, "telling running servers of changes failed");
                changed.store(true, Ordering::Release);
            }
        }
    });
    Telling { stop, task }
}

/// The task of [`keep_telling_running_servers`].
pub struct Telling {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Telling {
    /// Stops telling, after a mark being written (if any) is written: what is left untold is
    /// still in the flag, for [`tell_running_servers`].
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// A flag that turns true when `newsroom` announces a change readers can see.
pub fn watch_changes(newsroom: &Newsroom) -> Arc<AtomicBool> {
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    newsroom.on_change(move |_| flag.store(true, Ordering::Release));
    changed
}

/// Publishes scheduled articles when their time comes, and at once on start for any whose
/// time passed while the server was down.
fn spawn_scheduler(newsroom: lede_store::Newsroom, metrics: Arc<lede_web::metrics::Metrics>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SCHEDULE_TICK);
        loop {
            tick.tick().await;
            metrics.scheduler_runs.inc();
            match newsroom.publish_due().await {
                Ok(0) => {}
                Ok(count) => {
                    metrics.scheduled_published.inc_by(count as u64);
                    tracing::info!(count, "published scheduled articles");
                }
                Err(error) => tracing::error!(%error, "publishing scheduled articles failed"),
            }
            if let Err(error) = newsroom.forget_whole_allowances().await {
                tracing::warn!(%error, "clearing spent rate limits failed");
            }
        }
    });
}

/// How often the newsletter worker looks for messages to send, and for a daily briefing due.
const NEWSLETTER_TICK: Duration = Duration::from_secs(2);

/// Makes the daily briefings when their time comes and sends what the newsletter queue
/// holds, at the configured rate. Every server sharing the database runs one; each message is
/// claimed by one of them and never sent twice.
fn spawn_newsletter_worker(state: AppState) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(NEWSLETTER_TICK);
        loop {
            tick.tick().await;
            if let Err(error) = lede_web::newsletters::make_due_briefings(&state).await {
                tracing::warn!(%error, "making the daily briefing failed");
            }
            loop {
                match lede_web::newsletters::send_due(&state, &mailer).await {
                    Ok(0) => break,
                    Ok(count) => tracing::debug!(count, "sent newsletter messages"),
                    Err(error) => {
                        tracing::warn!(%error, "sending newsletters failed");
                        break;
                    }
                }
            }
        }
    });
}

/// Sends due webhook deliveries, next to the scheduler: every [`WEBHOOK_TICK`], claims what is
/// due (a batch at a time, until none is left) and makes one attempt at each. Every server
/// sharing the database runs one; each attempt is claimed by one of them.
fn spawn_webhook_worker(state: AppState, sender: lede_web::webhooks::Sender) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(WEBHOOK_TICK);
        loop {
            tick.tick().await;
            loop {
                match lede_web::webhooks::deliver_due(&state, &sender).await {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(%error, "sending webhooks failed");
                        break;
                    }
                }
            }
        }
    });
}

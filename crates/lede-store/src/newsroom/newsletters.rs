//! Newsletters: readers subscribe without an account (double opt-in: nothing but the
//! confirmation link is sent before they follow it), editors and admins set the daily
//! briefing's time and the sections with lists, see the subscribers, import and remove them,
//! and send articles; the worker's steps for the queue. An article sent on publish is queued
//! by the article writer, in the publish's transaction (`Edit::newsletter`).

use super::Newsroom;
use crate::sql::{
    ClaimedSend, IssueReport, NewIssue, NewSubscriber, SendOutcome, Subscribed, Subscriber,
};
use crate::{Error, Result};
use lede_core::account::{Action, User};
use lede_core::comment::Email;
use lede_core::content::{ArticleId, ArticleStatus, SectionId};
use lede_core::newsletter::{self, Consent, CsvSubscriber, List, ListKind};
use lede_core::{Invalid, Message};
use time::{Duration, OffsetDateTime};

/// How long a worker holds a claimed message: longer than an SMTP exchange can take.
pub const SEND_LEASE: Duration = Duration::minutes(2);

/// The daily briefing's local time of day (`HH:MM`), in the site's time zone.
pub const DAILY_TIME_KEY: &str = "newsletter_daily_time";
/// The sections with lists of their own: ids separated by spaces.
const SECTIONS_KEY: &str = "newsletter_sections";
/// The daily briefing's time until the newsroom sets one.
pub const DEFAULT_DAILY_TIME: &str = "07:00";

/// What the newsroom chose for its newsletters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsletterSettings {
    /// Hours and minutes, local time.
    pub daily_time: (u8, u8),
    pub sections: Vec<SectionId>,
}

/// Reads `HH:MM`.
pub fn parse_daily_time(text: &str) -> Result<(u8, u8)> {
    let bad = || Error::Invalid(Invalid::new("daily_time", "validation-newsletter-time"));
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u8, u8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok((h, m))
}

fn may_manage_newsletters(by: &User) -> Result<()> {
    if by.role.may(Action::EditOthers) {
        Ok(())
    } else {
        Err(Error::Forbidden(Message::new("store-newsletters-editors-only")))
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportedSubscribers {
    /// Subscribed as confirmed (the file stated their consent).
    pub confirmed: usize,
    /// Sent the confirmation email first: these ids.
    pub to_confirm: usize,
    /// Removed for good earlier: left out.
    pub removed: usize,
}

impl Newsroom {
    /// The list an editor asked to email an article to as they publish it: one of the
    /// site's lists in the article's language, and only with a step that publishes.
    pub(super) async fn newsletter_for(
        &self,
        by: &User,
        key: &str,
        language: &str,
        to: ArticleStatus,
    ) -> Result<List> {
        may_manage_newsletters(by)?;
        let language = self.languages().check(language)?;
        self.list_for_article(key, &language, to).await
    }

    /// The list `key` names, for an article in `language` that is (or is about to be) in
    /// status `live`: only a published article is emailed, and only to one of the site's
    /// lists in its own language.
    async fn list_for_article(
        &self,
        key: &str,
        language: &str,
        live: ArticleStatus,
    ) -> Result<List> {
        if live != ArticleStatus::Published {
            return Err(Error::Invalid(Invalid::new("email", "newsletter-publish-only")));
        }
        let offered = self.newsletter_lists().await?;
        List::parse(key)
            .filter(|list| list.language == language && offered.contains(list))
            .ok_or_else(|| Error::Invalid(Invalid::new("email", "newsletter-no-list")))
    }

    pub async fn newsletter_settings(&self) -> Result<NewsletterSettings> {
        let time = self.store.setting(DAILY_TIME_KEY).await?;
        let sections = self.store.setting(SECTIONS_KEY).await?.unwrap_or_default();
        Ok(NewsletterSettings {
            daily_time: parse_daily_time(time.as_deref().unwrap_or(DEFAULT_DAILY_TIME))?,
            sections: sections.split(' ').filter_map(|s| s.parse().ok()).map(SectionId).collect(),
        })
    }

    pub async fn set_newsletter_settings(
        &self,
        by: &User,
        daily_time: &str,
        sections: &[SectionId],
    ) -> Result<()> {
        may_manage_newsletters(by)?;
        let (h, m) = parse_daily_time(daily_time)?;
        let known = self.store.sections().await?;
        let ids: Vec<String> = sections
            .iter()
            .filter(|s| known.iter().any(|k| k.id == **s))
            .map(|s| s.0.to_string())
            .collect();
        self.store.put_setting(DAILY_TIME_KEY, &format!("{h:02}:{m:02}")).await?;
        self.store.put_setting(SECTIONS_KEY, &ids.join(" ")).await
    }

    /// Every list the site offers now.
    pub async fn newsletter_lists(&self) -> Result<Vec<List>> {
        let settings = self.newsletter_settings().await?;
        Ok(newsletter::offered_lists(self.languages().all(), &settings.sections))
    }

    /// A reader asks for lists (the subscribe form). Returns the subscriber to send the
    /// confirmation link to, if any list waits for it; the reader is told the same either
    /// way, so the form never reveals who is subscribed.
    pub async fn subscribe_reader(
        &self,
        email: &str,
        language: &str,
        lists: &[String],
    ) -> Result<Option<i64>> {
        let email = Email::parse(email)?;
        let language = self.languages().check(language)?;
        let lists = newsletter::check_lists(lists, &self.newsletter_lists().await?)?;
        self.add_subscriber(email.as_str(), &language, &lists, false, "form").await.map(|s| match s
        {
            Subscribed::NeedsConfirmation(id) => Some(id),
            Subscribed::Already(_) | Subscribed::Removed => None,
        })
    }

    async fn add_subscriber(
        &self,
        email: &str,
        language: &str,
        lists: &[List],
        confirmed: bool,
        source: &'static str,
    ) -> Result<Subscribed> {
        let new = NewSubscriber {
            email,
            email_key: &newsletter::email_key(email),
            removed_hash: &newsletter::removed_hash(self.secret(), email),
            language,
            lists,
            confirmed,
            source,
        };
        self.store.add_subscriber(&new, self.now()).await
    }

    /// Follows a confirmation link. `Ok(false)`: no such subscriber any more.
    pub async fn confirm_subscriber(&self, id: i64, expires: i64, sig: &str) -> Result<bool> {
        newsletter::check_confirm(self.secret(), id, expires, sig, self.now()).map_err(
            |problem| {
                let id = match problem {
                    newsletter::LinkProblem::Invalid => "newsletter-link-invalid",
                    newsletter::LinkProblem::Expired => "newsletter-link-expired",
                };
                Error::Invalid(Invalid::new("link", id))
            },
        )?;
        let secret = self.secret().to_vec();
        let hash = move |email: &str| newsletter::removed_hash(&secret, email);
        self.store.confirm_subscriber(id, hash, self.now()).await
    }

    /// The subscriber a signed link names; `NotFound` for a wrong signature or a removed one.
    pub async fn subscriber_by_link(&self, id: i64, sig: &str) -> Result<Subscriber> {
        if !newsletter::check_subscriber(self.secret(), id, sig) {
            return Err(Error::NotFound("subscriber"));
        }
        self.store.subscriber(id).await?.ok_or(Error::NotFound("subscriber"))
    }

    /// The lists page a subscriber's link opens: the lists they keep. None removes them.
    pub async fn set_subscriber_lists(&self, id: i64, sig: &str, lists: &[String]) -> Result<()> {
        self.subscriber_by_link(id, sig).await?;
        let offered = self.newsletter_lists().await?;
        let lists: Vec<List> =
            if lists.is_empty() { Vec::new() } else { newsletter::check_lists(lists, &offered)? };
        let secret = self.secret().to_vec();
        let hash = move |email: &str| newsletter::removed_hash(&secret, email);
        self.store.set_subscriber_lists(id, &lists, hash, self.now()).await
    }

    /// A one-click unsubscribe from one list, through an issue's link (RFC 8058).
    pub async fn unsubscribe(
        &self,
        id: i64,
        sig: &str,
        list: &str,
        issue: Option<i64>,
    ) -> Result<bool> {
        if !newsletter::check_subscriber(self.secret(), id, sig) {
            return Err(Error::NotFound("subscriber"));
        }
        let secret = self.secret().to_vec();
        let hash = move |email: &str| newsletter::removed_hash(&secret, email);
        self.store.unsubscribe(id, list, issue, hash, self.now()).await
    }

    /// Removes a subscriber for good (editors and admins): their address is deleted and only
    /// its keyed hash kept, so it is never mailed again.
    pub async fn remove_subscriber(&self, by: &User, id: i64) -> Result<()> {
        may_manage_newsletters(by)?;
        let secret = self.secret().to_vec();
        let hash = move |email: &str| newsletter::removed_hash(&secret, email);
        self.store.remove_subscriber(id, hash, self.now()).await
    }

    /// Subscribers for the admin's list.
    pub async fn list_subscribers(
        &self,
        by: &User,
        search: &str,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<Subscriber>, i64)> {
        may_manage_newsletters(by)?;
        self.store.subscribers(search, limit, offset).await
    }

    pub async fn export_subscribers(&self, by: &User) -> Result<Vec<Subscriber>> {
        may_manage_newsletters(by)?;
        self.store.all_subscribers().await
    }

    /// Imports subscribers read from a CSV (`lede_core::newsletter::read_csv`): every row is
    /// checked before any is written. Rows without consent get the confirmation email; their
    /// ids are returned for it. Addresses removed earlier are left out.
    pub async fn import_subscribers(
        &self,
        by: &User,
        rows: &[CsvSubscriber],
    ) -> Result<(ImportedSubscribers, Vec<i64>)> {
        may_manage_newsletters(by)?;
        self.import_subscribers_unchecked(rows).await
    }

    /// [`Self::import_subscribers`] for the operator's command line.
    pub async fn import_subscribers_unchecked(
        &self,
        rows: &[CsvSubscriber],
    ) -> Result<(ImportedSubscribers, Vec<i64>)> {
        let offered = self.newsletter_lists().await?;
        let languages = self.languages();
        let mut checked = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let line = || {
                Error::Invalid(Invalid::new(
                    "file",
                    Message::new("newsletter-csv-row").text("line", index + 2),
                ))
            };
            let language = match &row.language {
                Some(l) => languages.check(l).map_err(|_| line())?,
                None => languages.default_language().to_owned(),
            };
            let lists = if row.lists.is_empty() {
                vec![
                    List::new(ListKind::Daily, &language),
                    List::new(ListKind::Breaking, &language),
                ]
            } else {
                newsletter::check_lists(&row.lists, &offered).map_err(|_| line())?
            };
            checked.push((row, language, lists));
        }
        let mut report = ImportedSubscribers::default();
        let mut to_confirm = Vec::new();
        for (row, language, lists) in checked {
            let confirmed = row.consent == Consent::Confirmed;
            match self
                .add_subscriber(row.email.as_str(), &language, &lists, confirmed, "import")
                .await?
            {
                Subscribed::Removed => report.removed += 1,
                Subscribed::NeedsConfirmation(id) => {
                    report.to_confirm += 1;
                    to_confirm.push(id);
                }
                Subscribed::Already(_) => report.confirmed += 1,
            }
        }
        Ok((report, to_confirm))
    }

    /// The latest issues with their counts.
    pub async fn newsletter_reports(&self, by: &User, limit: u32) -> Result<Vec<IssueReport>> {
        may_manage_newsletters(by)?;
        self.store.newsletter_reports(limit).await
    }

    /// The issues that emailed an article, with their counts (for its editor).
    pub async fn article_newsletter_reports(
        &self,
        by: &User,
        article: ArticleId,
    ) -> Result<Vec<IssueReport>> {
        may_manage_newsletters(by)?;
        self.store.article_newsletter_reports(article).await
    }

    /// Makes the daily briefing of `list` for the day before `end`, once whichever server
    /// comes first: `when` names it (the local date and time it is for, `2026-12-06T07:00`).
    /// `None` when it exists already.
    pub async fn make_daily_briefing(
        &self,
        list: &List,
        when: &str,
        end: OffsetDateTime,
    ) -> Result<Option<i64>> {
        let new = NewIssue {
            list,
            kind: crate::sql::IssueKind::Daily,
            article: None,
            period: Some((end - Duration::days(1), end)),
            dedupe_key: format!("daily:{}:{when}", list.key()),
            created_by: None,
        };
        self.store.add_issue(&new, self.now()).await
    }

    /// Emails a published article to a list, for the operator's command line (`lede
    /// newsletter send`); `None` when the list has had it.
    pub async fn email_article(&self, id: ArticleId, key: &str) -> Result<Option<i64>> {
        let article = self.store.article_by_id(id).await?.ok_or(Error::NotFound("article"))?;
        let list = self.list_for_article(key, &article.summary.language, article.status).await?;
        self.store.add_issue(&NewIssue::article(&list, id, None), self.now()).await
    }

    /// The worker's first step: queues a message per confirmed subscriber of each new issue.
    pub async fn queue_newsletter_issues(&self) -> Result<usize> {
        self.store.queue_new_issues(self.now()).await
    }

    /// Claims up to `limit` messages to send.
    pub async fn claim_newsletter_sends(&self, limit: u32) -> Result<Vec<ClaimedSend>> {
        self.store.claim_sends(self.now(), SEND_LEASE, limit).await
    }

    /// Records a batch's outcomes, in one transaction.
    pub async fn record_newsletter_sends(
        &self,
        outcomes: &[(ClaimedSend, SendOutcome)],
    ) -> Result<()> {
        self.store.record_sends(outcomes, self.now()).await
    }

    /// Marks done the issues with nothing left to send (telling webhooks); returns how many.
    pub async fn finish_newsletter_issues(&self) -> Result<usize> {
        self.store.finish_issues(self.now()).await
    }
}

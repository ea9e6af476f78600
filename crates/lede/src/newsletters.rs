//! `lede newsletter`: the operator's way to import confirmed subscribers and to email an
//! article to a list; a running server's worker sends what is queued.

use crate::cli::NewsletterAction;
use anyhow::{Context, Result, bail};
use lede_core::newsletter::{Consent, read_csv};
use lede_store::Newsroom;

pub async fn run(newsroom: &Newsroom, action: NewsletterAction) -> Result<()> {
    match action {
        NewsletterAction::Import { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let rows = read_csv(&bytes)?;
            let unconfirmed = rows.iter().filter(|r| r.consent == Consent::Unconfirmed).count();
            if unconfirmed > 0 {
                bail!(
                    "{unconfirmed} rows have no consent: import the file at /admin/newsletters, \
                     which sends those readers the confirmation email (nothing was imported)"
                );
            }
            let (report, _) = newsroom.import_subscribers_unchecked(&rows).await?;
            println!(
                "Imported {} confirmed subscribers; {} left out as removed earlier.",
                report.confirmed, report.removed
            );
            Ok(())
        }
        NewsletterAction::Send { article, list } => {
            let (id, _) = newsroom
                .store()
                .article_state(&article)
                .await?
                .with_context(|| format!("there is no article {article:?}"))?;
            match newsroom.email_article(id, &list).await? {
                Some(issue) => println!("Issue #{issue} queued: a running server sends it."),
                None => println!("{list} has had this article already: nothing queued."),
            }
            Ok(())
        }
    }
}

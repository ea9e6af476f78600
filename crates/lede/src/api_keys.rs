//! `lede api-key`: make, list and revoke syndication partners' API keys from the command line,
//! until the newsroom admin does it in the browser. A key is printed once, when it is made;
//! the site keeps only its hash.

use anyhow::{Context, Result};
use lede_core::content::ApiKeyId;
use lede_store::Newsroom;

pub async fn add(newsroom: &Newsroom, partner: &str) -> Result<()> {
    let (key, secret) = newsroom.create_api_key(partner).await?;
    println!("API key #{} for {}:", key.id.0, key.partner);
    println!();
    println!("    {}", secret.reveal());
    println!();
    println!("Give it to the partner now: it is not stored and cannot be shown again.");
    println!("They send it as the header \"Authorization: Bearer KEY\".");
    Ok(())
}

pub async fn list(newsroom: &Newsroom) -> Result<()> {
    let keys = newsroom.store().api_keys().await?;
    if keys.is_empty() {
        println!("No API keys. Make one with `lede api-key add --partner NAME`.");
    }
    for key in keys {
        let status = match key.revoked_at {
            Some(at) => format!("revoked {}", at.date()),
            None => "active".to_owned(),
        };
        println!(
            "#{} {} · {}… · made {} · {}",
            key.id.0,
            key.partner,
            key.hint,
            key.created_at.date(),
            status
        );
    }
    Ok(())
}

pub async fn revoke(newsroom: &Newsroom, id: i64) -> Result<()> {
    let key = newsroom
        .revoke_api_key(ApiKeyId(id))
        .await
        .with_context(|| format!("API key #{id} (see `lede api-key list`)"))?;
    println!("API key #{} for {}: revoked", key.id.0, key.partner);
    Ok(())
}

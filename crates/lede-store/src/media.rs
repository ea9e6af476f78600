//! The media library on disk: uploads are checked and re-encoded (`lede_core::media`), written
//! under `DATA/media/uploads/YEAR/MONTH/` with their variants beside them, and recorded in
//! the store. An image an article still shows cannot be deleted.

use crate::{Error, MediaItem, Result, SqlStore};
use lede_core::account::{self, User, UserId};
use lede_core::content::AuthorId;
use lede_core::media;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use time::OffsetDateTime;

/// Runs CPU-heavy work (image re-encoding, Argon2) on tokio's blocking pool, so that it does
/// not stall the other requests sharing its worker thread. A panic there goes on here, as if
/// the work had run inline.
pub(crate) async fn cpu_bound<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

#[derive(Debug, Clone)]
pub struct MediaLibrary {
    store: SqlStore,
    /// `DATA/media`, served under `/media/`.
    dir: PathBuf,
}

impl MediaLibrary {
    pub fn new(store: SqlStore, dir: PathBuf) -> Self {
        Self { store, dir }
    }

    /// Whether a public path can belong to the library (only uploads have variants), so reader
    /// pages ask the store only about those.
    pub fn may_hold(path: &str) -> bool {
        path.starts_with("/media/uploads/")
    }

    /// Stores an uploaded image and its variants; returns the library's record of it.
    pub async fn upload(
        &self,
        bytes: &[u8],
        original_name: &str,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<MediaItem> {
        let owned = bytes.to_vec();
        let processed = cpu_bound(move || media::process(&owned)).await?;
        let hash: String =
            Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let folder = format!("uploads/{}/{:02}", now.year(), u8::from(now.month()));
        let disk = self.dir.join(&folder);
        std::fs::create_dir_all(&disk)
            .map_err(|e| Error::Config(format!("cannot create {}: {e}", disk.display())))?;
        let mut widths = Vec::new();
        let mut total = 0u64;
        for file in &processed.files {
            let name = match file.width {
                None => format!("{hash}.{}", file.kind.extension()),
                Some(width) => format!("{hash}-{width}.{}", file.kind.extension()),
            };
            std::fs::write(disk.join(&name), &file.bytes)
                .map_err(|e| Error::Config(format!("cannot write {name}: {e}")))?;
            total += file.bytes.len() as u64;
            if let Some(width) = file.width.filter(|w| !widths.contains(w)) {
                widths.push(width);
            }
        }
        let path = format!("/media/{folder}/{hash}.{}", processed.kind.extension());
        if let Some(existing) = self.store.media_by_path(&path).await? {
            return Ok(existing);
        }
        let mut item = MediaItem {
            id: 0,
            path,
            original_name: original_name.chars().filter(|c| !c.is_control()).take(200).collect(),
            mime: processed.kind.mime().to_owned(),
            width: processed.width,
            height: processed.height,
            widths,
            bytes: total,
            created_at: now,
            uploaded_by: by,
        };
        item.id = self.store.add_media(&item, by).await?;
        Ok(item)
    }

    /// Writes an author's picture (checked, cut square and re-encoded) under
    /// `DATA/media/avatars/`, named by the author and the content, and returns its public path.
    /// Pictures are not library items: they belong to their byline, not to articles.
    pub fn save_avatar(&self, author: AuthorId, bytes: &[u8]) -> Result<String> {
        let avatar = media::process_avatar(bytes)?;
        let hash: String =
            Sha256::digest(&avatar.bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let disk = self.dir.join("avatars");
        std::fs::create_dir_all(&disk)
            .map_err(|e| Error::Config(format!("cannot create {}: {e}", disk.display())))?;
        let name = format!("{}-{hash}.{}", author.0, avatar.kind.extension());
        std::fs::write(disk.join(&name), &avatar.bytes)
            .map_err(|e| Error::Config(format!("cannot write {name}: {e}")))?;
        Ok(format!("/media/avatars/{name}"))
    }

    /// Deletes a picture's file that [`Self::save_avatar`] wrote; other addresses (an
    /// imported picture elsewhere) are left alone. A file already gone is no error.
    pub fn remove_avatar(&self, path: &str) {
        let Some(name) = path.strip_prefix("/media/avatars/") else {
            return;
        };
        if !name.is_empty() && !name.contains(['/', '\\']) && !name.contains("..") {
            let _ = std::fs::remove_file(self.dir.join("avatars").join(name));
        }
    }

    /// Deletes an image and its files on `by`'s authority, unless an article shows it. Its
    /// uploader may delete it, and editors and admins (`account::may_delete_media`).
    pub async fn delete(&self, by: &User, id: i64) -> Result<()> {
        let item = self.store.media_by_id(id).await?.ok_or(Error::NotFound("image"))?;
        if !account::may_delete_media(by.role, item.uploaded_by == Some(by.id)) {
            return Err(Error::Forbidden(
                "Only the person who uploaded an image, or an editor, may delete it.".into(),
            ));
        }
        if let Some(headline) = self.store.media_used_by(&item.path).await? {
            return Err(Error::Conflict(format!(
                "This image is used by “{headline}”; change that article first."
            )));
        }
        self.store.delete_media(id).await?;
        let relative = item.path.trim_start_matches("/media/");
        let full = self.dir.join(relative);
        let _ = std::fs::remove_file(&full);
        for width in &item.widths {
            for extension in ["jpg", "png", "gif", "webp"] {
                let _ = std::fs::remove_file(
                    self.dir.join(item.variant(*width, extension).trim_start_matches("/media/")),
                );
            }
        }
        Ok(())
    }
}

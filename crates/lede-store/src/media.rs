//! The media library: uploads are checked and re-encoded (`lede_core::media`), written to
//! the site's [`MediaStore`] under `uploads/YEAR/MONTH/` with their variants beside them, and
//! recorded in the database. An image an article still shows cannot be deleted. Decoding is bounded
//! ([`ImageDecoding`]): a few images at once, each within a memory budget, so uploads cannot
//! starve the requests that share the machine.

use crate::{Error, MediaItem, MediaStore, Result, SqlStore};
use lede_core::account::{self, User, UserId};
use lede_core::alt_text::Description;
use lede_core::content::AuthorId;
use lede_core::media::{self, MemoryBudget};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::Semaphore;

/// Runs CPU-heavy work (image re-encoding, Argon2) on tokio's blocking pool, so that it does
/// not stall the other requests sharing its worker thread. A panic there goes on here, as if
/// the work had run inline.
pub(crate) async fn cpu_bound<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// How many images are decoded at once and how much memory each may take: one per server,
/// shared by every [`MediaLibrary`] it makes (cheap to clone). Eight 40-megapixel uploads
/// decoded side by side once held every core and 700 MB; now the others wait their turn on
/// the semaphore, which costs no thread while they wait.
#[derive(Debug, Clone)]
pub struct ImageDecoding {
    slots: Arc<Semaphore>,
    at_once: usize,
    budget: MemoryBudget,
}

impl ImageDecoding {
    /// At most `at_once` decodes (at least one) of images within `budget` each.
    pub fn new(at_once: usize, budget: MemoryBudget) -> Self {
        let at_once = at_once.max(1);
        Self { slots: Arc::new(Semaphore::new(at_once)), at_once, budget }
    }

    /// Half the machine's cores, at least one: the other half keeps answering readers.
    pub fn default_at_once() -> usize {
        std::thread::available_parallelism().map_or(1, |cores| cores.get() / 2).max(1)
    }

    pub fn at_once(&self) -> usize {
        self.at_once
    }

    pub fn budget(&self) -> MemoryBudget {
        self.budget
    }

    /// Runs `work` on the blocking pool once a slot is free. The slot goes with the work, not
    /// with the request: a client that gives up does not free it while its image is still
    /// being decoded.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(MemoryBudget) -> T + Send + 'static,
    ) -> T {
        // The semaphore is never closed, so acquiring cannot fail; were it closed, running
        // unlimited beats refusing every upload.
        let slot = self.slots.clone().acquire_owned().await.ok();
        let budget = self.budget;
        cpu_bound(move || {
            let _slot = slot;
            work(budget)
        })
        .await
    }
}

impl Default for ImageDecoding {
    fn default() -> Self {
        Self::new(Self::default_at_once(), MemoryBudget::DEFAULT)
    }
}

/// An image already in the library's store, for [`MediaLibrary::record_existing`].
#[derive(Debug, Clone)]
pub struct ExistingImage {
    /// Its public path (`/media/demo/…`).
    pub path: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub description: Description,
}

#[derive(Debug, Clone)]
pub struct MediaLibrary {
    store: SqlStore,
    /// Where the files go, served under `/media/`.
    files: MediaStore,
    decoding: ImageDecoding,
}

impl MediaLibrary {
    /// The library with its files in `files`, decoding within the server's shared
    /// `decoding` limits.
    pub fn new(store: SqlStore, files: MediaStore, decoding: ImageDecoding) -> Self {
        Self { store, files, decoding }
    }

    /// Whether a public path can belong to the library (uploads, with their variants, and the
    /// demo's illustrations), so reader pages ask the store only about those.
    pub fn may_hold(path: &str) -> bool {
        path.starts_with("/media/uploads/") || path.starts_with("/media/demo/")
    }

    /// Records, described, an image someone else already wrote into the library's store (the
    /// demo's illustrations), so the newsroom offers it like an upload. It has no variants.
    /// Recording it again keeps the first record.
    pub async fn record_existing(
        &self,
        image: ExistingImage,
        now: OffsetDateTime,
    ) -> Result<MediaItem> {
        let relative = MediaStore::key_of(&image.path).ok_or(Error::NotFound("image"))?;
        let bytes = self.files.size(relative).await?.ok_or(Error::NotFound("image"))?;
        if let Some(existing) = self.store.media_by_path(&image.path).await? {
            return Ok(existing);
        }
        let mut item = MediaItem {
            id: 0,
            original_name: relative.rsplit('/').next().unwrap_or(relative).to_owned(),
            path: image.path,
            mime: image.mime,
            width: image.width,
            height: image.height,
            widths: Vec::new(),
            bytes,
            created_at: now,
            uploaded_by: None,
            description: image.description.check()?,
        };
        item.id = self.store.add_media(&item, None).await?;
        Ok(item)
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
        let processed = self.decoding.run(move |budget| media::process(&owned, budget)).await?;
        let hash: String =
            Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let folder = format!("uploads/{}/{:02}", now.year(), u8::from(now.month()));
        let mut widths = Vec::new();
        let mut total = 0u64;
        for file in &processed.files {
            let name = match file.width {
                None => format!("{hash}.{}", file.kind.extension()),
                Some(width) => format!("{hash}-{width}.{}", file.kind.extension()),
            };
            self.files.put(&format!("{folder}/{name}"), file.bytes.clone()).await?;
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
            description: Default::default(),
        };
        item.id = self.store.add_media(&item, by).await?;
        Ok(item)
    }

    /// Writes an author's picture (checked, cut square and re-encoded) under `avatars/` in
    /// the media store, named by the author and the content, and returns its public path.
    /// Pictures are not library items: they belong to their byline, not to articles.
    pub async fn save_avatar(&self, author: AuthorId, bytes: &[u8]) -> Result<String> {
        let owned = bytes.to_vec();
        let avatar = self.decoding.run(move |budget| media::process_avatar(&owned, budget)).await?;
        let hash: String =
            Sha256::digest(&avatar.bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let name = format!("{}-{hash}.{}", author.0, avatar.kind.extension());
        self.files.put(&format!("avatars/{name}"), avatar.bytes).await?;
        Ok(format!("/media/avatars/{name}"))
    }

    /// Deletes a picture's file that [`Self::save_avatar`] wrote; other addresses (an
    /// imported picture elsewhere) are left alone. A file already gone is no error.
    pub async fn remove_avatar(&self, path: &str) -> Result<()> {
        let Some(name) = path.strip_prefix("/media/avatars/") else {
            return Ok(());
        };
        if name.is_empty() || name.contains(['/', '\\']) || name.contains("..") {
            return Ok(());
        }
        self.files.delete(&format!("avatars/{name}")).await
    }

    /// Keeps `description` (checked: trimmed, one line for alt text and credit) as the image's
    /// alt text, caption and credit, on `by`'s authority: its uploader, and editors and admins
    /// (`account::may_describe_media`). Articles that show the image keep their own copy, so
    /// no reader page changes and nothing is announced.
    pub async fn describe(
        &self,
        by: &User,
        id: i64,
        description: Description,
    ) -> Result<MediaItem> {
        let mut item = self.store.media_by_id(id).await?.ok_or(Error::NotFound("image"))?;
        if !account::may_describe_media(by.role, item.uploaded_by == Some(by.id)) {
            return Err(Error::Forbidden("store-media-describe-not-yours".into()));
        }
        item.description = description.check()?;
        self.store.describe_media(id, &item.description).await?;
        Ok(item)
    }

    /// Deletes an image and its files on `by`'s authority, unless an article shows it. Its
    /// uploader may delete it, and editors and admins (`account::may_delete_media`).
    pub async fn delete(&self, by: &User, id: i64) -> Result<()> {
        let item = self.store.media_by_id(id).await?.ok_or(Error::NotFound("image"))?;
        if !account::may_delete_media(by.role, item.uploaded_by == Some(by.id)) {
            return Err(Error::Forbidden("store-media-not-yours".into()));
        }
        if self.store.is_site_image(&item.path).await? {
            return Err(Error::Conflict("store-image-is-site-image".into()));
        }
        if let Some(headline) = self.store.media_used_by(&item.path).await? {
            return Err(Error::Conflict(
                lede_core::Message::new("store-image-in-use").text("headline", headline),
            ));
        }
        self.store.delete_media(id).await?;
        // The record is gone, so the image is deleted as far as anyone can see: a file a
        // failing store keeps is only wasted space, said in the log, not an error.
        let mut keys = vec![item.path.clone()];
        for width in &item.widths {
            keys.extend(["jpg", "png", "gif", "webp"].map(|e| item.variant(*width, e)));
        }
        for key in keys.iter().filter_map(|path| MediaStore::key_of(path)) {
            if let Err(error) = self.files.delete(key).await {
                tracing::warn!(%error, "a deleted image's file stays in the media store");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Barrier, mpsc};

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_images_are_decoded_at_once_than_allowed() {
        let decoding = ImageDecoding::new(2, MemoryBudget::DEFAULT);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        // Decodes meet in pairs, so two do run side by side; a third never joins them.
        let pair = Arc::new(Barrier::new(2));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (decoding, running, most, pair) =
                    (decoding.clone(), running.clone(), most.clone(), pair.clone());
                tokio::spawn(async move {
                    decoding
                        .run(move |_| {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            pair.wait();
                            std::thread::sleep(std::time::Duration::from_millis(10));
                            running.fetch_sub(1, Ordering::SeqCst);
                        })
                        .await;
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("the decode ran");
        }
        assert_eq!(most.load(Ordering::SeqCst), 2, "two at once, never more");
        assert_eq!(ImageDecoding::new(0, MemoryBudget::DEFAULT).at_once(), 1, "at least one");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_abandoned_upload_keeps_its_slot_until_its_decode_ends() {
        let decoding = ImageDecoding::new(1, MemoryBudget::DEFAULT);
        let (started, has_started) = mpsc::channel();
        let (finish, may_finish) = mpsc::channel::<()>();
        let worker = decoding.clone();
        let request = tokio::spawn(async move {
            worker
                .run(move |_| {
                    started.send(()).expect("the test listens");
                    let _ = may_finish.recv();
                })
                .await;
        });
        tokio::task::spawn_blocking(move || has_started.recv())
            .await
            .expect("joined")
            .expect("ran");
        request.abort();
        assert!(request.await.is_err(), "the request was dropped");
        assert_eq!(decoding.slots.available_permits(), 0, "the decode still holds its slot");
        finish.send(()).expect("the decode listens");
        let _slot = decoding.slots.acquire().await.expect("freed once the decode ends");
    }

    #[test]
    fn the_budget_reaches_the_checks() {
        let tiny = ImageDecoding::new(1, MemoryBudget::megabytes(1));
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let image = image_png(1000, 500);
        let refused = runtime.block_on(tiny.run(move |budget| media::process(&image, budget)));
        let message = refused.expect_err("over the budget").message;
        assert!(message.to_string().contains("at most 1 MB"), "{message}");
    }

    /// A PNG that claims to be `width` × `height` and holds no pixels: only the checks of
    /// its header can read it.
    fn image_png(width: u32, height: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend(height.to_be_bytes());
        header.extend([8, 6, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [(&b"IHDR"[..], &header[..]), (b"IDAT", &[]), (b"IEND", &[])] {
            png.extend(u32::try_from(data.len()).expect("short").to_be_bytes());
            let start = png.len();
            png.extend(kind);
            png.extend(data);
            let crc = crc32(&png[start..]);
            png.extend(crc.to_be_bytes());
        }
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}

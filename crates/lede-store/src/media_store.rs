//! Where the site's media files live: the data directory (`DATA/media`, the default) or an
//! S3-compatible object store, so that several servers share one set of files (an image
//! uploaded through one is served by all). Every writer (uploads and their variants, authors'
//! pictures, the demo's drawings, imported media) and the `/media/…` reader go through a
//! [`MediaStore`]; both kinds are the `object_store` crate's, so they behave alike.
//!
//! Files are named by their key, the path under `/media/` (`uploads/2026/11/ab12.jpg`).

use crate::{Error, Result};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::prefix::PrefixStore;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to reach an S3-compatible store (AWS, Garage, MinIO, R2…). The secret never shows in
/// `Debug`.
#[derive(Clone, Default)]
pub struct S3Settings {
    /// `https://s3.example` (or `http://` on loopback); none: AWS itself, by region.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Keys are written under this folder of the bucket (none: at its root), so sites or
    /// tests may share a bucket.
    pub prefix: String,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// The media files of a site, on disk or in a bucket. Cheap to clone.
#[derive(Clone)]
pub struct MediaStore {
    objects: Arc<dyn ObjectStore>,
    /// What to call it in messages (`data directory /srv/lede/media`, `s3://bucket/prefix`).
    place: String,
    /// The folder, for the local kind only.
    dir: Option<PathBuf>,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.place)
    }
}

/// A part of a file to read, as a `Range` header asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// `bytes=a-b`: from `a` to `b`, both included.
    Between(u64, u64),
    /// `bytes=a-`: from `a` to the end.
    From(u64),
    /// `bytes=-n`: the last `n` bytes.
    Last(u64),
}

impl ByteRange {
    /// The bytes this asks for of a file of `size` bytes, or `None` when there are none.
    pub fn within(self, size: u64) -> Option<Range<u64>> {
        let range = match self {
            Self::Between(first, last) => first..last.saturating_add(1).min(size),
            Self::From(first) => first..size,
            Self::Last(n) => size.saturating_sub(n)..size,
        };
        (range.start < range.end).then_some(range)
    }
}

/// What a read found.
pub enum Fetched {
    /// No file by that key.
    Missing,
    /// The file still has an `ETag` the client named.
    NotModified {
        etag: Option<String>,
    },
    /// A range the file does not have.
    Unsatisfiable {
        size: u64,
    },
    Found(MediaFile),
}

/// A file (or the part of it asked for) being read.
pub struct MediaFile {
    pub size: u64,
    /// The bytes `body` holds; `0..size` for the whole file.
    pub range: Range<u64>,
    pub etag: Option<String>,
    pub body: BoxStream<'static, std::io::Result<Bytes>>,
}

/// What [`MediaStore::copy_missing_from`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CopyCounts {
    pub copied: u64,
    /// Already there with the same size.
    pub present: u64,
    pub bytes: u64,
}

impl MediaStore {
    /// The files under `dir` (`DATA/media`), created when missing.
    pub fn local(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Config(format!("cannot create {}: {e}", dir.display())))?;
        let objects = LocalFileSystem::new_with_prefix(&dir)
            .map_err(|e| Error::Config(format!("media folder {}: {e}", dir.display())))?
            .with_automatic_cleanup(true);
        Ok(Self {
            objects: Arc::new(objects),
            place: format!("data directory {}", dir.display()),
            dir: Some(dir),
        })
    }

    /// The files in an S3 bucket. Nothing is sent yet: a wrong endpoint or key shows on the
    /// first read or write ([`Self::check`] tries one at once).
    pub fn s3(settings: &S3Settings) -> Result<Self> {
        let refuse = |problem: String| Error::Config(format!("S3 media store: {problem}"));
        if settings.bucket.trim().is_empty() {
            return Err(refuse("a bucket is needed".into()));
        }
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key)
            // Garage, MinIO and most others have no object tags; Lede sets none.
            .with_disable_tagging(true);
        if let Some(endpoint) = settings.endpoint.as_deref().filter(|e| !e.trim().is_empty()) {
            builder = builder
                .with_endpoint(endpoint.trim_end_matches('/'))
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let bucket = builder.build().map_err(|e| refuse(e.to_string()))?;
        let prefix = settings.prefix.trim_matches('/');
        let objects: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(bucket)
        } else {
            let prefix = Key::parse(prefix).map_err(|e| refuse(e.to_string()))?;
            Arc::new(PrefixStore::new(bucket, prefix))
        };
        Ok(Self { objects, place: format!("s3://{}/{prefix}", settings.bucket), dir: None })
    }

    /// The data directory's folder when the files are there, for what reads it directly
    /// (backups).
    pub fn local_dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Proves the store answers (a listing of one folder), so a bad endpoint or key stops
    /// the start rather than the first upload.
    pub async fn check(&self) -> Result<()> {
        self.objects
            .list_with_delimiter(Some(&Key::from("uploads")))
            .await
            .map(drop)
            .map_err(|e| self.failed("cannot reach", e))
    }

    /// The key of a public path (`/media/uploads/x.jpg` → `uploads/x.jpg`), or `None` when it
    /// is not one (outside `/media/`, empty, or with `..`).
    pub fn key_of(public_path: &str) -> Option<&str> {
        let key = public_path.strip_prefix("/media/")?;
        Self::parse(key).ok().map(|_| key)
    }

    fn parse(key: &str) -> Result<Key> {
        let bad = || Error::NotFound("media file");
        if key.is_empty() || key.ends_with('/') || key.split('/').any(|p| p.is_empty()) {
            return Err(bad());
        }
        Key::parse(key).map_err(|_| bad())
    }

    fn failed(&self, what: &str, error: object_store::Error) -> Error {
        Error::Config(format!("{what} the media store ({}): {error}", self.place))
    }

    /// Writes (or replaces) the file at `key`.
    pub async fn put(&self, key: &str, bytes: impl Into<Bytes>) -> Result<()> {
        let location = Self::parse(key)?;
        self.objects
            .put(&location, PutPayload::from_bytes(bytes.into()))
            .await
            .map(drop)
            .map_err(|e| self.failed(&format!("cannot write {key} to"), e))
    }

    /// The size of the file at `key`, or `None` when there is none.
    pub async fn size(&self, key: &str) -> Result<Option<u64>> {
        let Ok(location) = Self::parse(key) else { return Ok(None) };
        match self.objects.head(&location).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.failed(&format!("cannot read {key} in"), e)),
        }
    }

    /// The whole file at `key`, or `None` when there is none.
    pub async fn read(&self, key: &str) -> Result<Option<Bytes>> {
        let Ok(location) = Self::parse(key) else { return Ok(None) };
        match self.objects.get(&location).await {
            Ok(found) => found
                .bytes()
                .await
                .map(Some)
                .map_err(|e| self.failed(&format!("cannot read {key} in"), e)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.failed(&format!("cannot read {key} in"), e)),
        }
    }

    /// Deletes the file at `key`; one already gone is no error.
    pub async fn delete(&self, key: &str) -> Result<()> {
        let Ok(location) = Self::parse(key) else { return Ok(()) };
        match self.objects.delete(&location).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.failed(&format!("cannot delete {key} from"), e)),
        }
    }

    /// Reads the file at `key` for a client: the part `range` asks for, unless it still has
    /// one of the `ETag`s of `if_none_match` (an `If-None-Match` header's value).
    pub async fn fetch(
        &self,
        key: &str,
        range: Option<ByteRange>,
        if_none_match: Option<&str>,
    ) -> Result<Fetched> {
        let Ok(location) = Self::parse(key) else { return Ok(Fetched::Missing) };
        let mut options = GetOptions::default();
        if range.is_some() || if_none_match.is_some() {
            // Checked here rather than by the store, since stores write ETags differently
            // (quoted or not). Only revalidations, videos and large downloads ask, so the
            // extra round trip is rare.
            let meta = match self.objects.head(&location).await {
                Ok(meta) => meta,
                Err(object_store::Error::NotFound { .. }) => return Ok(Fetched::Missing),
                Err(e) => return Err(self.failed(&format!("cannot read {key} in"), e)),
            };
            let etag = meta.e_tag.as_deref().map(quoted);
            if let (Some(etag), Some(asked)) = (&etag, if_none_match)
                && asked
                    .split(',')
                    .map(|t| t.trim().trim_start_matches("W/"))
                    .any(|t| t == etag || t == "*")
            {
                return Ok(Fetched::NotModified { etag: Some(etag.clone()) });
            }
            if let Some(range) = range {
                let Some(bytes) = range.within(meta.size) else {
                    return Ok(Fetched::Unsatisfiable { size: meta.size });
                };
                options.range = Some(GetRange::Bounded(bytes));
            }
        }
        match self.objects.get_opts(&location, options).await {
            Ok(found) => Ok(Fetched::Found(MediaFile {
                size: found.meta.size,
                range: found.range.clone(),
                etag: found.meta.e_tag.as_deref().map(quoted),
                body: found.into_stream().map_err(std::io::Error::other).boxed(),
            })),
            Err(object_store::Error::NotFound { .. }) => Ok(Fetched::Missing),
            Err(e) => Err(self.failed(&format!("cannot read {key} in"), e)),
        }
    }

    /// Every file's key and size, in key order.
    pub async fn list(&self) -> Result<Vec<(String, u64)>> {
        let mut files: Vec<(String, u64)> = self
            .objects
            .list(None)
            .map_ok(|meta| (meta.location.to_string(), meta.size))
            .try_collect()
            .await
            .map_err(|e| self.failed("cannot list", e))?;
        files.sort();
        Ok(files)
    }

    /// Copies into this store every file of `from` it lacks (or holds at another size):
    /// `lede media migrate`. Running it again copies nothing.
    pub async fn copy_missing_from(
        &self,
        from: &MediaStore,
        mut progress: impl FnMut(&str),
    ) -> Result<CopyCounts> {
        let mut counts = CopyCounts::default();
        for (key, size) in from.list().await? {
            progress(&key);
            if self.size(&key).await? == Some(size) {
                counts.present += 1;
                continue;
            }
            let bytes = from.read(&key).await?.ok_or(Error::NotFound("media file"))?;
            self.put(&key, bytes).await?;
            counts.copied += 1;
            counts.bytes += size;
        }
        Ok(counts)
    }
}

/// An entity tag as HTTP writes it, in quotes (S3 gives them so, the local store without).
fn quoted(etag: &str) -> String {
    if etag.starts_with('"') { etag.to_owned() } else { format!("\"{etag}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_under_media_have_keys() {
        assert_eq!(
            MediaStore::key_of("/media/uploads/2026/11/a.jpg"),
            Some("uploads/2026/11/a.jpg")
        );
        assert_eq!(MediaStore::key_of("/media/imported/café.jpg"), Some("imported/café.jpg"));
        for bad in ["/media/", "/media/../lede.db", "/media/a//b", "/static/a.css", "/media/a/"] {
            assert_eq!(MediaStore::key_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_are_clipped_to_the_file() {
        assert_eq!(ByteRange::Between(0, 9).within(100), Some(0..10));
        assert_eq!(ByteRange::Between(90, 200).within(100), Some(90..100));
        assert_eq!(ByteRange::From(40).within(100), Some(40..100));
        assert_eq!(ByteRange::Last(10).within(100), Some(90..100));
        assert_eq!(ByteRange::Last(500).within(100), Some(0..100));
        assert_eq!(ByteRange::From(100).within(100), None);
        assert_eq!(ByteRange::Between(5, 2).within(100), None);
        assert_eq!(ByteRange::Last(0).within(100), None);
    }
}

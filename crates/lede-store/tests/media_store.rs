//! The media store on both kinds: the data directory and a real S3 server (Garage on loopback,
//! started by `scripts/s3-server.sh`): the same reads, writes, ranges, revalidations and
//! deletions; `lede media migrate`'s copy; and the media library writing and deleting its
//! files through it, on both databases.

use lede_store::test_support::{NOW, TestDb, s3_media_store};
use lede_store::{ByteRange, Fetched, MediaLibrary, MediaStore};
use std::path::PathBuf;

lede_store::on_both_databases!(the_library_writes_and_deletes_its_files_in_the_bucket);

struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        Self(
            std::env::temp_dir()
                .join(format!("lede-media-store-{label}-{}-{nanos}", std::process::id())),
        )
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A found file's bytes, and what the store said of it.
struct Read {
    bytes: Vec<u8>,
    size: u64,
    range: std::ops::Range<u64>,
    etag: Option<String>,
}

async fn body_of(fetched: Fetched) -> Read {
    use futures_util::TryStreamExt;
    let Fetched::Found(file) = fetched else { panic!("the file is there") };
    let chunks: Vec<_> = file.body.try_collect().await.expect("the body reads");
    Read { bytes: chunks.concat(), size: file.size, range: file.range, etag: file.etag }
}

/// What every store must do, the same on disk and in a bucket.
async fn keeps_reads_and_deletes(media: &MediaStore) {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    media.put("uploads/2026/11/ab12.png", bytes.clone()).await.expect("write");
    media.put("imported/2019/05/café au lait.jpg", &b"jpeg"[..]).await.expect("a name to escape");
    assert_eq!(media.size("uploads/2026/11/ab12.png").await.expect("head"), Some(1000));
    assert_eq!(media.size("uploads/2026/11/none.png").await.expect("head"), None);
    assert_eq!(
        media.read("imported/2019/05/café au lait.jpg").await.expect("get"),
        Some(b"jpeg"[..].into())
    );

    let whole =
        body_of(media.fetch("uploads/2026/11/ab12.png", None, None).await.expect("get")).await;
    assert_eq!(whole.bytes, bytes, "the same bytes");
    assert_eq!((whole.size, whole.range), (1000, 0..1000));
    let etag = whole.etag.expect("an ETag");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "quoted as HTTP writes it: {etag}");
    let again = media.fetch("uploads/2026/11/ab12.png", None, Some(&etag)).await.expect("get");
    assert!(matches!(again, Fetched::NotModified { etag: Some(ref e) } if *e == etag));
    let changed = media.fetch("uploads/2026/11/ab12.png", None, Some("\"other\"")).await;
    assert!(matches!(changed, Ok(Fetched::Found(_))), "another ETag gets the file");

    let part = body_of(
        media
            .fetch("uploads/2026/11/ab12.png", Some(ByteRange::Between(10, 19)), None)
            .await
            .expect("get"),
    )
    .await;
    assert_eq!((part.bytes.as_slice(), part.range), (&bytes[10..20], 10..20));
    let tail = body_of(
        media.fetch("uploads/2026/11/ab12.png", Some(ByteRange::Last(5)), None).await.expect("get"),
    )
    .await;
    assert_eq!(tail.bytes, &bytes[995..]);
    let beyond = media.fetch("uploads/2026/11/ab12.png", Some(ByteRange::From(1000)), None).await;
    assert!(matches!(beyond, Ok(Fetched::Unsatisfiable { size: 1000 })));

    for missing in ["uploads/2026/11/none.png", "../lede.db", "uploads//x.png", ""] {
        let fetched = media.fetch(missing, None, None).await.expect("no error");
        assert!(matches!(fetched, Fetched::Missing), "{missing:?}");
    }
    let listed = media.list().await.expect("list");
    assert_eq!(
        listed,
        [
            ("imported/2019/05/café au lait.jpg".to_owned(), 4),
            ("uploads/2026/11/ab12.png".to_owned(), 1000)
        ]
    );
    media.delete("uploads/2026/11/ab12.png").await.expect("delete");
    media.delete("uploads/2026/11/ab12.png").await.expect("a file already gone is no error");
    assert_eq!(media.size("uploads/2026/11/ab12.png").await.expect("head"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_directory_keeps_reads_and_deletes_files() {
    let dir = TempDir::new("local");
    let media = MediaStore::local(&dir.0).expect("a media folder");
    keeps_reads_and_deletes(&media).await;
    assert!(
        dir.0.join("imported/2019/05/café au lait.jpg").is_file(),
        "files keep their names on disk"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_s3_bucket_keeps_reads_and_deletes_files() {
    let Some(media) = s3_media_store("contract") else { return };
    media.check().await.expect("the server answers");
    keeps_reads_and_deletes(&media).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_is_caught_by_the_check() {
    let Some(media) = s3_media_store("check") else { return };
    media.check().await.expect("the right key works");
    let wrong = lede_store::S3Settings {
        endpoint: Some("http://127.0.0.1:1".into()),
        bucket: "lede-test".into(),
        region: "garage".into(),
        access_key_id: "GKnobody".into(),
        secret_access_key: "nothing".into(),
        prefix: String::new(),
    };
    let error = MediaStore::s3(&wrong).expect("built").check().await.expect_err("nothing answers");
    assert!(error.to_string().contains("s3://lede-test"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrating_copies_what_the_bucket_lacks_once() {
    let Some(bucket) = s3_media_store("migrate") else { return };
    let dir = TempDir::new("migrate");
    let local = MediaStore::local(&dir.0).expect("a media folder");
    for (key, bytes) in [
        ("uploads/2026/11/ab12.jpg", &b"an upload"[..]),
        ("uploads/2026/11/ab12-480.webp", b"its variant"),
        ("avatars/3-cd34.png", b"a picture"),
        ("demo/council.svg", b"<svg/>"),
        ("imported/2019/05/cat.jpg", b"imported"),
    ] {
        local.put(key, bytes).await.expect("write");
    }
    bucket.put("demo/council.svg", &b"<svg/>"[..]).await.expect("one is there already");
    let first = bucket.copy_missing_from(&local, |_| {}).await.expect("copy");
    assert_eq!((first.copied, first.present), (4, 1), "{first:?}");
    assert_eq!(bucket.list().await.expect("list"), local.list().await.expect("list"));
    let again = bucket.copy_missing_from(&local, |_| {}).await.expect("copy");
    assert_eq!((again.copied, again.present), (0, 5), "nothing twice");
    local.put("imported/2019/05/cat.jpg", &b"imported anew"[..]).await.expect("write");
    let changed = bucket.copy_missing_from(&local, |_| {}).await.expect("copy");
    assert_eq!(changed.copied, 1, "another size is copied again");
    assert_eq!(
        bucket.read("imported/2019/05/cat.jpg").await.expect("get"),
        Some(b"imported anew"[..].into())
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 80, 20]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}

async fn the_library_writes_and_deletes_its_files_in_the_bucket(db: &TestDb) {
    let Some(bucket) = s3_media_store("library") else { return };
    let newsroom = db.newsroom().await;
    let library = MediaLibrary::new(newsroom.store().clone(), bucket.clone(), Default::default());
    let item = library.upload(&png(1200, 600), "harbour.png", None, NOW).await.expect("upload");
    let key = MediaStore::key_of(&item.path).expect("a key").to_owned();
    assert!(key.starts_with("uploads/2026/11/"), "{key}");
    let variants: Vec<String> = item.widths.iter().map(|w| item.variant(*w, "webp")).collect();
    assert!(!variants.is_empty(), "a wide image has variants");
    assert!(bucket.size(&key).await.expect("head").is_some(), "the original is in the bucket");
    for variant in &variants {
        let key = MediaStore::key_of(variant).expect("a key");
        assert!(bucket.size(key).await.expect("head").is_some(), "{variant} is in the bucket");
    }
    let role = lede_core::account::Role::Editor;
    lede_store::Accounts::new(&newsroom)
        .create_user("ed@example.com", "Ed Itor", role, "a long passphrase")
        .await
        .expect("an editor");
    let editor = newsroom.store().user_by_email("ed@example.com").await.expect("q").expect("ed");
    library.delete(&editor, item.id).await.expect("delete");
    assert!(bucket.size(&key).await.expect("head").is_none(), "the original is gone");
    for variant in &variants {
        let key = MediaStore::key_of(variant).expect("a key");
        assert!(bucket.size(key).await.expect("head").is_none(), "{variant} is gone");
    }
    assert!(bucket.list().await.expect("list").is_empty(), "nothing stays behind");
}
